/* Streaming evaluation: runs a path over JSON text without building its
 * tree, so a 100 MB document costs little more than its own bytes. One
 * pass validates and evaluates: each node carries a bit set of the
 * segments it has matched so far; subtrees no segment can reach are
 * skipped by the validating scanner; only the selected values (and array
 * elements a filter must test) are parsed into trees. Results are held
 * until the text has proved valid, so bad input never gives partial
 * output.
 * Negative indexes and slice bounds count the array's elements first
 * (a validating look ahead over that array alone). A union whose results
 * come in selector order (names, decreasing indexes) or a slice going
 * backwards holds what the rest of the path gives on each child it
 * selects, then writes it in that order. With a '..' segment, results are
 * held per node it visits (buffered mode) and handed up in RFC 9535
 * order. Paths it cannot stream with the tree evaluator's exact results
 * (two '..' segments, such a union after '..', filters that read $) are
 * refused so the caller falls back to the tree. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "path/eval.h"
#include "path/needs.h"
#include "json/scan.h"
#include "sfn/json.h"
#include "sfn/jsonout.h"

#define MAX_STREAM_SEGS 62 /* bits in the mask, one spare for "result" */

/* Selectors of a union that gives its results in selector order: a
 * name's first member is noted for each. */
#define MAX_UNION_SELS SFN_PATH_STREAM_MAX_UNION

/* A mapped text's pages are given back each time the scan has passed
 * this many more bytes: peak memory stays near the results' size. */
#define FORGET_STEP ((size_t) 2 << 20)

typedef uint64_t mask_t;
#define BIT(i) ((mask_t) 1 << (i))

/* Buffered mode: what a container hands up is what the '..' segment
 * selected in it and the segments after gave (OWN), followed by what its
 * descendants gave (DEEPER), which is RFC 9535's order: the nodes a '..'
 * segment visits, in document order, each with its own results. */
struct lists {
	struct sfn_buf *own, *deeper;
};

struct stream {
	struct sfn_scan sc;
	const struct sfn_path *path;
	const struct sfn_path_stream_opts *opts;
	size_t nsegs;
	int aws;
	int buffered; /* a '..' segment: keep RFC order */
	size_t tail;  /* segments from the '..' one to the end */
	struct lists *at[SFN_JSON_MAX_DEPTH + 2]; /* buffered mode: [D] is
	                           the container at depth D - 1's (0: root) */
	struct sfn_buf out;                       /* text not yet flushed */
	struct sfn_buf scratch; /* a value's text, to parse it */
	struct sfn_buf key;     /* a member name with escapes, decoded */
	const char *keyp;       /* the member name: in the text or in key */
	size_t keylen;
	struct sfn_arena arena; /* elements a filter tests, one at a time */
	struct Sfn_path_needs needs; /* of all the path's filters together */
	mask_t ordered; /* segments giving results in selector order */
	mask_t names;   /* segments of one name selector, not after '..' */
	mask_t object_filters; /* filter segments, not '..' ones */
	mask_t wilds;          /* segments of one wildcard, not after '..' */
	mask_t name_lens; /* bit L % 64: a name segment's name has L bytes */
	size_t namelen[MAX_STREAM_SEGS]; /* their names' lengths */
	struct sfn_buf *capture; /* results go here (NUL-separated) first */
	const unsigned char *valid_to;   /* text before it is validated */
	const unsigned char *tested;     /* the value a filter tested last, */
	const unsigned char *tested_end; /* and its end */
	const unsigned char *text;       /* its first byte */
	const unsigned char *forgot;     /* pages before it were given back */
	const unsigned char *next; /* give back again from here (mapped) */
	const unsigned char *pin;  /* a result not yet copied starts here */
	size_t count;
	enum sfn_status status;
};

/* ---- which paths stream ------------------------------------------------- */

static int expr_reads_root(const struct expr *e)
{
	if (e == NULL)
		return 0;
	if ((e->kind == E_QUERY) && !e->query.relative)
		return 1;
	for (size_t i = 0; i < e->nargs; i++)
		if (expr_reads_root(e->args[i]))
			return 1;
	return expr_reads_root(e->a) || expr_reads_root(e->b);
}

static int selector_streams(const struct selector *s)
{
	switch (s->kind) {
	case SEL_SLICE:
		return !s->slice.has_step || s->slice.step > 0;
	case SEL_FILTER:
		return !expr_reads_root(s->filter);
	default:
		return 1;
	}
}

/* A union streams when its results come in document order anyway:
 * indexes, not negative, each above the one before. */
static int union_streams(const struct segment *s)
{
	for (size_t k = 0; k < s->nsels; k++)
		if (s->sels[k].kind != SEL_INDEX || s->sels[k].index < 0 ||
		    (k > 0 && s->sels[k].index <= s->sels[k - 1].index))
			return 0;
	return 1;
}

/* A segment whose results come in selector order, not document order: a
 * union other than increasing indexes, or a slice going backwards. The
 * children it selects in a container are held, then written in that
 * order. */
