/* The benchmark driver for sfnc's JSONata engine (bench/jsonata.sh): reads
 * a JSON document once, parses the expression once and evaluates it N
 * times over the document, as a Map state evaluates one expression per
 * item, then prints the last result as compact JSON (nothing when it is
 * undefined). bench/jsonata-bench.js does the same with the reference.
 *
 *   bench/jsonata-bench [-n N] EXPR FILE
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
	fputs("usage: jsonata-bench [-n N] EXPR FILE\n", stderr);
	return 2;
}

/* The document FILE, without locations (the engine needs none). */
static struct sfn_json_doc *read_doc(const char *file)
{
	struct sfn_json_opts opts;
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;
	char *text;
	size_t len;

	if (sfn_read_file(file, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK) {
		perror(file);
		return NULL;
	}
	sfn_json_opts_default(&opts);
	opts.keep_locations = 0;
	sfn_diags_init(&diags);
	if (sfn_json_parse(text, len, file, &opts, &diags, &doc) != SFN_OK)
		fprintf(stderr, "%s: not a JSON document\n", file);
	sfn_diags_free(&diags);
	free(text);
	return doc;
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

/* Evaluates E over DOC N times and prints the last result. */
static int run(const struct sfn_jsonata *e, const cJSON *doc, long n)
{
	struct sfn_jsonata_error err;
	cJSON *result = NULL;
	int rc;

	for (long i = 0; i < n; i++) {
		cJSON_Delete(result);
		if (sfn_jsonata_eval(e, doc, NULL, NULL, &result, &err) !=
		    SFN_OK) {
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
	struct sfn_json_doc *doc;
	char *end;
	long n = 1;
	int rc;

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
	doc = read_doc(argv[2]);
	rc = doc == NULL ? 1 : run(e, sfn_json_root(doc), n);
	sfn_json_doc_free(doc);
	sfn_jsonata_free(e);
	return rc;
}
