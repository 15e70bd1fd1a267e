"""JSON Schemas generated from the models; ``python -m ccom_rules.schemas`` rewrites ``schemas/``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model.manifest import Manifest
from .model.pack import ClausePack, PackFragment
from .model.result import Result

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "clause-pack.schema.json": (ClausePack, "validation", "A ccom-rules clause pack (pack.yaml)"),
    "clause-pack-fragment.schema.json": (PackFragment, "validation", "A file included by a ccom-rules pack.yaml"),
    "evidence-manifest.schema.json": (Manifest, "validation", "A ccom-rules evidence manifest"),
    "result.schema.json": (Result, "serialization", "The JSON result of ccom-rules evaluate"),
}

BASE_URI = "https://ccom-rules.invalid/schemas/"


def schema_text(name: str) -> str:
    """The schema file ``name`` as it should be on disk."""
    model, mode, title = SCHEMAS[name]
    schema: dict[str, Any] = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE_URI + name, **schema, "title": title}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = directory / name
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    # Default: the source tree's schemas/ folder; an installed package must be given a folder.
    source_tree = Path(__file__).resolve().parent.parent
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
    elif (source_tree / "pyproject.toml").is_file():
        target = source_tree / "schemas"
    else:
        sys.exit("usage: python -m ccom_rules.schemas DIRECTORY  (not run from a source tree, so a folder is needed)")
    for p in write_all(target):
        print(p)
