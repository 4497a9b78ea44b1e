"""Hostile input: what a careless or hostile pull request can put in data/ and content/, and the exact
message `check` gives for each — file, line, column, what is wrong and how to fix it — or, where
the input is accepted, what happens to it. Never a traceback; each case well under two seconds.

Each case plants one thing in a copy of the minimal fixture site (tests/fixtures/minimal) and
pins every problem it adds, errors and warnings, compared with the untouched copy. The categories
follow issue 11: YAML pitfalls, schema mistakes, file-system oddities, page names, characters,
dates, contact details, URLs, markup and private data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records.catalogue import speaking_to_editors
from generator.records.problems import sort_problems

from .conftest import CHECK_DAY, MINIMAL, ROOT
from .french import french

REC = "data/recommendations/test-sujet-01.yml"
TOPIC = "data/topics/test-sujet.yml"
COHORT = "data/cohorts/promo-test.yml"
SITE = "data/site.yml"
PAGE = "content/fr/index.md"
PAGE_EN = "content/en/index.md"
NEW_PAGE = "---\ntitle: Une page\ndescription: Une page fictive.\n---\nLe texte.\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: `plant(root)` changes the copy; `expected` are the problems it adds."""

    id: str
    plant: Callable[[Path], None]
    expected: tuple[str, ...]


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plant


def write(path: str, text: str | bytes) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return plant


def both(*plants: Callable[[Path], None]) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        for one in plants:
            one(root)
    return plant


def symlink(path: str, target: str) -> Callable[[Path], None]:
    """A symbolic link at `path`; a `target` starting with / is taken inside the test's folder
    (the link points outside the copied repository, as a hostile one would)."""
    def plant(root: Path) -> None:
        link = root / path
        link.parent.mkdir(parents=True, exist_ok=True)
        if target.startswith("/"):
            outside = root.parent / "outside" / target.lstrip("/")
            outside.parent.mkdir(parents=True, exist_ok=True)
            if not outside.exists():
                outside.write_text("# Fictional test data.\nsecret: CANARY-SYMLINK\n", encoding="utf-8")
            link.symlink_to(outside)
        else:
            link.symlink_to(target)
    return plant


def p(where: str, field: str, message: str, warning: bool = False, lang: str = "fr") -> str:
    """A problem as `check` prints it."""
    head = f"{where}: {field}" if field else f"{where}:"
    if warning:
        head += " (avertissement)" if lang == "fr" else " (warning)"
    return head + "\n" + "\n".join("  " + line for line in message.splitlines())


# The messages are French, as `check` speaks by default: set with French typography (tests/french.py), the
# values an editor wrote put in afterwards, as `check` does.
COMMENT = french("Ce texte contient un commentaire HTML (« {} »). Le site ne le publie jamais (ni sur la page, ni dans "
                 "la recherche, ni dans les flux, ni dans les données ouvertes), mais n'importe qui peut le lire dans ce "
                 "dépôt. Supprimez-le ; les notes pour les autres éditeurs vont dans la demande de modification.")
REMOVED = french("Ce texte contient du HTML que le site retire (« {} ») : les scripts, les styles, les éléments cachés "
                 "et les attributs HTML ne sont jamais publiés. Supprimez-le, et écrivez la mise en forme en Markdown "
                 "(voir CONTRIBUTING.md).")
SYMLINK = french("Ceci est un lien symbolique, que le site ne suit jamais : ce vers quoi il pointe pourrait être hors du "
                 "dépôt, et une demande de modification ne montre que le lien. Remplacez-le par le fichier lui-même.")
LINK_REMOVED = french("Ce lien mène à « {} », une adresse que le site retire : seules les adresses en https://, "
                      "http:// et mailto: sont publiées (jamais javascript:, data:, file:…). Les mots du lien seraient "
                      "publiés sans le lien. Écrivez l'adresse de la page en https://, ou retirez le lien.")
HIDDEN_FILE = french("Ce nom commence par un point : le fichier est donc caché, et n'est jamais lu ni publié. S'il doit "
                     "l'être, renommez-le sans le point ; sinon, supprimez-le.")


def not_listed(written: str, email: bool = False) -> str:
    if email:
        return french("« {} » est une adresse électronique qui n'est pas dans `public_contacts` (data/site.yml). Si "
                      "c'est le contact public d'un service, ajoutez-la à cette liste, où une personne la vérifie à la "
                      "relecture ; si c'est celle d'une personne, supprimez-la : les coordonnées de personnes ne sont "
                      "jamais publiées ni conservées ici.").format(written)
    return french("« {} » est un numéro de téléphone qui n'est pas dans `public_contacts` (data/site.yml). Si c'est le "
                  "contact public d'un service, ajoutez-le à cette liste, où une personne le vérifie à la relecture ; si "
                  "c'est celui d'une personne, supprimez-le : les coordonnées de personnes ne sont jamais publiées ni "
                  "conservées ici.").format(written)


def mobile(written: str) -> str:
    return french("« {} » ressemble au numéro de portable personnel de quelqu'un. Les coordonnées de personnes ne sont "
                  "jamais publiées ni conservées dans ce dépôt : supprimez-le.").format(written)


def in_text(written: str) -> Callable[[Path], None]:
    """`written` inside the English text of the minimal recommendation (line 8, column 7)."""
    return edit(REC, "  en: Fictional text.", f"  en: 'Fictional text, {written}.'")


