"""Asignar plaza from the waiting list: vivienda, planned admission, the notes the rules ask for.

Built on the circuit's `ActionDialog`, so it looks and answers like the other steps of a
protocol: Save calls `WaitingListService.assign`; a refusal (someone comes first, no
place for the person's sex, the prison quota…) is the service's Spanish message, and
the consultation and court-order notes appear when the rules need them (R-WL-1, R-WL-3).
"""

from collections.abc import Mapping, Sequence
from datetime import timedelta

from PySide6.QtWidgets import QWidget

from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import Sex
from reinsercion_desktop.domain.waiting_list import FreePlaces, consultation_required
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.ui.circuit.waiting_list_model import WaitingLine, notes_text
from reinsercion_desktop.ui.session import Session
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.action_dialog import ActionDialog, long_text
from reinsercion_desktop.ui.widgets.inputs import ComboBox

# A resident whose discharge frees the place: (stay id, "CODAPEL · alta prevista dd/mm/aaaa").
Leaving = Mapping[str, Sequence[tuple[str, str]]]


def _sex_word(sex: str) -> str:
    return tr("un hombre") if sex == Sex.MAN else tr("una mujer")


def vivienda_choices(places: Sequence[FreePlaces], sex: str) -> list[tuple[str, str]]:
    """Viviendas with a place this person can take first, each with what is free for them."""
    ordered = sorted(places, key=lambda p: (p.free_for(sex) == 0, p.name))
    items = []
    for place in ordered:
        free = place.free_for(sex)
        if free:
            text = tr("{name} — {n} libre(s) para {who}").format(
                name=place.name, n=free, who=_sex_word(sex)
            )
        elif place.leaving:
            text = tr("{name} — sin plaza libre; {n} alta(s) anunciada(s)").format(
                name=place.name, n=place.leaving
            )
        else:
            text = tr("{name} — sin plaza para {who}").format(name=place.name, who=_sex_word(sex))
        items.append((place.vivienda_id, text))
    return items


def assign_vacancy_dialog(
    waiting_list: WaitingListService,
    session: Session,
    line: WaitingLine,
    places: Sequence[FreePlaces],
    leaving: Leaving,
    parent: QWidget,
) -> ActionDialog:
    """The dialog, ready to open(); `result` is the assigned referral once saved."""
    row = line.row
    who = f"{line.name} ({row.codapel})" if line.name else row.codapel
    details = [
        who,
        Sex(row.sex).label if row.sex in set(Sex) else row.sex,
        tr("recibido el {day}").format(day=format_date_es(row.received_date)),
    ]
    marks = notes_text(line)
    if marks:
        details.append(marks)
    dialog = ActionDialog(
        tr("Asignar plaza"),
        parent,
        intro=" · ".join(details)
        + "\n"
        + tr(
            "La persona pasa a «proceso de admisión» con una fecha prevista de ingreso; "
            "tiene 2 días para ser localizada."
        ),
        save_text=tr("Asignar plaza"),
        width=580,
    )
    dialog.setObjectName("assign_vacancy_dialog")
    vivienda_combo = ComboBox()
    for vivienda_id, text in vivienda_choices(places, row.sex):
        vivienda_combo.addItem(text, vivienda_id)
    dialog.add("vivienda", tr("Vivienda"), vivienda_combo)
    leaving_combo = ComboBox()
    dialog.add(
        "vacated_by_stay_id",
        tr("Plaza que deja"),
        leaving_combo,
        keys=("vacated_by",),
    )
    tomorrow = session.today() + timedelta(days=1)
    dialog.add_date("planned_admission_date", tr("Ingreso previsto"), tomorrow)
    free_for_person = sum(p.free_for(row.sex) for p in places)
    dialog.add(
        "centre_consulted_note",
        tr("Consulta al centro derivador"),
        long_text(height=50),
        until_needed=not consultation_required(free_for_person),
    )
    if consultation_required(free_for_person):
        dialog.fields["centre_consulted_note"].setPlaceholderText(  # type: ignore[attr-defined]
            tr(
                "Hay {n} plazas libres para {who}: con quién se consultó y qué vivienda prefiere."
            ).format(n=free_for_person, who=_sex_word(row.sex))
        )
    dialog.add(
        "court_order_note",
        tr("Nota al Juzgado (orden judicial)"),
        long_text(height=50),
        until_needed=not row.court_order,
    )
    dialog.fields["court_order_note"].setPlaceholderText(  # type: ignore[attr-defined]
        tr("Comunicación al Juzgado sobre el recurso y el procedimiento ordinario de ingreso")
    )

    def vivienda_changed() -> None:
        leaving_combo.clear()
        leaving_combo.addItem(tr("— una plaza libre —"), None)
        for stay_id, text in leaving.get(vivienda_combo.currentData() or "", ()):
            leaving_combo.addItem(text, stay_id)
        dialog.set_row_visible("vacated_by_stay_id", leaving_combo.count() > 1)

    vivienda_combo.currentIndexChanged.connect(vivienda_changed)
    vivienda_changed()
    dialog.action = lambda d: waiting_list.assign(
        session.actor,
        row.referral_id,
        d.value("vivienda"),
        d.date("planned_admission_date"),
        consulted_note=d.text("centre_consulted_note"),
        court_order_note=d.text("court_order_note"),
        vacated_by_stay_id=d.value("vacated_by_stay_id"),
    )
    return dialog
