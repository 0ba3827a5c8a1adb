"""Lexicon and regular-expression patterns for the temporal tagger.

Everything here is data: word tables and the rule patterns.  The patterns are
combined into ONE master regex (see ``MASTER``) so the text is scanned once, in
C, by the ``re`` engine.

Safety rules followed by every fragment (the tagger must stay linear on hostile
input such as ``"1" * 10**6``):
  * no nested quantifiers over overlapping character classes;
  * every digit run is bounded (``\\d{1,4}``) and fenced by look-arounds, so a
    long digit string is rejected in O(1) per position;
  * whitespace between words is ``\\s{1,3}`` / ``[\\s-]``, never unbounded.
"""
from __future__ import annotations

import re

# --------------------------------------------------------------------------
# Word tables (facts, not rules)
# --------------------------------------------------------------------------
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "tonight": "NI", "midday": "MI",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "last": -1, "final": -1,
}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
    "dozen": 12, "a dozen": 12, "half a": 0.5, "a half": 0.5, "half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
# quantities that are not numbers: value gets an X ("PXY")
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "numerous", "the past few",
                 "the last few", "the next few", "recent", "the coming", "the past several"}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE",
}
SET_ADVERBS = {
    "hourly": ("PT1H", None), "daily": ("P1D", None), "nightly": ("P1D", None),
    "weekly": ("P1W", None), "biweekly": ("P2W", None), "monthly": ("P1M", None),
    "quarterly": ("P3M", None), "annually": ("P1Y", None), "yearly": ("P1Y", None),
    "semiannually": ("P6M", None),
}

# --------------------------------------------------------------------------
# Regex fragments.  Named groups are local to a rule; the master builder
# prefixes them with the rule name so the names stay unique.
# --------------------------------------------------------------------------
S = r"\s{1,3}"                       # bounded inter-word space
SD = r"(?:\s{1,3}|\s?-\s?|-)"          # space or hyphen ("mid-2018", "two-year")

MONTH_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
# abbreviations must carry a period or be followed by a day/year number
MONTH = rf"(?:{MONTH_FULL}(?!\w)|{MONTH_ABBR}(?:\.|(?=,?\s{{0,3}}\d)))"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!\w)"
PART = r"(?:morning|afternoon|evening|night)"
# a day number: not part of a bigger number ("1,500"), but "June 30,2015" is fine
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w\d|\d|%|,(?!(?:1[6-9]|20)\d\d(?!\d))\d)"
YEAR4 = r"(?<![\d,.$#])(?:1[6-9]\d\d|20\d\d)(?![\d%]|[.,:/]\d|\s?percent)"
# a year right after "June 30," (the comma is ours, so no look-behind fence)
YEAR4C = r"(?:1[6-9]\d\d|20\d\d)(?![\d%]|[.,:/]\d|\s?percent)"
# weekday abbreviations, only used where a month name must follow
WEEKDAY_PRE = rf"(?:{WEEKDAY}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:\.|(?!\w)))"
YEAR2 = r"'\d\d(?![\d%\w])"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
# "two hundred", "a hundred and fifty", "two thousand", "three thousand five hundred"
BIGNUM = (rf"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty){S}"
          rf"(?:hundred|thousand)(?:{S}(?:{_ONES_W}{S}hundred))?"
          rf"(?:{S}(?:and{S})?(?:{_TENS_W}(?:[\s-]{_ONES_W})?|{_TEEN_W}|{_ONES_W}))?)(?!\w)")
NUMWORD = (
    rf"(?:{BIGNUM}|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)(?!\w))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|(?:a|one)\shundred|hundred|a\sdozen|dozen|a\scouple(?:\sof)?|couple\sof|half\sa|an?)(?!\w)"
)
DIGNUM = r"(?<![\d.,$])\d{1,3}(?:\.\d{1,2}|\s1/2)?(?![\d%]|[.,:/]\d)"
VAGUE = r"(?:several|a\sfew|few|many|numerous|the\s(?:past|last|next|coming)\s(?:few|several))"
NUM = rf"(?:{DIGNUM}|{NUMWORD})"
# a year in words after a month or season: "January nineteen ninety-seven"
YEARWORDS = (r"(?:(?:nineteen|eighteen)[\s-](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
             r"|two\sthousand(?:\s(?:and\s)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)(?![\w-])")
