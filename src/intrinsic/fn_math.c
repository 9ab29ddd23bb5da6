/* States.MathAdd, States.MathRandom and States.UUID, with the service's
 * Java arithmetic: Math.round for MathAdd, (int) truncation elsewhere and
 * java.util.Random for seeded MathRandom. Knows nothing of paths. */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "intrinsic/intrinsic_int.h"
#include "util/digest.h"

#define INT32_LO (-2147483648.0)
#define INT32_HI 2147483647.0

int Sfn_intr_trunc_int(const cJSON *v, int32_t *out)
{
	double d;

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return 0;
	d = trunc(v->valuedouble);
	if (d < INT32_LO || d > INT32_HI)
		return 0;
	*out = (int32_t) d;
	return 1;
}

int Sfn_intr_round_int(double d, int32_t *out)
{
	double r;

	if (!isfinite(d))
		return 0;
	r = floor(d);
	if (d - r >= 0.5)
		r += 1;
	if (r < INT32_LO || r > INT32_HI)
		return 0;
	*out = (int32_t) r;
	return 1;
}

/* States.MathAdd(a, b): both rounded, the sum within int32. */
enum sfn_status Sfn_intr_math_add(struct intr_ctx *c, cJSON **argv, size_t argc,
                                  cJSON **out)
{
	int32_t a, b;
	int64_t sum;

	(void) argc;
	if (!cJSON_IsNumber(argv[0]) || !cJSON_IsNumber(argv[1]) ||
	    !Sfn_intr_round_int(argv[0]->valuedouble, &a) ||
	    !Sfn_intr_round_int(argv[1]->valuedouble, &b))
		return Sfn_intr_invalid(c);
	sum = (int64_t) a + b;
	if (sum < INT32_MIN || sum > INT32_MAX)
		return Sfn_intr_invalid(c);
	*out = cJSON_CreateNumber((double) sum);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* ---- java.util.Random --------------------------------------------------- */

#define JR_MULT 0x5DEECE66DULL
#define JR_MASK ((1ULL << 48) - 1)

static int32_t jr_next(uint64_t *seed, int bits)
{
	*seed = (*seed * JR_MULT + 0xB) & JR_MASK;
	return (int32_t) (*seed >> (48 - bits));
}

/* Random.nextInt(bound) for bound > 0. */
static int32_t jr_next_int(uint64_t *seed, int32_t bound)
{
	int32_t r = jr_next(seed, 31), m = bound - 1;

	if ((bound & m) == 0)
		return (int32_t) (((int64_t) bound * r) >> 31);
	for (;;) {
		int32_t u = r;

		r = u % bound;
		if ((int64_t) u - r + m <= INT32_MAX)
			return r;
		r = jr_next(seed, 31);
	}
}

/* Java's (long) cast of a double: truncation, saturating. */
static int64_t to_long(double d)
{
	if (d >= 9223372036854775807.0)
		return INT64_MAX;
	if (d <= -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t) trunc(d);
}

static int seed_of(struct intr_ctx *c, cJSON **argv, size_t argc,
                   uint64_t *seed)
{
	unsigned char b[8];

	if (argc == 3) {
		if (!cJSON_IsNumber(argv[2]) || !isfinite(argv[2]->valuedouble))
			return 0;
		*seed = (uint64_t) to_long(argv[2]->valuedouble);
		return 1;
	}
	if (!Sfn_intr_random(c, b, sizeof(b)))
		return -1;
	*seed = 0;
	for (int i = 0; i < 8; i++)
		*seed = (*seed << 8) | b[i];
	return 1;
}

/* States.MathRandom(start, end[, seed]): start + nextInt(end - start) of
 * new Random(seed), bounds truncated; int arithmetic as in Java. */
enum sfn_status Sfn_intr_math_random(struct intr_ctx *c, cJSON **argv,
                                     size_t argc, cJSON **out)
{
	int32_t lo, hi, bound;
	uint64_t seed;
	int ok;

	if (!Sfn_intr_trunc_int(argv[0], &lo) ||
	    !Sfn_intr_trunc_int(argv[1], &hi))
		return Sfn_intr_invalid(c);
	bound = (int32_t) ((uint32_t) hi - (uint32_t) lo);
	ok = seed_of(c, argv, argc, &seed);
	if (ok < 0)
		return Sfn_intr_fail(c, "No random numbers could be generated");
	if (!ok || bound <= 0)
		return Sfn_intr_invalid(c);
	seed = (seed ^ JR_MULT) & JR_MASK;
	*out = cJSON_CreateNumber((double) lo + jr_next_int(&seed, bound));
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* States.UUID(): a version 4 UUID; the service ignores any arguments. */
enum sfn_status Sfn_intr_uuid(struct intr_ctx *c, cJSON **argv, size_t argc,
                              cJSON **out)
{
	unsigned char b[16];
	char text[37];

	(void) argv;
	(void) argc;
	if (!Sfn_intr_random(c, b, sizeof(b)))
		return Sfn_intr_fail(c, "No random numbers could be generated");
	Sfn_uuid4_text(b, text);
	*out = cJSON_CreateString(text);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}
