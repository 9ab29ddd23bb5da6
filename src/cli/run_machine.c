/* sfnc run: which definition a file holds and what its machine is called.
 * An ASL file is its own definition, named after the file (without
 * .asl.json, .json, .yaml or .yml); a CloudFormation template's state
 * machine is picked by its logical ID (--machine, or the only one), its
 * Definition object used in place or its DefinitionString parsed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/run_machine.h"
#include "sfn/asl.h"
#include "sfn/lang.h"

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && strcmp(s + len - n, suffix) == 0;
}

/* The file name without its folder and extension, into NAME[SIZE]. */
static void file_machine_name(const char *path, char *name, size_t size)
{
	static const char *const exts[] = { ".asl.json", ".asl.yaml", ".json",
		                            ".yaml",     ".yml",      NULL };
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	for (size_t i = 0; exts[i] != NULL; i++) {
		if (ends_with(base, len, exts[i])) {
			len -= strlen(exts[i]);
			break;
		}
	}
	if (len >= size)
		len = size - 1;
	memcpy(name, base, len);
	name[len] = '\0';
}

int sfn_run_machine_read(const struct cli_command *cmd,
                         struct cli_sources *sources, const char *file,
                         struct run_machine *rm, struct sfn_diags *diags,
                         const struct sfn_source **src)
{
	enum sfn_status st;

	*src = sfn_cli_read(cmd, sources, file, SFN_JSON_MAX_BYTES + 1);
	if (*src == NULL)
		return 0;
	rm->file = (*src)->name;
	if (sfn_cli_is_sfn((*src)->name))
		return 1;
	rm->doc = sfn_cli_parse_as(*src, CLI_READER_AUTO, diags, &st);
	if (rm->doc == NULL && st != SFN_ERR_SYNTAX)
		sfn_cli_error(cmd, "cannot read '%s': %s", (*src)->name,
		              sfn_status_str(st));
	return rm->doc != NULL;
}

int sfn_run_machine_is_resource(const cJSON *res)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(res, "Type");

	return cJSON_IsString(type) &&
	       (strcmp(type->valuestring, "AWS::StepFunctions::StateMachine") ==
	                0 ||
	        strcmp(type->valuestring, "AWS::Serverless::StateMachine") ==
	                0);
}

/* The state machine resource WANT (or the only one) of the template. */
static const cJSON *pick(const struct cli_command *cmd, const cJSON *root,
                         const char *want)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "Resources");
	const cJSON *r, *found = NULL;
	size_t n = 0;

	cJSON_ArrayForEach(r, res)
	{
		if (!sfn_run_machine_is_resource(r))
			continue;
		n++;
		if (want == NULL || strcmp(r->string, want) == 0)
			found = r;
	}
	if (want != NULL && found == NULL)
		sfn_cli_error(cmd, "the template has no state machine '%s'",
		              want);
	else if (n == 0)
		sfn_cli_error(cmd, "the template has no state machine");
	else if (want == NULL && n > 1)
		sfn_cli_error(cmd,
		              "the template has %zu state machines: pick "
		              "one with --machine LOGICAL_ID",
		              n);
	else
		return found;
	return NULL;
}

/* A DefinitionString put together (sfn_asl_template_text) and parsed. */
static int from_string(const struct cli_command *cmd, struct run_machine *rm,
                       const char *id, const cJSON *str)
{
	struct sfn_diags diags;
	struct sfn_buf text;
	int ok;

	sfn_buf_init(&text, SFN_JSON_MAX_BYTES);
	ok = sfn_asl_template_text(str, &text) && text.status == SFN_OK;
	/* diagnostics point into the text put together, named after it */
	snprintf(rm->def_name, sizeof(rm->def_name),
	         "%s (the DefinitionString of %s)", rm->file, id);
	sfn_diags_init(&diags);
	if (ok)
		sfn_json_parse(sfn_buf_str(&text), text.len, rm->def_name, NULL,
		               &diags, &rm->def_doc);
	sfn_diags_free(&diags);
	sfn_buf_free(&text);
	if (rm->def_doc == NULL) {
		sfn_cli_error(cmd,
		              "the DefinitionString of '%s' cannot be put "
		              "together as JSON",
		              id);
		return 0;
	}
	rm->def = sfn_json_root(rm->def_doc);
	rm->doc_for_def = rm->def_doc;
	return 1;
}

