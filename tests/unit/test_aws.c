/* Credentials, region and endpoint resolution with temporary files and
 * environments: each source, the order between them, credential_process
 * (success, bad output, exit status, timeout, output limit at and past its
 * edge), container credentials from a one-shot server on 127.0.0.1, the
 * INI size limit, and the "no credentials" message. No error cause ever
 * holds the secret. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sfn/aws.h"
#include "sfn/util.h"
#include "test.h"

#define SECRET  "s3cr3t-never-shown"
#define ENV_MAX 16

/* A temporary HOME with .aws/, an environment, and the options. */
struct fixture {
	char home[256];
	char creds_file[320];
	char config_file[320];
	char *env[ENV_MAX + 1];
	char storage[ENV_MAX][512];
	size_t n;
	struct sfn_aws_options opt;
	struct sfn_aws_credentials c;
	struct sfn_error err;
};

static void setvar(struct fixture *f, const char *name, const char *value)
{
	snprintf(f->storage[f->n], sizeof(f->storage[f->n]), "%s=%s", name,
	         value);
	f->env[f->n] = f->storage[f->n];
	f->n++;
	f->env[f->n] = NULL;
}

static int fixture_init(struct fixture *f)
{
	char dir[300];
	const char *tmp = getenv("TMPDIR");

	memset(f, 0, sizeof(*f));
	snprintf(f->home, sizeof(f->home), "%s/sfn-aws.XXXXXX",
	         tmp ? tmp : "/tmp");
	if (mkdtemp(f->home) == NULL)
		return 0;
	snprintf(dir, sizeof(dir), "%s/.aws", f->home);
	snprintf(f->creds_file, sizeof(f->creds_file), "%s/credentials", dir);
	snprintf(f->config_file, sizeof(f->config_file), "%s/config", dir);
	snprintf(dir, sizeof(dir), "%s", f->home); /* not F's own bytes */
	setvar(f, "HOME", dir);
	snprintf(dir, sizeof(dir), "%s/.aws", f->home);
	f->opt.env = f->env;
	return mkdir(dir, 0700) == 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void fixture_free(struct fixture *f)
{
	char cmd[400];

	sfn_aws_credentials_free(&f->c);
	sfn_error_clear(&f->err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->home);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->home);
}

static enum sfn_status resolve(struct fixture *f)
{
	sfn_aws_credentials_free(&f->c);
	sfn_error_clear(&f->err);
	return sfn_aws_credentials_resolve(&f->opt, &f->c, &f->err);
}

static int cause_has(const struct fixture *f, const char *text)
{
	return f->err.cause != NULL && strstr(f->err.cause, text) != NULL;
}

/* Defines test NAME running NAME_body on a fresh fixture, removed after
 * even when a check fails. */
#define WITH_FIXTURE(name)                                                     \
	static void name##_body(struct test_state *t, struct fixture *f);      \
	static void name(struct test_state *t)                                 \
	{                                                                      \
		struct fixture f;                                              \
		if (!fixture_init(&f)) {                                       \
			t->skipped = "no temporary folder";                    \
			return;                                                \
		}                                                              \
		name##_body(t, &f);                                            \
		fixture_free(&f);                                              \
	}                                                                      \
	static void name##_body(struct test_state *t, struct fixture *f)

/* ---- each source -------------------------------------------------------- */

WITH_FIXTURE(from_environment)
{
	setvar(f, "AWS_ACCESS_KEY_ID", "AKIDENV");
	setvar(f, "AWS_SECRET_ACCESS_KEY", SECRET);
	setvar(f, "AWS_SESSION_TOKEN", "TOKENENV");
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDENV");
	CHECK_STR(f->c.secret_access_key, SECRET);
	CHECK_STR(f->c.session_token, "TOKENENV");
	CHECK_STR(f->c.source, "environment");
}

WITH_FIXTURE(environment_partial)
{
	setvar(f, "AWS_SECRET_ACCESS_KEY", SECRET);
	CHECK(resolve(f) == SFN_ERR_FAILED);
	CHECK_STR(f->err.name, "AWS.CredentialsError");
	CHECK(cause_has(f, "AWS_ACCESS_KEY_ID"));
	CHECK(!cause_has(f, SECRET));
}

