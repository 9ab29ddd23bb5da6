/* The ASL model: every valid conformance definition and every example
 * loads; one machine checked in depth (states, transitions, parsed paths,
 * compiled templates, Choice tree, resources, spans); definitions built in
 * memory report findings at their producer's spans; nesting at and past
 * the model's limit. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "sfn/model.h"
#include "test.h"

/* Reads and parses FILE; NULL when it cannot be read. */
static struct sfn_json_doc *read_doc(const char *file, char **text)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	size_t len;

	if (sfn_read_file(file, SFN_JSON_MAX_BYTES, text, &len) != SFN_OK)
		return NULL;
	sfn_diags_init(&d);
	sfn_json_parse(*text, len, file, NULL, &d, &doc);
	sfn_diags_free(&d);
	return doc;
}

static void check_payload(struct test_state *t, const struct sfn_asl_state *s,
                          const struct sfn_asl_payload *p)
{
	struct sfn_exec_template_expr e[64];
	size_t n;

	if (p->json == NULL || s->language != SFN_ASL_JSONPATH)
		return;
	CHECK(p->tmpl != NULL);
	n = sfn_exec_template_exprs(p->tmpl, e, 64);
	for (size_t i = 0; i < n && i < 64; i++)
		if (e[i].path == NULL && e[i].call == NULL &&
		    strstr(e[i].node->valuestring, "${") == NULL)
			test_fail(t, __FILE__, __LINE__, "%s: '%s' not parsed",
			          s->where, e[i].node->valuestring);
}

static void check_rule(struct test_state *t, const struct sfn_asl_rule *r)
{
	if (r->kind == SFN_ASL_RULE_COMPARE) {
		CHECK(r->op != NULL && r->variable != NULL);
		CHECK(!r->op->path || r->operand_path != NULL);
	}
	if (r->kind == SFN_ASL_RULE_NOT)
		CHECK_INT(r->nchildren, 1);
	for (size_t i = 0; i < r->nchildren; i++)
		check_rule(t, &r->children[i]);
}

/* What every loaded machine shows: scopes started, transitions within
 * their scope, expressions parsed, spans known. */
static void check_state(struct test_state *t, const struct sfn_asl_state *s)
{
	int terminal = s->type == SFN_ASL_CHOICE ||
	               s->type == SFN_ASL_SUCCEED || s->type == SFN_ASL_FAIL;

	CHECK(s->span.line > 0 && s->name_span.line > 0);
	CHECK(s->scope->states[s->index] == s);
	CHECK(sfn_asl_find(s->scope, s->name) == s);
	CHECK(terminal || s->end || (s->next && s->next->scope == s->scope));
	for (size_t i = 0; i < s->ncatchers; i++)
		CHECK(s->catchers[i].next != NULL);
	check_payload(t, s, &s->io->parameters);
	check_payload(t, s, &s->io->result_selector);
	check_payload(t, s, &s->io->assign);
	if (s->io->input_path.field.kind == SFN_FIELD_BAD ||
	    s->io->result_path.field.kind == SFN_FIELD_BAD)
		test_fail(t, __FILE__, __LINE__, "%s: a path is bad", s->where);
	if (s->type == SFN_ASL_CHOICE)
		for (size_t i = 0; i < s->u.choice.nrules; i++) {
			CHECK(s->u.choice.rules[i].next != NULL);
			check_rule(t, &s->u.choice.rules[i]);
		}
	if (s->type == SFN_ASL_MAP)
		CHECK(s->u.map->processor != NULL &&
		      s->u.map->processor->parent == s);
}

static void check_machine(struct test_state *t, const struct sfn_asl_machine *m)
{
	size_t states = 0;

	CHECK(m->nscopes > 0 && m->scopes[0] == m->top);
	for (size_t i = 0; i < m->nscopes; i++) {
		const struct sfn_asl_scope *sc = m->scopes[i];

		CHECK(sc->start != NULL && sc->start->scope == sc);
		for (size_t j = 0; j < sc->nstates && !t->failed; j++)
			check_state(t, sc->states[j]);
		states += sc->nstates;
	}
	CHECK_INT(states, m->nstates);
}

/* Loads FILE; 1 when it loaded (and was checked), 0 when the validator
 * found errors. */
static int load_file(struct test_state *t, const char *file)
{
	struct sfn_asl_machine *m = NULL;
	struct sfn_diags d;
	char *text = NULL;
	struct sfn_json_doc *doc = read_doc(file, &text);
	enum sfn_status st;

	if (doc == NULL) {
		test_fail(t, __FILE__, __LINE__, "%s does not read", file);
		free(text);
		return 0;
	}
	sfn_diags_init(&d);
	st = sfn_asl_load(doc, sfn_json_root(doc), NULL, &d, &m);
	if (st == SFN_OK)
		check_machine(t, m);
	else if (st != SFN_ERR_SYNTAX || d.errors == 0)
		test_fail(t, __FILE__, __LINE__, "%s: status %d", file, st);
	if (t->failed)
		test_fail(t, __FILE__, __LINE__, "in %s", file);
	sfn_asl_machine_free(m);
	sfn_diags_free(&d);
	sfn_json_doc_free(doc);
	free(text);
	return st == SFN_OK;
}

/* Every valid definition of the conformance suite that the linter
 * passes loads (those it does not pass are the manifest's doubts). */
