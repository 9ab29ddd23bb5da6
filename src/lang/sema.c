/* Checks on the .sfn tree before lowering: clauses in the right places
 * and given once, names defined once, next/->/catch targets in scope,
 * models, machines and integrations that exist. Reachability and
 * termination are left to the ASL rules, whose findings land on the
 * state names here. Knows nothing of ASL field names beyond the table. */
#include "config.h"

#include <string.h>

#include "lang/lang_int.h"
#include "sfn/suggest.h"

/* The states of one scope: a machine, a branch or a map. */
struct scope {
	struct sfn_strmap names;
	const struct lang_item *items;
};

struct sema {
	struct lang_ctx *ctx;
	const struct lang_item *stack;
	struct sfn_strmap states; /* every state of the machine */
	size_t errors;
	size_t suggested;           /* "did you mean" searches made */
	struct sfn_strmap models;   /* the stack's models by name */
	struct sfn_strmap machines; /* and its machines */
};

/* Unknown state names that get a "did you mean": each search reads the
 * whole scope, so a file of many such mistakes stays linear. */
#define LANG_MAX_SUGGESTIONS 100

static void err(struct sema *s, enum sfn_rule_id rule,
                const struct sfn_span *span, const char *fmt, const char *a,
                const char *b)
{
	Sfn_lang_report(s->ctx, rule, span, fmt, a, b);
	s->errors++;
}

static void put(struct sema *s, struct sfn_strmap *map, const char *name)
{
	if (sfn_strmap_put(map, name, (void *) name, NULL) != SFN_OK)
		s->ctx->nomem = 1;
}

/* The words for where a clause stands, for messages: "pass state". */
static const char *where_word(unsigned where)
{
	static const char *const states[LS_COUNT] = {
		"pass state",    "task state",     "choice state",
		"wait state",    "parallel state", "map state",
		"succeed state", "fail state",     "asl state"
	};

	for (int k = 0; k < LS_COUNT; k++)
		if (where == 1u << k)
			return states[k];
	return where == LW_MACHINE ? "machine"
	       : where == LW_RETRY ? "retry"
	       : where == LW_CATCH ? "catch"
	       : where == LW_WHEN  ? "when"
	       : where == LW_STACK ? "stack"
	       : where == LW_PARAM ? "param"
	                           : "branch";
}

static void check_field(struct sema *s, const struct lang_item *it,
                        unsigned where)
{
	const struct lang_field *f = it->field;
	const char *best;

	if (f == NULL || !(f->where & where)) {
		best = Sfn_lang_field_closest(it->name, where);
		if (best != NULL)
			err(s, SFN_RULE_SFN_UNKNOWN_FIELD, &it->name_span,
			    "'%s' is no clause here; did you mean '%s'?",
			    it->name, best);
		else
			err(s, SFN_RULE_SFN_UNKNOWN_FIELD, &it->name_span,
			    "a %s takes no '%s' clause", where_word(where),
			    it->name);
		return;
	}
	if (f->words != NULL &&
	    (it->value == NULL || it->value->kind != LV_IDENT ||
	     Sfn_lang_field_enum(f, it->value->text) == NULL)) {
		Sfn_lang_report(s->ctx, SFN_RULE_SFN_FIELD_VALUE,
		                it->value ? &it->value->span : &it->span,
		                "'%s' takes the word %s or %s", it->name,
		                f->words[0], f->words[2]);
		s->errors++;
	}
}

static void check_target(struct sema *s, const struct lang_item *it,
                         const struct scope *scope)
{
	struct sfn_suggest sg;
	const char *best;

	if (sfn_strmap_get(&scope->names, it->target) != NULL)
		return;
	sfn_suggest_init(&sg, it->target, strlen(it->target));
	for (const struct lang_item *st = scope->items;
	     st && s->suggested < LANG_MAX_SUGGESTIONS; st = st->next)
		if (st->kind == LI_STATE)
			sfn_suggest_add(&sg, st->name);
	s->suggested++;
	best = sfn_suggest_best(&sg);
	if (best != NULL)
		err(s, SFN_RULE_SFN_UNKNOWN_STATE, &it->target_span,
		    "'%s' is not a state of this scope; did you mean '%s'?",
		    it->target, best);
	else
		err(s, SFN_RULE_SFN_UNKNOWN_STATE, &it->target_span,
		    "'%s' is not a state of this scope%s", it->target,
		    " (a branch's and a map's states are a scope of their "
		    "own)");
}

