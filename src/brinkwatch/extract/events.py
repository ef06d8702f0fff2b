"""PLOVER events with CAMEO codes, Goldstein values, source and target.

Method (docs/event-coding.md): per sentence, find trigger candidates (lexicon
verbs, light-verb + event-noun pairs, nominal events), read source and target
from the dependency parse, fold in what governing words do (refusal, denial,
threat, request, plan, reported speech), then emit one record per (source,
target) pair with a calibrated confidence, dropping weak candidates.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.event_args import Arg, ArgFinder
from brinkwatch.extract.event_governors import (
    apply_governors,
    borrow_targets,
    charge_accusations,
    claim_accusations,
    conditional_threats,
    idle_speech_acts,
    idle_warnings,
    obligation_requests,
)
from brinkwatch.extract.event_lexicon import EventLexicon
from brinkwatch.extract.event_modality import (
    clause_heads,
    has_condition_clause,
    is_historical,
    is_negated,
    long_standing,
)
from brinkwatch.extract.event_triggers import (
    Candidate,
    TriggerContext,
    sentence_candidates,
)
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import (
    Actor,
    Event,
    EventDate,
    Place,
    Quantity,
    Quote,
    TimeMention,
    Trigger,
)
from brinkwatch.settings import Settings

__all__ = ["EventInputs", "EventLexicon", "extract_events"]


@dataclass(frozen=True)
class EventInputs:
    """What the event coder needs from the other extractors for one document."""

    article_id: str
    published: date | None
    actors: ActorMentions
    times: tuple[TimeMention, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class _Clause:
    """The tokens of the clause an event was found in (indices, ascending), also as a
    set (built with the clause: a cached property costs more to look up the first time
    than the small set costs to build)."""

    indices: tuple[int, ...]
    members: frozenset[int]

    @classmethod
    def of_tokens(cls, indices: tuple[int, ...]) -> _Clause:
        return cls(indices, frozenset(indices))


class _Anchored:
    """The document's dated times, places and quantities in a counted unit, each with
    the token its first character falls in (-1: none), so that a clause covers one when
    it has that token (tokens do not overlap).  Each list is read when an event first
    needs it."""

    def __init__(self, inputs: EventInputs, table: TokenTable, units: frozenset[str]) -> None:
        self.inputs = inputs
        self.table = table
        self.units = units

    def _token_at(self, start: int) -> int:
        k = bisect.bisect_right(self.table.starts, start) - 1
        return k if k >= 0 and start < self.table.ends[k] else -1

    @functools.cached_property
    def dated(self) -> tuple[tuple[TimeMention, int], ...]:
        times = [t for t in self.inputs.times if t.type in ("DATE", "TIME")]
        return tuple((t, self._token_at(t.start)) for t in times)

    @functools.cached_property
    def places(self) -> tuple[tuple[Place, int], ...]:
        return tuple((p, self._token_at(p.start)) for p in self.inputs.places)

    @functools.cached_property
    def quantities(self) -> tuple[tuple[Quantity, int], ...]:
        counted = [q for q in self.inputs.quantities if q.unit.lower() in self.units]
        return tuple((q, self._token_at(q.start)) for q in counted)


def extract_events(
    doc: Doc, inputs: EventInputs, lexicon: EventLexicon, table: TokenTable | None = None
) -> tuple[Event, ...]:
    """Every PLOVER event in ``doc``: one per (source, target) pair."""
    settings = Settings()
    table = table or TokenTable(doc)
    finder = ArgFinder(
        inputs.actors, lexicon.cue("args.carriers"), lexicon.cue("args.target_preps"), table,
        lexicon.ordered_cue("args.carrier_preps"), place_actors(inputs.places, table),
        lexicon.force_objects,
        lexicon.cue("reporting.verbs"), lexicon.cue("control.request"),
    )
    ctx = TriggerContext(lexicon, finder, table)
    anchored = _Anchored(inputs, table, lexicon.cue("quantity.units"))
    events: list[Event] = []
    for sent in ctx.table.sents:
        if len(sent) > settings.max_sentence_tokens:
            continue
        clauses = _Clauses(sent, ctx.table)
        for cand in code_sentence(sent, ctx, inputs, clauses):
            events.extend(_events_of(cand, sent, inputs, anchored, ctx, settings, clauses))
    events = _dedupe(events)
    return tuple(_with_id(e, f"{inputs.article_id}-{n}") for n, e in enumerate(events))


# the values of an Event's fields after its id, in order, read in one call
_EVENT_VALUES = operator.attrgetter(*[f.name for f in fields(Event)][1:])


def _with_id(event: Event, event_id: str) -> Event:
    """``replace(event, id=event_id)``, positionally (the generic one is slower)."""
    return Event(event_id, *_EVENT_VALUES(event))


def place_actors(places: tuple[Place, ...], table: TokenTable) -> dict[int, Actor]:
    """Token -> the state a place belongs to (countries, regions, cities with a
    known country), used only where no actor mention covers the token."""
    found: dict[int, Actor] = {}
    for place in places:
        if place.country is None or place.feature in ("water", "other"):
            continue
        tokens = _expanded_tokens(place.start, place.end, table)
        if tokens is None:
            continue
        actor = Actor(place.text, place.start, place.end, name=place.name, country=place.country)
        found.update(dict.fromkeys(tokens, actor))
    return found


def _expanded_tokens(start: int, end: int, table: TokenTable) -> range | None:
    """The tokens of ``doc.char_span(start, end, alignment_mode="expand")`` (None where
    it is None), found by bisecting the token offsets: ``char_span`` builds a Token
    per step of its search."""
    first, last = _token_by_char(start, table), _token_by_char(end - 1, table)
    if first < 0 or last < 0:
        return None
    if start == table.ends[first]:  # in the whitespace after a token: not that token
        first += 1
    return range(first, last + 1)


def _token_by_char(char: int, table: TokenTable) -> int:
    """The token whose text or trailing whitespace holds character ``char`` (-1: none),
    as spaCy's ``token_by_char`` finds it (tokens and their whitespace tile the text)."""
    if char < 0 or char >= len(table.text):
        return -1
    return bisect.bisect_right(table.starts, char) - 1


