"""The store: schemas derived from the records, lossless round trips, idempotent writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.errors import StoreError
from brinkwatch.records import (
    Actor,
    Article,
    ArticleRecord,
    Event,
    EventDate,
    Place,
    ProcessingError,
    Quantity,
    Quote,
    ReadFailure,
    Section,
    TimeMention,
    Trigger,
)
from brinkwatch.store.db import Store
from brinkwatch.store.schema import table, tables

RUS = Actor("Moscow", 0, 6, name="Russia", country="RUS", sector="GOV")
USA = Actor("Washington", 16, 26, name="United States", country="USA", sector="GOV")
TEXT = "Moscow accused Washington of stoking tensions in Geneva on Monday."


def make_record(article_id: str = "a1", text: str = TEXT) -> ArticleRecord:
    place = Place("Geneva", 49, 55, "Geneva", "CHE", "city", 46.2, 6.14, geonameid=2660646)
    event = Event(
        id=f"{article_id}-0", type="ACCUSE", sentence=text, start=0, end=len(text),
        trigger=Trigger("accused", 7, 14), quad_class=3, goldstein=-2.0, why="verb:accuse",
        contexts=("military",), cameo="112", source=RUS, target=USA,
        date=EventDate("2022-01-24", "on Monday"), place=place, confidence=0.9,
    )  # fmt: skip
    return ArticleRecord(
        article=Article(
            article_id, text, path="x.txt", title="T", authors=("A B", "C D"), agency="AFP",
            published="2022-01-25", related=("R",), sections=(Section(None, 0, len(text)),),
        ),
        entities=(RUS, USA),
        events=(event,),
        quotes=(Quote("stoking tensions", 29, 45, False, RUS, "accused"),),
        times=(TimeMention("on Monday", 56, 65, "DATE", "2022-01-24"),),
        places=(place,),
        quantities=(Quantity("8,500 troops", 0, 12, 8500.0, "troops", False, None),),
        errors=(ProcessingError("places", "example"),),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "t.duckdb") as s:
        yield s


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("events", {"source_country", "target_org", "trigger_text", "place_lat", "date_basis"}),
        ("articles", {"id", "authors", "sections", "published"}),
        ("quotes", {"speaker_name", "speaker_country", "direct", "cue"}),
    ],
)
def test_columns_are_derived_from_records(name: str, expected: set[str]) -> None:
    assert expected <= set(table(name).all_column_names)


def test_every_record_table_exists(store: Store) -> None:
    assert {t.name for t in tables()} | {"ingest_errors"} == set(store.counts())


def test_round_trip_is_lossless(store: Store) -> None:
    record = make_record()
    store.write_batch([record])
    assert store.load_record("a1") == record


def test_second_write_changes_nothing(store: Store) -> None:
    first = store.write_batch([make_record()])
    again = store.write_batch([make_record()])
    assert (first.stored, again.stored, again.unchanged) == (1, 0, 1)
    assert store.counts()["events"] == 1


def test_changed_article_replaces_its_rows(store: Store) -> None:
    store.write_batch([make_record()])
    result = store.write_batch([make_record(text=TEXT + " More.")])
    assert result.replaced == 1
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1


def test_failures_are_recorded(store: Store) -> None:
    store.write_batch([], [ReadFailure("bad.json", "bad-json", "line 3 is not JSON")])
    rows = store.query("SELECT path, reason FROM ingest_errors")
    assert rows == [{"path": "bad.json", "reason": "bad-json"}]


def test_a_failure_seen_again_is_recorded_once(store: Store) -> None:
    failure = ReadFailure("bad.json", "bad-json", "line 3 is not JSON")
    store.write_batch([], [failure])
    store.write_batch([], [failure])
    assert store.counts()["ingest_errors"] == 1


def test_delete_articles_removes_every_derived_row(store: Store) -> None:
    record = make_record()
    store.write_batch([record])
    assert store.delete_articles([record.article.id, "not-stored"]) == 1
    assert all(n == 0 for n in store.counts().values())


def test_failed_batch_leaves_nothing(store: Store) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction():
        store.con.execute("INSERT INTO ingest_errors (path, reason, message) VALUES ('p','r','m')")
        raise Boom
    assert store.counts()["ingest_errors"] == 0


def test_memory_limit_is_set_on_the_connection(tmp_path: Path) -> None:
    def limit(store: Store) -> str:
        return str(store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])

    with Store(tmp_path / "m.duckdb") as default:
        assert limit(default) == "488.2 MiB"  # Settings.store_memory_limit, 512MB
    with Store(tmp_path / "m.duckdb", memory_limit="1GiB") as given:
        assert limit(given) == "1.0 GiB"


def test_a_bad_memory_limit_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="memory limit"):
        Store(tmp_path / "m.duckdb", memory_limit="lots")


def test_a_writer_reopens_its_connection_and_loses_nothing(tmp_path: Path) -> None:
    # Reopening drops DuckDB's cache of written blocks (the writer's memory stays flat);
    # what was stored, the memory limit and idempotence must all survive it.
    with Store(tmp_path / "r.duckdb", memory_limit="1GiB", reopen_every=2) as store:
        first = store.con
        for n in range(5):
            store.write_batch([make_record(f"a{n}")])
        assert store.con is not first
        assert store.counts()["articles"] == 5
        assert store.counts()["events"] == 5
        again = store.write_batch([make_record(f"a{n}") for n in range(5)])
        assert (again.stored, again.unchanged) == (0, 5)
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert limit == ("1.0 GiB",)
        assert store.load_record("a3") == make_record("a3")


def test_an_in_memory_store_is_never_reopened() -> None:
    with Store(":memory:", reopen_every=1) as store:
        first = store.con
        store.write_batch([make_record("a1")])
        store.write_batch([make_record("a2")])
        assert store.con is first
        assert store.counts()["articles"] == 2


def test_child_tables_have_no_key_and_articles_keep_theirs(store: Store) -> None:
    # A key is an in-memory ART index that grows with every row (docs/benchmarks.md);
    # child rows are unique by construction, articles need theirs for idempotence.
    rows = store.query(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    )
    keyed = {r["table_name"] for r in rows}
    assert "articles" in keyed
    assert not keyed & {t.name for t in tables() if t.child}


def test_a_reopen_waits_for_a_file_lock_taken_in_between(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process may open the file in the moment the store has closed it.
    with Store(tmp_path / "w.duckdb", reopen_every=1) as store:
        real = store._connect
        attempts: list[int] = []

        def locked_once() -> object:
            attempts.append(1)
            if len(attempts) == 1:
                raise StoreError("cannot open the store: Conflicting lock is held")
            return real()

        monkeypatch.setattr(store, "_connect", locked_once)
        store.write_batch([make_record("a1")])
        assert len(attempts) == 2
        assert store.counts()["articles"] == 1
