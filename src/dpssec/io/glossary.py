"""Column names shared by the domains' tables, in the OAS's four official languages.

A word such as *population*, *capacity* or *year* means the same thing in every table (see the
project's glossary); its Spanish, Portuguese and French names are written once, here, and
:func:`column` fills them in, so that ``población``, ``população`` and ``population`` find the
``population`` column of a prison table and of a homicide table alike. A domain's schema adds
its own words (``número de serie``) and synonyms (``cupo`` for capacity) on top.

For example:

>>> from dpssec.boundary import Count
>>> from dpssec.io.glossary import column
>>> capacity = column("capacity", Count(), aliases=("cupo", "plazas"))
>>> capacity.names()
('capacity', 'capacity', 'capacidad', 'capacidad oficial', 'capacidade', 'capacidade oficial', 'capacité', 'capacité officielle', 'cupo', 'plazas')
"""

from __future__ import annotations

from typing import Any

from dpssec.boundary import Count, Spec, Text, example
from dpssec.io.schema import Column

__all__ = ["TRANSLATIONS", "column"]

TRANSLATIONS: dict[str, tuple[str | tuple[str, ...], ...]] = {
    # field: (Spanish, Portuguese, French)
    "name": ("nombre", "nome", "nom"),
    "country": ("país", "país", "pays"),
    "iso3": (("código iso3", "código iso", "iso"), ("código iso3",), ("code iso3",)),
    "year": ("año", "ano", "année"),
    "date": ("fecha", "data", "date"),
    "reference_date": (
        ("fecha de referencia", "fecha"),
        ("data de referência", "data"),
        ("date de référence", "date"),
    ),
    "population": ("población", "população", "population"),
    "national_population": (
        "población nacional",
        "população nacional",
        "population nationale",
    ),
    "capacity": (
        ("capacidad", "capacidad oficial"),
        ("capacidade", "capacidade oficial"),
        ("capacité", "capacité officielle"),
    ),
    "official_capacity": ("capacidad oficial", "capacidade oficial", "capacité officielle"),
    "indicator": ("indicador", "indicador", "indicateur"),
    "metric": ("métrica", "métrica", "mesure"),
    "value": ("valor", "valor", "valeur"),
    "unit": ("unidad", "unidade", "unité"),
    "series": ("serie", "série", "série"),
    "group": ("grupo", "grupo", "groupe"),
    "count": ("número", "número", "nombre de cas"),
    "victims": ("víctimas", "vítimas", "victimes"),
    "rate": ("tasa", "taxa", "taux"),
    "total": ("total", "total", "total"),
    "area": ("área", "área", "superficie"),
    "location": ("ubicación", "localização", "emplacement"),
    "status": ("estado", "situação", "statut"),
    "manufacturer": ("fabricante", "fabricante", "fabricant"),
    "model": ("modelo", "modelo", "modèle"),
    "calibre": ("calibre", "calibre", "calibre"),
    "serial_number": ("número de serie", "número de série", "numéro de série"),
    "source": ("fuente", "fonte", "source"),
    "note": ("nota", "nota", "note"),
}
"""English field name to its names in Spanish, Portuguese and French (one or several each)."""


def _or(given: Any, default: Any) -> Any:
    """``given``, or ``default`` where nothing is given (Column refuses what is not names)."""
    empty = isinstance(given, str | list | tuple) and not given
    return default if empty else given


@example("population", Count())
def column(
    field: str,
    spec: Spec,
    *,
    es: str | tuple[str, ...] = (),
    pt: str | tuple[str, ...] = (),
    fr: str | tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
    required: bool = True,
    description: str = "",
) -> Any:
    """A :class:`~dpssec.io.Column` whose Spanish, Portuguese and French names come from
    :data:`TRANSLATIONS` (for a glossary word) unless given.

    A field named after a glossary word is understood in four languages without repeating
    its names; other fields give theirs.
    """
    field = Text().convert(field, "field")
    found = TRANSLATIONS.get(field, ((), (), ()))
    return Column(
        field,
        spec,
        es=_or(es, found[0]),
        pt=_or(pt, found[1]),
        fr=_or(fr, found[2]),
        aliases=aliases,
        required=required,
        description=description,
    )
