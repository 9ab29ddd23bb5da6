/* sfnc serve: the Step Functions API on a local port. The files given
 * (ASL definitions, CloudFormation templates, .sfn sources) become state
 * machines at start, their ARNs printed; then requests are served from
 * the one event loop until SIGINT or SIGTERM. Knows nothing of the
 * protocol: that is the library's (include/sfn/serve.h). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/run_aws.h"
#include "cli/run_machine.h"
#include "sfn/asl.h"
#include "sfn/lang.h"
#include "sfn/serve.h"

#define DEFAULT_PORT 8083 /* Step Functions Local's */

enum {
	OPT_HOST,
	OPT_PORT,
	OPT_MOCK,
	OPT_ACCOUNT,
	OPT_DB,
	OPT_SIGV4,
	OPT_AWS /* RUN_AWS_NOPTS of them, last */
};

struct serve_cli {
	const char *host, *port, *mock, *account, *db;
	struct run_aws_cli aws; /* its region is every ARN's too */
	int sigv4;              /* --require-sigv4 */
};

static const struct cli_opt serve_opts[] = {
	{ "host", 0, "ADDRESS", OPT_HOST,
	  "the address to listen on (default 127.0.0.1)" },
	{ "port", 'p', "PORT", OPT_PORT,
	  "the port to listen on (default 8083; 0: any free one)" },
	{ "mock-config", 0, "FILE", OPT_MOCK,
	  "a MockConfigFile: start ARN#CASE to run test case CASE "
	  "(default: $SFN_MOCK_CONFIG)" },
	{ "account", 0, "ID", OPT_ACCOUNT,
	  "the account of every ARN (default 123456789012)" },
	{ "db", 0, "FILE", OPT_DB,
	  "keep machines, executions and histories in SQLite database "
	  "FILE (created when missing; default: in memory)" },
	{ "require-sigv4", 0, NULL, OPT_SIGV4,
	  "answer only requests signed (Signature Version 4) with the "
	  "credentials found as for Bedrock (--profile, the environment)" },
	RUN_AWS_CLI_OPTS(OPT_AWS,
	                 "the region of every ARN (default us-east-1) and of "
	                 "Bedrock (default: $AWS_REGION, $AWS_DEFAULT_REGION, "
	                 "the profile's)"),
	{ NULL, 0, NULL, 0, NULL }
};

static int serve_option(const struct cli_command *cmd, void *ctx,
                        const struct cli_opt *o, const char *v)
{
	struct serve_cli *s = ctx;
	const char **slots[] = {
		[OPT_HOST] = &s->host, [OPT_PORT] = &s->port,
		[OPT_MOCK] = &s->mock, [OPT_ACCOUNT] = &s->account,
		[OPT_DB] = &s->db,
	};

	(void) cmd;
	if (o->id >= OPT_AWS)
		sfn_run_aws_option(&s->aws, o->id - OPT_AWS, v);
	else if (o->id == OPT_SIGV4)
		s->sigv4 = 1;
	else
		*slots[o->id] = v;
	return -1;
}

struct serve_env {
	struct cli_sources sources;
	struct sfn_json_doc *mock;
	struct sfn_clock clock;
	struct sfn_loop *loop;
	struct run_aws aws;
	struct sfn_sigv4_credentials sigv4; /* --require-sigv4's: aws.creds */
	struct sfn_integrations table;      /* Bedrock, when it was made */
	struct sfn_serve *srv;
};

/* ---- loading the files -------------------------------------------------- */

