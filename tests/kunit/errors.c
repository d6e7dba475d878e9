// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite libmultipath_errors: the error classification.
 */
#include "kunit.h"

/* ---- libmultipath_errors -------------------------------------------- */

static void errors_io_errors_complete(struct kunit *test)
{
	static const blk_status_t done[] = {
		BLK_STS_OK, BLK_STS_NOTSUPP, BLK_STS_NOSPC, BLK_STS_TARGET,
		BLK_STS_RESV_CONFLICT, BLK_STS_MEDIUM, BLK_STS_PROTECTION,
		BLK_STS_AGAIN, BLK_STS_ZONE_OPEN_RESOURCE,
		BLK_STS_ZONE_ACTIVE_RESOURCE, BLK_STS_DURATION_LIMIT,
		BLK_STS_INVAL,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(done); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_classify_status(done[i]),
				    MPATH_STS_DONE, "status %u",
				    (unsigned int)done[i]);
}

static void errors_path_errors_fail_over(struct kunit *test)
{
	static const blk_status_t failover[] = {
		BLK_STS_TIMEOUT, BLK_STS_TRANSPORT, BLK_STS_RESOURCE,
		BLK_STS_IOERR, BLK_STS_DEV_RESOURCE, BLK_STS_OFFLINE,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(failover); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_classify_status(failover[i]),
				    MPATH_STS_FAILOVER, "status %u",
				    (unsigned int)failover[i]);
}

/* a status this code does not know may be a path's: fail over */
static void errors_unknown_fails_over(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_classify_status((__force blk_status_t)200),
			MPATH_STS_FAILOVER);
}

/* the only differences from the block layer's own blk_path_error() */
static void errors_differ_from_blk_path_error(struct kunit *test)
{
	unsigned int s;
	bool path;

	for (s = 1; s < 256; s++) {
		blk_status_t sts = (__force blk_status_t)s;

		path = mpath_classify_status(sts) == MPATH_STS_FAILOVER;
		if (sts == BLK_STS_AGAIN || sts == BLK_STS_INVAL ||
		    sts == BLK_STS_DURATION_LIMIT ||
		    sts == BLK_STS_ZONE_OPEN_RESOURCE ||
		    sts == BLK_STS_ZONE_ACTIVE_RESOURCE)
			KUNIT_EXPECT_FALSE_MSG(test, path, "status %u", s);
		else
			KUNIT_EXPECT_EQ_MSG(test, path, blk_path_error(sts),
					    "status %u", s);
	}
}

static struct kunit_case errors_cases[] = {
	KUNIT_CASE(errors_io_errors_complete),
	KUNIT_CASE(errors_path_errors_fail_over),
	KUNIT_CASE(errors_unknown_fails_over),
	KUNIT_CASE(errors_differ_from_blk_path_error),
	{}
};

struct kunit_suite errors_suite = {
	.name = "libmultipath_errors",
	.test_cases = errors_cases,
};
