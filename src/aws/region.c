/* The region and a service's endpoint, as the AWS CLI picks them:
 * command-line options, then the environment, then the profile in the
 * config file; the public endpoint from the region last. Knows nothing of
 * credentials or of requests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws/aws_int.h"
#include "sfn/util.h"

static const char *set(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

/* A copy of the first of VALUES set, or the profile's KEY. */
static enum sfn_status first_set(const struct sfn_aws_options *opt,
                                 const char *const *values, size_t n,
                                 const char *key, char **out,
                                 struct sfn_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (set(values[i]) == NULL)
			continue;
		*out = strdup(values[i]);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (key == NULL) {
		*out = NULL;
		return SFN_OK;
	}
	return Sfn_Aws_profile_get(opt, 0, key, out, err);
}

enum sfn_status sfn_aws_region_resolve(const struct sfn_aws_options *opt,
                                       char **region, struct sfn_error *err)
{
	const char *values[] = { opt->region, sfn_aws_getenv(opt, "AWS_REGION"),
		                 sfn_aws_getenv(opt, "AWS_DEFAULT_REGION") };
	enum sfn_status st = first_set(opt, values, 3, "region", region, err);

	if (st != SFN_OK || set(*region) != NULL)
		return st;
	free(*region);
	*region = NULL;
	return sfn_error_set(err, "AWS.NoRegion",
	                     "no AWS region set: use --region, AWS_REGION, "
	                     "AWS_DEFAULT_REGION or \"region\" in profile %s "
	                     "of the config file",
	                     sfn_aws_profile(opt));
}

/* Whether AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the environment's and
 * the config file's endpoints off. */
static int ignore_configured(const struct sfn_aws_options *opt)
{
	const char *v =
	        sfn_aws_getenv(opt, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");

	return v != NULL && strcasecmp(v, "true") == 0;
}

/* Drops trailing slashes: the caller appends "/model/...". */
static void trim_slashes(char *url)
{
	size_t n = strlen(url);

	while (n > 0 && url[n - 1] == '/')
		url[--n] = '\0';
}

enum sfn_status sfn_aws_endpoint_resolve(const struct sfn_aws_options *opt,
                                         const char *service_id,
                                         const char *host_prefix,
                                         const char *region, char **url,
                                         struct sfn_error *err)
{
	struct sfn_buf name;
	const char *values[3] = { opt->endpoint_url, NULL, NULL };
	int configured = !ignore_configured(opt);
	enum sfn_status st;

	sfn_buf_init(&name, SFN_AWS_VALUE_MAX);
	sfn_buf_printf(&name, "AWS_ENDPOINT_URL_%s", service_id);
	if (name.status != SFN_OK)
		return name.status;
	if (configured) {
		values[1] = sfn_aws_getenv(opt, name.data);
		values[2] = sfn_aws_getenv(opt, "AWS_ENDPOINT_URL");
	}
	st = first_set(opt, values, 3, configured ? "endpoint_url" : NULL, url,
	               err);
	sfn_buf_free(&name);
	if (st != SFN_OK)
		return st;
	if (set(*url) == NULL) {
		free(*url);
		sfn_buf_init(&name, SFN_AWS_VALUE_MAX);
		sfn_buf_printf(&name, "https://%s.%s.amazonaws.com",
		               host_prefix, region);
		*url = sfn_buf_take(&name);
		if (*url == NULL)
			return SFN_ERR_NOMEM;
	}
	trim_slashes(*url);
	return SFN_OK;
}
