"""The Álvaro Obregón catalogue and monthly offer of `000_…` (Mexico City), for the `cdmx`
demo and the bulletin's tests: INEA/MEVyT, Preparatoria Abierta, Prepa en Línea, the
Secretaría del Trabajo y Fomento al Empleo (STyFE), CURBA, Laureate «Saber Hacer»,
Fundación ProEmpleo, PILARES, and the other services the seed lists."""

from reinsercion_desktop.demo.resources_spec import Spec
from reinsercion_desktop.domain.enums import ResourceCategory as C

INEA_REQUIREMENTS = (
    "15 años cumplidos; acta de nacimiento; CURP; 3 fotografías blanco y negro "
    "(papel mate); saber leer y escribir"
)
INEA = "Instituto Nacional para la Educación de los Adultos (INEA)"
INEA_CONTACT = "Plaza comunitaria de la Alcaldía · 55 5241 2700"
STYFE = "Secretaría del Trabajo y Fomento al Empleo CDMX (STyFE)"
STYFE_TRAINING = "Unidad de capacitación STyFE · 55 5709 3233"
STYFE_OFFICE = "Unidad Regional de Empleo Álvaro Obregón · 55 5276 6850"
LAUREATE = "Laureate · Saber Hacer"
CURBA = "Centros de Culturas Urbanas (CURBA)"

