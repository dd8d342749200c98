"""Catalogue entries of the mine-action indicators (:mod:`dpssec.mines`).

One :class:`~dpssec.indicators.catalogue_model.CatalogueEntry` per indicator; add an
indicator by adding a record to :data:`MINES_ENTRIES`.
"""

from __future__ import annotations

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.indicators.sources import DEMINING_PRODUCTIVITY
from dpssec.mines.casualty_sources import LANDMINE_MONITOR_CASUALTIES, LANDMINE_MONITOR_CHILDREN
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
)
