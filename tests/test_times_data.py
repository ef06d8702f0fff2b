"""The bundled time lexicon and grammar load, and every rule is wired to a handler."""

from __future__ import annotations

import pytest

from brinkwatch.errors import DataFileError
from brinkwatch.extract.time_lexicon import compile_rule, load_time_lexicon
from brinkwatch.extract.time_normalize import HANDLERS


def test_every_rule_names_a_known_handler() -> None:
    rules = load_time_lexicon().rules
    assert {rule.handler for rule in rules} <= set(HANDLERS)


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in load_time_lexicon().rules]
    assert len(names) == len(set(names))


def test_every_rule_has_something_to_look_around() -> None:
    """A rule without triggers would scan whole articles and slow every extraction."""
    assert all(not rule.everywhere for rule in load_time_lexicon().rules)


def test_trigger_words_leave_out_stop_words() -> None:
    triggers = load_time_lexicon().triggers
    assert "january" in triggers and "week" in triggers
    assert "the" not in triggers and "a" not in triggers


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [
        ({"name": "x", "handler": "ymd"}, "lacks"),
        ({"name": "x", "handler": "ymd", "pattern": "(?P<y>"}, "not a valid regex"),
        ({"name": "x", "handler": "ymd", "pattern": "<<NOPE>>"}, "unknown <<NOPE>>"),
    ],
)
def test_malformed_rule_is_reported(raw: dict[str, str], complaint: str) -> None:
    tables = load_time_lexicon().tables
    with pytest.raises(DataFileError, match=complaint):
        compile_rule(raw, tables)
