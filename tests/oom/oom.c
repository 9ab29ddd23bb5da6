/* Allocation-failure injection for the test build: linked into
 * tests/oom/sfnc-oom with -Wl,--wrap for malloc, calloc, realloc, strdup
 * and strndup, and installed as cJSON's allocator, so that every
 * allocation libsfn and cJSON make is counted. With SFN_OOM_FAIL=N in the
 * environment, the Nth allocation and every one after it fail; with
 * SFN_OOM_COUNT=FILE, the number of allocations made is written to FILE at
 * exit, so a driver knows how many failure points a command has. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* Process-global by necessity: malloc itself is. */
static unsigned long oom_count, oom_fail_at;

static int oom_fails(void)
{
	oom_count++;
	return oom_fail_at != 0 && oom_count >= oom_fail_at;
}

void *__wrap_malloc(size_t size)
{
	return oom_fails() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return oom_fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return oom_fails() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = __wrap_malloc(n);

	if (copy != NULL)
		memcpy(copy, s, n);
	return copy;
}

char *__wrap_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = __wrap_malloc(len + 1);

	if (copy != NULL) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

static void oom_report(void)
{
	const char *path = getenv("SFN_OOM_COUNT");
	FILE *f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%lu\n", oom_count);
	fclose(f);
}

__attribute__((constructor)) static void oom_init(void)
{
	const char *fail = getenv("SFN_OOM_FAIL");
	cJSON_Hooks hooks = { __wrap_malloc, free };

	if (fail != NULL)
		oom_fail_at = strtoul(fail, NULL, 10);
	cJSON_InitHooks(&hooks);
	atexit(oom_report);
}
