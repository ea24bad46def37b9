# language: fr
Fonctionnalité: La police de proximité (préambule et II.1 b de la circulaire du 28 octobre 1997 ; IV-2 de la circulaire du 2 octobre 1998)
  Le contrat comporte un volet sur les conditions d'intervention de la police et de la
  gendarmerie : des objectifs, quantifiés quand ils s'y prêtent, pour la présence, l'accueil,
  les plaintes et les techniques de proximité ; la proximité guide le redéploiement, et le
  rôle des emplois-jeunes de sécurité est défini.

  Scénario: PRX-01 satisfaite — une action de police de proximité et des objectifs
    Soit le contrat de référence
    Alors l'exigence PRX-01 est satisfaite

  Scénario: PRX-01 satisfaite — des objectifs de proximité, sans action de police de proximité
    Soit le contrat de référence
    Quand on retire l'action « A3 »
    Alors l'exigence PRX-01 est satisfaite

  Scénario: PRX-01 violée — ni action de police de proximité ni objectif
    Soit le contrat de référence
    Quand on retire l'action « A3 »
    Et le champ « objectifs_police_proximite » est vide
    Alors l'exigence PRX-01 est violée
    Et le message de PRX-01 mentionne « ni action de police de proximité ni objectif »

  Scénario: PRX-01 inconnue — pas d'action de police de proximité, et les objectifs ne sont pas renseignés
    Soit le contrat de référence
    Quand on retire l'action « A3 »
    Et le champ « objectifs_police_proximite » est absent
    Alors l'exigence PRX-01 est inconnue

  Scénario: PRX-02 satisfaite — des objectifs pour les quatre domaines
    Soit le contrat de référence
    Alors l'exigence PRX-02 est satisfaite

  Scénario: PRX-02 violée — le rapport nomme chaque domaine sans objectif
    Soit le contrat « viole-proximite »
    Alors l'exigence PRX-02 est violée
    Et le message de PRX-02 mentionne « l'accueil dans les services »
    Et le message de PRX-02 mentionne « techniques de police de proximité »
    Et le contrat est non conforme

  Scénario: PRX-02 inconnue — les objectifs de police de proximité ne sont pas renseignés
    Soit le contrat de référence
    Quand le champ « objectifs_police_proximite » est absent
    Alors l'exigence PRX-02 est inconnue

  Scénario: PRX-03 satisfaite — des objectifs ont une cible chiffrée
    Soit le contrat de référence
    Alors l'exigence PRX-03 est satisfaite

  Scénario: PRX-03 violée — aucun objectif n'a de cible chiffrée
    Soit le contrat « viole-proximite »
    Alors l'exigence PRX-03 est violée
    Et le message de PRX-03 mentionne « cible chiffrée »

  Scénario: PRX-03 violée — « cible: false » : l'objectif n'a pas de cible
    Soit le contrat de référence
    Quand le champ « objectifs_police_proximite[0].cible » vaut false
    Et le champ « objectifs_police_proximite[1].cible » vaut false
    Et le champ « objectifs_police_proximite[2].cible » vaut false
    Et le champ « objectifs_police_proximite[3].cible » vaut false
    Alors l'exigence PRX-03 est violée
    Et le message de PRX-03 mentionne « Aucun objectif de police de proximité ne porte de cible chiffrée »

  Scénario: PRX-03 inconnue — on ne sait pas si les objectifs ont une cible
    Soit le contrat « viole-proximite »
    Quand le champ « objectifs_police_proximite[0].cible » est absent
    Et le champ « objectifs_police_proximite[1].cible » est absent
    Alors l'exigence PRX-03 est inconnue
    Et le message de PRX-03 mentionne « objectifs_police_proximite[0].cible »

  Scénario: PRX-03 inconnue — les objectifs de police de proximité ne sont pas renseignés
    Soit le contrat de référence
    Quand le champ « objectifs_police_proximite » est absent
    Alors l'exigence PRX-03 est inconnue

  Scénario: PRX-03 non applicable — le contrat ne fixe aucun objectif de proximité
    Soit le contrat de référence
    Quand le champ « objectifs_police_proximite » est vide
    Alors l'exigence PRX-03 est non applicable

  Scénario: PRX-04 satisfaite — îlotage dans les quartiers et effectifs redéployés
    Soit le contrat de référence
    Alors l'exigence PRX-04 est satisfaite

  Scénario: PRX-04 satisfaite — sans effectifs affectés, une action de proximité cible un quartier
    Soit le contrat de référence
    Quand le champ « moyens.adjoints_securite » est vide
    Et le champ « moyens.effectifs_redeployes » est vide
    Alors l'exigence PRX-04 est satisfaite

  Scénario: PRX-04 violée — ni action de proximité dans les quartiers ni effectifs affectés
    Soit le contrat de référence
    Quand le champ « moyens.adjoints_securite » est vide
    Et le champ « moyens.effectifs_redeployes » est vide
    Et pour l'action « A3 », le champ « quartiers » est vide
    Alors l'exigence PRX-04 est violée
    Et le message de PRX-04 mentionne « ni action de police de proximité ciblant un quartier »

  Scénario: PRX-04 inconnue — les actions et les moyens ne sont pas renseignés
    Soit le contrat de référence
    Quand le champ « actions » est absent
    Et le champ « moyens » est absent
    Alors l'exigence PRX-04 est inconnue

  Scénario: PRX-05 satisfaite — chaque poste d'emploi-jeune a sa mission
    Soit le contrat de référence
    Alors l'exigence PRX-05 est satisfaite

  Scénario: PRX-05 violée — la mission des agents de médiation est laissée en blanc
    Un texte vide ne décrit aucune mission.
    Soit le contrat de référence
    Quand le champ « moyens.agents_mediation[0].mission » vaut ""
    Alors l'exigence PRX-05 est violée
    Et le message de PRX-05 mentionne « La Briqueterie n'est pas décrite »

  Scénario: PRX-05 inconnue — la mission des agents de médiation n'est pas renseignée
    Absent veut dire « on ne sait pas » (format cls/1) : le rapport dit que l'information
    manque, il ne conclut pas que la mission n'est pas décrite.
    Soit le contrat de référence
    Quand le champ « moyens.agents_mediation[0].mission » est absent
    Alors l'exigence PRX-05 est inconnue

  Scénario: PRX-05 inconnue — des adjoints de sécurité, et on ne sait pas s'il y a des agents de médiation
    Soit le contrat de référence
    Quand le champ « moyens.agents_mediation » est absent
    Alors l'exigence PRX-05 est inconnue

  Scénario: PRX-05 non applicable — ni adjoints de sécurité ni agents de médiation
    Soit le contrat de référence
    Quand le champ « moyens.adjoints_securite » est vide
    Et le champ « moyens.agents_mediation » est vide
    Alors l'exigence PRX-05 est non applicable
