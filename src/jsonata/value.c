/* JSONata values in the evaluation arena: constructors, arrays and
 * sequences, objects with ordered keys, deep equality and copies, and the
 * conversions from and to cJSON. Knows nothing of the syntax tree. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "jsonata/jsonata_int.h"

struct jn_val *Sfn_jn_new(struct jn_ctx *c, enum jn_kind kind)
{
	struct jn_val *v = sfn_arena_alloc(c->arena, sizeof(*v));

	if (v == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	v->kind = kind;
	return v;
}

struct jn_val *Sfn_jn_num(struct jn_ctx *c, double n)
{
	struct jn_val *v = Sfn_jn_new(c, JN_NUM);

	if (v != NULL)
		v->u.n = n;
	return v;
}

struct jn_val *Sfn_jn_bool(struct jn_ctx *c, int b)
{
	struct jn_val *v = Sfn_jn_new(c, JN_BOOL);

	if (v != NULL)
		v->u.b = b != 0;
	return v;
}

struct jn_val *Sfn_jn_null(struct jn_ctx *c)
{
	return Sfn_jn_new(c, JN_NULL);
}

struct jn_val *Sfn_jn_strn(struct jn_ctx *c, const char *s, size_t len)
{
	struct jn_val *v = Sfn_jn_new(c, JN_STR);
	char *copy;

	if (v == NULL)
		return NULL;
	copy = sfn_arena_alloc(c->arena, len + 1);
	if (copy == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	memcpy(copy, s, len);
	v->u.str.s = copy;
	v->u.str.len = len;
	return v;
}

struct jn_val *Sfn_jn_str(struct jn_ctx *c, const char *s)
{
	return Sfn_jn_strn(c, s, strlen(s));
}

struct jn_val *Sfn_jn_arr(struct jn_ctx *c)
{
	return Sfn_jn_new(c, JN_ARR);
}

struct jn_val *Sfn_jn_seq(struct jn_ctx *c)
{
	struct jn_val *v = Sfn_jn_new(c, JN_ARR);

	if (v != NULL)
		v->flags = JN_SEQ;
	return v;
}

struct jn_val *Sfn_jn_obj(struct jn_ctx *c)
{
	return Sfn_jn_new(c, JN_OBJ);
}

int Sfn_jn_grow(struct jn_ctx *c, void **v, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return 0;
	ncap = *cap == 0 ? 4 : *cap * 2;
	nv = sfn_arena_alloc(c->arena, ncap * size);
	if (nv == NULL)
		return Sfn_jn_nomem(c);
	if (n > 0)
		memcpy(nv, *v, n * size);
	*v = nv;
	*cap = ncap;
	return 0;
}

int Sfn_jn_push(struct jn_ctx *c, struct jn_val *a, struct jn_val *v)
{
	void *p = a->u.arr.v;

	if (Sfn_jn_grow(c, &p, a->u.arr.n, &a->u.arr.cap,
	                sizeof(*a->u.arr.v)) != 0)
		return -1;
	a->u.arr.v = p;
	a->u.arr.v[a->u.arr.n++] = v;
	return 0;
}

static struct jn_member *member(const struct jn_val *o, const char *key)
{
	for (size_t i = 0; i < o->u.obj.n; i++) {
		if (strcmp(o->u.obj.m[i].key, key) == 0)
			return &o->u.obj.m[i];
	}
	return NULL;
}

int Sfn_jn_set(struct jn_ctx *c, struct jn_val *o, const char *key,
               struct jn_val *v)
{
	struct jn_member *m = member(o, key);
	void *p = o->u.obj.m;

	if (m != NULL) {
		m->val = v;
		return 0;
	}
	if (Sfn_jn_grow(c, &p, o->u.obj.n, &o->u.obj.cap, sizeof(*m)) != 0)
		return -1;
	o->u.obj.m = p;
	o->u.obj.m[o->u.obj.n].key = key;
	o->u.obj.m[o->u.obj.n++].val = v;
	return 0;
}

struct jn_val *Sfn_jn_get(const struct jn_val *o, const char *key)
{
	struct jn_member *m = Sfn_jn_is_obj(o) ? member(o, key) : NULL;

	return m != NULL ? m->val : NULL;
}

int Sfn_jn_del(struct jn_val *o, const char *key)
{
	struct jn_member *m = member(o, key);
	size_t i;

	if (m == NULL)
		return 0;
	i = (size_t) (m - o->u.obj.m);
	memmove(m, m + 1, (o->u.obj.n - i - 1) * sizeof(*m));
	o->u.obj.n--;
	return 1;
}

int Sfn_jn_is_arr(const struct jn_val *v)
{
	return v != NULL && v->kind == JN_ARR;
}

int Sfn_jn_is_num(const struct jn_val *v)
{
	return v != NULL && v->kind == JN_NUM;
}

int Sfn_jn_is_str(const struct jn_val *v)
{
	return v != NULL && v->kind == JN_STR;
}

int Sfn_jn_is_fn(const struct jn_val *v)
{
	return v != NULL && v->kind == JN_FN;
}

int Sfn_jn_is_obj(const struct jn_val *v)
{
	return v != NULL && v->kind == JN_OBJ;
}

static int equal_obj(const struct jn_val *a, const struct jn_val *b)
{
	if (a->u.obj.n != b->u.obj.n)
		return 0;
	for (size_t i = 0; i < a->u.obj.n; i++) {
		struct jn_member *m = member(b, a->u.obj.m[i].key);

		if (m == NULL || !Sfn_jn_equal(a->u.obj.m[i].val, m->val))
			return 0;
	}
	return 1;
}

int Sfn_jn_equal(const struct jn_val *a, const struct jn_val *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case JN_NULL:
		return 1;
	case JN_BOOL:
		return a->u.b == b->u.b;
	case JN_NUM:
		return a->u.n == b->u.n;
	case JN_STR:
		return a->u.str.len == b->u.str.len &&
		       memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
	case JN_ARR:
		if (a->u.arr.n != b->u.arr.n)
			return 0;
		for (size_t i = 0; i < a->u.arr.n; i++) {
			if (!Sfn_jn_equal(a->u.arr.v[i], b->u.arr.v[i]))
				return 0;
		}
		return 1;
	case JN_OBJ:
		return equal_obj(a, b);
	case JN_FN:
		return a == b;
	}
	return 0;
}

/* Whether member E of an object is read under P; *SUB what is read of
 * it. */
