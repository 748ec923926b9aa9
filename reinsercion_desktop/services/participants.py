"""Participant files: create, edit, archive, open (audited), list and find look-alikes."""

from dataclasses import dataclass, fields
from datetime import date, datetime

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Participant
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.codapel import DEFAULT_RECIPE, codapel
from reinsercion_desktop.domain.errors import (
    NotFoundError,
    StaleRecordError,
    UserError,
    ValidationError,
)
from reinsercion_desktop.domain.participant import (
    ParticipantDraft,
    PersonKey,
    check_draft,
    is_similar_person,
    search_key,
)
from reinsercion_desktop.domain.participant_list import ParticipantRow
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.domain.text import compact_id
from reinsercion_desktop.security.actors import authorize


@dataclass(frozen=True)
class SimilarPerson:
    record_id: str
    full_name: str
    birth_date: date
    codapel: str
    why: str


class SimilarPeopleFound(UserError):
    """Raised on create when look-alikes exist and the user has not confirmed."""

    def __init__(self, similar: list[SimilarPerson]):
        self.similar = similar
        names = "; ".join(f"{s.full_name} ({s.why})" for s in similar)
        super().__init__(f"Puede que esta persona ya tenga ficha: {names}.")


MAX_REASON = 400
REASON_REQUIRED = (
    "Esta ficha no es de su cartera de casos: indique el motivo para abrirla "
    "(queda en el registro de auditoría)."
)


class ReasonRequired(ValidationError):
    """Opening a file outside one's caseload needs a reason (SPEC §9); ask it and retry
    `open(…, reason=…)`. A ValidationError of the field «reason», so a dialog shows the
    message beside it."""

    def __init__(self) -> None:
        super().__init__({"reason": REASON_REQUIRED})


@dataclass(frozen=True)
class ParticipantView:
    """Ficha del participante as screens show it: every field of the file and its history
    stamps, read in one go. Attribute names are the stored record's, so code reading
    `.id`, `.codapel` or `.version` reads the same names."""

    id: str
    codapel: str
    first_name: str
    surname1: str
    surname2: str
    birth_date: date
    sex: str
    gender_identity: str
    id_kind: str
    id_number: str
    address: str
    municipality: str
    province: str
    phone: str
    family_contact: str
    family_phone: str
    addiction_profile: str
    ptm: bool
    methadone_dose_mg: int | None
    hiv_status: str
    prison_origin: bool
    court_order: bool
    pending_judicial: bool
    alternative_sentence: bool
    education_level: str
    employment_situation: str
    notes: str
    status: str
    referring_centre_id: str | None
    case_manager_id: str | None
    vivienda_id: str | None
    version: int
    created_at: datetime | None
    created_by: str
    updated_at: datetime | None
    updated_by: str
    archived_at: datetime | None
    archive_reason: str

    @property
    def full_name(self) -> str:
        return " ".join(n for n in (self.first_name, self.surname1, self.surname2) if n)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


_VIEW_FIELDS = tuple(f.name for f in fields(ParticipantView))


def participant_view(participant: Participant) -> ParticipantView:
    return ParticipantView(**{name: getattr(participant, name) for name in _VIEW_FIELDS})


def draft_of(participant: ParticipantView | Participant) -> ParticipantDraft:
    """The file as a draft to edit (from its view, or from the stored record)."""
    return ParticipantDraft(
        **{name: getattr(participant, name) for name in ParticipantDraft.field_names()}
    )


