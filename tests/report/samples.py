"""Reports built by hand for the renderer tests: no rule file, no engine, only the model.

* :func:`sample_report` — the golden-file sample: a compliant contract, a non-compliant one
  with violated and unknown findings in several themes (one with more evidence than the
  text report shows), an incomplete one with warnings, and an input that could not be
  checked;
* :func:`hostile_report` — record text that tries to break each format: HTML and script
  tags, Markdown and table characters, quotes, newlines, terminal escapes, formulas;
* :func:`empty_report` — nothing checked at all.
"""

from __future__ import annotations

import dataclasses
import datetime

from cls_check.report.model import (
    ContractReport,
    Finding,
    InputError,
    InputProblem,
    OrphanedWaiver,
    Report,
    RulesInfo,
    Source,
    Summary,
    ToolInfo,
    Waiver,
    WaiverReview,
)
from cls_check.report.questions import questions
from cls_check.report.result import status_of, summary_of

TOOL = ToolInfo(version="0.1.0")
RULES = RulesInfo(
    version="2026.1", sha256="3f2a9c1b7d4e8a6f0c5b2e9d1a7f4c3b8e6d0a2f9c1b5e7d3a4f6c8b0e2d1a9f"
)
CHECKED_AT = datetime.date(2026, 3, 1)

#: The keys of a finding in the JSON report (architecture.md); ``theme`` stays in-process.
JSON_FINDING_KEYS = {
    "requirement",
    "rule",
    "verdict",
    "force",
    "title",
    "message",
    "evidence",
    "source",
}

#: The keys of a finding's ``source`` in the JSON report.
JSON_SOURCE_KEYS = {"section", "quote", "text", "document", "document_id", "kind", "reference"}

C1997 = {
    "text": 1997,
    "document": "circulaire du 28 octobre 1997",
    "document_id": "circulaire-1997",
}
C1999 = {"text": 1999, "document": "circulaire du 7 juin 1999", "document_id": "circulaire-1999"}
SENAT = (
    "réponse du ministère de la Ville publiée le 5 octobre 2000 (question écrite n° 16709, Sénat)"
)

I1 = Source(
    section="I.1",
    quote="Les contrats locaux de sécurité sont élaborés conjointement par le préfet, à Paris "
    "le préfet de police, le procureur de la République et le (ou les) maire(s).",
    **C1997,
)
I1_PROCUREUR = Source(
    section="I.1",
    quote="élaborés conjointement par le préfet, [...] le procureur de la République et le "
    "(ou les) maire(s)",
    **C1997,
)
I2 = Source(
    section="I.2",
    quote="Dans ce cas, chacun des maires concernés signera le contrat intercommunal.",
    **C1997,
)
I3 = Source(
    section="I.3",
    quote="L'établissement d'un diagnostic constitue la première étape de l'élaboration du "
    "contrat.",
    **C1997,
)
I3_A = Source(
    section="I.3 a",
    quote="comporter des indications quantitatives sur : la délinquance et les délinquants "
    "[...] ; les incidents recensés par les établissements scolaires ; la population exposée "
    "[...] ; la connaissance des victimes",
    **C1997,
)
PREAMBULE = Source(
    section="preambule",
    quote="Les contrats locaux s'appliqueront en priorité aux quartiers sensibles dans lesquels "
    "les moyens nouveaux doivent être concentrés.",
    kind="secondaire",
    reference="source non identifiée (la fin du préambule n'a pas été retrouvée)",
    **C1997,
)
II1_B = Source(
    section="II.1 b",
    quote="Des objectifs seront fixés en ce qui concerne la présence des forces de police et de "
    "gendarmerie, l'accueil dans les services, le recueil et le suivi des plaintes, la mise en "
    "oeuvre des diverses techniques concourant à la perception d'une véritable police de "
    "proximité.",
    **C1997,
)
SUIVI_1999 = Source(
    section="",
    quote="un groupe de suivi technique composé des signataires du contrat",
    kind="secondaire",
    reference=SENAT,
    **C1999,
)
WHOLE_1999 = Source(
    section="",
    quote="diversifier les partenaires pour promouvoir des actions nouvelles et bien ciblées "
    "(conseils généraux, conseils régionaux, organismes sociaux, bailleurs, associations)",
    kind="secondaire",
    reference="paraphrase de la circulaire, source non identifiée (seule l'ouverture du texte "
    "a été retrouvée)",
    **C1999,
)


def finding(
    requirement: str,
    verdict: str,
    *,
    theme: str,
    title: str,
    source: Source,
    message: str = "",
    force: str = "obligation",
    evidence: tuple[tuple[str, object], ...] = (),
    waiver: Waiver | None = None,
) -> Finding:
    return Finding.model_validate(
        {
            "requirement": requirement,
            "rule": requirement,
            "verdict": verdict,
            "force": force,
            "title": title,
            "message": message,
            "evidence": [{"path": p, "value": v} for p, v in evidence],
            "source": source,
            "theme": theme,
            "waiver": waiver,
        }
    )


