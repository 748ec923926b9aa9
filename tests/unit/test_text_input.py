"""Nasty text (issue 11): cleaned or refused once, where every write passes (the unit of
work), and in a form's values; through the services, never the window."""

import json
from dataclasses import replace

import pytest

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.text_input import TextRefused, checked_text, clean_text
from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.centre_settings import CentreDraft, CentreSettingsService
from reinsercion_desktop.services.forms import FormService

# (typed, kept in a single-line field, kept in a multi-line one)
NASTY = [
    ("Ana\x00María", "AnaMaría", "AnaMaría"),
    ("Ana\x1b[31mRoja", "Ana[31mRoja", "Ana[31mRoja"),
    ("fdp\u202eexe.pdf", "fdpexe.pdf", "fdpexe.pdf"),
    ("\u2066Luis\u2069 \u202aPérez\u202c", "Luis Pérez", "Luis Pérez"),
    ("Línea 1\r\nLínea 2\u2028Línea 3", "Línea 1 Línea 2 Línea 3", "Línea 1\nLínea 2\nLínea 3"),
    ("a\tb", "a b", "a\tb"),
    ("Jose\u0301", "José", "José"),  # decomposed accent → NFC
    ("C1\x85\x9fcontrol", "C1 control", "C1\ncontrol"),
    ("emoji 👩\u200d💻", "emoji 👩\u200d💻", "emoji 👩\u200d💻"),  # a joiner inside is kept
    ("\u200b\u200c\u200d\u2060\ufeff", "", ""),
    (" \u200b \ufeff ", "", ""),
    ("\x00\x01\x7f", "", ""),
    ("José Núñez", "José Núñez", "José Núñez"),
]


@pytest.mark.parametrize(("typed", "single", "multi"), NASTY)
def test_clean_text(typed: str, single: str, multi: str) -> None:
    assert clean_text(typed, multiline=False) == single
    assert clean_text(typed, multiline=True) == multi


def test_checked_text_refuses_invisible_only_and_too_long_naming_the_field() -> None:
    with pytest.raises(TextRefused, match="«Nombre» solo tiene caracteres invisibles"):
        checked_text("\u200b\u200b", label="Nombre", field="first_name", max_length=60)
    with pytest.raises(TextRefused, match=r"«Nombre» es demasiado largo \(61 caracteres; el "):
        checked_text("x" * 61, label="Nombre", field="first_name", max_length=60)
    assert checked_text("x" * 60, label="Nombre", field="first_name", max_length=60) == "x" * 60
    assert checked_text("   ", label="Nombre", field="first_name", max_length=60) == "   "


# -- through the services: the unit of work cleans every text column ---------------------


@pytest.mark.parametrize(("typed", "single", "multi"), [n for n in NASTY if n[1]])
def test_a_file_keeps_cleaned_text(participants, admin, make_draft, typed, single, multi) -> None:  # type: ignore[no-untyped-def]
    created = participants.create(
        admin, make_draft(surname2=typed, notes=f"Nota: {typed}"), confirm_similar=True
    )
    stored = participants.open(admin, created.id)
    assert stored.surname2 == single
    assert stored.notes == clean_text(f"Nota: {typed}", multiline=True)


@pytest.mark.parametrize("typed", ["\u200b", "\ufeff\u200d", "\x00", "\u202e\u202c"])
def test_invisible_only_text_is_refused_and_nothing_is_kept(  # type: ignore[no-untyped-def]
    participants, admin, make_draft, typed
) -> None:
    with pytest.raises(UserError, match="«Nombre» solo tiene caracteres invisibles"):
        participants.create(admin, make_draft(first_name=typed))
    assert participants.list_rows() == []


def test_invisible_only_text_is_refused_on_an_update(participants, admin, make_draft) -> None:  # type: ignore[no-untyped-def]
    created = participants.create(admin, make_draft())
    with pytest.raises(UserError, match="«Primer apellido» solo tiene caracteres invisibles"):
        participants.update(
            admin,
            created.id,
            make_draft(surname1="\u200b\u200b"),
            expected_version=created.version,
        )
    assert participants.open(admin, created.id).surname1 == "Núñez"


def test_text_beyond_the_column_is_refused_with_its_label(participants, admin, make_draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="Demasiado largo: 4001 caracteres"):
        participants.create(admin, make_draft(notes="x" * 4001))
    assert participants.list_rows() == []


def test_centre_settings_are_cleaned_and_refused_the_same_way(workspace, admin) -> None:  # type: ignore[no-untyped-def]
    service = CentreSettingsService(workspace.db)
    draft = CentreDraft.of(service.centre())
    saved = service.update_centre(admin, replace(draft, name="Centro\u202e Nueva\x07 Vida"))
    assert saved.name == "Centro Nueva Vida"
    with pytest.raises(UserError, match="«Teléfono» solo tiene caracteres invisibles"):
        service.update_centre(admin, replace(draft, phone="\u200b\u200b"))
    assert service.centre().phone == draft.phone


def test_form_values_are_cleaned_when_saved(workspace, admin, participants, make_draft) -> None:  # type: ignore[no-untyped-def]
    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "anexo-iv.v1.json"))
    forms = FormService(workspace.db, catalogue, AttachmentService.of(workspace))
    person = participants.create(admin, make_draft())
    instance = forms.create(admin, "anexo-iv", person.id)
    values = {
        **forms.open(admin, instance.id).data,
        "libre": "uno\x00\u202edos\r\ntres",
        "tabla": [{"celda": "a\x1bb"}],
    }
    saved = forms.save_draft(admin, instance.id, values, expected_version=instance.version)
    data = forms.open(admin, saved.id).data
    assert data["libre"] == "unodos\ntres"
    assert data["tabla"] == [{"celda": "ab"}]
    assert "\\u0000" not in json.dumps(data)


def test_the_unit_of_work_refuses_text_beyond_the_column_and_rolls_back(workspace, admin) -> None:  # type: ignore[no-untyped-def]
    """Whatever service forgets a length check, the column's declared length holds."""
    from sqlmodel import select

    from reinsercion_desktop.db.models import ReferringCentre

    too_long = r"«Nombre del centro» es demasiado largo \(121 "
    with pytest.raises(UserError, match=too_long), workspace.db.unit_of_work(admin) as work:
        work.add(ReferringCentre(kind="cta", name="C" * 121, contact_name="Ana\u202e"))
    with workspace.db.read() as session:
        assert session.exec(select(ReferringCentre)).all() == []
    with workspace.db.unit_of_work(admin) as work:
        work.add(ReferringCentre(kind="cta", name="C" * 120, contact_name="Ana\u202e\x00"))
    with workspace.db.read() as session:
        (centre,) = session.exec(select(ReferringCentre)).all()
        assert (centre.name, centre.contact_name) == ("C" * 120, "Ana")
