"""A readable summary of a result, one block per pack."""

from __future__ import annotations

from ..model.result import PackResult, Result
from ..scoring import model_of
from collections.abc import Sequence

from ..i18n import Msg
from ..model.common import Text
from ..model.construct import construct
from .subjects import Evaluation
from .words import Speaker


def render(result: Result, detail: int = 8, speaker: Speaker | None = None) -> str:
    """The summary text; ``detail`` caps the lines listed per section; ``speaker`` says it in the
    reader's language(s) (English by default)."""
    manifest = result.manifest
    lines: list[str | Text] = [
        Msg("text.assessed", organisation=manifest.organisation, date=manifest.assessment_date),
        Msg("text.identity", sha=manifest.sha256[:12], version=result.engine_version),
    ]
    speaker = speaker or Speaker()
    for pack in result.packs:
        lines.append("")
        lines += _pack(pack, detail, speaker)
    return said(lines, speaker)


def said(lines: Sequence[str | Text], speaker: Speaker) -> str:
    """``lines`` (messages or text) in each language shown, one line each, as text."""
    return "\n".join(text for line in lines for text in speaker.each(line)) + "\n"


def render_evaluation(subject: Evaluation) -> str:
    """The summary of ``evaluate``."""
    return render(subject.result, speaker=Speaker(subject.lang, subject.packs))


def render_demo(subject: Evaluation) -> str:
    """The summary of ``demo``, after a line saying where the sample organisation is."""
    where = subject.manifest_path
    name = where.parent.name if where is not None else subject.result.manifest.organisation
    return f"Sample organisation: {name} (try: ccom-rules evaluate {where})\n\n" + render(subject.result)


def headline(pack: PackResult) -> str:
    """One line: the pack and its outcome, in the words of its scoring model."""
    return model_of(pack.outcome).headline(pack.outcome)


def _pack(pack: PackResult, detail: int, speaker: Speaker) -> list[str | Text]:
    ref, model = pack.pack, model_of(pack.outcome)
    langs = speaker.langs  # the headline only in the languages shown: one catalogue read, not two
    said: str | Text = (
        "  " + model.headline(pack.outcome, langs[0])
        if len(langs) == 1
        else construct(Text, {"en": "  " + model.headline(pack.outcome, "en"), "zh": "  " + model.headline(pack.outcome, "zh")})
    )
    name = construct(
        Text, {"en": f"■ {ref.id} {ref.version} — {ref.title.en}", "zh": f"■ {ref.id} {ref.version} — {ref.title.zh}"}
    )
    lines: list[str | Text] = [name, said]
    return lines + model.details(pack.outcome, detail)