static void conformance_valid(struct test_state *t)
{
	const char *shared = getenv("SFN_SHARED");
	char path[4096], *text;
	size_t len, loaded = 0, valid = 0;
	cJSON *m;

	snprintf(path, sizeof(path), "%s/conformance/asl-lint/manifest.json",
	         shared ? shared : "../shared");
	if (sfn_read_file(path, (size_t) 1 << 24, &text, &len) != SFN_OK) {
		t->skipped = "no conformance manifest";
		return;
	}
	m = cJSON_Parse(text);
	free(text);
	for (const cJSON *c = cJSON_GetObjectItem(m, "cases")->child; c;
	     c = c->next) {
		const char *f =
		        cJSON_GetStringValue(cJSON_GetObjectItem(c, "file"));

		if (strcmp(cJSON_GetStringValue(
		                   cJSON_GetObjectItem(c, "expected")),
		           "valid") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/conformance/asl-lint/%s",
		         shared ? shared : "../shared", f);
		valid++;
		loaded += (size_t) load_file(t, path);
		if (t->failed)
			break;
	}
	cJSON_Delete(m);
	/* 100 valid cases; two fail to load, as they fail lint: the
	 * documented disagreement (verdicts/asl-disagree.tsv) and the doubt
	 * case whose filter compares with a bare word (asl-doubt.tsv) */
	CHECK_INT(valid, 100);
	CHECK_INT(loaded, 98);
}

static void examples(struct test_state *t)
{
	static const char *const files[] = { "bedrock_joke.asl.json",
		                             "bedrock_prompt.asl.json" };
	const char *src = getenv("SFN_SRCDIR");
	char path[4096];

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/examples/%s", src ? src : ".",
		         files[i]);
		CHECK(load_file(t, path));
	}
}

static const char deep_text[] =
        "{\n"
        "  \"Comment\": \"deep\", \"TimeoutSeconds\": 300, \"StartAt\": "
        "\"Prep\",\n"
        "  \"States\": {\n"
        "    \"Prep\": {\"Type\": \"Pass\", \"InputPath\": \"$.in\", "
        "\"Parameters\": {\"x.$\": \"$.a\", \"y.$\": \"States.Format('{}', "
        "$.a)\", \"k\": \"lit\"}, \"ResultPath\": \"$.prep\", \"Next\": "
        "\"Call\"},\n"
        "    \"Call\": {\"Type\": \"Task\", \"Resource\": "
        "\"arn:aws:states:::lambda:invoke.waitForTaskToken\", "
        "\"TimeoutSecondsPath\": \"$.t\", \"HeartbeatSeconds\": 60, "
        "\"Parameters\": {\"FunctionName\": \"f\", \"Payload\": "
        "{\"token.$\": \"$$.Task.Token\"}}, \"ResultSelector\": {\"r.$\": "
        "\"$.Payload\"}, \"OutputPath\": \"$.a\", \"Retry\": "
        "[{\"ErrorEquals\": [\"States.Timeout\"], \"MaxAttempts\": 5}, "
        "{\"ErrorEquals\": [\"States.ALL\"], \"BackoffRate\": 1.5, "
        "\"JitterStrategy\": \"FULL\"}], \"Catch\": [{\"ErrorEquals\": "
        "[\"States.ALL\"], \"ResultPath\": \"$.err\", \"Next\": \"Oops\"}], "
        "\"Next\": \"Pick\"},\n"
        "    \"Pick\": {\"Type\": \"Choice\", \"Choices\": [{\"And\": "
        "[{\"Variable\": \"$.n\", \"NumericGreaterThan\": 1}, {\"Not\": "
        "{\"Variable\": \"$.s\", \"StringMatches\": \"a*\"}}], \"Next\": "
        "\"Fan\"}, {\"Variable\": \"$.a\", \"StringEqualsPath\": \"$.b\", "
        "\"Next\": \"Wait\"}], \"Default\": \"Oops\"},\n"
        "    \"Wait\": {\"Type\": \"Wait\", \"TimestampPath\": \"$.when\", "
        "\"Next\": \"Fan\"},\n"
        "    \"Fan\": {\"Type\": \"Parallel\", \"Branches\": [{\"StartAt\": "
        "\"B1\", \"States\": {\"B1\": {\"Type\": \"Pass\", \"End\": true}}}, "
        "{\"StartAt\": \"B2\", \"States\": {\"B2\": {\"Type\": \"Map\", "
        "\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 2, "
        "\"ItemProcessor\": {\"StartAt\": \"M\", \"States\": {\"M\": "
        "{\"Type\": \"Succeed\"}}}, \"End\": true}}}], \"Next\": "
        "\"Done\"},\n"
        "    \"Done\": {\"Type\": \"Succeed\"},\n"
        "    \"Oops\": {\"Type\": \"Fail\", \"Error\": \"Bad\", "
        "\"CausePath\": \"$.why\"}\n"
        "  }\n"
        "}\n";

static struct sfn_asl_machine *load_text(const char *text,
                                         struct sfn_json_doc **doc)
{
	struct sfn_asl_machine *m = NULL;
	struct sfn_diags d;

	sfn_diags_init(&d);
	if (sfn_json_parse(text, strlen(text), "deep.asl.json", NULL, &d,
	                   doc) == SFN_OK)
		sfn_asl_load(*doc, sfn_json_root(*doc), NULL, &d, &m);
	sfn_diags_free(&d);
	return m;
}

/* A long chain of Pass states stays small in memory: a state without
 * paths or payloads shares one empty set of them, and the large fields
 * of Task, Map, Wait and Fail are allocated for those states only, so a
 * Pass state takes under 300 bytes of the model's arena (the whole of
 * struct sfn_asl_state with its Map member inline was over 1,600). */
static void pass_chain_size(struct test_state *t)
{
	enum { N = 1000 };
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m;
	struct sfn_buf b;
	const struct sfn_asl_state *first, *last;

	sfn_buf_init(&b, 1 << 20);
	sfn_buf_adds(&b, "{\"StartAt\": \"S0\", \"States\": {");
	for (int i = 0; i < N - 1; i++)
		sfn_buf_printf(&b,
		               "\"S%d\": {\"Type\": \"Pass\", "
		               "\"Next\": \"S%d\"}, ",
		               i, i + 1);
	sfn_buf_printf(&b,
	               "\"S%d\": {\"Type\": \"Pass\", \"InputPath\": "
	               "\"$.a\", \"End\": true}}}",
	               N - 1);
	m = load_text(sfn_buf_str(&b), &doc);
	CHECK(m != NULL);
	if (m != NULL) {
		first = m->top->states[0];
		last = m->top->states[N - 1];
		CHECK(first->io == m->top->states[1]->io);
		CHECK(first->io != last->io);
		CHECK_INT(first->io->input_path.field.kind, SFN_FIELD_ABSENT);
		CHECK_STR(last->io->input_path.field.text, "$.a");
		CHECK(sfn_asl_arena(m)->total / N < 300);
	}
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
	sfn_buf_free(&b);
}