static int from_template(const struct cli_command *cmd, struct run_machine *rm,
                         const char *want)
{
	const cJSON *res = pick(cmd, sfn_json_root(rm->doc), want);
	const cJSON *props, *def, *str;

	if (res == NULL)
		return 0;
	props = cJSON_GetObjectItemCaseSensitive(res, "Properties");
	def = cJSON_GetObjectItemCaseSensitive(props, "Definition");
	str = cJSON_GetObjectItemCaseSensitive(props, "DefinitionString");
	snprintf(rm->name, sizeof(rm->name), "%s", res->string);
	rm->template = 1;
	if (cJSON_IsObject(def)) {
		rm->def = def;
		return 1;
	}
	if (str == NULL) {
		sfn_cli_error(cmd,
		              "state machine '%s' has no Definition or "
		              "DefinitionString to run",
		              res->string);
		return 0;
	}
	return from_string(cmd, rm, res->string, str);
}

int sfn_run_machine_find(const struct cli_command *cmd, struct run_machine *rm,
                         const char *want)
{
	const cJSON *root = sfn_json_root(rm->doc);

	rm->doc_for_def = rm->doc;
	if (sfn_asl_is_definition(root)) {
		rm->def = root;
		file_machine_name(rm->file, rm->name, sizeof(rm->name));
		return 1;
	}
	if (sfn_asl_is_template(root))
		return from_template(cmd, rm, want);
	sfn_cli_error(cmd,
	              "%s is neither a state machine definition (no "
	              "\"States\") nor a CloudFormation template (no "
	              "\"Resources\")",
	              rm->file);
	return 0;
}

/* The machine of UNIT named WANT, or its only one; SIZE_MAX (reported)
 * when there is no such machine or WANT is needed to choose. */
static size_t pick_compiled(const struct cli_command *cmd,
                            const struct sfn_lang_unit *unit, const char *file,
                            const char *want)
{
	size_t n = sfn_lang_machine_count(unit);

	for (size_t i = 0; want != NULL && i < n; i++)
		if (strcmp(sfn_lang_machine_name(unit, i), want) == 0)
			return i;
	if (want == NULL && n == 1)
		return 0;
	if (want != NULL)
		sfn_cli_error(cmd, "%s has no machine named '%s'", file, want);
	else if (n == 0)
		sfn_cli_error(cmd, "%s holds no machine", file);
	else
		sfn_cli_error(cmd,
		              "%s holds %zu machines: name one with "
		              "--machine (the first is '%s')",
		              file, n, sfn_lang_machine_name(unit, 0));
	return (size_t) -1;
}

int sfn_run_machine_compile(const struct cli_command *cmd,
                            struct run_machine *rm,
                            const struct sfn_source *src, const char *want,
                            struct sfn_diags *diags)
{
	struct sfn_lang_unit *unit = NULL;
	enum sfn_status st;
	size_t i = (size_t) -1;
	cJSON *def = NULL;

	st = sfn_lang_compile(src->text, src->len, src->name, diags, &unit);
	if (st != SFN_OK && st != SFN_ERR_SYNTAX)
		sfn_cli_error(cmd, "cannot compile '%s': %s", src->name,
		              sfn_status_str(st));
	if (unit != NULL && diags->errors == 0)
		i = pick_compiled(cmd, unit, src->name, want);
	if (i != (size_t) -1) {
		snprintf(rm->name, sizeof(rm->name), "%s",
		         sfn_lang_machine_name(unit, i));
		def = cJSON_Duplicate(sfn_lang_machine_asl(unit, i), 1);
		rm->def_doc =
		        def ? sfn_json_doc_wrap_take(def, src->name) : NULL;
		if (rm->def_doc == NULL)
			sfn_cli_error(cmd, "cannot compile '%s': out of memory",
			              src->name);
	}
	sfn_lang_free(unit);
	if (rm->def_doc == NULL)
		return 0;
	rm->doc_for_def = rm->def_doc;
	rm->def = sfn_json_root(rm->def_doc);
	return 1;
}
