"""JSON Schemas generated from the models; ``python -m ccom_rules.schemas`` rewrites ``schemas/``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from .crosswalk.model import Crosswalk, ThemeCatalogue
from .crosswalk.result import Comparison
from .model.manifest import Manifest
from .model.overlay import PackOverlay
from .model.pack import ClausePack, PackFragment
from .model.result import Result

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "clause-pack.schema.json": (ClausePack, "validation", "A ccom-rules clause pack (pack.yaml)"),
    "clause-pack-fragment.schema.json": (PackFragment, "validation", "A file included by a ccom-rules pack.yaml"),
    "clause-pack-overlay.schema.json": (PackOverlay, "validation", "A ccom-rules overlay pack.yaml (extends: another pack)"),
    "evidence-manifest.schema.json": (Manifest, "validation", "A ccom-rules evidence manifest"),
    "result.schema.json": (Result, "serialization", "The JSON result of ccom-rules evaluate"),
    "crosswalk.schema.json": (Crosswalk, "validation", "A ccom-rules crosswalk between two clause packs"),
    "crosswalk-themes.schema.json": (ThemeCatalogue, "validation", "The themes of a ccom-rules crosswalk folder (themes.yaml)"),
    "comparison.schema.json": (Comparison, "serialization", "The JSON result of ccom-rules compare"),
}


def _schema(name: str, id_: str | None = None) -> dict[str, Any]:
    model, mode, title = SCHEMAS[name]
    schema: dict[str, Any] = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
    # A relative $id: the schema is named by the file it is in, wherever that is served from.
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": id_ or name, **schema, "title": title}


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def schema_text(name: str) -> str:
    """The schema file ``name`` as it should be on disk."""
    return _text(_schema(name))


def _offer(prop: dict[str, Any], choices: dict[str, str]) -> None:
    """Offer ``choices`` (value → description) for completion while still accepting any string."""
    if choices:
        prop["examples"] = sorted(choices)
        prop["anyOf"] = [*({"const": v, "description": d} for v, d in sorted(choices.items())), {"type": "string"}]


def manifest_schema_for(packs: Sequence[ClausePack], id_: str = "evidence-manifest.schema.json") -> str:
    """The manifest schema, with the evidence-type ids and pack ids of ``packs`` offered as
    completions (``examples`` and an ``anyOf`` ending in a free string): other values stay valid,
    for packs that are not listed here."""
    schema = _schema("evidence-manifest.schema.json", id_)
    defs = schema["$defs"]
    owners: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for pack in packs:
        for et in pack.evidence_types:
            owners.setdefault(et.id, []).append(pack.id)
            titles.setdefault(et.id, et.title.en)
    types = {t: f"{', '.join(sorted(ids))}: {titles[t]}" for t, ids in owners.items()}
    _offer(defs["EvidenceItem"]["properties"]["type"], types)
    pack_ids = {p.id: f"{p.standard}: {p.title.en}" for p in packs}
    for name in ("Finding", "NotApplicable"):
        _offer(defs[name]["properties"]["pack"], pack_ids)
    return _text(schema)


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
