"""Draws milia and each look-alike as a small close-up, in the skin tone the parent chose, as SVG.

Same style as the jeans-pocket picture (milia_kit/drawing.py): its palette, its white label pills with dark
text, its title and description for screen readers, its four skin tones. Pure functions of
(condition id, words, tone): the same input always gives the same SVG.

Colours and skin tones: redness looks different on darker skin (it can be harder to see, and look purple or
darker than the skin around it), so each tone has its own redness colour, deeper and more saturated as the
skin gets darker (`LOOKS`). Nothing relies on colour alone: every red area also has a dashed outline in a
colour that stands out from that skin (`Look.edge`, at least 3:1), and every drawing labels what it shows.
Pale bumps have a thin darker rim (`Look.rim`), so they show on light skin too. Brown spots (`Look.macule`) are
darker than each skin; where the spot alone is under 3:1 against the skin (deep brown skin), its white ring of
scale (`COLLARETTE`) is the edge that stands out, at least 3:1 against both the skin and the spot.

Each SVG's ids (title, description, blur filter, clip) carry the condition id, so several drawings can share
a page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from .drawing import CONTENTS, DEFAULT_TONE, HEIGHT, INK, PAPER, TONES, WIDTH, Tone
from .drawing import label, svg_open, wrap_label
from .strings import Strings


@dataclass(frozen=True)
class Look:
    """How redness, bumps, the mouth and hair look on one skin tone."""

    inflamed: str  # red skin around bumps: red on light skin, deeper red-purple to dark brown on darker skin
    bump_red: str  # a red bump: a little deeper than the redness around it
    rim: str  # the thin outline of each bump, so pale bumps show on light skin
    edge: str  # the dashed line around every red area: at least 3:1 against the skin
    mucosa: str  # the inside of the mouth
    gum: str  # the gum ridge, a little paler than the roof of the mouth
    hair: str
    macule: str  # a flat brown spot, like a freckle (pustular melanosis): darker than the skin


LOOKS = {
    "light": Look(inflamed="#e27b70", bump_red="#c2403b", rim="#8a5640", edge=INK, mucosa="#eb9aa3",
                  gum="#f6c0c4", hair="#8a6444", macule="#8a5a3c"),
    "medium": Look(inflamed="#c5564b", bump_red="#9e2f2c", rim="#6b3f27", edge=INK, mucosa="#dc8893",
                   gum="#efb1b7", hair="#4a311d", macule="#5a3418"),
    "brown": Look(inflamed="#7c2935", bump_red="#5e1c29", rim="#3c200f", edge=INK, mucosa="#c9727f",
                  gum="#e0a0a8", hair="#2a1a0f", macule="#351a0a"),
    "deep": Look(inflamed="#3b1022", bump_red="#2a0a17", rim="#2a170c", edge="#f4ddcc", mucosa="#b86473",
                 gum="#d28e98", hair="#140b06", macule="#1c0e06"),
}

PUS = "#f6e4a0"  # the white-yellow tip of a pustule
SEBUM = "#f0c550"  # the tiny yellow dots of sebaceous hyperplasia
SCALE = "#e6c45e"  # cradle cap: yellow greasy scales
SCALE_DARK = "#d2a93f"
SCALE_EDGE = "#8a6612"
CRUST = "#c8923a"
CRUST_EDGE = "#7d5516"
COLLARETTE = "#fbf8f0"  # the thin white ring of scale left where a pustule broke
THROAT = "#4b1b25"
SHINE = "#ffffff"


@dataclass(frozen=True)
class Pen:
    """What every drawer draws with: the skin, its look, the words of the labels, and this SVG's own ids."""

    skin: Tone
    look: Look
    label: Callable[[str], str]
    soft: str  # filter="url(#...)": soft edges for redness

    def red_area(self, shape: str, opacity: float = 0.8) -> list[str]:
        """A red area (an SVG shape element, no fill yet): soft redness for this tone, then a dashed outline."""
        return [shape.replace("/>", f' fill="{self.look.inflamed}" opacity="{opacity}" {self.soft}/>'),
                shape.replace("/>", f' fill="none" stroke="{self.look.edge}" stroke-width="1.3" stroke-dasharray="4 4"/>')]

    def dome(self, x: float, y: float, r: float, fill: str) -> str:
        """A small raised bump: a shadow below, the bump with a thin rim, and a point of light on top."""
        return (f'<ellipse cx="{x + r * 0.25:.1f}" cy="{y + r * 0.45:.1f}" rx="{r:.1f}" ry="{r * 0.8:.1f}" '
                f'fill="{self.skin.lining}" opacity="0.45"/>'
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{self.look.rim}" stroke-width="1.1"/>'
                f'<circle cx="{x - r * 0.35:.1f}" cy="{y - r * 0.38:.1f}" r="{max(1.0, r * 0.3):.1f}" fill="{SHINE}" opacity="0.85"/>')