UNIT_SG = r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|century)"
UNIT_PL = r"(?:seconds|minutes|hours|days|nights|weekends|weeks|fortnights|months|quarters|years|decades|centuries)"
UNIT = rf"(?:{UNIT_PL}|{UNIT_SG})(?!\w)"
# "early", "mid-", "the end of" ... in front of a calendar expression
MODP = (
    r"(?:(?:the\s)?(?:very\s)?(?:(?:early|late|mid|middle|beginning|start|end|close|turn)\s(?:of|in)\s(?:the\s)?"
    r"|(?:early|late|mid|end)(?:\s?-\s?|\s)))"   # ("close Nov. 5", "start June 3": verbs, not "the close of")
)
REL = r"(?:this\spast|this\scoming|the\spast|the\scoming|the\snext|the\slast|the\sprevious|the\sfollowing|the\scurrent|the\ssame|this|last|next|past|coming|previous|current|that)"

# --------------------------------------------------------------------------
# Rules, in priority order: at one start position the first rule that matches
# wins, so longer / more specific rules come first.
# --------------------------------------------------------------------------
RULES: list[tuple[str, str]] = [
    # 2019-06-29, 2019-06-29T20:00
    ("iso", r"(?<![\w.,/-])(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\w-])"),
    # 6/29/2019, 6/29/19
    ("numeric", r"(?<![\w.,/-])(?P<m>3[01]|[12]\d|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)(?![\w/-])"),
    # clock times: 8 p.m., 10:30 a.m. EST, 6.00 pm, noon, optionally followed by a day ("8 a.m. tomorrow")
    ("clock", rf"(?:(?P<q>about|around|approximately|at\sabout|shortly\safter|shortly\sbefore|just\safter|just\sbefore){S})?"
              r"(?:(?<![\d.,$:])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s?(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?!\w)"
              r"|(?<![\d.,$:])(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])(?=\s{1,3}(?:GMT|UTC|EST|EDT|ET|local|hours|h\b))"
              r"|(?:(?<![\d.,$:])(?:12(?:[:.]00)?|[Tt]welve)\s{1,2})?(?P<noon>noon|midnight|midday)"
              rf"|(?<![\d.,$:])(?P<h2>1[0-2]|[1-9])(?:{S}o'clock)?{S}in{S}the{S}(?P<pod>morning|afternoon|evening|night)(?!\w))"
              r"(?:\s{1,3}(?P<tz>GMT|UTC|EST|EDT|CST|CDT|PST|PDT|ET|CT|PT|local\stime"
              # ("Pacific" before another name is no time zone: "4 p.m. Pacific Gas and Electric")
              rf"|(?:Eastern|Central|Mountain|Pacific)(?:\s(?:Standard|Daylight))?(?:\s[Tt]ime)?"
              rf"(?!\s{{1,3}}(?!{WEEKDAY}|{MONTH_FULL})(?-i:[A-Z])))"
              r"(?!\w))?"
              rf"(?:,?{S}(?:(?:on{S})?(?P<wd>{WEEKDAY})|(?P<rd>today|tomorrow|yesterday|tonight|last{S}night|this{S}(?:morning|afternoon|evening))(?!\w)))?"
              rf"(?:,?{S}(?:on{S})?(?:(?P<mon>{MONTH}){S}(?P<day>{DAYNUM})|(?P<dayf>{DAYNUM}){S}(?P<monf>{MONTH}))"
              rf"(?:,?{S}(?P<year>{YEAR4C}))?)?"),
    # Friday, June 29, 2019 / June 29 / June 28-29 / Sept. 30, 1989
    ("mdy", rf"(?:(?P<rel>last|this|next){S})?(?:(?P<wd>{WEEKDAY_PRE}),?{S})?(?P<mon>{MONTH})(?:{S})?(?P<day>{DAYNUM})"
            rf"(?:\s?(?:-|–|to|through){{1}}\s?(?P<day2>{DAYNUM})"
            rf"|\s{{0,2}}[-–]\s{{0,2}}(?P<mon2>{MONTH})\s{{0,3}}(?P<day3>{DAYNUM}))?"      # June 28 - July 2
            rf"(?:(?:,(?:{S})?|{S})(?P<year>{YEAR4C})|{S}(?P<ry>this|last|next){S}year)?"),
    # Friday, 29 June 2019 / 29th of June
    # (and a range: 16-20 August, Monday 16 to Friday 20 August)
    ("dmy", rf"(?:(?P<wd>{WEEKDAY_PRE}),?{S})?(?<![\d.,$])"
            rf"(?:(?P<day1>{DAYNUM})(?:\s?[-–]\s?|{S}(?:to|until|through|and){S})(?:{WEEKDAY_PRE},?{S})?)?"
            rf"(?P<day>{DAYNUM})(?:{S}of)?{S}(?P<mon>{MONTH})"
            rf"(?:(?:,(?:{S})?|{S})(?P<year>{YEAR4C}))?"),
    # third-quarter, the third quarter of 1989, Q3, the latest quarter, this year's third quarter
    ("quarter", rf"(?:(?P<the>the){S})?(?:(?P<ys>this\syear's|last\syear's|next\syear's){S})?"
                rf"(?:(?P<ya>year-ago|year-earlier|comparable|comparable\syear-ago|fiscal|latest|current|previous|prior|past|same|most\srecent|recent){S})?"
                rf"(?:(?P<yq>{YEAR4}){S}(?:fiscal{S})?)?"
                rf"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final){SD})?"
                r"(?:fiscal\s{1,3})?(?P<fq>fiscal-)?quarter(?!s|\w|-to-)"
                rf"(?:{S}of{S}(?:fiscal{S})?(?P<year>{YEAR4}|this\syear|last\syear|next\syear)|{S}(?P<ago>a{S}year{S}(?:ago|earlier)|last{S}year))?"
                rf"|(?<![\w-])(?P<qn>[1-4])Q(?!\w)(?:{S}(?P<year2>{YEAR4}))?"
                rf"|(?<![\w-])Q(?P<qn2>[1-4])(?!\w)(?:{S}(?P<year3>{YEAR4}))?"),
    # the first half of 2019, the second half, first-half
    ("half", rf"(?:(?P<the>the){S})?(?:(?P<ord>first|second|1st|2nd|last|latter){SD}half|(?P<ord2>first|last|final){S}(?:two|2){S}quarters)(?!\w)"
             rf"(?:{S}of{S}(?:the{S})?(?:(?P<year>{YEAR4})|(?P<rel>this|last|next){S}year|(?P<dec>(?:1[6-9]|20)\d0s|'\d0s)|year))?"),
    # two months ago, a year earlier, more than four decades ago
    ("ago", rf"(?:(?P<q>about|almost|nearly|some|more\sthan|less\sthan|over|roughly|approximately|around|only|just|at\sleast){S})?"
            rf"(?:(?P<num>{NUM})|(?P<vague>{VAGUE})){SD}(?P<unit>{UNIT})"
            rf"(?:{S}or{S}so)?{S}(?P<dir>ago|earlier|later|before(?!{S}\w)|after(?!{S}\w)|from{S}now|hence|back(?!{S}\w))(?!\w)"),
    # year-ago, the year-earlier period
    ("yearago", rf"(?:(?P<the>the){S})?(?:comparable{S})?year-(?:ago|earlier)(?!\w)(?:{S}(?P<noun>period|level|results|figure|quarter|month|week|nine\smonths|six\smonths))?"),
    # earlier this year, late last year, the end of this month, later today
    ("relunit", rf"(?:(?P<mod>{MODP}|earlier{S}(?:in{S})?|later{S}(?:in{S})?))?(?P<rel>{REL}){S}(?P<unit>{UNIT_SG}|weekend)(?!\w|-)"),
    ("modtoday", rf"(?P<mod>earlier|later){S}(?P<rel>today|yesterday|tomorrow|tonight|this{S}(?:morning|afternoon|evening))(?!\w)"),
    ("earlier_in", rf"(?P<mod>earlier|later){S}in{S}the{S}(?P<unit>year|month|week|day)(?!\w)"),
    # mid-afternoon, early morning, late Friday evening
    ("partday", rf"(?P<mod>early|late|mid)(?:-|{S})?(?:(?P<wd1>{WEEKDAY}){S})?(?P<part>morning|afternoon|evening|night)(?!\w)"
                rf"(?:{S}(?P<day>yesterday|today|tomorrow|{WEEKDAY}))?"),
    # the day before yesterday, yesterday afternoon, tonight, last night
    ("relday", rf"(?:the{S}day{S}(?P<ba>before{S}yesterday|after{S}tomorrow)"
               rf"|(?P<word>today|yesterday|tomorrow|tonight|overnight|last{S}night|this{S}(?:morning|afternoon|evening))"
               rf"(?:{S}(?P<part>{PART}))?)(?![\w])"),
    # the day before, the next day, that week, the following morning, the same day
    ("anchored", rf"(?:(?P<the>the){S})?(?P<rel>next|following|previous|preceding|same|prior|day|night|week|month|year)"
                 rf"{S}(?P<unit>day|morning|night|evening|afternoon|week|weekend|month|year|before|after)(?![\w-])"),
    # year-end, year end
    ("yearend", rf"(?:(?P<rel>this|last|next){S})?year(?:-|{S}|'s{S})end(?![\w-])"),
    # the latest period, the year-ago period (quarterly-report prose)
    ("period", rf"the{S}(?P<adj>latest|most{S}recent|year-ago|year-earlier|comparable|comparable{S}year-ago|same|current|previous|prior|recent|corresponding|[0-9]{{4}})(?:{S}(?:three-month|fiscal))?{S}period(?![\w-])"
               rf"(?:{S}(?P<ago>a{S}year{S}(?:ago|earlier)|last{S}year))?"),
    # the 20th century
    ("century", rf"(?:the{S})?(?P<ord>[12]?\d)(?:st|nd|rd|th){S}century(?![\w-])"),
    # nineteen ninety-six, the year two thousand
    ("spelled", rf"(?:the{S}year{S})?(?:(?P<cent>nineteen|eighteen)[\s-](?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?P<ones>one|two|three|four|five|six|seven|eight|nine))?|(?P<y2k>two{S}thousand)(?:{S}(?:and{S})?(?P<ones2>one|two|three|four|five|six|seven|eight|nine|ten))?)(?![\w-])"),
    # early June 2019, mid-November, last December, June of 1998
    ("month", rf"(?:(?P<mod>{MODP}))?(?:(?P<rel>last|next|this|this\spast|this\scoming|past|coming){S})?(?P<mon>{MONTH})"
              rf"(?:(?:,|{S}of)?{S}(?P<year>{YEAR4}|{YEAR2})|{S}(?P<ry>this|last|next){S}year|,?{S}(?:of{S})?(?P<yw>{YEARWORDS}))?"),
    # last summer, the summer of 1998, spring 2019
    ("season", rf"(?:(?P<mod>{MODP}))?(?:(?P<rel>last|next|this|this\spast|this\scoming|past|coming|the|late|early|mid){S})?"
               rf"(?P<season>spring|summer|fall|autumn|winter)(?!\w)(?:{S}months(?!\w))?"  # ("the summer months")
               rf"(?:(?:,|{S}of)?{S}(?P<year>{YEAR4})|{S}of{S}(?P<yw>{YEARWORDS}))?"),
    # the 1990s, the early '80s, mid-1990s, the eighties
    ("decade", rf"(?:(?P<mod>{MODP}))?(?:(?P<the>the){S})?(?:(?P<mod2>early|late|mid)[\s-]{{1,2}})?"
               rf"(?:(?<![\d$])(?P<dec>1[6-9]\d0|20\d0)'?s|(?P<dec2>'\d0)s|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?!\w)"),
    # fiscal 1989, fiscal year 1990, the fiscal year, FY2019
    ("fiscal", rf"(?:fiscal{S}(?:year{S})?(?P<year>{YEAR4}|{YEAR2}|\d\d(?!\w))|FY(?:{S})?(?P<year2>{YEAR4}|\d\d(?!\w)))"),
    # Friday, last Friday, Sunday night
    ("weekday", rf"(?:(?P<rel>the\sprevious|the\sfollowing|the\snext|the\ssame|that|last|next|this|this\spast|this\scoming|coming|past|earlier|late|early){S})?(?P<wd>{WEEKDAY})"
                rf"(?:{S}(?P<part>{PART})(?!s))?"),
    # every week, each year, every other Monday, per year, twice a week
    ("set", rf"(?P<every>every|each|per){S}(?:(?P<other>other){S})?(?:(?P<num>{NUM}){S})?(?P<unit>{UNIT}|{WEEKDAY}|{PART}|{MONTH_FULL}(?!\w))"
            rf"|(?P<times>once|twice|thrice|\d{{1,3}}{S}times|(?:one|two|three|four|five|six|seven|eight|nine|ten){S}times){S}(?:a|an|per|each){S}(?P<unit2>{UNIT_SG})(?!\w)"
            rf"|(?P<adv>hourly|daily|nightly|weekly|biweekly|monthly|quarterly|annually|yearly|semiannually)(?!\w)"
            rf"|(?P<wds>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)(?!\w)"),
    # durations: two months, the past two years, 5 1/2 hours, a two-year, several years
    ("duration", rf"(?:(?P<q>about|almost|nearly|some|more\sthan|less\sthan|fewer\sthan|over|under|up\sto|at\sleast|at\smost|roughly|approximately|around|only|just|another|an\sadditional|the\sfull|the\sentire|a\sfull|all|at\sleast){S})?"
                 rf"(?:(?P<rel>the\spast|the\slast|the\snext|the\sfirst|the\scoming|the\sprevious|the\sfinal|past|last|next|first|the|recent|a){S})?"
                 rf"(?:(?P<num>{NUM})|(?P<vague>{VAGUE})){SD}(?:(?:more|additional|trading|business|working|straight|consecutive){S})?(?P<unit>{UNIT})(?:-(?P<adj>long|old))?"
                 rf"|(?P<rel2>the\spast|the\slast|the\snext|the\scoming|past|recent|over\sthe|for|in|within|coming|future){S}(?P<unit2>{UNIT_PL})"
                 rf"|the{S}(?P<ahead>days|weeks|months|years){S}ahead(?!\w)"
                 rf"|(?P<plur>decades|years|months|weeks)(?=-long)"),
    # references: now, currently, recently, the past, the future
    ("ref", r"(?P<ref>as\ssoon\sas\spossible|(?:(?<=will\s)|(?<=would\s)|(?<=may\s)|(?<=might\s)|(?<=could\s)|(?<=should\s)|(?<=to\s))soon(?!\s(?:after|before|thereafter|afterwards?)\b)|soon(?=\s(?:will|would|to|be|begin)\b)|right\snow|now|currently|current|recently|recent|(?:the|a)\s(?:(?:near|distant|foreseeable|immediate)\s)?future|the\s(?:near|short)\sterm(?![\w-])|(?:the|recent|some)\spast|nowadays|these\sdays|at\spresent|presently|the\spresent|the\stime\sbeing|lately|a\s(?:later|future)\sdate|(?:(?<=for\s)|(?<=in\s)|(?<=after\s))a\swhile)(?![\w-])"),
    # the week of March 6
    ("weekof", rf"the{S}week{S}of{S}(?P<mon>{MONTH}){S}(?P<day>{DAYNUM})(?:,?{S}(?P<year>{YEAR4}))?"),
    # the year (ended June 30), the weekend, the morning, the week
    ("theunit", rf"(?:(?P<mod>{MODP})(?:the{S})?|the{S})(?:(?P<fiscal>fiscal|full|latest\sfiscal|current\sfiscal|calendar|same|whole|entire){S})?(?P<unit>year|week|month|weekend|morning|afternoon|evening|night)(?![\w-])(?!\s{1,3}\d)"),
    # bare year: 1998, mid-1990, the year 2000, the end of 1990
    ("year", rf"(?:(?P<mod>{MODP}))?(?:(?P<pre>the{S}year|year|pre-|post-|the{S}spring{S}of|the{S}summer{S}of)(?:{S})?)?(?P<year>{YEAR4})(?!-\d)"
             rf"|(?P<y2>{YEAR2})"
             # split years: the 2019/20 season, fiscal 1998-99
             r"|(?<![\d,.$#/-])(?P<ys>1[6-9]\d\d|20\d\d)[/–-](?P<ye>\d\d(?:\d\d)?)(?![\d%/]|[-.,:]\d)"),
    # holidays with a fixed or computable date
    ("holiday", rf"(?:(?P<rel>last|next|this){S})?(?P<hol>christmas(?:{S}(?:day|eve))?|new{S}year's(?:{S}(?:day|eve))?|thanksgiving(?:{S}day)?|independence{S}day|easter(?:{S}sunday)?|halloween|valentine's{S}day|the{S}fourth{S}of{S}july|election{S}day)(?:{S}(?P<wk>week)(?!\w))?"
                rf"(?:,?{S}(?P<year>{YEAR4}))?"),
]


