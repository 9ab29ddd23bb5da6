/* JSON text writer over cJSON values. cJSON's own printer indents with
 * tabs and prints doubles with 17 digits; this one matches what users and
 * golden files expect. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/jsonout.h"
#include "sfn/utf8.h"

/* sfn_buf_reserve, its common case (room there) told here without a
 * call: the writer asks before every string and line. */
static enum sfn_status reserve(struct sfn_buf *out, size_t n)
{
	if (out->status == SFN_OK && n <= out->max - out->len &&
	    out->len + n + 1 <= out->cap && out->len + n != (size_t) -1)
		return SFN_OK;
	return sfn_buf_reserve(out, n);
}

/* An integer below 1e15 in magnitude, in decimal digits (-0 as 0): what
 * "%.0f" prints, without printf's cost on every index and count. */
static enum sfn_status add_integer(double d, struct sfn_buf *out)
{
	char text[24];
	size_t at = sizeof(text);
	long long n = (long long) d;
	unsigned long long u =
	        n < 0 ? 0ULL - (unsigned long long) n : (unsigned long long) n;

	do {
		text[--at] = (char) ('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		text[--at] = '-';
	return sfn_buf_add(out, text + at, sizeof(text) - at);
}

enum sfn_status sfn_jsonout_number(double d, struct sfn_buf *out)
{
	char text[40];

	if (!isfinite(d))
		return sfn_buf_adds(out, "null");
	if (d == floor(d) && fabs(d) < 1e15)
		return add_integer(d, out);
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(text, sizeof(text), "%.*g", prec, d);
		if (strtod(text, NULL) == d)
			break;
	}
	return sfn_buf_adds(out, text);
}

static const char *short_escape(unsigned char c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	}
	return NULL;
}

/* What each byte is to a JSON string: 1 printable ASCII, written as it
 * is; 2 the lead of a UTF-8 sequence, written as it is when valid; 0 an
 * escape (or the end). */
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Whether the 8 bytes at S are all printable ASCII other than '"' and
 * '\\': (X - N * ones) & ~X has a high bit set exactly when some byte of
 * X is below N (a borrow only follows such a byte), so below 0x20, and
 * zero after the XOR with the quote or the backslash; bytes from 0x80
 * have their own high bit. */
static int plain8(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, high = ones << 7;
	uint64_t w, q, b;

	memcpy(&w, s, sizeof(w));
	q = w ^ (ones * '"');
	b = w ^ (ones * '\\');
	return ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
	         ((b - ones) & ~b) | w) &
	        high) == 0;
}

size_t sfn_jsonout_plain(const char *s, size_t n)
{
	size_t i = 0;

	while (n - i >= 8 && plain8(s + i))
		i += 8;
	while (i < n && byte_class[(unsigned char) s[i]] == 1)
		i++;
	return i;
}

/* Bytes from S (which ends at END) that go out as they are: printable
 * ASCII and valid UTF-8 sequences; eight at a time while they are
 * plain ASCII. */
static size_t plain_run(const char *s, const char *end)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t i = 0;

	for (;;) {
		enum sfn_utf8_error err;
		uint32_t cp;
		size_t n;

		while ((size_t) (end - s) - i >= 8 && plain8(s + i))
			i += 8;
		while (byte_class[u[i]] == 1)
			i++;
		if (byte_class[u[i]] == 0)
			return i;
		n = sfn_utf8_decode(s + i, strnlen(s + i, SFN_UTF8_SEQ_MAX),
		                    &cp, &err);
		if (err != SFN_UTF8_OK)
			return i;
		i += n;
	}
}

/* The escape of the control character or broken sequence at S (not one
 * of the short escapes) into OUT; returns how many bytes of S it stands
 * for. */
static size_t escape(const char *s, struct sfn_buf *out)
{
	unsigned char c = (unsigned char) *s;
	uint32_t cp;

	if (c >= 0x80) {
		size_t n = sfn_utf8_next(s, &cp);

		sfn_utf8_put(out, SFN_UTF8_REPLACEMENT);
		return n;
	}
	sfn_buf_printf(out, "\\u%04x", c);
	return 1;
}

/* Control characters are escaped; a byte sequence that is not UTF-8 is
 * written as U+FFFD, so the output is always valid UTF-8. Room for the
 * rest of S and the closing quote is made once, and again after each
 * escape: plain runs are copied without a call. */
enum sfn_status sfn_jsonout_string(const char *s, struct sfn_buf *out)
{
	const char *end = s + strlen(s);
	size_t i = 0, n = (size_t) (end - s);

