"""The YAML reader: YAML 1.2 values, lines for every key and item, and plain-English faults."""

from __future__ import annotations

import pytest

from builder.load.yamlfile import YamlSyntaxError, parse_yaml


def read(text: str, first_line: int = 1):
    return parse_yaml(text, "f.yaml", first_line)


def fault(text: str) -> tuple[int | None, str]:
    with pytest.raises(YamlSyntaxError) as caught:
        read(text)
    return caught.value.line, caught.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("No", "No"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),  # text in YAML 1.2
        ("true", True),
        ("False", False),
        ("0", 0),
        ("-12", -12),
        ("1.0", 1.0),
        ("2e3", 2000.0),
        ("~", None),
        ("null", None),
        ("", None),
        ('"true"', "true"),
        ("'80'", "80"),
        ("2024-05-01", "2024-05-01"),
        ("0x1F", "0x1F"),
        ("!!str 12", "12"),
        ("{a: b}", {"a": "b"}),
        ("[a, 1]", ["a", 1]),
    ],
)
def test_values_follow_yaml_1_2(text, value):
    assert read(f"key: {text}\n").data == {"key": value}


def test_every_key_and_item_has_its_line():
    doc = read(
        "title: T\nquestions:\n  - id: q1\n    options:\n      - id: a\n      - id: b\n",
        first_line=2,
    )
    assert doc.line(("title",)) == 2
    assert doc.line(("questions", 0)) == 4
    assert doc.line(("questions", 0, "options", 1)) == 7
    assert doc.line(("questions", 0, "options", 1, "text")) == 7  # missing: nearest part


def test_keys_are_text():
    assert read("true: a\n1: b\n").data == {"true": "a", "1": "b"}


def test_merge_keys_fill_in_what_is_missing():
    text = "base: &base\n  a: 1\n  b: 2\nthing:\n  <<: *base\n  b: 3\n"
    assert read(text).data["thing"] == {"b": 3, "a": 1}


def test_duplicate_key():
    assert fault("a: 1\nb: 2\na: 3\n") == (
        3,
        'the key "a" appears twice (first at line 1): keep only one',
    )


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 8):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 10) + "]")
    line, message = fault("\n".join(lines) + "\n")
    assert message == "the file expands to too much data: check its & anchors and * aliases"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a:\n\tb: 1\n", 2, "a tab character is not allowed here: indent YAML with spaces"),
        ('a: "open\nb: 2\n', 1, "a quoted text is never closed: add the closing quote"),
        ("a: [1, 2\n", 1, "a bracket [ or { is never closed: add the closing ] or }"),
        (
            "a: b: c\n",
            1,
            "a colon followed by a space is not allowed here: put the text in quotes, "
            "or check the line's indentation",
        ),
        (
            "a: 1\n---\nb: 2\n",
            2,
            "the file holds more than one YAML document: remove the extra --- line",
        ),
        (
            "a: x\x07y\n",
            1,
            "the file contains a control character that YAML does not allow: delete it",
        ),
    ],
)
def test_faults_in_plain_words(text, line, message):
    assert fault(text) == (line, message)


def test_deep_nesting_is_a_fault_not_a_crash():
    line, message = fault("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested too deeply" in message or "YAML" in message
