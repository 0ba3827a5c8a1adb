"""Build orchestration: discover -> parse -> extract -> merge -> render -> write.

Only `write_site` touches the output folder. The site is written to a temporary folder beside
it and swapped in at the end, so a failed build leaves the previous site whole.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig
from .content import discover, parse_article
from .errors import BuildWarning, ContentError, TlgenError
from .extract import extract_mentions
from .model import Article, Mention, Timeline
from .render import render_site
from .timeline import merge

MANIFEST = ".tlgen-manifest.json"


@dataclass
class BuildReport:
    articles: int = 0
    events: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[BuildWarning] = field(default_factory=list)


def load_articles(config: SiteConfig, include_drafts: bool, report: BuildReport) -> tuple[Article, ...]:
    files, warnings = discover(config.content_path)
    report.warnings.extend(warnings)
    articles: list[Article] = []
    seen_slugs: dict[str, str] = {}
    for file in files:
        try:
            article, article_warnings = parse_article(file, config)
        except ContentError as error:
            report.warnings.append(BuildWarning.from_error(error))
            continue
        report.warnings.extend(article_warnings)
        if article.draft and not include_drafts:
            continue
        if article.slug in seen_slugs:
            report.warnings.append(BuildWarning(
                f"has the same slug '{article.slug}' as {seen_slugs[article.slug]}; skipped "
                "(set a different 'slug:' in its front matter)", str(file.path)))
            continue
        seen_slugs[article.slug] = str(file.path)
        articles.append(article)
    return tuple(articles)


def build_timeline(config: SiteConfig, include_drafts: bool = False,
                   report: BuildReport | None = None) -> Timeline:
    """Everything up to the merged timeline; reads content, writes nothing."""
    report = report if report is not None else BuildReport()
    report.warnings.extend(config.warnings)
    if not config.content_path.is_dir():
        raise TlgenError(f"no content folder at {config.content_path}",
                         hint="create it and put articles in it, or run 'tlgen init DIR' for a new site")
    articles = load_articles(config, include_drafts, report)
    mentions: list[Mention] = []
    for article in articles:
        mentions.extend(extract_mentions(article, config.extract, config.min_confidence))
    timeline = merge(articles, tuple(mentions))
    report.articles = len(articles)
    report.events = len(timeline.events)
    return timeline


def build(config: SiteConfig, include_drafts: bool = False, strict: bool = False,
          force: bool = False) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    timeline = build_timeline(config, include_drafts, report)
    if strict and report.warnings:
        raise TlgenError(f"{len(report.warnings)} warning(s) with --strict; nothing was written",
                         hint="fix the files named above")
    files = render_site(timeline, config, previous=previous_output(config.output_path))
    write_site(config.output_path, files, force=force, protected=(config.root, config.content_path))
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


def write_site(output: Path, files: dict[str, bytes], *, force: bool = False,
               protected: tuple[Path, ...] = ()) -> None:
    """Write files into output atomically: build a sibling folder, then swap it in."""
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
    staging.mkdir()
    for relative, data in files.items():
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    manifest = {"generator": "tlgen", "files": sorted(files)}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists():
        shutil.rmtree(retired)
