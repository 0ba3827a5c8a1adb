"""Finding: scan text with the master regex, filter false positives and hand
each candidate to a rule handler that resolves it against the DCT/anchor.

Each handler gets the match (via a group accessor ``g``) and the running
document context and returns a ``Hit`` or ``None`` (reject).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon as L
from .resolve import Cal, at, day_cal, duration_value, holiday_date, mod_interval

date = _dt.date


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    cal: Cal | None = None
    interval: tuple[date, date] | None = None
    anchor: bool = True   # may later relative expressions anchor on this one?


class Ctx:
    """Per-document state: the DCT and the anchors for relative expressions."""
    __slots__ = ("text", "dct", "last_fine", "last_day", "last_any", "last_quarter", "main_quarter", "last_type",
                 "lead_year", "entry")

    def __init__(self, text: str, dct: date):
        self.text = text
        self.dct = dct
        self.last_fine: Cal | None = None    # last DATE with day/month precision
        self.last_day: Cal | None = None     # last DATE/TIME with day precision
        self.last_any: Cal | None = None     # last DATE with any calendar value
        self.last_quarter: Cal | None = None  # last quarter mentioned
        self.main_quarter: Cal | None = None  # latest reported quarter: what "a year ago" compares with
        self.last_type: str | None = None     # type of the previous expression
        self.lead_year: tuple[int, int] | None = None  # (year, end) of a year that opens its sentence
        self.entry: tuple[int, int, int, int] | None = None  # (year, month, day, end) of a chronology's last entry

    def anchor_day(self, gran: str | None = None) -> date:
        """The anchor for "two days later", "the next day": the last date of
        the same granularity (a day for day-sized units) if any, else the last
        day/month-precision date, else the DCT."""
        if gran == "day" and self.last_day is not None:
            return self.last_day.first_day()
        if gran == "day" and self.last_fine is not None and self.last_fine.gran != "day":
            return self.dct  # ("the night" after "in January": no day of it, the 1st least of all)
        return self.last_fine.first_day() if self.last_fine is not None else self.dct


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------
_STRIP = " ,\t\r\n"


def word_before(text: str, i: int) -> str:
    """The lowercased word just before offset i (skipping spaces and commas)."""
    parts = text[max(0, i - 30):i].rstrip(_STRIP).split()
    if not parts:
        return ""
    w = parts[-1].lstrip("(\"`'")
    return w.lower()


def word_after(text: str, j: int) -> str:
    """The word (or first digit) just after offset j, case kept."""
    parts = text[j:j + 30].lstrip(_STRIP).split(None, 1)
    if not parts:
        return ""
    w = parts[0]
    if w[0].isdigit():
        return w[0]
    k = 0
    while k < len(w) and (w[k].isalpha() or w[k] == "'"):
        k += 1
    return w[:k]


# (a hyphenated word is one token: the "made" of "Chinese-made" is no past tense)
_CUE_TOKEN = re.compile(r"[A-Za-z']+(?:-[A-Za-z']+)*|[.!?:](?=\s)|[;\"\u201c\u201d]|``|''")
_BREAKS = {".", "!", "?", ";", ":", '"', "``", "''", "\u201c", "\u201d"}


@lru_cache(maxsize=16384)
def _cue(w: str) -> str | None:
    """Tense cue of one word (memoized: the vocabulary of news is small)."""
    w = w.lower()
    if w in L.FUTURE_WORDS:
        return "future"
    if w in L.PAST_WORDS:
        return "past"
    if len(w) > 4 and w.endswith("ed") and w not in L.NOT_PAST_ED:
        return "past"
    if w.endswith("'ll"):
        return "future"
    return None


# Words that open another clause after a date: a tense beyond them is that clause's ("went on
# Thursday as his government sought": "went")
_OTHER_CLAUSE = {"as", "while", "because", "although", "though", "whereas", "but", "when", "unless"}
_EXPECTED = {"expected", "scheduled", "slated", "due", "set"}
# Words that place another time, not a verb's tense ("his first since February")
_OTHER_TIME_CUES = L.TIME_PAST_WORDS | {"previously", "recently", "before"}
_SCHEDULED_3SG = {"faces", "hosts", "convenes", "resumes", "reopens"}
_TO_FUTURE = {"set", "is", "are", "due", "ready", "plans", "plan", "intends", "hopes", "likely"}
_SCHEDULED = {"close", "open", "reopen", "resume", "start", "begin", "end", "expire", "convene", "kick", "hold", "meet",
              "vote", "testify", "gather"}
_MODALS = {"would", "will", "could", "should", "might", "may", "can", "shall", "'ll"}
_PERFECT = {"had", "was", "were", "been", "previously", "originally"}
# Modals of possibility: future cues (lower case only: "May" is a month); "will", "would" and
# "shall" are future words already.
_MAYBE = {"could", "might", "may", "can", "should", "must"}
_COPULA_PREPS = {"on", "in", "for"}
_PRESENT_BE = {"is", "are", "am", "'re"}
_MID_ADVERBS = {"now", "also", "still", "then", "again", "probably", "likely", "soon", "not", "only", "finally"}
# -ing words that are never a verb's present participle, even after "we're" ("we're nothing"),
# and those that are not one after "is"/"are" ("is nothing", "are during", "is interesting")
_NOT_PROGRESSIVE_EVER = {"nothing", "something", "anything", "everything", "during", "morning", "evening", "thing",
                         "things", "king", "ring", "spring", "string", "ceiling", "sibling"}
_NOT_PROGRESSIVE = _NOT_PROGRESSIVE_EVER | {
    "wedding", "building", "meeting", "hearing", "funding", "housing", "spending", "pending", "outstanding", "ongoing",
    "surprising", "interesting", "amazing", "exciting", "disappointing", "encouraging", "worrying", "alarming",
    "troubling", "promising", "missing", "willing", "striking", "shocking", "boring", "confusing", "misleading",
    "daunting", "compelling", "thrilling", "devastating", "staggering"}


def _past_form(word: str) -> bool:
    """A past verb that is no plan ("needed", "asked", "refused"; not "expected", "scheduled")."""
    word = word.lower()
    return (len(word) > 4 and word.endswith("ed") or word in L.PAST_WORDS) and word not in L.FUTURE_WORDS


def _progressive(be: str, word: str) -> bool:
    """ "is chartering", "are meeting", "we're meeting": a present progressive, which with a
    date is a plan."""
    be, word = be.lower(), word.lower()
    if be.endswith(("'re", "\u2019re", "'m", "\u2019m")):  # ("we're meeting": a verb, whatever it is as a noun)
        return len(word) > 5 and word.endswith("ing") and word not in _NOT_PROGRESSIVE_EVER
    return be in _PRESENT_BE and len(word) > 5 and word.endswith("ing") and word not in _NOT_PROGRESSIVE


# Curly quotation marks end a clause for tense cues ('... on Friday that they "will not be left
# behind"'), unless they only set off a name or a term: a phrase of at most two words, or of four
# in title case ('a "Clean It Up" rally Saturday', 'a "top kill" operation on Wednesday').
_SHORT_QUOTE = re.compile(r"\u201c([^\u201c\u201d.!?;:]{1,40})\u201d")
_SPEAKER_FIRST = {"I", "We", "It", "They", "He", "She", "You", "This", "That", "There"}
_masked_text: tuple = (None, "")  # (the last text tense() read, and that text with its names' quotes blanked)


def _name_quote(found: re.Match) -> bool:
    words = found.group(1).split()
    return len(words) <= 2 or len(words) <= 4 and words[0] not in _SPEAKER_FIRST \
        and all(word[:1].isupper() or len(word) <= 3 for word in words)


def _cue_text(text: str) -> str:
    """text, the quotation marks around names and terms made spaces (same length, same offsets).
    (One text remembered, in one tuple: a thread never reads another's.)"""
    global _masked_text
    remembered = _masked_text
    if remembered[0] is text:
        return remembered[1]
    masked = _SHORT_QUOTE.sub(lambda found: f" {found.group(1)} " if _name_quote(found) else found.group(), text) \
        if "\u201c" in text else text
    _masked_text = (text, masked)
    return masked


def tense(text: str, start: int, end: int) -> str | None:
    """'past' / 'future' / None from the nearest tense cue in the clause around
    [start, end): up to 70 chars back and 50 forward, clipped at sentence
    breaks.  Cues to the left win ties (news puts the verb before the date:
    "said Friday", "will meet Friday")."""
    text = _cue_text(text)
    left = _CUE_TOKEN.findall(text, max(0, start - 70), start)
    if len(left) >= 3 and left[-1].lower() == "as" and left[-3].lower() == "as" \
            and left[-2].lower() in ("soon", "early"):
        return "future"   # "as early as Tuesday"
    best_l = None
    for i in range(len(left) - 1, -1, -1):
        w = left[i]
        if w in _BREAKS:
            break
        c = _cue(w)
        if c == "past" and i > 0 and (left[i - 1].lower() == "to" and not w.lower().endswith("ed")
                                      or left[i - 1].lower() in _PRESENT_BE):
            continue          # "forecast to hit Louisiana on Sunday": an infinitive, no past tense; "until
            #                   the election is held on March 3": a present passive
        if c == "future" and w.lower() == "ahead" and i > 0 and _cue(left[i - 1]) == "past":
            c = "past"        # "the match went ahead on Sunday", "pressed ahead"
        if c is None and w == "to" and i > 0 and left[i - 1].lower() in _TO_FUTURE:
            c = "future"      # "set to resume Monday", "is to meet Tuesday"
        if c == "past" and i > 0 and left[i - 1].lower() in _MODALS:
            c = "future"      # "tariffs would hit phones on Sunday": "hit" is no past tense here
        elif c == "past" and (be := i - 1 - (i > 2 and left[i - 1].lower().endswith("ly"))) > 0 \
                and len(left) - i <= 6 and left[be].lower() == "be" and (
                (modal := left[be - 1 - (be > 1 and left[be - 1].lower() in _MID_ADVERBS)].lower()) in _MODALS
                and modal != "could"
                or left[be - 1].lower() == "to" and not any(x.lower() in _PERFECT for x in left[max(0, be - 3):be - 1])
                and not (be > 1 and _past_form(left[be - 2]))):
            c = "future"      # "will be held on Nov. 5", "will now be held", "is to be signed Friday", "to be
            #                   completely sealed on Saturday", "due to be sent to Mr Obama on Thursday" (not
            #                   "was to be held", "needed to be airlifted to hospital on Sunday";
            #                   only near the date: a passive further back may be another clause's;
            #                   "could be located Wednesday" is as often a past ability)
        elif c is None and i > 0 and len(left) - i <= 3 and _progressive(left[i - 1], w):
            c = "future"      # "is chartering a plane on Friday" ("are investigating the shooting on
            #                   Friday" is too far: the date is the shooting's)
        elif c is None and w in _MAYBE and (len(left) - i <= 4 or w in ("may", "might") and len(left) - i <= 6
                                            and "of" not in left[i + 1:]) \
                and (i + 1 == len(left) or left[i + 1].lower() not in ("have", "not", "n't")):
            c = "future"      # "could resign on Friday", "may reach the coast on Sunday" (not "could have
            #                   resigned", "could not land"; nor, further back, "said they could see the smoke",
            #                   "may remember the blackout of Saturday")
        elif c is None and w.lower() in _SCHEDULED_3SG and len(left) - i <= 6:
            return "future"   # "Tony Hayward, who faces a House hearing on Thursday, has received ...": a
            #                   present of schedule (whatever verb follows the clause)
        elif c is None and i == len(left) - 2 and w.lower() in ("is", "are") and left[-1].lower() in _COPULA_PREPS:
            c = "future"      # "the election is on Nov. 5": a date a thing is on is its appointment
        if c is None and w.lower() in _SCHEDULED and i > 0 and left[i - 1][-1:] == "s" \
                and left[i - 1].lower() not in ("was", "is", "has", "this", "its", "his", "as", "us"):
            c = "future"      # "polls close on Nov. 5", "talks resume Monday": a plural's plan
        if c:
            if c == "future" and not w.endswith("ing") \
                    and any(x.lower() in _PERFECT for x in left[max(0, i - 2):i]) \
                    and not (w.lower() in _EXPECTED and left[i + 1:i + 2] == ["to"]
                             and left[max(0, i - 1)].lower() in ("was", "were")) \
                    and not (w == "to" and left[i - 1].lower() == "likely"):
                c = "past"    # "had been scheduled", "was expected" (but "were planning to" stays future,
                #               and so does "was expected to make landfall late Wednesday")
            if c == "future" and i + 1 < len(left) and left[i + 1] == "to" and w.lower() != "to":
                return c      # "planned to go to Haiti on Thursday as his government sought ...":
                #               the date is in the plan's clause, whatever verb follows it
            best_l = (len(left) - 1 - i, c)
            break
    if best_l is None and start > 70 and not any(w in _BREAKS or w.lower() in _OTHER_CLAUSE for w in left):
        # No cue near: a "will" further back in the same clause still rules ("Obama will visit
        # Mississippi, Alabama and Florida during a two-day trip beginning on Monday, the
        # White House said": the trip is ahead, whatever the reporting verb after it)
        found = list(_CUE_TOKEN.finditer(text, max(0, start - 140), start))
        tokens = [token.group() for token in found]
        for i in range(sum(token.start() < start - 70 for token in found) - 1, -1, -1):
            w = tokens[i]
            if w in _BREAKS or w.lower() in _OTHER_CLAUSE:
                break
            if w.lower() in _CERTAIN_FUTURE or w.lower() in _EXPECTED and tokens[i + 1:i + 2] == ["to"] \
                    and i > 0 and tokens[i - 1].lower() in ("is", "are"):
                return "future"   # (or "is expected to address staff on Monday before flying offshore on Tuesday";
                #                   not "was scheduled to", "no plans to", "aren't likely to")
    found = list(_CUE_TOKEN.finditer(text, end, end + 50))
    right = [token.group() for token in found]
    for i, w in enumerate(right):
        if w in _BREAKS or w.lower() in _OTHER_CLAUSE:
            break
        if best_l is not None and (i + 1 >= best_l[0] or w.lower() in _OTHER_TIME_CUES
                                   and "," in text[end:found[i].start()]):
            break     # (a cue nearer on the left; or, after a comma, an aside's word of another
            #            time: "will hold a news conference Thursday, his first since February")
        c = _cue(w)
        if c == "past" and w.lower() in ("was", "were") and i + 1 < len(right) \
                and right[i + 1].lower().endswith("ing") and _cue(right[i + 1]) == "future":
            c = "future"      # "on Saturday and were planning to drive": a plan, as on the left
        elif c is None and i + 1 < len(right) and _progressive(w, right[i + 1]):
            c = "future"      # "On Friday, ShelterBox is chartering a 747"
        elif c is None and w.lower() in _SCHEDULED and i > 0 and right[i - 1][-1:] == "s" \
                and right[i - 1].lower() not in ("was", "is", "has", "this", "its", "his", "as", "us", "analysts"):
            c = "future"      # "On Tuesday, lawmakers hold a hearing": a plural's present, a plan
        if c:
            return c
    return best_l[1] if best_l else None


def parse_num(s: str | None) -> float | None:
    if s is None:
        return None
    s = " ".join(s.lower().replace("-", " ").split())
    if s[:1].isdigit():
        if s.endswith(" 1/2"):
            return float(s[:-4]) + 0.5
        return float(s)
    if s in L.SMALL_NUMBERS:
        return L.SMALL_NUMBERS[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in L.SMALL_NUMBERS and parts[1] in L.SMALL_NUMBERS \
            and parts[1] not in ("hundred", "dozen"):
        return L.SMALL_NUMBERS[parts[0]] + L.SMALL_NUMBERS[parts[1]]
    # "two hundred", "a hundred and fifty", "three thousand five hundred"
    total = cur = 0
    for w in parts:
        if w == "and":
            continue
        if w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        elif w in L.SMALL_NUMBERS and isinstance(L.SMALL_NUMBERS[w], int):
            cur += L.SMALL_NUMBERS[w]
        else:
            return None
    return float(total + cur) if total + cur else None


def unit_key(u: str) -> str:
    u = u.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") else u


_UNIT_GRAN = {"day": "day", "night": "day", "week": "week", "weekend": "weekend", "fortnight": "week",
              "month": "month", "quarter": "quarter", "year": "year", "decade": "year",
              "century": "year", "hour": "day", "minute": "day", "second": "day"}
_UNIT_STEP = {"fortnight": 2, "decade": 10, "century": 100}


def shift_unit(base: date, k: float, unit: str) -> Cal:
    """``base`` moved by k units, at the unit's granularity ("two months ago"
    -> a month; "a decade ago" -> a year)."""
    u = unit_key(unit)
    gran = _UNIT_GRAN.get(u, "day")
    if u in ("hour", "minute", "second"):
        secs = {"hour": 3600, "minute": 60, "second": 1}[u] * k
        return day_cal((_dt.datetime.combine(base, _dt.time(12)) + _dt.timedelta(seconds=secs)).date())
    if k != int(k):
        # 1.5 years -> 18 months
        if gran == "year":
            return at(base, "month").add(round(k * 12 * _UNIT_STEP.get(u, 1)))
        return at(base, gran).add(round(k * _UNIT_STEP.get(u, 1)))
    return at(base, gran).add(int(k) * _UNIT_STEP.get(u, 1))


MOD_WORDS = {
    "early": "START", "beginning": "START", "start": "START", "earlier": "START",
    "mid": "MID", "middle": "MID",
    "late": "END", "end": "END", "close": "END", "turn": "END", "later": "END",
}


def mod_of(s: str | None) -> str | None:
    if not s:
        return None
    for w in re.findall(r"[a-z]+", s.lower()):
        if w in MOD_WORDS:
            return MOD_WORDS[w]
    return None


QUAL_MOD = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "almost": "LESS_THAN", "nearly": "LESS_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "under": "LESS_THAN", "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
}


def qual_mod(q: str | None) -> str | None:
    if not q:
        return None
    return QUAL_MOD.get(" ".join(q.lower().split()))


def month_num(s: str) -> int:
    return L.MONTHS[s.lower().rstrip(".")]


def year_of(s: str, dct: date) -> int:
    s = s.strip().lstrip("'")
    y = int(s)
    if len(s) == 2:
        # two-digit years: the century that puts the year nearest the DCT, biased to the past
        cand = (dct.year // 100) * 100 + y
        if cand > dct.year + 10:
            cand -= 100
        return cand
    return y


_GOVERNING_PREPS = {"on", "in", "at", "by", "during"}
_SCHEDULED_FOR = {"scheduled", "planned", "slated", "set", "due", "expected"}  # "... for June"
_CERTAIN_FUTURE = {"will", "shall", "'ll"}


def governing_cue(text: str, s: int) -> str | None:
    """The tense of the verb that governs a date directly: the word right before it, or
    before its preposition ("ended on March 3", "will meet in June"). Such a verb names
    the side of the DCT the date is on whatever the distance (see pick_year)."""
    left = _CUE_TOKEN.findall(_cue_text(text), max(0, s - 40), s)
    if left and (left[-1].lower() in _GOVERNING_PREPS or left[-1].lower() == "for" and len(left) > 1
                 and left[-2].lower() in _SCHEDULED_FOR):
        left.pop()
    if not left or left[-1] in _BREAKS:
        return None
    if left[-1].lower() == "effect" and len(left) > 1 and left[-2].lower() in ("take", "takes", "taking") \
            and not (len(left) > 2 and left[-3].lower() in _PERFECT | {"to", "would", "could", "should", "have"}):
        return "future"  # "the law will take effect Jan. 1", "takes effect Jan. 1" (not "was to take effect")
    if left[-1].lower() in ("was", "were"):
        return None  # ("the next slot was on 9 February", told in January: a copula of reported speech)
    if len(left) > 1 and left[-2].lower() in _PRESENT_BE and _cue(left[-1]) == "past":
        return None  # ("the election is held on March 3": a present passive, no past)
    cue = _cue(left[-1])
    if cue == "past" and len(left) > 2 and left[-2].lower() == "be" and left[-3].lower() in _CERTAIN_FUTURE:
        return "future"  # "will be held in early June" (not "would be held": often a past report's plan)
    if cue is None or len(left) > 1 and (left[-2].lower() in _MODALS | _MAYBE | {"to", "be", "been", "have", "has"}
                                         or cue == "future" and left[-2].lower() in _PERFECT):
        return None  # ("would meet", "to be held", "has ended", "was due on": left to tense())
    if cue == "future" and left[-1].lower().endswith("ed") and (len(left) < 2 or left[-2].lower() not in ("is", "are")):
        return None  # a plan named by a participle may be one of the past: "tariffs planned for Dec. 15 are
        #              called off" (but "the vote is scheduled for June" is ahead)
    return cue


# A date fronted as its sentence's adverbial: "In January, ...", "On March 3, ..."
_FRONTED_HEAD = re.compile(r"(?:\A|[.!?:][\"'\u201d\u2019]?\s+|\n)[\"'\u201c\u2018`]*\s*(?:In|On|By|During)\s{1,3}"
                           r"(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]{1,3})?\Z")
_FRONTED_COMMA = re.compile(r"\s{0,3},")
# past words that are no finite verb ("says" is a report's present)
_NOT_MAIN_PAST = L.TIME_PAST_WORDS | {"says"}
_ATTRIBUTIVE = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "to",
                "has", "have", "is", "are"}


def fronted_cue(text: str, s: int, e: int) -> str | None:
    """The tense of the main clause a date opens as a fronted adverbial set off by a comma
    ("In January, a week after the anniversary of the ruling, a bombing killed a guard"): the
    first finite verb after the comma in the same sentence governs the date as a verb right
    before it does (governing_cue), whatever the distance -- a past one puts it before the
    DCT, "will"/"shall" after it. Any other first cue (a modal, a plan word, a present) decides
    nothing. A participle after a determiner ("a reported loss"), an infinitive or a perfect is
    no main verb and is skipped. The scan stops at the sentence's end (a period after a word
    of four letters or more: "vs.", "Ala." do not end it) or after 250 characters."""
    if not _FRONTED_COMMA.match(text, e) or not _FRONTED_HEAD.search(text, max(0, s - 40), s):
        return None
    prev = ""
    for token in _CUE_TOKEN.finditer(_cue_text(text), e, min(len(text), e + 250)):
        w = token.group()
        if w in _BREAKS:
            if w != "." or len(prev) >= 4 or not prev:
                return None
            continue
        lw = w.lower()
        if lw in _CERTAIN_FUTURE or lw.endswith("'ll"):
            return "future"
        if _past_form(w) and lw not in _NOT_MAIN_PAST:
            if prev.lower() in _ATTRIBUTIVE:
                prev = w
                continue
            return "past"
        if _cue(w) is not None or lw in _MODALS or lw in _MAYBE:
            return None
        prev = w
    return None


def pick_year(month: int, day: int | None, dct: date, t: str | None, governed: str | None = None) -> int:
    """Year for a month(/day) without one.  Of the nearest past and the
    nearest future occurrence, a tense cue ("said in December", "will ... by
    February") picks its side only when both are reasonably close (within
    ``CUE_WINDOW`` days of the DCT); otherwise the nearest occurrence wins, so
    "raising them to 25% on Jan. 1, as it had planned" written on 2018-12-02
    is 2019-01-01, and "planned for Dec. 15" on 2019-12-14 is 2019-12-15.
    Without a cue the future side counts ``NO_CUE_FUTURE`` times farther
    (news mostly reports the past).  The DCT's own month is this year.  governed: the
    cue of a verb right before the date (governing_cue), which picks its side at any
    distance: "Talks ended on March 3" written on Jan. 13 is last March."""
    if month == dct.month and day is None:
        return dct.year
    past = fut = None      # (distance in days, year)
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            a = date(y, month, day or 1)
            b = date(y, month, day) if day else _month_end_day(y, month)
        except ValueError:
            continue
        if a <= dct <= b:
            return y
        if b < dct:
            past = ((dct - b).days, y)            # the latest past one wins (loop ascends)
        elif fut is None:
            fut = ((a - dct).days, y)
    return _choose(past, fut, t, dct.year, governed)


def _choose(past, fut, t: str | None, default: int, governed: str | None = None) -> int:
    """Of the nearest past and future occurrence ((days away, year) or None),
    the year to use: see ``pick_year``."""
    if past is None or fut is None:
        return (past or fut or (0, default))[1]
    if governed == "past":
        return past[1]
    if governed == "future":
        return fut[1]
    if past[0] <= CUE_WINDOW and fut[0] <= CUE_WINDOW:
        if t == "past":
            return past[1]
        if t == "future":
            return fut[1]
        return past[1] if past[0] <= fut[0] * NO_CUE_FUTURE else fut[1]
    return past[1] if past[0] <= fut[0] else fut[1]


CUE_WINDOW = 250      # days (~8 months): a tense cue only chooses between two close occurrences
NO_CUE_FUTURE = 2.0   # news mostly reports the past


def _month_end_day(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1))


