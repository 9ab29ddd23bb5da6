/* sfnc run: executes a state machine (an ASL file, or a CloudFormation
 * template's) on one event loop, with Task states answered by a
 * MockConfigFile test case or an integration (Bedrock), and prints its
 * output (or its history); a failed execution prints its error and cause
 * and exits 1. SIGINT aborts the execution. --record writes what the
 * tasks answered as a test case. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run_aws.h"
#include "cli/run_machine.h"
#include "cli/run_record.h"
#include "sfn/choice.h"
#include "sfn/jsonout.h"
#include "sfn/mock.h"
#include "sfn/model.h"
#include "sfn/run.h"

enum {
	OPT_INPUT,
	OPT_MACHINE,
	OPT_MOCK,
	OPT_CASE,
	OPT_NO_WAIT,
	OPT_HISTORY,
	OPT_NAME,
	OPT_CONTEXT,
	OPT_COMPACT,
	OPT_TRACE,
	OPT_RECORD,
	OPT_AWS /* RUN_AWS_NOPTS of them, last */
};

struct run_cli {
	const char *input, *machine, *mock, *test_case, *name, *context;
	const char *record;
	struct run_aws_cli aws;
	int no_wait, history, compact, trace;
};

static const struct cli_opt run_opts[] = {
	{ "input", 'i', "JSON|@FILE|-", OPT_INPUT,
	  "the execution input: JSON text, @FILE, or - for standard input "
	  "(default {})" },
	{ "machine", 'm', "NAME", OPT_MACHINE,
	  "the template's state machine to run (its logical ID)" },
	{ "mock-config", 0, "FILE", OPT_MOCK,
	  "a MockConfigFile (default: $SFN_MOCK_CONFIG)" },
	{ "test-case", 't', "[MACHINE#]CASE", OPT_CASE,
	  "the mock test case; MACHINE names the machine in the file" },
	{ "no-wait", 0, NULL, OPT_NO_WAIT,
	  "Wait states and retry pauses take no time (the clock jumps)" },
	{ "history", 0, NULL, OPT_HISTORY,
	  "print the event history (GetExecutionHistory's shape), not the "
	  "output" },
	{ "name", 0, "NAME", OPT_NAME, "the execution's name" },
	{ "context", 0, "FILE", OPT_CONTEXT,
	  "a JSON object merged over the context object ($$)" },
	{ "compact", 'c', NULL, OPT_COMPACT, "print JSON on one line" },
	{ "trace", 0, NULL, OPT_TRACE,
	  "print each state's processing steps on standard error" },
	{ "record", 0, "FILE", OPT_RECORD,
	  "write what every task answered to FILE, as the test case "
	  "--test-case (default " SFN_RUN_RECORD_CASE ")" },
	RUN_AWS_CLI_OPTS(OPT_AWS, "the AWS region (default: $AWS_REGION, "
	                          "$AWS_DEFAULT_REGION, the profile's)"),
	{ NULL, 0, NULL, 0, NULL }
};

static int run_option(const struct cli_command *cmd, void *ctx,
                      const struct cli_opt *o, const char *v)
{
	struct run_cli *r = ctx;
	const char **slots[] = {
		[OPT_INPUT] = &r->input,   [OPT_MACHINE] = &r->machine,
		[OPT_MOCK] = &r->mock,     [OPT_CASE] = &r->test_case,
		[OPT_NAME] = &r->name,     [OPT_CONTEXT] = &r->context,
		[OPT_RECORD] = &r->record,
	};
	int *flags[] = { [OPT_NO_WAIT] = &r->no_wait,
		         [OPT_HISTORY] = &r->history,
		         [OPT_COMPACT] = &r->compact,
		         [OPT_TRACE] = &r->trace };

	(void) cmd;
	if (o->id >= OPT_AWS)
		sfn_run_aws_option(&r->aws, o->id - OPT_AWS, v);
	else if (o->arg != NULL)
		*slots[o->id] = v;
	else
		*flags[o->id] = 1;
	return -1;
}

/* ---- what the execution needs ---------------------------------------- */

