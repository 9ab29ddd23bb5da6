/* A temporary file for a test to fill (test.h). */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "test.h"

FILE *test_temp_file(char *path)
{
	FILE *f;
	int fd = mkstemp(path);

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "wb");
	if (f == NULL)
		close(fd);
	return f;
}
