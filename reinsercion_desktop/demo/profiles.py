"""The two demo programmes: who runs them, where, with whom, and the words their staff use.

`andalucia` (the default): a VAR of the Andalusian programme (`003_…`), adults only,
DNI/NIE, Andalusian referring centres and resources. `cdmx`: the Álvaro Obregón social
reintegration programme of Mexico City (`000_…`): programme kind «reinserción», so
adolescents may be admitted (R-ADM-1); CURP; Mexican names and places; the seed's
catalogue and monthly offer. The app shows amounts in euros only, so the Mexican demo
records no economic contributions (the seed's programme is free of charge).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from reinsercion_desktop.demo import names, names_cdmx
from reinsercion_desktop.demo.case_texts import ANDALUSIAN_CASE_TEXTS, CaseTexts
from reinsercion_desktop.demo.case_texts_cdmx import CDMX_CASE_TEXTS
from reinsercion_desktop.demo.identity import mexico_city_phone, spanish_phone
from reinsercion_desktop.demo.resources_andalucia import ANDALUSIAN_CATALOGUE
from reinsercion_desktop.demo.resources_cdmx import CDMX_CATALOGUE
from reinsercion_desktop.demo.resources_spec import Spec
from reinsercion_desktop.domain.enums import EDUCATION_LEVELS
from reinsercion_desktop.domain.errors import UserError
from reinsercion_desktop.domain.stay_rules import REINTEGRATION_KIND

DEFAULT_PROFILE = "andalucia"


@dataclass(frozen=True)
class Terms:
    """Names of the services the texts mention, as the programme's staff say them."""

    cta: str  # the ambulatory treatment centre
    social: str  # social services
    employment: str  # the public employment service
    health: str  # primary care
    papers: str  # identity papers to renew
    benefit: str  # the minimum income
    court: str  # the court of a court order
    authoriser: str  # who authorises contributions (R-ECO-1)
    prison_wait: str  # why someone from prison postpones admission
    house: str  # "la vivienda" / "la casa"


@dataclass(frozen=True)
class Installation:
    name: str
    entity: str
    province: str
    address: str
    phone: str
    fax: str
    municipality: str


@dataclass(frozen=True)
class Profile:
    key: str
    label: str
    installation: Installation
    programme_kind: str  # Installation.programme_kind
    min_admission_age: int  # R-ADM-1 as the programme applies it
    adolescent_share: float  # of the people, aged 14–17 at admission
    women_share: float
    men: tuple[str, ...]
    women: tuple[str, ...]
    surnames: tuple[str, ...]
    places: dict[str, tuple[str, ...]]  # province → municipalities
    streets: tuple[str, ...]
    house_prefix: str
    house_names: tuple[str, ...]
    referring_centres: tuple[tuple[str, str, str], ...]  # kind, name, province
    staff: tuple[tuple[str, str, str], ...]  # login, full name, role
    id_kind: str  # the identity document most people have
    phone: Callable[..., str]
    cost_per_place_day: float  # 0: not set (no contributions)
    catalogue: tuple[Spec, ...]
    case_texts: CaseTexts
    terms: Terms
    education_levels: tuple[str, ...]

    def phone_for(self, rng: random.Random, province: str = "", *, fixed: bool = False) -> str:
        return self.phone(rng, province, fixed=fixed)


ANDALUCIA = Profile(
    key="andalucia",
    label="Andalucía",
    installation=Installation(
        name="VAR de demostración — Asociación Nuevo Rumbo",
        entity="Asociación Nuevo Rumbo",
        province="Sevilla",
        address="Calle Feria 12, 41003 Sevilla",
        phone="954 00 01 23",
        fax="954 00 01 24",
        municipality="Sevilla",
    ),
    programme_kind="var",
    min_admission_age=18,
    adolescent_share=0.0,
    women_share=0.22,
    men=names.MEN,
    women=names.WOMEN,
    surnames=names.SURNAMES,
    places=names.PLACES,
    streets=names.STREETS,
    house_prefix="VAR",
    house_names=names.VIVIENDA_NAMES,
    referring_centres=names.REFERRING_CENTRES,
    staff=names.STAFF,
    id_kind="dni",
    phone=spanish_phone,
    cost_per_place_day=35.0,
    catalogue=ANDALUSIAN_CATALOGUE,
    case_texts=ANDALUSIAN_CASE_TEXTS,
    terms=Terms(
        cta="CTA",
        social="los servicios sociales comunitarios",
        employment="el Servicio Andaluz de Empleo",
        health="su centro de salud",
        papers="el DNI y la tarjeta sanitaria",
        benefit="el ingreso mínimo vital",
        court="Juzgado de lo Penal n.º 3",
        authoriser="Comisionado para las Drogodependencias",
        prison_wait="Pendiente del tercer grado penitenciario.",
        house="la vivienda",
    ),
    education_levels=EDUCATION_LEVELS,
)

CDMX = Profile(
    key="cdmx",
    label="Ciudad de México (Álvaro Obregón)",
    installation=Installation(
        name="Programa de Reinserción Social — Alcaldía Álvaro Obregón",
        entity="Alcaldía Álvaro Obregón · Dirección de Atención a las Adicciones",
        province=names_cdmx.PROVINCE,
        address="Calle 10 esq. Canario s/n, Col. Tolteca, 01150 Álvaro Obregón, CDMX",
        phone="55 5276 6700",
        fax="55 5276 6701",
        municipality="Álvaro Obregón",
    ),
    programme_kind=REINTEGRATION_KIND,
    min_admission_age=14,
    adolescent_share=0.08,
    women_share=0.2,
    men=names_cdmx.MEN,
    women=names_cdmx.WOMEN,
    surnames=names_cdmx.SURNAMES,
    places=names_cdmx.PLACES,
    streets=names_cdmx.STREETS,
    house_prefix="Casa",
    house_names=names_cdmx.HOUSE_NAMES,
    referring_centres=names_cdmx.REFERRING_CENTRES,
    staff=names_cdmx.STAFF,
    id_kind="curp",
    phone=mexico_city_phone,
    cost_per_place_day=0.0,
    catalogue=CDMX_CATALOGUE,
    case_texts=CDMX_CASE_TEXTS,
    terms=Terms(
        cta="CAPA",
        social="el DIF de la alcaldía",
        employment="la Secretaría del Trabajo y Fomento al Empleo",
        health="su centro de salud",
        papers="la credencial del INE y el acta de nacimiento",
        benefit="el Seguro de Desempleo de la Ciudad de México",
        court="Juzgado de Ejecución de Sanciones Penales",
        authoriser="",
        prison_wait="Pendiente de la audiencia de libertad anticipada.",
        house="la casa",
    ),
    # Spain's ESO is not a Mexican level: secundaria is "Secundaria" there.
    education_levels=tuple(level for level in EDUCATION_LEVELS if "ESO" not in level),
)

PROFILES = {profile.key: profile for profile in (ANDALUCIA, CDMX)}


def profile_named(key: str) -> Profile:
    try:
        return PROFILES[key]
    except KeyError:
        known = ", ".join(PROFILES)
        raise UserError(f"No hay un perfil de demostración «{key}»: use {known}.") from None
