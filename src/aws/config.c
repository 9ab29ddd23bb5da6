/* The shared config and credentials files: where they are, their INI
 * syntax (sections, "key = value", '#' and ';' comments, indented
 * sub-settings), and a profile's values. Knows nothing of what the values
 * mean. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws/aws_int.h"
#include "sfn/util.h"
#include "util/wipe.h"

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* S[0..*N) without its leading and trailing blanks. */
static const char *trim(const char *s, size_t *n)
{
	while (*n > 0 && space(*s)) {
		s++;
		(*n)--;
	}
	while (*n > 0 && space(s[*n - 1]))
		(*n)--;
	return s;
}

/* Keys are matched without regard to case, as the AWS CLI's parser
 * does; section names are not. */
static int equals_nocase(const char *s, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(s, want, n) == 0;
}

/* "[ name ]": whether it is SECTION. Inner runs of blanks count as one
 * ("[profile  dev]"). */
static int is_section(const char *s, size_t n, const char *section)
{
	const char *w = section;

	n -= 2; /* the brackets */
	s = trim(s + 1, &n);
	for (size_t i = 0; i < n; i++) {
		if (space(s[i])) {
			while (i + 1 < n && space(s[i + 1]))
				i++;
			if (*w++ != ' ')
				return 0;
		} else if (*w++ != s[i]) {
			return 0;
		}
	}
	return *w == '\0';
}

/* One line: a section header, a setting, or nothing. Returns 0 when the
 * line is malformed. Sets *VALUE when it is KEY in the current section. */
static int ini_line(const char *s, size_t n, const char *section,
                    const char *key, int *in_section, char **value)
{
	const char *eq;
	size_t kn;
	const char *k;

	if (n > 0 && space(s[0]))
		return 1; /* an indented sub-setting ("s3 =\n  x = 1") */
	s = trim(s, &n);
	if (n == 0 || s[0] == '#' || s[0] == ';')
		return 1;
	if (s[0] == '[') {
		if (s[n - 1] != ']')
			return 0;
		*in_section = is_section(s, n, section);
		return 1;
	}
	eq = memchr(s, '=', n);
	if (eq == NULL)
		return 0;
	kn = (size_t) (eq - s);
	k = trim(s, &kn);
	if (*in_section && *value == NULL && equals_nocase(k, kn, key)) {
		size_t vn = n - (size_t) (eq - s) - 1;
		const char *v = trim(eq + 1, &vn);

		*value = strndup(v, vn);
		return *value != NULL ? 1 : -1;
	}
	return 1;
}

enum sfn_status Sfn_Aws_ini_get(const char *text, const char *section,
                                const char *key, char **value, int *line)
{
	int in_section = 0, r = 1;

	*value = NULL;
	*line = 0;
	while (*text != '\0') {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t) (nl - text) : strlen(text);

		++*line;
		r = ini_line(text, n, section, key, &in_section, value);
		if (r <= 0)
			break;
		text += n + (nl != NULL);
	}
	if (r > 0)
		return SFN_OK;
	free(*value);
	*value = NULL;
	return r < 0 ? SFN_ERR_NOMEM : SFN_ERR_SYNTAX;
}

char *Sfn_Aws_file_path(const struct sfn_aws_options *opt, int credentials)
{
	const char *set =
	        sfn_aws_getenv(opt, credentials ? "AWS_SHARED_CREDENTIALS_FILE"
	                                        : "AWS_CONFIG_FILE");
	const char *home = sfn_aws_getenv(opt, "HOME");
	struct sfn_buf b;

	sfn_buf_init(&b, SFN_AWS_VALUE_MAX);
	if (set != NULL && set[0] != '\0') {
		if (set[0] == '~' && set[1] == '/' && home != NULL)
			sfn_buf_printf(&b, "%s%s", home, set + 1);
		else
			sfn_buf_adds(&b, set);
	} else if (home != NULL) {
		sfn_buf_printf(&b, "%s/.aws/%s", home,
		               credentials ? "credentials" : "config");
	} else {
		return NULL;
	}
	return sfn_buf_take(&b);
}

/* The section naming PROFILE in the credentials or config file. */
static char *section_name(const char *profile, int credentials)
{
	struct sfn_buf b;

	sfn_buf_init(&b, SFN_AWS_VALUE_MAX);
	if (credentials || strcmp(profile, "default") == 0)
		sfn_buf_adds(&b, profile);
	else
		sfn_buf_printf(&b, "profile %s", profile);
	return sfn_buf_take(&b);
}

/* Looks KEY up in FILE's TEXT; a syntax error names the file and line. */
static enum sfn_status lookup(const char *file, const char *text,
                              const char *section, const char *key,
                              char **value, struct sfn_error *err)
{
	int line;
	enum sfn_status st = Sfn_Aws_ini_get(text, section, key, value, &line);

	if (st == SFN_ERR_SYNTAX)
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "%s:%d: not a section, a setting or a "
		                     "comment",
		                     file, line);
	return st;
}

enum sfn_status Sfn_Aws_profile_get(const struct sfn_aws_options *opt,
                                    int credentials, const char *key,
                                    char **value, struct sfn_error *err)
{
	char *file = Sfn_Aws_file_path(opt, credentials);
	char *section = section_name(sfn_aws_profile(opt), credentials);
	char *text = NULL;
	size_t len;
	enum sfn_status st = SFN_OK;

	*value = NULL;
	if (file != NULL && section != NULL) {
		st = sfn_read_file(file, SFN_AWS_INI_MAX_BYTES, &text, &len);
		if (st == SFN_OK)
			st = lookup(file, text, section, key, value, err);
		else if (st == SFN_ERR_LIMIT)
			st = sfn_error_set(err, "AWS.CredentialsError",
			                   "%s: larger than %d bytes", file,
			                   SFN_AWS_INI_MAX_BYTES);
		else if (st == SFN_ERR_IO && errno == ENOENT)
			st = SFN_OK; /* no file: nothing set there */
		else if (st == SFN_ERR_IO)
			st = sfn_error_set(err, "AWS.CredentialsError",
			                   "%s: %s", file, strerror(errno));
	} else if (section == NULL) {
		st = SFN_ERR_NOMEM;
	}
	if (text != NULL) /* the credentials file holds secrets */
		Sfn_wipe(text, len);
	free(text);
	free(file);
	free(section);
	return st;
}
