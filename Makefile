# imap: the two commands a newcomer runs are `make demo` and `make test`.
# Both install what they need (Debian packages via apt-get, crates via cargo).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: all build demo test test-rust bench deps clean

all: build

deps:
	@scripts/ensure-rust

build: deps
	$(CARGO) build --release

## demo: decode a captured Dovecot session with imap-trace (the real-server
## demo lands with the interop issue).
demo: build
	@echo "== imap-trace examples/traces/dovecot-session.imap"
	@./target/release/imap-trace examples/traces/dovecot-session.imap

## test: every test suite of the project.
test: test-rust

test-rust: deps
	$(CARGO) test --all-targets

## bench: decoder throughput, ours and the peer crates' side by side.
bench: deps
	$(CARGO) run --release -p imap-bench-compare

clean:
	$(CARGO) clean
