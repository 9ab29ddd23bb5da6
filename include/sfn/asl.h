/* The Amazon States Language validator: every rule of the specification
 * as the service applies it, one rule registry, diagnostics at
 * file:line:column with the service's code and location. Also finds the
 * state machines of CloudFormation templates. Knows nothing of the .sfn
 * syntax or of running a machine. */
#ifndef SFN_ASL_H
#define SFN_ASL_H

#include <cjson/cJSON.h>

#include "sfn/diag.h"
#include "sfn/json.h"

/* Fn::Join inside Fn::Join in a DefinitionString: deeper nesting is not
 * put together (the machine is reported as not checked). */
#define SFN_ASL_MAX_JOIN_DEPTH 16
/* Missing Next targets in one definition that get a "did you mean": each
 * is compared with every state of its scope, so a machine of N states
 * with N broken targets would cost N * N comparisons without a bound. */
#define SFN_ASL_MAX_TARGET_HINTS 100

struct sfn_asl_opts {
	int template; /* inside a template: "${...}" values and intrinsic
	                 objects ({"Ref": ...}) stand for unknown values */
	int express;  /* the machine is of type EXPRESS, when known */
};

/* Checks DEF, the definition object (a node of DOC), adding diagnostics
 * located in DOC's file, with the service's location ("/States/A/Next")
 * as their pointer. OPTS may be NULL. */
void sfn_asl_validate(const struct sfn_json_doc *doc, const cJSON *def,
                      const struct sfn_asl_opts *opts, struct sfn_diags *diags);

/* Reads TEXT[0, LEN) as sfn_json_parse does, without copying it whole or
 * writing into it (it may be a read-only mapping, and must outlive *DOC),
 * and, when it is a state machine definition whose States is an object,
 * checks it as sfn_asl_validate does while it is read: each state of
 * States is checked as soon as it is read, then its nodes are dropped,
 * so that a machine of any size never has all its nodes in memory. The
 * diagnostics are those of the reader then sfn_asl_validate, in the same
 * order. When that was done *VALIDATED is 1 and *DOC's States holds
 * childless members (keys and locations only). Otherwise *VALIDATED is 0
 * and *DOC is the whole tree, or NULL on failure, as sfn_json_parse
 * leaves it (a template, a file that is neither, a definition whose
 * States is empty or no object, or whose top-level QueryLanguage follows
 * its States and changes the language its states were checked in: read
 * again, whole). */
enum sfn_status sfn_asl_read_validate(const char *text, size_t len,
                                      const char *file,
                                      const struct sfn_asl_opts *opts,
                                      struct sfn_diags *diags,
                                      struct sfn_json_doc **doc,
                                      int *validated);

/* Reads TEXT[0, LEN) as sfn_yaml_parse does and, when it is a template
 * whose first state machine Definition (a block mapping at
 * Resources.*.Properties.Definition) has a States mapping, checks the
 * template as sfn_asl_validate_template does, that machine's states as
 * they are read, dropping their nodes. Then *VALIDATED is 1 and that
 * States holds childless members. Otherwise *VALIDATED is 0 and *DOC is
 * the whole tree, or NULL on failure, as sfn_yaml_parse leaves it (no
 * such machine, YAML the fast reader leaves to libyaml, an EXPRESS
 * machine, or a QueryLanguage after States that changes the language its
 * states were checked in: read again, whole). */
enum sfn_status sfn_asl_read_validate_yaml(const char *text, size_t len,
                                           const char *file,
                                           struct sfn_diags *diags,
                                           struct sfn_json_doc **doc,
                                           int *validated);

/* What an expression of sfn_asl_validate_known's KNOWN is. */
enum { SFN_ASL_KNOWN_PATH = 1, SFN_ASL_KNOWN_CALL = 2 };

/* sfn_asl_validate, told by KNOWN which expressions another front end
 * parsed and checked already without a finding (text to
 * SFN_ASL_KNOWN_PATH, a JsonPath path, or SFN_ASL_KNOWN_CALL, an
 * intrinsic function call): those are not parsed again. */
void sfn_asl_validate_known(const struct sfn_json_doc *doc, const cJSON *def,
                            const struct sfn_asl_opts *opts,
                            const struct sfn_strmap *known,
                            struct sfn_diags *diags);

/* Whether ROOT looks like a definition (it has "States") or a template
 * (it has "Resources"). */
int sfn_asl_is_definition(const cJSON *root);
int sfn_asl_is_template(const cJSON *root);

/* Checks every AWS::StepFunctions::StateMachine and
 * AWS::Serverless::StateMachine of the template DOC (whose text is
 * TEXT[0, LEN)): Definition objects in place, DefinitionString strings
 * and Fn::Join/Fn::Sub compositions parsed with placeholders, each
 * diagnostic mapped back to the template's line and column. Returns how
 * many state machines were found. */
size_t sfn_asl_validate_template(const struct sfn_json_doc *doc,
                                 const char *text, size_t len,
                                 struct sfn_diags *diags);

/* Calls FN with the resource and the node of every local DefinitionUri
 * of the template DOC's state machines (a path string, not s3://), for
 * the caller to read and check: paths are relative to the template's
 * folder. Returns how many. */
size_t sfn_asl_template_local_uris(const struct sfn_json_doc *doc,
                                   void (*fn)(void *ctx, const cJSON *resource,
                                              const cJSON *uri),
                                   void *ctx);

/* The definition text the DefinitionString VALUE (a string, Fn::Sub or
 * Fn::Join) stands for, put together as the checks do, for running it:
 * the pseudo parameters AWS::Partition, AWS::Region, AWS::AccountId and
 * AWS::URLSuffix take Step Functions Local's values (aws, us-east-1,
 * 123456789012, amazonaws.com); every other value CloudFormation fills
 * in stays a "${...}" placeholder. Appended to OUT (check its status);
 * 0 when VALUE is of no form sfnc puts together. */
int sfn_asl_template_text(const cJSON *value, struct sfn_buf *out);

#endif
