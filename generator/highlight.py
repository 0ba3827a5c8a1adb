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

import bisect
import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterable, Iterator

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


class _Layout:
    """The raw text runs under each element that carries an id, as a document is read."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, str | None]] = []
        self.runs: dict[str, list[_Run]] = {}
        self.starts: dict[str, int] = {}          # id -> offset of its start tag
        self.parents: dict[str, str | None] = {}  # id -> id of the nearest ancestor with one
        self.texts: dict[str, object] = {}         # id -> its block's text (see _block_text)
        self.markers: dict[str | None, list[int]] | None = None  # (see _sentence_runs)

    def start_tag(self, tag: str, element_id: str | None, at: int, closed: bool = False) -> None:
        """closed: <tag/>, which holds nothing."""
        if element_id and element_id not in self.starts:
            self.starts[element_id] = at
            ancestors = [found for _, found in self.stack if found]
            self.parents[element_id] = ancestors[-1] if ancestors else None
        if not closed and tag not in _VOID:
            self.stack.append((tag, element_id))

    def end_tag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def text(self, raw: str, at: int) -> None:
        ids = [element_id for _, element_id in self.stack if element_id]
        if not ids:
            return
        in_link = any(tag == "a" for tag, _ in self.stack)
        run = _Run(at, raw, in_link)
        for element_id in ids:
            self.runs.setdefault(element_id, []).append(run)


class _Runs(HTMLParser):
    """Reads any HTML into a _Layout."""

    def __init__(self, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.layout = _Layout()

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.layout.start_tag(tag, dict(attrs).get("id"), self.position())

    def handle_startendtag(self, tag, attrs):
        self.layout.start_tag(tag, dict(attrs).get("id"), self.position(), closed=True)

    def handle_endtag(self, tag):
        self.layout.end_tag(tag)

    def handle_data(self, data):
        self.layout.text(data, self.position())

    def handle_entityref(self, name):
        self.layout.text(f"&{name};", self.position())

    def handle_charref(self, name):
        self.layout.text(f"&#{name};", self.position())


# The HTML tlgen makes (Python-Markdown, then nh3) is regular: tags with double-quoted
# attribute values, every & an entity, no comments. Such a document is read with one regex,
# several times faster than HTMLParser; anything else (a comment, raw <script>, a bare < or &,
# unquoted attributes: raw HTML with sanitizing off) goes to HTMLParser. Both give the same
# layout for a regular document (tests/test_highlight.py compares them).
_TOKEN = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(/?)>'
                    r'|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);|[<&]')
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
_RAW_TEXT = frozenset({"script", "style"})  # HTMLParser reads their content as text


# The HTML of a plain-prose article (content._plain_html) is flatter still: paragraphs with an
# id, each holding text (no markup, no entity) and empty sentence markers. Its layout is made
# straight from the paragraphs, a few times faster again than token by token.
_FLAT = re.compile(r'(?:<p id="([^"<>&]*)">([^<&]*(?:<span class="sentence" id="[^"<>&]*"></span>[^<&]*)*)'
                   r'</p>(?:\n|\Z))*\Z')
_FLAT_BLOCK = re.compile(r'<p id="([^"<>&]*)">')
_MARKER = re.compile(r'<span class="sentence" id="([^"<>&]*)"></span>')


def _flat_layout(body_html: str) -> _Layout | None:
    """The layout of a flat document (see _FLAT), as _regular_layout makes it; None otherwise."""
    if not _FLAT.match(body_html):
        return None
    layout = _Layout()
    starts, parents, all_runs = layout.starts, layout.parents, layout.runs
    for block in _FLAT_BLOCK.finditer(body_html):
        anchor, at = block.group(1), block.end()
        if anchor and anchor not in starts:
            starts[anchor], parents[anchor] = block.start(), None
        # A paragraph ends at the first "</p>" after it (its text holds no "<").
        end = body_html.index("</p>", at)
        runs: list[_Run] = []
        for marker in _MARKER.finditer(body_html, at, end):
            if marker.start() > at:
                runs.append(_Run(at, body_html[at:marker.start()], False))
            name = marker.group(1)
            if name and name not in starts:
                starts[name], parents[name] = marker.start(), anchor or None
            at = marker.end()
        if end > at:
            runs.append(_Run(at, body_html[at:end], False))
        if anchor and runs:
            all_runs.setdefault(anchor, []).extend(runs)
    return layout


def _layout(body_html: str) -> _Layout:
    """The text runs of body_html under each element with an id."""
    flat = _flat_layout(body_html)
    if flat is not None:
        return flat
    regular = _regular_layout(body_html)
    if regular is not None:
        return regular
    parser = _Runs([0] + [m.end() for m in re.finditer("\n", body_html)])
    parser.feed(body_html)
    parser.close()
    return parser.layout


def _regular_layout(body_html: str) -> _Layout | None:
    """The layout of a regular document (see _TOKEN), without HTMLParser; None otherwise."""
    layout = _Layout()
    at = 0
    for token in _TOKEN.finditer(body_html):
        start = token.start()
        if start > at:
            layout.text(body_html[at:start], at)
        at = token.end()
        closing, name, attributes, empty = token.groups()
        if name is None:
            if len(token.group()) == 1:
                return None  # a bare < or &
            layout.text(token.group(), start)  # an entity
            continue
        tag = name.lower()
        if tag in _RAW_TEXT or closing and (attributes or empty):
            return None
        if closing:
            layout.end_tag(tag)
            continue
        element_id = None
        if "id" in attributes.lower():
            for attribute, value in _ATTRIBUTE.findall(attributes):
                if attribute.lower() == "id":
                    element_id = html.unescape(value)  # (the last one counts, as in HTMLParser)
        layout.start_tag(tag, element_id, start, closed=bool(empty))
    if at < len(body_html):
        layout.text(body_html[at:], at)
    return layout


@functools.lru_cache(maxsize=4096)
def _pattern(text: str) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


_ODD_SPACE = re.compile(r"[^\S ]|  ")  # any space that is not a single plain one


def find_words(text: str, phrase: str, plain: bool | None = None) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of phrase's words in text, any run of whitespace
    standing for any other; None when they are not there. plain: whether every space in text
    is a single plain one, when the caller knows already (then a plainly spaced phrase is
    found with str.find, which is what the pattern would find)."""
    if not phrase.split():
        return None
    if plain is None:
        plain = not _ODD_SPACE.search(text)
    return next(_occurrences(text, phrase, plain, 0, len(text)), None)


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
    parser = _layout(body_html)
    done: dict[tuple[str, str, str], tuple[Place, ...]] = {}
    result = []
    for target in targets:
        if target not in done:
            done[target] = _places(parser, *target)
        result.append(done[target])
    return result


