/* Diagnostics as one JSON object: {"diagnostics": [...], "errors": N,
 * "warnings": N, "notes": N}. Field names are part of sfnc's interface. */
#include "config.h"

#include "diag/render.h"
#include "sfn/jsonout.h"

void Sfn_render_json_tree_take(cJSON *tree, struct sfn_buf *out)
{
	if (tree == NULL) {
		out->status = out->status ? out->status : SFN_ERR_NOMEM;
		return;
	}
	sfn_jsonout_value(tree, SFN_JSONOUT_PRETTY, out);
	sfn_buf_addc(out, '\n');
	cJSON_Delete(tree);
}

cJSON *Sfn_render_got(cJSON *item, int *ok)
{
	if (item == NULL)
		*ok = 0;
	return item;
}

void Sfn_render_added(cJSON_bool done, cJSON **item, int *ok)
{
	if (!done) {
		cJSON_Delete(*item);
		*item = NULL;
		*ok = 0;
	}
}

static void add_number(cJSON *o, const char *name, double n, int *ok)
{
	Sfn_render_got(cJSON_AddNumberToObject(o, name, n), ok);
}

static void add_string(cJSON *o, const char *name, const char *s, int *ok)
{
	Sfn_render_got(cJSON_AddStringToObject(o, name, s), ok);
}

static void add_loc(cJSON *o, const struct sfn_loc *loc, int *ok)
{
	if (loc->file != NULL)
		add_string(o, "file", loc->file, ok);
	if (loc->line == 0)
		return;
	add_number(o, "line", loc->line, ok);
	add_number(o, "column", loc->col, ok);
	add_number(o, "endLine", loc->end_line, ok);
	add_number(o, "endColumn", loc->end_col, ok);
}

static cJSON *one(const struct sfn_diag *d, int *ok)
{
	const struct sfn_rule *rule = sfn_rule_get(d->rule);
	cJSON *o = Sfn_render_got(cJSON_CreateObject(), ok);

	if (o == NULL)
		return NULL;
	add_loc(o, &d->loc, ok);
	add_string(o, "severity", sfn_severity_name(d->severity), ok);
	add_string(o, "code", rule->code, ok);
	add_string(o, "rule", rule->name, ok);
	add_string(o, "message", d->message, ok);
	if (d->pointer != NULL)
		add_string(o, "pointer", d->pointer, ok);
	if (d->pointer != NULL && rule->aws_code != NULL)
		add_string(o, "awsCode", rule->aws_code, ok);
	if (d->where != NULL)
		add_string(o, "awsLocation", d->where, ok);
	return o;
}

void Sfn_render_json(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	cJSON *root = cJSON_CreateObject(), *item;
	int ok = root != NULL;
	cJSON *list = Sfn_render_got(
	        cJSON_AddArrayToObject(root, "diagnostics"), &ok);

	(void) opts;
	for (size_t i = 0; ok && i < diags->count; i++) {
		item = one(&diags->items[i], &ok);
		Sfn_render_added(cJSON_AddItemToArray(list, item), &item, &ok);
	}
	add_number(root, "errors", (double) diags->errors, &ok);
	add_number(root, "warnings", (double) diags->warnings, &ok);
	add_number(root, "notes", (double) diags->notes, &ok);
	if (diags->dropped > 0)
		add_number(root, "notShown", (double) diags->dropped, &ok);
	if (!ok) {
		cJSON_Delete(root);
		root = NULL;
	}
	Sfn_render_json_tree_take(root, out);
}
