/* The reader that hands out the top-level States one member at a time
 * (Sfn_json_parse_each): every member reaches the callback whole, only a
 * childless copy of each stays, so that what the document keeps grows
 * with the number of states and not with their size; and what it does
 * not hand out. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "json/doc.h"
#include "json/each.h"
#include "test.h"

#define FIELDS 40 /* members of each generated state */

struct seen {
	size_t members;  /* callbacks */
	size_t children; /* children of the members handed out */
	size_t kept_ok;  /* KEPT was a childless copy of MEMBER */
	size_t before;   /* top-level members before States, at each call */
	size_t scratch;  /* most scratch bytes in use at a call */
};

static void on_member(void *ctx, const struct sfn_json_doc *doc,
                      const cJSON *root, const cJSON *member, const cJSON *kept)
{
	struct seen *s = ctx;
	struct sfn_span a, b;

	s->members++;
	for (const cJSON *c = member->child; c != NULL; c = c->next)
		s->children++;
	s->kept_ok += kept != member && kept->child == NULL &&
	              kept->type == member->type &&
	              kept->string == member->string &&
	              sfn_json_key_span(doc, kept, &a) &&
	              sfn_json_key_span(doc, member, &b) && a.line == b.line &&
	              a.col == b.col;
	s->before = (size_t) cJSON_GetArraySize(root);
	if (doc->parts->scratch.total > s->scratch)
		s->scratch = doc->parts->scratch.total;
}

/* A definition of N states of FIELDS members each, as text. */
static char *machine(size_t n, size_t *len)
{
	struct sfn_buf b;

	sfn_buf_init(&b, (size_t) 1 << 30);
	sfn_buf_adds(&b, "{\"Comment\": \"c\", \"StartAt\": \"S0\", "
	                 "\"States\": {");
	for (size_t i = 0; i < n; i++) {
		sfn_buf_printf(&b, "%s\n\"S%zu\": {", i ? "," : "", i);
		for (size_t k = 0; k < FIELDS; k++)
			sfn_buf_printf(&b, "%s\"f%zu\": [%zu, \"v\"]",
			               k ? ", " : "", k, k);
		sfn_buf_adds(&b, "}");
	}
	sfn_buf_adds(&b, "}, \"Version\": \"1.0\"}");
	*len = b.len;
	return sfn_buf_take(&b);
}

/* Bytes the document keeps (its arena and the kept copies) for a
 * machine of N states; 0 on failure. */
static size_t kept_for(struct test_state *t, size_t n, struct seen *s)
{
	struct sfn_json_each each = { on_member, s, NULL, NULL };
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	size_t len, bytes = 0, i = 0;
	char *text = machine(n, &len);
	const cJSON *states;

	sfn_diags_init(&d);
	memset(s, 0, sizeof(*s));
	if (text == NULL || Sfn_json_parse_each(text, len, "m.json", &d, &each,
	                                        &doc) != SFN_OK) {
		test_fail(t, __FILE__, __LINE__, "machine of %zu states", n);
		goto done;
	}
	states = cJSON_GetObjectItemCaseSensitive(sfn_json_root(doc), "States");
	for (const cJSON *m = states->child; m != NULL; m = m->next, i++) {
		char name[32];

		snprintf(name, sizeof(name), "S%zu", i);
		if (m->child != NULL || strcmp(m->string, name) != 0)
			break;
	}
	if (i != n || s->members != n || s->kept_ok != n ||
	    s->children != n * FIELDS || s->before != 2 ||
	    cJSON_GetArraySize(sfn_json_root(doc)) != 4 || d.count != 0)
		test_fail(t, __FILE__, __LINE__, "%zu states handed out wrong",
		          n);
	else
		bytes = doc->arena.total + doc->parts->kept.total;
done:
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return bytes;
}

/* Each member's nodes are dropped once handed out: the scratch arena
 * never holds more than one state, and the document keeps one node per
 * state (its copy) and its key, not FIELDS * 4 + 1 nodes and their
 * strings. */
