/* The interpreter (include/sfn/run.h) and the mock integration
 * (include/sfn/mock.h): one table of whole executions, each rule of the
 * service's semantics in a row (definitions written with ' for "), then
 * the limits at and past their edges, MaxConcurrency over the fake
 * integration, abort, the machine's timeout, and mock file mistakes. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fake_task.h"
#include "run_parts.h"
#include "sfn/json.h"
#include "sfn/mock.h"
#include "sfn/model.h"
#include "sfn/run.h"
#include "test.h"

/* TEXT with every ' made a ", malloc'd. */
static char *dq(const char *text)
{
	char *s = strdup(text);

	for (char *p = s; p && *p; p++) {
		if (*p == '\'')
			*p = '"';
	}
	return s;
}

static struct sfn_json_doc *parse(const char *text)
{
	char *s = dq(text);
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;

	sfn_diags_init(&diags);
	if (s != NULL)
		sfn_json_parse(s, strlen(s), "t.json", NULL, &diags, &doc);
	sfn_diags_free(&diags);
	free(s); /* the document keeps no pointer into the text */
	return doc;
}

struct exec {
	struct run_parts p;
	struct sfn_vclock clock;
	struct sfn_run_opts opts;
	struct sfn_integrations table;
	struct fake fake;
	char *output, *history;
};

static void exec_free(struct exec *e)
{
	run_parts_free(&e->p);
	free(e->output);
	free(e->history);
}

/* Loads DEF and MOCK (test case "T" of machine "m"; may be NULL) and
 * starts DEF on INPUT; the fake integration answers every resource the
 * mock does not, with {"fake": true} after 1 s. */
static enum sfn_status exec_start(struct exec *e, const char *def,
                                  const char *input, const char *mock)
{
	struct sfn_diags diags;
	const char *why;
	enum sfn_status st;
	static const cJSON *fake_out;
	static struct sfn_json_doc *fake_doc;

	if (fake_doc == NULL) {
		fake_doc = parse("{'fake': true}");
		fake_out = sfn_json_root(fake_doc);
	}
	sfn_vclock_init(&e->clock, 1767268800000); /* 2026-01-01T12:00Z */
	if (sfn_loop_new(&e->clock.clock, NULL, &e->p.loop) != SFN_OK)
		return SFN_ERR_IO;
	fake_init(&e->fake, e->p.loop, 1000, fake_out, NULL);
	sfn_integrations_init(&e->table);
	sfn_integrations_add(&e->table, "*", &e->fake.integration);
	e->p.def = parse(def);
	e->p.input = parse(input);
	if (e->p.def == NULL || e->p.input == NULL)
		return SFN_ERR_SYNTAX;
	sfn_diags_init(&diags);
	st = sfn_asl_load(e->p.def, sfn_json_root(e->p.def), NULL, &diags,
	                  &e->p.machine);
	if (st == SFN_OK && mock != NULL) {
		e->p.mock_doc = parse(mock);
		st = e->p.mock_doc
		             ? sfn_mock_load(e->p.mock_doc, "m", "T", e->p.loop,
		                             &diags, &e->p.mock)
		             : SFN_ERR_SYNTAX;
	}
	sfn_diags_free(&diags);
	if (st != SFN_OK)
		return st;
	if (e->opts.name == NULL)
		e->opts.name = "exec";
	e->opts.machine_name = "m";
	e->opts.mock = e->p.mock;
	e->opts.integrations = &e->table;
	return sfn_run_start(e->p.machine, sfn_json_root(e->p.input), &e->opts,
	                     e->p.loop, &e->p.run, &why);
}

/* Runs to the end; OUTPUT gets the output or "ERROR: CAUSE". */
static enum sfn_status exec_finish(struct exec *e)
{
	const struct sfn_error *err;
	struct sfn_buf b;
	enum sfn_status st =
	        sfn_loop_run_until(e->p.loop, sfn_run_done, e->p.run);

	if (st != SFN_OK)
		return st;
	if (!sfn_run_done(e->p.run))
		return SFN_ERR_USAGE;
	if (sfn_run_output(e->p.run) != NULL) {
		e->output = cJSON_PrintUnformatted(sfn_run_output(e->p.run));
		return SFN_OK;
	}
	err = sfn_run_error(e->p.run);
	sfn_buf_init(&b, 1 << 20);
	sfn_buf_printf(&b, "%s: %s", err->name ? err->name : "(none)",
	               err->cause ? err->cause : "(none)");
	e->output = sfn_buf_take(&b);
	return sfn_run_status(e->p.run);
}

