/* The fast YAML reader: the YAML that CloudFormation templates use, read
 * straight from the text into the tree, spans and node types the reader
 * over libyaml's events builds (yaml.c), at the cost per byte of the JSON
 * reader. It reads block mappings and sequences (indentless ones too),
 * plain, single-quoted and double-quoted scalars (folded over lines as
 * libyaml folds them), literal and folded block scalars, flow collections
 * (plain scalars in them on one line), comments, a leading "---",
 * CloudFormation's short tags (!Ref x) and CR LF line breaks. On anything
 * else (anchors, aliases, "?" keys, directives, several documents, tabs,
 * a CR alone, a NUL byte, a byte order mark, duplicate keys, nesting
 * deeper than SFN_YAML_FAST_MAX_DEPTH, invalid YAML) it gives up, having
 * added no diagnostic, and the events reader reads the whole text
 * instead.
 *
 * Spans are libyaml's marks: lines and columns (in characters) from 0,
 * stored from 1. A block collection ends where the token after it starts
 * (after comments and blank lines); at the end of the text, where libyaml
 * puts its end (see eof_mark). An empty value stands just after its ':'
 * or '-'. Nodes and strings live in the document's arena, the spans
 * beside the nodes (sfn_json_placed). */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/doc.h"
#include "json/yaml.h"
#include "json/yaml_scan.h"
#include "util/ascii_scan.h"

#define NODE_SLAB     256  /* nodes taken from the arena at once */
#define SMALL_MAPPING 24   /* keys checked for duplicates by a plain scan */
#define KEY_MAX_BYTES 1024 /* libyaml's simple keys: 1024 characters */
#define TAG_MAX_BYTES 40   /* longer short tags are left to libyaml */

/* Where a value stood, kept until its node is located. */
struct placed {
	cJSON *v;
	struct mark start, end;
};

/* Where the caller stands when a block node starts: at the first token
 * of a line, after "- " on the same line, or after "key: ". */
enum ctx { AT_LINE, AFTER_DASH, AFTER_COLON };

static int failed(const struct yfast *y)
{
	return y->gave_up || y->status != SFN_OK;
}

static int at_eof(const struct yfast *y)
{
	return *y->p == '\0';
}

/* Where libyaml ends a block collection of indentation INDENT at the end
 * of the text: those deeper than the last line's length end there, the
 * others at the start of the line after it (libyaml's stream end forces
 * a new line). */
static struct mark eof_mark(const struct yfast *y, unsigned indent)
{
	struct mark m = mark_of(y, y->end);

	if (indent <= m.col && m.col != 0) {
		m.line++;
		m.col = 0;
	}
	return m;
}

/* Where a block collection of indentation INDENT ends: at the next token,
 * y->p. */
static struct mark block_end(const struct yfast *y, unsigned indent)
{
	return at_eof(y) ? eof_mark(y, indent) : mark_of(y, y->p);
}

/* Spaces, comments and line breaks up to the next token, as libyaml
 * skips them. A '#' right after a token gives up. */
static void skip_lines(struct yfast *y)
{
	const char *p = y->p;

	for (;;) {
		p = (const char *) Sfn_ascii_space_stop(
		        (const unsigned char *) p,
		        (const unsigned char *) y->end);
		if (*p == '#') {
			if (p > y->line_start && p[-1] != ' ') {
				give_up(y);
				return;
			}
			while (*p != '\n' && *p != '\0') {
				size_t n = printable(*p)
				                   ? 1
				                   : Sfn_yaml_other_char(y, p);

				if (n == 0) {
					give_up(y);
					return;
				}
				p += n;
			}
		}
		if (*p != '\n')
			break;
		p++;
		y->line++;
		y->line_start = p;
	}
	y->p = p;
}

/* The same, and a document marker there gives up. */
static void skip_to_content(struct yfast *y)
{
	skip_lines(y);
	if (y->p == y->line_start && is_marker(y->p))
		give_up(y);
}

/* After a token that ends a node on its line: spaces, then a comment or
 * the line's end; then the next token. */
