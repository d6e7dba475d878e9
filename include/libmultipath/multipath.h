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

/*
 * Fields of struct mpath_head and struct mpath_device that the library
 * owns are marked __private: a driver that touches one gets a sparse
 * warning (dereference of a noderef expression; make C=2).  The library's
 * own files see them plainly (src/internal.h).
 */

/**
 * DOC: Driver life cycle
 *
 * A driver embeds one struct mpath_head per multipath device and one
 * struct mpath_device per path, and owns their memory.  In order:
 *
 * 1. mpath_head_init(head, template, module): the head exists, takes no
 *    I/O.  Sleeps.  The head holds one reference on itself.
 * 2. mpath_alloc_head_disk(head, limits, ...): the gendisk (not yet
 *    visible).  The driver names it (disk_name).  Sleeps.
 * 3. mpath_add_device(head, dev, bdev, node) per path: the path joins the
 *    list (identity and geometry are checked), carries no I/O yet.  The
 *    driver keeps @bdev open until the path is deleted.  Sleeps.
 * 4. mpath_device_set_live(dev): the head's limits include the path; the
 *    first live path adds the disk and the character device, a partition
 *    scan follows from a work item.  From now on bios reach the path:
 *    clones of the head's bios, or with the template's remap set the
 *    head's bios themselves, which the driver starts with
 *    mpath_bio_start() and completes with mpath_bio_endio().  Sleeps; may
 *    hold the driver's locks across it.
 * 5. Running: mpath_device_fail() / mpath_device_reinstate() /
 *    mpath_set_access_state() as the driver learns about its paths (any
 *    context); the library fails a path itself on a path error.
 * 6. mpath_delete_device(dev) per path: unlinks it and waits until every
 *    bio sent to it completed (SRCU and RCU grace periods); then the
 *    driver may close @bdev and free @dev.  Sleeps.  Returns true when
 *    the head has no path left: with delayed removal set the driver may
 *    keep the head for a path to come back (see "No usable path").
 *    mpath_delete_devices() deletes several paths of a head together
 *    (a teardown), waiting for the grace periods once for all.
 * 7. mpath_remove_disk(head): the disk and the character device go; bios
 *    waiting for a path fail.  Sleeps.  Openers may still hold the disk:
 *    the template's released() callback says when the last one closed.
 * 8. mpath_put_disk(head): drops the gendisk reference of step 2.
 * 9. mpath_head_uninit(head): drops the head's own reference and waits
 *    for any other (openers); when it returns the library no longer
 *    touches @head and the driver may free it.  Sleeps.
 *
 * When delayed removal ran out, the template's remove_head() callback
 * only schedules the driver's own work, which then runs steps 6 to 9 (the
 * callback runs from a library work item that mpath_remove_disk() waits
 * for).  Nothing here may be called from bio completion or atomic context
 * except the calls of step 5.  examples/mpath_minimal.c is the smallest
 * driver that follows these steps; mpathdemo (demo-driver/head.c and
 * path.c) follows them with every knob around.
 */

/**
 * DOC: Error classification
 *
 * Every clone a path completes with an error is sorted into one of three
 * classes by its blk_status_t:
 *
 * Path errors: BLK_STS_TRANSPORT, BLK_STS_TIMEOUT, BLK_STS_IOERR,
 * BLK_STS_OFFLINE, BLK_STS_RESOURCE, BLK_STS_DEV_RESOURCE and any status
 * the library does not know (a newer kernel's).  The path may be broken,
 * not the I/O: the path is failed (not selected until
 * mpath_device_reinstate()) and the bio is sent again over another path,
 * or waits for one (see "No usable path").  The caller sees nothing but
 * the latency.
 *
 * Errors of the I/O: BLK_STS_NOTSUPP, BLK_STS_NOSPC, BLK_STS_TARGET,
 * BLK_STS_RESV_CONFLICT, BLK_STS_MEDIUM, BLK_STS_PROTECTION,
 * BLK_STS_ZONE_OPEN_RESOURCE, BLK_STS_ZONE_ACTIVE_RESOURCE,
 * BLK_STS_DURATION_LIMIT and BLK_STS_INVAL.  Every path would answer the
 * same: the bio completes with that status, and the path stays in use.
 *
 * BLK_STS_AGAIN: the path would have had to wait (REQ_NOWAIT) or asks the
 * submitter to retry.  The bio completes with it (-EAGAIN), the path
 * stays in use.  A REQ_NOWAIT bio that the selected path cannot take
 * without blocking (the path lacks NOWAIT support) completes with
 * BLK_STS_AGAIN at once; the head itself always accepts REQ_NOWAIT.
 *
 * A bio split to the head's limits completes with the first error any of
 * its parts saw: a later part that succeeds never clears it.  For
 * REQ_OP_ZONE_APPEND the sector the data was written at is returned in the
 * bio, as for any zoned device.
 */

