"""Reads of the quarterly and six-monthly Anexo II (keyword-only, take `session`; named
rows), and the hand-written SQL the bench measures the monthly Anexo II against.

The counting rules are in services/anexo_ii.py; here, one query per table over the whole
period. A person's referring centre is the protocol's, else their file's; a province is
the referring centre's, else the person's (as the monthly follow-up, office_queries).
"""

from datetime import date
from typing import NamedTuple

from sqlalchemy import text
from sqlmodel import Session, func, select

from reinsercion_desktop.db.models import Participant, Referral, ReferringCentre, Stay


class PeriodDischarge(NamedTuple):
    discharge_type: str
    referring_centre: str  # "" without one
    province: str  # the referring centre's, else the person's; "" without either


def discharges_between(*, session: Session, start: date, end: date) -> list[PeriodDischarge]:
    """Stays discharged in [start, end) (by the discharge date)."""
    rows = session.execute(
        select(
            Stay.discharge_type,
            func.coalesce(ReferringCentre.name, ""),
            func.coalesce(func.nullif(ReferringCentre.province, ""), Participant.province, ""),
        )
        .join(Participant, Participant.id == Stay.participant_id)  # type: ignore[arg-type]
        .outerjoin(Referral, Referral.id == Stay.referral_id)  # type: ignore[arg-type]
        .outerjoin(
            ReferringCentre,
            ReferringCentre.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .where(Stay.discharge_date >= start, Stay.discharge_date < end)  # type: ignore[operator]
    )
    return [PeriodDischarge(*row) for row in rows]


class EndedDemand(NamedTuple):
    status: str  # resigned | not_located | withdrawn
    referring_centre: str
    province: str


def demands_without_admission(
    *, session: Session, start: date, end: date, statuses: list[str]
) -> list[EndedDemand]:
    """Protocols closed in [start, end) (closed_date) in one of `statuses`, with no stay
    of their own."""
    # One list of the protocols that led to a stay, built once (stay.referral_id has no
    # index: a correlated NOT EXISTS scanned every stay for each protocol — 7 s at 50,000).
    admitted = select(Stay.referral_id).where(Stay.referral_id.is_not(None))  # type: ignore[union-attr]
    rows = session.execute(
        select(
            Referral.status,
            func.coalesce(ReferringCentre.name, ""),
            func.coalesce(func.nullif(ReferringCentre.province, ""), Participant.province, ""),
        )
        .join(Participant, Participant.id == Referral.participant_id)  # type: ignore[arg-type]
        .outerjoin(
            ReferringCentre,
            ReferringCentre.id
            == func.coalesce(Referral.referring_centre_id, Participant.referring_centre_id),
        )
        .where(Referral.status.in_(statuses))  # type: ignore[attr-defined]
        .where(Referral.closed_date >= start, Referral.closed_date < end)  # type: ignore[operator]
        .where(Referral.id.not_in(admitted))  # type: ignore[attr-defined]
    )
    return [EndedDemand(*row) for row in rows]


# -- the bench's baseline ------------------------------------------------------------------

# The same figures as the monthly Anexo II, each in one hand-written statement, read into
# plain tuples: what the report would cost with no ORM, no view records and no Python
# counting. Dates are ISO text in the database, so julianday() counts days.
_BASELINE = {
    "occupied": """
        SELECT v.id, v.places_men + v.places_women + v.places_mixed, COALESCE(o.days, 0)
        FROM vivienda v LEFT JOIN (
            SELECT vivienda_id,
                   SUM(MAX(0, julianday(MIN(COALESCE(discharge_date, :end), :end))
                              - julianday(MAX(admission_date, :start)))) AS days
            FROM stay
            WHERE (discharge_date IS NULL OR discharge_date >= :start)
              AND date(admission_date) < :end
            GROUP BY +vivienda_id) o ON o.vivienda_id = v.id""",
    "discharges": """
        SELECT vivienda_id, discharge_type, COUNT(*) FROM stay
        WHERE discharge_date >= :start AND discharge_date < :end
        GROUP BY vivienda_id, discharge_type""",
    "last_admission": """
        SELECT vivienda_id, codapel, admission_date, listed FROM (
            SELECT s.vivienda_id, p.codapel, s.admission_date,
                   MAX(r.received_date, COALESCE(r.fixed_date, r.received_date)) AS listed,
                   ROW_NUMBER() OVER (PARTITION BY s.vivienda_id
                       ORDER BY r.received_date DESC, p.codapel) AS n
            FROM (SELECT vivienda_id, MAX(admission_date) AS day FROM stay
                  WHERE admission_date < :end AND admission_date >= date(:end, '-366 days')
                    AND prison = 0 GROUP BY vivienda_id) AS latest
            JOIN stay s ON s.vivienda_id = latest.vivienda_id AND s.admission_date = latest.day
            JOIN participant p ON p.id = s.participant_id
            LEFT JOIN referral r ON r.id = s.referral_id
            WHERE s.prison = 0)
        WHERE n = 1""",
    "listed": """
        SELECT r.id, p.codapel, p.sex, COALESCE(c.name, ''),
               COALESCE(NULLIF(c.province, ''), p.province), r.received_date, r.fixed_date,
               r.status, r.postponed_until, r.vivienda_id, r.planned_admission_date
        FROM referral r JOIN participant p ON p.id = r.participant_id
        LEFT JOIN referring_centre c ON c.id = r.referring_centre_id
        WHERE r.status IN ('waiting', 'postponed', 'assigned')
        ORDER BY r.status = 'assigned' DESC, r.priority_until IS NULL, r.received_date""",
    "moves": """
        SELECT p.codapel, p.sex, COALESCE(c.name, ''), COALESCE(c.province, p.province),
               r.received_date, r.fixed_date, v.name, s.admission_date, s.discharge_date
        FROM stay s JOIN participant p ON p.id = s.participant_id
        JOIN vivienda v ON v.id = s.vivienda_id
        LEFT JOIN referral r ON r.id = s.referral_id
        LEFT JOIN referring_centre c
             ON c.id = COALESCE(r.referring_centre_id, p.referring_centre_id)
        WHERE (s.admission_date >= :start AND s.admission_date < :end)
           OR (s.discharge_date >= :start AND s.discharge_date < :end)
        ORDER BY s.admission_date, p.codapel""",
}


def baseline_monthly_counts(*, session: Session, start: date, end: date) -> dict[str, list]:
    """The bench's baseline for «informe Anexo II mensual» (bench/reports.py): the monthly
    figures (place-days per vivienda, discharges per vivienda and type, the last admission
    not from prison, the listed protocols and the month's moves) by hand-written SQL."""
    bounds = {"start": start.isoformat(), "end": end.isoformat()}
    return {
        name: [tuple(row) for row in session.execute(text(sql), bounds)]
        for name, sql in _BASELINE.items()
    }
