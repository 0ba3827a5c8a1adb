"""Extract stage (sentences -> mentions) and merge stage (mentions -> timeline)."""

import datetime as dt
from dataclasses import replace

import pytest

from generator.content import render_markdown
from generator.extract import extract_mentions, headline_from, mention_key
from generator.model import Article, AuthoredEvent, DateSpan
from generator.sentences import split_sentences
from generator.timeline import merge


def article(slug, published, body, tags=(), authored=(), source="Outlet", **extra):
    body_html, blocks = render_markdown(body)
    return Article(source_path=f"{slug}.md", slug=slug, title=slug.title(), published=published,
                   published_at=None, body_html=body_html, blocks=blocks, source=source,
                   tags=tuple(tags), authored_events=tuple(authored), **extra)


JULY_1 = dt.date(2019, 7, 1)


def test_relative_dates_resolve_against_the_publication_date():
    osaka = article("osaka", JULY_1, "Trump and Xi got trade talks back on track this past weekend. "
                                     "The talks had reached an impasse two months ago.")
    first, second = extract_mentions(osaka)
    assert (first.span.start, first.span.end, first.span.precision) == (dt.date(2019, 6, 29), dt.date(2019, 6, 30), "weekend")
    assert first.expression == "this past weekend"
    assert first.title == "Trump and Xi got trade talks back on track"
    assert (second.span.value, second.span.precision) == ("2019-05", "month")
    assert first.anchor == "p1-s1" and first.quote.startswith("Trump and Xi")


@pytest.mark.parametrize("text, sentences", [
    # a sentence may start with a lower-case name, and end in an abbreviation
    ("The company was founded in 1995. eBay bought it last week.",
     ["The company was founded in 1995.", "eBay bought it last week."]),
    ("The meeting ended at 5 p.m. Officials left on Sunday.",
     ["The meeting ended at 5 p.m.", "Officials left on Sunday."]),
    ("Prices rose in the U.S. The company said so.", ["Prices rose in the U.S.", "The company said so."]),
    # but a clock's day or zone, a name after "U.S." and a title stay in the sentence
    ("It opens at 8 p.m. Tuesday in Osaka. They meet at 5 p.m. Moscow time.",
     ["It opens at 8 p.m. Tuesday in Osaka.", "They meet at 5 p.m. Moscow time."]),
    ("Sales in the U.S. Senate race rose. Mr. A said no.", ["Sales in the U.S. Senate race rose.", "Mr. A said no."]),
    ("Trading opens at 9:30 a.m. New York time on Monday. The U.S. A-10 fleet was grounded.",
     ["Trading opens at 9:30 a.m. New York time on Monday.", "The U.S. A-10 fleet was grounded."]),
    ("The ceremony begins at 11 p.m. Christmas Eve and ends at dawn.",
     ["The ceremony begins at 11 p.m. Christmas Eve and ends at dawn."]),
    # a genealogy's "b. 1850", "c. 1900" (born, circa) ends no sentence
    ("John b. 1848, Martha S. b. 1850. They married c. 1871.", ["John b. 1848, Martha S. b. 1850.",
                                                              "They married c. 1871."]),
])
def test_sentence_ends(text, sentences):
    assert [text[start:end] for start, end in split_sentences(text)] == sentences


@pytest.mark.parametrize("sentence, expression, headline", [
    # a long headline is cut before a clause, and the duration that leads into it goes too
    ("A team of state engineers arrived at the Harbor Bridge on Wednesday, three days after the city shut "
     "the span to traffic.", "Wednesday", "A team of state engineers arrived at the Harbor Bridge"),
    # no "as early as" left hanging where the date was
    ("Repairs could begin as early as next month, officials said.", "next month", "Repairs could begin"),
    # a particle stays with its verb
    ("The hospital's chief executive took over in March.", "March", "The hospital's chief executive took over"),
    # an aside goes whole: the one that held the date, then others when the headline is too long
    ("Governor Ann Lee, speaking to reporters in Albany on Tuesday, urged both sides to return to the table.",
     "Tuesday", "Governor Ann Lee urged both sides to return to the table"),
    ("Council member Aisha Grant, who voted no, said the city had ignored warnings in a 2019 report.",
     "2019", "Council member Aisha Grant said the city had ignored warnings in a report"),
    # a quotation keeps both its marks
    ('"We didn\'t want this," said union president Carla Diaz on Monday.', "Monday",
     '"We didn\'t want this," said union president Carla Diaz'),
    ("\u201cit is over,\u201d Smith said on Monday.", "Monday", "\u201cIt is over,\u201d Smith said"),
    # commas inside numbers end no aside; an appositive between dashes is no dateline; an -ing
    # clause after a verb is part of the news; an inch mark is no quotation mark
    ("The union, representing 40,000 nurses, said on Wednesday that it would strike.", "Wednesday",
     "The union, representing 40,000 nurses, said that it would strike"),
    ("Theresa May -- Britain's prime minister -- said on Friday that she would resign.", "Friday",
     "Theresa May -- Britain's prime minister -- said that she would resign"),
    ("Investors were selling, sending the index down 3 percent on Monday, the worst day since March.", "Monday",
     "Investors were selling, sending the index down 3 percent, the worst day since March"),
    ("The 6'2\" forward signed with the club on Monday.", "Monday", "The 6'2\" forward signed with the club"),
    # a date's own commas end no clause; the comma after a date in mid-sentence stays
    ("The meeting on June 29, 2019, was the first between the two presidents since their dinner in Buenos Aires "
     "on Dec. 1.", "June 29, 2019", "The meeting was the first between the two presidents since their dinner in "
     "Buenos Aires"),
    ("The Dow fell about 767 points on Monday, its worst day of the year.", "Monday",
     "The Dow fell about 767 points, its worst day of the year"),
    # a wire dateline is no part of the headline
    ("BERGEN (Riverside Chronicle) -- The union approved a strike on Monday.", "Monday", "The union approved a strike"),
    ("WASHINGTON (Reuters) - More than 40 people died on Monday in floods.", "Monday",
     "More than 40 people died in floods"),
    ("(Reuters) - Crane Capital Management said on Monday it would vote against the deal.", "Monday",
     "Crane Capital Management said it would vote against the deal"),
    ("CHICAGO (Reuters) - Halvorsen Foods Inc. reported fourth-quarter profit above estimates on Tuesday.",
     "Tuesday", "Halvorsen Foods Inc. reported fourth-quarter profit above estimates"),
    # a possessive date keeps the preposition before it, which is its noun's
    ("Rescuers reached survivors of Tuesday's quake in the hills.", "Tuesday",
     "Rescuers reached survivors of the quake in the hills"),
    # a preposition after the date is not a noun that needs "the"
    ("Osei will be eligible for the first leg next Saturday against Fenwick Town.", "next Saturday",
     "Osei will be eligible for the first leg against Fenwick Town"),
    # a date that is what the sentence says, or that names a period, stays
    ("The last major earthquake in this part of Haiti was in 1770.", "1770",
     "The last major earthquake in this part of Haiti was in 1770"),
    ("Revenue in the quarter ended Sept. 30 was $610 million.", "the quarter",
     "Revenue in the quarter ended Sept. 30 was $610 million"),
    # a sentence a few plain words over the limit is kept whole, not cut at "most"
    ("BP continues work on a new plan to try to capture most of the escaping oil on Monday.", "Monday",
     "BP continues work on a new plan to try to capture most of the escaping oil"),
    # a cut headline does not end inside a bracket or a quotation it opened
    ("Obama toured the Louisiana Gulf coast on Friday on his second visit to the region - \u201cI am the "
     "president and the buck stops with me,\u201d he said.", "Friday",
     "Obama toured the Louisiana Gulf coast on his second visit to the region…"),
    ("The well was capped on 15 July, once an estimated 4.9 m barrels of oil (171m gallons, or 650m litres) "
     "had leaked into the sea.", "15 July", "The well was capped once an estimated 4.9 m barrels of oil"),
    # a long headline drops a name in apposition before it is cut, and is not cut at a comma
    # that would leave it without a verb
    ("Its chief financial officer, Meng Wanzhou, was arrested in Vancouver last December at the request of "
     "U.S. prosecutors, who accuse her of fraud.", "last December",
     "Its chief financial officer was arrested in Vancouver at the request of U.S. prosecutors"),
    # a clause that ends a few words past the limit is taken whole
    ("The mayor of Mexico City said the capital of 20 million inhabitants was likely to resume normal "
     "activities on Thursday, observing certain health precautions.", "Thursday",
     "The mayor of Mexico City said the capital of 20 million inhabitants was likely to resume normal activities"),
    # a headline that would be cut inside its clause goes on to the clause's end when it is near
    # ("... guilty…" was all that was left of "guilty on 12 of the 14 counts ...")
    ("A Harlan County jury on Wednesday found former city treasurer Dana Whitcomb guilty on 12 of the 14 counts "
     "of embezzlement and wire fraud.", "Wednesday",
     "A Harlan County jury found former city treasurer Dana Whitcomb guilty on 12 of the 14 counts of embezzlement "
     "and wire fraud"),
    # a cut headline takes the name after a preposition
    # a comma after a date stays before who said so and before a figure's aside; "alone" goes
    # with its date and preposition; a list of names is no clause to end at
    ("A Texas woman with the new H1N1 swine flu died earlier this week, state health officials said on Tuesday.",
     "earlier this week", "A Texas woman with the new H1N1 swine flu died"),
    ("The bank will lend about $33 billion in 2009, almost a 50 percent increase.", "2009",
     "The bank will lend about $33 billion, almost a 50 percent increase"),
    ("The agency reported 250 outbreaks of H5N1 in birds in February alone -- in Bangladesh, China, Egypt, "
     "India, Indonesia, Japan, Nepal and Vietnam.", "February",
     "The agency reported 250 outbreaks of H5N1 in birds -- in Bangladesh, China, Egypt, India, Indonesia, Japan, "
     "Nepal and Vietnam"),
    # ... but not to an end that would be taken off as dangling ("... which is likely its last")
    ("The administration has offered nearly 10 estimates of how much oil flowed from the BP well, coming up "
     "with a refined conclusion late last month of 206 million gallons, which is likely its last.",
     "late last month", "The administration has offered nearly 10 estimates of how much oil flowed\u2026"),
    # a cut that would fall inside another date drops that date with its preposition
    ("The ceremony on Jan. 15 comes a month after the two sides announced the deal on Dec. 13, when Washington "
     "canceled tariffs that were set to begin two days later.", "Jan. 15",
     "The ceremony comes a month after the two sides announced the deal"),
    ("Riverside FC clinched a playoff spot this past weekend with a 3-1 win over Fenwick Town on Saturday.",
     "Saturday", "Riverside FC clinched a playoff spot this past weekend with a 3-1 win over Fenwick Town"),
    # a date of a restrictive relative clause: the clause's event, or the date stays with it
    ("The strike that began Tuesday has closed 40 schools.", "Tuesday", "The strike began"),
    ("The verdict came after two days of deliberations that began Tuesday.", "Tuesday",
     "The verdict came after two days of deliberations that began Tuesday"),
    # ... but a number that ends its phrase stays, and one cut from its noun takes it
    ("The pound fell sharply against the dollar on Monday in early trading in London to 1.20, its lowest level "
     "since 2017.", "Monday", "The pound fell sharply against the dollar in early trading in London to 1.20"),
    ("The Conservatives won the by-election in Brecon on Thursday with a majority of just over 1,400 votes against "
     "the Liberal Democrats.", "Thursday",
     "The Conservatives won the by-election in Brecon with a majority of just over 1,400 votes against the Liberal "
     "Democrats"),
    # "said that ..." is no relative clause; nor is an object one
    ("The official said that talks began on Monday.", "Monday", "The official said that talks began"),
    ("The plan that ministers unveiled on Tuesday was criticised by opposition parties.", "Tuesday",
     "The plan that ministers unveiled was criticised by opposition parties"),
    # a long quotation is kept
    ('The senator called the bill "a disaster for working families and small businesses across the country" on '
     'Tuesday before the vote.', "Tuesday",
     'The senator called the bill "a disaster for working families and small businesses across the country" before '
     'the vote'),
    # a date before a verb that ends something is taken out, unless it names a period
    ("Talks on Friday ended without a deal.", "Friday", "Talks ended without a deal"),
    # the figure an event is compared with goes
    ("Amazon on Thursday reported quarterly profit of $2.6 billion, up 4% from a year earlier.", "Thursday",
     "Amazon reported quarterly profit of $2.6 billion"),
    ("Vaccination rates fell to 86% last year, down from 93% in 2018.", "last year", "Vaccination rates fell to 86%"),
    # so does the part of the day it is in; "too late" is what it says
    ("The rig exploded on the evening of April 20.", "April 20", "The rig exploded"),
    ("On the morning of June 3, troops entered the city.", "June 3", "Troops entered the city"),
    ("It was too late on April 20.", "April 20", "It was too late"),
    # a date in brackets goes with them (and with its preposition)
    ("Corvina Star rig explodes, killing 11 (20 April).", "20 April", "Corvina Star rig explodes, killing 11"),
    ("Turnout rose (on May 3) in every district.", "May 3", "Turnout rose in every district"),
    # a bracket the date was most of goes whole; a closing bracket whose opening went goes too
    ("The figures (issued on Tuesday) showed a rise.", "Tuesday", "The figures showed a rise"),
    ("(The statement was issued on Tuesday.)", "Tuesday", "The statement was issued"),
    # an aside between commas that held the date goes with both commas
    ("The union, on Friday, said it would strike.", "Friday", "The union said it would strike"),
    # a long one ends before a participle's clause, and "long, thin lines" is no aside
    ("Faint fingers of oily sheen began reaching the Mississippi River delta late Thursday, lapping the "
     "Louisiana shoreline in long, thin lines.", "late Thursday",
     "Faint fingers of oily sheen began reaching the Mississippi River delta"),
    # a long headline drops what a name is, and keeps a count's noun
    ("Kent Wells, a BP PLC vice president, said on a Friday evening conference call that engineers are closely "
     "monitoring pressure readings at the well.", "Friday evening",
     "Kent Wells said on a conference call that engineers are closely monitoring pressure readings at the well"),
    ("Two hundred volunteers from the town's football club and the local church spent six hours on Sunday "
     "clearing mud from the flooded high street.", "Sunday",
     "Two hundred volunteers from the town's football club and the local church spent six hours clearing mud from "
     "the flooded high street"),
    # what is left reads: no "the" before a word that is no noun; the time one spends stays; the
    # part of a day that held the date goes with it
    ("I slept badly last night anyway because of the sirens.", "last night", "I slept badly anyway because of the sirens"),
    ("The fans spent the night singing outside the stadium.", "the night",
     "The fans spent the night singing outside the stadium"),
    ("The weekend meeting ended in a deal.", "weekend", "The meeting ended in a deal"),
    ('"It could come earlier or later (than June)," the minister said.', "June",
     '"It could come earlier or later," the minister said'),
    ("The first 100 engineers are expected to arrive by the end of Thursday.", "Thursday",
     "The first 100 engineers are expected to arrive"),
    # a number's comma closes no opening phrase
    ("As many as 300,000 people were evacuated ahead of the storm on Monday.", "Monday",
     "As many as 300,000 people were evacuated ahead of the storm"),
    ("19 JANUARY, 1130 GMT, BANI At a service station, there are trucks loaded with supplies.", "19 JANUARY",
     "There are trucks loaded with supplies"),
    # a date in a "whose" clause about the subject dates that clause, told of the subject
    ("The driver, whose shift began at dawn on Monday, had no rest before the crash.", "Monday",
     "The driver's shift began at dawn"),
    ("The Hendersons, whose farm flooded in early May, have moved to town.", "early May",
     "The Hendersons' farm flooded"),
    # a preposition after an opening quotation mark goes with the date, and so does its comma
    ("Paul e-mails: \u201cAt around 10pm last night, a neighbour asked us to help.\u201d", "around 10pm last night",
     "Paul e-mails: \u201ca neighbour asked us to help\u201d"),
    # a verb whose complement is the date keeps it ("came in late July")
    ("Peak demand probably came in late July, the engineer said.", "late July",
     "Peak demand probably came in late July"),
    ("The peak came in July, followed by a slow decline.", "July", "The peak came in July, followed by a slow decline"),
    # "a" before a date that goes becomes "an" before a vowel
    ("The coach made the remark during a June 29 interview with the paper.", "June 29",
     "The coach made the remark during an interview with the paper"),
    ("It was a 2009 unit review that found the fault.", "2009", "It was a unit review that found the fault"),
    ("It was a 2009 European summit that set the cap.", "2009", "It was a European summit that set the cap"),
    # "around", "prior to" go with their date
    ("The two strains probably mixed around mid-March in the south.", "mid-March",
     "The two strains probably mixed in the south"),
    ("Prior to Thursday, Peru was the only country to report a case.", "Thursday",
     "Peru was the only country to report a case"),
    # a quotation whose words all went leaves no empty quotation marks, nor a space before a bracket
    ("And on Friday's \u201cMorning Desk,\u201d the host moved from the studio to a pier.", "Friday",
     "The host moved from the studio to a pier"),
    ("Claims will be contested (\u201cNot here,\u201d the director told the Herald on Friday), lawyers say.", "Friday",
     "Claims will be contested (\u201cNot here,\u201d the director told the Herald)"),
])
def test_headline_forms(sentence, expression, headline):
    at = sentence.index(expression)
    assert headline_from(sentence, (at, at + len(expression))) == headline


