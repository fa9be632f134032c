# Thin wrapper around CMake: `make` builds build/dyad, libdyad and the tests,
# `make check` runs every test, `make asan` builds and runs them under
# AddressSanitizer + UndefinedBehaviorSanitizer, `make fuzz` runs the fuzzers
# briefly, `make bench` prints speed figures.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE ?= cmake

.PHONY: all check asan fuzz bench clean

all:
	@$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS) >/dev/null
	@$(CMAKE) --build $(BUILD) -j $(JOBS)

check: all
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan:
	@$(CMAKE) -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON $(CMAKE_ARGS) >/dev/null
	@$(CMAKE) --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --output-on-failure -j $(JOBS)

fuzz:
	@$(CMAKE) -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DDYAD_FUZZ=ON >/dev/null
	@$(CMAKE) --build build-fuzz -j $(JOBS)
	./fuzz/run build-fuzz $(FUZZ_SECONDS)

bench: all
	./bench/run

clean:
	rm -rf $(BUILD) build-asan build-fuzz
