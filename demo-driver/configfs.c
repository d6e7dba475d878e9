// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo configfs tree:
 *
 *   /sys/kernel/config/mpathdemo/<head>/
 *	iopolicy pr_scope delayed_removal_secs queue_if_no_path enable disk
 *	revalidate (write 1: recheck the paths' capacity and block size,
 *	grow the head when every path grew)
 *	checker checker_interval_secs flap_failures flap_window_secs
 *	flap_hold_secs (the path checker, checker.c)
 *	queued requeue_no_usable_path fail_no_available_path no_path_bound
 *	no_path_expired (read-only counters)
 *	paths/<path>/
 *		device state numa_node fault enable
 *		failed unready queue_depth submitted completed errors
 *		failovers numa_nodes unique_id state_source alua preferred
 *		(read-only)
 *
 * One value per file; mpathctl shows the tables.
 *
 * mkdir makes heads and path slots.  An enabled head or path is pinned
 * with a configfs dependency, so rmdir refuses it with -EBUSY.  The head
 * made from module parameters is registered by the module: it cannot be
 * removed with rmdir and goes away with the module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>

#include "mpathdemo.h"

static struct configfs_subsystem mpdemo_subsys;

static inline struct mpdemo_head *to_mpdemo_head(struct config_item *item)
{
	return container_of(to_config_group(item), struct mpdemo_head, group);
}

static inline struct mpdemo_path *to_mpdemo_path(struct config_item *item)
{
	return container_of(to_config_group(item), struct mpdemo_path, group);
}

static const char *mpdemo_head_name(struct mpdemo_head *h)
{
	return config_item_name(&h->group.cg_item);
}

/* ---- pins: an enabled head or path is not removed by rmdir ---- */

static void mpdemo_head_unpin(struct mpdemo_pin *pin)
{
	struct mpdemo_head *h = container_of(pin, struct mpdemo_head, pin);

	configfs_undepend_item(&h->group.cg_item);
}

static void mpdemo_path_unpin(struct mpdemo_pin *pin)
{
	struct mpdemo_path *p = container_of(pin, struct mpdemo_path, pin);

	configfs_undepend_item(&p->group.cg_item);
}

/*
 * Pin @group with a configfs dependency until the object calls
 * mpdemo_unpin() (or until unpin() here, when enabling failed).
 * Context: a configfs callback of our subsystem, mpdemo_lock held.
 * Return: 0, or -ENOENT if the group is being removed.
 */
static int mpdemo_pin(struct config_group *group, struct mpdemo_pin *pin,
		      void (*unpin)(struct mpdemo_pin *pin))
{
	int ret;

	if (mpdemo_pinned(pin))
		return 0;
	ret = configfs_depend_item_unlocked(&mpdemo_subsys, &group->cg_item);
	if (ret)
		return ret;
	pin->unpin = unpin;
	return 0;
}

/*
 * ---- attributes ----
 *
 * The attribute "x" of a head is mpdemo_head_show_x(h, page) and
 * mpdemo_head_store_x(h, page), which the configfs callbacks made by
 * MPDEMO_ATTR_RW(head, x) (or _RO, _WO) run under mpdemo_lock; a store
 * returns 0 or a negative errno and logs what was wrong.  The same for a
 * path.  The functions themselves are mostly one line of a table below:
 * a number with its range, a setter of head.c or path.c, a counter.
 */
typedef ssize_t (*mpdemo_head_show_fn)(struct mpdemo_head *h, char *page);
typedef int (*mpdemo_head_store_fn)(struct mpdemo_head *h, const char *page);
typedef ssize_t (*mpdemo_path_show_fn)(struct mpdemo_path *p, char *page);
typedef int (*mpdemo_path_store_fn)(struct mpdemo_path *p, const char *page);

