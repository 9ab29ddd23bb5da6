/* Tape evaluation: the tree evaluator's semantics (eval.c) over a tape of
 * the text (src/json/tape.c) instead of a cJSON tree. A node is a tape
 * entry; node lists hold entries (and normalized paths when wanted) in
 * the order eval.c gives. A filter tests one element at a time, decoded
 * from the text into an arena (only the members the filter reads, when
 * it reads nothing else) and released after; a query on $ inside a
 * filter runs on the tape once, its nodes decoded and kept for the rest
 * of the evaluation. Results are written from the text as sfn_path_stream
 * writes them. Descendant segments recurse once per level of the text,
 * which the tape keeps within SFN_JSON_MAX_DEPTH. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "json/tape.h"
#include "path/eval.h"
#include "path/needs.h"
#include "path/tape.h"
#include "sfn/json.h"
#include "sfn/jsonout.h"

/* Output is handed on in pieces of about this size. */
#define FLUSH_STEP ((size_t) 1 << 20)

struct tlist {
	uint32_t *idx;
	char **paths; /* when paths are wanted */
	size_t count, cap;
};

/* The nodes of a query on $, decoded once. */
struct rooted {
	const struct query *q;
	const cJSON **nodes;
	size_t count;
};

struct teval {
	struct evaluator ev; /* aws, want_paths, status, the $ hook */
	struct sfn_tape *t;
	size_t max_nodes;
	struct sfn_arena arena; /* the element a filter tests */
	struct sfn_arena keep;  /* nodes of queries on $ */
	struct sfn_buf scratch; /* decoding space */
	struct sfn_buf key;     /* a decoded member name */
	struct rooted *rooted;
	size_t nrooted, rooted_cap;
	const char *name; /* the last member name compared: */
	size_t name_len;  /* its length */
	int name_plain;   /* it has no '"' nor '\\' */
};

static void tlist_free(struct tlist *l)
{
	if (l->paths != NULL)
		for (size_t i = 0; i < l->count; i++)
			free(l->paths[i]);
	free(l->paths);
	free(l->idx);
	memset(l, 0, sizeof(*l));
}

static void fail(struct teval *te, enum sfn_status st)
{
	if (te->ev.status == SFN_OK)
		te->ev.status = st;
}

/* Appends entry I (with PARENT's path and the step NAME or INDEX, as
 * Sfn_pe_add does) to L. */
static void tadd(struct teval *te, struct tlist *l, size_t i,
                 const char *parent, const char *name, long index)
{
	size_t cap = l->cap, path_cap = l->cap;
	enum sfn_status st;
	struct sfn_buf path;

	if (te->ev.status != SFN_OK)
		return;
	if (l->count == l->cap) {
		st = sfn_vec_reserve(&l->idx, &cap, l->count + 1,
		                     sizeof(*l->idx), te->max_nodes);
		if (st == SFN_OK && te->ev.want_paths)
			st = sfn_vec_reserve(&l->paths, &path_cap, l->count + 1,
			                     sizeof(*l->paths), te->max_nodes);
		if (st != SFN_OK) {
			fail(te, st);
			return;
		}
		l->cap = cap;
	}
	if (te->ev.want_paths) {
		sfn_buf_init(&path, (size_t) 1 << 30);
		sfn_buf_adds(&path, parent ? parent : "$");
		if (parent != NULL)
			Sfn_pe_path_step(&path, name, index);
		l->paths[l->count] = sfn_buf_take(&path);
		if (l->paths[l->count] == NULL) {
			fail(te, SFN_ERR_NOMEM);
			return;
		}
	}
	l->idx[l->count++] = (uint32_t) i;
}

/* The decoded name of member entry C, for a path (NULL when no paths are
 * wanted: it is not read then). */
static const char *path_name(struct teval *te, size_t c)
{
	if (!te->ev.want_paths)
		return NULL;
	Sfn_tape_key_decode(te->t, c, &te->key);
	if (te->key.status != SFN_OK) {
		fail(te, SFN_ERR_NOMEM);
		return NULL;
	}
	return sfn_buf_str(&te->key);
}

