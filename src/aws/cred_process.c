/* credential_process: runs the profile's command through /bin/sh -c,
 * reads its standard output (capped, within a timeout; killed past it)
 * and takes Version 1 JSON credentials from it. Runs before the event
 * loop; knows nothing of signing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "aws/aws_int.h"
#include "sfn/util.h"
#include "util/wipe.h"

/* How reading the output ended. */
enum outcome { DONE, TOO_BIG, TIMED_OUT, FAILED };

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The child: stdout to the pipe, stdin and stderr to /dev/null. */
static void child(const char *command, int out)
{
	int null = open("/dev/null", O_RDWR);

	if (null < 0 || dup2(out, 1) < 0 || dup2(null, 0) < 0 ||
	    dup2(null, 2) < 0)
		_exit(127);
	execl("/bin/sh", "sh", "-c", command, (char *) NULL);
	_exit(127);
}

static enum sfn_status spawn(const char *command, pid_t *pid, int *fd)
{
	int p[2];

	if (pipe(p) != 0)
		return SFN_ERR_IO;
	*pid = fork();
	if (*pid < 0) {
		close(p[0]);
		close(p[1]);
		return SFN_ERR_IO;
	}
	if (*pid == 0) {
		close(p[0]);
		child(command, p[1]);
	}
	close(p[1]);
	*fd = p[0];
	return SFN_OK;
}

/* Reads FD to its end into OUT, until DEADLINE. */
static enum outcome read_all(int fd, int64_t deadline, struct sfn_buf *out)
{
	char chunk[4096];

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int64_t left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return TIMED_OUT;
		if (poll(&pfd, 1, (int) (left > 1000 ? 1000 : left)) < 0 &&
		    errno != EINTR)
			return FAILED;
		if (pfd.revents == 0)
			continue;
		n = read(fd, chunk, sizeof(chunk));
		if (n == 0)
			return DONE;
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			return FAILED;
		if (n > 0 && sfn_buf_add(out, chunk, (size_t) n) != SFN_OK)
			return out->status == SFN_ERR_LIMIT ? TOO_BIG : FAILED;
		Sfn_wipe(chunk, sizeof(chunk));
	}
}

/* Waits for PID (killed first unless it finished); its exit status, or -1
 * when it did not exit normally. */
static int reap(pid_t pid, int kill_it)
{
	int status = 0;

	if (kill_it)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static enum sfn_status failed(struct sfn_error *err, const char *what,
                              enum outcome o, int status, int64_t timeout)
{
	if (o == TOO_BIG)
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "%s printed more than %d bytes", what,
		                     SFN_AWS_PROCESS_MAX_BYTES);
	if (o == TIMED_OUT)
		return sfn_error_set(
		        err, "AWS.CredentialsError",
		        "%s ran longer than %lld ms and was killed", what,
		        (long long) timeout);
	if (o == FAILED)
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "%s: reading its output failed", what);
	return sfn_error_set(err, "AWS.CredentialsError",
	                     "%s exited with status %d", what, status);
}

static char *describe(const struct sfn_aws_options *opt)
{
	struct sfn_buf b;

	sfn_buf_init(&b, SFN_AWS_VALUE_MAX);
	sfn_buf_printf(&b, "credential_process of profile %s",
	               sfn_aws_profile(opt));
	return sfn_buf_take(&b);
}

enum sfn_status Sfn_Aws_credential_process(const struct sfn_aws_options *opt,
                                           const char *command,
                                           struct sfn_aws_credentials *out,
                                           struct sfn_error *err)
{
	int64_t timeout = opt->process_timeout_ms > 0
	                          ? opt->process_timeout_ms
	                          : SFN_AWS_PROCESS_TIMEOUT_MS;
	char *what = describe(opt);
	struct sfn_buf text;
	enum outcome o;
	enum sfn_status st;
	pid_t pid = -1;
	int fd = -1, status;

	sfn_buf_init(&text, SFN_AWS_PROCESS_MAX_BYTES);
	/* all the room at once: no realloc leaves a copy of a secret */
	st = what ? sfn_buf_reserve(&text, SFN_AWS_PROCESS_MAX_BYTES)
	          : SFN_ERR_NOMEM;
	if (st == SFN_OK)
		st = spawn(command, &pid, &fd);
	if (st == SFN_ERR_IO)
		st = sfn_error_set(err, "AWS.CredentialsError",
		                   "%s could not be started", what);
	if (st != SFN_OK)
		goto done;
	o = read_all(fd, now_ms() + timeout, &text);
	close(fd);
	status = reap(pid, o != DONE);
	if (o != DONE || status != 0)
		st = failed(err, what, o, status, timeout);
	else
		st = Sfn_Aws_credentials_from_json(
		        sfn_buf_str(&text), 1, "SessionToken", what, out, err);
done:
	if (text.data != NULL)
		Sfn_wipe(text.data, text.cap);
	sfn_buf_free(&text);
	free(what);
	return st;
}
