/* Input and output processing of JSONPath states, as library functions
 * the interpreter calls: InputPath/OutputPath selection, payload
 * templates (Parameters, ResultSelector, ItemSelector, Assign) with paths
 * and intrinsic functions, and ResultPath merging, each failing with the
 * error name and cause Step Functions gives.
 *
 * Ownership: every cJSON value handed out is a new tree the caller owns;
 * inputs are borrowed and never changed, except those passed to a
 * function whose name ends in _take. */
#ifndef SFN_EXEC_H
#define SFN_EXEC_H

#include <cjson/cJSON.h>

#include "sfn/status.h"

/* What the paths of one field read. */
struct sfn_exec_data {
	const cJSON *input;   /* $: the field's input */
	const cJSON *context; /* $$: the context object (NULL: none) */
	const cJSON *vars;    /* $name: an object of workflow variables */
};

/* The value PATH ("$.a", "$$.Execution.Id", "$name.b") selects in DATA:
 * a copy of it for a definite path, an array for an indefinite one. When
 * a definite path selects nothing, *OUT is NULL and, if CANONICAL is not
 * NULL, it receives the path as the service prints it ($['a']['b'],
 * malloc'd). SFN_ERR_SYNTAX when PATH does not parse. */
enum sfn_status sfn_exec_lookup(const char *path,
                                const struct sfn_exec_data *data, cJSON **out,
                                char **canonical);

/* InputPath or OutputPath: FIELD is the field's value, NULL when absent
 * (the whole input), JSON null (an empty object) or a path. NAME is the
 * field's name. */
enum sfn_status sfn_exec_select(const cJSON *field,
                                const struct sfn_exec_data *data, cJSON **out,
                                struct sfn_error *err);

/* A payload template: keys ending in ".$" take the value of their path or
 * intrinsic function call (and lose the suffix), objects are walked at any
 * depth, including those inside arrays; everything else is copied. A
 * template nested deeper than SFN_JSON_MAX_DEPTH is SFN_ERR_LIMIT. */
enum sfn_status sfn_exec_payload(const cJSON *tmpl,
                                 const struct sfn_exec_data *data, cJSON **out,
                                 struct sfn_error *err);

/* ResultPath: FIELD NULL (absent) or "$" gives RESULT; JSON null gives
 * RAW_INPUT; a Reference Path puts RESULT into a copy of RAW_INPUT there,
 * creating missing objects on the way. RESULT is taken over. */
enum sfn_status sfn_exec_result_path_take(const cJSON *field,
                                          const cJSON *raw_input, cJSON *result,
                                          cJSON **out, struct sfn_error *err);

#endif
