// SPDX-License-Identifier: GPL-2.0
/*
 * libmultipath: the module (its workqueue and character device class).
 *
 * Copyright (c) 2017-2018 Christoph Hellwig.
 *
 * Derived from drivers/nvme/host/multipath.c and from the "a
 * generic multipath lib for block drivers" series by John Garry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

struct workqueue_struct *mpath_wq;

static int __init mpath_init(void)
{
	int ret;

	/* 7.2 warns about a workqueue that is neither unbound nor per-CPU */
	mpath_wq = alloc_workqueue("mpath-wq",
				   WQ_UNBOUND | WQ_MEM_RECLAIM | WQ_SYSFS, 0);
	if (!mpath_wq)
		return -ENOMEM;

	ret = mpath_chr_init();
	if (ret) {
		pr_err("registering the character device class failed: %d\n",
		       ret);
		goto out_destroy_wq;
	}
	return 0;

out_destroy_wq:
	destroy_workqueue(mpath_wq);
	return ret;
}

static void __exit mpath_exit(void)
{
	mpath_chr_exit();
	destroy_workqueue(mpath_wq);
}

module_init(mpath_init);
module_exit(mpath_exit);

MODULE_DESCRIPTION("native multipath library for bio-based block drivers");
MODULE_AUTHOR("Christoph Hellwig (NVMe multipath, which this derives from)");
MODULE_LICENSE("GPL");
MODULE_VERSION(MPATH_VERSION);
