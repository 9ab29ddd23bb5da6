/* sfnc jsonpath: evaluates a JsonPath expression on a JSON document and
 * prints what Step Functions would give (a definite path: the value; an
 * indefinite one: an array), or RFC 9535's node list. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"

enum { OPT_COMPACT, OPT_PATHS, OPT_RFC9535, OPT_CONTEXT, OPT_VARS };

struct jsonpath {
	int compact, paths, rfc9535;
	const char *context; /* file holding the context object */
	const char *vars;    /* file holding an object of variables */
};

static const struct cli_opt jsonpath_opts[] = {
	{ "compact", 'c', NULL, OPT_COMPACT, "print JSON on one line" },
	{ "paths", 0, NULL, OPT_PATHS,
	  "print normalized paths ($['a'][0]) instead of values" },
	{ "rfc9535", 0, NULL, OPT_RFC9535,
	  "use RFC 9535 JSONPath instead of Step Functions' dialect" },
	{ "context", 0, "FILE", OPT_CONTEXT,
	  "the context object that $$ paths read" },
	{ "vars", 0, "FILE", OPT_VARS,
	  "a JSON object of workflow variables for $name paths" },
	{ NULL, 0, NULL, 0, NULL }
};

static int jsonpath_option(const struct cli_command *cmd, void *ctx,
                           const struct cli_opt *o, const char *v)
{
	struct jsonpath *j = ctx;

	(void) cmd;
	switch (o->id) {
	case OPT_COMPACT:
		j->compact = 1;
		break;
	case OPT_PATHS:
		j->paths = 1;
		break;
	case OPT_RFC9535:
		j->rfc9535 = 1;
		break;
	case OPT_CONTEXT:
		j->context = v;
		break;
	case OPT_VARS:
		j->vars = v;
		break;
	}
	return -1;
}

/* Parses EXPR, reporting a syntax error with a caret under it, or the
 * failure that left no diagnostic (out of memory). */
static struct sfn_path *parse_expr(const struct cli_command *cmd,
                                   const char *expr, int rfc9535)
{
	struct sfn_source src = { "<expression>", expr, strlen(expr) };
	struct cli_sources one = { &src, 1, 1, NULL, 0, 0 };
	struct sfn_loc at = { "<expression>", 1, 1, 1, 1 };
	struct sfn_diags diags;
	struct sfn_path *path;
	enum sfn_status st;

	sfn_diags_init(&diags);
	st = sfn_path_parse(expr, rfc9535 ? SFN_PATH_RFC9535 : SFN_PATH_AWS,
	                    &at, &diags, &path);
	if (path == NULL && diags.count > 0)
		sfn_cli_print_diags(&diags, &one);
	else if (path == NULL)
		sfn_cli_error(cmd, "%s", sfn_status_str(st));
	sfn_diags_free(&diags);
	return path;
}

/* The document a path's root names: the input, the context object or a
 * variable. NULL (reported) when it is not to be had. */
static const cJSON *root_document(const struct cli_command *cmd,
                                  const struct jsonpath *j,
                                  const struct sfn_path *path,
                                  struct cli_sources *sources,
                                  struct sfn_json_doc **extra,
                                  const char *input)
{
	const char *var = sfn_path_variable(path);
	const cJSON *v;

	switch (sfn_path_root_kind(path)) {
	case SFN_PATH_ROOT_CONTEXT:
		if (j->context == NULL)
			return sfn_cli_error(cmd,
			                     "'%s' reads the context "
			                     "object: give it with --context "
			                     "FILE",
			                     sfn_path_text(path)),
			       NULL;
		*extra = sfn_cli_read_json(cmd, sources, j->context);
		return *extra ? sfn_json_root(*extra) : NULL;
	case SFN_PATH_ROOT_VARIABLE:
		if (j->vars == NULL)
			return sfn_cli_error(cmd,
			                     "'%s' reads the variable "
			                     "'%s': give variables with --vars "
			                     "FILE",
			                     sfn_path_text(path), var),
			       NULL;
		*extra = sfn_cli_read_json(cmd, sources, j->vars);
		if (*extra == NULL)
			return NULL;
		v = cJSON_GetObjectItemCaseSensitive(sfn_json_root(*extra),
		                                     var);
		if (v == NULL)
			sfn_cli_error(cmd, "no variable '%s' in '%s'", var,
			              j->vars);
		return v;
	default:
		*extra = sfn_cli_read_json(cmd, sources, input);
		return *extra ? sfn_json_root(*extra) : NULL;
	}
}

