"""The engine: ``evaluate(packs, manifest) -> Result``. Pure: no files, no clock, no printing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import __version__
from .answers import answers, assessor_said
from .compiled import PackRun, compiled, construct, gc_paused, manifest_index, pack_run
from .model.construct import bare, fields_set, new, set_dict, set_extra, set_fields_set, set_private
from .i18n import Msg
from .model.manifest import Finding, FindingStatus, Manifest, Precedence
from .model.pack import Checkpoint, Clause, ClausePack
from .model.result import CheckpointResult, ClauseResult, DecidedBy, ManifestRef, PackResult, Result, Status
from .predicates import Facts, Outcome
from .predicates.logic import ASSESSOR_NEEDED
from .predicates.run import same_words
from .scoring.base import RANK, Board, ClauseState


def evaluate(packs: Sequence[ClausePack], manifest: Manifest) -> Result:
    """Evaluate ``manifest`` against each pack, in the order given.

    Returns a :class:`Result`; the same packs and manifest always give an equal result.
    Findings and declarations naming other packs are ignored here (the loader reports
    those naming unknown targets), except that those naming an overlay's base apply to the
    overlay too (``ccom_rules.model.overlay.with_base_findings``). Each pack is compiled once per pack object and the
    manifest indexed once per manifest object, so evaluating again costs less.
    """
    with gc_paused():
        # The working state (predicate outcomes, boards) goes when _evaluate returns, before the
        # collector wakes: its first pass then walks only the result.
        return _evaluate(packs, manifest)


def _evaluate(packs: Sequence[ClausePack], manifest: Manifest) -> Result:
    index = manifest_index(manifest)
    ref = construct(
        ManifestRef,
        {"sha256": index.sha256, "organisation": manifest.organisation.name, "assessment_date": manifest.assessment.date},
    )
    answered = manifest
    if any(pack.lineage is not None for pack in packs):  # overlays only: their models load on demand
        from .model.overlay import with_base_findings

        answered = with_base_findings(packs, manifest)
    facts = index.facts if answered is manifest else manifest_index(answered).facts
    shared: dict[str, Outcome] = {}  # one outcome per distinct predicate, across the packs
    results = tuple(evaluate_pack(pack, answered, facts, shared) for pack in packs)
    return construct(Result, {"engine_version": __version__, "manifest": ref, "packs": results})


def evidence_status(outcome: Outcome) -> Status:
    if outcome.satisfied:
        return "met"
    if not outcome.decided:
        return "not_assessed"
    return "partially_met" if outcome.degree > 0 else "not_met"


def combine_statuses(statuses: Iterable[Status]) -> Status:
    """A clause's status from its checkpoints' and children's statuses."""
    seen = set(statuses)
    if not seen:
        return "not_assessed"
    seen.discard("not_applicable")
    if not seen:
        return "not_applicable"
    if "met" in seen:
        return "met" if len(seen) == 1 else "partially_met"
    if "partially_met" in seen:
        return "partially_met"
    return "not_met" if "not_met" in seen else "not_assessed"


def with_finding(derived: Status, finding: FindingStatus | None, precedence: Precedence) -> tuple[Status, bool]:
    """Apply an assessor's finding to what the evidence gave: (status, decided by the assessor)."""
    if finding is None:
        return derived, False
    if precedence == "assessor" or derived == "not_assessed":
        return finding, True
    return (finding, True) if RANK[finding] < RANK[derived] else (derived, False)


def checkpoint_result(
    cp: Checkpoint,
    facts: Facts,
    finding: Finding | None,
    precedence: Precedence,
    waived: str | None,
    outcome: Outcome | None = None,
) -> tuple[CheckpointResult, Outcome | None]:
    """One checkpoint's result: declared not applicable, or its evidence combined with any finding
    (``outcome``: its evidence's outcome on ``facts``, when known already)."""
    if waived is not None:
        return _waived_checkpoint(cp.id, cp.aspect, waived), None
    if outcome is None:
        outcome = cp.evidence.evaluate(facts)
    return _decided_checkpoint(cp.id, cp.aspect, outcome, finding, precedence), outcome


def _waived_checkpoint(cp_id: str, aspect: str | None, waived: str) -> CheckpointResult:
    return _checkpoint(cp_id, aspect, "not_applicable", "declaration", (Msg("reason.not_applicable", reason=waived),), ())