static const struct run_case {
	const char *name, *def, *input, *mock, *want;
} run_cases[] = {
	{ "jsonata_pass",
	  "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':"
	  "'Pass','Output':{'d':'{% $states.input.n * 2 %}','k':[true]},"
	  "'End':true}}}",
	  "{'n':2}", NULL, "{\"d\":4,\"k\":[true]}" },
	{ "jsonata_var_to_jsonpath",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':"
	  "'JSONata','Assign':{'v':'{% $states.input.n + 1 %}'},'Next':'B'},"
	  "'B':{'Type':'Pass','Parameters':{'v.$':'$v'},'End':true}}}",
	  "{'n':2}", NULL, "{\"v\":3}" },
	{ "jsonata_fail_fields",
	  "{'QueryLanguage':'JSONata','StartAt':'F','States':{'F':{'Type':"
	  "'Fail','Error':'{% $states.input.e %}','Cause':'{% $string(1) %}'"
	  "}}}",
	  "{'e':'E.x'}", NULL, "E.x: 1" },
	{ "jsonata_fail_field_type",
	  "{'QueryLanguage':'JSONata','StartAt':'F','States':{'F':{'Type':"
	  "'Fail','Error':'{% 5 %}'}}}",
	  "{}", NULL,
	  "States.QueryEvaluationError: The JSONata expression ' 5 ' "
	  "specified for the field 'Error' returned an unexpected result "
	  "type: expected a string" },
	{ "jsonata_map_items_not_array",
	  "{'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':"
	  "'Map','Items':'{% 3 %}','ItemProcessor':{'StartAt':'P','States':"
	  "{'P':{'Type':'Pass','End':true}}},'End':true}}}",
	  "{}", NULL,
	  "States.QueryEvaluationError: The Items of the Map state 'M' is "
	  "not an array" },
	{ "jsonata_choice_not_boolean",
	  "{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':"
	  "'Choice','Choices':[{'Condition':'{% 1 %}','Next':'S'}],"
	  "'Default':'S'},'S':{'Type':'Succeed'}}}",
	  "{}", NULL,
	  "States.QueryEvaluationError: The JSONata expression ' 1 ' "
	  "specified for the field 'Condition' returned an unexpected result "
	  "type: expected a boolean" },
	{ "pass_result_path",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','Result':{'x':1},"
	  "'ResultPath':'$.r.s','OutputPath':'$.r','End':true}}}",
	  "{'a':1}", NULL, "{\"s\":{\"x\":1}}" },
	{ "pass_parameters_context",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.in',"
	  "'Parameters':{'v.$':'$.v','name.$':'$$.Execution.Name',"
	  "'st.$':'$$.State.Name','start.$':'$$.Execution.StartTime',"
	  "'orig.$':'$$.Execution.Input.in.v'},'End':true}}}",
	  "{'in':{'v':7}}", NULL,
	  "{\"v\":7,\"name\":\"exec\",\"st\":\"A\",\"start\":"
	  "\"2026-01-01T12:00:00.000Z\",\"orig\":7}" },
	/* $$ is made only for a state that may read it: brought up to the
	 * state that reads it after states that did not, whatever field
	 * reads it, and in a Map whose ItemSelector reads none */
	{ "context_after_states_without_it",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'W'},"
	  "'W':{'Type':'Wait','Seconds':5,'Next':'B'},'B':{'Type':'Pass',"
	  "'Parameters':{'n.$':'$$.State.Name','t.$':'$$.State.EnteredTime',"
	  "'r.$':'$$.State.RetryCount'},'End':true}}}",
	  "{}", NULL,
	  "{\"n\":\"B\",\"t\":\"2026-01-01T12:00:05.000Z\",\"r\":0}" },
	{ "context_in_a_catcher_only",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'T'},"
	  "'T':{'Type':'Task','Resource':'arn:x','Catch':[{'ErrorEquals':"
	  "['States.ALL'],'Assign':{'w.$':'$$.State.Name'},'Next':'R'}],"
	  "'End':true},'R':{'Type':'Pass','Parameters':{'w.$':'$w'},"
	  "'End':true}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Throw':{'Error':'E'}}}}}",
	  "{\"w\":\"T\"}" },
	{ "map_selector_without_context",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items',"
	  "'ItemSelector':{'v.$':'$.k'},'ItemProcessor':{'StartAt':'I',"
	  "'States':{'I':{'Type':'Pass','Parameters':{'s.$':"
	  "'$$.State.Name','v.$':'$.v'},'End':true}}},'End':true}}}",
	  "{'k':1,'items':[0,0]}", NULL,
	  "[{\"s\":\"I\",\"v\":1},{\"s\":\"I\",\"v\":1}]" },
	{ "input_path_null_result_path_null",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':null,"
	  "'Result':5,'ResultPath':null,'End':true}}}",
	  "{'a':1}", NULL, "{\"a\":1}" },
	{ "output_path_null",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','OutputPath':null,"
	  "'End':true}}}",
	  "{'a':1}", NULL, "{}" },
	{ "input_path_miss",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.b',"
	  "'End':true}}}",
	  "{'a':1}", NULL,
	  "States.Runtime: Invalid path '$.b' : No results for path: "
	  "$['b']" },
	{ "result_path_mismatch",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','Result':1,"
	  "'ResultPath':'$.a.b','End':true}}}",
	  "{'a':'text'}", NULL,
	  "States.ResultPathMatchFailure: Unable to apply ReferencePath "
	  "$.a.b to input {\"a\":\"text\"}" },
	{ "choice_operators",
	  "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
	  "{'Or':[{'Variable':'$.s','StringMatches':'x*'},"
	  "{'Variable':'$.t','TimestampLessThanPath':'$.u'}],'Next':'Y'}],"
	  "'Default':'N'},'Y':{'Type':'Pass','Result':'yes','End':true},"
	  "'N':{'Type':'Pass','Result':'no','End':true}}}",
	  "{'s':'abc','t':'2020-01-01T00:00:00Z','u':'2021-01-01T00:00:00Z'}",
	  NULL, "\"yes\"" },
	{ "choice_default",
	  "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
	  "{'Not':{'Variable':'$.n','NumericLessThan':3},'Next':'Y'}],"
	  "'Default':'N'},'Y':{'Type':'Pass','Result':'yes','End':true},"
	  "'N':{'Type':'Pass','Result':'no','End':true}}}",
	  "{'n':1}", NULL, "\"no\"" },
	{ "choice_no_match",
	  "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
	  "{'Variable':'$.n','IsPresent':false,'Next':'Y'}]},"
	  "'Y':{'Type':'Succeed'}}}",
	  "{'n':1}", NULL,
	  "States.NoChoiceMatched: No Choice Rule matched and no Default is "
	  "given in state 'C'" },
	{ "fail_paths",
	  "{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.e',"
	  "'CausePath':'States.JsonToString($.c)'}}}",
	  "{'e':'My.Error','c':[42]}", NULL, "My.Error: [42]" },
	{ "fail_literal",
	  "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E'}}}", "{}",
	  NULL, "E: " },
	{ "variables_read_before_the_state",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'a':1,'b':2},"
	  "'Next':'B'},'B':{'Type':'Pass','Assign':{'a.$':'$b','b.$':'$a'},"
	  "'Next':'C'},'C':{'Type':'Pass','Parameters':{'a.$':'$a',"
	  "'b.$':'$b'},'End':true}}}",
	  "{}", NULL, "{\"a\":2,\"b\":1}" },
	{ "assign_reads_the_result",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'ResultSelector':{'got.$':'$.fake'},'Assign':{'v.$':'$.got'},"
	  "'ResultPath':null,'Next':'P'},'P':{'Type':'Pass',"
	  "'Parameters':{'v.$':'$v'},'End':true}}}",
	  "{}", NULL, "{\"v\":true}" },
	{ "task_fake_integration",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'ResultPath':'$.r','End':true}}}",
	  "{'a':1}", NULL, "{\"a\":1,\"r\":{\"fake\":true}}" },
	{ "mock_ranges_and_last_entry",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'Retry':[{'ErrorEquals':['E'],'MaxAttempts':5,"
	  "'IntervalSeconds':1}],'ResultSelector':{'n.$':"
	  "'$$.State.RetryCount','v.$':'$'},'End':true}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Throw':{'Error':'E'}},"
	  "'1-2':{'Throw':{'Error':'E','Cause':'c'}},"
	  "'3':{'Throw':{'Error':'E'}}}}}",
	  "E: " },
	{ "mock_return_after_range",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'Retry':[{'ErrorEquals':['E'],'MaxAttempts':5}],"
	  "'ResultSelector':{'n.$':'$$.State.RetryCount','v.$':'$'},"
	  "'End':true}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0-2':{'Throw':{'Error':'E'}},"
	  "'3':{'Return':'ok'}}}}",
	  "{\"n\":3,\"v\":\"ok\"}" },
	{ "retry_max_attempts_zero",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'Retry':[{'ErrorEquals':['E'],'MaxAttempts':0}],'End':true}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Throw':{'Error':'E','Cause':'once'}},"
	  "'1':{'Return':'retried'}}}}",
	  "E: once" },
	{ "catch_order_and_result_path",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'Catch':[{'ErrorEquals':['Other'],'Next':'X'},{'ErrorEquals':"
	  "['States.TaskFailed'],'ResultPath':'$.err','Next':'Y'}],"
	  "'End':true},'X':{'Type':'Fail','Error':'wrong'},"
	  "'Y':{'Type':'Pass','End':true}}}",
	  "{'a':1}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Throw':{'Error':'Boom','Cause':"
	  "'c'}}}}}",
	  "{\"a\":1,\"err\":{\"Error\":\"Boom\",\"Cause\":\"c\"}}" },
	{ "runtime_errors_are_not_caught",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'ResultSelector':{'v.$':'$.missing'},'Catch':[{'ErrorEquals':"
	  "['States.ALL'],'Next':'Y'}],'End':true},"
	  "'Y':{'Type':'Succeed'}}}",
	  "{}", NULL,
	  "States.Runtime: The JSONPath '$.missing' specified for the field "
	  "'v.$' could not be found in the input '{\"fake\":true}'" },
	{ "task_failed_does_not_match_timeout",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'TimeoutSeconds':1,'Catch':[{'ErrorEquals':['States.TaskFailed'],"
	  "'Next':'Y'}],'End':true},'Y':{'Type':'Succeed'}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1,'DelaySeconds':2}}}}",
	  "States.Timeout: The task 'T' did not finish within its "
	  "TimeoutSeconds" },
	{ "heartbeat_before_timeout",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'TimeoutSeconds':10,'HeartbeatSeconds':2,'Catch':[{'ErrorEquals':"
	  "['States.Timeout'],'Next':'Y'}],'End':true},"
	  "'Y':{'Type':'Succeed'}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1,'DelaySeconds':3}}}}",
	  "States.HeartbeatTimeout: The task 'T' did not finish within its "
	  "HeartbeatSeconds" },
	{ "jsonata_timeout_not_integer",
	  "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':"
	  "'Task','Resource':'arn:x','TimeoutSeconds':'{% $states.input.t %}',"
	  "'HeartbeatSeconds':'{% $states.input.h %}','End':true}}}",
	  "{'t':'ten','h':2}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1}}}}",
	  "States.QueryEvaluationError: The JSONata expression ' "
	  "$states.input.t ' specified for the field 'TimeoutSeconds' returned "
	  "an "
	  "unexpected result type: expected a positive integer" },
	{ "jsonata_heartbeat_not_integer",
	  "{'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':"
	  "'Task','Resource':'arn:x','TimeoutSeconds':'{% $states.input.t %}',"
	  "'HeartbeatSeconds':'{% $states.input.h %}','End':true}}}",
	  "{'t':10,'h':'two'}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1}}}}",
	  "States.QueryEvaluationError: The JSONata expression ' "
	  "$states.input.h ' specified for the field 'HeartbeatSeconds' "
	  "returned an "
	  "unexpected result type: expected a positive integer" },
	{ "heartbeat_in_time",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'HeartbeatSecondsPath':'$.h','End':true}}}",
	  "{'h':3}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1,'DelaySeconds':2}}}}",
	  "1" },
	{ "timeout_seconds_path",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'TimeoutSecondsPath':'$.t','End':true}}}",
	  "{'t':3}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1,'DelaySeconds':2}}}}",
	  "1" },
	{ "wait_timestamp_path",
	  "{'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.t',"
	  "'Next':'P'},'P':{'Type':'Pass','Parameters':{'at.$':"
	  "'$$.State.EnteredTime'},'End':true}}}",
	  "{'t':'2026-01-01T13:30:00Z'}", NULL,
	  "{\"at\":\"2026-01-01T13:30:00.000Z\"}" },
	{ "wait_seconds_path_not_a_number",
	  "{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.t',"
	  "'End':true}}}",
	  "{'t':'soon'}", NULL,
	  "States.Runtime: The SecondsPath parameter does not reference a "
	  "valid integer value in state 'W'" },
	{ "parallel_branch_fails",
	  "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
	  "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':100,"
	  "'End':true}}},{'StartAt':'B','States':{'B':{'Type':'Fail',"
	  "'Error':'B.Failed','Cause':'b'}}}],'Catch':[{'ErrorEquals':"
	  "['B.Failed'],'Next':'Y'}],'End':true},"
	  "'Y':{'Type':'Pass','Parameters':{'t.$':'$$.State.EnteredTime',"
	  "'e.$':'$.Error'},'End':true}}}",
	  "{}", NULL,
	  "{\"t\":\"2026-01-01T12:00:00.000Z\",\"e\":\"B.Failed\"}" },
	{ "parallel_results_in_order",
	  "{'StartAt':'P','States':{'P':{'Type':'Parallel','Parameters':"
	  "{'x.$':'$.x'},'ResultSelector':{'r.$':'$'},'Branches':["
	  "{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':5,"
	  "'Next':'A2'},'A2':{'Type':'Pass','Result':'a','End':true}}},"
	  "{'StartAt':'B','States':{'B':{'Type':'Pass','InputPath':'$.x',"
	  "'End':true}}}],'End':true}}}",
	  "{'x':2}", NULL, "{\"r\":[\"a\",2]}" },
	{ "map_item_selector_and_order",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs',"
	  "'ItemSelector':{'i.$':'$$.Map.Item.Index','v.$':"
	  "'$$.Map.Item.Value','k.$':'$.k'},'ItemProcessor':{'StartAt':'W',"
	  "'States':{'W':{'Type':'Wait','SecondsPath':'$.v','End':true}}},"
	  "'End':true}}}",
	  "{'xs':[3,1],'k':0}", NULL,
	  "[{\"i\":0,\"v\":3,\"k\":0},{\"i\":1,\"v\":1,\"k\":0}]" },
	{ "map_iterator_and_parameters",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','Parameters':"
	  "{'v.$':'$$.Map.Item.Value'},'Iterator':{'StartAt':'P',"
	  "'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}",
	  "[1,2]", NULL, "[{\"v\":1},{\"v\":2}]" },
	{ "map_items_not_an_array",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':"
	  "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
	  "'End':true}}}",
	  "{'a':1}", NULL,
	  "States.Runtime: The Map state 'M' needs an array of items, and "
	  "its ItemsPath selected none" },
	{ "map_item_reader",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemReader':{"
	  "'Resource':'arn:aws:states:::s3:getObject','Parameters':{"
	  "'Bucket':'b','Key':'k'}},'ItemProcessor':{'ProcessorConfig':{"
	  "'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'P',"
	  "'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}",
	  "{}", NULL,
	  "States.ItemReaderFailed: sfnc run reads no ItemReader (state 'M'): "
	  "give the items in the input" },
	{ "map_empty",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':"
	  "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
	  "'End':true}}}",
	  "[]", NULL, "[]" },
	{ "map_item_batcher",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':"
	  "{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':"
	  "'STANDARD'},'StartAt':'P','States':{'P':{'Type':'Pass',"
	  "'End':true}}},'ItemBatcher':{'MaxItemsPerBatch':2,'BatchInput':"
	  "{'b':1}},'End':true}}}",
	  "[1,2,3]", NULL,
	  "[{\"b\":1,\"Items\":[1,2]},{\"b\":1,\"Items\":[3]}]" },
	{ "map_item_batcher_bytes",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':"
	  "{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':"
	  "'STANDARD'},'StartAt':'P','States':{'P':{'Type':'Pass',"
	  "'End':true}}},'ItemBatcher':{'MaxInputBytesPerBatch':8},"
	  "'End':true}}}",
	  "['ab','c',1234567]", NULL,
	  "[{\"Items\":[\"ab\",\"c\"]},{\"Items\":[1234567]}]" },
	{ "map_tolerated_failures",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailureCount':"
	  "1,'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
	  "'ExecutionType':'STANDARD'},'StartAt':'C','States':{'C':{'Type':"
	  "'Choice','Choices':[{'Variable':'$','NumericEquals':2,'Next':"
	  "'F'}],'Default':'P'},'F':{'Type':'Fail','Error':'Two'},"
	  "'P':{'Type':'Pass','End':true}}},'End':true}}}",
	  "[1,2,3]", NULL, "[1,{\"Error\":\"Two\",\"Cause\":\"\"},3]" },
	{ "map_tolerance_exceeded",
	  "{'StartAt':'M','States':{'M':{'Type':'Map',"
	  "'ToleratedFailurePercentage':40,'ItemProcessor':{'ProcessorConfig':"
	  "{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'F',"
	  "'States':{'F':{'Type':'Fail','Error':'E'}}},'End':true}}}",
	  "[1,2]", NULL,
	  "States.ExceedToleratedFailureThreshold: The specified tolerated "
	  "failure threshold was exceeded" },
	{ "variables_reach_nested_scopes",
	  "{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'k':'v'},"
	  "'Next':'M'},'M':{'Type':'Map','ItemProcessor':{'StartAt':'P',"
	  "'States':{'P':{'Type':'Pass','Parameters':{'k.$':'$k'},"
	  "'End':true}}},'End':true}}}",
	  "[1]", NULL, "[{\"k\":\"v\"}]" },
	{ "task_token",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
	  "'arn:aws:states:::sqs:sendMessage.waitForTaskToken','Parameters':"
	  "{'t.$':'$$.Task.Token'},'ResultPath':null,'Next':'P'},"
	  "'P':{'Type':'Pass','End':true}}}",
	  "{}", NULL, "{}" },
};

static void table(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(run_cases) / sizeof(*run_cases); i++) {
		const struct run_case *c = &run_cases[i];
		struct exec e;
		enum sfn_status st;

		memset(&e, 0, sizeof(e));
		st = exec_start(&e, c->def, c->input, c->mock);
		if (st == SFN_OK)
			st = exec_finish(&e);
		if (st != SFN_OK || strcmp(e.output, c->want) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%s: status %d, output %s, want %s", c->name,
			          (int) st, e.output ? e.output : "(none)",
			          c->want);
		exec_free(&e);
	}
}

/* ---- limits ---------------------------------------------------------- */

static char *run_one(const char *def, const char *input,
                     const struct sfn_run_opts *limits)
{
	struct exec e;
	char *out = NULL;

	memset(&e, 0, sizeof(e));
	if (limits != NULL)
		e.opts = *limits;
	if (exec_start(&e, def, input, NULL) == SFN_OK &&
	    exec_finish(&e) == SFN_OK) {
		out = e.output;
		e.output = NULL;
	}
	exec_free(&e);
	return out;
}

/* {"s":"xxx..."} of exactly N bytes. */
static char *sized_input(size_t n)
{
	char *s = malloc(n + 1);

	memcpy(s, "{'s':'", 6);
	memset(s + 6, 'x', n - 8);
	memcpy(s + n - 2, "'}", 3);
	return s;
}

static void payload_limit(struct test_state *t)
{
	const char *def = "{'StartAt':'A','States':{'A':{'Type':'Pass',"
	                  "'End':true}}}";
	char *at = sized_input(SFN_RUN_MAX_PAYLOAD);
	char *past = sized_input(SFN_RUN_MAX_PAYLOAD + 1);
	char *out_at = run_one(def, at, NULL);
	char *out_past = run_one(def, past, NULL);

	CHECK(out_at != NULL && strlen(out_at) == SFN_RUN_MAX_PAYLOAD);
	CHECK(out_past == NULL); /* StartExecution refuses it */
	free(out_past);
	/* a state whose output grows past the limit */
	out_past = run_one("{'StartAt':'A','States':{'A':{'Type':'Pass',"
	                   "'Result':'x','ResultPath':'$.t','End':true}}}",
	                   at, NULL);
	CHECK(out_past != NULL);
	CHECK_STR(out_past,
	          "States.DataLimitExceeded: The state/task 'A' returned a "
	          "result with a size exceeding the maximum number of bytes "
	          "service limit.");
	free(at);
	free(past);
	free(out_at);
	free(out_past);
}

/* A loop of Pass states counting to N through a variable. */
static const char loop_def[] =
        "{'StartAt':'I','States':{'I':{'Type':'Pass','Assign':{'n':0},"
        "'Next':'C'},'C':{'Type':'Choice','Choices':[{'Variable':'$n',"
        "'NumericGreaterThanEqualsPath':'$.limit','Next':'E'}],"
        "'Default':'A'},'A':{'Type':'Pass','Assign':{'n.$':"
        "'States.MathAdd($n, 1)'},'Next':'C'},'E':{'Type':'Succeed'}}}";

/* DEF on INPUT under a limit of AT (in FIELD of O) gives OK; with one
 * less it fails with WHY. */
struct edge {
	const char *def, *input, *ok, *why;
};

static void limit_edge(struct test_state *t, size_t *field, size_t at,
                       struct sfn_run_opts *o, const struct edge *e)
{
	char *ok, *over;

	*field = at;
	ok = run_one(e->def, e->input, o);
	*field = at - 1;
	over = run_one(e->def, e->input, o);
	CHECK(ok != NULL && over != NULL);
	CHECK_STR(ok, e->ok);
	CHECK_STR(over, e->why);
	free(ok);
	free(over);
}

/* Each limit a caller may lower, at and past its edge. */
static const struct edge_case {
	size_t field; /* offset in struct sfn_run_opts */
	size_t at;
	struct edge e;
} edges[] = {
	/* I, then C and A three times, C, E: 9 states */
	{ offsetof(struct sfn_run_opts, max_transitions),
	  9,
	  { loop_def, "{'limit':3}", "{\"limit\":3}",
	    "States.Runtime: The execution entered more states than its "
	    "limit (SFN_RUN_MAX_TRANSITIONS)" } },
	/* ExecutionStarted, 9 states entered and exited: 19 (the end
	 * event is never refused) */
	{ offsetof(struct sfn_run_opts, max_history),
	  19,
	  { loop_def, "{'limit':3}", "{\"limit\":3}",
	    "States.Runtime: The execution reached its limit of history "
	    "events (SFN_RUN_MAX_HISTORY)" } },
	{ offsetof(struct sfn_run_opts, max_map_items),
	  3,
	  { "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':"
	    "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},"
	    "'End':true}}}",
	    "[1,2,3]", "[1,2,3]",
	    "States.Runtime: The Map state 'M' has more than its limit of "
	    "items (SFN_RUN_MAX_MAP_ITEMS)" } },
	/* the machine's frame and one branch: the second waits for the
	 * first; with no frame for either, neither could ever start */
	{ offsetof(struct sfn_run_opts, max_frames),
	  2,
	  { "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
	    "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},"
	    "{'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}],"
	    "'End':true}}}",
	    "1", "[1,1]",
	    "States.Runtime: More branches and iterations would run at "
	    "once than the limit (SFN_RUN_MAX_FRAMES)" } },
	/* an unbounded Map throttles to the frames left, one at a time */
	{ offsetof(struct sfn_run_opts, max_frames),
	  2,
	  { "{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':0,"
	    "'ItemProcessor':{'StartAt':'A','States':{'A':{'Type':'Pass',"
	    "'End':true}}},'End':true}}}",
	    "[1,2,3]", "[1,2,3]",
	    "States.Runtime: More branches and iterations would run at "
	    "once than the limit (SFN_RUN_MAX_FRAMES)" } },
};

static void limits(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(edges) / sizeof(*edges); i++) {
		struct sfn_run_opts o = { 0 };
		size_t *field = (size_t *) ((char *) &o + edges[i].field);

		limit_edge(t, field, edges[i].at, &o, &edges[i].e);
		if (t->failed)
			return;
	}
}