def _build_master(rules: list[tuple[str, str]]) -> tuple[re.Pattern, dict[str, list[tuple[str, str]]]]:
    """Join the rules into one alternation.  Each rule's groups are renamed
    ``<rule>__<group>`` so names stay unique; ``GROUPS`` maps a rule back to
    its (qualified, local) group names."""
    parts, groups = [], {}
    name_re = re.compile(r"\(\?P<(\w+)>")
    for rule, pat in rules:
        local = name_re.findall(pat)
        groups[rule] = [(f"{rule}__{g}", g) for g in dict.fromkeys(local)]
        pat = name_re.sub(lambda m: f"(?P<{rule}__{m.group(1)}>", pat)
        parts.append(f"(?P<{rule}>{pat})")
    # expressions start at a word start
    master = r"(?<![\w])(?:" + "|".join(parts) + ")"
    return re.compile(master, re.IGNORECASE), groups


MASTER, GROUPS = _build_master(RULES)
QUALIFIED = {rule: {local: q for q, local in gs} for rule, gs in GROUPS.items()}

# ---- first-token dispatch ---------------------------------------------------
# CPython's re tries alternatives one by one, so matching all ~25 rules at a
# position costs ~20 us.  Each rule lists the words it can start with ("#4" =
# a 4-digit number, "#" = a shorter one, "'" = an apostrophe-year); at a candidate position only the rules
# for its first token are tried, through a smaller master regex compiled on
# first use and shared by all first words with the same rule set.
_W_MONTH = set(MONTHS)
_W_WEEKDAY = set(WEEKDAYS)
_W_WD_ABBR = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
_W_NUM = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
          "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "couple",
          "half", "a", "an", "#", "several", "few", "many", "numerous", "the"}
