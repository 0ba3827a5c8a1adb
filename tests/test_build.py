"""Build a small fixture site end to end and check what a reader and a data user would see."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from generator.render import theme_dir

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "generator/schema/timeline.schema.json").read_text())

FIXTURE = {
    "tlgen.toml": """
        title = "Fixture timeline"
        timezone = "America/New_York"
    """,
    "content/2019-07-01-osaka.md": """
        ---
        title: Talks back on track after Osaka
        date: 2019-07-01
        source: Pacific Desk
        tags: [g20, tariffs]
        ---

        President Trump and President Xi got trade talks back on track this past weekend in Osaka.

        The tariff increase of May 10, 2019 had followed the collapse of talks.
    """,
    "content/2019-05-11-tariffs.md": """
        ---
        title: Tariffs rise to 25 percent
        date: 2019-05-11
        source: Harbor Ledger
        tags: [tariffs]
        ---

        The tariff increase on $200 billion of goods took effect on May 10, 2019, after talks collapsed.
    """,
    "content/2020-01-16-signed.md": """
        ---
        title: Phase-one deal signed
        date: 2020-01-16
        source: Midland Wire
        events:
          - date: 2020-01
            title: Phase-one deal signed in January
            tags: [phase-one]
        ---

        A dinner in Buenos Aires in December 2018 began the truce.
    """,
}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.conftest import write_tree
    import subprocess, sys, os
    root = write_tree(tmp_path_factory.mktemp("fixture"), FIXTURE)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--source", str(root),
                           "--base-url", "https://example.github.io/proj/"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_timeline_json_follows_its_schema_and_is_chronological(built):
    data = json.loads(read(built, "timeline.json"))
    jsonschema.validate(data, SCHEMA)
    starts = [event["start"] for event in data["events"]]
    assert starts == sorted(starts)
    by_value = {event["value"]: event for event in data["events"]}
    weekend = by_value["2019-W26-WE"]
    assert (weekend["start"], weekend["end"], weekend["precision"]) == ("2019-06-29", "2019-06-30", "weekend")
    assert weekend["display_date"] == "the weekend of June 29\u201330, 2019"
    assert weekend["sources"][0]["url"] == "articles/2019-07-01-osaka/#p1-s1"
    assert weekend["sources"][0]["published"] == "2019-07-01"


def test_same_event_in_two_articles_is_one_event_with_two_sources(built):
    data = json.loads(read(built, "timeline.json"))
    may_tenth = [event for event in data["events"] if event["start"] == "2019-05-10"]
    assert len(may_tenth) == 1
    assert sorted(s["publisher"] for s in may_tenth[0]["sources"]) == ["Harbor Ledger", "Pacific Desk"]


def test_index_lists_events_in_order_with_dates_at_their_precision(built):
    html = read(built, "index.html")
    shown = re.findall(r'<time datetime="([\dW-]+)">([^<]+)</time>', html)
    assert [text for _, text in shown] == [
        "December 2018", "May 10, 2019", "the weekend of June 29\u201330, 2019", "January 2020"]
    assert [day for day, _ in shown] == ["2018-12", "2019-05-10", "2019-W26", "2020-01"]
    for heading in ("<h2 id=\"y2019\">2019</h2>", ">May 2019</h3>", ">June 2019</h3>", ">January 2020</h3>"):
        assert heading in html
    assert "Phase-one deal signed in January" in html


def test_every_internal_link_resolves_under_the_base_path(built):
    pages = sorted(built.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if link.startswith(("http://", "https://", "mailto:")) or link.startswith("#"):
                continue
            assert link.startswith("/proj/"), f"{page}: {link} is not under the base path"
            path = link.removeprefix("/proj/").split("#")[0]
            target = built / path
            if path == "" or path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(built)} links to missing {link}"


def test_pages_for_events_articles_and_tags(built):
    data = json.loads(read(built, "timeline.json"))
    for event in data["events"]:
        page = read(built, event["url"] + "index.html")
        assert event["title"] in page.replace("&#39;", "'")
    article = read(built, "articles/2019-07-01-osaka/index.html")
    assert 'id="p1"' in article and "Pacific Desk" in article
    weekend = next(e for e in data["events"] if e["precision"] == "weekend")
    assert weekend["title"] == "President Trump and President Xi got trade talks back on track in Osaka"
    assert weekend["title"] in read(built, "tags/g20/index.html")
    assert (built / "static/style.css").read_bytes() == (theme_dir() / "static/style.css").read_bytes()
    assert (built / ".nojekyll").exists()


def test_old_ids_of_merged_reports_are_listed_for_the_404_page(built):
    data = json.loads(read(built, "timeline.json"))
    ids = {event["id"] for event in data["events"]}
    aliases = {alias: event["id"] for event in data["events"] for alias in event["aliases"] if alias not in ids}
    assert aliases, "the fixture merges reports, so some ids were merged away"
    tables = {}
    for path in (built / "moved").glob("*.json"):
        table = json.loads(path.read_text())
        assert all(alias.startswith(path.stem) for alias in table)
        tables.update(table)
    assert tables == aliases
    assert not any((built / "events" / alias).exists() for alias in aliases)
    assert "moved/" in read(built, "404.html")


def test_rebuild_is_byte_identical(built, tmp_path):
    import subprocess, sys, os
    root = built.parent
    before = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent), PYTHONHASHSEED="123", TZ="Asia/Tokyo")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet", "--source", str(root),
                           "--base-url", "https://example.github.io/proj/"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    after = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before