static void check_scope(struct sema *s, const struct lang_item *items,
                        const struct lang_item *owner, unsigned where);

/* What check_clauses reports besides the clauses themselves. */
enum { LANG_OTHERS_OK, LANG_OTHERS_BUT_STATES, LANG_OTHERS_NONE };

/* The clauses among ITEMS, standing WHERE: each taken there and given
 * once. Other items are misplaced, save states (LANG_OTHERS_BUT_STATES)
 * or all (LANG_OTHERS_OK), which the caller checks. */
/* Clauses a block holds before its duplicates are found by a hash map
 * rather than by looking back over the block: most hold a few, and a
 * map for each cost more than the search. */
#define LANG_SHORT_BLOCK 16

/* Whether a clause before IT in ITEMS (a short block) is named NAME. */
static int given_before(const struct lang_item *items,
                        const struct lang_item *it, const char *name)
{
	for (const struct lang_item *b = items; b != it; b = b->next)
		if (b->kind == LI_FIELD && strcmp(b->name, name) == 0)
			return 1;
	return 0;
}

static void check_clauses(struct sema *s, const struct lang_item *items,
                          unsigned where, int others)
{
	struct sfn_strmap seen;
	size_t n = 0;
	int small;

	for (const struct lang_item *it = items; it && n <= LANG_SHORT_BLOCK;
	     it = it->next)
		n++;
	small = n <= LANG_SHORT_BLOCK;
	sfn_strmap_init(&seen);
	/* past the clauses, states alone (Sfn_lang_body): with
	 * LANG_OTHERS_BUT_STATES nothing to look at */
	for (const struct lang_item *it = items;
	     others == LANG_OTHERS_BUT_STATES ? Sfn_lang_clause(it)
	                                      : it != NULL;
	     it = it->next) {
		if (it->kind != LI_FIELD) {
			if (others == LANG_OTHERS_NONE ||
			    (others == LANG_OTHERS_BUT_STATES &&
			     it->kind != LI_STATE))
				err(s, SFN_RULE_SFN_MISPLACED, &it->name_span,
				    "'%s' cannot stand in a %s", it->name,
				    where_word(where));
			continue;
		}
		if (strcmp(it->name, "policy") == 0) {
			size_t before = s->ctx->diags->errors;

			Sfn_lang_check_policy(s->ctx, it);
			s->errors += s->ctx->diags->errors - before;
		} else if (small ? given_before(items, it, it->name)
		                 : sfn_strmap_get(&seen, it->name) != NULL)
			err(s, SFN_RULE_SFN_DUPLICATE_FIELD, &it->name_span,
			    "'%s' is given twice in this %s", it->name,
			    where_word(where));
		if (!small)
			put(s, &seen, it->name);
		check_field(s, it, where);
	}
	sfn_strmap_free(&seen);
}

/* next, end, retry, catch, when, otherwise and branch: the states that
 * take each, the clauses its block holds, whether it names a target. */
struct special {
	enum lang_ikind kind;
	unsigned states; /* 1u << LS_* bits */
	unsigned block;  /* LW_* of its block's clauses, or 0 */
	int target;      /* it names a state of the scope */
};

#define LANG_GOES_ON                                                           \
	((1u << LS_PASS) | (1u << LS_TASK) | (1u << LS_WAIT) |                 \
	 (1u << LS_PARALLEL) | (1u << LS_MAP))
#define LANG_WORK ((1u << LS_TASK) | (1u << LS_PARALLEL) | (1u << LS_MAP))

static const struct special specials[] = {
	{ LI_NEXT, LANG_GOES_ON, 0, 1 },
	{ LI_END, LANG_GOES_ON, 0, 0 },
	{ LI_RETRY, LANG_WORK, LW_RETRY, 0 },
	{ LI_CATCH, LANG_WORK, LW_CATCH, 1 },
	{ LI_WHEN, 1u << LS_CHOICE, LW_WHEN, 1 },
	{ LI_OTHERWISE, 1u << LS_CHOICE, 0, 1 },
	{ LI_BRANCH, 1u << LS_PARALLEL, LW_BRANCH, 0 },
};

