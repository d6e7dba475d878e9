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
 * outlives the path if it must: it has a reference of its own, and one on
 * this module, whose code completes it: until the device answers,
 * rmmod mpathdemo fails with EBUSY rather than leave a completion to
 * freed code.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bio.h>
#include <linux/module.h>
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
 * struct mpdemo_probe - one question to a path's device
 * @ref: the path's reference and the I/O's
 * @tur: a TEST UNIT READY (alua.c), not a read
 * @bio: the read
 * @bvec: its one segment
 * @page: the data, one logical block (which may be larger than a page),
 *	thrown away
 * @order: the allocation order of @page
 * @status: the answer once @done: BLK_STS_OK when the device answered
 * @hint: the access state the device's answer named (a TEST UNIT READY
 *	refused with NOT READY: the port is in standby...), or
 *	MPATH_STATE_NR
 * @done: the probe completed
 */
struct mpdemo_probe {
	refcount_t ref;
	bool tur;
	struct bio bio;
	struct bio_vec bvec;
	struct page *page;
	unsigned int order;
	blk_status_t status;
	enum mpath_access_state hint;
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
	if (!pr->tur) {
		bio_uninit(&pr->bio);
		__free_pages(pr->page, pr->order);
	}
	kfree(pr);
}

/**
 * mpdemo_probe_hint() - the access state a probe's answer named
 * @pr: the probe, not completed yet
 * @state: that state, or MPATH_STATE_NR
 *
 * Context: the I/O's completion context, before mpdemo_probe_complete().
 */
void mpdemo_probe_hint(struct mpdemo_probe *pr, enum mpath_access_state state)
{
	pr->hint = state;
}

/**
 * mpdemo_probe_complete() - a probe's answer
 * @pr: the probe
 * @status: BLK_STS_OK if the device answered
 *
 * Drops the probe's module reference: the last code of this module a
 * completion runs.
 *
 * Context: the I/O's completion context.
 */
void mpdemo_probe_complete(struct mpdemo_probe *pr, blk_status_t status)
{
	pr->status = status;
	/* pairs with the acquire in the check work: status before done */
	smp_store_release(&pr->done, true);
	wake_up(&mpdemo_check_wq);
	mpdemo_probe_put(pr);
	/* taken when the probe was sent: this module may go after this */
	module_put(THIS_MODULE);
}

static void mpdemo_probe_end_io(struct bio *bio)
{
	mpdemo_probe_complete(bio->bi_private, bio->bi_status);
}

static bool mpdemo_probe_done(struct mpdemo_probe *pr)
{
	/* acquire: pairs with the release in end_io, status before done */
	return smp_load_acquire(&pr->done);
}

/*
 * Send a probe to @p's device: a TEST UNIT READY if @tur (a path the
 * array keeps out of use refuses reads), else a read of its first block.
 * Context: the check work.
 */
