"""What governing words do to the act below them.

"refused to withdraw" (REJECT; the withdrawal negated), "threatened to impose
sanctions" (THREATEN; the sanctions only threatened), "plans to send troops"
(the sending, future), "Washington says Moscow is preparing to send troops"
(the sending attributed to Washington, plus ACCUSE Washington -> Moscow).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from brinkwatch.extract.event_args import Arg, requested_clause, stray_complement, to_marker
from brinkwatch.extract.event_modality import Modality
from brinkwatch.extract.event_triggers import Candidate, TriggerContext, within
from brinkwatch.extract.token_table import TokenTable

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "acl", "pcomp", "prep", "advcl"})
MAX_CLIMB = 6


def governors(tok: Token, table: TokenTable) -> list[tuple[Token, Token]]:
    """(governor, child-on-path) pairs from ``tok`` up through complement relations."""
    doc = table.doc
    return [(doc[gov], doc[child]) for gov, child in governor_path(tok.i, table)]


def governor_path(i: int, table: TokenTable) -> list[tuple[int, int]]:
    """:func:`governors` of token ``i``, as indices."""
    t = table
    path: list[tuple[int, int]] = []
    child = i
    if t.pos[i] == "NOUN" and t.dep[i] in ("nsubj", "nsubjpass"):
        child = t.head[i]  # a nominal act reported as a subject: "said a strike hit ..."
    for _ in range(MAX_CLIMB):
        stray = stray_complement(child, t)
        if stray is not None:
            child = stray  # "called on Moscow to de-escalate and pull back": requested too
            continue
        if t.dep[child] == "conj" and t.pos[child] in ("VERB", "AUX"):
            child = t.head[child]  # "agreed to send envoys and to open a dialogue"
            continue
        head = t.head[child]
        if t.dep[child] not in COMPLEMENT_DEPS or head == child:
            break
        path.append((head, child))
        child = head
    return path


def apply_governors(cand: Candidate, ctx: TriggerContext) -> Candidate:
    """Fold the effects of every governor on the path above the trigger into the candidate."""
    for gov, child in governors(cand.trigger, ctx.table):
        cand = _apply_one(cand, gov, child, ctx)
    return cand


def _apply_one(cand: Candidate, gov: Token, child: Token, ctx: TriggerContext) -> Candidate:
    cue, t = ctx.lexicon.cue, ctx.table
    lemma, pos, dep = t.lemma_lower[gov.i], t.pos[gov.i], t.dep[child.i]
    if pos == "NOUN":
        by_noun = _noun_governor(cand, gov, ctx)
        if by_noun is not None:
            return by_noun
    mod = cand.modality
    gov_mod = ctx.modality(gov) if pos in ("VERB", "AUX") else Modality()
    # a denied clause ("denied that", "denies planning to attack") is negated; a denied
    # noun ("denied the accusations") still happened
    denied = dep in ("ccomp", "xcomp") or (child.i != cand.trigger.i and dep == "dobj")
    if lemma in cue("control.denial") and denied:
        return replace(cand, modality=replace(mod, negated=True))
    requested = requested_clause(child, cue("control.request"), t)
    # (two lookups, not a union of the two sets built per governor)
    ccomp_control = lemma in cue("control.threat") or lemma in cue("control.request_clause")
    if dep == "xcomp" or requested or (dep == "ccomp" and ccomp_control):
        cand = _apply_control(cand, gov, lemma, ctx)
        mod = cand.modality
    if _only_content(cand, gov, child, ctx):
        return replace(cand, content=True)
    if _readied_for(gov, child, ctx):
        mod = replace(mod, future=True)
    if lemma in cue("reporting.accusation_verbs") and dep == "prep":
        cand = _accused_act(cand, gov, ctx)
    if lemma in cue("reporting.verbs") and dep == "ccomp" and cand.attributed_to is None:
        speakers = ctx.finder.subject(gov)[0]
        if speakers:
            cand = replace(cand, attributed_to=speakers[0].actor)
    # "would not send troops to evacuate them": a purpose clause shares its act's modality
    purpose = dep == "advcl" and to_marker(child.i, t)
    inherits = dep == "xcomp" or purpose
    negated = mod.negated or (gov_mod.negated and inherits)
    hypothetical = mod.hypothetical or (gov_mod.hypothetical and inherits)
    future = mod.future or (gov_mod.future and inherits)
    updated = Modality(negated, future, hypothetical, mod.historical)
    return cand if updated == cand.modality else replace(cand, modality=updated)


def _readied_for(gov: Token, child: Token, ctx: TriggerContext) -> bool:
    """"placed 8,500 troops on heightened alert to deploy to Europe": a to-infinitive
    hung on a state of readiness (future.readiness_nouns) is what forces are readied
    for, not something done."""
    t = ctx.table
    if t.dep[child.i] not in ("advcl", "acl") or not to_marker(child.i, t):
        return False
    near = [gov.i, *(g for p in t.children(gov.i) if t.dep[p] == "prep" for g in t.children(p))]
    readiness = ctx.lexicon.cue("future.readiness_nouns")
    return any(t.lemma_lower[i] in readiness for i in near)


def _noun_governor(cand: Candidate, gov: Token, ctx: TriggerContext) -> Candidate | None:
    """A governing noun that makes the act below it unreal: "no sign of a pullback"
    (negated), "any attempt to retake the region", "on charges of collaborating with
    Russia" (hypothetical)."""
    mod, t, i = cand.modality, ctx.table, gov.i
    kids = t.children(i)
    if any(t.lower[c] == "no" and t.dep[c] == "det" for c in kids):
        return replace(cand, modality=replace(mod, negated=True))
    # "a call for all US forces to be withdrawn"; granted "at Washington's request", it happened
    granted = t.dep[i] == "pobj" and t.lower[t.head[i]] in ("at", "on", "upon")
    if t.lemma_lower[i] in ctx.lexicon.cue("control.request_nouns") and not granted:
        return replace(cand, content=True)
    unreal = ctx.lexicon.cue("hypothetical.noun_adjectives")
    if t.lemma_lower[i] in ctx.lexicon.cue("reporting.charge_nouns") or any(
        t.dep[c] in ("det", "amod") and t.lower[c] in unreal for c in kids
    ):
        return replace(cand, modality=replace(mod, hypothetical=True))
    return None