_W_QUAL = {"about", "almost", "nearly", "some", "more", "less", "fewer", "over", "under", "up", "at",
           "roughly", "approximately", "around", "only", "just", "another", "an", "the", "a", "full", "entire",
           "all"}
_W_MODP = {"the", "very", "early", "late", "mid", "middle", "beginning", "start", "end", "close", "turn"}
_W_REL = {"this", "the", "last", "next", "past", "coming", "previous", "current", "that"}
RULE_FIRST: dict[str, set[str]] = {
    "iso": {"#4"}, "numeric": {"#"},
    "clock": {"#", "about", "around", "approximately", "at", "shortly", "just", "noon", "midnight", "midday"},
    "mdy": _W_WEEKDAY | _W_MONTH | _W_WD_ABBR | {"last", "this", "next"},
    "dmy": _W_WEEKDAY | _W_WD_ABBR | {"#", "the"},
    "quarter": {"the", "this", "last", "next", "year", "comparable", "fiscal", "latest", "current", "previous",
                "prior", "past", "same", "most", "recent", "first", "second", "third", "fourth", "final",
                "quarter", "#", "q"},
    "half": {"the", "first", "second", "last", "latter", "#"},
    "ago": _W_QUAL | _W_NUM,
    "yearago": {"the", "comparable", "year"},
    "relunit": _W_MODP | _W_REL | {"earlier", "later"},
    "modtoday": {"earlier", "later"},
    "earlier_in": {"earlier", "later"},
    "partday": {"early", "late", "mid"},
    "relday": {"the", "today", "yesterday", "tomorrow", "tonight", "overnight", "last", "this"},
    "anchored": {"the", "next", "following", "previous", "preceding", "same", "prior", "day", "night", "week",
                 "month", "year"},
    "month": _W_MODP | _W_MONTH | {"last", "next", "this", "past", "coming"},
    "season": _W_MODP | set(SEASONS) | {"last", "next", "this", "past", "coming", "the"},
    "decade": _W_MODP | set(DECADE_WORDS) | {"#4", "'"},
    "fiscal": {"fiscal", "fy"},
    "weekday": _W_WEEKDAY | {"the", "that", "last", "next", "this", "coming", "past", "earlier", "late", "early"},
    "set": {"every", "each", "per", "once", "twice", "thrice", "#"} | _W_NUM | set(SET_ADVERBS)
           | {w + "s" for w in WEEKDAYS},
    "ref": {"as", "right", "now", "currently", "current", "recently", "recent", "the", "a", "some", "soon",
            "previously", "formerly", "nowadays", "these", "at", "presently", "lately", "so"},
    "theunit": _W_MODP,
    "weekof": {"the"},
    "yearend": {"this", "last", "next", "year"},
    "period": {"the"},
    "century": {"the", "#"},
    "spelled": {"the", "nineteen", "eighteen", "two"},
    "duration": _W_QUAL | _W_NUM | {"the", "past", "last", "next", "first", "coming", "previous", "final",
                                    "recent", "over", "for", "in", "decades", "years", "months", "weeks",
                                    "within", "future"},
    "year": _W_MODP | {"#4", "the", "year", "pre", "post", "'"},
    "holiday": {"the", "last", "next", "this", "christmas", "new", "thanksgiving", "independence", "easter", "election",
                "halloween", "valentine"},
}
assert set(RULE_FIRST) == {r for r, _ in RULES}
_RULES_BY_WORD: dict[str, tuple[str, ...]] = {}
for _rule, _ in RULES:
    for _w in RULE_FIRST[_rule]:
        _RULES_BY_WORD.setdefault(_w, ())
        _RULES_BY_WORD[_w] += (_rule,)
