/* The credential chain, in the AWS CLI's order: the environment, the
 * shared credentials file, credential_process, the config file, container
 * credentials; and the one message that lists where it looked when none
 * answered. Knows nothing of signing or of any one service. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws/aws_int.h"
#include "sfn/util.h"
#include "util/wipe.h"

extern char **environ;

const char *sfn_aws_getenv(const struct sfn_aws_options *opt, const char *name)
{
	char *const *env = opt->env ? opt->env : environ;
	size_t n = strlen(name);

	for (size_t i = 0; env != NULL && env[i] != NULL; i++)
		if (strncmp(env[i], name, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}

static const char *nonempty(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

const char *sfn_aws_profile(const struct sfn_aws_options *opt)
{
	const char *p = nonempty(opt->profile);

	if (p == NULL)
		p = nonempty(sfn_aws_getenv(opt, "AWS_PROFILE"));
	return p ? p : "default";
}

static void wipe_free(char *s)
{
	if (s != NULL)
		Sfn_wipe(s, strlen(s));
	free(s);
}

void sfn_aws_credentials_free(struct sfn_aws_credentials *c)
{
	free(c->access_key_id);
	wipe_free(c->secret_access_key);
	wipe_free(c->session_token);
	free(c->expiration);
	free(c->source);
	memset(c, 0, sizeof(*c));
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Copies the strings; KEY and SECRET are set. */
static enum sfn_status set_creds(struct sfn_aws_credentials *out,
                                 const char *key, const char *secret,
                                 const char *token, const char *source)
{
	out->access_key_id = strdup(key);
	out->secret_access_key = strdup(secret);
	out->session_token = dup_or_null(nonempty(token));
	out->source = strdup(source);
	if (out->access_key_id && out->secret_access_key && out->source &&
	    (out->session_token || nonempty(token) == NULL))
		return SFN_OK;
	sfn_aws_credentials_free(out);
	return SFN_ERR_NOMEM;
}

/* A key without its secret (or the reverse) is an error, as in the CLI. */
static enum sfn_status partial(struct sfn_error *err, const char *where,
                               const char *key_name, const char *secret_name)
{
	return sfn_error_set(err, "AWS.CredentialsError",
	                     "%s sets only one of %s and %s", where, key_name,
	                     secret_name);
}

/* ---- the sources, each: SFN_OK and *FOUND, or a failure ---------------- */

static enum sfn_status from_env(const struct sfn_aws_options *opt,
                                struct sfn_aws_credentials *out,
                                struct sfn_error *err, int *found)
{
	const char *key = nonempty(sfn_aws_getenv(opt, "AWS_ACCESS_KEY_ID"));
	const char *secret =
	        nonempty(sfn_aws_getenv(opt, "AWS_SECRET_ACCESS_KEY"));

	if (nonempty(opt->profile) != NULL)
		return SFN_OK; /* --profile: the CLI skips the environment */
	if ((key == NULL) != (secret == NULL))
		return partial(err, "the environment", "AWS_ACCESS_KEY_ID",
		               "AWS_SECRET_ACCESS_KEY");
	if (key == NULL)
		return SFN_OK;
	*found = 1;
	return set_creds(out, key, secret,
	                 sfn_aws_getenv(opt, "AWS_SESSION_TOKEN"),
	                 "environment");
}

/* "shared credentials file F, profile P" or "config file F, profile P". */
static char *describe_file(const struct sfn_aws_options *opt, int credentials)
{
	char *file = Sfn_Aws_file_path(opt, credentials);
	struct sfn_buf b;

	sfn_buf_init(&b, SFN_AWS_VALUE_MAX * 2);
	sfn_buf_printf(&b, "%s %s, profile %s",
	               credentials ? "the shared credentials file"
	                           : "the config file",
	               file ? file : "(no HOME)", sfn_aws_profile(opt));
	free(file);
	return sfn_buf_take(&b);
}

static const char *const file_keys[] = { "aws_access_key_id",
	                                 "aws_secret_access_key",
	                                 "aws_session_token" };

/* V holds the file's key, secret and token, one of the first two set. */
static enum sfn_status keys_found(const struct sfn_aws_options *opt,
                                  int credentials, char *const *v,
                                  struct sfn_aws_credentials *out,
                                  struct sfn_error *err, int *found)
{
	char *where = describe_file(opt, credentials);
	enum sfn_status st;

	if (where == NULL)
		st = SFN_ERR_NOMEM;
	else if (!v[0] || !v[1])
		st = partial(err, where, file_keys[0], file_keys[1]);
	else
		st = set_creds(out, v[0], v[1], v[2], where);
	*found = st == SFN_OK;
	free(where);
	return st;
}

static enum sfn_status keys_in_file(const struct sfn_aws_options *opt,
                                    int credentials,
                                    struct sfn_aws_credentials *out,
                                    struct sfn_error *err, int *found)
{
	char *v[3] = { NULL, NULL, NULL };
	enum sfn_status st = SFN_OK;

	for (size_t i = 0; st == SFN_OK && i < 3; i++)
		st = Sfn_Aws_profile_get(opt, credentials, file_keys[i], &v[i],
		                         err);
	if (st == SFN_OK && (v[0] || v[1]))
		st = keys_found(opt, credentials, v, out, err, found);
	free(v[0]);
	wipe_free(v[1]);
	wipe_free(v[2]);
	return st;
}

