"""The services of one open data folder, built in one place.

The composition roots (`app.py` for the window, `cli.py` for the command line) call
`build_services` once; a screen receives the services it uses from there, never builds
one itself and never reaches the database.
"""

from dataclasses import dataclass

from reinsercion_desktop.forms.loader import FormCatalogue, load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.accounts import AccountService
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.audit_log import AuditService
from reinsercion_desktop.services.backups import BackupService
from reinsercion_desktop.services.caseload import CaseloadService
from reinsercion_desktop.services.catalogues import CatalogueService
from reinsercion_desktop.services.centre_settings import CentreSettingsService
from reinsercion_desktop.services.consents import ConsentService
from reinsercion_desktop.services.follow_up import FollowUpService
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.monthly_report import MonthlyReportService
from reinsercion_desktop.services.occupancy import OccupancyService
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.pending import PendingService
from reinsercion_desktop.services.plans import PlanService
from reinsercion_desktop.services.printing import PrintingService
from reinsercion_desktop.services.referrals import ReferralService
from reinsercion_desktop.services.resources import ResourceService
from reinsercion_desktop.services.retention import RetentionService
from reinsercion_desktop.services.setup import SetupService
from reinsercion_desktop.services.stays import StayService
from reinsercion_desktop.services.subject_access import SubjectAccessService
from reinsercion_desktop.services.timeline import TimelineService
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.services.workspace import Workspace


@dataclass(frozen=True)
class Services:
    setup: SetupService
    accounts: AccountService
    audit: AuditService
    centre_settings: CentreSettingsService
    participants: ParticipantService
    catalogues: CatalogueService
    attachments: AttachmentService
    printing: PrintingService
    forms: FormService
    referrals: ReferralService
    waiting_list: WaitingListService
    stays: StayService
    occupancy: OccupancyService
    pending: PendingService
    monthly_report: MonthlyReportService
    plans: PlanService
    resources: ResourceService
    follow_up: FollowUpService
    caseload: CaseloadService
    timeline: TimelineService
    backups: BackupService
    retention: RetentionService
    consents: ConsentService
    subject_access: SubjectAccessService


def build_services(workspace: Workspace, catalogue: FormCatalogue | None = None) -> Services:
    """`catalogue`: the form definitions, loaded and checked once at start-up (loaded here
    if not given)."""
    db = workspace.db
    catalogue = catalogue or load_catalogue(forms_dir())
    attachments = AttachmentService.of(workspace)
    forms = FormService(db, catalogue, attachments)
    return Services(
        setup=SetupService(db, workspace.paths.root, workspace.keys),
        accounts=AccountService(db, workspace.paths.root, workspace.keys),
        audit=AuditService(db),
        centre_settings=CentreSettingsService(db),
        participants=ParticipantService(db),
        catalogues=CatalogueService(db),
        attachments=attachments,
        printing=PrintingService(db),
        forms=forms,
        referrals=ReferralService(db),
        waiting_list=WaitingListService(db),
        stays=StayService(db, forms),
        occupancy=OccupancyService(db),
        pending=PendingService(db),
        monthly_report=MonthlyReportService(db, catalogue),
        plans=PlanService(db, forms),
        resources=ResourceService(db),
        follow_up=FollowUpService(db),
        caseload=CaseloadService(db),
        timeline=TimelineService(db),
        backups=BackupService(workspace),
        retention=RetentionService(db, attachments, catalogue),
        consents=ConsentService(db),
        subject_access=SubjectAccessService(
            db, catalogue, workspace.paths.attachments, workspace.keys.files
        ),
    )
