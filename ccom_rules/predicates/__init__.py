"""Evidence predicates: the one explicit list of every kind a checkpoint may use.

Adding a predicate is one class in a module here and one line in ``Predicate``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Facts, Outcome, Patch, with_added
from .evidence import Approved, Fresh, Metric, Present
from .logic import AllOf, AnyOf, AssessorCheck, AtLeast
from .people import CertifiedPeople
from .series import Continuous

Predicate = Annotated[
    Present | Fresh | Continuous | Metric | Approved | CertifiedPeople | AssessorCheck | AllOf | AnyOf | AtLeast,
    Field(discriminator="kind"),
]

for _combinator in (AllOf, AnyOf, AtLeast):
    _combinator.model_rebuild()

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
