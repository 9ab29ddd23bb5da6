/* Reading inputs and writing output for the commands, with one clear line
 * on failure. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int keep(struct cli_sources *sources, const char *name, char *text,
                size_t len)
{
	struct sfn_source s = { name, text, len };

	return sfn_vec_push(&sources->items, &sources->count, &sources->cap, &s,
	                    sizeof(s), SFN_VEC_UNCAPPED) == SFN_OK;
}

/* PATH read into SOURCES, or with MAP mapped where its file allows. */
static const struct sfn_source *read_source(struct cli_sources *sources,
                                            const char *path, size_t max,
                                            int map, enum sfn_status *status)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct cli_mapping m = { NULL, 0 };
	int mapped = 0;

	if (map) {
		*status = sfn_map_file(path, max, &m.text, &m.len, &mapped);
	} else {
		char *text = NULL;

		*status = sfn_read_file(path, max, &text, &m.len);
		m.text = text;
	}
	if (*status != SFN_OK)
		return NULL;
	if ((mapped &&
	     sfn_vec_push(&sources->maps, &sources->nmaps, &sources->maps_cap,
	                  &m, sizeof(m), SFN_VEC_UNCAPPED) != SFN_OK) ||
	    !keep(sources, name, (char *) m.text, m.len)) {
		if (mapped && sources->nmaps > 0 &&
		    sources->maps[sources->nmaps - 1].text == m.text)
			sources->nmaps--;
		sfn_file_release(m.text, m.len, mapped);
		*status = SFN_ERR_NOMEM;
		return NULL;
	}
	return &sources->items[sources->count - 1];
}

const struct sfn_source *sfn_cli_read_quiet(struct cli_sources *sources,
                                            const char *path, size_t max,
                                            enum sfn_status *status)
{
	return read_source(sources, path, max, 0, status);
}

/* Reports that NAME cannot be read for REASON on standard error and, when
 * DIAGS is not NULL, as an io-error diagnostic at the file. */
static void read_failed(const struct cli_command *cmd, struct sfn_diags *diags,
                        const char *name, const char *reason)
{
	struct sfn_loc at = { name, 0, 0, 0, 0 };

	sfn_cli_error(cmd, "cannot read '%s': %s", name, reason);
	if (diags != NULL)
		sfn_diag_add(diags, SFN_RULE_IO_ERROR, &at, NULL,
		             "cannot read the file: %s", reason);
}

static void too_large(const struct cli_command *cmd, struct sfn_diags *diags,
                      const char *name, size_t max)
{
	struct sfn_buf reason;

	sfn_buf_init(&reason, 64);
	sfn_buf_printf(&reason, "larger than %zu bytes", max);
	read_failed(cmd, diags, name, sfn_buf_str(&reason));
	sfn_buf_free(&reason);
}

/* PATH read (mapped with MAP) into SOURCES; a failure said on standard
 * error and, when DIAGS is not NULL, in DIAGS. */
static const struct sfn_source *read_diag(const struct cli_command *cmd,
                                          struct cli_sources *sources,
                                          const char *path, size_t max, int map,
                                          struct sfn_diags *diags)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	const struct sfn_source *src;
	enum sfn_status status;

	src = read_source(sources, path, max, map, &status);
	if (status == SFN_ERR_IO) {
		read_failed(cmd, diags, name, strerror(errno));
		return NULL;
	}
	if (status == SFN_ERR_LIMIT) {
		too_large(cmd, diags, name, max);
		return NULL;
	}
	if (status != SFN_OK) {
		read_failed(cmd, diags, name, "out of memory");
		return NULL;
	}
	return src;
}

const struct sfn_source *sfn_cli_read_diag(const struct cli_command *cmd,
                                           struct cli_sources *sources,
                                           const char *path, size_t max,
                                           struct sfn_diags *diags)
{
	return read_diag(cmd, sources, path, max, 0, diags);
}

const struct sfn_source *sfn_cli_read_diag_const(const struct cli_command *cmd,
                                                 struct cli_sources *sources,
                                                 const char *path, size_t max,
                                                 struct sfn_diags *diags)
{
	return read_diag(cmd, sources, path, max, 1, diags);
}

const struct sfn_source *sfn_cli_read(const struct cli_command *cmd,
                                      struct cli_sources *sources,
                                      const char *path, size_t max)
{
	return sfn_cli_read_diag(cmd, sources, path, max, NULL);
}

/* Whether TEXT is one of the mappings of SOURCES. */
static int is_mapping(const struct cli_sources *sources, const char *text)
{
	for (size_t i = 0; i < sources->nmaps; i++)
		if (sources->maps[i].text == text)
			return 1;
	return 0;
}

void sfn_cli_sources_free(struct cli_sources *sources)
{
	for (size_t i = 0; i < sources->count; i++)
		if (!is_mapping(sources, sources->items[i].text))
			free((char *) sources->items[i].text);
	for (size_t i = 0; i < sources->nmaps; i++)
		sfn_file_release(sources->maps[i].text, sources->maps[i].len,
		                 1);
	free(sources->items);
	free(sources->maps);
	memset(sources, 0, sizeof(*sources));
}

int sfn_cli_write(const struct cli_command *cmd, const struct sfn_buf *buf)
{
	if (buf->status != SFN_OK) {
		sfn_cli_error(cmd, "cannot format output: %s",
		              sfn_status_str(buf->status));
		return 0;
	}
	if (fwrite(sfn_buf_str(buf), 1, buf->len, stdout) != buf->len ||
	    fflush(stdout) != 0) {
		sfn_cli_error(cmd, "cannot write output: %s", strerror(errno));
		return 0;
	}
	return 1;
}

int sfn_cli_flush(const struct cli_command *cmd)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sfn_cli_error(cmd, "cannot write output: %s", strerror(errno));
		return CLI_USAGE;
	}
	return CLI_OK;
}

int sfn_cli_format_option(const struct cli_command *cmd, const char *value,
                          enum sfn_format *format)
{
	int f = sfn_format_parse(value);

	if (f < 0)
		return sfn_cli_error(
		        cmd,
		        "unknown format '%s' (text, json, sarif or "
		        "github)",
		        value);
	*format = (enum sfn_format) f;
	return -1;
}

int sfn_cli_render(const struct cli_command *cmd, enum sfn_format format,
                   enum cli_color color, struct sfn_diags *diags,
                   const struct cli_sources *sources)
{
	struct sfn_render_opts ro = { format, sources->items, sources->count,
		                      PACKAGE_VERSION,
		                      sfn_cli_use_color(color, stdout) };
	struct sfn_buf out;
	enum sfn_status st;
	int ok;

	sfn_diags_sort(diags);
	sfn_buf_init(&out, (size_t) 1 << 30);
	st = sfn_diags_render(diags, &ro, &out);
	if (st != SFN_OK && out.status == SFN_OK)
		out.status = st; /* sfn_cli_write says why and writes nothing */
	ok = sfn_cli_write(cmd, &out);
	sfn_buf_free(&out);
	return ok;
}
