/* $toMillis with a date/time picture: the picture becomes one regular
 * expression with a group per marker (as the reference builds it), the
 * groups are read back as numbers, missing components are taken from
 * the current time or defaulted, and the date is assembled. Knows
 * nothing of ASL. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "jsonata/datetime.h"
#include "util/pcre2_api.h"

#define PARTS_MAX 32 /* markers in one picture */

struct part {
	struct jn_marker m;
};

struct parsed {
	double v[128]; /* by component letter */
	int set[128];
};

static void literal_regex(const char *s, size_t n, struct sfn_buf *b)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != 0 && strchr(".*+?^${}()|[]\\/-", s[i]) != NULL)
			sfn_buf_addc(b, '\\');
		sfn_buf_addc(b, s[i]);
	}
}

static void integer_regex(const struct jn_marker *m, struct sfn_buf *b)
{
	const struct jn_ipic *p = &m->ipic;
	long n = m->component == 'Y'
	                 ? m->n
	                 : (p->mandatory >= 2 ? (long) p->mandatory : 0);

	switch (p->kind) {
	case PIC_LETTERS:
		sfn_buf_adds(b, p->upper ? "[A-Z]+" : "[a-z]+");
		return;
	case PIC_ROMAN:
		sfn_buf_adds(b, p->upper ? "[MDCLXVI]+" : "[mdclxvi]+");
		return;
	case PIC_WORDS:
		Sfn_jn_pic_words_regex(b);
		return;
	default:
		break;
	}
	if (n > 0 && p->optional == 0)
		sfn_buf_printf(b, "[0-9]{%ld}", n);
	else if (n > 0)
		sfn_buf_printf(b, "[0-9]{%ld,%ld}", n - (long) p->optional, n);
	else
		sfn_buf_adds(b, "[0-9]+");
	if (p->ordinal)
		sfn_buf_adds(b, "(?:th|st|nd|rd)");
}

static int part_regex(struct jn_ctx *c, const struct jn_marker *m, size_t pos,
                      struct sfn_buf *b)
{
	if (m->component == 'Z' || m->component == 'z') {
		sfn_buf_adds(b, m->component == 'z' ? "GMT[-+][0-9]+"
		                                    : "[-+][0-9]+");
		if (m->ipic.ngroups > 0)
			sfn_buf_printf(b, "%c[0-9]+",
			               (char) m->ipic.group_ch[0]);
		return 0;
	}
	if (m->has_ipic && !m->names) {
		integer_regex(m, b);
		return 0;
	}
	if (strchr("MxFP", m->component) == NULL)
		return Sfn_jn_fail(
		        c, "D3133", pos,
		        "The date/time picture string uses names for a "
		        "component that has none: %c",
		        m->component);
	sfn_buf_adds(b, "[a-zA-Z]+");
	return 0;
}

/* The regular expression of picture PIC; its markers into PARTS. */
static int build(struct jn_ctx *c, const char *pic, struct part *parts,
                 size_t *nparts, size_t pos, struct sfn_buf *b)
{
	char buf[MARKER_MAX];
	const char *p = pic, *lit;

	*nparts = 0;
	sfn_buf_addc(b, '^');
	while (*p != '\0') {
		for (lit = p; *p != '\0' && (*p != '[' || p[1] == '['); p++) {
			if (*p == '[' || (*p == ']' && p[1] == ']'))
				p++;
		}
		literal_regex(lit, (size_t) (p - lit), b);
		if (*p == '\0')
			break;
		p = Sfn_jn_dt_marker_text(p + 1, buf);
		if (p == NULL)
			return Sfn_jn_fail(c, "D3135", pos,
			                   "No matching closing bracket ']' in "
			                   "date/time picture string");
		p++;
		if (*nparts == PARTS_MAX ||
		    Sfn_jn_dt_marker(c, buf, &parts[*nparts].m, pos) != 0)
			return *nparts == PARTS_MAX ? Sfn_jn_nomem(c) : -1;
		sfn_buf_addc(b, '(');
		if (part_regex(c, &parts[(*nparts)++].m, pos, b) != 0)
			return -1;
		sfn_buf_addc(b, ')');
	}
	sfn_buf_addc(b, '$');
	return 0;
}