static int seg_ordered(const struct segment *s)
{
	if (s->nsels > 1)
		return !union_streams(s);
	return s->nsels == 1 && s->sels[0].kind == SEL_SLICE &&
	       s->sels[0].slice.has_step && s->sels[0].slice.step <= 0;
}

/* An ordered segment streams when each node it applies to holds its bit
 * alone: no '..' before it, nor (Jayway) a filter that lets an object
 * stand for the next segment; and it has no filter of its own. */
static int ordered_streams(const struct segment *s, int shared)
{
	if (shared || s->descendant || s->nsels > MAX_UNION_SELS)
		return 0;
	for (size_t k = 0; k < s->nsels; k++)
		if (s->sels[k].kind == SEL_FILTER)
			return 0;
	return 1;
}

static int segment_streams(const struct segment *s, int shared)
{
	if (seg_ordered(s))
		return ordered_streams(s, shared);
	if (s->nsels > 1)
		return 1; /* increasing indexes */
	return s->nsels == 1 && selector_streams(&s->sels[0]);
}

/* One '..' segment streams anywhere: each result is then found from one
 * node it visited, a fixed number of levels up. Jayway's filters, which
 * may let an object stand for the next segment, break that count after
 * it. */
int sfn_path_streamable(const struct sfn_path *path)
{
	int shared = 0; /* a node may hold more than one segment's bit */
	int descent = 0;
	int aws = path->dialect == SFN_PATH_AWS;

	if (path->root != SFN_PATH_ROOT_INPUT || path->nsegs > MAX_STREAM_SEGS)
		return 0;
	for (size_t i = 0; i < path->nsegs; i++) {
		const struct segment *s = &path->segs[i];
		int filter;

		if (!segment_streams(s, shared))
			return 0;
		filter = s->sels[0].kind == SEL_FILTER;
		if ((s->descendant && descent) || (aws && filter && descent))
			return 0;
		descent |= s->descendant;
		if (s->descendant || (aws && filter))
			shared = 1;
		/* Jayway tests objects as a whole under "..[?()]", which
		 * the scan does not follow */
		if (s->descendant && path->dialect == SFN_PATH_AWS &&
		    s->sels[0].kind == SEL_FILTER)
			return 0;
	}
	return 1;
}

/* Whether the member name KEY[0, LEN) (no NUL in it) is NAME. */
static int key_is(const char *key, size_t len, const char *name)
{
	return strncmp(name, key, len) == 0 && name[len] == '\0';
}

/* Whether the member name just read is the name segment I selects. */
static inline int key_is_seg(const struct stream *st, size_t i)
{
	return st->keylen == st->namelen[i] &&
	       memcmp(st->keyp, st->path->segs[i].sels[0].name, st->keylen) ==
	               0;
}

/* ---- output ------------------------------------------------------------- */

/* Writes the results out, once the whole text has proved valid. */
static void flush(struct stream *st)
{
	if (st->status != SFN_OK || st->out.len == 0)
		return;
	st->status = st->opts->flush(st->opts->ctx, sfn_buf_str(&st->out),
	                             st->out.len);
	sfn_buf_reset(&st->out);
}

/* Writes the value at FROM as one result, to the output or, in buffered
 * mode, to BUCKET. */
static void emit(struct stream *st, const unsigned char *from,
                 struct sfn_buf *bucket)
{
	struct sfn_scan sc = { from, st->sc.end, 0 };
	struct sfn_buf *dst = bucket ? bucket : st->capture;
	int pretty = st->opts->style == SFN_JSONOUT_PRETTY;

	if (dst == NULL) {
		dst = &st->out;
		if (st->opts->wrap && st->count > 0)
			sfn_buf_addc(dst, ',');
		if (st->opts->wrap && pretty)
			sfn_buf_adds(dst, "\n  ");
		st->count++;
	}
	Sfn_scan_transcode(&sc, pretty, st->opts->wrap ? 1 : 0, &st->scratch,
	                   dst);
	if (dst != &st->out)
		sfn_buf_addc(dst, '\0'); /* separates held results */
}

/* Writes held results (NUL-separated) out with the array's separators. */
static void drain(struct stream *st, const struct sfn_buf *results)
{
	int pretty = st->opts->style == SFN_JSONOUT_PRETTY;
	const char *p = results->data;
	const char *end = p ? p + results->len : NULL;

	for (; p != NULL && p < end; st->count++) {
		size_t len = strlen(p);

		if (st->opts->wrap && st->count > 0)
			sfn_buf_addc(&st->out, ',');
		if (st->opts->wrap && pretty)
			sfn_buf_adds(&st->out, "\n  ");
		sfn_buf_add(&st->out, p, len);
		p += len + 1;
	}
}

/* ---- evaluation --------------------------------------------------------- */

/* Whether a selector needs the length of the array it selects from. */
static int needs_len(const struct selector *s)
{
	if (s->kind == SEL_INDEX)
		return s->index < 0;
	return s->kind == SEL_SLICE &&
	       ((s->slice.has_start && s->slice.start < 0) ||
	        (s->slice.has_end && s->slice.end < 0));
}

