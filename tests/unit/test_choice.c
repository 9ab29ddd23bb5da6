/* The Choice operator table and its test: every operator, literal and
 * *Path, on matching, non-matching and wrongly typed values. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sfn/choice.h"
#include "test.h"

static const struct {
	const char *op, *value, *operand; /* value NULL: selected nothing */
	int want;
} cases[] = {
	{ "StringEquals", "\"abc\"", "\"abc\"", 1 },
	{ "StringEquals", "\"abc\"", "\"abd\"", 0 },
	{ "StringEquals", "1", "\"1\"", 0 },
	{ "StringEqualsPath", "\"x\"", "\"x\"", 1 },
	{ "StringLessThan", "\"abc\"", "\"abd\"", 1 },
	{ "StringLessThan", "\"abd\"", "\"abc\"", 0 },
	{ "StringLessThan", "\"ab\"", "\"abc\"", 1 },
	/* UTF-16 order: U+FF5E sorts after U+1F600's high surrogate */
	{ "StringLessThan", "\"\\ud83d\\ude00\"", "\"\\uff5e\"", 1 },
	{ "StringGreaterThan", "\"b\"", "\"a\"", 1 },
	{ "StringGreaterThanPath", "\"a\"", "\"b\"", 0 },
	{ "StringLessThanEquals", "\"a\"", "\"a\"", 1 },
	{ "StringLessThanEqualsPath", "\"b\"", "\"a\"", 0 },
	{ "StringGreaterThanEquals", "\"a\"", "\"a\"", 1 },
	{ "StringGreaterThanEqualsPath", "\"a\"", "\"b\"", 0 },
	{ "StringLessThanPath", "\"a\"", "\"b\"", 1 },
	{ "StringMatches", "\"log-2024.txt\"", "\"log-*.txt\"", 1 },
	{ "StringMatches", "\"log-2024.csv\"", "\"log-*.txt\"", 0 },
	{ "StringMatches", "\"a*b\"", "\"a\\\\*b\"", 1 },
	{ "StringMatches", "\"axb\"", "\"a\\\\*b\"", 0 },
	{ "StringMatches", "\"a\\\\b\"", "\"a\\\\\\\\b\"", 1 },
	{ "StringMatches", "\"\"", "\"*\"", 1 },
	{ "StringMatches", "\"abcabc\"", "\"*abc\"", 1 },
	{ "StringMatches", "\"ab\"", "\"a*b*c\"", 0 },
	{ "StringMatches", "3", "\"*\"", 0 },
	{ "NumericEquals", "1", "1.0", 1 },
	{ "NumericEquals", "1", "2", 0 },
	{ "NumericEquals", "\"1\"", "1", 0 },
	{ "NumericEqualsPath", "2.5", "2.5", 1 },
	{ "NumericLessThan", "-1", "0", 1 },
	{ "NumericLessThanPath", "0", "0", 0 },
	{ "NumericGreaterThan", "1e3", "999", 1 },
	{ "NumericGreaterThanPath", "1", "2", 0 },
	{ "NumericLessThanEquals", "2", "2", 1 },
	{ "NumericLessThanEqualsPath", "3", "2", 0 },
	{ "NumericGreaterThanEquals", "2", "2", 1 },
	{ "NumericGreaterThanEqualsPath", "1", "2", 0 },
	{ "BooleanEquals", "true", "true", 1 },
	{ "BooleanEquals", "false", "true", 0 },
	{ "BooleanEquals", "\"true\"", "true", 0 },
	{ "BooleanEqualsPath", "false", "false", 1 },
	{ "TimestampEquals", "\"2016-03-14T01:59:00Z\"",
	  "\"2016-03-14T02:59:00+01:00\"", 1 },
	{ "TimestampEquals", "\"2016-03-14T01:59:00Z\"",
	  "\"2016-03-14T01:59:00.001Z\"", 0 },
	{ "TimestampEqualsPath", "\"2016-03-14T01:59:00.5Z\"",
	  "\"2016-03-14T01:59:00.500Z\"", 1 },
	{ "TimestampLessThan", "\"2016-03-14T01:59:00Z\"",
	  "\"2016-03-14T01:59:00.000000001Z\"", 1 },
	{ "TimestampLessThanPath", "\"2017-01-01T00:00:00Z\"",
	  "\"2016-12-31T22:00:00-01:30\"", 0 },
	{ "TimestampGreaterThan", "\"2000-02-29T00:00:00Z\"",
	  "\"1999-12-31T23:59:59Z\"", 1 },
	{ "TimestampGreaterThanPath", "\"1969-12-31T23:59:59Z\"",
	  "\"1970-01-01T00:00:00Z\"", 0 },
	{ "TimestampLessThanEquals", "\"2016-03-14T01:59:00Z\"",
	  "\"2016-03-14T01:59:00Z\"", 1 },
	{ "TimestampLessThanEqualsPath", "\"2016-03-14T01:59:01Z\"",
	  "\"2016-03-14T01:59:00Z\"", 0 },
	{ "TimestampGreaterThanEquals", "\"2016-03-14T01:59:00Z\"",
	  "\"2016-03-14T01:59:00Z\"", 1 },
	{ "TimestampGreaterThanEqualsPath", "\"2016-03-14T01:59:00Z\"",
	  "\"2016-03-14T01:59:01Z\"", 0 },
	{ "TimestampEquals", "\"2016-03-14t01:59:00z\"",
	  "\"2016-03-14T01:59:00Z\"", 0 },
	{ "TimestampEquals", "\"not a time\"", "\"2016-03-14T01:59:00Z\"", 0 },
	{ "IsNull", "null", "true", 1 },
	{ "IsNull", "0", "true", 0 },
	{ "IsNull", "0", "false", 1 },
	{ "IsPresent", NULL, "false", 1 },
	{ "IsPresent", NULL, "true", 0 },
	{ "IsPresent", "null", "true", 1 },
	{ "IsNumeric", "12", "true", 1 },
	{ "IsNumeric", "\"12\"", "true", 0 },
	{ "IsString", "\"\"", "true", 1 },
	{ "IsString", "[]", "true", 0 },
	{ "IsBoolean", "false", "true", 1 },
	{ "IsBoolean", "{}", "false", 1 },
	{ "IsTimestamp", "\"2024-02-29T12:00:00.123456Z\"", "true", 1 },
	{ "IsTimestamp", "\"2023-02-29T12:00:00Z\"", "true", 0 },
	{ "IsTimestamp", "\"2023-01-01T24:00:00Z\"", "true", 0 },
	{ "IsTimestamp", "\"2023-01-01T00:00:00\"", "true", 0 },
	{ "IsTimestamp", "\"2023-01-01T00:00:00.Z\"", "true", 0 },
	{ "IsTimestamp", "\"2023-01-01T00:00:00+0100\"", "true", 0 },
	{ "IsTimestamp", "\"2023\"", "false", 1 },
	/* a Variable that selected nothing: only IsPresent may test it */
	{ "StringEquals", NULL, "\"a\"", -1 },
	{ "IsNull", NULL, "true", -1 },
	{ "NumericEquals", "1", NULL, -1 },
};

