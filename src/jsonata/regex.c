/* JSONata's regular expressions (JavaScript syntax and semantics) on
 * PCRE2: compiling /pattern/flags, finding successive matches, match
 * objects with UTF-16 offsets, and a regex called as a function. Knows
 * nothing of the functions that use them. */
#include "config.h"

#include <string.h>

#include "jsonata/jsonata_int.h"
#include "sfn/utf8.h"
#include "util/pcre2_api.h"

#define REGEX_MATCH_LIMIT 10000000 /* backtracking steps of one match */

int Sfn_jn_regex_compile(struct jn_ctx *c, const char *pat, size_t len,
                         const char *flags, size_t pos, void **out)
{
	uint32_t opts = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX |
	                PCRE2_MATCH_UNSET_BACKREF;
	PCRE2_SIZE off;
	const char *why;
	int err;

	*out = NULL;
	if (Sfn_pcre2_load(&why) != SFN_OK)
		return Sfn_jn_fail(c, "D3208", pos, "%s", why);
	if (strchr(flags, 'i') != NULL)
		opts |= PCRE2_CASELESS;
	if (strchr(flags, 'm') != NULL)
		opts |= PCRE2_MULTILINE;
	*out = pcre2_compile((PCRE2_SPTR) pat, len, opts, &err, &off, NULL);
	if (*out == NULL)
		return Sfn_jn_fail(
		        c, "S0303", pos,
		        "Invalid regular expression: error %d at %zu", err,
		        (size_t) off);
	if (c->regexes != NULL) {
		struct jn_node *holder = Sfn_jn_node_new(c, N_REGEX, pos);

		if (holder == NULL) {
			pcre2_code_free(*out);
			*out = NULL;
			return -1;
		}
		holder->re = *out;
		c->pins++; /* freed when the evaluation ends */
		return Sfn_jn_list_push(c, c->regexes, holder);
	}
	return 0;
}

void Sfn_jn_regex_free(void *re)
{
	pcre2_code_free(re);
}

static int groups(struct jn_ctx *c, const char *s, PCRE2_SIZE *ov, int rc,
                  struct jn_val *m)
{
	struct jn_val *g = Sfn_jn_arr(c), *v;

	if (g == NULL || Sfn_jn_set(c, m, "groups", g) != 0)
		return -1;
	for (int i = 1; i < rc; i++) {
		v = NULL;
		if (ov[2 * i] != PCRE2_UNSET) {
			v = Sfn_jn_strn(c, s + ov[2 * i],
			                ov[2 * i + 1] - ov[2 * i]);
			if (v == NULL)
				return -1;
		}
		if (Sfn_jn_push(c, g, v) != 0)
			return -1;
	}
	return 0;
}

static int match_object(struct jn_ctx *c, const char *s, PCRE2_SIZE *ov, int rc,
                        struct jn_val **out)
{
	struct jn_val *m = Sfn_jn_obj(c);
	double start = (double) sfn_utf8_utf16_len(s, ov[0]);
	double end =
	        start + (double) sfn_utf8_utf16_len(s + ov[0], ov[1] - ov[0]);

	*out = m;
	if (m == NULL ||
	    Sfn_jn_set(c, m, "match",
	               Sfn_jn_strn(c, s + ov[0], ov[1] - ov[0])) ||
	    Sfn_jn_set(c, m, "start", Sfn_jn_num(c, start)) ||
	    Sfn_jn_set(c, m, "end", Sfn_jn_num(c, end)))
		return -1;
	return groups(c, s, ov, rc, m);
}

int Sfn_jn_regex_exec(struct jn_ctx *c, void *re, const char *s, size_t len,
                      size_t offset, struct jn_val **match, size_t *mstart,
                      size_t *mend)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	PCRE2_SIZE *ov;
	int rc = -1, n;

	*match = NULL;
	if (md == NULL || mc == NULL) {
		Sfn_jn_nomem(c);
		goto out;
	}
	pcre2_set_match_limit(mc, REGEX_MATCH_LIMIT);
	n = pcre2_match(re, (PCRE2_SPTR) s, len, offset, 0, md, mc);
	if (n == PCRE2_ERROR_NOMATCH || offset > len) {
		rc = 0;
		goto out;
	}
	if (n < 0) {
		c->limit = 1;
		Sfn_jn_fail(c, "U1001", 0,
		            "Regular expression match failed (%d)", n);
		goto out;
	}
	ov = pcre2_get_ovector_pointer(md);
	*mstart = ov[0];
	*mend = ov[1];
	rc = match_object(c, s, ov, n, match);
out:
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	return rc;
}

/* The byte offset of UTF-16 index U in S. */
size_t Sfn_jn_u16_to_byte(const char *s, size_t len, double u)
{
	size_t i = 0;
	double k = 0;

	while (i < len && k < u) {
		unsigned char b = (unsigned char) s[i];

		k += b >= 0xf0 ? 2 : 1;
		i++;
		while (i < len && ((unsigned char) s[i] & 0xc0) == 0x80)
			i++;
	}
	return i;
}

static int with_next(struct jn_ctx *c, struct jn_fn *fn, const char *s,
                     size_t len, size_t end, struct jn_val *m)
{
	struct jn_val *v = Sfn_jn_new(c, JN_FN);
	struct jn_fn *next = sfn_arena_alloc(c->arena, sizeof(*next));

	if (v == NULL || next == NULL)
		return Sfn_jn_nomem(c);
	*next = *fn;
	next->kind = JF_MATCH_NEXT;
	next->sig = NULL;
	next->subject = s;
	next->sublen = len;
	next->offset = end;
	v->u.fn = next;
	return Sfn_jn_set(c, m, "next", v);
}

int Sfn_jn_regex_call(struct jn_ctx *c, struct jn_fn *fn, struct jn_val **args,
                      size_t n, struct jn_val **out)
{
	const char *s = fn->subject;
	size_t len = fn->sublen, from = fn->offset, ms, me;

	*out = NULL;
	if (fn->kind == JF_REGEX) {
		if (n == 0 || !Sfn_jn_is_str(args[0]))
			return 0;
		s = args[0]->u.str.s;
		len = args[0]->u.str.len;
		from = n > 1 && Sfn_jn_is_num(args[1])
		               ? Sfn_jn_u16_to_byte(s, len, args[1]->u.n)
		               : 0;
	} else if (from >= len) {
		return 0;
	}
	if (Sfn_jn_regex_exec(c, fn->node->re, s, len, from, out, &ms, &me) !=
	    0)
		return -1;
	if (*out == NULL)
		return 0;
	if (fn->kind == JF_MATCH_NEXT && ms == me)
		return Sfn_jn_fail(
		        c, "D1004", fn->node->pos,
		        "Regular expression matches zero length string");
	return with_next(c, fn, s, len, me, *out);
}