class ParticipantService:
    def __init__(self, db: Database):
        self.db = db

    # -- reading ---------------------------------------------------------------------

    def list_rows(self) -> list[ParticipantRow]:
        with self.db.read() as session:
            return list(map(ParticipantRow._make, queries.participant_list_rows(session=session)))

    def open(self, actor: Actor, participant_id: str, *, reason: str = "") -> ParticipantView:
        """The file for viewing; opening it is audited as a read, with `reason` in the entry.

        A técnico/a opening a file of someone else's caseload must give a reason where the
        centre's settings say so (SPEC §9): without one, ReasonRequired and nothing read.
        Who may see other caseloads (responsables, administrators) is never asked; a file
        with no case manager yet is in nobody's caseload and is opened as it is.
        """
        authorize(actor, PermissionAction.PARTICIPANT_OPEN)
        reason = " ".join(reason.split())
        if len(reason) > MAX_REASON:
            raise ValidationError({"reason": f"El motivo es demasiado largo (máx. {MAX_REASON})."})
        with self.db.unit_of_work(actor, reason=reason) as work:
            participant = work.get(Participant, participant_id)
            if participant is None:
                raise NotFoundError("La ficha ya no existe.")
            if not reason and self._outside_caseload(work.session, actor, participant):
                raise ReasonRequired()
            work.record_read("participant", participant.id, participant_id=participant.id)
            return participant_view(participant)

    def _outside_caseload(self, session, actor: Actor, participant: Participant) -> bool:  # type: ignore[no-untyped-def]
        """Whether opening this file asks a reason of this actor (see `open`)."""
        if actor.may(PermissionAction.CASELOAD_OTHERS):
            return False
        if not participant.case_manager_id or participant.case_manager_id == actor.user_id:
            return False
        installation = queries.local_installation(session=session)
        return installation is None or installation.reason_outside_caseload

    def find_similar(
        self, draft: ParticipantDraft, *, exclude_id: str | None = None
    ) -> list[SimilarPerson]:
        birth, problems = check_draft(draft, self.db.clock.today())
        if birth is None:
            return []
        with self.db.read() as session:
            candidates = list(queries.participants_born_on(session=session, birth_date=birth))
            if compact_id(draft.id_number):
                candidates += queries.participants_with_id_number(
                    session=session, id_number=compact_id(draft.id_number)
                )
        name = f"{draft.first_name} {draft.surname1} {draft.surname2}"
        found: dict[str, SimilarPerson] = {}
        for other in candidates:
            if other.id == exclude_id or other.id in found:
                continue
            key = PersonKey(
                other.id,
                f"{other.first_name} {other.surname1} {other.surname2}",
                other.birth_date,
                other.id_number,
            )
            why = is_similar_person(name, birth, draft.id_number, key)
            if why:
                found[other.id] = SimilarPerson(
                    other.id,
                    f"{other.first_name} {other.surname1} {other.surname2}".strip(),
                    other.birth_date,
                    other.codapel,
                    why,
                )
        return list(found.values())

    # -- writing ---------------------------------------------------------------------

    def create(
        self, actor: Actor, draft: ParticipantDraft, *, confirm_similar: bool = False
    ) -> ParticipantView:
        """A new file. Same ID number → refused; a look-alike → SimilarPeopleFound unless confirmed."""
        authorize(actor, PermissionAction.PARTICIPANT_CREATE)
        birth = self._validated(draft, exclude_id=None)
        with self.db.read() as session:  # a taken ID number is refused, not merely "similar"
            self._refuse_duplicate_id(session, draft, exclude_id=None)
        if not confirm_similar:
            similar = self.find_similar(draft)
            if similar:
                raise SimilarPeopleFound(similar)
        with self.db.unit_of_work(actor) as work:
            self._refuse_duplicate_id(work.session, draft, exclude_id=None)
            participant = Participant(
                birth_date=birth, codapel="", sex=draft.sex, first_name="", surname1=""
            )
            apply_draft(participant, draft, birth, self._recipe(work.session))
            work.add(participant)
        return participant_view(participant)  # as committed, with its stamps

    def update(
        self, actor: Actor, participant_id: str, draft: ParticipantDraft, *, expected_version: int
    ) -> ParticipantView:
        """Save edits; refused if someone saved the file since it was opened here."""
        authorize(actor, PermissionAction.PARTICIPANT_UPDATE)
        birth = self._validated(draft, exclude_id=participant_id)
        with self.db.unit_of_work(actor) as work:
            participant = work.get(Participant, participant_id)
            if participant is None:
                raise NotFoundError("La ficha ya no existe.")
            _refuse_anonymised(participant)
            if participant.version != expected_version:
                raise StaleRecordError(
                    f"{participant.updated_by} guardó cambios en esta ficha mientras la tenía abierta. "
                    "Vuelva a abrirla para ver su versión y repita sus cambios."
                )
            self._refuse_duplicate_id(work.session, draft, exclude_id=participant_id)
            apply_draft(participant, draft, birth, self._recipe(work.session))
        return participant_view(participant)  # as committed, with its new version

    def archive(self, actor: Actor, participant_id: str, reason: str) -> None:
        """Archive a closed file, with why (responsables and administrators)."""
        authorize(actor, PermissionAction.PARTICIPANT_ARCHIVE)
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "Indique por qué se archiva la ficha."})
        if len(reason) > MAX_REASON:
            raise ValidationError({"reason": f"El motivo es demasiado largo (máx. {MAX_REASON})."})
        with self.db.unit_of_work(actor, reason=reason) as work:
            participant = self._get(work, participant_id)
            if participant.archived_at is not None:
                raise UserError("La ficha ya está archivada.")
            participant.archived_at = self.db.clock.now()
            participant.archive_reason = reason

    def restore(self, actor: Actor, participant_id: str) -> None:
        """Bring an archived file back (responsables and administrators)."""
        authorize(actor, PermissionAction.PARTICIPANT_RESTORE)
        with self.db.unit_of_work(actor) as work:
            participant = self._get(work, participant_id)
            _refuse_anonymised(participant)
            participant.archived_at = None
            participant.archive_reason = ""

    # -- internals -------------------------------------------------------------------

    def _validated(self, draft: ParticipantDraft, *, exclude_id: str | None) -> date:
        birth, problems = check_draft(draft, self.db.clock.today())
        if problems:
            raise ValidationError(problems)
        assert birth is not None
        return birth

    @staticmethod
    def _get(work, participant_id: str) -> Participant:  # type: ignore[no-untyped-def]
        participant = work.get(Participant, participant_id)
        if participant is None:
            raise NotFoundError("La ficha ya no existe.")
        return participant

    @staticmethod
    def _recipe(session) -> str:  # type: ignore[no-untyped-def]
        installation = queries.local_installation(session=session)
        return installation.codapel_recipe if installation else DEFAULT_RECIPE

    @staticmethod
    def _refuse_duplicate_id(session, draft: ParticipantDraft, *, exclude_id: str | None) -> None:  # type: ignore[no-untyped-def]
        number = compact_id(draft.id_number)
        if not number:
            return
        owners = [
            p
            for p in queries.participants_with_id_number(session=session, id_number=number)
            if p.id != exclude_id
        ]
        if owners:
            other = owners[0]
            raise ValidationError(
                {
                    "id_number": f"El documento {number} ya es de la ficha de {other.first_name} "
                    f"{other.surname1} ({other.codapel}). Búsquela en la lista en vez de crear otra."
                }
            )


def apply_draft(
    participant: Participant, draft: ParticipantDraft, birth: date, recipe: str
) -> None:
    """Copy a checked draft onto the record and derive CODAPEL and the search key."""
    for name in ParticipantDraft.field_names():
        value = getattr(draft, name)
        if isinstance(value, str) and name != "notes":
            value = value.strip()
        setattr(participant, name, value)
    participant.birth_date = birth
    participant.id_number = compact_id(draft.id_number)
    if not participant.ptm:
        participant.methadone_dose_mg = None
    participant.codapel = codapel(
        participant.surname1, participant.surname2, birth, participant.sex, recipe
    )
    participant.search_key = search_key(
        participant.first_name,
        participant.surname1,
        participant.surname2,
        participant.id_number,
        participant.codapel,
    )


def _refuse_anonymised(participant: Participant) -> None:
    """An anonymised file (services/anonymisation.py) is neither edited nor re-opened."""
    if participant.anonymised_at is not None:
        raise UserError(
            "Esta ficha está anonimizada: no se puede cambiar ni recuperar. "
            "Si la persona vuelve, abra una ficha nueva."
        )