static void check_special(struct sema *s, const struct lang_item *st,
                          const struct lang_item *it, const struct scope *scope,
                          int *ends)
{
	const struct special *sp = specials;

	while (sp < specials + sizeof(specials) / sizeof(specials[0]) &&
	       sp->kind != it->kind)
		sp++;
	if (sp == specials + sizeof(specials) / sizeof(specials[0]))
		return;
	if (!(sp->states & (1u << st->state))) {
		err(s, SFN_RULE_SFN_MISPLACED, &it->name_span,
		    "'%s' cannot stand in a %s state", it->name,
		    Sfn_lang_state_word(st->state));
		return;
	}
	if ((it->kind == LI_NEXT || it->kind == LI_END) && ++*ends > 1)
		err(s, SFN_RULE_SFN_DUPLICATE_FIELD, &it->name_span,
		    "'%s' after another next or end%s", it->name, "");
	if (sp->block == LW_BRANCH)
		check_scope(s, it->body, it, LW_BRANCH);
	else if (sp->block != 0)
		check_clauses(s, it->body, sp->block, LANG_OTHERS_NONE);
	if (sp->target)
		check_target(s, it, scope);
}

/* Whether ITEMS hold a clause of KIND. */
static int has_kind(const struct lang_item *items, enum lang_ikind kind)
{
	for (const struct lang_item *it = items; Sfn_lang_clause(it);
	     it = it->next)
		if (it->kind == kind)
			return 1;
	return 0;
}

static int known_model(const struct sema *s, const char *name)
{
	return sfn_strmap_get(&s->models, name) != NULL;
}

/* task NAME = bedrock.invoke_model(MODEL) */
static void check_call(struct sema *s, const struct lang_item *st)
{
	const struct lang_value *a = st->value;

	if (strcmp(st->fn, "bedrock.invoke_model") != 0) {
		err(s, SFN_RULE_SFN_UNKNOWN_REFERENCE, &st->fn_span,
		    "'%s' is no integration sfnc knows (known: %s)", st->fn,
		    "bedrock.invoke_model; other services take "
		    "'resource' and 'parameters' clauses");
		return;
	}
	if (a == NULL || a->next != NULL ||
	    (a->kind != LV_IDENT && a->kind != LV_STRING))
		err(s, SFN_RULE_SFN_FIELD_VALUE, a ? &a->span : &st->fn_span,
		    "'%s' takes one argument: a model's name, a model ID or "
		    "a model's ARN%s",
		    st->fn, "");
	else if (a->kind == LV_IDENT && !known_model(s, a->text))
		err(s, SFN_RULE_SFN_UNKNOWN_REFERENCE, &a->span,
		    "'%s' is no model of stack '%s'", a->text, s->stack->name);
}

static void check_head(struct sema *s, const struct lang_item *st)
{
	static const unsigned allowed[] = {
		[LH_NONE] = ~0u,
		[LH_CALL] = 1u << LS_TASK,
		[LH_OVER] = 1u << LS_MAP,
		[LH_UNTIL] = 1u << LS_WAIT,
		[LH_VALUE] = 1u << LS_WAIT,
	};
	static const char *const what[] = { "", "an integration call", "'over'",
		                            "'until'", "a value" };

	if (!(allowed[st->head] & (1u << st->state)))
		err(s, SFN_RULE_SFN_FIELD_VALUE, &st->fn_span,
		    "a %s state takes no %s after its name",
		    Sfn_lang_state_word(st->state), what[st->head]);
	else if (st->head == LH_CALL)
		check_call(s, st);
}

static void check_state(struct sema *s, const struct lang_item *st,
                        const struct scope *scope)
{
	int ends = 0;

	if (st->state == LS_ASL)
		return;
	check_head(s, st);
	for (const struct lang_item *it = st->body; it; it = it->next) {
		if (it->kind == LI_STATE && st->state != LS_MAP)
			err(s, SFN_RULE_SFN_MISPLACED, &it->name_span,
			    "state '%s' cannot stand in a %s state (only a "
			    "map or a branch holds states)",
			    it->name, Sfn_lang_state_word(st->state));
		else if (it->kind != LI_FIELD && it->kind != LI_STATE)
			check_special(s, st, it, scope, &ends);
	}
	check_clauses(s, st->body, 1u << st->state, LANG_OTHERS_OK);
	if (st->state == LS_MAP)
		check_scope(s, st->body, st, 1u << LS_MAP);
	if (st->state == LS_PARALLEL && !has_kind(st->body, LI_BRANCH))
		err(s, SFN_RULE_SFN_EMPTY, &st->name_span,
		    "parallel state '%s' has no branch%s", st->name, "");
}

/* The states of ITEMS form one scope: names, then each state. Clauses
 * of OWNER that are not states are checked by WHERE unless OWNER is a
 * state (whose clauses check_state saw). */
