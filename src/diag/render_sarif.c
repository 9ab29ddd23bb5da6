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

static cJSON *text_object(const char *text)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", text);
	return o;
}

static cJSON *rule_list(void)
{
	cJSON *rules = cJSON_CreateArray();

	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		const struct sfn_rule *r = sfn_rule_get((enum sfn_rule_id) i);
		cJSON *o = cJSON_CreateObject(), *config;

		cJSON_AddStringToObject(o, "id", r->code);
		cJSON_AddStringToObject(o, "name", r->name);
		cJSON_AddItemToObject(o, "shortDescription",
		                      text_object(r->summary));
		config = cJSON_AddObjectToObject(o, "defaultConfiguration");
		cJSON_AddStringToObject(config, "level", level(r->severity));
		cJSON_AddItemToArray(rules, o);
	}
	return rules;
}

/* A relative URI reference for a file name: unreserved characters and '/'
 * stay, everything else is percent-encoded. */
static char *file_uri(const char *name)
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
	return sfn_buf_take(&buf);
}

static cJSON *location(const struct sfn_loc *loc)
{
	cJSON *l = cJSON_CreateObject();
	cJSON *phys = cJSON_AddObjectToObject(l, "physicalLocation");
	cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");
	char *uri = file_uri(loc->file);
	cJSON *region;

	cJSON_AddStringToObject(art, "uri", uri ? uri : "");
	free(uri);
	if (loc->line == 0)
		return l;
	region = cJSON_AddObjectToObject(phys, "region");
	cJSON_AddNumberToObject(region, "startLine", loc->line);
	cJSON_AddNumberToObject(region, "startColumn", loc->col);
	cJSON_AddNumberToObject(region, "endLine", loc->end_line);
	cJSON_AddNumberToObject(region, "endColumn", loc->end_col);
	return l;
}

static cJSON *result(const struct sfn_diag *d)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "ruleId", sfn_rule_get(d->rule)->code);
	cJSON_AddNumberToObject(r, "ruleIndex", (double) d->rule);
	cJSON_AddStringToObject(r, "level", level(d->severity));
	cJSON_AddItemToObject(r, "message", text_object(d->message));
	if (d->loc.file != NULL) {
		cJSON *locs = cJSON_AddArrayToObject(r, "locations");

		cJSON_AddItemToArray(locs, location(&d->loc));
	}
	if (d->pointer != NULL) {
		cJSON *props = cJSON_AddObjectToObject(r, "properties");

		cJSON_AddStringToObject(props, "jsonPointer", d->pointer);
		if (sfn_rule_get(d->rule)->aws_code != NULL)
			cJSON_AddStringToObject(
			        props, "awsCode",
			        sfn_rule_get(d->rule)->aws_code);
		if (d->where != NULL)
			cJSON_AddStringToObject(props, "awsLocation", d->where);
	}
	return r;
}

void sfn_render_sarif(const struct sfn_diags *diags,
                      const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *driver, *results;

	cJSON_AddStringToObject(
	        root, "$schema",
	        "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(root, "runs");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"),
	                                 "driver");
	cJSON_AddStringToObject(driver, "name", "sfnc");
	if (opts->tool_version != NULL)
		cJSON_AddStringToObject(driver, "version", opts->tool_version);
	cJSON_AddItemToObject(driver, "rules", rule_list());
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < diags->count; i++)
		cJSON_AddItemToArray(results, result(&diags->items[i]));
	sfn_render_json_tree_take(root, out);
}
