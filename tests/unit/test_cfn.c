/* The CloudFormation emitter: CDK's logical IDs (the values
 * ../shared/reference/peers/cdk_logical_id.py gives) with their length
 * limits at and past the edge, the MD5 behind them (RFC 1321's examples,
 * and lengths around the 64-byte block and its 56-byte padding edge), the
 * definition depth limit, and joins printed as the printer would print
 * their nodes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asl/cfn_int.h"
#include "sfn/cfn.h"
#include "sfn/jsonout.h"
#include "test.h"
#include "util/md5.h"

struct id_case {
	const char *path; /* parts joined by '/' */
	const char *want; /* NULL: refused */
};

static const struct id_case id_cases[] = {
	{ "StateMachine/Resource", "StateMachine2E01A3A5" },
	{ "StateMachine/Role/Resource", "StateMachineRoleB840431D" },
	{ "StateMachine/Role/DefaultPolicy/Resource",
	  "StateMachineRoleDefaultPolicyDF1E6607" },
	{ "CDKMetadata/Default", "CDKMetadata" },
	{ "StateMachineArn", "StateMachineArn" },
	{ "A/Default/B", "ABE649FC2C" },
	{ "StateMachine/Machine/Resource", "StateMachine0117441E" },
	{ "Default/Foo", "Foo" },
	{ "my-output_1", "myoutput1" },
	{ "Fn/Resource/Resource", "FnD33BCDC9" },
	{ "Default", NULL },
};

static enum sfn_status id_of(const char *joined, struct sfn_buf *out)
{
	const char *parts[8];
	char copy[256];
	size_t n = 0;

	snprintf(copy, sizeof(copy), "%s", joined);
	for (char *p = strtok(copy, "/"); p != NULL && n < 8;
	     p = strtok(NULL, "/"))
		parts[n++] = p;
	return sfn_cfn_logical_id(parts, n, out);
}

static void logical_ids(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(id_cases) / sizeof(id_cases[0]); i++) {
		struct sfn_buf b;
		enum sfn_status st;

		sfn_buf_init(&b, 4096);
		st = id_of(id_cases[i].path, &b);
		if (id_cases[i].want == NULL)
			CHECK_INT(st, SFN_ERR_USAGE);
		else
			CHECK_STR(sfn_buf_str(&b), id_cases[i].want);
		sfn_buf_free(&b);
	}
}

static void no_parts(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 4096);
	CHECK_INT(sfn_cfn_logical_id(NULL, 0, &b), SFN_ERR_USAGE);
	sfn_buf_free(&b);
}

/* One part of N letters 'x'. */
static char *letters(size_t n, char c)
{
	char *s = malloc(n + 1);

	if (s != NULL) {
		memset(s, c, n);
		s[n] = '\0';
	}
	return s;
}

static void id_at_limit(struct test_state *t)
{
	char *x = letters(SFN_CFN_MAX_ID, 'x');
	const char *parts[] = { x };
	struct sfn_buf b;

	sfn_buf_init(&b, 4096);
	CHECK_INT(sfn_cfn_logical_id(parts, 1, &b), SFN_OK);
	CHECK_STR(sfn_buf_str(&b), x);
	sfn_buf_free(&b);
	free(x);
}

/* Past 255 characters the one part is hashed, its human part cut at 240
 * (cdk_logical_id.py: 240 x and C7A139A2). */
static void id_past_limit(struct test_state *t)
{
	char *x = letters(SFN_CFN_MAX_ID + 1, 'x');
	const char *parts[] = { x };
	struct sfn_buf b;

	sfn_buf_init(&b, 4096);
	CHECK_INT(sfn_cfn_logical_id(parts, 1, &b), SFN_OK);
	CHECK_INT(b.len, SFN_CFN_MAX_HUMAN + SFN_CFN_HASH_LEN);
	CHECK_STR(sfn_buf_str(&b) + SFN_CFN_MAX_HUMAN, "C7A139A2");
	sfn_buf_free(&b);
	free(x);
}

