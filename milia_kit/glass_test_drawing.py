"""Draws the glass test as one SVG of two panels side by side, and says in words what it shows and what to do.

1. Press a clear glass on the spots: an adult's hand presses a clear drinking glass (a tumbler lying on its side,
   seen through its side wall) flat on a patch of the baby's skin with small purple or dark red pinpoint spots.
   The spots under the glass still show through it.
2. Still see them? Call now: the same glass, closer, with the same spots still showing through it, a bold ring
   around them and a warning sign (a triangle with an exclamation mark, drawn as shapes).

Under both panels, one line on dark skin (the words of red_flags.dark_skin, which is their one home).

What to do is never written here or in the drawing's own words: `describe` reads it from the rule table
(assets/red_flags.yml): the result line of the level of rule `fever_and_purple_spots` (a fever with spots that
do not fade under a glass) and of rule `purple_spots` (the same spots, no fever). If the table changes a level,
the picture's text alternative follows it.

Same style as the washing picture (milia_kit/washing_drawing.py): the palette of milia_kit/drawing.py, INK
outlines, the warm PAPER behind, numbered panels with a caption under each, `svg_open` for a title and a
description. The SVG is wider than the single drawings (`VIEW_WIDTH`); its height depends on how many lines the
words take (`view_height`). A pure function of (words, tone): the same input always gives the same SVG.

Print size: every word is `TEXT_SIZE` px in a viewBox `VIEW_WIDTH` px wide, so printed 8 cm wide (226.8 pt) the
words are TEXT_SIZE x 226.8 / VIEW_WIDTH = 28 x 226.8 / 648 = 9.8 pt (`printed_pt`), above the 9 pt floor for a
handout read beside 10 pt text.

Skin tones: the spots have a colour per tone (`SPOTS`), darker and more saturated on darker skin, at least 3:1
against the skin seen through the glass on light, medium and brown skin. On deep brown skin no purple reaches
3:1, so each group of spots also has a light dashed ring (`Spots.ring`, at least 3:1 against the skin and the
spots). The glass, the hand and the warning ring have a double outline (a white halo under an INK line), which
shows on every tone. Nothing relies on colour alone: the captions and the text alternative say it.

Every id starts with "mk-glass-", so the drawing can share a page with the others.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .drawing import DEFAULT_TONE, DENIM, INK, PILL, TONES, Tone
from .drawing import panel_frame, panel_open, panels_open, svg_text, text_width
from .lookalike_drawing import LOOKS
from .strings import Strings

__all__ = ["glass_test_svg", "describe", "captions", "PANELS", "SPOTS", "Spots", "GLASS_TINT", "GLASS_TINT_OPACITY", "WARNING",
           "VIEW_WIDTH", "TEXT_SIZE", "view_height", "printed_pt", "seen_through_glass", "RULES"]

# The two panels, in order: their caption keys in the strings' `glass_test` section.
PANELS = ("press", "still_seen")
# The rule table's rules whose level says what to do: with a fever, and with no fever.
RULES = {"with_fever": "fever_and_purple_spots", "without_fever": "purple_spots"}

MARGIN, GAP = 16, 16
PANEL_W, PANEL_H = 300, 300
VIEW_WIDTH = 2 * MARGIN + 2 * PANEL_W + GAP
TEXT_SIZE = 28  # every caption and the note: 9.8 pt when the picture is printed 8 cm wide
LINE = 34  # from one line of text to the next
PRINT_WIDTH_PT = 8 / 2.54 * 72  # 8 cm in points: 226.8

GLASS_TINT, GLASS_TINT_OPACITY = "#e8f4fb", 0.12  # a clear glass: a faint cool tint, the skin below shows through
GLASS_SHINE = "#ffffff"
HALO = 8  # the white line under every INK outline that must show on dark skin
WARNING = "#ffd23f"  # the warning triangle's fill; its meaning is its shape and its "!", not its colour


@dataclass(frozen=True)
class Spots:
    """How pinpoint purple or dark red spots look on one skin tone."""

    spot: str  # darker and more saturated as the skin gets darker
    ring: str | None  # a light dashed ring around each group, where the spots alone are under 3:1 (deep skin)


SPOTS = {
    "light": Spots(spot="#9b1c4c", ring=None),
    "medium": Spots(spot="#6e1238", ring=None),
    "brown": Spots(spot="#36061b", ring=None),
    "deep": Spots(spot="#24040f", ring=LOOKS["deep"].edge),
}

# The spots, as offsets from the middle of their group: (dx, dy, radius). Pinpoint spots and a few a little bigger.
GROUP = ((-34, -12, 4.5), (-12, -24, 3.5), (6, -8, 5.5), (28, -20, 4), (-22, 10, 4), (0, 16, 3.5), (22, 8, 6),
         (40, 2, 3.5), (-42, 14, 3), (12, -30, 3))
OUTSIDE = ((-20, 0, 4), (0, -14, 3.5), (16, 6, 5), (-6, 16, 3))  # a few more beside the glass


def glass_test_svg(words: Strings, tone: str = DEFAULT_TONE, captions: bool = True) -> str:
    """The two panels in one SVG, on the baby's skin in the chosen tone. An unknown tone falls back to the default.

    `captions=False`: the panels only, with no captions and no note under them (as washing_svg: the guide sets
    those words as text under the picture, `captions`, drawing.captions_html, where a phone cannot shrink them).
    """
    name = tone if isinstance(tone, str) and tone in TONES else DEFAULT_TONE
    skin, spots = TONES[name], SPOTS[name]
    height = view_height(words) if captions else MARGIN + PANEL_H + MARGIN
    scenes = (_press(skin, spots), _still_seen(skin, spots))
    panel = (PANEL_W, PANEL_H)
    parts = panels_open("glass", words.text("glass_test.title"), describe(words), (VIEW_WIDTH, height), panel)
    for number, (key, scene) in enumerate(zip(PANELS, scenes), start=1):
        x = MARGIN + (number - 1) * (PANEL_W + GAP)
        parts += [
            *panel_open("glass", key, x, MARGIN, panel, skin.surface), *scene, "</g>",
            panel_frame(panel),
            *_badge(number),
            *(svg_text(PANEL_W / 2, PANEL_H + 36 + LINE * i, line, anchor="middle", size=TEXT_SIZE, weight="bold")
              for i, line in enumerate(_lines(words.text(f"glass_test.{key}"), PANEL_W - 16)) if captions),
            "</g>",
        ]
    if not captions:
        return "".join([*parts, "</svg>"])
    top = MARGIN + PANEL_H + 36 + LINE * _caption_lines(words) + 8
    parts.append('<g class="mk-glass-note">')
    parts += [svg_text(MARGIN + 4, top + LINE * i, line, size=TEXT_SIZE)
              for i, line in enumerate(_lines(_note(words), VIEW_WIDTH - 2 * MARGIN - 8))]
    parts += ["</g>", "</svg>"]
    return "".join(parts)


def captions(words: Strings) -> tuple[list[str], str]:
    """Each panel's caption, in order, and the note on dark skin under them: set as text under the picture
    (drawing.captions_html) where it is drawn with `captions=False`."""
    return [words.text(f"glass_test.{key}") for key in PANELS], _note(words)


def describe(words: Strings) -> str:
    """The picture in words (the SVG's <desc>): what it shows and what to do (from the rule table), then the line
    on dark skin. The full text alternative, for screen readers and for everyone."""
    from . import red_flags  # not at import: the table is read when a picture is drawn

    level = {rule.id: rule.level.code for rule in red_flags.load().rules}
    actions = {name: words.text(f"red_flags.levels.{level[rule]}.result") for name, rule in RULES.items()}
    return " ".join([words.text("glass_test.description", **actions), _note(words)])


def view_height(words: Strings) -> int:
    """The SVG's height for these words: the panels, their captions (the longer one) and the note under both."""
    note = len(_lines(_note(words), VIEW_WIDTH - 2 * MARGIN - 8))
    return MARGIN + PANEL_H + 36 + LINE * _caption_lines(words) + 8 + LINE * (note - 1) + 20


def printed_pt(print_width_pt: float = PRINT_WIDTH_PT) -> float:
    """The size of the words, in points, when the picture is printed `print_width_pt` wide (default 8 cm)."""
    return TEXT_SIZE * print_width_pt / VIEW_WIDTH


def seen_through_glass(colour: str) -> str:
    """A colour as it looks under the glass: mixed with the glass's faint tint (for the contrast checks)."""
    a, b = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (colour, GLASS_TINT))
    return "#" + "".join(f"{round(x + (y - x) * GLASS_TINT_OPACITY):02x}" for x, y in zip(a, b))


