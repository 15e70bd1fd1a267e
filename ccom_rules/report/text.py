"""A readable summary of a result, one block per pack."""

from __future__ import annotations

from ..model.result import PackResult, Result
from ..scoring import model_of
from .subjects import Evaluation


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
    """One line: the pack and its outcome, in the words of its scoring model."""
    return model_of(pack.outcome).headline(pack.outcome)


def _pack(pack: PackResult, detail: int) -> list[str]:
    ref = pack.pack
    lines = [f"■ {ref.id} {ref.version} — {ref.title.en} / {ref.title.zh}", f"  {headline(pack)}"]
    return lines + model_of(pack.outcome).details(pack.outcome, detail)