static ssize_t mpdemo_head_show(struct config_item *item, char *page,
				mpdemo_head_show_fn show)
{
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = show(to_mpdemo_head(item), page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_store(struct config_item *item, const char *page,
				 size_t count, mpdemo_head_store_fn store)
{
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = store(to_mpdemo_head(item), page);
	mutex_unlock(&mpdemo_lock);
	return ret ? ret : count;
}

static ssize_t mpdemo_path_show(struct config_item *item, char *page,
				mpdemo_path_show_fn show)
{
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = show(to_mpdemo_path(item), page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_path_store(struct config_item *item, const char *page,
				 size_t count, mpdemo_path_store_fn store)
{
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = store(to_mpdemo_path(item), page);
	mutex_unlock(&mpdemo_lock);
	return ret ? ret : count;
}

#define MPDEMO_ATTR_RW(_obj, _name)					\
static ssize_t mpdemo_##_obj##_##_name##_show(struct config_item *item,	\
					      char *page)		\
{									\
	return mpdemo_##_obj##_show(item, page,				\
				    mpdemo_##_obj##_show_##_name);	\
}									\
static ssize_t mpdemo_##_obj##_##_name##_store(struct config_item *item,	\
					       const char *page,	\
					       size_t count)		\
{									\
	return mpdemo_##_obj##_store(item, page, count,			\
				     mpdemo_##_obj##_store_##_name);	\
}									\
CONFIGFS_ATTR(mpdemo_##_obj##_, _name)

#define MPDEMO_ATTR_RO(_obj, _name)					\
static ssize_t mpdemo_##_obj##_##_name##_show(struct config_item *item,	\
					      char *page)		\
{									\
	return mpdemo_##_obj##_show(item, page,				\
				    mpdemo_##_obj##_show_##_name);	\
}									\
CONFIGFS_ATTR_RO(mpdemo_##_obj##_, _name)

#define MPDEMO_ATTR_WO(_obj, _name)					\
static ssize_t mpdemo_##_obj##_##_name##_store(struct config_item *item,	\
					       const char *page,	\
					       size_t count)		\
{									\
	return mpdemo_##_obj##_store(item, page, count,			\
				     mpdemo_##_obj##_store_##_name);	\
}									\
CONFIGFS_ATTR_WO(mpdemo_##_obj##_, _name)

/* ---- head attributes ---- */

/* A number of the head in [min, max] (the checker's). */
struct mpdemo_uint_knob {
	const char *name;
	size_t offset;		/* of the unsigned int in struct mpdemo_head */
	unsigned int min;
	unsigned int max;
};

static unsigned int *mpdemo_knob_field(struct mpdemo_head *h,
				       const struct mpdemo_uint_knob *k)
{
	return (unsigned int *)((char *)h + k->offset);
}

static ssize_t mpdemo_knob_show(struct mpdemo_head *h, char *page,
				const struct mpdemo_uint_knob *k)
{
	return sysfs_emit(page, "%u\n", *mpdemo_knob_field(h, k));
}

static int mpdemo_knob_store(struct mpdemo_head *h, const char *page,
			     const struct mpdemo_uint_knob *k)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(page, 0, &v);
	if (ret || v < k->min || v > k->max) {
		pr_err("%s: %s: not a number from %u to %u\n",
		       mpdemo_head_name(h), k->name, k->min, k->max);
		return ret ? ret : -ERANGE;
	}
	WRITE_ONCE(*mpdemo_knob_field(h, k), v);
	return 0;
}

#define MPDEMO_HEAD_UINT(_field, _min, _max)				\
static const struct mpdemo_uint_knob mpdemo_knob_##_field = {		\
	.name	= #_field,						\
	.offset	= offsetof(struct mpdemo_head, _field),			\
	.min	= _min,							\
	.max	= _max,							\
};									\
static ssize_t mpdemo_head_show_##_field(struct mpdemo_head *h, char *page) \
{									\
	return mpdemo_knob_show(h, page, &mpdemo_knob_##_field);	\
}									\
static int mpdemo_head_store_##_field(struct mpdemo_head *h,		\
				      const char *page)			\
{									\
	return mpdemo_knob_store(h, page, &mpdemo_knob_##_field);	\
}

/* A setting of the head, set by head.c. */
#define MPDEMO_HEAD_SETTER(_name, _set)					\
static int mpdemo_head_store_##_name(struct mpdemo_head *h,		\
				     const char *page)			\
{									\
	return _set(h, page);						\
}

/* A no-path counter of the library's head, empty while disabled. */
#define MPDEMO_HEAD_STAT(_field)					\
static ssize_t mpdemo_head_show_##_field(struct mpdemo_head *h, char *page) \
{									\
	struct mpath_head_stats st;					\
									\
	if (!h->enabled)						\
		return 0;						\
	mpath_head_read_stats(&h->mpath, &st);				\
	return sysfs_emit(page, "%llu\n", (u64)st._field);		\
}

MPDEMO_HEAD_SETTER(iopolicy, mpdemo_head_set_iopolicy)
MPDEMO_HEAD_SETTER(checker, mpdemo_head_set_checker)
MPDEMO_HEAD_SETTER(pr_scope, mpdemo_head_set_pr_scope)
MPDEMO_HEAD_UINT(checker_interval_secs, 1, MPDEMO_MAX_CHECK_SECS)
MPDEMO_HEAD_UINT(flap_failures, 0, 1000)
MPDEMO_HEAD_UINT(flap_window_secs, 1, 86400)
MPDEMO_HEAD_UINT(flap_hold_secs, 1, 86400)
MPDEMO_HEAD_STAT(queued)
MPDEMO_HEAD_STAT(requeue_no_usable_path)
MPDEMO_HEAD_STAT(fail_no_available_path)
MPDEMO_HEAD_STAT(no_path_bound)
MPDEMO_HEAD_STAT(no_path_expired)

static ssize_t mpdemo_head_show_iopolicy(struct mpdemo_head *h, char *page)
{
	return sysfs_emit(page, "%s\n", mpath_iopolicy_name(h->iopolicy));
}

static ssize_t mpdemo_head_show_checker(struct mpdemo_head *h, char *page)
{
	return sysfs_emit(page, "%s\n", mpdemo_checker_name(h->checker));
}

static ssize_t mpdemo_head_show_pr_scope(struct mpdemo_head *h, char *page)
{
	return sysfs_emit(page, "%s\n", mpdemo_pr_scope_name(h->pr_scope));
}

static ssize_t mpdemo_head_show_delayed_removal_secs(struct mpdemo_head *h,
						     char *page)
{
	return sysfs_emit(page, "%u\n", h->delayed_removal_secs);
}

static int mpdemo_head_store_delayed_removal_secs(struct mpdemo_head *h,
						  const char *page)
{
	unsigned int secs;
	int ret;

	ret = kstrtouint(page, 0, &secs);
	if (ret) {
		pr_err("%s: delayed_removal_secs: not a number of seconds\n",
		       mpdemo_head_name(h));
		return ret;
	}
	return mpdemo_head_set_delayed_removal(h, secs);
}

static ssize_t mpdemo_head_show_queue_if_no_path(struct mpdemo_head *h,
						 char *page)
{
	return sysfs_emit(page, "%d\n", h->queue_if_no_path);
}

static int mpdemo_head_store_queue_if_no_path(struct mpdemo_head *h,
					      const char *page)
{
	bool on;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		pr_err("%s: queue_if_no_path: not a boolean\n",
		       mpdemo_head_name(h));
		return ret;
	}
	return mpdemo_head_set_queue_if_no_path(h, on);
}

