"""Results already made are given again (``ccom_rules.engine.KEPT_PER_RESULT``): an evaluation after
any other gives what it gives on its own, in JSON and in every language, and the tables stay
bounded."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccom_rules import engine, evaluate, installed_packs, load_manifest
from ccom_rules.answers import Answers, answers
from ccom_rules.compiled import compiled, manifest_index, pack_run
from ccom_rules.i18n import EvidenceType, Msg
from ccom_rules.model.manifest import Manifest
from ccom_rules.model.result import Result
from ccom_rules.predicates import AnyOf, Fresh, Outcome, Present
from ccom_rules.predicates import last as last_boxes
from ccom_rules.predicates import run as compiled_predicates
from ccom_rules.predicates.run import given_again, runner, same_words

from .test_laws import LAWS, ORDER_EXAMPLE, PACKS, manifests

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _variant(n: int) -> Manifest:
    """The order example, assessed ``n`` quarters later, with every other evidence item from ``n`` on."""
    data = {**ORDER_EXAMPLE, "assessment": {"date": date(2026, 6, 30) + timedelta(days=91 * n)}}
    data["evidence"] = ORDER_EXAMPLE["evidence"][n % 2 :]
    return Manifest.model_validate(data)


def _forget() -> None:
    """Empty every pack's kept results and every compiled predicate's last outcome: the next
    evaluation makes all of its own."""
    for pack in PACKS:
        pack_run(compiled(pack)).forget()


def _words(value: Any) -> Any:
    """What a reason says, in any language: a message's id and parameters, each by type and value."""
    if isinstance(value, Msg):
        return ("Msg", value.msg_id, tuple((name, _words(v)) for name, v in value.params.items()))
    if isinstance(value, tuple):
        return tuple(_words(v) for v in value)
    return (type(value).__name__, repr(value))


def _said(result: Result) -> list[Any]:
    """Every reason of every checkpoint, as :func:`_words`."""
    return [_words(cp.reasons) for pr in result.packs for clause in pr.clauses for cp in clause.checkpoints]


@LAWS
@given(st.lists(manifests(), min_size=2, max_size=3))
def test_an_evaluation_after_others_gives_what_it_gives_alone(datas: list[dict[str, Any]]) -> None:
    manifests_ = [Manifest.model_validate(d) for d in datas]
    _forget()
    alone = evaluate(PACKS, manifests_[-1])
    alone_json, alone_said = alone.model_dump_json(), _said(alone)
    for manifest in manifests_:  # the last one again, after the others
        after = evaluate(PACKS, manifest)
    assert after == alone
    assert after.model_dump_json() == alone_json
    assert _said(after) == alone_said


def test_the_same_manifest_again_shares_its_results() -> None:
    manifest = _variant(0)
    one, two = evaluate(PACKS, manifest), evaluate(PACKS, manifest)
    for a, b in zip(one.packs, two.packs):
        assert all(x is y for x, y in zip(a.clauses, b.clauses))


def test_a_clause_whose_state_alone_changed_is_made_again() -> None:
    """A finding on a clause changes its state and nothing else of it (not its checkpoints'
    results, and for a clause without scoring fields nothing more): the manifest with the finding
    and the one without, each evaluated after the other, give what each gives alone."""
    for pack in PACKS:
        clause = next(cid for cid, placed in pack.index.clauses.items() if placed.clause.checkpoints)
        finding = {"pack": pack.id, "target": clause, "status": "not_met", "note": "seen on site"}
        plain, found = _variant(0), Manifest.model_validate({**ORDER_EXAMPLE, "findings": [finding]})
        _forget()
        plain_alone = evaluate([pack], plain)
        _forget()
        found_alone = evaluate([pack], found)
        assert evaluate([pack], plain) == plain_alone  # each after the other
        assert evaluate([pack], found) == found_alone
        assert next(c for c in found_alone.packs[0].clauses if c.id == clause).decided_by == "assessor"


@pytest.mark.parametrize("example", ["harbour-bank", "jade-river-health"])
def test_the_same_periods_covered_by_other_items_are_told_apart(example: str) -> None:
    """Evidence renamed (every id another, the same types, dates and periods): each manifest,
    evaluated after the other, gives what it gives alone, naming its own items."""
    packs = installed_packs()
    manifest = load_manifest(EXAMPLES / example / "manifest.yaml", packs)
    renamed = manifest.model_copy(update={"evidence": tuple(e.model_copy(update={"id": f"x-{e.id}"}) for e in manifest.evidence)})
    # Alone: packs read afresh, whose compiled predicates have worked out nothing yet.
    alone = {id(m): evaluate(installed_packs(), m).model_dump_json() for m in (manifest, renamed)}
    for m in (manifest, renamed, manifest):
        assert evaluate(packs, m).model_dump_json() == alone[id(m)]