def weekday_date(wd: int, dct: date, how: str) -> date:
    """how: 'past' = most recent on or before DCT, 'future' = next on or after,
    'last' = strictly before, 'next' = strictly after, 'this' = in DCT's ISO week."""
    cur = dct.isoweekday()
    if how == "this":
        return dct + _dt.timedelta(days=wd - cur)
    if how in ("past", "last"):
        delta = (cur - wd) % 7
        if delta == 0 and how == "last":
            delta = 7
        return dct - _dt.timedelta(days=delta)
    delta = (wd - cur) % 7
    if delta == 0 and how == "next":
        delta = 7
    return dct + _dt.timedelta(days=delta)


def cal_hit(ctx: Ctx, start: int, end: int, c: Cal, mod: str | None = None, typ: str = "DATE",
            value: str | None = None) -> Hit:
    return Hit(start, end, typ, value or c.value, mod, c, None)


# --------------------------------------------------------------------------
# Rule handlers.  g(name) -> group text or None; m is the match.
# --------------------------------------------------------------------------
_WD3 = {w[:3]: n for w, n in L.WEEKDAYS.items()}


def h_iso(ctx, m, g, s, e):
    try:
        d = date(int(g("y")), int(g("m")), int(g("d")))
    except ValueError:
        return None
    if g("hh"):
        return Hit(s, e, "TIME", f"{d.isoformat()}T{g('hh')}:{g('mi')}", None, day_cal(d))
    return cal_hit(ctx, s, e, day_cal(d))