static ssize_t mpdemo_head_show_enable(struct mpdemo_head *h, char *page)
{
	return sysfs_emit(page, "%d\n", h->enabled);
}

static int mpdemo_head_store_enable(struct mpdemo_head *h, const char *page)
{
	bool on, pinned;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		pr_err("%s: enable: not a boolean\n", mpdemo_head_name(h));
		return ret;
	}
	if (!on)
		return mpdemo_head_disable(h, false);
	/* a pin held already (enabled, or still going) is not this call's */
	pinned = mpdemo_pinned(&h->pin);
	if (h->user_created) {
		ret = mpdemo_pin(&h->group, &h->pin, mpdemo_head_unpin);
		if (ret)
			return ret;
	}
	ret = mpdemo_head_enable(h);
	/* a disk that failed half-way stays pinned until it is released */
	if (ret && !pinned && !h->uninit_pending)
		mpdemo_unpin(&h->pin);
	return ret;
}

static ssize_t mpdemo_head_show_disk(struct mpdemo_head *h, char *page)
{
	return sysfs_emit(page, "%s\n", h->disk_name);
}

/*
 * Writing 1 rechecks every path against the head (capacity, block size):
 * the head grows when every path grew; a path that shrank or no longer
 * matches is taken out of use until it does again.
 */