WITH_FIXTURE(from_credentials_file)
{
	write_file(f->creds_file, "# comment\n[default]\n"
	                          "aws_access_key_id = AKIDDEF\n"
	                          "aws_secret_access_key = " SECRET "\n"
	                          "\n[dev]\n; another\n"
	                          "AWS_Access_Key_Id=AKIDDEV\n"
	                          "aws_secret_access_key=" SECRET "\n"
	                          "aws_session_token = TOK\n");
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDDEF");
	CHECK(f->c.session_token == NULL);
	setvar(f, "AWS_PROFILE", "dev");
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDDEV");
	CHECK_STR(f->c.session_token, "TOK");
	CHECK(strstr(f->c.source, "profile dev") != NULL);
	CHECK(strstr(f->c.source, f->creds_file) != NULL);
}

WITH_FIXTURE(files_from_environment)
{
	char other[400], config[400];

	snprintf(other, sizeof(other), "%s/elsewhere", f->home);
	snprintf(config, sizeof(config), "%s/conf", f->home);
	write_file(f->creds_file, "[default]\naws_access_key_id = WRONG\n"
	                          "aws_secret_access_key = x\n");
	write_file(other, "[default]\naws_access_key_id = AKIDOTHER\n"
	                  "aws_secret_access_key = y\n");
	write_file(config, "[profile p]\nregion = eu-west-3\n");
	setvar(f, "AWS_SHARED_CREDENTIALS_FILE", other);
	setvar(f, "AWS_CONFIG_FILE", config);
	setvar(f, "AWS_PROFILE", "p");
	CHECK(resolve(f) == SFN_ERR_FAILED); /* profile p has no keys */
	CHECK_STR(f->err.name, "AWS.NoCredentials");
	f->n--; /* drop AWS_PROFILE */
	f->env[f->n] = NULL;
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDOTHER");
}

WITH_FIXTURE(from_config_file)
{
	write_file(f->config_file, "[default]\nregion = us-west-2\n"
	                           "[profile  ops]\n"
	                           "aws_access_key_id = AKIDCFG\n"
	                           "aws_secret_access_key = " SECRET "\n"
	                           "s3 =\n  max_concurrent_requests = 2\n");
	f->opt.profile = "ops";
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDCFG");
	CHECK(strstr(f->c.source, "config file") != NULL);
}

WITH_FIXTURE(profile_skips_environment)
{
	setvar(f, "AWS_ACCESS_KEY_ID", "AKIDENV");
	setvar(f, "AWS_SECRET_ACCESS_KEY", SECRET);
	write_file(f->creds_file, "[dev]\naws_access_key_id = AKIDDEV\n"
	                          "aws_secret_access_key = x\n");
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDENV"); /* AWS_PROFILE unset */
	f->opt.profile = "dev";
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDDEV"); /* --profile wins */
}

/* The environment, then the credentials file, then credential_process,
 * then the config file: each found source hides the later ones. */
WITH_FIXTURE(order)
{
	write_file(f->config_file,
	           "[default]\naws_access_key_id = AKIDCFG\n"
	           "aws_secret_access_key = x\n"
	           "credential_process = printf '{\"Version\": 1, "
	           "\"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": "
	           "\"y\"}'\n");
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDPROC");
	write_file(f->creds_file, "[default]\naws_access_key_id = AKIDFILE\n"
	                          "aws_secret_access_key = z\n");
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDFILE");
	setvar(f, "AWS_ACCESS_KEY_ID", "AKIDENV");
	setvar(f, "AWS_SECRET_ACCESS_KEY", SECRET);
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDENV");
}

WITH_FIXTURE(ini_syntax_error)
{
	write_file(f->creds_file, "[default]\naws_access_key_id = A\n"
	                          "this line is wrong\n");
	CHECK(resolve(f) == SFN_ERR_FAILED);
	CHECK_STR(f->err.name, "AWS.CredentialsError");
	CHECK(cause_has(f, "credentials:3:"));
}

