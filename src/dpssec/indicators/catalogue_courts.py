"""Catalogue entries of the court caseflow and time indicators (:mod:`dpssec.justice`).

Staff efficiency, the change of the pending stock, the measured time to disposition and the
length of pre-trial detention; the flow ratios (clearance rate, case turnover, disposition
time) are in :mod:`~dpssec.indicators.catalogue_justice`. Add an indicator by adding a record
to :data:`COURT_ENTRIES`.
"""

from __future__ import annotations

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.justice.caseflow_sources import (
    CEPEJ_EFFICIENCY_RATE,
    COURTOOLS_TIME_TO_DISPOSITION,
    NCSC_STOCK_IDENTITY,
)
from dpssec.justice.sources import KAPLAN_MEIER

__all__ = ["COURT_ENTRIES"]

_RESOLVED = Term("cases_resolved", "cases", "resolved")
_FILED = Term(
    "cases_filed",
    "cases",
    None,
    name=Texts(
        "Cases filed, each with its filing date and disposition date (if any)",
        "Asuntos ingresados, cada uno con su fecha de ingreso y de resolución (si la hay)",
        "Processos entrados, cada um com a data de entrada e de resolução (se houver)",
        "Affaires introduites, chacune avec sa date d'introduction et de jugement (le cas échéant)",
    ),
)

