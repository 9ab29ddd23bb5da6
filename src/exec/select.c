/* InputPath and OutputPath: absent keeps the whole input, null gives an
 * empty object, a path selects (an indefinite one gathers an array). A
 * definite path that selects nothing fails the execution with
 * States.Runtime, worded as the service words it. The text form compiles
 * the field, then runs the compiled form. */
#include "config.h"

#include <stdlib.h>

#include "exec/exec_int.h"

static enum sfn_status not_found(struct sfn_error *err, const char *path,
                                 const char *canonical)
{
	return sfn_error_set(err, "States.Runtime",
	                     "Invalid path '%s' : No results for path: %s",
	                     path, canonical ? canonical : path);
}

enum sfn_status sfn_exec_select_field(const struct sfn_exec_field *f,
                                      const struct sfn_exec_data *data,
                                      cJSON **out, struct sfn_error *err)
{
	const char *path = f->text;
	char *canonical = NULL;
	enum sfn_status st;

	*out = NULL;
	if (f->kind == SFN_FIELD_ABSENT) {
		*out = cJSON_Duplicate(data->input, 1);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (f->kind == SFN_FIELD_NULL) {
		*out = cJSON_CreateObject();
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (path == NULL)
		return sfn_error_set(err, "States.Runtime",
		                     "a path field "
		                     "holds no string");
	if ((data->input == NULL || cJSON_IsNull(data->input)) &&
	    path[0] == '$' && (path[1] == '.' || path[1] == '['))
		return sfn_error_set(err, "States.Runtime",
		                     "Unable to apply Path transformation to "
		                     "null or empty input.");
	if (f->kind == SFN_FIELD_BAD)
		return sfn_error_set(err, "States.Runtime", "Invalid path '%s'",
		                     path);
	st = sfn_exec_lookup_path(f->path, data, out, &canonical);
	if (st == SFN_OK && *out == NULL)
		st = not_found(err, path, canonical);
	free(canonical);
	return st;
}

enum sfn_status sfn_exec_select(const cJSON *field,
                                const struct sfn_exec_data *data, cJSON **out,
                                struct sfn_error *err)
{
	struct sfn_exec_store *store;
	struct sfn_exec_field f;
	enum sfn_status st = Sfn_exec_field_once(field, 0, &store, &f);

	*out = NULL;
	if (st == SFN_OK)
		st = sfn_exec_select_field(&f, data, out, err);
	sfn_exec_store_free(store);
	return st;
}
