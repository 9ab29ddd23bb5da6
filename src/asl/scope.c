/* A scope: the StartAt and States of the machine, of a Parallel branch or
 * of a Map's item processor. Its states are checked one by one, then as a
 * graph: every transition must name a state of the same scope, every
 * state must be the target of one, the machine needs a terminal state,
 * and every state should lead to one. Linear in the number of states. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asl/fields.h"
#include "sfn/suggest.h"
#include "asl/asl_int.h"
#include "json/each.h"
#include "sfn/utf8.h"

/* Where a state stands: its scope and its index there. The machine's
 * name map (struct asl's names) holds one per name, for the first state
 * of that name, and serves every scope's transitions. */
struct state_ref {
	size_t scope, index;
	const cJSON *state;
	const struct asl_step *scope_steps; /* the scope's location */
	size_t scope_nsteps;
	int reported; /* as a duplicate */
};

/* A transition found while the states were walked, resolved once every
 * name of the machine is known: the value of Next or Default of state
 * FROM, or of Next in element INDEX of its LIST (Choices, Catch). Its
 * node may be gone by then (states read one at a time): the name and
 * where it stood are kept, not a copy of the node, since most of a
 * large machine's transitions resolve and are never reported. */
struct pending {
	const char *name;
	struct sfn_json_spot spot;
	/* 32 bits: a state or an element is more than 4 bytes of text or
	 * of memory, and neither holds 16 GiB (a large machine's list of
	 * transitions is the larger for every byte here) */
	uint32_t from, index;
	unsigned char kind; /* enum transition */
};

/* Where a transition stands in its state: LIST[index].FIELD, or FIELD
 * of the state itself when LIST is NULL. */
enum transition { T_NEXT, T_DEFAULT, T_CHOICE, T_CATCH, T_START_AT };
static const char *const transition_list[] = { NULL, NULL, "Choices", "Catch",
	                                       NULL };
static const char *const transition_field[] = { "Next", "Default", "Next",
	                                        "Next", "StartAt" };

/* The states of one scope, in document order, with their edges. The
 * state list is walked once: each state is checked and its transitions,
 * End and Type are noted in the same visit; the graph is then built from
 * these arrays. */
struct asl_scope {
	size_t scope;           /* this scope's number (struct asl's scopes) */
	struct asl_step *steps; /* its location, copied into struct asl's */
	size_t nsteps;          /* refs: spelled out only for a finding */
	const cJSON **states;
	size_t n, cap_states; /* states, terminal and unresolved */
	/* name -> index + 1, for the names whose first state in the
	 * machine is not in this scope (duplicates, rare) */
	struct sfn_strmap local;
	struct pending *pending; /* transitions, in document order */
	size_t npending, pending_cap;
	size_t *edges; /* targets, grouped by source */
	size_t *first; /* edges of state i: first[i]..first[i+1] */
	size_t nedges, cap;
	size_t *incoming; /* references from other states */
	unsigned char *terminal;
	/* a transition of state i names no state (a typo, or a template
	 * placeholder): it may lead anywhere, so the graph findings that
	 * depend on it are not made */
	unsigned char *unresolved;
	int wild; /* StartAt, or a state it leads to, has one */
	int keep; /* states come one at a time: keep copies of what the
	             graph needs (Sfn_json_doc_keep) */
	/* the state of this scope before the last one added with its
	 * name, or NULL (Sfn_asl_scope_repeated) */
	const cJSON *repeated;
};

/* A graph with no states yet, numbered as the next scope. Its location
 * outlives the state it is in (a later duplicate name points at it): the
 * names of a state handed out a member at a time are copied. */
