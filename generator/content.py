"""Discover and parse articles: front matter (YAML between `---` lines) plus a Markdown body.

This is the only stage that reads content files. Each problem becomes a ContentError naming
the file and, where known, the line; the build skips that file and reports it.
"""

from __future__ import annotations

import bisect
import difflib
import datetime as dt
import functools
import html
import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import markdown
import nh3
import yaml
from markdown.treeprocessors import Treeprocessor

from .config import SiteConfig
from .dates import span_from_timeml
from .errors import BuildWarning, ContentError
from .model import Article, AuthoredEvent, Block, DateSpan
from .sentences import split_sentences
from .slug import slugify

EXTENSIONS = (".md", ".markdown", ".txt")
# Documents a newsroom may drop in by mistake: said so, not silently left out (images and
# other assets are no articles and go unmentioned).
DOCUMENTS = (".docx", ".doc", ".odt", ".rtf", ".pdf", ".pages", ".html", ".htm")

ARTICLE_KEYS = {"title", "date", "source", "url", "author", "tags", "summary", "draft", "lang",
                "slug", "events", "extract", "exclude_events"}


@dataclass(frozen=True)
class ContentFile:
    """A discovered article file: where it is and its raw bytes."""

    path: Path            # absolute
    relative: str         # relative to the content folder, "/"-separated
    data: bytes


def discover(content_dir: Path) -> tuple[list[ContentFile], list[BuildWarning]]:
    """All article files under content_dir in a stable order (sorted by path, folder by
    folder), read into memory. Hidden files and folders are left out, and so are symlinked
    folders (not followed) and symlinks that lead outside the folder."""
    files: list[ContentFile] = []
    warnings: list[BuildWarning] = []
    if not content_dir.is_dir():
        return files, warnings
    root = content_dir.resolve()
    found: list[tuple[list[str], str, bool]] = []  # (path parts, relative path, is a symlink)
    unreadable: list[tuple[list[str], str, str]] = []  # (path parts, relative path, why)
    documents: list[tuple[list[str], str]] = []  # files of other formats that look like articles
    # os.scandir rather than Path.rglob: at 10,000 articles, pathlib's own work (parsing,
    # comparing and resolving Path objects) is most of the time a rebuild spends reading.
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(os.path.join(content_dir, folder)) as entries:
                listed = list(entries)
        except OSError as exc:
            unreadable.append((_path_order(folder), folder, exc.strerror or "error"))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, editor swap files)
            relative = folder + "/" + entry.name if folder else entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(relative)
                elif entry.name.lower().endswith(EXTENSIONS) and entry.is_file():
                    # (on Windows a junction is no symlink: every file's real path is checked)
                    found.append((_path_order(relative), relative, entry.is_symlink() or os.name == "nt"))
                elif entry.name.lower().endswith(DOCUMENTS) and entry.is_file():
                    documents.append((_path_order(relative), relative))
            except OSError:
                continue
    warnings.extend(BuildWarning(f"folder cannot be read ({why}); skipped", str(content_dir / folder))
                    for _, folder, why in sorted(unreadable))
    warnings.extend(BuildWarning("is not an article tlgen can read (it reads Markdown: .md, .markdown, .txt); "
                                 "skipped (save it as Markdown with front matter)", str(content_dir / relative))
                    for _, relative in sorted(documents))
    found.sort(key=lambda item: item[0])
    for _, relative, symlink in found:
        path = content_dir / relative
        if symlink and not path.resolve().is_relative_to(root):
            warnings.append(BuildWarning("is a symlink that leads outside the content folder; skipped",
                                         str(path)))
            continue
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except OSError as exc:
            warnings.append(BuildWarning(f"cannot be read ({exc.strerror}); skipped", str(path)))
            continue
        files.append(ContentFile(path, relative, data))
    return files, warnings


def _path_order(relative: str) -> list[str]:
    """Sort key of a "/"-separated path: part by part, as pathlib orders paths (without case
    on Windows)."""
    return [os.path.normcase(part) for part in relative.split("/")]


# --- front matter -----------------------------------------------------------------------------