def h_numeric(ctx, m, g, s, e):
    a, b = int(g("m")), int(g("d"))
    if a > 12:
        a, b = b, a          # "15/03/2019": day first; otherwise the US month/day order
    try:
        d = date(year_of(g("y"), ctx.dct), a, b)
    except ValueError:
        return None
    return cal_hit(ctx, s, e, day_cal(d))


def _without_cue(weekday: int, dct: date) -> str:
    """Which way a weekday with no tense cue goes: the most recent one, unless it is tomorrow
    (a plan: "begin practice Monday" on a Sunday, not the Monday six days back)."""
    return "future" if (weekday - dct.isoweekday()) % 7 == 1 else "past"


def _day_from_wd(ctx, wd: str, s, e, how=None) -> date:
    """A weekday by the tense around it (see _without_cue when there is none)."""
    number = L.WEEKDAYS[wd.lower()]
    return weekday_date(number, ctx.dct, how or tense(ctx.text, s, e) or _without_cue(number, ctx.dct))


def h_clock(ctx, m, g, s, e):
    text = ctx.text
    if g("noon"):
        hh, mi = (24, 0) if g("noon").lower() == "midnight" else (12, 0)
        if word_before(text, s) == "high":
            return None   # "high noon"
    elif g("h2") is not None:
        hh, mi = int(g("h2")), 0          # "4 in the morning", "10 o'clock at night"
        if g("pod").lower() in ("afternoon", "evening") or (g("pod").lower() == "night" and hh >= 6):
            hh = hh + 12 if hh != 12 else 12
    elif g("h24") is not None:
        hh, mi = int(g("h24")), int(g("mi24"))
    else:
        hh, mi = int(g("h")), int(g("mi") or 0)
        ap = g("ap").lower()
        if ap.startswith("p") and hh != 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
    if g("mon") or g("monf"):
        mon = month_num(g("mon") or g("monf"))
        dd = int(re.match(r"\d+", g("day") or g("dayf")).group())
        try:
            d = date(int(g("year")) if g("year") else pick_year(mon, dd, ctx.dct, tense(text, s, e),
                                                                 governing_cue(text, s)), mon, dd)
        except ValueError:
            return None
    elif g("wd"):
        d = _day_from_wd(ctx, g("wd"), s, e, _lean(text, s))
    elif g("rd"):
        d = ctx.dct + _dt.timedelta(days={"yesterday": -1, "tomorrow": 1, "last": -1}.get(g("rd").lower().split()[0], 0))
    elif (later := _GMT_THEN_DAY.match(text, e)) is not None:
        # "at noon CDT (1700 GMT) on Tuesday": that Tuesday's noon (two expressions, as TimeML
        # marks them, but one day)
        d = _day_from_wd(ctx, later.group(1), later.start(1), later.end(1), _lean(text, s))
    elif ctx.last_fine is not None and ctx.last_fine.gran == "day":
        d = ctx.last_fine.first_day()
    else:
        d = ctx.dct
    return Hit(s, e, "TIME", f"{d.isoformat()}T{hh:02d}:{mi:02d}", qual_mod(g("q")), day_cal(d))


_SEPT_11 = date(2001, 9, 11)
_ATTACKS_AFTER = re.compile(r"(?:,\s{1,3}2001\b)?\s{1,3}(?:terror(?:ist)?\s{1,3})?(?:attacks?|[Cc]ommission|[Vv]ictim(?:s|'s|s')?|"
                            r"hijack(?:ers|ings)|[Mm]emorial|[Ff]und|era|anniversary|[Tt]ribute|strikes)\b")


def h_mdy(ctx, m, g, s, e):
    mon = month_num(g("mon"))
    dd = int(re.match(r"\d+", g("day")).group())
    first = int(re.match(r"\d+", g("day1")).group()) if g("day1") else None  # (dmy's "16-20 August")
    text = ctx.text
    rel = (g("rel") or g("ry") or "").lower()
    mon2 = month_num(g("mon2")) if g("mon2") else None
    wraps = mon2 is not None and mon2 < mon      # "Dec. 28 - Jan. 3"
    entry = _ENTRY_START.search(text, max(0, s - 4), s) and _ENTRY_MARK.match(text, e)
    if g("year"):
        y = int(g("year")) - wraps               # the year belongs to the end of a range
    elif entry and ctx.entry is not None and s - ctx.entry[3] <= 3000 and not g("mon2") and not first:
        # A chronology's entry ("April 22 - The rig sinks") after one with its year ("April 20,
        # 2010 - ..."): that year, or the next one when the dates wrap around
        y = ctx.entry[0] + ((mon, dd) < ctx.entry[1:3])
    elif rel:
        y = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
        if g("rel") and rel == "last" and (mon, dd) < (ctx.dct.month, ctx.dct.day):
            y = ctx.dct.year   # "last Oct. 23" = the most recent Oct. 23
    elif g("wd"):
        # the year in which this month/day falls on the stated weekday, nearest the DCT
        wd = _WD3[g("wd").lower()[:3]]
        y = ctx.dct.year
        for cand in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            try:
                if date(cand, mon, first or dd).isoweekday() == wd:
                    y = cand
                    break
            except ValueError:
                pass
    elif (mon, dd) == (9, 11) and ctx.dct > _SEPT_11 and _ATTACKS_AFTER.match(text, e):
        y = 2001   # "the Sept. 11 attacks", "the September 11 Victim Compensation Fund": 2001's
    else:
        y = _year_ahead(text, e, mon)
        if y is None and _lead_year_holds(ctx, s):
            y = ctx.lead_year[0]
        if y is None:
            y = pick_year(mon, dd, ctx.dct, _leaning(text, s, e), governing_cue(text, s) or fronted_cue(text, s, e))
        if word_before(text, s) == "ended":
            # "the quarter ended Oct. 31" written on Oct. 27, "the year ended Jan. 31": the last one
            y = ctx.dct.year if (mon, dd) <= (ctx.dct.month, ctx.dct.day) else ctx.dct.year - 1
    try:
        d = date(y, mon, dd)
    except ValueError:
        return None
    if entry and not g("mon2") and not first:
        ctx.entry = (y, mon, dd, e)
    if first is not None:
        joined_by_and = re.search(r"\sand\s", text[s:e], re.IGNORECASE)
        if not 0 < first < dd or joined_by_and and word_before(text, s) != "between" \
                or re.match(r"\s{0,3}\d", text[e:e + 4]):
            # ("on 14 and 21 September": two days; "beaten 2-3 May 4": a score, then a date)
            return None
        hit = cal_hit(ctx, s, e, day_cal(date(y, mon, first)))
        hit.interval = (date(y, mon, first), d)
        return hit
    later = _AND_DAY.match(text, e) if not g("day2") and mon2 is None and word_before(text, s) == "between" else None
    if later:
        e = later.end()  # "between April 23 and 28": the days between, one expression
    hit = cal_hit(ctx, s, e, day_cal(d))
    if g("day2") or later:
        d2n = int(re.match(r"\d+", g("day2")).group()) if g("day2") else int(later.group(1))
        try:
            d2 = date(y, mon, d2n)
        except ValueError:
            d2 = None
        if d2 and d2 >= d:
            hit.interval = (d, d2)
    elif mon2 is not None:
        try:
            d2 = date(y + wraps, mon2, int(re.match(r"\d+", g("day3")).group()))
        except ValueError:
            return None
        if not d < d2 <= d + _dt.timedelta(days=366):
            return None
        hit.interval = (d, d2)
    return hit


h_dmy = h_mdy


_FUTURE_PREPS = {"by", "until", "till", "effective", "before"}


def _leaning(text: str, s: int, e: int) -> str | None:
    """The tense a month (and day) without a year is read in: a preposition that points
    ahead ("by August", "until Jan. 5"), unless the clause's verb is past and the preposition
    is "before" ("He resigned before the end of March": last March); else the clause's."""
    lean = _lean(text, s)
    if lean is None:
        return tense(text, s, e)
    if word_before(text, s) == "before" and tense(text, s, e) == "past":
        return "past"
    return lean


def _lean(text: str, s: int) -> str | None:
    """A preposition right before a date that points to the future ("by
    August", "effective Feb. 1", "until 9 a.m. Tuesday")."""
    return "future" if word_before(text, s) in _FUTURE_PREPS else None


_DEFER = re.compile(r"\b(?:postpone|delay|defer|extend|adjourn|recess|suspend|table|put\s+off|push\s+back)"
                    r"(?:ed|d|s)?\b", re.I)
_HAD = re.compile(r"\b(?:had|hadn't)\b", re.I)


def _deferred(text: str, s: int) -> bool:
    """"postponed until Tuesday", "extended its deadline until Friday": a past
    verb of deferral sets a date still ahead -- unless the clause is
    pluperfect ("had been delayed until Monday").  Looks back ~70 chars
    within the sentence."""
    left = text[max(0, s - 70):s]
    cut = max(left.rfind(". "), left.rfind("; "), left.rfind("\n"))
    left = left[cut + 1:]
    return bool(_DEFER.search(left)) and not _HAD.search(left)


_DATELINE = re.compile(r"\s{0,2}\((?:[A-Z][A-Za-z]*|AP|UPI)\)")


def _is_dateline(text: str, s: int, e: int) -> bool:
    """"WASHINGTON, March 12 (Xinhua) --": dateline metadata, not prose."""
    return bool(_DATELINE.match(text, e)) and text[max(0, s - 2):s] == ", "


def h_weekof(ctx, m, g, s, e):
    mon = month_num(g("mon"))
    dd = int(re.match(r"\d+", g("day")).group())
    y = int(g("year")) if g("year") else pick_year(mon, dd, ctx.dct, tense(ctx.text, s, e),
                                                   governing_cue(ctx.text, s))
    return cal_hit(ctx, s, e, at(date(y, mon, dd), "week"))


def _quarter_year(ctx, q: int, s, e) -> int:
    y = ctx.dct.year
    first = Cal("quarter", y, q).first_day()
    if first > ctx.dct and tense(ctx.text, s, e) == "past":
        return y - 1
    return y