static void graph_start(struct asl *a, struct asl_scope *g)
{
	memset(g, 0, sizeof(*g));
	g->scope = ++a->scopes;
	g->nsteps = a->depth < a->cap ? a->depth : a->cap;
	g->steps =
	        sfn_arena_alloc(&a->refs, (g->nsteps + 1) * sizeof(*g->steps));
	if (g->steps == NULL) {
		a->diags->status = SFN_ERR_NOMEM;
		g->nsteps = 0;
	}
	for (size_t i = 0; i < g->nsteps; i++) {
		g->steps[i] = a->steps[i];
		if (g->steps[i].name == NULL)
			continue;
		g->steps[i].name =
		        Sfn_json_doc_keep_string(a->doc, a->steps[i].name);
		if (g->steps[i].name == NULL)
			a->diags->status = SFN_ERR_NOMEM;
	}
	sfn_strmap_init(&g->local);
}

/* N elements of SIZE bytes, zeroed when ZERO, from ARENA: the scratch
 * of one scope's graph checks (struct asl's graph), released at their
 * end, so that the many small scopes of Map and Parallel states cost no
 * malloc and free each. */
static void *graph_alloc(struct sfn_arena *arena, size_t n, size_t size,
                         int zero)
{
	if (n > SIZE_MAX / size)
		return NULL;
	return zero ? sfn_arena_alloc(arena, n * size)
	            : sfn_arena_alloc_raw(arena, n * size);
}

/* Room for the edges, once the states are counted. */
static int graph_init(struct sfn_arena *arena, struct asl_scope *g)
{
	g->first = graph_alloc(arena, g->n + 1, sizeof(*g->first), 1);
	g->incoming = graph_alloc(arena, g->n + 1, sizeof(*g->incoming), 1);
	return g->first != NULL && g->incoming != NULL;
}

static void graph_free(struct asl_scope *g)
{
	free(g->states);
	free(g->pending);
	free(g->terminal);
	free(g->unresolved);
	free(g->edges);
	sfn_strmap_free(&g->local);
}

/* The index of the state NAME in G's scope (the first of that name), or
 * -1. */
static long find(const struct asl *a, const struct asl_scope *g,
                 const char *name)
{
	const struct state_ref *r = sfn_strmap_get(&a->names, name);
	uintptr_t i;

	if (r != NULL && r->scope == g->scope)
		return (long) r->index;
	i = (uintptr_t) sfn_strmap_get(&g->local, name);
	return i ? (long) i - 1 : -1;
}

static int add_edge(struct asl_scope *g, size_t to)
{
	return sfn_vec_push(&g->edges, &g->nedges, &g->cap, &to, sizeof(to),
	                    SFN_VEC_UNCAPPED) == SFN_OK;
}

/* MISSING_TRANSITION_TARGET for P, with the closest state name of the
 * scope as a suggestion. */
static void missing_target(struct asl *a, const struct asl_scope *g,
                           const struct pending *p)
{
	const char *name = p->name, *best = NULL;
	struct sfn_loc loc = Sfn_json_doc_spot_loc(a->doc, &p->spot);
	struct sfn_suggest s;

	if (a->target_hints < SFN_ASL_MAX_TARGET_HINTS) {
		a->target_hints++;
		sfn_suggest_init(&s, name, strlen(name));
		for (size_t i = 0; i < g->n; i++)
			sfn_suggest_add(&s, g->states[i]->string);
		best = sfn_suggest_best(&s);
	}
	Sfn_asl_report_loc(a, SFN_RULE_ASL_MISSING_TARGET, &loc,
	                   transition_field[p->kind],
	                   "'%s' is not a state of this scope: Missing 'Next' "
	                   "target: %s%s%s%s",
	                   name, name, ASL_HINT(best));
}

/* Transition P, from state P->from: to a state of the scope, or
 * MISSING_TRANSITION_TARGET at its field. */
static void transition(struct asl *a, struct asl_scope *g,
                       const struct pending *p)
{
	int placeholder = Sfn_asl_has_placeholder(p->name);
	long to = placeholder ? -1 : find(a, g, p->name);

	if (to < 0) {
		g->unresolved[p->from] = 1;
		if (!placeholder)
			missing_target(a, g, p);
		return;
	}
	if ((size_t) to != p->from)
		g->incoming[to]++;
	if (!add_edge(g, (size_t) to))
		a->diags->status = SFN_ERR_NOMEM;
}

