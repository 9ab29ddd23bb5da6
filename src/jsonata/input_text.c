/* The input of an evaluation read straight from JSON text in one pass:
 * the text is validated as it is read, by the rules of the JSON scanner
 * (src/json/scan.h, which accepts what the JSON reader accepts), and only
 * the members the expression reads (project.c) become values, with no
 * cJSON tree in between. Nothing made points into the text, so that the
 * pages of a mapped file already read may leave memory as reading goes on
 * (every DROP_STEP bytes), and all of them once the input is built.
 * Short strings, numbers, true, false and null met again are the value
 * made the first time (a cache of VALUE_CACHE slots): the engine never
 * changes a scalar once made, so the input's repeated categories, tags or
 * quantities take no memory of their own. Knows nothing of ASL. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "jsonata/jsonata_int.h"
#include "sfn/json.h"

#define KEY_CACHE     256  /* slots of the cache of keys made */
#define VALUE_CACHE   4096 /* slots of the cache of scalars made */
#define SHARED_STRING 32   /* bytes of the longest string shared */
#define DROP_STEP     ((size_t) 1 << 20) /* bytes read between drops */
/* Skipped containers nested at most this deep are passed member by
 * member, so that the pages of a large one leave memory as it is read;
 * deeper ones, mostly small parts of records, in one go (faster). */
#define SKIP_SPLIT_DEPTH 2

struct reader {
	struct jn_ctx *c;
	struct sfn_scan sc;
	const struct jn_text *in;    /* the text and whether it is mapped */
	const unsigned char *kept;   /* text before it may leave memory */
	int bad;                     /* the text is not JSON */
	struct sfn_buf tmp;          /* a decoded string with escapes */
	struct jn_member *stack;     /* members of open containers */
	size_t n, cap;               /* of STACK */
	const char *keys[KEY_CACHE]; /* keys made, by a hash */
	struct jn_val **made;     /* VALUE_CACHE scalars by a hash, or NULL */
	struct jn_val *consts[3]; /* true, false and null, once made */
};

static struct jn_val *value(struct reader *r, const struct jn_proj *p,
                            unsigned depth);

/* NULL for text that is not JSON. */
static void *not_json(struct reader *r)
{
	r->bad = 1;
	return NULL;
}

static int bad_text(struct reader *r)
{
	r->bad = 1;
	return -1;
}

/* The string at p, validated and decoded; *LEN its length. Printable
 * ASCII is taken from the text as it stands. NULL with R->bad set when it
 * is no string, else when memory ran out. */
static const char *string(struct reader *r, size_t *len)
{
	const unsigned char *from = r->sc.p + 1, *q = from;

	if (*r->sc.p != '"')
		return not_json(r);
	q += Sfn_scan_plain_run(q, r->sc.end);
	if (*q == '"') {
		r->sc.p = q + 1;
		*len = (size_t) (q - from);
		return (const char *) from;
	}
	if (!Sfn_scan_string(&r->sc, &r->tmp))
		return not_json(r);
	*len = strlen(sfn_buf_str(&r->tmp)); /* cut at a \u0000 */
	return r->tmp.status == SFN_OK ? sfn_buf_str(&r->tmp) : NULL;
}

/* A hash of S (LEN bytes) from its length and its first and last eight
 * bytes: cheap, and the caches compare what they find anyway. */
static size_t hash_bytes(const char *s, size_t len)
{
	uint64_t a = 0, b = 0;

	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	} else if (len > 0) {
		memcpy(&a, s, len);
	}
	a ^= b * UINT64_C(0x9e3779b97f4a7c15) ^ len;
	a ^= a >> 33; /* MurmurHash3's finalizer: every bit moves every other */
	a *= UINT64_C(0xff51afd7ed558ccd);
	a ^= a >> 33;
	a *= UINT64_C(0xc4ceb9fe1a85ec53);
	a ^= a >> 33;
	return (size_t) a;
}

/* The slot of the cache of scalars for hash H, or NULL without a
 * cache. */
static struct jn_val **made_slot(struct reader *r, size_t h)
{
	return r->made != NULL ? &r->made[h % VALUE_CACHE] : NULL;
}

/* *SLOT (NULL: no cache) becomes V, made anew; V is returned. */
static struct jn_val *remember(struct jn_val **slot, struct jn_val *v)
{
	if (slot != NULL && v != NULL)
		*slot = v;
	return v;
}

static struct jn_val *string_value(struct reader *r)
{
	size_t len;
	const char *s = string(r, &len);
	struct jn_val **slot = NULL;

	if (s == NULL) {
		if (!r->bad)
			Sfn_jn_nomem(r->c);
		return NULL;
	}
	if (len <= SHARED_STRING)
		slot = made_slot(r, hash_bytes(s, len));
	if (slot != NULL && *slot != NULL && (*slot)->kind == JN_STR &&
	    (*slot)->u.str.len == len && memcmp((*slot)->u.str.s, s, len) == 0)
		return *slot;
	return remember(slot, Sfn_jn_strn(r->c, s, len));
}

