/* What the credential, region and endpoint files share: the INI reader,
 * the files' paths, profile lookups and credentials made from a JSON
 * document. Knows nothing of ASL or of any one service. */
#ifndef SFN_AWS_AWS_INT_H
#define SFN_AWS_AWS_INT_H

#include "sfn/aws.h"

/* ---- config.c ---------------------------------------------------------- */

/* The value of KEY in [SECTION] of the INI TEXT, malloc'd into *VALUE, or
 * NULL when absent. SFN_ERR_SYNTAX (*LINE set) on a line that is not a
 * section, "key = value", a comment, blank, or an indented sub-setting. */
enum sfn_status Sfn_Aws_ini_get(const char *text, const char *section,
                                const char *key, char **value, int *line);

/* The shared credentials file's (CREDENTIALS) or the config file's path:
 * AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else under $HOME/.aws.
 * malloc'd; NULL without HOME or memory. */
char *Sfn_Aws_file_path(const struct sfn_aws_options *opt, int credentials);

/* KEY of the profile in the credentials (CREDENTIALS) or config file:
 * "[P]" in the former, "[profile P]" (or "[default]") in the latter.
 * *VALUE NULL when the file, profile or key is absent. A file that cannot
 * be parsed fails with AWS.CredentialsError in ERR. */
enum sfn_status Sfn_Aws_profile_get(const struct sfn_aws_options *opt,
                                    int credentials, const char *key,
                                    char **value, struct sfn_error *err);

/* ---- credentials.c ----------------------------------------------------- */

/* Fills OUT from a JSON object with AccessKeyId, SecretAccessKey,
 * TOKEN_KEY ("SessionToken" or "Token") and Expiration; when VERSION is
 * set, "Version" must be 1. Wipes the document's secrets. WHAT names the
 * source in errors. */
enum sfn_status Sfn_Aws_credentials_from_json(const char *text, int version,
                                              const char *token_key,
                                              const char *what,
                                              struct sfn_aws_credentials *out,
                                              struct sfn_error *err);

/* ---- cred_process.c ---------------------------------------------------- */

/* Runs COMMAND (through /bin/sh -c) and reads Version 1 JSON credentials
 * from its standard output: at most SFN_AWS_PROCESS_MAX_BYTES, within the
 * timeout (the process is killed past it). */
enum sfn_status Sfn_Aws_credential_process(const struct sfn_aws_options *opt,
                                           const char *command,
                                           struct sfn_aws_credentials *out,
                                           struct sfn_error *err);

/* ---- cred_container.c -------------------------------------------------- */

/* Whether container credentials are configured (either URI variable). */
int Sfn_Aws_container_configured(const struct sfn_aws_options *opt);
/* GETs them with a blocking libcurl easy handle. */
enum sfn_status Sfn_Aws_container_credentials(const struct sfn_aws_options *opt,
                                              struct sfn_aws_credentials *out,
                                              struct sfn_error *err);

#endif