/**
 * DOC: No usable path
 *
 * A bio that finds no usable path (every path failed, unready,
 * inaccessible, persistent-loss, disabled by the driver, or no path at
 * all) fails with BLK_STS_IOERR at once, unless one of these holds:
 *
 * - a path is transitioning (MPATH_STATE_TRANSITIONING) or the driver's
 *   available_path() says a path will come back (mpathdemo: a path the
 *   array reports standby or unavailable while its transport answers, as
 *   NVMe waits while a controller is live whatever its ANA states): the
 *   bio waits, bounded only by the no-path bound below when one is set;
 * - queue_if_no_path is set (mpath_set_queue_if_no_path()): the bio waits
 *   for a path however long that takes, as dm-multipath's queue_if_no_path;
 * - delayed removal is set (mpath_set_delayed_removal(), N seconds): the
 *   bio waits, bounded, also when it waits for a transitioning or
 *   available path.  The "no-path bound" counts from the moment I/O
 *   first found no usable path, or the last path was deleted: if no path
 *   became usable after N seconds, the waiting bios and every later bio
 *   without a usable path fail, and a head that has no path at all is
 *   removed through the driver's remove_head().  A path that becomes
 *   usable again ends the bound: the next loss of every path starts it
 *   afresh.  This is dm-multipath's queue_if_no_path_timeout_secs for
 *   paths that are attached but failed, and NVMe's delayed_removal_secs
 *   for a head that lost every path.
 *
 * Waiting bios are sent again whenever a path may have become usable:
 * after mpath_device_reinstate(), mpath_set_access_state(),
 * mpath_revalidate_paths(), mpath_device_set_live() and
 * mpath_clear_paths().  A driver that makes a path usable in another way
 * (its is_disabled() answer changed) calls mpath_clear_paths().
 * Waiting bios count as in flight in the head's I/O statistics; a bio is
 * accounted once however many paths it was tried on.
 */

/**
 * DOC: Path identity
 *
 * Every path of a head must reach the same device.  mpath_add_device()
 * refuses a path whose logical block size differs from the head's, whose
 * capacity is smaller than the head's, whose zoned model, zone size or
 * number of zones differs, or whose identifier differs from the head's:
 * the identifier is what the path's get_unique_id() answers (SCSI VPD page
 * 0x83, the NVMe namespace's UUID, EUI-64 or NGUID), asked for the T10,
 * EUI-64 and NAA types in this order.  The first path that has one gives
 * the head its identity; a path without any is accepted with one log line
 * saying that its identity was not checked.  Each refusal logs both values.
 */

/**
 * DOC: Reservations
 *
 * Persistent reservation operations on the head follow the scope of the
 * device's registrations, set per head with mpath_set_pr_scope():
 *
 * MPATH_PR_SCOPE_PATH (the default; SCSI): a registration belongs to one
 * I_T nexus, i.e. one path.  Register and unregister go to every usable
 * path; if one of them fails, the paths already changed are rolled back
 * and the error is returned; a path that is failed or unready at the time
 * is tried, but its error is only logged.  The key is remembered: it is
 * registered on every path before it goes live, and again (from a work
 * item) on every path when a path is reinstated, so that a
 * registrants-only reservation keeps accepting writes after a failover.
 * Reserve, preempt, clear and the read operations go to the selected
 * path; so a Write Exclusive or Exclusive Access reservation (not
 * registrants-only, not all-registrants) is held by that path alone, as
 * with dm-multipath: use a registrants-only type with SCSI paths.  Release
 * goes to every usable path (the one holding the reservation releases it,
 * the others answer as SPC-3 says: success without effect).
 *
 * MPATH_PR_SCOPE_HOST (NVMe): a registration belongs to the host, every
 * path shares it.  Every operation goes to the selected path only.
 *
 * No usable path: -EWOULDBLOCK.  A path without the operation:
 * -EOPNOTSUPP.  A reservation conflict is the path's answer, returned
 * unchanged.
 */

