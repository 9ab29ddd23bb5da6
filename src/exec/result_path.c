/* ResultPath: where a state's result goes in its output. Absent or "$":
 * the result is the output; null: the raw input is; a Reference Path: the
 * result replaces (or is added at) that place in a copy of the raw input,
 * missing objects created on the way. Anything else fails with
 * States.ResultPathMatchFailure, as the service does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"
#include "sfn/path.h"

static enum sfn_status mismatch(struct sfn_error *err, const char *path,
                                const cJSON *input)
{
	char *text = sfn_exec_json_text(input);
	enum sfn_status st;

	st = sfn_error_set(err, "States.ResultPathMatchFailure",
	                   "Unable to apply ReferencePath %s to input %s", path,
	                   text ? text : "null");
	free(text);
	return st;
}

/* The member NAME or element INDEX of NODE, created as an empty object
 * when it is a missing member of an object; NULL when it cannot be. */
static cJSON *step(cJSON *node, const char *name, long index)
{
	cJSON *next;

	if (name != NULL) {
		if (!cJSON_IsObject(node))
			return NULL;
		next = cJSON_GetObjectItemCaseSensitive(node, name);
		if (next == NULL)
			next = cJSON_AddObjectToObject(node, name);
		return next;
	}
	if (!cJSON_IsArray(node) || index < 0 ||
	    index >= cJSON_GetArraySize(node))
		return NULL;
	return cJSON_GetArrayItem(node, (int) index);
}

/* Puts VALUE (taken) at member NAME or element INDEX of NODE: replacing a
 * member in place or adding it last, or replacing an existing element. */
static int put(cJSON *node, const char *name, long index, cJSON *value)
{
	if (name != NULL && cJSON_IsObject(node)) {
		if (cJSON_GetObjectItemCaseSensitive(node, name))
			return cJSON_ReplaceItemInObjectCaseSensitive(
			        node, name, value);
		return cJSON_AddItemToObject(node, name, value);
	}
	if (name == NULL && cJSON_IsArray(node) && index >= 0 &&
	    index < cJSON_GetArraySize(node))
		return cJSON_ReplaceItemInArray(node, (int) index, value);
	return 0;
}

static enum sfn_status merge(const struct sfn_path *p, const char *text,
                             const cJSON *raw_input, cJSON *result, cJSON **out,
                             struct sfn_error *err)
{
	cJSON *doc = cJSON_Duplicate(raw_input, 1), *node = doc;
	size_t last = sfn_path_length(p) - 1;
	const char *name;
	long index;

	if (doc == NULL) {
		cJSON_Delete(result);
		return SFN_ERR_NOMEM;
	}
	for (size_t i = 0; i < last && node != NULL; i++)
		node = sfn_path_step(p, i, &name, &index)
		               ? step(node, name, index)
		               : NULL;
	if (node != NULL && !sfn_path_step(p, last, &name, &index))
		node = NULL;
	if (node == NULL || !put(node, name, index, result)) {
		cJSON_Delete(doc);
		cJSON_Delete(result);
		return mismatch(err, text, raw_input);
	}
	*out = doc;
	return SFN_OK;
}

enum sfn_status sfn_exec_result_path_take(const cJSON *field,
                                          const cJSON *raw_input, cJSON *result,
                                          cJSON **out, struct sfn_error *err)
{
	const char *text = cJSON_GetStringValue(field);
	struct sfn_diags diags;
	struct sfn_path *p = NULL;
	enum sfn_status st;

	*out = NULL;
	if (field == NULL || (text != NULL && strcmp(text, "$") == 0)) {
		*out = result;
		return SFN_OK;
	}
	if (cJSON_IsNull(field)) {
		cJSON_Delete(result);
		*out = cJSON_Duplicate(raw_input, 1);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	sfn_diags_init(&diags);
	st = text ? sfn_path_parse(text, SFN_PATH_AWS, NULL, &diags, &p)
	          : SFN_ERR_SYNTAX;
	if (st == SFN_OK && (sfn_path_root_kind(p) != SFN_PATH_ROOT_INPUT ||
	                     !sfn_path_check_reference(p, NULL, &diags)))
		st = SFN_ERR_SYNTAX;
	sfn_diags_free(&diags);
	if (st == SFN_OK)
		st = merge(p, text, raw_input, result, out, err);
	else if (st == SFN_ERR_SYNTAX) {
		cJSON_Delete(result);
		st = mismatch(err, text ? text : "null", raw_input);
	} else {
		cJSON_Delete(result);
	}
	sfn_path_free(p);
	return st;
}
