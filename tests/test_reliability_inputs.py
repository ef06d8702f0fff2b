"""Bad inputs through `brinkwatch ingest`: each is named on stderr with its reason, gets a row
in ingest_errors, the batch goes on, and the exit code says how much was read (README)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from brinkwatch.cli import EXIT_NOTHING_READ, EXIT_OK, EXIT_SOME_SKIPPED, app
from brinkwatch.ingest import read_paths
from brinkwatch.records import Article, ReadFailure
from brinkwatch.store.db import Store

runner = CliRunner()
GOOD = (
    "Baltic Ministers Meet in Riga\n\nFebruary 2, 2022\n\n"
    "The foreign ministers of Estonia, Latvia and Lithuania met in Riga on Wednesday and "
    "asked NATO to send more troops to the region.\n"
)

BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n\t\n", "empty"),
    ("photo.txt", bytes(range(256)) * 40, "binary"),
    ("nul.html", b"<html><body>\x00\x00\x00</body></html>", "binary"),
    ("nobody.html", b"<html><head><title>Only a head</title></head></html>", "no-body"),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no-body"),
    ("title-only.txt", b"A Headline Alone\n", "no-body"),
    ("broken.json", b'{"text": "never closed', "bad-json"),
    ("notext.json", b'{"title": "no body field"}', "bad-record"),
]  # fmt: skip


def ingest(db: Path, *paths: Path | str, env: dict[str, str] | None = None) -> Result:
    args = ["ingest", *map(str, paths), "--db", str(db), "--batch-size", "4"]
    return runner.invoke(app, args, env=env)


def flat(text: str) -> str:
    """Output without whitespace: rich wraps long paths at the console width."""
    return "".join(text.split())


def error_rows(db: Path) -> list[tuple[str, str]]:
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT path, reason FROM ingest_errors ORDER BY path")
    return [(str(r["path"]), str(r["reason"])) for r in rows]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file_alone_is_named_recorded_and_exits_4(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest(tmp_path / "db.duckdb", path)
    assert result.exit_code == EXIT_NOTHING_READ, result.output
    assert flat(str(path)) in flat(result.output) and f"skipped({reason})" in flat(result.output)
    assert error_rows(tmp_path / "db.duckdb") == [(str(path), reason)]


def test_mixed_folder_goes_on_past_every_bad_file_and_exits_3(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data, _ in BAD_FILES:
        (folder / name).write_bytes(data)
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    result = ingest(tmp_path / "db.duckdb", folder)
    assert result.exit_code == EXIT_SOME_SKIPPED, result.output
    expected = {(str(folder / n), r) for n, _, r in BAD_FILES} | {
        (str(folder / "loop"), "symlink-loop")}  # fmt: skip
    assert set(error_rows(tmp_path / "db.duckdb")) == expected
    with Store(tmp_path / "db.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_good_input_exits_0_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    first = ingest(tmp_path / "db.duckdb", tmp_path / "good.txt")
    again = ingest(tmp_path / "db.duckdb", tmp_path / "good.txt")
    assert (first.exit_code, again.exit_code) == (EXIT_OK, EXIT_OK), first.output
    assert "stored 1" in first.output and "unchanged 1" in again.output


def test_invalid_utf8_is_read_through_the_fallback_decoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(GOOD.replace("Riga", "R\xefga").encode("latin-1") + b"\xff\xfe\x81 end.\n")
    result = ingest(tmp_path / "db.duckdb", path)
    assert result.exit_code == EXIT_OK, result.output
    with Store(tmp_path / "db.duckdb", read_only=True) as store:
        [row] = store.query("SELECT text FROM articles")
    assert "Rïga" in row["text"]


def test_symlink_to_itself_is_a_named_loop(tmp_path: Path) -> None:
    link = tmp_path / "self.txt"
    link.symlink_to(link)
    result = ingest(tmp_path / "db.duckdb", link)
    assert result.exit_code == EXIT_NOTHING_READ
    assert error_rows(tmp_path / "db.duckdb") == [(str(link), "symlink-loop")]


def test_unreadable_file_and_folder_are_named(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading")
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "good.txt").write_text(GOOD.replace("Riga", "Vilnius"), encoding="utf-8")
    for path in (tmp_path / "locked.txt", tmp_path / "closed"):
        path.chmod(0)
    try:
        result = ingest(tmp_path / "db.duckdb", tmp_path / "locked.txt", tmp_path / "closed",
                        tmp_path / "good.txt")  # fmt: skip
    finally:
        for path in (tmp_path / "locked.txt", tmp_path / "closed"):
            path.chmod(0o700)
    assert result.exit_code == EXIT_SOME_SKIPPED, result.output
    assert {r for _, r in error_rows(tmp_path / "db.duckdb")} == {"unreadable"}


def test_twenty_megabyte_file_is_stored_truncated_with_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = "Officials in Warsaw said on Friday that more trains had left for Lviv.\n\n"
    path.write_text("Huge Article\n\n" + paragraph * (20_000_000 // len(paragraph)), "utf-8")
    env = {"BRINKWATCH_MAX_ARTICLE_CHARS": "20000"}
    result = ingest(tmp_path / "db.duckdb", path, env=env)
    assert result.exit_code == EXIT_OK, result.output
    assert "articles with extraction errors: 1" in result.output
    with Store(tmp_path / "db.duckdb", read_only=True) as store:
        [row] = store.query("SELECT length(text) AS n, errors FROM articles")
    assert row["n"] == 20_000
    assert [e["stage"] for e in json.loads(row["errors"])] == ["truncate"]


def write_jsonl(path: Path, lines: int, broken_every: int) -> int:
    """A feed where every ``broken_every``-th line is cut short; returns the broken count."""
    broken = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(1, lines + 1):
            line = json.dumps({"id": n, "text": f"Report number {n} from the border.",
                               "published": "2022-02-10"})  # fmt: skip
            if n % broken_every == 0:
                line, broken = line[: len(line) // 2], broken + 1
            out.write(line + "\n")
    return broken


def test_hundred_thousand_line_feed_is_read_with_each_broken_line_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    broken = write_jsonl(path, 100_000, 997)
    started = time.perf_counter()
    items = list(read_paths([str(path)]))
    assert time.perf_counter() - started < 30
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert len(failures) == broken == 100
    assert sum(isinstance(i, Article) for i in items) == 100_000 - broken
    assert failures[0].path == f"{path}:997" and failures[0].reason == "bad-json"


def test_small_feed_with_broken_lines_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, 6, 3)
    result = ingest(tmp_path / "db.duckdb", path)
    assert result.exit_code == EXIT_SOME_SKIPPED, result.output
    assert error_rows(tmp_path / "db.duckdb") == [(f"{path}:3", "bad-json"),
                                                  (f"{path}:6", "bad-json")]  # fmt: skip
    assert "skipped(bad-json):2" in flat(result.output)


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db",
                                 str(tmp_path / "db.duckdb"), "--published", "31/02/2022"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


@pytest.mark.parametrize(
    ("date_line", "name", "expected"),
    [
        ("February 30, 2022", "odd.txt", None),
        ("Sometime next spring", "vague.txt", None),
        ("March 3, 2091", "future.txt", "2091-03-03"),
        ("", "2022-02-11-undated.txt", "2022-02-11"),
        ("31/31/2022", "2022-02-12-slashes.txt", "2022-02-12"),
    ],
)
def test_odd_or_missing_dates_never_stop_reading(
    tmp_path: Path, date_line: str, name: str, expected: str | None
) -> None:
    body = "Minsk Hosts Drills\n\n" + (f"{date_line}\n\n" if date_line else "")
    (tmp_path / name).write_text(body + "Belarus said the drills would end soon.\n", "utf-8")
    [article] = list(read_paths([str(tmp_path / name)]))
    assert isinstance(article, Article), article
    assert article.published == expected
