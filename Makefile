# Quipu: two commands on a fresh Debian machine with Swift.
#   make run    open Quipu on the shipped example sessions
#   make test   run every test (unit, screen, end-to-end in tmux, the HTML pages in a headless
#               browser and a strict HTML parser, and a short fuzz)
# Also: make soak (2,000 kill -9 rounds, every prefix of a 200-event journal),
#       make fuzz FUZZ_SECONDS=600 (the journal parser under libFuzzer)

SWIFT ?= swift
SESSIONS ?= Sessions
BIN = .build/debug/quipu

FUZZ_SECONDS ?= 300
FUZZ = .build-fuzz

.PHONY: run test build deps test-deps examples clean soak fuzz bench

run: deps build
	$(BIN) --dir $(SESSIONS)

# The fuzz smoke runs first so that swift test's summary is the last thing printed.
test: test-deps build
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=15
	@# The tests keep their device id and ballot keys out of the home folder.
	mkdir -p $(CURDIR)/.build/test-state
	QUIPU_STATE_DIR=$(CURDIR)/.build/test-state QUIPU_BIN=$(CURDIR)/$(BIN) $(SWIFT) test

soak: test-deps build
	QUIPU_BIN=$(CURDIR)/$(BIN) QUIPU_SOAK_ROUNDS=2000 $(SWIFT) test --filter "DurabilityTests|RecoveryTests"

# libFuzzer on the journal parser: no crash, no hang, and every event that parses re-encodes to
# itself. Crashing inputs are saved in $(FUZZ)/ as crash-*.
fuzz: deps
	@# SwiftPM does not always see files added or moved in the package Fuzz depends on by path:
	@# when the incremental build fails, build once more from nothing.
	cd Fuzz && { $(SWIFT) build -c release --scratch-path ../$(FUZZ) || \
		{ rm -rf ../$(FUZZ) && $(SWIFT) build -c release --scratch-path ../$(FUZZ); }; }
	mkdir -p $(FUZZ)/corpus && cp Fuzz/corpus/* $(FUZZ)/corpus/
	@echo "fuzzing the journal parser for $(FUZZ_SECONDS) s"
	@$(FUZZ)/release/QuipuFuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(FUZZ)/ \
		$(FUZZ)/corpus > $(FUZZ)/fuzz.log 2>&1 || { tail -40 $(FUZZ)/fuzz.log; exit 1; }
	@grep -E '^Done [0-9]+ runs' $(FUZZ)/fuzz.log

build:
	$(SWIFT) build

# The benchmark: release builds of quipu and of Benchmarks/, data generated from a seed, each
# figure printed beside a baseline measured in the same run (docs/PERFORMANCE.md).
bench: test-deps
	$(SWIFT) build -c release --product quipu --scratch-path .build-release
	cd Benchmarks && $(SWIFT) build -c release --scratch-path ../.build-bench
	.build-bench/release/quipu-bench $(CURDIR)/.build-release/release/quipu /tmp/quipu-bench

deps:
	@scripts/ensure-deps.sh

test-deps:
	@scripts/ensure-deps.sh --with-tmux --with-browser

# Regenerates the example sessions in Sessions/ by running Quipu itself.
examples: deps build
	scripts/make-examples.sh --quipu $(CURDIR)/$(BIN) --dir $(SESSIONS)

clean:
	rm -rf .build
