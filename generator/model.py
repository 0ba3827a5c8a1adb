"""The plain, frozen data passed between pipeline stages.

discover -> parse (Article) -> extract (Mention) -> merge (Event, Timeline) -> render -> write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

# Coarsest last. The index orders events of one start date finest-first (see Timeline docs).
PRECISIONS = ("day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade")


def _quick_pickle(cls):
    """Pickle support for a frozen, slotted dataclass without the generated one's per-object
    fields() lookup: the build cache holds hundreds of thousands of these, and unpickling
    them was a large part of a rebuild's start."""
    names = tuple(f.name for f in fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)

    def __getstate__(self):
        return tuple([getattr(self, name) for name in names])

    def __setstate__(self, state):
        for setter, value in zip(setters, state):
            setter(self, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


@_quick_pickle
@dataclass(frozen=True, slots=True)
class DateSpan:
    """A calendar interval (inclusive) at a precision, with its TimeML value."""

    start: dt.date
    end: dt.date
    precision: str
    value: str
    mod: str | None = None  # TimeML mod: START (early), MID, END (late), APPROX ...

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"date span starts after it ends: {self.start} > {self.end}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")

    @property
    def sort_key(self) -> tuple:
        # Rule: events order by their first day; on the same first day, the longer (coarser)
        # span comes first, so "May 2019" stands at the head of May, before "May 1, 2019".
        return (self.start, -(self.end - self.start).days, self.value)

    def overlaps(self, other: "DateSpan") -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "DateSpan") -> bool:
        return self.start <= other.start and other.end <= self.end


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article's text (paragraph, list item, heading) and its anchor id."""

    anchor: str
    text: str
    sentences: tuple[tuple[int, int], ...] = ()  # (start, end) in text; anchors f"{anchor}-s{n}"

    def sentence_anchor(self, number: int) -> str:
        """Anchor of the sentence at index `number` (0-based) on the article page."""
        return f"{self.anchor}-s{number + 1}"


@_quick_pickle
@dataclass(frozen=True, slots=True)
class AuthoredEvent:
    """An event an editor stated in front matter; always kept, never second-guessed."""

    span: DateSpan
    title: str
    summary: str = ""
    tags: tuple[str, ...] = ()
    id: str | None = None


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Article:
    source_path: str          # path relative to the content folder, with "/" separators
    slug: str
    title: str
    published: dt.date        # publication date in the site time zone: the DCT for extraction
    published_at: dt.datetime | None  # with time and zone, when the front matter gave a time
    body_html: str
    blocks: tuple[Block, ...]
    source: str = ""          # the publisher
    url: str = ""             # the original article
    author: str = ""
    tags: tuple[str, ...] = ()
    summary: str = ""
    draft: bool = False
    lang: str = ""
    extract: bool = True
    exclude_events: tuple[str, ...] = ()
    authored_events: tuple[AuthoredEvent, ...] = ()
    # Set when body_html and blocks were moved out of memory into the build cache (body_html
    # is then ""): the key to fetch the body with, a digest of everything the body came from.
    body_key: str = ""

    @property
    def page(self) -> str:
        return f"articles/{self.slug}/"


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    """One article's report of an event at a date: the unit the merge stage groups."""

    article_slug: str
    anchor: str               # block anchor on the article page
    quote: str                # the sentence
    expression: str           # the temporal expression that dates it ("" for authored events)
    span: DateSpan
    title: str
    summary: str
    confidence: float
    tags: tuple[str, ...] = ()
    authored: bool = False
    explicit_id: str | None = None
    key: str = ""             # stable identity of this mention (see extract.mention_key)
    inherited: bool = False   # dated by the sentence before it, not by an expression of its own
    places: tuple[tuple[int, int], ...] | None = None  # where the expression sits in the
    #   article's body HTML (highlight.expression_places); None: not looked up
    terms: str | None = None  # timeline.key_terms of quote and title, space-separated (compact
    #   in the cache and in memory); None: not worked out yet


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Source:
    article_slug: str
    title: str                # the article's title
    publisher: str
    url: str                  # the article page and anchor, relative to the site root
    original_url: str
    quote: str
    expression: str
    published: dt.date
    span: DateSpan            # the date this source gives
    inherited: bool = False   # the date comes from the sentence before the quote
    places: tuple[tuple[int, int], ...] | None = None  # see Mention.places


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    summary: str
    span: DateSpan
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    score: float
    confidence: float
    disagreement: bool = False   # sources give incompatible dates
    aliases: tuple[str, ...] = ()  # ids of events merged into this one

    @property
    def page(self) -> str:
        return f"events/{self.id}/"


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Timeline:
    """All events in chronological order (DateSpan.sort_key), with the articles behind them."""

    events: tuple[Event, ...]
    articles: tuple[Article, ...]
    tags: tuple[str, ...] = field(default=())
    # event id -> (the event, a digest of what it is made of), for the events whose digest
    # the merge knows: render keys pages by it instead of digesting the events again.
    digests: dict = field(default_factory=dict, compare=False, repr=False)
