"""Build orchestration: discover -> parse + extract (cached, parallel) -> merge -> render -> write.

Only `write_site` touches the output folder, and only the files whose bytes changed (so
mtimes and deploy diffs stay small). Nothing is written before everything is rendered; the
changed files are staged in a folder of their own and swapped in at the end under a journal,
so an interrupted build leaves the previous site as it was, or lets the next build finish
the swap (see write_site).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

import click

from .cache import ArticleBodies, ArticleCache, ItemStore, MergeMemo, config_fingerprint, entry_key
from .config import SiteConfig
from .content import ContentFile, discover, parse_article
from .errors import BuildWarning, ContentError, TlgenError
from .extract import extract_mentions
from .forked import Ends, Forked, orphaned, usable
from .highlight import expression_places
from .model import Article, Mention, Timeline
from .render import Unchanged, theme_fingerprint, render_pages, static_files
from .timeline import mention_terms, merge

MANIFEST = ".tlgen-manifest.json"
JOURNAL = ".tlgen-journal.json"
STAGING = ".tlgen-staging"
PARALLEL_MIN_FILES = 48   # below this, starting worker processes costs more than it saves
PROGRESS_MIN_FILES = 200
PARALLEL_MIN_PAGES = 1000  # event + article pages below which rendering them all in one process is quicker


@dataclass
class BuildReport:
    articles: int = 0
    events: int = 0
    files: int = 0
    extracted: int = 0      # articles parsed and extracted (not served from the cache)
    written: int = 0        # output files written
    unchanged: int = 0      # output files kept as they were
    removed: int = 0        # output files of the previous build that are gone
    bytes: int = 0          # the size of the site's files (all of them, unchanged ones too)
    seconds: float = 0.0
    warnings: list[BuildWarning] = field(default_factory=list)


class StrictFailure(TlgenError):
    """--strict and there were warnings: the caller prints them, then this one line."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        super().__init__(f"{len(report.warnings)} warning(s) with --strict; nothing was written",
                         hint="fix the files named above")


@dataclass(frozen=True)
class _Processed:
    """What parse + extract made of one file: an article and its mentions, or a problem."""

    article: Article | None
    mentions: tuple[Mention, ...]
    warnings: tuple[BuildWarning, ...]


def process_file(file: ContentFile, config: SiteConfig) -> _Processed:
    """Parse and extract one article. A pure function of the file and the config."""
    try:
        article, warnings = parse_article(file, config)
        mentions = extract_mentions(article, config.extract, config.min_confidence)
        mentions = _prepared(article, mentions)
    except ContentError as error:
        return _Processed(None, (), (BuildWarning.from_error(error, "the article is skipped"),))
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:
        # A bug or a limit met on one file must not sink the whole site: skip it and say so.
        message = (f"could not be read: {type(error).__name__}: {str(error)[:120]} "
                   "(skipped; please report this as a tlgen bug)")
        return _Processed(None, (), (BuildWarning(message, str(file.path)),))
    return _Processed(article, mentions, tuple(warnings))


def process_for_cache(file: ContentFile, config: SiteConfig, key: bytes | None) -> tuple[bytes, str | None]:
    """process_file, made ready for the cache where it runs (a worker process), so that the
    build process does not pickle the result a second time: (the pickled result, its
    article's body). With a key, the body is moved out of the article (Article.body_key;
    _ToCache keeps it apart) and so is the article's text, which extraction was the last to
    need; without one (no cache), the result is whole and the body None."""
    result = process_file(file, config)
    body = None
    if key is not None and result.article is not None:
        body = result.article.body_html
        result = replace(result, article=replace(result.article, body_html="", blocks=(), body_key=key.hex()))
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), body


