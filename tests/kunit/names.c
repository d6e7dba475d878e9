// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite libmultipath_names: policy and state names.
 */
#include "kunit.h"

/* ---- libmultipath_names --------------------------------------------- */

static void names_iopolicy_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < MPATH_IOPOLICY_NR; i++)
		KUNIT_EXPECT_EQ(test, mpath_iopolicy_parse(mpath_iopolicy_name(i)),
				i);
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_NUMA), "numa");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_RR),
			   "round-robin");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_QD),
			   "queue-depth");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_LATENCY),
			   "latency");
}

static void names_iopolicy_sysfs_newline(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mpath_iopolicy_parse("numa\n"), MPATH_IOPOLICY_NUMA);
	KUNIT_EXPECT_EQ(test, mpath_iopolicy_parse("queue-depth\n"),
			MPATH_IOPOLICY_QD);
}

static void names_iopolicy_rejects(struct kunit *test)
{
	static const char *const bad[] = {
		"", "\n", "NUMA", "numa ", " numa", "round_robin", "rr",
		"numa\n\n", "queue-depth2", "numaa",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_iopolicy_parse(bad[i]), -EINVAL,
				    "'%s'", bad[i]);
}

static void names_iopolicy_invalid_name(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name(MPATH_IOPOLICY_NR), "invalid");
	KUNIT_EXPECT_STREQ(test, mpath_iopolicy_name((enum mpath_iopolicy_e)-1),
			   "invalid");
}

static void names_state_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < MPATH_STATE_NR; i++)
		KUNIT_EXPECT_EQ(test,
				mpath_access_state_parse(mpath_access_state_name(i)),
				i);
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(OPT), "optimized");
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(NONOPT), "non-optimized");
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(INACC), "inaccessible");
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(LOSS), "persistent-loss");
}

static void names_state_transitioning_is_change(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(TRANS), "change");
	KUNIT_EXPECT_EQ(test, mpath_access_state_parse("change\n"), TRANS);
	KUNIT_EXPECT_EQ(test, mpath_access_state_parse("transitioning"), -EINVAL);
}

static void names_state_rejects(struct kunit *test)
{
	static const char *const bad[] = {
		"", "Optimized", "nonoptimized", "non_optimized", "optimized ",
		"standby", "offline", "optimized\n\n",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, mpath_access_state_parse(bad[i]), -EINVAL,
				    "'%s'", bad[i]);
	KUNIT_EXPECT_STREQ(test, mpath_access_state_name(MPATH_STATE_NR), "invalid");
	KUNIT_EXPECT_STREQ(test,
			   mpath_access_state_name((enum mpath_access_state)-1),
			   "invalid");
}

static struct kunit_case names_cases[] = {
	KUNIT_CASE(names_iopolicy_round_trip),
	KUNIT_CASE(names_iopolicy_sysfs_newline),
	KUNIT_CASE(names_iopolicy_rejects),
	KUNIT_CASE(names_iopolicy_invalid_name),
	KUNIT_CASE(names_state_round_trip),
	KUNIT_CASE(names_state_transitioning_is_change),
	KUNIT_CASE(names_state_rejects),
	{}
};

struct kunit_suite names_suite = {
	.name = "libmultipath_names",
	.test_cases = names_cases,
};
