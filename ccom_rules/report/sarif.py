"""SARIF 2.1.0 for ``validate``, ``evaluate`` and ``gaps``: what code-scanning services show as
annotations on the manifest.

One rule per checkpoint (``PACK/CHECKPOINT``), per pass_fail prerequisite
(``PACK/prerequisite/ID``), per clause for ``gaps`` (``PACK/CLAUSE``) and per problem code
(``E003``). Each result points at the manifest line of the evidence item concerned (the newest
item the checkpoint looked at), at the assessor's finding that decided it, or, when nothing was
found, at the manifest's ``evidence:`` key, where the missing evidence belongs. Problems point at
their file:line:column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any

from .. import __version__
from ..model.gaps import ClauseGap
from ..model.pack import ClausePack
from ..model.result import CheckpointResult, PackResult, Status
from ..places import ManifestPlaces, Place
from ..problems import CODES, Problem
from ..scoring import model_of
from .subjects import Analysis, Evaluation, Validation

SARIF_SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
FINGERPRINT = "ccomRules/v1"

_LEVEL: dict[Status, str] = {"not_met": "error", "partially_met": "warning", "not_assessed": "note"}


def render(subject: Evaluation | Analysis | Validation) -> str:
    """The SARIF log of one run, as indented JSON with a final newline."""
    if isinstance(subject, Validation):
        rules, results = _problems(subject.problems)
    elif isinstance(subject, Analysis):
        rules, results = _gaps(subject)
    else:
        rules, results = _evaluation(subject)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "ccom-rules", "version": __version__, "rules": rules.rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _uri(file: str) -> str:
    """A relative URI reference for a file name as problems show it (forward slashes, spaces escaped)."""
    from urllib.parse import quote

    return quote(PurePath(file).as_posix(), safe="/._-~")


def _location(file: str, place: Place, message: str | None = None) -> dict[str, Any]:
    line, column = place
    physical = {"artifactLocation": {"uri": _uri(file)}, "region": {"startLine": max(line, 1), "startColumn": max(column, 1)}}
    out: dict[str, Any] = {"physicalLocation": physical}
    if message:
        out["message"] = {"text": message}
    return out


class _Rules:
    """The run's rules in the order first used, each with its index."""

    def __init__(self) -> None:
        self.rules: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}

    def add(self, rule_id: str, name: str, short: str, properties: dict[str, Any]) -> int:
        if rule_id not in self.index:
            self.index[rule_id] = len(self.rules)
            self.rules.append({"id": rule_id, "name": name, "shortDescription": {"text": short}, "properties": properties})
        return self.index[rule_id]


def _result(rule_id: str, index: int, level: str, text: str, location: dict[str, Any], fingerprint: str) -> dict[str, Any]:
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "kind": "fail",
        "level": level,
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


class _Where:
    """Places in the manifest, or its top line when the source map is not at hand."""

    def __init__(self, places: ManifestPlaces | None, fallback: str) -> None:
        self.places = places
        self.file = places.file if places is not None else fallback

    def evidence(self, items: Iterable[str]) -> Place | None:
        if self.places is None:
            return None
        for item in reversed(tuple(items)):
            place = self.places.item(item)
            if place is not None:
                return place
        return None

    def finding(self, pack: str, target: str) -> Place | None:
        return None if self.places is None else self.places.finding(pack, target)

    def section(self) -> Place:
        return (1, 1) if self.places is None else self.places.evidence_section()

    def of_checkpoint(self, pack: str, cp: CheckpointResult) -> tuple[Place, str]:
        """Where a checkpoint's result belongs, and what is there."""
        if cp.decided_by == "assessor" and (place := self.finding(pack, cp.id)) is not None:
            return place, "the assessor's finding"
        if (place := self.evidence(cp.evidence)) is not None:
            return place, "evidence examined"
        return self.section(), "where the missing evidence belongs"


