"""A deterministic synthetic news corpus for benchmarks: N articles as a tlgen site.

    python benchmarks/corpus.py N OUT_DIR [--seed S] [--pelican DIR] [--hugo DIR]

writes OUT_DIR/tlgen.toml and OUT_DIR/content/*.md: N news-like articles of 200-600 words,
each with front matter (title, date, source, author, tags, summary). Articles belong to
recurring *stories* (a strike, a merger, a trial, a storm, trade talks ...): each story is a
sequence of dated events, and several outlets report each story at different times, so the
same event is told by many articles with different words and different date expressions,
absolute ("on March 3, 2021", "Dec. 1") and relative to the publication date ("last week",
"two months ago", "on Friday", "in early June", "next month", "this past weekend", "the second
quarter") -- the merge stage has real work to do. Dates span 2016-2023.

The same N and seed give byte-identical files (every article and story has its own
random.Random seeded with a string, so article i does not depend on N except through the
number of stories). --pelican DIR and --hugo DIR also write the same articles as a Pelican
site (pelicanconf.py + content/*.md with a `Title:`/`Date:` metadata header) and as a Hugo site
(hugo.toml + content/posts/*.md with YAML front matter + a minimal layout).

As a module:

    corpus = make_corpus(1000, Path("/tmp/site"), seed=1)   # writes the tlgen site
    corpus.write_pelican(Path("/tmp/pelican-site"))
    corpus.write_hugo(Path("/tmp/hugo-site"))
    extra = corpus.extra_article()   # article number N (not in the corpus), for "one added"
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- vocabulary

OUTLETS = ["Harbor Ledger", "Pacific Desk", "Northern Courier", "Metro Tribune", "Daily Meridian",
           "Coastal Herald", "Capital Wire", "Valley Gazette", "Riverside Chronicle", "Summit Times",
           "Global Dispatch", "Prairie Sentinel", "Lakeshore Record", "Eastern Bulletin"]

FIRST = ["Amara", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
         "Kwame", "Lucia", "Mateo", "Nadia", "Oren", "Priya", "Quentin", "Rosa", "Samir", "Tova",
         "Ugo", "Vera", "Wen", "Ximena", "Yusuf", "Zofia", "Adele", "Bruno", "Chiara", "Diego",
         "Esther", "Felix", "Greta", "Hassan", "Ingrid", "Jamal", "Keiko", "Leon", "Mira", "Nikolai",
         "Olga", "Pablo", "Rania", "Stefan", "Talia", "Victor", "Willa", "Yara"]
LAST = ["Abara", "Brandt", "Castellanos", "Dube", "Eriksen", "Fontaine", "Gallagher", "Haddad",
        "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
        "Quiroga", "Rahman", "Schultz", "Tanaka", "Uribe", "Varga", "Whitcombe", "Xu", "Yilmaz",
        "Zeller", "Achebe", "Bianchi", "Carvalho", "Dimitriou", "Esposito", "Ferreira", "Guerrero",
        "Halvorsen", "Iqbal", "Jovanovic", "Kaplan", "Lemaire", "Mbeki", "Novak", "Osei", "Park",
        "Rossi", "Sandoval", "Takahashi", "Vasquez", "Weber", "Zhou"]
CITIES = [("Rotterdam", "the Netherlands"), ("Osaka", "Japan"), ("Lagos", "Nigeria"),
          ("Valparaiso", "Chile"), ("Gdansk", "Poland"), ("Mombasa", "Kenya"), ("Halifax", "Canada"),
          ("Porto", "Portugal"), ("Busan", "South Korea"), ("Marseille", "France"),
          ("Cebu", "the Philippines"), ("Tacoma", "Washington"), ("Durban", "South Africa"),
          ("Antwerp", "Belgium"), ("Izmir", "Turkey"), ("Cartagena", "Colombia"),
          ("Brisbane", "Australia"), ("Tampere", "Finland"), ("Leipzig", "Germany"),
          ("Savannah", "Georgia"), ("Chennai", "India"), ("Surabaya", "Indonesia"),
          ("Monterrey", "Mexico"), ("Aarhus", "Denmark"), ("Cork", "Ireland"), ("Bergen", "Norway")]
ORG_PREFIX = ["Northwind", "Bluewater", "Granite", "Solent", "Meridian", "Kestrel", "Alder",
              "Corvid", "Helios", "Tamarack", "Vantage", "Oakridge", "Sable", "Lumen", "Cobalt",
              "Juniper", "Halcyon", "Ridgeline", "Pioneer", "Beacon"]
ORG_SUFFIX = ["Logistics", "Energy", "Holdings", "Pharmaceuticals", "Motors", "Telecom",
              "Shipping", "Foods", "Airlines", "Steel", "Mining", "Bank", "Systems", "Chemicals"]
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["first", "second", "third", "fourth"]
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "fall", 10: "fall", 11: "fall"}

# Each story kind: its tags, the thing it is about, and its event kinds in order. An event
# template gets {org}, {org2}, {p1}, {p2} (full names), {l1}, {l2} (last names), {city},
# {country}, {obj}, {n} (a number) and {when} (the date expression).
STORIES = {
    "strike": {
        "tags": ["labor", "strike"],
        "objects": ["the dockworkers' contract", "the pay agreement", "the pension deal",
                    "the night-shift rules"],
        "roles": ("union leader", "chief executive"),
        "events": [
            ["{p1}'s union voted to authorize a strike at {org} {when}",
             "workers at {org} backed a walkout in a union vote {when}",
             "the union led by {p1} approved strike action against {org} {when}"],
            ["talks between {org} and the union broke down in {city} {when}",
             "negotiations over {obj} collapsed in {city} {when}",
             "{l1} walked out of the talks with {org} in {city} {when}"],
            ["about {n},000 workers walked off the job at {org} {when}",
             "the strike at {org} began {when}, with {n},000 workers on picket lines",
             "{n},000 employees of {org} stopped work {when}"],
            ["a mediator appointed by the government of {country} joined the talks {when}",
             "{country}'s labor ministry sent a mediator to {city} {when}"],
            ["{org} and the union reached a tentative deal on {obj} {when}",
             "{p2} and {l1} announced a tentative agreement {when}",
             "a tentative settlement ending the strike at {org} was reached {when}"],
            ["union members ratified {obj} {when}",
             "the membership approved the new contract with {org} {when}"],
        ],
    },
    "merger": {
        "tags": ["business", "mergers"],
        "objects": ["the takeover", "the merger", "the all-stock deal", "the buyout"],
        "roles": ("chief executive", "chair"),
        "events": [
            ["{org} made an unsolicited offer for {org2} {when}",
             "{org} bid ${n} billion for {org2} {when}",
             "{p1}'s {org} approached {org2} with a takeover offer {when}"],
            ["the board of {org2} rejected the offer {when}",
             "{org2} turned down the ${n} billion bid {when}",
             "{p2} said {when} that {org2}'s board had rejected the approach"],
            ["{org} raised its offer for {org2} {when}",
             "a sweetened bid of ${n} billion was tabled by {org} {when}"],
            ["shareholders of {org2} approved {obj} {when}",
             "{org2} investors voted for {obj} at a meeting in {city} {when}"],
            ["competition regulators in {country} opened an inquiry into {obj} {when}",
             "the competition authority of {country} launched a review of {obj} {when}"],
            ["regulators cleared {obj} with conditions {when}",
             "{obj} won regulatory approval in {country} {when}",
             "{org} completed {obj} {when}"],
        ],
    },
    "trial": {
        "tags": ["courts", "justice"],
        "objects": ["the fraud case", "the bribery trial", "the corruption case",
                    "the embezzlement charges"],
        "roles": ("former minister", "prosecutor"),
        "events": [
            ["{p1} was arrested in {city} {when}",
             "police in {city} detained {p1} {when}",
             "{p1}, a {role1}, was taken into custody {when}"],
            ["prosecutors charged {l1} with fraud {when}",
             "{p2} filed charges against {l1} {when}",
             "{l1} was formally indicted in {city} {when}"],
            ["the trial of {p1} opened in {city} {when}",
             "{obj} went to trial in {city} {when}",
             "opening statements in {obj} were heard {when}"],
            ["{l1} testified in {l1}'s own defense {when}",
             "{p1} took the stand {when}"],
            ["a jury in {city} found {l1} guilty {when}",
             "{p1} was convicted on {n} counts {when}",
             "the court in {city} returned a guilty verdict against {l1} {when}"],
            ["{l1} was sentenced to {n} years in prison {when}",
             "a judge in {city} sentenced {p1} {when}"],
        ],
    },
    "storm": {
        "tags": ["weather", "disasters"],
        "objects": ["the recovery effort", "the reconstruction fund", "the relief program",
                    "the flood defenses"],
        "roles": ("governor", "emergency chief"),
        "events": [
            ["a powerful storm made landfall near {city} {when}",
             "the storm struck the coast of {country} near {city} {when}",
             "heavy rain and winds battered {city} {when}"],
            ["{p1} declared a state of emergency in {city} {when}",
             "authorities in {country} declared an emergency {when}",
             "{l1} ordered the evacuation of {n},000 residents {when}"],
            ["floodwaters peaked in {city} {when}",
             "the river through {city} crested {when}"],
            ["{p2} announced {obj} worth ${n} million {when}",
             "the government of {country} approved {obj} {when}",
             "{obj} was launched in {city} {when}"],
            ["schools and the port in {city} reopened {when}",
             "power was restored to most of {city} {when}"],
        ],
    },
    "trade": {
        "tags": ["trade", "tariffs", "diplomacy"],
        "objects": ["the trade agreement", "the tariff truce", "the market-access deal",
                    "the customs pact"],
        "roles": ("trade minister", "trade representative"),
        "events": [
            ["{country} imposed tariffs of {n}% on imported steel {when}",
             "tariffs on steel took effect in {country} {when}",
             "{p1} announced new duties on steel {when}"],
            ["{p1} met {p2} in {city} {when}",
             "{l1} and {l2} held talks in {city} {when}",
             "{p2} sat down with {p1} in {city} {when}"],
            ["negotiators agreed to pause new tariffs {when}",
             "a truce in the tariff dispute was agreed in {city} {when}",
             "{l1} and {l2} agreed on a 90-day truce {when}"],
            ["the talks stalled over farm subsidies {when}",
             "negotiations on {obj} stalled in {city} {when}"],
            ["{l1} and {l2} signed {obj} in {city} {when}",
             "{obj} was signed in {city} {when}",
             "{country} and its partners signed {obj} {when}"],
            ["{obj} took effect {when}",
             "the first tariff cuts under {obj} came into force {when}"],
        ],
    },
    "launch": {
        "tags": ["technology", "space"],
        "objects": ["the satellite network", "the lunar lander", "the weather satellite",
                    "the cargo capsule"],
        "roles": ("mission director", "chief engineer"),
        "events": [
            ["{org} unveiled {obj} at an event in {city} {when}",
             "{p1} presented {obj} in {city} {when}"],
            ["a test engine for {obj} exploded on the stand {when}",
             "an engine test for {obj} ended in a fire {when}"],
            ["{org} postponed the launch of {obj} {when}",
             "the launch of {obj} was delayed {when}",
             "{l1} said {when} that {obj} would launch later than planned"],
            ["{obj} lifted off from the coast of {country} {when}",
             "{org} launched {obj} {when}",
             "the rocket carrying {obj} lifted off {when}"],
            ["{obj} reached orbit and sent its first signals {when}",
             "{p2} confirmed {when} that {obj} was working"],
        ],
    },
    "outbreak": {
        "tags": ["health", "outbreaks"],
        "objects": ["the vaccination campaign", "the measles outbreak", "the cholera outbreak",
                    "the screening program"],
        "roles": ("health minister", "epidemiologist"),
        "events": [
            ["the first cases of the outbreak were confirmed in {city} {when}",
             "health officials in {city} reported {n} cases {when}",
             "{p2} confirmed the outbreak in {city} {when}"],
            ["{p1} declared a public health emergency {when}",
             "{country} declared the outbreak a national emergency {when}"],
            ["{obj} began in {city} {when}",
             "{org} started delivering vaccines to {city} {when}",
             "vaccinations started in {city} {when}"],
            ["new cases in {city} peaked at {n}00 a day {when}",
             "the outbreak in {city} peaked {when}"],
            ["{p1} declared the outbreak over {when}",
             "the emergency in {country} was lifted {when}"],
        ],
    },
    "election": {
        "tags": ["politics", "elections"],
        "objects": ["the coalition deal", "the budget bill", "the electoral reform",
                    "the confidence vote"],
        "roles": ("prime minister", "opposition leader"),
        "events": [
            ["{p1} called a snap election {when}",
             "{l1} dissolved parliament {when}",
             "an early election in {country} was called {when}"],
            ["{p2} launched the opposition campaign in {city} {when}",
             "the campaign in {country} began {when}"],
            ["voters in {country} went to the polls {when}",
             "the general election in {country} was held {when}",
             "{country} voted {when}"],
            ["{l2}'s party won the most seats {when}",
             "the results showed {p2} ahead by {n} seats {when}"],
            ["{p2} was sworn in as prime minister {when}",
             "a new government took office in {country} {when}",
             "{l2} formed a government {when}"],
        ],
    },
}

LEADS = ["{city} --", "{CITY} ({source}) --", "", "", ""]
QUOTES = [
    "\u201cWe are not going to accept a deal that leaves our people worse off,\u201d {p} said.",
    "\u201cThis is a serious moment, and we are treating it that way,\u201d said {p}.",
    "\u201cNobody expected it to move this fast,\u201d {p} told reporters in {city}.",
    "\u201cThe numbers speak for themselves,\u201d {p} said in a statement.",
    "\u201cWe will keep talking as long as there is something to talk about,\u201d {p} said.",
    "\u201cIt is too early to say what this means for the region,\u201d said {p}.",
]
FILLERS = [
    "Analysts at {org2} estimated the cost at about ${n} million, though they cautioned that the figure could rise.",
    "The dispute affects roughly {n},000 people in and around {city}, according to local officials.",
    "Shares of {org} fell {n}% in early trading before recovering some of their losses.",
    "Residents of {city} said they had heard little from officials about what comes next.",
    "Neither side released a detailed account of the discussions.",
    "The issue has divided lawmakers in {country}, where opinion polls show voters split almost evenly.",
    "Critics say the process has been slow and opaque, and several groups have asked for an independent review.",
    "Officials did not say how long the process would take or what it would cost.",
    "{org} employs about {n},000 people, most of them in {country}.",
    "The figures were published by the statistics office, which revises them every quarter.",
    "Local businesses in {city} reported a drop in sales of about {n}%.",
    "Several people familiar with the matter, who asked not to be named, said the mood was tense.",
    "A spokesperson for {org2} declined to comment.",
    "The latest figures show a rise of {n}% from a year earlier.",
    "Some observers in {city} compared the situation with a similar episode a decade ago.",
    "Opposition politicians called for a parliamentary hearing and for the documents to be released.",
    "Economists said the effect on prices would depend on how long the uncertainty lasts.",
    "The ministry in {country} said it was monitoring the situation closely.",
    "Traffic around the harbor in {city} was slower than usual, drivers said.",
    "Insurance claims linked to the events have reached about ${n} million so far.",
    "{org2} said it had set aside ${n} million to cover possible losses.",
    "A survey of {n}00 households found that most expected conditions to get worse before they improve.",
    "Community groups in {city} organized meetings to explain the changes to residents.",
    "The government in {country} has not published its own assessment.",
    "Lawyers for {org} said the company had acted within the rules.",
    "The city council of {city} is split on how to respond.",
    "Trade unions and employer groups issued a rare joint statement urging calm.",
    "Freight rates on routes serving {city} rose by about {n}%, brokers said.",
    "Officials pointed to a backlog of about {n},000 applications.",
    "The central bank of {country} has warned that growth could slow.",
    "Several smaller firms said they were still waiting for guidance.",
    "Hospitals in {city} said they had enough staff to cope for now.",
    "Independent monitors said they had found no evidence of wrongdoing so far.",
    "The mayor of {city} called the situation \u201cdifficult but manageable.\u201d",
    "Researchers at the university in {city} have studied similar cases for years.",
    "A petition calling for more transparency has gathered about {n},000 signatures.",
]
SUBJECTS = ["Regional officials", "Business leaders in {city}", "Shipping executives", "Local lawmakers",
            "Consumer groups", "Investors", "Farmers near {city}", "Diplomats in {country}",
            "Small-business owners", "Economists at {org2}", "Union representatives", "Residents"]
VERBS = ["have raised concerns about", "are watching", "have welcomed", "remain skeptical of",
         "are preparing for", "have asked for details of", "are divided over", "have criticized"]
OBJECTS = ["the cost of the plan", "the timetable", "the effect on jobs", "the lack of information",
           "the proposed changes", "the government's response", "the impact on exports",
           "the new rules", "the pace of the negotiations", "the outlook for the region"]
ADJUNCTS = ["", ", according to people briefed on the discussions", ", a recent poll suggests",
            " in private conversations", ", though few would comment publicly",
            ", several of them said in interviews"]
BACKGROUND = ["The background is important.", "It was not the first setback.",
              "The dispute has a long history.", "The events that led here moved quickly."]
# Date-bearing sentences not tied to a story event (noise for the extractor).
TIMELY_PAST = [
    "The committee that oversees {org} last met {when}.",
    "Markets in {city} were closed {when} for a public holiday.",
    "A similar proposal was rejected by lawmakers in {country} {when}.",
    "{org2} published its own estimate {when}.",
]
TIMELY_FUTURE = [
    "{org} is due to report results for the {ord} quarter {when}.",
    "A hearing on the matter is scheduled {when}.",
    "A report on the wider economy is expected {when}.",
    "The next round of talks is planned {when}.",
    "{l1} is expected to speak to reporters in {city} {when}.",
]
NEXT_STEPS = [
    "The next step is expected {when}.",
    "A decision is expected {when}, officials said.",
    "{l2} said a further meeting in {city} was planned {when}.",
    "Officials said they expected more news {when}.",
]
HEADLINES = ["{Event}", "{Event}, {org_or_country} says", "{Event} as pressure mounts",
             "{Event} after weeks of uncertainty", "{Event}: what we know"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- model

@dataclass
class StoryEvent:
    date: dt.date
    templates: list[str]


@dataclass
class Story:
    index: int
    kind: str
    tags: list[str]
    fields: dict
    events: list[StoryEvent]


@dataclass
class Article:
    """One article, independent of the output format. `body` is Markdown paragraphs."""

    name: str                     # the file name stem, unique in the corpus
    title: str
    date: dt.date
    source: str
    author: str = ""
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    body: str = ""
    url: str = ""

    # ---- renderers
    def to_tlgen(self) -> str:
        lines = ["---", f"title: {yaml_quote(self.title)}", f"date: {self.date.isoformat()}",
                 f"source: {yaml_quote(self.source)}"]
        if self.author:
            lines.append(f"author: {yaml_quote(self.author)}")
        if self.url:
            lines.append(f"url: {self.url}")
        if self.tags:
            lines.append("tags: [" + ", ".join(yaml_quote(t) for t in self.tags) + "]")
        if self.summary:
            lines.append(f"summary: {yaml_quote(self.summary)}")
        lines += ["---", "", self.body.rstrip("\n"), ""]
        return "\n".join(lines)

    def to_pelican(self) -> str:
        one_line = lambda s: " ".join(s.split())  # noqa: E731 - metadata values are one line
        lines = [f"Title: {one_line(self.title)}", f"Date: {self.date.isoformat()} 12:00",
                 f"Category: {one_line(self.source)}"]
        if self.tags:
            lines.append("Tags: " + ", ".join(self.tags))
        if self.author:
            lines.append(f"Author: {one_line(self.author)}")
        lines.append(f"Slug: {self.name}")
        if self.summary:
            lines.append(f"Summary: {one_line(self.summary)}")
        lines += ["", self.body.rstrip("\n"), ""]
        return "\n".join(lines)

    def to_hugo(self) -> str:
        lines = ["---", f"title: {yaml_quote(self.title)}", f"date: {self.date.isoformat()}"]
        if self.tags:
            lines.append("tags: [" + ", ".join(yaml_quote(t) for t in self.tags) + "]")
        if self.summary:
            lines.append(f"summary: {yaml_quote(self.summary)}")
        lines += ["---", "", self.body.rstrip("\n"), ""]
        return "\n".join(lines)


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------- date expressions

def _month_day(day: dt.date, rng: random.Random) -> str:
    return f"{rng.choice((MONTHS, MONTH_ABBR))[day.month - 1]} {day.day}"


def _part_of_month(day: dt.date) -> str:
    return "early" if day.day <= 10 else ("mid-" if day.day <= 20 else "late")


def _in_part(day: dt.date) -> str:
    part = _part_of_month(day)
    return f"in {part}{MONTHS[day.month - 1]}" if part == "mid-" else f"in {part} {MONTHS[day.month - 1]}"


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def date_expression(event: dt.date, pub: dt.date, rng: random.Random) -> str:
    """A phrase placing `event` relative to the publication date `pub` (or absolutely)."""
    delta = (pub - event).days
    week_pub, week_event = pub.isocalendar()[:2], event.isocalendar()[:2]
    absolute = [f"on {_month_day(event, rng)}, {event.year}",
                f"on {WEEKDAYS[event.weekday()]}, {MONTHS[event.month - 1]} {event.day}, {event.year}"]
    options: list[str] = []
    if delta == 0:
        options += ["today", "earlier today", "on " + WEEKDAYS[event.weekday()]]
    elif delta == 1:
        options += ["yesterday", "on " + WEEKDAYS[event.weekday()], "late yesterday"]
    elif 2 <= delta <= 6:
        options += ["on " + WEEKDAYS[event.weekday()], f"{NUMBER_WORDS[delta - 1]} days ago",
                    f"last {WEEKDAYS[event.weekday()]}" if delta >= 4 else "on " + WEEKDAYS[event.weekday()]]
        if event.weekday() >= 5 and delta <= 3:
            options += ["this past weekend", "over the weekend"]
    elif 7 <= delta <= 13:
        options += ["last week" if week_pub != week_event else "earlier this week",
                    "a week ago" if delta <= 8 else "last week",
                    f"on {_month_day(event, rng)}"]
    elif 14 <= delta <= 45:
        weeks = round(delta / 7)
        options += [f"{NUMBER_WORDS[weeks - 1]} weeks ago", f"on {_month_day(event, rng)}"]
        if event.month == pub.month:
            options.append("earlier this month")
        elif (pub.replace(day=1) - dt.timedelta(days=1)).month == event.month:
            options += ["last month", _in_part(event)]
    elif 46 <= delta <= 330:
        months = round(delta / 30.4)
        options += [f"{NUMBER_WORDS[months - 1]} months ago", _in_part(event),
                    f"on {_month_day(event, rng)}", f"in {MONTHS[event.month - 1]}"]
        if event.year == pub.year:
            options.append(f"in the {ORDINALS[_quarter(event) - 1]} quarter")
            options.append(f"earlier this year, on {_month_day(event, rng)}")
        elif event.year == pub.year - 1:
            options += [f"last {MONTHS[event.month - 1]}", "late last year" if event.month >= 10
                        else f"in {MONTHS[event.month - 1]} of last year"]
    elif delta > 330:
        options += [f"in {MONTHS[event.month - 1]} {event.year}",
                    f"in the {ORDINALS[_quarter(event) - 1]} quarter of {event.year}",
                    f"in the {SEASONS[event.month]} of {event.year}",
                    f"in {_part_of_month(event).rstrip('-')} {MONTHS[event.month - 1]} {event.year}"]
        if event.year == pub.year - 1:
            options.append("last year")
    elif delta == -1:
        options += ["tomorrow", "on " + WEEKDAYS[event.weekday()]]
    elif -6 <= delta <= -2:
        options += ["on " + WEEKDAYS[event.weekday()], f"next {WEEKDAYS[event.weekday()]}"
                    if event.isocalendar()[1] != pub.isocalendar()[1] else "later this week"]
        if event.weekday() >= 5:
            options.append("this weekend")
    elif -13 <= delta <= -7:
        options += ["next week", f"on {_month_day(event, rng)}"]
    else:  # further in the future
        options += [f"on {_month_day(event, rng)}", _in_part(event)]
        if event.month == pub.month and event.year == pub.year:
            options.append("later this month")
        elif (pub.replace(day=28) + dt.timedelta(days=4)).month == event.month and -62 < delta:
            options.append("next month")
        if event.year == pub.year and _quarter(event) != _quarter(pub):
            options.append(f"in the {ORDINALS[_quarter(event) - 1]} quarter")
        if event.year == pub.year + 1:
            options.append("next year")
    # Roughly one expression in four is written out in full, as newsrooms often do.
    return rng.choice(absolute) if rng.random() < 0.25 else rng.choice(options)


# --------------------------------------------------------------------------- generation

EPOCH = dt.date(2016, 1, 1)
SPAN_DAYS = (dt.date(2023, 6, 30) - EPOCH).days


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", last


def _org(rng: random.Random) -> str:
    return f"{rng.choice(ORG_PREFIX)} {rng.choice(ORG_SUFFIX)}"


def make_story(index: int, seed: int) -> Story:
    rng = random.Random(f"tlgen-corpus:{seed}:story:{index}")
    kind = rng.choice(sorted(STORIES))
    spec = STORIES[kind]
    city, country = rng.choice(CITIES)
    p1, l1 = _person(rng)
    p2, l2 = _person(rng)
    while l2 == l1:
        p2, l2 = _person(rng)
    org, org2 = _org(rng), _org(rng)
    while org2 == org:
        org2 = _org(rng)
    role1, role2 = spec["roles"]
    fields = {"p1": f"{role1} {p1}", "p2": f"{role2} {p2}", "l1": l1, "l2": l2, "name1": p1,
              "name2": p2, "role1": role1, "org": org, "org2": org2, "city": city,
              "country": country, "obj": rng.choice(spec["objects"]), "n": rng.randint(2, 40)}
    day = EPOCH + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    events = []
    for templates in spec["events"]:
        events.append(StoryEvent(day, templates))
        day += dt.timedelta(days=rng.choice([1, 2, 3, 5, 8, 12, 20, 35, 60, 90]))
    tags = spec["tags"] + [city.lower()]
    return Story(index, kind, tags, fields, events)


def _fill(template: str, values: dict) -> str:
    return template.format(**values)


def make_article(index: int, stories: list[Story], seed: int) -> Article:
    """Article number `index`: a report on one story by one outlet at one point in it."""
    rng = random.Random(f"tlgen-corpus:{seed}:article:{index}")
    story = stories[rng.randrange(len(stories))]
    lead_index = rng.randrange(len(story.events))
    lead = story.events[lead_index]
    pub = lead.date + dt.timedelta(days=rng.choice([0, 1, 1, 1, 2, 3, 6]))
    source = rng.choice(OUTLETS)
    author, _ = _person(rng)
    values = dict(story.fields)
    values["source"] = source
    values["CITY"] = values["city"].upper()

    def event_sentence(event: StoryEvent) -> str:
        v = dict(values, when=date_expression(event.date, pub, rng))
        return _cap(_fill(rng.choice(event.templates), v)) + "."

    fillers, quotes = rng.sample(FILLERS, len(FILLERS)), rng.sample(QUOTES, len(QUOTES))

    def filler() -> str:  # each filler sentence at most once per article, then composed ones
        v = dict(values, n=rng.randint(2, 95), org2=_org(rng) if rng.random() < 0.5 else values["org2"])
        if fillers and rng.random() < 0.7:
            return _fill(fillers.pop(), v)
        return _fill(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(ADJUNCTS)}.", v)

    def quote() -> str:
        who = rng.choice([values["name1"], values["name2"], _person(rng)[0]])
        return _fill(quotes.pop() if quotes else rng.choice(QUOTES), dict(values, p=who))

    def timely() -> str:
        offset = rng.randint(-400, 120)
        other = pub + dt.timedelta(days=offset)
        v = dict(values, when=date_expression(other, pub, rng), ord=ORDINALS[rng.randrange(4)])
        return _fill(rng.choice(TIMELY_PAST if offset < 0 else TIMELY_FUTURE), v)

    # The sentences, in news order: the lead event, reaction, background (earlier events),
    # context, what comes next (a later event of the story, when it is scheduled).
    lead_sentence = event_sentence(lead)
    prefix = _fill(rng.choice(LEADS), values)
    sentences: list[list[str]] = [[(prefix + " " if prefix else "") + lead_sentence,
                                   filler()], [quote(), filler()]]
    earlier = story.events[:lead_index]
    if earlier:
        picked = sorted(rng.sample(range(len(earlier)), k=min(len(earlier), rng.randint(1, 4))))
        paragraph = [rng.choice(BACKGROUND)] if rng.random() < 0.4 else []
        paragraph += [event_sentence(earlier[i]) for i in picked]
        sentences.append(paragraph)
    if lead_index + 1 < len(story.events) and rng.random() < 0.6:
        upcoming = story.events[lead_index + 1]
        if upcoming.date > pub:
            v = dict(values, when=date_expression(upcoming.date, pub, rng))
            sentences.append([_fill(rng.choice(NEXT_STEPS), v), filler()])
    target = rng.randint(200, 580)
    pool = [filler, filler, quote, timely, timely]
    words = sum(len(s.split()) for p in sentences for s in p)
    while words < target:
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            sentence = rng.choice(pool)()
            if words + len(sentence.split()) > 600 and words >= 200:
                break
            paragraph.append(sentence)
            words += len(sentence.split())
        else:
            sentences.insert(rng.randint(2, len(sentences)), paragraph)
            continue
        if paragraph:
            sentences.insert(rng.randint(2, len(sentences)), paragraph)
        break
    body = "\n\n".join(" ".join(p) for p in sentences if p) + "\n"

    headline_event = _fill(rng.choice(lead.templates), dict(values, when="")).strip()
    headline_event = re.sub(r"\s+", " ", headline_event)
    headline_event = re.sub(r"\b(a|the) (chief executive|union leader|chair|former minister|"
                            r"prosecutor|governor|emergency chief|trade minister|trade representative|"
                            r"mission director|chief engineer|health minister|epidemiologist|"
                            r"prime minister|opposition leader) ", "", headline_event)
    title = _fill(rng.choice(HEADLINES), {"Event": _cap(headline_event),
                                          "org_or_country": rng.choice([values["org"], values["country"]])})
    summary = _cap(_fill(rng.choice(lead.templates), dict(values, when=date_expression(lead.date, pub, rng)))) + "."
    tags = sorted(set(story.tags[:1] + rng.sample(story.tags, k=rng.randint(1, len(story.tags)))))
    name = f"{pub.isoformat()}-{story.kind}-{index:05d}"
    url = f"https://example.com/{re.sub(r'[^a-z0-9]+', '-', source.lower())}/{pub:%Y/%m/%d}/{index:05d}"
    return Article(name=name, title=title, date=pub, source=source, author=author, tags=tags,
                   summary=summary, body=body, url=url)


def story_count(n: int) -> int:
    """About six articles per story, so most events are reported by several outlets."""
    return max(3, n // 6)


class Corpus:
    """N generated articles; write them as a tlgen, Pelican or Hugo site."""

    def __init__(self, n: int, seed: int = 1, articles: list[Article] | None = None,
                 title: str | None = None):
        self.n, self.seed = n, seed
        self.title = title or f"Synthetic newsroom ({n} articles, seed {seed})"
        self.stories = [make_story(i, seed) for i in range(story_count(n))]
        self.articles = articles if articles is not None else [
            make_article(i, self.stories, seed) for i in range(n)]

    def extra_article(self, offset: int = 0) -> Article:
        """An article that is not in the corpus (number N + offset), on the corpus's stories."""
        if not self.stories:
            raise ValueError("a corpus of real articles has no stories to add to")
        return make_article(self.n + offset, self.stories, self.seed)

    def write_tlgen(self, out: Path) -> Path:
        content = Path(out) / "content"
        content.mkdir(parents=True, exist_ok=True)
        (Path(out) / "tlgen.toml").write_text(
            f"title = {yaml_quote(self.title)}\nbase_url = \"/\"\ntimezone = \"UTC\"\n", encoding="utf-8")
        for article in self.articles:
            (content / f"{article.name}.md").write_text(article.to_tlgen(), encoding="utf-8")
        return content

    def write_pelican(self, out: Path) -> Path:
        """pelicanconf.py + content/*.md (Pelican's Markdown metadata header)."""
        out = Path(out)
        content = out / "content"
        content.mkdir(parents=True, exist_ok=True)
        (out / "pelicanconf.py").write_text(PELICANCONF.format(title=self.title), encoding="utf-8")
        for article in self.articles:
            (content / f"{article.name}.md").write_text(article.to_pelican(), encoding="utf-8")
        return content

    def write_hugo(self, out: Path) -> Path:
        """hugo.toml + a minimal layout + content/posts/*.md (YAML front matter)."""
        out = Path(out)
        posts = out / "content" / "posts"
        posts.mkdir(parents=True, exist_ok=True)
        (out / "hugo.toml").write_text(HUGO_TOML.format(title=yaml_quote(self.title)), encoding="utf-8")
        layouts = out / "layouts" / "_default"
        layouts.mkdir(parents=True, exist_ok=True)
        for name, text in HUGO_LAYOUTS.items():
            (layouts / name).write_text(text, encoding="utf-8")
        for article in self.articles:
            (posts / f"{article.name}.md").write_text(article.to_hugo(), encoding="utf-8")
        return posts


