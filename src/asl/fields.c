/* The field matrix: each row a field, the state types that have it, the
 * query language it belongs to, and its kind of value with its range.
 * Ranges follow what the service was seen to accept. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "asl/fields.h"
#include "sfn/suggest.h"

#define BIG 99999999.0
#define NOW ST_TASK | ST_PARALLEL | ST_MAP | ST_PASS | ST_WAIT /* Next/End */
#define IO  (ST_ALL & ~ST_FAIL)

/* Sorted by name (strcmp order), for the binary search; each row at its
 * enum field_id. */
static const struct field fields[F_COUNT] = {
	[F_ARGUMENTS] = { "Arguments", ST_TASK | ST_PARALLEL, L_A, K_ARGUMENTS,
	                  0, 0 },
	[F_ASSIGN] = { "Assign", ST_ALL & ~(ST_SUCCEED | ST_FAIL), L_B,
	               K_ASSIGN, 0, 0 },
	[F_BRANCHES] = { "Branches", ST_PARALLEL, L_B, K_BRANCHES, 0, 0 },
	[F_CATCH] = { "Catch", ST_TASK | ST_PARALLEL | ST_MAP, L_B, K_CATCH, 0,
	              0 },
	[F_CAUSE] = { "Cause", ST_FAIL, L_B, K_TEXT, 0, 0 },
	[F_CAUSE_PATH] = { "CausePath", ST_FAIL, L_P, K_ERROR_PATH, 0, 0 },
	[F_CHOICES] = { "Choices", ST_CHOICE, L_B, K_CHOICES, 0, 0 },
	[F_COMMENT] = { "Comment", ST_ALL, L_B, K_STRING, 0, 0 },
	[F_CREDENTIALS] = { "Credentials", ST_TASK, L_B, K_CREDENTIALS, 0, 0 },
	[F_DEFAULT] = { "Default", ST_CHOICE, L_B, K_DEFAULT, 0, 0 },
	[F_END] = { "End", NOW, L_B, K_END, 0, 0 },
	[F_ERROR] = { "Error", ST_FAIL, L_B, K_TEXT, 0, 0 },
	[F_ERROR_PATH] = { "ErrorPath", ST_FAIL, L_P, K_ERROR_PATH, 0, 0 },
	[F_HEARTBEAT_SECONDS] = { "HeartbeatSeconds", ST_TASK, L_B, K_INT, 1,
	                          BIG },
	[F_HEARTBEAT_SECONDS_PATH] = { "HeartbeatSecondsPath", ST_TASK, L_P,
	                               K_REF_PATH, 0, 0 },
	[F_INPUT_PATH] = { "InputPath", IO, L_P, K_PATH_NULL, 0, 0 },
	[F_ITEM_BATCHER] = { "ItemBatcher", ST_MAP, L_B, K_OBJECT, 0, 0 },
	[F_ITEM_PROCESSOR] = { "ItemProcessor", ST_MAP, L_B, K_PROCESSOR, 0,
	                       0 },
	[F_ITEM_READER] = { "ItemReader", ST_MAP, L_B, K_OBJECT, 0, 0 },
	[F_ITEM_SELECTOR] = { "ItemSelector", ST_MAP, L_B, K_ITEM_SELECTOR, 0,
	                      0 },
	[F_ITEMS] = { "Items", ST_MAP, L_A, K_ITEMS, 0, 0 },
	[F_ITEMS_PATH] = { "ItemsPath", ST_MAP, L_P, K_REF_PATH, 0, 0 },
	[F_ITERATOR] = { "Iterator", ST_MAP, L_B, K_PROCESSOR, 0, 0 },
	[F_LABEL] = { "Label", ST_MAP, L_B, K_STRING, 0, 0 },
	[F_MAX_CONCURRENCY] = { "MaxConcurrency", ST_MAP, L_B, K_INT, 0,
	                        9223372036854775807.0 },
	[F_MAX_CONCURRENCY_PATH] = { "MaxConcurrencyPath", ST_MAP, L_P,
	                             K_REF_PATH, 0, 0 },
	[F_NEXT] = { "Next", NOW, L_B, K_NEXT, 0, 0 },
	[F_OUTPUT] = { "Output", IO, L_A, K_OUTPUT, 0, 0 },
	[F_OUTPUT_PATH] = { "OutputPath", IO, L_P, K_PATH_NULL, 0, 0 },
	[F_PARAMETERS] = { "Parameters",
	                   ST_TASK | ST_PARALLEL | ST_MAP | ST_PASS, L_P,
	                   K_TEMPLATE, 0, 0 },
	[F_QUERY_LANGUAGE] = { "QueryLanguage", ST_ALL, L_B, K_LANGUAGE, 0, 0 },
	[F_RESOURCE] = { "Resource", ST_TASK, L_B, K_RESOURCE, 0, 0 },
	[F_RESULT] = { "Result", ST_PASS, L_P, K_RESULT, 0, 0 },
	[F_RESULT_PATH] = { "ResultPath",
	                    ST_TASK | ST_PARALLEL | ST_MAP | ST_PASS, L_P,
	                    K_RESULT_PATH, 0, 0 },
	[F_RESULT_SELECTOR] = { "ResultSelector",
	                        ST_TASK | ST_PARALLEL | ST_MAP, L_P, K_TEMPLATE,
	                        0, 0 },
	[F_RESULT_WRITER] = { "ResultWriter", ST_MAP, L_B, K_OBJECT, 0, 0 },
	[F_RETRY] = { "Retry", ST_TASK | ST_PARALLEL | ST_MAP, L_B, K_RETRY, 0,
	              0 },
	[F_SECONDS] = { "Seconds", ST_WAIT, L_B, K_INT, 0, BIG },
	[F_SECONDS_PATH] = { "SecondsPath", ST_WAIT, L_P, K_REF_PATH, 0, 0 },
	[F_TIMEOUT_SECONDS] = { "TimeoutSeconds", ST_TASK, L_B, K_INT, 1, BIG },
	[F_TIMEOUT_SECONDS_PATH] = { "TimeoutSecondsPath", ST_TASK, L_P,
	                             K_REF_PATH, 0, 0 },
	[F_TIMESTAMP] = { "Timestamp", ST_WAIT, L_B, K_TIMESTAMP, 0, 0 },
	[F_TIMESTAMP_PATH] = { "TimestampPath", ST_WAIT, L_P, K_REF_PATH, 0,
	                       0 },
	[F_TOLERATED_FAILURE_COUNT] = { "ToleratedFailureCount", ST_MAP, L_B,
	                                K_INT, 0, 9223372036854775807.0 },
	[F_TOLERATED_FAILURE_COUNT_PATH] = { "ToleratedFailureCountPath",
	                                     ST_MAP, L_P, K_REF_PATH, 0, 0 },
	[F_TOLERATED_FAILURE_PERCENTAGE] = { "ToleratedFailurePercentage",
	                                     ST_MAP, L_B, K_NUMBER, 0, 100 },
	[F_TOLERATED_FAILURE_PERCENTAGE_PATH] = { "ToleratedFailurePercentagePa"
	                                          "th",
	                                          ST_MAP, L_P, K_REF_PATH, 0,
	                                          0 },
	[F_TYPE] = { "Type", ST_ALL, L_B, K_TYPE, 0, 0 },
};