/* Adds child C of node I: an object's member by name, else by index K. */
static void add_child(struct teval *te, struct tlist *out, size_t i, size_t c,
                      const char *path, long k)
{
	if (Sfn_tape_is_object(te->t, i))
		tadd(te, out, c, path, path_name(te, c), k);
	else
		tadd(te, out, c, path, NULL, k);
}

static int is_container(const struct teval *te, size_t i)
{
	return Sfn_tape_is_object(te->t, i) || Sfn_tape_is_array(te->t, i);
}

/* Whether member entry C's name is NAME. */
static int key_is(struct teval *te, size_t c, const char *name)
{
	int same;

	if (name != te->name) { /* a new selector: measure its name once */
		te->name = name;
		te->name_len = strlen(name);
		te->name_plain = strpbrk(name, "\"\\") == NULL;
	}
	same = Sfn_tape_key_is(te->t, c, name, te->name_len, te->name_plain,
	                       &te->key);

	if (te->key.status != SFN_OK)
		fail(te, SFN_ERR_NOMEM);
	return same;
}

static long children(const struct teval *te, size_t i)
{
	long n = 0;

	for (size_t c = i + 1; c < te->t->e[i].next; c = te->t->e[c].next)
		n++;
	return n;
}

static void select_index(struct teval *te, int64_t index, size_t i,
                         const char *path, struct tlist *out)
{
	long k = (long) index, len = k < 0 ? children(te, i) : 0;
	size_t c = i + 1;

	if (k < 0)
		k += len;
	if (k < 0)
		return;
	for (long j = 0; j < k && c < te->t->e[i].next; j++)
		c = te->t->e[c].next;
	if (c < te->t->e[i].next)
		tadd(te, out, c, path, NULL, k);
}

static void select_slice(struct teval *te, const struct slice *s, size_t i,
                         const char *path, struct tlist *out)
{
	long len = children(te, i), lower, upper, step, k = 0;
	uint32_t *items;

	Sfn_pe_slice_bounds(s, len, &lower, &upper, &step);
	if (step == 0 || len == 0)
		return;
	items = malloc((size_t) len * sizeof(*items));
	if (items == NULL) {
		fail(te, SFN_ERR_NOMEM);
		return;
	}
	for (size_t c = i + 1; c < te->t->e[i].next; c = te->t->e[c].next)
		items[k++] = (uint32_t) c;
	if (step > 0) {
		for (k = lower; k < upper; k += step)
			tadd(te, out, items[k], path, NULL, k);
	} else {
		for (k = upper; lower < k; k += step)
			tadd(te, out, items[k], path, NULL, k);
	}
	free(items);
}

/* An object read only by the member names ND lists: the first member of
 * each such name, found on the tape and decoded, the others left in the
 * text (what Sfn_scan_build_some gives, without scanning them). */
static const cJSON *some_members(struct teval *te,
                                 const struct Sfn_path_needs *nd, size_t i)
{
	cJSON *obj = sfn_arena_alloc(&te->arena, sizeof(*obj)), *last = NULL;
	unsigned found = 0; /* bit K: names[K] was found */

	if (obj == NULL)
		return NULL;
	obj->type = cJSON_Object;
	for (size_t c = i + 1; c < te->t->e[i].next; c = te->t->e[c].next) {
		for (size_t k = 0; k < nd->n; k++) {
			struct sfn_scan sc;
			cJSON *v;

			if ((found & (1u << k)) || !key_is(te, c, nd->names[k]))
				continue;
			sc.p = Sfn_tape_read(te->t, c);
			sc.end = te->t->text + te->t->len;
			sc.error = 0;
			v = (cJSON *) Sfn_scan_build(&sc, &te->arena,
			                             &te->scratch);
			if (v == NULL)
				return NULL;
			v->string = sfn_arena_strdup(&te->arena, nd->names[k]);
			if (v->string == NULL)
				return NULL;
			sfn_json_append(obj, &last, v);
			found |= 1u << k;
			break;
		}
	}
	return obj;
}

/* Decodes entry I as a filter reads it. An array read only by member
 * names (which select nothing in it) is decoded empty. */
