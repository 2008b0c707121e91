"""Property-based fuzzing of load, check and build with random vaults (hypothesis).

Each example is a vault of public notes and private or draft ones, with random front matter
(YAML-ish values for every field of every kind, random keys, any Unicode including control
characters) and random Markdown bodies that link to the private notes in every form. Three
properties must hold:

1. No traceback and no hang, in the library (load, render, build) and in `careerlog check`.
2. No canary from a private note reaches the site: every private note carries secret words
   in its name, fields and body, and no output byte or file name may hold one. A person
   (`people/`) is private without a marker: public notes name them in `people`, `with`,
   `sources` and links, and their name must not show either.
3. Private notes change nothing: the site built with them is byte for byte the site built
   without them. Public notes never share a name with a private one (a shared name turns
   both into path slugs, a change the public note's own URL shows).

The normal suite runs a fixed, bounded set of examples (derandomized, so a failure is never
flaky); `CAREERLOG_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py` runs a longer, random one.
"""

from __future__ import annotations

import os
import shutil
import signal
import string
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from careerlog import kinds, markers, render
from careerlog.build import build_site, load_vault
from careerlog.cli import main
from careerlog.diagnostics import CareerlogError
from careerlog.model import KIND_FOLDERS

TODAY = date(2026, 11, 22)
EXAMPLES = int(os.environ.get("CAREERLOG_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 12,
    derandomize=not EXAMPLES,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECONDS_PER_STEP = 60  # far beyond any honest step of a small vault, even on a busy machine
CANARY = "zqx"  # starts every private note's name and secret word; no public text holds it
FOLDERS = [*KIND_FOLDERS, "", "misc", "_drafts"]
# careerlog's own markers in any letter case, and other tools' (Obsidian Publish, Jekyll)
PRIVATE_MARKERS = [
    ("private", True),
    ("draft", True),
    ("PRIVATE", True),
    ("Draft", True),
    ("publish", False),
    ("published", False),
]
DATE_FIELDS = {"date", "started", "target", "completed", "expires", "start", "end"}


@contextmanager
def within(seconds: int, what: str):
    """Fail, instead of hanging the suite, when `what` takes longer than `seconds`."""

    def hang(signum, frame):
        raise AssertionError(f"{what} still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- strategies: text and values


def _no_canary(text: str) -> str:
    return text.replace(CANARY, "zq-x").replace(CANARY.upper(), "ZQ-X")


any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(_no_canary)
# a lone surrogate can come only from a YAML escape; kept rare so other cases get their turn
odd_text = st.one_of(
    any_text,
    st.sampled_from(["\x00", "\x1b[31m", "\u2028", "\u0085", "\ufeff", "\u202e", "\r", "a\nb"]),
    st.just("\ud800x"),
)
word = st.text(string.ascii_letters + string.digits + "éßЖ中 -", min_size=1, max_size=12).map(
    _no_canary
)
date_text = st.one_of(
    st.dates(date(1890, 1, 1), date(3010, 12, 31)).map(date.isoformat),
    st.sampled_from(
        ["2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "2026", "2026-07", "20261",
         "2026-01-01T10:00", "2026-W53", "yesterday", ""]
    ),
)
big_int = st.integers(min_value=300, max_value=5000).map(lambda n: "9" * n)
scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_text,
    date_text,
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)
    ),
    max_leaves=12,
)


TAME = {  # valid values, so that most tame vaults build and the leak checks run
    "period": st.sampled_from(["2026", "2026-Q3", "2026-11", "2026-W47", "2026-W53"]),
    "progress": st.integers(0, 100),
    "status": st.sampled_from(["active", "achieved", "paused", "dropped"]),
    "type": st.sampled_from(list(kinds.KIND_FIELDS)),
    "outcome": st.sampled_from(["pending", "rejected", "offer"]),
    "kind": st.sampled_from(["course", "book"]),
    "horizon": st.sampled_from(["short", "intermediate", "long"]),
}


