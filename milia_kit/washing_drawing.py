"""Draws "how to wash your baby's face" as one SVG of three panels side by side, and says in words what it shows.

1. Wash gently: an adult's hand holds a soft wet cloth on the baby's cheek; a small bowl of warm water.
2. Pat dry: the hand pats the cheek with a soft towel (tap marks, no rubbing).
3. Hands off: tiny milia on the baby's nose and cheeks, the adult's hand held back, and a "no squeezing" sign
   (a circle with a line through two fingers pinching).

Same style as the jeans-pocket picture (milia_kit/drawing.py): its palette, INK outlines, the warm PAPER behind,
its label font, and its `svg_open` (a title and a description for screen readers). The SVG is wider than the
other drawings (`VIEW_WIDTH` by `VIEW_HEIGHT`); the page's `.mk-figure` style scales it to the width of the column.
A pure function of (words, tone): the same input always gives the same SVG.

Skin tones: the baby's face and the adult's hands are drawn in the chosen tone (drawing.TONES). Every shape in skin
colour has a thick INK outline, which stands out from the paper and the panels on every tone, so a light face
never disappears into a light page. Nothing relies on colour alone: each panel has a number and a caption, and the
"no squeezing" sign is a shape (a circle with a slash), not only a red colour.

Every id starts with "mk-washing-", so the drawing can share a page with the others.
"""
from __future__ import annotations

from .drawing import CONTENTS, DEFAULT_TONE, DENIM, INK, PILL, TONES, Tone
from .drawing import panel_frame, panel_open, panels_open, svg_text, wrap_label
from .lookalike_drawing import LOOKS
from .strings import Strings

__all__ = ["washing_svg", "describe", "captions", "PANELS", "VIEW_WIDTH", "VIEW_HEIGHT", "NO", "PANEL_FILL"]

# The three panels, in order: their caption keys in the strings' `washing` section.
PANELS = ("wash", "pat_dry", "hands_off")

MARGIN, GAP = 16, 16
PANEL_W, PANEL_H = 360, 300
CAPTION_SIZE = 22
VIEW_WIDTH = 2 * MARGIN + 3 * PANEL_W + 2 * GAP
VIEW_HEIGHT = MARGIN + PANEL_H + 80  # room for a caption of two lines under each panel

PANEL_FILL = "#eef4f8"  # a soft, clean bathroom light behind each scene
OUTLINE = 5  # stroke width of the outline pass: about 2.5 px shows outside each skin-coloured shape
NO = "#c62828"  # the "no" sign's circle and slash: 5:1 on white; its meaning is its shape
CLOTH, CLOTH_LINE = "#d3e9f7", "#8fbfe0"
DROP = "#8cc4ea"
TOWEL, TOWEL_STRIPE = "#f4d58a", "#d9983a"
BOWL, WATER = "#e6ebf1", "#a9d6f2"
ONESIE = "#bfdcc8"



def washing_svg(words: Strings, tone: str = DEFAULT_TONE, captions: bool = True) -> str:
    """The three panels in one SVG, with the baby's face and the adult's hands in the chosen skin tone.

    An unknown tone falls back to the default tone. `captions=False`: the panels only; the guide and the handout
    set the captions as text under them (`captions`, drawing.captions_html), where a phone cannot shrink them.
    """
    name = tone if isinstance(tone, str) and tone in TONES else DEFAULT_TONE
    skin, rim = TONES[name], LOOKS[name].rim
    scenes = (_wash(skin), _pat(skin), _hands_off(skin, rim))
    height = VIEW_HEIGHT if captions else MARGIN + PANEL_H + MARGIN
    panel = (PANEL_W, PANEL_H)
    parts = panels_open("washing", words.text("washing.title"), describe(words), (VIEW_WIDTH, height), panel)
    for number, (key, scene) in enumerate(zip(PANELS, scenes), start=1):
        x = MARGIN + (number - 1) * (PANEL_W + GAP)
        parts += [
            *panel_open("washing", key, x, MARGIN, panel, PANEL_FILL), *scene, "</g>",
            panel_frame(panel),
            _badge(number),
            *(_caption(words.text(f"washing.{key}")) if captions else ()),
            "</g>",
        ]
    parts.append("</svg>")
    return "".join(parts)


