"""What professionals write in the demo's forms: short, plausible, never about a real person.

Texts take `{cta}`, `{house}`, `{social}`, `{employment}`, `{papers}`, `{substance}` and
`{relative}` (Profile.terms and the person's own data, see form_values.fill_text).
"""

# Diagnosis (DSM-IV-TR, with ICD-10) and the substance as staff name it, by profile.
DIAGNOSES = {
    "Alcohol": ("Dependencia del alcohol (F10.2 / 303.90)", "alcohol"),
    "Metadona": (
        "Dependencia de opiáceos en tratamiento con agonistas (F11.22 / 304.00)",
        "heroína",
    ),
    "Heroína": ("Dependencia de opiáceos (F11.2 / 304.00)", "heroína"),
    "Heroína/Cocaína": ("Dependencia de varias sustancias (F19.2 / 304.80)", "heroína y cocaína"),
    "Cocaína": ("Dependencia de cocaína (F14.2 / 304.20)", "cocaína"),
    "Cannabis": ("Dependencia de cannabis (F12.2 / 304.30)", "cannabis"),
    "Anfetaminas": ("Dependencia de anfetaminas (F15.2 / 304.40)", "anfetaminas"),
    "Sedantes/hipnóticos": (
        "Dependencia de sedantes, hipnóticos o ansiolíticos (F13.2 / 304.10)",
        "benzodiacepinas",
    ),
    "Juego patológico": ("Juego patológico (F63.0 / 312.31)", "juego"),
    "Otras": ("Dependencia de inhalantes (F18.2 / 304.60)", "inhalantes"),
}

