"""The placeholders of a message to participants: filled by name, never looked up; unknown ones and lone braces named."""

import pytest

from registration.placeholders import placeholders_fill, placeholders_problems


def test_placeholders_are_filled_by_name_and_danish_alias_and_braces_can_be_written():
    values = {"name": "Åse", "meeting": "Trivsel", "date": "01.02.2027 16.30"}
    assert placeholders_fill("Kære {name} / {navn}: {meeting} {dato} {{ok}}", values) == (
        "Kære Åse / Åse: Trivsel 01.02.2027 16.30 {ok}"
    )
    assert placeholders_problems("Kære {name}, {{literal}}") == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hej {navnet}", "navnet"),
        ("Hej {meeting.network.coordinator}", "meeting.network.coordinator"),
        ("Hej {name[0]}", "name[0]"),
        ("Hej {0}", "0"),
        ("Hej {name!r}", "name!r"),
        ("Hej {}", ""),
    ],
)
def test_an_unknown_placeholder_is_named(text, named):
    [problem] = placeholders_problems(text)
    assert problem.kind == "unknown" and problem.what == named
    assert f"{{{named}}}" in problem.message()
    # Left as typed, never looked up.
    assert placeholders_fill(text, {"name": "Åse"}) == text


@pytest.mark.parametrize("text", ["Hej {name", "Hej name}", "{ {name}", "Slut }"])
def test_a_lone_brace_is_a_problem(text):
    assert [p.kind for p in placeholders_problems(text)] == ["brace"]
