/* libFuzzer target for the JSONata parser and evaluator: the input is an
 * expression, evaluated on a fixed document with a binding and a small
 * budget, so that runaway expressions end quickly. Any crash, leak or
 * sanitizer report is a bug. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sfn/jsonata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char document[] =
        "{\"Account\":{\"Name\":\"Firefly\",\"Order\":[{\"OrderID\":\"o1\","
        "\"Product\":[{\"Name\":\"Hat\",\"Price\":34.45,\"Quantity\":2},"
        "{\"Name\":\"Cloak\",\"Price\":107.99,\"Quantity\":1}]},"
        "{\"OrderID\":\"o2\",\"Product\":[{\"Name\":\"Hat\","
        "\"Price\":34.45,\"Quantity\":4}]}]},\"list\":[1,2,[3,4],null,"
        "true,\"x\",{\"a\":{\"b\":[5]}}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sfn_jsonata_budget budget = { 200, 200000, (size_t) 32 << 20,
		                             0 };
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	cJSON *doc = cJSON_Parse(document);
	cJSON *bindings = cJSON_Parse("{\"states\":{\"input\":[1,2,3]}}");
	cJSON *result = NULL;

	if (sfn_jsonata_parse((const char *) data, size, &e, &err) == SFN_OK)
		sfn_jsonata_eval(e, doc, bindings, &budget, &result, &err);
	cJSON_Delete(result);
	sfn_jsonata_free(e);
	cJSON_Delete(doc);
	cJSON_Delete(bindings);
	return 0;
}
