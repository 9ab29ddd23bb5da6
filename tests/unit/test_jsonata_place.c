/* A document read from a file and bound as a member of a variable's
 * object (sfn_jsonata_eval_file, as sfnc eval binds $states.input): the
 * same results as the document bound as a tree, whatever the expression
 * does with the variable; only what is read through it is built, up to
 * SFN_JSONATA_MAX_READ_DEPTH levels of syntax; the file's troubles come
 * back with an empty code. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfn/jsonata.h"
#include "test.h"

static const struct sfn_jsonata_place states_input = { "states", "input" };

/* The result of one evaluation, compact, or "!CODE" on an error. */
static void print_result(enum sfn_status st,
                         const struct sfn_jsonata_error *err, const cJSON *r,
                         char *out, size_t size)
{
	char *text =
	        st == SFN_OK && r != NULL ? cJSON_PrintUnformatted(r) : NULL;

	snprintf(out, size, "%s%s", st == SFN_OK ? "" : "!",
	         st != SFN_OK ? err->code
	         : text       ? text
	                      : "undefined");
	free(text);
}

/* EXPR in Step Functions' dialect with BINDINGS (JSON text) and the
 * document in the file PATH at $states.input, into OUT. */
static enum sfn_status run_file(const char *expr, const char *path,
                                const char *bindings,
                                const struct sfn_jsonata_budget *budget,
                                char *out, size_t size)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STATES, budget, NULL, NULL };
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	cJSON *b = bindings ? cJSON_Parse(bindings) : NULL, *r = NULL;
	enum sfn_status st = sfn_jsonata_parse(expr, strlen(expr), &e, &err);

	if (st == SFN_OK)
		st = sfn_jsonata_eval_file(e, path, &states_input, b, &o, &r,
		                           &err);
	print_result(st, &err, r, out, size);
	cJSON_Delete(r);
	cJSON_Delete(b);
	sfn_jsonata_free(e);
	return st;
}

/* EXPR in Step Functions' dialect with $states {"input": DOC} bound as a
 * tree, into OUT. */
static void run_tree(const char *expr, const char *doc, char *out, size_t size)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STATES, NULL, NULL, NULL };
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	cJSON *b = cJSON_CreateObject(),
	      *st = cJSON_AddObjectToObject(b, "states");
	cJSON *r = NULL;
	enum sfn_status s = sfn_jsonata_parse(expr, strlen(expr), &e, &err);

	cJSON_AddItemToObject(st, "input", cJSON_Parse(doc));
	if (s == SFN_OK)
		s = sfn_jsonata_eval_opts(e, NULL, b, &o, &r, &err);
	print_result(s, &err, r, out, size);
	cJSON_Delete(r);
	cJSON_Delete(b);
	sfn_jsonata_free(e);
}

/* TEXT into a new temporary file whose name goes to PATH. */
static int write_text(char *path, const char *text)
{
	FILE *f = test_temp_file(path);

	if (f == NULL)
		return 0;
	fputs(text, f);
	return fclose(f) == 0;
}

/* Every way an expression can read the document through $states gives
 * what the document bound as a tree gives: paths, predicates, '%',
 * wildcards, descendants, focus and index bindings, functions given
 * $states or the document whole, variables bound to them, functions
 * that read their context, group-by, sort, transforms; '$' and '$$' are
 * undefined, not the document. */
