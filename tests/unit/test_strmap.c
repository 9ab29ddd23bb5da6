/* String map: first value wins, growth and reserved room keep every
 * entry. */
#include "config.h"

#include <stdio.h>

#include "sfn/util.h"
#include "test.h"

static void put_get(struct test_state *t)
{
	struct sfn_strmap m;
	int a = 1, b = 2;
	void *old;

	sfn_strmap_init(&m);
	CHECK(sfn_strmap_get(&m, "x") == NULL);
	CHECK(sfn_strmap_put(&m, "x", &a, &old) == SFN_OK && old == NULL);
	CHECK(sfn_strmap_put(&m, "x", &b, &old) == SFN_OK && old == &a);
	CHECK(sfn_strmap_get(&m, "x") == &a);
	CHECK(sfn_strmap_get(&m, "y") == NULL);
	CHECK_INT(m.count, 1);
	sfn_strmap_free(&m);
}

/* Keys of every length from 1 to 24 (whole words, then a tail of 1 to 7
 * bytes read as one), each differing from the others by one byte at one
 * position: all kept apart and found. */
static void every_length(struct test_state *t)
{
	static char keys[24 * 24][32];
	struct sfn_strmap map;
	size_t n = 0;

	sfn_strmap_init(&map);
	for (size_t len = 1; len <= 24; len++) {
		for (size_t at = 0; at < len; at++, n++) {
			memset(keys[n], 'k', len);
			keys[n][len] = '\0';
			keys[n][at] = 'x';
			CHECK(sfn_strmap_put(&map, keys[n], keys[n], NULL) ==
			      SFN_OK);
		}
	}
	CHECK_INT(map.count, n);
	for (size_t i = 0; i < n; i++)
		CHECK(sfn_strmap_get(&map, keys[i]) == keys[i]);
	CHECK(sfn_strmap_get(&map, "kkkkk") == NULL);
	CHECK(sfn_strmap_get(&map, "") == NULL);
	sfn_strmap_free(&map);
}

static void many(struct test_state *t)
{
	static char keys[5000][8];
	struct sfn_strmap m;

	sfn_strmap_init(&m);
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		CHECK(sfn_strmap_put(&m, keys[i], keys[i], NULL) == SFN_OK);
	}
	CHECK_INT(m.count, 5000);
	for (int i = 0; i < 5000; i++)
		CHECK(sfn_strmap_get(&m, keys[i]) == keys[i]);
	CHECK(sfn_strmap_get(&m, "k5000") == NULL);
	sfn_strmap_free(&m);
}

/* Room made up front: adding that many keys rehashes nothing, and a map
 * that already holds keys keeps them when it is made larger. */
static void reserve(struct test_state *t)
{
	static char keys[3000][8];
	struct sfn_strmap m;
	size_t cap;

	sfn_strmap_init(&m);
	CHECK(sfn_strmap_put(&m, "first", keys, NULL) == SFN_OK);
	CHECK(sfn_strmap_reserve(&m, 3001) == SFN_OK);
	cap = m.cap;
	CHECK(cap * 3 >= 3001 * 4);
	for (int i = 0; i < 3000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		CHECK(sfn_strmap_put(&m, keys[i], keys[i], NULL) == SFN_OK);
	}
	CHECK_INT(m.cap, cap);
	CHECK(sfn_strmap_get(&m, "first") == keys);
	CHECK(sfn_strmap_get(&m, "k2999") == keys[2999]);
	CHECK(sfn_strmap_reserve(&m, 10) == SFN_OK); /* never shrinks */
	CHECK_INT(m.cap, cap);
	sfn_strmap_free(&m);
}

const struct test sfn_tests_strmap[] = {
	{ "put_get", put_get }, { "every_length", every_length },
	{ "many", many },       { "reserve", reserve },
	{ NULL, NULL },
};
