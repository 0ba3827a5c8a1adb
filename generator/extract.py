"""Extract stage: an article -> the dated events (Mentions) it reports.

Each sentence is dated by the temporal expression that dates its main event (not a duration,
not a "said Friday" reporting date when another expression dates the event itself). A second
expression in another clause ("..., after an impasse two months ago") gives an event of its
own. A sentence without a date may continue the narrative of the dated sentence before it and
inherit that date, with lower confidence, when the text supports it. Authored events (front
matter `events:`) are always kept; prose events can be switched off per article
(`extract: false`) or site-wide (`[extract] enabled = false`).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from . import temporal
from .dates import MONTHS
from .model import PRECISIONS, Article, Block, DateSpan, Mention
from .temporal.lexicon import PAST_WORDS, SMALL_NUMBERS, TIME_PAST_WORDS, WEEKDAYS

# "since 1994", "compared with 2017", "measured against 2017 levels": a point of comparison,
# not the date of what happened.
_COMPARISON = re.compile(r"\b(?:since|compared (?:with|to)|than (?:in )?|as of|through|until|till|"
                         r"levels? of|from|against|above|below|beyond|relative to|versus|vs\.?)\s+(?:the\s+)?"
                         r"(?:(?:about|around|approximately|roughly)\s+)?$",
                         re.IGNORECASE)
# The year a change is measured from: "a 50 percent increase over 2007-2008", "up 5% on last year"
_CHANGE_FROM = re.compile(r"\b(?:increases?|rises?|declines?|drops?|falls?|gains?|jumps?|growth|up|down)"
                          r"(?:\s+[\d.,]+\s*(?:%|percent|per\s+cent|points?))?\s+(?:over|on)\s+(?:the\s+)?$", re.IGNORECASE)
_COMPARISON_AFTER = re.compile(r"\s+levels?\b", re.IGNORECASE)  # "2017 levels" (after a year)
# "before the Nov. 7 election", "ahead of the June 29 summit": the date of a thing the event
# is placed before or after, not the event's (when a noun follows the date: see _NOUN_AFTER).
_RELATIVE_TO = re.compile(r"\b(?:before|after|ahead of|following|until|since|prior to|(?:wake|aftermath) of)\s+(?:the|its|their|this|"
                          r"next|last)\s+$", re.IGNORECASE)
# "compared the situation with a similar episode a decade ago", "similar to the one in 2008":
# the date is that of what something is compared with.
_COMPARED_WITH = re.compile(r"\b(?:compar(?:ed|es|ing|e)\b[^.;:!?]{0,60}?\b(?:with|to)|"
                            r"(?:similar|comparable|identical|akin) to|"
                            r"(?:double|triple|twice|three times|half|a third of|a fraction of)\s+(?:the|its|that|their)"
                            r")\b[^.;:!?,]{0,50}$", re.IGNORECASE)
# ("nearly double the first-day total four years ago": the total of four years ago)
# "down from 93% in 2018", "up from 11 at the start of the month", "down from $450 million the
# year before", "as they did in 2019", "originally set for March": the date of a figure or a plan
# the event is measured against or replaced, not the event's ("rose to 25% from 10% on May 10"
# is the rise's date).
_FIGURE_FROM = re.compile(r"\b(?:up|down)\s+(?:[a-z]+ly\s+)?from\s+"
                          r"(?:(?:about|around|nearly|almost|roughly|some|just|only|over|under)\s+)?"
                          r"[$\u20ac\u00a3]?\d[\d.,]*\s*(?:%|percent|per cent|points?|(?:m|b)n?\b|"
                          r"(?:million|billion|trillion|thousand)\b)?(?:\s+[a-z]+){0,2}?"
                          r"\s*(?:\(|(?:in|on|at|during|as of|by)\s+)?$", re.IGNORECASE)
# A headline leaves out the figure it is compared with: "fell to 86%, down from 93% in 2018".
_COMPARISON_TAIL = re.compile(r",\s*(?:(?:up|down)\s+(?:[\d.,]+\s*(?:%|percent|per cent|points?)\s+)?(?:\w+ly\s+)?from|"
                              r"compared\s+(?:with|to)|"
                              r"as\s+(?:it|they|he|she|we|you|[A-Z][\w'-]+)\s+did)\b[^;]*$")
# "survivors of Tuesday's quake", "weakened by last week's storm": the date of a thing the
# sentence names, not of what it reports (but "spoke at Friday's summit" is Friday's).
_POSSESSIVE_OF = re.compile(r"\b(?:of|by|from|since|after|before|following|followed|preceded|about|over|into|against|"
                            r"amid|despite|like|unlike|such\s+as|regarding|concerning|with\s+regard\s+to|"
                            r"in\s+response\s+to)\s+$", re.IGNORECASE)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}"
_WEEKDAY_ONLY = re.compile(r"(?:on\s+)?" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?")
_WEEKLY = re.compile(r"\b(?:every|each)\s+" + _WEEKDAY + r"\b|\b" + _WEEKDAY + r"s\b")
_BARE_SEASON = re.compile(r"(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+months|spring|summer|autumn|fall|winter",
                          re.IGNORECASE)
_HABIT = re.compile(r"\b(?:would|used\s+to|every|usually|often|always)\b", re.IGNORECASE)
_SCENE = re.compile(r"\s*(?:It|This)\s+(?:was|is)\s+$")
# "victims of the 1956 uprising", "the controversy over the April 20 explosion": a thing the date
# names, as "survivors of Tuesday's quake" (see _NOUN_AFTER), not the time of the sentence's event
_NAMED_BY = re.compile(r"\b(?:of|from|about|over|into|against|amid|despite|like|unlike|such\s+as)\s+"
                       r"(?:the|a|an|its|their|his|her|this|that)\s+$", re.IGNORECASE)
# "aid to survivors following the earthquake four days ago": "ago" after a noun that "following",
# "after", "since", "amid", "despite" or "(un)like" governs dates that noun's thing (but "died in
# hospital two days ago" is the death's, and "the brink of a merger six years ago" the brink's).
# In a sentence with no other date it dates nothing; beside the main clause's own date, the thing
# is an event of its own ("..., after an impasse two months ago": see _clause_headline).
_THING_AGO = re.compile(r"\b(?:following|after|since|amid|despite|like|unlike)\s+(?:the|a|an|its|their|his|her|this|that)"
                        r"\s+(?:(?!(?:with|to|for|in|on|at|by|from|of|into|over|than)\s)[\w'\u2019-]+\s+){0,2}"
                        r"(?!(?:with|to|for|in|on|at|by|from|of|into|over|than)\s)[\w'\u2019-]*[a-z](?<!ed)\s+$")
# "setting a new court date of 22 March 2011", "a deadline of June 30": a date a thing is given
_DATE_OF = re.compile(r"\b(?:date|deadline)\s+(?:of|for)\s+$", re.IGNORECASE)
# "the Liability Act of 2010", "the Oil Pollution Act of 1990": a name's year
_LAW_OF = re.compile(r"\b(?:Act|Acts|Bill|Law|Treaty|Accord|Convention|Resolution|Agreement)\s+of\s+$")
_POSSESSIVE = re.compile(r"['\u2019]s?\b")
# ... but "at the end of Tuesday's hearing", "in the first half of Sunday's game" and "by
# Friday's deadline" are that day's
_PART_OF = re.compile(r"\b(?:middle|start|end|close|beginning|half|hours?|minutes|opening|course|day|night|morning|"
                      r"evening|afternoon|eve|rest|remainder|outset|height|run-up|part|round|stages?)\s+of\s+$",
                      re.IGNORECASE)
_TIME_NOUN_AFTER = re.compile(r"['\u2019]s?\s+(?:deadline|close|end|start|opening|session|trading)\b", re.IGNORECASE)
# "revenue in the quarter ended Sept. 30": the end of a reporting period, not a day's event
# (but "the consultation period ends on Friday" is one).
_PERIOD_ENDED = re.compile(r"\b(?:in|for|of|during|over)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:quarter|period|months|"
                           r"year|half|weeks?)\s+(?:that\s+)?end(?:ed|ing)\s+(?:on\s+)?$", re.IGNORECASE)
_AS_DID = re.compile(r"\bas\s+(?:it|they|he|she|we|you|I|[A-Z][\w'-]+)\s+(?:did|had)"
                     r"(?:\s+(?:in|on|at|during|back in))?\s+$"
                     # (and the time compared with: "much as they have today", "lower than it was a year ago")
                     r"|\b(?:as|than)\s+(?:it|they|he|she|we|you|I|there|[A-Z][\w'-]+)\s+(?:have|has|do|does|is|are|"
                     r"was|were)\s+$")
_FORMER_PLAN = re.compile(r"\b(?:originally|initially|previously)\s+(?:set|scheduled|planned|slated|due|"
                          r"expected|meant)\s+(?:for|on)?\s*$", re.IGNORECASE)
# "Officials had expected to lift the alert in early June", "had been scheduled to open on
# March 3": a plan of the past perfect is one overtaken by events.
_PAST_PLAN = re.compile(r"\bhad\s+(?:been\s+)?(?:expected|planned|hoped|intended|scheduled|due|set|slated|meant)"
                        r"\s+(?:to|for)\b[^,;:.!?]{0,60}$", re.IGNORECASE)
# Verbs of saying: an expression right after one usually dates the report, not the event.
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|wrote|stated|noted|confirmed)"
                        r"\s+(?:on\s+)?$", re.IGNORECASE)
_REPORTING_AFTER = re.compile(r"^,?\s*(?:said|told|wrote|added)\b", re.IGNORECASE)
_EXPLICIT = re.compile(r"\b\d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\b")
# A clause boundary between two expressions: they date different things.
# (a comma or colon between digits is part of a number or a time: "2,400 people", "12:09")
# (not the commas of "1,200" nor those of a date: "June 29, 2019, was ...")
_CLAUSE_BREAK = re.compile(r"(?<!\d)[,:]|(?<!\d, \d{4})[,:](?!\d| \d{4}\b)|[;\u2014]"
                           r"|\b(?:after|before|following|when|while|and|but|then|until)\b",
                           re.IGNORECASE)
_INNER_CUE = re.compile(r"(?:^|\s)(after|before|following|when|while|and|but|then|since|as)\s+", re.IGNORECASE)
# Openings that continue the previous sentence's story.
_CONTINUATION = re.compile(
    r"^(?:in return|in exchange|afterwards?|then|there|at the (?:meeting|summit|talks)|during|"
    r"as part of|under the|in response|the (?:move|decision|agreement|deal|meeting|talks|announcement|"
    r"two|leaders|sides)|that|this|it|its|they|their|he|his|she|her|both|the pair)\b",
    re.IGNORECASE)
_HEDGED = re.compile(r"\b(?:will|would|could|might|may|should|shall|plans? to|expects?|hopes?|"
                     r"if|whether)\b", re.IGNORECASE)
# A date inside "whether ..." or "if ..." (up to the end of the clause) is a hypothesis.
# (It ends where a new clause begins: at "but", or a comma before a subject or "and"/"but";
# not "effects, if any, of the April 20 blowout".)
# ... and so is a whole sentence that opens with a supposition or a condition ("Suppose ...",
# "If the relief wells fail, BP could install a new system by late August")
_SUPPOSE = re.compile(r"\s*[\"\u201c]?(?:(?:And|But|So|Now),?\s+)?(?:Suppose|Supposing|Imagine|Assume|Assuming|Let's say|"
                      r"Say|What if|If(?!\s+(?:anything|nothing\s+else)\b)|Unless|Should\s+(?:the|it|they|this|talks)\b)\b")
_IF = re.compile(r"\b(?:whether|if|assuming|provided\s+that)\b(?!\s+(?:any|ever|not|so|anything)\b)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?\u2014]|,\s+(?:(?i:but|and|then|so|the|a|an|he|she|they|it|we|i)\b|[A-Z])"
                         r"|\b(?i:but)\b")


def _hypothetical(text: str, sentence_start: int, start: int) -> bool:
    """Whether the expression at start sits in a "whether ..." or "if ..." clause."""
    window = max(sentence_start, start - 130)
    opening = None
    for opening in _IF.finditer(text, window, start):
        pass
    return opening is not None and start - opening.end() <= 120 \
        and _CLAUSE_END.search(text, opening.end(), start) is None \
        or _SUPPOSE.match(text, sentence_start, start) is not None  # ("Suppose we observe it today")


# "may", "might", "could" before the date in its clause: speculation, less sure.
_SPECULATIVE = re.compile(r"\b(?:may|might|could|(?:hopes?|hoped|hoping|wants?|wanted)\s+to)\s+(?!not\b|never\b)"
                          r"(?:\w+\s+){0,6}?\w+[^,;:.\u2014]*$")  # (and a hope: "hoped to open again next week")
# A sentence that opens a quotation and speaks in the first person before its date
_FIRST_PERSON_QUOTE = re.compile(r"\s*[\"\u201c](?:[^\"\u201c\u201d]{0,160}?\s)?(?:I|we|We|our|Our|my|My|us)\b")
# ... and so is a sentence in the first person outside quotation marks: a reader's post, a
# diary, a forum ("I found out that my best friend fell in love", "My father was born in 1903")
_FIRST_PERSON = re.compile(r"\s*(?:(?:And|But|So|Well|Yes|Now),?\s+)?(?:I|I'm|I've|I'd|I'll|I\u2019m|I\u2019ve|My)\s")
_ATTRIBUTION = re.compile(r"[\"\u201d][^\"\u201c\u201d]{0,60}?\b(?:said|says|told|added|asked|wrote|warned|insisted|"
                          r"explained|according)\b")
_CONTENT_WORD = re.compile(r"\b(?!(?i:the|a|an|and|or|but|again|also|then|there|it|its|that|this|"
                           r"on|in|at|of|to|for|by|with|was|were|is|are|be|been|had|has|have)\b)"
                           r"[A-Za-z][A-Za-z'-]+")
_NAME = re.compile(r"(?<=\s)[A-Z][a-zA-Z]{2,}")
_LEADING_JUNK = re.compile(r"^(?:[\W_]+|(?:and|but|so|then|also|meanwhile|however)\b[\s,]*"
                           # (a picture's credit: "Photograph: Lee Celano/Reuters", "Photograph: Dave Martin")
                           r"|(?-i:(?:Photograph|Photo|Picture)s?:?\s+(?:(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'.-]*"
                           r"(?:\\?/[A-Z][\w'.-]*(?:\s+(?:Images|Features|Pictures))?)+|AP|AFP|EPA|PA|Reuters|Getty Images|"
                           r"Bloomberg|[A-Z][\w'.-]*\s+[A-Z][\w'.-]*)\s*:?\s+(?=[A-Z]))"
                           r"|(?-i:\d{4}\s+(?:GMT|BST|UTC)\b,?\s*(?:[A-Z][A-Z'\s-]{2,40}?,?\s+(?=[A-Z][a-z]))?)"  # ("1130 GMT, BANI")
                           r"|FILE\s*[-\u2013\u2014]+\s*(?:(?:in\s+)?(?:this|the|a)\s+)?(?:file\s+)?photo(?:\s+taken)?\b,?\s*)+",
                           re.IGNORECASE)  # (and an agency photo's caption: "FILE - In this June 1, 2010 file photo, ...")
_DANGLING = re.compile(r"(?:\s+(?:as (?:early|soon|late|recently|long ago) as|no (?:later|earlier|sooner) than|as|than|"
                       r"on|in|at|by|since|until|from|of|to|the|this|that|last|next|"
                       r"(?<!\btoo\s)(?<!\bso\s)(?<!\bvery\s)(?:early|late)|"  # (not "too late": what it says)
                       r"mid|during|for|and|a|an|after|before|with|about|into|onto|near|via|"
                       r"upon|among|between|against|toward|towards|across|through|around|without|"
                       r"within|under|amid|along|like|such as|or|but|his|her|its|their|our|starting|beginning|"
                       r"effective))+$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_LOWERCASE_WORD = re.compile(r"\b[a-z]{2,}\b")
_PUNCT_SPACE = re.compile(r"\s+([,.;:!?\u201d)\]])")
_SPACED_PUNCT = tuple(" " + mark for mark in ",.;:!?\u201d)]")  # (what _PUNCT_SPACE needs, in single-spaced text)
_PREPOSITION_BEFORE = re.compile(r"(?:^|\s|(?<=[\u201c\"(]))(?:(?:(?:on|in|into|during|by|until|from|since|over|through)\s+)?the\s+"
                                 r"(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night|early hours|small hours|"
                                 r"weekend)\s+of|"  # ("on the evening of 20 April": the part of the day goes too)
                                 r"(?:(?:by|at|until|before|after|from|to|towards?)\s+)?the\s+(?:very\s+)?"
                                 r"(?:end|start|beginning|middle|close)\s+of|"  # ("by the end of Thursday")
                                 # ("late on Saturday": the adverb goes with its date; not "too late", "was late")
                                 r"(?:(?:later|earlier|(?<!too\s)(?<!so\s)(?<!very\s)(?<!was\s)(?<!were\s)(?<!is\s)(?<!are\s)"
                                 r"(?<!be\s)(?:late|early))\s+)?(?:on|in|at|by|since|until|from|during|of|for|as of|between|"
                                 r"over|throughout|prior to|around|approximately|roughly)|"
                                 r"later|earlier)\s+$",  # ("to discuss it later Wednesday": the adverb is the date's)
                                 re.IGNORECASE)
_NAME_NEXT = re.compile(r"\s+[A-Z]")
# "a" before a date that went, and a word that needs "an" after it: "a June 29 interview"
_ARTICLE_A = re.compile(r"(?:^|\s)[Aa]\s$")
_VOWEL_NEXT = re.compile(r"\s*(?:a|e(?![uw])|i|o(?!ne\b|nce\b|ne-)|u(?![nt]i|s[eu]|r[ae]|ni|ti))", re.IGNORECASE)
# ... and "the" before a date that is no noun's modifier: "when I left home on the Tuesday night she was"
_PREPOSITION_THE = re.compile(r"(?:^|\s)(?:on|in|into|during|by|until|from|since|over|at|through|throughout)\s+the\s+$",
                              re.IGNORECASE)
_OPENING_PHRASE = re.compile(
    r"^(?:in|on|at|after|before|under|with|as|while|although|though|despite|following|for|to|by|"
    r"since|when|if|amid|over|during|earlier|later)\b(?:[^,;:]|,(?=\d{3})|,\s[A-Z][a-z]{1,4}\.(?=,)){0,90},(?!\d{3})\s*"
    # (a subordinate clause may run longer: "While BP plans to use ... to increase the amount of
    # oil being trapped, the ultimate solution remains a relief well")
    r"|^(?:while|although|though|whereas|because|if|unless|when|as)\b(?:[^,;:]|,(?=\d{3})){91,150},(?!\d{3})\s*"
    # (a count of time before or after something: "11 weeks after the well was capped July 15,")
    r"|^(?:[\w-]+\s+){1,2}(?:hours?|days?|weeks?|months?|years?|decades?)\s+(?:after|before|since)\b"
    r"(?:[^,;:]|,(?=\d{3})){0,90},(?!\d{3})\s*"
    # (a participle's phrase: "Speaking after a two-day mission to Port-au-Prince, the WFP's
    # director said")
    r"|^[a-z]{3,}ing\s(?=(?:to|after|before|at|on|in|from|with|for|about|during|through|the|a|an|his|her|their|its|"
    r"up|out|over|back)\s)(?:(?!\b(?:was|were|is|are|has|have|had)\b)[^,;:\"\u201c\u201d]|,(?=\d{3})|"
    r",\s[A-Z][a-z]{1,4}\.(?=,)|,\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=,)){0,90},(?!\d{3})"
    r"(?!\s*(?:after|before|around|as|when|while|and|but|who|which|whose|where)\b)\s*",
    # (not "Testifying for the first time was a key engineer,"; nor "Returning to Washington,
    # after he was ...", which names the event)
    re.IGNORECASE)
# Irregular past tenses (and "says"): verbs, where a clause or a headline's verb is looked for
_IRREGULAR_PAST = (r"said|says|met|made|took|put|set|cut|hit|began|won|lost|left|went|came|fell|rose|sold|"
                   r"bought|paid|held|led|told|gave|got|ran|saw|struck|spent|sent|heard|found|kept|brought|"
                   r"thought|wrote|spoke|broke|chose|knew|grew|threw|drew|fled|fought|caught|taught|sought|"
                   r"built|stood|sank|shot|swore|withdrew|forgot|hid")
_IRREGULAR_PAST_WORDS = frozenset(_IRREGULAR_PAST.split("|")) - {"says", "put", "set", "cut", "hit"}
_DETERMINER = re.compile(r"(?:the|this|that|last|next)\s", re.IGNORECASE)
_NOUN_AFTER = re.compile(r" (?!(?:in|on|at|to|with|as|and|or|but|when|after|before|for|from|by|of|"
                         r"that|the|a|an|is|was|were|are|will|would|had|has|have|and|amid|over|"
                         r"during|while|since|until|than|he|she|they|we|it|i|you|his|her|their|its|"
                         r"against|about|into|onto|upon|under|between|among|through|toward|towards|"
                         r"across|near|behind|beyond|without|within|despite|versus|via|off|out|up|"
                         r"aboard|along|beside|inside|outside|past|below|above|beneath|onboard|"
                         r"down|around|per|like|so|if|because|where|which|who|whose|what|then|yet|"
                         r"not|also|there|here|these|those|our|my|your|him|them|us|anyway|again|too|already|"
                         r"still|quite|very|just|even|alone|ago|soon|now|instead|together|home|abroad|ahead|back|"
                         r"away|though|however|either|anymore|"
                         # (an irregular past: "a review published last year found ...", no "the")
                         rf"{_IRREGULAR_PAST}|drove|felt|became|shook|stole|wore|flew|rode|bit|meant|lent|dealt)\b"
                         r"|[a-z]+(?:ed|ly)\b"  # ("this summer restarted": a verb follows, no "the")
                         # ("spent the night singing": a participle; but "the weekend meeting" is a thing)
                         r"|(?!(?:meeting|hearing|briefing|shooting|bombing|opening|signing|ruling|filing|sitting|"
                         r"landing|killing|funding|spending|voting|polling|trading|closing|launch|offering|"
                         r"gathering|screening|showing|reading|warning|raising|uprising|crossing|swearing|"
                         r"signing|storming|sinking|morning|evening)\b)[a-z]+ing\b)[a-z]")
# (no relative clause after a verb of saying: "said that talks began")
_NOT_AFTER_SAYING = "".join(rf"(?<!\b{verb})" for verb in ("said", "says", "told", "noted", "added", "warned",
                                                          "believed", "thought", "reported", "announced"))
_THAT_CLAUSE = re.compile(r"^(?P<subject>[A-Z][^,;:]{1,60}?)" + _NOT_AFTER_SAYING +
                          r"\s+(?:that|which|who)\s+(?P<verb>(?:[a-z]+ed|takes|begins|starts|opens|closes|ends|expires|"
                          r"runs|comes|goes|meets|was|were|had|has|began|came|died|"
                          r"fell|rose|won|lost|left|met|took|went|broke|struck|sank|fled|ran)(?:\s+[a-z]+)?)"
                          r"\s+(?:(?:on|in|at|last|this|early|late)\s+)?$")
_MAIN_VERB_NEXT = re.compile(r"(?:,\s+[^,;:]{2,40},)?"  # (past a name in apposition: ", the so-called A Whale,")
                             r",?\s+(?:has|have|had|was|were|is|are|will|would|could|may|[a-z]{3,}ed)\b")
_COPULA_END = re.compile(r"\b(?:was|were|is|are|be|been)\s*$", re.IGNORECASE)
_CAME_END = re.compile(r"\b(?:came|comes|come|occurred|occurs|happened|happens)\s*$", re.IGNORECASE)
# (nothing after the date but who said so)
_ONLY_ATTRIBUTION = re.compile(r"(?:,\s*(?:[\w.'\u2019-]+\s+){1,5}?(?:said|says|told\s+[\w\s]{1,30}))?"
                               r"[\s.!?\"'\u201d]*")
# "... that began" (a relative clause, not the "that" of "said that talks began")
_RELATIVE_VERB_END = re.compile(_NOT_AFTER_SAYING + r"\s(?:that|which|who)\s+(?:\w+\s+)?[a-z]+\s*$")
_PERIOD_END_AFTER = re.compile(r"\s+(?:that\s+)?end(?:ed|ing)\b", re.IGNORECASE)  # "the quarter ended Sept. 30"
_PERIOD_NOUN_END = re.compile(r"\b(?:quarter|period|months|year|half|weeks?)$", re.IGNORECASE)
_AFTER_DATE = re.compile(r"(?:\s+alone\b)?,|['\u2019]s\b|\s+alone\b")  # ("in 2008 alone": the focus goes too)

HEADLINE_WORDS = 14
# (an appositive name that closes a subject: ", retired Coast Guard Adm. Thad W. Allen,")
_NAMED_LAST = re.compile(r",\s(?:[a-z]+\s){0,2}(?:[A-Z][\w.'-]*\s){1,5}[A-Z][\w.'-]*,$")
VERB_REACH = 3  # words past a cut that holds no verb (after a name), where its verb is looked for
VERB_OBJECT_WORDS = 4  # and how many words after that verb the headline keeps
FINISH_WORDS = 4  # a sentence at most this many words longer than a headline is not cut
CLAUSE_END_WORDS = 22  # a headline cut inside its clause goes on to the clause's end within this many words
# (a word that dates something: a cut headline is not taken on over one)
_DATE_WORD = re.compile(r"(?:(?:" + _WEEKDAY + r"|" + _MONTH + r")\.?|(?i:today|tonight|yesterday|tomorrow|ago)"
                        r"|1[89]\d\d|20\d\d)")
_COMMON_OPENERS = frozenset({"The", "A", "An", "This", "That", "It", "Its", "Their", "Both", "He", "She", "They",
                             "We", "His", "Her", "Our"})
# "X happened on A, after Y on B": Y came before X.
_RELATION = {"after": "before", "following": "before", "since": "before", "before": "after",
             "until": "ending when"}
COARSE = frozenset({"quarter", "season", "half", "year", "decade"})


def _single_spaced(text: str) -> str:
    """_SPACES.sub(" ", text), without the pass when it would change nothing: no two spaces
    together and no space character but " " (every other one is unprintable)."""
    return text if "  " not in text and text.isprintable() else _SPACES.sub(" ", text)


def mention_key(article_slug: str, text: str) -> str:
    """Stable identity of a mention: its article and its wording, not its headline or position."""
    normalized = _single_spaced(text.strip().lower())
    return hashlib.sha1(f"{article_slug}\n{normalized}".encode("utf-8")).hexdigest()[:12]


# A wire dateline before the first sentence: "BERGEN (Riverside Chronicle) -- ", "Busan -- ",
# "WASHINGTON, (Reuters) - " (its date already taken out).
_DATELINE_START = re.compile(r"^(?:(?:[A-Z][A-Z.'\- ]{1,40}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?:,[^()\n]{0,40}?)?\s*"
                             r"(?:\([^()]{1,40}\)\s*)?|[A-Z][A-Za-z]{1,20}\)\s*)"
                             r"(?:--|\u2014|\u2013|-)\s+(?=[A-Z\"\u201c])")
# (the last form: "(Reuters) - " with no city, its opening bracket already gone)


def without_furniture(text: str, stamped: bool | None = None) -> str:
    """A sentence without the page's stamps, wire header and dateline before its story (what
    merge compares reports by: two stories by one author share their byline, not an event).
    stamped: whether _STAMP_HINT is in text, when the caller knows."""
    if stamped is None:
        stamped = _STAMP_HINT.search(text) is not None
    if stamped:  # (the stamps' patterns only where they can match)
        text = _TIME_STAMPS.sub("", text)
    stamp = _wire_stamp(text)
    if stamp:
        text = text[stamp.end():]
    signed = _wire_signature(text)
    # (what came before a wire's "(Reuters) - " is the page's: title, notes, city)
    return text[signed.end():] if signed and len(text) - signed.end() > 20 else text


def _tidy(text: str) -> str:
    stamped = _STAMP_HINT.search(text)  # (the headers' pattern only where it can match)
    text = without_furniture(text, stamped is not None)
    text = _LEADING_JUNK.sub("", _COMMENT_HEADER.sub(" ", text).lstrip() if stamped else text)
    dateline = _DATELINE_START.match(text)
    if dateline:  # (a wire's dateline given twice: "AP COVINGTON, La. -- COVINGTON, La. (AP) -- ")
        again = _DATELINE_START.match(text[dateline.end():])
        if again and len(text) - dateline.end() - again.end() > 20:
            text = text[dateline.end():]
            dateline = again
    if dateline and len(text) - dateline.end() > 20 \
            and f" {dateline.group().rstrip().split()[-1]} " not in text[dateline.end():]:
        text = text[dateline.end():]  # (a second dash: "Theresa May -- Britain's prime minister -- said")
    if "(" in text:  # (each pattern only where what it needs is: "(", ", left,")
        text = _POSITION.sub("", _TICKER.sub("", text))
    if "left," in text or "right," in text or "center," in text or "centre," in text:
        text = _POSITION_COMMAS.sub(r"\1", text)
    text = _single_spaced(text)
    if any(mark in text for mark in _SPACED_PUNCT):  # (single-spaced: a space before a mark is " ")
        text = _PUNCT_SPACE.sub(r"\1", text)
    text = text.strip()
    # "In return for getting China back to the table, Trump agreed ...": the main clause leads.
    opener = _OPENING_PHRASE.match(text)
    if opener and len(text) - opener.end() > 20:
        text = text[opener.end():].lstrip()
    return text


# A stock's ticker after its company's name: "Transocean Ltd (RIG.N)", "BP (NYSE: BP)"
_TICKER = re.compile(r"\s?\((?:[A-Z0-9]{1,6}\.[A-Z]{1,3}|(?:NYSE|Nasdaq|NASDAQ|LSE|AMEX|TSX)\s*:\s*[A-Z][A-Z.]{0,6})\)")
# Where a person stands in a picture, in its caption: "Ban Ki-moon (R) listens to ..."
_POSITION = re.compile(r"\s\((?:[LRC]|(?:\d(?:st|nd|rd|th)\s)?(?:L|R|left|right)|centre|center|top|bottom|front|back)\)"
                       r"(?=[\s,.;:])")
# ... or between commas after a name: "Adm. Thad Allen, left, and NOAA's Jane Lubchenco release ..."
_POSITION_COMMAS = re.compile(r"(\b[A-Z][\w.'-]*),\s(?:(?:second|third)\s+from\s+)?(?:left|right|center|centre),")
_BULLET = re.compile(r"\s[*\u2022]\s")
# A report's participle before its date, and the main verb after it
_REPORTED_BEFORE = re.compile(r"\b(?:a|an|the|its|their|new|latest)\s(?:(?!(?:that|which|who)\s)[\w'-]{1,30}\s){0,2}"
                              r"(?!(?:that|which|who)\s)[\w'-]{2,30}"
                              r"(?P<verb>\s+(?:published|released|issued|unveiled|posted))\s*\Z", re.IGNORECASE)
_UNFINISHED_END = re.compile(r"\b(?:would|will|could|should|can|may|might|must|has|have|had|is|was|were|are|however|though|"
                             r"meanwhile|also|then)\W*$", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(r"(?:^(?:A\s+little|Little|Just|Only|Barely)|(?:^|(?<=\s))(?:(?:a\s+)?little|just|only|barely))"
                               r"\s+$"  # (not a name's: "near St Just")
                               # (and a vague relation to the date: "moved away some time after 1841 to ...")
                               r"|(?:^|(?<=\s))(?i:(?:(?:some\s*time|shortly|soon|not\s+long|long|immediately)\s+)?"
                               r"(?:after|before))\s+$")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
_SPENT_BEFORE = re.compile(r"\b(?:spen[dt]s?|spending)\s+$", re.IGNORECASE)
_OPEN_BRACKET_END = re.compile(r"\s*[(\[]\s*(?:(?:on|in|at|by|from|since|until|during|than|before|after|around|"
                               r"about|through)\s*)?\Z", re.IGNORECASE)
_CLOSE_BRACKET = re.compile(r"\s*[)\]]")
# ... and so do a word or two that the date was all of the rest of: "(issued on Tuesday)"
_OPEN_BRACKET_WORDS = re.compile(r"\s*[(\[]\s*[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s*\Z")


def _tail_from(text: str, end: int, runs: int) -> int:
    """Where a search of text[:end] may start, for a pattern anchored at end whose matches
    hold at most `runs` runs of non-space characters (with the spaces between and before
    them): just after the run before those, or 0. No match can start earlier, and a search
    from there sees the text before it (\\b, lookbehinds), so it finds what a search from 0
    finds, without trying every position of a long sentence."""
    head = text[:end].rsplit(None, runs)
    return len(head[0]) if len(head) > runs else 0


def _at_end(pattern: re.Pattern, text: str, end: int) -> "re.Match | None":
    """pattern.search(text, 0, end) for a pattern anchored at end whose matches hold at most
    _END_RUNS[pattern] runs (see _tail_from)."""
    return pattern.search(text, _tail_from(text, end, _END_RUNS[pattern]), end)


def _relative_before(text: str, end: int) -> bool:
    """Whether text[:end] has the word a relative clause needs (a cheap test before the
    patterns that look for one: _THAT_CLAUSE, _RELATIVE_VERB_END)."""
    return text.find("that", 0, end) >= 0 or text.find("which", 0, end) >= 0 or text.find("who", 0, end) >= 0


def _without_dangling(text: str) -> str:
    """_DANGLING.sub("", text): the words left dangling at the end go. (The pattern is tried
    on the whole text only when some match ends it. Its last repetition is a match of its
    own, and so is that one's last word: each alternative of several words ends in one that
    stands alone, "as long ago as", "no later than". So the last run and the spaces before
    it tell; see _tail_from.)"""
    return _DANGLING.sub("", text) if _DANGLING.search(text, _tail_from(text, len(text), 1)) else text


def headline_from(sentence: str, expression: tuple[int, int] | None, max_words: int = HEADLINE_WORDS) -> str:
    """A short headline: the sentence without its date expression, cut at a clause boundary."""
    text = sentence
    if expression is not None and _BULLET.search(text):
        # A wire's summary lines run together ("New tests will go to states * New lab will help
        # Mexico"): the one that holds the date
        start = max((found.end() for found in _BULLET.finditer(text, 0, expression[0])), default=0)
        after = _BULLET.search(text, expression[1])
        end = after.start() if after else len(text)
        if len(text[start:end].split()) >= 3 and (start, end) != (0, len(text)):
            return headline_from(text[start:end], (expression[0] - start, expression[1] - start), max_words)
    stamp = None
    updated = _UPDATED_INSIDE.search(text) if expression is not None and "updated" in text else None
    if updated and updated.start() <= expression[0] and expression[1] <= updated.end() and len(text) - updated.end() > 20:
        return headline_from(text[updated.end():], None, max_words)  # (the page's day dates its lead sentence)
    if expression is not None and _STAMP_HINT.search(text, 0, expression[0]):
        # (a page that runs its title and standfirst into the story, with its dateline between
        # them: "BP oil spill: Shares fall further ... Wednesday 2 June 2010 17.37 BST BP's
        # shares ...": the story's sentence is what follows the dateline)
        for stamp in _DATELINE_INSIDE.finditer(text, 0, expression[0]):
            pass
    if expression is not None and ":" in text[:expression[0]]:
        # (or a picture's caption and credit: "A sea turtle covered in oil Photograph: Lee
        # Celano/Reuters BP said today ...")
        for credit in _CREDIT_INSIDE.finditer(text, 0, expression[0]):
            if stamp is None or credit.end() > stamp.end():
                stamp = credit
    prompt = _READER_PROMPT.search(text, 0, expression[0]) if expression is not None else None
    if prompt and (stamp is None or prompt.end() > stamp.end()):
        stamp = prompt  # ("Most computers will open this document automatically, but you may need Adobe
        #                 Reader Meanwhile in Mexico, restaurants ... reopen on Wednesday")
    if expression is not None and stamp is not None and len(text) - stamp.end() > 20:
        text, expression = text[stamp.end():], (expression[0] - stamp.end(), expression[1] - stamp.end())
    cleft = _CLEFT.match(text) if expression is not None else None
    if cleft and cleft.start("focus") <= expression[0] and expression[1] <= cleft.end("focus") \
            and (cleft.group("when") or cleft.end("focus") - expression[1] <= 12):  # (the date is the focus)
        # "It was on 18 March 1967 that the Torrey Canyon struck Pollard's Rock": the event is the
        # that-clause's; "It was when Mr Aristide was elected ... in 2001 that ...": the when-clause's
        if cleft.group("when"):
            at = cleft.start("focus")
            return headline_from(cleft.group("focus"), (expression[0] - at, expression[1] - at), max_words)
        return headline_from(text[cleft.end():], None, max_words)
    if expression is not None:
        aside = _aside_holding(_RELATIVE_ASIDE, text, expression, 8)
        if aside:
            # "The strike, which began on Monday, has shut 40 schools": the date is the
            # strike's beginning, so the headline is "The strike began"
            return _aside_headline(aside, "", expression, max_words)
        aside = _aside_holding(_WHOSE_ASIDE, text, expression, 8)
        if aside:
            # "The woman, whose illness began in early April, had no known contact ...": the
            # date is her illness's beginning ("had no known contact" is no event of April)
            subject = aside.group("subject")
            return _aside_headline(aside, "", expression, max_words,
                                   owner=subject + ("'" if subject.endswith("s") else "'s"))
        aside = _aside_holding(_WHERE_ASIDE, text, expression, 8)
        if aside:
            # "Streets in the old town, where sewage flooded cellars on Tuesday, were clean by this
            # morning": Tuesday's event is the flooding
            at = aside.start("clause")
            return headline_from(aside.group("clause"), (expression[0] - at, expression[1] - at), max_words)
        aside = _aside_holding(_PARTICIPLE_ASIDE, text, expression, 6)
        if aside and aside.group("clause").split()[0].lower() not in _NOT_PASSIVE \
                and not _NOT_A_SUBJECT.search(aside.group("subject")):
            # "That increase, announced in August, had been pushed back": the increase was announced
            last = aside.group("subject").split()[-1]
            return _aside_headline(aside, "were" if last.endswith("s") and not last.endswith(("ss", "'s", "\u2019s"))
                                   else "was", expression, max_words)
    if expression is not None:
        relative = _THAT_CLAUSE.search(text, 0, expression[0]) if _relative_before(text, expression[0]) else None
        if relative and _MAIN_VERB_NEXT.match(text, expression[1]):
            # "The strike that began Tuesday has closed 40 schools": the date is the relative
            # clause's, and so is the event ("The strike began")
            return headline_from(f"{relative.group('subject')} {relative.group('verb')}", None, max_words)
        trailing = _trailing_which(text)
        if trailing and trailing[0] <= expression[0]:
            # "... a pressure test at the well, which was capped last week.": the date is the
            # well's capping, and so is the event ("The well was capped")
            start, antecedent = trailing
            # (two verbs, two dates: "which began in April and was plugged in July")
            for joint in _AND_VERB.finditer(text, start):
                if joint.end() <= expression[0]:
                    start = joint.end()
                elif joint.start() >= expression[1]:
                    text = text[:joint.start()]
                    break
            head = f"{antecedent} "
            shift = len(head) - start
            return headline_from(head + text[start:], (expression[0] + shift, expression[1] + shift), max_words)
    tail = _COMPARISON_TAIL.search(text)
    if tail and (expression is None or expression[1] <= tail.start()) and len(text[:tail.start()].split()) >= 3:
        text = text[:tail.start()]
    said = _SAID_CLAUSE.search(text)
    if said and expression is not None and expression[1] <= said.start() \
            and len(text[:said.start()].split()) >= 4 and not _LEAD_IN.match(text):
        text = text[:said.start()]  # ", the Labor Department said on March 8.": who reported it
    if expression is not None and (not text[:expression[0]].strip(" \"'\u201c")
                                   or _OPENING_PHRASE.fullmatch(text[:expression[0]])) \
            and _VERB_AFTER_SUBJECT.match(text, expression[1]):
        expression = None  # "Tuesday brought some relief", "After ..., this week brought news that
        #                    ...": the date is the subject, it stays
    elif expression is not None and _at_end(_SPENT_BEFORE, text, expression[0]):
        expression = None  # "The fans spent the night singing": the time is what they spent
    if expression is not None:
        start, end = expression
        after = _AFTER_DATE.match(text, end)
        # Take the preposition that introduced the date ("on June 29") and a comma after it;
        # not one before a possessive, which is the next noun's ("survivors of Tuesday's quake").
        qualifier = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
        if qualifier:
            start = qualifier.start()  # ("Little more than a decade ago, ...")
        before = _at_end(_PREPOSITION_BEFORE, text, start)
        if before is None and not _NOUN_AFTER.match(text, end) and not _NAME_NEXT.match(text, end):
            before = _at_end(_PREPOSITION_THE, text, start)
        if before and not (after and after.group().lstrip().startswith(("'", "\u2019"))) \
                and not (before.group().strip().lower() == "of" and not after and _NOUN_AFTER.match(text, end)
                         and not _DETERMINER.match(text, expression[0])):
            # (but "of" before a date that is a noun's modifier is the noun's: "ahead of November elections")
            start = before.start()
        reported = _REPORTED_BEFORE.search(text, max(0, start - 100), start)
        if reported and not after and _LOWER_WORD_NEXT.match(text, end):
            start = reported.start("verb")  # ("a report published on Monday shows ...": "a report shows ...")
        filler = " "
        aside = _ING_ASIDE.search(text, 0, start) if after and after.group() == "," else None
        if aside and "," not in text[aside.end():start] and not _SUBJECT_END.search(" " + text[:aside.start()]) \
                and len(text[:aside.start()].split()) <= 8:
            # "Governor Lee, speaking to reporters on Tuesday, urged ...": the aside goes whole
            start = aside.start()
        if after and after.group().endswith(",") and text[after.end():after.end() + 1] in ("\u201d", '"'):
            end = after.end() - 1  # ('"The talks collapsed on Monday," the envoy said': the quotation's comma stays)
        elif after:
            end = after.end()
            filler = " the " if after.group().startswith(("'", "\u2019")) else " "  # "Friday's news"
            if filler == " " and start > 0 and text[:start].strip() and text[start - 1:start] != "," \
                    and (_GOES_ON.match(text, end) or after.group().endswith(",") and "," not in text[:start]
                         and _OPENING_PHRASE.match(text[:start] + ", ")
                         or after.group().endswith(",") and _COMMA_KEPT_BEFORE.match(text, after.end())):
                # "fell 767 points on Monday, its worst day": the comma stays; so does the one
                # that closes an opening phrase ("In a response filed on Wednesday, BP called")
                filler = ", "
        elif _DETERMINER.match(text, expression[0]) and _NOUN_AFTER.match(text, end) and start == expression[0]:
            # (not after a preposition, which made the date an adverbial: "at three o'clock in the
            # morning due to false alarms")
            filler = " the "  # "the weekend deal" -> "the deal"
        opening, closing = _at_end(_OPEN_BRACKET_END, text, start) or _at_end(_OPEN_BRACKET_WORDS, text, start), \
            _CLOSE_BRACKET.match(text, end)
        if opening and closing and "([".index(opening.group().lstrip()[0]) == ")]".index(closing.group()[-1]):
            start, end = opening.start(), closing.end()  # "(20 April)" goes with its brackets
        if after and after.group() == "," and filler == " " and text[:start].rstrip().endswith(","):
            start = len(text[:start].rstrip()) - 1  # ("The protest, a month after the coup on Feb. 1, drew")
        shorter = text[:start] + filler + text[end:]
        if filler == " " and _ARTICLE_A.search(text, max(0, start - 3), start) and _VOWEL_NEXT.match(text, end):
            shorter = text[:start - 1] + "n" + filler + text[end:].lstrip()  # ("during a June 29 interview")
        copula = _at_end(_COPULA_END, text, start) is not None
        if not ((copula or _relative_before(text, start) and _at_end(_RELATIVE_VERB_END, text, start))
                and not text[end:].strip(" .!?\"'\u201d")
                or copula and text[expression[1]:expression[1] + 1] in (",", ";")
                or _PERIOD_END_AFTER.match(text, expression[1]) and _PERIOD_NOUN_END.search(text, 0, expression[1])
                or _at_end(_CAME_END, text, start) and (_ONLY_ATTRIBUTION.fullmatch(text, end)
                                                          or text[expression[1]:expression[1] + 1] in (",", ";"))):
            # (but "The last quake here was in 1770" keeps its date: it is what it says, with a
            # clause after it too, "The estimated release date is 7 February, with ..."; so does
            # "... deliberations that began Tuesday", the relative clause's own; and so does "the
            # quarter ended Sept. 30", which names the period; nor "Peak consumption probably came in
            # late July, Valentine said", where the date is all the verb has to say)
            text = shorter
    background = _SUBJECT_ASIDE.match(text) if _relative_before(text, len(text)) or "where" in text else None
    if background and (expression is None or expression[0] >= background.end()):
        # ("The mayor, who was first elected in 2015, announced her resignation on Monday": the
        # aside about the subject is not the news)
        text = background.group("subject") + " " + text[background.end():]
    text = _tidy(text)
    words = text.split(" ")
    cut_short = mid_clause = False
    if len(words) > max_words:
        # Too long: first without its asides (", who voted no,", ", according to the police,")
        text = _ASIDE.sub(lambda aside: aside.group() if not _has_verb(text[aside.end():].split())
                          # (no aside when what follows it has no verb: "..., lapping the shoreline
                          # in long, thin lines" ends in a list of adjectives)
                          else ", " if _LEAD_IN.match(text[:aside.start()]) else " ", text)
        text = _APPOSITIVE_NAME.sub(" ", text, count=1)  # ("Its finance chief, Meng Wanzhou, was arrested")
        text = _APPOSITIVE_ROLE.sub(lambda found: found.group("name") + " ", text, count=1)  # ("Kent
        #                                  Wells, a BP vice president, said": "Kent Wells said")
        words = text.split(" ")
    if len(words) > max_words and not _finishes(words[max_words:]):
        # (a clause that ends a few words past the limit is taken whole: "... was likely to
        # resume normal activities," rather than "... was likely")
        over = next((index for index in range(max_words, min(len(words), max_words + FINISH_WORDS))
                     if words[index].endswith((",", ";", ":")) and _finishes(words[max_words:index + 1])), None)
        cut = words[:max_words if over is None else over + 1]
        # Prefer ending at the last comma inside the limit, if it leaves a real clause (with a verb);
        # before a participle's clause first (", lapping the shoreline in long, thin lines").
        commas = [index for index in range(len(cut) - 1, 3, -1)
                  if cut[index].endswith((",", ";", ":")) and not _list_goes_on(words, index)
                  and _has_verb(_BRACKETED.sub("", " ".join(cut[:index + 1])).split())
                  and not _UNFINISHED_END.search(" ".join(cut[:index + 1]))]  # (not "A new cap would, however,")
        participle = [index for index in commas if index + 1 < len(cut) and _PARTICIPLE_WORD.fullmatch(cut[index + 1])]
        clause = None
        if commas:
            cut = cut[:(participle or commas)[0] + 1]
        else:
            clause = _before_clause_word(cut)
            cut = clause or _whole_name(cut, words)
        # (not at a comma nor before a word that opens a clause: cut inside one)
        mid_clause = not commas and clause is None
        if mid_clause:
            # Rather than cut inside the clause ("... awarded a $35 million…", "... guilty on 12 of
            # the 14…"), take it to its end when that is near: its comma, or the sentence's end;
            # not over another date ("... in Buenos Aires on Dec. 1")
            end = next((index for index in range(len(cut), min(len(words), CLAUSE_END_WORDS))
                        if words[index].endswith((",", ";", ":")) and not _list_goes_on(words, index)
                        or index == len(words) - 1), None)
            dated = next((index for index in range(len(cut) - 1, len(words) if end is None else end + 1)
                          if _DATE_WORD.fullmatch(words[index].strip(",.;:!?\"'\u201d"))), None)
            if end is not None and dated is None \
                    and not _DANGLING.search(" " + " ".join(words[:end + 1]).rstrip(" ,;:.!?\"'\u201d")):
                # (not to an end that would be taken off as dangling: "... which is likely its last")
                cut, mid_clause = words[:end + 1], False
            elif dated is not None and dated > 6 and words[dated - 1].lower() in ("on", "in", "at", "by", "since"):
                # ("... announced the deal on Dec" + ". 13": the other date and its preposition go)
                cut, mid_clause = words[:dated - 1], False
        if len(cut) < len(words) and cut[-1].lower() in _BEFORE_A_NAME and words[len(cut)][:1].isupper():
            # (a cut before a name takes it: "with a 3-1 win over" + "Fenwick Town")
            more = len(cut)
            while more < min(len(words), len(cut) + 3) and words[more][:1].isupper():
                more += 1
            if more == len(words) or words[more].lower() in _AFTER_A_NAME or words[more - 1][-1:] in ",.;:":
                cut = words[:more]
        if len(cut) < len(words) and _NUMBER_WORD.fullmatch(cut[-1]) and words[len(cut)][:1].islower() \
                and words[len(cut)].lower().strip(",.;:") not in _FUNCTION_WORDS:
            cut = words[:len(cut) + 1]  # ("a majority of just over 1,400" + "votes")
        if not _has_verb(cut) and cut[-1].endswith(","):
            # A long subject ("The executive director of WFP, Josette Sheeran,") says nothing: its
            # verb and a few words after it, when only a name in apposition comes between
            verb = next((index for index in range(len(cut), min(len(words), len(cut) + VERB_REACH))
                         if _has_verb(words[index:index + 1])), None)
            if verb is not None and (verb == len(cut) and _NAMED_LAST.search(" ".join(cut)) or verb > len(cut)
                                     and all(word[:1].isupper() for word in words[len(cut):verb])
                                     and words[verb - 1].endswith(",")):
                end = min(len(words), verb + 1 + VERB_OBJECT_WORDS)
                stop = next((index for index in range(verb, end) if words[index].endswith((",", ";", ":"))), None)
                cut = words[:end if stop is None else stop + 1]
                mid_clause = stop is None and end < len(words)
        text = _before_open_bracket(" ".join(cut))
        # (a number whose phrase goes on past the cut, "guilty on 12" of "12 of the 14 counts",
        # is dropped; one that ends its phrase, "to 1.20," is not)
        cut_short = len(cut) < len(words) and not cut[-1].endswith((",", ";", ":"))
        dropped = words[len(cut) - (cut[-1].lower() in _PLACE_OR_TIME_WORDS):]  # (a preposition left dangling too)
        if len(dropped) <= 6 and dropped and dropped[0].lower() in _PLACE_OR_TIME_WORDS:
            mid_clause = False  # (only where or when it happened went: "... over dinner" + "in Buenos Aires on Dec. 1")
    text = _without_dangling(text.rstrip(" ,;:.!?\"'\u201d-\u2013\u2014"))
    if text.endswith((")", "]")) and not any(mark in text for mark in "(["):
        text = text[:-1].rstrip(" ,;:.!?")  # ("(The statement was issued on Tuesday.)": its opening went)
    if cut_short:  # ("guilty on 12" of "guilty on 12 of the 14 counts")
        text = _without_dangling(_TRAILING_NUMBER.sub("", text))
    # (a quotation whose words all went, with the date they held or as an aside: "“” BP chief
    # executive Tony Hayward told the Times")
    text = _COMMA_OPENING.sub("", _without_empty_quotes(text)).strip().rstrip(" ,;:-\u2013\u2014")
    text = _single_spaced(_without_empty_quotes(_balanced_quotes(text))).strip()  # (what balancing left empty)
    if cut_short and mid_clause and text and not text.endswith(("\"", "\u201d", ")", "]")):
        # (cut inside a clause: "Donaldson said officials were monitoring the progress of swine
        # flu in southern hemisphere…" says that its sentence goes on, which the page shows whole)
        text += "\u2026"
    said = _UNNAMED_SAID.match(text)
    if said and len(text[said.end():].split()) >= 4:
        # ("He said that American officials were arriving in Haiti": who "he" is, the headline
        # cannot say; what he said is the news, and the page shows the sentence whole)
        text = text[said.end():]
    first = 1 if text[:1] in ('"', "\u201c") else 0  # (a quotation's first word)
    return (text[:first + 1].upper() + text[first + 1:]) if text else _tidy(sentence)[:80]


# A pronoun's report of what someone else did: "He said (that) the pipe could arrive ..."
_UNNAMED_SAID = re.compile(r"(?:He|She|They|It)\s+(?:said|says|added|stated|explained|noted|reported|announced|"
                           r"confirmed|told\s+(?:reporters|journalists|the\s+BBC|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?))"
                           r"(?:\s+that)?\s+(?!(?:he|she|they|it|we|i|you|his|her|their|its|our|my|your|there|this|"
                           r"that|these|those)\b)(?=[A-Za-z])")
# "It was on <date> that ...", "It was when <clause> that ...": a cleft sentence
_CLEFT = re.compile(r"\s*It\s+(?:was|is|wasn't|was\s+not)\s+(?:(?P<when>when)\s+|(?:only\s+)?(?:on|in|at|during)\s+|only\s+)"
                    r"(?P<focus>(?:[^,;:]|,(?=\s?\d)){2,160}?)\s+that\s+(?=\S)")
_BRACKETED = re.compile(r"\([^()]*\)")  # ("(based at the Brewhouse Arts Centre)": no verb of the clause)
_ING_ASIDE = re.compile(r",\s+[a-z]+ing\b")  # ", speaking to reporters ..."
# A name in apposition to the noun before it: ", Meng Wanzhou," after "its finance chief"
# (not a list: "the U.S., China, Japan"; not a place: "in Paris, France,").
_APPOSITIVE_NAME = re.compile(r"(?<=[a-z]),\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*,\s+(?=[a-z])")
# What goes on after a comma that closed a date in mid-sentence: an apposition or a clause.
_GOES_ON = re.compile(r"\s*(?:its|their|his|her|the|a|an|and|but|however|where|when|which|who|while|according|"
                      r"as|after|before|with|[a-z]+ing)\b")
# (what a comma after a date stays before: who said so, ", state health officials said", or a
# figure's aside, ", almost a 50 percent increase")
_COMMA_KEPT_BEFORE = re.compile(r"\s*(?:(?:[\w.'-]+\s+){1,4}(?:said|says|told|reported|announced|confirmed)\b"
                                r"|(?:almost|nearly|about|roughly|around|some|up|down|more|less|only|just)\b|[$\d])")
_EMPTY_QUOTE = re.compile(r'\u201c[\s,.]*\u201d,?|(?<![\w"])"[\s,.]*"(?![\w"]),?')


def _without_empty_quotes(text: str) -> str:
    """_EMPTY_QUOTE.sub("", text), tried only where a quotation mark is."""
    return _EMPTY_QUOTE.sub("", text) if "\u201c" in text or '"' in text else text


_COMMA_OPENING = re.compile(r"(?<=[\u201c(])\s*,\s*")  # ('e-mails: "At around 10pm, a neighbour ...': no '", a')
_QUOTE_MARK = re.compile(r'(?<!\d)"')  # (not the inch mark of "6'2\"")
_ASIDE = re.compile(r",\s+(?:who|which|[a-z]+ing)\b(?:[^,;:]|,(?=\d)){0,80},\s+(?![\w'-]+(?:\s+[\w'-]+)?,)"
                    # (not the first items of a list: ", reopening schools, bars, churches and ...")
                    r"|\s+(?:--|\u2014)\s+(?:who|which)\b[^-\u2014,;:]{0,80}?\s+(?:--|\u2014)\s+")  # (or between dashes)
# ... and what a name is ("Kent Wells, a BP PLC vice president, said ...")
_APPOSITIVE_ROLE = re.compile(r"(?P<name>\b[A-Z][\w.'-]*),\s+(?:a|an|the|its|their)\s+[^,;:]{2,60}?,\s+(?=[a-z])")


def _balanced_quotes(text: str) -> str:
    """A headline whose quotation lost its opening mark (cut at the start: '"We did not want
    this," said ...' -> 'We did not want this," said ...') gets it back; one that lost its
    closing mark gets that."""
    for opening, closing in (("\u201c", "\u201d"), ('"', '"')):
        if opening == closing:
            if len(_QUOTE_MARK.findall(text)) % 2:
                first = text.index('"')
                text = '"' + text if text[first - 1:first] not in (" ", "") or first == len(text) - 1 \
                    or text[first + 1:first + 2] in (",", " ") else text + '"'
        elif text.count(closing) > text.count(opening):
            text = opening + text
        elif text.count(opening) > text.count(closing):
            text += closing
    return text


# Words (lower case: not "WHO") that open what a cut headline can do without: a clause
# ("after the city shut the span", "which had been"); and the durations that lead into
# "after" or "before" ("three days after ...").
_CUT_BEFORE = frozenset({"after", "before", "following", "when", "while", "because", "until", "which", "who",
                         "whose", "where"})
_DURATION_WORDS = frozenset({"days", "weeks", "months", "years", "hours", "minutes", "day", "week", "month",
                             "year", "hour", "moments", "shortly", "just", "only", "soon", "long", "a", "an",
                             "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                             "several", "few", "some", "less", "more", "than", "about", "nearly", "almost"})


_PARTICIPLE_WORD = re.compile(r"[a-z]{3,}ing")


def _has_verb(words: list[str]) -> bool:
    """Whether the words hold a verb we know: a past form or an auxiliary or modal ("Its chief
    financial officer, Meng Wanzhou," has none)."""
    return _any_verb((w.strip(",;:").lower() for index, w in enumerate(words)
                      if index == 0 or not w[:1].isupper()), _HEADLINE_VERBS)  # ("United": a name)


def _any_verb(words, known: frozenset[str]) -> bool:
    """Whether one of the (lower-case) words is a regular past form or one of known."""
    return any(len(word) > 4 and word.endswith("ed") or word in known for word in words)


# Verbs besides the regular past: irregular pasts and auxiliaries ("after the scandal broke",
# "since it had"); a headline's may also be a modal or a present ("says", "meets")
_CLAUSE_VERBS = (PAST_WORDS - TIME_PAST_WORDS) | {"is", "are", "has", "have"}
_HEADLINE_VERBS = _CLAUSE_VERBS | {
    "am", "will", "would", "can", "could", "may", "might", "should", "must",
    "says", "say", "agree", "agrees", "meet", "meets", "announce", "announces"}


_NUMBER_WORD = re.compile(r"[$\u20ac\u00a3]?\d(?:[\d.,]*\d)?%?|(?i:two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozens?|hundreds|thousands)")
_FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
                             "than", "as", "per"})
