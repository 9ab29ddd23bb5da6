/* The JSON reader: a recursive-descent parser over the re2c lexer that
 * builds a cJSON tree and records every node's location. Stops at the
 * first error, which it reports at the offending token. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/lexer.h"
#include "json/doc.h"
#include "json/each.h"
#include "sfn/json.h"
#include "sfn/utf8.h"

#define SMALL_OBJECT 24   /* members checked for duplicates by a plain scan */
#define NODE_SLAB    256  /* nodes taken from the arena at once */
#define STRING_SLAB  4096 /* bytes of a member's strings taken at once */
#define SHORT_STRING 16   /* a string copied with one fixed-size move */

/* A container being parsed, chained to its parents for JSON pointers. */
struct frame {
	const struct frame *up;
	const char *key;      /* key of the member being parsed, or NULL */
	size_t index;         /* index of the element being parsed */
	struct sfn_span open; /* where '{' or '[' stood */
	char bracket;         /* which of the two */
	uint64_t keys;        /* key_bit of every key read so far */
};

/* One of 64 bits for a key of LEN bytes starting with KEY[0]: a key whose
 * bit no earlier key of its object has cannot repeat one of them, and the
 * scan for duplicates is skipped. */
static uint64_t key_bit(const char *key, size_t len)
{
	return (uint64_t) 1 << (((unsigned char) key[0] + len * 7) & 63);
}

struct reader {
	struct sfn_json_lexer lx;
	const char *text; /* the input */
	char *copy;       /* where strings without escapes are ended in
	                     place: a copy of the text, or the text itself;
	                     NULL: every string is copied (a read-only
	                     text, Sfn_json_parse_each) */
	struct sfn_json_token *tok;  /* the current token */
	struct sfn_json_token *prev; /* the token consumed before it */
	struct sfn_json_token toks[2];
	struct sfn_json_doc *doc;
	struct sfn_json_node *slab; /* nodes not handed out yet */
	size_t slab_left;
	/* Sfn_json_parse_each: a member of "States" is being read into the
	 * scratch arena, from slabs of its own */
	const struct sfn_json_each *each;
	cJSON *root;            /* the top-level object being read */
	const char *states_key; /* the first top-level "States" key */
	int in_member;          /* nodes go to the scratch arena */
	struct sfn_json_node *scratch_slab;
	size_t scratch_left;
	char *string_slab; /* the member's strings, when COPY is NULL */
	size_t string_left;
	struct sfn_diags *diags;
	const struct sfn_json_opts *opts;
	enum sfn_status status; /* first failure */
};

void sfn_json_opts_default(struct sfn_json_opts *opts)
{
	opts->max_bytes = SFN_JSON_MAX_BYTES;
	opts->max_depth = SFN_JSON_MAX_DEPTH;
	opts->keep_locations = 1;
}

static void advance(struct reader *r)
{
	struct sfn_json_token *t = r->prev;

	r->prev = r->tok;
	r->tok = t;
	Sfn_json_lex(&r->lx, t);
}

/* ---- errors ------------------------------------------------------------- */

/* The JSON pointer of the value being parsed inside F. */
static void build_pointer(const struct frame *f, struct sfn_buf *out)
{
	char index[24];

	if (f == NULL)
		return;
	build_pointer(f->up, out);
	if (f->key != NULL) {
		sfn_json_pointer_add(out, f->key);
	} else {
		snprintf(index, sizeof(index), "%zu", f->index);
		sfn_json_pointer_add(out, index);
	}
}

static void report(struct reader *r, const struct frame *f,
                   enum sfn_rule_id rule, const struct sfn_span *at,
                   const char *message)
{
	struct sfn_loc loc = { r->doc->file, at->line, at->col, at->end_line,
		               at->end_col };
	struct sfn_buf ptr;

	sfn_buf_init(&ptr, 1 << 20);
	build_pointer(f, &ptr);
	sfn_diag_add(r->diags, rule, &loc, sfn_buf_str(&ptr), "%s", message);
	sfn_buf_free(&ptr);
}

static void fail(struct reader *r, enum sfn_status status)
{
	if (r->status == SFN_OK)
		r->status = status;
}

