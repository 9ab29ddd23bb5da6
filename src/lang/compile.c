/* The .sfn front end as one call: limits, lexing and parsing, the checks,
 * lowering each machine and running the ASL validator on it with every
 * finding located in the .sfn file. Knows nothing of output files or of
 * CloudFormation. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang_int.h"
#include "lang/sfn_parse.h"
#include "sfn/asl.h"

struct lang_machine {
	const char *stack, *name;  /* in the unit's arena */
	struct sfn_json_doc *doc;  /* the lowered definition (its tree in the
	                              unit's arena) */
	int express;               /* of type EXPRESS */
	cJSON *grants;             /* its policy clauses' statements, or NULL */
	struct sfn_lang_ref *refs; /* in the arena, sorted by node */
	size_t ref_count;
	/* the front end's findings on it, [diag_first, diag_end) of the
	 * diagnostics, and whether the validator reads it (they were no
	 * errors) and, having found something, reads it again located */
	size_t diag_first, diag_end;
	int check, locate;
};

struct sfn_lang_unit {
	struct sfn_arena arena;
	struct lang_machine *machines;
	size_t count, cap;
	struct sfn_lang_stack *stacks; /* in the arena */
	size_t stack_count;
};

struct sfn_loc Sfn_lang_loc(const struct lang_ctx *ctx,
                            const struct sfn_span *span)
{
	struct sfn_loc loc = { ctx->file, span->line, span->col, span->end_line,
		               span->end_col };

	return loc;
}

static void vreport(struct lang_ctx *ctx, enum sfn_rule_id rule,
                    const struct sfn_span *span, const char *fmt, va_list ap)
{
	struct sfn_loc loc = Sfn_lang_loc(ctx, span);
	struct sfn_buf msg;

	sfn_buf_init(&msg, 4096);
	sfn_buf_vprintf(&msg, fmt, ap);
	if (msg.status != SFN_OK)
		ctx->nomem = 1;
	else
		sfn_diag_add(ctx->diags, rule, &loc, NULL, "%s",
		             sfn_buf_str(&msg));
	sfn_buf_free(&msg);
}

void Sfn_lang_report(struct lang_ctx *ctx, enum sfn_rule_id rule,
                     const struct sfn_span *span, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, rule, span, fmt, ap);
	va_end(ap);
}

void Sfn_lang_syntax_error(struct lang_ctx *ctx, const struct sfn_span *span,
                           const char *fmt, ...)
{
	va_list ap;

	if (ctx->fatal || span->line == ctx->last_error_line)
		return;
	ctx->last_error_line = span->line;
	if (++ctx->errors > SFN_LANG_MAX_ERRORS) {
		Sfn_lang_report(ctx, SFN_RULE_SFN_LIMIT, span,
		                "more than %d syntax errors; giving up",
		                SFN_LANG_MAX_ERRORS);
		ctx->fatal = 1;
		return;
	}
	va_start(ap, fmt);
	vreport(ctx, SFN_RULE_SFN_SYNTAX, span, fmt, ap);
	va_end(ap);
}

void Sfn_lang_limit_error(struct lang_ctx *ctx, const struct sfn_span *span,
                          const char *fmt, ...)
{
	va_list ap;

	if (ctx->fatal)
		return;
	ctx->fatal = 1;
	va_start(ap, fmt);
	vreport(ctx, SFN_RULE_SFN_LIMIT, span, fmt, ap);
	va_end(ap);
}

enum sfn_status Sfn_lang_parse_run(struct lang_ctx *ctx)
{
	int rc = Sfn_lang_parse(ctx);

	if (ctx->nomem)
		return SFN_ERR_NOMEM;
	if (rc == 2)
		return SFN_ERR_LIMIT;
	if (ctx->fatal && ctx->errors <= SFN_LANG_MAX_ERRORS)
		return SFN_ERR_LIMIT;
	return rc == 0 && ctx->errors == 0 ? SFN_OK : SFN_ERR_SYNTAX;
}

/* The front end's findings on one machine, [begin, end) of DIAGS. */
struct repeats {
	const struct sfn_diags *diags;
	size_t begin, end;
};

/* A finding of the validator that the front end made already on the
 * same machine (its path and intrinsic checks see the same expressions):
 * same rule, same place, same words. */