static const cJSON *element(struct teval *te, const struct Sfn_path_needs *nd,
                            size_t i)
{
	static const unsigned char empty[] = "[]";
	struct sfn_scan sc = { Sfn_tape_read(te->t, i),
		               te->t->text + te->t->len, 0 };

	if (nd->full)
		return Sfn_scan_build(&sc, &te->arena, &te->scratch);
	if (Sfn_tape_is_array(te->t, i)) {
		sc.p = empty;
		sc.end = empty + 2;
		return Sfn_scan_build(&sc, &te->arena, &te->scratch);
	}
	if (Sfn_tape_is_object(te->t, i))
		return some_members(te, nd, i);
	return Sfn_scan_build(&sc, &te->arena, &te->scratch);
}

/* Whether the filter F holds for entry I. */
static int test(struct teval *te, const struct expr *f,
                const struct Sfn_path_needs *nd, size_t i)
{
	struct sfn_arena_mark mark = sfn_arena_checkpoint(&te->arena);
	const cJSON *v = element(te, nd, i);
	int pass = 0;

	if (v == NULL)
		fail(te, SFN_ERR_NOMEM);
	else
		pass = Sfn_pe_filter(&te->ev, f, v);
	sfn_arena_release(&te->arena, mark);
	return pass && te->ev.status == SFN_OK;
}

/* Jayway applies a filter to an object as a whole; RFC 9535 to each of
 * its member values. Step Functions' @ matches objects and arrays. */
static void select_filter(struct teval *te, const struct expr *f, size_t i,
                          const char *path, struct tlist *out)
{
	struct Sfn_path_needs nd = { 0, { NULL }, 0 };
	long k = 0;

	Sfn_path_collect_needs(&nd, f);
	if (te->ev.aws && Sfn_tape_is_object(te->t, i)) {
		if (test(te, f, &nd, i))
			tadd(te, out, i, path, NULL, -1);
		return;
	}
	for (size_t c = i + 1; c < te->t->e[i].next && te->ev.status == SFN_OK;
	     c = te->t->e[c].next, k++) {
		if (te->ev.aws && !is_container(te, c))
			continue;
		if (test(te, f, &nd, c))
			add_child(te, out, i, c, path, k);
	}
}

static void select_one(struct teval *te, const struct selector *s, size_t i,
                       const char *path, struct tlist *out)
{
	const struct sfn_tape_entry *e = te->t->e;
	long k = 0;

	switch (s->kind) {
	case SEL_NAME:
		if (Sfn_tape_is_object(te->t, i))
			for (size_t c = i + 1; c < e[i].next; c = e[c].next)
				if (key_is(te, c, s->name)) {
					tadd(te, out, c, path, s->name, -1);
					break;
				}
		break;
	case SEL_WILD:
		if (is_container(te, i))
			for (size_t c = i + 1; c < e[i].next; c = e[c].next)
				add_child(te, out, i, c, path, k++);
		break;
	case SEL_INDEX:
		if (Sfn_tape_is_array(te->t, i))
			select_index(te, s->index, i, path, out);
		break;
	case SEL_SLICE:
		if (Sfn_tape_is_array(te->t, i))
			select_slice(te, &s->slice, i, path, out);
		break;
	case SEL_FILTER:
		if (is_container(te, i))
			select_filter(te, s->filter, i, path, out);
		break;
	}
}

static void apply_selectors(struct teval *te, const struct segment *seg,
                            size_t i, const char *path, struct tlist *out)
{
	for (size_t k = 0; k < seg->nsels && te->ev.status == SFN_OK; k++)
		select_one(te, &seg->sels[k], i, path, out);
}

/* NODE, then its descendants depth first in document order, as eval.c's
 * descend() visits them. WALK (NULL when no paths are wanted) holds
 * NODE's path: each child's step is added for its visit, then cut. */
static void descend_at(struct teval *te, const struct segment *seg, size_t i,
                       struct sfn_buf *walk, struct tlist *out)
{
	const struct sfn_tape_entry *e = te->t->e;
	int object = Sfn_tape_is_object(te->t, i);
	size_t len = walk ? walk->len : 0;
	long k = 0;

