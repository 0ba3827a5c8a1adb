"""The `tlgen` command line. Commands are thin: load the config, call a stage, print.

Exit codes: 0 success; 1 a problem tlgen reports (bad config, unreadable site, warnings under
--strict, refused write); 2 wrong command-line usage; 3 an internal error (a bug: please report
it); 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .build import BuildReport, StrictFailure, build, build_timeline, check_output
from .config import CONFIG_NAME, load_config
from .errors import TlgenError

SITE_OPTION = click.option(
    "--source", "-s", "source", type=click.Path(file_okay=False, path_type=Path), default=".",
    show_default=True, help="The site folder (holding tlgen.toml and content/).")


def _date_option(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date like 2019-07-01", param_hint=option) from None


def _print_warnings(report: BuildReport) -> None:
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tlgen")
def cli() -> None:
    """tlgen: build a static timeline website from news articles.

    Put articles (Markdown with front matter) in content/, run `tlgen build`, and open
    site/index.html. The dates of events are read from the articles' prose.
    """


@cli.command("build")
@SITE_OPTION
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder. Default: the site's site/ (output_dir in tlgen.toml).")
@click.option("--base-url", help="URL the site is served from, e.g. https://user.github.io/repo/ "
                                 "(overrides base_url in tlgen.toml).")
@click.option("--drafts", is_flag=True, help="Include articles marked 'draft: true'.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: write nothing and exit 1.")
@click.option("--force", is_flag=True, help="Replace an output folder that tlgen did not create.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors (for CI).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for reading "
              "articles. Default: one per CPU core. With 2 or more, a large site also merges and "
              "renders in two processes; 1 keeps the whole build in one.")
def build_command(source: Path, output: Path | None, base_url: str | None, drafts: bool,
                  strict: bool, force: bool, quiet: bool, jobs: int | None) -> None:
    """Build the site: read content/, find dated events, write site/.

    Articles unchanged since the last build come from the cache in .tlgen-cache/; only
    output files whose bytes changed are rewritten.
    """
    config = load_config(source)
    config = config.with_overrides(base_url=base_url)
    if output is not None:
        config = config.with_overrides(output_dir=str(output.absolute()))
    try:
        report = build(config, include_drafts=drafts, strict=strict, force=force, workers=jobs,
                       show_progress=not quiet and sys.stderr.isatty())
    except StrictFailure as failure:
        _print_warnings(failure.report)  # name the files before saying they need fixing
        raise
    _print_warnings(report)
    if not quiet:
        click.echo(summary_line(report, config))
    if report.bytes > GITHUB_PAGES_MOST:
        click.echo(f"note: {config.output_path} holds {_size(report.bytes)}; GitHub Pages publishes sites of at "
                   "most 1 GB (another host, or fewer articles per site)", err=True)


GITHUB_PAGES_MOST = 1_000_000_000  # bytes: "Published GitHub Pages sites may be no larger than 1 GB"


def summary_line(report: BuildReport, config) -> str:
    warnings = f", {_count(len(report.warnings), 'warning')}" if report.warnings else ""
    return (f"Built {_count(report.articles, 'article')} ({_count(report.extracted, 'file')} read anew), "
            f"{_count(report.events, 'event')}; {_count(report.written, 'file')} written, {report.unchanged} "
            f"unchanged, {report.removed} removed in {config.output_path} ({_size(report.bytes)}, "
            f"{report.seconds:.2f} s){warnings}.")


def _size(count: int) -> str:
    """1.2 GB, 721 MB, 14 MB, 380 KB."""
    if count >= 1_000_000_000:
        return f"{count / 1e9:.1f} GB"
    if count >= 1_000_000:
        return f"{count / 1e6:.0f} MB"
    return f"{max(1, round(count / 1e3))} KB"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


@cli.command("serve")
@SITE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--base-url", help="As for build; the site is served under its path.")
@click.option("--drafts", is_flag=True, help="Include articles marked 'draft: true'.")
@click.option("--no-watch", is_flag=True, help="Serve without rebuilding on changes.")
@click.option("--quiet", "-q", is_flag=True, help="Do not report each rebuild.")
def serve_command(source: Path, host: str, port: int, base_url: str | None, drafts: bool,
                  no_watch: bool, quiet: bool) -> None:
    """Build the site, serve it on localhost, and rebuild when content/, templates/ or
    tlgen.toml change; open pages reload by themselves."""
    from .serve import serve

    serve(source, host, port, base_url, drafts, watch=not no_watch, quiet=quiet)


@cli.command("check")
@SITE_OPTION
@click.option("--drafts", is_flag=True, help="Check articles marked 'draft: true' too.")
def check_command(source: Path, drafts: bool) -> None:
    """Run every validation (config, articles, events, templates) and write nothing.

    Exits 1 when there is anything to fix, like `build --strict`.
    """
    from .render import render_site

    config = load_config(source)
    report = BuildReport()
    check_output(config.output_path, protected=(config.root, config.content_path), content=config.content_path)
    timeline = build_timeline(config, include_drafts=drafts, report=report, use_cache=False)
    render_site(timeline, config)  # template errors surface here; nothing is written
    _print_warnings(report)
    if report.warnings:
        raise TlgenError(f"{_count(len(report.warnings), 'problem')} in {config.root}", hint="fix the files named above")
    click.echo(f"No problems: {_count(report.articles, 'article')}, {_count(report.events, 'event')}.")
    if not config.site_url:
        click.echo(f"Note: base_url {config.base_url!r} is not an absolute address, so feed.xml, sitemap.xml "
                   "and timeline.ics carry relative links; the GitHub Pages workflow of 'tlgen init' passes "
                   "an absolute one (--base-url), and other hosting needs base_url = \"https://...\".")


@cli.command("events")
@SITE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print exactly the site's timeline.json.")
@click.option("--drafts", is_flag=True, help="Include articles marked 'draft: true'.")
@click.option("--base-url", help="As for build; it appears in the JSON.")
def events_command(source: Path, as_json: bool, drafts: bool, base_url: str | None) -> None:
    """Print the merged timeline (without building the site)."""
    from .dates import format_span
    from .export import timeline_json

    config = load_config(source).with_overrides(base_url=base_url)
    report = BuildReport()
    timeline = build_timeline(config, include_drafts=drafts, report=report)
    _print_warnings(report)
    if as_json:
        click.echo(timeline_json(timeline, config), nl=False)
        return
    for event in timeline.events:
        sources = len(event.sources)
        flag = "  [dates differ]" if event.disagreement else ""
        click.echo(f"{event.span.start.isoformat()}  {format_span(event.span):<34} {event.title}"
                   f"  ({_count(sources, 'source')}){flag}")
    click.echo(f"{_count(len(timeline.events), 'event')} from {_count(len(timeline.articles), 'article')}.",
               err=True)


@cli.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@SITE_OPTION
@click.option("--write", is_flag=True, help="Write the events into the article's front matter "
                                            "(as 'events:', with 'extract: false') for editing.")
def extract_command(file: Path, source: Path, write: bool) -> None:
    """Show the events tlgen takes from one article FILE, and why.

    Each line gives the event's id (for exclude_events), its date, its headline, the
    expression that dated it and the confidence. With --write, the list goes into the file's
    front matter, where an editor can correct it; the rest of the file is kept byte for byte.
    """
    from .content import ContentFile, parse_article
    from .curate import write_events
    from .dates import format_span
    from .extract import extract_mentions

    config = load_config(source)
    data = file.read_bytes()
    # Named as the build names it (its path within content/, which its slug and so its
    # events' ids come from), so the ids shown are the site's.
    try:
        relative = file.resolve().relative_to(config.content_path.resolve()).as_posix()
    except ValueError:  # (a file outside the site's content folder)
        relative = file.name
    article, warnings = parse_article(ContentFile(file, relative, data), config)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    mentions = extract_mentions(article, config.extract, config.min_confidence)
    for mention in mentions:
        how = "authored" if mention.authored else (
            f"inherited from \u201c{mention.expression}\u201d" if mention.inherited
            else f"\u201c{mention.expression}\u201d")
        click.echo(f"{mention.key}  {format_span(mention.span):<32} {mention.title}  "
                   f"({how}, confidence {mention.confidence:.2f})")
    if not write:
        click.echo(f"{_count(len(mentions), 'event')} from {file}.", err=True)
        return
    extracted = tuple(m for m in mentions if not m.authored)
    write_events(file, extracted)
    click.echo(f"Wrote {len(extracted)} events into {file} (and set 'extract: false').", err=True)


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--title", default="My timeline", show_default=True, help="The site's title.")
def init_command(directory: str, title: str) -> None:
    """Create a new site in DIRECTORY: config, an example article, .gitignore and a
    GitHub Actions workflow that publishes the site on GitHub Pages."""
    from .scaffold import installed_from, site_files

    if not directory.strip():
        raise click.BadParameter("is empty; name the folder for the new site (e.g. 'tlgen init mysite', "
                                 "or 'tlgen init .' for this one)", param_hint="DIRECTORY")
    directory = Path(directory)

    if (directory / CONFIG_NAME).exists():
        raise TlgenError(f"{directory / CONFIG_NAME} already exists; not touching it",
                         hint="choose an empty folder for a new site")
    tlgen = installed_from()
    files = site_files(title, dt.date.today(), tlgen)  # the example article is dated the day of init
    existing = [name for name in files if (directory / name).exists()]
    if existing:
        raise TlgenError(f"{directory / existing[0]} already exists; nothing was written",
                         hint="choose an empty folder for a new site")
    for name, text in files.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    click.echo(f"Created a tlgen site in {directory}. Next: cd {directory} && tlgen build")
    if not tlgen:
        click.echo("Before publishing on GitHub Pages: set TLGEN in .github/workflows/pages.yml to where "
                   "tlgen is installed from (e.g. tlgen @ git+https://github.com/OWNER/tlgen).")


@cli.command("new")
@click.argument("title")
@SITE_OPTION
@click.option("--date", "date_text", help="Publication date, YYYY-MM-DD. Default: today.")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
def new_command(title: str, source: Path, date_text: str | None, tags: tuple[str, ...]) -> None:
    """Create an article skeleton in content/ named after its date and TITLE."""
    from .scaffold import new_article

    if not title.strip():
        raise click.BadParameter("is empty; the article needs a title (e.g. tlgen new \"Talks resume\")",
                                 param_hint="TITLE")
    config = load_config(source)
    if not (config.root / CONFIG_NAME).is_file() and not config.content_path.is_dir():
        raise TlgenError(f"{config.root} is not a tlgen site (no {CONFIG_NAME}, no content folder)",
                         hint="run it in a site folder, pass --source, or start one with 'tlgen init DIR'")
    # Today is a default for the author, never something that reaches the site.
    published = _date_option(date_text, "--date") or dt.datetime.now(config.tz).date()
    name, text = new_article(title, published, tags)
    target = config.content_path / name
    config.content_path.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise TlgenError(f"{target} already exists; not overwriting it",
                         hint="pick another title or date") from None
    click.echo(str(target))


@cli.command("annotate")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--dct", "dct_text", help="The reference date (publication date), YYYY-MM-DD. "
                                        "Default: the 'date:' of an article's front matter, else today.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "timeml"]),
              default="text", show_default=True, help="Output format.")
def annotate_command(file, dct_text: str | None, output_format: str) -> None:
    """Show the temporal expressions in FILE (or standard input) and the dates they resolve to."""
    from .temporal import annotate
    from .temporal.export import to_json, to_text, to_timeml

    try:
        text = file.read()
    except UnicodeDecodeError:
        raise TlgenError("the input is not UTF-8 text", path=getattr(file, "name", None)) from None
    # An article (front matter, then body): its own date is the reference, and only the body is
    # prose. The output keeps the whole text, offsets included.
    name = getattr(file, "name", "-")
    published, body_at, problem = _article_parts(text, name)
    dct = _date_option(dct_text, "--dct") or published or dt.date.today()
    if problem and not dct_text:
        click.echo(f"warning: {problem}; dates are read against {dct.isoformat()} "
                   "(fix it, or give --dct YYYY-MM-DD)", err=True)
    timexes = tuple(replace(timex, start=timex.start + body_at, end=timex.end + body_at)
                    for timex in annotate(text[body_at:], dct))
    render = {"text": to_text, "json": to_json, "timeml": to_timeml}[output_format]
    click.echo(render(text, dct, timexes), nl=False)


def _os_error(exc: OSError) -> TlgenError:
    """An error of the file system as one line: what failed, on which file, what to check."""
    what = exc.strerror or str(exc)
    if exc.filename2 is not None:
        what += f" (moving it to {exc.filename2})"
    hint = {errno.ENOSPC: "free some space and build again",
            errno.EROFS: "choose a writable --output folder",
            errno.EACCES: "check the permissions of the file and its folder",
            errno.EPERM: "check the permissions (and attributes) of the file and its folder"}.get(
        exc.errno, "check the file and its folder, then try again")
    return TlgenError(what, path=exc.filename, hint=hint)


def _article_parts(text: str, name: str) -> tuple[dt.date | None, int, str | None]:
    """(the front matter's publication date, where the body starts, what is wrong with the
    front matter if its date cannot be read) of an article; (None, 0, None) for other text."""
    from .content import ContentError, parse_publication_date, split_front_matter

    if not text.startswith("---"):
        return None, 0, None
    try:
        meta, body, _ = split_front_matter(text, Path(name))
    except ContentError as error:
        return None, 0, error.format_message()
    if meta.get("date") is None:
        return None, len(text) - len(body), f"{name}: its front matter has no date"
    try:
        published = parse_publication_date(meta.get("date"), _site_zone(Path(name)))[0]
    except ValueError as error:
        return None, len(text) - len(body), f"{name}: its date cannot be read ({error})"
    return published, len(text) - len(body), None


def _site_zone(path: Path):
    """The time zone of the site a file belongs to (the first folder above it with a
    tlgen.toml), as the build reads its publication date; UTC, the default, otherwise."""
    from zoneinfo import ZoneInfo

    if path.name != "-":
        for folder in list(path.absolute().parents)[:6]:
            if (folder / CONFIG_NAME).is_file():
                try:
                    return load_config(folder).tz
                except TlgenError:
                    break
    return ZoneInfo("UTC")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:  # the machine said no: a read-only disk, a full one, a locked file
        if os.environ.get("TLGEN_DEBUG"):
            raise
        _os_error(exc).show()
        sys.exit(1)
    except Exception as exc:  # a bug; one line unless the user asks for the traceback
        if os.environ.get("TLGEN_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (please report it; "
                   "set TLGEN_DEBUG=1 for details)", err=True)
        sys.exit(3)
    sys.exit(0)