def _decided_checkpoint(
    cp_id: str, aspect: str | None, outcome: Outcome, finding: Finding | None, precedence: Precedence
) -> CheckpointResult:
    status, decided_by, reasons = evidence_status(outcome), "evidence", outcome.reasons
    if finding is not None:
        status, decided_by, reasons = _found(status, reasons, finding, precedence, None)
    return _checkpoint(cp_id, aspect, status, decided_by, reasons, outcome.evidence)


def _found(
    status: Status, reasons: tuple[str, ...], finding: Finding, precedence: Precedence, said: Msg | None
) -> tuple[Status, str, tuple[str, ...]]:
    """A checkpoint's status, who decided it and its reasons, once ``finding`` is applied to what
    its evidence gave (``said``: the finding's reason, when known already)."""
    found = finding.status
    if found is None:
        return status, "evidence", reasons
    status, by_assessor = with_finding(status, found, precedence)
    kept = [r for r in reasons if not r.startswith(ASSESSOR_NEEDED)]  # the finding answers the assessor checks
    if len(kept) != len(reasons):
        reasons = tuple(kept)
    if by_assessor:
        return status, "assessor", (said or assessor_said(finding.note, found), *reasons)
    return status, "evidence", reasons


def _checkpoint(
    cp_id: str, aspect: str | None, status: Status, decided_by: str, reasons: tuple[str, ...], evidence: tuple[str, ...]
) -> CheckpointResult:
    return bare(
        CheckpointResult,
        {"id": cp_id, "aspect": aspect, "status": status, "decided_by": decided_by, "reasons": reasons, "evidence": evidence},
        _CHECKPOINT_FIELDS,
    )


_CHECKPOINT_FIELDS = fields_set(dict.fromkeys(CheckpointResult.model_fields))
_CLAUSE_BASE = ("id", "parent", "title", "status", "decided_by", "note", "checkpoints")
_CLAUSE_FLOATS = tuple(name for name, info in ClauseResult.model_fields.items() if info.annotation in (float, float | None))


_CLAUSE_BASE_FIELDS = fields_set(dict.fromkeys(_CLAUSE_BASE))


def _shaped(extra: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A scoring model's fields of a clause as its result holds them (an ``int`` given for a
    ``float`` field made a float, as validation would), and the result's fields set."""
    shape = tuple(extra)
    known = _SHAPES.get(shape)
    if known is None:
        known = _SHAPES[shape] = (tuple(name for name in shape if name in _CLAUSE_FLOATS), _clause_fields(shape))
    floats, given = known
    for name in floats:
        if type(extra[name]) is int:
            extra = {**extra, name: float(extra[name])}  # a copy: the model's own stays as it is
    return extra, given


_SHAPES: dict[tuple[str, ...], tuple[tuple[str, ...], set[str]]] = {}
"""Per shape of a model's clause fields (their names, in order): the float fields among them, and
the result's fields set."""


def _clause_fields(extra: tuple[str, ...]) -> set[str]:
    """The fields set of a clause result: the base fields and the scoring model's (one set per
    combination, shared)."""
    return fields_set(dict.fromkeys((*_CLAUSE_BASE, *extra)))


_STATES: dict[tuple[Status, DecidedBy, str], ClauseState] = {}
"""Every clause state made, by its values (:func:`_state`)."""
_PLAIN_COMBINED: dict[bool, dict[tuple[Status, ...], ClauseState]] = {False: {}, True: {}}
"""The state of a clause without a finding, by whether its children decide it, then by its parts'
statuses (in order): tables of :func:`combine_statuses`, filled as combinations are met."""


def _state(status: Status, decided_by: DecidedBy, note: str = "") -> ClauseState:
    """The clause state of these values: one shared object for each (see :data:`KEPT_PER_RESULT`)."""
    state = _STATES.get((status, decided_by, note))
    if state is None:
        if len(_STATES) >= 10_000:
            _STATES.clear()  # a bound for notes from many manifests
        state = _STATES[status, decided_by, note] = ClauseState(status, decided_by, note)
    return state


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
        return _state("not_applicable", "declaration", waived)
    parts = [checkpoints[cp.id].status for cp in clause.checkpoints]
    parts += [states[child.id].status for child in clause.children]
    return _combined_state(parts, bool(clause.children and not clause.checkpoints), finding, precedence)


def _combined_state(parts: list[Status], by_children: bool, finding: Finding | None, precedence: Precedence) -> ClauseState:
    if finding is None:
        return _state(combine_statuses(parts), "children" if by_children else "evidence")
    status, by_assessor = with_finding(combine_statuses(parts), finding.status, precedence)
    if by_assessor:
        return _state(status, "assessor", finding.note)
    return _state(status, "children" if by_children else "evidence")


