/* Input and output processing of a JSONPath state, in the service's
 * order: InputPath, Parameters; then ResultSelector, Assign, ResultPath,
 * OutputPath; workflow variables; the payload size limit. Runs only the
 * model's compiled forms (include/sfn/exec.h). Knows nothing of state
 * types beyond the fields they share. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"
#include "exec/interp_int.h"

struct sfn_exec_data Sfn_interp_data(const struct frame *f, const cJSON *input)
{
	struct sfn_exec_data d = { input, f->context, f->vars };

	return d;
}

enum sfn_status Sfn_interp_select_input(struct frame *f, cJSON **out)
{
	struct sfn_exec_data d = Sfn_interp_data(f, f->input);
	enum sfn_status st;

	if (JSONATA(f)) { /* no InputPath */
		*out = cJSON_Duplicate(f->input, 1);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	st = sfn_exec_select_field(&f->state->io->input_path.field, &d, out,
	                           &f->err);

	if (st == SFN_OK)
		Sfn_interp_trace(f, "afterInputPath", *out);
	return st;
}

enum sfn_status Sfn_interp_effective(struct frame *f, cJSON **out)
{
	const struct sfn_asl_payload *p = &f->state->io->parameters;
	struct sfn_exec_data d;
	cJSON *selected;
	enum sfn_status st;

	if (JSONATA(f) && f->state->io->arguments.json != NULL) {
		st = Sfn_interp_jn_value(f, &f->state->io->arguments,
		                         "Arguments", NULL, NULL, NULL, out);
		if (st == SFN_OK)
			Sfn_interp_trace(f, "afterArguments", *out);
		return st;
	}
	if (p->json == NULL || p->tmpl == NULL)
		return Sfn_interp_select_input(f, out);
	/* Parameters over the whole input read it in place */
	if (f->state->io->input_path.field.kind == SFN_FIELD_ABSENT &&
	    !JSONATA(f)) {
		Sfn_interp_trace(f, "afterInputPath", f->input);
		d = Sfn_interp_data(f, f->input);
		st = sfn_exec_payload_compiled(p->tmpl, &d, out, &f->err);
		if (st == SFN_OK)
			Sfn_interp_trace(f, "afterParameters", *out);
		return st;
	}
	st = Sfn_interp_select_input(f, &selected);
	*out = selected;
	if (st != SFN_OK)
		return st;
	d = Sfn_interp_data(f, selected);
	st = sfn_exec_payload_compiled(p->tmpl, &d, out, &f->err);
	cJSON_Delete(selected);
	if (st == SFN_OK)
		Sfn_interp_trace(f, "afterParameters", *out);
	return st;
}

enum sfn_status Sfn_interp_assign(struct frame *f,
                                  const struct sfn_asl_payload *assign,
                                  const cJSON *value)
{
	struct sfn_exec_data d = Sfn_interp_data(f, value);
	cJSON *vars;
	enum sfn_status st;

	if (assign->json == NULL || assign->tmpl == NULL)
		return SFN_OK;
	/* every value reads the variables as they were before the state */
	st = sfn_exec_payload_compiled(assign->tmpl, &d, &vars, &f->err);
	if (st != SFN_OK)
		return st;
	return Sfn_interp_store_vars(f, vars);
}

enum sfn_status Sfn_interp_store_vars(struct frame *f, cJSON *vars)
{
	enum sfn_status st;
	cJSON *m;

	/* bounded as a payload is, or a loop could double them forever */
	st = Sfn_interp_check_size(f, vars);
	if (st == SFN_ERR_FAILED)
		st = sfn_error_set(&f->err, "States.DataLimitExceeded",
		                   "The variables assigned by state '%s' "
		                   "exceed the maximum number of bytes service "
		                   "limit.",
		                   f->state->name);
	if (st != SFN_OK) {
		cJSON_Delete(vars);
		return st;
	}
	/* the new value replaces the old in place: the old node is freed,
	 * and the key is looked up while it is still alive */
	while ((m = vars->child) != NULL) {
		cJSON *old =
		        cJSON_GetObjectItemCaseSensitive(f->vars, m->string);

		cJSON_DetachItemViaPointer(vars, m);
		if (old != NULL) {
			free(m->string);
			m->string = old->string;
			old->string = NULL;
			cJSON_ReplaceItemViaPointer(f->vars, old, m);
		} else if (!cJSON_AddItemToObject(f->vars, m->string, m)) {
			cJSON_Delete(m); /* its key could not be copied */
			st = SFN_ERR_NOMEM;
			break;
		}
	}
	cJSON_Delete(vars);
	return st;
}

