"""Choosing which gazetteer entry a mention names.

Each candidate gets a prior (feature, population, whether our data files name it
as the usual reading) plus support from the rest of the article: the countries
and US states the *other* toponyms may belong to vote, each mention spreading one
vote over its readings.  So "Gainesville" next to "Hall County" and "Georgia"
settles on Gainesville, Georgia, while "Paris" alone stays the French capital.
A container after a comma ("Alexandria, La.") overrides everything.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from brinkwatch.extract.place_gazetteer import GazEntry
from brinkwatch.extract.place_mentions import Mention

FEATURE_PRIOR = {"country": 4.0, "admin1": 2.6, "water": 2.5, "other": 1.0}
CURATED_REGION_PRIOR = 3.5  # regions.tsv entries: Crimea, the Sahel, military districts
COUNTY_PRIOR = 1.0
CITY_POPULATION_WEIGHT = 0.45  # per order of magnitude of population
CAPITAL_BONUS = 1.5
PREFERRED_BONUS = 1.0
ALTERNATE_PENALTY = 1.0  # "Twickenham" for Huntsville: a historic name is a weak reading
COUNTRY_SUPPORT = 5.0
STATE_SUPPORT = 2.5
PROXIMITY_SUPPORT = 1.0
# Only first-pass choices this far ahead of their runner-up locate other names:
# two guesses must not confirm each other.
ANCHOR_MARGIN = 0.3
PROXIMITY_STEPS = ((50.0, 1.0), (150.0, 0.6), (400.0, 0.3))  # km -> share of the support
VOTE_SHARPNESS = 2.0
NAMESAKE_MAX_POPULATION = 50000  # how much a mention's likelier readings dominate its vote
# A small town that nothing else in the article points to is more often a
# surname or a street than a place: precision first.
MIN_UNSUPPORTED_POPULATION = 5000
MIN_SUPPORT = 0.3
# How surely the article must name a town's US state to keep the town as a reading
# of a country's name: about one mention that is most likely that state.
NAMESAKE_STATE_VOTE = 0.6
# Old or foreign names of big cities ("Gomel", "Kiev") stand on their own.
ALTERNATE_TRUSTED_POPULATION = 100000
# A capital as subject ("Moscow said") or owner ("Washington's allies") is its
# government, an actor, not a place.
METONYM_DEPS = frozenset({"nsubj", "poss"})


@dataclass(frozen=True, slots=True)
class Votes:
    """How strongly the article points at each country (ISO3) and US state (code)."""

    countries: Mapping[str, float]
    states: Mapping[str, float]

    @property
    def country_total(self) -> float:
        return sum(self.countries.values())


class _Support:
    """A chosen entry's support from the other names' votes, summed on first use: most
    names have one reading, which no vote can change, and :func:`_keep` reads the
    support of few of them (summing the other names' votes is most of a choice's cost)."""

    __slots__ = ("_entry", "_value", "_votes")

    def __init__(self, entry: GazEntry, votes: Callable[[], Votes]) -> None:
        self._entry = entry
        self._votes = votes
        self._value: float | None = None

    @classmethod
    def known(cls, entry: GazEntry, votes: Votes, total: float) -> _Support:
        """The support against votes already summed (``total``: their country total)."""
        support = cls(entry, lambda: votes)
        support._value = _support(entry, votes, total)
        return support

    def value(self) -> float:
        if self._value is None:
            votes = self._votes()
            self._value = _support(self._entry, votes, votes.country_total)
        return self._value


@dataclass(frozen=True, slots=True)
class Choice:
    mention: Mention
    entry: GazEntry
    lazy_support: _Support
    margin: float = math.inf  # score lead over the next reading

    @property
    def support(self) -> float:
        return self.lazy_support.value()


def resolve(mentions: tuple[Mention, ...]) -> tuple[Choice, ...]:
    """The chosen entry of every mention that resolves confidently and is not a metonym.

    Two passes: the first chooses by prior and votes alone; in the second only
    the names the first pass kept may vote (a stray "West" must not pull Paris
    to Texas), and closeness to the towns and counties they chose counts too."""
    cast: _CastVotes = {}
    first, first_others, first_scored = _first_pass(mentions, cast)
    kept = [c for c in first if _keep(c)]
    per_text = _votes_per_text((c.mention for c in kept), cast)
    anchors = [
        (c.mention.key, _Anchor.of(c.entry))
        for c in kept
        if _is_local(c.entry) and c.margin >= ANCHOR_MARGIN
    ]
    # Where the first pass kept every name, the votes are the very same objects: so
    # are their sums, and so is the score of a mention with no anchor near it.
    same = first_others.sums(per_text)
    others = first_others if same else _OtherVotes(per_text, first_others)
    near_by_key: dict[str, tuple[_Anchor, ...]] = {}
    scored: dict[_ScoreKey, _Scored] = {}
    choices = []
    for mention in mentions:
        key = mention.key
        near = near_by_key.get(key)
        if near is None:  # (the anchors a name is measured against depend on it alone)
            near = near_by_key[key] = tuple(a for text, a in anchors if text != key)
        as_first = same and not near
        choice = _choose_once(first_scored if as_first else scored, key, mention, others, near)
        if choice is not None and _keep(choice):
            choices.append(choice)
    return tuple(choices)


def _first_pass(
    mentions: tuple[Mention, ...], cast: _CastVotes
) -> tuple[list[Choice], _OtherVotes, dict[_ScoreKey, _Scored]]:
    """The choices by prior and votes alone, with the votes and scores they came from."""
    others = _OtherVotes(_votes_per_text(mentions, cast))
    scored: dict[_ScoreKey, _Scored] = {}
    choices = []
    for mention in mentions:
        key = mention.key
        choice = _choose_once(scored, key, mention, others, ())
        if choice is not None:
            choices.append(choice)
    return choices, others, scored


# (name, id of the candidates, id of the containers): within one pass, the votes and
# anchors a mention is scored against depend on its name alone, so these decide its
# choice.  The tuples are compared by identity (the mentions keep them alive through
# the pass): hashing every entry of them costs about as much as scoring them, and a
# repeat shares its original's tuples (and the gazetteer's cached lookups are shared).
_ScoreKey = tuple[str, int, int]
_Scored = tuple[GazEntry, _Support, float] | None  # entry, support, margin


def _choose_once(
    scored: dict[_ScoreKey, _Scored],
    key: str,
    mention: Mention,
    others: _OtherVotes,
    anchors: tuple[_Anchor, ...],
) -> Choice | None:
    """:func:`_choose`, scored once for the repeats of a name (``scored``: the scores so far)."""
    score_key = (key, id(mention.candidates), id(mention.containers))
    if score_key not in scored:
        scored[score_key] = _choose(mention, functools.partial(others.excluding, key), anchors)
    found = scored[score_key]
    return None if found is None else Choice(mention, *found)


def _is_local(entry: GazEntry) -> bool:
    """Towns and counties locate an article; countries and states are too large."""
    return entry.feature == "city" or (entry.feature == "region" and not entry.preferred)


def _closeness(entry: GazEntry, anchors: tuple[_Anchor, ...]) -> float:
    """PROXIMITY_SUPPORT for a candidate next to another place of the article, less further off."""
    if entry.feature in ("country", "admin1") or not anchors:
        return 0.0  # (tested first: no distance needed)
    nearest = _nearest_km(entry, anchors)
    if nearest is None:
        return 0.0
    for limit, share in PROXIMITY_STEPS:
        if nearest <= limit:
            return PROXIMITY_SUPPORT * share
    return 0.0


EARTH_RADIUS_KM = 6371.0
# An anchor whose latitude alone puts it further than this is beyond every proximity
# step (a great circle is never shorter than its north-south leg); the extra
# kilometre keeps rounding on the right side.
_FARTHEST_STEP_KM = PROXIMITY_STEPS[-1][0] + 1.0
_NEAREST_STEP_KM = PROXIMITY_STEPS[0][0]


@dataclass(frozen=True, slots=True)
class _Anchor:
    """An entry the first pass located, with the terms of the distance that depend on
    it alone: worked out once per article, not once per candidate measured against it."""

    entry: GazEntry
    lat: float  # radians
    cos_lat: float

    @classmethod
    def of(cls, entry: GazEntry) -> _Anchor:
        lat = math.radians(entry.lat)
        return cls(entry, lat, math.cos(lat))


def _nearest_km(entry: GazEntry, anchors: tuple[_Anchor, ...]) -> float | None:
    """The distance to the nearest anchor other than ``entry`` itself, or None when
    none is within the proximity steps (or there is none)."""
    lat = math.radians(entry.lat)
    cos_lat = math.cos(lat)
    nearest: float | None = None
    for anchor in anchors:
        if abs(anchor.lat - lat) * EARTH_RADIUS_KM > _FARTHEST_STEP_KM:
            continue  # too far whatever the longitudes
        km = _km_to(anchor, lat, cos_lat, entry.lon)
        # (an entry equal to the anchor is at distance 0: only then compare the two)
        if km == 0.0 and (anchor.entry is entry or anchor.entry == entry):
            continue
        if nearest is None or km < nearest:
            nearest = km
            if km <= _NEAREST_STEP_KM:
                break  # the full share: no anchor can be nearer in effect
    return nearest


def _km_to(anchor: _Anchor, lat: float, cos_lat: float, lon: float) -> float:
    """Great-circle distance (haversine) from the point at ``lat`` (radians, with its
    cosine) and ``lon`` (degrees) to ``anchor``."""
    dlat, dlon = anchor.lat - lat, math.radians(anchor.entry.lon - lon)
    h = math.sin(dlat / 2) ** 2 + cos_lat * anchor.cos_lat * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def _keep(choice: Choice) -> bool:
    entry = choice.entry
    if entry.capital and choice.mention.root.dep_ in METONYM_DEPS:
        return False
    if choice.mention.containers or entry.preferred:
        return True  # a comma-named state, or a name our own data files vouch for
    if entry.alternate and entry.population < ALTERNATE_TRUSTED_POPULATION:
        return choice.support >= MIN_SUPPORT
    if choice.mention.everyday_word:
        return choice.support >= MIN_SUPPORT
    if entry.feature != "city" or _only_reading(choice):
        return True
    return entry.population >= MIN_UNSUPPORTED_POPULATION or choice.support >= MIN_SUPPORT


def _only_reading(choice: Choice) -> bool:
    """A name spaCy marked as a place that only one town in the gazetteer bears."""
    return choice.mention.source == "place" and len(choice.mention.candidates) == 1


def _choose(
    mention: Mention, other_votes: Callable[[], Votes], anchors: tuple[_Anchor, ...]
) -> _Scored:
    """The best reading of ``mention`` given the other names' votes (summed only when
    there are readings to choose between) and the anchors near it."""
    readings = _within_containers(mention)
    if len(readings) == 1:
        # (_without_unsupported_towns keeps a lone reading, and no score is compared)
        return readings[0], _Support(readings[0], other_votes), math.inf
    votes = other_votes()
    candidates = _without_unsupported_towns(readings, votes)
    if not candidates:
        return None
    total = votes.country_total  # (summed once, not per candidate)
    # the first of the best-scored candidates, and the score of the next best
    best, top, runner_up = candidates[0], -math.inf, -math.inf
    for entry in candidates:
        score = _prior(entry) + _support_score(entry, votes, total) + _closeness(entry, anchors)
        if score > top:
            best, top, runner_up = entry, score, top
        elif score > runner_up:
            runner_up = score
    margin = top - runner_up if len(candidates) > 1 else math.inf
    return best, _Support.known(best, votes, total), margin


def _within_containers(mention: Mention) -> tuple[GazEntry, ...]:
    """Candidates inside the state or country named after a comma, if any fit."""
    if not mention.containers:
        return _without_namesakes(mention.candidates)
    inside = tuple(e for e in mention.candidates if any(_inside(e, c) for c in mention.containers))
    return inside or mention.candidates


def _without_unsupported_towns(
    candidates: tuple[GazEntry, ...], votes: Votes
) -> tuple[GazEntry, ...]:
    """A country under its own name ("Poland") outranks the small US towns named after
    it unless the article names the town's state too (Lebanon beside Tennessee)."""
    if not any(e.feature == "country" and not e.alternate for e in candidates):
        return candidates
    return tuple(
        e
        for e in candidates
        if e.feature != "city"
        or e.population >= NAMESAKE_MAX_POPULATION
        or (_is_us(e) and votes.states.get(e.admin1 or "", 0.0) >= NAMESAKE_STATE_VOTE)
    )


