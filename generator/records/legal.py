"""Legal: the items a published site must state, and which of them data/site.yml still lacks.

The legal notice (LCEN art. 6-III-1) names the publisher (a person or a legal entity: name, address
or registered office, telephone, and its registration number when it is in the trade or trades
register), the director of publication and the host (name, address, telephone). The personal-data
page (GDPR arts. 13 and 14) names the data controller and a contact that needs no GitHub account,
the data protection officer (or says in words that none is designated), the purposes and the legal
basis, the categories of data and where they come from (names the City published), the recipients,
the transfers outside the EU and their safeguards, the retention period and whether providing the
data is required; the rights of the people concerned and the complaint to the CNIL are the law's,
the same for every site, and written by the template. These values belong to whoever publishes the
site, so they live in `data/site.yml` under `legal:` and the theme's legal pages print them
(theme/templates/pages/legal_notice.html, personal_data.html, accessibility.html); an item left out
is named as missing on its page (`absent`), never made up.

`missing(dataset, publishing)` returns one problem that lists every item left out: a warning while
editing (the site still builds, for a preview), an error when publishing (`check --publish`, which
the deploy workflow runs), so that no site goes online without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .catalogue import N_, _, ngettext
from .problems import ERROR, WARNING, Problem, guide
from .schema import Legal
from .validate import Dataset

#: The two pages, and how `check` names each to editors.
NOTICE = "notice"
PERSONAL_DATA = "personal_data"
PAGES = {NOTICE: N_("check_legal_page_notice"), PERSONAL_DATA: N_("check_legal_page_personal_data")}


@dataclass(frozen=True)
class Item:
    """A required item: its field under `legal:`, its page (`NOTICE` or `PERSONAL_DATA`), the site's
    words naming it on that page when it is missing (`label_message`), what to write (`what_message`,
    in the editor's language: `what`), and, for an item required only in some cases, the yes/no field
    that must be true for it to be required (`when`: the registration number of a registered
    publisher, the contact of a designated data protection officer)."""

    field: str
    page_key: str
    label_message: str
    what_message: str
    when: str | None = None

    @property
    def page_message(self) -> str:
        return PAGES[self.page_key]

    @property
    def page(self) -> str:
        return _(self.page_message)

    @property
    def what(self) -> str:
        return _(self.what_message)

    def lacking(self, legal: Legal) -> bool:
        """Whether `legal` leaves this item out while it is required."""
        return getattr(legal, self.field) is None and (self.when is None or getattr(legal, self.when) is True)


#: Every required item, in the order of the pages, with what an editor needs to fill it in.
ITEMS = (
    Item("publisher", NOTICE, N_("legal_item_publisher"), N_("check_legal_publisher")),
    Item("publisher_address", NOTICE, N_("legal_item_publisher_address"), N_("check_legal_publisher_address")),
    Item("publisher_phone", NOTICE, N_("legal_item_publisher_phone"), N_("check_legal_publisher_phone")),
    Item("publisher_registered", NOTICE, N_("legal_item_publisher_registered"), N_("check_legal_publisher_registered")),
    Item("publisher_registration", NOTICE, N_("legal_item_publisher_registration"), N_("check_legal_publisher_registration"),
         when="publisher_registered"),
    Item("director", NOTICE, N_("legal_item_director"), N_("check_legal_director")),
    Item("host", NOTICE, N_("legal_item_host"), N_("check_legal_host")),
    Item("host_address", NOTICE, N_("legal_item_host_address"), N_("check_legal_host_address")),
    Item("host_phone", NOTICE, N_("legal_item_host_phone"), N_("check_legal_host_phone")),
    Item("data_controller", PERSONAL_DATA, N_("legal_item_data_controller"), N_("check_legal_data_controller")),
    Item("privacy_contact", PERSONAL_DATA, N_("legal_item_privacy_contact"), N_("check_legal_privacy_contact")),
    Item("dpo_designated", PERSONAL_DATA, N_("legal_item_dpo_designated"), N_("check_legal_dpo_designated")),
    Item("dpo_contact", PERSONAL_DATA, N_("legal_item_dpo_contact"), N_("check_legal_dpo_contact"), when="dpo_designated"),
    Item("purposes", PERSONAL_DATA, N_("legal_item_purposes"), N_("check_legal_purposes")),
    Item("legal_basis", PERSONAL_DATA, N_("legal_item_legal_basis"), N_("check_legal_legal_basis")),
    Item("data_categories", PERSONAL_DATA, N_("legal_item_data_categories"), N_("check_legal_data_categories")),
    Item("data_sources", PERSONAL_DATA, N_("legal_item_data_sources"), N_("check_legal_data_sources")),
    Item("recipients", PERSONAL_DATA, N_("legal_item_recipients"), N_("check_legal_recipients")),
    Item("transfers", PERSONAL_DATA, N_("legal_item_transfers"), N_("check_legal_transfers")),
    Item("retention", PERSONAL_DATA, N_("legal_item_retention"), N_("check_legal_retention")),
    Item("provision", PERSONAL_DATA, N_("legal_item_provision"), N_("check_legal_provision")),
)


def absent(legal: Legal, page_key: str | None = None) -> list[Item]:
    """The required items `legal` leaves out (on one page when `page_key` is given), in the pages' order:
    what `check` lists and what each legal page names as missing."""
    return [item for item in ITEMS if (page_key is None or item.page_key == page_key) and item.lacking(legal)]


def missing(dataset: Dataset, publishing: bool = False) -> Iterator[Problem]:
    """One problem listing the required items data/site.yml leaves out (at the `legal:` key), and
    one for each contact that needs a GitHub account: warnings, or errors when `publishing`."""
    entry = dataset.site
    if entry is None:
        return  # site.yml itself has a problem, reported by validate
    legal = entry.record.legal
    severity = ERROR if publishing else WARNING
    lacking = absent(legal)
    if lacking:
        line, col = entry.at("legal")
        pages = dict.fromkeys(item.page_message for item in lacking)
        listed = "\n".join(_("check_legal_for_page", page=_(page)) + "\n"
                            + "\n".join(f"- {i.field}: {i.what}" for i in lacking if i.page_message == page)
                            for page in pages)
        then = (ngettext("check_legal_cannot_publish", "check_legal_cannot_publish", len(lacking)) if publishing
                else ngettext("check_legal_until_then", "check_legal_until_then", len(lacking)))
        yield Problem(
            entry.doc.path, line, col, "legal",
            ngettext("check_legal_missing", "check_legal_missing", len(lacking), guide=guide(), listed=listed, then=then),
            severity,
        )
    for name in ("privacy_contact", "dpo_contact"):
        contact = getattr(legal, name)
        if contact is not None and "github.com" in contact.lower():
            line, col = entry.at("legal", name)
            yield Problem(entry.doc.path, line, col, f"legal.{name}", _("check_legal_contact_needs_github"), severity)
