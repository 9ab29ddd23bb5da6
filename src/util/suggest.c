/* Edit distance (optimal string alignment: Levenshtein plus swaps of
 * adjacent characters) and the closest-candidate search built on it.
 * Knows nothing of what the names are. */
#include "config.h"

#include <string.h>

#include "sfn/suggest.h"

static unsigned char fold(char c)
{
	unsigned char u = (unsigned char) c;

	return u >= 'A' && u <= 'Z' ? (unsigned char) (u - 'A' + 'a') : u;
}

static size_t min3(size_t x, size_t y, size_t z)
{
	size_t m = x < y ? x : y;

	return m < z ? m : z;
}

/* Three rows: the one two back serves the swaps. */
size_t sfn_suggest_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t rows[3][SFN_SUGGEST_MAX_LENGTH + 1];
	size_t *back = rows[0], *prev = rows[1], *cur = rows[2], *t;

	if (la > SFN_SUGGEST_MAX_LENGTH || lb > SFN_SUGGEST_MAX_LENGTH)
		return (size_t) -1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
			              prev[j - 1] + cost);
			if (i > 1 && j > 1 &&
			    fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) &&
			    back[j - 2] + 1 < cur[j])
				cur[j] = back[j - 2] + 1;
		}
		t = back;
		back = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

void sfn_suggest_init(struct sfn_suggest *s, const char *name, size_t len)
{
	size_t max = (len + 1) / 3;

	s->name = name;
	s->len = len;
	s->max = max > 3 ? 3 : max;
	s->best = NULL;
	s->best_dist = (size_t) -1;
}

void sfn_suggest_add_as(struct sfn_suggest *s, const char *candidate,
                        size_t len, const char *shown)
{
	size_t d = sfn_suggest_distance(s->name, s->len, candidate, len);
	if (d > s->max || d >= s->best_dist)
		return;
	s->best = shown;
	s->best_dist = d;
}

void sfn_suggest_add(struct sfn_suggest *s, const char *candidate)
{
	size_t len = strlen(candidate);

	if (len != s->len || memcmp(candidate, s->name, len) != 0)
		sfn_suggest_add_as(s, candidate, len, candidate);
}

const char *sfn_suggest_best(const struct sfn_suggest *s)
{
	return s->best;
}