_BEFORE_A_NAME = frozenset({"over", "against", "beat", "defeated", "met", "visited", "joined", "told", "called"})
_AFTER_A_NAME = frozenset({"on", "in", "at", "by", "for", "and", "after", "before", "with", "to", "from", "of"})
# (a number after a preposition at a cut headline's end: "guilty on 12" of "on 12 of the 14 counts")
_TRAILING_NUMBER = re.compile(r"\s+(?:on|of|to|by|from|at|in|for|with|than|about|over|under|nearly|almost)"
                              r"(?:\s+[$\u20ac\u00a3]?\d[\d.,]*%?)+$", re.IGNORECASE)


def _list_goes_on(words: list[str], index: int) -> bool:
    """Whether the comma ending words[index] is one inside a list of names ("in Bangladesh,
    China, Egypt ..."): a clause does not end there."""
    return words[index][:1].isupper() and index + 1 < len(words) and words[index + 1][:1].isupper()


def _finishes(rest: list[str]) -> bool:
    """Whether the words after a headline's limit are a short, plain end of its sentence
    ("of the escaping oil"), kept rather than cut: a few, with no number or name (another
    date: "in Buenos Aires on Dec. 1")."""
    return len(rest) <= FINISH_WORDS and not any(word[:1].isdigit() or word[:1].isupper() for word in rest)


