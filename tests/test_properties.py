"""Issue 7: property-based tests (hypothesis) for the parsing helpers, and timing of the
regex-heavy functions on adversarial input.

- parse_article on random YAML-ish text returns an article or raises ContentError, nothing else;
- slugify is never empty, only [a-z0-9-], never '.' or '..', idempotent;
- split_sentences gives ordered, non-overlapping, trimmed spans within the text, and never
  splits "U.S." followed by a lowercase word.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from generator.config import SiteConfig
from generator.content import ContentFile, parse_article
from generator.errors import ContentError
from generator.sentences import split_sentences
from generator.slug import slugify

CONFIG = SiteConfig(root=Path("/nonexistent-site"))
KEYS = ["title", "date", "source", "url", "author", "tags", "summary", "draft", "lang", "slug",
        "events", "extract", "exclude_events", "id", "end", "other"]

settings.register_profile("tlgen", deadline=None, max_examples=150,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tlgen")


def parse(data: bytes):
    file = ContentFile(Path("/nonexistent-site/content/x.md"), "x.md", data)
    try:
        article, warnings = parse_article(file, CONFIG)
    except ContentError as error:
        assert str(error.path).endswith("x.md")
        return None
    assert article.title and article.slug
    assert re.fullmatch(r"[a-z0-9-]+", article.slug)
    return article


# --- front matter -----------------------------------------------------------------------------

YAMLISH = st.lists(st.sampled_from(list("abcdt:- \n\"'[]{},#&*!|>%@`?0129.\t\\")
                                           + ["title: ", "date: ", "2019-02-30", "0000-01-01",
                                              "\n  - ", "events:", "tags:", "\u00e9", "\ufeff",
                                              "---\n", "\r\n", "\x00", "\x85", "\u2028"]),
                  max_size=120).map("".join)


@given(YAMLISH, st.text(max_size=200))
@example("title: x\ndate: 2019-02-30\n", "")
@example("title: [a\n", "")
@example("title: x\ndate: 2019-07-01\nevents:\n  - date: 10000-01-01\n    title: t\n", "")
def test_yamlish_front_matter_never_crashes(front, body):
    parse(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("date", ["0001-01-01T00:30:00+05:00", "9999-12-31T23:30:00-05:00"])
def test_zoned_date_at_the_calendar_edge_is_a_content_error(date):
    parse(f"---\ntitle: x\ndate: {date}\n---\n".encode())


YAML_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True), st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
                 timezones=st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=14)),
                                            dt.timezone(dt.timedelta(hours=-12))])),
)
YAML_VALUES = st.recursive(YAML_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=12)


@given(st.dictionaries(st.sampled_from(KEYS), YAML_VALUES, max_size=8), st.text(max_size=100))
def test_structured_front_matter_never_crashes(meta, body):
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    parse(f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass"))


@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    parse(data)
    parse(b"---\ntitle: x\ndate: 2019-07-01\n---\n" + data)


# --- slugs ------------------------------------------------------------------------------------

@given(st.text(max_size=300), st.integers(min_value=8, max_value=120))
@example("..", 60)
@example(".", 60)
@example("../../etc/passwd", 60)
@example("%2e%2e", 60)
@example("a\x00b", 60)
@example("CON", 60)
@example("\u0130stanbul \ufb01le \u00df", 60)
def test_slugify_is_a_safe_single_segment(text, max_length):
    slug = slugify(text, max_length=max_length)
    assert slug
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
    assert slug not in (".", "..")
    assert len(slug) <= max_length
    assert slugify(slug, max_length=max_length) == slug


@given(st.text(max_size=300))
def test_slugify_default_length_is_idempotent(text):
    slug = slugify(text)
    assert slugify(slug) == slug


# --- sentences --------------------------------------------------------------------------------

PROSE = st.lists(st.sampled_from(list("aAbB .!?\"')]\n\t") + ["U.S.", "Mr.", "Dec.", "3.5",
                                                                    "J. ", "\u201d", "\u2019", "e.g."]),
                 max_size=150).map("".join)


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    # Nothing but whitespace is left out.
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@given(PROSE)
def test_sentence_spans_are_ordered_disjoint_and_trimmed(text):
    check_spans(text, split_sentences(text))


@given(st.text(max_size=400))
def test_sentence_spans_on_any_text(text):
    check_spans(text, split_sentences(text))


@given(PROSE, st.sampled_from(["economy", "officials", "and", "said", "trade", "a"]), PROSE)
def test_us_followed_by_lowercase_is_not_a_boundary(before, word, after):
    text = f"{before} the U.S. {word} {after}"
    at = text.index(" the U.S. " + word) + len(" the U.S.")
    spans = split_sentences(text)
    check_spans(text, spans)
    assert not any(start <= at - 1 and end == at for start, end in spans), spans
    assert any(start < at < end for start, end in spans)


# --- regex timing on adversarial input ----------------------------------------------------------

class _Slow(Exception):
    pass


def timed(function, *args, limit: float = 20.0):
    """Run function(*args); fail if it takes more than `limit` seconds (SIGALRM)."""
    def alarm(signum, frame):
        raise _Slow(f"{function.__name__} took more than {limit} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.perf_counter()
    try:
        return function(*args), time.perf_counter() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


MB = 1_000_000
FRONT = "---\ntitle: Adversarial\ndate: 2019-07-01\n---\n\n"

ADVERSARIAL_BODIES = {
    "one-paragraph-no-period": ("word " * (MB // 5)).strip() + "\n",
    "a-dot-space": "a. " * (MB // 3) + "\n",
    "on-on-on-x": "on " * (MB // 3) + "x\n",
    "digits-and-dashes": "2019-" * (MB // 5) + "\n",
    "capitalized-words": "Trump Xi " * (MB // 9) + "\n",
    "dotted-initials": "U.S. " * (MB // 5) + "\n",
    "commas": "next, " * (MB // 6) + "\n",
    "quotes": "\"'\u201d" * (MB // 3) + "\n",
}


@pytest.mark.parametrize("name", list(ADVERSARIAL_BODIES))
def test_parsing_and_extracting_1mb_adversarial_bodies_is_fast(name):
    from generator.extract import extract_mentions

    data = (FRONT + ADVERSARIAL_BODIES[name]).encode()
    file = ContentFile(Path("/nonexistent-site/content/x.md"), "x.md", data)
    (article, _), parse_seconds = timed(parse_article, file, CONFIG)
    _, extract_seconds = timed(extract_mentions, article, True, 0.5)
    print(f"{name}: parse {parse_seconds:.2f} s, extract {extract_seconds:.2f} s")


def test_headline_from_a_100kb_sentence_is_fast():
    from generator.extract import headline_from

    sentence = ("The talks resumed in Osaka and " * 3300) + "on June 29."
    headline, seconds = timed(headline_from, sentence, (len(sentence) - 8, len(sentence) - 1), limit=5)
    assert headline
    spaced = "on the " * 15000 + "June 29."
    timed(headline_from, spaced, (len(spaced) - 8, len(spaced) - 1), limit=5)
    commas = "a, " * 35000 + "on June 29."
    timed(headline_from, commas, (len(commas) - 8, len(commas) - 1), limit=5)


def test_extract_mentions_on_a_1mb_paragraph_is_fast():
    from generator.extract import extract_mentions

    text = ("Negotiators met in Geneva on March 3, 2019 and the talks resumed last week "
            "with officials from both sides, " * 9000)[:MB] + "."
    data = (FRONT + text + "\n").encode()
    (article, _), _ = timed(parse_article, ContentFile(Path("/x/x.md"), "x.md", data), CONFIG, limit=30)
    _, seconds = timed(extract_mentions, article, True, 0.0, limit=15)
    print(f"extract_mentions on 1 MB: {seconds:.2f} s")


@pytest.mark.parametrize("text", [
    "Tariffs " * (MB // 8),
    "a'" * (MB // 2),
    "x" * MB,
    "\u2019" * MB,
    "Tariff-tariff-" * (MB // 14),
])
def test_key_terms_on_1mb_is_fast(text):
    from generator.timeline import key_terms

    _, seconds = timed(key_terms, text, limit=5)


# --- Markdown: plain prose is rendered without Python-Markdown, to the same bytes ---------------

# Prose with what news text has (quotes, dashes, abbreviations, numbers, accents) and, now and
# then, something Markdown reads as markup, so both ways through render_markdown are taken.
MARKDOWNISH = st.lists(st.sampled_from(
    ["The", "minister", "said", "on", "May", "5", "2019", "U.S.", "Mr.", "Dec.", "3.5", "$20",
     "“quoted,”", "‘one’", "it's", "—", "–", "-", "(now)", "%", "?", "!", ".", ",", ";", ":", "é", "日本",
     " ", " ", " ", " ", "\n", "\n\n", "\n\n\n", "\n1. ", "\n- ", "\n# ", "\n> ", "\n=", "1)", "#7",
     "*", "_", "`", "&", "&amp;", "<b>", "[x](y)", "\\", "  ", "\t", "\u00a0", "\u2028", "\r\n",
     "\n    ", "|", "{", "~", "AT&T", "Q&A", "&T;", "&#169;", "&#X41;", "A\\/H1N1", "\\n", "/", "\n|",
     "| a |", "\n---|---", "&#", "#169", "x41"]), max_size=80).map("".join)


PLAIN_PROSE = st.lists(st.sampled_from(
    ["The", "minister", "said", "on", "May", "5", "2019", "U.S.", "Mr.", "3.5", "“quoted,”", "it's",
     "—", "-", "(now)", "?", ".", ",", ":", "é", " ", " ", " ", "\n", "\n\n", "\n\n\n", "AT&T", "&",
     "a | b", "A\\/B", "\\d", "`", "` "]),
    max_size=60).map("".join)


@given(st.one_of(MARKDOWNISH, PLAIN_PROSE))
@example("Hello world. It rained on May 5.\nNext line.\n\n\n\nSecond? Yes!\n")
@example(" Leading space. Then more.")
@example("Trailing space. ")
@example("Line one.\n Line two.")
@example("“Quoted,” he said. Mr. Smith left at 3 p.m. on Dec. 1.")
@example("AT&T and Q&A rose. The A\\/H1N1 virus | spread.\n\nIt & it.")
@example("x &#169 y")
@example("&#x41 x &#65")
@example("A ` stray tick.\n\nAnd `one` pair.")
def test_plain_prose_renders_as_python_markdown_renders_it(body):
    from generator import content

    fast = content.render_markdown(body)
    if content._plain_paragraphs(body) is None:
        return  # (rendered by Python-Markdown itself)
    markdown = content._markdown()
    markdown.reset()
    markdown.tlgen_blocks = ()
    made = markdown.convert(body)
    assert fast == (content.sanitize_html(made), tuple(markdown.tlgen_blocks))
    assert content.sanitize_html(fast[0]) == fast[0]  # (so it is left unsanitized)


def test_plain_prose_is_most_news_text():
    from generator import content

    assert content._plain_paragraphs("Officials said on Tuesday that the talks, begun in May, "
                                     "would resume.\n\n“We are ready,” she said.") is not None
    for markup in ("a *b*", "a\n- b", "a\n\n1. b", "a  \nb", "a &amp; b", "a <i>b</i>", "a\n    b",
                   "a \\*b", "a\n| b |", "&#169;", "a `b` c", "a ` b\nc ` d", "```\ncode\n```"):
        assert content._plain_paragraphs(markup) is None, markup
    for text in ("AT&T shares rose.", "The A\\/H1N1 strain | spread.", "A ` here.\n\nA ` there."):
        assert content._plain_paragraphs(text) is not None, text


# --- the end-anchored patterns of extract, searched from near the end only (extract._at_end):
# each must find exactly what a search of the whole text finds, whatever the spacing.
from generator import extract as X  # noqa: E402

_TAIL_WORDS = ["on", "the", "early", "late", "small", "hours", "of", "by", "very", "end", "as", "prior", "to",
               "later", "earlier", "too", "was", "is", "been", "came", "happened", "spent", "that", "which", "who",
               "began", "opened", "said", "(", "[", "(on", "(in", "issued", "long", "ago", "no", "than", "such",
               "Fla.,", ",", "Saturday,", "Aug.", "14,", "June", "24,", "2010.", "2010", "day,", "Copyright",
               "\u00a9", "All", "rights", "reserved", "demanded", "1,000", "approximately", "x", "\u201con", "\"by"]
_GAPS = [" ", " ", " ", "  ", "\t", "\n", " \n ", "\u00a0", ""]
_LONGEST = ["on the early small hours of ", "by the very end of ", "late as of ", "as long ago as",
            "no later than", "It was issued (on ", "(issued today ", "a worker, Fla., Saturday, Aug. 14, 2010.",
            "the strike that began ", "which was opened ", "the man who died ", "He came ", "we spent ",
            "It was issued ( on ", "It happened on the ", "Photo: AP. All rights reserved", "\u00a9 2010 AP"]


def _spaced(draw_gap, phrase: str) -> str:
    return "".join(part + (draw_gap() if index < phrase.count(" ") else "")
                   for index, part in enumerate(phrase.split(" ")))


@st.composite
def _tail_texts(draw) -> str:
    """Words of the patterns, joined by any spacing (or none), with one of their longest
    matches somewhere, spaced any way too."""
    def gap() -> str:
        return draw(st.sampled_from(_GAPS))
    words = draw(st.lists(st.sampled_from(_TAIL_WORDS), max_size=14))
    at = draw(st.integers(0, len(words)))
    longest = _spaced(gap, draw(st.sampled_from(_LONGEST))) if draw(st.booleans()) else ""
    return "".join(word + gap() for word in words[:at]) + longest + "".join(gap() + word for word in words[at:]) \
        + draw(st.sampled_from(["", " ", "\n", " \t"]))


def _same(found, expected) -> bool:
    return (found is None) == (expected is None) and (
        found is None or (found.span(), found.groups()) == (expected.span(), expected.groups()))


def _check_tail(text: str, cut: int) -> None:
    end = len(text) - min(cut, len(text)) if cut > 100 else len(text)
    for pattern in X._END_RUNS:
        assert _same(X._at_end(pattern, text, end), pattern.search(text, 0, end)), (pattern.pattern[:40], text)
    assert X._without_dangling(text) == X._DANGLING.sub("", text)
    assert X._rights_notice(text) == (X._COPYRIGHT.search(text) is not None)
    if X._THAT_CLAUSE.search(text, 0, end) or X._RELATIVE_VERB_END.search(text, 0, end):
        assert X._relative_before(text, end)
    start = min(cut, end)
    assert _same(X._deadline_clause(text, start, end), X._BY_DEADLINE.search(text, start, end))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_tail_texts(), st.integers(0, 200))
def test_end_anchored_patterns_find_from_near_the_end_what_a_whole_search_finds(text, cut):
    _check_tail(text, cut)


@pytest.mark.parametrize("gap", [" ", "  ", "\t\n", "\u00a0"])
@pytest.mark.parametrize("phrase", _LONGEST + ["they demanded that the company pay the full sum of 1,000 "
                                               "dollars to all of the workers by "])
def test_end_anchored_patterns_find_their_longest_matches(phrase, gap):
    for before in ("", "Then ", "It said: \u201c"):
        _check_tail(before + phrase.replace(" ", gap), 0)
        _check_tail(before + phrase.replace(" ", gap) + gap, 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .!?:\nAa\u201c\"", max_size=60))
@example("2224 The Coast Guard posted. 2025: We wait.")
@example("12345 A. 1234 B.  2359 C")
@example("Why? 2224 The rig sank! 2231: It burns")
def test_live_blog_clocks_are_found_as_their_pattern_finds_them(text):
    # (the pattern with its place, which _entry_clocks checks after the digits)
    placed = re.compile(r"(?:^|(?<=[.!?]\s))" + X._ENTRY_CLOCK.pattern)
    assert [found.span() for found in X._entry_clocks(text)] == [found.span() for found in placed.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2003\x0b\x1c\x85ab,.;:!?)]\"\u201c\u201d", max_size=40))
@example('He said: \u201c\u201d, and " , "')
@example("a ] b ) c ; d")
def test_spacing_and_empty_quotes_are_tidied_as_their_patterns_do(text):
    assert X._single_spaced(text) == X._SPACES.sub(" ", text)
    assert X._without_empty_quotes(text) == X._EMPTY_QUOTE.sub("", text)
    spaced = X._single_spaced(text)  # (what _tidy tests _PUNCT_SPACE's need on)
    assert bool(X._PUNCT_SPACE.search(spaced)) == any(mark in spaced for mark in X._SPACED_PUNCT)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=8), st.integers(0, 10**9), st.text(max_size=8))
@example("a/b.html", "0f", 12, "")
@example("caf\u00e9/", "\x7f", 0, "\\")
def test_manifest_lines_are_the_json_of_their_entry(path, digest, size, key):
    import json

    from generator.build import _manifest_line
    line = _manifest_line(path, [digest, size, key])
    assert line == json.dumps(path) + ":" + json.dumps([digest, size, key], separators=(",", ":"))
    assert json.loads("{" + line + "}") == {path: [digest, size, key]}
