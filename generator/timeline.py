"""Merge stage: mentions from all articles -> one chronological Timeline of Events.

Two mentions are the same event when their dates are compatible (one interval contains the
other) and their wording shares enough key terms. The merged event takes the finest date that
all its sources agree with, and is flagged when sources give dates that cannot both be right.
"""

from __future__ import annotations

import re
from .model import Article, Event, Mention, Source, Timeline

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+(?:\.\d+)?")
STOPWORDS = frozenset("""
a an the and or but if of in on at by for to from with without into onto over under after before
about as is are was were be been being has have had do does did will would shall should can could
may might must that this these those it its they them their he she his her we our you your i
said says say told also not no than then there here who whom which what when where why how all
any some more most other such only own same so too very just up down out off again further once
last next week weekend month year day today yesterday tomorrow monday tuesday wednesday thursday
friday saturday sunday january february march april june july august september october
november december earlier later ago new one two three four five six seven eight nine ten percent
""".split())

SIMILARITY_THRESHOLD = 0.2


def key_terms(text: str) -> frozenset[str]:
    terms = set()
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in STOPWORDS or len(lower) < 3 and not word[0].isdigit():
            continue
        terms.add(lower[:7])  # a cheap stem: "tariffs"/"tariff", "negotiations"/"negotiators"
    return frozenset(terms)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Group:
    def __init__(self, mention: Mention, terms: frozenset[str]) -> None:
        self.mentions = [mention]
        self.terms = set(terms)
        self.span = mention.span

    def accepts(self, mention: Mention, terms: frozenset[str]) -> bool:
        if self.span.contains(mention.span) or mention.span.contains(self.span):
            return similarity(frozenset(self.terms), terms) >= SIMILARITY_THRESHOLD
        return False

    def add(self, mention: Mention, terms: frozenset[str]) -> None:
        self.mentions.append(mention)
        self.terms |= terms
        # The finest date consistent with the group; an editor's authored date always stands.
        if not self.mentions[0].authored and self.span.contains(mention.span):
            self.span = mention.span


def merge(articles: tuple[Article, ...], mentions: tuple[Mention, ...]) -> Timeline:
    by_slug = {article.slug: article for article in articles}
    # Authored first (they lead their group), then by confidence, then a stable order.
    ordered = sorted(mentions, key=lambda m: (not m.authored, -m.confidence,
                                              by_slug[m.article_slug].published, m.article_slug, m.key))
    groups: list[_Group] = []
    for mention in ordered:
        terms = key_terms(mention.quote + " " + mention.title)
        target = None
        if not mention.authored or mention.explicit_id is None:
            for group in groups:
                if group.accepts(mention, terms) and not (mention.authored and group.mentions[0].authored):
                    target = group
                    break
        if target is None:
            target = _Group(mention, terms)
            groups.append(target)
        else:
            target.add(mention, terms)

    events = [_event_from(group, by_slug) for group in groups]
    events.sort(key=lambda e: (e.span.sort_key, e.title, e.id))
    tags = sorted({tag for event in events for tag in event.tags}, key=str.lower)
    return Timeline(events=tuple(events), articles=articles, tags=tuple(tags))


def _event_from(group: _Group, by_slug: dict[str, Article]) -> Event:
    mentions = group.mentions
    lead = mentions[0]
    # The founding mention: the earliest report names the event, so adding later articles
    # never changes its id. Authored events with an explicit id keep that id.
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
            expression=mention.expression, published=article.published, span=mention.span))
    disagreement = any(not a.span.overlaps(b.span) for a in mentions for b in mentions)
    distinct_articles = len({m.article_slug for m in mentions})
    confidence = max(m.confidence for m in mentions)
    score = round(distinct_articles + confidence, 3)
    tags = tuple(sorted({tag for m in mentions for tag in m.tags}, key=str.lower))
    return Event(id=event_id, title=lead.title, summary=lead.summary, span=group.span, tags=tags,
                 sources=tuple(sources), score=score, confidence=confidence,
                 disagreement=disagreement, aliases=aliases)
