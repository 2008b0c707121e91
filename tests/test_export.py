"""`careerlog export`: a JSON Resume document that the official schema accepts (and the site
publishes as /resume.json), and a brag document for a date range; public notes only."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import SAMPLE_VAULT, TODAY, ScratchVault

from careerlog.cli import main

# The schema of the npm package @jsonresume/schema 1.3.1, with its MIT licence beside it.
SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "jsonresume" / "schema.json").read_text("utf-8")
)


def export(*args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def validate(resume: dict) -> None:
    jsonschema.Draft7Validator(
        SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ).validate(resume)


def test_the_sample_vaults_resume_is_valid_json_resume(sample_site: Path):
    text = export("jsonresume", str(SAMPLE_VAULT), "--today", TODAY.isoformat())
    resume = json.loads(text)
    validate(resume)
    assert resume["basics"]["name"] == "Tessa Marwick"
    assert [w["name"] for w in resume["work"]] == [
        "Quillmark",
        "Fernhollow",
        "Brightwell Logistics",
    ]
    assert "endDate" not in resume["work"][0]  # the current role
    assert resume["certificates"] and resume["skills"] and resume["projects"]
    # the site publishes the same document
    assert (sample_site / "resume.json").read_text("utf-8") == text


def test_the_resume_names_each_achievement_under_the_role_it_was_made_in_and_nothing_private(
    scratch_vault: ScratchVault,
):
    scratch_vault.write(
        "roles/acme.md",
        "---\ntitle: Engineer\ncompany: Acme\nstart: 2020-01-01\nend: 2022-12-31\n---\n",
    )
    scratch_vault.write(
        "roles/globex.md", "---\ntitle: Staff Engineer\ncompany: Globex\nstart: 2023-01-01\n---\n"
    )
    scratch_vault.write(
        "achievements/shipped.md",
        "---\ntitle: Shipped billing\ndate: 2021-05-01\nimpact: Cut churn by 4%\n---\n",
    )
    scratch_vault.write(
        "achievements/secret.md",
        "---\ntitle: ZQXSECRET deal\ndate: 2023-05-01\nprivate: true\n---\nZQXSECRET\n",
    )
    scratch_vault.write(
        "roles/moonlight.md",
        "---\ntitle: ZQXSIDEJOB\ncompany: ZQXSIDEJOB Ltd\nstart: 2023-02-01\ndraft: true\n---\n",
    )
    scratch_vault.write(
        "learning/cka.md",
        "---\ntitle: CKA\nkind: certification\nprovider: CNCF\ncompleted: 2024-03-01\n"
        "credential: https://cncf.example/cert/1\n---\n",
    )

    text = export("jsonresume", str(scratch_vault.root))
    resume = json.loads(text)
    validate(resume)
    work = {w["name"]: w for w in resume["work"]}
    assert work["Acme"]["highlights"] == ["Shipped billing: Cut churn by 4%"]
    assert "highlights" not in work["Globex"]
    assert resume["certificates"] == [
        {
            "name": "CKA",
            "date": "2024-03-01",
            "issuer": "CNCF",
            "url": "https://cncf.example/cert/1",
        }
    ]
    assert "ZQX" not in text


def test_the_resume_can_be_written_to_a_file(scratch_vault: ScratchVault, tmp_path: Path):
    scratch_vault.write("roles/acme.md", "---\ntitle: Engineer\ncompany: Acme\nstart: 2020\n---\n")
    out = tmp_path / "resume.json"
    CliRunner().invoke(main, ["export", "jsonresume", str(scratch_vault.root), "--out", str(out)])
    assert json.loads(out.read_text("utf-8"))["work"][0]["name"] == "Acme"


def test_an_export_of_a_vault_with_errors_prints_them_and_writes_nothing(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write("goals/bad.md", "---\nprogress: 400\n---\n")
    out = tmp_path / "resume.json"
    result = CliRunner().invoke(
        main, ["export", "jsonresume", str(scratch_vault.root), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "goals/bad.md:2: error:" in result.stderr
    assert not out.exists()


def test_the_brag_document_holds_what_happened_in_its_dates_and_nothing_else():
    text = export("brag", str(SAMPLE_VAULT), "--from", "2025-01-01", "--to", "2025-12-31")
    achievements = text.split("## Achievements")[1].split("##")[0]
    assert "Spoke at Northern Systems Conference" in achievements  # 2025-10-16
    assert "sync engine rewrite" in achievements  # 2025-03-28
    assert "Manchester Backend Meetup" not in achievements  # 2023
    assert "Mentee Dara promoted" not in achievements  # 2026
    learning = text.split("## Learning")[1].split("##")[0]
    assert "The Manager's Path" in learning
    assert "## By skill" in text and "- **CRDTs**:" in text
    for canary in ("SECRETSALARY", "CANARYPRIVATE", "CANARYDRAFT"):
        assert canary not in text


@pytest.mark.parametrize("dates", [("2025-13-01", "2025-12-31"), ("2025-12-31", "2025-01-01")])
def test_the_brag_document_refuses_bad_dates(dates):
    result = CliRunner().invoke(
        main, ["export", "brag", str(SAMPLE_VAULT), "--from", dates[0], "--to", dates[1]]
    )
    assert result.exit_code == 2
