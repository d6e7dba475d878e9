/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Delayed removal arithmetic, free of locks so that tests can call it.
 */
#ifndef _MPATH_REMOVAL_H
#define _MPATH_REMOVAL_H

#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/overflow.h>

/*
 * The delay of a removal @secs seconds away, in jiffies.  A product that
 * overflows, or exceeds what a timer can wait, waits as long as a timer can.
 */
static inline unsigned long mpath_removal_delay(unsigned long secs)
{
	unsigned long delay;

	if (check_mul_overflow(secs, (unsigned long)HZ, &delay))
		return MAX_JIFFY_OFFSET;
	return min_t(unsigned long, delay, MAX_JIFFY_OFFSET);
}

#endif /* _MPATH_REMOVAL_H */
