// SPDX-License-Identifier: GPL-2.0
/*
 * Events for monitors: a change uevent on the head disk when a path
 * fails or is reinstated, when the head has no usable path left, and when
 * the head is removed, with keys in dm-multipath's style:
 *
 *	MPATH_ACTION=PATH_FAILED | PATH_REINSTATED | NO_USABLE_PATH |
 *		     IO_STALLED | HEAD_REMOVED
 *	MPATH_PATH=<path device name>		(path events)
 *	MPATH_PATH_DEVT=<major>:<minor>		(path events)
 *	MPATH_NR_USABLE_PATHS=<n>		when the event happened
 *
 * Paths fail in bio completion context, where a uevent cannot be sent:
 * events are queued (GFP_ATOMIC; a lost one is counted and logged) and
 * sent in order from a work item.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "internal.h"

#ifdef MPATH_KUNIT_EXPORTS
/*
 * Test build only: a delay after an event is queued, in which the work
 * can send and free it (tests/api/014 sets it).
 */
static unsigned int test_event_delay_us;
module_param(test_event_delay_us, uint, 0644);
MODULE_PARM_DESC(test_event_delay_us, "tests only: delay after queueing an event");

/* and a delay before the work looks at the disk (the head may go then) */
static unsigned int test_event_work_delay_ms;
module_param(test_event_work_delay_ms, uint, 0644);
MODULE_PARM_DESC(test_event_work_delay_ms, "tests only: delay at the start of the event work");

static void mpath_test_event_window(void)
{
	unsigned int us = READ_ONCE(test_event_delay_us);

	while (us--)
		udelay(1);
}

static void mpath_test_event_work_window(void)
{
	unsigned int ms = READ_ONCE(test_event_work_delay_ms);

	if (ms)
		msleep(ms);
}
#else
static inline void mpath_test_event_window(void)
{
}

static inline void mpath_test_event_work_window(void)
{
}
#endif

static const char *const mpath_event_names[] = {
	[MPATH_EVENT_PATH_FAILED]	= "PATH_FAILED",
	[MPATH_EVENT_PATH_REINSTATED]	= "PATH_REINSTATED",
	[MPATH_EVENT_NO_USABLE_PATH]	= "NO_USABLE_PATH",
	[MPATH_EVENT_IO_STALLED]	= "IO_STALLED",
	[MPATH_EVENT_HEAD_REMOVED]	= "HEAD_REMOVED",
};

/**
 * struct mpath_event - a uevent waiting to be sent
 * @entry: in the head's @events list
 * @action: what happened
 * @path: the path's device name, "" for a head event
 * @devt: the path's device number
 * @nr_usable: usable paths when it happened
 */
struct mpath_event {
	struct list_head entry;
	enum mpath_event_action action;
	char path[BDEVNAME_SIZE];
	dev_t devt;
	unsigned int nr_usable;
};

/* Context: any; takes an SRCU read lock on head->srcu. */
static unsigned int mpath_nr_usable_paths(struct mpath_head *head)
{
	struct mpath_device *dev;
	unsigned int n = 0;
	int srcu_idx;

	srcu_idx = srcu_read_lock(&head->srcu);
	list_for_each_entry_srcu(dev, &head->dev_list, siblings,
				 srcu_read_lock_held(&head->srcu)) {
		if (!mpath_device_is_disabled(dev) &&
		    (READ_ONCE(dev->access_state) == MPATH_STATE_OPTIMIZED ||
		     READ_ONCE(dev->access_state) == MPATH_STATE_NONOPTIMIZED))
			n++;
	}
	srcu_read_unlock(&head->srcu, srcu_idx);
	return n;
}

/**
 * mpath_queue_event() - queue a uevent of a head
 * @head: the head
 * @action: what happened
 * @dev: the path it happened to, or NULL for a head event
 *
 * A path failure that leaves no usable path queues NO_USABLE_PATH after
 * PATH_FAILED.
 *
 * Context: any.
 */
void mpath_queue_event(struct mpath_head *head,
		       enum mpath_event_action action,
		       struct mpath_device *dev)
{
	unsigned int nr_usable = mpath_nr_usable_paths(head);
	struct mpath_event *ev;
	unsigned long flags;

