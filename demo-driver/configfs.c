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

/**
 * mpdemo_configfs_depend() - pin a group against rmdir
 * @group: a head's or path's group
 * @depended: the object's flag recording the dependency
 *
 * Context: a configfs callback of our subsystem, mpdemo_lock held.
 * Return: 0, or -ENOENT if the group is being removed.
 */
int mpdemo_configfs_depend(struct config_group *group, bool *depended)
{
	int ret;

	if (*depended)
		return 0;
	ret = configfs_depend_item_unlocked(&mpdemo_subsys, &group->cg_item);
	if (ret)
		return ret;
	*depended = true;
	return 0;
}

/**
 * mpdemo_configfs_undepend() - drop the pin of mpdemo_configfs_depend()
 * @group: the group
 * @depended: the object's flag recording the dependency
 *
 * Context: any process context, mpdemo_lock held.
 */
void mpdemo_configfs_undepend(struct config_group *group, bool *depended)
{
	if (!*depended)
		return;
	configfs_undepend_item(&group->cg_item);
	*depended = false;
}

static ssize_t mpdemo_store_result(int ret, size_t count)
{
	return ret ? ret : count;
}

/* ---- head attributes ---- */

static ssize_t mpdemo_head_iopolicy_show(struct config_item *item, char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%s\n", mpath_iopolicy_name(h->iopolicy));
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_iopolicy_store(struct config_item *item,
					  const char *page, size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_head_set_iopolicy(h, page);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_delayed_removal_secs_show(struct config_item *item,
						     char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%u\n", h->delayed_removal_secs);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_delayed_removal_secs_store(struct config_item *item,
						      const char *page,
						      size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	unsigned int secs;
	int ret;

	ret = kstrtouint(page, 0, &secs);
	if (ret) {
		pr_err("%s: delayed_removal_secs: not a number of seconds\n",
		       config_item_name(item));
		return ret;
	}
	mutex_lock(&mpdemo_lock);
	ret = mpdemo_head_set_delayed_removal(h, secs);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_queue_if_no_path_show(struct config_item *item,
						 char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%d\n", h->queue_if_no_path);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_queue_if_no_path_store(struct config_item *item,
						  const char *page,
						  size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	bool on;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		pr_err("%s: queue_if_no_path: not a boolean\n",
		       config_item_name(item));
		return ret;
	}
	mutex_lock(&mpdemo_lock);
	ret = mpdemo_head_set_queue_if_no_path(h, on);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_enable_show(struct config_item *item, char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%d\n", h->enabled);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_enable_store(struct config_item *item,
					const char *page, size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	bool on, pinned;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		pr_err("%s: enable: not a boolean\n", config_item_name(item));
		return ret;
	}

	mutex_lock(&mpdemo_lock);
	if (!on) {
		ret = mpdemo_head_disable(h, false);
		goto out_unlock;
	}
	/* a pin held already (enabled, or still going) is not this call's */
	pinned = h->depended;
	if (h->user_created) {
		ret = mpdemo_configfs_depend(&h->group, &h->depended);
		if (ret)
			goto out_unlock;
	}
	ret = mpdemo_head_enable(h);
	/* a disk that failed half-way stays pinned until it is released */
	if (ret && !pinned && !h->uninit_pending)
		mpdemo_configfs_undepend(&h->group, &h->depended);
out_unlock:
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_disk_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%s\n", to_mpdemo_head(item)->disk_name);
}

/*
 * The head's no-path counters, one value per file (empty while the head is
 * disabled: there is no library head to count).
 */
static ssize_t mpdemo_head_stat_show(struct config_item *item, char *page,
				     int which)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	struct mpath_head_stats st;
	ssize_t ret = 0;
	u64 v;

	mutex_lock(&mpdemo_lock);
	if (h->enabled) {
		mpath_head_read_stats(&h->mpath, &st);
		switch (which) {
		case 0:
			v = st.queued;
			break;
		case 1:
			v = st.requeue_no_usable_path;
			break;
		case 2:
			v = st.fail_no_available_path;
			break;
		case 3:
			v = st.no_path_bound;
			break;
		default:
			v = st.no_path_expired;
			break;
		}
		ret = sysfs_emit(page, "%llu\n", v);
	}
	mutex_unlock(&mpdemo_lock);
	return ret;
}

#define MPDEMO_HEAD_STAT(_name, _which)					\
static ssize_t mpdemo_head_##_name##_show(struct config_item *item,	\
					  char *page)			\
{									\
	return mpdemo_head_stat_show(item, page, _which);		\
}									\
CONFIGFS_ATTR_RO(mpdemo_head_, _name)