static void default_history_limit(struct test_state *t)
{
	/* 25,000 events: the loop runs 12,497 rounds at most */
	char *over = run_one(loop_def, "{'limit':20000}", NULL);

	CHECK(over != NULL);
	CHECK_STR(over, "States.Runtime: The execution reached its limit of "
	                "history events (SFN_RUN_MAX_HISTORY)");
	free(over);
}

/* ---- concurrency, abort, timeout ------------------------------------- */

static const char map_def[] =
        "{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':3,"
        "'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task',"
        "'Resource':'arn:x','End':true}}},'End':true}}}";

static void max_concurrency(struct test_state *t)
{
	struct exec e;

	memset(&e, 0, sizeof(e));
	CHECK_INT(exec_start(&e, map_def, "[1,2,3,4,5,6,7]", NULL), SFN_OK);
	CHECK_INT(exec_finish(&e), SFN_OK);
	CHECK_INT(e.fake.started, 7);
	CHECK_INT(e.fake.max_in_flight, 3);
	/* three rounds of one second each */
	CHECK_INT(e.clock.mono, 3000);
	CHECK(strncmp(e.output, "[{\"fake\":true},", 15) == 0);
	exec_free(&e);
}

struct aborter {
	struct exec *e;
	size_t in_flight; /* when the abort came */
};