/* How the current token reads in "found ..." messages. */
static const char *describe(enum sfn_json_tok kind)
{
	static const char *const names[] = {
		[JT_EOF] = "end of input",
		[JT_LBRACE] = "'{'",
		[JT_RBRACE] = "'}'",
		[JT_LBRACKET] = "'['",
		[JT_RBRACKET] = "']'",
		[JT_COLON] = "':'",
		[JT_COMMA] = "','",
		[JT_STRING] = "a string",
		[JT_NUMBER] = "a number",
		[JT_TRUE] = "'true'",
		[JT_FALSE] = "'false'",
		[JT_NULL] = "'null'",
		[JT_ERROR] = "an invalid token",
	};

	return names[kind];
}

/* A syntax error at the current token: the lexer's own message when the
 * token is bad (its error is the precise one), else "expected WHAT, found
 * TOKEN" and an optional hint. Always returns NULL. */
static cJSON *syntax_error(struct reader *r, const struct frame *f,
                           const char *what, const char *hint)
{
	char msg[400], open[80];
	struct sfn_span at;

	if (r->tok->kind == JT_EOF && hint == NULL && f != NULL) {
		snprintf(open, sizeof(open),
		         " ('%c' at line %u, column %u is "
		         "not closed)",
		         f->bracket, f->open.line, f->open.col);
		hint = open;
	}
	if (r->tok->kind == JT_ERROR && r->lx.status != SFN_OK) {
		fail(r, r->lx.status);
		return NULL;
	}
	if (r->tok->kind == JT_ERROR)
		snprintf(msg, sizeof(msg), "%s", r->lx.err);
	else
		snprintf(msg, sizeof(msg), "expected %s, found %s%s", what,
		         describe(r->tok->kind), hint ? hint : "");
	at = Sfn_json_token_span(r->tok);
	report(r, f, SFN_RULE_JSON_SYNTAX, &at, msg);
	fail(r, SFN_ERR_SYNTAX);
	return NULL;
}

/* Where an unclosed container began, for "expected ',' or '}'". */
static cJSON *unclosed(struct reader *r, const struct frame *f,
                       const char *what, char open)
{
	char hint[80];

	snprintf(hint, sizeof(hint), " (to close '%c' at line %u, column %u)",
	         open, f->open.line, f->open.col);
	return syntax_error(r, f->up, what, hint);
}

static void warn_nul(struct reader *r, const struct frame *f)
{
	struct sfn_span s;

	if (r->lx.nul_at == NULL)
		return;
	Sfn_json_lexer_pos(&r->lx, r->lx.nul_at, &s.line, &s.col);
	s.end_line = s.line;
	s.end_col = s.col + 6;
	report(r, f, SFN_RULE_JSON_NUL_CHAR, &s,
	       "string contains \\u0000: sfnc keeps the string only up to "
	       "that character");
}

static void warn_inexact(struct reader *r, const struct frame *f)
{
	char msg[200];
	int n = (int) (r->tok->end - r->tok->begin);
	struct sfn_span at;

	snprintf(msg, sizeof(msg),
	         "integer %.*s%s has more digits than a "
	         "double keeps; it reads as %.17g",
	         n > 40 ? 40 : n, (const char *) r->tok->begin,
	         n > 40 ? "..." : "", r->lx.number);
	at = Sfn_json_token_span(r->tok);
	report(r, f, SFN_RULE_JSON_NUMBER_PRECISION, &at, msg);
}

/* ---- values -------------------------------------------------------------
 * Nodes and strings live in the document's arena: nodes are taken from
 * slabs of NODE_SLAB, and one release frees the whole tree. The tree is
 * read-only; it is never given to cJSON_Delete. */

/* A node from the slab *SLAB of ARENA, with *LEFT nodes left in it. */
static struct sfn_json_node *take_node(struct reader *r,
                                       struct sfn_arena *arena,
                                       struct sfn_json_node **slab,
                                       size_t *left)
{
	if (*left == 0) {
		*slab = sfn_arena_alloc_raw(arena, NODE_SLAB * sizeof(**slab));
		if (*slab == NULL) {
			fail(r, SFN_ERR_NOMEM);
			return NULL;
		}
		*left = NODE_SLAB;
	}
	(*left)--;
	return (*slab)++;
}

