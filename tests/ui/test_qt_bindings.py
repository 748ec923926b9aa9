"""The Qt bindings keep Python's reference counts: PySide6 6.12.0 dropped a reference to
None at each `processEvents()` from Python and to the value of each `Signal.emit()`, and a
session aborted («deallocating None», «deallocating True or False») after a few thousand
— found when the benchmark's window loop and the backup worker's progress crashed. The
project pins a version without it (pyproject.toml); this test keeps it so."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QCheckBox

ROUNDS = 300  # a few hundred: far below the ~600 references True has, so no abort here


class _Emitter(QObject):
    flag = Signal(bool)
    bare = Signal()
    value = Signal(object)


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _drift(before: tuple[int, int, int]) -> list[int]:
    return [after - was for after, was in zip(_counts(), before, strict=True)]


def test_process_events_keeps_the_reference_counts(qapp: QApplication) -> None:
    before = _counts()
    for _ in range(ROUNDS):
        qapp.processEvents()
    assert all(abs(change) < ROUNDS // 10 for change in _drift(before)), _drift(before)


def test_signals_emitted_from_python_keep_the_reference_counts(qapp: QApplication) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.flag.connect(received.append)
    emitter.bare.connect(lambda: received.append(None))
    emitter.value.connect(received.append)
    box = QCheckBox()
    box.toggled.connect(received.append)
    before = _counts()
    for round_ in range(ROUNDS):
        emitter.flag.emit(round_ % 2 == 0)
        emitter.bare.emit()
        emitter.value.emit("x")
        box.setChecked(not box.isChecked())
    assert len(received) == 4 * ROUNDS
    received.clear()
    assert all(abs(change) < ROUNDS // 10 for change in _drift(before)), _drift(before)