class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present
    """Safe YAML, except that dates stay text: tlgen reads them itself, so that an impossible
    date (2019-02-30) gets a message naming its key and line, not a YAML-level error."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    """(metadata, body, line number where the body starts). Raises ContentError."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ContentError("has no front matter", path=path, line=1,
                           hint="start the file with a '---' line, then 'title:' and 'date:', then '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise ContentError("front matter is not closed", path=path, line=1,
                           hint="did you forget the closing '---' line after the front matter?")
    yaml_text = "\n".join(lines[1:index])
    try:
        meta = yaml.load(yaml_text, Loader=_FrontMatterLoader)
    except yaml.MarkedYAMLError as exc:
        # The construct the parser was in ("while scanning a quoted scalar") starts where the
        # fault is (an unclosed quote or bracket); the problem is found only further down.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 2 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        raise ContentError(f"front matter is not valid YAML: {problem}", path=path, line=line,
                           hint="quote values that contain ':' or start with a special character") from None
    except (yaml.YAMLError, ValueError) as exc:
        # PyYAML raises ValueError for impossible timestamps such as 2019-02-30.
        raise ContentError(f"front matter cannot be read: {exc}", path=path,
                           hint="check the dates in the front matter") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError("front matter must be a set of 'key: value' lines", path=path, line=2,
                           hint="write one 'key: value' per line, e.g. 'title: ...' and 'date: ...'")
    return meta, "\n".join(lines[index + 1:]), index + 2


def _did_you_mean(key: str, known: set[str]) -> str:
    close = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else " (remove it, or check its spelling)"


def _line_of(key: str, text: str) -> int | None:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def parse_publication_date(value: Any, tz: ZoneInfo) -> tuple[dt.date, dt.datetime | None]:
    """Front matter `date` -> (date in the site time zone, aware datetime if a time was given)."""
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=tz)
        try:
            return moment.astimezone(tz).date(), moment
        except OverflowError:  # 0001-01-01T00:30+05:00 is still year 0 in UTC
            raise ValueError(f"{value!r} falls outside the years 1 to 9999 in the site time zone") from None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            if len(text) <= 10:
                return moment.date(), None
            return parse_publication_date(moment, tz)
        span = natural_date(text)
        if span is not None and span.precision == "day" and span.start == span.end:
            return span.start, None
    raise ValueError(f"{value!r} is not a date")


def natural_date(text: str) -> DateSpan | None:
    """A date written for people ("July 1, 2019", "June 2019"), read by the temporal engine.

    The whole string must be one temporal expression with a fixed calendar value: not one
    read relative to a day ("yesterday", "next Friday", "March 3" without its year), which
    front matter has none to be read against.
    """
    from . import temporal  # the temporal engine is the one home of date reading

    found = temporal.annotate(text, dt.date(2000, 1, 1))
    if len(found) != 1 or found[0].interval is None:
        return None
    other = temporal.annotate(text, dt.date(2011, 7, 15))  # (another day: does the value move?)
    if len(other) != 1 or other[0].interval != found[0].interval:
        return None
    timex = found[0]
    if text[:timex.start].strip() or text[timex.end:].strip(" .,"):
        return None
    start, end = timex.interval
    return DateSpan(start, end, timex.precision, timex.value, timex.mod)


