/* UTF-8 helpers for the intrinsic functions: code points, UTF-16 lengths
 * (the service counts characters as Java does) and lenient decoding of
 * arbitrary bytes. Knows nothing of JSON or of the functions. */
#include "config.h"

#include "intrinsic/intrinsic_int.h"

/* Length of the sequence a lead byte announces, 0 when it cannot lead. */
static size_t lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Whether C may follow LEAD as the second byte (shortest form, no
 * surrogates, nothing past U+10FFFF). */
static int second_ok(unsigned char lead, unsigned char c)
{
	if ((c & 0xc0) != 0x80)
		return 0;
	if (lead == 0xe0)
		return c >= 0xa0;
	if (lead == 0xed)
		return c < 0xa0;
	if (lead == 0xf0)
		return c >= 0x90;
	if (lead == 0xf4)
		return c < 0x90;
	return 1;
}

/* Decodes one sequence of P[0,N); returns the bytes a maximal valid
 * prefix used (at least 1); *CP is U+FFFD when the sequence is broken. */
static size_t decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len = lead_len(p[0]), i;
	uint32_t v;

	*cp = 0xfffd;
	if (len == 0)
		return 1;
	if (len == 1) {
		*cp = p[0];
		return 1;
	}
	v = p[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if (i >= n || (i == 1 && !second_ok(p[0], p[1])) ||
		    (i > 1 && (p[i] & 0xc0) != 0x80))
			return i;
		v = (v << 6) | (p[i] & 0x3f);
	}
	*cp = v;
	return len;
}

size_t sfn_intr_utf8_next(const char *s, size_t i, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *) s + i;
	size_t n = 1;

	while (n < 4 && p[n - 1] != '\0' && p[n] != '\0')
		n++;
	return decode(p, n, cp);
}

size_t sfn_intr_utf8_count(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char) s[i] & 0xc0) != 0x80)
			count++;
	}
	return count;
}

size_t sfn_intr_utf16_len(const char *s)
{
	size_t len = 0, i = 0;
	uint32_t cp;

	while (s[i] != '\0') {
		i += sfn_intr_utf8_next(s, i, &cp);
		len += cp >= 0x10000 ? 2 : 1;
	}
	return len;
}

void sfn_intr_utf8_put(struct sfn_buf *out, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		sfn_buf_addc(out, (char) cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char) (0xc0 | (cp >> 6));
		b[1] = (char) (0x80 | (cp & 0x3f));
		sfn_buf_add(out, b, 2);
		return;
	}
	if (cp < 0x10000) {
		b[0] = (char) (0xe0 | (cp >> 12));
		b[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char) (0x80 | (cp & 0x3f));
		sfn_buf_add(out, b, 3);
		return;
	}
	b[0] = (char) (0xf0 | (cp >> 18));
	b[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
	b[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
	b[3] = (char) (0x80 | (cp & 0x3f));
	sfn_buf_add(out, b, 4);
}

void sfn_intr_utf8_clean(const unsigned char *p, size_t n, struct sfn_buf *out)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n && p[i] != '\0') {
		size_t len = decode(p + i, n - i, &cp);

		sfn_intr_utf8_put(out, cp);
		i += len;
	}
}