/* The pages of a mapped text before p leave memory, every DROP_STEP
 * bytes: nothing made points into them. */
static inline void drop_behind(struct reader *r)
{
	const unsigned char *start = (const unsigned char *) r->in->text;

	if (r->in->mapped && (size_t) (r->sc.p - r->kept) >= DROP_STEP) {
		sfn_file_drop(r->in->text, (size_t) (r->kept - start),
		              (size_t) (r->sc.p - start), r->in->mapped);
		r->kept = r->sc.p;
	}
}

/* KEY (LEN bytes) as a string in the arena: objects of one shape share
 * their keys, so a key met before is made once. */
static const char *key_of(struct reader *r, const char *key, size_t len)
{
	const char **slot = &r->keys[hash_bytes(key, len) % KEY_CACHE];

	if (*slot != NULL && strncmp(*slot, key, len) == 0 &&
	    (*slot)[len] == '\0')
		return *slot;
	*slot = sfn_arena_strndup(r->c->arena, key, len);
	return *slot;
}

/* Puts V on the stack of members (KEY NULL for an array element). */
static int push(struct reader *r, const char *key, struct jn_val *v)
{
	struct jn_member m = { key, v };

	if (sfn_vec_push(&r->stack, &r->n, &r->cap, &m, sizeof(m),
	                 SFN_VEC_UNCAPPED) != SFN_OK)
		return Sfn_jn_nomem(r->c);
	return 0;
}

/* Past the "key": of an object's member at p, validated. */
static int skip_key(struct reader *r)
{
	if (*r->sc.p != '"' || !Sfn_scan_string(&r->sc, NULL))
		return bad_text(r);
	Sfn_scan_ws(&r->sc);
	if (*r->sc.p++ != ':')
		return bad_text(r);
	Sfn_scan_ws(&r->sc);
	return 0;
}

static inline int skip(struct reader *r, unsigned depth);

/* The container at p passed member by member (see skip). */
static int skip_split(struct reader *r, unsigned depth)
{
	int object = *r->sc.p == '{';
	unsigned char close = object ? '}' : ']';

	if (depth >= SFN_JSON_MAX_DEPTH)
		return bad_text(r);
	r->sc.p++;
	Sfn_scan_ws(&r->sc);
	if (*r->sc.p == close) {
		r->sc.p++;
		return 0;
	}
	for (;;) {
		if ((object && skip_key(r) != 0) || skip(r, depth + 1) != 0)
			return -1;
		drop_behind(r);
		Sfn_scan_ws(&r->sc);
		if (*r->sc.p == close) {
			r->sc.p++;
			return 0;
		}
		if (*r->sc.p++ != ',')
			return bad_text(r);
		Sfn_scan_ws(&r->sc);
	}
}

/* Past the value at p, validated as Sfn_scan_skip validates it but with
 * nothing built; a container up to SKIP_SPLIT_DEPTH deep member by
 * member, so that the pages of a large one leave memory as it is read,
 * as those of one built do. */
static inline int skip(struct reader *r, unsigned depth)
{
	if ((*r->sc.p != '{' && *r->sc.p != '[') || depth > SKIP_SPLIT_DEPTH)
		return Sfn_scan_skip(&r->sc, depth) ? 0 : bad_text(r);
	return skip_split(r, depth);
}

/* One member "key": value of an object at p, onto the stack unless P
 * does not keep it (then only validated). */
static int member(struct reader *r, const struct jn_proj *p, unsigned depth)
{
	const struct jn_proj *k;
	struct jn_val *m;
	const char *key, *name;
	size_t len;
	int keep;

	key = string(r, &len);
	if (key == NULL)
		return r->bad ? -1 : Sfn_jn_nomem(r->c);
	Sfn_scan_ws(&r->sc);
	if (*r->sc.p++ != ':')
		return bad_text(r);
	Sfn_scan_ws(&r->sc);
	k = Sfn_jn_proj_member(p, key, len, &keep);
	if (!keep)
		return skip(r, depth + 1);
	name = key_of(r, key, len);
	if (name == NULL)
		return Sfn_jn_nomem(r->c);
	m = value(r, k, depth + 1);
	return m == NULL ? -1 : push(r, name, m);
}

/* V made of the members from FIRST on the stack, which it takes off:
 * arrays and member tables of their exact size. */
static struct jn_val *pop(struct reader *r, struct jn_val *v, size_t first)
{
	size_t n = r->n - first;
	struct jn_member *m = r->stack + first;