COURT_ENTRIES: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        identifier="efficiency_rate",
        name=Texts(
            "Cases resolved per staff member",
            "Asuntos resueltos por funcionario",
            "Processos resolvidos por funcionário",
            "Affaires résolues par agent",
        ),
        definition=Texts(
            "Cases resolved in a period per full-time-equivalent staff member (judges or all "
            "court staff, as stated).",
            "Asuntos resueltos en un periodo por funcionario equivalente a tiempo completo "
            "(jueces o todo el personal del tribunal, según se indique).",
            "Processos resolvidos num período por funcionário equivalente a tempo integral "
            "(juízes ou todo o pessoal do tribunal, conforme indicado).",
            "Affaires résolues pendant une période par agent en équivalent temps plein (juges "
            "ou tout le personnel du tribunal, selon ce qui est indiqué).",
        ),
        numerator=_RESOLVED,
        denominator=Term(
            "staff_full_time_equivalent",
            "persons",
            "staff",
            name=Texts(
                "Staff in full-time equivalents",
                "Personal en equivalentes a tiempo completo",
                "Pessoal em equivalentes a tempo integral",
                "Personnel en équivalents temps plein",
            ),
        ),
        unit="cases per full-time-equivalent staff member",
        function="dpssec.justice.efficiency_rate",
        variant="resolved cases over full-time-equivalent staff of the same period (an analyst "
        "convention: no CEPEJ formula read)",
        reference=CEPEJ_EFFICIENCY_RATE,
        domain="justice",
        scale=1.0,
    ),
    CatalogueEntry(
        identifier="backlog_change",
        name=Texts(
            "Change of the pending caseload",
            "Variación de los asuntos pendientes",
            "Variação dos processos pendentes",
            "Variation du stock d'affaires pendantes",
        ),
        definition=Texts(
            "Cases pending at the end of a period minus those pending at its start (or the "
            "change in percent of the start); negative when the stock shrinks.",
            "Asuntos pendientes al final de un periodo menos los pendientes a su inicio (o el "
            "cambio en porcentaje del inicio); negativo cuando el stock disminuye.",
            "Processos pendentes no fim de um período menos os pendentes no início (ou a "
            "variação em percentagem do início); negativo quando o stock diminui.",
            "Affaires pendantes à la fin d'une période moins celles pendantes à son début (ou "
            "la variation en pourcentage du début) ; négative quand le stock diminue.",
        ),
        numerator=Term("cases_pending_end", "cases", "pending_end"),
        denominator=Term(
            "cases_pending_start",
            "cases",
            "pending_start",
            name=Texts(
                "Cases pending at the start of the period",
                "Asuntos pendientes al inicio del periodo",
                "Processos pendentes no início do período",
                "Affaires pendantes au début de la période",
            ),
        ),
        unit="cases (or % of the start with relative=True)",
        function="dpssec.justice.backlog_change",
        variant="end minus start of the same stock; the stock identity end = start + "
        "incoming - resolved is checked separately",
        reference=NCSC_STOCK_IDENTITY,
        domain="justice",
        lower=None,
    ),
    CatalogueEntry(
        identifier="time_to_disposition",
        name=Texts(
            "Time to disposition (measured)",
            "Tiempo hasta la resolución (medido)",
            "Tempo até à resolução (medido)",
            "Délai de jugement (mesuré)",
        ),
        definition=Texts(
            "Median days from filing to disposition of the cases filed, cases still pending "
            "counted until the reference date (Kaplan-Meier), and the share resolved within "
            "a time standard.",
            "Mediana de días desde el ingreso hasta la resolución de los asuntos ingresados, "
            "contando los aún pendientes hasta la fecha de referencia (Kaplan-Meier), y la "
            "proporción resuelta dentro de un plazo estándar.",
            "Mediana de dias desde a entrada até à resolução dos processos entrados, contando "
            "os ainda pendentes até à data de referência (Kaplan-Meier), e a proporção "
            "resolvida dentro de um prazo padrão.",
            "Nombre médian de jours entre l'introduction et le jugement des affaires, les "
            "affaires encore pendantes étant comptées jusqu'à la date de référence "
            "(Kaplan-Meier), et la part jugée dans un délai de référence.",
        ),
        numerator=_FILED,
        denominator=Term(
            "cases_disposed",
            "cases",
            None,
            name=Texts(
                "Cases disposed by the reference date",
                "Asuntos resueltos a la fecha de referencia",
                "Processos resolvidos até à data de referência",
                "Affaires jugées à la date de référence",
            ),
        ),
        unit="days (median)",
        function="dpssec.justice.time_to_disposition",
        variant="measured from case records (not the flow estimate disposition_time); pending "
        "cases censored at the reference date",
        reference=COURTOOLS_TIME_TO_DISPOSITION,
        domain="justice",
        output="median",
    ),
    CatalogueEntry(
        identifier="pretrial_detention_length",
        name=Texts(
            "Length of pre-trial detention",
            "Duración de la prisión preventiva",
            "Duração da prisão preventiva",
            "Durée de la détention provisoire",
        ),
        definition=Texts(
            "Median days in pre-trial detention of the persons admitted, those still held "
            "counted until the reference date (Kaplan-Meier), and the share held beyond the "
            "legal limit.",
            "Mediana de días en prisión preventiva de las personas ingresadas, contando las "
            "aún detenidas hasta la fecha de referencia (Kaplan-Meier), y la proporción "
            "detenida más allá del plazo legal.",
            "Mediana de dias em prisão preventiva das pessoas entradas, contando as ainda "
            "detidas até à data de referência (Kaplan-Meier), e a proporção detida além do "
            "prazo legal.",
            "Nombre médian de jours en détention provisoire des personnes admises, celles "
            "encore détenues étant comptées jusqu'à la date de référence (Kaplan-Meier), et "
            "la part détenue au-delà du délai légal.",
        ),
        numerator=Term(
            "persons_admitted_pretrial",
            "persons",
            None,
            name=Texts(
                "Persons admitted to pre-trial detention (with admission and end dates)",
                "Personas ingresadas en prisión preventiva (con fechas de ingreso y salida)",
                "Pessoas entradas em prisão preventiva (com datas de entrada e saída)",
                "Personnes placées en détention provisoire (avec dates d'entrée et de fin)",
            ),
        ),
        denominator=Term(
            "legal_limit_days",
            "days",
            None,
            name=Texts(
                "Legal limit of pre-trial detention",
                "Plazo legal de la prisión preventiva",
                "Prazo legal da prisão preventiva",
                "Durée légale maximale de la détention provisoire",
            ),
        ),
        unit="days (median)",
        function="dpssec.justice.pretrial_detention_length",
        variant="measured from admission and release dates; persons still held censored at "
        "the reference date",
        reference=KAPLAN_MEIER,
        domain="justice",
        output="median_days",
    ),
)
