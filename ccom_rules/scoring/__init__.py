"""Scoring models: the one explicit table of every model a pack may use.

Each model is a :class:`ScoringModel` subclass: its parameters (the fields under a pack's
``scoring:``), its outcome class, and everything the rest of the program asks of it (words,
targets, distances, gap and plan hooks, checks). Nothing outside this package branches on
which model a pack uses. Adding a model is one module and one row of :data:`MODELS`; a model
defined elsewhere (a plug-in, a test) joins with :func:`register`, which widens the pack's
``scoring`` union and the result's ``outcome`` union.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field

from ..model.result import Outcome
from .bands import Band, StatusFractions, WeightedBands
from .base import Board, ClauseState, GainWords, Raised, RaiseFinding, ScoringModel
from .maturity import Derivation, MaturityLevel, MaturityLevels, RatingScale
from .pass_fail import PassFail, Prerequisite

MODELS: dict[str, type[ScoringModel]] = {
    "pass_fail": PassFail,
    "maturity_levels": MaturityLevels,
    "weighted_bands": WeightedBands,
}
"""Every scoring model by the name packs give in ``scoring.model``."""

BUILT_IN = dict(MODELS)

Scoring = Annotated[PassFail | MaturityLevels | WeightedBands, Field(discriminator="model")]
"""The pack's ``scoring`` field: one of :data:`MODELS`, chosen by ``model``."""


def model_named(name: str) -> type[ScoringModel]:
    """The model class registered as ``name``; ``KeyError`` naming the known ones."""
    try:
        return MODELS[name]
    except KeyError:
        raise KeyError(f"unknown scoring model {name!r}; known: {', '.join(MODELS)}") from None


def model_of(outcome: Outcome) -> type[ScoringModel]:
    """The model class that produced ``outcome``."""
    return model_named(outcome.model)


def register(model: type[ScoringModel]) -> None:
    """Add ``model`` to :data:`MODELS` (or replace the one of the same name) and rebuild the
    pack and result models so packs may use it and results carry its outcome."""
    name = model.model_fields["model"].default
    MODELS[name] = model
    _rebuild()


def unregister(name: str) -> None:
    """Remove a model added with :func:`register` (the built-in ones stay)."""
    if name in BUILT_IN:
        raise ValueError(f"{name} is built in")
    MODELS.pop(name, None)
    _rebuild()


def _union(members: list[Any]) -> Any:
    return Annotated[Union[tuple(members)], Field(discriminator="model")]  # noqa: UP007


def _rebuild() -> None:
    from pydantic.fields import FieldInfo

    from .. import overlay
    from ..model import pack, result

    models = list(MODELS.values())
    for holder in (pack.ClausePack, overlay.ScoringOnly):
        holder.model_fields["scoring"] = FieldInfo.from_annotation(_union(models))
        holder.model_rebuild(force=True)
    result.PackResult.model_fields["outcome"] = FieldInfo.from_annotation(_union([m.OUTCOME for m in models]))
    result.PackResult.model_rebuild(force=True)
    result.Result.model_rebuild(force=True)


__all__ = [
    "BUILT_IN",
    "MODELS",
    "Band",
    "Board",
    "ClauseState",
    "Derivation",
    "GainWords",
    "MaturityLevel",
    "MaturityLevels",
    "PassFail",
    "Prerequisite",
    "RaiseFinding",
    "Raised",
    "RatingScale",
    "Scoring",
    "ScoringModel",
    "StatusFractions",
    "WeightedBands",
    "model_named",
    "model_of",
    "register",
    "unregister",
]
