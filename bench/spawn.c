/* The process that starts every command bench/pairs.py times, and reports
 * for each its exit status, its peak resident set (ru_maxrss, KiB) and
 * the nanoseconds from just before fork to just after wait4.
 *
 * Why not Python itself: Linux gives a child the resident set of the
 * process it was forked from as its starting high-water mark (and exec
 * keeps it in ru_maxrss), so a command forked or posix_spawn'd by Python
 * reports at least Python's 10 to 15 MB, whatever its own peak. Forked
 * from this program (a few hundred KiB), a command reports its own peak,
 * as under GNU time. It stays up for the whole run: a sample costs one
 * fork and one exec, not /usr/bin/time's two of each.
 *
 * Requests on stdin: the file the command reads as stdin ("" for
 * /dev/null), then each argument, every one ended by a NUL, then an empty
 * string. A reply line on stdout per request: "STATUS MAXRSS NANOSECONDS"
 * (STATUS the exit code, or minus the signal that ended it), or
 * "error ERRNO" when the command could not be started. The command's
 * stdout and stderr go to /dev/null. */
#define _GNU_SOURCE 1 /* wait4, pipe2 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TEXT (256 * 1024) /* bytes of one request */
#define MAX_ARGS 1024

/* One NUL-ended field of stdin into TEXT at *LEN; 0 at end of input or
 * past MAX_TEXT. */
static int read_field(char *text, size_t *len)
{
	int ch;

	while ((ch = getchar()) != EOF) {
		if (*len >= MAX_TEXT)
			return 0;
		text[(*len)++] = (char) ch;
		if (ch == '\0')
			return 1;
	}
	return 0;
}

/* In the child: stdin from IN (or /dev/null), stdout and stderr to
 * /dev/null, then the command; errno into ERR_FD when it cannot start. */
static void child(const char *in, char **argv, int err_fd)
{
	int fd = open(in[0] != '\0' ? in : "/dev/null", O_RDONLY);
	int null = open("/dev/null", O_WRONLY);

	if (fd >= 0 && null >= 0 && dup2(fd, 0) == 0 && dup2(null, 1) == 1 &&
	    dup2(null, 2) == 2)
		execvp(argv[0], argv);
	fd = errno;
	if (write(err_fd, &fd, sizeof(fd)) != (ssize_t) sizeof(fd))
		_exit(126);
	_exit(127);
}

static long long ns_between(const struct timespec *a,
                            const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000000LL +
	       (b->tv_nsec - a->tv_nsec);
}

/* Runs one command and prints its reply line. */
static void run(const char *in, char **argv)
{
	int p[2], err = 0, status = 0;
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		printf("error %d\n", errno);
		return;
	}
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0)
		child(in, argv, p[1]);
	close(p[1]);
	if (pid < 0) {
		printf("error %d\n", errno);
		close(p[0]);
		return;
	}
	while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (read(p[0], &err, sizeof(err)) == (ssize_t) sizeof(err))
		printf("error %d\n", err);
	else
		printf("%d %ld %lld\n",
		       WIFSIGNALED(status) ? -WTERMSIG(status)
		                           : WEXITSTATUS(status),
		       ru.ru_maxrss, ns_between(&t0, &t1));
	close(p[0]);
}

int main(void)
{
	static char text[MAX_TEXT];
	char *argv[MAX_ARGS + 1];

	for (;;) {
		size_t len = 0, argc = 0, at;

		if (!read_field(text, &len))
			return 0;
		for (;;) {
			at = len;
			if (!read_field(text, &len))
				return 1;
			if (text[at] == '\0')
				break;
			if (argc == MAX_ARGS)
				return 1;
			argv[argc++] = text + at;
		}
		argv[argc] = NULL;
		if (argc == 0)
			return 1;
		run(text, argv);
		fflush(stdout);
	}
}