struct run_env {
	struct cli_sources sources;
	struct run_machine rm;
	struct sfn_json_doc *input, *context, *mock_doc;
	struct sfn_asl_machine *machine;
	struct sfn_mock *mock;
	struct sfn_mock_record *record;
	struct run_aws aws;
	struct sfn_vclock vclock;
	struct sfn_clock real;
	struct sfn_loop *loop;
	struct sfn_rand rand;
	char name[40];
	char *case_machine;    /* MACHINE of --test-case, else the machine's */
	const char *case_name; /* CASE of --test-case, else the default */
};

static int load_machine(const struct cli_command *cmd, struct run_env *e,
                        const char *file, const char *want)
{
	const struct sfn_source *src;
	struct sfn_asl_opts opts = { 0, 0 };
	struct sfn_diags diags;
	enum sfn_status st;
	int found;

	sfn_diags_init(&diags);
	found = sfn_run_machine_read(cmd, &e->sources, file, &e->rm, &diags,
	                             &src);
	if (found && e->rm.doc == NULL)
		found = sfn_run_machine_compile(cmd, &e->rm, src, want, &diags);
	else if (found)
		found = sfn_run_machine_find(cmd, &e->rm, want);
	if (src == NULL) {
		sfn_diags_free(&diags);
		return 0;
	}
	st = SFN_ERR_SYNTAX;
	if (found) {
		opts.template = e->rm.template;
		st = sfn_asl_load(e->rm.doc_for_def, e->rm.def, &opts, &diags,
		                  &e->machine);
	}
	if (st == SFN_OK) /* JSONata parsed once; a bad one fails when run */
		st = sfn_exec_jsonata_prepare(e->machine, NULL, NULL);
	if (diags.errors > 0 || st != SFN_OK)
		sfn_cli_print_diags(&diags, &e->sources);
	if (found && st != SFN_OK &&
	    (st != SFN_ERR_SYNTAX || diags.errors == 0))
		sfn_cli_error(cmd, "cannot load '%s': %s", src->name,
		              sfn_status_str(st != SFN_ERR_SYNTAX
		                                     ? st
		                                     : diags.status));
	sfn_diags_free(&diags);
	return st == SFN_OK;
}

/* --test-case [MACHINE#]CASE into E's machine and case, which the mock
 * reads and --record writes: MACHINE defaults to the machine's name, CASE
 * to SFN_RUN_RECORD_CASE; an empty one is an error, since no file read
 * or written could name it. */
static int split_test_case(const struct cli_command *cmd, struct run_env *e,
                           const char *test_case)
{
	const char *hash = test_case ? strchr(test_case, '#') : NULL;
	const char *machine = hash ? test_case : e->rm.name;
	size_t n = hash ? (size_t) (hash - test_case) : strlen(machine);

	e->case_name =
	        hash ? hash + 1 : (test_case ? test_case : SFN_RUN_RECORD_CASE);
	if (test_case != NULL && (n == 0 || e->case_name[0] == '\0')) {
		sfn_cli_error(cmd, "--test-case '%s': %s", test_case,
		              n == 0 ? "no MACHINE before '#'"
		                     : "no CASE to name");
		return 0;
	}
	e->case_machine = malloc(n + 1);
	if (e->case_machine == NULL) {
		sfn_cli_error(cmd, "%s", sfn_status_str(SFN_ERR_NOMEM));
		return 0;
	}
	memcpy(e->case_machine, machine, n);
	e->case_machine[n] = '\0';
	return 1;
}

static int load_mock(const struct cli_command *cmd, struct run_env *e,
                     const char *file, const char *test_case, int record)
{
	struct sfn_diags diags;
	enum sfn_status st;

	if (file == NULL || file[0] == '\0') {
		if (test_case != NULL && record)
			return 1; /* it names the recorded case */
		if (test_case != NULL)
			sfn_cli_error(cmd,
			              "--test-case needs --mock-config FILE "
			              "(or SFN_MOCK_CONFIG) to read it, or "
			              "--record FILE to write it");
		return test_case == NULL;
	}
	if (test_case == NULL) {
		sfn_cli_error(cmd, "--mock-config needs --test-case NAME");
		return 0;
	}
	e->mock_doc = sfn_cli_read_json(cmd, &e->sources, file);
	if (e->mock_doc == NULL)
		return 0;
	sfn_diags_init(&diags);
	st = sfn_mock_load(e->mock_doc, e->case_machine, e->case_name, e->loop,
	                   &diags, &e->mock);
	if (st != SFN_OK)
		sfn_cli_print_diags(&diags, &e->sources);
	if (st != SFN_OK && diags.count == 0)
		sfn_cli_error(cmd, "cannot read the mock file '%s': %s", file,
		              sfn_status_str(st));
	sfn_diags_free(&diags);
	return st == SFN_OK;
}