/* Registers DEF (a node of DOC) as NAME and prints its ARN. */
static int add(const struct cli_command *cmd, struct serve_env *e,
               const char *name, const struct sfn_json_doc *doc,
               const cJSON *def, int template)
{
	struct sfn_asl_opts opts = { template, 0 };
	struct sfn_diags diags;
	const char *arn = NULL;
	enum sfn_status st;

	sfn_diags_init(&diags);
	if (doc != NULL)
		sfn_asl_validate(doc, def, &opts, &diags);
	st = diags.errors ? SFN_ERR_SYNTAX
	                  : sfn_serve_add_machine(e->srv, name, def, template,
	                                          &diags, &arn);
	if (diags.errors > 0)
		sfn_cli_print_diags(&diags, &e->sources);
	sfn_diags_free(&diags);
	if (st == SFN_ERR_USAGE)
		return !sfn_cli_error(cmd,
		                      "'%s' is no state machine name the "
		                      "service accepts, or is taken",
		                      name);
	if (st != SFN_OK && st != SFN_ERR_SYNTAX)
		return !sfn_cli_error(cmd, "cannot create '%s': %s", name,
		                      sfn_status_str(st));
	if (st == SFN_OK)
		printf("%s\n", arn);
	return st == SFN_OK;
}

static int add_sfn(const struct cli_command *cmd, struct serve_env *e,
                   const struct sfn_source *src)
{
	struct sfn_lang_unit *unit = NULL;
	struct sfn_diags diags;
	enum sfn_status st;
	int ok = 1;

	sfn_diags_init(&diags);
	st = sfn_lang_compile(src->text, src->len, src->name, &diags, &unit);
	if (diags.errors > 0)
		sfn_cli_print_diags(&diags, &e->sources);
	if (st != SFN_OK || diags.errors > 0) {
		if (diags.errors == 0)
			sfn_cli_error(cmd, "cannot compile '%s': %s", src->name,
			              sfn_status_str(st));
		ok = 0;
	}
	for (size_t i = 0; ok && i < sfn_lang_machine_count(unit); i++)
		ok = add(cmd, e, sfn_lang_machine_name(unit, i), NULL,
		         sfn_lang_machine_asl(unit, i), 0);
	sfn_diags_free(&diags);
	sfn_lang_free(unit);
	return ok;
}

/* Every state machine of a template, each by its logical ID. */
static int add_template(const struct cli_command *cmd, struct serve_env *e,
                        struct run_machine *rm)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(
	        sfn_json_root(rm->doc), "Resources");
	const cJSON *r;
	int ok = 1;

	cJSON_ArrayForEach(r, res)
	{
		if (!ok || !sfn_run_machine_is_resource(r))
			continue;
		ok = sfn_run_machine_find(cmd, rm, r->string) &&
		     add(cmd, e, rm->name, rm->doc_for_def, rm->def, 1);
		sfn_json_doc_free(rm->def_doc);
		rm->def_doc = NULL;
	}
	return ok;
}

static int load_file(const struct cli_command *cmd, struct serve_env *e,
                     const char *file)
{
	struct run_machine rm;
	const struct sfn_source *src;
	struct sfn_diags diags;
	int ok;

	memset(&rm, 0, sizeof(rm));
	sfn_diags_init(&diags);
	ok = sfn_run_machine_read(cmd, &e->sources, file, &rm, &diags, &src);
	if (!ok)
		sfn_cli_print_diags(&diags, &e->sources);
	sfn_diags_free(&diags);
	if (ok && rm.doc == NULL)
		return add_sfn(cmd, e, src);
	if (!ok)
		return 0;
	if (sfn_asl_is_template(sfn_json_root(rm.doc)))
		ok = add_template(cmd, e, &rm);
	else
		ok = sfn_run_machine_find(cmd, &rm, NULL) &&
		     add(cmd, e, rm.name, rm.doc_for_def, rm.def, 0);
	sfn_json_doc_free(rm.def_doc);
	sfn_json_doc_free(rm.doc);
	return ok;
}

/* ---- serving ------------------------------------------------------------ */

static struct sfn_loop *signalled_loop;

static void on_signal(int sig)
{
	(void) sig;
	if (signalled_loop != NULL)
		sfn_loop_signal_stop(signalled_loop);
}

