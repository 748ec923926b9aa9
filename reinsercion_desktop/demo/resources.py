"""A realistic resource catalogue for demo data folders (deterministic, dates around `today`).

Examples from the seed's monthly offer (`000_…`: INEA/MEVyT, Preparatoria Abierta, Prepa en
Línea, STyFE, CURBA, Laureate, Fundación ProEmpleo, PILARES…) and the Andalusian training
and employment resources of `003_…` §8 (Cursos FPO, Red de Artesanos, Taller de Empleo,
Escuela Taller, Casas de Oficio, Arquímedes). Enrolment periods and course dates are set
relative to `today`, so the bulletin of this month and the next always has dates.
"""

from datetime import date, timedelta

from reinsercion_desktop.db.engine import Database
from reinsercion_desktop.db.models import Resource
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.domain.enums import ResourceCategory as C
from reinsercion_desktop.domain.resource_rules import ResourceDraft
from reinsercion_desktop.services.resources import ResourceService

INEA_REQUIREMENTS = (
    "15 años cumplidos; acta de nacimiento; CURP; 3 fotografías blanco y negro "
    "(papel mate); saber leer y escribir"
)
STYFE = "Secretaría del Trabajo y Fomento al Empleo CDMX (STyFE)"
JUNTA = "Junta de Andalucía · Servicio Andaluz de Empleo"

