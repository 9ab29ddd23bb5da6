/* The Choice operator table, shared by the validator (which operand each
 * operator takes) and the interpreter (what each one tests). Knows
 * nothing of rules, paths or diagnostics. */
#include "config.h"

#include <string.h>

#include "sfn/choice.h"

#define OP(name, kind, test, path)                                             \
	{                                                                      \
		name, SFN_CHOICE_##kind, SFN_CHOICE_##test, path               \
	}

static const struct sfn_choice_op operators[] = {
	OP("StringEquals", STRING, EQ, 0),
	OP("StringLessThan", STRING, LT, 0),
	OP("StringGreaterThan", STRING, GT, 0),
	OP("StringLessThanEquals", STRING, LE, 0),
	OP("StringGreaterThanEquals", STRING, GE, 0),
	OP("StringMatches", STRING, MATCHES, 0),
	OP("StringEqualsPath", STRING, EQ, 1),
	OP("StringLessThanPath", STRING, LT, 1),
	OP("StringGreaterThanPath", STRING, GT, 1),
	OP("StringLessThanEqualsPath", STRING, LE, 1),
	OP("StringGreaterThanEqualsPath", STRING, GE, 1),
	OP("NumericEquals", NUMERIC, EQ, 0),
	OP("NumericLessThan", NUMERIC, LT, 0),
	OP("NumericGreaterThan", NUMERIC, GT, 0),
	OP("NumericLessThanEquals", NUMERIC, LE, 0),
	OP("NumericGreaterThanEquals", NUMERIC, GE, 0),
	OP("NumericEqualsPath", NUMERIC, EQ, 1),
	OP("NumericLessThanPath", NUMERIC, LT, 1),
	OP("NumericGreaterThanPath", NUMERIC, GT, 1),
	OP("NumericLessThanEqualsPath", NUMERIC, LE, 1),
	OP("NumericGreaterThanEqualsPath", NUMERIC, GE, 1),
	OP("BooleanEquals", BOOLEAN, EQ, 0),
	OP("BooleanEqualsPath", BOOLEAN, EQ, 1),
	OP("TimestampEquals", TIMESTAMP, EQ, 0),
	OP("TimestampLessThan", TIMESTAMP, LT, 0),
	OP("TimestampGreaterThan", TIMESTAMP, GT, 0),
	OP("TimestampLessThanEquals", TIMESTAMP, LE, 0),
	OP("TimestampGreaterThanEquals", TIMESTAMP, GE, 0),
	OP("TimestampEqualsPath", TIMESTAMP, EQ, 1),
	OP("TimestampLessThanPath", TIMESTAMP, LT, 1),
	OP("TimestampGreaterThanPath", TIMESTAMP, GT, 1),
	OP("TimestampLessThanEqualsPath", TIMESTAMP, LE, 1),
	OP("TimestampGreaterThanEqualsPath", TIMESTAMP, GE, 1),
	OP("IsNull", TYPE, IS_NULL, 0),
	OP("IsPresent", TYPE, IS_PRESENT, 0),
	OP("IsNumeric", TYPE, IS_NUMERIC, 0),
	OP("IsString", TYPE, IS_STRING, 0),
	OP("IsBoolean", TYPE, IS_BOOLEAN, 0),
	OP("IsTimestamp", TYPE, IS_TIMESTAMP, 0),
};

#define NOPS (sizeof(operators) / sizeof(operators[0]))

/* Where the operators starting with C begin in the table (they stand
 * together), or NOPS for a byte no operator starts with: every member of
 * every rule is looked up, and the first byte rules out the other fields
 * (Variable, And, Or, Condition, Comment, ...). */
static size_t group_start(char c)
{
	switch (c) {
	case 'S':
		return 0;
	case 'N':
		return 11;
	case 'B':
		return 21;
	case 'T':
		return 23;
	case 'I':
		return 33;
	default:
		return NOPS;
	}
}

const struct sfn_choice_op *sfn_choice_op_find(const char *name)
{
	/* two bytes rule out most of the group without a call ("Next" and
	 * "Numeric..." share the first) */
	for (size_t i = group_start(name[0]);
	     i < NOPS && operators[i].name[0] == name[0]; i++)
		if (operators[i].name[1] == name[1] &&
		    strcmp(operators[i].name, name) == 0)
			return &operators[i];
	return NULL;
}

const struct sfn_choice_op *sfn_choice_op_at(size_t i)
{
	return i < NOPS ? &operators[i] : NULL;
}

int sfn_choice_operand_ok(const struct sfn_choice_op *op, const cJSON *operand)
{
	if (op->path)
		return cJSON_IsString(operand);
	switch (op->kind) {
	case SFN_CHOICE_NUMERIC:
		return cJSON_IsNumber(operand);
	case SFN_CHOICE_BOOLEAN:
	case SFN_CHOICE_TYPE:
		return cJSON_IsBool(operand);
	case SFN_CHOICE_TIMESTAMP:
		return sfn_choice_timestamp(cJSON_GetStringValue(operand),
		                            NULL);
	default:
		return cJSON_IsString(operand);
	}
}
