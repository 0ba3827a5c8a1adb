"""Atom 1.0 feeds of the timeline: one for the site (feed.xml), one per tag (tags/<tag>/feed.xml).

An entry is an event. Feeds list the events most recently reported first, since that is what
is new to a subscriber; `updated` is the latest publication date of the sources behind an
entry (the feed's own is the latest publication date of the articles it covers), never the
clock, so the same content gives the same feed. Links are absolute when base_url is absolute;
with a relative base_url they are written as they are and feed readers cannot follow them.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from . import __version__
from .config import SiteConfig
from .dates import format_span
from .export import absolute_url
from .model import Article, Event

FEED_LIMIT = 50  # entries per feed: the most recently reported events


def article_moment(article: Article, config: SiteConfig) -> dt.datetime:
    """When an article was published, as an aware datetime (midnight in the site zone if no time)."""
    if article.published_at is not None:
        return article.published_at
    return dt.datetime.combine(article.published, dt.time(), tzinfo=config.tz)


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def event_moments(event: Event, articles: Mapping[str, Article], config: SiteConfig) -> tuple[dt.datetime, dt.datetime]:
    """(first, last) publication moment among the event's sources."""
    moments = sorted(article_moment(articles[source.article_slug], config)
                     for source in event.sources if source.article_slug in articles)
    if not moments:  # an event always has a source; be safe for hand-built timelines
        fallback = dt.datetime.combine(event.span.start, dt.time(), tzinfo=dt.timezone.utc)
        return fallback, fallback
    return moments[0], moments[-1]


def moments_of(event: Event, articles: Mapping[str, Article], config: SiteConfig,
               memo: dict[str, tuple[dt.datetime, dt.datetime]]) -> tuple[dt.datetime, dt.datetime]:
    """event_moments, through memo (event id -> moments), shared by one build's feeds and
    calendar."""
    found = memo.get(event.id)
    if found is None:
        found = memo[event.id] = event_moments(event, articles, config)
    return found


def _entry(event: Event, first: dt.datetime, last: dt.datetime, config: SiteConfig) -> str:
    link = absolute_url(config, event.page)
    content = f"<p><strong>{escape(format_span(event.span))}</strong></p>"
    if event.summary and event.summary != event.title:
        content += f"<p>{escape(event.summary)}</p>"
    items = []
    for source in event.sources:
        label = escape(source.title) + (f", {escape(source.publisher)}" if source.publisher else "")
        items.append(f'<li><a href={quoteattr(absolute_url(config, source.url))}>{label}</a></li>')
    content += "<ul>" + "".join(items) + "</ul>"
    summary = format_span(event.span) + (f": {event.summary}" if event.summary else "")
    lines = [
        "  <entry>",
        f"    <title>{escape(event.title)}</title>",
        f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
        f"    <id>{escape(link)}</id>",
        f"    <published>{rfc3339(first)}</published>",
        f"    <updated>{rfc3339(last)}</updated>",
        f"    <summary type=\"text\">{escape(summary)}</summary>",
        f"    <content type=\"html\">{escape(content)}</content>",
    ]
    lines += [f"    <category term={quoteattr(tag)}/>" for tag in event.tags]
    lines.append("  </entry>")
    return "\n".join(lines)


def report_moments(events: Iterable[Event], articles: Mapping[str, Article], config: SiteConfig,
                   moments: dict[str, tuple[dt.datetime, dt.datetime]]) -> None:
    """moments_of every event, each article's moment worked out once (a big site's feeds
    rank tens of thousands of events)."""
    of_article: dict[str, dt.datetime] = {}
    for event in events:
        if event.id in moments:
            continue
        found = []
        for source in event.sources:
            slug = source.article_slug
            moment = of_article.get(slug)
            if moment is None and slug in articles:
                moment = of_article[slug] = article_moment(articles[slug], config)
            if moment is not None:
                found.append(moment)
        # (min and max: the first and last of event_moments, the same instants)
        moments[event.id] = (min(found), max(found)) if found else event_moments(event, articles, config)


def ranked_by_report(events: list[Event] | tuple[Event, ...],
                     moments: dict[str, tuple[dt.datetime, dt.datetime]]) -> list[Event]:
    """events, the most recently reported first; events reported at the same moment keep
    their order. moments: moments_of each event."""
    order = sorted(range(len(events)), key=lambda i: (moments[events[i].id][1], -i), reverse=True)
    return [events[i] for i in order]


def newest_reported(events: Iterable[Event], articles: Mapping[str, Article], config: SiteConfig,
                    moments: dict[str, tuple[dt.datetime, dt.datetime]]) -> list[Event]:
    """The events a feed of these events shows: at most FEED_LIMIT, the most recently
    reported first (see ranked_by_report). moments: see atom_feed."""
    events = list(events)
    report_moments(events, articles, config, moments)
    return ranked_by_report(events, moments)[:FEED_LIMIT]


def newest_by_tag(events: tuple[Event, ...], articles: Mapping[str, Article], config: SiteConfig,
                  moments: dict[str, tuple[dt.datetime, dt.datetime]]) -> dict[str | None, list[Event]]:
    """newest_reported of all events (under None) and of each tag's events (under the tag),
    from one ranking: a tag's events keep their order in the timeline."""
    report_moments(events, articles, config, moments)
    chosen: dict[str | None, list[Event]] = {None: []}
    for event in ranked_by_report(events, moments):
        for tag in (None, *event.tags):
            found = chosen.setdefault(tag, [])
            if len(found) < FEED_LIMIT:
                found.append(event)
    return chosen


def atom_feed(events: Iterable[Event], articles: Mapping[str, Article], config: SiteConfig, *,
              feed_path: str, page_path: str, title: str,
              moments: dict[str, tuple[dt.datetime, dt.datetime]] | None = None,
              chosen: list[Event] | None = None) -> str:
    """An Atom document for the events, newest reports first, at most FEED_LIMIT entries.
    moments: event id -> event_moments, shared by the feeds of one build (filled as needed).
    chosen: newest_reported(events, ...) when the caller has it already. The feed depends on
    the chosen events and their articles alone (on all of articles when there are none)."""
    moments = {} if moments is None else moments
    if chosen is None:
        chosen = newest_reported(events, articles, config, moments)
    if chosen:
        updated = max(moments[event.id][1] for event in chosen)
    elif articles:
        updated = max(article_moment(article, config) for article in articles.values())
    else:
        updated = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    page_url = absolute_url(config, page_path)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>',
        f"  <title>{escape(title)}</title>",
    ]
    if config.description:
        lines.append(f"  <subtitle>{escape(config.description)}</subtitle>")
    lines += [
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(absolute_url(config, feed_path))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url)}/>",
        f"  <id>{escape(page_url)}</id>",
        f"  <updated>{rfc3339(updated)}</updated>",
        f"  <author><name>{escape(config.author or config.title)}</name></author>",
        f"  <generator version={quoteattr(__version__)}>tlgen</generator>",
    ]
    lines += [_entry(event, *moments[event.id], config) for event in chosen]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
