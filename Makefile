# imap: the two commands a newcomer runs are `make demo` and `make test`.
# Both install what they need (Debian packages via apt-get, crates via cargo).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
PREFIX ?= /usr/local
CBINDGEN_VERSION := 0.29.2
CBINDGEN := target/tools/bin/cbindgen

.PHONY: all build lib demo test test-rust test-c test-python test-ocaml test-e2e check-header check-layers header bench bench-instructions install clean deps bench-ocaml test-fuzz test-hostile fuzz test-large

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
test: test-rust check-header check-layers test-c test-python test-ocaml test-e2e test-fuzz test-hostile

test-rust: deps
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --lib --quiet

## test-fuzz: every fuzz target's body over its seeds and committed
## regression inputs, with the stable toolchain (seconds; no libFuzzer).
test-fuzz: deps
	$(CARGO) test -p imap-fuzz

## fuzz: every fuzz target under libFuzzer for FUZZ_SECONDS each (default 60),
## one after the other; installs nightly and cargo-fuzz when missing.
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz $(FUZZ_SECONDS)

## test-hostile: the hostile-server soak (tests/hostile/server.py): the Rust
## connection (tests/hostile.rs), the C example client and imap.Client.
test-hostile: lib
	$(CARGO) test --test hostile -- --ignored
	tests/hostile/run

## header: regenerate include/imap.h with the pinned cbindgen.
header: $(CBINDGEN)
	$(CBINDGEN) --quiet --config cbindgen.toml --crate imap --output include/imap.h

## check-header: fail if the committed include/imap.h is not what cbindgen generates.
check-header: $(CBINDGEN)
	$(CBINDGEN) --quiet --config cbindgen.toml --crate imap --output target/imap.h.generated
	@diff -u include/imap.h target/imap.h.generated || { echo "include/imap.h is stale: run make header" >&2; exit 1; }

$(CBINDGEN): | deps
	$(CARGO) install cbindgen --version $(CBINDGEN_VERSION) --locked --root target/tools

## check-layers: unsafe only in src/ffi; the layers below it never use it.
check-layers:
	scripts/check-layers

## test-c: C tests (vectors through the C API, sanitizers, valgrind, layout).
test-c: lib
	tests/c/run
	tests/install/run

## test-python: the Python binding's tests, in a fresh venv.
test-python: lib
	bindings/python/run-tests

## test-ocaml: the OCaml binding's tests (bug fixes, conversations, decode
## vectors, the compile test, the examples' build) and its session against
## Dovecot and Cyrus; installs the OCaml toolchain through apt-get.
test-ocaml: lib
	bindings/ocaml/run-tests

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
## (make bench BENCH_ARGS=--quick for a short run); the heap memory of
## 10,000 idle connections; the bindings' overhead on the same inputs (C ABI
## vs Rust, Python vs IMAPClient: scripts/bench-bindings); the OCaml binding's.
bench: lib
	$(CARGO) run --release -p imap-bench-compare -- $(BENCH_ARGS)
	$(CARGO) run --release -p imap-bench-compare --bin idle-memory
	scripts/bench-bindings
	bindings/ocaml/bench/run

## bench-ocaml: responses/s of the OCaml binding (Imap.run) on inputs (a) and (b).
bench-ocaml: lib
	bindings/ocaml/bench/run

## bench-instructions: instructions per response of each decoder, counted by callgrind.
bench-instructions: deps
	scripts/bench-instructions

## install: libimap.so (versioned soname), libimap.a, imap.h and imap.pc under PREFIX.
install: lib
	scripts/install "$(PREFIX)"

clean:
	$(CARGO) clean