# (category, name, provider, requirements, duration, schedule, cost, contact,
#  open all year, enrolment periods as (from, to) days after today, course (from, to) days)
Spec = tuple[
    C, str, str, str, str, str, str, str, bool, tuple[tuple[int, int], ...], tuple[int, int] | None
]
# fmt: off
CATALOGUE: tuple[Spec, ...] = (
    (C.ACADEMIC, "INEA · MEVyT Primaria", "Instituto Nacional para la Educación de los Adultos",
     INEA_REQUIREMENTS, "6 a 12 meses", "Asesorías 6 horas semanales", "Gratuito",
     "Plaza comunitaria de la Alcaldía · 55 5241 2700", True, (), None),
    (C.ACADEMIC, "INEA · MEVyT Secundaria", "Instituto Nacional para la Educación de los Adultos",
     INEA_REQUIREMENTS + "; boletas del sistema escolarizado (para revalidación)",
     "6 a 12 meses", "Asesorías 6 horas semanales", "Gratuito",
     "Plaza comunitaria de la Alcaldía · 55 5241 2700", True, (), None),
    (C.ACADEMIC, "Preparatoria Abierta", "Dirección General del Bachillerato (SEP)",
     "Secundaria concluida o estudios parciales de media superior",
     "Variable (depende del estudiante)", "A su ritmo; asesorías opcionales",
     "Trámite gratuito", "preparatoriaabierta.sep.gob.mx", True, (), None),
    (C.ACADEMIC, "Prepa en Línea", "Secretaría de Educación Pública",
     "Certificado de secundaria; conexión a internet", "2 años 4 meses aproximadamente",
     "En línea, 24 horas al día", "Gratuito", "prepaenlinea.sep.gob.mx",
     False, ((-200, -160), (10, 50), (180, 208), (240, 277)), None),
    (C.ACADEMIC, "Educación permanente de personas adultas", "CEPER Polígono Sur (Sevilla)",
     "Mayor de 18 años; sin titulación de ESO", "Curso escolar", "Lunes a jueves 17:00–20:00",
     "Gratuito", "CEPER · 955 62 34 10", False, ((-10, 25),), (30, 270)),
    (C.JOB_TRAINING, "Curso de panadería", STYFE, "16 años o más; desempleado/a",
     "3 meses", "Lunes a viernes 9:00–13:00", "Gratuito, con beca de transporte",
     "Unidad de capacitación STyFE · 55 5709 3233", False, ((-5, 20),), (25, 85)),
    (C.JOB_TRAINING, "Curso de carpintería", STYFE, "16 años o más; desempleado/a",
     "4 meses", "Lunes a viernes 14:00–18:00", "Gratuito",
     "Unidad de capacitación STyFE · 55 5709 3233", False, ((40, 70),), (75, 195)),
    (C.JOB_TRAINING, "Barbería y serigrafía", "Centros de Culturas Urbanas (CURBA)",
     "15 años o más", "8 semanas", "Sábados 10:00–14:00", "Gratuito",
     "CURBA Álvaro Obregón", False, ((0, 14),), (15, 71)),
    (C.JOB_TRAINING, "Instalaciones eléctricas y plomería", "Laureate · Saber Hacer",
     "18 años o más; secundaria", "10 semanas", "Martes y jueves 16:00–20:00",
     "Gratuito", "saberhacer@laureate.mx", False, ((20, 45),), (50, 120)),
    (C.JOB_TRAINING, "Taller para emprendedores «Emprende»", "Fundación ProEmpleo",
     "Idea de negocio; 18 años o más", "6 semanas", "Miércoles 10:00–13:00",
     "Cuota de recuperación 300 MXN", "proempleo.org.mx · 55 5564 3360",
     False, ((-3, 12),), (14, 56)),
    (C.JOB_TRAINING, "Cursos FPO · Operaciones auxiliares de cocina", JUNTA,
     "Inscrito/a como demandante de empleo", "330 horas", "Mañanas",
     "Gratuito, con ayuda de transporte", "Oficina del SAE de referencia",
     False, ((5, 35),), (45, 150)),
    (C.JOB_TRAINING, "Escuela Taller · Jardinería y restauración", "Ayuntamiento · Escuela Taller",
     "Entre 16 y 25 años; desempleado/a", "1 año (formación y contrato)",
     "Lunes a viernes 8:00–15:00", "Remunerado (contrato para la formación)",
     "Delegación de Empleo municipal", False, ((30, 60),), (90, 455)),
    (C.JOB_TRAINING, "Taller de Empleo · Atención sociosanitaria", JUNTA,
     "25 años o más; desempleado/a", "1 año", "Lunes a viernes 8:00–15:00",
     "Remunerado", "Oficina del SAE de referencia", False, ((-40, -20),), (-15, 350)),
    (C.JOB_TRAINING, "Casas de Oficio · Albañilería", "Ayuntamiento · Casas de Oficio",
     "Entre 16 y 25 años", "1 año", "Mañanas", "Remunerado la segunda mitad",
     "Delegación de Empleo municipal", False, ((60, 90),), (100, 465)),
    (C.JOB_TRAINING, "Red de Artesanos", "Asociación de artesanos de la provincia",
     "Derivación del centro de tratamiento", "Según taller", "Talleres de tarde",
     "Gratuito", "Coordinación de incorporación social", True, (), None),
    (C.JOB_BOARD, "Portal del Empleo", "Servicio Nacional de Empleo",
     "CURP; currículum actualizado", "", "En línea", "Gratuito", "empleo.gob.mx", True, (), None),
    (C.JOB_BOARD, "Mi Primer Empleo", STYFE, "Entre 18 y 29 años; sin experiencia laboral formal",
     "Hasta 3 meses de apoyo", "", "Apoyo económico mensual",
     "Oficina de empleo STyFE", False, ((15, 40),), None),
    (C.JOB_BOARD, "Talleres para buscadores de empleo", STYFE, "Desempleado/a",
     "1 día", "Jueves 10:00–14:00", "Gratuito", "Oficina de empleo STyFE",
     False, ((0, 20),), (21, 21)),
    (C.JOB_BOARD, "Programa Arquímedes · orientación laboral", JUNTA,
     "En tratamiento o incorporación social", "Itinerario personalizado",
     "Cita previa", "Gratuito", "Centro Provincial de Drogodependencias", True, (), None),
    (C.JOB_BOARD, "Apoyo a la Práctica Laboral (SAPLA)", STYFE, "18 años o más; desempleado/a",
     "1 a 3 meses", "Jornada de la empresa", "Beca mensual", "Oficina de empleo STyFE",
     False, ((-60, -30), (25, 55)), None),
    (C.LEISURE, "PILARES · deporte, cultura y cómputo", "Gobierno de la Ciudad de México",
     "Ninguno", "", "Lunes a sábado 9:00–20:00", "Gratuito", "PILARES más cercano", True, (), None),
    (C.LEISURE, "Liga de fútbol comunitaria", "Deportivo de la Alcaldía",
     "Certificado médico", "Temporada de 4 meses", "Domingos por la mañana", "Gratuito",
     "Deportivo de la Alcaldía", False, ((-7, 10),), (14, 130)),
    (C.LEISURE, "Taller de fotografía", "Secretaría de Cultura · CURBA", "15 años o más",
     "6 semanas", "Viernes 17:00–19:00", "Gratuito", "CURBA Álvaro Obregón",
     False, ((12, 30),), (33, 75)),
    (C.OTHER_SERVICES, "Asistencia médica", "Centro de salud de referencia",
     "Documento de identidad", "", "Cita previa", "Gratuito", "Centro de salud", True, (), None),
    (C.OTHER_SERVICES, "Asistencia jurídica gratuita", "Colegio de Abogados · turno de oficio",
     "Acreditar ingresos", "", "Martes y jueves 10:00–13:00", "Gratuito",
     "Servicio de orientación jurídica", True, (), None),
    (C.OTHER_SERVICES, "Atención a la violencia", "Centro Municipal de Información a la Mujer",
     "Ninguno", "", "Lunes a viernes 9:00–14:00", "Gratuito", "016 (24 horas)", True, (), None),
    (C.OTHER_SERVICES, "Grupo de prevención de recaídas", "Centro de Tratamiento Ambulatorio",
     "Alta terapéutica o en tratamiento", "12 sesiones", "Lunes 18:00–19:30", "Gratuito",
     "CTA de referencia", False, ((-20, 5),), (7, 84)),
    (C.ACADEMIC, "Curso de informática básica (convocatoria anterior)", "PILARES",
     "Ninguno", "1 mes", "Mañanas", "Gratuito", "PILARES más cercano",
     False, ((-400, -380),), (-370, -340)),
)
# fmt: on


def _day(today: date, offset: int) -> date:
    return today + timedelta(days=offset)


def draft_of(spec: Spec, today: date) -> ResourceDraft:
    category, name, provider, requirements, duration, schedule, cost, contact = spec[:8]
    open_all_year, periods, course = spec[8:]
    return ResourceDraft(
        category=category.value,
        name=name,
        provider=provider,
        requirements=requirements,
        duration=duration,
        schedule=schedule,
        cost=cost,
        contact=contact,
        open_all_year=open_all_year,
        enrolment_periods=tuple((_day(today, a), _day(today, b)) for a, b in periods),
        starts_on=_day(today, course[0]) if course else None,
        ends_on=_day(today, course[1]) if course else None,
    )


def seed_resources(db: Database, actor: Actor, today: date) -> list[Resource]:
    """Add the demo catalogue; the last (a past edition) is kept but deactivated."""
    service = ResourceService(db)
    added = [service.add_resource(actor, draft_of(spec, today)) for spec in CATALOGUE]
    service.deactivate(actor, added[-1].id)
    return added