def field_value(field: str, names: list[str], wild: bool) -> st.SearchStrategy:
    """Values a field might hold: valid ones; or, in a wild vault, mostly the right shape
    and sometimes anything."""
    name = st.sampled_from(names)
    if not wild:
        if field in DATE_FIELDS:
            return st.dates(date(2000, 1, 1), date(2040, 12, 31)).map(date.isoformat)
        if field in ("goals", "people", "with", "sources"):
            return st.lists(name, max_size=3)
        if field in ("tags", "skills", "aliases", "lessons"):
            return st.lists(word, max_size=3)
        return TAME.get(field, word)
    shaped = {
        "period": st.one_of(
            st.sampled_from(
                ["2026", "2026-Q3", "2026-11", "2026-W47", "2025-W53", "0000", "2026-Q5"]
            ),
            date_text,
        ),
        "progress": st.one_of(st.integers(-5, 105), st.floats(), big_int),
        "goals": st.one_of(
            st.lists(name, max_size=3),
            st.dictionaries(
                name,
                st.one_of(
                    st.integers(-5, 105),
                    st.fixed_dictionaries({"progress": st.integers(0, 100), "note": word}),
                ),
                max_size=3,
            ),
        ),
        "parent": name,
        "people": st.lists(st.one_of(name, name.map(lambda n: f"[[{n}]]")), max_size=3),
        "with": st.lists(name, max_size=3),
        "sources": st.lists(st.one_of(name, word), max_size=3),
        "tags": st.lists(st.one_of(word, odd_text), max_size=3),
        "skills": st.lists(st.one_of(word, odd_text), max_size=3),
        "aliases": st.lists(word, max_size=2),
        "lessons": st.lists(word, max_size=3),
        "status": st.sampled_from(["active", "achieved", "paused", "dropped", "ACTIVE", "done"]),
        "type": st.sampled_from([*kinds.KIND_FIELDS, "Goal", "unknown"]),
    }
    right = st.one_of(date_text, big_int) if field in DATE_FIELDS else shaped.get(field, word)
    return st.one_of(right, right, value)


@st.composite
def front_matter(draw, kind: str, names: list[str], wild: bool) -> dict:
    fields = [*kinds.COMMON_FIELDS, *kinds.KIND_FIELDS.get(kind, ())]
    if not wild:  # a parent that is not a goal, or a wrong kind, is an error
        fields = [f for f in fields if f not in ("parent", "type")]
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    if not wild:  # a marker makes the note private, or, with a value not true or false, an error
        chosen = [f for f in chosen if f not in markers.MARKER_KEYS]
    meta = {f: draw(field_value(f, names, wild)) for f in chosen}
    for _ in range(draw(st.integers(0, 2)) if wild else 0):
        meta[draw(any_text)] = draw(value)
    return meta


def to_yaml(meta: dict, flow: bool) -> str:
    try:
        return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    except yaml.YAMLError:
        return "title: unrepresentable\n"


# --- strategies: bodies


def _no_fence(text: str) -> str:
    """A public body's prose opens no code block that would turn a later link into code."""
    lines = [line.lstrip(" \t") for line in text.split("\n")]
    return "\n".join(line.replace("```", "``").replace("~~~", "~~") for line in lines)


prose = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\n"), max_size=60
).map(lambda t: _no_fence(_no_canary(t)))
markdown_block = st.one_of(
    prose,
    prose.map(lambda t: f"# {t}"),
    prose.map(lambda t: f"## {t}"),
    st.lists(prose, min_size=1, max_size=3).map(lambda ts: "\n".join(f"- {t}" for t in ts)),
    st.lists(st.tuples(st.booleans(), prose), min_size=1, max_size=3).map(
        lambda ts: "\n".join(f"- [{'x' if d else ' '}] {t}" for d, t in ts)
    ),
    prose.map(lambda t: f"> {t}"),
    prose.map(lambda t: f"```\n{t}\n```"),
    prose.map(lambda t: f"| a | b |\n|---|---|\n| {t} | x |"),
    prose.map(lambda t: f"<!-- {t} -->"),
    prose.map(lambda t: f"%% {t} %%"),
    prose.map(lambda t: f"Text[^1].\n\n[^1]: {t}"),
    st.just("<script>alert(1)</script>"),
    prose.map(lambda t: f"> [!note] {t}\n> {t}"),
    prose.map(lambda t: f"==highlight== {t} ^block-1"),
    prose.map(lambda t: f"#tag-{len(t)} {t} #x/y"),
)


