# The portal: build, run, test. See README.md.
#
#   make            build cgi/portal
#   make run        set up everything and serve http://127.0.0.1:$(PORT) until Ctrl-C
#   make test       set up a separate stack, run every test, tear it down
#   make test-faults  fault injection on a stack of its own (3-4 minutes)
#   make unit       unit tests only (also: make unit-san, under ASan + UBSan)
#   make fuzz       each fuzz target for FUZZ_SECONDS (default 600)
#   make bench      benchmarks against the machine's own ceilings

CC	?= cc
CLANG	?= clang
PKG_CONFIG ?= pkg-config

V	?= 0
Q	:= $(if $(filter 1,$(V)),,@)

PORT	?= 8080
TEST_PORT ?= 8091
FAULT_PORT ?= 8093
FUZZ_SECONDS ?= 600

XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
PQ_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)

WARN	 = -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wpointer-arith \
	   -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wimplicit-fallthrough
HARDEN	 = -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection \
	   -fPIE
CPPFLAGS = -iquote cgi -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(XML_CFLAGS) $(PQ_CFLAGS)
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=c17 $(WARN) $(CPPFLAGS) $(CFLAGS)
LDFLAGS	?=
HARDEN_LD = -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack
LIBS	 = -lfcgi -lpq -lsodium -lxml2 -lcurl

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=undefined
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined

# Every .c under cgi/ is part of the program; main.c alone is not part of
# the library that tests and fuzzers link against.
SRC	:= $(sort $(shell find cgi -name '*.c'))
LIB_SRC	:= $(filter-out cgi/main.c,$(SRC))
HDR	:= $(shell find cgi -name '*.h')

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

OBJ	 := $(SRC:%.c=build/rel/%.o)
LIB_OBJ	 := $(LIB_SRC:%.c=build/rel/%.o)
SAN_OBJ	 := $(LIB_SRC:%.c=build/san/%.o)
FUZZ_OBJ := $(LIB_SRC:%.c=build/fuzz/%.o)

UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/rel/unit/%)
UNIT_SAN_BIN := $(UNIT_SRC:tests/unit/%.c=build/san/unit/%)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/bin/%)

.SECONDARY:

.PHONY: all run test test-faults test-attack unit unit-san unit-bins unit-san-bins fuzz fuzz-smoke i18n-check \
	fuzz-bins bench bench-tlog bench-tpl deps clean check-templates i18n

LANGS	 = ar en es fr ru zh
MO	:= $(LANGS:%=build/mo/%.mo)

all: cgi/portal $(MO)

# Compiled translations, loaded by portal serve (make i18n re-extracts).
build/mo/%.mo: templates/po/%.po
	@mkdir -p $(@D)
	@echo '  MSGFMT  $<'
	$(Q)msgfmt --check -o $@ $<

i18n:
	@scripts/i18n.sh

i18n-check:
	@scripts/i18n.sh check

cgi/portal: $(OBJ)
	@echo '  LD      $@'
	$(Q)$(CC) $(HARDEN_LD) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

build/rel/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	@echo '  CC      $<'
	$(Q)$(CC) $(ALL_CFLAGS) $(HARDEN) -c -o $@ $<

build/san/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	@echo '  CC-SAN  $<'
	$(Q)$(CC) -std=c17 $(WARN) $(CPPFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/fuzz/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	@echo '  CC-FUZZ $<'
	$(Q)$(CLANG) -std=c17 $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -c -o $@ $<

# Unit tests: one Check program per tests/unit/test_*.c.
build/rel/unit/%: tests/unit/%.c $(LIB_OBJ) tests/unit/check_main.h
	@mkdir -p $(@D)
	@echo '  TEST    $@'
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB_OBJ) $(LIBS) $(CHECK_LIBS)

build/san/unit/%: tests/unit/%.c $(SAN_OBJ) tests/unit/check_main.h
	@mkdir -p $(@D)
	@echo '  TEST    $@'
	$(Q)$(CC) -std=c17 $(WARN) $(CPPFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< \
	    $(SAN_OBJ) $(LIBS) $(CHECK_LIBS)

build/fuzz/bin/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p $(@D)
	@echo '  FUZZ    $@'
	$(Q)$(CLANG) -std=c17 $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer \
	    -o $@ $< $(FUZZ_OBJ) $(LIBS)

unit-bins: $(UNIT_BIN)
unit-san-bins: $(UNIT_SAN_BIN)
fuzz-bins: $(FUZZ_BIN)

unit: unit-bins $(MO)
	@scripts/run-unit.sh build/rel/unit

unit-san: unit-san-bins $(MO)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    scripts/run-unit.sh build/san/unit

fuzz-smoke: fuzz-bins
	@scripts/run-fuzz.sh 10

fuzz: fuzz-bins
	@scripts/run-fuzz.sh $(FUZZ_SECONDS)

deps:
	@scripts/deps.sh

run: deps all
	@PORT=$(PORT) scripts/stack.sh run

test: deps all
	@TEST_PORT=$(TEST_PORT) scripts/test.sh

# Faults: PostgreSQL killed, terminated, paused; workers killed; clients
# vanishing; each followed by the invariant checker (README, Fault testing).
test-faults: deps all
	@FAULT_PORT=$(FAULT_PORT) scripts/faults.sh

# Attack: slow HTTP attacks, the XSS sweep in Chromium, the unit suite
# under valgrind, and sqlmap at --level 5 --risk 3 against every form and
# filter, on a stack of its own; slow (tens of minutes), so not in make test.
test-attack: deps all unit-bins
	@scripts/deps.sh attack
	@TEST_PORT=$(TEST_PORT) scripts/attack.sh

bench: deps all build/rel/bench/fcgi_min build/rel/bench/tlog_bench build/rel/bench/tpl_bench
	@scripts/bench.sh

# The ceiling of a FastCGI page: a minimal libfcgi program (make bench).
build/rel/bench/fcgi_min: tests/bench/fcgi_min.c
	@mkdir -p $(@D)
	@echo '  BENCH   $@'
	$(Q)$(CC) $(ALL_CFLAGS) $(HARDEN) $(HARDEN_LD) -o $@ $< -lfcgi

# Templates: the engine against libxml2's serializers on the same page,
# in one run (the engine should be at least 2x faster).
bench-tpl: build/rel/bench/tpl_bench
	@build/rel/bench/tpl_bench

# The scale runs of make bench alone: pages at 1,000 and 100,000 letters.
bench-scale: all
	@tests/bench/scale.sh

build/rel/bench/tpl_bench: tests/bench/tpl_bench.c $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo '  BENCH   $@'
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

# The transparency log: inclusion proofs at 1k and 1M entries (ratio < 2).
bench-tlog: deps all build/rel/bench/tlog_bench
	@tests/bench/tlog_bench.sh

build/rel/bench/tlog_bench: tests/bench/tlog_bench.c $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo '  BENCH   $@'
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

clean:
	rm -rf build cgi/portal
