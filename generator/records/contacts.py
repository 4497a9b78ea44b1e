"""Contacts: e-mail addresses and phone numbers written in a text, however they are written.

`find(text)` returns every contact in a text as `Contact(kind, written, key, start)`: what was
written, and a key that is the same for every way of writing the same contact
("marie.dupont [at] paris [point] fr" and "marie.dupont@paris.fr"; "+33 (0)1 42 76 40 40" and
"01.42.76.40.40"), so that a text can be compared with the list of public contacts of a site
(`public_contacts` in data/site.yml). `personal(contact)` says when a contact looks like a
person's own (a mobile number, an address at a personal mail provider). `private_details(text)`
finds what else a YAML comment must not hold, since the repository is public: a birth date, an age
in the same line as a full name, a private key or access token.

Texts are read as a reader sees them: compatibility forms folded (a full-width "＠"), invisible
characters dropped (a zero-width space between two digits), every kind of space a space.
"""

from __future__ import annotations

import functools
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
    if text.isascii():
        return text  # in NFKC already, no format character, and the only space is " "
    folded = unicodedata.normalize("NFKC", text)
    if folded.replace("\n", "").replace("\t", "").replace("\r", "").isprintable():
        return folded  # Python's printable characters exclude every format character and space but " "
    # Each distinct character is looked up once (a text has a few dozen), not each character, and
    # each one to change is replaced on its own (str.translate with a table is far slower).
    for c in set(folded):
        category = _category(c)
        if category == "Cf":
            folded = folded.replace(c, "")
        elif category == "Zs" and c != " ":
            folded = folded.replace(c, " ")
    return folded


_category = functools.lru_cache(maxsize=4096)(unicodedata.category)


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


#: Parts of EMAIL and PHONE that every match of theirs holds: an "@" or a hidden one (or " at " and
#: a hidden dot), and seven digits with at most one separator between two (or "tel:"). They are
#: searched only in the texts that hold the characters they need (see `find`).
_HAS_AT = re.compile(_AT, re.I)
_HAS_WORD_AT = re.compile(_WORD_AT, re.I)
_HAS_HIDDEN_DOT = re.compile(_HIDDEN_DOT, re.I)
_HAS_DIGITS = re.compile(rf"\d(?:{_SEP}\d){{6}}")  # no letter: faster without re.I
_DIGITS = "0123456789"


def _may_hold_email(seen: str, lowered: str) -> bool:
    """False when `seen` (a readable text) surely holds no match of EMAIL. Exact: each hidden "@"
    holds "@", "arobase", "chez" or "at" beside an opening bracket or a space, and the letters of
    these words have no other case forms than their capitals once the text is in NFKC (the long
    s, "ſ", is "s" there)."""
    if "@" in seen or "arobase" in lowered or "chez" in lowered:
        return True
    if "at" not in lowered:
        return False
    return any(c in seen for c in "[({<") or ((" at" in lowered or "\tat" in lowered)
                                            and bool(_HAS_WORD_AT.search(seen)) and bool(_HAS_HIDDEN_DOT.search(seen)))


def _may_hold_phone(seen: str, lowered: str) -> bool:
    """False when `seen` surely holds no match of PHONE. Every number the pattern reads has ten
    digits, or eight after a "+" (and among them seven in a row, one separator at most between
    two), unless it follows "tel:". A date (eight digits) is not scanned."""
    if "tel:" in lowered:
        return True
    digits = sum(map(seen.count, _DIGITS))
    if digits < 10 and (digits < 8 or "+" not in seen) and (
            seen.isascii() or not any(c.isdecimal() and c not in _DIGITS for c in set(seen))):
        return False
    return bool(_HAS_DIGITS.search(seen))


#: Parts of what every contact `find` finds holds, searched for in one text made of many (`may_hold`):
#: an "@" hidden in brackets ("[at]", "(arobase)"); " at " and a domain's first label followed by
#: a dot, plain or hidden (EMAIL's _WORD_AT form); nine digits with at most one separator between
#: two (a French number's last nine, whatever comes before them); "00", a country code and a
#: bracket ("0044 (20) …") at the start of a number. A date (eight digits) is none of these.
_MAY_HIDE_AT = re.compile(rf"{_OPEN}{_SPACE}*(?:at|@|arobase|chez){_SPACE}*{_CLOSE}", re.I)
_MAY_WORD_AT = re.compile(rf"{_SPACE}at{_SPACE}+{_LABEL}(?:\.|{_SPACE}*{_OPEN}|{_SPACE}+(?:dot|point|\.){_SPACE})", re.I)
_NINE_DIGITS = re.compile(rf"\d(?:{_SEP}\d){{8}}")
_NUMBER_GLUE = re.compile(r"[\w./-]")  # PHONE's lookbehind: what a number may not follow
_INTL_BRACKET = re.compile(r"00[ ]?[1-9]\d{0,2}[ .-]?\(")


def _intl_bracket(seen: str) -> bool:
    """Whether `seen` holds _INTL_BRACKET where a number may start: each "00" is found with
    str.find (far faster than a pattern whose lookbehind is tried at every position)."""
    start = seen.find("00")
    while start >= 0:
        if (start == 0 or not _NUMBER_GLUE.match(seen, start - 1)) and _INTL_BRACKET.match(seen, start):
            return True
        start = seen.find("00", start + 1)
    return False


