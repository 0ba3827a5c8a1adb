"""`tlgen serve`: serves under the base path, rebuilds on change, tells open pages to reload."""

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

ARTICLE = "---\ntitle: {title}\ndate: 2019-05-11\n---\n\n{text}\n"


@pytest.fixture(params=["new", "built"])
def served(make_site, request):
    site = make_site({"content/a.md": ARTICLE.format(title="A", text="Tariffs rose on May 10, 2019.")})
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    if request.param == "built":  # serve's first build finds the site built and reads nothing
        subprocess.run([sys.executable, "-m", "generator", "build", "--source", str(site), "--base-url", "/proj/",
                        "--quiet"], env=env, check=True)
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--source", str(site), "--port", "0",
                                "--base-url", "/proj/"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    try:
        line = process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+/proj/)", line)
        assert match, line + process.stderr.read()
        yield site, match.group(1), process
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serves_under_the_base_path_and_reloads_after_a_change(served):
    site, url, process = served
    status, index = fetch(url)
    assert status == 200 and "EventSource" in index
    assert fetch(url + "no/such/page/")[0] == 404
    assert "EventSource" not in (site / "site/index.html").read_text()  # the files stay clean

    stream = urllib.request.urlopen(url.split("/proj/")[0] + "/__tlgen/reload", timeout=20)
    (site / "content/b.md").write_text(ARTICLE.format(title="B", text="Talks resumed in Shanghai on July 30, 2019."))
    deadline = time.monotonic() + 20
    message = b""
    while time.monotonic() < deadline and b"data: reload" not in message:
        message += stream.readline()
    assert b"data: reload" in message
    assert "Shanghai" in fetch(url + "timeline.json")[1]


def test_a_templates_folder_made_while_serving_is_watched_and_used(served):
    site, url, process = served
    assert not (site / "templates").exists()
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text("<!DOCTYPE html><title>Gone</title><p>Nothing at this address.</p>\n")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "Nothing at this address" not in fetch(url + "no/such/page/")[1]:
        time.sleep(0.2)
    assert "Nothing at this address" in fetch(url + "no/such/page/")[1]
    # ... and a later edit in it rebuilds again
    (site / "templates/404.html").write_text("<!DOCTYPE html><title>Gone</title><p>Moved or removed.</p>\n")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "Moved or removed" not in fetch(url + "no/such/page/")[1]:
        time.sleep(0.2)
    assert "Moved or removed" in fetch(url + "no/such/page/")[1]


def test_says_when_it_watches_and_a_change_after_that_is_served(served):
    """'Watching ... for changes.' comes once serve holds the site in memory; an article added
    after it is on the served site."""
    site, url, process = served
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=30)
    line = said[0] if said else "(nothing within 30 s)"
    assert line.strip() == "Watching content/, templates/ and tlgen.toml for changes.", line
    (site / "content/c.md").write_text(ARTICLE.format(title="C", text="Fog closed the port of Gdansk on May 9, 2019."))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "Gdansk" not in fetch(url + "timeline.json")[1]:
        time.sleep(0.2)
    assert "Gdansk" in fetch(url + "timeline.json")[1]
