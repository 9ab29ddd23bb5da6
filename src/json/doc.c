/* Documents: the tree a reader built, and the spans of its nodes. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/doc.h"
#include "json/each.h"
#include "sfn/utf8.h"

struct sfn_json_doc *Sfn_json_doc_new(const char *file)
{
	struct sfn_json_doc *doc = calloc(1, sizeof(*doc));

	if (doc == NULL)
		return NULL;
	doc->file = file;
	doc->text = calloc(1, sizeof(*doc->text));
	if (doc->text == NULL) {
		free(doc);
		return NULL;
	}
	Sfn_locmap_init(&doc->locs);
	sfn_arena_init(&doc->arena);
	return doc;
}

cJSON *sfn_json_root(const struct sfn_json_doc *doc)
{
	return doc->root;
}

const char *sfn_json_file(const struct sfn_json_doc *doc)
{
	return doc->file;
}

/* Where the container NODE ends, read from its last value (the last
 * member or element of the last one of ..., down to a scalar or an empty
 * container) and the closing brackets after it, rather than from a walk
 * of all its text: the span of a whole definition, or of each of its
 * states, is asked for when it loads. 0 when it cannot be read so (no
 * such value, one not from the text, or the tree changed since). */
static size_t container_end(const struct sfn_json_doc *doc, const cJSON *node)
{
	const struct sfn_json_node *last;
	size_t levels = 0;

	while ((cJSON_IsObject(node) || cJSON_IsArray(node)) &&
	       node->child != NULL) {
		node = node->child->prev; /* cJSON keeps the last one there */
		if (node == NULL || ++levels > SFN_JSON_MAX_DEPTH)
			return 0;
	}
	last = (const struct sfn_json_node *) node;
	if (levels == 0 || !sfn_arena_owns(&doc->arena, node) || last->at == 0)
		return 0;
	return Sfn_json_text_close(doc->text, last->at - 1, levels);
}

int Sfn_json_doc_owns(const struct sfn_json_doc *doc, const cJSON *node)
{
	const struct sfn_json_parts *p = doc->parts;

	return sfn_arena_owns(&doc->arena, node) ||
	       (p != NULL && (sfn_arena_owns(&p->scratch, node) ||
	                      sfn_arena_owns(&p->kept, node)));
}

enum sfn_status Sfn_json_doc_parts(struct sfn_json_doc *doc, size_t kept_block)
{
	doc->parts = calloc(1, sizeof(*doc->parts));
	if (doc->parts == NULL)
		return SFN_ERR_NOMEM;
	sfn_arena_init(&doc->parts->scratch);
	sfn_arena_init(&doc->parts->kept);
	doc->parts->kept.block_size = kept_block;
	return SFN_OK;
}

/* Whether S is a string of the member being handed out. */
static int member_string(const struct sfn_json_parts *p, const char *s)
{
	uintptr_t at = (uintptr_t) s;

	return sfn_arena_owns(&p->scratch, s) ||
	       (at >= (uintptr_t) p->strings &&
	        at < (uintptr_t) p->strings_end);
}

const char *Sfn_json_doc_keep_string(const struct sfn_json_doc *doc,
                                     const char *s)
{
	struct sfn_json_parts *p;

	if (doc == NULL || (p = doc->parts) == NULL || s == NULL ||
	    !member_string(p, s))
		return s;
	return sfn_arena_strdup(&p->kept, s);
}

/* *S kept (Sfn_json_doc_keep_string); 0 when memory ran out. */
static int keep_string(const struct sfn_json_doc *doc, char **s)
{
	const char *kept = Sfn_json_doc_keep_string(doc, *s);

	if (kept == NULL && *s != NULL)
		return 0;
	*s = (char *) kept;
	return 1;
}

/* The strings of COPY, a kept node, that belong to the member (those of
 * a text read without writing into it), copied. */
static int keep_strings(const struct sfn_json_doc *doc, cJSON *copy)
{
	return keep_string(doc, &copy->string) &&
	       keep_string(doc, &copy->valuestring);
}