def condition_svg(condition_id: str, words: Strings, tone: str = DEFAULT_TONE) -> str:
    """The close-up of one condition (an id in assets/lookalikes.yml) on skin of the chosen tone.

    An unknown tone falls back to the default tone; an unknown condition id is a KeyError.
    """
    try:
        draw = _DRAWERS[condition_id]
    except (KeyError, TypeError):
        raise KeyError(f"No drawing for look-alike {condition_id!r}") from None
    name = tone if isinstance(tone, str) and tone in TONES else DEFAULT_TONE
    ids = f"mk-lookalike-{condition_id}"
    pen = Pen(skin=TONES[name], look=LOOKS[name], soft=f'filter="url(#{ids}-soft)"',
              label=lambda key: words.text(f"lookalikes.drawings.{condition_id}.labels.{key}"))
    x, y, w, h = PATCH
    shapes, labels = draw(pen)
    return "".join([
        svg_open(f"lookalike-{condition_id}", words.text(f"lookalikes.conditions.{condition_id}.name"),
                  describe(condition_id, words)),
        f'<defs><filter id="{ids}-soft" x="-20%" y="-20%" width="140%" height="140%">'
        f'<feGaussianBlur stdDeviation="3"/></filter>'
        f'<clipPath id="{ids}-clip"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="16"/></clipPath></defs>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="18" fill="{PAPER}"/>',
        f'<g clip-path="url(#{ids}-clip)">', *_patch(pen.skin), *shapes, "</g>",
        *labels,
        "</svg>",
    ])


def describe(condition_id: str, words: Strings) -> str:
    """What the drawing shows, in words (the SVG's <desc>, for screen readers and for everyone)."""
    return words.text(f"lookalikes.drawings.{condition_id}.desc")


# --- Shared parts ------------------------------------------------------------------------------------------

PATCH = (10, 10, WIDTH - 20, HEIGHT - 20)  # the close-up of skin: x, y, width, height
TOP, BOTTOM = 18, HEIGHT - 18  # label rows: pills hang from TOP, or sit on BOTTOM
LEFT, RIGHT = 18, 200


def _high(x: float, text: str, points_at: tuple[float, float], room: float = 182) -> str:
    return label(x, TOP, text, None, points_at, room=room)


def _low(x: float, text: str, points_at: tuple[float, float], room: float = 182) -> str:
    """A label whose pill sits on the bottom row, however many lines its words take."""
    lines = len(wrap_label(text, room - 24, 16))  # as drawing.label wraps a label without a number
    return label(x, BOTTOM - (14 + 20 * lines), text, None, points_at, room=room)


def _patch(skin: Tone) -> list[str]:
    """A close-up of skin: the tone, a soft light from the top left, a few faint lines of skin texture."""
    x, y, w, h = PATCH
    lines = "".join(
        f'<path d="M{x + 20 + 70 * i} {y + h - 30 - 18 * (i % 3)} q 40 -14 80 -4" fill="none" stroke="{skin.lining}" '
        f'stroke-width="1.2" stroke-linecap="round" opacity="0.35"/>'
        for i in range(5)
    )
    return [
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{skin.surface}"/>',
        f'<ellipse cx="{x + w * 0.3:.0f}" cy="{y + h * 0.28:.0f}" rx="{w * 0.32:.0f}" ry="{h * 0.22:.0f}" '
        f'fill="{skin.deeper}" opacity="0.28"/>',
        lines,
    ]


def _spots(n: int, cx: float, cy: float, rx: float, ry: float, turn: float = 0.0) -> list[tuple[float, float, int]]:
    """n points spread evenly over an ellipse (a sunflower pattern), each with a small fixed wobble and an index."""
    points = []
    for i in range(n):
        r = math.sqrt((i + 0.5) / n)
        a = i * 2.399963 + turn
        wobble = 0.08 * math.sin(i * 12.9898 + turn)
        points.append((cx + rx * (r + wobble) * math.cos(a), cy + ry * (r - wobble) * math.sin(a), i))
    return points


