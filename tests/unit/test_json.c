/* JSON reader: accepted and rejected texts with the exact position and
 * message of each error, recorded locations, limits at and past the
 * edge. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "sfn/json.h"
#include "test.h"

/* Parses TEXT with OPTS; returns the status, leaves diagnostics in D. */
static enum sfn_status parse(const char *text, size_t len,
                             const struct sfn_json_opts *opts,
                             struct sfn_diags *d, struct sfn_json_doc **doc)
{
	char *copy = malloc(len + 1);
	enum sfn_status st;

	memcpy(copy, text, len);
	copy[len] = '\0';
	sfn_diags_init(d);
	st = sfn_json_parse(copy, len, "t.json", opts, d, doc);
	free(copy);
	return st;
}

static const struct {
	const char *text;
	unsigned line, col;
	const char *message;
} errors[] = {
	{ "", 1, 1,
	  "expected a JSON value, found end of input (the input "
	  "is empty)" },
	{ "  \n ", 2, 2,
	  "expected a JSON value, found end of input (the "
	  "input is empty)" },
	{ "{\"a\":1,}", 1, 8,
	  "expected a string key, found '}' (trailing "
	  "commas are not allowed)" },
	{ "[1,]", 1, 4,
	  "expected a value after ',', found ']' (trailing "
	  "commas are not allowed)" },
	{ "{\"a\" 1}", 1, 6, "expected ':' after the key, found a number" },
	{ "{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3,
	  "expected ',' or '}' after the member, found a string (to close "
	  "'{' at line 1, column 1)" },
	{ "[1 2]", 1, 4,
	  "expected ',' or ']' after the element, found a "
	  "number (to close '[' at line 1, column 1)" },
	{ "[01]", 1, 3,
	  "invalid number '01': leading zeros are not "
	  "allowed" },
	{ "[1.]", 1, 4, "invalid number '1.': expected a digit after '.'" },
	{ "[-]", 1, 3, "invalid number '-': expected a digit after '-'" },
	{ "[1e+]", 1, 5,
	  "invalid number '1e+': expected a digit in the "
	  "exponent" },
	{ "[+1]", 1, 2,
	  "invalid number '+1': a number cannot start with "
	  "'+'" },
	{ "[.5]", 1, 2,
	  "invalid number '.5': a number needs a digit before "
	  "'.'" },
	{ "[1e999]", 1, 2, "number '1e999' is too large for a double" },
	{ "[True]", 1, 2,
	  "invalid literal 'True': JSON literals are "
	  "lowercase" },
	{ "[NaN]", 1, 2, "'NaN' is not a JSON number" },
	{ "[tru]", 1, 2,
	  "invalid literal 'tru': expected a string, number, "
	  "object, array, true, false or null" },
	{ "[\"é\\x\"]", 1, 4,
	  "invalid escape '\\' followed by 'x'; valid "
	  "escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
	  "\\uXXXX" },
	{ "[\"a\tb\"]", 1, 4,
	  "control character U+0009 must be escaped in a "
	  "string" },
	{ "[\"ab", 1, 2, "string is not closed: missing '\"'" },
	{ "[\"\\ud800\"]", 1, 3,
	  "lone UTF-16 surrogate '\\ud800' in string: "
	  "a surrogate must be part of a high-low "
	  "pair" },
	{ "[\"\\u12\"]", 1, 3,
	  "'\\u' must be followed by four hexadecimal "
	  "digits" },
	{ "[\"\xff\"]", 1, 3, "invalid UTF-8 byte 0xFF in string" },
	{ "[\"\xc3\"]", 1, 3, "invalid UTF-8 byte 0xC3 in string" },
	{ "\xef\xbb\xbf{}", 1, 1,
	  "byte order mark (U+FEFF): JSON text must "
	  "not start with one; save the file as "
	  "UTF-8 without BOM" },
	{ "{} x", 1, 4,
	  "invalid literal 'x': expected a string, number, "
	  "object, array, true, false or null" },
	{ "{} {}", 1, 4,
	  "expected end of input after the JSON value, found "
	  "'{': a JSON text holds exactly one value" },
	{ "[1]\x01", 1, 4,
	  "unexpected character U+0001: expected a JSON "
	  "value or punctuation" },
	{ "[\"ü\", é]", 1, 7,
	  "unexpected character U+00E9: expected a JSON "
	  "value or punctuation" },
	{ "{'a':1}", 1, 2,
	  "unexpected character ''': expected a JSON value "
	  "or punctuation" },
};