def _before_open_bracket(text: str) -> str:
    """A cut headline ended before a bracket or quotation it opened a word or three before
    its end and did not close ("4.9 m barrels of oil (171m", "his second visit - \u201cI am"),
    if five words stay."""
    for opening, closing in (("(", ")"), ("\u201c", "\u201d"), ('"', None)):
        unclosed = text.count(opening) % 2 if closing is None else text.count(opening) > text.count(closing)
        at = text.rfind(opening)
        # (a quotation of some length is kept, and closed: 'called the bill "a disaster for
        # working families and small businesses"')
        if unclosed and len(text[:at].split()) >= 5 and len(text[at:].split()) <= 3:
            text = text[:at].rstrip(" -\u2013\u2014,;:")
    return text


def _before_clause_word(cut: list[str]) -> list[str] | None:
    """A cut headline ended before the last word that opens a clause or an infinitive, if
    that leaves at least six words; None if there is no such word."""
    for index in range(len(cut) - 1, 5, -1):
        if cut[index] in _CUT_BEFORE:
            kept = cut[:index]
            if cut[index] in ("after", "before"):
                while len(kept) > 3 and (kept[-1].lower() in _DURATION_WORDS or kept[-1].isdigit()):
                    kept = kept[:-1]
            return kept
    return None


