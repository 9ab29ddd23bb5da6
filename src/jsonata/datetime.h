/* Date/time pictures (XPath F&O 3.1) shared by $fromMillis
 * (datetime.c) and $toMillis (datetime_parse.c). Private to
 * src/jsonata. */
#ifndef SFN_JSONATA_DATETIME_H
#define SFN_JSONATA_DATETIME_H

#include "jsonata/fn.h"
#include "jsonata/picture.h"

#define MARKER_MAX 64 /* characters inside one [marker] */

/* The fields of one instant. */
struct jn_when {
	long year, month, day, yday, wday; /* wday 1 Monday .. 7 Sunday */
	long hour, minute, second, milli;
	long iso_year, iso_week, week_month, week_month_of;
};

struct jn_marker {
	char component;
	char pres1[MARKER_MAX], pres2;
	int names;       /* 0 none, 'n' lower, 'N' upper, 'T' title */
	long wmin, wmax; /* -1 when not given */
	struct jn_ipic ipic;
	int has_ipic;
	long n; /* year digits kept, -1 all */
};

extern const char *const Sfn_jn_dt_months[12];
extern const char *const Sfn_jn_dt_days[8]; /* [1] Monday .. [7] Sunday */

/* The fields of the instant MS (milliseconds since 1970, UTC). */
void Sfn_jn_dt_when(double ms, struct jn_when *w);
/* The value of component COMP ('Y', 'M', ...) in W. */
long Sfn_jn_dt_field(const struct jn_when *w, char comp);
/* Copies the marker at P (after '[') without blanks into BUF; returns
 * the position of its ']' or NULL. */
const char *Sfn_jn_dt_marker_text(const char *p, char buf[MARKER_MAX]);
/* Analyses one marker's text S ("Y0001,2-4"); D3132/D3130 errors. */
int Sfn_jn_dt_marker(struct jn_ctx *c, const char *s, struct jn_marker *m,
                     size_t pos);

/* $toMillis(TEXT, PIC): *OUT the instant, or undefined when TEXT does
 * not match the picture. */
int Sfn_jn_parse_datetime(struct jn_ctx *c, struct jn_val *text,
                          struct jn_val *pic, size_t pos, struct jn_val **out);

#endif