def parse_event_date(value: Any) -> DateSpan | None:
    """An authored event date: a YAML date, a TimeML value ("2019-06", "2019-Q2") or prose."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateSpan(value, value, "day", value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return span_from_timeml(value.strip()) or natural_date(value.strip())


# --- Markdown body ----------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th"}
_NESTED_BLOCKS = _BLOCK_TAGS | {"ul", "ol", "dl", "table", "blockquote", "div", "pre"}
_TAGS = re.compile(r"<[^>]*>")
_SCRIPTS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_START = re.compile(r"<(?:script|style)\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</(?:script|style)\s*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


class _BlockCollector(Treeprocessor):
    """Gives each text block an anchor id (`p1`, `p2` ...), records its plain text and its
    sentences, and marks the start of each sentence with an empty `<span id="p1-s2">` so that
    events can link to the very sentence they come from."""

    def run(self, root: etree.Element) -> None:
        blocks: list[Block] = []
        stash = self.md.htmlStash.rawHtmlBlocks
        parents = {child: parent for parent in root.iter() for child in parent}

        def unstash(index: int) -> str:
            return str(stash[index]) if index < len(stash) else ""

        for element in list(root.iter()):
            if element.tag not in _BLOCK_TAGS:
                continue
            if element.tag == "li" and any(child.tag in _BLOCK_TAGS for child in element):
                continue  # a loose list item: its paragraphs are blocks of their own
            text, where = _plain_text(element, unstash)
            if not text:
                continue
            anchor = element.get("id") or f"p{len(blocks) + 1}"
            element.set("id", anchor)
            sentences = tuple(split_sentences(text))
            for number in range(len(sentences), 0, -1):  # last first: earlier offsets stay valid
                node, attribute, offset = where[sentences[number - 1][0]]
                _insert_marker(node, attribute, offset, f"{anchor}-s{number}", parents)
            blocks.append(Block(anchor, text, sentences))
        self.md.tlgen_blocks = blocks


# Runs: stashed HTML, a backslash-escaped character (Markdown keeps "\\*" as "\x0242\x03" until
# its last step), whitespace, or single-spaced text (copied as is, so offsets map 1:1).
_RUN = re.compile("\x02wzxhzdk:\\d+\x03|\x02\\d{1,7}\x03|\\s+|[^\\s\x02]+(?: [^\\s\x02]+)*|\x02")


def _plain_text(element: etree.Element, unstash) -> tuple[str, "_Origins"]:
    """The block's text with whitespace collapsed, and a map from each of its character
    offsets back to the text node (element, "text" or "tail", offset) it came from.
    unstash(index) gives the raw HTML Markdown set aside; its text counts, except what is
    inside script and style elements."""
    pieces: list[tuple[etree.Element, str]] = []

    def walk(node: etree.Element) -> None:
        if node.text:
            pieces.append((node, "text"))
        for child in node:
            if child.tag not in _NESTED_BLOCKS:  # a nested list is made of blocks of its own
                walk(child)
            if child.tail:
                pieces.append((child, "tail"))

    walk(element)
    chunks: list[str] = []
    origins = _Origins()
    length = 0
    pending_space: tuple | None = None  # collapse runs of space across text nodes
    in_script = False
    for node, attribute in pieces:
        value = getattr(node, attribute)
        for run in _RUN.finditer(value):
            token = run.group()
            stashed = token.startswith("\x02wzxhzdk:")
            if token[:1] == "\x02" and token[1:2].isdigit():
                stashed = True  # (mapped to its start, as stashed HTML is: its length changes)
                try:
                    token = chr(int(token[1:-1]))  # (the escaped character itself)
                except (ValueError, OverflowError):
                    token = ""
                if not token.strip():
                    continue
            elif stashed:
                raw = _SCRIPTS.sub("", unstash(int(token[9:-1])))
                if _SCRIPT_END.search(raw):
                    in_script = False
                    raw = raw[_SCRIPT_END.search(raw).end():]
                if _SCRIPT_START.search(raw):
                    in_script = True
                token = _SPACE.sub(" ", html.unescape(_TAGS.sub("", raw)))
                if not token.strip():
                    continue
            if in_script:
                continue
            if token[0].isspace():
                if length and pending_space is None:
                    pending_space = (node, attribute, run.start())
                continue
            if pending_space is not None:
                origins.add(length, pending_space, exact=False)
                chunks.append(" ")
                length += 1
                pending_space = None
            origins.add(length, (node, attribute, run.start()), exact=not stashed)
            chunks.append(token)
            length += len(token)
    return "".join(chunks), origins


class _Origins:
    """Sorted (text offset, origin) runs; a lookup maps an offset inside a run back to the
    raw offset in its text node. Stashed HTML maps to its start as a whole."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[tuple] = []
        self.exact: list[bool] = []

    def add(self, offset: int, origin: tuple, exact: bool) -> None:
        self.starts.append(offset)
        self.origins.append(origin)
        self.exact.append(exact)

    def __getitem__(self, offset: int) -> tuple:
        index = bisect.bisect_right(self.starts, offset) - 1
        node, attribute, raw = self.origins[index]
        if self.exact[index]:
            raw += offset - self.starts[index]
        return node, attribute, raw


