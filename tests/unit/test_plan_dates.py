"""A plan's dates as a user reads them: certificates after the course the pack declares, and
targets held back by history dated all the same."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from ccom_rules.cli import main

from ..conftest import CASES, FIXTURE_PACKS

START = CASES / "gaps" / "root_and_blocked" / "manifest.yaml"
START_DATE = date(2026, 6, 30)


def _gaps(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["gaps", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _pack_with_course(tmp_path: Path, days: object) -> Path:
    pack = tmp_path / "mini_pf"
    shutil.copytree(FIXTURE_PACKS / "mini_pf", pack)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    declared = "{kind: certified_people, scheme: CEL, min_count: 2}"
    assert declared in text
    (pack / "pack.yaml").write_text(
        text.replace(declared, f"{{kind: certified_people, scheme: CEL, min_count: 2, course_days: {days}}}"), encoding="utf-8"
    )
    return pack


def _one_facilitator(tmp_path: Path) -> Path:
    """The fixture manifest with one CEL facilitator instead of two: the plan certifies another."""
    text = START.read_text(encoding="utf-8")
    second = "- name: Zhao Lei\n  certificates:\n  - scheme: CEL\n    number: CEL-2024-002\n    issued: 2024-03-01\n"
    assert second in text
    path = tmp_path / "manifest.yaml"
    path.write_text(text.replace(second, ""), encoding="utf-8")
    return path


def _people_and_target(out: str) -> tuple[date, date]:
    plan = json.loads(out)["plan"]
    (people,) = [a for a in plan["actions"] if a["kind"] == "certify_people"]
    (target,) = plan["targets"]
    issued = {c["issued"] for p in people["people"] for c in p["certificates"]}
    assert issued == {people["earliest"]}
    return date.fromisoformat(people["earliest"]), date.fromisoformat(target["earliest"])


def test_course_length_declared_in_the_pack_moves_the_dates(tmp_path: Path) -> None:
    start = _one_facilitator(tmp_path)
    code, out = _gaps(start, "--pack", FIXTURE_PACKS / "mini_pf", "--target", "mini_pf:pass", "--format", "json")
    assert code == 0, out
    issued, _ = _people_and_target(out)
    assert issued == START_DATE + timedelta(days=30)  # the default course

    code, out = _gaps(start, "--pack", _pack_with_course(tmp_path, 90), "--target", "mini_pf:pass", "--format", "json")
    assert code == 0, out
    issued, reached = _people_and_target(out)
    assert issued == START_DATE + timedelta(days=90)
    assert reached >= issued  # the pass waits for the two facilitators' certificates

    code, out = _gaps(start, "--pack", _pack_with_course(tmp_path / "text", 90), "--target", "mini_pf:pass")
    assert "certificates issued when their course ends: 2026-09-28" in out, out

    # a course longer than the KPI series still to be kept (complete on 2026-11-30) moves the target too
    code, out = _gaps(start, "--pack", _pack_with_course(tmp_path / "long", 200), "--target", "mini_pf:pass", "--format", "json")
    issued, reached = _people_and_target(out)
    assert issued == reached == START_DATE + timedelta(days=200)


def test_course_length_out_of_range_is_a_clear_error(tmp_path: Path) -> None:
    for days in (-1, 5000, "thirty"):
        code, out = _gaps(START, "--pack", _pack_with_course(tmp_path / str(days), days), "--format", "json")
        assert code == 2, out
        assert "Traceback" not in out
        assert "course_days" in out and "pack.yaml:14:" in out, out
