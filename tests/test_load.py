"""Tests for generator/records/load.py: the strict YAML loader.

Each refused file in tests/fixtures/load/ has its exact location, field and message pinned here;
inputs a file cannot hold well (huge, 50,000 levels deep) are generated in the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records.load import MAX_BYTES, MAX_DEPTH, MAX_DUPLICATES, Document, load_file, load_text
from generator.records.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures" / "load"
SHOWN = "data/topics/example.yml"  # the display path used in every message below

CANNOT_READ = "The YAML here cannot be read: "
SECOND_COLON = (
    'there is a second ": " on this line. If the text contains ": ", put the whole text in double '
    'quotes, as in title: "Logement : les priorités". If this line is a new field, line it up with '
    "the field above it."
)
CONTROL_HINT = "Delete it; such characters often come from copying text out of a PDF or a word processor."
NOT_A_MAPPING = 'A record must be made of fields such as "id: ...", one per line, but '
WRITE_FIELDS = 'Write each field as "name: value" — see CONTRIBUTING.md.'
RECORD_HINT = 'A record is a list of fields such as "id: ..." — see CONTRIBUTING.md, or delete the file.'

# fixture file -> (line, column, field, exact message)
REFUSED = {
    "duplicate_key.yml": (
        5,
        1,
        "title",
        '"title" appears twice in this record (first on line 2). Keep one of them.',
    ),
    "duplicate_key_nested.yml": (
        8,
        5,
        "follow_up[2].status",
        '"status" appears twice in "follow_up[2]" (first on line 6). Keep one of them.',
    ),
    "tab_indentation.yml": (
        3,
        1,
        "",
        (
            "This line is indented with a tab character. YAML needs spaces: replace the tab with "
            "spaces, lined up with the lines above."
        ),
    ),
    "several_documents.yml": (
        2,
        1,
        "",
        (
            'This "---" line starts a second record in the same file. A file holds one record: move '
            "what follows to its own file, or delete this line."
        ),
    ),
    "empty.yml": (1, 1, "", f"This file is empty. {RECORD_HINT}"),
    "comments_only.yml": (
        1,
        1,
        "",
        f"This file has no fields, only comments or blank lines. {RECORD_HINT}",
    ),
    "top_level_list.yml": (
        1,
        1,
        "",
        f'{NOT_A_MAPPING}this file starts a list of items with "-" here. {WRITE_FIELDS}',
    ),
    "top_level_scalar.yml": (
        1,
        1,
        "",
        f"{NOT_A_MAPPING}this file holds a single piece of text here. {WRITE_FIELDS}",
    ),
    "anchor.yml": (
        2,
        9,
        "source",
        (
            '"&paris" marks a part of the file to be repeated elsewhere (an anchor), which is not '
            'allowed in our data files. Delete "&paris" and write out in full every place that '
            "repeats it."
        ),
    ),
    "alias.yml": (
        2,
        9,
        "source",
        (
            '"*paris" repeats another part of the file (an alias), which is not allowed in our data '
            "files. Write the value out in full instead."
        ),
    ),
    "merge_key.yml": (
        3,
        3,
        "source",
        (
            '"<<" copies fields from another part of the file (a merge key), which is not allowed in '
            "our data files. Write the fields out in full instead."
        ),
    ),
    "billion_laughs.yml": (
        1,
        4,
        "a",
        (
            '"&a" marks a part of the file to be repeated elsewhere (an anchor), which is not allowed '
            'in our data files. Delete "&a" and write out in full every place that repeats it.'
        ),
    ),
    "tag_python_object.yml": (
        1,
        5,
        "id",
        (
            '"!!python/object/apply:os.system" is a YAML tag, which is not allowed in our data files. '
            "Delete it; if the value must stay as written, put it in double quotes."
        ),
    ),
    "tag_str.yml": (
        2,
        9,
        "number",
        (
            '"!!str" is a YAML tag, which is not allowed in our data files. Delete it; if the value '
            "must stay as written, put it in double quotes."
        ),
    ),
    "tag_custom.yml": (
        2,
        8,
        "title",
        (
            '"!fr" is a YAML tag, which is not allowed in our data files. Delete it; if the value '
            "must stay as written, put it in double quotes."
        ),
    ),
    "directive.yml": (
        1,
        1,
        "",
        (
            'Lines starting with "%" (YAML directives) are not used in our data files. Delete this '
            'line and the "---" line after it.'
        ),
    ),
    "depth.yml": (
        65,
        129,
        "level0",
        (
            f"The fields here are nested more than {MAX_DEPTH} levels deep. A record never needs that "
            "many: check the indentation and the brackets [ ] and { } above this point."
        ),
    ),
    "not_utf8.yml": (
        2,
        31,
        "",
        (
            "This file is not saved as UTF-8: the character here (byte 0xE2) cannot be read. It is "
            'often an accented letter saved in another encoding. Save the file with the "UTF-8" '
            "encoding in your editor, then check this character."
        ),
    ),
    "control_character.yml": (
        2,
        12,
        "",
        f"There is an invisible control character (U+0007) here. {CONTROL_HINT}",
    ),
    "control_c1.yml": (
        2,
        12,
        "",
        f"There is an invisible control character (U+0085) here. {CONTROL_HINT}",
    ),
    "line_separator.yml": (
        2,
        16,
        "",
        f"There is a Unicode line separator (U+2028) here. {CONTROL_HINT}",
    ),
    "bom_in_middle.yml": (2, 8, "", f"There is a byte order mark (U+FEFF) here. {CONTROL_HINT}"),
    "key_list.yml": (
        2,
        3,
        "",
        (
            "A field name here is a list instead of plain text. Write the field name as plain text "
            'before the colon, as in "title: ...".'
        ),
    ),
    "key_mapping.yml": (
        3,
        5,
        "title",
        (
            "A field name here is a group of fields instead of plain text. Write the field name as "
            'plain text before the colon, as in "title: ...".'
        ),
    ),
    "key_null.yml": (
        2,
        1,
        "",
        (
            'A field name is missing here (it is empty or "null"). Write the field name before the '
            'colon, as in "title: ...".'
        ),
    ),
    "syntax_unclosed_quote.yml": (
        2,
        8,
        "",
        (
            f'{CANNOT_READ}the quote (") opened here is never closed. Add the closing " at the end of '
            'the text. (YAML reader: "found unexpected end of stream")'
        ),
    ),
    "syntax_text_after_quote.yml": (
        3,
        10,
        "",
        (
            f"{CANNOT_READ}this text comes right after a closing quote. Put the whole text inside the "
            "quotes; if a quote on a line above is never closed, close it there. "
            "(YAML reader: \"expected <block end>, but found '<scalar>'\")"
        ),
    ),
    "syntax_colon_in_text.yml": (
        2,
        17,
        "",
        f'{CANNOT_READ}{SECOND_COLON} (YAML reader: "mapping values are not allowed here")',
    ),
    "syntax_key_value_value.yml": (
        2,
        11,
        "",
        f'{CANNOT_READ}{SECOND_COLON} (YAML reader: "mapping values are not allowed here")',
    ),
    "syntax_indented_too_far.yml": (  # "# response" uncommented without its space, one colon on the line
        5,
        14,
        "",
        f"{CANNOT_READ}this line is indented further than the line above it, so it cannot start a field here. "
        "Line it up with the field above it (the same number of spaces at the start of the line). "
        'If you pasted a block, check that the line that introduces it (such as "follow_up:") is '
        'above it, and that where you removed a "#" you also removed the space after it. '
        '(YAML reader: "mapping values are not allowed here")',
    ),
    "syntax_code_fence.yml": (  # the guide's ``` lines pasted with the example
        2,
        1,
        "",
        f'{CANNOT_READ}this line is "```", the frame around an example in the guide, not part of the record. '
        "Delete it: copy only the lines between the two ``` lines. "
        """(YAML reader: "found character '`' that cannot start any token")""",
    ),
    "escape_control_character.yml": (  # a Windows path in double quotes: "\b" is a backspace
        4,
        11,
        "sources[1].note",
        'This text in double quotes holds a backslash "\\" that YAML reads as a special code (here it '
        'makes an invisible character, as "\\a" or "\\b" do in a Windows path). Write "\\\\" for each '
        "backslash, or put the text in single quotes ' ' instead.",
    ),
    "text_cut_by_comment.yml": (  # the site would publish "Le budget" and nothing more
        3,
        7,
        "title.fr",
        'This text stops before " #": without quotes, YAML reads " #" and the rest of the line as a '
        "comment, so the site would publish the text cut short. Put the whole text in double quotes; if "
        "the end of the line is a comment, move it to a line of its own.",
    ),
    "nbsp_indentation.yml": (
        3,
        1,
        "",
        "This line is indented with a non-breaking space (U+00A0), which YAML does not count as "
        "indentation; it often comes from copying text out of a web page or a word processor. "
        "Delete the spaces at the start of the line and type ordinary spaces instead.",
    ),
    "syntax_bad_indentation.yml": (
        4,
        2,
        "",
        (
            f"{CANNOT_READ}this line is not lined up with the lines above it. Indent it with the same "
            "number of spaces as the other fields of its group. "
            "(YAML reader: \"expected <block end>, but found '<block mapping start>'\")"
        ),
    ),
    "syntax_unclosed_bracket.yml": (
        3,
        7,
        "",
        (
            f'{CANNOT_READ}a list in square brackets (opened on line 2) is not closed with "]", or a '
            "comma is missing between two items. "
            "(YAML reader: \"expected ',' or ']', but got ':'\")"
        ),
    ),
    "syntax_missing_colon.yml": (
        2,
        1,
        "",
        (
            f'{CANNOT_READ}this line has no ":" after its field name. Write it as "name: value", or, '
            "if it continues the text of the line above, indent it further. "
            "(YAML reader: \"could not find expected ':'\")"
        ),
    ),
    "syntax_unknown_escape.yml": (
        2,
        11,
        "",
        (
            f'{CANNOT_READ}inside double quotes, a backslash "\\" starts a special code. Write "\\\\" '
            "for a backslash, or put the text in single quotes instead. "
            "(YAML reader: \"found unknown escape character 'd'\")"
        ),
    ),
    "syntax_at_sign.yml": (
        2,
        10,
        "",
        (
            f"{CANNOT_READ}a value cannot start with this character. Put the whole text in double "
            "quotes. (YAML reader: \"found character '@' that cannot start any token\")"
        ),
    ),
}


def load_bytes(data: bytes) -> tuple[Document | None, list[Problem]]:
    return load_text(data, SHOWN)


def only_problem(data: bytes) -> Problem:
    document, problems = load_bytes(data)
    assert document is None
    assert len(problems) == 1, problems
    return problems[0]


# --- refused files: one fixture each, exact message ------------------------------------------


def test_every_fixture_is_covered():
    on_disk = {p.name for p in FIXTURES.glob("*.yml") if not p.name.startswith("valid_")}
    assert on_disk == set(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_fixture(name):
    line, column, field, message = REFUSED[name]
    document, problems = load_file(FIXTURES / name, SHOWN)
    assert document is None
    assert problems == [Problem(SHOWN, line, column, field, message)]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_messages_are_plain(name):
    message = REFUSED[name][3]
    assert "invalid" not in message.lower()
    assert "None" not in message
    assert "Traceback" not in message


def test_problem_text_format():
    problem = load_file(FIXTURES / "duplicate_key.yml", SHOWN)[1][0]
    assert problem.text() == (
        "data/topics/example.yml:5:1: title\n"
        '  "title" appears twice in this record (first on line 2). Keep one of them.'
    )


def test_every_duplicate_key_is_reported():
    document, problems = load_bytes(b"a: 1\nb: 2\na: 3\nb: 4\nc:\n  d: 1\n  d: 2\n")
    assert document is None
    assert [(p.line, p.column, p.field) for p in problems] == [(3, 1, "a"), (4, 1, "b"), (7, 3, "c.d")]
    assert problems[2].message == '"d" appears twice in "c" (first on line 6). Keep one of them.'


def test_duplicate_keys_are_listed_up_to_a_limit():
    data = b"title: {" + b"fr: a, " * 1000 + b"}\n"
    document, problems = load_bytes(data)
    assert document is None
    assert len(problems) == MAX_DUPLICATES + 1
    assert problems[-1] == Problem(
        SHOWN,
        1,
        9 + 7 * (MAX_DUPLICATES + 1),
        "title.fr",
        f"More fields appear twice in this file; only the first {MAX_DUPLICATES} are listed. "
        "Fix those, then check again.",
    )


def test_quoted_and_plain_spellings_of_a_key_are_the_same_key():
    problem = only_problem(b"title: a\n'title': b\n")
    assert (problem.line, problem.field) == (2, "title")


def test_duplicate_key_in_flow_mapping():
    problem = only_problem(b"title: {fr: a, fr: b}\n")
    assert (problem.line, problem.column, problem.field) == (1, 16, "title.fr")


def test_tab_used_as_a_separator():
    problem = only_problem(b"title:\tSolitude\n")
    assert (problem.line, problem.column, problem.field) == (1, 7, "")
    assert problem.message == ("There is a tab character here. YAML needs spaces: replace the tab with a space.")


def test_tab_after_spaces_in_indentation():
    problem = only_problem(b"title:\n  \tfr: Solitude\n")
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message.startswith("This line is indented with a tab character.")


def test_anchor_on_a_list_item_and_alias_elsewhere():
    problem = only_problem(b"sources:\n  - &s {title: a}\n  - *s\n")
    assert (problem.line, problem.column, problem.field) == (2, 5, "sources[1]")
    assert problem.message.startswith('"&s" marks a part of the file')


def test_merge_key_with_alias_is_refused_at_the_first_construct():
    problem = only_problem(b"base: &b {a: 1}\nother:\n  <<: *b\n")
    assert (problem.line, problem.column, problem.field) == (1, 7, "base")


def test_quoted_merge_key_is_an_ordinary_key():
    document, problems = load_bytes(b"'<<': x\n")
    assert problems == []
    assert document is not None and document.value == {"<<": "x"}


@pytest.mark.parametrize("key", [b"~", b"NULL", b"''", b'""'])
def test_empty_or_null_keys(key):
    problem = only_problem(key + b": x\n")
    assert problem.message.startswith("A field name is missing here")


def test_question_mark_key_without_name():
    problem = only_problem(b"?\n: x\n")
    assert problem.message.startswith("A field name is missing here")


def test_second_document_after_end_marker():
    problem = only_problem(b"id: a\n...\n---\nid: b\n")
    assert (problem.line, problem.column) == (3, 1)


def test_trailing_document_separator_is_a_second_document():
    problem = only_problem(b"id: a\n---\n")
    assert (problem.line, problem.column) == (2, 1)


def test_lone_document_separator_is_empty():
    problem = only_problem(b"---\n# nothing\n")
    assert problem.message.startswith("This file has no fields, only comments or blank lines.")


def test_whitespace_only_is_empty():
    problem = only_problem(b"  \n\n\r\n")
    assert problem.message.startswith("This file is empty.")


def test_top_level_flow_list():
    problem = only_problem(b"[a, b]\n")
    assert problem.message == (f'{NOT_A_MAPPING}this file starts a list of items with "[" here. {WRITE_FIELDS}')


def test_top_level_null_is_not_a_mapping():
    problem = only_problem(b"null\n")
    assert "single piece of text" in problem.message


# --- before parsing: size, encoding, characters ----------------------------------------------

TOO_BIG = (
    "This file is 257 KB (262,145 bytes), more than the limit of 256 KB (262,144 bytes). Split "
    "the text into several records, or put the long text in a document and link to it."
)


def test_file_larger_than_the_cap():
    problem = only_problem(b"a: " + b"x" * (MAX_BYTES - 2))
    assert problem == Problem(SHOWN, 1, 1, "", TOO_BIG)


def test_file_at_the_cap_is_read():
    document, problems = load_bytes(b"a: " + b"x" * (MAX_BYTES - 3))
    assert problems == [] and document is not None


def test_load_file_checks_the_size_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.yml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES - 2))

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    assert load_file(big, SHOWN) == (None, [Problem(SHOWN, 1, 1, "", TOO_BIG)])


def test_load_file_missing_file(tmp_path):
    document, problems = load_file(tmp_path / "gone.yml", SHOWN)
    assert document is None
    assert problems == [
        Problem(
            SHOWN,
            1,
            1,
            "",
            "This file cannot be opened (No such file or directory). Check that it exists and that you may read it.",
        )
    ]


def test_leading_bom_is_accepted_and_columns_ignore_it():
    document, problems = load_file(FIXTURES / "valid_leading_bom.yml", SHOWN)
    assert problems == []
    assert document is not None and document.value == {"id": "ac1-climat"}
    assert document.key_positions[("id",)] == (1, 1)


def test_leading_bom_then_error_column():
    problem = only_problem(b"\xef\xbb\xbfa: b: c\n")
    assert (problem.line, problem.column) == (1, 5)


def test_not_utf8_truncated_sequence_at_end():
    problem = only_problem(b"a: caf\xc3")
    assert (problem.line, problem.column) == (1, 7)
    assert "(byte 0xC3)" in problem.message


def test_not_utf8_after_multibyte_characters_counts_characters():
    problem = only_problem("a: été\nb: ".encode() + b"\xff")
    assert (problem.line, problem.column) == (2, 4)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x80", "\x9f", "\u2029"])
def test_control_characters(character):
    problem = only_problem(f"id: a\r\ntitle: x{character}\n".encode())
    assert (problem.line, problem.column) == (2, 9)
    assert f"(U+{ord(character):04X})" in problem.message


def test_control_character_in_a_comment_is_refused_too():
    problem = only_problem(b"id: a # \x08\n")
    assert (problem.line, problem.column) == (1, 9)


def test_null_character_is_named():
    problem = only_problem(b"id: a\x00\n")
    assert problem.message == f"There is a null character (U+0000) here. {CONTROL_HINT}"


def test_tabs_and_carriage_returns_inside_quoted_values_are_kept():
    document, problems = load_file(FIXTURES / "valid_tab_in_quotes.yml", SHOWN)
    assert problems == []
    assert document is not None
    assert document.value == {"title": "Colonne 1\tColonne 2", "note": "a\tb"}


def test_windows_line_endings():
    document, problems = load_bytes(b"id: a\r\ntitle:\r\n  fr: b\r\n")
    assert problems == []
    assert document is not None and document.value == {"id": "a", "title": {"fr": "b"}}
    assert document.positions[("title", "fr")] == (3, 7)


# --- depth and bombs: must come back with problems, without recursion or expansion ------------

DEEP = 50_000


@pytest.mark.parametrize(
    "data",
    [
        b"a: " + b"[" * DEEP,
        b"a: " + b"[" * DEEP + b"]" * DEEP + b"\n",
        b"a: " + b"{a: " * DEEP,
        b"a:\n" + b"- " * DEEP + b"x\n",
        b"a: " + b"[{b: " * (DEEP // 2),
    ],
    ids=["open-brackets", "closed-brackets", "flow-mappings", "block-lists", "mixed"],
)
def test_very_deep_nesting_is_refused(data):
    problem = only_problem(data)
    assert problem.message.startswith(f"The fields here are nested more than {MAX_DEPTH} levels")
    assert problem.field == "a"


def test_very_deep_top_level_brackets():
    problem = only_problem(b"[" * DEEP)
    assert problem.message.startswith(NOT_A_MAPPING)


def indented_mappings(levels: int, limit: int) -> bytes:
    """`levels` nested block mappings, one more space per level, cut at `limit` bytes."""
    lines, size = [], 0
    for level in range(levels):
        line = b" " * level + b"k:\n"
        if size + len(line) > limit:
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def test_indented_mappings_50000_deep():
    # 50,000 indented levels need about 1.25 GB: the size cap refuses them before parsing ...
    message = only_problem(indented_mappings(DEEP, 2 * MAX_BYTES)).message
    assert message.startswith("This file is 512 KB")
    # ... and as many levels as fit under the cap (about 720) are refused for their depth.
    problem = only_problem(indented_mappings(DEEP, MAX_BYTES))
    assert (problem.line, problem.column, problem.field) == (MAX_DEPTH + 1, MAX_DEPTH + 1, "k")


def test_depth_limit_is_exact():
    def nested(levels: int) -> bytes:  # the top mapping is level 1
        return b"a: " + b"[" * (levels - 1) + b"]" * (levels - 1) + b"\n"

    document, problems = load_bytes(nested(MAX_DEPTH))
    assert problems == [] and document is not None
    problem = only_problem(nested(MAX_DEPTH + 1))
    assert problem.column == 3 + MAX_DEPTH


def test_billion_laughs_is_refused():
    document, problems = load_file(FIXTURES / "billion_laughs.yml", SHOWN)
    assert document is None and len(problems) == 1


def test_alias_bomb_without_anchor_syntax_first():
    # Aliases are refused wherever they are met, even with thousands of them.
    problem = only_problem(b"a: [" + b"*x, " * 20_000 + b"]\n")
    assert problem.message.startswith('"*x" repeats another part of the file')


# --- the happy path --------------------------------------------------------------------------


def test_realistic_record_values():
    document, problems = load_file(FIXTURES / "valid_record.yml", SHOWN)
    assert problems == []
    assert document is not None and document.path == SHOWN
    assert document.value == {
        "id": "ac2-sans-abrisme-03",
        "topic": "ac2-sans-abrisme",
        "number": "03",
        "title": {"fr": "Logement : ouvrir des places d'hébergement", "en": "Housing: open shelter places"},
        "adopted": "yes",
        "vote_date": "2023-02-30",
        "summary": "Première ligne.\nDeuxième ligne : avec deux-points.\n",
        "text": "Un texte plié sur deux lignes.\n",
        "department": None,
        "official": None,
        "follow_up": [
            {"date": "2023-06-01", "status": "not_assessed", "progress": "0755"},
            {
                "date": "2024-01-15",
                "status": "in_progress",
                "sources": [{"title": "Conseil de Paris", "url": "https://www.paris.fr/"}],
            },
        ],
        "related": ["ac2-sans-abrisme-01", "null", None, "on", "12:30", "1e3"],
        "empty_list": [],
        "empty_map": {},
    }


def test_realistic_record_positions():
    document, _ = load_file(FIXTURES / "valid_record.yml", SHOWN)
    assert document is not None
    assert document.positions[()] == (2, 1)
    assert document.positions[("id",)] == (2, 5)
    assert document.positions[("title",)] == (6, 3)
    assert document.positions[("title", "fr")] == (6, 7)
    assert document.positions[("summary",)] == (10, 10)
    assert document.positions[("official",)] == (17, 10)
    assert document.positions[("follow_up",)] == (19, 3)
    assert document.positions[("follow_up", 1)] == (22, 5)
    assert document.positions[("follow_up", 1, "status")] == (23, 13)
    assert document.positions[("follow_up", 1, "sources", 0, "url")] == (26, 14)
    assert document.positions[("related", 2)] == (27, 40)
    assert document.key_positions[("title", "en")] == (7, 3)
    assert document.key_positions[("follow_up", 0, "progress")] == (21, 5)
    assert document.key_positions[("follow_up", 1, "sources", 0, "url")] == (26, 9)
    assert ("follow_up", 0) not in document.key_positions  # list items have no key
    assert set(document.key_positions) < set(document.positions)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (b"yes", "yes"),
        (b"no", "no"),
        (b"on", "on"),
        (b"off", "off"),
        (b"true", "true"),
        (b"False", "False"),
        (b"0755", "0755"),
        (b"12:30", "12:30"),
        (b"1e3", "1e3"),
        (b"0x1F", "0x1F"),
        (b".inf", ".inf"),
        (b"2023-02-30", "2023-02-30"),
        (b"-1", "-1"),
        (b"null", None),
        (b"Null", None),
        (b"NULL", None),
        (b"~", None),
        (b"", None),
        (b"nULL", "nULL"),
        (b"'null'", "null"),
        (b'"~"', "~"),
        (b"''", ""),
        (b'""', ""),
        (b"|\n  null", "null\n"),
        (b">-\n  ~", "~"),
        (b"'yes'", "yes"),
    ],
)
def test_scalars_stay_text(written, expected):
    document, problems = load_bytes(b"value: " + written + b"\n")
    assert problems == []
    assert document is not None and document.value == {"value": expected}


def test_empty_list_item_is_none():
    document, problems = load_bytes(b"items:\n  - a\n  -\n  - ~\n")
    assert problems == []
    assert document is not None and document.value == {"items": ["a", None, None]}


def test_explicit_document_start_and_end_are_fine():
    document, problems = load_bytes(b"---\nid: a\n...\n")
    assert problems == []
    assert document is not None and document.value == {"id": "a"}


# --- property: random YAML-like input never crashes ------------------------------------------

TOKENS = [
    "id",
    "title",
    "fr",
    "a",
    "é",
    "ü",
    "日本",
    ":",
    ": ",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "'",
    '"',
    "&x",
    "*x",
    "&",
    "*",
    "!",
    "!!str",
    "!!python/object",
    "<<",
    "#",
    "|",
    ">",
    "%",
    "@",
    "`",
    "---",
    "...",
    "\\",
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "    ",
    "null",
    "~",
    "yes",
    "\x00",
    "\x07",
    "\x85",
    "\u2028",
    "\ufeff",
    "\U0001f600",
]

token = st.sampled_from(TOKENS)
safe_token = st.sampled_from([t for t in TOKENS if t.isprintable() or t in " \t\n"])
yaml_like_text = st.lists(st.one_of(token, token, token, st.text(max_size=3)), max_size=60).map("".join)
# Lines shaped like a record ("  - key: value"), so that many inputs get deep into the parser.
record_line = st.tuples(
    st.sampled_from(["", "  ", "    ", "\t", " "]),
    st.sampled_from(["", "- ", "? "]),
    st.sampled_from(["id", "title", "fr", "'q'", '"d"', "<<", "~", "[a]", "{b: c}", "&x k", ""]),
    st.sampled_from([":", ": ", ":\t", " :", ""]),
    st.lists(safe_token, max_size=4).map("".join),
).map("".join)
record_like_text = st.lists(record_line, min_size=1, max_size=12).map("\n".join)


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become bytes that are not UTF-8


yaml_like_bytes = st.one_of(
    yaml_like_text.map(encode),
    record_like_text.map(encode),
    st.binary(max_size=80),
    st.tuples(record_like_text, st.binary(max_size=4), yaml_like_text).map(
        lambda parts: encode(parts[0]) + parts[1] + encode(parts[2])
    ),
)


def check_outcome(document: Document | None, problems: list[Problem]) -> None:
    if document is not None:
        assert isinstance(document.value, dict)
        assert not [p for p in problems if p.is_error]
        assert_plain(document.value)
    else:
        assert problems
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message.strip()
            assert problem.path == SHOWN


def assert_plain(value: object) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            assert all(isinstance(key, str) for key in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            assert item is None or isinstance(item, str)


@settings(max_examples=300, deadline=None)
@given(yaml_like_bytes)
def test_random_input_gives_a_document_or_located_problems(data):
    check_outcome(*load_bytes(data))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_random_input_after_a_valid_start(text):
    check_outcome(*load_bytes(("id: a\ntitle:\n  fr: " + text).encode("utf-8")))


def _every_yaml_file() -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    return sorted(p for folder in ("data", "tests/fixtures") for p in (root / folder).rglob("*.yml"))


def test_fast_and_pure_python_parsers_agree_on_every_file() -> None:
    """libyaml reads clean files; it must give the same values, positions and verdicts."""
    import yaml

    from generator.records import load

    if load._FAST_LOADER is None:  # PyYAML built without libyaml: only the pure-Python path exists
        return
    files = _every_yaml_file()
    assert len(files) > 100
    for file in files:
        text = file.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        slow, slow_problems = load._parse_with(text, "x", yaml.SafeLoader)
        fast, _ = load._parse_with(text, "x", load._FAST_LOADER)
        if fast is not None and "\t" not in text:
            assert slow == fast, file  # a file libyaml accepts, the reference parser accepts the same way
        if slow is not None:
            assert fast == slow, file
