/* Diagnostics of the validator: file:line:column from the node's span, the
 * RFC 6901 pointer ("/States/A/Choices/0/Next") and the service's location
 * text ("/States/A/Choices[0]/Next", no escaping). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "asl/asl_int.h"

/* A step when the steps allocated are all in use: more are allocated;
 * steps past them (memory ran out) count but are not kept, and
 * Sfn_asl_where shows them as "/...". */
size_t Sfn_asl_push_grow(struct asl *a, const char *name, size_t index)
{
	size_t depth = a->depth++;

	if (depth == a->cap &&
	    sfn_vec_reserve(&a->steps, &a->cap, depth + 1, sizeof(*a->steps),
	                    SFN_VEC_UNCAPPED) != SFN_OK) {
		a->diags->status = SFN_ERR_NOMEM;
		return depth;
	}
	if (depth < a->cap) {
		a->steps[depth].name = name;
		a->steps[depth].index = index;
	}
	return depth;
}

const char *Sfn_asl_where(struct asl *a)
{
	sfn_buf_reset(&a->where);
	for (size_t i = 0; i < a->depth; i++) {
		if (i >= a->cap)
			sfn_buf_adds(&a->where, "/...");
		else if (a->steps[i].name != NULL)
			sfn_buf_printf(&a->where, "/%s", a->steps[i].name);
		else
			sfn_buf_printf(&a->where, "[%zu]", a->steps[i].index);
	}
	return a->where.status == SFN_OK ? sfn_buf_str(&a->where) : "";
}

const char *Sfn_asl_pointer(struct asl *a)
{
	char index[24];

	sfn_buf_reset(&a->pointer);
	for (size_t i = 0; i < a->depth && i < a->cap; i++) {
		if (a->steps[i].name != NULL) {
			sfn_json_pointer_add(&a->pointer, a->steps[i].name);
		} else {
			snprintf(index, sizeof(index), "%zu",
			         a->steps[i].index);
			sfn_json_pointer_add(&a->pointer, index);
		}
	}
	return a->pointer.status == SFN_OK ? sfn_buf_str(&a->pointer) : "";
}

void Sfn_asl_report_steps(struct asl *a, enum sfn_rule_id rule,
                          const cJSON *node, struct asl_step *steps, size_t n,
                          const char *fmt, ...)
{
	struct asl_step *now = a->steps;
	size_t depth = a->depth, cap = a->cap;
	struct sfn_loc loc = Sfn_asl_loc(a, node, 1);
	const char *where, *pointer;
	va_list ap;

	a->steps = steps; /* spelled out as if it were the current one */
	a->depth = a->cap = n;
	where = Sfn_asl_where(a);
	pointer = Sfn_asl_pointer(a);
	va_start(ap, fmt);
	sfn_diag_vadd(a->diags, rule, &loc, pointer, *where ? where : "/", fmt,
	              ap);
	va_end(ap);
	a->steps = now;
	a->depth = depth;
	a->cap = cap;
}

void Sfn_asl_steps_free(struct asl *a)
{
	free(a->steps);
	a->steps = NULL;
	a->depth = a->cap = 0;
	sfn_buf_free(&a->where);
	sfn_buf_free(&a->pointer);
}

void Sfn_asl_report_wrong_language(struct asl *a, const cJSON *m)
{
	Sfn_asl_report(
	        a, SFN_RULE_ASL_QUERY_LANGUAGE, m, 1, NULL,
	        "The QueryLanguage is set to '%s', but field '%s' is only "
	        "supported for the '%s' QueryLanguage",
	        a->jsonata ? "JSONata" : "JSONPath", m->string,
	        a->jsonata ? "JSONPath" : "JSONata");
}

struct sfn_loc Sfn_asl_loc(const struct asl *a, const cJSON *node, int at_key)
{
	struct sfn_loc loc = sfn_json_loc(a->doc, node);
	struct sfn_span key;

	if (at_key && node != NULL && sfn_json_key_span(a->doc, node, &key)) {
		loc.line = key.line;
		loc.col = key.col;
		loc.end_line = key.end_line;
		loc.end_col = key.end_col;
	}
	return loc;
}

static void report_vloc(struct asl *a, enum sfn_rule_id rule,
                        const struct sfn_loc *loc, const char *field,
                        const char *fmt, va_list ap)
{
	size_t depth = a->depth;
	const char *where;

	if (field != NULL)
		Sfn_asl_push(a, field);
	where = Sfn_asl_where(a);
	sfn_diag_vadd(a->diags, rule, loc, Sfn_asl_pointer(a),
	              *where ? where : "/", fmt, ap);
	Sfn_asl_pop(a, depth);
}

void Sfn_asl_report(struct asl *a, enum sfn_rule_id rule, const cJSON *node,
                    int at_key, const char *field, const char *fmt, ...)
{
	struct sfn_loc loc = Sfn_asl_loc(a, node, at_key);
	va_list ap;

	va_start(ap, fmt);
	report_vloc(a, rule, &loc, field, fmt, ap);
	va_end(ap);
}

void Sfn_asl_report_loc(struct asl *a, enum sfn_rule_id rule,
                        const struct sfn_loc *loc, const char *field,
                        const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_vloc(a, rule, loc, field, fmt, ap);
	va_end(ap);
}
