"""Anexo I — the referral protocol — as the referring centre's therapist fills it.

Everything agrees with the file: the toxicological history starts from the person's
profile (years of start after childhood, frequencies of the last year and month, the usual
route), the previous treatments are dated in order up to the protocol (and include the
person's earlier stays), the tests are dated before the protocol and read as the file says
(HIV status, methadone in the urine of someone in PTM), a pregnancy test and a
gynaecological review only for a woman (R-REF-3), the TBC tests for HIV-positive people
(R-REF-2), and the methadone annex only for someone in PTM.
"""

import random
from datetime import date, timedelta

from reinsercion_desktop.demo import form_texts as texts
from reinsercion_desktop.demo.form_values import Doc, fill_text, pick
from reinsercion_desktop.domain.dates import add_months

# profile → rows of the toxicological history: (row, main, route)
TOXICOLOGY = {
    "Alcohol": (("alcohol", True, "oral"), ("tabaco", False, "fumada")),
    "Metadona": (
        ("heroina", True, "fumada"),
        ("tabaco", False, "fumada"),
        ("cannabis", False, "fumada"),
    ),  # fmt: skip
    "Heroína": (
        ("heroina", True, "intravenosa"),
        ("tabaco", False, "fumada"),
        ("cocaina", False, "inhalada"),
    ),  # fmt: skip
    "Heroína/Cocaína": (
        ("heroina_cocaina", True, "fumada"),
        ("heroina", False, "fumada"),
        ("tabaco", False, "fumada"),
    ),  # fmt: skip
    "Cocaína": (
        ("cocaina", True, "inhalada"),
        ("alcohol", False, "oral"),
        ("tabaco", False, "fumada"),
    ),  # fmt: skip
    "Cannabis": (
        ("cannabis", True, "fumada"),
        ("tabaco", False, "fumada"),
        ("alcohol", False, "oral"),
    ),  # fmt: skip
    "Anfetaminas": (
        ("anfetamina", True, "fumada"),
        ("alcohol", False, "oral"),
        ("tabaco", False, "fumada"),
    ),  # fmt: skip
    "Sedantes/hipnóticos": (("sedantes", True, "oral"), ("alcohol", False, "oral")),
    "Juego patológico": (("tabaco", False, "fumada"), ("alcohol", False, "oral")),
    "Otras": (
        ("inhalantes", True, "inhalada"),
        ("cannabis", False, "fumada"),
        ("tabaco", False, "fumada"),
    ),  # fmt: skip
}
EXITS = {"terapeutica": "AT", "derivada": "AD", "voluntaria": "AV", "disciplinaria": "EX"}
HOSPITALS = {
    "andalucia": "Unidad de Desintoxicación Hospitalaria — Hospital Virgen del Rocío",
    "cdmx": "Unidad de desintoxicación — Hospital General Dr. Enrique Cabrera",
}
CTS = {
    "andalucia": "Comunidad Terapéutica Los Palacios",
    "cdmx": "Establecimiento residencial «Nueva Vida» (Santa Fe)",
}


def _toxicology(rng: random.Random, doc: Doc, protocol: date) -> dict:
    birth = doc.stay.birth_date.year
    rows = {}
    for row, main, route in TOXICOLOGY.get(doc.stay.addiction_profile, ()):
        first = birth + rng.randint(12, 17) + (0 if main else rng.randint(0, 3))
        start = min(first, protocol.year)
        if row == "tabaco":
            year, month = 6, 6  # still smokes: 2–3 times a day
        elif main:
            year, month = rng.randint(5, 7), rng.choice((0, 0, 0, 1))  # abstinent in treatment
        else:
            year, month = rng.randint(1, 4), 0
        rows[row] = {"inicio": start, "frecuencia_anio": str(year), "frecuencia_mes": str(month),
                     "via": route}  # fmt: skip
    return rows


