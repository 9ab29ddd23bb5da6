/* The command line: a table of subcommands, each with a table of options
 * parsed the getopt way. Only this piece picks exit codes and prints. */
#ifndef SFN_CLI_H
#define SFN_CLI_H

#include <stdio.h>

#include "sfn/diag.h"
#include "sfn/json.h"

enum cli_exit {
	CLI_OK = 0,       /* success, nothing found */
	CLI_FINDINGS = 1, /* lint findings, or a failed execution */
	CLI_USAGE = 2     /* usage error, or input/output failure */
};

struct cli_opt {
	const char *name; /* long name without "--" */
	char short_name;  /* or 0 */
	const char *arg;  /* metavariable ("FORMAT"), NULL for a flag */
	int id;           /* passed to the command's handler */
	const char *help; /* one line */
};

struct cli_command {
	const char *name;
	const char *summary;        /* one line for 'sfnc --help' */
	const char *usage;          /* "sfnc lint [OPTIONS] FILE..." */
	const char *description;    /* paragraphs for 'sfnc help NAME' */
	const char *exit_status;    /* what 0, 1 and 2 mean for it */
	const struct cli_opt *opts; /* ends with a zeroed entry */
	/* Returns -1 to go on, or an exit code after reporting. */
	int (*option)(const struct cli_command *cmd, void *ctx,
	              const struct cli_opt *opt, const char *value);
	/* NULL while the command is not built yet. */
	int (*run)(const struct cli_command *cmd, void *ctx, int nops,
	           char **operands);
	size_t ctx_size; /* the handler's state, zeroed */
};

extern const struct cli_command *const sfn_cli_commands[];

/* Parses ARGC/ARGV (ARGV[0] is the command's name) against CMD's table,
 * calling CMD->option for each option and collecting operands in order
 * into OPERANDS/NOPS. Returns -1 to go on, or an exit code: 0 after
 * printing help, 2 after a usage error (already reported). */
int sfn_cli_parse(const struct cli_command *cmd, void *ctx, int argc,
                  char **argv, char **operands, int *nops);
void sfn_cli_print_help(const struct cli_command *cmd, FILE *out);
/* One option's line of help, as 'sfnc help COMMAND' shows it. */
void sfn_cli_print_opt(const struct cli_opt *o, FILE *out);

/* ---- the program as a whole (usage.c, manpage.c) -------------------------
 * 'sfnc --help', the man page and the completion scripts are made from
 * these tables and the commands' own. */