def _insert_marker(node: etree.Element, attribute: str, offset: int, marker_id: str,
                   parents: dict) -> None:
    marker = etree.Element("span", {"class": "sentence", "id": marker_id})
    value = getattr(node, attribute)
    marker.tail = value[offset:] or None
    setattr(node, attribute, value[:offset] or None)
    if attribute == "text":
        node.insert(0, marker)
        parents[marker] = node
    else:
        parent = parents[node]
        parent.insert(list(parent).index(node) + 1, marker)
        parents[marker] = parent


class _BlockExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the inline processor (priority 20), so the text is final.
        md.treeprocessors.register(_BlockCollector(md), "tlgen_blocks", 5)


# Raw HTML in articles goes through nh3 (a well-kept Rust sanitizer): its default safe tags,
# plus the id and class attributes tlgen's anchors need; links only to http(s), mailto and
# relative URLs.
_ALLOWED_ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
_ALLOWED_ATTRIBUTES["*"] = {"id", "class", "title", "lang", "dir"}
_URL_SCHEMES = {"http", "https", "mailto"}
MAX_NESTING = 100  # deeper Markdown (quotes in quotes in quotes ...) is refused, not crashed on


def sanitize_html(html_text: str) -> str:
    return nh3.clean(html_text, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES)


def _defuse_brackets(body: str) -> str:
    """A paragraph with thousands of brackets is passed through as escaped text in one raw
    HTML block (Markdown would take minutes over it); it then dates no events."""
    if body.count("[") <= MAX_BRACKETS:
        return body
    paragraphs = body.split("\n\n")
    return "\n\n".join(f"<p>{html.escape(p)}</p>" if p.count("[") > MAX_BRACKETS else p
                         for p in paragraphs)


