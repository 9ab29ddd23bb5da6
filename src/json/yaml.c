/* The YAML reader: libyaml's events into the same located cJSON form the
 * JSON reader builds. Mappings become objects, sequences arrays, plain
 * scalars are typed by the YAML 1.2 core schema (quoted ones are
 * strings), aliases copy their anchor's node, and CloudFormation's short
 * tags (!Ref, !Sub, !GetAtt, ...) become their long forms. Aliases copy
 * at most SFN_YAML_MAX_ALIAS_NODES nodes in all and never nest deeper
 * than SFN_JSON_MAX_DEPTH, so a small file cannot expand without bound. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/doc.h"
#include "json/yaml.h"
#include "json/yaml_api.h"
#include "sfn/utf8.h"

struct yreader {
	yaml_parser_t parser;
	yaml_event_t event; /* the current event */
	struct sfn_json_doc *doc;
	struct sfn_diags *diags;
	struct sfn_strmap anchors; /* name -> node */
	char **names;              /* anchor names, owned */
	size_t nnames;
	size_t names_cap;   /* allocated */
	size_t alias_nodes; /* nodes copied by aliases so far */
	enum sfn_status status;
};

static struct sfn_span span_of(yaml_mark_t start, yaml_mark_t end)
{
	struct sfn_span s = { (unsigned) start.line + 1,
		              (unsigned) start.column + 1,
		              (unsigned) end.line + 1,
		              (unsigned) end.column + 1 };

	return s;
}

static void fail_at(struct yreader *y, yaml_mark_t at, enum sfn_rule_id rule,
                    enum sfn_status status, const char *message)
{
	struct sfn_loc loc = { y->doc->file, (unsigned) at.line + 1,
		               (unsigned) at.column + 1, (unsigned) at.line + 1,
		               (unsigned) at.column + 2 };

	if (y->status == SFN_OK)
		sfn_diag_add(y->diags, rule, &loc, NULL, "%s", message);
	if (y->status == SFN_OK)
		y->status = status;
}

static int next(struct yreader *y)
{
	yaml_event_delete(&y->event);
	if (!yaml_parser_parse(&y->parser, &y->event)) {
		char msg[300];

		snprintf(msg, sizeof(msg), "%s%s%s",
		         y->parser.problem ? y->parser.problem : "invalid YAML",
		         y->parser.context ? " " : "",
		         y->parser.context ? y->parser.context : "");
		fail_at(y, y->parser.problem_mark, SFN_RULE_YAML_SYNTAX,
		        SFN_ERR_SYNTAX, msg);
		memset(&y->event, 0, sizeof(y->event));
		return 0;
	}
	return 1;
}

/* ---- scalars ------------------------------------------------------------ */

/* A plain scalar typed by the YAML 1.2 core schema. */
static cJSON *plain(const char *s)
{
	double num = 0;

	switch (Sfn_yaml_core_type(s, &num)) {
	case cJSON_NULL:
		return cJSON_CreateNull();
	case cJSON_True:
		return cJSON_CreateTrue();
	case cJSON_False:
		return cJSON_CreateFalse();
	case cJSON_Number:
		return cJSON_CreateNumber(num);
	default:
		return cJSON_CreateString(s);
	}
}

static cJSON *scalar(const yaml_event_t *e)
{
	const char *value = (const char *) e->data.scalar.value;

	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    e->data.scalar.tag != NULL)
		return cJSON_CreateString(value);
	return plain(value);
}

/* ---- tags ---------------------------------------------------------------- */

/* !GetAtt Resource.Attribute is ["Resource", "Attribute"]. */
static cJSON *get_att(cJSON *v)
{
	const char *s = cJSON_GetStringValue(v), *dot;
	char *first;
	cJSON *a;

	if (s == NULL || (dot = strchr(s, '.')) == NULL)
		return v;
	first = strndup(s, (size_t) (dot - s));
	a = first ? cJSON_CreateStringArray((const char *[]){ first, dot + 1 },
	                                    2)
	          : NULL;
	free(first);
	cJSON_Delete(v);
	return a;
}

