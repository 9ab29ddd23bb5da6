/* Diagnostics: one type for every finding sfnc reports, the rule registry
 * they name, and renderers (text, JSON, SARIF 2.1.0, GitHub annotations).
 * Knows nothing of JSON documents, ASL or the .sfn language. */
#ifndef SFN_DIAG_H
#define SFN_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "sfn/status.h"
#include "sfn/util.h"

enum sfn_severity {
	SFN_SEV_OFF = 0, /* a disabled rule: diagnostics are dropped */
	SFN_SEV_NOTE,
	SFN_SEV_WARNING,
	SFN_SEV_ERROR
};

enum sfn_rule_id {
#define SFN_RULE(id, code, name, severity, aws, summary) SFN_RULE_##id,
#include "sfn/rules.def"
#undef SFN_RULE
	SFN_RULE_COUNT
};

struct sfn_rule {
	const char *code;           /* stable code, "SFN1001" */
	const char *name;           /* stable name, "json-syntax" */
	enum sfn_severity severity; /* default severity */
	const char *aws_code;       /* the service's code, or NULL */
	const char *summary;        /* one line, for rule lists */
};

const struct sfn_rule *sfn_rule_get(enum sfn_rule_id id);
/* Looks a rule up by name or code; returns -1 when there is none. */
int sfn_rule_find(const char *name_or_code);
/* The rule name closest to a misspelled NAME ("did you mean"), or NULL. */
const char *sfn_rule_closest(const char *name);
const char *sfn_severity_name(enum sfn_severity severity);

/* A place in a source file. Lines and columns count from 1; columns count
 * characters (Unicode code points), not bytes. 0 means unknown. The end is
 * exclusive: the column just past the last character. */
struct sfn_loc {
	const char *file; /* name as the user gave it; NULL when none */
	unsigned line, col;
	unsigned end_line, end_col;
};

struct sfn_diag {
	enum sfn_rule_id rule;
	enum sfn_severity severity;
	struct sfn_loc loc;  /* file points into the set's own copy */
	const char *message; /* owned by the set; valid UTF-8 */
	const char *pointer; /* RFC 6901 pointer ("/States/A/Choices/0") */
	const char *where;   /* the service's location, or NULL */
};

/* Bytes of a message at most: a longer one is cut on a character boundary
 * and ends in SFN_DIAG_CUT_MARK (within the limit). */
#define SFN_DIAG_MESSAGE_MAX 1024
#define SFN_DIAG_CUT_MARK    "..."

#define SFN_DIAGS_MAX 100000 /* diagnostics kept per set; more are counted */

/* A set of diagnostics. Owns the strings of everything added to it. */
struct sfn_diags {
	struct sfn_diag *items;
	size_t count, cap;
	size_t errors, warnings, notes; /* counted even past SFN_DIAGS_MAX */
	size_t dropped;                 /* not kept: over SFN_DIAGS_MAX */
	enum sfn_severity severity[SFN_RULE_COUNT]; /* in force per rule */
	enum sfn_status status; /* SFN_ERR_NOMEM once memory ran out */
	struct sfn_arena strings;
	const char *last_file_in; /* cache for file name copies */
	const char *last_file_copy;
};

void sfn_diags_init(struct sfn_diags *diags);
void sfn_diags_free(struct sfn_diags *diags);
void sfn_diags_set_severity(struct sfn_diags *diags, enum sfn_rule_id rule,
                            enum sfn_severity severity);
/* Adds a diagnostic for RULE at LOC (NULL: no location) with a printf-style
 * message. POINTER (an RFC 6901 JSON pointer) and WHERE (the service's
 * own location text, "/States/A/Choices[0]") may be NULL. The message is
 * kept as valid UTF-8 (broken sequences become U+FFFD) and cut at
 * SFN_DIAG_MESSAGE_MAX. Dropped silently when the rule is off. */
void sfn_diag_vadd(struct sfn_diags *diags, enum sfn_rule_id rule,
                   const struct sfn_loc *loc, const char *pointer,
                   const char *where, const char *fmt, va_list ap)
        __attribute__((format(printf, 6, 0)));
/* sfn_diag_vadd without WHERE, taking the arguments directly. */
void sfn_diag_add(struct sfn_diags *diags, enum sfn_rule_id rule,
                  const struct sfn_loc *loc, const char *pointer,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Adds a copy of D (from another set) located at LOC instead. */
void sfn_diag_copy(struct sfn_diags *diags, const struct sfn_diag *d,
                   const struct sfn_loc *loc);
/* Removes the diagnostics from index FROM on for which DROP says so,
 * keeping the order and the counts right. */
void sfn_diags_remove_if(struct sfn_diags *diags, size_t from,
                         int (*drop)(const struct sfn_diag *d, void *ctx),
                         void *ctx);
/* Moves the last diagnostic to index TO, the ones from TO on one place
 * later: for a finding made after others that must come before them. */
void sfn_diags_move_last(struct sfn_diags *diags, size_t to);
/* Orders diagnostics by file, line and column, keeping the order of equal
 * ones. */
void sfn_diags_sort(struct sfn_diags *diags);

/* ---- rendering ---------------------------------------------------------- */

/* Source text a renderer may quote; NAME matches sfn_loc.file. */
struct sfn_source {
	const char *name;
	const char *text;
	size_t len;
};

enum sfn_format {
	SFN_FORMAT_TEXT,  /* GNU style with the source line and a caret */
	SFN_FORMAT_JSON,  /* one JSON object listing every diagnostic */
	SFN_FORMAT_SARIF, /* SARIF 2.1.0, one run */
	SFN_FORMAT_GITHUB /* GitHub Actions workflow commands */
};

/* Parses "text", "json", "sarif" or "github"; returns -1 otherwise. */
int sfn_format_parse(const char *name);
/* The name of the I-th format (from 0), or NULL past the last. */
const char *sfn_format_name(size_t i);

struct sfn_render_opts {
	enum sfn_format format;
	const struct sfn_source *sources; /* for quoting lines; may be NULL */
	size_t nsources;
	const char *tool_version; /* for SARIF's driver */
	int color; /* text: ANSI colours (a terminal's), as GCC shows them */
};

/* Appends the rendering of every diagnostic in DIAGS to OUT. */
enum sfn_status sfn_diags_render(const struct sfn_diags *diags,
                                 const struct sfn_render_opts *opts,
                                 struct sfn_buf *out);

#endif
