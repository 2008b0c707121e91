"""Attachments: the files published notes link or embed are copied into the site once, every
page reaches them, and nothing unpublished, unsafe or outside the vault is ever copied."""

from __future__ import annotations

import os
import re
import struct
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from click.testing import CliRunner
from conftest import TODAY, ScratchVault, cli_build, html_pages, output_files, png_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

from careerlog import media
from careerlog.cli import main

GIF_3X2 = b"GIF89a\x03\x00\x02\x00\x80\x00\x00\xff\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x03\x00\x02\x00\x00\x02\x02\x84\x51\x00;"
SAFE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><rect width="120" height="80" fill="teal"/></svg>'


def write_attachment_vault(vault: ScratchVault) -> ScratchVault:
    """Pictures beside their note, in an attachments folder, and found by name; a note in a
    nested folder; private and draft notes whose own attachments must stay home."""
    vault.write_bytes("achievements/photos/stage.png", png_bytes(64, 48))
    vault.write_bytes("attachments/cert.png", png_bytes(40, 20, (20, 90, 160)))
    vault.write_bytes("attachments/cert.pdf", b"%PDF-1.4\n% a certificate\n")
    vault.write_bytes("attachments/badge.gif", GIF_3X2)
    vault.write_bytes("attachments/diagram.svg", SAFE_SVG.encode())
    vault.write_bytes("attachments/clip.mp4", b"\x00\x00\x00\x18ftypmp42")
    vault.write(
        "achievements/northern-talk.md",
        """
        ---
        title: Spoke at Northern Systems
        date: 2025-10-02
        ---
        ![On stage](photos/stage.png)

        ![[badge.gif]] ![the certificate](../attachments/cert.png)

        ![](/attachments/cert.png) and [[cert.pdf|the certificate as PDF]]

        ![[stage.png|32]] ![[cert.png|Certificate 100x50]] ![[clip.mp4]]
        """,
    )
    vault.write(
        "learning/2025/conferences/northern.md",
        """
        ---
        title: Northern Systems 2025
        kind: conference
        date: 2025-10-03
        ---
        ![diagram](../../../attachments/diagram.svg) ![[cert.pdf]]
        """,
    )
    vault.write_bytes("attachments/canary-private.png", png_bytes(3, 3, (1, 2, 3)))
    vault.write_bytes("reviews/canary-draft-scan.png", png_bytes(3, 4, (4, 5, 6)))
    vault.write(
        "reviews/salary.md",
        """
        ---
        title: Salary talk
        date: 2025-11-01
        private: true
        ---
        ![[canary-private.png]] ![](canary-draft-scan.png)
        """,
    )
    vault.write(
        "reviews/draft.md",
        """
        ---
        title: Draft
        date: 2025-11-02
        draft: true
        ---
        ![scan](canary-draft-scan.png) [[canary-private.png]]
        """,
    )
    return vault


@pytest.fixture
def attachment_vault(scratch_vault: ScratchVault) -> ScratchVault:
    return write_attachment_vault(scratch_vault)


