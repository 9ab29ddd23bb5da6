/* util/calendar: days from 1970-01-01 and back, at the epoch, across
 * leap days and centuries, and far before and after. */
#include "config.h"

#include "sfn/util.h"
#include "test.h"

static const struct {
	long y, m, d, days;
} dates[] = {
	{ 1970, 1, 1, 0 },
	{ 1969, 12, 31, -1 },
	{ 2000, 2, 29, 11016 },
	{ 2000, 3, 1, 11017 },
	{ 1900, 3, 1, -25508 },
	{ 2016, 3, 14, 16874 },
	{ 1, 1, 1, -719162 },
	{ 9999, 12, 31, 2932896 },
	{ -271821, 4, 20, -100000000 },
};

static void round_trip(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		long y, m, d;

		CHECK_INT(
		        sfn_days_from_civil(dates[i].y, dates[i].m, dates[i].d),
		        dates[i].days);
		sfn_civil_from_days(dates[i].days, &y, &m, &d);
		CHECK_INT(y, dates[i].y);
		CHECK_INT(m, dates[i].m);
		CHECK_INT(d, dates[i].d);
	}
}

/* Every day of 400 years (one whole cycle) maps back to itself. */
static void every_day(struct test_state *t)
{
	long from = sfn_days_from_civil(1900, 1, 1);

	for (long z = from; z < from + 146097; z++) {
		long y, m, d;

		sfn_civil_from_days(z, &y, &m, &d);
		if (sfn_days_from_civil(y, m, d) != z) {
			CHECK_INT(sfn_days_from_civil(y, m, d), z);
			return;
		}
	}
}

const struct test sfn_tests_calendar[] = {
	{ "round_trip", round_trip },
	{ "every_day", every_day },
	{ NULL, NULL },
};
