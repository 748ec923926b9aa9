"""Catalogues kept by the installation: referring centres and viviendas."""

from dataclasses import dataclass

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import ReferringCentre, Vivienda
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import ReferringCentreKind, Role
from reinsercion_desktop.domain.errors import NotFoundError, PermissionDenied, ValidationError


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

    def referring_centres(self, *, active_only: bool = False) -> list[ReferringCentre]:
        with self.db.read() as session:
            return list(queries.referring_centres(session=session, active_only=active_only))

    def viviendas(self) -> list[Vivienda]:
        with self.db.read() as session:
            return list(queries.viviendas(session=session))

    def save_referring_centre(
        self, actor: Actor, draft: ReferringCentreDraft, centre_id: str | None = None
    ) -> ReferringCentre:
        if not actor.can(Role.RESPONSABLE):
            raise PermissionDenied(
                "Solo responsables y administradores pueden cambiar el catálogo."
            )
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
            return work.add(centre)