def h_quarter(ctx, m, g, s, e):
    text = ctx.text
    ordw = (g("ord") or "").lower()
    ya = (g("ya") or "").lower()
    ys = (g("ys") or "").lower()
    qn = g("qn") or g("qn2")
    yr = g("year") or g("year2") or g("year3") or g("yq")
    if not (g("the") or ordw or ya or ys or qn or g("fq")):
        return None     # bare "quarter" is usually a fraction ("a quarter of")
    if not (ordw or qn or yr or g("fq")) and "Quarter" in m.group():
        return None     # "in the Quarter", "the French Quarter": a part of a town
    if qn:
        q = int(qn)
    elif ordw in ("last", "final"):
        q = 4 if yr else None
    elif ordw:
        q = L.ORDINALS[ordw]
    else:
        q = None
    dct_q = at(ctx.dct, "quarter")
    if yr:
        yl = yr.lower()
        if yl.startswith("this"):
            y = ctx.dct.year
        elif yl.startswith("last"):
            y = ctx.dct.year - 1
        elif yl.startswith("next"):
            y = ctx.dct.year + 1
        else:
            y = int(yr)
        if q is None:
            # "the 1988 quarter": the quarter under discussion, in that year
            q = 4 if g("year") else (ctx.last_quarter or dct_q.add(-1)).n
        c = Cal("quarter", y, q)
    elif q is not None:
        if ys.startswith("last"):
            y = ctx.dct.year - 1
        elif ys.startswith("next"):
            y = ctx.dct.year + 1
        elif ys.startswith("this"):
            y = ctx.dct.year
        else:
            y = _quarter_year(ctx, q, s, e)
            end = _ended_on(ctx, text, e)
            if end is not None:
                y = end.year      # "the second quarter ended Oct. 31" (fiscal): the year it ended in
        if ya.startswith(("year-ago", "year-earlier", "comparable")):
            h = cal_hit(ctx, s, e, Cal("quarter", y - 1, q))
            h.anchor = False
            return h
        c = Cal("quarter", y, q)
    else:
        # no ordinal: "the quarter", "the latest quarter", "last quarter", "the year-ago quarter"
        if ya.startswith(("year-ago", "year-earlier", "comparable")):
            base = ctx.main_quarter or dct_q.add(-1)
            h = cal_hit(ctx, s, e, base.add(-4))
            h.anchor = False
            return h
        elif ya in ("previous", "prior", "past") or ordw in ("last", "final"):
            base = ctx.last_quarter or dct_q
            c = base.add(-1)
        elif ys:
            base = ctx.last_quarter or dct_q.add(-1)
            c = Cal("quarter", ctx.dct.year + {"l": -1, "n": 1}.get(ys[0], 0), base.n)
        elif ya == "current":
            c = dct_q
        elif ya == "same" and ctx.last_quarter:
            c = ctx.last_quarter
        elif word_before(text, s) == "this" and ctx.last_quarter is not None:
            c = ctx.last_quarter      # "this quarter's loss" in a report on that quarter
        else:   # the quarter, the latest quarter, the most recent quarter: the last completed one
            c = dct_q.add(-1)
            end = _ended_on(ctx, text, e)
            if end is not None:
                # "the quarter ended July 31": the (fiscal) quarter whose end is that day
                c = at(end - _dt.timedelta(days=45), "quarter")
    if g("ago"):
        h = cal_hit(ctx, s, e, c.add(-4))
        h.anchor = False
        return h
    return cal_hit(ctx, s, e, c)


_ENDED_ON = re.compile(rf",?\s{{1,3}}ended{L.S}({L.MONTH}){L.S}?(\d{{1,2}})(?!\d)", re.IGNORECASE)


def _ended_on(ctx, text: str, e: int) -> date | None:
    """The day in "... ended Sept. 30" right after offset e: the last one on
    or before the DCT (a period that ended is over)."""
    me = _ENDED_ON.match(text, e)
    if me is None:
        return None
    try:
        mon, dd = month_num(me.group(1)), int(me.group(2))
        end = date(ctx.dct.year, mon, dd)
        return end if end <= ctx.dct else date(ctx.dct.year - 1, mon, dd)
    except (ValueError, KeyError):
        return None


def h_half(ctx, m, g, s, e):
    if word_after(ctx.text, e).lower() == "of":
        return None   # "the second half of the game": not the calendar half-year
    ordw = (g("ord") or g("ord2")).lower()     # "the first two quarters of 1990" = H1
    h = 1 if ordw in ("first", "1st") else 2
    if g("dec"):
        dec = g("dec").lower()
        y = int(dec[:4]) if dec[0] != "'" else year_of(dec[1:3], ctx.dct)
        return cal_hit(ctx, s, e, Cal("decade", y), "START" if h == 1 else "END")
    if g("year"):
        y = int(g("year"))
    elif g("rel"):
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g("rel").lower()]
    else:
        y = ctx.dct.year
        if Cal("half", y, h).first_day() > ctx.dct and tense(ctx.text, s, e) == "past":
            y -= 1
    return cal_hit(ctx, s, e, Cal("half", y, h))


def h_ago(ctx, m, g, s, e):
    if g("unit")[:1].isupper() and g("dir")[:1].isupper() and not _SENTENCE_START_BEFORE.search(ctx.text, max(0, s - 4), s):
        return None   # "or 28 Days Later, but there were no zombies": a title in mid-sentence
    d = g("dir").lower()
    d = " ".join(d.split())
    if d in ("earlier", "later") and word_after(ctx.text, e).lower() == "than":
        return None   # "a week earlier than expected", "three days later than the vote": how far apart
        #               two times are (the duration rule reads it), not a week before today
    unit = g("unit")
    if g("vague"):
        ref = "FUTURE_REF" if d in ("later", "from now", "hence", "after") else "PAST_REF"
        return Hit(s, e, "DATE", ref)
    n = parse_num(g("num"))
    if n is None:
        return None
    sign = 1 if d in ("later", "after", "from now", "hence") else -1
    if d in ("ago", "back", "from now", "hence"):
        base = ctx.dct
    elif unit_key(unit) == "year" and ctx.last_any is not None and ctx.last_any.gran == "year":
        base = ctx.last_any.first_day()   # "in 1957 ... only to return 20 years later": 1977
    else:
        if d == "later" and ctx.last_any is None and unit_key(unit) in ("year", "decade", "century"):
            return None   # "Two decades later, they agree that ...", told of a disaster the text has not
            #               dated: years after the story's own day is no day of the story
        if d == "later" and ctx.last_fine is None and ctx.last_day is None \
                and unit_key(unit) in ("day", "week", "month", "night"):
            return None   # ("BP decided it wasn't necessary. Five days later, on April 20, the well blew
            #               out": later than a day the text has not named; not days after the story)
        base = ctx.anchor_day("day" if unit_key(unit) in ("hour", "minute", "second", "day", "night") else None)
    u = unit_key(unit)
    # "a year ago" / "a year earlier" in quarterly-report prose means the same quarter a year before
    if u == "year" and n == 1 and ctx.main_quarter is not None and ctx.last_type != "DURATION":
        # (after "the first nine months", "a year earlier" compares that span: a year)
        h = cal_hit(ctx, s, e, ctx.main_quarter.add(-4 if sign < 0 else 4), qual_mod(g("q")))
        h.anchor = False
        return h
    c = shift_unit(base, sign * n, unit)
    return cal_hit(ctx, s, e, c, qual_mod(g("q")))


def h_yearago(ctx, m, g, s, e):
    noun = (g("noun") or "").lower()
    if noun in ("nine months", "six months"):
        return Hit(s, e, "DURATION", duration_value(int(noun[0] == "n") * 3 + 6, "month"))
    if noun == "month":
        return cal_hit(ctx, s, e, at(ctx.dct, "month").add(-12))
    if noun == "week":
        return cal_hit(ctx, s, e, at(ctx.dct, "week").add(-52))
    if ctx.main_quarter is not None or noun == "quarter":
        base = ctx.main_quarter or at(ctx.dct, "quarter").add(-1)
        h = cal_hit(ctx, s, e, base.add(-4))
    else:
        h = cal_hit(ctx, s, e, Cal("year", ctx.dct.year - 1))
    h.anchor = False
    return h


_REL_DIR = {
    "this": 0, "current": 0, "the current": 0, "the same": 0, "that": 0,
    "last": -1, "previous": -1, "this past": -1, "the previous": -1,
    "next": 1, "coming": 1, "this coming": 1, "the coming": 1, "the next": 1, "the following": 1,
    "past": -1, "the past": -1, "the last": -1,
}
_ANCHORED_REL = {"the previous", "the following", "the same", "that", "the next"}


def _title_context(text: str, s: int) -> bool:
    """A capitalized word at ``s`` in mid-sentence right after another
    capitalized word: part of a name ("VOA Today")."""
    before = text[max(0, s - 40):s].rstrip(" ")
    if not before or before[-1] in ".!?:;\"'`-(\n":
        return False
    w = before.split()[-1] if before.split() else ""
    return w[:1].isupper()


def h_relunit(ctx, m, g, s, e):
    if g("unit")[0].isupper():
        return None   # ABC's "This Week": a title ("this Week" does not occur in prose)
    rel = " ".join(g("rel").lower().split())
    unit = g("unit").lower()
    modtxt = g("mod")
    mod = mod_of(modtxt)
    if rel in ("the past", "the last", "past") and not modtxt:
        # "the past year" = the year up to now: a duration in TimeML
        if unit == "weekend":
            return cal_hit(ctx, s, e, at(ctx.dct, "weekend").add(-1 if ctx.dct.isoweekday() < 6 else 0))
        if unit == "year" and rel != "past":
            # "over the past year": TimeBank gives the previous calendar year
            return cal_hit(ctx, s, e, Cal("year", ctx.dct.year - 1))
        if unit == "decade" and rel == "the last":
            # "lost to inflation in the last decade" (1998): the 1980s; "the past decade" stays a span
            return cal_hit(ctx, s, e, at(ctx.dct, "decade").add(-1))
        return Hit(s, e, "DURATION", duration_value(1, unit))
    if rel == "the coming" and unit in ("year", "month", "week", "decade", "day") and not modtxt:
        return Hit(s, e, "DURATION", duration_value(1, unit))   # "the coming year": the year ahead
    k = _REL_DIR.get(rel, 0)
    if rel in _ANCHORED_REL:
        if unit in ("day", "night"):
            base = ctx.anchor_day("day")  # ("that night" after "this month" alone: not the 1st)
        elif unit == "year" and ctx.last_any is not None and ctx.last_any.gran not in ("decade", "century"):
            base = ctx.last_any.first_day()  # ("died in 1889 and she married in the same year": 1889,
            #                                   not the year of a day named before it)
        elif ctx.last_fine is not None:
            base = ctx.last_fine.first_day()
        elif ctx.last_any is not None and unit in ("year",):
            base = ctx.last_any.first_day()
        else:
            base = ctx.dct
    else:
        base = ctx.dct
    if unit == "night":
        # "last night", "that night", "the same night"
        d = ctx.dct - _dt.timedelta(days=1) if rel in ("last", "this past", "the last") else (
            base + _dt.timedelta(days=k) if rel in _ANCHORED_REL else None)
        if d is None:
            return None
        return Hit(s, e, "TIME", d.isoformat() + "TNI", None, day_cal(d))
    if unit == "day":
        if rel in _ANCHORED_REL or rel == "that":
            c = day_cal(base).add(k)
        else:
            return None   # "this day", "last day" are rarely temporal references
    elif unit == "weekend":
        cur = at(base, "weekend")
        if k < 0 and base.isoweekday() >= 6 and rel in ("this past",):
            cur = cur.add(1)
        c = cur.add(k)
    elif unit == "quarter" and ctx.last_quarter is not None and (rel in _ANCHORED_REL or rel == "this"):
        c = ctx.last_quarter.add(k)   # "that quarter", "the previous quarter" in a quarterly report
    elif unit in ("decade", "century"):
        c = at(base, unit).add(k)
    else:
        c = at(base, unit if unit != "fortnight" else "week").add(k)
    if modtxt and mod in ("START", "END") and modtxt.lower().startswith(("earlier", "later")) and k == 0:
        # "earlier this year" = from the start of the year up to the DCT; "later that week" =
        # from the day under discussion to the week's end
        return _up_to_or_from(cal_hit(ctx, s, e, c, mod), base, mod)
    return cal_hit(ctx, s, e, c, mod)


def _up_to_or_from(hit: Hit, day: date, mod: str) -> Hit:
    """hit (of "earlier ..."/"later ..." a unit) with its interval cut at day: the part of
    the unit before it (START) or after it (END)."""
    a, b = hit.cal.interval
    cut = (a, min(max(day, a), b)) if mod == "START" else (max(min(day, b), a), b)
    # (a day or two after the day is no part of the unit to speak of: "later that week" of a
    # Sunday is the week; but "earlier this week", told on a Tuesday, is Monday or Tuesday)
    hit.interval = cut if mod == "START" or (cut[1] - cut[0]).days >= 2 or (b - a).days < 2 else (a, b)
    return hit


def h_modtoday(ctx, m, g, s, e):
    rel = g("rel").lower()
    off = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(rel.split()[0], 0)
    d = ctx.dct + _dt.timedelta(days=off)
    if rel == "tonight":
        return Hit(s, e, "TIME", d.isoformat() + "TNI", None, day_cal(d))
    if rel.startswith("this"):
        part = L.PARTS_OF_DAY[rel.split()[-1]]
        return Hit(s, e, "TIME", d.isoformat() + "T" + part, None, day_cal(d))
    return cal_hit(ctx, s, e, day_cal(d))


