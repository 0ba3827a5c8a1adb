"""The published site and its exports, checked as a reader, a feed reader, a calendar app and a
data user would: pages and their links, Atom feeds (feedparser), the iCalendar file
(icalendar), TimelineJS JSON, TimelineSetter CSV, sitemap, robots.txt, CNAME, theme overrides."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

from generator.config import SiteConfig, load_config
from generator.errors import ConfigError
from generator.highlight import Mark, mark_expressions
from generator.model import Article, DateSpan, Event, Source, Timeline
from generator.render import key_event_ids, render_site
from tests.conftest import write_tree

REPO = Path(__file__).resolve().parent.parent
BASE = "https://news.example.org/tl/"

SITE = {
    "tlgen.toml": """
        title = "Harbor & Trade"
        description = "Fixture timeline"
        timezone = "America/New_York"
        cname = "timeline.example.org"
    """,
    "content/2019-07-01-osaka.md": """
        ---
        title: Talks back on track after Osaka
        date: 2019-07-01
        source: Pacific Desk
        tags: [g20, tariffs]
        ---

        President Trump and President Xi got trade talks back on track *this past weekend* in Osaka.

        The tariff increase of May 10, 2019 had followed the collapse of talks & a week of threats.
    """,
    "content/2019-05-11-tariffs.md": """
        ---
        title: Tariffs rise to 25 percent
        date: 2019-05-11T08:30:00-04:00
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
          - date: 2020-01-15
            title: Phase-one deal signed at the White House
            id: phase-one-signing
            tags: [phase-one]
          - date: 2019-Q4
            title: Negotiators close the text
            id: text-closed
            tags: [phase-one]
        ---

        The deal was signed at the White House. A dinner in Buenos Aires in December 2018 began the truce.
    """,
}


def build(root: Path, *extra: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet", "--source", str(root),
                           "--base-url", BASE, *extra], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_tree(tmp_path_factory.mktemp("site"), SITE)
    build(root)
    return root / "site"


def data(site: Path) -> dict:
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


# --- feeds ----------------------------------------------------------------------------------

def test_site_feed_is_valid_atom_with_absolute_links_and_a_data_derived_date(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Harbor & Trade"
    assert feed.feed.link == BASE
    events = data(site)["events"]
    assert len(feed.entries) == len(events)
    assert {entry.link for entry in feed.entries} == {BASE + event["url"] for event in events}
    # The latest publication in the content: Jan 16, 2020, midnight in New York.
    assert feed.feed.updated == "2020-01-16T05:00:00Z"
    # Newest reports first; an entry's updated is its latest source's publication.
    assert feed.entries[0].updated.startswith("2020-01-16")
    may = next(entry for entry in feed.entries if "took effect" in entry.summary or "May 10" in entry.summary)
    assert may.published == "2019-05-11T12:30:00Z"  # the article's own time, in UTC
    for entry in feed.entries:
        assert entry.id.startswith(BASE + "events/")
        assert "<ul>" in entry.content[0].value


def test_each_tag_has_a_feed_of_its_events(site):
    events = data(site)["events"]
    for tag in ("g20", "tariffs", "phase-one"):
        feed = feedparser.parse((site / f"tags/{tag}/feed.xml").read_bytes())
        assert not feed.bozo
        expected = {BASE + e["url"] for e in events if tag in e["tags"]}
        assert expected and {entry.link for entry in feed.entries} == expected
        assert all(tag in [t.term for t in entry.tags] for entry in feed.entries)
        assert f'href="/tl/tags/{tag}/feed.xml"' in read(site, f"tags/{tag}/index.html")


def test_a_tag_page_lists_its_events_short_and_the_year_page_in_full(site):
    """An event shows up on the page of each of its tags: there, its date, headline, summary
    and count of sources; its sources and tags are on its own page and on the year's."""
    event = next(e for e in data(site)["events"] if "g20" in e["tags"] and len(e["sources"]) > 1)
    tag_page = read(site, "tags/g20/index.html")
    item = re.search(rf'<li class="event" id="e-{event["id"]}".*?</li>\s*(?=<li class="event"|</ol>)', tag_page, re.S)
    assert item and f'href="/tl/{event["url"]}"' in item.group(0)
    assert f'{len(event["sources"])} sources<' in item.group(0)
    assert "/tl/articles/" not in item.group(0) and 'class="tag"' not in item.group(0)
    year_page = read(site, f"years/{event['start'][:4]}/index.html")
    full = year_page[year_page.index(f'id="e-{event["id"]}"'):]
    full = full[:full.index("</ul>\n</li>")]
    assert all(f'href="/tl/{source["url"]}"' in full for source in event["sources"])
    assert 'href="/tl/tags/g20/"' in full


