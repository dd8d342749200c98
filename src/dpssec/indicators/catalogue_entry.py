"""One catalogue entry: an indicator's texts, terms and definition, as data.

* :class:`Texts`: one text in English, Spanish, Portuguese and French;
* :class:`Term`: the numerator or denominator of an indicator, with its unit and the
  parameter of the computing function;
* :class:`Variable`: a counted variable submissions report (persons held, official capacity);
* :class:`CatalogueEntry`: one indicator, described once;
* :func:`search_key`: the accent-, case- and separator-free form texts are compared in.

The :class:`~dpssec.indicators.catalogue_model.Catalogue` holds the entries.

For example:

>>> from dpssec.indicators.catalogue_entry import Term
>>> Term("prison_population", "persons", "unsentenced", "status:unsentenced").describe()
'prison_population[status:unsentenced] [persons]'
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Flag,
    Model,
    Names,
    Number,
    OptionSpec,
    Text,
    Year,
    example,
    short_repr,
)
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "COUNT_UNITS",
    "LANGUAGES",
    "PERSON_UNITS",
    "CatalogueEntry",
    "Term",
    "Texts",
    "Variable",
    "search_key",
    "strings",
    "NAMES",
    "YEARS",
    "Years",
]

LANGUAGES = ("en", "es", "pt", "fr")
"""The OAS's four official languages, in which every name and definition is written."""

COUNT_UNITS = frozenset(
    {
        "persons",
        "places",
        "victims",
        "casualties",
        "cases",
        "offences",
        "devices",
        "respondents",
    }
)
"""Units of counted things: a term in one of them is a count (``Count`` or ``Population`` spec)."""

PERSON_UNITS = frozenset({"persons", "victims", "casualties", "respondents"})
"""Count units that count people: such a count cannot exceed the population of its state."""

_WORDS = re.compile(r"[^0-9a-z]+")


