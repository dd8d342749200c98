"""The catalogue's data model: an indicator described once, as data, in four languages.

A :class:`~dpssec.indicators.catalogue_entry.CatalogueEntry` says what one indicator is (name and short definition in English,
Spanish, Portuguese and French), how it is computed (numerator and denominator, each a
:class:`~dpssec.indicators.catalogue_entry.Term` with its unit and the parameter of the computing function, the scale, the
keyword arguments that select the definition variant), which dpssec function computes it
(a dotted path), which standard defines it (a :class:`~dpssec.references.Reference` with its
verification flag) and its SDG or ICCS code. A :class:`Catalogue` holds the entries and the
counted variables they refer to; it is browsable as a table, searchable in any of the four
languages and exported as JSON.

Adding an indicator is one record: a ``CatalogueEntry`` in the domain's tuple of
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

from collections.abc import Iterator
from typing import Any

import attrs

from dpssec.boundary import Records, example
from dpssec.errors import InputError
from dpssec.indicators.catalogue_entry import CatalogueEntry, Texts, Variable, search_key
from dpssec.rendering import ResultMixin, require_pandas

__all__ = ["Catalogue"]


def _entries(value: Any) -> tuple[CatalogueEntry, ...]:
    entries: tuple[CatalogueEntry, ...] = Records(CatalogueEntry).convert(value, "entries")
    return entries


def _variables(value: Any) -> tuple[Variable, ...]:
    variables: tuple[Variable, ...] = Records(Variable).convert(value, "variables")
    return variables


@example((), ())
@attrs.frozen(eq=False)
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
