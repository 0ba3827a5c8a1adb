"""Incremental builds: the cache, writing only what changed, pruning, parallel = serial."""

import datetime as dt
import os
from pathlib import Path

import pytest

import generator.build as build_module
from generator.build import build
from generator.config import load_config


def article(day: int, text: str) -> str:
    published = dt.date(2019, 5, 1) + dt.timedelta(days=day)
    return (f"---\ntitle: Report {day}\ndate: {published.isoformat()}\nsource: Wire {day % 3}\n"
            f"tags: [t{day % 4}]\n---\n\n{text}\n")


def corpus(count: int) -> dict[str, str]:
    def day_before(day: int) -> str:
        earlier = dt.date(2019, 5, 1) + dt.timedelta(days=day - 1)
        return f"{earlier:%B} {earlier.day}, 2019"
    return {f"content/a{day:02d}.md": article(day, f"Tariffs on goods rose on {day_before(day)}, after talks in "
                                                   f"city {day} collapsed last week. Officials met on Friday.")
            for day in range(2, 2 + count)}


def rendered_paths(monkeypatch) -> list[str]:
    """The paths of the pages rendered from now on (in this process), in order."""
    rendered: list[str] = []
    original = build_module.render_pages.__globals__["_Renderer"].render

    def spy(self, path, *args, **kwargs):
        rendered.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr("generator.render._Renderer.render", spy)
    return rendered


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_unchanged_rebuild_extracts_nothing_and_writes_nothing(make_site):
    site = make_site(corpus(6))
    config = load_config(site)
    first = build(config)
    assert first.extracted == 6 and first.written == first.files and first.unchanged == 0
    before = snapshot(site / "site")
    second = build(config)
    assert (second.extracted, second.written, second.removed) == (0, 0, 0)
    assert second.unchanged == second.files
    assert snapshot(site / "site") == before  # same bytes and same mtimes


def test_unchanged_rebuild_still_reports_warnings_and_fails_when_strict(make_site):
    import pytest
    from generator.build import StrictFailure
    files = corpus(3)
    files["content/broken.md"] = "---\ntitle: [unclosed\n---\nText.\n"
    site = make_site(files)
    config = load_config(site)
    first = build(config)
    second = build(config)  # nothing changed: the short way
    assert second.written == 0 and second.extracted == 0
    assert (second.articles, second.events, second.files) == (first.articles, first.events, first.files)
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings] != []
    with pytest.raises(StrictFailure):
        build(config, strict=True)


def test_what_is_not_content_still_triggers_a_rebuild(make_site):
    site = make_site(corpus(3))
    config = load_config(site)
    build(config)
    (site / "site/index.html").unlink()  # the output was damaged
    assert build(config).written == 1 and (site / "site/index.html").is_file()
    (site / "templates").mkdir()  # a template of the site's own
    (site / "templates/404.html").write_text("<!DOCTYPE html><title>Lost</title><p>Lost.\n")
    assert build(config).written == 1
    assert (site / "site/404.html").read_text().startswith("<!DOCTYPE html><title>Lost")
    assert build(load_config(site), include_drafts=True).written == 0  # drafts: none, same site


def test_adding_and_deleting_articles(make_site):
    site = make_site(corpus(4))
    config = load_config(site)
    build(config)
    (site / "content/new.md").write_text(article(20, "A summit opened in Osaka on May 18, 2019."))
    added = build(config)
    assert added.extracted == 1
    assert 0 < added.written < added.files
    assert (site / "site/articles/new/index.html").is_file()

    (site / "site/CNAME").write_text("news.example.org\n")  # a file tlgen never wrote
    (site / "content/new.md").unlink()
    removed = build(config)
    assert removed.extracted == 0 and removed.removed >= 1
    assert not (site / "site/articles/new").exists()
    assert (site / "site/CNAME").read_text() == "news.example.org\n"


def test_config_change_invalidates_the_cache(make_site):
    site = make_site(corpus(3))
    build(load_config(site))
    (site / "tlgen.toml").write_text('timezone = "Asia/Tokyo"\n')
    assert build(load_config(site)).extracted == 3


