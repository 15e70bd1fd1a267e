"""``--require`` expressions: ``PACK:pass``, ``PACK:L3``, ``PACK:61``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model.result import BandsOutcome, MaturityOutcome, PackResult, PassFailOutcome

_EXPR = re.compile(r"^(?P<pack>[A-Za-z0-9][A-Za-z0-9_.\-]*):(?:(?P<pass>pass)|[Ll](?P<level>\d)|(?P<score>\d{1,3}))$")


@dataclass(frozen=True)
class Requirement:
    pack: str
    kind: str
    value: int

    def misfit(self, model: str) -> str | None:
        """Why the expression does not fit a pack scored by ``model``, or None."""
        if MODELS[self.kind] == model:
            return None
        return f"{self.pack} is scored {model}; {FORMS[self.kind]} needs a {MODELS[self.kind]} pack"

    def check(self, result: PackResult) -> tuple[bool, str]:
        """Whether the pack's outcome meets it, and a sentence saying so.

        Raises ``ValueError`` when the expression does not fit the pack's scoring model.
        """
        out = result.outcome
        if (misfit := self.misfit(out.model)) is not None:
            raise ValueError(misfit)
        if isinstance(out, PassFailOutcome):
            return out.passed, f"{self.pack}: needs a pass, got {'pass' if out.passed else 'fail'}"
        if isinstance(out, MaturityOutcome):
            return (
                out.certifiable_level >= self.value,
                f"{self.pack}: needs L{self.value}, certifiable L{out.certifiable_level} (evidence supports L{out.level})",
            )
        assert isinstance(out, BandsOutcome)
        return out.score >= self.value, f"{self.pack}: needs {self.value}, scored {out.score}"


MODELS = {"pass": "pass_fail", "level": "maturity_levels", "score": "weighted_bands"}
FORMS = {"pass": "':pass'", "level": "':L<n>'", "score": "':<score>'"}


def parse_requirement(text: str, label: str = "requirement") -> Requirement:
    """Parse an expression; raises ``ValueError`` with the accepted forms. ``label`` names
    where the expression came from in that message (``--require``, ``--target``)."""
    m = _EXPR.match(text.strip())
    if not m:
        raise ValueError(f"cannot read {label} {text!r}: use PACK:pass, PACK:L<n> or PACK:<score>")
    if m["pass"]:
        return Requirement(m["pack"], "pass", 1)
    if m["level"]:
        return Requirement(m["pack"], "level", int(m["level"]))
    return Requirement(m["pack"], "score", int(m["score"]))
