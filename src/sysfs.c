// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: the multipath/ link directory of the head disk and the show/store
 * helpers drivers wire into their own attributes.
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "internal.h"

/*
 * The group only provides the multipath/ directory that holds one link per
 * path; its single attribute is never shown.
 */
static struct attribute mpath_dummy_attr = {
	.name = "dummy",
	.mode = 0444,
};

static struct attribute *mpath_attrs[] = {
	&mpath_dummy_attr,
	NULL,
};

static umode_t mpath_attr_visible(struct kobject *kobj, struct attribute *a,
				  int n)
{
	return 0;
}

const struct attribute_group mpath_attr_group = {
	.name		= "multipath",
	.attrs		= mpath_attrs,
	.is_visible	= mpath_attr_visible,
};

/* Length of @buf up to a trailing newline, for quoting sysfs input. */
static int mpath_input_len(const char *buf)
{
	return (int)min_t(size_t, strcspn(buf, "\n"), 64);
}

int __mpath_add_sysfs_link(struct mpath_device *dev)
{
	struct mpath_head *head = dev->head;
	struct block_device *bdev = dev->bdev;
	int ret;

	lockdep_assert_held(&head->lock);

	/* both disks must be registered for the link and its directory */
	if (!head->disk || !test_bit(GD_ADDED, &head->disk->state) ||
	    !test_bit(GD_ADDED, &bdev->bd_disk->state))
		return -ENODEV;
	if (test_and_set_bit(MPATH_DEVICE_SYSFS_ATTR_LINK, &dev->flags))
		return 0;

	ret = sysfs_add_link_to_group(&disk_to_dev(head->disk)->kobj,
				      mpath_attr_group.name, bdev_kobj(bdev),
				      dev_name(&bdev->bd_device));
	if (ret)
		clear_bit(MPATH_DEVICE_SYSFS_ATTR_LINK, &dev->flags);
	return ret;
}

void __mpath_remove_sysfs_link(struct mpath_device *dev)
{
	struct mpath_head *head = dev->head;

	lockdep_assert_held(&head->lock);

	if (!test_and_clear_bit(MPATH_DEVICE_SYSFS_ATTR_LINK, &dev->flags))
		return;
	sysfs_remove_link_from_group(&disk_to_dev(head->disk)->kobj,
				     mpath_attr_group.name,
				     dev_name(&dev->bdev->bd_device));
}

/**
 * mpath_iopolicy_show() - show the I/O policy of a head
 * @head: the head
 * @buf: the sysfs buffer
 *
 * Context: process context (sysfs show).
 * Return: the number of bytes written to @buf.
 */
ssize_t mpath_iopolicy_show(struct mpath_head *head, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  mpath_iopolicy_name(mpath_get_iopolicy(head)));
}
EXPORT_SYMBOL_NS_GPL(mpath_iopolicy_show, MPATH_NS);

/**
 * mpath_iopolicy_store() - set the I/O policy of a head from sysfs
 * @head: the head
 * @buf: "numa", "round-robin", "queue-depth" or "latency"
 * @count: length of @buf
 *
 * Context: process context (sysfs store).
 * Return: @count, or -EINVAL for an unknown policy.
 */
ssize_t mpath_iopolicy_store(struct mpath_head *head, const char *buf,
			     size_t count)
{
	int policy = mpath_iopolicy_parse(buf);

	if (policy < 0) {
		pr_err_ratelimited("invalid iopolicy '%.*s' (numa, round-robin, queue-depth or latency)\n",
				   mpath_input_len(buf), buf);
		return -EINVAL;
	}
	mpath_set_iopolicy(head, policy);
	return count;
}
EXPORT_SYMBOL_NS_GPL(mpath_iopolicy_store, MPATH_NS);

/* the nodes whose cached current path is @dev; under SRCU */
static void mpath_numa_nodes_mask(struct mpath_device *dev, nodemask_t *mask)
{
	struct mpath_head *head = dev->head;
	unsigned int node;

	nodes_clear(*mask);
	for (node = 0; node < head->nr_nodes; node++) {
		if (srcu_dereference(head->current_path[node], &head->srcu) ==
		    dev)
			node_set(node, *mask);
	}
}

/**
 * mpath_numa_nodes_show() - the nodes whose current path is @dev
 * @dev: the path
 * @buf: the sysfs buffer
 *
 * Empty unless the numa policy is in force, as in NVMe.
 *
 * Context: process context (sysfs show).
 * Return: the number of bytes written to @buf.
 */
ssize_t mpath_numa_nodes_show(struct mpath_device *dev, char *buf)
{
	struct mpath_head *head = dev->head;
	nodemask_t numa_nodes;
	int srcu_idx;

	if (!head || mpath_get_iopolicy(head) != MPATH_IOPOLICY_NUMA)
		return 0;

	srcu_idx = srcu_read_lock(&head->srcu);
	mpath_numa_nodes_mask(dev, &numa_nodes);
	srcu_read_unlock(&head->srcu, srcu_idx);

	return sysfs_emit(buf, "%*pbl\n", nodemask_pr_args(&numa_nodes));
}
EXPORT_SYMBOL_NS_GPL(mpath_numa_nodes_show, MPATH_NS);

/**
 * mpath_device_id_show() - the identifier of a path
 * @dev: the path
 * @buf: the sysfs buffer
 *
 * "<type> <hex bytes>" (type t10, eui64 or naa) as read when the path was
 * added, or "none" for a device without one.  See "Path identity".
 *
 * Context: process context (sysfs show).
 * Return: the number of bytes written to @buf.
 */
ssize_t mpath_device_id_show(struct mpath_device *dev, char *buf)
{
	if (!dev->id.len)
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%s %*phN\n", mpath_id_type_name(dev->id.type),
			  dev->id.len, dev->id.id);
}
EXPORT_SYMBOL_NS_GPL(mpath_device_id_show, MPATH_NS);

/**
 * mpath_unique_id_show() - the head's unique identifier, as the block
 *	layer's get_unique_id would return it
 * @head: the head
 * @buf: the sysfs buffer
 *
 * Asks the selected path for a T10, EUI-64 and NAA identifier in this
 * order and shows the first one it has as "<type> <hex bytes>", or
 * "none" if it has none (a path driver without get_unique_id).
 *
 * Context: process context (sysfs show).
 * Return: the number of bytes written to @buf, or -EWOULDBLOCK without a
 * usable path.
 */
ssize_t mpath_unique_id_show(struct mpath_head *head, char *buf)
{
	static const char *const names[] = {
		[BLK_UID_T10] = "t10", [BLK_UID_EUI64] = "eui64",
		[BLK_UID_NAA] = "naa",
	};
	const struct block_device_operations *fops;
	enum blk_unique_id type;
	u8 id[16];
	int ret = 0;

	if (!head->disk)
		return -ENODEV;
	fops = head->disk->fops;
	for (type = BLK_UID_T10; type <= BLK_UID_NAA; type++) {
		ret = fops->get_unique_id(head->disk, id, type);
		if (ret == -EWOULDBLOCK)
			return ret;
		if (ret > 0)
			break;
	}
	if (ret <= 0)
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%s %*phN\n", names[type],
			  min_t(int, ret, sizeof(id)), id);
}
EXPORT_SYMBOL_NS_GPL(mpath_unique_id_show, MPATH_NS);
