/* Emulation of java.util.HashSet/HashMap over JSON values: Java's
 * hashCode and equals for the values Jackson would hand over, and the
 * order a hash table iterates them in. ArrayUnique and JsonMerge order
 * their results this way because the service does; String.length too.
 * Knows no functions. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"

enum jclass {
	J_NULL,
	J_BOOL,
	J_INT,
	J_LONG,
	J_DOUBLE,
	J_STRING,
	J_LIST,
	J_MAP
};

/* Which Java class Jackson would give V: integral numbers are Integer or
 * Long by size, others Double. */
static enum jclass jclass(const cJSON *v)
{
	double d;

	if (cJSON_IsBool(v))
		return J_BOOL;
	if (cJSON_IsString(v))
		return J_STRING;
	if (cJSON_IsArray(v))
		return J_LIST;
	if (cJSON_IsObject(v))
		return J_MAP;
	if (!cJSON_IsNumber(v))
		return J_NULL;
	d = v->valuedouble;
	if (d != floor(d) || !isfinite(d))
		return J_DOUBLE;
	if (d >= -2147483648.0 && d <= 2147483647.0)
		return J_INT;
	return fabs(d) < 9223372036854775808.0 ? J_LONG : J_DOUBLE;
}

/* String.hashCode over UTF-16 code units. */
static uint32_t string_hash(const char *s)
{
	uint32_t h = 0, cp;
	size_t i = 0;

	while (s[i] != '\0') {
		i += sfn_utf8_next(s + i, &cp);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			h = 31 * h + (0xd800 + (cp >> 10));
			cp = 0xdc00 + (cp & 0x3ff);
		}
		h = 31 * h + cp;
	}
	return h;
}

static uint32_t long_hash(uint64_t bits)
{
	return (uint32_t) (bits ^ (bits >> 32));
}

static uint32_t number_hash(const cJSON *v, enum jclass k)
{
	double d = v->valuedouble;
	uint64_t bits;

	if (k == J_INT)
		return (uint32_t) (int32_t) d;
	if (k == J_LONG)
		return long_hash((uint64_t) (int64_t) d);
	if (d == 0)
		d = 0; /* Double.hashCode(-0.0) differs; JSON has no -0 */
	memcpy(&bits, &d, sizeof(bits));
	return long_hash(bits);
}

static uint32_t hash(const cJSON *v)
{
	enum jclass k = jclass(v);
	uint32_t h = k == J_LIST ? 1 : 0;

	switch (k) {
	case J_NULL:
		return 0;
	case J_BOOL:
		return cJSON_IsTrue(v) ? 1231 : 1237;
	case J_STRING:
		return string_hash(v->valuestring);
	case J_LIST:
		for (const cJSON *e = v->child; e != NULL; e = e->next)
			h = 31 * h + hash(e);
		return h;
	case J_MAP:
		for (const cJSON *e = v->child; e != NULL; e = e->next)
			h += string_hash(e->string ? e->string : "") ^ hash(e);
		return h;
	default:
		return number_hash(v, k);
	}
}

int32_t Sfn_intr_java_hash(const cJSON *v)
{
	return (int32_t) hash(v);
}

static int map_equal(const cJSON *a, const cJSON *b)
{
	if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
		return 0;
	for (const cJSON *e = a->child; e != NULL; e = e->next) {
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(b, e->string);

		if (o == NULL || !Sfn_intr_java_equal(e, o))
			return 0;
	}
	return 1;
}

static int list_equal(const cJSON *a, const cJSON *b)
{
	const cJSON *x = a->child, *y = b->child;

	for (; x != NULL && y != NULL; x = x->next, y = y->next) {
		if (!Sfn_intr_java_equal(x, y))
			return 0;
	}
	return x == NULL && y == NULL;
}

int Sfn_intr_java_equal(const cJSON *a, const cJSON *b)
{
	enum jclass k = jclass(a);

	if (k != jclass(b))
		return 0;
	switch (k) {
	case J_NULL:
		return 1;
	case J_BOOL:
		return cJSON_IsTrue(a) == cJSON_IsTrue(b);
	case J_STRING:
		return strcmp(a->valuestring, b->valuestring) == 0;
	case J_LIST:
		return list_equal(a, b);
	case J_MAP:
		return map_equal(a, b);
	default:
		return a->valuedouble == b->valuedouble;
	}
}