# A sentence's last clause, "which" and a verb, about the noun phrase before its comma
_TRAILING_WHICH = re.compile(r",\s+which\s+(?=(?:was|were|is|are|has|have|had|[a-z]+ed|" + _IRREGULAR_PAST +
                             r")\b)(?P<clause>[^,;:()\u201c\u201d\"]{3,160})$")
_ARTICLE = re.compile(r"\b(?:the|a|an|its|their|his|her)\s", re.IGNORECASE)
_AND_VERB = re.compile(r"\s+and\s+(?=(?:was|were|is|are|has|have|had|[a-z]+ed|" + _IRREGULAR_PAST + r")\b)")


def _trailing_which(text: str) -> tuple[int, str] | None:
    """(where the clause's verb starts, the noun phrase it is about, capitalized) for a text
    that ends in ", which <verb> ...", when a short noun phrase with an article stands right
    before the comma ("fines from the spill, which began in April": "The spill"); else None."""
    found = _TRAILING_WHICH.search(text.rstrip(" .!?\"'\u201d"))
    if found is None:
        return None
    head = text[:found.start()]
    nearest = max((m.start() for m in _ARTICLE.finditer(head, max(0, len(head) - 40))), default=-1)
    if nearest < 0 or _SUBJECT_END.search(" " + head[nearest:]) or len(head[nearest:].split()) > 5:
        return None
    phrase = head[nearest:]
    return found.start("clause"), phrase[:1].upper() + phrase[1:]


def _aside_holding(pattern: re.Pattern, text: str, expression: tuple[int, int], most_words: int):
    """pattern's match ("Subject, <clause>, ...") when the clause holds the expression and the
    subject is a short noun phrase (at most most_words words, no verb we know); else None."""
    if not any(word in text for word in _ASIDE_WORDS[pattern]):
        return None  # (the word an aside opens with is not there: no pattern to try)
    aside = pattern.match(text)
    if aside and aside.start("clause") <= expression[0] and expression[1] <= aside.end("clause") \
            and len(aside.group("subject").split()) <= most_words and not _SUBJECT_END.search(" " + aside.group("subject")):
        return aside
    return None


_PLACE_OR_TIME_WORDS = frozenset({"in", "on", "at", "near", "outside", "inside", "from", "during", "next", "last",
                                   "this"})
_PLACE_PREPOSITION = re.compile(r"^(?:In|At|Across|Throughout|Inside|Outside|Near|Within)\s+(?=[A-Z]|the\s)")


def _aside_headline(aside: re.Match, verb: str, expression: tuple[int, int], max_words: int,
                    owner: str | None = None) -> str:
    """The headline of "<subject> [verb] <clause>" (or "<owner> <clause>": "The woman's illness
    began"), the expression (offsets in the sentence) taken out of the clause as usual."""
    subject = owner or _PLACE_PREPOSITION.sub("", aside.group("subject"))  # ("In New Zealand, which reported ...")
    head = f"{subject} {verb} " if verb else f"{subject} "
    shift = len(head) - aside.start("clause")
    return headline_from(head + aside.group("clause"), (expression[0] + shift, expression[1] + shift), max_words)


def _whole_name(cut: list[str], words: list[str]) -> list[str]:
    """A cut that ends inside a name ("dinner in Buenos", "former President George") takes the
    rest of it, up to three words ("Aires", "H.W. Bush"); a name that goes on past that, or
    through a lowercase word ("the Group of 20"), is left out whole."""
    def capital(word: str) -> bool:
        return word[:1].isupper()
    end = len(cut)
    while end > 5 and cut[end - 1] in ("of", "the", "and", "for", "in", "de", "del", "la"):
        end -= 1   # ("the Group of" + "20 summit": the name goes on)
    if not capital(cut[end - 1]) or len(words) <= end or not capital(words[end]) \
            and not (words[end] == "of" and len(words) > end + 1):
        return cut
    cut = cut[:end]
    more = len(cut)
    while more < len(words) and more < len(cut) + 3 and capital(words[more]):
        more += 1
    if more < len(words) and capital(words[more]) or more < len(words) and words[more] == "of" \
            or more == len(cut):
        while len(cut) > 5 and capital(cut[-1]):
            cut = cut[:-1]   # too long to finish: drop its start
        return cut
    return words[:more]


# "Subject, which/who <clause>, ...": a subject with an aside about it (the aside holds no comma).
_WHERE_ASIDE = re.compile(r"(?P<subject>[A-Z][^,;:]{1,80}?),\s+where\s+(?P<clause>[^,;:]{3,120}?)(?:,\s|\s*$)")
_SUBJECT_ASIDE = re.compile(r"(?P<subject>[A-Z][^,;:]{1,60}?),\s+(?:who|which|where)\s+[^,;:]{3,120}?,\s+(?=[a-z])")
_RELATIVE_ASIDE = re.compile(r"(?P<subject>[A-Z][^,;:]{1,80}?)(?:,|\s+(?:--?|\u2013|\u2014))\s+(?:which|who)\s+"
                             r"(?P<clause>[^,;:]{3,120}?)(?:,\s|\s+(?:--?|\u2013|\u2014)\s|\s*$)")  # (or between dashes)
