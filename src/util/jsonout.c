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

/* Bytes from S that go out as they are: printable ASCII and valid UTF-8
 * sequences. */
static size_t plain_run(const char *s)
{
	size_t i = 0;

	for (;;) {
		unsigned char c = (unsigned char) s[i];
		enum sfn_utf8_error err;
		uint32_t cp;
		size_t n;

		if (c < 0x80) {
			if (c < 0x20 || c == '"' || c == '\\')
				return i;
			i++;
			continue;
		}
		n = sfn_utf8_decode(s + i, strnlen(s + i, SFN_UTF8_SEQ_MAX),
		                    &cp, &err);
		if (err != SFN_UTF8_OK)
			return i;
		i += n;
	}
}

/* Control characters are escaped; a byte sequence that is not UTF-8 is
 * written as U+FFFD, so the output is always valid UTF-8. */
enum sfn_status sfn_jsonout_string(const char *s, struct sfn_buf *out)
{
	sfn_buf_addc(out, '"');
	while (*s != '\0') {
		size_t run = plain_run(s);
		unsigned char c = (unsigned char) s[run];
		uint32_t cp;

		sfn_buf_add(out, s, run);
		s += run;
		if (c == '\0')
			break;
		if (c >= 0x80) {
			s += sfn_utf8_next(s, &cp);
			sfn_utf8_put(out, SFN_UTF8_REPLACEMENT);
		} else if (short_escape(c) != NULL) {
			sfn_buf_adds(out, short_escape(c));
			s++;
		} else {
			sfn_buf_printf(out, "\\u%04x", c);
			s++;
		}
	}
	return sfn_buf_addc(out, '"');
}

static void newline(struct sfn_buf *out, enum sfn_jsonout_style style,
                    int depth)
{
	static const char spaces[] = "                                "
	                             "                                ";
	size_t n = 2 * (size_t) depth;

	if (style != SFN_JSONOUT_PRETTY)
		return;
	sfn_buf_addc(out, '\n');
	for (; n > sizeof(spaces) - 1; n -= sizeof(spaces) - 1)
		sfn_buf_add(out, spaces, sizeof(spaces) - 1);
	sfn_buf_add(out, spaces, n);
}

static void write_value(const cJSON *v, enum sfn_jsonout_style style, int depth,
                        struct sfn_buf *out);

/* Arrays and objects: "[]"/"{}" when empty, else one member a line. */
static void write_container(const cJSON *v, enum sfn_jsonout_style style,
                            int depth, struct sfn_buf *out)
{
	int is_object = cJSON_IsObject(v);
	const cJSON *item = v->child;

	sfn_buf_addc(out, is_object ? '{' : '[');
	for (; item != NULL; item = item->next) {
		newline(out, style, depth + 1);
		if (is_object) {
			sfn_jsonout_string(item->string ? item->string : "",
			                   out);
			sfn_buf_adds(out,
			             style == SFN_JSONOUT_PRETTY ? ": " : ":");
		}
		write_value(item, style, depth + 1, out);
		if (item->next != NULL)
			sfn_buf_addc(out, ',');
	}
	if (v->child != NULL)
		newline(out, style, depth);
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
	case cJSON_Raw:
		sfn_jsonout_string(v->valuestring ? v->valuestring : "", out);
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