const cJSON *Sfn_json_doc_keep(const struct sfn_json_doc *doc,
                               const cJSON *node)
{
	struct sfn_json_parts *p = doc->parts;
	cJSON *copy;

	if (p == NULL || node == NULL || !sfn_arena_owns(&p->scratch, node))
		return node;
	/* the node and what stands beside it, copies of a known size */
	if (doc->spans_beside) {
		struct sfn_json_placed *c =
		        sfn_arena_alloc_raw(&p->kept, sizeof(*c));

		if (c == NULL)
			return NULL;
		*c = *(const struct sfn_json_placed *) node;
		copy = &c->node;
	} else {
		struct sfn_json_node *c =
		        sfn_arena_alloc_raw(&p->kept, sizeof(*c));

		if (c == NULL)
			return NULL;
		*c = *(const struct sfn_json_node *) node;
		copy = &c->node;
	}
	copy->next = copy->prev = copy->child = NULL;
	return keep_strings(doc, copy) ? copy : NULL;
}

int Sfn_json_doc_get(const struct sfn_json_doc *doc, const cJSON *node,
                     struct sfn_span *value, struct sfn_span *key)
{
	const struct sfn_json_node *n = (const struct sfn_json_node *) node;

	if (!doc->in_arena)
		return Sfn_locmap_get(&doc->locs, node, value, key);
	if (doc->spans_beside)
		return node != NULL && Sfn_json_doc_owns(doc, node) &&
		       Sfn_json_where_get(
		               &((const struct sfn_json_placed *) node)->where,
		               value, key);
	if (node == NULL || !Sfn_json_doc_owns(doc, node) || n->at == 0 ||
	    (key != NULL && node->string == NULL))
		return 0;
	return Sfn_json_text_spans_to(doc->text, n->at - 1,
	                              value ? container_end(doc, node) : 0,
	                              value, key);
}

int sfn_json_value_span(const struct sfn_json_doc *doc, const cJSON *node,
                        struct sfn_span *span)
{
	return Sfn_json_doc_get(doc, node, span, NULL);
}

int sfn_json_key_span(const struct sfn_json_doc *doc, const cJSON *node,
                      struct sfn_span *span)
{
	return Sfn_json_doc_get(doc, node, NULL, span);
}

/* DOC's location of span S (lines 0: unknown). */
static struct sfn_loc loc_of(const struct sfn_json_doc *doc,
                             const struct sfn_span *s)
{
	struct sfn_loc loc = { doc->file, s->line, s->col, s->end_line,
		               s->end_col };

	return loc;
}

struct sfn_loc sfn_json_loc(const struct sfn_json_doc *doc, const cJSON *node)
{
	struct sfn_span s;

	if (!Sfn_json_doc_get(doc, node, &s, NULL))
		memset(&s, 0, sizeof(s));
	return loc_of(doc, &s);
}

void Sfn_json_doc_spot(const struct sfn_json_doc *doc, const cJSON *node,
                       struct sfn_json_spot *spot)
{
	memset(spot, 0, sizeof(*spot));
	if (doc->parts == NULL) {
		spot->node = node; /* no member of it is dropped */
		return;
	}
	/* a JSON scalar's end is read from its own text; a container's
	 * from its last value, which is read now */
	if (doc->in_arena && !doc->spans_beside && node != NULL &&
	    !cJSON_IsObject(node) && !cJSON_IsArray(node)) {
		if (Sfn_json_doc_owns(doc, node))
			spot->at = ((const struct sfn_json_node *) node)->at;
		return;
	}
	if (!Sfn_json_doc_get(doc, node, &spot->value, NULL))
		memset(&spot->value, 0, sizeof(spot->value));
}

struct sfn_loc Sfn_json_doc_spot_loc(const struct sfn_json_doc *doc,
                                     const struct sfn_json_spot *spot)
{
	struct sfn_span s = spot->value;

	if (spot->node != NULL)
		return sfn_json_loc(doc, spot->node);
	if (spot->at != 0 &&
	    !Sfn_json_text_spans_to(doc->text, spot->at - 1, 0, &s, NULL))
		memset(&s, 0, sizeof(s));
	return loc_of(doc, &s);
}

/* In text the reader kept: the opening quote, then the escape or
 * character that gives byte OFF. */
static int point_in_text(const struct sfn_json_doc *doc, const cJSON *node,
                         size_t off, struct sfn_loc *loc)
{
	const struct sfn_json_node *n = (const struct sfn_json_node *) node;
	const char *text = doc->text->text, *lim = text + doc->text->len;
	size_t quote = n->at - 1;

	if (text[quote] != '"')
		return 0;
	quote += 1 + Sfn_json_text_inside(text + quote + 1, lim, off);
	return Sfn_json_text_point(doc->text, quote, &loc->line, &loc->col);
}

