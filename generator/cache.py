"""The per-article cache: parse + extract results kept in SQLite under `.tlgen-cache/`.

An entry's key is a hash of the article's path and bytes plus a fingerprint of everything
else its result depends on: the config values that parse and extract read, the versions of
tlgen and dateparser, and the tlgen source itself (so a development checkout never serves
results from older code). No mtimes: CI checkouts reset them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import types
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .config import SiteConfig
from .errors import TlgenError

if TYPE_CHECKING:
    from .model import Article

CACHE_DIR = ".tlgen-cache"
CACHE_FILE = "articles.sqlite3"
PAGE_SIZE = 16384  # bytes, for a new cache file
# The cache is compacted when deleted rows take this much room, and a fifth of the file or
# more (at 10,000 articles: 3.9 s for an 810 MB file, 331 MB of it free, down to 365 MB; a
# cache of an older tlgen, read again by this one, was left with 26 % of its file free)
COMPACT_MIN_BYTES = 32 * 1024 * 1024
COMPACT_SHARE = 5


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in ("dateparser", "markdown", "PyYAML"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    digest.update(f"python={sys.version_info[0]}.{sys.version_info[1]}".encode())
    return digest.hexdigest()


def config_fingerprint(config: SiteConfig) -> str:
    relevant = (config.timezone, config.extract, config.min_confidence, config.content_dir,
                config.sanitize_html)
    return hashlib.sha256(repr(relevant).encode() + code_fingerprint().encode()).hexdigest()


def entry_key(fingerprint: str, relative: str, data: bytes) -> bytes:
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(b"\0" + relative.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.digest()


class ArticleCache:
    """get/put pickled results by key; `retain` drops entries a build no longer uses."""

    def __init__(self, root: Path | None) -> None:
        """root None: a cache that holds nothing and writes nothing (tlgen check)."""
        self.connection: sqlite3.Connection | None = None
        if root is None:
            return
        folder = root / CACHE_DIR
        try:
            folder.mkdir(exist_ok=True)
            if not (folder / ".gitignore").exists():
                (folder / ".gitignore").write_text("*\n")  # never committed by accident
            self.connection = sqlite3.connect(folder / CACHE_FILE, timeout=30)
            # (a new cache: pages that hold several results or texts of a few KB each, where
            # 4 KB pages hold one and waste the rest; an existing cache keeps its pages)
            self.connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            self.connection.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, data BLOB)")
            self.connection.execute("CREATE TABLE IF NOT EXISTS builds (key TEXT PRIMARY KEY, data BLOB)")
            self.connection.execute("CREATE TABLE IF NOT EXISTS bodies (key BLOB PRIMARY KEY, html TEXT)")
            self.connection.execute("CREATE TABLE IF NOT EXISTS merges (key BLOB PRIMARY KEY, data BLOB)")
            # (texts of a few KB: a table of rows, looked up by an index, not a WITHOUT ROWID
            # table, whose rows would live in the index itself and spill out of its pages;
            # one kept that way before goes, with its texts, which the next build makes again)
            kept = self.connection.execute("SELECT sql FROM sqlite_master WHERE name = 'texts'").fetchone()
            if kept and "WITHOUT ROWID" in kept[0].upper():
                self.connection.execute("DROP TABLE texts")
            self.connection.execute("CREATE TABLE IF NOT EXISTS texts (family TEXT, digest TEXT, kind TEXT, "
                                    "text TEXT, PRIMARY KEY (family, digest, kind))")
            # (where the texts were kept before: one scan per family)
            self.connection.execute("DROP TABLE IF EXISTS items")
        except (OSError, sqlite3.Error):
            self.connection = None  # a read-only or broken cache only costs speed

    def get_many(self, keys: list[bytes], table: str = "entries") -> dict[bytes, object]:
        """The unpickled values kept under keys in table ("entries" or "merges"); an entry
        that cannot be read is left out (it is recomputed)."""
        found: dict[bytes, object] = {}
        if self.connection is None:
            return found
        try:
            for key, data in self._rows_for(f"SELECT key, data FROM {table} WHERE key IN ({{}})", keys):
                try:
                    found[key] = pickle.loads(data)
                except Exception:  # an entry from an incompatible build: recompute it
                    continue
        except sqlite3.Error:
            return {}
        return found

    def _rows_for(self, query: str, keys: list[bytes]):
        """The rows of query ("... IN ({})") for keys, asked 500 keys at a time (SQLite
        bounds the number of parameters). Raises sqlite3.Error."""
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            yield from self.connection.execute(query.format(",".join("?" * len(chunk))), chunk)

    def put_many(self, items: dict[bytes, object], table: str = "entries") -> None:
        if self.connection is None or not items:
            return
        try:
            with self.connection:
                self.connection.executemany(
                    f"INSERT OR REPLACE INTO {table} (key, data) VALUES (?, ?)",
                    [(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in items.items()])
        except sqlite3.Error:
            pass

    def retain(self, keys: set[bytes]) -> None:
        """Forget entries not used by this build (deleted or edited articles)."""
        self.keep_only(("entries", "bodies"), keys)

    def keep_only(self, tables: tuple[str, ...], keys, key_of: str = "key") -> None:
        """Delete the rows of tables whose key_of (an SQL expression of the row) is not
        among keys."""
        if self.connection is None:
            return
        try:
            with self.connection:
                self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key PRIMARY KEY)")
                self.connection.execute("DELETE FROM keep")
                self.connection.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(k,) for k in keys])
                for table in tables:
                    self.connection.execute(f"DELETE FROM {table} WHERE {key_of} NOT IN (SELECT key FROM keep)")
        except sqlite3.Error:
            pass

    def put_bodies(self, bodies: dict[bytes, str], entries: dict[bytes, bytes] | None = None) -> bool:
        """Keep article bodies (HTML) by entry key, and the entries (pickled already) they
        belong to in the same transaction; False when they could not be kept."""
        if self.connection is None:
            return False
        try:
            with self.connection:
                self.connection.executemany("INSERT OR REPLACE INTO bodies (key, html) VALUES (?, ?)",
                                            list(bodies.items()))
                if entries:
                    self.connection.executemany("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)",
                                                list(entries.items()))
            return True
        except sqlite3.Error:
            return False

    def has_bodies(self, keys: list[bytes]) -> set[bytes]:
        found: set[bytes] = set()
        if self.connection is None:
            return found
        try:
            found.update(key for (key,) in self._rows_for("SELECT key FROM bodies WHERE key IN ({})", keys))
        except sqlite3.Error:
            return set()
        return found

    def body(self, key: bytes) -> str | None:
        if self.connection is None:
            return None
        try:
            row = self.connection.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def get_build(self, key: str) -> object | None:
        """The summary kept by put_build for this build key, if it is the last one kept."""
        if self.connection is None:
            return None
        try:
            row = self.connection.execute("SELECT data FROM builds WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None
        except Exception:  # a broken or incompatible entry only costs a full build
            return None

    def put_build(self, key: str, summary: object) -> None:
        """Remember the summary (counts, warnings) of the site last built, under its build key."""
        if self.connection is None:
            return
        try:
            with self.connection:
                self.connection.execute("DELETE FROM builds")
                self.connection.execute("INSERT INTO builds (key, data) VALUES (?, ?)",
                                        (key, pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)))
        except sqlite3.Error:
            pass

    def compact(self) -> bool:
        """Give the room of deleted rows back to the disk when it is a large part of the file
        (VACUUM, which also moves an older cache to PAGE_SIZE pages): after tlgen or the
        config changed, every result was written anew and the old ones deleted, and the
        file would stay twice the size of what it holds. Whether it was compacted."""
        if self.connection is None:
            return False
        try:
            free = self.connection.execute("PRAGMA freelist_count").fetchone()[0]
            pages = self.connection.execute("PRAGMA page_count").fetchone()[0]
            size = self.connection.execute("PRAGMA page_size").fetchone()[0]
            if free * size < COMPACT_MIN_BYTES or free * COMPACT_SHARE < pages:
                return False
            self.connection.execute("VACUUM")
            return True
        except sqlite3.Error:  # (no room on the disk for the copy, say: it only costs room)
            return False

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class ArticleBodies:
    """body_key -> article body, from the cache of the site (for render)."""

    def __init__(self, cache: ArticleCache) -> None:
        self.cache = cache

    def __call__(self, article: "Article") -> str:
        if not article.body_key:
            return article.body_html
        body = self.cache.body(bytes.fromhex(article.body_key))
        if body is None:
            raise TlgenError("the build cache changed during the build; build again")
        return body


class MergeMemo:
    """The merge's groups of each zone, kept between builds (see timeline.merge): get() the
    ones known for these zone digests, put() the new ones, keeping only the zones of this
    build. Keys carry tlgen's code fingerprint, so other code never reuses a grouping."""

    def __init__(self, cache: ArticleCache) -> None:
        self.cache = cache

    @staticmethod
    def _key(digest: bytes) -> bytes:
        return hashlib.sha256(code_fingerprint().encode() + digest).digest()

    def get(self, digests: list[bytes]) -> dict[bytes, object]:
        keys = {self._key(digest): digest for digest in digests}
        return {keys[key]: groups for key, groups in self.cache.get_many(list(keys), "merges").items()}

    def put(self, made: dict[bytes, object], keep: list[bytes]) -> None:
        self.cache.put_many({self._key(digest): groups for digest, groups in made.items()}, "merges")
        self.cache.keep_only(("merges",), [self._key(digest) for digest in keep])