static const char *path_text(const struct sfn_path *p)
{
	return p ? sfn_path_text(p) : "(none)";
}

static void deep_transitions(struct test_state *t,
                             const struct sfn_asl_machine *m)
{
	const struct sfn_asl_scope *top = m->top;
	struct sfn_asl_state *pick = sfn_asl_find(top, "Pick");
	const struct sfn_asl_rule *r = pick->u.choice.rules;

	CHECK_INT(m->nscopes, 4);
	CHECK_INT(m->nstates, 10);
	CHECK_INT(top->nstates, 7);
	CHECK_STR(top->start->name, "Prep");
	CHECK(top->start->next == sfn_asl_find(top, "Call"));
	CHECK(top->states[1]->next == pick);
	CHECK_INT(pick->type, SFN_ASL_CHOICE);
	CHECK_INT(pick->u.choice.nrules, 2);
	CHECK(pick->u.choice.otherwise == sfn_asl_find(top, "Oops"));
	CHECK_INT(r[0].kind, SFN_ASL_RULE_AND);
	CHECK(r[0].next == sfn_asl_find(top, "Fan"));
	CHECK_INT(r[0].nchildren, 2);
	CHECK_STR(r[0].children[0].op->name, "NumericGreaterThan");
	CHECK(cJSON_IsNumber(r[0].children[0].operand));
	CHECK_INT(r[0].children[1].kind, SFN_ASL_RULE_NOT);
	CHECK_STR(r[0].children[1].children[0].op->name, "StringMatches");
	CHECK_STR(path_text(r[0].children[1].children[0].variable), "$.s");
	CHECK_STR(r[1].op->name, "StringEqualsPath");
	CHECK_STR(path_text(r[1].operand_path), "$.b");
	CHECK(r[1].next == sfn_asl_find(top, "Wait"));
}

static void deep_task(struct test_state *t, const struct sfn_asl_machine *m)
{
	const struct sfn_asl_state *call = sfn_asl_find(m->top, "Call");
	const struct sfn_asl_task *task = call->u.task;

	CHECK_INT(task->resource.kind, SFN_RESOURCE_INTEGRATION);
	CHECK_INT(task->resource.pattern, SFN_PATTERN_TOKEN);
	CHECK(sfn_text_is(task->resource.action, "invoke"));
	CHECK_INT(task->timeout.how, SFN_ASL_PATH);
	CHECK_STR(path_text(task->timeout.path), "$.t");
	CHECK_INT(task->heartbeat.how, SFN_ASL_LITERAL);
	CHECK(task->heartbeat.value == 60);
	CHECK_INT(call->nretry, 2);
	CHECK(call->retry[0].max_attempts == 5);
	CHECK(call->retry[0].interval_seconds == 1);
	CHECK(call->retry[0].backoff_rate == 2);
	CHECK_STR(call->retry[0].errors.names[0], "States.Timeout");
	CHECK(call->retry[1].backoff_rate == 1.5);
	CHECK_INT(call->retry[1].jitter, SFN_ASL_JITTER_FULL);
	CHECK_INT(call->ncatchers, 1);
	CHECK(call->catchers[0].next == sfn_asl_find(m->top, "Oops"));
	CHECK_STR(call->catchers[0].result_path.field.text, "$.err");
	CHECK(call->io->result_selector.tmpl != NULL);
	CHECK_INT(call->span.line, 5);
	CHECK_INT(call->name_span.line, 5);
	CHECK_INT(call->name_span.col, 5);
	CHECK_INT(task->resource_span.line, 5);
}

static void deep_nested(struct test_state *t, const struct sfn_asl_machine *m)
{
	const struct sfn_asl_state *fan = sfn_asl_find(m->top, "Fan");
	const struct sfn_asl_state *b2, *oops = sfn_asl_find(m->top, "Oops");
	const struct sfn_asl_state *wait = sfn_asl_find(m->top, "Wait");

	CHECK_INT(fan->u.parallel.nbranches, 2);
	b2 = fan->u.parallel.branches[1]->start;
	CHECK_INT(b2->type, SFN_ASL_MAP);
	CHECK_STR(b2->where, "/States/Fan/Branches[1]/States/B2");
	CHECK_INT(fan->u.parallel.branches[1]->branch, 1);
	CHECK(b2->u.map->max_concurrency.how == SFN_ASL_LITERAL &&
	      b2->u.map->max_concurrency.value == 2);
	CHECK_STR(b2->u.map->items_path.field.text, "$.items");
	CHECK_INT(b2->u.map->processor->depth, 2);
	CHECK_INT(b2->u.map->processor->start->type, SFN_ASL_SUCCEED);
	CHECK_STR(b2->u.map->processor->start->where,
	          "/States/Fan/Branches[1]/States/B2/ItemProcessor/States/M");
	CHECK_INT(wait->u.wait->timestamp.how, SFN_ASL_PATH);
	CHECK_STR(path_text(wait->u.wait->timestamp.path), "$.when");
	CHECK_STR(oops->u.fail->error.value, "Bad");
	CHECK_INT(oops->u.fail->cause.how, SFN_ASL_PATH);
	CHECK(m->has_timeout && m->timeout_seconds == 300);
	CHECK_STR(m->comment, "deep");
}

/* "$.a" appears in three fields: it is one parsed path. The compiled
 * Parameters run as the interpreter will run them. */
