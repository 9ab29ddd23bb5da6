/* The benchmark driver for sfnc's JSONata engine (bench/jsonata.sh):
 * parses the expression once and evaluates it N times over a JSON
 * document, as a Map state evaluates one expression per
 * item, then prints the last result as compact JSON (nothing when it is
 * undefined), written by the engine straight to standard output
 * (sfn_jsonata_eval_write) rather than built as a cJSON tree; the results
 * before it are dropped unwritten (a NULL sink). bench/jsonata-bench.js does the
 * same with the reference.
 * The document is given to the engine as a file it maps and reads as
 * text (sfn_jsonata_eval_file_write, which builds only what the
 * expression reads and lets the pages read leave memory), or with -t as
 * a cJSON tree read once (sfn_jsonata_eval_write, as the interpreter
 * hands a state its input).
 *
 *   bench/jsonata-bench [-t] [-n N] EXPR FILE
 *
 * Not part of sfnc: built by "make bench-programs", never by make check. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/jsonata.h"

static int usage(void)
{
	fputs("usage: jsonata-bench [-t] [-n N] EXPR FILE\n", stderr);
	return 2;
}

struct input {
	const char *file;
	char *text; /* the document */
	size_t len;
	struct sfn_json_doc *doc; /* -t: its tree, without locations */
};

/* With -t, reads and parses the document once; else the engine reads
 * it at each evaluation (sfn_jsonata_eval_file_write). */
static int read_input(struct input *in, int tree)
{
	struct sfn_json_opts opts;
	struct sfn_diags diags;
	int rc = 0;

	if (!tree)
		return 0;
	if (sfn_read_file(in->file, SFN_JSON_MAX_BYTES, &in->text, &in->len) !=
	    SFN_OK) {
		perror(in->file);
		return 1;
	}
	sfn_json_opts_default(&opts);
	opts.keep_locations = 0;
	sfn_diags_init(&diags);
	if (sfn_json_parse(in->text, in->len, in->file, &opts, &diags,
	                   &in->doc) != SFN_OK) {
		fprintf(stderr, "%s: not a JSON document\n", in->file);
		rc = 1;
	}
	sfn_diags_free(&diags);
	free(in->text); /* the tree needs it no more */
	in->text = NULL;
	return rc;
}

/* The sink: standard output, counting what it took. */
struct sink_state {
	size_t written;
};

static int to_stdout(void *ctx, const char *text, size_t len)
{
	struct sink_state *st = ctx;

	st->written += len;
	return fwrite(text, 1, len, stdout) == len ? 0 : -1;
}

static enum sfn_status eval(const struct sfn_jsonata *e, const struct input *in,
                            const struct sfn_jsonata_sink *sink,
                            struct sfn_jsonata_error *err)
{
	if (in->doc != NULL)
		return sfn_jsonata_eval_write(e, sfn_json_root(in->doc), NULL,
		                              NULL, sink, err);
	return sfn_jsonata_eval_file_write(e, in->file, NULL, NULL, sink, err);
}

/* Evaluates E over IN N times and prints the last result. */
static int run(const struct sfn_jsonata *e, const struct input *in, long n)
{
	struct sink_state st = { 0 };
	struct sfn_jsonata_sink out = { to_stdout, &st };
	struct sfn_jsonata_error err;

	for (long i = 0; i < n; i++) {
		enum sfn_status s = eval(e, in, i + 1 < n ? NULL : &out, &err);

		if (s != SFN_OK) {
			fprintf(stderr, "jsonata-bench: %s: %s %s\n", in->file,
			        err.code[0] != '\0' ? err.code : sfn_status_str(s),
			        err.message);
			return 1;
		}
	}
	if (st.written > 0 && putchar('\n') == EOF)
		return 1;
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e;
	struct input in = { NULL, NULL, 0, NULL };
	char *end;
	long n = 1;
	int rc, tree = 0;

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		tree = 1;
		argv++;
		argc--;
	}
	if (argc == 5 && strcmp(argv[1], "-n") == 0) {
		n = strtol(argv[2], &end, 10);
		if (*end != '\0' || n < 1)
			return usage();
		argv += 2;
		argc -= 2;
	}
	if (argc != 3)
		return usage();
	if (sfn_jsonata_parse(argv[1], strlen(argv[1]), &e, &err) != SFN_OK) {
		fprintf(stderr, "jsonata-bench: %s %s\n", err.code,
		        err.message);
		return 1;
	}
	in.file = argv[2];
	rc = read_input(&in, tree);
	if (rc == 0)
		rc = run(e, &in, n);
	sfn_json_doc_free(in.doc);
	free(in.text);
	sfn_jsonata_free(e);
	return rc;
}
