"""The pydantic model of format cls/1: shape, three states, strictness, normalisation."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
import unicodedata
from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from cls_check.model import Contract
from cls_check.model import contract as c
from cls_check.model.introspect import list_item, model_class


def all_models(model: type[BaseModel] = Contract) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = [model]
    for info in model.model_fields.values():
        annotation = info.annotation
        nested = model_class(annotation) or model_class(list_item(annotation))
        if nested is not None and nested not in found:
            found.extend(m for m in all_models(nested) if m not in found)
    return found


# --------------------------------------------------------------------------- shape


def test_enumerations_are_those_of_the_format() -> None:
    assert get_args(c.Statut) == ("projet", "signe")
    assert get_args(c.TypeTerritoire) == (
        "commune",
        "agglomeration",
        "quartiers",
        "reseau_transport",
        "arrondissement",
    )
    assert len(get_args(c.Role)) == 16 and "prefet_de_police" in get_args(c.Role)
    assert len(get_args(c.Theme)) == 15
    assert len(get_args(c.Pilote)) == 12
    assert len(get_args(c.MembreCcpd)) == 9
    assert get_args(c.DomaineQuantitatif) == tuple(c.DonneesQuantitatives.model_fields)
    assert get_args(c.CaracteristiqueDominante) == ("lieux", "horaires", "profil_auteurs")
    assert len(get_args(c.SourceSentiment)) == 4
    assert get_args(c.DomaineProximite) == (
        "presence",
        "accueil",
        "plaintes",
        "techniques_proximite",
    )
    not_prevention = {"police_proximite", "reponse_judiciaire", "transports"}
    assert set(get_args(c.Theme)) - not_prevention == c.PREVENTION_THEMES


def test_enumeration_fields_use_the_named_aliases() -> None:
    fields = Contract.model_fields
    assert fields["statut"].annotation == c.Statut | Literal[False] | None
    assert c.Signataire.model_fields["role"].annotation == c.Role | Literal[False] | None
    assert c.Action.model_fields["partenaires"].annotation == list[c.Pilote] | None
    assert c.ComitePilotage.model_fields["composition"].annotation == list[c.Role] | None
    assert c.Ccpd.model_fields["composition"].annotation == list[c.MembreCcpd] | None


def test_every_field_is_optional_and_described() -> None:
    for model in all_models():
        for name, info in model.model_fields.items():
            where = f"{model.__name__}.{name}"
            expected_default = "cls/1" if (model, name) == (Contract, "format") else None
            assert info.default == expected_default, where
            assert type(None) in get_args(info.annotation), where
            assert info.description and len(info.description) > 5, where


PLAIN = (str, int, float, bool, dt.date, type(None))


def assert_plain(annotation: Any, where: str) -> None:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(annotation):
            assert_plain(arg, where)
    elif origin is list:
        assert_plain(get_args(annotation)[0], where)
    elif origin is Literal:
        assert all(isinstance(v, str) or v is False for v in get_args(annotation)), where
    else:
        assert annotation in PLAIN or model_class(annotation) is not None, where


def test_annotations_stay_plain_for_introspection() -> None:
    for model in all_models():
        for name, info in model.model_fields.items():
            assert_plain(info.annotation, f"{model.__name__}.{name}")


def test_the_example_nested_fields_exist() -> None:
    diag = c.Diagnostic.model_fields
    assert {"volets", "donnees_quantitatives", "caracteristiques_dominantes"} <= set(diag)
    assert set(c.Volets.model_fields) == {
        "constat_delinquance",
        "sentiment_insecurite",
        "adequation_reponses",
    }
    assert set(c.Affectation.model_fields) == {"nombre", "quartier", "mission"}
    assert set(c.Cible.model_fields) == {"valeur", "unite"}
    assert "convention_integree" in c.MaisonJusticeDroit.model_fields
    assert "sentiment_insecurite" in c.IndicateurEvaluation.model_fields


def test_json_schema_names_the_format_and_carries_descriptions() -> None:
    schema = c.json_schema()
    text = json.dumps(schema, ensure_ascii=False)
    assert "cls/1" in schema["$id"] and "cls/1" in schema["title"]
    assert schema["properties"]["signataires"]["description"].startswith("Signataires")
    assert "prefet_de_police" in text
    assert schema["$defs"]["Territoire"]["properties"]["communes"]["description"]


# --------------------------------------------------------------------------- three states


def test_an_empty_record_is_valid_and_reads_as_cls1() -> None:
    contract = Contract.model_validate({})
    assert contract.format == "cls/1"
    assert contract.signataires is None and contract.territoire is None
    assert Contract.model_validate({"format": None}).format == "cls/1"


def test_absent_empty_and_false_stay_distinct() -> None:
    contract = Contract.model_validate(
        {
            "signataires": [],
            "diagnostic": {"donnees_quantitatives": {"delinquance": False, "victimes": 0}},
            "territoire": {"aucun_quartier_sensible": False},
        }
    )
    assert contract.signataires == []
    assert contract.partenaires_associes is None
    data = contract.diagnostic and contract.diagnostic.donnees_quantitatives
    assert data is not None
    assert data.delinquance is False
    assert data.victimes == 0 and data.victimes is not False and type(data.victimes) is int
    assert data.incidents_scolaires is None
    assert contract.territoire is not None
    assert contract.territoire.aucun_quartier_sensible is False
    assert contract.territoire.communes is None


def test_quantities_keep_integers_and_reject_true() -> None:
    data = c.DonneesQuantitatives.model_validate({"delinquance": 4120, "victimes": 12.5})
    assert data.model_dump(mode="json") == {
        "delinquance": 4120,
        "incidents_scolaires": None,
        "population_exposee": None,
        "victimes": 12.5,
    }
    assert type(data.delinquance) is int
    with pytest.raises(ValidationError):
        c.DonneesQuantitatives.model_validate({"delinquance": True})
    with pytest.raises(ValidationError):
        c.DonneesQuantitatives.model_validate({"delinquance": -1})


# --------------------------------------------------------------------------- strictness


@pytest.mark.parametrize(
    "record",
    [
        {"duree_mois": True},
        {"duree_mois": "36"},
        {"duree_mois": 36.0},
        {"duree_mois": 0},
        {"contrat_de_ville": 1},
        {"contrat_de_ville": "yes"},
        {"id": 12},
        {"territoire": {"departement": 59}},
        {"territoire": {"communes": [{"insee": "5999"}]}},
        {"territoire": []},
        {"signataires": {"role": "prefet"}},
        {"statut": "Signe"},
        {"statut": "signé"},
        {"signataires": [{"role": "prefet de police"}]},
        {"format": "cls/2"},
        {"objectifs_police_proximite": [{"cible": {"valeur": float("nan")}}]},
        {"moyens": {"adjoints_securite": [{"nombre": -1}]}},
    ],
)
def test_wrong_values_are_rejected(record: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Contract.model_validate(record)


@pytest.mark.parametrize(
    "value",
    ["14/05/1998", "12", 12, 0, "1998-5-14", "1998-02-30", dt.datetime(1998, 5, 14, 10, 0), True],
)
def test_dates_accept_only_dates_and_iso_strings(value: object) -> None:
    with pytest.raises(ValidationError):
        Contract.model_validate({"date_signature": value})


def test_dates_from_yaml_and_json_spellings() -> None:
    as_date = Contract.model_validate({"date_signature": dt.date(1998, 5, 14)})
    as_text = Contract.model_validate({"date_signature": "1998-05-14"})
    assert as_date == as_text
    assert as_text.date_signature == dt.date(1998, 5, 14)
    comite = c.ComitePilotage.model_validate({"reunions": ["1998-10-12", dt.date(1999, 4, 8)]})
    assert comite.reunions == [dt.date(1998, 10, 12), dt.date(1999, 4, 8)]


def test_corsican_and_overseas_codes_are_accepted() -> None:
    contract = Contract.model_validate(
        {"territoire": {"departement": "2A", "communes": [{"insee": "2A004"}, {"insee": "97411"}]}}
    )
    assert contract.territoire is not None and contract.territoire.departement == "2A"


def test_models_are_frozen() -> None:
    contract = Contract.model_validate({"id": "x"})
    with pytest.raises(ValidationError):
        contract.id = "y"  # type: ignore[misc]


def test_unknown_keys_are_ignored_by_the_model() -> None:
    contract = Contract.model_validate({"signatiares": [], "territoire": {"comunes": []}})
    assert contract == Contract(territoire=c.Territoire())


# --------------------------------------------------------------------------- normalisation


def test_strings_are_nfc_normalised_everywhere() -> None:
    decomposed = unicodedata.normalize("NFD", "Préfet de l'Hérault")
    composed = unicodedata.normalize("NFC", decomposed)
    assert decomposed != composed
    contract = Contract.model_validate(
        {
            "intitule": decomposed,
            "signataires": [{"role": "prefet", "nom": decomposed}],
            "actions": [{"quartiers": [decomposed]}],
        }
    )
    assert contract.intitule == composed
    assert contract.signataires is not None and contract.signataires[0].nom == composed
    assert contract.actions is not None and contract.actions[0].quartiers == [composed]


def test_enumerated_values_are_not_folded() -> None:
    with pytest.raises(ValidationError):
        Contract.model_validate({"signataires": [{"role": "PREFET"}]})
