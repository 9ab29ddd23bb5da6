/* The fast YAML reader against the reader over libyaml's events: on the
 * YAML files of the tree, on every JSON file of the tree written as a
 * block YAML template (as bench/asl_to_yaml.py writes them, and again in
 * plain and flow styles), on a table of small texts and at its depth
 * limit, it either gives up or builds the same tree with the same spans
 * (tests/fuzz/yaml_same.h). */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../fuzz/yaml_same.h"
#include "sfn/json.h"
#include "sfn/util.h"
#include "test.h"

#define WALK_DEPTH 8 /* folders below the tree's root searched */

/* The files under DIR (folders WALK_DEPTH deep at most) whose names end
 * in one of SUFFIXES, each given to FN. */
static void walk(const char *dir, unsigned depth, const char *const *suffixes,
                 void (*fn)(const char *path, void *arg), void *arg)
{
	DIR *d = depth <= WALK_DEPTH ? opendir(dir) : NULL;
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		char path[4096];
		size_t n = strlen(e->d_name);
		struct stat st;

		if (e->d_name[0] == '.' ||
		    (size_t) snprintf(path, sizeof(path), "%s/%s", dir,
		                      e->d_name) >= sizeof(path) ||
		    lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path, depth + 1, suffixes, fn, arg);
			continue;
		}
		for (const char *const *s = suffixes; *s != NULL; s++)
			if (S_ISREG(st.st_mode) && n > strlen(*s) &&
			    strcmp(e->d_name + n - strlen(*s), *s) == 0) {
				fn(path, arg);
				break;
			}
	}
	if (d != NULL)
		closedir(d);
}

/* The folders of the source tree searched. */
static void walk_tree(const char *const *suffixes,
                      void (*fn)(const char *path, void *arg), void *arg)
{
	const char *src = getenv("SFN_SRCDIR");
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests", src ? src : ".");
	walk(path, 0, suffixes, fn, arg);
	snprintf(path, sizeof(path), "%s/examples", src ? src : ".");
	walk(path, 0, suffixes, fn, arg);
}

struct tally {
	struct test_state *t;
	size_t same, gave_up, differ;
	int must_read; /* a give-up counts as a failure */
};

static void judge(struct tally *k, const char *name, const char *text,
                  size_t len)
{
	char why[300];

	switch (yaml_compare(text, len, why, sizeof(why))) {
	case YAML_SAME:
		k->same++;
		break;
	case YAML_GAVE_UP:
		k->gave_up++;
		if (k->must_read)
			test_fail(k->t, __FILE__, __LINE__,
			          "%s: the fast reader gave up", name);
		break;
	default:
		k->differ++;
		test_fail(k->t, __FILE__, __LINE__, "%s: %s", name, why);
	}
}

static void yaml_file(const char *path, void *arg)
{
	char *text;
	size_t len;

	if (sfn_read_file(path, (size_t) 64 << 20, &text, &len) != SFN_OK)
		return;
	judge(arg, path, text, len);
	free(text);
}

/* Every YAML file of the tree: templates, golden inputs, fuzz seeds. */
static void tree_files(struct test_state *t)
{
	static const char *const yaml[] = { ".yaml", ".yml", NULL };
	struct tally k = { t, 0, 0, 0, 0 };

	walk_tree(yaml, yaml_file, &k);
	CHECK_INT(k.differ, 0);
	/* most are templates as people write them: the fast reader's */
	CHECK(k.same >= 10);
}

/* ---- JSON written as YAML -------------------------------------------- */

enum style {
	QUOTED, /* as bench/asl_to_yaml.py: keys and strings as JSON */
	PLAIN   /* words plain, other strings single-quoted, short lists of
	           scalars in flow style, comments, "---", no last newline */
};

/* Whether S may stand as a plain scalar and still read as a string. */
static int plain_word(const char *s)
{
	double num;

	if (*s == '\0' || *s == '-' ||
	    Sfn_yaml_core_type(s, &num) != cJSON_String)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		      *s == '.' || *s == '$'))
			return 0;
	return 1;
}

