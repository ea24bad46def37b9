# language: fr
Fonctionnalité: Les priorités et les quartiers sensibles (préambule et I.3 de la circulaire du 28 octobre 1997)
  Les contrats s'appliquent en priorité aux quartiers sensibles, où les moyens nouveaux sont
  concentrés ; les priorités découlent du diagnostic et sont précisément définies.

  Scénario: PRI-01 satisfaite — le contrat désigne ses quartiers prioritaires
    Soit le contrat de référence
    Alors l'exigence PRI-01 est satisfaite
    Et le message de PRI-01 mentionne « Les Hauts-Champs, La Briqueterie »

  Scénario: PRI-01 satisfaite — le contrat déclare qu'il n'y a pas de quartier sensible
    Soit le contrat de référence
    Quand le champ « territoire.quartiers_prioritaires » est vide
    Et le champ « territoire.aucun_quartier_sensible » vaut true
    Alors l'exigence PRI-01 est satisfaite
    Et le message de PRI-01 mentionne « aucun quartier sensible »

  Scénario: PRI-01 violée — aucun quartier prioritaire, et rien n'est déclaré
    Soit le contrat de référence
    Quand le champ « territoire.quartiers_prioritaires » est vide
    Alors l'exigence PRI-01 est violée
    Et le message de PRI-01 mentionne « aucun quartier prioritaire »

  Scénario: PRI-01 inconnue — la liste des quartiers manque
    Soit le contrat de référence
    Quand le champ « territoire.quartiers_prioritaires » est absent
    Alors l'exigence PRI-01 est inconnue

  Scénario: PRI-02 satisfaite — tous les emplois nouveaux vont aux quartiers prioritaires
    Soit le contrat de référence
    Alors l'exigence PRI-02 est satisfaite
    Et le message de PRI-02 mentionne « 18 des 18 emplois nouveaux »

  Scénario: PRI-02 violée — la plupart des emplois nouveaux vont au centre-ville
    Soit le contrat « viole-priorites »
    Alors l'exigence PRI-02 est violée
    Et le message de PRI-02 mentionne « 9 des 13 emplois nouveaux sont affectés hors des quartiers prioritaires »
    Et le contrat est non conforme

  Scénario: PRI-02 violée — la moitié exactement des emplois nouveaux ne suffit pas
    Soit le contrat de référence
    Quand on ajoute à « moyens.effectifs_redeployes » {nombre: 18, quartier: Centre-ville, mission: brigade de nuit}
    Alors l'exigence PRI-02 est violée
    Et le message de PRI-02 mentionne « 18 des 36 »

  Scénario: PRI-02 satisfaite — sans moyens nouveaux, la moitié des actions ciblent les quartiers
    Soit le contrat de référence
    Quand le champ « moyens » vaut {adjoints_securite: [], agents_mediation: [], effectifs_redeployes: []}
    Et pour l'action « A1 », le champ « quartiers » vaut [Centre-ville]
    Et pour l'action « A2 », le champ « quartiers » vaut [Centre-ville]
    Alors l'exigence PRI-02 est satisfaite
    Et le message de PRI-02 mentionne « 2 des 4 actions »

  Scénario: PRI-02 violée — sans moyens nouveaux, une action sur quatre cible les quartiers
    Soit le contrat de référence
    Quand le champ « moyens » vaut {adjoints_securite: [], agents_mediation: [], effectifs_redeployes: []}
    Et pour l'action « A1 », le champ « quartiers » vaut [Centre-ville]
    Et pour l'action « A2 », le champ « quartiers » vaut [Centre-ville]
    Et pour l'action « A3 », le champ « quartiers » vaut [Centre-ville]
    Alors l'exigence PRI-02 est violée
    Et le message de PRI-02 mentionne « 3 des 4 actions ne ciblent aucun quartier prioritaire »

  Scénario: PRI-02 inconnue — le quartier d'affectation de la moitié des emplois nouveaux n'est pas renseigné
    Les 18 emplois de référence vont aux quartiers prioritaires ; 18 autres, sans quartier
    renseigné, font pencher la balance d'un côté ou de l'autre.
    Soit le contrat de référence
    Quand on ajoute à « moyens.effectifs_redeployes » {nombre: 18, mission: brigade de nuit}
    Alors l'exigence PRI-02 est inconnue

  Scénario: PRI-02 violée — même si tous les emplois sans quartier allaient aux quartiers
    Soit le contrat « viole-priorites »
    Quand on ajoute à « moyens.effectifs_redeployes » {nombre: 1, mission: patrouille}
    Alors l'exigence PRI-02 est violée
    Et le message de PRI-02 mentionne « 9 des 14 emplois nouveaux sont affectés hors des quartiers prioritaires »

  Scénario: PRI-02 satisfaite — un emploi sans quartier renseigné ne change pas une majorité acquise
    Soit le contrat de référence
    Quand le champ « moyens.effectifs_redeployes[0].quartier » est absent
    Alors l'exigence PRI-02 est satisfaite

  Scénario: PRI-02 inconnue — les emplois chiffrés vont au centre-ville, les agents de médiation ne sont pas renseignés
    Les moyens sont chiffrés, en partie : la part affectée aux quartiers ne peut pas être
    calculée, et ce n'est pas un défaut de chiffres qui renverrait aux actions.
    Soit le contrat « viole-priorites »
    Quand le champ « moyens.agents_mediation » est absent
    Alors l'exigence PRI-02 est inconnue

  Scénario: PRI-02 non applicable — le contrat déclare qu'il n'y a pas de quartier sensible
    Soit le contrat de référence
    Quand le champ « territoire.quartiers_prioritaires » est vide
    Et le champ « territoire.aucun_quartier_sensible » vaut true
    Alors l'exigence PRI-02 est non applicable

  Scénario: PRI-03 satisfaite — chaque priorité renvoie à un constat et une action la met en oeuvre
    Soit le contrat de référence
    Alors l'exigence PRI-03 est satisfaite

  Scénario: PRI-03 violée — aucune action ne met en oeuvre une priorité
    Soit le contrat « viole-priorites »
    Alors l'exigence PRI-03 est violée
    Et le message de PRI-03 mentionne « priorité P3 »

  Scénario: PRI-03 violée — le contrat n'énonce aucune priorité
    Soit le contrat de référence
    Quand le champ « priorites » est vide
    Alors l'exigence PRI-03 est violée
    Et le message de PRI-03 mentionne « aucune priorité »

  Scénario: PRI-03 violée — une priorité ne renvoie à aucun constat
    Soit le contrat de référence
    Quand le champ « priorites[0].constat » vaut ""
    Alors l'exigence PRI-03 est violée
    Et le message de PRI-03 mentionne « ne renvoie à aucun constat »

  Scénario: PRI-03 violée — « constat: false » se lit comme un constat vide
    Soit le contrat de référence
    Quand le champ « priorites[0].constat » vaut false
    Alors l'exigence PRI-03 est violée
    Et le message de PRI-03 mentionne « ne renvoie à aucun constat »

  Scénario: PRI-03 inconnue — les priorités ne sont pas renseignées
    Soit le contrat de référence
    Quand le champ « priorites » est absent
    Alors l'exigence PRI-03 est inconnue

  Scénario: PRI-03 inconnue — le constat d'une priorité n'est pas renseigné
    Soit le contrat de référence
    Quand le champ « priorites[0].constat » est absent
    Alors l'exigence PRI-03 est inconnue
