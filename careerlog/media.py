"""What an attachment file is: its kind by extension, an image's size from its header, and
whether an SVG is inert.

careerlog copies only files a browser shows without running them: images, audio, video and
documents. A page (`.html`), a script or anything unknown is never copied, since on the
published site it would run with the site's own origin.
"""

from __future__ import annotations

import re
import struct
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

IMAGE = "image"
VIDEO = "video"
AUDIO = "audio"
DOCUMENT = "document"

_KINDS = {
    IMAGE: "png jpg jpeg gif webp svg avif bmp ico",
    VIDEO: "mp4 webm ogv mov m4v",
    AUDIO: "mp3 wav ogg oga opus m4a flac aac",
    DOCUMENT: "pdf txt csv tsv rtf epub zip doc docx xls xlsx ppt pptx odt ods odp key pages "
    "numbers",
}
_KIND_OF_EXTENSION = {ext: kind for kind, exts in _KINDS.items() for ext in exts.split()}
# `C:\photo.png`, `C:/photo.png`, `\\server\share`: a path on some computer, never in the vault
WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")
NOTE_EXTENSIONS = frozenset({"md", "markdown", "mdown", "mkd", "mkdn", "mdwn"})


def extension(name: str) -> str:
    """`Photo.PNG` → `png`; `` for a name without one, or whose 'suffix' is part of the name
    (`Meeting 2.5`, `v1.2 plans`)."""
    suffix = PurePosixPath(name).suffix[1:]
    if not suffix.isalnum() or suffix.isdigit():
        return ""
    return suffix.lower()


def kind_of(name: str) -> str | None:
    """image, video, audio or document, by the file's extension; None for anything else."""
    return _KIND_OF_EXTENSION.get(extension(name))


def copyable_kinds() -> str:
    return ", ".join(
        f"{kind}s ({', '.join(exts.split()[:4])}, ...)" for kind, exts in _KINDS.items()
    )


def image_size(data: bytes, name: str) -> tuple[int, int] | None:
    """(width, height) as a browser shows the image, read from its header; None when unknown."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            size = struct.unpack(">II", data[16:24])
        elif data[:6] in (b"GIF87a", b"GIF89a"):
            size = struct.unpack("<HH", data[6:10])
        elif data.startswith(b"\xff\xd8"):
            size = _jpeg_size(data)
        elif data.startswith(b"RIFF") and data[8:12] == b"WEBP":
            size = _webp_size(data)
        elif extension(name) == "svg":
            size = _svg_size(data)
        else:
            return None
    except (struct.error, IndexError, ValueError):
        return None
    if size is None or size[0] <= 0 or size[1] <= 0:
        return None
    return size


_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos, turned = 2, False
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker == 0xE1 and data[pos + 4 : pos + 10] == b"Exif\0\0":
            turned = _exif_turned(data[pos + 10 : pos + 2 + length])
        elif marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return (height, width) if turned else (width, height)
        pos += 2 + length
    return None


def _exif_turned(tiff: bytes) -> bool:
    """Whether EXIF orientation 5-8 turns the photo by 90 degrees (browsers apply it)."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return False
    (first,) = struct.unpack(order + "I", tiff[4:8])
    (count,) = struct.unpack(order + "H", tiff[first : first + 2])
    for i in range(count):
        entry = tiff[first + 2 + 12 * i : first + 14 + 12 * i]
        tag, _type, _count, value = struct.unpack(order + "HHIH", entry[:10])
        if tag == 0x0112:
            return value in (5, 6, 7, 8)
    return False


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and data[20] == 0x2F:
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None


_SVG_TAG = re.compile(rb"<svg\b([^>]*)>", re.IGNORECASE)
_LENGTH = r"""\s*=\s*["']\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*["']"""


def _svg_size(data: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(data[:4096])
    if tag is None:
        return None
    attributes = tag.group(1).decode("utf-8", "replace")
    width = re.search(r"\bwidth" + _LENGTH, attributes)
    height = re.search(r"\bheight" + _LENGTH, attributes)
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = re.search(r"""\bviewBox\s*=\s*["']([^"']*)["']""", attributes)
    numbers = re.split(r"[\s,]+", box.group(1).strip()) if box else []
    if len(numbers) == 4:
        return round(float(numbers[2])), round(float(numbers[3]))
    return None


# What could make an SVG run something when opened from the site (as a page, not an <img>).
# Matched after character references are decoded and whitespace removed, so `java&#x09;script:`
# is caught; anything unexpected counts as unsafe.
_SVG_DANGERS = (
    (re.compile(r"<script"), "a <script>"),
    (re.compile(r"<foreignobject"), "a <foreignObject>"),
    (re.compile(r"<(?:iframe|embed|object|handler|listener)\b"), "an embedded document"),
    (re.compile(r"""[\s"'/]on[a-z]+\s*="""), "an event handler (on...=)"),
    (re.compile(r"(?:java|vb)script:|data:text/html"), "a javascript: URL"),
    (re.compile(r"<!entity|<\?xml-stylesheet"), "an entity or stylesheet declaration"),
)


def svg_danger(data: bytes) -> str | None:
    """What in this SVG could run script (for a warning), or None when it is inert."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "text that is not UTF-8 (it cannot be checked)"
    declared = re.match(r"""\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)""", text)
    if declared and declared.group(1).lower() not in ("utf-8", "us-ascii", "ascii"):
        return f"an encoding careerlog cannot check ({declared.group(1)})"
    lowered = _decode_references(text).lower()
    squeezed = re.sub(r"[\x00-\x20]+", "", lowered)
    for pattern, what in _SVG_DANGERS:
        if pattern.search(lowered) or pattern.search(squeezed):
            return what
    return None


def _decode_references(text: str) -> str:
    def char(match: re.Match) -> str:
        number = match.group(1)
        try:
            code = int(number[1:], 16) if number[0] in "xX" else int(number)
            return chr(code)
        except (ValueError, OverflowError):
            return ""

    text = re.sub(r"&#([xX][0-9a-fA-F]+|[0-9]+);?", char, text)
    named = {"colon": ":", "tab": "\t", "newline": "\n"}
    return re.sub(r"&(colon|tab|newline);", lambda m: named[m.group(1)], text)


def is_attachment_reference(target: str, *, wiki: bool = False) -> bool:
    """Whether a link or an image names a file of the vault rather than a note, a page or
    another site: `[[a.pdf]]` and `![[a.png]]` by a known extension, a relative `href` or `src`
    by an extension other than a note's (so that one naming a page, `.html`, is refused)."""
    if wiki:
        return kind_of(target.split("#", 1)[0].strip()) is not None
    if WINDOWS_PATH.match(target):
        return True
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.endswith("/"):
        return False
    return extension(unquote(parts.path)) not in NOTE_EXTENSIONS | {""}
