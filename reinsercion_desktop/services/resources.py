"""The resource catalogue (la oferta mensual), people's referrals to it, the monthly bulletin.

Every write is one unit of work (audited, all or nothing); the rules of
`domain/resource_rules.py` are checked inside it, on what the database holds, and a
refusal raises before anything is written. The bulletin's PDF modules are imported when
it is made (ReportLab is not needed to start the window).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reinsercion_desktop.db import queries, resource_queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Participant, PlanObjective, Resource, ResourceReferral
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import format_date_es
from reinsercion_desktop.domain.enums import ResourceCategory, ResourceReferralStatus
from reinsercion_desktop.domain.errors import (
    NotFoundError,
    StaleRecordError,
    UserError,
    ValidationError,
    describe_os_error,
)
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.resource_rules import (
    BULLETIN_HORIZON_DAYS,
    CATEGORY_ORDER,
    NOTE_LIMIT,
    OPEN_STATUSES,
    ReferralFacts,
    ResourceDraft,
    ResourceFacts,
    check_step,
    course_relevant,
    enrolment_summary,
    month_label,
    note_with_step,
    parse_month,
    proposal_problem,
    read_resource,
    relevant_periods,
    upcoming,
)
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.output_paths import checked_output
from reinsercion_desktop.services.resource_views import (
    ObjectiveChoice,
    ReferralView,
    ResourceView,
    referral_view,
    resource_view,
)

Status = ResourceReferralStatus
if TYPE_CHECKING:
    from reinsercion_desktop.pdf.offer_bulletin import OfferBulletin

BULLETIN_TITLE = "Oferta mensual de recursos"


def _refuse_if(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


def _resource_dates(facts: ResourceFacts, first: date, last: date) -> tuple[str, str]:
    """The bulletin's (enrolment, course) lines: only the periods worth announcing."""
    if facts.open_all_year:
        enrolment = "Abierta todo el año"
    else:
        periods = relevant_periods(facts, first, last, BULLETIN_HORIZON_DAYS)
        enrolment = ", ".join(p.label for p in periods)
    course = ""
    if facts.starts_on and (
        facts.open_all_year or course_relevant(facts, first, last, BULLETIN_HORIZON_DAYS)
    ):
        start, end = format_date_es(facts.starts_on), format_date_es(facts.ends_on)
        course = f"Del {start} al {end}" if end and end != start else f"El {start}"
    return enrolment, course


def _catalogue_order(resource: Resource) -> tuple[int, str]:
    known = resource.category in set(ResourceCategory)
    position = CATEGORY_ORDER.index(ResourceCategory(resource.category)) if known else 99
    return position, resource.name.casefold()


