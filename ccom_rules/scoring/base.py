"""What a scoring model receives (every checkpoint and clause already decided) and the one
interface every model implements, so that nothing outside ``scoring/`` knows which it is."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from importlib.resources import files
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from ..model.common import Frozen, Text
from ..model.manifest import Finding, FindingStatus, Manifest
from ..model.result import CheckpointResult, ClauseResult, DecidedBy, Outcome, PrerequisiteResult, Status
from ..predicates import Facts, Predicate
from ..records import record
from .starter import Starter

if TYPE_CHECKING:
    from ..model.pack import ClausePack, PackIndex, Placed
    from ..model.result import PackResult
    from .blocks import Block, Figure
    from ..problems import Problem
    from ..yamlsource import DocPath, Document

Lang = Literal["en", "zh"]


@record
class ClauseState:
    status: Status
    decided_by: DecidedBy
    note: str = ""


@record
class Board:
    """One pack's checkpoint and clause statuses for one manifest, before scoring."""

    pack_id: str
    index: "PackIndex"
    manifest: Manifest
    facts: Facts
    checkpoints: Mapping[str, CheckpointResult]
    clauses: Mapping[str, ClauseState]
    findings: Mapping[str, Finding]
    """This pack's findings by target id."""
    statuses: Mapping[str, Status] | None = None
    """Each checkpoint's status (``checkpoints[id].status``), when the engine has them at hand."""
    serials: Mapping[str, int] | None = None
    """Each checkpoint result's serial number in its pack (see ``ccom_rules.engine``), when the
    engine made the board."""

    def status_of(self) -> Callable[[str], Status]:
        """A checkpoint's status by its id."""
        if self.statuses is not None:
            return self.statuses.__getitem__
        checkpoints = self.checkpoints
        return lambda cp_id: checkpoints[cp_id].status

    def checkpoint_statuses(self) -> Mapping[str, Status]:
        """Each checkpoint's status by its id."""
        if self.statuses is not None:
            return self.statuses
        return {cp_id: result.status for cp_id, result in self.checkpoints.items()}

    def checkpoint_results(self, clause_id: str) -> list[CheckpointResult]:
        clause = self.index.clauses[clause_id].clause
        return [self.checkpoints[cp.id] for cp in clause.checkpoints]


def add_tally(total: dict[str, Any], part: Mapping[str, Any]) -> None:
    """Add one unit's contribution (or the change of one) to ``total``."""
    for name, value in part.items():
        total[name] = total.get(name, 0) + value


ClauseExtras = dict[str, dict[str, Any]]
"""Per clause id, the scoring fields to add to its ``ClauseResult``. A model may give the same
dict again, for this clause or another, in this evaluation or a later one, but never changes a
dict once given: the engine knows a clause result by the very dict its fields came from."""

RANK: dict[Status, int] = {"not_assessed": 0, "not_met": 0, "partially_met": 1, "met": 2, "not_applicable": 2}

Unit = tuple[Any, ...]
"""What one clause contributes to a model's outcome (an item's ratings, a sub-item's fraction…);
equal units contribute equally."""

Tally = dict[str, Any]
"""Additive figures of a pack's units (ints or ``Fraction``s by name): the sum of
:meth:`ScoringModel.tally` over every unit. The planner keeps it up to date by subtracting a
unit's old contribution and adding its new one."""


class RaiseFinding(NamedTuple):
    """An assessor's finding a model can raise to full: (``rating``, pack, item, ``c``) or
    (``fraction``, pack, sub-item, ``""``)."""

    name: str
    pack: str
    target: str
    part: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.name, self.pack, self.target, self.part) if self.part else (self.name, self.pack, self.target)


@record
class Raised:
    """How a model raises one finding: the fields it sets, the action's kind, and the aspect
    of the checkpoints whose evidence must back it (None: all of them)."""

    fields: Mapping[str, Any]
    kind: Literal["raise_rating", "raise_fraction"]
    aspect: str | None


@record
class GainWords:
    """What a change brings to one pack, in words and numbers."""

    summary: str
    closes: tuple[str, ...] = ()
    points: float = 0.0


@record
class Wait:
    """What a target waits for that no action can bring about: the first date on which the
    operating history allows it (``opens``), and the lower levels to be certified first, in
    order (``steps``)."""

    opens: date
    steps: tuple[int, ...] = ()


class AtStake(NamedTuple):
    """What some checkpoints hold under a model: the points they carry, the conditions of the
    outcome they feed, and the two in words."""

    points: float
    conditions: tuple[str, ...]
    summary: str


