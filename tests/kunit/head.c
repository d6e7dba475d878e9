// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite libmultipath_head: the head reference count and released().
 */
#include "kunit.h"

/* ---- libmultipath_head ---------------------------------------------- */

static const struct mpath_head_template head_tmpl = {};

static atomic_t head_released_calls;

static void head_count_released(struct mpath_head *head)
{
	atomic_inc(&head_released_calls);
}

static const struct mpath_head_template head_released_tmpl = {
	.released = head_count_released,
};

struct head_ctx {
	struct mpath_head head;
	enum mpath_iopolicy_e iopolicy;
	struct completion uninit_done;
};

static struct head_ctx *head_ctx_init(struct kunit *test)
{
	struct head_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->iopolicy = MPATH_IOPOLICY_NUMA;
	init_completion(&c->uninit_done);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &head_tmpl, &c->iopolicy,
					      THIS_MODULE), 0);
	return c;
}

static int head_uninit_thread(void *data)
{
	struct head_ctx *c = data;

	mpath_head_uninit(&c->head);
	complete(&c->uninit_done);
	return 0;
}

static void head_init_rejects_missing_args(struct kunit *test)
{
	struct head_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, mpath_head_init(&c->head, NULL, &c->iopolicy,
					      THIS_MODULE), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpath_head_init(&c->head, &head_tmpl, NULL,
					      THIS_MODULE), -EINVAL);
}

static void head_init_then_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 1);
	KUNIT_EXPECT_TRUE(test, mpath_head_devices_empty(&c->head));
	KUNIT_EXPECT_EQ(test, mpath_get_iopolicy(&c->head), MPATH_IOPOLICY_NUMA);
	mpath_head_uninit(&c->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_get_put_before_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	KUNIT_EXPECT_TRUE(test, mpath_get_head(&c->head));
	KUNIT_EXPECT_TRUE(test, mpath_get_head(&c->head));
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 3);
	mpath_put_head(&c->head);
	mpath_put_head(&c->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 1);
	KUNIT_EXPECT_FALSE(test, completion_done(&c->head.released));
	mpath_head_uninit(&c->head);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_uninit_waits_for_last_put(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);
	struct task_struct *t;

	KUNIT_ASSERT_TRUE(test, mpath_get_head(&c->head));
	t = kthread_run(head_uninit_thread, c, "mpath-kunit-uninit");
	if (IS_ERR(t)) {
		mpath_put_head(&c->head);
		mpath_head_uninit(&c->head);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
		return;
	}
	/* an opener still holds the head: uninit must wait */
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c->uninit_done,
							  msecs_to_jiffies(200)),
			0UL);
	KUNIT_EXPECT_FALSE(test, completion_done(&c->uninit_done));
	mpath_put_head(&c->head);
	/* the head is freed with the test: never leave uninit running */
	wait_for_completion(&c->uninit_done);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

/*
 * released() tells a driver that a removed head has no opener left, so
 * that it may call mpath_head_uninit().  Once the driver called it, no
 * close may call released() any more: two openers left, uninit dropped
 * its reference, and the first close leaves one reference, which used to
 * look like "only the initial reference is left".  A driver's released()
 * schedules work against a head that may be freed when uninit returns.
 */
static void head_no_released_once_uninit_began(struct kunit *test)
{
	struct head_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct task_struct *t;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->iopolicy = MPATH_IOPOLICY_NUMA;
	init_completion(&c->uninit_done);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &head_released_tmpl,
					      &c->iopolicy, THIS_MODULE), 0);
	atomic_set(&head_released_calls, 0);
	KUNIT_ASSERT_TRUE(test, mpath_get_head(&c->head));
	KUNIT_ASSERT_TRUE(test, mpath_get_head(&c->head));
	/* as mpath_remove_disk() leaves a head that had a disk */
	set_bit(MPATH_HEAD_REMOVING, &c->head.flags);
	t = kthread_run(head_uninit_thread, c, "mpath-kunit-uninit");
	if (IS_ERR(t)) {
		mpath_put_head(&c->head);
		mpath_put_head(&c->head);
		mpath_head_uninit(&c->head);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
		return;
	}
	for (n = 0; n < 100 && refcount_read(&c->head.refcount) != 2; n++)
		msleep(20);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 2);
	mpath_put_head(&c->head);
	KUNIT_EXPECT_EQ(test, atomic_read(&head_released_calls), 0);
	mpath_put_head(&c->head);
	wait_for_completion(&c->uninit_done);
	KUNIT_EXPECT_EQ(test, atomic_read(&head_released_calls), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_get_fails_after_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	mpath_head_uninit(&c->head);
	KUNIT_EXPECT_FALSE(test, mpath_get_head(&c->head));
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 0);
}

static void head_reinit_after_uninit(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	mpath_head_uninit(&c->head);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&c->head, &head_tmpl, &c->iopolicy,
					      THIS_MODULE), 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&c->head.refcount), 1);
	KUNIT_EXPECT_TRUE(test, mpath_get_head(&c->head));
	mpath_put_head(&c->head);
	mpath_head_uninit(&c->head);
}

static void head_set_iopolicy(struct kunit *test)
{
	struct head_ctx *c = head_ctx_init(test);

	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&c->head, MPATH_IOPOLICY_RR), 0);
	KUNIT_EXPECT_EQ(test, c->iopolicy, MPATH_IOPOLICY_RR);
	KUNIT_EXPECT_EQ(test, mpath_get_iopolicy(&c->head), MPATH_IOPOLICY_RR);
	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&c->head, MPATH_IOPOLICY_RR), 0);
	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&c->head, MPATH_IOPOLICY_NR),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, c->iopolicy, MPATH_IOPOLICY_RR);
	mpath_head_uninit(&c->head);
}

static void head_shared_iopolicy(struct kunit *test)
{
	struct head_ctx *a = head_ctx_init(test);
	struct head_ctx *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, mpath_head_init(&b->head, &head_tmpl, &a->iopolicy,
					      THIS_MODULE), 0);
	KUNIT_EXPECT_EQ(test, mpath_set_iopolicy(&a->head, MPATH_IOPOLICY_QD), 0);
	KUNIT_EXPECT_EQ(test, mpath_get_iopolicy(&b->head), MPATH_IOPOLICY_QD);
	mpath_head_uninit(&b->head);
	mpath_head_uninit(&a->head);
}

static struct kunit_case head_cases[] = {
	KUNIT_CASE(head_init_rejects_missing_args),
	KUNIT_CASE(head_init_then_uninit),
	KUNIT_CASE(head_get_put_before_uninit),
	KUNIT_CASE(head_uninit_waits_for_last_put),
	KUNIT_CASE(head_no_released_once_uninit_began),
	KUNIT_CASE(head_get_fails_after_uninit),
	KUNIT_CASE(head_reinit_after_uninit),
	KUNIT_CASE(head_set_iopolicy),
	KUNIT_CASE(head_shared_iopolicy),
	{}
};

struct kunit_suite head_suite = {
	.name = "libmultipath_head",
	.test_cases = head_cases,
};
