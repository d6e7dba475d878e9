// SPDX-License-Identifier: GPL-2.0
/*
 * v7.0-rc1, 5e2fde1a9433 ("block: pass io_comp_batch to rq_end_io_fn
 * callback"): a request's end_io takes a third argument, the completion
 * batch.
 */
#include <linux/blk-mq.h>

static_assert(__same_type(((struct request *)0)->end_io,
			  enum rq_end_io_ret (*)(struct request *, blk_status_t,
						 const struct io_comp_batch *)));
