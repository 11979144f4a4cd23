"""The bundled course in the pseudo-locale en-XA at 320 px: every screen, every page type.

In en-XA every letter of the course's own texts and of the interface catalogue is accented,
so any run of plain ASCII letters on screen is a word that bypassed the catalogue; and the
text is about 40 % longer, so nothing may stick out of the 320 px screen.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from trainee import Trainee

from builder import api

REPO = Path(__file__).parents[2]

LEFTOVERS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden], script, style')) continue;
    const words = node.textContent.match(/[A-Za-z]{3,}/g);
    if (words) found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth);
  const scrolls = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    if (!el.getClientRects().length || el.closest('[hidden], .dfc-visually-hidden')) continue;
    if (scrolls(el)) continue;  /* a wide table scrolls in its own box */
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.right > width + 1 && style.position !== 'fixed') out.push(el.tagName + '.' + el.className + ' right ' + Math.round(box.right));
    /* The phone header's course title alone may end in an ellipsis: its whole text is the
       start screen's h1 and the document's title (dfc.css). */
    const shortened = el.matches('.dfc-course-title') && style.textOverflow === 'ellipsis';
    if (style.overflow === 'hidden' && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim() && !shortened) out.push('cut ' + el.tagName + '.' + el.className);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def pseudo_site(site, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("pseudo")
    course = tmp / "course"
    for folder in ("course", "modules", "quizzes"):
        shutil.copytree(REPO / folder, course / folder)
    yaml = course / "course" / "course.yaml"
    text = yaml.read_text(encoding="utf-8").replace(
        "language: en-GB\n", "language: en-GB\nlanguages: [en-GB, en-XA]\n"
    )
    yaml.write_text(text, encoding="utf-8")
    report = api.build(course, tmp / "dist", ["web"])
    package = next(p.path for p in report.packages if "-en-XA-" in p.path.name)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(site / "pseudo-web")
    return "pseudo-web"


def test_every_screen_is_pseudo_localised_and_fits_320px(browser, base_url, pseudo_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{base_url}/{pseudo_site}/index.html")
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)")
    trainee = Trainee(page, in_lms=False)
    problems: dict[str, list[str]] = {}

    def check(where: str) -> None:
        for kind, found in (
            ("english", page.evaluate(LEFTOVERS)),
            ("overflow", page.evaluate(OVERFLOW)),
        ):
            if found:
                problems[f"{where} {kind}"] = found

    check("start")
    trainee.start("rep")
    kinds = set()
    while True:
        screen = page.evaluate("DFC.data().screens[DFC.app.nav.current]")
        kinds.add(screen["kind"])
        check(screen["id"])
        if screen["kind"] == "quiz":
            trainee.answer_all(False)
            trainee.submit()
            check(screen["id"] + " after submit")
        elif screen["kind"] == "diagnostic":
            trainee.rate_all()
            trainee.submit()
            check(screen["id"] + " after submit")
        if page.evaluate("DFC.app.nav.current") >= len(trainee.data()["screens"]) - 1:
            break
        trainee.next()
    context.close()
    assert kinds >= {"overview", "page", "quiz", "diagnostic"}
    assert problems == {}
