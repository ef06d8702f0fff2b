"""Shared fixtures: the spaCy model and the knowledge are loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.knowledge import Knowledge, load_knowledge
from brinkwatch.nlp import load_nlp
from brinkwatch.settings import Settings

# The public dev sets sit beside the repository (../shared/datasets); they are never copied
# into it.  BRINKWATCH_DATASETS_DIR points elsewhere; where they are absent their gates skip.
DATASETS = Settings.from_env().datasets_dir


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[[str], Doc]:
    """Parse a text with the real model (cached per text)."""
    cache: dict[str, Doc] = {}

    def _parse(text: str) -> Doc:
        if text not in cache:
            cache[text] = nlp(text)
        return cache[text]

    return _parse


@pytest.fixture(scope="session")
def datasets() -> Path:
    if not DATASETS.is_dir():
        pytest.skip(f"dev sets not found at {DATASETS}")
    return DATASETS
