"""Templates of the reintegration plan: the objectives of `003_…` §7 and the activities of §8.

Plain data. The titles and descriptions are the seed's words, verbatim; the indicator and
the target of each objective are suggestions (editable) so that every objective starts
measurable. Codes are stable: a stored objective keeps the `template_code` it came from.
"""

from dataclasses import dataclass

from reinsercion_desktop.domain.enums import PlanArea

GENERAL_GOAL = "Promover y facilitar la Incorporación Social desde la autonomía personal."


@dataclass(frozen=True)
class ObjectiveTemplate:
    code: str
    area: PlanArea
    title: str
    indicator: str
    target: str


@dataclass(frozen=True)
class ActivityTemplate:
    code: str
    areas: tuple[PlanArea, ...]  # §8 groups differ from §7's areas: some serve two
    description: str


def _o(code: str, area: PlanArea, title: str, indicator: str, target: str) -> ObjectiveTemplate:
    return ObjectiveTemplate(code, area, title, indicator, target)


_H, _TW, _LE = PlanArea.HEALTH, PlanArea.TRAINING_WORK, PlanArea.LEGAL
_FA, _SO, _LS, _PE = PlanArea.FAMILY, PlanArea.SOCIAL, PlanArea.LEISURE, PlanArea.PERSONAL

OBJECTIVE_TEMPLATES: tuple[ObjectiveTemplate, ...] = (
    _o(
        "SAN-1",
        _H,
        "Realizar un adecuado seguimiento de la evolución del usuario/a en el Programa de "
        "tratamiento con Metadona.",
        "Acude a las citas de dispensación y revisión del PTM",
        "100 % de las citas del mes",
    ),
    _o(
        "SAN-2",
        _H,
        "Incentivar la adquisición y mantenimiento de comportamientos y actitudes (hábitos) "
        "destinados a lograr un estilo de vida saludable.",
        "Rutina diaria de sueño, alimentación e higiene cumplida; controles toxicológicos",
        "4 semanas seguidas con la rutina cumplida y controles negativos",
    ),
    _o(
        "FL-1",
        _TW,
        "Continuar facilitando la adquisición y desarrollo de hábitos laborales normalizados.",
        "Asistencia puntual a las actividades y tareas acordadas",
        "90 % de asistencia puntual en el mes",
    ),
    _o(
        "FL-2",
        _TW,
        "Acciones formativas generales.",
        "Acciones formativas iniciadas y terminadas",
        "Terminar al menos una acción formativa",
    ),
    _o(
        "FL-3",
        _TW,
        "Ayudar a descubrir las habilidades, actitudes, conocimientos y aptitudes que posean y "
        "en función de éstas, de la situación del mercado (oferta de empleo) y entorno local, "
        "determinar cuales pueden ser sus posibilidades laborales.",
        "Perfil profesional elaborado con el/la técnico/a",
        "Perfil y objetivo profesional escritos",
    ),
    _o(
        "FL-4",
        _TW,
        "Tener acceso y/o adquirir y/o mejorar la preparación técnica para poder acceder con "
        "garantía de éxito al mercado de trabajo.",
        "Curso de capacitación para el empleo realizado",
        "Certificado de un curso obtenido",
    ),
    _o(
        "FL-5",
        _TW,
        "Ayudar a conocer y comprender la dinámica del mercado laboral y los mecanismos de los "
        "sistemas de trabajo (técnicas, materiales...).",
        "Sesiones de orientación laboral a las que asiste",
        "Al menos 4 sesiones",
    ),
    _o(
        "FL-6",
        _TW,
        "Entrenar en técnicas de búsqueda de empleo y establecer acciones y estrategias "
        "efectivas para lograrlo.",
        "Currículum al día; candidaturas enviadas y entrevistas de trabajo",
        "10 candidaturas al mes",
    ),
    _o(
        "FL-7",
        _TW,
        "Propiciar el conocimiento directo del trabajo.",
        "Prácticas o visitas a empresas realizadas",
        "Una experiencia de prácticas o visita a empresa",
    ),
    _o(
        "FL-8",
        _TW,
        "Fomentar la formación académica según las necesidades y capacidades de los/as "
        "usuarios/as.",
        "Matrícula y asistencia a la formación reglada",
        "Matriculado/a y 80 % de asistencia",
    ),
    _o(
        "LEG-1",
        _LE,
        "Informar y orientar.",
        "Situación legal revisada con la persona",
        "Conoce sus procedimientos pendientes y sus fechas",
    ),
    _o(
        "LEG-2",
        _LE,
        "Fomentar un actitud independiente en la gestión (trámites) de las circunstancias: "
        "judiciales, penales, administrativas, económicas...",
        "Trámites que hace por sí mismo/a",
        "Todos los trámites del periodo hechos por sí mismo/a",
    ),
    _o(
        "FAM-1",
        _FA,
        "Favorecer el establecimiento o recuperación de relaciones satisfactorias con la "
        "familia de origen y/o propia (si procede).",
        "Contactos con la familia (llamadas, visitas)",
        "Un contacto a la semana",
    ),
    _o(
        "FAM-2",
        _FA,
        "Promover la implicación familiar.",
        "Entrevistas o acogidas con la familia",
        "Una entrevista familiar al trimestre",
    ),
    _o(
        "SOC-1",
        _SO,
        "Fomentar la creación y mantenimiento de un sistema de relaciones adecuado que le "
        "permita formar parte del entramado social normalizado.",
        "Actividades con personas fuera del entorno de consumo",
        "Participa en un grupo o actividad comunitaria",
    ),
    _o(
        "SOC-2",
        _SO,
        "Informar, orientar y motivar para la utilización de los recursos sociales normalizados.",
        "Recursos sociales normalizados que utiliza",
        "Utiliza al menos 2 recursos",
    ),
    _o(
        "OCI-1",
        _LS,
        "Favorecer la estructuración y aprovechamiento del tiempo libre de forma creativa y "
        "gratificante.",
        "Plan semanal de tiempo libre cumplido",
        "4 semanas seguidas",
    ),
    _o(
        "OCI-2",
        _LS,
        "Fomentar la participación en actividades culturales, recreativas y deportivas.",
        "Actividades culturales, recreativas o deportivas a las que asiste",
        "2 actividades al mes",
    ),
    _o(
        "DP-1",
        _PE,
        "Fomentar la adquisición y/o consolidación de conocimientos y habilidades que permitan "
        "el proceso de maduración personal y desarrollo profesional.",
        "Sesiones de talleres de habilidades a las que asiste",
        "80 % de las sesiones",
    ),
    _o(
        "DP-2",
        _PE,
        "Consolidar estrategias y técnicas para prevenir consumos y/o para su afrontamiento.",
        "Plan de prevención de recaídas; controles toxicológicos",
        "Plan escrito y controles negativos durante el plazo",
    ),
    _o(
        "DP-3",
        _PE,
        "Orientar en solución de problemas y toma de decisiones promoviendo el desarrollo de "
        "su autonomía.",
        "Gestiones acordadas que resuelve con autonomía",
        "Todas las gestiones del mes resueltas sin ayuda",
    ),
)

