# Quipu: two commands on a fresh Debian machine with Swift.
#   make run    open Quipu on the shipped example sessions
#   make test   run every test (unit, screen, and end-to-end in tmux)

SWIFT ?= swift
SESSIONS ?= Sessions
BIN = .build/debug/quipu

.PHONY: run test build deps test-deps examples clean

run: deps build
	$(BIN) --dir $(SESSIONS)

test: test-deps build
	QUIPU_BIN=$(CURDIR)/$(BIN) $(SWIFT) test

build:
	$(SWIFT) build

deps:
	@scripts/ensure-deps.sh

test-deps:
	@scripts/ensure-deps.sh --with-tmux

# Regenerates the example sessions in Sessions/ by running Quipu itself.
examples: deps build
	scripts/make-examples.sh $(CURDIR)/$(BIN) $(SESSIONS)

clean:
	rm -rf .build
