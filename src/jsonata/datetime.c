/* Date and time pictures of XPath F&O 3.1 (format-dateTime) for
 * $fromMillis: [Y0001]-[M01]-[D01] markers with presentation and width
 * modifiers, names, ordinals, ISO weeks and time zones (calendar
 * arithmetic from util's sfn_days_from_civil). Knows nothing of
 * evaluation beyond values. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonata/fn.h"
#include "jsonata/datetime.h"

#define ISO_PICTURE "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"
#define MARKER_MAX  64      /* characters inside one [marker] */
#define MAX_MILLIS  8.64e15 /* JavaScript's Date range either side of 1970 */

static void week_fields(long days, struct jn_when *w)
{
	long thursday = days + 4 - w->wday, y, m, d;

	sfn_civil_from_days(thursday, &y, &m, &d);
	w->iso_year = y;
	w->iso_week = (thursday - sfn_days_from_civil(y, 1, 1)) / 7 + 1;
	w->week_month = (d - 1) / 7 + 1;
	w->week_month_of = m;
}

void Sfn_jn_dt_when(double ms, struct jn_when *w)
{
	double days = floor(ms / 86400000.0);
	long rest = (long) (ms - days * 86400000.0);

	sfn_civil_from_days((long) days, &w->year, &w->month, &w->day);
	w->yday = (long) days - sfn_days_from_civil(w->year, 1, 1) + 1;
	w->wday = (((long) days % 7) + 7 + 3) % 7 + 1; /* 1970-01-01: Thu */
	w->hour = rest / 3600000;
	w->minute = rest / 60000 % 60;
	w->second = rest / 1000 % 60;
	w->milli = rest % 1000;
	week_fields((long) days, w);
}

/* The presentation a component takes when its marker names none, or
 * NULL for an unknown component. */
static const char *default_pres(char comp)
{
	static const struct {
		char comp;
		const char *pres;
	} table[] = { { 'Y', "1" },     { 'M', "1" },     { 'D', "1" },
		      { 'd', "1" },     { 'F', "n" },     { 'W', "1" },
		      { 'w', "1" },     { 'X', "1" },     { 'x', "1" },
		      { 'H', "1" },     { 'h', "1" },     { 'P', "n" },
		      { 'm', "01" },    { 's', "01" },    { 'f', "1" },
		      { 'Z', "01:01" }, { 'z', "01:01" }, { 'C', "n" },
		      { 'E', "n" } };

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (table[i].comp == comp)
			return table[i].pres;
	}
	return NULL;
}

static long width_of(const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '*'))
		return -1;
	return strtol(s, NULL, 10);
}

static void widths(const char *w, struct jn_marker *m)
{
	const char *dash = strchr(w, '-');

	m->wmin = width_of(w, dash ? (size_t) (dash - w) : strlen(w));
	m->wmax = dash ? width_of(dash + 1, strlen(dash + 1)) : -1;
}

static int int_picture(struct jn_ctx *c, const char *text, struct jn_marker *m,
                       size_t pos)
{
	unsigned long *cp;
	size_t n;

	if (Sfn_jn_codepoints(c, text, strlen(text), &cp, &n) != 0)
		return -1;
	if (Sfn_jn_pic_parse(cp, n, &m->ipic) != 0)
		return Sfn_jn_fail(c, "D3130", pos,
		                   "Unsupported integer picture in a date/time "
		                   "marker");
	m->has_ipic = 1;
	return 0;
}

static int presentation(struct jn_ctx *c, struct jn_marker *m, size_t pos)
{
	char pat[MARKER_MAX + 4];

	if (m->pres1[0] == 'n')
		m->names = 'n';
	else if (m->pres1[0] == 'N')
		m->names = m->pres1[1] == 'n' ? 'T' : 'N';
	else if (strchr("YMDdFWwXxHhmsf", m->component) != NULL) {
		snprintf(pat, sizeof(pat), "%s%s%c", m->pres1,
		         m->pres2 ? ";" : "", m->pres2);
		if (int_picture(c, pat, m, pos) != 0)
			return -1;
		if (m->wmin > 0 && m->ipic.mandatory < (size_t) m->wmin)
			m->ipic.mandatory = (size_t) m->wmin;
		m->n = -1;
		if (m->component == 'Y' && m->wmax > 0) {
			m->n = m->wmax;
			m->ipic.mandatory = (size_t) m->wmax;
		} else if (m->component == 'Y' &&
		           m->ipic.mandatory + m->ipic.optional >= 2) {
			m->n = (long) (m->ipic.mandatory + m->ipic.optional);
		}
	}
	if (m->component == 'Z' || m->component == 'z')
		return int_picture(c, m->pres1, m, pos);
	return 0;
}

