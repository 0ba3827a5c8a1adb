"""Mark the temporal expressions of an article's rendered HTML and link them to their events.

Each Source of an event names the block it came from (the anchor in its url: a block element,
or an empty marker element just before the sentence inside its block), the sentence
(quote) and the expression that dated it. The rewriter parses the article HTML once to learn
where every text run of every anchored block sits in the original string, finds the expression
inside the quoted sentence of that block, and splices the wrapper in around it. Only text
inside a single run is wrapped, so tags are never split; an expression that crosses inline
markup (half of it in <em>) or already sits inside a link is left as it is.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterable

from .model import Event

_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass(frozen=True)
class Mark:
    anchor: str       # id of the block element
    quote: str        # the sentence, to pick the right occurrence
    expression: str   # the text to wrap
    event: Event


@dataclass
class _Run:
    start: int        # offset of the raw text in the document
    raw: str
    in_link: bool


class _Runs(HTMLParser):
    """Records the raw text runs under each element that carries an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts: list[int] = []
        self.stack: list[tuple[str, str | None]] = []
        self.runs: dict[str, list[_Run]] = {}
        self.starts: dict[str, int] = {}          # id -> offset of its start tag
        self.parents: dict[str, str | None] = {}  # id -> id of the nearest ancestor with one

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _note(self, element_id: str | None) -> None:
        if element_id and element_id not in self.starts:
            self.starts[element_id] = self.position()
            ancestors = [found for _, found in self.stack if found]
            self.parents[element_id] = ancestors[-1] if ancestors else None

    def handle_starttag(self, tag, attrs):
        element_id = dict(attrs).get("id")
        self._note(element_id)
        if tag not in _VOID:
            self.stack.append((tag, element_id))

    def handle_startendtag(self, tag, attrs):
        self._note(dict(attrs).get("id"))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def _text(self, raw: str) -> None:
        ids = [element_id for _, element_id in self.stack if element_id]
        if not ids:
            return
        in_link = any(tag == "a" for tag, _ in self.stack)
        run = _Run(self.position(), raw, in_link)
        for element_id in ids:
            self.runs.setdefault(element_id, []).append(run)

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")


@functools.lru_cache(maxsize=4096)
def _pattern(text: str) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


Place = tuple[int, int]  # raw (start, end) offsets of an expression in the body HTML

MAX_PLACES = 8


def mark_expressions(body_html: str, marks: Iterable[Mark],
                     wrap: Callable[[str, Event], tuple[str, str]]) -> str:
    """body_html with each mark's expression wrapped: wrap(matched raw html, event) gives the
    (opening, closing) markup. Marks that cannot be placed safely are skipped."""
    marks = list(marks)
    places = expression_places(body_html, [(m.anchor, m.quote, m.expression) for m in marks])
    return splice(body_html, [(found, mark.event) for found, mark in zip(places, marks)], wrap)


def expression_places(body_html: str, targets: list[tuple[str, str, str]]) -> list[tuple[Place, ...]]:
    """For each (anchor, quote, expression): where in body_html the expression may be wrapped,
    best first (the first occurrence inside the quoted sentence of that block; later ones in
    case an earlier is taken by another expression). Places that cross markup or an entity
    are left out; an occurrence inside a link ends the list. The costly part of marking, done
    once per article when it is read (extract), so render only splices (see splice)."""
    if not targets:
        return []
    parser = _Runs()
    parser.line_starts = [0] + [m.end() for m in re.finditer("\n", body_html)]
    parser.feed(body_html)
    parser.close()
    done: dict[tuple[str, str, str], tuple[Place, ...]] = {}
    result = []
    for target in targets:
        if target not in done:
            done[target] = _places(parser, *target)
        result.append(done[target])
    return result


def _places(parser: _Runs, anchor: str, quote_text: str, expression_text: str) -> tuple[Place, ...]:
    runs = parser.runs.get(anchor)
    if not runs and anchor in parser.starts:
        # An empty marker (e.g. <span id="p2-s2"></span> before a sentence): the sentence is
        # the text that follows it inside the enclosing block.
        parent, begin = parser.parents[anchor], parser.starts[anchor]
        runs = [run for run in parser.runs.get(parent or "", []) if run.start >= begin]
    expression = _pattern(expression_text)
    if not runs or expression is None:
        return ()
    # The block's text, unescaped, and for each character the run and raw offset it came from.
    text_chars: list[str] = []
    origin: list[tuple[int, int] | None] = []  # (run index, raw offset) or None for entities
    for index, run in enumerate(runs):
        if run.raw.startswith("&") and run.raw.endswith(";"):
            decoded = html.unescape(run.raw)
            text_chars.append(decoded)
            origin.extend([None] * len(decoded))
        else:
            text_chars.append(run.raw)
            origin.extend((index, run.start + i) for i in range(len(run.raw)))
    text = "".join(text_chars)
    if anchor in parser.starts and not parser.runs.get(anchor):
        window = (0, len(text))  # the runs already begin at the quoted sentence
    else:
        quote = _pattern(quote_text)
        found = quote.search(text) if quote else None
        window = (found.start(), found.end()) if found else (0, len(text))
    places: list[Place] = []
    for match in expression.finditer(text, *window):
        first, last = origin[match.start()], origin[match.end() - 1]
        if first is None or last is None or first[0] != last[0]:
            continue  # crosses markup or an entity: leave it
        if runs[first[0]].in_link or len(places) == MAX_PLACES:
            break
        places.append((first[1], last[1] + 1))
    return tuple(places)


def splice(body_html: str, placed: Iterable[tuple[tuple[Place, ...], Event]],
           wrap: Callable[[str, Event], tuple[str, str]]) -> str:
    """body_html with, for each (places, event) in order, the first of its places that no
    earlier one took wrapped by wrap(raw html, event)."""
    insertions: list[tuple[int, int, Event]] = []
    for places, event in placed:
        for start, end in places:
            if not any(s < end and start < e for s, e, _ in insertions):
                insertions.append((start, end, event))
                break
    if not insertions:
        return body_html
    insertions.sort(key=lambda item: item[0])
    parts, at = [], 0
    for start, end, event in insertions:
        opening, closing = wrap(body_html[start:end], event)
        parts += [body_html[at:start], opening, body_html[start:end], closing]
        at = end
    parts.append(body_html[at:])
    return "".join(parts)
