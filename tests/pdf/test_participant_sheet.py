"""The participant sheet PDF: content, accents, page numbering, embedded fonts, safe writes."""

import hashlib
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.participant import ParticipantDraft
from reinsercion_desktop.pdf import base, blocks
from reinsercion_desktop.pdf.base import DEFAULT_CONFIDENTIALITY, DocumentHeader, build_pdf
from reinsercion_desktop.pdf.participant_sheet import (
    SIGNATURE_ROLES,
    ParticipantSheet,
    render_participant_sheet,
)
from reinsercion_desktop.services.audit_log import audit_lines
from reinsercion_desktop.services.catalogues import CatalogueService
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.printing import PRINT_REASON, print_participant_sheet

SENTENCE_COUNT = 175
LAST_SENTENCE = f"Frase {SENTENCE_COUNT:04d}: cierre del seguimiento en Málaga."

SECTIONS = [
    (
        "Identificación",
        [
            ("Nombre", "José"),
            ("Primer apellido", "Núñez"),
            ("Segundo apellido", "Ibáñez"),
            ("Fecha de nacimiento", "07/03/1985"),
            ("Sexo", "Hombre"),
            ("Identidad de género", ""),
        ],
    ),
    ("Domicilio y contacto", [("Municipio de residencia", "Málaga"), ("Teléfono", "")]),
    ("Perfil y situación", [("Estado VIH", "Desconocido"), ("En PTM (metadona)", "No")]),
    ("Circuito y gestión del caso", [("Situación", "Derivado/a")]),
]


def long_observation() -> str:
    """~15,000 characters of numbered, distinct sentences, in a few paragraphs."""
    sentences = [
        f"Frase {n:04d}: el participante acude a la entrevista número {n} y colabora con el equipo."
        for n in range(1, SENTENCE_COUNT)
    ] + [LAST_SENTENCE]
    paragraphs = [" ".join(sentences[i : i + 40]) for i in range(0, len(sentences), 40)]
    return "\n\n".join(paragraphs)


def make_sheet(notes: str) -> ParticipantSheet:
    header = DocumentHeader(
        centre_name="VAR Triana",
        centre_code="VAR-SE1",
        entity="Asociación Nueva Vida",
        address_line="Sevilla",
        title="Ficha del participante",
        subtitle="José Núñez Ibáñez · CODAPEL NUIB070385H",
        version="Ficha v1",
        record_id="0f8e7d6c-1111-2222-3333-444455556666",
    )
    return ParticipantSheet(
        header=header,
        sections=SECTIONS,
        notes=notes,
        printed_by="Ana Admin",
        printed_at="15/01/2026 10:00",
    )


