"""Editor tools: write the events tlgen extracted from an article into its front matter.

`tlgen extract FILE --write` adds an `events:` list (with each event's id, so permalinks stay)
and `extract: false` (so the list, now the editor's, is the only source of that article's
events). Every other byte of the file is kept; the new file replaces the old atomically.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from .dates import format_span, span_from_timeml
from .errors import ContentError
from .model import Mention

_EXTRACT_LINE = re.compile(r"^extract\s*:.*$", re.MULTILINE)


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def events_yaml(mentions: tuple[Mention, ...], newline: str = "\n") -> str:
    lines = ["events:"]
    for mention in mentions:
        span = mention.span
        lines.append(f"  - id: {mention.key}")
        exact = span_from_timeml(span.value, span.mod)
        if span.mod and exact is not None and (exact.start, exact.end) == (span.start, span.end):
            lines.append(f"    date: {_yaml_string(format_span(span))}")  # "mid-May 2019"
        elif exact is not None and (exact.start, exact.end) == (span.start, span.end):
            day = span.precision == "day"  # a plain ISO day reads best unquoted
            lines.append(f"    date: {span.value if day else _yaml_string(span.value)}")
        else:
            lines.append(f"    date: {span.start.isoformat()}")
            lines.append(f"    end: {span.end.isoformat()}")
        lines.append(f"    title: {_yaml_string(mention.title)}")
        lines.append(f"    summary: {_yaml_string(mention.summary)}")
    return newline.join(lines) + newline


def write_events(path: Path, mentions: tuple[Mention, ...]) -> None:
    """Insert `events:` and `extract: false` into path's front matter, atomically."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if not lines or lines[0].rstrip() != "---" or closing is None:
        raise ContentError("has no front matter to write into", path=path, line=1)
    front = newline.join(lines[1:closing])
    if re.search(r"^events\s*:", front, re.MULTILINE):
        raise ContentError("already has an 'events:' list; nothing was written", path=path,
                           hint="edit that list, or delete it to let tlgen extract again")
    if not mentions:
        raise ContentError("has no extracted events to write; nothing was written", path=path)
    if _EXTRACT_LINE.search(front):
        front = _EXTRACT_LINE.sub("extract: false", front, count=1)
        addition = events_yaml(mentions, newline)
    else:
        addition = events_yaml(mentions, newline) + "extract: false" + newline
    head = "---" + newline + (front + newline if front else "")
    rest = newline.join(lines[closing:])
    new_text = head + addition + rest
    _atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode & 0o777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