def _without_namesakes(candidates: tuple[GazEntry, ...]) -> tuple[GazEntry, ...]:
    """A region of our own data file ("Middle East", "Golan Heights") outranks the
    hamlets named after it."""
    if not any(e.preferred and e.feature in ("region", "water") for e in candidates):
        return candidates
    return tuple(
        e for e in candidates if e.feature != "city" or e.population >= NAMESAKE_MAX_POPULATION
    )


def _inside(entry: GazEntry, container: GazEntry) -> bool:
    if container.feature == "country":
        return entry.country == container.country and entry.feature != "country"
    return entry.country == "USA" and entry.admin1 == container.admin1 and entry != container


def _prior(entry: GazEntry) -> float:
    if entry.feature == "city":
        score = CITY_POPULATION_WEIGHT * math.log10(entry.population + 10)
        score += CAPITAL_BONUS if entry.capital else 0.0
    elif entry.feature == "region":
        score = CURATED_REGION_PRIOR if entry.preferred else COUNTY_PRIOR
    else:
        score = FEATURE_PRIOR.get(entry.feature, 1.0)
    score += PREFERRED_BONUS if entry.preferred else 0.0
    return score - (ALTERNATE_PENALTY if entry.alternate else 0.0)


def _support_parts(entry: GazEntry, votes: Votes, total: float) -> tuple[float, float]:
    """(country support, state support).  Country support is the share of the
    article's other names that point to the country -- one "US" in a story about
    Ukraine does not make Geneva a town in Illinois; state support is capped at
    one vote.  ``total`` is ``votes.country_total``."""
    share = votes.countries.get(entry.country, 0.0) / total if entry.country and total else 0.0
    country = share**2  # a minor country of the article lends little
    state = 0.0
    if _is_us(entry) and entry.admin1:
        state = min(1.0, votes.states.get(entry.admin1, 0.0))
    return country, state