static void deep_parsed_once(struct test_state *t,
                             const struct sfn_asl_machine *m)
{
	const struct sfn_asl_state *prep = m->top->start;
	const struct sfn_asl_state *call = prep->next;
	const struct sfn_asl_state *pick = call->next;
	struct sfn_exec_template_expr e[4];
	cJSON *in = cJSON_Parse("{\"a\":1}"), *out = NULL;
	struct sfn_exec_data data = { in, NULL, NULL };
	struct sfn_error err = { NULL, NULL };
	char *got;

	CHECK_STR(path_text(prep->io->input_path.field.path), "$.in");
	CHECK_INT(prep->io->result_path.field.kind, SFN_FIELD_PATH);
	CHECK_INT(sfn_exec_template_exprs(prep->io->parameters.tmpl, e, 4), 2);
	CHECK(e[0].path != NULL && e[1].call != NULL);
	CHECK(e[0].path == call->io->output_path.field.path);
	CHECK(e[0].path == pick->u.choice.rules[1].variable);
	CHECK_INT(sfn_exec_payload_compiled(prep->io->parameters.tmpl, &data,
	                                    &out, &err),
	          SFN_OK);
	got = cJSON_PrintUnformatted(out);
	CHECK_STR(got, "{\"x\":1,\"y\":\"1\",\"k\":\"lit\"}");
	free(got);
	cJSON_Delete(out);
	cJSON_Delete(in);
}

/* The deep machine's Choice run on inputs: first matching rule, the
 * Default, a Variable that selects nothing. */
static void deep_choose(struct test_state *t, const struct sfn_asl_machine *m)
{
	static const struct {
		const char *input, *next; /* NULL: fails */
		int rule;                 /* index of the rule; -1: Default */
	} cases[] = {
		{ "{\"n\": 2, \"s\": \"bcd\"}", "Fan", 0 },
		{ "{\"n\": 2, \"s\": \"abc\", \"a\": \"x\", \"b\": "
		  "\"x\"}",
		  "Wait", 1 },
		{ "{\"n\": 0, \"a\": \"x\", \"b\": \"y\"}", "Oops", -1 },
		{ "{\"n\": \"2\", \"a\": \"x\", \"b\": \"y\"}", "Oops", -1 },
		{ "{\"a\": \"x\"}", NULL, 0 },
		{ "{\"n\": 0, \"a\": \"x\"}", NULL, 0 },
	};
	const struct sfn_asl_state *pick = sfn_asl_find(m->top, "Pick"), *next;
	const struct sfn_asl_rule *rule;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *in = cJSON_Parse(cases[i].input);
		struct sfn_exec_data data = { in, NULL, NULL };
		struct sfn_error err = { NULL, NULL };
		enum sfn_status st =
		        sfn_exec_choose(pick, &data, &next, &rule, &err);

		cJSON_Delete(in);
		if (cases[i].next == NULL) {
			CHECK_INT(st, SFN_ERR_FAILED);
			CHECK_STR(err.name, "States.Runtime");
			CHECK(strstr(err.cause, i == 4 ? "'$.n'" : "'$.b'"));
			sfn_error_clear(&err);
			continue;
		}
		CHECK_INT(st, SFN_OK);
		CHECK_STR(next->name, cases[i].next);
		CHECK(rule == (cases[i].rule < 0
		                       ? NULL
		                       : &pick->u.choice.rules[cases[i].rule]));
	}
}

static void deep_machine(struct test_state *t)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = load_text(deep_text, &doc);

	CHECK(m != NULL);
	check_machine(t, m);
	if (!t->failed)
		deep_transitions(t, m);
	if (!t->failed)
		deep_task(t, m);
	if (!t->failed)
		deep_nested(t, m);
	if (!t->failed)
		deep_parsed_once(t, m);
	if (!t->failed)
		deep_choose(t, m);
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
}

/* A conformance case loaded: its text, document and machine. */
struct loaded {
	char *text;
	struct sfn_json_doc *doc;
	struct sfn_asl_machine *m;
};

/* Loads valid conformance case FILE into C; 0 (the test skipped without
 * the conformance material, failed when it does not load) otherwise. */
static int open_case(struct test_state *t, const char *file, struct loaded *c)
{
	const char *shared = getenv("SFN_SHARED");
	struct sfn_diags d;
	char path[4096];

	memset(c, 0, sizeof(*c));
	snprintf(path, sizeof(path), "%s/conformance/asl-lint/valid/%s",
	         shared ? shared : "../shared", file);
	c->doc = read_doc(path, &c->text);
	if (c->doc == NULL) {
		t->skipped = "no conformance material";
		return 0;
	}
	sfn_diags_init(&d);
	sfn_asl_load(c->doc, sfn_json_root(c->doc), NULL, &d, &c->m);
	sfn_diags_free(&d);
	if (c->m == NULL)
		test_fail(t, __FILE__, __LINE__, "%s does not load", file);
	return c->m != NULL;
}

static void close_case(struct loaded *c)
{
	sfn_asl_machine_free(c->m);
	sfn_json_doc_free(c->doc);
	free(c->text);
}

static void check_distributed(struct test_state *t,
                              const struct sfn_asl_map *map)
{
	CHECK_INT(map->mode, SFN_ASL_MAP_DISTRIBUTED);
	CHECK_STR(map->execution_type, "EXPRESS");
	CHECK_STR(map->label, "Map");
	CHECK_INT(map->item_reader.resource.kind, SFN_RESOURCE_INTEGRATION);
	CHECK(sfn_text_is(map->item_reader.resource.action, "getObject"));
	CHECK(map->item_reader.arguments.tmpl != NULL);
	CHECK_INT(map->item_reader.max_items.how, SFN_ASL_LITERAL);
	CHECK(map->item_reader.max_items.value == 1);
	CHECK_INT(map->item_reader.span.line, 7);
	CHECK(sfn_text_is(map->result_writer.resource.action, "putObject"));
	CHECK(map->item_batcher.json == NULL);
	CHECK_INT(map->processor->start->u.task->resource.kind,
	          SFN_RESOURCE_INTEGRATION);
}