def link_block(target: st.SearchStrategy) -> st.SearchStrategy:
    """A paragraph linking to `target` in one of the forms a note may use."""
    forms = [  # hypothesis favours the first ones: derived texts first, then the body's
        "# Progress on [[{t}]]",
        "- [ ] Finish [[{t}]]",
        "# About [{w}]({t}.md)",
        "[[{t}]]",
        "![{w}]({t}.md)",
        "[{w}]({t}.MD)",
        "![[{t}]]",
        "[[{t}|{w}]]",
        "[[{t}#Part|{w}]]",
        "![[{t}#^block-1]]",
        "> [!tip] See [[{t}]]",
        "==[[{t}]]==",
        "[[{f}/{t}]]",
        "[{w}]({t}.md)",
        "[{w}](../{f}/{t}.md)",
        "[{w}][r]\n\n[r]: {t}.md",
        "- [{w}]({t}.md)",
    ]
    return st.builds(
        lambda form, t, w, f: form.format(t=t, w=w, f=f),
        st.sampled_from(forms),
        target,
        st.text(string.ascii_letters + " ", min_size=1, max_size=10).map(str.strip).filter(bool),
        st.sampled_from([f for f in FOLDERS if f]),
    )


def body(blocks: st.SearchStrategy, links: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(st.one_of(link_block(links), blocks), min_size=1, max_size=6).map(
        "\n\n".join
    )


# --- strategies: a vault


@st.composite
def vaults(draw) -> dict:
    """A vault as {relative path: file text}, split into public and private notes."""
    publics = draw(st.integers(1, 4))
    privates = draw(st.integers(1, 3))
    public_names = [f"pub{i}" for i in range(publics)]
    private_names = [f"{CANARY}hide{i}" for i in range(privates)]
    names = public_names + private_names
    wild = draw(st.booleans())
    people = False  # whether a private note is a person
    targets = st.one_of(st.sampled_from(private_names), st.sampled_from(names))  # mostly private
    public, private = {}, {}
    for i, name in enumerate(public_names):
        folder = draw(st.sampled_from([f for f in FOLDERS if f != "_drafts"]))
        kind = KIND_FOLDERS.get(folder, "note")
        meta = draw(front_matter(kind, names, wild))
        text = body(markdown_block, targets)
        public[f"{folder}/{name}.md".lstrip("/")] = (
            f"---\n{to_yaml(meta, draw(st.booleans()))}---\n{draw(text)}\n"
        )
    for i, name in enumerate(private_names):
        folder = draw(st.sampled_from(FOLDERS))
        kind = KIND_FOLDERS.get(folder, "note")
        meta = draw(front_matter(kind, names, wild))
        secret = f"{CANARY}secret{i}"
        for field in ("title", "company", "impact", "mood", "provider", "location", "role"):
            if draw(st.booleans()):
                meta[field] = f"{secret} {field}"
        meta["tags"] = [secret, *(meta["tags"] if isinstance(meta.get("tags"), list) else [])]
        meta["skills"] = [f"{secret}-skill"]
        meta["aliases"] = [f"{secret} alias"]
        key, flag = draw(st.sampled_from(PRIVATE_MARKERS))
        # Jekyll's _drafts/ needs no marker, nor a person (people are never published)
        person = folder == "people" or "person" in str(meta.get("type")).casefold()
        people = people or person
        meta.pop("public", None)
        if not (folder == "_drafts" or person) or draw(st.booleans()):
            meta[key] = flag
        blocks = st.one_of(markdown_block, st.just(f"Salary: {secret}"), st.just(f"# {secret}"))
        text = draw(body(blocks, st.sampled_from(names)))
        private[f"{folder}/{name}.md".lstrip("/")] = (
            f"---\n{to_yaml(meta, draw(st.booleans()))}---\n{text}\n{secret}\n"
        )
    return {"public": public, "private": private, "people": people}


# --- running and judging a vault

CONFIG = 'title = "Fuzz"\nowner = "Fuzz Owner"\nbase_url = "https://fuzz.example/"\n'


def write_vault(root: Path, notes: dict[str, str]) -> None:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "careerlog.toml").write_text(CONFIG, encoding="utf-8")
    for relative, text in notes.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="\n")


