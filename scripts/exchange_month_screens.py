"""Pictures of a month of a centre and its office, in the real windows of both.

Plays the month of tests/ui/test_exchange_month_windows.py (the same steps, from
tests/ui/exchange_month.py) in two throwaway data folders, and at each key moment saves
what the screen shows with each window in front: NN-moment-centro.png and
NN-moment-oficina.png in the folder given (default /tmp/month-screens).

    xvfb-run -s "-screen 0 1366x768x24" python scripts/exchange_month_screens.py /tmp/mes-1366
    xvfb-run -s "-screen 0 1920x1080x24" python scripts/exchange_month_screens.py /tmp/mes-1920

It needs a display (a real one or Xvfb): the picture is the screen, so a dialog larger
than the screen shows cut, as staff would see it.
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if os.environ.get("DISPLAY"):  # the tests' fixtures would set offscreen: no screen to grab
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from reinsercion_desktop.ui.qt_setup import make_application  # noqa: E402
from tests.services.exchange_pair import make_pair  # noqa: E402
from tests.ui import exchange_month as month  # noqa: E402
from tests.ui.exchange_month import Desk  # noqa: E402

PERSON = ("Rocío", "Martín", "Ortega")
CTA = "CTA Sevilla Norte"


def waiter(app: QApplication) -> Callable[[Callable[[], bool]], None]:
    def wait(condition: Callable[[], bool], timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    return wait


def answer_message_boxes() -> None:
    """«¿Firmar?» is answered yes; anything else shown is printed (it should not happen)."""

    def said(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent, title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
            print(f"[{kind}] {title}: {text}", file=sys.stderr)
            return QMessageBox.StandardButton.Ok

        return show

    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    for kind in ("warning", "critical", "information"):
        setattr(QMessageBox, kind, staticmethod(said(kind)))


class Camera:
    """Each moment, each window in front with its dialogs: the screen saved."""

    def __init__(self, app: QApplication, folder: Path, desks: dict[str, Desk]):
        self.app, self.folder, self.desks = app, folder, desks
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)

    def settle(self) -> None:
        for _ in range(20):
            self.app.processEvents()
            time.sleep(0.01)

    def snap(self, moment: str) -> None:
        self.count += 1
        for suffix, desk in self.desks.items():
            window = desk.window
            window.raise_()
            window.activateWindow()
            for child in window.findChildren(QWidget):
                if child.isWindow() and child.isVisible():
                    child.raise_()
            self.settle()
            screen = window.screen()
            path = self.folder / f"{self.count:02d}-{moment}-{suffix}.png"
            screen.grabWindow(0).save(str(path), "PNG")
            print(path)


def play(camera: Camera, centre: Desk, office: Desk, usb: Path) -> None:
    desks = [centre, office]
    month.set_day(desks, date(2026, 2, 2))
    month.add_referring_centre(centre, CTA)
    who = month.create_person(centre, PERSON, "14/05/1988", "M")
    month.create_protocol(centre, CTA, date(2026, 2, 2))
    referral_id = centre.window.file_view.referrals_tab.selected().id
    first = month.send_bundle(centre, usb)
    camera.snap("protocolo-enviado")
    month.close_exchange(centre)

    month.set_day(desks, date(2026, 2, 3))
    month.preview_bundle(office, first)
    camera.snap("oficina-vista-previa")
    month.import_previewed(office)
    month.close_exchange(office)
    month.open_file_from_list(office, who)
    month.receive_and_include(office, date(2026, 2, 3))
    month.assign_place(
        office, referral_id, "Triana", date(2026, 2, 9), "CTA: prefiere Triana.",
        before_saving=lambda: camera.snap("oficina-asignacion"),
    )  # fmt: skip
    camera.snap("oficina-asignada")
    back = month.send_bundle(office, usb)
    month.close_exchange(office)

    month.set_day(desks, date(2026, 2, 4))
    month.preview_bundle(centre, back)
    month.import_previewed(centre)
    camera.snap("centro-importado")
    month.close_exchange(centre)
    month.show_tab(centre, "referrals_tab")
    camera.snap("centro-plaza-asignada")

    month.set_day(desks, date(2026, 2, 9))
    consent = month.new_form(centre, "Consentimiento informado")
    values = {"dni": "12345678Z", "vivienda": "Vivienda Triana", "lugar": "Sevilla"}
    month.fill_missing(consent.editor, values.__getitem__)
    month.finalize_and_sign(centre, consent)
    month.admit(centre, date(2026, 2, 9))

    month.set_day(desks, date(2026, 3, 2))
    _said, anexo = month.anexo_iii_of_the_month(centre, "Triana", "2026-02")
    month.finalize_and_sign(centre, anexo)
    monthly = month.send_bundle(centre, usb)
    camera.snap("centro-mes-enviado")
    month.close_exchange(centre)

    month.set_day(desks, date(2026, 3, 3))
    month.preview_bundle(office, monthly)
    month.import_previewed(office)
    month.close_exchange(office)
    month.show_occupancy(office, "Triana")
    camera.snap("oficina-ocupacion")
    answer = month.send_bundle(office, usb)
    camera.snap("oficina-historial-confirmado")
    month.close_exchange(office)

    month.set_day(desks, date(2026, 3, 4))
    month.preview_bundle(centre, answer)
    month.import_previewed(centre)
    camera.snap("centro-historial-confirmado")
    month.close_exchange(centre)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="/tmp/month-screens", type=Path)
    args = parser.parse_args(argv)
    app = make_application([sys.argv[0]])
    answer_message_boxes()
    with tempfile.TemporaryDirectory(prefix="mes-") as scratch:
        root = Path(scratch)
        centre_side, office_side = make_pair(root)
        wait = waiter(app)
        centre, office = month.open_desk(centre_side, wait), month.open_desk(office_side, wait)
        month.answer_file_dialogs([centre, office], setattr)
        usb = root / "usb"
        usb.mkdir()
        camera = Camera(app, args.folder, {"centro": centre, "oficina": office})
        try:
            play(camera, centre, office, usb)
        finally:
            for desk in (centre, office):
                desk.window.hide()  # not close(): closing one window closes every other
            centre_side.workspace.close()
            office_side.workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