static int is_repeated(const struct sfn_diag *d, void *ctx)
{
	const struct repeats *r = ctx;
	const struct sfn_diag *end = r->diags->items + r->end;

	for (const struct sfn_diag *e = r->diags->items + r->begin; e < end;
	     e++)
		if (e->rule == d->rule && e->loc.line == d->loc.line &&
		    e->loc.col == d->loc.col &&
		    strcmp(e->message, d->message) == 0)
			return 1;
	return 0;
}

static enum sfn_status add_machine(struct sfn_lang_unit *unit,
                                   const char *stack, const char *name,
                                   struct sfn_json_doc *doc)
{
	struct lang_machine *m;

	if (unit->count == unit->cap) {
		size_t cap = unit->cap ? unit->cap * 2 : 4;

		m = realloc(unit->machines, cap * sizeof(*m));
		if (m == NULL)
			return SFN_ERR_NOMEM;
		unit->machines = m;
		unit->cap = cap;
	}
	m = &unit->machines[unit->count];
	m->stack = sfn_arena_strdup(&unit->arena, stack);
	m->name = sfn_arena_strdup(&unit->arena, name);
	if (m->stack == NULL || m->name == NULL)
		return SFN_ERR_NOMEM;
	m->doc = doc;
	m->express = 0;
	m->grants = NULL;
	m->refs = NULL;
	m->ref_count = 0;
	m->diag_first = m->diag_end = 0;
	m->check = m->locate = 0;
	unit->count++;
	return SFN_OK;
}

/* M's definition validated; what the validator finds that the front end
 * reported already on M is dropped. Returns whether it found anything
 * else. */
static int validate(struct lang_ctx *ctx, const struct lang_machine *m)
{
	struct sfn_asl_opts opts = { 0, m->express };
	struct repeats r = { ctx->diags, m->diag_first, m->diag_end };
	size_t found = ctx->diags->count;

	sfn_asl_validate_known(m->doc, sfn_json_root(m->doc), &opts,
	                       &ctx->known, ctx->diags);
	sfn_diags_remove_if(ctx->diags, found, is_repeated, &r);
	return ctx->diags->count != found;
}

static int is_express(const struct lang_item *machine)
{
	for (const struct lang_item *it = machine->body; Sfn_lang_clause(it);
	     it = it->next)
		if (it->kind == LI_FIELD && strcmp(it->name, "type") == 0 &&
		    it->value != NULL &&
		    strcmp(it->value->text, "express") == 0)
			return 1;
	return 0;
}

static int ref_order(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) ((const struct sfn_lang_ref *) a)->node;
	uintptr_t y = (uintptr_t) ((const struct sfn_lang_ref *) b)->node;

	return x < y ? -1 : x > y;
}

/* The param references CTX gathered while lowering, sorted into M. */
static enum sfn_status take_refs(struct lang_ctx *ctx, struct sfn_arena *arena,
                                 struct lang_machine *m)
{
	size_t n = ctx->ref_count;

	ctx->ref_count = 0;
	if (n == 0)
		return SFN_OK;
	m->refs = sfn_arena_alloc(arena, n * sizeof(*m->refs));
	if (m->refs == NULL)
		return SFN_ERR_NOMEM;
	memcpy(m->refs, ctx->refs, n * sizeof(*m->refs));
	qsort(m->refs, n, sizeof(*m->refs), ref_order);
	m->ref_count = n;
	return SFN_OK;
}

/* What the template needs of MACHINE beside its ASL. */
static enum sfn_status finish_machine(struct lang_ctx *ctx,
                                      struct sfn_arena *arena,
                                      struct lang_machine *m,
                                      const struct lang_item *machine,
                                      int express)
{
	int nomem;

	m->express = express;
	m->grants = Sfn_lang_lower_policy(machine, &nomem);
	return nomem ? SFN_ERR_NOMEM : take_refs(ctx, arena, m);
}

static int drop_all(const struct sfn_diag *d, void *ctx)
{
	(void) d, (void) ctx;
	return 1;
}

/* MACHINE (EXPRESS or not) lowered into a document, its nodes' places
 * tracked when TRACK (else it has none); NULL when memory ran out. */
