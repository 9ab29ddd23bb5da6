/* Encoding built-ins: $base64encode, $base64decode and the four URL
 * functions with JavaScript's encodeURI(Component)/decodeURI(Component)
 * character sets. Knows nothing of ASL. */
#include "config.h"

#include <string.h>

#include "jsonata/fn.h"
#include "sfn/utf8.h"

static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Sfn_jn_fn_base64encode(JN_FN_ARGS)
{
	const unsigned char *s;
	struct sfn_buf b;
	size_t len;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	s = (const unsigned char *) a[0]->u.str.s;
	len = a[0]->u.str.len;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	for (size_t i = 0; i < len; i += 3) {
		unsigned long v = (unsigned long) s[i] << 16;

		v |= i + 1 < len ? (unsigned long) s[i + 1] << 8 : 0;
		v |= i + 2 < len ? s[i + 2] : 0;
		sfn_buf_addc(&b, b64[v >> 18]);
		sfn_buf_addc(&b, b64[(v >> 12) & 63]);
		sfn_buf_addc(&b, i + 1 < len ? b64[(v >> 6) & 63] : '=');
		sfn_buf_addc(&b, i + 2 < len ? b64[v & 63] : '=');
	}
	return Sfn_jn_take_text(c, &b, out);
}

/* The decoded bytes of B read as UTF-8, each broken sequence U+FFFD (as
 * Java's decoder reads them), so that no string holds bytes that are no
 * text. */
static int text_of_bytes(struct jn_ctx *c, struct sfn_buf *b,
                         struct jn_val **out)
{
	struct sfn_buf clean;

	if (b->status != SFN_OK || sfn_utf8_valid(b->data, b->len))
		return Sfn_jn_take_text(c, b, out);
	sfn_buf_init(&clean, c->max_memory);
	sfn_utf8_put_clean(&clean, b->data, b->len);
	sfn_buf_free(b);
	return Sfn_jn_take_text(c, &clean, out);
}

int Sfn_jn_fn_base64decode(JN_FN_ARGS)
{
	struct sfn_buf b;
	unsigned long v = 0;
	int bits = 0;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	for (size_t i = 0; i < a[0]->u.str.len; i++) {
		const char *p = a[0]->u.str.s[i] != '\0'
		                        ? strchr(b64, a[0]->u.str.s[i])
		                        : NULL;

		if (p == NULL)
			continue;
		v = (v << 6) | (unsigned long) (p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			sfn_buf_addc(&b, (char) ((v >> bits) & 0xff));
		}
	}
	return text_of_bytes(c, &b, out);
}

static int url_encode(struct jn_ctx *c, struct jn_val *s, const char *keep,
                      size_t pos, struct jn_val **out)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sfn_buf b;

	*out = NULL;
	if (s == NULL)
		return 0;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	for (size_t i = 0; i < s->u.str.len; i++) {
		unsigned char ch = (unsigned char) s->u.str.s[i];

		if (ch == 0xed && i + 1 < s->u.str.len &&
		    ((unsigned char) s->u.str.s[i + 1] & 0xe0) == 0xa0) {
			sfn_buf_free(&b);
			return Sfn_jn_fail(c, "D3140", pos,
			                   "Malformed URL passed to "
			                   "$encodeUrlComponent(): %s",
			                   s->u.str.s);
		}
		if ((ch < 0x80 && (ch >= 'a' && ch <= 'z')) ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    (ch != 0 && ch < 0x80 && strchr(keep, ch) != NULL)) {
			sfn_buf_addc(&b, (char) ch);
			continue;
		}
		sfn_buf_addc(&b, '%');
		sfn_buf_addc(&b, hex[ch >> 4]);
		sfn_buf_addc(&b, hex[ch & 15]);
	}
	return Sfn_jn_take_text(c, &b, out);
}

#define COMPONENT_KEEP "-_.!~*'()"
#define URI_KEEP       "-_.!~*'();/?:@&=+$,#"

int Sfn_jn_fn_encode_url_component(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	return url_encode(c, a[0], COMPONENT_KEEP, pos, out);
}

int Sfn_jn_fn_encode_url(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	return url_encode(c, a[0], URI_KEEP, pos, out);
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
		return (ch | 0x20) - 'a' + 10;
	return -1;
}

/* Whether the N bytes at P form one well-formed UTF-8 character. */
static int valid_utf8(const unsigned char *p, size_t n)
{
	size_t need = p[0] < 0x80             ? 1
	              : (p[0] & 0xe0) == 0xc0 ? 2
	              : (p[0] & 0xf0) == 0xe0 ? 3
	              : (p[0] & 0xf8) == 0xf0 ? 4
	                                      : 0;

	if (need == 0 || need != n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	}
	return 1;
}

static int url_decode(struct jn_ctx *c, struct jn_val *s, const char *keep,
                      size_t pos, struct jn_val **out)
{
	struct sfn_buf b;
	unsigned char seq[4];
	size_t k = 0, need = 0;

	*out = NULL;
	if (s == NULL)
		return 0;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	for (size_t i = 0; i < s->u.str.len; i++) {
		const char *p = s->u.str.s + i;
		int hi, lo;

		if (*p != '%') {
			if (k > 0)
				goto bad;
			sfn_buf_addc(&b, *p);
			continue;
		}
		if (i + 2 >= s->u.str.len + 0 || (hi = hexval(p[1])) < 0 ||
		    (lo = hexval(p[2])) < 0)
			goto bad;
		seq[k++] = (unsigned char) (hi * 16 + lo);
		i += 2;
		if (k == 1)
			need = seq[0] < 0x80             ? 1
			       : (seq[0] & 0xe0) == 0xc0 ? 2
			       : (seq[0] & 0xf0) == 0xe0 ? 3
			                                 : 4;
		if (k < need)
			continue;
		if (!valid_utf8(seq, k))
			goto bad;
		if (k == 1 && seq[0] != 0 && strchr(keep, seq[0]) != NULL)
			sfn_buf_add(&b, p, 3);
		else
			sfn_buf_add(&b, seq, k);
		k = 0;
	}
	if (k > 0)
		goto bad;
	return Sfn_jn_take_text(c, &b, out);
bad:
	sfn_buf_free(&b);
	return Sfn_jn_fail(c, "D3140", pos, "Malformed URL passed to function");
}

int Sfn_jn_fn_decode_url_component(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	return url_decode(c, a[0], "", pos, out);
}

int Sfn_jn_fn_decode_url(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	return url_decode(c, a[0], ";/?:@&=+$,#", pos, out);
}
