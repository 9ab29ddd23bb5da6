/* Visiting every JSONata slot of a loaded machine, for the JSONata engine
 * to parse each expression once: payloads, numbers and strings given as
 * "{% %}", Catch outputs, Choice conditions, nested scopes. Knows nothing
 * of JSONata itself. */
#include "config.h"

#include "asl/model_int.h"

struct walk {
	sfn_asl_jsonata_fn *fn;
	void *ctx;
	enum sfn_status status;
};

static void slot(struct walk *w, struct sfn_asl_jsonata *j)
{
	if (j != NULL && w->status == SFN_OK)
		w->status = w->fn(w->ctx, j);
}

static void payload(struct walk *w, const struct sfn_asl_payload *p)
{
	for (size_t i = 0; i < p->nexprs; i++)
		slot(w, &p->exprs[i]);
}

static void rule(struct walk *w, struct sfn_asl_rule *r)
{
	slot(w, r->condition);
	for (size_t i = 0; i < r->nchildren; i++)
		rule(w, &r->children[i]);
	payload(w, &r->assign);
	payload(w, &r->output);
}

static void scope(struct walk *w, struct sfn_asl_scope *sc);

static void map(struct walk *w, struct sfn_asl_map *m)
{
	payload(w, &m->items);
	payload(w, &m->item_selector);
	slot(w, m->max_concurrency.expr);
	slot(w, m->tolerated_failure_count.expr);
	slot(w, m->tolerated_failure_percentage.expr);
	payload(w, &m->item_reader.arguments);
	slot(w, m->item_reader.max_items.expr);
	payload(w, &m->result_writer.arguments);
	slot(w, m->item_batcher.max_items.expr);
	slot(w, m->item_batcher.max_bytes.expr);
	payload(w, &m->item_batcher.batch_input);
	if (m->processor != NULL)
		scope(w, m->processor);
}

/* The fields of S's type. */
static void typed(struct walk *w, struct sfn_asl_state *s)
{
	switch (s->type) {
	case SFN_ASL_TASK:
		slot(w, s->u.task->timeout.expr);
		slot(w, s->u.task->heartbeat.expr);
		payload(w, &s->u.task->credentials);
		break;
	case SFN_ASL_PARALLEL:
		for (size_t i = 0; i < s->u.parallel.nbranches; i++)
			scope(w, s->u.parallel.branches[i]);
		break;
	case SFN_ASL_MAP:
		map(w, s->u.map);
		break;
	case SFN_ASL_WAIT:
		slot(w, s->u.wait->seconds.expr);
		slot(w, s->u.wait->timestamp.expr);
		break;
	case SFN_ASL_CHOICE:
		for (size_t i = 0; i < s->u.choice.nrules; i++)
			rule(w, &s->u.choice.rules[i]);
		break;
	case SFN_ASL_FAIL:
		slot(w, s->u.fail->error.expr);
		slot(w, s->u.fail->cause.expr);
		break;
	default:
		break;
	}
}

static void state(struct walk *w, struct sfn_asl_state *s)
{
	payload(w, &s->io->arguments);
	payload(w, &s->io->output);
	payload(w, &s->io->assign);
	for (size_t i = 0; i < s->ncatchers; i++) {
		payload(w, &s->catchers[i].output);
		payload(w, &s->catchers[i].assign);
	}
	typed(w, s);
}

static void scope(struct walk *w, struct sfn_asl_scope *sc)
{
	for (size_t i = 0; i < sc->nstates && w->status == SFN_OK; i++)
		state(w, sc->states[i]);
}

enum sfn_status sfn_asl_each_jsonata(struct sfn_asl_machine *m,
                                     sfn_asl_jsonata_fn *fn, void *ctx)
{
	struct walk w = { fn, ctx, SFN_OK };

	/* nesting is bounded by SFN_ASL_MODEL_MAX_DEPTH, checked at load */
	if (m->top != NULL)
		scope(&w, m->top);
	return w.status;
}