static struct sfn_json_doc *lower(struct lang_ctx *ctx,
                                  const struct lang_item *stack,
                                  const struct lang_item *machine, int track)
{
	struct lang_spans spans = { NULL, 0, !track };
	cJSON *root;

	ctx->ref_count = 0;
	root = Sfn_lang_lower(ctx, stack, machine, &spans);
	if (root == NULL || spans.nomem) {
		sfn_json_doc_free(spans.doc);
		return NULL;
	}
	return spans.doc; /* root is in the unit's arena */
}

/* The places of the lowered nodes serve only the validator's findings:
 * a machine is lowered without them, and when the validator finds
 * something (check_machines), lowered again with them from a new parse.
 * Most machines are valid, and a place for every node is 40 bytes a
 * node (2 MB for 1,000 tasks) that they never read. */
static enum sfn_status lower_machine(struct lang_ctx *ctx,
                                     struct sfn_lang_unit *unit,
                                     const struct lang_item *stack,
                                     const struct lang_item *machine)
{
	size_t first = ctx->diags->count, errors = ctx->diags->errors;
	struct sfn_json_doc *doc = lower(ctx, stack, machine, 0);
	struct lang_machine *m;
	enum sfn_status st;

	if (doc == NULL)
		return SFN_ERR_NOMEM;
	st = add_machine(unit, stack->name, machine->name, doc);
	if (st != SFN_OK) {
		sfn_json_doc_free(doc);
		return st;
	}
	m = &unit->machines[unit->count - 1];
	m->diag_first = first;
	m->diag_end = ctx->diags->count;
	m->check = ctx->checked && ctx->diags->errors == errors;
	return finish_machine(ctx, &unit->arena, m, machine,
	                      is_express(machine));
}

/* M lowered again from MACHINE of STACK, a new parse's, its nodes
 * located, and validated: the findings now stand in the .sfn file. What
 * the lowering reports, it reported the first time. */
static enum sfn_status locate_machine(struct lang_ctx *ctx,
                                      struct sfn_lang_unit *unit,
                                      struct lang_machine *m,
                                      const struct lang_item *stack,
                                      const struct lang_item *machine)
{
	size_t before = ctx->diags->count;
	struct sfn_json_doc *doc = lower(ctx, stack, machine, 1);

	sfn_diags_remove_if(ctx->diags, before, drop_all, NULL);
	if (doc == NULL)
		return SFN_ERR_NOMEM;
	sfn_json_doc_free(m->doc);
	m->doc = doc;
	/* the refs name the nodes of the tree kept */
	if (take_refs(ctx, &unit->arena, m) != SFN_OK)
		return SFN_ERR_NOMEM;
	validate(ctx, m);
	return SFN_OK;
}

/* Whether STACK says its region. */
static int find_region(const struct lang_item *stack)
{
	for (const struct lang_item *it = stack->body; it; it = it->next)
		if (it->kind == LI_FIELD && strcmp(it->name, "region") == 0 &&
		    it->value != NULL)
			return 1;
	return 0;
}

/* The models and params of STACK by name and its region, for the
 * lowering of its machines. */
static enum sfn_status index_models(struct lang_ctx *ctx,
                                    const struct lang_item *stack)
{
	sfn_strmap_free(&ctx->models);
	sfn_strmap_init(&ctx->models);
	sfn_strmap_free(&ctx->params);
	sfn_strmap_init(&ctx->params);
	ctx->region = "us-east-1";
	for (const struct lang_item *it = stack->body; it; it = it->next)
		if (it->kind == LI_FIELD && strcmp(it->name, "region") == 0 &&
		    it->value != NULL)
			ctx->region = it->value->text;
		else if (it->kind == LI_MODEL &&
		         sfn_strmap_put(&ctx->models, it->name, (void *) it,
		                        NULL) != SFN_OK)
			return SFN_ERR_NOMEM;
		else if (it->kind == LI_PARAM &&
		         sfn_strmap_put(&ctx->params, it->name, (void *) it,
		                        NULL) != SFN_OK)
			return SFN_ERR_NOMEM;
	return SFN_OK;
}

/* The outputs of stack S (at most N) into OUT; how many there are. */
static size_t stack_outputs(struct sfn_arena *arena, const struct lang_item *s,
                            struct sfn_lang_output *out, size_t n)
{
	size_t count = 0;