static int end_of_line(struct yfast *y)
{
	while (*y->p == ' ')
		y->p++;
	if (*y->p != '#' && *y->p != '\n' && *y->p != '\0')
		return give_up(y);
	skip_to_content(y);
	return !y->gave_up;
}

/* ---- nodes --------------------------------------------------------------- */

/* A node from the document's arena, or from the scratch arena inside a
 * member being handed out. */
static cJSON *new_node(struct yfast *y, int type)
{
	struct sfn_json_placed **slab =
	        y->in_member ? &y->scratch_slab : &y->slab;
	size_t *left = y->in_member ? &y->scratch_left : &y->slab_left;
	cJSON *n;

	if (*left == 0) {
		*slab = sfn_arena_alloc_raw(
		        y->in_member ? &y->doc->parts->scratch : &y->doc->arena,
		        NODE_SLAB * sizeof(**slab));
		if (*slab == NULL) {
			y->status = SFN_ERR_NOMEM;
			return NULL;
		}
		*left = NODE_SLAB;
	}
	/* cleared a part at a time: cleared whole, the 96 bytes took a
	 * "rep stos", whose start-up cost more than the stores */
	(*slab)->node = (cJSON){ .type = type };
	(*slab)->where = (struct sfn_json_where){ { 0, 0, 0, 0 }, 0, 0, 0 };
	n = &(*slab)++->node;
	(*left)--;
	return n;
}

static struct sfn_span span_of(struct mark start, struct mark end)
{
	struct sfn_span s = { start.line + 1, start.col + 1, end.line + 1,
		              end.col + 1 };

	return s;
}

static int locate(struct yfast *y, const struct placed *at,
                  const struct sfn_span *key)
{
	struct sfn_span span = span_of(at->start, at->end);

	Sfn_json_where_set(&((struct sfn_json_placed *) at->v)->where, &span,
	                   key);
	return y->status == SFN_OK;
}

/* The node of a scalar: typed by the core schema when plain and
 * untagged, else a string. */
static cJSON *scalar_node(struct yfast *y, const struct scalar *s, int tagged)
{
	double num = 0;
	int type = s->plain && !tagged ? Sfn_yaml_core_type(s->value, &num)
	                               : cJSON_String;
	cJSON *v = new_node(y, type);

	if (v == NULL)
		return NULL;
	if (type == cJSON_String)
		v->valuestring = s->value;
	else if (type == cJSON_Number)
		Sfn_json_set_number(v, num);
	return v;
}

/* Whether a ':' and a blank follow the token just scanned, after spaces:
 * then it is a key, and y->p is left at the ':'. */
static int colon_follows(struct yfast *y)
{
	const char *p = y->p;

	while (*p == ' ')
		p++;
	if (*p != ':' || !blankz(p[1]))
		return 0;
	y->p = p;
	return 1;
}

/* ---- mappings ------------------------------------------------------------ */

/* Whether MEMBER's key is already in OBJECT (of N members before it);
 * SEEN maps the keys of a large one. */
static int duplicate(struct yfast *y, const cJSON *object, const cJSON *member,
                     size_t n, struct sfn_strmap *seen)
{
	const cJSON *found = NULL;
	enum sfn_status st;

	if (n < SMALL_MAPPING) {
		for (const cJSON *m = object->child; m != member; m = m->next)
			if (m->string[0] == member->string[0] &&
			    strcmp(m->string, member->string) == 0)
				return 1;
		return 0;
	}
	st = Sfn_json_key_seen(seen, object, member, n == SMALL_MAPPING,
	                       &found);
	if (st != SFN_OK)
		y->status = st;
	return found != NULL;
}

static int node(struct yfast *y, int indent, enum ctx ctx, unsigned depth,
                struct placed *out);
static int block_sequence(struct yfast *y, unsigned col, int indentless,
                          unsigned depth, struct placed *out);

/* An empty value at M: null. */
static int empty(struct yfast *y, struct mark m, struct placed *out)
{
	out->v = new_node(y, cJSON_NULL);
	out->start = out->end = m;
	return out->v != NULL;
}

/* The value after "key:" and the end of its line, y->p being at the
 * next token: a node indented deeper than the mapping at COL, an
 * indentless sequence, or nothing. */