	apply_selectors(te, seg, i, walk ? sfn_buf_str(walk) : NULL, out);
	if (!is_container(te, i))
		return;
	for (size_t c = i + 1; c < e[i].next && te->ev.status == SFN_OK;
	     c = e[c].next, k++) {
		if (walk == NULL) {
			descend_at(te, seg, c, NULL, out);
			continue;
		}
		Sfn_pe_path_step(walk, object ? path_name(te, c) : NULL, k);
		if (walk->status != SFN_OK) {
			fail(te, walk->status);
			return;
		}
		descend_at(te, seg, c, walk, out);
		sfn_buf_cut(walk, len);
	}
}

static void descend(struct teval *te, const struct segment *seg, size_t i,
                    const char *path, struct tlist *out)
{
	struct sfn_buf walk;

	if (path == NULL) {
		descend_at(te, seg, i, NULL, out);
		return;
	}
	sfn_buf_init(&walk, (size_t) 1 << 30);
	sfn_buf_adds(&walk, path);
	descend_at(te, seg, i, &walk, out);
	if (walk.status != SFN_OK)
		fail(te, walk.status);
	sfn_buf_free(&walk);
}

static void segments(struct teval *te, const struct segment *segs, size_t n,
                     struct tlist *in)
{
	for (size_t s = 0; s < n && te->ev.status == SFN_OK; s++) {
		struct tlist out = { NULL, NULL, 0, 0 };

		for (size_t k = 0; k < in->count && te->ev.status == SFN_OK;
		     k++) {
			const char *path = in->paths ? in->paths[k] : NULL;

			if (segs[s].descendant)
				descend(te, &segs[s], in->idx[k], path, &out);
			else
				apply_selectors(te, &segs[s], in->idx[k], path,
				                &out);
		}
		tlist_free(in);
		*in = out;
	}
}

/* ---- queries on $ inside filters ---------------------------------------- */

/* Runs Q on the tape and decodes its nodes into the keep arena. */
static enum sfn_status run_rooted(struct teval *te, const struct query *q,
                                  struct rooted *r)
{
	struct tlist l = { NULL, NULL, 0, 0 };
	int want_paths = te->ev.want_paths;
	enum sfn_status st;

	te->ev.want_paths = 0;
	tadd(te, &l, 0, NULL, NULL, -1);
	segments(te, q->segs, q->nsegs, &l);
	te->ev.want_paths = want_paths;
	r->q = q;
	r->count = 0;
	r->nodes = NULL;
	st = te->ev.status;
	if (st == SFN_OK && l.count > 0) {
		r->nodes =
		        sfn_arena_alloc(&te->keep, l.count * sizeof(*r->nodes));
		if (r->nodes == NULL)
			st = SFN_ERR_NOMEM;
	}
	for (size_t k = 0; st == SFN_OK && k < l.count; k++) {
		struct sfn_scan sc = { Sfn_tape_read(te->t, l.idx[k]),
			               te->t->text + te->t->len, 0 };

		r->nodes[k] = Sfn_scan_build(&sc, &te->keep, &te->scratch);
		if (r->nodes[k] == NULL)
			st = SFN_ERR_NOMEM;
		r->count = k + 1;
	}
	tlist_free(&l);
	return st;
}

/* The hook filter.c calls for a query on $: the nodes, from the cache
 * or run now. OUT gets its own copy of the node pointers. */
static enum sfn_status root_query(void *ctx, const struct query *q,
                                  struct sfn_nodelist *out)
{
	struct teval *te = ctx;
	struct rooted *r = NULL;
	enum sfn_status st;

	for (size_t i = 0; i < te->nrooted && r == NULL; i++)
		if (te->rooted[i].q == q)
			r = &te->rooted[i];
	if (r == NULL) {
		struct rooted fresh;

		st = run_rooted(te, q, &fresh);
		if (st != SFN_OK)
			return st;
		st = sfn_vec_push(&te->rooted, &te->nrooted, &te->rooted_cap,
		                  &fresh, sizeof(fresh), SFN_VEC_UNCAPPED);
		if (st != SFN_OK)
			return st;
		r = &te->rooted[te->nrooted - 1];
	}
	memset(out, 0, sizeof(*out));
	if (r->count == 0)
		return SFN_OK;
	out->nodes = malloc(r->count * sizeof(*out->nodes));
	if (out->nodes == NULL)
		return SFN_ERR_NOMEM;
	memcpy(out->nodes, r->nodes, r->count * sizeof(*out->nodes));
	out->count = out->cap = r->count;
	return SFN_OK;
}

