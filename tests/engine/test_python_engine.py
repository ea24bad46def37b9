"""The python backend's verdicts, messages and evidence on hand-built rules."""

from __future__ import annotations

import datetime

from cls_check.ir import nodes as ir
from tests.engine.builders import const, evaluate, message, path, rule, var

SIGNATAIRES = {"signataires": [{"role": "procureur"}, {"role": "maire", "commune": "59991"}]}
HAS_PREFET = ir.Exists("s", path("signataires"), ir.Compare("=", var("s", "role"), const("prefet")))


def test_missing_list_is_unknown_and_says_what_is_missing() -> None:
    finding = evaluate(rule(HAS_PREFET), {})
    assert finding.verdict == "unknown"
    assert "signataires" in finding.message
    assert [(e.path, e.value) for e in finding.evidence] == [("signataires", None)]


def test_absence_is_violated_with_what_was_searched() -> None:
    finding = evaluate(
        rule(HAS_PREFET, otherwise=(ir.ConditionalMessage(None, message("Pas de préfet.")),)),
        SIGNATAIRES,
    )
    assert finding.verdict == "violated"
    assert finding.message == "Pas de préfet."
    assert [e.path for e in finding.evidence] == ["signataires[0].role", "signataires[1].role"]


def test_empty_list_is_known_and_violates_existence() -> None:
    finding = evaluate(rule(HAS_PREFET), {"signataires": []})
    assert finding.verdict == "violated"
    assert [(e.path, e.value) for e in finding.evidence] == [("signataires", [])]


def test_witness_is_the_evidence_of_satisfaction() -> None:
    record = {"signataires": [{"role": "maire"}, {"role": "prefet"}]}
    finding = evaluate(rule(HAS_PREFET), record)
    assert finding.verdict == "satisfied"
    assert [(e.path, e.value) for e in finding.evidence] == [("signataires[1].role", "prefet")]


def test_unknown_element_field_makes_existence_unknown_not_false() -> None:
    finding = evaluate(rule(HAS_PREFET), {"signataires": [{"role": "maire"}, {"nom": "X"}]})
    assert finding.verdict == "unknown"
    assert "signataires[1].role" in finding.message


def test_for_each_names_every_failing_element() -> None:
    each_mayor = ir.ForAll(
        "c",
        path("territoire", "communes"),
        ir.Exists(
            "s",
            path("signataires"),
            ir.And(
                (
                    ir.Compare("=", var("s", "role"), const("maire")),
                    ir.Compare("=", var("s", "commune"), var("c", "insee")),
                )
            ),
        ),
    )
    record = {
        "territoire": {
            "communes": [
                {"insee": "59991", "nom": "A"},
                {"insee": "59992", "nom": "B"},
                {"insee": "59993", "nom": "C"},
            ]
        },
        **SIGNATAIRES,
    }
    msg = ir.ConditionalMessage(
        None, message("Le maire de ", var("c", "nom"), " (", var("c", "insee"), ") n'a pas signé.")
    )
    finding = evaluate(rule(each_mayor, otherwise=(msg,)), record)
    assert finding.verdict == "violated"
    assert (
        finding.message
        == "Le maire de B (59992) n'a pas signé. Le maire de C (59993) n'a pas signé."
    )


def test_conditional_message_is_chosen_before_the_default() -> None:
    by_minister = ir.Exists(
        "s", path("signataires"), ir.Compare("=", var("s", "role"), const("ministre_interieur"))
    )
    messages = (
        ir.ConditionalMessage(by_minister, message("Le ministre a signé à la place du préfet.")),
        ir.ConditionalMessage(None, message("Pas de préfet.")),
    )
    finding = evaluate(
        rule(HAS_PREFET, otherwise=messages), {"signataires": [{"role": "ministre_interieur"}]}
    )
    assert finding.message == "Le ministre a signé à la place du préfet."


def test_not_applicable_says_which_condition_failed() -> None:
    finding = evaluate(rule(HAS_PREFET, applicable=const(False)), SIGNATAIRES)
    assert finding.verdict == "not_applicable"
    assert "condition" in finding.message


def test_unknown_applicability_is_unknown() -> None:
    applies = ir.Compare(">=", ir.Count(path("territoire", "communes")), const(1))
    assert evaluate(rule(HAS_PREFET, applicable=applies), SIGNATAIRES).verdict == "unknown"


def test_unknown_if_overrides_a_violation() -> None:
    missing = ir.Not(ir.IsKnown(path("diagnostic")))
    finding = evaluate(rule(const(False), unknown_if=missing), {})
    assert finding.verdict == "unknown"
    assert "diagnostic" in finding.message


def test_rule_not_yet_in_force_is_not_applicable() -> None:
    late = rule(const(False), in_force_from=datetime.date(1999, 6, 15))
    early = rule(const(True), in_force_from=datetime.date(1997, 10, 30), requirement="TST-00")
    finding = evaluate((early, late), {}, reference=datetime.date(1998, 5, 14))
    assert finding.verdict == "not_applicable"
    assert "1999" in finding.message and "14 mai 1998" in finding.message
    assert evaluate((early, late), {}, reference=datetime.date(2000, 1, 1)).verdict == "violated"