def code_sentence(
    sent: Span, ctx: TriggerContext, inputs: EventInputs, clauses: _Clauses
) -> list[Candidate]:
    """Candidates of one sentence with governors applied and derived events added."""
    cands = [apply_governors(c, ctx) for c in sentence_candidates(sent, ctx)]
    cands = [_negated_cooperation(c, ctx) for c in borrow_targets(cands, ctx)]
    cands = idle_speech_acts(idle_warnings(cands, ctx), ctx)
    cands = [_conditional_act(_locative_roles(c, ctx), ctx) for c in cands]
    cands = _without_purpose_protests(cands, ctx)
    cands += claim_accusations(cands, ctx) + obligation_requests(sent, ctx)
    cands += charge_accusations(cands, ctx)
    cands = _with_conditional_threats(cands, conditional_threats(sent, ctx))
    year = inputs.published.year if inputs.published else None
    out = []
    for cand in cands:
        clause = clauses.of(cand.trigger)
        hist = is_historical(clause.indices, ctx.table, inputs.times, year, ctx.lexicon)
        hist = hist or long_standing(cand.trigger, ctx.lexicon, ctx.table)
        if hist and not cand.modality.historical:  # (unchanged candidates are not copied)
            cand = replace(cand, modality=replace(cand.modality, historical=True))
        out.append(cand)
    return out


