/* v6.14-rc1 (unverified): blk_mq_freeze_queue() returns memflags that blk_mq_unfreeze_queue() takes back */
#include <linux/blk-mq.h>
void mpath_probe(struct request_queue *q);
void mpath_probe(struct request_queue *q) { unsigned int m = blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q, m); }