/**
 * DOC: Driver module references
 *
 * The head's disk and character device belong to libmultipath, but their
 * operations call into the driver (ioctls, remove_head()).  Every open of
 * the disk (or of one of its partitions) and of the character device
 * therefore takes a reference on the driver's module, the @drv_module
 * given to mpath_head_init(), and the last close drops it: a driver cannot
 * be unloaded while its disk is open (rmmod fails with -EBUSY), and needs
 * no polling to learn when it may release a removed head; see the
 * released() callback of struct mpath_head_template.  A pending delayed
 * removal holds a reference too.
 */

/**
 * DOC: Events
 *
 * For monitors (udev rules, multipathd-like daemons), the head disk sends
 * a change uevent, in the order things happened, with
 * MPATH_ACTION=PATH_FAILED or PATH_REINSTATED (and MPATH_PATH=<device>,
 * MPATH_PATH_DEVT=<major>:<minor>), NO_USABLE_PATH when a failure left no
 * usable path, IO_STALLED when I/O has waited for a usable path for the
 * libmultipath parameter stall_report_secs (60 by default; again every
 * as many seconds while it waits, with a log line each time: an array
 * transition that never ends, a path that never comes back), and
 * HEAD_REMOVED just before the disk goes; each with
 * MPATH_NR_USABLE_PATHS=<n>.  The kernel log lines for path failures and
 * reinstates are rate-limited, so a flapping path cannot flood the log.
 */

/**
 * enum mpath_iopolicy_e - how the head spreads I/O over its usable paths
 * @MPATH_IOPOLICY_NUMA: the closest path to the submitting CPU's node.
 * @MPATH_IOPOLICY_RR: round-robin over the best usable paths.
 * @MPATH_IOPOLICY_QD: the path with the fewest bios in flight.
 * @MPATH_IOPOLICY_LATENCY: the path with the least expected wait: its
 *	bios in flight plus one, times its measured time per bio.
 * @MPATH_IOPOLICY_NR: number of policies (not a policy).
 *
 * The names ("numa", "round-robin", "queue-depth") and the semantics of
 * the first three are those of NVMe native multipath.  "latency" is our
 * own, in the spirit of dm-multipath's historical-service-time selector:
 * a path's time per bio is an exponentially weighted moving average
 * (weight 1/8) of its successful completions' latencies, each divided by
 * the bios in flight on the path when it was sent, measured only while the
 * policy is in force.  While the path is idle it halves for every 268 ms
 * (2^28 ns) in which the path completed nothing, so that a path that was
 * slow (or failed) and has recovered is tried again and wins its traffic
 * back.  While the path has bios in flight it counts at least the time
 * since the path last answered, so that a path that stops answering
 * without failing loses its traffic within milliseconds.  A path without a
 * measurement is tried one bio at a time until that bio measured it.
 */
enum mpath_iopolicy_e {
	MPATH_IOPOLICY_NUMA,
	MPATH_IOPOLICY_RR,
	MPATH_IOPOLICY_QD,
	MPATH_IOPOLICY_LATENCY,
	MPATH_IOPOLICY_NR,
};

/**
 * enum mpath_access_state - asymmetric access state of one path
 * @MPATH_STATE_OPTIMIZED: usable and preferred (ANA optimized,
 *	ALUA active/optimized); among optimized paths, those marked with
 *	mpath_set_preferred() (the ALUA PREF bit) come first.
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
 * enum mpath_pr_scope - what a persistent reservation registration covers
 * @MPATH_PR_SCOPE_PATH: one path (SCSI I_T nexus): register on every path.
 * @MPATH_PR_SCOPE_HOST: the host (NVMe host identifier): register through
 *	one path.
 * @MPATH_PR_SCOPE_NR: number of scopes (not a scope).
 *
 * See "Reservations" above.
 */
