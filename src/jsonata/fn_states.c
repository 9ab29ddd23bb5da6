/* The functions Step Functions' dialect adds: $partition, $range, $hash,
 * $random with an optional seed, $uuid and $parse. Knows nothing of ASL:
 * the dialect is an evaluation option (include/sfn/jsonata.h). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsonata/fn.h"
#include "util/digest.h"
#include "util/random.h"

static int whole(double d)
{
	return isfinite(d) && d == floor(d);
}

/* $partition(array, size): consecutive chunks of SIZE members, the last
 * one shorter when they do not divide evenly. */
int Sfn_jn_fn_partition(JN_FN_ARGS)
{
	struct jn_val *arr = a[0], *r, *chunk = NULL;
	double size = a[1] != NULL ? a[1]->u.n : 0;
	size_t k;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (arr == NULL)
		return 0;
	if (!whole(size) || size < 1)
		return Sfn_jn_fail(c, "D3201", pos,
		                   "The chunk size of $partition must be a "
		                   "positive integer");
	k = size >= (double) arr->u.arr.n ? arr->u.arr.n : (size_t) size;
	r = Sfn_jn_arr(c);
	for (size_t i = 0; r != NULL && i < arr->u.arr.n; i++) {
		if (i % k == 0) {
			chunk = Sfn_jn_arr(c);
			if (chunk == NULL || Sfn_jn_push(c, r, chunk) != 0)
				return -1;
		}
		if (Sfn_jn_push(c, chunk, arr->u.arr.v[i]) != 0)
			return -1;
	}
	*out = r;
	return r == NULL ? -1 : 0;
}

/* $range(start, end, step): START, START + STEP, ... up to END
 * included; at most SFN_JSONATA_MAX_RANGE members. */
int Sfn_jn_fn_range(JN_FN_ARGS)
{
	double from = a[0]->u.n, to = a[1]->u.n, step = a[2]->u.n, count;
	struct jn_val *r;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (!whole(from) || !whole(to) || !whole(step) || step == 0)
		return Sfn_jn_fail(c, "D3202", pos,
		                   "The arguments of $range must be integers "
		                   "and its step other than zero");
	count = (to - from) / step < 0 ? 0 : floor((to - from) / step) + 1;
	if (count > SFN_JSONATA_MAX_RANGE)
		return Sfn_jn_fail(c, "D3203", pos,
		                   "$range would return more than %d members",
		                   SFN_JSONATA_MAX_RANGE);
	r = Sfn_jn_arr(c);
	for (double i = 0; r != NULL && i < count; i++) {
		struct jn_val *v = Sfn_jn_num(c, from + i * step);

		if (v == NULL || Sfn_jn_push(c, r, v) != 0)
			return -1;
	}
	*out = r;
	return r == NULL ? -1 : 0;
}

/* $hash(data, algorithm): the lowercase hex digest of DATA's UTF-8
 * bytes; ALGORITHM is MD5, SHA-1, SHA-256, SHA-384 or SHA-512. */
