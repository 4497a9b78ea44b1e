"""Ids are permanent: when a record's id must change, its old address redirects to the new one."""

from __future__ import annotations

from pathlib import Path

from generator import build as pipeline
from generator.records.validate import validate

from .conftest import BUILD_DATE, CHECK_DAY
from .french import french


def rename(root: Path, former: str = "test-sujet-ancien") -> None:
    old = root / "data" / "recommendations" / "test-sujet-01.yml"
    text = old.read_text(encoding="utf-8").replace("id: test-sujet-01", "id: test-sujet-mesure")
    text = text.replace("number: 1\n", f"number: 1\nformer_ids: [{former}]\n")
    (root / "data" / "recommendations" / "test-sujet-mesure.yml").write_text(text, encoding="utf-8")
    old.unlink()


def test_old_address_redirects_in_both_languages(minimal_copy: Path, tmp_path: Path) -> None:
    rename(minimal_copy)
    site = tmp_path / "site"
    result = pipeline.build(minimal_copy / "data", minimal_copy / "content", site, minimal_copy, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    for prefix, lang in (("", "fr"), ("en/", "en")):
        page = (site / prefix / "recommandations" / "test-sujet-ancien" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
        assert '<meta http-equiv="refresh" content="0; url=../test-sujet-mesure/">' in page
        assert f'<link rel="canonical" href="https://example.org/minimal/{prefix}recommandations/test-sujet-mesure/">' in page
        assert (site / prefix / "recommandations" / "test-sujet-mesure" / "index.html").is_file()


def test_a_former_id_still_in_use_is_refused(minimal_copy: Path) -> None:
    rename(minimal_copy, former="test-sujet-mesure")
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == [
        "data/recommendations/test-sujet-mesure.yml:5:14: former_ids[1]\n" + french(
            "  « test-sujet-mesure » est l'identifiant d'une fiche existante de data/recommendations/. Un ancien "
            "identifiant ne doit plus être utilisé : retirez-le de cette liste.")
    ]