def _without_purpose_protests(cands: list[Candidate], ctx: TriggerContext) -> list[Candidate]:
    """"blocked the crossings to protest against ...": the purpose of a coded protest is
    that same protest, not a second one."""
    protests = {c.trigger.i for c in cands if ctx.lexicon.code(c.cameo).plover == "PROTEST"}
    dep, head = ctx.table.dep, ctx.table.head
    return [c for c in cands if not (
        dep[c.trigger.i] in ("xcomp", "advcl") and head[c.trigger.i] in protests
        and ctx.lexicon.code(c.cameo).plover == "PROTEST")]  # fmt: skip


def _with_conditional_threats(
    cands: list[Candidate], threats: list[Candidate]
) -> list[Candidate]:
    """Add conditional threats; a targetless THREATEN on the same verb gives way."""
    verbs = {t.trigger.i for t in threats}
    kept = [c for c in cands if c.targets or c.cameo != "130" or c.trigger.i not in verbs]
    return kept + threats


def _negated_cooperation(cand: Candidate, ctx: TriggerContext) -> Candidate:
    """"will not accept refugees", "would not meet the demands": a cooperative act
    negated on its own verb is a refusal (REJECT); the act itself is not coded."""
    if cand.kind not in ("verb", "light") or not is_negated(cand.trigger, ctx.lexicon, ctx.table):
        return cand
    # "did not speak to" is no refusal; "will not meet" and "did not accept" are
    refusal = ctx.table.lemma_lower[cand.trigger.i] in ctx.lexicon.cue("control.negated_refusal")
    if not (cand.modality.future or refusal):
        return cand
    if ctx.lexicon.code(cand.cameo).quad_class > 2 or cand.content:
        return cand
    return replace(cand, cameo="120", why=f"negated:{cand.why}",
                   modality=replace(cand.modality, negated=False))  # fmt: skip


def _conditional_act(cand: Candidate, ctx: TriggerContext) -> Candidate:
    """"Nigeria will withdraw its force from Chad unless ...": an announced act made
    conditional on someone else's behaviour is a threat (THREATEN, future)."""
    mod = cand.modality
    if not mod.future or mod.hypothetical or cand.content or cand.kind == "derived":
        return cand
    condition = has_condition_clause(cand.trigger, ctx.lexicon, ctx.table)
    quad = ctx.lexicon.code(cand.cameo).quad_class
    if condition is None or quad < 3:
        return cand
    if condition.lemma_.lower() in ctx.lexicon.cue("hypothetical.enabling_conditions"):
        # "ready to deploy if NATO activates its response force": help on call, only possible
        return replace(cand, modality=replace(mod, hypothetical=True))
    conditioned = ctx.finder.subject(condition)[0]
    if quad == 3 and not conditioned:  # "will not admit refugees if fighting spreads": a refusal
        return cand
    targets = conditioned or cand.targets
    return replace(cand, cameo="130", targets=targets, why=f"conditional:{cand.why}")


def _locative_roles(cand: Candidate, ctx: TriggerContext) -> Candidate:
    """Missing roles read from a place phrase for the types where location stands for
    the actor: "people rallied in Minsk" (source), "strikes on stations across Ukraine"
    (target)."""
    plover = ctx.lexicon.code(cand.cameo).plover.lower()
    want_source = not cand.sources and plover in ctx.lexicon.cue("locative.source_types")
    want_target = not cand.targets and plover in ctx.lexicon.cue("locative.target_types")
    # "X and Y fought in Z": not Z; "NATO exercises in Norway": where, not against whom
    want_target = want_target and len(cand.sources) < 2 and cand.kind != "noun"
    if not (want_source or want_target):
        return cand
    heads = [cand.trigger] + [c for c in cand.trigger.children
                              if c.dep_ in ("dobj", "obj", "nsubjpass")]  # fmt: skip
    found, missions = _places(heads, ctx)
    if not found:
        return cand
    if want_source:  # "rallied outside the Russian embassy in Berlin": Germans against Russia
        targets = cand.targets or missions
        return replace(cand, sources=found, targets=targets, why=cand.why + "+place-source")
    return replace(cand, targets=found, why=cand.why + "+place-target")


