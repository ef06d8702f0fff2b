"""Quotes with speakers: one parametrized case per pattern, written for these tests.

The actor resolver is left out here (empty ActorMentions) so that the cases pin
the quote extractor's own behaviour; tests/test_quotes_actors.py covers the hand-off.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.quotes import extract_quotes
from brinkwatch.records import Quote

Parse = Callable[[str], Doc]


def quotes_of(parse: Parse, text: str) -> tuple[Quote, ...]:
    return extract_quotes(parse(text), ActorMentions())


def find(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


def speaker_words(quote: Quote) -> str:
    assert quote.speaker is not None, f"no speaker for {quote.text!r}"
    return f"{quote.speaker.text} {quote.speaker.name or ''}"


DIRECT_CASES = [
    # (text, fragment of the quote, expected quote text, speaker word, cue)
    ('"Our patience has limits," Peskov said on Tuesday.',
     "patience", "Our patience has limits", "Peskov", "said"),
    ("“The alliance is not a threat to anyone,” Stoltenberg said.",
     "alliance", "The alliance is not a threat to anyone", "Stoltenberg", "said"),
    ('Lavrov warned against "provocations" near the border.',
     "provocations", "provocations", "Lavrov", "warned"),
    ("“Nobody is planning an attack,” said Dmitry Peskov, the Kremlin spokesman.",
     "Nobody", "Nobody is planning an attack", "Peskov", "said"),
    ('Blinken told reporters: "We remain ready to talk. We also remain ready to respond."',
     "ready to talk", "We remain ready to talk. We also remain ready to respond.",
     "Blinken", "told reporters"),
    ('"Sanctions are ready to go," Downing Street added.',
     "Sanctions", "Sanctions are ready to go", "Downing", "added"),
    ('"We have moved ships to the Black Sea," a senior U.S. defense official said.',
     "ships", "We have moved ships to the Black Sea", "official", "said"),
    ('"The troops are staying for now," two diplomats said after the meeting.',
     "troops", "The troops are staying for now", "diplomats", "said"),
    ('"The president has been briefed," an aide said.',
     "briefed", "The president has been briefed", "aide", "said"),
    ("“These are defensive measures,” Scholz insisted, calling the deployment limited.",
     "defensive", "These are defensive measures", "Scholz", "insisted"),
    ("Macron said: “Europe must speak with one voice.”",
     "Europe", "Europe must speak with one voice.", "Macron", "said"),
    ('"We will defend every inch," Biden said, before adding that talks should go on.',
     "inch", "We will defend every inch", "Biden", "said"),
]


@pytest.mark.parametrize(("text", "fragment", "content", "speaker", "cue"), DIRECT_CASES)
def test_direct_quote_and_speaker(
    parse: Parse, text: str, fragment: str, content: str, speaker: str, cue: str
) -> None:
    quote = find(quotes_of(parse, text), fragment)
    assert quote.direct
    assert quote.text == content
    assert text[quote.start : quote.end] == content
    assert speaker in speaker_words(quote)
    assert quote.cue == cue


BROKEN = '"We are ready to talk," Lavrov said, "but not for ever."'
MULTI_PARAGRAPH = (
    'Zelensky said on Friday: "We are not going to panic.\n\n'
    '"Our army is stronger than it was eight years ago."\n\n'
    "The embassy remained open."
)
CONTINUING = (
    '"We will answer any attack," Truss told lawmakers.\n\n'
    '"And we will not wait to be asked twice."'
)
SAME_PARAGRAPH = '"The door is open," Stoltenberg said. "But the alliance is united."'
AFTER_REPORTED = (
    "Peskov said the West was feeding hysteria.\n\n"
    '"Nobody in Moscow wants a war, and everyone knows it."'
)


@pytest.mark.parametrize(
    ("text", "fragments", "speaker"),
    [
        (BROKEN, ("ready to talk", "not for ever"), "Lavrov"),
        (MULTI_PARAGRAPH, ("panic", "stronger"), "Zelensky"),
        (CONTINUING, ("answer any attack", "asked twice"), "Truss"),
        (SAME_PARAGRAPH, ("door is open", "alliance is united"), "Stoltenberg"),
        (AFTER_REPORTED, ("hysteria", "Nobody in Moscow"), "Peskov"),
    ],
)
def test_quote_parts_share_the_speaker(
    parse: Parse, text: str, fragments: tuple[str, ...], speaker: str
) -> None:
    quotes = quotes_of(parse, text)
    for fragment in fragments:
        assert speaker in speaker_words(find(quotes, fragment))


def test_multi_paragraph_quote_ends_at_its_paragraph(parse: Parse) -> None:
    quote = find(quotes_of(parse, MULTI_PARAGRAPH), "panic")
    assert quote.text == "We are not going to panic."


REPORTED_CASES = [
    # (text, expected content, speaker word, cue)
    ("Peskov said that the talks had reached a dead end.",
     "the talks had reached a dead end", "Peskov", "said"),
    ("Stoltenberg said the alliance would send more jets to the Baltic states.",
     "the alliance would send more jets to the Baltic states", "Stoltenberg", "said"),
    ("The Pentagon warned that Russia could attack at any moment.",
     "Russia could attack at any moment", "Pentagon", "warned"),
    ("According to two officials, Moscow has moved blood supplies to the border.",
     "Moscow has moved blood supplies to the border", "officials", "according to"),
    ("Blinken told reporters the United States would answer in writing.",
     "the United States would answer in writing", "Blinken", "told reporters"),
    ("Moscow accused Washington of fuelling tension in Europe.",
     "fuelling tension in Europe", "Moscow", "accused"),
    ("Russia has no plans to invade its neighbour, Lavrov said.",
     "Russia has no plans to invade its neighbour", "Lavrov", "said"),
    ("The Kremlin said in a statement that NATO was escalating tensions.",
     "NATO was escalating tensions", "Kremlin", "said"),
    ("Downing Street added that sanctions were ready to go.",
     "sanctions were ready to go", "Downing", "added"),
    ("The talks, Peskov said, had reached a dead end.",
     "The talks, Peskov said, had reached a dead end", "Peskov", "said"),
    ("Those deployments, he told reporters on Friday, were a provocation.",
     "Those deployments, he told reporters on Friday, were a provocation", "he",
     "told reporters"),
    ("A Kremlin statement said the talks had reached an impasse.",
     "the talks had reached an impasse", "Kremlin", "said"),
    ("According to a statement from the Polish Defence Ministry, the drills ended early.",
     "the drills ended early", "Ministry", "according to"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), REPORTED_CASES)
def test_reported_speech(parse: Parse, text: str, content: str, speaker: str, cue: str) -> None:
    reported = [q for q in quotes_of(parse, text) if not q.direct]
    assert [q.text for q in reported] == [content]
    quote = reported[0]
    assert text[quote.start : quote.end] == content
    assert speaker in speaker_words(quote)
    assert quote.cue == cue


@pytest.mark.parametrize(
    "text",
    [
        "Peskov did not say that the talks had failed.",  # a denial reports nothing
        "The troops were moved to the border on Monday.",  # no speech at all
        "Analysts watched the talks closely.",
    ],
)
def test_no_reported_speech(parse: Parse, text: str) -> None:
    assert [q for q in quotes_of(parse, text) if not q.direct] == []


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peacekeepers" arrived overnight.',  # scare quotes, no cue
        'He appeared on "Face the Nation" on Sunday.',  # a programme title
        "The convoy's route was not disclosed.",  # apostrophes are not quote marks
    ],
)
def test_not_a_quote(parse: Parse, text: str) -> None:
    assert [q for q in quotes_of(parse, text) if q.direct] == []


def test_quote_without_findable_speaker_keeps_none(parse: Parse) -> None:
    text = (
        "The convoy stretched for miles.\n\n"
        '"This is what an invasion force looks like from the air, and it is growing."'
    )
    quote = find(quotes_of(parse, text), "invasion force")
    assert quote.direct and quote.speaker is None and quote.cue is None


def test_signed_quote(parse: Parse) -> None:
    text = "“We just want to live in peace.” ― Olena Kovalenko\n\nThe town was quiet."
    quote = find(quotes_of(parse, text), "live in peace")
    assert quote.speaker is not None and quote.speaker.name == "Olena Kovalenko"


def test_coordinated_cues_split_the_statements(parse: Parse) -> None:
    text = "Lavrov said Russia would wait and warned that its patience had limits."
    reported = [(q.text, q.cue) for q in quotes_of(parse, text) if not q.direct]
    assert reported == [("Russia would wait", "said"), ("its patience had limits", "warned")]


def test_buried_coordinated_cue_keeps_the_real_speaker(parse: Parse) -> None:
    text = ("Putin said some of the proposals could form a basis for talks, "
            "but repeated that the West had ignored his demands.")  # fmt: skip
    quote = find(quotes_of(parse, text), "the West had ignored")
    assert quote.cue == "repeated" and "Putin" in speaker_words(quote)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("WASHINGTON — President Biden said on Tuesday that the allies were united.",
         "the allies were united", "Biden"),  # a dateline is not the speaker
        ("Lavrov described the talks as “useful” and said Moscow expected answers next week.",
         "Moscow expected answers next week", "Lavrov"),  # coordinated with another cue
        ("Stoltenberg said Tuesday that the alliance was ready to talk.",
         "the alliance was ready to talk", "Stoltenberg"),  # a date is not the speaker
    ],
)  # fmt: skip
def test_speaker_of_reported_speech_in_harder_sentences(
    parse: Parse, text: str, content: str, speaker: str
) -> None:
    quote = find(quotes_of(parse, text), content)
    assert quote.text == content and not quote.direct
    assert speaker in speaker_words(quote)


def test_an_object_before_the_cue_is_not_the_speaker(parse: Parse) -> None:
    text = ("The Kremlin blamed Kyiv for the rise in shelling and said the weapons "
            "were encouraging it.")  # fmt: skip
    quote = find(quotes_of(parse, text), "the weapons were encouraging it")
    assert "Kremlin" in speaker_words(quote)


def test_unresolved_pronoun_speaker_is_not_guessed(parse: Parse) -> None:
    text = 'Scholz met Biden in Washington.\n\n"We are united," he told reporters.'
    quote = find(quotes_of(parse, text), "united")
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.name) == ("he", None)
    assert text[quote.speaker.start : quote.speaker.end] == "he"
    assert quote.cue == "told reporters"


def test_speaker_role_and_country_from_the_phrase(parse: Parse) -> None:
    text = '"We are ready," Russian Foreign Minister Sergei Lavrov said.'
    speaker = find(quotes_of(parse, text), "ready").speaker
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.country) == (
        "Sergei Lavrov", "foreign minister", "RUS",
    )  # fmt: skip


def test_quotes_come_in_text_order(parse: Parse) -> None:
    quotes = quotes_of(parse, BROKEN + " Lavrov said the West had ignored Russia's concerns.")
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


TRANSCRIPT = (
    "The interview was broadcast on Sunday.\n\n"
    "HOST: Will Russia invade Ukraine this winter?\n\n"
    "LAVROV: We have said many times that we are not planning any attack.\n\n"
    "HOST: And the troops on the border?\n\n"
    "LAVROV: They are on our own territory."
)


def test_transcript_turns_are_direct_speech_of_their_label(parse: Parse) -> None:
    quotes = quotes_of(parse, TRANSCRIPT)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("Will Russia invade Ukraine this winter?", "Host"),
        ("We have said many times that we are not planning any attack.", "Lavrov"),
        ("And the troops on the border?", "Host"),
        ("They are on our own territory.", "Lavrov"),
    ]
    assert all(q.direct and q.cue is None for q in quotes)


def test_a_single_label_line_is_not_a_transcript(parse: Parse) -> None:
    text = "UPDATE: The talks resumed in Geneva on Monday after a short break."
    assert quotes_of(parse, text) == ()