static int mpdemo_head_store_revalidate(struct mpdemo_head *h,
					const char *page)
{
	bool on;

	if (kstrtobool(page, &on) || !on) {
		pr_err("%s: revalidate: write 1\n", mpdemo_head_name(h));
		return -EINVAL;
	}
	return mpdemo_head_revalidate(h);
}

MPDEMO_ATTR_RW(head, iopolicy);
MPDEMO_ATTR_RW(head, checker);
MPDEMO_ATTR_RW(head, checker_interval_secs);
MPDEMO_ATTR_RW(head, flap_failures);
MPDEMO_ATTR_RW(head, flap_window_secs);
MPDEMO_ATTR_RW(head, flap_hold_secs);
MPDEMO_ATTR_RW(head, pr_scope);
MPDEMO_ATTR_RW(head, delayed_removal_secs);
MPDEMO_ATTR_RW(head, queue_if_no_path);
MPDEMO_ATTR_RW(head, enable);
MPDEMO_ATTR_RO(head, disk);
MPDEMO_ATTR_RO(head, queued);
MPDEMO_ATTR_RO(head, requeue_no_usable_path);
MPDEMO_ATTR_RO(head, fail_no_available_path);
MPDEMO_ATTR_RO(head, no_path_bound);
MPDEMO_ATTR_RO(head, no_path_expired);
MPDEMO_ATTR_WO(head, revalidate);

static struct configfs_attribute *mpdemo_head_attrs[] = {
	&mpdemo_head_attr_iopolicy,
	&mpdemo_head_attr_checker,
	&mpdemo_head_attr_checker_interval_secs,
	&mpdemo_head_attr_flap_failures,
	&mpdemo_head_attr_flap_window_secs,
	&mpdemo_head_attr_flap_hold_secs,
	&mpdemo_head_attr_pr_scope,
	&mpdemo_head_attr_delayed_removal_secs,
	&mpdemo_head_attr_queue_if_no_path,
	&mpdemo_head_attr_enable,
	&mpdemo_head_attr_disk,
	&mpdemo_head_attr_queued,
	&mpdemo_head_attr_requeue_no_usable_path,
	&mpdemo_head_attr_fail_no_available_path,
	&mpdemo_head_attr_no_path_bound,
	&mpdemo_head_attr_no_path_expired,
	&mpdemo_head_attr_revalidate,
	NULL,
};

/* ---- path attributes ---- */

/*
 * What the library knows of an attached path, one value per file (empty
 * while the path is not attached): a counter of its stats, the value of a
 * library call, or what a library show function writes.  numa_nodes and
 * queue_depth have the meaning of NVMe's path attributes of those names.
 */
#define MPDEMO_PATH_STAT(_field)					\
static ssize_t mpdemo_path_show_##_field(struct mpdemo_path *p, char *page) \
{									\
	struct mpath_device_stats st;					\
									\
	if (!p->attached)						\
		return 0;						\
	mpath_device_read_stats(&p->mdev, &st);				\
	return sysfs_emit(page, "%llu\n", (u64)st._field);		\
}

#define MPDEMO_PATH_LIB(_name, _call)					\
static ssize_t mpdemo_path_show_##_name(struct mpdemo_path *p, char *page) \
{									\
	if (!p->attached)						\
		return 0;						\
	return sysfs_emit(page, "%llu\n", (u64)_call(&p->mdev));	\
}

#define MPDEMO_PATH_LIB_SHOW(_name, _libshow)				\
static ssize_t mpdemo_path_show_##_name(struct mpdemo_path *p, char *page) \
{									\
	return p->attached ? _libshow(&p->mdev, page) : 0;		\
}

/* A setting of the path, set by path.c. */
#define MPDEMO_PATH_SETTER(_name, _set)					\
static int mpdemo_path_store_##_name(struct mpdemo_path *p,		\
				     const char *page)			\
{									\
	return _set(p, page);						\
}

