/* The execution's lifecycle: starting it on the loop, its frames, the
 * transitions between states (each a deferred call), its end (success,
 * failure, timeout, abort) and what the caller reads afterwards. Knows
 * nothing of what each state type does. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"
#include "exec/interp_int.h"

struct frame *Sfn_interp_frame_new(struct sfn_run *run, struct frame *parent,
                                   const struct sfn_asl_scope *scope,
                                   size_t index)
{
	struct frame *f;

	if (run->nframes == run->opts.max_frames)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return NULL;
	f->run = run;
	f->parent = parent;
	f->scope = scope;
	f->index = index;
	f->prev_event = parent ? parent->prev_event : 0;
	f->hist = parent ? parent->hist : &run->hist;
	sfn_timer_init(&f->timer);
	sfn_timer_init(&f->timeout);
	sfn_defer_init(&f->defer);
	f->vars = parent ? cJSON_Duplicate(parent->vars, 1)
	                 : cJSON_CreateObject();
	if (f->vars == NULL) {
		free(f);
		return NULL;
	}
	run->nframes++;
	return f;
}

void Sfn_interp_frame_free(struct frame *f)
{
	if (f == NULL)
		return;
	Sfn_interp_task_stop(f);
	Sfn_interp_kids_stop(f);
	sfn_loop_timer_stop(f->run->loop, &f->timer);
	sfn_loop_defer_cancel(f->run->loop, &f->defer);
	if (f->own != NULL)
		sfn_loop_defer_cancel(f->run->loop, &f->own->defer);
	free(f->own);
	f->run->nframes--;
	cJSON_Delete(f->vars);
	cJSON_Delete(f->context);
	cJSON_Delete(f->input);
	cJSON_Delete(f->output);
	cJSON_Delete(f->inspect);
	sfn_error_clear(&f->err);
	free(f->retries);
	free(f);
}

static const char *const end_events[] = {
	[SFN_RUN_SUCCEEDED] = "ExecutionSucceeded",
	[SFN_RUN_FAILED] = "ExecutionFailed",
	[SFN_RUN_TIMED_OUT] = "ExecutionTimedOut",
	[SFN_RUN_ABORTED] = "ExecutionAborted",
};

static const char *const end_keys[] = {
	[SFN_RUN_SUCCEEDED] = "executionSucceededEventDetails",
	[SFN_RUN_FAILED] = "executionFailedEventDetails",
	[SFN_RUN_TIMED_OUT] = "executionTimedOutEventDetails",
	[SFN_RUN_ABORTED] = "executionAbortedEventDetails",
};

static cJSON *end_details(enum sfn_run_state state, const cJSON *output,
                          const struct sfn_error *err)
{
	cJSON *d = cJSON_CreateObject();

	if (d == NULL)
		return NULL;
	/* out of memory leaves the output out of the event */
	if (state == SFN_RUN_SUCCEEDED) {
		(void) Sfn_interp_event_data(d, "output", output);
		return d;
	}
	if (err->name != NULL)
		cJSON_AddStringToObject(d, "error", err->name);
	if (err->cause != NULL)
		cJSON_AddStringToObject(d, "cause", err->cause);
	return d;
}

void Sfn_interp_run_end(struct sfn_run *run, enum sfn_run_state state,
                        cJSON *output, const struct sfn_error *err)
{
	struct frame *top = run->top;

	if (run->state != SFN_RUN_RUNNING) {
		cJSON_Delete(output);
		return;
	}
	run->state = state;
	run->output = output;
	if (err != NULL &&
	    sfn_error_set(&run->err, err->name ? err->name : "", "%s",
	                  err->cause ? err->cause : "") != SFN_ERR_FAILED)
		run->status = SFN_ERR_NOMEM;
	sfn_loop_timer_stop(run->loop, &run->timeout);
	sfn_loop_defer_cancel(run->loop, &run->start);
	if (top != NULL) {
		run->top = NULL;
		run->state = SFN_RUN_RUNNING; /* lets the last event through */
		run->hist.ending = 1;
		Sfn_interp_event(top, end_events[state], end_keys[state],
		                 run->hist.events
		                         ? end_details(state, output, &run->err)
		                         : NULL);
		run->state = state;
		Sfn_interp_frame_free(top);
	}
}

