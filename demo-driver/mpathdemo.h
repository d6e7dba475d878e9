/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mpathdemo - a multipath disk over arbitrary block devices, built on
 * libmultipath.  Internal declarations shared by the demo's files.
 */
#ifndef _MPATHDEMO_H
#define _MPATHDEMO_H

#include <linux/blkdev.h>
#include <linux/configfs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <libmultipath/multipath.h>

#include "compat.h"

struct mpdemo_probe;
struct scsi_device;

/* multipathd's polling_interval default */
#define MPDEMO_DEFAULT_CHECK_SECS	5
#define MPDEMO_MAX_CHECK_SECS		3600

/**
 * enum mpdemo_checker - how mpathdemo finds out that a path is up again
 * @MPDEMO_CHECKER_NONE: it does not; paths are reinstated by hand.
 * @MPDEMO_CHECKER_DIRECTIO: a direct read of the path's device, as
 *	multipathd's directio checker (a TEST UNIT READY for a SCSI path
 *	with an ALUA handler, as its tur checker).
 * @MPDEMO_CHECKER_NR: number of checkers (not a checker).
 */
enum mpdemo_checker {
	MPDEMO_CHECKER_NONE,
	MPDEMO_CHECKER_DIRECTIO,
	MPDEMO_CHECKER_NR,
};

/**
 * struct mpdemo_pin - what keeps a head or path slot from being removed
 * @unpin: drops the pin, NULL while none is held.
 *
 * Whoever pins the object sets @unpin (configfs.c: a dependency on the
 * object's group, so that rmdir fails with -EBUSY).  head.c and path.c
 * call mpdemo_unpin() once the object is no longer in use: a disabled
 * head's disk has no opener left, a disabled path's device is closed,
 * which may be long after the write that disabled it.  Protected by
 * mpdemo_lock.
 */
struct mpdemo_pin {
	void (*unpin)(struct mpdemo_pin *pin);
};

/* Context: mpdemo_lock held. */
static inline bool mpdemo_pinned(const struct mpdemo_pin *pin)
{
	return pin->unpin;
}

/* Drop the pin of an object no longer in use.  Context: mpdemo_lock held. */
static inline void mpdemo_unpin(struct mpdemo_pin *pin)
{
	void (*unpin)(struct mpdemo_pin *pin) = pin->unpin;

	if (unpin) {
		pin->unpin = NULL;
		unpin(pin);
	}
}

/**
 * struct mpdemo_head - one multipath disk /dev/mpathdemo<N>
 * @mpath: the library's head; valid (initialised) only while @enabled.
 * @group: configfs directory of the head.
 * @paths_group: its "paths" default group.
 * @paths: the head's path slots (&struct mpdemo_path.entry).
 * @paths_lock: also protects @paths, for walks from bio completion (the
 *	list changes under mpdemo_lock and this).
 * @entry: entry in the global head list.
 * @id: N of the disk name, from an IDA.
 * @disk_name: "mpathdemo<N>".
 * @iopolicy: the policy, also the library's @mpath.iopolicy target.
 * @delayed_removal_secs: configured delayed removal.
 * @queue_if_no_path: queue forever when no path is usable.
 * @enabled: the library head is initialised and the disk exists.
 * @uninit_pending: disabled, but the old disk is still open: @mpath is
 *	released (mpath_head_uninit()) once it is closed.
 * @user_created: made by mkdir (may be rmdir'ed); else by the module.
 * @pin: held while enabled, and after until the disk is released.
 * @nr_open: path slots whose device is open (enabled).
 * @lbs: logical block size every path must have, see
 *	mpdemo_head_geometry().
 * @nr_sectors: capacity every path must have, in 512-byte sectors.
 * @pr_scope: what a reservation registration covers (configfs pr_scope).
 * @checker: the path checker of the head's paths (configfs checker).
 * @checker_interval_secs: how often the checker asks each path.
 * @flap_failures: failures within @flap_window_secs that hold a path
 *	back, 0 for never.
 * @flap_window_secs: see @flap_failures.
 * @flap_hold_secs: how long a flapping path is not reinstated.
 * @remove_requested: the library asked for the removal of this enabled
 *	head (set from its remove_head callback, without mpdemo_lock).
 * @lib_released: the removed disk has no opener left (set from the
 *	library's released callback, without mpdemo_lock).
 * @remove_work: runs a delayed removal the library asked for.
 * @reap_work: releases @mpath once @lib_released, while @uninit_pending.
 *
 * Every field but @mpath, @remove_requested and @lib_released is
 * protected by mpdemo_lock.
 */