PELICANCONF = '''# Generated by benchmarks/corpus.py: a minimal Pelican configuration.
AUTHOR = "Benchmark"
SITENAME = {title!r}
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20
RELATIVE_URLS = True
'''

HUGO_TOML = '''# Generated by benchmarks/corpus.py: a minimal Hugo configuration.
baseURL = "http://localhost/"
languageCode = "en"
title = {title}
disableKinds = ["RSS"]
[pagination]
  pagerSize = 20
'''

_HUGO_HEAD = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
              '<title>{{ .Title }} | {{ site.Title }}</title></head><body>\n')
HUGO_LAYOUTS = {
    "single.html": _HUGO_HEAD + (
        '<article><h1>{{ .Title }}</h1><p><time>{{ .Date.Format "January 2, 2006" }}</time></p>\n'
        '{{ with .Params.tags }}<p>{{ range . }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>{{ end }}\n'
        '{{ .Content }}</article></body></html>\n'),
    "list.html": _HUGO_HEAD + (
        '<h1>{{ .Title }}</h1><ul>\n{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
        '{{ .Date.Format "2006-01-02" }}</li>\n{{ end }}</ul></body></html>\n'),
    "index.html": _HUGO_HEAD + (
        '<h1>{{ site.Title }}</h1><ul>\n{{ range (where site.RegularPages "Section" "posts").ByDate }}'
        '<li>{{ .Date.Format "2006-01-02" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Summary | plainify }}</li>\n'
        '{{ end }}</ul></body></html>\n'),
}


def make_corpus(n: int, out: Path, seed: int = 1) -> Corpus:
    """Generate N articles and write them as a tlgen site in out/; returns the Corpus."""
    corpus = Corpus(n, seed)
    corpus.write_tlgen(Path(out))
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="the tlgen site folder to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--pelican", type=Path, metavar="DIR", help="also write a Pelican site here")
    parser.add_argument("--hugo", type=Path, metavar="DIR", help="also write a Hugo site here")
    args = parser.parse_args()
    corpus = make_corpus(args.n, args.out, args.seed)
    words = sum(len(a.body.split()) for a in corpus.articles)
    print(f"{args.n} articles ({words:,} words, {len(corpus.stories)} stories) written to {args.out}")
    if args.pelican:
        corpus.write_pelican(args.pelican)
        print(f"Pelican site written to {args.pelican}")
    if args.hugo:
        corpus.write_hugo(args.hugo)
        print(f"Hugo site written to {args.hugo}")


if __name__ == "__main__":
    main()
