"""``ccom-rules gaps`` sees across: each evidence gap and each plan action names the crosswalk
themes it touches with their clauses in each standard; without a crosswalk nothing is added, so
the JSON keeps its keys (and the golden results theirs)."""

from __future__ import annotations

import json

import pytest

import ccom_rules.loader

from ..conftest import EXAMPLES, real_packs
from .test_lint import FIXTURE, run

JADE = EXAMPLES / "jade-river-health" / "manifest.yaml"


@pytest.fixture(autouse=True)
def _packs_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ccom_rules.loader, "installed_packs", lambda: list(real_packs()))


def test_text_names_the_themes_of_gaps_and_actions() -> None:
    result = run("gaps", JADE, "--crosswalks", FIXTURE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    blast = out[out.index("Evidence blast radius") : out.index("Targets")]
    assert "      theme Quality monitoring: cccs_op_2003 5.2; ccom_sj_t_11739 6.4.1" in blast
    plan = out[out.index("Remediation plan") :]
    assert "       theme Emergency management: cc_cmm 22, 24; cccs_op_2003 5.7; ccom_sj_t_11739 6.7.1" in plan


def test_json_carries_themes_only_where_a_crosswalk_applies(tmp_path_factory: pytest.TempPathFactory) -> None:
    data = json.loads(run("gaps", JADE, "--crosswalks", FIXTURE, "--format", "json").stdout)
    with_themes = [g for g in data["gaps"]["evidence"] if "themes" in g]
    assert with_themes and all(g["themes"] for g in with_themes)
    emergency = next(t for g in with_themes for t in g["themes"] if t["theme"] == "emergency_management")
    assert set(emergency["clauses"]) <= {"ccom_sj_t_11739", "cc_cmm", "cccs_op_2003"}
    assert all(set(cs) <= {"6.7.1", "6.7.2", "20", "21", "22", "23", "24", "5.7"} for cs in emergency["clauses"].values())
    assert any("themes" in a for a in data["plan"]["actions"])
    # one pack alone: no crosswalk joins it, so no theme and no key at all
    empty = tmp_path_factory.mktemp("none")
    alone = run("gaps", JADE, "--pack", "cc_cmm", "--crosswalks", FIXTURE, "--format", "json").stdout
    assert '"themes"' not in alone
    assert empty.is_dir()