_WHOSE_ASIDE = re.compile(r"(?P<subject>[A-Z][^,;:]{1,80}?),\s+whose\s+(?P<clause>[^,;:]{3,120}?),\s")
# -ed verbs that make no passive ("his mother, lived in ...", "my father, died at 27")
_NOT_PASSIVE = {"died", "lived", "arrived", "happened", "occurred", "remained", "stayed", "worked", "resided",
                "existed", "retired", "returned", "moved", "traveled", "travelled", "started", "ended", "served",
                "talked", "walked", "voted", "agreed", "failed", "succeeded", "rallied", "jumped", "climbed"}
# a preposition, a pronoun or a contraction in front: no noun phrase to be the subject
_NOT_A_SUBJECT = re.compile(r"^(?:Among|In|On|At|After|Before|During|Since|For|From|With|By|It|There|This|He|She|"
                            r"They|We|I)\b|['\u2019]s\s")
# "Subject, <past participle> ..., ...": a subject and what was done to it.
_PARTICIPLE_ASIDE = re.compile(r"(?P<subject>[A-Z][^,;:]{1,60}?),\s+(?P<clause>[a-z]+ed\b[^,;:]{0,100}?)(?:,\s|\s*$)")
# What each aside needs (a test before its pattern: _aside_holding)
_ASIDE_WORDS = {_RELATIVE_ASIDE: ("which", "who"), _WHOSE_ASIDE: ("whose",), _WHERE_ASIDE: ("where",),
                _PARTICIPLE_ASIDE: ("ed",)}
# A sentence that opens with a participle or a preposition ("Speaking at a conference in Davos on
# Wednesday, Microsoft's chief told CNBC"): what comes after its comma is the main clause.
_LEAD_IN = re.compile(r"\s*(?:[A-Z][a-z]+ing\b|(?:In|On|At|After|Before|During|Since|Following|With|As|While|"
                      r"When|Despite|Amid|Asked|Speaking|Writing)\b)")
# ", the Labor Department said on March 8." at a sentence's end: who reported it, no part of it.
_SAID_CLAUSE = re.compile(r",\s+(?:[\w.'\u2019-]+\s+){1,6}?(?:said|says|say|told|reported|announced|added|wrote)"
                          r"(?:\s+(?:on|in|at|late|early|last|this|earlier|later|yesterday|today|[A-Z])[^,;:]{0,30})?"
                          r"[.!?\"\u201d]*\s*$")


@dataclass(frozen=True)
class _Dated:
    """A sentence's main dating: the expression, its span, and how sure we are."""

    timex: object
    span: DateSpan
    confidence: float
    reporting: bool = False  # it dates a report ("said on Friday"), not what was reported
    subordinate: bool = False  # it is in a clause of what led to the main one ("after ... on Tuesday")
    lead: int | None = None  # where a count of days before or after it starts ("two days after ...")
    own: tuple[DateSpan, int] | None = None  # its own clause's date and start, when span is a count after it


# "Two days after the election on Nov. 3, protesters marched": the event is two days after the
# date (and "hours after" it, about then).
_COUNT_WORDS = r"an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a )?few|several|some"
_OFFSET_FROM = re.compile(r"\b(?:(?P<count>\d{1,2}|" + _COUNT_WORDS + r"|many|the)\s+)?(?P<unit>hours?|minutes?|days?|weeks?|"
                          r"months?|years?)\s+(?P<way>after|before|later than|earlier than)\s+"
                          r"(?:[\w'\u2019-]+\s+){0,6}?(?:on|in|of|at)?\s*$", re.IGNORECASE)
_OFFSET_WAY = re.compile(r"after|before|than", re.IGNORECASE)  # (what _OFFSET_FROM needs: tried first, 3x quicker)


_COUNT_END = re.compile(r"[\s,]+(?:\d{1,3}|" + _COUNT_WORDS + r")\s+(?:hours?|days?|weeks?|months?|years?|minutes?)\s*$",
                        re.IGNORECASE)


def _offset_span(span: DateSpan, offset: re.Match) -> DateSpan | None:
    """The date a count of days, weeks, months or years before or after span is, at span's
    precision ("two years after it was founded in 1998": 2000), or None when the count is
    vague or the date not precise enough for the unit."""
    word = (offset.group("count") or "").lower()
    unit = offset.group("unit").lower()
    count = SMALL_NUMBERS.get(word) if not word.isdigit() else int(word)
    if word == "the" and not unit.endswith("s"):
        count = 1  # ("the day after the vote on June 9")
    if count is None:
        return None
    sign = 1 if offset.group("way").lower() in ("after", "later than") else -1
    single = span.start == span.end
    try:
        if unit.startswith(("day", "week")):
            if span.precision != "day" or not single:
                return None
            day = span.start + dt.timedelta(days=sign * count * (7 if unit.startswith("week") else 1))
            return DateSpan(day, day, "day", day.isoformat())
        months = sign * count * (12 if unit.startswith("year") else 1)
        if span.precision == "year" and months % 12 == 0:
            year = span.start.year + months // 12
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", f"{year:04d}")
        index = span.start.year * 12 + span.start.month - 1 + months
        year, month = divmod(index, 12)
        month += 1
        last = calendar.monthrange(year, month)[1]
        if span.precision == "month":
            return DateSpan(dt.date(year, month, 1), dt.date(year, month, last), "month", f"{year:04d}-{month:02d}")
        if span.precision == "day" and single:
            day = dt.date(year, month, min(span.start.day, last))
            return DateSpan(day, day, "day", day.isoformat())
    except (OverflowError, ValueError):
        return None
    return None


def _span_of(timex) -> DateSpan:
    start, end = timex.interval
    return DateSpan(start, end, timex.precision, timex.value, timex.mod)


def _confidence(timex, span: DateSpan, reporting: bool) -> float:
    confidence = 0.9 if _EXPLICIT.search(timex.text) else 0.8
    if span.precision in COARSE:
        confidence -= 0.2
    if reporting:
        confidence -= 0.3
    return round(max(confidence, 0.1), 2)


def extract_mentions(article: Article, enabled: bool = True, min_confidence: float = 0.0) -> tuple[Mention, ...]:
    """The events one article reports: its authored events, then those dated in its prose."""
    mentions: list[Mention] = []
    for index, authored in enumerate(article.authored_events):
        key = authored.id or mention_key(article.slug, f"authored {index} {authored.span.value}")
        mentions.append(Mention(
            article_slug=article.slug, anchor="", quote=authored.summary or authored.title,
            expression="", span=authored.span, title=authored.title,
            summary=authored.summary or authored.title, confidence=1.0,
            tags=tuple(dict.fromkeys(authored.tags + article.tags)), authored=True,
            explicit_id=authored.id, key=key))
    if enabled and article.extract:
        live = _is_live_blog(article.blocks, article.published)
        for index, (block, (timexes, posts)) in enumerate(zip(article.blocks, _timexes_by_block(article, live))):
            last = article.blocks[index - 1] if index > 0 else None
            before = last.text[slice(*last.sentences[-1])] if last is not None and last.sentences else ""
            mentions.extend(_block_mentions(article, block, timexes, first=index == 0, live=live, posts=posts,
                                            before=before))
    excluded = set(article.exclude_events)
    return tuple(m for m in mentions if m.key not in excluded and m.confidence >= min_confidence)


# A live blog's entries, each led by its 24-hour clock time: "2224 The US Coast Guard has posted ...",
# "2025: We're now waiting for ..." (at the text's start or a sentence's: see _entry_clocks)
_ENTRY_CLOCK = re.compile(r"(\d{4}):?\s+(?=[A-Z\u201c\"])")
LIVE_BLOG_ENTRIES = 4


def _entry_clocks(text: str) -> list[re.Match]:
    """The entry clocks in text: _ENTRY_CLOCK where the text or a sentence starts, what
    (?:^|(?<=[.!?]\\s)) before it would find, found quicker: the digits first (a pattern that
    opens with an assertion is tried at every character), then their place. (The same
    matches: one that is not in its place spans only digits, a colon and spaces, and the next
    one's digits follow a space inside no such span.)"""
    return [found for found in _ENTRY_CLOCK.finditer(text)
            if found.start() == 0 or found.start() >= 2 and text[found.start() - 1].isspace()
            and text[found.start() - 2] in ".!?"]


def _is_live_blog(blocks, published: dt.date) -> bool:
    """Whether at least LIVE_BLOG_ENTRIES sentences open with a four-digit number, every one
    reads as a clock time and some cannot be a year of the story (before 1800, or after next
    year): a chronology's years do not ("1983 ... 2000 ... 2006"; "2001 ... 2010 ... 2015" are
    times too, but years first)."""
    numbers = [int(found.group(1)) for block in blocks for found in _entry_clocks(block.text)]
    return len(numbers) >= LIVE_BLOG_ENTRIES and all(n // 100 < 24 and n % 100 < 60 for n in numbers) \
        and any(n < 1800 or n > published.year + 1 for n in numbers)


_BLOCK_BREAK = "\n.\n\n"  # (between an article's blocks: a sentence break, whatever ends the block)


def _timexes_by_block(article: Article, live: bool = False) -> list[tuple[list, list[tuple[int, int]]]]:
    """The temporal expressions of each block, found in the article's text as a whole, so that
    "The next day" at the head of a paragraph follows the date the one before ended on (a block
    on its own would take the publication day), as in one paragraph; and the spans of readers'
    comments in the block (see _posts). Offsets are the block's. In a live blog, each entry
    (from a block its clock time opens to the next) is read on its own: "a small miracle during
    the night" in one entry is not the night of a date a reader's e-mail named two entries up."""
    blocks = article.blocks
    joined = _BLOCK_BREAK.join(block.text for block in blocks)
    if live:
        found = []
        opens = [index for index, block in enumerate(blocks) if index == 0 or _ENTRY_CLOCK.match(block.text)]
        offset = 0
        for first, end in zip(opens, opens[1:] + [len(blocks)]):
            entry = _BLOCK_BREAK.join(block.text for block in blocks[first:end])
            found += [replace(t, start=t.start + offset, end=t.end + offset)
                      for t in _without_antecedent(list(temporal.annotate(entry, article.published)))]
            offset += len(entry) + len(_BLOCK_BREAK)
    else:
        found = _without_antecedent(list(temporal.annotate(joined, article.published)))
    found, posts = _posts(joined, found, article.published)
    by_block: list[tuple[list, list[tuple[int, int]]]] = []
    start, index = 0, 0
    for block in blocks:
        end = start + len(block.text)
        while index < len(found) and found[index].start < start:
            index += 1  # (one across a break, were there any)
        mine = []
        while index < len(found) and found[index].end <= end:
            timex = found[index]
            mine.append(temporal.Timex(timex.start - start, timex.end - start, timex.text, timex.type, timex.value,
                                       timex.mod, timex.interval, timex.precision))
            index += 1
        by_block.append((mine, [(max(first, start) - start, min(last, end) - start)
                                for first, last, _ in posts if first < end and last > start]))
        start = end + len(_BLOCK_BREAK)
    return by_block


def _without_antecedent(found: list) -> list:
    """found without the day that refers back to a day before it ("on the same day", "the next
    day") when the text named none: the day it means is not the publication day."""
    first = next((index for index, t in enumerate(found) if t.precision == "day"), None)
    if first is None or not _BACK_REFERENCE.match(found[first].text):
        return found
    return found[:first] + found[first + 1:]


_BACK_REFERENCE = re.compile(r"(?:the\s+(?:same|next|following|previous)\s+day|that\s+(?:same\s+)?(?:day|morning|"
                             r"afternoon|evening|night)|the\s+day\s+(?:before|after))$", re.IGNORECASE)


def _posts(text: str, found: list, published: dt.date) -> tuple[list, list[tuple[int, int, dt.date | None]]]:
    """Readers' comments below a story: (found, with each comment's expressions read against
    the day it was posted; the comments as (start, end, that day)). A comment is known by its
    stamp: "At 10:21 pm on 22 Jan 2010, X wrote: ...", BBC's "Added: Tuesday, 19 January,
    2010, ..." before it, WaPo's "... | Posted by: X | May 27, 2010 5:34 PM | Report abuse"
    after it. In a comment posted four days after the story, "yesterday" is the day before
    it was posted. found: annotate's of the text. Everything after a notice that readers'
    comments follow ("Views expressed in the comments do not represent those of Reuters.")
    is readers' too, posted when no stamp says."""
    # (the words each of its forms needs, case aside: casefold, unlike lower, also folds the
    # "\u017f" that the pattern takes for an "s"; but not the two Turkish i's that it takes
    # for an "i", so none of these words has one: "publ", "scuss")
    folded = text.casefold()
    notice = _COMMENTS_NOTICE.search(text) if "comments" in folded and ("expressed" in folded or "publ" in folded) \
        or "closed" in folded and ("debate" in folded or "top" in folded or "scuss" in folded) else None
    thread = [(notice.end(), len(text), None)] if notice else []
    if not _STAMP_HINT.search(text):
        return found, thread
    stamps = sorted([(m.start(), m.end(), True) for m in _POST_HEADER.finditer(text)]
                    + [(m.start(), m.end(), False) for m in _POST_FOOTER.finditer(text)])
    posts = []
    for index, (start, end, header) in enumerate(stamps):
        day = next((t.interval[0] for t in found if start <= t.start < end and t.interval is not None
                    and t.precision == "day"), None)
        if day is not None and not 0 <= (day - published).days <= POST_DAYS_MOST:
            day = None  # (a stamp far from the story's day: no telling what it is)
        if header:
            posts.append((end, stamps[index + 1][0] if index + 1 < len(stamps) else len(text), day))
        elif index > 0:
            posts.append((stamps[index - 1][1], start, day))
        else:  # (where the first comment starts is not marked: its paragraph, at least)
            paragraph = text.rfind(_BLOCK_BREAK, 0, start)
            posts.append((0 if paragraph < 0 else paragraph + len(_BLOCK_BREAK), start, day))
    redated = [(start, end, day) for start, end, day in posts if day is not None and day != published]
    for start, end, day in redated:
        again = [replace(t, start=t.start + start, end=t.end + start)
                 for t in temporal.annotate(text[start:end], day)]
        found = [t for t in found if not start <= t.start < end] + again
    return (sorted(found, key=lambda t: (t.start, t.end)) if redated else found), posts + thread


# A page's notice that readers' comments come next: "Views expressed in the comments do not
# represent those of Reuters.", "The comments we publish are not necessarily the views of the BBC",
# "This debate is now closed."
_COMMENTS_NOTICE = re.compile(r"\b(?:views|opinions)\s+expressed\s+in\s+(?:the\s+|these\s+)?comments\s+"
                              r"(?:do|does)\s*n[o']t\s+(?:necessarily\s+)?(?:represent|reflect)\b[^.!?]{0,80}[.!?]"
                              r"|\bthe\s+comments\s+we\s+publish\s+are\s+not\s+necessarily\b[^.!?]{0,120}[.!?]"
                              # (the BBC's Have Your Say, closed: the readers' posts follow)
                              r"|\bthis\s+(?:debate|topic|discussion)\s+(?:is|has)\s+now\s+closed\b[^.!?]{0,40}[.!?]",
                              re.IGNORECASE)


def _block_mentions(article: Article, block: Block, found: list, first: bool = False,
                    live: bool = False, posts: list[tuple[int, int]] = (), before: str = "") -> list[Mention]:
    """posts: where readers' comments are in the block (see _posts): what they date is a
    reader's word, which falls under the default min_confidence unless its date is explicit.
    before: the last sentence of the block before (whom a "He" that opens this one may mean)."""
    # (when a reader's comment was posted, or a wire story filed, or a live blog's entry: no event)
    stamps = [(found.start(), found.end()) for pattern in (_COMMENT_HEADERS, _TIME_STAMPS)
              for found in pattern.finditer(block.text)] if _STAMP_HINT.search(block.text) else []
    clocks = {found.start(): found.end() for found in _entry_clocks(block.text)} if live else {}
    stamps += clocks.items()
    wire = _wire_stamp(block.text)
    if wire:
        stamps.append((0, wire.end()))
    if first and stamps:
        # (a page's title and standfirst, run into its first sentence before the dateline: the
        # page's, as what precedes a wire's "(Reuters) -" is; the story starts after it)
        dateline = _DATELINE_INSIDE.search(block.text, 0, DATELINE_WITHIN)
        if dateline:
            stamps.append((0, dateline.end()))
    timexes = [t for t in found
               if t.interval is not None and t.type in ("DATE", "TIME")
               and not (first and _is_dateline(block.text, t, article.published))
               and not any(start <= t.start and t.end <= end for start, end in stamps)]
    if first and "updated" in block.text[:DATELINE_WITHIN]:
        # ("US sues BP over Gulf of Mexico oil disaster 16 December 2010 Last updated at 06:54 GMT Help
        # The United States is to sue BP ...": with no date of its own, the page's lead sentence is
        # the news of the page's day, as the page says)
        updated = _UPDATED_INSIDE.search(block.text, 0, DATELINE_WITHIN)
        if updated and not any(t.start >= updated.end() for t in timexes):
            timexes = sorted(timexes + [t for t in found if updated.start() <= t.start and t.end <= updated.end()
                                        and t.interval is not None and t.precision == "day"], key=lambda t: t.start)
    if not timexes:
        return []
    text = block.text
    found: list[Mention] = []
    previous: tuple[str, _Dated] | None = None  # the last dated sentence of this block

    def mention(number: int, sentence: str, title: str, dated: _Dated, confidence: float,
                key_text: str, inherited: bool = False) -> Mention:
        if posts and any(start <= dated.timex.start < end for start, end in posts):
            confidence -= POST_DOUBT
        if title.startswith(("He ", "She ")):
            # "She died", told of the person the sentence before named: that person died
            named = _named_subject(text[slice(*block.sentences[number - 1])] if number > 0 else before,
                                   title.startswith("She "))
            if named:
                title = named + title[title.index(" "):]
        return Mention(
            article_slug=article.slug, anchor=block.sentence_anchor(number), quote=sentence,
            expression=dated.timex.text, span=dated.span, title=title, summary=sentence,
            confidence=round(confidence, 2), tags=article.tags,
            key=mention_key(article.slug, key_text), inherited=inherited)

    for number, (sentence_start, sentence_end) in enumerate(block.sentences):
        sentence_start = clocks.get(sentence_start, sentence_start)  # (the entry's clock goes)
        sentence = text[sentence_start:sentence_end]
        inside = [t for t in timexes if sentence_start <= t.start and t.end <= sentence_end]
        if _PAGE_STAMP.match(sentence) or _rights_notice(sentence) \
                or _CAPTION_DATE.match(sentence) and _CAPTION_VERB.search(sentence) \
                or _at_end(_CAPTION_END, sentence, len(sentence)):
            inside = []  # ("Last updated: 29 June 2010": the page's, no event; nor does it continue one)
        candidates = _candidates(text, sentence_start, sentence_end, inside, article.published)
        if not candidates:
            if previous is not None and not inside and _continues(sentence, previous[0]):
                dated = previous[1]
                found.append(mention(number, sentence, headline_from(sentence, None), dated,
                                     dated.confidence - 0.25, sentence, inherited=True))
            previous = None  # inherit one sentence deep only
            continue
        main = candidates[0]
        local = _with_coordinated(text, main.timex, inside, sentence_start)
        if main.lead is not None:  # ("Two days after the election on Nov. 3, protesters marched")
            local = (main.lead - sentence_start, local[1])
        own = _own_clause(sentence, local)
        lead = _LEADING_YEAR.match(sentence)
        if not own and lead and local[0] >= lead.end() and any(
                t.start == sentence_start and t.precision == "year" and t.interval[0] <= main.span.start <= t.interval[1]
                for t in inside):
            own = (lead.end(), len(sentence))  # ("2003 Blair backs the Iraq war on March 18": a chronology's year)
        title = headline_from(sentence[own[0]:own[1]], (local[0] - own[0], local[1] - own[0])) if own \
            else headline_from(sentence, local)
        for other in candidates[1:]:
            if other.reporting and other.timex.text in title:
                title = _without_report_date(title, other.timex.text)
        found.append(mention(number, sentence, title, main, main.confidence, sentence))
        if main.own is not None:  # ("The plant restarted ten days after it was shut on Feb. 3": Feb. 3 too)
            at = main.own[1]
            clause = headline_from(text[at:main.timex.end], (main.timex.start - at, main.timex.end - at))
            found.append(mention(number, sentence, clause, replace(main, span=main.own[0]), main.confidence - 0.1,
                                 f"{sentence}\n{main.timex.text}"))
        previous = (sentence, main)
        main_index = len(found) - 1
        breaks: list[int] | None = None  # where the sentence's clauses break (on first need)
        for other in candidates[1:]:
            if other.own is not None:  # ("..., five weeks after it was closed on March 4": March 4)
                other = replace(other, span=other.own[0], lead=None)
            if other.span.overlaps(main.span) and not (other.subordinate and main.span.contains(other.span)) \
                    and not (other.span != main.span and _AFTER_OR_BEFORE_THAT.match(other.timex.text)) \
                    or not _separate_clauses(text, main.timex, other.timex) \
                    or other.reporting or local[0] <= other.timex.start - sentence_start < local[1]:
                continue  # (", officials said Tuesday": when it was said, no event of its own)
            if breaks is None:
                breaks = [b.start() for b in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end)]
            if other.timex.start > main.timex.end and len(found) == main_index + 1 and breaks:
                # "Talks resumed on May 2, and ended on May 5": the main event ends where the
                # clause of the other one begins (there is a break between them: see above)
                cut = breaks[max(_clause_index(text, breaks, other.timex.start), 0)]
                count = _COUNT_END.search(text, sentence_start, cut)
                cut = count.start() if count else cut  # (", five weeks" of "five weeks after ...")
                shorter = headline_from(text[sentence_start:cut], local)
                if len(_CONTENT_WORD.findall(shorter)) >= 2 and not _OPENING_PHRASE.match(text[sentence_start:cut] + ",") \
                        and not _UNFINISHED_END.search(shorter):  # (not "A new cap would, however")
                    found[main_index] = replace(found[main_index], title=shorter)
            here = (other.timex.start - sentence_start, other.timex.end - sentence_start)
            # ("The mayor, who was first elected in 2015, announced ...": "The mayor was first elected")
            title = headline_from(sentence, here) if _in_subject_aside(sentence, *here) else \
                _clause_headline(text, sentence_start, sentence_end, other.timex, found[main_index].title, breaks)
            if title is None:
                continue
            found.append(mention(number, sentence, title, other, other.confidence - 0.1,
                                 f"{sentence}\n{other.timex.text}"))
    return found