def _blob(cx: float, cy: float, rx: float, ry: float, seed: float, points: int = 12, bumpy: float = 0.1) -> str:
    """An uneven, rounded outline (a blotch, a scale, a crust): a smooth closed path through wobbling points."""
    coords = []
    for i in range(points):
        a = 2 * math.pi * i / points
        k = 1 + bumpy * math.sin(3 * a + seed) + bumpy * 0.5 * math.cos(2 * a + 2 * seed)
        coords.append((cx + rx * k * math.cos(a), cy + ry * k * math.sin(a)))
    mids = [((x1 + x2) / 2, (y1 + y2) / 2) for (x1, y1), (x2, y2) in zip(coords, coords[1:] + coords[:1])]
    d = f"M{mids[-1][0]:.1f} {mids[-1][1]:.1f} " + " ".join(
        f"Q {x:.1f} {y:.1f} {mx:.1f} {my:.1f}" for (x, y), (mx, my) in zip(coords, mids))
    return f'<path d="{d} Z"/>'


def _hair(look: Look, count: int, seed: float) -> str:
    """Fine baby hairs lying on the scalp, all leaning the same way."""
    x0, y0, w, h = PATCH
    strands = []
    for i in range(count):
        x = x0 - 30 + (w + 30) * ((i * 0.618034 + 0.1 * seed) % 1)
        y = y0 + 10 + (h - 10) * ((i * 0.381966 + 0.37 * seed) % 1)
        length = 58 + 20 * math.sin(i * 1.7 + seed)
        strands.append(f'<path d="M{x:.1f} {y:.1f} q {length * 0.45:.1f} {-length * 0.2:.1f} {length:.1f} {-length * 0.04:.1f}" '
                       f'fill="none" stroke="{look.hair}" stroke-width="1.4" stroke-linecap="round" opacity="0.75"/>')
    return "".join(strands)


Drawing = tuple[list[str], list[str]]  # shapes (clipped to the skin patch), then labels


# --- One drawer per condition --------------------------------------------------------------------------------

def _milia(pen: Pen) -> Drawing:
    bumps = [(x, y, 5 + (i * 7) % 3) for x, y, i in _spots(13, 200, 168, 118, 74, 0.6)]
    return (
        [pen.dome(x, y, r, CONTENTS) for x, y, r in bumps],
        [_high(LEFT, pen.label("bumps"), (bumps[2][0], bumps[2][1] - bumps[2][2])),
         _low(RIGHT, pen.label("skin"), (318, 244))],
    )


def _sebaceous_hyperplasia(pen: Pen) -> Drawing:
    # the tip of a baby's nose from the front: the sides of the bridge, a round tip, two wings and nostrils
    skin, look = pen.skin, pen.look
    line = f'fill="none" stroke="{skin.lining}" stroke-width="3" stroke-linecap="round"'
    dots = [(x, y) for x, y, _ in _spots(36, 200, 186, 62, 38, 1.1)]
    return (
        [
            f'<path d="M150 30 C 150 100, 148 140, 132 176 C 120 184, 112 196, 112 212" {line} opacity="0.7"/>',
            f'<path d="M250 30 C 250 100, 252 140, 268 176 C 280 184, 288 196, 288 212" {line} opacity="0.7"/>',
            f'<ellipse cx="200" cy="190" rx="74" ry="58" fill="{skin.deeper}" opacity="0.3"/>',  # the round tip
            f'<path d="M132 190 C 96 196, 92 246, 128 256 C 140 260, 150 252, 160 256" {line}/>',  # left wing
            f'<path d="M268 190 C 304 196, 308 246, 272 256 C 260 260, 250 252, 240 256" {line}/>',  # right wing
            f'<path d="M160 256 C 176 268, 224 268, 240 256" {line}/>',
            f'<ellipse cx="172" cy="256" rx="14" ry="6.5" fill="{look.rim}" opacity="0.8"/>',
            f'<ellipse cx="228" cy="256" rx="14" ry="6.5" fill="{look.rim}" opacity="0.8"/>',
            *(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.8" fill="{SEBUM}" stroke="{look.rim}" stroke-width="0.8"/>'
              for x, y in dots),
        ],
        [_high(LEFT, pen.label("dots"), dots[5]),
         _low(RIGHT + 60, pen.label("nose"), (286, 226), room=122)],
    )


