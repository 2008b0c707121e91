"""The /cv/ page: each role with its employer and what was achieved in its dates, the
certificates with their expiry, the skills by how recently they were used; public notes only."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ScratchVault, html_pages


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def section(html: str, heading: str) -> str:
    """The text of the CV section under `heading`."""
    return text_of(html.split(f">{heading}</h2>", 1)[1].split("</section>", 1)[0])


def test_the_cv_pairs_achievements_with_their_role_and_shows_nothing_private(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write(
        "roles/acme.md",
        "---\ntitle: Engineer\ncompany: Acme\nstart: 2018-01-01\nend: 2022-12-31\n---\n"
        "Billing and invoicing.\n",
    )
    scratch_vault.write(
        "roles/globex.md", "---\ntitle: Staff Engineer\ncompany: Globex\nstart: 2023-01-01\n---\n"
    )
    scratch_vault.write(
        "achievements/billing.md",
        "---\ntitle: Shipped billing\ndate: 2021-05-01\nimpact: Cut churn by 4%\n"
        "skills: [go]\n---\n",
    )
    scratch_vault.write(
        "achievements/oss.md",
        "---\ntitle: Open-source maintainer\ndate: 2017-03-01\nskills: [rust]\n---\n",
    )
    scratch_vault.write(
        "achievements/deal.md",
        "---\ntitle: ZQXSECRET deal\ndate: 2024-05-01\nimpact: ZQXSECRET\nprivate: true\n---\n",
    )
    scratch_vault.write(
        "learning/cka.md",
        "---\ntitle: CKA\nkind: certification\nprovider: CNCF\ncompleted: 2025-03-01\n"
        "expires: 2026-03-01\nskills: [kubernetes]\n---\n",
    )

    pages = html_pages(scratch_vault.build(tmp_path / "site").out)
    cv = pages["cv/index.html"]

    experience = section(cv, "Experience")
    assert experience.index("Staff Engineer, Globex") < experience.index("Engineer, Acme")
    acme = experience.split("Engineer, Acme", 1)[1]
    assert "Billing and invoicing." in acme
    assert "Cut churn by 4% (Shipped billing)" in acme  # the impact first
    assert "Open-source maintainer" not in experience  # made before any role
    assert "Open-source maintainer" in section(cv, "Other achievements")
    assert "CKA, CNCF, 2025 (expired Mar 2026)" in section(cv, "Certificates and training")
    skills = section(cv, "Skills")  # today is 2026-11-22: 2025 is recent, 2021 and 2017 not
    assert skills in (
        "Current kubernetes Earlier go (2021), rust (2017)",
        "Current kubernetes Earlier rust (2017), go (2021)",
    )
    assert not any("ZQXSECRET" in page for page in pages.values())
    assert 'href="cv/"' in pages["index.html"]  # in the navigation
