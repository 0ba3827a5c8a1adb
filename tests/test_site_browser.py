"""The demo site as a reader gets it: served from a project sub-path over HTTP on the loopback,
checked with the Nu Html Checker, axe-core in headless Chromium, with and without JavaScript,
and its timelinejs.json loaded by TimelineJS3.

Tools: Chromium (/usr/bin/chromium), Java, and the npm packages of tests/browser/package.json
(`npm ci --ignore-scripts` in tests/browser). When one is missing these tests skip and say how
to install it; with TLGEN_REQUIRE_BROWSER=1 (as .ci/run sets) they fail instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

REPO = Path(__file__).resolve().parent.parent
BROWSER = REPO / "tests" / "browser"
NODE_MODULES = BROWSER / "node_modules"
CHROMIUM = os.environ.get("TLGEN_CHROMIUM", "/usr/bin/chromium")
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def need(condition: bool, what: str, how: str) -> None:
    """Skip (locally) or fail (CI: TLGEN_REQUIRE_BROWSER=1) when a tool is missing."""
    if condition:
        return
    message = f"{what} is missing; install it with: {how}"
    if os.environ.get("TLGEN_REQUIRE_BROWSER"):
        pytest.fail(message + " (TLGEN_REQUIRE_BROWSER is set, so this cannot be skipped)")
    pytest.skip(message)


def need_node_package(name: str) -> None:
    need(shutil.which("node") is not None, "node", "apt-get install -y nodejs npm")
    need((NODE_MODULES / name).is_dir(), f"the npm package {name}", "cd tests/browser && npm ci --ignore-scripts")


def need_chromium() -> None:
    need(Path(CHROMIUM).is_file(), f"Chromium ({CHROMIUM})", "apt-get install -y chromium")
    need_node_package("playwright-core")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves like GitHub Pages: a missing path under /proj/ gets the site's 404.html."""

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "proj" / "404.html"
        if code != 404 or not self.path.startswith("/proj/") or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The demo site built for http://127.0.0.1:PORT/proj/ and served from that sub-path."""
    www = tmp_path_factory.mktemp("www")
    handler = functools.partial(_Quiet, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}/proj/"
    source = tmp_path_factory.mktemp("demo")
    shutil.copytree(REPO / "content", source / "content")
    shutil.copy(REPO / "tlgen.toml", source / "tlgen.toml")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--quiet", "--source", str(source),
                           "--output", str(www / "proj"), "--base-url", base],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    if BROWSER.is_dir():
        (www / "browser").symlink_to(BROWSER, target_is_directory=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, www / "proj"
    finally:
        server.shutdown()
        server.server_close()


def browser(request: dict, allow_external: bool = False) -> dict:
    done = subprocess.run(["node", str(BROWSER / "check.mjs"), json.dumps(request)], capture_output=True,
                          text=True, timeout=240, cwd=BROWSER)
    assert done.returncode == 0, f"check.mjs {request['check']} failed:\n{done.stderr[-3000:]}"
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    external = answer.pop("external")
    if not allow_external:
        assert external == [], "the page fetched from outside the site"
    return answer


def timeline(site: Path) -> dict:
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_and_asset_resolves_over_http(served):
    base, site = served
    prefix = urlsplit(base).path
    queue = [base, base + "404.html"]
    seen: set[str] = set()
    broken: list[str] = []
    pages = 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except HTTPError as error:
            broken.append(f"{url}: HTTP {error.code}")
            continue
        if kind != "text/html":
            continue
        pages += 1
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
                continue
            assert parts.path.startswith(prefix), f"{url} links outside the site's sub-path: {link}"
            if parts.fragment and parts.path == urlsplit(url).path:
                continue
            queue.append(target.split("#")[0])
    assert not broken, "broken links:\n" + "\n".join(broken)
    import xml.etree.ElementTree as ET
    listed = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(listed) > 20 and all(url.startswith(base) for url in listed)
    unreached = sorted(set(listed) - seen)
    assert unreached == [], f"pages in the sitemap that no link leads to: {unreached[:10]}"
    for name in ("feed.xml", "timeline.ics", "timeline.csv", "timelinejs.json", "static/timeline.js"):
        assert base + name in seen, f"{name} is not linked from the pages"


def test_every_page_passes_the_nu_html_checker(served):
    _, site = served
    need(shutil.which("java") is not None, "Java", "apt-get install -y default-jre-headless")
    need(VNU.is_file(), "the Nu Html Checker (npm package vnu-jar)", "cd tests/browser && npm ci --ignore-scripts")
    files = sorted(str(p) for p in site.rglob("*.html"))
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    errors = [f"{m.get('url', '').rsplit('/proj/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
              for m in report["messages"]]
    assert errors == [], "\n".join(errors[:40])
    assert len(files) > 20


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(served, scheme):
    base, site = served
    need_chromium()
    need_node_package("axe-core")
    data = timeline(site)
    disputed = [e for e in data["events"] if e["disagreement"]]
    event = (disputed or data["events"])[0]
    article = event["sources"][0]["url"].split("#")[0]
    urls = [base, base + event["url"], base + article, base + "years/",
            base + f"years/{event['start'][:4]}/", base + "tags/", base + "sources/", base + "404.html"]
    answer = browser({"check": "axe", "urls": urls, "scheme": scheme})
    problems = [f"{r['url']}: {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"])
                for r in answer["results"] for v in r["violations"]]
    assert problems == [], "\n".join(problems)
    assert len(answer["results"]) == len(urls)


