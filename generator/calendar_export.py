"""timeline.ics: the timeline as an iCalendar (RFC 5545) file, one all-day VEVENT per event.

- UID is "<event id>@<site host>", stable across builds (the host is taken from base_url;
  with a relative base_url it is "tlgen.invalid").
- DTSTART;VALUE=DATE is the first day, DTEND;VALUE=DATE the day after the last (DTEND is
  exclusive), so "May 2019" spans May 1 up to June 1 and a weekend two days.
- DTSTAMP is the latest publication of the event's sources (from the data, not the clock).
- SEQUENCE starts at 0 and is raised by one when an event's dates change from the previous
  build, read from the previous timeline.ics that the caller passes in.
- Lines are folded at 75 octets and end in CRLF.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Mapping
from urllib.parse import urlsplit

from . import __version__
from .config import SiteConfig
from .dates import format_span
from .export import Chunk, absolute_url, fresh_chunk
from .feeds import moments_of
from .model import Article, Event, Timeline

CRLF = "\r\n"


def site_host(config: SiteConfig) -> str:
    host = urlsplit(config.site_url).hostname if config.site_url else None
    return host or "tlgen.invalid"


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    if len(data) == len(line):  # ASCII: one octet per character
        pieces = [line[:75]] + [line[i:i + 74] for i in range(75, len(line), 74)]
        return (CRLF + " ").join(pieces)
    pieces: list[str] = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with one space
        current += encoded
    pieces.append(current.decode("utf-8"))
    return (CRLF + " ").join(pieces)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


_UNFOLD = re.compile(r"\r?\n[ \t]")
# What previous_versions reads of a calendar, at the start of a line: the fields it needs, with
# their continuation lines (parameters after ';' ignored), and the lines that open and close
# an event. One pass of the regex finds them all; a big site's calendar has 400,000 lines.
_KEPT_LINE = re.compile(r"\n[ \t]*(?:(UID|SEQUENCE|DTSTART|DTEND)[ \t]*(?:;[^:\r\n]*)?:"
                        r"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)|(?-i:(BEGIN|END):VEVENT))", re.I)


def previous_versions(ics: bytes | str | None) -> dict[str, tuple[int, str, str]]:
    """UID -> (SEQUENCE, DTSTART value, DTEND value) from a previous timeline.ics."""
    if not ics:
        return {}
    text = ics.decode("utf-8", "replace") if isinstance(ics, bytes) else ics
    found: dict[str, tuple[int, str, str]] = {}
    fields: dict[str, str] | None = None  # (None: outside an event)
    for name, value, marker in _KEPT_LINE.findall("\n" + text):
        if marker == "BEGIN":
            fields = {}
        elif marker:
            uid = fields.get("UID") if fields is not None else None
            if uid:
                try:
                    sequence = int(fields.get("SEQUENCE", "0"))
                except ValueError:
                    sequence = 0
                found[uid] = (sequence, fields.get("DTSTART", ""), fields.get("DTEND", ""))
            fields = None
        elif fields is not None:
            fields.setdefault(name.upper(), (_UNFOLD.sub("", value) if "\n" in value else value).strip())
    return found


def _sequence(event: Event, host: str, start: str, end: str,
              previous: Mapping[str, tuple[int, str, str]]) -> int:
    """The previous SEQUENCE of this event (or of an event merged into it), raised by one if its
    dates changed; 0 for an event not seen before."""
    before = [previous[uid] for uid in (f"{event.id}@{host}", *(f"{alias}@{host}" for alias in event.aliases))
              if uid in previous]
    if not before:
        return 0
    sequence, old_start, old_end = before[0]
    sequence = max([sequence] + [seq for seq, _, _ in before])
    return sequence if (old_start, old_end) == (start, end) else sequence + 1


def timeline_ics(timeline: Timeline, config: SiteConfig, previous_ics: bytes | str | None = None,
                 moments: dict[str, tuple[dt.datetime, dt.datetime]] | None = None,
                 chunk: Chunk | None = None) -> str:
    """moments: event id -> feeds.event_moments, when the caller has them already. chunk:
    see export.Chunk (an event's text also depends on its SEQUENCE, part of the kind)."""
    host = site_host(config)
    moments = {} if moments is None else moments
    previous = previous_versions(previous_ics)
    articles: Mapping[str, Article] = {article.slug: article for article in timeline.articles}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//tlgen//tlgen {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(config.title)}",
    ]
    if config.description:
        lines.append(f"X-WR-CALDESC:{escape_text(config.description)}")
    head = "".join(fold(line) + CRLF for line in lines)

    def vevent(event: Event, start: str, end: str, sequence: int) -> str:
        _, last = moments_of(event, articles, config, moments)
        description = format_span(event.span)
        if event.summary and event.summary != event.title:
            description += "\n\n" + event.summary
        sources = [f"{source.publisher or source.title}: {absolute_url(config, source.url)}"
                   for source in event.sources]
        if sources:
            description += "\n\nSources:\n" + "\n".join(sources)
        block = [
            "BEGIN:VEVENT",
            f"UID:{event.id}@{host}",
            f"DTSTAMP:{_utc(last)}",
            f"DTSTART;VALUE=DATE:{start}",
            f"DTEND;VALUE=DATE:{end}",
            f"SEQUENCE:{sequence}",
            f"SUMMARY:{escape_text(event.title)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"URL;VALUE=URI:{absolute_url(config, event.page)}",
        ]
        if event.tags:
            block.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in event.tags))
        block += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        return "".join(fold(line) + CRLF for line in block)

    chunk = chunk or fresh_chunk
    parts = [head]
    for event in timeline.events:
        start = _date(event.span.start)
        end = _date(event.span.end + dt.timedelta(days=1))
        sequence = _sequence(event, host, start, end, previous)
        parts.append(chunk(f"ics{sequence}", event,
                           lambda e=event, s=start, n=end, q=sequence: vevent(e, s, n, q)))
    parts.append(fold("END:VCALENDAR") + CRLF)
    return "".join(parts)
