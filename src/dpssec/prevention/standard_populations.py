"""Standard populations for direct age standardisation: named, versioned, cited data.

A standard population is a set of age bands with a weight each. Published tables are rounded
(the WHO World Standard sums to 100,035, not 100,000), so every calculation uses the weights
**normalised by their sum** (:attr:`StandardPopulation.weights`), never the raw figures.

* ``"esp2013"``: European Standard Population 2013, 19 bands 0-4 ... 90+ (sums to 100,000).
* ``"who2000"``: WHO World Standard Population 2000-2025, 21 bands 0-4 ... 100+ (sums to
  100,035); a secondary transcription, flagged ``verified=False``.
* ``"esp1976"``: European Standard Population 1976, 18 bands 0-4 ... 85+; carried from the
  published table without a re-read in this project, flagged ``verified=False``.

Custom standards are accepted everywhere a name is: a :class:`StandardPopulation`, a mapping
``{band label: weight}`` or a sequence of weights (one per age band, in the data's order).

For example:

>>> from dpssec.prevention import STANDARD_POPULATIONS
>>> esp = STANDARD_POPULATIONS["esp2013"]
>>> esp.bands[:3], esp.total
(('0-4', '5-9', '10-14'), 100000.0)
>>> round(float(esp.weights.sum()), 12)
1.0
>>> who = STANDARD_POPULATIONS["who2000"]
>>> who.total, who.collapse_from("85-89").counts[-1]
(100035.0, 635.0)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Model, Names, Number, Text, example_by, short_repr
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "STANDARD_POPULATIONS",
    "StandardPopulation",
    "normalise_band_label",
    "resolve_standard",
]


def normalise_band_label(label: object) -> str:
    """A comparable form of an age-band label: ``"00–04 "`` -> ``"0-4"``, ``"90 and over"`` -> ``"90+"``.

    Examples
    --------
    >>> from dpssec.prevention import normalise_band_label
    >>> normalise_band_label(" 05–09"), normalise_band_label("90 and over"), normalise_band_label("85plus")
    ('5-9', '90+', '85+')
    """
    text = str(label).strip().lower()
    text = re.sub(r"[\u2013\u2014\u2212]", "-", text)
    text = re.sub(r"\s*(and\s*over|and\s*older|plus|or\s*more)\s*$", "+", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(?<!\d)0+(\d)", r"\1", text)
    return text


def _standard_name(value: Any) -> str:
    name: str = Text().convert(value, "name")
    return name


def _reference(value: Any) -> Reference:
    reference: Reference = Model(Reference).convert(value, "reference")
    return reference


def _tuple_of_str(value: Any) -> tuple[str, ...]:
    given: Any = value.tolist() if isinstance(value, np.ndarray) else value
    if isinstance(given, str):  # one label is not a table of bands (nor its letters)
        raise InputError(f"parameter 'bands' must be a list of age-band labels; got {given!r}")
    labels: tuple[str, ...] = Names().convert(given, "bands")
    return labels


def _tuple_of_float(value: Any) -> tuple[float, ...]:
    sizes = Number(lower=0, ndim=(1,)).convert(value, "counts")
    return tuple(float(v) for v in sizes)


@example_by(lambda: STANDARD_POPULATIONS["esp2013"])
@attrs.frozen
class StandardPopulation:
    """A standard population: age bands, their published sizes and the citation.

    Parameters
    ----------
    name : str
        Short name (``"esp2013"``).
    bands : tuple of str
        Age-band labels, youngest first (``"0-4"``, ..., ``"90+"``).
    counts : tuple of float
        The published band sizes [persons of the standard], as printed (not normalised).
    reference : Reference
        Where the table comes from; ``verified=False`` for secondary transcriptions.

    Raises
    ------
    InputError
        Labels and sizes of different lengths, no bands, negative or non-finite sizes, a zero
        total, duplicated band labels.

    Examples
    --------
    >>> from dpssec.prevention import StandardPopulation
    >>> from dpssec.references import Reference
    >>> local = StandardPopulation("local", ["0-39", "40+"], [600, 200],
    ...                            Reference("National census", "2020", verified=False))
    >>> local.weights.tolist(), local.total
    ([0.75, 0.25], 800.0)
    """

    name: str = attrs.field(converter=_standard_name)
    bands: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    counts: tuple[float, ...] = attrs.field(converter=_tuple_of_float)
    reference: Reference = attrs.field(converter=_reference)

    def __attrs_post_init__(self) -> None:
        if len(self.bands) != len(self.counts):
            raise InputError(
                f"standard {self.name!r}: parameters 'bands' and 'counts' differ in length "
                f"({len(self.bands)} band labels but {len(self.counts)} band sizes)"
            )
        if not self.counts:
            raise InputError(f"standard {self.name!r}: parameter 'bands' holds no age band")
        values = np.asarray(self.counts)
        if not np.all(np.isfinite(values)) or values.sum() <= 0:
            raise InputError(
                f"standard {self.name!r}: parameter 'counts' must be finite band sizes with a "
                f"positive sum; got {short_repr(list(self.counts))}"
            )
        keys = [normalise_band_label(b) for b in self.bands]
        if len(set(keys)) != len(keys):
            duplicated = sorted(
                {b for b, k in zip(self.bands, keys, strict=True) if keys.count(k) > 1}
            )
            raise InputError(
                f"standard {self.name!r}: parameter 'bands' repeats age bands {duplicated}"
            )

    @property
    def total(self) -> float:
        """Sum of the published band sizes."""
        return float(np.sum(self.counts))

    @property
    def weights(self) -> np.ndarray:
        """Band weights normalised to sum to 1 (w_i / Σw)."""
        values = np.asarray(self.counts, dtype=float)
        weights: np.ndarray = values / values.sum()
        return weights

    def collapse_from(self, band: str) -> StandardPopulation:
        """Merge ``band`` and every older band into one open band (``"85-89"`` -> ``"85+"``).

        Useful when the data's last band is open (85+) but the standard goes further.

        Raises
        ------
        InputError
            If the standard has no such band.

        Examples
        --------
        >>> from dpssec.prevention import STANDARD_POPULATIONS
        >>> esp85 = STANDARD_POPULATIONS["esp2013"].collapse_from("85-89")
        >>> esp85.bands[-2:], esp85.counts[-1]
        (('80-84', '85+'), 2500.0)
        """
        keys = [normalise_band_label(b) for b in self.bands]
        key = normalise_band_label(band)
        if key not in keys:
            raise InputError(
                f"standard {self.name!r} has no age band {band!r}; bands: {', '.join(self.bands)}"
            )
        index = keys.index(key)
        start = re.match(r"\d+", key)
        label = f"{start.group(0)}+" if start else f"{band}+"
        merged = sum(self.counts[index:])
        return attrs.evolve(
            self,
            name=f"{self.name} (collapsed from {band})",
            bands=(*self.bands[:index], label),
            counts=(*self.counts[:index], merged),
        )

    def order_of(self, age_bands: Sequence[object], *, parameter: str = "age_bands") -> np.ndarray:
        """Positions of the standard's bands in ``age_bands`` (to reorder data columns).

        Raises
        ------
        InputError
            Listing the bands of the standard missing from the data, the data's bands that the
            standard does not have, and duplicated labels.

        Examples
        --------
        >>> from dpssec.prevention import resolve_standard
        >>> resolve_standard({"0-39": 3, "40+": 1}).order_of(["40 and over", "00-39"])
        array([1, 0])
        """
        given = [normalise_band_label(b) for b in age_bands]
        wanted = [normalise_band_label(b) for b in self.bands]
        duplicated = sorted(
            {str(b) for b, k in zip(age_bands, given, strict=True) if given.count(k) > 1}
        )
        missing = [b for b, k in zip(self.bands, wanted, strict=True) if k not in given]
        unknown = [str(b) for b, k in zip(age_bands, given, strict=True) if k not in wanted]
        if duplicated or missing or unknown:
            parts = []
            if missing:
                parts.append(f"missing from the data: {', '.join(missing)}")
            if unknown:
                parts.append(f"not in the standard: {', '.join(unknown)}")
            if duplicated:
                parts.append(f"duplicated: {', '.join(duplicated)}")
            raise InputError(
                f"parameter {parameter!r}: age bands do not match standard {self.name!r} "
                f"({'; '.join(parts)}). The standard's bands are {', '.join(self.bands)}"
                + ("; use collapse_from() for an open last band" if unknown or missing else "")
            )
        return np.asarray([given.index(k) for k in wanted], dtype=np.intp)


_PHE = "PHEindicatormethods 2.1.0, data-raw/LoadTestdata.R"

STANDARD_POPULATIONS: dict[str, StandardPopulation] = {
    "esp2013": StandardPopulation(
        "esp2013",
        [f"{a}-{a + 4}" for a in range(0, 90, 5)] + ["90+"],
        [
            5000,
            5500,
            5500,
            5500,
            6000,
            6000,
            6500,
            7000,
            7000,
            7000,
            7000,
            6500,
            6000,
            5500,
            5000,
            4000,
            2500,
            1500,
            1000,
        ],
        Reference(
            "Eurostat, Revision of the European Standard Population",
            "2013 edition (ESP 2013)",
            f"19 five-year bands 0-4 ... 90+, total 100,000 (as in {_PHE})",
            url="https://ec.europa.eu/eurostat/web/products-manuals-and-guidelines/-/ks-ra-13-028",
        ),
    ),
    "who2000": StandardPopulation(
        "who2000",
        [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"],
        [
            8860,
            8690,
            8600,
            8470,
            8220,
            7930,
            7610,
            7150,
            6590,
            6040,
            5370,
            4550,
            3720,
            2960,
            2210,
            1520,
            910,
            440,
            150,
            40,
            5,
        ],
        Reference(
            "Ahmad et al., Age standardization of rates: a new WHO standard",
            "WHO GPE Discussion Paper 31 (2001)",
            "World (WHO 2000-2025) standard, 21 bands 0-4 ... 100+, sums to 100,035 "
            "(values from secondary transcriptions; primary not re-read)",
            verified=False,
        ),
    ),
    "esp1976": StandardPopulation(
        "esp1976",
        [f"{a}-{a + 4}" for a in range(0, 85, 5)] + ["85+"],
        [
            8000,
            7000,
            7000,
            7000,
            7000,
            7000,
            7000,
            7000,
            7000,
            7000,
            7000,
            6000,
            5000,
            4000,
            3000,
            2000,
            1000,
            1000,
        ],
        Reference(
            "European Standard Population",
            "1976",
            "18 bands 0-4 ... 85+, total 100,000 (not re-read in a primary source by dpssec)",
            verified=False,
        ),
    ),
}
"""The named standard populations (keys ``"esp2013"``, ``"who2000"``, ``"esp1976"``)."""


def resolve_standard(standard: Any, *, parameter: str = "standard") -> StandardPopulation:
    """Turn a name, mapping, sequence of weights or :class:`StandardPopulation` into one.

    Raises
    ------
    InputError
        An unknown name, or weights that are not a one-dimensional sequence of numbers.

    Examples
    --------
    >>> from dpssec.prevention import resolve_standard
    >>> resolve_standard("ESP2013").name
    'esp2013'
    >>> resolve_standard({"0-39": 3, "40+": 1}).weights
    array([0.75, 0.25])
    >>> resolve_standard("esp2012")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: standard='esp2012' is not one of 'esp2013', 'who2000', 'esp1976'; ...
    """
    if isinstance(standard, StandardPopulation):
        return standard
    if isinstance(standard, str):
        key = standard.strip().lower()
        if key not in STANDARD_POPULATIONS:
            raise InputError(
                f"{parameter}={standard!r} is not one of "
                f"{', '.join(map(repr, STANDARD_POPULATIONS))}; pass a StandardPopulation, a "
                "mapping {band: weight} or a sequence of weights for a custom standard"
            )
        return STANDARD_POPULATIONS[key]
    try:
        return _custom(standard, parameter)
    except InputError as exc:  # the standard's own refusal names its fields (bands, counts)
        if str(exc).startswith(f"parameter {parameter!r}"):
            raise
        raise InputError(f"parameter {parameter!r} (a custom standard): {exc}") from None


def _custom(standard: Any, parameter: str) -> StandardPopulation:
    custom = Reference("custom standard population", "user-supplied", verified=False)
    if isinstance(standard, Mapping):
        return StandardPopulation("custom", list(standard), list(standard.values()), custom)
    try:
        values = np.asarray(standard, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            f"parameter {parameter!r}: expected a name, StandardPopulation, mapping or weights; "
            f"got {short_repr(standard)}"
        ) from None
    if values.ndim != 1:
        raise InputError(f"parameter {parameter!r}: weights must be one-dimensional")
    labels = [f"band {i + 1}" for i in range(values.size)]
    return StandardPopulation("custom", labels, values.tolist(), custom)