/* S single-quoted ('' for a quote), when it fits on one line. */
static int single_quoted(struct sfn_buf *out, const char *s)
{
	if (strchr(s, '\n') != NULL || strpbrk(s, "\t\r") != NULL)
		return 0;
	for (const unsigned char *u = (const unsigned char *) s; *u; u++)
		if (*u < 0x20)
			return 0;
	sfn_buf_addc(out, '\'');
	for (; *s != '\0'; s++)
		sfn_buf_adds(out, *s == '\'' ? "''" : (char[]){ *s, '\0' });
	sfn_buf_addc(out, '\'');
	return 1;
}

static void scalar_text(struct sfn_buf *out, const cJSON *v, enum style st)
{
	char *json;

	if (st == PLAIN && cJSON_IsString(v) && plain_word(v->valuestring)) {
		sfn_buf_adds(out, v->valuestring);
		return;
	}
	if (st == PLAIN && cJSON_IsString(v) &&
	    single_quoted(out, v->valuestring))
		return;
	json = cJSON_PrintUnformatted(v);
	sfn_buf_adds(out, json ? json : "null");
	free(json);
}

static void key_text(struct sfn_buf *out, const char *key, enum style st)
{
	cJSON *k = cJSON_CreateString(key);

	if (k != NULL)
		scalar_text(out, k, st);
	cJSON_Delete(k);
}

static int is_collection(const cJSON *v)
{
	return (cJSON_IsObject(v) || cJSON_IsArray(v)) && v->child != NULL;
}

/* A short list of scalars, written [a, b] in the plain style. */
static int flow_list(const cJSON *v)
{
	int n = 0;

	if (!cJSON_IsArray(v) || v->child == NULL)
		return 0;
	for (const cJSON *c = v->child; c != NULL; c = c->next, n++)
		if (is_collection(c) || cJSON_IsObject(c) || cJSON_IsArray(c) ||
		    n >= 4)
			return 0;
	return 1;
}

static void dump(struct sfn_buf *out, const cJSON *v, int indent,
                 enum style st);

/* A value after "key:" or "-": on the line, or below it. */
static void dump_value(struct sfn_buf *out, const cJSON *v, int indent,
                       enum style st)
{
	if (st == PLAIN && flow_list(v)) {
		sfn_buf_adds(out, " [");
		for (const cJSON *c = v->child; c != NULL; c = c->next) {
			scalar_text(out, c, st);
			if (c->next != NULL)
				sfn_buf_adds(out, ", ");
		}
		sfn_buf_adds(out, "]\n");
	} else if (is_collection(v)) {
		sfn_buf_adds(out, st == PLAIN ? "  # below\n" : "\n");
		dump(out, v, indent + 1, st);
	} else {
		sfn_buf_addc(out, ' ');
		scalar_text(out, v, st);
		sfn_buf_addc(out, '\n');
	}
}

static void dump(struct sfn_buf *out, const cJSON *v, int indent, enum style st)
{
	for (const cJSON *c = v->child; c != NULL; c = c->next) {
		sfn_buf_printf(out, "%*s", 2 * indent, "");
		if (cJSON_IsObject(v)) {
			key_text(out, c->string, st);
			sfn_buf_addc(out, ':');
		} else {
			sfn_buf_addc(out, '-');
		}
		dump_value(out, c, indent, st);
	}
}

struct converted {
	struct tally tally;
	enum style style;
	size_t left; /* texts the fast reader must leave to libyaml */
};

/* Whether S holds a character libyaml reads as a line break (U+0085,
 * U+2028, U+2029), a C1 control or a byte order mark. */
static int odd_chars(const char *s)
{
	static const char *const odd[] = { "\xc2\x85", "\xe2\x80\xa8",
		                           "\xe2\x80\xa9", "\xef\xbb\xbf" };

	for (const unsigned char *u = (const unsigned char *) s; *u; u++)
		if (u[0] == 0xc2 && u[1] >= 0x80 && u[1] < 0xa0)
			return 1;
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		if (strstr(s, odd[i]) != NULL)
			return 1;
	return 0;
}