def site_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def built(vault: Path, out: Path) -> dict[str, bytes] | None:
    """The files of the site `build` writes, or None when the vault has errors (then `out`
    must be untouched: it never exists here)."""
    shutil.rmtree(out, ignore_errors=True)
    try:
        with within(SECONDS_PER_STEP, "build"):
            build_site(vault, out, today=TODAY, search=False)
    except CareerlogError:
        assert not out.exists(), "a failed build wrote its output folder"
        return None
    return site_files(out)


def canaries(files: dict[str, bytes]) -> list[str]:
    """Each output file (by name or content) that holds a private note's canary."""
    found = []
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace").replace("\r\n ", "")  # ICS folds lines
        if CANARY in path.casefold() or CANARY in text.casefold():
            at = text.casefold().find(CANARY)
            found.append(f"{path}: …{text[max(at - 60, 0) : at + 40]!r}…")
    return found


def _count(what: str) -> None:
    """Tally an outcome for `--hypothesis-show-statistics` (how often the leak checks ran)."""
    if currently_in_test_context():
        event(what)


def check_vault(notes: dict, root: Path, *, cli: bool) -> None:
    """The three properties, for one vault."""
    everything = {**notes["public"], **notes["private"]}
    write_vault(root / "vault", everything)
    with within(SECONDS_PER_STEP, "load"):
        load_vault(root / "vault", today=TODAY)
    if cli:
        with within(SECONDS_PER_STEP, "careerlog check"):
            result = CliRunner().invoke(
                main, ["check", str(root / "vault"), "--today", TODAY.isoformat()]
            )
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
    with_private = built(root / "vault", root / "site")
    _count(f"with private notes: {'built' if with_private is not None else 'errors'}")
    if with_private is not None:
        assert canaries(with_private) == []
    write_vault(root / "vault", notes["public"])
    without_private = built(root / "vault", root / "site")
    _count(f"without them: {'built' if without_private is not None else 'errors'}")
    # A link to a person shows "(a person)" for any text it was given (redact.py), so a person
    # changes how a public note's link to them reads: their name never shows, their existence
    # may. Names are checked above; the pages are compared when no person is among the notes.
    if with_private is not None and without_private is not None and not notes.get("people"):
        changed = sorted(
            path
            for path in with_private.keys() | without_private.keys()
            if with_private.get(path) != without_private.get(path)
        )
        assert changed == [], "private notes changed what the public site shows"


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    """One folder for every example, so that the theme's templates compile once (see below)."""
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module", autouse=True)
def theme_compiled_once():
    """Compiling the theme's templates is most of a small vault's build: a vault without its
    own templates (every vault here) gets one environment, made once; each example still
    renders every page."""
    original = render.make_environment
    made: dict[str, object] = {}

    def make_environment(vault_templates):
        if vault_templates.has_templates:
            return original(vault_templates)
        if "theme" not in made:
            made["theme"] = original(vault_templates)
        return made["theme"]

    render.make_environment = make_environment
    yield
    render.make_environment = original


@FUZZ
@given(notes=vaults(), cli=st.integers(0, 3).map(lambda n: n == 0))
def test_random_vaults_never_crash_hang_or_leak_a_private_note(notes, cli, fuzz_root):
    check_vault(notes, fuzz_root, cli=cli)


def _publishing_everything(monkeypatch) -> dict:
    """A site with no public view (every note published), and a vault with a private note."""
    import careerlog.privacy

    monkeypatch.setattr(careerlog.privacy, "public_index", lambda index: index)
    return {
        "public": {"goals/pub0.md": "---\ntitle: Public\n---\nSee [[zqxhide0|the plan]].\n"},
        "private": {
            "goals/zqxhide0.md": "---\ntitle: zqxsecret0\nprivate: true\n---\nzqxsecret0\n"
        },
    }


def test_the_canary_scan_catches_a_published_private_note(fuzz_root, monkeypatch):
    notes = _publishing_everything(monkeypatch)
    with pytest.raises(AssertionError, match="zqxsecret0"):
        check_vault(notes, fuzz_root, cli=False)


def test_the_paired_builds_catch_a_published_private_note(fuzz_root, monkeypatch):
    notes = _publishing_everything(monkeypatch)
    monkeypatch.setattr(f"{__name__}.canaries", lambda files: [])
    with pytest.raises(AssertionError, match="private notes changed what the public site shows"):
        check_vault(notes, fuzz_root, cli=False)
