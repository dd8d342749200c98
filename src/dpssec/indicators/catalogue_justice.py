"""Catalogue entries of the criminal-justice indicators (:mod:`dpssec.justice`).

One :class:`~dpssec.indicators.catalogue_model.CatalogueEntry` per indicator; add an
indicator by adding a record to :data:`JUSTICE_ENTRIES`.
"""

from __future__ import annotations

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.justice.caseflow_sources import (
    CEPEJ_CASE_TURNOVER,
    CEPEJ_CLEARANCE_RATE,
    CEPEJ_DISPOSITION_TIME,
)
from dpssec.justice.sources import (
    BJS_RECIDIVISM,
    CPT_LIVING_SPACE,
    KAPLAN_MEIER,
    OAS_OCCUPANCY,
    OAS_PRISON_POPULATION_RATE,
    SDG_16_3_2,
    WPB_REMAND,
)

__all__ = ["JUSTICE_ENTRIES"]

_HELD = Term("prison_population", "persons", "population")
_ALL_HELD = Term("prison_population", "persons", "total")
_RELEASED = Term(
    "persons_released",
    "persons",
    None,
    name=Texts(
        "Persons released (each with follow-up time and event)",
        "Personas liberadas (cada una con su tiempo de seguimiento y evento)",
        "Pessoas libertadas (cada uma com tempo de seguimento e evento)",
        "Personnes libérées (chacune avec sa durée de suivi et son événement)",
    ),
)
_REOFFENDING = Term(
    "persons_reoffending",
    "persons",
    "events",
    name=Texts(
        "Persons released with a new event (arrest, conviction or reincarceration)",
        "Personas liberadas con un nuevo evento (detención, condena o reingreso)",
        "Pessoas libertadas com novo evento (prisão, condenação ou reencarceramento)",
        "Personnes libérées ayant un nouvel événement (arrestation, condamnation, réincarcération)",
    ),
)

_RESOLVED = Term(
    "cases_resolved",
    "cases",
    "resolved",
    name=Texts(
        "Cases resolved in the period",
        "Asuntos resueltos en el periodo",
        "Processos resolvidos no período",
        "Affaires résolues pendant la période",
    ),
)
_PENDING_END = Term(
    "cases_pending_end",
    "cases",
    "pending_end",
    name=Texts(
        "Cases pending at the end of the period",
        "Asuntos pendientes al final del periodo",
        "Processos pendentes no fim do período",
        "Affaires pendantes à la fin de la période",
    ),
)

