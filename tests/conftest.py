"""Shared fixtures, built on each other: config → vault → index → site.

`scratch_vault` writes a small vault from dedented text into `tmp_path`; `career_vault`
fills it with a realistic set of notes; `career_index` loads it; `career_site` builds it.
`shared_career_vault`/`shared_career_site` and `sample_site` are built once a session, for
tests that only read them.
The build date is fixed (`TODAY`) so stale, overdue and due dates never drift.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.build import BuildResult, Loaded, build_site, load_vault
from careerlog.cli import main

TODAY = date(2026, 11, 22)
REPO = Path(__file__).resolve().parent.parent
SAMPLE_VAULT = REPO / "sample-vault"
GOLDEN = Path(__file__).resolve().parent / "golden"
# The installed `careerlog` command of the interpreter running the tests.
CAREERLOG_BIN = Path(sys.executable).parent / "careerlog"

DEFAULT_CONFIG = """\
title = "Sam Rivera — Career"
owner = "Sam Rivera"
base_url = "https://sam.example.com/"
review_every = "quarterly"
stale_after_days = 90

# The tests of the tracker's pages publish every kind; tests of the defaults write their own.
[publish]
goals = true
reviews = true
reflections = true
interviews = true
notes = true
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current build instead of comparing against it.",
    )


class ScratchVault:
    """A vault in a temporary folder, written note by note from dedented text."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def __truediv__(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, text: str) -> Path:
        """Write `text`, dedented and without its first newline, to `relative` in the vault."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8", newline="\n")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def load(self, today: date = TODAY) -> Loaded:
        return load_vault(self.root, today=today)

    def build(
        self, out: Path, *, today: date = TODAY, search: bool = False, **kwargs
    ) -> BuildResult:
        return build_site(self.root, out, today=today, search=search, **kwargs)


@pytest.fixture
def vault_config() -> str:
    """The text of the scratch vault's careerlog.toml; override it in a test module to change it."""
    return DEFAULT_CONFIG


def new_vault(root: Path, config: str = DEFAULT_CONFIG) -> ScratchVault:
    """An empty vault at `root` with `config` as its careerlog.toml."""
    vault = ScratchVault(root)
    vault.write("careerlog.toml", config)
    return vault


@pytest.fixture
def scratch_vault(tmp_path: Path, vault_config: str) -> ScratchVault:
    return new_vault(tmp_path / "vault", vault_config)


def write_career(vault: ScratchVault) -> ScratchVault:
    """A small, realistic career: a goal tree, reviews that move progress, and every kind once."""
    vault.write(
        "goals/lead-engineering.md",
        """
        ---
        title: Lead an engineering organisation
        status: active
        started: 2020-01-01
        target: 2045-12-31
        progress: 30
        tags: [leadership]
        skills: [strategy]
        ---
        Two routes: [[staff-engineer]] and [[learn-rust|some Rust on the side]].
        """,
    )
    vault.write(
        "goals/staff-engineer.md",
        """
        ---
        title: Reach staff engineer
        status: active
        started: 2024-01-01
        target: 2028-06-30
        parent: lead-engineering
        tags: [promotion, leadership]
        skills: [system-design]
        ---
        - [x] Lead a cross-team project
        - [ ] Write a design doc adopted by two teams
        """,
    )
    vault.write(
        "goals/learn-rust.md",
        """
        ---
        title: Learn Rust
        status: active
        started: 2026-01-10
        target: 2026-09-30
        parent: staff-engineer
        tags: [rust]
        skills: [rust]
        ---
        - [x] Read the book
        - [x] Write a CLI
        - [ ] Contribute to a crate
        - [ ] Ship a service
        """,
    )
    vault.write(
        "goals/give-a-talk.md",
        """
        ---
        title: Give a conference talk
        status: achieved
        started: 2025-01-01
        target: 2025-12-31
        ---
        """,
    )
    vault.write(
        "reviews/2026-q2.md",
        """
        ---
        title: Q2 2026 review
        date: 2026-07-03
        period: 2026-Q2
        goals:
          learn-rust: 25
          staff-engineer: {progress: 40, note: design doc drafted}
        ---
        A good quarter.
        """,
    )
    vault.write(
        "reviews/2026-q3.md",
        """
        ---
        title: Q3 2026 review
        date: 2026-10-04
        period: 2026-Q3
        goals:
          learn-rust: 60
        ---
        Rust is clicking.
        """,
    )
    vault.write(
        "reflections/on-mentoring.md",
        """
        ---
        title: On mentoring
        date: 2026-09-01
        mood: hopeful
        tags: [mentoring]
        ---
        Mentoring made me a better [[staff-engineer]] candidate.
        """,
    )
    vault.write(
        "interviews/acme-staff.md",
        """
        ---
        title: Acme staff interview
        date: 2026-05-12
        company: Acme Robotics
        role: Staff Engineer
        stage: final
        outcome: rejected
        lessons:
          - Prepare a system design story with numbers
        tags: [interviewing]
        ---
        They wanted more [distributed systems](../goals/staff-engineer.md) depth.
        """,
    )
    vault.write(
        "achievements/shipped-ledger.md",
        """
        ---
        title: Shipped the ledger migration
        date: 2026-06-20
        impact: Zero downtime
        goals: [staff-engineer]
        skills: [postgresql, system-design]
        ---
        """,
    )
    vault.write(
        "learning/rust-book.md",
        """
        ---
        title: The Rust Programming Language
        kind: book
        completed: 2026-03-01
        skills: [rust]
        ---
        """,
    )
    vault.write(
        "roles/northwind-senior.md",
        """
        ---
        title: Senior Engineer
        company: Northwind
        start: 2023-02-01
        location: Leeds
        ---
        """,
    )
    return vault