def test_sentences_without_dates_and_modal_may_give_nothing():
    text = "The minister may resign. Officials declined to comment."
    assert extract_mentions(article("quiet", JULY_1, text)) == ()


def test_a_point_of_comparison_dates_no_event():
    body = ("China pledged to buy $200 billion more of American goods, measured against 2017 levels. "
            "Output stayed below 2015 levels. Sales rose 4% compared with 2018. "
            "BP holds contracts that extend beyond June 2011. "
            "Observers in Leipzig compared the situation with a similar episode a decade ago. "
            "The outbreak is similar to the one in 2009. "
            "Turnout was nearly double the first-day total four years ago. "
            "The debate was the last joint appearance before the Nov. 7 election.")
    assert extract_mentions(article("pledge", JULY_1, body)) == ()
    (founded,) = extract_mentions(article("firm", JULY_1, "The firm, compared by analysts to Apple, was founded in 2009."))
    assert founded.span.value == "2009"
    (vote,) = extract_mentions(article("vote", JULY_1, "The Nov. 7 election drew record turnout."))
    assert vote.span.value == "2018-11-07"  # (the dated thing itself is an event)


def test_a_figure_habit_or_former_plan_compared_with_dates_no_event():
    body = ("Some 44 percent approve, down from 50 percent (May 4-5). "
            "Supporters plan to march to the stadium before kickoff, as they did in 2019. "
            "The trial, originally set for March, was delayed after the defense asked for more time.")
    assert extract_mentions(article("figures", JULY_1, body)) == ()
    # the thing a span runs since or until is no event; a clause after "since" is
    assert extract_mentions(article("value", JULY_1, "More than $60bn has been wiped off the company's value since "
                                    "the rig explosion on April 20. Polls stay open until the count on Friday.")) == ()
    (leased,) = extract_mentions(article("leased", JULY_1, "Shares fell since the rig that BP leased exploded on April 20."))
    assert leased.span.value == "2019-04-20"
    (missing,) = extract_mentions(article("missing", JULY_1, "Eleven men have been missing since the rig exploded "
                                          "on April 20."))
    assert missing.span.value == "2019-04-20"
    # a plan of the past perfect was overtaken by events
    assert extract_mentions(article("alert", JULY_1, "Officials had expected to lift the alert in early June, but "
                                    "two late cases reset the clock. The plant had been scheduled to open on "
                                    "March 3.")) == ()
    # (a first time is no former plan, and "as ... was" no habit)
    (wage,) = extract_mentions(article("wage", JULY_1, "The federal minimum wage was first set in 1938 at 25 cents."))
    assert wage.span.value == "1938"
    (attack,) = extract_mentions(article("attack", JULY_1, "The attack came as Trump was on Tuesday visiting troops."))
    assert attack.span.value == "2019-06-25"
    # The event stands, on its own date and without the figure it is compared with.
    (rates,) = extract_mentions(article("rates", dt.date(2024, 3, 29),
                                        "Vaccination rates in the county fell to 86% last year, down from 93% in 2018."))
    assert (rates.span.value, rates.title) == ("2023", "Vaccination rates in the county fell to 86%")
    (count,) = extract_mentions(article("count", dt.date(2024, 4, 17),
                                        "The case count climbed to 24 on Tuesday, up from 11 at the start of the month."))
    assert (count.span.value, count.title) == ("2024-04-16", "The case count climbed to 24")


def test_a_possessive_date_after_of_or_by_is_a_things_not_the_events():
    sunday = dt.date(2010, 1, 17)
    assert extract_mentions(article("toll", sunday, "The toll from last week's storm rose to 12. "
                                    "Many survivors of Tuesday's quake have become desperate.")) == ()
    (collapse,) = extract_mentions(article("walls", sunday, "Buildings weakened by Tuesday's quake collapsed on Wednesday."))
    assert collapse.span.value == "2010-01-13"
    (summit,) = extract_mentions(article("summit", JULY_1, "Trump spoke at Friday's summit in Osaka."))
    assert (summit.span.value, summit.title) == ("2019-06-28", "Trump spoke at the summit in Osaka")
    # ... and so is a date before a noun after of/over/about, or after "in the wake of"
    assert extract_mentions(article("named", dt.date(2010, 6, 1), "Regulators will inspect every rig to prevent a "
                                    "repeat of the April 20 blast. The controversy over the April 20 explosion "
                                    "grew. BP courted scientists in the wake of the April 20 oil spill.")) == ()
    # nor a supposition
    assert extract_mentions(article("suppose", dt.date(2010, 6, 10), "Suppose we observe the whole system today. "
                                    "Imagine the cap fails on Friday.")) == ()
    # nor a point of comparison, nor a day that refers back to a day the text never named
    assert extract_mentions(article("than", dt.date(2010, 6, 10), "Support for drilling is lower than it was a "
                                    "year ago. Some of them dealt with other spills on the same day.")) == ()
    assert [m.span.value for m in extract_mentions(article("same", dt.date(2010, 8, 1), "Talks ended on July 20. "
                                                           "The envoys left on the same day."))] == ["2010-07-20"] * 2
    # what today is compared with is no event of today's
    assert extract_mentions(article("as today", dt.date(2010, 6, 29), "Lawmakers reacted, much as they have "
                                    "today, by vowing change. Oil is cheaper than it is today.")) == ()
    (survived,) = extract_mentions(article("survived", dt.date(2010, 6, 1), "He survived the April 20 inferno."))
    assert survived.span.value == "2010-04-20"  # (not after such a word: the sentence's own date)


def test_a_date_that_names_a_thing_the_sentence_compares_with_or_follows_is_not_the_events():
    monday = dt.date(2011, 3, 14)
    # a possessive date after "followed", "such as", "like"; "like the <date> <noun>"
    assert extract_mentions(article("things", monday, "The protests that followed Tuesday's vote spread. "
                                    "Drills such as 2009's Harbour Shield tested the ports. "
                                    "The flood, like the 1953 disaster, broke the dykes.")) == ()
    # "ago" after the noun that "following", "after", "since" or "amid" governs, in a sentence
    # with no date of its own; beside one, the thing is an event of its own
    assert extract_mentions(article("ago", monday, "Families need shelter following the powerful storm "
                                    "five days ago.")) == ()
    aid, storm = extract_mentions(article("aid", monday, "Charities sent aid on Friday following the powerful "
                                          "storm five days ago."))
    assert (aid.span.value, storm.span.value) == ("2011-03-11", "2011-03-09")
    assert storm.title.startswith("The powerful storm, before")
    # ... but not a clause's ("since the plant closed two years ago": the closing), nor a
    # phrase with a preposition of its own ("the brink of a deal with Acme six years ago")
    (closed,) = extract_mentions(article("closed", monday, "Jobs have been scarce since the plant closed two "
                                         "years ago."))
    assert closed.span.value == "2009"
    (brink,) = extract_mentions(article("brink", monday, "He took the firm to the brink of a deal with Acme six "
                                        "years ago."))
    assert brink.span.value == "2005"

    # a possessive date after "with regard to", "regarding", "in response to" is a thing's too
    assert extract_mentions(article("regard", monday, "The mayor apologized with regard to Friday's remarks. "
                                    "Unions protested in response to last week's cuts.")) == ()


def test_a_clause_after_and_without_a_subject_takes_the_main_clauses():
    opened, suspended = extract_mentions(article("talks", dt.date(2009, 4, 28), "The talks opened on Monday and were "
                                                 "suspended on Tuesday."))
    assert (opened.title, suspended.title) == ("The talks opened", "The talks were suspended")
    first, second = extract_mentions(article("isolated", dt.date(2009, 4, 28), "The man had arrived home with a "
                                             "fever last Wednesday, and was isolated in a ward on Saturday night."))
    assert second.title == "The man was isolated in a ward"


def test_a_deadline_that_a_past_act_set_is_not_the_acts_date():
    sunday = dt.date(2010, 6, 13)
    assert extract_mentions(article("deadline", sunday, "Twelve mayors demanded a reply by June 18. "
                                    "The airlines committed to a cap on emissions by 2020.")) == ()
    # ... but a plan, a modal or a passive keeps its date, and so does a date already past
    sealed, finish, passed = extract_mentions(article("plans", sunday, "The well will be sealed by Friday. "
                                                      "BP was expected to finish the work by mid-August. "
                                                      "Crews capped the pipe by June 10."))
    assert (sealed.span.value, finish.span.value, passed.span.value) == ("2010-06-18", "2010-08", "2010-06-10")
    # (an -ed word after "of", "the" is an adjective: "barrels of escaped oil"; a plan further back counts)
    (plan,) = extract_mentions(article("plan", sunday, "The company plans to be able to handle 80,000 barrels of "
                                       "escaped oil per day by mid-July."))
    assert plan.span.value == "2010-07"
    deal, called_off = extract_mentions(article("deal", dt.date(2019, 12, 20), "Dec. 13, 2019: the two sides "
                                                "announce the final deal, and tariffs planned for Dec. 15 are called off."))
    assert called_off.title == "Tariffs planned are called off"  # (the side clause's verb after its date)
    # a time "later that week" is an event of its own, though its week holds the main one's day
    heard, granted = extract_mentions(article("delay", dt.date(2024, 2, 26), "Judge Elena Ruiz heard arguments "
                                              "Wednesday and granted the delay later that week."))
    assert (heard.span.start, heard.title) == (dt.date(2024, 2, 21), "Judge Elena Ruiz heard arguments")
    assert (granted.span.end, granted.title) == (dt.date(2024, 2, 25), "Judge Elena Ruiz granted the delay")
    (shift,) = extract_mentions(article("shift", dt.date(2024, 10, 26), "Supplier Vantage Coil said Friday it "
                                        "would cut a shift at its Ohio plant starting next month."))
    assert shift.title.endswith("at its Ohio plant")  # (no "starting" left hanging)
    vote, count = extract_mentions(article("count", JULY_1, "The vote was on Friday and the count was on Saturday."))
    assert (vote.title, count.title) == ("The vote was on Friday", "The count was on Saturday")
    # ... and so are a part of a day's occasion and its deadline
    for body, day in (("The committee voted at the end of Tuesday's hearing to subpoena the documents.", "2019-06-25"),
                      ("The striker was injured in the first half of Sunday's game.", "2019-06-30"),
                      ("Congress failed to pass a spending bill by Friday's deadline.", "2019-06-28")):
        (found,) = extract_mentions(article("part", JULY_1, body))
        assert found.span.value == day, body
    assert "end of the hearing" in extract_mentions(article("part", JULY_1, "The committee voted at the end of "
                                                            "Tuesday's hearing."))[0].title
    # a reporting period's end is no event; a period's end that is the news is
    (revenue,) = extract_mentions(article("revenue", JULY_1, "Revenue in the quarter ended June 30 was $610 million."))
    assert revenue.span.precision == "quarter"
    (ends,) = extract_mentions(article("ends", JULY_1, "The consultation period ends on Friday."))
    assert ends.span.value == "2019-07-05"