def contract(
    file: str,
    contract_id: str | None,
    findings: tuple[Finding, ...],
    warnings: tuple[InputProblem, ...] = (),
) -> ContractReport:
    return ContractReport(
        file=file,
        id=contract_id,
        status=status_of(findings),
        summary=Summary.of(summary_of(findings)),
        findings=findings,
        warnings=warnings,
        questions=[dataclasses.asdict(q) for q in questions(findings)],
    )


def compliant_contract() -> ContractReport:
    return contract(
        "contrats/val-de-lys.yaml",
        "cls-1998-val-de-lys",
        (
            finding(
                "SIG-01",
                "satisfied",
                theme="signataires",
                title="Le préfet (à Paris, le préfet de police) est partie au contrat",
                source=I1,
                evidence=(("signataires[0].role", "prefet"),),
            ),
            finding(
                "SIG-02",
                "satisfied",
                theme="signataires",
                title="Le procureur de la République est partie au contrat",
                source=I1_PROCUREUR,
                evidence=(("signataires[1].role", "procureur"),),
            ),
            finding(
                "SIG-05",
                "not_applicable",
                theme="signataires",
                title="Le partenariat est élargi au-delà de l'État et des communes",
                source=WHOLE_1999,
                force="recommandation",
                message="Le contrat a été signé le 14 mai 1998, avant la circulaire de 1999.",
            ),
            finding(
                "DIA-01",
                "satisfied",
                theme="diagnostic",
                title="Un diagnostic local de sécurité précède le contrat",
                source=I3,
                evidence=(("diagnostic.date", "1998-01-20"), ("date_signature", "1998-05-14")),
            ),
        ),
    )


def non_compliant_contract() -> ContractReport:
    communes = tuple((f"territoire.communes[{i}].insee", f"9300{i}") for i in range(9))
    return contract(
        "contrats/plaine-saint-denis.yaml",
        "cls-1999-plaine",
        (
            finding(
                "SIG-01",
                "satisfied",
                theme="signataires",
                title="Le préfet (à Paris, le préfet de police) est partie au contrat",
                source=I1,
                evidence=(("signataires[0].role", "prefet"),),
            ),
            finding(
                "SIG-02",
                "violated",
                theme="signataires",
                title="Le procureur de la République est partie au contrat",
                source=I1_PROCUREUR,
                message="Le procureur de la République n'est pas partie au contrat.",
                evidence=(
                    ("signataires[0].role", "prefet"),
                    ("signataires[1].role", "maire"),
                    ("signataires[2].role", "maire"),
                ),
            ),
            finding(
                "SIG-03",
                "violated",
                theme="signataires",
                title="Chaque maire des communes couvertes signe le contrat",
                source=I2,
                message="Le maire de Saint-Ouen (93070) n'a pas signé le contrat : la signature "
                "du président du groupement ne remplace pas la sienne. Le maire de Stains "
                "(93072) n'a pas signé le contrat : la signature du président du groupement ne "
                "remplace pas la sienne.",
                evidence=(*communes, ("signataires[3].commune", None)),
            ),
            finding(
                "PRI-01",
                "unknown",
                theme="priorites",
                title="Le contrat désigne ses quartiers prioritaires",
                source=PREAMBULE,
                message="L'enregistrement ne dit pas quels sont les quartiers prioritaires.",
                evidence=(("territoire.quartiers_prioritaires", None),),
            ),
            finding(
                "DIA-03",
                "violated",
                theme="diagnostic",
                title="Le diagnostic comporte des indications quantitatives sur les quatre "
                "domaines",
                source=I3_A,
                message="Le diagnostic ne chiffre pas : victimes.",
                evidence=(
                    ("diagnostic.indicateurs.delinquance", True),
                    ("diagnostic.indicateurs.incidents_scolaires", True),
                    ("diagnostic.indicateurs.population_exposee", True),
                    ("diagnostic.indicateurs.victimes", False),
                ),
            ),
            finding(
                "DIA-01",
                "satisfied",
                theme="diagnostic",
                title="Un diagnostic local de sécurité précède le contrat",
                source=I3,
            ),
            finding(
                "PRX-02",
                "unknown",
                theme="proximite",
                title="Des objectifs sont fixés pour la présence, l'accueil, les plaintes et la "
                "proximité",
                source=II1_B,
                force="recommandation",
                message="L'enregistrement ne dit pas si des objectifs d'accueil sont fixés.",
                evidence=(
                    ("actions[4].objectifs", ["presence", "plaintes"]),
                    ("actions[4].objectifs_quantifies", 2.5),
                ),
            ),
            finding(
                "SUI-01",
                "satisfied",
                theme="suivi",
                title="Une instance de pilotage et de suivi réunit les signataires",
                source=SUIVI_1999,
            ),
            finding(
                "SIG-04",
                "waived",
                theme="signataires",
                title="L'autorité académique est partie au contrat",
                source=I1,
                message="Le recteur ou l'inspecteur d'académie n'est pas partie au contrat.",
                evidence=(("signataires[0].role", "prefet"),),
                waiver=WAIVER,
            ),
        ),
    )


