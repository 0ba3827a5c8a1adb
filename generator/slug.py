"""Slugs: lowercase ASCII words joined by hyphens, safe as a single path segment."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


# Names Windows refuses for files and folders: a site must check out everywhere.
_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)}
                      | {f"lpt{i}" for i in range(10)})


@functools.lru_cache(maxsize=8192)  # tags are slugged on every page that lists them
def slugify(text: str, max_length: int = 60) -> str:
    """"Trump & Xi meet in Ōsaka!" -> "trump-xi-meet-in-osaka". Never empty, never a path.

    Text with nothing to transliterate ("日本") gets a short hash of itself, so two such
    names never share a slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    slug = slug.strip("-")
    if not slug:
        stripped = text.strip()
        if not stripped:
            return "untitled"
        digest = hashlib.sha1(stripped.encode("utf-8", "surrogatepass")).hexdigest()
        return ("u-" + digest[:10])[:max(max_length, 1)].strip("-") or digest[0]
    if slug in _RESERVED:
        slug = slug + "-0" if len(slug) + 2 <= max_length else "x" + slug[:max(max_length - 1, 1)]
    return slug
