"""The questions that settle a contract's unknown findings: a draft's to-do list.

Input: the findings of one contract. Output: :class:`~cls_check.report.result.Question`\\ s,
one per record path that an unknown finding lacked, in plain French (« Quelle est la date
du diagnostic ? »), each with the theme and the requirements it would settle.

A drafting commune does not read record paths: it answers questions. Each field of the
format ``cls/1`` has its question here (``tests/report/test_questions.py`` fails when a
field of the model has none, or a question names a field that does not exist); an item of
a list is named by its noun and rank (« Action n° 2 : qui pilote l'action ? »). Paths are
the evidence paths of the engine: ``actions[1].pilote``, ``diagnostic.date``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cls_check.findings import Finding
from cls_check.report.result import Question

__all__ = ["ITEM_NOUNS", "QUESTIONS", "question", "questions"]

#: The question for each field of the format, by its path with ``[]`` for list items.
QUESTIONS: dict[str, str] = {
    "format": "Quelle version du format l'enregistrement suit-il (cls/1) ?",
    "id": "Quel est l'identifiant du contrat ?",
    "intitule": "Quel est l'intitulé du contrat ?",
    "statut": "Le contrat est-il signé ou encore en projet ?",
    "date_signature": "Quelle est la date de signature du contrat ?",
    "duree_mois": "Pour combien de mois le contrat est-il conclu ?",
    "contrat_de_ville": "Un contrat de ville existe-t-il sur ce territoire ?",
    "contrat_commune_reference": (
        "Pour un contrat d'arrondissement : quel est le contrat qui couvre toute la commune ?"
    ),
    "territoire": "Quel territoire le contrat couvre-t-il ?",
    "territoire.type": (
        "Quelle est la nature du territoire (commune, agglomération, quartiers, réseau de "
        "transport, arrondissement) ?"
    ),
    "territoire.departement": "Dans quel département le territoire se trouve-t-il ?",
    "territoire.communes": "Quelles communes le contrat couvre-t-il ?",
    "territoire.communes[].insee": "Quel est le code INSEE de la commune ?",
    "territoire.communes[].nom": "Quel est le nom de la commune ?",
    "territoire.reseaux_transport": "Quels réseaux de transport le contrat couvre-t-il ?",
    "territoire.reseaux_transport[].nom": "Quel est le nom du réseau ?",
    "territoire.reseaux_transport[].exploitant": "Qui exploite le réseau ?",
    "territoire.quartiers_prioritaires": (
        "Quels quartiers prioritaires (quartiers sensibles) le contrat désigne-t-il ?"
    ),
    "territoire.quartiers_prioritaires[].nom": "Quel est le nom du quartier ?",
    "territoire.quartiers_prioritaires[].commune": "Dans quelle commune le quartier est-il ?",
    "territoire.aucun_quartier_sensible": (
        "Le contrat déclare-t-il qu'il n'y a aucun quartier sensible sur son territoire ?"
    ),
    "signataires": "Qui signe le contrat ?",
    "signataires[].role": "En quelle qualité le signataire signe-t-il ?",
    "signataires[].nom": "Quel est le nom du signataire ?",
    "signataires[].commune": "De quelle commune le signataire est-il maire ?",
    "partenaires_associes": "Quels partenaires sont associés au contrat sans le signer ?",
    "partenaires_associes[].role": "En quelle qualité le partenaire est-il associé ?",
    "partenaires_associes[].nom": "Quel est le nom du partenaire ?",
    "partenaires_associes[].commune": "De quelle commune le partenaire est-il maire ?",
    "ccpd": "Existe-t-il un conseil communal de prévention de la délinquance (CCPD) ?",
    "ccpd.existe": "Un CCPD existe-t-il sur le territoire ?",
    "ccpd.associe_elaboration": "Le CCPD a-t-il été associé à l'élaboration du contrat ?",
    "ccpd.creation_prevue": "S'il n'y a pas de CCPD, le contrat en prévoit-il la création ?",
    "ccpd.composition": "Quels services et institutions sont représentés au CCPD ?",
    "diagnostic": "Un diagnostic local de sécurité a-t-il été établi ?",
    "diagnostic.date": "Quelle est la date du diagnostic ?",
    "diagnostic.auteur": "Qui a établi le diagnostic ?",
    "diagnostic.volets": "Quels volets le diagnostic traite-t-il ?",
    "diagnostic.volets.constat_delinquance": "Le diagnostic dresse-t-il l'état de la délinquance ?",
    "diagnostic.volets.sentiment_insecurite": (
        "Le diagnostic analyse-t-il le sentiment d'insécurité ?"
    ),
    "diagnostic.volets.adequation_reponses": (
        "Le diagnostic évalue-t-il l'adéquation des réponses (police, justice, prévention) ?"
    ),
    "diagnostic.donnees_quantitatives": "Quels chiffres le diagnostic retient-il ?",
    "diagnostic.donnees_quantitatives.delinquance": (
        "Quel chiffre de la délinquance le diagnostic retient-il ?"
    ),
    "diagnostic.donnees_quantitatives.incidents_scolaires": (
        "Combien d'incidents en milieu scolaire le diagnostic relève-t-il ?"
    ),
    "diagnostic.donnees_quantitatives.population_exposee": (
        "Quelle population exposée le diagnostic chiffre-t-il ?"
    ),
    "diagnostic.donnees_quantitatives.victimes": "Combien de victimes le diagnostic chiffre-t-il ?",
    "diagnostic.caracteristiques_dominantes": (
        "Quelles caractéristiques de la délinquance le diagnostic décrit-il (lieux, horaires, "
        "profil des auteurs) ?"
    ),
    "diagnostic.sources_sentiment_insecurite": (
        "Sur quelles sources le diagnostic mesure-t-il le sentiment d'insécurité ?"
    ),
    "diagnostic.travaux_existants": "De quels travaux existants le diagnostic tient-il compte ?",
    "diagnostic.cartographie": "Le diagnostic comporte-t-il une cartographie de la délinquance ?",
    "diagnostic.mains_courantes": "Le diagnostic exploite-t-il les mains courantes ?",
    "diagnostic.phenomenes_intercommunaux": (
        "Le diagnostic relève-t-il une délinquance commune à plusieurs communes ?"
    ),
    "priorites": "Quelles priorités le contrat retient-il ?",
    "priorites[].code": "Quel est le code de la priorité ?",
    "priorites[].intitule": "Quel est l'intitulé de la priorité ?",
    "priorites[].constat": "De quel constat du diagnostic la priorité découle-t-elle ?",
    "actions": "Quelles actions le contrat prévoit-il ?",
    "actions[].code": "Quel est le code de l'action ?",
    "actions[].intitule": "Quel est l'intitulé de l'action ?",
    "actions[].theme": "Quel est le thème de l'action ?",
    "actions[].priorites": "Quelles priorités l'action sert-elle ?",
    "actions[].quartiers": "Quels quartiers l'action cible-t-elle ?",
    "actions[].pilote": "Qui pilote l'action ?",
    "actions[].partenaires": "Quels sont les partenaires de l'action ?",
    "actions[].echeance": "Quelle est l'échéance de l'action ?",
    "actions[].indicateurs": "Par quels indicateurs l'action est-elle suivie ?",
    "objectifs_police_proximite": "Quels objectifs de police de proximité le contrat fixe-t-il ?",
    "objectifs_police_proximite[].domaine": (
        "Sur quel domaine l'objectif porte-t-il (présence, accueil, plaintes, techniques de "
        "proximité) ?"
    ),
    "objectifs_police_proximite[].intitule": "Quel est l'intitulé de l'objectif ?",
    "objectifs_police_proximite[].cible": "L'objectif a-t-il une cible chiffrée ?",
    "objectifs_police_proximite[].cible.valeur": "Quelle est la valeur de la cible ?",
    "objectifs_police_proximite[].cible.unite": "En quelle unité la cible est-elle exprimée ?",
    "moyens": "Quels moyens nouveaux le contrat engage-t-il ?",
    "moyens.adjoints_securite": "Combien d'adjoints de sécurité sont recrutés, et où ?",
    "moyens.adjoints_securite[].nombre": "Combien de personnes ?",
    "moyens.adjoints_securite[].quartier": "Dans quel quartier sont-elles affectées ?",
    "moyens.adjoints_securite[].mission": "Quelle mission leur est confiée ?",
    "moyens.agents_mediation": "Combien d'agents locaux de médiation sociale, et où ?",
    "moyens.agents_mediation[].nombre": "Combien de personnes ?",
    "moyens.agents_mediation[].quartier": "Dans quel quartier sont-elles affectées ?",
    "moyens.agents_mediation[].mission": "Quelle mission leur est confiée ?",
    "moyens.effectifs_redeployes": "Combien de policiers ou gendarmes sont redéployés, et où ?",
    "moyens.effectifs_redeployes[].nombre": "Combien de personnes ?",
    "moyens.effectifs_redeployes[].quartier": "Dans quel quartier sont-elles affectées ?",
    "moyens.effectifs_redeployes[].mission": "Quelle mission leur est confiée ?",
    "justice": "Que prévoit le volet justice du contrat ?",
    "justice.magistrat_referent": (
        "Quel magistrat du parquet est désigné comme interlocuteur permanent ?"
    ),
    "justice.interlocuteurs_communes": (
        "Quels interlocuteurs permanents les communes désignent-elles ?"
    ),
    "justice.interlocuteurs_communes[].commune": "Pour quelle commune ?",
    "justice.interlocuteurs_communes[].nom": "Qui est l'interlocuteur (nom et fonction) ?",
    "justice.maison_justice_droit": "Le contrat traite-t-il d'une maison de justice et du droit ?",
    "justice.maison_justice_droit.mentionnee": (
        "Le contrat mentionne-t-il une maison de justice et du droit ?"
    ),
    "justice.maison_justice_droit.convention_integree": (
        "La convention de fonctionnement de la maison de justice est-elle incluse dans le contrat ?"
    ),
    "suivi": "Comment le contrat est-il suivi et évalué ?",
    "suivi.comite_pilotage": "Le contrat institue-t-il un comité de pilotage ?",
    "suivi.comite_pilotage.existe": "Le contrat institue-t-il un comité de pilotage ?",
    "suivi.comite_pilotage.composition": "Qui siège au comité de pilotage ?",
    "suivi.comite_pilotage.reunions_par_an": "Combien de réunions du comité sont prévues par an ?",
    "suivi.comite_pilotage.reunions": "À quelles dates le comité s'est-il réuni ?",
    "suivi.evaluation": "Une évaluation du contrat est-elle prévue ?",
    "suivi.evaluation.prevue": "Une évaluation du contrat est-elle prévue ?",
    "suivi.evaluation.periodicite_mois": "Tous les combien de mois le contrat est-il évalué ?",
    "suivi.evaluation.evaluateur": "Qui évalue le contrat ?",
    "suivi.evaluation.indicateurs": "Par quels indicateurs le contrat est-il évalué ?",
    "suivi.evaluation.indicateurs[].intitule": "Quel est l'intitulé de l'indicateur ?",
    "suivi.evaluation.indicateurs[].sentiment_insecurite": (
        "L'indicateur mesure-t-il le sentiment d'insécurité ?"
    ),
}

#: How an item of each list is named in a question (« Action n° 2 : … »).
ITEM_NOUNS: dict[str, str] = {
    "territoire.communes": "Commune",
    "territoire.reseaux_transport": "Réseau de transport",
    "territoire.quartiers_prioritaires": "Quartier prioritaire",
    "signataires": "Signataire",
    "partenaires_associes": "Partenaire associé",
    "priorites": "Priorité",
    "actions": "Action",
    "objectifs_police_proximite": "Objectif de police de proximité",
    "moyens.adjoints_securite": "Adjoints de sécurité, poste",
    "moyens.agents_mediation": "Agents de médiation, poste",
    "moyens.effectifs_redeployes": "Effectifs redéployés, poste",
    "justice.interlocuteurs_communes": "Interlocuteur",
    "suivi.evaluation.indicateurs": "Indicateur",
}

_INDEX = re.compile(r"\[(\d+)\]")


def question(path: str) -> str:
    """The plain-French question for an evidence path (``actions[1].pilote``)."""
    generic = _INDEX.sub("[]", path)
    text = QUESTIONS.get(generic, f"Que dit le contrat de « {path} » ?")
    items = []
    for match in _INDEX.finditer(path):
        noun = ITEM_NOUNS.get(_INDEX.sub("", path[: match.start()]), "Élément")
        items.append(f"{noun} n° {int(match.group(1)) + 1}")
    return f"{', '.join(items)} : {text}" if items else text


def questions(findings: Iterable[Finding]) -> tuple[Question, ...]:
    """One question per path an unknown finding lacked, in report order, with every
    requirement it would settle and the theme most of them belong to (the first on a tie):
    the diagnostic's questions go under « Diagnostic » even if a territory rule asked first."""
    asked: dict[str, dict[str, str]] = {}  # path → requirement → theme
    for finding in findings:
        if finding.verdict != "unknown":
            continue
        for item in finding.evidence:
            if item.value is None:
                asked.setdefault(item.path, {}).setdefault(finding.requirement, finding.theme)
    return tuple(
        Question(_main_theme(themes), path, question(path), tuple(themes))
        for path, themes in asked.items()
    )


def _main_theme(themes: dict[str, str]) -> str:
    """The theme of most requirements, the first in order on a tie: ``max`` returns the
    first of the maximal items (a ``Counter`` costs more to build than a path's handful
    of requirements are worth counting)."""
    named = list(themes.values())
    return named[0] if len(named) == 1 else max(named, key=named.count)