def waivers(pack: ClausePack, manifest: Manifest) -> tuple[dict[str, str], dict[str, str]]:
    """Not-applicable declarations of this pack: (by target as declared, by clause incl. descendants)."""
    said = answers(pack_run(compiled(pack)), manifest)
    return dict(said.declared), dict(said.waived)


def decide(
    pack: ClausePack, manifest: Manifest, facts: Facts, shared: dict[str, Outcome] | None = None
) -> tuple[Board, dict[str, Outcome]]:
    """Every checkpoint and clause of ``pack`` decided, before scoring; with the predicate outcomes.

    ``shared`` holds outcomes by predicate (its canonical JSON) for these ``facts``: a predicate
    that several checkpoints (or packs) ask is evaluated once."""
    run = pack_run(compiled(pack))
    memo: dict[str, Outcome] = {} if shared is None else shared
    board = _decide(pack, run, manifest, facts, memo)
    said = answers(run, manifest)
    outcomes = {cp_id: memo[key] for cp_id, _, key, _, special in said.checkpoints if type(special) is not str}
    return board, outcomes


KEPT_PER_RESULT = 8
"""How many results a pack keeps to give again, per checkpoint and per clause (see
:attr:`PackRun.kept_checkpoints`): a bound for long runs over many manifests (about 0.5 KB a
result: 3.7 MB for the three installed packs when full). When reached, the kept ones are let go and the
next ones made again.

Results are immutable, and most of an evaluation's are the same as the last one's (the same
manifest evaluated again, the next commit of an evidence repository, a plan's next step): one
equal to a result already made is that result. A checkpoint's is known by its id, status, who
decided it, its reasons (the very same messages, not merely equal texts, for each says itself
in other languages) and its evidence; a clause's by its id, its checkpoints' results (by the
serial number each got when made, :attr:`PackRun.serials`, never given twice) and the very
objects of its state and its scoring model's fields, which the kept entry holds alive, so no
other object can have their identities meanwhile."""


def _serial(run: PackRun) -> int:
    """The next serial number of ``run``'s checkpoint results (:attr:`PackRun.serials`)."""
    last = run.serials
    last[0] += 1
    return last[0]


def _decide(pack: ClausePack, run: PackRun, manifest: Manifest, facts: Facts, memo: dict[str, Outcome]) -> Board:
    """:func:`decide` of a compiled pack (``memo``: the predicate outcomes known for ``facts``)."""
    precedence = manifest.assessment.precedence
    said = answers(run, manifest)
    checkpoints: dict[str, CheckpointResult] = {}
    statuses: dict[str, Status] = {}  # of checkpoints (a clause may have a checkpoint's id: kept apart)
    given = _CHECKPOINT_FIELDS
    made, limit = run.kept_checkpoints, KEPT_PER_RESULT * len(run.checkpoints)
    serials: dict[str, int] = {}
    lasts = run.last_checkpoints
    for cp_id, aspect, key, evaluate, special in said.checkpoints:
        if special is not None and type(special) is str:  # declared not applicable: the evidence is not asked
            again = made.get((cp_id, special))
            if again is None:
                if len(made) >= limit:
                    made.clear()
                again = made[cp_id, special] = (_waived_checkpoint(cp_id, aspect, special), None, _serial(run))
            checkpoints[cp_id] = again[0]
            serials[cp_id] = again[2]
            statuses[cp_id] = "not_applicable"
            continue
        outcome = memo.get(key)
        if outcome is None:
            # The same outcome as last time is that one (``runner``): the checkpoints asking it are the same too.
            outcome = memo[key] = evaluate(facts, memo)
        if special is None:
            last = lasts.get(cp_id)
            if last is not None and last[0] is outcome:
                checkpoints[cp_id], serials[cp_id], statuses[cp_id] = last[1], last[2], last[3]
                continue
        # ``evidence_status``, ``_decided_checkpoint`` and ``bare`` inline: a few hundred per pack.
        if outcome.satisfied:
            status: Status = "met"
        elif not outcome.decided:
            status = "not_assessed"
        else:
            status = "partially_met" if outcome.degree else "not_met"
        decided_by, reasons = "evidence", outcome.reasons
        if special is not None:
            assert not isinstance(special, str)
            status, decided_by, reasons = _found(status, reasons, special, precedence, said.said.get(cp_id))
        statuses[cp_id] = status
        evidence = outcome.evidence
        values = (cp_id, status, decided_by, reasons, evidence)
        again = made.get(values)
        if again is not None and (again[1] is reasons or same_words(again[1], reasons)):
            checkpoints[cp_id] = again[0]  # the same result, made before: its messages the very same
            serials[cp_id] = again[2]
            if special is None:
                lasts[cp_id] = (outcome, again[0], again[2], status)
            continue
        result = new(CheckpointResult)
        set_dict(
            result,
            {"id": cp_id, "aspect": aspect, "status": status, "decided_by": decided_by, "reasons": reasons, "evidence": evidence},
        )
        set_fields_set(result, given)
        set_extra(result, None)
        set_private(result, None)
        checkpoints[cp_id] = result
        if len(made) >= limit:
            made.clear()
        serials[cp_id] = serial = _serial(run)
        made[values] = (result, reasons, serial)
        if special is None:
            lasts[cp_id] = (outcome, result, serial, status)
    states: dict[str, ClauseState] = {}
    clause_statuses: dict[str, Status] = {}  # of clauses, as their parents read them
    for cid, pick, children, by_children, special in said.states:
        parts = pick(statuses)
        if children is not None:
            parts += children(clause_statuses)
        if special is None:  # the common case: one shared state per combination of parts
            combined = _PLAIN_COMBINED[by_children]
            known = combined.get(parts)
            if known is None:
                known = _combined_state(list(parts), by_children, None, precedence)
                if len(combined) < 10_000:
                    combined[parts] = known
            state = known
        elif type(special) is str:
            state = _state("not_applicable", "declaration", special)
        else:
            assert not isinstance(special, str)
            state = _combined_state(list(parts), by_children, special, precedence)
        states[cid] = state
        clause_statuses[cid] = state.status
    return Board(pack.id, pack.index, manifest, facts, checkpoints, states, said.findings, statuses, serials)


