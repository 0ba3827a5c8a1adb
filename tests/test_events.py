"""Issue-level behaviour of events: dating by narrative, curation, stable ids, key events."""

import datetime as dt
import json

from generator.build import BuildReport, build_timeline
from generator.config import load_config
from generator.content import ContentFile, parse_article
from generator.extract import extract_mentions

OSAKA = """---
title: Talks back on track
date: 2019-07-01
source: Pacific Desk
---

Trump and Xi got trade talks back on track this past weekend in Osaka, after an impasse two months ago. In return for getting China back to the bargaining table, Trump agreed to hold off on new tariffs.

"We are back on track," one official said. Analysts may revise their forecasts.
"""


def mentions_of(site, name):
    config = load_config(site)
    path = config.content_path / name
    article, _ = parse_article(ContentFile(path, name, path.read_bytes()), config)
    return extract_mentions(article, config.extract, config.min_confidence)


def test_weekend_impasse_and_inherited_tariff_pause(make_site):
    site = make_site({"content/osaka.md": OSAKA})
    weekend, impasse, pause = mentions_of(site, "osaka.md")
    assert (weekend.span.start, weekend.span.end, weekend.span.precision) == (
        dt.date(2019, 6, 29), dt.date(2019, 6, 30), "weekend")
    assert (impasse.span.value, impasse.span.precision, impasse.expression) == ("2019-05", "month", "two months ago")
    assert "impasse" in impasse.title.lower()
    assert pause.quote.startswith("In return for getting China back")
    assert pause.title == "Trump agreed to hold off on new tariffs"
    assert pause.inherited and pause.span == weekend.span
    assert pause.confidence < weekend.confidence
    assert pause.anchor == "p1-s2"


def test_quotes_and_speculation_do_not_inherit(make_site):
    site = make_site({"content/osaka.md": OSAKA})
    quotes = [m.quote for m in mentions_of(site, "osaka.md")]
    assert not any("We are back on track" in q or "Analysts may" in q for q in quotes)


def test_extract_write_round_trips_and_keeps_ids_when_headlines_are_edited(make_site, tlgen):
    other_bytes = OSAKA.replace("\n", "\r\n").encode("utf-8")  # CRLF must survive too
    site = make_site({"content/osaka.md": other_bytes})
    before = mentions_of(site, "osaka.md")
    assert tlgen("build", "--quiet", "--source", str(site)).code == 0
    ids_before = {e["id"] for e in json.loads((site / "site/timeline.json").read_text())["events"]}

    result = tlgen("extract", str(site / "content/osaka.md"), "--write", "--source", str(site))
    assert result.code == 0, result.err
    written = (site / "content/osaka.md").read_bytes()
    head, _, body = written.partition(b"\r\n---\r\n")
    assert body == other_bytes.partition(b"\r\n---\r\n")[2]  # the body, byte for byte
    assert head.startswith(b"---\r\ntitle: Talks back on track\r\ndate: 2019-07-01\r\nsource: Pacific Desk\r\nevents:\r\n")
    assert head.endswith(b"extract: false")

    after = mentions_of(site, "osaka.md")
    assert [(m.key, m.span, m.title) for m in after] == [(m.key, m.span, m.title) for m in before]
    assert all(m.authored for m in after)

    # An editor rewrites a headline: the event keeps its id and permalink.
    edited = written.replace(b'title: "Trump agreed to hold off on new tariffs"',
                             b'title: "Trump pauses new tariffs on Chinese goods"')
    assert edited != written
    (site / "content/osaka.md").write_bytes(edited)
    assert tlgen("build", "--quiet", "--source", str(site)).code == 0
    events = json.loads((site / "site/timeline.json").read_text())["events"]
    assert {e["id"] for e in events} == ids_before
    assert "Trump pauses new tariffs on Chinese goods" in {e["title"] for e in events}

    again = tlgen("extract", str(site / "content/osaka.md"), "--write", "--source", str(site))
    assert again.code == 1 and "already has an 'events:' list" in again.err
    assert (site / "content/osaka.md").read_bytes() == edited


def test_extract_shows_the_site_ids_of_an_article_in_a_subfolder(make_site, tlgen):
    # Its slug (and so its events' ids) comes from its path within content/, whatever the
    # folder extract is run from: an id copied from extract must work in exclude_events.
    site = make_site({"content/desk/osaka.md": OSAKA})
    assert tlgen("build", "--quiet", "--source", str(site)).code == 0
    on_site = {e["id"] for e in json.loads((site / "site/timeline.json").read_text())["events"]}
    for cwd, path in ((site, "content/desk/osaka.md"), (site / "content", "desk/osaka.md")):
        shown = tlgen("extract", path, "--source", str(site), cwd=cwd)
        assert shown.code == 0, shown.err
        ids = {line.split()[0] for line in shown.out.splitlines()}
        assert ids and ids == on_site


def test_exclude_events_by_the_id_on_the_timeline(make_site, tlgen):
    site = make_site({"content/osaka.md": OSAKA})
    assert tlgen("build", "--quiet", "--source", str(site)).code == 0
    events = json.loads((site / "site/timeline.json").read_text())["events"]
    impasse = next(e for e in events if e["value"] == "2019-05")
    curated = OSAKA.replace("source: Pacific Desk\n", f"source: Pacific Desk\nexclude_events: [{impasse['id']}]\n")
    (site / "content/osaka.md").write_text(curated)
    timeline = build_timeline(load_config(site), report=BuildReport())
    assert impasse["id"] not in {e.id for e in timeline.events}
    assert len(timeline.events) == len(events) - 1


def test_key_events_score_by_evidence(make_site):
    site = make_site({
        "content/a.md": "---\ntitle: A\ndate: 2019-05-11\n---\n\nTariffs on Chinese goods rose to 25% on May 10, 2019. "
                        "Separately, a minor trade fair opened in Ohio on May 9, 2019.\n",
        "content/b.md": "---\ntitle: B\ndate: 2019-06-01\n---\n\nSince the tariff increase of May 10, 2019, talks have stalled.\n",
        "content/c.md": "---\ntitle: C\ndate: 2019-07-01\n---\n\nThe May 10, 2019 tariff rise still hurts exporters.\n",
    })
    timeline = build_timeline(load_config(site), report=BuildReport())
    by_day = {e.span.start: e for e in timeline.events}
    assert by_day[dt.date(2019, 5, 10)].score > by_day[dt.date(2019, 5, 9)].score


def test_ids_do_not_depend_on_the_machine(make_site):
    site = make_site({"content/osaka.md": OSAKA})
    ids = [e.id for e in build_timeline(load_config(site), report=BuildReport()).events]
    # ids are hashes of the article slug and the sentence: fixed, whatever machine runs them
    assert all(len(i) == 12 and all(c in "0123456789abcdef" for c in i) for i in ids)
    assert ids == [e.id for e in build_timeline(load_config(site), report=BuildReport()).events]
