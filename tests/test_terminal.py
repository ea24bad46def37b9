"""Colour: only on a terminal, never with NO_COLOR, and the same codes everywhere."""

from __future__ import annotations

import io

import pytest

from cls_check.terminal import BOLD, RED, paint, use_color


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_styles_are_written_in_order_with_one_reset() -> None:
    assert paint("STATUT", BOLD, RED) == "\x1b[1m\x1b[31mSTATUT\x1b[0m"
    assert paint("✗ SIG-02", RED) == "\x1b[31m✗ SIG-02\x1b[0m"
    assert paint("texte") == "texte"


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(_Terminal())
    assert not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(_Terminal())
