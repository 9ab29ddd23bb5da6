/* The field matrix of state types: which fields each type has, in which
 * query language, and what kind of value each takes. Private to
 * src/asl. */
#ifndef SFN_ASL_FIELDS_H
#define SFN_ASL_FIELDS_H

#include "asl/asl_int.h"

enum value_kind {
	K_STRING,
	K_TEXT,
	K_END,
	K_INT,
	K_NUMBER,
	K_PATH_NULL,
	K_RESULT_PATH,
	K_REF_PATH,
	K_ERROR_PATH,
	K_TEMPLATE,
	K_ARGUMENTS,
	K_OUTPUT,
	K_ASSIGN,
	K_ANY,
	K_RESULT,
	K_RESOURCE,
	K_CREDENTIALS,
	K_RETRY,
	K_CATCH,
	K_CHOICES,
	K_DEFAULT,
	K_BRANCHES,
	K_PROCESSOR,
	K_ITEMS,
	K_ITEM_SELECTOR,
	K_OBJECT,
	K_TIMESTAMP,
	K_LANGUAGE,
	K_TYPE,
	K_NEXT
};

/* The rows of the field matrix, in its (strcmp) order. */
enum field_id {
	F_ARGUMENTS,
	F_ASSIGN,
	F_BRANCHES,
	F_CATCH,
	F_CAUSE,
	F_CAUSE_PATH,
	F_CHOICES,
	F_COMMENT,
	F_CREDENTIALS,
	F_DEFAULT,
	F_END,
	F_ERROR,
	F_ERROR_PATH,
	F_HEARTBEAT_SECONDS,
	F_HEARTBEAT_SECONDS_PATH,
	F_INPUT_PATH,
	F_ITEM_BATCHER,
	F_ITEM_PROCESSOR,
	F_ITEM_READER,
	F_ITEM_SELECTOR,
	F_ITEMS,
	F_ITEMS_PATH,
	F_ITERATOR,
	F_LABEL,
	F_MAX_CONCURRENCY,
	F_MAX_CONCURRENCY_PATH,
	F_NEXT,
	F_OUTPUT,
	F_OUTPUT_PATH,
	F_PARAMETERS,
	F_QUERY_LANGUAGE,
	F_RESOURCE,
	F_RESULT,
	F_RESULT_PATH,
	F_RESULT_SELECTOR,
	F_RESULT_WRITER,
	F_RETRY,
	F_SECONDS,
	F_SECONDS_PATH,
	F_TIMEOUT_SECONDS,
	F_TIMEOUT_SECONDS_PATH,
	F_TIMESTAMP,
	F_TIMESTAMP_PATH,
	F_TOLERATED_FAILURE_COUNT,
	F_TOLERATED_FAILURE_COUNT_PATH,
	F_TOLERATED_FAILURE_PERCENTAGE,
	F_TOLERATED_FAILURE_PERCENTAGE_PATH,
	F_TYPE,
	F_COUNT
};

struct field {
	const char *name;
	unsigned types; /* ST_* bits of the state types that have it */
	unsigned lang;  /* L_P, L_A or L_B */
	enum value_kind kind;
	double min, max; /* K_INT and K_NUMBER */
};

/* The field NAME of a state, or NULL when no state type has it. */
const struct field *Sfn_asl_field(const char *name);
/* The name of field ID, and the id of row F. */
const char *Sfn_asl_field_name(enum field_id id);
enum field_id Sfn_asl_field_id(const struct field *f);
/* The field closest to NAME among those of the state types TYPES, for
 * "did you mean"; NULL when none is close. */
const char *Sfn_asl_closest_field(const char *name, unsigned types);
/* Whether STATE has a field no state type has whose closest known name is
 * Next ("Nxt"): reported as that field alone, it stands for a transition
 * that may lead anywhere. */
int Sfn_asl_misspelled_next(const cJSON *state);
/* The ST_* bit of a Type value, or 0. */
unsigned Sfn_asl_state_type(const char *type);

#endif
