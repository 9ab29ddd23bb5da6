/* Parallel branches and Map item processors (scopes of their own), and
 * the Map's distributed-mode objects: ProcessorConfig, ItemReader,
 * ItemBatcher and ResultWriter. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "asl/asl_int.h"

static const char *const branch_fields[] = { "StartAt", "States", "Comment",
	                                     NULL };
static const char *const processor_fields[] = { "StartAt", "States", "Comment",
	                                        "ProcessorConfig", NULL };
static const char *const config_fields[] = { "Mode", "ExecutionType", NULL };
static const char *const modes[] = { "INLINE", "DISTRIBUTED", NULL };
static const char *const execution_types[] = { "STANDARD", "EXPRESS", NULL };
static const char *const reader_fields[] = { "Resource", "Parameters",
	                                     "Arguments", "ReaderConfig",
	                                     NULL };
static const char *const batcher_fields[] = { "MaxItemsPerBatch",
	                                      "MaxItemsPerBatchPath",
	                                      "MaxInputBytesPerBatch",
	                                      "MaxInputBytesPerBatchPath",
	                                      "BatchInput",
	                                      NULL };
static const char *const writer_fields[] = { "Resource", "Parameters",
	                                     "Arguments", "WriterConfig",
	                                     NULL };

/* A nested scope: a branch or an item processor. The check recurses
 * through here once per nested Parallel or Map, each at least three
 * levels of the document deeper, so the reader's SFN_JSON_MAX_DEPTH
 * bounds it (332 Maps at most; tests/golden/asl/deep-*). */
static void check_nested_scope(struct asl *a, const cJSON *obj,
                               const char *const *fields)
{
	int saved = a->jsonata;

	if (!cJSON_IsObject(obj)) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_TYPE, obj, 0, NULL,
		        "a branch or item processor must be an object with "
		        "StartAt and States");
		return;
	}
	Sfn_asl_check_known(a, obj, fields);
	Sfn_asl_check_scope(a, obj, 0);
	a->jsonata = saved;
}

void Sfn_asl_check_parallel(struct asl *a, const cJSON *state)
{
	const cJSON *list = asl_get(state, "Branches");
	size_t i = 0, len, len2;

	if (list == NULL)
		return;
	if (!cJSON_IsArray(list) || list->child == NULL) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, list, 0, "Branches",
		        "'Branches' must be a non-empty array: Value cannot "
		        "be empty");
		return;
	}
	len = Sfn_asl_push(a, "Branches");
	for (const cJSON *b = list->child; b != NULL; b = b->next, i++) {
		len2 = Sfn_asl_push_index(a, i);
		check_nested_scope(a, b, branch_fields);
		Sfn_asl_pop(a, len2);
	}
	Sfn_asl_pop(a, len);
}

static void check_processor_config(struct asl *a, const cJSON *c)
{
	const cJSON *mode = asl_get(c, "Mode");
	const cJSON *type = asl_get(c, "ExecutionType");
	const char *m = cJSON_GetStringValue(mode);
	size_t len = Sfn_asl_push(a, "ProcessorConfig");

	Sfn_asl_check_known(a, c, config_fields);
	if (mode != NULL)
		Sfn_asl_check_enum(a, mode, "Mode", modes);
	if (type != NULL)
		Sfn_asl_check_enum(a, type, "ExecutionType", execution_types);
	if (m != NULL && strcmp(m, "DISTRIBUTED") == 0 && type == NULL)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_MISSING_FIELD, c, 1, NULL,
		        "a DISTRIBUTED Map needs an ExecutionType: These "
		        "fields are required: [ExecutionType]");
	if ((m == NULL || strcmp(m, "INLINE") == 0) && type != NULL)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_UNKNOWN_FIELD, type, 1, NULL,
		        "Field 'ExecutionType' is not supported in INLINE "
		        "mode");
	if (a->opts.express && m != NULL && strcmp(m, "DISTRIBUTED") == 0)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, mode, 0, "Mode",
		        "The field 'Mode' with value 'DISTRIBUTED' is not "
		        "supported inside 'EXPRESS' state machines");
	Sfn_asl_pop(a, len);
}

static void check_processor(struct asl *a, const cJSON *state)
{
	const cJSON *p = asl_get(state, "ItemProcessor");
	const char *name = p ? "ItemProcessor" : "Iterator";
	size_t len;

	if (p == NULL)
		p = asl_get(state, "Iterator");
	if (p == NULL)
		return;
	len = Sfn_asl_push(a, name);
	check_nested_scope(a, p, processor_fields);
	if (cJSON_IsObject(asl_get(p, "ProcessorConfig")))
		check_processor_config(a, asl_get(p, "ProcessorConfig"));
	Sfn_asl_pop(a, len);
}

/* The payload of an ItemReader or ResultWriter: Parameters in JSONPath,
 * Arguments in JSONata. */
