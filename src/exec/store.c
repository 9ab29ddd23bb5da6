/* The store of compiled expressions: each distinct path or intrinsic call
 * text of a definition parsed once and kept by its text, with the paths
 * that calls take as arguments. Knows nothing of states or templates. */
#include "config.h"

#include <stdlib.h>

#include "exec/exec_int.h"
#include "sfn/intrinsic.h"

/* Something parsed that the store frees: a path or a call. */
struct owned {
	struct sfn_path *path;
	struct sfn_intrinsic *call;
	struct owned *next;
};

struct sfn_exec_store {
	struct sfn_arena arena;  /* keys, templates, this list */
	struct sfn_strmap paths; /* text -> struct sfn_path */
	struct sfn_strmap calls; /* text -> struct sfn_intrinsic */
	struct owned *owned;
};

struct sfn_exec_store *sfn_exec_store_new(void)
{
	struct sfn_exec_store *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	sfn_arena_init(&s->arena);
	sfn_strmap_init(&s->paths);
	sfn_strmap_init(&s->calls);
	return s;
}

void sfn_exec_store_free(struct sfn_exec_store *s)
{
	if (s == NULL)
		return;
	for (struct owned *o = s->owned; o != NULL; o = o->next) {
		sfn_path_free(o->path);
		sfn_intrinsic_free(o->call);
	}
	sfn_strmap_free(&s->paths);
	sfn_strmap_free(&s->calls);
	sfn_arena_free(&s->arena);
	free(s);
}

struct sfn_arena *sfn_exec_store_arena(struct sfn_exec_store *s)
{
	return &s->arena;
}

/* Keeps PATH or CALL (one of them NULL) under a copy of TEXT in MAP; on
 * failure frees it. */
static enum sfn_status keep(struct sfn_exec_store *s, struct sfn_strmap *map,
                            const char *text, struct sfn_path *path,
                            struct sfn_intrinsic *call)
{
	struct owned *o = sfn_arena_alloc(&s->arena, sizeof(*o));
	char *key = sfn_arena_strdup(&s->arena, text);

	if (o == NULL || key == NULL ||
	    sfn_strmap_put(map, key, path ? (void *) path : (void *) call,
	                   NULL) != SFN_OK) {
		sfn_path_free(path);
		sfn_intrinsic_free(call);
		return SFN_ERR_NOMEM;
	}
	o->path = path;
	o->call = call;
	o->next = s->owned;
	s->owned = o;
	return SFN_OK;
}

/* DIAGS, or LOCAL (made empty) when DIAGS is NULL. */
static struct sfn_diags *diags_or(struct sfn_diags *diags,
                                  struct sfn_diags *local)
{
	if (diags != NULL)
		return diags;
	sfn_diags_init(local);
	return local;
}

/* Frees LOCAL when diags_or made it. */
static void diags_done(struct sfn_diags *diags, struct sfn_diags *local)
{
	if (diags == NULL)
		sfn_diags_free(local);
}

enum sfn_status sfn_exec_store_path(struct sfn_exec_store *s, const char *text,
                                    struct sfn_diags *diags,
                                    const struct sfn_path **out)
{
	struct sfn_path *p = sfn_strmap_get(&s->paths, text);
	struct sfn_diags local;
	enum sfn_status st;

	*out = p;
	if (p != NULL)
		return SFN_OK;
	st = sfn_path_parse(text, SFN_PATH_AWS, NULL, diags_or(diags, &local),
	                    &p);
	diags_done(diags, &local);
	if (st == SFN_OK)
		st = keep(s, &s->paths, text, p, NULL);
	*out = st == SFN_OK ? p : NULL;
	return st;
}

static enum sfn_status arg_path(void *ctx, const char *text)
{
	const struct sfn_path *p;
	enum sfn_status st = sfn_exec_store_path(ctx, text, NULL, &p);

	/* a path argument that does not parse fails when it is resolved,
	 * as the service has it */
	return st == SFN_ERR_SYNTAX ? SFN_OK : st;
}

enum sfn_status sfn_exec_store_call(struct sfn_exec_store *s, const char *text,
                                    struct sfn_diags *diags,
                                    const struct sfn_intrinsic **out)
{
	struct sfn_intrinsic *c = sfn_strmap_get(&s->calls, text);
	struct sfn_diags local;
	enum sfn_status st;

	*out = c;
	if (c != NULL)
		return SFN_OK;
	st = sfn_intrinsic_parse(text, NULL, diags_or(diags, &local), &c);
	diags_done(diags, &local);
	if (st == SFN_OK)
		st = keep(s, &s->calls, text, NULL, c);
	if (st == SFN_OK)
		st = sfn_intrinsic_each_path(c, arg_path, s);
	*out = st == SFN_OK ? c : NULL;
	return st;
}

const struct sfn_path *Sfn_exec_store_find_path(const struct sfn_exec_store *s,
                                                const char *text)
{
	return sfn_strmap_get(&s->paths, text);
}
