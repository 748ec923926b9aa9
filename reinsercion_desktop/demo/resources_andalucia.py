"""The Andalusian resource catalogue of the default demo: the training and employment
resources of `003_…` §8 (Formación Profesional para el Empleo, Red de Artesanos, Taller
de Empleo, Escuela Taller, Arquímedes) with the Junta de Andalucía, the Servicio Andaluz
de Empleo (SAE), the ayuntamientos and the entidades del tercer sector that offer them."""

from reinsercion_desktop.demo.resources_spec import Spec
from reinsercion_desktop.domain.enums import ResourceCategory as C

JUNTA_EDU = "Junta de Andalucía · Consejería de Desarrollo Educativo y Formación Profesional"
SAE = "Junta de Andalucía · Servicio Andaluz de Empleo (SAE)"
SAE_CONTACT = "Oficina del SAE de referencia · 955 62 56 95"
CEPER = "CEPER Polígono Sur (Sevilla)"
CEPER_CONTACT = "CEPER Polígono Sur · 955 62 34 10"
FPE = "Formación Profesional para el Empleo (FPE) · "
AYTO = "Ayuntamiento de Sevilla · Delegación de Empleo"
AYTO_CONTACT = "Delegación de Empleo · 955 47 09 00"
COMISIONADO = "Junta de Andalucía · Comisionado para las Drogodependencias"

