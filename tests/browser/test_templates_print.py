"""A template prints on its own from the course: the button works by keyboard, and while it
prints everything else on the screen is hidden."""

from __future__ import annotations

from trainee import Trainee


def test_print_this_template_prints_only_the_template(page, base_url):
    page.goto(f"{base_url}/bundled-web/index.html")
    trainee = Trainee(page, in_lms=False)
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)")
    trainee.start("rep")
    index = page.evaluate(
        "DFC.data().screens.findIndex(s => s.id === 'why-change-together/working-together')"
    )
    page.evaluate("i => DFC.app.nav.go(i)", index)
    page.wait_for_selector("#dfc-screen .dfc-template [data-dfc-print]")
    page.evaluate(
        "() => { window.printed = []; window.print = () => window.printed.push("
        "[document.body.classList.contains('dfc-print-one'),"
        " document.querySelectorAll('.dfc-print-this').length]); }"
    )
    page.focus("#dfc-screen [data-dfc-print]")
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == [[True, 1]]
    page.emulate_media(media="print")
    shown = page.evaluate(
        "() => Array.from(document.querySelectorAll('#dfc-screen article > *'))"
        ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"
    )
    assert shown == ["dfc-template dfc-print-this"]
    assert not page.is_visible("#dfc-screen [data-dfc-print]")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('.dfc-print-this').length") == 0
    shown = page.evaluate(
        "() => Array.from(document.querySelectorAll('#dfc-screen article > *'))"
        ".filter(e => getComputedStyle(e).display !== 'none').length"
    )
    assert shown > 3  # printing the whole page again shows the whole page


def test_template_pages_pass_axe_at_phone_width(page, base_url):
    from test_accessibility import assert_accessible

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{base_url}/bundled-web/index.html")
    trainee = Trainee(page, in_lms=False)
    page.wait_for_function("() => !!(window.DFC && DFC.app && DFC.app.nav)")
    trainee.start("manager")
    screens = trainee.data()["screens"]
    with_templates = 0
    for index, screen in enumerate(screens):
        if screen["kind"] != "page":
            continue
        page.evaluate("i => DFC.app.nav.go(i)", index)
        page.wait_for_function(
            "id => DFC.data().screens[DFC.app.nav.current].id === id", arg=screen["id"]
        )
        if not page.query_selector("#dfc-screen .dfc-template"):
            continue
        with_templates += 1
        wide = page.evaluate(
            "() => Array.from(document.querySelectorAll('#dfc-screen table'))"
            ".filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.tabIndex)"
        )
        assert all(i == 0 for i in wide), "a table that scrolls sideways takes focus"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert_accessible(page, f"{screen['id']} at 320 px")
    assert with_templates == 6
