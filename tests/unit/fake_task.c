/* The fake integration: a timer per task on the loop's clock, counters,
 * cancel. Knows nothing of the interpreter. */
#include "config.h"

#include <stdlib.h>

#include "fake_task.h"

struct fake_task {
	struct sfn_task base; /* first, as the seam asks */
	struct fake *fake;
	size_t number;
	struct sfn_timer timer;
	sfn_task_done_fn done;
	void *cb_ctx;
};

static void finish(struct sfn_loop *loop, void *ctx)
{
	struct fake_task *task = ctx;
	struct fake *fake = task->fake;
	struct sfn_task_outcome out = { NULL, { NULL, NULL } };
	sfn_task_done_fn done = task->done;
	void *cb_ctx = task->cb_ctx;

	(void) loop;
	fake->in_flight--;
	fake->finished++;
	free(task); /* gone before the callback, as the seam says */
	/* Out of memory leaves both empty: the tests count that outcome as
	 * unexpected, so the status needs no other check. */
	if (fake->error != NULL)
		(void) sfn_error_set(&out.error, fake->error,
		                     "fake task failed");
	else
		out.output = cJSON_Duplicate(fake->output, 1);
	done(cb_ctx, &out);
}

static enum sfn_status start(void *ctx, const struct sfn_task_request *req,
                             sfn_task_done_fn done, void *cb_ctx,
                             struct sfn_task **out)
{
	struct fake *fake = ctx;
	struct fake_task *task;
	enum sfn_status st;

	(void) req;
	if (fake->started == FAKE_MAX_TASKS)
		return SFN_ERR_LIMIT;
	task = calloc(1, sizeof(*task));
	if (task == NULL)
		return SFN_ERR_NOMEM;
	*task = (struct fake_task){
		{ &fake->integration }, fake, fake->started, { 0 }, done, cb_ctx
	};
	sfn_timer_init(&task->timer);
	st = sfn_loop_timer_start(fake->loop, &task->timer, fake->delay_ms, 0,
	                          finish, task);
	if (st != SFN_OK) {
		free(task);
		return st;
	}
	fake->started++;
	if (++fake->in_flight > fake->max_in_flight)
		fake->max_in_flight = fake->in_flight;
	*out = &task->base;
	return SFN_OK;
}

static void cancel(void *ctx, struct sfn_task *base)
{
	struct fake *fake = ctx;
	struct fake_task *task = (struct fake_task *) base;

	fake->cancels[task->number]++;
	fake->cancelled++;
	fake->in_flight--;
	sfn_loop_timer_stop(fake->loop, &task->timer);
	free(task);
}

void fake_init(struct fake *fake, struct sfn_loop *loop, int64_t delay_ms,
               const cJSON *output, const char *error)
{
	*fake = (struct fake){ .integration = { "fake", start, cancel, fake,
		                                0 } };
	fake->loop = loop;
	fake->delay_ms = delay_ms;
	fake->output = output;
	fake->error = error;
}

size_t fake_task_number(const struct sfn_task *task)
{
	return ((const struct fake_task *) task)->number;
}
