/* Retry and Catch: the first Retrier whose ErrorEquals names the error
 * pauses (sfn_backoff_delay_ms) and runs the state again until its
 * MaxAttempts; then the first Catcher that names it goes on with the
 * error output; else the frame fails. States.ALL and States.TaskFailed
 * match as the service matches them. Knows nothing of state types. */
#include "config.h"

#include <string.h>

#include "exec/interp_int.h"

/* Errors that only their own name catches (States.ALL does not), and
 * States.Runtime, which nothing catches. */
static int terminal(const char *name)
{
	return strcmp(name, "States.DataLimitExceeded") == 0 ||
	       strcmp(name, "States.Runtime") == 0;
}

static int names(const struct sfn_asl_errors *e, const char *name)
{
	if (strcmp(name, "States.Runtime") == 0)
		return 0;
	for (size_t i = 0; i < e->count; i++) {
		const char *n = e->names[i];

		if (strcmp(n, name) == 0)
			return 1;
		if (terminal(name))
			continue;
		if (strcmp(n, "States.ALL") == 0)
			return 1;
		if (strcmp(n, "States.TaskFailed") == 0 &&
		    strcmp(name, "States.Timeout") != 0)
			return 1;
	}
	return 0;
}

static void rerun(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	Sfn_interp_go(ctx, PH_RERUN);
}

/* 1 when a Retrier took the error: the state runs again later. */
static int retry(struct frame *f)
{
	const struct sfn_asl_state *s = f->state;
	const struct sfn_asl_retrier *r;
	struct sfn_backoff b;
	int64_t ms;
	size_t i;

	for (i = 0; i < s->nretry; i++) {
		if (names(&s->retry[i].errors, f->err.name))
			break;
	}
	if (i == s->nretry)
		return 0;
	r = &s->retry[i];
	if ((double) f->retries[i] >= r->max_attempts)
		return 0;
	b.interval_ms = (int64_t) (r->interval_seconds * 1000);
	b.rate = r->backoff_rate;
	b.max_delay_ms = (int64_t) (r->max_delay_seconds * 1000);
	b.full_jitter =
	        r->jitter == SFN_ASL_JITTER_FULL && f->run->opts.rand != NULL;
	ms = sfn_backoff_delay_ms(&b, f->retries[i], f->run->opts.rand,
	                          f->run->opts.rand_ctx);
	f->retries[i]++;
	f->retry_count++;
	Sfn_interp_trace_end(f);
	sfn_error_clear(&f->err);
	if (sfn_loop_timer_start(f->run->loop, &f->timer, ms, 0, rerun, f) !=
	    SFN_OK)
		Sfn_interp_run_fatal(f->run, SFN_ERR_LIMIT);
	return 1;
}

/* {"Error": ..., "Cause": ...}, as a Catcher hands it on. */
static cJSON *error_output(const struct sfn_error *err)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || !cJSON_AddStringToObject(o, "Error", err->name) ||
	    !cJSON_AddStringToObject(o, "Cause",
	                             err->cause ? err->cause : "")) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static void caught(struct frame *f, const struct sfn_asl_catcher *c)
{
	cJSON *out = error_output(&f->err), *merged = NULL;
	enum sfn_status st = out ? SFN_OK : SFN_ERR_NOMEM;

	if (st == SFN_OK && JSONATA(f)) {
		st = Sfn_interp_jn_output(f, &c->output, &c->assign, NULL, out,
		                          out, &merged);
		cJSON_Delete(out);
		out = NULL;
		if (st == SFN_OK)
			sfn_error_clear(&f->err);
	} else if (st == SFN_OK) {
		st = Sfn_interp_assign(f, &c->assign, out);
	}
	if (st == SFN_OK && out != NULL) {
		sfn_error_clear(&f->err);
		st = sfn_exec_result_field_take(&c->result_path.field, f->input,
		                                out, &merged, &f->err);
		out = NULL;
	}
	cJSON_Delete(out);
	if (st == SFN_OK && c->next == NULL) { /* rules off: no state */
		struct sfn_error none = { "States.Runtime",
			                  "A Catcher's Next names no state" };

		cJSON_Delete(merged);
		Sfn_interp_run_end(f->run, SFN_RUN_FAILED, NULL, &none);
		return;
	}
	if (st == SFN_OK) {
		Sfn_interp_state_done(f, merged, c->next);
		return;
	}
	cJSON_Delete(merged);
	if (st == SFN_ERR_FAILED)
		Sfn_interp_frame_fail(f);
	else
		Sfn_interp_run_fatal(f->run, st);
}

/* The error in the trace: {"Error", "Cause"}. */
static void trace_error(struct frame *f)
{
	cJSON *e;

	if (f->inspect == NULL)
		return;
	e = error_output(&f->err);
	Sfn_interp_trace(f, "error", e);
	cJSON_Delete(e);
}

void Sfn_interp_error(struct frame *f)
{
	const struct sfn_asl_state *s = f->state;

	trace_error(f);
	if (retry(f))
		return;
	for (size_t i = 0; i < s->ncatchers; i++) {
		if (names(&s->catchers[i].errors, f->err.name)) {
			caught(f, &s->catchers[i]);
			return;
		}
	}
	Sfn_interp_frame_fail(f);
}
