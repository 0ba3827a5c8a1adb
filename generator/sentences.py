"""Sentence splitting for news prose, with offsets.

A period ends a sentence unless it belongs to a known abbreviation ("U.S.", "Sen.", "Dec.",
"No."), an initial ("J. Smith") or a number ("3.5"). A closing quote or bracket after the
punctuation stays with the sentence.
"""

from __future__ import annotations

import re

# Lowercased, without the final period.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm pres sr jr st mt ft rev hon amb sec
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no nos vol p pp fig inc corp co ltd llc bros dept est approx vs etc al e.g i.e cf
u.s u.k u.n e.u d.c a.m p.m n.y calif fla ga ill mass mich minn ore pa tenn tex va wash wis ariz colo conn
del ky la md miss mo mont neb nev okla r.i s.c n.c n.d s.d vt wyo ala ark kan
""".split())

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        following = text[end:end + 40].lstrip()
        if text[match.start()] == "." and _is_abbreviation(text, match.start()) \
                and not _ends_sentence_anyway(text, match.start(), following):
            continue
        if following and following[0].islower() and not _INNER_CAPITAL.match(following):
            continue  # "the U.S. economy", "a.m. local time": no sentence starts lowercase ("eBay" does)
        if following[:1].isdigit() and _LETTER_BEFORE.search(text, max(0, match.start() - 2), match.start()):
            continue  # "Martha b. 1850", "c. 1900", "d. 1920": a genealogy's born, circa, died
        spans.append((start, end))
        start = end
    if start < length:
        spans.append((start, length))
    trimmed = []
    for s, e in _bounded(text, spans):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


_LETTER_BEFORE = re.compile(r"(?:^|\s)[a-z]$")
_INNER_CAPITAL = re.compile(r"[a-z]+[A-Z]")  # "eBay", "iPhone": names that start a sentence lowercase
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(]?([A-Za-z]+)\W*(\w*)")
# Words that start a sentence but never continue a name after an abbreviation ("in the U.S.
# The company ...", "Acme Inc. It said ..."). Titles ("Mr.", "Gen.") are never a sentence's end.
_STARTERS = frozenset("""the a an it he she they we i in on at but and this that these those there his her
its their our as after before when while if so yet still meanwhile however""".split())
_TITLES = frozenset("mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm pres rev hon amb sec st mt ft "
                    "no nos vol p pp fig".split())
# What may follow "5 p.m." in the same sentence: a day, a zone ("8 p.m. ET", "Eastern").
_AFTER_CLOCK = frozenset("""monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight
yesterday january february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec et est edt pt pst pdt ct cst cdt mt mst mdt gmt utc bst cet eastern
pacific central mountain atlantic greenwich local christmas thanksgiving easter halloween""".split())
# "9:30 a.m. New York time", "10 a.m. Hong Kong time": a place's clock, still the same sentence.
_ZONE_NAMED = re.compile(r"(?:[A-Z][\w.'-]*\s+){1,3}(?:time|standard|daylight)\b")


def _ends_sentence_anyway(text: str, period: int, following: str) -> bool:
    """An abbreviation that also ends its sentence: one followed by a word that only starts
    sentences ("in the U.S. The company"), or a clock's "a.m."/"p.m." followed by a capital
    that is no day or zone ("at 5 p.m. Officials left", not "5 p.m. Tuesday", "5 p.m. Moscow time")."""
    found = _NEXT_WORD.match(following)
    if not found or not found.group(1)[0].isupper():
        return False
    word = _WORD_BEFORE.search(text, max(0, period - 20), period).group(1).lower().rstrip(".")
    if word in _TITLES:
        return False
    nxt = found.group(1).lower()
    if nxt in _STARTERS and nxt != "a" or nxt == "a" and re.match(r"A [a-z]", following):
        return True  # ("A new plan", not "A-10")
    return word in ("a.m", "p.m") and nxt not in _AFTER_CLOCK and not _ZONE_NAMED.match(following)


def _is_abbreviation(text: str, period: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, period - 20), period)
    if not match:
        return False
    word = match.group(1).lower()
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J. Smith", "R., Fla.", "George H.W. Bush".
    return bool(_INITIALS.fullmatch(match.group(1)))


MAX_SENTENCE = 1000  # characters; longer "sentences" (lists without periods) are cut at spaces


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut over-long spans at whitespace so that no later stage works on megabyte sentences."""
    bounded = []
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            bounded.append((start, cut))
            start = cut
        bounded.append((start, end))
    return bounded