/* ---- the table ----------------------------------------------------------
 * Buckets hold indexes of distinct values in insertion order. A resize
 * keeps each bucket's relative order, as Java's split does, so iterating
 * buckets in index order after the last resize gives Java's order. Java
 * turns a bucket of more than eight entries into a tree once the table
 * has 64 slots; that changes the order of later insertions and is not
 * emulated. */

struct table {
	size_t cap, count;
	size_t *head, *tail; /* per bucket; (size_t)-1 when empty */
	size_t *next;        /* per value index */
	uint32_t *hashes;    /* per value index */
	int map;             /* compare member names, not values */
};

#define NONE         ((size_t) -1)
#define TREEIFY      8  /* Java's TREEIFY_THRESHOLD */
#define MIN_TREE_CAP 64 /* Java's MIN_TREEIFY_CAPACITY */

static size_t bucket(uint32_t h, size_t cap)
{
	return (h ^ (h >> 16)) & (cap - 1);
}

static void append(struct table *t, size_t i)
{
	size_t b = bucket(t->hashes[i], t->cap);

	t->next[i] = NONE;
	if (t->head[b] == NONE)
		t->head[b] = i;
	else
		t->next[t->tail[b]] = i;
	t->tail[b] = i;
}

static int set_cap(struct table *t, size_t cap)
{
	size_t *head = malloc(cap * sizeof(*head));
	size_t *tail = malloc(cap * sizeof(*tail));

	if (head == NULL || tail == NULL) {
		free(head);
		free(tail);
		return 0;
	}
	free(t->head);
	free(t->tail);
	t->head = head;
	t->tail = tail;
	t->cap = cap;
	for (size_t b = 0; b < cap; b++)
		head[b] = NONE;
	return 1;
}

static int resize(struct table *t, size_t *order)
{
	size_t n = 0, old = t->cap;
	size_t *head = t->head;

	for (size_t b = 0; b < old; b++) {
		for (size_t i = head[b]; i != NONE; i = t->next[i])
			order[n++] = i;
	}
	if (!set_cap(t, old * 2))
		return 0;
	for (size_t k = 0; k < n; k++)
		append(t, order[k]);
	return 1;
}

static int same(const struct table *t, const cJSON *a, const cJSON *b)
{
	if (t->map)
		return strcmp(a->string ? a->string : "",
		              b->string ? b->string : "") == 0;
	return Sfn_intr_java_equal(a, b);
}

/* Inserts value I unless an equal one is there; returns the new length
 * of its bucket, 0 for a duplicate. */
static size_t insert(struct table *t, cJSON *const *vals, size_t i)
{
	size_t b = bucket(t->hashes[i], t->cap), len = 1;

	for (size_t j = t->head[b]; j != NONE; j = t->next[j], len++) {
		if (t->hashes[j] == t->hashes[i] && same(t, vals[j], vals[i]))
			return 0;
	}
	append(t, i);
	t->count++;
	return len;
}

/* new HashSet<>(c) sizes for c.size()/.75f + 1, at least 16. */
static size_t initial_cap(size_t n, int map)
{
	size_t want = map ? 16 : (size_t) ((float) n / 0.75f) + 1, cap = 16;

	while (cap < want && cap < ((size_t) 1 << 30))
		cap *= 2;
	return cap;
}

static int fill(struct table *t, cJSON *const *vals, size_t n, size_t *order)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = insert(t, vals, i);

		if (len > TREEIFY && t->cap < MIN_TREE_CAP && !resize(t, order))
			return 0;
		if (len > 0 && t->count > t->cap / 4 * 3 && !resize(t, order))
			return 0;
	}
	return 1;
}

size_t Sfn_intr_hash_order(cJSON *const *vals, size_t n, int map, size_t *order)
{
	struct table t = { 0, 0, NULL, NULL, NULL, NULL, map };
	size_t count = NONE;

	t.next = malloc((n + 1) * sizeof(*t.next));
	t.hashes = malloc((n + 1) * sizeof(*t.hashes));
	if (t.next == NULL || t.hashes == NULL ||
	    !set_cap(&t, initial_cap(n, map)))
		goto fail;
	for (size_t i = 0; i < n; i++)
		t.hashes[i] =
		        map ? string_hash(vals[i]->string ? vals[i]->string
		                                          : "")
		            : hash(vals[i]);
	if (!fill(&t, vals, n, order))
		goto fail;
	count = 0;
	for (size_t b = 0; b < t.cap; b++) {
		for (size_t i = t.head[b]; i != NONE; i = t.next[i])
			order[count++] = i;
	}
fail:
	free(t.next);
	free(t.hashes);
	free(t.head);
	free(t.tail);
	return count;
}
