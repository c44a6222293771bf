"""Draws where milia usually are: a sleeping newborn's face from the front, with milia, and says in words what it shows.

Many tiny pearly-white dots, most of them on the nose, some on the cheeks and the chin, a few on the forehead
(Mayo Clinic; MedlinePlus: "upper cheeks, nose, and chin"). Three label pills with leader lines (Nose, Cheeks,
Chin) and a one-line caption under the picture. No redness anywhere: milia have none, and rosy cheeks would
suggest it.

Same style as the other drawings (milia_kit/drawing.py): its palette, INK outlines, the warm PAPER behind, its
white label pills (`drawing.label`), `svg_open` for a title and a description. A pure function of (words, tone):
the same input always gives the same SVG.

Print size: the viewBox is `VIEW_WIDTH` px wide; the labels are drawing.label's 16 px and the caption
`CAPTION_SIZE` px, so printed 8 cm wide (226.8 pt) the labels are 16 x 226.8 / 380 = 9.5 pt and the caption
20 x 226.8 / 380 = 11.9 pt (`printed_pt`), above the 9 pt floor for a handout read beside 10 pt text.

Skin tones: the face is drawn in the chosen tone (drawing.TONES) with a thick INK outline. Each milium is a
pearly dot (drawing.CONTENTS) with a thin darker rim (lookalike_drawing.LOOKS[tone].rim), so it shows on light
skin, where the white alone is too close to the skin: on every tone the dot or its rim is at least 3:1 against
the skin. The labels name the places, so nothing relies on colour.

Every id starts with "mk-face-", so the drawing can share a page with the others.
"""
from __future__ import annotations

import math

from .drawing import CONTENTS, DEFAULT_TONE, INK, PAPER, TONES, Tone
from .drawing import label, svg_open, svg_text, text_width
from .lookalike_drawing import LOOKS, Look
from .strings import Strings

__all__ = ["face_svg", "describe", "PLACES", "LABELS", "VIEW_WIDTH", "CAPTION_SIZE", "LABEL_SIZE", "view_height",
           "printed_pt", "HAT", "ONESIE"]

VIEW_WIDTH = 380
CX, CY, RX, RY = 190, 178, 94, 104  # the face: an oval
CAPTION_SIZE = 20
LABEL_SIZE = 16  # drawing.label's size
LINE = 26
PRINT_WIDTH_PT = 8 / 2.54 * 72  # 8 cm in points: 226.8
OUTLINE = 5  # as the washing picture: a thick INK outline shows outside each skin-coloured shape

HAT, HAT_STRIPE = "#a9cde8", "#7aa9cc"  # a soft knitted hat
ONESIE = "#bfdcc8"

# Where the milia are, most first: (centre x, centre y, half-width, half-height, how many, turn of the pattern).
PLACES = {
    "nose": (CX, CY + 46, 16, 12, 16, 0.4),
    "cheeks": None,  # two, below: one on each side
    "chin": (CX, CY + 94, 20, 6, 6, 1.3),
    "forehead": (CX, CY - 38, 44, 8, 4, 2.1),
}
CHEEKS = ((CX - 52, CY + 58, 20, 14, 8, 0.9), (CX + 52, CY + 58, 20, 14, 8, 2.7))
LABELS = ("nose", "cheeks", "chin")


def face_svg(words: Strings, tone: str = DEFAULT_TONE, caption: bool = True, labels: bool = True) -> str:
    """The face in one SVG, in the chosen skin tone. An unknown tone falls back to the default.

    `caption=False`: the face and its labels only, with no caption under them (as washing_svg: a printed handout
    can set the caption as text under the picture, at the size of its body text). `labels=False` as well: the
    face alone, for the printed handout's small picture, where the pills would print under 9 pt and the caption,
    as text, names the places.
    """
    name = tone if isinstance(tone, str) and tone in TONES else DEFAULT_TONE
    skin, look = TONES[name], LOOKS[name]
    height = view_height(words) if caption else CY + RY + 48
    nose, cheek, chin = _dots(PLACES["nose"]), _dots(CHEEKS[1]), _dots(PLACES["chin"])
    upper_left = min((d for d in nose if d[1] < PLACES["nose"][1]), key=lambda d: d[0])  # where the nose's line ends
    right = max(cheek, key=lambda d: d[0])  # the right cheek's dot furthest right
    parts = [
        svg_open("face", words.text("face.title"), describe(words), VIEW_WIDTH, height),
        f'<rect x="0" y="0" width="{VIEW_WIDTH}" height="{height}" rx="18" fill="{PAPER}"/>',
        *_shoulders(),
        *_head(skin, look.rim),
        *_features(skin, look),
        *_milia(look.rim),
        *_hat(),
    ]
    if labels:
        parts += [
        label(12, CY + 2, words.text("face.labels.nose"), None, (upper_left[0] - 3, upper_left[1]), room=120),
        label(VIEW_WIDTH - 12 - _pill(words.text("face.labels.cheeks")), CY + 96, words.text("face.labels.cheeks"), None,
              (right[0], right[1] + 1), room=120),
        label(CX - 130, CY + RY + 6, words.text("face.labels.chin"), None, (chin[0][0] - 3, chin[0][1] + 2), room=120),
        ]
    if caption:
        parts += ['<g class="mk-face-caption">',
                  *(svg_text(VIEW_WIDTH / 2, CY + RY + 76 + LINE * i, line, anchor="middle", size=CAPTION_SIZE,
                             weight="bold") for i, line in enumerate(_lines(words.text("face.caption")))),
                  "</g>"]
    return "".join([*parts, "</svg>"])


