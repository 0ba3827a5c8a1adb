import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.config import SiteConfig
from generator.content import ContentFile, discover, parse_article, parse_publication_date, render_markdown
from generator.errors import ContentError

ARTICLE = """---
title: "Trump and Xi meet in Osaka"
date: 2019-07-01
source: Pacific Desk
url: https://example.com/osaka
tags: [g20, tariffs]
summary: "The leaders met."
events:
  - date: 2019-06-29
    title: Trump and Xi meet
    tags: [summit]
  - date: 2019-06
    end: 2019-07
    title: A month of talks
---

The leaders met on **June 29, 2019**.

- First point.
- Second point.
"""


def article_from(text, tmp_path, name="a.md", config=None):
    path = tmp_path / name
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(data)
    return parse_article(ContentFile(path, name, data), config or SiteConfig(root=tmp_path))


def test_front_matter_and_body(tmp_path):
    article, warnings = article_from(ARTICLE, tmp_path, "2019-07-01-osaka.md")
    assert warnings == []
    assert article.title == "Trump and Xi meet in Osaka"
    assert article.published == dt.date(2019, 7, 1)
    assert article.slug == "2019-07-01-osaka"
    assert article.tags == ("g20", "tariffs")
    assert article.source == "Pacific Desk"
    assert [b.text for b in article.blocks] == ["The leaders met on June 29, 2019.", "First point.", "Second point."]
    assert [b.anchor for b in article.blocks] == ["p1", "p2", "p3"]
    assert ('<p id="p1"><span class="sentence" id="p1-s1"></span>The leaders met on '
            '<strong>June 29, 2019</strong>.</p>') in article.body_html
    assert article.blocks[0].sentences == ((0, 33),)
    first, second = article.authored_events
    assert (first.title, first.span.start, first.span.precision, first.tags) == (
        "Trump and Xi meet", dt.date(2019, 6, 29), "day", ("summit",))
    assert (second.span.start, second.span.end, second.span.precision) == (
        dt.date(2019, 6, 1), dt.date(2019, 7, 31), "month")


def test_crlf_and_bom_are_accepted(tmp_path):
    data = b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    article, _ = article_from(data, tmp_path)
    assert article.title == "Trump and Xi meet in Osaka"


@pytest.mark.parametrize("text, expected", [
    ("no front matter here\n", "a.md:1: has no front matter"),
    ("---\ntitle: x\ndate: 2019-07-01\n", "a.md:1: front matter is not closed (did you forget the closing '---'"),
    ("---\ntitle: x\ndate: 2019-07-01\nsummary: a: b\n---\nbody\n", "a.md:4: front matter is not valid YAML"),
    ('---\ntitle: "Oops\ndate: 2019-07-01\n---\nbody\n', "a.md:2: front matter is not valid YAML"),
    ("---\ndate: 2019-07-01\n---\nbody\n", "a.md: front matter has no 'title'"),
    ("---\ntitle: x\n---\nbody\n", "a.md: front matter has no 'date'"),
    ("---\ntitle: x\ndate: 2019-02-30\n---\nbody\n", "a.md:3: 'date' '2019-02-30' is not a date"),
    ("---\ntitle: x\ndate: someday\n---\nbody\n", "a.md:3: 'date' 'someday' is not a date"),
    # front matter has no day to read a relative date against
    ("---\ntitle: x\ndate: yesterday\n---\nbody\n", "a.md:3: 'date' 'yesterday' is not a date"),
    ("---\ntitle: x\ndate: March 3\n---\nbody\n", "a.md:3: 'date' 'March 3' is not a date"),
    ('---\ntitle: ""\ndate: 2019-07-01\n---\nbody\n', "a.md:2: 'title' is empty"),
    ("---\ntitle: [a, b]\ndate: 2019-07-01\n---\n", "a.md:2: 'title' must be text, not a list"),
    ("---\ntitle: x\ndate: 2019-07-01\nevents: soon\n---\n", "a.md:4: 'events' must be a list of events"),
    ("", "a.md: is empty"),
    (b"\x00\x01\x02binary", "a.md: is a binary file"),
    (b"---\ntitle: caf\xe9\n---\n", "a.md:2: is not UTF-8 text"),
])
def test_bad_articles_give_one_clear_line(tmp_path, text, expected):
    with pytest.raises(ContentError) as info:
        article_from(text, tmp_path)
    message = info.value.format_message()
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "a.md"))
    assert expected in message