	r->n = first;
	if (v == NULL || n == 0)
		return v;
	if (v->kind == JN_OBJ) {
		v->u.obj.m = sfn_arena_alloc(r->c->arena, n * sizeof(*m));
		v->u.obj.cap = n;
		for (size_t i = 0; v->u.obj.m != NULL && i < n; i++) {
			if (Sfn_jn_set(r->c, v, m[i].key, m[i].val) != 0)
				return NULL; /* a repeated key: the last value
				              */
		}
		return v->u.obj.m != NULL ? v : NULL;
	}
	v->u.arr.v = sfn_arena_alloc(r->c->arena, n * sizeof(*v->u.arr.v));
	if (v->u.arr.v == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v->u.arr.v[i] = m[i].val;
	v->u.arr.n = v->u.arr.cap = n;
	return v;
}

/* The members or elements of the container at p, onto the stack, up to
 * and past its closing bracket. */
static int members(struct reader *r, const struct jn_proj *p, unsigned depth)
{
	int object = *r->sc.p == '{';
	unsigned char close = object ? '}' : ']';
	struct jn_val *m;

	r->sc.p++;
	Sfn_scan_ws(&r->sc);
	if (*r->sc.p == close) {
		r->sc.p++;
		return 0;
	}
	for (;;) {
		if (object && member(r, p, depth) != 0)
			return -1;
		if (!object && ((m = value(r, p, depth + 1)) == NULL ||
		                push(r, NULL, m) != 0))
			return -1;
		drop_behind(r);
		Sfn_scan_ws(&r->sc);
		if (*r->sc.p == close) {
			r->sc.p++;
			return 0;
		}
		if (*r->sc.p++ != ',')
			return bad_text(r);
		Sfn_scan_ws(&r->sc);
	}
}

/* The object or array at p, SFN_JSON_MAX_DEPTH deep at most as the JSON
 * reader reads it; members P does not keep are skipped. */
static struct jn_val *container(struct reader *r, const struct jn_proj *p,
                                unsigned depth)
{
	int object = *r->sc.p == '{';
	struct jn_val *v;
	size_t first = r->n;

	if (depth >= SFN_JSON_MAX_DEPTH)
		return not_json(r);
	v = object ? Sfn_jn_obj(r->c) : Sfn_jn_arr(r->c);
	if (v == NULL || members(r, p, depth) != 0)
		return NULL;
	v = pop(r, v, first);
	if (v == NULL)
		Sfn_jn_nomem(r->c);
	return v;
}

/* The number N, made once per slot of the cache: the same bits (-0 is
 * not 0) are the same value. */
static struct jn_val *number(struct reader *r, double n)
{
	unsigned char bits[sizeof(n)];
	struct jn_val **slot;

	memcpy(bits, &n, sizeof(n));
	slot = made_slot(r, hash_bytes((const char *) bits, sizeof(bits)));
	if (slot != NULL && *slot != NULL && (*slot)->kind == JN_NUM &&
	    memcmp(&(*slot)->u.n, bits, sizeof(bits)) == 0)
		return *slot;
	return remember(slot, Sfn_jn_num(r->c, n));
}

/* true (0), false (1) or null (2), made once. */
static struct jn_val *constant(struct reader *r, int which)
{
	struct jn_val **slot = &r->consts[which];

	if (*slot == NULL)
		*slot = which == 2 ? Sfn_jn_null(r->c)
		                   : Sfn_jn_bool(r->c, which == 0);
	return *slot;
}

/* A number, true, false or null at p, validated. */
static struct jn_val *scalar(struct reader *r)
{
	const unsigned char *at = r->sc.p;

	if (!Sfn_scan_scalar(&r->sc))
		return not_json(r);
	switch (*at) {
	case 't':
		return constant(r, 0);
	case 'f':
		return constant(r, 1);
	case 'n':
		return constant(r, 2);
	default:
		return number(r, strtod((const char *) at, NULL));
	}
}

static struct jn_val *value(struct reader *r, const struct jn_proj *p,
                            unsigned depth)
{
	switch (*r->sc.p) {
	case '{':
	case '[':
		return container(r, p, depth);
	case '"':
		return string_value(r);
	default:
		return scalar(r);
	}
}

int Sfn_jn_input_text(struct jn_ctx *c, const struct jn_text *in,
                      const struct jn_proj *p, struct jn_val **out)
{
	struct reader r = { c,    { 0 }, in, NULL,  0,    { 0 },
		            NULL, 0,     0,  { 0 }, NULL, { 0 } };
	const unsigned char *start = (const unsigned char *) in->text;

	*out = NULL;
	r.sc.p = r.kept = start;
	r.sc.end = start + in->len;
	sfn_buf_init(&r.tmp, in->len + 1);
	r.made = calloc(VALUE_CACHE, sizeof(*r.made)); /* NULL: no sharing */
	Sfn_scan_ws(&r.sc);
	*out = value(&r, p, 0);
	Sfn_scan_ws(&r.sc);
	sfn_buf_free(&r.tmp);
	free(r.stack);
	free(r.made);
	/* nothing made points into the text: none of it is needed now */
	sfn_file_drop(in->text, (size_t) (r.kept - start), in->len, in->mapped);
	if (r.bad || r.sc.error || (*out != NULL && r.sc.p != r.sc.end)) {
		*out = NULL;
		return Sfn_jn_fail(c, "", 0, "The input is not JSON");
	}
	return *out == NULL ? -1 : 0;
}
