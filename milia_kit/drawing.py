"""Draws the jeans-pocket picture of a milium as SVG, and says in words what it shows.

Two panels with matching numbered labels and colours: a side view of the skin with the milium just under
the top layer, and a jeans pocket. Each panel is its own SVG so that a phone can stack them.
Pure functions of (pocket state, words, skin tone): the same input always gives the same SVG.

Colours: every label sits on a white pill with dark text (contrast well above AA on every skin tone);
parts that match across the panels share a number and a colour, so nothing relies on colour alone.

The look, as a medical illustrator would draw it and kept calm: the skin's top layer a shaded band with fine
rows of cells, a lighter horny outer layer and a softly waving border with the deeper skin (the dermal
papillae); the deeper skin with faint collagen fibres and a fine hair in its follicle at the side. The milium
raises the surface into a small smooth dome; its thin wall (in the tone's lining colour, deepened only where the
contents need it to stand out) holds pearly keratin laid down in layers like an onion's (laminated keratin).
The jeans: twill denim, a shaded pocket with double topstitching and two copper rivets.
- Shapes that change between states carry a `data-part` that names them the same way in every state (roof,
  milium, lining, contents, opening, flakes, dimple, surface; pocket, pocket-lining, pocket-contents, seam,
  pocket-flakes), so a page script can match the old shapes with the new ones.
- Gradient and pattern ids start with the panel's `mk-skin-`/`mk-jeans-`; the skin's tone-dependent ones also
  carry the tone (`mk-skin-deep-epi`): whatever panels share a page, one id always has one definition.
- Gradients are in the picture's own units (`gradientUnits="userSpaceOnUse"`): WeasyPrint, which prints the
  handout, draws gradients sized to a shape's box as a dot. No `href` (the handout allows one link only).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

from .markup import inline
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
PEARL_EDGE = "#ece2c8"  # the contents' shaded edge, next to the milium's wall
LAYER = "#d8caa6"  # the faint rings of laminated keratin in the contents
HALO = "#f3e6dc"  # the pale edge under leader lines that cross deep skin

WIDTH, HEIGHT = 400, 330
SURFACE_Y = 96  # the skin's surface line in the side view
DOME = 14  # how far a milium raises the surface above it into a small dome
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
    """The side view: the top layer over a milium that raises it into a small dome (once emptied, a faint
    dimple), the deeper skin below with a few collagen fibres and a fine hair in its follicle at the side."""
    ids = f"mk-skin-{_tone_key(tone)}"  # each tone its own gradients: two panels on one page never clash
    covering_px = 6 + 30 * pocket.covering  # thin over a baby's milium, thick over an adult's
    radius, cx = 40, 200
    base = SURFACE_Y + 20 + covering_px  # where the top layer meets the deeper skin, away from the milium
    ctop = SURFACE_Y - DOME + covering_px  # the top of the milium's wall
    cy = ctop + radius
    # the roof wears thin from the outside as it opens; once emptied only a faint dimple is left
    top = SURFACE_Y + 4 if pocket.cleared else ctop - covering_px * (1 - 0.45 * pocket.opening)
    surface, junction = _surface(cx, top), _junction(cx, base, None if pocket.cleared else ctop + 2)
    wall = _wall(tone)
    defs = [_linear(f"{ids}-epi", SURFACE_Y - DOME, SURFACE_Y + 60,
                    [(0, _mix(tone.surface, "#ffffff", 0.12)), (0.3, tone.surface), (1, _mix(tone.surface, tone.lining, 0.4))]),
            _linear(f"{ids}-derm", SURFACE_Y, HEIGHT - 16, [(0.15, _mix(tone.deeper, tone.lining, 0.2)), (1, tone.deeper)])]
    if not pocket.cleared:  # centred on (0, 0): the shapes that use them are moved into place
        defs += [_radial("mk-skin-pearl", radius - 6, [(0, "#ffffff"), (0.5, CONTENTS), (1, PEARL_EDGE)], focus=(-12, -11)),
                 _radial("mk-skin-soft", 1, [(0, INK, 0.32), (1, INK, 0)]),
                 _radial("mk-skin-glow", 1, [(0, "#ffffff", 0.6), (1, "#ffffff", 0)])]
    parts = [
        svg_open("skin", words.text("pocket.skin_heading"), describe(pocket, words)),
        f'<defs>{"".join(defs)}</defs>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="18" fill="{PAPER}"/>',
        # the deeper skin: a soft gradient, a few faint collagen fibres, a hair follicle at the side
        f'<rect data-part="dermis" x="16" y="{SURFACE_Y + 3}" width="{WIDTH - 32}" height="{HEIGHT - SURFACE_Y - 19}" rx="6" '
        f'fill="url(#{ids}-derm)"/>',
        f'<path d="{_fibres(base)}" fill="none" stroke="{_mix(tone.deeper, tone.lining, 0.5)}" stroke-width="1.3" opacity=".45"/>',
        f'<path d="M48 99C52 130 58 {_n(base + 20)} 62 {_n(base + 50)}c-2 12 16 14 14 0C72 {_n(base + 20)} 64 130 60 99Z" '
        f'fill="{tone.surface}" stroke="{tone.lining}" stroke-width=".8" opacity=".6"/>',
        # the top layer: a band with a gradient and fine rows of cells, its horny outermost layer a lighter tone
        f'<path data-part="epidermis" d="{surface}L384 {_n(base)}{junction}Z" fill="url(#{ids}-epi)"/>',
        f'<g fill="none" stroke="{tone.lining}" stroke-width=".9" opacity=".4">'
        f'<path d="M384 {_n(base)}{junction}" transform="translate(0 -5)" stroke-dasharray="4 3"/>'
        f'<path d="{surface}" transform="translate(0 8)" stroke-dasharray="12 3"/></g>',
        f'<path d="{surface}" transform="translate(0 2.5)" fill="none" stroke="{_mix(tone.surface, "#fff8ec", 0.4)}" stroke-width="5"/>',
        # a fine hair growing out of its follicle
        f'<path d="M68 {_n(base + 58)}C64 {_n(base + 20)} 58 120 47 76" fill="none" stroke="{_mix(tone.lining, INK, 0.35)}" '
        f'stroke-width="1.2" opacity=".55"/>',
    ]
    if pocket.cleared:
        # the pocket has emptied: only a faint dimple remains where it was
        parts.append(f'<path data-part="dimple" d="M{cx - 26} {SURFACE_Y + 5}Q{cx} {SURFACE_Y + 14} {cx + 26} {SURFACE_Y + 5}" '
                     f'fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 4" opacity=".6"/>')
    else:
        parts.append(_milium(cx, cy, radius, pocket, wall, _rim(tone)))
        roof = ctop - top
        # the thin roof lets the pearly contents show through: paler over a baby's milium than an adult's
        parts.append(f'<ellipse data-part="roof" rx="1" ry="1" transform="translate({cx} {_n(top + roof / 2 + 1)}) '
                     f'scale({_n(24 + roof / 2)} {_n(roof / 2 + 3)})" fill="url(#mk-skin-glow)" opacity="{1.1 - 0.8 * pocket.covering:.2f}"/>')
    parts.append(f'<path data-part="surface" d="{surface}" fill="none" stroke="{INK}" stroke-width="1.8"/>')
    if not pocket.cleared:
        # a glint on the dome: milia are smooth, shiny little bumps
        parts.append(f'<path d="M{cx - 24} {_n(top + 8)}Q{cx - 14} {_n(top + 3.4)} {cx - 4} {_n(top + 3.5)}" fill="none" '
                     f'stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" opacity=".8"/>')
        if pocket.opening > 0:
            # the covering wearing thin over the pocket: a channel that widens and clears as it opens
            channel = 4 + 22 * pocket.opening
            parts.append(f'<rect data-part="opening" x="{cx - channel / 2:.1f}" y="{_n(top - 1)}" width="{channel:.1f}" '
                         f'height="{_n(ctop - top + 4)}" rx="{channel / 4:.1f}" fill="{CONTENTS}" stroke="{wall}" stroke-width=".8" '
                         f'opacity="{0.25 + 0.75 * pocket.opening:.2f}"/>')
        if pocket.stage == "open":
            parts.append(f'<g data-part="flakes">{"".join(_cell(cx - 10 + 10 * i, top - 7 - 7 * (i % 2)) for i in range(3))}</g>')
        parts += [
            label(16, 12, words.text("pocket.label_covering"), 1, (cx - 14, (top + ctop) / 2 + 2)),
            label(210, 12, words.text("pocket.label_surface"), None, (330, SURFACE_Y + 18)),
            label(16, HEIGHT - 74, words.text("pocket.label_lining"), 2, (cx - radius + 2, cy + 10)),
            label(210, HEIGHT - 74, words.text("pocket.label_contents"), 3, (cx + 12, cy + 8)),
        ]
    else:
        parts += [
            label(16, 12, words.text("pocket.label_cleared"), None, (cx, SURFACE_Y + 5)),
            label(210, 12, words.text("pocket.label_surface"), None, (330, SURFACE_Y + 18)),
        ]
    deeper = words.text("pocket.label_deeper")  # on a pill of its own: dark words are too faint on the deeper tones
    parts.append(label(WIDTH - 24 - _pill_width(deeper, 150), base + 16, deeper, None, (WIDTH - 60, base + 82), room=150))
    if contrast(INK, tone.deeper) < 3:  # dark leader lines vanish into deep skin: a pale edge keeps them seen
        parts = [_halo(part) if part.startswith('<g class="mk-label">') else part for part in parts]
    return "".join(parts) + "</svg>"


def jeans_svg(pocket: Pocket, words: Strings) -> str:
    """The jeans pocket: twill denim, a shaded pocket with double topstitching and two copper rivets, a window
    cut into it to show its lining and what is trapped inside, and its top seam, which opens with the stage."""
    top, bottom, left_x, right_x = 92, 262, 120, 280
    mid = (left_x + right_x) / 2
    outline = f"M{left_x} {top}L{right_x} {top}L{right_x} {bottom - 40}L{mid:g} {bottom}L{left_x} {bottom - 40}Z"
    parts = [
        svg_open("jeans", words.text("pocket.jeans_heading"), describe(pocket, words)),
        f'<defs><pattern id="mk-jeans-twill" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(35)">'
        f'<path d="M0 0V5" stroke="#ffffff" stroke-width="1.6" stroke-opacity=".09"/></pattern>'
        f'{_linear("mk-jeans-denim", 70, HEIGHT - 16, [(0, _mix(DENIM, "#ffffff", 0.06)), (1, _mix(DENIM, DENIM_DARK, 0.4))], x=(16, WIDTH - 16))}'
        f'{_linear("mk-jeans-pocket", top, bottom, [(0, _mix(DENIM_DARK, "#000000", 0.35)), (0.2, DENIM_DARK), (1, _mix(DENIM_DARK, DENIM, 0.35))])}'
        f'{_linear("mk-jeans-lining", top + 30, bottom - 62, [(0, _mix(POCKET_LINING, CELL, 0.4)), (0.25, POCKET_LINING)])}'
        f'{_radial("mk-jeans-rivet", 5.5, [(0, "#f6c894"), (0.55, "#c27338"), (1, "#7a431d")], focus=(-1.8, -1.8))}</defs>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="18" fill="{PAPER}"/>',
        f'<rect x="16" y="70" width="{WIDTH - 32}" height="{HEIGHT - 86}" rx="10" fill="url(#mk-jeans-denim)"/>',
        f'<rect x="16" y="70" width="{WIDTH - 32}" height="{HEIGHT - 86}" rx="10" fill="url(#mk-jeans-twill)"/>',
        f'<path d="M16 78H{WIDTH - 16}M16 84H{WIDTH - 16}" stroke="{STITCH}" stroke-width="1.6" stroke-dasharray="6 4"/>',
        # the pocket, sewn on: a soft shadow under it, darker just inside its mouth, edged with double stitching
        f'<path d="{outline}" transform="translate(1.5 2.5)" fill="#0b1628" opacity=".35"/>',
        f'<path data-part="pocket" d="{outline}" fill="url(#mk-jeans-pocket)" stroke="#162a4a" stroke-width="1.2"/>',
        f'<path d="{outline}" fill="url(#mk-jeans-twill)"/>',
        f'<path d="{_topstitch(left_x, right_x, top, bottom, 6)}{_topstitch(left_x, right_x, top, bottom, 11)}" fill="none" '
        f'stroke="{STITCH}" stroke-width="1.6" stroke-dasharray="5 3.5"/>',
        # a window cut into the pocket to show its lining and what is trapped inside
        f'<rect data-part="pocket-lining" x="{left_x + 18}" y="{top + 30}" width="{right_x - left_x - 36}" height="{bottom - top - 92}" '
        f'rx="12" fill="url(#mk-jeans-lining)" stroke="{INK}" stroke-width="1.5"/>',
    ]
    if not pocket.cleared:
        rows = 3 if pocket.stage in ("closed", "wearing") else 2
        parts.append(f'<g data-part="pocket-contents">'
                     f'{"".join(_cell(left_x + 36 + 22 * (i % 4), top + 50 + 22 * (i // 4)) for i in range(4 * rows))}</g>')
    # the pocket's top seam: stitched shut, wearing thin, then open with the contents coming out
    seam = {"closed": "0", "wearing": "10 6", "open": "3 14", "cleared": "2 30"}[pocket.stage]
    parts.append(f'<path data-part="seam" d="M{left_x} {top}H{right_x}" stroke="{STITCH}" stroke-width="6" '
                 f'stroke-dasharray="{seam}" stroke-linecap="round"/>')
    if pocket.stage == "open":
        parts.append(f'<g data-part="pocket-flakes">{"".join(_cell(mid - 14 + 14 * i, top - 14 - 8 * (i % 2)) for i in range(3))}</g>')
    parts += [
        *(f'<circle r="5.5" transform="translate({x} {top + 4})" fill="url(#mk-jeans-rivet)" stroke="#5a3216" stroke-width=".8"/>'
          for x in (left_x + 4, right_x - 4)),  # copper rivets at the pocket's top corners
        label(16, 12, words.text("pocket.label_fabric"), 1, (left_x + 14, top + 18)),
        label(16, HEIGHT - 74, words.text("pocket.label_pocket_lining"), 2, (left_x + 20, bottom - 80)),
        label(210, HEIGHT - 74, words.text("pocket.label_pocket_contents"), 3, (mid + 20, top + 60)),
        "</svg>",
    ]
    return "".join(parts)


def _milium(cx: float, cy: float, radius: float, pocket: Pocket, wall: str, rim: str) -> str:
    """The pocket, drawn round (0, 0) and moved into place: a soft shadow under it, a thin wall of skin cells
    (several cells thick) round pearly contents of keratin laid down in layers like an onion's; more layers
    when firmer (the article's picture)."""
    inner = radius - 6
    rings = "".join(f'<ellipse cy="{_n(1.5 * i)}" rx="{_n(inner * (0.86 - 0.18 * i))}" ry="{_n(inner * (0.8 - 0.17 * i))}"/>'
                    for i in range(1 + round(3 * pocket.firmness)))
    return (f'<g data-part="milium" transform="translate({cx} {_n(cy)})">'
            f'<ellipse rx="1" ry="1" transform="translate(0 {radius + 1}) scale({radius + 8} 11)" fill="url(#mk-skin-soft)"/>'
            f'<circle data-part="lining" r="{radius}" fill="{wall}" stroke="{rim}" stroke-width="1.6"/>'
            f'<circle r="{radius - 3}" fill="none" stroke="{_mix(wall, "#ffffff", 0.3)}" stroke-width=".8" stroke-dasharray="3 2"/>'
            f'<circle data-part="contents" r="{inner}" fill="url(#mk-skin-pearl)"/>'
            f'<g fill="none" stroke="{LAYER}" stroke-width="1.1" opacity=".75">{rings}</g>'
            f'<ellipse cx="-13" cy="-15" rx="9" ry="5" fill="#ffffff" opacity=".85" transform="rotate(-30 -13 -15)"/></g>')


def _surface(cx: float, top: float) -> str:
    """The skin's surface, left to right: a gentle wave with a smooth dome over the milium whose top is at `top`
    (below the surface line: a dimple). The same commands in every state, so a page script can morph it."""
    y = SURFACE_Y
    return (f"M16 100C60 97 100 95 {cx - 64} {y}C{cx - 36} {y} {cx - 26} {_n(top)} {cx} {_n(top)}"
            f"C{cx + 26} {_n(top)} {cx + 36} {y} {cx + 64} {y}C300 {y} 340 99 384 98")


def _junction(cx: float, base: float, peak: float | None) -> str:
    """Where the top layer meets the deeper skin, from the right edge (384, base) to the left one: soft waves (the
    dermal papillae), rising over the milium to `peak` (its top) where the top layer is stretched over it."""
    if peak is None:
        return f"q-7 6 -14 0{'t-14 0' * round((WIDTH - 32) / 14 - 1)}L16 {_n(base)}"
    waves = "q-7 6 -14 0" + "t-14 0" * round((WIDTH - 16 - cx - 72) / 14 - 1)
    return (f"{waves}L{cx + 72} {_n(base)}C{cx + 46} {_n(base)} {cx + 40} {_n(peak)} {cx} {_n(peak)}"
            f"C{cx - 40} {_n(peak)} {cx - 46} {_n(base)} {cx - 72} {_n(base)}{waves}L16 {_n(base)}")


def _fibres(base: float) -> str:
    """A few wavy collagen fibres in the deeper skin, at fixed places clear of the milium and the labels."""
    return "".join(f"M{x} {_n(base + dy)}q10 -4 20 0t20 0t20 0" for x, dy in ((30, 72), (84, 100), (262, 98), (300, 120), (110, 64), (28, 118)))


def _topstitch(left: float, right: float, top: float, bottom: float, d: float) -> str:
    """A line of stitching `d` inside the pocket's sides and point, open at the top (the seam closes that)."""
    mid = (left + right) / 2
    return (f"M{_n(left + d)} {top + 10}V{_n(bottom - 40 - 0.618 * d)}L{_n(mid)} {_n(bottom - 1.118 * d)}"
            f"L{_n(right - d)} {_n(bottom - 40 - 0.618 * d)}V{top + 10}")


def _linear(gid: str, y1: float, y2: float, stops: list, x: tuple[float, float] = (0, 0)) -> str:
    """A linear gradient for <defs>, from y1 to y2 (and x[0] to x[1]) in the picture's own units: WeasyPrint, which
    prints the handout, draws gradients sized to a shape's box as a dot. Stops: (offset, colour[, opacity])."""
    return (f'<linearGradient id="{gid}" gradientUnits="userSpaceOnUse" x1="{x[0]:g}" y1="{y1:g}" x2="{x[1]:g}" y2="{y2:g}">'
            f'{_stops(stops)}</linearGradient>')


def _radial(gid: str, r: float, stops: list, focus: tuple[float, float] = (0, 0)) -> str:
    """A radial gradient for <defs> round (0, 0), lit from `focus`: the shapes that use it are moved into place."""
    lit = f' fx="{focus[0]:g}" fy="{focus[1]:g}"' if focus != (0, 0) else ""
    return f'<radialGradient id="{gid}" gradientUnits="userSpaceOnUse" cx="0" cy="0" r="{r:g}"{lit}>{_stops(stops)}</radialGradient>'


def _halo(label_svg: str) -> str:
    """A label whose leader line and end dot have a pale edge under them, to be seen on deep skin."""
    line = re.search(r'<line [^>]*/>', label_svg).group(0)
    dot = re.search(r'<circle [^>]*r="3"[^>]*/>', label_svg).group(0)
    edge = (line.replace('stroke-width="1.6"', 'stroke-width="4.4"').replace(INK, HALO)
            + dot.replace('r="3"', 'r="4.6"').replace(INK, HALO))
    return label_svg.replace(line, edge + line, 1)


def _stops(stops: list) -> str:
    return "".join(f'<stop offset="{s[0]:g}" stop-color="{s[1]}"' + (f' stop-opacity="{s[2]:g}"' if len(s) > 2 else "") + "/>"
                   for s in stops)


def _tone_key(tone: Tone) -> str:
    """The tone's name in TONES (its colour, for a tone made elsewhere): part of its gradients' ids."""
    return next((name for name, t in TONES.items() if t == tone), tone.surface.lstrip("#"))


def _wall(tone: Tone) -> str:
    """The milium's wall: the tone's lining colour, deepened only as far as needed for the pearly contents to
    stand out from it (3:1 against their darkest part)."""
    wall = tone.lining
    for step in range(1, 21):
        if contrast(wall, PEARL_EDGE) >= 3:
            break
        wall = _mix(tone.lining, INK, 0.04 * step)
    return wall


def _rim(tone: Tone) -> str:
    """The outline round the milium: dark, or on deep skin (where dark lines vanish) a pale rim, like the
    compressed fibres round a cyst; 3:1 against the deeper skin it sits in."""
    around = (tone.deeper, _mix(tone.deeper, tone.lining, 0.18))
    if all(contrast(INK, c) >= 3 for c in around):
        return INK
    for step in range(1, 21):
        rim = _mix(tone.deeper, "#ffffff", 0.05 * step)
        if all(contrast(rim, c) >= 3 for c in around):
            return rim
    return "#ffffff"


def _pill_width(text: str, room: float) -> float:
    """How wide `label` draws a pill with no number for this text in this room."""
    return min(room, 24 + max(text_width(line, 16) for line in wrap_label(text, room - 24, 16)))


def _mix(a: str, b: str, t: float) -> str:
    """The colour a fraction t of the way from a to b."""
    return "#" + "".join(f"{round(int(a[i:i + 2], 16) * (1 - t) + int(b[i:i + 2], 16) * t):02x}" for i in (1, 3, 5))


def _n(v: float) -> str:
    """A coordinate in as few characters as one decimal allows."""
    text = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _cell(x: float, y: float) -> str:
    """One flake of dead skin, tilted a little by where it is (a fixed pattern: the same place, the same tilt)."""
    tilt = round(24 * math.sin(x * 0.7 + y * 1.3))
    return (f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="5" ry="3.5" fill="{CELL}" stroke="{INK}" stroke-width="0.6" '
            f'transform="rotate({tilt} {_n(x)} {_n(y)})"/>')


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


def captions_html(captions, note: str = "", numbered: bool = True) -> str:
    """A picture of panels' captions (and a note under them) as text under the picture, one caption under each
    panel: the page's and the handout's own type, at a size readable on a phone. Drawn inside the SVG, they shrink
    with the picture: 6-7 px on a 360 px phone for the three washing panels (the fourth PEMAT/CDC rating).
    `numbered`: as the panels' badges are, which a phone also shrinks too small to read (paper does not: the
    handout's narrow columns leave the numbers to the badges)."""
    spans = "".join(f"<span>{f'{number}. ' if numbered else ''}{inline(caption)}</span>"
                    for number, caption in enumerate(captions, start=1))
    note_html = f'<span class="mk-panel-note">{inline(note)}</span>' if note else ""
    return f'<figcaption class="mk-panel-captions"><span class="mk-panel-caption-row">{spans}</span>{note_html}</figcaption>'


def panel_frame(panel: tuple[float, float]) -> str:
    """The outline drawn over a panel's scene."""
    return f'<rect x="0" y="0" width="{panel[0]}" height="{panel[1]}" rx="18" fill="none" stroke="{INK}" stroke-width="1.5"/>'
