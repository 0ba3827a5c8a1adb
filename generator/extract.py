"""Extract stage: an article -> the dated events (Mentions) it reports.

Each sentence is dated by the temporal expressions the engine finds in it. Authored events
(front matter `events:`) are always kept; prose events can be switched off per article
(`extract: false`) or site-wide (`[extract] enabled = false`).
"""

from __future__ import annotations

import hashlib
import re

from . import temporal
from .model import PRECISIONS, Article, DateSpan, Mention
from .sentences import split_sentences

# "since 1994", "compared with 2017": a point of comparison, not the date of what happened.
_COMPARISON = re.compile(r"\b(?:since|compared (?:with|to)|than (?:in )?|as of|through|until|till)\s+(?:the\s+)?$",
                         re.IGNORECASE)
# Verbs of saying: an expression right after one usually dates the report, not the event.
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|wrote|stated|noted|confirmed)"
                        r"\s+(?:on\s+)?$", re.IGNORECASE)
_HAS_YEAR_OR_DAY = re.compile(r"\b\d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\b")
_LEADING_JUNK = re.compile(r"^(?:[\W_]+|(?:and|but|so|then|also|meanwhile|however)\b[\s,]*)+", re.IGNORECASE)
_DANGLING = re.compile(r"(?:\s+(?:on|in|at|by|since|until|from|of|to|the|this|that|last|next|early|late|mid|during|over|for|and|a|an))+$",
                       re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_PREPOSITION_BEFORE = re.compile(r"(?:^|\s)(?:on|in|at|by|since|until|from|during|of|for|as of)\s+$", re.IGNORECASE)
_AFTER_DATE = re.compile(r",|['\u2019]s\b")
_PUNCT_SPACE = re.compile(r"\s+([,.;:!?])")

HEADLINE_WORDS = 12


def mention_key(article_slug: str, text: str) -> str:
    """Stable identity of a mention: its article and its wording, not its headline or position."""
    normalized = _SPACES.sub(" ", text.strip().lower())
    return hashlib.sha1(f"{article_slug}\n{normalized}".encode("utf-8")).hexdigest()[:12]


def headline_from(sentence: str, expression: tuple[int, int] | None) -> str:
    """A short headline: the sentence without its date expression, cut at a clause boundary."""
    text = sentence
    if expression is not None:
        start, end = expression
        # Take the preposition that introduced the date ("on June 29") and a comma after it.
        before = _PREPOSITION_BEFORE.search(text, 0, start)
        if before:
            start = before.start()
        after = _AFTER_DATE.match(text, end)
        filler = " "
        if after:
            end = after.end()
            filler = " the " if after.group().startswith("'") else " "  # "Friday's news" -> "the news"
        text = text[:start] + filler + text[end:]
    text = _LEADING_JUNK.sub("", text)
    text = _PUNCT_SPACE.sub(r"\1", _SPACES.sub(" ", text)).strip()
    words = text.split(" ")
    if len(words) > HEADLINE_WORDS:
        cut = words[:HEADLINE_WORDS]
        # Prefer ending at the last comma inside the limit, if it leaves a real clause.
        for index in range(len(cut) - 1, 4, -1):
            if cut[index].endswith((",", ";", ":")):
                cut = cut[:index + 1]
                break
        text = " ".join(cut)
    text = _DANGLING.sub("", text.rstrip(" ,;:.!?\"'\u201d")).rstrip(" ,;:")
    return (text[:1].upper() + text[1:]) if text else sentence[:80]


def _confidence(expression_text: str, span: DateSpan, reporting: bool) -> float:
    confidence = 0.9 if _HAS_YEAR_OR_DAY.search(expression_text) else 0.7
    if span.precision in ("year", "decade", "half", "season", "quarter"):
        confidence -= 0.2
    if reporting:
        confidence -= 0.3
    return round(max(confidence, 0.1), 2)


def extract_mentions(article: Article, enabled: bool = True, min_confidence: float = 0.0) -> tuple[Mention, ...]:
    """The events one article reports: its authored events, then one per dated sentence."""
    mentions: list[Mention] = []
    for index, authored in enumerate(article.authored_events):
        key = authored.id or mention_key(article.slug, f"authored {index} {authored.span.value}")
        mentions.append(Mention(
            article_slug=article.slug, anchor="", quote=authored.summary or authored.title,
            expression="", span=authored.span, title=authored.title,
            summary=authored.summary or authored.title, confidence=1.0,
            tags=tuple(dict.fromkeys(authored.tags + article.tags)), authored=True,
            explicit_id=authored.id, key=key))
    if not (enabled and article.extract):
        return tuple(mentions)

    for block in article.blocks:
        timexes = [t for t in temporal.annotate(block.text, article.published)
                   if t.interval is not None and t.type in ("DATE", "TIME")]
        if not timexes:
            continue
        for sentence_start, sentence_end in split_sentences(block.text):
            inside = [t for t in timexes if sentence_start <= t.start and t.end <= sentence_end]
            if not inside:
                continue
            sentence = block.text[sentence_start:sentence_end]
            chosen, reporting = _anchor_expression(block.text, sentence_start, inside)
            if chosen is None:
                continue
            start, end = chosen.interval
            span = DateSpan(start, end, chosen.precision, chosen.value, chosen.mod)
            confidence = _confidence(chosen.text, span, reporting)
            if confidence < min_confidence:
                continue
            local = (chosen.start - sentence_start, chosen.end - sentence_start)
            mentions.append(Mention(
                article_slug=article.slug, anchor=block.anchor, quote=sentence,
                expression=chosen.text, span=span, title=headline_from(sentence, local),
                summary=sentence, confidence=confidence, tags=article.tags,
                key=mention_key(article.slug, sentence)))
    excluded = set(article.exclude_events)
    return tuple(m for m in mentions if m.key not in excluded)


def _anchor_expression(text: str, sentence_start: int, timexes: list) -> tuple[object, bool]:
    """The expression that dates the sentence's event, and whether it is only a reporting date."""
    scored = []
    for timex in timexes:
        if _COMPARISON.search(text, max(sentence_start, timex.start - 20), timex.start):
            continue
        reporting = bool(_REPORTING.search(text, max(sentence_start, timex.start - 30), timex.start))
        scored.append((reporting, _precision_rank(timex.precision), timex.start, timex))
    if not scored:
        return None, False
    scored.sort(key=lambda item: item[:3])
    best = scored[0]
    return best[3], best[0]


def _precision_rank(precision: str | None) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)
