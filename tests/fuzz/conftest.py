"""Hypothesis profiles for the fuzz tests (issue 11, deliverable 5).

`ci` (the default): a bounded, reproducible run (derandomized, no example database
written into the repository), part of the ordinary suite. `deep`: thousands of random
cases per property, for a long run by hand: `scripts/fuzz.sh` (HYPOTHESIS_PROFILE=deep).
"""

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.register_profile(
    "deep",
    max_examples=5_000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