# fmt: off
ANDALUSIAN_CATALOGUE: tuple[Spec, ...] = (
    (C.ACADEMIC, "Plan educativo de formación básica para personas adultas", CEPER,
     "Mayor de 18 años; sin titulación de ESO", "Curso escolar", "Lunes a jueves 17:00–20:00",
     "Gratuito", CEPER_CONTACT, False, ((-10, 25),), (30, 270)),
    (C.ACADEMIC, "Preparación de la prueba libre del título de Graduado en ESO", CEPER,
     "Mayor de 18 años", "5 meses", "Martes y jueves 10:00–13:00", "Gratuito", CEPER_CONTACT,
     False, ((5, 40),), (45, 195)),
    (C.ACADEMIC, "ESPA semipresencial (Educación Secundaria para Personas Adultas)", JUNTA_EDU,
     "Mayor de 18 años", "Dos cursos (cuatro módulos)", "Tutorías semanales y plataforma en línea",
     "Gratuito", "IES con enseñanzas de adultos de la zona", False, ((-30, -5), (200, 230)), None),
    (C.ACADEMIC, "Bachillerato para personas adultas a distancia (IEDA)",
     "Instituto de Enseñanzas a Distancia de Andalucía", "Título de Graduado en ESO",
     "2 cursos", "En línea, con tutorías", "Gratuito", "ieda.ced.junta-andalucia.es",
     False, ((160, 200),), None),
    (C.ACADEMIC, "Preparación de la prueba de acceso a ciclos de grado medio", CEPER,
     "Mayor de 17 años sin título de ESO", "4 meses", "Lunes y miércoles 17:00–19:30",
     "Gratuito", CEPER_CONTACT, False, ((20, 50),), (55, 175)),
    (C.ACADEMIC, "Español para personas extranjeras", "Cruz Roja Española · Sevilla",
     "Ninguno", "Trimestral", "Lunes a jueves 10:00–12:00", "Gratuito",
     "Cruz Roja Sevilla · 954 37 61 13", True, (), None),
    (C.JOB_TRAINING, FPE + "Operaciones básicas de cocina (HOTR0108)", SAE,
     "Inscrito/a como demandante de empleo", "350 horas", "Lunes a viernes 9:00–14:00",
     "Gratuito, con ayuda de transporte", SAE_CONTACT, False, ((5, 35),), (45, 150)),
    (C.JOB_TRAINING, FPE + "Actividades auxiliares de almacén (COML0110)", SAE,
     "Inscrito/a como demandante de empleo", "210 horas", "Lunes a viernes 9:00–14:00",
     "Gratuito, con ayuda de transporte", SAE_CONTACT, False, ((-6, 14),), (20, 80)),
    (C.JOB_TRAINING, FPE + "Limpieza de superficies y mobiliario (SSCM0108)", SAE,
     "Inscrito/a como demandante de empleo", "230 horas", "Lunes a viernes 15:00–20:00",
     "Gratuito", SAE_CONTACT, False, ((30, 60),), (70, 140)),
    (C.JOB_TRAINING, "Taller de Empleo · Atención sociosanitaria", SAE,
     "25 años o más; desempleado/a", "1 año (formación y contrato)", "Lunes a viernes 8:00–15:00",
     "Remunerado (contrato para la formación)", SAE_CONTACT, False, ((-40, -20),), (-15, 350)),
    (C.JOB_TRAINING, "Escuela Taller · Jardinería y restauración", AYTO,
     "Entre 16 y 25 años; desempleado/a", "1 año (formación y contrato)",
     "Lunes a viernes 8:00–15:00", "Remunerado (contrato para la formación)", AYTO_CONTACT,
     False, ((30, 60),), (90, 455)),
    (C.JOB_TRAINING, "Red de Artesanos", COMISIONADO,
     "Derivación del centro de tratamiento", "Según taller", "Talleres de tarde", "Gratuito",
     "Centro Provincial de Drogodependencias · 955 04 20 00", True, (), None),
    (C.JOB_TRAINING, "Punto Formativo Incorpora · Auxiliar de ayuda a domicilio",
     "Fundación «la Caixa» · Programa Incorpora", "Mayor de 18 años; en búsqueda de empleo",
     "300 horas con prácticas", "Lunes a viernes 9:00–13:30", "Gratuito",
     "Técnica Incorpora de Cruz Roja · 954 37 61 13", False, ((-3, 18),), (25, 120)),
    (C.JOB_TRAINING, "Carné de carretillero/a (manipulación de carretillas elevadoras)",
     "Fundación Don Bosco", "Mayor de 18 años", "40 horas", "Sábados 9:00–14:00",
     "Gratuito para personas derivadas", "Fundación Don Bosco · 954 90 98 34",
     False, ((40, 55),), (60, 88)),
    (C.JOB_BOARD, "Andalucía Orienta · orientación laboral", SAE + " · Cruz Roja",
     "Inscrito/a como demandante de empleo", "Itinerario personalizado", "Cita previa",
     "Gratuito", "Unidad Andalucía Orienta · 954 37 61 13", True, (), None),
    (C.JOB_BOARD, "Programa Arquímedes · incentivos a la contratación", COMISIONADO,
     "En tratamiento o incorporación social", "Contrato de 6 meses o más", "",
     "Incentivo a la empresa contratante", "Centro Provincial de Drogodependencias",
     True, (), None),
    (C.JOB_BOARD, "Intermediación laboral Incorpora", "Fundación «la Caixa» · Programa Incorpora",
     "Mayor de 18 años", "", "Cita previa", "Gratuito", "incorpora@cruzroja.es", True, (), None),
    (C.JOB_BOARD, "Plan de Empleo de Cruz Roja · itinerarios integrados", "Cruz Roja Española",
     "Mayor de 18 años en situación de vulnerabilidad", "6 a 9 meses", "Cita previa",
     "Gratuito", "Cruz Roja Sevilla · 954 37 61 13", False, ((-15, 15), (165, 195)), None),
    (C.JOB_BOARD, "Bolsa de empleo municipal", AYTO, "Empadronamiento en el municipio", "",
     "En línea y cita previa", "Gratuito", AYTO_CONTACT, False, ((10, 30),), None),
    (C.LEISURE, "Deporte en los barrios", "Ayuntamiento de Sevilla · Instituto Municipal de Deportes",
     "Ninguno", "Temporada de 8 meses", "Martes y jueves 18:00–19:30", "Gratuito",
     "Centro deportivo del distrito · 955 47 14 00", False, ((-7, 10),), (14, 250)),
    (C.LEISURE, "Huertos urbanos del Parque Miraflores", "Ayuntamiento de Sevilla",
     "Empadronamiento en el municipio", "1 año", "Mañanas", "Gratuito",
     "Comisión de huertos · 954 36 36 42", False, ((20, 45),), (60, 425)),
    (C.LEISURE, "Taller de teatro social", "Asociación cultural Tramallol",
     "Ninguno", "3 meses", "Miércoles 18:00–20:00", "Gratuito", "tramallol@tramallol.org",
     False, ((0, 21),), (28, 118)),
    (C.LEISURE, "Club de lectura de la biblioteca", "Red de Bibliotecas Municipales de Sevilla",
     "Carné de biblioteca", "", "Jueves 18:00–19:30", "Gratuito", "Biblioteca del distrito",
     True, (), None),
    (C.OTHER_SERVICES, "Atención primaria de salud", "Servicio Andaluz de Salud (SAS)",
     "Tarjeta sanitaria", "", "Cita previa (ClicSalud+)", "Gratuito", "Centro de salud de referencia",
     True, (), None),
    (C.OTHER_SERVICES, "Servicio de orientación jurídica gratuita", "Ilustre Colegio de Abogados de Sevilla",
     "Acreditar ingresos", "", "Martes y jueves 10:00–13:00", "Gratuito",
     "Servicio de Orientación Jurídica · 954 50 27 57", True, (), None),
    (C.OTHER_SERVICES, "Centro Municipal de Información a la Mujer", "Ayuntamiento de Sevilla",
     "Ninguno", "", "Lunes a viernes 9:00–14:00", "Gratuito", "016 (24 horas)", True, (), None),
    (C.OTHER_SERVICES, "Tramitación del Ingreso Mínimo Vital y la Renta Mínima",
     "Servicios Sociales Comunitarios", "Empadronamiento; documento de identidad", "",
     "Cita previa", "Gratuito", "Centro de Servicios Sociales del distrito", True, (), None),
    (C.OTHER_SERVICES, "Grupo de prevención de recaídas", "Centro de Tratamiento Ambulatorio",
     "Alta terapéutica o en tratamiento", "12 sesiones", "Lunes 18:00–19:30", "Gratuito",
     "CTA de referencia", False, ((-20, 5),), (7, 84)),
    (C.JOB_TRAINING, FPE + "Informática básica (convocatoria anterior)", SAE,
     "Inscrito/a como demandante de empleo", "60 horas", "Mañanas", "Gratuito", SAE_CONTACT,
     False, ((-400, -380),), (-370, -340)),
)
# fmt: on