static void rejects(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		struct sfn_diags d;
		struct sfn_json_doc *doc;
		size_t len = strlen(errors[i].text);
		enum sfn_status st;

		st = parse(errors[i].text, len, NULL, &d, &doc);
		if (st != SFN_ERR_SYNTAX || doc != NULL || d.count != 1) {
			test_fail(t, __FILE__, __LINE__,
			          "case %zu: status %d,"
			          " %zu diagnostics",
			          i, st, d.count);
			sfn_diags_free(&d);
			return;
		}
		if (d.items[0].loc.line != errors[i].line ||
		    d.items[0].loc.col != errors[i].col ||
		    strcmp(d.items[0].message, errors[i].message) != 0)
			test_fail(t, __FILE__, __LINE__, "case %zu: %u:%u: %s",
			          i, d.items[0].loc.line, d.items[0].loc.col,
			          d.items[0].message);
		CHECK(d.items[0].rule == SFN_RULE_JSON_SYNTAX);
		sfn_diags_free(&d);
	}
}

/* A NUL byte inside the input is input, not its end. */
static void embedded_nul(struct test_state *t)
{
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	CHECK(parse("[1]\0", 4, NULL, &d, &doc) == SFN_ERR_SYNTAX);
	CHECK_INT(d.items[0].loc.col, 4);
	CHECK_STR(d.items[0].message, "unexpected character U+0000: expected "
	                              "a JSON value or punctuation");
	sfn_diags_free(&d);
	CHECK(parse("[\"a\0\"]", 5, NULL, &d, &doc) == SFN_ERR_SYNTAX);
	CHECK_STR(d.items[0].message, "control character U+0000 must be "
	                              "escaped in a string");
	sfn_diags_free(&d);
}

static void error_pointer(struct test_state *t)
{
	static const char text[] = "{\"a\": [0, {\"b/~\": [1, x]}]}";
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) != SFN_OK);
	CHECK_INT(d.count, 1);
	CHECK_STR(d.items[0].pointer, "/a/1/b~1~0/1");
	sfn_diags_free(&d);
}

