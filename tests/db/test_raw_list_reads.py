"""The waiting list's and the monthly Anexo II's reads moved to the raw DB-API path
(db/sql_rows.py) return the very rows the ORM statements they replace returned: same
values, same Python types (dates, aware UTC timestamps, booleans), on a hand-made set
that has every kind of value (empty dates, no referring centre, prison and court-order
flags, a postponement, an assignment, an announced discharge, an admission ahead)."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import and_, func, or_
from sqlmodel import select

from reinsercion_desktop.db import office_queries
from reinsercion_desktop.db import waiting_list_queries as listed
from reinsercion_desktop.db.models import (
    Participant,
    Referral,
    ReferringCentre,
    Stay,
    Vivienda,
)

D = date
LISTED = ["waiting", "postponed", "assigned"]


@pytest.fixture
def region(db, admin):  # type: ignore[no-untyped-def]
    with db.unit_of_work(admin) as work:
        houses = [v.id for v in work.session.exec(select(Vivienda).order_by(Vivienda.name))]
        centre = work.add(ReferringCentre(kind="CTA", name="CTA Huelva", province="Huelva"))
        bare = work.add(ReferringCentre(kind="CT", name="CT Sin Provincia", province=""))
        work.flush()

        def person(code: str, sex: str = "H", province: str = "Sevilla", centre_id=None):  # type: ignore[no-untyped-def]
            made = work.add(
                Participant(
                    first_name="Nombre", surname1="Apellido", birth_date=D(1980, 2, 2),
                    sex=sex, codapel=f"{code}0101{sex}", province=province,
                    referring_centre_id=centre_id,
                )
            )  # fmt: skip
            work.flush()
            return made

        def referral(who, status: str, **fields):  # type: ignore[no-untyped-def]
            made = work.add(
                Referral(
                    participant_id=who.id, protocol_date=D(2025, 5, 2), status=status, **fields
                )
            )
            work.flush()
            return made

        referral(person("AA"), "waiting", received_date=D(2025, 6, 1), included_date=D(2025, 6, 2),
                 referring_centre_id=centre.id)  # fmt: skip
        referral(person("BB", "M", centre_id=bare.id), "postponed", received_date=D(2025, 5, 20),
                 fixed_date=D(2025, 6, 3), included_date=D(2025, 6, 4),
                 postponed_until=D(2026, 2, 1), postponed_reason="sanitario",
                 keep_decision="Sigue en tratamiento", prison=True, court_order=True,
                 referring_centre_id=bare.id)  # fmt: skip
        referral(person("CC", province=""), "assigned", received_date=D(2025, 7, 1),
                 included_date=D(2025, 7, 1), vivienda_id=houses[0], assigned_date=D(2026, 1, 14),
                 planned_admission_date=D(2026, 1, 16), priority_until=D(2026, 3, 1),
                 priority_vivienda_id=houses[0])  # fmt: skip
        referral(person("DD"), "resigned", closed_date=D(2025, 12, 1))  # not listed

        ee, ff, gg = person("EE"), person("FF", "M", centre_id=centre.id), person("GG")
        ee_ref = referral(
            ee, "admitted", received_date=D(2025, 3, 1), referring_centre_id=centre.id
        )
        work.add(Stay(participant_id=ee.id, vivienda_id=houses[0], referral_id=ee_ref.id,
                      admission_date=D(2025, 4, 1), discharge_notice_date=D(2026, 1, 10),
                      planned_discharge_date=D(2026, 1, 31)))  # fmt: skip
        work.add(Stay(participant_id=ff.id, vivienda_id=houses[1], admission_date=D(2025, 12, 1),
                      discharge_date=D(2026, 1, 5), discharge_type="voluntaria",
                      prison=True))  # fmt: skip
        work.add(
            Stay(participant_id=gg.id, vivienda_id=houses[1], admission_date=D(2026, 1, 20))
        )  # fmt: skip  (recorded ahead of today)
    return houses


# -- the ORM statements replaced, as they were ---------------------------------------------


def _orm_listed(session):  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(
            Referral.id,
            Referral.participant_id,
            Referral.status,
            Referral.protocol_date,
            Referral.received_date,
            Referral.fixed_date,
            Referral.included_date,
            Referral.created_at,
            Referral.postponed_until,
            Referral.keep_decision,
            Referral.prison,
            Referral.court_order,
            Referral.priority_until,
            Referral.priority_vivienda_id,
            Referral.vivienda_id,
            Referral.assigned_date,
            Referral.planned_admission_date,
            Participant.codapel,
            Participant.sex,
            ReferringCentre.name,
            func.coalesce(ReferringCentre.province, ""),
            Participant.province,
        )  # fmt: skip
        .join(Participant, Participant.id == Referral.participant_id)
        .outerjoin(ReferringCentre, ReferringCentre.id == Referral.referring_centre_id)
        .where(Referral.status.in_(LISTED))
    )
    return [listed.ListedReferral(*row[:19], row[19] or "", *row[20:]) for row in rows]


def _orm_open_stays(session, admitted_after=None):  # type: ignore[no-untyped-def]
    query = (
        select(
            Stay.id,
            Stay.vivienda_id,
            Stay.participant_id,
            Participant.codapel,
            Participant.sex,
            Stay.prison,
            Stay.admission_date,
            Stay.discharge_notice_date,
            Stay.planned_discharge_date,
        )  # fmt: skip
        .join(Participant, Participant.id == Stay.participant_id)
        .where(Stay.discharge_date.is_(None))
    )
    if admitted_after is not None:
        query = query.where(Stay.admission_date > admitted_after)
    return [listed.OpenStay(*row) for row in session.execute(query)]


def _orm_referral_places(session):  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(
            Referral.id,
            func.coalesce(ReferringCentre.province, ""),
            Participant.province,
            Referral.priority_vivienda_id,
        )
        .join(Participant, Participant.id == Referral.participant_id)
        .outerjoin(ReferringCentre, ReferringCentre.id == Referral.referring_centre_id)
        .where(Referral.status.in_(LISTED))
    )
    return {referral_id: office_queries.ReferralPlace(*rest) for referral_id, *rest in rows}


def _orm_stays_in_period(session, start, end):  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(
            Stay.vivienda_id,
            Stay.admission_date,
            Stay.discharge_date,
            Stay.discharge_type,
            Stay.prison,
        )  # fmt: skip
        .where(or_(Stay.discharge_date.is_(None), Stay.discharge_date >= start))
        .where(func.date(Stay.admission_date) < end.isoformat())
    )
    return [office_queries.PeriodStay(*row) for row in rows]


def _orm_moves(session, start, end):  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(
            Participant.codapel,
            Participant.sex,
            func.coalesce(ReferringCentre.name, ""),
            func.coalesce(ReferringCentre.province, Participant.province),
            Referral.received_date,
            Referral.fixed_date,
            Vivienda.name,
            Stay.admission_date,
            Stay.discharge_date,
        )  # fmt: skip
        .join(Participant, Participant.id == Stay.participant_id)
        .join(Vivienda, Vivienda.id == Stay.vivienda_id)
        .outerjoin(Referral, Referral.id == Stay.referral_id)
        .outerjoin(
            ReferringCentre,
            ReferringCentre.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .where(
            or_(
                and_(Stay.admission_date >= start, Stay.admission_date < end),
                and_(Stay.discharge_date >= start, Stay.discharge_date < end),
            )
        )
        .order_by(Stay.admission_date, Participant.codapel)
    )
    return [office_queries.Move(*row) for row in rows]


# -- the tests -------------------------------------------------------------------------------


def _same(new: list, old: list) -> None:
    assert sorted(new) == sorted(old)
    for new_row, old_row in zip(sorted(new), sorted(old), strict=True):
        assert [type(v) for v in new_row] == [type(v) for v in old_row]


def test_listed_referrals_as_the_orm_read_them(db, region) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        new = listed.listed_referrals(session=session, statuses=LISTED)
        old = _orm_listed(session)
    assert len(new) == 3
    _same(new, old)
    postponed = next(row for row in new if row.status == "postponed")
    assert postponed.prison is True and postponed.court_order is True
    assert postponed.referring_centre == "CT Sin Provincia"
    assert (postponed.centre_province, postponed.own_province) == ("", "Sevilla")
    assert postponed.created_at is not None and postponed.created_at.tzinfo == UTC
    with db.read() as session:
        assert listed.listed_referrals(session=session, statuses=[]) == []


def test_open_stays_as_the_orm_read_them(db, region) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        _same(listed.open_stays(session=session), _orm_open_stays(session))
        ahead = listed.open_stays(session=session, admitted_after=D(2026, 1, 15))
        _same(ahead, _orm_open_stays(session, D(2026, 1, 15)))
    assert [row.codapel for row in ahead] == ["GG0101H"]


def test_referral_places_as_the_orm_read_them(db, region) -> None:  # type: ignore[no-untyped-def]
    with db.read() as session:
        new = office_queries.referral_places(session=session, statuses=LISTED)
        assert new == _orm_referral_places(session)
    assert sorted(new.values()) == [
        ("", "", region[0]),  # no referring centre, no province of one's own
        ("", "Sevilla", None),  # a centre without a province
        ("Huelva", "Sevilla", None),
    ]
    with db.read() as session:
        names = office_queries.vivienda_names(session=session)
        assert names == {v.id: v.name for v in session.exec(select(Vivienda))}
    assert set(names) == set(region)


def test_month_reads_as_the_orm_read_them(db, region) -> None:  # type: ignore[no-untyped-def]
    start, end = D(2026, 1, 1), D(2026, 2, 1)
    with db.read() as session:
        stays = office_queries.stays_in_period(session=session, start=start, end=end)
        _same(stays, _orm_stays_in_period(session, start, end))
        moves = office_queries.admissions_and_discharges(session=session, start=start, end=end)
        assert moves == _orm_moves(session, start, end)  # in the same order
        _same(moves, _orm_moves(session, start, end))
    assert len(stays) == 3 and len(moves) == 2


def test_last_admissions_found_in_the_year_and_over_the_whole_history(db, region) -> None:  # type: ignore[no-untyped-def]
    first, second = region  # the two viviendas, by name
    with db.read() as session:
        recent = office_queries.last_admissions(session=session, before=D(2026, 2, 1))
        # EE's admission (01/04/2025) is more than a year before: found over the history.
        later = office_queries.last_admissions(session=session, before=D(2026, 4, 5))
        prison = office_queries.last_admissions(session=session, before=D(2026, 2, 1), prison=True)
    ee = office_queries.LastAdmission(first, "EE0101H", D(2025, 3, 1), None, D(2025, 4, 1))
    gg = office_queries.LastAdmission(second, "GG0101H", None, None, D(2026, 1, 20))
    assert sorted(recent) == sorted([ee, gg])
    assert sorted(later) == sorted([ee, gg])
    assert prison == [office_queries.LastAdmission(second, "FF0101M", None, None, D(2025, 12, 1))]
    with db.read() as session:
        assert office_queries.last_admissions(session=session, before=D(2025, 4, 1)) == []


def test_a_naive_timestamp_reads_as_utc() -> None:
    from reinsercion_desktop.db.sql_rows import iso_moment

    assert iso_moment("2026-01-15 09:00:00.000001") == datetime(2026, 1, 15, 9, 0, 0, 1, UTC)
    assert iso_moment("2026-01-15 10:00:00+01:00") == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    assert iso_moment(None) is None
