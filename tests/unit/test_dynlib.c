/* Opening a library at first use: a table filled from the library, the
 * same handle on the second call, a clear refusal (naming the file and
 * the package, table left empty, a later call retrying) when the file or
 * one of its functions is missing. libm stands in for the real ones;
 * then libcrypto's, libsqlite3's and libyaml's tables load whole, by the
 * sonames configure found, and answer a call. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "json/yaml_api.h"
#include "serve/sqlite_api.h"
#include "test.h"
#include "util/crypto_api.h"
#include "util/dynlib.h"
#include "util/pcre2_api.h"

struct math_api {
	double (*fabs)(double);
	double (*sqrt)(double);
};

static const struct Sfn_dynlib_fn math_fns[] = {
	{ "fabs", offsetof(struct math_api, fabs) },
	{ "sqrt", offsetof(struct math_api, sqrt) },
};

static const struct Sfn_dynlib_fn bad_fns[] = {
	{ "fabs", offsetof(struct math_api, fabs) },
	{ "sfn_no_such_function", offsetof(struct math_api, sqrt) },
};

static void loads_once(struct test_state *t)
{
	struct math_api api = { NULL, NULL };
	const char *why = NULL;
	struct Sfn_dynlib lib = { "libm.so.6", "libc6",     math_fns, 2,
		                  &api,        sizeof(api), NULL,     "" };
	void *handle;

	CHECK(Sfn_dynlib_load(&lib, &why) == SFN_OK);
	CHECK(lib.handle != NULL);
	CHECK(api.fabs != NULL && api.sqrt != NULL);
	CHECK(api.fabs(-2.5) == 2.5);
	CHECK(api.sqrt(16.0) == 4.0);
	handle = lib.handle;
	api.fabs = NULL; /* a second load must not resolve again */
	CHECK(Sfn_dynlib_load(&lib, &why) == SFN_OK);
	CHECK(lib.handle == handle);
	CHECK(api.fabs == NULL);
}

static void missing_file(struct test_state *t)
{
	struct math_api api = { NULL, NULL };
	const char *why = NULL;
	struct Sfn_dynlib lib = { "libsfn-absent.so.9",
		                  "libsfn-absent9",
		                  math_fns,
		                  2,
		                  &api,
		                  sizeof(api),
		                  NULL,
		                  "" };

	CHECK(Sfn_dynlib_load(&lib, &why) == SFN_ERR_IO);
	CHECK(lib.handle == NULL);
	CHECK(why == lib.why);
	CHECK(strstr(why, "cannot load libsfn-absent.so.9 (") == why);
	CHECK(strstr(lib.why, "install the Debian package "
	                      "'libsfn-absent9'") != NULL);
	CHECK(Sfn_dynlib_load(&lib, &why) == SFN_ERR_IO); /* tried again */
}

static void missing_function(struct test_state *t)
{
	struct math_api api = { NULL, NULL };
	const char *why = NULL;
	struct Sfn_dynlib lib = { "libm.so.6", "libc6",     bad_fns, 2,
		                  &api,        sizeof(api), NULL,    "" };

	CHECK(Sfn_dynlib_load(&lib, &why) == SFN_ERR_IO);
	CHECK(lib.handle == NULL);
	CHECK(api.fabs == NULL); /* resolved before the missing one: undone */
	CHECK_STR(why, "cannot load libm.so.6 (sfn_no_such_function): "
	               "install the Debian package 'libc6'");
	lib.fns = math_fns; /* the same library, all there: now it loads */
	CHECK(Sfn_dynlib_load(&lib, &why) == SFN_OK);
	CHECK(api.sqrt != NULL && api.sqrt(9.0) == 3.0);
}

#define SFN_CRYPTO_FILLED(f) CHECK(Sfn_crypto->f##_fn != NULL);
static void crypto_table(struct test_state *t)
{
	const char *why = NULL;
	unsigned char d[32];
	unsigned int len = 0;

	CHECK(Sfn_crypto_load(&why) == SFN_OK);
	SFN_CRYPTO_FUNCTIONS(SFN_CRYPTO_FILLED)
	CHECK(EVP_Digest("abc", 3, d, &len, EVP_sha256(), NULL) == 1);
	CHECK(len == 32 && d[0] == 0xba && d[31] == 0xad); /* FIPS 180-2 */
}
#undef SFN_CRYPTO_FILLED

#define SFN_SQLITE_FILLED(f) CHECK(Sfn_sqlite->f != NULL);
static void sqlite_table(struct test_state *t)
{
	const char *why = NULL;
	sqlite3 *db = NULL;

	CHECK(Sfn_sqlite_load(&why) == SFN_OK);
	SFN_SQLITE_FUNCTIONS(SFN_SQLITE_FILLED)
	CHECK(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_close(db) == SQLITE_OK);
}
#undef SFN_SQLITE_FILLED

#define SFN_YAML_FILLED(f) CHECK(Sfn_yaml->f != NULL);
static void yaml_table(struct test_state *t)
{
	const char *why = NULL;
	yaml_parser_t parser;

	CHECK(Sfn_yaml_load(&why) == SFN_OK);
	SFN_YAML_FUNCTIONS(SFN_YAML_FILLED)
	CHECK(yaml_parser_initialize(&parser) == 1);
	yaml_parser_delete(&parser);
}
#undef SFN_YAML_FILLED

#define SFN_PCRE2_FILLED(f) CHECK(Sfn_pcre2->f##_fn != NULL);
static void pcre2_table(struct test_state *t)
{
	const char *why = NULL;
	pcre2_match_data *md = NULL;
	pcre2_code *re;
	PCRE2_SIZE off;
	int err;

	CHECK(Sfn_pcre2_load(&why) == SFN_OK);
	SFN_PCRE2_FUNCTIONS(SFN_PCRE2_FILLED)
	re = pcre2_compile((PCRE2_SPTR) "b+", PCRE2_ZERO_TERMINATED, 0, &err,
	                   &off, NULL);
	CHECK(re != NULL);
	if (re != NULL)
		md = pcre2_match_data_create_from_pattern(re, NULL);
	CHECK(md != NULL);
	if (md != NULL) {
		CHECK(pcre2_match(re, (PCRE2_SPTR) "abbc", 4, 0, 0, md, NULL) ==
		      1);
		CHECK(pcre2_get_ovector_pointer(md)[0] == 1 &&
		      pcre2_get_ovector_pointer(md)[1] == 3);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}
#undef SFN_PCRE2_FILLED

const struct test sfn_tests_dynlib[] = {
	{ "loads_once", loads_once },
	{ "missing_file", missing_file },
	{ "missing_function", missing_function },
	{ "crypto_table", crypto_table },
	{ "pcre2_table", pcre2_table },
	{ "sqlite_table", sqlite_table },
	{ "yaml_table", yaml_table },
	{ NULL, NULL },
};
