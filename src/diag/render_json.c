/* Diagnostics as one JSON object: {"diagnostics": [...], "errors": N,
 * "warnings": N, "notes": N}. Field names are part of sfnc's interface. */
#include "config.h"

#include "diag/render.h"
#include "sfn/jsonout.h"

void sfn_render_json_tree_take(cJSON *tree, struct sfn_buf *out)
{
	if (tree == NULL) {
		out->status = out->status ? out->status : SFN_ERR_NOMEM;
		return;
	}
	sfn_jsonout_value(tree, SFN_JSONOUT_PRETTY, out);
	sfn_buf_addc(out, '\n');
	cJSON_Delete(tree);
}

static void add_loc(cJSON *o, const struct sfn_loc *loc)
{
	if (loc->file != NULL)
		cJSON_AddStringToObject(o, "file", loc->file);
	if (loc->line == 0)
		return;
	cJSON_AddNumberToObject(o, "line", loc->line);
	cJSON_AddNumberToObject(o, "column", loc->col);
	cJSON_AddNumberToObject(o, "endLine", loc->end_line);
	cJSON_AddNumberToObject(o, "endColumn", loc->end_col);
}

static cJSON *one(const struct sfn_diag *d)
{
	const struct sfn_rule *rule = sfn_rule_get(d->rule);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	add_loc(o, &d->loc);
	cJSON_AddStringToObject(o, "severity", sfn_severity_name(d->severity));
	cJSON_AddStringToObject(o, "code", rule->code);
	cJSON_AddStringToObject(o, "rule", rule->name);
	cJSON_AddStringToObject(o, "message", d->message);
	if (d->pointer != NULL)
		cJSON_AddStringToObject(o, "pointer", d->pointer);
	if (d->pointer != NULL && rule->aws_code != NULL)
		cJSON_AddStringToObject(o, "awsCode", rule->aws_code);
	if (d->where != NULL)
		cJSON_AddStringToObject(o, "awsLocation", d->where);
	return o;
}

void sfn_render_json(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(root, "diagnostics");

	(void) opts;
	for (size_t i = 0; list != NULL && i < diags->count; i++)
		cJSON_AddItemToArray(list, one(&diags->items[i]));
	cJSON_AddNumberToObject(root, "errors", (double) diags->errors);
	cJSON_AddNumberToObject(root, "warnings", (double) diags->warnings);
	cJSON_AddNumberToObject(root, "notes", (double) diags->notes);
	if (diags->dropped > 0)
		cJSON_AddNumberToObject(root, "notShown",
		                        (double) diags->dropped);
	sfn_render_json_tree_take(root, out);
}
