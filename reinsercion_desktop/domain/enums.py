"""Closed vocabularies of the domain, each with the Spanish label the UI shows."""

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Spanish label for screens and PDFs."""

    @property
    def label(self) -> str:
        return _LABELS[(type(self), self.value)]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class InstallationKind(LabelledEnum):
    """Centre (a VAR or programme) or coordinating office."""

    CENTRE = "centre"
    OFFICE = "office"


class Role(LabelledEnum):
    TECNICO = "tecnico"
    RESPONSABLE = "responsable"
    ADMIN = "administrador"


class Sex(LabelledEnum):
    MAN = "H"
    WOMAN = "M"


class IdKind(LabelledEnum):
    DNI = "dni"
    NIE = "nie"
    PASSPORT = "pasaporte"
    CURP = "curp"
    OTHER = "otro"


class ParticipantStatus(LabelledEnum):
    """Where the person stands in the circuit; the circuit issue derives it."""

    REFERRED = "derivado"
    WAITING = "en_espera"
    RESIDENT = "en_estancia"
    DISCHARGED = "alta"


class ReferringCentreKind(LabelledEnum):
    CTA = "CTA"
    CT = "CT"
    CPD = "CPD"
    EAIIPP = "EAIIPP"
    OTHER = "otro"


class HivStatus(LabelledEnum):
    UNKNOWN = "desconocido"
    NEGATIVE = "negativo"
    POSITIVE = "positivo"


class FormStatus(LabelledEnum):
    """A filled form: draft → final → signed; a signed form changes only by amendment."""

    DRAFT = "draft"
    FINAL = "final"
    SIGNED = "signed"


class ReferralStatus(LabelledEnum):
    """SPEC §3: draft → complete → sent → received → waiting → assigned → admitted, or off."""

    DRAFT = "draft"
    COMPLETE = "complete"
    SENT = "sent"
    RECEIVED = "received"
    WAITING = "waiting"
    ASSIGNED = "assigned"
    ADMITTED = "admitted"
    INCOMPLETE = "incomplete"
    POSTPONED = "postponed"
    RESIGNED = "resigned"
    NOT_LOCATED = "not_located"
    WITHDRAWN = "withdrawn"


class DischargeType(LabelledEnum):
    THERAPEUTIC = "terapeutica"
    DERIVED = "derivada"
    VOLUNTARY = "voluntaria"
    DISCIPLINARY = "disciplinaria"


class ComplaintKind(LabelledEnum):
    """Tipo de queja o reclamación (§12 c: «número y tipo de quejas y reclamaciones»);
    the kinds follow the Anexo VII's sections and the house rules of the seed."""

    TREATMENT = "trato_recibido"
    FACILITIES = "instalaciones"
    HOUSE_RULES = "normas"
    FOOD = "alimentacion"
    ACTIVITIES = "actividades"
    STAFF = "personal"
    OTHER = "otros"


class DisciplinaryCriterion(LabelledEnum):
    """R-DIS-1: the four reasons for a disciplinary discharge."""

    VIOLENCE = "violencia"
    DRUGS = "drogas"
    REPEATED_POSITIVES = "positivos_reiterados"
    UNAUTHORISED_ABSENCE = "salida_sin_autorizacion"


class OutingKind(LabelledEnum):
    ORDINARY = "ordinaria"
    EXCEPTIONAL = "excepcional"


class Programme(LabelledEnum):
    DRUG_FREE = "libre_drogas"
    METHADONE = "ptm"


class Consensus(LabelledEnum):
    """R-REF-4: a CT referral needs the reference CTA's consensus."""

    NOT_NEEDED = "no_procede"
    AGREED = "consensuado"
    DISCREPANCY = "discrepancia"


class PostponementReason(LabelledEnum):
    """R-WL-2: admission may wait for family or health reasons, or for people in prison."""

    FAMILY = "familiar"
    HEALTH = "sanitaria"
    PRISON = "prision"