	if (!head->disk || test_bit(MPATH_HEAD_REMOVING, &head->flags))
		return;
	ev = kzalloc(sizeof(*ev), GFP_ATOMIC);
	if (!ev) {
		atomic_inc(&head->events_lost);
		return;
	}
	ev->action = action;
	ev->nr_usable = nr_usable;
	if (dev) {
		snprintf(ev->path, sizeof(ev->path), "%pg", dev->bdev);
		ev->devt = dev->bdev->bd_dev;
	}
	spin_lock_irqsave(&head->requeue_lock, flags);
	list_add_tail(&ev->entry, &head->events);
	spin_unlock_irqrestore(&head->requeue_lock, flags);
	/* the work may send and free @ev from here on */
	queue_work(mpath_wq, &head->event_work);
	mpath_test_event_window();

	if (action == MPATH_EVENT_PATH_FAILED && !nr_usable)
		mpath_queue_event(head, MPATH_EVENT_NO_USABLE_PATH, NULL);
}

static void mpath_send_event(struct mpath_head *head, struct mpath_event *ev)
{
	char action[40], path[16 + BDEVNAME_SIZE], devt[40], nr[40];
	char *envp[5];

	snprintf(action, sizeof(action), "MPATH_ACTION=%s",
		 mpath_event_names[ev->action]);
	snprintf(nr, sizeof(nr), "MPATH_NR_USABLE_PATHS=%u", ev->nr_usable);
	envp[0] = action;
	envp[1] = nr;
	envp[2] = path;
	envp[3] = devt;
	envp[4] = NULL;
	if (ev->path[0]) {
		snprintf(path, sizeof(path), "MPATH_PATH=%s", ev->path);
		snprintf(devt, sizeof(devt), "MPATH_PATH_DEVT=%u:%u",
			 MAJOR(ev->devt), MINOR(ev->devt));
	} else {
		envp[2] = NULL;
	}
	kobject_uevent_env(&disk_to_dev(head->disk)->kobj, KOBJ_CHANGE, envp);
}

/* Take the queued events; sent only while the disk is there. */
static void mpath_flush_events(struct mpath_head *head, bool send)
{
	struct mpath_event *ev, *tmp;
	LIST_HEAD(list);
	int lost;

	spin_lock_irq(&head->requeue_lock);
	list_splice_init(&head->events, &list);
	spin_unlock_irq(&head->requeue_lock);

	list_for_each_entry_safe(ev, tmp, &list, entry) {
		if (send)
			mpath_send_event(head, ev);
		list_del(&ev->entry);
		kfree(ev);
	}
	lost = atomic_xchg(&head->events_lost, 0);
	if (lost && head->disk)
		pr_warn_ratelimited("%s: %d events lost (no memory)\n",
				    head->disk->disk_name, lost);
}

void mpath_event_work(struct work_struct *work)
{
	struct mpath_head *head =
		container_of(work, struct mpath_head, event_work);

	mpath_test_event_work_window();
	/*
	 * Not live: not yet (the events wait, mpath_set_live kicks the work)
	 * or no longer (the removal sends them before HEAD_REMOVED, or drops
	 * them if the disk never went live): never drop them here.
	 */
	if (!head->disk || !test_bit(MPATH_HEAD_DISK_LIVE, &head->flags))
		return;
	mpath_flush_events(head, true);
}

/*
 * The head goes: send what is queued, then HEAD_REMOVED, while the disk
 * is still there.
 *
 * Context: process context, before the disk is deleted.
 */
void mpath_send_head_removed(struct mpath_head *head, bool live)
{
	struct mpath_event ev = {
		.action = MPATH_EVENT_HEAD_REMOVED,
		.nr_usable = mpath_nr_usable_paths(head),
	};

	/* the work would drop them: the disk is no longer live */
	cancel_work_sync(&head->event_work);
	mpath_flush_events(head, live);
	if (live)
		mpath_send_event(head, &ev);
}

/* Context: process context; the head is going away, nothing is sent. */
void mpath_drop_events(struct mpath_head *head)
{
	cancel_work_sync(&head->event_work);
	mpath_flush_events(head, false);
}