ACTIVITY_TEMPLATES: tuple[ActivityTemplate, ...] = (
    ActivityTemplate(
        "ACT-SAN-1", (_H,), "Coordinación con Atención Primaria y Especializada de Salud."
    ),
    ActivityTemplate("ACT-SAN-2", (_H,), "Custodia de fármacos."),
    ActivityTemplate("ACT-SAN-3", (_H, _PE), "Actividades de educación y promoción para la salud."),
    ActivityTemplate("ACT-EDU-1", (_TW,), "Talleres de formación educativa y técnicas de estudio."),
    ActivityTemplate("ACT-EDU-2", (_LS,), "Actividades deportivas."),
    ActivityTemplate(
        "ACT-SOC-1",
        (_LE,),
        "Seguimiento judicial: dirigida a usuarios/as con procedimientos judiciales o "
        "administrativos pendientes.",
    ),
    ActivityTemplate(
        "ACT-SOC-2",
        (_SO,),
        "Coordinación con recursos generales y específicos de Incorporación Social: dirigida "
        "a usuarios/as que necesiten ser derivados a Centros de Día, Red de Artesanos, etc.",
    ),
    ActivityTemplate(
        "ACT-SOC-3", (_FA,), "Familiar: acogidas, entrevistas y coordinación con el CTA derivador."
    ),
    ActivityTemplate(
        "ACT-SOC-4",
        (_SO, _PE),
        "Otras actividades específicas que procedan según circunstancias sociales.",
    ),
    ActivityTemplate("ACT-FOR-1", (_TW,), "Información y motivación de la Formación Reglada."),
    ActivityTemplate("ACT-FOR-2", (_TW,), "Cursos FPO."),
    ActivityTemplate("ACT-FOR-3", (_TW,), "Red de Artesanos."),
    ActivityTemplate("ACT-FOR-4", (_TW,), "Taller de Empleo."),
    ActivityTemplate("ACT-FOR-5", (_TW,), "Escuela Taller."),
    ActivityTemplate("ACT-FOR-6", (_TW,), "Casas de Oficio."),
    ActivityTemplate("ACT-LAB-1", (_TW, _PE), "Autoestima e identidad profesional."),
    ActivityTemplate("ACT-LAB-2", (_TW,), "Conocimiento del mundo laboral."),
    ActivityTemplate("ACT-LAB-3", (_TW,), "Arquímedes."),
    ActivityTemplate(
        "ACT-LAB-4",
        (_TW,),
        "Información de aspectos del mundo laboral (sectores emergentes, productivos, bolsas "
        "de trabajo, modalidades de contrato, situación de la demanda y oferta, condiciones "
        "laborales).",
    ),
    ActivityTemplate(
        "ACT-LAB-5",
        (_TW,),
        "Información y orientación sobre recursos normalizados de orientación laboral. "
        "Derivación y coordinación del seguimiento cuando proceda.",
    ),
    ActivityTemplate("ACT-LAB-6", (_TW,), "Formación y asesoramiento en autoempleo."),
    ActivityTemplate("ACT-LAB-7", (_TW,), "Técnicas de búsqueda de empleo."),
    ActivityTemplate(
        "ACT-LAB-8",
        (_TW,),
        "Mantenimiento del puesto de trabajo: Reforzar el acompañamiento y asesoramiento.",
    ),
)