/* ---- output ------------------------------------------------------------- */

static enum sfn_status write_results(struct teval *te,
                                     const struct sfn_path_stream_opts *opts,
                                     const struct tlist *l)
{
	int pretty = opts->style == SFN_JSONOUT_PRETTY;
	enum sfn_status st = SFN_OK;
	struct sfn_buf out;

	sfn_buf_init(&out, (size_t) 1 << 31);
	if (opts->wrap)
		sfn_buf_addc(&out, '[');
	for (size_t k = 0; k < l->count && st == SFN_OK; k++) {
		struct sfn_scan sc = { Sfn_tape_read(te->t, l->idx[k]),
			               te->t->text + te->t->len, 0 };

		if (opts->wrap && k > 0)
			sfn_buf_addc(&out, ',');
		if (opts->wrap && pretty)
			sfn_buf_adds(&out, "\n  ");
		if (l->paths != NULL)
			sfn_jsonout_string(l->paths[k], &out);
		else
			Sfn_scan_transcode(&sc, pretty, opts->wrap ? 1 : 0,
			                   &te->scratch, &out);
		if (out.status == SFN_OK && out.len >= FLUSH_STEP) {
			st = opts->flush(opts->ctx, sfn_buf_str(&out), out.len);
			sfn_buf_reset(&out);
		}
	}
	if (opts->wrap)
		sfn_buf_adds(&out, l->count > 0 && pretty ? "\n]" : "]");
	if (st == SFN_OK)
		st = out.status != SFN_OK ? out.status
		     : te->scratch.status ? te->scratch.status
		     : out.len > 0 ? opts->flush(opts->ctx, sfn_buf_str(&out),
		                                 out.len)
		                   : SFN_OK;
	sfn_buf_free(&out);
	return st;
}

enum sfn_status Sfn_path_tape_limited(const struct sfn_path *path,
                                      const char *text, size_t len,
                                      const struct sfn_path_stream_opts *opts,
                                      int want_paths,
                                      const struct Sfn_tape_limits *limits,
                                      size_t *count)
{
	struct sfn_tape tape;
	struct teval te;
	struct tlist l = { NULL, NULL, 0, 0 };
	enum sfn_status st;

	*count = 0;
	if (path->root != SFN_PATH_ROOT_INPUT)
		return SFN_ERR_USAGE;
	st = Sfn_tape_build(&tape, text, len, limits->max_entries,
	                    opts->mapped);
	if (st != SFN_OK)
		return st;
	memset(&te, 0, sizeof(te));
	te.ev.aws = path->dialect == SFN_PATH_AWS;
	te.ev.want_paths = want_paths;
	te.ev.status = SFN_OK;
	te.ev.root_query = root_query;
	te.ev.root_ctx = &te;
	te.t = &tape;
	te.max_nodes = limits->max_nodes;
	sfn_arena_init(&te.arena);
	sfn_arena_init(&te.keep);
	sfn_buf_init(&te.scratch, (size_t) 1 << 31);
	sfn_buf_init(&te.key, (size_t) 1 << 31);
	tadd(&te, &l, 0, NULL, NULL, -1);
	segments(&te, path->segs, path->nsegs, &l);
	st = te.ev.status;
	if (st == SFN_OK && te.scratch.status != SFN_OK)
		st = te.scratch.status;
	if (st == SFN_OK && (opts->wrap || l.count > 0)) {
		st = write_results(&te, opts, &l);
		*count = l.count;
	}
	tlist_free(&l);
	free(te.rooted);
	sfn_arena_free(&te.arena);
	sfn_arena_free(&te.keep);
	sfn_buf_free(&te.scratch);
	sfn_buf_free(&te.key);
	Sfn_tape_free(&tape);
	return st;
}

enum sfn_status sfn_path_tape(const struct sfn_path *path, const char *text,
                              size_t len,
                              const struct sfn_path_stream_opts *opts,
                              int want_paths, size_t *count)
{
	const struct Sfn_tape_limits limits = { SFN_TAPE_MAX_ENTRIES,
		                                SFN_PATH_TAPE_MAX_NODES };

	return Sfn_path_tape_limited(path, text, len, opts, want_paths, &limits,
	                             count);
}