def test_every_faulty_authored_event_is_named_at_its_line_and_unknown_keys_warn(tmp_path):
    text = ("---\ntitle: x\ndate: 2019-07-01\nevents:\n  - date: 2019-05-03\n    title: Good\n    colour: red\n"
            "  - date: 2019-05-04\n  - title: No date\n---\nBody.\n")
    with pytest.raises(ContentError) as info:
        article_from(text, tmp_path)
    message = info.value.format_message()
    assert message.startswith(f"{tmp_path / 'a.md'}:8: 2 events in 'events' cannot be read: ")
    assert "event 2 in 'events' has no 'title' (line 8)" in message
    assert "event 3 in 'events' has no 'date' (line 9)" in message
    good = text.replace("  - date: 2019-05-04\n  - title: No date\n", "")
    article, warnings = article_from(good, tmp_path)
    assert [e.title for e in article.authored_events] == ["Good"]
    assert [str(w) for w in warnings] == [
        f"{tmp_path / 'a.md'}:5: unknown key 'colour' of event 1 in 'events' is ignored (remove it, or check its spelling)"]


def test_unknown_keys_warn_with_line(tmp_path):
    _, warnings = article_from("---\ntitle: x\ndate: 2019-07-01\ncolour: red\n---\n", tmp_path)
    assert [str(w) for w in warnings] == [
        f"{tmp_path / 'a.md'}:4: unknown front matter key 'colour' is ignored (remove it, or check its spelling)"]
    _, warnings = article_from("---\ntitle: x\ndate: 2019-07-01\nsumary: y\n---\n", tmp_path)
    assert str(warnings[0]).endswith("unknown front matter key 'sumary' is ignored (did you mean 'summary'?)")


def test_publication_date_forms():
    new_york = ZoneInfo("America/New_York")
    assert parse_publication_date(dt.date(2019, 7, 1), new_york) == (dt.date(2019, 7, 1), None)
    day, moment = parse_publication_date("2019-07-01T02:00:00+00:00", new_york)
    assert day == dt.date(2019, 6, 30)  # still June 30 in New York
    assert moment.isoformat() == "2019-07-01T02:00:00+00:00"
    day, moment = parse_publication_date(dt.datetime(2019, 7, 1, 9, 30), new_york)
    assert day == dt.date(2019, 7, 1) and moment.tzinfo is new_york
    with pytest.raises(ValueError):
        parse_publication_date("not a date", new_york)


def test_discover_is_sorted_and_skips_hidden_and_other_files(tmp_path):
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / ".hidden").mkdir()
    for name in ["b.md", "a.markdown", "sub/c.txt", "notes.pdf", "photo.jpg", ".hidden/x.md", ".swap.md",
                 "sub/story.docx"]:
        (content / name).write_text("x")
    files, warnings = discover(content)
    assert [f.relative for f in files] == ["a.markdown", "b.md", "sub/c.txt"]
    # a document that is no Markdown is named, once; other files (images) go unmentioned
    assert [(w.path, w.message.split(";")[0]) for w in warnings] == [
        (str(content / "notes.pdf"), "is not an article tlgen can read (it reads Markdown: .md, .markdown, .txt)"),
        (str(content / "sub/story.docx"), "is not an article tlgen can read (it reads Markdown: .md, .markdown, .txt)")]


