# The libFuzzer targets, for GNU make; 'make fuzz' runs this file with the
# variables below set from the configured build. The library sources are
# compiled once with the fuzzer's instrumentation (objects under
# tests/fuzz/obj/, header dependencies tracked) and archived; each target
# is its own tests/fuzz/fuzz_NAME.c linked with those archives, so a new
# target needs only its name in FUZZ_TARGETS.
#
#   srcdir          the source tree
#   FUZZ_CC         clang
#   FUZZ_FLAGS      the instrumentation (-fsanitize=fuzzer,...)
#   FUZZ_CPPFLAGS   include paths and definitions
#   FUZZ_LIBS       the libraries libsfn links with
#   LIB_SOURCES     libsfn.a's C files, relative to srcdir
#   SERVE_SOURCES   libsfn_serve.a's C files, relative to srcdir
#   TARGETS         tests/fuzz/fuzz_NAME ...

obj := tests/fuzz/obj
lib_objs := $(patsubst %.c,$(obj)/%.o,$(LIB_SOURCES))
serve_objs := $(patsubst %.c,$(obj)/%.o,$(SERVE_SOURCES))
archives := tests/fuzz/libsfn_serve-fuzz.a tests/fuzz/libsfn-fuzz.a

all: $(TARGETS)

$(obj)/%.o: $(srcdir)/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -std=c11 -MMD -MP -c -o $@ $<

tests/fuzz/libsfn-fuzz.a: $(lib_objs)
	rm -f $@ && ar cr $@ $^
tests/fuzz/libsfn_serve-fuzz.a: $(serve_objs)
	rm -f $@ && ar cr $@ $^

tests/fuzz/fuzz_%: $(srcdir)/tests/fuzz/fuzz_%.c $(archives)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -std=c11 -o $@ $< \
	  $(archives) $(FUZZ_LIBS)

-include $(lib_objs:.o=.d) $(serve_objs:.o=.d)
.PHONY: all