static void members_dropped(struct test_state *t)
{
	struct seen s100, s200;
	size_t k100 = kept_for(t, 100, &s100), k200 = kept_for(t, 200, &s200);
	size_t node = sizeof(struct sfn_json_node);

	CHECK(k100 > 0 && k200 > 0);
	/* states 100 to 199, keys of four characters */
	CHECK(k200 - k100 == 100 * (node + sizeof("S100")));
	CHECK(s100.scratch <= (4 * FIELDS + 1) * node + 256 * node);
	CHECK(s200.scratch == s100.scratch);
}

/* The same machine as a YAML template: block mappings down to each
 * state, whose members are flow sequences. */
static char *yaml_machine(size_t n, size_t *len)
{
	struct sfn_buf b;

	sfn_buf_init(&b, (size_t) 1 << 30);
	sfn_buf_adds(&b, "Resources:\n  M:\n    Type: "
	                 "AWS::StepFunctions::StateMachine\n    Properties:\n"
	                 "      Definition:\n        Comment: c\n"
	                 "        StartAt: S0\n        States:\n");
	for (size_t i = 0; i < n; i++) {
		sfn_buf_printf(&b, "          S%zu:\n", i);
		for (size_t k = 0; k < FIELDS; k++)
			sfn_buf_printf(&b, "            f%zu: [%zu, v]\n", k,
			               k);
	}
	sfn_buf_adds(&b, "        Version: \"1.0\"\n");
	*len = b.len;
	return sfn_buf_take(&b);
}

/* The YAML reader's: the nodes its arena holds besides the strings (the
 * template's top, not the states), the kept copies, most scratch bytes
 * in use, for N states; 0 on failure. */
static size_t yaml_kept_for(struct test_state *t, size_t n, struct seen *s,
                            size_t *nodes)
{
	struct sfn_json_each each = { on_member, s, NULL, NULL };
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	size_t len, bytes = 0;
	char *text = yaml_machine(n, &len);

	sfn_diags_init(&d);
	memset(s, 0, sizeof(*s));
	if (text == NULL ||
	    Sfn_yaml_parse_each(text, len, "m.yaml", &d, &each, &doc) !=
	            SFN_OK ||
	    s->members != n || s->kept_ok != n || s->children != n * FIELDS ||
	    s->before != 2 || d.count != 0) {
		test_fail(t, __FILE__, __LINE__, "%zu states handed out wrong",
		          n);
	} else {
		*nodes =
		        doc->arena
		                .total; /* strings have a buffer of their own */
		bytes = doc->parts->kept.total;
	}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return bytes;
}

/* A template's states as a definition's: each member's nodes dropped
 * once handed out, into a scratch arena that never holds more than one
 * state, the document keeping a copy of each. */
static void yaml_members_dropped(struct test_state *t)
{
	struct seen s100, s200;
	size_t n100 = 0, n200 = 0;
	size_t k100 = yaml_kept_for(t, 100, &s100, &n100);
	size_t k200 = yaml_kept_for(t, 200, &s200, &n200);

	CHECK(k100 > 0 && k200 > 0);
	CHECK(k200 - k100 == 100 * sizeof(struct sfn_json_placed));
	CHECK(n100 == n200);
	CHECK(s100.scratch > 0 && s200.scratch == s100.scratch);
}

/* What yaml_strings_rewound's callback saw: where each member's first
 * string was decoded, and a kept copy of it. */
struct rewound {
	const char *at[4];
	const char *kept[4];
	size_t n;
};

static void on_rewound(void *ctx, const struct sfn_json_doc *doc,
                       const cJSON *root, const cJSON *member,
                       const cJSON *kept)
{
	struct rewound *r = ctx;

	(void) root;
	(void) kept;
	if (r->n < 4 && member->child != NULL) {
		r->at[r->n] = member->child->valuestring;
		r->kept[r->n++] = Sfn_json_doc_keep_string(
		        doc, member->child->valuestring);
	}
}

/* The YAML reader decodes each member's strings where the member before
 * it had its own (memory already touched), less the key between them,
 * which the document keeps: a string kept past its member is a copy, and
 * stays whole. */
