"""Records of trafficking in persons and smuggling of migrants (model layer).

:class:`TraffickingRecords` is a table of case records, one row per person per agency that
recorded them: date, offence (trafficking or smuggling), route, country of origin, sex, age,
form of exploitation, ICCS code, migrant status, a person identifier (matched across
agencies) and the agency's list. The indicators read it:

* :meth:`TraffickingRecords.detected_victims`: distinct detected victims of trafficking by sex,
  age band, form of exploitation or migrant status (the numerator of SDG 16.2.2 as published,
  :func:`~dpssec.prevention.trafficking_victim_rate`);
* :meth:`TraffickingRecords.capture_histories` and :meth:`TraffickingRecords.hidden_victims`:
  the lists' overlaps and the multiple systems estimate of total victims, with each list's
  period so that a population that is not closed is reported.

ICCS: trafficking in persons is 0204 (02041 sexual exploitation, 02042 forced labour or
services, 02043/02044 organ removal and other purposes; secondary source, ``prevention.md``
§2). The code for smuggling of migrants is **not verified** (believed to be in section 08), so
no default is filled for smuggling records.

For example:

>>> from dpssec.prevention import TraffickingRecords
>>> records = TraffickingRecords.from_columns({
...     "date": ["2023-02-01", "2023-03-15", "2023-03-20"],
...     "offence": ["trafficking", "trafficking", "smuggling"],
...     "sex": ["female", "male", "male"], "age": [16, 31, 25],
...     "exploitation": ["sexual", "forced_labour", "not_applicable"],
...     "person_id": ["p1", "p2", "p3"], "source": ["police", "ngo", "police"]})
>>> len(records), records.detected_victims()["(all)"]
(3, 2)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Date, Number, example, parse_choice, register_aliases, short_repr
from dpssec.boundary.arrays import is_pandas
from dpssec.countries import country_code
from dpssec.errors import InputError
from dpssec.prevention.disaggregation import AgeBandPreset
from dpssec.prevention.iccs import section_of
from dpssec.prevention.results import DetectedVictims
from dpssec.prevention.survey_design import factorize

__all__ = [
    "ICCS_TRAFFICKING",
    "Exploitation",
    "Offence",
    "Sex",
    "TraffickingRecords",
]

ICCS_TRAFFICKING = {
    "sexual": "02041",
    "forced_labour": "02042",
    "organ_removal": "02043",
    "other": "02044",
}
"""ICCS codes of trafficking by form of exploitation (section 0204; secondary source)."""


class Offence(enum.Enum):
    """What the record is about.

    Examples
    --------
    >>> from dpssec.boundary import parse_choice
    >>> from dpssec.prevention import Offence
    >>> parse_choice("tip", Offence, "offence").value
    'trafficking'
    """

    TRAFFICKING = "trafficking"
    SMUGGLING = "smuggling"


class Sex(enum.Enum):
    """Sex as recorded.

    Examples
    --------
    >>> from dpssec.boundary import parse_choice
    >>> from dpssec.prevention import Sex
    >>> parse_choice("F", Sex, "sex").value
    'female'
    """

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class Exploitation(enum.Enum):
    """Form of exploitation (SDG 16.2.2 disaggregation; ``not_applicable`` for smuggling).

    Examples
    --------
    >>> from dpssec.prevention import Exploitation
    >>> Exploitation("forced_labour").name
    'FORCED_LABOUR'
    """

    SEXUAL = "sexual"
    FORCED_LABOUR = "forced_labour"
    ORGAN_REMOVAL = "organ_removal"
    OTHER = "other"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


register_aliases(Offence, {"tip": Offence.TRAFFICKING, "som": Offence.SMUGGLING})
register_aliases(Sex, {"f": Sex.FEMALE, "m": Sex.MALE, "woman": Sex.FEMALE, "man": Sex.MALE})
register_aliases(
    Exploitation,
    {"sexual_exploitation": Exploitation.SEXUAL, "labour": Exploitation.FORCED_LABOUR},
)


def _column(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """One column as a 1-d object array (one value stands for one record), checked."""
    if isinstance(values, Mapping) or hasattr(values, "units"):
        raise InputError(f"parameter {name!r} takes one value per record; got {short_repr(values)}")
    arr = np.asarray(values.to_numpy() if is_pandas(values) else values, dtype=object)
    arr = np.atleast_1d(arr)
    if arr.ndim != 1:
        raise InputError(f"parameter {name!r} takes one value per record; got shape {arr.shape}")
    if n is not None and arr.size != n:
        raise InputError(
            f"TraffickingRecords: parameter {name!r} has {arr.size} values for {n} records "
            "(one per date)"
        )
    return arr


def _choices(values: Any, enum_cls: type[enum.Enum], name: str, default: str, n: int) -> np.ndarray:
    """Parse a column of choices, one look-up per distinct value."""
    arr = _column(values, name, n)
    arr = np.where(
        [v is None or (isinstance(v, str) and v == "") for v in arr.tolist()], default, arr
    )
    out = np.empty(arr.size, dtype=object)
    parsed: dict[Any, Any] = {}
    for position, value in enumerate(arr.tolist()):
        try:
            known = parsed.get(value)
        except TypeError:  # an unhashable value (a dict): parse_choice refuses it by name
            known = None
        if known is None:
            known = parse_choice(value, enum_cls, name).value
            if isinstance(value, str):
                parsed[value] = known
        out[position] = known
    return out


def _text(values: Any, n: int, name: str, default: str = "") -> np.ndarray:
    if values is None:
        return np.full(n, default, dtype=object)
    arr = _column(values, name, n)
    out = []
    for position, v in enumerate(arr.tolist()):
        if v is not None and (isinstance(v, bool) or not isinstance(v, str | int)):
            raise InputError(
                f"parameter {name!r}: item {position} is {short_repr(v)}; give text (or a "
                "whole-number code)"
            )
        out.append("" if v is None else str(v).strip())
    return np.asarray(out, dtype=object)


_AGE = Number(lower=0.0, upper=120.0)


def _migrant(values: Any, n: int) -> np.ndarray:
    """Migrant status labels; a column of booleans is ``"migrant"`` / ``"non-migrant"``."""
    if values is None:
        return np.full(n, "unknown", dtype=object)
    arr = _column(values, "migrant", n)
    flags = [isinstance(v, bool | np.bool_) for v in arr.tolist()]
    if any(flags):
        if not all(flags[i] or arr[i] is None for i in range(arr.size)):
            i = flags.index(False) if False in flags else 0
            raise InputError(
                f"parameter 'migrant': a column of True/False with other values (first at row "
                f"{i}: {arr[i]!r}); give flags (True = migrant) or labels, not both"
            )
        arr = np.asarray(
            [None if v is None else ("migrant" if v else "non-migrant") for v in arr.tolist()],
            dtype=object,
        )
    labels = _text(arr, n, "migrant")
    return np.where(labels == "", "unknown", labels).astype(object)  # an empty cell: not known


def _codes(values: np.ndarray, name: str, check: Any) -> np.ndarray:
    """Check each distinct non-empty code once, naming the first row that holds a bad one."""
    out = values.copy()
    for value in set(values.tolist()) - {""}:
        try:
            good = check(value)
        except InputError as exc:
            row = int(np.argmax(values == value))
            raise InputError(f"parameter {name!r}: row {row}: {exc}") from None
        out[values == value] = good
    return out


def _iccs_code(code: str) -> str:
    section_of(code)  # digits, a section 01-11
    if len(code) not in (2, 4, 5, 6):
        raise InputError(
            f"ICCS code {code!r} is not valid: a code has 2, 4, 5 or 6 digits (levels 1 to 4)"
        )
    return code


def _object_eq(a: Any, b: Any) -> bool:
    return bool(np.array_equal(np.asarray(a, dtype=object), np.asarray(b, dtype=object)))


_EQ = attrs.cmp_using(eq=_object_eq)


@example(["2023-02-01"], ["trafficking"], ["female"], [16.0])
@attrs.frozen
class TraffickingRecords:
    """Case records of trafficking in persons and smuggling of migrants, one row per record.

    Parameters
    ----------
    date : array-like of dates
        Date the person was identified (ISO text or dates).
    offence : array-like
        ``"trafficking"`` or ``"smuggling"`` per record.
    sex : array-like
        ``"female"``, ``"male"`` or ``"unknown"``.
    age : array-like
        Age in years, 0 to 120; NaN when unknown.
    exploitation : array-like, optional
        Form of exploitation (:class:`Exploitation`); ``"unknown"`` when omitted.
    route : array-like, optional
        Free text.
    country_of_origin : array-like, optional
        ISO 3166 country code or name per record (stored as alpha-3; former countries such as
        ``"YUG"`` accepted); empty when unknown.
    iccs : array-like, optional
        ICCS code per record (2, 4, 5 or 6 digits of a section 01-11); filled from the form of
        exploitation for trafficking records, left empty for smuggling (code not verified).
    migrant : array-like, optional
        Migrant status label (e.g. ``"migrant"``, ``"national"``), or flags: True is stored as
        ``"migrant"`` and False as ``"non-migrant"``; an empty cell is ``"unknown"``.
    person_id : array-like, optional
        Identifier of the person, matched across agencies (one per record when omitted).
    source : array-like, optional
        The agency or list that recorded the person (for multiple systems estimation).

    Raises
    ------
    InputError
        Columns of different lengths, an unknown offence, sex or form of exploitation (with the
        accepted spellings), a date that is not a date, an age outside 0-120, an ICCS code
        that is not one, a country that is not an ISO 3166 country (each naming the row).

    Examples
    --------
    >>> from dpssec.prevention import TraffickingRecords
    >>> r = TraffickingRecords(["2024-01-05"], ["tip"], ["f"], [15.0])
    >>> r.offence.tolist(), r.sex.tolist(), r.iccs.tolist()
    (['trafficking'], ['female'], ['0204'])
    """

    date: Any = attrs.field(eq=_EQ)
    offence: Any = attrs.field(eq=_EQ)
    sex: Any = attrs.field(eq=_EQ)
    age: Any = attrs.field(eq=_EQ)
    exploitation: Any = attrs.field(default=None, kw_only=True, eq=_EQ)
    route: Any = attrs.field(default=None, kw_only=True, eq=_EQ)
    country_of_origin: Any = attrs.field(default=None, kw_only=True, eq=_EQ)
    iccs: Any = attrs.field(default=None, kw_only=True, eq=_EQ)
    migrant: Any = attrs.field(default=None, kw_only=True, eq=_EQ)
    person_id: Any = attrs.field(default=None, kw_only=True, eq=_EQ)
    source: Any = attrs.field(default=None, kw_only=True, eq=_EQ)

    def __attrs_post_init__(self) -> None:
        dates = np.atleast_1d(Date().convert(self.date, "date"))
        n = dates.size
        set_ = object.__setattr__
        set_(self, "date", dates)
        offence = _choices(self.offence, Offence, "offence", "trafficking", n)
        sex = _choices(self.sex, Sex, "sex", "unknown", n)
        set_(self, "offence", offence)
        set_(self, "sex", sex)
        age = self.age.to_numpy() if is_pandas(self.age) else self.age
        read = _AGE.prepare(age, "age", missing_ok=True)  # NaN: an unknown age
        ages = np.atleast_1d(np.asarray(read.values if read is not None else np.nan, float))
        if ages.size != n:
            raise InputError(
                f"TraffickingRecords: parameter 'age' has {ages.size} values for {n} records "
                "(one per date)"
            )
        set_(self, "age", ages)
        exploitation = (
            np.full(n, "unknown", dtype=object)
            if self.exploitation is None
            else _choices(self.exploitation, Exploitation, "exploitation", "unknown", n)
        )
        set_(self, "exploitation", exploitation)
        set_(self, "route", _text(self.route, n, "route"))
        origin = _text(self.country_of_origin, n, "country_of_origin")
        set_(self, "country_of_origin", _codes(origin, "country_of_origin", country_code))
        set_(self, "migrant", _migrant(self.migrant, n))
        set_(self, "source", _text(self.source, n, "source", "records"))
        ids = _text(self.person_id, n, "person_id")
        ids = np.where(ids == "", np.char.add("row-", np.arange(n).astype(str)), ids)
        set_(self, "person_id", ids.astype(object))
        iccs = _codes(_text(self.iccs, n, "iccs"), "iccs", _iccs_code)
        filled = np.asarray(
            [ICCS_TRAFFICKING.get(e, "0204") for e in exploitation.tolist()], dtype=object
        )
        iccs = np.where((iccs == "") & (offence == "trafficking"), filled, iccs)
        set_(self, "iccs", iccs.astype(object))

    def __len__(self) -> int:
        return int(self.date.size)

    @classmethod
    def from_columns(cls, table: Any) -> TraffickingRecords:
        """Build from a dict of columns or a DataFrame (column names as the parameters).

        Raises
        ------
        InputError
            A missing required column (date, offence, sex, age) and every error of the
            constructor.

        Examples
        --------
        >>> from dpssec.prevention import TraffickingRecords
        >>> TraffickingRecords.from_columns({"date": ["2024-01-05"], "offence": ["smuggling"],
        ...                                  "sex": ["m"], "age": [30]}).iccs.tolist()
        ['']
        """
        names = list(table.keys()) if hasattr(table, "keys") else list(table.columns)
        required = ("date", "offence", "sex", "age")
        missing = [c for c in required if c not in names]
        if missing:
            raise InputError(f"TraffickingRecords: the table has no column(s) {missing}")
        optional = (
            "exploitation",
            "route",
            "country_of_origin",
            "iccs",
            "migrant",
            "person_id",
            "source",
        )
        return cls(*(table[c] for c in required), **{c: table[c] for c in optional if c in names})

    def victims(self) -> np.ndarray:
        """Index of one record per distinct person among trafficking records (first seen).

        Examples
        --------
        >>> from dpssec.prevention import TraffickingRecords
        >>> r = TraffickingRecords(["2024-01-05"] * 3, ["tip", "tip", "som"], ["f"] * 3,
        ...                        [20] * 3, person_id=["a", "a", "b"])
        >>> r.victims().tolist()
        [0]
        """
        rows = np.flatnonzero(self.offence == "trafficking")
        _, first = np.unique(self.person_id[rows], return_index=True)
        return np.asarray(rows[np.sort(first)])

    def detected_victims(
        self, by: str | tuple[str, ...] = (), *, age_preset: Any = "crc_children"
    ) -> DetectedVictims:
        """Distinct detected victims of trafficking, in total or by record fields.

        Parameters
        ----------
        by : str or tuple of str
            Fields among ``"sex"``, ``"age_band"``, ``"exploitation"``, ``"migrant"``,
            ``"country_of_origin"``, ``"route"``, ``"source"``.
        age_preset : str or AgeBandPreset
            Age bands for ``"age_band"`` (children under 18 by default); unknown ages are
            ``"unknown"``.

        Returns
        -------
        DetectedVictims
            Counts per group (``result[label]``, a tuple label for several fields;
            ``result["(all)"]`` or ``.total`` the total), ``to_frame()``, ``as_dict()``.

        Raises
        ------
        InputError
            An unknown field.

        Examples
        --------
        >>> from dpssec.prevention import TraffickingRecords
        >>> r = TraffickingRecords(["2024-01-05", "2024-02-01"], ["tip", "tip"], ["f", "m"],
        ...                        [15, 40])
        >>> r.detected_victims("age_band").as_dict()
        {'(all)': 2, 'adults (18+)': 1, 'children (0-17)': 1}
        """
        fields = (by,) if isinstance(by, str) else tuple(by)
        rows = self.victims()
        preset = None
        if "age_band" in fields:
            preset = AgeBandPreset.named(age_preset).name
        groups: list[Any] = []
        counts: list[int] = []
        if fields and rows.size:
            columns = [self._field(f, rows, age_preset) for f in fields]
            keys = list(zip(*(c.tolist() for c in columns), strict=True))
            labels, found = np.unique(
                np.asarray(["\x1f".join(map(str, k)) for k in keys]), return_counts=True
            )
            for label, count in zip(labels.tolist(), found.tolist(), strict=True):
                parts = tuple(label.split("\x1f"))
                groups.append(parts[0] if len(parts) == 1 else parts)
                counts.append(int(count))
        return DetectedVictims(
            by=fields,
            group=tuple(groups),
            count=np.asarray(counts, dtype=int),
            total=int(rows.size),
            age_preset=preset,
        )

    def _field(self, name: str, rows: np.ndarray, preset: Any) -> np.ndarray:
        if name == "age_band":
            ages = self.age[rows]
            known = ~np.isnan(ages)
            bands = np.full(rows.size, "unknown", dtype=object)
            if known.any():
                bands[known] = np.atleast_1d(AgeBandPreset.named(preset).label(ages[known]))
            return bands
        if name not in ("sex", "exploitation", "migrant", "country_of_origin", "route", "source"):
            raise InputError(f"detected_victims: unknown field {name!r}")
        column: np.ndarray = getattr(self, name)[rows]
        return column

    def capture_histories(self) -> tuple[np.ndarray, tuple[str, ...], dict[str, tuple[str, str]]]:
        """Per distinct trafficking victim, 0/1 on each list (``source``), and list periods.

        Returns
        -------
        (histories, lists, periods)
            A (victims x lists) 0/1 array, the list names, and each list's first and last
            record date (ISO text).

        Raises
        ------
        InputError
            No trafficking record, or fewer than 2 lists.

        Examples
        --------
        >>> from dpssec.prevention import TraffickingRecords
        >>> r = TraffickingRecords(["2024-01-05"] * 3, ["tip"] * 3, ["f"] * 3, [20] * 3,
        ...                        person_id=["a", "a", "b"], source=["police", "ngo", "ngo"])
        >>> h, lists, _ = r.capture_histories()
        >>> lists, h.tolist()
        (('ngo', 'police'), [[1, 1], [1, 0]])
        """
        rows = np.flatnonzero(self.offence == "trafficking")
        if rows.size == 0:
            raise InputError("capture_histories: there is no trafficking record")
        person, _ = factorize(self.person_id[rows], "person_id")
        source, names = factorize(self.source[rows], "source")
        if names.size < 2:
            raise InputError(
                f"capture_histories: the records come from {names.size} list(s); multiple "
                "systems estimation needs at least 2 agencies' lists"
            )
        histories = np.zeros((person.max() + 1, names.size), dtype=np.int64)
        histories[person, source] = 1
        dates = self.date[rows]
        periods = {
            str(name): (str(dates[source == k].min()), str(dates[source == k].max()))
            for k, name in enumerate(names.tolist())
        }
        return histories, tuple(str(n) for n in names.tolist()), periods

    def hidden_victims(self, **options: Any) -> Any:
        """Multiple systems estimate of total victims from the agencies' lists.

        Parameters
        ----------
        **options
            Passed to :func:`~dpssec.prevention.multiple_systems_estimate` (``selection``,
            ``interval``, ``max_interactions``...).

        Returns
        -------
        MultipleSystemsResult
            Estimated total victims; the lists' periods are checked for closure.

        Raises
        ------
        InputError
            As :meth:`capture_histories` and the estimator.

        Examples
        --------
        >>> from dpssec.prevention import TraffickingRecords
        >>> ids = [f"p{i}" for i in range(60)]
        >>> people = ids[:40] + ids[25:60]
        >>> sources = ["police"] * 40 + ["ngo"] * 35
        >>> r = TraffickingRecords(["2024-03-01"] * 75, ["tip"] * 75, ["f"] * 75, [30] * 75,
        ...                        person_id=people, source=sources)
        >>> res = r.hidden_victims()
        >>> res.identified, round(res.total.value, 1)
        (60, 93.3)
        """
        from dpssec.prevention.multiple_systems import multiple_systems_estimate

        histories, lists, periods = self.capture_histories()
        return multiple_systems_estimate(
            histories, lists=list(lists), list_periods=periods, **options
        )