static int value_below(struct yfast *y, unsigned col, struct mark colon_end,
                       unsigned depth, struct placed *out)
{
	unsigned at;

	skip_to_content(y);
	if (y->gave_up)
		return 0;
	if (at_eof(y))
		return empty(y, colon_end, out);
	at = column(y, y->p);
	if (at > col)
		return node(y, (int) col, AT_LINE, depth, out);
	if (at == col && y->p[0] == '-' && blankz(y->p[1]))
		return block_sequence(y, col, 1, depth, out);
	return empty(y, colon_end, out);
}

/* A member of the mapping handed out (Sfn_yaml_fast_each), VALUE read
 * whole into the scratch arena: its childless copy takes its place in M
 * (and is what duplicate keys are checked against), EACH sees it whole,
 * then its nodes are dropped. */
static int hand_out(struct yfast *y, cJSON *m, cJSON **last, cJSON *value,
                    size_t n, struct sfn_strmap *seen)
{
	cJSON *kept = (cJSON *) Sfn_json_doc_keep(y->doc, value);

	if (kept == NULL) {
		y->status = SFN_ERR_NOMEM;
		return 0;
	}
	sfn_json_append(m, last, kept);
	if (y->each->repeated == NULL && duplicate(y, m, kept, n, seen))
		return give_up(y);
	y->each->member(y->each->ctx, y->doc, y->maps[YAML_EACH_DEPTH - 1],
	                value, kept);
	if (y->each->repeated != NULL && y->each->repeated(y->each->ctx))
		return give_up(y); /* the events reader warns */
	sfn_arena_reuse(&y->doc->parts->scratch);
	y->scratch_left = 0;
	return y->status == SFN_OK;
}

/* The strings a member handed out decodes are its own, from here on
 * (the string buffer rewinds when it is dropped). */
static void member_strings(struct yfast *y)
{
	y->doc->parts->strings = y->out;
	y->doc->parts->strings_end = y->out_end;
}

/* The member's strings dropped with its nodes: the next member's go
 * where they stood, in memory already touched. Debug builds scribble
 * over them, so that a string kept without a copy shows. */
static void drop_member_strings(struct yfast *y, char *from)
{
#ifdef SFN_ARENA_DEBUG
	if (y->out > from + 1)
		memset(from, 'X', (size_t) (y->out - from) - 1);
#endif
	y->out = from;
	y->doc->parts->strings = y->doc->parts->strings_end = NULL;
}

/* The value of one member, y->p after its key's ':'. */
static int member_value(struct yfast *y, unsigned col, unsigned depth,
                        struct placed *value)
{
	struct mark colon_end = mark_of(y, y->p);

	while (*y->p == ' ')
		y->p++;
	if (*y->p == '#' || *y->p == '\n' || *y->p == '\0')
		return value_below(y, col, colon_end, depth, value);
	return node(y, (int) col, AFTER_COLON, depth, value);
}

/* One member: KEY scanned, y->p at its ':'; handed out when STREAM. */
static int member(struct yfast *y, cJSON *m, cJSON **last,
                  const struct scalar *key, unsigned col, unsigned depth,
                  size_t n, struct sfn_strmap *seen, int stream)
{
	struct sfn_span key_span;
	struct placed value;
	char *strings = y->out;
	int ok;

	if (y->p - key->start > KEY_MAX_BYTES)
		return give_up(y);
	key_span = span_of(key->start_mark, key->end_mark);
	if (depth <= YAML_EACH_DEPTH)
		y->keys[depth] = key->value;
	y->p++;
	y->in_member |= stream; /* and stays set inside the member */
	if (stream)
		member_strings(y);
	ok = member_value(y, col, depth, &value);
	if (stream)
		y->in_member = 0;
	if (ok) {
		value.v->string = key->value;
		ok = locate(y, &value, &key_span);
	}
	if (stream) {
		ok = ok && hand_out(y, m, last, value.v, n, seen);
		drop_member_strings(y, strings);
		return ok;
	}
	if (!ok)
		return 0;
	sfn_json_append(m, last, value.v);
	if (duplicate(y, m, value.v, n, seen))
		return give_up(y); /* the events reader warns */
	return y->status == SFN_OK;
}

