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

/* Every cJSON call below can fail for want of memory; each result goes
 * through one of these, and a tree with a piece missing is not printed. */
static cJSON *got(cJSON *item, int *ok)
{
	if (item == NULL)
		*ok = 0;
	return item;
}

/* *ITEM was given to a parent, or is deleted here when that failed (and
 * set to NULL: the cJSON calls that follow take NULL and do nothing). */
static void added(cJSON_bool done, cJSON **item, int *ok)
{
	if (!done) {
		cJSON_Delete(*item);
		*item = NULL;
		*ok = 0;
	}
}

static cJSON *text_object(const char *text, int *ok)
{
	cJSON *o = got(cJSON_CreateObject(), ok);

	got(cJSON_AddStringToObject(o, "text", text), ok);
	return o;
}

static cJSON *rule_list(int *ok)
{
	cJSON *rules = got(cJSON_CreateArray(), ok);

	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		const struct sfn_rule *r = sfn_rule_get((enum sfn_rule_id) i);
		cJSON *o = got(cJSON_CreateObject(), ok), *config, *item;

		got(cJSON_AddStringToObject(o, "id", r->code), ok);
		got(cJSON_AddStringToObject(o, "name", r->name), ok);
		item = text_object(r->summary, ok);
		added(cJSON_AddItemToObject(o, "shortDescription", item), &item,
		      ok);
		config = got(cJSON_AddObjectToObject(o, "defaultConfiguration"),
		             ok);
		got(cJSON_AddStringToObject(config, "level",
		                            level(r->severity)),
		    ok);
		added(cJSON_AddItemToArray(rules, o), &o, ok);
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
	cJSON *l = got(cJSON_CreateObject(), ok);
	cJSON *phys = got(cJSON_AddObjectToObject(l, "physicalLocation"), ok);
	cJSON *art = got(cJSON_AddObjectToObject(phys, "artifactLocation"), ok);
	char *uri = file_uri(loc->file, ok);
	cJSON *region;

	got(cJSON_AddStringToObject(art, "uri", uri ? uri : ""), ok);
	free(uri);
	if (loc->line == 0)
		return l;
	region = got(cJSON_AddObjectToObject(phys, "region"), ok);
	got(cJSON_AddNumberToObject(region, "startLine", loc->line), ok);
	got(cJSON_AddNumberToObject(region, "startColumn", loc->col), ok);
	got(cJSON_AddNumberToObject(region, "endLine", loc->end_line), ok);
	got(cJSON_AddNumberToObject(region, "endColumn", loc->end_col), ok);
	return l;
}

static cJSON *result(const struct sfn_diag *d, int *ok)
{
	cJSON *r = got(cJSON_CreateObject(), ok), *item;

	got(cJSON_AddStringToObject(r, "ruleId", sfn_rule_get(d->rule)->code),
	    ok);
	got(cJSON_AddNumberToObject(r, "ruleIndex", (double) d->rule), ok);
	got(cJSON_AddStringToObject(r, "level", level(d->severity)), ok);
	item = text_object(d->message, ok);
	added(cJSON_AddItemToObject(r, "message", item), &item, ok);
	if (d->loc.file != NULL) {
		cJSON *locs = got(cJSON_AddArrayToObject(r, "locations"), ok);

		item = location(&d->loc, ok);
		added(cJSON_AddItemToArray(locs, item), &item, ok);
	}
	if (d->pointer != NULL) {
		cJSON *props =
		        got(cJSON_AddObjectToObject(r, "properties"), ok);

		got(cJSON_AddStringToObject(props, "jsonPointer", d->pointer),
		    ok);
		if (sfn_rule_get(d->rule)->aws_code != NULL)
			got(cJSON_AddStringToObject(
			            props, "awsCode",
			            sfn_rule_get(d->rule)->aws_code),
			    ok);
	}
	return r;
}

void sfn_render_sarif(const struct sfn_diags *diags,
                      const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *driver, *results,
	      *item;
	int ok = root != NULL;

	got(cJSON_AddStringToObject(
	            root, "$schema",
	            "https://json.schemastore.org/sarif-2.1.0.json"),
	    &ok);
	got(cJSON_AddStringToObject(root, "version", "2.1.0"), &ok);
	runs = got(cJSON_AddArrayToObject(root, "runs"), &ok);
	run = got(cJSON_CreateObject(), &ok);
	added(cJSON_AddItemToArray(runs, run), &run, &ok);
	driver = got(cJSON_AddObjectToObject(
	                     got(cJSON_AddObjectToObject(run, "tool"), &ok),
	                     "driver"),
	             &ok);
	got(cJSON_AddStringToObject(driver, "name", "sfnc"), &ok);
	if (opts->tool_version != NULL)
		got(cJSON_AddStringToObject(driver, "version",
		                            opts->tool_version),
		    &ok);
	item = rule_list(&ok);
	added(cJSON_AddItemToObject(driver, "rules", item), &item, &ok);
	got(cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints"),
	    &ok);
	results = got(cJSON_AddArrayToObject(run, "results"), &ok);
	for (size_t i = 0; i < diags->count && ok; i++) {
		item = result(&diags->items[i], &ok);
		added(cJSON_AddItemToArray(results, item), &item, &ok);
	}
	if (!ok) {
		cJSON_Delete(root);
		root = NULL;
	}
	sfn_render_json_tree_take(root, out);
}
