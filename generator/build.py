"""Build orchestration: discover -> parse + extract (cached, parallel) -> merge -> render -> write.

Only `write_site` touches the output folder. The new site is assembled in a staging folder
beside it: files whose bytes did not change are hard-linked from the current site (so their
mtimes stay and deploy diffs stay small), the others written; the staging folder is then
swapped in. A failed or interrupted build leaves the previous site whole, and the next build
recovers.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import click

from .cache import ArticleCache, config_fingerprint, entry_key
from .config import SiteConfig
from .content import ContentFile, discover, parse_article
from .errors import BuildWarning, ContentError, TlgenError
from .extract import extract_mentions
from .model import Article, Mention, Timeline
from .render import render_site
from .timeline import merge

MANIFEST = ".tlgen-manifest.json"
PARALLEL_MIN_FILES = 48   # below this, starting worker processes costs more than it saves
PROGRESS_MIN_FILES = 200


@dataclass
class BuildReport:
    articles: int = 0
    events: int = 0
    files: int = 0
    extracted: int = 0      # articles parsed and extracted (not served from the cache)
    written: int = 0        # output files written
    unchanged: int = 0      # output files kept as they were
    removed: int = 0        # output files of the previous build that are gone
    seconds: float = 0.0
    warnings: list[BuildWarning] = field(default_factory=list)


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
    except ContentError as error:
        return _Processed(None, (), (BuildWarning.from_error(error),))
    mentions = extract_mentions(article, config.extract, config.min_confidence)
    return _Processed(article, mentions, tuple(warnings))


def _process_many(files: list[ContentFile], config: SiteConfig, workers: int,
                  show_progress: bool) -> list[_Processed]:
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(process_file, files, [config] * len(files),
                               chunksize=max(1, min(64, len(files) // (workers * 8))))
            return _with_progress(results, len(files), show_progress)
    return _with_progress((process_file(f, config) for f in files), len(files), show_progress)


def _with_progress(results, total: int, show: bool) -> list[_Processed]:
    if not show or total < PROGRESS_MIN_FILES:
        return list(results)
    collected = []
    with click.progressbar(length=total, label="Reading articles", file=sys.stderr,
                           show_eta=True, show_pos=True) as bar:
        for result in results:
            collected.append(result)
            bar.update(1)
    return collected


def load_articles(config: SiteConfig, include_drafts: bool, report: BuildReport,
                  workers: int | None = None, show_progress: bool = False
                  ) -> tuple[tuple[Article, ...], tuple[Mention, ...]]:
    """Every readable article and its mentions, from the cache where the file is unchanged."""
    files, warnings = discover(config.content_path)
    report.warnings.extend(warnings)
    fingerprint = config_fingerprint(config)
    keys = [entry_key(fingerprint, file.relative, file.data) for file in files]
    cache = ArticleCache(config.root)
    try:
        cached = cache.get_many(keys)
        missing = [index for index, key in enumerate(keys) if key not in cached]
        fresh = _process_many([files[i] for i in missing], config,
                              workers if workers is not None else (os.cpu_count() or 1), show_progress)
        cache.put_many({keys[i]: result for i, result in zip(missing, fresh)})
        cache.retain(set(keys))
    finally:
        cache.close()
    report.extracted = len(missing)
    results = dict(cached)
    results.update({keys[i]: result for i, result in zip(missing, fresh)})

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
                   show_progress: bool = False) -> Timeline:
    """Everything up to the merged timeline; reads content, writes no page."""
    report = report if report is not None else BuildReport()
    report.warnings.extend(config.warnings)
    if not config.content_path.is_dir():
        raise TlgenError(f"no content folder at {config.content_path}",
                         hint="create it and put articles in it, or run 'tlgen init DIR' for a new site")
    articles, mentions = load_articles(config, include_drafts, report, workers, show_progress)
    timeline = merge(articles, mentions)
    report.articles = len(articles)
    report.events = len(timeline.events)
    return timeline


def build(config: SiteConfig, include_drafts: bool = False, strict: bool = False,
          force: bool = False, workers: int | None = None, show_progress: bool = False) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    timeline = build_timeline(config, include_drafts, report, workers, show_progress)
    if strict and report.warnings:
        raise TlgenError(f"{len(report.warnings)} warning(s) with --strict; nothing was written",
                         hint="fix the files named above")
    check_output(config.output_path, force=force, protected=(config.root, config.content_path))
    files = render_site(timeline, config, previous=previous_output(config.output_path))
    report.written, report.unchanged, report.removed = write_site(config.output_path, files, force=force)
    report.files = len(files)
    report.seconds = time.perf_counter() - started
    return report


def previous_output(output: Path) -> dict[str, bytes]:
    """Files of the previous build that the exports compare against (timeline.ics: SEQUENCE)."""
    previous = output / "timeline.ics"
    if _is_ours(output) and previous.is_file():
        return {"timeline.ics": previous.read_bytes()}
    return {}


def _is_ours(output: Path) -> bool:
    return (output / MANIFEST).is_file()


def check_output(output: Path, *, force: bool = False, protected: tuple[Path, ...] = ()) -> None:
    """Refuse output folders that hold the sources or that tlgen did not create."""
    output = output.absolute()
    for path in protected:
        if output.resolve() == path.resolve() or path.resolve().is_relative_to(output.resolve()):
            raise TlgenError(f"refusing to use {output} as the output folder: it holds the site's sources",
                             hint="choose another --output folder")
    if output.exists() and not output.is_dir():
        raise TlgenError(f"output path {output} exists and is not a folder", hint="choose another --output")
    if output.is_dir() and any(output.iterdir()) and not _is_ours(output) and not force:
        raise TlgenError(f"refusing to write into {output}: it was not created by tlgen",
                         hint="empty it, choose another --output, or pass --force to replace it")


def _read_manifest(output: Path) -> dict[str, list]:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return files if isinstance(files, dict) else {}
    except (OSError, ValueError):
        return {}


def write_site(output: Path, files: dict[str, bytes], *, force: bool = False) -> tuple[int, int, int]:
    """Make output hold exactly `files` (plus any file tlgen never wrote), atomically.

    Returns (written, unchanged, removed) counts.
    """
    output = output.absolute()
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{output.name}.tlgen-new"
    retired = parent / f".{output.name}.tlgen-old"
    # Recover from an interrupted build: restore the previous site if only its copy is left.
    if retired.exists() and not output.exists():
        os.replace(retired, output)
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    ours = _is_ours(output)
    previous = _read_manifest(output) if ours else {}

    staging.mkdir()
    written = unchanged = 0
    manifest: dict[str, list] = {}
    made_dirs: set[Path] = {staging}
    for relative, data in files.items():
        target = staging / relative
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        digest = hashlib.sha256(data).hexdigest()
        old = output / relative
        entry = previous.get(relative)
        if entry and entry[0] == digest and _same_stat(old, entry):
            os.link(old, target)  # same bytes: keep the very file, and its mtime
            unchanged += 1
        else:
            target.write_bytes(data)
            written += 1
        stat = target.stat()
        manifest[relative] = [digest, stat.st_size, stat.st_mtime_ns]
    if output.is_dir():
        _keep_foreign_files(output, staging, previous if ours else None, set(files))
    removed = len(set(previous) - set(files))
    manifest_bytes = (json.dumps({"generator": "tlgen", "files": manifest}, indent=0, sort_keys=True)
                      + "\n").encode("utf-8")
    old_manifest = output / MANIFEST
    if ours and old_manifest.read_bytes() == manifest_bytes:
        os.link(old_manifest, staging / MANIFEST)
    else:
        (staging / MANIFEST).write_bytes(manifest_bytes)
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists():
        shutil.rmtree(retired)
    return written, unchanged, removed


def _same_stat(path: Path, entry: list) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return len(entry) >= 3 and stat.st_size == entry[1] and stat.st_mtime_ns == entry[2]


def _keep_foreign_files(output: Path, staging: Path, previous: dict | None, generated: set[str]) -> None:
    """Files in the output that tlgen never wrote (a CNAME added by hand ...) are carried over.
    With --force on a folder tlgen did not create, nothing of the old folder is kept."""
    if previous is None:
        return
    for folder, _, names in os.walk(output):
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(output).as_posix()
            if relative == MANIFEST or relative in previous or relative in generated:
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
