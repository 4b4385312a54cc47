#!/bin/sh
# Run every fuzz target for a fixed time: fuzz/run.sh [SECONDS] (default 60).
# Builds the targets with libFuzzer's coverage instrumentation on the stable
# toolchain (no cargo-fuzz needed), then runs each with -max_total_time.
# A crash stops with its input saved under fuzz/artifacts/<target>/.
# Long local runs: fuzz/run.sh 3600.
set -eu
secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# With an explicit --target, RUSTFLAGS reach the targets only, not the
# build scripts (which cannot link the coverage hooks), as with cargo-fuzz.
triple=$(rustc -vV | sed -n 's/^host: //p')
cargo build --release --features letters --bins --quiet --target "$triple"
for t in records config names letters; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "fuzz $t: ${secs} s"
  "target/$triple/release/$t" -max_total_time="$secs" -rss_limit_mb=4096 -max_len=8192 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 "corpus/$t" 2>"artifacts/$t.log" || {
      tail -40 "artifacts/$t.log" >&2
      echo "fuzz $t: FAILED (input in fuzz/artifacts/$t/)" >&2
      exit 1
    }
  grep -E '^stat::number_of_executed_units|^Done' "artifacts/$t.log" | tr '\n' ' '
  echo
done