/* A bound of a slice of LEN elements (RFC 9535 2.3.4.2.2, step > 0);
 * LEN is -1 when unknown, and then B is not negative. */
static long bound(int64_t b, long len)
{
	long v = (long) b;

	if (v < 0)
		v += len;
	return v < 0 ? 0 : len >= 0 && v > len ? len : v;
}

/* Element I of an array of LEN elements is in the slice S (step > 0). */
static int in_slice(const struct slice *s, long i, long len)
{
	long start = s->has_start ? bound(s->start, len) : 0;
	long step = s->has_step ? (long) s->step : 1;

	if (i < start || (s->has_end && i >= bound(s->end, len)))
		return 0;
	return (i - start) % step == 0;
}

/* Element I of an array of LEN elements is the one INDEX names. */
static int is_index(int64_t index, long i, long len)
{
	return index < 0 ? len >= 0 && i == len + (long) index
	                 : i == (long) index;
}

static void value(struct stream *st, mask_t m, unsigned depth,
                  struct lists *parent);
static void append(struct stream *st, struct sfn_buf *to,
                   const struct sfn_buf *from);
static void forget(struct stream *st, const unsigned char *at);

/* A cheap test first, as it runs after each member. */
static inline void maybe_forget(struct stream *st, const unsigned char *at)
{
	if (st->next != NULL && at >= st->next)
		forget(st, at);
}

/* The bits a child gets from its parent's bits M: KEY for a member, or
 * INDEX for an element of an array of LEN (-1: not counted). Filter bits
 * go to *PENDING: they need the child parsed first. TAKEN keeps name
 * selectors to the first equal key, as lookups in the tree do. */
static mask_t child_bits(const struct stream *st, mask_t m, const char *key,
                         long index, long len, mask_t *pending, mask_t *taken)
{
	mask_t c = 0;

	for (mask_t left = m & (BIT(st->nsegs) - 1); left; left &= left - 1) {
		size_t i = (size_t) __builtin_ctzll(left);
		const struct segment *seg = &st->path->segs[i];
		const struct selector *s = &seg->sels[0];

		if (seg->descendant)
			c |= BIT(i);
		if (seg->nsels > 1) {
			for (size_t k = 0; !key && k < seg->nsels; k++)
				if (index == (long) seg->sels[k].index)
					c |= BIT(i + 1);
			continue;
		}
		switch (s->kind) {
		case SEL_NAME:
			if (key && !(*taken & BIT(i)) && key_is_seg(st, i)) {
				c |= BIT(i + 1);
				*taken |= BIT(i);
			}
			break;
		case SEL_WILD:
			c |= BIT(i + 1);
			break;
		case SEL_INDEX:
			if (!key && is_index(s->index, index, len))
				c |= BIT(i + 1);
			break;
		case SEL_SLICE:
			if (!key && in_slice(&s->slice, index, len))
				c |= BIT(i + 1);
			break;
		case SEL_FILTER:
			if (!(st->aws && key))
				*pending |= BIT(i);
			break;
		}
	}
	return c;
}

/* Tests the pending filter bits on the value at p, at DEPTH (validated,
 * then parsed once), and returns the bits that pass, shifted to the next
 * segment. */
static mask_t test_filters(struct stream *st, mask_t pending, unsigned depth)
{
	struct sfn_scan probe = st->sc;
	struct evaluator ev = { NULL, st->aws, 0, SFN_OK, NULL, NULL };
	struct sfn_arena_mark mark = sfn_arena_checkpoint(&st->arena);
	const cJSON *v;
	mask_t pass = 0;

	if (probe.p >= st->valid_to && !Sfn_scan_skip(&probe, depth)) {
		st->sc.error = 1;
		return 0;
	}
	if (probe.p > st->valid_to)
		st->valid_to = probe.p;
	probe = st->sc;
	v = st->needs.full
	            ? Sfn_scan_build(&probe, &st->arena, &st->scratch)
	            : Sfn_scan_build_some(&probe, &st->arena, &st->scratch,
	                                  st->needs.names, st->needs.n);
	if (v == NULL) {
		st->status = SFN_ERR_NOMEM;
		return 0;
	}
	st->tested = st->sc.p; /* the build went past it: skip is one step */
	st->tested_end = probe.p;
	for (size_t i = 0; i < st->nsegs; i++) {
		const struct selector *s = &st->path->segs[i].sels[0];

		if (!(pending & BIT(i)))
			continue;
		/* Step Functions' @ matches objects and arrays only. */
		if (st->aws && !cJSON_IsObject(v) && !cJSON_IsArray(v))
			continue;
		if (Sfn_pe_filter(&ev, s->filter, v))
			pass |= BIT(i + 1);
	}
	sfn_arena_release(&st->arena, mark);
	if (ev.status != SFN_OK)
		st->status = ev.status;
	return pass;
}

/* Jayway tests a filter on an object as a whole: the object itself then
 * stands for the next segment. */