static void yaml_strings_rewound(struct test_state *t)
{
	static const char text[] = "Resources:\n  M:\n    Type: "
	                           "AWS::StepFunctions::StateMachine\n"
	                           "    Properties:\n      Definition:\n"
	                           "        States:\n"
	                           "          A: {f: first-value}\n"
	                           "          B: {f: \"second\"}\n"
	                           "          C: {f: 'third one'}\n"
	                           "          D: {f: 4th}\n";
	static const char *const want[4] = { "first-value", "second",
		                             "third one", "4th" };
	struct rewound r = { { NULL }, { NULL }, 0 };
	struct sfn_json_each each = { on_rewound, &r, NULL, NULL };
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;

	sfn_diags_init(&d);
	CHECK(Sfn_yaml_parse_each(text, sizeof(text) - 1, "m.yaml", &d, &each,
	                          &doc) == SFN_OK);
	CHECK(d.count == 0 && r.n == 4);
	for (size_t i = 0; i < r.n; i++) {
		/* past the keys since, "B", "C" and "D" and their NULs */
		CHECK(r.at[i] == r.at[0] + 2 * i);
		CHECK(r.kept[i] != NULL && r.kept[i] != r.at[i] &&
		      strcmp(r.kept[i], want[i]) == 0);
	}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* Where the last member's "Next" stood, taken inside the callback. */
struct spotted {
	struct sfn_json_spot spot[2];
	size_t n;
};

static void on_spot(void *ctx, const struct sfn_json_doc *doc,
                    const cJSON *root, const cJSON *member, const cJSON *kept)
{
	struct spotted *s = ctx;
	const cJSON *next = cJSON_GetObjectItemCaseSensitive(member, "Next");

	(void) root;
	(void) kept;
	if (s->n < 2 && next != NULL)
		Sfn_json_doc_spot(doc, next, &s->spot[s->n++]);
}

/* The whole tree's States.NAME.Next in DOC, or NULL. */
static const cJSON *next_of(const struct sfn_json_doc *doc, const char *name)
{
	const cJSON *states, *root = sfn_json_root(doc);

	if (cJSON_GetObjectItemCaseSensitive(root, "Resources") != NULL)
		root = cJSON_GetObjectItemCaseSensitive(
		        cJSON_GetObjectItemCaseSensitive(
		                cJSON_GetObjectItemCaseSensitive(
		                        cJSON_GetObjectItemCaseSensitive(
		                                root, "Resources"),
		                        "M"),
		                "Properties"),
		        "Definition");
	states = cJSON_GetObjectItemCaseSensitive(root, "States");
	return cJSON_GetObjectItemCaseSensitive(
	        cJSON_GetObjectItemCaseSensitive(states, name), "Next");
}

/* A spot taken of a member's value is spelled out once the member is
 * gone, as the whole tree's node is located: a JSON offset read into
 * lines and columns only then, a YAML span as it was; one of a tree kept
 * whole is its node. */
static void spot_outlives_member(struct test_state *t)
{
	static const struct {
		const char *text, *file;
		unsigned line[2];
	} cases[] = {
		{ "{\"States\": {\"A\": {\"Next\": \"B\"},\n"
		  "  \"B\": {\"x\": 1, \"Next\": \"Done\"}}}",
		  "m.json",
		  { 1, 2 } },
		{ "Resources:\n  M:\n    Type: "
		  "AWS::StepFunctions::StateMachine\n"
		  "    Properties:\n      Definition:\n        States:\n"
		  "          A: {Next: B}\n          B:\n            x: 1\n"
		  "            Next: \"Done\"\n",
		  "m.yaml",
		  { 7, 10 } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spotted s = { { { NULL, 0, { 0, 0, 0, 0 } } }, 0 };
		struct sfn_json_each each = { on_spot, &s, NULL, NULL };
		struct sfn_json_doc *doc = NULL, *whole = NULL;
		struct sfn_diags d;
		const char *text = cases[i].text, *file = cases[i].file;
		size_t len = strlen(text);
		enum sfn_status st, wst;

		sfn_diags_init(&d);
		st = i == 0 ? Sfn_json_parse_each(text, len, file, &d, &each,
		                                  &doc)
		            : Sfn_yaml_parse_each(text, len, file, &d, &each,
		                                  &doc);
		wst = i == 0 ? sfn_json_parse(text, len, file, NULL, &d, &whole)
		             : sfn_yaml_parse(text, len, file, &d, &whole);
		CHECK(st == SFN_OK && wst == SFN_OK && d.count == 0 &&
		      s.n == 2);
		for (size_t k = 0; k < s.n; k++) {
			const cJSON *next = next_of(whole, k ? "B" : "A");
			struct sfn_loc got =
			        Sfn_json_doc_spot_loc(doc, &s.spot[k]);
			struct sfn_loc want = sfn_json_loc(whole, next), kept;
			struct sfn_json_spot ws;

			/* a tree kept whole: the node itself */
			Sfn_json_doc_spot(whole, next, &ws);
			kept = Sfn_json_doc_spot_loc(whole, &ws);
			CHECK(ws.node == next && kept.line == want.line &&
			      kept.col == want.col &&
			      kept.end_col == want.end_col);

			CHECK(strcmp(got.file, file) == 0);
			CHECK_INT(got.line, cases[i].line[k]);
			CHECK_INT(got.line, want.line);
			CHECK_INT(got.col, want.col);
			CHECK_INT(got.end_line, want.end_line);
			CHECK_INT(got.end_col, want.end_col);
			CHECK(got.col > 1 && got.end_col > got.col);
		}
		sfn_json_doc_free(doc);
		sfn_json_doc_free(whole);
		sfn_diags_free(&d);
	}
}

/* What is not handed out: States that is no object, a second States,
 * States below the top level, a top level that is no object. The tree
 * is whole then. */
static void only_the_first_top_level_states(struct test_state *t)
{
	static const struct {
		const char *text;
		size_t members;
	} cases[] = {
		{ "{\"States\": [{\"A\": 1}], \"States\": {\"B\": {}}}", 0 },
		{ "{\"States\": {\"A\": {}}, \"States\": {\"B\": {}}}", 1 },
		{ "{\"X\": {\"States\": {\"A\": {}}}}", 0 },
		{ "[{\"States\": {\"A\": {}}}]", 0 },
		{ "{\"States\": {}}", 0 },
		{ "{\"States\": {\"A\": 1, \"B\": {\"C\": [2]}}}", 2 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct seen s = { 0, 0, 0, 0, 0 };
		struct sfn_json_each each = { on_member, &s, NULL, NULL };
		struct sfn_json_doc *doc = NULL;
		struct sfn_diags d;
		char *text = strdup(cases[i].text);

		sfn_diags_init(&d);
		CHECK(text != NULL);
		CHECK(Sfn_json_parse_each(text, strlen(text), "t.json", &d,
		                          &each, &doc) == SFN_OK);
		CHECK(s.members == cases[i].members);
		sfn_json_doc_free(doc);
		CHECK(strcmp(text, cases[i].text) == 0); /* quotes put back */
		sfn_diags_free(&d);
		free(text);
	}
}

/* Duplicate state names are found among the kept copies, with the first
 * one's location, as among whole members. */
static void duplicates_among_kept(struct test_state *t)
{
	const char *src = "{\"States\": {\"A\": {\"x\": 1},\n \"A\": {}}}";
	struct seen s = { 0, 0, 0, 0, 0 };
	struct sfn_json_each each = { on_member, &s, NULL, NULL };
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	char *text = strdup(src);

	sfn_diags_init(&d);
	CHECK(text != NULL);
	CHECK(Sfn_json_parse_each(text, strlen(text), "t.json", &d, &each,
	                          &doc) == SFN_OK);
	CHECK(d.count == 1 && d.items[0].rule == SFN_RULE_JSON_DUPLICATE_KEY);
	CHECK(d.items[0].loc.line == 2 && d.items[0].loc.col == 2);
	CHECK(strstr(d.items[0].message, "line 1, column 13") != NULL);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
}

/* What the callback of strings_copied sees: each member as JSON text,
 * and one string of each kept past it (Sfn_json_doc_keep_string). */
struct printed {
	struct sfn_buf members;
	const char *kept[8];
	char *want[8];
	size_t n;
};

static void on_print(void *ctx, const struct sfn_json_doc *doc,
                     const cJSON *root, const cJSON *member, const cJSON *kept)
{
	struct printed *p = ctx;
	char *json = cJSON_PrintUnformatted(member);
	const cJSON *last = member->child;

	(void) root;
	(void) kept;
	sfn_buf_printf(&p->members, "%s=%s\n", member->string,
	               json != NULL ? json : "?");
	cJSON_free(json);
	while (last != NULL && last->next != NULL)
		last = last->next;
	if (p->n < 8 && cJSON_IsString(last)) {
		p->want[p->n] = strdup(last->valuestring);
		p->kept[p->n++] =
		        Sfn_json_doc_keep_string(doc, last->valuestring);
	}
}

/* A value of N bytes: letters, so that a wrong copy shows. */
static void add_string(struct sfn_buf *b, size_t n)
{
	sfn_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++)
		sfn_buf_addc(b, (char) ('a' + (i * 7 + n) % 26));
	sfn_buf_addc(b, '"');
}

/* The reader copies a streamed member's strings into the scratch arena
 * (it does not write into the text): every length around the short
 * copy's sixteen bytes and the slab's, escapes, a string that ends three
 * bytes before the text does; the member as the callback sees it is the
 * whole tree's, and strings kept outlive it. */
static void strings_copied(struct test_state *t)
{
	static const size_t lens[] = { 0,    1,    15,   16,   17,   31,
		                       32,   1007, 1008, 1009, 1023, 1024,
		                       4095, 4096, 4097, 9000 };
	struct printed p = { { 0 }, { 0 }, { 0 }, 0 };
	struct sfn_json_each each = { on_print, &p, NULL, NULL };
	struct sfn_json_doc *doc = NULL, *whole = NULL;
	struct sfn_buf text, want;
	struct sfn_diags d;
	const cJSON *states;
	size_t i = 0;

	sfn_buf_init(&text, (size_t) 1 << 20);
	sfn_buf_init(&want, (size_t) 1 << 20);
	sfn_buf_init(&p.members, (size_t) 1 << 20);
	sfn_diags_init(&d);
	sfn_buf_adds(&text, "{\"States\": {\"A\": {");
	for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		sfn_buf_printf(&text, "%s\"s%zu\": ", k ? ", " : "", lens[k]);
		add_string(&text, lens[k]);
	}
	sfn_buf_adds(&text, "}, \"B\\u00e9\": {\"e\": \"a\\nb\\u00e9\\\"\", "
	                    "\"f\": \"x\"}, \"C\": {\"g\": \"xyz\"}}}");
	CHECK(text.status == SFN_OK);
	CHECK(sfn_json_parse(text.data, text.len, "t.json", NULL, &d, &whole) ==
	      SFN_OK);
	CHECK(Sfn_json_parse_each(text.data, text.len, "t.json", &d, &each,
	                          &doc) == SFN_OK);
	CHECK(d.count == 0);
	states = cJSON_GetObjectItemCaseSensitive(sfn_json_root(whole),
	                                          "States");
	for (const cJSON *m = states->child; m != NULL; m = m->next) {
		char *json = cJSON_PrintUnformatted(m);

		sfn_buf_printf(&want, "%s=%s\n", m->string, json);
		cJSON_free(json);
	}
	CHECK(p.members.len == want.len &&
	      memcmp(p.members.data, want.data, want.len) == 0);
	/* the kept copies' keys, and the strings kept, after the members */
	states = cJSON_GetObjectItemCaseSensitive(sfn_json_root(doc), "States");
	CHECK(states != NULL && states->child != NULL &&
	      strcmp(states->child->string, "A") == 0 &&
	      strcmp(states->child->next->string, "B\xc3\xa9") == 0);
	CHECK(p.n == 3);
	for (i = 0; i < p.n; i++)
		CHECK(p.kept[i] != NULL && strcmp(p.kept[i], p.want[i]) == 0);
	CHECK(Sfn_json_doc_keep_string(doc, want.data) == want.data);
	for (i = 0; i < p.n; i++)
		free(p.want[i]);
	sfn_json_doc_free(doc);
	sfn_json_doc_free(whole);
	sfn_diags_free(&d);
	sfn_buf_free(&text);
	sfn_buf_free(&want);
	sfn_buf_free(&p.members);
}

const struct test sfn_tests_json_each[] = {
	{ "members_dropped", members_dropped },
	{ "yaml_members_dropped", yaml_members_dropped },
	{ "yaml_strings_rewound", yaml_strings_rewound },
	{ "spot_outlives_member", spot_outlives_member },
	{ "only_the_first_top_level_states", only_the_first_top_level_states },
	{ "duplicates_among_kept", duplicates_among_kept },
	{ "strings_copied", strings_copied },
	{ NULL, NULL },
};