def describe(words: Strings) -> str:
    """The picture in words (the SVG's <desc>): the full text alternative, for screen readers and for everyone."""
    return words.text("face.description")


def view_height(words: Strings) -> int:
    """The SVG's height for these words: the face, the shoulders, and the caption's lines under them."""
    return CY + RY + 76 + LINE * (len(_lines(words.text("face.caption"))) - 1) + 18


def printed_pt(size: int, print_width_pt: float = PRINT_WIDTH_PT) -> float:
    """The size, in points, of `size` px words when the picture is printed `print_width_pt` wide (default 8 cm)."""
    return size * print_width_pt / VIEW_WIDTH


# --- Parts -----------------------------------------------------------------------------------------------

def _lines(text: str) -> list[str]:
    """The caption in as few lines as fit across the picture, each line as full as it can be."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", CAPTION_SIZE) <= VIEW_WIDTH - 28:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _pill(text: str) -> float:
    """How wide drawing.label draws a one-line pill with no number."""
    return 24 + text_width(text, LABEL_SIZE)


def _dots(place: tuple) -> list[tuple[float, float, float]]:
    """(x, y, radius) of the milia in one place: spread evenly over an oval (a sunflower pattern), a fixed wobble."""
    cx, cy, rx, ry, n, turn = place
    dots = []
    for i in range(n):
        r = math.sqrt((i + 0.5) / n)
        a = i * 2.399963 + turn
        wobble = 0.1 * math.sin(i * 12.9898 + turn)
        dots.append((cx + rx * (r + wobble) * math.cos(a), cy + ry * (r - wobble) * math.sin(a), 2.6 + 0.4 * (i % 3)))
    return dots


def _solid(shapes: list[str], fill: str) -> list[str]:
    """Shapes (SVG elements with no fill yet) as one solid piece: a thick INK outline around them all, then the fill."""
    outline = [s.replace("/>", f' fill="{INK}" stroke="{INK}" stroke-width="{OUTLINE}" stroke-linejoin="round"/>')
               for s in shapes]
    return outline + [s.replace("/>", f' fill="{fill}"/>') for s in shapes]


def _shoulders() -> list[str]:
    bottom = CY + RY + 40
    return [f'<path d="M{CX - 150} {bottom} C {CX - 140} {CY + RY - 18}, {CX + 140} {CY + RY - 18}, {CX + 150} {bottom} Z" '
            f'fill="{ONESIE}" stroke="{INK}" stroke-width="2.5"/>']


def _head(skin: Tone, rim: str) -> list[str]:
    ears = [f'<ellipse cx="{CX - RX + 2}" cy="{CY + 14}" rx="17" ry="22"/>',
            f'<ellipse cx="{CX + RX - 2}" cy="{CY + 14}" rx="17" ry="22"/>']
    return [*_solid([*ears, f'<ellipse cx="{CX}" cy="{CY}" rx="{RX}" ry="{RY}"/>'], skin.surface),
            *(f'<path d="M{CX + s * (RX - 6)} {CY + 6} q {s * 8} 8 0 18" fill="none" stroke="{rim}" '
              f'stroke-width="2.5" stroke-linecap="round" opacity="0.5"/>' for s in (-1, 1))]  # inside each ear


def _features(skin: Tone, look: Look) -> list[str]:
    """Closed eyes, faint eyebrows, a small nose and mouth. The soft lines are the tone's brown rim colour, half
    see-through, never the skin's pinker lining: nothing around the milia may look red."""
    line = f'fill="none" stroke="{INK}" stroke-width="3" stroke-linecap="round"'
    soft = f'fill="none" stroke="{look.rim}" stroke-width="2.5" stroke-linecap="round" opacity="0.5"'
    nostril = f'fill="none" stroke="{look.rim}" stroke-width="3.5" stroke-linecap="round" opacity="0.6"'
    eye_y = CY + 14
    eyes = " ".join(f"M{CX + s * 52 - 18} {eye_y} q 18 14 36 0" for s in (-1, 1))  # closed, asleep
    lashes = " ".join(f"M{CX + s * 52 + dx} {eye_y + 6 + abs(dx) * -0.1:.1f} l {dx * 0.15:.1f} 6"
                      for s in (-1, 1) for dx in (-10, 0, 10))
    return [
        # a few fine hairs under the hat, on the forehead's edge
        *(f'<path d="M{CX - 30 + 14 * i} {CY - 64} q {3 + i} 10 {-2 + i} 18" fill="none" stroke="{look.hair}" '
          f'stroke-width="2.2" stroke-linecap="round"/>' for i in range(5)),
        f'<path d="M{CX - 68} {eye_y - 16} q 16 -8 32 -2 M{CX + 36} {eye_y - 18} q 16 -6 32 2" {soft}/>',
        f'<path d="{eyes}" {line}/>',
        f'<path d="{lashes}" stroke="{INK}" stroke-width="2" stroke-linecap="round"/>',
        # a small nose: a soft round tip, its sides and the two nostrils
        f'<ellipse cx="{CX}" cy="{CY + 48}" rx="21" ry="15" fill="{skin.deeper}" opacity="0.35"/>',
        f'<path d="M{CX - 19} {CY + 58} q -8 -14 6 -26 M{CX + 19} {CY + 58} q 8 -14 -6 -26" {soft}/>',
        f'<path d="M{CX - 11} {CY + 63} q 4 -4 8 0 M{CX + 11} {CY + 63} q -4 -4 -8 0" {nostril}/>',
        # a small, calm mouth
        f'<path d="M{CX - 12} {CY + 79} q 12 7 24 0" {line} stroke-opacity="0.75"/>',
    ]


