"""Build-time benchmark of the real `tlgen` CLI at newsroom scale, beside Pelican and Hugo.

    python benchmarks/build_bench.py [--sizes 1000 10000] [--real|--no-real] [--peers|--no-peers]
                                     [--keep DIR] [--seed S] [--timeout SECONDS]

Corpora: synthetic sites of N articles from benchmarks/corpus.py (one per --sizes value) and,
with --real, the ten Timeline17 topics of ../shared/data/timeline17-dev merged into one site
(~2,600 real articles, file names prefixed with the topic; built in a temporary folder, never
in the repository). For each corpus, every figure is the wall-clock time of one run of the CLI
in a subprocess (`python -m generator build --quiet` with PYTHONPATH = this checkout, so the
working tree is measured, not an installed copy):

  cold       .tlgen-cache/ and site/ deleted first
  no-change  the same build again, nothing changed
  one-added  one new article file added to content/, then build
  serve      `python -m generator serve` (only if the command exists): after its first build
             (and once it prints "Watching ... for changes.", when it does: it has read the
             site into memory), one more article is added and the served articles/<slug>/ page
             (or timeline.json) is polled until it shows it; the seconds from the file write to
             that moment
  peak MB    the peak memory of any build run above: the larger of the maximum resident set
             size of its largest process (getrusage RUSAGE_CHILDREN in a fresh wrapper) and the
             memory of the build's whole process tree (worker pools, the forked render and
             merge helpers) sampled from /proc: the sum of each process's PSS, in which a page
             that forked processes share counts once in all (the sum of RSS, which counts it
             in each, is printed beside it in the log)

Peers (with --peers; set up once in a cached venv by benchmarks/peers.py): Pelican 4 builds the
same articles (`pelican content -o output -s pelicanconf.py`, cold: output/ deleted) and Hugo
(`hugo`, minimal hugo.toml and layouts; cold: public/ and resources/ deleted; no-change and
one-added are simply the next full builds, as Hugo keeps no build cache between runs).

After tlgen's one-added build, the same site measures what any one-added `tlgen build` pays
whatever it does with the new article (the fastest of three runs each, in fresh processes):
starting Python and importing tlgen's build; reading and hashing every article file, which is
how a build finds what changed (not by mtime: CI checkouts reset them); and writing, with their
sha256 for the manifest, the files that list every event (timeline.json, timelinejs.json,
timeline.csv, timeline.ics, sitemap.xml), which a new event changes whole. Their sum is the
floor under the one-added figure.

It prints the machine, the command line, a table corpus x tool x {cold, no-change, one-added,
serve, peak MB}, that floor, the size of tlgen's output after its cold build (bytes, files, the largest
page), the cold-build ratios tlgen/Pelican and tlgen/Hugo, and PASS/FAIL for the targets of
issue 6 (at 10,000 articles: one-added <= 1 s, cold faster than Pelican and within 1.5x Hugo,
peak memory <= 1 GB) and for a site small enough for GitHub Pages (<= 1 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import peers as peers_mod  # noqa: E402
import t17_site  # noqa: E402

# Runs a command and writes {rc, seconds, cpu, maxrss_kb, tree_kb, tree_rss_kb} for it: a fresh
# process per measurement, so RUSAGE_CHILDREN's ru_maxrss is the peak of the largest single
# process of that command alone; tree_kb samples the memory of the whole process tree (worker
# pools, forked helpers) from /proc as the sum of PSS (proportional set size: a page shared by
# n processes counts 1/n in each, so the sum is what the tree really holds), tree_rss_kb as the
# sum of RSS (which counts a page a forked process shares with its parent once per process).
WRAPPER = r"""
import json, os, resource, subprocess, sys, time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None

