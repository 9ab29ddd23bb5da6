/* The fast YAML reader against the reader over libyaml's events, on one
 * text: either the fast one gives up, or both build the same tree (node
 * types, keys in order, values, numbers to the bit) with the same value
 * and key spans at every node, and the events reader has nothing to
 * report. Shared by the unit test and the libFuzzer target. */
#ifndef SFN_TEST_YAML_SAME_H
#define SFN_TEST_YAML_SAME_H

#include <stdio.h>
#include <string.h>

#include "json/yaml.h"
#include "sfn/json.h"

enum yaml_verdict {
	YAML_GAVE_UP, /* the fast reader left the text to libyaml */
	YAML_SAME,    /* both read it alike */
	YAML_DIFFER   /* a difference, described in the message */
};

static int yaml_same_span(int got_a, const struct sfn_span *a, int got_b,
                          const struct sfn_span *b)
{
	if (got_a != got_b)
		return 0;
	return !got_a || (a->line == b->line && a->col == b->col &&
	                  a->end_line == b->end_line && a->end_col == b->end_col);
}

/* Node X of document A against node Y of document B; WHY says what
 * differed first, with the line of the fast reader's node. */
static int yaml_same_node(const struct sfn_json_doc *a, const cJSON *x,
                          const struct sfn_json_doc *b, const cJSON *y,
                          char *why, size_t size)
{
	struct sfn_span va, vb, ka, kb;
	int gva = sfn_json_value_span(a, x, &va),
	    gvb = sfn_json_value_span(b, y, &vb);
	int gka = sfn_json_key_span(a, x, &ka),
	    gkb = sfn_json_key_span(b, y, &kb);
	const char *what = NULL;

	if ((x->type & 0xff) != (y->type & 0xff))
		what = "type";
	else if ((x->string == NULL) != (y->string == NULL) ||
	         (x->string != NULL && strcmp(x->string, y->string) != 0))
		what = "key";
	else if (cJSON_IsString(x) &&
	         strcmp(x->valuestring, y->valuestring) != 0)
		what = "string";
	else if (cJSON_IsNumber(x) &&
	         (memcmp(&x->valuedouble, &y->valuedouble, sizeof(double)) !=
	                  0 ||
	          x->valueint != y->valueint))
		what = "number";
	else if (!yaml_same_span(gva, &va, gvb, &vb))
		what = "value span";
	else if (!yaml_same_span(gka, &ka, gkb, &kb))
		what = "key span";
	if (what != NULL) {
		snprintf(why, size,
		         "%s differs at the node of line %u (%u:%u-%u:%u "
		         "against %u:%u-%u:%u)",
		         what, gva ? va.line : 0, va.line, va.col, va.end_line,
		         va.end_col, vb.line, vb.col, vb.end_line, vb.end_col);
		return 0;
	}
	for (x = x->child, y = y->child; x != NULL && y != NULL;
	     x = x->next, y = y->next)
		if (!yaml_same_node(a, x, b, y, why, size))
			return 0;
	if (x != NULL || y != NULL) {
		snprintf(why, size, "a collection's length differs");
		return 0;
	}
	return 1;
}

/* Reads TEXT[0, LEN) with both readers and compares. */
static enum yaml_verdict yaml_compare(const char *text, size_t len,
                                      char *why, size_t size)
{
	struct sfn_json_doc *fast = NULL, *slow = NULL;
	struct sfn_diags d;
	enum sfn_status fst, sst;
	enum yaml_verdict v = YAML_SAME;

	why[0] = '\0';
	if (!Sfn_yaml_fast_parse(text, len, "t.yaml", &fast, &fst))
		return YAML_GAVE_UP;
	sfn_diags_init(&d);
	sst = Sfn_yaml_parse_events(text, len, "t.yaml", &d, &slow);
	if (fst != SFN_OK || sst != SFN_OK) {
		snprintf(why, size, "statuses %d (fast) and %d (libyaml)",
		         (int) fst, (int) sst);
		v = YAML_DIFFER;
	} else if (d.count != 0) {
		snprintf(why, size, "libyaml reports: %s", d.items[0].message);
		v = YAML_DIFFER;
	} else if (!yaml_same_node(fast, sfn_json_root(fast), slow,
	                           sfn_json_root(slow), why, size)) {
		v = YAML_DIFFER;
	}
	sfn_json_doc_free(fast);
	sfn_json_doc_free(slow);
	sfn_diags_free(&d);
	return v;
}

#endif
