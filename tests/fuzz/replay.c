/* Replays a fuzz target's corpus without libFuzzer: every file of the
 * folders (or the files) named goes once through LLVMFuzzerTestOneInput,
 * in name order, each in a block of exactly its size so that sanitizers
 * and valgrind see any read past the end. Built with the normal compiler
 * and flags; knows nothing of what the target drives. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sfn/util.h"

/* The largest input, as the fuzz runs' -max_len: a larger corpus file
 * would never have been produced by a run. */
#define REPLAY_MAX_BYTES ((size_t) 64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs one file under NAME; prints its line; returns 1 when it ran. */
static int replay_file(const char *label, const char *path, const char *name)
{
	char *text;
	uint8_t *exact;
	size_t len;

	if (sfn_read_file(path, REPLAY_MAX_BYTES, &text, &len) != SFN_OK) {
		printf("FAIL fuzz/%s/%s: cannot read it, or it is larger than "
		       "%zu bytes\n",
		       label, name, REPLAY_MAX_BYTES);
		return 0;
	}
	exact = malloc(len > 0 ? len : 1);
	if (exact == NULL) {
		free(text);
		printf("FAIL fuzz/%s/%s: out of memory\n", label, name);
		return 0;
	}
	memcpy(exact, text, len);
	free(text);
	printf("# replaying fuzz/%s/%s\n", label, name);
	fflush(stdout); /* a crash below still leaves the name in the log */
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	printf("ok fuzz/%s/%s\n", label, name);
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The regular files of DIR, sorted; NULL (with N = 0) when none. */
static char **list_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	char **names = NULL, **grown;
	size_t cap = 0;
	struct dirent *e;

	*n = 0;
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(names, cap * sizeof(*names));
			if (grown == NULL)
				break;
			names = grown;
		}
		names[*n] = strdup(e->d_name);
		if (names[*n] != NULL)
			(*n)++;
	}
	if (d != NULL)
		closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

/* Replays every file of DIR; returns how many failed. */
static int replay_dir(const char *label, const char *dir)
{
	char path[8192];
	size_t n;
	char **names = list_files(dir, &n);
	int failed = 0;

	if (n == 0) {
		printf("FAIL fuzz/%s: no inputs in %s\n", label, dir);
		failed = 1;
	}
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		failed += !replay_file(label, path, names[i]);
		free(names[i]);
	}
	free(names);
	return failed;
}

int main(int argc, char **argv)
{
	struct stat st;
	int failed = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s LABEL DIR|FILE...\n", argv[0]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		const char *base = strrchr(argv[i], '/');

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			failed += replay_dir(argv[1], argv[i]);
		else
			failed +=
			        !replay_file(argv[1], argv[i],
			                     base != NULL ? base + 1 : argv[i]);
	}
	return failed ? 1 : 0;
}
