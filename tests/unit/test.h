/* A small table-driven test harness. Each case prints one line:
 *   ok SUITE/NAME | FAIL SUITE/NAME: file:line: what | skip SUITE/NAME: why
 * and tests/run counts them. */
#ifndef SFN_TEST_H
#define SFN_TEST_H

#include <stdio.h>
#include <string.h>

struct test_state {
	int failed;
	const char *skipped; /* reason, when the case was skipped */
};

struct test {
	const char *name;
	void (*fn)(struct test_state *t);
};

struct test_suite {
	const char *name;
	const struct test *tests; /* ends with a zeroed entry */
};

void test_fail(struct test_state *t, const char *file, int line,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Makes a file from PATH, a mkstemp template ending in XXXXXX (the name
 * made is written back), and opens it for writing; NULL on failure. */
FILE *test_temp_file(char *path);

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			test_fail(t, __FILE__, __LINE__, "%s", #cond);         \
			return;                                                \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *got_ = (got), *want_ = (want);                     \
		if (got_ == NULL || strcmp(got_, want_) != 0) {                \
			test_fail(t, __FILE__, __LINE__,                       \
			          "%s is \"%s\", want \"%s\"", #got,           \
			          got_ ? got_ : "(null)", want_);              \
			return;                                                \
		}                                                              \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long long got_ = (long long) (got),                            \
		          want_ = (long long) (want);                          \
		if (got_ != want_) {                                           \
			test_fail(t, __FILE__, __LINE__,                       \
			          "%s is %lld, want %lld", #got, got_, want_); \
			return;                                                \
		}                                                              \
	} while (0)

#endif