/* A virtual clock for --no-wait, started at the context's
 * Execution.StartTime when it gives one, else now. */
static struct sfn_clock *make_clock(struct run_env *e, int no_wait)
{
	const cJSON *ctx = e->context ? sfn_json_root(e->context) : NULL;
	const cJSON *start = cJSON_GetObjectItemCaseSensitive(
	        cJSON_GetObjectItemCaseSensitive(ctx, "Execution"),
	        "StartTime");
	struct sfn_instant at;
	int64_t now;

	sfn_clock_init_real(&e->real);
	if (!no_wait)
		return &e->real;
	now = e->real.wall_ms(&e->real);
	if (cJSON_IsString(start) &&
	    sfn_choice_timestamp(start->valuestring, &at))
		now = at.seconds * 1000 + at.nanos / 1000000;
	sfn_vclock_init(&e->vclock, now);
	return &e->vclock.clock;
}

/* A version 4 UUID from the seeded source, as the service names
 * executions. */
static void make_name(struct run_env *e)
{
	uint64_t a = sfn_rand_next(&e->rand), b = sfn_rand_next(&e->rand);

	snprintf(e->name, sizeof(e->name), "%08x-%04x-4%03x-%04x-%012llx",
	         (unsigned) (a >> 32), (unsigned) (a >> 16) & 0xffff,
	         (unsigned) a & 0xfff, (unsigned) ((b >> 48) & 0x3fff) | 0x8000,
	         (unsigned long long) (b & 0xffffffffffffULL));
}

static void env_free(struct run_env *e)
{
	sfn_run_aws_free(&e->aws); /* before the loop it runs on */
	sfn_mock_record_free(e->record);
	sfn_mock_free(e->mock);
	sfn_asl_machine_free(e->machine);
	if (e->loop != NULL)
		sfn_loop_free(e->loop);
	sfn_json_doc_free(e->rm.def_doc);
	sfn_json_doc_free(e->rm.doc);
	sfn_json_doc_free(e->input);
	sfn_json_doc_free(e->context);
	sfn_json_doc_free(e->mock_doc);
	sfn_cli_sources_free(&e->sources);
	free(e->case_machine);
}

/* ---- running ------------------------------------------------------------- */

static struct sfn_loop *signalled_loop;

static void on_sigint(int sig)
{
	(void) sig;
	if (signalled_loop != NULL)
		sfn_loop_signal_stop(signalled_loop);
}

static int print_json(const struct cli_command *cmd, const cJSON *v,
                      int compact)
{
	struct sfn_buf out;
	int ok;

	sfn_buf_init(&out, (size_t) 1 << 30);
	sfn_jsonout_value(v, compact ? SFN_JSONOUT_COMPACT : SFN_JSONOUT_PRETTY,
	                  &out);
	sfn_buf_addc(&out, '\n');
	ok = sfn_cli_write(cmd, &out);
	sfn_buf_free(&out);
	return ok ? CLI_OK : CLI_USAGE;
}

/* The trace on standard error, one state's attempt per line. */
static void print_trace(const cJSON *trace)
{
	const cJSON *t;
	struct sfn_buf out;

	sfn_buf_init(&out, (size_t) 1 << 30);
	cJSON_ArrayForEach(t, trace)
	{
		sfn_jsonout_value(t, SFN_JSONOUT_COMPACT, &out);
		sfn_buf_addc(&out, '\n');
	}
	fputs(sfn_buf_str(&out), stderr);
	sfn_buf_free(&out);
}

