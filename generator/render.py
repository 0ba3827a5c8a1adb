"""Render stage: the Timeline -> a plan of output files (path -> bytes). Writes nothing.

Templates come from the site's own `templates/` folder first, then the default theme, file by
file. Every URL in a page goes through `url()`, which prefixes the site's base path, so the
site works from a GitHub Pages project sub-path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import jinja2

from . import __version__
from .config import SiteConfig
from .dates import MONTHS, format_day, format_span
from .errors import TlgenError
from .export import timeline_json
from .model import Event, Timeline
from .slug import slugify


def theme_dir() -> Path:
    """The default theme: the top-level templates/ in a source checkout, or the packaged copy."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "templates"
    if (checkout / "base.html").is_file():
        return checkout
    return package / "theme"  # where pyproject.toml installs templates/


@dataclass(frozen=True)
class MonthGroup:
    label: str
    anchor: str
    events: tuple[Event, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    anchor: str
    months: tuple[MonthGroup, ...]


def group_by_month(events: tuple[Event, ...]) -> tuple[YearGroup, ...]:
    """Years, then months, in timeline order. An event spanning several months (a quarter, a
    year) stands in a group of its own labelled with its year, where its start date puts it."""
    years: list[tuple[int, list[tuple[tuple, list[Event]]]]] = []
    for event in events:
        start, end = event.span.start, event.span.end
        single_month = (start.year, start.month) == (end.year, end.month)
        key = (start.year, start.month if single_month else 0)
        if not years or years[-1][0] != start.year:
            years.append((start.year, []))
        months = years[-1][1]
        if not months or months[-1][0] != key:
            months.append((key, []))
        months[-1][1].append(event)
    result = []
    for year, months in years:
        groups = []
        for (y, month), month_events in months:
            if month:
                label, anchor = f"{MONTHS[month - 1]} {y}", f"m{y}-{month:02d}"
            else:
                label, anchor = f"{y}: longer periods", f"m{y}-span{len(groups)}"
            groups.append(MonthGroup(label, anchor, tuple(month_events)))
        result.append(YearGroup(year, f"y{year}", tuple(groups)))
    return tuple(result)


def _environment(config: SiteConfig) -> jinja2.Environment:
    search = []
    if config.templates_path.is_dir() and config.templates_path.resolve() != theme_dir().resolve():
        search.append(str(config.templates_path))
    search.append(str(theme_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base_path = config.base_path

    def url(path: str = "") -> str:
        return base_path + path.lstrip("/")

    env.globals.update(url=url, site=config, format_day=format_day, tlgen_version=__version__)
    env.filters["date"] = format_span
    env.filters["iso"] = lambda day: day.isoformat()
    env.filters["tag_slug"] = slugify
    return env


def static_files(config: SiteConfig) -> Iterator[tuple[str, Path]]:
    """(output path, file) for the theme's static assets; the site's own override the theme's."""
    chosen: dict[str, Path] = {}
    roots = [theme_dir() / "static"]
    if config.templates_path.is_dir():
        roots.append(config.templates_path / "static")
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                chosen["static/" + path.relative_to(root).as_posix()] = path
    yield from sorted(chosen.items())


def render_site(timeline: Timeline, config: SiteConfig) -> dict[str, bytes]:
    """Every output file of the site, keyed by its path relative to the output folder."""
    env = _environment(config)
    pages: dict[str, bytes] = {}

    def page(path: str, template: str, **context) -> None:
        try:
            text = env.get_template(template).render(page_path=path, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise TlgenError(f"template error: {exc.message}", path=exc.filename, line=exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            raise TlgenError(f"template {exc.name!r} not found",
                             hint="a site's templates/ may override theme files, not remove them") from None
        except jinja2.UndefinedError as exc:
            raise TlgenError(f"template {template}: {exc.message}") from None
        pages[path] = text.encode("utf-8")

    events = timeline.events
    articles = {article.slug: article for article in timeline.articles}
    events_by_article: dict[str, list[Event]] = {slug: [] for slug in articles}
    events_by_tag: dict[str, list[Event]] = {tag: [] for tag in timeline.tags}
    for event in events:
        for slug in dict.fromkeys(source.article_slug for source in event.sources):
            events_by_article[slug].append(event)
        for tag in event.tags:
            events_by_tag[tag].append(event)

    page("index.html", "index.html", years=group_by_month(events), events=events, tags=timeline.tags)
    for index, event in enumerate(events):
        page(event.page + "index.html", "event.html", event=event,
             previous=events[index - 1] if index > 0 else None,
             next=events[index + 1] if index + 1 < len(events) else None)
        for alias in event.aliases:
            page(f"events/{alias}/index.html", "redirect.html", target=event.page, title=event.title)
    for article in sorted(articles.values(), key=lambda a: (a.published, a.slug)):
        page(article.page + "index.html", "article.html", article=article,
             events=tuple(events_by_article[article.slug]))
    for tag, tag_events in events_by_tag.items():
        page(f"tags/{slugify(tag)}/index.html", "tag.html", tag=tag,
             years=group_by_month(tuple(tag_events)), events=tuple(tag_events))
    page("tags/index.html", "tags.html", tags=[(tag, len(events_by_tag[tag])) for tag in timeline.tags])
    page("404.html", "404.html")

    pages["timeline.json"] = timeline_json(timeline, config).encode("utf-8")
    pages[".nojekyll"] = b""
    for output, path in static_files(config):
        pages[output] = path.read_bytes()
    # Guard: no page may escape the output folder, whatever a slug or id contains.
    for path in pages:
        if path.startswith("/") or ".." in path.split("/") or os.sep != "/" and os.sep in path:
            raise TlgenError(f"refusing to write outside the output folder: {path!r}")
    return dict(sorted(pages.items()))