def _only_content(cand: Candidate, gov: Token, child: Token, ctx: TriggerContext) -> bool:
    """The act is only what is threatened ("threatened retaliation"), requested
    ("demanded the withdrawal of troops", "called for a meeting to discuss ...") or a
    protest's message ("rallied in Minsk to demand that ...")."""
    cue, t = ctx.lexicon.cue, ctx.table
    lemma, dep = t.lemma_lower[gov.i], t.dep[child.i]
    if lemma in cue("control.threat") and dep in ("pobj", "prep", "dobj"):
        return True
    if lemma in cue("control.protest_purpose") and dep in ("xcomp", "advcl"):
        return ctx.lexicon.code(cand.cameo).quad_class == 3
    requested = dep == "dobj" or (dep == "prep" and t.lower[child.i] == "for")
    return lemma in cue("control.request") and t.pos[gov.i] == "VERB" and requested


def _accused_act(cand: Candidate, verb: Token, ctx: TriggerContext) -> Candidate:
    """"Kyiv accused Moscow of shelling Donetsk": the shelling is Moscow's act as
    Kyiv reports it (source = the accused, attributed to the accuser)."""
    subjects, passive = ctx.finder.subject(verb)
    accused = subjects if passive else ctx.finder.objects(verb)
    accusers = ctx.finder.agent(verb) if passive else subjects
    sources = cand.sources or accused
    speaker = accusers[0].actor if accusers else cand.attributed_to
    return replace(cand, sources=sources, attributed_to=speaker)


def _apply_control(cand: Candidate, gov: Token, lemma: str, ctx: TriggerContext) -> Candidate:
    cue = ctx.lexicon.cue
    mod = cand.modality
    if lemma in cue("control.refusal"):
        return replace(cand, modality=replace(mod, negated=True))
    if lemma in cue("control.threat") or lemma in cue("control.request"):
        return replace(cand, content=True)
    if lemma in cue("control.intent"):
        # agreeing to a conflictual act is announcing it ("agreed to halt arms exports")
        conflict = ctx.lexicon.code(cand.cameo).quad_class >= 3
        if conflict and lemma not in cue("control.strong_intent"):
            return replace(cand, modality=replace(mod, future=True))
        return replace(cand, content=True)
    if lemma in cue("future.intent_adjectives") and gov.pos_ == "ADJ":
        return _intent_event(cand, lemma, ctx)
    if lemma in cue("control.wish") and _someone_else(cand, gov, ctx):
        return replace(cand, content=True)  # "wanted to see a withdrawal of Russian troops"
    if lemma in cue("control.plan") or lemma in cue("future.plan_adjectives"):
        return replace(cand, modality=replace(mod, future=True))
    return cand