class ScoringModel(Frozen):
    """The interface of a scoring model; its parameters are the fields of a subclass.

    A model is registered in :data:`ccom_rules.scoring.MODELS`. Class attributes:

    - ``OUTCOME``: its outcome class (``model`` literal equal to the model's);
    - ``TARGET_FORM`` / ``TARGET_HELP``: how its targets are written (``':L<n>'`` / ``PACK:L<n>``);
    - ``ASPECTS``: the checkpoint aspects it reads (None: any);
    - ``FINDING_FIELDS``: assessor finding fields it reads, and on what (for warnings).
    """

    model: str
    OUTCOME: ClassVar[type[Outcome]]
    TARGET_FORM: ClassVar[str]
    TARGET_HELP: ClassVar[str]
    ASPECTS: ClassVar[frozenset[str] | None] = None
    FINDING_FIELDS: ClassVar[Mapping[str, str]] = {}
    STARTER: ClassVar[Starter | None] = None
    """Its part of a new pack (``ccom-rules packs new``); None: no starter."""

    # --- scoring ---------------------------------------------------------------------------

    def score(self, board: Board) -> tuple[Outcome, ClauseExtras]:
        """The pack's outcome and the per-clause fields it adds to results."""
        raise NotImplementedError

    # --- words -----------------------------------------------------------------------------

    @classmethod
    def headline(cls, outcome: Outcome, lang: Lang = "en") -> str:
        """One line: the outcome in words."""
        raise NotImplementedError

    @classmethod
    def details(cls, outcome: Outcome, detail: int) -> list[str]:
        """Further lines of the text summary (indented two spaces); ``detail`` caps long lists."""
        return []

    @classmethod
    def key_values(cls, outcome: Outcome) -> tuple[tuple[str, Any], ...]:
        """The few values a one-line summary of the outcome shows (a ``batch`` row), by name, in
        order. By default every field of the outcome that holds a plain value (a boolean, a number
        or a string), but the model's name."""
        fields = type(outcome).model_fields
        plain = ((name, getattr(outcome, name)) for name in fields if name != "model")
        return tuple((name, value) for name, value in plain if isinstance(value, (bool, int, float, str)))

    def summary(self, outcome: Outcome) -> "str | Text":
        """A sentence or two on the outcome for the executive summary of the HTML report: a message
        (:class:`~ccom_rules.i18n.Msg`) or a :class:`Text` in each language. By default, the headline."""
        return Text(en=self.headline(outcome, "en"), zh=self.headline(outcome, "zh"))

    def blocks(self, outcome: Outcome, detail: int) -> "list[Block]":
        """The outcome's section of the Markdown output, as tables, lines and lists
        (:mod:`ccom_rules.scoring.blocks`) that the renderer says in the reader's language(s);
        ``detail`` caps long lists. By default, the :meth:`details` lines in a code block."""
        from .blocks import Verbatim

        return [Verbatim(tuple(self.details(outcome, detail)))]

    def chart(
        self, pack: "ClausePack", result: "PackResult", word: Callable[..., str], title: Callable[[Text], str]
    ) -> "Figure | None":
        """The outcome's figure in the HTML report, or None for none (the default). ``word(msg_id,
        **params)`` says a message and ``title(text)`` a title in the report's language(s); a model
        draws with the functions of :mod:`ccom_rules.report.charts`, imported when called."""
        return None

    @classmethod
    def html_template(cls) -> str:
        """A jinja2 template (autoescaped) of the outcome's section of the HTML report; it is
        given ``out``, the outcome, and ``lines``, :meth:`details`. By default, the details."""
        name = f"outcome/{cls.model_fields['model'].default}.html.j2"
        source = files("ccom_rules").joinpath("templates", name)
        if source.is_file():
            return source.read_text(encoding="utf-8")
        return '<pre class="details">{% for line in lines %}{{ line }}\n{% endfor %}</pre>\n'

    def good(self, outcome: Outcome) -> bool:
        """Whether the outcome certifies something (a pass, a level, a band above the lowest)."""
        raise NotImplementedError

    @classmethod
    def compare(cls, old: Outcome, new: Outcome) -> tuple[list[str], list[str]]:
        """How the outcome moved from ``old`` to ``new`` (both of this model): (what got worse,
        what got better), in words. The baseline ratchet fails on the first list."""
        return [], []

    def explain(self, placed: "Placed") -> list[str]:
        """Lines ``explain`` adds about a clause under this model."""
        return []

    # --- targets ---------------------------------------------------------------------------

    @classmethod
    def read_target(cls, spec: str) -> int | None:
        """The value of a target written ``spec`` (the part after ``PACK:``), or None if it is
        not of this model's form."""
        raise NotImplementedError

    @classmethod
    def target_text(cls, value: int) -> str:
        """The target written back (``pass``, ``L3``, ``81``)."""
        raise NotImplementedError

    @classmethod
    def meets(cls, outcome: Outcome, value: int) -> tuple[bool, str]:
        """Whether ``outcome`` meets the target, and the words saying so (after ``PACK: ``)."""
        raise NotImplementedError

    def next_target(self, outcome: Outcome) -> int | None:
        """The next step from ``outcome`` (the planner's default target), or None."""
        raise NotImplementedError

    def unreachable(self, value: int, board: Board) -> str | None:
        """Why no action can reach the target (out of range, history), or None."""
        return None

    def waits(self, value: int, board: Board) -> Wait | None:
        """When :meth:`unreachable` is a matter of history, what the target waits for (the planner
        then dates it); None when it is not (or the target is not held back at all)."""
        return None

    # --- gaps and planning -----------------------------------------------------------------

    def unit(self, board: Board, clause_id: str) -> Unit | None:
        """What ``clause_id`` contributes to the outcome, or None when it is not a scoring unit."""
        raise NotImplementedError

    def units(self, board: Board) -> dict[str, Unit]:
        """Every scoring unit of ``board`` by clause id, in document order: :meth:`unit` of each
        clause (a model may find them all in one pass)."""
        return {cid: unit for cid in board.index.order if (unit := self.unit(board, cid)) is not None}

    def conditions(self) -> Mapping[str, Predicate]:
        """Conditions of the outcome that are not clauses (e.g. prerequisites), by id."""
        return {}

    def condition_paths(self) -> "Iterable[tuple[Predicate, DocPath]]":
        """Each condition's predicate and where it is written in ``pack.yaml``."""
        return ()

    @classmethod
    def condition_results(cls, outcome: Outcome) -> "Sequence[PrerequisiteResult]":
        """How each of :meth:`conditions` came out in ``outcome``: held or not, and why (SARIF
        reports those that do not hold)."""
        return ()

    def tally(self, index: "PackIndex", clause_id: str, unit: Unit) -> Tally:
        """One unit's additive contribution to the pack's figures."""
        raise NotImplementedError

    def figures(self, index: "PackIndex", units: Mapping[str, Unit]) -> Tally:
        """The figures of ``units`` (clause → unit): each one's :meth:`tally` added up, name by name
        in the order the names first come (a model may add them up in one pass)."""
        total: Tally = {}
        for clause_id, unit in units.items():
            add_tally(total, self.tally(index, clause_id, unit))
        return total

    def distance(self, index: "PackIndex", tally: Mapping[str, Any], held: Mapping[str, bool], value: int) -> Fraction:
        """How far figures ``tally`` and conditions ``held`` are from the target (0 when met)."""
        raise NotImplementedError

    def gain(
        self,
        index: "PackIndex",
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        units: Mapping[str, tuple[Unit, Unit]],
        conditions: Mapping[str, bool],
    ) -> GainWords | None:
        """What changing ``units`` (clause → (old, new)) and ``conditions`` (now held or not)
        brings, or None when nothing that counts moved."""
        raise NotImplementedError

    def raises(self, pack_id: str, units: Mapping[str, Unit]) -> Iterable[RaiseFinding]:
        """Assessor's findings below full that this model could raise."""
        return ()

    def raised(self, key: RaiseFinding) -> Raised:
        """How ``key`` is raised."""
        raise NotImplementedError

    def describe_raise(self, key: RaiseFinding, title: str, backed: str) -> str:
        """The title of an action raising ``key``."""
        raise NotImplementedError

    def rated(self, clause: ClauseResult) -> bool:
        """Whether the clause is scored by ratings of its own (an item of maturity_levels): gaps
        names the rated clauses an evidence gap holds down."""
        return False

    def settled(self, clause: ClauseResult) -> bool:
        """Whether a clause that is not met holds nothing back under this model (scored in full)."""
        return False

    def at_stake(self, clause: ClauseResult, checkpoint_ids: set[str]) -> Fraction:
        """What meeting ``checkpoint_ids`` of ``clause`` could add to the pack's points."""
        return Fraction(0)

    # --- across standards (compare, crosswalk apply) ----------------------------------------

    def stake(
        self, index: "PackIndex", points: Mapping[str, float | None], needs: Mapping[str, set[str]], held: tuple[str, ...]
    ) -> AtStake:
        """What the checkpoints ``needs`` (clause id → checkpoint ids, clauses in document order)
        and the conditions ``held`` (ids of :meth:`conditions`) hold under this model; ``points``
        are the clauses' points in the result. By default, the clauses and conditions named."""
        named = (*needs, *held)
        return AtStake(0.0, named, ", ".join(named))

    def figure(self, clause: ClauseResult) -> str:
        """The clause as this model counts it, in a few words ('' when it adds nothing)."""
        return ""

    def finding_fields(self, index: "PackIndex", clause_id: str, status: FindingStatus) -> dict[str, Any]:
        """The fields of a finding recording ``status`` on the whole clause, as this model reads them."""
        return {"status": status}

    # --- checks ----------------------------------------------------------------------------

    def reads(self, index: "PackIndex", placed: "Placed | None") -> frozenset[str]:
        """The finding fields of ``FINDING_FIELDS`` read on this clause (None: a checkpoint)."""
        return frozenset()

    def lint(self, pack: "ClausePack", doc: "Document") -> "list[Problem]":
        """Problems with the model's parameters against the pack's clauses."""
        return []


def operating_years(manifest: Manifest) -> int:
    """Whole years of operation on the assessment date."""
    began, on = manifest.organisation.operations_began, manifest.assessment.date
    years = on.year - began.year - ((on.month, on.day) < (began.month, began.day))
    return max(years, 0)


def years_after(began: date, years: int) -> date:
    """The first day with ``years`` whole years of operation since ``began`` (its anniversary;
    1 March for a start on 29 February in a year without one)."""
    try:
        return began.replace(year=began.year + years)
    except ValueError:
        return date(began.year + years, 3, 1)
