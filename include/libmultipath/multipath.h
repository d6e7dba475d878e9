/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libmultipath - native multipath for bio-based block drivers.
 *
 * A driver embeds a struct mpath_head in the object that represents one
 * logical device reachable over several paths, and a struct mpath_device in
 * each object that represents one path to it.  The library owns the
 * multipath gendisk, path selection, I/O submission, failover, queueing
 * while no path is usable and the sysfs surface of the head.
 *
 * Derived from the NVMe native multipath code (drivers/nvme/host/multipath.c)
 * by Christoph Hellwig, and from the "libmultipath: a generic multipath lib
 * for block drivers" series by John Garry.
 *
 * The header lives in include/libmultipath/ so that a kernel's own
 * <linux/multipath.h> can never shadow it.
 */
#ifndef _LIBMULTIPATH_MULTIPATH_H
#define _LIBMULTIPATH_MULTIPATH_H

#include <linux/blkdev.h>
#include <linux/bio.h>
#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include <linux/workqueue.h>

struct mpath_head;
struct mpath_device;

/**
 * enum mpath_iopolicy_e - how the head spreads I/O over its usable paths
 * @MPATH_IOPOLICY_NUMA: the closest path to the submitting CPU's node.
 * @MPATH_IOPOLICY_RR: round-robin over the best usable paths.
 * @MPATH_IOPOLICY_QD: the path with the fewest bios in flight.
 * @MPATH_IOPOLICY_NR: number of policies (not a policy).
 *
 * The names ("numa", "round-robin", "queue-depth") and the semantics are
 * those of NVMe native multipath.
 */
enum mpath_iopolicy_e {
	MPATH_IOPOLICY_NUMA,
	MPATH_IOPOLICY_RR,
	MPATH_IOPOLICY_QD,
	MPATH_IOPOLICY_NR,
};

/**
 * enum mpath_access_state - asymmetric access state of one path
 * @MPATH_STATE_OPTIMIZED: usable and preferred (ANA optimized,
 *	ALUA active/optimized).
 * @MPATH_STATE_NONOPTIMIZED: usable when no optimized path is (ANA
 *	non-optimized, ALUA active/non-optimized).
 * @MPATH_STATE_INACCESSIBLE: never used (ANA inaccessible, ALUA standby or
 *	unavailable).
 * @MPATH_STATE_TRANSITIONING: not used now but expected back; while any
 *	path is transitioning, I/O without a usable path waits instead of
 *	failing (ANA change, ALUA transitioning).
 * @MPATH_STATE_PERSISTENT_LOSS: never used and never expected back (ANA
 *	persistent loss, ALUA offline).
 * @MPATH_STATE_NR: number of states (not a state).
 */
enum mpath_access_state {
	MPATH_STATE_OPTIMIZED,
	MPATH_STATE_NONOPTIMIZED,
	MPATH_STATE_INACCESSIBLE,
	MPATH_STATE_TRANSITIONING,
	MPATH_STATE_PERSISTENT_LOSS,
	MPATH_STATE_NR,
};

/**
 * struct mpath_device_stats - per-CPU counters of one path
 * @submitted: bios (clones) sent to the path.
 * @completed: clones the path completed, whatever their status.
 * @errors: clones the path completed with an error.
 * @failovers: bios moved to another path after a path error on this one.
 *
 * Read them summed over all CPUs with mpath_device_read_stats().
 */
struct mpath_device_stats {
	u64 submitted;
	u64 completed;
	u64 errors;
	u64 failovers;
};

/* bits in mpath_device.flags */
enum {
	MPATH_DEVICE_SYSFS_ATTR_LINK,	/* link present in head's multipath/ */
	MPATH_DEVICE_FAILED,		/* failed by a path error, see reinstate */
	MPATH_DEVICE_LIVE,		/* added by mpath_device_set_live() */
	MPATH_DEVICE_UNREADY,		/* revalidation took it out of use */
	MPATH_DEVICE_FAULT_INJECT,	/* complete its I/O with a path error */
	MPATH_DEVICE_DRAINING,		/* deletion waits for nr_active == 0 */
};

/**
 * struct mpath_device - one path of a multipath head
 * @head: the head this path belongs to; set by mpath_add_device().
 * @siblings: entry in @head's path list (SRCU protected).
 * @bdev: the block device bios for this path are sent to.
 * @flags: MPATH_DEVICE_* bits.
 * @numa_node: the node this path is close to, or NUMA_NO_NODE.
 * @access_state: the path's access state; change it only through
 *	mpath_set_access_state().
 * @nr_active: bios in flight on this path, counted by the library for the
 *	queue-depth policy.
 * @stats: per-CPU counters.
 *
 * The driver embeds this structure in its per-path object and owns its
 * memory.  Between mpath_add_device() and the return of
 * mpath_delete_device() followed by mpath_synchronize() the library may
 * dereference it from the I/O path.
 */
struct mpath_device {
	struct mpath_head *head;
	struct list_head siblings;
	struct block_device *bdev;
	unsigned long flags;
	int numa_node;
	enum mpath_access_state access_state;
	atomic_t nr_active;
	struct mpath_device_stats __percpu *stats;
};

