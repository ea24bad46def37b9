# language: fr
Fonctionnalité: Le conseil communal de prévention de la délinquance (circulaire du 28 octobre 1997, I.1)
  Le contrat s'appuie sur le CCPD lorsqu'il existe, et le CCPD réunit police ou
  gendarmerie et les ministères concernés. Lorsqu'il n'existe pas, il convient d'en susciter
  la création, et le préfet associe à la préparation tous les acteurs nécessaires.

  Scénario: CCP-01 satisfaite — le CCPD a été associé à l'élaboration du contrat
    Soit le contrat de référence
    Alors l'exigence CCP-01 est satisfaite

  Scénario: CCP-01 violée — le CCPD existe mais n'a pas été associé
    Soit le contrat « viole-ccpd »
    Alors l'exigence CCP-01 est violée
    Et le message de CCP-01 mentionne « n'a pas été associé à l'élaboration »
    Et le contrat est non conforme

  Scénario: CCP-01 inconnue — on ne sait pas si le CCPD a été associé
    Soit le contrat de référence
    Quand le champ « ccpd.associe_elaboration » est absent
    Alors l'exigence CCP-01 est inconnue

  Scénario: CCP-01 inconnue — on ne sait pas si un CCPD existe
    Soit le contrat de référence
    Quand le champ « ccpd.existe » est absent
    Alors l'exigence CCP-01 est inconnue

  Scénario: CCP-01 non applicable — il n'existe pas de CCPD
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Alors l'exigence CCP-01 est non applicable

  Scénario: CCP-02 satisfaite — sans CCPD, le contrat en prévoit la création
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Et le champ « ccpd.creation_prevue » vaut true
    Alors l'exigence CCP-02 est satisfaite

  Scénario: CCP-02 violée — sans CCPD, le contrat n'en prévoit pas la création
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Et le champ « ccpd.creation_prevue » vaut false
    Alors l'exigence CCP-02 est violée
    Et le message de CCP-02 mentionne « n'en prévoit pas la création »
    Et le contrat est conforme

  Scénario: CCP-02 inconnue — sans CCPD, on ne sait pas si sa création est prévue
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Alors l'exigence CCP-02 est inconnue

  Scénario: CCP-02 non applicable — un CCPD existe
    Soit le contrat de référence
    Alors l'exigence CCP-02 est non applicable

  Scénario: CCP-03 satisfaite — sans CCPD, bailleur et association sont associés à la préparation
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Alors l'exigence CCP-03 est satisfaite

  Scénario: CCP-03 violée — sans CCPD, aucun acteur social n'est associé
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Et le champ « partenaires_associes » vaut [{role: conseil_general, nom: Conseil général du Nord}]
    Alors l'exigence CCP-03 est violée
    Et le message de CCP-03 mentionne « aucun acteur social »

  Scénario: CCP-03 inconnue — sans CCPD, la liste des partenaires associés manque
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Et le champ « partenaires_associes » est absent
    Alors l'exigence CCP-03 est inconnue

  Scénario: CCP-03 non applicable — un CCPD existe
    Soit le contrat de référence
    Alors l'exigence CCP-03 est non applicable

  Scénario: CCP-04 satisfaite — police, éducation nationale, emploi et solidarité, jeunesse et sports siègent au CCPD
    Soit le contrat de référence
    Alors l'exigence CCP-04 est satisfaite

  Scénario: CCP-04 satisfaite — la gendarmerie siège à la place de la police
    Soit le contrat de référence
    Quand le champ « ccpd.composition » vaut [gendarmerie, education_nationale, emploi_solidarite, jeunesse_sports]
    Alors l'exigence CCP-04 est satisfaite

  Scénario: CCP-04 violée — le rapport nomme chaque ministère absent du CCPD
    Soit le contrat « viole-ccpd »
    Alors l'exigence CCP-04 est violée
    Et le message de CCP-04 mentionne « l'emploi et de la solidarité ne siège pas »
    Et le message de CCP-04 mentionne « la jeunesse et des sports ne siège pas »

  Scénario: CCP-04 violée — ni la police ni la gendarmerie ne siègent au CCPD
    Soit le contrat de référence
    Quand le champ « ccpd.composition » vaut [education_nationale, emploi_solidarite, jeunesse_sports, commune]
    Alors l'exigence CCP-04 est violée
    Et le message de CCP-04 mentionne « Ni la police ni la gendarmerie »

  Scénario: CCP-04 inconnue — la composition du CCPD n'est pas renseignée
    Soit le contrat de référence
    Quand le champ « ccpd.composition » est absent
    Alors l'exigence CCP-04 est inconnue

  Scénario: CCP-04 non applicable — il n'existe pas de CCPD
    Soit le contrat de référence
    Quand il n'existe pas de CCPD
    Alors l'exigence CCP-04 est non applicable