static mask_t aws_object_filters(struct stream *st, mask_t m, unsigned depth)
{
	mask_t pending = m & st->object_filters;

	return pending ? m | test_filters(st, pending, depth) : m;
}

static void member(struct stream *st, mask_t m, const char *key, long index,
                   long len, mask_t *taken, unsigned depth, struct lists *lists)
{
	mask_t pending = 0,
	       c = child_bits(st, m, key, index, len, &pending, taken);
	const unsigned char *q = NULL;

	if (pending)
		c |= test_filters(st, pending, depth);
	if (st->sc.error)
		return;
	/* a simple value that is no result: the segments can do nothing
	 * more with it */
	if (!(c & BIT(st->nsegs)) && st->sc.p < st->sc.end)
		q = Sfn_scan_simple(st->sc.p, st->sc.end);
	if (q != NULL)
		st->sc.p = q;
	else
		value(st, c, depth, lists);
}

/* A member's key with escapes: decoded into st->key. */
static int escaped_key(struct stream *st)
{
	if (!Sfn_scan_string(&st->sc, &st->key))
		return 0;
	if (st->key.status != SFN_OK) {
		st->status = st->key.status; /* not the text's fault */
		return 0;
	}
	st->keyp = sfn_buf_str(&st->key);
	st->keylen = st->key.len;
	return 1;
}

/* A member's key and colon: st->keyp points to the name in the text when
 * it has only plain bytes, else to its decoding in st->key; 0 when
 * malformed. */
static inline int member_key(struct stream *st)
{
	struct sfn_scan *sc = &st->sc;
	const unsigned char *q;

	if (sc->p >= sc->end || *sc->p != '"')
		return 0;
	q = Sfn_scan_plain_string(sc->p, sc->end);
	if (q != NULL) {
		st->keyp = (const char *) sc->p + 1;
		st->keylen = (size_t) (q - sc->p) - 2;
		sc->p = q;
	} else if (!escaped_key(st)) {
		return 0;
	}
	Sfn_scan_ws(sc);
	if (sc->p >= sc->end || *sc->p != ':')
		return 0;
	sc->p++;
	Sfn_scan_ws(sc);
	return 1;
}

/* Moves past the '{' or '[' at p: 0 when the container is empty (its
 * CLOSE read too). */
static int enter(struct sfn_scan *sc, unsigned char close)
{
	sc->p++;
	Sfn_scan_ws(sc);
	if (sc->p < sc->end && *sc->p == close) {
		sc->p++;
		return 0;
	}
	return 1;
}

/* The next member's key in an OBJECT, else NULL; 0 when malformed. */
static int next_key(struct stream *st, int object, const char **key)
{
	*key = NULL;
	if (!object)
		return 1;
	if (!member_key(st)) {
		st->sc.error = st->status == SFN_OK;
		return 0;
	}
	*key = st->keyp;
	return 1;
}

/* After a member: 1 to go on (a ',' was read), 0 at the close. */
SFN_HOT_INLINE int member_next(struct sfn_scan *sc, unsigned char close)
{
	const unsigned char *p = Sfn_scan_to(sc->p, sc->end, ',');

	if (p < sc->end && *p == ',') {
		sc->p = Sfn_scan_ws_at(p + 1, sc->end);
		return 1;
	}
	if (p < sc->end && *p == close)
		p++;
	else
		sc->error = 1;
	sc->p = p;
	return 0;
}

/* What is done with each child of a container: KEY is NULL in an array,
 * POS its place. */
typedef void child_fn(struct stream *st, const char *key, long pos,
                      unsigned depth, void *ctx);

/* Calls FN on each child of the container at p (at DEPTH) in turn. */
static inline void each_child(struct stream *st, unsigned depth, child_fn *fn,
                              void *ctx)
{
	struct sfn_scan *sc = &st->sc;
	int object = *sc->p == '{';
	unsigned char close = object ? '}' : ']';
	long pos = 0;

	if (!enter(sc, close))
		return;
	do {
		const char *key;

		if (!next_key(st, object, &key))
			return;
		fn(st, key, pos++, depth + 1, ctx);
		if (sc->error || st->status != SFN_OK)
			return;
		maybe_forget(st, sc->p);
	} while (member_next(sc, close));
}

/* The elements of the array at p, when a segment of M needs their count
 * (a negative index or slice bound): the array is validated on the way,
 * so the walk that follows skips what it need not read; else -1. */
static long count_array(struct stream *st, unsigned depth)
{
	struct sfn_scan probe = st->sc;
	long n = 0;

	if (depth >= SFN_JSON_MAX_DEPTH)
		return -1;
	probe.p++;
	Sfn_scan_ws(&probe);
	if (probe.p < probe.end && *probe.p == ']')
		return 0;
	do {
		if (!Sfn_scan_skip(&probe, depth + 1))
			return -1; /* the walk meets the error again */
		n++;
		maybe_forget(st, probe.p); /* the walk reads them again */
	} while (member_next(&probe, ']'));
	if (!probe.error && probe.p > st->valid_to)
		st->valid_to = probe.p;
	if (st->forgot > st->sc.p && st->next != NULL) {
		st->forgot = st->sc.p; /* given back again as the walk goes */
		st->next = st->sc.p + FORGET_STEP;
	}
	return n;
}

