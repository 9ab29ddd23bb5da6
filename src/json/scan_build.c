/* Builds a read-only cJSON tree from validated JSON text in an arena, for
 * filters to test array elements while streaming: bump allocation instead
 * of a malloc per node, and one release for the whole element. Trees made
 * here are never given to cJSON_Delete. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "sfn/json.h"

static cJSON *node(struct sfn_arena *a, int type)
{
	cJSON *n = sfn_arena_alloc(a, sizeof(*n));

	if (n != NULL)
		n->type = type;
	return n;
}

/* A string's decoded value in the arena (cut at a \u0000, as the reader
 * keeps it). */
static char *string(struct sfn_scan *sc, struct sfn_arena *a,
                    struct sfn_buf *tmp)
{
	const unsigned char *from = sc->p + 1, *q = from;

	q += Sfn_scan_plain_run(q, sc->end);
	while (q < sc->end && *q >= 0x80) /* UTF-8, already validated */
		q += 1 + Sfn_scan_plain_run(q + 1, sc->end);
	if (*q == '"') {
		sc->p = q + 1;
		return sfn_arena_strndup(a, (const char *) from,
		                         (size_t) (q - from));
	}
	Sfn_scan_string(sc, tmp);
	return sfn_arena_strdup(a, sfn_buf_str(tmp));
}

static cJSON *value(struct sfn_scan *sc, struct sfn_arena *a,
                    struct sfn_buf *tmp);

static cJSON *container(struct sfn_scan *sc, struct sfn_arena *a,
                        struct sfn_buf *tmp)
{
	int object = *sc->p == '{';
	cJSON *c = node(a, object ? cJSON_Object : cJSON_Array), *last = NULL;
	char *key = NULL;

	sc->p++;
	Sfn_scan_ws(sc);
	if (*sc->p == '}' || *sc->p == ']') {
		sc->p++;
		return c;
	}
	for (;;) {
		cJSON *v;

		if (object) {
			key = string(sc, a, tmp);
			Sfn_scan_ws(sc);
			sc->p++; /* ':' */
			Sfn_scan_ws(sc);
		}
		v = value(sc, a, tmp);
		if (c == NULL || v == NULL || (object && key == NULL))
			return NULL;
		v->string = key;
		sfn_json_append(c, &last, v);
		Sfn_scan_ws(sc);
		if (*sc->p++ != ',')
			return c;
		Sfn_scan_ws(sc);
	}
}

static cJSON *number(struct sfn_scan *sc, struct sfn_arena *a)
{
	const unsigned char *from = sc->p;
	cJSON *n = node(a, cJSON_Number);
	double d;

	sc->p = Sfn_scan_number_end(sc->p, sc->end);
	d = Sfn_scan_strtod(from, sc->p, sc->end);
	if (n != NULL) {
		n->valuedouble = d;
		n->valueint = d >= 2147483647.0    ? 2147483647
		              : d <= -2147483648.0 ? -2147483647 - 1
		                                   : (int) d;
	}
	return n;
}

static cJSON *value(struct sfn_scan *sc, struct sfn_arena *a,
                    struct sfn_buf *tmp)
{
	cJSON *n;

	switch (*sc->p) {
	case '{':
	case '[':
		return container(sc, a, tmp);
	case '"':
		n = node(a, cJSON_String);
		if (n != NULL)
			n->valuestring = string(sc, a, tmp);
		return n && n->valuestring ? n : NULL;
	case 't':
		sc->p += 4;
		return node(a, cJSON_True);
	case 'f':
		sc->p += 5;
		return node(a, cJSON_False);
	case 'n':
		sc->p += 4;
		return node(a, cJSON_NULL);
	default:
		return number(sc, a);
	}
}

const cJSON *Sfn_scan_build(struct sfn_scan *sc, struct sfn_arena *arena,
                            struct sfn_buf *tmp)
{
	return value(sc, arena, tmp);
}

static int wanted(const char *key, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, names[i]) == 0)
			return 1;
	return 0;
}

/* Whether the plain member name KEY[0, LEN) is one NAMES lists. */
static int wanted_at(const unsigned char *key, size_t len,
                     const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(key, names[i], len) == 0)
			return 1;
	return 0;
}

/* The member name at p, read past: *KEY is its decoded value in the
 * arena when NAMES lists it, else NULL (a name of plain bytes is
 * compared where it stands, never copied). 0 when out of memory. */
static int member_key(struct sfn_scan *sc, struct sfn_arena *a,
                      struct sfn_buf *tmp, const char *const *names, size_t n,
                      char **key)
{
	const unsigned char *from = sc->p + 1,
	                    *q = Sfn_scan_plain_string(sc->p, sc->end);

	*key = NULL;
	if (q != NULL) {
		sc->p = q;
		if (!wanted_at(from, (size_t) (q - from) - 1, names, n))
			return 1;
		*key = sfn_arena_strndup(a, (const char *) from,
		                         (size_t) (q - from) - 1);
		return *key != NULL;
	}
	*key = string(sc, a, tmp);
	if (*key == NULL)
		return 0;
	if (!wanted(*key, names, n))
		*key = NULL;
	return 1;
}

/* An object with only the members NAMES lists (the first of equal keys,
 * as lookups find them); other members are skipped unbuilt. */
static cJSON *some_members(struct sfn_scan *sc, struct sfn_arena *a,
                           struct sfn_buf *tmp, const char *const *names,
                           size_t n)
{
	cJSON *c = node(a, cJSON_Object), *last = NULL, *v;
	char *key;

	sc->p++;
	Sfn_scan_ws(sc);
	if (*sc->p == '}') {
		sc->p++;
		return c;
	}
	for (;;) {
		if (!member_key(sc, a, tmp, names, n, &key))
			return NULL;
		Sfn_scan_ws(sc);
		sc->p++; /* ':' */
		Sfn_scan_ws(sc);
		if (c == NULL)
			return NULL;
		if (key != NULL &&
		    cJSON_GetObjectItemCaseSensitive(c, key) == NULL) {
			v = value(sc, a, tmp);
			if (v == NULL)
				return NULL;
			v->string = key;
			sfn_json_append(c, &last, v);
		} else {
			Sfn_scan_skip_valid(sc);
		}
		Sfn_scan_ws(sc);
		if (*sc->p++ != ',')
			return c;
		Sfn_scan_ws(sc);
	}
}

const cJSON *Sfn_scan_build_some(struct sfn_scan *sc, struct sfn_arena *arena,
                                 struct sfn_buf *tmp, const char *const *names,
                                 size_t n)
{
	if (*sc->p != '{')
		return value(sc, arena, tmp);
	return some_members(sc, arena, tmp, names, n);
}