static inline __attribute__((always_inline)) cJSON *new_node(struct reader *r,
                                                             int type)
{
	struct sfn_json_node *n;

	if (r->in_member)
		n = take_node(r, &r->doc->parts->scratch, &r->scratch_slab,
		              &r->scratch_left);
	else
		n = take_node(r, &r->doc->arena, &r->slab, &r->slab_left);
	if (n == NULL)
		return NULL;
	/* each node cleared as it is handed out: clearing whole slabs at
	 * once took a twentieth of lint's instructions */
	*n = (struct sfn_json_node){ .node = { .type = type } };
	return &n->node;
}

/* Records that V starts at byte OFF of the text: its spans and its key's
 * are read from there when asked (offsets.c). */
static void locate(cJSON *v, size_t off)
{
	if (off < UINT32_MAX)
		((struct sfn_json_node *) v)->at = (uint32_t) off + 1;
}

/* The current string token's value in the arena. A string without
 * escapes is its own bytes in the copy of the text, ended by writing a
 * NUL over its closing quote: no allocation, no copy of its own. */
/* The current string token's value copied into the scratch arena, for a
 * member being handed out from a text not written into: from slabs, a
 * short one with a move of a fixed size (the text goes on past it). */
static inline __attribute__((always_inline)) char *member_string(
        struct reader *r)
{
	const char *v = r->lx.value;
	size_t n = r->lx.value_len;
	char *s;

	if (n + SHORT_STRING > r->string_left) {
		if (n + SHORT_STRING > STRING_SLAB / 4)
			return sfn_arena_strndup(&r->doc->parts->scratch, v, n);
		r->string_slab = sfn_arena_alloc_raw(&r->doc->parts->scratch,
		                                     STRING_SLAB);
		if (r->string_slab == NULL)
			return NULL;
		r->string_left = STRING_SLAB;
	}
	s = r->string_slab;
	if (n <= SHORT_STRING && r->lx.value_in_text &&
	    (const unsigned char *) v + SHORT_STRING <= r->lx.lim)
		memcpy(s, v, SHORT_STRING);
	else
		memcpy(s, v, n);
	s[n] = '\0';
	r->string_slab += n + 1;
	r->string_left -= n + 1;
	return s;
}

static inline __attribute__((always_inline)) char *new_string(struct reader *r)
{
	char *s;

	if (r->lx.value_in_text && r->copy != NULL) {
		s = r->copy + (r->lx.value - r->text);
		s[r->lx.value_len] = '\0';
		return s;
	}
	/* a member handed out keeps its strings in the scratch arena too:
	 * Sfn_json_doc_keep copies those of the nodes kept */
	s = r->in_member ? member_string(r)
	                 : sfn_arena_strndup(&r->doc->arena, r->lx.value,
	                                     r->lx.value_len);

	if (s == NULL)
		fail(r, SFN_ERR_NOMEM);
	return s;
}

static cJSON *parse_value(struct reader *r, const struct frame *f,
                          unsigned depth);
static cJSON *scalar(struct reader *r, const struct frame *f);

/* A scalar with its location. */
static inline cJSON *located_scalar(struct reader *r, const struct frame *f)
{
	size_t off = (size_t) ((const char *) r->tok->begin - r->text);
	cJSON *v = scalar(r, f);

	if (v != NULL && r->opts->keep_locations)
		locate(v, off);
	return v;
}

/* value = object | array | scalar: a scalar, the most common value of a
 * member or an element, is read without a call. */
static inline cJSON *parse_any(struct reader *r, const struct frame *f,
                               unsigned depth)
{
	if (r->tok->kind == JT_LBRACE || r->tok->kind == JT_LBRACKET)
		return parse_value(r, f, depth);
	return located_scalar(r, f);
}

/* scalar = string | number | true | false | null */
static cJSON *scalar(struct reader *r, const struct frame *f)
{
	cJSON *v;

	switch (r->tok->kind) {
	case JT_STRING:
		if (r->lx.nul_at != NULL) /* rare: no call for every string */
			warn_nul(r, f);
		v = new_node(r, cJSON_String);
		if (v != NULL && (v->valuestring = new_string(r)) == NULL)
			v = NULL;
		break;
	case JT_NUMBER:
		if (r->lx.inexact)
			warn_inexact(r, f);
		v = new_node(r, cJSON_Number);
		if (v != NULL)
			Sfn_json_set_number(v, r->lx.number);
		break;
	case JT_TRUE:
		v = new_node(r, cJSON_True);
		if (v != NULL)
			v->valueint = 1;
		break;
	case JT_FALSE:
		v = new_node(r, cJSON_False);
		break;
	case JT_NULL:
		v = new_node(r, cJSON_NULL);
		break;
	default:
		return syntax_error(r, f, "a JSON value", NULL);
	}
	if (v != NULL)
		advance(r);
	return v;
}