def test_parallel_build_is_byte_identical_to_serial(make_site, tmp_path):
    files = corpus(60)  # enough to use the process pool
    serial_site = make_site(files, name="serial")
    parallel_site = make_site(files, name="parallel")
    build(load_config(serial_site), workers=1)
    report = build(load_config(parallel_site), workers=2)
    assert report.extracted == 60
    serial = {k: v[0] for k, v in snapshot(serial_site / "site").items()}
    parallel = {k: v[0] for k, v in snapshot(parallel_site / "site").items()}
    assert serial == parallel  # the manifest included: it records no time


def test_pages_rendered_in_a_second_process_equal_a_one_process_build(make_site, monkeypatch):
    files = corpus(12)
    one_site = make_site(files, name="one")
    two_site = make_site(files, name="two")
    build(load_config(one_site), workers=1)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_PAGES", 0)  # (real sites: thousands of pages)
    forks = []
    real_helper = build_module._Helper.__enter__
    monkeypatch.setattr(build_module._Helper, "__enter__",
                        lambda self: (forks.append(self.helper is not None), real_helper(self))[1])
    build(load_config(two_site), workers=2)
    assert forks == [True]
    one = {k: v[0] for k, v in snapshot(one_site / "site").items()}
    two = {k: v[0] for k, v in snapshot(two_site / "site").items()}
    assert one == two and any(path.startswith("events/") for path in two)

    # A rebuild after a change: the second process also skips the pages whose inputs did not change.
    for site in (one_site, two_site):
        (site / "content/a04.md").write_text(
            (site / "content/a04.md").read_text().replace("Officials met", "Ministers met"))
    build(load_config(one_site), workers=1)
    report = build(load_config(two_site), workers=2)
    assert 0 < report.written < report.files
    assert {k: v[0] for k, v in snapshot(one_site / "site").items()} == \
        {k: v[0] for k, v in snapshot(two_site / "site").items()}


def test_tag_pages_go_to_the_second_process_when_it_is_free_first(make_site, monkeypatch, tmp_path):
    import time

    files = corpus(12)
    one_site = make_site(files, name="one")
    build(load_config(one_site), workers=1)
    log = tmp_path / "rendered.txt"
    log.write_text("")
    original = build_module.render_pages.__globals__["_Renderer"].render
    this = str(os.getpid())

    def spy(self, path, *args, **kwargs):
        if path == "index.html" and str(os.getpid()) == this:
            # The lists' first page waits until the other process (after its few event and
            # article pages) has taken tag pages, as after one new article in a big site.
            deadline = time.monotonic() + 30
            while "tags/" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.01)
        made = original(self, path, *args, **kwargs)
        with log.open("a") as out:
            out.write(f"{os.getpid()} {path}\n")
        return made

    monkeypatch.setattr("generator.render._Renderer.render", spy)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_PAGES", 0)  # (real sites: thousands of pages)
    two_site = make_site(files, name="two")
    build(load_config(two_site), workers=2)
    rendered = [line.split(" ", 1) for line in log.read_text().splitlines()]
    assert any(pid != this and path.startswith("tags/t") for pid, path in rendered)
    assert {k: v[0] for k, v in snapshot(one_site / "site").items()} == \
        {k: v[0] for k, v in snapshot(two_site / "site").items()}  # the sitemap and tag feeds too


