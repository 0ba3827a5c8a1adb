"""Merge stage: mentions from all articles -> one chronological Timeline of Events.

Two mentions are the same event when their dates are compatible and their wording shares
enough key terms (names weigh more than common words):
- compatible dates: one interval contains the other ("this past weekend" and "June 29"), or,
  for day dates a day or two apart, near-identical wording (the sources then disagree);
- two different events on the same day stay two when their wording differs.
The merged event takes the finest date all its sources agree with, and is flagged when some
sources give dates that cannot both be right.

An event's id is the key of its founding mention: the earliest-published report (authored
events with an `id:` keep it). Adding later reports never changes it; the keys of the other
mentions are kept as aliases, which the 404 page redirects (render.moved_tables), so a permalink
that once worked keeps working.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from collections import defaultdict

from .model import Article, Event, Mention, Source, Timeline
from .slug import slugify

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]+|\d+(?:\.\d+)?")
STOPWORDS = frozenset("""
a an the and or but if of in on at by for to from with without into onto over under after before
about as is are was were be been being has have had do does did will would shall should can could
may might must that this these those it its they them their he she his her we our you your i
said says say told also not no than then there here who whom which what when where why how all
any some more most other such only own same so too very just up down out off again further once
last next week weekend month year day today yesterday tomorrow monday tuesday wednesday thursday
friday saturday sunday january february march april june july august september october
november december earlier later ago new one two three four five six seven eight nine ten percent
mr mrs ms president officials official people time first says according while since during
""".split())

SIMILARITY_THRESHOLD = 0.2     # containment-compatible dates
NEAR_DATE_THRESHOLD = 0.5      # day dates one or two days apart: only near-identical wording
NEAR_DAYS = 2


def key_terms(text: str) -> frozenset[str]:
    """Content words, cheaply stemmed ("tariffs"/"tariff"); capitalized names marked with '^'."""
    terms = set()
    for index, word in enumerate(_WORD.findall(text)):
        lower = word.lower().replace("\u2019", "'")
        if lower in STOPWORDS or (len(lower) < 3 and not word[0].isdigit()):
            continue
        stem = lower[:7]
        terms.add(stem)
        if word[0].isupper() and index > 0:
            terms.add("^" + stem)  # a name shared by two reports is strong evidence
    return frozenset(terms)


def similarity(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _months(start: dt.date, end: dt.date) -> range:
    return range(start.year * 12 + start.month - 1, end.year * 12 + end.month)


class _GroupIndex:
    """Finds the groups a mention could join without scanning them all: groups with short
    spans by day, longer ones by month. A group is indexed under its first span; it only
    narrows later, so it stays findable under the days and months it was put in."""

    def __init__(self) -> None:
        self.by_day: dict[int, list] = defaultdict(list)
        self.by_month: dict[int, list] = defaultdict(list)

    def add(self, group: "_Group") -> None:
        span = group.span
        if (span.end - span.start).days < FINE_DAYS:
            for day in range(span.start.toordinal(), span.end.toordinal() + 1):
                self.by_day[day].append(group)
        else:
            for month in _months(span.start, span.end):
                self.by_month[month].append(group)

    def candidates(self, span) -> list:
        found: dict[int, object] = {}
        for month in _months(span.start, span.end):
            for group in self.by_month.get(month, ())[-MAX_CANDIDATES:]:
                found[id(group)] = group
        length = (span.end - span.start).days
        if length <= 366:  # a decade or more never absorbs single days
            first = span.start.toordinal() - NEAR_DAYS
            for day in range(first, span.end.toordinal() + NEAR_DAYS + 1):
                for group in self.by_day.get(day, ())[-MAX_CANDIDATES:]:
                    found[id(group)] = group
        return list(found.values())


FINE_DAYS = 7  # spans up to a week are indexed by day, longer ones by month
# Candidates looked at per day or month: bounds the merge on pathological input (one article
# naming one day 70,000 times) while far above what real news puts on a day.
MAX_CANDIDATES = 400


class _Group:
    def __init__(self, mention: Mention, terms: frozenset[str]) -> None:
        self.mentions = [mention]
        self.terms = set(terms)
        self.span = mention.span
        self.sentences = {(mention.article_slug, mention.quote)}

    def score(self, mention: Mention, terms: frozenset[str]) -> float:
        """How well mention fits this group (0 = not at all)."""
        span, other = self.span, mention.span
        if span.contains(other) or other.contains(span):
            needed = SIMILARITY_THRESHOLD
        elif (span.precision == other.precision == "day"
              and abs((span.start - other.start).days) <= NEAR_DAYS):
            needed = NEAR_DATE_THRESHOLD
        else:
            return 0.0
        sim = similarity(self.terms, terms)
        return sim if sim >= needed else 0.0

    def add(self, mention: Mention, terms: frozenset[str]) -> None:
        self.mentions.append(mention)
        self.terms |= terms
        self.sentences.add((mention.article_slug, mention.quote))
        # The finest date consistent with the group; an editor's authored date always stands.
        if not self.mentions[0].authored and self.span.contains(mention.span):
            self.span = mention.span


def merge(articles: tuple[Article, ...], mentions: tuple[Mention, ...]) -> Timeline:
    by_slug = {article.slug: article for article in articles}
    # Authored first (they lead their group), then the surest, then a stable order.
    ordered = sorted(mentions, key=lambda m: (not m.authored, m.inherited, -m.confidence,
                                              by_slug[m.article_slug].published, m.article_slug, m.key))
    groups: list[_Group] = []
    index = _GroupIndex()
    for mention in ordered:
        terms = key_terms(mention.quote + " " + mention.title)
        best, best_score = None, 0.0
        if not (mention.authored and mention.explicit_id):
            for group in index.candidates(mention.span):
                if mention.authored and group.mentions[0].authored:
                    continue  # two authored events are two events
                if (mention.article_slug, mention.quote) in group.sentences:
                    continue  # two events named in one sentence stay two
                fit = group.score(mention, terms)
                if fit > best_score:
                    best, best_score = group, fit
        if best is None:
            best = _Group(mention, terms)
            groups.append(best)
            index.add(best)
        else:
            best.add(mention, terms)

    references = _date_references(mentions, by_slug)
    events = []
    used_ids: set[str] = set()
    for group in groups:
        event = _event_from(group, by_slug, references)
        if event.id in used_ids:  # an authored id claimed twice: the later article's event yields
            suffix = hashlib.sha1(group.mentions[0].article_slug.encode()).hexdigest()[:6]
            event = replace(event, id=f"{event.id}-{suffix}")
        used_ids.add(event.id)
        excluded_by = {slug for slug in {m.article_slug for m in group.mentions}
                       if event.id in by_slug[slug].exclude_events}
        if excluded_by:
            group.mentions = [m for m in group.mentions if m.article_slug not in excluded_by]
            if not group.mentions:
                continue
            event = _event_from(group, by_slug, references)
        events.append(event)
    events = _unify_tags(events)
    events.sort(key=lambda e: (e.span.sort_key, e.title, e.id))
    tags = sorted({tag for event in events for tag in event.tags}, key=str.lower)
    return Timeline(events=tuple(events), articles=articles, tags=tuple(tags))


def _unify_tags(events: list[Event]) -> list[Event]:
    """Tags that share a page address ("a b", "A-B") are one tag, named as first in order."""
    names: dict[str, str] = {}
    for tag in sorted({tag for event in events for tag in event.tags}, key=lambda t: (t.lower(), t)):
        names.setdefault(slugify(tag), tag)
    unified = []
    for event in events:
        tags = tuple(sorted({names[slugify(tag)] for tag in event.tags}, key=str.lower))
        unified.append(event if tags == event.tags else replace(event, tags=tags))
    return unified


def reference_weight(published: dt.date, day: dt.date) -> float:
    """How much one article's mention of a day says about that day's importance.

    Looking back matters most, and more the longer after the fact (a date still cited weeks
    later was a turning point); a same-day report counts a little, an announcement of a
    future date less.
    """
    gap = (published - day).days
    if gap > 0:
        return min(3.0, gap ** 0.25)
    return 0.3


def _date_references(mentions: tuple[Mention, ...], by_slug: dict[str, Article]) -> dict[dt.date, dict[str, float]]:
    """For each day named at day precision, the articles that name it and their weights."""
    references: dict[dt.date, dict[str, float]] = defaultdict(dict)
    for mention in mentions:
        span = mention.span
        if span.precision == "day" and span.start == span.end:
            weight = reference_weight(by_slug[mention.article_slug].published, span.start)
            day_refs = references[span.start]
            day_refs[mention.article_slug] = max(day_refs.get(mention.article_slug, 0.0), weight)
    return references


def _event_from(group: _Group, by_slug: dict[str, Article],
                references: dict[dt.date, dict[str, float]]) -> Event:
    mentions = group.mentions
    lead = mentions[0]
    founder = lead if lead.explicit_id else min(
        mentions, key=lambda m: (not m.authored, by_slug[m.article_slug].published, m.article_slug, m.key))
    event_id = founder.explicit_id or founder.key
    aliases = tuple(sorted({m.key for m in mentions} - {event_id}))

    sources: list[Source] = []
    seen = set()
    for mention in sorted(mentions, key=lambda m: (by_slug[m.article_slug].published, m.article_slug, m.key)):
        article = by_slug[mention.article_slug]
        if (article.slug, mention.quote) in seen:
            continue
        seen.add((article.slug, mention.quote))
        anchor = f"#{mention.anchor}" if mention.anchor else ""
        sources.append(Source(
            article_slug=article.slug, title=article.title, publisher=article.source,
            url=article.page + anchor, original_url=article.url, quote=mention.quote,
            expression=mention.expression, published=article.published, span=mention.span,
            inherited=mention.inherited))
    disagreement = any(not a.span.overlaps(b.span) for a in mentions for b in mentions)
    confidence = max(m.confidence for m in mentions)
    # Evidence: every article that reports the event or refers to its day, weighted by when it
    # did so (see reference_weight), plus how sure the dating is (at most 1, a tie-breaker).
    span = group.span
    evidence: dict[str, float] = {}
    for mention in mentions:
        weight = reference_weight(by_slug[mention.article_slug].published, span.start)
        evidence[mention.article_slug] = max(evidence.get(mention.article_slug, 0.0), weight)
    if span.precision == "day" and (span.end - span.start).days < 3:
        day = span.start
        while day <= span.end:
            for slug, weight in references.get(day, {}).items():
                evidence[slug] = max(evidence.get(slug, 0.0), weight)
            day += dt.timedelta(days=1)
    score = round(sum(evidence.values()) + confidence, 3)
    tags = tuple(sorted({tag for m in mentions for tag in m.tags}, key=str.lower))
    return Event(id=event_id, title=lead.title, summary=lead.summary, span=span, tags=tags,
                 sources=tuple(sources), score=score, confidence=confidence,
                 disagreement=disagreement, aliases=aliases)