_SUB_CACHE: dict[tuple[str, ...], re.Pattern] = {}
_RULE_PAT = dict(RULES)


_SINGLE_CACHE: dict[str, re.Pattern] = {}


def rules_for(first: str) -> tuple[str, ...]:
    """The rules, in priority order, that can start with this first token."""
    return _RULES_BY_WORD.get(first, ())


def single_matcher(rule: str):
    """The ``match`` method of one rule alone (same group names as in the
    masters), used to retry the lower-priority rules at a position whose
    first match a handler rejected."""
    pat = _SINGLE_CACHE.get(rule)
    if pat is None:
        pat = _build_master([(rule, _RULE_PAT[rule])])[0]
        _SINGLE_CACHE[rule] = pat
    return pat.match


def matcher_for(first: str):
    """The ``match`` method of the sub-master for a first token (lowercased
    word, "#" for digits, "'" for an apostrophe-year), or None."""
    rules = _RULES_BY_WORD.get(first)
    if not rules:
        return None
    pat = _SUB_CACHE.get(rules)
    if pat is None:
        pat = _build_master([(r, _RULE_PAT[r]) for r in rules])[0]
        _SUB_CACHE[rules] = pat
    return pat.match


# ---- candidate selection (see finder._candidates) -------------------------
# a 1-3 digit number can start an expression only if a word, a clock/date
# separator or a fraction follows it ("two" -> "2 days", "8 p.m.", "6/29", "5 1/2")
DIGIT_FOLLOW = re.compile(
    r"(?:\s{1,3}|\s?-\s?)(?:[A-Za-z]|1/2)"          # "2 days", "two-year", "5 1/2"
    r"|:[0-5]\d(?![\d:])"                             # clock "10:30"
    r"|/\d{1,2}/\d{2,4}(?![\d/])"                      # "6/29/2019"
    r"|\.\d{1,2}\s{0,3}[A-Za-z]"                        # "1.5 years", "10.30am"
    r"|-\d\d-\d\d(?!\d)"                               # ISO date
    r"|\s?[-\u2013]\s?\d{1,2}\s{1,3}[A-Z]"                 # "16-20 August"
    r"|[A-Za-z]")                                      # "8pm", "29th", "3Q"
