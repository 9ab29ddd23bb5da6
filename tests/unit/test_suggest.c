/* "Did you mean": edit distances (swaps count one, case none), the
 * closeness threshold, and the length limit at and past its edge. */
#include "config.h"

#include <string.h>

#include "sfn/suggest.h"
#include "test.h"

static size_t dist(const char *a, const char *b)
{
	return sfn_suggest_distance(a, strlen(a), b, strlen(b));
}

static void distances(struct test_state *t)
{
	static const struct {
		const char *a, *b;
		size_t want;
	} cases[] = {
		{ "", "", 0 },
		{ "", "abc", 3 },
		{ "lint", "lint", 0 },
		{ "lnt", "lint", 1 },
		{ "Next", "next", 0 },
		{ "Fromat", "Format", 1 },
		{ "kitten", "sitting", 3 },
		{ "abc", "cba", 2 },
		{ "Secnd", "Second", 1 },
		{ "ca", "abc", 3 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(dist(cases[i].a, cases[i].b), cases[i].want);
}

static const char *closest(const char *name, const char *const *names)
{
	static struct sfn_suggest s;

	sfn_suggest_init(&s, name, strlen(name));
	for (size_t i = 0; names[i] != NULL; i++)
		sfn_suggest_add(&s, names[i]);
	return sfn_suggest_best(&s);
}

static void best(struct test_state *t)
{
	static const char *const cmds[] = { "lint", "jsonpath", "eval", "run",
		                            NULL };
	static const char *const types[] = { "Task", "Pass",     "Choice",
		                             "Map",  "Parallel", NULL };

	CHECK_STR(closest("lnt", cmds), "lint");
	CHECK_STR(closest("jsonpth", cmds), "jsonpath");
	CHECK_STR(closest("choice", types), "Choice");
	CHECK_STR(closest("Paralel", types), "Parallel");
	CHECK(closest("xyz", cmds) == NULL);
	CHECK(closest("lint", cmds) == NULL); /* itself: not a suggestion */
	/* one letter: only a case difference is close enough */
	CHECK(closest("P", types) == NULL);
	CHECK_STR(closest("MAP", types), "Map");
}

static void threshold(struct test_state *t)
{
	static const char *const one[] = { "abcdefghi", NULL };

	CHECK_STR(closest("abcdefxyz", one), "abcdefghi"); /* 3 of 9 */
	CHECK(closest("abcdwxyz", one) == NULL);           /* 4 of 8 */
}

static void limit(struct test_state *t)
{
	char a[SFN_SUGGEST_MAX_LENGTH + 2], b[SFN_SUGGEST_MAX_LENGTH + 2];
	const char *const names[] = { b, NULL };

	memset(a, 'a', sizeof(a) - 1);
	memset(b, 'a', sizeof(b) - 1);
	a[SFN_SUGGEST_MAX_LENGTH] = b[SFN_SUGGEST_MAX_LENGTH] = '\0';
	a[0] = 'b';
	CHECK_INT(dist(a, b), 1);
	CHECK_STR(closest(a, names), b);
	a[SFN_SUGGEST_MAX_LENGTH] = b[SFN_SUGGEST_MAX_LENGTH] = 'a';
	a[SFN_SUGGEST_MAX_LENGTH + 1] = b[SFN_SUGGEST_MAX_LENGTH + 1] = '\0';
	CHECK(dist(a, b) == (size_t) -1);
	CHECK(closest(a, names) == NULL);
}

const struct test sfn_tests_sugg[] = {
	{ "distances", distances },
	{ "best", best },
	{ "threshold", threshold },
	{ "limit", limit },
	{ NULL, NULL },
};
