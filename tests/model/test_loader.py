"""Loading records from files, texts and mappings: what a user sees when it goes wrong."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from cls_check.errors import Problem, RecordError
from cls_check.model import Contract, LoadedRecord, load_record, record_from_text

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "fixtures" / "contrat-exemple.yaml"


def errors_of(text: str, file: str = "contrat.yaml") -> tuple[Problem, ...]:
    with pytest.raises(RecordError) as caught:
        record_from_text(text, file)
    assert caught.value.file == file
    return caught.value.problems


def only_error(text: str, file: str = "contrat.yaml") -> Problem:
    problems = [p for p in errors_of(text, file) if p.severity == "erreur"]
    assert len(problems) == 1, problems
    return problems[0]


def by_path(problems: tuple[Problem, ...]) -> dict[str | None, Problem]:
    return {p.path: p for p in problems}


# --------------------------------------------------------------------------- the example


def test_the_example_record_loads_without_warnings() -> None:
    loaded = load_record(EXAMPLE)
    assert isinstance(loaded, LoadedRecord)
    assert loaded.file == str(EXAMPLE)
    assert loaded.warnings == ()
    contract = loaded.contract
    assert contract.format == "cls/1" and contract.statut == "signe"
    assert contract.date_signature == dt.date(1998, 5, 14)
    assert contract.contrat_commune_reference is None
    assert contract.signataires is not None
    assert [s.role for s in contract.signataires].count("maire") == 2
    assert contract.signataires[2].commune == "59991"
    assert contract.territoire is not None and contract.territoire.reseaux_transport == []
    assert contract.diagnostic is not None and contract.diagnostic.donnees_quantitatives
    assert contract.diagnostic.donnees_quantitatives.delinquance == 4120
    assert contract.objectifs_police_proximite is not None
    assert contract.objectifs_police_proximite[1].cible is False  # no target: known
    assert contract.suivi and contract.suivi.comite_pilotage
    assert contract.suivi.comite_pilotage.reunions == [dt.date(1998, 10, 12), dt.date(1999, 4, 8)]
    assert contract.justice and contract.justice.maison_justice_droit
    assert contract.justice.maison_justice_droit.convention_integree is False


def test_the_repository_copy_of_the_example_is_the_shared_one() -> None:
    shared = REPO.parent / "shared" / "design" / "contrat-exemple.yaml"
    if not shared.exists():
        pytest.skip("shared/ is not beside the repository")
    assert EXAMPLE.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_a_path_as_str_or_path_and_a_display_name(tmp_path: Path) -> None:
    assert load_record(str(EXAMPLE)).contract == load_record(EXAMPLE).contract
    assert load_record(EXAMPLE, name="exemple").file == "exemple"


def test_json_and_yaml_give_equal_models(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    as_json = tmp_path / "contrat.json"
    as_json.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    assert load_record(as_json).contract == load_record(EXAMPLE).contract
    # The same JSON text read from standard input is recognised as JSON too.
    from_stdin = record_from_text(as_json.read_text(encoding="utf-8"), "<stdin>")
    assert from_stdin.contract == load_record(EXAMPLE).contract


def test_an_empty_record_loads_from_every_kind_of_source() -> None:
    assert load_record({}).contract == Contract()
    assert load_record({}).file == "<dict>"
    assert record_from_text("{}", "x.json").contract == Contract()
    assert record_from_text("{}\n", "x.yaml").contract == Contract()
    assert record_from_text("format: cls/1\n", "x.yaml").contract == Contract()


def test_a_contract_is_passed_through() -> None:
    contract = Contract(id="x")
    loaded = load_record(contract)
    assert loaded.contract is contract and loaded.warnings == ()


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: avec-bom\n")
    assert load_record(path).contract.id == "avec-bom"


# --------------------------------------------------------------------------- three states


def test_absent_empty_list_and_false_are_preserved() -> None:
    text = (
        "signataires: []\n"
        "partenaires_associes: null\n"
        "diagnostic:\n"
        "  donnees_quantitatives: {delinquance: false, victimes: 0, incidents_scolaires: 37}\n"
    )
    contract = record_from_text(text, "x.yaml").contract
    assert contract.signataires == []
    assert contract.partenaires_associes is None
    assert contract.actions is None
    assert contract.diagnostic and contract.diagnostic.donnees_quantitatives
    data = contract.diagnostic.donnees_quantitatives
    assert data.delinquance is False
    assert data.victimes == 0 and data.victimes is not False
    assert data.population_exposee is None
    dumped = contract.model_dump(mode="json")["diagnostic"]["donnees_quantitatives"]
    assert dumped == {
        "delinquance": False,
        "incidents_scolaires": 37,
        "population_exposee": None,
        "victimes": 0,
    }


def test_strings_are_nfc_after_loading() -> None:
    composed = "Préfet de l'Hérault"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    a = record_from_text(f"signataires:\n  - role: prefet\n    nom: {decomposed}\n", "a.yaml")
    b = record_from_text(f"signataires:\n  - role: prefet\n    nom: {composed}\n", "b.yaml")
    assert a.contract == b.contract
    assert a.contract.signataires and a.contract.signataires[0].nom == composed


# --------------------------------------------------------------------------- bad values


def test_unknown_role_names_the_path_the_value_and_a_suggestion() -> None:
    text = "signataires:\n  - role: prefet\n  - role: procureur\n  - role: prefet de police\n"
    problem = only_error(text)
    assert problem.path == "signataires[2].role"
    assert problem.line == 4 and problem.column == 11
    assert "« prefet de police »" in problem.message
    assert "prefet_de_police" in problem.message  # the allowed values are listed
    assert problem.hint == "Vouliez-vous dire « prefet_de_police » ?"


def test_wrong_case_enumeration_is_an_error_with_suggestion() -> None:
    problem = only_error("statut: Signe\n")
    assert problem.path == "statut"
    assert problem.hint == "Vouliez-vous dire « signe » ?"


def test_format_other_than_cls1_is_rejected() -> None:
    problem = only_error("format: cls/2\n")
    assert problem.path == "format"
    assert "cls/2" in problem.message and "cls/1" in problem.message


def test_bad_date_gives_the_expected_form() -> None:
    problem = only_error("id: x\ndate_signature: 14/05/1998\n")
    assert problem.path == "date_signature" and problem.line == 2
    assert "14/05/1998" in problem.message and "AAAA-MM-JJ" in problem.message
    assert problem.hint == "Vouliez-vous dire « 1998-05-14 » ?"


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        ("date_signature: 1998-02-30\n", "date_signature", 1),  # YAML refuses to build it
        ('date_signature: "1998-02-30"\n', "date_signature", 1),
        ("date_signature: '12'\n", "date_signature", 1),
        ("date_signature: 12\n", "date_signature", 1),
        ("date_signature: 1998-05-14 10:30:00\n", "date_signature", 1),
        ("suivi:\n  comite_pilotage:\n    reunions: [1998-10-12, 12/04/1999]\n",
         "suivi.comite_pilotage.reunions[1]", 3),
    ],
)  # fmt: skip
def test_dates_that_are_not_dates(text: str, path: str, line: int) -> None:
    problem = only_error(text)
    assert (problem.path, problem.line) == (path, line)


@pytest.mark.parametrize(
    "text",
    [
        "duree_mois: true\n",
        "diagnostic:\n  donnees_quantitatives:\n    delinquance: true\n",
        "suivi:\n  comite_pilotage:\n    reunions_par_an: yes\n",
    ],
)
def test_a_boolean_is_not_a_number(text: str) -> None:
    problem = only_error(text)
    assert "nombre" in problem.message
    assert problem.line == text.count("\n")


def test_a_number_in_quotes_is_not_a_number() -> None:
    problem = only_error('duree_mois: "36"\n')
    assert problem.path == "duree_mois"
    assert problem.hint is not None and "sans guillemets" in problem.hint


def test_an_unquoted_insee_code_gets_a_hint_in_the_author_spelling() -> None:
    problems = by_path(
        errors_of("territoire:\n  departement: 01\n  communes:\n    - insee: 59991\n")
    )
    departement = problems["territoire.departement"]
    assert "« 01 »" in departement.message  # as written, though YAML read the number 1
    assert departement.hint == 'Écrivez la valeur entre guillemets : "01".'
    assert problems["territoire.communes[0].insee"].line == 4


def test_several_errors_are_reported_at_once_in_file_order() -> None:
    text = (
        "statut: signé\n"
        "duree_mois: trente-six\n"
        "signataires:\n"
        "  - role: maire\n"
        "    commune: 59991\n"
        "actions:\n"
        "  - theme: prevention\n"
        "    echeance: demain\n"
    )
    problems = errors_of(text)
    assert [p.path for p in problems] == [
        "statut",
        "duree_mois",
        "signataires[0].commune",
        "actions[0].theme",
        "actions[0].echeance",
    ]
    assert [p.line for p in problems] == [1, 2, 5, 7, 8]
    assert all(p.severity == "erreur" for p in problems)


def test_nested_errors_carry_lines_in_json_too() -> None:
    text = (
        '{\n  "signataires": [\n    {"role": "prefet"},\n'
        '    {"role": "maire", "commune": 59991}\n  ]\n}\n'
    )
    problem = only_error(text, "contrat.json")
    assert problem.path == "signataires[1].commune"
    assert problem.line == 4


def test_wrong_container_types() -> None:
    problems = by_path(errors_of("territoire: [a]\nsignataires: {role: prefet}\nactions: A1\n"))
    assert "table" in problems["territoire"].message
    assert "liste" in problems["signataires"].message
    assert problems["actions"].hint == "Écrivez une liste : [A1]."


def test_messages_are_french() -> None:
    text = (
        "format: 1\nid: [x]\nstatut: 3\ndate_signature: true\nduree_mois: 1.5\n"
        "contrat_de_ville: oui\nterritoire: x\nsignataires: [1, {role: 2, nom: 3}]\n"
        "diagnostic: {donnees_quantitatives: {delinquance: '3', victimes: .nan},"
        " volets: {constat_delinquance: 1}}\n"
        "objectifs_police_proximite: [{cible: {valeur: .inf}}]\n"
        "suivi: {evaluation: {periodicite_mois: 0}}\n"
    )
    problems = errors_of(text)
    assert len(problems) >= 14
    for problem in problems:
        assert "Input should" not in problem.message and "should be" not in problem.message
        assert problem.line is not None, problem


# --------------------------------------------------------------------------- unknown keys


def test_a_misspelt_key_is_a_warning_and_the_record_loads() -> None:
    loaded = record_from_text("id: x\nsignatiares:\n  - role: prefet\n", "c.yaml")
    assert loaded.contract.id == "x" and loaded.contract.signataires is None
    (warning,) = loaded.warnings
    assert warning.severity == "avertissement"
    assert warning.path == "signatiares" and warning.line == 2
    assert warning.message == "clé inconnue « signatiares » ignorée"
    assert warning.hint == "Vouliez-vous dire « signataires » ?"


def test_unknown_keys_are_found_at_every_level() -> None:
    text = (
        "territoire:\n  comunes: []\n"
        "signataires:\n  - role: prefet\n  - rol: maire\n"
        "diagnostic:\n  volets:\n    constat: true\n"
    )
    warnings = by_path(record_from_text(text, "c.yaml").warnings)
    assert set(warnings) == {
        "territoire.comunes",
        "signataires[1].rol",
        "diagnostic.volets.constat",
    }
    assert warnings["territoire.comunes"].hint == "Vouliez-vous dire « communes » ?"
    assert warnings["signataires[1].rol"].line == 5


def test_keys_yaml_reads_as_other_types_are_warnings_not_crashes() -> None:
    loaded = record_from_text("yes: 1\n1998: x\n2001-02-03: y\nnull: z\nid: a\n", "c.yaml")
    assert loaded.contract.id == "a"
    assert [w.line for w in loaded.warnings] == [1, 2, 3, 4]
    assert loaded.warnings[0].hint is not None and "true" in loaded.warnings[0].hint


@pytest.mark.parametrize(
    ("text", "file", "lines"),
    [
        ("format: cls/1\nid: a\nid: b\n", "c.yaml", (2, 3)),
        ('{"format": "cls/1",\n "id": "a",\n "id": "b"}', "c.json", (2, 3)),
        ("territoire:\n  type: commune\n  type: quartiers\n", "c.yaml", (2, 3)),
    ],
)
def test_a_repeated_key_is_an_error_naming_the_key_and_both_lines(
    text: str, file: str, lines: tuple[int, int]
) -> None:
    problem = only_error(text, file)
    key = problem.path.rsplit(".", 1)[-1] if problem.path else None
    assert f"« {key} » en double (lignes {lines[0]} et {lines[1]})" in problem.message
    assert problem.line == lines[1]


def test_a_key_overriding_a_merged_one_is_not_repeated() -> None:
    text = "defaut: &d {role: maire, nom: x}\nsignataires:\n  - <<: *d\n    nom: y\n"
    loaded = record_from_text(text, "c.yaml")
    assert loaded.contract.signataires is not None
    assert loaded.contract.signataires[0].nom == "y"


def test_warnings_are_reported_with_errors() -> None:
    problems = errors_of("signatiares: []\nstatut: x\n")
    assert [p.severity for p in problems] == ["avertissement", "erreur"]


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\nstatut: signe\n  duree_mois: 12\n", 3),
        ("id: x\nsignataires: [\n", 3),
        ("id: 'x\n", 2),
        ("id: x\n\tstatut: signe\n", 2),
        ("id: x\n---\nid: y\n", 2),
        ("id: *ancre\n", 1),
    ],
)
def test_yaml_syntax_errors_have_a_line(text: str, line: int) -> None:
    problem = only_error(text)
    assert problem.line == line
    assert problem.message.startswith("syntaxe YAML invalide")


def test_json_syntax_errors_have_line_and_column() -> None:
    problem = only_error('{\n  "id": "x",\n  "statut": "signe",\n}\n', "c.json")
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message.startswith("syntaxe JSON invalide")


def test_yaml_never_builds_python_objects(tmp_path: Path) -> None:
    marker = tmp_path / "created"
    text = f"id: !!python/object/apply:os.system ['touch {marker}']\n"
    problem = only_error(text)
    assert "étiquette" in problem.message
    assert not marker.exists()


@pytest.mark.parametrize("text", ["", "# rien\n", "---\n", "null\n"])
def test_an_empty_file_is_not_a_record(text: str) -> None:
    problem = only_error(text)
    assert "une table clé: valeur est attendue" in problem.message


@pytest.mark.parametrize("text", ["- id: x\n", "contrat\n", "12\n", "[]"])
def test_a_top_level_that_is_not_a_mapping(text: str) -> None:
    problem = only_error(text)
    assert problem.message.startswith("le fichier ne contient pas un enregistrement de contrat")


def test_unreadable_files_are_record_errors(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("id: x\nintitule: Sécurité\n".encode("latin-1"))
    cases = {
        tmp_path / "absent.yaml": "introuvable",
        tmp_path: "dossier",
        latin1: "UTF-8",
    }
    for path, words in cases.items():
        with pytest.raises(RecordError) as caught:
            load_record(path)
        (problem,) = caught.value.problems
        assert words in problem.message
    with pytest.raises(RecordError) as caught:
        load_record(latin1)
    assert caught.value.problems[0].line == 2


def test_a_deeply_nested_document_is_a_record_error() -> None:
    with pytest.raises(RecordError):
        record_from_text("id: " + "[" * 20000 + "]" * 20000 + "\n", "deep.yaml")
    with pytest.raises(RecordError):
        record_from_text('{"id": ' + "[" * 20000 + "]" * 20000 + "}", "deep.json")


def test_a_mapping_with_odd_values_is_a_record_error_not_a_crash() -> None:
    odd: dict[Any, Any] = {"signataires": [object()], 3: "x", "territoire": {"communes": (1,)}}
    with pytest.raises(RecordError) as caught:
        load_record(odd)
    assert caught.value.file == "<dict>"
    assert {p.path for p in caught.value.problems} >= {"signataires[0]", "territoire.communes[0]"}


def test_record_errors_survive_pickling() -> None:
    with pytest.raises(RecordError) as caught:
        record_from_text("statut: x\n", "c.yaml")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.problems == caught.value.problems


# --------------------------------------------------------------------------- transport networks


NETWORKS_YAML = """\
territoire:
  reseaux_transport:
    - RER D
    - {nom: Tram T1, exploitant: RATP}