/* The warning at MEMBER's key, naming FIRST, the member it repeats. */
static void __attribute__((noinline))
report_duplicate(struct reader *r, const struct frame *f, const cJSON *first,
                 const cJSON *member)
{
	struct sfn_span at, second;
	char msg[300];

	if (!Sfn_json_doc_get(r->doc, member, NULL, &second))
		second = Sfn_json_token_span(r->prev);
	if (Sfn_json_doc_get(r->doc, first, NULL, &at))
		snprintf(msg, sizeof(msg),
		         "duplicate key \"%.*s\" (first at "
		         "line %u, column %u)",
		         sfn_utf8_fit(member->string, 200), member->string,
		         at.line, at.col);
	else
		snprintf(msg, sizeof(msg), "duplicate key \"%.*s\"",
		         sfn_utf8_fit(member->string, 200), member->string);
	report(r, f, SFN_RULE_JSON_DUPLICATE_KEY, &second, msg);
}

/* The member of a big OBJECT (N members before MEMBER) with MEMBER's
 * key, or NULL: the map SEEN takes the members not in it yet. */
static const cJSON *__attribute__((noinline))
seen_before(struct reader *r, const cJSON *object, const cJSON *member,
            size_t n, struct sfn_strmap *seen)
{
	const cJSON *found = NULL;
	enum sfn_status st = Sfn_json_key_seen(seen, object, member,
	                                       n == SMALL_OBJECT, &found);

	if (st != SFN_OK)
		fail(r, st);
	return found;
}

static void check_duplicate_slow(struct reader *r, const struct frame *f,
                                 const cJSON *object, const cJSON *member,
                                 size_t n, struct sfn_strmap *seen);

/* Duplicate keys: a warning at the second key naming the first. Small
 * objects are scanned; from SMALL_OBJECT members on, a map is kept. The
 * common case, a small object's key whose bit no key before set, is
 * decided here, in line: every member of every object comes here. */
static inline __attribute__((always_inline)) void check_duplicate(
        struct reader *r, struct frame *f, const cJSON *object,
        const cJSON *member, size_t n, struct sfn_strmap *seen, uint64_t bit)
{
	int unseen = (f->keys & bit) == 0;

	f->keys |= bit;
	if (n >= SMALL_OBJECT || !unseen)
		check_duplicate_slow(r, f, object, member, n, seen);
}

/* The rest of check_duplicate: a scan or the map. */
static void __attribute__((noinline))
check_duplicate_slow(struct reader *r, const struct frame *f,
                     const cJSON *object, const cJSON *member, size_t n,
                     struct sfn_strmap *seen)
{
	const cJSON *first = NULL;

	if (n < SMALL_OBJECT) {
		for (const cJSON *m = object->child; m != member; m = m->next) {
			if (m->string[0] == member->string[0] &&
			    strcmp(m->string, member->string) == 0) {
				first = m;
				break;
			}
		}
	} else {
		first = seen_before(r, object, member, n, seen);
	}
	if (first != NULL)
		report_duplicate(r, f, first, member);
}

/* The duplicate key warning at KEPT, a member handed out, when the
 * callback's names say it repeats one: placed before the callback's
 * findings (from index BEFORE on), where the reader's own check puts
 * it. */
static void duplicate_before(struct reader *r, const struct frame *f,
                             const cJSON *kept, size_t before)
{
	const cJSON *first = r->each->repeated(r->each->ctx);
	size_t count = r->diags->count;

	if (first == NULL)
		return;
	report_duplicate(r, f, first, kept);
	if (r->diags->count == count + 1)
		sfn_diags_move_last(r->diags, before);
}

/* A member of the streamed "States" read whole into the scratch arena:
 * its childless copy takes its place in OBJECT (and is what duplicate
 * keys are checked against, by the reader or, when it keeps the names,
 * by the callback), the callback sees it whole, then its nodes are
 * dropped. Returns 0 on failure. */
