#!/usr/bin/env python3
"""Score generator.temporal.annotate on the TweeTIME dev set: the day a tweet refers to.

Each line of data_dev_input_final.txt holds a tweet, its creation date and the gold date it
refers to ("None" when it names no day); the fourth column, another system's guess, is not
read. The tweet's day by tlgen is the first expression annotate finds whose interval is one
day (a DATE or TIME of day precision), or none. Scores:
  accuracy  = tweets whose day (or absence of one) is the gold one, over all tweets;
  precision = right days over the tweets given a day; recall = right days over the dated tweets.
With --errors, every tweet scored wrong is listed with what annotate found in it.

usage: python benchmarks/tweet_dates.py [--data FILE] [--errors]
The data is read-only and never copied anywhere.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.temporal import annotate  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "tweetime-dev" / "data_dev_input_final.txt"


def read_tweets(path: Path) -> list[tuple[str, dt.date, dt.date | None]]:
    tweets = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        try:
            created = dt.date.fromisoformat(fields[1].strip())
            gold = None if fields[2].strip() == "None" else dt.date.fromisoformat(fields[2].strip())
        except ValueError:
            print(f"{path}:{number}: skipped (no creation date or gold date)", file=sys.stderr)
            continue
        tweets.append((html.unescape(fields[0]), created, gold))
    return tweets


def day_of(text: str, created: dt.date) -> tuple[dt.date | None, tuple]:
    found = annotate(text, created)
    for timex in found:
        if timex.interval is not None and timex.interval[0] == timex.interval[1]:
            return timex.interval[0], found
    return None, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="the TweeTIME dev file")
    parser.add_argument("--errors", action="store_true", help="list the tweets scored wrong")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"error: {args.data} not found; pass --data with the TweeTIME dev file", file=sys.stderr)
        return 2
    tweets = read_tweets(args.data)
    right = given = right_days = dated = 0
    wrong = []
    for text, created, gold in tweets:
        day, found = day_of(text, created)
        given += day is not None
        dated += gold is not None
        if day == gold:
            right += 1
            right_days += gold is not None
        else:
            wrong.append((text, created, gold, day, found))
    print(f"TweeTIME dev: {len(tweets)} tweets, {dated} of them naming a day")
    print(f"  accuracy  {right / len(tweets):.3f}  ({right} of {len(tweets)})")
    print(f"  precision {right_days / given if given else 0:.3f}  ({right_days} of {given} days given)")
    print(f"  recall    {right_days / dated if dated else 0:.3f}  ({right_days} of {dated} dated tweets)")
    if args.errors:
        for text, created, gold, day, found in wrong:
            print(f"\n  created {created}  gold {gold}  tlgen {day}\n    {text}")
            for timex in found:
                print(f"      [{timex.text}] {timex.type} {timex.value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
