# pave — the two commands a newcomer needs:
#   make demo   build pave, start moto on loopback, apply examples/platform.yaml, show it
#   make test   build with sanitizers and run every test (ASan+UBSan; engine also under TSan)
# and:
#   make build  release build at build/release/src/cli/pave
#   make install  that binary to $(PREFIX)/bin (PREFIX=/usr/local by default)
#   make bench  benchmarks (results in docs/performance.md)
#   make fuzz   the libFuzzer targets for FUZZ_SECONDS each (CI runs them 30 s each)

JOBS ?= $(shell nproc)
PREFIX ?= /usr/local
WERROR ?= ON
# Test builds link the project's libraries as shared objects: each test binary then holds only
# its own code, not a copy of every library it uses (disk and link time in CI).
CMAKE_COMMON = -G Ninja -DPAVE_WERROR=$(WERROR) -DBUILD_SHARED_LIBS=ON

.PHONY: all deps build install demo demo-stop test test-asan test-tsan fuzz bench format clean

all: build

deps:
	@scripts/install-deps.sh

# Optimized builds print warnings but do not stop on them: GCC 12 has -O2/-O3-only false
# positives, and a newcomer's `make demo` must not fail on one. CI (`make test`) uses -Werror.
build: deps
	@cmake -S . -B build/release -G Ninja -DPAVE_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAVE_BUILD_TESTS=OFF >/dev/null
	@cmake --build build/release -j $(JOBS)

# Run `make build` first (as yourself); `sudo make install` then only copies the binary.
install:
	@test -x build/release/src/cli/pave || { echo "make install: run make build first" >&2; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 build/release/src/cli/pave $(DESTDIR)$(PREFIX)/bin/pave

demo: build
	@scripts/demo.sh build/release/src/cli/pave

demo-stop:
	@for f in build/demo/moto.pid build/demo/eks.pid; do \
	  if [ -f $$f ]; then kill $$(cat $$f) 2>/dev/null || true; rm -f $$f; fi; done

test: test-asan test-tsan

test-asan: deps
	@cmake -S . -B build/asan $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DPAVE_SANITIZE="address;undefined" >/dev/null
	@cmake --build build/asan -j $(JOBS)
	@date -u +"== built build/asan at %H:%M:%S"
	cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 600

# The parallel engine (and what it shares state with) under ThreadSanitizer.
test-tsan: deps
	@cmake -S . -B build/tsan $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DPAVE_SANITIZE=thread >/dev/null
	@cmake --build build/tsan -j $(JOBS) --target pave_tsan_tests
	@date -u +"== built build/tsan at %H:%M:%S"
	cd build/tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --output-on-failure -j $(JOBS) -L tsan --timeout 600

# libFuzzer (clang) on the platform-file loader and the response parsers, FUZZ_SECONDS each.
FUZZ_SECONDS ?= 20
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

bench: deps
	@cmake -S . -B build/bench -G Ninja -DPAVE_WERROR=OFF -DCMAKE_BUILD_TYPE=Release -DPAVE_BUILD_TESTS=OFF -DPAVE_BUILD_BENCH=ON >/dev/null
	@cmake --build build/bench -j $(JOBS)
	@scripts/bench.sh build/bench

format:
	@find src bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build
