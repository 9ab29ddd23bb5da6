/* Diagnostics of the validator: file:line:column from the node's span and
 * the service's location ("/States/A/Choices[0]/Next", no escaping) as
 * the pointer. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "asl/asl_int.h"

size_t asl_push(struct asl *a, const char *name)
{
	size_t len = a->where.len;

	sfn_buf_addc(&a->where, '/');
	sfn_buf_adds(&a->where, name);
	return len;
}

size_t asl_push_index(struct asl *a, size_t i)
{
	size_t len = a->where.len;
	char digits[24], *d = digits + sizeof(digits);

	/* by hand: printf costs more than the rest of a state's checks */
	*--d = ']';
	do
		*--d = (char) ('0' + i % 10);
	while ((i /= 10) != 0);
	*--d = '[';
	sfn_buf_add(&a->where, d, (size_t) (digits + sizeof(digits) - d));
	return len;
}

void asl_pop(struct asl *a, size_t len)
{
	if (a->where.status != SFN_OK)
		return;
	a->where.len = len;
	if (a->where.data != NULL)
		a->where.data[len] = '\0';
}

struct sfn_loc asl_loc(const struct asl *a, const cJSON *node, int at_key)
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

void asl_report(struct asl *a, enum sfn_rule_id rule, const cJSON *node,
                int at_key, const char *field, const char *fmt, ...)
{
	struct sfn_loc loc = asl_loc(a, node, at_key);
	char msg[600];
	size_t len = a->where.len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (field != NULL)
		asl_push(a, field);
	sfn_diag_add(a->diags, rule, &loc,
	             a->where.len ? sfn_buf_str(&a->where) : "/", "%s", msg);
	asl_pop(a, len);
}