def test_without_a_second_process_to_be_had_the_build_makes_the_same_site_alone(make_site, monkeypatch):
    import generator.timeline as timeline_module
    files = corpus(12)
    one_site = make_site(files, name="one")
    build(load_config(one_site), workers=1)

    def no_fork(work):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(build_module, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(timeline_module, "PARALLEL_MIN_MENTIONS", 0)
    monkeypatch.setattr(build_module, "Forked", no_fork)
    monkeypatch.setattr(timeline_module, "Forked", no_fork)
    alone_site = make_site(files, name="alone")
    build(load_config(alone_site), workers=2)
    assert {k: v[0] for k, v in snapshot(one_site / "site").items()} == \
        {k: v[0] for k, v in snapshot(alone_site / "site").items()}


def test_the_second_process_dies_with_a_killed_build():
    import signal
    import time
    from generator.forked import Forked
    ready, told = os.pipe()
    build_pid = os.fork()
    if build_pid == 0:  # stands for a build, whose helper works for long
        def work():
            os.write(told, str(os.getpid()).encode().ljust(12))
            time.sleep(60)
        Forked(work).result()
        os._exit(0)
    helper = int(os.read(ready, 12))
    os.kill(build_pid, signal.SIGKILL)
    os.waitpid(build_pid, 0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{helper}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break  # dead (a zombie until init reaps it)
        except FileNotFoundError:
            break
        time.sleep(0.05)
    else:
        os.kill(helper, signal.SIGKILL)
        raise AssertionError("the helper outlived the killed build")


def test_a_template_error_in_the_second_process_is_reported_and_the_site_kept(make_site, monkeypatch):
    import pytest
    from generator.errors import TlgenError
    monkeypatch.setattr(build_module, "PARALLEL_MIN_PAGES", 0)
    site, old, new = changed_site(make_site, 6)
    (site / "templates").mkdir()
    (site / "templates/event.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope.nope }}"
                                               "{% endblock %}\n")
    with pytest.raises(TlgenError, match="event.html"):
        build(load_config(site), workers=2)
    assert {k: v[0] for k, v in snapshot(site / "site").items()} == old
    assert not (site / "site/.tlgen-staging").exists()


def visible(files: dict) -> dict:
    """The site a reader sees: without tlgen's own bookkeeping files."""
    return {path: value for path, value in files.items() if not path.startswith(".tlgen")}


def changed_site(make_site, count: int):
    """A built site whose articles then all change, and the tree a clean build of them gives."""
    site = make_site(corpus(count))
    build(load_config(site))
    old = {k: v[0] for k, v in snapshot(site / "site").items()}
    for path in (site / "content").glob("*.md"):
        path.write_text(path.read_text().replace("Officials met", "Ministers met"))
    fresh = make_site({p.relative_to(site).as_posix(): p.read_text() for p in (site / "content").glob("*.md")},
                      name="fresh")
    build(load_config(fresh))
    new = {k: v[0] for k, v in snapshot(fresh / "site").items()}
    assert visible(old) != visible(new)
    return site, old, new


def build_interrupted(site: Path, monkeypatch, owner, name: str, after: int = 12) -> list:
    """Build, with a KeyboardInterrupt (what Ctrl-C raises) from the call after `after` calls
    of owner.name; returns the calls made."""
    real = getattr(owner, name)
    calls = []

    def interrupted(*args):
        calls.append(args)
        if len(calls) > after:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(owner, name, interrupted)
    try:
        build(load_config(site))
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(owner, name, real)
    return calls


def test_build_interrupted_while_staging_leaves_the_old_site_exactly(make_site, monkeypatch):
    site, old, new = changed_site(make_site, 6)
    calls = build_interrupted(site, monkeypatch, build_module, "_write_new")
    assert len(calls) > 12  # the interruption did happen, in the staging phase
    middle = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert visible(middle) == visible(old)  # not one page of the old site changed
    assert not (site / "site/.tlgen-staging").exists()  # and the interrupted build cleaned up
    report = build(load_config(site))
    final = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert report.written > 0 and final == new
    assert not (site / "site/.tlgen-staging").exists()


def test_a_template_error_half_way_leaves_the_old_site_exactly(make_site):
    import pytest
    from generator.errors import TlgenError
    site, old, new = changed_site(make_site, 6)
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text("{% extends 'base.html' %}{% block content %}{{ nope.nope }}"
                                                 "{% endblock %}\n")
    with pytest.raises(TlgenError, match="article.html"):
        build(load_config(site))
    assert {k: v[0] for k, v in snapshot(site / "site").items()} == old


def test_build_interrupted_while_swapping_is_finished_by_the_next_build(make_site, monkeypatch):
    site, old, new = changed_site(make_site, 6)
    build_interrupted(site, monkeypatch, os, "replace")
    middle = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert (site / "site/.tlgen-journal.json").is_file()  # past the commit point
    assert set(visible(old)) <= set(middle)  # nothing was removed yet: every old link still resolves
    for path, data in visible(middle).items():
        assert data == old.get(path) or data == new.get(path), path  # old or new, whole
    assert_links_resolve(site / "site", visible(middle), entries=visible(old))

    report = build(load_config(site))  # the next build finishes the swap, then has nothing to do
    final = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert final == new and report.written == 0
    assert not (site / "site/.tlgen-journal.json").exists()
    assert not (site / "site/.tlgen-staging").exists()


def test_build_interrupted_while_removing_gone_pages_keeps_the_new_site_whole(make_site, monkeypatch):
    site, old, new = changed_site(make_site, 6)
    gone = set(visible(old)) - set(new)
    assert len(gone) > 3  # every event had a new headline: its old page goes
    build_interrupted(site, monkeypatch, build_module, "_remove_file", after=2)
    middle = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert len(gone - set(middle)) == 2  # stopped after two removals
    assert {path: data for path, data in visible(middle).items() if path not in gone} == visible(new)
    # Every page the new site keeps, and every page reached from one, links to pages that exist.
    assert_links_resolve(site / "site", visible(middle), entries=[p for p in visible(old) if p in new])
    build(load_config(site))
    assert {k: v[0] for k, v in snapshot(site / "site").items()} == new


def test_ctrl_c_during_the_swap_lands_after_it(make_site, monkeypatch):
    import signal
    import pytest
    site, old, new = changed_site(make_site, 6)
    real_swap = build_module._swap_in

    def swap_with_ctrl_c(output, write, remove):
        os.kill(os.getpid(), signal.SIGINT)  # the reader presses Ctrl-C as the swap starts
        real_swap(output, write, remove)

    monkeypatch.setattr(build_module, "_swap_in", swap_with_ctrl_c)
    # As in a terminal (a shell's background job starts with SIGINT ignored, and so would tlgen).
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            build(load_config(site))
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # given back
    finally:
        signal.signal(signal.SIGINT, before)
    assert {k: v[0] for k, v in snapshot(site / "site").items()} == new  # whole: the new site


def test_cache_lives_in_the_site_and_ignores_itself(make_site):
    site = make_site(corpus(2))
    build(load_config(site))
    assert (site / ".tlgen-cache/articles.sqlite3").is_file()
    assert (site / ".tlgen-cache/.gitignore").read_text() == "*\n"


def test_a_cache_from_an_older_tlgen_is_taken_over_without_a_hitch(make_site):
    """An older tlgen kept the texts in a WITHOUT ROWID table (rows inside the index, which
    spill out of its pages); this one keeps them in a plain table, and a new cache has pages
    that hold several texts. A cache of the old kind is read, its texts made again."""
    import sqlite3

    from generator.cache import PAGE_SIZE
    site = make_site(corpus(4))
    build(load_config(site))
    cache = site / ".tlgen-cache/articles.sqlite3"
    with sqlite3.connect(cache) as connection:
        assert connection.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
        connection.execute("DROP TABLE texts")
        connection.execute("CREATE TABLE texts (family TEXT, digest TEXT, kind TEXT, text TEXT, "
                           "PRIMARY KEY (family, digest, kind)) WITHOUT ROWID")
        connection.execute("INSERT INTO texts VALUES ('item', 'd', 'k', 'stale')")
    connection.close()
    (site / "content/added.md").write_text(article(9, "The port of city 9 reopened on March 9, 2018."))
    build(load_config(site))
    with sqlite3.connect(cache) as connection:
        schema = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'texts'").fetchone()[0]
        kept = connection.execute("SELECT count(*) FROM texts").fetchone()[0]
    connection.close()
    assert "WITHOUT ROWID" not in schema.upper() and kept > 0
    fresh = make_site({**corpus(4), "content/added.md": article(9, "The port of city 9 reopened on March 9, 2018.")},
                      name="fresh")
    build(load_config(fresh))
    assert ({k: v[0] for k, v in snapshot(site / "site").items()}
            == {k: v[0] for k, v in snapshot(fresh / "site").items()})


def test_the_room_of_a_whole_old_cache_goes_back_to_the_disk(make_site, monkeypatch):
    """A changed config (or tlgen) reads every article again; the old results are deleted,
    and the file would keep their room. A build that leaves much of it free compacts it."""
    import sqlite3

    import generator.cache as cache_module
    # (a real site's old results take tens of MB and half the file; this one's, a few pages)
    monkeypatch.setattr(cache_module, "COMPACT_MIN_BYTES", 0)
    monkeypatch.setattr(cache_module, "COMPACT_SHARE", 10 ** 6)
    site = make_site(corpus(12))
    build(load_config(site))
    cache = site / ".tlgen-cache/articles.sqlite3"

    def free_pages() -> int:
        with sqlite3.connect(cache) as connection:
            found = connection.execute("PRAGMA freelist_count").fetchone()[0]
        connection.close()
        return found
    (site / "tlgen.toml").write_text('timezone = "Europe/Paris"\n')
    report = build(load_config(site))
    assert report.extracted == 12 and free_pages() == 0
    assert build(load_config(site)).extracted == 0  # (and the compacted cache serves the next build)


def test_pages_whose_inputs_did_not_change_are_not_rendered_again(make_site, monkeypatch):
    site = make_site(corpus(5))
    config = load_config(site)
    build(config)
    rendered = []
    import jinja2
    original = jinja2.Template.render

    def counting(self, *args, **kwargs):
        if not self.name.startswith("_"):  # pages, not the fragments they are made of
            rendered.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    build(config)
    assert rendered == []
    # A new headline for one article's events: its pages and the lists that show them re-render.
    text = (site / "content/a02.md").read_text().replace("Officials met on Friday.", "Officials met again on Friday.")
    (site / "content/a02.md").write_text(text)
    report = build(config)
    assert 0 < len(rendered) < report.files / 2
    assert "article.html" in rendered


def test_kill_9_during_a_build_leaves_whole_files_and_the_next_build_recovers(make_site):
    """A real SIGKILL at several moments of a rebuild; whatever the moment, every file is the
    old or the new version, nothing that a page staying on the site links to is gone, and the
    next build ends with the same tree as a clean build."""
    import signal
    import subprocess
    import sys
    import time

    repo = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(repo))
    site, old, new = changed_site(make_site, 80)
    command = [sys.executable, "-m", "generator", "build", "--quiet", "--jobs", "1", "--source", str(site)]
    timing = make_site({p.relative_to(site).as_posix(): p.read_text() for p in (site / "content").glob("*.md")},
                       name="timing")
    started = time.monotonic()
    subprocess.run(command[:-1] + [str(timing)], env=env, check=True)
    duration = time.monotonic() - started  # a cold build; the killed ones are shorter rebuilds
    # The old pages a reader may have open that the new site keeps. (The pages it drops are
    # removed last, one by one, and link to one another: a reader on one of them may find its
    # neighbour gone a moment before the page itself goes, as after the build.)
    staying = {path: data for path, data in visible(old).items() if path in new}
    for fraction in (0.3, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95):  # startup, reading, rendering, writing
        process = subprocess.Popen(command, env=env)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = {k: v[0] for k, v in snapshot(site / "site").items()}
        assert_links_resolve(site / "site", visible(now), entries=staying)
        if not (site / "site/.tlgen-journal.json").exists():
            # Killed before the commit point (or after the end): the old site or the new one.
            assert visible(now) in (visible(old), visible(new))
        for path, data in visible(now).items():
            assert data == old.get(path) or data == new.get(path), path
    build(load_config(site))
    final = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert final == new


def assert_links_resolve(output: Path, files: dict[str, bytes], entries=()) -> None:
    """Every link of every page a reader can reach resolves: from the index, and from the
    pages in entries (the old site's pages: a reader may have any of them open or bookmarked).
    A page that no reachable page links to yet is not reachable."""
    import re
    queue = ["index.html"] + [path for path in entries if path.endswith(".html") and path in files]
    seen = set(queue)
    while queue:
        path = queue.pop()
        data = files[path] if path in files else (output / path).read_bytes()
        for link in re.findall(rb'(?:href|src)="(/[^"#?]*)', data):
            target = link.decode().lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            assert (output / target).is_file(), f"{path} links to missing {link.decode()}"
            if target.endswith(".html") and target not in seen:
                seen.add(target)
                queue.append(target)


def test_bodies_live_in_the_cache_and_a_cache_that_refuses_them_costs_nothing(make_site, monkeypatch):
    import sqlite3
    from generator.cache import ArticleCache
    site = make_site(corpus(3))
    build(load_config(site))
    stored = sqlite3.connect(site / ".tlgen-cache/articles.sqlite3").execute("SELECT count(*) FROM bodies").fetchone()
    assert stored == (3,)
    expected = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "site/articles").rglob("index.html")}
    other = make_site(corpus(3), name="refusing")
    monkeypatch.setattr(ArticleCache, "put_bodies", lambda self, bodies, entries=None: False)  # a full disk, say
    build(load_config(other))
    assert {p.relative_to(other).as_posix(): p.read_bytes()
            for p in (other / "site/articles").rglob("index.html")} == expected and len(expected) == 3
    assert "Tariffs on goods rose" in (other / "site/articles/a02/index.html").read_text()
    monkeypatch.undo()  # room again: what was not kept is read again by the next build, and kept
    for name in ("a02", "a03"):
        (other / f"content/{name}.md").write_text((other / f"content/{name}.md").read_text() + "\nMore.\n")
        assert build(load_config(other)).extracted == (3 if name == "a02" else 1)


