"""Scoring models: the one explicit list of every model a pack may use.

Adding a model is one class in a module here (its parameters and a ``score`` method)
and one line in ``Scoring``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .bands import Band, StatusFractions, WeightedBands
from .base import Board, ClauseState
from .maturity import Derivation, MaturityLevel, MaturityLevels, RatingScale
from .pass_fail import PassFail, Prerequisite

Scoring = Annotated[PassFail | MaturityLevels | WeightedBands, Field(discriminator="model")]

__all__ = [
    "Band",
    "Board",
    "ClauseState",
    "Derivation",
    "MaturityLevel",
    "MaturityLevels",
    "PassFail",
    "Prerequisite",
    "RatingScale",
    "Scoring",
    "StatusFractions",
    "WeightedBands",
]
