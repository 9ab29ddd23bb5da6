/* CloudFormation templates for stacks of state machines, as CDK 2.115.0
 * synthesizes them: CDK's logical IDs, a role trusted by Step Functions
 * per machine, its default policy with the least privilege each task
 * needs, the machine with its definition joined around the partition and
 * region and its parameters' references, the stack's parameters and
 * outputs. CDK's bootstrap pieces (CDKMetadata,
 * the BootstrapVersion parameter and rule) are left out. Knows nothing of
 * the .sfn syntax.
 *
 * Ownership: the stack description is borrowed; sfn_cfn_template hands
 * the caller a new cJSON tree, which the caller deletes, for
 * sfn_jsonout_value to print (SFN_JSONOUT_PRETTY, at depth 0): a
 * DefinitionString is cJSON_Raw, its text as that printer lays it out
 * there (a JSON string, or the Fn::Join around its references, lines and
 * indentation included), made in one pass without a node per part. */
#ifndef SFN_CFN_H
#define SFN_CFN_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/status.h"
#include "sfn/util.h"

/* Levels of a definition written into a DefinitionString: deeper ones
 * are refused (SFN_ERR_LIMIT). */
#define SFN_CFN_MAX_DEPTH 256
/* CDK's logical IDs: at most 255 characters, a human part of at most 240
 * and a hash of 8 hex digits. */
#define SFN_CFN_MAX_ID    255
#define SFN_CFN_MAX_HUMAN 240
#define SFN_CFN_HASH_LEN  8

/* A node of a definition that stands for a parameter of the template:
 * written as {"Ref": PARAM} (inside the string's quotes unless NUMBER). */
struct sfn_cfn_ref {
	const cJSON *node;
	const char *param;
	int number;
};

struct sfn_cfn_machine {
	const char *name;    /* the construct ID: "StateMachine" */
	const cJSON *asl;    /* the definition */
	int express;         /* of type EXPRESS */
	const cJSON *grants; /* statements added by hand (an array), or NULL */
	const struct sfn_cfn_ref *refs; /* sorted by node address */
	size_t ref_count;
};

/* A template parameter: {"Type": "String"|"Number", "Default": ...,
 * "AllowedValues": [...], "Description": ...}. */
struct sfn_cfn_param {
	const char *name;
	int number;                 /* Number (else String) */
	const char *dflt;           /* the default (a String's text), or NULL */
	double num;                 /* a Number's default */
	const char *description;    /* or NULL */
	const char *const *allowed; /* as written (a Number's: numbers) */
	size_t allowed_count;       /* 0: no AllowedValues */
};

struct sfn_cfn_output {
	const char *name;    /* the output's ID */
	const char *machine; /* the machine whose ARN it gives */
};

struct sfn_cfn_stack {
	const char *name;   /* "StepFunctionBedrockStack" */
	const char *region; /* the region in the definitions' ARNs */
	int region_given;   /* 0: REGION stands for the deploying one */
	const struct sfn_cfn_machine *machines;
	size_t machine_count;
	const struct sfn_cfn_output *outputs;
	size_t output_count;
	const struct sfn_cfn_param *params;
	size_t param_count;
};

/* CDK's logical ID of the construct at PATH[0, N) below the stack
 * ("StateMachine", "Role", "Resource"), appended to OUT. SFN_ERR_USAGE
 * when nothing is left of PATH once "Default" parts are dropped. */
enum sfn_status sfn_cfn_logical_id(const char *const *path, size_t n,
                                   struct sfn_buf *out);

/* The template of STACK into *OUT (NULL on failure): SFN_ERR_LIMIT for a
 * definition deeper than SFN_CFN_MAX_DEPTH, SFN_ERR_NOMEM. */
enum sfn_status sfn_cfn_template(const struct sfn_cfn_stack *stack,
                                 cJSON **out);

#endif