def may_hold(texts: str) -> bool:
    """False when none of `texts` (several texts, one per line) holds a contact `find` would find:
    one search over a record's texts at once, rather than one per text. A text's contact is in the
    texts joined, and no pattern reads a line break as a separator. Each part is searched for only
    where the characters it needs are there."""
    seen = readable(texts)
    if "@" in seen or "+" in seen:
        return True
    lowered = seen.lower()
    if "arobase" in lowered or "tel:" in lowered:  # EMAIL's " arobase " needs "arobase"
        return True
    if any(c in seen for c in "[({<") and (_MAY_HIDE_AT.search(seen) or _intl_bracket(seen)):
        return True
    if (" at" in lowered or "\tat" in lowered) and _MAY_WORD_AT.search(seen):
        return True
    return _NINE_DIGITS.search(seen) is not None


def find(text: str) -> list[Contact]:
    """Every e-mail address and phone number in `text` (see the module docstring)."""
    seen = readable(text)
    lowered = seen.lower()
    found = []
    # Most texts hold neither: the two patterns (each tries every position of the text) are first
    # searched for in part, and only where the characters they need are there.
    if _may_hold_email(seen, lowered) and (_HAS_AT.search(seen) or (_HAS_WORD_AT.search(seen)
                                                                     and _HAS_HIDDEN_DOT.search(seen))):
        for match in EMAIL.finditer(seen):
            domain = match.group("domain") or match.group("domain2")
            found.append(Contact("email", match.group(), _email_key(match.group("local"), domain), match.start()))
    if _may_hold_phone(seen, lowered):
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


# --- other personal details: what a comment must not hold either ---------------------------------

#: A date as people write it: 12/03/2008, 12-03-2008, 12.03.2008, 2008-03-12, 12 mars 2008, March 12, 2008.
_MONTHS = (r"janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept?(?:embre)?|oct(?:obre)?"
           r"|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:tember)?|october|november|december")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}"
         rf"|(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d{{2}}|(?:19|20)\d{{2}})")
#: A birth date: a word that says birth ("né le", "née en", "naissance", "born", "DOB", "DDN"…)
#: followed by a date or a year within a few words.
BIRTH_DATE = re.compile(
    rf"\b(?:née?s?|naissance|naiss\.?|ddn|dob|d\.o\.b\.?|born|birth(?:day|date)?|anniversaire)\b"
    rf"[^\n\d]{{0,25}}?(?<![\w]){_DATE}(?!\d)", re.I)
#: An age: "16 ans", "16ans", "16 years old", "16-year-old", "16 yo", "âgé de 16", "aged 16", "âge : 16".
AGE = re.compile(
    r"\b\d{1,3}\s*(?:ans|an|years?(?:[ -]old)?|yrs?|yo|y\.o\.?)(?![\w])|\b\d{1,3}-years?-old\b"
    r"|\b(?:[âa]g[ée]e?s?\s+de|aged?|[âa]ge)\s*:?\s*\d{1,3}\b", re.I)
#: A full name: two words or more that start with a capital (a compound first name or a particle
#: between them allowed: "Jean-Pierre de la Fontaine", "Lou Martin").
FULL_NAME = re.compile(r"\b[^\W\d_a-zà-ÿ][^\W\d_]*(?:-[^\W\d_][^\W\d_]*)*"
                       r"(?:\s+(?:de|du|des|le|la|van|von|da|di|d'|ben|el)){0,2}\s+[^\W\d_a-zà-ÿ][^\W\d_]+")
#: Private keys and access tokens: a PEM private key, and the tokens of the services a repository
#: most often meets (GitHub, GitLab, Slack, AWS, Google, OpenAI-style "sk-", JSON Web Tokens).
SECRET = re.compile(
    r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"
    r"|\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{40,}|\bglpat-[A-Za-z0-9_-]{20,}"
    r"|\bxox[abprs]-[A-Za-z0-9-]{10,}|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}"
    r"|\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}|\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")

#: A literal every match of SECRET contains: a text with none of them holds no secret, which plain
#: substring searches say much faster than the expression (a file's text, for every record `check`
#: reads: 0.6 ms a file with the expression alone). tests/test_privacy.py keeps both in step.
SECRET_MARKS = ("-----BEGIN ", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxa-", "xoxb-",
                "xoxp-", "xoxr-", "xoxs-", "AKIA", "ASIA", "AIza", "sk-", "eyJ")


def may_hold_secret(text: str) -> bool:
    """Whether `text` may hold a private key or an access token (SECRET then says whether it does)."""
    return any(mark in text for mark in SECRET_MARKS)


@dataclass(frozen=True)
class Detail:
    kind: str  # "birth_date", "age_beside_name" or "secret"
    written: str
    start: int


def private_details(text: str) -> list[Detail]:
    """Personal details other than contacts that `text` (a comment: one line) holds: a birth date, an
    age in the same line as a full name, a private key or access token. Read as a reader sees it."""
    seen = readable(text)
    found = [Detail("secret", m.group(), m.start()) for m in SECRET.finditer(seen)] if may_hold_secret(seen) else []
    if any(c.isdigit() for c in seen):
        found += [Detail("birth_date", m.group(), m.start()) for m in BIRTH_DATE.finditer(seen)]
        age = AGE.search(seen)  # beside: in the same comment (one line), whatever lies between
        name = FULL_NAME.search(seen) if age else None
        if age and name:
            first, last = sorted((age, name), key=lambda m: m.start())
            found.append(Detail("age_beside_name", seen[first.start():last.end()], first.start()))
    return sorted(found, key=lambda d: d.start)
