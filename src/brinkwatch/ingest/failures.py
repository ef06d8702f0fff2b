"""Named read failures: what went wrong with an input and what to do about it."""

from __future__ import annotations

from brinkwatch.records import ReadFailure

_ADVICE: dict[str, str] = {
    "not-found": "check the path (a broken symlink also lands here)",
    "unreadable": "check the file's permissions and that it is a regular file",
    "symlink-loop": "remove or fix the symlink; it points back into a folder being read",
    "empty": "the file has no content; remove it or export the article again",
    "binary": "this is not a text article (NUL bytes or mostly non-text); remove it",
    "too-large": "split the file, or use .jsonl for large batches",
    "no-body": "check the export, or that the page is an article page",
    "bad-json": "fix the JSON syntax (one object per line in .jsonl files)",
    "bad-record": "each record must be a JSON object with a non-empty string field 'text'",
    "html-error": "the HTML extractor failed; save the page again or export it as text",
}


def failure(path: str, reason: str, detail: str) -> ReadFailure:
    """A :class:`ReadFailure` whose message says what was wrong and what to do."""
    advice = _ADVICE.get(reason, "skip this input")
    return ReadFailure(path=path, reason=reason, message=f"{detail}; {advice}")