def test_a_tag_of_an_article_without_events_has_a_page_its_link_finds(make_site):
    from generator.build import build
    site = make_site({"content/talks.md": "---\ntitle: Talks resume in Osaka\ndate: 2019-07-01\ntags: [g20]\n---\n\n"
                                          "Negotiators have not said when they will meet.\n"})
    build(load_config(site))
    assert 'href="/tags/g20/"' in read(site / "site", "articles/talks/index.html")
    page = read(site / "site", "tags/g20/index.html")
    assert "0 events" in page and (site / "site/tags/g20/feed.xml").is_file()


# --- iCalendar ------------------------------------------------------------------------------

def calendar(site: Path) -> dict[str, icalendar.Event]:
    raw = (site / "timeline.ics").read_bytes()
    parsed = icalendar.Calendar.from_ical(raw)
    return {str(item["UID"]): item for item in parsed.walk("VEVENT")}


def test_calendar_has_one_all_day_event_per_event_with_stable_uids(site):
    raw = (site / "timeline.ics").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75, "lines fold at 75 octets"
    vevents = calendar(site)
    events = data(site)["events"]
    assert len(vevents) == len(events)
    for event in events:
        item = vevents[f"{event['id']}@news.example.org"]
        start, end = dt.date.fromisoformat(event["start"]), dt.date.fromisoformat(event["end"])
        assert item["DTSTART"].dt == start and not isinstance(item["DTSTART"].dt, dt.datetime)
        assert item["DTEND"].dt == end + dt.timedelta(days=1)  # exclusive
        assert str(item["SUMMARY"]) == event["title"]
        assert str(item["URL"]) == BASE + event["url"]
        assert int(item["SEQUENCE"]) == 0
    quarter = vevents["text-closed@news.example.org"]
    assert (quarter["DTSTART"].dt, quarter["DTEND"].dt) == (dt.date(2019, 10, 1), dt.date(2020, 1, 1))
    assert vevents["phase-one-signing@news.example.org"]["DTSTAMP"].dt == dt.datetime(
        2020, 1, 16, 5, 0, tzinfo=dt.timezone.utc)


def test_sequence_rises_when_an_event_date_changes_and_only_then(tmp_path):
    root = write_tree(tmp_path / "s", SITE)
    build(root)
    build(root)  # unchanged: nothing is raised
    assert int(calendar(root / "site")["phase-one-signing@news.example.org"]["SEQUENCE"]) == 0
    article = root / "content/2020-01-16-signed.md"
    article.write_text(article.read_text().replace("date: 2020-01-15", "date: 2020-01-14"))
    build(root)
    after = calendar(root / "site")
    assert int(after["phase-one-signing@news.example.org"]["SEQUENCE"]) == 1
    assert after["phase-one-signing@news.example.org"]["DTSTART"].dt == dt.date(2020, 1, 14)
    assert int(after["text-closed@news.example.org"]["SEQUENCE"]) == 0
    build(root)
    assert int(calendar(root / "site")["phase-one-signing@news.example.org"]["SEQUENCE"]) == 1


# --- TimelineJS, CSV, sitemap, robots, CNAME ------------------------------------------------

def test_timelinejs_json_follows_the_timelinejs3_format(site):
    document = json.loads(read(site, "timelinejs.json"))
    events = data(site)["events"]
    assert document["title"]["text"]["headline"] == "Harbor &amp; Trade"  # TimelineJS reads HTML
    slides = document["events"]
    assert [slide["unique_id"] for slide in slides] == [f"event-{e['id']}" for e in events]
    by_id = {slide["unique_id"].removeprefix("event-"): slide for slide in slides}
    assert by_id["phase-one-signing"]["start_date"] == {"year": 2020, "month": 1, "day": 15}
    assert "end_date" not in by_id["phase-one-signing"]
    assert by_id["text-closed"]["start_date"] == {"year": 2019, "month": 10}
    assert by_id["text-closed"]["end_date"] == {"year": 2019, "month": 12}
    assert by_id["text-closed"]["display_date"] == "Q4 2019"
    assert by_id["text-closed"]["group"] == "phase-one"
    weekend = next(s for e, s in zip(events, slides) if e["precision"] == "weekend")
    assert weekend["start_date"]["day"] == 29 and weekend["end_date"]["day"] == 30
    assert all(BASE in slide["text"]["text"] for slide in slides)


