"""Tests for generator/records/load.py: the strict YAML loader.

Each refused file in tests/fixtures/load/ has its exact location, field and message pinned here, in
French (the editors' language by default) and in English (`--lang en`); inputs a file cannot hold
well (huge, 50,000 levels deep) are generated in the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records.catalogue import speaking_to_editors
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
WRITE_FIELDS = 'Write each field as "name: value" — see CONTRIBUTING.en.md.'
RECORD_HINT = 'A record is a list of fields such as "id: ..." — see CONTRIBUTING.en.md, or delete the file.'

# fixture file -> (line, column, field, exact message in English)
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

#: The same messages in French (the editors' language by default).
FRENCH = {
    "alias.yml": (
        '`*paris` répète une autre partie du fichier (un alias), ce qui n’est pas permis dans nos fichiers de'
        ' données. Écrivez plutôt la valeur en entier.'
    ),
    "anchor.yml": (
        '`&paris` marque une partie du fichier à répéter ailleurs (une ancre), ce qui n’est pas permis dans '
        'nos fichiers de données. Supprimez `&paris` et écrivez en entier chaque endroit qui la répète.'
    ),
    "billion_laughs.yml": (
        '`&a` marque une partie du fichier à répéter ailleurs (une ancre), ce qui n’est pas permis dans nos '
        'fichiers de données. Supprimez `&a` et écrivez en entier chaque endroit qui la répète.'
    ),
    "bom_in_middle.yml": (
        'Il y a ici un indicateur d’ordre des octets (U+FEFF). Supprimez ce caractère\u00a0; ces caractères '
        'viennent souvent d’un texte copié depuis un PDF ou un traitement de texte.'
    ),
    "comments_only.yml": (
        'Ce fichier n’a aucun champ, seulement des commentaires ou des lignes vides. Une fiche est une liste '
        'de champs comme `id: ...` (voir CONTRIBUTING.md)\u00a0: écrivez-les, ou supprimez le fichier.'
    ),
    "control_c1.yml": (
        'Il y a ici un caractère de contrôle invisible (U+0085). Supprimez ce caractère\u00a0; ces caractères '
        'viennent souvent d’un texte copié depuis un PDF ou un traitement de texte.'
    ),
    "control_character.yml": (
        'Il y a ici un caractère de contrôle invisible (U+0007). Supprimez ce caractère\u00a0; ces caractères '
        'viennent souvent d’un texte copié depuis un PDF ou un traitement de texte.'
    ),
    "depth.yml": (
        'Les champs sont ici imbriqués sur plus de 64 niveaux. Une fiche n’en a jamais besoin d’autant\u00a0: '
        'vérifiez les retraits, les crochets `[ ]` et les accolades `{ }` au-dessus de cet endroit.'
    ),
    "directive.yml": (
        'Les lignes qui commencent par `%` (directives YAML) ne servent pas dans nos fichiers de données. '
        'Supprimez cette ligne et la ligne `---` qui la suit.'
    ),
    "duplicate_key.yml": (
        '`title` apparaît deux fois dans cette fiche (la première fois à la ligne 2). Gardez-en un seul.'
    ),
    "duplicate_key_nested.yml": (
        '`status` apparaît deux fois dans `follow_up[2]` (la première fois à la ligne 6). Gardez-en un seul.'
    ),
    "empty.yml": (
        'Ce fichier est vide. Une fiche est une liste de champs comme `id: ...` (voir CONTRIBUTING.md)\u00a0: '
        'écrivez-les, ou supprimez le fichier.'
    ),
    "escape_control_character.yml": (
        'Ce texte entre guillemets droits contient une barre oblique inverse `\\` que YAML lit comme un code '
        'spécial (ici, elle produit un caractère invisible, comme `\\a` ou `\\b` dans un chemin Windows). '
        'Écrivez `\\\\` pour chaque barre oblique inverse, ou mettez plutôt le texte entre apostrophes droites '
        "`'…'`."
    ),
    "key_list.yml": (
        'Un nom de champ est ici une liste au lieu d’un simple texte. Écrivez le nom du champ en simple texte'
        ' avant les deux-points, comme dans `title: ...`.'
    ),
    "key_mapping.yml": (
        'Un nom de champ est ici un groupe de champs au lieu d’un simple texte. Écrivez le nom du champ en '
        'simple texte avant les deux-points, comme dans `title: ...`.'
    ),
    "key_null.yml": (
        'Il manque ici un nom de champ (il est vide, ou vaut `null`). Écrivez le nom du champ avant les '
        'deux-points, comme dans `title: ...`.'
    ),
    "line_separator.yml": (
        'Il y a ici un séparateur de ligne Unicode (U+2028). Supprimez ce caractère\u00a0; ces caractères viennent'
        ' souvent d’un texte copié depuis un PDF ou un traitement de texte.'
    ),
    "merge_key.yml": (
        '`<<` copie les champs d’une autre partie du fichier (une clé de fusion), ce qui n’est pas permis '
        'dans nos fichiers de données. Écrivez plutôt les champs en entier.'
    ),
    "nbsp_indentation.yml": (
        'Le retrait de cette ligne est fait d’espaces insécables (U+00A0), que YAML ne compte pas comme un '
        'retrait\u00a0; ils viennent souvent d’un texte copié depuis une page web ou un traitement de texte. '
        'Effacez les espaces au début de la ligne et tapez à la place des espaces ordinaires.'
    ),
    "not_utf8.yml": (
        'Ce fichier n’est pas enregistré en UTF-8\u00a0: le caractère qui est ici (octet 0xE2) ne peut pas être '
        'lu. C’est souvent une lettre accentuée enregistrée dans un autre encodage. Enregistrez le fichier '
        'avec l’encodage «\u00a0UTF-8\u00a0» dans votre éditeur, puis vérifiez ce caractère.'
    ),
    "several_documents.yml": (
        'Cette ligne `---` commence une deuxième fiche dans le même fichier. Un fichier ne contient qu’une '
        'fiche\u00a0: déplacez ce qui suit dans un fichier à part, ou supprimez cette ligne.'
    ),
    "syntax_at_sign.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: une valeur ne peut pas commencer par ce caractère. Mettez tout le '
        'texte entre guillemets droits `"…"`. (lecteur YAML\u00a0: «\u00a0found character \'@\' that cannot start any '
        'token\u00a0»)'
    ),
    "syntax_bad_indentation.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: cette ligne n’est pas alignée sur les lignes du dessus. Donnez-lui'
        ' le même retrait (le même nombre d’espaces) que les autres champs de son groupe. (lecteur YAML\u00a0: '
        "«\u00a0expected <block end>, but found '<block mapping start>'\u00a0»)"
    ),
    "syntax_code_fence.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: cette ligne est ```, le cadre d’un exemple du guide, et ne fait '
        'pas partie de la fiche. Supprimez-la\u00a0: copiez seulement les lignes qui sont entre les deux lignes '
        "```. (lecteur YAML\u00a0: «\u00a0found character '`' that cannot start any token\u00a0»)"
    ),
    "syntax_colon_in_text.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: il y a un deuxième `: ` sur cette ligne. Si le texte contient `: '
        '`, mettez tout le texte entre guillemets droits, comme dans `title: "Logement : les priorités"`. Si '
        'cette ligne est un nouveau champ, alignez-la sur le champ du dessus. (lecteur YAML\u00a0: «\u00a0mapping '
        'values are not allowed here\u00a0»)'
    ),
    "syntax_indented_too_far.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: le retrait de cette ligne dépasse celui de la ligne du dessus, '
        'elle ne peut donc pas commencer un champ ici. Alignez-la sur le champ du dessus (le même nombre '
        'd’espaces au début de la ligne). Si vous avez collé un bloc, vérifiez que la ligne qui l’introduit '
        '(comme `follow_up:`) est bien au-dessus, et que là où vous avez enlevé un `#`, vous avez aussi '
        'enlevé l’espace qui le suivait. (lecteur YAML\u00a0: «\u00a0mapping values are not allowed here\u00a0»)'
    ),
    "syntax_key_value_value.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: il y a un deuxième `: ` sur cette ligne. Si le texte contient `: '
        '`, mettez tout le texte entre guillemets droits, comme dans `title: "Logement : les priorités"`. Si '
        'cette ligne est un nouveau champ, alignez-la sur le champ du dessus. (lecteur YAML\u00a0: «\u00a0mapping '
        'values are not allowed here\u00a0»)'
    ),
    "syntax_missing_colon.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: cette ligne n’a pas de `:` après son nom de champ. Écrivez-la sous'
        ' la forme `nom: valeur` ou, si elle continue le texte de la ligne du dessus, augmentez son retrait. '
        "(lecteur YAML\u00a0: «\u00a0could not find expected ':'\u00a0»)"
    ),
    "syntax_text_after_quote.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: ce texte vient juste après un guillemet fermant. Mettez tout le '
        'texte entre les guillemets\u00a0; si un guillemet d’une ligne du dessus n’est jamais refermé, refermez-le'
        " là. (lecteur YAML\u00a0: «\u00a0expected <block end>, but found '<scalar>'\u00a0»)"
    ),
    "syntax_unclosed_bracket.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: une liste entre crochets (ouverte à la ligne 2) n’est pas fermée '
        "par `]`, ou il manque une virgule entre deux éléments. (lecteur YAML\u00a0: «\u00a0expected ',' or ']', but "
        "got ':'\u00a0»)"
    ),
    "syntax_unclosed_quote.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: le guillemet `"` ouvert ici n’est jamais refermé. Ajoutez le `"` '
        'fermant à la fin du texte. (lecteur YAML\u00a0: «\u00a0found unexpected end of stream\u00a0»)'
    ),
    "syntax_unknown_escape.yml": (
        'Le YAML ne peut pas être lu ici\u00a0: entre guillemets droits, une barre oblique inverse `\\` commence un'
        ' code spécial. Écrivez `\\\\` pour une barre oblique inverse, ou mettez plutôt le texte entre '
        "apostrophes droites `'…'`. (lecteur YAML\u00a0: «\u00a0found unknown escape character 'd'\u00a0»)"
    ),
    "tab_indentation.yml": (
        'Le retrait de cette ligne est fait d’une tabulation. YAML veut des espaces\u00a0: remplacez la tabulation'
        ' par des espaces, alignés sur les lignes du dessus.'
    ),
    "tag_custom.yml": (
        '`!fr` est une étiquette YAML (un tag), ce qui n’est pas permis dans nos fichiers de données. '
        'Supprimez-la\u00a0; si la valeur doit rester telle qu’elle est écrite, mettez-la entre guillemets droits '
        '`"…"`.'
    ),
    "tag_python_object.yml": (
        '`!!python/object/apply:os.system` est une étiquette YAML (un tag), ce qui n’est pas permis dans nos '
        'fichiers de données. Supprimez-la\u00a0; si la valeur doit rester telle qu’elle est écrite, mettez-la '
        'entre guillemets droits `"…"`.'
    ),
    "tag_str.yml": (
        '`!!str` est une étiquette YAML (un tag), ce qui n’est pas permis dans nos fichiers de données. '
        'Supprimez-la\u00a0; si la valeur doit rester telle qu’elle est écrite, mettez-la entre guillemets droits '
        '`"…"`.'
    ),
    "text_cut_by_comment.yml": (
        'Ce texte s’arrête avant ` #`\u00a0: sans guillemets, YAML lit ` #` et la fin de la ligne comme une '
        'explication, et le site publierait le texte coupé. Mettez tout le texte entre guillemets droits '
        '`"…"`\u00a0; si la fin de la ligne est une explication, placez-la sur une ligne à part.'
    ),
    "top_level_list.yml": (
        'Une fiche est faite de champs comme `id: ...`, un par ligne, mais ce fichier commence ici une liste '
        'd’éléments avec `-`. Écrivez chaque champ sous la forme `nom: valeur` (voir CONTRIBUTING.md).'
    ),
    "top_level_scalar.yml": (
        'Une fiche est faite de champs comme `id: ...`, un par ligne, mais ce fichier ne contient ici qu’un '
        'texte. Écrivez chaque champ sous la forme `nom: valeur` (voir CONTRIBUTING.md).'
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
    assert on_disk == set(REFUSED) == set(FRENCH)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_fixture(name):
    line, column, field, _english = REFUSED[name]
    document, problems = load_file(FIXTURES / name, SHOWN)
    assert document is None
    assert problems == [Problem(SHOWN, line, column, field, FRENCH[name])]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_fixture_in_english(name):
    line, column, field, message = REFUSED[name]
    with speaking_to_editors("en"):
        document, problems = load_file(FIXTURES / name, SHOWN)
    assert document is None
    assert problems == [Problem(SHOWN, line, column, field, message)]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_messages_are_plain(name):
    for message in (REFUSED[name][3], FRENCH[name]):
        assert "invalid" not in message.lower()
        assert "None" not in message
        assert "Traceback" not in message
    assert '"' not in FRENCH[name].replace('`"`', "").replace('`"…"`', "").replace('"Logement', "").replace('priorités"', "")


def test_problem_text_format():
    problem = load_file(FIXTURES / "duplicate_key.yml", SHOWN)[1][0]
    assert problem.text() == (
        "data/topics/example.yml:5:1: title\n"
        "  `title` apparaît deux fois dans cette fiche (la première fois à la ligne 2). Gardez-en un seul."
    )
    with speaking_to_editors("en"):
        problem = load_file(FIXTURES / "duplicate_key.yml", SHOWN)[1][0]
    assert problem.text() == (
        "data/topics/example.yml:5:1: title\n"
        '  "title" appears twice in this record (first on line 2). Keep one of them.'
    )


def test_every_duplicate_key_is_reported():
    document, problems = load_bytes(b"a: 1\nb: 2\na: 3\nb: 4\nc:\n  d: 1\n  d: 2\n")
    assert document is None
    assert [(p.line, p.column, p.field) for p in problems] == [(3, 1, "a"), (4, 1, "b"), (7, 3, "c.d")]
    assert problems[2].message == "`d` apparaît deux fois dans `c` (la première fois à la ligne 6). Gardez-en un seul."


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
        f"D’autres champs apparaissent deux fois dans ce fichier\u00a0; seuls les {MAX_DUPLICATES} premiers sont "
        "signalés. Corrigez-les, puis relancez la vérification.",
    )
    with speaking_to_editors("en"):
        problems = load_bytes(data)[1]
    assert problems[-1].message == (f"More fields appear twice in this file; only the first {MAX_DUPLICATES} are "
                                    "listed. Fix those, then check again.")


def test_quoted_and_plain_spellings_of_a_key_are_the_same_key():
    problem = only_problem(b"title: a\n'title': b\n")
    assert (problem.line, problem.field) == (2, "title")


def test_duplicate_key_in_flow_mapping():
    problem = only_problem(b"title: {fr: a, fr: b}\n")
    assert (problem.line, problem.column, problem.field) == (1, 16, "title.fr")


def test_tab_used_as_a_separator():
    problem = only_problem(b"title:\tSolitude\n")
    assert (problem.line, problem.column, problem.field) == (1, 7, "")
    assert problem.message == "Il y a ici une tabulation. YAML veut des espaces\u00a0: remplacez la tabulation par un espace."


def test_tab_after_spaces_in_indentation():
    problem = only_problem(b"title:\n  \tfr: Solitude\n")
    assert (problem.line, problem.column) == (2, 3)
    assert problem.message.startswith("Le retrait de cette ligne est fait d’une tabulation.")


def test_anchor_on_a_list_item_and_alias_elsewhere():
    problem = only_problem(b"sources:\n  - &s {title: a}\n  - *s\n")
    assert (problem.line, problem.column, problem.field) == (2, 5, "sources[1]")
    assert problem.message.startswith("`&s` marque une partie du fichier")


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
    assert problem.message.startswith("Il manque ici un nom de champ")


def test_question_mark_key_without_name():
    problem = only_problem(b"?\n: x\n")
    assert problem.message.startswith("Il manque ici un nom de champ")


def test_second_document_after_end_marker():
    problem = only_problem(b"id: a\n...\n---\nid: b\n")
    assert (problem.line, problem.column) == (3, 1)


def test_trailing_document_separator_is_a_second_document():
    problem = only_problem(b"id: a\n---\n")
    assert (problem.line, problem.column) == (2, 1)


def test_lone_document_separator_is_empty():
    problem = only_problem(b"---\n# nothing\n")
    assert problem.message.startswith("Ce fichier n’a aucun champ, seulement des commentaires ou des lignes vides.")


def test_whitespace_only_is_empty():
    problem = only_problem(b"  \n\n\r\n")
    assert problem.message.startswith("Ce fichier est vide.")


def test_top_level_flow_list():
    problem = only_problem(b"[a, b]\n")
    assert problem.message == ("Une fiche est faite de champs comme `id: ...`, un par ligne, mais ce fichier commence "
                               "ici une liste d’éléments avec `[`. Écrivez chaque champ sous la forme `nom: valeur` "
                               "(voir CONTRIBUTING.md).")
    with speaking_to_editors("en"):
        problem = only_problem(b"[a, b]\n")
    assert problem.message == f'{NOT_A_MAPPING}this file starts a list of items with "[" here. {WRITE_FIELDS}'


def test_top_level_null_is_not_a_mapping():
    problem = only_problem(b"null\n")
    assert "ce fichier ne contient ici qu’un texte" in problem.message


# --- before parsing: size, encoding, characters ----------------------------------------------

TOO_BIG = (  # thousands set apart by a narrow no-break space, as French writes them
    "Ce fichier fait 257 Ko (262\u202f145 octets), plus que la limite de 256 Ko (262\u202f144 octets). Répartissez "
    "le texte entre plusieurs fiches, ou mettez le texte long dans un document et faites un lien vers lui."
)


def test_file_larger_than_the_cap():
    problem = only_problem(b"a: " + b"x" * (MAX_BYTES - 2))
    assert problem == Problem(SHOWN, 1, 1, "", TOO_BIG)
    with speaking_to_editors("en"):
        problem = only_problem(b"a: " + b"x" * (MAX_BYTES - 2))
    assert problem.message == (
        "This file is 257 KB (262,145 bytes), more than the limit of 256 KB (262,144 bytes). Split "
        "the text into several records, or put the long text in a document and link to it."
    )


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
            "Ce fichier ne peut pas être ouvert (No such file or directory). Vérifiez qu’il existe et que vous avez le "
            "droit de le lire.",
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
    assert "(octet 0xC3)" in problem.message


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
    assert problem.message.startswith("Il y a ici un caractère nul (U+0000). Supprimez ce caractère\u00a0;")
    with speaking_to_editors("en"):
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
    assert problem.message.startswith(f"Les champs sont ici imbriqués sur plus de {MAX_DEPTH} niveaux")
    assert problem.field == "a"


def test_very_deep_top_level_brackets():
    problem = only_problem(b"[" * DEEP)
    assert problem.message.startswith("Une fiche est faite de champs comme `id: ...`")


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
    assert message.startswith("Ce fichier fait 512 Ko")
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
    assert problem.message.startswith("`*x` répète une autre partie du fichier")


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
