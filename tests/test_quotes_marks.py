"""Quotation marks found by characters: no model needed."""

from __future__ import annotations

import pytest

from brinkwatch.extract.quote_marks import find_quoted_spans, is_title


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ('"We are ready," he said.', ["We are ready"]),
        ("“We are ready,” he said.", ["We are ready"]),
        ('"A," she said, "and B."', ["A", "and B."]),
        ("‘The door is open’, a diplomat said.", ["The door is open"]),
        ("The convoy’s route isn’t known.", []),
        ('It is 5" wide and "very long" too.', ["very long"]),
        ("“He said ‘no’ twice,” she recalled.", ["He said ‘no’ twice"]),
        ('An open "quote that never closes.', []),
    ],
)
def test_quoted_contents(text: str, contents: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == contents


def test_multi_paragraph_convention() -> None:
    text = '"First paragraph.\n\n"Second paragraph," she said.\n\n"Third."'
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "First paragraph.", "Second paragraph", "Third.",
    ]  # fmt: skip
    assert [(s.closed, s.continues) for s in spans] == [(False, False), (True, True), (True, False)]


@pytest.mark.parametrize(
    ("content", "title"),
    [("Face the Nation", True), ("Fox and Friends.", True), ("provocations", False),
     ("Contract with America.", True), ("The 411", True),
     ("We Are Ready", True), ("we are ready to talk", False), ("Putin", False)],
)  # fmt: skip
def test_titles(content: str, title: bool) -> None:
    assert is_title(content) is title
