/* v6.14-rc1 (unverified; backported to 6.12.y) "block: add a queue_limits_commit_update_frozen helper" */
#include <linux/blkdev.h>
int mpath_probe(struct request_queue *q, struct queue_limits *lim);
int mpath_probe(struct request_queue *q, struct queue_limits *lim) { return queue_limits_commit_update_frozen(q, lim); }
