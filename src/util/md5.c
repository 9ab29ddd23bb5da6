/* MD5 as RFC 1321 gives it (see md5.h for why not OpenSSL's). Knows
 * nothing of what is hashed. */
#include "config.h"

#include <string.h>

#include "util/md5.h"

/* floor(abs(sin(i + 1)) * 2^32) */
static const uint32_t K[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
	0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* The left rotations of each round's four steps. */
static const unsigned char S[4][4] = {
	{ 7, 12, 17, 22 },
	{ 5, 9, 14, 20 },
	{ 4, 11, 16, 23 },
	{ 6, 10, 15, 21 },
};

static uint32_t rotl(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

/* Step I's function of B, C, D and the word of the block it takes. */
static uint32_t mix(unsigned i, uint32_t b, uint32_t c, uint32_t d, unsigned *g)
{
	switch (i / 16) {
	case 0:
		*g = i;
		return (b & c) | (~b & d);
	case 1:
		*g = (5 * i + 1) % 16;
		return (d & b) | (~d & c);
	case 2:
		*g = (3 * i + 5) % 16;
		return b ^ c ^ d;
	default:
		*g = (7 * i) % 16;
		return c ^ (b | ~d);
	}
}

static void transform(uint32_t h[4], const unsigned char p[64])
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3];

	for (unsigned i = 0; i < 16; i++)
		w[i] = (uint32_t) p[4 * i] | (uint32_t) p[4 * i + 1] << 8 |
		       (uint32_t) p[4 * i + 2] << 16 |
		       (uint32_t) p[4 * i + 3] << 24;
	for (unsigned i = 0; i < 64; i++) {
		unsigned g;
		uint32_t f = mix(i, b, c, d, &g) + a + K[i] + w[g];

		a = d;
		d = c;
		c = b;
		b += rotl(f, S[i / 16][i % 4]);
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

void Sfn_md5_init(struct sfn_md5 *m)
{
	m->h[0] = 0x67452301;
	m->h[1] = 0xefcdab89;
	m->h[2] = 0x98badcfe;
	m->h[3] = 0x10325476;
	m->len = 0;
}

void Sfn_md5_update(struct sfn_md5 *m, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t used = (size_t) (m->len % 64);

	m->len += n;
	if (used > 0) {
		size_t take = n < 64 - used ? n : 64 - used;

		memcpy(m->block + used, p, take);
		p += take;
		n -= take;
		if (used + take < 64)
			return;
		transform(m->h, m->block);
	}
	for (; n >= 64; p += 64, n -= 64)
		transform(m->h, p);
	if (n > 0)
		memcpy(m->block, p, n);
}

enum sfn_status Sfn_md5_final(struct sfn_md5 *m, unsigned char out[SFN_MD5_LEN])
{
	static const unsigned char pad[64] = { 0x80 };
	uint64_t bits = m->len * 8;
	size_t used = (size_t) (m->len % 64);
	unsigned char tail[8];

	for (unsigned i = 0; i < 8; i++)
		tail[i] = (unsigned char) (bits >> (8 * i));
	Sfn_md5_update(m, pad, used < 56 ? 56 - used : 120 - used);
	Sfn_md5_update(m, tail, sizeof(tail));
	for (unsigned i = 0; i < 16; i++)
		out[i] = (unsigned char) (m->h[i / 4] >> (8 * (i % 4)));
	return SFN_OK;
}