void Sfn_interp_run_fatal(struct sfn_run *run, enum sfn_status st)
{
	struct sfn_error err = { "States.Runtime", NULL };

	err.cause = (char *) sfn_status_str(st);
	if (run->status == SFN_OK)
		run->status = st;
	Sfn_interp_run_end(run, SFN_RUN_FAILED, NULL, &err);
}

/* ---- transitions ----------------------------------------------------- */

static void frame_end(struct frame *f)
{
	struct sfn_run *run = f->run;

	f->ended = 1;
	if (f->parent != NULL) {
		Sfn_interp_kid_ended(f->parent, f);
		return;
	}
	if (f->failed)
		Sfn_interp_run_end(run, SFN_RUN_FAILED, NULL, &f->err);
	else {
		cJSON *out = f->output;

		f->output = NULL;
		Sfn_interp_run_end(run, SFN_RUN_SUCCEEDED, out, NULL);
	}
}

static void enter(struct frame *f)
{
	struct sfn_run *run = f->run;
	struct sfn_error err = { "States.Runtime", NULL };

	/* only a model loaded with the validator's rules off has these */
	if (f->state == NULL) {
		err.cause = "A StartAt, Next or Default names no state";
		Sfn_interp_run_end(run, SFN_RUN_FAILED, NULL, &err);
		return;
	}
	if (++run->transitions > run->opts.max_transitions) {
		err.cause = "The execution entered more states than its "
		            "limit (SFN_RUN_MAX_TRANSITIONS)";
		Sfn_interp_run_end(run, SFN_RUN_FAILED, NULL, &err);
		return;
	}
	free(f->retries);
	f->retries = NULL; /* read only for a Retrier the state has */
	f->retry_count = 0;
	if (f->state->nretry > 0 &&
	    (f->retries = calloc(f->state->nretry, sizeof(*f->retries))) ==
	            NULL) {
		Sfn_interp_run_fatal(run, SFN_ERR_NOMEM);
		return;
	}
	if (!Sfn_interp_event_state(f, "StateEntered",
	                            "stateEnteredEventDetails", f->input,
	                            "input"))
		return;
	Sfn_interp_run_state(f);
}

static void done(struct frame *f)
{
	Sfn_interp_trace(f, "output", f->output);
	Sfn_interp_trace_end(f);
	if (!Sfn_interp_event_state(f, "StateExited", "stateExitedEventDetails",
	                            f->output, "output"))
		return;
	if (f->next == NULL &&
	    (f->state->end || f->state->type == SFN_ASL_SUCCEED ||
	     f->state->type == SFN_ASL_FAIL)) {
		frame_end(f);
		return;
	}
	cJSON_Delete(f->input);
	f->input = f->output;
	f->output = NULL;
	f->state = f->next;
	enter(f);
}

static void resume(struct sfn_loop *loop, void *ctx)
{
	struct frame *f = ctx;

	(void) loop;
	switch (f->phase) {
	case PH_ENTER:
		enter(f);
		break;
	case PH_DONE:
		done(f);
		break;
	case PH_ERROR:
		Sfn_interp_error(f);
		break;
	case PH_RERUN:
		Sfn_interp_run_state(f);
		break;
	}
}

void Sfn_interp_go(struct frame *f, enum phase phase)
{
	f->phase = phase;
	sfn_loop_defer(f->run->loop, &f->defer, resume, f);
}

void Sfn_interp_state_done(struct frame *f, cJSON *output,
                           const struct sfn_asl_state *next)
{
	cJSON_Delete(f->output);
	f->output = output;
	f->next = next;
	Sfn_interp_go(f, PH_DONE);
}

void Sfn_interp_state_failed(struct frame *f, enum sfn_status st)
{
	if (st != SFN_ERR_FAILED) {
		Sfn_interp_run_fatal(f->run, st);
		return;
	}
	Sfn_interp_go(f, PH_ERROR);
}