MPDEMO_HEAD_STAT(queued, 0);
MPDEMO_HEAD_STAT(requeue_no_usable_path, 1);
MPDEMO_HEAD_STAT(fail_no_available_path, 2);
MPDEMO_HEAD_STAT(no_path_bound, 3);
MPDEMO_HEAD_STAT(no_path_expired, 4);

/*
 * Writing 1 rechecks every path against the head (capacity, block size):
 * the head grows when every path grew; a path that shrank or no longer
 * matches is taken out of use until it does again.
 */
static ssize_t mpdemo_head_revalidate_store(struct config_item *item,
					    const char *page, size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	bool on;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret || !on) {
		pr_err("%s: revalidate: write 1\n", config_item_name(item));
		return -EINVAL;
	}
	mutex_lock(&mpdemo_lock);
	ret = mpdemo_head_revalidate(h);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_pr_scope_show(struct config_item *item, char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%s\n", mpdemo_pr_scope_name(h->pr_scope));
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_pr_scope_store(struct config_item *item,
					  const char *page, size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_head_set_pr_scope(h, page);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_checker_show(struct config_item *item, char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%s\n", mpdemo_checker_name(h->checker));
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_checker_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_head_set_checker(h, page);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

/* the checker's numbers: seconds or a count, each with its own range */
static ssize_t mpdemo_head_uint_show(struct config_item *item, char *page,
				     unsigned int *val)
{
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%u\n", *val);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_head_uint_store(struct config_item *item,
				      const char *page, size_t count,
				      const char *name, unsigned int *val,
				      unsigned int min, unsigned int max)
{
	unsigned int v;
	int ret;

	ret = kstrtouint(page, 0, &v);
	if (ret || v < min || v > max) {
		pr_err("%s: %s: not a number from %u to %u\n",
		       config_item_name(item), name, min, max);
		return ret ? ret : -ERANGE;
	}
	mutex_lock(&mpdemo_lock);
	WRITE_ONCE(*val, v);
	mutex_unlock(&mpdemo_lock);
	return count;
}

static ssize_t mpdemo_head_checker_interval_secs_show(struct config_item *item,
						      char *page)
{
	return mpdemo_head_uint_show(item, page,
				     &to_mpdemo_head(item)->checker_interval_secs);
}

static ssize_t mpdemo_head_checker_interval_secs_store(struct config_item *item,
						       const char *page, size_t count)
{
	return mpdemo_head_uint_store(item, page, count, "checker_interval_secs",
				      &to_mpdemo_head(item)->checker_interval_secs,
				      1, MPDEMO_MAX_CHECK_SECS);
}
CONFIGFS_ATTR(mpdemo_head_, checker_interval_secs);

static ssize_t mpdemo_head_flap_failures_show(struct config_item *item,
					      char *page)
{
	return mpdemo_head_uint_show(item, page,
				     &to_mpdemo_head(item)->flap_failures);
}

static ssize_t mpdemo_head_flap_failures_store(struct config_item *item,
					       const char *page, size_t count)
{
	return mpdemo_head_uint_store(item, page, count, "flap_failures",
				      &to_mpdemo_head(item)->flap_failures,
				      0, 1000);
}
CONFIGFS_ATTR(mpdemo_head_, flap_failures);

static ssize_t mpdemo_head_flap_window_secs_show(struct config_item *item,
						 char *page)
{
	return mpdemo_head_uint_show(item, page,
				     &to_mpdemo_head(item)->flap_window_secs);
}

static ssize_t mpdemo_head_flap_window_secs_store(struct config_item *item,
						  const char *page, size_t count)
{
	return mpdemo_head_uint_store(item, page, count, "flap_window_secs",
				      &to_mpdemo_head(item)->flap_window_secs,
				      1, 86400);
}
CONFIGFS_ATTR(mpdemo_head_, flap_window_secs);

static ssize_t mpdemo_head_flap_hold_secs_show(struct config_item *item,
					       char *page)
{
	return mpdemo_head_uint_show(item, page,
				     &to_mpdemo_head(item)->flap_hold_secs);
}

static ssize_t mpdemo_head_flap_hold_secs_store(struct config_item *item,
						const char *page, size_t count)
{
	return mpdemo_head_uint_store(item, page, count, "flap_hold_secs",
				      &to_mpdemo_head(item)->flap_hold_secs,
				      1, 86400);
}
CONFIGFS_ATTR(mpdemo_head_, flap_hold_secs);

CONFIGFS_ATTR(mpdemo_head_, iopolicy);
CONFIGFS_ATTR(mpdemo_head_, checker);
CONFIGFS_ATTR(mpdemo_head_, pr_scope);
CONFIGFS_ATTR(mpdemo_head_, delayed_removal_secs);
CONFIGFS_ATTR(mpdemo_head_, queue_if_no_path);
CONFIGFS_ATTR(mpdemo_head_, enable);
CONFIGFS_ATTR_RO(mpdemo_head_, disk);
CONFIGFS_ATTR_WO(mpdemo_head_, revalidate);

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

static ssize_t mpdemo_path_device_show(struct config_item *item, char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%s\n", p->device ? p->device : "");
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_path_device_store(struct config_item *item,
					const char *page, size_t count)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_path_set_device(p, page);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_path_state_show(struct config_item *item, char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%s\n",
			 mpath_access_state_name(mpdemo_path_state(p)));
	mutex_unlock(&mpdemo_lock);
	return ret;
}

/* auto: the array gives the state (ALUA); manual: an administrator did */
static ssize_t mpdemo_path_state_source_show(struct config_item *item,
					     char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);

	return sysfs_emit(page, "%s\n",
			  READ_ONCE(p->state_manual) ? "manual" : "auto");
}

/* what the device's ALUA handler says of the path, or none */
static ssize_t mpdemo_path_alua_show(struct config_item *item, char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_alua_show(p, page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

/* what mpath_set_preferred() last set for an attached path */
static ssize_t mpdemo_path_preferred_show(struct config_item *item,
					  char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%d\n",
			 p->attached && mpath_device_preferred(&p->mdev));
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_path_state_store(struct config_item *item,
				       const char *page, size_t count)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_path_set_state(p, page);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_path_numa_node_show(struct config_item *item,
					  char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%d\n", p->numa_node);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_path_numa_node_store(struct config_item *item,
					   const char *page, size_t count)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	int node, ret;

	ret = kstrtoint(page, 0, &node);
	if (ret) {
		mpdemo_path_err(p, "numa_node: not a node number\n");
		return ret;
	}
	mutex_lock(&mpdemo_lock);
	ret = mpdemo_path_set_numa_node(p, node);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_path_fault_show(struct config_item *item, char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%s\n", p->fault ? "fail" : "none");
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_path_fault_store(struct config_item *item,
				       const char *page, size_t count)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	int ret;

	mutex_lock(&mpdemo_lock);
	ret = mpdemo_path_set_fault(p, page);
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_path_enable_show(struct config_item *item, char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret;

	/* a path removed in the background is disabled already */
	mutex_lock(&mpdemo_lock);
	ret = sysfs_emit(page, "%d\n", p->enabled && !p->draining);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

static ssize_t mpdemo_path_enable_store(struct config_item *item,
					const char *page, size_t count)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	bool on, pinned;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		mpdemo_path_err(p, "enable: not a boolean\n");
		return ret;
	}

	mutex_lock(&mpdemo_lock);
	if (!on) {
		/* a path whose device stopped answering goes in the background */
		mpdemo_path_disable(p, false);
		goto out_unlock;
	}
	/*
	 * A pin held already is not this call's to drop: an enabled path's,
	 * or a draining one's (its rmdir must keep failing until the last
	 * bio is back, not wait for it in the kernel).
	 */
	pinned = p->depended;
	if (p->user_created) {
		ret = mpdemo_configfs_depend(&p->group, &p->depended);
		if (ret)
			goto out_unlock;
	}
	ret = mpdemo_path_enable(p);
	if (ret && !pinned)
		mpdemo_configfs_undepend(&p->group, &p->depended);
out_unlock:
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

/*
 * What the library knows of an attached path, one value per file (empty
 * while the path is not attached).  numa_nodes and queue_depth have the
 * meaning of NVMe's path attributes of those names.
 */
enum {
	MPDEMO_PATH_FAILED, MPDEMO_PATH_UNREADY, MPDEMO_PATH_QUEUE_DEPTH,
	MPDEMO_PATH_SUBMITTED, MPDEMO_PATH_COMPLETED, MPDEMO_PATH_ERRORS,
	MPDEMO_PATH_FAILOVERS,
};

static ssize_t mpdemo_path_stat_show(struct config_item *item, char *page,
				     int which)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	struct mpath_device_stats st;
	ssize_t ret = 0;
	u64 v;

	mutex_lock(&mpdemo_lock);
	if (p->attached) {
		mpath_device_read_stats(&p->mdev, &st);
		switch (which) {
		case MPDEMO_PATH_FAILED:
			v = mpath_device_failed(&p->mdev);
			break;
		case MPDEMO_PATH_UNREADY:
			v = mpath_device_unready(&p->mdev);
			break;
		case MPDEMO_PATH_QUEUE_DEPTH:
			v = mpath_device_inflight(&p->mdev);
			break;
		case MPDEMO_PATH_SUBMITTED:
			v = st.submitted;
			break;
		case MPDEMO_PATH_COMPLETED:
			v = st.completed;
			break;
		case MPDEMO_PATH_ERRORS:
			v = st.errors;
			break;
		default:
			v = st.failovers;
			break;
		}
		ret = sysfs_emit(page, "%llu\n", v);
	}
	mutex_unlock(&mpdemo_lock);
	return ret;
}

#define MPDEMO_PATH_STAT(_name, _which)					\
static ssize_t mpdemo_path_##_name##_show(struct config_item *item,	\
					  char *page)			\
{									\
	return mpdemo_path_stat_show(item, page, _which);		\
}									\
CONFIGFS_ATTR_RO(mpdemo_path_, _name)

MPDEMO_PATH_STAT(failed, MPDEMO_PATH_FAILED);
MPDEMO_PATH_STAT(unready, MPDEMO_PATH_UNREADY);
MPDEMO_PATH_STAT(queue_depth, MPDEMO_PATH_QUEUE_DEPTH);
MPDEMO_PATH_STAT(submitted, MPDEMO_PATH_SUBMITTED);
MPDEMO_PATH_STAT(completed, MPDEMO_PATH_COMPLETED);
MPDEMO_PATH_STAT(errors, MPDEMO_PATH_ERRORS);
MPDEMO_PATH_STAT(failovers, MPDEMO_PATH_FAILOVERS);

/* the nodes whose current path this is under the numa policy */
static ssize_t mpdemo_path_numa_nodes_show(struct config_item *item,
					   char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret = 0;

	mutex_lock(&mpdemo_lock);
	if (p->attached)
		ret = mpath_numa_nodes_show(&p->mdev, page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}
CONFIGFS_ATTR_RO(mpdemo_path_, numa_nodes);

/* the identifier the library read when the path was added */
static ssize_t mpdemo_path_unique_id_show(struct config_item *item,
					  char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret = 0;

	mutex_lock(&mpdemo_lock);
	if (p->attached)
		ret = mpath_device_id_show(&p->mdev, page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

CONFIGFS_ATTR(mpdemo_path_, device);
CONFIGFS_ATTR(mpdemo_path_, state);
CONFIGFS_ATTR(mpdemo_path_, numa_node);
CONFIGFS_ATTR(mpdemo_path_, fault);
CONFIGFS_ATTR(mpdemo_path_, enable);
CONFIGFS_ATTR_RO(mpdemo_path_, unique_id);
CONFIGFS_ATTR_RO(mpdemo_path_, state_source);
CONFIGFS_ATTR_RO(mpdemo_path_, alua);
CONFIGFS_ATTR_RO(mpdemo_path_, preferred);

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
	p = mpdemo_path_alloc(h, name, true);
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
 * mpdemo_configfs_init_path() - set up the configfs group of a path slot
 * @p: the slot, not yet visible in configfs
 * @name: the directory name
 *
 * Context: process context.
 */
void mpdemo_configfs_init_path(struct mpdemo_path *p, const char *name)
{
	config_group_init_type_name(&p->group, name, &mpdemo_path_type);
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
 * mpdemo_configfs_init_head() - set up the configfs groups of a head
 * @h: the head, not yet visible in configfs
 * @name: the directory name
 *
 * Context: process context.
 */
void mpdemo_configfs_init_head(struct mpdemo_head *h, const char *name)
{
	config_group_init_type_name(&h->group, name, &mpdemo_head_type);
	config_group_init_type_name(&h->paths_group, "paths",
				    &mpdemo_paths_type);
	configfs_add_default_group(&h->paths_group, &h->group);
}

static struct config_group *mpdemo_make_head(struct config_group *group,
					     const char *name)
{
	struct mpdemo_head *h;

	mutex_lock(&mpdemo_lock);
	h = mpdemo_head_alloc(name, true);
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
 * @h: the head, from mpdemo_head_alloc(..., false)
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
 * @p: the slot, from mpdemo_path_alloc(..., false); its head is shown
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