@pytest.mark.parametrize("lists", ["whole", "split"])
def test_a_rebuild_after_adding_an_article_equals_a_clean_build(make_site, monkeypatch, lists):
    if lists == "split":  # as at thousands of events: the index shows key events, tags get year pages
        monkeypatch.setattr("generator.render.INDEX_ALL_UP_TO", 2)
        monkeypatch.setattr("generator.render.YEAR_PAGE_MOST", 2)  # years and tag years by month
        monkeypatch.setattr("generator.render.KEY_ALL_UP_TO", 0)  # (one key event, which the new
        monkeypatch.setattr("generator.render.KEY_MIN", 1)        # article does not change: so a
        monkeypatch.setattr("generator.render.KEY_MAX", 1)        # page's key depends on its own inputs)
    files = corpus(8)
    files.update({f"content/old{n}.md": article(n - 400, f"The port of city {n} reopened on March {n}, 2018.")
                  for n in range(3, 7)})
    site = make_site(files)
    build(load_config(site))
    added = article(30, "Tariffs on goods rose on May 9, 2019, after talks in city 8 collapsed last week.")
    (site / "content/z-added.md").write_text(added)
    report = build(load_config(site))
    assert report.extracted == 1
    fresh = make_site({**files, "content/z-added.md": added}, name="fresh")
    build(load_config(fresh))
    assert ({k: v[0] for k, v in snapshot(site / "site").items()}
            == {k: v[0] for k, v in snapshot(fresh / "site").items()})
    if lists == "split":
        assert (fresh / "site/years/2019/05/index.html").is_file() and (fresh / "site/tags/t2/2019/05").is_dir()


