// SPDX-License-Identifier: GPL-2.0
/*
 * v6.14-rc1, 1e1a9cecfab3 ("block: force noio scope in
 * blk_mq_freeze_queue"): blk_mq_freeze_queue() returns the memflags that
 * blk_mq_unfreeze_queue() takes back.
 */
#include <linux/blk-mq.h>

void mpath_probe(struct request_queue *q);
void mpath_probe(struct request_queue *q)
{
	static_assert(__same_type(blk_mq_freeze_queue(q), unsigned int));
	blk_mq_unfreeze_queue(q, 0);
}
