#!/usr/bin/env python3
"""Render the default site theme with mock contexts, for the accessibility test and
for eyeballing. Not part of the build: `iro build` renders the same templates with
minijinja from Rust. This only proves the templates.

Usage: python3 tests/a11y/render_mock.py [--engine jinja2|minijinja] [OUT_DIR]
       (default engine jinja2, default OUT_DIR /tmp/iro-site-mock)

--engine minijinja uses PyPI's `minijinja` (pip install minijinja==3.0.5): the
Python binding of the same Rust engine and version `iro build` uses, with strict
undefined behaviour and no Python compatibility methods, as in the Rust build.

Reads tests/data/site/context-*.json (each one page's full context, exactly as the
Rust side will produce it) and writes the site layout:
  index.html, children/index.html, report/index.html, report/<slug>/index.html,
  figures/index.html, scorecard/index.html, years/index.html,
  accessibility/index.html, assets/site.css, assets/fonts/*.ttf, assets/logo.svg

Both engines run with autoescape on for .html/.svg and strict undefined behaviour:
a field missing from a context is an error, never an empty string.

Short codes: the section contexts hold HTML with markers that stand where the Rust
side's short codes put rendered partials:
  <!--figure:ID-->        partials/figure.html with f = partials figures[ID], inline
  <!--figure-block:ID-->  the same with f.inline = false (alone in its paragraph)
  <!--chart:ID-->         partials/chart.html with c = the chart of that id
  <!--table:ID-->         partials/table.html with t = the table of that id
Charts and tables are looked up by id in context-figures.json.
"""
import glob
import json
import os
import re
import shutil
import sys


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
THEME = os.path.join(ROOT, "themes", "default", "site")
DATA = os.path.join(ROOT, "tests", "data", "site")
FONTS = os.path.join(ROOT, "themes", "default", "fonts")

PAGES = {  # context file -> (template, output path)
    "context-index.json": ("index.html", "index.html"),
    "context-children.json": ("children.html", "children/index.html"),
    "context-report.json": ("report.html", "report/index.html"),
    "context-figures.json": ("figures.html", "figures/index.html"),
    "context-scorecard.json": ("scorecard.html", "scorecard/index.html"),
    "context-years.json": ("years.html", "years/index.html"),
    "context-accessibility.json": ("accessibility.html", "accessibility/index.html"),
}


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as fh:
        return json.load(fh)


def make_renderer(engine):
    """Return render(template_name, context) -> str for the chosen engine."""
    if engine == "jinja2":
        try:
            import jinja2
        except ImportError:
            sys.exit("render_mock.py needs Jinja2: pip install jinja2")
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(THEME),
            autoescape=jinja2.select_autoescape(["html", "svg"]),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        return lambda name, ctx: env.get_template(name).render(**ctx)
    if engine == "minijinja":
        try:
            import minijinja
        except ImportError:
            sys.exit("--engine minijinja needs the binding: pip install minijinja==3.0.5")

        def loader(name):
            path = os.path.join(THEME, *name.split("/"))
            if ".." in name.split("/") or not os.path.isfile(path):
                return None
            with open(path, encoding="utf-8") as fh:
                return fh.read()

        env = minijinja.Environment(
            loader=loader,
            undefined_behavior="strict",
            pycompat=False,
            keep_trailing_newline=True,
        )
        return lambda name, ctx: env.render_template(name, **ctx)
    sys.exit(f"unknown engine {engine!r}: use jinja2 or minijinja")


def main():
    args = sys.argv[1:]
    engine = "jinja2"
    if len(args) >= 2 and args[0] == "--engine":
        engine, args = args[1], args[2:]
    out = args[0] if args else "/tmp/iro-site-mock"
    render = make_renderer(engine)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)

    def write(rel, text):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)

    figures = load("context-figures.json")["figures"]
    charts = {c["id"]: c for f in figures for c in f["charts"]}
    tables = {t["id"]: t for f in figures for t in f["tables"]}
    tables.update({c["table"]["id"]: c["table"] for c in charts.values()})
    fobjs = load("context-partials.json")["figures"]

    def shortcodes(html, site):
        def sub(m):
            kind, ident = m.group(1), m.group(2)
            if kind in ("figure", "figure-block"):
                f = dict(fobjs[ident], inline=(kind == "figure"))
                return render("partials/figure.html", {"site": site, "f": f})
            if kind == "chart":
                return render("partials/chart.html", {"site": site, "c": charts[ident]})
            return render("partials/table.html", {"site": site, "t": tables[ident]})
        return re.sub(r"<!--(figure|figure-block|chart|table):([A-Za-z0-9._-]+)-->", sub, html)

    count = 0
    for name, (template, rel) in PAGES.items():
        write(rel, render(template, load(name)))
        count += 1
    for path in sorted(glob.glob(os.path.join(DATA, "context-section-*.json"))):
        ctx = load(os.path.basename(path))
        ctx["section"]["html"] = shortcodes(ctx["section"]["html"], ctx["site"])
        write(os.path.join("report", ctx["section"]["slug"], "index.html"),
              render("section.html", ctx))
        count += 1

    os.makedirs(os.path.join(out, "assets", "fonts"), exist_ok=True)
    shutil.copy(os.path.join(THEME, "assets", "site.css"), os.path.join(out, "assets", "site.css"))
    for ttf in glob.glob(os.path.join(FONTS, "*.ttf")) + [os.path.join(FONTS, "OFL.txt")]:
        shutil.copy(ttf, os.path.join(out, "assets", "fonts"))
    shutil.copy(os.path.join(DATA, "logo.svg"), os.path.join(out, "assets", "logo.svg"))
    print(f"rendered {count} pages into {out} with {engine}")


if __name__ == "__main__":
    main()
