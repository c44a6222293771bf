"""Every step of the guide as a new visitor sees it, at a phone's width and a desktop's, saved for review.

`make screenshots` (or `python tools/screenshots.py [folder]`): `screenshots/<width>/<lang>-<mode>-<n>-<step>.png`
for widths 360 and 1280, each language and both modes, each step opened by its deep link in a fresh browser tab.
`tests/browser/test_layout.py` checks the same pages for clipped text, sideways overflow and small controls.
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from milia_kit import strings  # noqa: E402
from milia_kit.harness import Running, launch_chromium  # noqa: E402
from milia_kit.visit import MODES, STEPS  # noqa: E402

WIDTHS = (360, 1280)
HEIGHT = {360: 780, 1280: 900}
READY = "() => document.body.getAttribute('data-mk-ready') === 'true'"


def open_step(browser, url: str, step: str, lang: str, mode: str, width: int):
    """A fresh tab on `step`, drawn and settled (fonts, pictures); the caller closes its context."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT.get(width, 900)}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{url}?step={step}&lang={lang}&mode={mode}")
    page.wait_for_selector("body[data-mk-synced] .mk-step-title", timeout=60_000)
    page.wait_for_function(READY, timeout=60_000)
    page.evaluate("() => document.fonts.ready")
    return context, page


def main(folder: Path = Path("screenshots")) -> list[Path]:
    server = Running()
    saved = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for width in WIDTHS:
                for lang in strings.available_languages():
                    for mode in MODES:
                        for number, step in enumerate(STEPS, 1):
                            context, page = open_step(browser, server.url, step, lang, mode, width)
                            path = folder / str(width) / f"{lang}-{mode}-{number}-{step}.png"
                            path.parent.mkdir(parents=True, exist_ok=True)
                            page.screenshot(path=str(path), full_page=True)
                            saved.append(path)
                            context.close()
            browser.close()
    finally:
        server.stop()
    print(f"{len(saved)} screenshots in {folder}/")
    return saved


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots"))