def _places(heads: list[Token], ctx: TriggerContext) -> tuple[tuple[Arg, ...], tuple[Arg, ...]]:
    """Actors of the first place phrase under ``heads``; a foreign mission there
    ("outside the Russian embassy in Berlin") is not the place but whom the act is at:
    its owner comes second, the place is the mission's own place phrase."""
    preps = ctx.lexicon.cue("locative.preps")
    missions = ctx.lexicon.cue("locative.mission_nouns")
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lemma_.lower() in missions:
                    return ctx.finder.prep_objects(pobj, preps), ctx.finder.actors_at(pobj)
                found = ctx.finder.actors_at(pobj)
                if found:
                    return found, ()
    return (), ()


class _Clauses:
    """The clauses of one sentence, each worked out when first asked for (most
    sentences code nothing)."""

    def __init__(self, sent: Span, table: TokenTable) -> None:
        self.sent = sent
        self.table = table
        self._by_head: dict[int, _Clause] = {}

    @functools.cached_property
    def _layout(self) -> tuple[list[int], dict[int, list[int]]]:
        """The clause head of each token of the sentence, and the tokens of each clause
        by its head (grouped in one pass, not one pass per clause asked for)."""
        heads = clause_heads(self.sent.start, self.sent.end, self.table)
        members: dict[int, list[int]] = {}
        for i, head in enumerate(heads, self.sent.start):
            members.setdefault(head, []).append(i)
        return heads, members

    def of(self, tok: Token) -> _Clause:
        """The clause of ``tok`` (a one-token clause outside the sentence)."""
        start = self.sent.start
        if not start <= tok.i < self.sent.end:
            return _Clause.of_tokens((tok.i,))
        heads, members = self._layout
        head = heads[tok.i - start]
        if head not in self._by_head:
            self._by_head[head] = _Clause.of_tokens(tuple(members[head]))
        return self._by_head[head]


# ---------------------------------------------------------------- records


def _pairs(cand: Candidate, ctx: TriggerContext) -> list[tuple[Arg | None, Arg | None]]:
    """One (source, target) pair per combination; coordinated subjects of a symmetric
    act with no other target act on each other."""
    plover = ctx.lexicon.code(cand.cameo).plover.lower()
    derived = cand.kind == "derived"  # a claim or obligation is never self-directed
    sources = cand.sources
    # "dropped its objection", "withdrew its garrison": a possessive pointing back at
    # the source is no target, but the act stands (a claim about oneself does not)
    targets = tuple(t for t in cand.targets if not any(_same(s, t) for s in sources))
    if cand.targets and not targets and derived:
        return []
    lemma = ctx.table.lemma_lower[cand.trigger.i]
    third_party = lemma in ctx.lexicon.cue("args.non_reciprocal_verbs")
    if (not targets and len(sources) < 2 and cand.kind == "verb" and not third_party
            and plover in ctx.lexicon.cue("args.two_sided_types")):  # fmt: skip
        return []  # "EU leaders met in Brussels": a meeting among one side is none
    outward = plover in ctx.lexicon.cue("args.outward_types")
    if not targets and len(sources) > 1 and not third_party and _mutual(cand, plover, ctx):
        return [(s, t) for s in sources for t in sources if s.actor != t.actor
                and not (outward and _same_side(s, t, ctx))]  # fmt: skip
    if not targets and plover in ctx.lexicon.cue("locative.domestic_types"):
        return [(s, s) for s in sources]
    pairs: list[tuple[Arg | None, Arg | None]] = [
        (s, t) for s in (sources or (None,)) for t in (targets or (None,))
    ]
    kept = [(s, t) for s, t in pairs
            if (s or t) and not _same(s, t)
            and not (derived and _same_side(s, t, ctx))]  # fmt: skip
    if not outward:
        return kept
    # "help Ukraine defend itself": no state supports, aids or accuses itself
    return list(dict.fromkeys((s, None if _same_side(s, t, ctx) else t) for s, t in kept))