def _treatments(rng: random.Random, doc: Doc, protocol: date, since: int) -> list[dict]:
    """Earlier treatments, oldest first, after the use began (`since`, a year): programmes
    of the network, and the person's earlier stays."""
    stay, profile = doc.stay, doc.profile
    first_year = min(protocol.year, max(since + 2, stay.birth_date.year + 15))
    options = [
        ("DXA", f"{profile.terms.cta} {stay.municipality}"),
        ("UDH", HOSPITALS[profile.key]),
        ("CT", CTS[profile.key]),
        ("SMA", f"{profile.terms.cta} {stay.municipality}"),
    ]
    if stay.ptm:
        options.append(("PTM", f"{profile.terms.cta} {stay.municipality}"))
    rows = []
    years = sorted(
        rng.sample(
            range(first_year, protocol.year + 1),
            min(rng.randint(1, 3), protocol.year - first_year + 1),
        )
    )
    for year in years:
        programme, place = rng.choice(options)
        rows.append({"anio": year, "lugar": place, "programa": programme,
                     "salida": rng.choice(("AV", "AT", "AD"))})  # fmt: skip
    for earlier in doc.history:
        if earlier.discharge_date is not None:
            rows.append({"anio": earlier.admission_date.year, "lugar": earlier.vivienda_name,
                         "programa": "VAR", "salida": EXITS.get(earlier.discharge_type, "AV")})  # fmt: skip
    return sorted(rows, key=lambda r: r["anio"])


def _tests(rng: random.Random, doc: Doc, protocol: date) -> tuple[dict, dict | None]:
    """Complementary tests before the protocol (pregnancy test within 30 days, TBC within
    3 months), reading as the file says."""
    stay = doc.stay

    def done(within: int) -> str:
        return (protocol - timedelta(days=rng.randint(3, within))).isoformat()

    hiv = {"positivo": "positivo", "negativo": "negativo"}.get(stay.hiv_status)
    serology = f"VIH {hiv}" if hiv else "VIH pendiente de resultado"
    serology += rng.choice(("; VHC negativo; VHB vacunado", "; VHC positivo; VHB inmune"))
    urine = "Negativa a opiáceos, cocaína y cannabis"
    if stay.ptm:
        urine = "Positiva a metadona (pautada); negativa al resto"
    liver = (
        "GGT y transaminasas elevadas"
        if stay.addiction_profile == "Alcohol"
        else "Sin alteraciones"
    )
    rows = {
        "hemograma": {"fecha": done(40), "resultado": "Dentro de la normalidad", "adjunto": True},
        "bioquimica": {"fecha": done(40), "resultado": liver, "adjunto": True},
        "serologia": {"fecha": done(40), "resultado": serology, "adjunto": True},
        "orina": {"fecha": done(20), "resultado": urine, "adjunto": True},
    }
    bacilli = None
    if stay.hiv_status == "positivo":  # R-REF-2
        tbc = (protocol - timedelta(days=rng.randint(5, 60))).isoformat()
        assert add_months(protocol, -3).isoformat() <= tbc
        rows["mantoux"] = {"fecha": tbc, "resultado": "Negativo (2 mm)", "adjunto": True}
        rows["radiografia_torax"] = {
            "fecha": tbc,
            "resultado": "Sin hallazgos patológicos",
            "adjunto": True,
        }
        rows["baciloscopia"] = {
            "fecha": tbc,
            "resultado": "Tres muestras negativas",
            "adjunto": True,
        }
        bacilli = {
            key: {"fecha": tbc, "resultado": "Negativa"}
            for key in ("primera", "segunda", "tercera")
        }
    elif rng.random() < 0.5:
        rows["mantoux"] = {"fecha": done(40), "resultado": "Negativo (0 mm)", "adjunto": True}
    if doc.woman:  # R-REF-3
        rows["test_embarazo"] = {"fecha": done(25), "resultado": "Negativo", "adjunto": True}
        if rng.random() < 0.5:
            rows["revision_ginecologica"] = {
                "fecha": done(60),
                "resultado": "Sin hallazgos; citología normal",
                "adjunto": True,
            }
    return rows, bacilli