def page_texts(path: Path) -> list[str]:
    """Each page's text with whitespace collapsed (wrapped lines join with one space)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def long_sheet_pdf(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "ficha.pdf"
    return path, render_participant_sheet(make_sheet(long_observation()), path)


def test_sheet_prints_every_label_value_and_the_whole_long_text(long_sheet_pdf) -> None:
    path, _ = long_sheet_pdf
    pages = page_texts(path)
    text = " ".join(pages)
    assert len(long_observation()) > 14_000
    for title, fields in SECTIONS:
        assert title in text
        for label, value in fields:
            assert label in text
            assert value in text
    assert "José Núñez Ibáñez" in text and "Málaga" in text
    for n in range(1, SENTENCE_COUNT):  # nothing lost across page breaks
        assert f"Frase {n:04d}:" in text
    assert LAST_SENTENCE in text
    assert "5. Observaciones" in text
    for role in SIGNATURE_ROLES:
        assert role in text
    assert "Nombre:" in text and "Fecha:" in text
    assert "Emitido el 15/01/2026 10:00 por Ana Admin" in text


def test_every_page_has_header_footer_and_page_n_of_m(long_sheet_pdf) -> None:
    path, _ = long_sheet_pdf
    pages = page_texts(path)
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Página {number} de {total}" in text
        assert "VAR Triana" in text and "FICHA DEL PARTICIPANTE" in text
        assert " ".join(DEFAULT_CONFIDENTIALITY.split()) in text
        assert "Ficha v1" in text and "0f8e7d6c" in text


def test_fonts_are_embedded_noto_sans(long_sheet_pdf) -> None:
    path, _ = long_sheet_pdf
    for page in PdfReader(path).pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for font in fonts.values():
            font = font.get_object()
            assert "NotoSans" in font["/BaseFont"], font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_returned_sha256_is_the_file_hash(long_sheet_pdf) -> None:
    path, digest = long_sheet_pdf
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_user_text_is_printed_literally_not_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "ficha.pdf"
    render_participant_sheet(make_sheet("Notas <b>R&D</b> & más\x07 «comillas»"), path)
    assert "Notas <b>R&D</b> & más «comillas»" in " ".join(page_texts(path))


def test_empty_sheet_prints_blanks_to_fill_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "ficha.pdf"
    render_participant_sheet(make_sheet(""), path)
    assert "Página 1 de" in page_texts(path)[0]


def test_long_table_repeats_its_header_row(tmp_path: Path) -> None:
    header = DocumentHeader(
        centre_name="VAR Triana", title="Tratamientos previos", version="Anexo I v1"
    )
    rows = [[str(2000 + n), f"Centro {n}", "PTM"] for n in range(120)]
    path = tmp_path / "tabla.pdf"
    build_pdf(path, header, [blocks.data_table(["Año", "Lugar", "Programa"], rows)])
    pages = page_texts(path)
    assert len(pages) >= 2
    assert all("Año Lugar Programa" in text for text in pages)
    assert "Centro 119" in pages[-1]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ficha.pdf"
    path.write_bytes(b"old copy")

    def crash(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(base.os, "replace", crash)
    with pytest.raises(OSError):
        render_participant_sheet(make_sheet("x"), path)
    assert path.read_bytes() == b"old copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ficha.pdf"]


# -- the service ---------------------------------------------------------------------


@pytest.fixture
def participant_id(workspace, admin) -> str:
    vivienda = CatalogueService(workspace.db).viviendas()[0]
    draft = ParticipantDraft(
        first_name="José",
        surname1="Núñez",
        surname2="Ibáñez",
        birth_date="07/03/1985",
        sex="H",
        municipality="Málaga",
        ptm=True,
        methadone_dose_mg=60,
        notes="Acude con su madre.",
        vivienda_id=vivienda.id,
        case_manager_id=admin.user_id,
    )
    return ParticipantService(workspace.db).create(admin, draft).id


def test_service_prints_the_sheet_and_audits_the_read(
    workspace, admin, participant_id, tmp_path
) -> None:
    out = tmp_path / "salida" / "ficha.pdf"
    out.parent.mkdir()
    assert print_participant_sheet(workspace.db, admin, participant_id, out) == out
    text = " ".join(page_texts(out))
    for expected in (
        "José",
        "Núñez",
        "Ibáñez",
        "Málaga",
        "07/03/1985",
        "Hombre",
        "60 mg/día",
        "Sí",
        "Desconocido",
        "DNI",
        "Derivado/a",
        admin.full_name,
        "Acude con su madre.",
        "Asociación Nueva Vida",
        "Ficha v1",
    ):
        assert expected in text, expected
    assert re.search(r"Página 1 de \d", text)
    reads = [
        line
        for line in audit_lines(workspace.db, participant_id=participant_id)
        if line.action == "read"
    ]
    assert reads and reads[-1].reason == PRINT_REASON
    assert reads[-1].record_id == participant_id


def test_service_refuses_a_missing_participant(workspace, admin, tmp_path) -> None:
    with pytest.raises(UserError, match="no existe"):
        print_participant_sheet(workspace.db, admin, "no-such-id", tmp_path / "ficha.pdf")
    assert not (tmp_path / "ficha.pdf").exists()


def test_service_reports_a_missing_folder_and_writes_nothing(
    workspace, admin, participant_id, tmp_path
) -> None:
    missing = tmp_path / "no-existe"
    with pytest.raises(UserError, match="No se pudo guardar el PDF .* Elija otra carpeta"):
        print_participant_sheet(workspace.db, admin, participant_id, missing / "ficha.pdf")
    assert not missing.exists()


def test_service_reports_a_file_in_place_of_the_folder(
    workspace, admin, participant_id, tmp_path
) -> None:
    not_a_folder = tmp_path / "nota.txt"
    not_a_folder.write_text("x")
    with pytest.raises(UserError, match="Elija otra carpeta"):
        print_participant_sheet(workspace.db, admin, participant_id, not_a_folder / "ficha.pdf")


def test_service_reports_a_refused_write_even_when_run_as_root(
    workspace, admin, participant_id, tmp_path, monkeypatch
) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(base.tempfile, "mkstemp", refuse)
    with pytest.raises(UserError, match="no tiene permiso. Elija otra carpeta"):
        print_participant_sheet(workspace.db, admin, participant_id, tmp_path / "ficha.pdf")
    assert list(tmp_path.glob("*.pdf*")) == []