/* A key at y->p, in a mapping at column COL: a scalar on one line, a ':'
 * and a blank. */
static int key(struct yfast *y, struct scalar *k, unsigned col)
{
	if (!Sfn_yaml_scalar(y, k, 0, (int) col))
		return 0;
	return (!k->multi_line && colon_follows(y)) || give_up(y);
}

/* Whether the block mapping about to be read at DEPTH is the one whose
 * members go to EACH: the first at Resources.*.Properties.Definition.
 * States, block mappings all the way down. Inside a member handed out,
 * depths are deeper: none is. */
static int each_here(struct yfast *y, unsigned depth)
{
	static const char *const path[YAML_EACH_DEPTH + 1] = {
		NULL, "Resources", NULL, "Properties", "Definition", "States"
	};

	if (y->each == NULL || y->handed || depth != YAML_EACH_DEPTH)
		return 0;
	for (unsigned d = 0; d < YAML_EACH_DEPTH; d++)
		if (y->maps[d] == NULL)
			return 0;
	for (unsigned d = 1; d <= YAML_EACH_DEPTH; d++)
		if (path[d] != NULL && strcmp(y->keys[d], path[d]) != 0)
			return 0;
	y->handed = 1;
	return 1;
}

/* A block mapping at column COL whose first key, FIRST, is scanned. */
static int block_mapping(struct yfast *y, const struct scalar *first,
                         unsigned col, unsigned depth, struct placed *out)
{
	struct sfn_strmap seen;
	struct scalar k = *first;
	cJSON *m, *last = NULL;
	size_t n = 0;
	int ok = 0, stream;

	if (depth >= SFN_YAML_FAST_MAX_DEPTH)
		return give_up(y);
	out->v = m = new_node(y, cJSON_Object);
	out->start = k.start_mark;
	stream = each_here(y, depth);
	if (depth < YAML_EACH_DEPTH)
		y->maps[depth] = m;
	sfn_strmap_init(&seen);
	while (m != NULL &&
	       member(y, m, &last, &k, col, depth + 1, n++, &seen, stream)) {
		unsigned at = at_eof(y) ? 0 : column(y, y->p);

		if (at_eof(y) || at < col) {
			out->end = block_end(y, col);
			ok = 1;
			break;
		}
		if (at != col || !key(y, &k, col)) {
			give_up(y);
			break;
		}
	}
	sfn_strmap_free(&seen);
	return ok;
}

/* ---- sequences ----------------------------------------------------------- */

/* A block sequence whose first "-" is at y->p, at column COL; an
 * indentless one is the value of a key at the same column, and ends at
 * the first line of that column without a "-". */
static int block_sequence(struct yfast *y, unsigned col, int indentless,
                          unsigned depth, struct placed *out)
{
	cJSON *s = new_node(y, cJSON_Array), *last = NULL;
	struct placed item;

	out->v = s;
	out->start = mark_of(y, y->p);
	if (s == NULL || depth >= SFN_YAML_FAST_MAX_DEPTH)
		return depth < SFN_YAML_FAST_MAX_DEPTH ? 0 : give_up(y);
	if (depth < YAML_EACH_DEPTH)
		y->maps[depth] = NULL; /* no mapping at this depth */
	for (;;) {
		struct mark dash_end;
		unsigned at;

		y->p++;
		dash_end = mark_of(y, y->p);
		while (*y->p == ' ')
			y->p++;
		if (*y->p == '#' || *y->p == '\n' || *y->p == '\0') {
			skip_to_content(y);
			if (y->gave_up)
				return 0;
			if (!at_eof(y) && column(y, y->p) > col) {
				if (!node(y, (int) col, AT_LINE, depth + 1,
				          &item))
					return 0;
			} else if (!empty(y, dash_end, &item)) {
				return 0;
			}
		} else if (!node(y, (int) col, AFTER_DASH, depth + 1, &item)) {
			return 0;
		}
		sfn_json_append(s, &last, item.v);
		if (!locate(y, &item, NULL))
			return 0;
		if (at_eof(y)) {
			out->end = eof_mark(y, col);
			return 1;
		}
		at = column(y, y->p);
		if (at == col && y->p[0] == '-' && blankz(y->p[1]))
			continue;
		if (at < col || (indentless && at == col)) {
			out->end = mark_of(y, y->p);
			return 1;
		}
		return give_up(y);
	}
}

