"""JUnit XML for ``evaluate``: what CI test reports show.

A test suite per pack, a test case per clause (in document order). A clause not met or partly
met is a failure carrying its unmet checkpoints' reasons (for a clause made of sub-clauses, the
sub-clauses holding it back); a clause declared not applicable, or that only an assessor can
decide and has not, is skipped with the reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model.result import ClauseResult, PackResult
from .subjects import Evaluation

_FAILED = ("not_met", "partially_met")
_SKIPPED = ("not_applicable", "not_assessed")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry, even escaped."""


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def render(subject: Evaluation) -> str:
    """``<testsuites>`` with one ``<testsuite>`` per evaluated pack, as UTF-8 XML text."""
    result = subject.result
    root = ET.Element("testsuites", name=_text(f"ccom-rules {result.manifest.organisation}"))
    totals = [0, 0, 0]
    for item in result.packs:
        suite = _suite(item)
        root.append(suite)
        for i, key in enumerate(("tests", "failures", "skipped")):
            totals[i] += int(suite.get(key, "0"))
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("skipped", str(totals[2]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(item: PackResult) -> ET.Element:
    pack = item.pack
    suite = ET.Element("testsuite", name=_text(f"{pack.id} {pack.version}"))
    props = ET.SubElement(suite, "properties")
    for name, value in (("standard", pack.standard), ("scoring", item.outcome.model), ("pack_sha256", pack.sha256)):
        ET.SubElement(props, "property", name=name, value=_text(value))
    by_id = {c.id: c for c in item.clauses}
    children: dict[str, list[str]] = {}
    for clause in item.clauses:
        if clause.parent is not None:
            children.setdefault(clause.parent, []).append(clause.id)
    failures = skipped = 0
    for clause in item.clauses:
        case = ET.SubElement(suite, "testcase", classname=_text(pack.id), name=_text(f"{clause.id} {clause.title.en}"))
        if clause.status in _FAILED:
            failures += 1
            failure = ET.SubElement(
                case, "failure", type=clause.status, message=_text(f"{clause.id} is {clause.status.replace('_', ' ')}")
            )
            failure.text = _text("\n".join(_reasons(clause, [by_id[c] for c in children.get(clause.id, [])])))
        elif clause.status in _SKIPPED:
            skipped += 1
            why = clause.note or _first_reason(clause) or clause.status.replace("_", " ")
            ET.SubElement(case, "skipped", message=_text(f"{clause.status.replace('_', ' ')}: {why}"))
    suite.set("tests", str(len(item.clauses)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def _reasons(clause: ClauseResult, kids: list[ClauseResult]) -> list[str]:
    lines = []
    if clause.decided_by == "assessor" and clause.note:
        lines.append(f"assessor: {clause.note}")
    for cp in clause.checkpoints:
        if cp.status in ("met", "not_applicable"):
            continue
        lines += [f"{cp.id} ({cp.status}): {reason}" for reason in cp.reasons] or [f"{cp.id} ({cp.status})"]
    lines += [f"{kid.id} {kid.title.en}: {kid.status}" for kid in kids if kid.status in (*_FAILED, "not_assessed")]
    return lines


def _first_reason(clause: ClauseResult) -> str:
    for cp in clause.checkpoints:
        if cp.reasons:
            return str(cp.reasons[0])
    return ""