class AuditAction(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    READ = "read"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"  # a failure that locked the login for a while
    MIGRATE = "migrate"
    RESTORE = "restore"  # a backup copy was restored
    EXPORT = "export"  # an exchange bundle was made for a peer (issue 13)
    IMPORT = "import"  # an exchange bundle was applied, held or previewed


# -- Reintegration plan and case management (SPEC §6) ---------------------------------


class PlanArea(LabelledEnum):
    """The seven areas of the plan's objectives (`003_…` §7)."""

    HEALTH = "sanitaria"
    TRAINING_WORK = "formativo_laboral"
    LEGAL = "legal"
    FAMILY = "familiar"
    SOCIAL = "relaciones_sociales"
    LEISURE = "ocio_tiempo_libre"
    PERSONAL = "desarrollo_personal"


class PlanStatus(LabelledEnum):
    DRAFT = "borrador"  # being negotiated with the person
    AGREED = "vigente"  # the acuerdo de incorporación was signed
    CLOSED = "cerrado"


class Priority(LabelledEnum):
    HIGH = "alta"
    MEDIUM = "media"
    LOW = "baja"


class ObjectiveStatus(LabelledEnum):
    PENDING = "pendiente"
    IN_PROGRESS = "en_curso"
    ACHIEVED = "conseguido"
    NOT_ACHIEVED = "no_conseguido"
    DROPPED = "descartado"


class ActivityStatus(LabelledEnum):
    PLANNED = "prevista"
    IN_PROGRESS = "en_curso"
    DONE = "realizada"
    CANCELLED = "anulada"


class InterviewKind(LabelledEnum):
    INDIVIDUAL = "individual"
    FAMILY = "familiar"
    PHONE = "telefonica"
    GROUP = "grupal"


class ServiceKind(LabelledEnum):
    """The other services a case manager coordinates with."""

    HEALTH = "salud"
    ADDICTION = "drogodependencias"
    SOCIAL = "servicios_sociales"
    EMPLOYMENT = "empleo"
    EDUCATION = "educacion"
    JUSTICE = "justicia"
    HOUSING = "vivienda"
    OTHER = "otro"


class ContractType(LabelledEnum):
    PERMANENT = "indefinido"
    TEMPORARY = "temporal"
    TRAINING = "formacion"
    SELF_EMPLOYED = "autonomo"
    NONE = "sin_contrato"


class ResourceCategory(LabelledEnum):
    """The monthly offer's categories (`000_…`)."""

    ACADEMIC = "formacion_academica"
    JOB_TRAINING = "capacitacion_empleo"
    JOB_BOARD = "bolsa_trabajo"
    LEISURE = "recreacion_tiempo_libre"
    OTHER_SERVICES = "otros_servicios"


class ResourceReferralStatus(LabelledEnum):
    PROPOSED = "propuesto"
    ENROLLED = "inscrito"
    ONGOING = "en_curso"
    FINISHED = "finalizado"
    ABANDONED = "abandonado"


# Pairs, not a dict keyed by member: StrEnum members equal their values, so "alta" of
# Priority and "alta" of another vocabulary would be one key and share a label.
_LABEL_PAIRS: tuple[tuple[LabelledEnum, str], ...] = (
    (InstallationKind.CENTRE, "Centro (VAR o programa)"),
    (InstallationKind.OFFICE, "Oficina coordinadora"),
    (Role.TECNICO, "Técnico/a"),
    (Role.RESPONSABLE, "Responsable"),
    (Role.ADMIN, "Administrador/a"),
    (Sex.MAN, "Hombre"),
    (Sex.WOMAN, "Mujer"),
    (IdKind.DNI, "DNI"),
    (IdKind.NIE, "NIE"),
    (IdKind.PASSPORT, "Pasaporte"),
    (IdKind.CURP, "CURP"),
    (IdKind.OTHER, "Otro documento"),
    (ParticipantStatus.REFERRED, "Derivado/a"),
    (ParticipantStatus.WAITING, "En lista de espera"),
    (ParticipantStatus.RESIDENT, "En estancia"),
    (ParticipantStatus.DISCHARGED, "De alta"),
    (ReferringCentreKind.CTA, "CTA — Centro de tratamiento ambulatorio"),
    (ReferringCentreKind.CT, "CT — Comunidad terapéutica"),
    (ReferringCentreKind.CPD, "CPD — Centro provincial de drogodependencias"),
    (ReferringCentreKind.EAIIPP, "EAIIPP — Equipo de apoyo a II.PP."),
    (ReferringCentreKind.OTHER, "Otro"),
    (HivStatus.UNKNOWN, "Desconocido"),
    (HivStatus.NEGATIVE, "Negativo"),
    (HivStatus.POSITIVE, "Positivo"),
    (FormStatus.DRAFT, "Borrador"),
    (FormStatus.FINAL, "Definitivo"),
    (FormStatus.SIGNED, "Firmado"),
    (ReferralStatus.DRAFT, "Borrador"),
    (ReferralStatus.COMPLETE, "Completo"),
    (ReferralStatus.SENT, "Enviado a la oficina"),
    (ReferralStatus.RECEIVED, "Recibido"),
    (ReferralStatus.WAITING, "En lista de espera"),
    (ReferralStatus.ASSIGNED, "Proceso de admisión"),
    (ReferralStatus.ADMITTED, "Ingresado/a"),
    (ReferralStatus.INCOMPLETE, "Incompleto"),
    (ReferralStatus.POSTPONED, "Aplazado"),
    (ReferralStatus.RESIGNED, "Renuncia"),
    (ReferralStatus.NOT_LOCATED, "No localizado/a"),
    (ReferralStatus.WITHDRAWN, "Retirado"),
    (DischargeType.THERAPEUTIC, "Terapéutica"),
    (DischargeType.DERIVED, "Derivada"),
    (DischargeType.VOLUNTARY, "Voluntaria"),
    (DischargeType.DISCIPLINARY, "Disciplinaria"),
    (ComplaintKind.TREATMENT, "Trato recibido"),
    (ComplaintKind.FACILITIES, "Instalaciones"),
    (ComplaintKind.HOUSE_RULES, "Normas de convivencia"),
    (ComplaintKind.FOOD, "Alimentación"),
    (ComplaintKind.ACTIVITIES, "Actividades y horarios"),
    (ComplaintKind.STAFF, "Personal"),
    (ComplaintKind.OTHER, "Otros"),
    (DisciplinaryCriterion.VIOLENCE, "Agresión o violencia"),
    (DisciplinaryCriterion.DRUGS, "Introducir o consumir drogas (salvo tabaco)"),
    (DisciplinaryCriterion.REPEATED_POSITIVES, "Positivos reiterados en controles tras salidas"),
    (DisciplinaryCriterion.UNAUTHORISED_ABSENCE, "Abandono de la vivienda sin autorización"),
    (OutingKind.ORDINARY, "Ordinaria"),
    (OutingKind.EXCEPTIONAL, "Excepcional"),
    (Programme.DRUG_FREE, "Libre de drogas"),
    (Programme.METHADONE, "PTM"),
    (Consensus.NOT_NEEDED, "No procede"),
    (Consensus.AGREED, "Consensuado con el CTA"),
    (Consensus.DISCREPANCY, "Discrepancia (se eleva al Comisionado)"),
    (PostponementReason.FAMILY, "Circunstancias familiares"),
    (PostponementReason.HEALTH, "Motivos sanitarios"),
    (PostponementReason.PRISON, "Procede de prisión"),
    (AuditAction.CREATE, "Alta de registro"),
    (AuditAction.UPDATE, "Modificación"),
    (AuditAction.DELETE, "Borrado"),
    (AuditAction.READ, "Consulta"),
    (AuditAction.LOGIN, "Inicio de sesión"),
    (AuditAction.LOGIN_FAILED, "Inicio de sesión fallido"),
    (AuditAction.LOGIN_LOCKED, "Usuario bloqueado por intentos fallidos"),
    (AuditAction.MIGRATE, "Actualización del esquema"),
    (AuditAction.RESTORE, "Restauración de una copia de seguridad"),
    (AuditAction.EXPORT, "Exportación de un paquete de intercambio"),
    (AuditAction.IMPORT, "Importación de un paquete de intercambio"),
    (PlanArea.HEALTH, "Sanitaria"),
    (PlanArea.TRAINING_WORK, "Formativa-laboral"),
    (PlanArea.LEGAL, "Legal"),
    (PlanArea.FAMILY, "Familiar"),
    (PlanArea.SOCIAL, "Relaciones sociales"),
    (PlanArea.LEISURE, "Ocio y tiempo libre"),
    (PlanArea.PERSONAL, "Desarrollo personal"),
    (PlanStatus.DRAFT, "En preparación"),
    (PlanStatus.AGREED, "Vigente (acordado)"),
    (PlanStatus.CLOSED, "Cerrado"),
    (Priority.HIGH, "Alta"),
    (Priority.MEDIUM, "Media"),
    (Priority.LOW, "Baja"),
    (ObjectiveStatus.PENDING, "Pendiente"),
    (ObjectiveStatus.IN_PROGRESS, "En curso"),
    (ObjectiveStatus.ACHIEVED, "Conseguido"),
    (ObjectiveStatus.NOT_ACHIEVED, "No conseguido"),
    (ObjectiveStatus.DROPPED, "Descartado"),
    (ActivityStatus.PLANNED, "Prevista"),
    (ActivityStatus.IN_PROGRESS, "En curso"),
    (ActivityStatus.DONE, "Realizada"),
    (ActivityStatus.CANCELLED, "Anulada"),
    (InterviewKind.INDIVIDUAL, "Individual"),
    (InterviewKind.FAMILY, "Familiar"),
    (InterviewKind.PHONE, "Telefónica"),
    (InterviewKind.GROUP, "Grupal"),
    (ServiceKind.HEALTH, "Salud (atención primaria o especializada)"),
    (ServiceKind.ADDICTION, "Centro de tratamiento (CTA/CT)"),
    (ServiceKind.SOCIAL, "Servicios sociales"),
    (ServiceKind.EMPLOYMENT, "Empleo y orientación laboral"),
    (ServiceKind.EDUCATION, "Educación y formación"),
    (ServiceKind.JUSTICE, "Justicia (juzgado, II.PP., abogado/a)"),
    (ServiceKind.HOUSING, "Vivienda"),
    (ServiceKind.OTHER, "Otro servicio"),
    (ContractType.PERMANENT, "Indefinido"),
    (ContractType.TEMPORARY, "Temporal"),
    (ContractType.TRAINING, "Formación o prácticas"),
    (ContractType.SELF_EMPLOYED, "Autoempleo"),
    (ContractType.NONE, "Sin contrato"),
    (ResourceCategory.ACADEMIC, "Formación académica"),
    (ResourceCategory.JOB_TRAINING, "Capacitación para el empleo"),
    (ResourceCategory.JOB_BOARD, "Bolsa de trabajo"),
    (ResourceCategory.LEISURE, "Recreación y tiempo libre"),
    (ResourceCategory.OTHER_SERVICES, "Otros servicios"),
    (ResourceReferralStatus.PROPOSED, "Propuesto"),
    (ResourceReferralStatus.ENROLLED, "Inscrito/a"),
    (ResourceReferralStatus.ONGOING, "En curso"),
    (ResourceReferralStatus.FINISHED, "Finalizado"),
    (ResourceReferralStatus.ABANDONED, "Abandonado"),
)
_LABELS = {(type(member), member.value): label for member, label in _LABEL_PAIRS}

ADDICTION_PROFILES: tuple[str, ...] = (
    "Alcohol",
    "Metadona",
    "Heroína",
    "Heroína/Cocaína",
    "Cocaína",
    "Cannabis",
    "Anfetaminas",
    "Sedantes/hipnóticos",
    "Juego patológico",
    "Otras",
)

EDUCATION_LEVELS: tuple[str, ...] = (
    "Sin estudios",
    "Primaria incompleta",
    "Primaria",
    "Secundaria obligatoria (ESO)",
    "Bachillerato",
    "Formación profesional",
    "Universitarios",
)

EMPLOYMENT_SITUATIONS: tuple[str, ...] = (
    "Desempleado/a",
    "Empleo a tiempo completo",
    "Empleo a tiempo parcial",
    "Empleo temporal",
    "Incapacidad / pensión",
    "Estudiando",
    "Otra",
)

SPANISH_PROVINCES: tuple[str, ...] = (
    "Almería",
    "Cádiz",
    "Córdoba",
    "Granada",
    "Huelva",
    "Jaén",
    "Málaga",
    "Sevilla",
    "Albacete",
    "Ciudad Real",
    "Cuenca",
    "Guadalajara",
    "Toledo",
    "Badajoz",
    "Cáceres",
    "Madrid",
    "Murcia",
    "Valencia",
    "Alicante",
    "Castellón",
    "Barcelona",
    "Girona",
    "Lleida",
    "Tarragona",
    "Zaragoza",
    "Huesca",
    "Teruel",
    "A Coruña",
    "Lugo",
    "Ourense",
    "Pontevedra",
    "Asturias",
    "Cantabria",
    "Bizkaia",
    "Gipuzkoa",
    "Araba/Álava",
    "Navarra",
    "La Rioja",
    "Burgos",
    "León",
    "Palencia",
    "Salamanca",
    "Segovia",
    "Soria",
    "Valladolid",
    "Zamora",
    "Ávila",
    "Illes Balears",
    "Las Palmas",
    "Santa Cruz de Tenerife",
    "Ceuta",
    "Melilla",
)
