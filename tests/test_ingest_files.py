"""Discovery, decoding, layout choice, standard input and bad inputs."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from brinkwatch.ingest import files, read_paths
from brinkwatch.records import Article, ReadFailure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = (
    "Envoys Meet in Geneva\n\nBy Jane Doe, Reuters\n\nJanuary 10, 2022\n\n"
    "Envoys from both countries met in Geneva on Monday, officials said.\n\n"
    "A second round is planned.\n"
)


def read_all(*paths: str | Path, published: str | None = None) -> list[Article | ReadFailure]:
    return list(read_paths([str(p) for p in paths], published=published))


def only_article(items: list[Article | ReadFailure]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# --------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        ARTICLE.replace("\n", "\r").encode("utf-8"),
        ARTICLE.encode("utf-16"),
    ],
    ids=["utf8", "bom", "crlf", "bom-crlf", "cr", "utf16"],
)
def test_encodings_and_line_endings_give_the_same_article(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    article = only_article(read_all(path))
    assert article.title == "Envoys Meet in Geneva"
    assert article.agency == "Reuters" and article.published == "2022-01-10"
    assert article.text.startswith("Envoys from both countries")
    assert "\r" not in article.text and "\ufeff" not in article.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "“Nein”, said the minister — twice.".encode("cp1252"),
            "“Nein”, said the minister — twice.",
        ),
        ("Zürich hosts talks".encode("latin-1"), "Zürich hosts talks"),
        (b"Bytes \x81\x8d end", "Bytes \x81\x8d end"),  # undefined in CP-1252: Latin-1
        ("Мінськ".encode(), "Мінськ"),
    ],
)
def test_decoding_falls_back_from_utf8_to_cp1252_to_latin1(data: bytes, expected: str) -> None:
    assert files.decode_bytes(data) == expected


def test_cp1252_file_keeps_curly_quotes(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Title\n\nHe called it “a provocation”.\n".encode("cp1252"))
    assert only_article(read_all(path)).text == "He called it “a provocation”."


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (bytes(range(1, 32)) * 20, True),
        (ARTICLE.encode(), False),
        # Cyrillic UTF-8 whose last character is cut at the sniffing limit is still text
        (("x" + "Київ і Москва. " * 1000).encode(), False),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert files.looks_binary(data) is binary


# --------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n\n  \r\n", "empty"),
        ("image.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 10, "binary"),
        ("nul.txt", b"Title\n\nText\x00with a NUL byte.", "binary"),
        ("only_title.txt", b"Just a Headline\n", "no-body"),
        ("bad.json", b'{"text": "unterminated', "bad-json"),
        ("page.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no-body"),
    ],
)
def test_bad_files_become_named_failures(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [item] = read_all(path)
    assert isinstance(item, ReadFailure)
    assert (item.path, item.reason) == (str(path), reason)
    assert item.message


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    [item] = read_all(tmp_path / "nope.txt")
    assert isinstance(item, ReadFailure) and item.reason == "not-found"


def test_no_body_fixture_is_a_failure() -> None:
    [item] = read_all(FIXTURES / "text" / "no_body.txt")
    assert isinstance(item, ReadFailure) and item.reason == "no-body"


# --------------------------------------------------------------------- folders


def build_tree(root: Path) -> None:
    """b.txt, a/2.md, a/1.txt, a/deep/x.jsonl, a/loop -> a, .hidden, README.md,
    z_locked.txt, a broken link."""
    (root / "a" / "deep").mkdir(parents=True)
    (root / "b.txt").write_text(ARTICLE.replace("Geneva", "Bern"), encoding="utf-8")
    (root / "a" / "2.md").write_text(ARTICLE.replace("Geneva", "Vienna"), encoding="utf-8")
    (root / "a" / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a" / "deep" / "x.jsonl").write_text(
        '{"id": "j1", "text": "Oslo."}\n{"id": "j2", "text": "Riga."}\n', encoding="utf-8"
    )
    (root / "a" / "loop").symlink_to(root / "a", target_is_directory=True)
    (root / ".hidden").write_text(ARTICLE, encoding="utf-8")
    (root / "README.md").write_text("# Notes\n\nThis folder holds test articles.", encoding="utf-8")
    (root / "z_locked.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "z_locked.txt").chmod(0)
    (root / "y_broken").symlink_to(root / "missing.txt")


def describe(item: Article | ReadFailure, root: Path) -> str:
    if isinstance(item, ReadFailure):
        return f"{os.path.relpath(item.path, root)} !{item.reason}"
    # ids are always content hashes; a feed's own id is kept as source_id
    return f"{os.path.relpath(item.path or '', root)} {item.source_id or ''}"


def test_folder_tree_is_walked_sorted_and_failures_do_not_stop_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_tree(tmp_path)
    real_read = files.read_file_bytes

    def read_unless_locked(path: str) -> bytes:
        # chmod 0 does not stop root, so the permission error is also simulated
        if path.endswith("z_locked.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_read(path)

    monkeypatch.setattr("brinkwatch.ingest.layouts.read_file_bytes", read_unless_locked)
    items = read_all(tmp_path)
    assert [describe(i, tmp_path).strip() for i in items] == [
        "a/1.txt",
        "a/2.md",
        "a/deep/x.jsonl j1",
        "a/deep/x.jsonl j2",
        "a/loop !symlink-loop",
        "b.txt",
        "y_broken !not-found",
        "z_locked.txt !unreadable",
    ]


def test_self_referencing_symlink_is_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "me").symlink_to(tmp_path / "me")
    [item] = read_all(tmp_path)
    assert isinstance(item, ReadFailure) and item.reason == "symlink-loop"


def test_paths_keep_the_order_given_and_the_spelling_given(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    items = read_all(tmp_path / "b.txt", tmp_path / "a.txt")
    assert [i.path for i in items] == [str(tmp_path / "b.txt"), str(tmp_path / "a.txt")]


def test_reading_is_streamed_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("1.txt", "2.txt", "3.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    opened: list[str] = []
    real_read = files.read_file_bytes

    def spy(path: str) -> bytes:
        opened.append(Path(path).name)
        return real_read(path)

    monkeypatch.setattr("brinkwatch.ingest.layouts.read_file_bytes", spy)
    stream = read_paths([str(tmp_path)])
    next(stream)
    assert opened == ["1.txt"]


# --------------------------------------------------------------------- layout choice


@pytest.mark.parametrize(
    ("name", "content", "expected_title"),
    [
        ("page.htm", "html", "Allies Add Fighter Jets to Baltic Air Policing"),
        ("page.data", "html", "Allies Add Fighter Jets to Baltic Air Policing"),  # sniffed
        ("feed", "jsonl", "From a Feed"),  # sniffed: no ending
        ("array.dat", "json", "From an Array"),  # sniffed
        ("notes", "text", "Envoys Meet in Geneva"),  # sniffed
    ],
)
def test_layout_by_ending_then_by_content(
    tmp_path: Path, name: str, content: str, expected_title: str
) -> None:
    payload = {
        "html": (FIXTURES / "html" / "baltic_patrols.html").read_text(encoding="utf-8"),
        "jsonl": '{"text": "One.", "title": "From a Feed"}\n{"text": "Two."}\n',
        "json": '[{"text": "One.", "title": "From an Array"}]',
        "text": ARTICLE,
    }[content]
    (tmp_path / name).write_text(payload, encoding="utf-8")
    first = read_all(tmp_path / name)[0]
    assert isinstance(first, Article) and first.title == expected_title


# --------------------------------------------------------------------- standard input


def test_stdin_is_read_as_layout_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    article = only_article(read_all("-"))
    assert article.path == "-"
    assert article.title == "Envoys Meet in Geneva" and article.published == "2022-01-10"


def test_stdin_bytes_are_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    article = only_article(read_all("-", published="2022-01-01"))
    assert article.title == "Envoys Meet in Geneva" and "\r" not in article.text


@pytest.mark.parametrize(
    ("stdin", "reason"), [("", "empty"), ("\n \n", "empty"), ("Title\n", "no-body")]
)
def test_bad_stdin_is_a_failure(monkeypatch: pytest.MonkeyPatch, stdin: str, reason: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    [item] = read_all("-")
    assert isinstance(item, ReadFailure) and (item.path, item.reason) == ("-", reason)


def test_readme_is_skipped_in_folders_but_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Notes\n\nThis folder holds articles.", encoding="utf-8")
    assert read_all(tmp_path) == []
    assert only_article(read_all(tmp_path / "README.md")).title == "Notes"


def test_missing_stdin_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    [item] = read_all("-")
    assert isinstance(item, ReadFailure) and item.reason == "unreadable"


def test_pathlib_paths_are_accepted_and_paths_stay_strings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [item] = list(read_paths([tmp_path]))  # type: ignore[list-item]
    assert isinstance(item, Article) and item.path == str(tmp_path / "a.txt")


def test_oversized_file_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("brinkwatch.ingest.files.MAX_FILE_BYTES", 100)
    monkeypatch.setattr("brinkwatch.ingest.layouts.MAX_FILE_BYTES", 100)
    (tmp_path / "long.txt").write_text(ARTICLE * 3, encoding="utf-8")
    [item] = read_all(tmp_path / "long.txt")
    assert isinstance(item, ReadFailure) and item.reason == "too-large"


def test_saved_page_named_index_html_is_read(tmp_path: Path) -> None:
    page = tmp_path / "2022" / "01" / "24" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text((FIXTURES / "html" / "baltic_patrols.html").read_text(encoding="utf-8"))
    assert only_article(read_all(tmp_path)).path == str(page)