/* A credentials file of LEN bytes: the profile, then comment lines. */
static void write_sized(const char *path, size_t len)
{
	const char *head = "[default]\naws_access_key_id = AKIDBIG\n"
	                   "aws_secret_access_key = x\n";
	FILE *fp = fopen(path, "w");
	size_t n = strlen(head);

	if (fp == NULL)
		return;
	fputs(head, fp);
	for (; n + 1 < len; n++)
		fputc(n % 64 == 0 ? '\n' : '#', fp);
	fputc('\n', fp);
	fclose(fp);
}

WITH_FIXTURE(ini_size_limit)
{
	write_sized(f->creds_file, SFN_AWS_INI_MAX_BYTES);
	CHECK(resolve(f) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDBIG");
	write_sized(f->creds_file, SFN_AWS_INI_MAX_BYTES + 1);
	CHECK(resolve(f) == SFN_ERR_FAILED);
	CHECK(cause_has(f, "larger than"));
}

WITH_FIXTURE(no_credentials)
{
	f->opt.profile = "nobody";
	CHECK(resolve(f) == SFN_ERR_FAILED);
	CHECK_STR(f->err.name, "AWS.NoCredentials");
	CHECK(cause_has(f, "the environment"));
	CHECK(cause_has(f, "skipped for --profile"));
	CHECK(cause_has(f, f->creds_file));
	CHECK(cause_has(f, f->config_file));
	CHECK(cause_has(f, "profile nobody"));
	CHECK(cause_has(f, "credential_process"));
	CHECK(cause_has(f, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
	CHECK(cause_has(f, "--mock-config"));
}

/* ---- credential_process ------------------------------------------------- */

#define PROC_JSON                                                              \
	"{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "                     \
	"\"SecretAccessKey\": \"" SECRET "\", \"SessionToken\": \"T\", "       \
	"\"Expiration\": \"2030-01-01T00:00:00Z\"}"

/* Profile "default" in the config file runs COMMAND. */
static enum sfn_status run_process(struct fixture *f, const char *command)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 16);
	sfn_buf_printf(&b, "[default]\ncredential_process = %s\n", command);
	write_file(f->config_file, sfn_buf_str(&b));
	sfn_buf_free(&b);
	return resolve(f);
}

WITH_FIXTURE(process_ok)
{
	CHECK(run_process(f, "printf '%s' '" PROC_JSON "'") == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDPROC");
	CHECK_STR(f->c.secret_access_key, SECRET);
	CHECK_STR(f->c.session_token, "T");
	CHECK_STR(f->c.expiration, "2030-01-01T00:00:00Z");
	CHECK(strstr(f->c.source, "credential_process") != NULL);
}

WITH_FIXTURE(process_failures)
{
	static const struct {
		const char *command, *cause;
	} cases[] = {
		{ "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", "
		  "\"SecretAccessKey\": \"" SECRET "\"}'",
		  "\"Version\" must be 1" },
		{ "echo '{\"Version\": 1, \"SecretAccessKey\": \"" SECRET
		  "\"}'",
		  "are required" },
		{ "echo " SECRET, "not JSON" },
		{ "echo '" PROC_JSON "'; exit 3", "exited with status 3" },
		{ "exec sleep 5", "ran longer than 300 ms" },
	};

	f->opt.process_timeout_ms = 300;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		CHECK(run_process(f, cases[i].command) == SFN_ERR_FAILED);
		CHECK_STR(f->err.name, "AWS.CredentialsError");
		CHECK(cause_has(f, cases[i].cause));
		CHECK(!cause_has(f, SECRET));
	}
}

/* The JSON padded with blanks to LEN bytes of output. */
static enum sfn_status process_sized(struct fixture *f, size_t len)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd),
	         "printf '%%s' '%s'; head -c %zu /dev/zero | tr '\\0' ' '",
	         PROC_JSON, len - strlen(PROC_JSON));
	return run_process(f, cmd);
}

