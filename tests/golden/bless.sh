#!/bin/sh
# Write the expected output of golden cases: tests/golden/bless.sh [CASE...]
# (every case when none is named). Each case is a folder tests/golden/<case>/:
#   about      one line: the sentence of docs/rules.md or docs/records.md it reproduces
#   args       the command and its arguments, one per line (`check` or `build`,
#              then e.g. `--as-of` and `2025-06-30`); `{out}` is a fresh empty folder
#   records/   the records repository
#   expected.txt   written here: `exit: N`, then standard output, then
#                  `--- stderr` and standard error when there is any
#   expected.json  for `check` cases: the same run with `--format json`
# The test tests/it/golden.rs runs every case the same way and compares; with
# IRO_BLESS=1 it rewrites the expected files itself (`IRO_BLESS=1 cargo test
# --release golden`). Review the diff of expected files before committing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
iro=${IRO:-$here/../../target/release/iro}
[ $# -gt 0 ] || set -- $(ls "$here" | grep -v '\.sh$')
for case in "$@"; do
  dir=$here/$case
  [ -f "$dir/args" ] || { echo "$case: no args file" >&2; exit 2; }
  out=$(mktemp -d)
  run() {
    # $1: extra argument (empty or --format json)
    set --
    while IFS= read -r a || [ -n "$a" ]; do
      [ -n "$a" ] || continue
      set -- "$@" "$(printf '%s' "$a" | sed "s|{out}|$out/o|g")"
    done < "$dir/args"
    cd "$dir"
    code=0
    NO_COLOR=1 "$iro" "$@" --root records $extra >"$out/stdout" 2>"$out/stderr" || code=$?
    printf 'exit: %s\n' "$code"
    sed -E "s|$out/o|{out}|g; s/in [0-9]+\.[0-9]+ s/in {time}/g" "$out/stdout"
    if [ -s "$out/stderr" ]; then
      printf -- '--- stderr\n'
      sed -E "s|$out/o|{out}|g; s/in [0-9]+\.[0-9]+ s/in {time}/g" "$out/stderr"
    fi
  }
  extra=""
  run > "$dir/expected.txt"
  if [ "$(head -1 "$dir/args")" = "check" ]; then
    extra="--format json"
    run > "$dir/expected.json"
  fi
  rm -rf "$out"
  echo "$case: $(head -1 "$dir/expected.txt")"
done