static int run_case(size_t i)
{
	const struct sfn_choice_op *op = sfn_choice_op_find(cases[i].op);
	cJSON *v = cases[i].value ? cJSON_Parse(cases[i].value) : NULL;
	cJSON *o = cases[i].operand ? cJSON_Parse(cases[i].operand) : NULL;
	int got = op ? sfn_choice_test(op, v, o) : -2;

	cJSON_Delete(v);
	cJSON_Delete(o);
	return got;
}

static void test_table(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = run_case(i);

		if (got != cases[i].want) {
			test_fail(t, __FILE__, __LINE__,
			          "%s(%s, %s) is %d, want %d", cases[i].op,
			          cases[i].value ? cases[i].value : "(none)",
			          cases[i].operand ? cases[i].operand
			                           : "(none)",
			          got, cases[i].want);
			return;
		}
	}
}

/* Every operator of the table is tested above, and the table has the
 * service's 39 operators with their *Path twins marked. */
static void test_every_operator(struct test_state *t)
{
	size_t n = 0, paths = 0;

	for (const struct sfn_choice_op *op; (op = sfn_choice_op_at(n)); n++) {
		size_t i = 0, len = strlen(op->name);

		while (i < sizeof(cases) / sizeof(cases[0]) &&
		       strcmp(cases[i].op, op->name) != 0)
			i++;
		if (i == sizeof(cases) / sizeof(cases[0]))
			test_fail(t, __FILE__, __LINE__, "%s is not tested",
			          op->name);
		CHECK_INT(op->path,
		          len > 4 && !strcmp(op->name + len - 4, "Path"));
		CHECK(sfn_choice_op_find(op->name) == op);
		paths += op->path;
	}
	CHECK_INT(n, 39);
	CHECK_INT(paths, 16);
	CHECK(sfn_choice_op_find("StringEqual") == NULL);
	CHECK(sfn_choice_op_find("") == NULL);
	CHECK(sfn_choice_op_find("Next") == NULL);
	CHECK(sfn_choice_op_find("Is") == NULL);
	CHECK(sfn_choice_op_find("Xyz") == NULL);
}