@pytest.fixture
def career_vault(scratch_vault: ScratchVault) -> ScratchVault:
    return write_career(scratch_vault)


@pytest.fixture
def career_index(career_vault: ScratchVault):
    loaded = career_vault.load()
    assert loaded.diagnostics == [], [str(d) for d in loaded.diagnostics]
    return loaded.index


@pytest.fixture
def career_site(career_vault: ScratchVault, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    career_vault.build(out)
    return out


@pytest.fixture(scope="session")
def shared_career_vault(tmp_path_factory: pytest.TempPathFactory) -> ScratchVault:
    """The career fixture's vault, written once for the session: only for tests that read it."""
    return write_career(new_vault(tmp_path_factory.mktemp("career") / "vault"))


@pytest.fixture(scope="session")
def shared_career_site(shared_career_vault: ScratchVault) -> Path:
    """The career fixture's site, built once for the session: only for tests that read it."""
    out = shared_career_vault.root.parent / "site"
    shared_career_vault.build(out)
    return out


@pytest.fixture(scope="session")
def shared_career_tracker(shared_career_vault: ScratchVault) -> Path:
    """The career fixture's private tracker, built once for the session."""
    out = shared_career_vault.root.parent / "tracker"
    shared_career_vault.build(out, private=True)
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample vault's site, built once for the whole session (no search index)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build_site(SAMPLE_VAULT, out, today=TODAY, search=False)
    return out


# Helpers shared by the test modules.


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder`: relative POSIX path → bytes (None for a folder)."""
    found: dict[str, bytes | None] = {}
    for here, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            found[(Path(here) / name).relative_to(folder).as_posix() + "/"] = None
        for name in filenames:
            path = Path(here) / name
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


def tree_digest(folder: Path) -> dict[str, str | None]:
    """Like `tree`, with a SHA-256 of each file instead of its bytes (for readable failures)."""
    return {
        path: hashlib.sha256(data).hexdigest() if data is not None else None
        for path, data in tree(folder).items()
    }


def output_files(site: Path) -> list[Path]:
    """Every file under `site`, sorted."""
    return sorted(p for p in site.rglob("*") if p.is_file())


def html_pages(site: Path) -> dict[str, str]:
    """Every HTML page of `site`: relative POSIX path → text."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in output_files(site)
        if p.suffix == ".html"
    }


def cli_build(vault: Path, out: Path, *extra: str) -> Result:
    """`careerlog build VAULT --out OUT --no-search --today TODAY [extra]` through CliRunner."""
    return CliRunner().invoke(
        main,
        [
            "build",
            str(vault),
            "--out",
            str(out),
            "--no-search",
            "--today",
            TODAY.isoformat(),
            *extra,
        ],
    )


def leaks(site: Path, secrets: list[str]) -> list[str]:
    """`file: secret` for every secret found in a file's name or contents (case-insensitively)."""
    pattern = re.compile("|".join(map(re.escape, secrets)), re.IGNORECASE)
    found = []
    for path in output_files(site):
        relative = path.relative_to(site).as_posix()
        for match in pattern.finditer(relative):
            found.append(f"{relative} (file name): {match.group(0)}")
        data = path.read_bytes()
        if relative.endswith((".pf_fragment", ".pf_meta", ".pf_index")):
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        for word in sorted({m.group(0).lower() for m in pattern.finditer(text)}):
            found.append(f"{relative}: {word}")
    return found



def png_bytes(width: int, height: int, rgb: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    """A real PNG of one colour: a picture for a test vault."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