def test_a_count_of_days_after_a_date_moves_the_event_and_a_vague_one_drops_it():
    friday = dt.date(2011, 9, 23)
    (march,) = extract_mentions(article("march", friday, "Two days after the election on Nov. 3, 2010, protesters "
                                        "marched in Portland."))
    assert (march.span.value, march.title) == ("2010-11-05", "Protesters marched in Portland")
    (split,) = extract_mentions(article("split", friday, "A week before the vote on June 9, the party split."))
    assert (split.span.value, split.title) == ("2011-06-02", "The party split")
    (rescue,) = extract_mentions(article("rescue", friday, "Hours after the quake on Tuesday, rescuers reached the town."))
    (later,) = extract_mentions(article("later", friday, "Two weeks later than the launch on March 3, the probe "
                                        "reached orbit."))
    assert (later.span.value, later.title) == ("2011-03-17", "The probe reached orbit")
    assert (rescue.span.value, rescue.title) == ("2011-09-20", "Rescuers reached the town")
    assert extract_mentions(article("tribute", friday, "Days after Jackson's death on 25 June, 2009, the band paid "
                                    "tribute to the singer.")) == ()
    # a clause after the count has its own date: when it is a side event, that one
    bridge = extract_mentions(article("bridge", dt.date(2023, 4, 12), "The Riverside bridge reopened to cars and "
                                      "buses yesterday, five weeks after it was closed on March 4."))
    assert [(m.span.value, m.title) for m in bridge] == [
        ("2023-04-11", "The Riverside bridge reopened to cars and buses"),
        ("2023-03-04", "It was closed, before the Riverside bridge reopened to cars and buses")]
    dow = extract_mentions(article("dow", JULY_1, "The Dow fell 800 points on Wednesday, its worst day of the year, "
                                   "down from a record high in July."))[0]
    assert dow.title == "The Dow fell 800 points, its worst day of the year"  # (a unit alone is no count)
    # months and years count too, at the date's precision; "the day after" is one day
    for body, values in (("One year after the attack on Oct. 1, 2017, a memorial opened.", ["2018-10-01"]),
                         ("A month after the coup on Feb. 1, protests spread.", ["2019-03-01"]),
                         ("The day after the vote on June 9, the party split.", ["2019-06-10"]),
                         # (and a clause after the count is an event of its own, on its own date)
                         ("The team won its first title two years after it was founded in 1998.", ["2000", "1998"]),
                         ("The plant closed 20 years after it opened in 1965.", ["1985", "1965"])):
        assert [m.span.value for m in extract_mentions(article("count", JULY_1, body))] == values, body
    engineers = extract_mentions(article("engineers", dt.date(2012, 5, 3), "The first 100 engineers are expected to "
                                         "arrive by the end of Thursday, with several hundred more due by Saturday."))
    assert [m.title for m in engineers] == ["The first 100 engineers are expected to arrive", "Several hundred more due"]
    # ("last month after ..." counts no months)
    assert [m.span.value for m in extract_mentions(article("senator", JULY_1, "The senator resigned last month after "
                                                           "reports surfaced on June 3."))] == ["2019-06", "2019-06-03"]
    # and one told between dashes is a relative clause's event, as one between commas
    (collapse,) = extract_mentions(article("murray", dt.date(2009, 6, 28), "Dr Murray - who was with the singer when "
                                           "he collapsed last Thursday - had given police information."))
    assert (collapse.span.value, collapse.title) == ("2009-06-25", "Dr Murray was with the singer when he collapsed")


def test_the_main_clause_dates_the_event_before_a_clause_about_what_led_to_it():
    fall, recall = extract_mentions(article("shares", dt.date(2024, 11, 9), "Shares of Keller Appliances fell 11% "
                                            "this week after the company recalled 180,000 space heaters on Tuesday."))
    assert (fall.span.value, fall.title) == ("2024-W45", "Shares of Keller Appliances fell 11%")
    assert (recall.span.value, recall.title) == ("2024-11-05", "The company recalled 180,000 space heaters")
    # "since the truce agreed on Dec. 1" is where a span starts, not a cause: it stays first
    (since, *_) = extract_mentions(article("buyers", dt.date(2019, 3, 2), "Chinese buyers have made some purchases "
                                           "since the truce agreed on Dec. 1, but exports remain far below the "
                                           "levels seen before the trade war began last year."))
    assert since.span.value == "2018-12-01"


def test_a_short_after_phrase_yields_the_main_event_to_the_main_clause():
    friday = dt.date(2024, 1, 10)
    reelected, debate = extract_mentions(article("mayor", friday, "The mayor was reelected in November after a "
                                                 "debate on Oct. 3."))
    assert (reelected.span.value, reelected.title) == ("2023-11", "The mayor was reelected")
    assert (debate.span.value, debate.title) == ("2023-10-03", "A debate, before the mayor was reelected")
    # (not a date of an aside before it)
    leader = extract_mentions(article("party", JULY_1, "The party, which won 31% of the vote in 2015, has a new "
                                      "leader after a contentious race on Saturday."))[0]
    assert (leader.span.value, leader.title) == ("2019-06-29", "The party has a new leader after a contentious race")


def test_the_next_day_in_a_new_paragraph_follows_the_paragraph_before():
    body = ("Fire crews reached the warehouse on Monday.\n\nThe next day, the owner was arrested.\n\n"
            "The fire broke out on 20 February.\n\nNine days later, the owner was charged.")
    found = extract_mentions(article("fire", dt.date(2011, 3, 2), body))
    assert [(m.span.value, m.title) for m in found] == [
        ("2011-02-28", "Fire crews reached the warehouse"), ("2011-03-01", "The owner was arrested"),
        ("2011-02-20", "The fire broke out"), ("2011-03-01", "The owner was charged")]
    assert [m.anchor for m in found] == ["p1-s1", "p2-s1", "p3-s1", "p4-s1"]
    # (a deadline ahead is no day the story moves on from)
    body = ("The storm hit the coast on Monday. Officials expect repairs to take until Aug. 30.\n\n"
            "The next day, the governor declared an emergency.")
    found = extract_mentions(article("storm", dt.date(2019, 7, 3), body))
    assert found[-1].title == "The governor declared an emergency" and found[-1].span.value == "2019-07-02"


def test_a_date_in_a_since_or_although_clause_dates_that_clause():
    friday = dt.date(2012, 3, 9)
    for body, value, title in (
            ("Since the outbreak was declared on 23 April, Mexico City has spent 4.5 bn pesos on the response.",
             "2011-04-23", "The outbreak was declared"),
            ("Sixty families are still sleeping in the open, although blankets did arrive yesterday.",
             "2012-03-08", "Blankets did arrive"),
            ("Although it rained, the match went ahead on Sunday.", "2012-03-04", "The match went ahead"),
            ("Although it was only announced on Friday, the concert sold out within hours.", "2012-03-09",
             "The concert sold out within hours"),
            ("The company reported record profits, although its shares fell on Monday.", "2012-03-05",
             "The company reported record profits, although its shares fell"),
            # ... and so does a clause of its own after "and" or "but"
            ("The minister said a hospital ship would be sent within days, and 9,000 troops would be in the "
             "region by Monday.", "2012-03-12", "9,000 troops would be in the region"),
            ("Officials met in Geneva, but the talks collapsed on Monday.", "2012-03-05", "The talks collapsed"),
            ("Cases grew to at least 279 in 36 states, and on Tuesday 6 March, Governor Ann Lee declared a state "
             "of emergency.", "2012-03-06", "Governor Ann Lee declared a state of emergency")):
        (found,) = extract_mentions(article("clause", friday, body))
        assert (found.span.value, found.title) == (value, title), body


def test_the_day_of_a_report_dates_news_about_a_past_period():
    (report,) = extract_mentions(article("q3", dt.date(2024, 10, 26), "The company said on Wednesday that "
                                         "profit fell 18% in the third quarter."))
    assert (report.span.value, report.title) == ("2024-10-23", "The company said that profit fell 18% in the third quarter")
    (founded,) = extract_mentions(article("founded", dt.date(2019, 8, 12), "The company which was founded in 1998 "
                                          "announced on Tuesday that it would close."))
    assert founded.span.value == "2019-08-06"
    # ... but a report said at the end leaves the period to what it dates
    (outbreak,) = extract_mentions(article("outbreak", JULY_1, "The measles outbreak, which began in October, has "
                                           "now sickened 285 people, health officials said on Monday."))
    assert (outbreak.span.value, outbreak.title) == ("2018-10", "The measles outbreak began")
    # ... but a plan for a period ahead is that period's
    (plan,) = extract_mentions(article("plan", dt.date(2024, 10, 26), "The supplier said Friday it would cut a "
                                       "shift starting next month."))
    assert plan.span.value == "2024-11"


def test_a_readers_comment_header_dates_no_event():
    body = ("At 2:36 pm on 02 Jun 2009, aeroarchie wrote: There were many western journalists at Tiananmen "
            "Square on June 3 and 4, 1989.\n\nAt 07:59 am on 01 Jun 2009, another reader wrote: I agree. "
            "At 09:35 2nd Jun 2009, doctorinsingapore wrote: So do I.")
    (found,) = extract_mentions(article("comments", dt.date(2009, 6, 3), body))
    assert (found.span.value, found.title) == ("1989-06-03", "There were many western journalists at Tiananmen Square")
    (show,) = extract_mentions(article("show", dt.date(2019, 8, 12), "Visitors can see the exhibition from 16 to "
                                       "20 August."))
    assert (show.span.start, show.span.end) == (dt.date(2019, 8, 16), dt.date(2019, 8, 20))  # ("from" opens it)
    (train,) = extract_mentions(article("train", dt.date(2019, 8, 12), "The last train left Euston at 11:40 on "
                                        "Friday, one stranded passenger wrote: we were left with nowhere to go."))
    assert train.span.value == "2019-08-09"  # (no comment header: a sentence's own "at")
    (letter,) = extract_mentions(article("letter", dt.date(2009, 6, 3), "On June 2, the minister wrote: we will act."))
    assert letter.span.value == "2009-06-02"
    # ... and what a page says of itself neither, nor a wire service's stamp in a headline
    stamps = ("Last updated: 29 June 2010\n\nA version appeared on p17 of the Main section on Tuesday 1 June 2010.\n\n"
              "WASHINGTON | Wed Jun 16, 2010 2:59 pm EDT WASHINGTON (Reuters) - BP's chief executive on Tuesday "
              "agreed to set up a fund.")
    (fund,) = extract_mentions(article("stamps", dt.date(2010, 6, 16), stamps))
    assert (fund.span.value, fund.title) == ("2010-06-15", "BP's chief executive agreed to set up a fund")
    # (and merge compares reports without their page's furniture: the stamp, the wire's name)
    from generator.extract import without_furniture
    assert without_furniture("WASHINGTON | Wed Jun 16, 2010 2:59 pm EDT WASHINGTON (Reuters) - BP's chief "
                             "executive agreed to set up a fund.") == "BP's chief executive agreed to set up a fund."
    assert without_furniture("WASHINGTON | Wed Jun 16, 2010 2:59 pm EDT BP's chief executive agreed to set up "
                             "a fund.") == "BP's chief executive agreed to set up a fund."
    # nor a blog's or a live chat's clock stamps, bylines, comment footers, credits or copyright
    page = ("Friday, April 30, 2010; 2:30 PM A huge oil slick washed up in coastal Louisiana on Friday.\n\n"
            "-- June 02, 2010 2:37 PM I met my husband online. -- June 02, 2010 2:18 PM -- June 02, 2010 2:19 PM "
            "Ooh!\n\nBy Ezra Klein | May 14, 2010; 7:15 AM ET The comments to this entry are closed.\n\n"
            "Posted by: linda35 | May 27, 2010 5:34 PM | Report abuse OK, just to make it clear.\n\n"
            "Photograph: Lee Celano/Reuters Divers reached the wreck yesterday.\n\n"
            "FILE - In this June 1, 2010 file photo, workers collect oil on Fourchon Beach.\n\n"
            "Content and Programming Copyright 2010 Fox News Network, Inc. All rights reserved.\n\n"
            "This article was amended on Friday 30 April 2010.\n\n"
            "Friday 30 April 2010 15.39 BST Health officials warned farmers today.")
    # nor a live blog's entries' clock times, when all its numbered entries read as times
    live = ("2224 The US Coast Guard posted videos of the damage on Wednesday.\n\n2155 Aid agencies say planes "
            "will land tomorrow.\n\n1656 Pope Benedict XVI appeals for help.\n\n0930 The quake struck on Tuesday.")
    assert [(m.span.value, m.title) for m in extract_mentions(article("live", dt.date(2010, 1, 13), live))] == [
        ("2010-01-13", "The US Coast Guard posted videos of the damage"), ("2010-01-14", "Aid agencies say planes will land"),
        ("2010-01-12", "The quake struck")]
    # ... with a colon after the time too ("2025: We're now waiting for ...")
    live = ("2200: Our coverage ends now.\n\n2155: A reader writes that the spill must stop.\n\n"
            "2025: We're now waiting for questions.\n\n1905: Welcome to our coverage of the speech.")
    assert extract_mentions(article("live", dt.date(2010, 6, 15), live)) == ()
    # ... and each entry is read on its own: "the night" is not that of a day another entry named
    live = ("2105: A reader writes: the quake in Sichuan on May 12, 2008 was worse.\n\n2110: Rescuers say it was a "
            "small miracle when a girl was pulled out during the night.\n\n2115: More planes are due.\n\n"
            "2120: Our coverage ends.")
    night = [m for m in extract_mentions(article("live", dt.date(2010, 1, 14), live)) if "miracle" in m.quote]
    assert [m.span.start for m in night] == [dt.date(2010, 1, 14)]
    chronology = ("2001: The company is founded.\n\n2003: It lists its shares.\n\n2005: A rival buys it.\n\n"
                  "2008: It is sold again.")  # (with colons, a chronology's years stay years)
    assert [m.span.value for m in extract_mentions(article("colons", dt.date(2010, 6, 15), chronology))] == [
        "2001", "2003", "2005", "2008"]
    chronology = "1871 The family settles in Gary.\n\n1958 Michael is born.\n\n1964 The band forms.\n\n1969 Its first hit."
    assert [m.span.value for m in extract_mentions(article("years", dt.date(2010, 1, 13), chronology))] == ["1871", "1958", "1964", "1969"]
    chronology = ("1945 The country gains independence.\n\n2001 It joins the WTO.\n\n2010 A new constitution is "
                  "adopted.\n\n2015 The president is impeached.")  # (every number a time too, but all years first)
    assert [m.span.value for m in extract_mentions(article("years", dt.date(2019, 7, 3), chronology))] == [
        "1945", "2001", "2010", "2015"]
    # a chronology's lines: the year that opens each dates its day and leaves the headline
    lines = "Timeline\n\n2003 Blair backs the Iraq war on March 18.\n\n2007 Brown becomes prime minister on June 27."
    assert [(m.span.value, m.title) for m in extract_mentions(article("chronology", dt.date(2012, 5, 6), lines))] == [
        ("2003-03-18", "Blair backs the Iraq war"), ("2007-06-27", "Brown becomes prime minister")]
    found = extract_mentions(article("blog", dt.date(2010, 4, 30), page))
    assert [(m.span.value, m.title) for m in found] == [
        ("2010-04-30", "A huge oil slick washed up in coastal Louisiana"),
        ("2010-04-29", "Divers reached the wreck"),
        ("2010-06-01", "Workers collect oil on Fourchon Beach"), ("2010-04-30", "Health officials warned farmers")]


