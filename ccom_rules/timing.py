"""Time as an input: evaluating as of another date, and what lapses within some days.

The engine judges freshness, continuity and certificates on the manifest's reference date.
``--as-of`` replaces that date (the result records it); ``--warn-within`` looks ahead from it.
Nothing here reads the clock: ``today`` is turned into a date by the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .canonical import manifest_sha256
from .model.manifest import Manifest
from .model.pack import ClausePack
from .model.result import Result
from .predicates import Facts, Predicate
from .problems import Problem
from .uses import leaves, pack_predicates
from .yamlsource import Document


def as_of(manifest: Manifest, day: date) -> Manifest:
    """``manifest`` with its reference date (the assessment date) replaced by ``day``: items dated
    after it are not counted, freshness, continuity, certificates and operating years are judged on it."""
    return manifest.model_copy(update={"assessment": manifest.assessment.model_copy(update={"date": day})})


def evaluate_as_of(packs: Sequence[ClausePack], manifest: Manifest, day: date | None) -> Result:
    """:func:`ccom_rules.evaluate`, judged on ``day`` instead of the assessment date when it is
    given. The result still names the manifest as written (its sha256 and assessment date) and
    records ``day`` as ``manifest.as_of``, so the same inputs give the same bytes."""
    from .engine import evaluate

    if day is None:
        return evaluate(packs, manifest)
    result = evaluate(packs, as_of(manifest, day))
    ref = result.manifest.model_copy(
        update={"sha256": manifest_sha256(manifest), "assessment_date": manifest.assessment.date, "as_of": day}
    )
    return result.model_copy(update={"manifest": ref})


class _Days:
    """The manifest's facts as of each day asked for, each built once."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.cache: dict[date, Facts] = {}

    def on(self, day: date) -> Facts:
        if day not in self.cache:
            self.cache[day] = Facts.of(as_of(self.manifest, day))
        return self.cache[day]


def _first_failing(leaf: Predicate, days: _Days, start: date, end: date) -> date:
    """The first day after ``start`` (holding) up to ``end`` (failing) on which ``leaf`` fails."""
    lo, hi = start, end
    while (hi - lo).days > 1:
        mid = lo + (hi - lo) / 2
        if leaf.evaluate(days.on(mid)).satisfied:
            lo = mid
        else:
            hi = mid
    return hi


def _refs(uses: list[str]) -> str:
    shown = ", ".join(uses[:3])
    return shown + (f" and {len(uses) - 3} more" if len(uses) > 3 else "")


def lapsing(packs: Sequence[ClausePack], manifest: Manifest, doc: Document, within: int) -> list[Problem]:
    """Warnings about what holds on the manifest's reference date but lapses within ``within``
    days: W108 for evidence that goes stale (a fresh item ages, a series needs its next record,
    a recent metric ages), located at the item that holds it today; W109 for each certificate of
    a scheme the packs ask for that expires in that time, located at its ``expires``."""
    start = manifest.assessment.date
    horizon = start + timedelta(days=within)
    days = _Days(manifest)
    now, later = days.on(start), days.on(horizon)
    uses: dict[str, tuple[Predicate, list[str]]] = {}
    schemes: set[str] = set()
    for pack in packs:
        for cp_id, predicate in pack_predicates(pack):
            for leaf in leaves(predicate):
                scheme = getattr(leaf, "scheme", None)
                if isinstance(scheme, str):
                    schemes.add(scheme)
                if leaf.evidence_types():
                    uses.setdefault(leaf.model_dump_json(), (leaf, []))[1].append(f"{pack.id} {cp_id}")
    position = {item.id: i for i, item in enumerate(manifest.evidence)}
    problems: list[Problem] = []
    for leaf, where in uses.values():
        held = leaf.evaluate(now)
        if not held.satisfied or leaf.evaluate(later).satisfied:
            continue
        day = _first_failing(leaf, days, start, horizon)
        (reason,) = leaf.evaluate(days.on(day)).reasons[:1] or ("no longer holds",)
        anchor = held.evidence[-1] if held.evidence else None
        path: tuple[str | int, ...] = ("evidence", position[anchor]) if anchor in position else ("evidence",)
        message = f"from {day}: {reason} (needed by {_refs(where)})"
        problems.append(doc.problem(path, "W108", message, key=anchor not in position, severity="warning"))
    for i, person in enumerate(manifest.people):
        for j, cert in enumerate(person.certificates):
            if cert.scheme in schemes and cert.expires is not None and cert.valid_on(start) and cert.expires < horizon:
                problems.append(
                    doc.problem(
                        ("people", i, "certificates", j, "expires"),
                        "W109",
                        f"{cert.scheme} certificate {cert.number} of {person.name} expires on {cert.expires}, within {within} days",
                        severity="warning",
                    )
                )
    return sorted(set(problems))