def search_key(text: str) -> str:
    """``text`` without accents, case-folded, with every run of other characters one space.

    Examples
    --------
    >>> from dpssec.indicators.catalogue_entry import search_key
    >>> search_key("Población penitenciaria (SDG 16.3.2)")
    'poblacion penitenciaria sdg 16 3 2'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _WORDS.sub(" ", plain).strip()


def strings(value: Iterable[str]) -> tuple[str, ...]:
    """A tuple of strings (the converter of alias and synonym fields).

    One text is one name, never its letters; anything but texts is refused.
    """
    names: tuple[str, ...] = _NAMES.convert(value, "names")
    return names


@example()
@attrs.frozen(kw_only=True)
class Years(OptionSpec):
    """One year or a sequence of years, as a tuple of whole numbers (a model field's spec).

    Examples
    --------
    >>> from dpssec.indicators.catalogue_entry import YEARS
    >>> YEARS.convert([2023, 2024.0], "years")
    (2023, 2024)
    """

    kind: ClassVar[str] = "years"

    def convert(self, value: Any, name: str) -> Any:
        years = np.atleast_1d(_YEAR.convert(value, name))
        return tuple(int(y) for y in years)


NAMES = Names()
"""The spec of fields holding names (aliases, codes): one text or a sequence of texts."""

YEARS = Years()
"""The spec of fields holding years."""

_NAMES = NAMES
_TEXT = Text()
_YEAR = Year(aligned=False)


@example("Occupancy rate", "Tasa de ocupación", "Taxa de ocupação", "Taux d'occupation")
@attrs.frozen
class Texts:
    """One text in the four official languages of the OAS.

    Attributes
    ----------
    en, es, pt, fr : str
        English, Spanish, Portuguese and French.
    """

    en: str = _TEXT.field()
    es: str = _TEXT.field()
    pt: str = _TEXT.field()
    fr: str = _TEXT.field()

    def get(self, language: str) -> str:
        """The text in ``language`` (``"en"``, ``"es"``, ``"pt"`` or ``"fr"``)."""
        key = str(language).strip().lower()[:2]
        if key not in LANGUAGES:
            raise InputError(
                f"parameter 'language' must be one of {', '.join(LANGUAGES)}; got {language!r}"
            )
        text: str = getattr(self, key)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter((self.en, self.es, self.pt, self.fr))


@example("prison_population", "persons", parameter="population")
@attrs.frozen
class Term:
    """The numerator or the denominator of an indicator.

    Attributes
    ----------
    variable : str
        The counted variable (``"prison_population"``), as a submission names it.
    unit : str
        Its unit: a count noun of :data:`COUNT_UNITS` (``"persons"``, ``"places"``) or a pint
        unit for a dimensional amount (``"m**2"``, ``"person * day"``).
    parameter : str or None
        The parameter of the computing function that receives it; None when the term is not
        one parameter (a sum of several, or durations and events of each person).
    disaggregation : str
        The part of the variable counted: ``"total"`` or ``"dimension:category"``
        (``"status:unsentenced"``).
    name : Texts or None
        The variable's name in four languages, for a variable the catalogue does not list yet.
    """

    variable: str = _TEXT.field()
    unit: str = _TEXT.field()
    parameter: str | None = Text(optional=True).field()
    disaggregation: str = _TEXT.field(default="total")
    name: Texts | None = Model(Texts, optional=True).field()

    @property
    def is_count(self) -> bool:
        """Whether the term is a count (its unit one of :data:`COUNT_UNITS`)."""
        return self.unit in COUNT_UNITS

    def describe(self) -> str:
        """``variable[disaggregation] [unit]`` for tables."""
        part = "" if self.disaggregation == "total" else f"[{self.disaggregation}]"
        return f"{self.variable}{part} [{self.unit}]"


@example(
    "prison_population",
    "persons",
    Texts(
        "Persons held",
        "Personas privadas de libertad",
        "Pessoas privadas de liberdade",
        "Personnes détenues",
    ),
)
@attrs.frozen
class Variable:
    """A counted variable that submissions report and indicators are computed from.

    Attributes
    ----------
    identifier : str
        The code a submission uses (``"official_capacity"``).
    unit : str
        As in :class:`Term`.
    name : Texts
        Its name in four languages.
    aliases : tuple of str
        Other codes accepted in a submission (a source's own column name).
    population : bool
        True for the resident population itself: where a submission omits it, the
        validation takes it from UN World Population Prospects 2022
        (:func:`dpssec.data.population`).
    """

    identifier: str = _TEXT.field()
    unit: str = _TEXT.field()
    name: Texts = Model(Texts).field()
    aliases: tuple[str, ...] = NAMES.field(default=())
    population: bool = Flag().field(default=False)

    @property
    def counts_persons(self) -> bool:
        """Whether the variable counts people (bounded by the population of the state)."""
        return self.unit in PERSON_UNITS and not self.population


def _plain_options(value: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise InputError(f"options must be a mapping of option names; got {short_repr(value)}")
    return dict(value)


@example(
    identifier="occupancy",
    name=Texts("Occupancy rate", "Tasa de ocupación", "Taxa de ocupação", "Taux d'occupation"),
    definition=Texts(
        "Persons held per 100 official places",
        "Personas por cada 100 plazas",
        "Pessoas por 100 vagas",
        "Personnes pour 100 places",
    ),
    numerator=Term("prison_population", "persons", "population"),
    denominator=Term("official_capacity", "places", "capacity"),
    unit="% of official capacity",
    function="dpssec.justice.occupancy_rate",
    variant="official capacity",
    reference=Reference("OAS Inter-American Observatory on Security", "indicator 6.5.1"),
    domain="justice",
    scale=100.0,
)
@attrs.frozen(kw_only=True)
class CatalogueEntry:
    """One indicator, described once.

    Attributes
    ----------
    identifier : str
        The code used in submissions, tables and JSON (``"prison_population_rate"``).
    name, definition : Texts
        The name and a one-sentence definition in English, Spanish, Portuguese and French.
    numerator, denominator : Term
        What is counted and over what, with units and the function's parameters.
    unit : str
        The unit of the indicator's value as published (``"per 100,000 inhabitants"``, ``"%"``).
    function : str
        The dpssec function that computes it, as a dotted path
        (``"dpssec.justice.occupancy_rate"``).
    variant : str
        Which definition it follows where several are in use (UN-CTS vs World Prison Brief
        unsentenced share; detected vs estimated trafficking victims).
    reference : Reference
        The standard that defines it; ``verified=False`` where the project has only a
        secondary source.
    domain : str
        ``"justice"``, ``"prevention"``, ``"mines"``...
    scale : float or None
        For a ratio, ``value = numerator / denominator x scale`` (100 for a percentage,
        100,000 for a rate per 100,000); None for indicators that are not one ratio of two
        submitted counts (standardised rates, survival estimates, trends).
    options : dict
        Keyword arguments of the function that select this variant
        (``{"definition": "wpb-remand"}``).
    output : str
        The attribute of the function's result that holds the value (``"value"`` for an
        Estimate, ``"civilian_share.value"`` for an Estimate inside a result); empty when the
        function returns the value itself.
    returns : str or None
        The pint unit of a dimensional result (``"m**2"``), as the function declares it.
    lower, upper : float or None
        Bounds that follow from the definition (a share lies in 0-100 %); None for no bound.
    sdg, iccs : str
        SDG indicator code (``"16.1.1"``) and ICCS code (``"0101"``), where one applies.
    aliases : tuple of str
        Other codes accepted in a submission (``"occupancy_pct"``).
    """

    identifier: str = _TEXT.field()
    name: Texts = Model(Texts).field()
    definition: Texts = Model(Texts).field()
    numerator: Term = Model(Term).field()
    denominator: Term = Model(Term).field()
    unit: str = _TEXT.field()
    function: str = _TEXT.field()
    variant: str = _TEXT.field()
    reference: Reference = Model(Reference).field()
    domain: str = _TEXT.field()
    scale: float | None = Number(positive=True, optional=True).field()
    options: dict[str, Any] = attrs.field(factory=dict, converter=_plain_options)
    output: str = Text(empty=True).field(default="")
    returns: str | None = Text(optional=True).field()
    lower: float | None = Number(optional=True).field(default=0.0)
    upper: float | None = Number(optional=True).field()
    sdg: str = Text(empty=True).field(default="")
    iccs: str = Text(empty=True).field(default="")
    aliases: tuple[str, ...] = NAMES.field(default=())

    @property
    def is_ratio(self) -> bool:
        """True when the value is ``numerator / denominator x scale`` of two parameters."""
        return (
            self.scale is not None
            and self.numerator.parameter is not None
            and self.denominator.parameter is not None
        )

    @property
    def verified(self) -> bool:
        """The verification flag of the defining reference."""
        return self.reference.verified

    def load_function(self) -> Any:
        """Import and return the computing function named by :attr:`function`.

        Raises
        ------
        InputError
            The dotted path does not name an existing attribute.
        """
        module_name, _, attribute = self.function.rpartition(".")
        try:
            module = importlib.import_module(module_name)
            return getattr(module, attribute)
        except (ImportError, AttributeError, ValueError):
            raise InputError(
                f"catalogue entry {self.identifier!r}: {self.function!r} is not a dpssec function"
            ) from None

    def compute(self, numerator: Any, denominator: Any, **options: Any) -> Any:
        """The indicator from its numerator and denominator, by the library's own function.

        Only for ratios (:attr:`is_ratio`). The variant's options are passed, then
        ``options``; the value is taken from :attr:`output` and a Quantity's magnitude is
        returned in :attr:`returns`.

        Examples
        --------
        >>> from dpssec.indicators import CATALOGUE
        >>> CATALOGUE["occupancy"].compute(11_253, 2_431)
        462.89592760180994
        """
        if not self.is_ratio:
            raise InputError(
                f"{self.identifier} is not one ratio of two counts; call {self.function} directly"
            )
        assert self.numerator.parameter is not None and self.denominator.parameter is not None
        arguments = {self.numerator.parameter: numerator, self.denominator.parameter: denominator}
        result = self.load_function()(**arguments, **{**self.options, **options})
        value = result
        for attribute in self.output.split(".") if self.output else ():
            value = getattr(value, attribute)
        if hasattr(value, "magnitude") and hasattr(value, "units"):
            value = value.to(self.returns).magnitude if self.returns else value.magnitude
        return value

    def searchable(self) -> str:
        """Every text of the entry, as :func:`search_key` forms, for :meth:`Catalogue.search`."""
        parts = [
            self.identifier,
            *self.aliases,
            *self.name,
            *self.definition,
            self.variant,
            self.sdg,
            f"sdg {self.sdg}" if self.sdg else "",
            self.iccs,
            f"iccs {self.iccs}" if self.iccs else "",
            self.domain,
            self.numerator.variable,
            self.denominator.variable,
            self.unit,
        ]
        return " " + " ".join(search_key(p) for p in parts if p) + " "