	for (const struct lang_item *it = s->body; it; it = it->next) {
		const char *dot;

		if (it->kind != LI_SOUTPUT || it->target == NULL)
			continue;
		dot = strrchr(it->target, '.');
		if (count < n) {
			out[count].name = it->name;
			out[count].machine = sfn_arena_strndup(
			        arena, it->target,
			        dot ? (size_t) (dot - it->target)
			            : strlen(it->target));
		}
		count++;
	}
	return count;
}

/* The description and allowed values of param IT into P (the arena
 * holds the list). */
static enum sfn_status param_body(struct sfn_arena *arena,
                                  const struct lang_item *it,
                                  struct sfn_lang_param *p)
{
	const char **allowed;
	size_t n = 0;

	p->description = NULL;
	p->allowed = NULL;
	p->allowed_count = 0;
	for (const struct lang_item *f = it->body; f; f = f->next) {
		const struct lang_value *v = f->value;

		if (f->kind != LI_FIELD || v == NULL)
			continue;
		if (strcmp(f->name, "description") == 0)
			p->description = v->text;
		if (strcmp(f->name, "allowed") != 0 || v->kind != LV_ARRAY)
			continue;
		for (const struct lang_value *i = v->items; i; i = i->next)
			n++;
		allowed =
		        sfn_arena_alloc(arena, (n ? n : 1) * sizeof(*allowed));
		if (allowed == NULL)
			return SFN_ERR_NOMEM;
		n = 0;
		for (const struct lang_value *i = v->items; i; i = i->next)
			allowed[n++] = i->text;
		p->allowed = allowed;
		p->allowed_count = n;
	}
	return SFN_OK;
}

/* The params of stack S into the arena: *OUT and their count. */
static enum sfn_status stack_params(struct sfn_arena *arena,
                                    const struct lang_item *s,
                                    const struct sfn_lang_param **out,
                                    size_t *count)
{
	struct sfn_lang_param *ps;
	size_t n = 0;

	for (const struct lang_item *it = s->body; it; it = it->next)
		n += it->kind == LI_PARAM;
	*out = NULL;
	*count = n;
	if (n == 0)
		return SFN_OK;
	ps = sfn_arena_alloc(arena, n * sizeof(*ps));
	if (ps == NULL)
		return SFN_ERR_NOMEM;
	n = 0;
	for (const struct lang_item *it = s->body; it; it = it->next) {
		if (it->kind != LI_PARAM)
			continue;
		ps[n].name = it->name;
		ps[n].number = it->target && strcmp(it->target, "number") == 0;
		ps[n].dflt = it->value != NULL ? it->value->text : NULL;
		ps[n].num = it->value != NULL ? it->value->num : 0;
		if (param_body(arena, it, &ps[n++]) != SFN_OK)
			return SFN_ERR_NOMEM;
	}
	*out = ps;
	return SFN_OK;
}

/* Records stack S (whose models and region CTX holds) in UNIT. */
static enum sfn_status add_stack(struct lang_ctx *ctx,
                                 struct sfn_lang_unit *unit, size_t i,
                                 const struct lang_item *s)
{
	struct sfn_lang_stack *st = &unit->stacks[i];
	size_t n = stack_outputs(&unit->arena, s, NULL, 0);
	struct sfn_lang_output *outs = NULL;

	if (n > 0) {
		outs = sfn_arena_alloc(&unit->arena, n * sizeof(*outs));
		if (outs == NULL)
			return SFN_ERR_NOMEM;
		stack_outputs(&unit->arena, s, outs, n);
		for (size_t k = 0; k < n; k++)
			if (outs[k].machine == NULL)
				return SFN_ERR_NOMEM;
	}
	st->name = s->name;
	st->region = ctx->region;
	st->region_given = find_region(s);
	st->outputs = outs;
	st->output_count = n;
	return stack_params(&unit->arena, s, &st->params, &st->param_count);
}

/* The arena of the nodes of a parse of LEN bytes (some 13 bytes a byte
 * of text). */
static void nodes_init(struct sfn_arena *nodes, size_t len)
{
	sfn_arena_init(nodes);
	nodes->block_size = sfn_arena_block_for(len, 8);
}

