"""Trigger candidates of one sentence: lexicon verbs, light-verb + event-noun pairs,
and nominal events, each with its source and target read from the parse."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from brinkwatch.extract.event_args import Arg, ArgFinder, conjuncts
from brinkwatch.extract.event_lexicon import FORCE_CLASSES, EventLexicon, Sense
from brinkwatch.extract.event_modality import Modality, verb_modality
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Actor

OBJECT_DEPS = ("dobj", "obj")
NOMINAL_EXCLUDED_DEPS = frozenset({"compound", "amod", "poss"})
# relations of a prefix the parser split off a hyphenated verb ("test-fired")
HYPHEN_DEPS = frozenset({"npadvmod", "compound", "advmod", "nmod"})


@dataclass(frozen=True)
class Candidate:
    """A possible event before modality from governors and filtering are applied."""

    trigger: Token
    cameo: str
    weight: float
    why: str
    sources: tuple[Arg, ...]
    targets: tuple[Arg, ...]
    modality: Modality = field(default_factory=Modality)
    attributed_to: Actor | None = None
    content: bool = False  # the act is only the content of a threat/request/intent
    kind: str = "verb"  # verb | light | noun | derived
    theme_i: int = -1  # the object noun a light verb consumed (not coded again as a noun)


@dataclass(frozen=True)
class TriggerContext:
    lexicon: EventLexicon
    finder: ArgFinder
    table: TokenTable  # the document's token columns, for the scans over every token
    _modalities: dict[int, Modality] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def modality(self, verb: Token) -> Modality:
        """:func:`verb_modality` of ``verb``, worked out once per token (candidates and
        the governors above them ask for the same verbs again)."""
        found = self._modalities.get(verb.i)
        if found is None:
            found = self._modalities[verb.i] = verb_modality(verb, self.lexicon, self.table)
        return found

    # (the two scans below run once per document over zipped columns: per sentence,
    # indexing every column at every token cost more than the candidates themselves)

    @functools.cached_property
    def possible_verbs(self) -> list[int]:
        """Tokens :func:`verb_candidate` can accept, read off the token table (no Token
        built for the other words): adjectival predicates, and verbs some lexicon row or
        special rule can start with (``trigger_lemmas``) or that act "together"
        (:func:`_joint_action`) -- any other verb could only ever come to nothing."""
        t, lemmas, together = self.table, self.lexicon.trigger_lemmas, self.together
        columns = zip(t.pos, t.dep, t.tag, t.lemma_lower, strict=True)
        # (the lemma test first: it turns down most words in one set lookup)
        return [i for i, (pos, dep, tag, lemma) in enumerate(columns)
                if ((lemma in lemmas or i in together)
                    and (pos in ("VERB", "AUX") or tag.startswith("VB")))
                or (pos == "ADJ" and dep == "acomp")]  # fmt: skip

    @functools.cached_property
    def speech_verbs(self) -> list[int]:
        """Tokens whose lemma is a warning or reporting verb: the only ones
        :func:`~brinkwatch.extract.event_governors.conditional_threats` looks at."""
        cue = self.lexicon.cue
        speech = cue("control.threat") | cue("reporting.verbs")
        return [i for i, lemma in enumerate(self.table.lemma_lower) if lemma in speech]

    @functools.cached_property
    def reported_clauses(self) -> list[int]:
        """Clauses (ccomp) of a reporting verb: the only tokens
        :func:`~brinkwatch.extract.event_governors.obligation_requests` looks at."""
        reporting, t = self.lexicon.cue("reporting.verbs"), self.table
        return [i for i, (dep, head) in enumerate(zip(t.dep, t.head, strict=True))
                if dep == "ccomp" and t.lemma_lower[head] in reporting]

    @functools.cached_property
    def possible_nouns(self) -> list[int]:
        """Tokens :func:`noun_candidate` or :func:`denunciation` can accept."""
        denouncing = self.lexicon.cue("reporting.denunciation_nouns")
        words, t = self.lexicon.noun_words, self.table
        return [i for i, (pos, lemma) in enumerate(zip(t.pos, t.lemma_lower, strict=True))
                if (pos in ("NOUN", "PROPN") and lemma in words) or lemma in denouncing]

    @functools.cached_property
    def together(self) -> frozenset[int]:
        """Heads of a cooperation adverb ("trained together", "jointly"), read once per
        document: only these verbs can act together."""
        t, adverbs = self.table, self.lexicon.cue("args.cooperation_adverbs")
        dep, lower = t.dep, t.lower
        return frozenset(t.head[j] for j in range(t.size)
                         if dep[j] in ("advmod", "npadvmod") and lower[j] in adverbs)  # fmt: skip


def verb_keys(tok: Token, ctx: TriggerContext) -> list[str]:
    """Lexicon keys for a verb: "lemma particle", "lemma preposition", then "lemma".
    An adverb parsed where a particle belongs ("pulling back") adds its key first but,
    unlike a particle, keeps the bare lemma ("struck back" is still "strike"); a
    particle verb ("give in") is never read off a preposition ("gave ... in aid")."""
    t, verb = ctx.table, tok.i
    lemma = t.lemma_lower[verb]
    adverb_particles = ctx.lexicon.cue("args.adverb_particles")
    particle_verbs = ctx.lexicon.cue("args.particle_verbs")
    # (dependency, word, index) of each child
    kids = [(t.dep[c], t.lower[c], c) for c in t.children(verb)]
    particles = [f"{lemma} {word}" for dep, word, _ in kids if dep == "prt"]
    adverbs = [f"{lemma} {word}" for dep, word, _ in kids
               if dep == "advmod" and word in adverb_particles]  # fmt: skip
    preps = [f"{lemma} {word}" for dep, word, _ in kids if dep == "prep"]
    preps = [k for k in preps if k not in particle_verbs]
    preps += [f"{p} {word}" for p in particles + adverbs for dep, word, _ in kids
              if dep == "prep"]  # fmt: skip
    # "test-fired": a hyphenated prefix the parser split off makes its own key first
    prefixed = [f"{word}-{lemma}" for dep, word, i in kids if dep in HYPHEN_DEPS
                and i == verb - 2 and t.orth[verb - 1] == "-"]  # fmt: skip
    # a particle changes the verb ("gave up" is not "gave"): no bare-lemma fallback
    return [*prefixed, *preps, *particles] if particles else [*prefixed, *preps, *adverbs, lemma]


def noun_keys(noun: int, table: TokenTable) -> list[str]:
    """Lexicon keys for token ``noun``: "modifier lemma" ("hunger strike"), then "lemma"."""
    t = table
    lemma = t.lemma_lower[noun]
    mods = [c for c in t.children(noun) if t.dep[c] in ("compound", "amod") and c < noun]
    keys = [f"{t.lemma_lower[m]} {lemma}" for m in mods]
    keys += [f"{t.lemma_lower[m]} of {lemma}" for m in mods]
    of_objects = [g for c in t.children(noun) if t.lower[c] == "of" for g in t.children(c)]
    keys += [f"{lemma} of {t.lemma_lower[g]}" for g in of_objects]
    return [*keys, lemma]


def noun_sense(tok: Token, ctx: TriggerContext) -> tuple[str, Sense] | None:
    t, lexicon = ctx.table, ctx.lexicon
    if t.pos[tok.i] not in ("NOUN", "PROPN") or t.lemma_lower[tok.i] not in lexicon.noun_words:
        return None
    for key in noun_keys(tok.i, t):
        sense = lexicon.nouns.get(key)
        if sense is not None:
            return key, sense
    return None


def theme_of(
    verb: Token, table: TokenTable, measures: frozenset[str] = frozenset()
) -> Token | None:
    """The thing a verb acts on: its direct object, or the subject when passive;
    behind a measure noun, what it measures ("ten days of exercises")."""
    for child in table.children(verb.i):
        if table.dep[child] in OBJECT_DEPS or table.dep[child] == "nsubjpass":
            return table.doc[_behind_measure(child, measures, table)]
    return None


def _participle_theme(verb: Token, measures: frozenset[str], table: TokenTable) -> Token | None:
    """"war crimes committed by ...": what a past participle modifies is its object."""
    t, i = table, verb.i
    if t.dep[i] == "acl" and t.tag[i] == "VBN":
        return t.doc[_behind_measure(t.head[i], measures, t)]
    # "the troops it has gathered": a relative clause with its own subject acts on its noun
    own_subject = any(t.dep[c] == "nsubj" and t.lower[c] not in ("that", "which", "who")
                      for c in t.children(i))  # fmt: skip
    if t.dep[i] == "relcl" and own_subject:
        return t.doc[_behind_measure(t.head[i], measures, t)]
    return None


def _behind_measure(noun: int, measures: frozenset[str], table: TokenTable, depth: int = 0) -> int:
    """What a measure noun (token ``noun``) measures, through nested measures ("a
    shipment of 200,000 pounds of equipment")."""
    t = table
    if depth > 2 or (t.lemma_lower[noun] not in measures and t.lower[noun] not in measures):
        return noun
    for prep in t.children(noun):
        if t.dep[prep] == "prep" and t.lower[prep] in ("of", "in"):
            for pobj in t.children(prep):
                if t.dep[pobj] == "pobj":
                    return _behind_measure(pobj, measures, t, depth + 1)
    return noun


def object_class(obj: Token | None, ctx: TriggerContext) -> str:
    """The object's class: "actor" when the object itself is an actor or stands for
    one's people ("welcomed the president"), not when an actor only modifies it
    ("welcomed the Council's statement")."""
    if obj is None:
        return ""
    lemma = ctx.table.lemma_lower[obj.i]
    stands_for = ctx.finder.actors.at(obj.i) is not None or (
        lemma in ctx.finder.carriers and ctx.finder.actor_at(obj) is not None
    )
    if stands_for and lemma not in ctx.lexicon.objects:
        return "actor"
    # "lifted the state of emergency": a multi-word object ("state of emergency") first
    keys = noun_keys(obj.i, ctx.table)
    return next((c for k in keys if (c := ctx.lexicon.objects.get(k))), "")


# ---------------------------------------------------------------- verb triggers


def verb_candidate(tok: Token, ctx: TriggerContext) -> Candidate | None:
    """A light-verb or lexicon-verb candidate for ``tok``, if it is one."""
    t, i = ctx.table, tok.i
    if t.pos[i] == "ADJ" and t.dep[i] == "acomp":  # "is opposed to", "was critical of"
        return lexicon_verb_candidate(tok, ctx)
    if t.pos[i] not in ("VERB", "AUX") and not t.tag[i].startswith("VB"):
        return None
    light = light_candidate(tok, ctx)
    if light is not None:
        return light
    return lexicon_verb_candidate(tok, ctx)


def _acts_together(verb: Token, ctx: TriggerContext) -> bool:
    if verb.i not in ctx.together:
        return False
    adverbs, t = ctx.lexicon.cue("args.cooperation_adverbs"), ctx.table
    return any(t.dep[c] in ("advmod", "npadvmod") and t.lower[c] in adverbs
               for c in t.children(verb.i))  # fmt: skip


def light_candidate(tok: Token, ctx: TriggerContext) -> Candidate | None:
    """"held talks", "imposed sanctions on", "launched an attack"."""
    if not _may_key(tok, ctx.lexicon.light_lemmas, ctx.table):
        return None
    for noun in _light_objects(tok, ctx):
        found = noun_sense(noun, ctx)
        if found is not None:
            return _light_pair(tok, noun, found, ctx)
    return None


def _light_objects(verb: Token, ctx: TriggerContext) -> list[Token]:
    """The direct object, then objects of the verb's prepositions ("engaged in")."""
    measures, t = ctx.lexicon.cue("args.measure_nouns"), ctx.table
    theme = theme_of(verb, t, measures)
    found = [theme] if theme is not None else []
    lemma, keys = t.lemma_lower[verb.i], ctx.lexicon.light_keys
    found += [t.doc[_behind_measure(g, measures, t)] for c in t.children(verb.i)
              if t.dep[c] == "prep" and f"{lemma} {t.lower[c]}" in keys
              for g in t.children(c) if t.dep[g] == "pobj"]  # fmt: skip
    return found


def _light_pair(
    tok: Token, noun: Token, found: tuple[str, Sense], ctx: TriggerContext
) -> Candidate | None:
    noun_key, nsense = found
    nouns = (noun_key, ctx.table.lemma_lower[noun.i], "*")  # "military exercise", "exercise"
    for key in verb_keys(tok, ctx):
        lsense = next((s for n in nouns if (s := ctx.lexicon.light.get((key, n)))), None)
        if lsense is not None:
            cameo = lsense.cameo or nsense.cameo
            sense = Sense(cameo, lsense.weight, nsense.joint_cameo)
            why = f"light:{key}+{noun_key}"
            return _with_roles(tok, sense, why, ctx, noun, "light", key)
    return None


def lexicon_verb_candidate(tok: Token, ctx: TriggerContext) -> Candidate | None:
    special = _special_candidate(tok, ctx)
    if special is not None or not _may_key(tok, ctx.lexicon.verb_lemmas, ctx.table):
        return special
    measures, t = ctx.lexicon.cue("args.measure_nouns"), ctx.table
    obj = theme_of(tok, t, measures) or _participle_theme(tok, measures, t)
    cls = object_class(obj if obj is not None else _first_pobj(tok, t), ctx)
    # a specific object class, then any direct object ("*"), then no condition
    wanted_classes = tuple(dict.fromkeys((cls, "*", "") if obj is not None else (cls, "")))
    if obj is not None and not cls:
        wanted_classes = ("*", "")
    keys = verb_keys(tok, ctx)
    # a row for the object's class under any key beats another key's default row
    # ("withdrew its monitors from Belarus" is withdrawing a mission, not troops)
    order = [(k, cls) for k in keys] if cls else []
    order += [(k, w) for k in keys for w in wanted_classes]
    for key, wanted in order:
        sense = ctx.lexicon.verbs.get((key, wanted))
        if sense is not None:
            why = f"verb:{key}" + (f"+{wanted}" if wanted else "")
            return _civil(_rioting(_with_roles(tok, sense, why, ctx, obj, "verb", key), ctx), ctx)
    return None


def _may_key(verb: Token, lemmas: frozenset[str], table: TokenTable) -> bool:
    """Whether a key of :func:`verb_keys` can start with one of ``lemmas``: every key
    starts with the verb's lemma, except behind a split-off hyphenated prefix
    ("test-fired"), which is left to the lookup."""
    i = verb.i
    return table.lemma_lower[i].split(" ")[0] in lemmas or (i >= 2 and table.orth[i - 1] == "-")


def _special_candidate(tok: Token, ctx: TriggerContext) -> Candidate | None:
    """A candidate of one of the special rules; each wants its own verbs
    (``special_lemmas``) except a verb acting "together", so other verbs are
    dismissed without reading their dependents."""
    if ctx.table.lemma_lower[tok.i] not in ctx.lexicon.special_lemmas and not _acts_together(
        tok, ctx
    ):
        return None
    return (_expulsion(tok, ctx) or _forces_moving(tok, ctx) or _receipt(tok, ctx)
            or _joint_action(tok, ctx) or _instruction(tok, ctx))  # fmt: skip


def _civil(cand: Candidate, ctx: TriggerContext) -> Candidate | None:
    """Obstruction by a state ("coast guard ships blocked the boats", "rather than block
    it") is no protest: civil-only codes (args.civil_codes) need a non-state source."""
    if cand.cameo not in ctx.lexicon.cue("args.civil_codes"):
        return cand
    authorities = ctx.lexicon.cue("args.state_sectors")
    state = any(a.actor.org or a.actor.group or str(a.actor.sector).lower() in authorities
                for a in cand.sources)  # fmt: skip
    return None if state else cand


MOVED_CODES = {"troops": "154", "platforms": "154", "weapons": "072", "aid": "070",
               "money": "071", "peacekeepers": "074"}  # fmt: skip


def _forces_moving(verb: Token, ctx: TriggerContext) -> Candidate | None:
    """"Russian troops arrived in Belarus" is a deployment, "a shipment of US
    ammunition arrived in Kyiv" a delivery: what moves decides the code; its owner
    is the source, where it arrives the target."""
    if verb.lemma_.lower() not in ctx.lexicon.cue("args.motion_verbs"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in ("conj", "xcomp"):  # "... were returning", "began leaving"
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    moved = ctx.table.doc[_behind_measure(subj.i, ctx.lexicon.cue("args.measure_nouns"), ctx.table)]
    cls = ctx.lexicon.objects.get(moved.lemma_.lower(), "") or next(
        (c for m in moved.children if m.dep_ == "compound"  # "a security assistance package"
         and (c := ctx.lexicon.objects.get(m.lemma_.lower(), "")) in MOVED_CODES), "")  # fmt: skip
    if any(c.lemma_.lower() == "peacekeeping" for c in moved.children):
        cls = "peacekeepers"  # "peacekeeping troops arrived in Bosnia": protection, not threat
    code = MOVED_CODES.get(cls)
    if code is None:
        return None
    if code in ("154", "074") and _homeward(verb, ctx):
        code = "087"  # "all Russian forces will go home", "units were returning to base"
    # whose they are: the owner, else where they come from ("supplies from Armenia")
    sources = (ctx.finder.actors_at(moved) or ctx.finder.actors_at(subj)
               or ctx.finder.noun_owner(moved)  # "a U.S. assistance package"
               or ctx.finder.prep_objects(moved, frozenset({"from"})))  # fmt: skip
    targets = ctx.finder.prep_objects(verb, ctx.lexicon.cue("locative.preps") | {"to"})
    targets = targets or ctx.finder.objects(verb)  # "reached Ukraine", "entered Belarus"
    if not (sources or targets):
        return None
    return Candidate(verb, code, 0.7, f"motion:{verb.lemma_}+{moved.lemma_}", sources, targets,
                     ctx.modality(verb), kind="special")  # fmt: skip


def _expulsion(verb: Token, ctx: TriggerContext) -> Candidate | None:
    """"ordered the French ambassador to leave", "seventy diplomats were ordered to leave
    Bulgaria": telling diplomats to leave expels them (SANCTION 166) — from the one who
    orders (or the country they must leave) against the diplomats' state."""
    if verb.lemma_.lower() not in ctx.lexicon.cue("args.expulsion_verbs"):
        return None
    departures = ctx.lexicon.cue("args.departure_verbs")
    leave = next((c for c in verb.children if c.dep_ == "xcomp"
                  and c.lemma_.lower() in departures), None)  # fmt: skip
    envoys = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                   and object_class(c, ctx) == "diplomats"), None)  # fmt: skip
    if leave is None or envoys is None:
        return None
    targets = ctx.finder.actors_at(envoys)
    sources = ctx.finder.agent(verb) if envoys.dep_ == "nsubjpass" else ctx.finder.subject(verb)[0]
    sources = sources or ctx.finder.objects(leave)  # the country they must leave
    if not (sources or targets):
        return None
    return Candidate(verb, "166", 0.8, f"expel:{verb.lemma_}+{leave.lemma_}", sources, targets,
                     ctx.modality(verb), kind="special")  # fmt: skip


