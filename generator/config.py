"""Site configuration: `tlgen.toml` at the site root, validated key by key.

Every option is declared once in OPTIONS with its type and default. Loading collects all
problems and reports them together, each naming the key and the file; unknown keys only warn.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .errors import BuildWarning, ConfigError

CONFIG_NAME = "tlgen.toml"
_HOSTNAME = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    title: str = "Timeline"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    timezone: str = "UTC"
    author: str = ""
    content_dir: str = "content"
    templates_dir: str = "templates"
    output_dir: str = "site"
    extract: bool = True
    min_confidence: float = 0.5
    sanitize_html: bool = True
    cname: str = ""           # custom domain: written to site/CNAME for GitHub Pages
    key_events: int = 0       # how many top-scored events the index shows first; 0 = automatic
    warnings: tuple[BuildWarning, ...] = field(default=(), compare=False)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The URL path the site is served under: "/" or "/project/"."""
        return base_path_of(self.base_url)

    @property
    def site_url(self) -> str:
        """Absolute site URL with trailing slash when base_url is absolute, else ""."""
        if "://" in self.base_url:
            return self.base_url.rstrip("/") + "/"
        return ""

    def with_overrides(self, **changes: Any) -> "SiteConfig":
        changes = {k: v for k, v in changes.items() if v is not None}
        if "base_url" in changes:
            _check_base_url(changes["base_url"], "--base-url")
        return replace(self, **changes)


def base_path_of(base_url: str) -> str:
    path = base_url
    if "://" in base_url:
        after_scheme = base_url.split("://", 1)[1]
        path = "/" + after_scheme.split("/", 1)[1] if "/" in after_scheme else "/"
    path = "/" + path.strip("/") + "/"
    return "/" if path == "//" else path


def _check_base_url(value: str, where: str) -> None:
    if not (value.startswith("/") or value.startswith("http://") or value.startswith("https://")):
        raise ConfigError(f"base_url {value!r} must start with '/', 'http://' or 'https://'",
                          path=where, hint="for a GitHub Pages project site use https://USER.github.io/REPO/")


# key -> (expected type(s), human type name, section). Section None = top level.
OPTIONS: dict[tuple[str | None, str], tuple[tuple[type, ...], str]] = {
    (None, "title"): ((str,), "a string"),
    (None, "description"): ((str,), "a string"),
    (None, "base_url"): ((str,), "a string"),
    (None, "language"): ((str,), "a string"),
    (None, "timezone"): ((str,), "a string"),
    (None, "author"): ((str,), "a string"),
    (None, "content_dir"): ((str,), "a string"),
    (None, "templates_dir"): ((str,), "a string"),
    (None, "output_dir"): ((str,), "a string"),
    (None, "sanitize_html"): ((bool,), "true or false"),
    (None, "cname"): ((str,), "a domain name such as 'timeline.example.com'"),
    (None, "key_events"): ((int,), "a whole number (0 = automatic)"),
    ("extract", "enabled"): ((bool,), "true or false"),
    ("extract", "min_confidence"): ((int, float), "a number between 0 and 1"),
}
_FIELD_FOR = {("extract", "enabled"): "extract", ("extract", "min_confidence"): "min_confidence"}


# A BCP 47 language tag, as <html lang> takes it: "en", "en-GB", "zh-Hant-TW", "es-419".
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def load_config(root: Path) -> SiteConfig:
    """Read `root/tlgen.toml` (if any) into a SiteConfig, or raise ConfigError naming the key."""
    root = root.resolve()
    if not root.is_dir():
        raise ConfigError(f"there is no site folder {root}", hint="check --source, or run 'tlgen init DIR' "
                          "for a new site")
    path = root / CONFIG_NAME
    if not path.exists():
        return SiteConfig(root=root)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", path=path, hint="save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 only gives the position inside the message: "... (at line 2, column 12)".
        position = re.search(r"\(at line (\d+)", str(exc))
        line = int(position.group(1)) if position else None
        message = str(exc).split(" (at ")[0]
        raise ConfigError(f"invalid TOML: {message}", path=path, line=line,
                          hint="check quotes and brackets on that line") from None
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror}", path=path) from None

    values: dict[str, Any] = {}
    problems: list[str] = []
    warnings: list[BuildWarning] = []

    def take(section: str | None, table: dict[str, Any]) -> None:
        for key, value in table.items():
            spec = OPTIONS.get((section, key))
            dotted = f"{section}.{key}" if section else key
            if spec is None:
                if section is None and any(s == key for s, _ in OPTIONS):
                    if isinstance(value, dict):
                        take(key, value)
                    else:
                        problems.append(f"'{key}' must be a table: write [{key}] on a line of its own, "
                                        "then its keys below it")
                    continue
                warnings.append(BuildWarning(f"unknown key '{dotted}' is ignored", str(path)))
                continue
            types, type_name = spec
            if isinstance(value, bool) and bool not in types:
                problems.append(f"'{dotted}' must be {type_name}, not {value!r}")
                continue
            if not isinstance(value, types):
                problems.append(f"'{dotted}' must be {type_name}, not {type(value).__name__} {value!r}")
                continue
            values[_FIELD_FOR.get((section, key), key)] = value

    take(None, data)

    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"'timezone' {values['timezone']!r} is not a known time zone "
                            "(use an IANA name such as 'America/New_York' or 'UTC')")
    if "base_url" in values:
        try:
            _check_base_url(values["base_url"], str(path))
        except ConfigError as exc:
            problems.append(exc.bare_message)
    if "min_confidence" in values and not 0 <= values["min_confidence"] <= 1:
        problems.append("'extract.min_confidence' must be between 0 and 1")
    for key in ("content_dir", "templates_dir", "output_dir"):
        if key in values and (not values[key].strip() or Path(values[key]).is_absolute()
                              or ".." in Path(values[key]).parts):
            problems.append(f"'{key}' must be a folder inside the site root, not {values[key]!r}")
    if values.get("cname") and not _HOSTNAME.match(values["cname"]):
        problems.append(f"'cname' must be a bare domain name such as 'timeline.example.com', "
                        f"not {values['cname']!r}")
    if "language" in values and not _LANGUAGE.match(values["language"]):
        problems.append(f"'language' must be a language tag such as 'en', 'en-GB' or 'pt-BR', "
                        f"not {values['language']!r}")
    if "key_events" in values and values["key_events"] < 0:
        problems.append("'key_events' must be 0 (automatic) or more")
    output = Path(values.get("output_dir", "site"))
    content = Path(values.get("content_dir", "content"))
    if output == content or content in output.parents or output in content.parents:
        problems.append("'output_dir' and 'content_dir' must be separate folders, neither inside the other")

    if problems:
        raise ConfigError("; ".join(problems), path=path)
    return SiteConfig(root=root, warnings=tuple(warnings), **values)
