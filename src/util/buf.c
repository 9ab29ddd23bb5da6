/* Size-capped growable byte buffer with sticky errors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/utf8.h"
#include "sfn/util.h"

void sfn_buf_init(struct sfn_buf *buf, size_t max)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->max = max;
	buf->status = SFN_OK;
}

static void fail(struct sfn_buf *buf, enum sfn_status status)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->status = status;
}

/* Makes room for N more bytes plus the terminating NUL. */
static enum sfn_status reserve(struct sfn_buf *buf, size_t n)
{
	enum sfn_status status;

	if (buf->status != SFN_OK)
		return buf->status;
	if (n > buf->max - buf->len || buf->len + n == (size_t) -1) {
		fail(buf, SFN_ERR_LIMIT);
		return buf->status;
	}
	if (buf->len + n + 1 <= buf->cap) /* the common case: no call */
		return SFN_OK;
	status = sfn_vec_reserve(&buf->data, &buf->cap, buf->len + n + 1, 1,
	                         SFN_VEC_UNCAPPED);
	if (status != SFN_OK)
		fail(buf, status);
	return buf->status;
}

enum sfn_status sfn_buf_reserve(struct sfn_buf *buf, size_t n)
{
	return reserve(buf, n);
}

enum sfn_status sfn_buf_add(struct sfn_buf *buf, const void *mem, size_t n)
{
	if (reserve(buf, n) != SFN_OK)
		return buf->status;
	if (n > 0)
		memcpy(buf->data + buf->len, mem, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
	return SFN_OK;
}

enum sfn_status sfn_buf_addc(struct sfn_buf *buf, char c)
{
	/* the common case, room there, without reserve's call and memcpy */
	if (buf->status == SFN_OK && buf->len < buf->max &&
	    buf->len + 2 <= buf->cap) {
		buf->data[buf->len++] = c;
		buf->data[buf->len] = '\0';
		return SFN_OK;
	}
	return sfn_buf_add(buf, &c, 1);
}

enum sfn_status sfn_buf_adds(struct sfn_buf *buf, const char *s)
{
	return sfn_buf_add(buf, s, strlen(s));
}

/* With no limit of its own, all the text goes in or, past the cap,
 * nothing does. */
enum sfn_status sfn_buf_vprintf(struct sfn_buf *buf, const char *fmt,
                                va_list ap)
{
	size_t room = buf->cap > buf->len ? buf->cap - buf->len : 0;
	va_list copy;
	int len;

	/* the common case, room there: printed once, not measured first */
	if (buf->status == SFN_OK && room > 0) {
		va_copy(copy, ap);
		len = vsnprintf(buf->data + buf->len, room, fmt, copy);
		va_end(copy);
		if (len >= 0 && (size_t) len < room &&
		    (size_t) len <= buf->max - buf->len) {
			buf->len += (size_t) len;
			return SFN_OK;
		}
		buf->data[buf->len] = '\0';
	}
	return sfn_buf_vprintf_cut(buf, (size_t) -1, NULL, fmt, ap);
}

enum sfn_status sfn_buf_vprintf_cut(struct sfn_buf *buf, size_t limit, int *cut,
                                    const char *fmt, va_list ap)
{
	size_t n, room, keep;
	va_list copy;
	int len;

	if (cut != NULL)
		*cut = 0;
	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0) {
		if (buf->status == SFN_OK)
			fail(buf, SFN_ERR_USAGE);
		return buf->status;
	}
	n = (size_t) len;
	/* a few bytes past LIMIT show whether it splits a character */
	room = n > limit && n - limit > SFN_UTF8_SEQ_MAX
	               ? limit + SFN_UTF8_SEQ_MAX
	               : n;
	if (reserve(buf, room) != SFN_OK)
		return buf->status;
	vsnprintf(buf->data + buf->len, room + 1, fmt, ap);
	keep = sfn_utf8_truncate(buf->data + buf->len, room, limit);
	if (cut != NULL)
		*cut = keep < n;
	buf->len += keep;
	buf->data[buf->len] = '\0';
	return SFN_OK;
}

void sfn_buf_cut(struct sfn_buf *buf, size_t len)
{
	if (len < buf->len) {
		buf->len = len;
		buf->data[len] = '\0';
	}
}

enum sfn_status sfn_buf_printf(struct sfn_buf *buf, const char *fmt, ...)
{
	enum sfn_status status;
	va_list ap;

	va_start(ap, fmt);
	status = sfn_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return status;
}

const char *sfn_buf_str(const struct sfn_buf *buf)
{
	return buf->data ? buf->data : "";
}

char *sfn_buf_take(struct sfn_buf *buf)
{
	char *p;

	if (buf->status != SFN_OK)
		return NULL;
	if (buf->data == NULL && reserve(buf, 0) != SFN_OK)
		return NULL;
	buf->data[buf->len] = '\0';
	p = buf->data;
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	return p;
}

void sfn_buf_reset(struct sfn_buf *buf)
{
	buf->len = 0;
	buf->status = SFN_OK;
	if (buf->data != NULL)
		buf->data[0] = '\0';
}

void sfn_buf_free(struct sfn_buf *buf)
{
	free(buf->data);
	sfn_buf_init(buf, buf->max);
}