#: The formats of issue 11 (8 of 18 passed silently, 10 only warned), and more: each is refused
#: in a record, at the text's line.
CONTACTS = [
    ("+33 (0)6 12 34 56 78", mobile("+33 (0)6 12 34 56 78")),
    ("0033 6 12 34 56 78", mobile("0033 6 12 34 56 78")),
    ("06\u00a012\u00a034\u00a056\u00a078", mobile("06 12 34 56 78")),
    ("06\u202f12\u202f34\u202f56\u202f78", mobile("06 12 34 56 78")),
    ("06 12 34 56 78", mobile("06 12 34 56 78")),
    ("0612345678", mobile("0612345678")),
    ("06.12.34.56.78", mobile("06.12.34.56.78")),
    ("06-12-34-56-78", mobile("06-12-34-56-78")),
    ("+33612345678", mobile("+33612345678")),
    ("+33 6 12 34 56 78", mobile("+33 6 12 34 56 78")),
    ("06 1234 5678", mobile("06 1234 5678")),
    ("06\u200d12\u200d34\u200d56\u200d78", mobile("0612345678")),  # joiners are allowed; a ZWSP is refused
    ("tel:+33612345678", mobile("tel:+33612345678")),
    # French mobile numbers start with 07 as well as 06, in every way of writing them.
    ("07 12 34 56 78", mobile("07 12 34 56 78")),
    ("0712345678", mobile("0712345678")),
    ("07.12.34.56.78", mobile("07.12.34.56.78")),
    ("+33 7 12 34 56 78", mobile("+33 7 12 34 56 78")),
    ("+33 (0)7 12 34 56 78", mobile("+33 (0)7 12 34 56 78")),
    ("0033 7 12 34 56 78", mobile("0033 7 12 34 56 78")),
    ("+33712345678", mobile("+33712345678")),
    ("tel:+33712345678", mobile("tel:+33712345678")),
    ("01 42 76 40 40", not_listed("01 42 76 40 40")),
    ("+44 20 7946 0958", not_listed("+44 20 7946 0958")),
    ("+1 (555) 123-4567", not_listed("+1 (555) 123-4567")),
    ("marie.dupont@paris.fr", not_listed("marie.dupont@paris.fr", email=True)),
    ("nom [at] domaine.fr", not_listed("nom [at] domaine.fr", email=True)),
    ("nom (at) domaine (point) fr", not_listed("nom (at) domaine (point) fr", email=True)),
    ("nom arobase domaine point fr", not_listed("nom arobase domaine point fr", email=True)),
    ("nom at domaine dot fr", not_listed("nom at domaine dot fr", email=True)),
    ("nom {at} domaine.fr", not_listed("nom {at} domaine.fr", email=True)),
    ("nom @ domaine . fr", not_listed("nom @ domaine . fr", email=True)),
    ("nom\uff20domaine.fr", not_listed("nom@domaine.fr", email=True)),
    ("[écrire](mailto:nom@domaine.fr)", not_listed("nom@domaine.fr", email=True)),
    ("camille.d@gmail.com", french("« camille.d@gmail.com » ressemble à l'adresse électronique personnelle de "
                                   "quelqu'un. Les coordonnées de personnes ne sont jamais publiées ni conservées dans "
                                   "ce dépôt : supprimez-la.")),
]


TODAY = date.today().isoformat()


def future(when: str, what: str) -> str:
    return french(f"Cette date ({when}) est postérieure à aujourd'hui ({TODAY}) : {what} dans le futur. Si l'année, le "
                  "mois ou le jour est une faute de frappe, corrigez-la.")


def invisible(name: str, code: str) -> str:
    return french(f"Il y a ici {name} (U+{code}). Ce caractère est invisible, et peut inverser ou cacher le texte qui "
                  "l'entoure : ce que lisent les relecteurs ne serait pas ce que le site publie. Supprimez-le ; ces "
                  "caractères viennent souvent d'un texte copié depuis un PDF, une page web ou un traitement de texte.")


def private(key: str) -> str:
    return french("« {} » désigne une information privée, qui ne doit jamais être publiée ni conservée dans ce dépôt. "
                  "Supprimez ce champ et sa valeur ; gardez ces informations dans les fichiers de la Ville.").format(key)


def cohort_dates(when: str, start: str = "", end: str = "") -> str:
    """A date outside the life of cohort promo-test."""
    said = (f"est antérieure au début de la promotion promo-test ({start})" if start
            else f"est postérieure à la fin de la promotion promo-test ({end})")
    return french(f"Cette date ({when}) {said}. Vérifiez l'année ; ou, si elle concerne une autre promotion, changez la "
                  "promotion.")


NEVER_CLOSED = french("{} (« {} ») n'est jamais fermé : le site ne publierait rien du texte qui le suit. Fermez-le là où "
                      "il se termine ({}), ou supprimez-le.")


HEARING = """# Fictional test data.
id: test-audition
cohort: promo-test
format: audition
date: {date}
title: {{fr: Audition fictive, en: Fictional hearing}}
sources:
  - {{title: Page fictive, url: "https://example.org/a", consulted: 2025-01-15}}
"""
MEETING = """# Fictional test data.
id: reunion-test
type: plenary
date: {date}
cohorts: [promo-test]
title: {{fr: Réunion fictive, en: Fictional meeting}}
sources:
  - {{title: Page fictive, url: "https://example.org/r", consulted: 2025-01-15}}
"""
LONG = "x" * 100_000