def _support(entry: GazEntry, votes: Votes, total: float) -> float:
    return sum(_support_parts(entry, votes, total))


def _support_score(entry: GazEntry, votes: Votes, total: float) -> float:
    country, state = _support_parts(entry, votes, total)
    return COUNTRY_SUPPORT * country + STATE_SUPPORT * state


def _is_us(entry: GazEntry) -> bool:
    return entry.country == "USA"


# ----------------------------------------------------------------------------- votes


# The votes of each set of readings, by (id of the candidates, id of the containers),
# for both passes of one article: the second pass's sums are the first's only where its
# names cast the very same Votes objects (see _OtherVotes.sums).
_CastVotes = dict[tuple[int, int], Votes]


def _votes_per_text(mentions: Iterable[Mention], cast: _CastVotes) -> dict[str, Votes]:
    """Votes cast by each distinct mention text (repeats of a name vote once)."""
    out: dict[str, Votes] = {}
    for mention in mentions:
        key = mention.key
        if key not in out:
            readings = (id(mention.candidates), id(mention.containers))
            votes = cast.get(readings)
            if votes is None:
                votes = cast[readings] = _votes_of(_within_containers(mention))
            out[key] = votes
    return out


def _votes_of(candidates: tuple[GazEntry, ...]) -> Votes:
    """One vote per mention, spread over its readings by how likely each is a priori,
    so a world capital's namesake village does not pull the article abroad."""
    if len(candidates) > 1:
        weights = [math.exp(VOTE_SHARPNESS * _prior(e)) for e in candidates]
    else:  # a lone reading takes the whole vote (w / w is exactly 1.0 for any such weight)
        weights = [1.0]
    total = sum(weights)
    countries: defaultdict[str, float] = defaultdict(float)
    states: defaultdict[str, float] = defaultdict(float)
    for entry, weight in zip(candidates, weights, strict=True):
        if entry.country:
            countries[entry.country] += weight / total
        if _is_us(entry) and entry.admin1:
            states[entry.admin1] += weight / total
    return Votes(dict(countries), dict(states))


