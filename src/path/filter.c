/* Filter evaluation: logical operators, comparisons with RFC 9535's rules
 * (or Jayway's, where a missing operand makes every comparison false),
 * existence tests and the RFC 9535 functions. It recurses once per level
 * of the expression tree, which the parser kept within SFN_PATH_MAX_DEPTH,
 * so it counts no depth of its own. */
#include "config.h"

#include <string.h>

#include "path/eval.h"
#include "path/regex.h"
#include "sfn/utf8.h"

enum vkind { V_NOTHING, V_NODE, V_NUMBER, V_STRING, V_TRUE, V_FALSE, V_NULL };

/* A value in a filter: a node of the document or a computed scalar. */
struct val {
	enum vkind kind;
	const cJSON *node;
	double num;
	const char *str;
};

/* Nodes of a filter query, from the current node or the root. */
static void run_query(struct evaluator *ev, const struct query *q,
                      const cJSON *at, struct sfn_nodelist *out)
{
	struct evaluator sub = *ev;
	enum sfn_status st;

	memset(out, 0, sizeof(*out));
	if (!q->relative && ev->root_query != NULL) {
		st = ev->root_query(ev->root_ctx, q, out);
		if (st != SFN_OK)
			ev->status = st;
		return;
	}
	sub.want_paths = 0;
	Sfn_pe_add(&sub, out, q->relative ? at : ev->root, NULL, NULL, -1);
	Sfn_pe_segments(&sub, q->segs, q->nsegs, out);
	if (sub.status != SFN_OK)
		ev->status = sub.status;
}

/* A singular query walked directly, without a node list: the node it
 * names, or NULL. */
static const cJSON *singular(struct evaluator *ev, const struct query *q,
                             const cJSON *at)
{
	const cJSON *n = q->relative ? at : ev->root;

	if (!q->relative && ev->root_query != NULL) {
		struct sfn_nodelist nodes;

		run_query(ev, q, at, &nodes);
		n = nodes.count == 1 ? nodes.nodes[0] : NULL;
		sfn_nodelist_free(&nodes);
		return n;
	}
	for (size_t i = 0; i < q->nsegs && n != NULL; i++) {
		const struct selector *s = &q->segs[i].sels[0];
		long k;

		if (s->kind == SEL_NAME) {
			n = cJSON_IsObject(n)
			            ? cJSON_GetObjectItemCaseSensitive(n,
			                                               s->name)
			            : NULL;
			continue;
		}
		if (!cJSON_IsArray(n))
			return NULL;
		k = (long) s->index;
		if (k < 0)
			k += cJSON_GetArraySize(n);
		n = k < 0 ? NULL : cJSON_GetArrayItem(n, (int) k);
	}
	return n;
}

/* A node seen as a scalar value where it is one. */
static struct val from_node(const cJSON *n)
{
	struct val v = { V_NODE, n, 0, NULL };

	if (cJSON_IsNumber(n)) {
		v.kind = V_NUMBER;
		v.num = n->valuedouble;
	} else if (cJSON_IsString(n)) {
		v.kind = V_STRING;
		v.str = n->valuestring;
	} else if (cJSON_IsTrue(n)) {
		v.kind = V_TRUE;
	} else if (cJSON_IsFalse(n)) {
		v.kind = V_FALSE;
	} else if (cJSON_IsNull(n)) {
		v.kind = V_NULL;
	}
	return v;
}

static struct val value_of(struct evaluator *ev, const struct expr *e,
                           const cJSON *at);

static struct val number(double d)
{
	struct val v = { V_NUMBER, NULL, d, NULL };

	return v;
}

/* length(): characters of a string, elements, members; else Nothing. */
static struct val fn_length(struct val v)
{
	struct val nothing = { V_NOTHING, NULL, 0, NULL };

	if (v.kind == V_STRING)
		return number((double) sfn_utf8_count(v.str, strlen(v.str)));
	if (v.kind == V_NODE &&
	    (cJSON_IsArray(v.node) || cJSON_IsObject(v.node)))
		return number(cJSON_GetArraySize(v.node));
	return nothing;
}

static struct val call_value(struct evaluator *ev, const struct expr *e,
                             const cJSON *at)
{
	struct val nothing = { V_NOTHING, NULL, 0, NULL }, v = nothing;
	struct sfn_nodelist nodes;

	switch (e->func) {
	case F_LENGTH:
		return fn_length(value_of(ev, e->args[0], at));
	case F_COUNT:
	case F_VALUE:
		run_query(ev, &e->args[0]->query, at, &nodes);
		if (e->func == F_COUNT)
			v = number((double) nodes.count);
		else if (nodes.count == 1)
			v = from_node(nodes.nodes[0]);
		sfn_nodelist_free(&nodes);
		return v;
	default:
		return nothing;
	}
}

