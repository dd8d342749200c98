"""Catalogue entries of the crime and violence indicators (:mod:`dpssec.prevention`).

One :class:`~dpssec.indicators.catalogue_model.CatalogueEntry` per indicator; add an
indicator by adding a record to :data:`PREVENTION_ENTRIES`.
"""

from __future__ import annotations

import attrs

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.prevention.direct import DOBSON_REFERENCE
from dpssec.prevention.iccs import ICCS_REFERENCE
from dpssec.prevention.indirect import ISR_REFERENCE
from dpssec.prevention.sdg16 import SDG_16_1_1, SDG_16_1_3, SDG_16_1_4, SDG_16_2_2
from dpssec.prevention.survey_design import R_SURVEY

__all__ = ["PREVENTION_ENTRIES"]

_POPULATION = Term("national_population", "persons", "population")
_RESPONDENTS = Term("respondents", "respondents", "respondents")
_SAFE = Term(
    "respondents_feeling_safe",
    "respondents",
    "safe",
    name=Texts(
        "Respondents feeling very or fairly safe",
        "Personas encuestadas que se sienten muy o bastante seguras",
        "Pessoas inquiridas que se sentem muito ou bastante seguras",
        "Personnes interrogées se sentant très ou plutôt en sécurité",
    ),
)
_BY_AGE = Term(
    "events_by_age",
    "cases",
    "counts",
    name=Texts(
        "Events (victims, offences) by age group",
        "Eventos (víctimas, delitos) por grupo de edad",
        "Eventos (vítimas, crimes) por faixa etária",
        "Événements (victimes, infractions) par groupe d'âge",
    ),
)
_BY_AGE_OBSERVED = attrs.evolve(_BY_AGE, parameter="counts_or_total")
_POPULATION_BY_AGE = Term(
    "population_by_age",
    "persons",
    "populations",
    name=Texts(
        "Population by age group",
        "Población por grupo de edad",
        "População por faixa etária",
        "Population par groupe d'âge",
    ),
)

