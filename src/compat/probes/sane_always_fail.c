/* sanity: must never compile, or failures would go unnoticed */
#include <linux/kernel.h>
int mpath_probe(void);
int mpath_probe(void) { return mpath_probe_no_such_function(); }