/* The result as Step Functions shapes it: a definite aws path gives the
 * one value (or path); anything else an array. */
static cJSON *shape(const struct jsonpath *j, const struct sfn_path *path,
                    const struct sfn_nodelist *l)
{
	int single = !j->rfc9535 && sfn_path_is_definite(path);
	cJSON *a;

	if (single && l->count == 1)
		return j->paths ? cJSON_CreateString(l->paths[0])
		                : cJSON_Duplicate(l->nodes[0], 1);
	a = cJSON_CreateArray();
	for (size_t i = 0; a != NULL && i < l->count; i++)
		cJSON_AddItemToArray(
		        a, j->paths ? cJSON_CreateString(l->paths[i])
		                    : cJSON_Duplicate(l->nodes[i], 1));
	return a;
}

static int print_miss(const struct sfn_path *path,
                      const struct sfn_path_miss *miss)
{
	fprintf(stderr, "sfnc jsonpath: '%s' selects nothing: %s\n",
	        sfn_path_text(path), miss->message);
	fprintf(stderr, "  %s\n  %*s^\n", sfn_path_text(path),
	        (int) miss->col - 1, "");
	fprintf(stderr,
	        "Step Functions fails such a path: Invalid path "
	        "'%s' : No results for path: %s\n",
	        sfn_path_text(path), miss->canonical);
	return CLI_FINDINGS;
}

static int print_result(const struct cli_command *cmd, const struct jsonpath *j,
                        const struct sfn_path *path,
                        const struct sfn_nodelist *l)
{
	cJSON *v = shape(j, path, l);
	struct sfn_buf out;
	int ok;

	sfn_buf_init(&out, (size_t) 1 << 31);
	if (v == NULL)
		out.status = SFN_ERR_NOMEM;
	else
		sfn_jsonout_value(v,
		                  j->compact ? SFN_JSONOUT_COMPACT
		                             : SFN_JSONOUT_PRETTY,
		                  &out);
	sfn_buf_addc(&out, '\n');
	ok = sfn_cli_write(cmd, &out);
	sfn_buf_free(&out);
	cJSON_Delete(v);
	return ok ? CLI_OK : CLI_USAGE;
}

static int evaluate(const struct cli_command *cmd, const struct jsonpath *j,
                    const struct sfn_path *path, const cJSON *root)
{
	struct sfn_path_miss miss = { 0, 0, NULL, NULL };
	struct sfn_nodelist l;
	enum sfn_status st;
	int rc;

	st = sfn_path_eval(path, root, j->paths, &l, &miss);
	if (st != SFN_OK)
		return sfn_cli_error(cmd, "%s", sfn_status_str(st));
	if (miss.message != NULL)
		rc = print_miss(path, &miss);
	else
		rc = print_result(cmd, j, path, &l);
	sfn_path_miss_clear(&miss);
	sfn_nodelist_free(&l);
	return rc;
}

static enum sfn_status write_out(void *ctx, const char *text, size_t len)
{
	(void) ctx;
	return fwrite(text, 1, len, stdout) == len ? SFN_OK : SFN_ERR_IO;
}

/* Large documents: the path runs over the text, with no tree: streamed
 * when it can be, else over a tape of the text (as are normalized
 * paths). Returns -1 when the tree evaluator must answer instead (a
 * definite path found nothing and its miss must be explained, or the
 * input is not JSON and the reader must say where). */
static int stream(const struct cli_command *cmd, const struct jsonpath *j,
                  const struct sfn_path *path, const struct sfn_source *src,
                  int mapped)
{
	struct sfn_path_stream_opts so = {
		j->compact ? SFN_JSONOUT_COMPACT : SFN_JSONOUT_PRETTY,
		j->rfc9535 || !sfn_path_is_definite(path), write_out, NULL,
		mapped
	};
	size_t count;
	enum sfn_status st;

	if (j->paths || !sfn_path_streamable(path))
		st = sfn_path_tape(path, src->text, src->len, &so, j->paths,
		                   &count);
	else
		st = sfn_path_stream(path, src->text, src->len, &so, &count);
	if (st == SFN_ERR_SYNTAX || (st == SFN_OK && !so.wrap && count == 0))
		return -1;
	if (st == SFN_OK && (fputc('\n', stdout) == EOF || fflush(stdout)))
		st = SFN_ERR_IO;
	if (st == SFN_ERR_IO)
		return sfn_cli_error(cmd, "cannot write output");
	if (st != SFN_OK)
		return sfn_cli_error(cmd, "%s", sfn_status_str(st));
	return CLI_OK;
}