def test_forget_lets_go_of_every_result_and_outcome() -> None:
    """After ``PackRun.forget`` nothing made before is given again: the bench's "nothing kept" row."""
    manifest = _variant(0)
    one = evaluate(PACKS, manifest)
    assert all(a is b for a, b in zip(_checkpoints(one), _checkpoints(evaluate(PACKS, manifest))))
    _forget()
    memo: dict[str, Outcome] = {}
    again = evaluate(PACKS, manifest)
    assert again == one
    assert not any(a is b for a, b in zip(_checkpoints(one), _checkpoints(again)))
    pack = PACKS[0]
    first = engine.decide(pack, manifest, manifest_index(manifest).facts, memo)[1]
    _forget()
    second = engine.decide(pack, manifest, manifest_index(manifest).facts, {})[1]
    kinds = {cp_id: cp.evidence.kind for cp_id, (cp, _) in pack.index.checkpoints.items()}
    worked_out = [k for k in first if kinds[k] != "assessor_check"]  # not constants
    assert worked_out and first == second and not any(first[k] is second[k] for k in worked_out)


def _checkpoints(result: Result) -> list[Any]:
    return [cp for pr in result.packs for clause in pr.clauses for cp in clause.checkpoints]


def test_reasons_of_the_same_text_are_not_taken_for_each_other() -> None:
    """Two messages can read the same in English and apart in another language (an evidence type
    said by its title): a checkpoint's result keeps the very message its evidence gave."""
    pack = PACKS[0]
    run = pack_run(compiled(pack))
    manifest = _variant(0)
    facts = manifest_index(manifest).facts
    as_type = Msg("present.ok", count=2, type=EvidenceType("drill_record"), min=2)
    as_text = Msg("present.ok", count=2, type="drill_record", min=2)
    assert as_type == as_text and as_type is not as_text
    checkpoint, key = run.checkpoints[0][0], run.checkpoints[0][3]
    seen = []
    for reason in (as_type, as_text, as_type):
        memo = {key: Outcome(True, Fraction(1), (reason,), ("e01",), True)}
        board = engine._decide(pack, run, manifest, facts, memo)
        seen.append(board.checkpoints[checkpoint].reasons[0])
    assert [type(r.params["type"]) for r in seen] == [EvidenceType, str, EvidenceType]  # type: ignore[attr-defined]


def test_outcomes_of_the_same_text_are_not_taken_for_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with the predicate giving the outcomes (its function wrapped as ``runner`` wraps it):
    an outcome equal to the last one as text, but not in every language, is not taken for it (nor
    are the checkpoints deciding from it)."""
    pack = PACKS[0]
    run = pack_run(compiled(pack))
    manifest = _variant(0)
    facts = manifest_index(manifest).facts
    said = answers(run, manifest)
    as_type = Msg("present.ok", count=2, type=EvidenceType("drill_record"), min=2)
    as_text = Msg("present.ok", count=2, type="drill_record", min=2)
    given = iter([Outcome(True, Fraction(1), (reason,), ("e01",), True) for reason in (as_type, as_text, as_type)])
    checkpoint, aspect, key, _, special = said.checkpoints[0]
    first = (checkpoint, aspect, key, given_again(lambda facts, memo=None: next(given)), special)
    laid = Answers(said.findings, said.declared, said.waived, (first, *said.checkpoints[1:]), said.states, said.said)
    monkeypatch.setattr(engine, "answers", lambda run, manifest: laid)
    seen = [engine._decide(pack, run, manifest, facts, {}).checkpoints[checkpoint].reasons[0] for _ in range(3)]
    assert [type(r.params["type"]) for r in seen] == [EvidenceType, str, EvidenceType]  # type: ignore[attr-defined]


def test_the_kept_results_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "KEPT_PER_RESULT", 1)
    _forget()
    kept = [evaluate(PACKS, _variant(0))]
    boxes = len(last_boxes._LASTS)  # every predicate of the packs compiled by now
    kept += [evaluate(PACKS, _variant(n)) for n in range(1, 6)]
    for pack in PACKS:
        run = pack_run(compiled(pack))
        assert len(run.kept_clauses) <= len(run.results)
        assert len(run.kept_checkpoints) <= len(run.checkpoints)
        assert len(run.last_checkpoints) <= len(run.checkpoints)
        assert len(run.last_clauses) <= len(run.results)
    # One last outcome per compiled predicate: no box made by evaluating, each holding one value (an
    # outcome, or a tuple of what its predicate read, at most three things, and the outcome it gave).
    assert len(last_boxes._LASTS) <= boxes
    for last in list(last_boxes._LASTS):
        held = last.value
        assert (
            held is None
            or isinstance(held, Outcome)
            or (type(held) is tuple and len(held) <= 4 and isinstance(held[-1], Outcome))
        )
    _forget()
    assert [evaluate(PACKS, _variant(n)) for n in range(6)] == kept


def test_declarations_with_new_reasons_each_time_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "KEPT_PER_RESULT", 1)
    _forget()
    pack = PACKS[0]
    run = pack_run(compiled(pack))
    for n in range(4):
        waivers = [{"pack": pack.id, "target": cp, "reason": f"not ours, {n}"} for cp, *_ in run.checkpoints]
        manifest = Manifest.model_validate({**ORDER_EXAMPLE, "not_applicable": waivers})
        result = evaluate([pack], manifest)
        assert {cp.status for clause in result.packs[0].clauses for cp in clause.checkpoints} == {"not_applicable"}
        assert len(run.kept_checkpoints) <= len(run.checkpoints)


def test_a_predicate_gives_its_last_outcome_again_when_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through its runner: an outcome equal to the predicate's last one, its reasons the very same
    messages, is that one; one reading the same in English but not in every language is not; after
    ``forget`` nothing is given again."""
    as_type = Msg("fresh.ok", item="e01", date=date(2026, 1, 5), type=EvidenceType("drill_record"), days=90)
    as_text = Msg("fresh.ok", item="e01", date=date(2026, 1, 5), type="drill_record", days=90)
    outs = [Outcome(True, Fraction(1), (reason,), ("e01",), True) for reason in (as_type, as_type, as_text, as_type, as_type)]
    worked_out = iter(outs)
    monkeypatch.setitem(compiled_predicates._COMPILERS, "fresh", lambda pred: lambda facts, memo=None: next(worked_out))
    ask = runner(Fresh(type="drill_record", max_age_days=90))  # a predicate object of its own: compiled here
    facts = manifest_index(_variant(0)).facts
    seen = [ask(facts) for _ in range(4)]
    assert seen[1] is seen[0]  # equal, of the very same messages: the last one
    assert seen[2] is outs[2]  # the same English, another message
    assert seen[3] is outs[3]  # and back
    _forget()
    assert ask(facts) is outs[4]


