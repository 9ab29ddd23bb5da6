/* Task resources: the ARN of a Task state's Resource field taken apart.
 * Service integrations (arn:PARTITION:states:::SERVICE:ACTION with an
 * optional .sync, .sync:2 or .waitForTaskToken), Lambda function ARNs
 * (with a version or alias), activity ARNs, other ARNs and plain URIs.
 * Used by the validator's Resource check, and meant for IAM generation
 * and task dispatch. Knows nothing of states or of calling a service.
 *
 * Ownership: a parsed resource borrows the text it was parsed from; its
 * parts are (pointer, length) views into that text. */
#ifndef SFN_RESOURCE_H
#define SFN_RESOURCE_H

#include <stddef.h>

/* A part of the text: LEN bytes from PTR (PTR NULL when absent). */
struct sfn_text {
	const char *ptr;
	size_t len;
};

enum sfn_resource_kind {
	SFN_RESOURCE_NOT_URI,     /* neither an ARN nor any URI */
	SFN_RESOURCE_URI,         /* a URI that is not an ARN */
	SFN_RESOURCE_ARN,         /* an ARN of no kind below */
	SFN_RESOURCE_INTEGRATION, /* arn:P:states:::SERVICE:ACTION[.PATTERN] */
	SFN_RESOURCE_LAMBDA,      /* arn:P:lambda:R:A:function:NAME[:QUAL] */
	SFN_RESOURCE_ACTIVITY     /* arn:P:states:R:A:activity:NAME */
};

/* How a service integration waits (the suffix of its action). */
enum sfn_resource_pattern {
	SFN_PATTERN_REQUEST_RESPONSE, /* no suffix: the call's answer */
	SFN_PATTERN_SYNC,             /* .sync: until the job ends */
	SFN_PATTERN_SYNC2,            /* .sync:2: the same, JSON output */
	SFN_PATTERN_TOKEN,            /* .waitForTaskToken: a callback */
	SFN_PATTERN_UNKNOWN           /* another suffix: see PATTERN_TEXT */
};

struct sfn_resource {
	enum sfn_resource_kind kind;
	/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (ARN kinds) */
	struct sfn_text partition, service, region, account, resource;
	/* INTEGRATION: the integrated service ("lambda", "aws-sdk:s3"), the
	 * action ("invoke", "getObject") and the pattern's suffix as
	 * written (".sync:2"; empty for request-response). */
	struct sfn_text integration, action, pattern_text;
	enum sfn_resource_pattern pattern;
	/* LAMBDA and ACTIVITY: the function or activity name; LAMBDA: the
	 * version or alias after it (empty when none). */
	struct sfn_text name, qualifier;
	int placeholders; /* the text holds "${...}" a template fills in */
};

/* Takes TEXT apart into *OUT; returns OUT->kind. A "${...}" placeholder
 * counts as one opaque run of characters (its colons split nothing):
 * "arn:${AWS::Partition}:states:::lambda:invoke" is an integration. */
enum sfn_resource_kind sfn_resource_parse(const char *text,
                                          struct sfn_resource *out);

/* The name of PATTERN as the documentation writes it ("Request Response",
 * "Run a Job (.sync)", ...); stable text for messages and tables. */
const char *sfn_resource_pattern_name(enum sfn_resource_pattern pattern);

/* Whether PART is the NUL-terminated WORD. */
int sfn_text_is(struct sfn_text part, const char *word);

#endif
