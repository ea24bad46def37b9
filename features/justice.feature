# language: fr
Fonctionnalité: La justice dans le contrat (I.1 et II.3 de la circulaire du 28 octobre 1997)
  Des interlocuteurs permanents sont nommément désignés au parquet et dans chaque commune ;
  la convention d'une maison de justice et du droit n'a pas sa place dans le contrat ; les
  priorités de prévention s'articulent avec la politique pénale du procureur.

  Scénario: JUS-01 satisfaite — un magistrat référent et un interlocuteur par commune
    Soit le contrat de référence
    Alors l'exigence JUS-01 est satisfaite

  Scénario: JUS-01 violée — la commune n'a désigné aucun interlocuteur
    Soit le contrat « viole-justice »
    Alors l'exigence JUS-01 est violée
    Et le message de JUS-01 mentionne « pas d'interlocuteur permanent nommément désigné »
    Et le contrat est non conforme

  Scénario: JUS-01 violée — l'une des deux communes de l'agglomération n'a pas d'interlocuteur
    Soit le contrat de référence
    Quand on retire de « justice.interlocuteurs_communes » les éléments dont « commune » vaut "59992"
    Alors l'exigence JUS-01 est violée
    Et le message de JUS-01 mentionne « Une commune au moins »

  Scénario: JUS-01 violée — aucun magistrat référent n'est nommé au parquet
    Soit le contrat de référence
    Quand le champ « justice.magistrat_referent » vaut ""
    Alors l'exigence JUS-01 est violée
    Et le message de JUS-01 mentionne « Aucun magistrat référent »

  Scénario: JUS-01 inconnue — le volet justice n'est pas renseigné
    Soit le contrat de référence
    Quand le champ « justice » est absent
    Alors l'exigence JUS-01 est inconnue

  Scénario: JUS-01 inconnue — on ne sait pas si un magistrat référent est désigné
    Soit le contrat de référence
    Quand le champ « justice.magistrat_referent » est absent
    Alors l'exigence JUS-01 est inconnue

  Scénario: JUS-02 satisfaite — la convention de la maison de justice et du droit est distincte
    Soit le contrat de référence
    Alors l'exigence JUS-02 est satisfaite

  Scénario: JUS-02 violée — la convention de la maison de justice et du droit est intégrée au contrat
    Soit le contrat « viole-justice »
    Alors l'exigence JUS-02 est violée
    Et le message de JUS-02 mentionne « doit en être distincte »

  Scénario: JUS-02 inconnue — on ne sait pas si la convention est intégrée au contrat
    Soit le contrat de référence
    Quand le champ « justice.maison_justice_droit.convention_integree » est absent
    Alors l'exigence JUS-02 est inconnue

  Scénario: JUS-02 inconnue — on ne sait pas si le contrat mentionne une maison de justice et du droit
    Soit le contrat de référence
    Quand le champ « justice.maison_justice_droit » est absent
    Alors l'exigence JUS-02 est inconnue

  Scénario: JUS-02 non applicable — le contrat ne mentionne pas de maison de justice et du droit
    Soit le contrat « signe-1998 »
    Alors l'exigence JUS-02 est non applicable

  Scénario: JUS-03 satisfaite — une action d'aide aux victimes
    Soit le contrat de référence
    Alors l'exigence JUS-03 est satisfaite

  Scénario: JUS-03 satisfaite — une action de prévention de la récidive
    Soit le contrat « signe-1998 »
    Alors l'exigence JUS-03 est satisfaite

  Scénario: JUS-03 violée — aucune action ne relève de la réponse judiciaire
    Soit le contrat de référence
    Quand on retire l'action « A4 »
    Alors l'exigence JUS-03 est violée
    Et le message de JUS-03 mentionne « Aucune action ne relève de la réponse judiciaire »

  Scénario: JUS-03 inconnue — la liste des actions manque
    Soit le contrat de référence
    Quand le champ « actions » est absent
    Alors l'exigence JUS-03 est inconnue
