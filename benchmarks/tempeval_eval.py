#!/usr/bin/env python3
"""Score generator.temporal.annotate on TempEval-3 training data (TimeML 1.2).

For each .tml: the TEXT element is stripped of tags (character offsets of the
gold TIMEX3s kept exactly in the plain text), the DCT value is taken from
<DCT>, annotate() is run and scored with TempEval-3 conventions:
  strict   = exact span match,
  relaxed  = overlapping spans, one-to-one matching,
  type/value accuracy over relaxed matches (values compared as exact strings),
  value F1 = relaxed F1 x value accuracy.

usage: python benchmarks/tempeval_eval.py [--data DIR] [--corpus TimeBank|AQUAINT|all] [--errors N]
       [--kind miss|fp|value|span ...] [--ordered]
The data is read-only and never copied anywhere.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.temporal import annotate  # noqa: E402

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>|&(#?\w+);")
ATTR = re.compile(r'(\w+)="([^"]*)"')
TYPES = ("DATE", "TIME", "DURATION", "SET")


def parse_tml(path: Path):
    raw = path.read_text(encoding="utf-8")
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", raw, re.S)
    dct = dt.date.fromisoformat(m.group(1)[:10])
    body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
    out, gold, pos, n = [], [], 0, 0
    open_tx = None
    for t in TAG.finditer(body):
        chunk = body[pos:t.start()]
        out.append(chunk)
        n += len(chunk)
        pos = t.end()
        if t.group(4) is not None:                       # entity
            ch = html.unescape("&" + t.group(4) + ";")
            out.append(ch)
            n += len(ch)
            continue
        closing, name, attrs = t.group(1), t.group(2), t.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            a = dict(ATTR.findall(attrs))
            open_tx = (n, a.get("type"), a.get("value"))
            if attrs.rstrip().endswith("/"):
                open_tx = None
        elif open_tx is not None:
            gold.append((open_tx[0], n, open_tx[1], open_tx[2]))
            open_tx = None
    out.append(body[pos:])
    text = "".join(out)
    return text, dct, gold


def match(gold, sys_, relaxed=True):
    """One-to-one matching, gold in order; returns list of (gi, si)."""
    used, pairs = set(), []
    for gi, (gs, ge, *_r) in enumerate(gold):
        best = None
        for si, (ss, se, *_s) in enumerate(sys_):
            if si in used:
                continue
            ok = (ss < ge and gs < se) if relaxed else (ss == gs and se == ge)
            if ok:
                if best is None or (ss == gs and se == ge):
                    best = si
                    if ss == gs and se == ge:
                        break
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def score(docs, only_type=None):
    """Scores over all documents.  With ``only_type`` T, matching is still done
    over all expressions; recall counts gold T expressions matched, precision
    counts system T expressions matched, and type/value accuracy are over the
    relaxed matches of gold T expressions (so a DATE tagged as TIME shows up as
    a type error of the DATE row)."""
    ng = ns = strict_g = strict_s = rel_g = rel_s = typ_ok = val_ok = 0
    for text, dct, gold, sys_ in docs:
        is_g = [only_type is None or g[2] == only_type for g in gold]
        is_s = [only_type is None or x[2] == only_type for x in sys_]
        ng += sum(is_g)
        ns += sum(is_s)
        for gi, si in match(gold, sys_, relaxed=False):
            strict_g += is_g[gi]
            strict_s += is_s[si]
        for gi, si in match(gold, sys_, relaxed=True):
            rel_g += is_g[gi]
            rel_s += is_s[si]
            if is_g[gi]:
                typ_ok += gold[gi][2] == sys_[si][2]
                val_ok += gold[gi][3] == sys_[si][3]
    sp, sr = (strict_s / ns if ns else 0.0), (strict_g / ng if ng else 0.0)
    rp, rr = (rel_s / ns if ns else 0.0), (rel_g / ng if ng else 0.0)
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
    tacc = typ_ok / rel_g if rel_g else 0.0
    vacc = val_ok / rel_g if rel_g else 0.0
    return dict(gold=ng, sys=ns, sP=sp, sR=sr, sF=sf, rP=rp, rR=rr, rF=rf, tacc=tacc, vacc=vacc, vF=rf * vacc)


def run_corpus(files):
    docs = []
    t0 = time.perf_counter()
    nchars = 0
    for f in files:
        text, dct, gold = parse_tml(f)
        sys_ = [(t.start, t.end, t.type, t.value, t.text) for t in annotate(text, dct)]
        for t in sys_:
            assert text[t[0]:t[1]] == t[4]
        docs.append((text, dct, gold, sys_, ))
        nchars += len(text)
    return docs, time.perf_counter() - t0, nchars


def print_table(name, docs):
    print(f"\n== {name}: {len(docs)} docs")
    print(f"{'type':9} {'gold':>5} {'sys':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | {'relax P':>7} {'R':>6} "
          f"{'F1':>6} | {'type':>6} {'value':>6} {'valF1':>6}")
    for t in (None,) + TYPES:
        s = score([(a, b, c, d) for a, b, c, d in docs], t)
        print(f"{t or 'ALL':9} {s['gold']:5d} {s['sys']:5d} | {s['sP']:8.3f} {s['sR']:6.3f} {s['sF']:6.3f} | "
              f"{s['rP']:7.3f} {s['rR']:6.3f} {s['rF']:6.3f} | {s['tacc']:6.3f} {s['vacc']:6.3f} {s['vF']:6.3f}")


def ctx(text, s, e, w=45):
    return (text[max(0, s - w):s] + "[" + text[s:e] + "]" + text[e:e + w]).replace("\n", " ")


def print_errors(docs, n, seed=0, kinds=None, ordered=False):
    misses, fps, wrong, spans = [], [], [], []
    for text, dct, gold, sys_ in docs:
        pairs = match(gold, sys_, True)
        mg = {gi for gi, _ in pairs}
        ms = {si for _, si in pairs}
        for gi, g in enumerate(gold):
            if gi not in mg:
                misses.append(f"MISS  {g[2]:8} {g[3]:14} dct={dct} | {ctx(text, g[0], g[1])}")
        for si, s in enumerate(sys_):
            if si not in ms:
                fps.append(f"FP    {s[2]:8} {s[3]:14} dct={dct} | {ctx(text, s[0], s[1])}")
        for gi, si in pairs:
            g, s = gold[gi], sys_[si]
            if g[3] != s[3]:
                wrong.append(f"VALUE gold={g[2]}:{g[3]:12} sys={s[2]}:{s[3]:12} dct={dct} | "
                             f"{ctx(text, g[0], g[1])}  sys[{s[4]}]")
            elif (g[0], g[1]) != (s[0], s[1]):
                spans.append(f"SPAN  gold[{text[g[0]:g[1]]}] sys[{s[4]}]")
    rnd = random.Random(seed)
    for key, title, lst in (("miss", "misses", misses), ("fp", "false positives", fps),
                            ("value", "wrong values", wrong), ("span", "span diffs", spans)):
        if kinds and key not in kinds:
            continue
        print(f"\n-- {title}: {len(lst)} (showing up to {n})")
        shown = lst[:n] if ordered else rnd.sample(lst, min(n, len(lst)))
        for line in shown:
            print("  " + line)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "tempeval3-train"))
    ap.add_argument("--corpus", default="all", choices=["TimeBank", "AQUAINT", "all"])
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kind", action="append", choices=["miss", "fp", "value", "span"],
                    help="with --errors: list only these error kinds (repeatable)")
    ap.add_argument("--ordered", action="store_true",
                    help="with --errors: list in document order instead of a random sample")
    a = ap.parse_args(argv)
    data = Path(a.data).resolve()
    corpora = ["TimeBank", "AQUAINT"] if a.corpus == "all" else [a.corpus]
    alldocs = []
    for c in corpora:
        files = sorted((data / c).glob("*.tml"))
        if not files:
            sys.exit(f"no .tml files under {data / c}")
        docs, secs, nchars = run_corpus(files)
        alldocs += docs
        print_table(c, docs)
        print(f"   ({nchars / 1024:.0f} KB of text annotated in {secs:.2f} s)")
    if len(corpora) > 1:
        print_table("TimeBank+AQUAINT", alldocs)
    if a.errors:
        print_errors(alldocs, a.errors, a.seed, a.kind, a.ordered)


if __name__ == "__main__":
    main()
