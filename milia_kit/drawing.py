"""Draws the jeans-pocket picture of a milium as SVG, and says in words what it shows.

Two panels with matching numbered labels and colours: a side view of the skin with the milium just under
the top layer, and a jeans pocket. Each panel is its own SVG so that a phone can stack them.
Pure functions of (pocket state, words, skin tone): the same input always gives the same SVG.

Colours: every label sits on a white pill with dark text (contrast well above AA on every skin tone);
parts that match across the panels share a number and a colour, so nothing relies on colour alone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from .model import Pocket
from .strings import Strings


@dataclass(frozen=True)
class Tone:
    """One skin tone: the top layer, the deeper skin below it, and the lining of the pocket."""

    surface: str
    deeper: str
    lining: str


# From light to deep brown; milia and their look-alikes look different on darker skin (DESIGN.md 5).
TONES = {
    "light": Tone(surface="#f1cfb8", deeper="#f8e4d6", lining="#d99a86"),
    "medium": Tone(surface="#d4a07a", deeper="#e8c3a5", lining="#b9775a"),
    "brown": Tone(surface="#a0663f", deeper="#c28d69", lining="#7f4c2e"),
    "deep": Tone(surface="#5e3a24", deeper="#7d5139", lining="#46291a"),
}
DEFAULT_TONE = "medium"

INK = "#1d2430"  # label text and outlines: 15:1 on the white label pills
PAPER = "#fffaf4"  # warm page behind both panels
PILL = "#ffffff"
CONTENTS = "#fbf4e2"  # trapped dead skin cells: pearly white, as milia look
CELL = "#b8a57d"  # the small cells drawn inside the pocket
DENIM = "#35598f"
DENIM_DARK = "#24406b"
STITCH = "#e3a83b"
POCKET_LINING = "#f3ede3"
MATCH = {1: "#b83a5e", 2: "#7a4bb0", 3: "#1c7a6c"}  # badge colours shared by matching parts (white text, AA)

WIDTH, HEIGHT = 400, 330
FONT = "font-family:'Liberation Sans',Arial,Helvetica,sans-serif"


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour such as "#1d2430" (WCAG 2.1)."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours: 4.5 or more for text, 3 or more for shapes that carry meaning."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def pocket_svgs(pocket: Pocket, words: Strings, tone: str = DEFAULT_TONE) -> tuple[str, str]:
    """The skin panel and the jeans panel for this state of the pocket."""
    return skin_svg(pocket, words, TONES.get(tone, TONES[DEFAULT_TONE])), jeans_svg(pocket, words)


def describe(pocket: Pocket, words: Strings) -> str:
    """The picture in words, for screen readers and for everyone: changes with every control."""
    time = words.text("pocket.time_new") if pocket.days == 0 else words.text("pocket.time_days", days=pocket.days)
    covering = words.text("pocket.covering_thin" if pocket.skin == "baby" else "pocket.covering_thick")
    opening = words.text(f"pocket.opening_{pocket.stage}")
    # how firm the contents are is the article's picture: said to clinicians only, never to parents as fact
    contents = words.text(f"pocket.contents_{pocket.firmness_word}") if pocket.article_picture else ""
    return " ".join(words.text("pocket.describe", time=time, covering=covering, opening=opening, contents=contents).split())


def skin_svg(pocket: Pocket, words: Strings, tone: Tone) -> str:
    surface_y = 96
    covering_px = 6 + 30 * pocket.covering  # thin over a baby's milium, thick over an adult's
    radius = 40
    cx, cy = 200, surface_y + covering_px + radius
    parts = [
        svg_open("skin", words.text("pocket.skin_heading"), describe(pocket, words)),
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="18" fill="{PAPER}"/>',
        # deeper skin, then the top layer with a gently wavy surface
        f'<rect x="16" y="{surface_y}" width="{WIDTH - 32}" height="{HEIGHT - surface_y - 16}" rx="6" fill="{tone.deeper}"/>',
        f'<path d="M16 {surface_y + 4} Q 108 {surface_y - 6} 200 {surface_y} T {WIDTH - 16} {surface_y + 2} '
        f'L {WIDTH - 16} {surface_y + 44} L 16 {surface_y + 44} Z" fill="{tone.surface}"/>',
        f'<path d="M16 {surface_y + 4} Q 108 {surface_y - 6} 200 {surface_y} T {WIDTH - 16} {surface_y + 2}" '
        f'fill="none" stroke="{INK}" stroke-width="2"/>',
    ]
    if pocket.cleared:
        # the pocket has emptied: only a faint dimple remains where it was
        parts.append(f'<path d="M{cx - 26} {surface_y + 1} Q {cx} {surface_y + 10} {cx + 26} {surface_y + 1}" '
                     f'fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 4"/>')
        parts += [
            label(16, 12, words.text("pocket.label_cleared"), None, (cx, surface_y + 5)),
            label(210, 12, words.text("pocket.label_surface"), None, (330, surface_y + 20)),
        ]
    else:
        parts += _milium(cx, cy, radius, pocket, tone)
        if pocket.opening > 0:
            # the covering wearing thin over the pocket: a channel that widens and clears as it opens
            channel = 4 + 22 * pocket.opening
            parts.append(f'<rect x="{cx - channel / 2:.1f}" y="{surface_y - 1}" width="{channel:.1f}" height="{covering_px + 2:.1f}" '
                         f'rx="{channel / 4:.1f}" fill="{CONTENTS}" opacity="{0.25 + 0.75 * pocket.opening:.2f}"/>')
        if pocket.stage == "open":
            parts += [_cell(cx - 10 + 10 * i, surface_y - 7 - 7 * (i % 2)) for i in range(3)]
        parts += [
            label(16, 12, words.text("pocket.label_covering"), 1, (cx - 14, surface_y + covering_px / 2)),
            label(210, 12, words.text("pocket.label_surface"), None, (330, surface_y + 20)),
            label(16, HEIGHT - 74, words.text("pocket.label_lining"), 2, (cx - radius + 2, cy + 10)),
            label(210, HEIGHT - 74, words.text("pocket.label_contents"), 3, (cx + 12, cy + 8)),
        ]
    parts.append(svg_text(WIDTH - 26, surface_y + 76, words.text("pocket.label_deeper"), anchor="end", size=16))
    parts.append("</svg>")
    return "".join(parts)


def jeans_svg(pocket: Pocket, words: Strings) -> str:
    top, bottom, left_x, right_x = 92, 262, 120, 280
    mid = (left_x + right_x) / 2
    outline = f"M{left_x} {top} L{right_x} {top} L{right_x} {bottom - 40} L{mid} {bottom} L{left_x} {bottom - 40} Z"
    parts = [
        svg_open("jeans", words.text("pocket.jeans_heading"), describe(pocket, words)),
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="18" fill="{PAPER}"/>',
        f'<rect x="16" y="70" width="{WIDTH - 32}" height="{HEIGHT - 86}" rx="10" fill="{DENIM}"/>',
        f'<path d="M16 84 H{WIDTH - 16}" stroke="{STITCH}" stroke-width="2" stroke-dasharray="6 5"/>',
        # a window cut into the pocket to show its lining and what is trapped inside
        f'<path d="{outline}" fill="{DENIM_DARK}" stroke="{STITCH}" stroke-width="3" stroke-dasharray="7 5"/>',
        f'<rect x="{left_x + 18}" y="{top + 30}" width="{right_x - left_x - 36}" height="{bottom - top - 92}" rx="12" '
        f'fill="{POCKET_LINING}" stroke="{INK}" stroke-width="1.5"/>',
    ]
    if not pocket.cleared:
        rows = 3 if pocket.stage in ("closed", "wearing") else 2
        parts += [_cell(left_x + 36 + 22 * (i % 4), top + 50 + 22 * (i // 4)) for i in range(4 * rows)]
    # the pocket's top seam: stitched shut, wearing thin, then open with the contents coming out
    seam = {"closed": "0", "wearing": "10 6", "open": "3 14", "cleared": "2 30"}[pocket.stage]
    parts.append(f'<path d="M{left_x} {top} H{right_x}" stroke="{STITCH}" stroke-width="6" '
                 f'stroke-dasharray="{seam}" stroke-linecap="round"/>')
    if pocket.stage == "open":
        parts += [_cell(mid - 14 + 14 * i, top - 14 - 8 * (i % 2)) for i in range(3)]
    parts += [
        label(16, 12, words.text("pocket.label_fabric"), 1, (left_x + 6, top + 6)),
        label(16, HEIGHT - 74, words.text("pocket.label_pocket_lining"), 2, (left_x + 20, bottom - 80)),
        label(210, HEIGHT - 74, words.text("pocket.label_pocket_contents"), 3, (mid + 20, top + 60)),
        "</svg>",
    ]
    return "".join(parts)


def _milium(cx: float, cy: float, radius: float, pocket: Pocket, tone: Tone) -> list[str]:
    """The pocket: a lining of skin around pearly contents; denser dots when firmer (the article's picture)."""
    dots = 5 + int(10 * pocket.firmness)
    spots = [(cx + (radius - 14) * _ring(i, dots)[0], cy + (radius - 14) * _ring(i, dots)[1]) for i in range(dots)]
    return [
        f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{tone.lining}" stroke="{INK}" stroke-width="2"/>',
        f'<circle cx="{cx}" cy="{cy}" r="{radius - 7}" fill="{CONTENTS}"/>',
        *(_cell(x, y) for x, y in spots),
        _cell(cx, cy),
    ]


def _ring(i: int, n: int) -> tuple[float, float]:
    """The i-th of n points spread evenly on a unit circle."""
    angle = 2 * math.pi * i / n
    return math.cos(angle), math.sin(angle)


def _cell(x: float, y: float) -> str:
    return f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="5" ry="3.5" fill="{CELL}" stroke="{INK}" stroke-width="0.6"/>'


def svg_open(name: str, title: str, desc: str, width: float = WIDTH, height: float = HEIGHT) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="mk-figure mk-figure-{name}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-labelledby="mk-{name}-title mk-{name}-desc">'
            f'<title id="mk-{name}-title">{escape(title)}</title><desc id="mk-{name}-desc">{escape(desc)}</desc>')