def _someone_else(cand: Candidate, gov: Token, ctx: TriggerContext) -> bool:
    """Is the act wished for someone else's (not the wishing subject's own)?"""
    wishers = {a.actor.code for a in ctx.finder.subject(gov)[0]}
    return bool(cand.sources) and all(s.actor.code not in wishers for s in cand.sources)


def _intent_event(cand: Candidate, lemma: str, ctx: TriggerContext) -> Candidate:
    """"ready to send aid" is an intent: AGREE, or THREATEN when the act is conflictual;
    "ready to send troops to Romania" announces a deployment (MOBILIZE, future), no
    threat against where the troops go."""
    plover = ctx.lexicon.code(cand.cameo).plover.lower()
    if plover in ctx.lexicon.cue("future.announced_types"):
        why = f"intent:{lemma}+{cand.why}"
        return replace(cand, why=why, modality=replace(cand.modality, future=True))
    quad = ctx.lexicon.code(cand.cameo).quad_class
    cameo = "030" if quad <= 2 else "130"
    return replace(cand, cameo=cameo, why=f"intent:{lemma}+{cand.why}",
                   modality=replace(cand.modality, future=True))  # fmt: skip


# ---------------------------------------------------------------- derived events


def strong_intent_type(
    cand: Candidate, children: list[Candidate], ctx: TriggerContext
) -> str | None:
    """"vowed to retaliate" is THREATEN, "vowed to help" AGREE; "agreed to impose
    sanctions" is not an AGREE (the sanctions are coded, future)."""
    lemma = ctx.table.lemma_lower[cand.trigger.i]
    if lemma not in ctx.lexicon.cue("control.intent") or cand.kind != "verb":
        return cand.cameo
    for child in children:
        below = child.trigger.dep_ == "xcomp" and child.trigger.head.i == cand.trigger.i
        quad = ctx.lexicon.code(child.cameo).quad_class
        if below and child.modality.negated and quad <= 2:
            return "120"  # "vowed not to return the Golan Heights": a refusal
        if below and quad >= 3 and not child.modality.negated:
            return "130" if lemma in ctx.lexicon.cue("control.strong_intent") else None
    return cand.cameo


def borrow_targets(cands: list[Candidate], ctx: TriggerContext) -> list[Candidate]:
    """A governing event with no target takes its complement's target ("threatened to
    impose sanctions on Russia" -> THREATEN ... Russia) and intent types are settled."""
    out: list[Candidate] = []
    heads = [ctx.table.head[c.trigger.i] for c in cands]
    for cand in cands:
        below = [c for c, head in zip(cands, heads, strict=True)
                 if head == cand.trigger.i and c is not cand]  # fmt: skip
        cameo = strong_intent_type(cand, below, ctx)
        if cameo is None:
            continue
        if not cand.targets:
            cand = _complement_targets(cand, below, ctx)
        out.append(cand if cand.cameo == cameo else replace(cand, cameo=cameo))
    return out


