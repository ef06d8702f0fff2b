"""Put a faster component in the place (and under the name) of a stock one."""

from typing import Any

from spacy.language import Language


def swap_component(nlp: Language, name: str, factory: str) -> Any:
    """Replace the pipe ``name`` by a new ``factory`` component in the same position;
    return the new component (the caller hands it the old one's rules)."""
    position = nlp.pipe_names.index(name)
    nlp.remove_pipe(name)
    rest = nlp.pipe_names[position:]
    placement: dict[str, Any] = {"before": rest[0]} if rest else {"last": True}
    nlp.add_pipe(factory, name=name, **placement)
    return nlp.get_pipe(name)
