/* The evaluation context: error recording, the resource budget (depth,
 * steps, memory, wall time) and variable frames. Knows nothing of the
 * syntax tree. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "jsonata/jsonata_int.h"

int Sfn_jn_fail(struct jn_ctx *c, const char *code, size_t pos, const char *fmt,
                ...)
{
	va_list ap;

	if (c->failed)
		return -1;
	c->failed = 1;
	snprintf(c->err->code, sizeof(c->err->code), "%s", code);
	c->err->position = pos;
	va_start(ap, fmt);
	vsnprintf(c->err->message, sizeof(c->err->message), fmt, ap);
	va_end(ap);
	return -1;
}

int Sfn_jn_nomem(struct jn_ctx *c)
{
	c->limit = 1;
	return Sfn_jn_fail(c, "U1003", 0, "Out of memory");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Counts one evaluation step; fails when the budget is spent. The clock
 * is read every 1024 steps. */
int Sfn_jn_budget(struct jn_ctx *c, size_t pos)
{
	if (++c->steps > c->max_steps ||
	    ((c->steps & 1023) == 0 && c->deadline > 0 &&
	     now() > c->deadline)) {
		c->limit = 1;
		return Sfn_jn_fail(c, "U1001", pos,
		                   "Expression evaluation timeout: Check for "
		                   "infinite loop");
	}
	if (c->arena->total > c->max_memory) {
		c->limit = 1;
		return Sfn_jn_fail(
		        c, "U1003", pos,
		        "Expression evaluation used more than %zu bytes",
		        c->max_memory);
	}
	return 0;
}

void Sfn_jn_set_deadline(struct jn_ctx *c, unsigned long ms)
{
	c->deadline = ms > 0 ? now() + (double) ms / 1000.0 : 0;
}

struct jn_env *Sfn_jn_env_new(struct jn_ctx *c, struct jn_env *parent)
{
	struct jn_env *e = sfn_arena_alloc(c->arena, sizeof(*e));

	if (e == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	e->parent = parent;
	return e;
}

int Sfn_jn_bind(struct jn_ctx *c, struct jn_env *e, const char *name,
                struct jn_val *v)
{
	for (size_t i = 0; i < e->n; i++) {
		if (strcmp(e->b[i].name, name) == 0) {
			e->b[i].val = v;
			return 0;
		}
	}
	{
		void *b = e->b;

		if (Sfn_jn_grow(c, &b, e->n, &e->cap, sizeof(*e->b)) != 0)
			return -1;
		e->b = b;
	}
	e->b[e->n].name = name;
	e->b[e->n++].val = v;
	return 0;
}

struct jn_val *Sfn_jn_lookup(struct jn_ctx *c, struct jn_env *e,
                             const char *name, int *found)
{
	(void) c;
	for (; e != NULL; e = e->parent) {
		for (size_t i = 0; i < e->n; i++) {
			if (strcmp(e->b[i].name, name) == 0) {
				*found = 1;
				return e->b[i].val;
			}
		}
	}
	*found = 0;
	return NULL;
}
