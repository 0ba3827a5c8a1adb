"""Merge stage: mentions from all articles -> one chronological Timeline of Events.

Two mentions are the same event when their dates are compatible and their wording shares
enough key terms (names weigh more than common words):
- compatible dates: one interval contains the other ("this past weekend" and "June 29"), or,
  for day dates a day or two apart, near-identical wording (the sources then disagree);
- two different events on the same day stay two when their wording differs.
The merged event takes the finest date all its sources agree with, and is flagged when some
sources give dates that cannot both be right. Mentions are grouped year by year (the year their
date starts in): a year's groups depend on its mentions alone, so a rebuild takes the years no
new or edited article touches from the cache (merge's memo) and groups only the others again,
replaying last time's decisions where nothing that changed could alter them (_Replay).

An event's id is the key of its founding mention: the earliest-published report (authored
events with an `id:` keep it). Adding later reports never changes it; the keys of the other
mentions are kept as aliases, which the 404 page redirects (render.moved_tables), so a permalink
that once worked keeps working.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import replace
from collections import Counter, defaultdict
from itertools import chain
from operator import itemgetter
from typing import Callable

from .extract import _MONTH, _WEEKDAY, without_furniture
from .forked import Forked, usable
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
COARSER_THRESHOLD = 0.35       # containment of a span under a month by one of a month or more
MONTH_DAYS = 27                # (a span this many days longer than its first day is "a month or more")
NEAR_DATE_THRESHOLD = 0.5      # day dates one or two days apart: only near-identical wording
NEAR_DAYS = 2
MIN_SHARED = 2  # key terms two reports must share to be one event
CENTRAL_MOST = 16  # reports of a group that _central compares
COMMON_FROM = 3  # reports from which a group is also compared by the terms two of them share


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


def mention_terms(mention: Mention) -> str:
    """The key terms the merge compares a mention by, space-separated (kept in the cache:
    Mention.terms)."""
    # (apart: the headline's first word would pass for a name inside one text)
    return " ".join(sorted(key_terms(without_furniture(mention.quote)) | key_terms(mention.title)))


def _months(start: dt.date, end: dt.date) -> range:
    return range(start.year * 12 + start.month - 1, end.year * 12 + end.month)


FINE_DAYS = 7  # spans up to a week are indexed by day, longer ones by month
# Groups looked at per key term and day or month: bounds the merge on pathological input (one
# article naming one day 70,000 times) while far above what real news puts on a day.
MAX_CANDIDATES = 400
LONG_LIST = 200  # (a list this long may be cut to MAX_CANDIDATES in some build: see _Replay)
PARALLEL_MIN_MENTIONS = 2000  # fewer mentions to group: a fork saves nothing (at 2,100 it costs nothing either)


class _GroupIndex:
    """Finds the groups a mention could join without scanning them all: inverted indexes of
    key terms by day and by month. Only groups that share a term with a mention can fit it,
    and the index counts the shared terms on the way. A group is indexed under its first
    span; it only narrows later, so it stays findable under the days and months it was put in.
    - short groups (spans under FINE_DAYS days): by each day, and by each month they touch;
    - longer groups: by each month they cover.
    A short mention looks at the days around it and at the longer groups of its months; a
    longer one at its months (a decade or more never absorbs short groups)."""

    def __init__(self) -> None:
        self.by_day: dict[int, dict[str, list]] = defaultdict(dict)
        self.short_by_month: dict[int, dict[str, list]] = defaultdict(dict)
        self.long_by_month: dict[int, dict[str, list]] = defaultdict(dict)
        self.long_terms: set[str] = set()  # terms with a list of LONG_LIST groups or more (see _Replay)

    def add(self, group: "_Group") -> None:
        short, group.buckets = self._homes(group.span, defaultdict.__getitem__)
        group.repeated = len(group.buckets) > (2 if short else 1)  # (short: more than one day, or two months)
        self.add_terms(group, sorted(group.terms))

    def _homes(self, span, find) -> tuple[bool, list]:
        """Whether span is short (under FINE_DAYS days), and find(table, day or month) of each
        day and month a group founded with span is listed under."""
        months = _months(span.start, span.end)
        if (span.end - span.start).days < FINE_DAYS:
            return True, ([find(self.by_day, day) for day in range(span.start.toordinal(), span.end.toordinal() + 1)]
                          + [find(self.short_by_month, month) for month in months])
        return False, [find(self.long_by_month, month) for month in months]

    def add_terms(self, group: "_Group", terms) -> None:
        for bucket in group.buckets:
            for term in terms:
                found = bucket.get(term)
                if found is None:
                    bucket[term] = [group]
                else:
                    found.append(group)
                    if len(found) == LONG_LIST:
                        self.long_terms.add(term)

    def looked_up(self, span) -> list[dict[str, list]]:
        """The days and months (their term -> groups lists) where the groups whose dates may
        fit span are listed."""
        months = _months(span.start, span.end)
        buckets = [self.long_by_month[month] for month in months if month in self.long_by_month]
        length = (span.end - span.start).days
        if length < FINE_DAYS:
            first, last = span.start.toordinal(), span.end.toordinal()
            buckets += [self.by_day[day] for day in range(first - NEAR_DAYS, last + NEAR_DAYS + 1)
                        if day in self.by_day]
        elif length <= 366:
            buckets += [self.short_by_month[month] for month in months if month in self.short_by_month]
        return buckets

    def listed_in(self, span) -> set[int]:
        """The ids of the days and months (of those there are) a group founded with span is
        listed in."""
        return {id(bucket) for bucket in self._homes(span, dict.get)[1] if bucket is not None}

    def shared_terms(self, span, terms: frozenset[str]) -> Counter:
        """group -> how many of terms it has, for the groups whose dates may fit span. For a
        group listed under several of the days or months looked at (group.repeated) the count
        is an upper bound; _best_group counts those again."""
        lists = [groups if len(groups) <= MAX_CANDIDATES else groups[-MAX_CANDIDATES:]
                 for bucket in self.looked_up(span) for groups in map(bucket.get, terms) if groups]
        return Counter(chain.from_iterable(lists))  # counted in C


class _Group:
    __slots__ = ("number", "mentions", "terms", "span", "dated", "sentences", "first", "last", "is_day",
                 "authored", "buckets", "repeated", "seen", "common")

    def __init__(self, number: int, mention: Mention, terms: frozenset[str]) -> None:
        self.number = number  # creation order: the tie-breaker
        self.mentions = [mention]
        self.terms = set(terms)
        # The terms its reports share: each term's count of reports, and those of two or more
        # (a big group's terms are many, most of them one report's: see _best_group)
        self.seen: dict[str, int] = dict.fromkeys(terms, 1)
        self.common: set[str] = set()
        self.sentences = {(mention.article_slug, mention.quote)}
        self.authored = mention.authored
        self.buckets: list = []
        self.repeated = False
        self._date_by(mention)

    def _date_by(self, mention: Mention) -> None:
        """Take mention's date (self.dated: the mention it came from)."""
        span = mention.span
        self.span, self.dated = span, mention
        self.first, self.last = span.start.toordinal(), span.end.toordinal()
        self.is_day = span.precision == "day"

    def add(self, mention: Mention, terms: frozenset[str], index: _GroupIndex) -> None:
        self.mentions.append(mention)
        seen = self.seen
        for term in terms:
            count = seen.get(term, 0) + 1
            seen[term] = count
            if count == 2:
                self.common.add(term)
        new_terms = terms - self.terms
        if new_terms:
            self.terms |= new_terms
            index.add_terms(self, sorted(new_terms))
        self.sentences.add((mention.article_slug, mention.quote))
        # The finest date consistent with the group; an editor's authored date always stands.
        if not self.authored and self.span.contains(mention.span):
            self._date_by(mention)


