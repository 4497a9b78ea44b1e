"""Contacts: e-mail addresses and phone numbers written in a text, however they are written.

`find(text)` returns every contact in a text as `Contact(kind, written, key, start)`: what was
written, and a key that is the same for every way of writing the same contact
("marie.dupont [at] paris [point] fr" and "marie.dupont@paris.fr"; "+33 (0)1 42 76 40 40" and
"01.42.76.40.40"), so that a text can be compared with the list of public contacts of a site
(`public_contacts` in data/site.yml). `personal(contact)` says when a contact looks like a
person's own (a mobile number, an address at a personal mail provider).

Texts are read as a reader sees them: compatibility forms folded (a full-width "＠"), invisible
characters dropped (a zero-width space between two digits), every kind of space a space.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACE = r"[ \t]"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
#: "@" as people hide it from robots: [at], (at), {arobase}, " arobase "; " at " only with a
#: hidden dot as well ("nom at domaine dot fr"), since "at" is an English word.
_AT = rf"(?:{_SPACE}*@{_SPACE}*|{_SPACE}*{_OPEN}{_SPACE}*(?:at|@|arobase|chez){_SPACE}*{_CLOSE}{_SPACE}*|{_SPACE}+arobase{_SPACE}+)"
_WORD_AT = rf"{_SPACE}+at{_SPACE}+"
_HIDDEN_DOT = rf"(?:{_SPACE}*{_OPEN}{_SPACE}*(?:dot|point|\.){_SPACE}*{_CLOSE}{_SPACE}*|{_SPACE}+(?:dot|point|\.){_SPACE}+)"
_DOT = rf"(?:\.|{_HIDDEN_DOT})"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
#: An address's local part starts after a space or punctuation, not after "://user:" (that is a
#: password in a web address, refused on its own) — except after "mailto:".
EMAIL = re.compile(
    rf"(?:(?<=mailto:)|(?<![\w.+:/-]))(?P<local>[\w.+-]*\w)(?:{_AT}(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[^\W\d_]{{2,}})"
    rf"|{_WORD_AT}(?P<domain2>{_LABEL}(?:{_DOT}{_LABEL})*{_HIDDEN_DOT}[^\W\d_]{{2,}}))(?![\w-])",
    re.I,
)
_SEP = r"[ .\-/]?"
#: French numbers (0X XX XX XX XX, +33 X…, 0033 X…, +33 (0)X…), other international numbers
#: (+44 20 7946 0958), and tel: links. Digits may be grouped in any way, with spaces, dots, hyphens.
PHONE = re.compile(
    r"(?<![\w./-])(?:"
    r"(?P<fr>(?:\+|00)[ ]?33[ ]?(?:\(0\)[ ]?)?[1-9](?:" + _SEP + r"\d){8}"
    r"|0[1-9](?:" + _SEP + r"\d){8})"
    r"|(?P<intl>(?:\+|00)[ ]?[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d(?:" + _SEP + r"\d){6,12})"
    r")(?![\w/]|[.,-]\d)"
    r"|tel:(?P<tel>\+?[\d .()-]{6,20}\d)",
    re.I,
)
#: Personal mail providers: an address there is a person's, never a service's.
PERSONAL_DOMAINS = frozenset("""
    gmail.com googlemail.com yahoo.com yahoo.fr hotmail.com hotmail.fr outlook.com outlook.fr live.com live.fr
    msn.com icloud.com me.com mac.com aol.com orange.fr wanadoo.fr free.fr sfr.fr neuf.fr laposte.net bbox.fr
    numericable.fr gmx.fr gmx.com gmx.net proton.me protonmail.com tutanota.com yandex.com mail.com
""".split())


@dataclass(frozen=True)
class Contact:
    kind: str  # "email" or "phone"
    written: str
    key: str  # the same for every way of writing the same contact
    start: int  # index in the text as read (see `readable`)


def readable(text: str) -> str:
    """The text as a reader sees it: compatibility forms folded (NFKC: "＠" is "@"), invisible
    format characters dropped, every space a plain space."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded  # no format character, and the only space is " "
    # Each distinct character is looked up once (a text has a few dozen), not each character.
    table: dict[int, str | None] = {}
    for c in set(folded):
        category = unicodedata.category(c)
        if category == "Cf":
            table[ord(c)] = None
        elif category == "Zs":
            table[ord(c)] = " "
    return folded.translate(table) if table else folded


def _email_key(local: str, domain: str) -> str:
    domain = re.sub(rf"{_DOT}", ".", domain, flags=re.I).replace(" ", "")
    return f"{local.lower()}@{domain.lower()}"


def phone_key(written: str) -> str:
    """A phone number as digits, country code first (French numbers written nationally get 33)."""
    digits = written.replace("(0)", "")
    digits = re.sub(r"\D", "", digits)
    if written.lstrip().startswith("00"):
        digits = digits[2:]
    elif not written.lstrip().startswith(("+", "tel:+")) and digits.startswith("0"):
        digits = "33" + digits[1:]
    return digits


def find(text: str) -> list[Contact]:
    """Every e-mail address and phone number in `text` (see the module docstring)."""
    seen = readable(text)
    found = []
    for match in EMAIL.finditer(seen):
        domain = match.group("domain") or match.group("domain2")
        found.append(Contact("email", match.group(), _email_key(match.group("local"), domain), match.start()))
    for match in PHONE.finditer(seen):
        found.append(Contact("phone", match.group(), phone_key(match.group()), match.start()))
    return sorted(found, key=lambda c: c.start)


def personal(contact: Contact) -> bool:
    """A contact that is surely a person's: a mobile number (French 06/07) or a personal mail box."""
    if contact.kind == "phone":
        return contact.key.startswith(("336", "337"))
    return contact.key.rsplit("@", 1)[1] in PERSONAL_DOMAINS


#: Quick test before the full scan: most texts hold no "@" and no long run of digits.
MAYBE = re.compile(r"@|＠|\bat\b|arobase|\btel:|\d(?:[^\w\n]{0,3}\d){8}", re.I)