/* A distributed Map: reader, writer, processor config, label. */
static void distributed_map(struct test_state *t)
{
	struct loaded c;

	if (open_case(t, "asl-validator-map-distributed.asl.json", &c))
		check_distributed(t, c.m->top->start->u.map);
	close_case(&c);
}

static void check_batcher(struct test_state *t, const struct sfn_asl_map *map)
{
	const struct sfn_asl_map_batcher *b = &map->item_batcher;

	CHECK(b->max_items.how == SFN_ASL_LITERAL && b->max_items.value == 2);
	CHECK(b->max_bytes.value == 131072);
	CHECK(b->batch_input.tmpl != NULL);
	CHECK(map->item_reader.json == NULL);
}

static void item_batcher(struct test_state *t)
{
	struct loaded c;

	if (open_case(t, "asl-validator-map-with-item-batcher.json", &c))
		check_batcher(t, c.m->top->start->u.map);
	close_case(&c);
}

/* A Choice without Default that nothing matches; a JSONata Condition
 * waits for the JSONata engine, literal ones decide. */
static void no_choice_matched(struct test_state *t)
{
	struct sfn_json_doc *doc = NULL, *doc2 = NULL;
	struct sfn_asl_machine *m =
	        load_text("{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": "
	                  "\"Choice\", \"Choices\": [{\"Variable\": \"$.x\", "
	                  "\"IsPresent\": true, \"Next\": \"E\"}]}, \"E\": "
	                  "{\"Type\": \"Succeed\"}}}",
	                  &doc);
	struct sfn_asl_machine *m2 = load_text(
	        "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"C\", "
	        "\"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": "
	        "[{\"Condition\": \"{% true %}\", \"Next\": \"E\"}, "
	        "{\"Condition\": true, \"Next\": \"E\"}]}, \"E\": "
	        "{\"Type\": \"Succeed\"}}}",
	        &doc2);
	cJSON *in = cJSON_Parse("{}");
	struct sfn_exec_data data = { in, NULL, NULL };
	struct sfn_error err = { NULL, NULL };
	const struct sfn_asl_state *next;
	int matched = 0;

	CHECK(m != NULL && m2 != NULL);
	CHECK_INT(sfn_exec_choose(m->top->start, &data, &next, NULL, &err),
	          SFN_ERR_FAILED);
	CHECK_STR(err.name, "States.NoChoiceMatched");
	sfn_error_clear(&err);
	CHECK_INT(sfn_exec_rule_test(&m2->top->start->u.choice.rules[0], &data,
	                             &matched, &err),
	          SFN_ERR_USAGE);
	CHECK_INT(sfn_exec_rule_test(&m2->top->start->u.choice.rules[1], &data,
	                             &matched, &err),
	          SFN_OK);
	CHECK_INT(matched, 1);
	cJSON_Delete(in);
	sfn_asl_machine_free(m);
	sfn_asl_machine_free(m2);
	sfn_json_doc_free(doc);
	sfn_json_doc_free(doc2);
}

static const char jsonata_text[] =
        "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\n"
        "\"A\": {\"Type\": \"Pass\", \"Output\": {\"v\": "
        "\"{% $states.input.x %}\", \"w\": [1, \"{% 2 %}\"]}, \"Assign\": "
        "{\"n\": \"{% 1 %}\"}, \"Next\": \"C\"},\n"
        "\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Condition\": "
        "\"{% $n > 0 %}\", \"Next\": \"D\"}], \"Default\": \"D\"},\n"
        "\"D\": {\"Type\": \"Wait\", \"Seconds\": \"{% 3 %}\", \"End\": "
        "true}}}\n";

/* JSONata fields keep their expressions' text in slots, located. */
static void jsonata_slots(struct test_state *t)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = load_text(jsonata_text, &doc);
	const struct sfn_asl_state *a, *c, *d;

	CHECK(m != NULL);
	a = m->top->start;
	c = a->next;
	d = sfn_asl_find(m->top, "D");
	CHECK_INT(a->language, SFN_ASL_JSONATA);
	CHECK_INT(a->io->output.nexprs, 2);
	CHECK_INT(a->io->output.exprs[0].len, strlen(" $states.input.x "));
	CHECK(strncmp(a->io->output.exprs[0].expr, " $states.input.x ", 17) ==
	      0);
	CHECK(a->io->output.exprs[0].compiled == NULL);
	CHECK_INT(a->io->output.exprs[1].span.line, 2);
	CHECK(a->io->output.tmpl == NULL);
	CHECK_INT(a->io->assign.nexprs, 1);
	CHECK_INT(c->u.choice.rules[0].kind, SFN_ASL_RULE_CONDITION);
	CHECK(c->u.choice.rules[0].condition != NULL);
	CHECK(c->u.choice.otherwise == d);
	CHECK_INT(d->u.wait->seconds.how, SFN_ASL_EXPR);
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
}

/* What a JSONata engine would do: visit every slot once, keep a parse
 * in the machine's arena, release something of its own at the end. */
static enum sfn_status fill(void *ctx, struct sfn_asl_jsonata *slot)
{
	struct sfn_asl_machine *m = ctx;

	if (slot->compiled != NULL)
		return SFN_ERR_USAGE; /* visited twice */
	slot->compiled =
	        sfn_arena_strndup(sfn_asl_arena(m), slot->expr, slot->len);
	return slot->compiled ? SFN_OK : SFN_ERR_NOMEM;
}

static enum sfn_status stop(void *ctx, struct sfn_asl_jsonata *slot)
{
	(void) slot;
	return ++*(int *) ctx == 2 ? SFN_ERR_LIMIT : SFN_OK;
}

static void count(void *p)
{
	++*(int *) p;
}