def page_name(name: str, suggestion: str) -> str:
    return french("« {} » ne peut pas être le nom d'une page : ce nom est l'adresse web de la page, il ne s'écrit donc "
                  "qu'en lettres minuscules a-z, chiffres et tirets simples (ni espace, ni majuscule, ni accent, ni "
                  "point). Renommez le fichier en {}.md, dans les deux langues.").format(name, suggestion)


def reserved(name: str, what: str = "d'une page ou d'un dossier que le site génère") -> str:
    return french(f"« {name} » est déjà l'adresse {what} : cette page serait perdue, ou prendrait sa place. Donnez un "
                  f"autre nom à la page, dans les deux langues (par exemple {name}-infos.md).")


NO_ENGLISH = french("Cette page n'a pas de version anglaise. Ajoutez content/en/{}.md (le même nom de fichier), avec sa "
                    "traduction.")


TITLE_TOO_LONG = french("Ce titre ou ce nom compte 100\u202f000 caractères, plus que les 300 permis. Raccourcissez-le ; la "
                        "formulation complète peut aller dans le texte, ou dans une source.")

CASES: list[Case] = [
    # --- dates -------------------------------------------------------------------------------------
    Case("a source consulted in 2099", edit(REC, "    consulted: 2025-01-15", "    consulted: 2099-01-15"),
         (p(f"{REC}:23:16", "sources[1].consulted", future("2099-01-15", "une source ne peut pas avoir été consultée")),)),
    Case("a source published in 2099", edit(REC, "    consulted: 2025-01-15", "    published: 2099-01\n    consulted: 2025-01-15"),
         (p(f"{REC}:23:16", "sources[1].published", future("2099-01", "une source ne peut pas avoir été publiée")),)),
    Case("a vote adopted in 2099", edit(TOPIC, "  date: 2025-07-02", "  date: 2099-07-02"),
         (p(f"{TOPIC}:11:9", "vote.date", future("2099-07-02", "cela ne peut pas avoir eu lieu")),)),
    Case("a vote still pending may be planned", both(edit(TOPIC, "  date: 2025-07-02", "  date: 2099-07-02"),
                                                    edit(TOPIC, "result: adopted", "result: pending")), ()),
    Case("a follow-up entry in 2099", edit(REC, "  - date: 2025-09-01", "  - date: 2099-09-01"),
         (p(f"{REC}:10:11", "follow_up[1].date", future("2099-09-01", "cela ne peut pas avoir eu lieu")),)),
    Case("a target date may be in the future", edit(REC, "target: 2026-06", "target: 2099-06"), ()),
    Case("a meeting may be planned", write("data/meetings/reunion-test.yml", MEETING.format(date="2099-03-13")), ()),
    Case("a hearing decades before its cohort", write("data/hearings/test-audition.yml", HEARING.format(date="1925-10-05")),
         (p("data/hearings/test-audition.yml:5:7", "date", cohort_dates("1925-10-05", start="2024-09")),)),
    Case("a hearing after its cohort ended", write("data/hearings/test-audition.yml", HEARING.format(date="2025-12")),
         (p("data/hearings/test-audition.yml:5:7", "date", cohort_dates("2025-12", end="2025-07")),)),
    Case("a hearing in 2099", write("data/hearings/test-audition.yml", HEARING.format(date="2099-10-05")),
         (p("data/hearings/test-audition.yml:5:7", "date", cohort_dates("2099-10-05", end="2025-07")),
          p("data/hearings/test-audition.yml:5:7", "date", future("2099-10-05", "cela ne peut pas avoir eu lieu")))),
    Case("a follow-up entry before its cohort", edit(REC, "  - date: 2025-09-01", "  - date: 2015-09-01"),
         (p(f"{REC}:10:11", "follow_up[1].date", cohort_dates("2015-09-01", start="2024-09")),)),
    Case("a meeting before its cohort", write("data/meetings/reunion-test.yml", MEETING.format(date="1999-03-13")),
         (p("data/meetings/reunion-test.yml:4:7", "date", cohort_dates("1999-03-13", start="2024-09")),)),
    Case("a cohort starting in 2099", edit(COHORT, "start: 2024-09", "start: 2099-09"),
         (p(f"{COHORT}:5:8", "start", future("2099-09", "cela ne peut pas avoir commencé")),
          p(f"{COHORT}:6:6", "end", french("La promotion se termine (2025-07) avant de commencer (2099-09). Vérifiez les "
                                           "deux dates.")),
          p(f"{TOPIC}:11:9", "vote.date", cohort_dates("2025-07-02", start="2099-09")),
          p(f"{REC}:10:11", "follow_up[1].date", cohort_dates("2025-09-01", start="2099-09")))),

    # --- characters and lengths ------------------------------------------------------------------
    Case("a right-to-left override in a title", edit(REC, "title: {fr: Mesure de test,", "title: {fr: Mesure \u202ede test,"),
         (p(f"{REC}:5:20", "", invisible("un forçage de droite à gauche", "202E")),)),
    Case("a left-to-right isolate in a title", edit(REC, "en: Test measure}", "en: Test \u2066measure}"),
         (p(f"{REC}:5:38", "", invisible("un isolat de gauche à droite", "2066")),)),
    Case("a zero-width space in a name", edit(COHORT, "name: {fr: Promotion de test,", "name: {fr: Promotion\u200b de test,"),
         (p(f"{COHORT}:4:21", "", invisible("un espace de largeur nulle", "200B")),)),
    Case("a bidi control in a page's body", edit(PAGE, "Ceci est un site", "Ceci est un \u202esite"),
         (p(f"{PAGE}:5:13", "", invisible("un forçage de droite à gauche", "202E")),)),
    Case("a null character in a page's body", edit(PAGE, "Ceci est un site", "Ceci est\x00 un site"),
         (p(f"{PAGE}:5:9", "", french("Il y a ici un caractère nul (U+0000). Supprimez ce caractère ; ces caractères "
                                      "viennent souvent d'un texte copié depuis un PDF ou un traitement de texte.")),)),
    Case("a bell character in a page's body", edit(PAGE, "Ceci est un site", "Ceci\x07 est un site"),
         (p(f"{PAGE}:5:5", "", french("Il y a ici un caractère de contrôle invisible (U+0007). Supprimez ce caractère ; "
                                      "ces caractères viennent souvent d'un texte copié depuis un PDF ou un traitement de "
                                      "texte.")),)),
    Case("a title of 100,000 characters", edit(REC, "en: Test measure}", f"en: {LONG}}}"),
         (p(f"{REC}:5:33", "title.en", TITLE_TOO_LONG),)),
    Case("a title on several lines", edit(REC, "title: {fr: Mesure de test,", 'title: {fr: "Mesure\\nde test",'),
         (p(f"{REC}:5:13", "title.fr", french("Ce titre ou ce nom tient sur plusieurs lignes ; il est affiché sur une "
                                              "seule (dans le titre de la page, les tableaux, les aperçus de liens). "
                                              "Écrivez-le sur une ligne, sans « | » ni « > ».")),)),
    Case("a text of 30,000 characters", edit(REC, "  en: Fictional text.", "  en: " + "Texte. " * 4300),
         (p(f"{REC}:8:7", "text.en", french("Ce texte compte 30\u202f099 caractères, plus que les 20\u202f000 permis. "
                                            "Raccourcissez-le ; un long document a sa place dans une source liée, pas "
                                            "dans la fiche.")),)),
    Case("a page title of 100,000 characters", edit(PAGE, "title: Accueil", f"title: {LONG}"),
         (p(f"{PAGE}:2:8", "title", TITLE_TOO_LONG),)),
    Case("a page over 256 KB", write("content/fr/longue.md", NEW_PAGE + "x" * 300_000),
         (p("content/fr/longue.md:1:1", "", french("Cette page fait 293 Ko, plus que la limite de 256 Ko. Découpez-la "
                                                   "en plusieurs pages, ou faites un lien vers un document.")),
          p("content/fr/longue.md:1:1", "", NO_ENGLISH.format("longue"), True))),

    # --- private data and contradictions ---------------------------------------------------------
    *(Case(f"private key {key!r}", edit(REC, "    assessor: city\n", f"    assessor: city\n    {key}: x\n"),
           (p(f"{REC}:12:5", f"follow_up[1].{key}", private(key)),))
      for key in ("nationalité", "âge", "tél", "commentaire", "notes_internes", "date_de_naissance", "dob",
                  "domicile", "phone_number", "nir", "rib", "passeport", "parent_email", "tuteur", "ethnie",
                  "origine", "opinion_politique", "syndicat", "whatsapp", "instagram", "photo_url", "avatar",
                  "numero_carte_citoyenne", "indemnite", "Date-De-Naissance", "mot_de_passe")),
    Case("a private key in a page's front matter", edit(PAGE, "description: Site minimal fictif.\n",
                                                       "description: Site minimal fictif.\nemail_auteur: x\n"),
         (p(f"{PAGE}:4:1", "email_auteur", private("email_auteur")),)),
    Case("not retained but under way", edit(REC, "    response: accepted\n", "    response: not_retained\n"),
         (p(f"{REC}:13:13", "follow_up[1].status", french(
             "La réponse est « not_retained » (la Ville ne reprend pas la mesure), mais le statut « in_progress » dit "
             "qu'elle est en cours (50 %). Si la Ville a changé d'avis, dites-le avec sa nouvelle réponse ; sinon, "
             "utilisez un statut qui dit ce qui s'est passé.")),)),

    # --- contact details, in every format, in records and pages ----------------------------------
    *(Case(f"contact {written!r}", in_text(written), (p(f"{REC}:8:7", "text.en", message),))
      for written, message in CONTACTS),
    Case("contact in a page's body", edit(PAGE, "pour les tests.", "pour les tests.\n\nÉcrire à nom [at] domaine.fr."),
         (p(f"{PAGE}:7:10", "", not_listed("nom [at] domaine.fr", email=True)),)),
    Case("mobile number in a page's description", edit(PAGE, "description: Site minimal fictif.",
                                                       "description: Site minimal fictif, 06 12 34 56 78."),
         (p(f"{PAGE}:3:14", "description", mobile("06 12 34 56 78")),)),
    Case("a service's contact listed in site.yml may be shown", both(
        edit(SITE, "base_url: https://example.org/minimal/\n", "base_url: https://example.org/minimal/\npublic_contacts:\n"
             "  - accueil@exemple.fr\n  - +33 1 42 76 40 40\n"),
        in_text("accueil [at] exemple.fr, 01.42.76.40.40"),
        edit(PAGE, "pour les tests.", "pour les tests. Écrire à accueil@exemple.fr.")), ()),
    Case("a person's contact cannot be listed in site.yml", edit(
        SITE, "base_url: https://example.org/minimal/\n", "base_url: https://example.org/minimal/\npublic_contacts:\n  - 06 12 34 56 78\n"),
         (p(f"{SITE}:19:5", "public_contacts[1]", french(
             "« 06 12 34 56 78 » ressemble aux coordonnées personnelles de quelqu'un (un numéro de portable ou une boîte "
             "aux lettres électronique personnelle), qui ne peuvent jamais être un contact public. Supprimez-les.")),)),
    Case("something else in public_contacts", edit(
        SITE, "base_url: https://example.org/minimal/\n", "base_url: https://example.org/minimal/\npublic_contacts:\n  - l'accueil\n"),
         (p(f"{SITE}:19:5", "public_contacts[1]", french(
             "« {} » n'est ni une adresse électronique ni un numéro de téléphone. Écrivez un contact par ligne, par "
             "exemple « accueil@exemple.fr » ou « 01 23 45 67 89 ».").format("l'accueil")),)),
    Case("an e-mail address in a web address's query", edit(REC, "url: https://example.org/source",
                                                             "url: https://example.org/source?from=nom@domaine.fr"),
         (p(f"{REC}:22:10", "sources[1].url", not_listed("nom@domaine.fr", email=True)),)),

    # --- web addresses ----------------------------------------------------------------------------
    Case("credentials in an address", edit(REC, "url: https://example.org/source", "url: https://moi:secret@example.org/source"),
         (p(f"{REC}:22:10", "sources[1].url", french(
             "Cette adresse contient un nom d'utilisateur ou un mot de passe (la partie avant `@`), qui serait publié "
             "avec elle. Écrivez l'adresse sans cette partie, telle que les lecteurs peuvent l'ouvrir.")),)),
    Case("credentials in a text's link", in_text("[voir](https://moi:secret@example.org/x)"),
         (p(f"{REC}:8:7", "text.en", french(
             "Une adresse de ce texte contient un nom d'utilisateur ou un mot de passe (la partie entre « :// » et "
             "« @ »), que le site publierait. Écrivez l'adresse sans cette partie.")),)),
    Case("an http:// address", edit(REC, "url: https://example.org/source", "url: http://example.org/source"),
         (p(f"{REC}:22:10", "sources[1].url", french(
             "« http://example.org/source » commence par http://, et non https:// : les lecteurs quitteraient le site "
             "pour une page non chiffrée, que n'importe qui sur le trajet peut modifier. Utilisez l'adresse en https:// "
             "si le site en a une (c'est le cas de la plupart)."), True),)),
    Case("a javascript: link in a text is removed", in_text("[clic](javascript:alert(1))"),
         (p(f"{REC}:8:31", "text.en", LINK_REMOVED.format("javascript:alert(1)")),)),
    Case("a data: link in a reference of a text", in_text("[clic][r]\n\n  [r]: data:text/html,x"),
         (p(f"{REC}:10:8", "text.en", LINK_REMOVED.format("data:text/html,x.")),)),
    Case("a javascript: link in a page", both(write("content/fr/liens.md", NEW_PAGE + "\nVoir [ici](JavaScript:alert(1)).\n"),
                                            write("content/en/liens.md", NEW_PAGE)),
         (p("content/fr/liens.md:7:12", "", LINK_REMOVED.format("JavaScript:alert(1)")),)),
    Case("base_url over http", edit(SITE, "base_url: https://example.org/minimal/", "base_url: http://example.org/minimal/"),
         (p(f"{SITE}:17:11", "base_url", french(
             "« http://example.org/minimal/ » ne commence pas par https://. Le site n'est publié qu'en https (GitHub "
             "Pages et tout hébergeur que la Ville utilise) : écrivez son adresse avec https://.")),)),
    Case("base_url with a query", edit(SITE, "base_url: https://example.org/minimal/", "base_url: https://example.org/minimal/?x=1"),
         (p(f"{SITE}:17:11", "base_url", french(
             "« https://example.org/minimal/?x=1 » a une partie `?` ou `#`. Écrivez seulement l'adresse de la page "
             "d'accueil du site, terminée par `/`.")),)),
    Case("base_url without its final slash is completed", edit(SITE, "base_url: https://example.org/minimal/",
                                                                "base_url: https://example.org/minimal"), ()),

    # --- markup: comments and what the sanitizer removes --------------------------------------
    Case("comment in a title", edit(REC, "title: {fr: Mesure de test,", 'title: {fr: "Mesure <!-- à revoir --> de test",'),
         (p(f"{REC}:5:21", "title.fr", COMMENT.format("<!-- à revoir -->")),)),
    Case("comment over two lines in a block text", edit(REC, '  en: Fictional text.',
                                                          "  en: |\n    Fictional <!-- note\n    on two lines --> text."),
         (p(f"{REC}:9:15", "text.en", COMMENT.format("<!-- note on two lines -->")),)),
    Case("two comments in one text", edit(TOPIC, "  fr: Un sujet fictif.", '  fr: "Un <!-- a --> sujet <!-- b --> fictif."'),
         (p(f"{TOPIC}:8:11", "summary.fr", COMMENT.format("<!-- a -->")),
          p(f"{TOPIC}:8:28", "summary.fr", COMMENT.format("<!-- b -->")))),
    Case("comment never closed", edit(TOPIC, "  fr: Un sujet fictif.", '  fr: "Un sujet <!-- note fictif."'),
         (p(f"{TOPIC}:8:17", "summary.fr", NEVER_CLOSED.format("Ce commentaire HTML", "<!-- note fictif.",
                                                               french("« --> »"))),)),
    Case("script element never closed", edit(TOPIC, "  fr: Un sujet fictif.", '  fr: "Un sujet <script>fictif."'),
         (p(f"{TOPIC}:8:17", "summary.fr", NEVER_CLOSED.format("Cet élément HTML", "<script>fictif.",
                                                               "avec sa balise fermante")),)),
    Case("a text that is only a comment", edit(REC, "en: Test measure}", 'en: "<!-- rien -->"}'),
         (p(f"{REC}:5:33", "title.en", french("Ce texte ne contient que du HTML que le site ne publie jamais (un "
                                              "commentaire, un script…). Écrivez le texte, ou supprimez le champ.")),)),
    Case("attribute hiding text", edit(REC, "answer: {fr: Réponse fictive.,", "answer: {fr: 'Réponse <span title=\"note\">fictive</span>.',"),
         (p(f"{REC}:15:27", "follow_up[1].answer.fr", REMOVED.format('<span title="note">'), True),)),
    Case("processing instruction", edit(REC, "answer: {fr: Réponse fictive.,", "answer: {fr: 'Réponse <?php note ?> fictive.',"),
         (p(f"{REC}:15:27", "follow_up[1].answer.fr", REMOVED.format("<?php note ?>"), True),)),
    Case("comment in a page's body", edit(PAGE, "Ceci est un site", "Ceci <!-- brouillon -->est un site"),
         (p(f"{PAGE}:5:6", "", COMMENT.format("<!-- brouillon -->")),)),
    Case("comment in a page's description", edit(PAGE, "description: Site minimal fictif.",
                                                 'description: "Site <!-- x --> minimal fictif."'),
         (p(f"{PAGE}:3:20", "description", COMMENT.format("<!-- x -->")),)),
    Case("comment never closed in a page", edit(PAGE, "pour les tests.", "pour les <!-- tests.\n\nSuite."),
         (p(f"{PAGE}:5:38", "", NEVER_CLOSED.format("Ce commentaire HTML", "<!-- tests. Suite.", french("« --> »"))),)),

    # --- file system: symbolic links, hidden and misplaced files --------------------------------
    Case("record symlinked outside the repository", symlink("data/recommendations/test-sujet-02.yml", "/etc-like/record.yml"),
         (p("data/recommendations/test-sujet-02.yml:1:1", "", SYMLINK),)),
    Case("record folder symlinked", symlink("data/hearings", "/elsewhere/hearings"),
         (p("data/hearings:1:1", "", SYMLINK),)),
    Case("site.yml symlinked", both(lambda root: (root / SITE).rename(root / "site-copy.yml"),
                                    symlink(SITE, "../site-copy.yml")),
         (p(f"{SITE}:1:1", "", SYMLINK),)),
    Case("page symlinked outside the repository", symlink("content/fr/secret.md", "/home/secret.md"),
         (p("content/fr/secret.md:1:1", "", SYMLINK),)),
    Case("language folder symlinked", both(lambda root: (root / "content/en").rename(root / "en-copy"),
                                           symlink("content/en", "../en-copy")),
         (p("content/en:1:1", "", SYMLINK),
          p("content/fr/index.md:1:1", "", NO_ENGLISH.format("index"), True))),
    Case("hidden record", write("data/recommendations/.test-sujet-02.yml", "# Fictional test data.\nid: x\n"),
         (p("data/recommendations/.test-sujet-02.yml:1:1", "", HIDDEN_FILE, True),)),
    Case("hidden folder of drafts", write("data/.brouillons/test-sujet-02.yml", "# Fictional test data.\nid: x\n"),
         (p("data/.brouillons:1:1", "", HIDDEN_FILE, True),)),
    Case("hidden page", write("content/fr/.brouillon.md", NEW_PAGE),
         (p("content/fr/.brouillon.md:1:1", "", HIDDEN_FILE, True),)),
    Case("page with an upper-case extension", write("content/fr/autre.MD", NEW_PAGE),
         (p("content/fr/autre.MD:1:1", "", french("Ce fichier n'est pas lu. Renommez-le en autre.md.")),)),
    Case("page in a sub-folder", write("content/fr/sous/page.md", NEW_PAGE),
         (p("content/fr/sous:1:1", "", french("Les pages d'un sous-dossier ne sont pas lues. Déplacez chaque page de "
                                              "ce dossier dans content/fr/ même, ou supprimez le dossier.")),)),
    Case("pages in another language", write("content/de/index.md", NEW_PAGE),
         (p("content/de:1:1", "", french("« de » n'est pas une langue de ce site : rien dans ce dossier n'est publié. "
                                         "Les pages vont dans content/fr/, content/en/.")),)),
    Case("a file beside the language folders", write("content/index.md", NEW_PAGE),
         (p("content/index.md:1:1", "", french("Ce fichier n'est pas lu. Les pages vont dans content/fr/, content/en/, "
                                               "un fichier Markdown (.md) par page.")),)),
    Case("a text file among the pages", write("content/fr/notes.txt", "notes"),
         (p("content/fr/notes.txt:1:1", "", french("Ce fichier n'est pas lu. Les pages sont des fichiers Markdown dont "
                                                   "le nom se termine par .md.")),)),
    Case("a .gitkeep is quietly kept", write("data/hearings/.gitkeep", ""), ()),

    # --- page names -------------------------------------------------------------------------------
    Case("page name with a space and capitals", both(write("content/fr/Ma Page.md", NEW_PAGE), write("content/en/Ma Page.md", NEW_PAGE)),
         (p("content/en/Ma Page.md:1:1", "", page_name("Ma Page", "ma-page")),
          p("content/fr/Ma Page.md:1:1", "", page_name("Ma Page", "ma-page")))),
    Case("page name with accents", write("content/fr/été.md", NEW_PAGE),
         (p("content/fr/été.md:1:1", "", page_name("été", "ete")),)),
    Case("page named like the sitemap", write("content/fr/sitemap.xml.md", NEW_PAGE),
         (p("content/fr/sitemap.xml.md:1:1", "", page_name("sitemap.xml", "sitemap-xml")),)),
    Case("page named like build-info.json", write("content/fr/build-info.json.md", NEW_PAGE),
         (p("content/fr/build-info.json.md:1:1", "", page_name("build-info.json", "build-info-json")),)),
    Case("page named ...md", write("content/fr/...md", NEW_PAGE),
         (p("content/fr/...md:1:1", "", HIDDEN_FILE, True),)),
    Case("page named like a generated section", write("content/fr/recommandations.md", NEW_PAGE),
         (p("content/fr/recommandations.md:1:1", "", reserved("recommandations")),)),
    Case("page named donnees", write("content/fr/donnees.md", NEW_PAGE),
         (p("content/fr/donnees.md:1:1", "", reserved("donnees")),)),
    Case("page named recherche", write("content/fr/recherche.md", NEW_PAGE),
         (p("content/fr/recherche.md:1:1", "", reserved("recherche")),)),
    Case("page named promotions", write("content/fr/promotions.md", NEW_PAGE),
         (p("content/fr/promotions.md:1:1", "", reserved("promotions")),)),
    Case("page named en", write("content/fr/en.md", NEW_PAGE),
         (p("content/fr/en.md:1:1", "", reserved("en", "du dossier d'une langue")),)),
]