def tree_kb(root):
    # (sum of PSS, sum of RSS) over root and its live descendants (Linux /proc); 0 elsewhere.
    children, rss = {}, {}
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0, 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(pid))
            rss[int(pid)] = int(fields[21]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            pass
    pss_total, rss_total, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        rss_total += rss.get(pid, 0)
        pss = pss_kb(pid)
        pss_total += rss.get(pid, 0) if pss is None else pss
        todo += children.get(pid, [])
    return pss_total, rss_total

with open(sys.argv[2], "wb") as log:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[3:], stdout=log, stderr=subprocess.STDOUT)
    pss_peak, rss_peak, delay = 0, 0, 0.02
    while child.poll() is None:
        pss, rss = tree_kb(child.pid)
        pss_peak, rss_peak = max(pss_peak, pss), max(rss_peak, rss)
        time.sleep(delay)
        delay = min(0.2, delay * 1.5)
    seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
kb = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
json.dump({"rc": child.returncode, "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
           "maxrss_kb": kb, "tree_kb": pss_peak, "tree_rss_kb": rss_peak}, open(sys.argv[1], "w"))
"""

COLUMNS = ["cold", "no-change", "one-added", "serve"]


@dataclass
class Row:
    corpus: str
    tool: str
    articles: int
    times: dict[str, float | str] = field(default_factory=dict)  # column -> seconds or a note
    cpu: dict[str, float] = field(default_factory=dict)          # column -> CPU seconds (user+sys)
    peak_kb: int = 0
    notes: list[str] = field(default_factory=list)
    output: tuple[int, int, int, str] | None = None  # after the cold build: bytes, files, largest page (bytes, path)
    floor: dict[str, float] = field(default_factory=dict)  # part of a one-added build's floor -> seconds
    floor_mb: float = 0.0  # the size of the files that list every event


def output_size(folder: Path) -> tuple[int, int, int, str]:
    """What a host is given of a built site: its bytes and files (the files tlgen keeps for
    itself, its manifest, left out) and its largest HTML page (size and path)."""
    total = files = largest = 0
    largest_path = ""
    for path in folder.rglob("*"):
        if not path.is_file() or path.name.startswith(".tlgen"):
            continue
        size = path.stat().st_size
        total, files = total + size, files + 1
        if path.suffix == ".html" and size > largest:
            largest, largest_path = size, path.relative_to(folder).as_posix()
    return total, files, largest, largest_path


class Failed(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 3600,
            label: str = "", row: Row | None = None, column: str = "") -> tuple[float, int]:
    """Run cmd in cwd; return (wall seconds, peak RSS in KB) and record them (and the CPU
    seconds) in row[column]. Raises Failed on a non-zero exit."""
    with tempfile.TemporaryDirectory(prefix="tlgen-bench-m-") as tmp:
        result_path, log_path = Path(tmp) / "result.json", Path(tmp) / "output.log"
        # Its own process group, so that a timeout or Ctrl-C stops the command and its workers too.
        wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, str(result_path), str(log_path), *cmd],
                                   cwd=cwd, env=env, start_new_session=True)
        try:
            wrapper.wait(timeout=timeout)
        except (subprocess.TimeoutExpired, KeyboardInterrupt) as stop:
            try:
                os.killpg(wrapper.pid, 15)
            except ProcessLookupError:
                pass
            wrapper.wait()
            if isinstance(stop, KeyboardInterrupt):
                raise
            raise Failed(f"{label or cmd[0]}: timed out after {timeout:.0f} s") from None
        if not result_path.exists():
            raise Failed(f"{label or cmd[0]}: the measuring wrapper was stopped")
        result = json.loads(result_path.read_text())
        if result["rc"] != 0:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-3:]
            raise Failed(f"{label or cmd[0]}: exit {result['rc']}: " + " | ".join(tail))
    peak = max(result["maxrss_kb"], result["tree_kb"])
    log(f"  {label}: {result['seconds']:.2f} s wall, {result['cpu']:.2f} s CPU, "
        f"{result['maxrss_kb'] / 1024:.0f} MB largest process, {result['tree_kb'] / 1024:.0f} MB process tree "
        f"(PSS; summed RSS {result.get('tree_rss_kb', 0) / 1024:.0f} MB)")
    if row is not None:
        row.times[column], row.cpu[column] = result["seconds"], result["cpu"]
        row.peak_kb = max(row.peak_kb, peak)
    return result["seconds"], peak


# --------------------------------------------------------------------------- corpora

def real_corpus(data: Path, site: Path) -> corpus_mod.Corpus:
    """All Timeline17 topics in one tlgen site (topic-prefixed file names) + the same articles
    as corpus_mod.Article objects for the peers."""
    import yaml

    content = site / "content"
    content.mkdir(parents=True, exist_ok=True)
    articles: list[corpus_mod.Article] = []
    topics = sorted(p for p in data.iterdir() if (p / "InputDocs").is_dir())
    if not topics:
        raise Failed(f"no Timeline17 topics under {data}")
    with tempfile.TemporaryDirectory(prefix="tlgen-bench-t17-") as tmp:
        for topic in topics:
            t17_site.make_site(topic, Path(tmp) / topic.name)
            for path in sorted((Path(tmp) / topic.name / "content").iterdir()):
                name = f"{topic.name}-{path.stem}"
                text = path.read_text(encoding="utf-8")
                (content / f"{name}.md").write_text(text, encoding="utf-8")
                _, front, body = text.split("---\n", 2)
                meta = yaml.safe_load(front)
                date = meta["date"]
                articles.append(corpus_mod.Article(
                    name=name, title=str(meta["title"]), date=date, source=str(meta["source"]),
                    tags=[topic.name.split("_")[0]], body=body.lstrip("\n")))
    title = f"Timeline17, {len(topics)} topics ({len(articles)} articles)"
    (site / "tlgen.toml").write_text(f"title = {corpus_mod.yaml_quote(title)}\n", encoding="utf-8")
    real = corpus_mod.Corpus(0, seed=1, articles=articles, title=title)
    real.n = len(articles)
    return real


def added_article(corpus: corpus_mod.Corpus, offset: int) -> corpus_mod.Article:
    """A new article for the 'one added' runs: the corpus's next one, or a synthetic one."""
    if corpus.stories:
        return corpus.extra_article(offset)
    return corpus_mod.Corpus(60, seed=corpus.seed).extra_article(offset)


