"""The Anexo II set and the Anexo III as Reports, over the hand-made region of
tests/services/anexo_ii_data.py (every figure below is worked out there or here)."""

from datetime import date

import pytest
from sqlmodel import select

from reinsercion_desktop.db.models import Installation, Vivienda
from reinsercion_desktop.domain.errors import NotFoundError, ValidationError
from reinsercion_desktop.domain.periods import Period
from reinsercion_desktop.domain.report_table import ColumnKind, Report, ReportTable
from reinsercion_desktop.services.anexo_ii import AnexoIIService
from reinsercion_desktop.services.anexo_iii import anexo_iii_report
from reinsercion_desktop.services.office import OfficeService
from reinsercion_desktop.services.referrals import ReferralDraft, ReferralService
from tests.services.anexo_ii_data import build_region

D = date


@pytest.fixture
def region(workspace, admin):  # type: ignore[no-untyped-def]
    return build_region(workspace.db, admin)


@pytest.fixture
def anexo(workspace, region):  # type: ignore[no-untyped-def]
    return AnexoIIService(workspace.db)


def table(report: Report, key: str) -> ReportTable:
    return next(t for t in report.tables if t.key == key)


def cells(t: ReportTable) -> list[tuple]:
    return [*t.rows, *([t.total] if t.total else [])]


def listed_woman(workspace, admin, make_draft, participants, centre_id: str) -> str:  # type: ignore[no-untyped-def]
    """A woman of CT Cádiz in the regional list, protocol received 05/01/2026; her CODAPEL."""
    draft = make_draft(first_name="Lucía", surname1="Pérez", birth_date="03/04/1985", sex="M",
                       id_number="", referring_centre_id=centre_id)  # fmt: skip
    person = participants.create(admin, draft, confirm_similar=True)
    referrals = ReferralService(workspace.db)
    referral = referrals.create(
        admin, person.id, ReferralDraft(protocol_date=D(2026, 1, 2), consensus="consensuado")
    )
    referrals.mark_complete(admin, referral.id)
    referrals.send(admin, referral.id)
    OfficeService(workspace.db).receive_protocol(admin, referral.id, D(2026, 1, 5), include=True)
    return person.codapel


# -- monthly ----------------------------------------------------------------------------------


def test_monthly_occupancy_discharges_and_waiting_time_per_var(anexo):
    """December 2025, 31 days; 8 places each → 248 place-days per vivienda.

    Triana: AA 01/12–30/12 (discharged 31/12) 30 days, BB 31 (discharged 01/01), FF 0
    (discharged 01/12), SS 28–31/12 4 → 65 / 248 = 26.2 %. Macarena: RR 20–31/12 12 →
    12 / 248 = 4.8 %. Total 77 / 496 = 15.5 %.
    Discharges in December: Triana AA terapéutica (31/12), FF derivada (01/12).
    Last admission not from prison: Triana FF 10/09 (SS, 28/12, came from prison), listed
    15/08 (fixed after received 01/08) → 26 days; Macarena RR 20/12 − 01/12 → 19 days.
    """
    report = anexo.monthly(Period.parse("2025-12"))
    assert (report.key, report.period.code, report.scope) == (
        "anexo-ii-mensual", "2025-12", "Todas las viviendas",
    )  # fmt: skip
    assert cells(table(report, "ocupacion")) == [
        ("Vivienda Macarena", 8, 248, 12, 4.8),
        ("Vivienda Triana", 8, 248, 65, 26.2),
        ("Total", 16, 496, 77, 15.5),
    ]
    discharges = table(report, "tipologia_altas_var")
    assert [c.kind for c in discharges.columns[1:]] == [ColumnKind.COUNT] * 5
    assert cells(discharges) == [
        ("Vivienda Macarena", 0, 0, 0, 0, 0),
        ("Vivienda Triana", 1, 1, 0, 0, 2),
        ("Total", 1, 1, 0, 0, 2),
    ]
    assert discharges.chart is not None and table(report, "ocupacion").chart is not None
    assert cells(table(report, "tiempo_espera")) == [
        ("Vivienda Macarena", "RR0101H", D(2025, 12, 1), D(2025, 12, 20), 19),
        ("Vivienda Triana", "FF0101H", D(2025, 8, 15), D(2025, 9, 10), 26),
    ]


