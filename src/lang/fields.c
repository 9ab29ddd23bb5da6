/* The clause table of the .sfn language: which clause becomes which ASL
 * field, where it may stand, how its value is read. One row per clause;
 * sema.c and lower.c both read it. Knows nothing of the grammar. */
#include "config.h"

#include <string.h>

#include "lang/lang_int.h"
#include "sfn/suggest.h"

#define S(k)   (1u << (LS_##k))
#define ALL_IO (S(PASS) | S(TASK) | S(CHOICE) | S(WAIT) | S(PARALLEL) | S(MAP))
#define WORK   (S(TASK) | S(PARALLEL) | S(MAP))

static const char *const query_words[] = { "jsonpath", "JSONPath", "jsonata",
	                                   "JSONata", NULL };
static const char *const jitter_words[] = { "full", "FULL", "none", "NONE",
	                                    NULL };
static const char *const mode_words[] = { "inline", "INLINE", "distributed",
	                                  "DISTRIBUTED", NULL };
static const char *const exec_words[] = { "standard", "STANDARD", "express",
	                                  "EXPRESS", NULL };

static const struct lang_field fields[] = {
	{ "comment", "Comment", NULL,
	  ALL_IO | S(SUCCEED) | S(FAIL) | LW_MACHINE | LW_RETRY | LW_CATCH |
	          LW_WHEN | LW_BRANCH,
	  LF_LITERAL, NULL },
	{ "query_language", "QueryLanguage", NULL,
	  ALL_IO | S(SUCCEED) | S(FAIL) | LW_MACHINE | LW_BRANCH, LF_ENUM,
	  query_words },
	{ "version", "Version", NULL, LW_MACHINE, LF_LITERAL, NULL },
	{ "timeout", "TimeoutSeconds", "TimeoutSecondsPath",
	  S(TASK) | LW_MACHINE, LF_VALUE, NULL },
	{ "heartbeat", "HeartbeatSeconds", "HeartbeatSecondsPath", S(TASK),
	  LF_VALUE, NULL },
	{ "input", "InputPath", "InputPath", ALL_IO | S(SUCCEED), LF_VALUE,
	  NULL },
	{ "output", "Output", "OutputPath",
	  ALL_IO | S(SUCCEED) | LW_CATCH | LW_WHEN, LF_OUTPUT, NULL },
	{ "parameters", "Parameters", NULL, S(PASS) | WORK, LF_PAYLOAD, NULL },
	{ "arguments", "Arguments", NULL, WORK, LF_PAYLOAD, NULL },
	{ "select", "ResultSelector", NULL, WORK, LF_PAYLOAD, NULL },
	{ "result", "Result", NULL, S(PASS), LF_LITERAL, NULL },
	{ "result_path", "ResultPath", "ResultPath", S(PASS) | WORK | LW_CATCH,
	  LF_VALUE, NULL },
	{ "assign", "Assign", NULL, ALL_IO | LW_CATCH | LW_WHEN, LF_PAYLOAD,
	  NULL },
	{ "resource", "Resource", NULL, S(TASK), LF_LITERAL, NULL },
	{ "credentials", "Credentials", NULL, S(TASK), LF_PAYLOAD, NULL },
	{ "body", NULL, NULL, S(TASK), LF_NONE, NULL },
	{ "error", "Error", "ErrorPath", S(FAIL), LF_VALUE, NULL },
	{ "cause", "Cause", "CausePath", S(FAIL), LF_VALUE, NULL },
	{ "seconds", "Seconds", "SecondsPath", S(WAIT), LF_VALUE, NULL },
	{ "timestamp", "Timestamp", "TimestampPath", S(WAIT), LF_VALUE, NULL },
	{ "items_path", "ItemsPath", "ItemsPath", S(MAP), LF_VALUE, NULL },
	{ "items", "Items", NULL, S(MAP), LF_LITERAL, NULL },
	{ "item_selector", "ItemSelector", NULL, S(MAP), LF_PAYLOAD, NULL },
	{ "item_reader", "ItemReader", NULL, S(MAP), LF_PAYLOAD, NULL },
	{ "item_batcher", "ItemBatcher", NULL, S(MAP), LF_PAYLOAD, NULL },
	{ "result_writer", "ResultWriter", NULL, S(MAP), LF_PAYLOAD, NULL },
	{ "max_concurrency", "MaxConcurrency", "MaxConcurrencyPath", S(MAP),
	  LF_VALUE, NULL },
	{ "tolerated_failure_percentage", "ToleratedFailurePercentage",
	  "ToleratedFailurePercentagePath", S(MAP), LF_VALUE, NULL },
	{ "tolerated_failure_count", "ToleratedFailureCount",
	  "ToleratedFailureCountPath", S(MAP), LF_VALUE, NULL },
	{ "label", "Label", NULL, S(MAP), LF_LITERAL, NULL },
	{ "processor_mode", "Mode", NULL, S(MAP), LF_ENUM, mode_words },
	{ "execution_type", "ExecutionType", NULL, S(MAP), LF_ENUM,
	  exec_words },
	{ "interval", "IntervalSeconds", NULL, LW_RETRY, LF_LITERAL, NULL },
	{ "attempts", "MaxAttempts", NULL, LW_RETRY, LF_LITERAL, NULL },
	{ "backoff", "BackoffRate", NULL, LW_RETRY, LF_LITERAL, NULL },
	{ "max_delay", "MaxDelaySeconds", NULL, LW_RETRY, LF_LITERAL, NULL },
	{ "jitter", "JitterStrategy", NULL, LW_RETRY, LF_ENUM, jitter_words },
	{ "legacy_iterator", NULL, NULL, S(MAP), LF_NONE, NULL },
	{ "region", NULL, NULL, LW_STACK, LF_NONE, NULL },
	{ "description", NULL, NULL, LW_PARAM, LF_NONE, NULL },
	{ "allowed", NULL, NULL, LW_PARAM, LF_NONE, NULL },
	{ "type", NULL, NULL, LW_MACHINE, LF_NONE, exec_words },
	{ "policy", NULL, NULL, LW_MACHINE, LF_NONE, NULL },
};

const struct lang_field *Sfn_lang_field_find(const char *word)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].word, word) == 0)
			return &fields[i];
	return NULL;
}

const char *Sfn_lang_field_closest(const char *word, unsigned where)
{
	struct sfn_suggest s;

	sfn_suggest_init(&s, word, strlen(word));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].where & where)
			sfn_suggest_add(&s, fields[i].word);
	return sfn_suggest_best(&s);
}

const char *Sfn_lang_field_enum(const struct lang_field *f, const char *w)
{
	for (size_t i = 0; f->words != NULL && f->words[i] != NULL; i += 2)
		if (strcmp(f->words[i], w) == 0)
			return f->words[i + 1];
	return NULL;
}

const char *Sfn_lang_state_word(enum lang_state kind)
{
	static const char *const words[LS_COUNT] = {
		"pass", "task",    "choice", "wait", "parallel",
		"map",  "succeed", "fail",   "asl"
	};

	return (unsigned) kind < LS_COUNT ? words[kind] : "?";
}
