"""The command line as a user runs it: exit codes, one-line errors, the files it writes."""

import datetime as dt
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

GOOD = """---
title: Tariffs rise
date: 2019-05-11
source: Harbor Ledger
---

The tariff increase took effect on May 10, 2019, after talks collapsed.
"""


def test_help_lists_every_command(tlgen):
    result = tlgen("--help")
    assert result.code == 0
    for command in ("build", "events", "annotate", "init", "new"):
        assert command in result.out
    build_help = tlgen("build", "--help").out
    for option in ("--source", "--output", "--base-url", "--drafts", "--strict", "--quiet", "--force"):
        assert option in build_help


def test_broken_front_matter_is_one_line_and_strict_fails(tlgen, make_site):
    root = make_site({"content/good.md": GOOD,
                      "content/broken.md": "---\ntitle: Oops\ndate: 2019-05-11\nsummary: a: b\n---\nText.\n"})
    result = tlgen("build", "--source", str(root))
    assert result.code == 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"warning: {root / 'content/broken.md'}:4: front matter is not valid YAML")
    assert "Traceback" not in result.err
    assert lines[0].endswith("; the article is skipped (quote values that contain ':' or start with a special character)")
    assert "Built 1 article (2 files read anew), 1 event; " in result.out
    assert (root / "site/index.html").exists()
    # the summary says how big the site is: what a host is given
    written = sum(path.stat().st_size for path in (root / "site").rglob("*")
                  if path.is_file() and not path.name.startswith(".tlgen"))
    assert f"({round(written / 1e3)} KB, " in result.out

    strict = tlgen("build", "--strict", "--source", str(root), "--output", str(root / "strict-out"))
    assert strict.code == 1
    assert "1 warning(s) with --strict; nothing was written" in strict.err
    assert not (root / "strict-out").exists()


def test_bad_config_is_one_line(tlgen, make_site):
    root = make_site({"tlgen.toml": "title = 5\n", "content/good.md": GOOD})
    result = tlgen("build", "--source", str(root))
    assert result.code == 1
    assert result.err == f"error: {root / 'tlgen.toml'}: 'title' must be a string, not int 5\n"


def test_refuses_an_output_folder_it_did_not_create(tlgen, make_site):
    root = make_site({"content/good.md": GOOD, "site/mine.txt": "my notes"})
    result = tlgen("build", "--source", str(root))
    assert result.code == 1
    assert "it was not created by tlgen" in result.err
    assert (root / "site/mine.txt").read_text() == "my notes"
    assert tlgen("build", "--force", "--source", str(root)).code == 0
    assert (root / "site/index.html").exists()


def test_refuses_an_output_folder_inside_the_content_folder(tlgen, make_site):
    root = make_site({"content/good.md": GOOD})
    result = tlgen("build", "--source", str(root), "--output", str(root / "content/out"))
    assert result.code == 1
    assert "inside the content folder" in result.err and len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in (root / "content").iterdir()) == ["good.md"]


def test_empty_names_are_refused_and_nothing_is_written(tlgen, make_site, tmp_path):
    root = make_site({"content/good.md": GOOD})
    result = tlgen("new", "  ", "--source", str(root))
    assert result.code == 2 and "TITLE: is empty" in result.err
    assert sorted(p.name for p in (root / "content").iterdir()) == ["good.md"]
    result = tlgen("init", "", cwd=tmp_path)
    assert result.code == 2 and "DIRECTORY: is empty" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [root.name]  # (init wrote nothing)


def test_events_json_is_exactly_timeline_json(tlgen, make_site):
    root = make_site({"content/good.md": GOOD})
    assert tlgen("build", "--quiet", "--source", str(root)).code == 0
    printed = tlgen("events", "--json", "--source", str(root))
    assert printed.code == 0
    assert printed.out == (root / "site/timeline.json").read_text(encoding="utf-8")
    assert json.loads(printed.out)["events"][0]["start"] == "2019-05-10"
    text = tlgen("events", "--source", str(root))
    assert "2019-05-10  May 10, 2019" in text.out