TEAM_REASONS = (
    "Ha completado la desintoxicación y mantiene la abstinencia según los controles; "
    "necesita un entorno protegido para consolidarla y avanzar en su incorporación sociolaboral.",
    "Carece de apoyo familiar estable y de vivienda; el equipo del {cta} considera que "
    "{house} le permitirá consolidar los logros del tratamiento.",
    "Buena adherencia al tratamiento ambulatorio; se recomienda un recurso residencial de "
    "apoyo para la búsqueda de empleo y la vida autónoma.",
)
USER_REASONS = (
    "Quiere alejarse del entorno de consumo y recuperar la relación con su familia.",
    "Desea encontrar trabajo y poder vivir de forma independiente.",
    "Dice que en su barrio le resulta muy difícil no consumir y quiere empezar de nuevo.",
    "Quiere seguir el tratamiento con apoyo y ordenar su vida.",
)
PSYCHOLOGICAL = (
    "Rasgos de impulsividad y baja tolerancia a la frustración; sin diagnóstico psiquiátrico "
    "actual. Buena capacidad de introspección.",
    "Sintomatología ansiosa leve, en seguimiento en el {cta}; sin otros diagnósticos. "
    "Estilo de relación adecuado.",
    "Autoestima baja y tendencia al aislamiento; se valora positivamente su motivación para "
    "el cambio.",
)
FAMILY = (
    "Mantiene relación con su {relative}, que actúa como familiar de referencia. "
    "Antecedentes de consumo de alcohol en la familia de origen.",
    "Relación familiar deteriorada por el consumo; en los últimos meses ha retomado el contacto "
    "con su {relative}, que apoya el ingreso.",
    "Familia de origen sin recursos para acogerle; su {relative} se implica en el proceso.",
)
EDUCATION_NOTES = {
    "Sin estudios": "Sin estudios; lee y escribe con dificultad. Se propone alfabetización.",
    "Primaria incompleta": "Estudios primarios sin terminar; interés por obtener el graduado.",
    "Primaria": "Estudios primarios; se valora la formación básica para personas adultas.",
    "Secundaria obligatoria (ESO)": "Graduado en ESO; interés por la formación profesional.",
    "Bachillerato": "Bachillerato terminado; interés por la formación para el empleo.",
    "Formación profesional": "Formación profesional terminada; experiencia en su especialidad.",
    "Universitarios": "Estudios universitarios; se valora la homologación y la orientación laboral.",
}
GUIDELINES = (
    "Trabajar la prevención de recaídas, la búsqueda activa de empleo y la gestión del ocio.",
    "Reforzar las habilidades sociales, la organización económica y el vínculo familiar.",
    "Acompañar la formación para el empleo y mantener el seguimiento del {cta}.",
)
INTEGRATION = (
    "Se ha adaptado bien a la dinámica de {house} y respeta las normas de convivencia.",
    "Adaptación progresiva: al principio le costó asumir los horarios; hoy participa en las "
    "tareas y en las asambleas.",
    "Buena integración en el grupo; colabora con sus compañeros y cumple las tareas asignadas.",
)
GENERAL_GOALS = (
    "Consolidar la abstinencia; recuperar hábitos de autonomía; iniciar un itinerario de "
    "inserción laboral; reforzar la relación familiar.",
    "Mantener la abstinencia; completar la formación básica; organizar su economía y su "
    "tiempo libre.",
)
STARTED = (
    "Entrevistas quincenales con su gestor/a de caso; taller de prevención de recaídas; "
    "inscripción como demandante de empleo.",
    "Controles toxicológicos periódicos; curso de formación; primeras salidas de fin de semana "
    "con la familia.",
)
EVOLUTION = (
    "Evolución favorable: mantiene la abstinencia en todos los controles, cumple el plan "
    "acordado y ha ganado autonomía.",
    "Evolución positiva con altibajos: tras una salida difícil se reforzó la prevención de "
    "recaídas; mantiene los objetivos.",
)
DEVELOPED = (
    "Taller de prevención de recaídas, orientación laboral con {employment} y salidas "
    "terapéuticas con su familia.",
    "Formación para el empleo, gestión de trámites ({papers}) y actividades de ocio saludable.",
)
NOTES = (
    "Sin incidencias relevantes.",
    "Se coordina el caso con {social}.",
    "Mantiene el contacto con su familia de referencia.",
)
CURRENT = {
    "terapeutica": "Se incorpora a una vivienda propia con empleo; mantiene la abstinencia.",
    "derivada": "Continúa el tratamiento en el recurso al que se deriva.",
    "voluntaria": "Abandona el programa por decisión propia; se le ofrece volver al {cta}.",
    "disciplinaria": "Sale del recurso por incumplir las normas; se informa al {cta}.",
}
CURRENT_YOUNG = {  # an adolescent goes home to the family and to school
    "terapeutica": "Vuelve al domicilio familiar y retoma los estudios; mantiene la abstinencia.",
    "derivada": "Continúa el tratamiento en el recurso al que se deriva, con su familia.",
    "voluntaria": "Vuelve con su familia por decisión propia; se le ofrece volver al {cta}.",
    "disciplinaria": "Sale del recurso por incumplir las normas; vuelve con su familia.",
}
PROPOSALS = {
    "terapeutica": "Seguimiento ambulatorio en el {cta} y grupo de prevención de recaídas.",
    "derivada": "Continuidad del tratamiento en el recurso de destino, coordinada con el {cta}.",
    "voluntaria": "Retomar el tratamiento ambulatorio en el {cta}; puerta abierta a una nueva "
    "derivación.",
    "disciplinaria": "Valoración en el {cta}; una nueva admisión requiere un nuevo protocolo.",
}
QUESTIONNAIRE_COMMENTS = (
    "Me he sentido escuchado/a y apoyado/a.",
    "Gracias al equipo por la paciencia.",
    "Las salidas con mi familia me ayudaron mucho.",
)
QUESTIONNAIRE_IMPROVEMENTS = (
    "Más actividades los fines de semana.",
    "Que las habitaciones sean individuales.",
    "Más horas con el/la educador/a por la tarde.",
)
NEED_TEXT = {
    "leve": "Necesidad leve: se atiende con recursos propios.",
    "moderada": "Necesita apoyo y seguimiento en esta área.",
    "alta": "Necesidad prioritaria: se aborda en el plan desde el inicio.",
}
STRENGTHS = (
    "Motivación para el cambio y buena relación con su familia de referencia.",
    "Experiencia laboral previa y habilidades manuales.",
    "Constancia en el tratamiento y capacidad para pedir ayuda.",
)
APPROACH = (
    "Se acuerdan con la persona los objetivos prioritarios del plan.",
    "Se tiene en cuenta su situación familiar al proponer los horarios del plan.",
)