PREVENTION_ENTRIES: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        identifier="homicide_rate",
        name=Texts(
            "Intentional homicide rate",
            "Tasa de homicidios intencionales",
            "Taxa de homicídios intencionais",
            "Taux d'homicides volontaires",
        ),
        definition=Texts(
            "Victims of intentional homicide (unlawful death inflicted with intent to cause "
            "death or serious injury) per 100,000 resident population.",
            "Víctimas de homicidio intencional (muerte ilícita causada con la intención de "
            "matar o de causar lesiones graves) por cada 100.000 habitantes.",
            "Vítimas de homicídio intencional (morte ilícita causada com intenção de matar ou "
            "de causar lesão grave) por 100 mil habitantes.",
            "Victimes d'homicide volontaire (mort illégale infligée avec l'intention de tuer "
            "ou de blesser gravement) pour 100 000 habitants.",
        ),
        numerator=Term("homicide_victims", "victims", "victims"),
        denominator=_POPULATION,
        unit="per 100,000 inhabitants",
        function="dpssec.prevention.homicide_rate",
        variant="criminal-justice series (UNODC, ICCS 0101) over the resident population; "
        "public-health (WHO assault deaths) series are separate",
        reference=SDG_16_1_1,
        domain="prevention",
        scale=100_000.0,
        output="value",
        sdg="16.1.1",
        iccs="0101",
        aliases=(
            "intentional_homicide_rate",
            "homicide_rate_per_100k",
            "tasa_de_homicidios",
            "taxa_de_homicidios",
            "taux_d_homicides",
        ),
    ),
    CatalogueEntry(
        identifier="trafficking_victim_rate",
        name=Texts(
            "Detected victims of trafficking in persons per 100,000",
            "Víctimas detectadas de trata de personas por cada 100.000 habitantes",
            "Vítimas detetadas de tráfico de pessoas por 100 mil habitantes",
            "Victimes détectées de la traite des personnes pour 100 000 habitants",
        ),
        definition=Texts(
            "Victims of trafficking in persons detected by the authorities per 100,000 "
            "resident population.",
            "Víctimas de trata de personas detectadas por las autoridades por cada 100.000 "
            "habitantes.",
            "Vítimas de tráfico de pessoas detetadas pelas autoridades por 100 mil habitantes.",
            "Victimes de la traite des personnes détectées par les autorités pour 100 000 "
            "habitants.",
        ),
        numerator=Term("trafficking_victims_detected", "victims", "detected_victims"),
        denominator=_POPULATION,
        unit="per 100,000 inhabitants",
        function="dpssec.prevention.trafficking_victim_rate",
        variant="detected victims (SDG series VC_HTF_DETVR), not the detected plus undetected "
        "total that UNODC estimates by multiple systems estimation",
        reference=SDG_16_2_2,
        domain="prevention",
        scale=100_000.0,
        output="value",
        sdg="16.2.2",
        iccs="0204",
        aliases=("detected_trafficking_victim_rate",),
    ),
    CatalogueEntry(
        identifier="violence_prevalence",
        name=Texts(
            "Population subjected to violence in the previous 12 months",
            "Población que sufrió violencia en los últimos 12 meses",
            "População que sofreu violência nos últimos 12 meses",
            "Population ayant subi des violences au cours des 12 derniers mois",
        ),
        definition=Texts(
            "Respondents of a victimisation survey subjected to physical, psychological or "
            "sexual violence in the previous 12 months, in percent of respondents.",
            "Personas encuestadas en una encuesta de victimización que sufrieron violencia "
            "física, psicológica o sexual en los últimos 12 meses, en porcentaje de las "
            "encuestadas.",
            "Pessoas inquiridas num inquérito de vitimização que sofreram violência física, "
            "psicológica ou sexual nos últimos 12 meses, em percentagem das inquiridas.",
            "Personnes interrogées lors d'une enquête de victimation ayant subi des violences "
            "physiques, psychologiques ou sexuelles au cours des 12 derniers mois, en "
            "pourcentage des personnes interrogées.",
        ),
        numerator=Term(
            "respondents_victimised",
            "respondents",
            "victims",
            name=Texts(
                "Respondents subjected to violence",
                "Personas encuestadas que sufrieron violencia",
                "Pessoas inquiridas que sofreram violência",
                "Personnes interrogées ayant subi des violences",
            ),
        ),
        denominator=_RESPONDENTS,
        unit="% of respondents",
        function="dpssec.prevention.violence_prevalence",
        variant="simple random sample proportion (a design effect may be given); the form of "
        "violence (physical, psychological, sexual) is the disaggregation",
        reference=SDG_16_1_3,
        domain="prevention",
        scale=100.0,
        options={"multiplier": 100},
        output="value",
        upper=100.0,
        sdg="16.1.3",
    ),
    CatalogueEntry(
        identifier="feeling_safe_share",
        name=Texts(
            "Population feeling safe walking alone after dark",
            "Población que se siente segura caminando sola de noche",
            "População que se sente segura ao andar sozinha à noite",
            "Population se sentant en sécurité en marchant seule la nuit",
        ),
        definition=Texts(
            "Adult respondents feeling very or fairly safe walking alone in their area after "
            "dark, in percent of those who answered ('don't know' excluded).",
            "Personas adultas encuestadas que se sienten muy o bastante seguras caminando "
            "solas de noche por su zona, en porcentaje de quienes respondieron ('no sabe' "
            "excluido).",
            "Pessoas adultas inquiridas que se sentem muito ou bastante seguras ao andar "
            "sozinhas à noite na sua zona, em percentagem de quem respondeu ('não sabe' "
            "excluído).",
            "Adultes interrogés se sentant très ou plutôt en sécurité en marchant seuls la "
            "nuit dans leur quartier, en pourcentage des répondants ('ne sait pas' exclu).",
        ),
        numerator=_SAFE,
        denominator=Term(
            "respondents_answering",
            "respondents",
            None,
            name=Texts(
                "Respondents who answered (safe or unsafe)",
                "Personas encuestadas que respondieron (seguras o inseguras)",
                "Pessoas inquiridas que responderam (seguras ou inseguras)",
                "Personnes ayant répondu (en sécurité ou non)",
            ),
        ),
        unit="% of respondents",
        function="dpssec.prevention.feeling_safe_share",
        variant="'don't know' excluded from the denominator (no official rule; national "
        "practice differs)",
        reference=SDG_16_1_4,
        domain="prevention",
        options={"dont_know": "exclude", "multiplier": 100},
        output="value",
        upper=100.0,
        sdg="16.1.4",
    ),
    CatalogueEntry(
        identifier="feeling_safe_share_all_respondents",
        name=Texts(
            "Population feeling safe walking alone after dark (all respondents)",
            "Población que se siente segura caminando sola de noche (todas las respuestas)",
            "População que se sente segura ao andar sozinha à noite (todas as respostas)",
            "Population se sentant en sécurité en marchant seule la nuit (tous les répondants)",
        ),
        definition=Texts(
            "Adult respondents feeling very or fairly safe walking alone after dark, in "
            "percent of all respondents ('don't know' kept in the denominator).",
            "Personas adultas que se sienten muy o bastante seguras caminando solas de noche, "
            "en porcentaje de todas las encuestadas ('no sabe' en el denominador).",
            "Pessoas adultas que se sentem muito ou bastante seguras ao andar sozinhas à "
            "noite, em percentagem de todas as inquiridas ('não sabe' no denominador).",
            "Adultes se sentant très ou plutôt en sécurité en marchant seuls la nuit, en "
            "pourcentage de tous les répondants ('ne sait pas' au dénominateur).",
        ),
        numerator=_SAFE,
        denominator=Term("respondents", "respondents", None),
        unit="% of respondents",
        function="dpssec.prevention.feeling_safe_share",
        variant="'don't know' kept in the denominator (as Statistics Denmark's national 16.1.4)",
        reference=SDG_16_1_4,
        domain="prevention",
        options={"dont_know": "include_in_denominator", "multiplier": 100},
        output="value",
        upper=100.0,
        sdg="16.1.4",
    ),
    CatalogueEntry(
        identifier="crime_rate",
        name=Texts(
            "Recorded offence rate",
            "Tasa de delitos registrados",
            "Taxa de crimes registados",
            "Taux d'infractions enregistrées",
        ),
        definition=Texts(
            "Offences recorded by the police per 100,000 inhabitants, for the ICCS section "
            "named by the disaggregation.",
            "Delitos registrados por la policía por cada 100.000 habitantes, para la sección "
            "de la ICCS indicada en la desagregación.",
            "Crimes registados pela polícia por 100 mil habitantes, para a secção da ICCS "
            "indicada na desagregação.",
            "Infractions enregistrées par la police pour 100 000 habitants, pour la section "
            "de l'ICCS indiquée par la ventilation.",
        ),
        numerator=Term(
            "recorded_offences",
            "offences",
            "count",
            name=Texts(
                "Offences recorded by the police",
                "Delitos registrados por la policía",
                "Crimes registados pela polícia",
                "Infractions enregistrées par la police",
            ),
        ),
        denominator=_POPULATION,
        unit="per 100,000 inhabitants",
        function="dpssec.prevention.crime_rate",
        variant="crude rate of police-recorded offences (ICCS section as the disaggregation)",
        reference=ICCS_REFERENCE,
        domain="prevention",
        scale=100_000.0,
        output="value",
        aliases=("recorded_crime_rate",),
    ),
    CatalogueEntry(
        identifier="age_standardised_rate",
        name=Texts(
            "Age-standardised rate (direct method)",
            "Tasa estandarizada por edad (método directo)",
            "Taxa padronizada por idade (método direto)",
            "Taux standardisé sur l'âge (méthode directe)",
        ),
        definition=Texts(
            "Age-specific rates weighted by a standard population, per 100,000, so that "
            "states with different age structures can be compared.",
            "Tasas por edad ponderadas por una población estándar, por cada 100.000, para "
            "comparar estados con estructuras de edad distintas.",
            "Taxas por idade ponderadas por uma população padrão, por 100 mil, para comparar "
            "estados com estruturas etárias diferentes.",
            "Taux par âge pondérés par une population type, pour 100 000, pour comparer des "
            "États aux structures d'âge différentes.",
        ),
        numerator=_BY_AGE,
        denominator=_POPULATION_BY_AGE,
        unit="per 100,000 (standard population)",
        function="dpssec.prevention.directly_standardised_rate",
        variant="direct standardisation to a named standard population (ESP 2013, WHO "
        "2000-2025); Dobson interval, suppressed below 10 events",
        reference=DOBSON_REFERENCE,
        domain="prevention",
        output="value",
        aliases=("dsr", "directly_standardised_rate"),
    ),
    CatalogueEntry(
        identifier="standardised_ratio",
        name=Texts(
            "Indirectly standardised ratio (observed / expected)",
            "Razón estandarizada indirecta (observados / esperados)",
            "Razão padronizada indireta (observados / esperados)",
            "Ratio standardisé indirect (observés / attendus)",
        ),
        definition=Texts(
            "Observed events divided by the events expected if the reference age-specific "
            "rates applied to the state's population; 1 means as the reference.",
            "Eventos observados divididos por los esperados si se aplicaran las tasas por "
            "edad de referencia a la población del estado; 1 significa igual a la referencia.",
            "Eventos observados divididos pelos esperados se as taxas por idade de referência "
            "se aplicassem à população do estado; 1 significa igual à referência.",
            "Événements observés divisés par ceux attendus si les taux par âge de référence "
            "s'appliquaient à la population de l'État ; 1 signifie comme la référence.",
        ),
        numerator=_BY_AGE_OBSERVED,
        denominator=_POPULATION_BY_AGE,
        unit="ratio (1 = as the reference)",
        function="dpssec.prevention.indirectly_standardised_ratio",
        variant="indirect standardisation (SMR/SIR): expected from reference age-specific rates; "
        "exact limits below 10 events, Byar from 10",
        reference=ISR_REFERENCE,
        domain="prevention",
        output="value",
        aliases=("smr", "indirectly_standardised_ratio"),
    ),
    CatalogueEntry(
        identifier="indirectly_standardised_rate",
        name=Texts(
            "Indirectly standardised rate",
            "Tasa estandarizada indirecta",
            "Taxa padronizada indireta",
            "Taux standardisé indirect",
        ),
        definition=Texts(
            "The standardised ratio times the crude rate of the reference population, per 100,000.",
            "La razón estandarizada multiplicada por la tasa bruta de la población de "
            "referencia, por cada 100.000.",
            "A razão padronizada multiplicada pela taxa bruta da população de referência, por "
            "100 mil.",
            "Le ratio standardisé multiplié par le taux brut de la population de référence, "
            "pour 100 000.",
        ),
        numerator=_BY_AGE_OBSERVED,
        denominator=_POPULATION_BY_AGE,
        unit="per 100,000 (reference population)",
        function="dpssec.prevention.indirectly_standardised_rate",
        variant="indirect standardisation: ratio x reference crude rate",
        reference=ISR_REFERENCE,
        domain="prevention",
        output="value",
        aliases=("isr",),
    ),
    CatalogueEntry(
        identifier="survey_proportion",
        name=Texts(
            "Survey proportion (design-based)",
            "Proporción de una encuesta (según el diseño muestral)",
            "Proporção de um inquérito (segundo o desenho amostral)",
            "Proportion d'une enquête (selon le plan de sondage)",
        ),
        definition=Texts(
            "Weighted share of the population with a characteristic (victimised, feeling "
            "safe), estimated from a survey with weights, strata and clusters.",
            "Proporción ponderada de la población con una característica (victimizada, se "
            "siente segura), estimada con una encuesta con pesos, estratos y conglomerados.",
            "Proporção ponderada da população com uma característica (vitimizada, sente-se "
            "segura), estimada com um inquérito com pesos, estratos e conglomerados.",
            "Part pondérée de la population présentant une caractéristique (victime, se sent "
            "en sécurité), estimée par une enquête avec poids, strates et grappes.",
        ),
        numerator=Term(
            "weighted_respondents_with_characteristic",
            "respondents",
            "values",
            name=Texts(
                "Respondents with the characteristic (weighted)",
                "Personas encuestadas con la característica (ponderadas)",
                "Pessoas inquiridas com a característica (ponderadas)",
                "Personnes interrogées présentant la caractéristique (pondérées)",
            ),
        ),
        denominator=Term("respondents", "respondents", None),
        unit="share of the population (0-1)",
        function="dpssec.prevention.survey_proportion",
        variant="design-based: survey weights, strata and clusters, linearised variance and "
        "logit interval as R survey's svyciprop",
        reference=R_SURVEY,
        domain="prevention",
        output="value",
        upper=1.0,
    ),
)