enum mpath_pr_scope {
	MPATH_PR_SCOPE_PATH,
	MPATH_PR_SCOPE_HOST,
	MPATH_PR_SCOPE_NR,
};

/**
 * struct mpath_device_stats - the counters of one path
 * @submitted: bios (clones) sent to the path.
 * @completed: clones the path completed, whatever their status.
 * @errors: clones the path completed with an error.
 * @failovers: bios moved to another path after a path error on this one.
 *
 * What mpath_device_read_stats() reads.  Only @submitted is counted per
 * I/O (per CPU); @completed is @submitted less the bios in flight, and
 * the two error counters are counted where errors are handled.
 */
struct mpath_device_stats {
	u64 submitted;
	u64 completed;
	u64 errors;
	u64 failovers;
};

/**
 * struct mpath_head_stats - the no-path counters of a head
 * @requeue_no_usable_path: bios that waited because no path was usable.
 * @fail_no_available_path: bios failed because no path could come back.
 * @queued: bios waiting for a path now.
 * @no_path_bound: the no-path bound runs (see "No usable path").
 * @no_path_expired: it ran out; I/O without a usable path fails until a
 *	path is usable again.
 *
 * Read with mpath_head_read_stats().
 */
struct mpath_head_stats {
	u64 requeue_no_usable_path;
	u64 fail_no_available_path;
	unsigned int queued;
	bool no_path_bound;
	bool no_path_expired;
};

/**
 * struct mpath_id - a device identifier, as get_unique_id() answers it
 * @type: the enum blk_unique_id type, valid when @len is not 0
 * @len: number of bytes of @id, 0 for "no identifier"
 * @id: the identifier
 */
struct mpath_id {
	u8 type;
	u8 len;
	u8 id[16];
};

/**
 * struct mpath_policy_state - what the I/O policies keep of one path
 * @data: theirs (the latency policy: its average time per bio)
 */
struct mpath_policy_state {
	u64 data[2];
};

/**
 * struct mpath_device - one path of a multipath head
 * @head: the head this path belongs to; set by mpath_add_device().
 * @siblings: entry in @head's path list (SRCU protected).
 * @bdev: the block device bios for this path are sent to.
 * @flags: the library's state bits; drivers use the mpath_device_*()
 *	calls instead.
 * @numa_node: the node this path is close to, or NUMA_NO_NODE.
 * @access_state: the path's access state; change it only through
 *	mpath_set_access_state().
 * @nr_active: bios in flight on this path, counted by the library for the
 *	queue-depth policy.
 * @submitted: per-CPU count of the bios sent to this path: the one
 *	counter of the I/O path (8 bytes per CPU).
 * @errors: clones this path completed with an error.
 * @failovers: bios moved to another path after a path error on this one.
 * @generation: bumped by each reinstatement (under the head's
 *	@state_lock).  A path error of a bio sent before the path was last
 *	reinstated says nothing about the path since: the bio fails over,
 *	the path stays usable.
 * @id: the identifier of @bdev, from mpath_add_device().
 * @policy_data: the I/O policies' state of this path (the latency policy's
 *	average time per bio); only the library reads it.
 *
 * The driver embeds this structure in its per-path object and owns its
 * memory.  It may read @bdev, @numa_node and @access_state and set the
 * last two before mpath_add_device(); the other fields are the library's
 * (__private).  Between mpath_add_device() and the return of
 * mpath_delete_device() the library may dereference it from the I/O path;
 * once mpath_delete_device() returned, the driver may free it.
 */
struct mpath_device {
	struct mpath_head * __private head;
	struct list_head __private siblings;
	struct block_device *bdev;
	unsigned long __private flags;
	int numa_node;
	enum mpath_access_state access_state;
	atomic_t __private nr_active;
	u64 __percpu * __private submitted;
	atomic_long_t __private errors;
	atomic_long_t __private failovers;
	unsigned int __private generation;
	struct mpath_id __private id;
	struct mpath_policy_state __private policy_data;
};

