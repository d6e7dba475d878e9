/* collision guard: a kernel with the in-tree library (lib/multipath.c, not in any released kernel as of 7.2) */
#include <linux/multipath.h>
#include <linux/blkdev.h>
void *mpath_probe(void);
void *mpath_probe(void) { return mpath_alloc_head_disk; }
