/* libpcre2-8, opened at first use (util/dynlib.h): linked, loading it
 * cost every command some 16,000 instructions and 9 page faults before
 * main, a few percent of the tutorial's compile, and only regular
 * expressions need it (JsonPath's match() and search(), JSONata's
 * /regex/ and its date/time pictures). Every file of ours that calls
 * PCRE2 includes this header instead of <pcre2.h>: the names of its
 * functions become calls through the table. Knows nothing of what is
 * matched. */
#ifndef SFN_UTIL_PCRE2_API_H
#define SFN_UTIL_PCRE2_API_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "sfn/status.h"

/* The functions we call, by the names the library exports (PCRE2's
 * headers turn pcre2_compile into pcre2_compile_8, and so on). */
#define SFN_PCRE2_FUNCTIONS(X)                                                 \
	X(pcre2_code_free_8)                                                   \
	X(pcre2_compile_8)                                                     \
	X(pcre2_compile_context_create_8)                                      \
	X(pcre2_compile_context_free_8)                                        \
	X(pcre2_get_ovector_pointer_8)                                         \
	X(pcre2_match_8)                                                       \
	X(pcre2_match_context_create_8)                                        \
	X(pcre2_match_context_free_8)                                          \
	X(pcre2_match_data_create_from_pattern_8)                              \
	X(pcre2_match_data_free_8)                                             \
	X(pcre2_set_match_limit_8)                                             \
	X(pcre2_set_newline_8)

#define SFN_PCRE2_SLOT(f) __typeof__(f) *f##_fn;
struct Sfn_pcre2_api {
	SFN_PCRE2_FUNCTIONS(SFN_PCRE2_SLOT)
};
#undef SFN_PCRE2_SLOT

/* The table: empty until Sfn_pcre2_load succeeds. */
extern const struct Sfn_pcre2_api *const Sfn_pcre2;

/* Loads libpcre2-8 (SFN_PCRE2_SONAME) once per process; every function
 * that compiles a pattern runs it first. SFN_ERR_IO when it cannot be
 * loaded, with *WHY (static text) naming the library and the package. */
enum sfn_status Sfn_pcre2_load(const char **why);

#define pcre2_code_free_8 (*Sfn_pcre2->pcre2_code_free_8_fn)
#define pcre2_compile_8   (*Sfn_pcre2->pcre2_compile_8_fn)
#define pcre2_compile_context_create_8                                         \
	(*Sfn_pcre2->pcre2_compile_context_create_8_fn)
#define pcre2_compile_context_free_8                                           \
	(*Sfn_pcre2->pcre2_compile_context_free_8_fn)
#define pcre2_get_ovector_pointer_8 (*Sfn_pcre2->pcre2_get_ovector_pointer_8_fn)
#define pcre2_match_8               (*Sfn_pcre2->pcre2_match_8_fn)
#define pcre2_match_context_create_8                                           \
	(*Sfn_pcre2->pcre2_match_context_create_8_fn)
#define pcre2_match_context_free_8 (*Sfn_pcre2->pcre2_match_context_free_8_fn)
#define pcre2_match_data_create_from_pattern_8                                 \
	(*Sfn_pcre2->pcre2_match_data_create_from_pattern_8_fn)
#define pcre2_match_data_free_8 (*Sfn_pcre2->pcre2_match_data_free_8_fn)
#define pcre2_set_match_limit_8 (*Sfn_pcre2->pcre2_set_match_limit_8_fn)
#define pcre2_set_newline_8     (*Sfn_pcre2->pcre2_set_newline_8_fn)

#endif
