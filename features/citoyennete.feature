# language: fr
Fonctionnalité: L'éducation à la citoyenneté, axe de la prévention (préambule et II.1 a de la circulaire du 28 octobre 1997)
  Le contrat comporte un volet de prévention de la délinquance, dont l'éducation à la
  citoyenneté est un axe, portée par l'éducation nationale ; des incidents scolaires relevés
  par le diagnostic appellent une prévention en milieu scolaire.

  Scénario: CIT-01 satisfaite — le contrat comporte des actions de prévention
    Soit le contrat de référence
    Alors l'exigence CIT-01 est satisfaite

  Scénario: CIT-01 satisfaite — une action de prévention suffit, même si le thème d'une autre manque
    Soit le contrat de référence
    Quand pour l'action « A3 », le champ « theme » est absent
    Alors l'exigence CIT-01 est satisfaite

  Scénario: CIT-01 violée — le contrat ne comporte que des actions de police et de justice
    Soit le contrat de référence
    Quand le champ « actions » vaut [{code: A1, theme: police_proximite}, {code: A2, theme: reponse_judiciaire}, {code: A3, theme: transports}]
    Alors l'exigence CIT-01 est violée
    Et le message de CIT-01 mentionne « prévention de la délinquance »

  Scénario: CIT-01 inconnue — la liste des actions manque
    Soit le contrat de référence
    Quand le champ « actions » est absent
    Alors l'exigence CIT-01 est inconnue

  Scénario: CIT-02 satisfaite — une action porte sur l'éducation à la citoyenneté
    Soit le contrat de référence
    Alors l'exigence CIT-02 est satisfaite

  Scénario: CIT-02 violée — aucune action ne porte sur l'éducation à la citoyenneté
    Soit le contrat « viole-citoyennete »
    Alors l'exigence CIT-02 est violée
    Et le message de CIT-02 mentionne « éducation à la citoyenneté »
    Et le contrat est non conforme

  Scénario: CIT-02 inconnue — la liste des actions manque
    Soit le contrat de référence
    Quand le champ « actions » est absent
    Alors l'exigence CIT-02 est inconnue

  Scénario: CIT-02 inconnue — le thème de la seule action qui pourrait en relever n'est pas renseigné
    Soit le contrat de référence
    Quand pour l'action « A1 », le champ « theme » est absent
    Alors l'exigence CIT-02 est inconnue

  Scénario: CIT-03 satisfaite — l'éducation nationale pilote l'action de citoyenneté
    Soit le contrat de référence
    Alors l'exigence CIT-03 est satisfaite

  Scénario: CIT-03 satisfaite — l'éducation nationale est partenaire de l'action de citoyenneté
    Soit le contrat de référence
    Quand pour l'action « A1 », le champ « pilote » vaut commune
    Et pour l'action « A1 », le champ « partenaires » vaut [education_nationale, association]
    Alors l'exigence CIT-03 est satisfaite

  Scénario: CIT-03 violée — l'éducation nationale ne pilote pas l'action de citoyenneté et n'y participe pas
    Soit le contrat de référence
    Quand pour l'action « A1 », le champ « pilote » vaut commune
    Et pour l'action « A1 », le champ « partenaires » vaut [association]
    Alors l'exigence CIT-03 est violée
    Et le message de CIT-03 mentionne « L'éducation nationale ne pilote aucune action »

  Scénario: CIT-03 inconnue — le pilote de l'action de citoyenneté n'est pas renseigné
    Soit le contrat de référence
    Quand pour l'action « A1 », le champ « pilote » est absent
    Et pour l'action « A1 », le champ « partenaires » vaut [association]
    Alors l'exigence CIT-03 est inconnue

  Scénario: CIT-03 non applicable — aucune action ne porte sur l'éducation à la citoyenneté
    Soit le contrat « viole-citoyennete »
    Alors l'exigence CIT-03 est non applicable

  Scénario: CIT-04 satisfaite — des incidents scolaires et une action de sécurité scolaire
    Soit le contrat de référence
    Alors l'exigence CIT-04 est satisfaite

  Scénario: CIT-04 violée — des incidents scolaires, mais aucune action en milieu scolaire
    Soit le contrat « viole-citoyennete »
    Alors l'exigence CIT-04 est violée
    Et le message de CIT-04 mentionne « 64 incidents scolaires »

  Scénario: CIT-04 inconnue — le diagnostic ne chiffre pas les incidents scolaires
    Soit le contrat de référence
    Quand le champ « diagnostic.donnees_quantitatives.incidents_scolaires » vaut false
    Alors l'exigence CIT-04 est inconnue

  Scénario: CIT-04 inconnue — on ne sait pas si le diagnostic chiffre les incidents scolaires
    Soit le contrat de référence
    Quand le champ « diagnostic.donnees_quantitatives.incidents_scolaires » est absent
    Alors l'exigence CIT-04 est inconnue

  Scénario: CIT-04 non applicable — le diagnostic ne relève aucun incident scolaire
    Soit le contrat « reseau-transport »
    Alors l'exigence CIT-04 est non applicable