def test_a_hypothesis_dates_no_event_and_speculation_is_less_sure():
    body = ("The two sides said on Friday that they had agreed on a deal, ending months of uncertainty "
            "over whether new tariffs would hit phones, laptops and toys on Sunday.")
    (found,) = extract_mentions(article("deal", dt.date(2019, 12, 14), body))
    assert (found.expression, found.span.value) == ("Friday", "2019-12-13")
    assert found.title.startswith("The two sides said that they had agreed")
    (sure,) = extract_mentions(article("cuts", JULY_1, "The company will cut 200 jobs next year."))
    (unsure,) = extract_mentions(article("cuts", JULY_1, "The company may cut 200 jobs next year."))
    assert unsure.confidence <= sure.confidence - 0.3
    assert extract_mentions(article("cuts", JULY_1, "The company may cut 200 jobs next year."), min_confidence=0.5) == ()


def test_extraction_switches():
    body = "The tariffs rose on May 10, 2019."
    assert extract_mentions(article("off", JULY_1, body, extract=False)) == ()
    assert extract_mentions(article("on", JULY_1, body), enabled=False) == ()
    key = mention_key("on", body)
    assert extract_mentions(article("on", JULY_1, body, exclude_events=(key,))) == ()


def test_headline_drops_the_date_and_its_preposition():
    sentence = "On Sunday, President Trump said he would delay the increase."
    assert headline_from(sentence, (3, 9)) == "President Trump said he would delay the increase"


def test_headline_leaves_out_who_reported_it_and_never_ends_inside_a_name():
    assert headline_from("Unemployment fell to 3.8 percent in February, the Labor Department said on March 8.",
                         (36, 44)) == "Unemployment fell to 3.8 percent"
    sentence = "The exchanges were closed on Wednesday for a national day of mourning for former President George H.W. Bush."
    at = sentence.index("Wednesday")
    assert headline_from(sentence, (at, at + 9)).endswith("former President George H.W. Bush")
    sentence = "Trump announced the deal on Dec. 1 after meeting Xi on the sidelines of the Group of 20 summit in Argentina."
    at = sentence.index("Dec. 1")
    assert headline_from(sentence, (at, at + 6)) == \
        "Trump announced the deal after meeting Xi on the sidelines of the Group of 20 summit in Argentina"
    # a clause after "said" is what was said: kept
    assert headline_from("On Sunday, President Trump said he would delay the increase.", (3, 9)) == \
        "President Trump said he would delay the increase"


def test_two_dated_clauses_make_two_headlines_each_of_its_own_clause():
    found = extract_mentions(article("talks", JULY_1, "Talks resumed on May 2, 2019, and ended on May 5."))
    assert [(m.title, m.span.value) for m in found] == [("Talks resumed", "2019-05-02"), ("Talks ended", "2019-05-05")]
    found = extract_mentions(article("mill", JULY_1, "The mill closed on June 3, 2019, after it employed 2,400 "
                                                     "people at its peak in the 1980s."))
    assert [m.title for m in found] == ["The mill closed", "It employed 2,400 people at its peak"]
    # a name with "and" in it is no clause break; "if any" is no hypothesis
    body = ("The hearing by the Energy and Natural Resources Committee began on Monday and the afternoon "
            "session was cancelled on Tuesday. Scientists measured the effects, if any, on April 20.")
    titles = [m.title for m in extract_mentions(article("hearing", JULY_1, body))]
    assert titles[0] == "The hearing by the Energy and Natural Resources Committee began"
    assert any(m.expression == "April 20" for m in extract_mentions(article("hearing", JULY_1, body)))


def test_same_event_in_three_articles_merges_with_three_sources():
    reports = [
        article("a", dt.date(2019, 6, 30), "Trump and Xi met at the G20 summit in Osaka on Saturday.", source="A"),
        article("b", JULY_1, "Trump and Xi met at the G20 summit in Osaka on June 29.", source="B"),
        article("c", dt.date(2019, 7, 2), "Trump and Xi met in Osaka at the G20 summit on June 29, 2019.", source="C"),
    ]
    mentions = tuple(m for a in reports for m in extract_mentions(a))
    timeline = merge(tuple(reports), mentions)
    (event,) = timeline.events
    assert [s.publisher for s in event.sources] == ["A", "B", "C"]
    assert event.span.start == dt.date(2019, 6, 29) and event.span.precision == "day"
    assert not event.disagreement


def test_two_events_on_one_day_stay_two():
    report = article("d", JULY_1, "Trump and Xi met at the G20 summit in Osaka on June 29, 2019. "
                                  "Separately, a typhoon flooded farms in southern Vietnam on June 29, 2019.")
    timeline = merge((report,), extract_mentions(report))
    assert len(timeline.events) == 2
    # one word in common is not one event (nor is a sentence's first word a name)
    first = article("a", JULY_1, "Talks collapsed yesterday.")
    second = article("b", JULY_1, "Talks resumed yesterday.")
    timeline = merge((first, second), extract_mentions(first) + extract_mentions(second))
    assert sorted(e.title for e in timeline.events) == ["Talks collapsed", "Talks resumed"]


def one_event(texts):
    """The single event that the reports (slug, publication day, body) merge into."""
    articles = [article(slug, day, body) for slug, day, body in texts]
    (event,) = merge(tuple(articles), tuple(m for a in articles for m in extract_mentions(a))).events
    return event


def test_a_merged_event_is_headed_by_its_most_typical_report():
    # The earliest report leads the merge (it founds the event and gives its id), but its
    # sentence is about something else; the headline comes from the report most like the rest.
    texts = [("later", dt.date(2019, 8, 6), "The fresh tariffs would end the truce Trump and Xi agreed over dinner "
                                           "in Buenos Aires on Dec. 1, 2018."),
             ("recap", dt.date(2019, 12, 1), "Trump and Xi agreed to a truce over dinner in Buenos Aires on Dec. 1, 2018."),
             ("wire", dt.date(2019, 12, 2), "Trump and Xi agreed on a truce at a dinner in Buenos Aires on Dec. 1, 2018.")]
    event = one_event(texts)
    assert len(event.sources) == 3
    assert event.id == extract_mentions(article(*texts[0]))[0].key  # the founder keeps the id
    assert event.title == "Trump and Xi agreed to a truce over dinner in Buenos Aires"


def test_a_headline_cut_short_does_not_head_a_merged_event():
    texts = [("arrest", dt.date(2018, 12, 6), "The arrest took place on Dec. 1, the same Saturday that President "
                                             "Trump and Chinese President Xi Jinping agreed to a truce over dinner in "
                                             "Buenos Aires."),
             ("recap", dt.date(2019, 12, 1), "Dec. 1, 2018: Trump and Chinese President Xi Jinping agree to a truce "
                                            "over dinner in Buenos Aires."),
             ("wire", dt.date(2019, 12, 2), "It has been a year since President Trump and Chinese President Xi "
                                           "Jinping agreed on a truce at a dinner in Buenos Aires on Dec. 1, 2018."),
             ("buyers", dt.date(2019, 3, 2), "Chinese buyers have made some purchases since the truce that President "
                                            "Trump and Chinese President Xi Jinping agreed on Dec. 1.")]
    assert one_event(texts).title == "Trump and Chinese President Xi Jinping agree to a truce over dinner in Buenos Aires"


def test_a_headline_led_by_a_pronoun_heads_a_group_only_when_none_other_can():
    texts = [("a", dt.date(2019, 7, 6), "A magnitude 7.1 earthquake struck Southern California near Ridgecrest on "
                                       "Friday night."),
             ("b", dt.date(2019, 7, 6), "A 7.1 earthquake struck near Ridgecrest in Southern California on Friday night."),
             ("c", dt.date(2019, 7, 7), "On Friday night, it struck near Ridgecrest in Southern California.")]
    assert one_event(texts).title == "A 7.1 earthquake struck near Ridgecrest in Southern California"


def test_a_month_or_more_joins_a_days_event_only_on_close_wording():
    # The same chief executive named in both is not the same event: a share buyback in the
    # first quarter and a new officer starting on Jan. 6.
    buyback = article("buyback", dt.date(2024, 10, 24), "Chief executive Laura Keller told analysts that the "
                      "company would restart its share buyback in the first quarter of next year.")
    hire = article("hire", dt.date(2024, 12, 2), "Cho, who starts Jan. 6, will report directly to chief executive "
                   "Laura Keller.")
    timeline = merge((buyback, hire), extract_mentions(buyback) + extract_mentions(hire))
    assert sorted(e.span.value for e in timeline.events) == ["2025-01-06", "2025-Q1"]
    # ... while close wording still makes one event of a month and a day
    month = article("month", dt.date(2019, 6, 20), "Tariffs on Chinese goods rose to 25% in May.")
    day = article("day", dt.date(2019, 5, 11), "Tariffs on Chinese goods rose to 25% on May 10.")
    (event,) = merge((month, day), extract_mentions(month) + extract_mentions(day)).events
    assert event.span.value == "2019-05-10" and len(event.sources) == 2


def test_ids_survive_headline_edits_and_new_articles():
    body = "The tariff increase on Chinese goods took effect on May 10, 2019."
    first = article("tariffs", dt.date(2019, 5, 11), body)
    base = merge((first,), extract_mentions(first)).events[0].id
    later = article("later", dt.date(2019, 6, 1), "The tariff increase on Chinese goods of May 10, 2019 still stings.")
    both = merge((first, later), extract_mentions(first) + extract_mentions(later))
    assert [e.id for e in both.events] == [base]
    assert len(both.events[0].sources) == 2


def test_authored_events_lead_and_keep_their_date():
    signing = AuthoredEvent(DateSpan(dt.date(2020, 1, 15), dt.date(2020, 1, 15), "day", "2020-01-15"),
                            "Phase-one deal signed", tags=("phase-one",), id="signing")
    report = article("e", dt.date(2020, 1, 16), "The phase-one deal was signed at the White House on Wednesday.",
                     authored=(signing,))
    (event,) = merge((report,), extract_mentions(report)).events
    assert event.id == "signing"
    assert event.title == "Phase-one deal signed"
    # one article is one source, however many of its sentences report the event: the prose's
    (source,) = event.sources
    assert source.quote == "The phase-one deal was signed at the White House on Wednesday." and "#p1-s1" in source.url


def test_timeline_is_chronological_with_months_before_their_days():
    report = article("f", dt.date(2019, 6, 1), "Tariffs rose on May 10, 2019. Huawei was blacklisted in May 2019. "
                                               "Markets fell sharply on May 13, 2019.")
    timeline = merge((report,), extract_mentions(report))
    assert [e.span.value for e in timeline.events] == ["2019-05", "2019-05-10", "2019-05-13"]


def test_every_event_gets_an_id_of_its_own_even_from_one_sentence():
    # One sentence that reports three events on three days: the three mentions share the
    # sentence's key, so two of the events need another id, and never the same one.
    from generator.model import Mention
    report = article("wire", JULY_1, "Three things happened.")
    sentence = "Talks collapsed on May 5, resumed on June 2 and ended on June 28."
    mentions = tuple(
        Mention(article_slug="wire", anchor="p1-s1", quote=sentence, expression=day.strftime("%B %-d"),
                span=DateSpan(day, day, "day", day.isoformat()), title=sentence, summary="", confidence=0.9,
                key=mention_key("wire", sentence))
        for day in (dt.date(2019, 5, 5), dt.date(2019, 6, 2), dt.date(2019, 6, 28)))
    timeline = merge((report,), mentions)
    ids = [event.id for event in timeline.events]
    assert len(timeline.events) == 3 and len(set(ids)) == 3
    assert ids == [event.id for event in merge((report,), mentions[::-1]).events]


class DictMemo:
    """A merge memo in memory (the build keeps it in the cache): records what merge asks."""

    def __init__(self):
        self.groups, self.made = {}, []

    def get(self, digests):
        return {d: self.groups[d] for d in digests if d in self.groups}

    def put(self, made, keep):
        self.made.append(set(made))
        self.groups = {d: g for d, g in {**self.groups, **made}.items() if d in keep}


def groupings(made):
    """The zones a merge grouped (not the notes of how it did: see timeline._trace_key)."""
    return {key for key in made if not key.startswith(b"trace")}


def test_years_merged_in_a_second_process_give_the_same_timeline(monkeypatch):
    import generator.timeline as timeline_module
    reports = [article(f"r{n}", dt.date(2010 + n % 5, 7, 1 + n % 20),
                       f"The council of town {n % 7} approved the port budget on June {1 + n % 20}, "
                       f"{2010 + n % 5}, after the summit in Osaka on May {1 + n % 9}, {2010 + n % 5}.")
               for n in range(40)]
    mentions = tuple(m for a in reports for m in extract_mentions(a))
    alone = merge(tuple(reports), mentions)
    monkeypatch.setattr(timeline_module, "PARALLEL_MIN_MENTIONS", 0)  # (real sites: thousands)
    forks = []
    real_forked = timeline_module.Forked
    monkeypatch.setattr(timeline_module, "Forked", lambda work: (forks.append(1), real_forked(work))[1])
    assert merge(tuple(reports), mentions, workers=2) == alone
    assert forks and len({e.span.start.year for e in alone.events}) == 5
    assert any(len(e.sources) > 1 for e in alone.events)


