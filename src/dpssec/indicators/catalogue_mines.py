"""Catalogue entries of the mine-action indicators (:mod:`dpssec.mines`).

One :class:`~dpssec.indicators.catalogue_model.CatalogueEntry` per indicator; add an
indicator by adding a record to :data:`MINES_ENTRIES`.
"""

from __future__ import annotations

import attrs

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.indicators.sources import DEMINING_PRODUCTIVITY
from dpssec.mines.casualty_rates import POISSON_TREND
from dpssec.mines.casualty_sources import (
    IMAS_12_10,
    IMAS_13_10,
    LANDMINE_MONITOR_CASUALTIES,
    LANDMINE_MONITOR_CHILDREN,
    TNMA_05_10_01,
)
from dpssec.mines.land_release import LAND_RELEASE_REFERENCE

__all__ = ["MINES_ENTRIES"]

_CLEARED = Term(
    "area_cleared",
    "m**2",
    "cleared",
    name=Texts("Area cleared", "Superficie despejada", "Área limpa", "Surface dépolluée"),
)
_RELEASED = Term(
    "area_released",
    "m**2",
    None,
    name=Texts(
        "Area released (cancelled + reduced + cleared)",
        "Superficie liberada (cancelada + reducida + despejada)",
        "Área libertada (cancelada + reduzida + limpa)",
        "Surface remise à disposition (annulée + réduite + dépolluée)",
    ),
)

_CASUALTIES = Term("mine_casualties", "casualties", "casualties")
_POPULATION = Term("national_population", "persons", "population")
_REACHED = Term(
    "people_reached_eore",
    "persons",
    "reached",
    name=Texts(
        "People reached by explosive ordnance risk education",
        "Personas alcanzadas por la educación sobre el riesgo de artefactos explosivos",
        "Pessoas alcançadas pela educação sobre o risco de engenhos explosivos",
        "Personnes atteintes par l'éducation aux risques des engins explosifs",
    ),
)
_VICTIMS = Term(
    "mine_victims_known",
    "victims",
    None,
    name=Texts(
        "Known mine victims (survivors, family and community members)",
        "Víctimas de minas conocidas (sobrevivientes, familiares y miembros de la comunidad)",
        "Vítimas de minas conhecidas (sobreviventes, familiares e membros da comunidade)",
        "Victimes de mines connues (survivants, membres de la famille et de la communauté)",
    ),
)