/* What lowering the machines of a parse needed, let go. */
static void lowered(struct lang_ctx *ctx)
{
	sfn_strmap_free(&ctx->models);
	sfn_strmap_free(&ctx->params);
	free(ctx->refs);
	ctx->refs = NULL;
	ctx->ref_count = ctx->ref_cap = 0;
}

static enum sfn_status lower_all(struct lang_ctx *ctx,
                                 struct sfn_lang_unit *unit)
{
	enum sfn_status st = SFN_OK;
	size_t n = 0;

	for (const struct lang_item *s = ctx->stacks; s; s = s->next)
		n++;
	unit->stacks =
	        n ? sfn_arena_alloc(&unit->arena, n * sizeof(*unit->stacks))
	          : NULL;
	if (n > 0 && unit->stacks == NULL)
		return SFN_ERR_NOMEM;
	for (const struct lang_item *s = ctx->stacks; s && st == SFN_OK;
	     s = s->next) {
		st = index_models(ctx, s);
		if (st == SFN_OK)
			st = add_stack(ctx, unit, unit->stack_count++, s);
		for (const struct lang_item *m = s->body; m && st == SFN_OK;
		     m = m->next)
			if (m->kind == LI_MACHINE)
				st = lower_machine(ctx, unit, s, m);
	}
	lowered(ctx);
	return st;
}

/* The machines of a new parse, in the order lower_all met them: those
 * marked lowered again, located (UNIT's stacks are recorded already). */
static enum sfn_status locate_all(struct lang_ctx *ctx,
                                  struct sfn_lang_unit *unit)
{
	enum sfn_status st = SFN_OK;
	size_t i = 0;

	for (const struct lang_item *s = ctx->stacks; s && st == SFN_OK;
	     s = s->next) {
		st = index_models(ctx, s);
		for (const struct lang_item *m = s->body; m && st == SFN_OK;
		     m = m->next) {
			if (m->kind != LI_MACHINE)
				continue;
			if (i < unit->count && unit->machines[i].locate)
				st = locate_machine(ctx, unit,
				                    &unit->machines[i], s, m);
			i++;
		}
	}
	lowered(ctx);
	return st;
}

/* Every machine without errors of its own validated, once the .sfn
 * tree's nodes are gone (the unit keeps their strings): their memory
 * serves the validator. Where it finds something, what it found is
 * dropped and TEXT parsed again into new nodes, from which each such
 * machine is lowered with its nodes located and validated again: the
 * findings then stand in the .sfn file. */
static enum sfn_status check_machines(struct lang_ctx *ctx,
                                      struct sfn_lang_unit *unit,
                                      const char *text, size_t len)
{
	struct sfn_arena nodes;
	enum sfn_status st;
	size_t kept;
	int again = 0;

	for (size_t i = 0; i < unit->count; i++) {
		struct lang_machine *m = &unit->machines[i];
		size_t found = ctx->diags->count;

		if (m->check && validate(ctx, m)) {
			sfn_diags_remove_if(ctx->diags, found, drop_all, NULL);
			m->locate = again = 1;
		}
	}
	if (!again)
		return SFN_OK;
	nodes_init(&nodes, len);
	ctx->nodes = &nodes;
	ctx->stacks = NULL;
	kept = ctx->diags->count;
	Sfn_lang_lexer_init(&ctx->lx, text, len);
	st = Sfn_lang_parse_run(ctx);
	/* what the parse reports, it reported the first time */
	sfn_diags_remove_if(ctx->diags, kept, drop_all, NULL);
	if (st == SFN_OK)
		st = locate_all(ctx, unit);
	sfn_arena_free(&nodes);
	ctx->nodes = NULL;
	ctx->stacks = NULL;
	return st;
}

static enum sfn_status too_big(const char *file, size_t len,
                               struct sfn_diags *diags)
{
	struct sfn_loc at = { file, 1, 1, 1, 2 };

	sfn_diag_add(diags, SFN_RULE_SFN_LIMIT, &at, NULL,
	             "the file is %zu bytes long; a .sfn file may be at most "
	             "%zu",
	             len, SFN_LANG_MAX_BYTES);
	return SFN_ERR_LIMIT;
}