def test_monthly_follow_up_and_derived_users_per_centre(
    anexo, region, workspace, admin, make_draft, participants
):
    """The list as it stands (the woman of CT Cádiz, 1st), then December's moves by
    admission date: AA alta (31/12), FF alta (01/12), RR and SS ingresados. To the other
    centres, the same people by referring centre: CT Cádiz the woman and SS; CTA Huelva RR
    and AA; FF has none."""
    woman = listed_woman(workspace, admin, make_draft, participants, region["Cádiz"])
    report = anexo.monthly(Period.parse("2025-12"))
    follow = table(report, "seguimiento_lista_espera")
    assert [row[:7] for row in follow.rows] == [
        (1, woman, "Mujer", "CT Cádiz", "Cádiz", D(2026, 1, 5), "En lista de espera"),
        (None, "AA0101H", "Hombre", "CTA Huelva", "Huelva", None, "Alta"),
        (None, "FF0101H", "Hombre", "Sin centro derivador", "Jaén", D(2025, 8, 15), "Alta"),
        (None, "RR0101H", "Hombre", "CTA Huelva", "Huelva", D(2025, 12, 1), "Ingresado/a"),
        (None, "SS0101H", "Hombre", "CT Cádiz", "Cádiz", None, "Ingresado/a"),
    ]
    cpd, others = report.sections
    assert (cpd.title, others.title) == ("A CTAs — C.P.D.s", "Al resto de C.T.A.s y C.T.s")
    derived = {t.title: [(r[0], r[2]) for r in t.rows] for t in others.tables}
    assert derived == {
        "Usuarios/as derivados/as por CT Cádiz": [(woman, "En lista de espera"),
                                                   ("SS0101H", "Ingresado/a")],
        "Usuarios/as derivados/as por CTA Huelva": [("RR0101H", "Ingresado/a"),
                                                     ("AA0101H", "Alta")],
        "Usuarios/as derivados/as por Sin centro derivador": [("FF0101H", "Alta")],
    }  # fmt: skip
    only = anexo.monthly(Period.parse("2025-12"), referring_centre_id=region["Huelva"])
    assert only.scope == "CTA Huelva" and len(only.sections) == 1
    assert [r[0] for r in only.tables[0].rows] == ["RR0101H", "AA0101H"]
    # R-CONF-1: CODAPEL only, never a name.
    for made in (report, only):
        assert "Lucía" not in repr(made) and "Nombre" not in repr(made)
        assert "Apellido" not in repr(made) and "Pérez" not in repr(made)
    with pytest.raises(NotFoundError):
        anexo.monthly(Period.parse("2025-12"), referring_centre_id="no-such-centre")


def test_office_screen_reads_the_same_figures(anexo, workspace):
    screen = OfficeService(workspace.db).monthly_report("2025-12")
    report = anexo.monthly(Period.parse("2025-12"))
    assert [(r.vivienda, r.indice) for r in screen.ocupacion] == [
        (row[0], row[4]) for row in table(report, "ocupacion").rows
    ]


# -- quarterly and six-monthly ----------------------------------------------------------------


def test_quarterly_discharges_and_demands_by_province_and_centre(anexo):
    """4.º trimestre 2025 = 01/10–31/12. Discharges in: AA 31/12 ter (Huelva, CTA Huelva),
    CC 01/10 dis (CTA Sin Provincia → the person's Córdoba), EE 15/11 vol (Huelva), FF 01/12
    der (no centre → Jaén), GG 20/10 ter (the protocol's CTA Huelva → Huelva); out: BB
    01/01/2026, DD 30/09. Demands: HH ren 31/12 (Cádiz), II no loc. 01/10 (Cádiz), JJ
    retirada 05/11 (Huelva); out: KK 01/01/2026, LL 30/09, MM (it has a stay)."""
    report = anexo.quarterly(Period.parse("2025-T4"))
    assert report.key == "anexo-ii-trimestral" and report.period.label == "4.º trimestre de 2025"
    # provincia, terapéuticas, derivadas, voluntarias, disciplinarias, total
    assert cells(table(report, "tipologia_altas_provincia")) == [
        ("Córdoba", 0, 0, 0, 1, 1),
        ("Huelva", 2, 0, 1, 0, 3),
        ("Jaén", 0, 1, 0, 0, 1),
        ("Total", 2, 1, 1, 1, 5),
    ]
    # provincia, renuncias, no localización, retiradas, total
    assert cells(table(report, "demandas_provincia")) == [
        ("Cádiz", 1, 1, 0, 2),
        ("Huelva", 0, 0, 1, 1),
        ("Total", 1, 1, 1, 3),
    ]
    assert cells(table(report, "tipologia_altas_centro")) == [
        ("CTA Huelva", 2, 0, 1, 0, 3),
        ("CTA Sin Provincia", 0, 0, 0, 1, 1),
        ("Sin centro derivador", 0, 1, 0, 0, 1),
        ("Total", 2, 1, 1, 1, 5),
    ]