def test_new_writes_a_skeleton_and_never_overwrites(tlgen, make_site):
    root = make_site({"content/good.md": GOOD})
    result = tlgen("new", "Talks resume in Osaka", "--date", "2019-07-01", "--tag", "g20", "--source", str(root))
    assert result.code == 0
    path = root / "content/2019-07-01-talks-resume-in-osaka.md"
    assert path.read_text().startswith('---\ntitle: "Talks resume in Osaka"\ndate: 2019-07-01\n')
    assert "0 events from" in tlgen("extract", str(path), cwd=root).err  # the skeleton's advice dates nothing
    path.write_text(path.read_text() + "Edited.\n")
    again = tlgen("new", "Talks resume in Osaka", "--date", "2019-07-01", "--source", str(root))
    assert again.code == 1 and "already exists" in again.err
    assert path.read_text().endswith("Edited.\n")
    assert tlgen("build", "--quiet", "--source", str(root)).code == 0


def test_new_outside_a_site_writes_nothing_and_says_why(tlgen, tmp_path):
    result = tlgen("new", "Talks resume", "--date", "2019-07-01", cwd=tmp_path)
    assert result.code == 1 and "is not a tlgen site" in result.err and "tlgen init" in result.err
    assert list(tmp_path.iterdir()) == []


def test_annotate_formats(tlgen):
    text = "Trump and Xi got talks back on track this past weekend & agreed to meet.\n"
    timeml = tlgen("annotate", "--dct", "2019-07-01", "--format", "timeml", stdin=text)
    assert timeml.code == 0
    assert '<TIMEX3 tid="t1" type="DATE" value="2019-W26-WE">this past weekend</TIMEX3> &amp; agreed' in timeml.out
    assert "<DCT>" in timeml.out and 'value="2019-07-01"' in timeml.out
    data = json.loads(tlgen("annotate", "--dct", "2019-07-01", "--format", "json", stdin=text).out)
    (found,) = data["timexes"]
    assert (found["text"], found["value"], found["interval"], found["precision"]) == (
        "this past weekend", "2019-W26-WE", ["2019-06-29", "2019-06-30"], "weekend")
    bad = tlgen("annotate", "--dct", "July", stdin=text)
    assert bad.code == 2 and "Traceback" not in bad.err


def test_annotate_an_article_dates_its_body_by_its_own_date(tlgen, tmp_path):
    article = tmp_path / "osaka.md"
    article.write_text('---\ntitle: "Talks"\ndate: 2019-07-01\n---\n\nThe talks resumed this past weekend.\n')
    data = json.loads(tlgen("annotate", "--format", "json", str(article)).out)
    assert data["dct"] == "2019-07-01"
    (found,) = data["timexes"]  # (not the front matter's date)
    assert (found["text"], found["value"]) == ("this past weekend", "2019-W26-WE")
    assert article.read_text()[found["start"]:found["end"]] == "this past weekend"
    # --dct still decides
    data = json.loads(tlgen("annotate", "--format", "json", "--dct", "2019-07-08", str(article)).out)
    assert data["timexes"][0]["value"] == "2019-W27-WE"
    assert tlgen("annotate", str(article)).err == ""
    # a front matter whose date cannot be read says so, and which day the dates are read against
    for front, problem in (('title: "Talks\ndate: 2019-07-01', "osaka.md:2: front matter is not valid YAML"),
                           ("title: Talks", "osaka.md: its front matter has no date"),
                           ("title: Talks\ndate: 2019-13-45", "osaka.md: its date cannot be read")):
        article.write_text(f"---\n{front}\n---\n\nThe talks resumed this past weekend.\n")
        done = tlgen("annotate", str(article))
        assert done.code == 0 and problem in done.err and "dates are read against" in done.err, front
        assert len(done.err.splitlines()) == 1
        assert tlgen("annotate", "--dct", "2019-07-08", str(article)).err == ""  # (it was told which)