/**
 * struct mpath_head_template - callbacks a driver provides to the library
 * @available_path: optional; true if @dev is not usable now but may become
 *	usable without the driver removing it (a controller reconnecting).
 *	I/O without a usable path is queued while this holds for any path.
 * @is_disabled: optional; true if @dev must not be selected right now
 *	although its access state allows it.
 * @path_state: optional; asked on a path error on @dev whether the
 *	storage moved the path on purpose (an ALUA or ANA state change):
 *	returns the access state @dev is in now, or MPATH_STATE_NR when the
 *	driver knows nothing better.  A state in which the path carries no
 *	I/O makes the error a state change: the library sets that state
 *	instead of failing @dev (no "failing path", no PATH_FAILED event) and
 *	sends the bio again.  Runs in bio completion context; must not sleep.
 * @path_error: optional; told about every path error on @dev, after the
 *	library failed the bio over (and failed @dev, unless the bio was sent
 *	before @dev was last reinstated, or @path_state made the error a
 *	state change).  Runs in bio completion context.
 * @remove_head: optional; called from process context when the no-path
 *	bound of delayed removal ran out on a head without any path.  The
 *	driver tears the head down (not from within the callback: it runs
 *	from a work item that mpath_remove_disk() waits for).
 * @released: optional; called once after mpath_remove_disk(), as soon as
 *	neither the disk nor the character device is open any more (at once
 *	from mpath_remove_disk() when nothing is open).  From then on
 *	mpath_head_uninit() does not wait for openers.  Never called once
 *	mpath_head_uninit() has begun (the driver is then tearing the head
 *	down and waits for the openers itself).  Runs in process context,
 *	possibly in the closing task, possibly with locks of the driver held
 *	by the caller of mpath_remove_disk(): it should only record the fact
 *	and schedule work.
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
 * @remap: the paths are the driver's own devices (NVMe's namespaces, a
 *	SCSI multipath driver's disks): the head sends its bios to them
 *	without a clone, marked REQ_DRV; the driver starts every bio its path
 *	devices receive with mpath_bio_start() and completes it with
 *	mpath_bio_endio(), which sends one that failed with a path error
 *	again.  Nothing is allocated or kept per bio, so the head disk counts
 *	no I/O statistics (the paths' disks do) and the latency policy
 *	selects as queue-depth does.  A bio the block layer completes on its
 *	way to the path (a fault injected on the path's disk, a dead path
 *	disk, REQ_NOWAIT on a frozen one) reaches the submitter as the block
 *	layer answered it, as with NVMe, and REQ_DRV may be left on it.
 *	Without @remap the head clones each bio, sees every completion of the
 *	clone, and the paths may be any block devices.
 *
 * Context: every callback but @remove_head and @released may be called
 * under SRCU and must not sleep unless stated.
 */
struct mpath_head_template {
	bool (*available_path)(struct mpath_device *dev);
	bool (*is_disabled)(struct mpath_device *dev);
	enum mpath_access_state (*path_state)(struct mpath_device *dev);
	void (*path_error)(struct mpath_device *dev, blk_status_t status);
	void (*remove_head)(struct mpath_head *head);
	void (*released)(struct mpath_head *head);
	int (*ioctl_begin)(struct mpath_device *dev, unsigned int cmd,
			   void **ctx);
	void (*ioctl_finish)(void *ctx);
	long (*cdev_ioctl)(struct mpath_device *dev, unsigned int cmd,
			   unsigned long arg, bool open_for_write);
	const struct attribute_group **device_groups;
	bool remap;
};

