"""The engine: ``evaluate(packs, manifest) -> Result``. Pure: no files, no clock, no printing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from . import __version__
from .canonical import manifest_sha256
from .i18n import Msg
from .model.manifest import Finding, FindingStatus, Manifest, Precedence
from .model.pack import Checkpoint, Clause, ClausePack
from .model.overlay import with_base_findings
from .model.result import CheckpointResult, ClauseResult, ManifestRef, PackRef, PackResult, Result, Status
from .predicates import Facts, Outcome
from .predicates.logic import ASSESSOR_NEEDED
from .scoring.base import RANK, Board, ClauseState


def evaluate(packs: Sequence[ClausePack], manifest: Manifest) -> Result:
    """Evaluate ``manifest`` against each pack, in the order given.

    Returns a :class:`Result`; the same packs and manifest always give an equal result.
    Findings and declarations naming other packs are ignored here (the loader reports
    those naming unknown targets), except that those naming an overlay's base apply to the
    overlay too (``ccom_rules.model.overlay.with_base_findings``).
    """
    ref = ManifestRef(
        sha256=manifest_sha256(manifest), organisation=manifest.organisation.name, assessment_date=manifest.assessment.date
    )
    manifest = with_base_findings(packs, manifest)
    facts = Facts.of(manifest)
    return Result(engine_version=__version__, manifest=ref, packs=tuple(evaluate_pack(pack, manifest, facts) for pack in packs))


def evidence_status(outcome: Outcome) -> Status:
    if outcome.satisfied:
        return "met"
    if not outcome.decided:
        return "not_assessed"
    return "partially_met" if outcome.degree > 0 else "not_met"


def combine_statuses(statuses: Iterable[Status]) -> Status:
    """A clause's status from its checkpoints' and children's statuses."""
    applicable = [s for s in statuses if s != "not_applicable"]
    if not applicable:
        return "not_applicable" if statuses else "not_assessed"
    if all(s == "met" for s in applicable):
        return "met"
    if any(s in ("met", "partially_met") for s in applicable):
        return "partially_met"
    return "not_met" if any(s == "not_met" for s in applicable) else "not_assessed"


def with_finding(derived: Status, finding: FindingStatus | None, precedence: Precedence) -> tuple[Status, bool]:
    """Apply an assessor's finding to what the evidence gave: (status, decided by the assessor)."""
    if finding is None:
        return derived, False
    if precedence == "assessor" or derived == "not_assessed":
        return finding, True
    return (finding, True) if RANK[finding] < RANK[derived] else (derived, False)


def assessor_said(note: str, status: str | None) -> Msg:
    """The reason an assessor's finding gives: its note, or else its status."""
    return Msg("reason.assessor", note=note) if note else Msg("reason.assessor", note=Msg(f"finding.{status}"))


def checkpoint_result(
    cp: Checkpoint, facts: Facts, finding: Finding | None, precedence: Precedence, waived: str | None
) -> tuple[CheckpointResult, Outcome | None]:
    """One checkpoint's result: declared not applicable, or its evidence combined with any finding."""
    if waived is not None:
        result = CheckpointResult(
            id=cp.id,
            aspect=cp.aspect,
            status="not_applicable",
            decided_by="declaration",
            reasons=(Msg("reason.not_applicable", reason=waived),),
            evidence=(),
        )
        return result, None
    outcome = cp.evidence.evaluate(facts)
    status, by_assessor = with_finding(evidence_status(outcome), finding.status if finding else None, precedence)
    reasons = outcome.reasons
    if finding is not None and finding.status is not None:  # the finding answers the assessor checks
        reasons = tuple(r for r in reasons if not r.startswith(ASSESSOR_NEEDED))
    if by_assessor and finding is not None:
        reasons = (assessor_said(finding.note, finding.status), *reasons)
    result = CheckpointResult(
        id=cp.id,
        aspect=cp.aspect,
        status=status,
        decided_by="assessor" if by_assessor else "evidence",
        reasons=reasons,
        evidence=outcome.evidence,
    )
    return result, outcome