class ResourceService:
    def __init__(self, db: Database):
        self.db = db

    # -- the catalogue -----------------------------------------------------------------

    def resources(
        self, category: str | None = None, include_inactive: bool = False
    ) -> list[ResourceView]:
        """The catalogue in the seed's order of categories, then by name, each with when
        one can enrol today."""
        today = self.db.clock.today()
        with self.db.read() as session:
            found = resource_queries.resources(
                session=session, category=category, include_inactive=include_inactive
            )
        return [resource_view(r, today) for r in sorted(found, key=_catalogue_order)]

    def resource(self, resource_id: str) -> ResourceView:
        with self.db.read() as session:
            resource = session.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError("El recurso ya no existe en el catálogo.")
        return resource_view(resource, self.db.clock.today())

    def enrolment_summary(self, resource: ResourceView) -> str:
        """ "Abierta hasta el …", "Próxima: …", "Inscripción abierta todo el año"."""
        return enrolment_summary(resource.facts, self.db.clock.today())

    def add_resource(self, actor: Actor, draft: ResourceDraft) -> ResourceView:
        authorize(actor, PermissionAction.RESOURCE_CATALOGUE_EDIT)
        values, problems = read_resource(draft)
        _refuse_if(problems)
        with self.db.unit_of_work(actor) as work:
            resource = work.add(Resource(**values))
        return resource_view(resource, self.db.clock.today())

    def update_resource(
        self,
        actor: Actor,
        resource_id: str,
        draft: ResourceDraft,
        expected_version: int | None = None,
    ) -> ResourceView:
        authorize(actor, PermissionAction.RESOURCE_CATALOGUE_EDIT)
        values, problems = read_resource(draft)
        _refuse_if(problems)
        with self.db.unit_of_work(actor) as work:
            resource = self._editable(work, resource_id, expected_version)
            for key, value in values.items():
                setattr(resource, key, value)
        return resource_view(resource, self.db.clock.today())

    def deactivate(self, actor: Actor, resource_id: str) -> ResourceView:
        """Out of the offer (kept, since referrals point to it)."""
        authorize(actor, PermissionAction.RESOURCE_CATALOGUE_EDIT)
        return self._set_active(actor, resource_id, False)

    def reactivate(self, actor: Actor, resource_id: str) -> ResourceView:
        authorize(actor, PermissionAction.RESOURCE_CATALOGUE_EDIT)
        return self._set_active(actor, resource_id, True)

    def _set_active(self, actor: Actor, resource_id: str, active: bool) -> ResourceView:
        with self.db.unit_of_work(actor) as work:
            resource = self._editable(work, resource_id, None)
            resource.active = active
        return resource_view(resource, self.db.clock.today())

    @staticmethod
    def _editable(work, resource_id: str, expected_version: int | None) -> Resource:  # type: ignore[no-untyped-def]
        resource = work.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError("El recurso ya no existe en el catálogo.")
        if expected_version is not None and resource.version != expected_version:
            raise StaleRecordError(
                f"Otra persona ha cambiado «{resource.name}» mientras lo editaba: "
                "vuelva a abrirlo para ver sus cambios."
            )
        return resource

    # -- a person's referrals ------------------------------------------------------------

    def referrals_of(self, participant_id: str) -> list[ReferralView]:
        with self.db.read() as session:
            rows = resource_queries.participant_referrals(
                session=session, participant_id=participant_id
            )
        return [
            referral_view(row.referral, row.resource_name, row.category, row.objective_title)
            for row in rows
        ]

    def open_objectives_of(self, participant_id: str) -> list[ObjectiveChoice]:
        """(id, title) of the person's open plan objectives, for linking a referral."""
        with self.db.read() as session:
            rows = resource_queries.open_objectives(session=session, participant_id=participant_id)
        return [ObjectiveChoice(*row) for row in rows]

    def refer(
        self,
        actor: Actor,
        participant_id: str,
        resource_id: str,
        proposed_date: date,
        objective_id: str | None = None,
        note: str = "",
    ) -> ReferralView:
        """Propose the resource to the person (status propuesto)."""
        authorize(actor, PermissionAction.RESOURCE_REFER)
        today = self.db.clock.today()
        problems: dict[str, str] = {}
        when = proposal_problem(proposed_date, today)
        if when:
            problems["proposed_date"] = when
        if len(note.strip()) > NOTE_LIMIT:
            problems["note"] = f"La nota es demasiado larga (máx. {NOTE_LIMIT} caracteres)."
        with self.db.unit_of_work(actor) as work:
            if work.get(Participant, participant_id) is None:
                raise NotFoundError("La ficha ya no existe.")
            resource = work.get(Resource, resource_id)
            if resource is None:
                problems["resource_id"] = "Elija un recurso del catálogo."
            elif not resource.active:
                problems["resource_id"] = (
                    f"«{resource.name}» está desactivado en el catálogo: elija otro recurso."
                )
            elif resource_queries.open_referral_to(
                session=work.session,
                participant_id=participant_id,
                resource_id=resource_id,
                open_statuses=sorted(OPEN_STATUSES),
            ):
                problems["resource_id"] = (
                    f"Esta persona ya tiene una derivación en marcha a «{resource.name}»."
                )
            if objective_id:
                objective = work.get(PlanObjective, objective_id)
                if objective is None or objective.participant_id != participant_id:
                    problems["objective_id"] = "El objetivo elegido no es del plan de esta persona."
            _refuse_if(problems)
            referral = work.add(
                ResourceReferral(
                    participant_id=participant_id,
                    resource_id=resource_id,
                    objective_id=objective_id or None,
                    status=Status.PROPOSED.value,
                    proposed_date=proposed_date,
                    note=note.strip(),
                )
            )
        return self._referral(referral.id)

    def advance(
        self,
        actor: Actor,
        referral_id: str,
        new_status: str,
        on_date: date,
        note: str = "",
    ) -> ReferralView:
        """Move the referral one step (R-RES-2); enrolling checks the periods (R-RES-1)."""
        authorize(actor, PermissionAction.RESOURCE_REFER)
        if new_status not in set(Status):
            raise ValidationError({"new_status": "Elija el nuevo estado de la derivación."})
        with self.db.unit_of_work(actor) as work:
            referral = work.get(ResourceReferral, referral_id)
            if referral is None:
                raise NotFoundError("La derivación ya no existe.")
            resource = work.get(Resource, referral.resource_id)
            if resource is None:
                raise NotFoundError("El recurso ya no existe en el catálogo.")
            facts = ReferralFacts(referral.status, referral.proposed_date, referral.enrolled_date)
            _refuse_if(
                check_step(
                    facts, new_status, on_date, self.db.clock.today(), ResourceFacts.of(resource)
                )
            )
            if new_status == Status.ENROLLED:
                referral.enrolled_date = on_date
            elif new_status in (Status.FINISHED, Status.ABANDONED):
                referral.finished_date = on_date
            referral.note = note_with_step(referral.note, new_status, on_date, note)
            referral.status = str(new_status)
        return self._referral(referral_id)

    def _referral(self, referral_id: str) -> ReferralView:
        with self.db.read() as session:
            row = resource_queries.referral_row(session=session, referral_id=referral_id)
        if row is None:
            raise NotFoundError("La derivación ya no existe.")
        return referral_view(row.referral, row.resource_name, row.category, row.objective_title)

    # -- the monthly bulletin --------------------------------------------------------------

    def offer_bulletin(self, path: Path | str, period: str) -> Path:
        """Write the month's bulletin ("YYYY-MM") as a PDF at `path` and return the path."""
        try:
            first, last = parse_month(period)
        except ValueError as error:
            raise UserError(str(error)) from None
        out = checked_output(path, data_root=self.db.path.parent)
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
            records = list(resource_queries.resources(session=session))
        bulletin = self._bulletin(records, installation, first, last)
        from reinsercion_desktop.pdf.offer_bulletin import render_offer_bulletin

        try:
            render_offer_bulletin(bulletin, out)
        except OSError as error:
            raise UserError(
                f"No se pudo guardar el PDF en {out.parent}: {describe_os_error(error)}. "
                "Elija otra carpeta."
            ) from error
        return out

    def _bulletin(self, records, installation, first: date, last: date) -> OfferBulletin:  # type: ignore[no-untyped-def]
        from reinsercion_desktop.pdf.base import DocumentHeader
        from reinsercion_desktop.pdf.offer_bulletin import (
            BULLETIN_CONFIDENTIALITY,
            BULLETIN_VERSION,
            BulletinEntry,
            BulletinSection,
            OfferBulletin,
        )

        by_id = {record.id: record for record in records}
        chosen = upcoming([ResourceFacts.of(r) for r in records], first, last)
        entries: dict[str, list[BulletinEntry]] = {c.value: [] for c in ResourceCategory}
        for facts in chosen:
            record = by_id[facts.id]
            enrolment, course = _resource_dates(facts, first, last)
            entries.setdefault(facts.category, []).append(
                BulletinEntry(
                    name=record.name,
                    provider=record.provider,
                    enrolment=enrolment,
                    course=course,
                    schedule=record.schedule,
                    duration=record.duration,
                    requirements=record.requirements,
                    cost=record.cost,
                    contact=record.contact,
                    description=record.description,
                )
            )
        sections = tuple(
            BulletinSection(ResourceCategory(c).label, tuple(e))
            for c, e in entries.items()
            if c in set(ResourceCategory)
        )
        month = month_label(first)
        address = (
            ", ".join(t for t in (installation.address, installation.province) if t)
            if installation
            else ""
        )
        header = DocumentHeader(
            centre_name=installation.name if installation else "Reinserción Desktop",
            centre_code=installation.code if installation else "",
            entity=installation.entity if installation else "",
            address_line=address,
            title=f"{BULLETIN_TITLE} — {month}",
            subtitle=f"Programa de reinserción social · {month}",
            version=BULLETIN_VERSION,
            confidentiality=BULLETIN_CONFIDENTIALITY,
        )
        intro = (
            f"Recursos con inscripción o actividad en {month} o en los "
            f"{BULLETIN_HORIZON_DAYS} días siguientes, y los que admiten inscripción todo "
            "el año. Pregunte a su técnico/a de referencia para que le acompañe en la inscripción."
        )
        return OfferBulletin(
            header=header,
            intro=intro,
            sections=sections,
            issued=f"Emitido el {format_date_es(self.db.clock.today())}.",
        )
