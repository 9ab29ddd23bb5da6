/* sfnc compile: reads a .sfn file, reports what is wrong with it, and
 * writes each stack's CloudFormation template and each machine's ASL (to
 * files, or one to standard output). Exits 0 (compiled), 1 (findings) or
 * 2 (usage or I/O). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "sfn/cfn.h"
#include "sfn/jsonout.h"
#include "sfn/lang.h"

enum { OPT_ASL, OPT_TEMPLATE, OPT_CHECK, OPT_FORMAT, OPT_OUT };

struct compile {
	int asl, template_, check;
	enum sfn_format format;
	const char *out_dir;
};

static const struct cli_opt compile_opts[] = {
	{ "asl", 0, NULL, OPT_ASL,
	  "print one machine's ASL (the one named after FILE, or the only "
	  "one)" },
	{ "template", 0, NULL, OPT_TEMPLATE,
	  "print one stack's CloudFormation template (the one named after "
	  "FILE, or the only stack)" },
	{ "check", 0, NULL, OPT_CHECK, "check only; write nothing" },
	{ "format", 'f', "FORMAT", OPT_FORMAT,
	  "findings as text (default), json, sarif or github" },
	{ "output", 'o', "DIR", OPT_OUT,
	  "write the files into DIR, made if missing (default: .)" },
	{ NULL, 0, NULL, 0, NULL }
};

static int compile_option(const struct cli_command *cmd, void *ctx,
                          const struct cli_opt *o, const char *v)
{
	struct compile *c = ctx;

	switch (o->id) {
	case OPT_ASL:
		c->asl = 1;
		break;
	case OPT_TEMPLATE:
		c->template_ = 1;
		break;
	case OPT_CHECK:
		c->check = 1;
		break;
	case OPT_FORMAT:
		return sfn_cli_format_option(cmd, v, &c->format);
	case OPT_OUT:
		c->out_dir = v;
		break;
	}
	return -1;
}

/* Findings: with --check in the chosen format on standard output, else
 * as text on standard error. Returns 0 when writing failed. */
static int report(const struct cli_command *cmd, const struct compile *c,
                  struct sfn_diags *diags, const struct cli_sources *sources)
{
	struct sfn_render_opts ro = {
		SFN_FORMAT_TEXT, sources->items, sources->count,
		PACKAGE_VERSION, sfn_cli_use_color(CLI_COLOR_AUTO, stderr)
	};
	struct sfn_buf out;
	int ok;

	if (c->check)
		return sfn_cli_render(cmd, c->format, CLI_COLOR_AUTO, diags,
		                      sources);
	sfn_diags_sort(diags);
	sfn_buf_init(&out, (size_t) 1 << 26);
	sfn_diags_render(diags, &ro, &out);
	ok = out.status == SFN_OK;
	if (ok)
		fputs(sfn_buf_str(&out), stderr);
	else
		sfn_cli_error(cmd, "out of memory");
	sfn_buf_free(&out);
	return ok;
}

static int render(const cJSON *asl, struct sfn_buf *out)
{
	sfn_jsonout_value(asl, SFN_JSONOUT_PRETTY, out);
	sfn_buf_addc(out, '\n');
	return out->status == SFN_OK;
}

/* The stack named NAME, or the only one: its index, or the count with an
 * error said. */
static size_t pick_stack(const struct cli_command *cmd,
                         const struct sfn_lang_unit *u, const char *file,
                         const char *name)
{
	size_t n = sfn_lang_stack_count(u), pick = n;

	for (size_t i = 0; i < n; i++)
		if (name == NULL
		            ? n == 1
		            : strcmp(sfn_lang_stack_at(u, i)->name, name) == 0)
			pick = i;
	if (pick == n && name != NULL)
		sfn_cli_error(cmd, "no stack named '%s'", name);
	else if (n == 0)
		sfn_cli_error(cmd, "%s defines no stack", file);
	else if (pick == n)
		sfn_cli_error(cmd,
		              "the file has %zu stacks; name one: sfnc compile "
		              "--template FILE STACK",
		              n);
	return pick;
}

/* Stack I's template, pretty-printed, into OUT; 0 with the error said. */
static int render_template(const struct cli_command *cmd,
                           const struct sfn_lang_unit *u, size_t i,
                           struct sfn_buf *out)
{
	cJSON *t = NULL;
	enum sfn_status st = sfn_cli_stack_template(u, i, &t);
	int ok = st == SFN_OK && render(t, out);

