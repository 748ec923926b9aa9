"""Case-work texts of the Mexico City demo (Álvaro Obregón, `000_…`)."""

from reinsercion_desktop.demo.case_texts import JOB_NOTES, REVIEW_SUMMARIES, CaseTexts
from reinsercion_desktop.domain.enums import ServiceKind

CDMX_CASE_TEXTS = CaseTexts(
    interview_notes=(
        "Buena adaptación a la casa. Cumple horarios, tareas y asambleas.",
        "Refiere ansiedad los fines de semana; se trabajan estrategias de afrontamiento.",
        "Ha asistido a todas sus citas en el CAPA. Pruebas de detección negativas.",
        "Revisa con su gestor/a la bolsa de trabajo de la STyFE: acude a dos entrevistas.",
        "Contacto positivo con su mamá; se valora una salida de fin de semana.",
        "Conflicto con un compañero de la casa; se media y se acuerdan reglas.",
        "Empezó las asesorías del INEA; quiere presentar el examen de primaria.",
        "Se revisan gastos y ahorro: administra sus ingresos con autonomía.",
        "Bajo estado de ánimo tras una mala noticia familiar; se refuerza el acompañamiento.",
        "Prepara la documentación para tramitar su credencial del INE y el acta de nacimiento.",
    ),
    review_summaries=REVIEW_SUMMARIES,
    commitments=(
        "Asistir a las entrevistas quincenales y a las asesorías acordadas, y mantener las "
        "pruebas negativas. El equipo acompaña los trámites y coordina con el CAPA.",
        "Cumplir el plan semanal de búsqueda de empleo y el reglamento de la casa. El equipo "
        "vincula con la bolsa de trabajo de la STyFE y revisa el plan cada dos meses.",
    ),
    conference_decisions=(
        "Se acuerda mantener el plan y reforzar la vinculación laboral; el CAPA sigue el "
        "tratamiento y el DIF tramita el apoyo económico.",
        "Se acuerda la vinculación al curso de la STyFE y revisar en un mes la asistencia.",
        "Se acuerda acompañar a la audiencia pendiente y coordinar con la Defensoría Pública.",
    ),
    conference_tasks=(
        ("Tramitar el Seguro de Desempleo de la Ciudad de México", "STyFE"),
        ("Enviar informe de evolución al CAPA", "Programa (gestor/a de caso)"),
        ("Inscribir en las asesorías del INEA", "Plaza comunitaria INEA"),
        ("Revisar el plan de tratamiento", "CAPA de referencia"),
        ("Acompañar a la audiencia en el juzgado", "Programa (gestor/a de caso)"),
    ),
    conference_guests=(
        ("Leticia Galván Ochoa", "CAPA de referencia"),
        ("Hugo Benítez Rangel", "DIF Álvaro Obregón"),
        ("Rocío Beltrán Solís", "Secretaría del Trabajo y Fomento al Empleo"),
    ),
    contact_entities={
        ServiceKind.HEALTH: (
            ("Centro de Salud T-III Dr. Manuel Escontría", "Sandra Olmos Pineda"),
        ),
        ServiceKind.ADDICTION: (("CAPA Olivar del Conde", "Leticia Galván Ochoa"),),
        ServiceKind.SOCIAL: (("DIF Álvaro Obregón", "Hugo Benítez Rangel"),),
        ServiceKind.EMPLOYMENT: (("Unidad de Empleo STyFE Álvaro Obregón", "Rocío Beltrán Solís"),),
        ServiceKind.JUSTICE: (("Defensoría Pública de la Ciudad de México", "Mario Cuevas Lira"),),
        ServiceKind.EDUCATION: (("Plaza comunitaria INEA Jalalpa", "Teresa Ayala Ruiz"),),
    },
    employers=(
        "Panificadora La Espiga S.A. de C.V.",
        "Lavandería Industrial del Poniente",
        "Mensajería Rápida Tolteca",
        "Cocina Económica Doña Lupe",
        "Carpintería Hermanos Rosas",
    ),
    insertion_companies=(
        "Cooperativa Manos que Construyen",
        "Empresa social Panadería Pan de Vida",
        "Cooperativa de reciclaje Tierra Nueva",
    ),
    positions=(
        "Ayudante de panadería",
        "Auxiliar de limpieza",
        "Repartidor/a",
        "Ayudante de cocina",
        "Ayudante de carpintería",
    ),
    job_notes=JOB_NOTES,
)
