/* Credentials, region and endpoint, resolved as the AWS CLI resolves them:
 * command-line options, the environment, the shared credentials and config
 * files, credential_process, container credentials. Knows nothing of ASL
 * or of any one service's requests.
 *
 * Secrets (the secret access key, the session token) live in their own
 * malloc'd buffers, are wiped with OPENSSL_cleanse when freed, and never
 * appear in an error's cause. Nothing here prints. */
#ifndef SFN_AWS_H
#define SFN_AWS_H

#include <stdint.h>

#include "sfn/status.h"

#define SFN_AWS_INI_MAX_BYTES        (1024 * 1024) /* a config/credentials file */
#define SFN_AWS_PROCESS_MAX_BYTES    (64 * 1024) /* credential_process stdout */
#define SFN_AWS_PROCESS_TIMEOUT_MS   60000 /* credential_process runtime */
#define SFN_AWS_CONTAINER_MAX_BYTES  (64 * 1024) /* container response */
#define SFN_AWS_CONTAINER_TIMEOUT_MS 5000        /* container request, total */
#define SFN_AWS_VALUE_MAX            4096 /* one value: key, token, region, URL */

/* Where to look. Everything is borrowed; NULL means "not given". */
struct sfn_aws_options {
	const char *profile;      /* --profile */
	const char *region;       /* --region */
	const char *endpoint_url; /* --endpoint-url */
	/* "NAME=value" strings ending with NULL, as environ; NULL means the
	 * process environment. Tests pass their own. */
	char *const *env;
	/* Limits a caller may lower (tests); 0 means the default above. */
	int64_t process_timeout_ms;
	int64_t container_timeout_ms;
};

/* Resolved credentials. SOURCE says where they came from, for messages
 * ("environment", "shared credentials file /h/.aws/credentials, profile
 * dev", ...). Free with sfn_aws_credentials_free. */
struct sfn_aws_credentials {
	char *access_key_id;
	char *secret_access_key; /* secret: wiped when freed */
	char *session_token;     /* secret, or NULL: wiped when freed */
	char *expiration;        /* ISO 8601, or NULL */
	char *source;
};

/* The value of environment variable NAME in OPT's environment, or NULL. */
const char *sfn_aws_getenv(const struct sfn_aws_options *opt, const char *name);

/* The profile: --profile, AWS_PROFILE, else "default". */
const char *sfn_aws_profile(const struct sfn_aws_options *opt);

/* Resolves credentials in the AWS CLI's order: the environment (skipped
 * when --profile is given), the shared credentials file, credential_process,
 * the config file, container credentials. The container request is a
 * blocking libcurl call: make it before the event loop runs. When none is
 * found ERR gets "AWS.NoCredentials" with a cause listing every place
 * looked and how to use a mock configuration instead; a source that is
 * set but broken (a malformed file, a failing process) gives
 * "AWS.CredentialsError". Both return SFN_ERR_FAILED. */
enum sfn_status sfn_aws_credentials_resolve(const struct sfn_aws_options *opt,
                                            struct sfn_aws_credentials *out,
                                            struct sfn_error *err);
void sfn_aws_credentials_free(struct sfn_aws_credentials *c);

/* The region: --region, AWS_REGION, AWS_DEFAULT_REGION, then the
 * profile's "region" in the config file. *REGION is malloc'd. When none
 * is set ERR gets "AWS.NoRegion" and SFN_ERR_FAILED is returned. */
enum sfn_status sfn_aws_region_resolve(const struct sfn_aws_options *opt,
                                       char **region, struct sfn_error *err);

/* The endpoint for SERVICE_ID (the AWS_ENDPOINT_URL_<ID> suffix, such as
 * "BEDROCK_RUNTIME") and HOST_PREFIX ("bedrock-runtime"): --endpoint-url,
 * AWS_ENDPOINT_URL_<ID>, AWS_ENDPOINT_URL, the profile's endpoint_url
 * (the last three skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is
 * true), else https://HOST_PREFIX.REGION.amazonaws.com. *URL is malloc'd,
 * without a trailing slash. */
enum sfn_status sfn_aws_endpoint_resolve(const struct sfn_aws_options *opt,
                                         const char *service_id,
                                         const char *host_prefix,
                                         const char *region, char **url,
                                         struct sfn_error *err);

#endif