/* Whether V, at LEVEL collections deep, takes the fast reader past
 * its depth limit or holds characters it leaves to libyaml. */
static int beyond_fast(const cJSON *v, int level)
{
	if ((v->string != NULL && odd_chars(v->string)) ||
	    (cJSON_IsString(v) && odd_chars(v->valuestring)))
		return 1;
	if (!is_collection(v))
		return 0;
	if (level + 1 > SFN_YAML_FAST_MAX_DEPTH)
		return 1;
	for (const cJSON *c = v->child; c != NULL; c = c->next)
		if (beyond_fast(c, level + 1))
			return 1;
	return 0;
}

/* A JSON file of the tree, as the Definition of a template. */
static void json_file(const char *path, void *arg)
{
	struct converted *c = arg;
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	struct sfn_buf out;
	char *text;
	size_t len, same_before = c->tally.same;
	cJSON *root;

	if (sfn_read_file(path, (size_t) 64 << 20, &text, &len) != SFN_OK)
		return;
	sfn_diags_init(&d);
	sfn_buf_init(&out, (size_t) 256 << 20);
	root = sfn_json_parse(text, len, path, NULL, &d, &doc) == SFN_OK &&
	                       d.count == 0
	               ? sfn_json_root(doc)
	               : NULL;
	if (root != NULL && is_collection(root) && cJSON_IsObject(root)) {
		sfn_buf_adds(&out, c->style == PLAIN
		                           ? "# generated\n---\nResources:\n"
		                             "  Machine:\n    Type: x\n"
		                             "    Properties:\n"
		                             "      Definition:\n"
		                           : "\"Resources\":\n  \"Machine\":\n"
		                             "    \"Type\": \"x\"\n"
		                             "    \"Properties\":\n"
		                             "      \"Definition\":\n");
		dump(&out, root, 4, c->style);
		if (c->style == PLAIN && out.len > 0)
			out.len--; /* the text ends without a line break */
		/* the template's own four mappings hold the definition */
		c->tally.must_read = !beyond_fast(root, 4);
		c->left += !c->tally.must_read;
		if (out.status == SFN_OK)
			judge(&c->tally, path, out.data, out.len);
		if (!c->tally.must_read && c->tally.same > same_before)
			test_fail(c->tally.t, __FILE__, __LINE__,
			          "%s: read, not left to libyaml", path);
	}
	sfn_buf_free(&out);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
}

static void converted(struct test_state *t, enum style style)
{
	static const char *const json[] = { ".json", NULL };
	struct converted c = { { t, 0, 0, 0, 1 }, style, 0 };

	walk_tree(json, json_file, &c);
	CHECK_INT(c.tally.differ, 0);
	CHECK_INT(c.tally.gave_up, c.left);
	CHECK(c.tally.same >= 100);
}

static void json_as_quoted_yaml(struct test_state *t)
{
	converted(t, QUOTED);
}

static void json_as_plain_yaml(struct test_state *t)
{
	converted(t, PLAIN);
}

/* ---- small texts --------------------------------------------------------- */

