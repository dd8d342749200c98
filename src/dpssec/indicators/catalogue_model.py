"""The catalogue's data model: an indicator described once, as data, in four languages.

A :class:`CatalogueEntry` says what one indicator is (name and short definition in English,
Spanish, Portuguese and French), how it is computed (numerator and denominator, each a
:class:`Term` with its unit and the parameter of the computing function, the scale, the
keyword arguments that select the definition variant), which dpssec function computes it
(a dotted path), which standard defines it (a :class:`~dpssec.references.Reference` with its
verification flag) and its SDG or ICCS code. A :class:`Catalogue` holds the entries and the
counted variables they refer to; it is browsable as a table, searchable in any of the four
languages and exported as JSON.

Adding an indicator is one record: a :class:`CatalogueEntry` in the domain's tuple of
entries (``dpssec/indicators/catalogue_<domain>.py``). Its terms name the variables (counts)
it is computed from; a variable not yet known to the catalogue may be named in the term
itself (``Term(..., name=Texts(...))``).

For example:

>>> from dpssec.indicators import CATALOGUE
>>> entry = CATALOGUE["occupancy"]
>>> entry.name.es
'Tasa de ocupación penitenciaria'
>>> entry.numerator.variable, entry.denominator.variable, entry.scale
('prison_population', 'official_capacity', 100.0)
>>> [e.identifier for e in CATALOGUE.search("homicidio")]
['homicide_rate']
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from dpssec.boundary import example
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, require_pandas

__all__ = [
    "COUNT_UNITS",
    "LANGUAGES",
    "PERSON_UNITS",
    "Catalogue",
    "CatalogueEntry",
    "Term",
    "Texts",
    "Variable",
    "search_key",
    "strings",
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
    >>> from dpssec.indicators.catalogue_model import search_key
    >>> search_key("Población penitenciaria (SDG 16.3.2)")
    'poblacion penitenciaria sdg 16 3 2'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _WORDS.sub(" ", plain).strip()


def strings(value: Iterable[str]) -> tuple[str, ...]:
    """A tuple of strings (the converter of alias and synonym fields)."""
    return tuple(value)


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{type(instance).__name__}.{attribute.name} must be a non-empty text")


@example("Occupancy rate", "Tasa de ocupación", "Taxa de ocupação", "Taux d'occupation")
@attrs.frozen
class Texts:
    """One text in the four official languages of the OAS.

    Attributes
    ----------
    en, es, pt, fr : str
        English, Spanish, Portuguese and French.
    """

    en: str = attrs.field(validator=_nonempty)
    es: str = attrs.field(validator=_nonempty)
    pt: str = attrs.field(validator=_nonempty)
    fr: str = attrs.field(validator=_nonempty)

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

    variable: str = attrs.field(validator=_nonempty)
    unit: str = attrs.field(validator=_nonempty)
    parameter: str | None = None
    disaggregation: str = "total"
    name: Texts | None = None

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

    identifier: str = attrs.field(validator=_nonempty)
    unit: str = attrs.field(validator=_nonempty)
    name: Texts
    aliases: tuple[str, ...] = attrs.field(default=(), converter=strings)
    population: bool = False

    @property
    def counts_persons(self) -> bool:
        """Whether the variable counts people (bounded by the population of the state)."""
        return self.unit in PERSON_UNITS and not self.population


def _plain_options(value: Mapping[str, Any]) -> dict[str, Any]:
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

    identifier: str = attrs.field(validator=_nonempty)
    name: Texts
    definition: Texts
    numerator: Term
    denominator: Term
    unit: str = attrs.field(validator=_nonempty)
    function: str = attrs.field(validator=_nonempty)
    variant: str = attrs.field(validator=_nonempty)
    reference: Reference
    domain: str = attrs.field(validator=_nonempty)
    scale: float | None = None
    options: dict[str, Any] = attrs.field(factory=dict, converter=_plain_options)
    output: str = ""
    returns: str | None = None
    lower: float | None = 0.0
    upper: float | None = None
    sdg: str = ""
    iccs: str = ""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=strings)

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


def _entries(value: Any) -> tuple[CatalogueEntry, ...]:
    return tuple(value)


def _variables(value: Any) -> tuple[Variable, ...]:
    return tuple(value)


@example((), ())
@attrs.frozen
class Catalogue(ResultMixin):
    """Indicators described as data: browsable, searchable, exportable.

    Attributes
    ----------
    entries : tuple of CatalogueEntry
    variables : tuple of Variable
        Named counted variables (with their four-language names); variables named only in
        the terms of entries are added by :meth:`all_variables`.

    Examples
    --------
    >>> from dpssec.indicators import CATALOGUE
    >>> "occupancy" in CATALOGUE, len(CATALOGUE) > 10
    (True, True)
    >>> CATALOGUE.resolve("occupancy_pct")
    'occupancy'
    """

    entries: tuple[CatalogueEntry, ...] = attrs.field(converter=_entries)
    variables: tuple[Variable, ...] = attrs.field(default=(), converter=_variables)
    _codes_to_identifiers: dict[str, str] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        identifiers = [e.identifier for e in self.entries]
        repeated = sorted({i for i in identifiers if identifiers.count(i) > 1})
        if repeated:
            raise InputError(f"catalogue: the code {repeated[0]!r} names both entries")
        seen: dict[str, str] = {}
        for code, owner in self._codes():
            key = search_key(code).replace(" ", "_")
            if seen.get(key, owner) != owner:
                raise InputError(f"catalogue: the code {code!r} names both {seen[key]} and {owner}")
            seen[key] = owner
        object.__setattr__(self, "_codes_to_identifiers", seen)
        units: dict[str, str] = {v.identifier: v.unit for v in self.variables}
        for entry in self.entries:
            for term in (entry.numerator, entry.denominator):
                known = units.setdefault(term.variable, term.unit)
                if known != term.unit:
                    raise InputError(
                        f"catalogue entry {entry.identifier!r}: {term.variable!r} is in "
                        f"{term.unit!r} here and in {known!r} elsewhere"
                    )

    def _codes(self) -> Iterator[tuple[str, str]]:
        """Every accepted code (identifier, aliases, names in four languages) and its owner."""
        for entry in self.entries:
            for code in (entry.identifier, *entry.aliases, *entry.name):
                yield code, entry.identifier
        for variable in self.all_variables():
            for code in (variable.identifier, *variable.aliases, *variable.name):
                yield code, variable.identifier

    # -- access ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.resolve(code) in self.identifiers

    @property
    def identifiers(self) -> tuple[str, ...]:
        """The identifiers of the entries, in catalogue order."""
        return tuple(e.identifier for e in self.entries)

    def __getitem__(self, code: str) -> CatalogueEntry:
        identifier = self.resolve(code)
        for entry in self.entries:
            if entry.identifier == identifier:
                return entry
        import difflib

        close = difflib.get_close_matches(str(code), self.identifiers, n=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise KeyError(f"no indicator {code!r} in the catalogue{hint}")

    def resolve(self, code: str) -> str | None:
        """The identifier an indicator or variable code stands for, or None.

        Identifiers, aliases and the full names in the four languages are accepted, with any
        case, accents and separators (``"Tasa de ocupación penitenciaria"``, ``"ocupacion"``).
        """
        return self._codes_to_identifiers.get(search_key(str(code)).replace(" ", "_"))

    def all_variables(self) -> tuple[Variable, ...]:
        """The named variables and every other variable the entries' terms name."""
        out = {v.identifier: v for v in self.variables}
        for entry in self.entries:
            for term in (entry.numerator, entry.denominator):
                if term.variable not in out:
                    words = term.variable.replace("_", " ")
                    name = term.name or Texts(words, words, words, words)
                    out[term.variable] = Variable(term.variable, term.unit, name)
        return tuple(out.values())

    def variable(self, code: str) -> Variable | None:
        """The variable a code stands for, or None."""
        identifier = self.resolve(code)
        for variable in self.all_variables():
            if variable.identifier == identifier:
                return variable
        return None

    # -- search and views -----------------------------------------------------------------

    def search(self, text: str) -> Catalogue:
        """The entries whose texts contain every word of ``text``, in any of the four languages.

        Each word must start a word of the entry (``"homicid"`` finds ``"homicidios"``);
        accents and case are ignored (``"poblacion"`` finds ``"población"``); codes are found
        too (``"16.3.2"``, ``"0101"``).

        Examples
        --------
        >>> from dpssec.indicators import CATALOGUE
        >>> [e.identifier for e in CATALOGUE.search("SURPOPULATION carcérale")]
        ['occupancy']
        >>> [e.identifier for e in CATALOGUE.search("16.3.2")]
        ['unsentenced_share']
        """
        # Each space-separated token must start a word; "16.3.2" is one token ("16 3 2").
        tokens = [" " + search_key(t) for t in str(text).split() if search_key(t)]
        found = [e for e in self.entries if all(t in e.searchable() for t in tokens)]
        return attrs.evolve(self, entries=found)

    def _columns(self) -> dict[str, Any]:
        return {
            "identifier": [e.identifier for e in self.entries],
            "name": [e.name.en for e in self.entries],
            "unit": [e.unit for e in self.entries],
            "numerator": [e.numerator.describe() for e in self.entries],
            "denominator": [e.denominator.describe() for e in self.entries],
            "code": [_codes_of(e) for e in self.entries],
            "variant": [e.variant for e in self.entries],
            "verified": [e.verified for e in self.entries],
        }

    def to_frame(self, language: str = "en") -> Any:
        """A pandas DataFrame, one row per indicator, names and definitions in ``language``."""
        pd = require_pandas()
        rows = [
            {
                "identifier": e.identifier,
                "name": e.name.get(language),
                "definition": e.definition.get(language),
                "unit": e.unit,
                "numerator": e.numerator.variable,
                "numerator_part": e.numerator.disaggregation,
                "numerator_unit": e.numerator.unit,
                "denominator": e.denominator.variable,
                "denominator_part": e.denominator.disaggregation,
                "denominator_unit": e.denominator.unit,
                "scale": e.scale,
                "function": e.function,
                "options": ", ".join(f"{k}={v!r}" for k, v in e.options.items()),
                "variant": e.variant,
                "sdg": e.sdg,
                "iccs": e.iccs,
                "domain": e.domain,
                "reference": str(e.reference),
                "verified": e.verified,
            }
            for e in self.entries
        ]
        columns = [
            "identifier",
            "name",
            "definition",
            "unit",
            "numerator",
            "numerator_part",
            "numerator_unit",
            "denominator",
            "denominator_part",
            "denominator_unit",
            "scale",
            "function",
            "options",
            "variant",
            "sdg",
            "iccs",
            "domain",
            "reference",
            "verified",
        ]
        return pd.DataFrame(rows, columns=columns)

    def to_json(self, *, indent: int | None = None) -> str:
        """The whole catalogue as JSON, for other applications (read back by :meth:`from_json`)."""
        from dpssec.serialization import to_json

        return to_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Catalogue:
        """A catalogue from :meth:`to_json`'s output (strict: unknown keys refused)."""
        from dpssec.serialization import from_json

        return from_json(text, cls)


def _codes_of(entry: CatalogueEntry) -> str:
    codes = []
    if entry.sdg:
        codes.append(f"SDG {entry.sdg}")
    if entry.iccs:
        codes.append(f"ICCS {entry.iccs}")
    return ", ".join(codes)
