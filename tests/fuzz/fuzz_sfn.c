/* libFuzzer target over the .sfn front end: bytes -> lexer -> parser ->
 * checks -> lowering -> every ASL rule on each machine -> every renderer,
 * and each compiled machine printed. Any input must end in diagnostics,
 * never a crash, leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "sfn/jsonout.h"
#include "sfn/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void print_machines(const struct sfn_lang_unit *unit)
{
	struct sfn_buf out;

	sfn_buf_init(&out, (size_t) 1 << 26);
	for (size_t i = 0; i < sfn_lang_machine_count(unit); i++)
		sfn_jsonout_value(sfn_lang_machine_asl(unit, i),
		                  SFN_JSONOUT_PRETTY, &out);
	sfn_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sfn_lang_unit *unit = NULL;
	struct sfn_diags d;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	sfn_diags_init(&d);
	if (sfn_lang_compile(text, size, "fuzz.sfn", &d, &unit) == SFN_OK)
		print_machines(unit);
	sfn_diags_sort(&d);
	fuzz_render_all(&d, "fuzz.sfn", text, size);
	sfn_lang_free(unit);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