static int hand_out(struct reader *r, struct frame *f, cJSON *object,
                    cJSON **last, cJSON *value, size_t n,
                    struct sfn_strmap *seen, uint64_t bit)
{
	cJSON *kept = (cJSON *) Sfn_json_doc_keep(r->doc, value);
	size_t before = r->diags->count;

	if (kept == NULL) {
		fail(r, SFN_ERR_NOMEM);
		return 0;
	}
	Sfn_json_append(object, last, kept);
	if (r->each->repeated == NULL)
		check_duplicate(r, f, object, kept, n, seen, bit);
	r->each->member(r->each->ctx, r->doc, r->root, value, kept);
	if (r->each->repeated != NULL)
		duplicate_before(r, f, kept, before);
	sfn_arena_reuse(&r->doc->parts->scratch);
	r->scratch_left = 0;
	r->string_left = 0;
	return r->status == SFN_OK;
}

/* Whether the object about to be read at DEPTH inside UP is the first
 * top-level "States", whose members go to the callback one at a time. */
static int streamed(const struct reader *r, const struct frame *up,
                    unsigned depth)
{
	return r->each != NULL && depth == 2 && up != NULL && up->up == NULL &&
	       up->key != NULL && up->key == r->states_key;
}

/* member = string ":" value
 * Parses one member into OBJECT, or hands it out when STREAM; returns 0
 * on failure. */
static int parse_member(struct reader *r, struct frame *f, cJSON *object,
                        cJSON **last, unsigned depth, size_t n,
                        struct sfn_strmap *seen, int stream)
{
	cJSON *value;
	char *key;
	uint64_t bit;

	if (r->tok->kind != JT_STRING) {
		syntax_error(r, f->up, "a string key",
		             n > 0 && r->tok->kind == JT_RBRACE
		                     ? " (trailing commas are not allowed)"
		                     : NULL);
		return 0;
	}
	key = new_string(r);
	if (key == NULL)
		return 0;
	f->key = key;
	if (f->up == NULL && r->states_key == NULL &&
	    strcmp(key, "States") == 0)
		r->states_key = key;
	/* a key cut at a \u0000 is not as long as its text says: every bit,
	 * so that the keys after it are scanned */
	bit = r->lx.nul_at != NULL ? ~(uint64_t) 0
	                           : key_bit(key, r->lx.value_len);
	if (r->lx.nul_at != NULL)
		warn_nul(r, f);
	if (*r->lx.cur == ':') {
		/* the colon right after the key, as printers write it: no
		 * token of its own */
		r->lx.cur++;
	} else {
		advance(r);
		if (r->tok->kind != JT_COLON) {
			syntax_error(r, f, "':' after the key", NULL);
			return 0;
		}
	}
	advance(r);
	r->in_member |= stream; /* and stays set inside the member */
	value = parse_any(r, f, depth);
	if (stream)
		r->in_member = 0;
	if (value == NULL)
		return 0;
	value->string = key;
	if (stream)
		return hand_out(r, f, object, last, value, n, seen, bit);
	Sfn_json_append(object, last, value);
	check_duplicate(r, f, object, value, n, seen, bit);
	return 1;
}

/* object = "{" [ member *( "," member ) ] "}" */
static cJSON *parse_object(struct reader *r, const struct frame *up,
                           unsigned depth)
{
	struct frame f = { up, NULL, 0, Sfn_json_token_span(r->tok), '{', 0 };
	struct sfn_strmap seen;
	cJSON *object = new_node(r, cJSON_Object), *last = NULL;
	size_t n = 0;
	int stream = streamed(r, up, depth);

	if (object == NULL)
		return NULL;
	if (up == NULL)
		r->root = object;
	sfn_strmap_init(&seen);
	advance(r);
	if (r->tok->kind != JT_RBRACE) {
		while (parse_member(r, &f, object, &last, depth, n++, &seen,
		                    stream)) {
			f.key = NULL;
			if (r->tok->kind != JT_COMMA)
				break;
			advance(r);
		}
		f.key = NULL;
		if (r->status == SFN_OK && r->tok->kind != JT_RBRACE)
			unclosed(r, &f, "',' or '}' after the member", '{');
	}
	sfn_strmap_free(&seen);
	if (r->status != SFN_OK)
		return NULL;
	advance(r);
	return object;
}

