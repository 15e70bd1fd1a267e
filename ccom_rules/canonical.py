"""Canonical JSON and its sha256: the identity of a pack or manifest's content."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text: equal content gives equal text."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(data: Any) -> str:
    """The sha256 of :func:`canonical_json` of ``data``."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


# The manifest's collections are sets in meaning: their order in the file does not count.
_UNORDERED = ("evidence", "people", "findings", "not_applicable", "certified_levels")


def manifest_sha256(manifest: BaseModel) -> str:
    """The sha256 of a manifest's canonical content: its collections sorted, so that listing
    the same evidence, people or findings in another order gives the same identity."""
    data = manifest.model_dump(mode="json")
    for key in _UNORDERED:
        entries = getattr(manifest, key, None)
        if isinstance(data.get(key), list) and entries:
            # Ordered by each entry's own JSON (pydantic's serializer: fast, and fixed by the model).
            order = sorted(range(len(entries)), key=lambda i: entries[i].model_dump_json())
            data[key] = [data[key][i] for i in order]
    return sha256_of(data)
