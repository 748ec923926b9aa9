"""The demo centre: deterministic, plausible data at any scale (`reinsercion demo`, `--demo`).

Imported only when asked for: the window's start-up never loads it.
"""
