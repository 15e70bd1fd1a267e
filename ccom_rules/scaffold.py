"""``ccom-rules packs new``: a new pack with one clause, one case and a README, valid as written."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scoring.starter import Starter

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")  # the rule of ccom_rules.model.common.Identifier

_HEAD = """{schema}id: {id}
standard: {id} (draft)
edition: "1"
version: 0.1.0
title: {{en: "{id}: a new pack", zh: "{id}:新规则包"}}
publisher: "(your organisation)"
provenance: "Written from (name the source document); replace this line."
"""

_TYPES = """evidence_types:
  - {id: operations_manual, title: {en: Operations manual, zh: 运营手册}}
  - {id: monthly_report, title: {en: Monthly operations report, zh: 月度运营报告}, method: record_series}
"""

_MANUAL = ("{en: A current operations manual., zh: 现行有效的运营手册。}", "{kind: present, type: operations_manual}")
_REPORTS = (
    "{en: Three consecutive monthly reports., zh: 连续三个月的月度报告。}",
    "{kind: continuous, type: monthly_report, period: month, count: 3}",
)


def starter_models() -> list[str]:
    """The scoring models that supply a starter pack, by name (registered ones included)."""
    from .scoring import MODELS

    return [name for name, model in MODELS.items() if model.STARTER is not None]


def _starter(model: str) -> Starter:
    from .scoring import MODELS

    found = MODELS.get(model)
    if found is None or found.STARTER is None:
        raise ScaffoldError(f"no starter pack for scoring model {model!r}: one of {', '.join(starter_models())}")
    return found.STARTER


def _clauses(starter: Starter) -> str:
    """The example clause (under a section "1" for the models that score items or sub-items)."""
    clause_id, ids, aspects, section = starter.clause, starter.checkpoints, starter.aspects, starter.section
    pad = "  " if section is None else "      "
    lines = [
        f'{pad}- id: "{clause_id}"',
        f"{pad}  title: {{en: Operations manual, zh: 运营手册}}",
        f"{pad}  requirement: {{en: The centre runs by a written manual and reports every month., zh: 中心按成文手册运营并每月报告。}}",
        f'{pad}  provenance: {{kind: authored, heading: "1 Operations"}}',
        f"{pad}  checkpoints:",
    ]
    for cp_id, aspect, (statement, evidence), series in zip(ids, aspects, (_MANUAL, _REPORTS), (False, True)):
        lines.append(f"{pad}    - id: {cp_id}")
        lines += [f"{pad}      aspect: {aspect}"] if aspect else []
        lines += [f"{pad}      method: record_series"] if series else []
        lines += [f"{pad}      statement: {statement}", f"{pad}      evidence: {evidence}"]
    head = "clauses:\n"
    if section is not None:
        head += '  - id: "1"\n    title: {en: Operations, zh: 运营}\n    provenance: {kind: authored, heading: "1 Operations"}\n'
        head += section + "    children:\n"
    return head + "\n".join(lines) + "\n"


_MANIFEST = """{schema}# A centre with the manual and three monthly reports: everything the pack asks for.
manifest_version: 1
organisation:
  name: Example Centre
  sourcing: in_house
  industry: other
  operations_began: "2020-01-01"
  seats: 40
assessment:
  date: "2026-06-30"
evidence:
  - {{id: manual, type: operations_manual, title: Operations manual v2, date: "2026-01-15"}}
  - {{id: report-2026-03, type: monthly_report, title: March report, date: "2026-04-05", period: "2026-03"}}
  - {{id: report-2026-04, type: monthly_report, title: April report, date: "2026-05-05", period: "2026-04"}}
  - {{id: report-2026-05, type: monthly_report, title: May report, date: "2026-06-05", period: "2026-05"}}
"""

_README = """# {id}

A clause pack for ccom-rules, scored with `{model}`. Made by `ccom-rules packs new`: one
clause, one test case. Replace the example clause with the standard's, and add a case for
each outcome that matters.

| file | what |
|---|---|
| `pack.yaml` | identity, scoring, evidence types and clauses |
| `cases/complete/` | a manifest that meets everything, and the outcome it must give |

Check and test it as you edit:

```sh
ccom-rules validate --strict {dir}
ccom-rules test {dir}
ccom-rules evaluate {dir}/cases/complete/manifest.yaml --pack {dir}
ccom-rules explain {dir} {clause}
```

The format is described in the project's `docs/pack-format.md`.
"""


class ScaffoldError(Exception):
    """The pack cannot be written there."""


def _schema_line(target: Path, name: str) -> str:
    """A ``# yaml-language-server`` line pointing at the project's schema, when there is one to point at."""
    schemas = Path(__file__).resolve().parent.parent / "schemas"
    if not (schemas / name).is_file():
        return ""
    return f"# yaml-language-server: $schema={Path(os.path.relpath(schemas / name, target)).as_posix()}\n"


def new_pack(pack_id: str, model: str, directory: Path) -> list[Path]:
    """Write a new pack to ``directory`` (made if missing). Raises :class:`ScaffoldError` when
    ``directory`` exists and is not empty, or is not a folder: nothing is ever overwritten."""
    starter = _starter(model)
    if not _ID.match(pack_id) or len(pack_id) > 80:
        raise ScaffoldError(f"{pack_id!r} is not a pack id: letters, digits, '_', '.', '-', starting with a letter or digit")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} exists and is not an empty folder; choose another --dir")
    case = directory / "cases" / "complete"
    files = {
        directory / "pack.yaml": _HEAD.format(schema=_schema_line(directory, "clause-pack.schema.json"), id=pack_id)
        + starter.scoring
        + _TYPES
        + _clauses(starter),
        case / "manifest.yaml": _MANIFEST.format(schema=_schema_line(case, "evidence-manifest.schema.json")),
        case / "expected.yaml": starter.expected,
        directory / "README.md": _README.format(id=pack_id, model=model, dir=directory.as_posix(), clause=starter.clause),
    }
    case.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        with path.open("x", encoding="utf-8") as fh:  # "x": never over a file
            fh.write(text)
    return list(files)