def _homeward(verb: Token, ctx: TriggerContext) -> bool:
    """Forces moving home or back to their bases pull back."""
    homes = ctx.lexicon.cue("args.home_words")
    # "peacekeepers began leaving Kazakhstan": forces leaving a place pull back from it
    lemma = verb.lemma_.lower()
    if lemma == "return" or lemma in ctx.lexicon.cue("args.leaving_verbs"):
        return True
    words = [c for c in verb.children if c.dep_ in ("advmod", "npadvmod", "prt")]
    words += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(w.lemma_.lower() in homes for w in words)


def _joint_action(verb: Token, ctx: TriggerContext) -> Candidate | None:
    """"German and Ukrainian officers trained together": coordinated sides acting
    together cooperate, whatever the verb."""
    how = "together"
    if _acts_together(verb, ctx):
        sides = ctx.finder.subject(verb)[0]
    elif _joint_thing(verb, ctx):  # "Ukraine and Poland set up a joint control post"
        subjects, passive = ctx.finder.subject(verb)
        sides, how = (ctx.finder.agent(verb) if passive else subjects), "joint"
    else:
        return None
    if len(sides) < 2:
        return None
    return Candidate(verb, "060", 0.7, f"joint:{verb.lemma_}+{how}", sides, (),
                     ctx.modality(verb), kind="special")  # fmt: skip


