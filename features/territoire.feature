# language: fr
Fonctionnalité: Le territoire du contrat (circulaire du 28 octobre 1997, I.2)
  Le contrat local peut concerner une commune, un groupe de communes formant une
  agglomération, des quartiers déterminés ou des réseaux de transport ; à Paris, à Marseille
  et à Lyon, il peut être conclu par arrondissement, en cohérence avec le contrat de la
  commune. Une délinquance commune à plusieurs villes appelle un contrat d'agglomération.

  Scénario: TER-01 satisfaite — une agglomération de deux communes
    Soit le contrat de référence
    Alors l'exigence TER-01 est satisfaite

  Scénario: TER-01 satisfaite — un réseau de transport est défini par le réseau qu'il couvre
    Soit le contrat « reseau-transport »
    Alors l'exigence TER-01 est satisfaite

  Scénario: TER-01 violée — un contrat « communal » qui couvre deux communes
    Soit le contrat « viole-territoire »
    Alors l'exigence TER-01 est violée
    Et le message de TER-01 mentionne « exactement une commune »
    Et le contrat est non conforme

  Scénario: TER-01 violée — une agglomération d'une seule commune
    Soit le contrat de référence
    Quand le champ « territoire.communes » vaut [{insee: "59991", nom: Val-de-Lys}]
    Alors l'exigence TER-01 est violée
    Et le message de TER-01 mentionne « au moins deux communes »

  Scénario: TER-01 violée — un contrat de réseau de transport qui ne nomme aucun réseau
    Soit le contrat « reseau-transport »
    Quand le champ « territoire.reseaux_transport » est vide
    Alors l'exigence TER-01 est violée
    Et le message de TER-01 mentionne « aucun réseau »

  Scénario: TER-01 inconnue — le territoire n'est pas renseigné
    Soit le contrat de référence
    Quand le champ « territoire » est absent
    Alors l'exigence TER-01 est inconnue

  Scénario: TER-02 satisfaite — un contrat d'arrondissement à Lyon cite le contrat de la commune
    Soit le contrat « arrondissement-lyon »
    Alors l'exigence TER-02 est satisfaite

  Scénario: TER-02 satisfaite — un contrat d'arrondissement à Marseille
    Soit le contrat « arrondissement-lyon »
    Quand le champ « territoire.communes » vaut [{insee: "13203", nom: Marseille 3e arrondissement}]
    Alors l'exigence TER-02 est satisfaite

  Scénario: TER-02 violée — un contrat d'arrondissement hors de Paris, Marseille et Lyon
    Soit le contrat « arrondissement-lyon »
    Quand le champ « territoire.communes » vaut [{insee: "31555", nom: Toulouse}]
    Alors l'exigence TER-02 est violée
    Et le message de TER-02 mentionne « qu'à Paris, à Marseille ou à Lyon »

  Scénario: TER-02 violée — la référence au contrat de la commune est vide
    Un texte vide ne cite aucun contrat.
    Soit le contrat « arrondissement-lyon »
    Quand le champ « contrat_commune_reference » vaut ""
    Alors l'exigence TER-02 est violée
    Et le message de TER-02 mentionne « ne fait pas référence au contrat »

  Scénario: TER-02 inconnue — un projet d'arrondissement ne renseigne pas encore la référence
    Soit le contrat « arrondissement-lyon »
    Quand le contrat est un projet non signé
    Et le champ « contrat_commune_reference » est absent
    Alors l'exigence TER-02 est inconnue

  Scénario: TER-02 inconnue — un contrat d'arrondissement signé ne renseigne pas la référence
    Absent veut dire « on ne sait pas » (format cls/1), pour un contrat signé comme pour un
    projet.
    Soit le contrat « arrondissement-lyon »
    Quand le champ « contrat_commune_reference » est absent
    Alors l'exigence TER-02 est inconnue

  Scénario: TER-02 inconnue — les communes d'un contrat d'arrondissement ne sont pas renseignées
    Soit le contrat « arrondissement-lyon »
    Quand le champ « territoire.communes » est absent
    Alors l'exigence TER-02 est inconnue

  Scénario: TER-02 non applicable — un contrat d'agglomération
    Soit le contrat de référence
    Alors l'exigence TER-02 est non applicable

  Scénario: TER-03 satisfaite — une délinquance intercommunale et un contrat d'agglomération
    Soit le contrat de référence
    Alors l'exigence TER-03 est satisfaite

  Scénario: TER-03 satisfaite — une délinquance intercommunale et un contrat de réseau de transport
    Soit le contrat « reseau-transport »
    Alors l'exigence TER-03 est satisfaite

  Scénario: TER-03 violée — une délinquance intercommunale et un contrat communal
    Soit le contrat « viole-territoire »
    Alors l'exigence TER-03 est violée
    Et le message de TER-03 mentionne « phénomènes intercommunaux »

  Scénario: TER-03 inconnue — le diagnostic ne dit pas si la délinquance est intercommunale
    Soit le contrat de référence
    Quand le champ « diagnostic.phenomenes_intercommunaux » est absent
    Alors l'exigence TER-03 est inconnue

  Scénario: TER-03 non applicable — le diagnostic ne relève pas de phénomène intercommunal
    Soit le contrat « conforme-2000 »
    Alors l'exigence TER-03 est non applicable
