/* State dispatch, and the states that need no integration: Pass, Choice,
 * Wait (a timer on the loop's clock), Succeed and Fail. Knows nothing of
 * integrations, Retry or Catch. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "exec/exec_int.h"
#include "exec/interp_int.h"
#include "sfn/choice.h"

static const struct sfn_asl_state *next_of(const struct frame *f)
{
	return f->state->end ? NULL : f->state->next;
}

static void finish(struct frame *f, enum sfn_status st, cJSON *out,
                   const struct sfn_asl_state *next)
{
	if (st == SFN_OK) {
		Sfn_interp_state_done(f, out, next);
		return;
	}
	cJSON_Delete(out);
	Sfn_interp_state_failed(f, st);
}

static void pass(struct frame *f)
{
	cJSON *result, *out = NULL;
	enum sfn_status st = Sfn_interp_effective(f, &result);

	if (st == SFN_OK && f->state->result != NULL) {
		cJSON_Delete(result);
		result = cJSON_Duplicate(f->state->result, 1);
		st = result ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (st == SFN_OK)
		st = Sfn_interp_output(f, result, &out);
	else
		cJSON_Delete(result);
	finish(f, st, out, next_of(f));
}

/* A JSONata Choice: the first rule whose Condition is true, else the
 * Default; its Assign and Output, or the state's for the Default. */
static enum sfn_status choose_jsonata(struct frame *f,
                                      const struct sfn_asl_state **next,
                                      const struct sfn_asl_rule **rule)
{
	const struct sfn_asl_choice *c = &f->state->u.choice;
	int matched = 0;
	enum sfn_status st = SFN_OK;

	*rule = NULL;
	for (size_t i = 0; st == SFN_OK && !matched && i < c->nrules; i++) {
		st = Sfn_interp_jn_condition(f, &c->rules[i], &matched);
		if (matched)
			*rule = &c->rules[i];
	}
	*next = *rule ? (*rule)->next : c->otherwise;
	if (st == SFN_OK && *next == NULL)
		st = sfn_error_set(&f->err, "States.NoChoiceMatched",
		                   "No Choice Rule matched and no Default is "
		                   "given in state '%s'",
		                   f->state->name);
	return st;
}

static void choice_jsonata(struct frame *f)
{
	const struct sfn_asl_state *next = NULL;
	const struct sfn_asl_rule *rule = NULL;
	cJSON *out = NULL;
	enum sfn_status st = choose_jsonata(f, &next, &rule);

	if (st == SFN_OK)
		st = Sfn_interp_jn_output(
		        f, rule ? &rule->output : &f->state->io->output,
		        rule ? &rule->assign : &f->state->io->assign, NULL,
		        NULL, f->input, &out);
	finish(f, st, out, next);
}

static void choice(struct frame *f)
{
	const struct sfn_asl_state *next = NULL;
	const struct sfn_asl_rule *rule = NULL;
	struct sfn_exec_data d;
	cJSON *in, *out = NULL;
	enum sfn_status st;

	if (JSONATA(f)) {
		choice_jsonata(f);
		return;
	}
	st = Sfn_interp_select_input(f, &in);
	if (st == SFN_OK) {
		d = Sfn_interp_data(f, in);
		st = sfn_exec_choose(f->state, &d, &next, &rule, &f->err);
	}
	if (st == SFN_OK) {
		st = Sfn_interp_output_only_take(
		        f, rule ? &rule->assign : &f->state->io->assign, in,
		        &out);
		in = NULL;
	}
	cJSON_Delete(in);
	finish(f, st, out, next);
}

static void succeed(struct frame *f)
{
	cJSON *in, *out = NULL;
	enum sfn_status st = Sfn_interp_select_input(f, &in);

	if (st == SFN_OK)
		st = Sfn_interp_output_only_take(f, &f->state->io->assign, in,
		                                 &out);
	else
		cJSON_Delete(in);
	finish(f, st, out, NULL);
}

/* ---- Fail -------------------------------------------------------------- */

/* Error or Cause: literal, or their *Path (a path or an intrinsic call
 * over the state's input). *OUT is NULL when the field is absent. */