JUSTICE_ENTRIES: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        identifier="prison_population_rate",
        name=Texts(
            "Prison population rate",
            "Tasa de población penitenciaria",
            "Taxa de população prisional",
            "Taux de population carcérale",
        ),
        definition=Texts(
            "Persons held in prisons, penal or correctional institutions on a given day, per "
            "100,000 inhabitants.",
            "Personas privadas de libertad en establecimientos penitenciarios en una fecha "
            "dada, por cada 100.000 habitantes.",
            "Pessoas privadas de liberdade em estabelecimentos prisionais numa data de "
            "referência, por 100 mil habitantes.",
            "Personnes détenues dans les établissements pénitentiaires à une date donnée, pour "
            "100 000 habitants.",
        ),
        numerator=_HELD,
        denominator=Term("national_population", "persons", "national_population"),
        unit="per 100,000 inhabitants",
        function="dpssec.justice.prison_population_rate",
        variant="UN-CTS count of persons held (immigration detainees excluded); population "
        "from UN WPP 2022 as the OAS observatory uses",
        reference=OAS_PRISON_POPULATION_RATE,
        domain="justice",
        scale=100_000.0,
        aliases=(
            "prison_population_rate_per_100k",
            "incarceration_rate",
            "tasa_de_poblacion_penitenciaria",
            "taxa_de_populacao_prisional",
            "taux_de_detention",
        ),
    ),
    CatalogueEntry(
        identifier="occupancy",
        name=Texts(
            "Prison occupancy rate",
            "Tasa de ocupación penitenciaria",
            "Taxa de ocupação prisional",
            "Taux d'occupation carcérale (densité carcérale)",
        ),
        definition=Texts(
            "Persons held per 100 places of official capacity (the places available without "
            "overcrowding); above 100 % the system holds more people than its capacity.",
            "Personas privadas de libertad por cada 100 plazas de la capacidad oficial (plazas "
            "disponibles sin hacinamiento); por encima del 100 % hay sobrepoblación.",
            "Pessoas privadas de liberdade por 100 vagas da capacidade oficial (vagas "
            "disponíveis sem superlotação); acima de 100 % há superlotação.",
            "Personnes détenues pour 100 places de la capacité officielle (places disponibles "
            "sans surpeuplement) ; au-delà de 100 %, surpopulation carcérale.",
        ),
        numerator=_HELD,
        denominator=Term("official_capacity", "places", "capacity"),
        unit="% of official capacity",
        function="dpssec.justice.occupancy_rate",
        variant="official (design) capacity, as OAS indicator 6.5.1 and the World Prison "
        "Brief occupancy level; not an operational or emergency capacity",
        reference=OAS_OCCUPANCY,
        domain="justice",
        scale=100.0,
        aliases=(
            "occupancy_pct",
            "occupancy_rate",
            "occupancy_level",
            "ocupacion",
            "tasa_de_ocupacion",
            "taxa_de_ocupacao",
            "taux_d_occupation",
        ),
    ),
    CatalogueEntry(
        identifier="unsentenced_share",
        name=Texts(
            "Unsentenced detainees as a share of the prison population",
            "Personas detenidas sin sentencia como proporción de la población penitenciaria",
            "Presos sem condenação como proporção da população prisional",
            "Détenus non condamnés en proportion de la population carcérale",
        ),
        definition=Texts(
            "Persons held untried or awaiting a first-instance decision, in percent of all "
            "persons held on the same day; persons awaiting an appeal count as sentenced.",
            "Personas detenidas sin juicio o a la espera de una decisión de primera instancia, "
            "en porcentaje del total de personas privadas de libertad en la misma fecha; "
            "quienes esperan una apelación cuentan como condenados.",
            "Pessoas presas sem julgamento ou aguardando decisão de primeira instância, em "
            "percentagem de todas as pessoas presas na mesma data; quem aguarda recurso conta "
            "como condenado.",
            "Personnes détenues non jugées ou en attente d'une décision de première instance, "
            "en pourcentage de l'ensemble des détenus à la même date ; les personnes en "
            "attente d'un appel comptent comme condamnées.",
        ),
        numerator=Term("prison_population", "persons", "unsentenced", "status:unsentenced"),
        denominator=_ALL_HELD,
        unit="% of persons held",
        function="dpssec.justice.unsentenced_share",
        variant="UN-CTS / SDG 16.3.2: persons awaiting appeal count as sentenced",
        reference=SDG_16_3_2,
        domain="justice",
        scale=100.0,
        options={"definition": "un-cts"},
        output="value",
        upper=100.0,
        sdg="16.3.2",
        aliases=("unsentenced_share_pct",),
    ),
    CatalogueEntry(
        identifier="remand_share",
        name=Texts(
            "Pre-trial/remand prisoners as a share of the prison population",
            "Personas en prisión preventiva como proporción de la población penitenciaria",
            "Presos provisórios como proporção da população prisional",
            "Prévenus (détention provisoire) en proportion de la population carcérale",
        ),
        definition=Texts(
            "Persons held before trial or not yet definitively sentenced (including persons "
            "convicted but awaiting appeal), in percent of all persons held.",
            "Personas detenidas antes del juicio o aún sin condena firme (incluidas las "
            "condenadas a la espera de apelación), en porcentaje del total de personas "
            "privadas de libertad.",
            "Pessoas presas antes do julgamento ou ainda sem condenação definitiva (incluindo "
            "as condenadas que aguardam recurso), em percentagem de todas as pessoas presas.",
            "Personnes détenues avant jugement ou pas encore définitivement condamnées (y "
            "compris les condamnés en attente d'appel), en pourcentage de l'ensemble des "
            "détenus.",
        ),
        numerator=Term("prison_population", "persons", "unsentenced", "status:remand"),
        denominator=_ALL_HELD,
        unit="% of persons held",
        function="dpssec.justice.unsentenced_share",
        variant="World Prison Brief pre-trial/remand: broader than UN-CTS (persons awaiting "
        "appeal or a definitive sentence included)",
        reference=WPB_REMAND,
        domain="justice",
        scale=100.0,
        options={"definition": "wpb-remand"},
        output="value",
        upper=100.0,
        aliases=("pretrial_share", "pre_trial_share"),
    ),
    CatalogueEntry(
        identifier="space_per_person",
        name=Texts(
            "Living space per prisoner",
            "Espacio habitable por persona privada de libertad",
            "Espaço habitável por pessoa presa",
            "Espace de vie par détenu",
        ),
        definition=Texts(
            "Cell floor area, net of the sanitary annexe, divided by the number of occupants.",
            "Superficie de la celda, sin el anexo sanitario, dividida por el número de ocupantes.",
            "Área da cela, sem o anexo sanitário, dividida pelo número de ocupantes.",
            "Surface de la cellule, hors annexe sanitaire, divisée par le nombre d'occupants.",
        ),
        numerator=Term(
            "cell_floor_area",
            "m**2",
            "floor_area",
            name=Texts(
                "Cell floor area",
                "Superficie de la celda",
                "Área da cela",
                "Surface de la cellule",
            ),
        ),
        denominator=Term(
            "cell_occupants",
            "persons",
            "occupants",
            name=Texts(
                "Occupants of the cell",
                "Ocupantes de la celda",
                "Ocupantes da cela",
                "Occupants de la cellule",
            ),
        ),
        unit="m² per person",
        function="dpssec.justice.space_per_person",
        variant="net of the sanitary annexe, furniture included (CPT method)",
        reference=CPT_LIVING_SPACE,
        domain="justice",
        scale=1.0,
        returns="m**2",
    ),
    CatalogueEntry(
        identifier="recidivism_rate",
        name=Texts(
            "Recidivism rate (Kaplan-Meier)",
            "Tasa de reincidencia (Kaplan-Meier)",
            "Taxa de reincidência (Kaplan-Meier)",
            "Taux de récidive (Kaplan-Meier)",
        ),
        definition=Texts(
            "Share of a release cohort with a new event within a follow-up window, estimated "
            "as 1 - S(t) so that persons followed for less time are censored, not counted as "
            "successes.",
            "Proporción de una cohorte de liberados con un nuevo evento dentro del periodo de "
            "seguimiento, estimada como 1 - S(t): quienes tienen menos seguimiento quedan "
            "censurados, no se cuentan como éxitos.",
            "Proporção de uma coorte de libertados com novo evento no período de seguimento, "
            "estimada como 1 - S(t): quem tem seguimento mais curto é censurado, não contado "
            "como sucesso.",
            "Part d'une cohorte de libérés ayant un nouvel événement pendant la période de "
            "suivi, estimée par 1 - S(t) : les personnes suivies moins longtemps sont "
            "censurées, non comptées comme des succès.",
        ),
        numerator=_REOFFENDING,
        denominator=_RELEASED,
        unit="share of persons released (0-1)",
        function="dpssec.justice.recidivism_rate",
        variant="Kaplan-Meier 1 - S(t) at the follow-up time (censoring handled)",
        reference=KAPLAN_MEIER,
        domain="justice",
        output="value",
        upper=1.0,
        aliases=("reoffending_rate",),
    ),
    CatalogueEntry(
        identifier="crude_recidivism_rate",
        name=Texts(
            "Crude recidivism rate (complete follow-up)",
            "Tasa bruta de reincidencia (seguimiento completo)",
            "Taxa bruta de reincidência (seguimento completo)",
            "Taux brut de récidive (suivi complet)",
        ),
        definition=Texts(
            "Persons with a new event within the window, in proportion of the persons "
            "released who could be followed for the whole window.",
            "Personas con un nuevo evento dentro del periodo, en proporción de las liberadas "
            "que pudieron seguirse durante todo el periodo.",
            "Pessoas com novo evento no período, em proporção das libertadas que puderam ser "
            "seguidas durante todo o período.",
            "Personnes ayant un nouvel événement pendant la période, rapportées aux libérés "
            "suivis pendant toute la période.",
        ),
        numerator=_REOFFENDING,
        denominator=_RELEASED,
        unit="share of persons released (0-1)",
        function="dpssec.justice.crude_recidivism_rate",
        variant="BJS cumulative percentage: persons without complete follow-up left out",
        reference=BJS_RECIDIVISM,
        domain="justice",
        output="value",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="reintegration_rate",
        name=Texts(
            "Reintegration rate (no new event, Kaplan-Meier)",
            "Tasa de reinserción (sin nuevo evento, Kaplan-Meier)",
            "Taxa de reintegração (sem novo evento, Kaplan-Meier)",
            "Taux de réinsertion (sans nouvel événement, Kaplan-Meier)",
        ),
        definition=Texts(
            "Share of a release cohort without a new event at the end of the follow-up "
            "window, the Kaplan-Meier survival S(t).",
            "Proporción de una cohorte de liberados sin nuevo evento al final del periodo de "
            "seguimiento: la supervivencia de Kaplan-Meier S(t).",
            "Proporção de uma coorte de libertados sem novo evento no fim do período de "
            "seguimento: a sobrevivência de Kaplan-Meier S(t).",
            "Part d'une cohorte de libérés sans nouvel événement à la fin de la période de "
            "suivi : la survie de Kaplan-Meier S(t).",
        ),
        numerator=Term(
            "persons_without_new_event",
            "persons",
            "events",
            name=Texts(
                "Persons released without a new event",
                "Personas liberadas sin nuevo evento",
                "Pessoas libertadas sem novo evento",
                "Personnes libérées sans nouvel événement",
            ),
        ),
        denominator=_RELEASED,
        unit="share of persons released (0-1)",
        function="dpssec.justice.reintegration_rate",
        variant="Kaplan-Meier S(t) at the follow-up time (the complement of the recidivism rate)",
        reference=KAPLAN_MEIER,
        domain="justice",
        output="value",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="clearance_rate",
        name=Texts(
            "Clearance rate of courts",
            "Tasa de resolución de los tribunales",
            "Taxa de resolução dos tribunais",
            "Taux de variation du stock d'affaires pendantes (clearance rate)",
        ),
        definition=Texts(
            "Cases resolved in a period in percent of the cases that came in during it; above "
            "100 % the stock of pending cases shrinks.",
            "Asuntos resueltos en un periodo en porcentaje de los ingresados en él; por encima "
            "del 100 % disminuyen los asuntos pendientes.",
            "Processos resolvidos num período em percentagem dos entrados nele; acima de 100 % "
            "diminui o stock de processos pendentes.",
            "Affaires résolues pendant une période en pourcentage des affaires nouvelles ; "
            "au-delà de 100 %, le stock d'affaires pendantes diminue.",
        ),
        numerator=_RESOLVED,
        denominator=Term(
            "cases_incoming",
            "cases",
            "incoming",
            name=Texts(
                "Cases that came in during the period",
                "Asuntos ingresados en el periodo",
                "Processos entrados no período",
                "Affaires nouvelles de la période",
            ),
        ),
        unit="% of incoming cases",
        function="dpssec.justice.clearance_rate",
        variant="CEPEJ: resolved over incoming of the same period (not the inverse)",
        reference=CEPEJ_CLEARANCE_RATE,
        domain="justice",
        scale=100.0,
    ),
    CatalogueEntry(
        identifier="case_turnover_ratio",
        name=Texts(
            "Case turnover ratio",
            "Tasa de rotación de asuntos",
            "Taxa de rotação de processos",
            "Ratio de rotation des affaires",
        ),
        definition=Texts(
            "Cases resolved in a period divided by the cases still pending at its end.",
            "Asuntos resueltos en un periodo divididos por los pendientes al final del periodo.",
            "Processos resolvidos num período divididos pelos pendentes no fim do período.",
            "Affaires résolues pendant une période divisées par les affaires pendantes à sa fin.",
        ),
        numerator=_RESOLVED,
        denominator=_PENDING_END,
        unit="ratio",
        function="dpssec.justice.case_turnover_ratio",
        variant="CEPEJ: resolved over pending at the end of the period",
        reference=CEPEJ_CASE_TURNOVER,
        domain="justice",
        scale=1.0,
    ),
    CatalogueEntry(
        identifier="disposition_time",
        name=Texts(
            "Disposition time",
            "Tiempo estimado de resolución",
            "Tempo estimado de resolução",
            "Durée estimée d'écoulement du stock (disposition time)",
        ),
        definition=Texts(
            "Days needed to resolve the cases pending at the end of a year at the year's pace "
            "of resolution (365 / case turnover ratio): a flow estimate, not a measured age.",
            "Días necesarios para resolver los asuntos pendientes al final de un año al ritmo "
            "de resolución del año (365 / tasa de rotación): una estimación, no una edad medida.",
            "Dias necessários para resolver os processos pendentes no fim de um ano ao ritmo de "
            "resolução do ano (365 / taxa de rotação): uma estimativa, não uma idade medida.",
            "Jours nécessaires pour résoudre les affaires pendantes à la fin d'une année au "
            "rythme de l'année (365 / ratio de rotation) : une estimation, non un âge mesuré.",
        ),
        numerator=_PENDING_END,
        denominator=_RESOLVED,
        unit="days",
        function="dpssec.justice.disposition_time",
        variant="CEPEJ: 365 x pending at the end / resolved, for an annual period",
        reference=CEPEJ_DISPOSITION_TIME,
        domain="justice",
        scale=365.0,
    ),
)
