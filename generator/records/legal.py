"""Legal: the items a published site must state, and which of them data/site.yml still lacks.

The legal notice (LCEN art. 6-III) names the publisher (a person or a legal entity, with its
address or registered office), the director of publication and the host (name, address,
telephone); the personal-data page (GDPR art. 13) names the data controller, a contact that needs
no GitHub account, the legal basis for the names published and how long they stay. These values
belong to whoever publishes the site, so they live in `data/site.yml` under `legal:` and the
theme's legal pages print them (theme/templates/pages/legal_notice.html, personal_data.html,
accessibility.html); an item left out is printed as "not yet filled in", never made up.

`missing(dataset, publishing)` returns one problem that lists every item left out: a warning while
editing (the site still builds, for a preview), an error when publishing (`check --publish`, which
the deploy workflow runs), so that no site goes online without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .problems import ERROR, WARNING, Problem
from .validate import Dataset


@dataclass(frozen=True)
class Item:
    field: str
    page: str
    what: str


#: Every required item, in the order of the pages, with what an editor needs to fill it in.
ITEMS = (
    Item("publisher", "legal notice (mentions légales, LCEN art. 6-III)",
         "who publishes the site: a person's full name, or a legal entity's name"),
    Item("publisher_address", "legal notice (mentions légales, LCEN art. 6-III)",
         "the publisher's address: a legal entity's registered office, or a person's address"),
    Item("director", "legal notice (mentions légales, LCEN art. 6-III)",
         "the director of publication: a person's name"),
    Item("host", "legal notice (mentions légales, LCEN art. 6-III)",
         "the host's name (who stores the site)"),
    Item("host_address", "legal notice (mentions légales, LCEN art. 6-III)",
         "the host's postal address"),
    Item("host_phone", "legal notice (mentions légales, LCEN art. 6-III)",
         "the host's telephone number, as the host publishes it"),
    Item("data_controller", "personal-data page (données personnelles, GDPR art. 13)",
         "the data controller: who decides what personal data the site publishes"),
    Item("privacy_contact", "personal-data page (données personnelles, GDPR art. 13)",
         "a contact that needs no GitHub account: a service's e-mail address, a web form or a postal address"),
    Item("legal_basis", "personal-data page (données personnelles, GDPR art. 13)",
         "the legal basis for publishing names (elected officials, speakers, members who consented)"),
    Item("retention", "personal-data page (données personnelles, GDPR art. 13)",
         "how long names stay published"),
)


def missing(dataset: Dataset, publishing: bool = False) -> Iterator[Problem]:
    """One problem listing the required items data/site.yml leaves out (at the `legal:` key), and
    one for a contact that needs a GitHub account: warnings, or errors when `publishing`."""
    entry = dataset.site
    if entry is None:
        return  # site.yml itself has a problem, reported by validate
    legal = entry.record.legal
    severity = ERROR if publishing else WARNING
    absent = [item for item in ITEMS if getattr(legal, item.field) is None]
    if absent:
        line, col = entry.at("legal")
        pages = dict.fromkeys(item.page for item in absent)
        listed = "\n".join(f"For the {page}:\n" + "\n".join(f"- {i.field}: {i.what}" for i in absent if i.page == page)
                            for page in pages)
        then = ("The site cannot be published until they are filled in." if publishing else
                "Until then the pages say they are not filled in, and publishing (the deploy workflow) stops here.")
        yield Problem(
            entry.doc.path, line, col, "legal",
            f"The legal pages still lack {len(absent)} required item{'s' if len(absent) > 1 else ''}. "
            f"Add each under `legal:` in this file (the guide, CONTRIBUTING.md, shows how):\n{listed}\n{then}",
            severity,
        )
    contact = legal.privacy_contact
    if contact is not None and "github.com" in contact.lower():
        line, col = entry.at("legal", "privacy_contact")
        yield Problem(
            entry.doc.path, line, col, "legal.privacy_contact",
            "This contact needs a GitHub account. Give one that does not: a service's e-mail address, "
            "a web form or a postal address.",
            severity,
        )