def _joint_thing(verb: Token, ctx: TriggerContext) -> bool:
    """The verb sets up something joint that is no event noun or force of its own ("set up a
    joint investigation team"; "held joint exercises" is the noun's joint code, "formed a joint
    force" a deployment, "issued a joint statement" no cooperation)."""
    if verb.lemma_.lower() not in ctx.lexicon.cue("args.joint_making_verbs"):
        return False
    thing = theme_of(verb, ctx.table)
    if thing is None or noun_sense(thing, ctx) is not None or _names_forces(thing, ctx):
        return False
    words = [*thing.children, *(g for c in thing.children if c.dep_ == "compound"
                                for g in c.children)]  # fmt: skip
    return any(c.dep_ == "amod" and c.lower_ == "joint" for c in words)


def _instruction(verb: Token, ctx: TriggerContext) -> Candidate | None:
    """"told their citizens to leave", "told the neighbours to cut staff": telling
    someone to act is a REQUEST ("told reporters that ..." is speech, not this)."""
    if verb.lemma_.lower() not in ctx.lexicon.cue("control.instruction"):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)
    if obj is None or not any(c.dep_ == "xcomp" and c.i > obj.i for c in verb.children):
        return None
    sources, targets = ctx.finder.subject(verb)[0], ctx.finder.actors_at(obj)
    if not (sources or targets):
        return None
    return Candidate(verb, "020", 0.7, f"instruct:{verb.lemma_}+to", sources, targets,
                     ctx.modality(verb), kind="special")  # fmt: skip