@functools.lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter per process, reset before each article: setting one up costs about
    as much as converting a short article."""
    return markdown.Markdown(extensions=["extra", "sane_lists", _BlockExtension()], output_format="html")


def render_markdown(body: str, sanitize: bool = True) -> tuple[str, tuple[Block, ...]]:
    """The body's HTML (sentence markers and block anchors in, see _BlockCollector) and its
    text blocks."""
    plain = _plain_paragraphs(body)
    if plain is not None:  # (no raw HTML in it: nothing to sanitize)
        return _plain_html(plain)
    md = _markdown()
    md.reset()  # footnotes, abbreviations, references: nothing carries over between articles
    md.tlgen_blocks = ()
    body_html = md.convert(_defuse_brackets(body))
    if sanitize:
        body_html = sanitize_html(body_html)
    return body_html, tuple(getattr(md, "tlgen_blocks", ()))


# Plain prose: paragraphs of text and nothing Markdown would read as markup. Most news
# articles are just that, and for them Python-Markdown's output is known in advance; making
# it directly is several times quicker, and the bytes are the same (tests/test_properties.py compares
# the two on generated text). Not plain: any character that starts an inline pattern
# (emphasis, code, links, HTML) or an extension's syntax (attribute lists, abbreviations),
# an entity ("&amp;"), a backslash that could escape something (one before a letter, a digit
# or "/" is only itself: "A\/H1N1"), whitespace other than single spaces and line breaks (a
# hard break, an indented code block, a blank line of spaces), and a line opening a list, a
# quote, a heading, a rule, a definition or a table row. A bare "&" ("AT&T") and a "|"
# inside a line are text, and so is a paragraph's only backtick (code needs two).
_MARKUP = re.compile(r"[*_\[\]<>{}~^]|\\(?![A-Za-z0-9/])|&(?:#|[a-zA-Z0-9]+;)")  # ("&#169" is one too)
_MARKUP_LINE = re.compile(r"\n(?:[-+=:#|]|\d+[.)])")  # (searched in "\n" + text: quicker than ^)
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _plain_paragraphs(body: str) -> list[str] | None:
    """The paragraphs of a body of plain prose, or None."""
    text = body.strip("\n")
    if (not text or text[0] == " " or text[-1] == " " or "  " in text or " \n" in text or "\n " in text
            or not text.replace("\n", "").isprintable()  # (any other space or control character)
            or _MARKUP.search(text) or _MARKUP_LINE.search("\n" + text)):
        return None
    paragraphs = _PARAGRAPH_BREAK.split(text)
    if "`" in text and any(paragraph.count("`") > 1 for paragraph in paragraphs):
        return None
    return paragraphs


def _plain_html(paragraphs: list[str]) -> tuple[str, tuple[Block, ...]]:
    """What render_markdown makes of plain paragraphs, as _BlockCollector would: each a <p>
    with its anchor, a marker before each sentence. A paragraph's text is its source with
    line breaks as spaces, so offsets in the one are offsets in the other."""
    parts, blocks = [], []
    for number, raw in enumerate(paragraphs, 1):
        text = raw.replace("\n", " ")
        sentences = tuple(split_sentences(text))
        anchor = f"p{number}"
        pieces, at = [f'<p id="{anchor}">'], 0
        for index, (start, _) in enumerate(sentences, 1):
            pieces.append(raw[at:start].replace("&", "&amp;"))  # (a bare "&": no entity is plain)
            pieces.append(f'<span class="sentence" id="{anchor}-s{index}"></span>')
            at = start
        pieces.append(raw[at:].replace("&", "&amp;") + "</p>")
        parts.append("".join(pieces))
        blocks.append(Block(anchor, text, sentences))
    return "\n".join(parts), tuple(blocks)


_NESTING = re.compile(r"^[ \t]*(?:[>*+-][ \t]*|\d{1,9}[.)][ \t]+){%d}" % MAX_NESTING, re.MULTILINE)
# Nesting by indentation: a list or quote marker behind this much indentation is ~50 levels deep.
_DEEP_INDENT = re.compile(r"^(?:[ ]|\t){200}[ \t]*(?:[>*+-]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
# Python-Markdown's link and emphasis patterns rescan a paragraph at every opening bracket:
# an absurd number of them in one paragraph is made literal text instead.
MAX_BRACKETS = 1000


def _check_nesting(body: str, path: Path, body_line: int) -> None:
    """Python-Markdown recurses once per level of quotes and lists: refuse absurd depths
    before it runs out of stack."""
    match = _NESTING.search(body) or _DEEP_INDENT.search(body)
    if match:
        line = body_line + body.count("\n", 0, match.start())
        raise ContentError(f"nests quotes or lists more than {MAX_NESTING} levels deep", path=path,
                           line=line, hint="flatten that part of the article")


# --- articles ---------------------------------------------------------------------------------

def _string(meta: dict, key: str, path: Path, text: str, required: bool = False) -> str:
    value = meta.get(key)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if required and key in meta:
            raise ContentError(f"'{key}' is empty", path=path, line=_line_of(key, text),
                               hint=f"write the {key} after '{key}:'")
        if required:
            raise ContentError(f"front matter has no '{key}'", path=path,
                               hint=f"add a line '{key}: ...' to the front matter")
        return ""
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ContentError(f"'{key}' must be text, not a {type(value).__name__}", path=path,
                           line=_line_of(key, text), hint=f"write '{key}: some text'")
    return value


def _string_list(meta: dict, key: str, path: Path, text: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ContentError(f"'{key}' must be a list of words", path=path, line=_line_of(key, text),
                           hint=f"write '{key}: [one, two]'")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


_SAFE_URL = re.compile(r"^(?:https?://|mailto:|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def _checked_url(url: str, path: Path, line: int | None) -> tuple[str, BuildWarning | None]:
    """Keep http(s), mailto and relative URLs; anything else (javascript:, data: ...) is dropped."""
    if not url or (_SAFE_URL.match(url) and not any(c in url for c in "\x00\n\r<>\"")):
        return url, None
    return "", BuildWarning(f"'url' {url[:60]!r} is not an http(s), mailto or relative address; ignored",
                            str(path), line)


def _bool(meta: dict, key: str, default: bool, path: Path, text: str) -> bool:
    value = meta.get(key, default)
    if not isinstance(value, bool):
        raise ContentError(f"'{key}' must be true or false", path=path, line=_line_of(key, text),
                           hint=f"write '{key}: true' or '{key}: false', without quotes")
    return value


EVENT_KEYS = {"date", "end", "title", "summary", "tags", "id"}


def _authored_events(meta: dict, path: Path, text: str,
                     warnings: list[BuildWarning]) -> tuple[AuthoredEvent, ...]:
    """The front matter's 'events'. Every event that cannot be read is named, each at its own
    line, in one error (the article is then skipped); unknown keys of an event are warnings."""
    raw = meta.get("events")
    if raw is None:
        return ()
    line = _line_of("events", text)
    if not isinstance(raw, list):
        raise ContentError("'events' must be a list of events", path=path, line=line,
                           hint="write each event as '- date: 2019-06-29' with 'title:' below it")
    lines = _item_lines(text, line, len(raw))
    events, faults = [], []
    for number, item in enumerate(raw, start=1):
        at = lines[number - 1] or line
        try:
            events.append(_authored_event(item, number, path, text))
        except ContentError as error:
            faults.append((at, error))
            continue
        for key in sorted(map(str, item)):
            if key not in EVENT_KEYS:
                warnings.append(BuildWarning(f"unknown key '{key}' of event {number} in 'events' is ignored"
                                             f"{_did_you_mean(key, EVENT_KEYS)}", str(path), at))
    if len(faults) == 1:
        at, error = faults[0]
        raise ContentError(error.bare_message, path=path, line=at, hint=error.hint)
    if faults:
        listed = "; ".join(f"{error.bare_message} (line {at})" if at else error.bare_message
                           for at, error in faults)
        raise ContentError(f"{len(faults)} events in 'events' cannot be read: {listed}", path=path,
                           line=faults[0][0], hint="give each event a 'date:' and a 'title:'")
    return tuple(events)


def _item_lines(text: str, key_line: int | None, count: int) -> list[int | None]:
    """The line of each item ('- ...') of the front matter list whose key is on key_line."""
    found: list[int | None] = []
    if key_line is not None:
        lines = text.split("\n")
        indent = None
        for number in range(key_line + 1, len(lines) + 1):
            line = lines[number - 1]
            stripped = line.lstrip()
            if stripped in ("---", "...") and not line[:1].isspace():
                break
            if not stripped or stripped.startswith("#"):
                continue
            depth = len(line) - len(stripped)
            if stripped.startswith("- ") or stripped == "-":
                if indent is None:
                    indent = depth
                if depth == indent:
                    found.append(number)
            elif depth == 0:
                break  # the next key of the front matter
    return (found + [None] * count)[:count]


_EVENT_DATE_HINT = "use 2019-06-29, 2019-06, 2019 or 'June 29, 2019'"


def _authored_event(item, number: int, path: Path, text: str) -> AuthoredEvent:
    where = f"event {number} in 'events'"
    if not isinstance(item, dict):
        raise ContentError(f"{where} must be a set of 'key: value' lines", path=path,
                           hint="write '- date: 2019-06-29' and, indented below it, 'title: ...'")
    if item.get("date") in (None, ""):
        raise ContentError(f"{where} has no 'date'", path=path,
                           hint=_EVENT_DATE_HINT)
    span = parse_event_date(item.get("date"))
    if span is None:
        raise ContentError(f"{where} has no readable 'date' ({item.get('date')!r})", path=path,
                           hint=_EVENT_DATE_HINT)
    if item.get("end") is not None:
        end = parse_event_date(item["end"])
        if end is None or end.end < span.start:
            raise ContentError(f"{where} has an 'end' that is not a date after its start",
                               path=path, hint="give 'end' as the event's last day")
        span = DateSpan(span.start, end.end, span.precision, span.value)
    title = item.get("title")
    if isinstance(title, (int, float)) and not isinstance(title, bool):
        title = str(title)
    if title is not None and not isinstance(title, str):
        raise ContentError(f"{where}: 'title' must be text, not a {type(title).__name__}",
                           path=path, hint="write 'title: some text'")
    if not title or not title.strip():
        raise ContentError(f"{where} has no 'title'", path=path,
                           hint="add 'title: ...' under the event's 'date:'")
    summary = item.get("summary") or ""
    if not isinstance(summary, str):
        raise ContentError(f"{where}: 'summary' must be text", path=path)
    tags = _string_list(item, "tags", path, text)
    event_id = item.get("id")
    if event_id is not None and not isinstance(event_id, (str, int)):
        raise ContentError(f"{where}: 'id' must be a word, not a {type(event_id).__name__}",
                           path=path, hint="write 'id: osaka-meeting'")
    if event_id is not None:
        event_id = slugify(str(event_id), max_length=80)
    return AuthoredEvent(span, title.strip(), summary.strip(), tags, event_id)


def parse_article(file: ContentFile, config: SiteConfig) -> tuple[Article, list[BuildWarning]]:
    """One content file -> Article (body rendered, blocks anchored). Raises ContentError."""
    path = file.path
    if b"\x00" in file.data:
        raise ContentError("is a binary file, not text", path=path,
                           hint="only Markdown or text articles belong in the content folder")
    try:
        text = file.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = file.data.count(b"\n", 0, exc.start) + 1
        raise ContentError(f"is not UTF-8 text (byte 0x{file.data[exc.start]:02x})", path=path,
                           line=line, hint="save the file as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ContentError("is empty", path=path, hint="add front matter with 'title' and 'date'")
    meta, body, body_line = split_front_matter(text, path)
    warnings = [BuildWarning(f"unknown front matter key '{key}' is ignored{_did_you_mean(key, ARTICLE_KEYS)}",
                             str(path), _line_of(str(key), text))
                for key in sorted(map(str, meta)) if key not in ARTICLE_KEYS]

    title = _string(meta, "title", path, text, required=True)
    if "date" not in meta or meta["date"] in (None, ""):
        raise ContentError("front matter has no 'date'", path=path,
                           hint="add the publication date, e.g. 'date: 2019-07-01'")
    try:
        published, published_at = parse_publication_date(meta["date"], config.tz)
    except ValueError:
        raise ContentError(f"'date' {meta['date']!r} is not a date", path=path, line=_line_of("date", text),
                           hint="write it as 2019-07-01, 2019-07-01T09:30:00-04:00 or 'July 1, 2019'") from None

    slug_source = _string(meta, "slug", path, text) or Path(file.relative).with_suffix("").as_posix()
    slug = slugify(slug_source.replace("/", "-"), max_length=100)
    _check_nesting(body, path, body_line)
    try:
        body_html, blocks = render_markdown(body, sanitize=config.sanitize_html)
    except RecursionError:
        raise ContentError("has Markdown nested too deeply to render", path=path,
                           hint="flatten deeply nested quotes, lists or emphasis") from None
    url, url_warning = _checked_url(_string(meta, "url", path, text), path, _line_of("url", text))
    if url_warning:
        warnings.append(url_warning)
    article = Article(
        source_path=file.relative,
        slug=slug,
        title=title,
        published=published,
        published_at=published_at,
        body_html=body_html,
        blocks=blocks,
        source=_string(meta, "source", path, text),
        url=url,
        author=_string(meta, "author", path, text),
        tags=_string_list(meta, "tags", path, text),
        summary=_string(meta, "summary", path, text),
        draft=_bool(meta, "draft", False, path, text),
        lang=_string(meta, "lang", path, text),
        extract=_bool(meta, "extract", True, path, text),
        exclude_events=_string_list(meta, "exclude_events", path, text),
        authored_events=_authored_events(meta, path, text, warnings),
    )
    return article, warnings
