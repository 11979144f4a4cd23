"""IBM Equal Access, the second accessibility engine beside axe.

The engine (npm `accessibility-checker-engine`, pinned in package.json) is read from
node_modules and evaluated in the page, so nothing is fetched. It runs its own default rule
set, "IBM_Accessibility" (WCAG 2.2 AA with IBM's additions). Every result it marks FAIL or
POTENTIAL (needs review), at the violation and the recommendation levels, fails a test unless
an entry of ALLOWED covers it: one rule, on elements matching one narrow selector, with the
reason we judge it a false positive. Results the engine marks MANUAL are checklists it
raises for every page whatever the page holds (for example "confirm Windows high contrast mode
is supported"): they say nothing about a page, and the forced-colours tests do that check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENGINE = Path(__file__).parent / "node_modules" / "accessibility-checker-engine" / "ace.js"
RULESET = "IBM_Accessibility"


@dataclass(frozen=True)
class Allowed:
    rule: str
    selector: str
    reason: str


# Text of a screen's or the statement's article: headings, paragraphs, list items, table
# cells, question prompts and hints (the runtime's marking has an entry of its own).
PROSE = (
    "main article :is(h1, h2, h3, h4, p, li, td, th, blockquote, legend, label)"
    ":not(.dfc-error, [data-dfc-result], [data-dfc-quiz-result] *)"
)
# The runtime's marking: each question's result, the quiz's or self-assessment's result, and
# the live region that announces them.
MARKING = "[data-dfc-result], [data-dfc-quiz-result], [data-dfc-quiz-result] *, #dfc-live"
CONTROLS = "a[href], button, input, select, summary, [tabindex]"

ALLOWED = (
    Allowed(
        "element_tabbable_visible",
        "a.dfc-skip",
        "The skip link sits off-screen until it takes focus, then shows at the top left "
        "(dfc.css .dfc-skip:focus); test_skip_link_shows_when_focused checks it.",
    ),
    Allowed(
        "style_focus_visible",
        CONTROLS,
        "A review prompt for any control whose border or outline the stylesheet sets. Every "
        "control gets a 3 px outline and a 6 px ring on :focus-visible (dfc.css), in forced "
        "colours too; test_focus_ring_shows_on_every_control checks it on each kind.",
    ),
    Allowed(
        "element_tabbable_unobscured",
        ".dfc-menu-open :is(#dfc-menu, main, .dfc-footer) :is(a[href], button, input, select)",
        "On a phone the open contents menu lies over the screen (z-index 5, the header does "
        "not stick). Its own links are on top; a control beneath it cannot be focused while "
        "covered, because focus anywhere outside the menu closes it (nav.js). "
        "test_open_menu_covers_nothing_focused checks both.",
    ),
    Allowed(
        "target_spacing_sufficient",
        ".dfc-menu-open main :is(a[href], button, input, select)",
        "Only while the phone's contents menu is open does it overlap the controls beneath; "
        "a tap or focus outside it closes it first.",
    ),
    Allowed(
        "style_color_misuse",
        "link[rel=stylesheet][href$='dfc.css']",
        "A review prompt raised on the stylesheet itself. Colour never carries meaning alone: "
        "right and wrong are said in words, your lens is marked by its heading and a wider "
        "border, the profile bars carry their numbers in a table.",
    ),
    Allowed(
        "text_block_heading",
        "p.dfc-course-title",
        "The course's name in the banner of every screen labels the course, not a section: the "
        "screen's own title is its h1.",
    ),
    Allowed(
        "text_quoted_correctly",
        PROSE,
        "Course text puts titles of publications and names of initiatives in quotation marks "
        "('Working Together for Best Value'); they are titles, not quotations.",
    ),
    Allowed(
        "text_sensory_misuse",
        PROSE,
        "The engine takes 'right', 'left', 'shape', 'triangle', 'large' and the like in course "
        "text as directions to places or shapes on the screen; here they mean correct (the "
        "hint 'Choose the right match'), to shape a service, the fire triangle, large text, "
        "and so on. No instruction depends on position or shape.",
    ),
    Allowed(
        "text_sensory_misuse",
        MARKING,
        "The marking says 'Right' and 'Not right' for correct and incorrect, and 'read the "
        "feedback on each answer below'; the self-assessment's result says answers are 'left "
        "out of the average' and names 'the statements below'. What is below follows in "
        "reading order too (test_trainee_screen checks the quiz's order).",
    ),
    Allowed(
        "element_attribute_deprecated",
        "meta[http-equiv='Content-Security-Policy']",
        "A package is static files on an LMS, so its security policy can only be set by "
        "http-equiv; HTML defines http-equiv=Content-Security-Policy as a current pragma.",
    ),
    Allowed(
        "input_label_visible",
        ":is(.dfc-pair, .dfc-order) > label + select",
        "Each matching and ordering select has a visible <label for> just before it. Engine "
        "4.0.34 accepts a visible label only for input and button elements; axe's label "
        "rule passes the same selects.",
    ),
    Allowed(
        "media_alt_brief",
        "#dfc-screen article img",
        "A recommendation for text alternatives over 150 characters. A diagram's alt text is "
        "the only text version of what the diagram shows, so it names every part.",
    ),
)

CHECK = """async ([policy, allowed]) => {
  const report = await new ace.Checker().check(document, [policy]);
  const at = path => document.evaluate(
    path, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
  return report.results
    .filter(r => r.value[1] === 'FAIL' || r.value[1] === 'POTENTIAL')
    .map(r => {
      const node = at(r.path.dom);
      const entry = allowed.findIndex(([rule, selector]) =>
        rule === r.ruleId && node && node.nodeType === 1 && node.matches(selector));
      return {rule: r.ruleId, level: r.value.join(' '), path: r.path.dom, entry,
              message: r.message, snippet: (r.snippet || '').slice(0, 200)};
    });
}"""


def findings(page: Any) -> list[dict[str, Any]]:
    """Every FAIL and POTENTIAL result on the page as it is now, each with the index of the
    ALLOWED entry covering it (-1 when none does)."""
    if not page.evaluate("() => typeof ace !== 'undefined'"):
        page.evaluate(ENGINE.read_text(encoding="utf-8"))
    return page.evaluate(CHECK, [RULESET, [[a.rule, a.selector] for a in ALLOWED]])


def unexplained(page: Any, where: str, used: set[int] | None = None) -> list[str]:
    """The findings no ALLOWED entry covers, as readable lines; `used` collects the entries
    that covered something."""
    lines = []
    for found in findings(page):
        if found["entry"] >= 0:
            if used is not None:
                used.add(found["entry"])
            continue
        lines.append(
            f"{where}: {found['rule']} ({found['level']}) at {found['path']}\n"
            f"    {found['message']}\n    {found['snippet']}"
        )
    return lines