/**
 * struct mpath_head - the multipath device seen by users
 * @srcu: protects @dev_list and @current_path for the I/O path.
 * @dev_list: the paths, in the order they were added.
 * @nr_draining: paths taken out whose bios have not all completed.
 * @nr_preferred: paths mpath_set_preferred() marked preferred.
 * @lock: serialises path list changes, live transitions and teardown.
 * @refcount: references held by openers and work items, see mpath_get_head().
 * @iopolicy: points at the policy in force; the driver may share one
 *	policy between several heads (NVMe: per subsystem).
 * @requeue_list: clones of bios waiting for a usable path.
 * @state_lock: orders a path error's failing of a path against the
 *	path's reinstatement (see mpath_device_reinstate()).
 * @requeue_lock: protects @requeue_list, the no-path bound's state and
 *	@events.
 * @requeue_work: sends @requeue_list again.
 * @remove_work: the no-path bound, see "No usable path".
 * @delayed_removal_secs: the no-path bound in seconds, 0 for none.
 * @stall_work: reports I/O that waits long for a usable path.
 * @wait_start: jiffies when I/O began to wait for a usable path.
 * @drv_module: the driver's module, pinned by openers and while removal
 *	is pending.
 * @flags: the library's state bits.
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
 * @capacity: size in sectors of the head; from the first path, grown by
 *	mpath_revalidate_paths().
 * @logical_block_size: block size every path must have; from the first
 *	path.
 * @zone_sectors: zone size every path must have (0: not zoned).
 * @nr_zones: number of zones every path must have.
 * @id: the device identifier every path must have, see "Path identity".
 * @pr_lock: serialises reservation registrations with paths going live.
 * @pr_scope: see "Reservations".
 * @pr_key: the key registered through the head, 0 for none.
 * @pr_work: registers @pr_key on every path after a reinstate.
 * @events: uevents waiting to be sent (under @requeue_lock).
 * @event_work: sends @events.
 * @events_lost: events that could not be queued (no memory).
 * @stacked_max_sectors: max_sectors the last restack computed, to tell a
 *	user's max_sectors_kb from it on kernels without max_user_sectors.
 * @disk_groups: NULL-terminated attribute groups of @disk (the library's
 *	"multipath" group and @mpdt's device_groups).
 * @nr_nodes: number of entries of @current_path (nr_node_ids).
 * @current_path: per-node cache of the selected path.
 *
 * The driver embeds this structure in its own head object and sets it up
 * with mpath_head_init(); the library never frees it.  Drivers use the
 * mpath_*() calls; they may set @parent and @drvdata and read @disk
 * (between mpath_alloc_head_disk() and mpath_put_disk()); the other
 * fields are the library's (__private).
 */
struct mpath_head {
	struct srcu_struct __private srcu;
	struct list_head __private dev_list;
	atomic_t __private nr_draining;
	atomic_t __private nr_preferred;
	struct mutex __private lock;	/* path list changes, live, teardown */
	refcount_t __private refcount;
	enum mpath_iopolicy_e * __private iopolicy;

	spinlock_t __private state_lock;	/* path errors vs reinstatement */
	struct bio_list __private requeue_list;
	spinlock_t __private requeue_lock;	/* requeue_list, no-path bound */
	struct work_struct __private requeue_work;

	struct delayed_work __private remove_work;
	unsigned int __private delayed_removal_secs;
	struct delayed_work __private stall_work;
	unsigned long __private wait_start;
	struct module * __private drv_module;

	unsigned long __private flags;
	struct gendisk *disk;
	struct work_struct __private partition_scan_work;
	struct device *parent;
	const struct mpath_head_template * __private mpdt;
	void *drvdata;

	struct bio_set __private bio_pool;
	atomic_long_t __private requeue_no_usable_path_cnt;
	atomic_long_t __private fail_no_avail_path_cnt;

	struct cdev __private cdev;
	struct device __private cdev_device;

	struct completion __private released;
	sector_t __private capacity;
	unsigned int __private logical_block_size;
	sector_t __private zone_sectors;
	unsigned int __private nr_zones;
	struct mpath_id __private id;

	struct mutex __private pr_lock;	/* registrations vs. paths going live */
	enum mpath_pr_scope __private pr_scope;
	u64 __private pr_key;
	struct work_struct __private pr_work;

	struct list_head __private events;
	struct work_struct __private event_work;
	atomic_t __private events_lost;

	unsigned int __private stacked_max_sectors;
	const struct attribute_group ** __private disk_groups;

