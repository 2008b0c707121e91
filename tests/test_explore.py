"""Self-assessment and exploration (issue 9): assessments over time, the skills matrix, values
that moved, options and their skill gap, `/explore/`, and `careerlog new assessment`."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from conftest import TODAY, ScratchVault, cli_build

from careerlog.cli import main
from careerlog.skill_gap import skill_gap, skills_matrix, value_moves

# every kind published, so the public build shows them too; the defaults are tested below
PUBLISH_ALL = """\
title = "Sam Rivera — Career"
owner = "Sam Rivera"
[publish]
assessments = true
options = true
goals = true
"""


@pytest.fixture
def vault_config() -> str:
    return PUBLISH_ALL


def write_exploration(vault: ScratchVault) -> ScratchVault:
    vault.write(
        "assessments/2020.md",
        """
        ---
        title: End of 2020
        date: 2020-12-30
        skills: {Python: 3, System Design: 1, Mentoring: 1}
        values: [Learning, Stability, Craft]
        ---
        """,
    )
    vault.write(
        "assessments/2023.md",
        """
        ---
        title: End of 2023
        date: 2023-12-30
        skills: {Python: 4, System Design: 3, Mentoring: 2, Hiring: 1}
        values: [Craft, Learning, Impact]
        ---
        """,
    )
    vault.write(
        "options/manager.md",
        """
        ---
        title: Engineering manager
        status: pursuing
        requires: {mentoring: 4, hiring: 3, system-design: 3, budgeting: 2}
        ---
        """,
    )
    vault.write(
        "options/principal.md",
        """
        ---
        title: Principal engineer
        status: exploring
        requires: {system-design: 5}
        ---
        """,
    )
    vault.write(
        "options/devrel.md",
        "---\ntitle: Developer relations\nstatus: ruled-out\n---\n",
    )
    vault.write(
        "goals/manage.md",
        """
        ---
        title: Become a manager
        status: active
        option: manager
        skills: [hiring]
        ---
        """,
    )
    vault.write(
        "learning/coaching-course.md",
        """
        ---
        title: Coaching for leaders
        kind: course
        completed: 2024-06-01
        skills: [mentoring]
        ---
        """,
    )
    vault.write(
        "learning/old-course.md",
        "---\ntitle: Old course\nkind: course\ncompleted: 2019-06-01\nskills: [mentoring]\n---\n",
    )
    vault.write(
        "achievements/mentored.md",
        "---\ntitle: Mentored Dara\ndate: 2025-03-01\nskills: [mentoring]\n---\n",
    )
    return vault


def test_the_skill_gap_is_each_required_level_against_the_latest_assessed(scratch_vault):
    index = write_exploration(scratch_vault).load().index
    gaps = {g.skill: g for g in skill_gap(index, index.by_slug["manager"])}
    assert [(g.skill, g.required, g.level, g.missing) for g in gaps.values()] == [
        ("budgeting", 2, None, 2),  # never assessed: counts from 0
        ("hiring", 3, 1, 2),
        ("mentoring", 4, 2, 2),
        ("system-design", 3, 3, 0),
    ]
    # evidence: the newest note that shows the skill in use, not one that rates it
    assert gaps["mentoring"].last_evidence == date(2025, 3, 1)
    assert gaps["system-design"].last_evidence is None
    # what closes it: active goals naming the skill, learning since the latest assessment
    assert [n.slug for n in gaps["hiring"].closing] == ["manage"]
    assert [n.slug for n in gaps["mentoring"].closing] == ["coaching-course"]


def test_the_matrix_has_each_skill_over_time_with_its_trend(scratch_vault):
    index = write_exploration(scratch_vault).load().index
    rows = {r.skill: r for r in skills_matrix(index)}
    assert [(p.day.year, p.level) for p in rows["system-design"].history] == [(2020, 1), (2023, 3)]
    assert rows["system-design"].trend == 2
    assert rows["hiring"].trend is None  # first rated
    assert rows["mentoring"].last_evidence == date(2025, 3, 1)
    moves = [(m.value, m.rank, m.before) for m in value_moves(index)]
    assert moves == [("Craft", 1, 3), ("Learning", 2, 1), ("Impact", 3, None)]


def test_pages_show_the_gap_the_matrix_and_options_by_status(scratch_vault, tmp_path):
    write_exploration(scratch_vault)
    out = tmp_path / "site"
    result = cli_build(scratch_vault.root, out)
    assert result.exit_code == 0, result.output
    explore = (out / "explore/index.html").read_text()
    pursuing = explore.index('id="status-pursuing"')
    exploring = explore.index('id="status-exploring"')
    ruled_out = explore.index('id="status-ruled-out"')
    assert pursuing < explore.index("Engineering manager") < exploring
    assert exploring < explore.index("Principal engineer") < ruled_out
    assert ruled_out < explore.index("Developer relations")
    assert 'id="status-chosen"' not in explore  # no option chosen yet
    assert "3 skills short of 4 required" in explore
    option = (out / "options/manager/index.html").read_text()
    assert option.count('class="gap-open"') == 3 and option.count('class="gap-met"') == 1
    assert "Become a manager" in option  # the goal that serves it
    matrix = (out / "assessments/index.html").read_text()
    assert "▲ +2" in matrix and "first rated" in matrix
    assert "up from 3" in matrix and "down from 1" in matrix
    assert '<svg class="level-chart"' in matrix
    assert 'href="../../explore/"' in option  # its kind's list is /explore/


@pytest.mark.parametrize(
    "field, message",
    [
        ("skills: {python: 6}", "2: error: level of 'python' must be a whole number from 1 to 5"),
        ("skills: {python: two}", "2: error: level of 'python' must be a whole number from 1 to 5"),
        ("skills: [python]", "2: error: 'skills' must map each name to a value"),
    ],
)
def test_bad_levels_are_located_errors(scratch_vault, monkeypatch, field, message):
    scratch_vault.write("assessments/a.md", f"---\n{field}\ndate: 2024-01-01\n---\n")
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"assessments/a.md:{message}")


def test_every_problem_of_an_option_is_reported_at_once(scratch_vault, monkeypatch):
    scratch_vault.write(
        "options/o.md",
        """
        ---
        title: O
        status: maybe
        requires:
          python: 0
          rust: 9
          kubernetes: 3
        ---
        """,
    )
    scratch_vault.write("goals/g.md", "---\ntitle: G\noption: nothing-here\n---\n")
    monkeypatch.chdir(scratch_vault.root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "goals/g.md:3: warning: option 'nothing-here' is not an option in the vault",
        (
            "options/o.md:3: error: unknown status 'maybe' (expected one of: exploring, pursuing, "
            "ruled-out, chosen)"
        ),
        (
            "options/o.md:5: error: required level of 'python' must be a whole number from 1 to 5, "
            "not 0 (see the legend in the README)"
        ),
        (
            "options/o.md:6: error: required level of 'rust' must be a whole number from 1 to 5, "
            "not 9 (see the legend in the README)"
        ),
        (
            "options/o.md:7: warning: unknown skill 'kubernetes': no assessment rates it and no note "
            "names it (a typo?); its gap counts from level 0"
        ),
    ]


def test_assessments_and_options_are_not_published_by_default(tmp_path):
    vault = ScratchVault(tmp_path / "vault")
    vault.write("careerlog.toml", 'title = "T"\n')
    write_exploration(vault)
    vault.write(
        "assessments/2023.md",
        "---\ndate: 2023-12-30\nweaknesses: [zqxweakness]\nskills: {zqxskill: 2}\n---\n",
    )
    out = tmp_path / "site"
    assert cli_build(vault.root, out).exit_code == 0
    assert not (out / "explore").exists() and not (out / "assessments").exists()
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert "zqx" not in text and "Engineering manager" not in text, path


def test_new_assessment_starts_from_the_latest_levels(scratch_vault):
    write_exploration(scratch_vault)
    result = CliRunner().invoke(
        main,
        [
            "new",
            "assessment",
            "End of 2026",
            "--vault",
            str(scratch_vault.root),
            "--today",
            TODAY.isoformat(),
        ],
    )
    assert result.exit_code == 0, result.output
    text = (scratch_vault.root / "assessments/end-of-2026.md").read_text()
    assert "  # as of 2023-12-30; change what moved\n" in text
    assert '  "python": 4\n  "system-design": 3\n  "mentoring": 2\n  "hiring": 1\n' in text
    # and it is a valid assessment as it stands
    loaded = scratch_vault.load()
    assert not [d for d in loaded.diagnostics if "end-of-2026" in str(d.path)]
    assert loaded.index.by_slug["end-of-2026"].levels[0].level == 4


def test_index_json_carries_the_gap_of_published_options_only(scratch_vault, tmp_path):
    import json

    write_exploration(scratch_vault)
    scratch_vault.write(
        "options/secret.md",
        "---\ntitle: Secret\nprivate: true\nrequires: {zqxskill: 3}\n---\n",
    )
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 0
    data = json.loads((out / "index.json").read_text())
    assert [o["slug"] for o in data["options"]] == ["devrel", "manager", "principal"]
    manager = next(o for o in data["options"] if o["slug"] == "manager")
    assert manager["gap"][0] == {"skill": "budgeting", "required": 2, "level": None, "missing": 2}
    assert data["skills_assessed"]["latest"] == "2023"
    assert "zqx" not in (out / "index.json").read_text()


def test_skills_show_as_the_assessment_writes_them(scratch_vault, tmp_path):
    scratch_vault.write(
        "assessments/now.md",
        "---\ndate: 2026-01-01\nskills: {PostgreSQL: 4, System Design: 2}\n---\n",
    )
    scratch_vault.write(
        "options/dba.md", "---\ntitle: DBA\nrequires: {postgresql: 5, system design: 3}\n---\n"
    )
    out = tmp_path / "site"
    assert cli_build(scratch_vault.root, out).exit_code == 0
    matrix = (out / "assessments/index.html").read_text()
    assert '<a href="../skills/postgresql/">PostgreSQL</a>' in matrix
    assert '<a href="../skills/system-design/">System Design</a>' in matrix
    gap = (out / "options/dba/index.html").read_text()
    assert ">PostgreSQL</a>" in gap and ">postgresql</a>" not in gap