def _receipt(verb: Token, ctx: TriggerContext) -> Candidate | None:
    """"Armenia received humanitarian aid from Russia": AID from the giver to the subject."""
    if verb.lemma_.lower() not in ctx.lexicon.cue("args.receive_verbs"):
        return None
    obj = theme_of(verb, ctx.table, ctx.lexicon.cue("args.measure_nouns"))
    cls = ctx.lexicon.objects.get(obj.lemma_.lower(), "") if obj is not None else ""
    if cls not in ("aid", "weapons", "money"):
        return None
    givers = ctx.finder.prep_objects(verb, frozenset({"from"}))
    if obj is not None:
        givers = givers or ctx.finder.prep_objects(obj, frozenset({"from"}))
    receivers = ctx.finder.subject(verb)[0]
    if not (givers or receivers):
        return None
    code = MOVED_CODES[cls]
    return Candidate(verb, code, 0.75, f"receive:{verb.lemma_}+{cls}", givers, receivers,
                     ctx.modality(verb), kind="special")  # fmt: skip


def _with_roles(
    verb: Token, sense: Sense, why: str, ctx: TriggerContext, obj: Token | None, kind: str,
    key: str,
) -> Candidate:  # fmt: skip
    """Source and target of a verb trigger: subject/object, or agent/subject when passive."""
    finder, lemma = ctx.finder, ctx.table.lemma_lower[verb.i]
    subjects, passive = finder.subject(verb)
    passive = passive and lemma not in ctx.lexicon.cue("args.stative_passives")
    obj_is_theme = _is_theme(verb, obj, kind, ctx)
    if passive:
        sources, targets = finder.agent(verb), () if obj_is_theme else subjects
        if not sources and obj_is_theme and obj is not None:
            # "US carriers were sent", "the deployment of US troops was ordered": whose
            # forces move is who moves them
            sources = nominal_roles(obj, ctx)[0] if kind == "light" else finder.actors_at(obj)
        if not sources and kind == "light" and any(a.actor.sector == "MIL" for a in subjects):
            sources, targets = subjects, ()  # "air defences were placed on high alert"
        roles = "agent+nsubjpass"
    else:
        sources, targets = subjects, finder.objects(verb, with_direct=not obj_is_theme)
        roles = "nsubj+dobj"
    keyed = key.split(" ")[1:]
    if not targets and keyed:
        targets = finder.prep_objects(verb, frozenset(keyed)) or _keyed_noun_targets(
            verb, keyed[-1], ctx
        )
    if not targets:  # "moved jets from Britain to Poland": where to, not where from
        targets = (finder.prep_objects(verb, finder.target_preps - {"from"})
                   or finder.prep_objects(verb, frozenset({"from"})))  # fmt: skip
        roles = roles.replace("dobj", "prep")
    if not targets and obj is not None:
        targets = _noun_targets(obj, ctx, with_of=kind == "light")
    if not targets:
        targets = _prep_noun_owners(verb, ctx)
        roles = roles.replace("prep", "obj-arg")
    if _venue_only(verb, sources, targets, ctx):  # "X and Y clashed at the Council"
        targets, roles = (), roles + "+venue"
    if lemma in ctx.lexicon.cue("args.beneficiary_verbs"):
        # "reinforce NATO's eastern flank": whose flank is helped; only "against" is a target
        targets = finder.prep_objects(verb, frozenset({"against"}))
    if lemma in ctx.lexicon.cue("args.mediation_verbs"):
        sources, targets, roles = _mediation(verb, sources, targets, roles, ctx)
    cameo = _joint(sense, sources, targets, obj, finder)
    return Candidate(verb, cameo, sense.weight, f"{why}/{roles}", sources, targets,
                     ctx.modality(verb), kind=kind,
                     theme_i=obj.i if obj is not None else -1)  # fmt: skip


