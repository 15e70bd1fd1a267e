"""One type for every problem in a pack or manifest, and the one error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Literal
from .records import record

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "E001": "YAML syntax error",
    "E002": "duplicate key in a mapping",
    "E003": "unknown key",
    "E004": "wrong type or invalid value",
    "E005": "missing field",
    "E006": "duplicate id",
    "E007": "unknown reference",
    "E008": "dependency cycle",
    "E009": "evidence path escapes the evidence root",
    "E010": "file not found or unreadable",
    "E011": "sha256 does not match the file",
    "E012": "scoring parameters inconsistent",
    "E021": "two packs with the same id on the pack path",
    "E022": "overlay cannot be resolved: base not found, version not allowed, or a cycle",
    "E030": "crosswalk relation contradicts the same pair read the other way",
    "E031": "crosswalk leaves a clause neither mapped nor listed unmapped, or lists a mapped one",
    "E032": "crosswalk written for another major version of a pack",
    "E033": "crosswalk id differs from its file name",
    "W101": "evidence type never used",
    "W102": "evidence type not in any evaluated pack",
    "W103": "checkpoint aspect unusual for the scoring model",
    "W104": "certificate number listed twice",
    "W105": "finding or declaration names a pack that is not installed or evaluated",
    "W106": "finding field that its target's scoring ignores",
    "W107": "evidence item dated after the reference date (not counted)",
    "W108": "evidence goes stale within --warn-within days",
    "W109": "certificate expires within --warn-within days",
    "W130": "crosswalk written for another minor version of a pack",
}


@record(order=True)
class Problem:
    """A problem at a place in a file: ``file:line:col: error CODE message (at $.path)``."""

    file: str
    line: int
    column: int
    code: str
    message: str
    json_path: str = "$"
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message} (at {self.json_path})"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class InvalidInput(Exception):
    """Raised with every problem found, sorted by file and position."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sort_problems(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """``sorted(problems)`` (by file, line, column, …), fast for a very large number of them."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.code, p.message, p.json_path, p.severity))


def json_path(path: tuple[str | int, ...]) -> str:
    """``('clauses', 3, 'evidence')`` → ``$.clauses[3].evidence``."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += f"[{part!r}]"
    return out
