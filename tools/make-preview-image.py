"""Draw the picture link previews show (og:image): the jeans-pocket drawing beside the guide's title, 1200 x 630 px.

Run after the drawing or the title changes: `python tools/make-preview-image.py` (the OS Chromium draws it).
Writes assets/images/jeans-pocket-preview.png, which the readable guide names (milia_kit/readable.py).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from milia_kit import drawing, strings  # noqa: E402
from milia_kit.harness import launch_chromium  # noqa: E402
from milia_kit.markup import inline  # noqa: E402
from milia_kit.model import Pocket  # noqa: E402
from milia_kit.paths import ROOT  # noqa: E402

OUT = ROOT / "assets" / "images" / "jeans-pocket-preview.png"
WIDTH, HEIGHT = 1200, 630  # the size link previews ask for


def main() -> None:
    words = strings.load("en")
    skin, jeans = drawing.pocket_svgs(Pocket(), words)
    page_html = (
        f'<html><body style="margin:0;width:{WIDTH}px;height:{HEIGHT}px;background:{drawing.PAPER};'
        f'font-family:Liberation Sans,Arial,sans-serif;color:{drawing.INK};display:flex;align-items:center;gap:28px;padding:0 40px;box-sizing:border-box">'
        f'<div style="flex:0 0 470px">{skin}</div><div style="flex:1"><p style="font-size:54px;font-weight:bold;line-height:1.15;margin:0 0 18px">'
        f'{inline(words.text("app.title"))}</p><p style="font-size:30px;margin:0">{inline(words.text("app.subtitle"))}</p></div></body></html>')
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(page_html)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