static int member_kept(const cJSON *e, const struct jn_proj *p,
                       const struct jn_proj **sub)
{
	const char *key = e->string != NULL ? e->string : "";
	int keep;

	*sub = Sfn_jn_proj_member(p, key, strlen(key), &keep);
	return keep;
}

/* An array or object of the input with room for exactly the members P
 * reads. */
static struct jn_val *container_of(struct jn_ctx *c, const cJSON *j,
                                   const struct jn_proj *p)
{
	struct jn_val *v = Sfn_jn_new(c, cJSON_IsArray(j) ? JN_ARR : JN_OBJ);
	const struct jn_proj *sub;
	size_t n = 0, size;
	void *room;

	for (const cJSON *e = j->child; e != NULL; e = e->next)
		n += cJSON_IsArray(j) || member_kept(e, p, &sub);
	if (v == NULL || n == 0)
		return v;
	size = v->kind == JN_ARR ? sizeof(*v->u.arr.v) : sizeof(*v->u.obj.m);
	room = n <= SIZE_MAX / size ? sfn_arena_alloc(c->arena, n * size)
	                            : NULL;
	if (room == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	if (v->kind == JN_ARR) {
		v->u.arr.v = room;
		v->u.arr.cap = n;
	} else {
		v->u.obj.m = room;
		v->u.obj.cap = n;
	}
	return v;
}

/* Values of the input borrow its strings: the input outlives the call
 * and strings are never changed in place. */
struct jn_val *Sfn_jn_from_cjson_some(struct jn_ctx *c, const cJSON *j,
                                      const struct jn_proj *p)
{
	const struct jn_proj *sub = p;
	struct jn_val *v;

	if (cJSON_IsNumber(j))
		return Sfn_jn_num(c, j->valuedouble);
	if (cJSON_IsString(j)) {
		v = Sfn_jn_new(c, JN_STR);
		if (v != NULL) {
			v->u.str.s = j->valuestring;
			v->u.str.len = strlen(j->valuestring);
		}
		return v;
	}
	if (cJSON_IsBool(j))
		return Sfn_jn_bool(c, cJSON_IsTrue(j));
	if (!cJSON_IsArray(j) && !cJSON_IsObject(j))
		return Sfn_jn_null(c);
	v = container_of(c, j, p);
	for (const cJSON *e = j->child; v != NULL && e != NULL; e = e->next) {
		struct jn_val *m;

		if (v->kind == JN_OBJ && !member_kept(e, p, &sub))
			continue;
		m = Sfn_jn_from_cjson_some(c, e, sub);
		if (m == NULL)
			return NULL;
		if (v->kind == JN_ARR)
			v->u.arr.v[v->u.arr.n++] = m;
		else if (Sfn_jn_set(c, v, e->string ? e->string : "", m) != 0)
			return NULL;
	}
	return v;
}

struct jn_val *Sfn_jn_from_cjson(struct jn_ctx *c, const cJSON *j)
{
	return Sfn_jn_from_cjson_some(c, j, NULL);
}

static cJSON *to_cjson(const struct jn_val *v);

/* Adds E to the array J, or to the object J as KEY; E is deleted when it
 * cannot be (adding to an object copies the key, which may fail). */
static int add_to(cJSON *j, const char *key, cJSON *e)
{
	int added = key == NULL ? cJSON_AddItemToArray(j, e)
	                        : cJSON_AddItemToObject(j, key, e);

	if (!added)
		cJSON_Delete(e);
	return added;
}

static cJSON *container_to_cjson(const struct jn_val *v)
{
	cJSON *j =
	        v->kind == JN_ARR ? cJSON_CreateArray() : cJSON_CreateObject();
	size_t n = v->kind == JN_ARR ? v->u.arr.n : v->u.obj.n;

	for (size_t i = 0; j != NULL && i < n; i++) {
		const struct jn_val *m =
		        v->kind == JN_ARR ? v->u.arr.v[i] : v->u.obj.m[i].val;
		cJSON *e;

		if (m == NULL)
			continue; /* JSON has no undefined: the member goes */
		e = to_cjson(m);
		if (e == NULL ||
		    !add_to(j, v->kind == JN_ARR ? NULL : v->u.obj.m[i].key,
		            e)) {
			cJSON_Delete(j);
			return NULL;
		}
	}
	return j;
}

static cJSON *to_cjson(const struct jn_val *v)
{
	switch (v->kind) {
	case JN_NULL:
		return cJSON_CreateNull();
	case JN_BOOL:
		return cJSON_CreateBool(v->u.b);
	case JN_NUM:
		return cJSON_CreateNumber(v->u.n == 0 ? 0.0 : v->u.n);
	case JN_STR:
		return cJSON_CreateString(v->u.str.s);
	case JN_FN:
		return cJSON_CreateString("");
	default:
		return container_to_cjson(v);
	}
}

int Sfn_jn_to_cjson(struct jn_ctx *c, const struct jn_val *v, cJSON **out)
{
	*out = NULL;
	if (v == NULL)
		return 0;
	*out = to_cjson(v);
	return *out == NULL ? Sfn_jn_nomem(c) : 0;
}

void Sfn_jn_set_table(struct jn_val *v, void *room, size_t n)
{
	if (v->kind == JN_ARR) {
		v->u.arr.v = room;
		v->u.arr.n = v->u.arr.cap = n;
	} else {
		v->u.obj.m = room;
		v->u.obj.n = v->u.obj.cap = n;
	}
}

struct jn_val *Sfn_jn_shallow(struct jn_ctx *c, const struct jn_val *v)
{
	int arr = v->kind == JN_ARR;
	size_t n = arr ? v->u.arr.n : v->u.obj.n;
	size_t size = arr ? sizeof(*v->u.arr.v) : sizeof(*v->u.obj.m);
	struct jn_val *r = Sfn_jn_new(c, v->kind);
	void *room;

	if (r == NULL)
		return NULL;
	r->flags = v->flags;
	if (n == 0)
		return r;
	room = sfn_arena_alloc_raw(c->arena,
	                           n * size); /* n * size: in memory */
	if (room == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	memcpy(room, arr ? (void *) v->u.arr.v : (void *) v->u.obj.m, n * size);
	Sfn_jn_set_table(r, room, n);
	return r;
}

/* A deep copy with arrays and member tables of their exact size: the
 * keys are distinct already, so members are copied, not looked up. */
struct jn_val *Sfn_jn_copy(struct jn_ctx *c, const struct jn_val *v)
{
	int arr = v != NULL && v->kind == JN_ARR;
	size_t n;
	struct jn_val *r;

	if (v == NULL || (v->kind != JN_ARR && v->kind != JN_OBJ))
		return (struct jn_val *) v;
	r = Sfn_jn_shallow(c, v);
	if (r == NULL)
		return NULL;
	n = arr ? r->u.arr.n : r->u.obj.n;
	for (size_t i = 0; i < n; i++) {
		struct jn_val **slot =
		        arr ? &r->u.arr.v[i] : &r->u.obj.m[i].val;

		if (*slot == NULL)
			continue;
		*slot = Sfn_jn_copy(c, *slot);
		if (*slot == NULL)
			return NULL;
	}
	return r;
}

struct jn_val *Sfn_jn_seq_of(struct jn_ctx *c, struct jn_val *v)
{
	struct jn_val *s = Sfn_jn_seq(c);

	if (s != NULL && Sfn_jn_push(c, s, v) != 0)
		return NULL;
	return s;
}

int Sfn_jn_append_flat(struct jn_ctx *c, struct jn_val *a, struct jn_val *v)
{
	if (v == NULL)
		return 0;
	if (v->kind != JN_ARR)
		return Sfn_jn_push(c, a, v);
	for (size_t i = 0; i < v->u.arr.n; i++) {
		if (Sfn_jn_push(c, a, v->u.arr.v[i]) != 0)
			return -1;
	}
	return 0;
}

struct jn_val *Sfn_jn_append(struct jn_ctx *c, struct jn_val *a,
                             struct jn_val *b)
{
	struct jn_val *r;

	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	r = Sfn_jn_arr(c);
	if (r == NULL || Sfn_jn_append_flat(c, r, a) != 0 ||
	    Sfn_jn_append_flat(c, r, b) != 0)
		return NULL;
	return r;
}

struct jn_val *Sfn_jn_collapse(struct jn_val *v)
{
	if (v == NULL || v->kind != JN_ARR || !(v->flags & JN_SEQ) ||
	    (v->flags & JN_TUPLE))
		return v;
	if (v->u.arr.n == 0)
		return NULL;
	if (v->u.arr.n == 1 && !(v->flags & JN_KEEP))
		return v->u.arr.v[0];
	return v;
}

int Sfn_jn_truthy(const struct jn_val *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case JN_NULL:
		return 0;
	case JN_BOOL:
		return v->u.b;
	case JN_NUM:
		return v->u.n != 0;
	case JN_STR:
		return v->u.str.len > 0;
	case JN_OBJ:
		return v->u.obj.n > 0;
	case JN_FN:
		return 0;
	case JN_ARR:
		if (v->u.arr.n == 1)
			return Sfn_jn_truthy(v->u.arr.v[0]);
		for (size_t i = 0; i < v->u.arr.n; i++) {
			if (Sfn_jn_truthy(v->u.arr.v[i]))
				return 1;
		}
		return 0;
	}
	return 0;
}

int Sfn_jn_take_text(struct jn_ctx *c, struct sfn_buf *b, struct jn_val **out)
{
	*out = NULL;
	if (b->status == SFN_OK)
		*out = Sfn_jn_strn(c, sfn_buf_str(b), b->len);
	sfn_buf_free(b);
	return *out == NULL ? Sfn_jn_nomem(c) : 0;
}

size_t Sfn_jn_utf8_put(unsigned long ch, char u[4])
{
	static const unsigned char lead[] = { 0, 0, 0xc0, 0xe0, 0xf0 };
	size_t n = ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;

	for (size_t i = n - 1; i > 0; i--) {
		u[i] = (char) (0x80 | (ch & 0x3f));
		ch >>= 6;
	}
	u[0] = (char) (lead[n] | ch);
	return n;
}
