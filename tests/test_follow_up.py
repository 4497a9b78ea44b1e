"""Follow-up: derived state, tables as they stood on each follow-up date, what changed, target
history and disagreement, checked on a hand-made fixture (tests/fixtures/followup/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline

from .conftest import CHECK_DAY, FIXTURES, ROOT
from .htmltables import table, tables

FOLLOWUP = FIXTURES / "followup"


@pytest.fixture(scope="module")
def followup_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("followup") / "site"
    # 2025-11-22: the build's "today"
    result = pipeline.build(FOLLOWUP / "data", FOLLOWUP / "content", out, ROOT, search=False,
                            build_date=date(2025, 11, 22), today=CHECK_DAY)
    assert result.ok
    return out


def page(site: Path, lang: str, url: str) -> str:
    return ((site if lang == "fr" else site / "en") / url / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """The words of a page, as read: tags removed, entities decoded, spaces folded."""
    import html as htmllib
    import re

    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def rows_by_id(html: str, caption: str) -> dict[str, tuple[str, str]]:
    """recommendation id -> (status label, progress) from a follow-up table."""
    out = {}
    t = table(html, caption)
    status_col = t.head.index("Statut" if "Statut" in t.head else "Status")
    progress_col = status_col + 1
    for row in t.rows:
        rec_id = row[1].split()[-1]
        out[rec_id] = (row[status_col].replace(" évaluations divergentes", "").replace(" assessments differ", ""),
                       row[progress_col])
    return out


def test_table_as_it_stood_on_the_first_follow_up_date(followup_site: Path) -> None:
    html = page(followup_site, "fr", "reunions/suivi-2024")
    assert rows_by_id(html, "Tableau de suivi tel qu’il était au 15 mars 2024") == {
        # No entry gives a figure yet: the status's default (50 %) is not shown as an estimate.
        "test-sujet-01": ("Mise en œuvre en cours", "pas de chiffre"),
        "test-sujet-02": ("Mise en œuvre en cours", "pas de chiffre"),
        "test-sujet-03": ("Pas encore évaluée", "pas de chiffre"),
    }
    changes = table(html, "Changements de statut ou d’avancement")
    assert [r[0] for r in changes.rows] == ["Première mesure", "Deuxième mesure"]
    assert "Premières évaluations" in html


def test_table_as_it_stood_on_the_second_date_and_what_changed(followup_site: Path) -> None:
    html = page(followup_site, "en", "reunions/suivi-2025")
    assert rows_by_id(html, "Follow-up table as it stood on 14 March 2025") == {
        "test-sujet-01": ("Fully implemented", "no figure"),
        "test-sujet-02": ("Implementation under way", "70%"),
        "test-sujet-03": ("Not yet assessed", "no figure"),
    }
    changes = table(html, "Changes of status or progress")
    assert changes.rows == [
        ["First measure", "Implementation under way", "Fully implemented"],
        ["Second measure", "Implementation under way", "Implementation under way (70%)"],
    ]
    assert "What changed since 15 March 2024" in html


def test_current_state_uses_the_latest_entry_and_shows_disagreement(followup_site: Path) -> None:
    html = page(followup_site, "fr", "recommandations/test-sujet-02")
    verdicts = table(html, "Dernière évaluation de chaque évaluateur")
    assert verdicts.rows == [
        ["La Ville", "14 mars 2025", "Mise en œuvre en cours", "70 %", "—"],
        # The members gave no figure: their status's default (0 %) is not put in their mouth.
        ["Membres de l’Assemblée", "1er avril 2025", "Non mise en œuvre", "pas de chiffre", "Affaiblie"],
    ]
    # The top box says whose view each figure is, and shows both when the City's and the members' differ
    # (then each progress figure is given with its view, and not once more alone).
    top = text(html.split('class="dds-state"', 1)[1].split("</section>", 1)[0])
    assert ("Statut : Non mise en œuvre Évaluation : Membres "
            "de l’Assemblée, le 1er avril 2025. Les dernières évaluations ne disent pas la même chose : La Ville, "
            "évaluation du 14 mars 2025 : Mise en œuvre en cours · Avancement estimé : 70 % Membres de l’Assemblée, "
            "évaluation du 1er avril 2025 : Non mise en œuvre · Avancement : l’évaluation ne donne pas de "
            "pourcentage.") in top
    assert top.count("Avancement") == 2
    # The City's response is the City's; the fidelity comes from the members' entry, and says so.
    assert "Réponse de la Ville Partiellement retenue" in top
    assert "Fidélité au texte voté Affaiblie — Membres de l’Assemblée, du 1er avril 2025" in top
    history = text(html.split('id="targets"', 1)[1].split("</ol>", 1)[0])
    assert "Échéance fixée : décembre 2024 (évaluation du 15 mars 2024)" in history
    assert "Échéance déplacée de décembre 2024 à décembre 2025 (évaluation du 14 mars 2025) — Travaux retardés." in history


def test_measure_never_assessed_says_when_the_first_follow_up_was_due(followup_site: Path) -> None:
    """The due date comes from the rule in site.yml, which is quoted beside it."""
    html = page(followup_site, "en", "recommandations/test-sujet-03")
    assert "No follow-up of this measure is recorded here yet." in text(html)
    assert "Follow-up awaited since 2 July 2024 — nothing is recorded here for that due date" in text(html)
    assert ("2 July 2024 — passed; nothing is recorded here for it 2 July 2025 — passed; nothing is recorded here "
            "for it 2 July 2026 — next due date") in text(html)
    assert "The City’s follow-up rule: “The Test City answers on each text one year after its vote, then every year.”" in text(html)


def test_the_table_says_what_is_awaited_and_never_calls_a_past_date_next(followup_site: Path) -> None:
    # "today" is 2025-11-22 (the fixture's vote: 2023-07-02). test-sujet-02 answered on 15 March 2024 and
    # 14 March 2025 (the due dates 2 July 2024 and 2025); test-sujet-01 is final (done, by the City).
    html = page(followup_site, "fr", "suivi/promo-test")
    rows = {r[1].split()[-1]: r for r in table(html, "Suivi des recommandations — Sujet de test").rows}
    assert rows["test-sujet-02"][-1] == "2 juillet 2026"
    assert rows["test-sujet-01"][-1] == "statut final de la Ville"
    assert rows["test-sujet-03"][-1] == "attendu depuis le 2 juillet 2024 prochain : 2 juillet 2026"
    assert "Échéances calculées au 22 novembre 2025 selon la règle de la Ville ci-dessous." in text(html)
    counts = text(html.split('class="dds-calendar-summary">', 1)[1].split("</div>", 1)[0])
    assert counts == ("Échéances de suivi au 22 novembre 2025 : 1 mesure : au moins une échéance passée sans rien "
                      "d’enregistré ici 1 mesure : chaque échéance passée a sa réponse de "
                      "la Ville ici 1 mesure : statut final donné par la Ville, plus rien n’est dû")


def test_state_on_a_day_ignores_later_entries() -> None:
    from generator.records.validate import validate
    from generator.site.model import build_model

    dataset, _ = validate(FOLLOWUP / "data", ROOT, today=CHECK_DAY)
    model = build_model(dataset, date(2025, 11, 22))
    rec = model.by_id["recommendations"]["test-sujet-02"]
    assert model.state_on(rec, date(2024, 1, 1)).status.id == "not_assessed"
    assert model.state_on(rec, date(2025, 3, 31)).status.id == "in_progress"
    assert rec.state.status.id == "not_implemented"
    # Progress is the latest entry's own figure: the City's 70 % on 14 March 2025, then none from
    # the members (not their status's default 0 %), and none before the City gave one (not 50 %).
    assert model.state_on(rec, date(2025, 3, 31)).progress == 70
    assert rec.state.progress is None
    assert model.state_on(rec, date(2024, 6, 1)).progress is None
    assert rec.state.disagreement
    assert model.follow_up_dates == (date(2024, 3, 15), date(2025, 3, 14))


def test_every_summary_has_a_sentence_a_bar_and_a_table_twin(followup_site: Path) -> None:
    for lang in ("fr", "en"):
        for url in ("", "suivi", "suivi/promo-test", "sujets/test-sujet", "promotions/promo-test", "recommandations"):
            html = page(followup_site, lang, url)
            blocks = html.split('class="dds-summary-block"')[1:]
            assert blocks, (lang, url)
            for block in blocks:
                sentence, rest = block.split("</p>", 1)
                assert 'class="dds-summary"' in sentence
                assert rest.lstrip().startswith('<svg class="dds-bar"'), (lang, url)
                assert "<table" in rest.split("</table>", 1)[0]
            assert all(t.caption for t in tables(html)), (lang, url)
