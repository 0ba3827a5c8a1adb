"""`tlgen serve`: build, serve the site on localhost under its base path, rebuild on change.

A watcher (watchfiles) follows content/, templates/ and tlgen.toml; each change triggers an
incremental build, after which open pages reload themselves. The reload script is added to
HTML responses on the fly; the files in site/ stay exactly what `tlgen build` writes.
"""

from __future__ import annotations

import http.server
import mimetypes
import threading
import time
import urllib.parse
from pathlib import Path

import click

from .build import BuildMemory, BuildReport, build, build_timeline
from .cache import ArticleCache
from .config import CONFIG_NAME, SiteConfig, load_config
from .errors import TlgenError

RELOAD_PATH = "/__tlgen/reload"
RELOAD_SCRIPT = (
    b"<script>(function(){var s=new EventSource('" + RELOAD_PATH.encode() + b"');"
    b"s.onmessage=function(e){if(e.data==='reload'){location.reload();}};})();</script>"
)


class _State:
    """The number of the latest successful build; waiters are woken when it changes."""

    def __init__(self) -> None:
        self.generation = 0
        self.changed = threading.Condition()

    def bump(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def wait_past(self, generation: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation, timeout=timeout)
            return self.generation


def make_handler(output: Path, base_path: str, state: _State):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "tlgen"

        def log_message(self, format: str, *args) -> None:  # quiet: the builds say what matters
            return

        def do_GET(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            if path == RELOAD_PATH:
                return self._reload_stream()
            if not path.startswith(base_path):
                if path in ("/", "") and base_path != "/":
                    return self._redirect(base_path)
                return self._not_found()
            relative = urllib.parse.unquote(path[len(base_path):])
            target = (output / relative).resolve()
            if not target.is_relative_to(output.resolve()):
                return self._not_found()
            if target.is_dir():
                if not path.endswith("/"):
                    return self._redirect(path + "/")
                target = target / "index.html"
            if not target.is_file():
                return self._not_found()
            self._send_file(target, 200)

        def _send_file(self, target: Path, status: int) -> None:
            data = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind == "text/html":
                data = data.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
            if kind.startswith("text/") or kind in ("application/json", "application/xml"):
                kind += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _not_found(self) -> None:
            page = output / "404.html"
            if page.is_file():
                return self._send_file(page, 404)
            self.send_error(404)

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.end_headers()

        def _reload_stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            generation = state.generation
            try:
                while True:
                    now = state.wait_past(generation, timeout=15)
                    message = b"data: reload\n\n" if now != generation else b": keep-alive\n\n"
                    generation = now
                    self.wfile.write(message)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def _rebuild(config_root: Path, overrides: dict, drafts: bool, state: _State, quiet: bool,
             memory: BuildMemory) -> SiteConfig | None:
    started = time.perf_counter()
    try:
        config = load_config(config_root).with_overrides(**overrides)
        report: BuildReport = build(config, include_drafts=drafts, show_progress=False, memory=memory)
    except TlgenError as error:
        click.echo(f"error: {error.format_message()} (still serving the last good build)", err=True)
        return None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report.written or report.removed:  # (a change that changed no file reloads no page)
        state.bump()
    if not quiet:
        click.echo(f"Rebuilt: {report.articles} articles ({report.extracted} read anew), "
                   f"{report.written} files written in {time.perf_counter() - started:.2f} s.")
    return config


def serve(source: Path, host: str, port: int, base_url: str | None, drafts: bool, watch: bool,
          quiet: bool = False) -> None:
    root = source.resolve()
    overrides = {"base_url": base_url} if base_url else {}
    state = _State()
    memory = BuildMemory()  # (rebuilds take what the last build read from here, not from the cache)
    config = _rebuild(root, overrides, drafts, state, quiet=True, memory=memory)
    if config is None:
        raise TlgenError("the first build failed; fix the error above and run tlgen serve again")
    handler = make_handler(config.output_path, config.base_path, state)
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise TlgenError(f"cannot listen on {host}:{port}: {exc.strerror}",
                         hint="pick another --port") from None
    server.daemon_threads = True
    actual_port = server.server_address[1]
    click.echo(f"Serving {config.output_path} at http://{host}:{actual_port}{config.base_path} "
               f"(Ctrl-C to stop).")
    stop = threading.Event()
    if watch:
        places = [config.content_path, config.templates_path, root / CONFIG_NAME]
        thread = threading.Thread(target=_watch, args=(places, root, overrides, drafts, state, stop, quiet, memory),
                                  daemon=True)
        thread.start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()


def _watch(places: list[Path], root: Path, overrides: dict, drafts: bool, state: _State,
           stop: threading.Event, quiet: bool, memory: BuildMemory) -> None:
    """Rebuild on each change to those of places that exist (content/, templates/, the config);
    one that comes into being later (a templates/ folder made while serving) is watched from
    the next quiet second on, and rebuilt for."""
    import watchfiles

    def interesting(change, path: str) -> bool:
        name = Path(path).name
        return not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp")))

    if not memory.results:
        _prime(root, overrides, drafts, memory)
    # The first turn (a change, or a quiet second: the watcher is on by then) rebuilds for
    # whatever changed since the first build read the articles, or while they were primed;
    # quietly, if nothing did.
    catch_up = True
    while not stop.is_set():
        watched = [place for place in places if place.exists()]
        for changes in watchfiles.watch(*watched, watch_filter=interesting, stop_event=stop, debounce=200, step=50,
                                        raise_interrupt=False, yield_on_timeout=True, rust_timeout=1000):
            appeared = [place for place in places if place.exists() and place not in watched]
            if not changes and not catch_up and not appeared:
                continue  # (a quiet second)
            _rebuild(root, overrides, drafts, state, quiet or (catch_up and not changes and not appeared), memory)
            if catch_up and not quiet:
                # (from here on, a change is rebuilt from what is in memory: quickest)
                shown = [_shown(place, root) for place in places]
                click.echo(f"Watching {', '.join(shown[:-1])} and {shown[-1]} for changes.")
            catch_up = False
            if appeared:
                break  # (watch it too from now on)


def _shown(place: Path, root: Path) -> str:
    """A watched place as the user knows it: relative to the site's folder if inside it."""
    try:
        return place.relative_to(root).as_posix() + ("/" if place.suffix == "" else "")
    except ValueError:
        return str(place)


def _prime(root: Path, overrides: dict, drafts: bool, memory: BuildMemory) -> None:
    """When the first build found the site built already, it read nothing: read the articles
    and merge them now, so the first rebuild takes them from memory. (Without a cache to prime
    from, the first build read everything, and memory is empty because nothing can be kept.)"""
    try:
        config = load_config(root).with_overrides(**overrides)
        cache = ArticleCache(config.root)
        usable = cache.connection is not None
        cache.close()
        if usable:
            build_timeline(config, include_drafts=drafts, report=BuildReport(), memory=memory)
    except TlgenError:
        pass  # (the catch-up rebuild says what is wrong)