_REPORT_VERB = r"(?:said|says|told|announced|reported|confirmed|added)"


def _without_report_date(title: str, expression: str) -> str:
    """title without the day its news was reported on, when the event is dated otherwise: "U.S.
    officials on Saturday said a man died ... last week" is "U.S. officials said a man died ..."."""
    date = r"(?:on\s+|late\s+|early\s+)?" + re.escape(expression)
    shorter = re.sub(r"\s+" + date + r"(?=\s+" + _REPORT_VERB + r"\b)", "", title, count=1)
    if shorter == title:
        shorter = re.sub(r"(\b" + _REPORT_VERB + r")\s+" + date + r"\b,?", r"\1", title, count=1)
    return shorter


# A sentence's named subject: a person's name of two or three words, or one after a title ("Tony
# Hayward said", "President Obama has", "Mr Bartlit complained"), then its verb
_NAMED_SUBJECT = re.compile(r"[\"\u201c]?((?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|President|Secretary|Governor|Senator|Admiral|"
                            r"General|Professor|Chancellor|Minister)\.?\s+[A-Z][a-z]+(?:[-'][A-Za-z]+)?"
                            r"|[A-Z][a-z]+(?:[-'][A-Za-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:[-'][A-Za-z]+)?){1,2}))"
                            r"\s+(?:said|says|told|has|had|was|is|will|would|added|announced|became|[a-z]+ed|"
                            + _IRREGULAR_PAST + r")\b")
_NOT_A_NAME = frozenset("Later Earlier Meanwhile Also However Yesterday Today Now Then Still Separately Last Next Some "
                        "Many Most Both All Such Other Another Several "
                        "The A An In On At It Its This That These Those He She They We I My But And After Before When As His "
                        "Her Their Our Officials Police Doctors Scientists Experts Analysts Investors Residents Troops "
                        "Health Oil Shares Prices Stocks".split())


def _named_subject(sentence: str, she: bool) -> str | None:
    """The person the sentence is about, when it opens with one's name as its subject (and
    the name is not one of the other sex's: she, whether the pronoun is "She")."""
    found = _NAMED_SUBJECT.match(sentence)
    if found is None:
        return None
    words = found.group(1).split()
    if words[0] in _NOT_A_NAME or words[-1] in _CALENDAR_NAMES or words[-1] in _NOT_A_PERSON \
            or words[0].rstrip(".") in (_MALE if she else _FEMALE):
        return None
    return found.group(1)


# (a name's word that says it is no person's: "Downing Street said ...")
_NOT_A_PERSON = frozenset("Street House Office Department Ministry Agency Company Council Party Court Bank Group "
                          "Corporation Association Union Service Commission Committee Administration Government "
                          "Parliament Congress Senate Authority Board Institute University Fund Organisation "
                          "Organization News Times Post Journal Guard Force Army Navy Police Centre Center Hospital "
                          "School Club Airport Island Islands".split())
# First names and titles that say who "He" or "She" cannot be ("Carol Browner said ... He resigned")
_FEMALE = frozenset("Mrs Ms Miss Lady Dame Queen Princess Mary Elizabeth Helen Margaret Anne Ann Jane Sarah Susan Karen "
                    "Nancy Lisa Catherine Katherine Kathleen Kate Janet Hillary Hilary Carol Marlene Angela Theresa "
                    "Michelle Laura Patricia Barbara Linda Jennifer Maria Emma Emily Julia Julie Christine Victoria "
                    "Alice Ruth Rachel Rebecca Jessica Amy Joan Diane Diana Sandra Sheila Janice Rosa Ana Adela "
                    "Veronica Condoleezza Madeleine Nicola Harriet Yvette Caroline Lucy Sophie Clare Claire Fiona "
                    "Gillian Jacqueline Josette Lauren Jackie Christina Andrea Olga Irina Natalia Janis Lynn Judith "
                    "Deborah Heather Louise Martha Dorothy Jean Joanna Carolyn".split())
_MALE = frozenset("Mr Sir Lord King Prince Michael John James David Robert William Richard Thomas Charles Joseph "
                  "George Mark Paul Peter Tony Barack Bob Ken Kenneth Gordon Nick Steve Stephen Andrew Alan Ian "
                  "Brian Kevin Gary Edward Henry Frank Fidel Raul Bill Tom Jim Mike Thad Carl Lamar Doug Ed Matthew "
                  "Daniel Patrick Anthony Donald Shimon Vladimir Dmitry Nicolas Hugo Silvio Felipe Jacob Juan "
                  "Rahm Eric Joe Tim Jeff Jeffrey Greg Scott Roger Simon Martin Philip Keith Neil Graham".split())


_CALENDAR_NAMES = frozenset(MONTHS) | frozenset(day.title() for day in WEEKDAYS)


# What a web page says of itself: when it was updated or printed
_PAGE_STAMP = re.compile(r"\s*(?:(?:last\s+)?updated|(?:first\s+)?published|posted|printed)\b\s*(?::|at|on|\d)"
                         r"|\s*(?:a\s+version\s+(?:of\s+this\s+\w+\s+)?|this\s+(?:article|story)\s+(?:was\s+)?"
                         r"(?:first\s+)?)(?:appeared|published|printed|amended|corrected|updated)\b"
                         r"|\s*(?:picture|photo|photograph|image)\s+taken\b"  # (a caption's last line)
                         r"|\s*this\s+is\s+a\s+(?:rush\s+)?transcript\b", re.IGNORECASE)  # ("... from \u201cHannity,\u201d June 16, 2010")
# A picture's caption: "April 27: Weathered oil ... is seen in the Gulf of Mexico" (what the
# picture shows, on the day it was taken)
_CAPTION_DATE = re.compile(r"\s*" + _MONTH + r"\.?\s+\d{1,2}(?:,\s+\d{4})?:\s")
# ... or the wires' way: the place, then the day the picture was taken, ends it ("A worker ties a
# boom ... on a beach in Gulf Shores, Alabama, June 24, 2010."; not "... on Friday, March 24, 1989.")
# (or the agency's, with the weekday: "... in Panama City, Fla., Saturday, Aug. 14, 2010.")
_CAPTION_END = re.compile(r"(?<!day),\s+(?:" + _WEEKDAY + r",\s+)?" + _MONTH
                          + r"\.?\s+\d{1,2},\s+\d{4}\.?[\"'\u201d\u2019)]*\s*$")
_CAPTION_VERB = re.compile(r"\b(?:is|are|can\s+be|could\s+be|was|were)\s+(?:seen|pictured|shown)\b|\bposes?\b")
# ... and its owner's rights ("Content and Programming Copyright 2010 Fox News Network, Inc.")
_COPYRIGHT = re.compile(r"(?:\bCopyright|\u00a9)\s*(?:\u00a9\s*|\(c\)\s*)?(?:\d{4}|[A-Z])|\bAll rights reserved\b")


def _rights_notice(sentence: str) -> bool:
    """Whether the sentence is (or holds) a copyright notice: _COPYRIGHT, tried only where
    its words are."""
    return ("Copyright" in sentence or "\u00a9" in sentence or "All rights reserved" in sentence) \
        and _COPYRIGHT.search(sentence) is not None


# A wire service's stamp before its dateline: "WASHINGTON | Wed Jun 16, 2010 2:59 pm EDT "
_WIRE_STAMP = re.compile(r"^(?:[^|]{0,120}?\bBy\s+[A-Z][^|]{2,80}?\s+(?=[A-Z][A-Z .'-]{1,40}\s*\|))?"  # (a page's
                         # title and byline first: "Swine flu followed route map By Maggie Fox, Health Editor ")
                         r"[A-Z][A-Z .'-]{1,40}\s*\|\s*[^|]{5,60}?\b(?:(?:[ap]m\s+)?(?:[AECMP][SD]T|GMT|BST|CET|UTC|IST)|[ap]m)\s+")
# "At 2:36 pm on 02 Jun 2009, aeroarchie wrote: ...": when a reader's comment was posted
# (wherever it is: after an emoticon, or after the lines of the comment it answers; the date
# may hold a comma: "At 6:53 P.M. on Jan 13, 2010, Jessica Clark wrote:")
_COMMENT_HEADERS = re.compile(r"(?<![\w'])At\s+\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?m\.?)?\s+(?:on\s+)?[^,:]{3,30}?"
                              r"(?:,\s*\d{4})?\s*,\s*[^\s,:]+(?:\s+[^\s,:]+){0,2}\s+wrote\s*:\s*")
_COMMENT_HEADER = re.compile(r"\s*" + _COMMENT_HEADERS.pattern)
# (what every stamp below and every comment header above holds: a clock time, or "Report abuse")
_STAMP_HINT = re.compile(r"\d[:.]\d\d|Report abuse|Last updated")
# A web page's time stamp at a sentence's head, or a reader's comment's at its foot: "Friday,
# April 30, 2010; 2:30 PM", "-- June 02, 2010 2:37 PM", "By Ezra Klein | May 14, 2010; 7:15 AM
# ET", "Posted by: linda35 | May 27, 2010 5:34 PM | Report abuse": when it was posted, no event
_CLOCK_STAMP = (r"(?:--\s*)?(?:By\s[^|!?]{2,40}\|\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?"
                r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2},\s+\d{4}[;,]?\s+"
                r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?(?:\s+(?:ET|[ECMP][SD]?T|GMT|BST))?|\s+(?:UTC|GMT|BST))"
                # (a blog's 24-hour clock: "Jun 9, 2010 20:27 UTC")
                # (or day first, with a 24-hour clock: "Friday 4 May 2012 15.39 BST")
                r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                r"Oct|Nov|Dec)[a-z]{0,6}\s+\d{4}\s+\d{1,2}[.:]\d{2}(?:\s*(?:BST|GMT|UTC|CET|[AaPp]\.?[Mm]\.?))?")
_MID_DATELINE = (r"(?<=\s)(?:" + _WEEKDAY + r",?\s+)?\d{1,2}\s+" + _MONTH + r",?\s+\d{4}\s+\d{1,2}[.:]\d{2}\s*"
                 r"(?:BST|GMT|UTC|CET|CEST)\s*")
# (the BBC's later pages: "US sues BP over Gulf of Mexico oil disaster 16 December 2010 Last updated
# at 06:54 GMT Help The United States is to sue ...")
_UPDATED_AT = (r"(?:^|(?<=\s))\d{1,2}\s+" + _MONTH + r"\s+\d{4}\s+Last\s+updated(?:\s+at\s+\d{1,2}:\d{2}"
               r"(?:\s+(?:GMT|BST|UTC))?)?\s*(?:Help\s+)?")
_UPDATED_INSIDE = re.compile(_UPDATED_AT)
_DATELINE_INSIDE = re.compile(_MID_DATELINE + "|" + _UPDATED_AT)
_CREDIT_INSIDE = re.compile(r"(?<=\s)(?:Photograph|Photo|Picture)s?:\s+(?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'.-]*"
                            r"(?:\s*\\?/\s*[\w'.-]+(?:\s+(?:Images|Features|Pictures))?)?\s+(?=[A-Z])")
