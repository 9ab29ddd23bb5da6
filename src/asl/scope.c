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

/* The states of one scope, in document order, with their edges. */
struct graph {
	size_t scope;           /* this scope's number (struct asl's scopes) */
	struct asl_step *steps; /* its location, copied into struct asl's */
	size_t nsteps;          /* refs: spelled out only for a finding */
	const cJSON **states;
	size_t n;
	/* name -> index + 1, for the names whose first state in the
	 * machine is not in this scope (duplicates, rare) */
	struct sfn_strmap local;
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
};

static size_t state_count(const cJSON *states)
{
	size_t n = 0;

	for (const cJSON *s = states->child; s != NULL; s = s->next)
		n++;
	return n;
}

/* A graph with no states yet, numbered as the next scope. */
static void graph_start(struct asl *a, struct graph *g)
{
	memset(g, 0, sizeof(*g));
	g->scope = ++a->scopes;
	g->nsteps = a->depth < a->cap ? a->depth : a->cap;
	g->steps =
	        sfn_arena_alloc(&a->refs, (g->nsteps + 1) * sizeof(*g->steps));
	if (g->steps == NULL)
		a->diags->status = SFN_ERR_NOMEM;
	else if (g->nsteps > 0)
		memcpy(g->steps, a->steps, g->nsteps * sizeof(*g->steps));
	sfn_strmap_init(&g->local);
}

static int graph_init(struct graph *g, const cJSON *states)
{
	g->n = state_count(states);
	g->states = calloc(g->n + 1, sizeof(*g->states));
	g->first = calloc(g->n + 1, sizeof(*g->first));
	g->incoming = calloc(g->n + 1, sizeof(*g->incoming));
	g->terminal = calloc(g->n + 1, 1);
	g->unresolved = calloc(g->n + 1, 1);
	if (!g->states || !g->first || !g->incoming || !g->terminal ||
	    !g->unresolved)
		return 0;
	g->n = 0;
	for (const cJSON *s = states->child; s != NULL; s = s->next)
		g->states[g->n++] = s;
	return 1;
}

static void graph_free(struct graph *g)
{
	free(g->states);
	free(g->first);
	free(g->incoming);
	free(g->terminal);
	free(g->unresolved);
	free(g->edges);
	sfn_strmap_free(&g->local);
}

/* The index of the state NAME in G's scope (the first of that name), or
 * -1. */
static long find(const struct asl *a, const struct graph *g, const char *name)
{
	const struct state_ref *r = sfn_strmap_get(&a->names, name);
	uintptr_t i;

	if (r != NULL && r->scope == g->scope)
		return (long) r->index;
	i = (uintptr_t) sfn_strmap_get(&g->local, name);
	return i ? (long) i - 1 : -1;
}

static int add_edge(struct graph *g, size_t to)
{
	return sfn_vec_push(&g->edges, &g->nedges, &g->cap, &to, sizeof(to),
	                    SFN_VEC_UNCAPPED) == SFN_OK;
}

/* MISSING_TRANSITION_TARGET for NAME, the value V of FIELD, with the
 * closest state name of the scope as a suggestion. */
static void missing_target(struct asl *a, const struct graph *g, const cJSON *v,
                           const char *field)
{
	const char *name = v->valuestring, *best;
	struct sfn_suggest s;

	sfn_suggest_init(&s, name, strlen(name));
	for (size_t i = 0; i < g->n; i++)
		sfn_suggest_add(&s, g->states[i]->string);
	best = sfn_suggest_best(&s);
	Sfn_asl_report(a, SFN_RULE_ASL_MISSING_TARGET, v, 0, field,
	               "'%s' is not a state of this scope: Missing 'Next' "
	               "target: %s%s%s%s",
	               name, name, ASL_HINT(best));
}

/* A transition from state FROM to the value of field V: a state of the
 * scope, or MISSING_TRANSITION_TARGET at FIELD. */
static void transition(struct asl *a, struct graph *g, size_t from,
                       const cJSON *v, const char *field)
{
	const char *name = cJSON_GetStringValue(v);
	long to;

	if (name == NULL)
		return;
	to = Sfn_asl_is_placeholder(a, v) ? -1 : find(a, g, name);
	if (to < 0) {
		g->unresolved[from] = 1;
		if (!Sfn_asl_is_placeholder(a, v))
			missing_target(a, g, v, field);
		return;
	}
	if ((size_t) to != from)
		g->incoming[to]++;
	if (!add_edge(g, (size_t) to))
		a->diags->status = SFN_ERR_NOMEM;
}

/* Choices[i].Next and Catch[i].Next: LIST is the array, FIELD its name. */
static void transitions_in(struct asl *a, struct graph *g, size_t from,
                           const cJSON *list, const char *field)
{
	size_t i = 0, len, len2;

	if (!cJSON_IsArray(list))
		return;
	len = Sfn_asl_push(a, field);
	for (const cJSON *r = list->child; r != NULL; r = r->next, i++) {
		len2 = Sfn_asl_push_index(a, i);
		if (cJSON_IsObject(r))
			transition(a, g, from, asl_get(r, "Next"), "Next");
		Sfn_asl_pop(a, len2);
	}
	Sfn_asl_pop(a, len);
}

static int is_terminal(const cJSON *s)
{
	const char *type = cJSON_GetStringValue(asl_get(s, "Type"));

	return cJSON_IsTrue(asl_get(s, "End")) ||
	       (type && (!strcmp(type, "Succeed") || !strcmp(type, "Fail")));
}