HEAD_WORDS = (
    set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(DECADE_WORDS) | set(SET_ADVERBS)
    | {w + "s" for w in WEEKDAYS}
    | {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
       "week", "weeks", "weekend", "weekends", "fortnight", "fortnights", "month", "months", "quarter",
       "quarters", "year", "years", "decade", "decades", "century", "centuries",
       "today", "yesterday", "tomorrow", "tonight", "overnight", "now", "currently", "current", "recently",
       "recent", "past", "future", "present", "soon", "previously", "formerly", "nowadays", "lately",
       "earlier", "morning", "afternoon", "evening", "noon", "midnight", "half", "fiscal", "fy", "q",
       "christmas", "thanksgiving", "easter", "halloween", "independence", "valentine", "new", "ago", "election",
       "later", "days", "time", "far", "term", "while", "mid", "pre", "post", "nineteen", "eighteen", "thousand", "midday", "period", "century"}
)
STARTER_WORDS = {
    "the", "a", "an", "this", "last", "next", "coming", "previous", "following", "preceding", "same",
    "prior", "that", "early", "late", "middle", "beginning", "start", "end", "close", "turn", "very",
    "about", "almost", "nearly", "some", "more", "less", "fewer", "over", "under", "up", "at", "roughly",
    "approximately", "around", "only", "just", "another", "additional", "full", "entire", "all", "every",
    "each", "per", "once", "twice", "thrice", "several", "few", "many", "numerous", "couple", "dozen",
    "hundred", "first", "third", "fourth", "final", "latter", "comparable", "right", "these", "so",
    "shortly", "for", "in", "within", "future", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "times", "latest", "most", "what", "1st", "2nd", "3rd", "4th", "as",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}