def test_symlink_out_of_content_is_skipped(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    outside = tmp_path / "secret.md"
    outside.write_text("---\ntitle: secret\ndate: 2019-01-01\n---\n")
    (content / "link.md").symlink_to(outside)
    files, warnings = discover(content)
    assert files == []
    assert "symlink that leads outside the content folder" in str(warnings[0])


def test_markdown_blocks_skip_empty_and_keep_heading_text():
    html, blocks = render_markdown("## Background\n\nA & B met.\n\n<div>raw</div>\n")
    assert [b.text for b in blocks][:2] == ["Background", "A & B met."]


def test_every_sentence_gets_an_anchor_even_inside_inline_markup():
    html, blocks = render_markdown("One. Two *starts* here.  **Three** is bold. Four &amp; five.\n")
    assert [blocks[0].text[a:b] for a, b in blocks[0].sentences] == [
        "One.", "Two starts here.", "Three is bold.", "Four & five."]
    assert html == ('<p id="p1"><span class="sentence" id="p1-s1"></span>One. '
                    '<span class="sentence" id="p1-s2"></span>Two <em>starts</em> here.  '
                    '<strong><span class="sentence" id="p1-s3"></span>Three</strong> is bold. '
                    '<span class="sentence" id="p1-s4"></span>Four &amp; five.</p>')


def test_nested_lists_are_blocks_of_their_own():
    html, blocks = render_markdown("- Outer one. Outer two.\n    - Inner one. Inner two.\n- Next.\n")
    assert [b.text for b in blocks] == ["Outer one. Outer two.", "Inner one. Inner two.", "Next."]
    assert html.count('class="sentence"') == 5


def test_raw_html_is_sanitized_but_anchors_survive():
    html, blocks = render_markdown('Hi <script>alert(1)</script> <b onclick="x()">there</b>. '
                                   '[bad](javascript:alert(2)) [ok](/relative/) [mail](mailto:a@example.org)\n\n'
                                   '<img src=x onerror=alert(1)>\n')
    assert "<script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert 'href="/relative/"' in html and 'href="mailto:a@example.org"' in html
    assert 'id="p1"' in html and 'id="p1-s1"' in html
    assert "alert" not in blocks[0].text  # script code is not article text
    trusted, _ = render_markdown("<b onclick=\"x()\">there</b>\n", sanitize=False)
    assert "onclick" in trusted


def test_front_matter_url_must_be_web_mail_or_relative(tmp_path):
    article, warnings = article_from("---\ntitle: x\ndate: 2019-07-01\nurl: javascript:alert(1)\n---\n", tmp_path)
    assert article.url == ""
    assert [str(w) for w in warnings] == [
        f"{tmp_path / 'a.md'}:4: 'url' 'javascript:alert(1)' is not an http(s), mailto or relative address; ignored"]
    for url in ("https://example.com/a?b=c", "mailto:desk@example.com", "/local/page/", "notes.html"):
        article, warnings = article_from(f"---\ntitle: x\ndate: 2019-07-01\nurl: {url}\n---\n", tmp_path)
        assert article.url == url and warnings == []


def test_absurdly_nested_markdown_is_refused_with_its_line(tmp_path):
    body = "Intro.\n\n" + "> " * 5000 + "deep\n"
    with pytest.raises(ContentError) as info:
        article_from("---\ntitle: x\ndate: 2019-07-01\n---\n" + body, tmp_path)
    assert "a.md:7: nests quotes or lists more than 100 levels deep" in info.value.format_message()


def test_one_article_leaves_nothing_behind_for_the_next():
    # The Markdown converter is reused between articles: footnotes, abbreviations and link
    # references of one must not appear in, or number, the next.
    from generator.content import render_markdown
    first, _ = render_markdown("Talks resumed.[^1]\n\n*[WTO]: World Trade Organization\n\n"
                               "[wire]: https://example.com/a\n\n[^1]: On June 29, 2019.\n")
    assert "footnote" in first
    second, blocks = render_markdown("The WTO ruled.[^1] See [wire].\n")
    assert "footnote" not in second and "<abbr" not in second and "example.com" not in second
    assert [block.anchor for block in blocks] == ["p1"]
    again, _ = render_markdown("Talks resumed.[^1]\n\n*[WTO]: World Trade Organization\n\n"
                               "[wire]: https://example.com/a\n\n[^1]: On June 29, 2019.\n")
    assert again == first


def test_a_folder_that_cannot_be_listed_is_named_in_a_warning_and_the_rest_is_read(tmp_path, monkeypatch):
    import os
    content = tmp_path / "content"
    (content / "locked").mkdir(parents=True)
    (content / "b").mkdir()
    for name in ["a.md", "locked/x.md", "b/c.md"]:
        (content / name).write_text("x")
    real_scandir = os.scandir

    def scandir(path):
        if os.path.basename(str(path).rstrip("/")) == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, warnings = discover(content)
    assert [f.relative for f in files] == ["a.md", "b/c.md"]
    assert [str(w) for w in warnings] == [f"{content / 'locked'}: folder cannot be read (Permission denied); skipped"]


def test_a_backslash_escaped_character_is_itself_in_the_text_events_are_read_from():
    # Markdown holds "\*" as a placeholder of control characters until its last step; the text
    # blocks (headlines, quotes, feeds) must have the character, never the placeholder.
    html, blocks = render_markdown("\\* Helix will use the rig on June 2.\n\nA ratio of 5\\*3 and a \\_name\\_.\n")
    assert [block.text for block in blocks] == ["* Helix will use the rig on June 2.", "A ratio of 5*3 and a _name_."]
    assert "<p id=\"p1\"><span class=\"sentence\" id=\"p1-s1\"></span>* Helix" in html
    assert not any(ch in block.text for block in blocks for ch in "\x02\x03")