def incomplete_contract_with_warnings() -> ContractReport:
    return contract(
        "contrats/bourg-est.json",
        None,
        (
            finding(
                "SUI-01",
                "unknown",
                theme="suivi",
                title="Une instance de pilotage et de suivi réunit les signataires",
                source=SUIVI_1999,
                message="L'enregistrement ne dit pas si une instance de suivi existe.",
                evidence=(("suivi.instance", None),),
            ),
        ),
        warnings=(
            InputProblem(
                path="suivi.instanse",
                line=42,
                message="clé inconnue, ignorée",
                hint="vouliez-vous dire « instance » ?",
            ),
            InputProblem(path="remarques", message="clé inconnue, ignorée"),
        ),
    )


def invalid_input() -> InputError:
    return InputError(
        file="contrats/sans-format.yaml",
        problems=(
            InputProblem(
                path="signataires[2].role",
                line=17,
                message="valeur inconnue : « prefete »",
                hint="valeurs possibles : prefet, prefet_de_police, procureur, maire, recteur",
            ),
            InputProblem(path="date_signature", line=8, message="date invalide : « 1998-13-01 »"),
            InputProblem(message="le champ « format » manque (attendu : cls/1)"),
        ),
    )


WAIVER = Waiver(
    requirement="SIG-04",
    contract="cls-1999-plaine",
    justification="Le recteur a donné son accord par courrier du 3 mars 1999.",
    author="Préfecture de la Seine-Saint-Denis, bureau de la sécurité",
    date=datetime.date(1999, 3, 10),
    expires=datetime.date(2027, 3, 10),
)
EXPIRED = WAIVER.model_copy(update={"requirement": "SIG-02", "expires": datetime.date(1999, 6, 1)})
ORPHANED = OrphanedWaiver(
    requirement="SUI-01",
    contract="cls-1999-absent",
    justification="Instance commune avec le contrat de ville.",
    author="Sous-préfecture chargée de la politique de la ville",
    date=datetime.date(1999, 4, 2),
    reason="aucun contrat vérifié de cet identifiant",
)


def sample_report() -> Report:
    return Report(
        tool=TOOL,
        rules=RULES,
        checked_at=CHECKED_AT,
        contracts=(
            compliant_contract(),
            non_compliant_contract(),
            incomplete_contract_with_warnings(),
        ),
        errors=(invalid_input(),),
        waivers=WaiverReview(applied=(WAIVER,), expired=(EXPIRED,), orphaned=(ORPHANED,)),
    )


SCRIPT = "<script>alert('x')</script>"


def hostile_report() -> Report:
    nasty = f'{SCRIPT} | *gras* _souligné_ "guillemets" & [lien](http://x) `code`\nligne 2'
    return Report(
        tool=TOOL,
        rules=RULES,
        checked_at=CHECKED_AT,
        contracts=(
            contract(
                'a "b" <c>.yaml',
                f"cls-{SCRIPT}",
                (
                    finding(
                        "SIG-01",
                        "violated",
                        theme="signataires",
                        title=f"Titre {SCRIPT}",
                        source=Source(
                            section="I.1", quote=nasty, reference=nasty, kind="secondaire", **C1997
                        ),
                        message=f"# Titre\n- puce\n> citation\n{nasty}\x1b[31mrouge\x1b[0m",
                        evidence=(
                            ("signataires[0].nom", nasty),
                            ("signataires[1].nom", '=HYPERLINK("http://x")'),
                            ("a|b", "Élise Ñúñez — « à côté »"),
                        ),
                    ),
                    finding(
                        "X-01",
                        "satisfied",
                        theme="<b>thème</b>",
                        title="1. liste ?",
                        source=Source(section="<i>", quote="", text=1997, document="<b>texte</b>"),
                        message="-négatif",
                    ),
                ),
                warnings=(InputProblem(path="<x>", line=1, message=nasty, hint=nasty),),
            ),
        ),
        errors=(
            InputError(
                file="=cmd|' /C calc'!A0",
                problems=(InputProblem(path='"', line=3, message=nasty, hint=SCRIPT),),
            ),
        ),
    )


def empty_report() -> Report:
    return Report(tool=TOOL, rules=RULES, checked_at=CHECKED_AT)
