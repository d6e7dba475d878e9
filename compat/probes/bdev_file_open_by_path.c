// SPDX-License-Identifier: GPL-2.0
/*
 * v6.9-rc1, f3a608827d1f ("bdev: open block device as files"):
 * bdev_file_open_by_path() opens a block device as a struct file (and
 * bdev_fput() releases it).
 */
#include <linux/blkdev.h>
#include <linux/fs.h>

struct file *mpath_probe(const char *path, void *holder);
struct file *mpath_probe(const char *path, void *holder)
{
	return bdev_file_open_by_path(path, BLK_OPEN_READ | BLK_OPEN_WRITE,
				      holder, NULL);
}