def test_a_new_article_citing_a_day_updates_scores_but_not_the_pages_of_that_days_events(make_site, monkeypatch):
    files = corpus(6)
    site = make_site(files)
    build(load_config(site))
    before = snapshot(site / "site")
    rendered = rendered_paths(monkeypatch)
    # Cites May 3 (another report's day) in words of its own: no merge, but every event of
    # May 3 now has one more reference, so a higher score.
    added = article(40, "Dock workers in city 99 went on strike on May 3, 2019, over pay.")
    (site / "content/z-added.md").write_text(added)
    build(load_config(site))
    during = list(rendered)  # (this rebuild's renders only: the clean build below renders all)
    fresh = make_site({**files, "content/z-added.md": added}, name="fresh")
    build(load_config(fresh))
    after = {k: v[0] for k, v in snapshot(site / "site").items()}
    assert after == {k: v[0] for k, v in snapshot(fresh / "site").items()}  # scores in timeline.json too
    import json
    scores = {e["id"]: e["score"] for e in json.loads(before["timeline.json"][0])["events"]}
    events = json.loads(after["timeline.json"])["events"]
    new = [n for n, e in enumerate(events) if e["id"] not in scores]
    near = {events[n + step]["id"] for n in new for step in (-1, 1) if 0 <= n + step < len(events)}
    rescored = [e for e in events if e["id"] in scores and e["score"] != scores[e["id"]] and e["id"] not in near]
    assert rescored  # (the citation raised the score of an event that is no new one's neighbour)
    for event in rescored:  # ... and its page, which shows no score, was left alone
        assert event["url"] + "index.html" not in during


