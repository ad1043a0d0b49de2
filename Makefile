# hatopo: design highly available connectivity between data centers and AWS.
#
#   make            build ./hatopo
#   make run        build and open the TUI on samples/multi-dc.cfg
#   make test       build and run every test
#   make check-fast the unit tests alone (seconds)
#   make bench      performance figures (BENCH lines)
#   make asan       the unit tests under AddressSanitizer + UBSan
#   make valgrind   the unit tests under valgrind
#   make fuzz       the libFuzzer harnesses, FUZZ_TIME seconds each (60)
#   make fuzz-smoke the same for 10 seconds each (part of make test)
#   make install    PREFIX=/usr/local DESTDIR=
#
# Missing Debian packages are installed by tools/deps.sh (as root or through
# sudo), so the two README commands work on a bare Debian 12.

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
SAN ?=

CC ?= cc
WARN := -Wall -Wextra -Werror -Wformat=2 -Wmissing-prototypes \
	-Wstrict-prototypes -Wmissing-declarations -Wwrite-strings -Wshadow \
	-Wpointer-arith -Wundef -Wbad-function-cast -Wcast-align -Winit-self \
	-Wmissing-noreturn -Wvla -Wimplicit-fallthrough \
	$(if $(findstring clang,$(CC)),,-Wno-format-truncation)
# (Messages are cut to their buffers on purpose; gcc's guess at truncation
# also changes with the optimisation level, which would make -O1 builds
# fail where -O2 builds pass.  clang has no such warning.)
OPT ?= -O2 -g
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# SAN=fuzz: clang's libFuzzer instrumentation on top of the sanitizers,
# for the objects the harnesses link (see fuzz below).
FUZZ_SANITIZE := -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
# clang wants _Noreturn on model/xalloc.c's xalloc_die where gcc does not,
# and does not take tui/form.c's /* FALLTHROUGH */ comments (fuzz_fields).
FUZZ_WARN := -Wno-error=missing-noreturn -Wno-implicit-fallthrough
SANFLAGS := $(if $(filter fuzz,$(SAN)),$(FUZZ_SANITIZE) $(FUZZ_WARN),\
	$(if $(SAN),$(SANITIZE)))
CFLAGS_ALL = -std=c11 $(WARN) $(OPT) $(SANFLAGS) -D_GNU_SOURCE \
	-DHATOPO_VERSION='"$(VERSION)"' -I. $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

