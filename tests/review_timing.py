"""How big the review page is and how soon it is usable, for the seeds and 1,000 documents.

    .venv/bin/python -m tests.review_timing
    .venv/bin/python -m tests.review_timing --screenshot evals/review.png   # the README's picture

Prints, per page: its size, the seconds to build it, the milliseconds from navigation to the
first render (the index drawn: file read, HTML parsed, data parsed) in headless Chromium, and
the milliseconds to open one document. Numbers to report, not to assert.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path
from typing import Any

from evals.review import build_review, write_review
from tests import review_fixtures as fx
from tests.browser import MISSING, browser_installed, start_chromium

OPEN_DOCUMENT = """
const done = arguments[arguments.length - 1];
const started = performance.now();
window.addEventListener('hashchange', () => setTimeout(() => done(performance.now() - started), 0),
                        {once: true});
location.hash = 'doc=' + encodeURIComponent(arguments[0]);
"""


def measure(browser: Any, name: str, pred: Path, gold: Path, articles: Path, out: Path) -> None:
    started = time.perf_counter()
    page = build_review(pred, gold, articles)
    size = write_review(page, out)
    built = time.perf_counter() - started
    browser.get(out.as_uri())
    first_render = browser.execute_script("return window.reviewTimings.firstRender")
    last = page["documents"][-1]["id"]
    opened = browser.execute_async_script(OPEN_DOCUMENT, last)
    print(
        f"{name}: {len(page['documents'])} documents, {size / 1e6:.2f} MB, built in {built:.1f} s, "
        f"first render {first_render:.0f} ms, one document opened in {opened:.0f} ms"
    )


def screenshot(browser: Any, out: Path) -> None:
    """The seeds against gold: the Chinese seed, its first difference selected."""
    with tempfile.TemporaryDirectory() as temp, contextlib.chdir(temp):
        # Short relative folder names, as `make run` passes them, for the page's header.
        Path("seeds").symlink_to(fx.SEEDS)
        pred = fx.seed_run(Path("out"))
        page = Path(temp) / "review.html"
        write_review(build_review(pred, Path("seeds/gold")), page)
        browser.set_window_size(1280, 760)
        browser.get(page.as_uri() + f"#doc={fx.EDITED}")
        browser.find_element("tag name", "body").send_keys("j")
        time.sleep(0.2)
        browser.save_screenshot(str(out))
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.review_timing", description=__doc__)
    parser.add_argument("--screenshot", type=Path, help="only write the README's screenshot")
    args = parser.parse_args()
    if not browser_installed():
        raise SystemExit(MISSING)
    browser = start_chromium()
    if args.screenshot is not None:
        try:
            screenshot(browser, args.screenshot)
        finally:
            browser.quit()
        return
    try:
        with tempfile.TemporaryDirectory() as temp:
            root = Path(temp)
            pred = fx.seed_run(root / "seed-pred")
            measure(browser, "seeds", pred, fx.GOLD, fx.SEEDS, root / "seeds.html")
            gold, pred, articles = fx.synthetic_run(root / "synthetic", 1000)
            measure(browser, "synthetic", pred, gold, articles, root / "thousand.html")
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