/**
 * struct mpath_head_template - callbacks a driver provides to the library
 * @available_path: optional; true if @dev is not usable now but may become
 *	usable without the driver removing it (a controller reconnecting).
 *	I/O without a usable path is queued while this holds for any path.
 * @is_disabled: optional; true if @dev must not be selected right now
 *	although its access state allows it.
 * @path_error: optional; told about every path error on @dev, after the
 *	library failed the path over.  Runs in bio completion context.
 * @remove_head: optional; called from process context when delayed
 *	removal expired, i.e. the head stayed without any path for
 *	delayed_removal_secs.  The driver tears the head down.
 * @ioctl_begin: optional; called under SRCU before an ioctl is forwarded to
 *	@dev; may take a reference on the driver's path object and return it
 *	through @ctx.  When it returns 1 the library drops SRCU before the
 *	ioctl is forwarded and calls @ioctl_finish(@ctx) afterwards.
 * @ioctl_finish: optional; the counterpart of @ioctl_begin.
 * @cdev_ioctl: optional; handles an ioctl on the head's character device
 *	/dev/ng-<disk name> for the selected path @dev (a 32-bit caller's
 *	pointer argument is already translated).  Without it the character
 *	device forwards the ioctl to @dev's block device.
 * @device_groups: optional; extra sysfs attribute groups of the head disk.
 *
 * Context: every callback but @remove_head may be called under SRCU and
 * must not sleep unless stated.
 */
struct mpath_head_template {
	bool (*available_path)(struct mpath_device *dev);
	bool (*is_disabled)(struct mpath_device *dev);
	void (*path_error)(struct mpath_device *dev, blk_status_t status);
	void (*remove_head)(struct mpath_head *head);
	int (*ioctl_begin)(struct mpath_device *dev, unsigned int cmd,
			   void **ctx);
	void (*ioctl_finish)(void *ctx);
	long (*cdev_ioctl)(struct mpath_device *dev, unsigned int cmd,
			   unsigned long arg, bool open_for_write);
	const struct attribute_group **device_groups;
};

/* bits in mpath_head.flags */
enum {
	MPATH_HEAD_DISK_LIVE,		/* gendisk added, I/O may be submitted */
	MPATH_HEAD_QUEUE_IF_NO_PATH,	/* queue instead of failing, no path */
	MPATH_HEAD_CDEV_LIVE,		/* character device registered */
	MPATH_HEAD_REMOVING,		/* mpath_remove_disk() started */
	MPATH_HEAD_REMOVE_PENDING,	/* remove_work queued, module pinned */
	MPATH_HEAD_EXPIRED,		/* delayed removal ran out, fail I/O */
};

/**
 * struct mpath_head - the multipath device seen by users
 * @srcu: protects @dev_list and @current_path for the I/O path.
 * @dev_list: the paths, in the order they were added.
 * @lock: serialises path list changes, live transitions and teardown.
 * @refcount: references held by openers and work items, see mpath_get_head().
 * @iopolicy: points at the policy in force; the driver may share one
 *	policy between several heads (NVMe: per subsystem).
 * @requeue_list: bios waiting for a usable path.
 * @requeue_lock: protects @requeue_list.
 * @requeue_work: resubmits @requeue_list.
 * @remove_work: delayed removal, see mpath_delayed_removal_secs_store().
 * @delayed_removal_secs: how long a head without any path stays.
 * @drv_module: the driver's module, pinned while removal is pending.
 * @flags: MPATH_HEAD_* bits.
 * @disk: the multipath gendisk, from mpath_alloc_head_disk().
 * @partition_scan_work: deferred partition scan after the disk went live.
 * @parent: device the gendisk is a child of in sysfs, may be NULL.
 * @mpdt: the driver's callbacks.
 * @drvdata: the driver's private pointer.
 * @bio_pool: clones of bios sent to paths.
 * @requeue_no_usable_path_cnt: bios queued because no path was usable.
 * @fail_no_avail_path_cnt: bios failed because no path could come back.
 * @cdev: the head's character device.
 * @cdev_device: the struct device of @cdev.
 * @released: completed by the put that drops the last reference.
 * @capacity: size in sectors every path must have; from the first path.
 * @logical_block_size: block size every path must have; from the first
 *	path.
 * @disk_groups: NULL-terminated attribute groups of @disk (the library's
 *	"multipath" group and @mpdt's device_groups).
 * @nr_nodes: number of entries of @current_path (nr_node_ids).
 * @current_path: per-node cache of the selected path.
 *
 * The driver embeds this structure in its own head object and sets it up
 * with mpath_head_init(); the library never frees it.
 */
struct mpath_head {
	struct srcu_struct srcu;
	struct list_head dev_list;
	struct mutex lock;		/* path list changes, live, teardown */
	refcount_t refcount;
	enum mpath_iopolicy_e *iopolicy;

	struct bio_list requeue_list;
	spinlock_t requeue_lock;	/* protects requeue_list */
	struct work_struct requeue_work;

	struct delayed_work remove_work;
	unsigned int delayed_removal_secs;
	struct module *drv_module;

