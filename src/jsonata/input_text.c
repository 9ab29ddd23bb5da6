/* The input of an evaluation read straight from JSON text: the text is
 * validated by the JSON scanner (src/json/scan.h, which accepts what the
 * JSON reader accepts), then only the members the expression reads
 * (project.c) become values, with no cJSON tree in between. Knows nothing
 * of ASL. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "jsonata/jsonata_int.h"

#define KEY_CACHE 256 /* slots of the cache of keys made */

struct reader {
	struct jn_ctx *c;
	struct sfn_scan sc;
	struct sfn_buf tmp;          /* a decoded string with escapes */
	struct jn_member *stack;     /* members of open containers */
	size_t n, cap;               /* of STACK */
	const char *keys[KEY_CACHE]; /* keys made, by a hash */
};

static struct jn_val *value(struct reader *r, const struct jn_proj *p);

/* The string at p, decoded; *LEN its length. Plain strings are taken
 * from the text as they stand. */
static const char *string(struct reader *r, size_t *len)
{
	const unsigned char *from = r->sc.p + 1, *q = from;

	q += Sfn_scan_plain_run(q, r->sc.end);
	while (*q >= 0x80 && q < r->sc.end) /* UTF-8, already validated */
		q += 1 + Sfn_scan_plain_run(q + 1, r->sc.end);
	if (*q == '"') {
		r->sc.p = q + 1;
		*len = (size_t) (q - from);
		return (const char *) from;
	}
	Sfn_scan_string(&r->sc, &r->tmp);
	*len = strlen(sfn_buf_str(&r->tmp)); /* cut at a \u0000 */
	return r->tmp.status == SFN_OK ? sfn_buf_str(&r->tmp) : NULL;
}

static struct jn_val *string_value(struct reader *r)
{
	size_t len;
	const char *s = string(r, &len);

	if (s == NULL) {
		Sfn_jn_nomem(r->c);
		return NULL;
	}
	return Sfn_jn_strn(r->c, s, len);
}

/* KEY (LEN bytes) as a string in the arena: objects of one shape share
 * their keys, so a key met before is made once. */
static const char *key_of(struct reader *r, const char *key, size_t len)
{
	size_t h = len;
	const char **slot;

	for (size_t i = 0; i < len; i++)
		h = h * 31 + (unsigned char) key[i];
	slot = &r->keys[h % KEY_CACHE];
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

/* One member "key": value of an object at p, onto the stack unless P
 * does not keep it. */
static int member(struct reader *r, const struct jn_proj *p)
{
	const struct jn_proj *k;
	struct jn_val *m;
	const char *key, *name;
	size_t len;
	int keep;

	key = string(r, &len);
	if (key == NULL)
		return Sfn_jn_nomem(r->c);
	Sfn_scan_ws(&r->sc);
	r->sc.p++; /* ':' */
	Sfn_scan_ws(&r->sc);
	k = Sfn_jn_proj_member(p, key, len, &keep);
	if (!keep) {
		Sfn_scan_skip_valid(&r->sc);
		return 0;
	}
	name = key_of(r, key, len);
	if (name == NULL)
		return Sfn_jn_nomem(r->c);
	m = value(r, k);
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

/* The object or array at p; members P does not keep are skipped. */
static struct jn_val *container(struct reader *r, const struct jn_proj *p)
{
	int object = *r->sc.p == '{';
	struct jn_val *v = object ? Sfn_jn_obj(r->c) : Sfn_jn_arr(r->c), *m;
	size_t first = r->n;

	r->sc.p++;
	Sfn_scan_ws(&r->sc);
	if (*r->sc.p == '}' || *r->sc.p == ']') {
		r->sc.p++;
		return v;
	}
	while (v != NULL) {
		if (object && member(r, p) != 0)
			return NULL;
		if (!object &&
		    ((m = value(r, p)) == NULL || push(r, NULL, m) != 0))
			return NULL;
		Sfn_scan_ws(&r->sc);
		if (*r->sc.p++ != ',')
			break;
		Sfn_scan_ws(&r->sc);
	}
	v = pop(r, v, first);
	if (v == NULL)
		Sfn_jn_nomem(r->c);
	return v;
}

static struct jn_val *value(struct reader *r, const struct jn_proj *p)
{
	char *end;
	double d;

	switch (*r->sc.p) {
	case '{':
	case '[':
		return container(r, p);
	case '"':
		return string_value(r);
	case 't':
		r->sc.p += 4;
		return Sfn_jn_bool(r->c, 1);
	case 'f':
		r->sc.p += 5;
		return Sfn_jn_bool(r->c, 0);
	case 'n':
		r->sc.p += 4;
		return Sfn_jn_null(r->c);
	default:
		d = strtod((const char *) r->sc.p, &end);
		r->sc.p = (const unsigned char *) end;
		return Sfn_jn_num(r->c, d);
	}
}

int Sfn_jn_input_text(struct jn_ctx *c, const char *text, size_t len,
                      const struct jn_proj *p, struct jn_val **out)
{
	struct reader r = { c, { 0 }, { 0 }, NULL, 0, 0, { 0 } };
	const unsigned char *start = (const unsigned char *) text;

	*out = NULL;
	r.sc.p = start;
	r.sc.end = start + len;
	Sfn_scan_ws(&r.sc);
	if (Sfn_scan_skip(&r.sc, 0))
		Sfn_scan_ws(&r.sc);
	if (r.sc.error || r.sc.p != r.sc.end)
		return Sfn_jn_fail(c, "", 0, "The input is not JSON");
	r.sc.p = start;
	Sfn_scan_ws(&r.sc);
	sfn_buf_init(&r.tmp, len + 1);
	*out = value(&r, p);
	sfn_buf_free(&r.tmp);
	free(r.stack);
	return *out == NULL ? -1 : 0;
}