_Sums = tuple[dict[str, float], dict[str, float]]  # countries, states


def _add_votes(sums: _Sums, votes: Votes) -> None:
    countries, states = sums
    for code, weight in votes.countries.items():
        countries[code] = countries.get(code, 0.0) + weight
    for code, weight in votes.states.items():
        states[code] = states.get(code, 0.0) + weight


class _OtherVotes:
    """The votes of every name but one, summed once per name: a name repeated in
    the article asks for the same sum again.

    The sum adds the names' votes in the article's order (the order decides the
    last bits of a float sum), starting from the running sum of the names before
    the one left out: each sum costs the names after it only."""

    def __init__(self, per_text: dict[str, Votes], earlier: _OtherVotes | None = None) -> None:
        self._votes = list(per_text.values())
        self._position = {key: n for n, key in enumerate(per_text)}
        self._running: list[_Sums] = [({}, {})]  # [n]: the sum of the first n names' votes
        if earlier is not None:  # the second pass: the names both passes begin with
            self._running = earlier._running[: earlier._shared_names(per_text) + 1]
        self._excluding: dict[str, Votes] = {}

    def _shared_names(self, per_text: dict[str, Votes]) -> int:
        """How many of the first names of ``per_text`` are this sum's first names,
        casting the very same votes (their running sums are the same)."""
        n = 0
        for (key, votes), (own_key, own_votes) in zip(
            per_text.items(), zip(self._position, self._votes, strict=True), strict=False
        ):
            if key != own_key or votes is not own_votes:
                break
            n += 1
        return n

    def sums(self, per_text: dict[str, Votes]) -> bool:
        """Whether these are the sums of ``per_text``: the same names in the same order,
        casting the very same votes."""
        return len(per_text) == len(self._votes) == self._shared_names(per_text)

    def excluding(self, key: str) -> Votes:
        votes = self._excluding.get(key)
        if votes is None:
            votes = self._excluding[key] = self._sum_without(key)
        return votes

    def _sum_without(self, key: str) -> Votes:
        n = self._position.get(key, len(self._votes))  # (a name that casts no vote: all)
        countries, states = self._running_sum(n)
        sums = (dict(countries), dict(states))
        for votes in self._votes[n + 1 :]:
            _add_votes(sums, votes)
        return Votes(*sums)

    def _running_sum(self, n: int) -> _Sums:
        while len(self._running) <= n:
            countries, states = self._running[-1]
            sums = (dict(countries), dict(states))
            _add_votes(sums, self._votes[len(self._running) - 1])
            self._running.append(sums)
        return self._running[n]