static long count_elements(struct stream *st, mask_t m, unsigned depth)
{
	for (size_t i = 0; i < st->nsegs; i++)
		if ((m & BIT(i)) && needs_len(&st->path->segs[i].sels[0]))
			return count_array(st, depth);
	return -1;
}

/* Gives back the mapped text's pages behind the scan, but for those of a
 * result still to be copied (re-reading them would be correct, only
 * slower). */
static void forget(struct stream *st, const unsigned char *at)
{
	const unsigned char *upto = st->pin ? st->pin : at;

	if (!st->opts->mapped || upto < st->forgot ||
	    (size_t) (upto - st->forgot) < FORGET_STEP)
		return;
	sfn_file_drop((const char *) st->text, 0, (size_t) (upto - st->text),
	              1);
	st->forgot = upto;
	st->next = upto + FORGET_STEP;
}

/* ---- segments giving results in selector order ------------------------ */

/* A child an ordered segment selected, and what the rest of the path gave
 * on it. */
struct held {
	long pos;               /* its place in the container */
	struct sfn_buf results; /* NUL-separated */
};

/* An ordered segment at work on one container. */
struct order {
	const struct segment *seg;
	size_t i;                   /* the segment's number */
	int array;                  /* else an object */
	long len;                   /* elements of the array; -1: unknown */
	long first[MAX_UNION_SELS]; /* a name's first member; -1: none yet */
	struct held *held;          /* in document order */
	size_t n, cap;
};

/* Whether POS is in the slice LOWER, UPPER, STEP (Sfn_pe_slice_bounds). */
static int slice_has(long lower, long upper, long step, long pos)
{
	if (step > 0)
		return pos >= lower && pos < upper && (pos - lower) % step == 0;
	if (step < 0)
		return pos > lower && pos <= upper &&
		       (upper - pos) % -step == 0;
	return 0;
}

/* Whether the segment must know how many elements an array has: for a
 * negative index or a slice. */
static int ordered_needs_len(const struct segment *seg)
{
	for (size_t k = 0; k < seg->nsels; k++)
		if (seg->sels[k].kind == SEL_SLICE ||
		    (seg->sels[k].kind == SEL_INDEX && seg->sels[k].index < 0))
			return 1;
	return 0;
}

/* Whether selector K of the segment picks the member KEY or the element
 * POS; a name notes its first member. */
static int picks(struct order *o, size_t k, const char *key, size_t keylen,
                 long pos)
{
	const struct selector *s = &o->seg->sels[k];
	long lower, upper, step, at;

	switch (s->kind) {
	case SEL_NAME:
		if (!key || o->first[k] >= 0 || !key_is(key, keylen, s->name))
			return 0;
		o->first[k] = pos;
		return 1;
	case SEL_WILD:
		return 1;
	case SEL_INDEX:
		at = s->index < 0 ? o->len + (long) s->index : (long) s->index;
		return !key && at == pos;
	case SEL_SLICE:
		if (key)
			return 0;
		Sfn_pe_slice_bounds(&s->slice, o->len, &lower, &upper, &step);
		return slice_has(lower, upper, step, pos);
	default:
		return 0;
	}
}

static int picked(struct order *o, const char *key, size_t keylen, long pos)
{
	int any = 0;

	for (size_t k = 0; k < o->seg->nsels; k++)
		any |= picks(o, k, key, keylen, pos);
	return any;
}

/* Runs the rest of the path on the child at p, holding what it gives. */
static void hold(struct stream *st, struct order *o, long pos, unsigned depth)
{
	struct sfn_buf *saved = st->capture, deeper;
	struct held *h;
	struct lists lists;

	if (sfn_vec_reserve(&o->held, &o->cap, o->n + 1, sizeof(*o->held),
	                    SFN_VEC_UNCAPPED) != SFN_OK) {
		st->status = SFN_ERR_NOMEM;
		return;
	}
	h = &o->held[o->n++];
	h->pos = pos;
	sfn_buf_init(&h->results, (size_t) 1 << 32);
	sfn_buf_init(&deeper, (size_t) 1 << 32);
	lists.own = &h->results;
	lists.deeper = &deeper;
	st->capture = &h->results;
	st->at[depth] = &lists;
	value(st, BIT(o->i + 1), depth, &lists);
	st->capture = saved;
	append(st, &h->results, &deeper);
	sfn_buf_free(&deeper);
}

