"""Pendientes with the circuit's deadlines, read from a few hundred stored stays (today 15/01/2026)."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.models import (
    FormInstance,
    Installation,
    Outing,
    Participant,
    Referral,
    Stay,
)
from reinsercion_desktop.domain.deadlines import DeadlineKind
from reinsercion_desktop.services.pending import FILE_KIND, pending_items

TODAY = date(2026, 1, 15)
TYPES = ("terapeutica", "voluntaria", "derivada", "disciplinaria")


class Builder:
    """Writes participants, stays, outings, forms and referrals straight through a unit of work."""

    def __init__(self, work) -> None:  # type: ignore[no-untyped-def]
        self.work = work
        self.count = 0

    def person(self) -> Participant:
        self.count += 1
        n = self.count
        participant = self.work.add(
            Participant(
                first_name=f"Nombre{n}",
                surname1=f"Apellido{n}",
                birth_date=date(1980, 1, 1),
                sex="H",
                codapel=f"AP{n:04d}H",
            )
        )
        self.work.flush()  # no ORM relationships: rows that others point at go in first
        return participant

    def stay(self, vivienda_id: str, admission: date, **fields: object) -> Stay:
        participant = self.person()
        stay = self.work.add(
            Stay(
                participant_id=participant.id,
                vivienda_id=vivienda_id,
                admission_date=admission,
                **fields,  # type: ignore[arg-type]
            )
        )
        self.work.flush()
        return stay

    def form(self, form_id: str, participant_id: str | None, **fields: object) -> None:
        self.work.add(
            FormInstance(
                form_id=form_id,
                definition_version=1,
                participant_id=participant_id,
                **fields,  # type: ignore[arg-type]
            )
        )


@pytest.fixture
def viviendas(db, admin):  # type: ignore[no-untyped-def]
    with db.read() as session:
        by_name = {v.name: v.id for v in queries.viviendas(session=session)}
    return by_name["Vivienda Triana"], by_name["Vivienda Macarena"]


@pytest.fixture
def circuit(db, admin, clock, viviendas):  # type: ignore[no-untyped-def]
    """Some 475 stays whose deadlines are counted by hand below."""
    v1, v2 = viviendas
    made: dict[str, object] = {}
    old_forms = []
    with db.unit_of_work(admin) as work:
        build = Builder(work)
        # A: 120 open stays admitted 0–59 days ago: Anexo IV due 30 days after admission.
        # A third have their Anexo IV; 10 only have one made before this admission.
        for i in range(120):
            stay = build.stay((v1, v2)[i % 2], TODAY - timedelta(days=i % 60))
            if i % 3 == 0:
                build.form("anexo-iv", stay.participant_id)
            elif i % 3 == 1 and i < 30:
                old_forms.append(stay.participant_id)
        # B: 60 open stays, admitted 01/09/2025 (Anexo IV made), planned discharge in 0–59 days.
        for k in range(60):
            stay = build.stay(
                (v1, v2)[k % 2],
                date(2025, 9, 1),
                planned_discharge_date=TODAY + timedelta(days=k),
                discharge_notice_date=TODAY if k % 2 == 0 else None,
            )
            build.form("anexo-iv", stay.participant_id)
            if k % 4 == 0:
                build.form("anexo-v", stay.participant_id)
            if k % 5 == 0:  # 30 ordinary outing days taken
                work.add(
                    Outing(
                        stay_id=stay.id, start_date=date(2025, 10, 1), end_date=date(2025, 10, 31)
                    )
                )
            else:  # 10 ordinary days + 30 exceptional ones, which R-STAY-1 does not count
                work.add(
                    Outing(
                        stay_id=stay.id, start_date=date(2025, 10, 1), end_date=date(2025, 10, 11)
                    )
                )
                work.add(
                    Outing(
                        stay_id=stay.id,
                        start_date=date(2025, 11, 1),
                        end_date=date(2025, 12, 1),
                        kind="excepcional",
                    )
                )
        # C: 90 stays discharged 0–89 days ago, the four types in turn.
        for j in range(90):
            kind = TYPES[j % 4]
            stay = build.stay(
                (v1, v2)[j % 2],
                date(2025, 3, 1),
                over_9_months_justification="Justificada.",
                discharge_date=TODAY - timedelta(days=j),
                discharge_type=kind,
                discharge_notice_date=TODAY if (kind == "terapeutica" or j % 2 == 1) else None,
            )
            if j % 3 == 0:
                build.form("anexo-vi", stay.participant_id)
            if j == 2:
                made["derived_discharge"] = stay.discharge_date
        # D: 200 stays closed long ago, every report missing: nothing is listed for them
        # (the paperwork after a discharge is listed back 90 days).
        for n in range(200):
            build.stay(
                (v1, v2)[n % 2],
                date(2022, 1, 1) + timedelta(days=n),
                discharge_date=date(2023, 1, 1) + timedelta(days=n),
                discharge_type=TYPES[n % 4],
            )
        # E: 5 open stays past 9 months (since 01/12/2025), 2 with their justification.
        for n in range(5):
            build.stay(
                v1,
                date(2025, 3, 1),
                over_9_months_justification="Coordinado con el CTA." if n < 2 else "",
            )
        # Referrals in "proceso de admisión": R1 right after the derived discharge of
        # 13/01 in Triana; R2 noticed ahead, planned for 10/01; a waiting one is not listed.
        r1 = work.add(
            Referral(
                participant_id=build.person().id,
                protocol_date=date(2025, 11, 1),
                status="assigned",
                vivienda_id=v1,
                assigned_date=date(2026, 1, 13),
            )
        )
        r2 = work.add(
            Referral(
                participant_id=build.person().id,
                protocol_date=date(2025, 9, 1),
                status="assigned",
                vivienda_id=v2,
                assigned_date=date(2025, 10, 1),
                planned_admission_date=date(2026, 1, 10),
            )
        )
        work.add(
            Referral(
                participant_id=build.person().id, protocol_date=date(2025, 9, 1), status="waiting"
            )
        )
        build.form("anexo-iii", None, vivienda_id=v1, period="2025-12")
        made.update(r1=r1.id, r2=r2.id)
    clock.current = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    with db.unit_of_work(admin) as work:
        for participant_id in old_forms:
            Builder(work).form("anexo-iv", participant_id)
    clock.current = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    assert len(old_forms) == 10
    return made


def test_R_STAY_3_and_R_WL_5_deadlines_of_a_few_hundred_stays(db, circuit, viviendas):  # type: ignore[no-untyped-def]
    items = pending_items(db)
    kinds = Counter(item.kind for item in items if item.kind != FILE_KIND)
    assert kinds == {
        # A: 120 − 40 made after admission = 80 owed, listed from 15 days before their day
        # (admission + 30 ≤ 30/01): admitted 15–59 days ago, 30 of each 60 → 60 (with the
        # 30-day horizon of before, all 80); E: due 31/03/2025, still listed (still there): 5.
        DeadlineKind.ANEXO_IV: 65,
        DeadlineKind.ANEXO_V: 45,  # B: 60 − 15 made, all due already (planned − 2 months)
        # B: notice due (planned − 15) listed 15 days ahead, by 30/01 → k ≤ 30, odd k: 15 (23
        # with the 30-day horizon of before); C: derived with no notice: 22
        DeadlineKind.DISCHARGE_NOTICE: 37,
        DeadlineKind.FEW_OUTINGS: 24,  # B: planned within 30 days (k ≤ 30) minus k % 5 == 0
        DeadlineKind.ANEXO_VI: 60,  # C: 90 − 30 made
        DeadlineKind.STAY_OVER_9_MONTHS: 3,  # E
        DeadlineKind.ADMISSION: 2,
        DeadlineKind.NOT_LOCATED: 1,
        # October–December (due by 05/11, within 90 days) × 2 viviendas − Triana's December
        DeadlineKind.ANEXO_III: 5,
    }
    # Soonest first, overdue ahead of the rest; files without a date last.
    dues = [item.due for item in items]
    dated = [due for due in dues if due is not None]
    assert dated == sorted(dated) and dues[len(dated) :] == [None] * (len(dues) - len(dated))
    assert items[0].overdue(TODAY) and not items[len(dated) - 1].overdue(TODAY)
    assert any(item.kind == FILE_KIND and item.what.startswith("Falta:") for item in items)

    by_referral = {(i.referral_id, i.kind): i for i in items if i.referral_id}
    admission = by_referral[(circuit["r1"], DeadlineKind.ADMISSION)]
    assert admission.due == date(2026, 1, 18)  # derived discharge 13/01 + 5 days
    assert by_referral[(circuit["r1"], DeadlineKind.NOT_LOCATED)].due == date(2026, 1, 15)
    late = by_referral[(circuit["r2"], DeadlineKind.ADMISSION)]
    assert late.due == date(2026, 1, 10) and late.overdue(TODAY)
    assert (circuit["r2"], DeadlineKind.NOT_LOCATED) not in by_referral

    v1, v2 = viviendas
    monthly = {(i.vivienda_id, i.period) for i in items if i.kind == DeadlineKind.ANEXO_III}
    assert (v2, "2025-12") in monthly and (v1, "2025-12") not in monthly
    assert (v1, "2025-10") in monthly and (v1, "2025-09") not in monthly  # due 05/10: too old
    report = next(i for i in items if i.kind == DeadlineKind.ANEXO_III)
    assert report.participant_id == "" and report.action == "create_anexo_iii"

    sixes = [i for i in items if i.kind == DeadlineKind.ANEXO_VI]
    assert all(i.form_id == "anexo-vi" and i.action == "create_form" for i in sixes)
    assert sum("y a la oficina" in i.what for i in sixes) == 45  # 60 minus the therapeutic 15
    ivs = [i for i in items if i.kind == DeadlineKind.ANEXO_IV]
    assert all(i.participant_id and i.stay_id and i.who.endswith("H)") for i in ivs)


def test_R_STAY_3_anexo_iv_uses_the_installation_adaptation_period(db, admin, viviendas):  # type: ignore[no-untyped-def]
    with db.unit_of_work(admin) as work:
        stay = Builder(work).stay(viviendas[0], date(2026, 1, 5))
        installation = work.session.get(Installation, admin.installation_id)
        installation.adaptation_days = 20
    [item] = [i for i in pending_items(db) if i.stay_id == stay.id]
    assert item.kind == DeadlineKind.ANEXO_IV and item.due == date(2026, 1, 25)
    assert item.who == "Apellido1, Nombre1 (AP0001H)" and item.form_id == "anexo-iv"


def test_pending_items_without_circuit_records_are_the_incomplete_files(
    db, admin, participants, make_draft
):  # type: ignore[no-untyped-def]
    person = participants.create(admin, make_draft(id_number=""))
    items = pending_items(db, TODAY)
    assert [(i.participant_id, i.kind, i.due) for i in items] == [(person.id, FILE_KIND, None)]
    assert "documento de identidad" in items[0].what
