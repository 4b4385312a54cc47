#!/usr/bin/env python3
"""Validate an SSDA903 CSV extract with the DfE's own validator.

Usage: validate.py --year 2025-26 [--la E09000027] [--prev PREVDIR] DIR

DIR holds the return's tables as CSV (header.csv, episodes.csv, reviews.csv;
every *.csv in DIR is loaded). PREVDIR, if given, holds the previous year's
tables, which lets the rules that compare with last year run.

Needs the PyPI package csc-validator-be-903 (module lac_validator) and pytest,
which it imports without declaring. Prints a summary, the rules that were
skipped or failed to run, then one line per flagged row (rule, table,
file:line, CHILD id, the rule's message). No child data other than CHILD ids
is printed.

Exit 0: no rule that ran flagged a row. Exit 1: some row was flagged.
Exit 2: bad arguments or files the validator cannot read.
Rules that failed to run (crashed inside the validator) are listed but do not
by themselves make the exit code 1. Each rule runs on its own copy of the
tables, in code order, so results do not depend on rule order.
"""
import argparse
import contextlib
import csv
import dataclasses
import importlib
import io
import logging
import re
import sys
import warnings
from pathlib import Path

logging.disable(logging.CRITICAL)  # the validator logs every step at INFO
warnings.filterwarnings("ignore")  # pandas FutureWarnings etc. from the rules


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", required=True, help="collection year, e.g. 2025-26")
    ap.add_argument("--la", default="E09000027", help="local authority code")
    ap.add_argument("--prev", type=Path, help="directory of last year's CSVs")
    ap.add_argument("dir", type=Path)
    args = ap.parse_args()

    m = re.fullmatch(r"(\d{4})-(\d{2})", args.year)
    if not m or (int(m[1]) + 1) % 100 != int(m[2]):
        ap.error(f"--year must look like 2025-26, got {args.year!r}")
    start = int(m[1])
    end = start + 1
    ruleset = f"lac{start}_{m[2]}"

    try:
        from lac_validator.config import column_names
        from lac_validator.lac_validator import LacValidator
        from lac_validator.utils import process_uploaded_files
    except ImportError as e:
        print(f"cannot import the validator (pip install csc-validator-be-903==0.1.17 pytest): {e}",
              file=sys.stderr)
        return 2

    try:
        registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    except ModuleNotFoundError:
        ap.error(f"the validator has no rules for {args.year} (no {ruleset})")

    def tables_in(d):
        """{table name: path} for every CSV in d, by its column set."""
        found = {}
        for p in sorted(d.glob("*.csv")):
            with open(p, newline="", encoding="utf-8-sig") as f:
                cols = set(next(csv.reader(f), []))
            name = next((t for t, c in column_names.items() if set(c) == cols), None)
            if name is None:
                raise ValueError(f"{p}: its columns match no SSDA903 table")
            found[name] = p
        if not found:
            raise ValueError(f"{d}: no CSV files")
        return found

    try:
        this = tables_in(args.dir)
        last = tables_in(args.prev) if args.prev else {}
    except (OSError, ValueError) as e:
        print(e, file=sys.stderr)
        return 2
    files = {"This year": [str(p) for p in this.values()]}
    if last:
        files["Prev year"] = [str(p) for p in last.values()]
    paths = {**this, **{t + "_last": p for t, p in last.items()}}  # for the report

    # Wrap each rule: it gets its own deep copy of the tables, and a crash's
    # exception is kept for the report. The validator hands rules shallow
    # copies, and rule 365 fills blank DECs in place, so without this the
    # rules after it (359, 625, ...) see open episodes as ended on 31 March,
    # and which rules those are depends on the directory order its rule
    # files were listed in.
    crashes = {}

    def isolated(code, func):
        def run(dfs):
            own = {k: v if k == "metadata" else v.copy(deep=True) for k, v in dfs.items()}
            try:
                return func(own)
            except Exception as e:
                first = (str(e).strip().splitlines() or [""])[0]
                crashes[code] = f"{type(e).__name__}: {first}"
                raise
        return run

    wrapped = {c: dataclasses.replace(registry[c], func=isolated(c, registry[c].func))
               for c in sorted(registry, key=_code_key)}

    # Some rules print their intermediate data: keep it off stdout.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            v = LacValidator(
                metadata={"collectionYear": str(end), "localAuthority": args.la},
                files=process_uploaded_files(files),
                registry=wrapped,
            )
        except Exception as e:  # UploadError and friends
            print(f"validator could not read the files: {e}", file=sys.stderr)
            return 2

    print(f"SSDA903 {args.year} ({ruleset}), collectionYear {end}, LA {args.la}: "
          + ", ".join(f"{t} {paths[t]}" for t in sorted(paths)))
    print(f"rules: {len(v.dones)} run, {len(v.skips)} skipped (missing tables), "
          f"{len(v.fails)} failed to run")
    if v.skips:
        print("skipped: " + " ".join(sorted(v.skips, key=_code_key)))
    if v.fails:
        print(f"FAILED TO RUN ({len(v.fails)}) - not checked, not passed; "
              "they do not by themselves make the exit code 1:")
        for c in sorted(v.fails, key=_code_key):
            print(f"  {c}: {crashes.get(c, '?')}")

    errors, contradicted = [], []
    for table, df in v.ds_results.items():
        if table == "metadata":
            continue
        for col in [c for c in df.columns if str(c).startswith("ERR_")]:
            code = col[4:]
            for idx in df.index[df[col] == True]:
                child = df.at[idx, "CHILD"] if "CHILD" in df.columns else None
                line = int(idx) + 2  # data row 0 is line 2 of the file
                row = (_code_key(code), code, table, line, child)
                why = _contradiction(start, code, df, idx)
                (contradicted if why else errors).append(row + (why,))
    errors.sort()
    contradicted.sort()

    for _, code, table, line, child, _ in errors:
        msg = " ".join((registry[code].message or "").split())
        print(f"ERROR {code}  {table}  {paths.get(table, table)}:{line}  CHILD {child}  {msg}")
    if contradicted:
        print(f"CONTRADICTED ({len(contradicted)}) - rows a rule flags that another rule of the "
              "same validator requires; listed, not counted as errors:")
        for _, code, table, line, child, why in contradicted:
            print(f"  {code}  {table}  {paths.get(table, table)}:{line}  CHILD {child}  {why}")
    rules_hit = len({e[1] for e in errors})
    print(f"errors: {len(errors)} rows flagged by {rules_hit} rules"
          + (f"; {len(contradicted)} contradicted rows" if contradicted else ""))
    return 1 if errors else 0


def _contradiction(start, code, df, idx):
    """Why a flagged row is one the validator itself requires, or None.

    In 0.1.17, rule 218 of lac2025_26 (and after) asks for a URN on every
    episode in most placement types, short breaks (LS V3/V4) included, while
    rule 214 (every year) requires short-break episodes to have no URN and no
    placement postcode. No row can pass both: a V3/V4 episode without a URN
    is what the return must hold."""
    if code == "218" and start >= 2025 and "LS" in df.columns:
        if str(df.at[idx, "LS"]).upper() in ("V3", "V4"):
            return "rule 214 requires a short-break (V3/V4) episode to have no URN"
    return None


def _code_key(code):
    """Sort rule codes numerically where they start with digits."""
    m = re.match(r"(\d+)(.*)", code)
    return (0, int(m[1]), m[2]) if m else (1, 0, code)


if __name__ == "__main__":
    sys.exit(main())