def h_earlier_in(ctx, m, g, s, e):
    """"earlier in the month", "later in the year": the part of the unit before (after) the
    day under discussion, as "earlier this month" is."""
    unit = g("unit").lower()
    base = ctx.last_fine.first_day() if ctx.last_fine is not None else ctx.dct
    mod = mod_of(g("mod"))
    return _up_to_or_from(cal_hit(ctx, s, e, at(base, unit), mod), base, mod)


def h_partday(ctx, m, g, s, e):
    """"mid-afternoon yesterday", "early Friday morning", "late evening"."""
    day = (g("day") or "").lower()
    wd = g("wd1") or (g("day") if day in L.WEEKDAYS else None)
    if day in ("yesterday", "today", "tomorrow"):
        d = ctx.dct + _dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[day])
    elif wd:
        d = _day_from_wd(ctx, wd, s, e)
    else:
        d = ctx.anchor_day("day")
    part = L.PARTS_OF_DAY[g("part").lower()]
    return Hit(s, e, "TIME", f"{d.isoformat()}T{part}", mod_of(g("mod")), day_cal(d))


_GENERIC_NOW = {"world", "youth", "society", "generation", "generations", "kids", "children", "young",
                "teenagers", "families", "standards", "times", "culture", "dollars", "money", "terms", "prices"}


_GENERIC_AFTER = re.compile(r",?\s{1,3}(?:generally|usually|typically|normally|largely|mostly|tend|tends|often|rarely|"
                            r"seldom)\b", re.IGNORECASE)
_TITLE_OF = re.compile(r"[A-Z][\w'-]*\s+of\s+$")
_KEPT = {"kept", "keep", "keeps", "stay", "stays", "stayed", "remain", "remains", "remained", "hold", "holds",
         "held", "spend", "spends", "spent", "sit", "sat", "soak", "soaked", "marinate", "rest"}
_NEWS_BEFORE = re.compile(r"\bNews\s\Z")
_SHOW_AFTER = re.compile(r"[\"'\u201d\u2019]?\s{1,3}(?:show|programme|program|broadcast|interview|presenter|host)\b",
                         re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"'\u201c\u2018]?\s*\Z")


def h_relday(ctx, m, g, s, e):
    if g("ba"):
        off = -2 if g("ba").lower().startswith("before") else 2
        return cal_hit(ctx, s, e, day_cal(ctx.dct + _dt.timedelta(days=off)))
    w = " ".join(g("word").lower().split())
    part = g("part")
    text = ctx.text
    if w in ("today", "tomorrow") and not part:
        prev = word_before(text, s)
        if prev == "of" and (w == "tomorrow" or text[e:e + 2] == "'s"):
            return None   # "many of today's computers", "the people of tomorrow": generic
        if text[e:e + 2] in ("'s", "’s") and ((after := word_after(text, e + 2)).lower() in _GENERIC_NOW
                                              or after[:1].isupper() and after.endswith(("ans", "ese"))):
            return None   # "in today's world", "for today's youth", "today's Haitians", "in today's
            #               dollars": nowadays, not the DCT
        if w == "today" and _GENERIC_AFTER.match(text, e):
            return None   # "oil rigs today generally don't cause spills": nowadays
        if text[s].isupper() and _title_context(text, s):
            return None   # "VOA Today", "USA Today": a name
        if text[s].isupper() and _SHOW_AFTER.match(text, e) and not _SENTENCE_START.search(text, max(0, s - 40), s):
            return None   # "BBC Radio 4's Today programme", "NBC's \"Today\" show"
    if w in ("today", "yesterday", "tomorrow"):
        d = ctx.dct + _dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[w])
        if part:
            return Hit(s, e, "TIME", d.isoformat() + "T" + L.PARTS_OF_DAY[part.lower()], None, day_cal(d))
        return cal_hit(ctx, s, e, day_cal(d))
    if part:
        return None
    if w == "last night":
        d = ctx.dct - _dt.timedelta(days=1)
        return Hit(s, e, "TIME", d.isoformat() + "TNI", None, day_cal(d))
    if w == "tonight":
        return Hit(s, e, "TIME", ctx.dct.isoformat() + "TNI", None, day_cal(ctx.dct))
    if w == "overnight" and word_before(text, s) in _KEPT:
        return None   # "injured are kept overnight in tents", "stayed overnight": how long, not when
    if w == "overnight":
        # the night before the day under discussion ("closed lower Friday ... overnight losses in
        # New York" = Thursday night), else the night before the DCT
        a = ctx.anchor_day("day") if ctx.last_day is not None else ctx.dct
        if not 0 <= (ctx.dct - a).days <= 7:
            a = ctx.dct       # an older date is another story's
        d = a - _dt.timedelta(days=1)
        return Hit(s, e, "TIME", d.isoformat() + "TNI", None, day_cal(d))
    # this morning / this afternoon / this evening
    p = L.PARTS_OF_DAY[w.split()[-1]]
    return Hit(s, e, "TIME", ctx.dct.isoformat() + "T" + p, None, day_cal(ctx.dct))


def h_anchored(ctx, m, g, s, e):
    rel = g("rel").lower()
    unit = g("unit").lower()
    base = ctx.anchor_day("day" if unit in ("day", "morning", "night", "evening", "afternoon")
                          or rel in ("day", "night") else None)
    if rel in ("day", "night", "week", "month", "year"):
        if unit not in ("before", "after"):
            return None
        if not g("the"):
            return None
        # "the day before" only at a clause end; "the day before the vote" is not a timex of its own
        rest = ctx.text[e:e + 20].lstrip(" ")
        nxt = word_after(ctx.text, e)
        if rest[:1].isalnum() and nxt.lower() not in ("and", "or", "but"):
            return None
        k = -1 if unit == "before" else 1
        if rel in ("week", "month", "year"):
            return cal_hit(ctx, s, e, at(base, rel).add(k))   # "the year before"
        return cal_hit(ctx, s, e, day_cal(base).add(k))
    if unit in ("before", "after"):
        return None
    k = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "prior": -1, "same": 0}[rel]
    if unit in ("morning", "night", "evening", "afternoon", "day"):
        c = day_cal(base).add(k)
        return cal_hit(ctx, s, e, c)
    if not g("the") and rel != "same":
        return None
    return cal_hit(ctx, s, e, at(base, unit).add(k))


_MONTH_PREP = {"in", "of", "since", "until", "till", "by", "from", "through", "during", "last", "next", "this",
               "early", "late", "mid", "between", "and", "to", "before", "after", "on", "for", "mid-", "or",
               "into", "throughout", "around", "past", "end", "beginning", "middle", "as", "at", "the"}


_OF_A_NAME = re.compile(r"\s{1,3}of\s{1,3}[A-Z][a-z]")


def h_month(ctx, m, g, s, e):
    text = ctx.text
    mon_txt = g("mon")
    ms = m.start(qname("month", "mon"))
    if not mon_txt[0].isupper():
        return None   # "may", "march" as ordinary words
    key = mon_txt.lower().rstrip(".")
    rel = " ".join((g("rel") or "").lower().split())
    modtxt = g("mod")
    year = g("year")
    if key in ("may", "march") and not (rel or modtxt or year or g("yw")):
        prev = word_before(text, ms)
        nxt = word_after(text, m.end())
        if prev not in _MONTH_PREP and not (nxt[:1].isdigit()):
            return None   # modal "May", the verb/noun "March" at sentence start
    if not (rel or modtxt or year or g("yw") or g("ry")) and _name_follows(text, m.end()) \
            and word_before(text, ms) not in _DATE_PREP and not _TITLE_CASE_PREP.search(text, max(0, ms - 12), ms) \
            and not _DATE_BEFORE.search(text, max(0, ms - 30), ms):
        return None   # "August Wilson's", "for March Madness" (but "in August Congress passed")
    if not (rel or modtxt or year or g("yw") or g("ry")) and _OF_A_NAME.match(text, m.end()):
        return None   # "the March of Dimes": a name
    mon = month_num(mon_txt)
    ry = (g("ry") or "").lower()
    if year:
        y = year_of(year, ctx.dct)
    elif g("yw"):
        y = spelled_year(g("yw"))
    elif ry:
        y = ctx.dct.year + {"last": -1, "next": 1}.get(ry, 0)
    elif rel in ("last", "this past", "past"):
        y = ctx.dct.year if mon < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "this coming", "coming"):
        y = ctx.dct.year if mon > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        y = _year_ahead(text, e, mon)
        if y is None and _lead_year_holds(ctx, s):
            y = ctx.lead_year[0]  # ("In 1998, the firm moved to Ohio in March")
        if y is None:
            y = pick_year(mon, None, ctx.dct, _leaning(text, s, e), governing_cue(text, s) or fronted_cue(text, s, e))
    return cal_hit(ctx, s, e, Cal("month", y, mon), mod_of(modtxt))


# Words before a month or weekday that make it a date even when a capitalized word follows.
_DATE_PREP = {"in", "since", "until", "till", "by", "during", "from", "through", "last", "next", "this",
              "early", "late", "mid", "mid-", "before", "after", "on", "throughout", "between", "to"}
# A capitalized preposition before the month: a headline in title case ("Election Set For
# November Amid Protests"), where every word is capitalized anyway.
# "between April and June Toyota sold", "as of March Tesla had": a date after all
_DATE_BEFORE = re.compile(rf"(?i:(?:{L.MONTH}\s{{1,3}}(?:and|or)|\bas\s{{1,3}}of)\s{{1,3}})$")
_TITLE_CASE_PREP = re.compile(r"(?<=\w )(?:For|To|Of|In|On|By|Until|After|Before|Since|From)\s{1,3}$")
_NAME_WORD = re.compile(r"\s{1,3}([A-Z][a-z]+)\b")


def _name_follows(text: str, e: int) -> bool:
    """A capitalized word that is no date word follows: the month or weekday before it is part
    of a name ("August Wilson", "March Madness", "the Sunday Times")."""
    found = _NAME_WORD.match(text, e)
    if found is None:
        return False
    word = found.group(1).lower()
    return word not in L.TOKEN_KIND_ANYCASE and word not in _NOT_NAMES


_NOT_NAMES = {"and", "or", "the", "but", "as", "at", "in", "on", "for", "to", "with", "when", "while", "after",
              "before", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "a", "an",
              "there", "this", "that", "these", "those", "some", "many", "most", "all", "no", "officials",
              "police", "congress", "parliament"}


_YEAR_AHEAD = re.compile(rf"(?i:(?:\s{{0,3}}[-–]\s{{0,3}}|{L.S}(?:and|or|to|through|until|till){L.S})"
                         rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?:{L.S}of)?{L.S})?({L.MONTH})(?:{L.S}\d{{1,2}}(?:st|nd|rd|th)?)?,?"
                         rf"{L.S}(?:of{L.S})?(1[6-9]\d\d|20\d\d)(?![\d\w]))")  # ("March and April of 2008")


def _year_ahead(text: str, e: int, month: int) -> int | None:
    """The year of a month (or month and day) named next in the same phrase: "between January
    and March 2003", "from May 5 to June 1, 2010", "from 5 May to 1 June 2010" give the first
    date the year of the second."""
    found = _YEAR_AHEAD.match(text, e)
    if found is None:
        return None
    year = int(found.group(2))
    return year - 1 if month_num(found.group(1)) < month else year   # "December and January 2020"


_SEASON_PREP = {"in", "during", "this", "by", "until", "since", "for", "over", "through", "last", "next",
                "early", "late", "mid", "the", "of", "past", "coming", "throughout", "before", "after"}


_FALL_IN = re.compile(r"\s{1,3}in\s{1,3}(?:(?:the|its|their|a|an|his|her|our)\s{1,3})?[a-z]")
_FALL_OF = re.compile(r"\s{1,3}of\s{1,3}(?!(?:last|this|next|that|[Nn]ineteen|[Tt]wo)\b|\d|'\d)")


