#!/usr/bin/env python3
"""Throughput and cold-start figures for generator.temporal.annotate.

  * warm throughput (KB of prose per second, one core) over the TempEval-3
    texts (plain text of the TEXT elements, read-only from ../shared/data) or,
    when they are absent, over a generated news-like corpus;
    reported twice: with all lru caches cleared before every pass, and with the
    word-level caches kept warm (the whole-document memo is always bypassed,
    otherwise repeated passes would only measure a dict lookup);
  * cold start: a fresh interpreter importing the package and annotating one
    sentence (median of several runs);
  * for comparison, dateparser.search.search_dates on a small sample.

usage: python benchmarks/temporal_throughput.py [--data DIR] [--mb 1.0] [--passes 3]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.temporal import _annotate  # noqa: E402
from generator.temporal import finder, resolve  # noqa: E402

DCT = dt.date(1998, 3, 1)


def tempeval_docs(data: Path) -> list[tuple[str, dt.date]]:
    docs = []
    for f in sorted(list(data.glob("TimeBank/*.tml")) + list(data.glob("AQUAINT/*.tml"))):
        raw = f.read_text(encoding="utf-8")
        m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
        body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
        text = re.sub(r"<[^>]+>", "", body).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        docs.append((text, dt.date.fromisoformat(m.group(1)[:10])))
    return docs


def generated_docs(n_chars: int, seed: int = 7) -> list[tuple[str, dt.date]]:
    """A news-like corpus: filler sentences with a realistic density of dates."""
    rnd = random.Random(seed)
    subj = ["The company", "Officials", "The minister", "Analysts", "The board", "Protesters", "Police"]
    verb = ["said", "announced", "reported", "warned", "confirmed", "denied", "expected"]
    obj = ["that profits rose 12% to $1.5 million", "a new plan for 2,000 workers",
           "the deal would close", "talks had stalled", "the second round of voting",
           "sales fell in the third quarter", "prices may fall further"]
    when = ["on Friday", "last week", "two months ago", "in March", "on June 29, 2019", "yesterday",
            "earlier this year", "", "", "", "", "for three years", "every week", "in the 1990s",
            "this past weekend", "late last year", "at 8 p.m. ET"]
    docs, total = [], 0
    while total < n_chars:
        sents = []
        for _ in range(rnd.randint(8, 20)):
            w = rnd.choice(when)
            sents.append(f"{rnd.choice(subj)} {rnd.choice(verb)} {w + ' ' if w else ''}{rnd.choice(obj)}.")
        text = " ".join(sents)
        docs.append((text, DCT + dt.timedelta(days=rnd.randint(0, 400))))
        total += len(text)
    return docs


def clear_caches() -> None:
    _annotate.cache_clear()
    finder._cue.cache_clear()
    resolve._interval.cache_clear()


def run_pass(docs, clear: bool) -> float:
    raw = _annotate.__wrapped__           # bypass the whole-document memo
    if clear:
        clear_caches()
    t0 = time.perf_counter()
    for text, dct in docs:
        raw(text, dct)
    return time.perf_counter() - t0


def cold_start(runs: int = 5) -> float:
    code = ("from datetime import date; from generator.temporal import annotate; "
            "annotate('on June 29, 2019', date(2019,7,1))")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "tempeval3-train"))
    ap.add_argument("--mb", type=float, default=1.0, help="approximate MB of prose per pass")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--dateparser-kb", type=float, default=20.0)
    a = ap.parse_args(argv)

    data = Path(a.data).resolve()
    base = tempeval_docs(data) if data.is_dir() else []
    source = "TempEval-3 TEXT (TimeBank+AQUAINT)" if base else "generated news-like corpus"
    if not base:
        base = generated_docs(int(a.mb * 1e6))
    docs, total = [], 0
    while total < a.mb * 1e6:                       # repeat the corpus up to the requested size
        for d in base:
            docs.append(d)
            total += len(d[0])
    kb = sum(len(t) for t, _ in docs) / 1024

    cold = [run_pass(docs, clear=True) for _ in range(a.passes)]
    run_pass(docs, clear=False)                      # warm the word-level caches
    warm = [run_pass(docs, clear=False) for _ in range(a.passes)]
    n_timex = sum(len(_annotate.__wrapped__(t, d)) for t, d in base)
    base_kb = sum(len(t) for t, _ in base) / 1024

    print(f"corpus: {source}: {len(base)} docs, {base_kb:.0f} KB, {n_timex} expressions "
          f"(repeated to {kb:.0f} KB per pass)")
    print(f"throughput, caches cleared each pass : {kb / min(cold):8.0f} KB/s  (best of {a.passes}; "
          f"median {kb / statistics.median(cold):.0f} KB/s)")
    print(f"throughput, word caches warm         : {kb / min(warm):8.0f} KB/s  (best of {a.passes}; "
          f"median {kb / statistics.median(warm):.0f} KB/s)")
    print(f"cold start (fresh interpreter, import + first call, median of 5): {cold_start():.3f} s")

    # dateparser comparison on a small sample (it is far slower)
    sample, n = [], 0
    for t, d in base:
        if n >= a.dateparser_kb * 1024:
            break
        sample.append((t, d))
        n += len(t)
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser not installed: comparison skipped")
        return
    search_dates("warm up on June 29, 2019", languages=["en"])
    t0 = time.perf_counter()
    found = 0
    for t, d in sample:
        r = search_dates(t, languages=["en"], settings={"RELATIVE_BASE": dt.datetime.combine(d, dt.time())})
        found += len(r or [])
    dp = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t, d in sample:
        _annotate.__wrapped__(t, d)
    ours = time.perf_counter() - t0
    print(f"dateparser.search.search_dates on {n / 1024:.0f} KB: {n / 1024 / dp:8.1f} KB/s "
          f"({found} matches); annotate on the same sample: {n / 1024 / ours:.0f} KB/s "
          f"({dp / ours:.0f}x faster)")


if __name__ == "__main__":
    main()
