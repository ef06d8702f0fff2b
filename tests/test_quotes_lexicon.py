"""The quote lexicon: bundled files load, malformed files fail with a useful message."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.errors import DataFileError
from brinkwatch.extract.quote_lexicon import QuoteLexicon, load_quote_lexicon


def test_bundled_lexicon_has_the_core_cues() -> None:
    lexicon = load_quote_lexicon()
    assert {"say", "tell", "warn", "accuse"} <= lexicon.reported_verbs
    assert "according to" in lexicon.cue_phrases
    assert "reporter" in lexicon.audiences
    assert ("kremlin", "RUS") in lexicon.countries
    assert lexicon.roles.index("foreign minister") < lexicon.roles.index("minister")


def _write_folder(folder: Path, cues: str) -> None:
    (folder / "cues.tsv").write_text(cues, encoding="utf-8")
    (folder / "audiences.txt").write_text("reporter\n", encoding="utf-8")
    (folder / "documents.txt").write_text("statement\n", encoding="utf-8")
    (folder / "roles.txt").write_text("spokesman\n", encoding="utf-8")
    (folder / "countries.tsv").write_text("kremlin\tRUS\n", encoding="utf-8")


def test_a_row_with_missing_fields_names_file_and_line(tmp_path: Path) -> None:
    _write_folder(tmp_path, "# comment\nsay\tverb\tyes\nwarn\tverb\n")
    with pytest.raises(DataFileError, match=r"cues\.tsv:3: expected 3"):
        QuoteLexicon.from_folder(tmp_path)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read quote data file"):
        QuoteLexicon.from_folder(tmp_path)


def test_a_wellformed_folder_loads(tmp_path: Path) -> None:
    _write_folder(tmp_path, "say\tverb\tyes\nsing\tverb\tno\naccording to\tphrase\tyes\n")
    lexicon = QuoteLexicon.from_folder(tmp_path)
    assert lexicon.cue_verbs == {"say", "sing"} and lexicon.reported_verbs == {"say"}
