/* Reads a whole file, or standard input for "-", into memory with a size
 * cap, or maps it when it is a regular file; writes one whole. Knows
 * nothing of what the bytes mean. */
#define _DEFAULT_SOURCE 1 /* madvise(MADV_DONTNEED): POSIX's is advice only */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sfn/util.h"

static enum sfn_status read_stream(FILE *f, struct sfn_buf *buf)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (sfn_buf_add(buf, chunk, n) != SFN_OK)
			return buf->status;
	}
	return ferror(f) ? SFN_ERR_IO : SFN_OK;
}

/* A regular file's size, to read it in one piece: no growing buffer,
 * no copy through stdio. 0 when unknown (a pipe) or empty. */
static size_t size_hint(FILE *f)
{
	struct stat st;

	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= 0 || (uintmax_t) st.st_size >= SIZE_MAX / 2)
		return 0;
	return (size_t) st.st_size;
}

/* Room for SIZE bytes and a NUL in BUF, still empty: in whole huge
 * pages for a large file, which read() then fills with a few page faults
 * rather than one per 4 KB page. */
static int reserve_read(struct sfn_buf *buf, size_t size)
{
	size_t got;
	char *p;

	if (size > buf->max)
		return 0;
	if (buf->data != NULL || size == SIZE_MAX)
		return sfn_buf_reserve(buf, size) == SFN_OK;
	p = sfn_alloc_huge(size + 1, &got);
	if (p == NULL)
		return 0;
	buf->data = p;
	buf->cap = got;
	return 1;
}

/* Reads up to SIZE bytes straight into BUF, when SIZE is known and within
 * BUF's cap. */
static enum sfn_status read_sized(FILE *f, size_t size, struct sfn_buf *buf)
{
	size_t n;

	if (size == 0 || !reserve_read(buf, size))
		return SFN_OK; /* read_stream will do, and report any failure */
	n = fread(buf->data + buf->len, 1, size, f);
	buf->len += n;
	buf->data[buf->len] = '\0';
	return ferror(f) ? SFN_ERR_IO : SFN_OK;
}

enum sfn_status sfn_read_file(const char *path, size_t max, char **data,
                              size_t *len)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	struct sfn_buf buf;
	enum sfn_status status;
	int saved;

	*data = NULL;
	*len = 0;
	if (f == NULL)
		return SFN_ERR_IO;
	sfn_buf_init(&buf, max);
	status = read_sized(f, size_hint(f), &buf);
	if (status == SFN_OK)
		status = read_stream(f, &buf); /* the rest, if it grew */
	saved = errno;
	if (!is_stdin)
		fclose(f);
	if (status == SFN_OK && sfn_buf_add(&buf, "", 0) != SFN_OK)
		status = buf.status;
	if (status != SFN_OK) {
		sfn_buf_free(&buf);
		errno = saved;
		return status;
	}
	*len = buf.len;
	*data = sfn_buf_take(&buf);
	return *data ? SFN_OK : SFN_ERR_NOMEM;
}

/* A regular file whose size is not a whole number of pages: the rest of
 * its last page reads as zeros, the NUL the readers want after the text. */
static int mappable(int fd, size_t max, size_t *size)
{
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t) st.st_size > max || page <= 0 || st.st_size % page == 0)
		return 0;
	*size = (size_t) st.st_size;
	return 1;
}

enum sfn_status sfn_map_file(const char *path, size_t max, const char **data,
                             size_t *len, int *mapped)
{
	int fd = strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY);
	void *p = MAP_FAILED;
	size_t size = 0;
	char *text;
	enum sfn_status st;

	*mapped = 0;
	if (fd >= 0 && mappable(fd, max, &size))
		p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (fd >= 0)
		close(fd);
	if (p != MAP_FAILED) {
		*data = p;
		*len = size;
		*mapped = 1;
		return SFN_OK;
	}
	st = sfn_read_file(path, max, &text, len);
	*data = text;
	return st;
}

void sfn_file_release(const char *data, size_t len, int mapped)
{
	if (mapped)
		munmap((void *) data, len);
	else
		free((char *) data);
}

void sfn_file_drop(const char *data, size_t from, size_t upto, int mapped)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t first, last;

	if (!mapped || page <= 0)
		return;
	first = (from + (size_t) page - 1) / (size_t) page * (size_t) page;
	last = upto / (size_t) page * (size_t) page;
#ifdef MADV_DONTNEED
	/* a private read-only mapping of a file: its pages come back as the
	 * file holds them; advice only, a failure keeps them in memory */
	if (last > first)
		(void) madvise((char *) data + first, last - first,
		               MADV_DONTNEED);
#else
	(void) data;
	(void) first;
	(void) last;
#endif
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		data += n;
		len -= (size_t) n;
	}
	return 1;
}

/* An existing regular file is written over from its start and then cut to
 * LEN, not emptied first (O_TRUNC): ext4 flushes a file emptied and
 * written again to disk when it is closed (its auto_da_alloc), and waiting
 * for that took half the time of compiling the tutorial's stack again into
 * the same directory. */
enum sfn_status sfn_write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	struct stat st;
	int ok, saved;

	if (fd < 0)
		return SFN_ERR_IO;
	ok = fstat(fd, &st) == 0 && write_all(fd, data, len) &&
	     (!S_ISREG(st.st_mode) || ftruncate(fd, (off_t) len) == 0);
	saved = errno;
	if (close(fd) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	errno = saved;
	return ok ? SFN_OK : SFN_ERR_IO;
}
