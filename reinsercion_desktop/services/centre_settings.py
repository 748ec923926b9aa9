"""Datos del centro y sus viviendas: what an installation says about itself after set-up.

The code of the installation is not editable here: it is how the office recognises it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.db import queries
from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Installation, Vivienda
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.dates import DateInputError, parse_date_es
from reinsercion_desktop.domain.errors import (
    NotFoundError,
    StaleRecordError,
    UserError,
    ValidationError,
)
from reinsercion_desktop.domain.permissions import PermissionAction
from reinsercion_desktop.security.actors import authorize
from reinsercion_desktop.services.catalogues import ViviendaView, vivienda_view
from reinsercion_desktop.services.setup import CentreView, centre_view

IDLE_LOCK_MAX_MINUTES = 240
"""Upper bound of the idle lock; 0 means the application never locks by itself."""
RETENTION_YEARS_RANGE = (1, 50)
"""Years a closed file is kept before it is listed for review (Ley 41/2002 art. 17 asks
at least five for clinical documentation; a centre may keep other files less)."""
SMALL_COUNT_RANGE = (2, 20)
"""SPEC §9: counts under the threshold print «<5» in anything that leaves the
installation (a house has 6–8 residents); below 2 nothing would be hidden."""


@dataclass
class CentreDraft:
    """Datos del centro as edited (the code is not among them)."""

    name: str
    entity: str = ""
    province: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    idle_lock_minutes: int = 10
    adaptation_days: int = 30  # Anexo IV is due after it (R-STAY-3)
    cost_per_place_day: float = 0.0  # contributions are at most 20 % of it (R-ECO-1)
    # SPEC §9: a técnico/a opening a file outside their caseload is asked why (audited).
    reason_outside_caseload: bool = True
    # SPEC §10: closed files are listed for review (anonymisation) after these years.
    retention_years: int = 5
    # SPEC §9: counts under it print «<5» in files and PDFs that leave the installation.
    small_count_threshold: int = 5

    @classmethod
    def of(cls, installation: CentreView | Installation) -> "CentreDraft":
        return cls(
            name=installation.name,
            entity=installation.entity,
            province=installation.province,
            address=installation.address,
            phone=installation.phone,
            fax=installation.fax,
            idle_lock_minutes=installation.idle_lock_minutes,
            adaptation_days=installation.adaptation_days,
            cost_per_place_day=installation.cost_per_place_day,
            reason_outside_caseload=installation.reason_outside_caseload,
            retention_years=installation.retention_years,
            small_count_threshold=installation.small_count_threshold,
        )


@dataclass
class ViviendaDraft:
    """Vivienda as edited; dates may be typed as dd/mm/aaaa."""

    name: str
    code: str = ""
    municipality: str = ""
    province: str = ""
    address: str = ""
    places_men: int = 0
    places_women: int = 0
    places_mixed: int = 0
    valid_from: date | str | None = None
    valid_to: date | str | None = None


# Column lengths of db/models.py (Installation and Vivienda).
_CENTRE_LIMITS = {
    "name": 120,
    "entity": 120,
    "province": 40,
    "address": 150,
    "phone": 20,
    "fax": 20,
}
_VIVIENDA_LIMITS = {
    "name": 120,
    "code": 20,
    "municipality": 80,
    "province": 40,
    "address": 150,
}
_PLACES = ("places_men", "places_women", "places_mixed")


def _too_long(draft: object, limits: dict[str, int]) -> dict[str, str]:
    return {
        name: f"Demasiado largo: el máximo es {limit} caracteres."
        for name, limit in limits.items()
        if len(getattr(draft, name).strip()) > limit
    }


def _as_date(value: date | str | None) -> date | None:
    """A typed date (dd/mm/aaaa) or none if blank; raises DateInputError."""
    if value is None or isinstance(value, date):
        return value
    if not value.strip():
        return None
    return parse_date_es(value)


def check_centre_draft(draft: CentreDraft) -> dict[str, str]:
    """{field: Spanish message}; empty when the centre can be saved."""
    problems: dict[str, str] = {}
    if not draft.name.strip():
        problems["name"] = "Escriba el nombre del centro."
    problems.update(_too_long(draft, _CENTRE_LIMITS))
    if not 0 <= draft.idle_lock_minutes <= IDLE_LOCK_MAX_MINUTES:
        problems["idle_lock_minutes"] = (
            f"El bloqueo por inactividad va de 0 a {IDLE_LOCK_MAX_MINUTES} minutos "
            "(0 = no se bloquea nunca)."
        )
    if not 7 <= draft.adaptation_days <= 120:
        problems["adaptation_days"] = (
            "El período de adaptación va de 7 a 120 días (lo habitual, 30)."
        )
    if not 0 <= draft.cost_per_place_day <= 1000:
        problems["cost_per_place_day"] = "El coste por plaza y día va de 0 a 1.000 €."
    low, high = RETENTION_YEARS_RANGE
    if not low <= draft.retention_years <= high:
        problems["retention_years"] = (
            f"Los años de conservación van de {low} a {high} (la documentación clínica, "
            "al menos 5 tras cada alta: Ley 41/2002, art. 17)."
        )
    low, high = SMALL_COUNT_RANGE
    if not low <= draft.small_count_threshold <= high:
        problems["small_count_threshold"] = (
            f"El umbral de recuentos pequeños va de {low} a {high} (lo habitual, 5)."
        )
    return problems


def check_vivienda_draft(
    draft: ViviendaDraft, *, other_names: Iterable[str] = ()
) -> dict[str, str]:
    """{field: Spanish message}; `other_names`: the installation's other viviendas."""
    problems: dict[str, str] = {}
    name = draft.name.strip()
    if not name:
        problems["name"] = "Escriba el nombre de la vivienda."
    elif name.casefold() in {other.strip().casefold() for other in other_names}:
        problems["name"] = f"Ya hay una vivienda llamada «{name}»."
    problems.update(_too_long(draft, _VIVIENDA_LIMITS))
    places = [getattr(draft, field) for field in _PLACES]
    for field, value in zip(_PLACES, places, strict=True):
        if value < 0:
            problems[field] = "Las plazas no pueden ser negativas."
    if all(value >= 0 for value in places) and sum(places) == 0:
        problems["places"] = "La vivienda necesita al menos una plaza (hombres, mujeres o mixtas)."
    dates: dict[str, date | None] = {}
    for field in ("valid_from", "valid_to"):
        try:
            dates[field] = _as_date(getattr(draft, field))
        except DateInputError as error:
            problems[field] = str(error)
    start, end = dates.get("valid_from"), dates.get("valid_to")
    if start is not None and end is not None and end < start:
        problems["valid_to"] = "La fecha de fin es anterior a la de inicio."
    return problems