static void check_scope(struct sema *s, const struct lang_item *items,
                        const struct lang_item *owner, unsigned where)
{
	struct scope scope = { { 0 }, items };
	const struct lang_item *first = Sfn_lang_states(items);
	size_t n = items != NULL ? items->nstates : 0;

	sfn_strmap_init(&scope.names);
	/* both maps sized once for the scope's states, not grown as they
	 * come (every growth hashes the names again) */
	if (n > 0 &&
	    (sfn_strmap_reserve(&scope.names, n) != SFN_OK ||
	     sfn_strmap_reserve(&s->states, s->states.count + n) != SFN_OK))
		s->ctx->nomem = 1;
	for (const struct lang_item *it = first; it; it = it->next) {
		void *had = NULL;

		/* one lookup: a name there already is kept, and reported */
		if (sfn_strmap_put(&s->states, it->name, (void *) it->name,
		                   &had) != SFN_OK)
			s->ctx->nomem = 1;
		if (had != NULL)
			err(s, SFN_RULE_SFN_DUPLICATE_NAME, &it->name_span,
			    "a state named '%s' already exists in this "
			    "machine%s",
			    it->name, "");
		put(s, &scope.names, it->name);
	}
	if (first == NULL)
		err(s, SFN_RULE_SFN_EMPTY, &owner->name_span,
		    "%s '%s' has no states",
		    owner->kind == LI_STATE ? "map" : where_word(where),
		    owner->kind == LI_BRANCH ? "" : owner->name);
	for (const struct lang_item *it = first; it; it = it->next)
		check_state(s, it, &scope);
	if (owner->kind != LI_STATE)
		check_clauses(s, items, where, LANG_OTHERS_BUT_STATES);
	sfn_strmap_free(&scope.names);
}

/* output NAME = Machine.arn */
static void check_output(struct sema *s, const struct lang_item *it)
{
	const char *dot = strrchr(it->target, '.');
	char machine[256];
	size_t n = dot ? (size_t) (dot - it->target) : 0;

	if (dot == NULL || strcmp(dot, ".arn") != 0 || n >= sizeof(machine)) {
		err(s, SFN_RULE_SFN_FIELD_VALUE, &it->target_span,
		    "an output is a machine's ARN: write '%s' as "
		    "MACHINE.arn%s",
		    it->target, "");
		return;
	}
	memcpy(machine, it->target, n);
	machine[n] = '\0';
	if (sfn_strmap_get(&s->machines, machine) == NULL)
		err(s, SFN_RULE_SFN_UNKNOWN_REFERENCE, &it->target_span,
		    "'%s' is no machine of stack '%s'", machine,
		    s->stack->name);
}

static void check_model(struct sema *s, const struct lang_item *it)
{
	if (strcmp(it->fn, "bedrock.foundation_model") != 0)
		err(s, SFN_RULE_SFN_UNKNOWN_REFERENCE, &it->fn_span,
		    "'%s' is no model source sfnc knows (known: %s)", it->fn,
		    "bedrock.foundation_model");
	else if (it->value == NULL || it->value->kind != LV_STRING)
		err(s, SFN_RULE_SFN_FIELD_VALUE, &it->fn_span,
		    "'%s' takes the model ID as a string%s", it->fn, "");
}

/* Whether V, a scalar of the param's kind, equals the default D. */
static int same_value(const struct lang_value *v, const struct lang_value *d)
{
	return v->kind == LV_NUMBER ? v->num == d->num
	                            : strcmp(v->text, d->text) == 0;
}

/* allowed [V, ...]: values of the param's KIND, the default among them. */
static void check_allowed(struct sema *s, const struct lang_item *param,
                          const struct lang_item *f, enum lang_vkind kind)
{
	const struct lang_value *v = f->value;
	int has_default = 0;

	if (v == NULL || v->kind != LV_ARRAY || v->items == NULL) {
		err(s, SFN_RULE_SFN_FIELD_VALUE, v ? &v->span : &f->span,
		    "'allowed' takes a list of one or more %s%s",
		    kind == LV_NUMBER ? "numbers" : "strings in quotes", "");
		return;
	}
	for (const struct lang_value *i = v->items; i; i = i->next) {
		if (i->kind != kind) {
			err(s, SFN_RULE_SFN_FIELD_VALUE, &i->span,
			    "the allowed values of a %s param are %s",
			    param->target,
			    kind == LV_NUMBER ? "numbers"
			                      : "strings in quotes");
			return;
		}
		if (param->value != NULL && same_value(i, param->value))
			has_default = 1;
	}
	if (param->value != NULL && param->value->kind == kind && !has_default)
		err(s, SFN_RULE_SFN_PARAM_ALLOWED, &param->value->span,
		    "the default of param '%s' is not one of its allowed "
		    "values%s",
		    param->name, "");
}