def _mutual(cand: Candidate, plover: str, ctx: TriggerContext) -> bool:
    """A symmetric act, a reciprocal verb, or "each other" (a subtree scan: asked only
    where coordinated subjects without a target make it matter)."""
    return plover in ctx.lexicon.cue("args.symmetric_types") or (
        cand.trigger.lemma_.lower() in ctx.lexicon.cue("args.reciprocal_verbs")
        or _each_other(cand.trigger, ctx)
    )


def _same_side(a: Arg | None, b: Arg | None, ctx: TriggerContext) -> bool:
    """The same state or organisation on the same side: rebels saying their own
    government must act are two sides of one state, a president speaking of
    his country one side."""
    if a is None or b is None or a.actor.code != b.actor.code:
        return False
    outside = ctx.lexicon.cue("args.nonstate_sectors")
    return (str(a.actor.sector).lower() in outside) == (str(b.actor.sector).lower() in outside)


def _each_other(verb: Token, ctx: TriggerContext) -> bool:
    """"accused each other": the coordinated subjects act on each other."""
    phrases = ctx.lexicon.cue("args.reciprocal_objects")
    words = [f"{c.lower_} {c.head.lower_}" for c in verb.subtree if c.head.i != c.i]
    return any(w in phrases for w in words) or any(
        f"{t.lower_} {t.nbor().lower_}" in phrases for t in verb.subtree if t.i + 1 < len(t.doc)
    )


def _same(a: Arg | None, b: Arg | None) -> bool:
    """The same mention, or a possessive pronoun pointing back at the source
    ("halt its attack" does not make Russia its own target)."""
    if a is None or b is None:
        return False
    if a.actor == b.actor or a.token.i == b.token.i:
        return True
    # "halt its attack", "closed EU airspace": a modifier of the object naming the
    # source itself is not a target
    if a.actor.code != b.actor.code:
        return False
    return b.token.tag_ == "PRP$" or b.token.dep_ in ("poss", "compound", "amod", "nmod")


def confidence(cand: Candidate, source: Arg | None, target: Arg | None) -> float:
    """Lexicon prior, lowered without a source, raised when both roles are filled."""
    value = cand.weight
    if source is None:
        value -= 0.15
    elif target is not None:
        value += 0.05
    if cand.kind == "noun":
        value -= 0.05
    return round(max(0.0, min(0.99, value)), 3)


@dataclass(frozen=True)
class _Setting:
    """What every event of one candidate shares: its sentence, date, place and quantity."""

    sentence: str
    date: EventDate | None
    place: Place | None
    quantity: Quantity | None


def _events_of(
    cand: Candidate, sent: Span, inputs: EventInputs, anchored: _Anchored, ctx: TriggerContext,
    settings: Settings, clauses: _Clauses,
) -> list[Event]:  # fmt: skip
    pairs = [(source, target, conf) for source, target in _pairs(cand, ctx)
             if (conf := confidence(cand, source, target)) >= settings.min_event_confidence]
    if not pairs:
        return []
    members = clauses.of(cand.trigger).members
    place = next((p for p, i in anchored.places if i in members
                  and not _is_actor_span(p.start, p.end, inputs)), None)  # fmt: skip
    quantity = next((q for q, i in anchored.quantities if i in members), None)
    date = _date(members, sent, inputs, anchored)
    setting = _Setting(ctx.table.text_of(sent), date, place, quantity)
    return [_event(cand, source, target, conf, setting, ctx) for source, target, conf in pairs]