# fmt: off
CDMX_CATALOGUE: tuple[Spec, ...] = (
    (C.ACADEMIC, "INEA · MEVyT Primaria", INEA, INEA_REQUIREMENTS, "6 a 12 meses",
     "Asesorías 6 horas semanales", "Gratuito", INEA_CONTACT, True, (), None),
    (C.ACADEMIC, "INEA · MEVyT Secundaria", INEA,
     INEA_REQUIREMENTS + "; boletas del sistema escolarizado (para revalidación)",
     "6 a 12 meses", "Asesorías 6 horas semanales", "Gratuito", INEA_CONTACT, True, (), None),
    (C.ACADEMIC, "Preparatoria Abierta", "Dirección General del Bachillerato (SEP)",
     "Secundaria concluida o estudios parciales de media superior",
     "Variable (depende del estudiante)", "A su ritmo; asesorías opcionales",
     "Trámite gratuito", "preparatoriaabierta.sep.gob.mx", True, (), None),
    (C.ACADEMIC, "Prepa en Línea", "Secretaría de Educación Pública",
     "Certificado de secundaria; conexión a internet", "2 años 4 meses aproximadamente",
     "En línea, 24 horas al día", "Gratuito", "prepaenlinea.sep.gob.mx",
     False, ((-200, -160), (10, 50), (180, 208), (240, 277)), None),
    (C.ACADEMIC, "Asesorías de bachillerato en PILARES", "PILARES Olivar del Conde",
     "Secundaria concluida", "Ciclo de 6 meses", "Lunes a viernes 16:00–19:00", "Gratuito",
     "PILARES Olivar del Conde · 55 5643 1120", False, ((-10, 25),), (30, 210)),
    (C.JOB_TRAINING, "Curso de panadería", STYFE, "16 años o más; desempleado/a",
     "3 meses", "Lunes a viernes 9:00–13:00", "Gratuito, con beca de transporte",
     STYFE_TRAINING, False, ((-5, 20),), (25, 85)),
    (C.JOB_TRAINING, "Curso de carpintería", STYFE, "16 años o más; desempleado/a",
     "4 meses", "Lunes a viernes 14:00–18:00", "Gratuito", STYFE_TRAINING,
     False, ((40, 70),), (75, 195)),
    (C.JOB_TRAINING, "Curso de bisutería", STYFE, "16 años o más", "6 semanas",
     "Martes y jueves 10:00–13:00", "Gratuito", STYFE_TRAINING, False, ((2, 18),), (21, 63)),
    (C.JOB_TRAINING, "Asistente administrativo/a", STYFE,
     "Secundaria concluida; desempleado/a", "3 meses", "Lunes a viernes 9:00–13:00",
     "Gratuito, con beca de capacitación", STYFE_TRAINING, False, ((15, 40),), (45, 135)),
    (C.JOB_TRAINING, "Capacitación para el Trabajo (SCAPAT)", STYFE,
     "16 años o más; desempleado/a o subempleado/a", "1 a 3 meses", "Según el curso",
     "Beca mensual y ayuda de transporte", STYFE_OFFICE, False, ((-12, 16),), (20, 110)),
    (C.JOB_TRAINING, "Fomento al autoempleo", STYFE,
     "Proyecto de negocio; 18 años o más", "Hasta 6 meses de acompañamiento", "Cita previa",
     "Entrega de equipo y herramienta", STYFE_OFFICE, False, ((30, 60),), None),
    (C.JOB_TRAINING, "Barbería y serigrafía", CURBA, "15 años o más", "8 semanas",
     "Sábados 10:00–14:00", "Gratuito", "CURBA Álvaro Obregón", False, ((0, 14),), (15, 71)),
    (C.JOB_TRAINING, "Trenzado y depilación con hilo", CURBA, "15 años o más", "6 semanas",
     "Viernes 15:00–18:00", "Gratuito", "CURBA Álvaro Obregón", False, ((20, 35),), (38, 80)),
    (C.JOB_TRAINING, "Instalaciones eléctricas y plomería", LAUREATE,
     "18 años o más; secundaria", "10 semanas", "Martes y jueves 16:00–20:00", "Gratuito",
     "saberhacer@laureate.mx", False, ((20, 45),), (50, 120)),
    (C.JOB_TRAINING, "Cocina fría", LAUREATE, "18 años o más", "8 semanas",
     "Lunes y miércoles 10:00–13:00", "Gratuito", "saberhacer@laureate.mx",
     False, ((-8, 10),), (14, 70)),
    (C.JOB_TRAINING, "Computación básica e inglés", LAUREATE, "Saber leer y escribir",
     "12 semanas", "Sábados 9:00–13:00", "Gratuito", "saberhacer@laureate.mx",
     False, ((45, 75),), (80, 164)),
    (C.JOB_TRAINING, "Taller para emprendedores «Emprende»", "Fundación ProEmpleo",
     "Idea de negocio; 18 años o más", "6 semanas", "Miércoles 10:00–13:00",
     "Cuota de recuperación 300 MXN", "proempleo.org.mx · 55 5564 3360",
     False, ((-3, 12),), (14, 56)),
    (C.JOB_TRAINING, "Habilidades empresariales para jóvenes", "Fundación ProEmpleo",
     "Entre 19 y 25 años", "5 semanas", "Jueves 16:00–19:00", "Gratuito",
     "proempleo.org.mx · 55 5564 3360", False, ((35, 55),), (60, 95)),
    (C.JOB_BOARD, "Portal del Empleo", "Servicio Nacional de Empleo",
     "CURP; currículum actualizado", "", "En línea", "Gratuito", "empleo.gob.mx", True, (), None),
    (C.JOB_BOARD, "Mi Primer Empleo", STYFE, "Entre 18 y 29 años; sin experiencia laboral formal",
     "Hasta 3 meses de apoyo", "", "Apoyo económico mensual", STYFE_OFFICE,
     False, ((15, 40),), None),
    (C.JOB_BOARD, "Talleres para buscadores de empleo", STYFE, "Desempleado/a",
     "1 día", "Jueves 10:00–14:00", "Gratuito", STYFE_OFFICE, False, ((0, 20),), (21, 21)),
    (C.JOB_BOARD, "Vinculación laboral · ferias de empleo", STYFE, "CURP; currículum",
     "", "Cita previa", "Gratuito", STYFE_OFFICE, True, (), None),
    (C.JOB_BOARD, "Apoyo a la Práctica Laboral (SAPLA)", STYFE, "18 años o más; desempleado/a",
     "1 a 3 meses", "Jornada de la empresa", "Beca mensual", STYFE_OFFICE,
     False, ((-60, -30), (25, 55)), None),
    (C.LEISURE, "PILARES · deporte, cultura y cómputo", "Gobierno de la Ciudad de México",
     "Ninguno", "", "Lunes a sábado 9:00–20:00", "Gratuito", "PILARES más cercano", True, (), None),
    (C.LEISURE, "Liga de fútbol comunitaria", "Deportivo Plateros · Alcaldía Álvaro Obregón",
     "Certificado médico", "Temporada de 4 meses", "Domingos por la mañana", "Gratuito",
     "Deportivo Plateros", False, ((-7, 10),), (14, 130)),
    (C.LEISURE, "Taller de fotografía", "Secretaría de Cultura · CURBA", "15 años o más",
     "6 semanas", "Viernes 17:00–19:00", "Gratuito", "CURBA Álvaro Obregón",
     False, ((12, 30),), (33, 75)),
    (C.OTHER_SERVICES, "Asistencia médica", "Centro de Salud T-III Dr. Manuel Escontría",
     "CURP", "", "Lunes a viernes 8:00–19:00", "Gratuito", "55 5593 0740", True, (), None),
    (C.OTHER_SERVICES, "Asistencia jurídica gratuita", "Defensoría Pública de la Ciudad de México",
     "Identificación oficial", "", "Lunes a viernes 9:00–15:00", "Gratuito",
     "Módulo de orientación de la Alcaldía", True, (), None),
    (C.OTHER_SERVICES, "Atención a la violencia", "Centro de Justicia para las Mujeres",
     "Ninguno", "", "Las 24 horas", "Gratuito", "Línea Mujeres 55 5658 1111", True, (), None),
    (C.OTHER_SERVICES, "Grupo de prevención de recaídas", "Centro de Integración Juvenil",
     "En tratamiento o egresado/a", "12 sesiones", "Lunes 18:00–19:30", "Gratuito",
     "CIJ Álvaro Obregón Poniente", False, ((-20, 5),), (7, 84)),
    (C.ACADEMIC, "Curso de informática básica (convocatoria anterior)", "PILARES",
     "Ninguno", "1 mes", "Mañanas", "Gratuito", "PILARES más cercano",
     False, ((-400, -380),), (-370, -340)),
)
# fmt: on