def test_a_new_report_has_its_year_grouped_in_a_second_process_while_this_one_makes_the_others(monkeypatch):
    import generator.timeline as timeline_module
    from dataclasses import replace

    def report(n: int, year: int, town: int):
        return replace(article(f"r{n}", dt.date(year, 7, 1 + n % 20),
                               f"The council of town {town} approved the port budget on June {1 + n % 20}, "
                               f"{year}, after the summit in Osaka on May {1 + n % 9}, {year}."),
                       body_key=f"key-r{n}")  # (as a build's articles: see _events_key)

    reports = tuple(report(n, 2010 + n % 5, n % 7) for n in range(40))
    mentions = tuple(m for a in reports for m in extract_mentions(a))
    memo = DictMemo()
    merge(reports, mentions, memo=memo)
    late = report(3, 2012, 3)
    late = replace(late, slug="late", body_key="key-late")
    everything, all_mentions = reports + (late,), mentions + extract_mentions(late)
    monkeypatch.setattr(timeline_module, "PARALLEL_MIN_MENTIONS", 0)  # (real sites: thousands)
    forks = []
    real_forked = timeline_module.Forked
    monkeypatch.setattr(timeline_module, "Forked", lambda work: (forks.append(1), real_forked(work))[1])
    updated = merge(everything, all_mentions, memo=memo, workers=2)
    assert forks == [1]  # the year grouped again, in the second process
    assert {key for key in memo.made[-1] if key.startswith(b"trace")} == {b"trace\x002012"}
    fresh = merge(everything, all_mentions)
    assert (updated.events, updated.tags) == (fresh.events, fresh.tags)
    assert len(updated.events) > 5 and {e.span.start.year for e in updated.events} >= set(range(2010, 2015))
    assert any("late" in {s.article_slug for s in e.sources} and len(e.sources) > 1 for e in updated.events)


def test_merge_remembers_each_year_and_a_new_report_merges_only_its_own_year_again():
    reports = [
        article("a", dt.date(2018, 6, 30), "The Osaka council approved the port budget on June 28, 2018."),
        article("b", JULY_1, "Trump and Xi met at the G20 summit in Osaka on June 29, 2019."),
        article("c", dt.date(2019, 7, 2), "Trump and Xi met in Osaka at the G20 summit on June 29, 2019."),
    ]
    late = article("d", dt.date(2019, 7, 3), "Trump and Xi met at the G20 summit in Osaka on Saturday, June 29.")
    mentions = tuple(m for a in reports for m in extract_mentions(a))
    memo = DictMemo()
    cold = merge(tuple(reports), mentions)
    assert merge(tuple(reports), mentions, memo=memo) == cold
    assert len(groupings(memo.made[-1])) == 2  # two years, each merged once
    assert merge(tuple(reports), mentions, memo=memo) == cold
    assert groupings(memo.made[-1]) == set()  # nothing changed: every year from the memo

    everything = tuple(reports) + (late,)
    all_mentions = mentions + extract_mentions(late)
    updated = merge(everything, all_mentions, memo=memo)
    assert len(groupings(memo.made[-1])) == 1  # only 2019 merged again
    assert updated == merge(everything, all_mentions)  # the same as merging from scratch
    summit = next(e for e in updated.events if e.span.start == dt.date(2019, 6, 29))
    assert [s.article_slug for s in summit.sources] == ["b", "c", "d"]


def test_merge_keeps_the_digests_of_events_whose_articles_did_not_change():
    from dataclasses import replace

    # (a build's articles carry the key of the cache entry they were read from)
    reports = [replace(a, body_key=f"key-{a.slug}") for a in (
        article("a", dt.date(2018, 6, 30), "The Osaka council approved the port budget on June 28, 2018."),
        article("b", JULY_1, "Trump and Xi met at the G20 summit in Osaka on June 29, 2019."),
    )]
    mentions = tuple(m for a in reports for m in extract_mentions(a))
    memo = DictMemo()
    first = merge(tuple(reports), mentions, memo=memo)
    again = merge(tuple(reports), mentions, memo=memo)
    assert again == first and len(again.digests) == len(again.events) == 2
    assert again.digests.keys() == first.digests.keys()
    for event in again.events:
        kept_event, digest = again.digests[event.id]
        assert kept_event is event and digest == first.digests[event.id][1]  # kept, not made again
    assert memo.made[-1] == set()

    # An edited 2019 article: the 2018 event keeps its digest; the 2019 one gets another.
    edited = replace(article("b", JULY_1, "Trump and Xi met at the G20 summit in Osaka on June 29, 2019, "
                                          "and agreed to talk again."), body_key="key-b-2")
    mentions = extract_mentions(reports[0]) + extract_mentions(edited)
    updated = merge((reports[0], edited), mentions, memo=memo)
    assert updated == merge((reports[0], edited), mentions)
    old, new = ({e.span.start.year: d for e, d in t.digests.values()} for t in (first, updated))
    assert new[2018] == old[2018] and new[2019] != old[2019]
    assert "agreed" in next(e for e in updated.events if e.span.start.year == 2019).sources[0].quote
    # A later report of the same day changes the 2019 event, and its digest.
    late = replace(article("c", dt.date(2019, 7, 3), "Trump and Xi met at the G20 summit in Osaka on "
                                                       "Saturday, June 29."), body_key="key-c")
    more = merge((reports[0], edited, late), mentions + extract_mentions(late), memo=memo)
    assert {e.span.start.year: d for e, d in more.digests.values()}[2019] not in (old[2019], new[2019])


def test_a_merge_that_remembers_reuses_the_events_of_years_whose_articles_did_not_change():
    from dataclasses import replace

    reports = [replace(a, body_key=f"key-{a.slug}") for a in (
        article("a", dt.date(2018, 6, 30), "The Osaka council approved the port budget on June 28, 2018."),
        article("b", JULY_1, "Trump and Xi met at the G20 summit in Osaka on June 29, 2019."),
    )]
    mentions = tuple(m for a in reports for m in extract_mentions(a))
    remembered: dict = {}
    first = merge(tuple(reports), mentions, memo=DictMemo(), remembered=remembered)
    assert first == merge(tuple(reports), mentions) and len(remembered) == 2  # one entry a year

    late = replace(article("c", dt.date(2019, 7, 3), "Trump and Xi met at the G20 summit in Osaka on "
                                                     "Saturday, June 29."), body_key="key-c")
    everything, all_mentions = tuple(reports) + (late,), mentions + extract_mentions(late)
    updated = merge(everything, all_mentions, memo=DictMemo(), remembered=remembered)
    assert updated == merge(everything, all_mentions)  # the same as merging from scratch
    by_year = {e.span.start.year: e for e in first.events}
    assert next(e for e in updated.events if e.span.start.year == 2018) is by_year[2018]  # taken, not made
    summit = next(e for e in updated.events if e.span.start.year == 2019)
    assert summit is not by_year[2019] and [s.article_slug for s in summit.sources] == ["b", "c"]
    assert len(remembered) == 2  # the old 2019 entry is gone


THURSDAY = dt.date(2019, 7, 4)


def test_extraction_rules_do_not_overreach():
    def dated(body):
        return [(m.expression, m.span.value, m.title) for m in extract_mentions(article("x", THURSDAY, body))]
    # a hypothesis ends at its clause
    assert dated("It was unclear whether the talks would resume, but the two sides met on Friday.")[0][:2] == \
        ("Friday", "2019-06-28")
    assert dated("Even if the talks fail, the strike ended on Monday.")[0][:2] == ("Monday", "2019-07-01")
    # "levels" marks a comparison only after a year; speculation lowers only a date still to come
    assert dated("On Tuesday levels in the reservoir fell to a record low.")[0][:2] == ("Tuesday", "2019-07-02")
    (seen,) = extract_mentions(article("x", THURSDAY, "Firefighters said they could see the smoke on Tuesday."))
    assert seen.confidence == 0.8
    # an opener is no clause of its own; a participle's comma is no report
    assert dated("On Monday, after talks with the union on Friday, the company cut 500 jobs.")[0][2] == \
        "The company cut 500 jobs"
    assert dated("Speaking at a conference in Davos on Wednesday, Microsoft's chief executive told CNBC.")[0][2] \
        .endswith("told CNBC")
    # a report's date makes no side event; a side clause with a subject of its own stands alone
    assert [d[0] for d in dated("The strike, which began on Monday, has shut 40 schools, officials said Tuesday.")] \
        == ["Monday"]
    assert dated("The president met Kim on Sunday, but the talks collapsed on Monday.")[1][2] == "The talks collapsed"
    assert dated("He arrived on June 12. That Friday he resigned.")[1][2] == "He resigned"


def test_a_date_in_an_aside_about_the_subject_dates_the_aside():
    def titles(body):
        return [(m.expression, m.title) for m in extract_mentions(article("x", THURSDAY, body))]
    assert titles("The strike, which began on Monday, has shut 40 schools.") == [("Monday", "The strike began")]
    assert titles("Meng, who was arrested on Dec. 1, appeared in court on Friday.") == [
        ("Friday", "Meng appeared in court"), ("Dec. 1", "Meng was arrested")]  # (the main clause first)
    # an aside that holds no date is left out of the main clause's headline; one that does heads its
    # own event, and "where" gives the aside's own subject
    assert titles("The governor, who took office in January, signed the bill on Tuesday.") == [
        ("Tuesday", "The governor signed the bill"), ("January", "The governor took office")]
    assert titles("Streets in the old town, where sewage flooded cellars on Tuesday, were mostly clean by this "
                  "morning.") == [("this morning", "Streets in the old town were mostly clean"),
                                  ("Tuesday", "Sewage flooded cellars")]
    # a whole clause before "who" is no subject
    assert titles("Mr Bly will report to Bob Dudley, who takes over as chief executive on Oct. 1.")[0][1] == \
        "Mr Bly will report to Bob Dudley, who takes over as chief executive"


def test_a_range_of_two_dates_leaves_the_headline_whole():
    def titles(body):
        return [m.title for m in extract_mentions(article("x", THURSDAY, body))]
    assert titles("Between 1879 and 1888, he was assistant secretary of the society.") == \
        ["He was assistant secretary of the society"]
    assert titles("In 2001 and 2002, sales doubled.") == ["Sales doubled"]


def test_a_side_clause_whose_subject_is_its_date_is_headed_by_it():
    body = ("U.S. exchanges were closed on Wednesday for a national day of mourning, so Thursday is the "
            "first session since news of the arrest broke.")
    closed, session = extract_mentions(article("markets", dt.date(2018, 12, 6), body))
    assert (closed.span.value, closed.title) == ("2018-12-05", "U.S. exchanges were closed for a national day of mourning")
    assert (session.span.value, session.title) == ("2018-12-06", "Thursday is the first session since news of the arrest broke")


def test_a_second_date_of_the_same_kind_of_event_takes_the_main_headline():
    found = extract_mentions(article("x", THURSDAY, "The company began drilling the first relief well on "
                                                    "2 May and the second on 16 May."))
    assert [(m.expression, m.title) for m in found] == [
        ("2 May", "The company began drilling the first relief well"),
        ("16 May", "The company began drilling the first relief well")]
    # with "after"/"before" the relation is still said
    found = extract_mentions(article("x", JULY_1, "Trump and Xi got trade talks back on track this past weekend, "
                                                  "after an impasse two months ago."))
    assert found[1].title == "An impasse, before Trump and Xi got trade talks back on track"


def test_a_side_clause_led_by_a_relation_word_is_the_clause_before_it():
    found = extract_mentions(article("x", dt.date(2019, 5, 14), "A public hearing on the list is set for June 17, "
                                                                "so new tariffs are unlikely before the end of next month."))
    assert [m.title for m in found][1] == "New tariffs are unlikely"
    (found,) = extract_mentions(article("x", JULY_1, "A meeting in Osaka this summer restarted the process."))
    assert found.title == "A meeting in Osaka restarted the process"  # (no "the" before a verb)


def test_a_date_that_is_the_subject_stays_in_the_headline():
    (found,) = extract_mentions(article("x", dt.date(2019, 5, 15), "Tuesday brought some relief as markets steadied."))
    assert found.title == "Tuesday brought some relief as markets steadied"
    (found,) = extract_mentions(article("x", JULY_1, "Last week Congress passed the bill."))
    assert found.title == "Congress passed the bill"


def test_a_side_clause_ending_in_a_relative_clause_is_named_by_it():
    found = extract_mentions(article("x", dt.date(2019, 8, 6), "The Treasury Department designated China a currency "
                                     "manipulator on Monday, escalating a trade dispute that had already flared "
                                     "late last week."))
    assert [m.title for m in found] == ["The Treasury Department designated China a currency manipulator",
                                        "A trade dispute had already flared"]


def test_a_date_in_a_participle_aside_dates_what_was_done_to_the_subject():
    def titles(body):
        return [m.title for m in extract_mentions(article("x", dt.date(2019, 9, 1), body))]
    assert titles("That increase, announced in August, had already been pushed back.") == ["That increase was announced"]
    assert titles("The tariffs, imposed in May, hurt farmers.") == ["The tariffs were imposed"]
    assert titles("My father Samuel, died at the age of 27 in 1901.") == ["My father Samuel, died at the age of 27"]
    # the main clause's own date cuts the headline at the comma, not at "before"
    assert titles("A public hearing is set for June 17, so new tariffs are unlikely before the end of next month.") \
        == ["A public hearing is set", "New tariffs are unlikely"]


