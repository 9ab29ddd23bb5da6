/* RFC 3339 timestamps as Choice rules and Wait states take them:
 * YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm), uppercase T and Z,
 * read into an instant. Knows nothing of JSON or of states. */
#include "config.h"

#include <string.h>

#include "sfn/choice.h"
#include "sfn/util.h"

/* N digits at S as a number, or -1. */
static long digits(const char *s, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static long month_days(long y, long m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30,
		                                31, 31, 30, 31, 30, 31 };

	return days[m - 1] + (m == 2 && leap(y));
}

/* ".fraction": at least one digit, nanoseconds from the first nine. */
static const char *fraction(const char *s, long *nanos)
{
	long scale = 100000000;
	const char *p = s + 1;

	*nanos = 0;
	if (s[0] != '.')
		return s;
	if (*p < '0' || *p > '9')
		return NULL;
	for (; *p >= '0' && *p <= '9'; p++, scale /= 10)
		*nanos += scale * (*p - '0');
	return p;
}

/* "Z" or "+hh:mm"/"-hh:mm" ending the text: the offset in seconds, or
 * 0 with *OK cleared. */
static long zone(const char *s, int *ok)
{
	long h, m;

	*ok = 0;
	if (s[0] == 'Z' && s[1] == '\0') {
		*ok = 1;
		return 0;
	}
	if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return 0;
	h = digits(s + 1, 2);
	m = digits(s + 4, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return 0;
	*ok = 1;
	return (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
}

int sfn_choice_timestamp(const char *s, struct sfn_instant *at)
{
	long y, mo, d, h, mi, sec, nanos, off;
	const char *p;
	int ok;

	if (s == NULL || strlen(s) < 20 || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return 0;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	sec = digits(s + 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return 0;
	p = fraction(s + 19, &nanos);
	if (p == NULL)
		return 0;
	off = zone(p, &ok);
	if (!ok)
		return 0;
	if (at != NULL) {
		at->seconds =
		        (long long) sfn_days_from_civil(y, mo, d) * 86400 +
		        h * 3600 + mi * 60 + sec - off;
		at->nanos = nanos;
	}
	return 1;
}
