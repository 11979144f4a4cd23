"""Found on a 375 px phone and by other accessibility engines; each check keeps it fixed."""

from __future__ import annotations

from test_accessibility import go, open_standalone


def test_a_chosen_match_reads_in_full_at_320px(page, base_url):
    page.set_viewport_size({"width": 320, "height": 640})
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("manager")
    checked = 0
    for index, screen in enumerate(trainee.data()["screens"]):
        if screen["kind"] != "quiz":
            continue
        go(page, index)
        trainee.ready()
        for select in page.query_selector_all("#dfc-screen .dfc-pair select"):
            trainee.reveal(
                select.evaluate("s => s.closest('[data-dfc-question]').dataset.dfcQuestion")
            )
            longest = select.evaluate(
                "s => [...s.options].slice(1).sort((a, b) => b.text.length - a.text.length)[0]"
                ".value"
            )
            select.select_option(longest)
            shown = select.evaluate(
                """s => { const c = s.nextElementSibling, r = c.getBoundingClientRect();
                  return { text: c.textContent, want: s.options[s.selectedIndex].text,
                    fits: c.scrollWidth <= c.clientWidth && r.left >= 0 && r.right <= 320,
                    visible: r.height > 0 }; }"""
            )
            assert shown["text"] == shown["want"] and shown["fits"] and shown["visible"], shown
            checked += 1
    assert checked >= 6


def test_the_self_assessment_result_is_headed_text_not_one_bold_block(page, base_url):
    trainee = open_standalone(page, base_url, "bundled")
    trainee.start("rep")
    screens = trainee.data()["screens"]
    go(page, next(i for i, s in enumerate(screens) if s["kind"] == "diagnostic"))
    trainee.rate_all()
    trainee.submit()
    band = page.query_selector("#dfc-screen [data-dfc-band]:not([hidden])")
    weights = band.evaluate(
        "b => ({ p: getComputedStyle(b.querySelector('p')).fontWeight,"
        " li: getComputedStyle(b.querySelector('li')).fontWeight,"
        " h2: getComputedStyle(b.querySelector('h2')).fontWeight })"
    )
    assert weights["p"] == "400" and weights["li"] == "400"
    assert int(weights["h2"]) >= 600