	if (reserve(out, n + 2) != SFN_OK)
		return out->status;
	out->data[out->len++] = '"';
	/* the plain ASCII start (most strings whole) copied as checked */
	for (; n - i >= 8 && plain8(s + i); i += 8)
		memcpy(out->data + out->len + i, s + i, 8);
	for (; i < n && byte_class[(unsigned char) s[i]] == 1; i++)
		out->data[out->len + i] = s[i];
	out->len += i;
	s += i;
	while (s < end) {
		size_t run = plain_run(s, end);

		memcpy(out->data + out->len, s, run);
		out->len += run;
		s += run;
		if (s == end)
			break;
		if (short_escape((unsigned char) *s) != NULL) {
			/* the escape's two bytes, the rest, the quote */
			if (reserve(out, (size_t) (end - s) + 2) != SFN_OK)
				return out->status;
			memcpy(out->data + out->len,
			       short_escape((unsigned char) *s++), 2);
			out->len += 2;
			continue;
		}
		s += escape(s, out);
		if (reserve(out, (size_t) (end - s) + 1) != SFN_OK)
			return out->status;
	}
	out->data[out->len++] = '"';
	out->data[out->len] = '\0';
	return SFN_OK;
}

/* A control character's escape at D (room for six bytes); its length. */
static size_t control_escape(unsigned char c, char *d)
{
	static const char hex[] = "0123456789abcdef";
	const char *e = short_escape(c);

	if (e != NULL) {
		memcpy(d, e, 2);
		return 2;
	}
	memcpy(d, "\\u00", 4);
	d[4] = hex[c >> 4];
	d[5] = hex[c & 15];
	return 6;
}

/* JSON text is dense with quotes, so this goes a byte at a time, into
 * room made once for every byte escaped in two; only a control
 * character (none in JSON text) makes more. */
enum sfn_status sfn_jsonout_escape_text(const char *s, size_t n,
                                        struct sfn_buf *out)
{
	const unsigned char *u = (const unsigned char *) s;
	char *d;

	if (n > ((size_t) -1 - 3) / 2)
		return sfn_buf_reserve(out, (size_t) -1);
	if (reserve(out, 2 * n) != SFN_OK)
		return out->status;
	d = out->data + out->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = u[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			*d++ = (char) c;
		} else if (c >= 0x20) {
			*d++ = '\\';
			*d++ = (char) c;
		} else {
			out->len = (size_t) (d - out->data);
			if (reserve(out, 2 * (n - i) + 4) != SFN_OK)
				return out->status;
			d = out->data + out->len;
			d += control_escape(c, d);
		}
	}
	*d = '\0';
	out->len = (size_t) (d - out->data);
	return SFN_OK;
}

/* S[0, N) written as sfn_jsonout_string writes it and escaped again, in
 * one pass: plain runs copied, each escape written with its backslash
 * escaped, room made again after each. Q: the escaped quotes' bytes
 * (2), or 0 without them. */
static enum sfn_status escaped_slow(const char *s, size_t n, size_t q,
                                    struct sfn_buf *out)
{
	const char *end = s + n;
	char *d;

	if (reserve(out, n + 2 * q) != SFN_OK)
		return out->status;
	memcpy(out->data + out->len, "\\\"", q);
	out->len += q;
	while (s < end) {
		size_t run = plain_run(s, end);
		unsigned char c;

		memcpy(out->data + out->len, s, run);
		out->len += run;
		s += run;
		if (s == end)
			break;
		c = (unsigned char) *s;
		if (reserve(out, 7 + (size_t) (end - s) + q) != SFN_OK)
			return out->status;
		d = out->data + out->len;
		if (c == '"' || c == '\\') { /* \" or \\, each \ escaped */
			memcpy(d, "\\\\\\", 3);
			d[3] = (char) c;
			out->len += 4;
			s++;
		} else if (c < 0x20) { /* \n or \u0001, its \ escaped */
			d[0] = '\\';
			out->len += 1 + control_escape(c, d + 1);
			s++;
		} else { /* a broken sequence: U+FFFD, nothing to escape */
			s += escape(s, out);
		}
	}
	memcpy(out->data + out->len, "\\\"", q);
	out->len += q;
	out->data[out->len] = '\0';
	return out->status;
}

/* Most strings are plain, printable ASCII: copied a byte at a time as
 * they are checked, into room made once; any other is written again
 * from the start by escaped_slow. */
enum sfn_status sfn_jsonout_string_escaped(const char *s, int quotes,
                                           struct sfn_buf *out)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t n = strlen(s), i = 0;
	char *d;

	if (reserve(out, n + 4) != SFN_OK)
		return out->status;
	d = out->data + out->len;
	if (quotes) {
		d[0] = '\\';
		d[1] = '"';
		d += 2;
	}
	for (; n - i >= 8 && plain8(s + i); i += 8, d += 8)
		memcpy(d, s + i, 8);
	for (; i < n && byte_class[u[i]] == 1; i++)
		*d++ = (char) u[i];
	if (i < n)
		return escaped_slow(s, n, quotes ? 2 : 0, out);
	if (quotes) {
		d[0] = '\\';
		d[1] = '"';
		d += 2;
	}
	*d = '\0';
	out->len = (size_t) (d - out->data);
	return SFN_OK;
}

/* A line break and the indentation of DEPTH, in one reservation. */
/* N spaces at D: eight at a time when the buffer's room past them
 * (ROOM bytes from D) takes the overshoot, else by memset. */
