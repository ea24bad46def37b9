"""Fixtures for the renderer tests: the hand-built reports of :mod:`tests.report.samples`."""

from __future__ import annotations

import pytest

from cls_check.report.model import Report

from . import samples


@pytest.fixture
def sample() -> Report:
    return samples.sample_report()


@pytest.fixture
def hostile() -> Report:
    return samples.hostile_report()


@pytest.fixture
def empty() -> Report:
    return samples.empty_report()