/* Two parts: the human part is cut at 240 (250 a, b: 877DEC7F). */
static void human_cut(struct test_state *t)
{
	char *a = letters(250, 'a');
	const char *parts[] = { a, "b" };
	struct sfn_buf b;

	sfn_buf_init(&b, 4096);
	CHECK_INT(sfn_cfn_logical_id(parts, 2, &b), SFN_OK);
	CHECK_INT(b.len, SFN_CFN_MAX_HUMAN + SFN_CFN_HASH_LEN);
	CHECK(memcmp(sfn_buf_str(&b), a, SFN_CFN_MAX_HUMAN) == 0);
	CHECK_STR(sfn_buf_str(&b) + SFN_CFN_MAX_HUMAN, "877DEC7F");
	sfn_buf_free(&b);
	free(a);
}

/* A machine whose Pass state's Result is ARRAYS arrays deep: the
 * definition's deepest value stands ARRAYS + 4 levels down (definition,
 * States, the state, the arrays, the number). */
static enum sfn_status nested(size_t arrays)
{
	cJSON *def = cJSON_CreateObject(), *states, *pass, *v;
	struct sfn_cfn_machine m = { "M", NULL, 0, NULL, NULL, 0 };
	struct sfn_cfn_stack st = {
		"S", "us-east-1", 0, &m, 1, NULL, 0, NULL, 0
	};
	cJSON *tmpl = NULL;
	enum sfn_status status;

	cJSON_AddStringToObject(def, "StartAt", "P");
	states = cJSON_AddObjectToObject(def, "States");
	pass = cJSON_AddObjectToObject(states, "P");
	cJSON_AddStringToObject(pass, "Type", "Pass");
	v = cJSON_CreateNumber(1);
	for (size_t i = 0; i < arrays; i++) {
		cJSON *a = cJSON_CreateArray();

		cJSON_AddItemToArray(a, v);
		v = a;
	}
	cJSON_AddItemToObject(pass, "Result", v);
	cJSON_AddTrueToObject(pass, "End");
	m.asl = def;
	status = sfn_cfn_template(&st, &tmpl);
	if (status == SFN_OK && tmpl == NULL)
		status = SFN_ERR_USAGE;
	cJSON_Delete(tmpl);
	cJSON_Delete(def);
	return status;
}

struct md5_case {
	const char *text; /* NULL: REPEAT times 'x' */
	size_t repeat;
	const char *want;
};

static const struct md5_case md5_cases[] = {
	{ "", 0, "d41d8cd98f00b204e9800998ecf8427e" },
	{ "a", 0, "0cc175b9c0f1b6a831c399e269772661" },
	{ "abc", 0, "900150983cd24fb0d6963f7d28e17f72" },
	{ "message digest", 0, "f96b697d7cb7938d525a2f31aaf161d0" },
	{ "abcdefghijklmnopqrstuvwxyz", 0, "c3fcd3d76192e4007dfb496cca67e13b" },
	{ "1234567890123456789012345678901234567890"
	  "1234567890123456789012345678901234567890",
	  0, "57edf4a22be3c955ac49da2e2107b67a" },
	{ NULL, 55, "04364420e25c512fd958a70738aa8f72" },
	{ NULL, 56, "668a72d5ba17f08e62dabcafad6db14b" },
	{ NULL, 63, "7dc2ca208106a2f703567bdff99d8981" },
	{ NULL, 64, "c1bb4f81d892b2d57947682aeb252456" },
	{ NULL, 65, "1bc932052302d074bdec39795fe00cf6" },
	{ NULL, 1000, "398533d48111e9f664b1f64cb10c4b63" },
};

