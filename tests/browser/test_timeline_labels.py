"""The timeline's labels and legend (issue 8, point 1): no label crosses the today line, runs
past its bar or out of the picture; every label reads at 4.5:1 in both schemes (the dropped
goal's too); the legend explains the progress line and the hollow interview marks; on a phone
the chart says it scrolls and opens with today in view and no label cut at its left edge."""

from __future__ import annotations

import pytest

# Every label shown, with its box, its bar's box, the today line and what else is drawn.
LABELS_JS = """
() => {
  const svg = document.querySelector('svg.timeline');
  const today = svg.querySelector('.tl-today').getBoundingClientRect();
  const rect = (el) => { const r = el.getBoundingClientRect();
                         return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const shown = [...svg.querySelectorAll('.tl-label')].filter((t) =>
    getComputedStyle(t).visibility !== 'hidden' && t.textContent.trim());
  return {
    svg: rect(svg), box: rect(svg.parentElement), today: today.left + today.width / 2,
    labels: shown.map((t) => ({text: t.textContent, cls: t.getAttribute('class'), ...rect(t),
                               bar: rect(t.closest('a').querySelector('.tl-span'))})),
    shapes: [...svg.querySelectorAll('.tl-span, .tl-mark, .tl-overdue')].map((s) => ({
      label: s.closest('a').querySelector('.tl-label')?.textContent || '', ...rect(s)})),
  };
}
"""


def _overlap(a: dict, b: dict, margin: float = 0.5) -> bool:
    return (
        a["left"] < b["right"] - margin
        and b["left"] < a["right"] - margin
        and a["top"] < b["bottom"] - margin
        and b["top"] < a["bottom"] - margin
    )


def _label_problems(seen: dict) -> list[str]:
    problems = []
    for label in seen["labels"]:
        name = repr(label["text"])
        if label["left"] < seen["today"] + 1 and seen["today"] - 1 < label["right"]:
            problems.append(f"{name} is crossed by the today line at x={seen['today']:.0f}")
        if label["left"] < seen["svg"]["left"] - 0.5 or label["right"] > seen["svg"]["right"] + 0.5:
            problems.append(f"{name} runs out of the picture")
        bar = label["bar"]
        on_bar = label["left"] >= bar["left"] + 1 and label["right"] <= bar["right"] - 1
        beside = label["right"] <= bar["left"] + 0.5 or label["left"] >= bar["right"] - 0.5
        if not (on_bar or beside):
            problems.append(
                f"{name} ({label['left']:.0f}..{label['right']:.0f}) runs past the edge of its "
                f"bar ({bar['left']:.0f}..{bar['right']:.0f})"
            )
        for other in seen["labels"]:
            if other is not label and _overlap(label, other):
                problems.append(f"{name} overprints the label {other['text']!r}")
        for shape in seen["shapes"]:
            if shape["label"] != label["text"] and _overlap(label, shape):
                problems.append(f"{name} covers a bar or mark (of {shape['label']!r})")
    return problems


@pytest.mark.parametrize("path", ["/timeline/", "/timeline/goal/"])
def test_labels_stay_on_or_beside_their_bars_and_clear_of_the_today_line(path, open_page):
    visit = open_page(path, width=1440, height=900)
    seen = visit.page.evaluate(LABELS_JS)
    assert len(seen["labels"]) >= 10, f"{visit.url}: only {len(seen['labels'])} labels shown"
    problems = _label_problems(seen)
    assert not problems, f"{visit.url} at 1440px:\n" + "\n".join(problems)
    cut = [label["text"] for label in seen["labels"] if label["text"].endswith("…")]
    # Before: "Pass the Certified Kubernetes Administrat…", "Teach distributed … coming…".
    assert len(cut) <= 1, f"{visit.url}: labels cut short although there is room: {cut}"
    visit.assert_clean()


