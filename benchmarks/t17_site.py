"""Turn a folder of real articles into a tlgen site.

The example is a Timeline17 topic (../shared/data/timeline17-dev/<topic>): raw articles under
InputDocs/<YYYY-MM-DD publication date>/<id>.htm.txt, tokenized, one sentence per line. Each
becomes content/<date>-<id>.md with front matter; the text is detokenized back into prose.

    python benchmarks/t17_site.py ../shared/data/timeline17-dev/bpoil_bbc /tmp/bpoil-site
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "timeline17-dev"

_TOKENS = [
    (re.compile(r"-LRB-\s*"), "("), (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["), (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r"``\s*"), "\u201c"), (re.compile(r"\s*''"), "\u201d"),
    (re.compile(r"\s+([,.;:!?%])"), r"\1"), (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"),
    (re.compile(r"\\([/*])"), r"\1"),  # (escaped: "Obama\/Holder", "12\/31")
    (re.compile(r"(?<=s) '(?= )"), "'"),  # (a plural's possessive: "the United States ' government")
    (re.compile(r"(?<=\w) ` (?=(?:t|s|ll|re|ve|d|m)\b)"), "'"),  # (a backtick for an apostrophe: "don ` t")
    (re.compile(r"`\s*"), "\u2018"),  # (the corpus's opening single quote: "` to begin payouts'")
]
# A sentence the corpus split inside a stock ticker ("BP Plc -LRB- BP ." / "L -RRB- said ..."):
# the line that ends in the ticker's first half and the one that starts with the rest are one.
_TICKER_OPEN = re.compile(r"(?:\(|\b)[A-Z][A-Za-z0-9]{0,5}\.$")  # (or without its bracket: "Transocean Ltd RIGN.")
_TICKER_REST = re.compile(r"[A-Z]{1,2}\)")
# ... or after an abbreviation's period, with the sentence going on in lower case: "On Monday,
# Rep. Edward J. Markey (D-Mass.)" / "sent a letter to ..."
_ABBREVIATION_END = re.compile(r"\b[A-Z][A-Za-z]{0,4}\.\)?$")
_LOWER_START = re.compile(r"[a-z]")


def detokenize(line: str) -> str:
    for pattern, replacement in _TOKENS:
        line = pattern.sub(replacement, line)
    return line.strip()


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_site(topic: Path, site: Path, title: str | None = None) -> int:
    """Write topic's articles as a tlgen site in site/; returns the number of articles."""
    content = site / "content"
    content.mkdir(parents=True, exist_ok=True)
    (site / "tlgen.toml").write_text(f"title = {yaml_quote(title or topic.name)}\n", encoding="utf-8")
    count = 0
    for day_folder in sorted((topic / "InputDocs").iterdir()):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day_folder.name):
            continue
        for path in sorted(day_folder.iterdir()):
            lines = []
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                line = detokenize(line)
                if lines and _TICKER_REST.match(line) and _TICKER_OPEN.search(lines[-1]):
                    lines[-1] += line
                elif lines and line and _LOWER_START.match(line) and _ABBREVIATION_END.search(lines[-1]):
                    lines[-1] += " " + line
                elif line:
                    lines.append(line)
            if not lines:
                continue
            stem = re.sub(r"[^A-Za-z0-9]+", "-", path.name.split(".htm")[0]).strip("-")
            headline = lines[0][:90]
            body = "\n\n".join(lines)
            text = (f"---\ntitle: {yaml_quote(headline)}\ndate: {day_folder.name}\n"
                    f"source: {yaml_quote(topic.name)}\n---\n\n{body}\n")
            (content / f"{day_folder.name}-{stem}.md").write_text(text, encoding="utf-8")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topic", type=Path, help="a Timeline17 topic folder")
    parser.add_argument("site", type=Path, help="the tlgen site folder to create")
    args = parser.parse_args()
    if not (args.topic / "InputDocs").is_dir():
        sys.exit(f"{args.topic}: no InputDocs/ folder (is this a Timeline17 topic?)")
    print(f"{make_site(args.topic, args.site)} articles written to {args.site}")


if __name__ == "__main__":
    main()