/* One [marker] (its inside, without blanks). */
int Sfn_jn_dt_marker(struct jn_ctx *c, const char *s, struct jn_marker *m,
                     size_t pos)
{
	const char *comma = strrchr(s, ',');
	size_t plen = comma ? (size_t) (comma - s) - 1 : strlen(s) - 1;
	const char *def;

	memset(m, 0, sizeof(*m));
	m->component = s[0];
	m->wmin = m->wmax = -1;
	if (comma != NULL)
		widths(comma + 1, m);
	/* a width is a count of characters to write: bounded, or
	 * "[D,99999999999]" would print that many digits */
	if (m->wmin > SFN_JSONATA_MAX_WIDTH ||
	    m->wmax > SFN_JSONATA_MAX_WIDTH) {
		c->limit = 1;
		return Sfn_jn_fail(c, "U1003", pos,
		                   "A date/time width modifier is larger than "
		                   "%d",
		                   SFN_JSONATA_MAX_WIDTH);
	}
	if (plen >= MARKER_MAX)
		plen = MARKER_MAX - 1;
	memcpy(m->pres1, s + 1, plen);
	if (plen > 1 && strchr("atco", m->pres1[plen - 1]) != NULL) {
		m->pres2 = m->pres1[plen - 1];
		m->pres1[plen - 1] = '\0';
	}
	def = default_pres(m->component);
	if (def == NULL)
		return Sfn_jn_fail(
		        c, "D3132", pos,
		        "Unknown component specifier %c in date/time "
		        "picture string",
		        m->component);
	if (plen == 0)
		snprintf(m->pres1, sizeof(m->pres1), "%s", def);
	return presentation(c, m, pos);
}

const char *const Sfn_jn_dt_months[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};
const char *const Sfn_jn_dt_days[8] = { "",          "Monday",   "Tuesday",
	                                "Wednesday", "Thursday", "Friday",
	                                "Saturday",  "Sunday" };

long Sfn_jn_dt_field(const struct jn_when *w, char comp)
{
	switch (comp) {
	case 'Y':
		return w->year;
	case 'M':
		return w->month;
	case 'D':
		return w->day;
	case 'd':
		return w->yday;
	case 'F':
		return w->wday;
	case 'W':
		return w->iso_week;
	case 'w':
		return w->week_month;
	case 'X':
		return w->iso_year;
	case 'x':
		return w->week_month_of;
	case 'H':
		return w->hour;
	case 'h':
		return w->hour % 12 == 0 ? 12 : w->hour % 12;
	case 'm':
		return w->minute;
	case 's':
		return w->second;
	default:
		return w->milli;
	}
}

static void name_text(const struct jn_marker *m, const char *name,
                      struct sfn_buf *b)
{
	size_t n = strlen(name), from = b->len;

	if (m->wmax > 0 && n > (size_t) m->wmax)
		n = (size_t) m->wmax;
	sfn_buf_add(b, name, n);
	for (size_t i = from; i < b->len; i++) {
		char ch = b->data[i];

		if (m->names == 'n' && ch >= 'A' && ch <= 'Z')
			b->data[i] = (char) (ch + 32);
		if (m->names == 'N' && ch >= 'a' && ch <= 'z')
			b->data[i] = (char) (ch - 32);
	}
}

static int named(struct jn_ctx *c, const struct jn_marker *m, long v,
                 size_t pos, struct sfn_buf *b)
{
	if (m->component == 'M' || m->component == 'x')
		name_text(m, Sfn_jn_dt_months[(v - 1 + 12) % 12], b);
	else if (m->component == 'F')
		name_text(m, Sfn_jn_dt_days[v], b);
	else
		return Sfn_jn_fail(
		        c, "D3133", pos,
		        "The date/time picture string uses names for a "
		        "component that has none: %c",
		        m->component);
	return 0;
}

static int zone(struct jn_ctx *c, const struct jn_marker *m, long oh, long om,
                size_t pos, struct sfn_buf *b)
{
	long offset = oh * 100 + om;
	size_t digits = m->ipic.mandatory;

	if (m->component == 'z')
		sfn_buf_adds(b, "GMT");
	if (offset == 0 && m->pres2 == 't') {
		sfn_buf_addc(b, 'Z');
		return 0;
	}
	if (offset >= 0)
		sfn_buf_addc(b, '+');
	if (m->ipic.regular > 0) {
		Sfn_jn_pic_format((double) offset, &m->ipic, b);
	} else if (digits == 1 || digits == 2) {
		Sfn_jn_pic_format((double) oh, &m->ipic, b);
		if (om != 0)
			sfn_buf_printf(b, ":%02ld", labs(om));
	} else if (digits == 3 || digits == 4) {
		Sfn_jn_pic_format((double) offset, &m->ipic, b);
	} else {
		return Sfn_jn_fail(c, "D3134", pos,
		                   "The time zone picture has too many digits");
	}
	return 0;
}