static struct mpdemo_probe *mpdemo_probe_send(struct mpdemo_path *p, bool tur,
					      unsigned long timeout)
{
	struct block_device *bdev = p->bdev.bdev;
	unsigned int lbs = bdev_logical_block_size(bdev);
	struct mpdemo_probe *pr;

	pr = kzalloc(sizeof(*pr), GFP_NOIO);
	if (!pr)
		return NULL;
	refcount_set(&pr->ref, 2);
	pr->hint = MPATH_STATE_NR;
	/* the completion runs this module's code: see mpdemo_probe_complete() */
	__module_get(THIS_MODULE);
	if (tur) {
		pr->tur = true;
		if (mpdemo_alua_send_tur(p, pr, timeout))
			goto out_free;
		return pr;
	}
	/* a logical block may be up to 64 KiB (6.15+): contiguous pages */
	pr->order = get_order(lbs);
	pr->page = alloc_pages(GFP_NOIO, pr->order);
	if (!pr->page)
		goto out_free;
	bio_init(&pr->bio, bdev, &pr->bvec, 1, REQ_OP_READ | REQ_SYNC);
	pr->bio.bi_iter.bi_sector = 0;
	__bio_add_page(&pr->bio, pr->page, lbs, 0);
	pr->bio.bi_end_io = mpdemo_probe_end_io;
	pr->bio.bi_private = pr;
	submit_bio(&pr->bio);
	return pr;

out_free:
	module_put(THIS_MODULE);
	kfree(pr);
	return NULL;
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
	bool probing = READ_ONCE(h->checker) != MPDEMO_CHECKER_NONE;
	enum mpath_access_state hint = MPATH_STATE_NR;
	unsigned long now = jiffies, deadline;
	bool failed, up, ghost, suspect;

	mutex_lock(&p->check_mutex);
	/*
	 * The array's word first: the path's state and preference.  A path
	 * that a path error made "change" is asked before it is believed.
	 */
	if (!READ_ONCE(p->sdev))
		mpdemo_alua_attach(p);
	suspect = READ_ONCE(p->suspect);
	if (!suspect) {
		mutex_lock(&p->lock);
		mpdemo_alua_refresh(p);
		mutex_unlock(&p->lock);
	}
	ghost = mpdemo_alua_ghost(p);
	/* without a checker, only a ghost or a suspect is asked */
	if (!probing && !ghost && !suspect)
		goto out_resched;

	failed = mpath_device_failed(&p->mdev);
	if (failed && !p->was_failed)
		mpdemo_checker_count_failure(p, now);
	p->was_failed = failed;

	/*
	 * A SCSI path with an ALUA handler is asked with a TEST UNIT READY
	 * (multipathd's tur checker): a port in standby refuses reads before
	 * they leave the host, and its answer names the port's state.
	 */
	if (!p->probe) {
		p->probe = mpdemo_probe_send(p, READ_ONCE(p->sdev), interval);
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
	if (READ_ONCE(p->check_stop)) {
		mutex_unlock(&p->check_mutex);
		return;
	}
	if (mpdemo_probe_done(p->probe)) {
		up = !p->probe->status;
		hint = p->probe->hint;
		mpdemo_probe_put(p->probe);
		p->probe = NULL;
	} else {
		/* no answer within the interval: down, and not asked again */
		up = false;
	}
	/* an injected fault is a pulled cable: the probe cannot see it */
	up = up && mpdemo_alua_running(p) && !READ_ONCE(p->fault);
	if (up && READ_ONCE(p->sdev)) {
		/* the port's own answer may be fresher than the handler's */
		mutex_lock(&p->lock);
		mpdemo_alua_note_answer(p, hint);
		mpdemo_alua_refresh(p);
		mutex_unlock(&p->lock);
	}
	if (suspect) {
		WRITE_ONCE(p->suspect, false);
		if (up)
			goto out_transport;
		/* a path error, and no answer: the path is down after all */
		mutex_lock(&p->lock);
		mpdemo_alua_refresh(p);
		mutex_unlock(&p->lock);
		failed = mpath_device_failed(&p->mdev);
		probing = true;
	}
	/*
	 * A read the array refused because it moved the path meanwhile (a
	 * unit attention on the way told the handler) is a state change,
	 * not a failure: the state is taken now, the transport asked next.
	 */
	if (!up && !ghost && mpdemo_alua_running(p) &&
	    mpdemo_alua_ghost(p)) {
		mutex_lock(&p->lock);
		mpdemo_alua_refresh(p);
		mutex_unlock(&p->lock);
		goto out_resched;
	}
out_transport:
	WRITE_ONCE(p->transport_up, up);
	if (!probing)
		goto out_resched;

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
	mutex_unlock(&p->check_mutex);
	schedule_delayed_work(&p->check_work, interval);
}

/* Does @p need its check work: a checker, or an array that gives states? */
static bool mpdemo_checker_wanted(struct mpdemo_path *p)
{
	return p->head->checker != MPDEMO_CHECKER_NONE || p->sdev;
}

/**
 * mpdemo_checker_start() - check an attached path (if its head checks, or
 *	its array gives its state)
 * @p: the slot, attached
 *
 * Context: process context, mpdemo_lock held.
 */
void mpdemo_checker_start(struct mpdemo_path *p)
{
	lockdep_assert_held(&mpdemo_lock);

	if (!mpdemo_checker_wanted(p) || p->checking)
		return;
	p->was_failed = mpath_device_failed(&p->mdev);
	p->flap_count = 0;
	p->held = false;
	WRITE_ONCE(p->transport_up, true);
	spin_lock_irq(&p->check_lock);
	WRITE_ONCE(p->check_stop, false);
	p->checking = true;
	spin_unlock_irq(&p->check_lock);
	schedule_delayed_work(&p->check_work, 0);
}

/**
 * mpdemo_checker_kick() - check a path now (a path error on it)
 * @p: the slot
 *
 * The array may have moved the path: its state is read at once, before
 * the next interval.
 *
 * Context: any, including bio completion.
 */
void mpdemo_checker_kick(struct mpdemo_path *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->check_lock, flags);
	if (p->checking && !p->check_stop)
		mod_delayed_work(system_wq, &p->check_work, 0);
	spin_unlock_irqrestore(&p->check_lock, flags);
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
	spin_lock_irq(&p->check_lock);
	WRITE_ONCE(p->check_stop, true);
	spin_unlock_irq(&p->check_lock);
	wake_up(&mpdemo_check_wq);
	cancel_delayed_work_sync(&p->check_work);
	if (p->probe) {
		/* an outstanding probe frees itself when it completes */
		if (!mpdemo_probe_done(p->probe))
			pr_warn("%s/%s: checker: the probe of %s has not completed: mpathdemo stays loaded until it does\n",
				config_item_name(&p->head->group.cg_item),
				mpdemo_path_name(p), p->device);
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
	spin_lock_init(&p->check_lock);
	mutex_init(&p->check_mutex);
	INIT_DELAYED_WORK(&p->check_work, mpdemo_check_work);
}

/**
 * mpdemo_head_kick_checks() - check every path of a head now
 * @h: the head
 *
 * A path error, or an array's new word on one path: the array reports
 * the states of all its ports at once, so every path takes its state now
 * rather than at its next interval.
 *
 * Context: any, including bio completion.
 */
void mpdemo_head_kick_checks(struct mpdemo_head *h)
{
	struct mpdemo_path *p;
	unsigned long flags;

	spin_lock_irqsave(&h->paths_lock, flags);
	list_for_each_entry(p, &h->paths, entry)
		mpdemo_checker_kick(p);
	spin_unlock_irqrestore(&h->paths_lock, flags);
}

/**
 * mpdemo_head_set_checker() - change the path checker of a head
 * @h: the head
 * @buf: "none" or "directio", maybe newline-terminated
 *
 * The attached paths' checkers stop and, for "directio", start again.
 *
 * Context: process context, mpdemo_lock held.
 * Return: 0 or -EINVAL for an unknown checker.
 */
int mpdemo_head_set_checker(struct mpdemo_head *h, const char *buf)
{
	struct mpdemo_path *p;
	int c;

	lockdep_assert_held(&mpdemo_lock);

	c = mpdemo_checker_parse(buf);
	if (c < 0) {
		pr_err("%s: unknown checker '%.*s' (none or directio)\n",
		       config_item_name(&h->group.cg_item),
		       (int)strcspn(buf, "\n"), buf);
		return -EINVAL;
	}
	list_for_each_entry(p, &h->paths, entry)
		mpdemo_checker_stop(p);
	h->checker = c;
	list_for_each_entry(p, &h->paths, entry) {
		if (p->attached)
			mpdemo_checker_start(p);
	}
	return 0;
}
