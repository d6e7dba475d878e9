/* v6.14-rc1 (unverified) "block: Rework bio_split() return value": ERR_PTR on failure; bio_submit_split_bioset() arrived after it and marks it */
#include <linux/bio.h>
#include <linux/blkdev.h>
struct bio *mpath_probe(struct bio *b, struct bio_set *bs);
struct bio *mpath_probe(struct bio *b, struct bio_set *bs) { return bio_submit_split_bioset(b, 8, bs); }