static int report(const struct cli_command *cmd, const struct run_cli *r,
                  const struct sfn_run *run)
{
	const struct sfn_error *err = sfn_run_error(run);
	int rc = CLI_OK;

	if (sfn_run_status(run) != SFN_OK)
		return sfn_cli_error(cmd, "%s",
		                     sfn_status_str(sfn_run_status(run)));
	if (r->trace)
		print_trace(sfn_run_trace(run));
	if (r->history)
		rc = print_json(cmd, sfn_run_history(run), r->compact);
	else if (sfn_run_state(run) == SFN_RUN_SUCCEEDED)
		rc = print_json(cmd, sfn_run_output(run), r->compact);
	if (sfn_run_state(run) == SFN_RUN_SUCCEEDED)
		return rc;
	fprintf(stderr, "%s: %s\n", err->name ? err->name : "",
	        err->cause ? err->cause : "");
	return rc == CLI_OK ? CLI_FINDINGS : rc;
}

/* The integrations: Bedrock when it was made, all behind the recorder
 * with --record. */
static int integrations(const struct cli_command *cmd, struct run_env *e,
                        struct sfn_integrations *table)
{
	sfn_integrations_init(table);
	/* one table, one line per integration: none can pass the limit */
	if (e->aws.bedrock != NULL)
		(void) sfn_integrations_add(
		        table, SFN_BEDROCK_RESOURCE,
		        sfn_bedrock_integration(e->aws.bedrock));
	return e->record == NULL ||
	       sfn_run_record_wrap(cmd, e->record, table, e->mock);
}

static int execute(const struct cli_command *cmd, const struct run_cli *r,
                   struct run_env *e)
{
	struct sfn_run_opts opts = { 0 };
	struct sfn_integrations table;
	struct sfn_run *run = NULL;
	const char *why = NULL;
	enum sfn_status st;
	int rc;

	opts.name = r->name ? r->name : e->name;
	opts.machine_name = e->rm.name;
	opts.context = e->context ? sfn_json_root(e->context) : NULL;
	opts.mock = e->mock;
	if (!integrations(cmd, e, &table))
		return CLI_USAGE;
	opts.integrations = &table;
	opts.history = r->history;
	opts.trace = r->trace;
	opts.rand = sfn_rand_next;
	opts.rand_ctx = &e->rand;
	st = sfn_run_start(e->machine, sfn_json_root(e->input), &opts, e->loop,
	                   &run, &why);
	if (st != SFN_OK)
		return sfn_cli_error(cmd, "%s", why ? why : sfn_status_str(st));
	signalled_loop = e->loop;
	signal(SIGINT, on_sigint);
	st = sfn_loop_run_until(e->loop, sfn_run_done, run);
	signal(SIGINT, SIG_DFL);
	signalled_loop = NULL;
	if (!sfn_run_done(run))
		sfn_run_abort(run);
	rc = st == SFN_OK ? report(cmd, r, run)
	                  : sfn_cli_error(cmd, "%s", sfn_status_str(st));
	sfn_run_free(run);
	if (e->record != NULL &&
	    !sfn_run_record_write(cmd, e->record, e->case_machine, e->case_name,
	                          r->record))
		rc = CLI_USAGE;
	return rc;
}

/* "SECONDS" (a number from 0.001 to 86400) into milliseconds. */
/* The Bedrock integration, when a Bedrock task is not mocked. */
static int prepare_aws(const struct cli_command *cmd, struct run_cli *r,
                       struct run_env *e)
{
	const struct sfn_asl_state *s;

	if (!sfn_run_aws_check(cmd, &r->aws))
		return 0;
	s = sfn_run_aws_needed(e->machine, e->mock);
	return s == NULL ||
	       sfn_run_aws_start(cmd, &r->aws.opts, s, e->loop, &e->aws);
}

static int prepare(const struct cli_command *cmd, struct run_cli *r,
                   struct run_env *e, const char *file)
{
	const char *mock = r->mock ? r->mock : getenv("SFN_MOCK_CONFIG");

