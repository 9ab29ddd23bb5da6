/* Constructors of the .sfn syntax tree, called by the parser's actions.
 * Nodes live in the compilation's node arena, strings in its arena.
 * Knows nothing of the grammar's tables or of ASL. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/build.h"
#include "lang/lang_int.h"
#include "lang/parse.h"

static void *alloc(struct lang_ctx *ctx, size_t size)
{
	void *p = sfn_arena_alloc(ctx->nodes, size);

	if (p == NULL)
		ctx->nomem = ctx->fatal = 1;
	return p;
}

struct lang_item *Sfn_lang_item_new(struct lang_ctx *ctx, enum lang_ikind kind,
                                    struct sfn_span span, const char *name,
                                    struct sfn_span name_span)
{
	struct lang_item *it = alloc(ctx, sizeof(*it));

	if (it == NULL)
		return NULL;
	it->kind = kind;
	it->span = span;
	it->name = name != NULL ? name : "";
	it->name_span = name_span;
	if (kind == LI_FIELD) /* looked up once for sema and lowering */
		it->field = Sfn_lang_field_find(it->name);
	return it;
}

struct lang_item *Sfn_lang_body(struct lang_item *items)
{
	struct lang_item *clauses = NULL, **clause = &clauses;
	struct lang_item *states = NULL, **state = &states;
	unsigned n = 0;

	for (struct lang_item *it = items, *next; it != NULL; it = next) {
		next = it->next;
		it->next = NULL;
		if (it->kind == LI_STATE) {
			*state = it;
			state = &it->next;
			n++;
		} else {
			*clause = it;
			clause = &it->next;
		}
	}
	*clause = states;
	if (clauses != NULL)
		clauses->nstates = n;
	return clauses;
}

struct lang_item *Sfn_lang_item_append(struct lang_item *list,
                                       struct lang_item *item)
{
	if (item == NULL)
		return list;
	if (list == NULL) {
		item->last = item;
		return item;
	}
	if (list->last == NULL)
		list->last = list;
	list->last->next = item;
	list->last = item;
	return list;
}

void Sfn_lang_item_call(struct lang_item *item, const char *fn,
                        struct sfn_span fn_span, struct lang_value *args)
{
	if (item == NULL)
		return;
	item->fn = fn;
	item->fn_span = fn_span;
	item->value = args;
}

void Sfn_lang_item_target(struct lang_item *item, const char *target,
                          struct sfn_span span)
{
	if (item == NULL)
		return;
	item->target = target != NULL ? target : "";
	item->target_span = span;
}

void Sfn_lang_item_errors(struct lang_item *item, struct lang_value *errors,
                          struct lang_item *body)
{
	if (item == NULL)
		return;
	item->errors = errors;
	item->body = Sfn_lang_body(body);
}

void Sfn_lang_item_when(struct lang_item *item, struct lang_cond *cond,
                        struct lang_item *body)
{
	if (item == NULL)
		return;
	item->cond = cond;
	item->body = Sfn_lang_body(body);
}

struct lang_item *Sfn_lang_head_new(struct lang_ctx *ctx, enum lang_head head,
                                    const char *fn, struct sfn_span span,
                                    struct lang_value *value)
{
	struct lang_item *it = Sfn_lang_item_new(ctx, LI_STATE, span, fn, span);

	if (it == NULL)
		return NULL;
	it->head = head;
	it->fn = fn;
	it->fn_span = span;
	it->value = value;
	return it;
}

struct lang_item *Sfn_lang_state_new(struct lang_ctx *ctx, int state,
                                     struct sfn_span span, const char *name,
                                     struct sfn_span name_span,
                                     struct lang_item *head,
                                     struct lang_item *body)
{
	/* the head's item, made for no other use, becomes the state's: a
	 * state costs one item, not two */
	struct lang_item *it = head != NULL
	                               ? head
	                               : Sfn_lang_item_new(ctx, LI_STATE, span,
	                                                   name, name_span);

