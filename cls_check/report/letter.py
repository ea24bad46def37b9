"""The letter to the commune: the observations on each contract, as a DOCX to edit and sign.

Input: a :class:`~cls_check.report.model.Report`. Output: the bytes of one Word document
(python-docx, pure Python), A4, in French, with one letter per contract checked and a page
break between them. Inputs that could not be checked get no letter: there is nothing to
observe on a contract that was not read.

Each letter is addressed to the maire of each commune of the contract, names its object
(« Objet : contrat local de sécurité … — observations »), gives the status, then lists the
requirements the contract violates — title, the rule's message, and the circular's words
« … » with their source — and, theme by theme, the questions whose answers would settle
what could not be decided. The reviewer adds the letterhead and the signature.

Invariants: every text of a record or a rule goes through :func:`_text` (one line, control
characters made visible, nothing that XML cannot carry), so no record can break the
document; the letter shows the findings the report shows (``--only`` applies).
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm

from cls_check import vocab
from cls_check.report import labels
from cls_check.report.model import CommuneRef, ContractReport, Finding, Report
from cls_check.values import french_date

CIRCULAR = (
    "la circulaire du 28 octobre 1997 relative à la mise en œuvre des contrats locaux de sécurité"
)
_STATUS_SENTENCES = {
    "conforme": "Il satisfait aux obligations vérifiées.",
    "non_conforme": "Il ne satisfait pas à toutes les obligations de la circulaire.",
    "incomplet": "Les informations transmises ne permettent pas de conclure sur toutes "
    "les obligations de la circulaire.",
    "invalide": "Il n'a pas pu être vérifié.",
}
_CONTRACT_WORDS = "contrat local de sécurité"


def _text(text: str) -> str:
    """Record or rule text as one line a DOCX can carry (a record with a lone surrogate is
    refused when it is read; the two noncharacters it may hold are replaced)."""
    return labels.without_noncharacters(labels.clean(text))


def _commune(commune: CommuneRef) -> str:
    if commune.nom:
        return _text(commune.nom)
    return f"la commune {_text(commune.insee or '')}".strip()


def _subject(contract: ContractReport) -> str:
    intitule = _text(contract.record.intitule or "")
    if not intitule:
        return f"{_CONTRACT_WORDS} {_text(labels.contract_label(contract.id))}"
    if intitule.lower().startswith(_CONTRACT_WORDS):  # « Contrat local de sécurité de X »
        return _CONTRACT_WORDS + intitule[len(_CONTRACT_WORDS) :]
    return f"{_CONTRACT_WORDS} « {intitule} »"


def _addressees(document: DocxDocument, contract: ContractReport) -> str:
    """The address block; returns the salutation that matches it."""
    communes = [c for c in contract.record.communes if c.nom or c.insee]
    for commune in communes:
        document.add_paragraph(f"Madame, Monsieur le Maire de {_commune(commune)}")
    if not communes:
        document.add_paragraph("Madame, Monsieur le Maire")
    if len(communes) > 1:
        return "Mesdames et Messieurs les Maires"
    return "Madame, Monsieur le Maire"


def _reference(contract: ContractReport) -> str:
    record = contract.record
    parts = [f"{_text(labels.contract_label(contract.id))} (fichier {_text(contract.file)})"]
    if record.departement:
        parts.append(f"département {_text(record.departement)}")
    if record.date_signature is not None:
        parts.append(f"signé le {french_date(record.date_signature)}")
    return "Réf. : " + ", ".join(parts)


def _violation(document: DocxDocument, finding: Finding) -> None:
    heading = document.add_paragraph()
    heading.add_run(f"{_text(finding.requirement)} — {_text(finding.title)}").bold = True
    heading.add_run(f" ({vocab.FORCE_LABELS[finding.force]})")
    if finding.message.strip():
        document.add_paragraph(_text(finding.message))
    quote = _text(finding.source.quote)
    source = _text(labels.source_label(finding.source))
    document.add_paragraph(f"« {quote} » ({source})" if quote else source, style="Quote")


def _letter(document: DocxDocument, report: Report, contract: ContractReport) -> None:
    date = document.add_paragraph(f"Le {french_date(report.checked_at)}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    salutation = _addressees(document, contract)
    subject = document.add_paragraph()
    subject.add_run("Objet : ").bold = True
    subject.add_run(f"{_subject(contract)} — observations")
    document.add_paragraph(_reference(contract))
    document.add_paragraph(f"{salutation},")
    document.add_paragraph(
        f"Le {_subject(contract)} a été examiné au regard de {CIRCULAR}. "
        + _STATUS_SENTENCES[contract.status]
    )
    violated = [f for f in labels.ordered(contract.findings) if f.verdict == "violated"]
    if violated:
        document.add_heading("Exigences non respectées", level=2)
        document.add_paragraph(
            "Le contrat ne répond pas aux exigences suivantes de la circulaire :"
        )
        for finding in violated:
            _violation(document, finding)
    waived = [
        f"{f.title} — {labels.waiver_text(f.waiver)}"
        for f in contract.findings
        if f.waiver is not None
    ]
    if waived:
        document.add_heading("Dérogations accordées", level=2)
        document.add_paragraph("Les exigences suivantes font l'objet d'une dérogation :")
        for text in waived:
            document.add_paragraph(_text(text), style="List Bullet")
    if contract.questions:
        document.add_heading("Questions", level=2)
        document.add_paragraph(
            "Afin de compléter l'examen, nous vous remercions de bien vouloir nous indiquer :"
        )
        for group in labels.question_groups(contract):
            document.add_paragraph().add_run(_text(group.label)).bold = True
            for question in group.questions:
                document.add_paragraph(_text(question.question), style="List Bullet")
    if not violated and not contract.questions:
        document.add_paragraph("Cet examen n'appelle pas d'observation de notre part.")
    document.add_paragraph(
        f"Nous vous prions d'agréer, {salutation}, l'expression de notre considération distinguée."
    )
    tool, rules, _ = labels.header_parts(report)
    note = document.add_paragraph(f"Vérification effectuée avec {tool}, {rules}.")
    note.runs[0].italic = True


def render(report: Report) -> bytes:
    """One letter per contract of ``report``, as the bytes of a DOCX document."""
    document = Document()
    properties = document.core_properties
    properties.title = "Observations sur les contrats locaux de sécurité"
    properties.language = "fr-FR"
    properties.author = _text(report.tool.name)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(20)
    for index, contract in enumerate(report.contracts):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _letter(document, report, contract)
    if not report.contracts:
        document.add_paragraph("Aucun contrat vérifié : aucune lettre à adresser.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