_SHARED = itemgetter(1)


def _best_group(mention: Mention, terms: frozenset[str], shared_terms: dict[_Group, int]) -> "_Group | None":
    """The group this mention fits best, or None. shared_terms: candidate -> terms in common.

    A group fits when the dates are compatible (one interval contains the other:
    SIMILARITY_THRESHOLD, or COARSER_THRESHOLD when only one of them is a month or more; day
    dates at most NEAR_DAYS apart: NEAR_DATE_THRESHOLD) and the
    Jaccard similarity of the key terms reaches the threshold. The highest similarity wins,
    the earliest group on a tie."""
    count = len(terms)
    span = mention.span
    first, last = span.start.toordinal(), span.end.toordinal()
    is_day = span.precision == "day"
    authored = mention.authored
    sentence = (mention.article_slug, mention.quote)
    # Jaccard <= shared / count: fewer can never fit; and one shared word is never enough
    # ("Talks collapsed yesterday" and "Talks resumed yesterday" are two events)
    least = max(SIMILARITY_THRESHOLD * count, MIN_SHARED)
    best, best_score = None, 0.0
    # Most shared terms first: a fit is at most shared / count (Jaccard, and the common
    # terms' too, as shared counts them all or more), so once that is under the best fit so
    # far, no later candidate can win, even on a tie. The winner does not depend on the order.
    for group, shared in sorted(shared_terms.items(), key=_SHARED, reverse=True):
        if shared < least or shared / count < best_score:
            break
        if authored and group.authored:
            continue  # two authored events are two events
        g_first, g_last = group.first, group.last
        if (g_first <= first and last <= g_last) or (first <= g_first and g_last <= last):
            # A month or more ("in April", "the first quarter") fits every event of its span
            # that shares a few words ("the explosion in April" and April 30's "the rig
            # explosion's fallout"): with a day or a week, one is joined to the other only
            # on closer wording, whichever came first.
            needed = COARSER_THRESHOLD if (last - first >= MONTH_DAYS) != (g_last - g_first >= MONTH_DAYS) \
                else SIMILARITY_THRESHOLD
        elif is_day and group.is_day and abs(g_first - first) <= NEAR_DAYS:
            needed = NEAR_DATE_THRESHOLD
        else:
            continue
        if group.repeated:
            shared = len(group.terms.intersection(terms))
        fit = shared / (count + len(group.terms) - shared)
        if len(group.mentions) >= COMMON_FROM and fit < needed:
            # A big group gathers the words of all its reports, and a new one's similarity to
            # them falls as it grows: the explosion's seventh report, in other words, would no
            # longer fit. Compared with what two or more of its reports say, it does.
            common = len(group.common.intersection(terms))
            fit = max(fit, common / (count + len(group.common) - common))
        if fit < needed or fit < best_score:
            continue
        if fit == best_score and group.number > best.number:
            continue
        if sentence not in group.sentences:  # two events named in one sentence stay two
            best, best_score = group, fit
    return best