@pytest.mark.parametrize("sentence, expression, headline", [
    # a headline cut inside its clause says so; one cut at a comma or before a clause does not
    ("Donaldson said on Tuesday that officials were closely monitoring the progress of swine flu in southern "
     "hemisphere countries such as Australia.", "Tuesday",
     "Donaldson said that officials were closely monitoring the progress of swine flu in southern hemisphere "
     "countries such as Australia"),
    ("A team of state engineers arrived at the Harbor Bridge on Wednesday, three days after the city shut the "
     "span to traffic.", "Wednesday", "A team of state engineers arrived at the Harbor Bridge"),
    # "later"/"earlier" before a day go with it
    ("Interior Secretary Ken Salazar planned to discuss details of the decision later Wednesday.", "Wednesday",
     "Interior Secretary Ken Salazar planned to discuss details of the decision"),
    ("Once the device is in place later Friday, the robots will secure it over the main leak.", "Friday",
     "Once the device is in place, the robots will secure it over the main leak"),
    # an irregular past after the date is a verb: no "the" in front of it
    ("A safety review published last year found 41 deaths during that period.", "last year",
     "A safety review found 41 deaths during that period"),
    # a date after a preposition leaves no "the" behind
    ("They did not want people woken up at three o'clock in the morning due to false alarms.", "the morning",
     "They did not want people woken up at three o'clock due to false alarms"),
    # a long subordinate clause before the main one goes
    ("While the company plans to eventually use an additional set of hoses and pipes to increase the amount of "
     "oil being trapped, the ultimate solution remains a relief well due in August.", "August",
     "The ultimate solution remains a relief well due"),
    # "alone" after the date goes with it; the comma that closed an opening phrase stays, so
    # the phrase goes; a list is no aside
    ("Landrieu banked almost $17,000 from the company in 2008 alone.", "2008",
     "Landrieu banked almost $17,000 from the company"),
    ("In a response filed on Wednesday, BP called the motion premature.", "Wednesday", "BP called the motion premature"),
    ("Mexico City was getting back to normal on Thursday, reopening schools, bars, churches and restaurants as "
     "officials said the worst was over.", "Thursday", "Mexico City was getting back to normal"),
    # a relative clause's date, past a name in apposition: the relative clause's event
    ("One Taiwanese vessel that arrived this week, the so-called A Whale, is a converted supertanker.", "this week",
     "One Taiwanese vessel arrived"),
    # a wire's summary lines: the one with the date
    ("New tests will go to state health departments * New lab will help Mexico * Officials said on Thursday "
     "the virus is a mongrel.", "Thursday", "Officials said the virus is a mongrel"),
    # a report's participle before its date goes with it
    ("Experts say so, and a report published on Monday shows the new strain spread.", "Monday",
     "Experts say so, and a report shows the new strain spread"),
    ("The plan that ministers unveiled on Tuesday was criticised by opposition parties.", "Tuesday",
     "The plan that ministers unveiled was criticised by opposition parties"),
    # "of" before a date that modifies a noun is the noun's
    ("Democrats hope to hold their seats ahead of November elections.", "November",
     "Democrats hope to hold their seats ahead of elections"),
    ("The memo of June 3 was leaked.", "June 3", "The memo was leaked"),
    ("The blowout of April 20 aboard the rig was preventable.", "April 20", "The blowout aboard the rig was preventable"),
    ("The final program of the season tells the story of two widowers.", "the season",
     "The final program tells the story of two widowers"),
    # a quotation's own comma stays before its closing mark
    ("\u201cThe talks collapsed on Monday,\u201d the envoy said.", "Monday", "\u201cThe talks collapsed,\u201d the envoy said"),
    # a wire's dateline given twice goes
    ("AP COVINGTON, La. -- COVINGTON, La. (AP) -- The spill surpassed the Exxon Valdez on Thursday as the "
     "worst in U.S. waters.", "Thursday", "The spill surpassed the Exxon Valdez as the worst in U.S. waters"),
    # the subject of a "which" aside, without the preposition in front of it
    ("In New Zealand, which reported its first cases of the virus last week, church authorities banned the "
     "shared chalice.", "last week", "New Zealand reported its first cases of the virus"),
    # an aside between dashes, about who someone is, goes from a long headline
    ("Director Spike Lee -- who has been on the vanguard of outrage over the spill -- told a gathering of New "
     "York bloggers about it on Saturday.", "Saturday",
     "Director Spike Lee told a gathering of New York bloggers about it"),
])
def test_headline_cuts_and_leftovers(sentence, expression, headline):
    at = sentence.index(expression)
    assert headline_from(sentence, (at, at + len(expression))) == headline


def test_a_report_in_other_words_joins_a_big_event_by_what_its_reports_share():
    # Each report brings words of its own, so a big event's words are many; a plain report of
    # the explosion shares few of them all, but most of those that several reports use.
    texts = [
        ("a", dt.date(2010, 5, 3), "The Deepwater Horizon rig exploded on April 20, killing 11 workers and starting a "
                                   "huge leak into the Gulf of Mexico."),
        ("b", dt.date(2010, 5, 10), "Investigators say a surge of methane gas shot up the Deepwater Horizon well "
                                    "before the rig exploded on April 20."),
        ("c", dt.date(2010, 5, 17), "Survivors described chaos and flames aboard the Deepwater Horizon rig when it "
                                    "exploded on April 20."),
        ("d", dt.date(2010, 6, 1), "Congress blamed faulty cement and a failed blowout preventer for the Deepwater "
                                   "Horizon explosion on April 20."),
        ("e", dt.date(2010, 6, 8), "Transocean owned the Deepwater Horizon rig, which BP leased until it exploded on "
                                   "April 20."),
        ("f", dt.date(2010, 6, 15), "The Deepwater Horizon rig exploded on April 20."),
        ("g", dt.date(2010, 6, 22), "On April 20, shares in the drilling firm Transocean rose by 4% in New York trading."),
    ]
    articles = [article(slug, day, body) for slug, day, body in texts]
    events = merge(tuple(articles), tuple(m for a in articles for m in extract_mentions(a))).events
    assert sorted(sorted(s.article_slug for s in e.sources) for e in events) == [
        ["a", "b", "c", "d", "e", "f"], ["g"]]


def test_a_with_clause_on_another_day_is_headed_without_its_with():
    found = extract_mentions(article("talks", dt.date(2019, 7, 6), "Talks resumed on Monday, with officials "
                                                                   "meeting again on Friday."))
    assert [(m.span.value, m.title) for m in found] == [("2019-07-01", "Talks resumed"),
                                                        ("2019-07-05", "Officials meeting again")]


def test_and_with_no_comma_goes_on_the_nearest_clause():
    body = "Eleven workers died when the Deepwater Horizon rig exploded off Louisiana on April 20 and sank two days later."
    found = extract_mentions(article("rig", dt.date(2010, 5, 3), body))
    assert [(m.span.value, m.title) for m in found] == [
        ("2010-04-20", "Eleven workers died when the Deepwater Horizon rig exploded off Louisiana"),
        ("2010-04-22", "The Deepwater Horizon rig sank")]


def test_a_date_in_a_last_which_clause_dates_that_clause():
    # "..., which was capped last week": the well's capping, not what the official said
    body = ("Thad Allen said the company could continue for 24 more hours a pressure test at the well, which was "
            "capped last week.")
    (found,) = extract_mentions(article("well", dt.date(2010, 7, 19), body))
    assert (found.span.value, found.title) == ("2010-W28", "The well was capped")
    # two verbs with a date each: two events of the spill
    body = "BP faces billions of dollars in fines from the spill, which began in April and was plugged in July."
    found = extract_mentions(article("spill", dt.date(2010, 9, 28), body))
    assert [(m.span.value, m.title) for m in found] == [("2010-04", "The spill began"),
                                                        ("2010-07", "The spill was plugged")]
    # no such clause: the main clause it is
    (found,) = extract_mentions(article("union", dt.date(2019, 7, 6), "The minister met the union on Tuesday, which "
                                                                     "was a surprise."))
    assert found.title == "The minister met the union, which was a surprise"


def test_a_wire_pages_title_byline_and_stamp_date_no_event():
    body = ("Swine flu followed route map By Maggie Fox, Health and Science Editor WASHINGTON | Tue Jun 30, 2009 "
            "4:18 am IST WASHINGTON (Reuters) - Swine flu spread along airline routes, a study published on Monday "
            "shows.")
    (found,) = extract_mentions(article("route", dt.date(2009, 6, 30), body))
    assert found.span.value == "2009-06-29" and found.title.startswith("Swine flu spread along airline routes")


def test_blog_stamps_picture_credits_tickers_and_show_names_are_no_news():
    # a blog's 24-hour stamp, a picture's credit and a byline date nothing and leave the headline
    assert extract_mentions(article("blog", dt.date(2011, 1, 11), "Jun 9, 2010 20:27 UTC Republicans may be coming "
                                                                  "around to Al Gore's way of thinking.")) == ()
    body = ("REUTERS/Jason Lee Apr 29, 2009 09:23 UTC By Niu Shuping and Ken Wills Pig farmers in China culled "
            "their herds on Tuesday.")
    (found,) = extract_mentions(article("farm", dt.date(2009, 5, 18), body))
    assert (found.span.value, found.title) == ("2009-05-12", "Pig farmers in China culled their herds")
    # a stock's ticker is no part of a headline, and the company is the side clause's subject
    found = extract_mentions(article("rig", dt.date(2010, 4, 30), "Transocean Ltd (RIG.N) exploded in flames on "
                                                                  "April 20 and collapsed two days later."))
    assert [(m.span.value, m.title) for m in found] == [("2010-04-20", "Transocean Ltd exploded in flames"),
                                                        ("2010-04-22", "Transocean Ltd collapsed")]
    # "Fox News Sunday" is a programme
    assert extract_mentions(article("tv", dt.date(2009, 5, 3), "Besser spoke to Fox News Sunday.")) == ()


def test_a_merged_event_is_headed_by_a_report_whose_date_goes_with_its_verb():
    # two reports date the assessment as a modifier ("the government's August 4 assessment");
    # the one that tells of the assessment itself heads the event
    texts = [("a", dt.date(2010, 8, 19), "The Woods Hole researchers declined to comment about the U.S. government's "
                                         "August 4 assessment that 50 percent of the oil from the BP spill is gone "
                                         "from the Gulf."),
             ("b", dt.date(2010, 8, 20), "Researchers questioned the government's August 4 assessment that half of "
                                         "the BP oil is gone from the Gulf."),
             ("c", dt.date(2010, 8, 24), "The U.S. government estimated on August 4 that 50 percent of the BP oil is "
                                         "gone from the Gulf.")]
    event = one_event(texts)
    assert event.title == "The U.S. government estimated that 50 percent of the BP oil is gone from the Gulf"
    # a headline that names another date heads the event only when no other can
    texts = [("a", dt.date(2019, 12, 16), "Under the agreement announced on Dec. 13, the U.S. will not impose the "
                                          "tariffs that had been scheduled for Dec. 15 on Chinese goods."),
             ("b", dt.date(2019, 12, 20), "Dec. 13, 2019: the U.S. and China announce the agreement on Chinese "
                                          "goods, and the tariffs planned for Dec. 15 are called off.")]
    reports = [article(slug, day, body) for slug, day, body in texts]
    events = merge(tuple(reports), tuple(m for a in reports for m in extract_mentions(a))).events
    (deal,) = [event for event in events if event.span.value == "2019-12-13"]
    assert len(deal.sources) == 2 and deal.title == "The U.S. and China announce the agreement on Chinese goods"
    # ... and so does one that needs the sentences before it ("his leadership")
    texts = [("a", dt.date(2010, 5, 3), "The explosion on the Deepwater Horizon drilling rig on April 20 raised "
                                        "questions about his leadership."),
             ("b", dt.date(2010, 5, 4), "Eleven workers on the Deepwater Horizon drilling rig were killed by the "
                                        "explosion on April 20.")]
    assert one_event(texts).title == "Eleven workers on the Deepwater Horizon drilling rig were killed by the explosion"


def test_a_captions_picture_taken_line_is_no_event_and_positions_leave_headlines():
    assert extract_mentions(article("cap", dt.date(2010, 4, 22), "Picture taken April 21, 2010.")) == ()
    # the wires' caption, its place then its day at the end, is no event either
    body = ("Secretary-General Ban Ki-moon (R) listens to Margaret Chan (C) during a visit to the WHO headquarters "
            "in Geneva, May 19, 2009.")
    assert extract_mentions(article("visit", dt.date(2009, 5, 20), body)) == ()
    body = ("Secretary-General Ban Ki-moon (R) listened to Margaret Chan (C) during a visit to the WHO headquarters "
            "on May 19.")
    (found,) = extract_mentions(article("visit", dt.date(2009, 5, 20), body))
    assert found.title == "Secretary-General Ban Ki-moon listened to Margaret Chan during a visit to the WHO headquarters"


def test_what_comes_before_a_wires_signature_is_the_pages():
    body = ("Turkey confirms first case of H1N1 swine flu (Adds ministry confirmation, details and background) "
            "ISTANBUL, May 16 (Reuters) - Turkey identified its first case of H1N1 swine flu, the Health Ministry "
            "said on Saturday.")
    (found,) = extract_mentions(article("turkey", dt.date(2009, 5, 16), body))
    assert (found.span.value, found.expression) == ("2009-05-16", "Saturday")
    assert found.title.startswith("Turkey identified its first case of H1N1 swine flu")


def test_two_stories_by_one_author_on_one_day_are_not_one_event_for_their_byline():
    header = "By Maggie Fox, Health and Science Editor WASHINGTON | Fri May 1, 2009 9:46 am EDT WASHINGTON (Reuters) - "
    first = article("virus", dt.date(2009, 5, 1), header + "The new virus is a mongrel of swine, bird and human "
                                                           "strains, U.S. researchers reported on Thursday.")
    second = article("labs", dt.date(2009, 5, 2), header + "New test kits went out to state laboratories on Thursday, "
                                                           "health officials said.")
    events = merge((first, second), extract_mentions(first) + extract_mentions(second)).events
    assert sorted(e.sources[0].article_slug for e in events) == ["labs", "virus"]


def test_an_event_of_two_reports_is_headed_by_the_one_whose_date_goes_with_its_verb():
    texts = [("a", dt.date(2010, 8, 19), "The Woods Hole researchers declined to comment about the U.S. government's "
                                         "August 4 assessment that 50 percent of the oil from the BP spill is gone "
                                         "from the Gulf."),
             ("c", dt.date(2010, 8, 24), "The U.S. government estimated on August 4 that 50 percent of the oil from "
                                         "the BP spill is gone from the Gulf.")]
    event = one_event(texts)
    assert event.title.startswith("The U.S. government estimated that 50 percent of the oil")