extern const struct cli_opt sfn_cli_global_opts[]; /* --help, --version */
extern const char sfn_cli_exit_status[];           /* "  0  success\n..." */
extern const char sfn_cli_summary[];               /* one sentence */
void sfn_cli_print_usage(FILE *out);
/* Writes sfnc(1) in roff; returns -1 when OUT has a write error. */
int sfn_cli_write_man(FILE *out);
/* Prints "sfnc CMD: MESSAGE" on stderr; returns CLI_USAGE. */
int sfn_cli_error(const struct cli_command *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* ---- shared by commands -------------------------------------------------- */

/* --color WHEN (color.c). */
enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
/* "auto", "always" or "never"; -1 for anything else. */
int sfn_cli_color_parse(const char *when);
/* Whether to colour what goes to STREAM: ALWAYS, NEVER, or for AUTO a
 * terminal other than TERM=dumb, and NO_COLOR unset or empty. */
int sfn_cli_use_color(enum cli_color when, FILE *stream);

/* A text that is a mapping of its file (sfn_map_file). */
struct cli_mapping {
	const char *text;
	size_t len;
};

/* Inputs read so far; their text stays for quoting in diagnostics. */
struct cli_sources {
	struct sfn_source *items;
	size_t count, cap;
	struct cli_mapping *maps; /* the texts that are mappings */
	size_t nmaps, maps_cap;
};

/* Reads PATH ("-": standard input, named "<stdin>") up to MAX bytes and
 * keeps it in SOURCES. Reports failures itself; returns NULL then. */
const struct sfn_source *sfn_cli_read(const struct cli_command *cmd,
                                      struct cli_sources *sources,
                                      const char *path, size_t max);
/* The same without a word: NULL and *STATUS (SFN_ERR_IO with errno,
 * SFN_ERR_LIMIT, SFN_ERR_NOMEM) on failure. */
const struct sfn_source *sfn_cli_read_quiet(struct cli_sources *sources,
                                            const char *path, size_t max,
                                            enum sfn_status *status);
/* The same, also adding an io-error diagnostic at the file to DIAGS on
 * failure (DIAGS may be NULL). */
const struct sfn_source *sfn_cli_read_diag(const struct cli_command *cmd,
                                           struct cli_sources *sources,
                                           const char *path, size_t max,
                                           struct sfn_diags *diags);
/* sfn_cli_read_diag for a text that is never written to: a read-only
 * mapping of the file where it allows (a regular file), so that its
 * pages are the page cache's, not a copy. */
const struct sfn_source *sfn_cli_read_diag_const(const struct cli_command *cmd,
                                                 struct cli_sources *sources,
                                                 const char *path, size_t max,
                                                 struct sfn_diags *diags);
void sfn_cli_sources_free(struct cli_sources *sources);
/* Renders DIAGS as text on standard error, quoting SOURCES; 0 when
 * they could not be shown (said on standard error). */
int sfn_cli_print_diags(struct sfn_diags *diags,
                        const struct cli_sources *sources);
/* Reads and parses the JSON document at PATH ("-": standard input),
 * keeping its text in SOURCES. Reports failures itself (a syntax error as
 * a located diagnostic); returns NULL then. Warnings are not shown. */
struct sfn_json_doc *sfn_cli_read_json(const struct cli_command *cmd,
                                       struct cli_sources *sources,
                                       const char *path);
/* Parses SRC, already read into SOURCES, the same way. */
struct sfn_json_doc *sfn_cli_parse_json(const struct sfn_source *src,
                                        const struct cli_sources *sources);
/* The file an option's JSON|@FILE|- ARG names: FILE of @FILE, "-"
 * (standard input), or with PLAIN_FILES ARG itself when it is no JSON
 * text but an existing regular file (sfnc eval's older FILE form);
 * NULL when ARG is JSON text. */
const char *sfn_cli_json_arg_file(const char *arg, int plain_files);
/* Reads the JSON document of such an ARG the way of sfn_cli_read_json;
 * JSON text is a source named NAME ("<input>"), its errors located in
 * it. NULL when anything is wrong, said on standard error. */
struct sfn_json_doc *sfn_cli_read_json_arg(const struct cli_command *cmd,
                                           struct cli_sources *sources,
                                           const char *arg, const char *name,
                                           int plain_files);
/* The reader a document goes to. */
enum cli_reader { CLI_READER_AUTO, CLI_READER_JSON, CLI_READER_YAML };

/* Parses "auto", "json" or "yaml"; -1 for anything else. */
int sfn_cli_reader_parse(const char *name);
/* Parses SRC with FORCED's reader, or when AUTO by the name's extension
 * (.json: JSON; .yaml, .yml, .template: YAML), else by content (JSON when
 * the first character past white space and a byte order mark is '{' or
 * '['). Diagnostics go to DIAGS; a syntax error's message says which
 * reader read the text and why. NULL when the text does not parse, with
 * *STATUS saying why (SFN_ERR_SYNTAX, SFN_ERR_LIMIT, SFN_ERR_NOMEM). */
struct sfn_json_doc *sfn_cli_parse_as(const struct sfn_source *src,
                                      enum cli_reader forced,
                                      struct sfn_diags *diags,
                                      enum sfn_status *status);
/* The same, JSON being read in place (sfn_json_parse_in_place): SRC's
 * text holds NULs for quotes until the document is freed. For a big
 * file, one copy of the text in memory instead of two. */
struct sfn_json_doc *sfn_cli_parse_in_place(const struct sfn_source *src,
                                            enum cli_reader forced,
                                            struct sfn_diags *diags,
                                            enum sfn_status *status);
/* The same for sfnc lint: a JSON state machine definition is checked as
 * it is read (sfn_asl_read_validate, *VALIDATED set to 1), each state's
 * tree dropped once checked; anything else is left for the caller to
 * check (*VALIDATED 0). */
struct sfn_json_doc *sfn_cli_parse_lint(const struct sfn_source *src,
                                        enum cli_reader forced,
                                        struct sfn_diags *diags,
                                        enum sfn_status *status,
                                        int *validated);
/* Checks the local DefinitionUri files of the template DOC, read from
 * the file NAME (paths are relative to its folder): each is read into
 * SOURCES (its path kept in NAMES) and its findings go to DIAGS; one that
 * cannot be read is reported as not checked. */
void sfn_cli_follow_uris(const struct sfn_json_doc *doc, const char *name,
                         struct cli_sources *sources, struct sfn_arena *names,
                         struct sfn_diags *diags);
/* A --format value into *FORMAT: -1 to go on, or CLI_USAGE after
 * reporting an unknown one. */
int sfn_cli_format_option(const struct cli_command *cmd, const char *value,
                          enum sfn_format *format);
/* Sorts DIAGS and writes them in FORMAT to standard output, quoting
 * SOURCES, coloured as COLOR says; reports a failure and returns 0. */
int sfn_cli_render(const struct cli_command *cmd, enum sfn_format format,
                   enum cli_color color, struct sfn_diags *diags,
                   const struct cli_sources *sources);
/* Whether NAME is a .sfn file (by its extension). */
int sfn_cli_is_sfn(const char *name);
/* Compiles the .sfn source SRC for its findings only (into DIAGS);
 * SFN_ERR_NOMEM (also set in DIAGS) when memory ran out. */
enum sfn_status sfn_cli_lint_sfn(const struct sfn_source *src,
                                 struct sfn_diags *diags);
/* The CloudFormation template of stack I of U into *OUT (the caller's). */
struct sfn_lang_unit;
enum sfn_status sfn_cli_stack_template(const struct sfn_lang_unit *u, size_t i,
                                       cJSON **out);
/* Writes BUF to standard output; reports a failure and returns 0. */
int sfn_cli_write(const struct cli_command *cmd, const struct sfn_buf *buf);
/* Flushes standard output; reports a write error and returns CLI_USAGE,
 * else CLI_OK. */
int sfn_cli_flush(const struct cli_command *cmd);

#endif
