/* A result written as compact JSON text straight from the engine's
 * values, piece by piece through a sink, with the bytes sfn_jsonout would
 * print for the cJSON tree Sfn_jn_to_cjson makes of it (undefined members
 * left out, functions as "", -0 as 0, non-finite numbers as null), so
 * that a large result needs neither a tree nor its whole text in memory.
 * Walks with a stack of its own, not by recursion. Knows nothing of ASL. */
#include "config.h"

#include <stdlib.h>

#include "jsonata/jsonata_int.h"
#include "sfn/jsonout.h"

#define WRITE_CHUNK ((size_t) 64 * 1024) /* bytes handed to the sink */

/* A container being written and its next member. */
struct frame {
	const struct jn_val *v;
	size_t next;
	int any; /* a member was written */
};

struct writer {
	struct sfn_buf out;
	const struct sfn_jsonata_sink *sink;
	struct frame *stack;
	size_t n, cap;
	int io; /* the sink failed */
};

/* Hands what OUT holds to the sink. */
static int flush(struct writer *w)
{
	if (w->out.status != SFN_OK)
		return -1;
	if (w->out.len > 0 && w->sink->write(w->sink->ctx, sfn_buf_str(&w->out),
	                                     w->out.len) != 0) {
		w->io = 1;
		return -1;
	}
	sfn_buf_cut(&w->out, 0);
	return 0;
}

static void scalar(struct writer *w, const struct jn_val *v)
{
	switch (v->kind) {
	case JN_NULL:
		sfn_buf_adds(&w->out, "null");
		break;
	case JN_BOOL:
		sfn_buf_adds(&w->out, v->u.b ? "true" : "false");
		break;
	case JN_NUM:
		sfn_jsonout_number(v->u.n == 0 ? 0.0 : v->u.n, &w->out);
		break;
	case JN_STR:
		sfn_jsonout_string(v->u.str.s, &w->out);
		break;
	default: /* a function, as JSON.stringify would drop it */
		sfn_buf_adds(&w->out, "\"\"");
		break;
	}
}

/* Starts V: a scalar is written whole, a container opened and stacked. */
static int start(struct writer *w, const struct jn_val *v)
{
	struct frame f = { v, 0, 0 };

	if (v->kind != JN_ARR && v->kind != JN_OBJ) {
		scalar(w, v);
		return 0;
	}
	sfn_buf_addc(&w->out, v->kind == JN_ARR ? '[' : '{');
	if (sfn_vec_push(&w->stack, &w->n, &w->cap, &f, sizeof(f),
	                 SFN_VEC_UNCAPPED) != SFN_OK)
		return -1;
	return 0;
}

/* The next defined member of the top frame, or NULL when it is done. */
static const struct jn_val *next_member(struct frame *f, const char **key)
{
	const struct jn_val *v = f->v;
	int arr = v->kind == JN_ARR;
	size_t n = arr ? v->u.arr.n : v->u.obj.n;

	while (f->next < n) {
		size_t i = f->next++;
		const struct jn_val *m =
		        arr ? v->u.arr.v[i] : v->u.obj.m[i].val;

		*key = arr ? NULL : v->u.obj.m[i].key;
		if (m != NULL)
			return m;
	}
	return NULL;
}

/* One step of the walk: the top frame's next member, or its end. */
static int step(struct writer *w)
{
	struct frame *f = &w->stack[w->n - 1];
	const char *key = NULL;
	const struct jn_val *m = next_member(f, &key);

	if (m == NULL) {
		sfn_buf_addc(&w->out, f->v->kind == JN_ARR ? ']' : '}');
		w->n--;
		return 0;
	}
	if (f->any)
		sfn_buf_addc(&w->out, ',');
	f->any = 1;
	if (key != NULL) {
		sfn_jsonout_string(key, &w->out);
		sfn_buf_addc(&w->out, ':');
	}
	return start(w, m);
}

static enum sfn_status walk(struct writer *w, const struct jn_val *v)
{
	if (start(w, v) != 0)
		return SFN_ERR_NOMEM;
	while (w->n > 0) {
		if (step(w) != 0)
			return SFN_ERR_NOMEM;
		if (w->out.len >= WRITE_CHUNK && flush(w) != 0)
			return w->io ? SFN_ERR_IO : SFN_ERR_NOMEM;
	}
	if (flush(w) != 0)
		return w->io ? SFN_ERR_IO : SFN_ERR_NOMEM;
	return SFN_OK;
}

enum sfn_status Sfn_jn_write(struct jn_ctx *c, const struct jn_val *v,
                             const struct sfn_jsonata_sink *sink)
{
	struct writer w = { { 0 }, sink, NULL, 0, 0, 0 };
	enum sfn_status st;

	if (v == NULL || sink == NULL)
		return SFN_OK;
	/* a string's escapes may take six bytes for each of its own */
	sfn_buf_init(&w.out, 2 * WRITE_CHUNK + 6 * c->max_memory);
	st = walk(&w, v);
	sfn_buf_free(&w.out);
	free(w.stack);
	if (st == SFN_ERR_NOMEM)
		Sfn_jn_nomem(c);
	return st;
}