int Sfn_jn_fn_hash(JN_FN_ARGS)
{
	unsigned char d[SFN_DIGEST_MAX];
	char hex[2 * SFN_DIGEST_MAX + 1];
	unsigned int len = 0;
	const char *why = "";
	enum sfn_status st;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (a[1] == NULL || !Sfn_digest_known(a[1]->u.str.s))
		return Sfn_jn_fail(c, "D3204", pos,
		                   "The algorithm of $hash must be one of MD5, "
		                   "SHA-1, SHA-256, SHA-384, SHA-512");
	st = Sfn_digest(a[1]->u.str.s, a[0]->u.str.s, a[0]->u.str.len, d, &len,
	                &why);
	if (st == SFN_ERR_IO)
		return Sfn_jn_fail(c, "D3208", pos, "%s", why);
	if (st != SFN_OK)
		return Sfn_jn_nomem(c);
	for (unsigned int i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	hex[2 * len] = '\0';
	*out = Sfn_jn_str(c, hex);
	return *out == NULL ? -1 : 0;
}

static int random_bytes(struct jn_ctx *c, unsigned char *buf, size_t len,
                        size_t pos)
{
	const struct sfn_jsonata_opts *o = c->opts;
	int ok = o != NULL && o->random != NULL
	                 ? o->random(o->random_ctx, buf, len) == 1
	                 : Sfn_random_bytes(buf, len);

	if (!ok)
		return Sfn_jn_fail(c, "D3205", pos,
		                   "No random numbers could be generated");
	return 0;
}

/* java.util.Random's generator, so that one seed gives one number as
 * States.MathRandom's seeds do. */
#define JR_MULT 0x5DEECE66DULL
#define JR_MASK ((1ULL << 48) - 1)

static uint64_t jr_next(uint64_t *seed, int bits)
{
	*seed = (*seed * JR_MULT + 0xB) & JR_MASK;
	return *seed >> (48 - bits);
}

static double seeded(double seed)
{
	uint64_t s = ((uint64_t) (int64_t) seed ^ JR_MULT) & JR_MASK;
	uint64_t hi = jr_next(&s, 26), lo = jr_next(&s, 27);

	return (double) ((hi << 27) + lo) / 9007199254740992.0;
}

/* $random([seed]): a number in [0, 1); the same for the same seed. */
int Sfn_jn_fn_random_seeded(JN_FN_ARGS)
{
	unsigned char b[8];
	uint64_t bits = 0;

	(void) n, (void) in, (void) env;
	if (a[0] != NULL) {
		if (!whole(a[0]->u.n) || fabs(a[0]->u.n) > 9007199254740991.0)
			return Sfn_jn_fail(c, "D3206", pos,
			                   "The seed of $random must be an "
			                   "integer");
		*out = Sfn_jn_num(c, seeded(a[0]->u.n));
		return *out == NULL ? -1 : 0;
	}
	if (random_bytes(c, b, sizeof(b), pos) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(b); i++)
		bits = (bits << 8) | b[i];
	*out = Sfn_jn_num(c, (double) (bits >> 11) / 9007199254740992.0);
	return *out == NULL ? -1 : 0;
}

/* $uuid(): a version 4 UUID. */
int Sfn_jn_fn_uuid(JN_FN_ARGS)
{
	unsigned char b[16];
	char text[37];

	(void) a, (void) n, (void) in, (void) env;
	if (random_bytes(c, b, sizeof(b), pos) != 0)
		return -1;
	Sfn_uuid4_text(b, text);
	*out = Sfn_jn_str(c, text);
	return *out == NULL ? -1 : 0;
}

/* J as a value that outlives J: keys copied to the arena too (cJSON's
 * nesting limit bounds the recursion). */
static struct jn_val *own_copy(struct jn_ctx *c, const cJSON *j)
{
	struct jn_val *v;

	if (!cJSON_IsArray(j) && !cJSON_IsObject(j))
		return Sfn_jn_from_cjson(c, j);
	v = cJSON_IsArray(j) ? Sfn_jn_arr(c) : Sfn_jn_obj(c);
	for (const cJSON *e = j->child; v != NULL && e != NULL; e = e->next) {
		struct jn_val *m = own_copy(c, e);
		char *key;

		if (m == NULL)
			return NULL;
		if (v->kind == JN_ARR) {
			if (Sfn_jn_push(c, v, m) != 0)
				return NULL;
			continue;
		}
		key = sfn_arena_strndup(c->arena, e->string, strlen(e->string));
		if (key == NULL) {
			Sfn_jn_nomem(c);
			return NULL;
		}
		if (Sfn_jn_set(c, v, key, m) != 0)
			return NULL;
	}
	return v;
}

/* $parse(text): the JSON value TEXT holds (Step Functions' stand-in for
 * $eval). */
int Sfn_jn_fn_parse(JN_FN_ARGS)
{
	const char *end = NULL;
	cJSON *j;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	j = cJSON_ParseWithLengthOpts(a[0]->u.str.s, a[0]->u.str.len, &end, 0);
	if (j != NULL)
		while (end < a[0]->u.str.s + a[0]->u.str.len &&
		       strchr(" \t\r\n", *end) != NULL && *end != '\0')
			end++;
	if (j == NULL || end != a[0]->u.str.s + a[0]->u.str.len) {
		cJSON_Delete(j);
		return Sfn_jn_fail(c, "D3207", pos,
		                   "The argument of $parse is not JSON text");
	}
	*out = own_copy(c, j);
	cJSON_Delete(j);
	return *out == NULL ? -1 : 0;
}
