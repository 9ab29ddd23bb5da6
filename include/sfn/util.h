/* Memory utilities shared by every piece: an arena with checkpoints and a
 * size-capped growable buffer. Neither knows what it stores. */
#ifndef SFN_UTIL_H
#define SFN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "sfn/status.h"

/* ---- arena --------------------------------------------------------------
 * One arena per compilation or execution. Memory is released all at once
 * (sfn_arena_free) or back to a checkpoint (sfn_arena_release), never one
 * allocation at a time. Built with SFN_ARENA_DEBUG, every allocation is its
 * own malloc block so sanitizers and valgrind see overflows. */

struct sfn_arena_block;

struct sfn_arena {
	struct sfn_arena_block
	        *head;     /* newest block; older ones chain behind */
	size_t block_size; /* payload size of ordinary blocks */
	size_t total;      /* bytes handed out, for statistics */
	struct sfn_arena_block *spare; /* an ordinary block released, kept */
	size_t limit; /* an allocation taking total past it gets a new
	                 block no more: NULL instead; 0 for none */
	/* above block_size: each new ordinary block twice the size of the
	 * last, up to it, for an arena its input may fill little (a large
	 * first block is cleared whole once touched, in huge pages); 0 for
	 * none */
	size_t grow_to;
};

struct sfn_arena_mark {
	struct sfn_arena_block *block; /* head when the mark was taken */
	size_t used;                   /* bytes used in that block then */
	size_t total;
};

#define SFN_ARENA_BLOCK_SIZE ((size_t) 64 * 1024)

void sfn_arena_init(struct sfn_arena *arena);
/* A block size for the arena of what is made from an input of LEN bytes,
 * about PER_BYTE bytes of memory a byte: in proportion, so that a big
 * input takes few blocks, between SFN_ARENA_BLOCK_SIZE and 256 MiB. Past
 * SFN_HUGE_WORTH it is whole transparent huge pages, starting at a huge page
 * boundary: one page fault where there were 512. Pages never touched
 * cost nothing. */
size_t sfn_arena_block_for(size_t len, size_t per_byte);
/* Returns NULL when memory is exhausted or size overflows. Zeroed memory. */
void *sfn_arena_alloc(struct sfn_arena *arena, size_t size);
/* The same, not cleared: for callers that set every byte themselves. */
void *sfn_arena_alloc_raw(struct sfn_arena *arena, size_t size);
char *sfn_arena_strndup(struct sfn_arena *arena, const char *s, size_t n);
char *sfn_arena_strdup(struct sfn_arena *arena, const char *s);
struct sfn_arena_mark sfn_arena_checkpoint(const struct sfn_arena *arena);
/* Frees everything allocated since MARK was taken. */
void sfn_arena_release(struct sfn_arena *arena, struct sfn_arena_mark mark);
void sfn_arena_free(struct sfn_arena *arena);
/* Regions larger than this are worth whole transparent huge pages
 * (2 MiB): a 4 KiB page fault costs some 2 us in a virtual machine, a
 * huge page's about as much as 100 of them. Measured on a compile of
 * 1,000 tasks (a fifth of its time was page faults), 512 KiB is as fast
 * as 256 KiB and better than 64 KiB (small tables in huge pages of
 * their own) or 1 MiB; below it, a huge page's unused part would add to
 * the peak RSS of a 10,000-state run (11 MB became 14). */
#define SFN_HUGE_WORTH ((size_t) 512 << 10)
/* Asks the kernel to back the whole 2 MB pages of [P, P + N) with
 * transparent huge pages, one page fault each instead of 512: advice
 * only, for large regions filled soon after. */
void sfn_advise_huge(void *p, size_t n);
/* At least N bytes for a large region filled soon after, in whole 2 MB
 * pages from a 2 MB boundary and so advised when N > SFN_HUGE_WORTH:
 * *SIZE says how many. Freed with free(); NULL when memory ran out. */
void *sfn_alloc_huge(size_t n, size_t *size);
/* Frees everything, keeping the oldest block to hand out again: for
 * scratch memory filled and emptied many times over, without a malloc
 * and a free each time. A block of huge pages is filled again from its
 * huge page boundary, as when it was new. */
void sfn_arena_reuse(struct sfn_arena *arena);
/* Whether P points into memory ARENA handed out: a walk over its blocks,
 * for lookups that are rare. */
int sfn_arena_owns(const struct sfn_arena *arena, const void *p);
/* Whether P points into memory ARENA handed out after MARK was taken
 * (what sfn_arena_release would free): a walk over the blocks since. */
int sfn_arena_since(const struct sfn_arena *arena, struct sfn_arena_mark mark,
                    const void *p);

/* ---- growable buffer ----------------------------------------------------
 * Always NUL-terminated once anything was added. Errors are sticky: after a
 * failed add every later add fails too and the status stays, so a caller
 * may add many pieces and check once at the end. */

struct sfn_buf {
	char *data;             /* NULL until the first add */
	size_t len;             /* bytes used, excluding the NUL */
	size_t cap;             /* bytes allocated */
	size_t max;             /* largest len allowed */
	enum sfn_status status; /* first failure, or SFN_OK */
};