	if (it == NULL)
		return NULL;
	it->span = span;
	it->name = name != NULL ? name : "";
	it->name_span = name_span;
	it->state = (enum lang_state) state;
	it->body = Sfn_lang_body(body);
	return it;
}

/* The seconds of a duration literal: 10s, 5m, 1h, 2d. */
static double duration(const char *text)
{
	size_t n = strlen(text);
	double v = strtod(text, NULL);

	switch (n > 0 ? text[n - 1] : 's') {
	case 'm':
		return v * 60;
	case 'h':
		return v * 3600;
	case 'd':
		return v * 86400;
	default:
		return v;
	}
}

/* The value of number literal TEXT: an integer of 1 to 15 digits is
 * exact in a double and read here (most numbers are counts and
 * indexes), any other by strtod. */
static double number(const char *text)
{
	const char *p = text + (text[0] == '-');
	double v = 0;
	size_t n = 0;

	for (; p[n] >= '0' && p[n] <= '9' && n <= 15; n++)
		v = v * 10 + (p[n] - '0');
	if (p[n] != '\0' || n == 0 || n > 15)
		return strtod(text, NULL);
	return text[0] == '-' ? -v : v;
}

struct lang_value *Sfn_lang_value_new(struct lang_ctx *ctx,
                                      enum lang_vkind kind,
                                      struct sfn_span span, const char *text)
{
	struct lang_value *v = alloc(ctx, sizeof(*v));

	if (v == NULL)
		return NULL;
	v->kind = kind;
	v->span = span;
	v->text = text != NULL ? text : "";
	if (kind == LV_NUMBER)
		v->num = number(v->text);
	else if (kind == LV_DURATION)
		v->num = duration(v->text);
	return v;
}

struct lang_value *Sfn_lang_bool_new(struct lang_ctx *ctx, struct sfn_span span,
                                     int b)
{
	struct lang_value *v =
	        Sfn_lang_value_new(ctx, LV_BOOL, span, b ? "true" : "false");

	if (v != NULL)
		v->boolean = b;
	return v;
}

struct lang_value *Sfn_lang_value_append(struct lang_value *list,
                                         struct lang_value *v)
{
	if (v == NULL)
		return list;
	if (list == NULL) {
		v->last = v;
		return v;
	}
	if (list->last == NULL)
		list->last = list;
	list->last->next = v;
	list->last = v;
	return list;
}

struct lang_value *Sfn_lang_object_new(struct lang_ctx *ctx,
                                       struct sfn_span span,
                                       struct lang_member *members)
{
	struct lang_value *v = Sfn_lang_value_new(ctx, LV_OBJECT, span, NULL);

	if (v != NULL)
		v->members = members;
	return v;
}

struct lang_value *Sfn_lang_array_new(struct lang_ctx *ctx,
                                      struct sfn_span span,
                                      struct lang_value *items)
{
	struct lang_value *v = Sfn_lang_value_new(ctx, LV_ARRAY, span, NULL);

	if (v != NULL)
		v->items = items;
	return v;
}

struct lang_member *Sfn_lang_member_new(struct lang_ctx *ctx, const char *key,
                                        struct sfn_span key_span,
                                        struct lang_value *value)
{
	struct lang_member *m = alloc(ctx, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->key = key != NULL ? key : "";
	m->key_span = key_span;
	m->value = value;
	return m;
}

struct lang_member *Sfn_lang_member_append(struct lang_member *list,
                                           struct lang_member *m)
{
	if (m == NULL)
		return list;
	if (list == NULL) {
		m->last = m;
		return m;
	}
	if (list->last == NULL)
		list->last = list;
	list->last->next = m;
	list->last = m;
	return list;
}

/* C is an and/or of KIND whose operands a chain of KIND may take over:
 * a comment belongs to the whole of what it follows. */
static int joins(const struct lang_cond *c, enum lang_ckind kind)
{
	return c != NULL && c->kind == kind && c->comment == NULL;
}

/* Appends B to the operands of the and/or C: B's own operands when it
 * is a chain of the same kind. No recursion: a flat chain of any length
 * is one level. */
static struct lang_cond *append(struct lang_cond *c, struct lang_cond *b,
                                struct sfn_span span)
{
	int flat = joins(b, c->kind);
	unsigned db = flat ? b->depth : 1 + b->depth;

