// SPDX-License-Identifier: GPL-2.0
/*
 * Before v6.13-rc2, cdd30ebb1b9f ("module: Convert symbol namespace to
 * string literal"): MODULE_IMPORT_NS() and EXPORT_SYMBOL_NS_GPL() take an
 * identifier, which only compiles where the macro stringifies it.
 */
#include <linux/module.h>

MODULE_IMPORT_NS(MPATH_PROBE_NS);
