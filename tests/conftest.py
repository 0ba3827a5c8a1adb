from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path):
    """Create a site folder from {relative path: text}; returns its root."""
    def make(files: dict[str, str | bytes], name: str = "site-root") -> Path:
        return write_tree(tmp_path / name, files)
    return make


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def tlgen():
    """Run the real `tlgen` command line in a subprocess, as a user would."""
    def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Result:
        env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
        done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                              input=stdin, capture_output=True, text=True, timeout=120)
        return Result(done.returncode, done.stdout, done.stderr)
    return run