def captions(words: Strings) -> tuple[list[str], str]:
    """Each panel's caption, in order, and the note under them (none): set as text under the picture
    (drawing.captions_html) where it is drawn with `captions=False`."""
    return [words.text(f"washing.{key}") for key in PANELS], ""


def describe(words: Strings) -> str:
    """The picture in words (the SVG's <desc>): the full text alternative, for screen readers and for everyone."""
    return words.text("washing.description")


# --- Shared parts ------------------------------------------------------------------------------------------

def _solid(shapes: list[str], fill: str) -> list[str]:
    """Shapes (SVG elements with no fill yet) as one solid piece: a thick INK outline around them all, then the fill.

    Drawing every outline first and every fill after it hides the lines where the shapes overlap, so a hand
    drawn from a palm, fingers and a thumb has one clean outline.
    """
    outline = [s.replace("/>", f' fill="{INK}" stroke="{INK}" stroke-width="{OUTLINE}" stroke-linejoin="round"/>')
               for s in shapes]
    return outline + [s.replace("/>", f' fill="{fill}"/>') for s in shapes]


def _badge(number: int) -> str:
    return (f'<circle cx="30" cy="30" r="17" fill="{INK}"/>'
            + svg_text(30, 37, str(number), anchor="middle", size=19, fill=PILL, weight="bold"))


def _caption(text: str) -> list[str]:
    lines = wrap_label(text, PANEL_W - 24, CAPTION_SIZE)
    return [svg_text(PANEL_W / 2, PANEL_H + 34 + 27 * i, line, anchor="middle", size=CAPTION_SIZE, weight="bold")
            for i, line in enumerate(lines)]


def _baby(cx: float, cy: float, skin: Tone, r: float = 82) -> list[str]:
    """A sleeping baby's face from the front, on little shoulders in a soft onesie.

    No rosy cheeks: milia have no redness around them, and the third panel must not suggest any.
    """
    shoulders = (f'<path d="M{cx - 122} {PANEL_H + 10} C {cx - 112} {cy + r * 0.95}, {cx + 112} {cy + r * 0.95}, '
                 f'{cx + 122} {PANEL_H + 10} Z" fill="{ONESIE}" stroke="{INK}" stroke-width="2.5"/>')
    head = [f'<circle cx="{cx - r * 0.96:.1f}" cy="{cy + 6:.1f}" r="{r * 0.2:.1f}"/>',
            f'<circle cx="{cx + r * 0.96:.1f}" cy="{cy + 6:.1f}" r="{r * 0.2:.1f}"/>',
            f'<circle cx="{cx}" cy="{cy}" r="{r}"/>']
    line = f'fill="none" stroke="{INK}" stroke-width="3" stroke-linecap="round"'
    return [
        shoulders,
        *_solid(head, skin.surface),
        f'<path d="M{cx - 8} {cy - r + 4} q 2 -20 18 -14 q 8 4 2 12" {line}/>',  # a curl of hair
        f'<path d="M{cx - 44} {cy - 6} q 13 11 26 0 M{cx + 18} {cy - 6} q 13 11 26 0" {line}/>',  # closed eyes
        f'<path d="M{cx - 7} {cy + 16} q 7 6 14 0" {line} stroke-opacity="0.7"/>',  # nose
        f'<path d="M{cx - 13} {cy + 38} q 13 10 26 0" {line}/>',  # a small smile
    ]


def _flat_hand(x: float, y: float, angle: float, skin: Tone, scale: float = 1.0) -> list[str]:
    """An adult's hand seen from the back, fingers together and pointing left, with its sleeve to the right."""
    hand = [
        '<rect x="22" y="-20" width="52" height="40" rx="6"/>',  # wrist
        '<rect x="-22" y="-26" width="58" height="52" rx="20"/>',  # back of the hand
        *(f'<rect x="{-74 + abs(i - 1.5) * 5:.1f}" y="{-26 + i * 12.5:.1f}" width="62" height="13" rx="6.5"/>'
          for i in range(4)),  # four fingers, the middle ones a little longer
        '<rect x="-46" y="16" width="44" height="14" rx="7" transform="rotate(-16 -2 23)"/>',  # thumb
    ]
    knuckles = (f'<path d="M-62 -13.5 H-16 M-64 -1 H-16 M-62 11.5 H-16" stroke="{INK}" stroke-width="1.4" '
                f'stroke-linecap="round" opacity="0.55"/>')
    sleeve = f'<rect x="64" y="-30" width="160" height="60" rx="10" fill="{DENIM}" stroke="{INK}" stroke-width="2.5"/>'
    return [f'<g transform="translate({x} {y}) rotate({angle}) scale({scale})">',
            *_solid(hand, skin.surface), knuckles, sleeve, "</g>"]