def _milia(rim: str) -> list[str]:
    places = [("nose", PLACES["nose"]), ("cheeks", CHEEKS[0]), ("cheeks", CHEEKS[1]), ("chin", PLACES["chin"]),
              ("forehead", PLACES["forehead"])]
    parts = []
    for name, place in places:
        parts.append(f'<g class="mk-face-milia mk-face-{name}">')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{CONTENTS}" stroke="{rim}" stroke-width="1.1"/>'
                  for x, y, r in _dots(place)]
        parts.append("</g>")
    return parts


def _hat() -> list[str]:
    """A soft knitted hat over the top of the head, with a folded brim and a small pompom."""
    top = CY - RY - 26
    brim_y = CY - 58
    crown = (f'<path d="M{CX - RX - 6} {brim_y + 6} C {CX - RX - 4} {top + 20}, {CX - 40} {top}, {CX} {top} '
             f'C {CX + 40} {top}, {CX + RX + 4} {top + 20}, {CX + RX + 6} {brim_y + 6} Z"/>')
    brim = (f'<path d="M{CX - RX - 10} {brim_y - 8} Q {CX} {brim_y - 34} {CX + RX + 10} {brim_y - 8} '
            f'L {CX + RX + 10} {brim_y + 14} Q {CX} {brim_y - 12} {CX - RX - 10} {brim_y + 14} Z"/>')
    ribs = " ".join(f"M{CX + dx} {brim_y - 20 + abs(dx) * 0.13:.1f} v 18" for dx in range(-84, 85, 14))
    return [
        f'<circle cx="{CX}" cy="{top - 6}" r="16" fill="{HAT}" stroke="{INK}" stroke-width="2.5"/>',  # pompom
        crown.replace("/>", f' fill="{HAT}" stroke="{INK}" stroke-width="2.5" stroke-linejoin="round"/>'),
        brim.replace("/>", f' fill="{HAT}" stroke="{INK}" stroke-width="2.5" stroke-linejoin="round"/>'),
        f'<path d="{ribs}" stroke="{HAT_STRIPE}" stroke-width="2" stroke-linecap="round"/>',
    ]