/* array = "[" [ value *( "," value ) ] "]" */
static cJSON *parse_array(struct reader *r, const struct frame *up,
                          unsigned depth)
{
	struct frame f = { up, NULL, 0, Sfn_json_token_span(r->tok), '[', 0 };
	cJSON *array = new_node(r, cJSON_Array), *item, *last = NULL;

	if (array == NULL)
		return NULL;
	advance(r);
	if (r->tok->kind != JT_RBRACKET) {
		for (;; f.index++) {
			if (f.index > 0 && r->tok->kind == JT_RBRACKET) {
				syntax_error(r, &f, "a value after ','",
				             " (trailing commas are not "
				             "allowed)");
				break;
			}
			item = parse_any(r, &f, depth);
			if (item == NULL)
				break;
			Sfn_json_append(array, &last, item);
			if (r->tok->kind != JT_COMMA)
				break;
			advance(r);
		}
		if (r->status == SFN_OK && r->tok->kind != JT_RBRACKET)
			unclosed(r, &f, "',' or ']' after the element", '[');
	}
	if (r->status != SFN_OK)
		return NULL;
	advance(r);
	return array;
}

/* The container at the current token nests too deep. Out of line: the
 * message's buffer would cost every value a stack check. */
static cJSON *__attribute__((noinline))
too_deep(struct reader *r, const struct frame *f)
{
	struct sfn_span at = Sfn_json_token_span(r->tok);
	char msg[120];

	snprintf(msg, sizeof(msg),
	         "arrays and objects nest "
	         "deeper than %u levels",
	         r->opts->max_depth);
	report(r, f, SFN_RULE_JSON_LIMIT, &at, msg);
	fail(r, SFN_ERR_LIMIT);
	return NULL;
}

/* value = object | array | scalar; DEPTH counts enclosing containers. */
static cJSON *parse_value(struct reader *r, const struct frame *f,
                          unsigned depth)
{
	size_t off = (size_t) ((const char *) r->tok->begin - r->text);
	cJSON *v;

	if (r->tok->kind != JT_LBRACE && r->tok->kind != JT_LBRACKET)
		return located_scalar(r, f);
	if (depth >= r->opts->max_depth)
		return too_deep(r, f);
	v = r->tok->kind == JT_LBRACE ? parse_object(r, f, depth + 1)
	                              : parse_array(r, f, depth + 1);
	if (v != NULL && r->opts->keep_locations)
		locate(v, off);
	return v;
}

/* ---- documents ---------------------------------------------------------- */

static enum sfn_status too_big(const char *file, size_t len, size_t max,
                               struct sfn_diags *diags)
{
	struct sfn_loc loc = { file, 0, 0, 0, 0 };

	sfn_diag_add(diags, SFN_RULE_JSON_LIMIT, &loc, NULL,
	             "input is %zu bytes; the limit is %zu bytes", len, max);
	return SFN_ERR_LIMIT;
}

/* text = value, then nothing but white space */
static cJSON *parse_text(struct reader *r)
{
	cJSON *root;

	advance(r);
	if (r->tok->kind == JT_EOF)
		return syntax_error(r, NULL, "a JSON value",
		                    " (the input is empty)");
	root = parse_value(r, NULL, 0);
	if (root == NULL || r->tok->kind == JT_EOF)
		return root;
	if (r->tok->kind == JT_ERROR)
		syntax_error(r, NULL, "", NULL);
	else
		syntax_error(r, NULL, "end of input after the JSON value",
		             ": a JSON text holds exactly one value");
	return NULL;
}

/* A reader of TEXT[0, LEN) with an empty document, or a status. */
static enum sfn_status start(struct reader *r, const char *text, size_t len,
                             const char *file, const struct sfn_json_opts *opts,
                             struct sfn_diags *diags)
{
	if (len > opts->max_bytes)
		return too_big(file, len, opts->max_bytes, diags);
	memset(r, 0, sizeof(*r));
	r->tok = &r->toks[0];
	r->prev = &r->toks[1];
	r->doc = Sfn_json_doc_new(file);
	if (r->doc == NULL)
		return SFN_ERR_NOMEM;
	r->doc->in_arena = 1;
	/* a node takes about 30 bytes of text on average: few blocks, and
	 * a location lookup walks few */
	r->doc->arena.block_size = sfn_arena_block_for(len, 8);
	r->text = text;
	r->diags = diags;
	r->opts = opts;
	return SFN_OK;
}

