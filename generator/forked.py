"""A second process for the build's single-threaded stages (merge, render), made by fork so
that it shares everything this one holds: nothing is pickled on the way in, only its result
on the way out.

    job = Forked(lambda: work())   # starts at once
    ...                            # this process does its own share meanwhile
    value = job.result()           # work()'s value, or its TlgenError raised here

Only where fork is safe and cheap: Linux (macOS forbids forking a process that has started
threads; Windows has no fork). A caller checks `usable(workers)` and otherwise does all the
work itself, with the same result.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from typing import Callable

from .errors import TlgenError


def usable(workers: int | None) -> bool:
    """True when a second process can be forked and there is a second core for it."""
    cores = workers if workers is not None else (os.cpu_count() or 1)
    return cores > 1 and sys.platform.startswith("linux")


def orphaned() -> bool:
    """In a Forked process: True once the process that started it has died (kill -9)."""
    return _parent is not None and os.getppid() != _parent


_parent: int | None = None  # in a Forked process: the pid of the process that started it


class Ends:
    """For each of several ranges, the numbers 0 .. count-1 handed out once each, from the
    front to one process and from the back to the other, until they meet: work shared out as
    each side becomes free; and one more piece of work, to whichever side claims it first.
    Made before the fork (shared memory and a lock)."""

    def __init__(self, *counts: int) -> None:
        context = multiprocessing.get_context("fork")
        # claimed, then the front and back of each range
        self._ends = context.RawArray("q", [0, *(end for count in counts for end in (0, count - 1))])
        self._lock = context.Lock()

    def claim(self) -> bool:
        """True for the first process to ask, False for the other."""
        with self._lock:
            if self._ends[0]:
                return False
            self._ends[0] = 1
            return True

    def front(self, which: int = 0) -> int | None:
        """The next number of range `which` from the front, or None once the ends have met."""
        at = 1 + 2 * which
        with self._lock:
            number = self._ends[at]
            if number > self._ends[at + 1]:
                return None
            self._ends[at] = number + 1
            return number

    def back(self, which: int = 0) -> int | None:
        """The next number of range `which` from the back, or None once the ends have met."""
        at = 1 + 2 * which
        with self._lock:
            number = self._ends[at + 1]
            if number < self._ends[at]:
                return None
            self._ends[at + 1] = number - 1
            return number


class Forked:
    """work() run in a forked process. Use as a context manager, or call stop() if result()
    is not reached: leaving early stops the process."""

    def __init__(self, work: Callable[[], object]) -> None:
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, writer, os.getpid()), daemon=True)
        frozen = gc.get_freeze_count()  # (a build freezes what it holds for long: see build.build)
        gc.freeze()  # the collector would otherwise visit, and so copy, every shared object
        try:
            self._process.start()
        except BaseException:
            self._reader.close()
            raise
        finally:
            if not frozen:
                gc.unfreeze()
            writer.close()

    def result(self):
        try:
            status, value = self._reader.recv()
        except EOFError:
            status, value = "bug", "the second build process stopped without a result"
        finally:
            self._process.join()
            self._reader.close()
        if status == "error":
            raise value
        if status == "bug":
            raise RuntimeError(f"{value} (in tlgen's second build process; please report this as a tlgen bug)")
        return value

    def stop(self) -> None:
        if self._process.exitcode is None:
            self._process.terminate()
        self._process.join()
        self._reader.close()

    def __enter__(self) -> "Forked":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _die_with_parent() -> None:
    """Ask Linux to kill this process as soon as the one that forked it dies (kill -9 of a
    build): a helper that stages pages must not outlive it. Best effort; orphaned() is the
    check where this is unavailable."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run(work: Callable[[], object], writer, parent: int) -> None:
    global _parent
    _parent = parent
    _die_with_parent()
    if orphaned():  # (died before the request above was made)
        os._exit(1)
    try:
        result = ("ok", work())
    except TlgenError as error:
        result = ("error", error)
    except KeyboardInterrupt:
        os._exit(1)  # the build got the Ctrl-C too, and reports it
    except BaseException as error:  # noqa: BLE001 (anything else is a bug; it is reported as one)
        result = ("bug", f"{type(error).__name__}: {error}")
    try:
        writer.send(result)
    except (BrokenPipeError, OSError):
        pass  # the build stopped waiting (it failed or was interrupted)
    finally:
        writer.close()