/* Room for one more transition: a large scope's list grows into huge
 * pages (sfn_vec_reserve). 0 when memory ran out. */
static int grow_pending(struct asl_scope *g)
{
	return sfn_vec_reserve(&g->pending, &g->pending_cap, g->npending + 1,
	                       sizeof(*g->pending), SFN_VEC_UNCAPPED) == SFN_OK;
}

/* Notes a transition of the state being walked (the last one of G) to
 * V, of KIND (element INDEX of its list); one that is no string leads
 * nowhere to check (the field's own check reports it). */
static void note(struct asl *a, struct asl_scope *g, const cJSON *v,
                 enum transition kind, size_t index)
{
	struct pending p = { cJSON_GetStringValue(v),
		             { NULL, 0, { 0, 0, 0, 0 } },
		             (uint32_t) (g->n - 1),
		             (uint32_t) index,
		             (unsigned char) kind };

	if (p.name == NULL)
		return;
	if (g->keep)
		p.name = Sfn_json_doc_keep_string(a->doc, p.name);
	Sfn_json_doc_spot(a->doc, v, &p.spot);
	if (p.name == NULL ||
	    (g->npending == g->pending_cap && !grow_pending(g))) {
		a->diags->status = SFN_ERR_NOMEM;
		return;
	}
	g->pending[g->npending++] = p;
}

/* Choices[i].Next and Catch[i].Next: LIST is the array, of KIND. */
static void note_list(struct asl *a, struct asl_scope *g, const cJSON *list,
                      enum transition kind)
{
	size_t i = 0;

	if (!cJSON_IsArray(list))
		return;
	for (const cJSON *r = list->child; r != NULL; r = r->next, i++)
		if (cJSON_IsObject(r) && asl_get(r, "Next") != NULL)
			note(a, g, asl_get(r, "Next"), kind, i);
}

static int is_end_type(const cJSON *type)
{
	const char *t = cJSON_GetStringValue(type);

	return t && (!strcmp(t, "Succeed") || !strcmp(t, "Fail"));
}

/* What the graph needs of state S, the last one of G, in one walk over
 * its members: whether it ends, and its transitions in the order Next,
 * Default, Choices, Catch (the first member of each name counts). */