static void abort_now(struct sfn_loop *loop, void *ctx)
{
	struct aborter *a = ctx;

	(void) loop;
	a->in_flight = a->e->fake.in_flight;
	sfn_run_abort(a->e->p.run);
}

static void abort_cancels_tasks(struct test_state *t)
{
	struct exec e;
	struct sfn_timer timer;
	struct aborter a = { &e, 0 };
	const cJSON *events;

	memset(&e, 0, sizeof(e));
	e.opts.history = 1;
	CHECK_INT(exec_start(&e, map_def, "[1,2,3,4,5]", NULL), SFN_OK);
	sfn_timer_init(&timer);
	CHECK_INT(
	        sfn_loop_timer_start(e.p.loop, &timer, 1500, 0, abort_now, &a),
	        SFN_OK);
	CHECK_INT(sfn_loop_run(e.p.loop), SFN_OK);
	CHECK_INT(a.in_flight, 2); /* items 3 and 4; 0-2 are done */
	CHECK_INT(sfn_run_state(e.p.run), SFN_RUN_ABORTED);
	CHECK_INT(e.fake.cancelled, 2);
	CHECK_INT(e.fake.in_flight, 0);
	CHECK_INT(e.fake.started, 5);
	events = cJSON_GetObjectItem(sfn_run_history(e.p.run), "events");
	CHECK_STR(cJSON_GetObjectItem(
	                  cJSON_GetArrayItem(events,
	                                     cJSON_GetArraySize(events) - 1),
	                  "type")
	                  ->valuestring,
	          "ExecutionAborted");
	exec_free(&e);
}