# A download link's prompt, run into the next sentence
_READER_PROMPT = re.compile(r"(?:Most computers will open (?:this|the) document automatically, but )?you (?:may|will) need "
                            r"(?:the free )?(?:Adobe|Acrobat) (?:Acrobat )?Reader(?: to (?:open|view) it)?\.?\s+(?=[A-Z])")
DATELINE_WITHIN = 600  # (characters into a page's first block: its title and standfirst)
_DAY_FIRST = r"(?:" + _WEEKDAY + r",\s+)?\d{1,2}\s+" + _MONTH + r",?\s+\d{4}"
_CLOCK_FIRST = r"\d{1,2}:\d{2}\s+(?:GMT|BST|UTC|UK\s+time),\s+" + _DAY_FIRST
# A reader's post: BBC's header "Added: Tuesday, 19 January, 2010, 16:18 GMT 16:18 UK", WaPo's
# footer "Posted by: linda35 | May 27, 2010 5:34 PM | Report abuse"
_ADDED = r"Added:\s+" + _DAY_FIRST + r",\s+\d{1,2}:\d{2}\s+(?:GMT|BST|UTC)(?:\s+\d{1,2}:\d{2}\s+UK)?"
_POSTED_BY = r"Posted\s+by:\s*[^|]{1,40}\|[^|]{5,40}\|\s*Report\s+abuse"
_TIME_STAMPS = re.compile(r"(?:(?:^|(?<=[.!?]\s)|(?<=\s)(?=\w+day,[^;]{8,20};|By\s[^|!?]{2,40}\|))"
                          # (after a picture's credit: "REUTERS/Jason Lee Apr 29, 2009 09:23 UTC")
                          r"(?:(?-i:REUTERS|AP|AFP|EPA)\\?/(?:[A-Z][\w'.-]*\s+){1,3}(?=(?:" + _CLOCK_STAMP + r")))?"
                          r"(?:(?:" + _CLOCK_STAMP + r")\s*)+"
                          # (and a byline after it: "By Niu Shuping and Ken Wills ")
                          r"(?:By\s+(?:[A-Z][\w'.-]*\s+){1,3}(?:and\s+(?:[A-Z][\w'.-]*\s+){1,3})?(?=[A-Z]))?"
                          r"|" + _POSTED_BY + r"\s*"
                          # (a dateline with its clock and zone, wherever the page put it: "... over the
                          # handling of the oil slick Wednesday 2 June 2010 17.37 BST Crosses erected ...")
                          r"|" + _MID_DATELINE + r"|" + _UPDATED_AT +
                          # (a clock before the day: "Page last updated at 23:19 GMT, Tuesday, 19 January
                          # 2010", a reader's "Added: Tuesday, 19 January, 2010, 16:18 GMT 16:18 UK", a
                          # blog's byline "Rajan Datar | 10:57 UK time, Friday, 22 January 2010")
                          r"|(?:^|(?<=[.!?]\s))(?:(?:Page\s+)?last\s+updated\s+at\s+" + _CLOCK_FIRST + r"(?:\s+"
                          r"\d{1,2}:\d{2}\s+UK)?|" + _ADDED + r"|(?:[A-Z][\w'.-]*\s+){1,3}\|\s+" + _CLOCK_FIRST + r")\s*)")


POST_DOUBT = 0.4  # (as an unattributed first-person quotation's)
POST_DAYS_MOST = 366  # (a stamp further from the story's day is no comment's on it)
# A reader's comment, headed by its stamp ("At ... wrote:", BBC's "Added: ..."), or followed by it
_POST_HEADER = re.compile(_COMMENT_HEADERS.pattern + r"|(?:^|(?<=[.!?]\s))" + _ADDED)
_POST_FOOTER = re.compile(_POSTED_BY)


# A wire's signature after its dateline, and what comes before it in the first sentence
_WIRE_SIGNATURE = re.compile(r"^[^\n]{0,300}?\((?:Reuters|AP|AFP|UPI|Bloomberg)\)\s*(?:--|[-\u2013\u2014])\s+"
                             r"(?=[A-Z\"\u201c])")


def _wire_stamp(text: str) -> "re.Match | None":
    """_WIRE_STAMP at the head of text, tried only where its "|" is."""
    return _WIRE_STAMP.match(text) if "|" in text else None


def _wire_signature(text: str) -> "re.Match | None":
    """_WIRE_SIGNATURE at the head of text, tried only where its "(" is."""
    return _WIRE_SIGNATURE.match(text) if "(" in text else None


def _is_dateline(text: str, timex, published) -> bool:
    """"LONDON | Fri Apr 30, 2010 3:26 pm EDT LONDON (Reuters) - ...": the article's own
    time stamp at its head, not an event."""
    if timex.interval != (published, published):
        return False
    stamp = _wire_stamp(text) if timex.start <= 250 else None
    if stamp and stamp.end() >= timex.end:
        return True  # ("Swine flu followed route map By Maggie Fox, ... WASHINGTON | Tue Jun 30, 2009 4:18 am IST")
    signed = _wire_signature(text) if timex.start <= 300 else None
    if signed and timex.end <= signed.end() and not text[timex.end:signed.end()].strip(" ,")[:1].islower():
        return True  # ("... ISTANBUL, May 16 (Reuters) - Turkey identified ...": the dateline's date)
    return timex.start <= 80 and not _LOWERCASE_WORD.search(text, 0, timex.start)


# A clause that tells what has held since, or what happened although: "Since the outbreak was
# declared on 23 April, Mexico City has spent ...", "..., although blankets did arrive yesterday"
# (not a leading "Although it was raining on Saturday, thousands turned out": the day is the
# main event's too; nor "..., although its shares fell on Monday", which has no subject to stand on)
# (or what happened before or after the main clause's event: "After the virus was identified on
# April 23, Mexico banned public events": April 23 dates the identification, not the ban)
_LEADING_CLAUSE = re.compile(r"\s*(?:Since\s+|(?:After|Before|Until)\s+(?=(?:the|a|an|its|their|his|her|\d+(?:[,.]\d+)*"
                             r"|[A-Z][a-z]+)\s))(?P<clause>[^,;:]{3,160}?),\s+(?=\S)")
_TRAILING_CLAUSE = re.compile(r",\s+(?:although|though|even though|whereas)\s+(?P<clause>(?!(?:it|its|he|his|she|her|"
                              r"they|their|we|our|i|my|you|your|this|that)\b)[^;:]{3,200}?)[\s.!?\"'\u201d]*$")


# ... or a clause of its own after "and" or "but", with a subject of its own ("..., and 9,000
# troops would be in the region by Monday")
_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?P<clause>(?:(?:on|in|at|by|late|early)\s+[^,;:]{2,30}?"
                         r"(?:,\s+|\s+(?=(?:the|a|an|its|their|his|her|[A-Z][a-z]+)\s)))?"
                         r"(?:the|a|an|its|their|his|her|\d[\d,.]*|[A-Z][a-z]+)\s"
                         r"[^;:,]{3,200}?)[\s.!?\"'\u201d]*$")  # (its own date may open it: "and on Tuesday, ...",
#                                                              "and on Monday the government launched ...")


# ... or after "since", "until" or "once", with a subject of its own: "300 of them have been
# accounted for since the quake struck on 12 January" (what the main clause says holds from
# then on; what happened then is the clause's)
_SINCE_CLAUSE = re.compile(r"\s(?:since|until|once)\s+(?P<clause>(?:the|a|an|its|their|his|her|\d+(?:[,.]\d+)*|[A-Z][a-z]+)\s"
                           r"[^;:,]{3,160}?)(?=[,;:]|[\s.!?\"'\u201d]*$)")


# (a clause's verbs, and the modals that make one: "9,000 troops would be in the region")
_CLAUSE_OR_MODAL_VERBS = _CLAUSE_VERBS | {"will", "would", "can", "could", "may", "might"}


_LEADING_YEAR = re.compile(r"\d{4}:?\s+(?=[A-Z])")


def _own_clause(sentence: str, local: tuple[int, int]) -> tuple[int, int] | None:
    """Where the clause holding the date is, in the sentence, when it is such a clause (with
    a verb): it is the event the date dates, not the main clause."""
    for found in (_LEADING_CLAUSE.match(sentence), _TRAILING_CLAUSE.search(sentence), _AND_CLAUSE.search(sentence),
                  _SINCE_CLAUSE.search(sentence)):
        if found and found.start("clause") <= local[0] and local[1] <= found.end("clause") \
                and _any_verb(_PLAIN_WORD.findall(found.group("clause")), _CLAUSE_OR_MODAL_VERBS) \
                and (found.re is not _SINCE_CLAUSE
                     or _any_verb(_PLAIN_WORD.findall(sentence, 0, found.start()), _CLAUSE_OR_MODAL_VERBS)):
            # (a main clause with a verb of its own before "since": not "The first election since
            # the Orange Revolution is to take place this weekend")
            return found.start("clause"), found.end("clause")
    return None


def _candidates(text: str, sentence_start: int, sentence_end: int, timexes: list,
                published: dt.date | None = None) -> list[_Dated]:
    """The expressions that may date an event of the sentence, best first."""
    ranked = []
    sentence = text[sentence_start:sentence_end]
    # (each date's range with the date before it: "from June 3 to June 7" is one, at its end)
    ranges = [None] + [_range_from(text, sentence_start, first, then) for first, then in zip(timexes, timexes[1:])]
    for number, timex in enumerate(timexes):
        window = max(sentence_start, timex.start - 24)
        if _COMPARISON.search(text, window, timex.start) \
                and not (_RANGE_FROM.search(text, window, timex.start) and _RANGE_TEXT.search(timex.text)) \
                or timex.text[-4:].isdigit() and _COMPARISON_AFTER.match(text, timex.end) \
                or _RELATIVE_TO.search(text, window, timex.start) and _NOUN_AFTER.match(text, timex.end) \
                or _NAMED_BY.search(text, window, timex.start) and _NOUN_AFTER.match(text, timex.end) \
                or _LAW_OF.search(text, window, timex.start) \
                or _past_deadline(text, max(sentence_start, timex.start - 90), timex.start, timex, published) \
                or len(timexes) == 1 and timex.text.lower().endswith("ago") \
                and _thing_ago(text, max(sentence_start, timex.start - 60), timex.start) \
                or _DATE_OF.search(text, window, timex.start) \
                or _COMPARED_WITH.search(text, max(sentence_start, timex.start - 120), timex.start) \
                or timex.precision in ("year", "half", "quarter") and _CHANGE_FROM.search(text, window, timex.start) \
                or _compared_figure(text, max(sentence_start, timex.start - 60), timex.start) \
                or _POSSESSIVE.match(text, timex.end) and _POSSESSIVE_OF.search(text, window, timex.start) \
                and not _PART_OF.search(text, max(sentence_start, timex.start - 40), timex.start) \
                and not _TIME_NOUN_AFTER.match(text, timex.end) \
                or _PERIOD_ENDED.search(text, window, timex.start) \
                or _since_a_thing(text, max(sentence_start, timex.start - 60), timex.start):
            continue
        if _hypothetical(text, sentence_start, timex.start):
            continue  # "uncertainty over whether tariffs would hit phones on Sunday": no event
        if _WEEKDAY_ONLY.fullmatch(timex.text) and _WEEKLY.search(text, sentence_start, sentence_end) \
                or _BARE_SEASON.fullmatch(timex.text) and _HABIT.search(text, sentence_start, sentence_end) \
                or _SCENE.match(text, sentence_start, timex.start) and len(text[sentence_start:sentence_end].split()) <= 8:
            # A schedule ("It airs every Saturday, and at 02:40 on Sunday"), a habit ("In autumn,
            # I would cast our net"), a scene set ("It was Saturday afternoon, about 5 o'clock."):
            # no event of that day
            continue
        reporting = bool(_REPORTING.search(text, window, timex.start)
                         or _REPORTING_AFTER.match(text[timex.end:sentence_end]))
        if number + 1 < len(ranges) and ranges[number + 1] is not None:
            continue  # ("between 2001 and 2005": the range is dated at its end, whole)
        span = ranges[number] or _span_of(timex)
        near = max(sentence_start, timex.start - 80)
        offset = _OFFSET_FROM.search(text, near, timex.start) if _OFFSET_WAY.search(text, near, timex.start) else None
        if offset and not offset.group("count") and not offset.group("unit").endswith(("s", "S")):
            offset = None  # ("... last month after reports surfaced on June 3": no count of months)
        own = None
        if offset and not offset.group("unit").lower().startswith(("hour", "minute")):
            if _any_verb(_PLAIN_WORD.findall(text, offset.end("way"), timex.start), _CLAUSE_VERBS):
                own = (span, offset.end("way"))  # ("ten days after it was shut on Feb. 3": the shutting's
                #                                   own date, as an event of its own)
            span = _offset_span(span, offset)
            if span is None:
                continue  # "days after Jackson's death on 25 June": no day the text gives
        confidence = _confidence(timex, span, reporting)
        if span.start > published and _SPECULATIVE.search(text, max(sentence_start, timex.start - 60), timex.start):
            confidence = round(max(confidence - 0.3, 0.1), 2)  # "may cut jobs next year" (not "could see it Tuesday")
        if (_FIRST_PERSON_QUOTE.match(text, sentence_start, timex.start) or _FIRST_PERSON.match(text, sentence_start, timex.start)) \
                and not _ATTRIBUTION.search(text, sentence_start + 1, sentence_end):
            # A quotation in the first person with no one named: talk, not a report ("“If we approve
            # the timeline, we would start tomorrow ...”"); kept only over an explicit date
            confidence = round(max(confidence - 0.4, 0.1), 2)
        subordinate = _in_subordinate_clause(text, sentence_start, timex.start) or _in_subject_aside(
            sentence, timex.start - sentence_start, timex.end - sentence_start)
        dated = _Dated(timex, span, confidence, reporting, subordinate,
                       offset.start() if offset else None, own)
        # (a date moved by a count, "11 weeks after ... July 15", after one the text gives as it is)
        ranked.append(((reporting, PRECISIONS.index(span.precision), offset is not None, timex.start), dated))
    ranked.sort(key=lambda item: item[0])
    found = [dated for _, dated in ranked]
    coarse = PRECISIONS.index("month")
    if found and not found[0].reporting and PRECISIONS.index(found[0].span.precision) >= coarse \
            and published is not None and found[0].span.end < published:
        # Only a past period besides the day of a report ("reported on Oct. 23 that third-quarter
        # profit fell"): the news is the report's, on its day (but a plan for a period ahead,
        # "said Friday it would cut a shift starting next month", is the period's, and so is
        # "The outbreak, which began in October, ..., officials said on Monday": a report
        # added at the end, who said it)
        said = _SAID_CLAUSE.search(text, sentence_start, sentence_end)
        day = next((dated for dated in found if dated.reporting and dated.span.precision == "day"
                    and not (said and said.start() <= dated.timex.start)), None)  # (no ", officials said")
        if day is not None:
            found.remove(day)
            found.insert(0, day)
    if found and found[0].subordinate:
        # A date of the main clause first, before one of a clause about what led to it:
        # "Shares fell 11% this week after the company recalled heaters on Tuesday" is this
        # week's fall (the others stay in their order)
        main = next((dated for dated in found if not dated.subordinate and dated.reporting == found[0].reporting), None)
        if main is not None:
            found.remove(main)
            found.insert(0, main)
    return found


