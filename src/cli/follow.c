/* SAM's DefinitionUri: a template's state machine whose definition is a
 * local file is checked in that file (a path relative to the template's
 * folder), with locations there; a file that cannot be read is reported
 * as not checked. Knows templates only through libsfn's walk. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/asl.h"

struct follow {
	const struct sfn_json_doc *tmpl; /* the template */
	const char *dir;                 /* its folder, with the '/' */
	size_t dir_len;
	struct cli_sources *sources;
	struct sfn_arena *names; /* paths, for as long as SOURCES */
	struct sfn_diags *diags;
};

static void unreadable(struct follow *f, const cJSON *resource,
                       const cJSON *uri, const char *path, const char *why)
{
	struct sfn_loc at = sfn_json_loc(f->tmpl, uri);
	struct sfn_buf where;

	sfn_buf_init(&where, (size_t) 1 << 16);
	sfn_buf_printf(&where, "/Resources/%s/Properties/DefinitionUri",
	               resource->string);
	sfn_diag_add(f->diags, SFN_RULE_ASL_NOTHING_CHECKED, &at,
	             where.status == SFN_OK ? sfn_buf_str(&where) : NULL,
	             "cannot read '%s', the DefinitionUri of state machine "
	             "'%s': %s: nothing was checked",
	             path, resource->string, why);
	sfn_buf_free(&where);
}

static void follow_uri(void *ctx, const cJSON *resource, const cJSON *uri)
{
	struct follow *f = ctx;
	const char *rel = uri->valuestring;
	size_t dir_len = rel[0] == '/' ? 0 : f->dir_len;
	size_t n = strlen(rel);
	char *path = sfn_arena_alloc(f->names, dir_len + n + 1);
	const struct sfn_source *src;
	struct sfn_asl_opts opts = { 1, 0 }; /* substitutions: ${...} */
	struct sfn_json_doc *doc;
	enum sfn_status st;

	if (path == NULL) {
		f->diags->status = SFN_ERR_NOMEM;
		return;
	}
	memcpy(path, f->dir, dir_len);
	memcpy(path + dir_len, rel, n + 1);
	src = sfn_cli_read_quiet(f->sources, path, SFN_JSON_MAX_BYTES + 1, &st);
	if (src == NULL) {
		unreadable(f, resource, uri, path,
		           st == SFN_ERR_IO ? strerror(errno)
		                            : sfn_status_str(st));
		return;
	}
	doc = sfn_cli_parse_as(src, CLI_READER_AUTO, f->diags, &st);
	if (doc != NULL)
		sfn_asl_validate(doc, sfn_json_root(doc), &opts, f->diags);
	else if (st != SFN_ERR_SYNTAX && f->diags->status == SFN_OK)
		f->diags->status = st; /* out of memory, a limit: not checked */
	sfn_json_doc_free(doc);
}

void sfn_cli_follow_uris(const struct sfn_json_doc *doc, const char *name,
                         struct cli_sources *sources, struct sfn_arena *names,
                         struct sfn_diags *diags)
{
	const char *slash = strrchr(name, '/');
	struct follow f = { doc, name, 0, sources, names, diags };

	/* standard input and bare names: the current folder */
	if (slash != NULL && strcmp(name, "<stdin>") != 0)
		f.dir_len = (size_t) (slash - name) + 1;
	sfn_asl_template_local_uris(doc, follow_uri, &f);
}