@pytest.mark.parametrize("zone, day", [("", "2019-07-02"), ('timezone = "America/New_York"\n', "2019-07-01")])
def test_annotate_reads_a_dated_time_in_the_site_zone_as_the_build_does(tlgen, make_site, zone, day):
    root = make_site({"tlgen.toml": 'title = "T"\n' + zone,
                      "content/a.md": "---\ntitle: tz\ndate: 2019-07-01T23:30:00-04:00\n---\nTalks collapsed yesterday.\n"})
    data = json.loads(tlgen("annotate", "--format", "json", str(root / "content/a.md")).out)
    assert data["dct"] == day
    printed = tlgen("extract", str(root / "content/a.md"), cwd=root).out
    yesterday = dt.date.fromisoformat(day) - dt.timedelta(days=1)
    assert data["timexes"][0]["value"] == yesterday.isoformat()
    assert f"{yesterday:%B} {yesterday.day}, {yesterday.year}" in printed


def test_a_file_system_refusal_is_one_clear_line_not_an_internal_error(tlgen, tmp_path):
    site = tmp_path / "s"
    assert tlgen("init", str(site)).code == 0
    (tmp_path / "a-file").write_text("not a folder")
    result = tlgen("build", "--quiet", "--source", str(site), "--output", str(tmp_path / "a-file" / "site"))
    assert result.code == 1
    assert result.err.startswith("error: ") and "a-file" in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_missing_content_folder(tlgen, tmp_path):
    result = tlgen("build", "--source", str(tmp_path))
    assert result.code == 1
    assert result.err.startswith("error: no content folder at ")


def test_missing_site_folder_is_named_as_such(tlgen, tmp_path):
    result = tlgen("build", "--source", str(tmp_path / "nowhere"))
    assert result.code == 1
    assert result.err == f"error: there is no site folder {tmp_path / 'nowhere'} (check --source, or run " \
                         "'tlgen init DIR' for a new site)\n"


