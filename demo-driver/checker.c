// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo path checker: paths come back by themselves.
 *
 * The library stays policy-free: it fails a path on a path error and
 * waits for the driver to reinstate it.  A driver that knows its transport
 * (NVMe, SCSI) reinstates on a reconnect; mpathdemo stacks arbitrary block
 * devices, so it asks them, as multipathd's directio checker does: every
 * checker_interval_secs a read of one logical block from the path's own
 * device (never through the head) tells whether the path is up.  A failed
 * path whose probe succeeds is reinstated; a path whose probe fails is
 * failed.  A path that flaps, failing flap_failures times within
 * flap_window_secs, is held back flap_hold_secs before it is reinstated
 * again (multipathd's san_path_err_* and marginal_path_* ideas).
 *
 * Each attached path has its own delayed work.  A probe that does not
 * complete within the interval counts as a failure and is not sent again
 * until it completes; the work never waits for it longer than that, and
 * stopping the checker (detaching the path) interrupts the wait, so a
 * path that stopped answering never holds up its own removal.  The probe
 * outlives the path if it must: it has a reference of its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/slab.h>

#include "mpathdemo.h"

static const char *const mpdemo_checker_names[MPDEMO_CHECKER_NR] = {
	[MPDEMO_CHECKER_NONE]		= "none",
	[MPDEMO_CHECKER_DIRECTIO]	= "directio",
};

/**
 * mpdemo_checker_parse() - a checker from its configfs name
 * @buf: "none" or "directio", maybe newline-terminated
 *
 * Context: any.
 * Return: the enum mpdemo_checker value, or -EINVAL.
 */
int mpdemo_checker_parse(const char *buf)
{
	int i;

	for (i = 0; i < MPDEMO_CHECKER_NR; i++)
		if (sysfs_streq(buf, mpdemo_checker_names[i]))
			return i;
	return -EINVAL;
}

/**
 * mpdemo_checker_name() - the configfs name of a checker
 * @checker: the checker
 *
 * Context: any.
 * Return: its name, or "invalid".
 */
const char *mpdemo_checker_name(enum mpdemo_checker checker)
{
	if ((unsigned int)checker >= MPDEMO_CHECKER_NR)
		return "invalid";
	return mpdemo_checker_names[checker];
}

/**
 * struct mpdemo_probe - one read of a path's device
 * @ref: the path's reference and the bio's
 * @bio: the read
 * @bvec: its one segment
 * @page: the data, thrown away
 * @status: the read's status once @done
 * @done: the read completed
 */
struct mpdemo_probe {
	refcount_t ref;
	struct bio bio;
	struct bio_vec bvec;
	struct page *page;
	blk_status_t status;
	bool done;
};

/*
 * The checks wait here for their probe (or their stop): one queue for all,
 * so that a completion never touches a path that may be gone.
 */
static DECLARE_WAIT_QUEUE_HEAD(mpdemo_check_wq);

static void mpdemo_probe_put(struct mpdemo_probe *pr)
{
	if (!refcount_dec_and_test(&pr->ref))
		return;
	bio_uninit(&pr->bio);
	__free_page(pr->page);
	kfree(pr);
}

static void mpdemo_probe_end_io(struct bio *bio)
{
	struct mpdemo_probe *pr = bio->bi_private;

	pr->status = bio->bi_status;
	/* pairs with the acquire in the check work: status before done */
	smp_store_release(&pr->done, true);
	wake_up(&mpdemo_check_wq);
	mpdemo_probe_put(pr);
}

static bool mpdemo_probe_done(struct mpdemo_probe *pr)
{
	/* acquire: pairs with the release in end_io, status before done */
	return smp_load_acquire(&pr->done);
}

/* Send a probe to @p's device; Context: the check work. */
static struct mpdemo_probe *mpdemo_probe_send(struct mpdemo_path *p)
{
	struct block_device *bdev = p->bdev.bdev;
	struct mpdemo_probe *pr;

	pr = kzalloc(sizeof(*pr), GFP_NOIO);
	if (!pr)
		return NULL;
	pr->page = alloc_page(GFP_NOIO);
	if (!pr->page) {
		kfree(pr);
		return NULL;
	}
	refcount_set(&pr->ref, 2);
	bio_init(&pr->bio, bdev, &pr->bvec, 1, REQ_OP_READ | REQ_SYNC);
	pr->bio.bi_iter.bi_sector = 0;
	__bio_add_page(&pr->bio, pr->page, bdev_logical_block_size(bdev), 0);
	pr->bio.bi_end_io = mpdemo_probe_end_io;
	pr->bio.bi_private = pr;
	submit_bio(&pr->bio);
	return pr;
}

/* a failure of @p; holds it back when it flapped too often */
static void mpdemo_checker_count_failure(struct mpdemo_path *p,
					 unsigned long now)
{
	struct mpdemo_head *h = p->head;
	unsigned int n = READ_ONCE(h->flap_failures);
	unsigned long window = READ_ONCE(h->flap_window_secs) * HZ;

	if (!n)
		return;
	if (!p->flap_count || time_after(now, p->flap_start + window)) {
		p->flap_start = now;
		p->flap_count = 0;
	}
	if (++p->flap_count < n)
		return;
	p->flap_count = 0;
	p->held_until = now + READ_ONCE(h->flap_hold_secs) * HZ;
	p->held = true;
	pr_warn("%s/%s: failed %u times within %u s: not reinstated for %u s\n",
		config_item_name(&h->group.cg_item), mpdemo_path_name(p), n,
		READ_ONCE(h->flap_window_secs), READ_ONCE(h->flap_hold_secs));
}

static void mpdemo_check_work(struct work_struct *work)
{
	struct mpdemo_path *p = container_of(to_delayed_work(work),
					     struct mpdemo_path, check_work);
	struct mpdemo_head *h = p->head;
	unsigned long interval = max(READ_ONCE(h->checker_interval_secs), 1U) * HZ;
	unsigned long now = jiffies, deadline;
	bool failed, up;

	failed = mpath_device_failed(&p->mdev);
	if (failed && !p->was_failed)
		mpdemo_checker_count_failure(p, now);
	p->was_failed = failed;

	if (!p->probe) {
		p->probe = mpdemo_probe_send(p);
		p->probe_sent = now;
	}
	if (!p->probe)
		goto out_resched;
	/* at most one interval, and not past the checker's stop */
	deadline = p->probe_sent + interval;
	wait_event_timeout(mpdemo_check_wq,
			   mpdemo_probe_done(p->probe) ||
			   READ_ONCE(p->check_stop),
			   time_after(deadline, jiffies) ? deadline - jiffies : 0);
	if (READ_ONCE(p->check_stop))
		return;
	if (mpdemo_probe_done(p->probe)) {
		up = !p->probe->status;
		mpdemo_probe_put(p->probe);
		p->probe = NULL;
	} else {
		/* no answer within the interval: down, and not asked again */
		up = false;
	}

	if (!up && !failed) {
		pr_warn("%s/%s: checker: %s is down, failing the path\n",
			config_item_name(&h->group.cg_item),
			mpdemo_path_name(p), p->device);
		mpath_device_fail(&p->mdev);
		p->was_failed = true;
		mpdemo_checker_count_failure(p, jiffies);
	} else if (up && failed) {
		if (p->held && time_before(jiffies, p->held_until))
			goto out_resched;
		p->held = false;
		pr_info("%s/%s: checker: %s is up, reinstating the path\n",
			config_item_name(&h->group.cg_item),
			mpdemo_path_name(p), p->device);
		mpath_device_reinstate(&p->mdev);
		p->was_failed = false;
	}
out_resched:
	schedule_delayed_work(&p->check_work, interval);
}

/**
 * mpdemo_checker_start() - check an attached path (if its head checks)
 * @p: the slot, attached
 *
 * Context: process context, mpdemo_lock held.
 */
void mpdemo_checker_start(struct mpdemo_path *p)
{
	lockdep_assert_held(&mpdemo_lock);

	if (p->head->checker == MPDEMO_CHECKER_NONE || p->checking)
		return;
	WRITE_ONCE(p->check_stop, false);
	p->was_failed = mpath_device_failed(&p->mdev);
	p->flap_count = 0;
	p->held = false;
	p->checking = true;
	schedule_delayed_work(&p->check_work, 0);
}

/**
 * mpdemo_checker_stop() - stop checking a path
 * @p: the slot
 *
 * Returns at once even if a probe of a device that stopped answering is
 * outstanding: the probe frees itself when it completes.
 *
 * Context: process context, mpdemo_lock held.
 */
void mpdemo_checker_stop(struct mpdemo_path *p)
{
	lockdep_assert_held(&mpdemo_lock);

	if (!p->checking)
		return;
	WRITE_ONCE(p->check_stop, true);
	wake_up(&mpdemo_check_wq);
	cancel_delayed_work_sync(&p->check_work);
	if (p->probe) {
		/* an outstanding probe frees itself when it completes */
		mpdemo_probe_put(p->probe);
		p->probe = NULL;
	}
	p->checking = false;
}

/**
 * mpdemo_checker_init() - set up a slot's checker (stopped)
 * @p: the slot
 *
 * Context: process context.
 */
void mpdemo_checker_init(struct mpdemo_path *p)
{
	INIT_DELAYED_WORK(&p->check_work, mpdemo_check_work);
}