static void locations(struct test_state *t)
{
	static const char text[] = "{\n  \"name\": \"é\",\n  \"list\": [1, "
	                           "{\"x\": true}]\n}";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_span s;
	cJSON *root, *name, *list, *obj;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	CHECK_INT(d.count, 0);
	root = sfn_json_root(doc);
	name = cJSON_GetObjectItem(root, "name");
	list = cJSON_GetObjectItem(root, "list");
	obj = cJSON_GetArrayItem(list, 1);
	CHECK(sfn_json_value_span(doc, root, &s));
	CHECK(s.line == 1 && s.col == 1 && s.end_line == 4 && s.end_col == 2);
	CHECK(sfn_json_key_span(doc, name, &s));
	CHECK(s.line == 2 && s.col == 3 && s.end_col == 9);
	CHECK(sfn_json_value_span(doc, name, &s));
	CHECK(s.line == 2 && s.col == 11 && s.end_col == 14);
	CHECK(sfn_json_value_span(doc, list, &s));
	CHECK(s.line == 3 && s.col == 11 && s.end_col == 27);
	CHECK(sfn_json_value_span(doc, obj, &s));
	CHECK(s.line == 3 && s.col == 15 && s.end_col == 26);
	CHECK(sfn_json_value_span(doc, obj->child, &s));
	CHECK(s.col == 21 && s.end_col == 25);
	CHECK(!sfn_json_key_span(doc, root, &s));
	CHECK(!sfn_json_value_span(doc, NULL, &s));
	CHECK_STR(name->valuestring, "é");
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* Spans read again from the text (offsets.c): keys with escaped quotes
 * and backslashes, blanks and lines between key, colon and value,
 * strings holding brackets and quotes inside a container, and the
 * closing quotes the reader overwrote. */
static void locations_reread(struct test_state *t)
{
	static const char text[] = "{\"a\\\"b\": {\"s\": \"]}\\\"\"},\n"
	                           " \"c\\\\\"\n :\n [\"x\", 12e3, null],\n"
	                           " \"\": \"\"}";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_span s, k;
	cJSON *root, *ab, *c, *empty;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	root = sfn_json_root(doc);
	ab = root->child;
	c = ab->next;
	empty = c->next;
	CHECK_STR(ab->string, "a\"b");
	CHECK(sfn_json_key_span(doc, ab, &k) &&
	      sfn_json_value_span(doc, ab, &s));
	CHECK(k.line == 1 && k.col == 2 && k.end_col == 8);
	CHECK(s.line == 1 && s.col == 10 && s.end_line == 1 && s.end_col == 23);
	CHECK(sfn_json_value_span(doc, ab->child, &s));
	CHECK(s.col == 16 && s.end_col == 22);
	CHECK(sfn_json_key_span(doc, c, &k) && sfn_json_value_span(doc, c, &s));
	CHECK(k.line == 2 && k.col == 2 && k.end_col == 7);
	CHECK(s.line == 4 && s.col == 2 && s.end_line == 4 && s.end_col == 19);
	CHECK(sfn_json_value_span(doc, cJSON_GetArrayItem(c, 1), &s));
	CHECK(s.col == 8 && s.end_col == 12);
	CHECK(!sfn_json_key_span(doc, cJSON_GetArrayItem(c, 1), &k));
	CHECK(sfn_json_key_span(doc, empty, &k) &&
	      sfn_json_value_span(doc, empty, &s));
	CHECK(k.line == 5 && k.col == 2 && k.end_col == 4);
	CHECK(s.col == 6 && s.end_col == 8);
	CHECK(sfn_json_value_span(doc, root, &s));
	CHECK(s.line == 1 && s.col == 1 && s.end_line == 5 && s.end_col == 9);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* The offset of LINE and COL (both from 1) in TEXT, all of it ASCII. */
static size_t offset_of(const char *text, unsigned line, unsigned col)
{
	size_t off = 0;

	for (unsigned l = 1; l < line; off++)
		if (text[off] == '\n')
			l++;
	return off + col - 1;
}

/* Past the bracket that closes the container opening at TEXT[OFF]:
 * brackets counted, strings and their escapes passed over. */
static size_t closing(const char *text, size_t off)
{
	size_t depth = 0;
	int in_string = 0;

	for (;; off++) {
		char c = text[off];

		if (in_string && c == '\\')
			off++;
		else if (c == '"')
			in_string = !in_string;
		else if (!in_string && (c == '{' || c == '['))
			depth++;
		else if (!in_string && (c == '}' || c == ']') && --depth == 0)
			return off + 1;
	}
}

/* Every container under NODE ends where a count of brackets from its
 * start says; *SEEN counts them. */
static void check_ends(struct test_state *t, const struct sfn_json_doc *doc,
                       const char *text, const cJSON *node, int *seen)
{
	struct sfn_span s;
	size_t start, end;

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	(*seen)++;
	CHECK(sfn_json_value_span(doc, node, &s));
	start = offset_of(text, s.line, s.col);
	end = closing(text, start);
	CHECK_INT(offset_of(text, s.end_line, s.end_col), end);
	for (const cJSON *c = node->child; c != NULL; c = c->next)
		check_ends(t, doc, text, c, seen);
}

/* A container's end is read from its last value and the brackets after
 * it, at any depth, over blanks, lines, empty containers and strings
 * holding brackets; when the tree no longer matches the text (its last
 * member taken out), from a walk of its text as before. */
static void container_ends(struct test_state *t)
{
	static const char text[] =
	        "{\n  \"a\" : [ 1 , { \"b\" : \"x]}\\\"\" } ] ,\n"
	        "  \"c\": {\"d\": [[], {}, [ ]], \"e\": \"}\"},\n"
	        "  \"f\": [[[[ 2 ]\n]]] ,\n  \"g\" : { }\n}\n";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_span s;
	cJSON *c, *e;
	int seen = 0;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	check_ends(t, doc, text, sfn_json_root(doc), &seen);
	CHECK_INT(seen, 13);
	c = cJSON_GetObjectItem(sfn_json_root(doc), "c");
	e = cJSON_DetachItemFromObject(c, "e");
	CHECK(sfn_json_value_span(doc, c, &s));
	CHECK(s.line == 3 && s.col == 8 && s.end_line == 3 && s.end_col == 38);
	CHECK(e != NULL); /* a node of the document's arena: freed with it */
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* Positions asked for out of order on one line: a key after its value
 * (counted back from the value), then one far before (counted from the
 * line's start), with characters of two bytes in between. */
static void locations_backward(struct test_state *t)
{
	static const char text[] = "{\"\\u00e9\": \"\xc3\xa9\xc3\xa9\", "
	                           "\"k\xc3\xa9\": [\"\xc3\xa9\"]}";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_span s, k;
	cJSON *first, *second;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	first = sfn_json_root(doc)->child;
	second = first->next;
	CHECK(sfn_json_value_span(doc, second, &s));
	CHECK(s.line == 1 && s.col == 24 && s.end_col == 29);
	CHECK(sfn_json_key_span(doc, second, &k));
	CHECK(k.line == 1 && k.col == 18 && k.end_col == 22);
	CHECK(sfn_json_value_span(doc, second->child, &s));
	CHECK(s.col == 25 && s.end_col == 28);
	CHECK(sfn_json_key_span(doc, first, &k));
	CHECK(k.col == 2 && k.end_col == 10);
	CHECK(sfn_json_value_span(doc, first, &s));
	CHECK(s.col == 12 && s.end_col == 16);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* A byte of a string's value back to its place in the text
 * (sfn_json_string_loc): each escape gives one to four bytes, each
 * character of UTF-8 takes one column; a byte inside what one escape or
 * character gives is at its start; past the end, the closing quote. The
 * string's opening quote is at column 8 of line 2. */
static const struct {
	const char *raw; /* the string as written, without its quotes */
	size_t off;      /* byte of the value */
	unsigned col;    /* where it stands */
} inside_cases[] = {
	{ "abc", 0, 9 },
	{ "abc", 2, 11 },
	{ "abc", 3, 12 },
	{ "abc", 9, 12 },
	{ "\\\"x", 1, 11 },                    /* \" */
	{ "\\\\\\\"x", 2, 13 },                /* \\ \" */
	{ "a\\nb\\tc", 2, 12 },                /* \n */
	{ "a\\nb\\tc", 4, 15 },                /* \t */
	{ "\\u00e9x", 0, 9 },                  /* é: two bytes */
	{ "\\u00e9x", 1, 9 },                  /* its second byte */
	{ "\\u00e9x", 2, 15 },                 /* x */
	{ "\\u20acx", 3, 15 },                 /* €: three bytes */
	{ "\\ud83d\\ude00x", 3, 9 },           /* a pair: four bytes */
	{ "\\ud83d\\ude00x", 4, 21 },          /* x */
	{ "\\u0041\\/x", 2, 17 },              /* one byte each */
	{ "\xc3\xa9t\xc3\xa9x", 5, 12 },       /* é t é: a column each */
	{ "\xf0\x9f\x98\x80x", 4, 10 },        /* 😀 x */
	{ "\xc3\xa9\\\"\\u00e9\\\\x", 6, 20 }, /* é \" é \\ x */
};

static void string_loc(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(inside_cases) / sizeof(*inside_cases);
	     i++) {
		char text[128];
		struct sfn_diags d;
		struct sfn_json_doc *doc;
		struct sfn_loc loc;
		int n = snprintf(text, sizeof(text),
		                 "{\n  \"k\": \"%s\", \"z\": 1}",
		                 inside_cases[i].raw);

		CHECK(parse(text, (size_t) n, NULL, &d, &doc) == SFN_OK);
		loc = sfn_json_string_loc(doc, sfn_json_root(doc)->child,
		                          inside_cases[i].off);
		sfn_json_doc_free(doc);
		sfn_diags_free(&d);
		if (loc.line != 2 || loc.col != inside_cases[i].col ||
		    loc.end_col != loc.col) {
			test_fail(t, __FILE__, __LINE__,
			          "case %zu: %u:%u-%u, want 2:%u", i, loc.line,
			          loc.col, loc.end_col, inside_cases[i].col);
			return;
		}
	}
}

/* Not a string, or no text to read: the whole value's location. */
static void string_loc_whole(struct test_state *t)
{
	static const char text[] = "[1, \"ab\"]";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_loc loc;
	cJSON *tree = cJSON_CreateString("{% x %}");
	struct sfn_json_doc *wrapped = sfn_json_doc_wrap_take(tree, "w.json");
	struct sfn_span sp = { 3, 5, 3, 20 }; /* not the string's width */

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	loc = sfn_json_string_loc(doc, sfn_json_root(doc)->child, 1);
	CHECK(loc.col == 2 && loc.end_col == 3);
	loc = sfn_json_string_loc(doc, sfn_json_root(doc)->child->next, 1);
	CHECK(loc.col == 7 && loc.end_col == 7);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	CHECK(wrapped != NULL);
	CHECK(sfn_json_doc_set_span(wrapped, tree, &sp, NULL) == SFN_OK);
	loc = sfn_json_string_loc(wrapped, tree, 3);
	CHECK(loc.line == 3 && loc.col == 5 && loc.end_col == 20);
	sp.end_col = 14; /* as wide as "{% x %}" with its quotes */
	sfn_json_doc_free(wrapped);
	tree = cJSON_CreateString("{% x %}");
	wrapped = sfn_json_doc_wrap_take(tree, "w.json");
	CHECK(wrapped != NULL);
	CHECK(sfn_json_doc_set_span(wrapped, tree, &sp, NULL) == SFN_OK);
	loc = sfn_json_string_loc(wrapped, tree, 3);
	CHECK(loc.line == 3 && loc.col == 9 && loc.end_col == 9);
	sfn_json_doc_free(wrapped);
}

/* Room made for spans at once: every span set after it is read back;
 * past the locations' limit, or for a document a reader built, none. */
static void reserve_spans(struct test_state *t)
{
	static const char text[] = "[1]";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	cJSON *tree = cJSON_CreateArray();
	struct sfn_json_doc *wrapped;
	struct sfn_loc loc;
	const cJSON *e;
	unsigned i = 1;

	for (int k = 0; k < 100; k++)
		cJSON_AddItemToArray(tree, cJSON_CreateNumber(k));
	wrapped = sfn_json_doc_wrap_take(tree, "w.json");
	CHECK(wrapped != NULL);
	if (wrapped == NULL)
		return;
	CHECK_INT(sfn_json_doc_reserve_spans(wrapped, (size_t) UINT_MAX + 1),
	          SFN_ERR_LIMIT);
	CHECK_INT(sfn_json_doc_reserve_spans(wrapped, 100), SFN_OK);
	for (e = tree->child; e != NULL; e = e->next, i++) {
		struct sfn_span sp = { i, 2, i, 3 };

		CHECK(sfn_json_doc_set_span(wrapped, e, &sp, NULL) == SFN_OK);
	}
	loc = sfn_json_string_loc(wrapped, cJSON_GetArrayItem(tree, 99), 0);
	CHECK(loc.line == 100 && loc.col == 2);
	loc = sfn_json_string_loc(wrapped, tree->child, 0);
	CHECK(loc.line == 1 && loc.col == 2);
	sfn_json_doc_free(wrapped);
	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	CHECK_INT(sfn_json_doc_reserve_spans(doc, 1), SFN_ERR_USAGE);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

static void values(struct test_state *t)
{
	static const char text[] = "[\"\\u00e9\\ud834\\udd1e\\/\\n\", -0.5e2,"
	                           " 0, true, false, null, {}, []]";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	cJSON *root;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	root = sfn_json_root(doc);
	CHECK_INT(cJSON_GetArraySize(root), 8);
	CHECK_STR(cJSON_GetArrayItem(root, 0)->valuestring,
	          "é\xf0\x9d\x84\x9e/\n");
	CHECK(cJSON_GetArrayItem(root, 1)->valuedouble == -50.0);
	CHECK(cJSON_IsTrue(cJSON_GetArrayItem(root, 3)));
	CHECK(cJSON_IsFalse(cJSON_GetArrayItem(root, 4)));
	CHECK(cJSON_IsNull(cJSON_GetArrayItem(root, 5)));
	CHECK(cJSON_IsObject(cJSON_GetArrayItem(root, 6)));
	CHECK(cJSON_IsArray(cJSON_GetArrayItem(root, 7)));
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* A small object skips the scan for a key whose bit (first byte and
 * length) no earlier key has: keys that share a bit but differ are no
 * duplicates; keys cut at a \u0000 are compared as cut, whatever their
 * lengths in the text; escapes count decoded. */
static void duplicate_key_bits(struct test_state *t)
{
	static const struct {
		const char *text;
		size_t count; /* duplicate-key findings */
	} cases[] = {
		{ "{\"ab\": 1, \"ac\": 2, \"ad\": 3}", 0 },
		{ "{\"ab\": 1, \"ac\": 2, \"ab\": 3}", 1 },
		{ "{\"a\\u0000x\": 1, \"a\\u0000yz\": 2}", 1 },
		{ "{\"a\": 1, \"b\\u0000x\": 2, \"a\": 3}", 1 },
		{ "{\"\\u0041b\": 1, \"Ab\": 2}", 1 },
		{ "{\"\": 1, \"x\": 2, \"\": 3}", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sfn_diags d;
		struct sfn_json_doc *doc;
		size_t dups = 0;

		CHECK(parse(cases[i].text, strlen(cases[i].text), NULL, &d,
		            &doc) == SFN_OK);
		for (size_t k = 0; k < d.count; k++)
			dups += d.items[k].rule == SFN_RULE_JSON_DUPLICATE_KEY;
		CHECK_INT(dups, cases[i].count);
		sfn_json_doc_free(doc);
		sfn_diags_free(&d);
	}
}

static void duplicate_keys(struct test_state *t)
{
	static const char small[] = "{\"a\": 1,\n \"b\": 2, \"a\": 3}";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	char big[4096];
	size_t n = 0;

	CHECK(parse(small, sizeof(small) - 1, NULL, &d, &doc) == SFN_OK);
	CHECK_INT(d.count, 1);
	CHECK(d.items[0].rule == SFN_RULE_JSON_DUPLICATE_KEY);
	CHECK_STR(d.items[0].message, "duplicate key \"a\" (first at line 1, "
	                              "column 2)");
	CHECK_INT(d.items[0].loc.line, 2);
	CHECK_INT(d.items[0].loc.col, 10);
	CHECK_STR(d.items[0].pointer, "/a");
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);

	/* Every size, below SMALL_OBJECT members (a scan), at it and past
	 * it (a map): the last key repeats the first. */
	for (int m = 2; m <= 40; m++) {
		n = (size_t) snprintf(big, sizeof(big), "{");
		for (int i = 0; i < m - 1; i++)
			n += (size_t) snprintf(big + n, sizeof(big) - n,
			                       "\"k%d\":%d,", i, i);
		n += (size_t) snprintf(big + n, sizeof(big) - n, "\"k0\":0}");
		CHECK(parse(big, n, NULL, &d, &doc) == SFN_OK);
		CHECK_INT(d.count, 1);
		CHECK_STR(d.items[0].message, "duplicate key \"k0\" (first at "
		                              "line 1, column 2)");
		sfn_json_doc_free(doc);
		sfn_diags_free(&d);
	}
	n = 0;

	/* Past SMALL_OBJECT members the check uses a map: same verdicts. */
	n += (size_t) snprintf(big + n, sizeof(big) - n, "{");
	for (int i = 0; i < 50; i++)
		n += (size_t) snprintf(big + n, sizeof(big) - n, "\"k%d\":%d,",
		                       i % 40, i);
	n += (size_t) snprintf(big + n, sizeof(big) - n, "\"z\":0}");
	CHECK(parse(big, n, NULL, &d, &doc) == SFN_OK);
	CHECK_INT(d.count, 10);
	CHECK_STR(d.items[0].message, "duplicate key \"k0\" (first at line 1, "
	                              "column 2)");
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	duplicate_key_bits(t);
}

static void nul_in_string(struct test_state *t)
{
	static const char text[] = "{\"k\\u0000x\": \"a\\u0000b\"}";
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	CHECK_INT(d.count, 2);
	CHECK(d.items[0].rule == SFN_RULE_JSON_NUL_CHAR);
	CHECK_INT(d.items[0].loc.col, 4);
	CHECK_INT(d.items[1].loc.col, 16);
	CHECK_STR(sfn_json_root(doc)->child->valuestring, "a");
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

static void big_integers(struct test_state *t)
{
	static const char text[] = "[123456789012345, 9007199254740993, "
	                           "-100000000000000000000, 1.5]";
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	CHECK(parse(text, sizeof(text) - 1, NULL, &d, &doc) == SFN_OK);
	CHECK_INT(d.count, 1);
	CHECK(d.items[0].rule == SFN_RULE_JSON_NUMBER_PRECISION);
	CHECK_INT(d.items[0].loc.col, 19);
	CHECK_STR(d.items[0].message,
	          "integer 9007199254740993 has more "
	          "digits than a double keeps; it reads as 9007199254740992");
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* Nesting exactly at the limit parses; one level more is refused. */
static void depth_limit(struct test_state *t)
{
	struct sfn_json_opts opts;
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	char text[64];

	sfn_json_opts_default(&opts);
	CHECK_INT(opts.max_depth, SFN_JSON_MAX_DEPTH);
	opts.max_depth = 5;
	strcpy(text, "[[[[{\"a\":1}]]]]");
	CHECK(parse(text, strlen(text), &opts, &d, &doc) == SFN_OK);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	strcpy(text, "[[[[[[]]]]]]");
	CHECK(parse(text, strlen(text), &opts, &d, &doc) == SFN_ERR_LIMIT);
	CHECK(doc == NULL);
	CHECK_INT(d.count, 1);
	CHECK(d.items[0].rule == SFN_RULE_JSON_LIMIT);
	CHECK_INT(d.items[0].loc.col, 6);
	CHECK_STR(d.items[0].message, "arrays and objects nest deeper than 5 "
	                              "levels");
	sfn_diags_free(&d);
}

/* The default depth limit holds on a deep input without exhausting the
 * stack. */
static void default_depth(struct test_state *t)
{
	size_t n = 100000;
	char *text = malloc(n + 1);
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	memset(text, '[', n);
	text[n] = '\0';
	CHECK(parse(text, n, NULL, &d, &doc) == SFN_ERR_LIMIT);
	CHECK_INT(d.items[0].loc.col, SFN_JSON_MAX_DEPTH + 1);
	free(text);
	sfn_diags_free(&d);
}

static void size_limit(struct test_state *t)
{
	struct sfn_json_opts opts;
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	sfn_json_opts_default(&opts);
	CHECK(opts.max_bytes == SFN_JSON_MAX_BYTES);
	opts.max_bytes = 8;
	CHECK(parse("[1,2,34]", 8, &opts, &d, &doc) == SFN_OK);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	CHECK(parse("[1,2,345]", 9, &opts, &d, &doc) == SFN_ERR_LIMIT);
	CHECK_STR(d.items[0].message, "input is 9 bytes; the limit is 8 "
	                              "bytes");
	CHECK(d.items[0].rule == SFN_RULE_JSON_LIMIT);
	sfn_diags_free(&d);
}

static void without_locations(struct test_state *t)
{
	struct sfn_json_opts opts;
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_span s;

	sfn_json_opts_default(&opts);
	opts.keep_locations = 0;
	CHECK(parse("{\"a\":[1]}", 9, &opts, &d, &doc) == SFN_OK);
	CHECK(!sfn_json_value_span(doc, sfn_json_root(doc), &s));
	CHECK(sfn_json_loc(doc, sfn_json_root(doc)).line == 0);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

/* Strings are scanned sixteen bytes at a time (eight without SSE2): an
 * escape, a non-ASCII character, a control character or DEL (plain) at
 * every offset of strings of every length up to 40, so runs that end
 * before, at and after a block's edge, must be found, decoded and
 * located exactly. */
#define AS "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 40 */
#define BS "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static void string_scan_offsets(struct test_state *t)
{
	static const struct {
		const char *insert, *decoded;
		unsigned width; /* columns in the source */
	} kinds[] = { { "", "", 0 },         { "\xc3\xa9", "\xc3\xa9", 1 },
		      { "\\t", "\t", 2 },    { "\\\"", "\"", 2 },
		      { "\x7f", "\x7f", 1 }, { "\x1f", NULL, 1 },
		      { "\x01", NULL, 1 } };

	for (size_t n = 0; n <= 40; n++) {
		for (size_t k = 0; k <= n; k++) {
			for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds);
			     i++) {
				char text[96], want[96];
				struct sfn_diags d;
				struct sfn_json_doc *doc;
				struct sfn_span sp;
				cJSON *root;

				snprintf(text, sizeof(text),
				         "[\"%.*s%s%.*s\", 7]", (int) k, AS,
				         kinds[i].insert, (int) (n - k), BS);
				if (kinds[i].decoded == NULL) {
					CHECK(parse(text, strlen(text), NULL,
					            &d, &doc) != SFN_OK);
					CHECK_INT(d.count, 1);
					CHECK_INT(d.items[0].loc.col, 3 + k);
					sfn_diags_free(&d);
					continue;
				}
				snprintf(want, sizeof(want), "%.*s%s%.*s",
				         (int) k, AS, kinds[i].decoded,
				         (int) (n - k), BS);
				CHECK(parse(text, strlen(text), NULL, &d,
				            &doc) == SFN_OK);
				root = sfn_json_root(doc);
				CHECK_STR(root->child->valuestring, want);
				CHECK(sfn_json_value_span(
				        doc, root->child->next, &sp));
				CHECK_INT(sp.col, n + kinds[i].width + 6);
				sfn_json_doc_free(doc);
				sfn_diags_free(&d);
			}
		}
	}
}

/* TEXT fails to parse with one finding at column COL whose message holds
 * WHAT. */
static void fails_at(struct test_state *t, const char *text, size_t len,
                     unsigned col, const char *what)
{
	struct sfn_diags d;
	struct sfn_json_doc *doc;

	CHECK(parse(text, len, NULL, &d, &doc) == SFN_ERR_SYNTAX);
	CHECK_INT(d.count, 1);
	CHECK_INT(d.items[0].loc.col, col);
	CHECK(strstr(d.items[0].message, what) != NULL);
	sfn_diags_free(&d);
}

/* A string at the very end of the input, of every length up to 40:
 * closed there, it is the whole text; unclosed, the error names its
 * opening quote; with a byte from 0x80 or a control byte last, the error
 * is that byte's. */
static void string_scan_end(struct test_state *t)
{
	for (int n = 0; n <= 40; n++) {
		char text[64];
		struct sfn_diags d;
		struct sfn_json_doc *doc;

		snprintf(text, sizeof(text), "\"%.*s\"", n, AS);
		CHECK(parse(text, strlen(text), NULL, &d, &doc) == SFN_OK);
		CHECK_INT(strlen(sfn_json_root(doc)->valuestring), n);
		sfn_json_doc_free(doc);
		sfn_diags_free(&d);
		fails_at(t, text, strlen(text) - 1, 1, "not closed");
		snprintf(text, sizeof(text), "\"%.*s\xff", n, AS);
		fails_at(t, text, strlen(text), n + 2, "0xFF");
		snprintf(text, sizeof(text), "\"%.*s\n", n, AS);
		fails_at(t, text, strlen(text), n + 2, "U+000A");
	}
}

/* Runs of spaces are skipped eight at a time: a value after a newline
 * and N spaces, with a tab, a carriage return or nothing after them, is
 * located exactly for every N up to 40, and so is a lone space run at the
 * end of the input. */
static void space_runs(struct test_state *t)
{
	static const char *const after[] = { "", "\t", "\r", " \t " };

	for (int n = 0; n <= 40; n++) {
		for (size_t i = 0; i < sizeof(after) / sizeof(*after); i++) {
			char text[96];
			struct sfn_diags d;
			struct sfn_json_doc *doc;
			struct sfn_span sp;
			cJSON *root;

			snprintf(text, sizeof(text), "[\n%*s%s\"x\"]%*s", n, "",
			         after[i], n, "");
			CHECK(parse(text, strlen(text), NULL, &d, &doc) ==
			      SFN_OK);
			root = sfn_json_root(doc);
			CHECK(sfn_json_value_span(doc, root->child, &sp));
			CHECK_INT(sp.line, 2);
			CHECK_INT(sp.col, n + strlen(after[i]) + 1);
			sfn_json_doc_free(doc);
			sfn_diags_free(&d);
		}
	}
}

/* The colon right after a key is taken without a token of its own; one
 * after white space is a token: the value is located the same either
 * way, and a key without a colon is an error at what follows it. */
static void key_colon(struct test_state *t)
{
	static const struct {
		const char *text;
		unsigned line, col; /* of the value, or of the error */
		int ok;
	} cases[] = {
		{ "{\"a\":1}", 1, 6, 1 },
		{ "{\"a\" :1}", 1, 7, 1 },
		{ "{\"a\"\n:\n 1}", 3, 2, 1 },
		{ "{\"a\":\"b\",\"c\":[:]}", 1, 15, 0 },
		{ "{\"a\"1}", 1, 5, 0 },
		{ "{\"a\"", 1, 5, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sfn_diags d;
		struct sfn_json_doc *doc;
		struct sfn_span sp;
		enum sfn_status st = parse(cases[i].text, strlen(cases[i].text),
		                           NULL, &d, &doc);

		if (cases[i].ok) {
			CHECK(st == SFN_OK);
			CHECK(sfn_json_value_span(
			        doc, sfn_json_root(doc)->child, &sp));
			CHECK_INT(sp.line, cases[i].line);
			CHECK_INT(sp.col, cases[i].col);
			sfn_json_doc_free(doc);
		} else {
			CHECK(st == SFN_ERR_SYNTAX);
			CHECK_INT(d.count, 1);
			CHECK_INT(d.items[0].loc.line, cases[i].line);
			CHECK_INT(d.items[0].loc.col, cases[i].col);
		}
		sfn_diags_free(&d);
	}
}

/* Read in place: the tree's strings are right, spans still read, and the
 * text is as given once the document is freed, also when the text fails
 * to parse part way (the quotes before the error come back, and a NUL
 * byte past it stays). */
static void in_place(struct test_state *t)
{
	static const char *const texts[] = {
		"{\"a\": \"x\", \"b\\n\": [\"\", \"y\\u0041\"],\n \"c\": "
		"\"z\"}",
		"[\"a\", \"b\", 1x]",
		"[\"a\", \"b\"",
	};
	static const char nul_after[] = "[\"a\", \0\"b\"]";
	struct sfn_diags d;
	struct sfn_json_doc *doc;
	struct sfn_span sp;
	char buf[128];
	char *copy;

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		size_t len = strlen(texts[i]);

		memcpy(buf, texts[i], len + 1);
		sfn_diags_init(&d);
		if (sfn_json_parse_in_place(buf, len, "t.json", NULL, &d,
		                            &doc) == SFN_OK) {
			const cJSON *root = sfn_json_root(doc);

			CHECK(sfn_json_doc_in_place(doc));
			CHECK_STR(root->child->valuestring, "x");
			CHECK_STR(root->child->next->string, "b\n");
			CHECK_STR(root->child->next->child->next->valuestring,
			          "yA");
			CHECK_STR(root->child->next->next->valuestring, "z");
			CHECK(sfn_json_key_span(doc, root->child->next->next,
			                        &sp));
			CHECK_INT(sp.line, 2);
			CHECK_INT(sp.col, 2);
			CHECK_INT(sp.end_col, 5);
			copy = sfn_json_doc_text_copy(doc);
			CHECK(copy != NULL);
			CHECK_STR(copy, texts[i]);
			free(copy);
			CHECK(memchr(buf, '\0', len) != NULL);
			sfn_json_doc_free(doc);
		} else {
			CHECK(i > 0);
			CHECK(doc == NULL);
		}
		CHECK_STR(buf, texts[i]);
		sfn_diags_free(&d);
	}
	memcpy(buf, nul_after, sizeof(nul_after));
	sfn_diags_init(&d);
	CHECK(sfn_json_parse_in_place(buf, sizeof(nul_after) - 1, "t.json",
	                              NULL, &d, &doc) == SFN_ERR_SYNTAX);
	CHECK(memcmp(buf, nul_after, sizeof(nul_after)) == 0);
	sfn_diags_free(&d);
}

const struct test sfn_tests_json[] = {
	{ "container_ends", container_ends },
	{ "in_place", in_place },
	{ "rejects", rejects },
	{ "embedded_nul", embedded_nul },
	{ "error_pointer", error_pointer },
	{ "locations", locations },
	{ "locations_reread", locations_reread },
	{ "locations_backward", locations_backward },
	{ "values", values },
	{ "string_loc", string_loc },
	{ "string_loc_whole", string_loc_whole },
	{ "reserve_spans", reserve_spans },
	{ "string_scan_offsets", string_scan_offsets },
	{ "string_scan_end", string_scan_end },
	{ "space_runs", space_runs },
	{ "key_colon", key_colon },
	{ "duplicate_keys", duplicate_keys },
	{ "nul_in_string", nul_in_string },
	{ "big_integers", big_integers },
	{ "depth_limit", depth_limit },
	{ "default_depth", default_depth },
	{ "size_limit", size_limit },
	{ "without_locations", without_locations },
	{ NULL, NULL },
};
