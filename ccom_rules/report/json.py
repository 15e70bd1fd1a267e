"""JSON output: the result model, dumped with stable keys and order."""

from __future__ import annotations

from pydantic import BaseModel

from .subjects import Analysis, Compared, Evaluation


def render(model: BaseModel) -> str:
    """Indented JSON with a final newline; equal models give byte-identical text."""
    return model.model_dump_json(indent=2) + "\n"


def render_evaluation(subject: Evaluation) -> str:
    """The result of ``evaluate`` (and ``demo``) as JSON."""
    return render(subject.result)


def render_analysis(subject: Analysis) -> str:
    """The gap report and plan of ``gaps`` as JSON."""
    return render(subject.model())


def render_comparison(subject: Compared) -> str:
    """The comparison of ``compare`` as JSON (the same whatever the language)."""
    return render(subject.model())