class _Formed:
    """A group as the merge left it: its mentions (founder first), its date and the report
    that speaks for it (see _central; None: to be found)."""

    __slots__ = ("mentions", "span", "central")

    def __init__(self, mentions: list[Mention], span, central: Mention | None = None) -> None:
        self.mentions, self.span, self.central = mentions, span, central


def _group_zone(ordered: list[Mention], terms_of: list[frozenset[str]], replay: "_Replay | None" = None
                ) -> list[tuple[list[int], int, int]]:
    """Groups of one zone's mentions (in merge order), each as (positions of its mentions,
    position of the mention whose date it took, position of the one that speaks for it:
    found here, once, and kept with the groups in the merge's memo). replay: how the zone was
    grouped last time, which spares most mentions the search (the groups are the same)."""
    groups: list[_Group] = []
    index = _GroupIndex()
    position = {}
    for number, (mention, terms) in enumerate(zip(ordered, terms_of)):
        position[id(mention)] = number
        best = None
        if terms and not (mention.authored and mention.explicit_id):
            if replay is None or replay.must_search(number, mention.span, terms, index):
                best = _best_group(mention, terms, index.shared_terms(mention.span, terms))
            else:
                best = replay.old_choice(number)
        founded = best is None
        if founded:
            best = _Group(len(groups), mention, terms)
            groups.append(best)
            index.add(best)
        else:
            best.add(mention, terms, index)
        if replay is not None:
            replay.record(number, best, founded, terms)
    result = []
    for group in groups:
        members = [position[id(m)] for m in group.mentions]
        central = replay.central(group) if replay is not None else None
        if central is None:
            central = position[id(_central(group.mentions, group.span, [terms_of[i] for i in members]))]
        result.append((members, position[id(group.dated)], central))
        group.buckets = []  # (a group and the index's lists that hold it: a cycle; freed now, not by gc)
    return result


def _numbered(signatures: list[bytes]) -> list[tuple[bytes, int]]:
    seen: dict[bytes, int] = {}
    numbered = []
    for signature in signatures:
        count = seen.get(signature, 0)
        seen[signature] = count + 1
        numbered.append((signature, count))
    return numbered


class _NoReplay(Exception):
    """The zone's mentions and last time's cannot be lined up: group it from scratch."""