/* A CloudFormation short tag (!Ref, !Sub, ...) as its long form. */
static cJSON *tagged(const char *tag, cJSON *v)
{
	char name[64];
	cJSON *o;

	if (tag == NULL || tag[0] != '!' || tag[1] == '!' || v == NULL)
		return v;
	tag++;
	if (strcmp(tag, "Ref") == 0 || strcmp(tag, "Condition") == 0)
		snprintf(name, sizeof(name), "%s", tag);
	else
		snprintf(name, sizeof(name), "Fn::%s", tag);
	if (strcmp(tag, "GetAtt") == 0)
		v = get_att(v);
	o = cJSON_CreateObject();
	if (o == NULL || !cJSON_AddItemToObject(o, name, v)) {
		cJSON_Delete(v);
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- nodes --------------------------------------------------------------- */

static cJSON *node(struct yreader *y, unsigned depth,
                   const struct sfn_span *key);

static void locate(struct yreader *y, const cJSON *v, yaml_mark_t start,
                   yaml_mark_t end, const struct sfn_span *key)
{
	struct sfn_span span = span_of(start, end);

	if (Sfn_locmap_put(&y->doc->locs, v, &span, key) != SFN_OK)
		y->status = SFN_ERR_NOMEM;
}

/* Keeps V under the anchor NAME (a later anchor of the same name wins). */
static void anchor(struct yreader *y, const char *name, cJSON *v)
{
	if (name == NULL || v == NULL)
		return;
	if (sfn_vec_reserve(&y->names, &y->names_cap, y->nnames + 1,
	                    sizeof(*y->names), SFN_VEC_UNCAPPED) != SFN_OK) {
		y->status = SFN_ERR_NOMEM;
		return;
	}
	y->names[y->nnames] = strdup(name);
	if (y->names[y->nnames] == NULL) {
		y->status = SFN_ERR_NOMEM;
		return;
	}
	if (sfn_strmap_set(&y->anchors, y->names[y->nnames++], v) != SFN_OK)
		y->status = SFN_ERR_NOMEM;
}

/* The nodes of V, counting no further than past LEFT, and in *HEIGHT how
 * many levels of arrays and objects it holds. V was built by this reader,
 * so the recursion is no deeper than SFN_JSON_MAX_DEPTH. */
static size_t measure(const cJSON *v, size_t left, unsigned *height)
{
	size_t n = 1;
	unsigned h;

	*height = 0;
	if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
		return 1;
	for (const cJSON *c = v->child; c != NULL && n <= left; c = c->next) {
		n += measure(c, left - n, &h);
		if (h > *height)
			*height = h;
	}
	*height += 1;
	return n;
}

/* Whether a copy of TARGET at DEPTH keeps within the limits, counting it
 * toward the alias budget. */
static int alias_fits(struct yreader *y, const cJSON *target, unsigned depth)
{
	size_t left = SFN_YAML_MAX_ALIAS_NODES - y->alias_nodes;
	unsigned height;
	char msg[160];

	y->alias_nodes += measure(target, left, &height);
	if (y->alias_nodes > SFN_YAML_MAX_ALIAS_NODES)
		snprintf(msg, sizeof(msg),
		         "aliases copy more than %d nodes in all "
		         "(SFN_YAML_MAX_ALIAS_NODES)",
		         SFN_YAML_MAX_ALIAS_NODES);
	else if (depth + height > SFN_JSON_MAX_DEPTH)
		snprintf(msg, sizeof(msg),
		         "this alias nests mappings and sequences deeper than "
		         "%d levels",
		         SFN_JSON_MAX_DEPTH);
	else
		return 1;
	fail_at(y, y->event.start_mark, SFN_RULE_JSON_LIMIT, SFN_ERR_LIMIT,
	        msg);
	return 0;
}

static cJSON *alias(struct yreader *y, unsigned depth,
                    const struct sfn_span *key)
{
	const char *name = (const char *) y->event.data.alias.anchor;
	cJSON *target = sfn_strmap_get(&y->anchors, name), *v;

	if (target == NULL) {
		fail_at(y, y->event.start_mark, SFN_RULE_YAML_SYNTAX,
		        SFN_ERR_SYNTAX, "alias names no anchor before it");
		return NULL;
	}
	if (!alias_fits(y, target, depth))
		return NULL;
	v = cJSON_Duplicate(target, 1);
	if (v != NULL && v->string != NULL) {
		free(v->string);
		v->string = NULL;
	}
	if (v != NULL)
		locate(y, v, y->event.start_mark, y->event.end_mark, key);
	return v;
}

/* Adds the member KEY: VALUE (the value being the current event). SEEN
 * maps the keys of O so far, making the duplicate check constant time. */
static int member(struct yreader *y, cJSON *o, unsigned depth,
                  struct sfn_strmap *seen)
{
	void *first = NULL;
	struct sfn_span key_span;
	char *key;
	cJSON *v;

	if (y->event.type != YAML_SCALAR_EVENT) {
		fail_at(y, y->event.start_mark, SFN_RULE_YAML_SYNTAX,
		        SFN_ERR_SYNTAX, "a mapping key must be a scalar");
		return 0;
	}
	key_span = span_of(y->event.start_mark, y->event.end_mark);
	key = strdup((const char *) y->event.data.scalar.value);
	if (key == NULL || !next(y) ||
	    (v = node(y, depth, &key_span)) == NULL) {
		free(key);
		return 0;
	}
	v->string = key; /* V owns KEY from here on; SEEN borrows it */
	cJSON_AddItemToArray(o, v);
	if (sfn_strmap_put(seen, key, v, &first) != SFN_OK) {
		y->status = SFN_ERR_NOMEM;
		return 0;
	}
	if (first != NULL) {
		struct sfn_loc loc = { y->doc->file, key_span.line,
			               key_span.col, key_span.end_line,
			               key_span.end_col };

		sfn_diag_add(y->diags, SFN_RULE_JSON_DUPLICATE_KEY, &loc, NULL,
		             "duplicate key \"%.*s\"", sfn_utf8_fit(key, 200),
		             key);
	}
	return 1;
}

/* The messages name the limit. */
_Static_assert(SFN_JSON_MAX_DEPTH == 1000, "update the message");

/* A mapping or a sequence: its items up to the end event. */
static cJSON *collection(struct yreader *y, unsigned depth, int is_map)
{
	yaml_event_type_t end =
	        is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	cJSON *c = is_map ? cJSON_CreateObject() : cJSON_CreateArray(), *item;
	struct sfn_strmap seen; /* a mapping's keys */

	sfn_strmap_init(&seen);
	if (depth >= SFN_JSON_MAX_DEPTH) {
		fail_at(y, y->event.start_mark, SFN_RULE_JSON_LIMIT,
		        SFN_ERR_LIMIT,
		        "mappings and sequences nest deeper than 1000 levels");
		cJSON_Delete(c);
		return NULL;
	}
	if (c == NULL || !next(y))
		goto fail;
	while (y->event.type != end) {
		if (is_map && !member(y, c, depth + 1, &seen))
			goto fail;
		if (!is_map) {
			item = node(y, depth + 1, NULL);
			if (item == NULL)
				goto fail;
			cJSON_AddItemToArray(c, item);
		}
		if (!next(y))
			goto fail;
	}
	sfn_strmap_free(&seen);
	return c;
fail:
	if (y->status == SFN_OK)
		y->status = SFN_ERR_NOMEM;
	sfn_strmap_free(&seen);
	cJSON_Delete(c);
	return NULL;
}

/* A node starting at the current event; KEY is its key's span when it is
 * a mapping value. On return the current event is its last one. */
static cJSON *node(struct yreader *y, unsigned depth,
                   const struct sfn_span *key)
{
	yaml_event_t *e = &y->event;
	yaml_mark_t start = e->start_mark;
	char *tag = NULL, *name = NULL;
	const yaml_char_t *t = NULL, *a = NULL;
	cJSON *v;

	if (e->type == YAML_ALIAS_EVENT)
		return alias(y, depth, key);
	if (e->type == YAML_SCALAR_EVENT) {
		t = e->data.scalar.tag;
		a = e->data.scalar.anchor;
	} else if (e->type == YAML_SEQUENCE_START_EVENT) {
		t = e->data.sequence_start.tag;
		a = e->data.sequence_start.anchor;
	} else if (e->type == YAML_MAPPING_START_EVENT) {
		t = e->data.mapping_start.tag;
		a = e->data.mapping_start.anchor;
	}
	tag = t ? strdup((const char *) t) : NULL;
	name = a ? strdup((const char *) a) : NULL;
	if ((t != NULL && tag == NULL) || (a != NULL && name == NULL)) {
		free(tag);
		free(name);
		return NULL; /* the caller takes it for want of memory */
	}
	if (e->type == YAML_SCALAR_EVENT)
		v = scalar(e);
	else
		v = collection(y, depth, e->type == YAML_MAPPING_START_EVENT);
	if (v != NULL && tag != NULL) {
		/* the tagged value keeps a location of its own */
		locate(y, v, start, y->event.end_mark, NULL);
		v = tagged(tag, v);
	}
	if (v != NULL)
		anchor(y, name, v);
	if (v != NULL)
		locate(y, v, start, y->event.end_mark, key);
	free(tag);
	free(name);
	return v;
}

static cJSON *document(struct yreader *y)
{
	cJSON *root = NULL;

	while (next(y) && y->event.type != YAML_DOCUMENT_START_EVENT &&
	       y->event.type != YAML_STREAM_END_EVENT)
		;
	if (y->status != SFN_OK)
		return NULL;
	if (y->event.type == YAML_STREAM_END_EVENT) {
		fail_at(y, y->event.start_mark, SFN_RULE_YAML_SYNTAX,
		        SFN_ERR_SYNTAX, "the input holds no YAML document");
		return NULL;
	}
	if (!next(y) || (root = node(y, 0, NULL)) == NULL)
		return NULL;
	if (!next(y) || !next(y) || y->event.type != YAML_STREAM_END_EVENT) {
		if (y->status == SFN_OK)
			fail_at(y, y->event.start_mark, SFN_RULE_YAML_SYNTAX,
			        SFN_ERR_SYNTAX,
			        "only one YAML document per file is read");
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

enum sfn_status Sfn_yaml_parse_events(const char *text, size_t len,
                                      const char *file, struct sfn_diags *diags,
                                      struct sfn_json_doc **out)
{
	struct yreader y;
	const char *why;

	*out = NULL;
	memset(&y, 0, sizeof(y));
	y.diags = diags;
	y.doc = Sfn_json_doc_new(file);
	if (y.doc != NULL && Sfn_yaml_load(&why) != SFN_OK) {
		fail_at(&y, y.event.start_mark, SFN_RULE_IO_ERROR, SFN_ERR_IO,
		        why);
		sfn_json_doc_free(y.doc);
		return SFN_ERR_IO;
	}
	if (y.doc == NULL || !yaml_parser_initialize(&y.parser)) {
		sfn_json_doc_free(y.doc);
		return SFN_ERR_NOMEM;
	}
	sfn_strmap_init(&y.anchors);
	yaml_parser_set_input_string(&y.parser, (const unsigned char *) text,
	                             len);
	y.doc->root = document(&y);
	yaml_event_delete(&y.event);
	yaml_parser_delete(&y.parser);
	sfn_strmap_free(&y.anchors);
	for (size_t i = 0; i < y.nnames; i++)
		free(y.names[i]);
	free(y.names);
	if (y.doc->root == NULL || y.status != SFN_OK) {
		sfn_json_doc_free(y.doc);
		return y.status != SFN_OK ? y.status : SFN_ERR_NOMEM;
	}
	*out = y.doc;
	return SFN_OK;
}

/* The fast reader first: it reads most templates at a fifth of the cost
 * and gives up on the rest, which libyaml's events then read as before
 * (with every error and its message). */
enum sfn_status sfn_yaml_parse(const char *text, size_t len, const char *file,
                               struct sfn_diags *diags,
                               struct sfn_json_doc **out)
{
	enum sfn_status status;

	if (Sfn_yaml_fast_parse(text, len, file, out, &status))
		return status;
	return Sfn_yaml_parse_events(text, len, file, diags, out);
}

enum sfn_status Sfn_yaml_parse_each(const char *text, size_t len,
                                    const char *file, struct sfn_diags *diags,
                                    const struct sfn_json_each *each,
                                    struct sfn_json_doc **out)
{
	enum sfn_status status;

	if (Sfn_yaml_fast_each(text, len, file, each, out, &status))
		return status;
	if (each->dropped != NULL)
		each->dropped(each->ctx);
	return Sfn_yaml_parse_events(text, len, file, diags, out);
}