def evaluate_pack(pack: ClausePack, manifest: Manifest, facts: Facts, shared: dict[str, Outcome] | None = None) -> PackResult:
    """Evaluate one pack; ``facts`` is ``Facts.of(manifest)``, shared across packs (and ``shared``
    the predicate outcomes for those facts, see :func:`decide`)."""
    plan = compiled(pack)
    run = pack_run(plan)
    board = _decide(pack, run, manifest, facts, {} if shared is None else shared)
    states, checkpoints, serials = board.clauses, board.checkpoints, board.serials
    assert serials is not None  # _decide numbers them
    outcome, extras = pack.scoring.score(board)
    clauses = []
    shaped: dict[int, tuple[dict[str, Any], set[str]]] = {}  # by id() of a clause's extras (alive till the end)
    kept, lasts = run.kept_clauses, run.last_clauses
    for cid, pick, fields in run.results:
        state = states[cid]
        extra = extras.get(cid) if extras else None
        numbers = pick(serials) if pick is not None else ()
        last = lasts.get(cid)
        if last is not None and last[0] is state and last[1] is extra and last[2] == numbers:
            clauses.append(last[3])  # made of the very same parts as last time
            continue
        made_of = (cid, id(state), id(extra), numbers)
        again = kept.get(made_of)
        if again is not None:
            clauses.append(again[0])
            lasts[cid] = (state, extra, numbers, again[0])
            continue
        picked = pick(checkpoints) if pick is not None else None
        data = fields.copy()  # every field, in declaration order (the serialiser's)
        data["status"] = state.status
        data["decided_by"] = state.decided_by
        if state.note:
            data["note"] = state.note
        if picked is not None:
            data["checkpoints"] = picked
        if extra:
            known = shaped.get(id(extra))
            if known is None:
                known = shaped[id(extra)] = _shaped(extra)
            data.update(known[0])
            given = known[1]
        else:
            given = _CLAUSE_BASE_FIELDS
        result = new(ClauseResult)
        set_dict(result, data)
        set_fields_set(result, given)
        set_extra(result, None)
        set_private(result, None)
        clauses.append(result)
        if len(kept) >= KEPT_PER_RESULT * len(run.results):
            kept.clear()
        kept[made_of] = (result, state, extra)  # what its key names stays alive with it
        lasts[cid] = (state, extra, numbers, result)
    return construct(PackResult, {"pack": plan.ref, "outcome": outcome, "clauses": tuple(clauses)})