class CentreSettingsService:
    """Datos del centro (administrators) and its viviendas (responsables and administrators)."""

    def __init__(self, db: Database):
        self.db = db

    def centre(self) -> CentreView:
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
        if installation is None:
            raise NotFoundError("Esta carpeta de datos todavía no tiene un centro configurado.")
        return centre_view(installation)

    def small_count_threshold(self) -> int:
        """SPEC §9: counts under this print «<5» in what leaves the installation (the
        outputs read it here; 5 when nothing is set up yet)."""
        with self.db.read() as session:
            installation = queries.local_installation(session=session)
        return 5 if installation is None else installation.small_count_threshold

    def viviendas(self) -> list[ViviendaView]:
        """The viviendas of this installation, by name."""
        installation_id = self.centre().id
        with self.db.read() as session:
            return [
                vivienda_view(vivienda)
                for vivienda in queries.viviendas(session=session)
                if vivienda.installation_id == installation_id
            ]

    def update_centre(
        self, actor: Actor, draft: CentreDraft, *, expected_version: int | None = None
    ) -> CentreView:
        """Save the centre's data; `expected_version` refuses overwriting someone else's save."""
        authorize(actor, PermissionAction.CENTRE_SETTINGS_EDIT)
        problems = check_centre_draft(draft)
        if problems:
            raise ValidationError(problems)
        with self.db.unit_of_work(actor) as work:
            installation = queries.local_installation(session=work.session)
            if installation is None:
                raise NotFoundError("Esta carpeta de datos todavía no tiene un centro configurado.")
            _refuse_stale(installation, expected_version, "los datos del centro")
            for name, value in draft.__dict__.items():
                setattr(installation, name, value.strip() if isinstance(value, str) else value)
        return centre_view(installation)  # as committed, with its new version

    def save_vivienda(
        self,
        actor: Actor,
        draft: ViviendaDraft,
        vivienda_id: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> ViviendaView:
        """Create a vivienda (no id) or save the edits of one of this installation's."""
        authorize(actor, PermissionAction.VIVIENDA_EDIT)
        with self.db.unit_of_work(actor) as work:
            installation = queries.local_installation(session=work.session)
            if installation is None:
                raise NotFoundError("Esta carpeta de datos todavía no tiene un centro configurado.")
            own = [
                vivienda
                for vivienda in queries.viviendas(session=work.session)
                if vivienda.installation_id == installation.id
            ]
            if vivienda_id is None:
                vivienda = Vivienda(name="", installation_id=installation.id)
            else:
                found = work.get(Vivienda, vivienda_id)
                if found is None:
                    raise NotFoundError("La vivienda ya no existe.")
                if found.installation_id != installation.id:
                    raise UserError("Esta vivienda pertenece a otra instalación: no se edita aquí.")
                _refuse_stale(found, expected_version, "los datos de esta vivienda")
                vivienda = found
            problems = check_vivienda_draft(
                draft, other_names=[v.name for v in own if v.id != vivienda_id]
            )
            if problems:
                raise ValidationError(problems)
            for name, value in draft.__dict__.items():
                if name in ("valid_from", "valid_to"):
                    value = _as_date(value)
                setattr(vivienda, name, value.strip() if isinstance(value, str) else value)
            work.add(vivienda)
        return vivienda_view(vivienda)  # as committed, with its stamps


def _refuse_stale(record: Installation | Vivienda, expected_version: int | None, what: str) -> None:
    if expected_version is not None and record.version != expected_version:
        raise StaleRecordError(
            f"{record.updated_by} guardó {what} mientras usted los editaba. "
            "Cierre y vuelva a abrir la ventana para ver su versión y repita sus cambios."
        )
