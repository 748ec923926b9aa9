"""The «Intercambio» column of the file's lists that hold exchanged records (referrals,
stays and their outings, forms): how each stands with the peers, as the services wrote it in the view record
(services/exchange_states). The column shows only where there is a trusted peer: the
services then give a state ("" for a record never exchanged) instead of None.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from reinsercion_desktop.services.exchange_states import CONFLICT_LABEL, meaning_of
from reinsercion_desktop.ui.tr import tr
from reinsercion_desktop.ui.widgets.table import Column, RowsTableView

R = TypeVar("R")


def exchange_column(state: Callable[[R], str | None]) -> Column[R]:
    """The column, reading a row's state with `state`; a conflict in the warning colour,
    what the state means in the tooltip."""
    return Column(
        tr("Intercambio"),
        lambda row: state(row) or "",
        tooltip=lambda row: meaning_of(state(row)) or None,
        tone=lambda row: "warning" if state(row) == CONFLICT_LABEL else None,
    )


def show_exchange_column(table: RowsTableView, column: int, states: Iterable[str | None]) -> None:
    """Hide the column unless a row has a state to show (None: no trusted peer)."""
    table.setColumnHidden(column, all(state is None for state in states))