/* ---- flow collections ---------------------------------------------------- */

static int flow_node(struct yfast *y, unsigned depth, struct placed *out);

/* Spaces, comments and line breaks between the tokens of a flow
 * collection. The end of the text gives up, and so does a line that
 * starts no deeper than the block around the collection (which YAML
 * forbids; left to libyaml). */
static int flow_space(struct yfast *y)
{
	unsigned line = y->line;

	skip_to_content(y);
	if (y->gave_up || at_eof(y) ||
	    (y->line != line && (int) column(y, y->p) <= y->flow_indent))
		return give_up(y);
	return 1;
}

/* A member of a flow mapping: a scalar key, ": ", a flow node. */
static int flow_member(struct yfast *y, cJSON *m, cJSON **last, unsigned depth,
                       size_t n, struct sfn_strmap *seen)
{
	struct scalar k;
	struct sfn_span key_span;
	struct placed value;

	if (*y->p == '[' || *y->p == '{' || *y->p == '!' ||
	    !Sfn_yaml_scalar(y, &k, 1, 0) || k.multi_line || !colon_follows(y))
		return give_up(y);
	key_span = span_of(k.start_mark, k.end_mark);
	y->p++;
	if (!flow_space(y) || !flow_node(y, depth, &value))
		return 0;
	value.v->string = k.value;
	sfn_json_append(m, last, value.v);
	if (!locate(y, &value, &key_span))
		return 0;
	if (duplicate(y, m, value.v, n, seen))
		return give_up(y);
	return y->status == SFN_OK;
}

/* A flow sequence or mapping, y->p at its bracket. */
static int flow_collection(struct yfast *y, unsigned depth, struct placed *out)
{
	char close = *y->p == '[' ? ']' : '}';
	cJSON *c = new_node(y, close == ']' ? cJSON_Array : cJSON_Object);
	cJSON *last = NULL;
	struct sfn_strmap seen;
	struct placed item;
	size_t n = 0;
	int ok = 1;

	out->v = c;
	out->start = mark_of(y, y->p);
	if (c == NULL || depth >= SFN_YAML_FAST_MAX_DEPTH)
		return depth < SFN_YAML_FAST_MAX_DEPTH ? 0 : give_up(y);
	sfn_strmap_init(&seen);
	y->p++;
	ok = flow_space(y);
	while (ok && *y->p != close) {
		if (close == '}') {
			ok = flow_member(y, c, &last, depth + 1, n++, &seen);
		} else {
			ok = flow_node(y, depth + 1, &item);
			if (ok) {
				sfn_json_append(c, &last, item.v);
				ok = locate(y, &item, NULL);
			}
			if (ok && *y->p == ':')
				ok = give_up(y); /* a pair: a mapping */
		}
		if (ok && *y->p == ',') {
			y->p++;
			ok = flow_space(y);
			if (ok && *y->p == close)
				ok = give_up(y);
		} else if (ok && *y->p != close) {
			ok = give_up(y);
		}
	}
	sfn_strmap_free(&seen);
	if (!ok)
		return 0;
	y->p++;
	out->end = mark_of(y, y->p);
	return 1;
}

/* ---- tags ---------------------------------------------------------------- */

/* !GetAtt Resource.Attribute: V's string split at its first dot into two
 * strings, in an array without spans of its own. */
static cJSON *get_att(struct yfast *y, cJSON *v)
{
	char *dot;
	cJSON *a, *first, *second;

	dot = cJSON_IsString(v) ? strchr(v->valuestring, '.') : NULL;
	if (dot == NULL)
		return v;
	a = new_node(y, cJSON_Array);
	first = new_node(y, cJSON_String);
	second = new_node(y, cJSON_String);
	if (second == NULL)
		return NULL;
	*dot = '\0'; /* the string of V is not kept */
	first->valuestring = v->valuestring;
	second->valuestring = dot + 1;
	a->child = first;
	first->next = second;
	second->prev = first;
	first->prev = second;
	return a;
}

