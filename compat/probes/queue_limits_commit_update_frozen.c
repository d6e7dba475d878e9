// SPDX-License-Identifier: GPL-2.0
/*
 * v6.14-rc1, aa427d7b73b1 ("block: add a
 * queue_limits_commit_update_frozen helper"); also in 6.12.y.
 */
#include <linux/blkdev.h>

int mpath_probe(struct request_queue *q, struct queue_limits *lim);
int mpath_probe(struct request_queue *q, struct queue_limits *lim)
{
	return queue_limits_commit_update_frozen(q, lim);
}