def _mediation(
    verb: Token, sources: tuple[Arg, ...], targets: tuple[Arg, ...], roles: str,
    ctx: TriggerContext,
) -> tuple[tuple[Arg, ...], tuple[Arg, ...], str]:  # fmt: skip
    """A broker meets each side of what it brokered: "a swap brokered by Turkey" after
    "Russia and Ukraine exchanged prisoners", "under a Russian-brokered deal", "talks
    between Kyiv and Moscow mediated by France"."""
    if not sources and verb.dep_ == "amod":  # "a Russian-brokered deal": the compound's actor
        sources = tuple(a for c in verb.children if c.dep_ in ("npadvmod", "compound")
                        if (a := ctx.finder.actor_at(c)) is not None)  # fmt: skip
    if targets or not sources or verb.dep_ not in ("acl", "amod"):
        return sources, targets, roles
    noun = verb.head
    sides = ctx.finder.prep_objects(noun, frozenset({"between"}))
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if not sides and noun.dep_ in ("pobj", "dobj") and governor.pos_ in ("VERB", "AUX"):
        sides = ctx.finder.subject(governor)[0]
    if len(sides) < 2:
        return sources, targets, roles
    return sources, sides, roles + "+sides"


def _venue_only(
    verb: Token, sources: tuple[Arg, ...], targets: tuple[Arg, ...], ctx: TriggerContext
) -> bool:
    """Coordinated sides of a reciprocal verb act on each other; where they do it
    ("at the Security Council") is the setting, never the target."""
    if len(sources) < 2 or not targets:
        return False
    if verb.lemma_.lower() not in ctx.lexicon.cue("args.reciprocal_verbs"):
        return False
    settings = ctx.lexicon.cue("args.setting_preps")
    return all(t.token.head.dep_ == "prep" and t.token.head.lower_ in settings
               and t.token.head.head.i == verb.i for t in targets)  # fmt: skip


def _keyed_noun_targets(verb: Token, prep: str, ctx: TriggerContext) -> tuple[Arg, ...]:
    """Inside the object of the verb's own preposition: "called for a meeting of the
    OSCE", "called for sanctions against Russia"."""
    t = ctx.table
    for child in t.children(verb.i):
        if t.dep[child] == "prep" and t.lower[child] == prep:
            for pobj in t.children(child):
                if t.dep[pobj] == "pobj":
                    return _noun_targets(t.doc[pobj], ctx, with_of=True)
    return ()


def _first_pobj(verb: Token, table: TokenTable) -> Token | None:
    """The object of the verb's first preposition ("agreed to a request")."""
    for prep in table.children(verb.i):
        if table.dep[prep] == "prep":
            for pobj in table.children(prep):
                if table.dep[pobj] == "pobj":
                    return table.doc[pobj]
    return None


def _rioting(cand: Candidate, ctx: TriggerContext) -> Candidate:
    """Violence by protesters ("protesters stormed the parliament") is a riot (PROTEST)."""
    if ctx.lexicon.code(cand.cameo).plover not in ("ASSAULT", "COERCE"):
        return cand
    t = ctx.table
    subj = next((c for c in t.children(cand.trigger.i) if t.dep[c] == "nsubj"), None)
    if subj is None or t.lemma_lower[subj] not in ctx.lexicon.cue("args.protester_nouns"):
        return cand
    return replace(cand, cameo="145", why=cand.why + "+riot")


