// SPDX-License-Identifier: GPL-2.0
/*
 * mpathdemo configfs tree:
 *
 *   /sys/kernel/config/mpathdemo/<head>/
 *	iopolicy pr_scope delayed_removal_secs queue_if_no_path enable disk
 *	stats revalidate (write 1: recheck the paths' capacity and block
 *	size, grow the head when every path grew)
 *	paths/<path>/
 *		device state numa_node fault enable stats unique_id
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
	bool on;
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
	if (h->user_created) {
		ret = mpdemo_configfs_depend(&h->group, &h->depended);
		if (ret)
			goto out_unlock;
	}
	ret = mpdemo_head_enable(h);
	/* a disk that failed half-way stays pinned until it is released */
	if (ret && !h->uninit_pending)
		mpdemo_configfs_undepend(&h->group, &h->depended);
out_unlock:
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_head_disk_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%s\n", to_mpdemo_head(item)->disk_name);
}

static ssize_t mpdemo_head_stats_show(struct config_item *item, char *page)
{
	struct mpdemo_head *h = to_mpdemo_head(item);
	ssize_t ret = 0;

	mutex_lock(&mpdemo_lock);
	if (h->enabled)
		ret = mpath_head_stats_show(&h->mpath, page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

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

CONFIGFS_ATTR(mpdemo_head_, iopolicy);
CONFIGFS_ATTR(mpdemo_head_, pr_scope);
CONFIGFS_ATTR(mpdemo_head_, delayed_removal_secs);
CONFIGFS_ATTR(mpdemo_head_, queue_if_no_path);
CONFIGFS_ATTR(mpdemo_head_, enable);
CONFIGFS_ATTR_RO(mpdemo_head_, disk);
CONFIGFS_ATTR_RO(mpdemo_head_, stats);
CONFIGFS_ATTR_WO(mpdemo_head_, revalidate);

static struct configfs_attribute *mpdemo_head_attrs[] = {
	&mpdemo_head_attr_iopolicy,
	&mpdemo_head_attr_pr_scope,
	&mpdemo_head_attr_delayed_removal_secs,
	&mpdemo_head_attr_queue_if_no_path,
	&mpdemo_head_attr_enable,
	&mpdemo_head_attr_disk,
	&mpdemo_head_attr_stats,
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
	ret = sysfs_emit(page, "%s\n", mpath_access_state_name(p->state));
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
		pr_err("%s: numa_node: not a node number\n",
		       config_item_name(item));
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
	bool on;
	int ret;

	ret = kstrtobool(page, &on);
	if (ret) {
		pr_err("%s: enable: not a boolean\n", config_item_name(item));
		return ret;
	}

	mutex_lock(&mpdemo_lock);
	if (!on) {
		/* a path whose device stopped answering goes in the background */
		mpdemo_path_disable(p, false);
		goto out_unlock;
	}
	if (p->user_created) {
		ret = mpdemo_configfs_depend(&p->group, &p->depended);
		if (ret)
			goto out_unlock;
	}
	ret = mpdemo_path_enable(p);
	if (ret)
		mpdemo_configfs_undepend(&p->group, &p->depended);
out_unlock:
	mutex_unlock(&mpdemo_lock);
	return mpdemo_store_result(ret, count);
}

static ssize_t mpdemo_path_stats_show(struct config_item *item, char *page)
{
	struct mpdemo_path *p = to_mpdemo_path(item);
	ssize_t ret = 0;

	mutex_lock(&mpdemo_lock);
	if (p->attached)
		ret = mpath_device_stats_show(&p->mdev, page);
	mutex_unlock(&mpdemo_lock);
	return ret;
}

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
CONFIGFS_ATTR_RO(mpdemo_path_, stats);
CONFIGFS_ATTR_RO(mpdemo_path_, unique_id);

static struct configfs_attribute *mpdemo_path_attrs[] = {
	&mpdemo_path_attr_device,
	&mpdemo_path_attr_state,
	&mpdemo_path_attr_numa_node,
	&mpdemo_path_attr_fault,
	&mpdemo_path_attr_enable,
	&mpdemo_path_attr_stats,
	&mpdemo_path_attr_unique_id,
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
