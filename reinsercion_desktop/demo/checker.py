"""The demo checker: does the demo tell a true story? Every finding is a flaw to fix.

It reads what a demo data folder holds and checks it as a careful reader would: every
form instance field by field against its definition's kind and its meaning
(check_forms.py), the records' dates and statuses against the rules of SPEC §4
(check_records.py), the consents (check_consents.py), the year figures, complaints and
questionnaires of §12 (check_structure.py), and the waiting list and Pendientes as a
careful office and centre keep them (check_list.py). `check_demo(workspace)` returns the findings; the tests run it
on a demo of a few hundred people of each profile and expect none.
"""

from dataclasses import dataclass
from datetime import date

from reinsercion_desktop.services.workspace import Workspace

OVERDUE_SHARE = 0.10  # at most this share of Pendientes overdue (a busy centre, not a lax one)


@dataclass(frozen=True)
class Finding:
    rule: str  # the rule id (R-ADM-1 …) or "campo" for a form field, "fecha" for dates
    where: str  # the record or form, and whose (CODAPEL)
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


@dataclass
class DemoFacts:
    """Everything the checks read, once (see demo_queries.demo_facts)."""

    today: date
    tables: dict  # model name → list of records


def check_demo(workspace: Workspace, *, overdue_share: float = OVERDUE_SHARE) -> list[Finding]:
    from reinsercion_desktop.db import demo_queries
    from reinsercion_desktop.demo.check_consents import check_consents
    from reinsercion_desktop.demo.check_forms import check_forms
    from reinsercion_desktop.demo.check_list import check_list
    from reinsercion_desktop.demo.check_records import check_records
    from reinsercion_desktop.demo.check_structure import check_structure

    with workspace.db.read() as session:
        tables = demo_queries.demo_facts(session=session)
    facts = DemoFacts(workspace.clock.today(), tables)
    findings = check_records(facts)
    findings += check_forms(facts)
    findings += check_consents(facts)
    findings += check_structure(facts)
    findings += check_list(workspace.db, facts, overdue_share)
    return findings
