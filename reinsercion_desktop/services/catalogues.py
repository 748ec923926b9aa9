"""Catalogues kept by the installation: referring centres and viviendas."""

from dataclasses import dataclass
from datetime import date, datetime

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import ReferringCentre, Vivienda
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import ReferringCentreKind
from reinsercion_desktop.domain.errors import NotFoundError, ValidationError
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize


@dataclass(frozen=True)
class ViviendaView:
    """Vivienda (VAR) as screens show it; attribute names are the stored record's."""

    id: str
    installation_id: str
    name: str
    code: str
    municipality: str
    province: str
    address: str
    places_men: int
    places_women: int
    places_mixed: int
    valid_from: date | None
    valid_to: date | None
    version: int
    created_at: datetime | None
    created_by: str
    updated_at: datetime | None
    updated_by: str

    @property
    def places(self) -> int:
        return self.places_men + self.places_women + self.places_mixed


def vivienda_view(vivienda: Vivienda) -> ViviendaView:
    return ViviendaView(
        id=vivienda.id,
        installation_id=vivienda.installation_id,
        name=vivienda.name,
        code=vivienda.code,
        municipality=vivienda.municipality,
        province=vivienda.province,
        address=vivienda.address,
        places_men=vivienda.places_men,
        places_women=vivienda.places_women,
        places_mixed=vivienda.places_mixed,
        valid_from=vivienda.valid_from,
        valid_to=vivienda.valid_to,
        version=vivienda.version,
        created_at=vivienda.created_at,
        created_by=vivienda.created_by,
        updated_at=vivienda.updated_at,
        updated_by=vivienda.updated_by,
    )


@dataclass(frozen=True)
class ReferringCentreView:
    """Centro derivador as screens show it; attribute names are the stored record's."""

    id: str
    kind: str
    name: str
    code: str
    province: str
    municipality: str
    phone: str
    fax: str
    email: str
    contact_name: str
    active: bool
    version: int

    @property
    def kind_label(self) -> str:
        try:
            return ReferringCentreKind(self.kind).label
        except ValueError:  # a kind from a newer version shows as stored
            return self.kind


def referring_centre_view(centre: ReferringCentre) -> ReferringCentreView:
    return ReferringCentreView(
        id=centre.id,
        kind=centre.kind,
        name=centre.name,
        code=centre.code,
        province=centre.province,
        municipality=centre.municipality,
        phone=centre.phone,
        fax=centre.fax,
        email=centre.email,
        contact_name=centre.contact_name,
        active=centre.active,
        version=centre.version,
    )


@dataclass
class ReferringCentreDraft:
    """Centro derivador as edited."""

    kind: str
    name: str
    code: str = ""
    province: str = ""
    municipality: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    contact_name: str = ""
    active: bool = True


_CENTRE_LIMITS = {
    "name": 120,
    "code": 20,
    "province": 40,
    "municipality": 80,
    "phone": 20,
    "fax": 20,
    "email": 120,
    "contact_name": 120,
}


def check_centre(draft: ReferringCentreDraft) -> dict[str, str]:
    problems: dict[str, str] = {}
    if draft.kind not in {k.value for k in ReferringCentreKind}:
        problems["kind"] = "Elija el tipo de centro (CTA, CT, CPD, EAIIPP u otro)."
    if not draft.name.strip():
        problems["name"] = "Escriba el nombre del centro."
    for name, limit in _CENTRE_LIMITS.items():
        if len(getattr(draft, name)) > limit:
            problems[name] = f"Demasiado largo: el máximo es {limit} caracteres."
    if draft.email and "@" not in draft.email:
        problems["email"] = "El correo electrónico no parece válido (falta la @)."
    return problems


class CatalogueService:
    def __init__(self, db: Database):
        self.db = db

    def referring_centres(self, *, active_only: bool = False) -> list[ReferringCentreView]:
        with self.db.read() as session:
            centres = queries.referring_centres(session=session, active_only=active_only)
            return [referring_centre_view(centre) for centre in centres]

    def viviendas(self) -> list[ViviendaView]:
        """Every vivienda known here (this centre's and, at the office, the centres'), by name."""
        with self.db.read() as session:
            return [vivienda_view(vivienda) for vivienda in queries.viviendas(session=session)]

    def save_referring_centre(
        self, actor: Actor, draft: ReferringCentreDraft, centre_id: str | None = None
    ) -> ReferringCentreView:
        authorize(actor, PermissionAction.REFERRING_CENTRE_EDIT)
        problems = check_centre(draft)
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work(actor) as work:
            centre = (
                work.get(ReferringCentre, centre_id)
                if centre_id
                else ReferringCentre(kind="", name="")
            )
            if centre is None:
                raise NotFoundError("El centro ya no existe.")
            for name, value in draft.__dict__.items():
                setattr(centre, name, value.strip() if isinstance(value, str) else value)
            work.add(centre)
        return referring_centre_view(centre)  # as committed, with its stamps
