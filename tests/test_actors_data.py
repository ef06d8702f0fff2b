"""The actor data files: every row parses, codes are valid, terms are ordered,
and the dictionary covers the states and office holders crisis news needs."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date

import pytest

from brinkwatch.errors import DataFileError
from brinkwatch.extract import actor_data
from brinkwatch.extract.actor_dictionary import ActorDictionary, pick_term
from brinkwatch.records import SECTORS


def test_every_file_loads() -> None:
    assert len(actor_data.load_states()) >= 197
    for loader in (
        actor_data.load_metonyms,
        actor_data.load_orgs,
        actor_data.load_bodies,
        actor_data.load_groups,
        actor_data.load_roles,
        actor_data.load_people,
    ):
        assert loader(), loader.__name__


def test_states_are_unique_iso3_codes() -> None:
    codes = [s.iso3 for s in actor_data.load_states()]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 3 and c.isupper() and c.isalpha() for c in codes)
    assert {"XKX", "TWN", "PSE", "VAT", "UKR", "RUS", "BLR"} <= set(codes)


@pytest.mark.parametrize(
    ("iso3", "demonym"),
    [("RUS", "Russian"), ("USA", "American"), ("GBR", "British"), ("UKR", "Ukrainian"),
     ("BLR", "Belarusian"), ("BLR", "Belarussian"), ("POL", "Polish"), ("DEU", "German")],
)  # fmt: skip
def test_demonyms_listed(iso3: str, demonym: str) -> None:
    state = {s.iso3: s for s in actor_data.load_states()}[iso3]
    assert demonym in state.demonyms


def test_every_code_used_elsewhere_is_a_known_state() -> None:
    states = {s.iso3 for s in actor_data.load_states()}
    used = [m.country for m in actor_data.load_metonyms()]
    used += [p.country for p in actor_data.load_people()]
    used += [b.country for b in actor_data.load_bodies()]
    assert {c for c in used if c} <= states


def test_person_orgs_are_listed_organisations() -> None:
    orgs = {o.org for o in actor_data.load_orgs()}
    assert {p.org for p in actor_data.load_people() if p.org} <= orgs


def test_terms_are_ordered_and_do_not_overlap_for_one_person() -> None:
    terms: defaultdict[str, list[actor_data.PersonRow]] = defaultdict(list)
    for p in actor_data.load_people():
        assert p.start is not None, p.name
        assert p.end is None or p.start <= p.end, p.name
        assert p.sector in SECTORS, p.name
        terms[p.name].append(p)
    for name, rows in terms.items():
        rows.sort(key=lambda r: r.start or date.min)
        for before, after in itertools.pairwise(rows):
            assert before.end is not None and before.end <= (after.start or date.max), name


def test_one_holder_per_office_at_a_time() -> None:
    """Two people holding the same office on the same day would make a title ambiguous."""
    dictionary = ActorDictionary.load()
    for (code, office), rows in dictionary.holders.items():
        for row in rows:
            if row.start is None:
                continue
            holder = dictionary.holder(code, office, row.start, row.sector)
            assert holder is not None, (code, office, row.name, row.start)


def test_pick_term_without_date_takes_the_latest() -> None:
    rows = ActorDictionary.load().people["Jens Stoltenberg"]
    term = pick_term(rows, None)
    assert term is not None and term.start == max(r.start for r in rows if r.start)


def test_a_bad_code_is_reported_with_its_place() -> None:
    with pytest.raises(DataFileError, match=r"people\.tsv:7"):
        actor_data.check_country("Russia", "data/actors/people.tsv:7")
    with pytest.raises(DataFileError, match="sector"):
        actor_data.check_sector("ARMY", "data/actors/roles.tsv:3")
    with pytest.raises(DataFileError, match="date"):
        actor_data.check_date("2022-13-01", "data/actors/people.tsv:9")


@pytest.mark.parametrize(
    "name",
    ["modifiers.tsv", "prepositions.tsv", "first_names.tsv", "blockers.tsv", "org_heads.tsv",
     "roles.tsv", "metonyms.tsv", "groups.tsv", "descriptions.tsv", "states.tsv"],
)  # fmt: skip
def test_first_column_is_a_unique_key(name: str) -> None:
    lines = (actor_data.DATA_DIR / name).read_text(encoding="utf-8").splitlines()[1:]
    keys = [line.split("\t")[0] for line in lines if line.strip()]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_short_forms_do_not_shadow_other_names() -> None:
    """A surname listed as a short form must not also be a state, demonym or organisation."""
    names = {s.name for s in actor_data.load_states()}
    names |= {a for s in actor_data.load_states() for a in (*s.aliases, *s.demonyms)}
    names |= {o.name for o in actor_data.load_orgs()} | {o.org for o in actor_data.load_orgs()}
    shorts = {s for p in actor_data.load_people() for s in p.short}
    assert not shorts & names