@pytest.mark.slow
def test_installed_wheel_carries_the_theme_and_builds_a_new_site(tmp_path):
    """pip install . then `tlgen init` and `tlgen build` using only the installed package."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(REPO), "-w", str(wheels)],
                   check=True, capture_output=True)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    wheel = next(wheels.glob("tlgen-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", str(wheel)],
                   check=True, capture_output=True)
    site = tmp_path / "new-site"
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    elsewhere = tmp_path  # not the repository, so nothing resolves to the source checkout
    for args in (["init", str(site)], ["build", "--source", str(site)]):
        done = subprocess.run([str(env_dir / "bin" / "tlgen"), *args], cwd=elsewhere, env=clean_env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert (site / ".github/workflows/pages.yml").is_file()
    index = (site / "site/index.html").read_text()
    assert index.count('<li class="event"') >= 1
    assert (site / "site/static/style.css").stat().st_size > 1000
    workflow = (site / ".github/workflows/pages.yml").read_text()
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in workflow
    assert "--base-url" in workflow


def test_check_validates_everything_and_writes_nothing(tlgen, make_site):
    root = make_site({"content/good.md": GOOD})
    result = tlgen("check", "--source", str(root))
    assert result.code == 0 and result.out.startswith("No problems: 1 article, 1 event.\nNote: base_url '/' is not")
    assert "relative links" in result.out  # (a note, not a problem: the Pages workflow passes an absolute one)
    absolute = make_site({"tlgen.toml": 'base_url = "https://example.org/t/"\n', "content/good.md": GOOD},
                         name="absolute")
    assert tlgen("check", "--source", str(absolute)).out == "No problems: 1 article, 1 event.\n"
    (root / "content/bad.md").write_text("---\ntitle: [a, b]\ndate: 2019-05-11\n---\n")
    result = tlgen("check", "--source", str(root))
    assert result.code == 1
    assert result.err.splitlines() == [
        f"warning: {root / 'content/bad.md'}:2: 'title' must be text, not a list; the article is skipped (write 'title: some text')",
        f"error: 1 problem in {root} (fix the files named above)"]
    assert sorted(p.name for p in root.iterdir()) == ["content"]


def test_duplicate_authored_event_ids_are_kept_apart(tlgen, make_site):
    authored = "---\ntitle: {t}\ndate: 2019-05-11\nevents:\n  - date: 2019-05-{d}\n    title: {t} event\n    id: same\n---\n"
    root = make_site({"content/a.md": authored.format(t="A", d="10"), "content/b.md": authored.format(t="B", d="12")})
    result = tlgen("build", "--source", str(root))
    assert result.code == 0
    assert f"warning: {root / 'content/b.md'}:7: event id 'same' is also used in a.md" in result.err
    ids = [e["id"] for e in json.loads((root / "site/timeline.json").read_text())["events"]]
    assert ids[0] == "same" and ids[1].startswith("same-") and len(ids) == 2


def test_init_workflow_keeps_the_build_cache_between_runs(tlgen, tmp_path):
    import yaml

    site = tmp_path / "news"
    assert tlgen("init", str(site)).code == 0
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, step in enumerate(steps) if "tlgen build" in step.get("run", ""))
    assert cache < build  # restored before the build, saved by the action after the job
    assert steps[cache]["with"]["path"] == ".tlgen-cache"
    assert steps[cache]["with"]["restore-keys"] == "tlgen-cache-"  # an older cache still helps
    assert "hashFiles('content/**'" in steps[cache]["with"]["key"]


def test_init_workflow_never_installs_an_unpublished_tlgen_by_name(tlgen, tmp_path):
    import yaml

    site = tmp_path / "news"
    result = tlgen("init", str(site))
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text())
    spec = workflow["env"]["TLGEN"]
    # a tlgen installed from a folder: nothing a CI runner could install, so the user sets it
    assert spec == "" and "set TLGEN in .github/workflows/pages.yml" in result.out
    install = next(step["run"] for step in workflow["jobs"]["build"]["steps"] if "pip install" in step.get("run", ""))
    assert 'if [ -z "$TLGEN" ]' in install and "exit 1" in install


def test_init_names_the_git_commit_tlgen_was_installed_from(monkeypatch):
    import importlib.metadata
    import json

    from generator import scaffold

    class Installed:
        def __init__(self, record):
            self.record = record

        def read_text(self, name):
            return json.dumps(self.record) if name == "direct_url.json" else None

    record = {"url": "https://github.com/newsroom/tlgen", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}
    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Installed(record))
    assert scaffold.installed_from() == "tlgen @ git+https://github.com/newsroom/tlgen@abc123"
    spec = scaffold.site_files("T", dt.date(2019, 7, 1), scaffold.installed_from())[".github/workflows/pages.yml"]
    assert 'TLGEN: "tlgen @ git+https://github.com/newsroom/tlgen@abc123"' in spec
    record = {"url": "file:///home/me/tlgen", "dir_info": {}}
    assert scaffold.installed_from() == ""


def test_ctrl_c_while_the_libraries_load_is_one_line_and_status_130(monkeypatch, capsys):
    import importlib.abc
    import sys
    from generator.__main__ import run

    class Interrupted(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "generator.cli":
                raise KeyboardInterrupt
            return None

    import generator.cli as loaded  # (loaded first, so that monkeypatch can put it back)
    assert sys.modules["generator.cli"] is loaded
    monkeypatch.delitem(sys.modules, "generator.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 130 and capsys.readouterr().err == "interrupted\n"


def test_init_writes_any_title_as_a_valid_toml_string(tlgen, tmp_path):
    title = 'A \\ B "quoted"\tand \u00e9'
    assert tlgen("init", str(tmp_path / "site"), "--title", title).code == 0
    from generator.config import load_config
    assert load_config(tmp_path / "site").title == title


def test_a_site_bigger_than_github_pages_publishes_gets_a_note(make_site, monkeypatch):
    from click.testing import CliRunner

    from generator import cli

    root = make_site({"content/good.md": GOOD})
    monkeypatch.setattr(cli, "GITHUB_PAGES_MOST", 1000)  # (a real one would take a gigabyte of pages)
    result = CliRunner().invoke(cli.cli, ["build", "--quiet", "--source", str(root)])
    assert result.exit_code == 0
    assert f"note: {root / 'site'} holds " in result.output and "GitHub Pages publishes sites of at most 1 GB" \
        in result.output
    # a build with nothing to do knows the size too (from the manifest); a site under the limit has no note
    again = CliRunner().invoke(cli.cli, ["build", "--quiet", "--source", str(root)])
    assert again.exit_code == 0 and "GitHub Pages publishes" in again.output
    monkeypatch.setattr(cli, "GITHUB_PAGES_MOST", 10**9)
    small = CliRunner().invoke(cli.cli, ["build", "--quiet", "--source", str(root)])
    assert small.exit_code == 0 and small.output == ""