def _complement_targets(
    cand: Candidate, below: list[Candidate], ctx: TriggerContext
) -> Candidate:
    """The target of a complement event, else the complement verb's objects
    ("refused to let a delegation from ECOWAS in")."""
    for child in below:
        if child.trigger.dep_ in ("xcomp", "ccomp") and child.targets:
            return replace(cand, targets=child.targets, why=cand.why + "+comp")
    if ctx.lexicon.code(cand.cameo).plover in ("REQUEST", "THREATEN"):
        for comp in cand.trigger.children:  # "demanded that the US cancel ..."
            addressees = ctx.finder.subject(comp)[0] if comp.dep_ == "ccomp" else ()
            if addressees:
                return replace(cand, targets=addressees, why=cand.why + "+ccomp-subject")
    t, kids = ctx.table, ctx.table.children(cand.trigger.i)
    addressed = any(t.dep[c] in ("dobj", "dative") for c in kids)
    if addressed and ctx.lexicon.code(cand.cameo).plover == "REQUEST":
        return cand  # "told their citizens to leave Ukraine": Ukraine is not addressed
    for comp in (t.doc[c] for c in kids if t.dep[c] == "xcomp"):
        found = ctx.finder.objects(comp) or ctx.finder.prep_objects(comp)
        for obj in comp.children:
            if not found and obj.dep_ in ("dobj", "obj"):
                found = ctx.finder.noun_owner(obj) or ctx.finder.prep_objects(obj)
        if found:
            return replace(cand, targets=found, why=cand.why + "+comp-obj")
    return cand


def claim_accusations(cands: list[Candidate], ctx: TriggerContext) -> list[Candidate]:
    """"Washington says Moscow is preparing to send troops": ACCUSE Washington -> Moscow."""
    accusable = ctx.lexicon.cue("reporting.accusable_types")
    claims = ctx.lexicon.cue("reporting.claims")
    out: list[Candidate] = []
    for cand in cands:
        speaker = cand.attributed_to
        unreal = cand.content or cand.modality.negated or cand.modality.hypothetical
        if speaker is None or unreal or not cand.sources:
            continue
        plover = ctx.lexicon.code(cand.cameo).plover.lower()
        if plover not in accusable:
            continue
        verb = _reporting_verb(cand.trigger, ctx)
        if verb is None or verb.lemma_.lower() not in claims or verb.lemma_ == "accuse":
            continue
        # "Denmark is sending jets, the alliance said": saying is no accusing on its own
        neutral = verb.lemma_.lower() in ctx.lexicon.cue("reporting.neutral_claims")
        hostile = plover in ctx.lexicon.cue("reporting.hostile_types") or (
            cand.trigger.lemma_.lower() in ctx.lexicon.cue("reporting.buildup_verbs")
        )
        if neutral and not hostile:
            continue
        if not _direct_content(cand.trigger, verb, ctx.table):
            continue
        targets = tuple(s for s in cand.sources if s.actor.code != speaker.code)
        if targets:
            speakers = ctx.finder.subject(verb)[0]
            why = f"claim:{verb.lemma_}+ccomp"
            modality = ctx.modality(verb)
            accusation = Candidate(verb, "112", 0.6, why, speakers, targets, modality)
            out.append(replace(accusation, kind="derived"))
    return out


def idle_speech_acts(cands: list[Candidate], ctx: TriggerContext) -> list[Candidate]:
    """"a researcher, who asked not to be named": asking for anonymity is no request;
    "declined to rule out sending troops": refusing to deny is no rejection."""
    anonymity = ctx.lexicon.cue("control.anonymity")
    denials = ctx.lexicon.denial_verbs
    refusals, t = ctx.lexicon.cue("control.refusal"), ctx.table

    def idle(c: Candidate) -> bool:
        plover = ctx.lexicon.code(c.cameo).plover
        if plover not in ("REQUEST", "REJECT"):
            return False  # (neither can be idle: no need to read the complements)
        comps = [t.lemma_lower[x] for x in t.children(c.trigger.i) if t.dep[x] == "xcomp"]
        if plover == "REQUEST":
            return any(x in anonymity for x in comps)
        refusal = plover == "REJECT" and t.lemma_lower[c.trigger.i] in refusals
        return refusal and any(x in denials for x in comps)

    return [c for c in cands if not idle(c)]


def idle_warnings(cands: list[Candidate], ctx: TriggerContext) -> list[Candidate]:
    """"Psaki warned that an attack could come", "Western warnings": warning that someone
    else may attack is no threat by the warner; a warning threatens when it is about the
    warner's own act ("warned it would take measures") or a consequence ("warned of
    sanctions", "warned that Russia would pay a price")."""
    warning = ctx.lexicon.cue("control.warning")
    return [c for c in cands
            if c.cameo != "130" or c.kind not in ("verb", "noun")
            or ctx.table.lemma_lower[c.trigger.i] not in warning
            or _warning_threatens(c.trigger, ctx)]  # fmt: skip


