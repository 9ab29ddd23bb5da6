/* What the conformance runners share: where the shared material is, what
 * its absence means, the case count each suite must have, and the
 * committed verdict tables. Knows nothing of JSON, paths or ASL. */
#ifndef SFN_TESTS_SUITE_H
#define SFN_TESTS_SUITE_H

#include <stddef.h>

/* Cases in each suite of $SFN_SHARED/conformance. A runner that reads
 * another number fails: a truncated or changed copy must not pass. */
#define SUITE_JSON_CASES 318     /* json/test_parsing: .json files */
#define SUITE_CTS_CASES 703      /* jsonpath/cts.json "tests" */
#define SUITE_ASL_CASES 184      /* asl-lint/manifest.json "cases" */
#define SUITE_SIGV4_CASES 38     /* sigv4/: for the SigV4 runner to come */
#define SUITE_JSONATA_CASES 1686 /* jsonata/groups: for its runner */

/* The shared root: $SFN_SHARED, else "../shared". */
const char *suite_root(void);

/* Whether the shared root exists. Without it a runner reports its CASES
 * as skipped under NAME, or fails when CI=true (CI always has it). A root
 * that exists but lacks a suite is not "absent": the runner fails. */
int suite_root_present(void);
/* Prints the skip (or, under CI, FAIL) line; returns the exit status. */
int suite_absent(const char *name, size_t cases);

/* Compares the number of cases read from WHAT with the suite's; prints a
 * FAIL line under NAME and returns 0 when they differ. */
int suite_count(const char *name, const char *what, size_t got,
                size_t want);

/* ---- verdict tables -----------------------------------------------------
 * tests/conformance/verdicts/TABLE.tsv (or $SFN_VERDICTS/TABLE.tsv): one
 * row a case, "case<TAB>verdict<TAB>reason"; '#' lines are comments. The
 * table fixes sfnc's verdict where the suite leaves it open or where sfnc
 * departs from the suite; any change must be made in the table too. */

struct suite_row {
	const char *name;    /* the case, as the runner names it */
	const char *verdict; /* one of the table's allowed words */
	const char *reason;  /* why sfnc gives that verdict */
	int seen;            /* a case of the suite looked it up */
};

struct suite_table {
	char file[4096];        /* where it was read from */
	char *text;             /* the file, cut into the rows' strings */
	struct suite_row *rows; /* in file order */
	size_t count;
};

/* Reads TABLE.tsv; every verdict must be one of VERDICTS (NULL-ended).
 * Prints a FAIL line under NAME and returns 0 (T left empty) on a missing
 * or malformed table, a repeated case or an unknown verdict. */
int suite_table_load(struct suite_table *t, const char *table,
                     const char *const *verdicts, const char *name);
/* The row of CASE, marked seen; NULL when it has none. */
struct suite_row *suite_table_find(struct suite_table *t, const char *name);
/* Checks sfnc's verdict GOT on case NAME (reported as PREFIX/NAME)
 * against the table: prints "ok" or a FAIL line; returns 1 when they
 * agree. */
int suite_verdict(struct suite_table *t, const char *prefix,
                  const char *name, const char *got);
/* Prints a FAIL line for every row no case looked up; returns how many. */
size_t suite_table_unseen(const struct suite_table *t, const char *prefix);
void suite_table_free(struct suite_table *t);

#endif