def test_an_unattributed_first_person_quotation_is_talk_not_a_report():
    def found(body):
        return [(m.span.value, m.title) for m in extract_mentions(article("q", dt.date(2010, 7, 9), body),
                                                                  min_confidence=0.5)]
    assert found("\u201cIf we approve the timeline, we would start tomorrow to remove the current cap.\u201d") == []
    assert found("\u201cWe know this from an oil spill eight years ago in Buzzards Bay.\u201d") == []
    # ... but a named speaker's is reported, and so is an explicit date
    assert found("\u201cWe met the minister on Tuesday,\u201d the union leader said.") == [
        ("2010-07-06", "\u201cWe met the minister,\u201d the union leader said")]
    assert found("\u201cWe signed the deal on June 3, 2010.\u201d") == [("2010-06-03", "We signed the deal")]


def test_a_pages_update_stamp_and_a_blogs_byline_date_no_event():
    body = ("Page last updated at 23:19 GMT, Tuesday, 19 January 2010 Born amid the ruins: a week after the "
            "earthquake hit, people are still battling for survival.\n\n"
            "Rajan Datar | 10:57 UK time, Friday, 22 January 2010 The UN said on Thursday that the disaster was "
            "the worst it had faced.")
    found = extract_mentions(article("stamps", dt.date(2010, 1, 22), body))
    assert [(m.span.value, m.title) for m in found] == [
        ("2010-01-21", "The UN said that the disaster was the worst it had faced")]
    # a download link's prompt run into the next sentence leaves its headline
    found = extract_mentions(article("prompt", dt.date(2009, 5, 5), "Most computers will open this document "
                                     "automatically, but you may need Adobe Reader Schools in Mexico City reopen "
                                     "on Wednesday."))
    assert [(m.span.value, m.title) for m in found] == [("2009-05-06", "Schools in Mexico City reopen")]
    # the later form, after the page's title: "<day> Last updated at <time>"
    body = ("US sues BP over Gulf of Mexico oil disaster 16 December 2010 Last updated at 06:54 GMT Help The "
            "United States is to sue BP over the oil spill, the justice department said on Wednesday.")
    found = extract_mentions(article("updated", dt.date(2010, 12, 16), body))
    assert [(m.span.value, m.title) for m in found] == [
        ("2010-12-15", "The United States is to sue BP over the oil spill, the justice department said")]
    # with no date of its own, the lead sentence is the news of the page's day (and with no
    # clock in the stamp, or no title before it, the same)
    for body in ("US sues BP over the oil disaster 16 December 2010 Last updated at 06:54 GMT Help The United "
                 "States is to sue BP over the oil spill.", "16 December 2010 Last updated Help The United States "
                                                             "is to sue BP over the oil spill."):
        found = extract_mentions(article("updated", dt.date(2010, 12, 16), body))
        assert [(m.span.value, m.title) for m in found] == [("2010-12-16", "The United States is to sue BP over the oil spill")]


def test_readers_comments_are_dated_by_their_own_stamps_and_doubted():
    body = ("The earthquake struck on Tuesday.\n\n"
            "At 10:21 pm on 22 Jan 2010, Alice wrote: Rescue teams packed up today.\n\n"
            "The field hospital was reinforced yesterday with more staff.\n\n"
            "Added: Tuesday, 19 January, 2010, 16:18 GMT 16:18 UK The airport reopened on Jan. 18, 2010. "
            "I think the offer of citizenship is impracticable. "
            "Thanks for the laugh :-) At 6:53 P.M. on Jan 23, 2010, Jessica Clark wrote: My sympathy goes out today.")
    story = article("comments", dt.date(2010, 1, 18), body)
    # a comment's "today" and "yesterday" are those of the day it was posted, not the story's
    assert [(m.span.value, m.confidence) for m in extract_mentions(story)] == [
        ("2010-01-12", 0.8), ("2010-01-22", 0.4), ("2010-01-21", 0.4), ("2010-01-18", 0.5), ("2010-01-23", 0.4)]
    # a reader's word falls under the default min_confidence unless its date is explicit; no
    # stamp or header is left in a headline
    assert [(m.span.value, m.title) for m in extract_mentions(story, min_confidence=0.5)] == [
        ("2010-01-12", "The earthquake struck"), ("2010-01-18", "The airport reopened")]
    # WaPo's footers follow their comments: the first one's comment is its paragraph
    footers = ("The rig sank on Thursday.\n\nWhat a mess it was yesterday | Posted by: linda35 | May 27, 2010 "
               "5:34 PM | Report abuse It burned again yesterday | Posted by: bob | May 29, 2010 5:34 PM | "
               "Report abuse")
    assert [m.span.value for m in extract_mentions(article("wapo", dt.date(2010, 5, 24), footers))] == [
        "2010-05-20", "2010-05-26", "2010-05-28"]
    # after a notice that readers' comments follow, every paragraph is a reader's
    thread = ("The rig sank on Thursday.\n\nViews expressed in the comments do not represent those of the "
              "Courier.\n\nThey should have stopped drilling last week.\n\nThe same thing happened in June 1979.")
    assert [(m.span.value, m.confidence) for m in extract_mentions(article("thread", dt.date(2010, 5, 24), thread))] \
        == [("2010-05-20", 0.8), ("2010-W20", 0.4), ("1979-06", 0.5)]
    for notice in ("This debate is now closed.", "This topic is now closed.", "This discussion has now closed.",
                   "The comments we publish are not necessarily those of the Courier.",
                   "OPINIONS EXPRESSED IN THE COMMENTS DON'T REPRESENT THE COURIER."):
        closed = f"Schools shut on Thursday.\n\n{notice}\n\nThe school reopened yesterday."
        assert [(m.span.value, m.confidence) for m in extract_mentions(article("hys", dt.date(2010, 5, 24), closed))] \
            == [("2010-05-20", 0.8), ("2010-05-23", 0.4)], notice


@pytest.mark.parametrize("published, body, title", [
    # the part of the day the date holds goes with it, whatever comes before it
    (dt.date(2010, 5, 28), "The workers left the rig on a helicopter the morning of April 20.",
     "The workers left the rig on a helicopter"),
    # so does "the" before a date after a preposition, unless a noun follows the date
    (dt.date(2010, 1, 20), "I left home on the Tuesday night she was trapped.", "I left home she was trapped"),
    (dt.date(2010, 1, 20), "The workers focused on the Tuesday meeting.", "The workers focused on the meeting"),
    (dt.date(2010, 1, 20), "He boxed for Haiti at the 2004 Olympic Games.", "He boxed for Haiti at the Olympic Games"),
    # a caption's "left" between commas, and an opening place with its state
    (dt.date(2010, 7, 12), "Thad Allen, left, and Jane Lubchenco release sea turtles on Monday.",
     "Thad Allen and Jane Lubchenco release sea turtles"),
    (dt.date(2010, 7, 13), "In Pass Christian, Miss., the mayor said on Monday that boats have enrolled.",
     "The mayor said that boats have enrolled"),
])
def test_a_dates_shell_goes_with_it_and_a_captions_furniture_too(published, body, title):
    assert [m.title for m in extract_mentions(article("shell", published, body))] == [title]


@pytest.mark.parametrize("body, title", [
    # a date in a clause after "since", "until" or "once" dates that clause's event: what the
    # main clause says holds from (or until) then
    ("Around 300 of the children have been accounted for since the quake struck on 12 January.", "The quake struck"),
    ("The agency said dispersants had nearly halted since the well was capped on July 15.", "The well was capped"),
    ("Troops will stay until the election is held on March 3.", "The election is held"),
    # not "since" a thing, nor a main clause that has no verb before "since"
    ("The first election since the Orange Revolution is to take place this weekend.",
     "The first election since the Orange Revolution is to take place"),
])
def test_a_date_after_since_or_until_heads_its_own_clause(body, title):
    assert [m.title for m in extract_mentions(article("since", dt.date(2010, 1, 22), body))] == [title]


@pytest.mark.parametrize("body, title", [
    # a participle's opening phrase goes, as "In ...," does
    ("Speaking to reporters on Monday, she said the hospital had received 10,000 bodies.",
     "She said the hospital had received 10,000 bodies"),
    ("Traveling in Fremont, Calif., Obama said on Monday that the bill had become more urgent.",
     "Obama said that the bill had become more urgent"),
    # not an inverted clause's, a quotation's comma, nor a phrase that names the event
    ("Testifying for the first time was a key engineer, Gregory Walz, on Thursday.",
     "Testifying for the first time was a key engineer, Gregory Walz"),
    # a subject cut before its verb takes the verb: the executive director said something
    ("The executive director of the United Nations food agency in the Caribbean region WFP, Josette Sheeran, said on "
     "Monday that the agency had delivered two million meals.",
     "The executive director of the United Nations food agency in the Caribbean region WFP, Josette Sheeran, said that "
     "the agency had…"),
])
def test_an_opening_participle_goes_and_a_long_subject_keeps_its_verb(body, title):
    assert [m.title for m in extract_mentions(article("opener", dt.date(2010, 1, 26), body))] == [title]


def test_a_sentence_a_later_article_copies_means_the_day_it_first_meant():
    sentence = "Her son said he had heard her cries on Thursday morning and dug her out with the help of friends."
    reports = [article("first", dt.date(2010, 1, 23), sentence, source="A"),
               article("compilation", dt.date(2010, 1, 28), sentence, source="B")]
    timeline = merge(tuple(reports), tuple(m for a in reports for m in extract_mentions(a)))
    (event,) = timeline.events
    assert event.span.value == "2010-01-21" and [s.publisher for s in event.sources] == ["A", "B"]
    # a short sentence said again another week is another event ("Markets fell on Monday.")
    reports = [article("one", dt.date(2010, 1, 19), "Markets fell on Monday.", source="A"),
               article("two", dt.date(2010, 1, 26), "Markets fell on Monday.", source="B")]
    timeline = merge(tuple(reports), tuple(m for a in reports for m in extract_mentions(a)))
    assert [e.span.value for e in timeline.events] == ["2010-01-18", "2010-01-25"]


def test_a_schedule_a_habit_and_a_scene_set_are_no_events():
    body = ("It airs at 10:40 every Saturday, and at 02:40 on Sunday. In autumn, I would cast our net into the marsh. "
            "It was Saturday afternoon, about 5 o'clock. The storm hit on Saturday afternoon. In the winter of 2009, "
            "prices rose. The show aired on Sunday.")
    assert [(m.span.value, m.title) for m in extract_mentions(article("habits", dt.date(2010, 6, 23), body))] == [
        ("2010-06-19", "The storm hit"), ("2009-WI", "Prices rose"), ("2010-06-20", "The show aired")]


def test_a_range_from_one_date_to_another_dates_its_event_whole():
    body = ("From 2006 to early 2008, the company reported 30 incidents. The hearings ran from June 3 to June 7. "
            "Sales rose between 2001 and 2005. He worked there from 1990, and left in 2000.")
    found = extract_mentions(article("ranges", dt.date(2010, 7, 31), body))
    assert [(m.span.start.isoformat(), m.span.end.isoformat(), m.span.precision, m.title) for m in found] == [
        ("2006-01-01", "2008-05-01", "year", "The company reported 30 incidents"),  # ("early": a third)
        ("2010-06-03", "2010-06-07", "day", "The hearings ran"),
        ("2001-01-01", "2005-12-31", "year", "Sales rose"),
        ("2000-01-01", "2000-12-31", "year", "He worked there from 1990, and left")]
    # two days running joined by "and" are one event over both; two days apart are not
    found = extract_mentions(article("days", dt.date(2010, 7, 12), "The commission holds hearings Monday and Tuesday "
                                     "in New Orleans. They met on Monday and Thursday."))
    assert [(m.span.start.isoformat(), m.span.end.isoformat()) for m in found][:2] == [
        ("2010-07-12", "2010-07-13"), ("2010-07-12", "2010-07-12")]
    # one or the other of two dates close together: the two
    (hearing,) = extract_mentions(article("or", dt.date(2010, 7, 22), "The court will hear arguments in late August "
                                          "or early September."))
    assert (hearing.span.start.isoformat(), hearing.span.end.isoformat()) == ("2010-08-21", "2010-09-10")


def test_what_an_unnamed_he_or_she_said_heads_the_event():
    body = ("He said that American officials were arriving in Haiti on Wednesday. He told Lauer on Monday he "
            "expected a call. It said on Tuesday: \u201cWe will pay.\u201d")
    assert [m.title for m in extract_mentions(article("said", dt.date(2010, 1, 13), body))] == [
        "American officials were arriving in Haiti", "He told Lauer he expected a call",
        "It said: \u201cWe will pay\u201d"]


@pytest.mark.parametrize("body, title", [
    # a cleft's event is its that-clause, or its when-clause when that holds the date
    ("It was on the 18 March, 1967 that the Torrey Canyon struck Pollard's Rock.", "The Torrey Canyon struck Pollard's Rock"),
    ("It was when Mr Aristide was elected for a second term in 2001 that the situation began to slip.",
     "Mr Aristide was elected for a second term"),
    # a date that is the subject after an opening phrase stays
    ("After the flow stopped, this week brought news that the cap might be leaking.",
     "This week brought news that the cap might be leaking"),
    # a participle in brackets is no clause's verb to cut after
    ("The arts team (based at the Brewhouse Arts Centre), held a charity event on Monday, February 1 with an auction "
     "of work from nearly twenty local artists during an evening of live music.",
     "The arts team (based at the Brewhouse Arts Centre), held a charity event…"),
])
def test_a_clefts_event_and_a_dates_subject(body, title):
    assert [m.title for m in extract_mentions(article("cleft", dt.date(2010, 6, 22), body))][:1] == [title]


def test_the_sentence_an_events_headline_comes_from_is_among_its_sources():
    reports = [
        article("a", dt.date(2010, 5, 3), "Shares in the oil company fell sharply in London on Monday. Later, shares "
                                          "in the oil company BP fell by 13% in London trading on Monday.", source="A"),
        article("b", dt.date(2010, 5, 4), "Shares in BP fell by 13% in London trading on Monday.", source="B"),
        article("c", dt.date(2010, 5, 5), "BP shares fell 13% in London on Monday after the spill.", source="C"),
    ]
    timeline = merge(tuple(reports), tuple(m for a in reports for m in extract_mentions(a)))
    assert timeline.events
    for event in timeline.events:
        assert event.summary in {source.quote for source in event.sources}, event