/* The long form of the short tag NAME (LEN bytes) over the located V. */
static cJSON *long_form(struct yfast *y, const char *name, size_t len, cJSON *v)
{
	int bare = (len == 3 && memcmp(name, "Ref", 3) == 0) ||
	           (len == 9 && memcmp(name, "Condition", 9) == 0);
	char *key = sfn_arena_alloc_raw(&y->doc->arena, len + 5);
	cJSON *o = new_node(y, cJSON_Object);

	if (key == NULL || o == NULL) {
		y->status = SFN_ERR_NOMEM;
		return NULL;
	}
	memcpy(key, "Fn::", bare ? 0 : 4);
	memcpy(key + (bare ? 0 : 4), name, len);
	key[len + (bare ? 0 : 4)] = '\0';
	if (len == 6 && memcmp(name, "GetAtt", 6) == 0)
		v = get_att(y, v);
	if (v == NULL)
		return NULL;
	v->string = key;
	o->child = v;
	v->prev = v;
	return o;
}

/* The name of the short tag at y->p ("!Name" and a blank), its length in
 * *LEN; NULL to give up. */
static const char *tag_name(struct yfast *y, size_t *len)
{
	const char *name = y->p + 1, *p = name;

	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')
		p++;
	*len = (size_t) (p - name);
	if (*len == 0 || *len > TAG_MAX_BYTES || !blankz(*p)) {
		give_up(y);
		return NULL;
	}
	y->p = p;
	return name;
}

/* ---- block nodes --------------------------------------------------------- */

/* Whether a node has a short tag, and where: a key after a tag on its
 * line would take the tag (left to libyaml); a mapping below it takes
 * it. */
enum { TAG_NONE, TAG_INLINE, TAG_ABOVE };

/* A scalar or flow collection that ends its line, or a block mapping
 * when it is a key (CTX permitting). */
static int inline_node(struct yfast *y, int indent, enum ctx ctx,
                       unsigned depth, int tagged, struct placed *out)
{
	struct scalar s;

	if (*y->p == '|' || *y->p == '>') {
		if (!Sfn_yaml_block_scalar(y, indent, &s, &out->end))
			return 0;
		out->v = scalar_node(y, &s, 1);
		out->start = s.start_mark;
		skip_to_content(y);
		return out->v != NULL && !y->gave_up;
	}
	if (*y->p == '[' || *y->p == '{') {
		y->flow_indent = indent;
		if (!flow_collection(y, depth, out))
			return 0;
		if (colon_follows(y))
			return give_up(y); /* a complex key */
		return end_of_line(y);
	}
	if (!Sfn_yaml_scalar(y, &s, 0, indent))
		return 0;
	if (colon_follows(y)) {
		if (ctx == AFTER_COLON || tagged == TAG_INLINE || s.multi_line)
			return give_up(y);
		return block_mapping(y, &s, s.start_mark.col, depth, out);
	}
	out->v = scalar_node(y, &s, tagged != 0);
	out->start = s.start_mark;
	out->end = s.end_mark;
	return out->v != NULL && end_of_line(y);
}

static int untagged(struct yfast *y, int indent, enum ctx ctx, unsigned depth,
                    int tagged, struct placed *out)
{
	if (y->p[0] == '-' && blankz(y->p[1])) {
		/* "- - x" nests a sequence; "key: - x" and "!Tag - x" are
		 * errors */
		if (ctx == AFTER_COLON || tagged == TAG_INLINE)
			return give_up(y);
		return block_sequence(y, column(y, y->p), 0, depth, out);
	}
	return inline_node(y, indent, ctx, depth, tagged, out);
}

/* A node with a short tag at y->p: its value on the same line, or below
 * it, deeper than INDENT. */