def h_season(ctx, m, g, s, e):
    text = ctx.text
    rel = " ".join((g("rel") or "").lower().split())
    modtxt = g("mod")
    season = L.SEASONS[g("season").lower()]
    si = ("SP", "SU", "FA", "WI").index(season)
    mod = mod_of(modtxt) or (mod_of(rel) if rel in ("early", "late", "mid") else None)
    if g("year") or g("yw"):
        y = int(g("year")) if g("year") else spelled_year(g("yw"))
        return cal_hit(ctx, s, e, Cal("season", y, si), mod)
    if text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha():
        return None        # "the fall-out", "spring-loaded": a word of its own
    if not rel or rel == "the":
        prev = word_before(text, s)
        if prev not in _SEASON_PREP:
            return None    # "prices fall", "spring into action"
        if season == "FA" and _FALL_OF.match(text, e):
            return None    # "the fall of Lehman Brothers", "the fall of the Berlin Wall": a collapse
        if season == "FA" and prev in ("the", "a") and _FALL_IN.match(text, e) \
                and word_before(text, s - 1 - len(prev)) not in _SEASON_PREP:
            return None    # "the fall in the value of its shares": a decline (not "in the fall in Ohio")
    this = Cal("season", ctx.dct.year if not (season == "WI" and ctx.dct.month <= 2) else ctx.dct.year - 1, si)
    if rel == "this past":
        c = this if this.interval[1] < ctx.dct else this.add(-4)   # the latest one over
    elif rel in ("last", "past"):
        c = this.add(-4)          # the season of the previous year (TimeBank usage)
    elif rel in ("next", "this coming", "coming"):
        c = this if this.interval[0] > ctx.dct else this.add(4)
    elif rel == "this":
        c = this
    elif _lead_year_holds(ctx, s):
        c = Cal("season", ctx.lead_year[0], si)  # ("In the 1918 pandemic, ... but by fall, ...")
    else:
        t = tense(text, s, e)
        c = this
        if t == "past" and this.interval[0] > ctx.dct:
            c = this.add(-4)
        elif t == "future" and this.interval[1] < ctx.dct:
            c = this.add(4)
    return cal_hit(ctx, s, e, c, mod)


def h_decade(ctx, m, g, s, e):
    if g("dec"):
        y = int(g("dec"))
    elif g("dec2"):
        y = year_of(g("dec2"), ctx.dct)
    else:
        y = 1900 + 10 * L.DECADE_WORDS[g("decw").lower()]
    mod = mod_of(g("mod")) or mod_of(g("mod2"))
    if g("dec") and y % 100 == 0 and y < 2000:
        return cal_hit(ctx, s, e, Cal("century", y), mod)  # "the 1800s", "the late 1800's": a century
    return cal_hit(ctx, s, e, Cal("decade", y), mod)


def h_fiscal(ctx, m, g, s, e):
    ys = g("year") or g("year2")
    return cal_hit(ctx, s, e, Cal("year", year_of(ys, ctx.dct)))


def h_weekday(ctx, m, g, s, e):
    text = ctx.text
    if not g("wd")[0].isupper():
        return None
    rel = " ".join((g("rel") or "").lower().split())
    wd = L.WEEKDAYS[g("wd").lower()]
    if not rel and not g("part") and _PAPER.match(text, e) and word_before(text, s) not in _DATE_PREP:
        return None   # "the Sunday Times", "Monday Night Football": names
    if not rel and not g("part") and text[max(0, s - 3):s].rstrip().endswith(("'s", "\u2019s")) \
            and _NAME_AFTER.match(text, e):
        return None   # "BBC Radio Ulster's Sunday Sequence": a programme's name
    if not rel and not g("part") and _NEWS_BEFORE.search(text, max(0, s - 5), s):
        return None   # "Fox News Sunday", "CBS News Sunday Morning": a programme's name
    if g("part") and g("part")[0].isupper() and _NAME_AFTER.match(text, e):
        return None   # "the Friday Night Comedy podcast", "Saturday Night Live": a name
    plural = _PLURAL_PART.match(text, e)
    if plural and not rel and not g("part"):
        # "Sunday nights": every one, as "Sundays" is
        part = L.PARTS_OF_DAY[plural.group(1).lower()[:-1]]
        return Hit(s, plural.end(), "SET", f"XXXX-WXX-{wd}T{part}")
    if rel == "that" and (text[e:e + 2] in ("'s", "\u2019s") or word_before(text, s) not in _THAT_DAY_BEFORE
                          and text[:s].rstrip()[-1:] not in ("", ".", "!", "?", '"', "\u201d")):
        # "said that Tuesday's outage": a conjunction, then the weekday as usual
        rel, s = "", m.start(qname("weekday", "wd"))
    before_last = _BEFORE_LAST.match(text, e) if not rel and not g("part") else None
    if before_last:
        # "on the Thursday before last": the one a week before the last one
        d = weekday_date(wd, ctx.dct, "last") - _dt.timedelta(days=7)
        return cal_hit(ctx, s, before_last.end(), day_cal(d))
    if not rel and word_before(text, s) == "the" and ctx.last_day is not None \
            and text[max(0, s - 4):s].lower() == "the " and _CLAUSE_NEXT.match(text, e):
        rel = "that"   # "when I left home on the Tuesday night": the Tuesday of the story told
    if rel in ("the same", "that"):
        # "on Dec. 1, the same Saturday that ...", "that Friday": the weekday of the day under
        # discussion (of the days within three of it)
        base = ctx.anchor_day("day")
        d = base + _dt.timedelta(days=(wd - base.isoweekday() + 3) % 7 - 3)
        return cal_hit(ctx, s, e, day_cal(d))
    if rel in ("the previous", "the following", "the next"):
        # relative to the day under discussion: "down 4.5% from the previous Friday"
        d = weekday_date(wd, ctx.anchor_day("day"), "last" if rel == "the previous" else "next")
        return cal_hit(ctx, s, e, day_cal(d))
    how = {"last": "last", "this past": "last", "past": "last", "next": "next", "this coming": "next",
           "coming": "next", "this": "this"}.get(rel)
    if how == "this" and ctx.dct.isoweekday() >= 6 and wd < ctx.dct.isoweekday() \
            and tense(text, s, e) != "past":
        how = "next"  # ("when they meet in Washington this Wednesday", written on a Sunday: the coming one)
    if how is None:
        if text[e:e + 2] in ("'s", "’s") and not g("part"):
            # "Wednesday's ruling": an event already reported, unless it is awaited
            near = {w.lower() for w in text[max(0, s - 25):s].split()[-3:]}
            how = "future" if near & _AWAITED else "past"
        else:
            how = tense(text, s, e) or _without_cue(wd, ctx.dct)
            if how == "past" and word_before(text, s) in ("until", "till") and _deferred(text, s):
                how = "future"   # "postponed until Tuesday" (but "talks went on until Friday")
            elif how == "past" and word_before(text, s) in ("starting", "beginning", "effective"):
                how = "future"   # "ordered evacuations starting Tuesday": what was ordered is ahead
    d = weekday_date(wd, ctx.dct, how)
    part = g("part")
    mod = {"early": "START", "late": "END"}.get(rel)
    if part and part.lower() == "evening":
        return Hit(s, e, "TIME", d.isoformat() + "TEV", mod, day_cal(d))
    # "Friday night", "Tuesday morning": TimeBank/AQUAINT mostly give the plain
    # date (DATE), "Friday evening" mostly TEV (TIME)
    return cal_hit(ctx, s, e, day_cal(d), mod)


# (what may follow "the <weekday>" that is no noun's modifier: not "the Tuesday meeting")
_CLAUSE_NEXT = re.compile(r"\s*(?:[,.;:!?)\"\u201d]|$|(?:she|he|they|we|I|it|you|when|and|but|there|the|a|an|his|her|their|its|"
                          r"to|in|at|on|after|before)\b)")
_BEFORE_LAST = re.compile(r"\s{1,3}before\s{1,3}last\b", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s{1,3}(?!(?:Morning|Afternoon|Evening|Night|January|February|March|April|May|June|July|"
                         r"August|September|October|November|December)\b)[A-Z][a-z]")
_PAPER = re.compile(r"\s{1,3}(?:Times|Telegraph|Express|Mirror|Herald|Post|Tribune|Independent|People|Sport|Star"
                    r"|Mail|Observer|Business|Age|Journal|Review|Globe|Night|Edition|Magazine|Today|Show"
                    r"|School|Service|Football|League|Bulletin|Chronicle|Gazette|Record|Standard|Sun|News)\b")
# Words after which "that <weekday>" is the weekday under discussion ("on that Friday"); after
# others ("said that Tuesday's outage") "that" is a conjunction.
_THAT_DAY_BEFORE = {"", "on", "by", "until", "till", "since", "from", "before", "after", "and", "of", "for",
                    "during", "through", "but", "then", "that"}
_PLURAL_PART = re.compile(r"\s{1,3}(mornings|afternoons|evenings|nights)(?!\w)", re.I)
_AWAITED = {"ahead", "upcoming", "until", "till", "await", "awaiting", "awaits", "for", "next"}


def h_set(ctx, m, g, s, e):
    if g("adv"):
        nxt = word_after(ctx.text, e)
        if g("adv").lower() == "quarterly" and nxt[:1].islower() and nxt not in _VERBISH_AFTER:
            return None   # "its quarterly dividend": TimeBank tags "daily life" but not this
        if _RATE_BEFORE.search(ctx.text, max(0, s - 12), s):
            return None   # "rise 8.5% annually", "10,000 units annually": rates
        return Hit(s, e, "SET", L.SET_ADVERBS[g("adv").lower()][0])
    if g("wds"):
        if not g("wds")[0].isupper():
            return None
        return Hit(s, e, "SET", f"XXXX-WXX-{L.WEEKDAYS[g('wds').lower()[:-1]]}")
    if g("times"):
        return Hit(s, e, "SET", duration_value(1, g("unit2")))
    u = g("unit")
    ul = u.lower()
    if ul in L.WEEKDAYS:
        return Hit(s, e, "SET", f"XXXX-WXX-{L.WEEKDAYS[ul]}")
    if ul in L.PARTS_OF_DAY:
        return Hit(s, e, "SET", f"XXXX-XX-XXT{L.PARTS_OF_DAY[ul]}")
    if ul in L.MONTHS:
        return Hit(s, e, "SET", f"XXXX-{L.MONTHS[ul]:02d}")
    if g("every").lower() == "per" and ul in ("second", "minute", "hour"):
        return None   # "miles per hour", "instructions per second": rates
    n = parse_num(g("num")) or 1
    if g("other"):
        n *= 2
    return Hit(s, e, "SET", duration_value(n, u))


_RATE_BEFORE = re.compile(r"(?:%|\d\s{1,3}(?:percent|units|shares|barrels|tons))\s{1,3}$")
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "first", "second",
                "third", "fourth", "latest", "last", "regular", "this", "that", "these", "those", "usual", "new"}
_VERBISH_AFTER = {"and", "or", "to", "in", "on", "at", "for", "by", "from", "since", "until", "with"}


_NEXT_WORD = re.compile(r"[ \t]{1,3}([A-Za-z]+)")  # the word right after, nothing between
# Nouns a part of the day (or "weekend") before them makes a compound of: "the night shift"
# is a kind of shift, not a night.
_COMPOUND_HEADS = {
    "shift", "shifts", "sky", "skies", "watch", "watchman", "paper", "papers", "edition", "editions",
    "news", "show", "shows", "bulletin", "bulletins", "prayer", "prayers", "light", "lights", "air",
    "sun", "star", "stars", "club", "clubs", "life", "nurse", "nurses", "staff", "crew", "crews",
    "bus", "buses", "train", "trains", "vision", "sickness", "dress", "rush", "commute", "commuters",
    "mist", "fog", "dew", "programme", "program", "anchor", "owl", "owls", "getaway", "break",
    "job", "jobs", "worker", "workers", "school", "classes", "curfew", "raid", "raids", "sitting",
}


_PARTS_AND_WEEKEND = ("morning", "afternoon", "evening", "night", "weekend")


def _word_right_after(text: str, e: int) -> str | None:
    """The word right after e, with nothing but spaces between (word_after skips commas)."""
    right_after = _NEXT_WORD.match(text, e)
    return right_after.group(1) if right_after else None


def h_theunit(ctx, m, g, s, e):
    h = _theunit(ctx, m, g, s, e)
    if h is not None and g("mod"):
        if h.cal is None or h.type != "DATE":
            return None
        h.mod = mod_of(g("mod"))          # "the end of the year"
    return h


def _theunit(ctx, m, g, s, e):
    unit = g("unit").lower()
    fiscal = (g("fiscal") or "").lower()
    text = ctx.text
    nxt = word_after(text, e).lower()
    if unit in ("year", "week", "month", "weekend") and \
            nxt in ("ended", "ending", "ends", "end", "through", "to", "before", "after", "earlier", "ago"):
        if nxt in ("ended", "ending", "ends", "to"):
            return Hit(s, e, "DURATION", duration_value(1, unit if unit in ("year", "week", "month") else "day"))
        return None
    head = _word_right_after(text, e)
    if unit in _PARTS_AND_WEEKEND and head and (head.lower() in _COMPOUND_HEADS
                                                or g("unit")[0].isupper() and head[:1].isupper()):
        return None   # "the night shift", "the morning paper", "the Evening Standard": a thing, not a time
    if unit in ("morning", "afternoon", "evening", "night"):
        if fiscal or nxt == "of":
            return None   # "the night of Oct. 23": the date is the timex
        d = ctx.anchor_day("day")
        return Hit(s, e, "TIME", d.isoformat() + "T" + L.PARTS_OF_DAY[unit], None, day_cal(d))
    if unit == "weekend":
        t = tense(text, s, e)
        cur = at(ctx.dct, "weekend")
        if t != "future" and ctx.dct.isoweekday() < 6:
            cur = cur.add(-1)
        return cal_hit(ctx, s, e, cur)
    if unit == "year":
        y = ctx.last_any.y if (ctx.last_any is not None and ctx.last_any.gran != "decade") else ctx.dct.year
        if fiscal.startswith("latest"):
            y = ctx.dct.year - 1
        elif fiscal.startswith(("current", "full", "whole", "entire", "calendar")):
            y = ctx.dct.year
        return cal_hit(ctx, s, e, Cal("year", y))
    base = ctx.last_fine.first_day() if ctx.last_fine is not None else ctx.dct
    return cal_hit(ctx, s, e, at(base, unit))


_REF = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "the present": "PRESENT_REF", "the time being": "PRESENT_REF",
    "so far": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "recent past": "PAST_REF",
    "some past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "the immediate future": "FUTURE_REF",
    "a later date": "FUTURE_REF", "a future date": "FUTURE_REF",
    "a near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "a future": "FUTURE_REF", "soon": "FUTURE_REF",
}


