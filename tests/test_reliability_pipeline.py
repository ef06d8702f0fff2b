"""Hostile article bodies through the whole pipeline: it never blows up, offsets stay valid."""

from __future__ import annotations

import time
from typing import Any

import pytest

from brinkwatch.nlp import load_nlp
from brinkwatch.pipeline import process_many, truncate_article
from brinkwatch.records import Article, ArticleRecord, Section
from brinkwatch.settings import Settings

PARAGRAPH = (
    "Moscow said on Monday that 3,000 more soldiers had reached the border near Kharkiv. "
    "NATO's chief warned Russia against any attack, and talks in Geneva went on.\n\n"
)


def assert_offsets_index_the_text(record: ArticleRecord) -> None:
    """Every span names a slice of article.text, and the slice is its text."""
    text = record.article.text
    spans: list[Any] = [*record.entities, *record.times, *record.places, *record.quantities]
    spans += [e.trigger for e in record.events]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
    for item in (*record.events, *record.quotes):
        assert 0 <= item.start <= item.end <= len(text), item
    for section in record.article.sections:
        assert 0 <= section.start <= section.end <= len(text), section


def run_one(text: str, settings: Settings | None = None, published: str | None = None) -> Any:
    article = Article(id="rel", text=text, published=published, sections=(Section(None, 0,
                      len(text)),))  # fmt: skip
    return next(process_many([article], settings or Settings()))


def test_twenty_megabyte_article_is_truncated_in_the_article_itself() -> None:
    body = PARAGRAPH * (20_000_000 // len(PARAGRAPH) + 1)
    assert len(body) > 20_000_000
    record = run_one(body, Settings().replace(max_article_chars=5_000), "2022-01-24")
    assert len(record.article.text) == 5_000
    assert body.startswith(record.article.text)
    assert [e.stage for e in record.errors] == ["truncate"]
    assert "5,000" in record.errors[0].message
    assert record.entities and record.times  # the kept part was extracted
    assert_offsets_index_the_text(record)


def test_default_limit_is_clipped_to_what_spacy_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Above nlp.max_length spaCy raises for the whole batch; the pipeline must cut first.
    nlp = load_nlp(Settings().spacy_model)  # the instance process_many uses
    monkeypatch.setattr(nlp, "max_length", 4_000)
    record = run_one(PARAGRAPH * 100, Settings(), "2022-01-24")
    assert len(record.article.text) == 4_000
    assert record.errors and record.errors[0].stage == "truncate"
    assert_offsets_index_the_text(record)


@pytest.mark.parametrize(
    ("sections", "kept"),
    [
        ((Section(None, 0, 50), Section("Later", 50, 200)), (Section(None, 0, 50),
                                                              Section("Later", 50, 80))),
        ((Section(None, 0, 100), Section("Gone", 100, 200)), (Section(None, 0, 80),)),
    ],
)  # fmt: skip
def test_truncation_clips_sections(
    sections: tuple[Section, ...], kept: tuple[Section, ...]
) -> None:
    article = Article(id="s", text="x" * 200, sections=sections)
    cut, error = truncate_article(article, 80)
    assert cut.sections == kept and error is not None
    assert truncate_article(cut, 80) == (cut, None)


@pytest.mark.parametrize(
    "clause",
    [
        "the convoy of trucks and armoured vehicles moved slowly along the road past villages "
        "and fields while officials in Kyiv counted them",
        # dense with names, places, numbers, dates and speech verbs: every extractor works
        "Russia said NATO troops moved near Kyiv and the minister warned that talks in Geneva "
        "would continue with 5,000 soldiers on Monday",
    ],
)
def test_five_thousand_word_sentence_stays_fast(clause: str) -> None:
    words = clause.split()
    sentence = " ".join(words[i % len(words)] for i in range(5_000))
    text = f"{sentence[0].upper()}{sentence[1:]}.\n\nRussia denied the report on Tuesday."
    run_one("Warm-up: load the model and the data before timing.")
    started = time.perf_counter()
    record = run_one(text, published="2022-02-01")
    assert time.perf_counter() - started < 10.0
    assert not record.errors
    assert_offsets_index_the_text(record)


@pytest.mark.parametrize(
    ("name", "text", "published"),
    [
        ("unbalanced opening quote", 'Lavrov said: "the West is ignoring us. NATO denied it.',
         "2022-01-21"),
        ("unbalanced closing quote", 'He replied nothing." Then Kyiv called for calm.',
         "2022-01-21"),
        ("curly quotes never closed", "\u201cWe will respond, the minister said on Friday.",
         "2022-01-21"),
        ("german", "Der Kanzler reiste am Montag nach Kiew und traf den Präsidenten.",
         "2022-02-14"),
        ("russian", "Министр заявил в понедельник, что войска вернутся на базы.", "2022-02-15"),
        ("chinese", "外交部发言人周一表示，各方应通过对话解决分歧。", "2022-02-15"),
        ("no date", "Russia said on Monday it would keep talking to NATO.", None),
        ("future date", "Russia said on Monday it would keep talking to NATO.", "2031-05-04"),
        ("unparseable date", "Russia said on Monday it would keep talking to NATO.", "soon"),
        ("emoji and controls", "Kyiv \U0001f1fa\U0001f1e6 said\u200b on Monday\u2028 ok.",
         "2022-01-24"),
        ("only punctuation", "!!! ??? ... --- ''' \"\"\"", "2022-01-24"),
    ],
)  # fmt: skip
def test_odd_bodies_give_a_record_without_errors(name: str, text: str, published: str) -> None:
    record = run_one(text, published=published)
    assert not record.errors, (name, record.errors)
    assert_offsets_index_the_text(record)


def test_future_publication_date_resolves_relative_times_against_it() -> None:
    record = run_one("Russia said on Monday it would keep talking.", published="2031-05-07")
    assert [t.value[:4] for t in record.times if t.type == "DATE"] == ["2031"]