/* The rows whose names start with each letter from A to T: [lo, hi). A
 * new field whose first letter no row has yet needs its line here
 * (tests/unit/test_fields.c fails until it has). */
static const struct {
	enum field_id lo, hi;
} letters['T' - 'A' + 1] = {
	['A' - 'A'] = { F_ARGUMENTS, F_BRANCHES },
	['B' - 'A'] = { F_BRANCHES, F_CATCH },
	['C' - 'A'] = { F_CATCH, F_DEFAULT },
	['D' - 'A'] = { F_DEFAULT, F_END },
	['E' - 'A'] = { F_END, F_HEARTBEAT_SECONDS },
	['H' - 'A'] = { F_HEARTBEAT_SECONDS, F_INPUT_PATH },
	['I' - 'A'] = { F_INPUT_PATH, F_LABEL },
	['L' - 'A'] = { F_LABEL, F_MAX_CONCURRENCY },
	['M' - 'A'] = { F_MAX_CONCURRENCY, F_NEXT },
	['N' - 'A'] = { F_NEXT, F_OUTPUT },
	['O' - 'A'] = { F_OUTPUT, F_PARAMETERS },
	['P' - 'A'] = { F_PARAMETERS, F_QUERY_LANGUAGE },
	['Q' - 'A'] = { F_QUERY_LANGUAGE, F_RESOURCE },
	['R' - 'A'] = { F_RESOURCE, F_SECONDS },
	['S' - 'A'] = { F_SECONDS, F_TIMEOUT_SECONDS },
	['T' - 'A'] = { F_TIMEOUT_SECONDS, F_COUNT },
};

/* The rows of the name's first letter, then a binary search among them
 * that compares second bytes before calling strcmp: it runs for every
 * member of every state. */
const struct field *Sfn_asl_field(const char *name)
{
	unsigned char first = (unsigned char) name[0];
	size_t lo, hi;

	if (first < 'A' || first > 'T' || name[1] == '\0')
		return NULL;
	lo = letters[first - 'A'].lo;
	hi = letters[first - 'A'].hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *row = fields[mid].name;
		int c = (unsigned char) name[1] - (unsigned char) row[1];

		if (c == 0)
			c = strcmp(name + 2, row + 2);
		if (c == 0)
			return &fields[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *Sfn_asl_field_name(enum field_id id)
{
	return fields[id].name;
}

enum field_id Sfn_asl_field_id(const struct field *f)
{
	return (enum field_id)(f - fields);
}

const char *Sfn_asl_closest_field(const char *name, unsigned types)
{
	struct sfn_suggest s;

	sfn_suggest_init(&s, name, strlen(name));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].types & types)
			sfn_suggest_add(&s, fields[i].name);
	return sfn_suggest_best(&s);
}

int Sfn_asl_misspelled_next(const cJSON *state)
{
	for (const cJSON *m = state->child; m != NULL; m = m->next) {
		const char *best;

		if (Sfn_asl_field(m->string) != NULL)
			continue;
		best = Sfn_asl_closest_field(m->string, ST_ALL);
		if (best != NULL && strcmp(best, "Next") == 0)
			return 1;
	}
	return 0;
}

unsigned Sfn_asl_state_type(const char *type)
{
	static const struct {
		const char *name;
		unsigned bit;
	} types[] = {
		{ "Task", ST_TASK },       { "Parallel", ST_PARALLEL },
		{ "Map", ST_MAP },         { "Pass", ST_PASS },
		{ "Wait", ST_WAIT },       { "Choice", ST_CHOICE },
		{ "Succeed", ST_SUCCEED }, { "Fail", ST_FAIL },
	};

	for (size_t i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (asl_same(types[i].name, type))
			return types[i].bit;
	return 0;
}
