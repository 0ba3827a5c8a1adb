"""Machine-readable exports of the Timeline. `timeline.json` is the public data contract;
its JSON Schema is generator/schema/timeline.schema.json.

The other exports are written from the same model: `timelinejs.json` (Knight Lab TimelineJS3),
`timeline.csv` (TimelineSetter columns), `sitemap.xml` and `robots.txt`. The Atom feeds live in
feeds.py and the iCalendar file in calendar_export.py. Nothing here reads the clock: every date
in every file comes from the articles.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html import escape
from typing import Any, Callable, Iterable
from xml.sax.saxutils import escape as xml_escape

from .config import SiteConfig
from .dates import format_span
from .model import Article, Event, Timeline

SCHEMA_VERSION = 1

# chunk(kind, event, make) -> the text an export writes for one event: make(), or the same
# text kept from an earlier build (render keeps them per event in the cache).
Chunk = Callable[[str, Event, Callable[[], str]], str]


def fresh_chunk(kind: str, event: Event, make: Callable[[], str]) -> str:
    return make()


def absolute_url(config: SiteConfig, path: str = "") -> str:
    """The URL of a site path for use outside the site (feeds, calendars, sitemap).

    Absolute when base_url is absolute; with a relative base_url ("/" or "/proj/") the path is
    only prefixed with it, so feed readers need an absolute base_url to follow the links."""
    return (config.site_url or config.base_path) + path.lstrip("/")


def event_record(event: Event) -> dict[str, Any]:
    span = event.span
    return {
        "id": event.id,
        "title": event.title,
        "summary": event.summary,
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "precision": span.precision,
        "value": span.value,
        "mod": span.mod,
        "display_date": format_span(span),
        "url": event.page,
        "score": event.score,
        "confidence": event.confidence,
        "tags": list(event.tags),
        "disagreement": event.disagreement,
        "aliases": list(event.aliases),
        "sources": [
            {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "original_url": source.original_url,
                "quote": source.quote,
                "expression": source.expression,
                "published": source.published.isoformat(),
                "start": source.span.start.isoformat(),
                "end": source.span.end.isoformat(),
                "precision": source.span.precision,
            }
            for source in event.sources
        ],
    }


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_with_list(head: dict[str, Any], name: str, items: Iterable) -> str:
    """A JSON object whose list `name` comes last, one item per line: readable and diffable,
    and written by the C encoder (indent= makes json fall back to its slow Python encoder).
    items may be a generator: each is encoded as it comes, so a big site's records are never
    all in memory at once, only their text."""
    return json_with_lines(head, name, map(_compact, items))


def json_with_lines(head: dict[str, Any], name: str, lines: Iterable[str], encoded: bool = False) -> str | bytes:
    """json_with_list, its items given as compact JSON text. encoded: UTF-8 bytes, each line
    encoded as it comes (a big site's text is then held once, as bytes; joined as text, one
    non-ASCII character anywhere makes the whole string two bytes a character)."""
    piece = str.encode if encoded else str
    parts = [piece(_compact(head)[:-1] + ("," if head else "") + f'"{name}":[')]
    for line in lines:
        parts += (piece("\n" if len(parts) == 1 else ",\n"), piece(line))
    parts.append(piece("\n]}\n" if len(parts) > 1 else "]}\n"))
    return (b"" if encoded else "").join(parts)


def timeline_json(timeline: Timeline, config: SiteConfig, chunk: Chunk = fresh_chunk,
                  encoded: bool = False) -> str | bytes:
    head = {
        "version": SCHEMA_VERSION,
        "title": config.title,
        "description": config.description,
        "base_url": config.base_url,
    }
    # (the score in the kind: an event's kept text is keyed by what pages show of it, not its score)
    return json_with_lines(head, "events", (chunk(f"json{event.score!r}", event,
                                                  lambda e=event: _compact(event_record(e)))
                                            for event in timeline.events), encoded)


# --- TimelineJS3 --------------------------------------------------------------------------------

def _tljs_date(day: dt.date, precision: str) -> dict[str, int]:
    """A TimelineJS date object carrying only the parts the precision vouches for."""
    if precision in ("year", "decade"):
        return {"year": day.year}
    if precision in ("month", "quarter", "season", "half"):
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _sources_html(event: Event, config: SiteConfig) -> str:
    links = []
    for source in event.sources:
        label = source.publisher or source.title
        links.append(f'<a href="{escape(absolute_url(config, source.url))}">{escape(label)}</a>')
    noun = "Source" if len(links) == 1 else "Sources"
    return f"<p>{noun}: {', '.join(links)}</p>" if links else ""


def timelinejs_json(timeline: Timeline, config: SiteConfig, chunk: Chunk = fresh_chunk,
                    encoded: bool = False) -> str | bytes:
    """The Knight Lab TimelineJS3 JSON format. Its text fields are HTML, so every value is escaped."""
    head: dict[str, Any] = {
        "title": {"text": {"headline": escape(config.title),
                           "text": f"<p>{escape(config.description)}</p>" if config.description else ""}},
    }
    return json_with_lines(head, "events", (chunk("tljs", event, lambda e=event: _compact(_slide(e, config)))
                                            for event in timeline.events), encoded)


def _slide(event: Event, config: SiteConfig) -> dict[str, Any]:
    span = event.span
    text = ""
    if event.summary and event.summary != event.title:
        text += f"<p>{escape(event.summary)}</p>"
    text += _sources_html(event, config)
    text += f'<p><a href="{escape(absolute_url(config, event.page))}">About this event</a></p>'
    slide: dict[str, Any] = {
        "unique_id": f"event-{event.id}",
        "start_date": _tljs_date(span.start, span.precision),
        "display_date": format_span(span),
        "text": {"headline": escape(event.title), "text": text},
    }
    if span.end != span.start:
        slide["end_date"] = _tljs_date(span.end, span.precision)
    if event.tags:
        slide["group"] = event.tags[0]
    return slide


# --- TimelineSetter CSV -------------------------------------------------------------------------

CSV_COLUMNS = ("date", "display_date", "description", "link", "series", "html")


def timeline_csv(timeline: Timeline, config: SiteConfig, chunk: Chunk = fresh_chunk) -> str:
    """One row per event in TimelineSetter's columns; `html` holds the summary and sources."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    header = out.getvalue()

    def row(event: Event) -> str:
        html = ""
        if event.summary and event.summary != event.title:
            html += f"<p>{escape(event.summary)}</p>"
        html += _sources_html(event, config)
        out.seek(0)
        out.truncate()
        writer.writerow((event.span.start.isoformat(), format_span(event.span), event.title,
                         absolute_url(config, event.page), event.tags[0] if event.tags else "", html))
        return out.getvalue()

    return header + "".join(chunk("csv", event, lambda e=event: row(e)) for event in timeline.events)


# --- sitemap and robots -------------------------------------------------------------------------

def sitemap_xml(config: SiteConfig, pages: Iterable[tuple[str, dt.date | None]]) -> str:
    """pages: (site path of the page, e.g. "events/x/", its last change or None), in order."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in pages:
        entry = f"  <url><loc>{xml_escape(absolute_url(config, path))}</loc>"
        if lastmod is not None:
            entry += f"<lastmod>{lastmod.isoformat()}</lastmod>"
        lines.append(entry + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(config, 'sitemap.xml')}\n"


def latest_publication(articles: Iterable[Article]) -> dt.date | None:
    return max((article.published for article in articles), default=None)
