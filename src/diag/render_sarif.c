/* SARIF 2.1.0: one run whose driver lists every rule of the registry;
 * results carry physical locations with regions (columns in Unicode code
 * points) and the JSON pointer as a property. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diag/render.h"

static const char *level(enum sfn_severity severity)
{
	switch (severity) {
	case SFN_SEV_ERROR:
		return "error";
	case SFN_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static cJSON *text_object(const char *text, int *ok)
{
	cJSON *o = Sfn_render_got(cJSON_CreateObject(), ok);

	Sfn_render_got(cJSON_AddStringToObject(o, "text", text), ok);
	return o;
}

static cJSON *rule_list(int *ok)
{
	cJSON *rules = Sfn_render_got(cJSON_CreateArray(), ok);

	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		const struct sfn_rule *r = sfn_rule_get((enum sfn_rule_id) i);
		cJSON *o = Sfn_render_got(cJSON_CreateObject(), ok), *config,
		      *item;

		Sfn_render_got(cJSON_AddStringToObject(o, "id", r->code), ok);
		Sfn_render_got(cJSON_AddStringToObject(o, "name", r->name), ok);
		item = text_object(r->summary, ok);
		Sfn_render_added(
		        cJSON_AddItemToObject(o, "shortDescription", item),
		        &item, ok);
		config = Sfn_render_got(
		        cJSON_AddObjectToObject(o, "defaultConfiguration"), ok);
		Sfn_render_got(cJSON_AddStringToObject(config, "level",
		                                       level(r->severity)),
		               ok);
		Sfn_render_added(cJSON_AddItemToArray(rules, o), &o, ok);
	}
	return rules;
}

/* A relative URI reference for a file name: unreserved characters and '/'
 * stay, everything else is percent-encoded. */
static char *file_uri(const char *name, int *ok)
{
	static const char keep[] = "-._~/";
	struct sfn_buf buf;

	sfn_buf_init(&buf, 64 * 1024);
	for (const unsigned char *p = (const unsigned char *) name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			sfn_buf_addc(&buf, (char) *p);
		else
			sfn_buf_printf(&buf, "%%%02X", *p);
	}
	if (buf.status != SFN_OK)
		*ok = 0;
	return sfn_buf_take(&buf);
}

static cJSON *location(const struct sfn_loc *loc, int *ok)
{
	cJSON *l = Sfn_render_got(cJSON_CreateObject(), ok);
	cJSON *phys = Sfn_render_got(
	        cJSON_AddObjectToObject(l, "physicalLocation"), ok);
	cJSON *art = Sfn_render_got(
	        cJSON_AddObjectToObject(phys, "artifactLocation"), ok);
	char *uri = file_uri(loc->file, ok);
	cJSON *region;

	Sfn_render_got(cJSON_AddStringToObject(art, "uri", uri ? uri : ""), ok);
	free(uri);
	if (loc->line == 0)
		return l;
	region = Sfn_render_got(cJSON_AddObjectToObject(phys, "region"), ok);
	Sfn_render_got(cJSON_AddNumberToObject(region, "startLine", loc->line),
	               ok);
	Sfn_render_got(cJSON_AddNumberToObject(region, "startColumn", loc->col),
	               ok);
	Sfn_render_got(
	        cJSON_AddNumberToObject(region, "endLine", loc->end_line), ok);
	Sfn_render_got(
	        cJSON_AddNumberToObject(region, "endColumn", loc->end_col), ok);
	return l;
}

static cJSON *result(const struct sfn_diag *d, int *ok)
{
	cJSON *r = Sfn_render_got(cJSON_CreateObject(), ok), *item;

	Sfn_render_got(cJSON_AddStringToObject(r, "ruleId",
	                                       sfn_rule_get(d->rule)->code),
	               ok);
	Sfn_render_got(
	        cJSON_AddNumberToObject(r, "ruleIndex", (double) d->rule), ok);
	Sfn_render_got(cJSON_AddStringToObject(r, "level", level(d->severity)),
	               ok);
	item = text_object(d->message, ok);
	Sfn_render_added(cJSON_AddItemToObject(r, "message", item), &item, ok);
	if (d->loc.file != NULL) {
		cJSON *locs = Sfn_render_got(
		        cJSON_AddArrayToObject(r, "locations"), ok);

		item = location(&d->loc, ok);
		Sfn_render_added(cJSON_AddItemToArray(locs, item), &item, ok);
	}
	if (d->pointer != NULL) {
		cJSON *props = Sfn_render_got(
		        cJSON_AddObjectToObject(r, "properties"), ok);

		Sfn_render_got(cJSON_AddStringToObject(props, "jsonPointer",
		                                       d->pointer),
		               ok);
		if (sfn_rule_get(d->rule)->aws_code != NULL)
			Sfn_render_got(cJSON_AddStringToObject(
			                       props, "awsCode",
			                       sfn_rule_get(d->rule)->aws_code),
			               ok);
		if (d->where != NULL)
			Sfn_render_got(cJSON_AddStringToObject(
			                       props, "awsLocation", d->where),
			               ok);
	}
	return r;
}

void Sfn_render_sarif(const struct sfn_diags *diags,
                      const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *driver, *results,
	      *item;
	int ok = root != NULL;

	Sfn_render_got(cJSON_AddStringToObject(
	                       root, "$schema",
	                       "https://json.schemastore.org/sarif-2.1.0.json"),
	               &ok);
	Sfn_render_got(cJSON_AddStringToObject(root, "version", "2.1.0"), &ok);
	runs = Sfn_render_got(cJSON_AddArrayToObject(root, "runs"), &ok);
	run = Sfn_render_got(cJSON_CreateObject(), &ok);
	Sfn_render_added(cJSON_AddItemToArray(runs, run), &run, &ok);
	driver = Sfn_render_got(
	        cJSON_AddObjectToObject(
	                Sfn_render_got(cJSON_AddObjectToObject(run, "tool"),
	                               &ok),
	                "driver"),
	        &ok);
	Sfn_render_got(cJSON_AddStringToObject(driver, "name", "sfnc"), &ok);
	if (opts->tool_version != NULL)
		Sfn_render_got(cJSON_AddStringToObject(driver, "version",
		                                       opts->tool_version),
		               &ok);
	item = rule_list(&ok);
	Sfn_render_added(cJSON_AddItemToObject(driver, "rules", item), &item,
	                 &ok);
	Sfn_render_got(
	        cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints"),
	        &ok);
	results = Sfn_render_got(cJSON_AddArrayToObject(run, "results"), &ok);
	for (size_t i = 0; i < diags->count && ok; i++) {
		item = result(&diags->items[i], &ok);
		Sfn_render_added(cJSON_AddItemToArray(results, item), &item,
		                 &ok);
	}
	if (!ok) {
		cJSON_Delete(root);
		root = NULL;
	}
	Sfn_render_json_tree_take(root, out);
}