def test_index_shows_its_events_without_javascript(served):
    base, site = served
    need_chromium()
    data = timeline(site)
    answer = browser({"check": "nojs", "url": base})
    assert answer["formVisible"] is False, "the filter form needs the script; it must stay hidden"
    shown = answer["visibleEvents"]
    total = len(data["events"])
    assert 0 < shown <= total
    if shown < total:  # key events only: the page says so and links to every year's page
        assert f"{shown} key events of {total}" in answer["count"]
        years = sorted({e["start"][:4] for e in data["events"]})
        assert answer["links"] == [base + f"years/{year}/" for year in years]
    year = data["events"][0]["start"][:4]
    in_year = sum(e["start"].startswith(year) for e in data["events"])
    assert browser({"check": "nojs", "url": base + f"years/{year}/"})["visibleEvents"] == in_year


def test_filter_by_tag_and_search_with_javascript(served):
    base, site = served
    need_chromium()
    data = timeline(site)
    events = data["events"]
    tagged: dict[str, list[str]] = {}
    for event in events:
        for tag in event["tags"]:
            tagged.setdefault(tag, []).append(event["id"])
    tag = min(tagged, key=lambda t: (len(tagged[t]), t))  # the rarest tag: a real narrowing
    word = next(w for w in events[-1]["title"].split() if len(w) > 5).strip(".,;:'\"").lower()
    steps = browser({"check": "filter", "url": base, "tag": tag, "word": word})
    assert steps["formVisible"] is True
    ids = lambda shown: [e["id"].removeprefix("e-") for e in shown]  # noqa: E731
    if "all" in steps:  # the key/all switch
        assert len(steps["initial"]) < len(events)
        assert ids(steps["all"]) == [e["id"] for e in events]
        assert ids(steps["backToKey"]) == ids(steps["initial"])
    assert sorted(ids(steps["tag"])) == sorted(tagged[tag])
    assert f"{len(tagged[tag])} event" in steps["tagStatus"]
    expected = [e["id"] for e in events
                if any(word in text.lower() for text in (e["title"], e["summary"], e["display_date"]))]
    assert set(expected) <= set(ids(steps["search"]))
    assert all(word in e["text"].lower() for e in steps["search"])
    assert steps["none"] == [] and steps["noneMessage"] is True
    assert ids(steps["cleared"]) == ids(steps["initial"])


def test_a_source_link_highlights_its_whole_sentence(served):
    base, site = served
    need_chromium()
    data = timeline(site)
    source = next(s for e in data["events"] for s in e["sources"] if "#" in s["url"] and len(s["quote"]) > 40)
    answer = browser({"check": "cited", "url": base + source["url"]})
    assert answer["supported"] is True  # (Chromium has the Custom Highlight API)
    assert answer["text"] == " ".join(source["quote"].split())


def test_timelinejs_renders_one_slide_per_event(served):
    base, site = served
    need_chromium()
    need_node_package("@knight-lab/timelinejs")
    data = timeline(site)
    ids = [e["id"] for e in data["events"]]
    page = urljoin(base, "/browser/timelinejs.html") + "?src=" + urlsplit(base).path + "timelinejs.json"
    # TimelineJS's own theme asks for web fonts from a font CDN; those requests are blocked
    # (the tests never leave the machine) and it falls back to local fonts.
    answer = browser({"check": "timelinejs", "url": page, "events": ids}, allow_external=True)
    errors = [e for e in answer["errors"] if e != "Failed to load resource: net::ERR_FAILED"]  # the fonts
    assert errors == [], errors
    assert answer["missing"] == []
    assert answer["slides"] == len(ids) + 1  # the title slide, then one per event
    assert answer["headline"] == data["title"]


def test_the_old_address_of_a_merged_away_report_leads_to_its_event(served):
    base, site = served
    need_chromium()
    events = timeline(site)["events"]
    event = next(e for e in events if e["aliases"])
    alias = event["aliases"][0]
    assert not (site / "events" / alias).exists()  # no page of its own: the 404 page redirects
    answer = browser({"check": "moved", "url": base + f"events/{alias}/#sources"})
    assert answer["status"] == 404
    assert answer["landed"] == base + f"events/{event['id']}/#sources"
    assert event["title"] in answer["title"]
    unknown = browser({"check": "moved", "url": base + "events/0000nosuchid/"})
    assert unknown["landed"] == base + "events/0000nosuchid/" and "not found" in unknown["title"]