def svg_text(x: float, y: float, text: str, anchor: str = "start", size: int = 17, fill: str = INK, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" style="{FONT};font-size:{size}px;font-weight:{weight}" '
            f'fill="{fill}">{escape(text)}</text>')


def wrap_label(text: str, room: float, size: int) -> list[str]:
    """One line if it fits in `room` pixels, else two, split at the space nearest the middle."""
    if text_width(text, size) <= room or " " not in text:
        return [text]
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return [text[:cut], text[cut + 1:]]


def text_width(text: str, size: int) -> float:
    return 0.52 * size * len(text)  # close enough for Liberation Sans / Arial at these sizes


def label(x: float, y: float, text: str, number: int | None, points_at: tuple[float, float], room: float = 182) -> str:
    """A white pill with dark text (one or two lines), an optional numbered badge, and a leader line to the part."""
    size = 16
    inset = 34 if number else 12
    lines = wrap_label(text, room - inset - 12, size)
    width = min(room, inset + 12 + max(text_width(line, size) for line in lines))
    height = 14 + 20 * len(lines)
    px, py = points_at
    anchor_x = min(max(px, x + 14), x + width - 14)
    anchor_y = y + height if py > y + height else y
    badge = ""
    if number:
        badge = (f'<circle cx="{x + 17}" cy="{y + height / 2:.1f}" r="11" fill="{MATCH[number]}"/>'
                 + svg_text(x + 17, y + height / 2 + 5.5, str(number), anchor="middle", size=15, fill="#ffffff", weight="bold"))
    words = "".join(svg_text(x + inset, y + 22 + 20 * i, line, size=size) for i, line in enumerate(lines))
    return (f'<g class="mk-label"><line x1="{anchor_x:.1f}" y1="{anchor_y:.1f}" x2="{px:.1f}" y2="{py:.1f}" '
            f'stroke="{INK}" stroke-width="1.6"/><circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{INK}"/>'
            f'<rect x="{x}" y="{y}" width="{width:.1f}" height="{height}" rx="16" fill="{PILL}" stroke="{INK}" stroke-width="1.2"/>'
            f'{badge}{words}</g>')