# --------------------------------------------------------------------------- tlgen

def tlgen_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def tlgen_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("TLGEN_DEBUG", None)
    return env


def serve_support() -> tuple[bool, str]:
    result = subprocess.run(tlgen_cmd("serve", "--help"), env=tlgen_env(), cwd=REPO,
                            capture_output=True, text=True)
    return result.returncode == 0, result.stdout if result.returncode == 0 else (
        result.stderr.strip().splitlines() or ["no output"])[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


def measure_serve(site: Path, corpus: corpus_mod.Corpus, help_text: str, timeout: float) -> tuple[float, str]:
    """Start `serve`, wait until it serves, add an article, time until it is served."""
    port = free_port()
    cmd = tlgen_cmd("serve")
    if "--port" in help_text:
        cmd += ["--port", str(port)]
    if "--host" in help_text:
        cmd += ["--host", "127.0.0.1"]
    elif "--bind" in help_text:
        cmd += ["--bind", "127.0.0.1"]
    for flag in ("--no-open", "--no-browser"):
        if flag in help_text:
            cmd.append(flag)
            break
    base = f"http://127.0.0.1:{port}/"
    log(f"  serve: {' '.join(cmd[1:])} (polling {base})")
    output = open(site / ".bench-serve.log", "wb")
    process = subprocess.Popen(cmd, cwd=site, env=tlgen_env(), stdout=output, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        started = time.perf_counter()
        while fetch(base)[0] != 200:
            if process.poll() is not None:
                tail = (site / ".bench-serve.log").read_text(errors="replace").strip().splitlines()[-2:]
                return float("nan"), f"serve exited ({process.returncode}): {' | '.join(tail)}"
            if time.perf_counter() - started > timeout:
                return float("nan"), f"serve did not answer on port {port} within {timeout:.0f} s"
            time.sleep(0.2)
        startup = time.perf_counter() - started
        # A serve that says when it watches ("Watching ... for changes.": it has read the site
        # into memory) is measured from then on: the latency of a change made while working,
        # not of one made before it was ready. Otherwise: a second for the watcher to settle.
        ready = startup
        while b"Watching" not in (site / ".bench-serve.log").read_bytes():
            if time.perf_counter() - started > min(timeout, startup + 600) or process.poll() is not None:
                break
            time.sleep(0.1)
        else:
            ready = time.perf_counter() - started
        time.sleep(1.0)  # let a file watcher settle before the change
        article = added_article(corpus, 1)
        marker = f"serve-check-{os.getpid()}-{int(time.time())}"  # unique: titles may repeat
        article.name += "-" + marker
        article.title += f" ({marker})"
        slug = article.name.lower()
        path = site / "content" / f"{article.name}.md"
        path.write_text(article.to_tlgen(), encoding="utf-8")
        written = time.perf_counter()
        data_checked = written
        while True:
            status, page = fetch(base + f"articles/{slug}/")
            found = status == 200 and marker.encode() in page
            if not found and time.perf_counter() - data_checked > 2.0:
                # (in case the page has another address; timeline.json is tens of MB at 10,000
                # articles, and fetching it every 50 ms would load the server being measured)
                found = marker.encode() in fetch(base + "timeline.json")[1]
                data_checked = time.perf_counter()
            if found:
                latency = time.perf_counter() - written
                break
            if time.perf_counter() - written > timeout:
                return float("nan"), f"the added article was not served within {timeout:.0f} s"
            time.sleep(0.05)
        path.unlink()
        return latency, f"serve answered {startup:.1f} s after start, watched from {ready:.1f} s"
    finally:
        try:
            os.killpg(process.pid, 2)  # the process group this function started
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, 9)
            except ProcessLookupError:
                pass
        output.close()


def bench_tlgen(row: Row, site: Path, corpus: corpus_mod.Corpus, timeout: float) -> None:
    name = row.corpus
    env = tlgen_env()
    build = tlgen_cmd("build", "--quiet")
    shutil.rmtree(site / ".tlgen-cache", ignore_errors=True)
    shutil.rmtree(site / "site", ignore_errors=True)
    try:
        for column in ("cold", "no-change"):
            measure(build, site, env, timeout, f"tlgen {name} {column}", row, column)
            if column == "cold":
                row.output = output_size(site / "site")
        article = added_article(corpus, 0)
        added = site / "content" / f"{article.name}.md"
        added.write_text(article.to_tlgen(), encoding="utf-8")
        measure(build, site, env, timeout, f"tlgen {name} one-added", row, "one-added")
        if not (site / "site" / "articles" / article.name.lower()).is_dir():
            row.notes.append(f"the added article's page site/articles/{article.name.lower()}/ is missing")
        measure_floor(row, site, env, timeout)
        added.unlink()
    except Failed as error:
        row.notes.append(str(error))
        log(f"  {error}")


WHOLE_FILES = ("timeline.json", "timelinejs.json", "timeline.csv", "timeline.ics", "sitemap.xml")

# Each prints the seconds of one part of the floor (see the module's docstring), in a fresh
# process (argv[1]: the site). The start is timed from outside, as a process's whole life.
FLOOR_PARTS = {
    "read and hash the articles": r"""
import sys, time
from pathlib import Path
from generator.build import read_sources
from generator.config import load_config
config = load_config(Path(sys.argv[1]))
start = time.perf_counter()
sources = read_sources(config)
print(time.perf_counter() - start, len(sources.files))
""",
    "write the whole-timeline files": r"""
import hashlib, os, shutil, sys, time
from pathlib import Path
site = Path(sys.argv[1]) / "site"
names = sys.argv[2:]
data = [(site / name).read_bytes() for name in names]
folder = site.parent / ".floor-staging"
shutil.rmtree(folder, ignore_errors=True)
folder.mkdir()
start = time.perf_counter()
for name, made in zip(names, data):
    hashlib.sha256(made).hexdigest()
    (folder / name).write_bytes(made)
    os.replace(folder / name, folder / (name + ".done"))
seconds = time.perf_counter() - start
shutil.rmtree(folder)
print(seconds, sum(map(len, data)))
""",
}


def measure_floor(row: Row, site: Path, env: dict, timeout: float, runs: int = 3) -> None:
    """row.floor: what any one-added build of site pays, part by part (the fastest of runs)."""
    names = [name for name in WHOLE_FILES if (site / "site" / name).is_file()]
    try:
        starts = []
        for _ in range(runs):
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import generator.cli, generator.build"], cwd=site, env=env,
                           check=True, timeout=timeout)
            starts.append(time.perf_counter() - began)
        row.floor["start Python, import tlgen"] = min(starts)
        for part, script in FLOOR_PARTS.items():
            runs_of = []
            for _ in range(runs):
                out = subprocess.run([sys.executable, "-c", script, str(site), *names], cwd=site, env=env,
                                     check=True, timeout=timeout, capture_output=True, text=True).stdout.split()
                runs_of.append(float(out[0]))
            row.floor[part] = min(runs_of)
            if part.startswith("write"):
                row.floor_mb = int(out[1]) / 1e6
    except (subprocess.SubprocessError, OSError, ValueError, IndexError) as error:
        row.notes.append(f"the one-added floor was not measured: {error}")
        row.floor.clear()