struct mpdemo_head {
	struct mpath_head mpath;
	struct config_group group;
	struct config_group paths_group;
	struct list_head paths;
	spinlock_t paths_lock;	/* @paths, for walks outside mpdemo_lock */
	struct list_head entry;
	int id;
	char disk_name[DISK_NAME_LEN];
	enum mpath_iopolicy_e iopolicy;
	unsigned int delayed_removal_secs;
	bool queue_if_no_path;
	bool enabled;
	bool uninit_pending;
	bool user_created;
	struct mpdemo_pin pin;
	unsigned int nr_open;
	unsigned int lbs;
	sector_t nr_sectors;
	enum mpath_pr_scope pr_scope;
	enum mpdemo_checker checker;
	unsigned int checker_interval_secs;
	unsigned int flap_failures;
	unsigned int flap_window_secs;
	unsigned int flap_hold_secs;
	bool remove_requested;
	bool lib_released;
	struct work_struct remove_work;
	struct work_struct reap_work;
};

/**
 * struct mpdemo_path - one path slot of a head
 * @mdev: the library's path; in the library's list only while @attached.
 * @head: the head the slot belongs to.
 * @group: configfs directory of the slot.
 * @entry: entry in @head's path list.
 * @device: the configured device path, NULL if none.
 * @devt: dev_t of @device when it was configured.
 * @bdev: the exclusively opened device, while @enabled.
 * @lock: serialises @attached and library calls on @mdev with the holder
 *	ops (which run under the bdev's bd_holder_lock, so never take
 *	mpdemo_lock there).
 * @state: configured access state (used unless @sdev gives it).
 * @state_manual: an administrator wrote @state: it overrides the array's
 *	word until "auto" is written (@lock and mpdemo_lock to change).
 * @sdev: the SCSI device of @bdev when its ALUA handler gives the path's
 *	state (alua.c); valid while @bdev is open.
 * @transport_up: the checker's last probe got an answer from the device
 *	(for a path the array keeps out of use: I/O may wait for it).
 * @suspect: a path error on a path the handler calls usable made it
 *	"change" until its check asks the array (mpdemo_alua_error_state()).
 * @hint_valid: the port answered a TEST UNIT READY with @hint_state while
 *	the handler reported @hint_raw, and still does: believe the port.
 * @hint_state: see @hint_valid.
 * @hint_raw: see @hint_valid.
 * @numa_node: configured node; NUMA_NO_NODE means the device's own node.
 * @fault: fault injection: fail every I/O of the path (pulled cable).
 * @dead: the device went away under us (holder ops, 6.5+).
 * @enabled: the device is open (and attached if the head is enabled).
 * @attached: @mdev is in the library's path list.
 * @user_created: made by mkdir; else by the module.
 * @pin: held while enabled, and after until the device is closed.
 * @ioctl_active: ioctls forwarded to the path without SRCU (atomic); the
 *	device is not closed before they finished.
 * @draining: disabled, but bios sent to the path have not all completed
 *	(its device stopped answering): @drain_work finishes the removal.
 * @drain_start: when @draining began, in jiffies.
 * @drain_work: waits for the path's last bios, off the disabling task.
 * @checking: @check_work runs (the path is attached, and the head checks
 *	or @sdev gives the path's state).
 * @check_stop: tells @check_work to stop waiting for its probe.
 * @check_lock: orders a path error's immediate check (bio completion
 *	context) against the checker's stop.
 * @check_mutex: one run of @check_work at a time: a check kicked by a
 *	path error waits for the one still waiting for its probe.
 * @check_work: the path checker (checker.c).
 * @probe: the checker's outstanding probe, or NULL.
 * @probe_sent: when @probe was sent, in jiffies.
 * @was_failed: the path was failed at the checker's last look.
 * @flap_start: start of the current flap window, in jiffies.
 * @flap_count: failures in the current flap window.
 * @held: the path flapped and is held back until @held_until.
 * @held_until: see @held.
 *
 * Fields are protected by mpdemo_lock unless stated.  @dead is also read
 * locklessly from the I/O path.
 */
struct mpdemo_path {
	struct mpath_device mdev;
	struct mpdemo_head *head;
	struct config_group group;
	struct list_head entry;
	char *device;
	dev_t devt;
	struct mpath_bdev bdev;
	/* orders @attached against the holder ops, see above */
	struct mutex lock;
	enum mpath_access_state state;
	bool state_manual;
	struct scsi_device *sdev;
	bool transport_up;
	bool suspect;
	bool hint_valid;
	enum mpath_access_state hint_state;
	u8 hint_raw;
	int numa_node;
	bool fault;
	bool dead;
	bool enabled;
	bool attached;
	bool user_created;
	struct mpdemo_pin pin;
	atomic_t ioctl_active;
	bool draining;
	unsigned long drain_start;
	struct delayed_work drain_work;
	bool checking;
	bool check_stop;
	spinlock_t check_lock;	/* checking, check_stop vs. path errors */
	struct mutex check_mutex;	/* one check of the path at a time */
	struct delayed_work check_work;
	struct mpdemo_probe *probe;
	unsigned long probe_sent;
	bool was_failed;
	unsigned long flap_start;
	unsigned int flap_count;
	bool held;
	unsigned long held_until;
};

extern struct mutex mpdemo_lock;
extern struct list_head mpdemo_heads;
extern enum mpath_iopolicy_e mpdemo_default_iopolicy;