/* { description "..." allowed [...] } after a param's type and default */
static void check_param_body(struct sema *s, const struct lang_item *it,
                             enum lang_vkind kind)
{
	check_clauses(s, it->body, LW_PARAM, LANG_OTHERS_NONE);
	for (const struct lang_item *f = it->body; f; f = f->next) {
		if (f->kind != LI_FIELD)
			continue;
		if (strcmp(f->name, "description") == 0 &&
		    (f->value == NULL || f->value->kind != LV_STRING))
			err(s, SFN_RULE_SFN_FIELD_VALUE,
			    f->value ? &f->value->span : &f->span,
			    "'%s' takes a string in quotes%s", f->name, "");
		else if (strcmp(f->name, "allowed") == 0)
			check_allowed(s, it, f, kind);
	}
}

/* param NAME: string|number [= a string or a number, as the type says]
 * [{ description "..." allowed [...] }] */
static void check_param(struct sema *s, const struct lang_item *it)
{
	int number = strcmp(it->target, "number") == 0;

	if (!number && strcmp(it->target, "string") != 0) {
		err(s, SFN_RULE_SFN_FIELD_VALUE, &it->target_span,
		    "a param's type is string or number, not '%s'%s",
		    it->target, "");
		return;
	}
	if (it->value != NULL &&
	    it->value->kind != (number ? LV_NUMBER : LV_STRING))
		err(s, SFN_RULE_SFN_FIELD_VALUE, &it->value->span,
		    "the default of a %s param is a %s", it->target,
		    number ? "number" : "string in quotes");
	check_param_body(s, it, number ? LV_NUMBER : LV_STRING);
}

static void check_stack(struct sema *s, const struct lang_item *stack)
{
	struct sfn_strmap names;

	sfn_strmap_init(&names);
	sfn_strmap_init(&s->models);
	sfn_strmap_init(&s->machines);
	s->stack = stack;
	for (const struct lang_item *it = stack->body; it; it = it->next)
		if (it->kind == LI_MODEL)
			put(s, &s->models, it->name);
		else if (it->kind == LI_MACHINE)
			put(s, &s->machines, it->name);
	check_clauses(s, stack->body, LW_STACK, LANG_OTHERS_OK);
	for (const struct lang_item *it = stack->body; it; it = it->next) {
		if (it->kind == LI_FIELD)
			continue;
		if (it->kind != LI_MACHINE && it->kind != LI_MODEL &&
		    it->kind != LI_PARAM && it->kind != LI_SOUTPUT) {
			err(s, SFN_RULE_SFN_MISPLACED, &it->name_span,
			    "'%s' cannot stand in a stack%s", it->name, "");
			continue;
		}
		if (sfn_strmap_get(&names, it->name) != NULL)
			err(s, SFN_RULE_SFN_DUPLICATE_NAME, &it->name_span,
			    "'%s' is defined twice in stack '%s'", it->name,
			    stack->name);
		put(s, &names, it->name);
		if (it->kind == LI_SOUTPUT)
			check_output(s, it);
		else if (it->kind == LI_MODEL)
			check_model(s, it);
		else if (it->kind == LI_PARAM)
			check_param(s, it);
		else if (it->kind == LI_MACHINE) {
			sfn_strmap_init(&s->states);
			check_scope(s, it->body, it, LW_MACHINE);
			sfn_strmap_free(&s->states);
		}
	}
	sfn_strmap_free(&names);
	sfn_strmap_free(&s->models);
	sfn_strmap_free(&s->machines);
}

size_t Sfn_lang_sema(struct lang_ctx *ctx)
{
	struct sema s = { ctx, NULL, { 0 }, 0, 0, { 0 }, { 0 } };
	struct sfn_strmap stacks;

	sfn_strmap_init(&stacks);
	for (const struct lang_item *st = ctx->stacks; st; st = st->next) {
		if (sfn_strmap_get(&stacks, st->name) != NULL)
			err(&s, SFN_RULE_SFN_DUPLICATE_NAME, &st->name_span,
			    "a stack named '%s' is defined already%s", st->name,
			    "");
		put(&s, &stacks, st->name);
		check_stack(&s, st);
	}
	sfn_strmap_free(&stacks);
	return s.errors;
}