def _warning_threatens(warn: Token, ctx: TriggerContext) -> bool:
    speakers = {a.actor.code for a in ctx.finder.subject(warn)[0]}
    if warn.pos_ == "NOUN":
        speakers |= {a.actor.code for a in ctx.finder.noun_owner(warn)}
    for comp in warn.children:
        if comp.dep_ in ("ccomp", "acl"):
            subjects = ctx.finder.subject(comp)[0]
            own = any(s.actor.code in speakers for s in subjects) or _own_forces(comp, ctx)
            return own or _has_consequence(comp, ctx)
        if comp.dep_ == "prep" and comp.lower_ in ("of", "about"):
            return _has_consequence(comp, ctx)
    return warn.pos_ != "NOUN"  # "warned Kyiv", "warned against ..."; a bare "warnings": no


def _own_forces(clause: Token, ctx: TriggerContext) -> bool:
    """"warned that police will no longer tolerate rallies": unnamed forces or "we" as
    the subject of the warning are the warner's own."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or ctx.finder.actors_at(subj):
        return False
    return subj.lower_ == "we" or subj.lemma_.lower() in ctx.lexicon.cue("control.own_forces")


def _has_consequence(clause: Token, ctx: TriggerContext) -> bool:
    words = ctx.lexicon.cue("hypothetical.consequence_words")
    t = ctx.table
    return any(t.lemma_lower[j] in words and t.pos[j] != "PROPN" for j in t.subtree(clause.i))


def charge_accusations(cands: list[Candidate], ctx: TriggerContext) -> list[Candidate]:
    """"jailed two journalists on charges of spying", "detained a reporter on suspicion of
    espionage": the arrest (COERCE) also accuses (ACCUSE 112) the same target."""
    charges = ctx.lexicon.cue("reporting.charge_nouns")
    out: list[Candidate] = []
    for cand in cands:
        if cand.kind == "derived" or ctx.lexicon.code(cand.cameo).plover != "COERCE":
            continue
        phrases = [g for c in cand.trigger.children if c.dep_ == "prep" and c.lower_ == "on"
                   for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        if any(g.lemma_.lower() in charges for g in phrases):
            why = f"charge:{cand.why}"
            out.append(replace(cand, cameo="112", weight=0.65, why=why, kind="derived"))
    return out


def _direct_content(tok: Token, verb: Token, table: TokenTable) -> bool:
    """The act is what is claimed, not a side clause of the claim ("said it had placed
    troops on alert, as NATO moved to reinforce ...": NATO's move is not claimed)."""
    for gov, child in governor_path(tok.i, table):
        if gov == verb.i:
            return True
        if table.dep[child] not in ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "pcomp"):
            return False
    return False


def _reporting_verb(tok: Token, ctx: TriggerContext) -> Token | None:
    reporting, t = ctx.lexicon.cue("reporting.verbs"), ctx.table
    for gov, child in governor_path(tok.i, t):
        if t.dep[child] == "ccomp" and t.lemma_lower[gov] in reporting:
            return t.doc[gov]
    return None


def obligation_requests(sent: Span, ctx: TriggerContext) -> list[Candidate]:
    """"X said Y must withdraw": REQUEST X -> Y (the withdrawal itself is not coded)."""
    out: list[Candidate] = []
    for i in within(ctx.reported_clauses, sent):
        verb = sent.doc[i]
        if not _obliged(verb, ctx):
            continue
        speakers = ctx.finder.subject(verb.head)[0]
        addressees = ctx.finder.subject(verb)[0]
        if speakers and addressees:
            out.append(Candidate(verb.head, "100", 0.7, f"oblige:{verb.head.lemma_}+must",
                                 speakers, addressees, kind="derived"))  # fmt: skip
    return out


def _obliged(verb: Token, ctx: TriggerContext) -> bool:
    words, t, kids = ctx.lexicon.cue("reporting.obligation"), ctx.table, ctx.table.children(verb.i)
    aux = {t.lower[c] for c in kids if t.dep[c] in ("aux", "auxpass")}
    if aux & (words - {"need", "have"}):
        return True
    return t.lemma_lower[verb.i] in ("need", "have") and any(t.dep[c] == "xcomp" for c in kids)