def _evaluation(subject: Evaluation) -> tuple[_Rules, list[dict[str, Any]]]:
    where = _Where(subject.places, _fallback(subject.manifest_path))
    by_id = {p.id: p for p in subject.packs}
    rules = _Rules()
    results: list[dict[str, Any]] = []
    for item in subject.result.packs:
        pack = by_id.get(item.pack.id)
        for clause in item.clauses:
            for cp in clause.checkpoints:
                if cp.status not in _LEVEL:
                    continue
                rule_id = f"{item.pack.id}/{cp.id}"
                index = rules.add(
                    rule_id,
                    f"{item.pack.id} {cp.id}",
                    _statement(pack, cp.id) or clause.title.en,
                    {"pack": item.pack.id, "clause": clause.id, "checkpoint": cp.id},
                )
                place, what = where.of_checkpoint(item.pack.id, cp)
                reasons = "; ".join(cp.reasons) or cp.status
                text = f"{item.pack.id} {cp.id} ({clause.id} {clause.title.en}) is {cp.status.replace('_', ' ')}: {reasons}"
                results.append(_result(rule_id, index, _LEVEL[cp.status], text, _location(where.file, place, what), rule_id))
        results += _prerequisites(item, rules, where)
    return rules, results


def _prerequisites(item: PackResult, rules: _Rules, where: _Where) -> list[dict[str, Any]]:
    out = []
    for pre in model_of(item.outcome).condition_results(item.outcome):
        if pre.held:
            continue
        rule_id = f"{item.pack.id}/prerequisite/{pre.id}"
        index = rules.add(rule_id, f"{item.pack.id} {pre.id}", pre.title.en, {"pack": item.pack.id})
        text = f"{item.pack.id} prerequisite {pre.title.en} does not hold: {'; '.join(pre.reasons)}"
        location = _location(where.file, where.section(), "where the missing evidence belongs")
        out.append(_result(rule_id, index, "error", text, location, rule_id))
    return out


def _statement(pack: ClausePack | None, cp_id: str) -> str | None:
    if pack is None or cp_id not in pack.index.checkpoints:
        return None
    return str(pack.index.checkpoints[cp_id][0].statement.en)


def _gaps(subject: Analysis) -> tuple[_Rules, list[dict[str, Any]]]:
    where = _Where(subject.places, "manifest")
    clauses = {(p.pack.id, c.id): c for p in subject.result.packs for c in p.clauses}
    rules = _Rules()
    results: list[dict[str, Any]] = []
    gap: ClauseGap
    for gap in (*subject.gaps.roots, *subject.gaps.blocked):
        rule_id = f"{gap.pack}/{gap.clause}"
        index = rules.add(rule_id, f"{gap.pack} {gap.clause}", gap.title.en, {"pack": gap.pack, "clause": gap.clause})
        clause = clauses.get((gap.pack, gap.clause))
        used = [e for cp in clause.checkpoints for e in cp.evidence] if clause is not None else []
        place = where.evidence(used) or where.section()
        if gap.kind == "root":
            text = f"{gap.pack} {gap.clause} {gap.title.en} is a root cause ({gap.status.replace('_', ' ')})"
            detail = "; ".join(gap.reasons)
            needs = f"; needs {', '.join(gap.evidence_types)}" if gap.evidence_types else ""
            text += f": {detail}{needs}" if detail or needs else ""
        else:
            text = f"{gap.pack} {gap.clause} {gap.title.en} is blocked by {', '.join(gap.blocked_by)}"
        level = "error" if gap.kind == "root" else "warning"
        results.append(_result(rule_id, index, level, text, _location(where.file, place), f"{rule_id}/{gap.kind}"))
    return rules, results


def _problems(problems: Sequence[Problem]) -> tuple[_Rules, list[dict[str, Any]]]:
    rules = _Rules()
    results: list[dict[str, Any]] = []
    for p in problems:
        index = rules.add(p.code, p.code, CODES.get(p.code, p.code), {"severity": p.severity})
        text = f"{p.code} {p.message} (at {p.json_path})"
        location = _location(p.file, (p.line, p.column))
        fingerprint = f"{p.code}/{p.json_path}"
        results.append(_result(p.code, index, p.severity, text, location, fingerprint))
    return rules, results


def _fallback(path: PurePath | None) -> str:
    return "manifest" if path is None else path.as_posix()
