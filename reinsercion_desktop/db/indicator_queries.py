"""Reads of the quality indicators (§12): a few set-based queries per period, through the
DB-API connection (sql_rows), returning plain named rows. The counting rules are in
domain/indicators.py and services/indicators.py.
"""

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from reinsercion_desktop.db.sql_rows import driver_connection, id_chunks, iso_day

# The person's province and referring centre: the referral's centre, else the file's
# centre; its province, else the person's own (as the Anexo II counts them).
_PLACE_COLUMNS = (
    " p.sex, p.birth_date, p.addiction_profile, COALESCE(rc.province, p.province, ''),"
    " COALESCE(rc.name, ''), p.alternative_sentence"
)
_CENTRE_JOIN = (
    " LEFT JOIN referring_centre rc"
    " ON rc.id = COALESCE(r.referring_centre_id, p.referring_centre_id)"
)


class PersonFacts(NamedTuple):
    """Who a stay or a protocol belongs to, as the breakdowns need them."""

    sex: str
    birth_date: date
    addiction: str
    province: str
    centre: str
    alternative_sentence: bool


class IndicatorStay(NamedTuple):
    stay_id: str
    participant_id: str
    vivienda_id: str
    admission_date: date
    discharge_date: date | None
    discharge_type: str
    prison: bool
    received_date: date | None
    fixed_date: date | None
    first_admission: date  # the person's first admission anywhere in the network
    person: PersonFacts


def _person(row: Sequence) -> PersonFacts:  # type: ignore[type-arg]
    sex, birth, addiction, province, centre, alternative = row
    return PersonFacts(
        sex, iso_day(birth) or date.min, addiction or "", province, centre, bool(alternative)
    )


def stays_for_period(
    *, session: Session, start: date, end: date, early: date
) -> list[IndicatorStay]:
    """Stays admitted before `end` and present on or after `early` (an open stay, or one
    discharged on or after it): the period's stays, plus the earlier ones the retention
    cohort needs (early = start − 90 days)."""
    cursor = driver_connection(
        session
    ).execute(
        "SELECT s.id, s.participant_id, s.vivienda_id, s.admission_date, s.discharge_date,"
        " s.discharge_type, s.prison, r.received_date, r.fixed_date,"
        " (SELECT MIN(f.admission_date) FROM stay f WHERE f.participant_id = s.participant_id),"
        + _PLACE_COLUMNS
        + " FROM stay s JOIN participant p ON p.id = s.participant_id"
        " LEFT JOIN referral r ON r.id = s.referral_id"
        + _CENTRE_JOIN
        # Two index ranges on the discharge date (open stays, and those discharged on or
        # after `early`) instead of a scan of every stay.
        + " WHERE s.admission_date < ? AND s.id IN (SELECT id FROM stay WHERE discharge_date"
        " IS NULL UNION ALL SELECT id FROM stay WHERE discharge_date >= ?)",
        (end.isoformat(), early.isoformat()),
    )
    return [
        IndicatorStay(
            row[0],
            row[1],
            row[2],
            iso_day(row[3]),  # type: ignore[arg-type]
            iso_day(row[4]),
            row[5] or "",
            bool(row[6]),
            iso_day(row[7]),
            iso_day(row[8]),
            iso_day(row[9]),  # type: ignore[arg-type]
            _person(row[10:]),
        )
        for row in cursor.fetchall()
    ]


class IndicatorReferral(NamedTuple):
    referral_id: str
    participant_id: str
    status: str
    received_date: date | None
    included_date: date | None
    assigned_date: date | None
    closed_date: date | None
    vivienda_id: str | None
    person: PersonFacts


def referrals_for_period(*, session: Session, start: date, end: date) -> list[IndicatorReferral]:
    """Protocols received, included in the list, assigned to a vivienda or closed in
    [start, end)."""
    bounds = (start.isoformat(), end.isoformat())
    cursor = driver_connection(session).execute(
        "SELECT r.id, r.participant_id, r.status, r.received_date, r.included_date,"
        " r.assigned_date, r.closed_date, r.vivienda_id,"
        + _PLACE_COLUMNS
        + " FROM referral r JOIN participant p ON p.id = r.participant_id"
        + _CENTRE_JOIN
        + " WHERE (r.received_date >= ? AND r.received_date < ?)"
        " OR (r.included_date >= ? AND r.included_date < ?)"
        " OR (r.assigned_date >= ? AND r.assigned_date < ?)"
        " OR (r.closed_date >= ? AND r.closed_date < ?)",
        bounds * 4,
    )
    return [
        IndicatorReferral(
            row[0],
            row[1],
            row[2],
            iso_day(row[3]),
            iso_day(row[4]),
            iso_day(row[5]),
            iso_day(row[6]),
            row[7],
            _person(row[8:]),
        )
        for row in cursor.fetchall()
    ]


