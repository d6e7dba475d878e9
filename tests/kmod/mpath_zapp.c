// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_zapp - test-only: send REQ_OP_ZONE_APPEND bios to a block device,
 * which userspace cannot do, and report where the device says each one
 * landed.
 *
 *   echo "<device> <zone start sector> <count>" > /sys/kernel/debug/mpath_zapp/append
 *	opens the device and sends <count> zone appends of 4 KiB, one after
 *	the other, to the zone; append i is filled with the byte i + 1.
 *   cat /sys/kernel/debug/mpath_zapp/append
 *	one line per append of the last run: "<i> <sector> <errno>".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/debugfs.h>
#include <linux/slab.h>

#include <libmultipath/compat.h>

#define MPZ_MAX		64

static struct dentry *mpz_dir;
static DEFINE_MUTEX(mpz_lock);
static unsigned int mpz_nr;
static sector_t mpz_sector[MPZ_MAX];
static int mpz_err[MPZ_MAX];

static int mpz_append(struct block_device *bdev, sector_t zone, unsigned int i)
{
	struct page *page;
	struct bio *bio;
	int ret;

	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	memset(page_address(page), i + 1, PAGE_SIZE);
	bio = bio_alloc(bdev, 1, REQ_OP_ZONE_APPEND, GFP_KERNEL);
	bio->bi_iter.bi_sector = zone;
	__bio_add_page(bio, page, PAGE_SIZE, 0);
	ret = submit_bio_wait(bio);
	mpz_sector[i] = bio->bi_iter.bi_sector;
	bio_put(bio);
	__free_page(page);
	return ret;
}

static ssize_t mpz_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	struct mpath_bdev b;
	unsigned long long zone;
	unsigned int nr, i;
	char buf[128], path[96];
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = 0;
	if (sscanf(buf, "%95s %llu %u", path, &zone, &nr) != 3 || !nr ||
	    nr > MPZ_MAX) {
		pr_err("append: \"<device> <zone start> <count 1-%d>\"\n",
		       MPZ_MAX);
		return -EINVAL;
	}
	ret = mpath_bdev_open(&b, path, THIS_MODULE, NULL);
	if (ret) {
		pr_err("cannot open %s: %d\n", path, ret);
		return ret;
	}
	mutex_lock(&mpz_lock);
	for (i = 0; i < nr; i++)
		mpz_err[i] = mpz_append(b.bdev, zone, i);
	mpz_nr = nr;
	mutex_unlock(&mpz_lock);
	mpath_bdev_close(&b);
	return count;
}

static ssize_t mpz_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	char *buf;
	unsigned int i;
	ssize_t ret;
	int len = 0;

	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&mpz_lock);
	for (i = 0; i < mpz_nr; i++)
		len += scnprintf(buf + len, PAGE_SIZE - len, "%u %llu %d\n", i,
				 (unsigned long long)mpz_sector[i], mpz_err[i]);
	mutex_unlock(&mpz_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, buf, len);
	kfree(buf);
	return ret;
}

static const struct file_operations mpz_fops = {
	.owner	= THIS_MODULE,
	.read	= mpz_read,
	.write	= mpz_write,
	.llseek	= default_llseek,
};

static int __init mpz_init(void)
{
	mpz_dir = debugfs_create_dir("mpath_zapp", NULL);
	debugfs_create_file("append", 0600, mpz_dir, NULL, &mpz_fops);
	return 0;
}

static void __exit mpz_exit(void)
{
	debugfs_remove_recursive(mpz_dir);
}

module_init(mpz_init);
module_exit(mpz_exit);
MODULE_DESCRIPTION("libmultipath tests: zone append from a debugfs file");
MODULE_LICENSE("GPL");