MPDEMO_PATH_LIB(failed, mpath_device_failed)
MPDEMO_PATH_LIB(unready, mpath_device_unready)
MPDEMO_PATH_LIB(queue_depth, mpath_device_inflight)
MPDEMO_PATH_STAT(submitted)
MPDEMO_PATH_STAT(completed)
MPDEMO_PATH_STAT(errors)
MPDEMO_PATH_STAT(failovers)
/* the nodes whose current path this is under the numa policy */
MPDEMO_PATH_LIB_SHOW(numa_nodes, mpath_numa_nodes_show)
/* the identifier the library read when the path was added */
MPDEMO_PATH_LIB_SHOW(unique_id, mpath_device_id_show)
MPDEMO_PATH_SETTER(device, mpdemo_path_set_device)
MPDEMO_PATH_SETTER(state, mpdemo_path_set_state)
MPDEMO_PATH_SETTER(fault, mpdemo_path_set_fault)

static ssize_t mpdemo_path_show_device(struct mpdemo_path *p, char *page)
{
	return sysfs_emit(page, "%s\n", p->device ? p->device : "");
}

static ssize_t mpdemo_path_show_state(struct mpdemo_path *p, char *page)
{
	return sysfs_emit(page, "%s\n",
			  mpath_access_state_name(mpdemo_path_state(p)));
}

/* auto: the array gives the state (ALUA); manual: an administrator did */
static ssize_t mpdemo_path_show_state_source(struct mpdemo_path *p,
					     char *page)
{
	return sysfs_emit(page, "%s\n", p->state_manual ? "manual" : "auto");
}

/* what the device's ALUA handler says of the path, or none */
static ssize_t mpdemo_path_show_alua(struct mpdemo_path *p, char *page)
{
	return mpdemo_alua_show(p, page);
}

/* what mpath_set_preferred() last set for an attached path */
static ssize_t mpdemo_path_show_preferred(struct mpdemo_path *p, char *page)
{
	return sysfs_emit(page, "%d\n",
			  p->attached && mpath_device_preferred(&p->mdev));
}

static ssize_t mpdemo_path_show_numa_node(struct mpdemo_path *p, char *page)
{
	return sysfs_emit(page, "%d\n", p->numa_node);
}

static int mpdemo_path_store_numa_node(struct mpdemo_path *p,
				       const char *page)
{
	int node, ret;

	ret = kstrtoint(page, 0, &node);
	if (ret) {
		mpdemo_path_err(p, "numa_node: not a node number\n");
		return ret;
	}
	return mpdemo_path_set_numa_node(p, node);
}

static ssize_t mpdemo_path_show_fault(struct mpdemo_path *p, char *page)
{
	return sysfs_emit(page, "%s\n", p->fault ? "fail" : "none");
}

/* a path removed in the background is disabled already */
static ssize_t mpdemo_path_show_enable(struct mpdemo_path *p, char *page)
{
	return sysfs_emit(page, "%d\n", p->enabled && !p->draining);
}

static int mpdemo_path_store_enable(struct mpdemo_path *p, const char *page)
{
	bool on, pinned;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		mpdemo_path_err(p, "enable: not a boolean\n");
		return ret;
	}
	if (!on) {
		/* a path whose device stopped answering goes in the background */
		mpdemo_path_disable(p, false);
		return 0;
	}
	/*
	 * A pin held already is not this call's to drop: an enabled path's,
	 * or a draining one's (its rmdir must keep failing until the last
	 * bio is back, not wait for it in the kernel).
	 */
	pinned = mpdemo_pinned(&p->pin);
	if (p->user_created) {
		ret = mpdemo_pin(&p->group, &p->pin, mpdemo_path_unpin);
		if (ret)
			return ret;
	}
	ret = mpdemo_path_enable(p);
	if (ret && !pinned)
		mpdemo_unpin(&p->pin);
	return ret;
}

MPDEMO_ATTR_RW(path, device);
MPDEMO_ATTR_RW(path, state);
MPDEMO_ATTR_RW(path, numa_node);
MPDEMO_ATTR_RW(path, fault);
MPDEMO_ATTR_RW(path, enable);
MPDEMO_ATTR_RO(path, failed);
MPDEMO_ATTR_RO(path, unready);
MPDEMO_ATTR_RO(path, queue_depth);
MPDEMO_ATTR_RO(path, submitted);
MPDEMO_ATTR_RO(path, completed);
MPDEMO_ATTR_RO(path, errors);
MPDEMO_ATTR_RO(path, failovers);
MPDEMO_ATTR_RO(path, numa_nodes);
MPDEMO_ATTR_RO(path, unique_id);
MPDEMO_ATTR_RO(path, state_source);
MPDEMO_ATTR_RO(path, alua);
MPDEMO_ATTR_RO(path, preferred);