def waiting_at(*, session: Session, day: date) -> dict[str, int]:
    """{sex: protocols on the waiting list at the start of `day`}: included before it, not
    closed before it, and not admitted before it — those still listed (or closed later),
    plus those admitted on or after it. Both reads go through an index (status, the
    stays' admission date): a scan of every protocol costs a second at office scale."""
    iso = day.isoformat()
    cursor = driver_connection(session).execute(
        "SELECT p.sex, COUNT(*) FROM referral r JOIN participant p ON p.id = r.participant_id"
        " WHERE r.included_date < ? AND (r.closed_date IS NULL OR r.closed_date >= ?)"
        " AND (r.status IN ('waiting', 'postponed', 'assigned', 'resigned', 'not_located',"
        " 'withdrawn') OR r.id IN (SELECT referral_id FROM stay WHERE admission_date >= ?"
        " AND referral_id IS NOT NULL)) GROUP BY p.sex",
        (iso, iso, iso),
    )
    return {sex: count for sex, count in cursor.fetchall()}


def therapeutic_discharges(
    *, session: Session, since: date, before: date
) -> list[tuple[str, date]]:
    """(participant id, date) of the therapeutic discharges dated in [since, before)."""
    cursor = driver_connection(session).execute(
        "SELECT participant_id, discharge_date FROM stay"
        " WHERE discharge_date >= ? AND discharge_date < ? AND discharge_type = 'terapeutica'",
        (since.isoformat(), before.isoformat()),
    )
    return [(person, iso_day(day)) for person, day in cursor.fetchall()]  # type: ignore[misc]


# Every dated record that shows a person is still followed in the network (R-IND-10).
_ACTIVITY = (
    "SELECT participant_id, protocol_date FROM referral WHERE participant_id IN ({ids})"
    " AND protocol_date > ? AND protocol_date <= ?",
    "SELECT participant_id, on_date FROM interview WHERE participant_id IN ({ids})"
    " AND on_date > ? AND on_date <= ?",
    "SELECT participant_id, on_date FROM coordination_contact WHERE participant_id IN ({ids})"
    " AND on_date > ? AND on_date <= ?",
    "SELECT participant_id, proposed_date FROM resource_referral"
    " WHERE participant_id IN ({ids}) AND proposed_date > ? AND proposed_date <= ?",
    "SELECT participant_id, on_date FROM job_follow_up WHERE participant_id IN ({ids})"
    " AND on_date > ? AND on_date <= ?",
)


def activity_dates(
    *, session: Session, participant_ids: Sequence[str], after: date, until: date
) -> list[tuple[str, date]]:
    """(participant id, date) of their dated records in (after, until]: protocols,
    interviews, coordination contacts, resource referrals, employment follow-ups."""
    connection = driver_connection(session)
    found: list[tuple[str, date]] = []
    for chunk in id_chunks(participant_ids):
        marks = ",".join("?" * len(chunk))
        for sql in _ACTIVITY:
            cursor = connection.execute(
                sql.format(ids=marks), (*chunk, after.isoformat(), until.isoformat())
            )
            found.extend((person, iso_day(day)) for person, day in cursor.fetchall())  # type: ignore[misc]
    return found


def stay_spans(
    *, session: Session, participant_ids: Sequence[str], after: date, until: date
) -> list[tuple[str, date, date | None]]:
    """(participant id, admission, discharge) of their stays admitted on or before `until`
    and present after `after`."""
    connection = driver_connection(session)
    found: list[tuple[str, date, date | None]] = []
    for chunk in id_chunks(participant_ids):
        marks = ",".join("?" * len(chunk))
        cursor = connection.execute(
            f"SELECT participant_id, admission_date, discharge_date FROM stay"
            f" WHERE participant_id IN ({marks}) AND admission_date <= ?"
            f" AND (discharge_date IS NULL OR discharge_date > ?)",
            (*chunk, until.isoformat(), after.isoformat()),
        )
        found.extend(
            (person, iso_day(admitted), iso_day(left))  # type: ignore[misc]
            for person, admitted, left in cursor.fetchall()
        )
    return found
