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
