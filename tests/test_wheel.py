"""The installed wheel (not the editable checkout) carries the theme and builds a site from
any folder."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from conftest import REPO, SAMPLE_VAULT, TODAY


def run(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], check=False, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_and_builds_from_another_folder(tmp_path):
    wheels = tmp_path / "wheels"
    # With hatchling installed beside the tests the wheel builds offline and fast; without it
    # (the README's install does not bring it) pip fetches it into an isolated build environment.
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", REPO, "-w", wheels)
    (wheel,) = wheels.glob("careerlog-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "careerlog/templates/page.html" in names
    assert "careerlog/templates/static/style.css" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        wheel,
    )
    # The dependencies come from the test environment's own site-packages, without its careerlog:
    # a .pth line adds a folder to sys.path but does not run that folder's .pth files (the
    # editable install's finder), so only the wheel's careerlog is importable.
    new_site = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip()
    )
    (new_site / "outer.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(
        python, "-c", "import careerlog; print(careerlog.__file__)", cwd=elsewhere
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where

    run(
        venv / "bin" / "careerlog",
        "build",
        SAMPLE_VAULT,
        "--out",
        "site",
        "--no-search",
        "--today",
        TODAY.isoformat(),
        cwd=elsewhere,
    )
    site = elsewhere / "site"
    assert (site / "index.html").is_file()
    assert (site / "static/style.css").read_bytes() == (
        REPO / "templates/static/style.css"
    ).read_bytes()
    assert "static/style.css" in (site / "index.html").read_text(encoding="utf-8")
