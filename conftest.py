"""Test-wide settings.

- Compiled rule sets are cached in a folder of the test run, never in the user's cache.
- Hypothesis runs derandomized and without deadlines: CI must not fail on a lucky draw or
  on a slow, shared machine. Property tests still explore hundreds of inputs each run; set
  ``HYPOTHESIS_PROFILE=explore`` to draw new ones locally.
"""

import os
import tempfile

from hypothesis import HealthCheck, settings

os.environ.setdefault("CLS_CHECK_CACHE_DIR", tempfile.mkdtemp(prefix="cls-check-cache-"))

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
