/* The encoding functions: States.Base64Encode, Base64Decode (as lenient
 * as the service's MIME decoder) and Hash through OpenSSL's EVP digests
 * (util/digest.h).
 * Inputs are limited to INTR_MAX_CHARS characters, counted as Java does
 * (UTF-16 units). Knows nothing of paths or of the other functions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"
#include "sfn/utf8.h"
#include "util/digest.h"

static int within_limit(const char *s)
{
	return sfn_utf8_utf16_len(s, strlen(s)) <= INTR_MAX_CHARS;
}

static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        "0123456789+/";

/* The N bytes at S in standard Base64 with padding into TEXT (room for
 * 4 * ((N + 2) / 3) + 1 characters). */
static void encode(const unsigned char *s, size_t n, char *text)
{
	for (; n > 0; s += 3, n -= n < 3 ? n : 3) {
		unsigned long v = (unsigned long) s[0] << 16;

		if (n > 1)
			v |= (unsigned long) s[1] << 8;
		if (n > 2)
			v |= s[2];
		*text++ = alphabet[v >> 18];
		*text++ = alphabet[(v >> 12) & 63];
		*text++ = n > 1 ? alphabet[(v >> 6) & 63] : '=';
		*text++ = n > 2 ? alphabet[v & 63] : '=';
	}
	*text = '\0';
}

/* States.Base64Encode(string): the UTF-8 bytes in standard Base64 with
 * padding and without line breaks. */
enum sfn_status Sfn_intr_base64_encode(struct intr_ctx *c, cJSON **argv,
                                       size_t argc, cJSON **out)
{
	const char *s;
	size_t n;
	char *text;

	(void) argc;
	if (!cJSON_IsString(argv[0]) || !within_limit(argv[0]->valuestring))
		return Sfn_intr_invalid(c);
	s = argv[0]->valuestring;
	n = strlen(s);
	text = malloc(4 * ((n + 2) / 3) + 1);
	if (text == NULL)
		return SFN_ERR_NOMEM;
	encode((const unsigned char *) s, n, text);
	*out = cJSON_CreateString(text);
	free(text);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* The 6-bit value of Base64 character CH, or -1 outside the alphabet. */
static int sextet(char ch)
{
	const char *p = ch != '\0' ? strchr(alphabet, ch) : NULL;

	return p != NULL ? (int) (p - alphabet) : -1;
}

/* Decodes S leniently into OUT: characters outside the alphabet are
 * skipped, decoding stops at the first '=', a final group of two or three
 * characters yields one or two bytes. Returns the byte count. */
static size_t decode(const char *s, unsigned char *out)
{
	unsigned long acc = 0;
	size_t n = 0, bits = 0;

	for (; *s != '\0' && *s != '='; s++) {
		int v = sextet(*s);

		if (v < 0)
			continue;
		acc = ((acc << 6) | (unsigned long) v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char) (acc >> bits);
		}
	}
	return n;
}

/* States.Base64Decode(string): the bytes read as UTF-8, invalid sequences
 * as U+FFFD; the string ends at a decoded NUL (cJSON strings cannot hold
 * one). */
enum sfn_status Sfn_intr_base64_decode(struct intr_ctx *c, cJSON **argv,
                                       size_t argc, cJSON **out)
{
	unsigned char *bytes;
	struct sfn_buf b;
	size_t n;

	(void) argc;
	if (!cJSON_IsString(argv[0]) || !within_limit(argv[0]->valuestring))
		return Sfn_intr_invalid(c);
	bytes = malloc(strlen(argv[0]->valuestring) + 1);
	if (bytes == NULL)
		return SFN_ERR_NOMEM;
	n = decode(argv[0]->valuestring, bytes);
	sfn_buf_init(&b, INTR_MAX_TEXT);
	sfn_utf8_put_clean(&b, (const char *) bytes,
	                   strnlen((char *) bytes, n));
	free(bytes);
	return Sfn_intr_take_string(c, &b, out);
}

int Sfn_intr_hash_known(const char *name)
{
	return Sfn_digest_known(name);
}

static enum sfn_status hex_digest(struct intr_ctx *c, const char *name,
                                  const char *data, cJSON **out)
{
	unsigned char d[SFN_DIGEST_MAX];
	unsigned int len = 0;
	const char *why = "";
	struct sfn_buf b;
	enum sfn_status st =
	        Sfn_digest(name, data, strlen(data), d, &len, &why);

	if (st == SFN_ERR_IO)
		return Sfn_intr_fail(c, "%s", why);
	if (st != SFN_OK)
		return Sfn_intr_fail(c, "The digest could not be computed");
	sfn_buf_init(&b, 2 * SFN_DIGEST_MAX + 1);
	for (unsigned int i = 0; i < len; i++)
		sfn_buf_printf(&b, "%02x", d[i]);
	return Sfn_intr_take_string(c, &b, out);
}

/* States.Hash(data, algorithm): the lowercase hex digest of the UTF-8
 * bytes. Data that is not a string is hashed as its toString() text,
 * since the service accepts it. */
enum sfn_status Sfn_intr_hash(struct intr_ctx *c, cJSON **argv, size_t argc,
                              cJSON **out)
{
	struct sfn_buf data;
	enum sfn_status st;

	(void) argc;
	if (!cJSON_IsString(argv[1]) || !Sfn_digest_known(argv[1]->valuestring))
		return Sfn_intr_invalid(c);
	sfn_buf_init(&data, INTR_MAX_TEXT);
	Sfn_intr_render_java(argv[0], &data);
	if (data.status == SFN_ERR_NOMEM)
		st = SFN_ERR_NOMEM;
	else if (data.status != SFN_OK || !within_limit(sfn_buf_str(&data)))
		st = Sfn_intr_invalid(c);
	else
		st = hex_digest(c, argv[1]->valuestring, sfn_buf_str(&data),
		                out);
	sfn_buf_free(&data);
	return st;
}
