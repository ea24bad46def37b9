# language: fr
Fonctionnalité: Le diagnostic local de sécurité (circulaire du 28 octobre 1997, I.3)
  L'établissement d'un diagnostic est la première étape de l'élaboration du contrat. Il
  porte sur la délinquance, le sentiment d'insécurité et l'adéquation des réponses, chiffre
  quatre domaines, met en évidence les caractéristiques dominantes de la délinquance,
  recueille les attentes de la population et tient compte des travaux existants.

  Un enregistrement sans diagnostic (clé absente ou null) laisse les exigences DIA-01 à
  DIA-07 inconnues (information manquante) ; « diagnostic: false » dit que le contrat n'a
  pas de diagnostic, et elles sont violées.

  Scénario: DIA-01 satisfaite — le diagnostic précède la signature
    Soit le contrat de référence
    Alors l'exigence DIA-01 est satisfaite

  Scénario: DIA-01 satisfaite — le diagnostic est daté du jour de la signature
    Soit le contrat de référence
    Quand le champ « diagnostic.date » vaut 1998-05-14
    Alors l'exigence DIA-01 est satisfaite

  Scénario: DIA-01 satisfaite — pour un projet non signé, il suffit que le diagnostic existe
    Soit le contrat de référence
    Quand le contrat est un projet non signé
    Alors l'exigence DIA-01 est satisfaite

  Scénario: DIA-01 violée — le diagnostic est postérieur à la signature
    Soit le contrat « viole-diagnostic »
    Alors l'exigence DIA-01 est violée
    Et le message de DIA-01 mentionne « postérieur à la signature du contrat (17 mars 2000) »
    Et le contrat est non conforme

  Scénario: DIA-01 inconnue — le diagnostic n'est pas renseigné
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-01 est inconnue

  Scénario: DIA-01 violée — le contrat n'a pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » vaut false
    Alors l'exigence DIA-01 est violée
    Et le message de DIA-01 mentionne « Le contrat n'a pas de diagnostic local de sécurité. »

  Scénario: DIA-01 violée — le diagnostic n'a pas de date
    Soit le contrat de référence
    Quand le champ « diagnostic.date » vaut false
    Alors l'exigence DIA-01 est violée
    Et le message de DIA-01 mentionne « Le diagnostic n'est pas daté »

  Scénario: DIA-01 violée — même pour un projet, le contrat n'a pas de diagnostic
    Soit le contrat de référence
    Quand le contrat est un projet non signé
    Et le champ « diagnostic » vaut false
    Alors l'exigence DIA-01 est violée
    Et le message de DIA-01 mentionne « pas de diagnostic »

  Scénario: DIA-01 inconnue — la date du diagnostic manque
    Soit le contrat de référence
    Quand le champ « diagnostic.date » est absent
    Alors l'exigence DIA-01 est inconnue

  Scénario: DIA-02 satisfaite — le diagnostic porte sur ses trois volets
    Soit le contrat de référence
    Alors l'exigence DIA-02 est satisfaite

  Scénario: DIA-02 violée — le diagnostic n'analyse pas l'adéquation des réponses
    Soit le contrat « viole-diagnostic »
    Alors l'exigence DIA-02 est violée
    Et le message de DIA-02 mentionne « l'adéquation des réponses apportées »

  Scénario: DIA-02 violée — le rapport nomme chaque volet manquant
    Soit le contrat de référence
    Quand le champ « diagnostic.volets.constat_delinquance » vaut false
    Et le champ « diagnostic.volets.sentiment_insecurite » vaut false
    Alors l'exigence DIA-02 est violée
    Et le message de DIA-02 mentionne « pas de constat de la situation en termes de délinquance »
    Et le message de DIA-02 mentionne « pas d'évaluation du sentiment d'insécurité »

  Scénario: DIA-02 inconnue — un volet n'est ni affirmé ni nié
    Soit le contrat de référence
    Quand le champ « diagnostic.volets.sentiment_insecurite » est absent
    Alors l'exigence DIA-02 est inconnue

  Scénario: DIA-02 inconnue — un volet manque, un autre n'est ni affirmé ni nié
    Le catalogue est exprès : un volet ni affirmé ni nié rend le verdict inconnu.
    Soit le contrat de référence
    Quand le champ « diagnostic.volets.sentiment_insecurite » vaut false
    Et le champ « diagnostic.volets.adequation_reponses » est absent
    Alors l'exigence DIA-02 est inconnue

  Scénario: DIA-02 inconnue — l'enregistrement ne contient pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-02 est inconnue

  Scénario: DIA-02 violée — le contrat n'a pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » vaut false
    Alors l'exigence DIA-02 est violée
    Et le message de DIA-02 mentionne « Le contrat n'a pas de diagnostic local de sécurité. »

  Scénario: DIA-03 violée — le contrat n'a pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » vaut false
    Alors l'exigence DIA-03 est violée
    Et le message de DIA-03 mentionne « Le contrat n'a pas de diagnostic local de sécurité. »

  Scénario: DIA-03 satisfaite — les quatre domaines sont chiffrés
    Soit le contrat de référence
    Alors l'exigence DIA-03 est satisfaite

  Scénario: DIA-03 satisfaite — zéro incident scolaire est un chiffre
    Soit le contrat de référence
    Quand le champ « diagnostic.donnees_quantitatives.incidents_scolaires » vaut 0
    Alors l'exigence DIA-03 est satisfaite

  Scénario: DIA-03 violée — le diagnostic ne chiffre pas les victimes
    Soit le contrat « viole-diagnostic »
    Alors l'exigence DIA-03 est violée
    Et le message de DIA-03 mentionne « la connaissance des victimes »

  Scénario: DIA-03 inconnue — on ne sait pas si la population exposée est chiffrée
    Soit le contrat de référence
    Quand le champ « diagnostic.donnees_quantitatives.population_exposee » est absent
    Alors l'exigence DIA-03 est inconnue

  Scénario: DIA-03 inconnue — l'enregistrement ne contient pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-03 est inconnue

  Scénario: DIA-04 satisfaite — lieux, horaires et profil des auteurs sont décrits
    Soit le contrat de référence
    Alors l'exigence DIA-04 est satisfaite

  Scénario: DIA-04 violée — aucune caractéristique dominante n'est décrite
    Soit le contrat de référence
    Quand le champ « diagnostic.caracteristiques_dominantes » est vide
    Alors l'exigence DIA-04 est violée
    Et le message de DIA-04 mentionne « aucune caractéristique dominante »

  Scénario: DIA-04 inconnue — les caractéristiques dominantes ne sont pas renseignées
    Soit le contrat de référence
    Quand le champ « diagnostic.caracteristiques_dominantes » est absent
    Alors l'exigence DIA-04 est inconnue

  Scénario: DIA-04 inconnue — l'enregistrement ne contient pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-04 est inconnue

  Scénario: DIA-05 satisfaite — une enquête auprès de la population et les acteurs de terrain
    Soit le contrat de référence
    Alors l'exigence DIA-05 est satisfaite

  Scénario: DIA-05 violée — le sentiment d'insécurité n'est évalué qu'auprès des institutions
    Soit le contrat « viole-diagnostic »
    Alors l'exigence DIA-05 est violée
    Et le message de DIA-05 mentionne « ne recueille pas les attentes de la population »
    Et le message de DIA-05 mentionne « acteurs de terrain »

  Scénario: DIA-05 violée — la population est consultée, mais pas les acteurs de terrain
    Soit le contrat de référence
    Quand le champ « diagnostic.sources_sentiment_insecurite » vaut [reunions_publiques, institutions]
    Alors l'exigence DIA-05 est violée
    Et le message de DIA-05 mentionne « acteurs de terrain »

  Scénario: DIA-05 inconnue — les sources de l'évaluation ne sont pas renseignées
    Soit le contrat de référence
    Quand le champ « diagnostic.sources_sentiment_insecurite » est absent
    Alors l'exigence DIA-05 est inconnue

  Scénario: DIA-05 inconnue — l'enregistrement ne contient pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-05 est inconnue

  Scénario: DIA-06 satisfaite — le diagnostic cite des travaux existants
    Soit le contrat de référence
    Alors l'exigence DIA-06 est satisfaite

  Scénario: DIA-06 violée — le diagnostic ne cite aucun travail existant
    Soit le contrat de référence
    Quand le champ « diagnostic.travaux_existants » est vide
    Alors l'exigence DIA-06 est violée
    Et le message de DIA-06 mentionne « aucun travail »

  Scénario: DIA-06 inconnue — les travaux existants ne sont pas renseignés
    Soit le contrat de référence
    Quand le champ « diagnostic.travaux_existants » est absent
    Alors l'exigence DIA-06 est inconnue

  Scénario: DIA-06 inconnue — l'enregistrement ne contient pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-06 est inconnue

  Scénario: DIA-07 satisfaite — le diagnostic a une cartographie et exploite les mains courantes
    Soit le contrat de référence
    Alors l'exigence DIA-07 est satisfaite

  Scénario: DIA-07 satisfaite — les mains courantes suffisent, sans cartographie
    Soit le contrat de référence
    Quand le champ « diagnostic.cartographie » vaut false
    Alors l'exigence DIA-07 est satisfaite

  Scénario: DIA-07 violée — ni cartographie ni mains courantes
    Soit le contrat de référence
    Quand le champ « diagnostic.cartographie » vaut false
    Et le champ « diagnostic.mains_courantes » vaut false
    Alors l'exigence DIA-07 est violée
    Et le message de DIA-07 mentionne « pas de cartographie »
    Et le contrat est conforme

  Scénario: DIA-07 inconnue — pas de cartographie, et on ne sait pas si les mains courantes sont exploitées
    Soit le contrat de référence
    Quand le champ « diagnostic.cartographie » vaut false
    Et le champ « diagnostic.mains_courantes » est absent
    Alors l'exigence DIA-07 est inconnue

  Scénario: DIA-07 inconnue — l'enregistrement ne contient pas de diagnostic
    Soit le contrat de référence
    Quand le champ « diagnostic » est absent
    Alors l'exigence DIA-07 est inconnue