void sfn_buf_init(struct sfn_buf *buf, size_t max);
/* Makes room for N more bytes (and the NUL) without adding any. */
enum sfn_status sfn_buf_reserve(struct sfn_buf *buf, size_t n);
enum sfn_status sfn_buf_add(struct sfn_buf *buf, const void *mem, size_t n);
enum sfn_status sfn_buf_addc(struct sfn_buf *buf, char c);
enum sfn_status sfn_buf_adds(struct sfn_buf *buf, const char *s);
enum sfn_status sfn_buf_printf(struct sfn_buf *buf, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
enum sfn_status sfn_buf_vprintf(struct sfn_buf *buf, const char *fmt,
                                va_list ap);
/* Appends the formatted text, at most LIMIT bytes of it: longer text is
 * cut on a UTF-8 character boundary and *CUT (when not NULL) set to 1,
 * else 0. A cut is no failure; the buffer's own cap still is. */
enum sfn_status sfn_buf_vprintf_cut(struct sfn_buf *buf, size_t limit, int *cut,
                                    const char *fmt, va_list ap);
/* Shortens the contents to LEN bytes (no-op when they are shorter). */
void sfn_buf_cut(struct sfn_buf *buf, size_t len);
/* The contents as a NUL-terminated string (never NULL): "" when empty. */
const char *sfn_buf_str(const struct sfn_buf *buf);
/* Hands the malloc'd string to the caller and resets BUF; NULL on failure
 * (the buffer is freed then). An empty buffer yields "". */
char *sfn_buf_take(struct sfn_buf *buf);
void sfn_buf_reset(struct sfn_buf *buf);
void sfn_buf_free(struct sfn_buf *buf);

/* ---- growable arrays ----------------------------------------------------
 * The one way an array of fixed-size items grows: *ITEMS (a pointer to the
 * array's first item, passed as &array) holds *CAP items of SIZE bytes.
 * Capacity doubles from SFN_VEC_FIRST items; every size computation is
 * checked for overflow, and no more than MAX items are ever allocated. On
 * failure nothing changes. */

#define SFN_VEC_FIRST 8 /* items allocated by the first growth */
/* MAX for arrays bounded by what they index (and the size of memory). */
#define SFN_VEC_UNCAPPED ((size_t) -1)

/* Makes room for NEED items in all: SFN_ERR_LIMIT past MAX (or when the
 * bytes would overflow), SFN_ERR_NOMEM when memory runs out. */
enum sfn_status sfn_vec_reserve(void *items, size_t *cap, size_t need,
                                size_t size, size_t max);
/* Appends ITEM (SIZE bytes) after the *COUNT items there, growing the
 * array as sfn_vec_reserve does; *COUNT counts it on success. */
enum sfn_status sfn_vec_push(void *items, size_t *count, size_t *cap,
                             const void *item, size_t size, size_t max);

/* ---- string map ---------------------------------------------------------
 * Maps NUL-terminated strings to pointers. Keys are not copied: each must
 * stay alive and unchanged while it is in the map. */

struct sfn_strmap_slot;

struct sfn_strmap {
	struct sfn_strmap_slot *slots; /* NULL until the first put */
	size_t cap;                    /* a power of two, or 0 */
	size_t count;
};

void sfn_strmap_init(struct sfn_strmap *map);
void sfn_strmap_free(struct sfn_strmap *map);
/* Adds KEY -> VALUE unless KEY is there already. *EXISTING (if not NULL)
 * receives the value already stored, or NULL when KEY was added. */
enum sfn_status sfn_strmap_put(struct sfn_strmap *map, const char *key,
                               void *value, void **existing);
/* Stores KEY -> VALUE, replacing the value (not the key) already stored
 * for an equal key. */
enum sfn_status sfn_strmap_set(struct sfn_strmap *map, const char *key,
                               void *value);
/* The value stored for KEY, or NULL. */
void *sfn_strmap_get(const struct sfn_strmap *map, const char *key);
/* Makes room for N keys in all, so that adding them rehashes nothing. */
enum sfn_status sfn_strmap_reserve(struct sfn_strmap *map, size_t n);

/* ---- calendar (calendar.c) ----------------------------------------------
 * The proleptic Gregorian calendar, days counted from 1970-01-01. */

/* Days from 1970-01-01 to Y-M-D (M 1 to 12, D 1 to 31), negative before. */
long sfn_days_from_civil(long y, long m, long d);
/* The date Z days from 1970-01-01. */
void sfn_civil_from_days(long z, long *y, long *m, long *d);

/* ---- files -------------------------------------------------------------- */

/* Reads all of PATH ("-" is standard input) into a malloc'd buffer with a
 * NUL after the last byte. Fails with SFN_ERR_LIMIT past MAX bytes and with
 * SFN_ERR_IO (errno set) when the file cannot be read. */
enum sfn_status sfn_read_file(const char *path, size_t max, char **data,
                              size_t *len);
/* The same, without a copy where it can: a regular file is mapped
 * read-only (*MAPPED set) when a NUL follows its last byte in the mapping
 * (its size is not a whole number of pages); otherwise, and for standard
 * input, it is read. Give the text back with sfn_file_release. */
enum sfn_status sfn_map_file(const char *path, size_t max, const char **data,
                             size_t *len, int *mapped);
void sfn_file_release(const char *data, size_t len, int mapped);
/* Tells the system that bytes FROM to UPTO of a mapped file's text will
 * not be read soon: the whole pages among them leave memory (a later read
 * brings them back from the file, so the text stays the same). Nothing
 * for text that was read into memory. */
void sfn_file_drop(const char *data, size_t from, size_t upto, int mapped);
/* Writes the LEN bytes of DATA to PATH, creating it (mode 0666 less the
 * umask) or replacing what it held. Fails with SFN_ERR_IO, errno set. */
enum sfn_status sfn_write_file(const char *path, const char *data, size_t len);

#endif
