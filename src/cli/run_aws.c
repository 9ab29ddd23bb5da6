/* sfnc run: the Bedrock integration behind
 * arn:aws:states:::bedrock:invokeModel. Credentials, region and endpoint
 * are resolved only when a Bedrock Task is not answered by the mock, so
 * a mocked run needs no AWS setup at all; they are resolved before the
 * event loop runs (container credentials are a blocking call). Signing
 * uses the real clock, --no-wait or not. Knows nothing of how an
 * execution runs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/curl_api.h"
#include "cli/run_aws.h"

const struct sfn_asl_state *sfn_run_aws_needed(
        const struct sfn_asl_machine *machine, const struct sfn_mock *mock)
{
	for (size_t i = 0; i < machine->nscopes; i++) {
		const struct sfn_asl_scope *sc = machine->scopes[i];

		for (size_t j = 0; j < sc->nstates; j++) {
			const struct sfn_asl_state *s = sc->states[j];
			const char *res = s->u.task.resource_text;

			if (s->type != SFN_ASL_TASK || res == NULL ||
			    !sfn_integrations_match(SFN_BEDROCK_RESOURCE, res))
				continue;
			if (mock == NULL || sfn_mock_for(mock, s->name) == NULL)
				return s;
		}
	}
	return NULL;
}

/* Credentials, region and endpoint, in the AWS CLI's order. */
static int resolve(const struct cli_command *cmd,
                   const struct run_aws_opts *opt,
                   const struct sfn_asl_state *state, struct run_aws *a)
{
	struct sfn_aws_options ao = {
		opt->profile, opt->region, opt->endpoint_url, NULL, 0, 0
	};
	struct sfn_error err = { NULL, NULL };
	enum sfn_status st;

	st = sfn_aws_credentials_resolve(&ao, &a->creds, &err);
	if (st == SFN_OK)
		st = sfn_aws_region_resolve(&ao, &a->region, &err);
	if (st == SFN_OK)
		st = sfn_aws_endpoint_resolve(&ao, "BEDROCK_RUNTIME",
		                              "bedrock-runtime", a->region,
		                              &a->endpoint, &err);
	if (st != SFN_OK)
		sfn_cli_error(cmd, "the Task state '%s' calls Bedrock: %s: %s",
		              state->name, err.name ? err.name : "",
		              err.cause ? err.cause : sfn_status_str(st));
	sfn_error_clear(&err);
	return st == SFN_OK;
}

int sfn_run_aws_start(const struct cli_command *cmd,
                      const struct run_aws_opts *opt,
                      const struct sfn_asl_state *state, struct sfn_loop *loop,
                      struct run_aws *a)
{
	struct sfn_bedrock_options bo = { 0 };
	enum sfn_status st;
	const char *why;

	if (Sfn_curl_load(&why) != SFN_OK) {
		sfn_cli_error(cmd, "the Task state '%s' calls Bedrock: %s",
		              state->name, why);
		return 0;
	}
	if (!resolve(cmd, opt, state, a))
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		sfn_cli_error(cmd, "cannot set up libcurl");
		return 0;
	}
	a->curl_ready = 1;
	bo.credentials = &a->creds;
	bo.region = a->region;
	bo.endpoint = a->endpoint;
	bo.connect_timeout_ms = opt->connect_timeout_ms;
	bo.read_timeout_ms = opt->read_timeout_ms;
	bo.total_timeout_ms = opt->total_timeout_ms;
	bo.ca_bundle = opt->ca_bundle;
	bo.no_verify_ssl = opt->no_verify_ssl;
	st = sfn_bedrock_new(loop, NULL, &bo, &a->bedrock);
	if (st != SFN_OK)
		sfn_cli_error(cmd, "cannot call Bedrock at '%s': %s",
		              a->endpoint,
		              st == SFN_ERR_USAGE ? "not an http(s) URL"
		                                  : sfn_status_str(st));
	return st == SFN_OK;
}

void sfn_run_aws_free(struct run_aws *a)
{
	sfn_bedrock_free(a->bedrock);
	a->bedrock = NULL;
	sfn_aws_credentials_free(&a->creds);
	free(a->region);
	free(a->endpoint);
	a->region = a->endpoint = NULL;
	if (a->curl_ready)
		curl_global_cleanup();
	a->curl_ready = 0;
}
