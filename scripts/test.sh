#!/usr/bin/env bash
# Configure (Release, warnings as errors), build with -j2 and run the whole test suite.
#   scripts/test.sh            the suite on a Release build in build/  (preset "release")
#   scripts/test.sh --asan     the same suite on an ASan+UBSan build in build-asan/  (preset "asan")
# BUILD_DIR overrides the build directory. The settings are CMakePresets.json's, so
# `cmake --preset asan && cmake --build --preset asan && ctest --preset asan` is the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=release
build=${BUILD_DIR:-build}
if [[ ${1:-} == --asan ]]; then
    preset=asan
    build=${BUILD_DIR:-build-asan}
    # -O1 keeps sanitized runs quick enough for CI; every report is fatal (halt_on_error).
    # Warnings are the Release build's job: GCC's flow analysis under the sanitizers reports
    # false maybe-uninitialized warnings inside libstdc++ (std::regex).
    # The same options as the asan test preset.
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
fi
cmake --preset "$preset" -B "$build"
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -j2 --timeout 300