def _open_hand(x: float, y: float, skin: Tone, scale: float = 1.0) -> list[str]:
    """An adult's open hand held up and back, fingers apart, with its sleeve going down out of the panel."""
    hand = [
        '<rect x="-22" y="26" width="44" height="40" rx="6"/>',  # wrist
        '<rect x="-30" y="-24" width="60" height="60" rx="22"/>',  # palm
        *(f'<rect x="{fx}" y="{-10 - length}" width="13" height="{length + 14}" rx="6.5"/>'
          for fx, length in ((-30, 40), (-14.5, 48), (1, 46), (16.5, 38))),  # four fingers, a little apart
        '<rect x="-32" y="-12" width="16" height="44" rx="8" transform="rotate(-30 -24 30)"/>',  # thumb
    ]
    crease = f'<path d="M-16 6 q 14 10 30 2" fill="none" stroke="{skin.lining}" stroke-width="2" stroke-linecap="round"/>'
    sleeve = f'<rect x="-32" y="58" width="64" height="140" rx="10" fill="{DENIM}" stroke="{INK}" stroke-width="2.5"/>'
    return [f'<g transform="translate({x} {y}) scale({scale})">', *_solid(hand, skin.surface), crease, sleeve, "</g>"]


def _drop(x: float, y: float, size: float = 7) -> str:
    return (f'<path d="M{x} {y - size * 1.5:.1f} C {x + size * 0.5:.1f} {y - size * 0.6:.1f}, {x + size:.1f} {y:.1f}, '
            f'{x:.1f} {y + size * 0.9:.1f} C {x - size:.1f} {y:.1f}, {x - size * 0.5:.1f} {y - size * 0.6:.1f}, {x} {y - size * 1.5:.1f} Z" '
            f'fill="{DROP}" stroke="{INK}" stroke-width="1.5"/>')


# --- The three panels ----------------------------------------------------------------------------------------

def _wash(skin: Tone) -> list[str]:
    cx, cy = 136, 134
    steam = f'fill="none" stroke="{INK}" stroke-width="2.2" stroke-linecap="round" opacity="0.55"'
    return [
        *_baby(cx, cy, skin),
        # a soft wet cloth on the cheek, with drops of water
        f'<g transform="rotate(-10 {cx + 58} {cy + 30})">'
        f'<rect x="{cx + 20}" y="{cy + 2}" width="76" height="58" rx="15" fill="{CLOTH}" stroke="{INK}" stroke-width="2.5"/>'
        f'<path d="M{cx + 28} {cy + 20} q 8 -5 16 0 t 16 0 t 16 0 t 16 0 M{cx + 28} {cy + 38} q 8 -5 16 0 t 16 0 t 16 0 t 16 0" '
        f'fill="none" stroke="{CLOTH_LINE}" stroke-width="2"/></g>',
        _drop(cx + 36, cy + 78, 6), _drop(cx + 54, cy + 92, 5),
        *_flat_hand(cx + 144, cy + 28, -8, skin, 0.9),
        # a small bowl of warm water, with gentle steam
        f'<path d="M{cx + 122} 246 C {cx + 126} 296, {cx + 206} 296, {cx + 210} 246 Z" fill="{BOWL}" stroke="{INK}" stroke-width="2.5"/>',
        f'<ellipse cx="{cx + 166}" cy="246" rx="44" ry="9" fill="{WATER}" stroke="{INK}" stroke-width="2"/>',
        f'<path d="M{cx + 152} 230 q -7 -7 0 -14 q 7 -7 0 -14 M{cx + 176} 230 q -7 -7 0 -14 q 7 -7 0 -14" {steam}/>',
    ]