static void jsonata_hook(struct test_state *t)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = load_text(jsonata_text, &doc);
	int seen = 0, freed = 0;

	CHECK(m != NULL);
	CHECK_INT(sfn_asl_each_jsonata(m, fill, m), SFN_OK);
	CHECK_STR(m->top->start->io->output.exprs[0].compiled,
	          " $states.input.x ");
	CHECK_STR(m->top->states[1]->u.choice.rules[0].condition->compiled,
	          " $n > 0 ");
	CHECK_STR(m->top->states[2]->u.wait->seconds.expr->compiled, " 3 ");
	CHECK_INT(sfn_asl_each_jsonata(m, fill, m), SFN_ERR_USAGE);
	CHECK_INT(sfn_asl_each_jsonata(m, stop, &seen), SFN_ERR_LIMIT);
	CHECK_INT(seen, 2);
	CHECK_INT(sfn_asl_defer(m, count, &freed), SFN_OK);
	CHECK_INT(sfn_asl_defer(m, count, &freed), SFN_OK);
	sfn_asl_machine_free(m);
	CHECK_INT(freed, 2);
	sfn_json_doc_free(doc);
}

/* The diagnostic for RULE in D, or NULL. */
static const struct sfn_diag *find_diag(const struct sfn_diags *d,
                                        enum sfn_rule_id rule)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].rule == rule)
			return &d->items[i];
	return NULL;
}

/* A definition built in memory, its spans given by the producer (a .sfn
 * file): findings point into that file; the model's spans are those. */
static void wrapped_spans(struct test_state *t)
{
	static const struct sfn_span states_key = { 3, 3, 3, 9 };
	static const struct sfn_span states_val = { 3, 11, 9, 4 };
	static const struct sfn_span next_val = { 7, 9, 7, 18 };
	static const struct sfn_span a_key = { 4, 5, 4, 6 };
	static const struct sfn_span a_val = { 4, 8, 8, 5 };
	cJSON *root = cJSON_Parse("{\"StartAt\":\"A\",\"States\":{\"A\":{"
	                          "\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}");
	struct sfn_json_doc *doc = sfn_json_doc_wrap_take(root, "app.sfn");
	cJSON *states = cJSON_GetObjectItem(root, "States");
	cJSON *a = states->child, *next = cJSON_GetObjectItem(a, "Next");
	struct sfn_asl_machine *m = NULL;
	const struct sfn_diag *d1, *d2;
	struct sfn_diags d;

	CHECK(doc != NULL);
	CHECK_INT(sfn_json_doc_set_span(doc, states, &states_val, &states_key),
	          SFN_OK);
	CHECK_INT(sfn_json_doc_set_span(doc, a, &a_val, &a_key), SFN_OK);
	CHECK_INT(sfn_json_doc_set_span(doc, next, &next_val, NULL), SFN_OK);
	sfn_diags_init(&d);
	CHECK_INT(sfn_asl_load(doc, root, NULL, &d, &m), SFN_ERR_SYNTAX);
	CHECK(m == NULL);
	d1 = find_diag(&d, SFN_RULE_ASL_MISSING_TARGET);
	d2 = find_diag(&d, SFN_RULE_ASL_NO_TERMINAL);
	CHECK(d1 != NULL && d2 != NULL);
	CHECK_STR(d1->loc.file, "app.sfn");
	CHECK_INT(d1->loc.line, 7);
	CHECK_INT(d1->loc.col, 9);
	CHECK_INT(d1->loc.end_col, 18);
	CHECK_STR(d2->loc.file, "app.sfn");
	CHECK_INT(d2->loc.line, 3);
	CHECK_INT(d2->loc.col, 3);
	sfn_diags_free(&d);

	/* made valid, it loads with the producer's spans */
	cJSON_DeleteItemFromObject(a, "Next");
	cJSON_AddTrueToObject(a, "End");
	sfn_diags_init(&d);
	CHECK_INT(sfn_asl_load(doc, root, NULL, &d, &m), SFN_OK);
	CHECK_INT(d.count, 0);
	CHECK_INT(m->top->start->span.line, 4);
	CHECK_INT(m->top->start->name_span.col, 5);
	CHECK_STR(sfn_asl_loc(m, m->top->start->span).file, "app.sfn");
	CHECK_INT(m->top->span.line, 0); /* the root was given no span */
	sfn_asl_machine_free(m);
	sfn_diags_free(&d);
	CHECK_INT(sfn_json_doc_set_span(doc, NULL, &a_val, NULL),
	          SFN_ERR_USAGE);
	sfn_json_doc_free(doc);
}

/* A machine whose one Choice rule wraps N - 2 Nots (the machine's scope
 * and the top rule count too): N levels of nesting. */
static cJSON *nested_nots(size_t n)
{
	cJSON *root = cJSON_CreateObject(), *states, *c, *rule, *list;

	cJSON_AddStringToObject(root, "StartAt", "C");
	states = cJSON_AddObjectToObject(root, "States");
	c = cJSON_AddObjectToObject(states, "C");
	cJSON_AddStringToObject(c, "Type", "Choice");
	cJSON_AddStringToObject(c, "Default", "E");
	list = cJSON_AddArrayToObject(c, "Choices");
	rule = cJSON_CreateObject();
	cJSON_AddItemToArray(list, rule);
	cJSON_AddStringToObject(rule, "Next", "E");
	for (size_t i = 2; i < n; i++)
		rule = cJSON_AddObjectToObject(rule, "Not");
	cJSON_AddStringToObject(rule, "Variable", "$.x");
	cJSON_AddBoolToObject(rule, "IsPresent", 1);
	c = cJSON_AddObjectToObject(states, "E");
	cJSON_AddStringToObject(c, "Type", "Succeed");
	return root;
}

/* Loads ROOT, built in memory; *NDIAGS: the diagnostics it gave. */
static enum sfn_status load_tree(cJSON *root, size_t *ndiags)
{
	struct sfn_json_doc *doc = sfn_json_doc_wrap_take(root, "n");
	struct sfn_asl_machine *m = NULL;
	struct sfn_diags d;
	enum sfn_status st;