static struct configfs_attribute *mpdemo_path_attrs[] = {
	&mpdemo_path_attr_device,
	&mpdemo_path_attr_state,
	&mpdemo_path_attr_numa_node,
	&mpdemo_path_attr_fault,
	&mpdemo_path_attr_enable,
	&mpdemo_path_attr_failed,
	&mpdemo_path_attr_unready,
	&mpdemo_path_attr_queue_depth,
	&mpdemo_path_attr_submitted,
	&mpdemo_path_attr_completed,
	&mpdemo_path_attr_errors,
	&mpdemo_path_attr_failovers,
	&mpdemo_path_attr_numa_nodes,
	&mpdemo_path_attr_unique_id,
	&mpdemo_path_attr_state_source,
	&mpdemo_path_attr_alua,
	&mpdemo_path_attr_preferred,
	NULL,
};

/* ---- path slots: <head>/paths/<path> ---- */

static void mpdemo_path_item_release(struct config_item *item)
{
	mpdemo_path_free(to_mpdemo_path(item));
}

static struct configfs_item_operations mpdemo_path_item_ops = {
	.release	= mpdemo_path_item_release,
};

static const struct config_item_type mpdemo_path_type = {
	.ct_item_ops	= &mpdemo_path_item_ops,
	.ct_attrs	= mpdemo_path_attrs,
	.ct_owner	= THIS_MODULE,
};

static struct config_group *mpdemo_make_path(struct config_group *group,
					     const char *name)
{
	struct mpdemo_head *h = container_of(group, struct mpdemo_head,
					     paths_group);
	struct mpdemo_path *p;

	mutex_lock(&mpdemo_lock);
	p = mpdemo_configfs_new_path(h, name, true);
	mutex_unlock(&mpdemo_lock);
	if (IS_ERR(p))
		return ERR_CAST(p);
	return &p->group;
}

static void mpdemo_drop_path(struct config_group *group,
			     struct config_item *item)
{
	mpdemo_path_destroy(to_mpdemo_path(item));
	config_item_put(item);
}

static struct configfs_group_operations mpdemo_paths_group_ops = {
	.make_group	= mpdemo_make_path,
	.drop_item	= mpdemo_drop_path,
};

static const struct config_item_type mpdemo_paths_type = {
	.ct_group_ops	= &mpdemo_paths_group_ops,
	.ct_owner	= THIS_MODULE,
};

/**
 * mpdemo_configfs_new_path() - a new path slot of a head, and its group
 * @h: the head
 * @name: the directory name
 * @user_created: made by mkdir (else by the module, which shows it with
 *	mpdemo_configfs_add_path())
 *
 * Context: process context, mpdemo_lock held.
 * Return: the slot (its memory is the group's), or an ERR_PTR().
 */
struct mpdemo_path *mpdemo_configfs_new_path(struct mpdemo_head *h,
					     const char *name,
					     bool user_created)
{
	struct mpdemo_path *p;

	p = mpdemo_path_alloc(h, user_created);
	if (!IS_ERR(p))
		config_group_init_type_name(&p->group, name, &mpdemo_path_type);
	return p;
}

/* ---- heads: mpathdemo/<head> ---- */

static void mpdemo_head_item_release(struct config_item *item)
{
	mpdemo_head_free(to_mpdemo_head(item));
}

static struct configfs_item_operations mpdemo_head_item_ops = {
	.release	= mpdemo_head_item_release,
};

static const struct config_item_type mpdemo_head_type = {
	.ct_item_ops	= &mpdemo_head_item_ops,
	.ct_attrs	= mpdemo_head_attrs,
	.ct_owner	= THIS_MODULE,
};

/**
 * mpdemo_configfs_new_head() - a new head, and its groups
 * @name: the directory name, NULL for the disk name
 * @user_created: made by mkdir (else by the module, which shows it with
 *	mpdemo_configfs_add_head())
 *
 * Context: process context, mpdemo_lock held.
 * Return: the head (its memory is the group's), or an ERR_PTR().
 */