def h_ref(ctx, m, g, s, e):
    w = " ".join(g("ref").lower().split())
    if w == "a future":
        return None
    if w == "a while":
        return Hit(s, e, "DURATION", "PXX")          # "for a while": a vague duration
    if w == "current" and ctx.text[max(0, s - 5):s].lower() == "then ":
        return Hit(s - 5, e, "DATE", "PAST_REF")   # "the then current market price"
    return Hit(s, e, "DATE", _REF[w])


def h_duration(ctx, m, g, s, e):
    text = ctx.text
    if g("plur"):
        return Hit(s, e, "DURATION", duration_value(None, g("plur")))
    if g("ahead"):
        return Hit(s, e, "DURATION", duration_value(None, g("ahead")))   # "the weeks ahead"
    if g("unit2"):
        rel = " ".join(g("rel2").lower().split())
        u = g("unit2")
        if rel in ("for", "in", "over the", "within"):
            s = m.start(qname("duration", "unit2"))
        if rel in ("coming", "future"):
            return Hit(s, e, "DATE", "FUTURE_REF")   # "in coming months", "future quarters"
        if rel == "recent" and u.lower() == "years":
            return Hit(s, e, "DATE", "PAST_REF")
        return Hit(s, e, "DURATION", duration_value(None, u))
    unit = g("unit")
    if unit.lower() in _PARTS_AND_WEEKEND and (_word_right_after(text, e) or "").lower() in _COMPOUND_HEADS:
        return None   # "a night shift worker"
    uk = unit_key(unit)
    numtxt = g("num")
    if g("vague"):
        n = None
    else:
        n = parse_num(numtxt)
        if n is None:
            return None
        nl = numtxt.lower()
        if uk in ("second", "minute") and nl in ("a", "an"):
            return None   # "a second round", "a minute's silence"
        if nl in ("a", "an", "one") and uk in ("quarter",) and not g("rel"):
            return None   # "a quarter of the shares"
        if nl == "one" and uk == "day" and not (g("rel") or g("q")) and word_before(text, s) in _MODALS:
            return Hit(s, e, "DATE", "FUTURE_REF")   # "Islam will one day be ...": some future day
    if text[e:e + 9].lower() in ("-earlier ", "-earlier,", "-earlier.") or text[e:e + 5].lower() == "-ago ":
        return None   # "a year-earlier loss": the yearago rule takes "year-earlier"
    if (g("adj") or "").lower() == "old" or _AGE_AFTER.match(text, e):
        return None   # ages ("a six-year-old boy", "52 years old") are not TimeBank timexes
    if _RATE_AFTER.match(text, e):
        return None   # "24 hours a day, seven days a week": always, not a duration
    if uk == "quarter" and numtxt and numtxt.lower() in ("a", "an", "one", "two", "three") \
            and word_after(text, e).lower() == "of":
        return None   # "three-quarters of its food": a fraction
    rel = " ".join((g("rel") or "").lower().split())
    if numtxt and numtxt.lower() in ("a", "an") and not rel and not g("q"):
        prev = word_before(text, s)
        if prev[:1].isdigit() or prev[:1] == "$" or prev in _AMOUNT_WORDS:
            return None   # "$55 a night", "358,000 a month": a rate, not a duration
        before = text[max(0, s - 40):s].split()[-4:]
        if prev not in _DURATION_PREPS and any(w[:1].isdigit() or w.lower() in _ONES for w in before):
            return None   # "700 seats a week", "20% a year", "four flights a week": still a rate
    # TimeBank leaves determiners and most hedges outside the span
    q = " ".join((g("q") or "").lower().split())
    if q in _SPAN_DROP_Q or (not q and rel in ("a", "the")):
        if rel and rel not in ("a", "the"):
            s = m.start(qname("duration", "rel"))          # "over [the past two years]"
        else:
            s = m.start(qname("duration", "num" if g("num") else "vague"))   # "about [three days]"
    return Hit(s, e, "DURATION", duration_value(n, unit), qual_mod(g("q")))


_MODALS = {"will", "would", "could", "may", "might", "can", "should", "shall", "must"}
_AGE_AFTER = re.compile(r"-old\b|\s{1,3}old\b", re.IGNORECASE)
_RATE_AFTER = re.compile(r"\s{1,3}(?:a|per)\s{1,3}(?:day|week|month|year)\b", re.IGNORECASE)
_DURATION_PREPS = {"for", "in", "within", "about", "over", "than", "of", "after", "before", "nearly", "almost",
                   "than", "least", "around", "only", "just", "once", "twice", "under"}
_SPAN_DROP_Q = {"about", "around", "only", "just", "over", "some", "roughly", "approximately", "nearly",
                "another", "an additional", "all"}
_AMOUNT_WORDS = {"million", "billion", "thousand", "cents", "percent", "dollars", "yen", "marks", "pounds",
                 "francs", "hundred", "trillion", "each"}


_YEAR_OK_PREV = {"in", "since", "by", "of", "from", "until", "till", "during", "before", "after", "to", "through",
                 "between", "and", "early", "late", "mid", "the", "fiscal", "year", "circa", "or", "for", "spring",
                 "summer", "fall", "autumn", "winter", "end", "beginning", "'s", "on", "at", "around", "as", "than",
                 "pre", "post", "december", "january", "november", "october", "september", "august", "july", "june",
                 "april", "march", "may", "february", "mid-", "late-", "early-", "within", "into", "throughout"}
# "a survey of 1600 households", "a total of 2000 troops": a count (but "the spirit of 1968
# lives on", "the class of 2019 graduates": years)
_COUNT_OF = re.compile(r"\b(?i:a|an|some|another)\s{1,3}[a-z]+\s{1,3}of\s{1,3}$")
_QUANT_PREV = {"about", "some", "nearly", "almost", "roughly", "approximately", "only", "just", "over", "under",
               "another", "additional", "top", "no.", "#", "number", "route", "flight", "room", "suite", "highway",
               "interstate", "model", "boeing", "airbus", "windows", "version", "the", "channel", "page", "pages",
               "vol.", "cabinet", "resolution"}
_YEAR_NOUN_OK = {"sales", "earnings", "results", "profits", "revenues", "levels", "figures", "elections",
                 "games", "olympics", "talks", "budgets", "was", "is", "has"}


_CLOCK_ZONES = {"GMT", "UTC", "BST", "CET", "EST", "EDT", "CST", "CDT", "PST", "PDT", "ET", "PT", "LOCAL", "HOURS", "HRS",
                "HOURS", "Z"}


def h_year(ctx, m, g, s, e):
    text = ctx.text
    if g("y2"):
        # "'98" only after a preposition ("in '98", "since '01"), not as a quote mark
        if word_before(text, s) not in ("in", "since", "by", "until", "from", "through", "before", "after",
                                        "during", "of", "class", "summer", "spring", "fall", "winter"):
            return None
        return cal_hit(ctx, s, e, Cal("year", year_of(g("y2"), ctx.dct)))
    if g("ys"):
        # "2019/20", "1998-99": the two calendar years (value: the first one)
        y1, ye = int(g("ys")), g("ye")
        y2 = int(ye) if len(ye) == 4 else y1 // 100 * 100 + int(ye) + (100 if int(ye) < y1 % 100 else 0)
        if y2 != y1 + 1:
            return None
        h = cal_hit(ctx, s, e, Cal("year", y1))
        h.interval = (date(y1, 1, 1), date(y2, 12, 31))
        return h
    ys = m.start(qname("year", "year"))
    pre = (g("pre") or "").lower()
    modtxt = g("mod")
    if not pre and not modtxt:
        prev = word_before(text, ys)
        if prev in _QUANT_PREV and prev != "the":
            return None
        nxt = word_after(text, e)
        if nxt and nxt[0].islower() and nxt.endswith("s") and not nxt.endswith("'s") \
                and nxt not in _YEAR_NOUN_OK and (prev not in _YEAR_OK_PREV or prev == "than"
                                                   or prev == "of" and _COUNT_OF.search(text, max(0, ys - 40), ys)):
            return None   # "2000 copies", "1900 employees", "a survey of 1600 households"
        year = int(g("year"))
        clock = year % 100 < 60 and year // 100 < 24  # (it reads as a 24-hour time too)
        if year > ctx.dct.year + 10 and nxt[:1].isupper() \
                and text[:ys].rstrip()[-1:] in ("", ".", "!", "?", ":", "\u201d", '"'):
            return None   # "2045 Haiti's Prime Minister says ...": a live blog's clock (a century back,
            #               "1912 Titanic sinks" is a chronology's year)
        if clock and (nxt.upper() in _CLOCK_ZONES and nxt != "Z"
                      or prev == "at" and (year < ctx.dct.year - 30 or text[e:e + 2].strip()[:1] == "(")):
            return None   # "struck at 1653 (2153 GMT)", "by 0900 (1800 GMT)", "at 1600 Pennsylvania Avenue"
        # digit groups like "2000-3000" / phone numbers
        if ys >= 2 and text[ys - 1] in "-/" and text[ys - 2].isdigit():
            return None
    mod = mod_of(modtxt)
    if pre.startswith("pre"):
        mod = "BEFORE"
    elif pre.startswith("post"):
        mod = "AFTER"
    if not pre and not modtxt and _SENTENCE_HEAD.search(text, max(0, s - 16), s):
        ctx.lead_year = (int(g("year")), e)  # ("In 2003, Blair backed the war on March 18": 2003's March 18)
    return cal_hit(ctx, s, e, Cal("year", int(g("year"))), mod)


def h_holiday(ctx, m, g, s, e):
    name = g("hol")
    if not name.split()[-1][0].isupper():
        return None
    rel = (g("rel") or "").lower()
    if g("year"):
        y = int(g("year"))
    elif rel:
        y = ctx.dct.year
        d = holiday_date(name, y)
        if rel == "last" and d is not None and d > ctx.dct:
            y -= 1
        elif rel == "next" and d is not None and d < ctx.dct:
            y += 1
    else:
        # nearest occurrence; a tense cue picks only between two close ones (as for month/day)
        past = fut = None
        y = ctx.dct.year
        for cand in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
            d = holiday_date(name, cand)
            if d is None:
                return None
            if d == ctx.dct:
                past = fut = (0, cand)
                break
            if d < ctx.dct:
                past = ((ctx.dct - d).days, cand)
            elif fut is None:
                fut = ((d - ctx.dct).days, cand)
        y = past[1] if past == fut else _choose(past, fut, tense(ctx.text, s, e), y)
    d = holiday_date(name, y)
    if d is None:
        return None
    if g("wk"):
        return cal_hit(ctx, s, e, at(d, "week"))      # "Easter week"
    return cal_hit(ctx, s, e, day_cal(d))


