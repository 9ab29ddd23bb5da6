/* ResultPath: where a state's result goes in its output. Absent or "$":
 * the result is the output; null: the raw input is; a Reference Path: the
 * result replaces (or is added at) that place in a copy of the raw input,
 * missing objects created on the way. Anything else fails with
 * States.ResultPathMatchFailure, as the service does. The text form
 * compiles the field, then runs the compiled form. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"
#include "sfn/path.h"

static enum sfn_status mismatch(struct sfn_error *err, const char *path,
                                const cJSON *input)
{
	char *text = Sfn_exec_json_text(input);
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

enum sfn_status sfn_exec_result_field_take(const struct sfn_exec_field *f,
                                           const cJSON *raw_input,
                                           cJSON *result, cJSON **out,
                                           struct sfn_error *err)
{
	*out = NULL;
	if (f->kind == SFN_FIELD_ABSENT ||
	    (f->kind == SFN_FIELD_PATH && strcmp(f->text, "$") == 0)) {
		*out = result;
		return SFN_OK;
	}
	if (f->kind == SFN_FIELD_NULL) {
		cJSON_Delete(result);
		*out = cJSON_Duplicate(raw_input, 1);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	/* a field compiled without REFERENCE may hold any path */
	if (f->kind == SFN_FIELD_PATH &&
	    sfn_path_root_kind(f->path) == SFN_PATH_ROOT_INPUT)
		return merge(f->path, f->text, raw_input, result, out, err);
	cJSON_Delete(result);
	return mismatch(err, f->text ? f->text : "null", raw_input);
}

enum sfn_status sfn_exec_result_path_take(const cJSON *field,
                                          const cJSON *raw_input, cJSON *result,
                                          cJSON **out, struct sfn_error *err)
{
	struct sfn_exec_store *store;
	struct sfn_exec_field f;
	enum sfn_status st = Sfn_exec_field_once(field, 1, &store, &f);

	*out = NULL;
	if (st == SFN_OK)
		st = sfn_exec_result_field_take(&f, raw_input, result, out,
		                                err);
	else
		cJSON_Delete(result);
	sfn_exec_store_free(store);
	return st;
}
