"""Claims and counter-claims: A accuses or threatens B; B rejects or denies within days.

A claim is a real event of type ACCUSE or THREATEN from A to B (A and B differ).
Its counter is the earliest REJECT by B (aimed at A, or with no target) or a
denial by B, reported from the claim's day up to ``WINDOW_DAYS`` later.  A denial
is a negated *conflict* act of B (QuadClass 3 or 4: "Moscow denies planning to
attack") that nobody but B is reported to have said: "NATO said Moscow was not
pulling back" (a negated cooperative act, and NATO's words) answers nothing.
Claims without a counter are listed too (``counter`` None): an unanswered
accusation is information.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from brinkwatch.store.db import Store

WINDOW_DAYS = 3
CLAIM_TYPES = ("ACCUSE", "THREATEN")


@dataclass(frozen=True, slots=True)
class ClaimPair:
    claim: dict[str, Any]
    counter: dict[str, Any] | None


def _claims(store: Store) -> list[dict[str, Any]]:
    return store.query(
        """SELECT cluster_id AS id, type, source_code, target_code, first_day AS day, sentence,
                  article_id, mentions, articles
           FROM event_clusters WHERE type IN ('ACCUSE', 'THREATEN')
             AND source_code IS NOT NULL AND target_code IS NOT NULL
             AND source_code <> target_code
           ORDER BY first_day, cluster_id"""
    )


def _counters(store: Store) -> list[dict[str, Any]]:
    return store.query(
        """SELECT id, type, source_code, target_code, day, sentence, article_id, negated
           FROM events_v
           WHERE day IS NOT NULL AND source_code IS NOT NULL
             AND ((type = 'REJECT' AND NOT negated AND NOT hypothetical)
                  OR (negated AND quad_class IN (3, 4)
                      AND coalesce(attributed_to_country, attributed_to_org,
                                   attributed_to_group, source_code) = source_code))
           ORDER BY day, id"""
    )


def claim_pairs(store: Store, only_answered: bool = False) -> list[ClaimPair]:
    """Every claim with its earliest counter-claim, if any."""
    counters = _counters(store)
    pairs = []
    for claim in _claims(store):
        counter = next((c for c in counters if _answers(c, claim)), None)
        if counter is not None or not only_answered:
            pairs.append(ClaimPair(claim, counter))
    return pairs


def _answers(counter: dict[str, Any], claim: dict[str, Any]) -> bool:
    if counter["source_code"] != claim["target_code"]:
        return False
    # a rejection answers its accuser; a denied act names its own victim, not the accuser
    if not counter["negated"] and counter["target_code"] not in (claim["source_code"], None):
        return False
    return bool(claim["day"] <= counter["day"] <= claim["day"] + timedelta(days=WINDOW_DAYS))
