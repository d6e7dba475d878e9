/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites of libmultipath share: the library's white-box
 * view of its structures, and short names of the access states.  One
 * file per suite (selector.c, paths.c, names.c, removal.c, errors.c,
 * head.c), one module (mpath_kunit.ko, main.c).
 */
#ifndef _MPATH_KUNIT_H
#define _MPATH_KUNIT_H

/* white-box: the library's own view of its structures */
#include <linux/compiler_types.h>
#undef __private
#define __private
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/module.h>

#include <libmultipath/multipath.h>

#include "internal.h"
#include "policy.h"
#include "selector.h"
#include "removal.h"

#define OPT	MPATH_STATE_OPTIMIZED
#define NONOPT	MPATH_STATE_NONOPTIMIZED
#define INACC	MPATH_STATE_INACCESSIBLE
#define TRANS	MPATH_STATE_TRANSITIONING
#define LOSS	MPATH_STATE_PERSISTENT_LOSS

#define NR_PATHS	4

/* the latency policy's half-life, and any ktime_get_ns() */
#define HALFLIFE	BIT_ULL(MPATH_LAT_HALFLIFE_SHIFT)
#define T0		(1000ULL * NSEC_PER_SEC)

/* the suites, one per file */
extern struct kunit_suite selector_suite, paths_suite, names_suite,
	removal_suite, errors_suite, head_suite;

#endif /* _MPATH_KUNIT_H */