# The scroll positions a reader would try: where the page opens, then from end to end.
SCROLL_JS = """
async (share) => {
  const box = document.querySelector('svg.timeline').parentElement;
  if (share !== null) {
    box.scrollLeft = share * (box.scrollWidth - box.clientWidth);
    box.dispatchEvent(new Event('scroll'));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  return box.scrollLeft;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_timeline_opens_at_today_and_cuts_no_label_at_its_edge(scheme, open_page):
    visit = open_page("/timeline/", width=375, height=812, scheme=scheme)
    page = visit.page
    seen = page.evaluate(LABELS_JS)
    assert seen["box"]["left"] < seen["today"] < seen["box"]["right"], (
        f"{visit.url} at 375px opens without today in view: {seen['box']}, today {seen['today']}"
    )
    for share in (None, 0, 0.25, 0.5, 0.75, 1):
        left = page.evaluate(SCROLL_JS, share)
        seen = page.evaluate(LABELS_JS)
        edge = seen["box"]["left"]
        cut = [x["text"] for x in seen["labels"] if x["left"] < edge - 0.5 < x["right"]]
        where = "as it opens" if share is None else f"scrolled to {left}px"
        # Before: it opened on "omething (d…", "meetup", "ubernetes Administrat…".
        assert not cut, f"{visit.url} at 375px {where}: labels cut at the left edge: {cut}"
        problems = _label_problems(seen)
        assert not problems, f"{visit.url} at 375px {where}:\n" + "\n".join(problems)
    visit.assert_clean()


@pytest.mark.parametrize("width,cue", [(375, True), (1440, False)])
def test_the_timeline_says_that_it_scrolls_where_it_does(width, cue, open_page):
    visit = open_page("/timeline/", width=width, height=900, javascript=False)
    page = visit.page
    scrolls = page.evaluate(
        "() => { const b = document.querySelector('svg.timeline').parentElement;"
        " return b.scrollWidth > b.clientWidth + 1; }"
    )
    assert scrolls == cue, f"{visit.url} at {width}px: the chart scrolls: {scrolls}"
    shown = page.locator(".scroll-cue").is_visible()
    assert shown == cue, f"{visit.url} at {width}px: the scroll cue is shown: {shown}"
    if cue:
        text = page.locator(".scroll-cue").inner_text().lower()
        assert "scroll" in text, f"{visit.url}: the cue says {text!r}"
        shade = page.evaluate(
            "() => getComputedStyle(document.querySelector('svg.timeline').parentElement)"
            ".backgroundImage"
        )
        assert shade.count("gradient") >= 4, f"{visit.url}: no edge shadows ({shade})"


# The WCAG contrast of each label against what is painted under its middle: the SVG shapes
# there (bars, year bands) over the chart box's background, composited as the browser does.
CONTRAST_JS = """
() => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255];
  };
  const lum = ([r, g, b]) => {
    const c = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
  };
  const out = [];
  for (const label of document.querySelectorAll('svg.timeline .tl-label')) {
    const r = label.getBoundingClientRect();
    if (!r.width || getComputedStyle(label).visibility === 'hidden') continue;
    const layers = [];
    for (const el of document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
      if (el === label) continue;
      const s = getComputedStyle(el);
      if (el instanceof SVGElement) {
        if (!['rect', 'path', 'circle'].includes(el.tagName) || s.fill === 'none') continue;
        const [cr, cg, cb, ca] = rgba(s.fill);
        layers.push([cr, cg, cb, ca * parseFloat(s.fillOpacity) * parseFloat(s.opacity)]);
      } else {
        const c = rgba(s.backgroundColor);
        if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
      }
    }
    let bg = [255, 255, 255];
    for (const [cr, cg, cb, ca] of layers.reverse()) {
      bg = [cr * ca + bg[0] * (1 - ca), cg * ca + bg[1] * (1 - ca), cb * ca + bg[2] * (1 - ca)];
    }
    const fg = rgba(getComputedStyle(label).fill);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push({text: label.textContent, cls: label.getAttribute('class'),
              ratio: (hi + 0.05) / (lo + 0.05), fill: fg, background: bg.map(Math.round)});
  }
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_timeline_label_reads_at_4_5_to_1_the_dropped_goal_too(scheme, open_page):
    visit = open_page("/timeline/goal/", width=1440, height=900, scheme=scheme)
    labels = visit.page.evaluate(CONTRAST_JS)
    dropped = [x for x in labels if "status-dropped" in x["cls"]]
    assert dropped, f"{visit.url}: the sample's dropped goal has no label"
    low = [x for x in labels if x["ratio"] < 4.5]
    assert not low, f"{visit.url} ({scheme}): labels under 4.5:1: {low}"
    decorations = visit.page.evaluate(
        "() => [...document.querySelectorAll('.tl-label.status-dropped')]"
        ".map((t) => getComputedStyle(t).textDecorationLine)"
    )
    # a line through 12px text, under a halo, is what made it unreadable in dark mode
    assert set(decorations) <= {"none"}, f"{visit.url}: the dropped label is struck through"


def test_the_legend_explains_the_progress_line_and_the_hollow_marks(open_page):
    visit = open_page("/timeline/", width=1440, height=900)
    page = visit.page
    assert page.locator("svg.timeline .tl-progress").count() > 0
    assert page.locator("svg.timeline .tl-mark.outcome-rejected").count() > 0
    legend = page.locator("figcaption.legend")
    progress = legend.locator("span", has=page.locator(".sw-progress"))
    assert progress.count() == 1 and "progress" in progress.inner_text().lower(), (
        f"{visit.url}: the legend does not explain the line under the bars"
    )
    entries = [" ".join(t.split()) for t in legend.locator("span").all_inner_texts()]
    hollow = [e for e in entries if e.startswith("△")]
    assert hollow and "rejected" in hollow[0], (
        f"{visit.url}: the legend does not explain the hollow interview marks: {entries}"
    )
