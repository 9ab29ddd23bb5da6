/* The ASL field table's lookup (src/asl/fields.c): every row is found by
 * its own name, the rows stay in strcmp order (the search needs it), and
 * names that are no field, near ones included, are not found. The letter
 * ranges the lookup starts from are hand-written: a new field under a
 * letter without a range fails here. */
#include "config.h"

#include <string.h>

#include "asl/fields.h"
#include "test.h"

static void every_row_found(struct test_state *t)
{
	for (int id = 0; id < F_COUNT; id++) {
		const char *name = Sfn_asl_field_name((enum field_id) id);
		const struct field *f = Sfn_asl_field(name);

		CHECK(f != NULL && Sfn_asl_field_id(f) == (enum field_id) id);
		if (id > 0)
			CHECK(strcmp(Sfn_asl_field_name(
			                     (enum field_id)(id - 1)),
			             name) < 0);
	}
}

static void others_not_found(struct test_state *t)
{
	static const char *const names[] = {
		"",
		"A",
		"T",
		"Z",
		"type",
		"Typ",
		"Types",
		"Nex",
		"Nexts",
		"Ua",
		"Resource ",
		"ResourceX",
		"Argument",
		"@Type",
		"Comment\x7f",
		"ItemsPathX",
		"ToleratedFailurePercentagePat",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK(Sfn_asl_field(names[i]) == NULL);
		if (Sfn_asl_field(names[i]) != NULL)
			test_fail(t, __FILE__, __LINE__, "'%s' found",
			          names[i]);
	}
}

const struct test sfn_tests_fields[] = {
	{ "every_row_found", every_row_found },
	{ "others_not_found", others_not_found },
	{ NULL, NULL },
};
