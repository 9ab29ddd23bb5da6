/* Runs every unit test suite, or those named on the command line. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "test.h"

extern const struct test sfn_tests_arena[], sfn_tests_buf[], sfn_tests_strmap[],
        sfn_tests_diag[], sfn_tests_json[], sfn_tests_jsonout[],
        sfn_tests_path[], sfn_tests_intrinsic[], sfn_tests_exec[],
        sfn_tests_yaml[];
extern const struct test sfn_tests_nomem[];

static const struct test_suite suites[] = {
	{ "arena", sfn_tests_arena },   { "buf", sfn_tests_buf },
	{ "strmap", sfn_tests_strmap }, { "diag", sfn_tests_diag },
	{ "json", sfn_tests_json },     { "jsonout", sfn_tests_jsonout },
	{ "path", sfn_tests_path },     { "intrinsic", sfn_tests_intrinsic },
	{ "exec", sfn_tests_exec },     { "yaml", sfn_tests_yaml },
	{ "nomem", sfn_tests_nomem },
};

void test_fail(struct test_state *t, const char *file, int line,
               const char *fmt, ...)
{
	va_list ap;

	t->failed = 1;
	printf("  %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static int selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], name) == 0)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int failures = 0;

	for (size_t s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		if (!selected(suites[s].name, argc, argv))
			continue;
		for (const struct test *c = suites[s].tests; c->name; c++) {
			struct test_state st = { 0, NULL };

			c->fn(&st);
			if (st.skipped)
				printf("skip unit/%s/%s: %s\n", suites[s].name,
				       c->name, st.skipped);
			else
				printf("%s unit/%s/%s\n",
				       st.failed ? "FAIL" : "ok",
				       suites[s].name, c->name);
			failures += st.failed;
			fflush(stdout);
		}
	}
	return failures ? 1 : 0;
}
