/* v6.9-rc1 "bdev: open block device as files" */
#include <linux/blkdev.h>
#include <linux/fs.h>
struct file *mpath_probe(const char *p, void *holder);
struct file *mpath_probe(const char *p, void *holder)
{
	return bdev_file_open_by_path(p, BLK_OPEN_READ | BLK_OPEN_WRITE, holder, NULL);
}
