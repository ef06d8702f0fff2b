"""Source and target of an event trigger, read from the dependency parse.

Only syntactic dependents of the trigger (or of the verb it is the complement of)
are ever used, so a source and a target never come from unrelated parts of a
sentence (the failure that makes bag-of-actors coders unusable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.records import Actor

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "iobj", "attr"})
# modifiers of a noun phrase that can carry its actor ("Russian troops", "Russia's army")
ACTOR_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# subject pronouns of a reported clause that the resolver may leave unresolved
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# nouns of intent whose infinitive is their holder's act ("signalled readiness to talk")
INTENT_NOUNS = frozenset({"readiness", "willingness", "promise", "pledge", "commitment",
                          "determination"})  # fmt: skip
# finite verb tags: a finite verb hanging off another as "dep" is a coordination
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


@dataclass(frozen=True, slots=True)
class Arg:
    """An actor filling a role, with the token it was read from."""

    actor: Actor
    token: Token


@dataclass(frozen=True)
class ArgFinder:
    """Finds actors under argument tokens, with the carrier nouns from cues.toml."""

    actors: ActorMentions
    carriers: frozenset[str]
    target_preps: frozenset[str]
    carrier_preps: tuple[str, ...] = ("of", "from", "for", "with")
    # places resolved to their state, for roles the actor resolver left to the
    # gazetteer ("sent troops to Poland": the target is the state of the place)
    place_actors: Mapping[int, Actor] = field(default_factory=dict)
    # nouns for armed forces and their equipment ("Russian warships", "US jets")
    forces: frozenset[str] = frozenset()
    # speech verbs whose unresolved pronoun subject in the reported clause is the speaker
    reporting: frozenset[str] = frozenset()
    # request verbs whose to-infinitive, even parsed as an adverbial clause, is the
    # addressee's act ("called on Moscow to stop")
    requests: frozenset[str] = frozenset()

    def actor_at(self, tok: Token, depth: int = 0) -> Arg | None:
        """The actor an argument head stands for: its own mention, a modifier's
        ("the Russian government"), or for carrier nouns an of/from phrase's
        ("leaders of Ukraine")."""
        tok = self._antecedent(tok)
        found = self.actors.at(tok.i) or self.place_actors.get(tok.i)
        if found is not None and found.code is not None:
            return Arg(found, tok)
        # a mention with no state, organisation or group (an unknown person) is not an
        # actor an event can be coded for; its modifiers may still name one
        if depth > 2:
            return None
        if depth == 0 and not self._may_carry(tok):
            return None
        for child in tok.children:
            if child.dep_ in ACTOR_MODIFIERS and child.i != tok.i:
                arg = self.actor_at(child, depth + 1)
                if arg is not None:
                    return arg
        if tok.lemma_.lower() in self.carriers or tok.lower_ in self.carriers:
            return self._of_phrase(tok, depth)
        return None

    def _may_carry(self, tok: Token) -> bool:
        """Only nouns that stand for an actor take their actor from a modifier:
        "the Russian government", "Russian troops" — not "Ukraine's grain exports"."""
        lemma = tok.lemma_.lower()
        return (tok.pos_ == "PROPN" or lemma in self.carriers or tok.lower_ in self.carriers
                or lemma in self.forces)  # fmt: skip

    def actors_at(self, tok: Token) -> tuple[Arg, ...]:
        """Actors of ``tok`` and its coordinated conjuncts ("the US and NATO"), and of
        coordinated modifiers ("Russian and Chinese warships")."""
        found: list[Arg] = []
        for head in (tok, *tok.conjuncts):
            for arg in self._with_modifier_conjuncts(head):
                if all(a.actor != arg.actor for a in found):
                    found.append(arg)
        return tuple(found)

    def _with_modifier_conjuncts(self, head: Token) -> list[Arg]:
        arg = self.actor_at(head)
        if arg is None:
            return []
        found = [arg]
        if arg.token.i != head.i:
            for conj in arg.token.conjuncts:
                other = self.actor_at(conj, 1)
                if other is not None:
                    found.append(other)
        return found

    def _of_phrase(self, tok: Token, depth: int) -> Arg | None:
        """The actor of a carrier's phrase, in the order of carrier_preps."""
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in self.carrier_preps]
        preps.sort(key=lambda p: self.carrier_preps.index(p.lower_))
        for prep in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    arg = self.actor_at(pobj, depth + 1)
                    if arg is not None:
                        return arg
        return None

    def _antecedent(self, tok: Token) -> Token:
        """A relative pronoun stands for the noun its clause modifies."""
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl"):
            return tok.head.head
        return tok

    # ------------------------------------------------------------------ roles

    def subject(self, verb: Token) -> tuple[tuple[Arg, ...], bool]:
        """(actors of the subject, passive?) of ``verb``, inherited through
        control (xcomp), coordination (conj) and participle clauses."""
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return self._subject_or_speaker(verb, child), False
            if child.dep_ in PASSIVE_DEPS:
                return self.actors_at(child), True
        head = verb.head
        if head.i == verb.i:
            return (), False
        if verb.dep_ == "xcomp" or stray_complement(verb) is not None:
            controller = self.object_controller(head)
            if controller:
                return controller, False
            return self.subject(head)[0], False
        if verb.dep_ == "acomp":  # "was ready to talk": the subject of "was"
            return self.subject(head)[0], False
        if verb.dep_ == "conj":
            # "was indicted ... and will resign": an active verb coordinated with a
            # passive one shares its subject, not its voice
            own_passive = any(c.dep_ == "auxpass" for c in verb.children)
            return self.subject(head)[0], own_passive
        if verb.dep_ == "acl" and head.lemma_.lower() in INTENT_NOUNS and head.dep_ in OBJECT_DEPS:
            # "signalled readiness to pursue diplomacy", "made a promise to stand by":
            # the one who has the readiness or made the promise
            return self.subject(head.head)[0], False
        if verb.dep_ == "dep" and verb.tag_ in FINITE_TAGS and verb.tag_ == head.tag_:
            # "forced the jet to land, then arrested the journalist": a coordination the
            # parser left without its "and" shares the subject
            return self.subject(head)
        if _means_clause(verb):
            return self.subject(verb.head.head)  # "responded by ordering ...": the responder
        if requested_clause(verb, self.requests):
            return self.object_controller(head) or self.subject(head)[0], False
        if verb.dep_ == "advcl" and _nonfinite(verb):
            return self.subject(head)
        if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN":
            return self.actors_at(head), True
        return (), False

    def _subject_or_speaker(self, verb: Token, subj: Token) -> tuple[Arg, ...]:
        """"Georgia said it was ready to ...": an unresolved pronoun subject of a
        reported clause is the speaker."""
        found = self.actors_at(subj)
        if found or subj.lower_ not in PERSONAL_PRONOUNS or verb.dep_ != "ccomp":
            return found
        if verb.head.lemma_.lower() not in self.reporting:
            return found
        return self.subject(verb.head)[0]

    def object_controller(self, verb: Token) -> tuple[Arg, ...]:
        """The object that is the understood subject of a complement
        ("urged Moscow to withdraw": Moscow withdraws)."""
        for child in verb.children:
            if child.dep_ in ("dobj", "obj", "dative"):
                return self.actors_at(child)
        return self.prep_objects(verb, frozenset({"on", "upon"}))  # "called on Moscow to"

    def agent(self, verb: Token) -> tuple[Arg, ...]:
        """The by-phrase of a passive verb ("was accused by Kyiv")."""
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_at(pobj)
        return ()

    def objects(self, verb: Token, with_direct: bool = True) -> tuple[Arg, ...]:
        """Objects that are actors; indirect ones only when the direct object is a theme
        ("gave Tanzania a grant")."""
        deps = OBJECT_DEPS if with_direct else frozenset({"dative", "iobj"})
        found: list[Arg] = []
        for child in verb.children:
            if child.dep_ in deps:
                found.extend(self.actors_at(child))
        return tuple(found)

    def prep_objects(self, head: Token, preps: frozenset[str] | None = None) -> tuple[Arg, ...]:
        """Actors in prepositional phrases of ``head`` whose preposition may mark a target."""
        allowed = self.target_preps if preps is None else preps
        found: list[Arg] = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in allowed:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found.extend(self.actors_at(pobj))
        return tuple(found)

    def noun_owner(self, noun: Token) -> tuple[Arg, ...]:
        """Whose a nominal act is: possessive, actor modifier or by/from phrase
        ("Russia's demands", "Russian demands", "demands by Moscow")."""
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                found = self.actors_at(child)
                if found:
                    return found
        return self.prep_objects(noun, frozenset({"by", "from"}))


def stray_complement(verb: Token) -> Token | None:
    """"called on Moscow to de-escalate and pull its forces back": a bare infinitive
    the parser coordinated with the finite governor belongs to its complement; the
    complement it joins, else None."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VB" or head.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in head.children if c.dep_ == "xcomp" and c.i < verb.i), None)


def _means_clause(verb: Token) -> bool:
    """"Tallinn responded by ordering ...": a by-gerund of a finite verb is that verb's
    subject's act (not under another gerund: "accused X of fuelling ... by sending")."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ != "by":
        return False
    # "accused Washington of fuelling tension by sending ...": the accused's means
    charged = [c for c in prep.head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    return prep.head.tag_ in ("VBD", "VBZ", "VBP", "VB") and not charged


def requested_clause(verb: Token, requests: frozenset[str]) -> bool:
    """"called on Moscow to stop": a to-infinitive the parser hung on a request verb
    as an adverbial clause is what is requested."""
    to_marker = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ == "advcl" and to_marker and verb.head.lemma_.lower() in requests


def _nonfinite(verb: Token) -> bool:
    """A participle or to-infinitive clause ("..., saying", "flew to Moscow to discuss")."""
    to_marker = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.tag_ == "VBG" or (verb.tag_ == "VB" and to_marker)
