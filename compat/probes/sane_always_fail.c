// SPDX-License-Identifier: GPL-2.0
/*
 * Sanity: must never compile, or a probe's failure would go unnoticed.
 */
#include <linux/kernel.h>

int mpath_probe(void);
int mpath_probe(void)
{
	return mpath_probe_no_such_function();
}