MINES_ENTRIES: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        identifier="land_cleared_share",
        name=Texts(
            "Share of released land that was cleared",
            "Proporción de la tierra liberada que fue despejada",
            "Proporção da terra libertada que foi limpa",
            "Part des terres remises à disposition qui ont été dépolluées",
        ),
        definition=Texts(
            "Area cleared divided by the area released by cancellation (non-technical "
            "survey), reduction (technical survey) and clearance.",
            "Superficie despejada dividida por la superficie liberada por cancelación (estudio "
            "no técnico), reducción (estudio técnico) y despeje.",
            "Área limpa dividida pela área libertada por cancelamento (inquérito não técnico), "
            "redução (inquérito técnico) e limpeza.",
            "Surface dépolluée divisée par la surface remise à disposition par annulation "
            "(enquête non technique), réduction (enquête technique) et dépollution.",
        ),
        numerator=_CLEARED,
        denominator=_RELEASED,
        unit="share of area released (0-1)",
        function="dpssec.mines.release_summary",
        variant="IMAS 07.11: released = cancelled + reduced + cleared",
        reference=LAND_RELEASE_REFERENCE,
        domain="mines",
        output="share_cleared",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="land_release_efficiency",
        name=Texts(
            "Land-release efficiency (share released without clearance)",
            "Eficiencia de la liberación de tierras (proporción liberada sin despeje)",
            "Eficiência da libertação de terras (proporção libertada sem limpeza)",
            "Efficacité de la remise à disposition (part remise sans dépollution)",
        ),
        definition=Texts(
            "Area cancelled or reduced by survey, divided by all the area released.",
            "Superficie cancelada o reducida mediante estudios, dividida por toda la "
            "superficie liberada.",
            "Área cancelada ou reduzida por inquérito, dividida por toda a área libertada.",
            "Surface annulée ou réduite par enquête, divisée par toute la surface remise à "
            "disposition.",
        ),
        numerator=Term(
            "area_cancelled_or_reduced",
            "m**2",
            None,
            name=Texts(
                "Area cancelled or reduced by survey",
                "Superficie cancelada o reducida",
                "Área cancelada ou reduzida",
                "Surface annulée ou réduite",
            ),
        ),
        denominator=_RELEASED,
        unit="share of area released (0-1)",
        function="dpssec.mines.release_summary",
        variant="IMAS 07.11: efficiency = (cancelled + reduced) / released",
        reference=LAND_RELEASE_REFERENCE,
        domain="mines",
        output="efficiency",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="clearance_productivity",
        name=Texts(
            "Clearance productivity",
            "Productividad del despeje",
            "Produtividade da limpeza",
            "Productivité de la dépollution",
        ),
        definition=Texts(
            "Area processed per deminer working day.",
            "Superficie procesada por jornada de trabajo de un desminador.",
            "Área processada por dia de trabalho de um desminador.",
            "Surface traitée par journée de travail d'un démineur.",
        ),
        numerator=Term("area_cleared", "m**2", "area"),
        denominator=Term(
            "deminer_days",
            "person * day",
            "deminer_days",
            name=Texts(
                "Deminer working days",
                "Jornadas de trabajo de desminadores",
                "Dias de trabalho de desminadores",
                "Journées de travail de démineurs",
            ),
        ),
        unit="m² per deminer-day",
        function="dpssec.mines.productivity",
        variant="area over deminer-days (manual clearance; machines and dogs not counted)",
        reference=DEMINING_PRODUCTIVITY,
        domain="mines",
        scale=1.0,
        returns="m**2 / (person * day)",
    ),
    CatalogueEntry(
        identifier="device_density",
        name=Texts(
            "Devices found per hectare cleared",
            "Artefactos encontrados por hectárea despejada",
            "Engenhos encontrados por hectare limpo",
            "Engins trouvés par hectare dépollué",
        ),
        definition=Texts(
            "Mines and other explosive devices found, per hectare of land cleared.",
            "Minas y otros artefactos explosivos encontrados por hectárea de tierra despejada.",
            "Minas e outros engenhos explosivos encontrados por hectare de terra limpa.",
            "Mines et autres engins explosifs trouvés par hectare de terre dépolluée.",
        ),
        numerator=Term(
            "devices_found",
            "devices",
            "devices",
            name=Texts(
                "Explosive devices found",
                "Artefactos explosivos encontrados",
                "Engenhos explosivos encontrados",
                "Engins explosifs trouvés",
            ),
        ),
        denominator=Term("area_cleared", "m**2", "area"),
        unit="devices per hectare",
        function="dpssec.mines.device_density",
        variant="devices per hectare of cleared land (area in m², 10,000 m² per hectare)",
        reference=LAND_RELEASE_REFERENCE,
        domain="mines",
        scale=10_000.0,
        returns="1 / hectare",
    ),
    CatalogueEntry(
        identifier="casualty_civilian_share",
        name=Texts(
            "Civilian share of mine casualties",
            "Proporción de civiles entre las víctimas de minas",
            "Proporção de civis entre as vítimas de minas",
            "Part des civils parmi les victimes de mines",
        ),
        definition=Texts(
            "Civilian casualties of mines and explosive remnants of war in proportion of the "
            "casualties whose civilian or military status is known.",
            "Víctimas civiles de minas y restos explosivos de guerra en proporción de las "
            "víctimas cuya condición civil o militar se conoce.",
            "Vítimas civis de minas e restos explosivos de guerra em proporção das vítimas "
            "cuja condição civil ou militar é conhecida.",
            "Victimes civiles des mines et restes explosifs de guerre rapportées aux victimes "
            "dont le statut civil ou militaire est connu.",
        ),
        numerator=Term(
            "mine_casualties",
            "casualties",
            None,
            "status:civilian",
        ),
        denominator=Term(
            "casualties_known_status",
            "casualties",
            None,
            name=Texts(
                "Casualties whose status is known",
                "Víctimas de condición conocida",
                "Vítimas de condição conhecida",
                "Victimes de statut connu",
            ),
        ),
        unit="share of casualties of known status (0-1)",
        function="dpssec.mines.casualty_summary",
        variant="Landmine Monitor: over casualties of known status, the unknown count beside it",
        reference=LANDMINE_MONITOR_CASUALTIES,
        domain="mines",
        output="civilian_share.value",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="casualty_child_share",
        name=Texts(
            "Child share of civilian mine casualties",
            "Proporción de niños entre las víctimas civiles de minas",
            "Proporção de crianças entre as vítimas civis de minas",
            "Part des enfants parmi les victimes civiles de mines",
        ),
        definition=Texts(
            "Casualties under 18 years of age in proportion of the civilian casualties whose "
            "age is known.",
            "Víctimas menores de 18 años en proporción de las víctimas civiles de edad conocida.",
            "Vítimas com menos de 18 anos em proporção das vítimas civis de idade conhecida.",
            "Victimes de moins de 18 ans rapportées aux victimes civiles d'âge connu.",
        ),
        numerator=Term("mine_casualties", "casualties", None, "age:0-17"),
        denominator=Term(
            "civilian_casualties_known_age",
            "casualties",
            None,
            name=Texts(
                "Civilian casualties whose age is known",
                "Víctimas civiles de edad conocida",
                "Vítimas civis de idade conhecida",
                "Victimes civiles d'âge connu",
            ),
        ),
        unit="share of civilian casualties of known age (0-1)",
        function="dpssec.mines.casualty_summary",
        variant="Landmine Monitor: children among civilian casualties of known age "
        "(child_base='civilian')",
        reference=LANDMINE_MONITOR_CHILDREN,
        domain="mines",
        options={"child_base": "civilian"},
        output="child_share.value",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="casualty_rate",
        name=Texts(
            "Mine casualties per 100,000 inhabitants",
            "Víctimas de minas por cada 100.000 habitantes",
            "Vítimas de minas por 100 mil habitantes",
            "Victimes de mines pour 100 000 habitants",
        ),
        definition=Texts(
            "Casualties of mines and explosive remnants of war (killed, injured or of unknown "
            "outcome) in a year per 100,000 resident population (national or department).",
            "Víctimas de minas y restos explosivos de guerra (muertas, heridas o de resultado "
            "desconocido) en un año por cada 100.000 habitantes (nacional o departamental).",
            "Vítimas de minas e restos explosivos de guerra (mortas, feridas ou de desfecho "
            "desconhecido) num ano por 100 mil habitantes (nacional ou departamental).",
            "Victimes de mines et de restes explosifs de guerre (tuées, blessées ou d'issue "
            "inconnue) au cours d'une année pour 100 000 habitants (national ou département).",
        ),
        numerator=_CASUALTIES,
        denominator=_POPULATION,
        unit="per 100,000 inhabitants",
        function="dpssec.mines.casualty_rate",
        variant="casualties counted as the Landmine Monitor does over the resident population, "
        "exact Poisson (Garwood) limits",
        reference=LANDMINE_MONITOR_CASUALTIES.at(
            "casualties as the Monitor counts them; the rate per 100,000 is the project's "
            "(no Monitor indicator)",
            verified=False,
        ),
        domain="mines",
        scale=100_000.0,
        output="value",
        aliases=("mine_casualty_rate",),
    ),
    CatalogueEntry(
        identifier="casualty_trend",
        name=Texts(
            "Annual percent change of mine casualties",
            "Variación porcentual anual de las víctimas de minas",
            "Variação percentual anual das vítimas de minas",
            "Variation annuelle en pourcentage des victimes de mines",
        ),
        definition=Texts(
            "The average change per year of the casualties (or of the casualty rate, given "
            "the population) over a period, from a log-linear Poisson model whose dispersion "
            "is estimated from the data.",
            "El cambio medio por año de las víctimas (o de la tasa de víctimas, dada la "
            "población) en un periodo, a partir de un modelo de Poisson log-lineal cuya "
            "dispersión se estima con los datos.",
            "A variação média por ano das vítimas (ou da taxa de vítimas, dada a população) "
            "num período, a partir de um modelo de Poisson log-linear cuja dispersão é "
            "estimada com os dados.",
            "La variation moyenne par an des victimes (ou du taux de victimes, la population "
            "étant donnée) sur une période, d'après un modèle de Poisson log-linéaire dont la "
            "dispersion est estimée sur les données.",
        ),
        numerator=_CASUALTIES,
        denominator=_POPULATION,
        unit="% per year",
        function="dpssec.mines.casualty_trend",
        variant="quasi-Poisson log-linear model, interval and p-value by Student's t on n - 2 "
        "df (R's glm and summary.glm)",
        reference=POISSON_TREND,
        domain="mines",
        output="apc.value",
        lower=None,
        aliases=("casualty_apc",),
    ),
    CatalogueEntry(
        identifier="eore_coverage",
        name=Texts(
            "Risk-education coverage of the population at risk",
            "Cobertura de la educación sobre el riesgo en la población en riesgo",
            "Cobertura da educação sobre o risco na população em risco",
            "Couverture de l'éducation aux risques dans la population à risque",
        ),
        definition=Texts(
            "People reached by explosive ordnance risk education in proportion of the "
            "population at risk of the affected communities.",
            "Personas alcanzadas por la educación sobre el riesgo de artefactos explosivos en "
            "proporción de la población en riesgo de las comunidades afectadas.",
            "Pessoas alcançadas pela educação sobre o risco de engenhos explosivos em "
            "proporção da população em risco das comunidades afetadas.",
            "Personnes atteintes par l'éducation aux risques des engins explosifs rapportées "
            "à la population à risque des communautés touchées.",
        ),
        numerator=_REACHED,
        denominator=Term(
            "population_at_risk",
            "persons",
            "at_risk_population",
            name=Texts(
                "Population at risk of the affected communities",
                "Población en riesgo de las comunidades afectadas",
                "População em risco das comunidades afetadas",
                "Population à risque des communautés touchées",
            ),
        ),
        unit="share of the population at risk (0-1)",
        function="dpssec.mines.eore_coverage",
        variant="people reached counted as unique persons where every session reports them, "
        "else attendances (never mixed), Wilson interval",
        reference=IMAS_12_10,
        domain="mines",
        scale=1.0,
        output="value",
        upper=1.0,
    ),
    CatalogueEntry(
        identifier="eore_people_reached",
        name=Texts(
            "People reached by risk education",
            "Personas alcanzadas por la educación sobre el riesgo",
            "Pessoas alcançadas pela educação sobre o risco",
            "Personnes atteintes par l'éducation aux risques",
        ),
        definition=Texts(
            "People reached by explosive ordnance risk education sessions: unique persons "
            "where every session of a group reports them, attendances otherwise (labelled).",
            "Personas alcanzadas por las sesiones de educación sobre el riesgo de artefactos "
            "explosivos: personas únicas cuando todas las sesiones de un grupo las informan, "
            "asistencias en otro caso (indicado).",
            "Pessoas alcançadas pelas sessões de educação sobre o risco de engenhos "
            "explosivos: pessoas únicas quando todas as sessões de um grupo as reportam, "
            "presenças no caso contrário (indicado).",
            "Personnes atteintes par les séances d'éducation aux risques des engins "
            "explosifs : personnes uniques lorsque toutes les séances d'un groupe les "
            "déclarent, présences sinon (indiqué).",
        ),
        numerator=attrs.evolve(_REACHED, parameter=None),
        denominator=Term(
            "eore_sessions",
            "sessions",
            None,
            name=Texts(
                "Risk-education sessions with their beneficiaries",
                "Sesiones de educación sobre el riesgo con sus beneficiarios",
                "Sessões de educação sobre o risco com os seus beneficiários",
                "Séances d'éducation aux risques avec leurs bénéficiaires",
            ),
        ),
        unit="persons",
        function="dpssec.mines.people_reached",
        variant="counting rule 'unique persons where known' (TNMA 05.10/01 not read: unverified)",
        reference=TNMA_05_10_01,
        domain="mines",
        output="reached",
        aliases=("people_reached",),
    ),
    CatalogueEntry(
        identifier="assistance_coverage",
        name=Texts(
            "Victim-assistance coverage",
            "Cobertura de la asistencia a víctimas",
            "Cobertura da assistência às vítimas",
            "Couverture de l'assistance aux victimes",
        ),
        definition=Texts(
            "Known mine victims who received a kind of assistance (medical, physical "
            "rehabilitation, psychological support, socio-economic inclusion, referral) in "
            "proportion of the known victims (or of those with that need identified).",
            "Víctimas de minas conocidas que recibieron un tipo de asistencia (médica, "
            "rehabilitación física, apoyo psicológico, inclusión socioeconómica, remisión) en "
            "proporción de las víctimas conocidas (o de las que tienen esa necesidad "
            "identificada).",
            "Vítimas de minas conhecidas que receberam um tipo de assistência (médica, "
            "reabilitação física, apoio psicológico, inclusão socioeconómica, encaminhamento) "
            "em proporção das vítimas conhecidas (ou das que têm essa necessidade "
            "identificada).",
            "Victimes de mines connues ayant reçu un type d'assistance (médicale, "
            "réadaptation physique, soutien psychologique, inclusion socio-économique, "
            "orientation) rapportées aux victimes connues (ou à celles dont ce besoin est "
            "identifié).",
        ),
        numerator=Term(
            "mine_victims_assisted",
            "victims",
            None,
            name=Texts(
                "Known mine victims who received the assistance",
                "Víctimas de minas conocidas que recibieron la asistencia",
                "Vítimas de minas conhecidas que receberam a assistência",
                "Victimes de mines connues ayant reçu l'assistance",
            ),
        ),
        denominator=_VICTIMS,
        unit="share of known victims (0-1)",
        function="dpssec.mines.assistance_coverage",
        variant="per kind of assistance, over all known victims or those with the need "
        "identified (among=), Wilson interval",
        reference=IMAS_13_10,
        domain="mines",
        output="coverage.value",
        upper=1.0,
    ),
)