	c->last->next = flat ? b->a : b;
	c->last = flat ? b->last : b;
	c->span = span;
	if (db > c->depth)
		c->depth = db;
	return c;
}

struct lang_cond *Sfn_lang_cond_pair(struct lang_ctx *ctx, enum lang_ckind kind,
                                     struct sfn_span span, struct lang_cond *a,
                                     struct lang_cond *b)
{
	int nary = kind == LC_AND || kind == LC_OR;
	struct lang_cond *c;
	unsigned da = a != NULL ? a->depth : 0, db = b != NULL ? b->depth : 0;

	if (nary && (a == NULL || b == NULL))
		return NULL; /* a syntax error, reported */
	c = nary && joins(a, kind) ? a : alloc(ctx, sizeof(*c));
	if (c == NULL)
		return NULL;
	if (c == a) {
		c = append(c, b, span);
	} else if (nary) {
		c->kind = kind;
		c->span = span;
		c->a = a;
		c->last = a;
		c->depth = 1 + da;
		c = append(c, b, span);
	} else {
		c->kind = kind;
		c->span = span;
		c->a = a;
		c->b = b;
		c->depth = a == NULL && b == NULL ? 0 : 1 + (da > db ? da : db);
	}
	if (c->depth > SFN_LANG_MAX_COND_DEPTH)
		Sfn_lang_limit_error(
		        ctx, &span,
		        "a condition nests and, or and not deeper than "
		        "%d",
		        SFN_LANG_MAX_COND_DEPTH);
	return c;
}

struct lang_cond *Sfn_lang_cond_cmp(struct lang_ctx *ctx, struct sfn_span span,
                                    struct lang_value *lhs, enum lang_cmp op,
                                    struct lang_value *rhs)
{
	struct lang_cond *c = Sfn_lang_cond_pair(ctx, LC_CMP, span, NULL, NULL);

	if (c == NULL)
		return NULL;
	c->lhs = lhs;
	c->op = op;
	c->rhs = rhs;
	return c;
}

struct lang_cond *Sfn_lang_cond_test(struct lang_ctx *ctx, struct sfn_span span,
                                     struct lang_value *typed)
{
	struct lang_cond *c =
	        Sfn_lang_cond_pair(ctx, LC_TEST, span, NULL, NULL);

	if (c == NULL || typed == NULL)
		return c;
	c->fn = typed->cast;
	c->fn_span = span;
	c->fn_span.end_col = span.col + (unsigned) strlen(typed->cast);
	c->fn_span.end_line = span.line;
	c->lhs = typed;
	return c;
}

struct lang_cond *Sfn_lang_cond_comment(struct lang_cond *cond,
                                        struct sfn_span span, const char *text)
{
	if (cond == NULL)
		return NULL;
	cond->comment = text;
	cond->comment_span = span;
	return cond;
}

const char *Sfn_lang_open_note(struct lang_ctx *ctx, int at_eof)
{
	struct lang_lexer *lx = &ctx->lx;
	char note[96];
	const char *p;
	unsigned d = lx->depth;

	if (!at_eof || d == 0)
		return "";
	snprintf(note, sizeof(note), " (to close '%c' opened at line %u)",
	         lx->open_ch[d - 1], lx->open_line[d - 1]);
	p = sfn_arena_strdup(ctx->arena, note);
	return p != NULL ? p : "";
}