static void place_reads(struct test_state *t)
{
	static const char doc[] =
	        "{\"store\":{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\","
	        "\"s\":{\"q\":2}},{\"t\":\"b\",\"p\":2,\"s\":{\"q\":3}}],"
	        "\"name\":\"S\"},\"n\":5}";
	static const char *const exprs[] = {
		"$states.input.store.book.t",
		"$states.input.store.book[i].t",
		"$states.input.store.book[p > 1].s.q",
		"$states.input.store.book.$keys()",
		"($f := function($x)<o-:n>{$count($keys($x))}; "
		"$states.input.store.book.$f())",
		"$states.input.store.book.(%.name)",
		"$states.input.store.book[0].%.%.n",
		"$states.input.store.*.t",
		"$states.input.**.q",
		"$states.**.q",
		"$states.input.store.book{t: s.q}",
		"$states.input.store.book@$b.{\"t\": $b.t, \"q\": $b.s.q}",
		"$states.input.store.book#$i[$i = 1].t",
		"$states.input.store.book^(>p).t",
		"$states.input.store ~> |book|{\"z\": 1}, [\"s\"]|",
		"$states.input.store.$lookup($, \"name\")",
		"$lookup($states.input, \"n\")",
		"$states.input.store.book[0]",
		"$states.input.store.book.s.%.t",
		"$states.input.store.book.$each(function($v, $k){$k})",
		"($x := $states.input.store.book; $x.i)",
		"($s := $states; $s.input.n)",
		"(function($s) { $s.input.store.name })($states)",
		"$states ~> $lookup(\"input\") ~> $keys()",
		"$states@$s.$s.input.n",
		"$states.(input.n)",
		"$states.input.store.book.(function(){$.i})()",
		"$states.input.store.book.*",
		"$sum($states.input.store.book.(p * s.q))",
		"$states.input.store.book[$states.input.n > 4].t",
		"$string($states)",
		"$keys($states)",
		"[$, $$, $states.input.n]",
		"$states.input.nothing",
		"1 + 2",
	};
	char path[] = "/tmp/sfn-jplace-XXXXXX";
	char got[400], want[400];

	CHECK(write_text(path, doc));
	for (size_t i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		run_file(exprs[i], path, NULL, NULL, got, sizeof(got));
		run_tree(exprs[i], doc, want, sizeof(want));
		if (strcmp(got, want) != 0)
			test_fail(t, __FILE__, __LINE__, "%s: %s, want %s",
			          exprs[i], got, want);
	}
	unlink(path);
}

/* Where the document goes among the bindings: in the place of the
 * object's member of that name, after the others when it has none, in a
 * new object when the variable holds none. */
