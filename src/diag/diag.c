/* A set of diagnostics: adding, counting and ordering them. Rendering lives
 * in the render_*.c files. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/diag.h"
#include "sfn/utf8.h"

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
	if (sfn_vec_reserve(&diags->items, &diags->cap, diags->count + 1,
	                    sizeof(*diags->items), SFN_DIAGS_MAX) != SFN_OK)
		return NULL;
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

#define ROOM (SFN_DIAG_MESSAGE_MAX - (sizeof(SFN_DIAG_CUT_MARK) - 1))

/* The message as valid UTF-8 of at most SFN_DIAG_MESSAGE_MAX bytes; a
 * longer one (replacing broken sequences may lengthen it) is cut on a
 * character boundary and marked. */
static const char *vformat(struct sfn_diags *diags, const char *fmt, va_list ap)
{
	struct sfn_buf raw, text;
	const char *s = NULL;
	int cut;

	sfn_buf_init(&raw, SFN_DIAG_MESSAGE_MAX + SFN_UTF8_SEQ_MAX);
	sfn_buf_init(&text, 3 * SFN_DIAG_MESSAGE_MAX + SFN_UTF8_SEQ_MAX);
	sfn_buf_vprintf_cut(&raw, SFN_DIAG_MESSAGE_MAX, &cut, fmt, ap);
	sfn_utf8_put_clean(&text, sfn_buf_str(&raw), raw.len);
	if (cut || text.len > SFN_DIAG_MESSAGE_MAX) {
		sfn_buf_cut(&text, sfn_utf8_truncate(sfn_buf_str(&text),
		                                     text.len, ROOM));
		sfn_buf_adds(&text, SFN_DIAG_CUT_MARK);
	}
	if (raw.status == SFN_OK && text.status == SFN_OK)
		s = sfn_arena_strndup(&diags->strings, sfn_buf_str(&text),
		                      text.len);
	sfn_buf_free(&raw);
	sfn_buf_free(&text);
	return s;
}

static const char *copy_or_null(struct sfn_diags *diags, const char *s)
{
	return s != NULL ? sfn_arena_strdup(&diags->strings, s) : NULL;
}

void sfn_diag_vadd(struct sfn_diags *diags, enum sfn_rule_id rule,
                   const struct sfn_loc *loc, const char *pointer,
                   const char *where, const char *fmt, va_list ap)
{
	enum sfn_severity severity;
	struct sfn_diag *d;

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
	d->pointer = copy_or_null(diags, pointer);
	d->where = copy_or_null(diags, where);
	d->message = vformat(diags, fmt, ap);
	if (d->message == NULL || (loc && loc->file && !d->loc.file) ||
	    (pointer && !d->pointer) || (where && !d->where)) {
		diags->status = SFN_ERR_NOMEM;
		return;
	}
	diags->count++;
}

void sfn_diag_add(struct sfn_diags *diags, enum sfn_rule_id rule,
                  const struct sfn_loc *loc, const char *pointer,
                  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sfn_diag_vadd(diags, rule, loc, pointer, NULL, fmt, ap);
	va_end(ap);
}

static void add_where(struct sfn_diags *diags, enum sfn_rule_id rule,
                      const struct sfn_loc *loc, const char *pointer,
                      const char *where, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

static void add_where(struct sfn_diags *diags, enum sfn_rule_id rule,
                      const struct sfn_loc *loc, const char *pointer,
                      const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sfn_diag_vadd(diags, rule, loc, pointer, where, fmt, ap);
	va_end(ap);
}

void sfn_diag_copy(struct sfn_diags *diags, const struct sfn_diag *d,
                   const struct sfn_loc *loc)
{
	add_where(diags, d->rule, loc, d->pointer, d->where, "%s", d->message);
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

void sfn_diags_move_last(struct sfn_diags *diags, size_t to)
{
	struct sfn_diag last;

	if (diags->count == 0 || to >= diags->count - 1)
		return;
	last = diags->items[diags->count - 1];
	memmove(&diags->items[to + 1], &diags->items[to],
	        (diags->count - 1 - to) * sizeof(*diags->items));
	diags->items[to] = last;
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