	cJSON_Delete(t);
	if (st == SFN_ERR_LIMIT)
		sfn_cli_error(cmd,
		              "stack '%s': a definition is nested more than "
		              "%d levels deep",
		              sfn_lang_stack_at(u, i)->name, SFN_CFN_MAX_DEPTH);
	else if (!ok)
		sfn_cli_error(cmd, "out of memory");
	return ok;
}

/* --template [STACK]: the named stack, or the only one. */
static int print_template(const struct cli_command *cmd,
                          const struct sfn_lang_unit *u, const char *file,
                          const char *name)
{
	size_t pick = pick_stack(cmd, u, file, name);
	struct sfn_buf out;
	int ok;

	if (pick == sfn_lang_stack_count(u))
		return CLI_USAGE;
	sfn_buf_init(&out, (size_t) 1 << 30);
	ok = render_template(cmd, u, pick, &out) && sfn_cli_write(cmd, &out);
	sfn_buf_free(&out);
	return ok ? CLI_OK : CLI_USAGE;
}

/* --asl [MACHINE]: the named machine, or the only one. */
static int print_asl(const struct cli_command *cmd,
                     const struct sfn_lang_unit *u, const char *file,
                     const char *name)
{
	size_t n = sfn_lang_machine_count(u), pick = n;
	struct sfn_buf out;
	int ok;

	for (size_t i = 0; i < n; i++)
		if (name == NULL
		            ? n == 1
		            : strcmp(sfn_lang_machine_name(u, i), name) == 0)
			pick = i;
	if (pick == n && name != NULL)
		return sfn_cli_error(cmd, "no machine named '%s'", name);
	if (n == 0)
		return sfn_cli_error(cmd, "%s defines no state machine", file);
	if (pick == n)
		return sfn_cli_error(cmd,
		                     "the file has %zu machines; name one: "
		                     "sfnc compile --asl FILE MACHINE",
		                     n);
	sfn_buf_init(&out, (size_t) 1 << 30);
	render(sfn_lang_machine_asl(u, pick), &out);
	ok = sfn_cli_write(cmd, &out);
	sfn_buf_free(&out);
	return ok ? CLI_OK : CLI_USAGE;
}

static int write_file(const struct cli_command *cmd, const char *path,
                      const struct sfn_buf *buf)
{
	if (sfn_write_file(path, sfn_buf_str(buf), buf->len) != SFN_OK)
		return sfn_cli_error(cmd, "cannot write '%s': %s", path,
		                     strerror(errno));
	return CLI_OK;
}

/* DIR/<Stack>.template.json for every stack, each rendered into OUT
 * (emptied first). */
static int write_templates(const struct cli_command *cmd, const char *dir,
                           const struct sfn_lang_unit *u, struct sfn_buf *out)
{
	for (size_t i = 0; i < sfn_lang_stack_count(u); i++) {
		struct sfn_buf path;
		int rc = CLI_USAGE;

		sfn_buf_reset(out);
		sfn_buf_init(&path, 4096);
		sfn_buf_printf(&path, "%s/%s.template.json", dir,
		               sfn_lang_stack_at(u, i)->name);
		if (path.status != SFN_OK)
			sfn_cli_error(cmd, "out of memory");
		else if (render_template(cmd, u, i, out))
			rc = write_file(cmd, sfn_buf_str(&path), out);
		sfn_buf_free(&path);
		if (rc != CLI_OK)
			return rc;
	}
	return CLI_OK;
}

/* DIR/<Stack>.<Machine>.asl.json for every machine, the same way. */
static int write_asls(const struct cli_command *cmd, const char *dir,
                      const struct sfn_lang_unit *u, struct sfn_buf *out)
{
	for (size_t i = 0; i < sfn_lang_machine_count(u); i++) {
		struct sfn_buf path;
		int rc = CLI_USAGE;

		sfn_buf_reset(out);
		sfn_buf_init(&path, 4096);
		sfn_buf_printf(&path, "%s/%s.%s.asl.json", dir,
		               sfn_lang_machine_stack(u, i),
		               sfn_lang_machine_name(u, i));
		if (path.status == SFN_OK &&
		    render(sfn_lang_machine_asl(u, i), out))
			rc = write_file(cmd, sfn_buf_str(&path), out);
		else
			sfn_cli_error(cmd, "out of memory");
		sfn_buf_free(&path);
		if (rc != CLI_OK)
			return rc;
	}
	return CLI_OK;
}

/* -o DIR: DIR/<Stack>.template.json for every stack and
 * DIR/<Stack>.<Machine>.asl.json for every machine. */
