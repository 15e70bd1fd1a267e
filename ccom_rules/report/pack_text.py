"""A pack as text: its identity, scoring model and clause tree (``packs show``)."""

from __future__ import annotations

from ..model.pack import ClausePack
from ..model.result import LayerRef


def _layers(pack: ClausePack) -> list[tuple[str, LayerRef]]:
    """An overlay's base and overlays, bottom first (none for other packs)."""
    lineage = pack.lineage
    return [("base", lineage.base), *(("overlay", o) for o in lineage.overlays)] if lineage else []


def render(pack: ClausePack) -> str:
    """Header lines, then one line per clause indented by depth; ``*`` marks paraphrased clauses."""
    lines = [
        f"{pack.id} {pack.version} — {pack.standard} ({pack.edition})",
        f"{pack.title.en} / {pack.title.zh}",
        f"publisher: {pack.publisher}\nscoring: {pack.scoring.model}\nsha256: {pack.sha256}",
        *(f"{role}: {layer.id} {layer.version} sha256 {layer.sha256}" for role, layer in _layers(pack)),
        f"{len(pack.index.clauses)} clauses, {len(pack.index.checkpoints)} checkpoints, {len(pack.evidence_types)} evidence types",
    ]
    for cid in pack.index.order:
        placed = pack.index.clauses[cid]
        mark = "*" if placed.clause.provenance.kind == "source" else " "
        lines.append(f"  {'  ' * placed.depth}{mark}{cid} {placed.clause.title.en}")
    lines.append("(* paraphrased from a source document; others authored under the standard's headings)")
    return "\n".join(lines) + "\n"