def test_undated_signed_contract_leaves_later_texts_unknown() -> None:
    late = rule(const(False), in_force_from=datetime.date(1999, 6, 15))
    early = rule(const(False), in_force_from=datetime.date(1997, 10, 30), requirement="TST-00")
    assert evaluate((early, late), {}, reference=None).verdict == "unknown"
    assert evaluate((late, early), {}, reference=None).verdict == "violated"


def _paris_rule() -> ir.Rule:
    paris = ir.Exists(
        "c", path("territoire", "communes"), ir.Compare("=", var("c", "insee"), const("75056"))
    )
    has_pp = ir.Exists(
        "s", path("signataires"), ir.Compare("=", var("s", "role"), const("prefet_de_police"))
    )
    exception = ir.Exception_(
        ir.Condition(paris, "paris"),
        ir.Requirement(
            has_pp, (ir.ConditionalMessage(None, message("Préfet de police attendu.")),), None
        ),
    )
    return rule(HAS_PREFET, exceptions=(exception,))


def test_exception_overrides_the_general_case() -> None:
    record = {"territoire": {"communes": [{"insee": "75056"}]}, "signataires": [{"role": "prefet"}]}
    finding = evaluate(_paris_rule(), record)
    assert finding.verdict == "violated"
    assert finding.message == "Préfet de police attendu."


def test_unknown_exception_condition_keeps_an_agreed_verdict() -> None:
    # Territory unknown: a préfet alone satisfies the general case but not Paris' → unknown.
    assert evaluate(_paris_rule(), {"signataires": [{"role": "prefet"}]}).verdict == "unknown"
    # Neither signed: violated whichever case holds.
    assert evaluate(_paris_rule(), {"signataires": [{"role": "maire"}]}).verdict == "violated"


def test_checklist_names_each_failing_item() -> None:
    volets = ir.Checklist(
        (
            ir.CheckItem(
                ir.Compare("=", path("v", "a"), const(True)), message("Volet A manquant.")
            ),
            ir.CheckItem(
                ir.Compare("=", path("v", "b"), const(True)), message("Volet B manquant.")
            ),
            ir.CheckItem(
                ir.Compare("=", path("v", "c"), const(True)), message("Volet C manquant.")
            ),
        )
    )
    finding = evaluate(rule(volets), {"v": {"a": False, "b": True, "c": False}})
    assert finding.message == "Volet A manquant. Volet C manquant."
    assert evaluate(rule(volets), {"v": {"a": True, "b": None, "c": True}}).verdict == "unknown"


def test_zero_is_a_figure_not_false() -> None:
    quantified = ir.Compare("!=", path("d", "x"), const(False))
    assert evaluate(rule(quantified), {"d": {"x": 0}}).verdict == "satisfied"
    assert evaluate(rule(quantified), {"d": {"x": False}}).verdict == "violated"
    assert evaluate(rule(quantified), {"d": {}}).verdict == "unknown"


def test_share_over_projected_names_and_note() -> None:
    moyens = ir.Concat((path("m", "a"), path("m", "b")))
    names = ir.Project(path("t", "q"), "nom")
    total = ir.SumOf("x", moyens, var("x", "n"), None)
    target = ir.SumOf("x", moyens, var("x", "n"), ir.Member(var("x", "q"), names))
    share = ir.Compare(">", ir.Arith("*", target, const(2)), total)
    note = message(target, " sur ", total)
    record = {
        "t": {"q": [{"nom": "Nord"}]},
        "m": {"a": [{"n": 8, "q": "Nord"}], "b": [{"n": 6, "q": "Sud"}]},
    }
    finding = evaluate(rule(share, note=note), record)
    assert finding.verdict == "satisfied"
    assert finding.message == "8 sur 14"
    record["m"]["b"] = None  # type: ignore[index]
    assert evaluate(rule(share, note=note), record).verdict == "unknown"


def test_dates_shift_by_calendar_months() -> None:
    within = ir.Compare("<=", path("r"), ir.ShiftDate(path("s"), const(ir.Duration(12, "mois"))))
    signed = datetime.date(1998, 1, 31)
    assert (
        evaluate(rule(within), {"s": signed, "r": datetime.date(1999, 1, 31)}).verdict
        == "satisfied"
    )
    assert (
        evaluate(rule(within), {"s": signed, "r": datetime.date(1999, 2, 1)}).verdict == "violated"
    )
    month = ir.Compare(
        "=",
        ir.ShiftDate(path("s"), const(ir.Duration(1, "mois"))),
        const(datetime.date(1998, 2, 28)),
    )
    assert evaluate(rule(month), {"s": signed}).verdict == "satisfied"


def test_definitions_are_shared_and_evaluated_lazily() -> None:
    definitions = (("paris", ir.Compare("=", path("t"), const("75056"))),)
    finding = evaluate(rule(ir.Ref("paris")), {"t": "75056"}, definitions=definitions)
    assert finding.verdict == "satisfied"
    assert [(e.path, e.value) for e in finding.evidence] == [("t", "75056")]
