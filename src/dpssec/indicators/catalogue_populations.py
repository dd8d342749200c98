"""Catalogue entries of the populations-at-risk indicators (:mod:`dpssec.prevention`).

Intimate-partner violence (SDG 5.2.1), the survey indicators computed from microdata with
their design (SDG 16.1.3, 16.1.4, 5.2.1), the estimated total of trafficking victims by
multiple systems estimation, and the annual percent change of a rate. One
:class:`~dpssec.indicators.catalogue_model.CatalogueEntry` per indicator; add an indicator by
adding a record to :data:`POPULATION_ENTRIES`.
"""

from __future__ import annotations

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.prevention.multiple_systems import LOGLINEAR_MSE
from dpssec.prevention.sdg16 import SDG_5_2_1, SDG_16_1_3, SDG_16_1_4
from dpssec.prevention.trend import APC_REFERENCE

__all__ = ["POPULATION_ENTRIES"]

_RESPONDENTS = Term("respondents", "respondents", None)
_PARTNER_VICTIMS = Term(
    "partner_violence_victims",
    "respondents",
    "victims",
    name=Texts(
        "Ever-partnered women and girls (15+) subjected to intimate-partner violence",
        "Mujeres y niñas (15+) que han tenido pareja y sufrieron violencia de pareja",
        "Mulheres e raparigas (15+) que já tiveram parceiro e sofreram violência do parceiro",
        "Femmes et filles (15+) ayant eu un partenaire et subi des violences conjugales",
    ),
)
_EVER_PARTNERED = Term(
    "ever_partnered_respondents",
    "respondents",
    "respondents",
    name=Texts(
        "Ever-partnered women and girls aged 15 and older (respondents)",
        "Mujeres y niñas de 15 años o más que han tenido pareja (encuestadas)",
        "Mulheres e raparigas com 15 anos ou mais que já tiveram parceiro (inquiridas)",
        "Femmes et filles de 15 ans ou plus ayant eu un partenaire (interrogées)",
    ),
)
_VICTIMISED = Term(
    "respondents_victimised",
    "respondents",
    "victims",
    name=Texts(
        "Respondents subjected to violence",
        "Personas encuestadas que sufrieron violencia",
        "Pessoas inquiridas que sofreram violência",
        "Personnes interrogées ayant subi des violences",
    ),
)
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
_DESIGN = (
    "design-based from microdata: survey weights, strata and clusters, linearised variance "
    "and the logit interval of R survey's svyciprop"
)