TOKEN_KIND = {w: 2 for w in STARTER_WORDS}
TOKEN_KIND.update({w: 1 for w in HEAD_WORDS})
# the same keyed by the usual casings, so the scan needs no .lower() per word
TOKEN_KIND_ANYCASE: dict[str, tuple[int, str]] = {}
for _w, _k in TOKEN_KIND.items():
    for _form in (_w, _w.capitalize(), _w.upper()):
        TOKEN_KIND_ANYCASE[_form] = (_k, _w)
WORD = re.compile(r"[A-Za-z]+")
NUMBER = re.compile(r"\d+|'\d")

# Tense cues used to pick the past or the future occurrence of a weekday,
# month, season or quarter that lacks a year (see finder.tense).
FUTURE_WORDS = {
    "will", "shall", "going", "planned", "planning", "scheduled", "expected", "expect", "expects", "due",
    "intend", "intends", "upcoming", "next", "would", "hope", "hopes", "wo", "won't", "tomorrow", "coming",
    "forecast", "anticipated", "slated", "begins", "await", "awaits", "awaiting", "prepares", "preparing",
    "ahead", "starts", "opens", "closes", "ends", "resumes", "expires", "reopens", "kicks", "takes",
}
PAST_WORDS = {
    "said", "says", "was", "were", "had", "did", "ago", "last", "earlier", "told", "began", "came",
    "went", "took", "made", "met", "held", "fell", "rose", "won", "lost", "left", "gave", "saw", "got",
    "sold", "bought", "paid", "spent", "since", "yesterday", "became", "broke", "found", "ran", "struck",
    "hit", "killed", "wrote", "knew", "thought", "brought", "fought", "sent", "shot", "led", "put", "set",
    "quit", "cut", "began", "chose", "drove", "flew", "grew", "spoke", "stood", "wasn't", "weren't", "didn't",
    # irregular forms and -ed words too short for the -ed rule
    # (not "beat", "split", "spread", "lit": present forms too, as in "getting beat up")
    "died", "fled", "bled", "tied", "lied", "eyed", "owed", "aged", "stole", "threw",
    "swore", "wore", "tore", "froze", "rode", "sank", "sang", "rang", "drank", "swam", "fed", "hung",
    "dug", "slid", "swept", "wept", "kept", "slept", "felt", "dealt",
    "meant", "lent", "bent", "built", "burnt", "caught", "taught", "sought", "withdrew", "arose",
}
PAST_WORDS -= {"set"}
# The past cues that place another time rather than tell a verb's tense ("since February", "ago")
TIME_PAST_WORDS = frozenset({"ago", "earlier", "last", "since", "yesterday"})
NOT_PAST_ED = {"need", "needed", "indeed", "united", "hundred", "speed", "seed", "feed", "breed", "proceed",
               "succeed", "exceed", "expected", "scheduled", "planned", "anticipated", "based", "limited",
               "red", "bed", "related", "detailed", "advanced", "sized", "owned", "shed", "weed", "so-called",
               "long-awaited", "long-delayed"}
