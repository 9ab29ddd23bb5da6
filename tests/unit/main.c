/* Runs every unit test suite, or those named on the command line. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "test.h"

extern const struct test sfn_tests_arena[], sfn_tests_buf[], sfn_tests_strmap[],
        sfn_tests_diag[], sfn_tests_json[], sfn_tests_jsonout[],
        sfn_tests_path[], sfn_tests_intrinsic[], sfn_tests_exec[],
        sfn_tests_yaml[];
extern const struct test sfn_tests_clock[], sfn_tests_loop[], sfn_tests_task[],
        sfn_tests_curl[];
extern const struct test sfn_tests_sugg[]; /* suggest */
extern const struct test sfn_tests_resource[];
extern const struct test sfn_tests_choice[];
extern const struct test sfn_tests_model[];
extern const struct test sfn_tests_utf8[];
extern const struct test sfn_tests_vec[];
extern const struct test sfn_tests_jn[]; /* jsonata */
extern const struct test sfn_tests_jn_mem[];
extern const struct test sfn_tests_jn_place[];
extern const struct test sfn_tests_sigv4[];
extern const struct test sfn_tests_aws[];
extern const struct test sfn_tests_bedrock[];
extern const struct test sfn_tests_nomem[];
extern const struct test sfn_tests_calendar[];
extern const struct test sfn_tests_run[];
extern const struct test sfn_tests_lang[];
extern const struct test sfn_tests_runb[]; /* run_bounds */
extern const struct test sfn_tests_mock_record[];
extern const struct test sfn_tests_cfn[];
extern const struct test sfn_tests_file[];
extern const struct test sfn_tests_serve[];
extern const struct test sfn_tests_jsize[];
extern const struct test sfn_tests_dynlib[];
extern const struct test sfn_tests_yaml_fast[];
extern const struct test sfn_tests_json_each[];
extern const struct test sfn_tests_scan[];
extern const struct test sfn_tests_fields[];

static const struct test_suite suites[] = {
	{ "arena", sfn_tests_arena },   { "buf", sfn_tests_buf },
	{ "strmap", sfn_tests_strmap }, { "diag", sfn_tests_diag },
	{ "json", sfn_tests_json },     { "jsonout", sfn_tests_jsonout },
	{ "path", sfn_tests_path },     { "intrinsic", sfn_tests_intrinsic },
	{ "exec", sfn_tests_exec },     { "yaml", sfn_tests_yaml },
	{ "clock", sfn_tests_clock },   { "loop", sfn_tests_loop },
	{ "task", sfn_tests_task },     { "curl", sfn_tests_curl },
	{ "suggest", sfn_tests_sugg },  { "sigv4", sfn_tests_sigv4 },
	{ "aws", sfn_tests_aws },       { "bedrock", sfn_tests_bedrock },
};
/* The ASL model and what it is built from, one suite a line, so that
 * branches adding suites merge without touching each other's lines. */
/* clang-format off */
static const struct test_suite asl_suites[] = {
	{ "resource", sfn_tests_resource },
	{ "choice", sfn_tests_choice },
	{ "model", sfn_tests_model },
	{ "utf8", sfn_tests_utf8 },
	{ "vec", sfn_tests_vec },
	{ "jsonata", sfn_tests_jn },
	{ "jsonata_mem", sfn_tests_jn_mem },
	{ "jsonata_place", sfn_tests_jn_place },
	{ "nomem", sfn_tests_nomem },
	{ "calendar", sfn_tests_calendar },
	{ "run", sfn_tests_run },
	{ "lang", sfn_tests_lang },
	{ "run_bounds", sfn_tests_runb },
	{ "cfn", sfn_tests_cfn },
	{ "file", sfn_tests_file },
	{ "serve", sfn_tests_serve },
	{ "json_size", sfn_tests_jsize },
	{ "dynlib", sfn_tests_dynlib },
	{ "yaml_fast", sfn_tests_yaml_fast },
	{ "json_each", sfn_tests_json_each },
	{ "scan", sfn_tests_scan },
	{ "fields", sfn_tests_fields },
};
/* clang-format on */

/* The mock's recorder. */
static const struct test_suite record_suites[] = {
	{ "mock-record", sfn_tests_mock_record },
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

/* Runs the suites of LIST[0, N) that ARGV names; returns the failures. */
static int run(const struct test_suite *list, size_t n, int argc, char **argv)
{
	int failures = 0;

	for (size_t s = 0; s < n; s++) {
		if (!selected(list[s].name, argc, argv))
			continue;
		for (const struct test *c = list[s].tests; c->name; c++) {
			struct test_state st = { 0, NULL };

			c->fn(&st);
			if (st.skipped)
				printf("skip unit/%s/%s: %s\n", list[s].name,
				       c->name, st.skipped);
			else
				printf("%s unit/%s/%s\n",
				       st.failed ? "FAIL" : "ok", list[s].name,
				       c->name);
			failures += st.failed;
			fflush(stdout);
		}
	}
	return failures;
}

int main(int argc, char **argv)
{
	int failures =
	        run(suites, sizeof(suites) / sizeof(suites[0]), argc, argv);

	failures += run(asl_suites, sizeof(asl_suites) / sizeof(asl_suites[0]),
	                argc, argv);
	failures += run(record_suites,
	                sizeof(record_suites) / sizeof(record_suites[0]), argc,
	                argv);
	return failures ? 1 : 0;
}
