"""The services of one open data folder, built in one place.

The composition roots (`app.py` for the window, `cli.py` for the command line) call
`build_services` once; a screen receives the services it uses from there, never builds
one itself and never reaches the database.

Each service is built, and its module imported, the first time it is asked for: the
window's start-up needs a handful of them, and importing all two dozen (with their
rules, views and queries) cost a tenth of a second before the list of files could show.
"""

from functools import cached_property
from typing import TYPE_CHECKING, Any

from reinsercion_desktop.forms.loader import FormCatalogue, load_catalogue
from reinsercion_desktop.paths import forms_dir

if TYPE_CHECKING:
    from reinsercion_desktop.services.accounts import AccountService
    from reinsercion_desktop.services.attachments import AttachmentService
    from reinsercion_desktop.services.audit_log import AuditService
    from reinsercion_desktop.services.backups import BackupService
    from reinsercion_desktop.services.caseload import CaseloadService
    from reinsercion_desktop.services.catalogues import CatalogueService
    from reinsercion_desktop.services.centre_settings import CentreSettingsService
    from reinsercion_desktop.services.consents import ConsentService
    from reinsercion_desktop.services.exchange import ExchangeService
    from reinsercion_desktop.services.follow_up import FollowUpService
    from reinsercion_desktop.services.forms import FormService
    from reinsercion_desktop.services.monthly_report import MonthlyReportService
    from reinsercion_desktop.services.occupancy import OccupancyService
    from reinsercion_desktop.services.office_registry import OfficeRegistryService
    from reinsercion_desktop.services.participants import ParticipantService
    from reinsercion_desktop.services.peers import PeerService
    from reinsercion_desktop.services.pending import PendingService
    from reinsercion_desktop.services.plans import PlanService
    from reinsercion_desktop.services.printing import PrintingService
    from reinsercion_desktop.services.referrals import ReferralService
    from reinsercion_desktop.services.reports import ReportService
    from reinsercion_desktop.services.resources import ResourceService
    from reinsercion_desktop.services.retention import RetentionService
    from reinsercion_desktop.services.setup import SetupService
    from reinsercion_desktop.services.stays import StayService
    from reinsercion_desktop.services.structure_data import StructureDataService
    from reinsercion_desktop.services.subject_access import SubjectAccessService
    from reinsercion_desktop.services.timeline import TimelineService
    from reinsercion_desktop.services.waiting_list import WaitingListService
    from reinsercion_desktop.services.workspace import Workspace


