/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-memory store of the test modules' block devices: a bio's data to
 * or from the bytes of its sectors.
 */
#ifndef _MPATH_TEST_MEMSTORE_H
#define _MPATH_TEST_MEMSTORE_H

#include <linux/bio.h>
#include <linux/highmem.h>

/* copy @bio's data to (a write) or from @store; the caller checked its range */
static inline void memstore_copy(void *store, struct bio *bio)
{
	sector_t sector = bio->bi_iter.bi_sector;
	bool write = op_is_write(bio_op(bio));
	struct bvec_iter iter;
	struct bio_vec bv;

	bio_for_each_segment(bv, bio, iter) {
		void *s = store + (sector << SECTOR_SHIFT);
		void *p = bvec_kmap_local(&bv);

		if (write)
			memcpy(s, p, bv.bv_len);
		else
			memcpy(p, s, bv.bv_len);
		kunmap_local(p);
		sector += bv.bv_len >> SECTOR_SHIFT;
	}
}

#endif /* _MPATH_TEST_MEMSTORE_H */