static void machine_timeout(struct test_state *t)
{
	struct exec e;

	memset(&e, 0, sizeof(e));
	CHECK_INT(exec_start(&e,
	                     "{'TimeoutSeconds':10,'StartAt':'W','States':{"
	                     "'W':{'Type':'Wait','Seconds':11,'End':true}}}",
	                     "{}", NULL),
	          SFN_OK);
	CHECK_INT(exec_finish(&e), SFN_OK);
	CHECK_INT(sfn_run_state(e.p.run), SFN_RUN_TIMED_OUT);
	CHECK_STR(e.output, "States.Timeout: The execution timed out");
	CHECK_INT(e.clock.mono, 10000);
	exec_free(&e);
}

/* The first state reads the execution's input, even when --context
 * merges other members into $$.Execution.Input (without such overrides
 * it reads the copy $$.Execution.Input holds); a Map reads its whole
 * input in place. */
static void context_overrides_input(struct test_state *t)
{
	static const char def[] =
	        "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{"
	        "'in.$':'$','ctx.$':'$$.Execution.Input'},'Next':'M'},"
	        "'M':{'Type':'Map','ItemsPath':'$.in.l','ItemSelector':{"
	        "'v.$':'$$.Map.Item.Value','a.$':'$.in.a'},'ItemProcessor':{"
	        "'StartAt':'I','States':{'I':{'Type':'Pass','End':true}}},"
	        "'ResultPath':'$.out','End':true}}}";
	struct sfn_json_doc *ctx = parse("{'Execution':{'Input':{'o':1}}}");
	struct exec e;

	for (int with = 0; with < 2; with++) {
		memset(&e, 0, sizeof(e));
		e.opts.context = with ? sfn_json_root(ctx) : NULL;
		CHECK_INT(exec_start(&e, def, "{'a':1,'l':[5,6]}", NULL),
		          SFN_OK);
		CHECK_INT(exec_finish(&e), SFN_OK);
		CHECK_STR(e.output,
		          with ? "{\"in\":{\"a\":1,\"l\":[5,6]},\"ctx\":{\"a\":"
		                 "1,\"l\":[5,6],\"o\":1},\"out\":[{\"v\":5,"
		                 "\"a\":1},{\"v\":6,\"a\":1}]}"
		               : "{\"in\":{\"a\":1,\"l\":[5,6]},\"ctx\":{\"a\":"
		                 "1,\"l\":[5,6]},\"out\":[{\"v\":5,\"a\":1},"
		                 "{\"v\":6,\"a\":1}]}");
		exec_free(&e);
	}
	sfn_json_doc_free(ctx);
}

