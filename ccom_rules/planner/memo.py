"""What a plan works out more than once, found once.

A remedy: what a predicate's remedy adds depends only on the facts it reads (the evidence of its
types, the certified people, the dates), so within one plan a remedy asked again of the very same
facts (the same item tuples, as :func:`~ccom_rules.predicates.with_added` keeps them for the types
it leaves alone, and the same items added) is the one found before. A unit's tally: units are
values, and equal units contribute equally."""

from __future__ import annotations

from typing import Any

from ..model.pack import ClausePack
from ..predicates import Facts, Patch, Predicate, with_added
from ..scoring.base import Tally, Unit
from .predicates import leaves, needs_people


def _value(value: Any) -> Any:
    """A hashable key equal for equal predicates: the predicate itself, or for a combination (whose
    parts are a list, which cannot be hashed) its class and the keys of its fields; anything else
    that cannot be hashed stands for itself (by identity: equal to nothing else)."""
    if isinstance(value, (list, tuple)):
        return tuple(_value(v) for v in value)
    if isinstance(value, dict):
        return (dict, tuple((k, _value(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        fields = getattr(value, "__dict__", None)
        if fields is None:
            return (id, id(value))
        return (type(value), tuple((name, _value(field)) for name, field in fields.items()))
    return value


class Memo:
    """Remedies, each found once for the facts it reads, and units' tallies (one per plan: its
    states and their forks share it)."""

    def __init__(self) -> None:
        self.tallies: dict[tuple[str, str, Unit], Tally] = {}
        """Each unit's tally by pack, clause and unit (see :meth:`tally`)."""
        self.changes: dict[tuple[str, str, Unit, Unit], Tally] = {}
        """Each change of a unit's tally (see :meth:`change`)."""
        self.reads: dict[int, tuple[Predicate, tuple[str, ...], bool, int]] = {}
        """Per predicate (by identity, kept alive here): its evidence types, whether it counts people,
        and the identity of the first predicate equal to it (:attr:`equal`), which keys its remedies."""
        self.equal: dict[Any, Predicate] = {}
        """The first predicate met of each value: equal predicates (in other checkpoints or packs)
        have one remedy for the same facts, found once."""
        self.found: dict[tuple[Any, ...], tuple[tuple[Any, ...], Patch]] = {}
        """Per predicate, ``only``, dates and the identities of the item tuples read: the objects
        keyed by identity (kept alive, so no identity is reused) and the remedy."""

    def tally(self, pack: ClausePack, clause_id: str, unit: Unit) -> Tally:
        """The pack's model's tally of one unit (units are values: equal units contribute equally)."""
        found = self.tallies.get((pack.id, clause_id, unit))
        if found is None:
            found = self.tallies[(pack.id, clause_id, unit)] = pack.scoring.tally(pack.index, clause_id, unit)
        return found

    def change(self, pack: ClausePack, clause_id: str, old: Unit, new: Unit) -> Tally:
        """What replacing the unit ``old`` by ``new`` adds to each figure (tallies are exact: ints
        or fractions, so adding the change equals taking ``old``'s tally away and adding ``new``'s)."""
        key = (pack.id, clause_id, old, new)
        found = self.changes.get(key)
        if found is None:
            before, after = self.tally(pack, clause_id, old), self.tally(pack, clause_id, new)
            found = self.changes[key] = {name: after.get(name, 0) - before.get(name, 0) for name in {**before, **after}}
        return found

    def remedy(self, pred: Predicate, facts: Facts, only: str | None, added: Patch | None = None) -> Patch:
        """``pred.remedy(with_added(facts, added), only)``."""
        known = self.reads.get(id(pred))
        if known is None:
            same = self.equal.setdefault(_value(pred), pred)  # equal predicates (in other checkpoints) share their remedies
            read_types = sorted({t for leaf in leaves(pred) for t in leaf.evidence_types()})
            known = self.reads[id(pred)] = (pred, tuple(read_types), any(needs_people(leaf) for leaf in leaves(pred)), id(same))
        _, types, people, ident = known
        read = tuple(map(facts.by_type.get, types))
        more: tuple[Any, ...] = ()
        if added is not None and (added.evidence or added.people):
            more = (*(i for i in added.evidence if i.type in types), *(added.people if people else ()))
        key = (ident, only, facts.on, facts.now, *map(id, read), id(facts.people) if people else 0, *map(id, more))
        found = self.found.get(key)
        if found is None:
            seen = facts if added is None else with_added(facts, added)
            found = self.found[key] = ((read, facts.people, more), pred.remedy(seen, only))
        return found[1]
