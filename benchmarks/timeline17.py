"""Date selection on Timeline17: build each topic as a tlgen site and score its key dates.

For each topic, the day-precision events of the merged timeline are ranked by `score` (the
same order the site uses for its key events); the top k distinct dates, k = the number of
dates in a journalists' gold timeline, are compared with that timeline's dates: Date F1 (with
k selected and k gold dates, precision = recall = F1). A baseline that ranks dates by how many
times they are mentioned at all is printed beside it.

    python benchmarks/timeline17.py [--data ../shared/data/timeline17-dev] [--topics bpoil_bbc ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from t17_site import DEFAULT_DATA, make_site  # noqa: E402

from generator.build import BuildReport, build_timeline  # noqa: E402
from generator.config import load_config  # noqa: E402


def gold_timelines(topic: Path) -> dict[str, set[dt.date]]:
    timelines = {}
    for path in sorted((topic / "timelines").glob("*.txt")):
        dates = set()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.strip()):
                dates.add(dt.date.fromisoformat(line.strip()))
        timelines[path.stem] = dates
    return timelines


def ranked_dates(events) -> list[dt.date]:
    best: dict[dt.date, float] = {}
    for event in events:
        span = event.span
        if span.precision == "day" and span.start == span.end:
            best[span.start] = max(best.get(span.start, 0.0), event.score)
    return [day for day, _ in sorted(best.items(), key=lambda item: (-item[1], item[0]))]


def mention_count_dates(timeline) -> list[dt.date]:
    counts: Counter = Counter()
    for event in timeline.events:
        span = event.span
        if span.precision == "day" and span.start == span.end:
            counts[span.start] += len(event.sources)
    return [day for day, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def date_f1(selected: list[dt.date], gold: set[dt.date]) -> float:
    chosen = set(selected[:len(gold)])
    if not chosen or not gold:
        return 0.0
    hits = len(chosen & gold)
    precision, recall = hits / len(chosen), hits / len(gold)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the timeline17-dev folder")
    parser.add_argument("--topics", nargs="*", help="topic names (default: all)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"{args.data}: not found (pass --data)")
    topics = [p for p in sorted(args.data.iterdir()) if (p / "InputDocs").is_dir()]
    if args.topics:
        topics = [p for p in topics if p.name in args.topics]

    print(f"{'topic':<22} {'articles':>8} {'events':>7} {'k':>4} {'Date F1':>8} {'mentions':>9} {'seconds':>8}")
    ours, baseline = [], []
    for topic in topics:
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder)
            articles = make_site(topic, site)
            started = time.perf_counter()
            timeline = build_timeline(load_config(site), report=BuildReport())
            seconds = time.perf_counter() - started
        ranked = ranked_dates(timeline.events)
        counted = mention_count_dates(timeline)
        for name, gold in gold_timelines(topic).items():
            f1, f1_base = date_f1(ranked, gold), date_f1(counted, gold)
            ours.append(f1)
            baseline.append(f1_base)
            label = topic.name if name == topic.name.split("_")[-1] else f"{topic.name}/{name}"
            print(f"{label:<22} {articles:>8} {len(timeline.events):>7} {len(gold):>4} {f1:>8.3f} "
                  f"{f1_base:>9.3f} {seconds:>8.1f}")
    if ours:
        print(f"{'mean':<22} {'':>8} {'':>7} {'':>4} {sum(ours) / len(ours):>8.3f} "
              f"{sum(baseline) / len(baseline):>9.3f}")


if __name__ == "__main__":
    main()
