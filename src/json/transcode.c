/* Rewrites a validated JSON value straight from its text into the layout
 * sfn_jsonout gives the parsed value (same number forms, same escapes,
 * same indentation), so streamed results need no tree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "sfn/jsonout.h"

static void indent(struct sfn_buf *out, int depth)
{
	sfn_buf_addc(out, '\n');
	for (int i = 0; i < depth; i++)
		sfn_buf_adds(out, "  ");
}

/* A string: copied as it stands when it holds no escape or control
 * character (the writer would print the same bytes), else decoded and
 * written again. */
static void string(struct sfn_scan *sc, struct sfn_buf *tmp,
                   struct sfn_buf *out)
{
	const unsigned char *from = sc->p, *q = from + 1;

	q += Sfn_scan_plain_run(q, sc->end);
	while (q < sc->end && *q >= 0x80) /* UTF-8, already validated */
		q += 1 + Sfn_scan_plain_run(q + 1, sc->end);
	if (*q == '"') {
		sfn_buf_add(out, from, (size_t) (q + 1 - from));
		sc->p = q + 1;
		return;
	}
	Sfn_scan_string(sc, tmp);
	sfn_jsonout_string(sfn_buf_str(tmp), out);
}

static int plain_integer(const unsigned char *p, size_t n)
{
	size_t digits = n - (*p == '-');

	if (digits == 0 || digits > 15 || (*p == '-' && p[1] == '0'))
		return 0;
	for (size_t i = *p == '-'; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
	}
	return 1;
}

static void number(struct sfn_scan *sc, struct sfn_buf *out)
{
	const unsigned char *from = sc->p;

	sc->p = Sfn_scan_number_end(sc->p, sc->end);
	if (plain_integer(from, (size_t) (sc->p - from)))
		sfn_buf_add(out, from, (size_t) (sc->p - from));
	else
		sfn_jsonout_number(Sfn_scan_strtod(from, sc->p, sc->end), out);
}

static void value(struct sfn_scan *sc, int pretty, int depth,
                  struct sfn_buf *tmp, struct sfn_buf *out);

static void container(struct sfn_scan *sc, int pretty, int depth,
                      struct sfn_buf *tmp, struct sfn_buf *out)
{
	int object = *sc->p == '{';
	char close = object ? '}' : ']';

	sfn_buf_addc(out, (char) *sc->p++);
	Sfn_scan_ws(sc);
	if (*sc->p == (unsigned char) close) {
		sc->p++;
		sfn_buf_addc(out, close);
		return;
	}
	for (;;) {
		if (pretty)
			indent(out, depth + 1);
		if (object) {
			string(sc, tmp, out);
			sfn_buf_adds(out, pretty ? ": " : ":");
			Sfn_scan_ws(sc);
			sc->p++; /* ':' */
			Sfn_scan_ws(sc);
		}
		value(sc, pretty, depth + 1, tmp, out);
		Sfn_scan_ws(sc);
		if (*sc->p++ != ',')
			break;
		sfn_buf_addc(out, ',');
		Sfn_scan_ws(sc);
	}
	if (pretty)
		indent(out, depth);
	sfn_buf_addc(out, close);
}

static void value(struct sfn_scan *sc, int pretty, int depth,
                  struct sfn_buf *tmp, struct sfn_buf *out)
{
	switch (*sc->p) {
	case '{':
	case '[':
		container(sc, pretty, depth, tmp, out);
		break;
	case '"':
		string(sc, tmp, out);
		break;
	case 't':
		sfn_buf_adds(out, "true");
		sc->p += 4;
		break;
	case 'f':
		sfn_buf_adds(out, "false");
		sc->p += 5;
		break;
	case 'n':
		sfn_buf_adds(out, "null");
		sc->p += 4;
		break;
	default:
		number(sc, out);
	}
}

/* A string of plain bytes, the most frequent result, is copied at once. */
void Sfn_scan_transcode(struct sfn_scan *sc, int pretty, int depth,
                        struct sfn_buf *tmp, struct sfn_buf *out)
{
	const unsigned char *q = NULL;

	if (*sc->p == '"')
		q = Sfn_scan_plain_string(sc->p, sc->end);
	if (q == NULL) {
		value(sc, pretty, depth, tmp, out);
		return;
	}
	sfn_buf_add(out, sc->p, (size_t) (q - sc->p));
	sc->p = q;
}
