// SPDX-License-Identifier: GPL-2.0
/*
 * v6.5-rc1, c787f1baa503 ("block: Add PR callouts for read keys and
 * reservation"): struct pr_ops has ->pr_read_keys and
 * ->pr_read_reservation.
 */
#include <linux/blkdev.h>
#include <linux/pr.h>

static_assert(__same_type(((struct pr_ops *)0)->pr_read_keys,
			  int (*)(struct block_device *, struct pr_keys *)));
static_assert(__same_type(((struct pr_ops *)0)->pr_read_reservation,
			  int (*)(struct block_device *,
				  struct pr_held_reservation *)));