enum sfn_status Sfn_interp_check_size(struct frame *f, const cJSON *value)
{
	size_t len = Sfn_exec_json_size(value, f->run->opts.max_payload);

	if (len == SIZE_MAX)
		return SFN_ERR_NOMEM;
	if (len <= f->run->opts.max_payload)
		return SFN_OK;
	return sfn_error_set(&f->err, "States.DataLimitExceeded",
	                     "The state/task '%s' returned a result with a "
	                     "size exceeding the maximum number of bytes "
	                     "service limit.",
	                     f->state->name);
}

static enum sfn_status select_result(struct frame *f, cJSON *result,
                                     cJSON **out)
{
	const struct sfn_asl_payload *p = &f->state->io->result_selector;
	struct sfn_exec_data d;
	enum sfn_status st;

	*out = result;
	Sfn_interp_trace(f, "result", result);
	if (p->json == NULL || p->tmpl == NULL)
		return SFN_OK;
	d = Sfn_interp_data(f, result);
	st = sfn_exec_payload_compiled(p->tmpl, &d, out, &f->err);
	cJSON_Delete(result);
	if (st == SFN_OK)
		Sfn_interp_trace(f, "afterResultSelector", *out);
	return st;
}

/* Whether S's output is its result itself: no ResultSelector, ResultPath
 * absent or "$", OutputPath absent (its size then checked once). */
static int result_is_output(const struct sfn_asl_state *s)
{
	const struct sfn_asl_io *io = s->io;
	const struct sfn_exec_field *rp = &io->result_path.field;

	return (io->result_selector.json == NULL ||
	        io->result_selector.tmpl == NULL) &&
	       (rp->kind == SFN_FIELD_ABSENT ||
	        (rp->kind == SFN_FIELD_PATH && strcmp(rp->text, "$") == 0)) &&
	       io->output_path.field.kind == SFN_FIELD_ABSENT;
}

enum sfn_status Sfn_interp_output(struct frame *f, cJSON *result, cJSON **out)
{
	const struct sfn_asl_state *s = f->state;
	struct sfn_exec_data d;
	cJSON *selected, *merged;
	enum sfn_status st;

	*out = NULL;
	st = Sfn_interp_check_size(f, result);
	if (st != SFN_OK) {
		cJSON_Delete(result);
		return st;
	}
	if (JSONATA(f)) {
		Sfn_interp_trace(f, "result", result);
		st = Sfn_interp_jn_output(f, &s->io->output, &s->io->assign,
		                          result, NULL, result, out);
		cJSON_Delete(result);
		return st;
	}
	st = select_result(f, result, &selected);
	if (st == SFN_OK)
		st = Sfn_interp_assign(f, &s->io->assign, selected);
	if (st != SFN_OK) {
		cJSON_Delete(selected);
		return st;
	}
	st = sfn_exec_result_field_take(&s->io->result_path.field, f->input,
	                                selected, &merged, &f->err);
	if (st != SFN_OK)
		return st;
	Sfn_interp_trace(f, "afterResultPath", merged);
	if (s->io->output_path.field.kind == SFN_FIELD_ABSENT) {
		*out = merged; /* all of it: taken, not copied */
	} else {
		d = Sfn_interp_data(f, merged);
		st = sfn_exec_select_field(&s->io->output_path.field, &d, out,
		                           &f->err);
		cJSON_Delete(merged);
	}
	if (st == SFN_OK && !result_is_output(s))
		st = Sfn_interp_check_size(f, *out);
	if (st != SFN_OK) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return st;
}

enum sfn_status Sfn_interp_output_only_take(
        struct frame *f, const struct sfn_asl_payload *assign, cJSON *value,
        cJSON **out)
{
	struct sfn_exec_data d = Sfn_interp_data(f, value);
	enum sfn_status st;

	*out = NULL;
	if (JSONATA(f)) {
		st = Sfn_interp_jn_output(f, &f->state->io->output, assign,
		                          NULL, NULL, value, out);
		cJSON_Delete(value);
		return st;
	}
	st = Sfn_interp_assign(f, assign, value);
	if (st == SFN_OK &&
	    f->state->io->output_path.field.kind == SFN_FIELD_ABSENT) {
		*out = value; /* all of it: taken, not copied */
		return SFN_OK;
	}
	if (st == SFN_OK)
		st = sfn_exec_select_field(&f->state->io->output_path.field, &d,
		                           out, &f->err);
	cJSON_Delete(value);
	return st;
}
