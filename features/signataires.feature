# language: fr
Fonctionnalité: Les signataires du contrat (circulaire du 28 octobre 1997, I.1 et I.2)
  Le contrat est élaboré conjointement par le préfet (à Paris, le préfet de police), le
  procureur de la République et le (ou les) maire(s).

  Scénario: SIG-01 satisfaite — le préfet a signé
    Soit le contrat de référence
    Alors l'exigence SIG-01 est satisfaite

  Scénario: SIG-01 violée — le préfet n'a pas signé
    Soit le contrat de référence
    Quand le préfet n'a pas signé
    Alors l'exigence SIG-01 est violée
    Et le message de SIG-01 mentionne « préfet »
    Et le contrat est non conforme

  Scénario: SIG-01 violée — le ministre de l'intérieur a signé à la place du préfet
    Soit le contrat de référence
    Quand le préfet n'a pas signé
    Et on ajoute à « signataires » {role: ministre_interieur}
    Alors l'exigence SIG-01 est violée
    Et le message de SIG-01 mentionne « ministre de l'intérieur »

  Scénario: SIG-01 inconnue — la liste des signataires manque
    Soit le contrat de référence
    Quand le champ « signataires » est absent
    Alors l'exigence SIG-01 est inconnue
    Et le message de SIG-01 mentionne « signataires »

  Scénario: SIG-01 violée — à Paris, un préfet ne suffit pas
    Soit le contrat de référence
    Quand le champ « territoire.communes » vaut [{insee: "75056", nom: Paris}]
    Alors l'exigence SIG-01 est violée
    Et le message de SIG-01 mentionne « préfet de police »

  Scénario: SIG-01 satisfaite — à Paris, le préfet de police a signé
    Soit le contrat de référence
    Quand le champ « territoire.communes » vaut [{insee: "75056", nom: Paris}]
    Et le préfet n'a pas signé
    Et on ajoute à « signataires » {role: prefet_de_police}
    Alors l'exigence SIG-01 est satisfaite

  Scénario: SIG-03 violée — un maire de l'agglomération n'a pas signé
    Soit le contrat de référence
    Quand le maire de la commune 59992 n'a pas signé
    Alors l'exigence SIG-03 est violée
    Et le message de SIG-03 mentionne « Saint-Amand-sur-Lys (59992) »

  Scénario: SIG-03 satisfaite — chaque maire a signé
    Soit le contrat de référence
    Alors l'exigence SIG-03 est satisfaite

  Scénario: SIG-03 inconnue — les communes ne sont pas renseignées
    Soit le contrat de référence
    Quand le champ « territoire.communes » est absent
    Alors l'exigence SIG-03 est inconnue

  Scénario: SIG-03 non applicable — le territoire ne nomme aucune commune
    Soit le contrat de référence
    Quand le champ « territoire.communes » est vide
    Alors l'exigence SIG-03 est non applicable

  Scénario: SIG-01 satisfaite — le contrat parisien est signé par le préfet de police
    Soit le contrat « paris-prefet-de-police »
    Alors l'exigence SIG-01 est satisfaite

  Scénario: SIG-01 violée — le contrat parisien est signé par un simple préfet
    Soit le contrat « paris-prefet-simple »
    Alors l'exigence SIG-01 est violée
    Et le message de SIG-01 mentionne « la signature d'un préfet ne suffit pas »

  Scénario: SIG-01 violée — à Paris, le ministre de l'intérieur a signé à la place du préfet de police
    Le catalogue veut un message qui dise que le ministre n'est pas le préfet, à Paris aussi.
    Soit le contrat « paris-prefet-de-police »
    Quand le préfet de police n'a pas signé
    Et on ajoute à « signataires » {role: ministre_interieur, nom: Ministre de l'intérieur}
    Alors l'exigence SIG-01 est violée
    Et le message de SIG-01 mentionne « ministre de l'intérieur »

  Scénario: SIG-01 inconnue — on ne sait pas si le territoire comprend Paris
    Soit le contrat de référence
    Quand le champ « territoire.communes » est absent
    Et le champ « territoire.departement » est absent
    Alors l'exigence SIG-01 est inconnue

  Scénario: SIG-01 satisfaite — sans la liste des communes, le département dit que ce n'est pas Paris
    Soit le contrat de référence
    Quand le champ « territoire.communes » est absent
    Alors l'exigence SIG-01 est satisfaite

  Scénario: SIG-02 satisfaite — le procureur a signé
    Soit le contrat de référence
    Alors l'exigence SIG-02 est satisfaite

  Scénario: SIG-02 violée — le procureur n'a pas signé
    Soit le contrat « viole-signataires »
    Alors l'exigence SIG-02 est violée
    Et le message de SIG-02 mentionne « procureur de la République »
    Et le contrat est non conforme

  Scénario: SIG-02 inconnue — la liste des signataires manque
    Soit le contrat de référence
    Quand le champ « signataires » est absent
    Alors l'exigence SIG-02 est inconnue

  Scénario: SIG-03 violée — le président de l'agglomération a signé à la place d'un maire
    Soit le contrat « agglomeration-maire-manquant »
    Alors l'exigence SIG-03 est violée
    Et le message de SIG-03 mentionne « Lavergnac (34993) »
    Et le message de SIG-03 mentionne « président du groupement ne remplace pas »

  Scénario: SIG-03 violée — le rapport nomme chaque commune dont le maire manque
    Soit le contrat « agglomeration-maire-manquant »
    Quand le maire de la commune 34991 n'a pas signé
    Alors l'exigence SIG-03 est violée
    Et le message de SIG-03 mentionne « Port-Vendrac (34991) »
    Et le message de SIG-03 mentionne « Lavergnac (34993) »

  Scénario: SIG-03 inconnue — la liste des signataires manque
    Soit le contrat de référence
    Quand le champ « signataires » est absent
    Alors l'exigence SIG-03 est inconnue

  Scénario: SIG-03 non applicable — un réseau de transport qui ne nomme aucune commune
    Soit le contrat « reseau-transport »
    Quand le champ « territoire.communes » est vide
    Alors l'exigence SIG-03 est non applicable

  Scénario: SIG-04 satisfaite — l'inspecteur d'académie a signé
    Soit le contrat de référence
    Alors l'exigence SIG-04 est satisfaite

  Scénario: SIG-04 satisfaite — le recteur est associé sans avoir signé
    Soit le contrat de référence
    Quand l'inspecteur d'académie n'a pas signé
    Et on ajoute à « partenaires_associes » {role: recteur, nom: Recteur de l'académie de Lille}
    Alors l'exigence SIG-04 est satisfaite

  Scénario: SIG-04 violée — ni le recteur ni l'inspecteur d'académie ne sont associés
    Soit le contrat « viole-signataires »
    Alors l'exigence SIG-04 est violée
    Et le message de SIG-04 mentionne « Ni le recteur ni l'inspecteur d'académie »

  Scénario: SIG-04 inconnue — aucun représentant parmi les signataires, et la liste des partenaires manque
    Soit le contrat de référence
    Quand l'inspecteur d'académie n'a pas signé
    Et le champ « partenaires_associes » est absent
    Alors l'exigence SIG-04 est inconnue

  Scénario: SIG-04 satisfaite — l'inspecteur a signé, même si la liste des partenaires manque
    Soit le contrat de référence
    Quand le champ « partenaires_associes » est absent
    Alors l'exigence SIG-04 est satisfaite

  Scénario: SIG-05 satisfaite — un contrat de 2000 associe conseil général, bailleur et associations
    Soit le contrat « conforme-2000 »
    Alors l'exigence SIG-05 est satisfaite

  Scénario: SIG-05 violée — un contrat de 2000 n'associe que l'État et la commune
    Soit le contrat « conforme-2000 »
    Quand on retire de « signataires » les éléments dont « role » vaut conseil_general
    Et le champ « partenaires_associes » est vide
    Alors l'exigence SIG-05 est violée
    Et le message de SIG-05 mentionne « Aucun partenaire autre que l'État et les communes »

  Scénario: SIG-05 inconnue — aucun tel partenaire parmi les signataires, et la liste des partenaires manque
    Soit le contrat « conforme-2000 »
    Quand on retire de « signataires » les éléments dont « role » vaut conseil_general
    Et le champ « partenaires_associes » est absent
    Alors l'exigence SIG-05 est inconnue

  Scénario: SIG-05 inconnue — la date de signature d'un contrat signé manque
    Soit le contrat « conforme-2000 »
    Quand le champ « date_signature » est absent
    Alors l'exigence SIG-05 est inconnue
    Et le message de SIG-05 mentionne « date de signature »

  Scénario: SIG-05 non applicable — le contrat est signé avant le 15 juin 1999
    Soit le contrat « signe-1998 »
    Alors l'exigence SIG-05 est non applicable

  Scénario: SIG-05 non applicable — signé le 14 juin 1999, la veille de la publication
    Soit le contrat « conforme-2000 »
    Quand le contrat a été signé le 1999-06-14
    Et le champ « diagnostic.date » vaut 1999-03-01
    Alors l'exigence SIG-05 est non applicable

  Scénario: SIG-05 satisfaite — signé le 15 juin 1999, le jour de la publication
    Soit le contrat « conforme-2000 »
    Quand le contrat a été signé le 1999-06-15
    Et le champ « diagnostic.date » vaut 1999-03-01
    Alors l'exigence SIG-05 est satisfaite

  Scénario: SIG-06 satisfaite — une association est partenaire du contrat
    Soit le contrat « conforme-2000 »
    Alors l'exigence SIG-06 est satisfaite

  Scénario: SIG-06 satisfaite — une association a signé le contrat
    Soit le contrat « signe-2000 »
    Quand on ajoute à « signataires » {role: association, nom: Association des locataires des Tisserands}
    Alors l'exigence SIG-06 est satisfaite

  Scénario: SIG-06 violée — aucune association n'est associée à un contrat de 2000
    Soit le contrat « signe-2000 »
    Alors l'exigence SIG-06 est violée
    Et le message de SIG-06 mentionne « Aucune association »

  Scénario: SIG-06 inconnue — aucune association parmi les signataires, et la liste des partenaires manque
    Soit le contrat « conforme-2000 »
    Quand le champ « partenaires_associes » est absent
    Alors l'exigence SIG-06 est inconnue

  Scénario: SIG-06 non applicable — le contrat est signé avant le 15 juin 1999
    Soit le contrat « signe-1998 »
    Alors l'exigence SIG-06 est non applicable