def _methadone(rng: random.Random, doc: Doc, protocol: date) -> list[dict]:
    """Earlier and current methadone programmes; the current one at today's dose."""
    dose = doc.stay.methadone_dose_mg or 60
    started = protocol - timedelta(days=rng.randint(200, 2000))
    rows = []
    if rng.random() < 0.5:
        left = started - timedelta(days=rng.randint(90, 400))
        first = left - timedelta(days=rng.randint(120, 700))
        if first.year >= doc.stay.birth_date.year + 16:
            rows.append({"numero": 1, "fecha_inclusion": first.isoformat(), "reinicio": False,
                         "fecha_salida": left.isoformat(), "dosis": rng.choice((40, 60, 80))})  # fmt: skip
    rows.append({"numero": len(rows) + 1, "fecha_inclusion": started.isoformat(),
                 "reinicio": bool(rows), "dosis": int(dose)})  # fmt: skip
    return rows


def anexo_i(rng: random.Random, doc: Doc, protocol: date, consensus: str) -> dict:
    stay = doc.stay
    education = texts.EDUCATION_NOTES.get(stay.education_level, "")
    judicial = "Sin causas judiciales pendientes."
    if stay.prison_origin:
        judicial = (
            "Procede de prisión; cumple condena en régimen abierto con seguimiento del equipo."
        )
    elif stay.pending_judicial:
        judicial = "Tiene un procedimiento judicial pendiente por hechos anteriores al tratamiento."
    if stay.alternative_sentence:
        judicial += " Cumple una medida alternativa a la prisión."
    work = (
        "Trabaja actualmente; quiere estabilizar su empleo."
        if stay.employment_situation.startswith("Empleo")
        else f"Situación laboral: {stay.employment_situation.lower()}. Sin ingresos estables."
    )
    diagnosis = texts.DIAGNOSES.get(stay.addiction_profile, ("Dependencia de sustancias", ""))[0]
    health = f"{diagnosis}. Buena adherencia al tratamiento."
    if stay.ptm:
        health += f" En programa de metadona, {int(stay.methadone_dose_mg or 0)} mg/día."
    tests, bacilli = _tests(rng, doc, protocol)
    history = _toxicology(rng, doc, protocol)
    began = min((row["inicio"] for row in history.values()), default=protocol.year - 2)
    data: dict = {
        "terapeuta": stay.centre_contact,
        "fecha_protocolo": protocol.isoformat(),
        "consenso_cta": consensus,
        "motivos_equipo": pick(rng, texts.TEAM_REASONS, doc),
        "motivos_usuario": rng.choice(texts.USER_REASONS),
        "tratamientos_anteriores": _treatments(rng, doc, protocol, began),
        "historia_toxicologica": history,
        "area_sanitaria": health,
        "pruebas": tests,
        "area_psicologica": pick(rng, texts.PSYCHOLOGICAL, doc),
        "area_familiar": pick(rng, texts.FAMILY, doc),
        "area_sociolaboral": work,
        "area_educativa": education,
        "area_judicial": judicial,
        "evolucion_tratamiento": fill_text(
            "En tratamiento en el centro derivador; abstinente según los controles de los "
            "últimos meses.",
            doc,
        ),
        "pautas_intervencion": pick(rng, texts.GUIDELINES, doc),
        "voluntariedad": True,
        "criterios_exclusion": [],
        "nombre_firmante": stay.centre_contact,
    }
    if stay.origin_name:  # a CT's referral: the CTA the person comes from (R-REF-4)
        data.update(
            centro_ambulatorio_procedencia=stay.origin_name,
            telefono_ambulatorio=stay.origin_phone,
            fax_ambulatorio=stay.origin_fax,
            terapeuta_ambulatorio=stay.origin_contact,
        )
    if bacilli:
        data["baciloscopias"] = bacilli
    if stay.ptm:
        data["abuso_no_opioides"] = rng.choice(
            (
                "No se observa abuso de otras sustancias.",
                "Consumo ocasional de cocaína en el último año; abstinente los tres últimos meses.",
            )
        )
        data["tratamientos_metadona"] = _methadone(rng, doc, protocol)
    return data