static enum sfn_status fail_text(struct frame *f, const struct sfn_asl_text *t,
                                 const char *field, cJSON **out)
{
	struct sfn_exec_data d = Sfn_interp_data(f, f->input);
	enum sfn_status st;

	*out = NULL;
	if (t->how == SFN_ASL_EXPR)
		return Sfn_interp_jn_text(f, t, field, out);
	if (t->how == SFN_ASL_LITERAL) {
		*out = cJSON_CreateString(t->value);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (t->how != SFN_ASL_PATH)
		return SFN_OK;
	if (t->call != NULL)
		st = Sfn_exec_call_run(t->call, sfn_asl_store(f->run->machine),
		                       &d, out, &f->err);
	else
		st = sfn_exec_lookup_path(t->path, &d, out, NULL);
	if (st == SFN_OK && !cJSON_IsString(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		return sfn_error_set(&f->err, "States.Runtime",
		                     "The %sPath of state '%s' did not resolve "
		                     "to a string",
		                     field, f->state->name);
	}
	return st;
}

static void fail(struct frame *f)
{
	cJSON *error = NULL, *cause = NULL;
	enum sfn_status st =
	        fail_text(f, &f->state->u.fail->error, "Error", &error);

	if (st == SFN_OK)
		st = fail_text(f, &f->state->u.fail->cause, "Cause", &cause);
	if (st == SFN_OK) {
		sfn_error_clear(&f->err);
		st = sfn_error_set(&f->err, error ? error->valuestring : "",
		                   "%s", cause ? cause->valuestring : "");
	}
	cJSON_Delete(error);
	cJSON_Delete(cause);
	Sfn_interp_state_failed(f, st);
}

/* ---- Wait -------------------------------------------------------------- */

void Sfn_interp_wait_fired(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	Sfn_interp_go(ctx, PH_DONE);
}

static enum sfn_status wait_seconds(struct frame *f, const cJSON *in,
                                    int64_t *ms)
{
	const struct sfn_asl_number *n = &f->state->u.wait->seconds;
	struct sfn_exec_data d = Sfn_interp_data(f, in);
	cJSON *v = NULL;
	enum sfn_status st;

	double secs = 0;

	if (n->how == SFN_ASL_LITERAL) {
		*ms = (int64_t) (n->value * 1000);
		return SFN_OK;
	}
	if (n->how == SFN_ASL_EXPR) {
		st = Sfn_interp_jn_number(f, n, "Seconds", 0, &secs);
		*ms = (int64_t) (secs * 1000);
		return st;
	}
	st = sfn_exec_lookup_path(n->path, &d, &v, NULL);
	if (st == SFN_OK && (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
	                     v->valuedouble != floor(v->valuedouble) ||
	                     v->valuedouble > 31536000.0 * 100))
		st = sfn_error_set(&f->err, "States.Runtime",
		                   "The SecondsPath parameter does not "
		                   "reference a valid integer value in state "
		                   "'%s'",
		                   f->state->name);
	if (st == SFN_OK)
		*ms = (int64_t) (v->valuedouble * 1000);
	cJSON_Delete(v);
	return st;
}

static enum sfn_status wait_until(struct frame *f, const cJSON *in, int64_t *ms)
{
	const struct sfn_asl_text *t = &f->state->u.wait->timestamp;
	struct sfn_clock *clock = sfn_loop_clock(f->run->loop);
	struct sfn_exec_data d = Sfn_interp_data(f, in);
	struct sfn_instant at;
	cJSON *v = NULL;
	const char *text = t->value;
	enum sfn_status st = SFN_OK;

	if (t->how == SFN_ASL_PATH) {
		st = sfn_exec_lookup_path(t->path, &d, &v, NULL);
		text = cJSON_IsString(v) ? v->valuestring : NULL;
	} else if (t->how == SFN_ASL_EXPR) {
		st = Sfn_interp_jn_text(f, t, "Timestamp", &v);
		if (st != SFN_OK)
			return st;
		text = v->valuestring;
	}
	if (st == SFN_OK && (text == NULL || !sfn_choice_timestamp(text, &at)))
		st = sfn_error_set(&f->err, "States.Runtime",
		                   "The TimestampPath parameter does not "
		                   "reference a valid ISO-8601 extended offset "
		                   "date-time format string in state '%s'",
		                   f->state->name);
	if (st == SFN_OK)
		*ms = at.seconds * 1000 + at.nanos / 1000000 -
		      clock->wall_ms(clock);
	cJSON_Delete(v);
	return st;
}

static void wait(struct frame *f)
{
	int64_t ms = 0;
	cJSON *in, *out = NULL;
	enum sfn_status st = Sfn_interp_select_input(f, &in);

	if (st == SFN_OK)
		st = f->state->u.wait->seconds.how != SFN_ASL_ABSENT
		             ? wait_seconds(f, in, &ms)
		             : wait_until(f, in, &ms);
	if (st == SFN_OK) {
		st = Sfn_interp_output_only_take(f, &f->state->io->assign, in,
		                                 &out);
		in = NULL;
	}
	cJSON_Delete(in);
	if (st != SFN_OK) {
		finish(f, st, out, NULL);
		return;
	}
	cJSON_Delete(f->output);
	f->output = out;
	f->next = next_of(f);
	st = sfn_loop_timer_start(f->run->loop, &f->timer, ms, 0,
	                          Sfn_interp_wait_fired, f);
	if (st != SFN_OK)
		Sfn_interp_run_fatal(f->run, st);
}

void Sfn_interp_run_state(struct frame *f)
{
	static void (*const run[])(struct frame *) = {
		[SFN_ASL_TASK] = Sfn_interp_task,
		[SFN_ASL_PARALLEL] = Sfn_interp_parallel,
		[SFN_ASL_MAP] = Sfn_interp_map,
		[SFN_ASL_PASS] = pass,
		[SFN_ASL_WAIT] = wait,
		[SFN_ASL_CHOICE] = choice,
		[SFN_ASL_SUCCEED] = succeed,
		[SFN_ASL_FAIL] = fail,
	};
	/* $$ is made, or brought up to this state, only for a state that
	 * may read it: most of a long chain or a large Map never does */
	enum sfn_status st = f->state->reads_context
	                             ? Sfn_interp_context_state(f, NULL)
	                             : SFN_OK;

	if (st != SFN_OK) {
		Sfn_interp_run_fatal(f->run, st);
		return;
	}
	Sfn_interp_trace_begin(f);
	run[f->state->type](f);
}