def clause_state(
    clause: Clause,
    checkpoints: Mapping[str, CheckpointResult],
    states: Mapping[str, ClauseState],
    finding: Finding | None,
    precedence: Precedence,
    waived: str | None,
) -> ClauseState:
    """One clause's state from its checkpoints, its children's states and any finding."""
    if waived is not None:
        return ClauseState("not_applicable", "declaration", waived)
    parts = [checkpoints[cp.id].status for cp in clause.checkpoints]
    parts += [states[child.id].status for child in clause.children]
    status, by_assessor = with_finding(combine_statuses(parts), finding.status if finding else None, precedence)
    if by_assessor:
        return ClauseState(status, "assessor", finding.note if finding else "")
    return ClauseState(status, "children" if clause.children and not clause.checkpoints else "evidence")


def waivers(pack: ClausePack, manifest: Manifest) -> tuple[dict[str, str], dict[str, str]]:
    """Not-applicable declarations of this pack: (by target as declared, by clause incl. descendants)."""
    index = pack.index
    declared = {d.target: d.reason for d in manifest.not_applicable if d.pack == pack.id}
    waived: dict[str, str] = {}
    for cid in index.order:
        parent = index.clauses[cid].parent
        if cid in declared:
            waived[cid] = declared[cid]
        elif parent is not None and parent in waived:
            waived[cid] = waived[parent]
    return declared, waived


def decide(pack: ClausePack, manifest: Manifest, facts: Facts) -> tuple[Board, dict[str, Outcome]]:
    """Every checkpoint and clause of ``pack`` decided, before scoring; with the predicate outcomes."""
    index = pack.index
    precedence = manifest.assessment.precedence
    findings: dict[str, Finding] = {f.target: f for f in manifest.findings if f.pack == pack.id}
    declared, waived = waivers(pack, manifest)
    checkpoints: dict[str, CheckpointResult] = {}
    outcomes: dict[str, Outcome] = {}
    for cp_id, (cp, cid) in index.checkpoints.items():
        result, outcome = checkpoint_result(cp, facts, findings.get(cp_id), precedence, declared.get(cp_id, waived.get(cid)))
        checkpoints[cp_id] = result
        if outcome is not None:
            outcomes[cp_id] = outcome
    states: dict[str, ClauseState] = {}
    for cid in reversed(index.order):
        states[cid] = clause_state(index.clauses[cid].clause, checkpoints, states, findings.get(cid), precedence, waived.get(cid))
    board = Board(
        pack_id=pack.id, index=index, manifest=manifest, facts=facts, checkpoints=checkpoints, clauses=states, findings=findings
    )
    return board, outcomes


def evaluate_pack(pack: ClausePack, manifest: Manifest, facts: Facts) -> PackResult:
    """Evaluate one pack; ``facts`` is ``Facts.of(manifest)``, shared across packs."""
    index = pack.index
    board, _ = decide(pack, manifest, facts)
    states = board.clauses
    outcome, extras = pack.scoring.score(board)
    clauses = tuple(
        ClauseResult(
            id=cid,
            parent=index.clauses[cid].parent,
            title=index.clauses[cid].clause.title,
            status=states[cid].status,
            decided_by=states[cid].decided_by,
            note=states[cid].note,
            checkpoints=tuple(board.checkpoints[cp.id] for cp in index.clauses[cid].clause.checkpoints),
            **extras.get(cid, {}),
        )
        for cid in index.order
    )
    layers = {"base": pack.lineage.base, "overlays": pack.lineage.overlays} if pack.lineage else {}
    ref = PackRef(id=pack.id, version=pack.version, sha256=pack.sha256, standard=pack.standard, title=pack.title, **layers)
    return PackResult(pack=ref, outcome=outcome, clauses=clauses)