static double name_value(const struct jn_marker *m, const char *s, size_t n)
{
	const char *const *names =
	        m->component == 'F' ? Sfn_jn_dt_days + 1 : Sfn_jn_dt_months;
	size_t count = m->component == 'F' ? 7 : 12;

	if (m->component == 'P')
		return n == 2 && (s[0] | 0x20) == 'p'   ? 1
		       : n == 2 && (s[0] | 0x20) == 'a' ? 0
		                                        : NAN;
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(names[i]);

		if (m->wmax > 0 && len > (size_t) m->wmax)
			len = (size_t) m->wmax;
		if (len == n && strncmp(names[i], s, n) == 0)
			return (double) i + 1;
	}
	return NAN;
}

static double zone_value(const char *s, size_t n, const struct jn_marker *m)
{
	double sign, h = 0, mi = 0;
	const char *end = s + n, *sep;

	if (m->component == 'z')
		s += 3;
	sign = *s == '-' ? -1 : 1;
	s++;
	sep = m->ipic.ngroups > 0
	              ? memchr(s, (int) m->ipic.group_ch[0], (size_t) (end - s))
	              : NULL;
	if (sep != NULL) {
		h = strtod(s, NULL);
		mi = strtod(sep + 1, NULL);
	} else if (end - s <= 2) {
		h = strtod(s, NULL);
	} else {
		char hh[8] = { 0 };

		memcpy(hh, s,
		       (size_t) (end - s - 2) < 7 ? (size_t) (end - s - 2) : 7);
		h = strtod(hh, NULL);
		mi = strtod(end - 2, NULL);
	}
	return sign * (h * 60 + mi);
}

static int value_of(struct jn_ctx *c, const struct jn_marker *m, const char *s,
                    size_t n, double *v)
{
	unsigned long *cp;
	size_t len;

	if (m->component == 'Z' || m->component == 'z') {
		*v = zone_value(s, n, m);
		return 0;
	}
	if (!m->has_ipic || m->names) {
		*v = name_value(m, s, n);
		return 0;
	}
	if (m->component == 'f' && m->ipic.kind == PIC_DECIMAL) {
		char ms[4] = "000"; /* a fraction: three digits kept */

		memcpy(ms, s, n < 3 ? n : 3);
		*v = strtod(ms, NULL);
		return 0;
	}
	if (Sfn_jn_codepoints(c, s, n, &cp, &len) != 0)
		return -1;
	*v = Sfn_jn_pic_read(cp, len, &m->ipic);
	return 0;
}

static int shift_mask(const struct parsed *p, const char *comps)
{
	int mask = 0;

	for (const char *k = comps; *k; k++)
		mask = (mask << 1) | p->set[(int) *k];
	return mask;
}

static int is_type(int type, int mask)
{
	return !(~type & mask) && (type & mask);
}

/* Fills the components COMPS lacks: from now before the first one
 * given, defaults after it; D3136 when a gap is followed by a given one. */
static int fill(struct jn_ctx *c, struct parsed *p, const char *comps,
                const struct jn_when *now, size_t pos)
{
	int start = 0, end = 0;

	for (const char *k = comps; *k; k++) {
		int i = (int) *k;

		if (p->set[i]) {
			start = 1;
			if (end)
				return Sfn_jn_fail(
				        c, "D3136", pos,
				        "The date/time picture string is "
				        "missing specifiers required to "
				        "parse the timestamp");
			continue;
		}
		if (start) {
			p->v[i] = strchr("MDd", *k) != NULL ? 1 : 0;
			end = 1;
		} else {
			p->v[i] = (double) Sfn_jn_dt_field(now, *k);
		}
		p->set[i] = 1;
	}
	return 0;
}

static int assemble(struct jn_ctx *c, struct parsed *p, size_t pos,
                    struct jn_val **out)
{
	struct jn_when now;
	struct timespec ts;
	int date = shift_mask(p, "YXMxWwdD"), time = shift_mask(p, "PHhmsf");
	int date_b = !is_type(161, date) && is_type(130, date);
	int date_c = is_type(84, date);
	int date_d = !date_c && is_type(72, date);
	int time_b = !is_type(23, time) && is_type(47, time);
	char comps[16];
	double days, ms;

