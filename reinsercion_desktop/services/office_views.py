"""What the office's screens and reports read: the regional waiting list, the vacancies
offered, and the monthly Anexo II's tables (rows shaped like the form's tables)."""

from dataclasses import asdict, dataclass
from datetime import date

from reinsercion_desktop.domain.waiting_list import FreePlaces, Offer, WaitingListRow

ADMITTED, DISCHARGED = "ingresado", "alta"
_SITUATION_ORDER = ("proceso_admision", "lista_espera", "aplazado", ADMITTED, DISCHARGED)


# -- the regional waiting list -------------------------------------------------------------


@dataclass(frozen=True)
class RegionalRow:
    """A line of the regional list: the list's own row, with the names an office needs."""

    row: WaitingListRow
    vivienda: str  # the vivienda assigned (proceso de admisión), or ""
    priority_vivienda: str  # R-WL-4: where a readmission priority applies, or ""
    province: str  # the referring centre's (the person's own if the centre has none)


@dataclass(frozen=True)
class RegionalWaitingList:
    rows: list[RegionalRow]
    free_places: list[FreePlaces]

    @property
    def waiting(self) -> int:
        """People in the queue (waiting or postponed), without those already assigned."""
        return sum(1 for r in self.rows if r.row.position is not None)

    @property
    def free(self) -> int:
        return sum(p.free_total for p in self.free_places)


@dataclass(frozen=True)
class VacancyOffer:
    """A kind of free place (H, M or X) of one vivienda, and who it goes to (R-WL-1..4)."""

    vivienda_id: str
    vivienda: str
    place: str
    free: int
    offer: Offer


# -- Anexo II, monthly: rows shaped like the form's tables ----------------------------------


@dataclass(frozen=True)
class FollowUpRow:
    """seguimiento_lista_espera (and, by centre, seguimiento_derivados)."""

    orden: int | None
    codapel: str
    sexo: str
    centro_derivador: str
    provincia: str
    fecha_protocolo: date | None  # received (complete)
    situacion: str
    vivienda: str
    fecha_ingreso: date | None  # planned, while in proceso de admisión


@dataclass(frozen=True)
class OccupancyRow:
    vivienda: str
    plazas: int
    plazas_dia_disponibles: int
    plazas_dia_ocupadas: int
    indice: float | None  # %, one decimal; None when the vivienda had no place-day


@dataclass(frozen=True)
class DischargeTypesRow:
    vivienda: str
    terapeuticas: int = 0
    derivadas: int = 0
    voluntarias: int = 0
    disciplinarias: int = 0

    @property
    def total(self) -> int:
        return self.terapeuticas + self.derivadas + self.voluntarias + self.disciplinarias


@dataclass(frozen=True)
class WaitingTimeRow:
    vivienda: str
    codapel: str
    fecha_protocolo: date | None
    fecha_ingreso: date
    dias: int | None


@dataclass(frozen=True)
class AnexoIIMonthly:
    month: str  # YYYY-MM
    label: str  # "enero de 2026"
    seguimiento_lista_espera: list[FollowUpRow]
    ocupacion: list[OccupancyRow]
    tipologia_altas_var: list[DischargeTypesRow]
    tiempo_espera: list[WaitingTimeRow]

    @property
    def seguimiento_derivados(self) -> list[FollowUpRow]:
        """The same follow-up, ordered by referring centre (to the other CTAs and CTs)."""
        return sorted(
            self.seguimiento_lista_espera,
            key=lambda r: (
                r.centro_derivador,
                _SITUATION_ORDER.index(r.situacion),
                r.fecha_protocolo or date.min,
                r.codapel,
            ),
        )

    def form_values(self) -> dict:
        """The monthly tables keyed like the anexo-ii definition (dates as ISO text)."""
        derived_columns = (
            "centro_derivador",
            "codapel",
            "fecha_protocolo",
            "situacion",
            "vivienda",
            "fecha_ingreso",
        )
        return {
            "periodo": self.label,
            "seguimiento_lista_espera": [_cells(r) for r in self.seguimiento_lista_espera],
            "ocupacion": [_cells(r) for r in self.ocupacion],
            "tipologia_altas_var": [
                _cells(r) | {"total": r.total} for r in self.tipologia_altas_var
            ],
            "tiempo_espera": [_cells(r) for r in self.tiempo_espera],
            "seguimiento_derivados": [
                {key: value for key, value in _cells(r).items() if key in derived_columns}
                for r in self.seguimiento_derivados
            ],
        }


def _cells(row: object) -> dict:
    """A row as form cells: dates in ISO, nothing missing left as None but as ""."""
    cells = {}
    for name, value in asdict(row).items():  # type: ignore[call-overload]
        if isinstance(value, date):
            value = value.isoformat()
        cells[name] = "" if value is None else value
    return cells
