/* Streaming evaluation: runs a path over JSON text without building its
 * tree, so a 100 MB document costs little more than its own bytes. One
 * pass validates and evaluates: each node carries a bit set of the
 * segments it has matched so far; subtrees no segment can reach are
 * skipped by the validating scanner; only the selected values (and array
 * elements a filter must test) are parsed into trees. Results are held
 * until the text has proved valid, so bad input never gives partial
 * output.
 * Negative indexes and slice bounds count the array's elements first
 * (a validating look ahead over that array alone). Paths it cannot stream
 * with the tree evaluator's exact results (unions other than increasing
 * indexes, slices going backwards, descendants before the last segment, filters
 * that read $) are refused so the caller falls back to the tree. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "path/eval.h"
#include "json/scan.h"
#include "sfn/json.h"
#include "sfn/jsonout.h"

#define MAX_STREAM_SEGS 62 /* bits in the mask, one spare for "result" */

#define MAX_NAMES 16 /* member names a filter may read to be pruned */

/* A mapped text's pages are given back each time the scan has passed
 * this many more bytes: peak memory stays near the results' size. */
#define FORGET_STEP ((size_t) 2 << 20)

/* What the filters of a path read of the element they test: the members
 * NAMES (then only those are built), or everything (FULL). */
struct needs {
	int full;
	const char *names[MAX_NAMES];
	size_t n;
};

struct stream {
	struct sfn_scan sc;
	const struct sfn_path *path;
	const struct sfn_path_stream_opts *opts;
	size_t nsegs;
	int aws;
	int buffered;           /* a final '..' segment: keep RFC order */
	struct sfn_buf out;     /* text not yet flushed */
	struct sfn_buf scratch; /* a value's text, to parse it */
	struct sfn_buf key;     /* the decoded member name */
	struct sfn_arena arena; /* elements a filter tests, one at a time */
	struct needs needs;     /* of all the path's filters together */
	const unsigned char *valid_to; /* text before it is validated */
	const unsigned char *text;     /* its first byte */
	const unsigned char *forgot;   /* pages before it were given back */
	const unsigned char *pin;      /* a result not yet copied starts here */
	size_t count;
	enum sfn_status status;
};

typedef uint64_t mask_t;
#define BIT(i) ((mask_t) 1 << (i))

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

int sfn_path_streamable(const struct sfn_path *path)
{
	if (path->root != SFN_PATH_ROOT_INPUT || path->nsegs > MAX_STREAM_SEGS)
		return 0;
	for (size_t i = 0; i < path->nsegs; i++) {
		const struct segment *s = &path->segs[i];

		if (s->nsels > 1
		            ? !union_streams(s)
		            : s->nsels != 1 || !selector_streams(&s->sels[0]))
			return 0;
		if (s->descendant && i + 1 != path->nsegs)
			return 0;
		/* Jayway tests objects as a whole under "..[?()]", which
		 * the scan does not follow */
		if (s->descendant && path->dialect == SFN_PATH_AWS &&
		    s->sels[0].kind == SEL_FILTER)
			return 0;
	}
	return 1;
}

static void add_need(struct needs *nd, const struct query *q)
{
	const struct segment *first = q->nsegs ? &q->segs[0] : NULL;

	if (first == NULL || first->descendant || first->nsels != 1 ||
	    first->sels[0].kind != SEL_NAME || nd->n == MAX_NAMES) {
		nd->full = 1;
		return;
	}
	for (size_t i = 0; i < nd->n; i++)
		if (strcmp(nd->names[i], first->sels[0].name) == 0)
			return;
	nd->names[nd->n++] = first->sels[0].name;
}