static void spaces(char *d, size_t n, size_t room)
{
	if (room < n + 8) {
		memset(d, ' ', n);
		return;
	}
	for (size_t i = 0; i < n; i += 8)
		memcpy(d + i, "        ", 8);
}

/* LEAD (a comma) and TAIL (a closing bracket) beside it when not NUL:
 * the punctuation around a line break goes in with it. */
static void newline(struct sfn_buf *out, enum sfn_jsonout_style style,
                    int depth, char lead, char tail)
{
	int pretty = style == SFN_JSONOUT_PRETTY;
	size_t n = pretty ? 2 * (size_t) depth : 0;
	char *d;

	if (reserve(out, (lead != '\0') + (size_t) pretty + n +
	                         (tail != '\0')) != SFN_OK)
		return;
	d = out->data + out->len;
	if (lead != '\0')
		*d++ = lead;
	if (pretty) {
		*d++ = '\n';
		spaces(d, n, out->cap - (size_t) (d - out->data));
		d += n;
	}
	if (tail != '\0')
		*d++ = tail;
	*d = '\0';
	out->len = (size_t) (d - out->data);
}

static void write_value(const cJSON *v, enum sfn_jsonout_style style, int depth,
                        struct sfn_buf *out);

/* An object member's line break, indentation, key and colon: for a
 * plain key (most are), all in one reservation. */
static void member_head(const char *key, enum sfn_jsonout_style style,
                        int depth, char lead, struct sfn_buf *out)
{
	int pretty = style == SFN_JSONOUT_PRETTY;
	size_t n = strlen(key), ind = pretty ? 2 * (size_t) depth : 0, i = 0;
	char *d;

	/* lead, line break and indentation, quoted key, colon, space */
	if (reserve(out, (lead != '\0') + 2 * (size_t) pretty + ind + n + 3) !=
	    SFN_OK)
		return;
	d = out->data + out->len;
	if (lead != '\0')
		*d++ = lead;
	if (pretty) {
		*d++ = '\n';
		spaces(d, ind, out->cap - (size_t) (d - out->data));
		d += ind;
	}
	*d++ = '"';
	for (; n - i >= 8 && plain8(key + i); i += 8, d += 8)
		memcpy(d, key + i, 8);
	for (; i < n && byte_class[(unsigned char) key[i]] == 1; i++)
		*d++ = key[i];
	if (i < n) { /* not plain: written again, escaped */
		out->data[out->len] = '\0';
		newline(out, style, depth, lead, '\0');
		sfn_jsonout_string(key, out);
		sfn_buf_add(out, ": ", pretty ? 2 : 1);
		return;
	}
	memcpy(d, "\": ", 3);
	d += pretty ? 3 : 2;
	*d = '\0';
	out->len = (size_t) (d - out->data);
}

/* Arrays and objects: "[]"/"{}" when empty, else one member a line. */
static void write_container(const cJSON *v, enum sfn_jsonout_style style,
                            int depth, struct sfn_buf *out)
{
	int is_object = cJSON_IsObject(v);
	const cJSON *item = v->child;

	sfn_buf_addc(out, is_object ? '{' : '[');
	for (; item != NULL; item = item->next) {
		char lead = item != v->child ? ',' : '\0';

		if (is_object)
			member_head(item->string ? item->string : "", style,
			            depth + 1, lead, out);
		else
			newline(out, style, depth + 1, lead, '\0');
		write_value(item, style, depth + 1, out);
	}
	if (v->child != NULL)
		newline(out, style, depth, '\0', is_object ? '}' : ']');
	else
		sfn_buf_addc(out, is_object ? '}' : ']');
}

static void write_value(const cJSON *v, enum sfn_jsonout_style style, int depth,
                        struct sfn_buf *out)
{
	switch (v->type & 0xff) {
	case cJSON_False:
		sfn_buf_adds(out, "false");
		break;
	case cJSON_True:
		sfn_buf_adds(out, "true");
		break;
	case cJSON_NULL:
		sfn_buf_adds(out, "null");
		break;
	case cJSON_Number:
		sfn_jsonout_number(v->valuedouble, out);
		break;
	case cJSON_String:
		sfn_jsonout_string(v->valuestring ? v->valuestring : "", out);
		break;
	case cJSON_Raw: /* JSON text already: written as it stands */
		sfn_buf_adds(out, v->valuestring ? v->valuestring : "null");
		break;
	case cJSON_Array:
	case cJSON_Object:
		write_container(v, style, depth, out);
		break;
	default:
		sfn_buf_adds(out, "null");
	}
}

enum sfn_status sfn_jsonout_value(const cJSON *value,
                                  enum sfn_jsonout_style style,
                                  struct sfn_buf *out)
{
	return sfn_jsonout_value_at(value, style, 0, out);
}

enum sfn_status sfn_jsonout_value_at(const cJSON *value,
                                     enum sfn_jsonout_style style, int depth,
                                     struct sfn_buf *out)
{
	write_value(value, style, depth, out);
	return out->status;
}