class Services:
    """Every service of one open data folder, each made on first use (and then kept)."""

    def __init__(self, workspace: "Workspace", catalogue: FormCatalogue):
        self._workspace = workspace
        self.db = workspace.db
        self.catalogue = catalogue

    @cached_property
    def setup(self) -> "SetupService":
        from reinsercion_desktop.services.setup import SetupService

        return SetupService(self.db, self._workspace.paths.root, self._workspace.keys)

    @cached_property
    def accounts(self) -> "AccountService":
        from reinsercion_desktop.services.accounts import AccountService

        return AccountService(self.db, self._workspace.paths.root, self._workspace.keys)

    @cached_property
    def audit(self) -> "AuditService":
        from reinsercion_desktop.services.audit_log import AuditService

        return AuditService(self.db)

    @cached_property
    def centre_settings(self) -> "CentreSettingsService":
        from reinsercion_desktop.services.centre_settings import CentreSettingsService

        return CentreSettingsService(self.db)

    @cached_property
    def participants(self) -> "ParticipantService":
        from reinsercion_desktop.services.participants import ParticipantService

        return ParticipantService(self.db)

    @cached_property
    def catalogues(self) -> "CatalogueService":
        from reinsercion_desktop.services.catalogues import CatalogueService

        return CatalogueService(self.db)

    @cached_property
    def attachments(self) -> "AttachmentService":
        from reinsercion_desktop.services.attachments import AttachmentService

        return AttachmentService.of(self._workspace)

    @cached_property
    def printing(self) -> "PrintingService":
        from reinsercion_desktop.services.printing import PrintingService

        return PrintingService(self.db)

    @cached_property
    def forms(self) -> "FormService":
        from reinsercion_desktop.services.forms import FormService

        return FormService(self.db, self.catalogue, self.attachments)

    @cached_property
    def referrals(self) -> "ReferralService":
        from reinsercion_desktop.services.referrals import ReferralService

        return ReferralService(self.db)

    @cached_property
    def waiting_list(self) -> "WaitingListService":
        from reinsercion_desktop.services.waiting_list import WaitingListService

        return WaitingListService(self.db)

    @cached_property
    def stays(self) -> "StayService":
        from reinsercion_desktop.services.stays import StayService

        return StayService(self.db, self.forms)

    @cached_property
    def occupancy(self) -> "OccupancyService":
        from reinsercion_desktop.services.occupancy import OccupancyService

        return OccupancyService(self.db)

    @cached_property
    def pending(self) -> "PendingService":
        from reinsercion_desktop.services.pending import PendingService

        return PendingService(self.db)

    @cached_property
    def monthly_report(self) -> "MonthlyReportService":
        from reinsercion_desktop.services.monthly_report import MonthlyReportService

        return MonthlyReportService(self.db, self.catalogue)

    @cached_property
    def plans(self) -> "PlanService":
        from reinsercion_desktop.services.plans import PlanService

        return PlanService(self.db, self.forms)

    @cached_property
    def resources(self) -> "ResourceService":
        from reinsercion_desktop.services.resources import ResourceService

        return ResourceService(self.db)

    @cached_property
    def follow_up(self) -> "FollowUpService":
        from reinsercion_desktop.services.follow_up import FollowUpService

        return FollowUpService(self.db)

    @cached_property
    def caseload(self) -> "CaseloadService":
        from reinsercion_desktop.services.caseload import CaseloadService

        return CaseloadService(self.db)

    @cached_property
    def timeline(self) -> "TimelineService":
        from reinsercion_desktop.services.timeline import TimelineService

        return TimelineService(self.db)

    @cached_property
    def backups(self) -> "BackupService":
        from reinsercion_desktop.services.backups import BackupService

        return BackupService(self._workspace)

    @cached_property
    def exchange(self) -> "ExchangeService":
        from reinsercion_desktop.services.exchange import ExchangeService

        return ExchangeService(self._workspace)

    @cached_property
    def peers(self) -> "PeerService":
        from reinsercion_desktop.services.peers import PeerService

        return PeerService(self._workspace)

    @cached_property
    def office_registry(self) -> "OfficeRegistryService":
        from reinsercion_desktop.services.office_registry import OfficeRegistryService

        return OfficeRegistryService(self.db)

    @cached_property
    def structure_data(self) -> "StructureDataService":
        from reinsercion_desktop.services.structure_data import StructureDataService

        return StructureDataService(self.db)

    @cached_property
    def retention(self) -> "RetentionService":
        from reinsercion_desktop.services.retention import RetentionService

        return RetentionService(self.db, self.attachments, self.catalogue)

    @cached_property
    def consents(self) -> "ConsentService":
        from reinsercion_desktop.services.consents import ConsentService

        return ConsentService(self.db)

    @cached_property
    def subject_access(self) -> "SubjectAccessService":
        from reinsercion_desktop.services.subject_access import SubjectAccessService

        return SubjectAccessService(
            self.db, self.catalogue, self._workspace.paths.attachments, self._workspace.keys.files
        )

    @cached_property
    def reports(self) -> "ReportService":
        from reinsercion_desktop.services.reports import ReportService

        return ReportService(self.db)


class Later:
    """A service handed over now and built (its module imported) when first used: for the
    docks made at start-up that nobody looks at until their tab is chosen."""

    def __init__(self, services: Services, name: str):
        if name not in SERVICE_NAMES:
            raise AttributeError(name)
        self._services, self._name = services, name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(getattr(self._services, self._name), attribute)


def later(services: Services, name: str) -> Any:
    """`services.<name>`, built on first use (see `Later`); typed as the service itself."""
    return Later(services, name)


SERVICE_NAMES: tuple[str, ...] = tuple(
    name for name, value in vars(Services).items() if isinstance(value, cached_property)
)


def build_services(workspace: "Workspace", catalogue: FormCatalogue | None = None) -> Services:
    """`catalogue`: the form definitions, loaded and checked once at start-up (loaded here
    if not given)."""
    return Services(workspace, catalogue or load_catalogue(forms_dir()))