static int tagged_node(struct yfast *y, int indent, enum ctx ctx,
                       unsigned depth, struct placed *out)
{
	struct mark start = mark_of(y, y->p);
	size_t len;
	const char *name = tag_name(y, &len);
	struct placed inner;
	int where = TAG_INLINE;

	if (name == NULL)
		return 0;
	while (*y->p == ' ')
		y->p++;
	if (*y->p == '!')
		return give_up(y);
	if (*y->p == '#' || *y->p == '\n' || *y->p == '\0') {
		skip_to_content(y);
		if (y->gave_up || at_eof(y) || *y->p == '!' ||
		    (int) column(y, y->p) <= indent)
			return give_up(y);
		ctx = AT_LINE;
		where = TAG_ABOVE;
	}
	if (!untagged(y, indent, ctx, depth, where, &inner))
		return 0;
	inner.start = start; /* the tagged value keeps a span of its own */
	if (!locate(y, &inner, NULL))
		return 0;
	out->v = long_form(y, name, len, inner.v);
	out->start = start;
	out->end = inner.end;
	return out->v != NULL;
}

/* A block node at y->p; INDENT is libyaml's indentation around it. On
 * return y->p is at the token after it. */
static int node(struct yfast *y, int indent, enum ctx ctx, unsigned depth,
                struct placed *out)
{
	if (*y->p == '!')
		return tagged_node(y, indent, ctx, depth, out);
	return untagged(y, indent, ctx, depth, TAG_NONE, out);
}

/* A node of a flow collection at y->p, and the spaces after it. */
static int flow_node(struct yfast *y, unsigned depth, struct placed *out)
{
	struct mark start = mark_of(y, y->p);
	const char *name = NULL;
	size_t len = 0;
	struct scalar s;
	struct placed inner;
	unsigned line;
	int plain = 0;

	if (*y->p == '!') {
		name = tag_name(y, &len);
		if (name == NULL || !flow_space(y))
			return 0;
	}
	if (*y->p == '[' || *y->p == '{') {
		if (!flow_collection(y, depth, &inner))
			return 0;
	} else {
		if (*y->p == '!' || !Sfn_yaml_scalar(y, &s, 1, 0))
			return give_up(y);
		inner.v = scalar_node(y, &s, name != NULL);
		inner.start = s.start_mark;
		inner.end = s.end_mark;
		plain = s.plain;
		if (inner.v == NULL)
			return 0;
	}
	line = y->line;
	if (!flow_space(y))
		return 0;
	/* a plain scalar goes on over the line break: not this reader's */
	if (plain && y->line != line && strchr(",]}", *y->p) == NULL)
		return give_up(y);
	if (name == NULL) {
		*out = inner;
		return 1;
	}
	inner.start = start;
	if (!locate(y, &inner, NULL))
		return 0;
	out->v = long_form(y, name, len, inner.v);
	out->start = start;
	out->end = inner.end;
	return out->v != NULL;
}

/* ---- documents ----------------------------------------------------------- */

/* Comments and blank lines, then an optional "---" ending its line. */
static int document_start(struct yfast *y)
{
	skip_lines(y);
	if (y->gave_up)
		return 0;
	if (y->p == y->line_start && y->p[0] == '-' && y->p[1] == '-' &&
	    y->p[2] == '-' && blankz(y->p[3])) {
		y->p += 3;
		return end_of_line(y);
	}
	return !(y->p == y->line_start && is_marker(y->p)) && *y->p != '%';
}

static cJSON *document(struct yfast *y)
{
	struct placed root;

	if (!document_start(y) || at_eof(y)) {
		give_up(y);
		return NULL;
	}
	if (!node(y, -1, AT_LINE, 0, &root) || !locate(y, &root, NULL))
		return NULL;
	/* every scan stops at a NUL (a character libyaml refuses, the end
	 * to the scanner): one before the text's end gives up here */
	if (!at_eof(y) || y->p != y->end) {
		give_up(y);
		return NULL;
	}
	return root.v;
}

/* TEXT[0, LEN) in COPY, every CR LF as LF (libyaml reads CR LF as one
 * line break, which moves no mark: lines and columns stay); the length
 * of the copy, or 0 for a CR alone, which libyaml takes for a break of
 * its own. */
