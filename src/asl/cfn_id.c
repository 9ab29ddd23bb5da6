/* CDK's logical IDs (aws-cdk-lib core/lib/private/uniqueid.js): the path
 * of a construct below its stack, "Default" parts dropped; one part left
 * is the ID itself, else a readable prefix and the first 8 hex digits of
 * the MD5 of the parts joined by '/'. Knows nothing of templates. */
#include "config.h"

#include <string.h>

#include "sfn/cfn.h"
#include "util/md5.h"

static int kept(const char *part)
{
	return strcmp(part, "Default") != 0;
}

static void add_alnum(struct sfn_buf *out, const char *s, size_t limit,
                      size_t *len)
{
	for (; *s != '\0' && *len < limit; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9')) {
			sfn_buf_addc(out, *s);
			(*len)++;
		}
}

static size_t alnum_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		     (*s >= '0' && *s <= '9');
	return n;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* The first SFN_CFN_HASH_LEN hex digits (upper case) of the MD5 of the
 * kept parts joined by '/'. */
static enum sfn_status hash(const char *const *path, size_t n,
                            struct sfn_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char md[SFN_MD5_LEN];
	struct sfn_md5 m;
	int first = 1;

	Sfn_md5_init(&m);
	for (size_t i = 0; i < n; i++) {
		if (!kept(path[i]))
			continue;
		if (!first)
			Sfn_md5_update(&m, "/", 1);
		Sfn_md5_update(&m, path[i], strlen(path[i]));
		first = 0;
	}
	if (Sfn_md5_final(&m, md) != SFN_OK)
		return SFN_ERR_FAILED;
	for (unsigned i = 0; i < SFN_CFN_HASH_LEN / 2; i++) {
		sfn_buf_addc(out, hex[md[i] >> 4]);
		sfn_buf_addc(out, hex[md[i] & 15]);
	}
	return out->status;
}

enum sfn_status sfn_cfn_logical_id(const char *const *path, size_t n,
                                   struct sfn_buf *out)
{
	const char *only = NULL, *prev = NULL;
	size_t count = 0, len = 0;

	for (size_t i = 0; i < n; i++)
		if (kept(path[i])) {
			only = path[i];
			count++;
		}
	if (count == 0)
		return SFN_ERR_USAGE;
	if (count == 1 && alnum_len(only) <= SFN_CFN_MAX_ID) {
		add_alnum(out, only, SFN_CFN_MAX_ID, &len);
		return out->status;
	}
	/* The readable prefix: parts that do not repeat the end of the one
	 * before, "Resource" left out. */
	for (size_t i = 0; i < n; i++) {
		if (!kept(path[i]))
			continue;
		if (prev == NULL || !ends_with(prev, path[i])) {
			if (strcmp(path[i], "Resource") != 0)
				add_alnum(out, path[i], SFN_CFN_MAX_HUMAN,
				          &len);
			prev = path[i];
		}
	}
	return hash(path, n, out);
}
