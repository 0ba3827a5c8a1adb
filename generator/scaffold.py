"""Files that `tlgen init` and `tlgen new` write."""

from __future__ import annotations

import datetime as dt
import json

from . import __version__
from .slug import slugify

CONFIG_TEMPLATE = '''# tlgen site configuration. Every key is optional; these are the defaults unless noted.
title = {title}
description = "Events reported in the articles of this site, in chronological order."
# Where the site is served. For a GitHub Pages project site: "https://USER.github.io/REPO/".
# The workflow in .github/workflows/ passes the right value with --base-url.
base_url = "/"
language = "en"
# Publication dates without a time zone are read in this zone.
timezone = "UTC"
author = ""
content_dir = "content"
templates_dir = "templates"
output_dir = "site"

[extract]
# Find dated events in article prose. Authored `events:` in front matter are always used.
enabled = true
# Drop extracted events below this confidence (0 to 1).
min_confidence = 0.5
'''

EXAMPLE_ARTICLE = '''---
title: "Welcome to your timeline"
date: {date}
source: "Your newsroom"
tags: [example]
summary: "An example article. Replace it with your own."
---

This site was set up on {long_date}. The first real articles are due next week. The
generator reads the dates in each article's prose and puts the events it finds on the timeline.

Each article goes in `content/` as Markdown with front matter. Run `tlgen build` and open
`site/index.html`.
'''

GITIGNORE = """/site/
.tlgen-cache/
__pycache__/
"""

WORKFLOW = """# Builds the timeline with tlgen and publishes it on GitHub Pages.
# In the repository settings, set Pages > Source to "GitHub Actions".
name: Publish timeline

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # Where to install tlgen from: a pip requirement such as
  # "tlgen @ git+https://github.com/OWNER/tlgen@v{version}". tlgen is not published on PyPI, so
  # never put a bare "tlgen" here: anyone could publish a package of that name.
  TLGEN: "{tlgen}"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install tlgen
        run: |
          if [ -z "$TLGEN" ]; then
            echo "::error file=.github/workflows/pages.yml::Set TLGEN in this workflow to where tlgen is installed from, e.g. tlgen @ git+https://github.com/OWNER/tlgen"
            exit 1
          fi
          pip install "$TLGEN"
      # What tlgen read from each article and how it merged them, kept from the last run:
      # only new or edited articles are read again (the cache checks every file's content).
      - uses: actions/cache@v4
        with:
          path: .tlgen-cache
          key: tlgen-cache-${{{{ hashFiles('content/**', 'tlgen.toml') }}}}
          restore-keys: tlgen-cache-
      - run: tlgen build --strict --quiet --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def site_files(title: str, today: dt.date, tlgen: str = "") -> dict[str, str]:
    """The files of a new site. tlgen: the pip requirement its publishing workflow installs
    tlgen with ("" leaves it for the user to fill in: the workflow then stops, saying so)."""
    return {
        "tlgen.toml": CONFIG_TEMPLATE.format(title=json.dumps(title, ensure_ascii=False)),  # (a TOML string)
        f"content/{today.isoformat()}-welcome.md": EXAMPLE_ARTICLE.format(
            date=today.isoformat(), long_date=f"{today:%B} {today.day}, {today.year}"),
        ".gitignore": GITIGNORE,
        ".github/workflows/pages.yml": WORKFLOW.format(version=__version__, tlgen=tlgen.replace('"', "")),
    }


def installed_from() -> str:
    """A pip requirement for the tlgen running now, when it came from a repository a CI runner
    can reach too (pip's direct_url.json: a git URL and commit); "" otherwise (a local folder,
    a wheel file)."""
    import importlib.metadata
    import json

    try:
        record = json.loads(importlib.metadata.distribution("tlgen").read_text("direct_url.json") or "{}")
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return ""
    vcs = record.get("vcs_info") if isinstance(record, dict) else None
    url = record.get("url", "") if isinstance(record, dict) else ""
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not isinstance(url, str) \
            or not url.startswith(("https://", "ssh://", "git://")):
        return ""
    commit = vcs.get("commit_id", "")
    return f"tlgen @ git+{url}" + (f"@{commit}" if isinstance(commit, str) and commit else "")


def new_article(title: str, published: dt.date, tags: tuple[str, ...]) -> tuple[str, str]:
    """(file name, text) of an article skeleton."""
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    tag_list = ", ".join(tags)
    # (the advice is a YAML comment: as body text, its example dates would make events)
    text = (f'---\ntitle: "{escaped}"\ndate: {published.isoformat()}\nsource: ""\nurl: ""\n'
            f"tags: [{tag_list}]\nsummary: \"\"\n"
            "# Write the article below the closing '---'. Its dates (on June 29, 2019; last week)\n"
            "# become events on the timeline.\n---\n\n")
    return f"{published.isoformat()}-{slugify(title)}.md", text
