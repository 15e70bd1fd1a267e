"""Where things are in a manifest file: the lines SARIF results and annotations point at.

Built from the loader's source map (:class:`~ccom_rules.yamlsource.Document`), whose positions
are worked out only when first asked for, so evaluating never pays for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model.manifest import Manifest
from .yamlsource import Document

Place = tuple[int, int]
"""(line, column), both from 1."""


@dataclass
class ManifestPlaces:
    """Lines and columns of a manifest's evidence items, findings and sections."""

    doc: Document
    manifest: Manifest
    _items: dict[str, int] = field(default_factory=dict)
    _findings: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def file(self) -> str:
        """The manifest's path as problems show it (relative to the working folder when inside it)."""
        return self.doc.file

    def item(self, item_id: str) -> Place | None:
        """The start of evidence item ``item_id`` (its ``- `` entry), or None if it is not listed."""
        if not self._items:
            self._items = {item.id: i for i, item in enumerate(self.manifest.evidence)}
        i = self._items.get(item_id)
        return None if i is None else self.doc.where(("evidence", i))

    def finding(self, pack: str, target: str) -> Place | None:
        """The start of the finding recorded for ``pack`` ``target``, if any."""
        if not self._findings:
            self._findings = {(f.pack, f.target): i for i, f in enumerate(self.manifest.findings)}
        i = self._findings.get((pack, target))
        return None if i is None else self.doc.where(("findings", i))

    def evidence_section(self) -> Place:
        """Where missing evidence belongs: the ``evidence:`` key, else the top of the file."""
        return self.doc.key_at(("evidence",)) or (1, 1)
