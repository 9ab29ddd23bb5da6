/* sfnc run and sfnc serve: the Bedrock integration (made by run only
 * when the machine has a Bedrock Task that the mock does not answer, by
 * serve at start when credentials are found), and the command-line
 * options both take for it. Knows nothing of how an execution runs. */
#ifndef SFN_CLI_RUN_AWS_H
#define SFN_CLI_RUN_AWS_H

#include "cli/cli.h"
#include "sfn/bedrock.h"
#include "sfn/mock.h"
#include "sfn/model.h"

/* The command line's say; NULL and 0 mean "not given". */
struct run_aws_opts {
	const char *profile, *region, *endpoint_url, *ca_bundle;
	int no_verify_ssl;
	long connect_timeout_ms, read_timeout_ms, total_timeout_ms;
};

/* The options' IDs, from a command's FIRST on (see RUN_AWS_CLI_OPTS). */
enum {
	RUN_AWS_OPT_PROFILE,
	RUN_AWS_OPT_REGION,
	RUN_AWS_OPT_ENDPOINT,
	RUN_AWS_OPT_CA_BUNDLE,
	RUN_AWS_OPT_NO_VERIFY,
	RUN_AWS_OPT_CONNECT_TIMEOUT,
	RUN_AWS_OPT_READ_TIMEOUT,
	RUN_AWS_OPT_TOTAL_TIMEOUT,
	RUN_AWS_NOPTS
};

/* The entries of a command's option table for Bedrock, their IDs FIRST
 * to FIRST + RUN_AWS_NOPTS - 1; REGION_HELP says what --region does. */
#define RUN_AWS_CLI_OPTS(first, region_help)                                   \
	{ "profile", 0, "NAME", (first) + RUN_AWS_OPT_PROFILE,                 \
	  "the AWS profile for Bedrock (default: $AWS_PROFILE, else "          \
	  "default)" },                                                        \
	        { "region", 0, "REGION", (first) + RUN_AWS_OPT_REGION,         \
		  region_help },                                               \
	        { "endpoint-url", 0, "URL", (first) + RUN_AWS_OPT_ENDPOINT,    \
		  "call Bedrock at URL, a compatible endpoint (default: "      \
		  "$AWS_ENDPOINT_URL_BEDROCK_RUNTIME, $AWS_ENDPOINT_URL)" },   \
	        { "ca-bundle", 0, "FILE", (first) + RUN_AWS_OPT_CA_BUNDLE,     \
		  "trust the CA certificates in FILE too" },                   \
	        { "no-verify-ssl", 0, NULL, (first) + RUN_AWS_OPT_NO_VERIFY,   \
		  "do not check TLS certificates (unsafe: prints a "           \
		  "warning)" },                                                \
	        { "connect-timeout", 0, "SECONDS",                             \
		  (first) + RUN_AWS_OPT_CONNECT_TIMEOUT,                       \
		  "give up connecting to Bedrock after SECONDS (default "      \
		  "10)" },                                                     \
	        { "read-timeout", 0, "SECONDS",                                \
		  (first) + RUN_AWS_OPT_READ_TIMEOUT,                          \
		  "give up a Bedrock call after SECONDS without a byte "       \
		  "(default 60)" },                                            \
	{                                                                      \
		"total-timeout", 0, "SECONDS",                                 \
		        (first) + RUN_AWS_OPT_TOTAL_TIMEOUT,                   \
		        "give up a Bedrock call after SECONDS in all "         \
		        "(default "                                            \
		        "300)"                                                 \
	}

/* The options as given. */
struct run_aws_cli {
	struct run_aws_opts opts;
	const char *timeouts[3]; /* connect, read, total: seconds */
	int given;               /* any option but --region was given */
};

/* Takes option ID (relative to the first) with value V (NULL for a
 * flag). */
void sfn_run_aws_option(struct run_aws_cli *c, int id, const char *v);
/* Reads the timeouts into C->opts and warns about --no-verify-ssl;
 * reports a bad value itself and returns 0 then. */
int sfn_run_aws_check(const struct cli_command *cmd, struct run_aws_cli *c);

struct run_aws {
	struct sfn_aws_credentials creds; /* secrets: wiped when freed */
	char *region, *endpoint;
	struct sfn_bedrock *bedrock; /* NULL until made */
	int curl_ready;              /* curl_global_init was called */
};

/* The first Task state of MACHINE running Bedrock that MOCK (may be
 * NULL) does not answer, or NULL when there is none. */
const struct sfn_asl_state *sfn_run_aws_needed(
        const struct sfn_asl_machine *machine, const struct sfn_mock *mock);

/* Resolves credentials, region and endpoint for STATE's sake and makes
 * the integration on LOOP into A; reports a failure itself and returns
 * 0 then. */
int sfn_run_aws_start(const struct cli_command *cmd,
                      const struct run_aws_opts *opt,
                      const struct sfn_asl_state *state, struct sfn_loop *loop,
                      struct run_aws *a);

/* For a server, whose machines come later: makes the integration on
 * LOOP into A when credentials, region and endpoint resolve. When they
 * do not, that is an error (reported, 0) if REQUIRED, else A stays
 * without an integration (1). */
int sfn_run_aws_try(const struct cli_command *cmd,
                    const struct run_aws_opts *opt, struct sfn_loop *loop,
                    struct run_aws *a, int required);

/* Frees what A holds (the integration first: the loop must still be
 * there). */
void sfn_run_aws_free(struct run_aws *a);

#endif
