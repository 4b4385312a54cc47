#!/usr/bin/env python3
"""Reference time for the annual report PDF: PyPI's `typst` 0.15 (the same compiler
iro embeds) compiling the same template and data, exported as PDF/UA-1.

The quality bar (shared/spec/quality.md): iro's compile of the annual report must be
within 1.2x of this time. The script prints one line on stdout,

    python_typst_ms=<median milliseconds>

and details (mode, version, size, min/max) on stderr.

Use:

    pip install 'typst>=0.15,<0.16'
    # a prepared root folder: report.typ, summary.typ, common.typ, data.json, charts/*.svg
    python3 benches/typst_ref/compile.py ROOT [-n 10] [--mode cold|warm] [--main report.typ] [--out report.pdf]
    # or assemble that root from the repository (themes/default/report + tests/data/report)
    python3 benches/typst_ref/compile.py --repo [-n 10]

What one sample is, so that the Rust side measures the same thing:

- Fonts: the theme's (themes/default/fonts) plus Typst's embedded fonts, no system
  fonts, like `PdfEngine`. Virtual paths as iro's: /report.typ, /common.typ,
  /data.json, /charts/<id>.svg. Fixed PDF timestamp. Time = compile + PDF/UA-1 export.
- `--mode cold` (default; what one `iro build` does): every sample runs in a fresh
  Python process, so Typst's memo cache is empty. The compiler and fonts are set up and
  a tiny unrelated document is compiled first (untimed: it loads the fonts and the
  standard library, which `PdfEngine::new` does up front), then one compile of the
  report is timed. Rust equivalent: build the engine once and compile a tiny document;
  then for each sample call `comemo::evict(0)` and time one `compile_named("report.typ", ..)`.
- `--mode warm`: one process, one untimed compile of the report, then N timed compiles
  of the unchanged files (Typst's memo cache answers most of the work). Rust equivalent:
  N calls of `compile_named` on one engine without evicting in between beyond what
  `PdfEngine` itself does (`comemo::evict(3)`; typst-py does `evict(10)`).

The median of the samples is printed.
"""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEMPLATES = os.path.join(REPO, "themes", "default", "report")
MOCK = os.path.join(REPO, "tests", "data", "report")
FONTS = os.path.join(REPO, "themes", "default", "fonts")
TIMESTAMP = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
TINY = (
    b'#set document(title: "warm-up")\n'
    b'#set text(font: "Atkinson Hyperlegible", lang: "en", region: "gb")\n'
    b"= Warm-up\nA *b* _c_ *_d_* 1%.\n"
)


def assemble(dest):
    """A root folder laid out as iro's virtual files: templates, data.json, charts/."""
    for name in os.listdir(TEMPLATES):
        if name.endswith(".typ"):
            shutil.copy(os.path.join(TEMPLATES, name), dest)
    shutil.copy(os.path.join(MOCK, "data.json"), dest)
    shutil.copytree(os.path.join(MOCK, "charts"), os.path.join(dest, "charts"))
    return dest


def compiler_for(root, main_file, fonts_dir):
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[fonts_dir])
    return typst.Compiler(input=main_file, root=root, font_paths=fonts, ignore_system_fonts=True)


def compile_once(compiler, main_file):
    return compiler.compile(input=main_file, format="pdf", pdf_standards=["ua-1"], timestamp=TIMESTAMP)


def child(root, main, fonts_dir, out):
    """One cold sample in this (fresh) process: prints the milliseconds."""
    import typst

    main_file = os.path.join(root, main)
    compiler = compiler_for(root, main_file, fonts_dir)
    compiler.compile(input=TINY, format="pdf", pdf_standards=["ua-1"], timestamp=TIMESTAMP)
    try:
        t0 = time.perf_counter()
        pdf = compile_once(compiler, main_file)
        ms = (time.perf_counter() - t0) * 1000.0
    except typst.TypstError as e:
        sys.exit(f"compile.py: {main} does not compile: {e.message}\n{e.diagnostic}")
    if out:
        with open(out, "wb") as f:
            f.write(pdf)
    print(f"{ms:.3f} {len(pdf)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", help="folder with the templates, data.json and charts/")
    ap.add_argument("--repo", action="store_true", help="assemble the root from the repository's template and mock data")
    ap.add_argument("-n", type=int, default=10, help="samples (default 10)")
    ap.add_argument("--mode", choices=["cold", "warm"], default="cold", help="see above (default cold)")
    ap.add_argument("--main", default="report.typ", help="main template in the root (default report.typ)")
    ap.add_argument("--fonts", default=FONTS, help="font folder (default themes/default/fonts)")
    ap.add_argument("--out", help="also write the PDF here")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        child(args.root, args.main, args.fonts, args.out)
        return
    if bool(args.root) == bool(args.repo):
        ap.error("give a ROOT folder or --repo (not both)")
    if args.n < 1:
        ap.error("-n must be at least 1")

    import typst

    tmp = None
    if args.repo:
        tmp = tempfile.mkdtemp(prefix="iro-typst-ref-")
        root = assemble(tmp)
    else:
        root = os.path.abspath(args.root)
    try:
        main_file = os.path.join(root, args.main)
        if not os.path.isfile(main_file):
            sys.exit(f"compile.py: no {args.main} in {root}")
        times = []
        size = 0
        if args.mode == "cold":
            for i in range(args.n):
                cmd = [sys.executable, os.path.abspath(__file__), "--child", root,
                       "--main", args.main, "--fonts", args.fonts]
                if args.out and i == 0:
                    cmd += ["--out", args.out]
                r = subprocess.run(cmd, capture_output=True, text=True)
                if r.returncode != 0:
                    sys.exit(r.stderr.strip() or f"compile.py: sample failed ({r.returncode})")
                ms, size = r.stdout.split()
                times.append(float(ms))
                size = int(size)
        else:
            compiler = compiler_for(root, main_file, args.fonts)
            try:
                pdf = compile_once(compiler, main_file)  # untimed; proves it compiles under PDF/UA-1
            except typst.TypstError as e:
                sys.exit(f"compile.py: {args.main} does not compile: {e.message}\n{e.diagnostic}")
            size = len(pdf)
            if args.out:
                with open(args.out, "wb") as f:
                    f.write(pdf)
            for _ in range(args.n):
                t0 = time.perf_counter()
                compile_once(compiler, main_file)
                times.append((time.perf_counter() - t0) * 1000.0)
        median = statistics.median(times)
        print(
            f"typst {getattr(typst, '__version__', '?')}, {args.main}, {args.mode}, {size} bytes, "
            f"n={args.n}, min {min(times):.1f} ms, max {max(times):.1f} ms",
            file=sys.stderr,
        )
        print(f"python_typst_ms={median:.1f}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