def test_csv_has_the_timelinesetter_columns(site):
    rows = list(csv.reader(io.StringIO(read(site, "timeline.csv"), newline="")))
    assert rows[0] == ["date", "display_date", "description", "link", "series", "html"]
    events = data(site)["events"]
    assert [row[0] for row in rows[1:]] == [e["start"] for e in events]
    assert [row[1] for row in rows[1:]] == [e["display_date"] for e in events]
    assert [row[2] for row in rows[1:]] == [e["title"] for e in events]
    assert [row[3] for row in rows[1:]] == [BASE + e["url"] for e in events]


def test_sitemap_robots_cname_and_nojekyll(site):
    sitemap = read(site, "sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert BASE in locs and BASE + "years/" in locs and BASE + "sources/" in locs
    assert all(loc.startswith(BASE) for loc in locs)
    for event in data(site)["events"]:
        assert BASE + event["url"] in locs
    assert BASE + "404.html" not in locs
    assert read(site, "robots.txt").endswith(f"Sitemap: {BASE}sitemap.xml\n")
    assert read(site, "CNAME") == "timeline.example.org\n"
    assert (site / ".nojekyll").is_file()


def test_cname_is_validated(tmp_path):
    (tmp_path / "tlgen.toml").write_text('cname = "https://timeline.example.org/"\n')
    with pytest.raises(ConfigError, match="cname"):
        load_config(tmp_path)
    (tmp_path / "tlgen.toml").write_text("key_events = -1\n")
    with pytest.raises(ConfigError, match="key_events"):
        load_config(tmp_path)


# --- pages ----------------------------------------------------------------------------------

class Balanced(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""
    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def test_article_page_links_its_dating_expressions_to_their_events(site):
    events = data(site)["events"]
    page = read(site, "articles/2019-07-01-osaka/index.html")
    weekend = next(e for e in events if e["precision"] == "weekend")
    may = next(e for e in events if e["start"] == "2019-05-10")
    body = page.split('<div class="article-body">')[1].split("</div>")[0]
    # "this past weekend" sits inside <em> in the Markdown: the link goes inside it.
    assert (f'<em><a class="timex" href="/tl/{weekend["url"]}" title="the weekend of June 29–30, 2019: '
            in body)
    assert "><mark>this past weekend</mark></a></em>" in body
    assert f'href="/tl/{may["url"]}"' in body and "<mark>May 10, 2019</mark>" in body
    assert "talks &amp; a week" in body  # the entity is untouched
    checker = Balanced()
    checker.feed(body)
    assert checker.stack == []
    assert "Pacific Desk" in page and '<time datetime="2019-07-01">July 1, 2019</time>' in page


def test_mark_expressions_never_breaks_markup():
    body = ('<p id="p1">Talks resumed on <em>June</em> 3 and <a href="x">on June 4</a>.</p>\n'
            '<p id="p2">Prices &amp; wages rose on June 5, 2019 &mdash; and on June 6.</p>')
    marks = [Mark("p1", "Talks resumed on June 3", "June 3", "a"), Mark("p1", "on June 4", "June 4", "b"),
             Mark("p2", "Prices & wages rose on June 5, 2019", "June 5, 2019", "c"),
             Mark("p2", "and on June 6.", "June 6", "d"), Mark("p9", "none", "none", "e")]
    out = mark_expressions(body, marks, lambda text, event: (f"[{event}:", "]"))
    assert out == ('<p id="p1">Talks resumed on <em>June</em> 3 and <a href="x">on June 4</a>.</p>\n'
                   '<p id="p2">Prices &amp; wages rose on [c:June 5, 2019] &mdash; and on [d:June 6].</p>')


def test_regular_html_is_read_without_htmlparser_and_read_the_same():
    import re
    from generator import highlight
    from generator.content import render_markdown

    def by_htmlparser(body):
        parser = highlight._Runs([0] + [m.end() for m in re.finditer("\n", body)])
        parser.feed(body)
        parser.close()
        return parser.layout

    def seen(layout):
        return ({k: [(r.start, r.raw, r.in_link) for r in v] for k, v in layout.runs.items()},
                layout.starts, layout.parents)

    markdown_text = ("# Talks on *June 3*\n\nPrices &amp; wages rose on June 5, 2019 &mdash; [and](http://x.org/?a=1&b=2) "
                     "on June 6.\n\n> Quoted: <span title=\"a > b\">June 7</span>, &#169; &#x41;\n\n"
                     "* one on June 8\n* two<br/>on June 9\n\n<P ID=\"Up\" id=\"low\">raw on June 10</P>\n")
    regular = [render_markdown(markdown_text)[0], render_markdown(markdown_text, sanitize=False)[0],
               '<div id="d"><p id="p1">A<img src="x" alt="y">B <br>C</p><span id="m"></span>D</div>tail']
    for body in regular:
        fast = highlight._regular_layout(body)
        assert fast is not None, body
        assert seen(fast) == seen(by_htmlparser(body))
        assert fast.runs  # (not vacuous: the blocks have ids and text)
        assert highlight._flat_layout(body) is None, body  # (markup, entities: not flat)
    # Flat (plain prose: paragraphs of text and sentence markers): read without tokens at all.
    plain = render_markdown("Talks resumed on June 3. They failed\non June 4.\n\nPrices rose; "
                            "wages did not (2019).\n")[0]
    flat = [plain, plain.replace('id="p2"', 'id="p1"'), '<p id="">x<span class="sentence" id="a"></span>y</p>',
            '<p id="p1"></p>', ""]
    for body in flat:
        fast = highlight._flat_layout(body)
        assert fast is not None, body
        assert seen(fast) == seen(by_htmlparser(body)) == seen(highlight._regular_layout(body))
    assert highlight._flat_layout(plain).runs["p1"][0].raw == "Talks resumed on June 3. "
    for body in [plain + "tail", plain.replace("</p>", "</p><hr>", 1), '<p id="a">x</p>\n\n<p id="b">y</p>',
                 '<p id="a">x<span class="sentence" id="s"> </span></p>', '<p id="a" class="c">x</p>']:
        assert highlight._flat_layout(body) is None, body
    # Not regular (sanitizing off lets raw HTML through): HTMLParser reads it.
    for body in ['<p id="a">x <!-- June 3 --> y</p>', '<p id="a">1 < 2 on June 3</p>', "<p id=a>June 3</p>",
                 '<p id="a">AT&T on June 3</p>', '<script>var s = "<p id=x>";</script><p id="a">June 3</p>',
                 '<my-tag id="a">June 3</my-tag>']:
        assert highlight._regular_layout(body) is None, body
        assert highlight.expression_places(body, [("a", "June 3", "June 3")]) == \
            [highlight._places(by_htmlparser(body), "a", "June 3", "June 3")]


def test_a_sentence_marker_reads_its_own_sentence_only():
    """In a paragraph of n sentences, each marker's text is its sentence: a one-line article
    of a megabyte once kept the rest of the paragraph for every sentence (gigabytes)."""
    from generator import highlight
    from generator.content import render_markdown
    sentences = [f"Talks number {n} resumed on June {n % 28 + 1}." for n in range(400)]
    body = render_markdown(" ".join(sentences) + "\n")[0]
    layout = highlight._flat_layout(body)
    markers = [anchor for anchor in layout.starts if not layout.runs.get(anchor)]
    assert len(markers) >= 399
    texts = [highlight._block_text(layout, anchor)[0] for anchor in markers]
    assert sum(map(len, texts)) <= len(" ".join(sentences))
    assert all(text.count("Talks") == 1 for text in texts)
    # an expression missing from its own sentence is not looked for in the next one
    second = markers[1]
    assert highlight._places(layout, second, texts[1], "June 3") == ()
    assert highlight._places(layout, second, texts[1], texts[1].split(" on ")[1].rstrip(". "))


def test_event_page_shows_sources_quotes_and_neighbours(site):
    events = data(site)["events"]
    may = next(e for e in events if e["start"] == "2019-05-10")
    index = events.index(may)
    page = read(site, may["url"] + "index.html")
    assert "2 sources" in page and page.count("<blockquote") == 2
    for source in may["sources"]:
        assert f'href="/tl/{source["url"]}"' in page
    assert "<mark>May 10, 2019</mark>" in page
    assert f'href="/tl/{events[index - 1]["url"]}" rel="prev"' in page
    assert f'href="/tl/{events[index + 1]["url"]}" rel="next"' in page
    assert f'<link rel="canonical" href="{BASE}{may["url"]}">' in page


def test_index_year_sources_and_404_pages(site):
    events = data(site)["events"]
    index = read(site, "index.html")
    assert index.count('<li class="event"') == len(events)  # a small site: every event is key
    assert "in chronological order" in index and 'id="filters"' in index and " hidden>" in index
    for year in ("2018", "2019", "2020"):
        page = read(site, f"years/{year}/index.html")
        assert page.count('<li class="event"') == sum(e["start"].startswith(year) for e in events)
        assert f'href="/tl/years/{year}/"' in index
    sources = read(site, "sources/index.html")
    assert sources.index("Harbor Ledger") < sources.index("Midland Wire") < sources.index("Pacific Desk")
    assert 'href="/tl/articles/2019-07-01-osaka/"' in sources
    not_found = read(site, "404.html")
    assert re.findall(r'href="([^"#]+)"', not_found) and all(
        link.startswith(("/tl/", "https://")) for link in re.findall(r'(?:href|src)="([^"#]+)"', not_found))


def test_a_site_template_overrides_the_theme_file_by_file(tmp_path):
    files = dict(SITE)
    files["templates/_event.html"] = '<li class="event custom">{{ event.title }} / {{ event.span | date }}</li>\n'
    files["templates/static/style.css"] = "body { color: red; }\n"
    root = write_tree(tmp_path / "s", files)
    build(root)
    index = (root / "site/index.html").read_text()
    assert '<li class="event custom">Phase-one deal signed at the White House / January 15, 2020</li>' in index
    assert (root / "site/static/style.css").read_text() == "body { color: red; }\n"
    assert (root / "site/static/timeline.js").is_file()  # the theme's other files stay
    assert '<nav class="site-nav"' in index  # base.html still comes from the theme


def test_a_site_template_may_call_the_link_helpers_as_functions_or_as_filters(tmp_path):
    # (the default theme uses the filters; a theme written for the functions keeps working)
    files = dict(SITE)
    files["templates/_event.html"] = (
        "<li class=\"event\">{{ url(event.page) }} {{ event.page | url }} {{ absolute_url(event.page) }} "
        "{{ event.page | absolute_url }} {{ format_day(event.span.start) }} {{ event.span.start | format_day }}</li>\n")
    root = write_tree(tmp_path / "s", files)
    build(root)
    index = (root / "site/index.html").read_text()
    found = re.findall(r'<li class="event">(\S+) (\S+) (\S+) (\S+) (.+?) (\w+ \d+, \d{4})</li>', index)
    assert found
    for by_url, by_filter, absolute, absolute_filter, day, day_filter in found:
        assert by_url == by_filter and by_url.startswith("/tl/events/")
        assert absolute == absolute_filter == "https://news.example.org" + by_url
        assert day == day_filter


def test_a_site_list_template_may_show_items_by_the_function_or_the_filter(tmp_path):
    # (the default theme uses the filter; a _timeline.html written for the function works alike)
    root = write_tree(tmp_path / "theme", dict(SITE))
    build(root)
    files = dict(SITE)
    theme_list = (REPO / "templates" / "_timeline.html").read_text()
    assert "event | event_item(" in theme_list
    files["templates/_timeline.html"] = theme_list.replace("{{ event | event_item(", "{{ event_item(event, ")
    custom = write_tree(tmp_path / "custom", files)
    build(custom)
    for page in ("index.html", "years/2019/index.html"):
        assert (custom / "site" / page).read_text() == (root / "site" / page).read_text()
    assert '<li class="event' in (custom / "site/index.html").read_text()


class _HasHtml:
    def __html__(self) -> str:
        return "<u>kept</u>"


@pytest.mark.parametrize("template", [
    "{{ text }}|{{ number }}|{{ markup }}|{{ has_html }}|{{ nothing }}|{{ day }}",
    "{% set block %}{{ text }}<b>{% endset %}{{ block }}|{{ block | length }}|{{ block | upper }}",
    "{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{{ m(text) }}{{ m(markup) }}",
    "{% autoescape false %}{{ text }}{% endautoescape %}{{ text }}",
    "{{ text | upper }}{{ text ~ markup }}{{ (text ~ '!') | e }}{{ text | safe }}{{ text | url }}",
    "{% filter upper %}{{ text }}{% endfilter %}{% for c in [text, markup, 3] %}{{ c }}{% endfor %}",
    # (attributes: looked up in place, falling back on an item of the same name)
    "{{ day.year }}|{{ mapping.key }}|{{ mapping['key'].upper() }}|{{ (mapping.key ~ day.month).title() }}"
    "|{{ markup.striptags() }}|{{ mapping.nothing is defined }}|{{ mapping.get('key') }}",
    "{% macro m(x) %}{{ x.year }}{% endmacro %}{{ m(day) }}{% for d in [day, day] if d.month %}{{ d.day }}"
    "{% endfor %}{% set ns = namespace(n=day) %}{{ ns.n.year }}{{ [day][0].month }}",
])
def test_theme_templates_escape_what_they_print_exactly_as_jinja_does(tmp_path, template):
    # (tlgen compiles templates to escape plain strings without making a Markup of each:
    # the page must not differ by a byte, whatever is printed)
    import jinja2
    from markupsafe import Markup

    from generator.render import _environment
    ours = _environment(SiteConfig(root=tmp_path))
    plain = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True)
    plain.filters.update(ours.filters)
    values = dict(text='<a href="x">O\'Neil & "co"</a>\u00e9', number=42, markup=Markup("<em>ok</em>"),
                  has_html=_HasHtml(), nothing=None, day=dt.date(2019, 7, 1), mapping={"key": "<k>"})
    assert ours.from_string(template).render(values) == plain.from_string(template).render(values)
    assert "&lt;a href=&#34;x&#34;&gt;O&#39;Neil &amp; &#34;co&#34;&lt;/a&gt;" in ours.from_string(
        "{{ text }}").render(values)


def test_a_missing_attribute_fails_in_a_theme_template_as_in_jinja(tmp_path):
    import jinja2

    from generator.render import _environment
    ours = _environment(SiteConfig(root=tmp_path))
    plain = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    for template in ("{{ mapping.nothing }}", "{{ day.nothing.deeper }}", "{{ missing_name.attribute }}"):
        errors = []
        for environment in (ours, plain):
            with pytest.raises(jinja2.UndefinedError) as raised:
                environment.from_string(template).render(mapping={"key": 1}, day=dt.date(2019, 7, 1))
            errors.append(str(raised.value))
        assert errors[0] == errors[1]


# --- large timelines --------------------------------------------------------------------------

def synthetic_timeline(count: int) -> Timeline:
    articles = tuple(Article(source_path=f"a{n}.md", slug=f"a{n}", title=f"Article {n}", published=dt.date(2024, 1, 1),
                             published_at=None, body_html='<p id="p1">Text.</p>', blocks=(), source="Wire")
                     for n in range(count // 20 + 1))
    events = []
    for number in range(count):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=number * 3)
        span = DateSpan(day, day, "day", day.isoformat())
        article = articles[number // 20]
        source = Source(article.slug, article.title, "Wire", f"articles/{article.slug}/#p1", "",
                        f"Event {number} happened.", "", article.published, span)
        events.append(Event(id=f"e{number:05d}", title=f"Event number {number}", summary="", span=span,
                            tags=("t",), sources=(source,), score=float(number % 97), confidence=0.9))
    return Timeline(events=tuple(events), articles=articles, tags=("t",))


def test_month_groups_never_repeat_a_heading_or_an_anchor():
    from generator.render import group_by_month
    base = synthetic_timeline(1).events[0]
    spans = [DateSpan(dt.date(2019, 5, 1), dt.date(2019, 5, 1), "day", "2019-05-01"),
             DateSpan(dt.date(2019, 5, 2), dt.date(2019, 8, 30), "year", "2019", "MID"),  # "mid-2019"
             DateSpan(dt.date(2019, 5, 27), dt.date(2019, 6, 2), "week", "2019-W22"),  # across May's end
             DateSpan(dt.date(2019, 5, 29), dt.date(2019, 5, 29), "day", "2019-05-29"),
             DateSpan(dt.date(2006, 1, 1), dt.date(2006, 12, 31), "year", "2006")]
    events = tuple(sorted((replace(base, id=f"x{n}", span=span) for n, span in enumerate(spans)),
                          key=lambda e: e.span.sort_key))
    groups = [group for year in group_by_month(events) for group in year.months]
    anchors = [group.anchor for group in groups]
    assert len(anchors) == len(set(anchors))
    assert [group.label for group in groups] == ["Sometime in 2006", "May 2019", "mid-2019", "May 2019, continued"]
    assert [event.id for event in groups[-1].events] == ["x2", "x3"]  # the week stays in May


def test_key_events_take_at_most_two_of_a_date_before_the_other_dates():
    timeline = synthetic_timeline(60)
    busy = timeline.events[10]
    crowd = tuple(replace(busy, id=f"busy{n}", score=500.0 + n, sources=busy.sources * (n + 1)) for n in range(5))
    events = tuple(sorted(timeline.events + crowd, key=lambda e: (e.span.sort_key, e.title, e.id)))
    keys = key_event_ids(events, wanted=20)
    assert len(keys) == 20
    # the two best-reported of the busy date, then the other dates by score
    assert keys & {e.id for e in crowd} == {"busy4", "busy3"}
    assert busy.id not in keys
    assert key_event_ids(events, wanted=len(events) - 1) >= {e.id for e in crowd}  # (a third when more are wanted)


def test_key_events_are_the_top_scored_and_all_when_few():
    few = synthetic_timeline(25).events
    assert key_event_ids(few) == {event.id for event in few}
    many = synthetic_timeline(1000).events
    keys = key_event_ids(many)
    assert len(keys) == 50
    lowest_key = min(event.score for event in many if event.id in keys)
    assert all(event.score <= lowest_key for event in many if event.id not in keys)
    assert len(key_event_ids(many, wanted=7)) == 7


def test_a_large_timeline_keeps_every_page_light(tmp_path):
    timeline = synthetic_timeline(3000)  # 2000 to 2024
    files, keys = render_site(timeline, SiteConfig(root=tmp_path, base_url="/big/"))
    index = files["index.html"].decode()
    assert index.count('<li class="event"') == 50  # 5 % of the events, at most 50; the rest by year
    assert 'data-total="3000"' in index  # (the script's status counts the events not on the page)
    assert 'data-total="3000"' in files["tags/t/index.html"].decode()
    years = sorted(path for path in files if re.fullmatch(r"years/\d{4}/index.html", path))
    assert len(years) == 25
    assert sum(files[path].decode().count('<li class="event"') for path in years) == 3000
    tag_years = [path for path in files if re.fullmatch(r"tags/t/\d{4}/index.html", path)]
    assert len(tag_years) == 25 and files["tags/t/index.html"].decode().count('<li class="event"') == 50
    html_sizes = {path: len(data) for path, data in files.items() if path.endswith(".html")}
    assert max(html_sizes.values()) < 150_000, max(html_sizes.items(), key=lambda item: item[1])
    assert render_site(timeline, SiteConfig(root=tmp_path, base_url="/big/")) == (files, keys)


def test_a_year_of_many_events_is_listed_month_by_month(tmp_path):
    timeline = synthetic_timeline(130)  # 2000-2001: one page each
    dense = []
    article = timeline.articles[0]
    for number in range(1200):  # 2019: about a hundred events a month
        day = dt.date(2019, 1, 1) + dt.timedelta(days=number * 365 // 1200)
        span = DateSpan(day, day, "day", day.isoformat())
        source = Source(article.slug, article.title, "Wire", f"articles/{article.slug}/#p1", "",
                        f"Dense {number} happened.", "", article.published, span)
        dense.append(Event(id=f"d{number:05d}", title=f"Dense event {number}", summary="", span=span,
                           tags=("t",), sources=(source,), score=float(number % 89), confidence=0.9))
    quarter = DateSpan(dt.date(2019, 4, 1), dt.date(2019, 6, 30), "quarter", "2019-Q2")
    dense.append(Event(id="q2", title="A quarter", summary="", span=quarter, tags=("t",),
                       sources=(replace(dense[0].sources[0], span=quarter),), score=1.0, confidence=0.9))
    events = tuple(sorted(timeline.events + tuple(dense), key=lambda e: (e.span.sort_key, e.title, e.id)))
    files, _ = render_site(replace(timeline, events=events), SiteConfig(root=tmp_path, base_url="/big/"))

    year = files["years/2019/index.html"].decode()
    months = re.findall(r'href="/big/(years/2019/(\d\d)/)"', year)
    assert [month for _, month in months] == [f"{m:02d}" for m in range(1, 13)]
    assert year.count('<li class="event"') < 60  # the year's key events only
    listed = {}
    for path, _ in months:
        page = files[path + "index.html"].decode()
        assert len(page) < 200_000
        for event_id in re.findall(r'<li class="event" id="e-([^"]+)"', page):
            listed[event_id] = path
    assert set(listed) == {e.id for e in dense}  # every event of 2019 on exactly one month page
    assert listed["q2"] == "years/2019/04/"  # spanning months: where it starts
    for event_id in ("d00000", "d00600", "q2"):
        event_page = files[f"events/{event_id}/index.html"].decode()
        assert f'<a href="/big/{listed[event_id]}#e-{event_id}">' in event_page
    archive = files["years/index.html"].decode()
    assert 'href="/big/years/2019/06/#m2019-06"' in archive and 'href="/big/years/2000/#m2000-01"' in archive
    assert "years/2000/01/index.html" not in files  # a small year keeps one page
    june = files["years/2019/06/index.html"].decode()
    assert 'rel="prev">← May 2019</a>' in june and 'rel="next">July 2019 →</a>' in june

    # The tag "t" holds all of them: its 2019 is split by month too.
    tag_year = files["tags/t/2019/index.html"].decode()
    tag_months = re.findall(r'href="/big/(tags/t/2019/(\d\d)/)"', tag_year)
    assert [month for _, month in tag_months] == [f"{m:02d}" for m in range(1, 13)]
    assert "1201 events tagged “t” in 2019, month by month" in tag_year and len(tag_year) < 200_000
    in_tag = [event_id for path, _ in tag_months
              for event_id in re.findall(r'<li class="event" id="e-([^"]+)"', files[path + "index.html"].decode())]
    assert sorted(in_tag) == sorted(e.id for e in dense)
    tag_june = files["tags/t/2019/06/index.html"].decode()
    in_tag_june = sum(e.span.start.month == 6 for e in dense if e.id != "q2")
    assert "<title>t in June 2019" in tag_june and '<strong aria-current="page">June 2019</strong>' in tag_june
    assert f"{in_tag_june} events tagged “t” in June 2019." in tag_june
    assert re.search(r'href="/big/tags/t/2019/07/">July 2019</a> ·', tag_june)  # no counts: they change
    assert files["tags/t/2000/index.html"].decode().count('<li class="event"') == 122  # a small year: whole


def test_a_site_of_many_articles_gives_each_publisher_a_page(tmp_path):
    timeline = synthetic_timeline(3000)  # 151 articles, all from "Wire"
    articles = tuple(replace(article, source=("Wire" if n % 3 else "The Daily"), slug=f"a{n}")
                     for n, article in enumerate(timeline.articles * 3))  # 453 articles
    articles = tuple(replace(a, source_path=f"a{n}.md", slug=f"a{n}", published=dt.date(2023 + n % 2, 1 + n % 12, 1))
                     for n, a in enumerate(articles))  # (two years, neither with more than 300)
    files, _ = render_site(replace(timeline, articles=articles), SiteConfig(root=tmp_path, base_url="/big/"))
    index = files["sources/index.html"].decode()
    assert re.findall(r'href="/big/(sources/[^"]+)"', index) == ["sources/the-daily/", "sources/wire/"]
    assert "(151 articles)" in index and "(302 articles)" in index and "<time" not in index
    daily = files["sources/the-daily/index.html"].decode()
    assert "<h1>The Daily</h1>" in daily and daily.count("<li><time") == 151
    # More than 300 articles from one publisher: a page for each year.
    wire = files["sources/wire/index.html"].decode()
    years = sorted({a.published.year for a in articles if a.source == "Wire"}, reverse=True)
    assert "<time" not in wire and len(years) > 1
    assert re.findall(r'href="/big/(sources/wire/[^"]+)"', wire) == [f"sources/wire/{y}/" for y in years]
    listed = 0
    for year in years:
        page = files[f"sources/wire/{year}/index.html"].decode()
        assert f"<h1>Wire: {year}</h1>" in page and 'href="/big/sources/wire/"' in page
        dates = re.findall(r'<li><time datetime="(\d{4})-', page)
        assert dates and set(dates) == {str(year)}
        listed += len(dates)
    assert listed == 302


def test_a_publisher_of_many_articles_in_one_year_has_a_page_per_month(tmp_path):
    from generator.render import SOURCES_PAGE_MOST

    timeline = synthetic_timeline(3000)
    base = timeline.articles[0]
    articles = tuple(replace(base, source="Wire", slug=f"a{n}", source_path=f"a{n}.md",
                             published=dt.date(2019, 1 + n % 12, 1 + n % 28))
                     for n in range(SOURCES_PAGE_MOST + 60))  # one year, more than a page holds
    files, _ = render_site(replace(timeline, articles=articles), SiteConfig(root=tmp_path, base_url="/"))
    wire = files["sources/wire/index.html"].decode()
    months = re.findall(r'href="/(sources/wire/2019/\d\d/)"', wire)
    assert months == [f"sources/wire/2019/{m:02d}/" for m in range(12, 0, -1)]
    june = files["sources/wire/2019/06/index.html"].decode()
    assert "<h1>Wire: June 2019</h1>" in june
    assert june.count("<li><time") == sum(1 for a in articles if a.published.month == 6)
    assert "sources/wire/2019/index.html" not in files

