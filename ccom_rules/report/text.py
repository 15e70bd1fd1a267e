"""A readable summary of a result, one block per pack."""

from __future__ import annotations

from ..model.result import BandsOutcome, MaturityOutcome, PackResult, PassFailOutcome, Result
from .subjects import Evaluation

_STATUS = {
    "met": "met",
    "partially_met": "partially met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "not_assessed": "not assessed",
}


def render(result: Result, detail: int = 8) -> str:
    """The summary text; ``detail`` caps the lines listed per section."""
    lines = [
        f"{result.manifest.organisation} — assessed {result.manifest.assessment_date}",
        f"manifest sha256 {result.manifest.sha256[:12]}…  ccom-rules {result.engine_version}",
    ]
    for pack in result.packs:
        lines.append("")
        lines += _pack(pack, detail)
    return "\n".join(lines) + "\n"


def render_evaluation(subject: Evaluation) -> str:
    """The summary of ``evaluate``."""
    return render(subject.result)


def render_demo(subject: Evaluation) -> str:
    """The summary of ``demo``, after a line saying where the sample organisation is."""
    where = subject.manifest_path
    name = where.parent.name if where is not None else subject.result.manifest.organisation
    return f"Sample organisation: {name} (try: ccom-rules evaluate {where})\n\n" + render(subject.result)


def headline(pack: PackResult) -> str:
    """One line: the pack and its outcome."""
    out = pack.outcome
    if isinstance(out, PassFailOutcome):
        verdict = "PASS" if out.passed else "FAIL"
        return f"{verdict} — {len(out.nonconformities)} nonconformities, {len(out.not_assessed)} not assessed"
    if isinstance(out, MaturityOutcome):
        return f"level L{out.level} supported, L{out.certifiable_level} certifiable (previous L{out.previous_level}); total {out.total}/{out.max_total}"
    return f"{out.score}/{out.max_total} — {out.band_title.en} ({out.band})"


def _more(items: list[str], detail: int) -> list[str]:
    if len(items) <= detail:
        return items
    return items[:detail] + [f"      … and {len(items) - detail} more (--format json for all)"]


def _pack(pack: PackResult, detail: int) -> list[str]:
    ref = pack.pack
    lines = [f"■ {ref.id} {ref.version} — {ref.title.en} / {ref.title.zh}", f"  {headline(pack)}"]
    out = pack.outcome
    if isinstance(out, PassFailOutcome):
        for pre in out.prerequisites:
            mark = "✓" if pre.held else "✗"
            lines.append(f"  {mark} prerequisite {pre.title.en}: {'; '.join(pre.reasons)}")
        rows = []
        for nc in out.nonconformities:
            rows.append(f"  ✗ {nc.clause} {nc.title.en}: {_STATUS[nc.status]}")
            rows += [f"      {r}" for r in nc.reasons[:3]]
        lines += _more(rows, detail * 3)
        if out.not_assessed:
            lines.append(f"  ? not assessed (needs an assessor's finding): {', '.join(out.not_assessed)}")
    elif isinstance(out, MaturityOutcome):
        for name, shares in (("1.0–4.0", out.core), ("5.0", out.innovation)):
            if shares.items:
                lines.append(
                    f"  {name}: {shares.items} items, C {shares.c_percent:g} % method-compliant, F {shares.f_percent:g} % executed"
                )
        lines.append(f"  operating years: {out.operating_years}")
        if out.next_level is not None:
            lines.append(f"  to reach L{out.next_level}:")
            lines += [f"    - {gap.message}" for gap in out.next_level_gaps]
    elif isinstance(out, BandsOutcome):
        lines.append(f"  raw total {out.raw_score:g}, rounded half up to {out.score}")
        for cat in out.categories:
            frac = "n/a" if cat.fraction is None else f"{cat.fraction:.0%}"
            lines.append(f"    {cat.id:>3} {cat.title.en:<42} {cat.score:6.2f} / {cat.points:g}  ({frac})")
    return lines
