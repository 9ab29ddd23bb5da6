/* sfnc run: the Bedrock integration, made only when the machine has a
 * Bedrock Task that the mock does not answer. Knows nothing of how an
 * execution runs. */
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

/* Frees what A holds (the integration first: the loop must still be
 * there). */
void sfn_run_aws_free(struct run_aws *a);

#endif
