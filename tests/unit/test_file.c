/* Reading files without a copy: sfn_map_file maps a regular file when a
 * NUL follows its last byte in the mapping, and reads it otherwise (a
 * size of whole pages, a missing file). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfn/util.h"
#include "test.h"

/* Writes N bytes of 'x' (then "END") to a temporary file; its name goes
 * to PATH. 0 on failure. */
static int write_file(char *path, size_t n)
{
	FILE *f = test_temp_file(path);

	if (f == NULL)
		return 0;
	for (size_t i = 0; i + 3 < n; i++)
		fputc('x', f);
	fputs("END", f);
	return fclose(f) == 0;
}

static void map_or_read(struct test_state *t)
{
	long page = sysconf(_SC_PAGESIZE);
	const size_t sizes[] = { 10, (size_t) page, (size_t) page + 1 };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		char path[] = "/tmp/sfn-map-XXXXXX";
		const char *data = NULL;
		size_t len = 0;
		int mapped = -1;

		CHECK(write_file(path, sizes[k]));
		CHECK(sfn_map_file(path, 1 << 20, &data, &len, &mapped) ==
		      SFN_OK);
		CHECK_INT(len, sizes[k]);
		/* whole pages are read: no NUL would follow in a mapping */
		CHECK_INT(mapped, sizes[k] % (size_t) page != 0);
		CHECK(data != NULL && data[len] == '\0' &&
		      memcmp(data + len - 3, "END", 3) == 0);
		sfn_file_release(data, len, mapped);
		CHECK(sfn_map_file(path, sizes[k] - 1, &data, &len, &mapped) ==
		      SFN_ERR_LIMIT);
		unlink(path);
	}
	{
		const char *data;
		size_t len;
		int mapped;

		CHECK(sfn_map_file("/nonexistent/sfn", 100, &data, &len,
		                   &mapped) == SFN_ERR_IO);
	}
}

/* Pages given back come again from the file: the text is unchanged,
 * the NUL after it included; read text is left alone. */
static void forget(struct test_state *t)
{
	long page = sysconf(_SC_PAGESIZE);
	const size_t sizes[] = { 3 * (size_t) page + 10, (size_t) page };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		char path[] = "/tmp/sfn-map-XXXXXX";
		const char *data = NULL;
		size_t len = 0, xs = 0;
		int mapped = -1;

		CHECK(write_file(path, sizes[k]));
		CHECK(sfn_map_file(path, 1 << 20, &data, &len, &mapped) ==
		      SFN_OK);
		CHECK_INT(len, sizes[k]);
		sfn_file_drop(data, 0, (size_t) page + 1, mapped);
		sfn_file_drop(data, 0, len, mapped);
		while (xs < len && data[xs] == 'x')
			xs++;
		CHECK_INT(xs, len - 3);
		CHECK(data[len] == '\0' && memcmp(data + xs, "END", 3) == 0);
		sfn_file_release(data, len, mapped);
		unlink(path);
	}
}

const struct test sfn_tests_file[] = {
	{ "map_or_read", map_or_read },
	{ "forget", forget },
	{ NULL, NULL },
};