def _prep_noun_owners(verb: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """The owner of a noun in a target phrase: "yielded to pressure from Brussels",
    "bowed to the protesters' demands"."""
    t = ctx.table
    for prep in t.children(verb.i):
        if t.dep[prep] == "prep" and t.lower[prep] in ctx.finder.target_preps:
            for pobj in t.children(prep):
                found = ctx.finder.noun_owner(t.doc[pobj]) if t.dep[pobj] == "pobj" else ()
                if found:
                    return found
    return ()


def _is_theme(verb: Token, obj: Token | None, kind: str, ctx: TriggerContext) -> bool:
    """Is the object what the act moves or is about (never its target)?"""
    if obj is None:
        return False
    lemma = ctx.table.lemma_lower
    if kind == "light" or lemma[verb.i] in ctx.lexicon.cue("args.topic_verbs"):
        return True
    return ctx.lexicon.objects.get(lemma[obj.i], "") in ctx.lexicon.cue("args.theme_classes")


def _noun_targets(noun: Token, ctx: TriggerContext, with_of: bool = False) -> tuple[Arg, ...]:
    """Targets read inside an object noun (or its conjuncts): its preps ("sanctions on
    Russia", for a light verb's event noun also "invasion of Ukraine"), else its owner
    ("rejected Russia's demands")."""
    if _names_forces(noun, ctx):  # "deployment of US troops to Poland": where they go
        return _forces_targets(noun, ctx) or ctx.finder.prep_objects(
            noun, ctx.lexicon.cue("args.noun_target_preps") - {"of"}
        )
    preps = ctx.lexicon.cue("args.noun_target_preps")
    if not with_of:
        preps = preps - {"of"}
    for head in (noun, *(ctx.table.doc[c] for c in conjuncts(noun.i, ctx.table))):
        found = ctx.finder.prep_objects(head, preps)
        if found:
            return found
    return ctx.finder.noun_owner(noun) or ctx.finder.prep_objects(noun, frozenset({"of"}))


def _joint(
    sense: Sense, sources: tuple[Arg, ...], targets: tuple[Arg, ...], obj: Token | None,
    finder: ArgFinder,
) -> str:  # fmt: skip
    """The joint code ("joint exercises" are COOPERATE) when the act is shared."""
    if sense.joint_cameo is None:
        return sense.cameo
    t = finder.table
    joint_word = obj is not None and any(t.lower[c] == "joint" for c in t.children(obj.i))
    partner = obj is not None and bool(finder.prep_objects(obj, frozenset({"with"})))
    return sense.joint_cameo if (len(sources) > 1 or joint_word or partner) else sense.cameo


# ---------------------------------------------------------------- nominal triggers


def noun_candidate(tok: Token, ctx: TriggerContext, consumed: set[int]) -> Candidate | None:
    """"Russia's deployment of 3,000 troops", "the Russian invasion of Ukraine"."""
    if tok.i in consumed or ctx.table.dep[tok.i] in NOMINAL_EXCLUDED_DEPS:
        return None
    found = noun_sense(tok, ctx)
    if found is None:
        return None
    key, sense = found
    plover = ctx.lexicon.code(sense.cameo).plover.lower()
    sources, targets, roles = nominal_roles(tok, ctx)
    if not sources:
        sources, roles = _unowned_sources(tok, plover, targets, roles, ctx)
    # only an act that does something ("an air strike destroyed ..."), not one talked
    # about ("an attack on Kyiv would be a catastrophe") or an instrument ("killed in a strike")
    sourceless = (plover in ctx.lexicon.cue("args.sourceless_noun_types")
                  and tok.dep_ == "nsubj" and tok.head.lemma_ != "be")  # fmt: skip
    if (sources or sourceless) and not targets and tok.dep_ == "nsubj":
        targets, roles = _what_it_hit(tok.head, ctx), roles + "+verb-object"
    if not _codable(plover, sources, targets, sourceless, ctx):
        return None
    cameo = _joint(sense, sources, targets, tok, ctx.finder)
    if plover == "mobilize" and _forces_class(tok, ctx) == "peacekeepers":
        cameo = MOVED_CODES["peacekeepers"]  # "the deployment of peacekeeping troops": protection
    return Candidate(tok, cameo, sense.weight, f"noun:{key}/{roles}", sources, targets,
                     _noun_modality(tok, ctx), kind="noun")  # fmt: skip


def _unowned_sources(
    noun: Token, plover: str, targets: tuple[Arg, ...], roles: str, ctx: TriggerContext
) -> tuple[tuple[Arg, ...], str]:
    """Who did a nominal act with no owner: the verb's subject for a meeting ("flew to
    Moscow for talks"), the accused ("blamed Israel for the strike"), or for a protest
    where it happens, else whom it is against ("protests against Lukashenko" are
    Belarusians protesting at home)."""
    cue = ctx.lexicon.cue
    found = _participants(noun, ctx, not targets) if plover in cue("args.symmetric_types") else ()
    if found:
        return found, roles + "+verb-subject"
    found = _accused_of(noun, ctx) or _responsible(noun, ctx) or _attributed(noun, ctx)
    if found:
        return found, roles + "+accused"
    if plover in cue("locative.source_types"):
        found = _place_sources(noun, ctx) or targets
        if not found and (home := _home_protest(noun, ctx)) is not None:
            return (home,), roles + "+home-source"
        return found, roles + "+place-source"
    return (), roles


def _home_protest(noun: Token, ctx: TriggerContext) -> Arg | None:
    """"The government shelved the reform after mass protests", "the president faced ten
    days of protests", "police detained 3,000 people on the first night of protests", "...
    as protests spread": a protest that a state's own authorities face, yield to or put
    down, with no place named, is that state's people protesting at home."""
    tok, links = (noun.head if noun.dep_ == "conj" else noun), set()
    measures = ctx.lexicon.cue("args.measure_nouns")
    for _ in range(5):  # up through measure nouns ("the first night of protests")
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            links.add(tok.head.lower_)
            tok = tok.head.head
        elif tok.dep_ == "nsubj" and tok.head.dep_ == "advcl":  # "as protests spread"
            links.add("as")
            tok = tok.head.head
        elif tok.dep_ in OBJECT_DEPS:
            links.add(tok.head.lemma_.lower())
            tok = tok.head
        else:
            return None
        if tok.pos_ in ("VERB", "AUX") or tok.lemma_.lower() not in measures:
            break
    if not links & ctx.lexicon.cue("locative.facing_words") or tok.pos_ not in ("VERB", "AUX"):
        return None
    subjects = ctx.finder.subject(tok)[0]
    authority = subjects[0].actor if len(subjects) == 1 else None
    if authority is None or authority.country is None or authority.org or authority.group:
        return None
    if str(authority.sector).lower() not in ctx.lexicon.cue("locative.authority_sectors"):
        return None
    people = Actor(noun.text, noun.idx, noun.idx + len(noun.text), country=authority.country,
                   sector="CVL")  # fmt: skip
    return Arg(people, noun)


def _codable(
    plover: str, sources: tuple[Arg, ...], targets: tuple[Arg, ...], sourceless: bool,
    ctx: TriggerContext,
) -> bool:  # fmt: skip
    """An owner, or an unowned act that hit something; a meeting needs two sides ("the
    NATO summit", "the Madrid meeting" name a host or a place)."""
    if not (sources or (sourceless and targets)):
        return False
    one_sided = len(sources) < 2 and not targets
    return not (one_sided and plover in ctx.lexicon.cue("args.two_sided_types"))


def _place_sources(noun: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """"Protests spread across Iran": where a protest happens stands for who protests
    (the noun's place phrase, or its verb's when it is the subject)."""
    if noun.dep_ in ("dobj", "obj"):  # "called off the rally in Minsk": not held
        return ()
    preps = ctx.lexicon.cue("locative.preps")
    heads = (noun, noun.head) if noun.dep_ in ("nsubj", "nsubjpass") else (noun,)
    return next((a for h in heads if (a := ctx.finder.prep_objects(h, preps))), ())


def _responsible(noun: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """"Russia was behind a cyberattack", "Kyiv was responsible for the blast": the
    actor said to be behind an act is its source."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("behind", "for"):
        return ()
    head = prep.head
    if prep.lower_ == "for" and head.lemma_.lower() == "responsible":
        head = head.head
    if head.lemma_ != "be" or (prep.lower_ == "for" and head.i == prep.head.i):
        return ()
    return ctx.finder.subject(head)[0]


def _attributed(noun: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """"an attack widely attributed to Israel", "a cyberattack blamed on Russia": whom
    an act is put down to is its source."""
    verbs = ctx.lexicon.cue("reporting.attribution_verbs")
    for clause in noun.children:
        if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lemma_.lower() in verbs:
            return ctx.finder.prep_objects(clause, frozenset({"to", "on"}))
    return ()


def _accused_of(noun: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """"blamed Israel for the air strike": the accused is whose act it is."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "of"):
        return ()
    verb = prep.head
    if verb.lemma_.lower() not in ctx.lexicon.cue("reporting.accusation_verbs"):
        return ()
    subjects, passive = ctx.finder.subject(verb)
    return subjects if passive else ctx.finder.objects(verb)


def _what_it_hit(verb: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """"A Russian air strike hit a hospital in Mariupol": the verb's object, or where."""
    found = ctx.finder.objects(verb)
    if found:
        return found
    preps = ctx.lexicon.cue("locative.preps")
    heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
    return next((a for h in heads if (a := ctx.finder.prep_objects(h, preps))), ())


def _participants(noun: Token, ctx: TriggerContext, addressed: bool = False) -> tuple[Arg, ...]:
    """Who takes part in a meeting-like act named in a phrase of a verb: the verb's
    subject ("flew to Moscow for talks with Putin"), and with ``addressed`` whom a
    non-meeting act there was addressed to ("offered Russia at talks in Istanbul")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return ()
    if prep.lower_ not in ctx.lexicon.cue("args.meeting_preps"):
        return ()
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return ()
    subjects, passive = ctx.finder.subject(verb)
    # "was turned down by Putin during talks with Erdogan": the agent attended
    if passive:
        return ctx.finder.agent(verb)
    # "offered Russia at talks in Istanbul": whom the act at the meeting was addressed to
    if not (addressed and subjects) or _meeting_verb(verb, ctx):
        return subjects
    others = ctx.finder.objects(verb)
    return subjects + tuple(a for a in others if all(a.actor != s.actor for s in subjects))


def _meeting_verb(verb: Token, ctx: TriggerContext) -> bool:
    """A verb that is itself a meeting ("hosted Scholz for talks", "met Putin at the summit")."""
    keys = verb_keys(verb, ctx)
    return any(ctx.lexicon.code(sense.cameo).plover == "CONSULT"
               for key in keys for cls in ("", "actor", "*")
               if (sense := ctx.lexicon.verbs.get((key, cls))) is not None)  # fmt: skip


def _noun_modality(noun: Token, ctx: TriggerContext) -> Modality:
    """"no invasion" is negated; "a Russian invasion could displace millions" takes the
    modality of the verb it is the subject of."""
    t, i = ctx.table, noun.i
    negated = any(t.lower[c] == "no" for c in t.children(i))
    mods = {t.lower[c] for c in t.children(i) if t.dep[c] in ("amod", "det")}
    possible = bool(mods & ctx.lexicon.cue("hypothetical.noun_adjectives"))
    planned = bool(mods & ctx.lexicon.cue("future.noun_adjectives"))
    if t.dep[i] in ("nsubj", "nsubjpass"):
        head = ctx.modality(t.doc[t.head[i]])
        return Modality(negated, head.future or planned, head.hypothetical or possible, False)
    # "the first call since the invasion": the act is background
    since = t.dep[i] == "pobj" and t.lower[t.head[i]] in ctx.lexicon.cue("historical.markers")
    return Modality(negated, planned, possible, since)


def nominal_roles(noun: Token, ctx: TriggerContext) -> tuple[tuple[Arg, ...], tuple[Arg, ...], str]:
    """Owner (poss/modifier/by) is the source; of/on/against/... phrases the target,
    except an of-phrase naming forces, which is the source ("withdrawal of Russian troops")."""
    finder = ctx.finder
    sources = finder.noun_owner(noun)
    roles = "poss" if sources else ""
    of_args = finder.prep_objects(noun, frozenset({"of"}))
    if of_args and _names_forces(noun, ctx):
        sources, of_args, roles = sources or of_args, (), roles or "of"
    elif not of_args and _names_forces(noun, ctx):
        of_args = _forces_targets(noun, ctx)
    between = finder.prep_objects(noun, frozenset({"between"}))
    if not between and noun.dep_ == "nsubj":  # "fighting broke out between X and Y"
        between = finder.prep_objects(noun.head, frozenset({"between"}))
    if not sources and len(between) > 1:
        if noun.lemma_.lower() in ctx.lexicon.cue("args.reciprocal_verbs"):
            return between, (), "between"  # each acts on the other
        return between[:1], between[1:], "between"
    preps = ctx.lexicon.cue("args.noun_target_preps") - {"of"}
    targets = of_args or finder.prep_objects(noun, preps)
    if not targets and noun.lemma_.lower() in ctx.lexicon.cue("reporting.claim_nouns"):
        targets = _claimed_about(noun, ctx)  # "Moscow's accusation that Kyiv was preparing ..."
        return sources, targets, roles + ("+that" if targets else "")
    return sources, targets, roles + ("+of" if of_args else "+prep" if targets else "")


def _claimed_about(noun: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """The subject of a claim's that-clause: whom the claim is about."""
    for clause in noun.children:
        if clause.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that"
                                                   for c in clause.children):  # fmt: skip
            return ctx.finder.subject(clause)[0]
    return ()


def _forces_targets(noun: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    """Targets attached to the forces an act moves ("deployment of troops near Ukraine",
    "arrival of Russian troops in Belarus")."""
    preps = (ctx.lexicon.cue("args.noun_target_preps") - {"of"}) | {"in"}
    for pobj in _of_objects(noun, ctx.table):
        found = ctx.finder.prep_objects(pobj, preps)
        if found:
            return found
    return ()


def _of_objects(noun: Token, table: TokenTable) -> list[Token]:
    """What the noun's of-phrases hold (every dependent of each "of")."""
    t = table
    return [t.doc[g] for p in t.children(noun.i) if t.dep[p] == "prep" and t.lower[p] == "of"
            for g in t.children(p)]  # fmt: skip


def _names_forces(noun: Token, ctx: TriggerContext) -> bool:
    return _forces_class(noun, ctx) in FORCE_CLASSES


def _forces_class(noun: Token, ctx: TriggerContext) -> str:
    """The class of the forces an of-phrase names ("deployment of peacekeeping troops")."""
    for pobj in _of_objects(noun, ctx.table):
        cls = object_class(pobj, ctx)
        if cls in FORCE_CLASSES:
            return cls
    return ""


def _consumed_nouns(cand: Candidate, ctx: TriggerContext) -> set[int]:
    """Nouns a verb candidate has used up: a light verb's event noun, and what a
    response (reject, accept, give in to) responds to."""
    if cand.kind == "light":  # a host's meeting keeps its own sides ("hosted talks between")
        lemma = ctx.table.lemma_lower[cand.trigger.i]
        third_party = lemma in ctx.lexicon.cue("args.non_reciprocal_verbs")
        return set() if third_party else {cand.theme_i}
    plover = ctx.lexicon.code(cand.cameo).plover.lower()
    if plover not in ctx.lexicon.cue("args.response_types"):
        return set()
    t, verb = ctx.table, cand.trigger
    settings = ctx.lexicon.cue("args.setting_preps")  # "agreed at talks in Sochi": not a response
    nouns = {c for c in t.children(verb.i) if t.dep[c] in ("dobj", "obj", "nsubjpass")}
    nouns |= {g for c in t.children(verb.i) if t.dep[c] == "prep" and t.lower[c] not in settings
              for g in t.children(c)}  # fmt: skip
    # a protest given in to still happened ("shelved the reform after mass protests"), and
    # a claim dismissed was still made ("Moscow's accusation that Kyiv ... was dismissed")
    kept = ctx.lexicon.cue("args.unconsumed_types")
    claims = ctx.lexicon.cue("reporting.claim_nouns")
    return {i for i in nouns if _noun_type(verb.doc[i], ctx).lower() not in kept
            and verb.doc[i].lemma_.lower() not in claims}  # fmt: skip


def _noun_type(tok: Token, ctx: TriggerContext) -> str:
    found = noun_sense(tok, ctx)
    return ctx.lexicon.code(found[1].cameo).plover if found is not None else ""


def sentence_candidates(sent: Span, ctx: TriggerContext) -> list[Candidate]:
    """Every verb, light-verb and nominal candidate of ``sent``."""
    found: list[Candidate] = []
    consumed: set[int] = set()
    doc = sent.doc
    for i in _possible_verbs(sent, ctx):
        cand = verb_candidate(doc[i], ctx)
        if cand is not None:
            found.append(cand)
            consumed.update(_consumed_nouns(cand, ctx))
    for i in _possible_nouns(sent, ctx):
        cand = noun_candidate(doc[i], ctx, consumed) or denunciation(doc[i], ctx)
        if cand is not None:
            found.append(cand)
    return found


def _possible_verbs(sent: Span, ctx: TriggerContext) -> list[int]:
    """Tokens :func:`verb_candidate` can accept (see :attr:`TriggerContext.possible_verbs`)."""
    return within(ctx.possible_verbs, sent)


def _possible_nouns(sent: Span, ctx: TriggerContext) -> list[int]:
    """Tokens :func:`noun_candidate` or :func:`denunciation` can accept."""
    return within(ctx.possible_nouns, sent)


def within(indices: list[int], sent: Span) -> list[int]:
    """The ascending ``indices`` that fall in ``sent``."""
    return indices[bisect.bisect_left(indices, sent.start) : bisect.bisect_left(indices, sent.end)]


def denunciation(noun: Token, ctx: TriggerContext) -> Candidate | None:
    """"Germany called it a war crime", "he said Russia's recognition was a breach of
    Ukraine's sovereignty": naming someone's act a wrong is ACCUSE (111) by the speaker."""
    if ctx.table.lemma_lower[noun.i] not in ctx.lexicon.cue("reporting.denunciation_nouns"):
        return None
    verb = noun.head
    if noun.dep_ == "oprd" and verb.lemma_.lower() in ctx.lexicon.cue("reporting.naming_verbs"):
        speakers = ctx.finder.subject(verb)[0]
        thing = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    elif noun.dep_ == "attr" and verb.lemma_ == "be" and verb.dep_ == "ccomp" and (
        verb.head.lemma_.lower() in ctx.lexicon.cue("reporting.verbs")
    ):
        speakers = ctx.finder.subject(verb.head)[0]
        thing = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        return None
    accused = (ctx.finder.actors_at(thing) or ctx.finder.noun_owner(thing)) if thing else ()
    mod = ctx.modality(verb)
    if not speakers or mod.negated or any(c.lower_ == "no" for c in noun.children):
        return None
    return Candidate(noun, "111", 0.7, f"denounce:{verb.lemma_}+{noun.lemma_}", speakers,
                     accused, mod, kind="special")  # fmt: skip
