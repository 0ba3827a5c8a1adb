"""Render stage: the Timeline -> a plan of output files (path -> bytes). Writes nothing.

Templates come from the site's own `templates/` folder first, then the default theme, file by
file. Every URL in a page goes through `url()`, which prefixes the site's base path, so the
site works from a GitHub Pages project sub-path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import itertools
import json
import os
import weakref
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import jinja2
import jinja2.compiler
from markupsafe import Markup, escape as markup_escape

try:
    from markupsafe._speedups import _escape_inner as _escaped_text  # (what escape() wraps in a Markup)
except ImportError:  # (markupsafe without its C part: escape() it is)
    _escaped_text = None

from . import __version__
from .config import SiteConfig
from .dates import MONTHS, format_day, format_span, machine_date
from .errors import TlgenError
from .calendar_export import timeline_ics
from .export import (Chunk, absolute_url, fresh_chunk, robots_txt, sitemap_xml, timeline_csv, timeline_json,
                     timelinejs_json)
from .feeds import atom_feed, newest_by_tag
from .highlight import Mark, expression_places, find_words, splice
from .model import Article, DateSpan, Event, Timeline
from .slug import slugify

if TYPE_CHECKING:
    from .cache import ItemStore
    from .forked import Ends

# The index shows the key events (top by score) and links to every event, year by year.
# "automatic" (key_events = 0): all events when there are at most KEY_ALL_UP_TO, otherwise
# 5 % of them, at least KEY_MIN and at most KEY_MAX.
KEY_ALL_UP_TO = 30
KEY_MIN, KEY_MAX = 20, 50
KEY_PER_DATE = 2  # key events of one date before any date has a third (see key_event_ids)
# Up to this many events the index page holds all of them (the non-key ones hidden until the
# reader switches to "All events"); above it, only the key events, so the page stays light.
INDEX_ALL_UP_TO = 300
# A year with more events than this lists them on a page per month (years/2019/06/).
YEAR_PAGE_MOST = INDEX_ALL_UP_TO
# A site with more articles than this lists each publisher's on a page of its own (sources/<name>/).
SOURCES_PAGE_MOST = INDEX_ALL_UP_TO
PARTS = ("all", "pages", "lists")  # what render_pages makes (see there)
TAGS = 1  # the range of render_pages's share (forked.Ends) that tags are shared by; 0: articles


def theme_dir() -> Path:
    """The default theme: the top-level templates/ in a source checkout, or the packaged copy."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "templates"
    if (checkout / "base.html").is_file():
        return checkout
    return package / "theme"  # where pyproject.toml installs templates/


@dataclass(frozen=True)
class MonthGroup:
    label: str
    anchor: str
    events: tuple[Event, ...]
    key_count: int = 0          # how many of its events are key events
    page: str = ""              # the page that lists its events, when not its year's (see paged_years)


@dataclass(frozen=True)
class YearGroup:
    year: int
    anchor: str
    months: tuple[MonthGroup, ...]
    key_count: int = 0

    @property
    def count(self) -> int:
        return sum(len(month.events) for month in self.months)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(event for month in self.months for event in month.events)


def paged_years(years: tuple[YearGroup, ...], most: int, base: str = "years/") -> tuple[YearGroup, ...]:
    """The years, where a year with more than `most` events lists them on a page per month
    (base + "2019/06/"): each of its month groups names that page. A group of events spanning
    several months goes on the page of the month its first event starts in."""
    result = []
    for year in years:
        if year.count <= most:
            result.append(year)
            continue
        months = tuple(replace(group, page=f"{base}{year.year}/{group.events[0].span.start.month:02d}/")
                       for group in year.months)
        result.append(replace(year, months=months))
    return tuple(result)


def month_pages(year: YearGroup) -> list[tuple[str, str, YearGroup]]:
    """(label, page, the year's groups on that page) for each month page of a paged year."""
    pages: dict[str, list[MonthGroup]] = {}
    for group in year.months:
        pages.setdefault(group.page, []).append(group)
    return [(_page_label(page), page, replace(year, months=tuple(groups), key_count=sum(g.key_count for g in groups)))
            for page, groups in pages.items()]


def _page_label(page: str) -> str:
    """ "June 2019" for years/2019/06/ (or tags/trade/2019/06/)."""
    year, month = page.rstrip("/").split("/")[-2:]
    return f"{MONTHS[int(month) - 1]} {year}"