static int component(struct jn_ctx *c, const struct jn_marker *m,
                     const struct jn_when *w, long oh, long om, size_t pos,
                     struct sfn_buf *b)
{
	long v;

	if (m->component == 'Z' || m->component == 'z')
		return zone(c, m, oh, om, pos, b);
	if (m->component == 'P') {
		sfn_buf_adds(b, m->names == 'N' ? (w->hour >= 12 ? "PM" : "AM")
		                : w->hour >= 12 ? "pm"
		                                : "am");
		return 0;
	}
	if (m->component == 'C' || m->component == 'E') {
		sfn_buf_adds(b, "ISO");
		return 0;
	}
	v = Sfn_jn_dt_field(w, m->component);
	/* a year keeps its last N digits; past 18 digits (10^18 is the
	 * largest power of ten a long holds) it keeps them all */
	if (m->component == 'Y' && m->n > 0 && m->n <= 18)
		v %= (long) pow(10, (double) m->n);
	if (m->names)
		return named(c, m, v, pos, b);
	Sfn_jn_pic_format((double) v, &m->ipic, b);
	return 0;
}

/* Copies the marker at P (after '[') without blanks into BUF; returns
 * the position of its ']' or NULL. */
const char *Sfn_jn_dt_marker_text(const char *p, char buf[MARKER_MAX])
{
	size_t k = 0;

	for (; *p != '\0' && *p != ']'; p++) {
		if (*p != ' ' && *p != '\t' && *p != '\n' && k + 1 < MARKER_MAX)
			buf[k++] = *p;
	}
	buf[k] = '\0';
	return *p == ']' ? p : NULL;
}

static int picture(struct jn_ctx *c, const char *pic, const struct jn_when *w,
                   long oh, long om, size_t pos, struct sfn_buf *b)
{
	char buf[MARKER_MAX];
	struct jn_marker m;

	for (const char *p = strchr(pic, '['); p != NULL;
	     p = strchr(p + 1, '[')) {
		if (p[1] == '[') {
			p++;
			continue;
		}
		if (Sfn_jn_dt_marker_text(p + 1, buf) == NULL)
			return Sfn_jn_fail(c, "D3135", pos,
			                   "No matching closing bracket ']' in "
			                   "date/time picture string");
	}

	for (const char *p = pic; *p != '\0'; p++) {
		if ((*p == '[' && p[1] == '[') || (*p == ']' && p[1] == ']')) {
			sfn_buf_addc(b, *p++);
			continue;
		}
		if (*p != '[') {
			sfn_buf_addc(b, *p);
			continue;
		}
		p = Sfn_jn_dt_marker_text(p + 1, buf);
		if (p == NULL)
			return Sfn_jn_fail(c, "D3135", pos,
			                   "No matching closing bracket ']' in "
			                   "date/time picture string");
		if (Sfn_jn_dt_marker(c, buf, &m, pos) != 0 ||
		    component(c, &m, w, oh, om, pos, b) != 0)
			return -1;
	}
	return 0;
}

int Sfn_jn_format_datetime(struct jn_ctx *c, double ms, const char *pic,
                           const char *tz, size_t pos, struct jn_val **out)
{
	long oh = 0, om = 0;
	struct jn_when w;
	struct sfn_buf b;
	int rc;

	if (!(fabs(ms) <= MAX_MILLIS))
		return Sfn_jn_fail(c, "D1001", pos,
		                   "Number out of range for a date: %g", ms);
	if (tz != NULL && strlen(tz) >= 5) {
		/* ±HHMM: three characters of hours, two of minutes, so
		 * no digits past them can overflow the offset. */
		char h[4] = { tz[0], tz[1], tz[2], 0 };
		char m[3] = { tz[3], tz[4], 0 };

		oh = strtol(h, NULL, 10);
		om = strtol(m, NULL, 10) * (tz[0] == '-' ? -1 : 1);
	}
	Sfn_jn_dt_when(ms + (double) (oh * 60 + om) * 60000.0, &w);
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	rc = picture(c, pic != NULL ? pic : ISO_PICTURE, &w, oh, om, pos, &b);
	*out = NULL;
	if (rc == 0 && b.status == SFN_OK)
		*out = Sfn_jn_strn(c, sfn_buf_str(&b), b.len);
	sfn_buf_free(&b);
	if (rc != 0)
		return -1;
	return *out == NULL ? Sfn_jn_nomem(c) : 0;
}