static struct val value_of(struct evaluator *ev, const struct expr *e,
                           const cJSON *at)
{
	struct val v = { V_NOTHING, NULL, 0, NULL };
	struct sfn_nodelist nodes;

	switch (e->kind) {
	case E_STRING:
		v.kind = V_STRING;
		v.str = e->str;
		return v;
	case E_NUMBER:
		return number(e->num);
	case E_TRUE:
		v.kind = V_TRUE;
		return v;
	case E_FALSE:
		v.kind = V_FALSE;
		return v;
	case E_NULL:
		v.kind = V_NULL;
		return v;
	case E_QUERY:
		if (e->query.singular) {
			const cJSON *n = singular(ev, &e->query, at);

			return n ? from_node(n) : v;
		}
		run_query(ev, &e->query, at, &nodes);
		if (nodes.count == 1)
			v = from_node(nodes.nodes[0]);
		sfn_nodelist_free(&nodes);
		return v;
	case E_FUNC:
		return call_value(ev, e, at);
	default:
		return v;
	}
}

static int equal(struct val a, struct val b)
{
	if (a.kind != b.kind)
		return 0;
	switch (a.kind) {
	case V_NUMBER:
		return a.num == b.num;
	case V_STRING:
		return strcmp(a.str, b.str) == 0;
	case V_NODE:
		return cJSON_Compare(a.node, b.node, 1);
	default:
		return 1;
	}
}

/* a < b: numbers by value, strings by code point (UTF-8 byte order is
 * the same); anything else compares false. */
static int less(struct val a, struct val b)
{
	if (a.kind == V_NUMBER && b.kind == V_NUMBER)
		return a.num < b.num;
	if (a.kind == V_STRING && b.kind == V_STRING)
		return strcmp(a.str, b.str) < 0;
	return 0;
}

static int compare(struct evaluator *ev, enum cmp_op op, struct val a,
                   struct val b)
{
	if (ev->aws && (a.kind == V_NOTHING || b.kind == V_NOTHING))
		return 0;
	switch (op) {
	case OP_EQ:
		return equal(a, b);
	case OP_NE:
		return !equal(a, b);
	case OP_LT:
		return less(a, b);
	case OP_LE:
		return less(a, b) || equal(a, b);
	case OP_GT:
		return less(b, a);
	case OP_GE:
		return less(b, a) || equal(a, b);
	}
	return 0;
}

static int call_logical(struct evaluator *ev, const struct expr *e,
                        const cJSON *at)
{
	struct val s = value_of(ev, e->args[0], at);
	struct val re = value_of(ev, e->args[1], at);
	int rc;

	if (s.kind != V_STRING || re.kind != V_STRING)
		return 0;
	rc = Sfn_iregexp_test(re.str, s.str, e->func == F_MATCH);
	if (rc < 0) {
		if (rc == -2)
			ev->status = SFN_ERR_NOMEM;
		return 0;
	}
	return rc;
}

static int exists(struct evaluator *ev, const struct query *q, const cJSON *at)
{
	struct sfn_nodelist nodes;
	int found;

	if (q->singular)
		return singular(ev, q, at) != NULL;
	run_query(ev, q, at, &nodes);
	found = nodes.count > 0;
	sfn_nodelist_free(&nodes);
	return found;
}

int Sfn_pe_filter(struct evaluator *ev, const struct expr *e, const cJSON *at)
{
	if (ev->status != SFN_OK)
		return 0;
	switch (e->kind) {
	case E_OR:
		return Sfn_pe_filter(ev, e->a, at) ||
		       Sfn_pe_filter(ev, e->b, at);
	case E_AND:
		return Sfn_pe_filter(ev, e->a, at) &&
		       Sfn_pe_filter(ev, e->b, at);
	case E_NOT:
		return !Sfn_pe_filter(ev, e->a, at);
	case E_CMP:
		return compare(ev, e->op, value_of(ev, e->a, at),
		               value_of(ev, e->b, at));
	case E_QUERY:
		return exists(ev, &e->query, at);
	case E_FUNC:
		return call_logical(ev, e, at);
	default:
		return 0;
	}
}