struct mpdemo_head *mpdemo_configfs_new_head(const char *name,
					     bool user_created)
{
	struct mpdemo_head *h;

	h = mpdemo_head_alloc(user_created);
	if (IS_ERR(h))
		return h;
	config_group_init_type_name(&h->group, name ? name : h->disk_name,
				    &mpdemo_head_type);
	config_group_init_type_name(&h->paths_group, "paths",
				    &mpdemo_paths_type);
	configfs_add_default_group(&h->paths_group, &h->group);
	return h;
}

static struct config_group *mpdemo_make_head(struct config_group *group,
					     const char *name)
{
	struct mpdemo_head *h;

	mutex_lock(&mpdemo_lock);
	h = mpdemo_configfs_new_head(name, true);
	mutex_unlock(&mpdemo_lock);
	if (IS_ERR(h))
		return ERR_CAST(h);
	return &h->group;
}

static void mpdemo_drop_head(struct config_group *group,
			     struct config_item *item)
{
	mpdemo_head_destroy(to_mpdemo_head(item));
	config_item_put(item);
}

static struct configfs_group_operations mpdemo_root_group_ops = {
	.make_group	= mpdemo_make_head,
	.drop_item	= mpdemo_drop_head,
};

static const struct config_item_type mpdemo_root_type = {
	.ct_group_ops	= &mpdemo_root_group_ops,
	.ct_owner	= THIS_MODULE,
};

static struct configfs_subsystem mpdemo_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf	= KBUILD_MODNAME,
			.ci_type	= &mpdemo_root_type,
		},
	},
};

/**
 * mpdemo_configfs_add_head() - show a module-made head in configfs
 * @h: the head, from mpdemo_configfs_new_head(..., false)
 *
 * Context: process context, mpdemo_lock not held.
 * Return: 0 or a negative errno (-EEXIST if a head of that name exists).
 */
int mpdemo_configfs_add_head(struct mpdemo_head *h)
{
	return configfs_register_group(&mpdemo_subsys.su_group, &h->group);
}

/**
 * mpdemo_configfs_remove_head() - undo mpdemo_configfs_add_head()
 * @h: the head; its paths must be removed first
 *
 * Waits for attribute reads and writes of @h in progress.
 *
 * Context: process context, mpdemo_lock not held.
 */
void mpdemo_configfs_remove_head(struct mpdemo_head *h)
{
	configfs_unregister_group(&h->group);
}

/**
 * mpdemo_configfs_add_path() - show a module-made path slot in configfs
 * @p: the slot, from mpdemo_configfs_new_path(..., false); its head is shown
 *
 * Context: process context, mpdemo_lock not held.
 * Return: 0 or a negative errno.
 */
int mpdemo_configfs_add_path(struct mpdemo_path *p)
{
	return configfs_register_group(&p->head->paths_group, &p->group);
}

/**
 * mpdemo_configfs_remove_path() - undo mpdemo_configfs_add_path()
 * @p: the slot
 *
 * Waits for attribute reads and writes of @p in progress.
 *
 * Context: process context, mpdemo_lock not held.
 */
void mpdemo_configfs_remove_path(struct mpdemo_path *p)
{
	configfs_unregister_group(&p->group);
}

/**
 * mpdemo_configfs_init() - register /sys/kernel/config/mpathdemo
 *
 * Context: module init.
 * Return: 0 or a negative errno.
 */
int mpdemo_configfs_init(void)
{
	int ret;

	config_group_init(&mpdemo_subsys.su_group);
	mutex_init(&mpdemo_subsys.su_mutex);
	ret = configfs_register_subsystem(&mpdemo_subsys);
	if (ret)
		pr_err("cannot register configfs subsystem: %d\n", ret);
	return ret;
}

/**
 * mpdemo_configfs_exit() - unregister /sys/kernel/config/mpathdemo
 *
 * Module-made groups must be removed first; user-made ones cannot exist,
 * they pin the module.
 *
 * Context: module exit.
 */
void mpdemo_configfs_exit(void)
{
	configfs_unregister_subsystem(&mpdemo_subsys);
}