enum sfn_status sfn_lang_compile(const char *text, size_t len, const char *file,
                                 struct sfn_diags *diags,
                                 struct sfn_lang_unit **unit)
{
	struct lang_ctx ctx;
	struct sfn_lang_unit *u;
	struct sfn_arena nodes;
	enum sfn_status st;

	*unit = NULL;
	if (len > SFN_LANG_MAX_BYTES)
		return too_big(file, len, diags);
	u = calloc(1, sizeof(*u));
	if (u == NULL)
		return SFN_ERR_NOMEM;
	sfn_arena_init(&u->arena);
	/* the trees parsed and lowered take some 25 bytes a byte of text */
	u->arena.block_size = sfn_arena_block_for(len, 8);
	nodes_init(&nodes, len);
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &u->arena;
	ctx.nodes = &nodes;
	ctx.diags = diags;
	ctx.file = file;
	sfn_strmap_init(&ctx.known);
	Sfn_lang_lexer_init(&ctx.lx, text, len);
	st = Sfn_lang_parse_run(&ctx);
	/* each call checked clean goes into the known map (distinct ones
	 * mostly): room made once, not grown step by step */
	if (st == SFN_OK && ctx.lx.calls > 0 &&
	    sfn_strmap_reserve(&ctx.known, ctx.lx.calls) != SFN_OK)
		st = SFN_ERR_NOMEM;
	if (st == SFN_OK) {
		ctx.checked = Sfn_lang_sema(&ctx) == 0;
		st = lower_all(&ctx, u);
	}
	/* the unit keeps strings and lowered trees alone: the tree's nodes go
	 * before the validator and the caller's renderers, which reuse their
	 * memory (warm pages, and a peak lower by them) */
	sfn_arena_free(&nodes);
	ctx.nodes = NULL;
	ctx.stacks = NULL;
	if (st == SFN_OK && !ctx.nomem)
		st = check_machines(&ctx, u, text, len);
	sfn_strmap_free(&ctx.known);
	if (st == SFN_OK && ctx.nomem)
		st = SFN_ERR_NOMEM;
	if (st != SFN_OK) {
		sfn_lang_free(u);
		return st;
	}
	*unit = u;
	return SFN_OK;
}

size_t sfn_lang_machine_count(const struct sfn_lang_unit *unit)
{
	return unit->count;
}

const char *sfn_lang_machine_stack(const struct sfn_lang_unit *unit, size_t i)
{
	return i < unit->count ? unit->machines[i].stack : NULL;
}

const char *sfn_lang_machine_name(const struct sfn_lang_unit *unit, size_t i)
{
	return i < unit->count ? unit->machines[i].name : NULL;
}

const cJSON *sfn_lang_machine_asl(const struct sfn_lang_unit *unit, size_t i)
{
	return i < unit->count ? sfn_json_root(unit->machines[i].doc) : NULL;
}

int sfn_lang_machine_express(const struct sfn_lang_unit *unit, size_t i)
{
	return i < unit->count && unit->machines[i].express;
}

const cJSON *sfn_lang_machine_grants(const struct sfn_lang_unit *unit, size_t i)
{
	return i < unit->count ? unit->machines[i].grants : NULL;
}

const struct sfn_lang_ref *sfn_lang_machine_refs(
        const struct sfn_lang_unit *unit, size_t i, size_t *count)
{
	*count = i < unit->count ? unit->machines[i].ref_count : 0;
	return i < unit->count ? unit->machines[i].refs : NULL;
}

size_t sfn_lang_stack_count(const struct sfn_lang_unit *unit)
{
	return unit->stack_count;
}

const struct sfn_lang_stack *sfn_lang_stack_at(const struct sfn_lang_unit *unit,
                                               size_t i)
{
	return i < unit->stack_count ? &unit->stacks[i] : NULL;
}

void sfn_lang_free(struct sfn_lang_unit *unit)
{
	if (unit == NULL)
		return;
	for (size_t i = 0; i < unit->count; i++) {
		sfn_json_doc_free(unit->machines[i].doc);
		cJSON_Delete(unit->machines[i].grants);
	}
	free(unit->machines);
	sfn_arena_free(&unit->arena);
	free(unit);
}