def _prepared(article: Article, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions with what later stages would otherwise work out on every build, done
    once here (in parallel, then cached): the key terms merge compares them by, and where
    each expression sits in the article's HTML, so marking it on the article page is a
    splice."""
    marked = [index for index, m in enumerate(mentions) if m.expression and m.anchor]
    places = dict(zip(marked, expression_places(article.body_html, [
        (mentions[i].anchor, mentions[i].quote, mentions[i].expression) for i in marked])))
    return tuple(replace(m, places=places.get(index, ()), terms=mention_terms(m))
                 for index, m in enumerate(mentions))


def _process_many(files: list[ContentFile], config: SiteConfig, workers: int, show_progress: bool,
                  keys: list[bytes] | None, keep: Callable[[int, tuple[bytes, str | None]], _Processed]
                  ) -> list[_Processed]:
    """process_for_cache over files (keys: their cache keys, None without a cache), in a
    process pool when there are enough of them; keep(index, made) sees each as it arrives
    and gives the result kept of it."""
    keys = keys if keys is not None else [None] * len(files)
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(process_for_cache, files, [config] * len(files), keys,
                               chunksize=max(1, min(64, len(files) // (workers * 8))))
            return _with_progress(results, len(files), show_progress, keep)
    return _with_progress(map(process_for_cache, files, [config] * len(files), keys), len(files),
                          show_progress, keep)


def _with_progress(results, total: int, show: bool, keep) -> list[_Processed]:
    if not show or total < PROGRESS_MIN_FILES:
        return [keep(index, result) for index, result in enumerate(results)]
    collected = []
    with click.progressbar(length=total, label="Reading articles", file=sys.stderr,
                           show_eta=True, show_pos=True) as bar:
        for index, result in enumerate(results):
            collected.append(keep(index, result))
            bar.update(1)
    return collected


class _ToCache:
    """Keeps each fresh result in the cache as it arrives from process_for_cache, 200 at a
    time: its entry as the worker pickled it, and its article's body apart (render fetches a
    body when it renders that article's page: ArticleBodies), so a big site's text is never
    all in memory. Without a working cache nothing is kept. Bodies the cache failed to take
    are put back into their articles (restore); their entries, which lack them, are then
    read again by the next build (load_articles checks for bodies)."""

    BATCH = 200

    def __init__(self, cache: ArticleCache, keys: list[bytes]) -> None:
        self.cache, self.keys = cache, keys
        self.entries: dict[bytes, bytes] = {}
        self.bodies: dict[bytes, str] = {}
        self.failed: dict[str, str] = {}  # body_key -> body the cache did not take

    def __call__(self, index: int, made: tuple[bytes, str | None]) -> _Processed:
        data, body = made
        result = pickle.loads(data)
        if self.cache.connection is None:
            return result
        key = self.keys[index]
        self.entries[key] = data
        if body is not None:
            self.bodies[key] = body
        if len(self.entries) >= self.BATCH:
            self.flush()
        return result

    def flush(self) -> None:
        if self.entries and not self.cache.put_bodies(self.bodies, self.entries):
            self.failed.update((key.hex(), body) for key, body in self.bodies.items())
        self.entries, self.bodies = {}, {}

    def restore(self, results: list[_Processed]) -> list[_Processed]:
        self.flush()
        if not self.failed:
            return results
        return [replace(result, article=replace(result.article, body_key="",
                                                body_html=self.failed[result.article.body_key]))
                if result.article is not None and result.article.body_key in self.failed else result
                for result in results]


@dataclass
class BuildMemory:
    """What a process that builds again and again (tlgen serve) keeps between its builds, so
    that a rebuild skips reading from the cache what the last build had in hand: each
    article's result by its cache key, and each merge zone's entry and events (see merge's
    `remembered`). Both are keyed like the cache, so they are exactly as valid as it is; each
    build keeps only what it used."""

    results: dict[bytes, _Processed] = field(default_factory=dict)
    zones: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sources:
    """The content folder as read: its article files, their cache keys, and what discover
    had to say about the files it skipped."""

    files: list[ContentFile]
    keys: list[bytes]
    warnings: list[BuildWarning]


def read_sources(config: SiteConfig) -> Sources:
    if not config.content_path.is_dir():
        raise TlgenError(f"no content folder at {config.content_path}",
                         hint="create it and put articles in it, or run 'tlgen init DIR' for a new site")
    files, warnings = discover(config.content_path)
    fingerprint = config_fingerprint(config)
    return Sources(files, [entry_key(fingerprint, file.relative, file.data) for file in files], warnings)


def load_articles(config: SiteConfig, sources: Sources, include_drafts: bool, report: BuildReport,
                  workers: int | None = None, show_progress: bool = False, use_cache: bool = True,
                  memory: BuildMemory | None = None) -> tuple[tuple[Article, ...], tuple[Mention, ...]]:
    """Every readable article and its mentions, from the cache where the file is unchanged
    (or from memory, when the last build of this process had them)."""
    files, keys = sources.files, sources.keys
    report.warnings.extend(sources.warnings)
    cache = ArticleCache(config.root) if use_cache else ArticleCache(None)
    try:
        caching = cache.connection is not None
        recalled = {key: memory.results[key] for key in keys if key in memory.results} \
            if memory is not None and caching else {}
        cached = cache.get_many([key for key in keys if key not in recalled])
        cached.update(recalled)
        # An entry whose body is not in the cache (an older cache) is read again.
        bodies = cache.has_bodies([key for key in cached if cached[key].article is not None
                                   and cached[key].article.body_key])
        cached = {key: result for key, result in cached.items()
                  if result.article is None or not result.article.body_key or key in bodies}
        missing = [index for index, key in enumerate(keys) if key not in cached]
        missing_keys = [keys[i] for i in missing]
        keeper = _ToCache(cache, missing_keys)
        fresh = keeper.restore(_process_many([files[i] for i in missing], config,
                                             workers if workers is not None else (os.cpu_count() or 1),
                                             show_progress, missing_keys if caching else None,
                                             keep=keeper))
        cache.retain(set(keys))
    finally:
        cache.close()
    report.extracted = len(missing)
    results = dict(cached)
    results.update({keys[i]: result for i, result in zip(missing, fresh)})
    if memory is not None:
        memory.results = results if caching else {}  # (without a cache, nothing says a body is kept)

    articles: list[Article] = []
    mentions: list[Mention] = []
    seen_slugs: dict[str, str] = {}
    for file, key in zip(files, keys):
        processed = results[key]
        report.warnings.extend(processed.warnings)
        article = processed.article
        if article is None or (article.draft and not include_drafts):
            continue
        if article.slug in seen_slugs:
            report.warnings.append(BuildWarning(
                f"has the same slug '{article.slug}' as {seen_slugs[article.slug]}; skipped "
                "(set a different 'slug:' in its front matter)", str(file.path)))
            continue
        seen_slugs[article.slug] = str(file.path)
        articles.append(article)
        mentions.extend(processed.mentions)
    return tuple(articles), tuple(mentions)


def build_timeline(config: SiteConfig, include_drafts: bool = False,
                   report: BuildReport | None = None, workers: int | None = None,
                   show_progress: bool = False, use_cache: bool = True,
                   sources: Sources | None = None, loaded: Callable[[], None] = lambda: None,
                   memory: BuildMemory | None = None) -> Timeline:
    """Everything up to the merged timeline; reads content, writes no page. loaded() is
    called once the articles are read, before they are merged. memory: see BuildMemory."""
    report = report if report is not None else BuildReport()
    report.warnings.extend(config.warnings)
    articles, mentions = load_articles(config, sources or read_sources(config), include_drafts, report,
                                       workers, show_progress, use_cache, memory)
    loaded()
    _check_event_ids(articles, config.content_path, report)
    cache = ArticleCache(config.root if use_cache else None)
    try:
        memo = MergeMemo(cache) if cache.connection is not None else None
        timeline = merge(articles, mentions, memo=memo, workers=workers,
                         remembered=memory.zones if memory is not None and memo is not None else None)
    finally:
        cache.close()
    report.articles = len(articles)
    report.events = len(timeline.events)
    return timeline


def _check_event_ids(articles: tuple[Article, ...], content: Path, report: BuildReport) -> None:
    """Two authored events may not claim one id (they would share one page)."""
    owners: dict[str, str] = {}
    for article in articles:
        for event in article.authored_events:
            if event.id is None:
                continue
            if event.id in owners and owners[event.id] != article.source_path:
                report.warnings.append(BuildWarning(
                    f"event id '{event.id}' is also used in {owners[event.id]}; the two events are kept "
                    "apart and this one gets another id (give each event its own 'id:')",
                    str(content / article.source_path), _id_line(content / article.source_path, event.id)))
            owners.setdefault(event.id, article.source_path)


def _id_line(path: Path, event_id: str) -> int | None:
    """The line of the front matter's 'id: <event_id>' in path (for a warning), if found."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(rf"^[ \t-]*id:[ \t]*['\"]?{re.escape(event_id)}['\"]?[ \t]*$", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def build(config: SiteConfig, include_drafts: bool = False, strict: bool = False,
          force: bool = False, workers: int | None = None, show_progress: bool = False,
          memory: BuildMemory | None = None) -> BuildReport:
    """memory: what this process kept from its last build (see BuildMemory), updated."""
    started = time.perf_counter()
    report = BuildReport()
    output = config.output_path.absolute()
    check_output(output, force=force, protected=(config.root, config.content_path), content=config.content_path)
    if output.is_dir():
        recover(output)  # finish or undo an interrupted build first
    sources = read_sources(config)
    build_key = _build_key(config, include_drafts, sources)
    manifest, previous_key = _trusted_manifest_and_key(output)  # read once
    if previous_key == build_key and _still_built(output, manifest, build_key, config, report):
        # Nothing that goes into the site changed since it was built, and it is intact on disk.
        if strict and report.warnings:
            raise StrictFailure(report)
        report.seconds = time.perf_counter() - started
        return report
    try:
        # The articles, mentions and then the timeline live to the end of the build: frozen,
        # the garbage collector stops visiting them again and again (a big site holds a few
        # million objects); unfrozen at the end, for a serve process that builds again. While
        # they are read and merged, which makes millions of objects and few cycles, it does
        # not run at all.
        with _collector_paused():
            timeline = build_timeline(config, include_drafts, report, workers, show_progress, sources=sources,
                                      loaded=gc.freeze, memory=memory)
            gc.freeze()
        if strict and report.warnings:
            raise StrictFailure(report)
        # Nor while the pages are made: they leave no cycles behind page by page (none after
        # 2,000 of a big site's list pages; the renderer itself is one, freed later), and the
        # full collections that the objects made for the lists set off took 0.5-0.8 s of a
        # 10,000-article build.
        with _collector_paused():
            _render_and_write(timeline, config, output, manifest, build_key, workers, report)
    finally:
        gc.unfreeze()
    report.seconds = time.perf_counter() - started
    return report


def _render_and_write(timeline: Timeline, config: SiteConfig, output: Path, manifest: dict[str, list],
                      build_key: str, workers: int | None, report: BuildReport) -> None:
    keys: dict[str, str] = {}
    cache = ArticleCache(config.root)
    try:
        known = known_pages(output, manifest)
        share = _render_share(timeline, workers)
        previous = previous_output(output)
        helper = _page_renderer(timeline, config, known, share, previous) if share is not None else None
        files = render_pages(timeline, config, keys, previous=previous, known=known,
                             bodies=ArticleBodies(cache), items=ItemStore(cache),
                             part="all" if helper is None else "lists", share=share)
        report.written, report.unchanged, report.removed, report.bytes = write_site(
            output, files, keys, manifest, build_key=build_key, helper=helper)
        report.files = report.written + report.unchanged
        cache.put_build(build_key, (report.articles, report.events, report.files, report.warnings))
        cache.compact()  # (the site is written: only the cache's room is at stake)
    finally:
        cache.close()


def _render_share(timeline: Timeline, workers: int | None) -> Ends | None:
    """The counters the two render processes share the article and tag pages by (see
    render_pages), or None: render in this process alone. Two processes render when there are
    two cores and fork (forked.usable) and enough pages to be worth a fork: a second one
    renders the event pages while this one renders the lists; the data files go to the first
    one free."""
    if not usable(workers) or len(timeline.events) + len(timeline.articles) < PARALLEL_MIN_PAGES:
        return None
    try:
        return Ends(len(timeline.articles), len(timeline.tags))
    except OSError:  # no shared memory for the lock here: one process it is
        return None


def _page_renderer(timeline: Timeline, config: SiteConfig, known: dict[str, str], share: Ends,
                   previous: dict[str, bytes]):
    """write_site's helper: the event pages, the data files and the article pages this process
    does not take first (run in a forked process, which opens a cache connection of its own)."""
    def pages(keys: dict[str, str]):
        cache = ArticleCache(config.root)
        return render_pages(timeline, config, keys, previous=previous, known=known, bodies=ArticleBodies(cache),
                            items=ItemStore(cache), part="pages", share=share)
    return pages


def _build_key(config: SiteConfig, include_drafts: bool, sources: Sources) -> str:
    """Everything a site is made of: tlgen's code and the config and templates (the theme
    fingerprint), the static files, every content file (its cache key) and what was skipped."""
    digest = hashlib.sha256(theme_fingerprint(config).encode())
    digest.update(repr((include_drafts, config.warnings, sources.warnings)).encode())
    for output_path, path in static_files(config):
        digest.update(output_path.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for key in sources.keys:
        digest.update(key)
    return digest.hexdigest()


def _still_built(output: Path, manifest: dict[str, list], build_key: str, config: SiteConfig,
                 report: BuildReport) -> bool:
    """True, with report filled in, when output holds the whole site of build_key and the
    cache remembers that build's summary."""
    root = str(output)
    if not manifest or not all(_same_stat(f"{root}/{relative}", entry) for relative, entry in manifest.items()):
        return False
    cache = ArticleCache(config.root)
    summary = cache.get_build(build_key)
    cache.close()
    if summary is None:
        return False
    report.articles, report.events, report.files, warnings = summary
    report.bytes = _site_bytes(manifest)
    report.warnings = list(warnings)
    report.unchanged = report.files
    return True


def previous_output(output: Path) -> dict[str, bytes]:
    """Files of the previous build that the exports compare against (timeline.ics: SEQUENCE)."""
    previous = output / "timeline.ics"
    if _is_ours(output) and previous.is_file():
        return {"timeline.ics": previous.read_bytes()}
    return {}


def _trusted_manifest(output: Path) -> dict[str, list]:
    return _trusted_manifest_and_key(output)[0]


def _trusted_manifest_and_key(output: Path) -> tuple[dict[str, list], str]:
    """The previous build's manifest and build key. Call recover() first: while a journal is
    left (a recovery that failed), nothing the manifest says is trusted."""
    if not _is_ours(output) or (output / JOURNAL).exists():
        return {}, ""
    return _read_manifest(output)


def known_pages(output: Path, manifest: dict[str, list]) -> dict[str, str]:
    """Page path -> input key, for the pages of the previous build still intact on disk."""
    root = str(output)
    return {relative: entry[2] for relative, entry in manifest.items()
            if len(entry) > 2 and entry[2] and _same_stat(f"{root}/{relative}", entry)}


def _is_ours(output: Path) -> bool:
    return (output / MANIFEST).is_file()


def check_output(output: Path, *, force: bool = False, protected: tuple[Path, ...] = (),
                 content: Path | None = None) -> None:
    """Refuse output folders that hold the sources (protected), lie inside the content
    folder or that tlgen did not create."""
    output = output.absolute()
    for path in protected:
        if output.resolve() == path.resolve() or path.resolve().is_relative_to(output.resolve()):
            raise TlgenError(f"refusing to use {output} as the output folder: it holds the site's sources",
                             hint="choose another --output folder")
    if content is not None and output.resolve().is_relative_to(content.resolve()):
        raise TlgenError(f"refusing to use {output} as the output folder: it is inside the content folder, "
                         "whose files are read as articles", hint="choose an --output folder outside it")
    if output.exists() and not output.is_dir():
        raise TlgenError(f"output path {output} exists and is not a folder", hint="choose another --output")
    if output.is_dir() and any(output.iterdir()) and not _is_ours(output) and not force:
        raise TlgenError(f"refusing to write into {output}: it was not created by tlgen",
                         hint="empty it, choose another --output, or pass --force to replace it")


def _read_manifest(output: Path) -> tuple[dict[str, list], str]:
    """(path -> [sha256, size, input key], build key) of the site in output."""
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        files, key = data.get("files", {}), data.get("build", "")
        if isinstance(files, dict) and all(isinstance(e, list) and len(e) >= 2 for e in files.values()):
            return files, key if isinstance(key, str) else ""
    except (OSError, ValueError, AttributeError):
        pass
    return {}, ""


def _write_order(relative: str) -> tuple[int, str]:
    """Among new or among changed files: assets, then event and article pages, then the lists
    that link to them, then data files."""
    if relative.startswith("static/") or not relative.endswith(".html"):
        return (0 if relative.startswith("static/") else 3, relative)
    if relative.startswith(("events/", "articles/")):
        return (1, relative)
    return (2, relative)  # lists: index, years, tags, sources


def write_site(output: Path, files: "dict[str, bytes | Unchanged] | Iterable[tuple[str, bytes | Unchanged]]",
               keys: dict[str, str] | None = None,
               previous: dict[str, list] | None = None, build_key: str = "",
               helper: "Callable[[dict[str, str]], Iterable[tuple[str, bytes | Unchanged]]] | None" = None
               ) -> tuple[int, int, int, int]:
    """Make output hold `files` (plus any file tlgen never wrote), touching only what changed.
    files: path -> bytes, or (path, bytes) pairs as render_pages yields them (each is staged
    as it comes, so the site is never all in memory).

    Two phases, so that an interruption (Ctrl-C, kill -9, a full disk) never leaves a mix:
    1. staging: every changed file and the new manifest are written under
       output/.tlgen-staging/; the site itself is not touched. Interrupted here, the previous
       site stays exactly as it was, and the next build throws the staging folder away.
    2. swap: a journal naming the staged files and the pages that are gone is renamed into
       place (the commit point), then each staged file is renamed over its page (link
       targets first, see _write_order), gone pages are removed, the manifest replaced and
       the journal deleted. Interrupted here, the next build finishes the swap (recover()).
    An Unchanged entry keeps the file already there. keys: the input key of each page, kept
    in the manifest for the next build. previous: the output's _trusted_manifest, when the
    caller has read it already. build_key: see _build_key, kept in the manifest.
    helper(keys): more files (and their keys), made and staged in a second process (forked,
    so it shares what this one holds) while this one stages `files`; the two sets may not
    share a path. Returns (written, unchanged, removed) counts and the bytes of the files.
    """
    keys = {} if keys is None else keys  # (filled while files are rendered)
    output = output.absolute()
    output.mkdir(parents=True, exist_ok=True)
    recover(output)
    if previous is None:
        previous = _trusted_manifest(output)
    if not _is_ours(output):  # claim the folder first, so an interrupted first build is ours too
        _replace_bytes(output / MANIFEST, _manifest_bytes({}))

    staging = output / STAGING
    try:
        with _Helper(output, helper, previous) as side:
            plan, manifest, unchanged = _stage(output, files, keys, previous)
            more_plan, more_manifest, more_unchanged = side.result()
        clash = sorted(more_manifest.keys() & manifest.keys())
        if clash:
            raise TlgenError(f"internal: two pages at {clash[0]}; please report this as a tlgen bug")
        plan += more_plan
        manifest.update(more_manifest)
        unchanged += more_unchanged
    except BaseException:
        # A failed or interrupted render (template error, Ctrl-C): the site was not touched;
        # nor should the staging folder linger.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    gone = sorted(set(previous) - set(manifest))
    manifest_bytes = _manifest_bytes(manifest, build_key)
    size = _site_bytes(manifest)
    if not plan and not gone and (output / MANIFEST).read_bytes() == manifest_bytes:
        return 0, unchanged, 0, size

    staging.mkdir(exist_ok=True)
    (staging / MANIFEST).write_bytes(manifest_bytes)
    # New pages first: no page on the site links to them yet. Then the changed ones, which
    # may link to the new. Whatever moment the swap is stopped at, a reader following
    # links from any page that was on the site never lands on a missing one.
    order = sorted(plan, key=_new_first(output))
    with _interrupts_deferred():  # Ctrl-C during the swap lands once the new site is whole
        _replace_bytes(output / JOURNAL, (json.dumps({"write": order, "remove": gone}, indent=0) + "\n").encode())
        _swap_in(output, order, gone)
    return len(plan), unchanged, len(gone), size


def _new_first(output: Path) -> Callable[[str], tuple]:
    """The order to swap files in (a sort key): those not in output yet first, then by
    _write_order."""
    site = str(output)
    tops: dict[str, bool] = {}  # top folder -> whether output has it (a cold build stats no page)

    def key(relative: str) -> tuple:
        top, slash, _ = relative.partition("/")
        if slash:
            there = tops.get(top)
            if there is None:
                there = tops[top] = os.path.isdir(f"{site}/{top}")
            if not there:
                return (False, _write_order(relative))
        return (os.path.exists(f"{site}/{relative}"), _write_order(relative))
    return key


@contextlib.contextmanager
def _collector_paused():
    """The garbage collector off for the block (as it was before, after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _interrupts_deferred():
    """Hold SIGINT and SIGTERM back while the block runs (renames only: a moment), then
    deliver them as they would have been. Only kill -9 or a power cut can stop a swap half
    way, and recover() finishes such a swap. A no-op outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        previous[number] = signal.signal(number, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(received):
            signal.raise_signal(number)


class _Helper:
    """Runs write_site's helper in a forked process (forked.Forked) that stages the files it
    makes, as _stage does here, and hands back its part of the plan and manifest (result()).
    Without a helper, result() is empty; when no process can be forked, result() makes and
    stages the helper's files in this process. Leaving the block early (an error or Ctrl-C
    here) stops the helper; an error in the helper is raised by result()."""

    def __init__(self, output: Path, helper, previous: dict[str, list]) -> None:
        self.output, self.helper, self.previous = output, helper, previous
        self.job: Forked | None = None
        self.here = False  # (no process could be forked: the helper runs in result())

    def __enter__(self) -> "_Helper":
        if self.helper is not None:
            try:
                self.job = Forked(self._work)
            except OSError:  # no second process to be had: result() makes the helper's files here
                self.here = True
        return self

    def _work(self) -> tuple[list[str], dict[str, list], int]:  # in the forked process
        keys: dict[str, str] = {}

        def watched():
            for item in self.helper(keys):
                if orphaned():  # the build was killed (kill -9): stop staging at once
                    os._exit(1)
                yield item

        return _stage(self.output, watched(), keys, self.previous)

    def result(self) -> tuple[list[str], dict[str, list], int]:
        if self.here:
            keys: dict[str, str] = {}
            return _stage(self.output, self.helper(keys), keys, self.previous)
        if self.job is None:
            return [], {}, 0
        job, self.job = self.job, None
        return job.result()

    def __exit__(self, *exc) -> None:
        if self.job is not None:
            self.job.stop()


def _stage(output: Path, files, keys: dict[str, str], previous: dict[str, list]
           ) -> tuple[list[str], dict[str, list], int]:
    """Phase 1 of write_site: each changed file into output/.tlgen-staging/. Returns the
    changed paths, the new manifest and the count of unchanged files."""
    staging = str(output / STAGING)
    plan: list[str] = []
    manifest: dict[str, list] = {}
    unchanged = 0
    made_dirs: set[str] = set()
    for relative, data in (files.items() if isinstance(files, dict) else files):
        if relative in manifest:
            raise TlgenError(f"internal: two pages at {relative}; please report this as a tlgen bug")
        entry = previous.get(relative)
        if isinstance(data, Unchanged) and entry:
            manifest[relative] = [entry[0], entry[1], keys.get(relative, "")]
            unchanged += 1
            continue
        if isinstance(data, Unchanged):
            raise TlgenError(f"internal: {relative} was not rendered but is not on disk; rebuild")
        digest = hashlib.sha256(data).hexdigest()
        manifest[relative] = [digest, len(data), keys.get(relative, "")]
        if entry and entry[0] == digest and _same_stat(f"{output}/{relative}", entry):
            unchanged += 1
            continue
        plan.append(relative)
        # (os calls, not pathlib: a cold build of a big site stages tens of thousands of
        # pages, each in a folder of its own)
        folder, _, name = f"{staging}/{relative}".rpartition("/")
        if folder not in made_dirs:
            try:
                os.mkdir(folder)
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            except FileExistsError:
                pass
            made_dirs.add(folder)
        _write_new(f"{folder}/{name}", data)
    return plan, manifest, unchanged


def _write_new(path: str, data: bytes) -> None:
    # (os calls: open() would also ask the file for its block size and wrap it in a buffer,
    # a quarter of the cost of writing a page)
    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(target, view):]
    finally:
        os.close(target)


def recover(output: Path) -> None:
    """Finish the swap of a build interrupted after its commit point, or throw away the
    staging folder of one interrupted before it. Either way the site is whole again."""
    journal = output / JOURNAL
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            write, remove = plan["write"], plan["remove"]
            if not all(isinstance(p, str) for p in write + remove):
                raise ValueError
        except (OSError, ValueError, KeyError, TypeError):
            # Not a journal this tlgen wrote: trust nothing, the build rewrites every page.
            _replace_bytes(output / MANIFEST, _manifest_bytes({}))
            journal.unlink()
        else:
            _swap_in(output, write, remove)
    staging = output / STAGING
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(output: Path, write: list[str], remove: list[str]) -> None:
    """Phase 2 of write_site; safe to run again from the start after an interruption."""
    staging = output / STAGING
    site, stage = str(output), str(staging)
    # (os calls on strings, not pathlib: a cold build swaps in tens of thousands of pages)
    checked: set[str] = set()  # top folders looked at: in the site now, or never staged
    moved: set[str] = set()  # top folders this call moved in whole: their files are in place
    made_dirs: set[str] = set()
    for relative in write:
        top, slash, _ = relative.partition("/")
        if slash:
            if top in moved:
                continue
            if top not in checked:
                checked.add(top)
                if not os.path.exists(f"{site}/{top}") and os.path.isdir(f"{stage}/{top}"):
                    os.replace(f"{stage}/{top}", f"{site}/{top}")  # a folder the site did not have: in one go
                    moved.add(top)
                    continue
        staged = f"{stage}/{relative}"
        if not os.path.exists(staged):
            continue  # swapped in already (before an interruption)
        folder = f"{site}/{relative}".rpartition("/")[0]
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        os.replace(staged, f"{site}/{relative}")
    for relative in remove:
        _remove_file(output, relative)
    if (staging / MANIFEST).exists():
        os.replace(staging / MANIFEST, output / MANIFEST)
    (output / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def _replace_bytes(target: Path, data: bytes) -> None:
    """Write a file whole or not at all."""
    temporary = target.with_name(target.name + ".tlgen-tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _site_bytes(manifest: dict[str, list]) -> int:
    """The size of the files a manifest lists (path -> [sha256, size, ...])."""
    return sum(entry[1] for entry in manifest.values())


def _manifest_bytes(manifest: dict[str, list], build_key: str = "") -> bytes:
    lines = [_manifest_line(path, entry) for path, entry in sorted(manifest.items())]
    return ('{"generator":"tlgen","build":' + json.dumps(build_key) + ',"files":{\n'
            + ",\n".join(lines) + "\n}}\n").encode("utf-8")


def _plain(text: str) -> bool:
    """Whether json.dumps would write text between quotes as it is: printable ASCII, no
    quotation mark or backslash (checked in C: a manifest has tens of thousands of lines)."""
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def _manifest_line(path: str, entry: list) -> str:
    """json.dumps of the pair, written directly for the usual case (a site has tens of
    thousands of these): plain ASCII path, [hex digest, size, hex key]."""
    if (len(entry) == 3 and type(entry[1]) is int and _plain(path)
            and all(type(part) is str and _plain(part) for part in (entry[0], entry[2]))):
        return f'"{path}":["{entry[0]}",{entry[1]},"{entry[2]}"]'
    return json.dumps(path) + ":" + json.dumps(entry, separators=(",", ":"))


def _remove_file(output: Path, relative: str) -> None:
    """Remove a page tlgen wrote, and the folders it leaves empty."""
    target = output / relative
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _same_stat(path: str, entry: list) -> bool:
    """path: a string, not a Path (a big site has tens of thousands of pages to check)."""
    try:
        stat = os.stat(path)
    except OSError:
        return False
    # Size, not mtime: the manifest is part of the output, which must not depend on when it
    # was built. The output folder is tlgen's; a hand edit of a page is overwritten when that
    # page changes.
    return len(entry) >= 2 and stat.st_size == entry[1]