# "heard arguments Wednesday and granted the delay later that week": a time after (before) the
# main one, though its week holds it
_AFTER_OR_BEFORE_THAT = re.compile(r"(?:later|earlier)\s+(?:that|the same|in the)\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"(?:^|[\s,;(])(after|because)\s+(?=\S)", re.IGNORECASE)
# (what ends such a clause: "and" does not, "after A on Saturday and B on Sunday" is one)
_ANY_BREAK = re.compile(r",(?!\d{3})|[;:\u2014(]|\b(?:but|when|while|before|until)\b", re.IGNORECASE)


def _in_subject_aside(sentence: str, start: int, end: int) -> bool:
    """Whether [start, end) is in an aside about the sentence's subject (", who ...,", ", which
    ...,", ", where ...,"): background to the main clause, as a subordinate clause is."""
    return bool(_aside_holding(_RELATIVE_ASIDE, sentence, (start, end), 8)
                or _aside_holding(_WHERE_ASIDE, sentence, (start, end), 8))


def _in_subordinate_clause(text: str, sentence_start: int, position: int) -> bool:
    """Whether position is in a clause that says what led to the sentence's event ("after the
    company recalled heaters on Tuesday"): the last clause opened before it is one of
    _SUBORDINATE's, or a short "after" phrase ("after the Nov. 7 election" is _RELATIVE_TO's)."""
    opened = None
    for opened in _SUBORDINATE.finditer(text, sentence_start, position):
        pass
    if opened is None or _ANY_BREAK.search(text, opened.end(), position):
        return False
    words = _PLAIN_WORD.findall(text, opened.end(), position)
    # (or a thing, when it leads to the main clause's event: "reelected in November after a
    # debate on Oct. 3")
    return _any_verb(words, _CLAUSE_VERBS) or opened.group(1).lower() == "after" and len(words) <= 6 \
        and "," not in text[sentence_start:opened.start()]  # (not past an aside: "The party, which won ... in 2015,")


_PLAIN_WORD = re.compile(r"(?<![\w-])[a-z']+(?![\w-])")  # (not "long-delayed": an adjective)



# "from 16 to 20 August": the "from" of a range's start, and no point of comparison (the
# range is one expression: the date's text holds its end)
_RANGE_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_RANGE_TEXT = re.compile(r"\d\s?[-\u2013]\s?(?:\w+\s)?\d|\d\s+(?:to|until|through)\s", re.IGNORECASE)
_SINCE_THING = re.compile(r"\b(?:since|until)\s+((?:[\w'\u2019-]+\s+){1,6}?)(?:on|in|of|at)?\s*$", re.IGNORECASE)


# "They demanded a response by June 18", "airline bosses committed to a cap on emissions by 2020",
# told before the day: a deadline set for something, not when the past act the sentence reports
# took place (an infinitive's action is what is due: "ordered to produce documents by June 3")
_BY_DEADLINE = re.compile(r"(?<![\w'\u2019.-])(?P<clause>(?:[\w'\u2019.-]+(?:,\d{3})*\s+){1,14})by\s+$")  # (to a comma)
# (words after which an -ed word is an adjective, not a verb: "barrels of escaped oil")
_BEFORE_ADJECTIVE = frozenset({"a", "an", "the", "of", "its", "their", "his", "her", "our", "this", "that", "these",
                               "those", "in", "on", "for", "with", "from", "and", "or", "newly", "recently"})
_NOT_PAST_BEFORE = frozenset({"will", "would", "could", "should", "may", "might", "must", "shall", "is", "are", "be",
                              "hopes", "plans", "expects", "intends", "wants", "aims",
                              "was", "were", "been", "being", "has", "have", "had", "expected", "scheduled", "due",
                              "set", "slated", "planned", "needed", "wanted", "hoped", "aimed", "promised", "vowed",
                              "pledged", "if", "unless", "when"})


def _deadline_clause(text: str, start: int, end: int) -> "re.Match | None":
    """_BY_DEADLINE.search(text, start, end), from near end (15 runs at most: see _tail_from),
    and only when "by" ends the text before end."""
    if not text[start:end].rstrip().endswith("by"):
        return None
    return _BY_DEADLINE.search(text, max(start, _tail_from(text, end, 15)), end)


# How many runs of non-space characters a match of each end-anchored pattern holds at most
# (see _tail_from): the longest are "on the early small hours of", "that was opened",
# "(issued today", "Fla., Saturday, Aug. 14, 2010.". tests/test_properties.py checks them.
_END_RUNS = {_SPENT_BEFORE: 1, _PREPOSITION_BEFORE: 6, _PREPOSITION_THE: 2, _OPEN_BRACKET_END: 2,
             _OPEN_BRACKET_WORDS: 3, _COPULA_END: 1, _RELATIVE_VERB_END: 3, _CAME_END: 1, _CAPTION_END: 5}


def _past_deadline(text: str, start: int, end: int, timex, published: dt.date | None) -> bool:
    """Whether the date at end, after "by", is a deadline after the publication day that a
    clause in the simple past set ("demanded a response by June 18"): not the act's date. A
    plan, a modal, a passive or a perfect keeps it ("will be sealed by Friday", "was expected
    to finish by Friday", "had promised to pay by May")."""
    if published is None or timex.interval is None or timex.interval[0] <= published:
        return False
    found = _deadline_clause(text, start, end)
    if found is None:
        return False
    cased = _PLAIN_WORD.findall(found.group("clause"))
    words = [word.lower() for word in cased]
    verbs = [word for before, word in zip([""] + words, words)
             if before not in _BEFORE_ADJECTIVE and _any_verb((word,), _IRREGULAR_PAST_WORDS)]
    # (an infinitive's action is what is due by then: "ordered to produce documents by June 3"
    # is a plan; "committed to a cap by 2020" and "a letter to Mariner" are no infinitives)
    infinitive = any(word == "to" and following[:1].islower() and following not in _BEFORE_ADJECTIVE
                     for word, following in zip(words, cased[1:]))
    return bool(verbs) and not infinitive and not any(word in _NOT_PAST_BEFORE for word in words)


def _thing_ago(text: str, start: int, end: int) -> bool:
    """Whether the "ago" that text[start:end] runs up to dates a thing a preposition names
    ("following the devastating earthquake four days ago"), not a clause ("since the spill
    began two months ago": the spill's beginning, an event)."""
    found = _THING_AGO.search(text, start, end)
    return bool(found) and not _any_verb(_PLAIN_WORD.findall(found.group()), _CLAUSE_VERBS)


def _since_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the date ending text[start:end] is that of the thing a span runs since or
    until ("£60bn has been wiped off its value since the rig explosion on 20 April"): not
    the event's. (With a verb it is a clause, "since the rig exploded on April 20", whose
    own event it dates.)"""
    found = _SINCE_THING.search(text, start, end)
    return bool(found) and not _any_verb(_PLAIN_WORD.findall(found.group(1)), _CLAUSE_VERBS)


def _compared_figure(text: str, start: int, end: int) -> bool:
    """Whether the date ending text[start:end] is that of a figure, a habit or a plan the
    sentence compares with or that was given up (_FIGURE_FROM, _AS_DID, _FORMER_PLAN,
    _PAST_PLAN)."""
    return bool(_FIGURE_FROM.search(text, start, end) or _AS_DID.search(text, start, end)
                or _FORMER_PLAN.search(text, start, end) or _PAST_PLAN.search(text, start, end))


def _separate_clauses(text: str, first, second) -> bool:
    low, high = sorted((first, second), key=lambda t: t.start)
    found = _CLAUSE_BREAK.search(text, low.end)  # (no end bound: the lookaheads see what follows)
    return found is not None and found.start() < high.start


_BREAK_WORDS = {"after", "before", "following", "when", "while", "and", "but", "then", "until"}
# A verb right after a sentence-opening date makes the date its subject ("Tuesday brought",
# "Last week saw", "This year marks").
_VERB_AFTER_SUBJECT = re.compile(r"\s+(?:[a-z]+ed|brought|saw|marks|marked|sees|brings|began|begins|was|is|"
                                 r"will\s+(?:be|see|bring|mark)|has\s+been|had\s+been)\b")
# "... a trade dispute that had already flared": a noun phrase and the relative clause about it,
# the date's own event, at the end of a side clause.
_RELATIVE_END = re.compile(r"\b(?P<np>(?:the|a|an|its|their|his|her)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)"
                           r"\s+(?:that|which|who)\s+(?P<vp>(?:had|has|have|was|were|is|are)\s+[^,;:]+)$",
                           re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:and|or|to|through|until|till|-|\u2013)\s*$")


def _range_from(text: str, sentence_start: int, first, timex) -> DateSpan | None:
    """The span of "from June 3 to June 7", "between 2006 and early 2008" as one, when first
    and timex (the next date of the sentence) make such a range (the temporal engine gives two
    expressions, as TimeML does): from the first day of its start to the last of its end, at
    the coarser of their precisions; else None."""
    opened = _RANGE_OPEN.search(text, max(sentence_start, first.start - 12), first.start)
    joined = _RANGE_JOIN.fullmatch(text, first.end, timex.start)
    if joined and not opened and joined.group(1).lower() == "and" and first.precision == timex.precision == "day" \
            and (timex.interval[0] - first.interval[1]).days == 1:
        # ("holds hearings Monday and Tuesday": two days running, one event over both)
        return DateSpan(first.interval[0], timex.interval[1], "day", first.value)
    if joined and not opened and joined.group(1).lower() == "or" and first.precision == timex.precision \
            and 0 < (timex.interval[0] - first.interval[1]).days <= 31:
        # ("by late August or early September": one or the other, so the two)
        return DateSpan(first.interval[0], timex.interval[1], first.precision, first.value)
    if not (opened and joined) or (opened.group(1).lower() == "between") != (joined.group(1).lower() == "and") \
            or not first.interval[0] < timex.interval[1] or (timex.interval[1] - first.interval[0]).days > RANGE_DAYS_MOST:
        return None
    precision = max(first.precision, timex.precision, key=PRECISIONS.index)
    return DateSpan(first.interval[0], timex.interval[1], precision, first.value)


RANGE_DAYS_MOST = 366 * 30
_RANGE_OPEN = re.compile(r"\b(from|between)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(to|until|till|through|and|or|-|\u2013)\s*", re.IGNORECASE)


def _with_coordinated(text: str, timex, inside: list, sentence_start: int) -> tuple[int, int]:
    """The span of timex in its sentence, widened over a date joined to it ("between 1879 and
    1888", "from 1990 to 1995"), so that its headline leaves out the whole range."""
    start, end = timex.start, timex.end
    for other in inside:
        if other.start >= end and _COORDINATION.match(text, end, other.start):
            end = other.end
        elif other.end <= start and _COORDINATION.match(text, other.end, start):
            start = other.start
    return start - sentence_start, end - sentence_start


def _clause_index(text: str, breaks: list[int], position: int) -> int:
    """The index in breaks (the sentence's _CLAUSE_BREAK starts, in order) of the break that
    opens the clause ending at position, -1 for the sentence's start. A bare linking word right
    before position opens no clause ("... unlikely before the end of next month": the clause is
    what precedes "before")."""
    index = bisect.bisect_left(breaks, position) - 1
    while index >= 0 and text[breaks[index]:position].strip(" ,;:\u2014").lower() in _BREAK_WORDS:
        index -= 1
    return index


# The verb of a side clause that comes after its date, up to the clause's end
_VERB_AFTER_DATE = re.compile(r"\s+((?:are|is|was|were|has|have|had|will|would)\s[^,;:.!?]*)")
_LINKING = re.compile(r"\b(?:so|yet|and|but|then|thus|hence|because|while|as)\b", re.IGNORECASE)


def _clause_headline(text: str, sentence_start: int, sentence_end: int, timex, main_title: str,
                     breaks: list[int]) -> str | None:
    """Headline for an event named in a side clause: "..., after an impasse two months ago".
    breaks: where the sentence's clauses break (see _clause_index)."""
    sentence = text[sentence_start:sentence_end]
    trailing = _trailing_which(sentence)
    if trailing and sentence_start + trailing[0] <= timex.start:
        # ("the spill, which began in April and was plugged in July": "The spill was plugged")
        return headline_from(sentence, (timex.start - sentence_start, timex.end - sentence_start), max_words=16)
    index = _clause_index(text, breaks, timex.start)
    clause_start = breaks[index] if index >= 0 else sentence_start
    raw = text[clause_start:timex.start].strip(" ,;:\u2014")
    # The event is what follows the last linking word: "... since their dinner in Buenos Aires".
    cues = list(_INNER_CUE.finditer(raw))
    cue = cues[-1] if cues else None
    clause = raw[cue.end():] if cue else raw
    if _COPULA_END.search(_DANGLING.sub("", clause).strip(" ,;:")):
        clause = f"{clause} {timex.text}"  # "... and the count was on Saturday": the date is what it says
    clause = _DANGLING.sub("", _OPEN_BRACKET_END.sub("", clause)).strip(" ,;:")  # (and "(in" of "(in April)")
    if clause[:5].lower() == "with " and len(clause.split()) >= 5:
        clause = clause[5:]  # (", with several hundred more due by Saturday": "Several hundred more due")
    tail = _VERB_AFTER_DATE.match(text, timex.end, sentence_end)
    if tail and clause and clause.split()[-1].endswith("ed") and len(tail.group(1).split()) <= 6:
        clause = f"{clause} {tail.group(1)}"  # "..., and tariffs planned for Dec. 15 are called off"
    if not _CONTENT_WORD.search(_LINKING.sub("", clause)):
        if _VERB_AFTER_SUBJECT.match(text, timex.end):
            # "..., so Thursday is the first session since the arrest": the date is the clause's subject
            after = [b for b in breaks if b > timex.end]
            return headline_from(text[timex.start:after[0] if after else sentence_end], None, max_words=16)
        return None  # "... and again on Friday": no event of its own to name
    relative = _RELATIVE_END.search(clause)
    if relative:
        # "escalating a trade dispute that had already flared late last week": the dispute flared
        return headline_from(f"{relative.group('np')} {relative.group('vp')}", None, max_words=16)
    if len(clause.split()) < 4 and cue is not None and cue.group(1).lower() in ("and", "but", "then") \
            and len(clause.split()) >= 2 and not _VERB_FIRST.match(clause) and _SUBJECT_END.search(" " + clause):
        return headline_from(clause, None, max_words=16)  # "..., but the talks collapsed on Monday"
    subject = _subject_of(main_title)
    inner = _SUBORDINATE_SUBJECT.search(main_title)
    if inner and cue is not None and not raw[:cue.start()].rstrip().endswith(",") \
            and not text[clause_start - 1:clause_start].strip(" ") == ",":
        # ("Eleven workers died when the rig exploded on April 20 and sank two days later": with
        # no comma, "and sank" goes on the nearest clause, whose subject is the rig)
        subject = _subject_of(inner.group(1))
    if subject and _VERB_FIRST.match(clause) and (len(clause.split()) < 4 and cue is None
                                                   or cue is not None and cue.group(1).lower() in ("and", "but", "then")):
        # "..., and ended": "Talks ended"; "... and should be in place by 20 July": "A new cap should
        # be in place"
        return headline_from(f"{subject} {clause}", None, max_words=16)
    if len(clause.split()) < 4 and (cue.group(1).lower() if cue else "") not in _RELATION:
        # "Straw was lobbied on 15 October and 9 November": the same kind of event on another
        # day ("9 November, around when Straw was lobbied" read badly)
        return main_title
    if len(clause.split()) < 4:
        if clause.split()[0].lower().endswith("ing"):
            return None  # ("... address staff on Monday before flying offshore on Tuesday": no subject to
            #               fly; "Flying offshore, after he is expected to ..." read as nonsense)
        # Too short to stand alone ("an impasse"): say how it relates to the main event.
        relation = _RELATION[cue.group(1).lower()]
        first_word = main_title.split(" ", 1)[0]
        main = main_title[:1].lower() + main_title[1:] if first_word in _COMMON_OPENERS else main_title
        clause = f"{clause}, {relation} {main}"
    elif clause[:5].lower() == "with ":
        clause = clause[5:]  # (", with officials meeting again on Friday": "Officials meeting again")
    return headline_from(clause, None, max_words=16)


# A clause that starts with a verb in the past or present tense ("ended", "rose 5%", "says").
_VERB_FIRST = re.compile(rf"(?:[a-z]+ly\s+)?(?:[a-z]+ed|{_IRREGULAR_PAST}|will|would|could|may|might|can|should|must|"
                         rf"was|were|is|are|has|have|had)\b")
# The main verb of a headline, where its subject ends ("Talks| resumed").
_SUBJECT_END = re.compile(rf"\s(?:[a-z]+ed|{_IRREGULAR_PAST}|is|was|were|are|has|have|had|will|would|could|may|might)\b")



_SUBORDINATE_SUBJECT = re.compile(r"\b(?:when|after|before|because|since|while|as|until|once)\s+"
                                  r"((?:the|a|an|its|their|his|her)\s+[^,;:]+)$", re.IGNORECASE)


def _subject_of(title: str) -> str | None:
    """The words before the main verb of a headline ("Talks" of "Talks resumed"), if they are
    few (at most six) and the verb is one we know."""
    found = _SUBJECT_END.search(title)
    if found is None or not 0 < len(title[:found.start()].split()) <= 6 \
            or re.search(r"[,;:(]|\b(?:which|who|that|whose)\b", title[:found.start()]):
        return None
    return title[:found.start()]


def _continues(sentence: str, previous: str) -> bool:
    """Whether a dateless sentence carries on the story of the dated one before it."""
    stripped = sentence.lstrip()
    if not stripped or stripped[0] in "\"'\u201c\u2018" or sentence.rstrip().endswith("?"):
        return False  # quotes and questions are commentary, not narrative
    if _HEDGED.search(sentence):
        return False  # plans, conditions and speculation have no date of their own
    if _CONTINUATION.match(stripped):
        return True
    names = set(_NAME.findall(" " + sentence)) & set(_NAME.findall(" " + previous))
    return len(names) >= 2
