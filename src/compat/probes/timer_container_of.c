/* v6.16-rc1 "treewide, timers: Rename from_timer() to timer_container_of()" */
#include <linux/timer.h>
struct s { struct timer_list t; };
struct s *mpath_probe(struct timer_list *t);
struct s *mpath_probe(struct timer_list *t) { return timer_container_of((struct s *)0, t, t); }
