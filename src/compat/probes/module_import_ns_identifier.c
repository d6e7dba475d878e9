/* v6.13-rc2 "module: Convert symbol namespace to string literal": before it, MODULE_IMPORT_NS()/EXPORT_SYMBOL_NS_GPL() took an identifier */
#include <linux/module.h>
/* The identifier form only compiles where the macro stringifies it. */
MODULE_IMPORT_NS(MPATH_PROBE_NS);
