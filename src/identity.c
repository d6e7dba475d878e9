// SPDX-License-Identifier: GPL-2.0
/*
 * Path identity: two different devices must never become one head.  The
 * rule is in "Path identity" in the public header.
 *
 * The identifier is what the block layer's get_unique_id() gives (pNFS
 * SCSI layouts use it too): SCSI's VPD page 0x83 designators, NVMe's
 * namespace UUID, EUI-64 or NGUID, dm's table device's.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

static const char *const mpath_id_type_names[] = {
	[BLK_UID_T10]	= "t10",
	[BLK_UID_EUI64]	= "eui64",
	[BLK_UID_NAA]	= "naa",
};

/**
 * mpath_id_type_name() - the name of an identifier type
 * @type: an enum blk_unique_id value
 *
 * Context: any.
 * Return: "t10", "eui64", "naa" or "none".
 */
const char *mpath_id_type_name(u8 type)
{
	if (type < BLK_UID_T10 || type > BLK_UID_NAA)
		return "none";
	return mpath_id_type_names[type];
}

static int mpath_read_id_type(struct block_device *bdev, u8 type,
			      struct mpath_id *id)
{
	const struct block_device_operations *fops = bdev->bd_disk->fops;
	int ret;

	memset(id, 0, sizeof(*id));
	if (!fops->get_unique_id)
		return 0;
	ret = fops->get_unique_id(bdev->bd_disk, id->id, type);
	if (ret <= 0)
		return 0;
	id->type = type;
	id->len = min_t(int, ret, sizeof(id->id));
	return id->len;
}

/**
 * mpath_read_id() - the identifier of a block device
 * @bdev: the device
 * @id: filled in with the first of its T10, EUI-64 and NAA identifiers,
 *	or with length 0 if it has none
 *
 * Context: process context.
 * Return: the length of the identifier, 0 for none.
 */
int mpath_read_id(struct block_device *bdev, struct mpath_id *id)
{
	u8 type;

	for (type = BLK_UID_T10; type <= BLK_UID_NAA; type++) {
		if (mpath_read_id_type(bdev, type, id))
			return id->len;
	}
	return 0;
}

/**
 * __mpath_check_identity() - may @bdev join @head?
 * @head: the head
 * @bdev: the new path's device
 * @id: its identifier, from mpath_read_id()
 *
 * The first path with an identifier gives the head its identity.  A path
 * whose identifier of the head's type differs is refused; one without
 * such an identifier is accepted with a log line.
 *
 * Context: @head->lock held.
 * Return: 0, or -EILSEQ for a different device.
 */
int __mpath_check_identity(struct mpath_head *head, struct block_device *bdev,
			   const struct mpath_id *id)
{
	struct mpath_id same;

	lockdep_assert_held(&head->lock);

	if (!id->len) {
		pr_info("%pg has no device identifier: its identity was not checked\n",
			bdev);
		return 0;
	}
	if (!head->id.len) {
		head->id = *id;
		return 0;
	}
	/* the path may answer several types: compare the head's */
	if (id->type != head->id.type &&
	    !mpath_read_id_type(bdev, head->id.type, &same)) {
		pr_info("%pg has no %s identifier like the head's: its identity was not checked\n",
			bdev, mpath_id_type_name(head->id.type));
		return 0;
	}
	if (id->type == head->id.type)
		same = *id;
	if (same.len != head->id.len ||
	    memcmp(same.id, head->id.id, same.len)) {
		pr_err("%pg: identifier %s %*phN differs from the head's %s %*phN: not a path to the same device\n",
		       bdev, mpath_id_type_name(same.type), same.len, same.id,
		       mpath_id_type_name(head->id.type), head->id.len,
		       head->id.id);
		return -EILSEQ;
	}
	return 0;
}
