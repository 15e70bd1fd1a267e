"""JSON output: the result model, dumped with stable keys and order."""

from __future__ import annotations

from pydantic import BaseModel


def render(model: BaseModel) -> str:
    """Indented JSON with a final newline; equal models give byte-identical text."""
    return model.model_dump_json(indent=2) + "\n"
