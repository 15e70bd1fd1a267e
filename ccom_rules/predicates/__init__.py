"""Evidence predicates: the one explicit list of every kind a checkpoint may use.

Adding a predicate is one class in a module here (its ``evaluate`` runs the function that
``run.py`` compiles it into: one compiler in ``run._COMPILERS``, or in ``run_evidence.READING`` for
one reading the facts) and one line in ``Predicate``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Facts, Outcome, Patch, with_added
from . import logic
from .evidence import Approved, Fresh, Metric, Present
from .logic import AllOf, AnyOf, AssessorCheck, AtLeast
from .people import CertifiedPeople
from .series import Continuous

Predicate = Annotated[
    Present | Fresh | Continuous | Metric | Approved | CertifiedPeople | AssessorCheck | AllOf | AnyOf | AtLeast,
    Field(discriminator="kind"),
]

# The combinators' ``of`` names ``Predicate``, defined only here: their module gets the name, and
# their schemas are built on first use (models defer their build) like every other model's.
vars(logic)["Predicate"] = Predicate

__all__ = [
    "AllOf",
    "AnyOf",
    "Approved",
    "AssessorCheck",
    "AtLeast",
    "CertifiedPeople",
    "Continuous",
    "Facts",
    "Fresh",
    "Metric",
    "Outcome",
    "Patch",
    "Predicate",
    "Present",
    "with_added",
]