	snprintf(comps, sizeof(comps), "%s%s",
	         date_b   ? "YD"
	         : date_c ? "XxwF"
	         : date_d ? "XWF"
	                  : "YMD",
	         time_b ? "Phmsf" : "Hmsf");
	clock_gettime(CLOCK_REALTIME, &ts);
	Sfn_jn_dt_when((double) ts.tv_sec * 1000.0, &now);
	if (fill(c, p, comps, &now, pos) != 0)
		return -1;
	if (date_c || date_d)
		return Sfn_jn_fail(c, "D3136", pos,
		                   "Week-based dates cannot be parsed");
	if (date_b)
		days = (double) sfn_days_from_civil((long) p->v['Y'], 1, 1) +
		       p->v['d'] - 1;
	else
		days = (double) sfn_days_from_civil((long) p->v['Y'],
		                                    (long) p->v['M'], 1) +
		       p->v['D'] - 1;
	if (time_b)
		p->v['H'] = (p->v['h'] == 12 ? 0 : p->v['h']) +
		            (p->v['P'] == 1 ? 12 : 0);
	ms = days * 86400000.0 +
	     ((p->v['H'] * 60 + p->v['m']) * 60 + p->v['s']) * 1000.0 +
	     p->v['f'];
	ms -= (p->set['Z'] ? p->v['Z'] : p->v['z']) * 60000.0;
	*out = Sfn_jn_num(c, ms);
	return *out == NULL ? -1 : 0;
}

static int read_groups(struct jn_ctx *c, const char *s, PCRE2_SIZE *ov,
                       const struct part *parts, size_t nparts,
                       struct parsed *p)
{
	for (size_t i = 0; i < nparts; i++) {
		const struct jn_marker *m = &parts[i].m;
		double v;

		if (m->component == 'C' || m->component == 'E')
			continue;
		if (value_of(c, m, s + ov[2 * (i + 1)],
		             ov[2 * (i + 1) + 1] - ov[2 * (i + 1)], &v) != 0)
			return -1;
		p->v[(int) m->component] = v;
		p->set[(int) m->component] = 1;
	}
	return 0;
}

static int match(struct jn_ctx *c, const char *pattern, struct jn_val *text,
                 const struct part *parts, size_t nparts, size_t pos,
                 struct jn_val **out)
{
	struct parsed p = { { 0 }, { 0 } };
	pcre2_match_data *md = NULL;
	pcre2_code *re;
	PCRE2_SIZE off;
	const char *why;
	int err, rc = -1, any = 0;

	*out = NULL;
	if (Sfn_pcre2_load(&why) != SFN_OK)
		return Sfn_jn_fail(c, "D3208", pos, "%s", why);
	re = pcre2_compile((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
	                   PCRE2_UTF | PCRE2_CASELESS, &err, &off, NULL);
	if (re == NULL)
		return Sfn_jn_fail(c, "D3136", pos,
		                   "Unusable date/time picture");
	md = pcre2_match_data_create_from_pattern(re, NULL);
	*out = NULL;
	if (md == NULL) {
		Sfn_jn_nomem(c);
	} else if (pcre2_match(re, (PCRE2_SPTR) text->u.str.s, text->u.str.len,
	                       0, 0, md, NULL) < 0) {
		rc = 0; /* no match: undefined */
	} else if (read_groups(c, text->u.str.s, pcre2_get_ovector_pointer(md),
	                       parts, nparts, &p) == 0) {
		for (size_t i = 0; i < 128; i++)
			any |= p.set[i];
		rc = any ? assemble(c, &p, pos, out) : 0;
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return rc;
}

int Sfn_jn_parse_datetime(struct jn_ctx *c, struct jn_val *text,
                          struct jn_val *pic, size_t pos, struct jn_val **out)
{
	struct part *parts =
	        sfn_arena_alloc(c->arena, PARTS_MAX * sizeof(*parts));
	struct sfn_buf b;
	size_t nparts;
	int rc;

	if (parts == NULL)
		return Sfn_jn_nomem(c);
	sfn_buf_init(&b, c->max_memory);
	rc = build(c, pic->u.str.s, parts, &nparts, pos, &b);
	if (rc == 0 && b.status != SFN_OK)
		rc = Sfn_jn_nomem(c);
	if (rc == 0)
		rc = match(c, sfn_buf_str(&b), text, parts, nparts, pos, out);
	sfn_buf_free(&b);
	return rc;
}
