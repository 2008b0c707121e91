"""Attachments in a real browser: every picture a page shows loads, at the size its
`width`/`height` promised, from a note page in a nested vault folder and under a sub-path."""

from __future__ import annotations

import base64
import functools
import struct
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import cli_build, new_vault, png_bytes

# Each <img> of the page: whether it loaded, its natural size and the size its attributes give.
IMAGES_JS = """
() => Promise.all([...document.images].map(async (img) => {
  img.loading = 'eager';
  try { await img.decode(); } catch (e) {}
  return {src: img.getAttribute('src'), complete: img.complete, natural: [img.naturalWidth, img.naturalHeight],
          attrs: [img.getAttribute('width'), img.getAttribute('height')]};
}))
"""

CANVAS_JS = """
([type, width, height]) => {
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = height;
  const g = canvas.getContext('2d');
  g.fillStyle = '#2b7bb9'; g.fillRect(0, 0, width, height);
  g.fillStyle = '#d9822b'; g.fillRect(0, 0, width / 2, height / 3);
  return canvas.toDataURL(type, 0.9).split(',')[1];
}
"""


def _encoded(chromium, kind: str, width: int, height: int) -> bytes:
    """A real JPEG or WebP, encoded by Chromium itself."""
    page = chromium.new_page()
    try:
        return base64.b64decode(page.evaluate(CANVAS_JS, [kind, width, height]))
    finally:
        page.close()


def _turned(jpeg: bytes) -> bytes:
    """The JPEG with an EXIF orientation of 6: shown turned a quarter, as phones save photos."""
    tiff = (
        b"MM\x00\x2a\x00\x00\x00\x08\x00\x01"
        + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0)
        + b"\0" * 4
    )
    exif = b"Exif\0\0" + tiff
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


@pytest.fixture(scope="module")
def served_root(chromium, tmp_path_factory: pytest.TempPathFactory):
    """A vault with pictures of every kind, built into `/career/site/` of a served folder."""
    root = tmp_path_factory.mktemp("attachments")
    vault = new_vault(root / "vault")
    vault.write_bytes("achievements/conf/stage.png", png_bytes(120, 80))
    vault.write_bytes("achievements/conf/crowd.jpg", _encoded(chromium, "image/jpeg", 90, 60))
    vault.write_bytes("attachments/portrait.jpg", _turned(_encoded(chromium, "image/jpeg", 64, 48)))
    vault.write_bytes("attachments/badge.webp", _encoded(chromium, "image/webp", 50, 40))
    vault.write_bytes(
        "attachments/chart.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"><rect width="30" height="20"/></svg>',
    )
    vault.write(
        "achievements/2025/northern/spoke.md",
        """
        ---
        title: Spoke at Northern Systems
        date: 2025-10-16
        ---
        ![On stage](../../conf/stage.png) ![The crowd](/achievements/conf/crowd.jpg)

        ![[portrait.jpg]] ![[badge.webp|25]] ![[chart.svg|Chart 60x40]] ![[stage.png]]
        """,
    )
    site = root / "career" / "site"
    result = cli_build(vault.root, site)
    assert result.exit_code == 0, result.output
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/career/site/"
    server.shutdown()
    server.server_close()


def _check_images(visit, expected: int) -> list[dict]:
    images = visit.page.evaluate(IMAGES_JS)
    visit.page.wait_for_load_state("networkidle")
    assert len(images) == expected, images
    for image in images:
        assert image["complete"] and image["natural"][0] > 0, f"{image['src']} did not load"
    visit.assert_clean()
    return images


def test_every_picture_loads_from_a_nested_note_under_a_sub_path(open_page, served_root: str):
    visit = open_page(served_root + "achievements/spoke/")
    assert visit.status == 200
    images = _check_images(visit, 6)
    shown = [(img["src"].rsplit("/", 1)[-1], img["natural"], img["attrs"]) for img in images]
    chart = shown.pop(4)
    assert shown == [
        ("stage.png", [120, 80], ["120", "80"]),
        ("crowd.jpg", [90, 60], ["90", "60"]),
        ("portrait.jpg", [48, 64], ["48", "64"]),  # turned by its EXIF orientation
        ("badge.webp", [50, 40], ["25", "20"]),  # |25: the width asked, in proportion
        ("stage.png", [120, 80], ["120", "80"]),
    ]
    # an SVG with a viewBox alone has no size of its own: |60x40 as asked, in its proportion
    assert chart[0] == "chart.svg" and chart[2] == ["60", "40"]
    assert chart[1][0] * 40 == chart[1][1] * 60


def test_the_same_pictures_load_from_the_site_root_and_a_list_page(open_page, served_root: str):
    """The copies are shared: the achievements list and the timeline reach the note page, which
    reaches its pictures, from any depth of the site."""
    for start in ("", "achievements/", "timeline/"):
        visit = open_page(served_root + start)
        link = visit.page.locator('a[href$="spoke/"]').first
        link.click()
        visit.page.wait_for_url("**/achievements/spoke/")
        _check_images(visit, 6)


def test_the_sample_site_shows_its_conference_photo_and_certificate(open_page):
    for path, alt in (
        ("/achievements/spoke-at-northern-systems-conf/", "On stage at Northern Systems"),
        ("/learning/cka-certification-exam/", "The CKA certificate, 14 March 2023"),
    ):
        visit = open_page(path)
        (image,) = _check_images(visit, 1)
        assert image["natural"] == [int(a) for a in image["attrs"]], image
        assert visit.page.locator("img").first.get_attribute("alt").startswith(alt)