def panels_open(name: str, title: str, desc: str, size: tuple[float, float], panel: tuple[float, float]) -> list[str]:
    """The start of a picture of numbered panels side by side (the washing steps, the glass test): the SVG with
    its title and description, a clip for the panels' rounded corners (`url(#mk-<name>-clip)`), the paper."""
    (width, height), (panel_w, panel_h) = size, panel
    return [svg_open(name, title, desc, width, height),
            f'<defs><clipPath id="mk-{name}-clip"><rect x="0" y="0" width="{panel_w}" height="{panel_h}" rx="18"/></clipPath></defs>',
            f'<rect x="0" y="0" width="{width}" height="{height}" rx="18" fill="{PAPER}"/>']


def panel_open(name: str, key: str, x: float, y: float, panel: tuple[float, float], fill: str) -> list[str]:
    """The start of one panel (close it with "</g>" after its frame): its group, its background, and the clip
    its scene is drawn in (close that with "</g>" after the scene)."""
    panel_w, panel_h = panel
    return [f'<g class="mk-{name}-panel mk-{name}-{key.replace("_", "-")}" transform="translate({x} {y})">',
            f'<rect x="0" y="0" width="{panel_w}" height="{panel_h}" rx="18" fill="{fill}"/>',
            f'<g clip-path="url(#mk-{name}-clip)">']


def panel_frame(panel: tuple[float, float]) -> str:
    """The outline drawn over a panel's scene."""
    return f'<rect x="0" y="0" width="{panel[0]}" height="{panel[1]}" rx="18" fill="none" stroke="{INK}" stroke-width="1.5"/>'
