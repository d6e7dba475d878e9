// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite libmultipath_removal: delayed removal arithmetic.
 */
#include "kunit.h"

/* ---- libmultipath_removal ------------------------------------------- */

static void removal_delay_zero(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(0), 0UL);
}

static void removal_delay_seconds(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(1), (unsigned long)HZ);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(600), 600UL * HZ);
}

static void removal_delay_uint_max(struct kunit *test)
{
	unsigned long edge = MAX_JIFFY_OFFSET / HZ;
	unsigned long want = MAX_JIFFY_OFFSET;

	/* the sysfs value is an unsigned int: fits on 64 bit, clamps on 32 */
	if (edge >= UINT_MAX)
		want = (unsigned long)UINT_MAX * HZ;
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(UINT_MAX), want);
}

static void removal_delay_clamps_at_max_jiffy_offset(struct kunit *test)
{
	unsigned long edge = MAX_JIFFY_OFFSET / HZ;

	KUNIT_EXPECT_EQ(test, mpath_removal_delay(edge), edge * HZ);
	KUNIT_EXPECT_LE(test, mpath_removal_delay(edge), MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(edge + 1), MAX_JIFFY_OFFSET);
}

static void removal_delay_overflow(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(ULONG_MAX), MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(ULONG_MAX / HZ + 1),
			MAX_JIFFY_OFFSET);
	KUNIT_EXPECT_EQ(test, mpath_removal_delay(LONG_MAX), MAX_JIFFY_OFFSET);
}

static struct kunit_case removal_cases[] = {
	KUNIT_CASE(removal_delay_zero),
	KUNIT_CASE(removal_delay_seconds),
	KUNIT_CASE(removal_delay_uint_max),
	KUNIT_CASE(removal_delay_clamps_at_max_jiffy_offset),
	KUNIT_CASE(removal_delay_overflow),
	{}
};

struct kunit_suite removal_suite = {
	.name = "libmultipath_removal",
	.test_cases = removal_cases,
};