/* Without the text (YAML, trees built in memory): on one line, a scalar
 * as long as its value stands as written (plain), one two characters
 * longer is quoted with no escape; anything else is not followed. */
static int point_in_span(const struct sfn_json_doc *doc, const cJSON *node,
                         size_t off, struct sfn_loc *loc)
{
	const char *s = node->valuestring;
	struct sfn_span sp;
	size_t chars, width;

	if (!Sfn_json_doc_get(doc, node, &sp, NULL) || sp.line != sp.end_line)
		return 0;
	chars = sfn_utf8_count(s, strlen(s));
	width = sp.end_col - sp.col;
	if (width != chars && width != chars + 2)
		return 0;
	loc->line = sp.line;
	loc->col =
	        sp.col + (width != chars) +
	        (unsigned) sfn_utf8_count(s, off < strlen(s) ? off : strlen(s));
	return 1;
}

struct sfn_loc sfn_json_string_loc(const struct sfn_json_doc *doc,
                                   const cJSON *node, size_t off)
{
	struct sfn_loc loc = sfn_json_loc(doc, node), at = loc;
	int found;

	if (loc.line == 0 || !cJSON_IsString(node))
		return loc;
	found = doc->in_arena && !doc->spans_beside
	                ? point_in_text(doc, node, off, &at)
	                : point_in_span(doc, node, off, &at);
	if (!found)
		return loc;
	at.end_line = at.line;
	at.end_col = at.col;
	return at;
}

enum sfn_status Sfn_json_key_seen(struct sfn_strmap *seen, const cJSON *object,
                                  const cJSON *member, int fill,
                                  const cJSON **first)
{
	enum sfn_status st = SFN_OK;
	void *found = NULL;

	for (const cJSON *m = fill ? object->child : member;
	     m != member && st == SFN_OK; m = m->next)
		st = sfn_strmap_put(seen, m->string, (void *) m, NULL);
	if (st == SFN_OK)
		st = sfn_strmap_put(seen, member->string, (void *) member,
		                    &found);
	*first = found;
	return st;
}

void sfn_json_append(cJSON *parent, cJSON **last, cJSON *child)
{
	Sfn_json_append(parent, last, child);
}

/* Puts the closing quotes back that the reader overwrote with NULs in
 * TEXT[0, END): every NUL there is one, as the lexer stops at the first
 * NUL byte of a text (an escaped \u0000 is decoded elsewhere). Sixteen
 * bytes at a time, with no branch, so that the compiler makes it vector
 * code: a string in three ends in a NUL, and a search that stopped at
 * each cost more than the copy this saves. */
static void restore_quotes(char *text, size_t end)
{
	unsigned char b[16];
	size_t i = 0;

	for (; end - i >= sizeof(b); i += sizeof(b)) {
		memcpy(b, text + i, sizeof(b));
		for (size_t k = 0; k < sizeof(b); k++)
			b[k] |= (unsigned char) ((b[k] == '\0') * '"');
		memcpy(text + i, b, sizeof(b));
	}
	for (; i < end; i++)
		text[i] |= (char) ((text[i] == '\0') * '"');
}

int sfn_json_doc_in_place(const struct sfn_json_doc *doc)
{
	return doc->in_place != NULL;
}

char *sfn_json_doc_text_copy(const struct sfn_json_doc *doc)
{
	const struct sfn_json_text *t = doc->text;
	char *copy;

	copy = malloc(t->len + 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, t->text, t->len);
	copy[t->len] = '\0';
	restore_quotes(copy, doc->ended);
	return copy;
}

void sfn_json_doc_free(struct sfn_json_doc *doc)
{
	if (doc == NULL)
		return;
	if (doc->in_place != NULL)
		restore_quotes(doc->in_place, doc->ended);
	/* The large table first: freeing it after the many small nodes
	 * would make malloc consolidate all of them. */
	Sfn_locmap_free(&doc->locs);
	Sfn_json_text_free(doc->text);
	free(doc->text);
	if (doc->in_arena)
		sfn_arena_free(&doc->arena);
	else if (!doc->borrowed)
		cJSON_Delete(doc->root);
	free(doc->strings);
	if (doc->parts != NULL) {
		sfn_arena_free(&doc->parts->scratch);
		sfn_arena_free(&doc->parts->kept);
		free(doc->parts);
	}
	free(doc);
}
