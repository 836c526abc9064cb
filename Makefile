# imap: the two commands a newcomer runs are `make demo` and `make test`.
# Both install what they need (Debian packages via apt-get, crates via cargo).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
PREFIX ?= /usr/local
CBINDGEN_VERSION := 0.29.2
CBINDGEN := target/tools/bin/cbindgen

.PHONY: all build lib demo test test-rust test-c test-python test-e2e test-large check-header header bench bench-instructions install clean deps

all: build

deps:
	@scripts/ensure-rust

build lib: deps
	$(CARGO) build --release

## demo: a throwaway Dovecot on 127.0.0.1; wait_mail in C and Python while a
## message arrives, then fetch_summary; the server is stopped afterwards.
demo: lib
	scripts/demo

## test: every test suite of the project.
test: test-rust check-header test-c test-python test-e2e

test-rust: deps
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --lib --quiet

## header: regenerate include/imap.h with the pinned cbindgen.
header: $(CBINDGEN)
	$(CBINDGEN) --quiet --config cbindgen.toml --crate imap --output include/imap.h

## check-header: fail if the committed include/imap.h is not what cbindgen generates.
check-header: $(CBINDGEN)
	$(CBINDGEN) --quiet --config cbindgen.toml --crate imap --output target/imap.h.generated
	@diff -u include/imap.h target/imap.h.generated || { echo "include/imap.h is stale: run make header" >&2; exit 1; }

$(CBINDGEN): | deps
	$(CARGO) install cbindgen --version $(CBINDGEN_VERSION) --locked --root target/tools

## test-c: C tests (vectors through the C API, sanitizers, valgrind, layout).
test-c: lib
	tests/c/run
	tests/install/run

## test-python: the Python binding's tests, in a fresh venv.
test-python: lib
	bindings/python/run-tests

## test-e2e: end-to-end tests against Dovecot and Cyrus on 127.0.0.1: the
## Rust suite (tests/e2e.rs), then the C examples against both servers, then a
## 256 MiB BODY[] streamed to a file through Rust, C and Python in bounded memory.
test-e2e: lib
	scripts/e2e
	EXAMPLES_SERVERS="dovecot cyrus" examples/c/test
	tests/large/run

## test-large: the same with a 1 GiB BODY[] (about a minute and a half).
test-large: lib
	tests/large/run $$((1 << 30))

## bench: decoder throughput, ours and the peer crates' side by side
## (make bench BENCH_ARGS=--quick for a short run), then the bindings' overhead
## on the same inputs: C ABI vs Rust, Python vs IMAPClient (scripts/bench-bindings).
bench: deps
	$(CARGO) run --release -p imap-bench-compare -- $(BENCH_ARGS)
	scripts/bench-bindings

## bench-instructions: instructions per response of each decoder, counted by callgrind.
bench-instructions: deps
	scripts/bench-instructions

## install: libimap.so (versioned soname), libimap.a, imap.h and imap.pc under PREFIX.
install: lib
	scripts/install "$(PREFIX)"

clean:
	$(CARGO) clean