/* Retry pauses on the clock: 1 s, then 10 s capped at 5, then 5 again. */
static void retry_max_delay(struct test_state *t)
{
	struct exec e;

	memset(&e, 0, sizeof(e));
	CHECK_INT(exec_start(&e,
	                     "{'StartAt':'T','States':{'T':{'Type':'Task',"
	                     "'Resource':'arn:x','Retry':[{'ErrorEquals':"
	                     "['E'],'IntervalSeconds':1,'BackoffRate':10,"
	                     "'MaxDelaySeconds':5,'MaxAttempts':3}],"
	                     "'End':true}}}",
	                     "{}",
	                     "{'StateMachines':{'m':{'TestCases':{'T':{'T':"
	                     "'R'}}}},'MockedResponses':{'R':{'0-2':{'Throw':"
	                     "{'Error':'E'}},'3':{'Return':'done'}}}}"),
	          SFN_OK);
	CHECK_INT(exec_finish(&e), SFN_OK);
	CHECK_STR(e.output, "\"done\"");
	CHECK_INT(e.clock.mono, 11000);
	CHECK_INT(sfn_mock_calls(e.p.mock), 4);
	exec_free(&e);
}

/* A random source that answers what the test pinned. */
static uint64_t pinned(void *ctx)
{
	return *(const uint64_t *) ctx;
}

