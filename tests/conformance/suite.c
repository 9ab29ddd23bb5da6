/* What the conformance runners share: the shared root and the rule for
 * its absence, case counts, and the committed verdict tables (read from
 * tab-separated files). Knows nothing of what the suites test. */
#include "config.h"

#include "suite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sfn/util.h"

#define TABLE_MAX_BYTES ((size_t) 1 << 20) /* a verdict table's size cap */

const char *suite_root(void)
{
	const char *shared = getenv("SFN_SHARED");

	return shared != NULL && shared[0] != '\0' ? shared : "../shared";
}

int suite_root_present(void)
{
	struct stat st;

	return stat(suite_root(), &st) == 0 && S_ISDIR(st.st_mode);
}

static int under_ci(void)
{
	const char *ci = getenv("CI");

	return ci != NULL && strcmp(ci, "true") == 0;
}

int suite_absent(const char *name, size_t cases)
{
	if (under_ci()) {
		printf("FAIL %s: %s not found, and CI=true needs the shared "
		       "material (set SFN_SHARED)\n",
		       name, suite_root());
		return 1;
	}
	printf("skip %s: %s not found (%zu cases)\n", name, suite_root(),
	       cases);
	return 0;
}

int suite_count(const char *name, const char *what, size_t got, size_t want)
{
	if (got == want)
		return 1;
	if (got == 0)
		printf("FAIL %s: no cases in %s (an empty or unreadable "
		       "suite)\n",
		       name, what);
	else
		printf("FAIL %s: %zu cases in %s, the suite has %zu (a "
		       "truncated or changed copy)\n",
		       name, got, what, want);
	return 0;
}

static void table_path(struct suite_table *t, const char *table)
{
	const char *dir = getenv("SFN_VERDICTS");
	const char *src = getenv("SFN_SRCDIR");

	if (dir != NULL && dir[0] != '\0')
		snprintf(t->file, sizeof(t->file), "%s/%s.tsv", dir, table);
	else
		snprintf(t->file, sizeof(t->file),
		         "%s/tests/conformance/verdicts/%s.tsv",
		         src != NULL ? src : ".", table);
}

static int allowed(const char *verdict, const char *const *verdicts)
{
	for (; *verdicts != NULL; verdicts++)
		if (strcmp(*verdicts, verdict) == 0)
			return 1;
	return 0;
}

/* Cuts LINE (ended in place) into the three fields of ROW; 0 when it does
 * not have exactly three non-empty ones. */
static int split_row(char *line, struct suite_row *row)
{
	char *tab1 = strchr(line, '\t');
	char *tab2 = tab1 != NULL ? strchr(tab1 + 1, '\t') : NULL;

	if (tab2 == NULL || strchr(tab2 + 1, '\t') != NULL)
		return 0;
	*tab1 = '\0';
	*tab2 = '\0';
	row->name = line;
	row->verdict = tab1 + 1;
	row->reason = tab2 + 1;
	row->seen = 0;
	return line[0] != '\0' && row->verdict[0] != '\0' &&
	       row->reason[0] != '\0';
}

/* Checks ROW (on line LINENO) against the table so far; prints why not. */
static int row_fits(const struct suite_table *t, const struct suite_row *row,
                    size_t lineno, const char *const *verdicts,
                    const char *name)
{
	if (!allowed(row->verdict, verdicts)) {
		printf("FAIL %s: %s:%zu: unknown verdict '%s'\n", name, t->file,
		       lineno, row->verdict);
		return 0;
	}
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->rows[i].name, row->name) == 0) {
			printf("FAIL %s: %s:%zu: a second row for %s\n", name,
			       t->file, lineno, row->name);
			return 0;
		}
	return 1;
}

/* Adds the row on LINE (ended in place); 0 after printing why not. */
static int add_row(struct suite_table *t, char *line, size_t lineno,
                   const char *const *verdicts, const char *name)
{
	struct suite_row row;

	if (!split_row(line, &row)) {
		printf("FAIL %s: %s:%zu: expected "
		       "case<TAB>verdict<TAB>reason\n",
		       name, t->file, lineno);
		return 0;
	}
	if (!row_fits(t, &row, lineno, verdicts, name))
		return 0;
	t->rows[t->count++] = row;
	return 1;
}

/* Room for one row a line: an upper bound, counted before cutting. */
static int make_room(struct suite_table *t, size_t len)
{
	size_t lines = 1;

	for (size_t i = 0; i < len; i++)
		lines += t->text[i] == '\n';
	t->rows = calloc(lines, sizeof(*t->rows));
	return t->rows != NULL;
}

int suite_table_load(struct suite_table *t, const char *table,
                     const char *const *verdicts, const char *name)
{
	size_t len, lineno = 0;
	char *line, *end;

	memset(t, 0, sizeof(*t));
	table_path(t, table);
	if (sfn_read_file(t->file, TABLE_MAX_BYTES, &t->text, &len) != SFN_OK) {
		printf("FAIL %s: cannot read the verdict table %s, or it is "
		       "larger than %zu bytes\n",
		       name, t->file, TABLE_MAX_BYTES);
		goto fail;
	}
	if (!make_room(t, len)) {
		printf("FAIL %s: out of memory\n", name);
		goto fail;
	}
	for (line = t->text; line < t->text + len; line = end + 1) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = t->text + len;
		*end = '\0';
		lineno++;
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (!add_row(t, line, lineno, verdicts, name))
			goto fail;
	}
	return 1;
fail:
	suite_table_free(t);
	return 0;
}

struct suite_row *suite_table_find(struct suite_table *t, const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->rows[i].name, name) == 0) {
			t->rows[i].seen = 1;
			return &t->rows[i];
		}
	return NULL;
}

int suite_verdict(struct suite_table *t, const char *prefix, const char *name,
                  const char *got)
{
	const struct suite_row *row = suite_table_find(t, name);

	if (row == NULL) {
		printf("FAIL %s/%s: sfnc says %s, and %s has no row for it\n",
		       prefix, name, got, t->file);
		return 0;
	}
	if (strcmp(row->verdict, got) != 0) {
		printf("FAIL %s/%s: sfnc now says %s, the table says %s (%s)\n",
		       prefix, name, got, row->verdict, row->reason);
		return 0;
	}
	printf("ok %s/%s\n", prefix, name);
	return 1;
}

size_t suite_table_unseen(const struct suite_table *t, const char *prefix)
{
	size_t n = 0;

	for (size_t i = 0; i < t->count; i++)
		if (!t->rows[i].seen) {
			printf("FAIL %s/%s: a row in %s, but no such case in "
			       "the suite\n",
			       prefix, t->rows[i].name, t->file);
			n++;
		}
	return n;
}

void suite_table_free(struct suite_table *t)
{
	free(t->rows);
	free(t->text);
	memset(t, 0, sizeof(*t));
}
