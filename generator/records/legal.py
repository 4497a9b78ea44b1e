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

from .catalogue import N_, _, ngettext
from .problems import ERROR, WARNING, Problem, guide
from .validate import Dataset


@dataclass(frozen=True)
class Item:
    """A required item: its field under `legal:`, and the messages that say which page needs it and
    what to write (in the editor's language: `page` and `what`)."""

    field: str
    page_message: str
    what_message: str

    @property
    def page(self) -> str:
        return _(self.page_message)

    @property
    def what(self) -> str:
        return _(self.what_message)


_NOTICE = N_("check_legal_page_notice")
_PERSONAL_DATA = N_("check_legal_page_personal_data")

#: Every required item, in the order of the pages, with what an editor needs to fill it in.
ITEMS = (
    Item("publisher", _NOTICE, N_("check_legal_publisher")),
    Item("publisher_address", _NOTICE, N_("check_legal_publisher_address")),
    Item("director", _NOTICE, N_("check_legal_director")),
    Item("host", _NOTICE, N_("check_legal_host")),
    Item("host_address", _NOTICE, N_("check_legal_host_address")),
    Item("host_phone", _NOTICE, N_("check_legal_host_phone")),
    Item("data_controller", _PERSONAL_DATA, N_("check_legal_data_controller")),
    Item("privacy_contact", _PERSONAL_DATA, N_("check_legal_privacy_contact")),
    Item("legal_basis", _PERSONAL_DATA, N_("check_legal_legal_basis")),
    Item("retention", _PERSONAL_DATA, N_("check_legal_retention")),
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
        pages = dict.fromkeys(item.page_message for item in absent)
        listed = "\n".join(_("check_legal_for_page", page=_(page)) + "\n"
                            + "\n".join(f"- {i.field}: {i.what}" for i in absent if i.page_message == page)
                            for page in pages)
        then = (ngettext("check_legal_cannot_publish", "check_legal_cannot_publish", len(absent)) if publishing
                else ngettext("check_legal_until_then", "check_legal_until_then", len(absent)))
        yield Problem(
            entry.doc.path, line, col, "legal",
            ngettext("check_legal_missing", "check_legal_missing", len(absent), guide=guide(), listed=listed, then=then),
            severity,
        )
    contact = legal.privacy_contact
    if contact is not None and "github.com" in contact.lower():
        line, col = entry.at("legal", "privacy_contact")
        yield Problem(
            entry.doc.path, line, col, "legal.privacy_contact",
            _("check_legal_contact_needs_github"),
            severity,
        )