# --- Shared parts ------------------------------------------------------------------------------------------

def _note(words: Strings) -> str:
    return words.text("glass_test.dark_skin_note", dark_skin=words.text("red_flags.dark_skin"))


def _lines(text: str, room: float, size: int = TEXT_SIZE) -> list[str]:
    """The words in as few lines as fit in `room` pixels, each line as full as it can be."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _caption_lines(words: Strings) -> int:
    return max(len(_lines(words.text(f"glass_test.{key}"), PANEL_W - 16)) for key in PANELS)


def _badge(number: int) -> list[str]:
    return [f'<circle cx="34" cy="34" r="22" fill="{INK}" stroke="{PILL}" stroke-width="3"/>',
            svg_text(34, 43, str(number), anchor="middle", size=TEXT_SIZE - 2, fill=PILL, weight="bold")]


def _haloed(shape: str, fill: str = "none", width: float = 3) -> list[str]:
    """A shape (an SVG element, no paint yet) with a white halo under its INK outline: shows on every skin tone."""
    return [shape.replace("/>", f' fill="none" stroke="{PILL}" stroke-width="{width + HALO}" stroke-linejoin="round" '
                                f'stroke-linecap="round" class="mk-glass-halo"/>'),
            shape.replace("/>", f' fill="{fill}" stroke="{INK}" stroke-width="{width}" stroke-linejoin="round" '
                                f'stroke-linecap="round"/>')]


def _spots(cx: float, cy: float, group, look: Spots, scale: float = 1.0, ring: tuple[float, float] = (60, 44)) -> list[str]:
    """A group of pinpoint spots; on deep skin, a light dashed ring around the group."""
    shapes = [f'<circle class="mk-glass-spot" cx="{cx + dx * scale:.1f}" cy="{cy + dy * scale:.1f}" r="{r * scale:.1f}" '
              f'fill="{look.spot}"/>' for dx, dy, r in group]
    if look.ring:
        shapes.append(f'<ellipse class="mk-glass-ring" cx="{cx}" cy="{cy}" rx="{ring[0] * scale:.1f}" '
                      f'ry="{ring[1] * scale:.1f}" fill="none" stroke="{look.ring}" stroke-width="2.5" stroke-dasharray="7 5"/>')
    return shapes


def _texture(skin: Tone) -> list[str]:
    """A soft light from the top left and a few faint lines of skin texture, as in the look-alike close-ups."""
    return [f'<ellipse cx="90" cy="80" rx="110" ry="80" fill="{skin.deeper}" opacity="0.25"/>',
            *(f'<path d="M{-10 + 70 * i} {250 - 16 * (i % 3)} q 40 -14 80 -4" fill="none" stroke="{skin.lining}" '
              f'stroke-width="1.2" stroke-linecap="round" opacity="0.35"/>' for i in range(5))]


def _glass(length: float, mouth: float, base: float) -> list[str]:
    """A clear tumbler lying on its side, seen through its side wall: mouth at x=0 (half-height `mouth`), base at
    x=`length` (half-height `base`), in its own coordinates. The faint tint first, then the outlines and shine."""
    body = f'<path d="M0 {-mouth} L{length} {-base} L{length} {base} L0 {mouth} Z"/>'
    inner_base = length - 18
    k = inner_base / length
    inner = mouth + (base - mouth) * k
    return [
        body.replace("/>", f' class="mk-glass-glass" fill="{GLASS_TINT}" fill-opacity="{GLASS_TINT_OPACITY}"/>'),
        *_haloed(body),
        *_haloed(f'<ellipse cx="0" cy="0" rx="10" ry="{mouth}"/>', width=2.5),  # the rim of the open mouth
        *_haloed(f'<path d="M{inner_base:.1f} {-inner:.1f} Q {inner_base - 8:.1f} 0 {inner_base:.1f} {inner:.1f}"/>',
                 width=2.5),  # the thick glass base
        f'<path d="M{length * 0.12:.1f} {-mouth * 0.8:.1f} L{length * 0.7:.1f} {-mouth * 0.62:.1f}" '
        f'stroke="{GLASS_SHINE}" stroke-width="6" stroke-linecap="round" opacity="0.8"/>',  # shine along the top
        f'<path d="M{length * 0.76:.1f} {-mouth * 0.6:.1f} L{length * 0.8:.1f} {-mouth * 0.58:.1f}" '
        f'stroke="{GLASS_SHINE}" stroke-width="6" stroke-linecap="round" opacity="0.8"/>',
        f'<path d="M{length * 0.3:.1f} {mouth * 0.8:.1f} L{length * 0.62:.1f} {mouth * 0.7:.1f}" '
        f'stroke="{GLASS_SHINE}" stroke-width="3" stroke-linecap="round" opacity="0.6"/>',
    ]


def _hand(x: float, y: float, angle: float, skin: Tone, scale: float = 1.0) -> list[str]:
    """An adult's hand seen from the back, fingers together and pointing left, pressing down; its sleeve to the right.

    The same hand as the washing picture's, with a white halo under its outline so it shows on the baby's skin
    whatever the tone."""
    hand = [
        '<rect x="22" y="-20" width="52" height="40" rx="6"/>',  # wrist
        '<rect x="-22" y="-26" width="58" height="52" rx="20"/>',  # back of the hand
        *(f'<rect x="{-74 + abs(i - 1.5) * 5:.1f}" y="{-26 + i * 12.5:.1f}" width="62" height="13" rx="6.5"/>'
          for i in range(4)),  # four fingers, the middle ones a little longer
        '<rect x="-46" y="16" width="44" height="14" rx="7" transform="rotate(-16 -2 23)"/>',  # thumb
    ]
    halo = [s.replace("/>", f' fill="{PILL}" stroke="{PILL}" stroke-width="{5 + HALO}" stroke-linejoin="round" '
                            f'class="mk-glass-halo"/>') for s in hand]
    outline = [s.replace("/>", f' fill="{INK}" stroke="{INK}" stroke-width="5" stroke-linejoin="round"/>') for s in hand]
    fill = [s.replace("/>", f' fill="{skin.surface}"/>') for s in hand]
    knuckles = (f'<path d="M-62 -13.5 H-16 M-64 -1 H-16 M-62 11.5 H-16" stroke="{INK}" stroke-width="1.4" '
                f'stroke-linecap="round" opacity="0.55"/>')
    sleeve = (f'<rect x="64" y="-30" width="160" height="60" rx="10" fill="{DENIM}" stroke="{PILL}" stroke-width="{2.5 + HALO}"/>'
              f'<rect x="64" y="-30" width="160" height="60" rx="10" fill="{DENIM}" stroke="{INK}" stroke-width="2.5"/>')
    return [f'<g class="mk-glass-hand" transform="translate({x} {y}) rotate({angle}) scale({scale})">',
            sleeve, *halo, *outline, *fill, knuckles, "</g>"]


# --- The two panels ----------------------------------------------------------------------------------------

def _press(skin: Tone, spots: Spots) -> list[str]:
    gx, gy, angle = 44, 150, -8  # the glass's mouth, and how it lies
    length = 200
    cx, cy = gx + 92 * math.cos(math.radians(angle)), gy + 92 * math.sin(math.radians(angle))  # spots under the glass
    press = f'stroke="{INK}" stroke-width="3.5" stroke-linecap="round"'
    press_halo = f'stroke="{PILL}" stroke-width="{3.5 + HALO}" stroke-linecap="round"'
    marks = "M214 60 l 10 14 M240 50 v 18 M266 58 l -8 14"  # press marks above the hand: press down firmly
    return [
        *_texture(skin),
        *_spots(cx, cy, GROUP, spots, 1.15),
        *_spots(62, 262, OUTSIDE, spots, ring=(36, 28)),
        f'<g class="mk-glass-tumbler" transform="translate({gx} {gy}) rotate({angle})">', *_glass(length, 80, 64), "</g>",
        *_hand(252, 150, -8, skin, 0.82),
        f'<path d="{marks}" {press_halo}/>', f'<path d="{marks}" {press}/>',
    ]


def _still_seen(skin: Tone, spots: Spots) -> list[str]:
    gx, gy, angle = 14, 172, -8  # the same glass, closer: bigger, with no hand
    scale = 1.4
    cx, cy = gx + 140 * math.cos(math.radians(angle)), gy + 140 * math.sin(math.radians(angle))
    return [
        *_texture(skin),
        *_spots(cx, cy, GROUP, spots, scale),
        f'<g class="mk-glass-tumbler" transform="translate({gx} {gy}) rotate({angle})">', *_glass(290, 108, 88), "</g>",
        # the marker: a bold ring around the spots (its meaning is its shape), and a warning sign beside it
        '<g class="mk-glass-marker">',
        *_haloed(f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{72 * scale:.1f}" ry="{53 * scale:.1f}" '
                 f'transform="rotate({angle} {cx:.1f} {cy:.1f})"/>', width=6),
        "</g>",
        *_warning(250, 52),
    ]


def _warning(x: float, y: float, size: float = 40) -> list[str]:
    """A warning sign: a rounded triangle with an exclamation mark, every part a shape (no text, no font)."""
    h = size * math.sqrt(3) / 2
    triangle = f'<path d="M{x} {y - h * 0.62:.1f} L{x + size / 2 + 6:.1f} {y + h * 0.5:.1f} L{x - size / 2 - 6:.1f} {y + h * 0.5:.1f} Z"/>'
    return [
        '<g class="mk-glass-warning">',
        *_haloed(triangle, fill=WARNING, width=4),
        f'<rect x="{x - 3.5:.1f}" y="{y - h * 0.32:.1f}" width="7" height="{h * 0.5:.1f}" rx="3.5" fill="{INK}"/>',
        f'<circle cx="{x}" cy="{y + h * 0.33:.1f}" r="4" fill="{INK}"/>',
        "</g>",
    ]
