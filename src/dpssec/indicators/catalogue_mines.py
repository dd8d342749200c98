"""Catalogue entries of the mine-action indicators (:mod:`dpssec.mines`).

One :class:`~dpssec.indicators.catalogue_model.CatalogueEntry` per indicator; add an
indicator by adding a record to :data:`MINES_ENTRIES`.
"""

from __future__ import annotations

from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts
from dpssec.indicators.sources import DEMINING_PRODUCTIVITY
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
)