def _baby_acne(pen: Pen) -> Drawing:
    spots = sorted(_spots(8, 205, 170, 140, 78, 0.3), key=lambda s: s[0])  # left to right
    halos, bumps = [], []
    for n, (x, y, i) in enumerate(spots):
        halos += pen.red_area(_blob(x, y, 21 + (i % 3) * 2, 18 + (i % 2) * 2, i, 10, 0.08), 0.8)
        bumps.append(pen.dome(x, y, 8.5 + (i % 2), pen.look.bump_red))
        if n % 3 == 1:  # a white or yellow tip of pus on some of them
            bumps.append(f'<circle cx="{x:.1f}" cy="{y - 1:.1f}" r="4.2" fill="{PUS}" stroke="{pen.look.rim}" stroke-width="0.8"/>')
    left, tip, low = spots[0], spots[7], spots[3]  # spots[7] has a tip (7 % 3 == 1)
    return (
        halos + bumps,
        [_high(LEFT, pen.label("bumps"), (left[0], left[1] - 7)),
         _high(RIGHT + 20, pen.label("tip"), (tip[0], tip[1] - 5), room=162),
         _low(RIGHT - 60, pen.label("redness"), (low[0] + 6, low[1] + 17), room=232)],
    )


def _erythema_toxicum(pen: Pen) -> Drawing:
    blotches = [(118, 150, 60, 48, 0.4), (282, 128, 50, 44, 1.9), (236, 232, 46, 38, 3.1)]
    shapes = []
    for cx, cy, rx, ry, seed in blotches:
        shapes += pen.red_area(_blob(cx, cy, rx, ry, seed, 12, 0.12), 0.75)
    shapes += [pen.dome(cx, cy, 6.5, CONTENTS) for cx, cy, *_ in blotches]
    return (
        shapes,
        [_high(LEFT, pen.label("blotch"), (84, 124)),
         _low(LEFT, pen.label("bump"), (blotches[2][0] - 5, blotches[2][1] + 3), room=200)],
    )


def _transient_pustular_melanosis(pen: Pen) -> Drawing:
    # a few fragile pale-yellow pustules with no redness, and the flat brown spots that broken ones leave,
    # each with a thin white ring (collarette) of scale just inside its edge
    pustules = [(108, 134, 8.0), (182, 110, 6.5), (148, 198, 7.5), (62, 230, 6.0)]
    macules = [(278, 118, 24, 19, 0.4), (238, 214, 22, 18, 1.7), (338, 216, 17, 14, 2.9), (346, 64, 14, 11, 4.1),
               (226, 46, 12, 10, 5.3)]
    shapes = []
    for cx, cy, rx, ry, seed in macules:
        shapes.append(_blob(cx, cy, rx, ry, seed, 12, 0.05).replace("/>", f' fill="{pen.look.macule}"/>'))
        ring = _blob(cx, cy, rx * 0.76, ry * 0.76, seed + 0.6, 14, 0.06)
        shapes.append(ring.replace("/>", f' fill="none" stroke="{COLLARETTE}" stroke-width="4" opacity="0.45"/>'))
        shapes.append(ring.replace("/>", f' fill="none" stroke="{COLLARETTE}" stroke-width="1.8" stroke-linecap="round"/>'))
    shapes += [pen.dome(x, y, r, PUS) for x, y, r in pustules]
    spot = macules[1]
    return (
        shapes,
        [_high(LEFT, pen.label("pustule"), (pustules[0][0], pustules[0][1] - pustules[0][2])),
         _low(RIGHT - 40, pen.label("spot"), (spot[0] - spot[2] * 0.8, spot[1] + 2), room=222)],
    )


def _miliaria_crystallina(pen: Pen) -> Drawing:
    drops = [(x, y, 4 + (i * 5 % 4)) for x, y, i in _spots(26, 200, 170, 152, 88, 2.2)]
    shapes = [
        f'<ellipse cx="{x + r * 0.3:.1f}" cy="{y + r * 0.5:.1f}" rx="{r:.1f}" ry="{r * 0.75:.1f}" fill="{pen.skin.lining}" opacity="0.35"/>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#ffffff" fill-opacity="0.38" stroke="{pen.look.rim}" '
        f'stroke-width="1" stroke-opacity="0.9"/>'
        f'<ellipse cx="{x - r * 0.35:.1f}" cy="{y - r * 0.4:.1f}" rx="{r * 0.32:.1f}" ry="{r * 0.22:.1f}" fill="{SHINE}"/>'
        for x, y, r in drops
    ]
    return (
        shapes,
        [_high(LEFT, pen.label("blisters"), (drops[2][0], drops[2][1] - drops[2][2])),
         _low(RIGHT, pen.label("skin"), (334, 250))],
    )