/* Each case fed whole, and byte by byte (the block filled across calls). */
static void md5(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(md5_cases) / sizeof(md5_cases[0]); i++) {
		const struct md5_case *c = &md5_cases[i];
		char x[1000], hex[2][2 * SFN_MD5_LEN + 1];
		const char *text = c->text != NULL ? c->text : x;
		size_t n = c->text != NULL ? strlen(c->text) : c->repeat;

		memset(x, 'x', sizeof(x));
		for (int bytewise = 0; bytewise < 2; bytewise++) {
			unsigned char md[SFN_MD5_LEN];
			struct sfn_md5 m;

			Sfn_md5_init(&m);
			for (size_t k = 0; bytewise && k < n; k++)
				Sfn_md5_update(&m, text + k, 1);
			if (!bytewise)
				Sfn_md5_update(&m, text, n);
			CHECK(Sfn_md5_final(&m, md) == SFN_OK);
			for (size_t k = 0; k < SFN_MD5_LEN; k++)
				snprintf(hex[bytewise] + 2 * k, 3, "%02x",
				         md[k]);
			CHECK_STR(hex[bytewise], c->want);
		}
	}
}

static void depth_at_limit(struct test_state *t)
{
	CHECK_INT(nested(SFN_CFN_MAX_DEPTH - 4), SFN_OK);
}

static void depth_past_limit(struct test_state *t)
{
	CHECK_INT(nested(SFN_CFN_MAX_DEPTH - 3), SFN_ERR_LIMIT);
}

/* Steps of a join: "t:TEXT" literal text, "p" the partition, "r:NAME"
 * a template parameter, "v:JSON" a value; NULL ends them. */
static const char *const join_cases[][6] = {
	{ NULL },
	{ "t:{\"a\":\"x\\ny\"}", NULL },
	{ "p", NULL },
	{ "t:arn:", "p", "t::states", NULL },
	{ "p", "p", "t:z", "r:Param\"Q", NULL },
	{ "t:a", "v:[1,{\"b\":true}]", "t:c", "r:P", NULL },
};

static void join_steps(struct cfn_join *j, const char *const *steps)
{
	for (size_t i = 0; steps[i] != NULL; i++) {
		const char *s = steps[i];

		if (s[0] == 't')
			Sfn_cfn_join_text(j, s + 2, strlen(s + 2));
		else if (s[0] == 'p')
			Sfn_cfn_joinf(j, "%P");
		else if (s[0] == 'r')
			Sfn_cfn_join_ref(j, s + 2);
		else
			Sfn_cfn_join_value(j, cJSON_Parse(s + 2));
	}
}

/* Each case joined printed at depths 1 and 4 gives the text the printer
 * gives for the same join made of nodes. */
static void join_printed(struct test_state *t)
{
	struct sfn_cfn_stack st = { "S",  "us-east-1", 0,    NULL, 0,
		                    NULL, 0,           NULL, 0 };

	for (size_t c = 0; c < sizeof(join_cases) / sizeof(join_cases[0]);
	     c++) {
		for (int depth = 1; depth <= 4; depth += 3) {
			struct cfn_join a, b;
			struct sfn_buf want;
			cJSON *va, *vb;

			Sfn_cfn_join_init(&a, &st);
			Sfn_cfn_join_init(&b, &st);
			a.escape = b.escape = 1;
			Sfn_cfn_join_printed(&b, depth);
			join_steps(&a, join_cases[c]);
			join_steps(&b, join_cases[c]);
			va = Sfn_cfn_join_take(&a);
			vb = Sfn_cfn_join_take(&b);
			sfn_buf_init(&want, 1 << 20);
			sfn_jsonout_value_at(va, SFN_JSONOUT_PRETTY, depth,
			                     &want);
			CHECK(cJSON_IsRaw(vb));
			if (cJSON_IsRaw(vb))
				CHECK_STR(vb->valuestring, sfn_buf_str(&want));
			sfn_buf_free(&want);
			cJSON_Delete(va);
			cJSON_Delete(vb);
			Sfn_cfn_join_free(&a);
			Sfn_cfn_join_free(&b);
		}
	}
}

const struct test sfn_tests_cfn[] = {
	{ "logical-ids", logical_ids },
	{ "no-parts", no_parts },
	{ "id-at-limit", id_at_limit },
	{ "id-past-limit", id_past_limit },
	{ "human-cut", human_cut },
	{ "md5", md5 },
	{ "depth-at-limit", depth_at_limit },
	{ "depth-past-limit", depth_past_limit },
	{ "join-printed", join_printed },
	{ NULL, NULL },
};
