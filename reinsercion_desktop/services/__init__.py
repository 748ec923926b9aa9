"""Use cases: what staff do, as plain Python the window and the command line call."""

# The unit of work (below the services) names a refused text by its Spanish label: the
# labels are handed down as soon as any service is loaded (see domain/text_input.py).
from reinsercion_desktop.services import field_labels as _field_labels  # noqa: E402, F401
