/* The comparison operators of Choice rules (JSONPath): one table that the
 * validator checks operands against and the interpreter tests values
 * with, and the test itself with the service's semantics. Knows nothing
 * of states, paths or how a value was found.
 *
 * Ownership: the table is static; values are borrowed. */
#ifndef SFN_CHOICE_H
#define SFN_CHOICE_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* What an operator compares (for a *Path operator: what the value its
 * path selects must be). */
enum sfn_choice_kind {
	SFN_CHOICE_STRING,    /* String*: strings, by UTF-16 code units */
	SFN_CHOICE_NUMERIC,   /* Numeric*: numbers */
	SFN_CHOICE_BOOLEAN,   /* BooleanEquals: true or false */
	SFN_CHOICE_TIMESTAMP, /* Timestamp*: RFC 3339 strings, as instants */
	SFN_CHOICE_TYPE       /* Is*: a type test; the operand is a boolean */
};

enum sfn_choice_test_op {
	SFN_CHOICE_EQ,         /* ...Equals */
	SFN_CHOICE_LT,         /* ...LessThan */
	SFN_CHOICE_GT,         /* ...GreaterThan */
	SFN_CHOICE_LE,         /* ...LessThanEquals */
	SFN_CHOICE_GE,         /* ...GreaterThanEquals */
	SFN_CHOICE_MATCHES,    /* StringMatches: '*' any run, '\' escapes */
	SFN_CHOICE_IS_NULL,    /* IsNull */
	SFN_CHOICE_IS_PRESENT, /* IsPresent: the only test of a missing value */
	SFN_CHOICE_IS_NUMERIC, /* IsNumeric */
	SFN_CHOICE_IS_STRING,  /* IsString */
	SFN_CHOICE_IS_BOOLEAN, /* IsBoolean */
	SFN_CHOICE_IS_TIMESTAMP /* IsTimestamp */
};

struct sfn_choice_op {
	const char *name;          /* "NumericLessThanEqualsPath" */
	enum sfn_choice_kind kind; /* what it compares */
	enum sfn_choice_test_op test;
	int path; /* the operand is a Path whose value is compared */
};

/* The operator called NAME, or NULL. */
const struct sfn_choice_op *sfn_choice_op_find(const char *name);
/* Operator I of the table (from 0), or NULL past its end. */
const struct sfn_choice_op *sfn_choice_op_at(size_t i);

/* Whether OPERAND fits OP as a literal in a definition: a string, a
 * number, a boolean or an RFC 3339 timestamp string as OP compares; for
 * a *Path operator, a string (the path). */
int sfn_choice_operand_ok(const struct sfn_choice_op *op, const cJSON *operand);

/* Tests VALUE (what the rule's Variable selected; NULL when it selected
 * nothing) against OPERAND (the literal, or the value a *Path operand
 * selected). Returns 1 or 0, as the service decides: values of another
 * type than OP compares never match. Returns -1 when VALUE is NULL and
 * OP is not IsPresent, or OPERAND is NULL: the service fails the
 * execution with States.Runtime then. */
int sfn_choice_test(const struct sfn_choice_op *op, const cJSON *value,
                    const cJSON *operand);

/* Whether S is a timestamp as Choice rules take it: RFC 3339 with an
 * uppercase T and Z (or a numeric offset). When it is and AT is not
 * NULL, *AT receives the instant: seconds since 1970 and nanoseconds. */
struct sfn_instant {
	long long seconds;
	long nanos;
};
int sfn_choice_timestamp(const char *s, struct sfn_instant *at);

/* StringMatches: whether S matches PATTERN, in which '*' matches any run
 * of characters and '\' makes the next character ('*' or '\') literal. */
int sfn_choice_matches(const char *s, const char *pattern);

#endif
