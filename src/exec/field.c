/* Path fields compiled: absent, null, a parsed path (for ResultPath a
 * Reference Path of $), or a value that fails when the field is used.
 * Knows nothing of which state holds the field. */
#include "config.h"

#include <string.h>

#include "exec/exec_int.h"

/* Whether P may be written into: a Reference Path of the input. */
static int writable(const struct sfn_path *p, struct sfn_diags *diags)
{
	struct sfn_diags local;
	int ok;

	if (sfn_path_root_kind(p) != SFN_PATH_ROOT_INPUT)
		return 0;
	sfn_diags_init(&local);
	ok = sfn_path_check_reference(p, NULL, diags ? diags : &local);
	sfn_diags_free(&local);
	return ok;
}

enum sfn_status sfn_exec_field_compile(const cJSON *field, int reference,
                                       struct sfn_exec_store *store,
                                       struct sfn_diags *diags,
                                       struct sfn_exec_field *out)
{
	enum sfn_status st;

	memset(out, 0, sizeof(*out));
	if (field == NULL)
		return SFN_OK;
	out->kind = SFN_FIELD_BAD;
	if (cJSON_IsNull(field)) {
		out->kind = SFN_FIELD_NULL;
		return SFN_OK;
	}
	out->text = cJSON_GetStringValue(field);
	if (out->text == NULL)
		return SFN_OK;
	st = sfn_exec_store_path(store, out->text, diags, &out->path);
	if (st == SFN_ERR_SYNTAX)
		return SFN_OK;
	if (st != SFN_OK)
		return st;
	if (!reference || strcmp(out->text, "$") == 0 ||
	    writable(out->path, diags))
		out->kind = SFN_FIELD_PATH;
	else
		out->path = NULL;
	return SFN_OK;
}

/* FIELD compiled into a store of its own, which the caller frees. */
enum sfn_status Sfn_exec_field_once(const cJSON *field, int reference,
                                    struct sfn_exec_store **store,
                                    struct sfn_exec_field *out)
{
	*store = sfn_exec_store_new();
	if (*store == NULL)
		return SFN_ERR_NOMEM;
	return sfn_exec_field_compile(field, reference, *store, NULL, out);
}