	sfn_diags_init(&d);
	st = sfn_asl_load(doc, root, NULL, &d, &m);
	*ndiags = d.count;
	sfn_asl_machine_free(m);
	sfn_diags_free(&d);
	sfn_json_doc_free(doc);
	return st;
}

static void depth_limit(struct test_state *t)
{
	size_t n;

	CHECK_INT(load_tree(nested_nots(SFN_ASL_MODEL_MAX_DEPTH), &n), SFN_OK);
	CHECK_INT(n, 0);
	CHECK_INT(load_tree(nested_nots(SFN_ASL_MODEL_MAX_DEPTH + 1), &n),
	          SFN_ERR_LIMIT);
	CHECK_INT(n, 1);
}

/* Loads TEXT with every rule turned off: whatever the validator would
 * say, the loader must not trust a shape it was not given. */
static enum sfn_status load_unchecked(const char *text)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = NULL;
	enum sfn_status st;
	struct sfn_diags d;

	sfn_diags_init(&d);
	for (int r = 0; r < SFN_RULE_COUNT; r++)
		sfn_diags_set_severity(&d, (enum sfn_rule_id) r, SFN_SEV_OFF);
	st = sfn_json_parse(text, strlen(text), "bad", NULL, &d, &doc);
	if (st == SFN_OK)
		st = sfn_asl_load(doc, sfn_json_root(doc), NULL, &d, &m);
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	return st;
}

static const char *const bad_shapes[] = {
	"{}",
	"{\"States\": []}",
	"{\"States\": {\"A\": 1, \"B\": []}, \"StartAt\": 5}",
	"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": 1}}}",
	"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": "
	"\"Choice\", \"Choices\": [1, {\"Not\": 2}, {\"And\": {}}, "
	"{\"Or\": [3]}, {\"Variable\": 4, \"StringEqualsPath\": 5}]}}}",
	"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": "
	"\"Parallel\", \"Branches\": [1, [], {\"States\": 2}]}}}",
	"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Map\", "
	"\"ItemProcessor\": 3, \"ItemReader\": 4, \"ItemBatcher\": [], "
	"\"ResultWriter\": \"x\"}}}",
	"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", "
	"\"Resource\": 1, \"Retry\": {\"a\": 1}, \"Catch\": [1, "
	"{\"ErrorEquals\": 3, \"Next\": 4}], \"Parameters\": {\"a.$\": 1}, "
	"\"TimeoutSecondsPath\": 7, \"Credentials\": 2}}}",
	"{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Fail\", "
	"\"ErrorPath\": \"States.Bad(\", \"CausePath\": \"$.[\"}}}",
	"{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": "
	"{\"A\": {\"Type\": \"Wait\", \"Seconds\": \"{%%}\", "
	"\"Output\": [\"{% x %}\", {\"k\": \"{%\"}]}}}",
};

/* Every conformance case and odd shapes load, or fail cleanly, with the
 * validator's rules off. */
static void unchecked_shapes(struct test_state *t)
{
	const char *shared = getenv("SFN_SHARED");
	char path[4096], *text;
	size_t len;
	cJSON *m;

	CHECK_INT(load_unchecked("[]"), SFN_ERR_SYNTAX); /* no object */
	for (size_t i = 0; i < sizeof(bad_shapes) / sizeof(bad_shapes[0]); i++)
		CHECK_INT(load_unchecked(bad_shapes[i]), SFN_OK);
	snprintf(path, sizeof(path), "%s/conformance/asl-lint/manifest.json",
	         shared ? shared : "../shared");
	if (sfn_read_file(path, (size_t) 1 << 24, &text, &len) != SFN_OK)
		return;
	m = cJSON_Parse(text);
	free(text);
	for (const cJSON *c = cJSON_GetObjectItem(m, "cases")->child; c;
	     c = c->next) {
		snprintf(path, sizeof(path), "%s/conformance/asl-lint/%s",
		         shared ? shared : "../shared",
		         cJSON_GetStringValue(cJSON_GetObjectItem(c, "file")));
		if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) ==
		    SFN_OK) {
			enum sfn_status st = load_unchecked(text);

			if (st != SFN_OK && st != SFN_ERR_SYNTAX)
				test_fail(t, __FILE__, __LINE__, "%s: %d", path,
				          (int) st);
		}
		free(text);
	}
	cJSON_Delete(m);
}

/* A machine whose Pass state's payload (Parameters, or Output in
 * JSONata) nests N objects; or whose Parallel states nest N - 1 branch
 * scopes under the machine's. */
static cJSON *nested(size_t n, int what)
{
	cJSON *root = cJSON_CreateObject(), *scope = root, *s, *at;

	if (what == 2)
		cJSON_AddStringToObject(root, "QueryLanguage", "JSONata");
	for (size_t depth = 1;; depth++) {
		char name[32]; /* state names are unique in the machine */

		snprintf(name, sizeof(name), "S%zu", depth);
		cJSON_AddStringToObject(scope, "StartAt", name);
		s = cJSON_AddObjectToObject(
		        cJSON_AddObjectToObject(scope, "States"), name);
		cJSON_AddTrueToObject(s, "End");
		if (what != 0 || depth == n) {
			cJSON_AddStringToObject(s, "Type", "Pass");
			break;
		}
		cJSON_AddStringToObject(s, "Type", "Parallel");
		scope = cJSON_CreateObject();
		cJSON_AddItemToArray(cJSON_AddArrayToObject(s, "Branches"),
		                     scope);
	}
	if (what == 0)
		return root;
	at = cJSON_AddObjectToObject(s, what == 2 ? "Output" : "Parameters");
	for (size_t i = 1; i < n; i++)
		at = cJSON_AddObjectToObject(at, "k");
	cJSON_AddStringToObject(at, what == 2 ? "v" : "v.$",
	                        what == 2 ? "{% 1 %}" : "$.x");
	return root;
}