static void scan_state(struct asl *a, struct asl_scope *g, const cJSON *s)
{
	const cJSON *f[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	static const char *const names[6] = { "Next",  "Default", "Choices",
		                              "Catch", "End",     "Type" };
	size_t last = g->n - 1;

	for (const cJSON *m = s->child; m != NULL; m = m->next) {
		size_t k = 0;

		switch (m->string != NULL ? m->string[0] : 0) {
		case 'N': /* the first byte picks the name to compare */
			k = 0;
			break;
		case 'D':
			k = 1;
			break;
		case 'C':
			k = m->string[1] == 'h' ? 2 : 3;
			break;
		case 'E':
			k = 4;
			break;
		case 'T':
			k = 5;
			break;
		default:
			continue;
		}
		if (f[k] == NULL && asl_same(m->string, names[k]))
			f[k] = m;
	}
	g->terminal[last] =
	        (unsigned char) (cJSON_IsTrue(f[4]) || is_end_type(f[5]));
	if (!g->terminal[last] && f[0] == NULL)
		g->unresolved[last] =
		        (unsigned char) Sfn_asl_misspelled_next(s);
	if (f[0] != NULL)
		note(a, g, f[0], T_NEXT, 0);
	if (f[1] != NULL)
		note(a, g, f[1], T_DEFAULT, 0);
	note_list(a, g, f[2], T_CHOICE);
	note_list(a, g, f[3], T_CATCH);
}

/* Adds state S to G's arrays, which grow together; 0 when memory ran
 * out. */
static int add_state(struct asl_scope *g, const cJSON *s)
{
	if (g->n == g->cap_states) {
		size_t cap = g->cap_states ? 2 * g->cap_states : 16;
		const cJSON **states =
		        realloc(g->states, cap * sizeof(*g->states));
		unsigned char *t, *u;

		if (states == NULL)
			return 0;
		g->states = states;
		t = realloc(g->terminal, cap);
		if (t == NULL)
			return 0;
		g->terminal = t;
		u = realloc(g->unresolved, cap);
		if (u == NULL)
			return 0;
		g->unresolved = u;
		g->cap_states = cap;
	}
	g->states[g->n] = s;
	g->terminal[g->n] = 0;
	g->unresolved[g->n] = 0;
	g->n++;
	return 1;
}

/* Resolves the noted transitions, in document order, each at its own
 * location, and groups the edges by source state. */
static void resolve(struct asl *a, struct asl_scope *g)
{
	size_t k = 0;

	/* one edge at most per transition: the array allocated once, not
	 * grown (and copied) as the edges come */
	if (g->npending > 0 &&
	    sfn_vec_reserve(&g->edges, &g->cap, g->npending, sizeof(*g->edges),
	                    SFN_VEC_UNCAPPED) != SFN_OK)
		a->diags->status = SFN_ERR_NOMEM;
	for (size_t i = 0; i < g->n; i++) {
		g->first[i] = g->nedges;
		for (; k < g->npending && g->pending[k].from == i; k++) {
			const struct pending *p = &g->pending[k];
			size_t len = Sfn_asl_push(a, "States");

			Sfn_asl_push(a, g->states[i]->string);
			if (transition_list[p->kind] != NULL) {
				Sfn_asl_push(a, transition_list[p->kind]);
				Sfn_asl_push_index(a, p->index);
			}
			transition(a, g, p);
			Sfn_asl_pop(a, len);
		}
	}
	g->first[g->n] = g->nedges;
}

/* States StartAt leads to, by breadth-first search. */
static unsigned char *reach_from(struct sfn_arena *arena,
                                 const struct asl_scope *g, long start)
{
	unsigned char *seen = graph_alloc(arena, g->n + 1, 1, 1);
	size_t *queue = graph_alloc(arena, g->n + 1, sizeof(*queue), 0);
	size_t head = 0, tail = 0;

	if (seen == NULL || queue == NULL || start < 0)
		return queue != NULL ? seen : NULL;
	seen[start] = 1;
	queue[tail++] = (size_t) start;
	while (head < tail) {
		size_t s = queue[head++];

		for (size_t e = g->first[s]; e < g->first[s + 1]; e++) {
			if (!seen[g->edges[e]]) {
				seen[g->edges[e]] = 1;
				queue[tail++] = g->edges[e];
			}
		}
	}
	return seen;
}

/* States from which a terminal state can be reached: a breadth-first
 * search back from the terminal states over the reversed edges. A state
 * with an unresolved transition counts as one that may end. */
static unsigned char *reach_terminal(struct sfn_arena *arena,
                                     const struct asl_scope *g)
{
	unsigned char *ok = graph_alloc(arena, g->n + 1, 1, 1);
	size_t *start = graph_alloc(arena, g->n + 2, sizeof(size_t), 1);
	size_t *fill = graph_alloc(arena, g->n + 1, sizeof(size_t), 1);
	size_t *back = graph_alloc(arena, g->nedges + 1, sizeof(size_t), 0);
	size_t *queue = graph_alloc(arena, g->n + 1, sizeof(size_t), 0);
	size_t head = 0, tail = 0;

	if (ok && start && fill && back && queue) {
		for (size_t e = 0; e < g->nedges; e++)
			start[g->edges[e] + 1]++;
		for (size_t i = 0; i < g->n; i++)
			start[i + 1] += start[i];
		for (size_t s = 0; s < g->n; s++)
			for (size_t e = g->first[s]; e < g->first[s + 1]; e++) {
				size_t t = g->edges[e];

				back[start[t] + fill[t]++] = s;
			}
		for (size_t i = 0; i < g->n; i++)
			if (g->terminal[i] || g->unresolved[i]) {
				ok[i] = 1;
				queue[tail++] = i;
			}
		while (head < tail) {
			size_t t = queue[head++];

			for (size_t k = start[t]; k < start[t + 1]; k++)
				if (!ok[back[k]]) {
					ok[back[k]] = 1;
					queue[tail++] = back[k];
				}
		}
	} else {
		ok = NULL;
	}
	return ok;
}

static void report_state(struct asl *a, enum sfn_rule_id rule, const cJSON *s,
                         const char *fmt)
{
	size_t len = Sfn_asl_push(a, "States");

	Sfn_asl_push(a, s->string);
	Sfn_asl_report(a, rule, s, 1, NULL, fmt, s->string);
	Sfn_asl_pop(a, len);
}

/* Whether state I is the target of a transition, and of one StartAt
 * leads to. */
static void check_reached(struct asl *a, const struct asl_scope *g, size_t i,
                          long start, const unsigned char *seen)
{
	if ((long) i != start && g->incoming[i] == 0 && !a->no_terminal)
		report_state(a, SFN_RULE_ASL_UNREACHABLE, g->states[i],
		             "State \"%s\" is not reachable.");
	else if (!seen[i] && g->incoming[i] > 0)
		report_state(a, SFN_RULE_ASL_UNREACHABLE_LOOP, g->states[i],
		             "State \"%s\" is reached only from states "
		             "that StartAt never leads to");
}

/* Unreachable states, loops nothing enters, states that never end. One
 * mistake gives one finding: an unresolved transition (reported on its
 * own) may lead anywhere, so when StartAt can lead to it, or StartAt
 * itself is one, no state is called unreachable; and a state that can
 * lead to it is not called one that never ends. */
static void check_graph(struct asl *a, struct asl_scope *g, const cJSON *states,
                        long start, int top)
{
	unsigned char *seen = reach_from(&a->graph, g, start);
	unsigned char *ends = reach_terminal(&a->graph, g);
	size_t terminals = 0;

	for (size_t i = 0; i < g->n; i++) {
		terminals += g->terminal[i];
		g->wild |= seen != NULL && seen[i] && g->unresolved[i];
	}
	if (top && terminals == 0 && g->n > 0) {
		a->no_terminal = 1;
		Sfn_asl_report(
		        a, SFN_RULE_ASL_NO_TERMINAL, states, 1, "States",
		        "no state ends the machine (End: true, "
		        "Succeed or Fail): Workflow has no terminal state");
	}
	for (size_t i = 0; seen && ends && i < g->n; i++) {
		if (!g->wild)
			check_reached(a, g, i, start, seen);
		if (seen[i] && !ends[i] && terminals > 0)
			report_state(
			        a, SFN_RULE_ASL_NO_PATH_TO_END, g->states[i],
			        "no terminal state can be reached from state "
			        "\"%s\": the execution can only loop here or "
			        "fail");
	}
	if (seen == NULL || ends == NULL)
		a->diags->status = SFN_ERR_NOMEM;
}

/* Characters (code points) in S, counted only when its bytes could be
 * more than LIMIT of them. */
static size_t name_length(const char *s, size_t limit)
{
	size_t n = strlen(s);

	return n <= limit ? n : sfn_utf8_count(s, n);
}

/* Records state S, the INDEXth of G's scope, under its name. A name seen
 * before in another scope goes in G's own map too, so that transitions
 * of this scope still find its state here. Notes the state of G before
 * S with its name in G->repeated. */
static void record_name(struct asl *a, struct asl_scope *g, const cJSON *s,
                        size_t index, struct state_ref **first)
{
	struct state_ref *r = sfn_arena_alloc(&a->refs, sizeof(*r));
	void *had = NULL, *local = NULL;

	*first = NULL;
	g->repeated = NULL;
	if (r == NULL || s == NULL ||
	    sfn_strmap_put(&a->names, s->string, r, &had) != SFN_OK) {
		a->diags->status = SFN_ERR_NOMEM;
		return;
	}
	r->scope = g->scope;
	r->index = index;
	r->state = s;
	r->scope_steps = g->steps;
	r->scope_nsteps = g->steps != NULL ? g->nsteps : 0;
	*first = had;
	if (*first == NULL)
		return;
	if ((*first)->scope == g->scope) {
		g->repeated = (*first)->state; /* the machine's first */
		return;
	}
	if (sfn_strmap_put(&g->local, s->string,
	                   (void *) (uintptr_t) (index + 1), &local) != SFN_OK)
		a->diags->status = SFN_ERR_NOMEM;
	else if (local != NULL)
		g->repeated = g->states[(uintptr_t) local - 1];
}

#define DUPLICATE                                                              \
	"Duplicate State name: '%s' (state names are unique in the whole "     \
	"state machine)"

/* The first state of a repeated name is reported too, at its own
 * location, so that which one comes first never matters. */
static void report_first(struct asl *a, struct state_ref *first)
{
	size_t n = first->scope_nsteps;
	struct asl_step *at;

	if (first->reported)
		return;
	first->reported = 1;
	at = sfn_arena_alloc(&a->refs, (n + 2) * sizeof(*at));
	if (at == NULL) {
		a->diags->status = SFN_ERR_NOMEM;
		return;
	}
	if (n > 0)
		memcpy(at, first->scope_steps, n * sizeof(*at));
	at[n].name = "States";
	at[n + 1].name = first->state->string;
	Sfn_asl_report_steps(a, SFN_RULE_ASL_DUPLICATE_STATE, first->state, at,
	                     n + 2, DUPLICATE, first->state->string);
}

/* Names: at most 80 characters, and one state per name in the machine:
 * every state of a repeated name is reported. The location is the
 * state's already. KEPT stands for S in the name map: S itself, or a copy
 * that outlives it. */
static void check_name(struct asl *a, struct asl_scope *g, const cJSON *s,
                       const cJSON *kept, size_t index)
{
	struct state_ref *first;

	if (name_length(s->string, 80) > 80)
		Sfn_asl_report(a, SFN_RULE_ASL_STATE_NAME, s, 1, NULL,
		               "Invalid State name: State '%s' exceeds the "
		               "80-character limit allowed by the service",
		               s->string);
	record_name(a, g, kept, index, &first);
	if (first == NULL)
		return;
	report_first(a, first);
	Sfn_asl_report(a, SFN_RULE_ASL_DUPLICATE_STATE, s, 1, NULL, DUPLICATE,
	               s->string);
}

struct asl_scope *Sfn_asl_scope_open(struct asl *a, int keep)
{
	struct asl_scope *g = malloc(sizeof(*g));

	if (g == NULL) {
		a->diags->status = SFN_ERR_NOMEM;
		return NULL;
	}
	graph_start(a, g);
	g->keep = keep;
	return g;
}

const cJSON *Sfn_asl_scope_repeated(const struct asl_scope *g)
{
	return g->repeated;
}

int Sfn_asl_scope_add(struct asl *a, struct asl_scope *g, const cJSON *s,
                      const cJSON *kept)
{
	size_t len = Sfn_asl_push(a, "States");

	/* a state handed out a member at a time takes its strings with it:
	 * the last Resource parsed may be at the address of this one's */
	if (g->keep)
		a->resource_text = NULL;
	Sfn_asl_push(a, s->string);
	if (cJSON_IsObject(s))
		Sfn_asl_suppress_from_comment(a, s);
	check_name(a, g, s, kept, g->n);
	Sfn_asl_check_state(a, s);
	Sfn_asl_pop(a, len);
	if (kept == NULL || !add_state(g, kept))
		return 0;
	if (cJSON_IsObject(s))
		scan_state(a, g, s);
	return 1;
}

/* Checks each state and notes what the graph needs of it, in one walk
 * over the list; 0 when memory ran out. */
static int check_states(struct asl *a, struct asl_scope *g, const cJSON *states)
{
	size_t n = 0;

	for (const cJSON *s = states->child; s != NULL; s = s->next)
		n++;
	/* the names' map sized once for this scope, not grown as they come
	 * (every growth hashes the names again) */
	if (n > 0 &&
	    sfn_strmap_reserve(&a->names, a->names.count + n) != SFN_OK)
		return 0;
	for (const cJSON *s = states->child; s != NULL; s = s->next)
		if (!Sfn_asl_scope_add(a, g, s, Sfn_json_doc_keep(a->doc, s)))
			return 0;
	return 1;
}

/* StartAt and States of OBJ present, and States an object: returns it,
 * else NULL (reported). */
static const cJSON *scope_head(struct asl *a, const cJSON *obj)
{
	const cJSON *start = asl_get(obj, "StartAt");
	const cJSON *states = asl_get(obj, "States");
	/* missing, and not misspelled (then reported as an unknown field) */
	int no_start = start == NULL && !Sfn_asl_misspelling(obj, "StartAt");
	int no_states = states == NULL && !Sfn_asl_misspelling(obj, "States");

	if (no_start || no_states)
		Sfn_asl_report(a, SFN_RULE_ASL_MISSING_FIELD, obj, 1, NULL,
		               "These fields are required: [%s]",
		               !no_start    ? "States"
		               : !no_states ? "StartAt"
		                            : "States, StartAt");
	if ((start == NULL || states == NULL) && !cJSON_IsObject(states))
		return NULL;
	if (start != NULL)
		Sfn_asl_check_string(a, start, "StartAt");
	if (!cJSON_IsObject(states)) {
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, states, 0, "States",
		               "'States' must be an object of states: Expected "
		               "value of type [OBJECT]");
		return NULL;
	}
	return states;
}

