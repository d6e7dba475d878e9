/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The error classification of the public header ("Error classification"),
 * free of locks and state so that KUnit checks it for every status.
 */
#ifndef _MPATH_ERRORS_H
#define _MPATH_ERRORS_H

#include <linux/blk_types.h>

/* what the I/O path does with a clone's completion status */
enum mpath_sts_class {
	MPATH_STS_DONE,		/* complete the bio with the status */
	MPATH_STS_FAILOVER,	/* fail the path, send the bio again */
};

/*
 * Unlike blk_path_error(), which fails over anything it does not know to
 * be the I/O's fault, invalid requests, NOWAIT refusals, zone resource
 * limits and command duration limits go to the caller too: another path
 * would answer the same, and failing one path after the other for them
 * would take a healthy head down.
 */
static inline enum mpath_sts_class mpath_classify_status(blk_status_t status)
{
	switch (status) {
	case BLK_STS_OK:
	case BLK_STS_NOTSUPP:
	case BLK_STS_NOSPC:
	case BLK_STS_TARGET:
	case BLK_STS_RESV_CONFLICT:	/* compat.h names it on 6.1 */
	case BLK_STS_MEDIUM:
	case BLK_STS_PROTECTION:
	case BLK_STS_AGAIN:
	case BLK_STS_ZONE_OPEN_RESOURCE:
	case BLK_STS_ZONE_ACTIVE_RESOURCE:
#ifdef BLK_STS_DURATION_LIMIT	/* not in 6.1 */
	case BLK_STS_DURATION_LIMIT:
#endif
#ifdef BLK_STS_INVAL		/* not in 6.1 */
	case BLK_STS_INVAL:
#endif
		return MPATH_STS_DONE;
	default:
		/* transport, timeout, offline, resource, generic I/O error */
		return MPATH_STS_FAILOVER;
	}
}

#endif /* _MPATH_ERRORS_H */