void Sfn_interp_frame_fail(struct frame *f)
{
	Sfn_interp_trace_end(f);
	f->failed = 1;
	frame_end(f);
}

/* ---- the public face ------------------------------------------------- */

static void machine_timeout(struct sfn_loop *loop, void *ctx)
{
	struct sfn_run *run = ctx;
	struct sfn_error err = { "States.Timeout", "The execution timed out" };

	(void) loop;
	Sfn_interp_run_end(run, SFN_RUN_TIMED_OUT, NULL, &err);
}

/* ExecutionStarted's details: the input as text and the role. */
static cJSON *start_details(const struct sfn_run *run)
{
	cJSON *d = cJSON_CreateObject();

	if (d == NULL ||
	    !Sfn_interp_event_data(
	            d, "input", cJSON_GetObjectItem(run->execution, "Input")) ||
	    !Sfn_interp_add_ref(
	            d, "roleArn",
	            cJSON_GetObjectItem(run->execution, "RoleArn"))) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}

static void begin(struct sfn_loop *loop, void *ctx)
{
	struct sfn_run *run = ctx;
	cJSON *d = NULL;

	(void) loop;
	/* without a history the event is only counted: printing a large
	 * input for nothing cost as much as running a Map over it */
	if (run->hist.events != NULL && (d = start_details(run)) == NULL) {
		Sfn_interp_run_fatal(run, SFN_ERR_NOMEM);
		return;
	}
	if (!Sfn_interp_event(run->top, "ExecutionStarted",
	                      "executionStartedEventDetails", d))
		return;
	if (run->machine->has_timeout &&
	    sfn_loop_timer_start(
	            run->loop, &run->timeout,
	            (int64_t) (run->machine->timeout_seconds * 1000), 0,
	            machine_timeout, run) != SFN_OK) {
		Sfn_interp_run_fatal(run, SFN_ERR_LIMIT);
		return;
	}
	enter(run->top);
}

static enum sfn_status setup(struct sfn_run *run, const cJSON *input)
{
	struct sfn_clock *clock = sfn_loop_clock(run->loop);
	enum sfn_status st;

	if (run->opts.context != NULL) {
		run->overrides = cJSON_Duplicate(run->opts.context, 1);
		if (run->overrides == NULL)
			return SFN_ERR_NOMEM;
	}
	st = Sfn_interp_context_init(run, input, clock->wall_ms(clock));
	if (st != SFN_OK)
		return st;
	if (run->opts.trace) {
		run->trace = cJSON_CreateArray();
		if (run->trace == NULL)
			return SFN_ERR_NOMEM;
	}
	if (run->opts.history) {
		run->history = cJSON_CreateObject();
		run->hist.events =
		        cJSON_AddArrayToObject(run->history, "events");
		if (run->hist.events == NULL)
			return SFN_ERR_NOMEM;
	}
	run->top = Sfn_interp_frame_new(run, NULL, run->machine->top, 0);
	if (run->top == NULL)
		return SFN_ERR_NOMEM;
	run->top->state = run->machine->top->start;
	/* the first state reads the copy $$.Execution.Input holds, unless
	 * --context put something else there */
	run->top->input =
	        run->overrides == NULL ||
	                        cJSON_GetObjectItemCaseSensitive(
	                                run->overrides, "Execution") == NULL
	                ? Sfn_interp_ref(
	                          cJSON_GetObjectItem(run->execution, "Input"))
	                : cJSON_Duplicate(input, 1);
	return run->top->input ? SFN_OK : SFN_ERR_NOMEM;
}

/* StartExecution's rule for names: 1 to 80 characters, none of them
 * white space, a bracket, a wildcard, a control character or one of
 * " # % \ ^ | ~ ` $ & , ; : /. */
static int name_ok(const char *name)
{
	static const char bad[] = " \t\n\r<>{}[]?*\"#%\\^|~`$&,;:/";
	size_t n = strlen(name);

	if (n == 0 || n > 80)
		return 0;
	for (const unsigned char *p = (const unsigned char *) name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || strchr(bad, *p) != NULL)
			return 0;
	}
	return 1;
}