def problems_of(root: Path) -> list[str]:
    _, _, problems = pipeline.check(root / "data", root / "content", root, today=CHECK_DAY)
    return [p.text() for p in sort_problems(problems)]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    root = tmp_path_factory.mktemp("baseline") / "minimal"
    import shutil

    shutil.copytree(MINIMAL, root)
    return set(problems_of(root))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_hostile_input_gets_its_pinned_message(case: Case, tmp_path: Path, baseline: set[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    case.plant(root)
    monkeypatch.chdir(root)
    started = time.perf_counter()
    found = problems_of(root)
    elapsed = time.perf_counter() - started
    added = [text for text in found if text not in baseline]
    assert sorted(added) == sorted(case.expected)
    assert elapsed < 2, f"{case.id}: check took {elapsed:.1f} s"


#: A few of the cases above as `check --lang en` (or an English locale) says them.
ENGLISH = {
    "a hearing in 2099": (
        p("data/hearings/test-audition.yml:5:7", "date", "This date (2099-10-05) is after cohort promo-test ended "
          "(2025-07). Check the year; or, if it belongs to another cohort, change the cohort.", lang="en"),
        p("data/hearings/test-audition.yml:5:7", "date", f"This date (2099-10-05) is after today ({TODAY}): this cannot "
          "have happened in the future. If the year, the month or the day is a typo, correct it.", lang="en")),
    "a title of 100,000 characters": (
        p(f"{REC}:5:33", "title.en", "This title or name is 100,000 characters long, more than the 300 it may have. "
          "Shorten it; the full wording can go in the text, or in a source.", lang="en"),),
    "contact '06 12 34 56 78'": (
        p(f"{REC}:8:7", "text.en", '"06 12 34 56 78" looks like a person\'s own mobile number. Contact details of people '
          "are never published nor kept in this repository: delete it.", lang="en"),),
    "attribute hiding text": (
        p(f"{REC}:15:27", "follow_up[1].answer.fr", 'This text holds HTML that the site removes ("<span title="note">"): '
          "scripts, styles, hidden elements and HTML attributes are never published. Delete it, and write formatting in "
          "Markdown (see CONTRIBUTING.en.md).", True, lang="en"),),
    "a javascript: link in a text is removed": (
        p(f"{REC}:8:31", "text.en", 'This link leads to "javascript:alert(1)", an address the site removes: only '
          "https://, http:// and mailto: addresses are published (never javascript:, data:, file:…). The link's words "
          "would be published without the link. Write the page's https:// address, or remove the link.", lang="en"),),
    "private key 'nationalité'": (
        p(f"{REC}:12:5", "follow_up[1].nationalité", '"nationalité" names private information, which must never be '
          "published or kept in this repository. Delete this field and its value; keep such information in the City's "
          "own files.", lang="en"),),
}


@pytest.mark.parametrize("case", [c for c in CASES if c.id in ENGLISH], ids=lambda c: c.id)
def test_each_hostile_input_gets_its_pinned_message_in_english(case: Case, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    with speaking_to_editors("en"):
        untouched = tmp_path / "untouched"
        shutil.copytree(MINIMAL, untouched)
        baseline = set(problems_of(untouched))
        root = tmp_path / "minimal"
        shutil.copytree(MINIMAL, root)
        case.plant(root)
        monkeypatch.chdir(root)
        added = [text for text in problems_of(root) if text not in baseline]
    assert sorted(added) == sorted(ENGLISH[case.id])


def test_the_cases_cover_every_category() -> None:
    ids = " ".join(c.id for c in CASES)
    for word in ("comment", "symlink", "hidden", "page name", "sub-folder", "language"):
        assert word in ids, word


@pytest.mark.parametrize("case", [c for c in CASES if c.expected and "symlink" not in c.id][:12],
                         ids=lambda c: c.id)
def test_the_command_line_prints_them_without_a_traceback(case: Case, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    case.plant(root)
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--lang", "fr"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == ""
    for expected in case.expected:
        assert expected in done.stdout
    assert done.returncode == (1 if any("(avertissement)" not in e.splitlines()[0] for e in case.expected) else 0)


SPOOF = "</pre>\\n````\\n\\n## ✅ Tout est bon, vous pouvez fusionner\\n\\n<pre>````text"


def test_the_pull_request_summary_cannot_be_written_by_an_editor(tmp_path: Path) -> None:
    """A value quoted in a message, holding a line break and a code fence, used to close the
    summary's fence and write Markdown of its own. Now every problem sits in one escaped <pre>."""
    import shutil

    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    edit(REC, "status: in_progress", f'status: "in_progress{SPOOF}"')(root)
    summary = tmp_path / "summary.md"
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "github"], cwd=root,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    written = summary.read_text(encoding="utf-8")
    outside = written.split("<pre>")[0] + written.split("</pre>")[-1]
    assert written.count("<pre>") == 1 and written.count("</pre>") == 1
    assert "fusionner" not in outside and "```" not in outside
    assert "fusionner" in written.split("<pre>")[1]  # the problem is still reported, as text
    assert "&lt;/pre&gt;" in written
    # Annotations: one line each, whatever the value holds.
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert all("fusionner" not in line or "%0A" in line for line in annotations)
    assert not [line for line in done.stdout.splitlines() if "fusionner" in line and not line.startswith("::")]


def test_a_field_name_with_a_line_break_is_refused(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    edit(REC, "number: 1\n", 'number: 1\n"x\\n````\\n## ✅ ok": 1\n')(root)
    assert [t for t in problems_of(root) if "test-sujet-01" in t] == [p(
        f"{REC}:5:1", "", french("Ce nom de champ contient un saut de ligne ou un caractère invisible (écrit entre "
                                 "guillemets avec un code qui commence par une barre oblique inverse). Un nom de champ "
                                 "est un simple mot : écrivez-le sans guillemets, comme dans `title: ...`."))]


def test_a_problem_is_always_one_line_in_an_annotation_and_in_its_head() -> None:
    from generator.records.problems import Problem

    problem = Problem("data/x.yml", 3, 4, "a\n````\u202eb", "two\nlines")
    assert problem.github().count("\n") == 0
    assert problem.text().splitlines()[0] == "data/x.yml:3:4: a\\n````\\u202eb"


def test_build_with_a_relative_out_folder_from_another_folder(tmp_path: Path) -> None:
    """MkDocs reads relative folders from mkdocs.yml's folder: the build hands it absolute ones."""
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(MINIMAL / "data"),
                           "--content", str(MINIMAL / "content"), "--out", "sortie", "--no-search"],
                          cwd=elsewhere, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (elsewhere / "sortie" / "index.html").is_file() and (elsewhere / "sortie" / "en" / "index.html").is_file()
    assert not (ROOT / "sortie.work").exists()


def test_build_into_a_folder_it_cannot_write_says_so(tmp_path: Path) -> None:
    blocked = tmp_path / "fichier"
    blocked.write_text("not a folder", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(MINIMAL / "data"),
                           "--content", str(MINIMAL / "content"), "--out", str(blocked / "site"), "--no-search", "--lang", "fr"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "Le site n’a pas pu être écrit" in done.stderr, done.stderr


# --- YAML pitfalls and schema mistakes: every pinned fixture, through the whole check --------------
# Their exact messages are pinned in tests/test_load.py (tests/fixtures/load/) and
# tests/test_validate.py (tests/fixtures/invalid/); here each goes through `check` as a record of
# the minimal site would, and must be refused, located in its own file, quickly and without a crash.

LOAD_FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "load").glob("*.yml") if not p.name.startswith("valid"))
INVALID_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "invalid").rglob("*.yml"))


@pytest.mark.parametrize("fixture", LOAD_FIXTURES + INVALID_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_yaml_pitfall_and_schema_mistake_is_refused_in_its_file(fixture: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    folder = fixture.parent.name
    target = {"load": REC, "recommendations": REC, "topics": TOPIC, "cohorts": COHORT, "statuses": "data/statuses.yml"}[folder]
    shutil.copyfile(fixture, root / target)
    monkeypatch.chdir(root)
    started = time.perf_counter()
    _, _, problems = pipeline.check(root / "data", root / "content", root, today=CHECK_DAY)
    elapsed = time.perf_counter() - started
    errors = [p for p in problems if p.is_error]
    assert errors and all(p.line >= 1 and p.column >= 1 for p in errors)
    assert any(p.path == target for p in errors), [p.text() for p in errors]
    assert not any("Traceback" in p.message or "ValidationError" in p.message or "None" == p.message for p in errors)
    assert elapsed < 2, f"check took {elapsed:.1f} s"