"""


def test_a_bare_network_name_is_short_for_an_object_everywhere() -> None:
    data = yaml.safe_load(NETWORKS_YAML)
    loaded = [
        record_from_text(NETWORKS_YAML, "c.yaml"),
        record_from_text(json.dumps(data), "c.json"),
        load_record(data),
    ]
    for record in loaded:
        assert record.warnings == ()
        territoire = record.contract.territoire
        assert territoire is not None and territoire.reseaux_transport is not None
        assert [(r.nom, r.exploitant) for r in territoire.reseaux_transport] == [
            ("RER D", None),
            ("Tram T1", "RATP"),
        ]
    assert data == yaml.safe_load(NETWORKS_YAML)  # the caller's data is left as it was


def test_a_bare_network_name_is_nfc_like_any_text() -> None:
    name = unicodedata.normalize("NFD", "Réseau Étoile")
    contract = load_record({"territoire": {"reseaux_transport": [name]}}).contract
    assert contract.territoire is not None and contract.territoire.reseaux_transport is not None
    assert contract.territoire.reseaux_transport[0].nom == "Réseau Étoile"


def test_a_network_that_is_neither_a_name_nor_an_object_is_an_error() -> None:
    problem = only_error("territoire:\n  reseaux_transport: [RER D, 12]\n")
    assert problem.path == "territoire.reseaux_transport[1]"
    assert problem.line == 2


def test_the_schema_accepts_bare_network_names() -> None:
    from cls_check.model.contract import json_schema

    field = json_schema()["$defs"]["Territoire"]["properties"]["reseaux_transport"]
    (array,) = [option for option in field["anyOf"] if option.get("type") == "array"]
    assert {"type": "string"} in array["items"]["anyOf"]


# --------------------------------------------------------------------------- not a record


NOT_A_CONTRACT = "role: prefet\nnom: Préfet du Nord\n"


def test_a_mapping_without_any_key_of_the_format_is_not_a_record() -> None:
    data = yaml.safe_load(NOT_A_CONTRACT)
    with pytest.raises(RecordError) as from_dict:
        load_record(data)
    for problems in (
        errors_of(NOT_A_CONTRACT),
        errors_of(json.dumps(data), "c.json"),
        from_dict.value.problems,
    ):
        (problem,) = problems
        assert problem.severity == "erreur"
        assert problem.message.startswith("aucune clé du format cls/1")
        assert "role, nom" in problem.message
        assert problem.hint is not None and "cls-check init" in problem.hint
    assert errors_of(NOT_A_CONTRACT)[0].line == 1


def test_not_a_record_names_the_nearest_key_of_the_format() -> None:
    (problem,) = errors_of("# un projet\nsignatiares:\n  - role: prefet\n")
    assert problem.message.startswith("aucune clé du format cls/1")
    assert problem.hint == "Vouliez-vous dire « signataires » (au lieu de « signatiares ») ?"
    assert problem.line == 2


def test_one_key_of_the_format_makes_a_record_and_an_empty_one_is_a_draft() -> None:
    loaded = record_from_text("statut: projet\nsignatiares: []\n", "c.yaml")
    assert loaded.contract.statut == "projet"
    assert [w.path for w in loaded.warnings] == ["signatiares"]
    for empty in (record_from_text("{}\n", "c.yaml"), load_record({})):
        assert empty.warnings == () and empty.contract == Contract()


# --------------------------------------------------------------------------- hostile input


def test_lone_surrogates_are_refused_at_their_path() -> None:
    problem = only_error('{"format": "cls/1",\n "intitule": "a\\ud800"}', "c.json")
    assert (problem.path, problem.line) == ("intitule", 2)
    assert "U+D800" in problem.message
    problem.message.encode("utf-8")
    # An unknown key is ignored with a warning, written with an escape.
    (key,) = record_from_text('territoire:\n  "\\udfff": 1\n', "c.yaml").warnings
    assert key.path == "territoire.\\udfff" and key.line == 2
    key.message.encode("utf-8")
    assert "U+D800" in only_error("id: \ud800\n").message  # in the text itself


def errors_of_mapping(record: dict[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(RecordError) as caught:
        load_record(record)
    return caught.value.problems


def test_lone_surrogates_in_a_mapping_are_refused() -> None:
    (problem,) = errors_of_mapping({"signataires": [{"nom": "x\udc80"}]})
    assert problem.path == "signataires[0].nom"


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]" for p, n in zip("abcdef", "bcdefg", strict=True)
    ]
    assert "trop d'alias" in only_error("\n".join(lines) + "\n").message


def test_integers_too_long_or_too_large_are_refused_at_their_path() -> None:
    path = "moyens.adjoints_securite[0].nombre"
    for text, file in [
        ("moyens:\n  adjoints_securite:\n    - nombre: " + "9" * 5000 + "\n", "c.yaml"),
        ('{"moyens":\n {"adjoints_securite": [{"nombre": ' + "9" * 5000 + "}]}}", "c.json"),
    ]:
        problem = only_error(text, file)
        assert (problem.path, problem.line) == (path, 3 if file == "c.yaml" else 2)
        assert "trop long (5000 chiffres)" in problem.message
    large = only_error("moyens:\n  adjoints_securite:\n    - nombre: " + "9" * 40 + "\n")
    assert large.path == path and "inférieur ou égal à 1000000000" in large.message


def test_nesting_beyond_the_parser_limit_is_refused_quickly() -> None:
    problem = only_error("id: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert problem.message.startswith("structure trop profondément imbriquée")


def test_files_are_never_read_past_the_limit_nor_when_special(tmp_path: Path) -> None:
    big = tmp_path / "gros.yaml"
    big.write_text("id: x\n" + "#\n" * 100, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_record(big, max_size=100)
    assert "trop volumineux" in caught.value.problems[0].message
    assert load_record(big, max_size=600).contract.id == "x"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "tube.yaml")
        with pytest.raises(RecordError) as caught:
            load_record(tmp_path / "tube.yaml")  # would block if it were opened for reading
        assert "tube nommé" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\n c: 3\n",
        "a: &  x\n",
        'a: "\\x4"\n',
        "a: !<x y\n",
        "a: |0\n x\n",
        "<<: 3\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "- a\nb: 1\n",
        "a: 1\n...\nb: 2\n",
    ],
)
def test_yaml_syntax_errors_are_french(text: str) -> None:
    problem = only_error(text)
    assert problem.message.startswith("syntaxe YAML invalide : ")
    assert not any(w in problem.message for w in ("expected", "found", "while", "but"))


def test_a_path_holding_a_nul_character_is_refused_in_french() -> None:
    """A library caller may pass any string; no file name can hold NUL."""
    with pytest.raises(RecordError) as caught:
        load_record("contrat\x00.yaml")
    assert "caractère nul" in caught.value.problems[0].message


def test_a_json_record_indented_with_tabs_has_its_lines() -> None:
    """Lines of a JSON record come from a YAML reading of its text: libyaml's reads tabs,
    which PyYAML's own parser refuses."""
    text = '{\n\t"format": "cls/1",\n\t"signataires": [\n\t\t{"role": "roi"}\n\t]\n}\n'
    with pytest.raises(RecordError) as caught:
        record_from_text(text, "contrat.json")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("signataires[0].role", 4)
