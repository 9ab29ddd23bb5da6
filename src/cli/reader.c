/* Which reader a document goes to: the one asked for, else the one its
 * extension names, else the one its first character suggests; syntax
 * errors say which was used and why, so that a .json file is never read
 * as YAML behind the user's back. Knows the readers by their entry points
 * only. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "sfn/asl.h"

static const struct {
	const char *ext;
	enum cli_reader reader;
} extensions[] = {
	{ ".json", CLI_READER_JSON },
	{ ".yaml", CLI_READER_YAML },
	{ ".yml", CLI_READER_YAML },
	{ ".template", CLI_READER_YAML },
};

int sfn_cli_reader_parse(const char *name)
{
	static const char *const names[] = { "auto", "json", "yaml" };

	for (int i = 0; i < 3; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static enum cli_reader by_extension(const char *name, const char **ext)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(extensions) / sizeof(*extensions); i++) {
		size_t m = strlen(extensions[i].ext);

		*ext = extensions[i].ext;
		if (n > m && strcasecmp(name + n - m, *ext) == 0)
			return extensions[i].reader;
	}
	return CLI_READER_AUTO;
}

static enum cli_reader by_content(const struct sfn_source *src)
{
	size_t i = 0;

	if (src->len >= 3 && memcmp(src->text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	i += strspn(src->text + i, " \t\r\n");
	return i < src->len && (src->text[i] == '{' || src->text[i] == '[')
	               ? CLI_READER_JSON
	               : CLI_READER_YAML;
}

/* Which reader, and why in words ("the name ends in .json"). */
static enum cli_reader pick(const struct sfn_source *src,
                            enum cli_reader forced, char *why, size_t size)
{
	enum cli_reader r;
	const char *ext;

	if (forced != CLI_READER_AUTO) {
		snprintf(why, size, "--input-format %s",
		         forced == CLI_READER_JSON ? "json" : "yaml");
		return forced;
	}
	r = by_extension(src->name, &ext);
	if (r != CLI_READER_AUTO) {
		snprintf(why, size, "the name ends in %s", ext);
		return r;
	}
	r = by_content(src);
	snprintf(why, size, "%s",
	         r == CLI_READER_JSON ? "the text starts with '{' or '['"
	                              : "the text does not start with '{' or "
	                                "'['");
	return r;
}

/* Appends "; read as JSON (WHY)" to the reader's syntax errors from index
 * FROM on. */
static void say_which(struct sfn_diags *diags, size_t from, enum cli_reader r,
                      const char *why)
{
	for (size_t i = from; i < diags->count; i++) {
		struct sfn_diag *d = &diags->items[i];
		struct sfn_buf msg;

		if (d->rule != SFN_RULE_JSON_SYNTAX &&
		    d->rule != SFN_RULE_YAML_SYNTAX)
			continue;
		sfn_buf_init(&msg, (size_t) 1 << 16);
		sfn_buf_printf(&msg, "%s; read as %s (%s)", d->message,
		               r == CLI_READER_JSON ? "JSON" : "YAML", why);
		if (msg.status == SFN_OK) {
			const char *s = sfn_arena_strdup(&diags->strings,
			                                 sfn_buf_str(&msg));

			if (s != NULL)
				d->message = s;
		}
		sfn_buf_free(&msg);
	}
}

/* The reader's work for the entry points below: checked as it is read
 * when VALIDATED is not NULL (sfn_asl_read_validate, or
 * sfn_asl_read_validate_yaml for YAML; neither writes into SRC's text);
 * else JSON in place in TEXT when it is not NULL (SRC's own text), else
 * copied. */
static struct sfn_json_doc *parse(const struct sfn_source *src, char *text,
                                  enum cli_reader forced,
                                  struct sfn_diags *diags,
                                  enum sfn_status *status, int *validated)
{
	struct sfn_json_doc *doc = NULL;
	enum cli_reader r;
	size_t from = diags->count;
	char why[64];

	r = pick(src, forced, why, sizeof(why));
	if (r == CLI_READER_YAML && validated != NULL)
		*status = sfn_asl_read_validate_yaml(
		        src->text, src->len, src->name, diags, &doc, validated);
	else if (r == CLI_READER_YAML)
		*status = sfn_yaml_parse(src->text, src->len, src->name, diags,
		                         &doc);
	else if (validated != NULL)
		*status = sfn_asl_read_validate(src->text, src->len, src->name,
		                                NULL, diags, &doc, validated);
	else if (text != NULL)
		*status = sfn_json_parse_in_place(text, src->len, src->name,
		                                  NULL, diags, &doc);
	else
		*status = sfn_json_parse(src->text, src->len, src->name, NULL,
		                         diags, &doc);
	if (doc == NULL)
		say_which(diags, from, r, why);
	return doc;
}

struct sfn_json_doc *sfn_cli_parse_as(const struct sfn_source *src,
                                      enum cli_reader forced,
                                      struct sfn_diags *diags,
                                      enum sfn_status *status)
{
	return parse(src, NULL, forced, diags, status, NULL);
}

struct sfn_json_doc *sfn_cli_parse_in_place(const struct sfn_source *src,
                                            enum cli_reader forced,
                                            struct sfn_diags *diags,
                                            enum sfn_status *status)
{
	/* every source's text is a buffer sfn_read_file allocated */
	return parse(src, (char *) src->text, forced, diags, status, NULL);
}

struct sfn_json_doc *sfn_cli_parse_lint(const struct sfn_source *src,
                                        enum cli_reader forced,
                                        struct sfn_diags *diags,
                                        enum sfn_status *status, int *validated)
{
	*validated = 0;
	return parse(src, NULL, forced, diags, status, validated);
}