def test_six_monthly_demands_and_incomplete_protocols_by_centre(anexo):
    """2.º semestre 2025 = 01/07–31/12. Demands: CT Cádiz HH ren, II no loc.; CTA Huelva
    JJ retirada, LL ren (30/09); CTA Sin Provincia NN no loc. (01/07); out KK, MM.
    Incomplete: OO (CT Cádiz, 10/08, fixed 20/08), PP (CTA Huelva, 31/12, not fixed); out
    QQ (02/01/2026) and UU (30/06/2025)."""
    report = anexo.six_monthly(Period.parse("2025-S2"))
    assert report.key == "anexo-ii-semestral"
    assert cells(table(report, "demandas_centro")) == [
        ("CT Cádiz", 1, 1, 0, 2),
        ("CTA Huelva", 1, 0, 1, 2),
        ("CTA Sin Provincia", 0, 1, 0, 1),
        ("Total", 2, 2, 1, 5),
    ]
    # centro, subsanados, sin subsanar, total
    assert cells(table(report, "protocolos_incompletos_centro")) == [
        ("CT Cádiz", 1, 0, 1),
        ("CTA Huelva", 0, 1, 1),
        ("Total", 1, 1, 2),
    ]
    assert table(report, "protocolos_incompletos").rows == (
        ("CT Cádiz", "OO0101H", D(2025, 8, 10), "Falta analítica", "Analítica aportada",
         D(2025, 8, 20)),
        ("CTA Huelva", "PP0101H", D(2025, 12, 31), "Falta informe social", "Sin subsanar", None),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("method", "code"),
    [("monthly", "2025-T4"), ("monthly", "2025"), ("quarterly", "2025-12"),
     ("quarterly", "2025-S2"), ("six_monthly", "2025-T3"), ("six_monthly", "2025")],
)  # fmt: skip
def test_each_report_refuses_another_kind_of_period(anexo, method, code):
    with pytest.raises(ValidationError, match="se hace para"):
        getattr(anexo, method)(Period.parse(code))


# -- issuer -----------------------------------------------------------------------------------


def test_issuer_is_the_centre_or_the_office(anexo, workspace, admin):
    report = anexo.quarterly(Period.parse("2025-T4"))
    assert (report.issuer.name, report.issuer.kind, report.issuer.signer_role) == (
        "Asociación Nueva Vida", "centre", "Responsable de VAR",
    )  # fmt: skip
    with workspace.db.unit_of_work(admin) as work:
        local = work.session.exec(select(Installation).where(Installation.is_local)).one()
        local.kind, local.name = "office", "FADA Andalucía"
    issuer = anexo.six_monthly(Period.parse("2025-S2")).issuer
    assert (issuer.name, issuer.kind, issuer.signer_role) == (
        "FADA Andalucía", "office", "Coordinación de FADA",
    )  # fmt: skip


# -- Anexo III --------------------------------------------------------------------------------


def test_anexo_iii_report_of_one_vivienda_and_of_all(workspace, region):
    """Triana, December 2025: AA, BB, FF (discharged 01/12, still reported) and SS; altas
    FF 01/12 derivada, 10/09→01/12 = 82 days; AA 31/12 terapéutica, 01/06→31/12 = 213."""
    report = anexo_iii_report(workspace.db, region["Triana"], Period.parse("2025-12"))
    assert (report.key, report.scope) == ("anexo-iii", "Vivienda Triana")
    (section,) = report.sections
    users, discharges = section.tables
    assert section.title == "Vivienda: Vivienda Triana"
    assert [c.label for c in users.columns] == [
        "CODAPEL", "Perfil", "ST", "ST excepc.", "Fecha ingreso", "Programa",
        "Centro derivador", "Centro origen", "Renuncia",
    ]  # fmt: skip
    assert sorted((r[0], r[4], r[5]) for r in users.rows) == [
        ("AA0101H", D(2025, 6, 1), "Libre de drogas"),
        ("BB0101H", D(2025, 9, 1), "Libre de drogas"),
        ("FF0101H", D(2025, 9, 10), "Libre de drogas"),
        ("SS0101H", D(2025, 12, 28), "Libre de drogas"),
    ]
    assert [r[:4] for r in discharges.rows] == [
        ("FF0101H", D(2025, 12, 1), "Derivada", 82),
        ("AA0101H", D(2025, 12, 31), "Terapéutica", 213),
    ]
    every = anexo_iii_report(workspace.db, None, Period.parse("2025-12"))
    assert every.scope == "Todas las viviendas"
    assert [s.title for s in every.sections] == [
        "Vivienda: Vivienda Macarena", "Vivienda: Vivienda Triana",
    ]  # fmt: skip
    assert "Nombre" not in repr(every)
    with pytest.raises(ValidationError, match="se hace para"):
        anexo_iii_report(workspace.db, None, Period.parse("2025-T4"))
    with pytest.raises(NotFoundError):
        anexo_iii_report(workspace.db, "no-such-vivienda", Period.parse("2025-12"))


def test_anexo_iii_leaves_out_a_vivienda_not_in_service_that_month(workspace, admin, region):
    with workspace.db.unit_of_work(admin) as work:
        macarena = work.get(Vivienda, region["Macarena"])
        macarena.valid_from = D(2026, 1, 1)
    every = anexo_iii_report(workspace.db, None, Period.parse("2025-12"))
    assert [s.title for s in every.sections] == ["Vivienda: Vivienda Triana"]