static int parse_port(const struct cli_command *cmd, const char *s,
                      unsigned *port)
{
	char *end;
	unsigned long v;

	*port = DEFAULT_PORT;
	if (s == NULL)
		return 1;
	v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || v > 65535)
		return !sfn_cli_error(cmd,
		                      "--port: '%s' is no port number "
		                      "(0 to 65535)",
		                      s);
	*port = (unsigned) v;
	return 1;
}

/* The Bedrock client for the Bedrock Tasks no mock answers, as sfnc run
 * calls it: made when credentials resolve, an error when they do not
 * but an AWS option (or --require-sigv4, which checks signatures with
 * the same credentials) asked for them. */
static int bedrock(const struct cli_command *cmd, struct serve_cli *s,
                   struct serve_env *e)
{
	sfn_integrations_init(&e->table);
	if (!sfn_run_aws_check(cmd, &s->aws) ||
	    !sfn_run_aws_try(cmd, &s->aws.opts, e->loop, &e->aws,
	                     s->aws.given || s->sigv4))
		return 0;
	e->sigv4.access_key_id = e->aws.creds.access_key_id;
	e->sigv4.secret_access_key = e->aws.creds.secret_access_key;
	e->sigv4.session_token = e->aws.creds.session_token;
	/* one line in an empty table: it cannot pass the limit */
	if (e->aws.bedrock != NULL)
		(void) sfn_integrations_add(
		        &e->table, SFN_BEDROCK_RESOURCE,
		        sfn_bedrock_integration(e->aws.bedrock));
	return 1;
}

/* --db: the records of earlier runs read back, before the files are
 * added. */
static int open_db(const struct cli_command *cmd, const struct serve_cli *s,
                   struct serve_env *e)
{
	char why[512];
	enum sfn_status st;

	if (s->db == NULL)
		return 1;
	st = sfn_serve_open_db(e->srv, s->db, why, sizeof(why));
	if (st == SFN_ERR_NOMEM)
		return !sfn_cli_error(cmd, "%s", sfn_status_str(st));
	if (st != SFN_OK)
		return !sfn_cli_error(cmd, "--db %s: %s", s->db, why);
	return 1;
}

static int setup(const struct cli_command *cmd, struct serve_cli *s,
                 struct serve_env *e)
{
	const char *mock = s->mock ? s->mock : getenv("SFN_MOCK_CONFIG");
	struct sfn_serve_opts opts = { s->aws.opts.region, s->account, NULL,
		                       &e->table,          0,          NULL };
	enum sfn_status st;

	if (mock != NULL && mock[0] != '\0') {
		e->mock = sfn_cli_read_json(cmd, &e->sources, mock);
		if (e->mock == NULL)
			return 0;
	}
	opts.mock = e->mock;
	opts.require_sigv4 = s->sigv4 ? &e->sigv4 : NULL;
	sfn_clock_init_real(&e->clock);
	if (sfn_loop_new(&e->clock, NULL, &e->loop) != SFN_OK)
		return !sfn_cli_error(cmd, "cannot make the event loop");
	if (!bedrock(cmd, s, e))
		return 0;
	st = sfn_serve_new(&opts, e->loop, &e->srv);
	if (st == SFN_ERR_USAGE)
		return !sfn_cli_error(cmd, "--region and --account take 1 to "
		                           "32 lower-case letters, digits and "
		                           "'-'");
	if (st != SFN_OK)
		return !sfn_cli_error(cmd, "%s", sfn_status_str(st));
	return open_db(cmd, s, e);
}

static int serve(const struct cli_command *cmd, const struct serve_cli *s,
                 struct serve_env *e, unsigned port)
{
	const char *why = NULL;
	enum sfn_status st;

