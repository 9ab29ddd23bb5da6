/* String-keyed hash map with open addressing and linear probing. Keys are
 * borrowed, never copied or freed. */
#define _DEFAULT_SOURCE 1 /* mmap(MAP_ANONYMOUS) */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sfn/util.h"

struct sfn_strmap_slot {
	const char *key; /* NULL: empty slot */
	size_t hash;
	void *value;
};

void sfn_strmap_init(struct sfn_strmap *map)
{
	map->slots = NULL;
	map->cap = 0;
	map->count = 0;
}

static void free_slots(struct sfn_strmap_slot *slots, size_t cap);

void sfn_strmap_free(struct sfn_strmap *map)
{
	free_slots(map->slots, map->cap);
	sfn_strmap_init(map);
}

/* The N (1 to 7) bytes at S as a number: two loads that may overlap,
 * four bytes each, or the first, middle and last byte below four. */
static uint64_t tail_word(const char *s, size_t n)
{
	uint32_t lo, hi;

	if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		return ((uint64_t) hi << 32 | lo) ^ n;
	}
	return (uint64_t) (unsigned char) s[0] << 16 |
	       (uint64_t) (unsigned char) s[n / 2] << 8 |
	       (uint64_t) (unsigned char) s[n - 1] | (uint64_t) n << 24;
}

/* Eight bytes at a time, each word multiplied in and its high bits
 * folded down (the table indexes by the low ones), the tail as one more
 * word, then mixed once more: keys as long as an
 * intrinsic call's text cost a few steps, not one a byte. No adversary
 * is worth a keyed hash here. */
static size_t hash_str(const char *s)
{
	const uint64_t k = 0x9e3779b97f4a7c15u;
	uint64_t h = 14695981039346656037u, w;
	size_t n = strlen(s);

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, sizeof(w));
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	if (n > 0) { /* the last 1 to 7 bytes as one word: no loop */
		h = (h ^ tail_word(s, n)) * k;
		h ^= h >> 32;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	return (size_t) (h ^ (h >> 32));
}

static struct sfn_strmap_slot *find(const struct sfn_strmap *map,
                                    const char *key, size_t hash)
{
	size_t mask = map->cap - 1;

	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct sfn_strmap_slot *s = &map->slots[i];

		if (s->key == NULL ||
		    (s->hash == hash && strcmp(s->key, key) == 0))
			return s;
	}
}

/* Tables past SFN_HUGE_WORTH bytes are mapped on their own, at a huge
 * page boundary, and advised to be huge pages: their slots are touched
 * in hash order, so small pages fault one by one, and a table grown by
 * doubling faults in each size again. Mapped memory comes zeroed: no
 * memset. */
#define HUGE_TABLE (SFN_HUGE_WORTH + 1)
#define HUGE_PAGE  ((size_t) 2 << 20)

/* The bytes mapped for a table of BYTES (at least HUGE_TABLE). */
static size_t mapped_size(size_t bytes)
{
	return (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

/* CAP zeroed slots, or NULL. */
static struct sfn_strmap_slot *new_slots(size_t cap)
{
	size_t bytes, whole, head;
	unsigned char *p;

	if (cap > SIZE_MAX / sizeof(struct sfn_strmap_slot) / 2)
		return NULL;
	bytes = cap * sizeof(struct sfn_strmap_slot);
	if (bytes < HUGE_TABLE)
		return calloc(cap, sizeof(struct sfn_strmap_slot));
	whole = mapped_size(bytes);
	p = mmap(NULL, whole + HUGE_PAGE, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* keep the WHOLE bytes from the first huge page boundary */
	head = (HUGE_PAGE - (uintptr_t) p % HUGE_PAGE) % HUGE_PAGE;
	if (head > 0)
		munmap(p, head);
	if (HUGE_PAGE - head > 0)
		munmap(p + head + whole, HUGE_PAGE - head);
	sfn_advise_huge(p + head, whole);
	return (struct sfn_strmap_slot *) (void *) (p + head);
}

static void free_slots(struct sfn_strmap_slot *slots, size_t cap)
{
	size_t bytes = cap * sizeof(*slots);

	if (slots != NULL && bytes >= HUGE_TABLE)
		munmap(slots, mapped_size(bytes));
	else
		free(slots);
}

/* Rehashes into CAP slots (a power of two, more than count). */
static enum sfn_status resize(struct sfn_strmap *map, size_t cap)
{
	struct sfn_strmap old = *map;

	map->slots = new_slots(cap);
	if (map->slots == NULL) {
		*map = old;
		return SFN_ERR_NOMEM;
	}
	map->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].key != NULL)
			*find(map, old.slots[i].key, old.slots[i].hash) =
			        old.slots[i];
	}
	free_slots(old.slots, old.cap);
	return SFN_OK;
}

static enum sfn_status grow(struct sfn_strmap *map)
{
	return resize(map, map->cap ? map->cap * 2 : 16);
}

enum sfn_status sfn_strmap_reserve(struct sfn_strmap *map, size_t n)
{
	size_t cap = map->cap ? map->cap : 16;

	if (n > SIZE_MAX / 8)
		return SFN_ERR_NOMEM;
	while (n * 4 > cap * 3)
		cap *= 2;
	return cap == map->cap ? SFN_OK : resize(map, cap);
}

enum sfn_status sfn_strmap_put(struct sfn_strmap *map, const char *key,
                               void *value, void **existing)
{
	size_t hash = hash_str(key);
	struct sfn_strmap_slot *s;

	if (existing != NULL)
		*existing = NULL;
	if ((map->count + 1) * 4 > map->cap * 3 && grow(map) != SFN_OK)
		return SFN_ERR_NOMEM;
	s = find(map, key, hash);
	if (s->key != NULL) {
		if (existing != NULL)
			*existing = s->value;
		return SFN_OK;
	}
	s->key = key;
	s->hash = hash;
	s->value = value;
	map->count++;
	return SFN_OK;
}

enum sfn_status sfn_strmap_set(struct sfn_strmap *map, const char *key,
                               void *value)
{
	void *old;
	enum sfn_status st = sfn_strmap_put(map, key, value, &old);

	if (st == SFN_OK && old != NULL)
		find(map, key, hash_str(key))->value = value;
	return st;
}

void *sfn_strmap_get(const struct sfn_strmap *map, const char *key)
{
	struct sfn_strmap_slot *s;

	if (map->cap == 0)
		return NULL;
	s = find(map, key, hash_str(key));
	return s->key ? s->value : NULL;
}