def test_a_feed_is_made_again_only_when_the_events_it_shows_change(make_site, monkeypatch):
    import generator.render as render_module
    monkeypatch.setattr("generator.feeds.FEED_LIMIT", 2)  # (real feeds: the 50 newest reports)
    files = corpus(8)
    site = make_site(files)
    build(load_config(site))
    made = []
    real_feed = render_module.atom_feed
    monkeypatch.setattr(render_module, "atom_feed",
                        lambda *args, **kwargs: (made.append(kwargs["feed_path"]), real_feed(*args, **kwargs))[1])
    # An article published long before the others, under tag t1: its event is the oldest
    # report there, so no feed shows it.
    old = article(-399, "The port of city 3 reopened on March 3, 2018.")
    assert "tags: [t1]" in old
    (site / "content/old.md").write_text(old)
    assert build(load_config(site)).extracted == 1
    assert made == []
    # A new report is the newest: the site's feed and its tag's show it.
    new = article(41, "Tariffs on goods rose on June 9, 2019, after talks in city 41 collapsed.")
    (site / "content/new.md").write_text(new)
    build(load_config(site))
    assert sorted(made) == ["feed.xml", "tags/t1/feed.xml"]
    assert "Report 41" in (site / "site/tags/t1/feed.xml").read_text()
    fresh = make_site({**files, "content/old.md": old, "content/new.md": new}, name="fresh")
    build(load_config(fresh))
    assert ({k: v[0] for k, v in snapshot(site / "site").items()}
            == {k: v[0] for k, v in snapshot(fresh / "site").items()})