def _pat(skin: Tone) -> list[str]:
    cx, cy = 136, 134
    tap = f'stroke="{INK}" stroke-width="3" stroke-linecap="round"'
    return [
        *_baby(cx, cy, skin),
        # a soft folded towel held on the cheek
        f'<g transform="rotate(-6 {cx + 62} {cy + 30})">'
        f'<rect x="{cx + 20}" y="{cy - 2}" width="86" height="64" rx="16" fill="{TOWEL}" stroke="{INK}" stroke-width="2.5"/>'
        f'<path d="M{cx + 34} {cy + 2} v 56 M{cx + 42} {cy + 2} v 56" stroke="{TOWEL_STRIPE}" stroke-width="4"/></g>',
        *_flat_hand(cx + 150, cy + 28, -6, skin, 0.9),
        # tap marks above the hand: pat, pat (up and down, no rubbing)
        f'<path d="M{cx + 86} {cy - 20} l -8 -16 M{cx + 104} {cy - 24} v -18 M{cx + 122} {cy - 20} l 8 -16" {tap}/>',
        f'<path d="M{cx + 150} {cy - 4} l 14 -8 M{cx + 154} {cy + 10} h 16" {tap}/>',
    ]


def _hands_off(skin: Tone, rim: str) -> list[str]:
    cx, cy = 128, 140
    milia = [(-4, 10), (5, 5), (1, 20), (-44, 22), (-36, 31), (-52, 33), (40, 24), (48, 32), (36, 36)]
    return [
        *_baby(cx, cy, skin),
        *(f'<circle cx="{cx + dx}" cy="{cy + dy}" r="3.4" fill="{CONTENTS}" stroke="{rim}" stroke-width="1.1"/>'
          for dx, dy in milia),
        *_open_hand(294, 214, skin, 0.86),
        *_no_squeezing(294, 82, skin),
    ]


def _no_squeezing(x: float, y: float, skin: Tone, r: float = 48) -> list[str]:
    """A "no" sign: a finger and a thumb pinching a tiny bump, inside a circle with a slash through it."""
    fingers = [  # each turned about its tip, so the two tips meet at the bump and the gap opens to the left
        '<rect x="-62" y="-19" width="70" height="14" rx="7" transform="rotate(16 1 -12)"/>',  # index finger
        '<rect x="-62" y="6" width="70" height="16" rx="8" transform="rotate(-16 1 14)"/>',  # thumb
    ]
    nails = (f'<ellipse cx="-4" cy="-14.5" rx="6" ry="3" transform="rotate(16 1 -12)" fill="{PILL}" fill-opacity="0.7" '
             f'stroke="{INK}" stroke-width="1"/>'
             f'<ellipse cx="-4" cy="16.5" rx="6" ry="3.2" transform="rotate(-16 1 14)" fill="{PILL}" fill-opacity="0.7" '
             f'stroke="{INK}" stroke-width="1"/>')
    d = r * 0.7071
    return [
        f'<g class="mk-washing-no" transform="translate({x} {y})">',
        f'<clipPath id="mk-washing-no-clip"><circle cx="0" cy="0" r="{r}"/></clipPath>',
        f'<circle cx="0" cy="0" r="{r}" fill="{PILL}"/>',
        # the pinch sits a little down and left, so the slash crosses the fingers but leaves the bump in view
        '<g clip-path="url(#mk-washing-no-clip)"><g transform="translate(-10 14)">', *_solid(fingers, skin.surface), nails,
        f'<circle cx="6" cy="1" r="4.5" fill="{CONTENTS}" stroke="{INK}" stroke-width="1.2"/>',  # the bump between them
        "</g></g>",
        f'<circle cx="0" cy="0" r="{r}" fill="none" stroke="{NO}" stroke-width="7"/>',
        f'<line x1="{-d:.1f}" y1="{-d:.1f}" x2="{d:.1f}" y2="{d:.1f}" stroke="{NO}" stroke-width="7" stroke-linecap="round"/>',
        "</g>",
    ]