	unsigned int __private nr_nodes;
	struct mpath_device __rcu ** __private current_path;
};

/* head lifecycle (src/head.c) */
int mpath_head_init(struct mpath_head *head,
		    const struct mpath_head_template *mpdt,
		    enum mpath_iopolicy_e *iopolicy, struct module *drv_module);
void mpath_head_uninit(struct mpath_head *head);
bool mpath_get_head(struct mpath_head *head);
void mpath_put_head(struct mpath_head *head);

/* the multipath gendisk (src/disk.c) */
int mpath_alloc_head_disk(struct mpath_head *head, struct queue_limits *lim,
			  int numa_node);
int mpath_device_set_live(struct mpath_device *dev);
void mpath_remove_disk(struct mpath_head *head);
void mpath_put_disk(struct mpath_head *head);
int mpath_restack_limits(struct mpath_head *head);

/* paths (src/path.c; their state and counters: src/state.c) */
int mpath_add_device(struct mpath_head *head, struct mpath_device *dev,
		     struct block_device *bdev, int numa_node);
bool mpath_delete_device(struct mpath_device *dev);
bool mpath_delete_devices(struct mpath_head *head, struct mpath_device **devs,
			  unsigned int nr);
int mpath_delete_device_timeout(struct mpath_device *dev,
				unsigned long timeout, bool *empty);
bool mpath_head_devices_empty(struct mpath_head *head);
bool mpath_clear_current_path(struct mpath_device *dev);
void mpath_clear_paths(struct mpath_head *head);
void mpath_revalidate_paths(struct mpath_head *head,
			    bool (*ready)(struct mpath_device *dev));
void mpath_synchronize(struct mpath_head *head);
void mpath_set_access_state(struct mpath_device *dev,
			    enum mpath_access_state state);
void mpath_set_preferred(struct mpath_device *dev, bool preferred);
bool mpath_device_preferred(struct mpath_device *dev);
void mpath_device_fail(struct mpath_device *dev);
void mpath_device_reinstate(struct mpath_device *dev);
bool mpath_device_failed(struct mpath_device *dev);
void mpath_device_inject_fault(struct mpath_device *dev, bool fail);
void mpath_device_read_stats(struct mpath_device *dev,
			     struct mpath_device_stats *sum);
unsigned int mpath_device_inflight(struct mpath_device *dev);
bool mpath_device_unready(struct mpath_device *dev);
void mpath_head_read_stats(struct mpath_head *head,
			   struct mpath_head_stats *s);

/* I/O of a driver whose template sets remap (src/bio.c) */
void mpath_bio_start(struct mpath_device *dev, struct bio *bio);
void mpath_bio_endio(struct mpath_device *dev, struct bio *bio,
		     blk_status_t status);

/* waiting for a path and delayed removal (src/removal.c) */
void mpath_set_queue_if_no_path(struct mpath_head *head, bool enable);
void mpath_set_delayed_removal(struct mpath_head *head, unsigned int secs);

/* reservations (src/pr.c) */
int mpath_set_pr_scope(struct mpath_head *head, enum mpath_pr_scope scope);

/* policies and states by name (src/selector.c) */
int mpath_iopolicy_parse(const char *buf);
const char *mpath_iopolicy_name(enum mpath_iopolicy_e policy);
int mpath_set_iopolicy(struct mpath_head *head, enum mpath_iopolicy_e policy);
enum mpath_iopolicy_e mpath_get_iopolicy(struct mpath_head *head);
int mpath_access_state_parse(const char *buf);
const char *mpath_access_state_name(enum mpath_access_state state);

/* sysfs helpers (src/sysfs.c) */
ssize_t mpath_iopolicy_show(struct mpath_head *head, char *buf);
ssize_t mpath_iopolicy_store(struct mpath_head *head, const char *buf,
			     size_t count);
ssize_t mpath_numa_nodes_show(struct mpath_device *dev, char *buf);
ssize_t mpath_device_id_show(struct mpath_device *dev, char *buf);
ssize_t mpath_unique_id_show(struct mpath_head *head, char *buf);

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

#endif /* _LIBMULTIPATH_MULTIPATH_H */