def test_a_dateline_in_mid_sentence_a_transcript_stamp_a_caption_and_a_laws_year_date_no_event():
    body = ("Boycotts indicate deep disgust over the handling of the slick Wednesday 2 June 2010 17.37 BST Crosses "
            "were erected this week on Grand Isle.\n\nThis is a rush transcript from \u201cHannity,\u201d June 16, 2010.\n\n"
            "April 27: Weathered oil from the pipeline is seen in the Gulf of Mexico.\n\nThe committee will examine "
            "the Liability Act of 2010, a bill. Congress passed the Oil Pollution Act of 1990 in August 1990.\n\n"
            "A worker ties a boom on a beach in Gulf Shores, Alabama, June 14, 2010. The tanker ran aground "
            "on Friday, March 24, 1989.")
    found = extract_mentions(article("furniture", dt.date(2010, 6, 18), body))
    assert [(m.span.value, m.expression) for m in found] == [
        ("2010-W24", "this week"), ("1990-08", "August 1990"), ("1989-03-24", "Friday, March 24, 1989")]


@pytest.mark.parametrize("body, titles", [
    # a qualifier goes with its date; a name's "Just" stays
    ("Little more than a decade ago, tobacco companies were seen as respectable partners.",
     ["Tobacco companies were seen as respectable partners"]),
    ("He will be online at 12 noon today to answer.", ["He will be online to answer"]),
    ("Oil reached the shore near St Just a week after the wreck on March 18.", ["Oil reached the shore near St Just"]),
    ("He moved away some time after 1841 to Mynyddislwyn.", ["He moved away to Mynyddislwyn"]),
    # a date a thing is given dates nothing
    ("The judge dismissed their claims, setting a new court date of 22 March 2011.", []),
    # a date that is what a copula says stays, a clause after it or not
    ("The estimated release date is 7 February, with proceeds going to charity.",
     ["The estimated release date is 7 February, with proceeds going to charity"]),
    # "It is only this morning that ...": a cleft
    ("It is only this morning that many of us have woken up to the reality.", ["Many of us have woken up to the reality"]),
    # a conditional sentence dates nothing; "If anything" is no condition
    ("If the relief wells fail, BP could install a new system by late August.", []),
    ("If anything, the talks collapsed on Monday.", ["If anything, the talks collapsed"]),
    # a date in a leading after/before clause dates that clause's event, not the main one's
    ("After the virus was identified on January 23, officials banned public events.", ["The virus was identified"]),
    ("After a meeting on Tuesday, the minister said the plan was dead.", ["The minister said the plan was dead"]),
    # the day the news was reported on leaves the headline of an event dated otherwise
    ("U.S. officials on Saturday said a man died from the new flu in Washington state last week.",
     ["U.S. officials said a man died from the new flu in Washington state"]),
    ("The minister said on Saturday that the plant had closed last week.", ["The minister said that the plant had closed"]),
    # a side clause of a bare participle ("before flying offshore on Tuesday") has no subject to head an event
    ("Mr Looney is expected to address staff in Aberdeen on Monday before flying offshore on Tuesday.",
     ["Mr Looney is expected to address staff in Aberdeen"]),
    # "He" or "She" that opens a headline is the person the sentence before named as its subject
    ("Adela Maria Gutierrez was admitted to hospital. She died on April 13.", ["Adela Maria Gutierrez died"]),
    ("Mr Bartlit complained often.\n\nHe left the hearing on Monday.", ["Mr Bartlit left the hearing"]),
    ("The first victim was a woman. She died on April 13.", ["She died"]),
    # ... not a name of the other sex, not a place's or a body's, not after an adverb
    ("Carol Browner said the plan was dead. He resigned on Monday.", ["He resigned"]),
    ("Kenneth Feinberg has said he would pay. She filed a claim on Monday.", ["She filed a claim"]),
    ("Downing Street said the talks went well. He flew to Washington on Monday.", ["He flew to Washington"]),
    # "the summer months" goes whole; in them a habit dates nothing
    ("Cases fell sharply in the summer months, officials said.", ["Cases fell sharply"]),
    ("In the summer months, we would swim in the lake.", []),
    # "late" goes with "on Saturday"; a year a change is measured from dates nothing (a weekday stays)
    ("The meeting agreed late on Saturday to forward a framework agreement.",
     ["The meeting agreed to forward a framework agreement"]),
    ("Lending will reach $33 billion, almost a 50 percent increase over 2007-2008.", []),
    ("Profit was up 10 percent on last year. The index was down on Monday.", ["The index was down"]),
    # "and on <date>" opens a clause of its own, with or without a comma after the date
    ("The bank has been tracking protectionist moves, and on Monday the government launched a website.",
     ["The government launched a website"]),
    # the subject of a verb joined by "and", however long its clause; no cut before "however"
    ("A new cap would, however, give the chief executive something to present to investors when BP announces results "
     "on 27 July and should be in place by 20 July when the prime minister is due to visit.",
     ["A new cap would, however, give the chief executive something to present to investors when BP announces "
      "results",
      "A new cap should be in place"]),
])
def test_qualifiers_copulas_clefts_conditions_and_joined_verbs(body, titles):
    assert [m.title for m in extract_mentions(article("misc", dt.date(2010, 1, 27), body))] == titles


def test_a_headline_starts_after_a_dateline_that_ran_into_the_sentence():
    body = ("BP oil spill: Shares fall further The losses mean that BP's market value has halved Wednesday 2 June 2010 "
            "17.37 BST Shares in BP fell by another 5% on Wednesday in London.")
    (found,) = extract_mentions(article("guardian", dt.date(2010, 6, 2), body))
    assert (found.span.value, found.title) == ("2010-06-02", "Shares in BP fell by another 5% in London")
    # what the page's title and standfirst say before that dateline is the page's
    body = ("BP oil spill: Shares fall further The losses mean that its value has halved since the explosion in April "
            "Wednesday 2 June 2010 17.37 BST Shares in BP fell by another 5% on Wednesday in London.")
    assert [m.span.value for m in extract_mentions(article("standfirst", dt.date(2010, 6, 2), body))] == ["2010-06-02"]
    # and after a picture's caption and credit run into the story's sentence
    body = ("Oil reached the marsh. A sea turtle covered in oil Photograph: Lee Celano/Reuters BP said on Tuesday it "
            "had set aside more money.")
    assert [m.title for m in extract_mentions(article("credit", dt.date(2010, 11, 2), body))] == [
        "BP said it had set aside more money"]


def test_a_date_the_text_gives_comes_before_one_moved_by_a_count():
    body = ("The spill is over. On Friday, 11 weeks after the runaway well was capped July 15, Allen announced that "
            "the national incident command was being dismantled.")
    assert [(m.span.value, m.title) for m in extract_mentions(article("count", dt.date(2010, 10, 1), body))] == [
        ("2010-10-01", "Allen announced that the national incident command was being dismantled"),
        ("2010-07-15", "The runaway well was capped")]


def test_a_hope_for_a_date_ahead_is_less_sure_than_a_plan():
    found = extract_mentions(article("hope", dt.date(2009, 5, 1), "The school hoped to open again next week. "
                                     "The clinic will open again next week."))
    assert [(m.title, m.confidence) for m in found] == [("The school hoped to open again", 0.5),
                                                        ("The clinic will open again", 0.8)]


NEWSROOM_WORDS = ["council", "port", "budget", "strike", "dockers", "union", "merger", "airline", "court",
                  "verdict", "storm", "flooding", "harbor", "talks", "tariffs", "minister", "resigned", "vote"]
PLACES = ["Osaka", "Lagos", "Porto", "Halifax", "Busan", "Durban"]


def newsroom_article(rng, number, year=2019):
    """An article of three sentences, each a few words of a small vocabulary (so that reports
    share terms, as reports of one event do) and a date of the year."""
    published = dt.date(year, rng.randint(2, 12), rng.randint(1, 28))
    sentences = []
    for _ in range(3):
        words = " ".join(rng.sample(NEWSROOM_WORDS, 3))
        place = rng.choice(PLACES)
        month = dt.date(year, rng.randint(1, published.month), 1)
        when = rng.choice([f"on {month:%B} {rng.randint(1, 27)}, {year}", f"in {month:%B} {year}",
                           f"in the week of {month:%B} {rng.randint(1, 20)}, {year}", "last week", "on Monday"])
        sentences.append(f"The {words} in {place} ended {when}.")
    return article(f"n{number}", published, " ".join(sentences), source=rng.choice(["Ledger", "Courier"]))


@pytest.mark.parametrize("limits", [None, (6, 3)])
def test_a_year_merged_again_from_last_times_groups_is_the_year_merged_from_scratch(monkeypatch, limits):
    """A zone grouped again after articles were added, removed or edited replays last time's
    decisions (_Replay) and must give what a merge from scratch gives; with small candidate
    lists, also where lists are cut (MAX_CANDIDATES)."""
    import random

    import generator.timeline as timeline_module
    if limits:
        monkeypatch.setattr(timeline_module, "MAX_CANDIDATES", limits[0])
        monkeypatch.setattr(timeline_module, "LONG_LIST", limits[1])
    replays = []
    real_replay = timeline_module._Replay

    def counted(*args):
        replays.append(real_replay(*args))
        return replays[-1]
    monkeypatch.setattr(timeline_module, "_Replay", counted)
    rng = random.Random(7)
    site = {number: newsroom_article(rng, number) for number in range(80)}
    memo = DictMemo()
    extracted = {}

    def merged(with_memo):
        reports = tuple(site[number] for number in sorted(site))
        for report in reports:
            if report.slug not in extracted or extracted[report.slug][0] is not report:
                extracted[report.slug] = (report, extract_mentions(report))
        mentions = tuple(m for report in reports for m in extracted[report.slug][1])
        return merge(reports, mentions, memo=memo if with_memo else None)

    assert merged(True) == merged(False)
    assert not replays  # (nothing to replay on the first build)
    for step in range(24):
        change = step % 4
        if change == 0:  # a new article
            site[100 + step] = newsroom_article(rng, 100 + step)
        elif change == 1:  # one gone
            del site[rng.choice(sorted(site))]
        elif change == 2:  # one edited
            number = rng.choice(sorted(site))
            site[number] = newsroom_article(rng, number)
        else:  # two new ones, one of them published early in the year
            site[200 + step] = newsroom_article(rng, 200 + step)
            early = newsroom_article(rng, 300 + step)
            site[300 + step] = replace(early, published=dt.date(2019, 2, 1))
        assert merged(True) == merged(False), f"step {step}"
    assert len(replays) == 24
    # (most mentions took last time's decision: a replay that searched for all would pass too;
    # with lists this short, most lists may be cut and most mentions search)
    searched = sum(replay.searched for replay in replays)
    total = sum(len(replay.old_at) for replay in replays)
    assert limits or searched < total / 2, (searched, total)


def test_a_note_of_last_times_grouping_that_does_not_fit_its_groups_is_not_replayed():
    """(a cache written otherwise, or damaged: the year is grouped from scratch, as if new)"""
    import random
    rng = random.Random(3)
    site = [newsroom_article(rng, number) for number in range(30)]
    mentions = tuple(m for report in site for m in extract_mentions(report))
    memo = DictMemo()
    merge(tuple(site), mentions, memo=memo)
    for key, value in list(memo.groups.items()):
        if key.startswith(b"trace"):
            memo.groups[key] = (value[0][:-16], value[1])  # one signature short of its groups
    late = newsroom_article(rng, 99)
    everything, all_mentions = tuple(site) + (late,), mentions + extract_mentions(late)
    assert merge(everything, all_mentions, memo=memo) == merge(everything, all_mentions)


def test_a_year_whose_last_reports_in_merge_order_are_gone_is_replayed_without_them():
    """The newest article deleted: its reports came last in their year's merge order, so no
    later report marks their groups as changed; the merge must see it all the same."""
    import random
    rng = random.Random(38)
    site = [newsroom_article(rng, number) for number in range(25)]
    extracted = {report.slug: extract_mentions(report) for report in site}

    def merged(reports, memo):
        return merge(tuple(reports), tuple(m for report in reports for m in extracted[report.slug]), memo=memo)
    memo = DictMemo()
    merged(site, memo)
    newest = max(site, key=lambda report: (report.published, report.slug))
    rest = [report for report in site if report is not newest]
    assert merged(rest, memo) == merged(rest, None)


def test_a_new_group_that_pushes_an_old_one_out_of_a_cut_candidate_list_is_seen_by_the_replay(monkeypatch):
    """Candidate lists are cut to their last MAX_CANDIDATES groups. A new report's group,
    added to such a list, pushes its first group out: a later report that joined that group
    last time on the strength of the shared word may not fit it now, and must search."""
    import generator.timeline as timeline_module
    from generator.model import Mention
    monkeypatch.setattr(timeline_module, "MAX_CANDIDATES", 3)
    monkeypatch.setattr(timeline_module, "LONG_LIST", 2)
    day = DateSpan(dt.date(2010, 6, 1), dt.date(2010, 6, 1), "day", "2010-06-01")

    def report(name, terms):
        return Mention(article_slug=name, anchor="p1-s1", quote=name, expression="June 1", span=day,
                       title=name, summary=name, confidence=0.9, key=name, terms=terms)
    first = [report("a", "oil a1 a2"), report("b", "oil b1 b2"), report("c", "oil c1 c2")]
    late = report("x", "oil a1 zz")  # (joins "a" on "oil" and "a1": two shared words, the least)
    new = report("n", "oil n1 n2")

    def grouped(zone, replay=None):
        return timeline_module._group_zone(zone, [frozenset(m.terms.split()) for m in zone], replay)
    before = first + [late]
    assert len(grouped(before)) == 3  # ("x" is one of "a"'s reports)
    after = first + [new, late]
    scratch = grouped(after)
    assert len(scratch) == 5  # ("a" was cut from the list of "oil": "x" shares one word with it)
    signature = {id(m): m.key.encode() for m in after}
    replay = timeline_module._Replay([signature[id(m)] for m in after], [m.key.encode() for m in before],
                                     grouped(before), after)
    assert grouped(after, replay) == scratch