def _places(parser: _Layout, anchor: str, quote_text: str, expression_text: str) -> tuple[Place, ...]:
    block = _block_text(parser, anchor)
    if block is None or not expression_text.split():
        return ()
    text, runs, starts, kinds, marker, plain = block
    if marker:
        window = (0, len(text))  # the runs already begin at the quoted sentence
    else:
        window = find_words(text, quote_text, plain) or (0, len(text))
    places: list[Place] = []
    for start, end in _occurrences(text, expression_text, plain, *window):
        first = bisect.bisect_right(starts, start) - 1
        if kinds[first] is None or first != bisect.bisect_right(starts, end - 1) - 1:
            continue  # crosses markup or an entity: leave it
        run = runs[kinds[first]]
        if run.in_link or len(places) == MAX_PLACES:
            break
        raw_start = run.start - starts[first]
        places.append((raw_start + start, raw_start + end))
    return tuple(places)


def _occurrences(text: str, phrase: str, plain: bool, start: int, end: int) -> Iterator[Place]:
    """(start, end) of each occurrence of phrase's words (it has some) in text[start:end], left
    to right, not overlapping; any run of whitespace stands for any other (see find_words)."""
    if plain and " ".join(phrase.split()) == phrase:
        # Every space in both is a single plain one: the occurrences are the phrase's own,
        # and str.find spares compiling a pattern per expression (most are seen once).
        at = text.find(phrase, start, end)
        while at >= 0:
            yield at, at + len(phrase)
            at = text.find(phrase, at + len(phrase), end)
        return
    for match in _pattern(phrase).finditer(text, start, end):
        yield match.span()


def _block_text(parser: _Layout, anchor: str):
    """The text (unescaped) of anchor's block: (text, its runs, the text offset where each run
    starts, each run's index or None for an entity, whether anchor is an empty marker, whether
    every space in the text is a plain single one). None if the block has no text. Kept on the
    layout: a block dates several events."""
    known = parser.texts.get(anchor, parser)
    if known is not parser:
        return known
    runs, marker = parser.runs.get(anchor), False
    if not runs and anchor in parser.starts:
        runs, marker = _sentence_runs(parser, anchor), True
    block = None
    if runs:
        pieces: list[str] = []
        starts: list[int] = []
        kinds: list[int | None] = []
        length = 0
        for index, run in enumerate(runs):
            entity = run.raw.startswith("&") and run.raw.endswith(";")
            piece = html.unescape(run.raw) if entity else run.raw
            starts.append(length)
            kinds.append(None if entity else index)
            pieces.append(piece)
            length += len(piece)
        text = "".join(pieces)
        block = (text, runs, starts, kinds, marker, not _ODD_SPACE.search(text))
    parser.texts[anchor] = block
    return block


def _sentence_runs(parser: _Layout, anchor: str) -> list[_Run]:
    """The runs of an empty marker's sentence (e.g. <span id="p2-s2"></span> before it): the
    text that follows the marker inside the enclosing block, up to the block's next marker.
    (Each sentence only its own text: a paragraph of n sentences costs n, not n squared.)"""
    if parser.markers is None:
        parser.markers = {}
        for element_id, start in parser.starts.items():
            if not parser.runs.get(element_id):
                parser.markers.setdefault(parser.parents[element_id], []).append(start)
        for starts in parser.markers.values():
            starts.sort()
    parent, begin = parser.parents[anchor], parser.starts[anchor]
    runs = parser.runs.get(parent or "", [])
    markers = parser.markers.get(parent, [])
    after = bisect.bisect_right(markers, begin)
    end = markers[after] if after < len(markers) else None
    first = bisect.bisect_left(runs, begin, key=lambda run: run.start)
    last = len(runs) if end is None else bisect.bisect_left(runs, end, key=lambda run: run.start)
    return runs[first:last]


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
