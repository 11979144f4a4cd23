"""With no LMS the same package runs as a web course and keeps progress in localStorage."""

from __future__ import annotations

from test_accessibility import open_standalone


def test_standalone_completes_and_resumes(page, base_url):
    trainee = open_standalone(page, base_url, "minimal")
    notice = page.inner_text("#dfc-notice")
    assert "not being recorded" in notice
    trainee.start("rep")
    trainee.next()
    data = trainee.data()
    key = f"dfc:{data['courseId']}@{data['version']}"
    here = trainee.current()
    page.reload()
    page.wait_for_function(
        "id => DFC.app.nav.current >= 0 && DFC.data().screens[DFC.app.nav.current].id === id",
        arg=here,
    )
    assert page.evaluate("() => DFC.app.state.role") == "rep"
    trainee.complete_course(final_right=True)
    record = page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)
    assert record["status"] == {"completion": "completed", "success": "passed", "score": 100}
    assert record["location"] == data["screens"][-1]["id"]
    page.reload()
    page.wait_for_function("() => DFC.app.nav.current >= 0")
    assert trainee.current() == data["screens"][-1]["id"]
    assert page.is_visible("#dfc-screen [data-dfc-quiz-result]")
    assert page.problems == []
    assert all(u.startswith(base_url) or u.startswith("data:") for u in page.requests)
