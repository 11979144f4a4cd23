"""The fast YAML reader (builder/yamlfile.py) agrees with ruamel, or leaves the file to it.

parse_yaml reads course files with a small line-based reader and falls back to ruamel's
round-trip parser for anything that reader does not handle. Whenever the fast reader
returns a result, it must equal ruamel's: the same data, the same Python types, the same
line for every key and item.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import Problems
from builder.load import split_front_matter
from builder.yamlfile import YamlSyntaxError, _fast_parse, _parse_ruamel, parse_yaml

REPO = Path(__file__).resolve().parents[1]


def typed(value: object) -> object:
    """The value with the type of every scalar, so True and 1 differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def agrees(text: str, first_line: int = 1) -> bool:
    """True when the fast reader handled `text` (and matched ruamel); False when it left it."""
    fast = _fast_parse(text, "f.yaml", first_line)
    if fast is None:
        return False
    try:
        slow = _parse_ruamel(text, "f.yaml", first_line)
    except YamlSyntaxError as exc:
        raise AssertionError(
            f"the fast reader accepted what ruamel refuses: {exc.message}"
        ) from None
    assert typed(fast.data) == typed(slow.data), text
    assert fast.lines == slow.lines, text
    return True


def course_texts() -> list[tuple[str, str, int]]:
    found = []
    for root in (REPO, *sorted((REPO / "tests" / "fixtures").iterdir())):
        for path in sorted(root.glob("quizzes/*.yaml")) + sorted(root.glob("course/course.yaml")):
            found.append((str(path.relative_to(REPO)), path.read_text("utf-8-sig"), 1))
        for path in sorted(root.glob("modules/*/module.md")):
            split = split_front_matter(path.read_text("utf-8-sig"), str(path), Problems())
            if split:
                found.append((str(path.relative_to(REPO)), split[0], 2))
    return found


@pytest.mark.parametrize(("name", "text", "first"), course_texts(), ids=lambda v: str(v)[:40])
def test_every_course_file_reads_the_same(name, text, first):
    assert agrees(text, first) or "fixtures" in name  # the bundled course takes the fast path


def test_the_generated_benchmark_course_reads_the_same(tmp_path):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("dfc_gen_course", REPO / "bench/gen_course.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.generate(tmp_path / "c", modules=2)
    for path in sorted((tmp_path / "c").rglob("*.yaml")):
        assert agrees(path.read_text("utf-8")), path


@pytest.mark.parametrize(
    "text",
    [
        "a: true\nb: yes\nc: 12\nd: ~\ne: null\nf: 'it''s'\ng: \"x\\ty \\u00e9\"\n",
        "a:\n- x\n- y\nb:\n  - id: a\n    text: b\n  -   id: c\n      n: 0\n",
        'a: [x, "y, z", 3]\nb: []\nc: {id: a, text: "Not at all", score: 0}\n',
        "a: >-\n  folded\n  text\n\n  para\nb: |\n  lit\n    more\nc: x # comment\n",
        "# only a comment\n\n",
        "",
        "a: |\n  no final newline",
    ],
)
def test_the_subset_it_reads(text):
    assert agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !tag x\n",
        "a: 1.5\n",  # numbers other than plain integers
        "a: 2020-01-01\n",
        "a: b\na: c\n",  # a duplicate key: ruamel names both lines
        "a: multi\n  line\n",
        "a:\tb\n",
        'a: "unclosed\n',
        "- top level list\n",
        "a: b: c\n",
        "%YAML 1.1\n---\na: yes\n",
        "a: |+\n  kept\n\n",
        "a: {b: [c]}\n",
    ],
)
def test_it_leaves_everything_else_to_ruamel(text):
    assert _fast_parse(text, "f.yaml", 1) is None


def test_errors_are_ruamels():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: b\na: c\n", "f.yaml")
    assert caught.value.message == 'the key "a" appears twice (first at line 1): keep only one'
    assert caught.value.line == 2


KEYS = st.sampled_from(["a", "id", "text", "on", "k-1", "true", "1", "a b", "'q'"])
VALUES = st.sampled_from(
    [
        "", "x", "hello world", "It's", "a:b", "a: b", "a #c", "#c", "12", "012", "-1", "1.5",
        "true", "yes", "~", "null", "~x", '"q"', '"a\\"b"', '"a\\qb"', "'it''s'", "'a' 'b'",
        "[a, b]", '[a, "b, c", 3]', "[]", "[a,]", "[,]", "{a: b}", "{a: 1, b: 'x, y'}", "{a:b}",
        "&x a", "*x", "|", "|-", ">", ">-", "|+", "-", "- a", "é ü", "\u2028", '"unclosed',
    ]
)  # fmt: skip
LINES = st.tuples(
    st.integers(0, 5),
    st.one_of(
        st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}".rstrip(" ")),
        st.tuples(KEYS, VALUES).map(lambda kv: f"- {kv[0]}: {kv[1]}"),
        VALUES.map(lambda v: f"- {v}"),
        VALUES,
        st.sampled_from(["", "# comment", "-", "---"]),
    ),
).map(lambda t: " " * t[0] + t[1])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINES, max_size=10), st.booleans())
def test_random_documents(lines, trailing_newline):
    agrees("\n".join(lines) + ("\n" if trailing_newline else ""))
