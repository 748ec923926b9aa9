"""The demo centre: deterministic, plausible data at any scale (`reinsercion demo`, `--demo`).

Two programmes (profiles.py): an Andalusian VAR by default, and the Álvaro Obregón
reintegration programme of Mexico City (`--profile cdmx`). builder.make_demo tells the
story; checker.check_demo checks it. Imported only when asked for: the window's start-up
never loads it.
"""
