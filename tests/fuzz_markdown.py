"""Hypothesis strategies for tests/test_fuzz.py's Markdown: pages and module files with ::: blocks,
links, images, headings and reference definitions."""

from __future__ import annotations

from fuzz_yaml import MODULE_META, TEXT, VALUES, WORDY, yaml_text
from hypothesis import strategies as st

TARGETS = (
    st.sampled_from(
        [
            "images/x.png",
            "images/a b.png",
            "<images/a b.png>",
            "../x.png",
            "../../course/course.yaml",
            "/etc/passwd",
            "//example.com/a.png",
            "http://example.com/a.png",
            "",
            ".",
            "./",
            "images/",
            "images\\x.png",
            "C:\\x.png",
            "01-fire-triangle.md",
            "02-alarm.md#top",
            "03-none.md",
            "#frag",
            "data:image/png;base64,AAAA",
            "javascript:alert(1)",
            "mailto:a@b.c",
            "%zz",
            "images/%2e%2e/x.png",
            "images/caf%C3%A9.png",
            "?q=1",
            "../other-module/01-x.md",
        ]  # fmt: skip
    )
    | TEXT
)
INLINE = st.one_of(
    TEXT,
    st.sampled_from(
        ["**bold**", "*em*", "`code`", "<b>raw</b>", "&amp; &#0; &#x110000;", "\\", "\x00"]
    ),
    st.builds("![{}]({})".format, TEXT, TARGETS),
    st.builds("[{}]({})".format, TEXT, TARGETS),
    st.builds("[{}]: {}".format, TEXT, TARGETS),
)
LINE = st.one_of(
    st.lists(INLINE, max_size=4).map(" ".join),
    st.builds("{} {}".format, st.sampled_from(["#", "##", "###", "######", "#######"]), TEXT),
    st.builds(
        "::: {} {}".format,
        st.sampled_from(["case-study", "lens", "activity", "key-points", "unknown", ""]),
        st.sampled_from(["manager", "rep", "other", ""]) | TEXT,
    ),
    st.sampled_from(
        [
            ":::",
            "::::",
            "- item",
            "1. item",
            "> quote",
            "```",
            "~~~",
            "    code",
            "---",
            "| a | b |",
            "|---|---|",
            "",
            "  ",
            "<div>",
            "</div>",
            "<!-- x",
        ]
    ),  # fmt: skip
)
MARKDOWN = st.lists(LINE, max_size=25).map("\n".join)


@st.composite
def page_text(draw) -> str:
    title = draw(st.sampled_from(["# "] * 6 + ["#", "", "## ", "  # "])) + draw(WORDY | TEXT)
    return title + "\n" + draw(MARKDOWN) + "\n"


@st.composite
def module_text(draw) -> str:
    front = draw(yaml_text(MODULE_META | VALUES))
    opening, closing = draw(
        st.sampled_from([("---", "---"), ("---", "---"), ("---", ""), ("", "---")])
    )
    return f"{opening}\n{front}{closing}\n{draw(MARKDOWN)}\n"