static enum sfn_status from_credentials_file(const struct sfn_aws_options *o,
                                             struct sfn_aws_credentials *out,
                                             struct sfn_error *err, int *found)
{
	return keys_in_file(o, 1, out, err, found);
}

static enum sfn_status from_config_file(const struct sfn_aws_options *o,
                                        struct sfn_aws_credentials *out,
                                        struct sfn_error *err, int *found)
{
	return keys_in_file(o, 0, out, err, found);
}

/* credential_process, from the credentials file's profile or else the
 * config file's. */
static enum sfn_status from_process(const struct sfn_aws_options *opt,
                                    struct sfn_aws_credentials *out,
                                    struct sfn_error *err, int *found)
{
	char *command = NULL;
	enum sfn_status st;

	st = Sfn_Aws_profile_get(opt, 1, "credential_process", &command, err);
	if (st == SFN_OK && command == NULL)
		st = Sfn_Aws_profile_get(opt, 0, "credential_process", &command,
		                         err);
	if (st == SFN_OK && nonempty(command) != NULL) {
		*found = 1;
		st = Sfn_Aws_credential_process(opt, command, out, err);
	}
	free(command);
	return st;
}

static enum sfn_status from_container(const struct sfn_aws_options *opt,
                                      struct sfn_aws_credentials *out,
                                      struct sfn_error *err, int *found)
{
	if (!Sfn_Aws_container_configured(opt))
		return SFN_OK;
	*found = 1;
	return Sfn_Aws_container_credentials(opt, out, err);
}

/* ---- the chain ---------------------------------------------------------- */

typedef enum sfn_status (*source_fn)(const struct sfn_aws_options *opt,
                                     struct sfn_aws_credentials *out,
                                     struct sfn_error *err, int *found);

static const source_fn chain[] = {
	from_env,         from_credentials_file, from_process,
	from_config_file, from_container,
};

/* Every place looked, and what to do instead. */
static enum sfn_status no_credentials(const struct sfn_aws_options *opt,
                                      struct sfn_error *err)
{
	char *creds = describe_file(opt, 1), *config = describe_file(opt, 0);
	enum sfn_status st;

	if (creds == NULL || config == NULL)
		st = SFN_ERR_NOMEM;
	else
		st = sfn_error_set(
		        err, "AWS.NoCredentials",
		        "no AWS credentials found. Looked in: the environment "
		        "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)%s; %s "
		        "(aws_access_key_id, credential_process); %s "
		        "(aws_access_key_id, credential_process); container "
		        "credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, "
		        "AWS_CONTAINER_CREDENTIALS_FULL_URI). Set credentials "
		        "in "
		        "one of these, or answer Task states from a mock "
		        "configuration instead: --mock-config FILE",
		        nonempty(opt->profile) ? ", skipped for --profile" : "",
		        creds, config);
	free(creds);
	free(config);
	return st;
}

enum sfn_status sfn_aws_credentials_resolve(const struct sfn_aws_options *opt,
                                            struct sfn_aws_credentials *out,
                                            struct sfn_error *err)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(chain) / sizeof(*chain); i++) {
		int found = 0;
		enum sfn_status st = chain[i](opt, out, err, &found);

		if (st != SFN_OK || found)
			return st;
	}
	return no_credentials(opt, err);
}

/* ---- credentials as JSON (credential_process, containers) ------------- */

static const char *json_str(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Wipes every string of DOC before it is freed. */
static void wipe_json(cJSON *doc)
{
	for (cJSON *c = doc ? doc->child : NULL; c != NULL; c = c->next)
		if (cJSON_IsString(c) && c->valuestring != NULL)
			Sfn_wipe(c->valuestring, strlen(c->valuestring));
}

static enum sfn_status fill_from_json(const cJSON *doc, int version,
                                      const char *token_key, const char *what,
                                      struct sfn_aws_credentials *out,
                                      struct sfn_error *err)
{
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc, "Version");
	const char *key = json_str(doc, "AccessKeyId");
	const char *secret = json_str(doc, "SecretAccessKey");
	enum sfn_status st;

	if (!cJSON_IsObject(doc))
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "%s: the output is not a JSON object",
		                     what);
	if (version && !(cJSON_IsNumber(ver) && ver->valuedouble == 1))
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "%s: \"Version\" must be 1", what);
	if (nonempty(key) == NULL || nonempty(secret) == NULL)
		return sfn_error_set(
		        err, "AWS.CredentialsError",
		        "%s: \"AccessKeyId\" and \"SecretAccessKey\" "
		        "are required",
		        what);
	st = set_creds(out, key, secret, json_str(doc, token_key), what);
	if (st == SFN_OK && json_str(doc, "Expiration") != NULL) {
		out->expiration = strdup(json_str(doc, "Expiration"));
		if (out->expiration == NULL) {
			sfn_aws_credentials_free(out);
			st = SFN_ERR_NOMEM;
		}
	}
	return st;
}

enum sfn_status Sfn_Aws_credentials_from_json(const char *text, int version,
                                              const char *token_key,
                                              const char *what,
                                              struct sfn_aws_credentials *out,
                                              struct sfn_error *err)
{
	cJSON *doc = cJSON_Parse(text);
	enum sfn_status st;

	if (doc == NULL)
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "%s: the output is not JSON", what);
	st = fill_from_json(doc, version, token_key, what, out, err);
	wipe_json(doc);
	cJSON_Delete(doc);
	return st;
}
