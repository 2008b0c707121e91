"""`careerlog serve`: the real server in a subprocess, on a free port of 127.0.0.1, with notes
saved on disk the ways editors save them."""

from __future__ import annotations

import pytest

from tests.conftest import write_career
from tests.serving import EventStream, Serving, save_as_vim_does, save_atomically

SECRET_NOTE = """\
---
title: Salary talk with Dana
date: 2026-10-01
private: true
---
Asked for a raise to a sum I keep to myself.
"""


@pytest.fixture
def served(scratch_vault):
    write_career(scratch_vault)
    scratch_vault.write("reflections/salary.md", SECRET_NOTE)
    serving = Serving(scratch_vault.root)
    yield scratch_vault, serving
    serving.stop()


def test_serves_the_private_tracker_outside_the_vault_with_a_reload_script(served):
    vault, serving = served
    assert not serving.folder.is_relative_to(vault.root)
    status, headers, body = serving.get("/reflections/salary/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Asked for a raise" in body  # the tracker shows private notes
    assert b"/__careerlog/events" in body
    on_disk = (serving.folder / "reflections/salary/index.html").read_bytes()
    assert b"__careerlog" not in on_disk  # the script is only in what is served
    status, headers, _ = serving.get("/static/style.css")
    assert (status, headers["Content-Type"]) == (200, "text/css; charset=utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/goals/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
        "/.careerlog-site",
        "/.careerlog-private",
        "/no-such-page/",
    ],
)
def test_serves_nothing_outside_the_site_nor_hidden_files(served, path):
    _, serving = served
    status, _, body = serving.get(path)
    assert status == 404
    assert b"root:" not in body
    assert body == serving.get("/404.html")[2]  # the site's own 404 page


def test_a_request_naming_another_host_is_refused(served):
    _, serving = served
    assert serving.get("/", host=f"attacker.example:{serving.port}")[0] == 403
    assert serving.get("/", host=f"localhost:{serving.port}")[0] == 200


def test_a_folder_without_its_slash_is_redirected_and_not_listed(served):
    _, serving = served
    status, headers, _ = serving.get("/goals")
    assert (status, headers["Location"]) == (301, "/goals/")
    status, _, body = serving.get("/static/")
    assert status == 404  # no index.html there, and no listing
    assert body == serving.get("/404.html")[2]  # the 404 page, not a listing


@pytest.mark.parametrize("save", [save_atomically, save_as_vim_does], ids=["atomic", "vim"])
def test_a_saved_note_is_rebuilt_and_the_pages_told_to_reload(served, save):
    vault, serving = served
    events = EventStream(serving)
    note = vault / "goals/learn-rust.md"
    save(note, note.read_text(encoding="utf-8").replace("Learn Rust", "Learn Rust properly"))
    assert events.next_event()[0] == "reload"
    events.close()
    body = serving.get("/goals/learn-rust/")[2]
    assert b"Learn Rust properly" in body
    serving.wait_for("rebuilt in")


def test_a_save_that_does_not_build_keeps_the_last_site_and_shows_why(served):
    vault, serving = served
    events = EventStream(serving)
    note = vault / "goals/learn-rust.md"
    good = note.read_text(encoding="utf-8")
    save_atomically(note, good.replace("status: active", "status: [active"))
    name, data = events.next_event()
    assert name == "errors"
    assert "goals/learn-rust.md:" in data
    assert b"Learn Rust" in serving.get("/goals/learn-rust/")[2]  # the last good site
    late = EventStream(serving)  # a page opened now sees the errors at once
    assert late.next_event()[0] == "errors"
    late.close()
    save_atomically(note, good)
    assert events.next_event()[0] == "reload"
    events.close()


def test_ctrl_c_stops_the_server_and_removes_its_folder(served):
    _, serving = served
    assert serving.folder.is_dir()
    assert serving.stop() == 0
    assert not serving.folder.exists()