static const struct {
	const char *text;
	int read; /* 1: the fast reader must read it; 0: it must give up */
} cases[] = {
	/* mappings, sequences, empty values, where collections end */
	{ "a: 1\nb: x y\n", 1 },
	{ "a:\nb: 1\n", 1 },
	{ "a:\n  # c\nb:\n", 1 },
	{ "a:\n  b:\n    c: 1\nd: 2\n", 1 },
	{ "a:\n  b:\n    c: 1\n", 1 },
	{ "a:\n  b:\n    c: 1", 1 },
	{ "a:\n  b:\n    c: 1\n  ", 1 },
	{ "a:\n  b:\n    c: 1\n      ", 1 },
	{ "a:\n  b:\n    c: 1\n# end", 1 },
	{ "a:\n  b: [1]\n     # end", 1 },
	{ "  a: 1\n  b: 2\n", 1 },
	{ "- 1\n-\n- - x\n  - - y\n    - z\n- w\n", 1 },
	{ "- 1\n-\n-   a: 1\n    b: 2\n- c: 3\n", 1 },
	{ "-\n  a: 1\n-\n", 1 },
	{ "a:\n- 1\n- b: 2\n  c: 3\nd: 4\n", 1 },
	{ "a:\n- 1\n-\nd:\n- x", 1 },
	{ "a:\n  - 1\n  -\nb: 2\n", 1 },
	{ "a: 1 # c\n\n\n# c\nb: 2 #c\n", 1 },
	{ "---\na: 1\n", 1 },
	{ "# c\n--- # c\na: 1\n", 1 },
	{ "plain root\n", 1 },
	{ "[1, 2]\n", 1 },
	{ "\"a\" : 1\n'b': 2\n", 1 },
	{ "a b: c d  \n", 1 },
	{ "a: b#c\nd: e:f\n-g: -1\n", 1 },
	/* scalars */
	{ "a: \"x\\ty\\n\\\\ \\\" \\x41\\u00e9\\U0001F600\\N\\_\"\n", 1 },
	/* DEL is no printable character in YAML: libyaml refuses it in a
	 * double-quoted scalar, in the first sixteen bytes and past them */
	{ "a: \"x\x7fy\"\n", 0 },
	{ "a: \"0123456789abcdefghij\x7f\"\n", 0 },
	{ "a: \"0123456789abcdefghijklmnopqrstuvwxyz~\"\n", 1 },
	{ "a: 'it''s'\nb: ''\nc: \"\"\n", 1 },
	{ "a: [1, -2, 0x1f, 0o17, 1.5e3, .5, ~, null, True, FALSE, x]\n", 1 },
	{ "\"k\\u00e9\": \"v\"\nb: \xc3\xa9t\xc3\xa9\nc: 1\n", 1 },
	{ "\xc3\xa9: [\xe2\x82\xac, {x: \xf0\x9f\x98\x80}]\n", 1 },
	/* scalars over several lines */
	{ "a: x\n  y\n", 1 },
	{ "a: x  \n\n   y z\n\n\n   w # c\nb: 1\n", 1 },
	{ "- a b\n  c\n- d\n  # c\ne", 0 },
	{ "- a b\n  c\n- d\n  # c\n", 1 },
	{ "x\ny\n\nz", 1 },
	{ "a: \"x\n  y  \n\n z\"\nb: 'p\n\n\n  q'\n", 1 },
	{ "a: \"x \\\n   y\\\n\n  z\"\n", 1 },
	{ "a: [\"x\n y\", z]\n", 1 },
	{ "a: \"\xc3\xa9\n\xc3\xa9\" # c\n", 1 },
	/* Windows line breaks */
	{ "a: x\r\n", 1 },
	{ "a: \"x\r\n\r\n y\" # c\r\nb:\r\n- |\r\n  z\r\n\r\n", 1 },
	/* block scalars */
	{ "a: |\n  x\n   y\n\n  z\n\n\nb: 1\n", 1 },
	{ "a: >\n  x\n  y\n\n  z\n   w\n  v\n\n", 1 },
	{ "a: |-\n  x\n\n", 1 },
	{ "a: |+\n  x\n\n\n# c\nb: >+2 # c\n    x\n   \n\n", 1 },
	{ "- >-1\n  x\n   y\n- |\n\n \n  x\n  # not a comment\n", 1 },
	{ "- |\n\n   \n  x\n", 0 }, /* the blank line sets 3: an error */
	{ "a: !Sub |\n  ${X}\n  y", 1 },
	{ "a: |\n  x", 1 },
	{ "a: |\n", 1 },
	{ "a: |\n\n\nb: 1", 1 },
	{ "|\n x\n", 1 },
	{ "a:\n  - |\n    \xc3\xa9\n     \xe2\x82\xac\n  - x\n", 1 },
	{ "a: |0\n  x\n", 0 },
	{ "a: |x\n  x\n", 0 },
	{ "a: |\n  x\ty\n", 0 },
	/* flow collections */
	{ "a: []\nb: {}\nc: [[], {x: [1, {y: z}]}]\n", 1 },
	{ "a: [ 1 , 2 ]\nb: { x: 1 , y: 2 }\n", 1 },
	{ "a: [arn:aws:x, 'q', \"d\"]\n", 1 },
	{ "a: [1,\n  2]\n", 1 },
	{ "a: [1,\n2]\n", 0 },
	{ "a: [a\n  b]\n", 0 },
	{ "a: [a # c\n  , b]\n", 1 },
	{ "a: {x:\n   1, y: [\n  2\n  ]}\nb: [\"x\n  y\", 'z'\n  ]\n", 1 },
	{ "- [a,\n  b, !Ref\n   c]\n- x\n", 1 },
	{ "[\n1\n]\n", 1 },
	{ "a: [1,\n", 0 },
	{ "a: [1, ]\n", 0 },
	{ "a: [x: 1]\n", 0 },
	{ "a: {x}\n", 0 },
	/* tags */
	{ "r: !Ref Bucket\ns: !Sub 'arn:${AWS::Partition}:x'\n", 1 },
	{ "g: !GetAtt Role.Arn\nh: !GetAtt [Role, Arn]\ni: !GetAtt x\n", 1 },
	{ "j: !Join ['', [a, !Ref B, !GetAtt C.D]]\n", 1 },
	{ "c: !Condition x\nn: !Equals [!Ref A, 5]\n", 1 },
	{ "i: !If\n  - c\n  - !Ref A\n  - x\n", 1 },
	{ "- !Base64\n  a: 1\n- !Ref x\n", 1 },
	{ "!Ref root\n", 1 },
	{ "a: !Ref\nb: 1\n", 0 },
	{ "a: !!str 1\n", 0 },
	{ "a: !Ref x: 1\n", 0 },
	{ "a: !If\n- c\n", 0 },
	/* left to libyaml */
	{ "a: &x 1\nb: *x\n", 0 },
	{ "a: &x |\n  x\n", 0 },
	{ "a: \"x\n---\ny\"\n", 0 },
	{ "a: x\n  y: 1\n", 0 },
	{ "k\n  v: 1\n", 0 },
	{ "a: \"x\n  y\n", 0 },
	{ "a:\tx\n", 0 },
	{ "a: x\r", 0 },
	{ "a: x\ry: 1\n", 0 },
	{ "\xef\xbb\xbf"
	  "a: x\n",
	  0 },
	{ "a: 1\na: 2\n", 0 },
	{ "? a\n: b\n", 0 },
	{ "%YAML 1.1\n---\na: 1\n", 0 },
	{ "a: 1\n...\n", 0 },
	{ "a: 1\n---\nb: 2\n", 0 },
	{ "a: \"\\L\"\n", 0 },
	{ "a: \"\\0\"\n", 0 },
	{ "a: \"\\/\"\n", 0 },
	{ "a: \"x\"#c\n", 0 },
	{ "", 0 },
	{ "# only\n", 0 },
	{ "---\n", 0 },
	{ "a: b: c\n", 0 },
	{ "a: 1\n b: 2\n", 0 },
	{ "- a\nb: 1\n", 0 },
	{ "a: x\x01\n", 0 },
	{ "a: \xc2\x85\n", 0 },
	{ "a: \xed\xa0\x80\n", 0 },
	{ "a: [x, {y: \xf0\x9f\x98z}]\n", 0 },
};

