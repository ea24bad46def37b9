# language: fr
Fonctionnalité: Le suivi et l'évaluation du contrat (circulaires du 2 octobre 1998, du 7 juin 1999 et du 16 octobre 2000)
  Un comité de pilotage réunissant au moins le préfet, le procureur et un maire suit le
  contrat et se réunit au moins une fois par an ; l'évaluation, au moins annuelle, a des
  indicateurs, dont un sur le sentiment d'insécurité (depuis le 15 juin 1999) ; chaque
  action a un pilote, une échéance et un indicateur.

  Scénario: SUI-01 satisfaite — préfet, procureur et maire siègent au comité de pilotage
    Soit le contrat de référence
    Alors l'exigence SUI-01 est satisfaite

  Scénario: SUI-01 satisfaite — à Paris, le préfet de police siège au comité
    Soit le contrat « paris-prefet-de-police »
    Alors l'exigence SUI-01 est satisfaite

  Scénario: SUI-01 violée — le procureur ne siège pas au comité de pilotage
    Soit le contrat « viole-suivi »
    Alors l'exigence SUI-01 est violée
    Et le message de SUI-01 mentionne « Le procureur de la République ne siège pas »

  Scénario: SUI-01 violée — le contrat ne prévoit pas de comité de pilotage
    Soit le contrat de référence
    Quand le champ « suivi.comite_pilotage.existe » vaut false
    Alors l'exigence SUI-01 est violée
    Et le message de SUI-01 mentionne « ne prévoit pas de comité de pilotage »

  Scénario: SUI-01 inconnue — le suivi n'est pas renseigné
    Soit le contrat de référence
    Quand le champ « suivi » est absent
    Alors l'exigence SUI-01 est inconnue

  Scénario: SUI-01 inconnue — la composition du comité n'est pas renseignée
    Soit le contrat de référence
    Quand le champ « suivi.comite_pilotage.composition » est absent
    Alors l'exigence SUI-01 est inconnue

  Scénario: SUI-02 satisfaite — le comité s'est réuni dans l'année qui suit la signature
    Soit le contrat de référence
    Quand la date du contrôle est le 2001-01-01
    Alors l'exigence SUI-02 est satisfaite

  Scénario: SUI-02 satisfaite — douze mois jour pour jour après la signature, sans réunion encore
    Soit le contrat « conforme-2000 »
    Quand le champ « suivi.comite_pilotage.reunions » est vide
    Et la date du contrôle est le 2001-03-17
    Alors l'exigence SUI-02 est satisfaite

  Scénario: SUI-02 violée — plus de douze mois après la signature, aucune réunion dans l'année
    Soit le contrat « viole-suivi »
    Quand la date du contrôle est le 2001-03-18
    Alors l'exigence SUI-02 est violée
    Et le message de SUI-02 mentionne « Plus de douze mois après la signature (17 mars 2000) »
    Et le contrat est non conforme

  Scénario: SUI-02 violée — le comité ne prévoit pas de se réunir chaque année
    Soit le contrat de référence
    Quand le champ « suivi.comite_pilotage.reunions_par_an » vaut 0
    Et la date du contrôle est le 2001-01-01
    Alors l'exigence SUI-02 est violée
    Et le message de SUI-02 mentionne « au moins une fois par an »

  Scénario: SUI-02 satisfaite — pour un projet non signé, seule la fréquence prévue compte
    Soit le contrat de référence
    Quand le contrat est un projet non signé
    Et le champ « suivi.comite_pilotage.reunions » est vide
    Et la date du contrôle est le 2001-01-01
    Alors l'exigence SUI-02 est satisfaite

  Scénario: SUI-02 inconnue — la fréquence des réunions n'est pas renseignée
    Soit le contrat de référence
    Quand le champ « suivi.comite_pilotage.reunions_par_an » est absent
    Et la date du contrôle est le 2001-01-01
    Alors l'exigence SUI-02 est inconnue

  Scénario: SUI-02 inconnue — plus de douze mois après la signature, les réunions tenues ne sont pas renseignées
    Soit le contrat de référence
    Quand le champ « suivi.comite_pilotage.reunions » est absent
    Et la date du contrôle est le 2001-01-01
    Alors l'exigence SUI-02 est inconnue

  Scénario: SUI-02 non applicable — le contrat ne prévoit pas de comité de pilotage
    Soit le contrat de référence
    Quand le champ « suivi.comite_pilotage.existe » vaut false
    Et la date du contrôle est le 2001-01-01
    Alors l'exigence SUI-02 est non applicable

  Scénario: SUI-03 satisfaite — une évaluation annuelle avec des indicateurs
    Soit le contrat de référence
    Alors l'exigence SUI-03 est satisfaite

  Scénario: SUI-03 violée — l'évaluation n'a lieu que tous les deux ans
    Soit le contrat « viole-suivi »
    Alors l'exigence SUI-03 est violée
    Et le message de SUI-03 mentionne « tous les 24 mois »

  Scénario: SUI-03 violée — le contrat ne prévoit pas d'évaluation
    Soit le contrat de référence
    Quand le champ « suivi.evaluation.prevue » vaut false
    Alors l'exigence SUI-03 est violée
    Et le message de SUI-03 mentionne « ne prévoit pas d'évaluation »

  Scénario: SUI-03 violée — l'évaluation n'a aucun indicateur
    Soit le contrat de référence
    Quand le champ « suivi.evaluation.indicateurs » est vide
    Alors l'exigence SUI-03 est violée
    Et le message de SUI-03 mentionne « aucun indicateur »

  Scénario: SUI-03 inconnue — l'évaluation n'est pas renseignée
    Soit le contrat de référence
    Quand le champ « suivi.evaluation » est absent
    Alors l'exigence SUI-03 est inconnue

  Scénario: SUI-03 inconnue — la périodicité de l'évaluation n'est pas renseignée
    Soit le contrat de référence
    Quand le champ « suivi.evaluation.periodicite_mois » est absent
    Alors l'exigence SUI-03 est inconnue

  Scénario: SUI-04 satisfaite — une enquête annuelle mesure le sentiment d'insécurité
    Soit le contrat « conforme-2000 »
    Alors l'exigence SUI-04 est satisfaite

  Scénario: SUI-04 violée — aucun indicateur ne mesure le sentiment d'insécurité
    Soit le contrat « signe-2000 »
    Alors l'exigence SUI-04 est violée
    Et le message de SUI-04 mentionne « sentiment d'insécurité »

  Scénario: SUI-04 inconnue — l'évaluation n'est pas renseignée
    Soit le contrat « conforme-2000 »
    Quand le champ « suivi.evaluation » est absent
    Alors l'exigence SUI-04 est inconnue

  Scénario: SUI-04 inconnue — on ne sait pas ce que mesure l'indicateur d'enquête
    Soit le contrat « conforme-2000 »
    Quand le champ « suivi.evaluation.indicateurs[1].sentiment_insecurite » est absent
    Alors l'exigence SUI-04 est inconnue

  Scénario: SUI-04 non applicable — le contrat est signé avant le 15 juin 1999
    Soit le contrat « signe-1998 »
    Alors l'exigence SUI-04 est non applicable

  Scénario: SUI-05 satisfaite — chaque action a un pilote, une échéance et un indicateur
    Soit le contrat de référence
    Alors l'exigence SUI-05 est satisfaite

  Scénario: SUI-05 violée — une action n'a pas d'indicateur
    Soit le contrat « viole-suivi »
    Alors l'exigence SUI-05 est violée
    Et le message de SUI-05 mentionne « L'action A2 (Médiateurs aux sorties du collège des Chaumes) n'a pas d'indicateur »

  Scénario: SUI-05 violée — le rapport nomme chaque action incomplète
    Soit le contrat de référence
    Quand pour l'action « A2 », le contrat n'a pas de « pilote »
    Et pour l'action « A3 », le champ « echeance » vaut false
    Alors l'exigence SUI-05 est violée
    Et le message de SUI-05 mentionne « L'action A2 (Médiation aux abords des établissements scolaires) n'a pas de pilote »
    Et le message de SUI-05 mentionne « L'action A3 (Îlotage et poste de police de quartier) n'a pas d'échéance »
    Et le contrat est conforme

  Scénario: SUI-05 inconnue — le pilote d'une action n'est pas renseigné
    Soit le contrat de référence
    Quand pour l'action « A2 », le champ « pilote » est absent
    Alors l'exigence SUI-05 est inconnue
    Et le message de SUI-05 mentionne « actions[1].pilote »

  Scénario: SUI-05 inconnue — l'échéance d'une action n'est pas renseignée
    Soit le contrat de référence
    Quand pour l'action « A3 », le champ « echeance » est absent
    Alors l'exigence SUI-05 est inconnue

  Scénario: SUI-05 violée — une action dont on ne connaît pas le pilote n'a pas d'échéance
    Soit le contrat de référence
    Quand pour l'action « A2 », le champ « pilote » est absent
    Et pour l'action « A2 », le contrat n'a pas de « echeance »
    Et pour l'action « A2 », le champ « intitule » vaut ""
    Alors l'exigence SUI-05 est violée
    Et le message de SUI-05 mentionne « L'action A2 (aucun) n'a pas d'échéance »

  Scénario: SUI-05 inconnue — la liste des actions manque
    Soit le contrat de référence
    Quand le champ « actions » est absent
    Alors l'exigence SUI-05 est inconnue
