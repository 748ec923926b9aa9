"""Where a user-chosen file is written (services/output_paths.py), and every PDF writer of
the services asking it first: a device, a link, a folder, the data folder or a missing
folder refused with one Spanish line; nothing written, nothing replaced."""

import os
import stat
from pathlib import Path

import pytest

from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.forms.loader import FormCatalogue, load_definition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.output_paths import checked_output, write_output
from reinsercion_desktop.services.printing import print_participant_sheet
from reinsercion_desktop.services.resources import ResourceService


@pytest.fixture
def targets(tmp_path: Path, data_dir: Path) -> dict[Path, str]:
    """Each bad target, with what its message says."""
    device = tmp_path / "tuberia.pdf"
    os.mkfifo(device)
    (tmp_path / "carpeta").mkdir()
    real = tmp_path / "real.pdf"
    real.write_bytes(b"mine")
    (tmp_path / "enlace.pdf").symlink_to(real)
    (tmp_path / "nota.txt").write_text("x")
    return {
        device: "es un dispositivo o un archivo especial",
        tmp_path / "carpeta": "es una carpeta",
        tmp_path / "enlace.pdf": "es un enlace simbólico",
        tmp_path / "no-existe" / "x.pdf": "la carpeta no existe",
        tmp_path / "nota.txt" / "x.pdf": "no es una carpeta. Elija otra carpeta",
        data_dir / "copias" / "x.pdf": "dentro de la carpeta de datos",
        data_dir / "documentos" / "x.pdf": "dentro de la carpeta de datos",
        data_dir / "reinsercion.claves": "dentro de la carpeta de datos",
        data_dir / "copias" / ".." / "informe.pdf": "dentro de la carpeta de datos",
    }


def assert_untouched(tmp_path: Path) -> None:
    assert stat.S_ISFIFO(os.lstat(tmp_path / "tuberia.pdf").st_mode)
    assert (tmp_path / "real.pdf").read_bytes() == b"mine"
    assert os.path.islink(tmp_path / "enlace.pdf")
    assert list((tmp_path / "carpeta").iterdir()) == []
    assert not list(tmp_path.rglob("*.part"))


def test_checked_output_refuses_each_bad_target(workspace, targets, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for target, message in targets.items():
        with pytest.raises(UserError, match=message):
            checked_output(target, data_root=data_dir)
    with pytest.raises(UserError, match="Falta el nombre del archivo"):
        checked_output("  ", data_root=data_dir)
    exports = data_dir / "exportaciones"
    exports.mkdir()
    assert checked_output(exports / "oferta.pdf", data_root=data_dir) == exports / "oferta.pdf"
    ok = tmp_path / "informe.pdf"
    assert checked_output(ok, data_root=data_dir) == ok
    ok.write_bytes(b"old")  # an existing file is replaced, as a save dialog asked
    assert write_output(ok, b"%PDF new", data_root=data_dir) == ok
    assert ok.read_bytes() == b"%PDF new"
    assert_untouched(tmp_path)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_dev_full_is_refused_and_stays_a_device() -> None:
    with pytest.raises(UserError, match="dispositivo"):
        write_output("/dev/full", b"%PDF")
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_the_last_guard_in_the_pdf_writer_refuses_a_special_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reinsercion_desktop.pdf.base import write_atomically

    device = tmp_path / "tuberia.pdf"
    os.mkfifo(device)
    with pytest.raises(OSError):
        write_atomically(device, b"%PDF")
    assert stat.S_ISFIFO(os.lstat(device).st_mode)


def test_every_pdf_writer_of_the_services_asks_first(  # type: ignore[no-untyped-def]
    workspace, admin, participants, make_draft, targets, tmp_path
) -> None:
    catalogue = FormCatalogue()
    catalogue.add(load_definition(forms_dir() / "anexo-iv.v1.json"))
    forms = FormService(workspace.db, catalogue, AttachmentService.of(workspace))
    person = participants.create(admin, make_draft())
    instance = forms.create(admin, "anexo-iv", person.id)
    resources = ResourceService(workspace.db)
    writers = {
        "blank form": lambda out: forms.blank_pdf("anexo-iv", out),
        "filled form": lambda out: forms.issue_pdf(admin, instance.id, out),
        "participant sheet": lambda out: print_participant_sheet(
            workspace.db, admin, person.id, out
        ),
        "bulletin": lambda out: resources.offer_bulletin(out, "2026-01"),
    }
    for name, write in writers.items():
        for target, message in targets.items():
            with pytest.raises(UserError, match=message):
                write(target)
        assert write(tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF"), name
    assert_untouched(tmp_path)