# The needs-assessment areas of `valoracion-inicial` (field `necesidades`) → the objective
# templates worth proposing when the need is moderate or high. SAN-1 (methadone) is proposed
# only for a person in a PTM.
NEED_TEMPLATES: dict[str, tuple[str, ...]] = {
    "vivienda": ("SOC-2", "LEG-2"),
    "empleo": ("FL-1", "FL-3", "FL-6"),
    "formacion_academica": ("FL-2", "FL-8"),
    "habilidades": ("DP-1", "DP-3"),
    "ocio_saludable": ("OCI-1", "OCI-2"),
    "salud": ("SAN-1", "SAN-2", "DP-2"),
    "juridica": ("LEG-1", "LEG-2"),
    "familiar": ("FAM-1", "FAM-2"),
    "violencia": ("FAM-1", "DP-3"),
    "otros": ("SOC-1", "SOC-2"),
}
PROPOSING_LEVELS = frozenset({"moderada", "alta"})
METHADONE_TEMPLATE = "SAN-1"

_BY_CODE = {template.code: template for template in OBJECTIVE_TEMPLATES}
_ACTIVITY_BY_CODE = {template.code: template for template in ACTIVITY_TEMPLATES}


def objective_template(code: str) -> ObjectiveTemplate | None:
    return _BY_CODE.get(code)


def activity_template(code: str) -> ActivityTemplate | None:
    return _ACTIVITY_BY_CODE.get(code)


def objective_templates_for(area: str) -> list[ObjectiveTemplate]:
    return [template for template in OBJECTIVE_TEMPLATES if template.area == area]


def activity_templates_for(area: str) -> list[ActivityTemplate]:
    return [template for template in ACTIVITY_TEMPLATES if area in template.areas]


def need_areas(levels: dict[str, str]) -> list[str]:
    """The assessed areas rated moderate or high, in the form's order."""
    return [need for need in NEED_TEMPLATES if levels.get(need) in PROPOSING_LEVELS]


def proposed_templates(levels: dict[str, str], *, ptm: bool) -> list[ObjectiveTemplate]:
    """Objective templates for the needs rated moderate or high, each once, in §7's order."""
    codes = {code for need in need_areas(levels) for code in NEED_TEMPLATES[need]}
    if not ptm:
        codes.discard(METHADONE_TEMPLATE)
    return [template for template in OBJECTIVE_TEMPLATES if template.code in codes]


def assessment_levels(data: dict) -> dict[str, str]:
    """{need area: level} from a valoracion-inicial's values (fixed table: row → {column})."""
    table = data.get("necesidades")
    if not isinstance(table, dict):
        return {}
    return {
        row: str(cells.get("nivel") or "")
        for row, cells in table.items()
        if isinstance(cells, dict)
    }