MODEL_SRC := $(wildcard model/*.c)
RENDER_SRC := $(wildcard render/*.c)
EXPORT_SRC := $(wildcard export/*.c)
TUI_SRC := $(filter-out tui/main.c,$(wildcard tui/*.c))
TEST_SRC := $(wildcard tests/test_*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
LIBMODEL := $(BUILD)/libmodel.a
LIBRENDER := $(BUILD)/librender.a
LIBEXPORT := $(BUILD)/libexport.a
LIBTUI := $(BUILD)/libtui.a
TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))

# Goals that need no compiler flags must not trigger package installs.
NODEPS_GOALS := clean help
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(BUILD)/config.mk
endif

.PHONY: all run test check-fast bench asan valgrind install clean help \
	test-deps fuzz fuzz-smoke fuzz-build
.DEFAULT_GOAL := all

all: hatopo

$(BUILD)/config.mk: tools/deps.sh
	@mkdir -p $(BUILD)
	@sh tools/deps.sh build
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags ncursesw libconfig jansson)"; \
	   echo "PKG_LIBS := $$(pkg-config --libs libconfig jansson) -lcidr -lm"; \
	   echo "CURSES_LIBS := $$(pkg-config --libs menuw formw panelw ncursesw)"; \
	   echo "CMOCKA_CFLAGS := $$(pkg-config --cflags cmocka)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; } > $@.tmp
	@mv $@.tmp $@

$(BUILD)/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CMOCKA_CFLAGS) -MMD -MP -c $< -o $@

$(LIBMODEL): $(call obj,$(MODEL_SRC))
$(LIBRENDER): $(call obj,$(RENDER_SRC))
$(LIBEXPORT): $(call obj,$(EXPORT_SRC))
$(LIBTUI): $(call obj,$(TUI_SRC))
$(BUILD)/lib%.a:
	@rm -f $@
	ar rcs $@ $^

LIBS := $(LIBTUI) $(LIBEXPORT) $(LIBRENDER) $(LIBMODEL)

$(BUILD)/hatopo: $(BUILD)/tui/main.o $(LIBS)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CURSES_LIBS) $(PKG_LIBS)

# Copy, then rename: a running ./hatopo is replaced, not written into.
hatopo: $(BUILD)/hatopo
	@if [ "$(BUILD)" = build ]; then cp $< $@.tmp && mv -f $@.tmp $@; fi

# Test programs link the synthetic design generator the benchmarks use
# and tests/support.c.
TEST_SUPPORT := $(BUILD)/tools/gen.o $(BUILD)/tests/support.o

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT) $(LIBS)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CMOCKA_LIBS) $(CURSES_LIBS) $(PKG_LIBS)

run: hatopo
	./hatopo samples/multi-dc.cfg

test-deps:
	@sh tools/deps.sh test

# The unit tests alone: what to run after every change.
check-fast: $(TESTS) $(BUILD)/hatopo
	@HATOPO=$(BUILD)/hatopo sh tests/run.sh $(TESTS)

test: test-deps $(TESTS) $(BUILD)/hatopo hatopo
	@rc=0; \
	HATOPO=$(BUILD)/hatopo sh tests/run.sh $(TESTS) tests/cli.sh tests/tui.sh tests/tui_recovery.sh tests/tui_secrets.sh \
	    tests/lab/run.sh || rc=1; \
	$(MAKE) --no-print-directory fuzz-smoke || rc=1; \
	exit $$rc

$(BUILD)/tools/bench: $(BUILD)/tools/bench.o $(BUILD)/tools/gen.o $(LIBMODEL)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

# The figures of SPEC section 11 on synthetic M and L designs.
bench: $(BUILD)/tools/bench
	@$(BUILD)/tools/bench

# The unit tests, then the command line and the designer run through the
# sanitized binary (an error or a leak makes hatopo exit non-zero).
asan: test-deps
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=1 OPT="-O1 -g" check-fast
	@HATOPO=build-asan/hatopo sh tests/run.sh tests/cli.sh tests/tui.sh \
	    tests/tui_recovery.sh tests/tui_secrets.sh

# The unit tests under valgrind, then the command line through
# tools/valgrind-hatopo (the designer is covered by make asan).
valgrind: $(TESTS) $(BUILD)/hatopo
	@HATOPO=$(BUILD)/hatopo VALGRIND=1 sh tests/run.sh $(TESTS)
	@HATOPO=tools/valgrind-hatopo sh tests/run.sh tests/cli.sh

# Fuzzing: the model compiled with clang, libFuzzer and the sanitizers in
# build-fuzz/, one binary per tests/fuzz/fuzz_*.c; tools/fuzz.sh seeds the
# corpora (build/fuzz-corpus-*) and runs each harness.
FUZZ_TIME ?= 60
FUZZ_BUILD := build-fuzz
FUZZERS := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,\
	$(wildcard tests/fuzz/fuzz_*.c))

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIBMODEL)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -MMD -MP -o $@ $< $(LIBMODEL) \
	    $(PKG_LIBS)

# The form fields: tui/form.c's validators, without a terminal.
FIELDS_OBJS = $(BUILD)/tui/form.o $(LIBRENDER) $(LIBMODEL)
$(BUILD)/fuzz_fields: tests/fuzz/fuzz_fields.c $(FIELDS_OBJS)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -MMD -MP -o $@ $< $(FIELDS_OBJS) \
	    $(CURSES_LIBS) $(PKG_LIBS)

fuzz-build: test-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang SAN=fuzz \
	    OPT="-O1 -g" $(FUZZERS)

fuzz: fuzz-build
	@sh tools/fuzz.sh $(FUZZ_BUILD) $(FUZZ_TIME)

fuzz-smoke: fuzz-build
	@sh tools/fuzz.sh $(FUZZ_BUILD) 10

install: hatopo
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 hatopo $(DESTDIR)$(PREFIX)/bin/hatopo
	install -m 644 docs/hatopo.1 $(DESTDIR)$(PREFIX)/share/man/man1/hatopo.1

clean:
	rm -rf build build-asan build-fuzz hatopo

help:
	@sed -n '3,14p' Makefile

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
