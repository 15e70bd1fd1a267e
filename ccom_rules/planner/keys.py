"""Typed keys of the actions a plan may take. Each is a tuple whose parts order candidates
(ties in the search are broken by this order) and, joined with ``:``, give the action's id."""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..scoring.base import RaiseFinding


class EvidenceKey(NamedTuple):
    """Provide the evidence of one type that every pack's checkpoints still lack."""

    name: Literal["evidence"]
    type: str


class PeopleKey(NamedTuple):
    """Certify the people of one scheme that every pack's checkpoints still lack."""

    name: Literal["people"]
    scheme: str


class AssessorKey(NamedTuple):
    """Close a checkpoint or clause and have the assessor confirm it."""

    name: Literal["assessor"]
    pack: str
    target: str


ActionKey = EvidenceKey | PeopleKey | AssessorKey | RaiseFinding
"""Every kind of action; :class:`RaiseFinding` comes from the scoring models."""


def evidence(evidence_type: str) -> EvidenceKey:
    return EvidenceKey("evidence", evidence_type)


def people(scheme: str) -> PeopleKey:
    return PeopleKey("people", scheme)


def assessor(pack: str, target: str) -> AssessorKey:
    return AssessorKey("assessor", pack, target)


def action_id(key: ActionKey) -> str:
    """``evidence:TYPE``, ``people:SCHEME``, ``assessor:PACK:TARGET``, ``rating:PACK:ITEM:c``…"""
    return ":".join(part for part in key if part)