def conditional_threats(sent: Span, ctx: TriggerContext) -> list[Candidate]:
    """"Biden warned that Russia would pay a price if it invaded", "Medvedev said
    Moscow would deploy nuclear weapons if Sweden joined NATO": THREATEN from the
    speaker to whoever the condition is about (for warn/threaten verbs, else to
    the subject of the warning)."""
    out: list[Candidate] = []
    warnings = ctx.lexicon.cue("control.threat")
    conditions, t = ctx.lexicon.cue("hypothetical.conditions"), ctx.table
    conditional = not conditions.isdisjoint(t.lower[sent.start : sent.end])
    for i in within(ctx.speech_verbs, sent):
        warning = t.lemma_lower[i] in warnings
        # only a warning verb can threaten without an if/unless clause somewhere in the sentence
        if not (warning or conditional):
            continue
        verb = sent.doc[i]
        speakers, passive = ctx.finder.subject(verb)
        if passive:
            continue
        threatens = (_warning_threatens(verb, ctx) if warning
                     else _threatening_consequence(verb, ctx))  # fmt: skip
        if not threatens or _enabling_condition(verb, ctx):
            continue
        targets = _condition_subjects(verb, ctx) or _warned_subjects(verb, ctx)
        targets = tuple(t for t in targets if all(t.actor.code != s.actor.code for s in speakers))
        if speakers and targets:
            why = f"conditional:{verb.lemma_}+ccomp"
            cand = Candidate(verb, "130", 0.7, why, speakers, targets,
                             ctx.modality(verb))  # fmt: skip
            out.append(replace(cand, kind="derived"))
    return out


def _threatening_consequence(verb: Token, ctx: TriggerContext) -> bool:
    """A reported conditional is a threat only when its consequence is one ("would pay
    a heavy price", "would respond with force", "sanctions would follow")."""
    words = ctx.lexicon.cue("hypothetical.consequence_words") | ctx.lexicon.conflict_lemmas
    conditions, t = ctx.lexicon.cue("hypothetical.conditions"), ctx.table
    for comp in t.children(verb.i):
        if t.dep[comp] != "ccomp":
            continue
        # the consequence is the clause minus its if-clause
        clauses = [c for c in t.children(comp) if t.dep[c] == "advcl"
                   and any(t.lower[m] in conditions for m in t.children(c))]  # fmt: skip
        condition = {j for c in clauses for j in t.subtree(c)}
        if any(t.lemma_lower[j] in words and t.pos[j] != "PROPN"  # not "NATO Response Force"
               for j in t.subtree(comp) if j not in condition):  # fmt: skip
            return True
    return False


def _enabling_condition(verb: Token, ctx: TriggerContext) -> bool:
    """"would join the response force if the alliance activated it": a consequence
    on someone's request or activation is help, not a threat."""
    enabling, t = ctx.lexicon.cue("hypothetical.enabling_conditions"), ctx.table
    conditions = ctx.lexicon.cue("hypothetical.conditions")
    return any(t.dep[j] == "advcl" and t.lemma_lower[j] in enabling
               and _marked(j, conditions, t) for j in t.subtree(verb.i))  # fmt: skip


def _marked(i: int, marks: frozenset[str], t: TokenTable) -> bool:
    """Token ``i`` has a "mark" dependent ("if", "unless") that is one of ``marks``."""
    return any(t.dep[c] == "mark" and t.lower[c] in marks for c in t.children(i))


def _condition_subjects(verb: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    conditions, t = ctx.lexicon.cue("hypothetical.conditions"), ctx.table
    for comp in t.children(verb.i):
        if t.dep[comp] != "ccomp":
            continue
        for j in t.subtree(comp):
            if t.dep[j] == "advcl" and _marked(j, conditions, t):
                return ctx.finder.subject(t.doc[j])[0]
    return ()


def _warned_subjects(verb: Token, ctx: TriggerContext) -> tuple[Arg, ...]:
    if verb.lemma_.lower() not in ctx.lexicon.cue("control.threat"):
        return ()
    for comp in verb.children:
        if comp.dep_ == "ccomp":
            subjects = ctx.finder.subject(comp)[0]
            if subjects:
                return subjects
            # "warned that any intervention by ECOWAS would be met with force"
            nouns = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            return next((o for n in nouns if (o := ctx.finder.noun_owner(n))), ())
    return ()
