"""What the window needs once someone has logged in: the workspace, who they are, the services."""

from dataclasses import dataclass

from reinsercion_desktop.db.models import Installation
from reinsercion_desktop.domain.actor import Actor
from reinsercion_desktop.forms.loader import FormCatalogue, load_catalogue
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.services.attachments import AttachmentService
from reinsercion_desktop.services.catalogues import CatalogueService
from reinsercion_desktop.services.follow_up import FollowUpService
from reinsercion_desktop.services.forms import FormService
from reinsercion_desktop.services.participants import ParticipantService
from reinsercion_desktop.services.plans import PlanService
from reinsercion_desktop.services.referrals import ReferralService
from reinsercion_desktop.services.resources import ResourceService
from reinsercion_desktop.services.stays import StayService
from reinsercion_desktop.services.waiting_list import WaitingListService
from reinsercion_desktop.services.workspace import Workspace


@dataclass
class AppContext:
    workspace: Workspace
    actor: Actor
    installation: Installation
    participants: ParticipantService
    catalogues: CatalogueService
    attachments: AttachmentService
    forms: FormService
    referrals: ReferralService
    waiting_list: WaitingListService
    stays: StayService
    plans: PlanService
    resources: ResourceService
    follow_up: FollowUpService

    @classmethod
    def for_actor(
        cls, workspace: Workspace, actor: Actor, catalogue: FormCatalogue | None = None
    ) -> "AppContext":
        """`catalogue`: the form definitions, loaded once at start-up (loaded here if not given)."""
        installation = workspace.installation()
        assert installation is not None, "log in only after set-up"
        attachments = AttachmentService(workspace.db, workspace.paths.attachments)
        forms = FormService(workspace.db, catalogue or load_catalogue(forms_dir()), attachments)
        return cls(
            workspace=workspace,
            actor=actor,
            installation=installation,
            participants=ParticipantService(workspace.db),
            catalogues=CatalogueService(workspace.db),
            attachments=attachments,
            forms=forms,
            referrals=ReferralService(workspace.db),
            waiting_list=WaitingListService(workspace.db),
            stays=StayService(workspace.db, forms),
            plans=PlanService(workspace.db, forms),
            resources=ResourceService(workspace.db),
            follow_up=FollowUpService(workspace.db),
        )
