/* sfnc run and sfnc serve: the Bedrock integration behind
 * arn:aws:states:::bedrock:invokeModel, and the options both take. Credentials,
 * region and endpoint are resolved only when a Bedrock Task is not answered by
 * the mock, so a mocked run needs no AWS setup at all; they are resolved before
 * the event loop runs (container credentials are a blocking call). Signing uses
 * the real clock, --no-wait or not. Knows nothing of how an execution runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/curl_api.h"
#include "cli/run_aws.h"
#include "util/crypto_api.h"

const struct sfn_asl_state *sfn_run_aws_needed(
        const struct sfn_asl_machine *machine, const struct sfn_mock *mock)
{
	for (size_t i = 0; i < machine->nscopes; i++) {
		const struct sfn_asl_scope *sc = machine->scopes[i];

		for (size_t j = 0; j < sc->nstates; j++) {
			const struct sfn_asl_state *s = sc->states[j];
			const char *res = s->type == SFN_ASL_TASK
			                          ? s->u.task->resource_text
			                          : NULL;

			if (res == NULL ||
			    !sfn_integrations_match(SFN_BEDROCK_RESOURCE, res))
				continue;
			if (mock == NULL || sfn_mock_for(mock, s->name) == NULL)
				return s;
		}
	}
	return NULL;
}

void sfn_run_aws_option(struct run_aws_cli *c, int id, const char *v)
{
	const char **slots[] = {
		[RUN_AWS_OPT_PROFILE] = &c->opts.profile,
		[RUN_AWS_OPT_REGION] = &c->opts.region,
		[RUN_AWS_OPT_ENDPOINT] = &c->opts.endpoint_url,
		[RUN_AWS_OPT_CA_BUNDLE] = &c->opts.ca_bundle,
		[RUN_AWS_OPT_CONNECT_TIMEOUT] = &c->timeouts[0],
		[RUN_AWS_OPT_READ_TIMEOUT] = &c->timeouts[1],
		[RUN_AWS_OPT_TOTAL_TIMEOUT] = &c->timeouts[2],
	};

	c->given |= id != RUN_AWS_OPT_REGION;
	if (id == RUN_AWS_OPT_NO_VERIFY)
		c->opts.no_verify_ssl = 1;
	else
		*slots[id] = v;
}

static int seconds_ms(const struct cli_command *cmd, const char *name,
                      const char *text, long *ms)
{
	char *end;
	double v;

	if (text == NULL)
		return 1;
	v = strtod(text, &end);
	if (end == text || *end != '\0' || !(v >= 0.001 && v <= 86400)) {
		sfn_cli_error(cmd,
		              "--%s: '%s' is not a number of seconds "
		              "from 0.001 to 86400",
		              name, text);
		return 0;
	}
	*ms = (long) (v * 1000);
	return 1;
}

int sfn_run_aws_check(const struct cli_command *cmd, struct run_aws_cli *c)
{
	if (!seconds_ms(cmd, "connect-timeout", c->timeouts[0],
	                &c->opts.connect_timeout_ms) ||
	    !seconds_ms(cmd, "read-timeout", c->timeouts[1],
	                &c->opts.read_timeout_ms) ||
	    !seconds_ms(cmd, "total-timeout", c->timeouts[2],
	                &c->opts.total_timeout_ms))
		return 0;
	if (c->opts.no_verify_ssl)
		fprintf(stderr,
		        "sfnc %s: warning: --no-verify-ssl: TLS "
		        "certificates are not checked, so anyone on the way "
		        "can read and change the calls\n",
		        cmd->name);
	return 1;
}

/* Credentials, region and endpoint, in the AWS CLI's order; a failure
 * is reported unless QUIET. */
static int resolve(const struct cli_command *cmd,
                   const struct run_aws_opts *opt,
                   const struct sfn_asl_state *state, struct run_aws *a,
                   int quiet)
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
	if (st != SFN_OK && !quiet && state != NULL)
		sfn_cli_error(cmd, "the Task state '%s' calls Bedrock: %s: %s",
		              state->name, err.name ? err.name : "",
		              err.cause ? err.cause : sfn_status_str(st));
	else if (st != SFN_OK && !quiet)
		sfn_cli_error(cmd, "Bedrock: %s: %s", err.name ? err.name : "",
		              err.cause ? err.cause : sfn_status_str(st));
	sfn_error_clear(&err);
	return st == SFN_OK;
}

/* The integration on LOOP into A, its settings resolved. */
static int make(const struct cli_command *cmd, const struct run_aws_opts *opt,
                struct sfn_loop *loop, struct run_aws *a)
{
	struct sfn_bedrock_options bo = { 0 };
	enum sfn_status st;
	const char *why;

	/* libcrypto signs every call (and checks sfnc serve's signatures):
	 * loaded here so that its absence is told with the package */
	if (Sfn_curl_load(&why) != SFN_OK || Sfn_crypto_load(&why) != SFN_OK) {
		sfn_cli_error(cmd, "Bedrock: %s", why);
		return 0;
	}
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

int sfn_run_aws_start(const struct cli_command *cmd,
                      const struct run_aws_opts *opt,
                      const struct sfn_asl_state *state, struct sfn_loop *loop,
                      struct run_aws *a)
{
	const char *why;

	/* libcurl first: without it, no credential source is worth asking */
	if (Sfn_curl_load(&why) != SFN_OK) {
		sfn_cli_error(cmd, "the Task state '%s' calls Bedrock: %s",
		              state->name, why);
		return 0;
	}
	return resolve(cmd, opt, state, a, 0) && make(cmd, opt, loop, a);
}

int sfn_run_aws_try(const struct cli_command *cmd,
                    const struct run_aws_opts *opt, struct sfn_loop *loop,
                    struct run_aws *a, int required)
{
	if (!resolve(cmd, opt, NULL, a, !required)) {
		sfn_run_aws_free(a);
		return !required;
	}
	return make(cmd, opt, loop, a);
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