class ItemStore:
    """Text made for one event, kept between builds: rendered list items (_event.html) and
    each export's lines for it. A rebuild that adds one article re-renders the lists it
    changes (a tag's year, say) and every export, and most of their events are the same as
    last time. A text is kept under its family ("item", "json", "ics" ...: each is loaded
    whole, on its own), the digest of theme and event render gives it, and its kind within
    the family; save() keeps the texts of this build's events only."""

    def __init__(self, cache: ArticleCache) -> None:
        self.cache = cache

    def load(self, family: str) -> dict[str, str]:
        """The stored texts of a family, keyed "<digest>-<kind>"."""
        if self.cache.connection is None:
            return {}
        try:
            return dict(self.cache.connection.execute(
                "SELECT digest || '-' || kind, text FROM texts WHERE family = ?", (family,)))
        except sqlite3.Error:
            return {}

    def add(self, family: str, new: dict[str, str]) -> None:
        """Keep the texts of new ("<digest>-<kind>" -> text) in family."""
        if self.cache.connection is None or not new:
            return
        # (in the order of the key, so that a family's rows lie together, in the order that
        # load() reads them: reading them scattered took three times as long)
        rows = sorted((family, *key.split("-", 1), text) for key, text in new.items())
        try:
            with self.cache.connection:
                self.cache.connection.executemany(
                    "INSERT OR REPLACE INTO texts (family, digest, kind, text) VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def save(self, family: str, new: dict[str, str], events: set[str]) -> None:
        """Add the new texts; keep only those of events (their digests), in every family."""
        self.add(family, new)
        self.cache.keep_only(("texts",), events, key_of="digest")


class TemplateCode(jinja2.BytecodeCache):
    """The theme's templates compiled, kept between builds in .tlgen-cache/templates/ (Jinja
    checks each against its template's text). Files carry tlgen's code fingerprint, which
    covers the environment's settings, and those of other versions are removed. A cache that
    cannot be read or written only costs the compilation."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "templates"
        self.prefix = code_fingerprint()[:16] + "-"
        try:
            self.folder.mkdir(exist_ok=True)
            for name in os.listdir(self.folder):
                if not name.startswith(self.prefix) or name.endswith(".tmp"):  # (another version's, or
                    (self.folder / name).unlink(missing_ok=True)                #  left by a killed build)
        except OSError:
            pass

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{self.prefix}{bucket.key}"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._path(bucket), "rb") as kept:
                bucket.load_bytecode(kept)
            if bucket.code is not None and not isinstance(bucket.code, types.CodeType):
                bucket.reset()  # (a damaged file that still unmarshals)
        except Exception:  # missing, unreadable or from an incompatible Python: compile it
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._path(bucket)
        temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as out:
                bucket.write_bytecode(out)
            os.replace(temporary, path)
        except OSError:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
