/* The tape builder: one validating pass (the scanner's rules, so exactly
 * what the reader accepts) that records where each value starts and, for
 * containers, where its subtree ends. It recurses once per level of
 * nesting, which the depth check keeps within SFN_JSON_MAX_DEPTH. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "json/tape.h"
#include "sfn/json.h"

struct builder {
	struct sfn_tape *t;
	struct sfn_scan sc;
	size_t max;
	enum sfn_status status;
};

/* A new entry for the value at the scan position; its index, or
 * (size_t) -1 when the tape is full or memory ran out. */
static size_t push(struct builder *b, uint32_t flags)
{
	struct sfn_tape *t = b->t;
	enum sfn_status st;

	if (t->n == t->cap) {
		st = sfn_vec_reserve(&t->e, &t->cap, t->n + 1, sizeof(*t->e),
		                     b->max);
		if (st != SFN_OK) {
			b->status = st;
			return (size_t) -1;
		}
	}
	t->e[t->n].at = (uint32_t) (b->sc.p - t->text) | flags;
	if (b->sc.p < b->sc.end && *b->sc.p == '{')
		t->e[t->n].at |= SFN_TAPE_OBJECT;
	else if (b->sc.p < b->sc.end && *b->sc.p == '[')
		t->e[t->n].at |= SFN_TAPE_ARRAY;
	t->e[t->n].next = (uint32_t) (t->n + 1);
	if (t->n % 4096 == 0)
		Sfn_tape_read(t, t->n);
	return t->n++;
}

static int value(struct builder *b, unsigned depth, uint32_t flags);

/* The members or elements of the container at p, as skip_container in
 * scan.c walks them. */
static int container(struct builder *b, unsigned depth)
{
	struct sfn_scan *sc = &b->sc;
	int object = *sc->p == '{';
	unsigned char close = object ? '}' : ']';

	if (depth >= SFN_JSON_MAX_DEPTH)
		return sc->error = 1, 0;
	sc->p++;
	Sfn_scan_ws(sc);
	if (sc->p < sc->end && *sc->p == close) {
		sc->p++;
		return 1;
	}
	for (;;) {
		uint32_t flags = 0;

		if (object) {
			const unsigned char *key = sc->p;

			if (sc->p >= sc->end || *sc->p != '"' ||
			    !Sfn_scan_string(sc, NULL))
				return sc->error = 1, 0;
			if (memchr(key + 1, '\\', (size_t) (sc->p - key - 2)))
				flags = SFN_TAPE_ESCAPED_KEY;
			Sfn_scan_ws(sc);
			if (sc->p >= sc->end || *sc->p++ != ':')
				return sc->error = 1, 0;
			Sfn_scan_ws(sc);
		}
		if (!value(b, depth + 1, flags))
			return 0;
		Sfn_scan_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			Sfn_scan_ws(sc);
			continue;
		}
		if (sc->p < sc->end && *sc->p == close) {
			sc->p++;
			return 1;
		}
		return sc->error = 1, 0;
	}
}

static int value(struct builder *b, unsigned depth, uint32_t flags)
{
	size_t me = push(b, flags);

	if (me == (size_t) -1)
		return 0;
	if (b->sc.p < b->sc.end && (*b->sc.p == '{' || *b->sc.p == '[')) {
		if (!container(b, depth))
			return 0;
		b->t->e[me].next = (uint32_t) b->t->n;
		return 1;
	}
	return Sfn_scan_scalar(&b->sc);
}

enum sfn_status Sfn_tape_build(struct sfn_tape *t, const char *text, size_t len,
                               size_t max_entries, int mapped)
{
	struct builder b;

	memset(t, 0, sizeof(*t));
	t->text = (const unsigned char *) text;
	t->len = len;
	t->mapped = mapped;
	if (len > SFN_TAPE_MAX_TEXT)
		return SFN_ERR_LIMIT;
	b.t = t;
	b.sc.p = t->text;
	b.sc.end = t->text + len;
	b.sc.error = 0;
	b.max = max_entries;
	b.status = SFN_OK;
	Sfn_scan_ws(&b.sc);
	if (value(&b, 0, 0)) {
		Sfn_scan_ws(&b.sc);
		if (b.sc.p != b.sc.end)
			b.sc.error = 1;
	}
	if (b.status == SFN_OK && b.sc.error)
		b.status = SFN_ERR_SYNTAX;
	if (b.status != SFN_OK)
		Sfn_tape_free(t);
	return b.status;
}

void Sfn_tape_free(struct sfn_tape *t)
{
	free(t->e);
	t->e = NULL;
	t->n = t->cap = 0;
}

const unsigned char *Sfn_tape_read_far(struct sfn_tape *t, size_t at)
{
	if (at < t->kept) {
		t->kept = at; /* a new walk from here */
		t->seen = at;
	} else if (at > t->seen + SFN_TAPE_DROP_STEP) {
		size_t upto = at - SFN_TAPE_DROP_WINDOW;

		sfn_file_drop((const char *) t->text, t->kept, upto, 1);
		t->kept = upto;
		t->seen = at;
	}
	return t->text + at;
}

/* Scanning back from the value over ':' and white space to the name's
 * closing quote, then to its opening one: the first '"' not escaped (in
 * valid text every '"' inside a string follows an odd run of '\\'). */
int Sfn_tape_key(struct sfn_tape *t, size_t i, const char **raw, size_t *rawlen)
{
	const unsigned char *p = Sfn_tape_read(t, i) - 1, *close, *q;
	int escaped = 0;

	while (*p != ':')
		p--;
	p--;
	while (*p != '"')
		p--;
	close = p;
	for (q = close - 1;; q--) {
		size_t run = 0;

		if (*q != '"')
			continue;
		while (q[-1 - (long) run] == '\\')
			run++;
		if (run % 2 == 0)
			break;
		escaped = 1;
	}
	*raw = (const char *) q + 1;
	*rawlen = (size_t) (close - q - 1);
	return escaped || (t->e[i].at & SFN_TAPE_ESCAPED_KEY) != 0;
}

int Sfn_tape_key_is(struct sfn_tape *t, size_t i, const char *name, size_t len,
                    int plain, struct sfn_buf *tmp)
{
	const unsigned char *p;

	if (t->e[i].at & SFN_TAPE_ESCAPED_KEY) {
		Sfn_tape_key_decode(t, i, tmp);
		return tmp->status == SFN_OK &&
		       strcmp(sfn_buf_str(tmp), name) == 0;
	}
	/* no escape: the name holds no '"' nor '\\' (so NAME must not), and
	 * the first '"' before its closing one opens it */
	if (!plain)
		return 0;
	p = Sfn_tape_read(t, i) - 1;
	while (*p != ':')
		p--;
	p--;
	while (*p != '"')
		p--;
	return (size_t) (p - t->text) > len && p[-1 - (long) len] == '"' &&
	       memcmp(p - len, name, len) == 0;
}

void Sfn_tape_key_decode(struct sfn_tape *t, size_t i, struct sfn_buf *out)
{
	const char *raw;
	size_t len;
	struct sfn_scan sc;

	Sfn_tape_key(t, i, &raw, &len);
	sc.p = (const unsigned char *) raw - 1;
	sc.end = t->text + t->len;
	sc.error = 0;
	Sfn_scan_string(&sc, out);
}