WITH_FIXTURE(process_output_limit)
{
	CHECK(process_sized(f, SFN_AWS_PROCESS_MAX_BYTES) == SFN_OK);
	CHECK_STR(f->c.access_key_id, "AKIDPROC");
	CHECK(process_sized(f, SFN_AWS_PROCESS_MAX_BYTES + 1) ==
	      SFN_ERR_FAILED);
	CHECK(cause_has(f, "printed more than"));
}

/* ---- container credentials: a one-shot server in a child process ------- */

#define CONTAINER_JSON                                                         \
	"{\"AccessKeyId\": \"AKIDECS\", \"SecretAccessKey\": \"" SECRET "\", " \
	"\"Token\": \"ECSTOKEN\", \"Expiration\": \"2030-01-01T00:00:00Z\"}"

enum answer { ANSWER_OK, ANSWER_500, ANSWER_NEVER };

/* Serves one request: 200 with the credentials when it carries
 * "Authorization: TOKEN-XYZ" on /creds, else 401. */
static void serve_one(int fd, enum answer how)
{
	char req[4096];
	size_t n = 0;
	ssize_t r;
	int c = accept(fd, NULL, NULL);
	const char *body = CONTAINER_JSON, *status = "200 OK";
	char out[1024];

	while (c >= 0 && n + 1 < sizeof(req) &&
	       (r = read(c, req + n, sizeof(req) - 1 - n)) > 0) {
		n += (size_t) r;
		req[n] = '\0';
		if (strstr(req, "\r\n\r\n") != NULL)
			break;
	}
	req[n] = '\0';
	if (how == ANSWER_NEVER)
		sleep(3);
	if (strncmp(req, "GET /creds ", 11) != 0 ||
	    strstr(req, "\r\nAuthorization: TOKEN-XYZ\r\n") == NULL) {
		status = "401 Unauthorized";
		body = "{}";
	}
	if (how == ANSWER_500)
		status = "500 Internal Server Error";
	snprintf(out, sizeof(out),
	         "HTTP/1.1 %s\r\nContent-Length: %zu\r\n"
	         "Connection: close\r\n\r\n%s",
	         status, strlen(body), body);
	if (c >= 0 && write(c, out, strlen(out)) < 0)
		_exit(1);
	_exit(0);
}

/* Starts the server; sets AWS_CONTAINER_CREDENTIALS_FULL_URI. */
static pid_t start_server(struct fixture *f, enum answer how)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char url[64];
	pid_t pid;

	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *) &a, sizeof(a)) != 0 ||
	    listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *) &a, &len) != 0)
		return -1;
	pid = fork();
	if (pid == 0)
		serve_one(fd, how);
	close(fd);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/creds",
	         (unsigned) ntohs(a.sin_port));
	setvar(f, "AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
	return pid;
}

