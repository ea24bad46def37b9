"""Test-wide settings: compiled rule sets are cached in a folder of the test run, never in
the user's own cache."""

import os
import tempfile

os.environ.setdefault("CLS_CHECK_CACHE_DIR", tempfile.mkdtemp(prefix="cls-check-cache-"))