static void test_operands(struct test_state *t)
{
	static const struct {
		const char *op, *operand;
		int ok;
	} ops[] = {
		{ "StringEquals", "\"a\"", 1 },
		{ "StringEquals", "1", 0 },
		{ "NumericEquals", "1", 1 },
		{ "NumericEquals", "\"1\"", 0 },
		{ "BooleanEquals", "true", 1 },
		{ "IsNull", "1", 0 },
		{ "TimestampEquals", "\"2016-03-14T01:59:00Z\"", 1 },
		{ "TimestampEquals", "\"2016-03-14\"", 0 },
		{ "TimestampEqualsPath", "\"$.t\"", 1 },
		{ "NumericEqualsPath", "1", 0 },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		cJSON *o = cJSON_Parse(ops[i].operand);
		int ok =
		        sfn_choice_operand_ok(sfn_choice_op_find(ops[i].op), o);

		cJSON_Delete(o);
		CHECK_INT(ok, ops[i].ok);
	}
}

/* Instants: offsets, fractions past nanoseconds, the epoch. */
static void test_instants(struct test_state *t)
{
	struct sfn_instant at;

	CHECK(sfn_choice_timestamp("1970-01-01T00:00:00Z", &at));
	CHECK_INT(at.seconds, 0);
	CHECK(sfn_choice_timestamp("1970-01-01T01:00:00+01:00", &at));
	CHECK_INT(at.seconds, 0);
	CHECK(sfn_choice_timestamp("2016-03-14T01:59:00.1234567891Z", &at));
	CHECK_INT(at.seconds, 1457920740);
	CHECK_INT(at.nanos, 123456789);
	CHECK(sfn_choice_timestamp("1960-01-01T00:00:00Z", &at));
	CHECK_INT(at.seconds, -315619200);
	CHECK(!sfn_choice_timestamp("", &at));
	CHECK(!sfn_choice_timestamp("2016-03-14T01:59:00+01:0", &at));
	CHECK(!sfn_choice_timestamp("2016-03-14T01:59:00+24:00", &at));
	CHECK(!sfn_choice_timestamp(NULL, &at));
}

const struct test sfn_tests_choice[] = {
	{ "table", test_table },
	{ "every_operator", test_every_operator },
	{ "operands", test_operands },
	{ "instants", test_instants },
	{ NULL, NULL },
};