/* Parses the text R was started on, its strings ended in R->copy. */
static enum sfn_status finish(struct reader *r, size_t len,
                              struct sfn_json_doc **doc)
{
	r->doc->text->text = r->copy != NULL ? r->copy : r->text;
	r->doc->text->len = len;
	Sfn_json_lexer_init(&r->lx, r->text, len, len);
	r->doc->root = parse_text(r);
	/* the reader ends strings only in tokens before the current one */
	r->doc->ended = (size_t) ((const char *) r->tok->begin - r->text);
	Sfn_json_lexer_free(&r->lx);
	if (r->doc->root == NULL) {
		sfn_json_doc_free(r->doc);
		return r->status != SFN_OK ? r->status : SFN_ERR_NOMEM;
	}
	*doc = r->doc;
	return SFN_OK;
}

/* Both entry points: strings end in IN_PLACE, which is TEXT, or when
 * NULL in a copy of TEXT in the document's arena. */
static enum sfn_status read_text(const char *text, char *in_place, size_t len,
                                 const char *file,
                                 const struct sfn_json_opts *opts,
                                 struct sfn_diags *diags,
                                 struct sfn_json_doc **doc)
{
	struct sfn_json_opts defaults;
	struct reader r;
	enum sfn_status st;

	*doc = NULL;
	if (opts == NULL) {
		sfn_json_opts_default(&defaults);
		opts = &defaults;
	}
	st = start(&r, text, len, file, opts, diags);
	if (st != SFN_OK)
		return st;
	r.copy = in_place != NULL ? in_place
	                          : sfn_arena_strndup(&r.doc->arena, text, len);
	if (r.copy == NULL) {
		sfn_json_doc_free(r.doc);
		return SFN_ERR_NOMEM;
	}
	r.doc->in_place = in_place;
	return finish(&r, len, doc);
}

enum sfn_status sfn_json_parse(const char *text, size_t len, const char *file,
                               const struct sfn_json_opts *opts,
                               struct sfn_diags *diags,
                               struct sfn_json_doc **doc)
{
	return read_text(text, NULL, len, file, opts, diags, doc);
}

enum sfn_status sfn_json_parse_in_place(char *text, size_t len,
                                        const char *file,
                                        const struct sfn_json_opts *opts,
                                        struct sfn_diags *diags,
                                        struct sfn_json_doc **doc)
{
	return read_text(text, text, len, file, opts, diags, doc);
}

enum sfn_status Sfn_json_parse_each(const char *text, size_t len,
                                    const char *file, struct sfn_diags *diags,
                                    const struct sfn_json_each *each,
                                    struct sfn_json_doc **doc)
{
	struct sfn_json_opts opts;
	struct reader r;
	enum sfn_status st;

	*doc = NULL;
	sfn_json_opts_default(&opts);
	st = start(&r, text, len, file, &opts, diags);
	if (st != SFN_OK)
		return st;
	/* few kept blocks, as for the nodes: a location lookup walks them */
	if (Sfn_json_doc_parts(r.doc, r.doc->arena.block_size) != SFN_OK) {
		sfn_json_doc_free(r.doc);
		return SFN_ERR_NOMEM;
	}
	/* read a state at a time, a definition leaves the tree its top
	 * level alone, which a block the size of the text would hold in a
	 * corner of its first huge page (cleared whole): blocks from a small
	 * one, doubling (a text without "States" fills them as before) */
	r.doc->arena.grow_to = r.doc->arena.block_size;
	r.doc->arena.block_size = SFN_ARENA_BLOCK_SIZE;
	r.each = each;
	/* the text is not written: each string is copied, a member's into
	 * the scratch arena, warm from the member before; a file mapped
	 * read-only costs no copy and no fresh page of its own */
	r.copy = NULL;
	return finish(&r, len, doc);
}

enum sfn_status sfn_json_pointer_add(struct sfn_buf *out, const char *token)
{
	sfn_buf_addc(out, '/');
	for (; *token != '\0'; token++) {
		if (*token == '~')
			sfn_buf_adds(out, "~0");
		else if (*token == '/')
			sfn_buf_adds(out, "~1");
		else
			sfn_buf_addc(out, *token);
	}
	return out->status;
}