def test_a_process_that_builds_again_takes_what_it_read_last_time_from_memory(make_site, monkeypatch):
    from generator.build import BuildMemory
    from generator.cache import ArticleCache
    files = corpus(6)
    files.update({f"content/old{n}.md": article(n - 400, f"The port of city {n} reopened on March {n}, 2018.")
                  for n in range(3, 6)})
    site = make_site(files)
    memory = BuildMemory()
    build(load_config(site), memory=memory)
    assert len(memory.results) == 9 and memory.zones
    asked = []
    real_get_many = ArticleCache.get_many
    monkeypatch.setattr(ArticleCache, "get_many",
                        lambda self, keys, table="entries": (asked.append((table, len(keys))),
                                                              real_get_many(self, keys, table))[1])
    added = article(30, "Tariffs on goods rose on May 9, 2019, after talks in city 8 collapsed last week.")
    (site / "content/z-added.md").write_text(added)
    report = build(load_config(site), memory=memory)
    assert report.extracted == 1 and len(memory.results) == 10
    # Only the new article was looked for in the cache; 2018's zone came from memory too (the
    # merge looked up 2019's, which changed, its groups, and how it was grouped last time).
    assert asked == [("entries", 1), ("merges", 1), ("merges", 1), ("merges", 1), ("merges", 1)]
    fresh = make_site({**files, "content/z-added.md": added}, name="fresh")
    build(load_config(fresh))
    assert ({k: v[0] for k, v in snapshot(site / "site").items()}
            == {k: v[0] for k, v in snapshot(fresh / "site").items()})

    # The cache deleted under a running process: what memory holds without its body in the
    # cache is read again, and the site stays the same.
    import shutil
    shutil.rmtree(site / ".tlgen-cache")
    (site / "content/z-added.md").write_text(added.replace("Tariffs", "Duties"))
    assert build(load_config(site), memory=memory).extracted == 10
    assert "Duties on goods rose" in (site / "site/articles/z-added/index.html").read_text()


def test_a_change_of_key_events_renders_again_only_the_lists_that_show_them(make_site, monkeypatch):
    # Three stories under three tags; the index shows one key event. A new report of the
    # second story makes it the key event: the lists of the first two tags change (their
    # events' key marks), the third tag's list does not and is not rendered again.
    def story(name: str, day: int, text: str, tag: str) -> str:
        return (f"---\ntitle: {name}\ndate: 2019-05-{day:02d}\nsource: Wire\ntags: [{tag}]\n---\n\n{text}\n")
    files = {"tlgen.toml": 'title = "Keys"\nkey_events = 1\n',
             "content/a.md": story("A", 10, "Dock workers in Harborview went on strike on May 3, 2019, over pay. "
                                            "The strike by dock workers in Harborview on May 3, 2019 closed the port.", "docks"),
             "content/b.md": story("B", 11, "The city council of Millford approved a new budget on May 6, 2019.", "council"),
             "content/c.md": story("C", 12, "A storm flooded farms near Eastwick on May 8, 2019.", "weather")}
    site = make_site(files)
    build(load_config(site))
    rendered = rendered_paths(monkeypatch)
    more = {f"content/b{n}.md": story(f"B{n}", 20 + n, "Weeks later, the Millford city council's budget approved "
                                                       "on May 6, 2019 still divides the city.", "council")
            for n in range(3)}
    for path, text in more.items():
        (site / path).write_text(text)
    build(load_config(site))
    during = list(rendered)  # (this rebuild's renders only: the clean build below renders all)
    fresh = make_site({**files, **more}, name="fresh")
    build(load_config(fresh))
    assert {k: v[0] for k, v in snapshot(site / "site").items()} == \
        {k: v[0] for k, v in snapshot(fresh / "site").items()}
    assert {"tags/council/index.html", "tags/docks/index.html"} <= set(during)
    assert "tags/weather/index.html" not in during
