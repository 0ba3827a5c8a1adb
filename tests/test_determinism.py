"""Issue 7: same bytes every time.

Two builds of the same input into two different folders give byte-identical trees whatever
PYTHONHASHSEED, TZ, locale, worker count or the order the files were created in.

`.tlgen-manifest.json` is compared separately (it used to record mtimes).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MANIFEST = ".tlgen-manifest.json"

PLACES = ["Osaka", "Geneva", "Beijing", "Washington", "Buenos Aires", "Hanoi", "Singapore"]
ACTORS = ["negotiators", "trade officials", "the finance ministers", "envoys", "the delegations"]
WHEN = ["on Friday", "last week", "this past weekend", "on Monday", "two days ago",
        "earlier this month", "in May", "yesterday", "next Tuesday", "last year"]


def _article(number: int) -> str:
    rng = random.Random(number)
    month = 1 + number % 12
    day = 1 + number % 27
    tags = sorted({rng.choice(["trade", "tariffs", "g20", "talks", "soybeans", "Zölle"])
                   for _ in range(2)})
    sentences = []
    for _ in range(4):
        sentences.append(f"{rng.choice(ACTORS).capitalize()} met in {rng.choice(PLACES)} "
                         f"{rng.choice(WHEN)} to discuss {rng.choice(['tariffs', 'soybean purchases', 'technology transfer'])}.")
    events = ""
    if number % 5 == 0:
        events = (f"events:\n  - date: 2019-{month:02d}\n    title: Round {number} of talks\n"
                  f"    tags: [talks]\n")
        if number % 10 == 0:
            events += f"    id: round-{number}\n"
    return (f"---\ntitle: \"Report {number}: talks in {rng.choice(PLACES)}\"\n"
            f"date: 2019-{month:02d}-{day:02d}T{number % 24:02d}:15:00{'-04:00' if number % 2 else ''}\n"
            f"source: {rng.choice(['Pacific Desk', 'Wire Service', 'Daily Ledger', 'Ålborg Post'])}\n"
            f"url: https://example.com/{number}\ntags: [{', '.join(tags)}]\n{events}---\n\n"
            + " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:]) + "\n")


ARTICLES = {f"{'sub/' if n % 7 == 0 else ''}report-{n:03d}.md": _article(n) for n in range(64)}
ARTICLES["élan.md"] = "---\ntitle: Accented name\ndate: 2019-07-01\n---\n\nTalks resumed on Friday.\n"
ARTICLES["Zebra.md"] = "---\ntitle: Capital name\ndate: 2019-07-02\n---\n\nTalks resumed on Monday.\n"
TOML = 'title = "Determinism"\nbase_url = "https://example.github.io/proj/"\ntimezone = "America/New_York"\n'


def make_site(root: Path, order: list[str]) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "tlgen.toml").write_text(TOML, encoding="utf-8")
    for name in order:
        target = root / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(ARTICLES[name], encoding="utf-8")
    return root


def build(root: Path, output: Path, *, env: dict[str, str] | None = None, jobs: int | None = None) -> None:
    environment = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    environment.update(env or {})
    args = [sys.executable, "-m", "generator", "build", "--source", str(root), "--output", str(output)]
    if jobs is not None:
        args += ["--jobs", str(jobs)]
    done = subprocess.run(args, env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr, done.stderr


def tree(folder: Path, manifest: bool = False) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and (manifest or p.name != MANIFEST)}


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


VARIANTS = {
    "hashseed": ({"PYTHONHASHSEED": "0"}, {"PYTHONHASHSEED": "12345"}),
    "tz": ({"TZ": "UTC"}, {"TZ": "Pacific/Kiritimati"}),
    "locale": ({"LC_ALL": "C"}, {"LC_ALL": "C.UTF-8"}),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("det")
    return make_site(root / "src", sorted(ARTICLES))


@pytest.fixture(scope="module")
def reference(site, tmp_path_factory):
    output = tmp_path_factory.mktemp("ref") / "out"
    build(site, output, env={"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"}, jobs=1)
    return tree(output)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_environment_does_not_change_the_bytes(site, tmp_path, variant):
    first, second = VARIANTS[variant]
    outputs = []
    for index, env in enumerate((first, second)):
        # a fresh source copy per build, so the article cache cannot hide a difference
        source = make_site(tmp_path / f"src{index}", sorted(ARTICLES))
        output = tmp_path / f"out{index}"
        build(source, output, env=env, jobs=1)
        outputs.append(tree(output))
    assert len(outputs[0]) > 100
    assert_same(*outputs)


def test_worker_count_does_not_change_the_bytes(tmp_path):
    assert len(ARTICLES) >= 60  # enough for the process pool to be used
    outputs = []
    for jobs in (1, 2):
        source = make_site(tmp_path / f"src{jobs}", sorted(ARTICLES))
        build(source, tmp_path / f"out{jobs}", jobs=jobs)
        outputs.append(tree(tmp_path / f"out{jobs}"))
    assert_same(*outputs)


def test_file_creation_order_does_not_change_the_bytes(tmp_path):
    forward = make_site(tmp_path / "forward", sorted(ARTICLES))
    shuffled = sorted(ARTICLES)
    random.Random(7).shuffle(shuffled)
    backward = make_site(tmp_path / "shuffled", shuffled[::-1])
    build(forward, tmp_path / "out1", jobs=1)
    build(backward, tmp_path / "out2", jobs=1)
    assert_same(tree(tmp_path / "out1"), tree(tmp_path / "out2"))


def test_all_variants_at_once_match_the_reference(site, reference, tmp_path):
    shuffled = sorted(ARTICLES)
    random.Random(3).shuffle(shuffled)
    source = make_site(tmp_path / "src", shuffled)
    build(source, tmp_path / "out",
          env={"PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}, jobs=2)
    assert_same(reference, tree(tmp_path / "out"))


def test_rebuild_into_the_same_folder_changes_nothing(site, reference, tmp_path):
    output = tmp_path / "out"
    build(site, output)
    first = tree(output, manifest=True)
    build(site, output)
    assert tree(output, manifest=True) == first


def test_manifest_is_the_same_too(tmp_path):
    outputs = []
    for index in range(2):
        source = make_site(tmp_path / f"src{index}", sorted(ARTICLES))
        build(source, tmp_path / f"out{index}", jobs=1)
        outputs.append((tmp_path / f"out{index}" / MANIFEST).read_bytes())
    assert outputs[0] == outputs[1]