static void collect_edges(struct asl *a, struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		const cJSON *s = g->states[i];
		size_t len = Sfn_asl_push(a, "States");

		Sfn_asl_push(a, s->string);
		g->first[i] = g->nedges;
		g->terminal[i] = cJSON_IsObject(s) && is_terminal(s);
		if (cJSON_IsObject(s) && !g->terminal[i] &&
		    asl_get(s, "Next") == NULL)
			g->unresolved[i] =
			        (unsigned char) Sfn_asl_misspelled_next(s);
		if (cJSON_IsObject(s)) {
			transition(a, g, i, asl_get(s, "Next"), "Next");
			transition(a, g, i, asl_get(s, "Default"), "Default");
			transitions_in(a, g, i, asl_get(s, "Choices"),
			               "Choices");
			transitions_in(a, g, i, asl_get(s, "Catch"), "Catch");
		}
		Sfn_asl_pop(a, len);
	}
	g->first[g->n] = g->nedges;
}

/* States StartAt leads to, by breadth-first search. */
static unsigned char *reach_from(const struct graph *g, long start)
{
	unsigned char *seen = calloc(g->n + 1, 1);
	size_t *queue = calloc(g->n + 1, sizeof(*queue)), head = 0, tail = 0;

	if (seen == NULL || queue == NULL || start < 0) {
		free(queue);
		return seen;
	}
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
	free(queue);
	return seen;
}

/* States from which a terminal state can be reached: a breadth-first
 * search back from the terminal states over the reversed edges. A state
 * with an unresolved transition counts as one that may end. */
static unsigned char *reach_terminal(const struct graph *g)
{
	unsigned char *ok = calloc(g->n + 1, 1);
	size_t *start = calloc(g->n + 2, sizeof(size_t));
	size_t *fill = calloc(g->n + 1, sizeof(size_t));
	size_t *back = calloc(g->nedges + 1, sizeof(size_t));
	size_t *queue = calloc(g->n + 1, sizeof(size_t));
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
		free(ok);
		ok = NULL;
	}
	free(start);
	free(fill);
	free(back);
	free(queue);
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
static void check_reached(struct asl *a, const struct graph *g, size_t i,
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
static void check_graph(struct asl *a, struct graph *g, const cJSON *states,
                        long start, int top)
{
	unsigned char *seen = reach_from(g, start);
	unsigned char *ends = reach_terminal(g);
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
	free(seen);
	free(ends);
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
 * of this scope still find its state here. */
static void record_name(struct asl *a, struct graph *g, const cJSON *s,
                        size_t index, struct state_ref **first)
{
	struct state_ref *r = sfn_arena_alloc(&a->refs, sizeof(*r));
	void *had = NULL;

	*first = NULL;
	if (r == NULL ||
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
	if (*first != NULL && (*first)->scope != g->scope &&
	    sfn_strmap_put(&g->local, s->string,
	                   (void *) (uintptr_t) (index + 1), NULL) != SFN_OK)
		a->diags->status = SFN_ERR_NOMEM;
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
 * state's already. */
static void check_name(struct asl *a, struct graph *g, const cJSON *s,
                       size_t index)
{
	struct state_ref *first;

	if (name_length(s->string, 80) > 80)
		Sfn_asl_report(a, SFN_RULE_ASL_STATE_NAME, s, 1, NULL,
		               "Invalid State name: State '%s' exceeds the "
		               "80-character limit allowed by the service",
		               s->string);
	record_name(a, g, s, index, &first);
	if (first == NULL)
		return;
	report_first(a, first);
	Sfn_asl_report(a, SFN_RULE_ASL_DUPLICATE_STATE, s, 1, NULL, DUPLICATE,
	               s->string);
}

static void check_states(struct asl *a, struct graph *g, const cJSON *states)
{
	size_t i = 0;

	for (const cJSON *s = states->child; s != NULL; s = s->next, i++) {
		size_t len = Sfn_asl_push(a, "States");

		Sfn_asl_push(a, s->string);
		if (cJSON_IsObject(s))
			Sfn_asl_suppress_from_comment(a, s);
		check_name(a, g, s, i);
		Sfn_asl_check_state(a, s);
		Sfn_asl_pop(a, len);
	}
}

void Sfn_asl_check_scope(struct asl *a, const cJSON *obj, int top)
{
	const cJSON *start = asl_get(obj, "StartAt");
	const cJSON *states = asl_get(obj, "States");
	int saved = a->jsonata;
	struct graph g;
	long s = -1;
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
		return;
	if (start != NULL)
		Sfn_asl_check_string(a, start, "StartAt");
	if (!cJSON_IsObject(states)) {
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, states, 0, "States",
		               "'States' must be an object of states: Expected "
		               "value of type [OBJECT]");
		return;
	}
	/* the top scope's names at least: no rehash of a big machine's */
	if (top && sfn_strmap_reserve(&a->names, state_count(states)) != SFN_OK)
		a->diags->status = SFN_ERR_NOMEM;
	graph_start(a, &g);
	check_states(a, &g, states);
	a->jsonata = saved;
	if (!graph_init(&g, states)) {
		a->diags->status = SFN_ERR_NOMEM;
		graph_free(&g);
		return;
	}
	collect_edges(a, &g);
	g.wild = start == NULL; /* where the scope starts is unknown */
	if (cJSON_IsString(start)) {
		s = Sfn_asl_is_placeholder(a, start)
		            ? -1
		            : find(a, &g, start->valuestring);
		g.wild = s < 0;
		if (s < 0 && !Sfn_asl_is_placeholder(a, start))
			missing_target(a, &g, start, "StartAt");
	}
	check_graph(a, &g, states, s, top);
	graph_free(&g);
}