/* JitterStrategy FULL draws each pause (1 s, then 2 s) from [0, delay]
 * in whole milliseconds: none with draws of 0, 1 s each with 1000. */
static void retry_full_jitter(struct test_state *t)
{
	static const uint64_t draws[] = { 0, 1000 };
	static const int64_t want[] = { 0, 2000 };

	for (size_t i = 0; i < 2; i++) {
		struct exec e;
		uint64_t draw = draws[i];

		memset(&e, 0, sizeof(e));
		e.opts.rand = pinned;
		e.opts.rand_ctx = &draw;
		CHECK_INT(exec_start(&e,
		                     "{'StartAt':'T','States':{'T':{'Type':"
		                     "'Task','Resource':'arn:x','Retry':[{"
		                     "'ErrorEquals':['E'],'JitterStrategy':"
		                     "'FULL'}],'End':true}}}",
		                     "{}",
		                     "{'StateMachines':{'m':{'TestCases':{'T':"
		                     "{'T':'R'}}}},'MockedResponses':{'R':{"
		                     "'0-1':{'Throw':{'Error':'E'}},'2':{"
		                     "'Return':1}}}}"),
		          SFN_OK);
		CHECK_INT(exec_finish(&e), SFN_OK);
		CHECK_STR(e.output, "1");
		CHECK_INT(e.clock.mono, want[i]);
		exec_free(&e);
	}
}