def _miliaria_rubra(pen: Pen) -> Drawing:
    skin = pen.skin
    bumps = _spots(48, 200, 186, 176, 40, 0.9)
    shapes = [
        *pen.red_area(_blob(200, 186, 186, 48, 0.7, 16, 0.06), 0.6),
        f'<path d="M0 178 C 110 208, 290 208, 400 172" fill="none" stroke="{skin.lining}" stroke-width="7" '
        f'stroke-linecap="round" opacity="0.8"/>',  # the crease of the fold
        f'<path d="M0 170 C 110 200, 290 200, 400 164" fill="none" stroke="{skin.deeper}" stroke-width="3" opacity="0.5"/>',
        *(pen.dome(x, y, 3.2 + (i % 3) * 0.5, pen.look.bump_red) for x, y, i in bumps),
    ]
    return (
        shapes,
        [_high(LEFT, pen.label("bumps"), (bumps[4][0], bumps[4][1] - 3)),
         _low(RIGHT + 60, pen.label("fold"), (336, 192), room=122)],
    )


def _cradle_cap(pen: Pen) -> Drawing:
    # patches of flat, greasy crust, cracked into plates, with a few flakes lifting at the edges
    patches = [(118, 142, 62, 32, 0.2), (276, 120, 52, 26, 1.3), (230, 222, 70, 34, 2.4), (84, 244, 36, 18, 3.5)]
    shapes = [_hair(pen.look, 34, 0.5)]
    for px, py, rx, ry, seed in patches:
        shapes.append(_blob(px, py, rx, ry, seed, 14, 0.14).replace(
            "/>", f' fill="{SCALE}" stroke="{SCALE_EDGE}" stroke-width="1.3"/>'))
        shapes.append(_blob(px + rx * 0.18, py + ry * 0.2, rx * 0.55, ry * 0.45, seed + 1, 10, 0.2).replace(
            "/>", f' fill="{SCALE_DARK}" opacity="0.7"/>'))
        cracks = " ".join(
            f"M{px + rx * (k - 0.5) * 0.9:.1f} {py - ry * 0.8:.1f} l {4 * math.sin(seed + k):.1f} {ry * 0.5:.1f} "
            f"l {-5 * math.cos(seed + k):.1f} {ry * 0.55:.1f} l {3:.1f} {ry * 0.5:.1f}"
            for k in (0.25, 0.55, 0.85))
        shapes.append(f'<path d="{cracks}" fill="none" stroke="{SCALE_EDGE}" stroke-width="1.1" opacity="0.75"/>')
        for k in (0, 1):  # flakes lifting at the edge
            fx, fy = px + rx * (0.75 if k else -0.8), py + ry * (-0.55 if k else 0.5)
            shapes.append(_blob(fx, fy, 8, 5, seed + 3 * k, 8, 0.2).replace(
                "/>", f' fill="#f3dc8e" stroke="{SCALE_EDGE}" stroke-width="1"/>'))
        shapes.append(f'<ellipse cx="{px - rx * 0.25:.1f}" cy="{py - ry * 0.35:.1f}" rx="{rx * 0.3:.1f}" ry="3.5" '
                      f'fill="{SHINE}" opacity="0.55"/>')  # greasy shine
    shapes.append(_hair(pen.look, 12, 2.0))  # some hairs lie over the scales
    return (
        shapes,
        [_high(LEFT, pen.label("scales"), (patches[0][0] + 4, patches[0][1] - 12)),
         _low(RIGHT, pen.label("hair"), (318, 250))],
    )


# The upper gum ridge: a cubic curve from (66, 160) over the top to (334, 160).
RIDGE = ((66, 160), (70, 84), (330, 84), (334, 160))


