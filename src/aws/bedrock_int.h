/* What the Bedrock files share: a task input made into the pieces of an
 * InvokeModel request, and a response made into a task outcome. Knows
 * nothing of the loop or of signing. */
#ifndef SFN_AWS_BEDROCK_INT_H
#define SFN_AWS_BEDROCK_INT_H

#include <cjson/cJSON.h>

#include "aws/http.h"
#include "sfn/bedrock.h"

/* The InvokeModel request of one task; every string malloc'd. */
struct bedrock_req {
	char *path; /* "/model/<ModelId, encoded>/invoke" */
	char *body;
	size_t body_len;
	char *content_type;
	char *accept;
	char *trace;             /* or NULL */
	char *guardrail_id;      /* or NULL */
	char *guardrail_version; /* or NULL */
};

/* Reads INPUT's fields (see sfn/bedrock.h). A field of the wrong type, a
 * missing ModelId or Body, a Body past SFN_BEDROCK_MAX_BODY_BYTES: ERR
 * gets States.Runtime and SFN_ERR_FAILED is returned. */
enum sfn_status Sfn_Bedrock_request_read(const cJSON *input,
                                         struct bedrock_req *req,
                                         struct sfn_error *err);
void Sfn_Bedrock_request_free(struct bedrock_req *req);

/* The task outcome of RESP: {"Body": ...} or the error (see
 * sfn/bedrock.h). Returns SFN_ERR_NOMEM only. */
enum sfn_status Sfn_Bedrock_outcome(const struct sfn_http_response *resp,
                                    size_t max_response_bytes,
                                    struct sfn_task_outcome *out);

#endif
