/* InputPath and OutputPath: absent keeps the whole input, null gives an
 * empty object, a path selects (an indefinite one gathers an array). A
 * definite path that selects nothing fails the execution with
 * States.Runtime, worded as the service words it. */
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

enum sfn_status sfn_exec_select(const cJSON *field,
                                const struct sfn_exec_data *data, cJSON **out,
                                struct sfn_error *err)
{
	const char *path;
	char *canonical = NULL;
	enum sfn_status st;

	*out = NULL;
	if (field == NULL) {
		*out = cJSON_Duplicate(data->input, 1);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (cJSON_IsNull(field)) {
		*out = cJSON_CreateObject();
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	path = cJSON_GetStringValue(field);
	if (path == NULL)
		return sfn_error_set(err, "States.Runtime",
		                     "a path field "
		                     "holds no string");
	if ((data->input == NULL || cJSON_IsNull(data->input)) &&
	    path[0] == '$' && (path[1] == '.' || path[1] == '['))
		return sfn_error_set(err, "States.Runtime",
		                     "Unable to apply Path transformation to "
		                     "null or empty input.");
	st = sfn_exec_lookup(path, data, out, &canonical);
	if (st == SFN_ERR_SYNTAX)
		return sfn_error_set(err, "States.Runtime", "Invalid path '%s'",
		                     path);
	if (st == SFN_OK && *out == NULL)
		st = not_found(err, path, canonical);
	free(canonical);
	return st;
}