class _Replay:
    """Grouping a zone again from how it was grouped last time, when a few of its mentions
    are new or gone. The grouping is a sequence of decisions, one per mention in merge order:
    join the group that fits best, or found one. A mention's decision can differ from last
    time's only if the mention is new, or if a group it could join is not what it was at
    this point last time: it is new, or gained or lost a report ("dirty"). Every other
    mention takes last time's decision without a search, and the groups are exactly those
    a grouping from scratch makes:
    - a mention searches if its old group is dirty, or if a dirty group could fit it: its
      dates may be compatible and it shares as many key terms as _best_group asks (any, for
      a group listed under several days or months, which may be counted more than once);
    - a search's candidates are counted on lists cut to the last MAX_CANDIDATES groups, and
      last time's lists held at most one more entry per dirty group: a mention also searches
      when a list it would count on is that long, less one entry per dirty group, and a dirty
      group is in it or may have been last time (_cut_otherwise), or when there are so many
      dirty groups that any list of LONG_LIST groups could have been cut last time.
    Groups keep their numbers (creation order, the tie-breaker), as the same decisions create
    them in the same order."""

    def __init__(self, sigs: list[bytes], old_sigs: list[bytes], old_formed: list, ordered: list[Mention]) -> None:
        # (a mention is known by its signature and, as an article may repeat a sentence, by
        # how many of its like come before it: like mentions are alike in every decision)
        where = {sig: at for at, sig in enumerate(_numbered(old_sigs))}
        self.old_at = [where.get(sig, -1) for sig in _numbered(sigs)]
        matched = [at for at in self.old_at if at >= 0]
        if any(a >= b for a, b in zip(matched, matched[1:])):
            raise _NoReplay
        if sorted(at for members, _, _ in old_formed for at in members) != list(range(len(old_sigs))) \
                or any(central not in members for members, _, central in old_formed):
            raise _NoReplay  # (groups that are not those of these signatures: a cache written otherwise)
        self.group_of = [0] * len(old_sigs)
        for number, (members, _, _) in enumerate(old_formed):
            for at in members:
                self.group_of[at] = number
        self.old_central = [central for _, _, central in old_formed]
        self.old_founder = [members[0] for members, _, _ in old_formed]
        self.ordered = ordered
        self.new_at: dict[int, int] | None = None  # old position -> position now (see central)
        self.gone = sorted(set(range(len(old_sigs))) - set(matched))  # (old positions, passed in order)
        self.passed = 0
        self.realized: dict[int, _Group] = {}  # old group -> the group its founder founded here
        self.old_of: dict[int, int] = {}  # group number here -> old group
        self.dirty_old: set[int] = set()
        self.dirty: set[_Group] = set()
        self.dirty_terms: dict[str, set[_Group]] = {}
        self.searched = 0

    def must_search(self, number: int, span, terms: frozenset[str], index: _GroupIndex) -> bool:
        at = self.old_at[number]
        if at < 0:
            return True
        self._pass_gone(at)
        if self.group_of[at] in self.dirty_old or len(self.dirty_old) >= MAX_CANDIDATES - LONG_LIST \
                or (index.long_terms and not index.long_terms.isdisjoint(terms)
                    and self._cut_otherwise(span, terms, index)):
            self.searched += 1
            return True
        if self.dirty:
            # A dirty group that could fit: dates that may be compatible, and as many shared
            # terms as _best_group asks (a group listed under several days or months may be
            # counted more than once there: any shared term, then)
            if self.dirty_terms.keys().isdisjoint(terms):
                return False
            shared = Counter(chain.from_iterable(map(self.dirty_terms.get, terms & self.dirty_terms.keys())))
            if shared:
                first, last = span.start.toordinal() - NEAR_DAYS, span.end.toordinal() + NEAR_DAYS
                least = max(SIMILARITY_THRESHOLD * len(terms), MIN_SHARED)
                for group, count in shared.items():
                    if group.first <= last and first <= group.last and (count >= least or group.repeated):
                        self.searched += 1
                        return True
        return False

    def _cut_otherwise(self, span, terms: frozenset[str], index: _GroupIndex) -> bool:
        """Whether a list of groups that a search for the mention would count on may have been
        cut (to its last MAX_CANDIDATES) otherwise last time: it is long enough that last
        time's entries of the dirty groups could have crossed the cut, and a dirty group is
        in it now or may have been then (a group whose founder is gone: anywhere)."""
        threshold = MAX_CANDIDATES - len(self.dirty_old)
        long = terms & index.long_terms
        for bucket in index.looked_up(span):
            for term in long:
                listed = bucket.get(term)
                if listed is None or len(listed) < threshold:
                    continue
                if any(bucket is held for group in self.dirty_terms.get(term, ()) for held in group.buckets):
                    return True
                for old in self.dirty_old:
                    founder = self._new_at().get(self.old_founder[old])
                    if founder is None or id(bucket) in index.listed_in(self.ordered[founder].span):
                        return True
        return False

    def _new_at(self) -> dict[int, int]:
        """Old position -> position now, of the mentions that are still here."""
        if self.new_at is None:
            self.new_at = {at: number for number, at in enumerate(self.old_at) if at >= 0}
        return self.new_at

    def _pass_gone(self, before: int) -> None:
        """The groups of last time's reports that are gone, up to old position before, are dirty."""
        gone = self.gone
        while self.passed < len(gone) and gone[self.passed] < before:
            self._old_dirty(self.group_of[gone[self.passed]])
            self.passed += 1

    def founded(self, at: int) -> bool:
        """Whether the mention at old position at founded its group last time."""
        return self.old_founder[self.group_of[at]] == at

    def old_choice(self, number: int) -> "_Group | None":
        """Last time's decision: the group joined (None: the mention founded one)."""
        at = self.old_at[number]
        return None if self.founded(at) else self.realized[self.group_of[at]]

    def record(self, number: int, group: _Group, founded: bool, terms: frozenset[str]) -> None:
        """The mention at number founded (or joined) group: mark what now differs."""
        at = self.old_at[number]
        if at < 0:
            self._dirty(group)
        else:
            old = self.group_of[at]
            if founded and self.founded(at):
                self.realized[old] = group
                self.old_of[group.number] = old
            elif founded or self.founded(at) or self.realized.get(old) is not group:
                self._old_dirty(old)
                self._dirty(group)
        if group in self.dirty:
            for term in terms:
                self.dirty_terms.setdefault(term, set()).add(group)

    def central(self, group: _Group) -> int | None:
        """The position of the report that speaks for group, as found last time, if it has the
        reports it had then (None: to be found). Asked once every mention is placed."""
        self._pass_gone(len(self.group_of))  # (the reports gone after the last one here too)
        if group in self.dirty or group.number not in self.old_of:
            return None
        return self._new_at()[self.old_central[self.old_of[group.number]]]

    def _old_dirty(self, old: int) -> None:
        if old not in self.dirty_old:
            self.dirty_old.add(old)
            if old in self.realized:
                self._dirty(self.realized[old])

    def _dirty(self, group: _Group) -> None:
        if group not in self.dirty:
            self.dirty.add(group)
            for term in group.terms:
                self.dirty_terms.setdefault(term, set()).add(group)
            if group.number in self.old_of:
                self._old_dirty(self.old_of[group.number])


def _signatures(ordered: list[Mention], terms_of: list[str], by_slug: dict[str, Article]) -> list[bytes]:
    """Everything _group_zone reads of each of a zone's mentions (terms_of: mention_terms of
    each), as a digest: a zone's signatures tell whether it is as it was (_zone_digest), and
    which of its mentions are (_Replay)."""
    return [hashlib.blake2b(repr((
        mention.authored, bool(mention.explicit_id), mention.inherited, mention.confidence,
        by_slug[mention.article_slug].published, mention.article_slug, mention.key, mention.span.start,
        mention.span.end, mention.span.precision, mention.quote, mention.title, mention.expression, terms)).encode(),
        digest_size=SIGNATURE_SIZE).digest() for mention, terms in zip(ordered, terms_of)]


SIGNATURE_SIZE = 16


def _zone_digest(signatures: list[bytes]) -> bytes:
    return hashlib.sha256(b"".join(signatures)).digest()


def _trace_key(year: int) -> bytes:
    """Where the memo keeps how the zone of a year was last grouped: its mentions' signatures
    and its zone digest, under which its groups are."""
    return f"trace\0{year}".encode()


