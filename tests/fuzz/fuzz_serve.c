/* libFuzzer target: bytes -> sfnc serve's requests. Each line of the
 * input is one request, "TARGET BODY" (TARGET the X-Amz-Target value; a
 * line starting with '!' is sent with a wrong content type), answered by
 * a server holding one machine and one finished execution. Every reply
 * must be a JSON object: the result (200) or an error shape with __type
 * and message (4xx, 5xx); never a crash, leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/clock.h"
#include "sfn/loop.h"
#include "sfn/serve.h"

#define MAX_REQUESTS 8 /* lines of one input that are sent */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_reply(const struct sfn_serve_reply *reply)
{
	cJSON *out = cJSON_Parse(reply->body.data ? reply->body.data : "");
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(out, "__type");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(out, "message");

	if (!cJSON_IsObject(out))
		abort();
	if (reply->status != 200 &&
	    (!cJSON_IsString(type) || !cJSON_IsString(msg)))
		abort();
	if (reply->status == 200 && type != NULL)
		abort();
	cJSON_Delete(out);
}

static void post(struct sfn_serve *srv, const char *target, const char *body,
                 size_t len, int wrong_type)
{
	struct sfn_serve_request req = {
		"POST",
		"/",
		target,
		wrong_type ? "text/plain" : "application/x-amz-json-1.0",
		body,
		len,
		0,
		NULL,
		NULL,
		NULL,
		0,
		0
	};
	struct sfn_serve_reply reply;

	sfn_serve_handle(srv, &req, &reply);
	check_reply(&reply);
	sfn_buf_free(&reply.body);
}

/* One line: TARGET, a space, BODY (NUL-terminated in place). */
static void send_line(struct sfn_serve *srv, char *line)
{
	int wrong = line[0] == '!';
	char *sp = strchr(line, ' ');
	const char *body = sp ? sp + 1 : "";

	if (sp != NULL)
		*sp = '\0';
	post(srv, line + wrong, body, strlen(body), wrong);
}

static const char seed_machine[] =
        "{\"name\":\"m\",\"definition\":\"{\\\"StartAt\\\":\\\"P\\\","
        "\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\","
        "\\\"End\\\":true}}}\"}";
static const char seed_exec[] =
        "{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:"
        "stateMachine:m\",\"name\":\"done\",\"input\":\"{}\"}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sfn_vclock clock;
	struct sfn_loop *loop = NULL;
	struct sfn_serve *srv = NULL;
	char *text = malloc(size + 1), *line, *next;
	int n = 0;

	sfn_vclock_init(&clock, 1767268800000);
	if (text == NULL || sfn_loop_new(&clock.clock, NULL, &loop) != SFN_OK ||
	    sfn_serve_new(NULL, loop, &srv) != SFN_OK)
		goto done;
	post(srv, "AWSStepFunctions.CreateStateMachine", seed_machine,
	     strlen(seed_machine), 0);
	post(srv, "AWSStepFunctions.StartExecution", seed_exec,
	     strlen(seed_exec), 0);
	(void) sfn_loop_run(loop);
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; line != NULL && n < MAX_REQUESTS; line = next, n++) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		send_line(srv, line);
	}
done:
	sfn_serve_free(srv);
	if (loop != NULL)
		sfn_loop_free(loop);
	free(text);
	return 0;
}