static void stop_server(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

WITH_FIXTURE(container_token)
{
	pid_t pid;

	setvar(f, "AWS_CONTAINER_AUTHORIZATION_TOKEN", "TOKEN-XYZ");
	pid = start_server(f, ANSWER_OK);
	CHECK(pid > 0);
	CHECK(resolve(f) == SFN_OK);
	stop_server(pid);
	CHECK_STR(f->c.access_key_id, "AKIDECS");
	CHECK_STR(f->c.secret_access_key, SECRET);
	CHECK_STR(f->c.session_token, "ECSTOKEN");
	CHECK_STR(f->c.source, "container credentials");
}

WITH_FIXTURE(container_token_file)
{
	char file[400];
	pid_t pid;

	snprintf(file, sizeof(file), "%s/token", f->home);
	write_file(file, "TOKEN-XYZ\n");
	setvar(f, "AWS_CONTAINER_AUTHORIZATION_TOKEN", "WRONG");
	setvar(f, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file);
	pid = start_server(f, ANSWER_OK);
	CHECK(resolve(f) == SFN_OK);
	stop_server(pid);
	CHECK_STR(f->c.access_key_id, "AKIDECS");
}

WITH_FIXTURE(container_failures)
{
	pid_t pid = start_server(f, ANSWER_OK); /* no token: 401 */

	CHECK(resolve(f) == SFN_ERR_FAILED);
	stop_server(pid);
	CHECK(cause_has(f, "HTTP 401"));
	f->n--;
	setvar(f, "AWS_CONTAINER_AUTHORIZATION_TOKEN", "TOKEN-XYZ");
	pid = start_server(f, ANSWER_500);
	CHECK(resolve(f) == SFN_ERR_FAILED);
	stop_server(pid);
	CHECK(cause_has(f, "HTTP 500"));
	CHECK(!cause_has(f, "TOKEN-XYZ"));
	f->n--;
	f->opt.container_timeout_ms = 300;
	pid = start_server(f, ANSWER_NEVER);
	CHECK(resolve(f) == SFN_ERR_FAILED);
	stop_server(pid);
	CHECK(cause_has(f, "Timeout"));
	f->n--;
	setvar(f, "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/");
	CHECK(resolve(f) == SFN_ERR_FAILED);
	CHECK(cause_has(f, "must use HTTPS"));
}

/* ---- region and endpoint ------------------------------------------------ */

static void check_region(struct test_state *t, struct fixture *f,
                         const char *want)
{
	char *region = NULL;

	sfn_error_clear(&f->err);
	CHECK(sfn_aws_region_resolve(&f->opt, &region, &f->err) == SFN_OK);
	CHECK_STR(region, want);
	free(region);
}

WITH_FIXTURE(region_order)
{
	char *region = NULL;

	CHECK(sfn_aws_region_resolve(&f->opt, &region, &f->err) ==
	      SFN_ERR_FAILED);
	CHECK_STR(f->err.name, "AWS.NoRegion");
	CHECK(region == NULL);
	write_file(f->config_file, "[default]\nregion = eu-north-1\n"
	                           "[profile x]\nregion = ap-south-1\n");
	check_region(t, f, "eu-north-1");
	f->opt.profile = "x";
	check_region(t, f, "ap-south-1");
	setvar(f, "AWS_DEFAULT_REGION", "us-west-1");
	check_region(t, f, "us-west-1");
	setvar(f, "AWS_REGION", "us-east-2");
	check_region(t, f, "us-east-2");
	f->opt.region = "ca-central-1";
	check_region(t, f, "ca-central-1");
}

static void check_endpoint(struct test_state *t, struct fixture *f,
                           const char *want)
{
	char *url = NULL;

	CHECK(sfn_aws_endpoint_resolve(&f->opt, "BEDROCK_RUNTIME",
	                               "bedrock-runtime", "us-east-1", &url,
	                               &f->err) == SFN_OK);
	CHECK_STR(url, want);
	free(url);
}

WITH_FIXTURE(endpoint_order)
{
	check_endpoint(t, f, "https://bedrock-runtime.us-east-1.amazonaws.com");
	write_file(f->config_file, "[default]\nendpoint_url = http://cfg/\n");
	check_endpoint(t, f, "http://cfg");
	setvar(f, "AWS_ENDPOINT_URL", "http://all:1");
	check_endpoint(t, f, "http://all:1");
	setvar(f, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://br:2/");
	check_endpoint(t, f, "http://br:2");
	setvar(f, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
	check_endpoint(t, f, "https://bedrock-runtime.us-east-1.amazonaws.com");
	f->opt.endpoint_url = "http://127.0.0.1:9";
	check_endpoint(t, f, "http://127.0.0.1:9");
}

const struct test sfn_tests_aws[] = {
	{ "from_environment", from_environment },
	{ "environment_partial", environment_partial },
	{ "from_credentials_file", from_credentials_file },
	{ "files_from_environment", files_from_environment },
	{ "from_config_file", from_config_file },
	{ "profile_skips_environment", profile_skips_environment },
	{ "order", order },
	{ "ini_syntax_error", ini_syntax_error },
	{ "ini_size_limit", ini_size_limit },
	{ "no_credentials", no_credentials },
	{ "process_ok", process_ok },
	{ "process_failures", process_failures },
	{ "process_output_limit", process_output_limit },
	{ "container_token", container_token },
	{ "container_token_file", container_token_file },
	{ "container_failures", container_failures },
	{ "region_order", region_order },
	{ "endpoint_order", endpoint_order },
	{ NULL, NULL },
};
