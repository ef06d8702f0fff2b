"""Analysis over the store: one event per real event, escalation, alerts, claims,
deployments and the actor network — each on small stores built here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from brinkwatch.analysis.claims import claim_pairs
from brinkwatch.analysis.deployments import deployments
from brinkwatch.analysis.escalation import alerts, timeline, weight
from brinkwatch.analysis.merge import rebuild_clusters
from brinkwatch.analysis.network import network
from brinkwatch.records import Event, Place
from brinkwatch.store.db import Store
from factories import actor, event, record


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "a.duckdb") as s:
        yield s


def clusters(store: Store) -> list[dict[str, object]]:
    rebuild_clusters(store)
    return store.query("SELECT * FROM event_clusters ORDER BY first_day, cluster_id")


def test_same_event_in_two_articles_is_one_real_event(store: Store) -> None:
    store.write_batch([
        record("a1", "2022-02-02", [event("a1", 0, "MOBILIZE", "USA", None, "2022-02-02",
                                          quantity=3000)]),
        record("a2", "2022-02-03", [event("a2", 0, "MOBILIZE", "USA", None, "2022-02-03",
                                          quantity=3000)]),
    ])  # fmt: skip
    rows = clusters(store)
    assert [(r["mentions"], r["articles"]) for r in rows] == [(2, 2)]
    assert store.counts()["events"] == 2  # the mentions stay queryable


@pytest.mark.parametrize(
    ("second_day", "second_qty", "expected_clusters"),
    [
        ("2022-02-03", 3000, 1),
        ("2022-02-05", 3000, 2),  # more than a day apart
        ("2022-02-03", 8500, 2),  # incompatible quantity
        ("2022-02-03", None, 1),  # unknown quantity is compatible
    ],
)
def test_merge_rules(
    store: Store, second_day: str, second_qty: float | None, expected_clusters: int
) -> None:
    store.write_batch([
        record("a1", "2022-02-02", [event("a1", 0, "MOBILIZE", "USA", None, "2022-02-02",
                                          quantity=3000)]),
        record("a2", second_day, [event("a2", 0, "MOBILIZE", "USA", None, second_day,
                                         quantity=second_qty)]),
    ])  # fmt: skip
    assert len(clusters(store)) == expected_clusters


def _crisis(store: Store) -> None:
    """Two quiet weeks of talks, then a burst of threats and accusations."""
    recs = []
    for i in range(1, 15):
        day = f"2022-01-{i:02d}"
        recs.append(record(f"q{i}", day, [event(f"q{i}", 0, "CONSULT", "RUS", "USA", day)]))
    burst = [event("b1", i, "THREATEN", "RUS", "USA", "2022-01-15", text=f"threat {i}")
             for i in range(3)]  # fmt: skip
    burst.append(event("b1", 3, "MOBILIZE", "RUS", "UKR", "2022-01-15", quantity=100000))
    recs.append(record("b1", "2022-01-15", burst))
    store.write_batch(recs)
    rebuild_clusters(store)


def test_escalation_index_rises_with_conflict(store: Store) -> None:
    _crisis(store)
    points = timeline(store, "RUS", "USA")
    assert points[0].index < 0  # cooperation lowers the index
    assert points[-1].index == pytest.approx(4.4)  # one real threat, one article
    assert points[-1].verbal_conflict == 1  # the three threats are one real event
    assert weight(1) == 1.0 and weight(4) == 3.0


def test_alert_fires_on_the_burst_and_names_its_events(store: Store) -> None:
    _crisis(store)
    found = alerts(store, "RUS", "USA,NATO")
    assert [str(a.day) for a in found] == ["2022-01-15"]
    assert found[0].drivers[0]["type"] == "THREATEN"
    assert found[0].drivers[0]["article_id"] == "b1"


def test_claim_is_paired_with_the_denial(store: Store) -> None:
    store.write_batch([
        record("c1", "2022-01-22", [event("c1", 0, "ACCUSE", "GBR", "RUS", "2022-01-22")]),
        record("c2", "2022-01-23", [event("c2", 0, "REJECT", "RUS", "GBR", "2022-01-23")]),
        record("c3", "2022-01-24", [event("c3", 0, "ACCUSE", "USA", "RUS", "2022-01-24")]),
        record("c4", "2022-02-10", [event("c4", 0, "REJECT", "RUS", "USA", "2022-02-10")]),
    ])  # fmt: skip
    rebuild_clusters(store)
    pairs = {(p.claim["source_code"], p.counter["id"] if p.counter else None)
             for p in claim_pairs(store)}  # fmt: skip
    assert pairs == {("GBR", "c2-0"), ("USA", None)}  # too late to count as an answer


@pytest.mark.parametrize(
    ("denied", "answers"),
    [
        (event("n1", 0, "ASSAULT", "RUS", "UKR", "2022-01-24", negated=True), True),
        # a negated cooperative act is no denial ("Moscow was not pulling back")
        (event("n1", 0, "RETREAT", "RUS", None, "2022-01-24", negated=True), False),
        # the act is B's but the words are someone else's
        (
            replace(
                event("n1", 0, "ASSAULT", "RUS", "UKR", "2022-01-24", negated=True),
                attributed_to=actor("USA"),
            ),
            False,
        ),
    ],
)
def test_a_denial_is_a_negated_conflict_act_in_the_accused_own_words(
    store: Store, denied: Event, answers: bool
) -> None:
    store.write_batch([
        record("c1", "2022-01-23", [event("c1", 0, "ACCUSE", "USA", "RUS", "2022-01-23")]),
        record("n1", "2022-01-24", [denied]),
    ])  # fmt: skip
    rebuild_clusters(store)
    [pair] = claim_pairs(store)
    assert (pair.counter is not None) == answers


def test_a_self_accusation_is_no_claim(store: Store) -> None:
    store.write_batch([record("s1", "2022-01-23", [event("s1", 0, "ACCUSE", "UKR", "UKR",
                                                         "2022-01-23")])])  # fmt: skip
    rebuild_clusters(store)
    assert claim_pairs(store) == []


def test_deployment_ledger_reads_from_and_to(store: Store) -> None:
    text = "About 1,000 U.S. soldiers will move from Germany to Romania."
    g, r = text.index("Germany"), text.index("Romania")
    germany = Place("Germany", g, g + 7, "Germany", "DEU", "country", 51.0, 9.0)
    romania = Place("Romania", r, r + 7, "Romania", "ROU", "country", 46.0, 25.0)
    ev = event("d1", 0, "MOBILIZE", "USA", None, "2022-02-02", text=text, quantity=1000,
               place=romania, future=True)  # fmt: skip
    store.write_batch([record("d1", "2022-02-02", [ev], text=text, places=(germany, romania))])
    (row,) = deployments(store)
    assert (row["actor"], row["quantity"], row["from"], row["to"], row["future"]) == (
        "USA", 1000.0, "Germany", "Romania", True)  # fmt: skip


def _country(text: str, name: str, iso3: str) -> Place:
    at = text.index(name)
    return Place(name, at, at + len(name), name, iso3, "country", 50.0, 20.0)


def test_each_target_of_a_shared_deployment_goes_to_its_own_country(store: Store) -> None:
    text = "Troops based in Germany will go to Poland, Lithuania and Romania next week."
    names = [("Germany", "DEU"), ("Poland", "POL"), ("Lithuania", "LTU"), ("Romania", "ROU")]
    places = tuple(_country(text, n, c) for n, c in names)
    events = [event("d2", i, "MOBILIZE", "USA", code, "2022-02-02", text=text, place=places[1])
              for i, code in enumerate(["POL", "LTU", "ROU"])]  # fmt: skip
    store.write_batch([record("d2", "2022-02-02", events, text=text, places=places)])
    assert [(r["from"], r["to"]) for r in deployments(store)] == [
        ("Germany", "Poland"), ("Germany", "Lithuania"), ("Germany", "Romania")]  # fmt: skip


def test_an_event_dated_only_to_a_month_counts_on_the_day_reported(store: Store) -> None:
    ev = event("d3", 0, "MOBILIZE", "NLD", None, "2022-04", future=True)
    store.write_batch([record("d3", "2022-01-24", [ev])])
    assert str(deployments(store)[0]["day"]) == "2022-01-24"


def test_network_is_weighted_and_directed(store: Store) -> None:
    _crisis(store)
    net = network(store)
    edges = {(e["source"], e["target"]): e["events"] for e in net["edges"]}
    assert edges[("RUS", "USA")] == 8  # 14 daily talks merge pairwise (7) + 1 threat
    assert ("USA", "RUS") not in edges
    assert net["nodes"][0]["id"] == "RUS"