static void collect_needs(struct needs *nd, const struct expr *e)
{
	if (e == NULL)
		return;
	if (e->kind == E_QUERY && e->query.relative)
		add_need(nd, &e->query);
	for (size_t i = 0; i < e->nargs; i++)
		collect_needs(nd, e->args[i]);
	collect_needs(nd, e->a);
	collect_needs(nd, e->b);
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
	struct sfn_buf *dst = bucket ? bucket : &st->out;
	int pretty = st->opts->style == SFN_JSONOUT_PRETTY;

	if (st->opts->wrap && bucket == NULL) {
		if (st->count > 0)
			sfn_buf_addc(dst, ',');
		if (pretty)
			sfn_buf_adds(dst, "\n  ");
	}
	Sfn_scan_transcode(&sc, pretty, st->opts->wrap ? 1 : 0, &st->scratch,
	                   dst);
	if (bucket != NULL)
		sfn_buf_addc(dst, '\0'); /* separates buffered results */
	st->count++;
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

/* Buffered mode: what a container hands up is what was selected from it
 * (OWN) followed by what its descendants gave (DEEPER), which is RFC
 * 9535's order for a final ".." segment. */
struct lists {
	struct sfn_buf *own, *deeper;
};

static void value(struct stream *st, mask_t m, unsigned depth,
                  struct lists *parent);

/* The bits a child gets from its parent's bits M: KEY for a member, or
 * INDEX for an element of an array of LEN (-1: not counted). Filter bits
 * go to *PENDING: they need the child parsed first. TAKEN keeps name
 * selectors to the first equal key, as lookups in the tree do. */
static mask_t child_bits(const struct stream *st, mask_t m, const char *key,
                         long index, long len, mask_t *pending, mask_t *taken)
{
	mask_t c = 0;

	for (size_t i = 0; i < st->nsegs; i++) {
		const struct segment *seg = &st->path->segs[i];
		const struct selector *s = &seg->sels[0];

		if (!(m & BIT(i)))
			continue;
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
			if (key && !(*taken & BIT(i)) &&
			    !strcmp(key, s->name)) {
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
	struct evaluator ev = { NULL, st->aws, 0, SFN_OK };
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
	mask_t pending = 0;

	for (size_t i = 0; i < st->nsegs; i++) {
		if ((m & BIT(i)) && !st->path->segs[i].descendant &&
		    st->path->segs[i].sels[0].kind == SEL_FILTER)
			pending |= BIT(i);
	}
	return pending ? m | test_filters(st, pending, depth) : m;
}

static void member(struct stream *st, mask_t m, const char *key, long index,
                   long len, mask_t *taken, unsigned depth, struct lists *lists)
{
	mask_t pending = 0,
	       c = child_bits(st, m, key, index, len, &pending, taken);

	if (pending)
		c |= test_filters(st, pending, depth);
	if (!st->sc.error)
		value(st, c, depth, lists);
}

/* A member's key and colon, decoded into st->key; 0 when malformed. */
static int member_key(struct stream *st)
{
	struct sfn_scan *sc = &st->sc;

	if (sc->p >= sc->end || *sc->p != '"' || !Sfn_scan_string(sc, &st->key))
		return 0;
	if (st->key.status != SFN_OK) {
		st->status = st->key.status; /* not the text's fault */
		return 0;
	}
	Sfn_scan_ws(sc);
	if (sc->p >= sc->end || *sc->p != ':')
		return 0;
	sc->p++;
	Sfn_scan_ws(sc);
	return 1;
}

/* After a member: 1 to go on (a ',' was read), 0 at the close. */
static int member_next(struct sfn_scan *sc, unsigned char close)
{
	Sfn_scan_ws(sc);
	if (sc->p < sc->end && *sc->p == ',') {
		sc->p++;
		Sfn_scan_ws(sc);
		return 1;
	}
	if (sc->p < sc->end && *sc->p == close)
		sc->p++;
	else
		sc->error = 1;
	return 0;
}

/* The elements of the array at p, when a segment of M needs their count
 * (a negative index or slice bound): the array is validated on the way,
 * so the walk that follows skips what it need not read; else -1. */
static long count_elements(struct stream *st, mask_t m, unsigned depth)
{
	struct sfn_scan probe = st->sc;
	long n = 0;
	size_t i;

	for (i = 0; i < st->nsegs; i++)
		if ((m & BIT(i)) && needs_len(&st->path->segs[i].sels[0]))
			break;
	if (i == st->nsegs || depth >= SFN_JSON_MAX_DEPTH)
		return -1;
	probe.p++;
	Sfn_scan_ws(&probe);
	if (probe.p < probe.end && *probe.p == ']')
		return 0;
	do {
		if (!Sfn_scan_skip(&probe, depth + 1))
			return -1; /* the walk meets the error again */
		n++;
	} while (member_next(&probe, ']'));
	if (!probe.error && probe.p > st->valid_to)
		st->valid_to = probe.p;
	return n;
}

/* Gives back the mapped text's pages behind the scan, but for those of a
 * result still to be copied (re-reading them would be correct, only
 * slower). */
static void forget(struct stream *st)
{
	const unsigned char *upto = st->pin ? st->pin : st->sc.p;

	if (!st->opts->mapped || upto < st->forgot ||
	    (size_t) (upto - st->forgot) < FORGET_STEP)
		return;
	sfn_file_forget((const char *) st->text, (size_t) (upto - st->text), 1);
	st->forgot = upto;
}

/* Members or elements of the container at p, with the parent's bits M. */
static void container(struct stream *st, mask_t m, unsigned depth,
                      struct lists *lists)
{
	struct sfn_scan *sc = &st->sc;
	int object = *sc->p == '{';
	unsigned char close = object ? '}' : ']';
	mask_t taken = 0;
	long index = 0, len = object ? -1 : count_elements(st, m, depth);

	if (depth >= SFN_JSON_MAX_DEPTH) {
		sc->error = 1;
		return;
	}
	sc->p++;
	Sfn_scan_ws(sc);
	if (sc->p < sc->end && *sc->p == close) {
		sc->p++;
		return;
	}
	do {
		if (object && !member_key(st)) {
			sc->error = st->status == SFN_OK;
			return;
		}
		member(st, m, object ? sfn_buf_str(&st->key) : NULL, index++,
		       len, &taken, depth + 1, lists);
		if (sc->error || st->status != SFN_OK)
			return;
		forget(st);
	} while (member_next(sc, close));
}

static void append(struct stream *st, struct sfn_buf *to,
                   const struct sfn_buf *from)
{
	if (from->status != SFN_OK)
		st->status = from->status;
	else if (from->len > 0)
		sfn_buf_add(to, from->data, from->len);
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
	container(st, m, depth, &mine);
	if (!st->sc.error && st->status == SFN_OK && (m & BIT(st->nsegs)))
		emit(st, from, parent->own);
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
	} else if (sc->p < st->valid_to) {
		Sfn_scan_skip_valid(sc);
	} else if (!Sfn_scan_skip(sc, depth)) {
		return;
	}
	if (!sc->error && st->status == SFN_OK && (m & BIT(st->nsegs)))
		emit(st, from, st->buffered ? parent->own : NULL);
}

/* Writes buffered results (NUL-separated) with the array's separators;
 * *WRITTEN counts the results written so far. */
static void drain(struct stream *st, const struct sfn_buf *results,
                  size_t *written)
{
	int pretty = st->opts->style == SFN_JSONOUT_PRETTY;
	const char *p = results->data;
	const char *end = p ? p + results->len : NULL;

	for (; p != NULL && p < end; (*written)++) {
		size_t len = strlen(p);

		if (*written > 0)
			sfn_buf_addc(&st->out, ',');
		if (pretty)
			sfn_buf_adds(&st->out, "\n  ");
		sfn_buf_add(&st->out, p, len);
		p += len + 1;
	}
}

static void run(struct stream *st)
{
	struct sfn_buf own, deeper;
	struct lists root = { &own, &deeper };

	sfn_buf_init(&own, (size_t) 1 << 32);
	sfn_buf_init(&deeper, (size_t) 1 << 32);
	Sfn_scan_ws(&st->sc);
	if (st->opts->wrap)
		sfn_buf_addc(&st->out, '[');
	value(st, BIT(0), 0, &root);
	Sfn_scan_ws(&st->sc);
	if (st->sc.p != st->sc.end)
		st->sc.error = 1;
	if (st->buffered && !st->sc.error) {
		size_t written = 0;

		drain(st, &own, &written);
		drain(st, &deeper, &written);
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
	st.path = path;
	st.opts = opts;
	st.nsegs = path->nsegs;
	st.aws = path->dialect == SFN_PATH_AWS;
	st.buffered = path->nsegs > 0 && path->segs[path->nsegs - 1].descendant;
	for (size_t i = 0; i < path->nsegs; i++)
		if (path->segs[i].sels[0].kind == SEL_FILTER)
			collect_needs(&st.needs, path->segs[i].sels[0].filter);
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
