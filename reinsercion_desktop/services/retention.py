"""Conservación de fichas (SPEC §10, GDPR art. 5(1)(e)): closed files kept more than the
centre's retention years, listed for review; anonymising one is services/anonymisation.py.

A file is closed when it was archived, or when its last stay ended and nothing is open
after it (no stay without discharge, no referral on its way); it counts from the later
of the two dates (domain/anonymisation.closed_on).
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reinsercion_desktop.db import queries, retention_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.anonymisation import closed_on, review_due, years_between
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.forms.loader import FormCatalogue
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.anonymisation import AnonymisationRecord, anonymise_file
from reinsercion_desktop.services.attachments import AttachmentService

DEFAULT_RETENTION_YEARS = 5


@dataclass(frozen=True)
class RetentionRow:
    """A closed file due for review."""

    participant_id: str
    codapel: str
    name: str  # staff see it on screen; the command line prints the CODAPEL only
    closed_on: date
    years_closed: int
    case_manager: str
    signed_forms: int
    attachments: int


@dataclass(frozen=True)
class RetentionReview:
    retention_years: int
    today: date
    rows: list[RetentionRow]
    anonymised: int  # files anonymised so far


class RetentionService:
    def __init__(self, db: Database, attachments: AttachmentService, catalogue: FormCatalogue):
        self.db = db
        self.attachments = attachments
        self.catalogue = catalogue

    def review(self, actor: Actor) -> RetentionReview:
        """The files closed at least the retention years ago, longest closed first."""
        authorize(actor, PermissionAction.RETENTION_LIST)
        today = self.db.clock.today()
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
            years = installation.retention_years if installation else DEFAULT_RETENTION_YEARS
            candidates = retention_queries.closed_candidates(session=session)
            anonymised = retention_queries.anonymised_count(session=session)
        rows = []
        for candidate in candidates:
            closed = closed_on(
                candidate.archived_on, candidate.last_discharge, still_open=candidate.still_open
            )
            if closed is None or not review_due(closed, today, years):
                continue
            name = " ".join(
                part
                for part in (candidate.first_name, candidate.surname1, candidate.surname2)
                if part
            )
            rows.append(
                RetentionRow(
                    participant_id=candidate.participant_id,
                    codapel=candidate.codapel,
                    name=name,
                    closed_on=closed,
                    years_closed=years_between(closed, today),
                    case_manager=candidate.case_manager,
                    signed_forms=candidate.signed_forms,
                    attachments=candidate.attachments,
                )
            )
        rows.sort(key=lambda row: (row.closed_on, row.codapel))
        return RetentionReview(years, today, rows, anonymised)

    def anonymise(self, actor: Actor, participant_id: str, reason: str) -> AnonymisationRecord:
        """Remove the identifying data of one closed file (GDPR art. 17): see
        services/anonymisation.py for what goes and what stays."""
        authorize(actor, PermissionAction.ANONYMISE)
        return anonymise_file(
            self.db, self.catalogue, self.attachments, actor, participant_id, reason
        )

    def write_record(
        self, record: AnonymisationRecord, out_path: Path | str, *, data_root: Path | None
    ) -> Path:
        """The printable record of an anonymisation (what was removed, never the values)."""
        from reinsercion_desktop.pdf.anonymisation_record import render_record_bytes
        from reinsercion_desktop.services.output_paths import checked_output, write_output

        target = checked_output(out_path, data_root=data_root, what="el registro")
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
        centre = (installation.name, installation.code) if installation else ("", "")
        return write_output(
            target, render_record_bytes(record, *centre), data_root=data_root, what="el registro"
        )