/* The held child at POS; NULL when none (it was not selected). */
static const struct held *held_at(const struct order *o, long pos)
{
	size_t lo = 0, hi = o->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->held[mid].pos == pos)
			return &o->held[mid];
		if (o->held[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Passes what was held for POS on: to TO, or out when TO is NULL. */
static void put(struct stream *st, const struct order *o, long pos,
                struct sfn_buf *to)
{
	const struct held *h = held_at(o, pos);

	if (h == NULL)
		return;
	if (to != NULL)
		append(st, to, &h->results);
	else
		drain(st, &h->results);
}

/* What selector K selected, in its order (RFC 9535 2.3.4.2.2 for a
 * slice going backwards). */
static void put_selected(struct stream *st, const struct order *o, size_t k,
                         struct sfn_buf *to)
{
	const struct selector *s = &o->seg->sels[k];
	long lower, upper, step, at;

	switch (s->kind) {
	case SEL_NAME:
		put(st, o, o->first[k], to);
		break;
	case SEL_WILD:
		for (size_t j = 0; j < o->n; j++)
			put(st, o, o->held[j].pos, to);
		break;
	case SEL_INDEX:
		at = s->index < 0 ? o->len + (long) s->index : (long) s->index;
		if (o->array && at >= 0)
			put(st, o, at, to);
		break;
	case SEL_SLICE:
		if (!o->array)
			break;
		Sfn_pe_slice_bounds(&s->slice, o->len, &lower, &upper, &step);
		for (at = lower; step > 0 && at < upper; at += step)
			put(st, o, at, to);
		for (at = upper; step < 0 && at > lower; at += step)
			put(st, o, at, to);
		break;
	default:
		break;
	}
}

/* A child of a container walked with an ordered segment: held when it
 * selects it, else skipped. */
static void ordered_child(struct stream *st, const char *key, long pos,
                          unsigned depth, void *ctx)
{
	struct order *o = ctx;

	if (picked(o, key, st->keylen, pos))
		hold(st, o, pos, depth);
	else
		value(st, 0, depth, NULL);
}

/* A container whose node holds the bit of an ordered segment (alone, as
 * sfn_path_streamable makes sure): its selected children's results go to
 * LISTS' own results (buffered mode), to the capture or out, in selector
 * order, once the container has been read. */
static void ordered(struct stream *st, mask_t m, unsigned depth,
                    struct lists *lists)
{
	struct order o;
	struct sfn_buf *to = lists ? lists->own : st->capture;

	memset(&o, 0, sizeof(o));
	while (!(m & st->ordered & BIT(o.i)))
		o.i++;
	o.seg = &st->path->segs[o.i];
	o.array = *st->sc.p == '[';
	o.len = o.array && ordered_needs_len(o.seg) ? count_array(st, depth)
	                                            : -1;
	for (size_t k = 0; k < MAX_UNION_SELS; k++)
		o.first[k] = -1;
	if (depth >= SFN_JSON_MAX_DEPTH)
		st->sc.error = 1;
	else
		each_child(st, depth, ordered_child, &o);
	for (size_t k = 0;
	     !st->sc.error && st->status == SFN_OK && k < o.seg->nsels; k++)
		put_selected(st, &o, k, to);
	for (size_t j = 0; j < o.n; j++)
		sfn_buf_free(&o.held[j].results);
	free(o.held);
}

/* A container walked with its bits M. */
struct walk {
	mask_t m;
	mask_t taken; /* name selectors that found their member */
	long len;     /* elements of an array, when a segment needs it */
	struct lists *lists;
};

static void walk_child(struct stream *st, const char *key, long pos,
                       unsigned depth, void *ctx)
{
	struct walk *w = ctx;

	member(st, w->m, key, pos, w->len, &w->taken, depth, w->lists);
}

/* Moves past the value at p, which no segment reaches and which is no
 * simple value: at once when a filter has just tested it; a container a
 * filter's probe or a count validated already is only followed (not a
 * scalar: past its end, where a probe stopped, skip_valid would run on).
 */
static void skip_complex(struct stream *st, unsigned depth)
{
	struct sfn_scan *sc = &st->sc;

	if (sc->p == st->tested)
		sc->p = st->tested_end;
	else if (sc->p < st->valid_to && (*sc->p == '{' || *sc->p == '['))
		Sfn_scan_skip_valid(sc);
	else
		Sfn_scan_value(sc, depth);
}

/* Moves past the value at p, which no segment reaches. */
SFN_HOT_INLINE void skip(struct stream *st, unsigned depth)
{
	struct sfn_scan *sc = &st->sc;
	const unsigned char *q = NULL;

	if (sc->p < sc->end)
		q = Sfn_scan_simple(sc->p, sc->end);
	if (q != NULL)
		sc->p = q;
	else
		skip_complex(st, depth);
}

/* The name segments of WANT the member name just read selects (the
 * first member of each name only, as TAKEN notes), shifted to the next
 * segment. */
static inline mask_t named(struct stream *st, mask_t want, mask_t *taken)
{
	mask_t c = 0;

	if (!(st->name_lens & BIT(st->keylen & 63)))
		return 0; /* most members: no name segment is that long */
	for (mask_t left = want & ~*taken; left; left &= left - 1) {
		size_t i = (size_t) __builtin_ctzll(left);

		if (key_is_seg(st, i)) {
			c |= BIT(i + 1);
			*taken |= BIT(i);
		}
	}
	return c;
}

/* The members of the object at p when each of the bits M (but the
 * result's) is a name segment's: a member is skipped at once unless its
 * name is one of theirs. The scan is held in P between the calls out. */
static void named_members(struct stream *st, mask_t m, unsigned depth,
                          struct lists *lists)
{
	struct sfn_scan *sc = &st->sc;
	const unsigned char *p, *q, *end = sc->end;
	mask_t taken = 0;

	if (!enter(sc, '}'))
		return;
	for (p = sc->p;;) {
		mask_t c;

		if (p >= end || *p != '"')
			break;
		q = Sfn_scan_plain_string(p, end);
		if (q != NULL) {
			st->keyp = (const char *) p + 1;
			st->keylen = (size_t) (q - p) - 2;
		} else {
			sc->p = p;
			if (!escaped_key(st))
				break;
			q = sc->p;
		}
		p = Sfn_scan_to(q, end, ':');
		if (p >= end || *p != ':')
			break;
		p = Sfn_scan_ws_at(p + 1, end);
		c = named(st, m & st->names, &taken);
		/* a simple value no segment reaches: nothing can go wrong */
		q = c == 0 && p < end ? Sfn_scan_simple(p, end) : NULL;
		if (q == NULL) {
			sc->p = p;
			if (c != 0)
				value(st, c, depth + 1, lists);
			else
				skip_complex(st, depth + 1);
			if (sc->error || st->status != SFN_OK)
				return;
			q = sc->p;
		}
		maybe_forget(st, q);
		p = Sfn_scan_to(q, end, ',');
		if (p < end && *p == ',') {
			p = Sfn_scan_to(p + 1, end, '"');
			continue;
		}
		if (p < end && *p == '}') {
			sc->p = p + 1;
			return;
		}
		break;
	}
	sc->p = p;
	sc->error = st->status == SFN_OK;
}

/* A child of a container whose bits are all wildcard segments': each
 * child gets the same bits, W->m. */
static void same_child(struct stream *st, const char *key, long pos,
                       unsigned depth, void *ctx)
{
	struct walk *w = ctx;

	(void) key;
	(void) pos;
	value(st, w->m, depth, w->lists);
}

/* Members or elements of the container at p, with the parent's bits M. */
static void container(struct stream *st, mask_t m, unsigned depth,
                      struct lists *lists)
{
	struct walk w = { m, 0, -1, lists };

	if (m & st->ordered) {
		ordered(st, m, depth, lists);
		return;
	}
	if (*st->sc.p == '[')
		w.len = count_elements(st, m, depth);
	if (depth >= SFN_JSON_MAX_DEPTH) {
		st->sc.error = 1;
		return;
	}
	if (*st->sc.p == '{' && !(m & (BIT(st->nsegs) - 1) & ~st->names)) {
		named_members(st, m, depth, lists);
	} else if (!(m & (BIT(st->nsegs) - 1) & ~st->wilds)) {
		w.m = (m & st->wilds) << 1;
		each_child(st, depth, same_child, &w);
	} else {
		each_child(st, depth, walk_child, &w);
	}
}

static void append(struct stream *st, struct sfn_buf *to,
                   const struct sfn_buf *from)
{
	if (from->status != SFN_OK)
		st->status = from->status;
	else if (from->len > 0)
		sfn_buf_add(to, from->data, from->len);
}

/* Buffered mode: where a result at DEPTH goes, the own results of the
 * node the '..' segment visited to find it, st->tail levels up (only one
 * '..' segment, and the others select one level each). */
static struct sfn_buf *anchor(const struct stream *st, unsigned depth)
{
	size_t up = st->tail - 1;

	return st->at[depth > up ? depth - up : 0]->own;
}

/* A container in buffered mode: its own selections and its descendants'
 * are gathered, then handed up behind the parent's own. */
static void buffered(struct stream *st, mask_t m, unsigned depth,
                     struct lists *parent)
{
	const unsigned char *from = st->sc.p;
	struct sfn_buf own, deeper;
	struct lists mine = { &own, &deeper };

	sfn_buf_init(&own, (size_t) 1 << 32);
	sfn_buf_init(&deeper, (size_t) 1 << 32);
	st->at[depth + 1] = &mine;
	container(st, m, depth, &mine);
	if (!st->sc.error && st->status == SFN_OK && (m & BIT(st->nsegs)))
		emit(st, from, anchor(st, depth));
	append(st, parent->deeper, &own);
	append(st, parent->deeper, &deeper);
	sfn_buf_free(&own);
	sfn_buf_free(&deeper);
}

static void value(struct stream *st, mask_t m, unsigned depth,
                  struct lists *parent)
{
	struct sfn_scan *sc = &st->sc;
	const unsigned char *from = sc->p;
	int is_container = sc->p < sc->end && (*sc->p == '{' || *sc->p == '[');

	if (is_container && st->aws && *sc->p == '{')
		m = aws_object_filters(st, m, depth);
	if (sc->error)
		return;
	if (is_container && (m & (BIT(st->nsegs) - 1)) != 0) {
		const unsigned char *pin = st->pin;

		if ((m & BIT(st->nsegs)) && pin == NULL)
			st->pin = from; /* a result: emit reads it after */
		if (st->buffered)
			buffered(st, m, depth, parent);
		else
			container(st, m, depth, NULL);
		st->pin = pin;
		if (st->buffered)
			return;
	} else {
		skip(st, depth);
		if (sc->error)
			return;
	}
	if (!sc->error && st->status == SFN_OK && (m & BIT(st->nsegs)))
		emit(st, from, st->buffered ? anchor(st, depth) : NULL);
}

/* The lengths of the names the segments select alone, which of those
 * segments named_members may take, the filters Jayway tests on an object
 * as a whole, and the wildcards that give every child the same bits. */
static void note_names(struct stream *st)
{
	for (size_t i = 0; i < st->nsegs; i++) {
		const struct segment *seg = &st->path->segs[i];

		if (seg->nsels != 1 || seg->sels[0].kind != SEL_NAME)
			continue;
		st->namelen[i] = strlen(seg->sels[0].name);
		st->name_lens |= BIT(st->namelen[i] & 63);
		if (!seg->descendant && !(st->ordered & BIT(i)))
			st->names |= BIT(i);
	}
	for (size_t i = 0; i < st->nsegs; i++) {
		const struct segment *seg = &st->path->segs[i];

		if (!seg->descendant && seg->sels[0].kind == SEL_FILTER)
			st->object_filters |= BIT(i);
		if (!seg->descendant && seg->nsels == 1 &&
		    seg->sels[0].kind == SEL_WILD)
			st->wilds |= BIT(i);
	}
}

static void run(struct stream *st)
{
	struct sfn_buf own, deeper;
	struct lists root = { &own, &deeper };

	sfn_buf_init(&own, (size_t) 1 << 32);
	sfn_buf_init(&deeper, (size_t) 1 << 32);
	st->at[0] = &root;
	Sfn_scan_ws(&st->sc);
	if (st->opts->wrap)
		sfn_buf_addc(&st->out, '[');
	value(st, BIT(0), 0, &root);
	Sfn_scan_ws(&st->sc);
	if (st->sc.p != st->sc.end)
		st->sc.error = 1;
	if (st->buffered && !st->sc.error) {
		drain(st, &own);
		drain(st, &deeper);
	}
	if (st->opts->wrap)
		sfn_buf_adds(&st->out,
		             st->count > 0 && st->opts->style ==
		                                      SFN_JSONOUT_PRETTY
		                     ? "\n]"
		                     : "]");
	sfn_buf_free(&own);
	sfn_buf_free(&deeper);
}

enum sfn_status sfn_path_stream(const struct sfn_path *path, const char *text,
                                size_t len,
                                const struct sfn_path_stream_opts *opts,
                                size_t *count)
{
	struct stream st;

	*count = 0;
	if (!sfn_path_streamable(path))
		return SFN_ERR_USAGE;
	memset(&st, 0, sizeof(st));
	st.sc.p = (const unsigned char *) text;
	st.sc.end = st.sc.p + len;
	st.text = st.sc.p;
	st.forgot = st.sc.p;
	if (opts->mapped)
		st.next = st.sc.p + FORGET_STEP;
	st.path = path;
	st.opts = opts;
	st.nsegs = path->nsegs;
	st.aws = path->dialect == SFN_PATH_AWS;
	for (size_t i = 0; i < path->nsegs; i++)
		if (path->segs[i].descendant) {
			st.buffered = 1;
			st.tail = path->nsegs - i;
		}
	for (size_t i = 0; i < path->nsegs; i++)
		if (seg_ordered(&path->segs[i]))
			st.ordered |= BIT(i);
	note_names(&st);
	for (size_t i = 0; i < path->nsegs; i++)
		if (path->segs[i].sels[0].kind == SEL_FILTER)
			Sfn_path_collect_needs(&st.needs,
			                       path->segs[i].sels[0].filter);
	sfn_buf_init(&st.out, (size_t) 1 << 31);
	sfn_buf_init(&st.scratch, (size_t) 1 << 31);
	sfn_buf_init(&st.key, (size_t) 1 << 31);
	sfn_arena_init(&st.arena);
	run(&st);
	if (st.status == SFN_OK && st.out.status != SFN_OK)
		st.status = st.out.status;
	if (st.status == SFN_OK && st.scratch.status != SFN_OK)
		st.status = st.scratch.status;
	if (st.sc.error && st.status == SFN_OK)
		st.status = SFN_ERR_SYNTAX;
	if (st.status == SFN_OK)
		flush(&st);
	*count = st.count;
	sfn_buf_free(&st.out);
	sfn_buf_free(&st.scratch);
	sfn_buf_free(&st.key);
	sfn_arena_free(&st.arena);
	return st.status;
}
