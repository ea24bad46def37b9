# language: fr
Fonctionnalité: Le verdict d'ensemble sur un contrat
  Un contrat est « non conforme » si une obligation est violée, sinon « incomplet » si une
  exigence est inconnue, sinon « conforme ». Les exigences de la circulaire du 7 juin 1999
  (SIG-05, SIG-06, SUI-04) s'appliquent aux contrats signés à partir du 15 juin 1999.

  Scénario: Un projet à ses débuts est incomplet, sans exigence violée
    Soit le contrat « projet-debut »
    Quand la date du contrôle est le 2001-01-01
    Alors le contrat est incomplet
    Et aucune exigence n'est violée
    Et l'exigence TER-01 est satisfaite
    Et l'exigence DIA-01 est inconnue
    Et le message de DIA-01 mentionne « diagnostic »

  Scénario: Un contrat de 2000 qui respecte toute la circulaire est conforme
    Soit le contrat « conforme-2000 »
    Quand la date du contrôle est le 2003-01-01
    Alors le contrat est conforme
    Et chaque exigence est satisfaite ou non applicable

  Scénario: Signé en 1998, le contrat n'est pas soumis aux exigences de 1999
    Soit le contrat « signe-1998 »
    Quand la date du contrôle est le 2003-01-01
    Alors l'exigence SIG-05 est non applicable
    Et l'exigence SIG-06 est non applicable
    Et l'exigence SUI-04 est non applicable
    Et le message de SUI-04 mentionne « signés à partir du 15 juin 1999 »
    Et le contrat est conforme

  Scénario: Signé en 2000, le même contrat doit respecter les exigences de 1999
    Soit le contrat « signe-2000 »
    Quand la date du contrôle est le 2003-01-01
    Alors l'exigence SIG-05 est satisfaite
    Et l'exigence SIG-06 est violée
    Et le message de SIG-06 mentionne « Aucune association »
    Et l'exigence SUI-04 est violée
    Et le message de SUI-04 mentionne « sentiment d'insécurité »
    Et le contrat est non conforme

  Scénario: Sans date de signature, on ne sait pas si les exigences de 1999 s'appliquent
    Soit le contrat « signe-2000 »
    Quand le champ « date_signature » est absent
    Et la date du contrôle est le 2003-01-01
    Alors l'exigence SIG-06 est inconnue
    Et l'exigence SUI-04 est inconnue
    Et le message de SUI-04 mentionne « La date de signature n'est pas renseignée »
    Et le contrat est incomplet

  Plan du scénario: Le contrat « <contrat> » est conforme
    Soit le contrat « <contrat> »
    Quand la date du contrôle est le 2003-01-01
    Alors le contrat est conforme

    Exemples:
      | contrat                |
      | contrat-exemple        |
      | signe-1998             |
      | paris-prefet-de-police |
      | reseau-transport       |
      | arrondissement-lyon    |

  Plan du scénario: Le contrat « <contrat> » ne viole que des exigences du thème « <thème> »
    Soit le contrat « <contrat> »
    Quand la date du contrôle est le 2003-01-01
    Alors le contrat est non conforme
    Et seules des exigences du thème « <thème> » sont violées

    Exemples:
      | contrat                      | thème       |
      | viole-signataires            | signataires |
      | viole-territoire             | territoire  |
      | viole-priorites              | priorites   |
      | viole-diagnostic             | diagnostic  |
      | viole-ccpd                   | ccpd        |
      | viole-citoyennete            | citoyennete |
      | viole-proximite              | proximite   |
      | viole-justice                | justice     |
      | viole-suivi                  | suivi       |
      | agglomeration-maire-manquant | signataires |
      | paris-prefet-simple          | signataires |