	if (!load_machine(cmd, e, file, r->machine) ||
	    !split_test_case(cmd, e, r->test_case))
		return 0;
	e->input = sfn_cli_read_json_arg(
	        cmd, &e->sources, r->input ? r->input : "{}", "<input>", 0);
	if (e->input == NULL)
		return 0;
	if (r->context != NULL) {
		e->context = sfn_cli_read_json(cmd, &e->sources, r->context);
		if (e->context == NULL)
			return 0;
		if (!cJSON_IsObject(sfn_json_root(e->context))) {
			sfn_cli_error(cmd, "--context: %s holds no JSON object",
			              r->context);
			return 0;
		}
	}
	if (sfn_loop_new(make_clock(e, r->no_wait), NULL, &e->loop) != SFN_OK) {
		sfn_cli_error(cmd, "cannot make the event loop");
		return 0;
	}
	if (!load_mock(cmd, e, mock, r->test_case, r->record != NULL))
		return 0;
	if (r->record != NULL && sfn_mock_record_new(0, &e->record) != SFN_OK) {
		sfn_cli_error(cmd, "--record: %s",
		              sfn_status_str(SFN_ERR_NOMEM));
		return 0;
	}
	return prepare_aws(cmd, r, e);
}

static int run_run(const struct cli_command *cmd, void *ctx, int nops,
                   char **operands)
{
	struct run_cli *r = ctx;
	struct run_env e;
	int rc = CLI_USAGE;

	if (nops != 1)
		return sfn_cli_error(cmd, nops ? "one FILE at a time"
		                               : "missing FILE (see 'sfnc help "
		                                 "run')");
	memset(&e, 0, sizeof(e));
	e.rand.state = (uint64_t) time(NULL) ^ ((uint64_t) getpid() << 32);
	make_name(&e);
	if (prepare(cmd, r, &e, operands[0]))
		rc = execute(cmd, r, &e);
	env_free(&e);
	return rc;
}

const struct cli_command sfn_cli_run = {
	"run",
	"Execute a state machine locally.",
	"sfnc run [OPTIONS] FILE",
	"Runs the state machine in FILE, an ASL JSON definition or a\n"
	"CloudFormation template (JSON or YAML; --machine picks one of its\n"
	"state machines), as Step Functions would, and prints its output.\n"
	"A .sfn file is compiled in memory first (--machine picks one of its\n"
	"machines, by the name it has there, which is also its name in the\n"
	"mock file).\n"
	"\n"
	"Task states are answered by a MockConfigFile test case, in the\n"
	"format of Step Functions Local: the machine's name there is the\n"
	"file name without .asl.json or .json (a template's: the logical\n"
	"ID), or MACHINE in --test-case MACHINE#CASE. A Task the test case\n"
	"does not name goes to an integration: a Resource of\n"
	"arn:aws:states:::bedrock:invokeModel calls Amazon Bedrock, with the\n"
	"credentials, region and endpoint the AWS CLI would use (--profile,\n"
	"the environment, ~/.aws; --region, --endpoint-url); they are looked\n"
	"for only when such a Task is not mocked. Any other Task with no\n"
	"mock fails the execution with States.Runtime.\n"
	"\n"
	"--record FILE writes what every task answered as a test case that\n"
	"--mock-config FILE replays: call Bedrock once, then run offline.\n"
	"\n"
	"A failed execution prints its error and cause on standard error.\n"
	"Press Ctrl-C to abort a running execution.\n"
	"\n"
	"Examples:\n"
	"  sfnc run examples/bedrock_joke.asl.json \\\n"
	"      --mock-config examples/bedrock_joke.mock.json "
	"--test-case HappyPath\n"
	"  sfnc run examples/bedrock_joke.asl.json --region us-east-1 \\\n"
	"      --record joke.mock.json\n"
	"  sfnc run examples/bedrock_joke.asl.json "
	"--mock-config joke.mock.json -t Recorded\n"
	"  sfnc run machine.asl.json --input '{\"n\": 3}' --no-wait\n"
	"  sfnc run machine.asl.json -i @input.json --history --compact\n"
	"  sfnc run machine.asl.json --trace 2>trace.jsonl\n"
	"  SFN_MOCK_CONFIG=mocks.json sfnc run template.yaml "
	"-m MyMachine -t Retry\n",
	"  0  the execution succeeded\n"
	"  1  the execution failed, timed out or was aborted\n"
	"  2  usage error, unreadable or invalid input\n",
	run_opts,
	run_option,
	run_run,
	sizeof(struct run_cli),
};