class _Media(HTMLParser):
    """Every <img>, <video>, <audio> and <a> of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("img", "video", "audio", "a"):
            self.found.append((tag, dict(attrs)))


def elements(html: str, tag: str) -> list[dict[str, str | None]]:
    parser = _Media()
    parser.feed(html)
    return [attrs for found, attrs in parser.found if found == tag]


def site_file(site: Path, page: str, url: str) -> Path:
    """The file a relative URL on `page` names."""
    return site / unquote(urljoin(page, url.split("#")[0]))


def build(vault: ScratchVault, out: Path, *extra: str):
    result = cli_build(vault.root, out, *extra)
    assert result.exit_code == 0, result.output
    return result


def check(vault: ScratchVault):
    return CliRunner().invoke(main, ["check", str(vault.root), "--today", TODAY.isoformat()])


def test_every_image_and_file_a_published_note_uses_is_copied_once(
    attachment_vault: ScratchVault, tmp_path: Path
):
    site = tmp_path / "site"
    build(attachment_vault, site)
    pages = html_pages(site)
    talk = pages["achievements/northern-talk/index.html"]
    images = elements(talk, "img")
    assert len(images) == 6
    sources = {
        "photos/stage.png": [images[0], images[4]],
        "cert.png": [images[2], images[3], images[5]],
        "badge.gif": [images[1]],
    }
    for name, found in sources.items():
        original = next(attachment_vault.root.rglob(name)).read_bytes()
        for image in found:
            copy = site_file(site, "achievements/northern-talk/index.html", image["src"])
            assert copy.read_bytes() == original, (name, image)
    links = [a for a in elements(talk, "a") if a.get("class") == "attachment"]
    pdf, fallback = links  # the certificate, and the video's link for browsers without video
    pdf_file = site_file(site, "achievements/northern-talk/index.html", pdf["href"])
    assert pdf_file.read_bytes() == b"%PDF-1.4\n% a certificate\n"
    (video,) = elements(talk, "video")
    assert "controls" in video
    assert video["src"] == fallback["href"]
    video_file = site_file(site, "achievements/northern-talk/index.html", video["src"])
    assert video_file.read_bytes() == b"\x00\x00\x00\x18ftypmp42"

    nested = "learning/northern/index.html"
    (diagram,) = elements(pages[nested], "img")
    assert site_file(site, nested, diagram["src"]).read_bytes() == SAFE_SVG.encode()
    (nested_pdf,) = [a for a in elements(pages[nested], "a") if a.get("class") == "attachment"]
    assert site_file(site, nested, nested_pdf["href"]) == pdf_file

    copied = sorted(p.name for p in output_files(site / "attachments"))
    # one copy each, however many notes and references name it
    assert copied == ["badge.gif", "cert.pdf", "cert.png", "clip.mp4", "diagram.svg", "stage.png"]
    assert not any(
        re.search(r'(src|href)="/', html) for html in pages.values() if "attachments/" in html
    )


def test_images_carry_their_size_and_load_lazily(attachment_vault: ScratchVault, tmp_path: Path):
    site = tmp_path / "site"
    build(attachment_vault, site)
    pages = html_pages(site)
    images = elements(pages["achievements/northern-talk/index.html"], "img")
    sizes = [(i["alt"], i.get("width"), i.get("height"), i.get("loading")) for i in images]
    assert sizes == [
        ("On stage", "64", "48", "lazy"),
        ("badge.gif", "3", "2", "lazy"),
        ("the certificate", "40", "20", "lazy"),
        ("", "40", "20", "lazy"),
        ("stage.png", "32", "24", "lazy"),  # |32: the width asked, the height in proportion
        ("Certificate", "100", "50", "lazy"),  # |alt 100x50
    ]
    (diagram,) = elements(pages["learning/northern/index.html"], "img")
    assert (diagram["width"], diagram["height"]) == ("120", "80")  # from the SVG's viewBox


def test_private_and_draft_notes_attachments_never_reach_the_site(
    attachment_vault: ScratchVault, tmp_path: Path
):
    site = tmp_path / "site"
    build(attachment_vault, site)
    canaries = [
        (attachment_vault / "attachments/canary-private.png").read_bytes(),
        (attachment_vault / "reviews/canary-draft-scan.png").read_bytes(),
    ]
    for path in output_files(site):
        assert "canary" not in str(path.relative_to(site))
        data = path.read_bytes()
        assert b"canary" not in data, path
        for canary in canaries:
            assert canary not in data, path
    # positive control: published, the same note's attachment is copied
    attachment_vault.write(
        "reviews/salary.md",
        (attachment_vault / "reviews/salary.md")
        .read_text()
        .replace("private: true", "private: false"),
    )
    build(attachment_vault, tmp_path / "public")
    assert any(p.name == "canary-private.png" for p in output_files(tmp_path / "public"))


def test_check_locates_each_attachment_that_is_not_copied(scratch_vault: ScratchVault):
    scratch_vault.write_bytes("one/photo.png", png_bytes(2, 2))
    scratch_vault.write_bytes("two/photo.png", png_bytes(2, 3))
    scratch_vault.write_bytes("attachments/page.html", b"<script>alert(1)</script>")
    scratch_vault.write(
        "achievements/talk.md",
        """
        ---
        title: Talk
        date: 2025-01-01
        ---
        ![](missing.png) ![[nowhere.jpg]]

        ![[photo.png]]
        [demo](../attachments/page.html)
        [[cert.pdf]] is fine when it exists: it is a file, not a broken link to a note.
        """,
    )
    scratch_vault.write_bytes("attachments/cert.pdf", b"%PDF")
    result = check(scratch_vault)
    assert result.exit_code == 0, result.output
    talk = scratch_vault / "achievements/talk.md"
    assert result.output.splitlines() == [
        f"{talk}:5: warning: attachment [[nowhere.jpg]]: no file named nowhere.jpg in the vault",
        f"{talk}:5: warning: attachment missing.png: no file missing.png at achievements/missing.png in the vault",
        (
            f"{talk}:7: warning: attachment [[photo.png]]: 2 files are named photo.png "
            "(one/photo.png, two/photo.png); write its path, e.g. ![[one/photo.png]]"
        ),
        f"{talk}:8: warning: attachments/page.html is not copied: careerlog publishes only "
        + media.copyable_kinds(),
        "0 errors, 4 warnings",
    ]


def test_an_ambiguous_or_missing_attachment_shows_its_text_and_requests_nothing(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write_bytes("one/photo.png", png_bytes(2, 2))
    scratch_vault.write_bytes("two/photo.png", png_bytes(2, 3))
    scratch_vault.write(
        "achievements/talk.md",
        """
        ---
        title: Talk
        date: 2025-01-01
        ---
        ![the team](missing.png) ![[photo.png|a photo]] [slides](slides.pdf)

        ![the [[zqx-private]] plan](plan.png)
        """,
    )
    scratch_vault.write("goals/zqx-private.md", "---\ntitle: Zqx\nprivate: true\n---\n")
    site = tmp_path / "site"
    build(scratch_vault, site)
    page = html_pages(site)["achievements/talk/index.html"]
    assert elements(page, "img") == []
    assert not (site / "attachments").exists()
    assert '<span class="unlinked">the team</span>' in page
    assert '<span class="unlinked">a photo</span>' in page
    assert "slides" in page and "slides.pdf" not in page
    # the text of a missing image resolves its links: no private note's name
    assert '<span class="unlinked">the (unpublished note) plan</span>' in page
    assert "zqx" not in page.lower()


def test_nothing_outside_the_vault_is_read(scratch_vault: ScratchVault, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = png_bytes(5, 5, (9, 9, 9)) + b"outside-canary"
    (outside / "secret.png").write_bytes(secret)
    os.symlink(outside / "secret.png", scratch_vault / "linked.png")
    os.symlink(outside, scratch_vault / "linked-folder")
    scratch_vault.write(
        "achievements/talk.md",
        f"""
        ---
        title: Talk
        date: 2025-01-01
        ---
        ![](../../outside/secret.png)
        ![]({outside.as_posix()}/secret.png)
        ![](%2E%2E/%2E%2E/outside/secret.png)
        ![](C:/Users/me/secret.png)
        ![](../linked.png) ![[linked.png]] ![](../linked-folder/secret.png)
        """,
    )
    result = check(scratch_vault)
    talk = scratch_vault / "achievements/talk.md"
    outside_path = outside.as_posix()
    leaves = "the path leads outside the vault; nothing was read"
    assert [line for line in result.output.splitlines() if line.startswith(str(talk))] == [
        f"{talk}:5: warning: attachment ../../outside/secret.png: {leaves}",
        (
            f"{talk}:6: warning: attachment {outside_path}/secret.png: "
            f"no file secret.png at {outside_path.lstrip('/')}/secret.png in the vault"
        ),
        f"{talk}:7: warning: attachment ../../outside/secret.png: {leaves}",
        (
            f"{talk}:8: warning: attachment C:/Users/me/secret.png: "
            "an absolute path outside the vault; nothing was read"
        ),
        (
            f"{talk}:9: warning: attachment ../linked-folder/secret.png: linked-folder is a symbolic "
            "link; careerlog never follows one"
        ),
        (
            f"{talk}:9: warning: attachment ../linked.png: linked.png is a symbolic link; "
            "careerlog never follows one"
        ),
        f"{talk}:9: warning: attachment [[linked.png]]: no file named linked.png in the vault",
    ]

    site = tmp_path / "site"
    build(scratch_vault, site)
    for path in output_files(site):
        assert b"outside-canary" not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("svg", "danger"),
    [
        ("<svg><script>alert(1)</script></svg>", "a <script>"),
        ('<svg onload="alert(1)"/>', "an event handler (on...=)"),
        ('<svg><rect\nONclick = "x()"/></svg>', "an event handler (on...=)"),
        ("<svg><foreignObject><div/></foreignObject></svg>", "a <foreignObject>"),
        ('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "a javascript: URL"),
        ('<svg><a href="jav&#x09;ascript&#58;alert(1)"/></svg>', "a javascript: URL"),
        ('<svg><a xlink:href="&#106;avascript:x"/></svg>', "a javascript: URL"),
        ('<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', "an entity or stylesheet declaration"),
    ],
)
def test_an_svg_that_could_run_script_is_not_copied(
    scratch_vault: ScratchVault, tmp_path: Path, svg: str, danger: str
):
    scratch_vault.write_bytes("attachments/chart.svg", svg.encode())
    scratch_vault.write(
        "achievements/chart.md",
        """
        ---
        title: Chart
        date: 2025-01-01
        ---
        Before.

        ![[chart.svg]]
        """,
    )
    result = check(scratch_vault)
    assert result.output.splitlines()[0] == (
        f"{scratch_vault / 'achievements/chart.md'}:7: warning: "
        f"attachments/chart.svg is not copied: the SVG holds {danger}"
    )
    build(scratch_vault, tmp_path / "site")
    assert not any(
        p.suffix == ".svg" and "attachments" in p.parts for p in output_files(tmp_path / "site")
    )


def test_a_big_attachment_warns_and_is_still_copied(scratch_vault: ScratchVault, tmp_path: Path):
    scratch_vault.write("careerlog.toml", 'title = "T"\nattachment_max_mb = 0.01\n')
    scratch_vault.write_bytes("attachments/talk.mp4", b"\0" * 20_000)
    scratch_vault.write_bytes("attachments/small.mp4", b"\0" * 5_000)
    scratch_vault.write(
        "achievements/talk.md",
        """
        ---
        title: Talk
        date: 2025-01-01
        ---
        ![[talk.mp4]] ![[small.mp4]]
        """,
    )
    result = check(scratch_vault)
    assert result.output.splitlines() == [
        (
            f"{scratch_vault / 'achievements/talk.md'}:5: warning: attachments/talk.mp4 is 0.0191 MB, "
            "over attachment_max_mb (0.01); a smaller file loads faster"
        ),
        "0 errors, 1 warning",
    ]
    build(scratch_vault, tmp_path / "site")
    assert len(list((tmp_path / "site" / "attachments").rglob("*.mp4"))) == 2


def test_attachment_max_mb_must_be_a_positive_number(scratch_vault: ScratchVault):
    scratch_vault.write("careerlog.toml", 'title = "T"\n\nattachment_max_mb = 0\n')
    result = check(scratch_vault)
    assert result.exit_code == 1
    assert (
        f"{scratch_vault / 'careerlog.toml'}:3: error: 'attachment_max_mb' must be more than 0, not 0"
        in result.output
    )


# --- the size of an image, from its header


def jpeg(width: int, height: int, orientation: int | None = None) -> bytes:
    """A JPEG's markers up to its frame header (all that is read), with an EXIF orientation."""
    parts = [b"\xff\xd8", b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"]
    if orientation is not None:
        tiff = b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">H", 1)
        tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + b"\0\0\0\0"
        exif = b"Exif\0\0" + tiff
        parts.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    parts.append(b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", height, width) + b"\x03" + b"\0" * 9)
    return b"".join(parts)


@pytest.mark.parametrize(
    ("data", "name", "size"),
    [
        (png_bytes(7, 5), "a.png", (7, 5)),
        (GIF_3X2, "a.gif", (3, 2)),
        (jpeg(640, 480), "a.jpg", (640, 480)),
        (jpeg(640, 480, orientation=6), "a.jpg", (480, 640)),  # a phone photo, turned
        (jpeg(640, 480, orientation=3), "a.jpg", (640, 480)),
        (b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\x9d\x01\x2a" + struct.pack("<HH", 300, 200), "a.webp", (300, 200)),
        (b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f" + struct.pack("<I", 99 | (49 << 14)), "a.webp", (100, 50)),
        (b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0" + (799).to_bytes(3, "little") + (599).to_bytes(3, "little"), "a.webp", (800, 600)),
        (b'<svg width="30px" height="20" viewBox="0 0 3 2">', "a.svg", (30, 20)),
        (b"<svg viewBox='0,0,300.5,150'>", "a.svg", (300, 150)),
        (b'<svg width="50%" height="2em">', "a.svg", None),
        (b"\x89PNG\r\n\x1a\n", "a.png", None),
        (b"not an image", "a.bmp", None),
    ],
)  # fmt: skip
def test_image_size_is_read_from_the_header(data: bytes, name: str, size):
    assert media.image_size(data, name) == size


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", b"GIF89a", b"\xff\xd8", b"RIFF\0\0\0\0WEBP", b"<svg"]), st.binary(max_size=80), st.sampled_from(["a.png", "a.svg"]))  # fmt: skip
def test_a_damaged_image_never_breaks_the_build(prefix: bytes, rest: bytes, name: str):
    size = media.image_size(prefix + rest, name)
    assert size is None or (size[0] > 0 and size[1] > 0)


def test_a_plain_svg_is_safe():
    assert media.svg_danger(SAFE_SVG.encode()) is None
    assert media.svg_danger(b'<svg><text font-family="Comic">Onboarding = fun</text></svg>') is None


@pytest.mark.parametrize(
    ("embed", "alt", "width", "height"),
    [
        ("![[cert.png]]", "cert.png", "40", "20"),
        ("![[cert.png|300]]", "cert.png", "300", "150"),
        ("![[cert.png|100x80]]", "cert.png", "100", "80"),
        ("![[cert.png|The certificate 100x80]]", "The certificate", "100", "80"),
        ("![[cert.png|The certificate|120]]", "The certificate", "120", "60"),
        (
            "![[cert.png|Passed in March 2023]]",
            "Passed in March 2023",
            "40",
            "20",
        ),  # a year is no size
    ],
)
def test_an_embed_gives_alt_text_and_size(
    scratch_vault: ScratchVault, tmp_path: Path, embed: str, alt: str, width: str, height: str
):
    scratch_vault.write_bytes("attachments/cert.png", png_bytes(40, 20))
    scratch_vault.write("learning/cka.md", f"---\ntitle: CKA\ndate: 2023-03-14\n---\n{embed}\n")
    build(scratch_vault, tmp_path / "site")
    (image,) = elements(html_pages(tmp_path / "site")["learning/cka/index.html"], "img")
    assert (image["alt"], image["width"], image["height"]) == (alt, width, height)


def test_a_wiki_path_starts_at_the_vault_root_and_a_markdown_path_at_the_note(
    scratch_vault: ScratchVault, tmp_path: Path
):
    scratch_vault.write_bytes("attachments/a.png", png_bytes(10, 10))
    scratch_vault.write_bytes("learning/attachments/a.png", png_bytes(20, 20))
    scratch_vault.write(
        "learning/x.md",
        "---\ntitle: X\ndate: 2025-01-01\n---\n![[attachments/a.png]] ![](attachments/a.png)\n",
    )
    build(scratch_vault, tmp_path / "site")
    images = elements(html_pages(tmp_path / "site")["learning/x/index.html"], "img")
    assert [i["width"] for i in images] == ["10", "20"]


def test_an_embedded_note_brings_its_own_pictures(scratch_vault: ScratchVault, tmp_path: Path):
    """`![[Other note]]` shows the other note's pictures, found from the other note's folder."""
    scratch_vault.write_bytes("achievements/img/stage.png", png_bytes(30, 20))
    scratch_vault.write(
        "achievements/talk.md",
        "---\ntitle: Talk\ndate: 2025-01-01\n---\n![On stage](img/stage.png)\n",
    )
    scratch_vault.write("goals/speak.md", "---\ntitle: Speak\n---\nHow it went:\n\n![[talk]]\n")
    site = tmp_path / "site"
    build(scratch_vault, site)
    (image,) = elements(html_pages(site)["goals/speak/index.html"], "img")
    assert site_file(site, "goals/speak/index.html", image["src"]).read_bytes() == png_bytes(30, 20)
    assert (image["alt"], image["width"]) == ("On stage", "30")


def test_the_private_tracker_shows_the_private_notes_pictures(
    attachment_vault: ScratchVault, tmp_path: Path
):
    """The owner's tracker (never the public folder) shows every note, so their pictures too."""
    tracker = tmp_path / "tracker"
    build(attachment_vault, tracker, "--private")
    page = html_pages(tracker)["reviews/salary/index.html"]
    copies = [
        site_file(tracker, "reviews/salary/index.html", image["src"]).read_bytes()
        for image in elements(page, "img")
    ]
    assert copies == [
        (attachment_vault / "attachments/canary-private.png").read_bytes(),
        (attachment_vault / "reviews/canary-draft-scan.png").read_bytes(),
    ]