static void place_binding(struct test_state *t)
{
	static const struct {
		const char *expr, *bindings, *want;
	} cases[] = {
		{ "$keys($states)",
		  "{\"states\": {\"input\": null, \"context\": {\"c\": 1}}}",
		  "[\"input\",\"context\"]" },
		{ "$states", "{\"states\": {\"context\": 1}}",
		  "{\"context\":1,\"input\":[1]}" },
		{ "$states", "{\"states\": 5}", "{\"input\":[1]}" },
		{ "$states", NULL, "{\"input\":[1]}" },
		{ "[$x, $states.input[0]]", "{\"x\": 2}", "[2,1]" },
	};
	char path[] = "/tmp/sfn-jplace-XXXXXX";
	char out[200];

	CHECK(write_text(path, "[1]"));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_file(cases[i].expr, path, cases[i].bindings, NULL, out,
		         sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
	unlink(path);
}

/* "$states.input.a + ... + $states.input.a", K terms: K levels. */
static char *chain(size_t k)
{
	static const char term[] = " + $states.input.a";
	size_t size = (sizeof(term) - 1) * k + 1, n = 0;
	char *s = malloc(size);

	for (size_t i = 0; s != NULL && i < k; i++)
		n += (size_t) snprintf(s + n, size - n, "%s",
		                       term + (i ? 0 : 3));
	return s;
}

/* {"a":1,"big":[0,1,2,...]}: "big" takes far more than 1 MiB of values
 * (numbers all different, which the text reader cannot share). */
static int write_big(char *path)
{
	FILE *f = test_temp_file(path);

	if (f == NULL)
		return 0;
	fputs("{\"a\":1,\"big\":[0", f);
	for (size_t i = 1; i < 100000; i++)
		fprintf(f, ",%zu", i);
	fputs("]}", f);
	return fclose(f) == 0;
}

/* Only what is read through $states is built (1 MiB is not enough for
 * "big"), up to SFN_JSONATA_MAX_READ_DEPTH levels of syntax; deeper,
 * all of it. */
static void place_read_depth_limit(struct test_state *t)
{
	struct sfn_jsonata_budget b = { 0, 0, (size_t) 1 << 20, 0 };
	char path[] = "/tmp/sfn-jplace-XXXXXX";
	char out[100], want[16];
	char *at = chain(SFN_JSONATA_MAX_READ_DEPTH);
	char *past = chain(SFN_JSONATA_MAX_READ_DEPTH + 1);

	CHECK(at != NULL && past != NULL && write_big(path));
	CHECK_INT(run_file("$states.input.a", path, NULL, &b, out, sizeof(out)),
	          SFN_OK);
	CHECK_STR(out, "1");
	CHECK_INT(run_file("$count($states.input.big)", path, NULL, &b, out,
	                   sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1003");
	CHECK_INT(run_file("$count($states)", path, NULL, &b, out, sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_INT(run_file(at, path, NULL, &b, out, sizeof(out)), SFN_OK);
	snprintf(want, sizeof(want), "%d", SFN_JSONATA_MAX_READ_DEPTH);
	CHECK_STR(out, want);
	CHECK_INT(run_file(past, path, NULL, &b, out, sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1003");
	unlink(path);
	free(at);
	free(past);
}

/* A file that cannot be read or is not JSON, read or not by the
 * expression, at any depth, comes back with an empty code; an error of
 * the expression has its code. */
static void place_file_troubles(struct test_state *t)
{
	static const struct {
		const char *text, *expr;
		enum sfn_status st;
		const char *want;
	} cases[] = {
		{ "{\"a\":[1,]}", "$states.input.a", SFN_ERR_SYNTAX, "!" },
		{ "{\"a\":[1,]}", "1 + 2", SFN_ERR_SYNTAX, "!" },
		{ "{\"a\":1} x", "$states.input", SFN_ERR_SYNTAX, "!" },
		{ "", "1", SFN_ERR_SYNTAX, "!" },
		{ "{\"a\":\"x\"}", "$states.input.a + 1", SFN_ERR_SYNTAX,
		  "!T2001" },
		/* members not read are skipped member by member two levels
		 * down, in one go below: checked alike on either side */
		{ "{\"a\":1,\"s\":[1,]}", "$states.input.a", SFN_ERR_SYNTAX,
		  "!" },
		{ "{\"a\":1,\"s\":{\"t\":[1 2]}}", "$states.input.a",
		  SFN_ERR_SYNTAX, "!" },
		{ "{\"a\":1,\"s\":{\"t\":{\"u\":[1,]}}}", "$states.input.a",
		  SFN_ERR_SYNTAX, "!" },
		{ "{\"a\":1,\"s\":{\"t\" 1}}", "$states.input.a",
		  SFN_ERR_SYNTAX, "!" },
		{ "{\"a\":1,\"s\":{\"t\":{\"u\":[1,{\"v\":[\"\\u00e9\"]}]},"
		  "\"w\":[[],{}]}}",
		  "$states.input.a", SFN_OK, "1" },
	};
	static const char tmpl[] = "/tmp/sfn-jplace-XXXXXX";
	char path[sizeof(tmpl)];
	char out[100];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(path, tmpl, sizeof(tmpl));
		CHECK(write_text(path, cases[i].text));
		CHECK_INT(run_file(cases[i].expr, path, NULL, NULL, out,
		                   sizeof(out)),
		          cases[i].st);
		CHECK_STR(out, cases[i].want);
		unlink(path);
	}
	CHECK_INT(run_file("1", path, NULL, NULL, out, sizeof(out)),
	          SFN_ERR_IO);
	CHECK_STR(out, "!");
}

const struct test sfn_tests_jn_place[] = {
	{ "place_reads", place_reads },
	{ "place_binding", place_binding },
	{ "place_read_depth_limit", place_read_depth_limit },
	{ "place_file_troubles", place_file_troubles },
	{ NULL, NULL },
};