def h_period(ctx, m, g, s, e):
    """"the latest period" in an earnings report is the quarter being reported."""
    adj = " ".join(g("adj").lower().split())
    if ctx.last_quarter is None:
        if adj not in ("latest", "most recent", "year-ago", "year-earlier", "comparable year-ago"):
            return None
        # no quarter mentioned yet: the last completed one, as for "the latest quarter"
        h = cal_hit(ctx, s, e, at(ctx.dct, "quarter").add(-5 if adj.startswith(("year", "comp")) else -1))
        h.anchor = False
        return h
    main = ctx.main_quarter or ctx.last_quarter
    if adj[:1].isdigit():
        h = cal_hit(ctx, s, e, Cal("quarter", int(adj), main.n))       # "the 1988 period"
    elif adj.startswith(("year-", "comparable")):
        h = cal_hit(ctx, s, e, main.add(-4))
    elif adj in ("previous", "prior"):
        h = cal_hit(ctx, s, e, ctx.last_quarter.add(-1))
    elif adj in ("latest", "most recent", "current", "recent"):
        h = cal_hit(ctx, s, e, main)
    else:
        h = cal_hit(ctx, s, e, ctx.last_quarter)
    if g("ago"):
        h = cal_hit(ctx, s, e, h.cal.add(-4))
    h.anchor = False
    return h


def h_century(ctx, m, g, s, e):
    n = int(g("ord"))
    if n < 1:
        return None
    return cal_hit(ctx, s, e, Cal("century", (n - 1) * 100))


def h_yearend(ctx, m, g, s, e):
    rel = (g("rel") or "").lower()
    y = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
    return cal_hit(ctx, s, e, Cal("year", y), "END")


_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10}


def h_spelled(ctx, m, g, s, e):
    if g("y2k"):
        if not m.group().lower().startswith("the") and not g("ones2"):
            return None   # bare "two thousand" is usually a quantity
        y = 2000 + _ONES.get((g("ones2") or "").lower(), 0)
    else:
        century = 1900 if g("cent").lower() == "nineteen" else 1800
        tens = L.SMALL_NUMBERS[g("tens").lower()]
        y = century + tens + _ONES.get((g("ones") or "").lower(), 0)
    return cal_hit(ctx, s, e, Cal("year", y))


def spelled_year(s: str) -> int:
    """Value of a ``lexicon.YEARWORDS`` match: "nineteen ninety-seven" -> 1997."""
    w = s.lower().replace("-", " ").split()
    if w[0] == "two":                      # two thousand (and) one
        return 2000 + _ONES.get(w[-1], 0)
    return (1900 if w[0] == "nineteen" else 1800) + L.SMALL_NUMBERS[w[1]] + (_ONES.get(w[2], 0) if len(w) > 2 else 0)


HANDLERS = {name: globals()["h_" + name] for name, _ in L.RULES}


def qname(rule: str, local: str) -> str:
    """The master-regex name of a rule's group (see lexicon._build_master)."""
    return f"{rule}__{local}"


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------
def _candidates(text: str):
    """Start offsets worth trying the master regex at.

    Running the master alternation at every character is far too slow in
    CPython's ``re`` (~10 us per position), so a cheap token scan picks the
    positions: every *head* token (month, weekday, unit, number, "now", ...)
    and every *starter* token ("the", "last", "early", "two", ...) that has a
    head token within the next 45 characters."""
    kinds = L.TOKEN_KIND_ANYCASE
    toks: list[tuple[int, int, str]] = []
    append = toks.append
    for m in L.WORD.finditer(text):          # most tokens: one dict lookup each
        k = kinds.get(m.group())
        if k is not None:
            append((m.start(), k[0], k[1]))
    nums: list[tuple[int, int, str]] = []
    digit_ok = L.DIGIT_FOLLOW.match
    for m in L.NUMBER.finditer(text):
        w = m.group()
        if w[0] == "'":
            nums.append((m.start(), 1, "'"))
        elif len(w) == 4:
            nums.append((m.start(), 1, "#4"))
        elif len(w) < 4 and digit_ok(text, m.end()):
            nums.append((m.start(), 1, "#"))
    if nums:
        toks = sorted(toks + nums)
    # next head position after each token (backward pass), for starters
    nxt = [0] * len(toks)
    following = 1 << 62
    for i in range(len(toks) - 1, -1, -1):
        nxt[i] = following
        if toks[i][1] == 1:
            following = toks[i][0]
    for i, (p, k, w) in enumerate(toks):
        if k == 1 or nxt[i] - p <= 45:
            yield p, w


_AMBIGUOUS_MONTHS = {"may", "march"}


def _month_plausible(text: str, p: int, n: int) -> bool:
    """Cheap pre-check for "May"/"March" (modal verb, verb, noun), so that a
    text full of them costs no regex work: a capitalized month name followed
    by a number or preceded by a preposition ("in May", "since March")."""
    if not text[p].isupper():
        return False
    j = p + n
    if text[j:j + 1] in (" ", ".") and text[j + 1:j + 2].isdigit():
        return True
    return word_before(text, p) in _MONTH_PREP


def _resolve(ctx: Ctx, m: re.Match, qual) -> Hit | None:
    rule = m.lastgroup
    qn = qual[rule]

    def g(name, _m=m, _qn=qn):
        q = _qn.get(name)
        return _m.group(q) if q else None

    s, e = m.span()
    text = ctx.text
    # trim trailing spaces/commas the optional parts may have left
    while e > s and text[e - 1] in " ,\t\n":
        e -= 1
    try:
        return HANDLERS[rule](ctx, m, g, s, e)
    except (ValueError, KeyError, OverflowError):
        return None


_DEADLINE_PREPS = {"by", "until", "till", "before"}
_GMT_THEN_DAY = re.compile(r"\s{1,3}\(\d{3,4}\s?(?:GMT|UTC)\),?\s{1,3}(?:on\s{1,3})?(" + L.WEEKDAY + r")",
                           re.IGNORECASE)
_AND_DAY = re.compile(r"\s+and\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![.,]?\d|\s*(?:%|per|percent|[a-z]))")
# A date that opens a line and is followed by a dash or a colon: a chronology's entry
_ENTRY_START = re.compile(r"(?:\A|\n)[ \t*\u2022-]*\Z")
_ENTRY_MARK = re.compile(r"\s*(?:[-\u2013\u2014:]|,\s*\d{4}\s*[-\u2013\u2014:])")
_SENTENCE_START_BEFORE = re.compile(r"(?:\A|[.!?:\n][\"'\u201c\u2018]?)\s*\Z")
# A sentence's head up to a year ("In 2003, ...", "2003 Blair backs ...") and a sentence's end
_SENTENCE_HEAD = re.compile(r"(?:\A|[.!?:]\s+|\n)[\"'\u201c\u2018]?\s*(?:(?:In|By|During|Since)\s+(?:the\s+)?)?\Z")
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|\Z)|\n")
_GENERIC_OF = re.compile(r"\b(?:days?|times?)\s+of\s+\Z", re.IGNORECASE)


def _lead_year_holds(ctx: Ctx, s: int) -> bool:
    """Whether the year that opened this sentence (ctx.lead_year) is still the sentence's at s
    (within a sentence's length: the search is bounded, whatever the input)."""
    return ctx.lead_year is not None and s - ctx.lead_year[1] <= 300 \
        and not _SENTENCE_BREAK.search(ctx.text, ctx.lead_year[1], s)


def _deadline(c: Cal, text: str, start: int, dct: date) -> bool:
    """Whether the date at start is a deadline ahead ("by Friday", "until Aug. 30")."""
    if word_before(text, start) not in _DEADLINE_PREPS:
        return False
    try:
        return c.first_day() > dct
    except (ValueError, OverflowError):  # (a date past the calendar's ends)
        return False


def find(text: str, dct: date) -> list[Hit]:
    ctx = Ctx(text, dct)
    hits: list[Hit] = []
    qual = L.QUALIFIED
    matcher = L.matcher_for
    last_end = -1
    for p, first in _candidates(text):
        if p < last_end:
            continue
        if first in _AMBIGUOUS_MONTHS and not _month_plausible(text, p, len(first)):
            continue
        match = matcher(first)
        if match is None:
            continue
        m = match(text, p)
        if m is None:
            continue
        hit = _resolve(ctx, m, qual)
        if hit is None:
            # the first rule matching here was rejected by its handler ("the
            # second half of the game"): give the lower-priority rules a chance
            rules = L.rules_for(first)
            for rule in rules[rules.index(m.lastgroup) + 1:]:
                m2 = L.single_matcher(rule)(text, p)
                if m2 is not None:
                    hit = _resolve(ctx, m2, qual)
                    if hit is not None:
                        break
        if hit is None:
            continue
        if text[hit.start:hit.end].lower() in ("the week", "the year") \
                and _GENERIC_OF.search(text, max(0, hit.start - 12), hit.start):
            continue  # "on any given day of the week", "the busiest time of the year": any week, any year
        if text[hit.start:hit.end] in ("the Year", "the Week", "the Month", "the Day", "the Decade") \
                and _TITLE_OF.search(text, max(0, hit.start - 40), hit.start):
            continue  # "Young Musician of the Year", "Player of the Week": an award's name
        last_end = hit.end
        c = hit.cal
        if c is not None and hit.type in ("DATE", "TIME") and hit.anchor and not _deadline(c, text, hit.start, dct) \
                and word_before(text, hit.start) != "since":
            # (a deadline ahead, "decide by Friday", "repairs take until Aug. 30", is no day the
            # story moves on from: "The next day, its shares fell" follows the news before it; nor
            # is the start of a state, "lost $44bn since 20 April": "By 10am the shares ..." is today's)
            if c.gran in ("day", "month"):
                ctx.last_fine = c
            if c.gran == "day":
                ctx.last_day = c
            ctx.last_any = c
            if c.gran == "quarter" and (c.interval[1] < dct
                                        or word_after(text, hit.end).lower() in ("ended", "ending")
                                        or tense(text, hit.start, hit.end) == "past"):
                # the quarter a report is about: a completed one, or a (fiscal) quarter "ended ..."
                # or reported on -- not a forecast ("losses through the third quarter of 1990")
                ctx.last_quarter = c
                if ctx.main_quarter is None or (c.y, c.n) > (ctx.main_quarter.y, ctx.main_quarter.n):
                    ctx.main_quarter = c
        if c is not None and c.gran == "day" and hit.type == "DATE":
            m4 = _DAY_BEFORE.search(text, max(0, hit.start - 30), hit.start)
            if m4 is not None and (not hits or hits[-1].end <= m4.start(1)):
                # "the day before last Tuesday's hearing": one expression, a day off the date
                c = c.add(-1 if m4.group(2).lower() == "before" else 1)
                # (the named date stays the anchor for what follows)
                hit.start, hit.cal, hit.value, hit.interval = m4.start(1), c, c.value, None
        if c is not None and hit.interval is None and hit.type in ("DATE", "TIME"):
            try:
                hit.interval = mod_interval(c, hit.mod)
            except (ValueError, OverflowError):
                hit.interval = None
        ctx.last_type = hit.type
        hits.append(hit)
        if c is not None and c.gran == "day" and hit.type == "DATE" and text[hit.end - 1:hit.end].isdigit() \
                and hit.interval == (c.first_day(), c.first_day()):
            m3 = _AND_DAY.match(text, hit.end)     # "April 24 and 25": the 25th is a date too
            if m3 is not None:
                d1 = c.first_day()
                try:
                    if m3.group(2):                  # "May 5 and 6, 2019": the year is both days'
                        d1 = d1.replace(year=int(m3.group(2)))
                    d2 = d1.replace(day=int(m3.group(1)))
                except ValueError:
                    d2 = None
                if d2 is not None and d2 > d1:
                    if d1 != c.first_day():
                        hit.cal, hit.value, hit.interval = day_cal(d1), day_cal(d1).value, (d1, d1)
                    c2 = day_cal(d2)
                    hits.append(Hit(m3.start(1), m3.end(), "DATE", c2.value, None, c2, (d2, d2)))
                    last_end = m3.end()
                    ctx.last_fine = ctx.last_day = ctx.last_any = c2
    return hits


_DAY_BEFORE = re.compile(r"\b(?:[Tt]he\s{1,3})(day)\s{1,3}(before|after)\s{1,3}$")
_AND_DAY = re.compile(r"\s{1,3}(?:and|or|&)\s{1,3}(3[01]|[12]\d|0?[1-9])(?![\d%]|[/:.,]\d)"
                      r"(?:,\s{0,3}((?:1[6-9]|20)\d\d)(?![\d%]|[/:.,]\d))?"
                      r"(?=\s{0,3}(?:[.,;:)!?'\"]|$|(?:in|at|on|and|to|when|as|for|with|from|the|that)\b))")