static size_t unix_lines(const char *text, size_t len, char *copy)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
			return 0;
		if (text[i] != '\r')
			copy[n++] = text[i];
	}
	copy[n] = '\0';
	return n;
}

/* The text to scan: TEXT itself when a NUL ends it and no CR is in it,
 * else a copy in *COPY (NULL when memory ran out). 0 for a CR alone. */
static size_t scanned_text(const char *text, size_t len, int crs, char **copy)
{
	*copy = NULL;
	if (text[len] == '\0' && !crs)
		return len;
	*copy = malloc(len + 1);
	if (*copy == NULL)
		return len;
	if (crs)
		return unix_lines(text, len, *copy);
	memcpy(*copy, text, len);
	(*copy)[len] = '\0';
	return len;
}

/* A document to read TEXT (LEN bytes) into, its parts when EACH is
 * not NULL; NULL when memory ran out. */
static struct sfn_json_doc *new_doc(const char *file, size_t len,
                                    const struct sfn_json_each *each)
{
	struct sfn_json_doc *doc = Sfn_json_doc_new(file);

	if (doc == NULL)
		return NULL;
	doc->in_arena = 1;
	doc->spans_beside = 1;
	doc->arena.block_size = sfn_arena_block_for(len, 4);
	if (each == NULL)
		return doc;
	if (Sfn_json_doc_parts(doc, sfn_arena_block_for(len, 1)) != SFN_OK) {
		sfn_json_doc_free(doc);
		return NULL;
	}
	/* what is not handed out may be little of the text: blocks that
	 * grow as it comes, not huge pages touched for a few nodes */
	doc->arena.grow_to = doc->arena.block_size;
	doc->arena.block_size = SFN_ARENA_BLOCK_SIZE;
	return doc;
}

/* Room for the strings of a text of N - 1 bytes. Read a member at a
 * time, they rewind after each member: a buffer of its own, whose pages
 * are touched only as far as the strings reach, rather than huge pages
 * of the arena. */
static char *string_buffer(struct sfn_json_doc *doc, size_t n)
{
	if (doc->parts == NULL)
		return sfn_arena_alloc_raw(&doc->arena, n);
	doc->strings = malloc(n);
	return doc->strings;
}

static int fast_read(const char *text, size_t len, const char *file,
                     const struct sfn_json_each *each,
                     struct sfn_json_doc **doc, enum sfn_status *status)
{
	struct yfast y = { .ascii = 1, .each = each };
	int crs;
	char *copy;

	*doc = NULL;
	*status = SFN_OK;
	if (len >= UINT32_MAX)
		return 0;
	crs = memchr(text, '\r', len) != NULL;
	len = scanned_text(text, len, crs, &copy);
	if (copy != NULL && len == 0) {
		free(copy);
		return 0; /* a CR alone: libyaml's */
	}
	y.doc = new_doc(file, len, each);
	if (y.doc != NULL)
		y.out = string_buffer(y.doc, len + 1);
	if (y.out == NULL || ((crs || text[len] != '\0') && copy == NULL)) {
		free(copy);
		sfn_json_doc_free(y.doc);
		*status = SFN_ERR_NOMEM;
		return 1;
	}
	y.out_end = y.out + len + 1;
	y.p = y.line_start = copy != NULL ? copy : text;
	y.end = y.p + len;
	y.doc->root = document(&y);
	free(copy);
	if (y.doc->root == NULL || failed(&y)) {
		sfn_json_doc_free(y.doc);
		*status = y.status;
		return y.status != SFN_OK; /* else it gave up */
	}
	*doc = y.doc;
	return 1;
}

int Sfn_yaml_fast_parse(const char *text, size_t len, const char *file,
                        struct sfn_json_doc **doc, enum sfn_status *status)
{
	return fast_read(text, len, file, NULL, doc, status);
}

int Sfn_yaml_fast_each(const char *text, size_t len, const char *file,
                       const struct sfn_json_each *each,
                       struct sfn_json_doc **doc, enum sfn_status *status)
{
	return fast_read(text, len, file, each, doc, status);
}
