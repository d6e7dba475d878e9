// SPDX-License-Identifier: GPL-2.0
/*
 * Sanity: must compile on every kernel, or the probe harness is broken.
 */
#include <linux/kernel.h>

int mpath_probe(void);
int mpath_probe(void)
{
	return 0;
}
