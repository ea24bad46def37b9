"""The words of a check are named once, and every verdict, force and status has its words."""

from __future__ import annotations

import typing

from cls_check import vocab


def test_every_verdict_has_its_french_words_and_place() -> None:
    verdicts = set(typing.get_args(vocab.Verdict))
    assert set(vocab.VERDICTS) == verdicts
    for table in (vocab.VERDICT_LABELS, vocab.VERDICT_PLURALS, vocab.VERDICT_SYMBOLS):
        assert set(table) == verdicts
    assert sorted(vocab.VERDICT_ORDER) == sorted(verdicts)


def test_every_status_and_force_has_its_words() -> None:
    statuses = set(typing.get_args(vocab.Status))
    assert set(vocab.STATUS_LABELS) == set(vocab.STATUS_COUNT_WORDS) == statuses
    assert sorted(vocab.STATUS_ORDER) == sorted(statuses)
    forces = set(typing.get_args(vocab.Force))
    assert set(vocab.FORCES) == set(vocab.FORCE_LABELS) == set(vocab.FORCE_PLURALS) == forces


def test_a_verdict_is_chosen_by_its_value_or_its_french_name_without_accents() -> None:
    assert vocab.VERDICT_CHOICES["violee"] == "violated"
    assert vocab.VERDICT_CHOICES["non_applicable"] == "not_applicable"
    assert vocab.VERDICT_CHOICES["derogee"] == "waived"
    assert all(vocab.VERDICT_CHOICES[v] == v for v in vocab.VERDICTS)
    assert all(word.isascii() and " " not in word for word in vocab.VERDICT_CHOICES)


def test_specifications_name_the_verdicts_a_rule_reaches_by_itself() -> None:
    assert vocab.SPECIFICATION_WORDS == {
        "satisfaite": "satisfied",
        "violée": "violated",
        "inconnue": "unknown",
        "non applicable": "not_applicable",
    }
