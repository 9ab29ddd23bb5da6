/* The fields of JSONata states as the interpreter runs them: Arguments,
 * Output and Assign (with $states.result and $states.errorOutput where
 * the service binds them), Items and ItemSelector, Condition, and number
 * and text fields given as "{% %}". Each evaluation goes through
 * sfn_exec_jsonata_value. Knows nothing of JSONPath fields. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exec/interp_int.h"

/* $random() and $uuid() draw from the run's random source when it has
 * one (tests pin it), else from OpenSSL. */
static int run_random(void *ctx, unsigned char *buf, size_t n)
{
	const struct sfn_run_opts *o = ctx;

	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = o->rand(o->rand_ctx);

		for (size_t k = 0; k < 8 && i + k < n; k++)
			buf[i + k] = (unsigned char) (r >> (8 * k));
	}
	return 1;
}

static struct sfn_exec_states states_of(const struct frame *f,
                                        const cJSON *context,
                                        const cJSON *result,
                                        const cJSON *error_output)
{
	const struct sfn_run_opts *o = &f->run->opts;
	struct sfn_exec_states s = {
		f->input,     context, result,
		error_output, f->vars, o->rand ? run_random : NULL,
		(void *) o,
	};

	return s;
}

enum sfn_status Sfn_interp_jn_value(struct frame *f,
                                    const struct sfn_asl_payload *p,
                                    const char *field, const cJSON *context,
                                    const cJSON *result,
                                    const cJSON *error_output, cJSON **out)
{
	struct sfn_exec_states s = states_of(f, context ? context : f->context,
	                                     result, error_output);

	return sfn_exec_jsonata_value(p->json, field, p->exprs, p->nexprs, &s,
	                              out, &f->err);
}

/* One "{% %}" slot of a number or text field. */
static enum sfn_status slot_value(struct frame *f,
                                  const struct sfn_asl_jsonata *slot,
                                  const char *field, cJSON **out)
{
	struct sfn_exec_states s = states_of(f, f->context, NULL, NULL);

	return sfn_exec_jsonata_value(slot->node, field, slot, 1, &s, out,
	                              &f->err);
}

static enum sfn_status wrong_type(struct frame *f, const char *field,
                                  const struct sfn_asl_jsonata *slot,
                                  const char *want)
{
	return sfn_error_set(&f->err, SFN_EXEC_QUERY_ERROR,
	                     "The JSONata expression '%.*s' specified for the "
	                     "field '%s' returned an unexpected result type: "
	                     "expected %s",
	                     (int) slot->len, slot->expr, field, want);
}

enum sfn_status Sfn_interp_jn_number(struct frame *f,
                                     const struct sfn_asl_number *n,
                                     const char *field, double min, double *out)
{
	cJSON *v = NULL;
	enum sfn_status st = slot_value(f, n->expr, field, &v);

	if (st == SFN_OK && (!cJSON_IsNumber(v) || v->valuedouble < min ||
	                     v->valuedouble != floor(v->valuedouble)))
		st = wrong_type(f, field, n->expr,
		                min > 0 ? "a positive integer"
		                        : "a non-negative integer");
	if (st == SFN_OK)
		*out = v->valuedouble;
	cJSON_Delete(v);
	return st;
}

enum sfn_status Sfn_interp_jn_percentage(struct frame *f,
                                         const struct sfn_asl_number *n,
                                         const char *field, double *out)
{
	cJSON *v = NULL;
	enum sfn_status st = slot_value(f, n->expr, field, &v);

	if (st == SFN_OK &&
	    (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 100))
		st = wrong_type(f, field, n->expr, "a number from 0 to 100");
	if (st == SFN_OK)
		*out = v->valuedouble;
	cJSON_Delete(v);
	return st;
}

enum sfn_status Sfn_interp_jn_text(struct frame *f,
                                   const struct sfn_asl_text *t,
                                   const char *field, cJSON **out)
{
	enum sfn_status st = slot_value(f, t->expr, field, out);

	if (st == SFN_OK && !cJSON_IsString(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		st = wrong_type(f, field, t->expr, "a string");
	}
	return st;
}

enum sfn_status Sfn_interp_jn_condition(struct frame *f,
                                        const struct sfn_asl_rule *r,
                                        int *matched)
{
	cJSON *v = NULL;
	enum sfn_status st;

	*matched = r->condition_value;
	if (r->condition == NULL)
		return SFN_OK;
	st = slot_value(f, r->condition, "Condition", &v);
	if (st == SFN_OK && !cJSON_IsBool(v))
		st = wrong_type(f, "Condition", r->condition, "a boolean");
	if (st == SFN_OK)
		*matched = cJSON_IsTrue(v);
	cJSON_Delete(v);
	return st;
}

enum sfn_status Sfn_interp_jn_output(struct frame *f,
                                     const struct sfn_asl_payload *output,
                                     const struct sfn_asl_payload *assign,
                                     const cJSON *result,
                                     const cJSON *error_output,
                                     const cJSON *def, cJSON **out)
{
	cJSON *vars = NULL;
	enum sfn_status st = SFN_OK;

	/* Assign and Output both read the variables as they were before
	 * the state: Output first, the variables stored last */
	*out = NULL;
	if (output->json != NULL)
		st = Sfn_interp_jn_value(f, output, "Output", NULL, result,
		                         error_output, out);
	else if ((*out = cJSON_Duplicate(def, 1)) == NULL)
		st = SFN_ERR_NOMEM;
	if (st == SFN_OK && assign->json != NULL)
		st = Sfn_interp_jn_value(f, assign, "Assign", NULL, result,
		                         error_output, &vars);
	if (st == SFN_OK && vars != NULL)
		st = Sfn_interp_store_vars(f, vars);
	if (st == SFN_OK)
		st = Sfn_interp_check_size(f, *out);
	if (st != SFN_OK) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return st;
}
