"""The runtime picks a count's plural form with Chromium's Intl.PluralRules, the builder with
Babel: for every count-dependent message the Welsh package carries, both give the same text
for each of CLDR's six Welsh categories (0, 1, 2, 3, 6 and 7 are zero, one, two, few, many and
other)."""

from __future__ import annotations

import zipfile

import pytest
from translate_helpers import welsh_course

from builder import api
from builder.interface.catalogue import messages, plural_category

COUNTS = (0, 1, 2, 3, 6, 7, 11, 100)


@pytest.fixture(scope="module")
def welsh_site(site, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("welsh-plurals")
    report = api.build(welsh_course(tmp), tmp / "dist", ["web"])
    package = next(p.path for p in report.packages if "-cy-" in p.path.name)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(site / "welsh-plurals")
    return "welsh-plurals"


def test_the_runtime_and_babel_agree_on_every_welsh_count(page, base_url, welsh_site):
    page.goto(f"{base_url}/{welsh_site}/index.html")
    page.wait_for_function("() => !!(window.DFC && DFC.app)")
    carried = page.evaluate(
        "() => Object.entries(DFC.data().interface)"
        ".filter(([, m]) => typeof m === 'object').map(([k]) => k)"
    )
    assert len(carried) >= 5
    welsh = messages("cy")
    for key in carried:
        said = page.evaluate(
            "([key, counts]) => counts.map((n) => DFC.tp(key, n, {other: '?'}, {}))",
            [key, list(COUNTS)],
        )
        # Babel's category; other placeholders are left as written, as the runtime leaves them.
        forms = [welsh[key].get(plural_category("cy", n), welsh[key]["other"]) for n in COUNTS]
        expected = [form.replace("{count}", str(n)) for form, n in zip(forms, COUNTS, strict=True)]
        assert said == expected, key
    forms = page.evaluate(
        "() => [0, 1, 2, 3, 6, 7].map((n) => new Intl.PluralRules('cy').select(n))"
    )
    assert forms == ["zero", "one", "two", "few", "many", "other"]