	unsigned long flags;
	struct gendisk *disk;
	struct work_struct partition_scan_work;
	struct device *parent;
	const struct mpath_head_template *mpdt;
	void *drvdata;

	struct bio_set bio_pool;
	atomic_long_t requeue_no_usable_path_cnt;
	atomic_long_t fail_no_avail_path_cnt;

	struct cdev cdev;
	struct device cdev_device;

	struct completion released;
	sector_t capacity;
	unsigned int logical_block_size;
	const struct attribute_group **disk_groups;

	unsigned int nr_nodes;
	struct mpath_device __rcu **current_path;
};

/* head lifecycle (src/core.c) */
int mpath_head_init(struct mpath_head *head,
		    const struct mpath_head_template *mpdt,
		    enum mpath_iopolicy_e *iopolicy, struct module *drv_module);
void mpath_head_uninit(struct mpath_head *head);
bool mpath_get_head(struct mpath_head *head);
void mpath_put_head(struct mpath_head *head);

/* the multipath gendisk (src/disk.c) */
int mpath_alloc_head_disk(struct mpath_head *head, struct queue_limits *lim,
			  int numa_node);
void mpath_device_set_live(struct mpath_device *dev);
void mpath_remove_disk(struct mpath_head *head);
void mpath_put_disk(struct mpath_head *head);
int mpath_restack_limits(struct mpath_head *head);

/* paths (src/core.c) */
int mpath_add_device(struct mpath_head *head, struct mpath_device *dev,
		     struct block_device *bdev, int numa_node);
bool mpath_delete_device(struct mpath_device *dev);
bool mpath_head_devices_empty(struct mpath_head *head);
int mpath_call_for_device(struct mpath_head *head,
			  int (*cb)(struct mpath_device *dev, void *data),
			  void *data);
bool mpath_clear_current_path(struct mpath_device *dev);
void mpath_clear_paths(struct mpath_head *head);
void mpath_revalidate_paths(struct mpath_head *head,
			    bool (*ready)(struct mpath_device *dev));
void mpath_synchronize(struct mpath_head *head);
void mpath_set_access_state(struct mpath_device *dev,
			    enum mpath_access_state state);
void mpath_device_fail(struct mpath_device *dev);
void mpath_device_reinstate(struct mpath_device *dev);
void mpath_device_inject_fault(struct mpath_device *dev, bool fail);
void mpath_set_queue_if_no_path(struct mpath_head *head, bool enable);
void mpath_kick_requeue(struct mpath_head *head);
void mpath_device_read_stats(struct mpath_device *dev,
			     struct mpath_device_stats *sum);

/* policies and states by name (src/selector.c) */
int mpath_iopolicy_parse(const char *buf);
const char *mpath_iopolicy_name(enum mpath_iopolicy_e policy);
int mpath_set_iopolicy(struct mpath_head *head, enum mpath_iopolicy_e policy);
enum mpath_iopolicy_e mpath_get_iopolicy(struct mpath_head *head);
int mpath_access_state_parse(const char *buf);
const char *mpath_access_state_name(enum mpath_access_state state);

/* sysfs helpers (src/sysfs.c) */
int mpath_add_sysfs_link(struct mpath_device *dev);
void mpath_remove_sysfs_link(struct mpath_device *dev);
ssize_t mpath_iopolicy_show(struct mpath_head *head, char *buf);
ssize_t mpath_iopolicy_store(struct mpath_head *head, const char *buf,
			     size_t count);
ssize_t mpath_numa_nodes_show(struct mpath_device *dev, char *buf);
ssize_t mpath_delayed_removal_secs_show(struct mpath_head *head, char *buf);
ssize_t mpath_delayed_removal_secs_store(struct mpath_head *head,
					 const char *buf, size_t count);
ssize_t mpath_device_stats_show(struct mpath_device *dev, char *buf);
ssize_t mpath_head_stats_show(struct mpath_head *head, char *buf);
ssize_t mpath_paths_show(struct mpath_head *head, char *buf);
ssize_t mpath_unique_id_show(struct mpath_head *head, char *buf);

extern const struct attribute_group mpath_attr_group;

/**
 * mpath_gendisk_to_head() - the head of a multipath gendisk
 * @disk: a disk allocated by mpath_alloc_head_disk()
 *
 * Context: any.
 * Return: the head @disk belongs to.
 */
static inline struct mpath_head *mpath_gendisk_to_head(struct gendisk *disk)
{
	return disk->private_data;
}

/**
 * mpath_head_queue_if_no_path() - does the head queue I/O without paths?
 * @head: the head
 *
 * Context: any.
 * Return: true while queue-if-no-path is set, or while delayed removal is
 * configured and has not expired yet.
 */
static inline bool mpath_head_queue_if_no_path(struct mpath_head *head)
{
	if (test_bit(MPATH_HEAD_QUEUE_IF_NO_PATH, &head->flags))
		return true;
	return READ_ONCE(head->delayed_removal_secs) &&
	       !test_bit(MPATH_HEAD_EXPIRED, &head->flags);
}

#endif /* _LIBMULTIPATH_MULTIPATH_H */
