/* A fake integration for the tests: every task completes after a set
 * delay on the loop's clock with a copy of a set output or a set error;
 * it counts tasks in flight and honours cancel. The mock integration the
 * MockConfigFile will drive belongs in the library; this is only a
 * stand-in with counters. */
#ifndef SFN_FAKE_TASK_H
#define SFN_FAKE_TASK_H

#include "sfn/integration.h"
#include "sfn/loop.h"

#define FAKE_MAX_TASKS 4096 /* tasks one fake can number */

struct fake {
	struct sfn_integration integration; /* start and cancel below */
	struct sfn_loop *loop;
	int64_t delay_ms;         /* each task's run time */
	const cJSON *output;      /* copied into each success; borrowed */
	const char *error;        /* when set, tasks fail with this name */
	size_t started, finished; /* tasks started, completions delivered */
	size_t in_flight, max_in_flight;
	size_t cancelled;
	unsigned cancels[FAKE_MAX_TASKS]; /* cancel calls per task number */
};

/* A fake on LOOP, its counters zeroed. */
void fake_init(struct fake *fake, struct sfn_loop *loop, int64_t delay_ms,
               const cJSON *output, const char *error);
/* The number (0, 1, ...) the fake gave TASK at its start. */
size_t fake_task_number(const struct sfn_task *task);

#endif