/* The checks of G that need all its states: transitions resolved, then
 * the graph from StartAt (the field of OBJ). */
static void scope_graph(struct asl *a, struct asl_scope *g, const cJSON *obj,
                        int top)
{
	const cJSON *start = asl_get(obj, "StartAt");
	struct sfn_arena_mark mark = sfn_arena_checkpoint(&a->graph);
	long s = -1;

	if (!graph_init(&a->graph, g)) {
		a->diags->status = SFN_ERR_NOMEM;
		sfn_arena_release(&a->graph, mark);
		return;
	}
	resolve(a, g);
	g->wild = start == NULL; /* where the scope starts is unknown */
	if (cJSON_IsString(start)) {
		s = Sfn_asl_is_placeholder(a, start)
		            ? -1
		            : find(a, g, start->valuestring);
		g->wild = s < 0;
		if (s < 0 && !Sfn_asl_is_placeholder(a, start)) {
			struct pending p = { start->valuestring,
				             { NULL, 0, { 0, 0, 0, 0 } },
				             0,
				             0,
				             T_START_AT };

			Sfn_json_doc_spot(a->doc, start, &p.spot);
			missing_target(a, g, &p);
		}
	}
	check_graph(a, g, asl_get(obj, "States"), s, top);
	sfn_arena_release(&a->graph, mark);
	g->first = g->incoming = NULL;
}

void Sfn_asl_scope_close(struct asl *a, struct asl_scope *g, const cJSON *obj,
                         int top, int ok)
{
	if (ok && scope_head(a, obj) != NULL)
		scope_graph(a, g, obj, top);
	graph_free(g);
	free(g);
}

void Sfn_asl_check_scope(struct asl *a, const cJSON *obj, int top)
{
	const cJSON *states = scope_head(a, obj);
	int saved = a->jsonata;
	struct asl_scope g;
	int ok;

	if (states == NULL)
		return;
	graph_start(a, &g);
	ok = check_states(a, &g, states);
	a->jsonata = saved;
	if (ok)
		scope_graph(a, &g, obj, top);
	else
		a->diags->status = SFN_ERR_NOMEM;
	graph_free(&g);
}