/* Paths on the input ($) run on its text, not on a tree. */
static int try_stream(const struct cli_command *cmd, const struct jsonpath *j,
                      const struct sfn_path *path, struct cli_sources *sources,
                      const char *input)
{
	const struct sfn_source *src;
	struct sfn_source mapped = { input, NULL, 0 };
	int is_mapped = 0, rc = -1;

	if (sfn_path_root_kind(path) != SFN_PATH_ROOT_INPUT)
		return -1;
	/* A file is scanned where the system maps it, not copied; when the
	 * tree must answer, it is read again (rarely: a miss or an error),
	 * and so is a file that could not be mapped. */
	if (strcmp(input, "-") != 0 &&
	    sfn_map_file(input, SFN_JSON_MAX_BYTES, &mapped.text, &mapped.len,
	                 &is_mapped) == SFN_OK) {
		if (is_mapped)
			rc = stream(cmd, j, path, &mapped, 1);
		sfn_file_release(mapped.text, mapped.len, is_mapped);
		if (is_mapped)
			return rc;
	}
	src = sfn_cli_read(cmd, sources, input, SFN_JSON_MAX_BYTES + 1);
	if (src == NULL)
		return CLI_USAGE;
	return stream(cmd, j, path, src, 0);
}

static int jsonpath_run(const struct cli_command *cmd, void *ctx, int nops,
                        char **operands)
{
	struct jsonpath *j = ctx;
	struct cli_sources sources = { NULL, 0, 0, NULL, 0, 0 };
	struct sfn_json_doc *doc = NULL;
	struct sfn_path *path;
	const cJSON *root;
	const char *input;
	int rc;

	if (nops < 1 || nops > 2)
		return sfn_cli_error(
		        cmd, nops < 1 ? "missing EXPR (see 'sfnc "
		                        "jsonpath --help')"
		                      : "too many "
		                        "arguments: one EXPR and one FILE");
	path = parse_expr(cmd, operands[0], j->rfc9535);
	if (path == NULL)
		return CLI_USAGE;
	input = nops == 2 ? operands[1] : "-";
	rc = try_stream(cmd, j, path, &sources, input);
	if (rc < 0 && sources.count > 0) {
		/* already read: parse that text, standard input included */
		doc = sfn_cli_parse_json(&sources.items[0], &sources);
		root = doc ? sfn_json_root(doc) : NULL;
		rc = root ? evaluate(cmd, j, path, root) : CLI_USAGE;
	} else if (rc < 0) {
		root = root_document(cmd, j, path, &sources, &doc, input);
		rc = root ? evaluate(cmd, j, path, root) : CLI_USAGE;
	}
	sfn_json_doc_free(doc);
	sfn_cli_sources_free(&sources);
	sfn_path_free(path);
	return rc;
}

const struct cli_command sfn_cli_jsonpath = {
	"jsonpath",
	"Evaluate a JsonPath expression against JSON input.",
	"sfnc jsonpath [OPTIONS] EXPR [FILE|-]",
	"Reads the JSON document FILE (standard input when it is '-' or\n"
	"missing) and prints what EXPR selects, as Step Functions does: a\n"
	"definite path ($.a.b[0]) gives the value itself, an indefinite one\n"
	"(wildcards, slices, filters, '..', unions) an array, [] when nothing\n"
	"matches. A definite path that matches nothing fails, as the service\n"
	"fails it: sfnc says which segment found nothing and exits 1.\n"
	"\n"
	"$$ paths read the context object (--context), $name paths a\n"
	"workflow variable (--vars). With --rfc9535 the expression is RFC\n"
	"9535 JSONPath and the output is always the node list as an array.\n"
	"\n"
	"Examples:\n"
	"  sfnc jsonpath '$.store.book[0].title' store.json\n"
	"  sfnc jsonpath '$..book[?(@.price < 10)].title' store.json\n"
	"  sfnc jsonpath --rfc9535 --paths '$..author' store.json\n"
	"  echo '{\"a\":[1,2,3]}' | sfnc jsonpath -c '$.a[-1:]'\n",
	"  0  the path was evaluated and its result printed\n"
	"  1  a definite path selected nothing\n"
	"  2  usage error, invalid expression, or unreadable input\n",
	jsonpath_opts,
	jsonpath_option,
	jsonpath_run,
	sizeof(struct jsonpath),
};