def _event(
    cand: Candidate, source: Arg | None, target: Arg | None, conf: float, setting: _Setting,
    ctx: TriggerContext,
) -> Event:  # fmt: skip
    row = ctx.lexicon.code(cand.cameo)
    starts, ends, trig = ctx.table.starts, ctx.table.ends, cand.trigger.i
    toks = [trig] + [a.token.i for a in (source, target) if a is not None]
    mod = cand.modality
    return Event(
        id="", type=row.plover, sentence=setting.sentence,
        trigger=Trigger(ctx.table.orth[trig], starts[trig], ends[trig]),
        start=min(starts[i] for i in toks), end=max(ends[i] for i in toks),
        quad_class=row.quad_class, goldstein=row.goldstein, why=cand.why, mode=row.mode,
        contexts=row.contexts, cameo=row.code, source=source.actor if source else None,
        target=target.actor if target else None,
        date=setting.date, place=setting.place, quantity=setting.quantity, negated=mod.negated,
        future=mod.future or row.plover == "THREATEN",  # a threat is about the future
        hypothetical=mod.hypothetical or cand.content, historical=mod.historical,
        attributed_to=cand.attributed_to, confidence=conf,
    )  # fmt: skip


def _date(
    clause: frozenset[int], sent: Span, inputs: EventInputs, anchored: _Anchored
) -> EventDate | None:
    """A time in the event's clause (its tokens), else in its sentence, else the
    published date."""
    for mention, i in anchored.dated:
        if i in clause:
            return EventDate(mention.value, mention.text, "clause")
    for mention, _i in anchored.dated:
        if sent.start_char <= mention.start < sent.end_char:
            return EventDate(mention.value, mention.text, "sentence")
    if inputs.published is not None:
        return EventDate(inputs.published.isoformat(), None, "published")
    return None


def _is_actor_span(start: int, end: int, inputs: EventInputs) -> bool:
    return any(a.start < end and start < a.end for a in inputs.actors.mentions)


def _dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per sentence, type, dyad and modality: the most confident one; a
    half-filled event is dropped when the same sentence has it with both roles
    ("met Putin and discussed the crisis": one CONSULT)."""
    best: dict[tuple[object, ...], Event] = {}
    for ev in events:
        key = (ev.sentence, ev.type, _code(ev.source), _code(ev.target),
               ev.negated, ev.hypothetical, ev.historical)  # fmt: skip
        # an act done beats one still to come ("placed troops on alert to deploy")
        if key not in best or _rank(ev) > _rank(best[key]):
            best[key] = ev
    # only an event as real covers another ("did not ask NATO ..., but urged ...")
    # (keyed by role: "Israel freed Palestinians" covers no "Hamas released ..." with no target)
    # ("arrested hundreds in the West Bank, which it has occupied since 1967": the
    # background occupation covers no arrest)
    full = {(e.sentence, e.type, "source", _code(e.source), _flags(e))
            for e in best.values() if e.target}  # fmt: skip
    full |= {(e.sentence, e.type, "target", _code(e.target), _flags(e))
             for e in best.values() if e.source}  # fmt: skip
    kept = [e for e in best.values() if not _covered(e, full)]
    return sorted(kept, key=lambda e: (e.start, e.trigger.start))


def _rank(ev: Event) -> tuple[bool, float]:
    return (not ev.future, ev.confidence)


def _flags(ev: Event) -> tuple[bool, bool, bool, bool]:
    return (ev.negated, ev.hypothetical, ev.historical, ev.future)


def _covered(
    ev: Event, full: set[tuple[str, str, str, str | None, tuple[bool, bool, bool, bool]]]
) -> bool:
    if ev.source is not None and ev.target is None:
        return (ev.sentence, ev.type, "source", _code(ev.source), _flags(ev)) in full
    if ev.source is None and ev.target is not None:
        return (ev.sentence, ev.type, "target", _code(ev.target), _flags(ev)) in full
    return False


def _code(actor: object) -> str | None:
    code = getattr(actor, "code", None)
    return code if isinstance(code, str) else None