static int write_all(const struct cli_command *cmd, const struct compile *c,
                     const struct sfn_lang_unit *u)
{
	const char *dir = c->out_dir != NULL ? c->out_dir : ".";
	struct sfn_buf out;
	int rc;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return sfn_cli_error(cmd, "cannot create '%s': %s", dir,
		                     strerror(errno));
	/* one buffer for all the files: each is written in the room the
	 * ones before made, without growing (and copying) it again */
	sfn_buf_init(&out, (size_t) 1 << 30);
	rc = write_templates(cmd, dir, u, &out);
	if (rc == CLI_OK)
		rc = write_asls(cmd, dir, u, &out);
	sfn_buf_free(&out);
	return rc;
}

static int emit(const struct cli_command *cmd, const struct compile *c,
                const struct sfn_lang_unit *u, int nops, char **operands)
{
	if (c->check)
		return CLI_OK;
	if (c->asl)
		return print_asl(cmd, u, operands[0],
		                 nops > 1 ? operands[1] : NULL);
	if (c->template_)
		return print_template(cmd, u, operands[0],
		                      nops > 1 ? operands[1] : NULL);
	return write_all(cmd, c, u);
}

int sfn_cli_is_sfn(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".sfn") == 0;
}

enum sfn_status sfn_cli_lint_sfn(const struct sfn_source *src,
                                 struct sfn_diags *diags)
{
	struct sfn_lang_unit *unit = NULL;
	enum sfn_status st =
	        sfn_lang_compile(src->text, src->len, src->name, diags, &unit);

	sfn_lang_free(unit);
	if (st != SFN_ERR_NOMEM)
		return SFN_OK; /* findings are in DIAGS */
	diags->status = SFN_ERR_NOMEM;
	return st;
}

static int compile_run(const struct cli_command *cmd, void *ctx, int nops,
                       char **operands)
{
	struct compile *c = ctx;
	struct cli_sources sources = { NULL, 0, 0, NULL, 0, 0 };
	const struct sfn_source *src;
	struct sfn_lang_unit *unit = NULL;
	struct sfn_diags diags;
	enum sfn_status st;
	int rc;

	if (c->asl && c->template_)
		return sfn_cli_error(cmd, "--asl and --template each print "
		                          "one file: give one of them");
	if (nops < 1 || nops > 2 || (nops == 2 && !c->asl && !c->template_))
		return sfn_cli_error(cmd, "expected one .sfn file (and, with "
		                          "--asl or --template, a machine's or "
		                          "a stack's name)");
	src = sfn_cli_read(cmd, &sources, operands[0], SFN_LANG_MAX_BYTES);
	if (src == NULL)
		return CLI_USAGE;
	sfn_diags_init(&diags);
	st = sfn_lang_compile(src->text, src->len, src->name, &diags, &unit);
	if (st == SFN_ERR_NOMEM || diags.status != SFN_OK)
		rc = sfn_cli_error(cmd, "out of memory");
	else if (!report(cmd, c, &diags, &sources))
		rc = CLI_USAGE;
	else if (st != SFN_OK || diags.errors > 0)
		rc = CLI_FINDINGS;
	else
		rc = emit(cmd, c, unit, nops, operands);
	sfn_lang_free(unit);
	sfn_diags_free(&diags);
	sfn_cli_sources_free(&sources);
	return rc;
}

const struct cli_command sfn_cli_compile = {
	"compile",
	"Compile a .sfn file to ASL and a CloudFormation template.",
	"sfnc compile [OPTIONS] FILE.sfn [MACHINE|STACK]",
	"Reads FILE.sfn ('-' for standard input), checks it, and writes\n"
	"DIR/<Stack>.template.json for each stack (a CloudFormation\n"
	"template as CDK 2.115.0 makes it, without CDK's bootstrap pieces)\n"
	"and DIR/<Stack>.<Machine>.asl.json for each machine of each stack\n"
	"(pretty-printed, the same bytes on every run). Every finding is\n"
	"reported at its place in FILE.sfn with the source line and a\n"
	"caret, including those of the ASL rules on the compiled machines;\n"
	"with findings nothing is written. docs/language.md describes the\n"
	"language.\n"
	"\n"
	"Examples:\n"
	"  sfnc compile app.sfn -o out/\n"
	"  sfnc compile --asl app.sfn Review\n"
	"  sfnc compile --template app.sfn > template.json\n"
	"  sfnc compile --check --format github app.sfn\n",
	"  0  compiled (with --check: no errors)\n"
	"  1  errors found\n"
	"  2  usage error, a file that cannot be read or written\n",
	compile_opts,
	compile_option,
	compile_run,
	sizeof(struct compile),
};