/* Scopes nested to the model's limit, payloads to the template limit:
 * at the edge they load, one past it they do not. */
static void nesting_limits(struct test_state *t)
{
	size_t n;

	for (int what = 0; what < 3; what++) {
		size_t limit = what ? SFN_EXEC_TEMPLATE_MAX_DEPTH
		                    : SFN_ASL_MODEL_MAX_DEPTH;

		CHECK_INT(load_tree(nested(limit, what), &n), SFN_OK);
		CHECK_INT(n, 0);
		CHECK_INT(load_tree(nested(limit + 1, what), &n),
		          SFN_ERR_LIMIT);
		CHECK_INT(n, 1);
	}
}

/* Which states may read $$: those with "$$" in any string of their
 * own (a payload, a Choice rule, a Catcher's Assign), not in their
 * Parallel's or Map's states; every JSONata state. */
static void reads_context(struct test_state *t)
{
	static const char text[] =
	        "{\"StartAt\": \"A\", \"States\": {"
	        "\"A\": {\"Type\": \"Pass\", \"Result\": \"$\", "
	        "\"Next\": \"B\"}, "
	        "\"B\": {\"Type\": \"Pass\", \"Parameters\": {\"n.$\": "
	        "\"States.Format('{}', $$.State.Name)\"}, \"Next\": \"C\"}, "
	        "\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": "
	        "\"$$.State.Name\", \"StringEquals\": \"C\", \"Next\": "
	        "\"M\"}], \"Default\": \"M\"}, "
	        "\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": "
	        "\"I\", \"States\": {\"I\": {\"Type\": \"Pass\", "
	        "\"Parameters\": {\"i.$\": \"$$.State.Name\"}, \"End\": "
	        "true}}}, \"Next\": \"P\"}, "
	        "\"P\": {\"Type\": \"Parallel\", \"Branches\": [{\"StartAt\": "
	        "\"Q\", \"States\": {\"Q\": {\"Type\": \"Pass\", \"End\": "
	        "true}}}], \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], "
	        "\"Assign\": {\"w.$\": \"$$.State.Name\"}, \"Next\": "
	        "\"J\"}], \"Next\": \"J\"}, "
	        "\"J\": {\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", "
	        "\"End\": true}}}";
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = load_text(text, &doc);
	const struct sfn_asl_state *map;

	CHECK(m != NULL);
	if (m == NULL) {
		sfn_json_doc_free(doc);
		return;
	}
	map = sfn_asl_find(m->top, "M");
	CHECK_INT(sfn_asl_find(m->top, "A")->reads_context, 0);
	CHECK_INT(sfn_asl_find(m->top, "B")->reads_context, 1);
	CHECK_INT(sfn_asl_find(m->top, "C")->reads_context, 1);
	CHECK_INT(map->reads_context, 0);
	CHECK_INT(sfn_asl_find(map->u.map->processor, "I")->reads_context, 1);
	CHECK_INT(sfn_asl_find(m->top, "P")->reads_context, 1);
	CHECK_INT(sfn_asl_find(m->top, "J")->reads_context, 1);
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
}

/* A Pass state whose Result nests N arrays around DOLLARS (a string):
 * whether the loaded state reads $$, or -1 when it does not load. */
static int deep_result_reads(size_t n, const char *dollars)
{
	cJSON *root = cJSON_CreateObject(), *s, *at;
	struct sfn_json_doc *doc;
	struct sfn_asl_machine *m = NULL;
	struct sfn_diags d;
	int reads = -1;

	cJSON_AddStringToObject(root, "StartAt", "P");
	s = cJSON_AddObjectToObject(cJSON_AddObjectToObject(root, "States"),
	                            "P");
	cJSON_AddStringToObject(s, "Type", "Pass");
	cJSON_AddTrueToObject(s, "End");
	at = cJSON_AddArrayToObject(s, "Result");
	for (size_t i = 1; i < n; i++) {
		cJSON *inner = cJSON_CreateArray();

		cJSON_AddItemToArray(at, inner);
		at = inner;
	}
	cJSON_AddItemToArray(at, cJSON_CreateString(dollars));
	doc = sfn_json_doc_wrap_take(root, "r");
	sfn_diags_init(&d);
	if (sfn_asl_load(doc, root, NULL, &d, &m) == SFN_OK)
		reads = m->top->start->reads_context;
	sfn_asl_machine_free(m);
	sfn_diags_free(&d);
	sfn_json_doc_free(doc);
	return reads;
}

/* The search for "$$" walks SFN_JSON_MAX_DEPTH levels of a state: a
 * string nested deeper is taken to mention it. */
static void reads_context_depth(struct test_state *t)
{
	CHECK_INT(deep_result_reads(SFN_JSON_MAX_DEPTH - 1, "x"), 0);
	CHECK_INT(deep_result_reads(SFN_JSON_MAX_DEPTH - 1, "$$.a"), 1);
	CHECK_INT(deep_result_reads(SFN_JSON_MAX_DEPTH, "x"), 1);
}

const struct test sfn_tests_model[] = {
	{ "conformance_valid", conformance_valid },
	{ "examples", examples },
	{ "deep_machine", deep_machine },
	{ "no_choice_matched", no_choice_matched },
	{ "jsonata_slots", jsonata_slots },
	{ "jsonata_hook", jsonata_hook },
	{ "distributed_map", distributed_map },
	{ "item_batcher", item_batcher },
	{ "wrapped_spans", wrapped_spans },
	{ "depth_limit", depth_limit },
	{ "nesting_limits", nesting_limits },
	{ "unchecked_shapes", unchecked_shapes },
	{ "pass_chain_size", pass_chain_size },
	{ "reads_context", reads_context },
	{ "reads_context_depth", reads_context_depth },
	{ NULL, NULL },
};