/* StartExecution's names: 80 characters at most, none of its specials. */
static void execution_names(struct test_state *t)
{
	static const char *const bad[] = { "",   "a b",       "a/b",   "a:b",
		                           "a*", "tab\there", "x\x7f", NULL };
	char name[82];

	memset(name, 'n', 81);
	name[81] = '\0';
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct exec e;

		memset(&e, 0, sizeof(e));
		e.opts.name = bad[i] ? bad[i] : name; /* last: 81 characters */
		if (exec_start(&e,
		               "{'StartAt':'S','States':{'S':{'Type':"
		               "'Succeed'}}}",
		               "{}", NULL) != SFN_ERR_USAGE)
			test_fail(t, __FILE__, __LINE__, "name %zu taken", i);
		exec_free(&e);
	}
}

static void execution_name_at_limit(struct test_state *t)
{
	struct exec e;
	char name[81];

	memset(name, 'n', 80);
	name[80] = '\0';
	memset(&e, 0, sizeof(e));
	e.opts.name = name;
	CHECK_INT(exec_start(&e,
	                     "{'StartAt':'S','States':{'S':{'Type':'Pass',"
	                     "'Parameters':{'n.$':'$$.Execution.Name'},"
	                     "'End':true}}}",
	                     "{}", NULL),
	          SFN_OK);
	CHECK_INT(exec_finish(&e), SFN_OK);
	CHECK_INT(strlen(e.output), 80 + 8); /* {"n":"..."} */
	exec_free(&e);
}

/* ---- mock files ------------------------------------------------------ */

static const struct mock_case {
	const char *file, *message;
} mock_cases[] = {
	{ "[]", "a MockConfigFile is an object" },
	{ "{}", "no \"StateMachines\" object" },
	{ "{'StateMachines':{}}", "no state machine 'm' in \"StateMachines\"" },
	{ "{'StateMachines':{'m':{}}}", "no test case 'T' in its "
	                                "\"TestCases\"" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}}}",
	  "state 'S' names no mocked response of \"MockedResponses\"" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{}}}",
	  "the mocked response 'R' has no attempts" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{'2-1':{'Return':1}}}}",
	  "'2-1' is no attempt number or range (\"0\", \"1-2\")" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{'1000001':{'Return':1}}}}",
	  "'1000001' is no attempt number or range (\"0\", \"1-2\")" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{'0-3':{'Return':1},'2':{'Return':1}}}}",
	  "attempts '2' overlap or come before the previous key" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1,'Throw':{}}}}}",
	  "the response for attempts '0' needs either \"Return\" or "
	  "\"Throw\"" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Throw':{'Cause':'c'}}}}}",
	  "\"Throw\" of attempts '0' needs an \"Error\" string" },
	{ "{'StateMachines':{'m':{'TestCases':{'T':{'S':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':1,'DelaySeconds':86401}}}}",
	  "DelaySeconds of attempts '0' must be a number from 0 to 86400" },
};

static void mock_mistakes(struct test_state *t)
{
	struct sfn_vclock clock;
	struct sfn_loop *loop;

	sfn_vclock_init(&clock, 0);
	CHECK_INT(sfn_loop_new(&clock.clock, NULL, &loop), SFN_OK);
	for (size_t i = 0; i < sizeof(mock_cases) / sizeof(*mock_cases); i++) {
		struct sfn_json_doc *doc = parse(mock_cases[i].file);
		struct sfn_mock *mock = NULL;
		struct sfn_diags diags;
		enum sfn_status st;

		sfn_diags_init(&diags);
		st = sfn_mock_load(doc, "m", "T", loop, &diags, &mock);
		if (st != SFN_ERR_SYNTAX || diags.count != 1 ||
		    strcmp(diags.items[0].message, mock_cases[i].message) != 0)
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          diags.count ? diags.items[0].message
			                      : "no diagnostic");
		sfn_mock_free(mock);
		sfn_diags_free(&diags);
		sfn_json_doc_free(doc);
	}
	sfn_loop_free(loop);
}

static void mock_at_the_delay_limit(struct test_state *t)
{
	struct exec e;

	memset(&e, 0, sizeof(e));
	CHECK_INT(exec_start(&e,
	                     "{'StartAt':'T','States':{'T':{'Type':'Task',"
	                     "'Resource':'arn:x','End':true}}}",
	                     "{}",
	                     "{'StateMachines':{'m':{'TestCases':{'T':{'T':"
	                     "'R'}}}},'MockedResponses':{'R':{'0':{'Return':"
	                     "2,'DelaySeconds':86400}}}}"),
	          SFN_OK);
	CHECK_INT(exec_finish(&e), SFN_OK);
	CHECK_STR(e.output, "2");
	CHECK_INT(e.clock.mono, 86400000);
	CHECK_INT(sfn_mock_calls(e.p.mock), 1);
	CHECK_INT(e.fake.started, 0);
	exec_free(&e);
}

const struct test sfn_tests_run[] = {
	{ "table", table },
	{ "payload_limit", payload_limit },
	{ "limits", limits },
	{ "default_history_limit", default_history_limit },
	{ "max_concurrency", max_concurrency },
	{ "abort_cancels_tasks", abort_cancels_tasks },
	{ "machine_timeout", machine_timeout },
	{ "context_overrides_input", context_overrides_input },
	{ "retry_max_delay", retry_max_delay },
	{ "retry_full_jitter", retry_full_jitter },
	{ "execution_names", execution_names },
	{ "execution_name_at_limit", execution_name_at_limit },
	{ "mock_mistakes", mock_mistakes },
	{ "mock_at_the_delay_limit", mock_at_the_delay_limit },
	{ NULL, NULL },
};
