"""The monthly offer bulletin (boletín de oferta mensual): what it lists and how it reads."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop.demo.resources import seed_resources
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.resource_rules import ResourceDraft
from reinsercion_desktop.services.resources import ResourceService

CATEGORY_TITLES = (
    "Formación académica",
    "Capacitación para el empleo",
    "Bolsa de trabajo",
    "Recreación y tiempo libre",
    "Otros servicios",
)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def service(db) -> ResourceService:  # type: ignore[no-untyped-def]
    return ResourceService(db)


def test_lists_resources_with_dates_in_the_month_not_long_past_ones(
    service, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    add = service.add_resource
    add(
        admin,
        ResourceDraft(
            category="capacitacion_empleo",
            name="Curso de panadería",
            provider="STyFE",
            requirements="16 años o más",
            schedule="Lunes a viernes 9:00–13:00",
            cost="Gratuito",
            contact="55 5709 3233",
            enrolment_periods=[("20/10/2026", "10/11/2026")],
            starts_on="16/11/2026",
            ends_on="15/02/2027",
        ),
    )
    add(
        admin,
        ResourceDraft(
            category="formacion_academica",
            name="Informática de 2024",
            enrolment_periods=[("01/03/2024", "15/03/2024")],
            starts_on="01/04/2024",
            ends_on="30/04/2024",
        ),
    )
    add(
        admin,
        ResourceDraft(
            category="formacion_academica", name="Preparatoria Abierta", open_all_year=True
        ),
    )
    out = service.offer_bulletin(tmp_path / "oferta.pdf", "2026-11")
    text = text_of(out)
    assert "OFERTA MENSUAL DE RECURSOS — NOVIEMBRE DE 2026" in text
    assert "Asociación Nueva Vida" in text  # the centre's header
    assert "Curso de panadería" in text
    assert "20/10–10/11/2026" in text
    assert "Del 16/11/2026 al 15/02/2027" in text
    assert "Lunes a viernes 9:00–13:00" in text and "55 5709 3233" in text
    assert "Preparatoria Abierta" in text and "Abierta todo el año" in text
    assert "Informática de 2024" not in text
    positions = [text.index(title) for title in CATEGORY_TITLES]
    assert positions == sorted(positions)  # the seed's order of categories
    assert "Página 1 de" in text


def test_demo_catalogue_bulletin_has_every_category_and_pages(service, db, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_resources(db, admin, date(2026, 1, 15))
    out = service.offer_bulletin(tmp_path / "oferta.pdf", "2026-01")
    reader = PdfReader(out)
    text = text_of(out)
    assert len(reader.pages) >= 2
    assert f"Página {len(reader.pages)} de {len(reader.pages)}" in text
    for title in CATEGORY_TITLES:
        assert title in text
    assert "Prepa en Línea" in text
    assert "convocatoria anterior" not in text  # deactivated and long past


def test_empty_month_says_so_per_category(service, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = text_of(service.offer_bulletin(tmp_path / "vacio.pdf", "2026-11"))
    assert text.count("no hay recursos con fechas") == len(CATEGORY_TITLES)


def test_bad_period_and_unwritable_folder(service, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="AAAA-MM, por ejemplo 2026-11"):
        service.offer_bulletin(tmp_path / "x.pdf", "noviembre")
    with pytest.raises(UserError, match="No se pudo guardar el PDF"):
        service.offer_bulletin(tmp_path / "no" / "existe" / "x.pdf", "2026-11")
    assert not (tmp_path / "x.pdf").exists()
