/* A set of diagnostics: adding, counting and ordering them. Rendering lives
 * in the render_*.c files. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/diag.h"

void sfn_diags_init(struct sfn_diags *diags)
{
	memset(diags, 0, sizeof(*diags));
	sfn_arena_init(&diags->strings);
	for (int i = 0; i < SFN_RULE_COUNT; i++)
		diags->severity[i] =
		        sfn_rule_get((enum sfn_rule_id) i)->severity;
}

void sfn_diags_free(struct sfn_diags *diags)
{
	free(diags->items);
	sfn_arena_free(&diags->strings);
	memset(diags, 0, sizeof(*diags));
}

void sfn_diags_set_severity(struct sfn_diags *diags, enum sfn_rule_id rule,
                            enum sfn_severity severity)
{
	if ((unsigned) rule < SFN_RULE_COUNT)
		diags->severity[rule] = severity;
}

static void count(struct sfn_diags *diags, enum sfn_severity severity)
{
	if (severity == SFN_SEV_ERROR)
		diags->errors++;
	else if (severity == SFN_SEV_WARNING)
		diags->warnings++;
	else
		diags->notes++;
}

static struct sfn_diag *new_slot(struct sfn_diags *diags)
{
	if (diags->count == diags->cap) {
		size_t cap = diags->cap ? diags->cap * 2 : 16;
		struct sfn_diag *p = realloc(diags->items, cap * sizeof(*p));

		if (p == NULL)
			return NULL;
		diags->items = p;
		diags->cap = cap;
	}
	return &diags->items[diags->count];
}

/* File names repeat from one diagnostic to the next: copy each run once. */
static const char *copy_file(struct sfn_diags *diags, const char *file)
{
	if (file == NULL)
		return NULL;
	if (file != diags->last_file_in || diags->last_file_copy == NULL ||
	    strcmp(file, diags->last_file_copy) != 0) {
		diags->last_file_copy = sfn_arena_strdup(&diags->strings, file);
		diags->last_file_in = file;
	}
	return diags->last_file_copy;
}

static const char *vformat(struct sfn_diags *diags, const char *fmt, va_list ap)
{
	struct sfn_buf buf;
	const char *s;

	sfn_buf_init(&buf, 64 * 1024);
	sfn_buf_vprintf(&buf, fmt, ap);
	s = buf.status == SFN_OK ? sfn_arena_strndup(&diags->strings,
	                                             sfn_buf_str(&buf), buf.len)
	                         : NULL;
	sfn_buf_free(&buf);
	return s;
}

void sfn_diag_add(struct sfn_diags *diags, enum sfn_rule_id rule,
                  const struct sfn_loc *loc, const char *pointer,
                  const char *fmt, ...)
{
	enum sfn_severity severity;
	struct sfn_diag *d;
	va_list ap;

	if ((unsigned) rule >= SFN_RULE_COUNT)
		return;
	severity = diags->severity[rule];
	if (severity == SFN_SEV_OFF)
		return;
	count(diags, severity);
	if (diags->count >= SFN_DIAGS_MAX) {
		diags->dropped++;
		return;
	}
	d = new_slot(diags);
	if (d == NULL) {
		diags->status = SFN_ERR_NOMEM;
		return;
	}
	memset(d, 0, sizeof(*d));
	d->rule = rule;
	d->severity = severity;
	if (loc != NULL) {
		d->loc = *loc;
		d->loc.file = copy_file(diags, loc->file);
	}
	if (pointer != NULL)
		d->pointer = sfn_arena_strdup(&diags->strings, pointer);
	va_start(ap, fmt);
	d->message = vformat(diags, fmt, ap);
	va_end(ap);
	if (d->message == NULL || (loc && loc->file && !d->loc.file) ||
	    (pointer && !d->pointer)) {
		diags->status = SFN_ERR_NOMEM;
		return;
	}
	diags->count++;
}

static void uncount(struct sfn_diags *diags, enum sfn_severity severity)
{
	if (severity == SFN_SEV_ERROR)
		diags->errors--;
	else if (severity == SFN_SEV_WARNING)
		diags->warnings--;
	else
		diags->notes--;
}

void sfn_diags_remove_if(struct sfn_diags *diags, size_t from,
                         int (*drop)(const struct sfn_diag *d, void *ctx),
                         void *ctx)
{
	size_t kept = from;

	for (size_t i = from; i < diags->count; i++) {
		if (drop(&diags->items[i], ctx))
			uncount(diags, diags->items[i].severity);
		else
			diags->items[kept++] = diags->items[i];
	}
	diags->count = kept;
}

static int strcmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int compare_loc(const struct sfn_diag *a, const struct sfn_diag *b)
{
	int c = strcmp_null(a->loc.file, b->loc.file);

	if (c != 0)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return 0;
}

/* Stable insertion-merge sort: diagnostic sets are mostly ordered already,
 * and equal locations must keep the order the checks produced. */
static void merge_sort(struct sfn_diag *a, struct sfn_diag *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(a, tmp, mid);
	merge_sort(a + mid, tmp, n - mid);
	if (compare_loc(&a[mid - 1], &a[mid]) <= 0)
		return;
	while (i < mid && j < n)
		tmp[k++] = compare_loc(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	memcpy(a, tmp, k * sizeof(*a));
}

void sfn_diags_sort(struct sfn_diags *diags)
{
	struct sfn_diag *tmp;

	if (diags->count < 2)
		return;
	tmp = malloc(diags->count * sizeof(*tmp));
	if (tmp == NULL) {
		diags->status = SFN_ERR_NOMEM;
		return;
	}
	merge_sort(diags->items, tmp, diags->count);
	free(tmp);
}
