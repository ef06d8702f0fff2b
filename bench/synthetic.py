"""Synthetic wire articles for the scale benchmarks: our own template sentences,
varied by actor, number, place and date, so every article is distinct (its own
id) but all read like crisis news.  Deterministic for a given seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

STATES = [
    ("Russia", "Moscow", "Sergei Lavrov", "foreign minister"),
    ("the United States", "Washington", "Antony Blinken", "secretary of state"),
    ("Ukraine", "Kyiv", "Dmytro Kuleba", "foreign minister"),
    ("Britain", "London", "Ben Wallace", "defence secretary"),
    ("Germany", "Berlin", "Annalena Baerbock", "foreign minister"),
    ("France", "Paris", "Jean-Yves Le Drian", "foreign minister"),
    ("Poland", "Warsaw", "Zbigniew Rau", "foreign minister"),
    ("Belarus", "Minsk", "Vladimir Makei", "foreign minister"),
    ("Lithuania", "Vilnius", "Gabrielius Landsbergis", "foreign minister"),
    ("Turkey", "Ankara", "Mevlut Cavusoglu", "foreign minister"),
]
BODIES = ["NATO", "the European Union", "the United Nations", "the OSCE"]
UNITS = ["troops", "soldiers", "tanks", "armoured vehicles", "fighter jets"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TEMPLATES = [
    "{a} said on {day} it would send {n} {unit} to its border with {c}; {b} objected.",
    "{a_poss} {a_role} {a_person} accused {b} of stoking tension near the border on {day}.",
    "{b} rejected the accusation and said its forces were on routine exercises.",
    "Officials from {a} and {b} met in {place} on {day} for talks that lasted {h} hours.",
    "{a} pledged ${m} million in aid to {c}, the government in {pc} said.",
    "{body} called on both sides to return to talks and avoid steps that could escalate.",
    "{b} warned that new sanctions would bring a firm response, {b_person} told reporters.",
    "About {n2} people attended a rally in {pc} on {day}, police said.",
    "{a} and {c} agreed to hold further consultations in {place} next week.",
    "Satellite images showed {n} {unit} near the frontier, analysts in {pa} said.",
]
PLACES = ["Geneva", "Vienna", "Brussels", "Munich", "Istanbul", "Helsinki", "Warsaw"]


def article_text(rng: random.Random, index: int, start: date = date(2022, 1, 10)) -> str:
    """One article: a headline, a dateline lead and four to seven template sentences."""
    day = start + timedelta(days=index % 50)
    a, b, c = rng.sample(STATES, 3)
    fill = {
        "a": a[0], "pa": a[1], "a_person": a[2], "a_role": a[3], "b": b[0], "pb": b[1],
        "b_person": b[2], "c": c[0], "pc": c[1], "body": rng.choice(BODIES),
        "unit": rng.choice(UNITS), "n": f"{rng.randrange(100, 20000):,}",
        "n2": f"{rng.randrange(50, 5000):,}", "a_poss": _possessive(a[0]),
        "m": rng.randrange(5, 900), "h": rng.randrange(2, 9), "place": rng.choice(PLACES),
        "day": WEEKDAYS[day.weekday()], "a_min": a[0][0].upper() + a[0][1:],
    }  # fmt: skip
    sentences = [t.format(**fill) for t in rng.sample(TEMPLATES, rng.randrange(4, 8))]
    sentences = [s[0].upper() + s[1:] for s in sentences]
    headline = f"{fill['a_min']} and {b[0]} trade warnings ({index})"
    dateline = f"{a[1].upper()}, {day:%b} {day.day} (Synthetic Wire) - "
    return f"{headline}\n\n{dateline}{' '.join(sentences)}\n"


def article_texts(count: int, seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    for index in range(count):
        yield article_text(rng, index)


def write_corpus(folder: Path, count: int, per_folder: int = 1000, seed: int = 7) -> int:
    """``count`` articles as .txt files, ``per_folder`` to a sub-folder; returns words."""
    words = 0
    for index, text in enumerate(article_texts(count, seed)):
        sub = folder / f"part-{index // per_folder:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article-{index:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def _possessive(name: str) -> str:
    """"the United States" -> "The United States'", "Russia" -> "Russia's"."""
    name = name[0].upper() + name[1:]
    return f"{name}'" if name.endswith("s") else f"{name}'s"