def _group_zones(jobs: list[tuple[list[Mention], list[str], tuple | None]], workers: int | None = 1,
                 formed: Callable[[int, list], None] = lambda index, groups: None,
                 meanwhile: Callable[[], None] = lambda: None, meanwhile_size: int = 0) -> None:
    """_group_zone of each (zone, key terms of its mentions, how it was grouped last time:
    (signatures now, signatures then, groups then), or None); formed(index, groups) is called
    in this process with each job's groups, in no set order. With two cores
    (forked.usable) and enough mentions, the zones are shared out by size and a forked
    process groups its share; this one calls formed() for each of its own as soon as it is
    grouped (the caller makes the zone's events there, while the other process still groups),
    so it takes the smaller share. The groups do not depend on who made them.
    meanwhile(): other work of the caller's, done in this process once (while the forked one
    groups, when there is one); meanwhile_size: what it weighs, in mentions grouped (a
    rebuild makes the events of the zones it did not group: those of about four mentions
    cost what grouping one does)."""
    def group(index: int):
        zone, terms_of, last = jobs[index]
        replay = None
        if last is not None:
            try:
                replay = _Replay(*last, zone)
            except _NoReplay:
                pass
        return _group_zone(zone, [frozenset(terms.split()) for terms in terms_of], replay)

    # (a zone replayed costs about half its grouping from scratch: 0.25 s against 0.40 s for
    # Timeline17's 2010, 0.7 s against 1.2 s for the 10,000-article site's three years)
    def all_here() -> None:
        for index in range(len(jobs)):
            formed(index, group(index))
        meanwhile()

    sizes = [len(zone) if last is None else len(zone) // 2 for zone, _, last in jobs]
    # (one zone to group is worth a fork when this process has other work meanwhile: a
    # rebuild after one article makes the events of every other zone)
    if not jobs or len(jobs) < 2 and meanwhile_size < PARALLEL_MIN_MENTIONS // 4 \
            or sum(sizes) < PARALLEL_MIN_MENTIONS or not usable(workers):
        all_here()
        return
    shares: tuple[list[int], list[int]] = ([], [])
    # Making a zone's events takes a fifth to a quarter of the time its grouping took (the
    # 10,000-article site's years: 0.2-0.25 s against about 1 s): this process starts with
    # about that load for half the zones, and with the other work it has.
    loads = [sum(sizes) // EVENTS_SHARE + meanwhile_size, 0]
    for index in sorted(range(len(jobs)), key=lambda i: -sizes[i]):  # the biggest to the lighter share
        side = 1 if loads[1] < loads[0] else 0
        shares[side].append(index)
        loads[side] += sizes[index]
    try:
        other = Forked(lambda: [group(index) for index in shares[1]])
    except OSError:  # no process to be had (a limit, no shared memory): all of them here
        all_here()
        return
    with other:
        meanwhile()
        for index in shares[0]:
            formed(index, group(index))
        for index, groups in zip(shares[1], other.result()):
            formed(index, groups)


EVENTS_SHARE = 8  # see _group_zones


def merge(articles: tuple[Article, ...], mentions: tuple[Mention, ...], memo=None,
          workers: int | None = 1, remembered: dict | None = None) -> Timeline:
    """memo: keeps each zone's groups between builds (cache.MergeMemo), so a rebuild merges
    again only the zones whose mentions changed, and the digests of its events (see
    _event_digest), which render keys pages by (Timeline.digests). workers: cores to use
    (None: all); see _group_zones. remembered: a dict a process keeps between its merges
    (tlgen serve), holding each zone's memo entry and events: a zone whose articles are
    those of the last merge takes its events from there instead of making them again."""
    by_slug = {article.slug: article for article in articles}
    mentions = _first_readings(mentions, by_slug)
    # Authored first (they lead their group), then the surest, then a stable order.
    ordered = sorted(mentions, key=lambda m: (not m.authored, m.inherited, -m.confidence,
                                              by_slug[m.article_slug].published, m.article_slug, m.key,
                                              m.span.start, m.span.end))
    # Zones: the year a mention's date starts in. Mentions of different zones are never one
    # event, so each zone merges on its own, and a new article re-merges only its zones.
    zones: dict[int, list[Mention]] = defaultdict(list)
    for mention in ordered:
        zones[mention.span.start.year].append(mention)
    years = sorted(zones)
    references = _date_references(mentions, by_slug)
    # A zone whose articles are those of an earlier build has that build's groups and the
    # digests of its events (kept under _events_key); otherwise its groups are kept under
    # _zone_digest (an edited article may leave them as they were).
    event_keys = {year: _events_key(year, zones[year], by_slug, references) for year in years} \
        if memo is not None else {}
    recalled = {key: remembered[key] for key in event_keys.values() if key in remembered} \
        if remembered is not None else {}
    kept = memo.get([key for key in event_keys.values() if key is not None and key not in recalled]) \
        if memo is not None else {}
    kept.update((key, entry) for key, (entry, _) in recalled.items())
    work = []
    for year in years:
        if event_keys.get(year) not in kept:
            zone = zones[year]
            terms_of = [m.terms if m.terms is not None else mention_terms(m) for m in zone]
            signatures = _signatures(zone, terms_of, by_slug) if memo is not None else []
            work.append((year, zone, terms_of, signatures, _zone_digest(signatures) if memo is not None else b""))
    known = memo.get([digest for *_, digest in work]) if memo is not None else {}
    todo = [index for index, (*_, digest) in enumerate(work) if digest not in known]
    lasts = _last_groupings(memo, [work[index] for index in todo]) if memo is not None else {}
    made: dict[bytes, object] = {_trace_key(year): (b"".join(signatures), digest)
                                 for year, _, _, signatures, digest in work}
    # year -> its groups, events, their digests, and the zone's digest
    finished: dict[int, tuple[list[_Formed], list[Event], list[str] | None, bytes]] = {}

    def finish(year: int, digest: bytes, formed: list, digests: list[str] | None) -> None:
        """The events of a zone from its groups (formed), and their digests."""
        zone, key = zones[year], event_keys.get(year)
        zone_groups = [_Formed([zone[i] for i in members], zone[dated].span, zone[central])
                       for members, dated, central in formed]
        zone_events = recalled[key][1] if key in recalled else \
            [_event_from(group, by_slug, references) for group in zone_groups]
        if key is not None and digests is None:
            digests = [_event_digest(event, group, by_slug) for event, group in zip(zone_events, zone_groups)]
            made[key] = (digest, formed, digests)
        if key is not None and remembered is not None:
            recalled[key] = ((digest, formed, digests), zone_events)
        finished[year] = (zone_groups, zone_events, digests, digest)

    def grouped(index: int, formed: list) -> None:
        year, *_, digest = work[todo[index]]
        made[digest] = formed
        finish(year, digest, formed, None)

    grouping = {work[index][0] for index in todo}

    def others() -> None:
        """The events of the zones not grouped now: from their groups of an earlier build."""
        for year, _, _, _, digest in work:
            if year not in grouping:
                finish(year, digest, known[digest], None)
        for year in years:
            if year not in grouping and year not in finished:
                finish(year, *kept[event_keys[year]])

    # (the mentions whose events are made from kept groups; recalled ones are not made)
    others_size = sum(len(zones[year]) for year in years if year not in grouping
                      and event_keys.get(year) not in recalled) // 4
    _group_zones([(*work[index][1:3], lasts.get(work[index][0])) for index in todo], workers, grouped,
                 others, others_size)

    groups: list[_Formed] = []
    made_by: list[tuple[Event, str | None]] = []  # the event each group makes, and its digest if known
    keep: list[bytes] = []
    for year in years:
        key = event_keys.get(year)
        zone_groups, zone_events, digests, digest = finished[year]
        groups.extend(zone_groups)
        made_by.extend(zip(zone_events, digests or [None] * len(zone_events)))
        keep += [digest, _trace_key(year)] if key is None else [digest, key, _trace_key(year)]
    if memo is not None:
        memo.put(made, keep=keep)
    if remembered is not None:  # (this merge's zones only: the others are gone)
        remembered.clear()
        remembered.update(recalled)

    events = []
    used_ids: set[str] = set()
    for group, (event, _) in zip(groups, made_by):
        event = _unique_id(event, group, used_ids)
        used_ids.add(event.id)
        excluded_by = {slug for slug in {m.article_slug for m in group.mentions}
                       if event.id in by_slug[slug].exclude_events}
        if excluded_by:
            group.mentions = [m for m in group.mentions if m.article_slug not in excluded_by]
            if not group.mentions:
                continue
            group.central = None
            event = _unique_id(_event_from(group, by_slug, references), group, used_ids - {event.id})
            used_ids.add(event.id)
        events.append(event)
    events = _unify_tags(events)
    events.sort(key=lambda e: (e.span.sort_key, e.title, e.id))
    tags = {slugify(tag): tag for event in events for tag in event.tags}
    for tag in sorted({tag for article in articles for tag in article.tags}, key=lambda t: (t.lower(), t)):
        tags.setdefault(slugify(tag), tag)  # (an article's tag with no event yet has its page too: it links there)
    tags = sorted(tags.values(), key=str.lower)
    # (made_by holds every event made above, so no other object can have the id of one)
    digest_of = {id(event): digest for event, digest in made_by if digest is not None}
    return Timeline(events=tuple(events), articles=articles, tags=tuple(tags),
                    digests={event.id: (event, digest_of[id(event)]) for event in events if id(event) in digest_of})


def _last_groupings(memo, work: list[tuple]) -> dict[int, tuple]:
    """year -> (signatures now, signatures then, groups then) for the zones of work (year,
    zone, terms, signatures, digest) grouped by an earlier build, for _Replay."""
    traces = memo.get([_trace_key(year) for year, *_ in work])
    then = {_trace_key(year): trace for year, *_ in work
            if (trace := traces.get(_trace_key(year))) is not None}
    groups = memo.get([digest for _, digest in then.values()])
    lasts = {}
    for year, _, _, signatures, _ in work:
        trace = then.get(_trace_key(year))
        if trace is not None and trace[1] in groups:
            old = trace[0]
            lasts[year] = (signatures, [old[at:at + SIGNATURE_SIZE] for at in range(0, len(old), SIGNATURE_SIZE)],
                           groups[trace[1]])
    return lasts


REPEAT_WORDS = 12  # a sentence this long, repeated word for word by a later article, is a copy


def _first_readings(mentions: tuple[Mention, ...], by_slug: dict[str, Article]) -> tuple[Mention, ...]:
    """The mentions, each sentence that a later article repeats word for word (a day-by-day
    compilation, a follow-up that reuses its earlier copy) read as it was first published:
    "Her son said he had heard her cries on Thursday morning", copied into a story five days
    later, still means the first story's Thursday. Only among the readings of one year (the
    year the copy's own reading starts in): a zone's mentions stay a function of the articles
    in it (see _events_key)."""
    first: dict[tuple[str, str, int], tuple[tuple, Mention]] = {}
    repeated = False
    for mention in mentions:
        if mention.authored or mention.inherited or len(mention.quote.split()) < REPEAT_WORDS:
            continue
        order = (by_slug[mention.article_slug].published, mention.article_slug, mention.key)
        key = (mention.quote, mention.expression, mention.span.start.year)
        found = first.get(key)
        if found is None or order < found[0]:
            first[key] = (order, mention)
        repeated = repeated or found is not None
    if not repeated:
        return mentions
    read = []
    for mention in mentions:
        found = first.get((mention.quote, mention.expression, mention.span.start.year))
        if found is not None and found[1].span != mention.span \
                and found[0][0] < by_slug[mention.article_slug].published:
            mention = replace(mention, span=found[1].span)
        read.append(mention)
    return tuple(read)


def _event_digest(event: Event, group: _Formed, by_slug: dict[str, Article]) -> str:
    """A digest of what _event_from made the event of, as pages show it: its mentions in
    order, each known by its article's cache-entry key (Article.body_key, which fixes the
    article and its mentions) and what tells it from the article's other mentions; the rest
    of the event follows from them. Not the score, which counts other articles' references
    to the day and which no page shows: a new article that cites a busy day changes the
    scores of all its events, and their pages need not be made again. (What does show the
    score, timeline.json, keys it apart: see render's data key and export.timeline_json.)
    Far quicker than digesting the event itself (sources, quotes, dates)."""
    digest = hashlib.sha1(b"event")
    for mention in group.mentions:
        digest.update(f"\0{by_slug[mention.article_slug].body_key}\0{mention.key}\0{mention.anchor}"
                      f"\0{mention.expression}\0{mention.span.value}".encode())
    return "event:" + digest.hexdigest()


def _events_key(year: int, zone: list[Mention], by_slug: dict[str, Article],
                references: dict[dt.date, dict[str, float]]) -> bytes | None:
    """What a zone's events are made of: its articles, each known by the key of the cache
    entry it was read from (Article.body_key: the article and all its mentions are a function
    of it), and the references to the two days after the zone's year (an event of December 31
    counts the articles that name January 1 or 2). None when an article has no such key."""
    keys = sorted({by_slug[mention.article_slug].body_key for mention in zone})
    if not keys or not keys[0]:
        return None
    digest = hashlib.sha256(f"events\0{year}\0".encode())
    digest.update(",".join(keys).encode())
    for day in (dt.date(year + 1, 1, 1), dt.date(year + 1, 1, 2)) if year < dt.MAXYEAR else ():
        digest.update(repr(sorted(references.get(day, {}).items())).encode())
    return digest.digest()


def _unique_id(event: Event, group: _Formed, used: set[str]) -> Event:
    """The event, with an id no earlier event has. Ids clash when two authored events claim
    one, or when one sentence reports two events (their founding reports share a key): the
    later one yields, taking a suffix made from its article, then a counter."""
    if event.id not in used:
        return event
    base = f"{event.id}-{hashlib.sha1(group.mentions[0].article_slug.encode()).hexdigest()[:6]}"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return replace(event, id=candidate)


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


def _central(mentions: list[Mention], span, terms: list[frozenset[str]] | None = None) -> Mention:
    """The report that speaks for a group of two or more: of those that give the group's
    date, one whose headline leads with no pronoun, whose date is no noun's modifier and whose
    headline was not cut short, then the one whose key terms overlap most with all the
    others' (the earliest in merge order on a tie; among the first CENTRAL_MOST). An editor's
    authored event always speaks for its group."""
    lead = mentions[0]
    if lead.authored or len(mentions) < 2:
        return lead
    # (the first CENTRAL_MOST reports, in merge order, compared with each other: a big group's
    # headline costs no more than a small one's)
    mentions = mentions[:CENTRAL_MOST]
    terms = terms[:CENTRAL_MOST] if terms is not None else \
        [frozenset((m.terms if m.terms is not None else mention_terms(m)).split()) for m in mentions]
    best, best_rank = lead, (False, False, -1.0)
    # (a headline of a word or three, "Tariffs planned", speaks for a group only if all are that short)
    full = any(m.span == span and len(m.title.split()) > 3 for m in mentions)
    sizes = [len(other) for other in terms]
    for index, mention in enumerate(mentions):
        if mention.span != span or full and len(mention.title.split()) <= 3:
            continue
        mine, size = terms[index], sizes[index]
        # (Jaccard, the union counted from the intersection: no set made for it)
        overlap = math.fsum(shared / ((size + sizes[number] - shared) or 1)
                            for number, shared in enumerate([len(mine & other) for other in terms]) if number != index)
        # (a headline that runs to its sentence's end before one cut short: "... agree to a truce
        # over dinner in Buenos Aires" before "The arrest took place, the same Saturday that ...")
        rank = (not _PRONOUN_FIRST.match(mention.title), not _attributive(mention), not _DATED.search(mention.title),
                not _PRONOUN_INSIDE.search(mention.title), _whole_sentence(mention), overlap)
        if rank > best_rank:
            best, best_rank = mention, rank
    return best


def _attributive(mention: Mention) -> bool:
    """Whether the mention's date stands before a noun as its modifier ("the government's
    August 4 assessment", "an April 20 explosion"): its sentence tells of something else, which
    another report of the event, whose date goes with its verb, tells better."""
    if not mention.expression:
        return False
    at = mention.quote.find(mention.expression)
    return at > 0 and bool(_MODIFIER_BEFORE.search(mention.quote, max(0, at - 12), at)) \
        and bool(_NOUN_NEXT.match(mention.quote, at + len(mention.expression)))


_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this)|['\u2019]s)\s+\Z", re.IGNORECASE)
_NOUN_NEXT = re.compile(r"\s+(?!(?:and|or|to|in|on|at|of|for|with|by|from|when|that|which|was|were|is|are|has|had|"
                        r"will|would|said|says)\b)[a-z][a-z-]+")


def _whole_sentence(mention: Mention) -> bool:
    """Whether the mention's headline ends where its sentence does, but for the date and its
    preposition (it was not cut short: "A 7.1 earthquake struck near Ridgecrest" of "... near
    Ridgecrest on Friday night.")."""
    last = " ".join(mention.title.split()[-2:])
    at = mention.quote.rfind(last) if last else -1
    if at < 0:
        return False
    rest = mention.quote[at + len(last):]
    if mention.expression:
        rest = rest.replace(mention.expression, " ")
    return not _DATE_WORDS.sub(" ", rest).strip(" .,;:!?\"'\u201d\u2019")


_DATE_WORDS = re.compile(r"\b(?:on|in|at|by|during|this|last|next|early|late|night|morning|evening|afternoon)\b",
                         re.IGNORECASE)
# A headline that names another date heads a group only when no other can ("The U.S. will not impose
# the tariffs scheduled for Dec. 15 ..." of the deal of Dec. 13)
_DATED = re.compile(r"\b(?:" + _MONTH + r"\.?\s+\d{1,2}\b|" + _WEEKDAY + r"\b|(?:1[89]|20)\d\d\b)")
# ... and one that needs the sentences before it ("The explosion raised questions about his
# leadership") heads a group only when no self-contained one can
_PRONOUN_INSIDE = re.compile(r"\b(?:he|she|him|his|her|hers|they|them|their)\b")
# A headline led by a pronoun heads a group only when no other can ("It struck near Ridgecrest")
_PRONOUN_FIRST = re.compile(r"(?:It|They|He|She|We|I|You|This|That|These|Those|Its|Their|His|Her)\b")


def _event_from(group: _Formed, by_slug: dict[str, Article],
                references: dict[dt.date, dict[str, float]]) -> Event:
    mentions = group.mentions
    lead = group.central if group.central is not None else _central(mentions, group.span)
    span = group.span
    # Each report with its article, in publication order (then article, then key): the order
    # of the sources, and the founder's (the first authored one, else the first).
    reports = sorted(((by_slug[m.article_slug], m) for m in mentions),
                     key=lambda pair: (pair[0].published, pair[0].slug, pair[1].authored, pair[1].key))
    founder = mentions[0] if mentions[0].explicit_id else \
        next((m for _, m in reports if m.authored), reports[0][1])
    event_id = founder.explicit_id or founder.key
    aliases = tuple(sorted({m.key for m in mentions} - {event_id}))

    sources: list[Source] = []
    seen = set()
    # Evidence: every article that reports the event or refers to its day, weighted by when it
    # did so (see reference_weight), plus how sure the dating is (at most 1, a tie-breaker).
    evidence: dict[str, float] = {}
    weights: dict[dt.date, float] = {}
    # (the report that heads the event first in its article: the source quoted for that
    # article is the sentence the headline was made from)
    for article, mention in sorted(reports, key=lambda pair: (pair[0].published, pair[0].slug, pair[1].authored,
                                                              pair[1] is not lead)):
        published = article.published
        weight = weights.get(published)
        if weight is None:
            weight = weights[published] = reference_weight(published, span.start)
        if weight > evidence.get(article.slug, 0.0):
            evidence[article.slug] = weight
        if article.slug in seen:
            continue  # (one source per article, for the quote and the link to the sentence: the one
            #            the headline was made from, else its first report; its editor's event when
            #            that is all it has)
        seen.add(article.slug)
        sources.append(Source(
            article_slug=article.slug, title=article.title, publisher=article.source,
            url=f"articles/{article.slug}/#{mention.anchor}" if mention.anchor else f"articles/{article.slug}/",
            original_url=article.url, quote=mention.quote,
            expression=mention.expression, published=published, span=mention.span,
            inherited=mention.inherited, places=mention.places))
    # Some two dates cannot both be right: on a line, intervals that all meet pairwise share a day.
    disagreement = max(m.span.start for m in mentions) > min(m.span.end for m in mentions)
    confidence = max(m.confidence for m in mentions)
    if span.precision == "day" and (span.end - span.start).days < 3:
        day = span.start
        while day <= span.end:
            named = references.get(day)
            if named:  # (a busy day is named by hundreds of articles: merged a dict at a time)
                for slug in named.keys() & evidence.keys():
                    evidence[slug] = max(evidence[slug], named[slug])
                evidence = {**named, **evidence}
            day += dt.timedelta(days=1)
    score = round(math.fsum(evidence.values()) + confidence, 3)  # (fsum: the same in any order)
    tags = tuple(sorted({tag for m in mentions for tag in m.tags}, key=str.lower))
    return Event(id=event_id, title=lead.title, summary=lead.summary, span=span, tags=tags,
                 sources=tuple(sources), score=score, confidence=confidence,
                 disagreement=disagreement, aliases=aliases)
