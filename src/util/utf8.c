/* UTF-8 encoding, decoding and the checks built on them (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF). Display width
 * lives in utf8_width.c. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sfn/utf8.h"

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Length a lead byte announces, or 0 with *ERR set when it cannot lead. */
static size_t lead_len(unsigned char c, enum sfn_utf8_error *err)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	if (c == 0xc0 || c == 0xc1)
		*err = SFN_UTF8_OVERLONG;
	else if (c >= 0xf5 && c <= 0xf7)
		*err = SFN_UTF8_TOO_BIG;
	else
		*err = SFN_UTF8_BAD_LEAD;
	return 0;
}

/* Whether C may follow LEAD as the second byte; *ERR says why not. */
static int second_ok(unsigned char lead, unsigned char c,
                     enum sfn_utf8_error *err)
{
	*err = SFN_UTF8_TRUNCATED;
	if (!is_cont(c))
		return 0;
	if (lead == 0xe0 && c < 0xa0)
		*err = SFN_UTF8_OVERLONG;
	else if (lead == 0xed && c >= 0xa0)
		*err = SFN_UTF8_SURROGATE;
	else if (lead == 0xf0 && c < 0x90)
		*err = SFN_UTF8_OVERLONG;
	else if (lead == 0xf4 && c >= 0x90)
		*err = SFN_UTF8_TOO_BIG;
	else
		*err = SFN_UTF8_OK;
	return *err == SFN_UTF8_OK;
}

size_t sfn_utf8_decode(const char *s, size_t n, uint32_t *cp,
                       enum sfn_utf8_error *err)
{
	const unsigned char *p = (const unsigned char *) s;
	enum sfn_utf8_error e = SFN_UTF8_OK, *why = err ? err : &e;
	size_t len = lead_len(p[0], why), i;
	uint32_t v;

	*cp = SFN_UTF8_REPLACEMENT;
	if (len == 0)
		return 1;
	*why = SFN_UTF8_OK;
	if (len == 1) {
		*cp = p[0];
		return 1;
	}
	v = p[0] & (0x7fu >> len);
	for (i = 1; i < len; i++) {
		if (i >= n) {
			*why = SFN_UTF8_TRUNCATED;
			return i;
		}
		if (i == 1 ? !second_ok(p[0], p[1], why) : !is_cont(p[i])) {
			*why = i == 1 ? *why : SFN_UTF8_TRUNCATED;
			return i;
		}
		v = (v << 6) | (p[i] & 0x3fu);
	}
	*cp = v;
	return len;
}

size_t sfn_utf8_next(const char *s, uint32_t *cp)
{
	size_t n = 1;

	while (n < SFN_UTF8_SEQ_MAX && s[n] != '\0')
		n++;
	return sfn_utf8_decode(s, n, cp, NULL);
}

size_t sfn_utf8_encode(uint32_t cp, char out[SFN_UTF8_SEQ_MAX])
{
	if (cp < 0x80) {
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char) (0xc0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3f));
		return 2;
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > SFN_UTF8_MAX_CP)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char) (0xe0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char) (0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char) (0xf0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char) (0x80 | (cp & 0x3f));
	return 4;
}

enum sfn_status sfn_utf8_put(struct sfn_buf *buf, uint32_t cp)
{
	char seq[SFN_UTF8_SEQ_MAX];
	size_t n = sfn_utf8_encode(cp, seq);

	if (n == 0)
		n = sfn_utf8_encode(SFN_UTF8_REPLACEMENT, seq);
	return sfn_buf_add(buf, seq, n);
}

enum sfn_status sfn_utf8_put_clean(struct sfn_buf *buf, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t good = sfn_utf8_valid_prefix(s + i, n - i);
		uint32_t cp;

		sfn_buf_add(buf, s + i, good);
		i += good;
		if (i < n) {
			i += sfn_utf8_decode(s + i, n - i, &cp, NULL);
			sfn_utf8_put(buf, SFN_UTF8_REPLACEMENT);
		}
	}
	return buf->status;
}

size_t sfn_utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		enum sfn_utf8_error err;
		uint32_t cp;
		size_t len;

		if ((unsigned char) s[i] < 0x80) {
			i++;
			continue;
		}
		len = sfn_utf8_decode(s + i, n - i, &cp, &err);
		if (err != SFN_UTF8_OK)
			return i;
		i += len;
	}
	return n;
}

int sfn_utf8_valid(const char *s, size_t n)
{
	return sfn_utf8_valid_prefix(s, n) == n;
}

/* Continuation bytes (10xxxxxx) among the eight of W: each one's top bit
 * set and the next bit clear, the flags summed by one multiplication. */
static size_t conts8(uint64_t w)
{
	uint64_t flags = (w & ~(w << 1)) & 0x8080808080808080u;

	return (size_t) (((flags >> 7) * 0x0101010101010101u) >> 56);
}

/* Eight bytes at a time: the columns of every position the JSON reader
 * reports are counted here, over long one-line documents too. */
size_t sfn_utf8_count(const char *s, size_t n)
{
	size_t count = n, i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		count -= conts8(w);
	}
	for (; i < n; i++)
		count -= is_cont((unsigned char) s[i]);
	return count;
}

size_t sfn_utf8_utf16_len(const char *s, size_t n)
{
	size_t units = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char) s[i];

		if (!is_cont(b))
			units += b >= 0xf0 ? 2
			                   : 1; /* a four-byte lead: a pair */
	}
	return units;
}

size_t sfn_utf8_skip(const char *s, size_t n, size_t k)
{
	size_t seen = 0;

	for (size_t i = 0; i < n; i++) {
		if (!is_cont((unsigned char) s[i]) && seen++ == k)
			return i;
	}
	return n;
}

int sfn_utf8_fit(const char *s, size_t max)
{
	size_t n = 0;

	while (n <= max && s[n] != '\0')
		n++;
	return (int) sfn_utf8_truncate(s, n, max);
}

size_t sfn_utf8_truncate(const char *s, size_t n, size_t max)
{
	size_t cut;

	if (n <= max)
		return n;
	cut = max;
	/* back up over at most three continuation bytes to the lead */
	while (cut > 0 && max - cut < SFN_UTF8_SEQ_MAX - 1 &&
	       is_cont((unsigned char) s[cut]))
		cut--;
	return is_cont((unsigned char) s[cut]) ? max : cut;
}