/* head.c: heads */
struct mpdemo_head *mpdemo_head_alloc(bool user_created);
void mpdemo_head_destroy(struct mpdemo_head *h);
void mpdemo_head_free(struct mpdemo_head *h);
int mpdemo_head_enable(struct mpdemo_head *h);
int mpdemo_head_disable(struct mpdemo_head *h, bool force);
int mpdemo_head_set_iopolicy(struct mpdemo_head *h, const char *buf);
int mpdemo_head_set_delayed_removal(struct mpdemo_head *h, unsigned int secs);
int mpdemo_head_set_queue_if_no_path(struct mpdemo_head *h, bool on);
int mpdemo_head_set_pr_scope(struct mpdemo_head *h, const char *buf);
const char *mpdemo_pr_scope_name(enum mpath_pr_scope scope);
int mpdemo_head_revalidate(struct mpdemo_head *h);
bool mpdemo_is_head_disk(struct gendisk *disk);
bool mpdemo_head_geometry(struct mpdemo_head *h, unsigned int *lbs,
			  sector_t *nr_sectors);

/* path.c: path slots */
struct mpdemo_path *mpdemo_path_alloc(struct mpdemo_head *h,
				      bool user_created);
void mpdemo_path_destroy(struct mpdemo_path *p);
void mpdemo_path_free(struct mpdemo_path *p);
int mpdemo_path_set_device(struct mpdemo_path *p, const char *buf);
int mpdemo_path_enable(struct mpdemo_path *p);
void mpdemo_path_disable(struct mpdemo_path *p, bool wait);
int mpdemo_path_attach(struct mpdemo_path *p);
void mpdemo_path_detach(struct mpdemo_path *p);
void mpdemo_paths_detach(struct mpdemo_head *h);
int mpdemo_path_set_state(struct mpdemo_path *p, const char *buf);
enum mpath_access_state mpdemo_path_state(struct mpdemo_path *p);
int mpdemo_path_set_numa_node(struct mpdemo_path *p, int node);
int mpdemo_path_set_fault(struct mpdemo_path *p, const char *buf);
const char *mpdemo_path_name(struct mpdemo_path *p);
__printf(2, 3) void mpdemo_path_err(struct mpdemo_path *p, const char *fmt,
				    ...);

/* checker.c: paths come back by themselves */
int mpdemo_checker_parse(const char *buf);
const char *mpdemo_checker_name(enum mpdemo_checker checker);
void mpdemo_checker_init(struct mpdemo_path *p);
void mpdemo_checker_start(struct mpdemo_path *p);
void mpdemo_checker_stop(struct mpdemo_path *p);
void mpdemo_checker_kick(struct mpdemo_path *p);
void mpdemo_probe_complete(struct mpdemo_probe *pr, blk_status_t status);
void mpdemo_probe_hint(struct mpdemo_probe *pr, enum mpath_access_state state);
int mpdemo_head_set_checker(struct mpdemo_head *h, const char *buf);
void mpdemo_head_kick_checks(struct mpdemo_head *h);

/* alua.c: path states from the storage (SCSI ALUA) */
bool mpdemo_alua_attach(struct mpdemo_path *p);
void mpdemo_alua_detach(struct mpdemo_path *p);
enum mpath_access_state mpdemo_alua_state(struct mpdemo_path *p);
enum mpath_access_state mpdemo_alua_error_state(struct mpdemo_path *p);
void mpdemo_alua_note_answer(struct mpdemo_path *p,
			     enum mpath_access_state state);
bool mpdemo_alua_ghost(struct mpdemo_path *p);
bool mpdemo_alua_running(struct mpdemo_path *p);
ssize_t mpdemo_alua_show(struct mpdemo_path *p, char *buf);
void mpdemo_alua_refresh(struct mpdemo_path *p);
int mpdemo_alua_send_tur(struct mpdemo_path *p, struct mpdemo_probe *pr,
			 unsigned long timeout);

/* sysfs.c: head disk attributes (read-only: configfs sets) */
extern const struct attribute_group *mpdemo_disk_groups[];

/* ioctl.c: ioctls on the head, forwarded to a path */
int mpdemo_ioctl_begin(struct mpath_device *dev, unsigned int cmd, void **ctx);
void mpdemo_ioctl_finish(void *ctx);
long mpdemo_cdev_ioctl(struct mpath_device *dev, unsigned int cmd,
		       unsigned long arg, bool open_for_write);

/* configfs.c: the configfs tree (calls head.c and path.c, never back) */
int mpdemo_configfs_init(void);
void mpdemo_configfs_exit(void);
struct mpdemo_head *mpdemo_configfs_new_head(const char *name,
					     bool user_created);
struct mpdemo_path *mpdemo_configfs_new_path(struct mpdemo_head *h,
					     const char *name,
					     bool user_created);
int mpdemo_configfs_add_head(struct mpdemo_head *h);
int mpdemo_configfs_add_path(struct mpdemo_path *p);
void mpdemo_configfs_remove_head(struct mpdemo_head *h);
void mpdemo_configfs_remove_path(struct mpdemo_path *p);

#endif /* _MPATHDEMO_H */