POPULATION_ENTRIES: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        identifier="partner_violence_prevalence",
        name=Texts(
            "Ever-partnered women and girls subjected to intimate-partner violence",
            "Mujeres y niñas que han tenido pareja y sufrieron violencia de pareja",
            "Mulheres e raparigas que já tiveram parceiro e sofreram violência do parceiro",
            "Femmes et filles ayant eu un partenaire et subi des violences conjugales",
        ),
        definition=Texts(
            "Ever-partnered women and girls aged 15 and older subjected to physical, sexual "
            "or psychological violence by a current or former intimate partner in the "
            "previous 12 months, in percent of the ever-partnered respondents.",
            "Mujeres y niñas de 15 años o más que han tenido pareja y sufrieron violencia "
            "física, sexual o psicológica de una pareja actual o anterior en los últimos 12 "
            "meses, en porcentaje de las encuestadas que han tenido pareja.",
            "Mulheres e raparigas com 15 anos ou mais que já tiveram parceiro e sofreram "
            "violência física, sexual ou psicológica de um parceiro atual ou anterior nos "
            "últimos 12 meses, em percentagem das inquiridas que já tiveram parceiro.",
            "Femmes et filles de 15 ans ou plus ayant eu un partenaire et subi des violences "
            "physiques, sexuelles ou psychologiques d'un partenaire actuel ou ancien au cours "
            "des 12 derniers mois, en pourcentage des personnes interrogées ayant eu un "
            "partenaire.",
        ),
        numerator=_PARTNER_VICTIMS,
        denominator=_EVER_PARTNERED,
        unit="% of ever-partnered women and girls (15+)",
        function="dpssec.prevention.partner_violence_prevalence",
        variant="simple random sample proportion (a design effect may be given); from "
        "microdata see partner_violence_prevalence_survey",
        reference=SDG_5_2_1,
        domain="prevention",
        scale=100.0,
        options={"multiplier": 100},
        output="value",
        upper=100.0,
        sdg="5.2.1",
        aliases=("intimate_partner_violence", "ipv_prevalence"),
    ),
    CatalogueEntry(
        identifier="partner_violence_prevalence_survey",
        name=Texts(
            "Intimate-partner violence from survey microdata (design-based)",
            "Violencia de pareja a partir de microdatos de encuesta (según el diseño)",
            "Violência do parceiro a partir de microdados de inquérito (segundo o desenho)",
            "Violences conjugales à partir des microdonnées d'enquête (selon le plan)",
        ),
        definition=Texts(
            "The weighted share of ever-partnered women and girls (15+) subjected to "
            "intimate-partner violence in the previous 12 months, estimated from microdata "
            "with the survey's design; the other respondents stay in the design as a domain.",
            "La proporción ponderada de mujeres y niñas (15+) que han tenido pareja y "
            "sufrieron violencia de pareja en los últimos 12 meses, estimada con los "
            "microdatos y el diseño de la encuesta; las demás personas quedan en el diseño "
            "como dominio.",
            "A proporção ponderada de mulheres e raparigas (15+) que já tiveram parceiro e "
            "sofreram violência do parceiro nos últimos 12 meses, estimada com os microdados "
            "e o desenho do inquérito; as restantes pessoas ficam no desenho como domínio.",
            "La part pondérée des femmes et filles (15+) ayant eu un partenaire et subi des "
            "violences conjugales au cours des 12 derniers mois, estimée à partir des "
            "microdonnées avec le plan de sondage ; les autres répondants restent dans le plan "
            "comme domaine.",
        ),
        numerator=_PARTNER_VICTIMS,
        denominator=Term("ever_partnered_respondents", "respondents", "ever_partnered"),
        unit="% of ever-partnered women and girls (15+)",
        function="dpssec.prevention.partner_violence_prevalence_survey",
        variant=_DESIGN,
        reference=SDG_5_2_1,
        domain="prevention",
        options={"multiplier": 100},
        output="value",
        upper=100.0,
        sdg="5.2.1",
    ),
    CatalogueEntry(
        identifier="violence_prevalence_survey",
        name=Texts(
            "Population subjected to violence, from survey microdata (design-based)",
            "Población que sufrió violencia, a partir de microdatos de encuesta (según el diseño)",
            "População que sofreu violência, a partir de microdados de inquérito (segundo o "
            "desenho)",
            "Population ayant subi des violences, à partir des microdonnées d'enquête (selon "
            "le plan)",
        ),
        definition=Texts(
            "The weighted share of the population subjected to physical, psychological or "
            "sexual violence in the previous 12 months, estimated from microdata with the "
            "survey's weights, strata and clusters.",
            "La proporción ponderada de la población que sufrió violencia física, psicológica "
            "o sexual en los últimos 12 meses, estimada con los microdatos y los pesos, "
            "estratos y conglomerados de la encuesta.",
            "A proporção ponderada da população que sofreu violência física, psicológica ou "
            "sexual nos últimos 12 meses, estimada com os microdados e os pesos, estratos e "
            "conglomerados do inquérito.",
            "La part pondérée de la population ayant subi des violences physiques, "
            "psychologiques ou sexuelles au cours des 12 derniers mois, estimée à partir des "
            "microdonnées avec les poids, strates et grappes de l'enquête.",
        ),
        numerator=_VICTIMISED,
        denominator=_RESPONDENTS,
        unit="% of the population",
        function="dpssec.prevention.violence_prevalence_survey",
        variant=_DESIGN + "; the form of violence is one of physical, psychological, sexual",
        reference=SDG_16_1_3,
        domain="prevention",
        options={"multiplier": 100},
        output="value",
        upper=100.0,
        sdg="16.1.3",
    ),
    CatalogueEntry(
        identifier="feeling_safe_share_survey",
        name=Texts(
            "Population feeling safe after dark, from survey microdata (design-based)",
            "Población que se siente segura de noche, a partir de microdatos de encuesta "
            "(según el diseño)",
            "População que se sente segura à noite, a partir de microdados de inquérito "
            "(segundo o desenho)",
            "Population se sentant en sécurité la nuit, à partir des microdonnées d'enquête "
            "(selon le plan)",
        ),
        definition=Texts(
            "The weighted share of adults feeling very or fairly safe walking alone in their "
            "area after dark, estimated from microdata with the survey's design; the "
            "treatment of 'don't know' is stated.",
            "La proporción ponderada de personas adultas que se sienten muy o bastante "
            "seguras caminando solas de noche por su zona, estimada con los microdatos y el "
            "diseño de la encuesta; se indica el tratamiento del 'no sabe'.",
            "A proporção ponderada de pessoas adultas que se sentem muito ou bastante seguras "
            "ao andar sozinhas à noite na sua zona, estimada com os microdados e o desenho do "
            "inquérito; indica-se o tratamento do 'não sabe'.",
            "La part pondérée des adultes se sentant très ou plutôt en sécurité en marchant "
            "seuls la nuit dans leur quartier, estimée à partir des microdonnées avec le plan "
            "de sondage ; le traitement du « ne sait pas » est indiqué.",
        ),
        numerator=_SAFE,
        denominator=_RESPONDENTS,
        unit="% of respondents",
        function="dpssec.prevention.feeling_safe_share_survey",
        variant=_DESIGN + "; 'don't know' excluded from the denominator (dont_know='exclude')",
        reference=SDG_16_1_4,
        domain="prevention",
        options={"dont_know": "exclude", "multiplier": 100},
        output="value",
        upper=100.0,
        sdg="16.1.4",
    ),
    CatalogueEntry(
        identifier="trafficking_victims_estimated",
        name=Texts(
            "Estimated total victims of trafficking (multiple systems estimation)",
            "Total estimado de víctimas de trata (estimación de sistemas múltiples)",
            "Total estimado de vítimas de tráfico (estimativa de sistemas múltiplos)",
            "Total estimé des victimes de la traite (estimation par systèmes multiples)",
        ),
        definition=Texts(
            "Victims of trafficking in persons, detected and undetected, estimated from the "
            "overlaps of the lists of victims identified by several agencies.",
            "Víctimas de trata de personas, detectadas y no detectadas, estimadas a partir "
            "de las coincidencias entre las listas de víctimas identificadas por varias "
            "instituciones.",
            "Vítimas de tráfico de pessoas, detetadas e não detetadas, estimadas a partir das "
            "sobreposições das listas de vítimas identificadas por várias instituições.",
            "Victimes de la traite des personnes, détectées et non détectées, estimées à "
            "partir des recoupements des listes de victimes identifiées par plusieurs "
            "organismes.",
        ),
        numerator=Term("trafficking_victims_detected", "victims", "counts"),
        denominator=Term(
            "agency_lists",
            "lists",
            None,
            name=Texts(
                "The agencies' lists of identified victims (2 to 8)",
                "Las listas de víctimas identificadas por las instituciones (2 a 8)",
                "As listas de vítimas identificadas pelas instituições (2 a 8)",
                "Les listes de victimes identifiées par les organismes (2 à 8)",
            ),
        ),
        unit="victims (estimated total)",
        function="dpssec.prevention.multiple_systems_estimate",
        variant="log-linear MSE on the capture histories, BIC over at most 3 interactions by "
        "default (the stepwise rule reproduces the Home Office's UK estimate); an estimate of "
        "all victims, reported beside the detected-victims rate, never merged into it",
        reference=LOGLINEAR_MSE,
        domain="prevention",
        output="total.value",
        sdg="16.2.2",
        iccs="0204",
        aliases=("hidden_trafficking_victims", "mse_total_victims"),
    ),
    CatalogueEntry(
        identifier="annual_percent_change",
        name=Texts(
            "Annual percent change of a rate",
            "Variación porcentual anual de una tasa",
            "Variação percentual anual de uma taxa",
            "Variation annuelle en pourcentage d'un taux",
        ),
        definition=Texts(
            "The average change per year of a rate over a period, from a log-linear fit of the "
            "rate on the year: 100 (exp(slope) - 1).",
            "El cambio medio por año de una tasa en un periodo, a partir de un ajuste "
            "log-lineal de la tasa sobre el año: 100 (exp(pendiente) - 1).",
            "A variação média por ano de uma taxa num período, a partir de um ajuste "
            "log-linear da taxa sobre o ano: 100 (exp(declive) - 1).",
            "La variation moyenne par an d'un taux sur une période, d'après un ajustement "
            "log-linéaire du taux sur l'année : 100 (exp(pente) - 1).",
        ),
        numerator=Term(
            "rate_by_year",
            "rate",
            None,
            name=Texts(
                "A rate in each year of the period",
                "Una tasa en cada año del periodo",
                "Uma taxa em cada ano do período",
                "Un taux pour chaque année de la période",
            ),
        ),
        denominator=Term(
            "years",
            "years",
            None,
            name=Texts("Calendar years", "Años calendario", "Anos civis", "Années civiles"),
        ),
        unit="% per year",
        function="dpssec.prevention.annual_percent_change",
        variant="SEER*Stat: least squares on the log rates, t interval on n - 2 df; one trend "
        "over the whole period (joinpoints in the evaluation package)",
        reference=APC_REFERENCE,
        domain="prevention",
        output="value",
        lower=None,
        aliases=("apc",),
    ),
)