def key_event_ids(events: tuple[Event, ...], wanted: int = 0) -> frozenset[str]:
    """The ids of the events the index shows first (`wanted` of them; 0: automatic): the
    KEY_PER_DATE best-reported events (most sources) of each date, those ranked by score;
    then, if more are wanted, the other events by score. An event's score counts every
    article that cites its day, so the events of a much-cited day score alike: without the
    first round, five reports of one busy day would crowd out the other days; with only one
    per date, a day's second story (an election's result beside a report merged with the
    eve's debate) would be left out. (Ranked by sources instead of score, the dates chosen
    match journalists' timelines less: Timeline17 Date F1 0.465 against 0.522.) Ties go to
    more sources, then to the earlier event, so the choice is stable."""
    total = len(events)
    if wanted <= 0:
        wanted = total if total <= KEY_ALL_UP_TO else min(KEY_MAX, max(KEY_MIN, total // 20))
    if wanted >= total:
        return frozenset(event.id for event in events)
    by_date: dict[tuple, list[int]] = {}
    for i, event in enumerate(events):
        by_date.setdefault((event.span.start, event.span.end), []).append(i)

    def reported(i: int) -> tuple:
        return (-len(events[i].sources), -events[i].score, i)

    def rank(i: int) -> tuple:
        return (-events[i].score, -len(events[i].sources), i)

    firsts = [i for held in by_date.values() for i in (held if len(held) <= KEY_PER_DATE
                                                       else heapq.nsmallest(KEY_PER_DATE, held, key=reported))]
    ranked = heapq.nsmallest(wanted, firsts, key=rank)
    if len(ranked) < wanted:
        chosen = set(firsts)
        ranked += heapq.nsmallest(wanted - len(ranked), (i for i in range(total) if i not in chosen), key=rank)
    return frozenset(events[i].id for i in ranked)


def group_by_month(events: tuple[Event, ...], key_ids: frozenset[str] = frozenset()) -> tuple[YearGroup, ...]:
    """Years, then months, in timeline order. Events spanning several months (a quarter, a
    year) stand in a group of their own where their start date puts them, labelled with their
    date ("Q2 2019", "2019") or, when they differ, with the month they start in."""
    years: list[tuple[int, list[tuple[tuple, list[Event]]]]] = []
    for event in events:
        start, end = event.span.start, event.span.end
        # (a week or a few days across a month's end stay in the month they start in)
        single_month = (start.year, start.month) == (end.year, end.month) or (end - start).days < 7
        key = (start.year, start.month if single_month else 0)
        if not years or years[-1][0] != start.year:
            years.append((start.year, []))
        months = years[-1][1]
        if not months or months[-1][0] != key:
            months.append((key, []))
        months[-1][1].append(event)
    result = []
    for year, months in years:
        groups = []
        anchors: set[str] = set()
        for (y, month), month_events in months:
            if month:
                label, anchor = f"{MONTHS[month - 1]} {y}", f"m{y}-{month:02d}"
                if anchor in anchors:  # a month resumed after a period that began inside it ("mid-2018")
                    label, anchor = f"{label}, continued", f"{anchor}-{len(groups)}"
            else:  # events spanning several months: named by their common date, or where they start
                spans = {format_span(event.span) for event in month_events}
                first = month_events[0].span.start
                label = spans.pop() if len(spans) == 1 else f"Periods from {MONTHS[first.month - 1]} {first.year}"
                if label == str(y):  # (not the year's own heading again)
                    label = f"Sometime in {y}"
                anchor = f"m{y}-span{len(groups)}"
            anchors.add(anchor)
            keys = sum(event.id in key_ids for event in month_events)
            groups.append(MonthGroup(label, anchor, tuple(month_events), keys))
        result.append(YearGroup(year, f"y{year}", tuple(groups), sum(g.key_count for g in groups)))
    return tuple(result)


def _compiled_templates(config: SiteConfig) -> "jinja2.BytecodeCache | None":
    """Where compiled templates are kept between builds: the site's build cache, when it has
    one (a build made it)."""
    from .cache import CACHE_DIR, TemplateCode

    return TemplateCode(config.root) if (config.root / CACHE_DIR).is_dir() else None


def _escape_output(value: object) -> str:
    """What autoescape writes for {{ value }}: the text of markupsafe's escape(value), but a
    plain string is not made a Markup, which costs four times the escaping itself; the
    text is only joined into the page (a big site's pages escape about 7 million values).
    A Markup is written as it is: escape() would copy it into a new Markup of the same text
    (the lists' hundreds of thousands of event items are Markup)."""
    kind = type(value)
    if kind is str and _escaped_text is not None:
        return _escaped_text(value)
    if kind is Markup:
        return value
    return markup_escape(value)


def _escaped(text: str) -> str:
    """str(markup_escape(text)), without the Markup in between (for a plain str: a Markup or
    any other value goes through markup_escape)."""
    return _escaped_text(text) if type(text) is str and _escaped_text is not None else str(markup_escape(text))


_optimizeconst = getattr(jinja2.compiler, "optimizeconst", lambda visit: visit)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, with {{ value }} escaped by _escape_output (reached as an
    attribute of the environment, which compiled templates hold) instead of markupsafe's
    escape. Where the generator decides at run time whether to escape (a template that
    switches autoescape on and off), it is left as it is; so is everything, should a later
    Jinja no longer have this method: only the speed depends on it.

    And `a.b` is looked up by Python's getattr in place, with Environment.getattr (which
    then tries a["b"]) only when a has no attribute b: the same value, without a call of a
    Python function for each of the millions of attributes a big site's pages read."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)

    @_optimizeconst
    def visit_Getattr(self, node, frame) -> None:
        if self.environment.is_async or type(self.environment).getattr is not jinja2.Environment.getattr:
            super().visit_Getattr(node, frame)  # (a sandbox checks each attribute in its getattr)
            return
        # (the object is named once, so that it is evaluated once; `missing` is every compiled
        # template function's, and no template variable's name starts with an underscore)
        self.write("(_tlgen_v if (_tlgen_v := getattr((_tlgen_o := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr(_tlgen_o, {node.attr!r}))")


def _environment(config: SiteConfig) -> jinja2.Environment:
    search = []
    if config.templates_path.is_dir() and config.templates_path.resolve() != theme_dir().resolve():
        search.append(str(config.templates_path))
    search.append(str(theme_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # (one environment per build: no stat of the template at each page)
        bytecode_cache=_compiled_templates(config),
    )
    env.code_generator_class = _CodeGenerator
    env.escape_output = _escape_output
    base_path = config.base_path

    def url(path: str = "") -> str:
        return base_path + path.lstrip("/")

    def site_url(path: str = "") -> str:
        return absolute_url(config, path)

    env.globals.update(url=url, site=config, format_day=format_day, tlgen_version=__version__,
                       absolute_url=site_url)
    # The same three as filters, which the default theme uses ("x | url"): a template calls a
    # filter directly, but a function through Jinja's Context.call, four times slower (a big
    # site's pages make millions of links).
    env.filters.update(url=url, absolute_url=site_url, format_day=format_day)
    env.filters["date"] = format_span
    # a day, or a DateSpan at its precision (machine_date)
    env.filters["iso"] = lambda value: machine_date(value) if isinstance(value, DateSpan) else value.isoformat()
    env.filters["tag_slug"] = slugify
    env.filters["mark_in"] = mark_in
    return env


def mark_in(text: str, expression: str) -> Markup:
    """text, escaped, with the first occurrence of expression (spacing aside) in <mark>."""
    found = find_words(text, expression)
    if found is None:
        return markup_escape(text)
    start, end = found
    # (joined as text, then made Markup once: Markup's + escapes and copies at every step)
    return Markup("".join((_escaped(text[:start]), "<mark>", _escaped(text[start:end]), "</mark>",
                           _escaped(text[end:]))))


def static_files(config: SiteConfig) -> Iterator[tuple[str, Path]]:
    """(output path, file) for the theme's static assets; the site's own override the theme's."""
    chosen: dict[str, Path] = {}
    roots = [theme_dir() / "static"]
    if config.templates_path.is_dir():
        roots.append(config.templates_path / "static")
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                chosen["static/" + path.relative_to(root).as_posix()] = path
    yield from sorted(chosen.items())



@dataclass(frozen=True)
class Publisher:
    name: str
    anchor: str
    articles: tuple[Article, ...]


def group_by_publisher(articles: tuple[Article, ...]) -> tuple[Publisher, ...]:
    """Publishers in alphabetical order, each with its articles newest first; articles that
    name no publisher come last, under "Other sources"."""
    named: dict[str, list[Article]] = {}
    for article in articles:
        named.setdefault(article.source, []).append(article)
    order = sorted(named, key=lambda name: (name == "", name.casefold(), name))
    result = []
    for name in order:
        chosen = sorted(named[name], key=lambda a: (a.published, a.slug), reverse=True)
        result.append(Publisher(name or "Other sources", "s-" + slugify(name or "other"), tuple(chosen)))
    return tuple(result)


def _key_events(events: tuple[Event, ...], key_ids: frozenset[str]) -> tuple[Event, ...]:
    return tuple(event for event in events if event.id in key_ids)


def _year_context(year: YearGroup, year_events: tuple[Event, ...], key_ids: frozenset[str],
                  before: YearGroup | None, after: YearGroup | None,
                  months: list[tuple[str, str, YearGroup]]) -> dict:
    """year.html's context. A year listed month by month shows its key events and links to
    its month pages (month_pages: (label, page, count)); otherwise every event."""
    context = dict(year=year, total=len(year_events), key_ids=key_ids, previous=before, next=after,
                   month_pages=[(label, path, held.count) for label, path, held in months])
    if months:
        shown = _key_events(year_events, key_ids)
        context.update(years=group_by_month(shown, key_ids), events=shown, filter_tags=())
    else:
        context.update(years=(year,), events=year_events, filter_tags=_tag_options(year_events))
    return context


def _tag_year_context(year: int, year_events: tuple[Event, ...], year_pages: tuple[int, ...],
                      listing: list[tuple[str, str, int]], common: dict) -> dict:
    """tag.html's context for a tag's year listed month by month: its months, and its key
    events (of the whole timeline's)."""
    shown = _key_events(year_events, common["key_ids"])
    return dict(common, years=group_by_month(shown, common["key_ids"]), events=shown, year=year,
                year_pages=year_pages, filter_tags=(), month_pages=listing, total=len(year_events))


def _publisher_pages(publishers: tuple[Publisher, ...]) -> list[str]:
    """sources/<publisher>/ for each publisher; two names with one slug get -2, -3 ..."""
    paths, taken = [], set()
    for publisher in publishers:
        base = "sources/" + publisher.anchor.removeprefix("s-")
        path, number = base, 1
        while path in taken:
            number += 1
            path = f"{base}-{number}"
        taken.add(path)
        paths.append(path + "/")
    return paths


def _publisher_periods(publisher: Publisher, path: str) -> list[tuple[str, str, Publisher]]:
    """(label, page, the publisher with that period's articles) of each year of publisher's
    articles, newest first (its articles are), under path; a year of more than
    SOURCES_PAGE_MOST articles gives a page per month instead ("June 2019", <year>/06/)."""
    periods = []
    for year, in_year in itertools.groupby(publisher.articles, key=lambda article: article.published.year):
        in_year = tuple(in_year)
        if len(in_year) <= SOURCES_PAGE_MOST:
            periods.append((str(year), f"{path}{year}/", replace(publisher, articles=in_year)))
            continue
        for month, in_month in itertools.groupby(in_year, key=lambda article: article.published.month):
            held_path = f"{path}{year}/{month:02d}/"
            periods.append((_page_label(held_path), held_path, replace(publisher, articles=tuple(in_month))))
    return periods


def _tag_options(events: tuple[Event, ...]) -> list[tuple[str, str, int]]:
    """(tag, slug, count) for the tags of these events, most used first, then by name."""
    counts = Counter(itertools.chain.from_iterable(event.tags for event in events))  # (counted in C)
    return [(tag, slugify(tag), count) for tag, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def highlight_article(article: Article, events: tuple[Event, ...], url, body: str | None = None) -> str:
    """The article body with each expression that dated an event marked and linked to it."""
    body = article.body_html if body is None else body
    placed, unplaced = [], []
    for event in events:
        for source in event.sources:
            if source.article_slug == article.slug and source.expression and "#" in source.url:
                if source.places is None:  # (a mention made without extract's lookup)
                    unplaced.append((len(placed), Mark(source.url.split("#", 1)[1], source.quote,
                                                       source.expression, event)))
                placed.append((source.places or (), event))
    if unplaced:
        found = expression_places(body, [(m.anchor, m.quote, m.expression) for _, m in unplaced])
        for (index, mark), places in zip(unplaced, found):
            placed[index] = (places, mark.event)

    def wrap(_text: str, event: Event) -> tuple[str, str]:
        label = f"{format_span(event.span)}: {event.title}"
        return (f'<a class="timex" href="{_escaped(url(event.page))}" '
                f'title="{_escaped(label)}"><mark>', "</mark></a>")

    return splice(body, placed, wrap)


def moved_tables(events: tuple[Event, ...]) -> dict[str, bytes]:
    """Where the ids of merged-away reports lead: moved/<first two characters>.json files,
    each {old id: event id}. The 404 page looks an unknown events/<id>/ up there and
    redirects; one page per old id would outnumber the events several times over."""
    tables: dict[str, dict[str, str]] = {}
    ids = {event.id for event in events}
    for event in events:
        for alias in event.aliases:
            if alias not in ids:  # (an old id can be another event's own: its page stays)
                tables.setdefault(alias[:2], {})[alias] = event.id
    return {f"moved/{shard}.json": (json.dumps(dict(sorted(table.items())), separators=(",", ":"))
                                    + "\n").encode("ascii")
            for shard, table in sorted(tables.items())}


@dataclass(frozen=True)
class Unchanged:
    """A page whose inputs are those of the file already in the output: not rendered again."""

    key: str


_PLAIN = frozenset({str, int, float, bool, type(None), dt.date})
_DIGESTED = (Event, Article, MonthGroup, YearGroup)
_REMEMBERED_FROM = 16  # longer tuples and frozensets are digested once per build


class _Fingerprints:
    """Deterministic digests of a page's inputs (sets sorted, so no hash-seed dependence).
    Events and articles appear on many pages: each is digested once per build."""

    def __init__(self, known: dict[str, tuple[Event, str]] | None = None, articles: tuple[Article, ...] = ()) -> None:
        """known: digests worked out already (Timeline.digests); articles: the timeline's
        (each known by its cache entry, when it has one: digested here at once, so that lists
        of them are digested in C)."""
        # id -> digest (a list of digested objects is digested in C: see _text); held keeps
        # each such object alive, so that its id is not reused
        self.known: dict[int, str] = {id(event): digest for event, digest in (known or {}).values()}
        self.held: list[object] = [event for event, _ in (known or {}).values()]
        self.known[id(None)] = repr(None)  # (so that a list of events and Nones is digested in C too)
        for article in articles:
            if type(article) is Article and article.body_key:
                self(article)  # (known by its cache entry: see __call__)

    def _remember(self, value, digest: str) -> str:
        self.known[id(value)] = digest
        self.held.append(value)
        return digest

    def __call__(self, value) -> str:
        kind = type(value)  # (exact types first: pages hold hundreds of thousands of values)
        if kind in _PLAIN:
            return repr(value)
        if (kind is tuple or kind is frozenset) and len(value) > _REMEMBERED_FROM:
            # (a tag's or a year's events, the key events: keys of many pages digest the same one)
            known = self.known.get(id(value))
            if known is None:
                known = self._remember(value, hashlib.sha1(self._text(value).encode()).hexdigest())
            return known
        if kind in _DIGESTED or isinstance(value, _DIGESTED):
            known = self.known.get(id(value))
            if known is None:
                # (an article is a function of the cache entry it came from: body_key)
                known = self._remember(value, "article:" + value.body_key if kind is Article and value.body_key
                                       else hashlib.sha1(self._text(value).encode()).hexdigest())
            return known
        return self._text(value)

    def _text(self, value) -> str:
        if isinstance(value, (set, frozenset)):
            if all(map(isinstance, value, itertools.repeat(str))):  # (ids: their reprs sorted in C, as self would)
                return "{" + ",".join(sorted(map(repr, value))) + "}"
            return "{" + ",".join(sorted(map(self, value))) + "}"
        if isinstance(value, dict):
            return "{" + ",".join(f"{self(k)}:{self(v)}" for k, v in value.items()) + "}"
        if isinstance(value, (list, tuple)):
            try:  # (a list of events digested already: each looked up in C, as self would)
                return "[" + ",".join(map(self.known.__getitem__, map(id, value))) + "]"
            except KeyError:
                return "[" + ",".join(map(self, value)) + "]"
        if isinstance(value, Publisher):
            return f"Publisher({value.name!r},{value.anchor!r},{self(value.articles)})"
        if isinstance(value, (MonthGroup, YearGroup)):
            return f"{type(value).__name__}({value.label if isinstance(value, MonthGroup) else value.year}," \
                   f"{value.anchor},{value.key_count},{self(value.events if isinstance(value, MonthGroup) else value.months)})"
        return repr(value)


def theme_fingerprint(config: SiteConfig) -> str:
    """What every page depends on besides its context: tlgen's code, the config (but not
    where the site lives on disk) and the templates' text."""
    from .cache import code_fingerprint

    portable = replace(config, root=Path("."), output_dir="", warnings=())
    digest = hashlib.sha256(code_fingerprint().encode() + repr(portable).encode())
    for root in (config.templates_path, theme_dir()):
        if root.is_dir():
            for path in sorted(root.rglob("*.html")):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _Renderer:
    """Turns a page (path, template, context) into bytes: the Jinja environment, the event
    list items rendered so far (an event's item is rendered once, however many lists show it)
    and where article bodies come from."""

    def __init__(self, config: SiteConfig, bodies: Callable[[Article], str], kept: Chunk = fresh_chunk) -> None:
        """kept: gives an event's list item, kept from an earlier build or made (see _Kept)."""
        self.env = _environment(config)
        self.url = self.env.globals["url"]
        self.bodies = bodies
        self.kept = kept
        self.fragments: dict[tuple, Markup] = {}
        # (through a weak reference: the environment holding the renderer would make the two a
        # cycle, and the renderer's items, tens of MB on a big site, would outlive the build's
        # pages until the garbage collector ran)
        renderer = weakref.ref(self)

        def item(*args, **kwargs) -> Markup:
            return renderer().event_item(*args, **kwargs)
        # (a global, for themes that call it; the default theme uses the filter, which Jinja
        # calls directly, not through Context.call: a big site's lists show a million items)
        self.env.globals["event_item"] = self.env.filters["event_item"] = item

    def event_item(self, event: Event, heading: int, key: bool, compact: bool = False) -> Markup:
        """An event's list item (_event.html); compact: its short form."""
        found = self.fragments.get((event.id, heading, key, compact))
        if found is None:
            found = self.kept(f"item{heading}{key:d}{'c' if compact else ''}", event,
                              lambda: self._render_item(event, heading, key, compact))
            if not isinstance(found, Markup):  # (kept text; a new item is Markup already, not copied)
                found = Markup(found)
            self.fragments[(event.id, heading, key, compact)] = found
        return found

    def _render_item(self, event: Event, heading: int, key: bool, compact: bool) -> Markup:
        return Markup(self.env.get_template("_event.html").render(
            event=event, h=heading, key_ids=frozenset({event.id}) if key else frozenset(), compact=compact))

    def render(self, path: str, template: str, context: dict, highlight: bool = False) -> bytes:
        """highlight: an article page, whose body is the article's HTML with its dated
        expressions marked (context: article, events)."""
        if highlight:
            article = context["article"]
            context = dict(context, body=Markup(highlight_article(article, context["events"], self.url,
                                                                  self.bodies(article))))
        try:
            text = self.env.get_template(template).render(page_path=path, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise TlgenError(f"template error: {exc.message}", path=exc.filename, line=exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            raise TlgenError(f"template {exc.name!r} not found",
                             hint="a site's templates/ may override theme files, not remove them") from None
        except jinja2.UndefinedError as exc:
            raise TlgenError(f"template {template}: {exc.message}") from None
        return text.encode("utf-8")


class _Kept:
    """A Chunk backed by the cache's item store: an event's text of one family of kinds
    ("item", "json", "ics" ...) as the last build left it, when the event is the same (key:
    digest of theme and event, then the kind), or made now and remembered in new. The family
    is read from the store once, on first need; a text is handed out once, then forgotten
    here (the caller keeps it)."""

    def __init__(self, items: "ItemStore", family: str, digest: Callable[[Event], str]) -> None:
        self.items, self.family, self.digest = items, family, digest
        self.known: dict[str, str] | None = None
        self.new: dict[str, str] = {}

    def __call__(self, kind: str, event: Event, make: Callable[[], str]) -> str:
        if self.known is None:
            self.known = self.items.load(self.family)
        key = f"{self.digest(event)}-{kind}"
        found = self.known.pop(key, None)
        if found is None:
            found = self.new[key] = make()
        return found


def render_site(timeline: Timeline, config: SiteConfig,
                previous: dict[str, bytes] | None = None,
                known: dict[str, str] | None = None) -> tuple[dict[str, bytes | Unchanged], dict[str, str]]:
    """Every output file of the site, keyed by its path relative to the output folder, and the
    input key of each page (see render_pages)."""
    keys: dict[str, str] = {}
    files = dict(sorted(render_pages(timeline, config, keys, previous, known)))
    return files, keys


def render_pages(timeline: Timeline, config: SiteConfig, keys: dict[str, str],
                 previous: dict[str, bytes] | None = None,
                 known: dict[str, str] | None = None,
                 bodies: Callable[[Article], str] | None = None,
                 items: "ItemStore | None" = None,
                 part: str = "all", share: "Ends | None" = None) -> Iterator[tuple[str, bytes | Unchanged]]:
    """Every output file of the site as (path relative to the output folder, bytes), one at a
    time, so a big site is never all in memory; each path once. keys receives the input key
    of each page before the page is yielded.

    previous: files of the previous build that exports compare against (only "timeline.ics",
    for the iCalendar SEQUENCE). known: page path -> input key of the file already in the
    output; a page whose key matches is not rendered again (Unchanged). bodies: gives an
    article's body when it is not in memory (Article.body_key). items: event list items kept
    from earlier builds (cache.ItemStore), updated once every page is made. The output is a
    function of the arguments alone (items only save work).

    part: "all" the files; "pages" only the event and article pages; "lists" all the others.
    Two processes, one rendering "pages" and one "lists", make the files of "all" between them
    (see build.write_site's helper). share: with "pages" and "lists", the article pages go to
    whichever process is free (forked.Ends over the articles by date, its first range):
    "pages" takes them from the front after the event pages, "lists" from the back after
    everything else; so do the tags' pages (its range TAGS, over timeline.tags): "lists"
    takes them from the front, "pages" from the back once it has run out of articles (a
    rebuild after one new article re-renders few event and article pages, and many tag
    pages); and the data files (timeline.json, timelinejs.json, timeline.csv, timeline.ics)
    go to the one that claims them first, "pages" after the event pages, "lists" after the
    lists (without share, "lists" makes them)."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    pages_here, lists_here = part != "lists", part != "pages"
    previous = previous or {}
    known = known or {}
    pages: dict[str, bytes | Unchanged] = {}  # made, not yet yielded (see drain)
    sitemap: list[tuple[str, object]] = []
    theme = theme_fingerprint(config)
    fingerprint = _Fingerprints(timeline.digests, timeline.articles)

    item_digests: dict[int, tuple[Event, str]] = {}  # id -> (the event, held so the id is not reused; digest)

    def item_digest(event: Event) -> str:
        """What an event's texts are kept under (each export family and the lists ask)."""
        found = item_digests.get(id(event))
        if found is None:
            found = item_digests[id(event)] = (event, hashlib.sha1(f"{theme}\0{fingerprint(event)}".encode()).hexdigest())
        return found[1]

    list_items = _Kept(items, "item", item_digest) if items is not None else None
    renderer = _Renderer(config, bodies or (lambda article: article.body_html), list_items or fresh_chunk)

    def export(make: Callable[[Chunk], str | bytes], family: str) -> str | bytes:
        """make(chunk): an export whose per-event texts are kept in items."""
        if items is None:
            return make(fresh_chunk)
        kept = _Kept(items, family, item_digest)
        made = make(kept)
        items.add(family, kept.new)
        return made

    moments: dict = {}  # event id -> (first, last) report, for the feeds

    newest: dict[str | None, list[Event]] | None = None  # tag (None: all events) -> what its feed shows

    def feed(path: str, tag: str | None, page_path: str, title: str) -> None:
        """The Atom feed of tag's events (None: of all events), unless the one there shows the
        same: its key digests the events it shows (the newest reported) and their articles, so
        a new event further back in time leaves it as it was."""
        nonlocal newest
        if newest is None:  # (all feeds' choices at once: far quicker than a ranking per feed)
            newest = newest_by_tag(events, articles, config, moments)
        chosen = newest.get(tag, [])
        covered = tuple(articles[slug] for slug in dict.fromkeys(
            source.article_slug for event in chosen for source in event.sources if source.article_slug in articles)
        ) if chosen else timeline.articles
        key = hashlib.sha256(f"{theme}\0{path}\0{page_path}\0{title}\0{fingerprint(tuple(chosen))}\0"
                             f"{fingerprint(covered)}".encode()).hexdigest()
        keys[path] = key
        pages[path] = Unchanged(key) if known.get(path) == key else atom_feed(
            chosen, articles, config, feed_path=path, page_path=page_path, title=title, moments=moments,
            chosen=chosen).encode("utf-8")

    def page(path: str, template: str, *, lastmod=None, listed: bool = True, highlight: bool = False,
             here: bool = True, inputs=None, digest: str | None = None, make: Callable[[], dict] | None = None,
             **context) -> None:
        """Render template to path, unless its inputs are those of the file already there.
        highlight: an article page (see _Renderer.render). here: False for a page another
        process renders (only its sitemap entry is made here). make: gives the context, from
        `inputs` alone (the key digests inputs; make runs only if the page is rendered), or
        from what `digest` was made of (the caller's digest of it: the tens of thousands of
        event and article pages make theirs in one string)."""
        if listed:
            sitemap.append((path.removesuffix("index.html"), lastmod))
        if not here:
            return
        if digest is None:
            digest = fingerprint(inputs if make is not None else context)
        key = hashlib.sha256(f"{theme}\0{template}\0{path}\0{digest}".encode()).hexdigest()
        keys[path] = key
        if known.get(path) == key:
            pages[path] = Unchanged(key)
        else:
            pages[path] = renderer.render(path, template, make() if make is not None else context, highlight)

    def drain() -> list[tuple[str, bytes | Unchanged]]:
        for path in pages:
            if path.startswith("/") or ".." in path.split("/") or os.sep != "/" and os.sep in path:
                # Whatever a slug or id contains, no page may escape the output folder.
                raise TlgenError(f"refusing to write outside the output folder: {path!r}")
        ready = list(pages.items())
        pages.clear()
        return ready

    events = timeline.events
    articles = {article.slug: article for article in timeline.articles}
    events_by_article: dict[str, list[Event]] = {slug: [] for slug in articles}
    events_by_tag: dict[str, list[Event]] = {tag: [] for tag in timeline.tags}
    for event in events:
        for slug in dict.fromkeys(source.article_slug for source in event.sources):
            events_by_article[slug].append(event)
        for tag in event.tags:
            events_by_tag[tag].append(event)

    # The latest report of each event, by the event object (the lists hold the same objects):
    # looked up in C for the hundreds of thousands of list entries of a big site.
    latest_report = {id(event): max((source.published for source in event.sources), default=None)
                     for event in events}

    def reported(event: Event):
        return latest_report[id(event)]

    def last_reported(listed) -> object:
        """A list page's lastmod: the latest report of its events."""
        return max(map(latest_report.__getitem__, map(id, listed)), default=None)

    key_ids = key_event_ids(events, config.key_events)

    def keys_among(listed) -> frozenset[str]:
        """What a list page shows of the key events: which of its own events are key. (Its key
        is made of these, not of all key events: a new article that changes the key events
        re-renders only the lists that show the events it moved.)"""
        return frozenset(event.id for event in listed if event.id in key_ids)
    latest = max((article.published for article in timeline.articles), default=None)
    # Years with many events list them month by month, so no page grows heavy; an event page
    # links back to the list that holds it.
    all_years = paged_years(group_by_month(events, key_ids), YEAR_PAGE_MOST)
    listed_at = {event.id: (group.page or f"years/{year.year}/",
                            _page_label(group.page) if group.page else str(year.year))
                 for year in all_years for group in year.months for event in group.events}
    if lists_here:
        index_has_all = len(events) <= INDEX_ALL_UP_TO
        shown = events if index_has_all else _key_events(events, key_ids)
        tag_list = [(tag, slugify(tag), len(events_by_tag[tag])) for tag in timeline.tags]
        # The lists' contexts are made only for the pages rendered; their keys digest what
        # the contexts are made of (events, key events, tags), which costs far less.
        page("index.html", "index.html", lastmod=latest, inputs=(events, key_ids, timeline.tags),
             make=lambda: dict(years=group_by_month(shown, key_ids), events=shown, total=len(events),
                               key_ids=key_ids, key_count=len(key_ids), index_has_all=index_has_all,
                               all_years=all_years, tags=timeline.tags, filter_tags=_tag_options(shown)))
        page("years/index.html", "years.html", lastmod=latest, inputs=(events, key_ids),
             make=lambda: dict(years=all_years, total=len(events)))
        for number, year in enumerate(all_years):
            year_events = year.events
            before = all_years[number - 1] if number > 0 else None
            after = all_years[number + 1] if number + 1 < len(all_years) else None
            months = month_pages(year) if year.months and year.months[0].page else []
            page(f"years/{year.year}/index.html", "year.html",
                 lastmod=last_reported(year_events),
                 inputs=(year_events, keys_among(year_events), before, after),
                 make=lambda year=year, year_events=year_events, before=before, after=after, months=months:
                 _year_context(year, year_events, key_ids, before, after, months))
            for index, (label, path, held) in enumerate(months):
                month_events = held.events
                around = (months[index - 1][:2] if index > 0 else None,
                          months[index + 1][:2] if index + 1 < len(months) else None)
                page(path + "index.html", "month.html",
                     lastmod=last_reported(month_events),
                     inputs=(year.year, label, held, keys_among(month_events), around),
                     make=lambda label=label, held=held, month_events=month_events, around=around: dict(
                         label=label, year=held.year, years=(held,), events=month_events, key_ids=key_ids,
                         previous=around[0], next=around[1], filter_tags=_tag_options(month_events)))
        yield from drain()
    def event_page(index: int, event: Event) -> None:
        if not pages_here:  # (its sitemap entry)
            page(event.page + "index.html", "event.html", lastmod=reported(event), here=False)
            return
        before = events[index - 1] if index > 0 else None
        after = events[index + 1] if index + 1 < len(events) else None
        is_key = event.id in key_ids
        at, label = listed_at[event.id]
        page(event.page + "index.html", "event.html", lastmod=reported(event),
             digest=f"{fingerprint((event, before, after))}\0{is_key:d}\0{at}\0{label}",
             make=lambda: dict(event=event, key=is_key, listed_at=at, listed_label=label,
                               previous=before, next=after))

    for index, event in enumerate(events):
        event_page(index, event)
        yield from drain()
    if pages_here:  # (in the process of the event pages: the other, of the lists, is the one that ends last)
        pages.update(moved_tables(events))
        yield from drain()
    ordered_articles = tuple(sorted(articles.values(), key=lambda a: (a.published, a.slug)))

    # What the data files depend on: the timeline's events and articles (one key for them).
    # (and their scores, which timeline.json shows and the events' digests leave out)
    data_key = hashlib.sha256(f"{theme}\0{fingerprint(events)}\0{fingerprint(timeline.articles)}\0"
                              f"{','.join(repr(event.score) for event in events)}".encode()).hexdigest()

    def data_files() -> Iterator[tuple[str, bytes | Unchanged]]:
        """The timeline as data."""
        made_by = {
            "timeline.json": lambda: export(lambda chunk: timeline_json(timeline, config, chunk, encoded=True),
                                            "json"),
            "timelinejs.json": lambda: export(lambda chunk: timelinejs_json(timeline, config, chunk,
                                                                            encoded=True), "tljs"),
            "timeline.csv": lambda: export(lambda chunk: timeline_csv(timeline, config, chunk), "csv"),
            "timeline.ics": lambda: export(lambda chunk: timeline_ics(
                timeline, config, previous.get("timeline.ics"), moments, chunk), "ics"),
        }
        yield from whole_files(made_by, data_key)

    def whole_files(made_by: dict[str, Callable[[], str | bytes]], key: str
                    ) -> Iterator[tuple[str, bytes | Unchanged]]:
        """Files made whole (the data exports, the sitemap), all under one key: made unless the
        one there has it."""
        for path, make in made_by.items():
            keys[path] = key
            made = Unchanged(key) if known.get(path) == key else make()
            pages[path] = made.encode("utf-8") if isinstance(made, str) else made
            del made  # (a big export: not held twice while the next is made)
            yield from drain()

    def data_files_here() -> bool:
        """Two processes: the data files go to the first one free (the event pages are quick
        when few events changed; the lists when most did)."""
        return share.claim() if share is not None else part != "pages"

    if part == "pages" and data_files_here():
        yield from data_files()

    def article_page(article: Article, here: bool = True) -> None:
        shown = tuple(events_by_article[article.slug])
        page(article.page + "index.html", "article.html", lastmod=article.published, here=here, highlight=True,
             digest=f"{fingerprint(article)}\0{fingerprint(shown)}" if here else None,
             make=lambda: dict(article=article, events=shown))

    def tag_pages(tag: str, tag_events: tuple[Event, ...], here: bool = True) -> None:
        """A tag's pages and feed (here False: the other process renders them; only their
        sitemap entries are made here)."""
        slug = slugify(tag)
        common = dict(tag=tag, tag_slug=slug, total=len(tag_events), key_ids=key_ids, month=None, month_pages=())
        lastmod = last_reported(tag_events)
        if len(tag_events) <= INDEX_ALL_UP_TO:
            page(f"tags/{slug}/index.html", "tag.html", lastmod=lastmod, here=here,
                 inputs=(tag, tag_events, keys_among(tag_events)),
                 make=lambda tag_events=tag_events, common=common: dict(
                     years=group_by_month(tag_events), events=tag_events, year=None, year_pages=(),
                     filter_tags=_tag_options(tag_events), **common))
        else:  # a large tag: its key events, and a page per year, like the index
            by_year = [(year, tuple(found)) for year, found in
                       itertools.groupby(tag_events, key=lambda event: event.span.start.year)]
            year_pages = tuple(year for year, _ in by_year)

            def tag_index(tag_events=tag_events, year_pages=year_pages, common=common) -> dict:
                tag_keys = key_event_ids(tag_events, config.key_events)
                shown = _key_events(tag_events, tag_keys)
                return dict(years=group_by_month(shown), events=shown, year=None, year_pages=year_pages,
                            filter_tags=_tag_options(shown), **common)

            page(f"tags/{slug}/index.html", "tag.html", lastmod=lastmod, here=here,
                 inputs=(tag, tag_events, keys_among(tag_events)),
                 make=tag_index)
            for year, year_events in by_year:
                # A year's page shows that year's count, not the tag's: a new event under the
                # tag changes only its own year's page.
                inputs = (tag, year, year_events, year_pages, keys_among(year_events))
                if len(year_events) <= YEAR_PAGE_MOST:
                    page(f"tags/{slug}/{year}/index.html", "tag.html", here=here,
                         lastmod=last_reported(year_events), inputs=inputs,
                         make=lambda year=year, year_events=year_events, year_pages=year_pages, common=common:
                         dict(common, years=group_by_month(year_events), events=year_events, year=year,
                              year_pages=year_pages, filter_tags=_tag_options(year_events),
                              total=len(year_events)))
                    continue
                # A year of many events under this tag: month by month, like the year pages.
                paged = paged_years(group_by_month(year_events), YEAR_PAGE_MOST, f"tags/{slug}/")[0]
                months = month_pages(paged)
                listing = [(label, path, held.count) for label, path, held in months]
                page(f"tags/{slug}/{year}/index.html", "tag.html", here=here,
                     lastmod=last_reported(year_events), inputs=inputs,
                     make=lambda year=year, year_events=year_events, year_pages=year_pages, common=common,
                     listing=listing: _tag_year_context(year, year_events, year_pages, listing, common))
                siblings = [(label, path, None) for label, path, _ in listing]  # (no counts: see above)
                for label, path, held in months:
                    month_events = held.events
                    page(path + "index.html", "tag.html", lastmod=last_reported(month_events), here=here,
                         inputs=(tag, year, label, held, siblings, year_pages, keys_among(month_events)),
                         make=lambda year=year, year_pages=year_pages, common=common, siblings=siblings,
                         label=label, held=held, month_events=month_events: dict(
                             common, years=(held,), events=month_events, year=year, year_pages=year_pages,
                             filter_tags=_tag_options(month_events), month=label, month_pages=siblings,
                             total=len(month_events)))
        if here:
            feed(f"tags/{slug}/feed.xml", tag, f"tags/{slug}/", f"{config.title}: {tag}")

    tags = [(tag, tuple(tag_events)) for tag, tag_events in events_by_tag.items()]

    if share is None:
        for article in ordered_articles:
            article_page(article, here=pages_here)
            yield from drain()
    elif pages_here:  # articles from the front, until they meet the other process's; then tags
        while (number := share.front()) is not None:
            article_page(ordered_articles[number])
            yield from drain()
        while (number := share.back(TAGS)) is not None:  # (from the back: the lists take them from the front)
            tag_pages(*tags[number])
            yield from drain()
        return
    else:
        for article in ordered_articles:
            article_page(article, here=False)  # (the sitemap lists them all)
    if not lists_here:
        return
    if share is None:
        for tag, tag_events in tags:
            tag_pages(tag, tag_events)
            yield from drain()
    else:  # tags from the front, until they meet the other process's
        ours = 0
        while (number := share.front(TAGS)) is not None:
            tag_pages(*tags[number])
            ours = number + 1
            yield from drain()
        for tag, tag_events in tags[ours:]:
            tag_pages(tag, tag_events, here=False)  # (the sitemap lists them all)
    page("tags/index.html", "tags.html", lastmod=latest, tags=tag_list)
    publishers = group_by_publisher(ordered_articles)
    event_counts = {slug: len(found) for slug, found in events_by_article.items()}
    if len(ordered_articles) <= SOURCES_PAGE_MOST:
        page("sources/index.html", "sources.html", lastmod=latest, publishers=publishers,
             event_counts=event_counts, publisher=None, publisher_pages=(), period=None, period_pages=(),
             publisher_path="")
    else:  # many articles: the publishers here, each one's articles on a page of its own
        paths = _publisher_pages(publishers)
        page("sources/index.html", "sources.html", lastmod=latest, publishers=(), event_counts={},
             publisher=None, period=None, period_pages=(), publisher_path="",
             publisher_pages=[(p.name, path, len(p.articles)) for p, path in zip(publishers, paths)])
        for publisher, path in zip(publishers, paths):
            # A publisher of many articles: a page per year (per month, for a year of many).
            periods = _publisher_periods(publisher, path) if len(publisher.articles) > SOURCES_PAGE_MOST else []
            common = dict(publisher_pages=(), publisher_path=path)
            page(path + "index.html", "sources.html", lastmod=max(a.published for a in publisher.articles),
                 publishers=(publisher,), publisher=publisher, period=None,
                 period_pages=[(label, held_path, len(held.articles)) for label, held_path, held in periods],
                 event_counts={} if periods else {article.slug: event_counts[article.slug]
                                                  for article in publisher.articles}, **common)
            for label, held_path, held in periods:
                page(held_path + "index.html", "sources.html", lastmod=held.articles[0].published,
                     publishers=(held,), publisher=held, period=label, period_pages=(),
                     event_counts={article.slug: event_counts[article.slug] for article in held.articles},
                     **common)
    page("404.html", "404.html", listed=False)

    if data_files_here():
        yield from data_files()
    feed("feed.xml", None, "", config.title)
    # The sitemap depends on the whole site: one key for it and robots.txt.
    export_key = hashlib.sha256(f"{data_key}\0{fingerprint(sitemap)}".encode()).hexdigest()
    exports = {
        "sitemap.xml": lambda: sitemap_xml(config, sitemap),
        "robots.txt": lambda: robots_txt(config),
    }
    yield from whole_files(exports, export_key)
    pages[".nojekyll"] = b""
    if config.cname:
        pages["CNAME"] = (config.cname + "\n").encode("ascii")
    for output, path in static_files(config):
        pages[output] = path.read_bytes()
    yield from drain()
    # The lists are done, and with them the list items (kept now, before the articles: the
    # other process takes more of those meanwhile; a theme whose article pages show items too
    # has those kept after them)
    saved = -1
    if list_items is not None:
        items.save("item", list_items.new, {item_digest(event) for event in events})
        saved = len(list_items.new)
    if share is not None:  # articles from the back, until they meet
        while (number := share.back()) is not None:
            article_page(ordered_articles[number])
            yield from drain()
    if list_items is not None and len(list_items.new) > saved:  # (only those made since: the rest are kept)
        items.add("item", dict(itertools.islice(list_items.new.items(), saved, None)))