static void small_texts(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[32];
		struct tally k = { t, 0, 0, 0, cases[i].read };

		snprintf(name, sizeof(name), "case %zu", i);
		judge(&k, name, cases[i].text, strlen(cases[i].text));
		if (!cases[i].read && k.same != 0)
			test_fail(t, __FILE__, __LINE__,
			          "case %zu: read, not left to libyaml", i);
	}
}

/* A NUL byte inside the text: libyaml refuses it, so the fast reader
 * leaves it to libyaml rather than end the text there, wherever it
 * stands (the scanner stops at it as at the text's end). */
static void nul_byte(struct test_state *t)
{
	static const struct {
		const char *text;
		size_t len;
	} texts[] = {
#define NUL_TEXT(s) { s, sizeof(s) - 1 }
		NUL_TEXT("a: x\0y\n"),
		NUL_TEXT("a: x\n\0"),
		NUL_TEXT("a: x\n\0b: y\n"),
		NUL_TEXT("a: \"x\0y\"\n"),
		NUL_TEXT("a: 'x\0y'\n"),
		NUL_TEXT("a: x # c\0d\nb: y\n"),
		NUL_TEXT("a: |\n  x\0y\nb: y\n"),
		NUL_TEXT("a: >\n  x\n\0\nb: y\n"),
		NUL_TEXT("a: [x, \0y]\n"),
		NUL_TEXT("a: {b: \0}\n"),
		NUL_TEXT("a:\0\n  b: y\n"),
		NUL_TEXT("- x\n-\0 y\n"),
		NUL_TEXT("a: !Ref\0 x\n"),
		NUL_TEXT("\0a: x\n"),
#undef NUL_TEXT
	};
	char why[300];

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		CHECK_INT(yaml_compare(texts[i].text, texts[i].len, why,
		                       sizeof(why)),
		          YAML_GAVE_UP);
	CHECK_INT(yaml_compare(texts[0].text, 4, why, sizeof(why)), YAML_SAME);
}

