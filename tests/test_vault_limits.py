"""No note makes `check` hang or crash: YAML work is bounded, only regular files are read,
and a file name that is not UTF-8 is a located error (issue 6, point 9)."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest
from conftest import CAREERLOG_BIN, ScratchVault

# A "billion laughs": ten levels of nine aliases each, 10^9 strings once expanded.
BOMB_LEVELS = ['lol: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
    f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)
]


def run_check(vault: ScratchVault, timeout: float = 60) -> subprocess.CompletedProcess:
    """The installed `careerlog check`, in a process of its own that a hang cannot outlive."""
    return subprocess.run(
        [str(CAREERLOG_BIN), "check", "."],
        cwd=vault.root,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def note(fields: str) -> str:
    return f"---\ntitle: Heavy\n{fields}\n---\nBody.\n"


@pytest.mark.parametrize(
    "fields, line, message",
    [
        (
            "\n".join(BOMB_LEVELS) + "\ntags: *a9",
            7,  # the fifth level is the first over 10,000: 9^5
            "front matter holds more than 10,000 values once its aliases are expanded",
        ),
        (
            "tags: " + "[" * 5000 + "]" * 5000,
            3,
            "front matter nests more than 32 levels deep",
        ),
        (
            "goals:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),
            35,
            "front matter nests more than 32 levels deep",
        ),
        (
            "tags: &loop [*loop]",
            3,
            "alias '*loop' refers to the value that holds it",
        ),
        (
            "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 40)),
            34,
            "front matter nests more than 32 levels deep once alias '*a30' is expanded",
        ),
        (
            "skills: [" + ", ".join(["x"] * 70_000) + "]",
            1,
            "front matter of 210,021 characters is too long (at most 65,536)",
        ),
    ],
    ids=["alias bomb", "flow nesting", "block nesting", "alias loop", "alias chain", "huge"],
)
def test_yaml_that_would_hang_or_crash_is_a_quick_located_error(
    scratch_vault, fields, line, message
):
    scratch_vault.write("goals/heavy.md", note(fields))
    started = time.monotonic()
    result = run_check(scratch_vault)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [f"goals/heavy.md:{line}: error: {message}"]
    assert b"Traceback" not in result.stderr


def test_a_number_of_hundreds_of_digits_is_a_located_error(scratch_vault):
    scratch_vault.write("goals/heavy.md", note("progress: " + "7" * 5000))
    result = run_check(scratch_vault)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1
    (line,) = result.stdout.decode().splitlines()
    assert line.startswith("goals/heavy.md:3: error: progress must be a number from 0 to 100")


def test_ordinary_anchors_and_nesting_still_read(scratch_vault):
    scratch_vault.write(
        "goals/fine.md",
        note("skills: &core [python, sql]\ntags: *core\nextra: {a: {b: {c: [1, [2, [3]]]}}}"),
    )
    result = run_check(scratch_vault)
    assert (result.returncode, result.stdout) == (0, b"")


def test_a_fifo_named_like_a_note_is_skipped_with_a_warning_not_waited_on(scratch_vault):
    scratch_vault.write("reflections/real.md", "---\ntitle: Real\n---\n")
    os.mkfifo(scratch_vault / "reflections/pipe.md")
    result = run_check(scratch_vault, timeout=30)  # before the fix: blocked forever
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        "reflections/pipe.md: warning: not a regular file; not read"
    ]


def test_a_unix_socket_named_like_a_note_is_skipped_with_a_warning(scratch_vault, monkeypatch):
    scratch_vault.write("reflections/real.md", "---\ntitle: Real\n---\n")
    server = socket.socket(socket.AF_UNIX)
    try:
        monkeypatch.chdir(scratch_vault.root)  # a socket's path must be short
        server.bind("reflections/sock.md")
        result = run_check(scratch_vault, timeout=30)
    finally:
        server.close()
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        "reflections/sock.md: warning: not a regular file; not read"
    ]


def test_a_file_name_that_is_not_utf8_is_a_located_error(scratch_vault):
    scratch_vault.write("reflections/real.md", "---\ntitle: Real\n---\n")
    folder = os.fsencode(scratch_vault / "reflections")
    with open(folder + b"/caf\xe9.md", "wb") as file:
        file.write(b"---\ntitle: Cafe\n---\n")
    result = run_check(scratch_vault)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "reflections/caf\\xe9.md: error: file name is not UTF-8; rename the file to read this note"
    ]