/* StartExecution refuses an input past the payload limit (its compact
 * JSON counted, not printed). */
static int input_fits(const cJSON *input, const struct sfn_run_opts *opts)
{
	size_t max =
	        opts->max_payload ? opts->max_payload : SFN_RUN_MAX_PAYLOAD;
	size_t len = Sfn_exec_json_size(input, max);

	return len != SIZE_MAX && len <= max;
}

enum sfn_status sfn_run_start(const struct sfn_asl_machine *machine,
                              const cJSON *input,
                              const struct sfn_run_opts *opts,
                              struct sfn_loop *loop, struct sfn_run **out,
                              const char **why)
{
	struct sfn_run *run;
	enum sfn_status st;

	*out = NULL;
	*why = NULL;
	if (opts->name != NULL && !name_ok(opts->name)) {
		*why = "The execution name must be 1 to 80 characters without "
		       "white space, brackets, wildcards, control characters "
		       "or any of \" # % \\ ^ | ~ ` $ & , ; : /";
		return SFN_ERR_USAGE;
	}
	if (!input_fits(input, opts)) {
		*why = "The execution input is larger than the service's limit "
		       "(SFN_RUN_MAX_PAYLOAD, 262144 bytes)";
		return SFN_ERR_LIMIT;
	}
	run = calloc(1, sizeof(*run));
	if (run == NULL)
		return SFN_ERR_NOMEM;
	run->machine = machine;
	run->opts = *opts;
	if (run->opts.max_transitions == 0)
		run->opts.max_transitions = SFN_RUN_MAX_TRANSITIONS;
	if (run->opts.max_history == 0)
		run->opts.max_history = SFN_RUN_MAX_HISTORY;
	if (run->opts.max_payload == 0)
		run->opts.max_payload = SFN_RUN_MAX_PAYLOAD;
	if (run->opts.max_map_items == 0)
		run->opts.max_map_items = SFN_RUN_MAX_MAP_ITEMS;
	if (run->opts.max_frames == 0)
		run->opts.max_frames = SFN_RUN_MAX_FRAMES;
	run->loop = loop;
	sfn_timer_init(&run->timeout);
	sfn_defer_init(&run->start);
	sfn_defer_init(&run->hist.defer);
	st = setup(run, input);
	if (st != SFN_OK) {
		sfn_run_free(run);
		return st;
	}
	sfn_loop_defer(loop, &run->start, begin, run);
	*out = run;
	return SFN_OK;
}

int sfn_run_done(void *run)
{
	return ((struct sfn_run *) run)->state != SFN_RUN_RUNNING;
}

enum sfn_run_state sfn_run_state(const struct sfn_run *run)
{
	return run->state;
}

const cJSON *sfn_run_output(const struct sfn_run *run)
{
	return run->output;
}

const struct sfn_error *sfn_run_error(const struct sfn_run *run)
{
	return &run->err;
}

const cJSON *sfn_run_history(const struct sfn_run *run)
{
	return run->history;
}

const cJSON *sfn_run_trace(const struct sfn_run *run)
{
	return run->trace;
}

enum sfn_status sfn_run_status(const struct sfn_run *run)
{
	return run->status != SFN_OK ? run->status : run->trace_status;
}

void sfn_run_abort(struct sfn_run *run)
{
	struct sfn_error err = { "States.Aborted",
		                 "The execution was aborted" };

	Sfn_interp_run_end(run, SFN_RUN_ABORTED, NULL, &err);
}

void sfn_run_free(struct sfn_run *run)
{
	if (run == NULL)
		return;
	sfn_loop_timer_stop(run->loop, &run->timeout);
	sfn_loop_defer_cancel(run->loop, &run->start);
	Sfn_interp_frame_free(run->top);
	cJSON_Delete(run->execution);
	cJSON_Delete(run->state_machine);
	cJSON_Delete(run->overrides);
	cJSON_Delete(run->output);
	cJSON_Delete(run->history);
	cJSON_Delete(run->trace);
	sfn_error_clear(&run->err);
	free(run);
}