	st = sfn_serve_listen(e->srv, s->host, port, &why);
	if (st != SFN_OK)
		return sfn_cli_error(cmd, "%s:%u: %s",
		                     s->host ? s->host : "127.0.0.1", port,
		                     why ? why : sfn_status_str(st));
	printf("listening on http://%s%s%s:%u\n",
	       s->host && strchr(s->host, ':') ? "[" : "",
	       s->host ? s->host : "127.0.0.1",
	       s->host && strchr(s->host, ':') ? "]" : "",
	       sfn_serve_port(e->srv));
	if (sfn_cli_flush(cmd) != CLI_OK)
		return CLI_USAGE;
	signalled_loop = e->loop;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	st = sfn_loop_run(e->loop);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signalled_loop = NULL;
	if (st != SFN_OK)
		return sfn_cli_error(cmd, "%s", sfn_status_str(st));
	return CLI_OK;
}

static int run_serve(const struct cli_command *cmd, void *ctx, int nops,
                     char **operands)
{
	struct serve_cli *s = ctx;
	struct serve_env e;
	unsigned port;
	int rc = CLI_USAGE, ok;

	memset(&e, 0, sizeof(e));
	ok = parse_port(cmd, s->port, &port) && setup(cmd, s, &e);
	for (int i = 0; ok && i < nops; i++)
		ok = load_file(cmd, &e, operands[i]);
	if (ok)
		rc = serve(cmd, s, &e, port);
	sfn_serve_free(e.srv);
	sfn_run_aws_free(&e.aws); /* before the loop it runs on */
	if (e.loop != NULL)
		sfn_loop_free(e.loop);
	sfn_json_doc_free(e.mock);
	sfn_cli_sources_free(&e.sources);
	return rc;
}

const struct cli_command sfn_cli_serve = {
	"serve",
	"Serve the Step Functions API on a local port.",
	"sfnc serve [OPTIONS] [FILE...]",
	"Serves the Step Functions API (the AWS JSON 1.0 protocol the AWS\n"
	"CLI and SDKs speak) on 127.0.0.1, running executions with the\n"
	"same interpreter as 'sfnc run', all on one thread. Each FILE (an\n"
	"ASL definition, a CloudFormation template's state machines, or a\n"
	"compiled .sfn file's machines) becomes a state machine at start,\n"
	"its ARN printed on a line; the last line says where it listens.\n"
	"Point a client at it with --endpoint-url. With --mock-config,\n"
	"StartExecution on 'ARN#CASE' runs the machine with test case CASE\n"
	"of the mock file, as Step Functions Local does. A Bedrock Task\n"
	"the mock does not answer calls Bedrock as 'sfnc run' does, when\n"
	"credentials are found (the AWS CLI's chain, --profile, --region);\n"
	"a Task with neither a mock nor an integration fails with\n"
	"States.Runtime. With --require-sigv4 only requests signed with\n"
	"those credentials are answered.\n"
	"Everything is kept in memory, and with --db FILE in a SQLite\n"
	"database too, each change as it happens: a server started again\n"
	"on FILE finds every machine and execution with its history, and\n"
	"reports those that were running as ABORTED (error\n"
	"sfnc.ServerStopped). Ctrl-C or SIGTERM stops the server,\n"
	"aborting the executions still running.\n"
	"\n"
	"Examples:\n"
	"  sfnc serve examples/bedrock_joke.asl.json \\\n"
	"      --mock-config examples/bedrock_joke.mock.json\n"
	"  aws stepfunctions start-execution --endpoint-url "
	"http://127.0.0.1:8083 \\\n"
	"      --state-machine-arn \\\n"
	"      'arn:aws:states:us-east-1:123456789012:stateMachine:"
	"bedrock_joke#HappyPath'\n"
	"  sfnc serve --port 0 cdk.out/Stack.template.json\n",
	"  0  stopped by SIGINT or SIGTERM\n"
	"  2  usage error, a file that cannot be loaded, or the port cannot "
	"be bound\n",
	serve_opts,
	serve_option,
	run_serve,
	sizeof(struct serve_cli),
};
