/* The benchmark driver for sfnc's JSONata engine (bench/jsonata.sh): reads
 * a JSON document once, parses the expression once and evaluates it N
 * times over the document, as a Map state evaluates one expression per
 * item, then prints the last result as compact JSON (nothing when it is
 * undefined). bench/jsonata-bench.js does the same with the reference.
 * The document is given to the engine as text (sfn_jsonata_eval_text,
 * which builds only what the expression reads), or with -t as a cJSON
 * tree read once (sfn_jsonata_eval, as the interpreter hands a state its
 * input).
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
#include "sfn/jsonout.h"

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

static int read_input(struct input *in, int tree)
{
	struct sfn_json_opts opts;
	struct sfn_diags diags;
	int rc = 0;

	if (sfn_read_file(in->file, SFN_JSON_MAX_BYTES, &in->text, &in->len) !=
	    SFN_OK) {
		perror(in->file);
		return 1;
	}
	if (!tree)
		return 0;
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

static int print_result(const cJSON *result)
{
	struct sfn_buf out;
	int rc = 0;

	if (result == NULL)
		return 0;
	sfn_buf_init(&out, 4 * SFN_JSON_MAX_BYTES);
	if (sfn_jsonout_value(result, SFN_JSONOUT_COMPACT, &out) != SFN_OK ||
	    sfn_buf_addc(&out, '\n') != SFN_OK ||
	    fwrite(sfn_buf_str(&out), 1, out.len, stdout) != out.len)
		rc = 1;
	sfn_buf_free(&out);
	return rc;
}

static enum sfn_status eval(const struct sfn_jsonata *e, const struct input *in,
                            cJSON **result, struct sfn_jsonata_error *err)
{
	if (in->doc != NULL)
		return sfn_jsonata_eval(e, sfn_json_root(in->doc), NULL, NULL,
		                        result, err);
	return sfn_jsonata_eval_text(e, in->text, in->len, NULL, NULL, result,
	                             err);
}

/* Evaluates E over IN N times and prints the last result. */
static int run(const struct sfn_jsonata *e, const struct input *in, long n)
{
	struct sfn_jsonata_error err;
	cJSON *result = NULL;
	int rc;

	for (long i = 0; i < n; i++) {
		cJSON_Delete(result);
		if (eval(e, in, &result, &err) != SFN_OK) {
			fprintf(stderr, "jsonata-bench: %s %s\n", err.code,
			        err.message);
			return 1;
		}
	}
	rc = print_result(result);
	cJSON_Delete(result);
	return rc;
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