def _ridge(t: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = RIDGE
    u = 1 - t
    return (u ** 3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
            u ** 3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3)


def _mouth(pen: Pen) -> list[str]:
    """A baby's open mouth, seen from the front and a little below: lips, the roof of the mouth, the gums, the tongue."""
    skin, look = pen.skin, pen.look
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = RIDGE
    ridge = f"M{x0} {y0} C {x1} {y1}, {x2} {y2}, {x3} {y3}"
    return [
        f'<ellipse cx="200" cy="176" rx="160" ry="122" fill="{skin.lining}"/>',  # lips
        f'<ellipse cx="200" cy="178" rx="140" ry="104" fill="{THROAT}"/>',
        f'<path d="{ridge} C 300 214, 100 214, {x0} {y0} Z" fill="{look.mucosa}"/>',  # the roof of the mouth
        *(f'<path d="M{200 + s * 14} {120 + 18 * k} q {s * 26} -6 {s * 46} 4" fill="none" stroke="{look.rim}" '
          f'stroke-width="1.2" opacity="0.35"/>' for s in (-1, 1) for k in range(3)),  # ridges of the palate
        f'<path d="M200 104 L 200 198" stroke="{look.rim}" stroke-width="1.6" opacity="0.5"/>',  # the middle line
        f'<path d="{ridge}" fill="none" stroke="{look.gum}" stroke-width="20" stroke-linecap="round"/>',  # the gums
        f'<path d="{ridge}" fill="none" stroke="{look.rim}" stroke-width="1.2" opacity="0.45"/>',
        f'<ellipse cx="200" cy="264" rx="96" ry="28" fill="{look.mucosa}"/>',  # the tongue
    ]


def _epstein_pearls(pen: Pen) -> Drawing:
    pearls = [(200, 126, 6.5), (199, 150, 7.5), (201, 174, 6)]
    return (
        [*_mouth(pen), *(pen.dome(x, y, r, CONTENTS) for x, y, r in pearls)],
        [_high(LEFT, pen.label("pearls"), (pearls[0][0] - 6, pearls[0][1] - 4)),
         _low(RIGHT + 40, pen.label("roof"), (262, 156), room=142)],
    )


def _bohn_nodules(pen: Pen) -> Drawing:
    bumps = [(*_ridge(t), r) for t, r in ((0.18, 6.5), (0.32, 6), (0.68, 7), (0.82, 6))]
    return (
        [*_mouth(pen), *(pen.dome(x, y, r, CONTENTS) for x, y, r in bumps)],
        [_high(LEFT, pen.label("bumps"), (bumps[1][0], bumps[1][1] - 5)),
         _low(RIGHT + 80, pen.label("gums"), _ridge(0.93), room=102)],
    )


def _blisters_first_weeks(pen: Pen) -> Drawing:
    cluster = [(196 + 19 * dx + 9.5 * (dy % 2), 164 + 16 * dy) for dy in range(-1, 2) for dx in range(-2, 2)]
    crusted = {7, 11}  # two on the right have crusted over
    shapes = [_hair(pen.look, 20, 1.3), *pen.red_area(_blob(200, 166, 92, 62, 0.8, 12, 0.1), 0.8)]
    for i, (x, y) in enumerate(cluster):
        if i in crusted:
            shapes.append(_blob(x, y, 9, 7, i, 9, 0.15).replace(
                "/>", f' fill="{CRUST}" stroke="{CRUST_EDGE}" stroke-width="1.1"/>'))
        else:
            shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="#ffffff" fill-opacity="0.5" stroke="{pen.look.rim}" '
                          f'stroke-width="1"/><ellipse cx="{x - 2.8:.1f}" cy="{y - 3:.1f}" rx="2.5" ry="1.7" fill="{SHINE}"/>')
    crust = cluster[7]
    return (
        shapes,
        [_high(LEFT, pen.label("blisters"), (cluster[0][0] - 4, cluster[0][1] - 7)),
         _high(RIGHT + 90, pen.label("crust"), (crust[0] + 3, crust[1] - 6), room=92),
         _low(RIGHT - 10, pen.label("redness"), (250, 212), room=192)],
    )


_DRAWERS: dict[str, Callable[[Pen], Drawing]] = {
    "milia": _milia,
    "sebaceous_hyperplasia": _sebaceous_hyperplasia,
    "baby_acne": _baby_acne,
    "erythema_toxicum": _erythema_toxicum,
    "transient_pustular_melanosis": _transient_pustular_melanosis,
    "miliaria_crystallina": _miliaria_crystallina,
    "miliaria_rubra": _miliaria_rubra,
    "cradle_cap": _cradle_cap,
    "epstein_pearls": _epstein_pearls,
    "bohn_nodules": _bohn_nodules,
    "blisters_first_weeks": _blisters_first_weeks,
}
CONDITIONS = tuple(_DRAWERS)