def test_a_compound_whose_parts_changed_but_not_its_outcome_gives_its_last() -> None:
    """'any_of' holding by its first part both times, its second part changed: the same outcome,
    the very one given last time."""
    ask = runner(AnyOf(of=[Present(type="strategic_plan"), Present(type="kpi_definitions")]))
    both = manifest_index(_variant(0)).facts
    plan_only = manifest_index(Manifest.model_validate({**ORDER_EXAMPLE, "evidence": ORDER_EXAMPLE["evidence"][:1]})).facts
    first = ask(both, {})
    assert first.satisfied and first.evidence == ("a",)
    assert ask(plan_only, {}) is first
    assert ask(both, {}) is first


@LAWS
@given(st.lists(manifests(), min_size=2, max_size=3))
def test_an_outcome_equal_to_the_last_one_is_that_one(datas: list[dict[str, Any]]) -> None:
    """Whatever the predicate, evaluated after another manifest: an outcome equal to the one the
    same checkpoint had last time (its reasons the very same messages) is that very outcome."""
    _given_again_when_equal(PACKS, [Manifest.model_validate(d) for d in datas])


def test_an_outcome_equal_to_the_last_one_is_that_one_in_the_installed_packs() -> None:
    """The same for every predicate of the installed packs (compound ones among them), between
    each example, a copy without every third evidence item, and one assessed 40 days later."""
    packs = installed_packs()
    seen: set[str] = set()
    for example in ("harbour-bank", "jade-river-health", "summit-outsourcing"):
        manifest = load_manifest(EXAMPLES / example / "manifest.yaml", packs)
        fewer = manifest.model_copy(update={"evidence": manifest.evidence[::3] + manifest.evidence[1::3]})
        later = manifest.assessment.model_copy(update={"date": manifest.assessment.date + timedelta(days=40)})
        seen |= _given_again_when_equal(packs, [manifest, fewer, manifest.model_copy(update={"assessment": later}), manifest])
    assert {"all_of", "any_of", "continuous", "fresh", "approved", "metric"} <= seen


def _given_again_when_equal(packs: list[Any] | tuple[Any, ...], manifests_: list[Manifest]) -> set[str]:
    """Decide each pack on each manifest in turn, checking that every checkpoint's outcome equal to
    its last one is that one; the kinds of predicate seen so (equal, and given again)."""
    kinds_seen: set[str] = set()
    for pack in packs:
        kinds = {cp_id: cp.evidence.kind for cp_id, (cp, _) in pack.index.checkpoints.items()}
        before: dict[str, Outcome] = {}
        for manifest in manifests_:
            now = engine.decide(pack, manifest, manifest_index(manifest).facts, {})[1]
            for cp_id, out in now.items():
                last = before.get(cp_id)
                if last is not None and last == out and same_words(last.reasons, out.reasons):
                    assert out is last, (pack.id, cp_id, kinds[cp_id])
                    kinds_seen.add(kinds[cp_id])
            before = now
    return kinds_seen