/* ---- depth --------------------------------------------------------------- */

/* N flow sequences nested in each other, as a mapping's value (the
 * mapping is one level more). */
static void flow_nest(struct sfn_buf *b, int n)
{
	sfn_buf_adds(b, "a: ");
	for (int i = 0; i < n; i++)
		sfn_buf_addc(b, '[');
	for (int i = 0; i < n; i++)
		sfn_buf_addc(b, ']');
	sfn_buf_addc(b, '\n');
}

/* N block mappings nested in each other. */
static void block_nest(struct sfn_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		sfn_buf_printf(b, "%*sk:%s\n", 2 * i, "",
		               i + 1 == n ? " 1" : "");
}

/* At SFN_YAML_FAST_MAX_DEPTH levels the fast reader reads the text; one
 * more and it leaves it to libyaml, which reads it all the same. */
static void depth_limit(struct test_state *t)
{
	void (*const makers[])(struct sfn_buf *, int) = { flow_nest,
		                                          block_nest };

	CHECK_INT(SFN_YAML_FAST_MAX_DEPTH, 100);
	for (size_t m = 0; m < 2; m++) {
		int depth = m == 0 ? SFN_YAML_FAST_MAX_DEPTH - 1
		                   : SFN_YAML_FAST_MAX_DEPTH;

		for (int past = 0; past < 2; past++) {
			struct sfn_buf b;
			struct sfn_diags d;
			struct sfn_json_doc *doc = NULL;
			char why[300];
			enum yaml_verdict v;

			sfn_buf_init(&b, 1 << 20);
			makers[m](&b, depth + past);
			CHECK(b.status == SFN_OK);
			v = yaml_compare(b.data, b.len, why, sizeof(why));
			CHECK_INT(v, past ? YAML_GAVE_UP : YAML_SAME);
			sfn_diags_init(&d);
			CHECK_INT(sfn_yaml_parse(b.data, b.len, "t.yaml", &d,
			                         &doc),
			          SFN_OK);
			sfn_json_doc_free(doc);
			sfn_diags_free(&d);
			sfn_buf_free(&b);
		}
	}
}

const struct test sfn_tests_yaml_fast[] = {
	{ "tree_files", tree_files },
	{ "json_as_quoted_yaml", json_as_quoted_yaml },
	{ "json_as_plain_yaml", json_as_plain_yaml },
	{ "small_texts", small_texts },
	{ "nul_byte", nul_byte },
	{ "depth_limit", depth_limit },
	{ NULL, NULL },
};