def bench_serve(row: Row, site: Path, corpus: corpus_mod.Corpus, serve: tuple[bool, str],
                timeout: float) -> None:
    if serve[0]:
        try:
            latency, note = measure_serve(site, corpus, serve[1], timeout)
            row.times["serve"] = latency if latency == latency else "failed"
            row.notes.append(note)
        except OSError as error:
            row.times["serve"] = "failed"
            row.notes.append(f"serve: {error}")
    else:
        row.times["serve"] = "n/a"


# --------------------------------------------------------------------------- peers

def bench_pelican(row: Row, root: Path, corpus: corpus_mod.Corpus, peers: peers_mod.Peers,
                  timeout: float) -> None:
    name = row.corpus
    site = root / "pelican"
    corpus.write_pelican(site)
    try:
        measure(peers.pelican + ["content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                site, None, timeout, f"pelican {name} cold", row, "cold")
    except Failed as error:
        row.notes.append(str(error))
        log(f"  {error}")
    return row


def bench_hugo(row: Row, root: Path, corpus: corpus_mod.Corpus, peers: peers_mod.Peers,
               timeout: float) -> None:
    name = row.corpus
    site = root / "hugo"
    corpus.write_hugo(site)
    cmd = peers.hugo + ["--quiet"]
    try:
        for column in ("cold", "no-change"):
            measure(cmd, site, None, timeout, f"hugo {name} {column}", row, column)
        article = added_article(corpus, 0)
        (site / "content" / "posts" / f"{article.name}.md").write_text(article.to_hugo(), encoding="utf-8")
        measure(cmd, site, None, timeout, f"hugo {name} one-added", row, "one-added")
        pages = sum(1 for _ in (site / "public").rglob("*.html"))
        row.notes.append(f"{pages} HTML pages; no-change/one-added are full rebuilds (no build cache)")
    except Failed as error:
        row.notes.append(str(error))
        log(f"  {error}")


# --------------------------------------------------------------------------- report

def fmt(value: float | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:.2f} s"


def print_report(rows: list[Row], sizes: list[int], header: list[str]) -> None:
    print()
    for line in header:
        print(line)
    print()
    widths = [26, 8, 11, 11, 11, 11, 9]
    titles = ["corpus", "tool", *COLUMNS, "peak MB"]
    print("  ".join(t.ljust(w) if i < 2 else t.rjust(w) for i, (t, w) in enumerate(zip(titles, widths))))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [f"{row.corpus} ({row.articles})", row.tool,
                 *(fmt(row.times.get(c)) for c in COLUMNS),
                 f"{row.peak_kb / 1024:.0f}" if row.peak_kb else "-"]
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))))
    print()
    print("the same runs in CPU seconds (user+sys of the process and its children; robust when the")
    print("machine is shared; Hugo uses every core, so its CPU time may exceed its wall time):")
    print("  ".join(t.ljust(w) if i < 2 else t.rjust(w) for i, (t, w) in enumerate(zip(titles[:5], widths))))
    for row in rows:
        cells = [f"{row.corpus} ({row.articles})", row.tool, *(fmt(row.cpu.get(c)) for c in COLUMNS[:3])]
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))))
    notes = [(row, note) for row in rows for note in row.notes]
    if notes:
        print()
        for row, note in notes:
            print(f"  note [{row.corpus} {row.tool}]: {note}")

    sized = [row for row in rows if row.output]
    if sized:
        print()
        print("output of the cold build (GitHub Pages publishes sites of at most 1 GB):")
        for row in sized:
            total, files, largest, path = row.output
            print(f"  {row.corpus:<26} {row.tool:<8} {total / 1e6:8.0f} MB in {files} files;"
                  f" largest page {largest / 1e3:.0f} KB ({path})")

    floors = [row for row in rows if row.floor]
    if floors:
        print()
        print("what any one-added `tlgen build` pays before it reads the new article, merges or renders")
        print("(fastest of 3 runs each; see the docstring):")
        for row in floors:
            parts = "; ".join(f"{part} {seconds:.2f} s" for part, seconds in row.floor.items())
            print(f"  {row.corpus:<26} {parts} ({row.floor_mb:.0f} MB); total {sum(row.floor.values()):.2f} s")

    def cold(corpus: str, tool: str) -> float | None:
        for row in rows:
            if row.corpus == corpus and row.tool == tool and isinstance(row.times.get("cold"), float):
                return row.times["cold"]
        return None

    print()
    print("cold-build ratios (tlgen time / peer time; < 1 means tlgen is faster):")
    for corpus in dict.fromkeys(row.corpus for row in rows):
        mine = cold(corpus, "tlgen")
        parts = []
        for peer in ("Pelican", "Hugo"):
            theirs = cold(corpus, peer)
            parts.append(f"tlgen/{peer} = {mine / theirs:.2f}" if mine and theirs else f"tlgen/{peer} = n/a")
        print(f"  {corpus:<26} " + "   ".join(parts))

    print()
    print("targets (issue 6, at 10,000 articles):")
    big = "synthetic-10000"
    tl = next((r for r in rows if r.corpus == big and r.tool == "tlgen"), None)

    def verdict(ok: bool | None) -> str:
        return "n/a " if ok is None else ("PASS" if ok else "FAIL")

    added = tl.times.get("one-added") if tl else None
    added = added if isinstance(added, float) else None
    print(f"  {verdict(None if added is None else added <= 1.0)}  one-article-added rebuild <= 1 s"
          f"   (measured: {fmt(added)})")
    mine, pel, hugo = cold(big, "tlgen"), cold(big, "Pelican"), cold(big, "Hugo")
    print(f"  {verdict(None if not (mine and pel) else mine < pel)}  cold build faster than Pelican"
          f"   (tlgen {fmt(mine)}, Pelican {fmt(pel)})")
    print(f"  {verdict(None if not (mine and hugo) else mine <= 1.5 * hugo)}  cold build within 1.5x Hugo"
          f"   (tlgen {fmt(mine)}, Hugo {fmt(hugo)}, 1.5x = {fmt(1.5 * hugo if hugo else None)})")
    peak = tl.peak_kb / 1024 if tl and tl.peak_kb else None
    print(f"  {verdict(None if peak is None else peak <= 1024)}  peak memory <= 1 GB (1024 MB)"
          f"   (measured: {f'{peak:.0f} MB' if peak else '-'})")
    size = tl.output[0] / 1e9 if tl and tl.output else None
    print(f"  {verdict(None if size is None else size <= 1.0)}  site within GitHub Pages' 1 GB"
          f"   (measured: {f'{size * 1000:.0f} MB' if size is not None else '-'})")
    if 10000 not in sizes:
        print("  (10,000 was not among --sizes; the targets above are n/a)")


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "templates"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes in generator/ or templates/" if dirty else " (clean)")
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="synthetic corpus sizes (default: 1000 10000)")
    parser.add_argument("--real", action=argparse.BooleanOptionalAction, default=True,
                        help="also the ten Timeline17 topics as one site (default: on)")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True,
                        help="also build each corpus with Pelican and Hugo (default: on)")
    parser.add_argument("--data", type=Path, default=t17_site.DEFAULT_DATA,
                        help=f"Timeline17 folder (default: {t17_site.DEFAULT_DATA})")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the corpora in DIR and keep them (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command (default 3600)")
    args = parser.parse_args()

    header = [
        f"machine: {platform.node()}, {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}), "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"tlgen: {REPO} at {git_state()}",
        "command: " + shlex.join([Path(sys.executable).name, *sys.argv]),
    ]
    if hasattr(os, "getloadavg"):
        header.append("load average (1/5/15 min) at the start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for line in header:
        log(line)

    peers = None
    if args.peers:
        peers = peers_mod.ensure_venv(log)
        if peers.problem:
            log(f"peers unavailable: {peers.problem}")
        header.append(f"peers: Pelican {peers.pelican_version or 'unavailable'}, "
                      f"Hugo {peers.hugo_version or 'unavailable'} (venv {peers_mod.VENV})")
    serve = serve_support()
    header.append("tlgen serve: " + ("measured" if serve[0] else f"not measured ({serve[1]})"))
    if not serve[0]:
        log(f"tlgen serve unavailable, its column is n/a: {serve[1]}")

    root = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="tlgen-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    jobs: list[tuple[str, callable]] = [
        (f"synthetic-{n}", lambda out, n=n: corpus_mod.make_corpus(n, out, args.seed)) for n in args.sizes]
    if args.real:
        if args.data.is_dir():
            jobs.append(("timeline17-all", lambda out: real_corpus(args.data, out)))
        else:
            log(f"no Timeline17 data at {args.data}; the real corpus is skipped")
            header.append(f"real corpus: skipped (no data at {args.data})")
    try:
        for name, make in jobs:
            folder = root / name
            shutil.rmtree(folder, ignore_errors=True)
            log(f"{name}: writing the corpus in {folder}")
            corpus = make(folder / "tlgen")
            mine = Row(name, "tlgen", corpus.n)
            rows.append(mine)
            bench_tlgen(mine, folder / "tlgen", corpus, args.timeout)
            if peers and peers.pelican:
                rows.append(Row(name, "Pelican", corpus.n))
                bench_pelican(rows[-1], folder, corpus, peers, args.timeout)
            if peers and peers.hugo:
                rows.append(Row(name, "Hugo", corpus.n))
                bench_hugo(rows[-1], folder, corpus, peers, args.timeout)
            bench_serve(mine, folder / "tlgen", corpus, serve, args.timeout)  # last: the slowest to wait for
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    except KeyboardInterrupt:  # Ctrl-C: report what was measured so far
        log("interrupted: reporting what was measured so far")
        header.append("INTERRUPTED: the figures below are partial")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if hasattr(os, "getloadavg"):
        header.append("load average (1/5/15 min) at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
                      + " (other work on the machine slows the wall-clock figures)")
    print_report(rows, args.sizes, header)


if __name__ == "__main__":
    main()