static void check_payload(struct asl *a, const cJSON *obj)
{
	const cJSON *p = asl_get(obj, "Parameters");
	const cJSON *g = asl_get(obj, "Arguments");

	if (p != NULL && a->jsonata)
		Sfn_asl_report(a, SFN_RULE_ASL_QUERY_LANGUAGE, p, 1, NULL,
		               "field 'Parameters' is only supported for the "
		               "'JSONPath' QueryLanguage");
	else if (p != NULL)
		Sfn_asl_check_template(a, p, "Parameters");
	if (g != NULL && !a->jsonata)
		Sfn_asl_report(a, SFN_RULE_ASL_QUERY_LANGUAGE, g, 1, NULL,
		               "field 'Arguments' is only supported for the "
		               "'JSONata' QueryLanguage");
	else if (g != NULL)
		Sfn_asl_check_output(a, g, "Arguments");
}

static void check_part(struct asl *a, const cJSON *state, const char *name,
                       const char *const *fields)
{
	const cJSON *obj = asl_get(state, name);
	const cJSON *r;
	size_t len;

	if (!cJSON_IsObject(obj))
		return;
	len = Sfn_asl_push(a, name);
	Sfn_asl_check_known(a, obj, fields);
	if ((r = asl_get(obj, "Resource")))
		Sfn_asl_check_string(a, r, "Resource");
	else if (strcmp(name, "ItemReader") == 0)
		Sfn_asl_report(a, SFN_RULE_ASL_MISSING_FIELD, obj, 1, NULL,
		               "These fields are required: [Resource]");
	if (strcmp(name, "ItemBatcher") != 0)
		check_payload(a, obj);
	Sfn_asl_pop(a, len);
}

static const char *const max_items[] = { "MaxItems", "MaxItemsPath", NULL };
static const char *const per_batch[] = { "MaxItemsPerBatch",
	                                 "MaxItemsPerBatchPath", NULL };
static const char *const bytes_per_batch[] = { "MaxInputBytesPerBatch",
	                                       "MaxInputBytesPerBatchPath",
	                                       NULL };

/* A positive integer, or a Reference Path with the Path form. */
static void positive_or_path(struct asl *a, const cJSON *obj, const char *name)
{
	char path_name[64];
	const cJSON *v = asl_get(obj, name);

	if (v != NULL)
		Sfn_asl_check_number(a, v, name, 1, 1, 9223372036854775807.0);
	snprintf(path_name, sizeof(path_name), "%sPath", name);
	v = asl_get(obj, path_name);
	if (v != NULL && a->jsonata)
		Sfn_asl_report_wrong_language(a, v);
	else if (v != NULL)
		Sfn_asl_check_path(a, v, path_name, 1, 0);
}

/* BatchInput: fixed input added to every batch; a payload template in
 * JSONPath states, JSONata expressions anywhere in it otherwise. */
static void check_batch_input(struct asl *a, const cJSON *v)
{
	if (v == NULL)
		return;
	if (a->jsonata)
		Sfn_asl_check_output(a, v, "BatchInput");
	else
		Sfn_asl_check_template(a, v, "BatchInput");
}

static void check_batcher(struct asl *a, const cJSON *state)
{
	const cJSON *b = asl_get(state, "ItemBatcher");
	size_t len;

	if (!cJSON_IsObject(b))
		return;
	len = Sfn_asl_push(a, "ItemBatcher");
	if (!asl_get(b, "MaxItemsPerBatch") &&
	    !asl_get(b, "MaxItemsPerBatchPath") &&
	    !asl_get(b, "MaxInputBytesPerBatch") &&
	    !asl_get(b, "MaxInputBytesPerBatchPath"))
		Sfn_asl_report(a, SFN_RULE_ASL_BATCHER_LIMIT, b, 0, NULL,
		               "an ItemBatcher needs at least one of "
		               "MaxItemsPerBatch, MaxItemsPerBatchPath, "
		               "MaxInputBytesPerBatch and "
		               "MaxInputBytesPerBatchPath");
	Sfn_asl_one_of(a, b, per_batch, 0);
	Sfn_asl_one_of(a, b, bytes_per_batch, 0);
	positive_or_path(a, b, "MaxItemsPerBatch");
	positive_or_path(a, b, "MaxInputBytesPerBatch");
	check_batch_input(a, asl_get(b, "BatchInput"));
	Sfn_asl_pop(a, len);
}

static void check_reader_config(struct asl *a, const cJSON *state)
{
	const cJSON *r = asl_get(state, "ItemReader");
	const cJSON *c = asl_get(r, "ReaderConfig");
	size_t len;

	if (!cJSON_IsObject(c))
		return;
	len = Sfn_asl_push(a, "ItemReader");
	Sfn_asl_push(a, "ReaderConfig");
	Sfn_asl_one_of(a, c, max_items, 0);
	positive_or_path(a, c, "MaxItems");
	Sfn_asl_pop(a, len);
}

void Sfn_asl_check_map(struct asl *a, const cJSON *state)
{
	check_batcher(a, state);
	check_reader_config(a, state);
	check_processor(a, state);
	check_part(a, state, "ItemReader", reader_fields);
	check_part(a, state, "ItemBatcher", batcher_fields);
	check_part(a, state, "ResultWriter", writer_fields);
}
