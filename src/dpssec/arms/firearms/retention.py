"""Record retention: how long firearm records must be kept, and which may not be destroyed yet.

Two built-in retention profiles (``arms.md`` §9 of the project reference, both from secondary
sources, hence ``verified=False``):

* ``"ITI"``: manufacturing records at least 30 years, all other records (import, export,
  transfer, holdings) at least 20 years (ITI para 12, quoted in a national report);
* ``"UN Firearms Protocol"``: every record at least 10 years (Art. 7).

CIFTA asks for records "for a reasonable time" (Art. XI, unverified) and gives no number, so it
has no retention profile; a national rule can be given as a custom :class:`RetentionProfile`.

Dates: the period ends on the same calendar day ``years`` later; a record made on 29 February
ends on 1 March when that year has no 29 February, so that no record is kept for less than the
full period. The record must be kept up to and including :func:`retention_until`; it may be
destroyed from the next day on.

For example:

>>> import datetime as dt
>>> from dpssec.arms.firearms import retention_until
>>> retention_until("manufacture", dt.date(2000, 2, 29))
datetime.date(2030, 3, 1)
>>> retention_until("import", dt.date(2004, 2, 29), profile="protocol")
datetime.date(2014, 3, 1)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Date,
    Model,
    Preset,
    Size,
    Text,
    TextLabels,
    calculator,
    example_by,
    parse_choice,
    register_aliases,
    short_repr,
)
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "ITI_RETENTION",
    "PROTOCOL_RETENTION",
    "RETENTION_PROFILE",
    "RETENTION_PROFILES",
    "RecordKind",
    "RetentionCheck",
    "RetentionProfile",
    "add_years",
    "records_to_keep",
    "retention_profile",
    "retention_until",
]


class RecordKind(enum.Enum):
    """Kinds of firearm records (ITI para 12 separates manufacturing records from the rest)."""

    MANUFACTURE = "manufacture"
    IMPORT = "import"
    EXPORT = "export"
    TRANSFER = "transfer"
    HOLDING = "holding"
    OTHER = "other"


register_aliases(
    RecordKind,
    {
        "manufacturing": RecordKind.MANUFACTURE,
        "imports": RecordKind.IMPORT,
        "exports": RecordKind.EXPORT,
        "transit": RecordKind.TRANSFER,
    },
)


def _by_kind(value: Any, name: str, item: Any) -> Mapping[RecordKind, Any]:
    """A mapping of record kinds (members or names) to values, each checked by ``item``."""
    if not isinstance(value, Mapping):
        raise InputError(
            f"parameter {name!r} must map record kinds to {name}; got {short_repr(value)}"
        )
    out: dict[RecordKind, Any] = {}
    for key, given in value.items():
        kind = parse_choice(key, RecordKind, f"{name} (a record kind)")
        out[kind] = item.convert(given, f"{name} ({kind.value})")
    return MappingProxyType(out)


def _profile_name(value: Any) -> str:
    name: str = Text().convert(value, "name")
    return name


def _years(value: Any) -> Mapping[RecordKind, int]:
    return _by_kind(value, "years", Size(lower=0, upper=1_000))


def _references(value: Any) -> Mapping[RecordKind, Reference]:
    return _by_kind(value, "references", Model(Reference))


@example_by("retention_profile")
@attrs.frozen
class RetentionProfile:
    """Minimum retention periods by record kind.

    Attributes
    ----------
    name : str
    years : mapping of RecordKind (or its name) to int
        Minimum period [years] for each kind (0 to 1,000).
    references : mapping of RecordKind to Reference
        The clause setting each period.
    """

    name: str = attrs.field(converter=_profile_name)
    years: Mapping[RecordKind, int] = attrs.field(converter=_years)
    references: Mapping[RecordKind, Reference] = attrs.field(converter=_references)

    def __attrs_post_init__(self) -> None:
        for name in ("years", "references"):
            missing = [k.value for k in RecordKind if k not in getattr(self, name)]
            if missing:
                raise InputError(
                    f"retention profile {self.name!r}: parameter {name!r} has no entry for "
                    f"{missing}"
                )

    @property
    def verified(self) -> bool:
        return all(ref.verified for ref in self.references.values())


_ITI = Reference(
    "International Tracing Instrument (ITI)", "UNGA, adopted 8 Dec 2005", verified=False
)
_PROTOCOL = Reference("UN Firearms Protocol", "2001 (UNTC XVIII-12-c)", "Art. 7", verified=False)

ITI_RETENTION = RetentionProfile(
    "ITI",
    MappingProxyType({k: 30 if k is RecordKind.MANUFACTURE else 20 for k in RecordKind}),
    MappingProxyType(
        {
            k: _ITI.at("para 12(a)") if k is RecordKind.MANUFACTURE else _ITI.at("para 12(b)")
            for k in RecordKind
        }
    ),
)
"""ITI para 12: manufacturing records 30 years, all others 20 [secondary, verified=False]."""

PROTOCOL_RETENTION = RetentionProfile(
    "UN Firearms Protocol",
    MappingProxyType(dict.fromkeys(RecordKind, 10)),
    MappingProxyType(dict.fromkeys(RecordKind, _PROTOCOL)),
)
"""UN Firearms Protocol Art. 7: every record at least 10 years [secondary, verified=False]."""

RETENTION_PROFILES: Mapping[str, RetentionProfile] = MappingProxyType(
    {"ITI": ITI_RETENTION, "UN Firearms Protocol": PROTOCOL_RETENTION}
)


RETENTION_PROFILE = Preset(
    RETENTION_PROFILES,
    RetentionProfile,
    aliases={
        "Protocol": "UN Firearms Protocol",
        "Firearms Protocol": "UN Firearms Protocol",
    },
    hints={
        "CIFTA": "CIFTA asks for records 'for a reasonable time' (Art. XI) without a number "
        "of years; give a RetentionProfile with the national period",
    },
)
"""A ``profile`` parameter: a :class:`RetentionProfile`, or the name of one."""


@calculator(profile=RETENTION_PROFILE, example={"profile": "protocol"})
def retention_profile(profile: str | RetentionProfile) -> RetentionProfile:
    """A retention profile by name (``"ITI"``, ``"UN Firearms Protocol"`` or ``"protocol"``).

    Parameters
    ----------
    profile : str or RetentionProfile

    Returns
    -------
    RetentionProfile

    Raises
    ------
    InputError
        An unknown name; ``"CIFTA"``, which sets no number of years.

    Examples
    --------
    >>> from dpssec.arms.firearms.retention import RecordKind, retention_profile
    >>> retention_profile("protocol").years[RecordKind.EXPORT]
    10
    """
    chosen: RetentionProfile = profile  # type: ignore[assignment]  # parsed by the spec
    return chosen


def add_years(dates: Any, years: Any) -> Any:
    """Add whole years to dates; 29 February moves to 1 March in a common year.

    A kernel on ``datetime64[D]`` arrays (numpy or dask; dask stays lazy).

    Parameters
    ----------
    dates : array_like of datetime64[D]
    years : int or array_like of int

    Returns
    -------
    ndarray of datetime64[D]

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.arms.firearms.retention import add_years
    >>> add_years(np.array(["2000-02-29", "2001-12-31"], dtype="M8[D]"), 1)
    array(['2001-03-01', '2002-12-31'], dtype='datetime64[D]')
    """
    days = dates if hasattr(dates, "astype") else np.asarray(dates, dtype="M8[D]")
    days = days.astype("M8[D]")
    months = days.astype("M8[M]")
    day_of_month = (days - months.astype("M8[D]")).astype(np.int64)
    shifted = months + (np.asarray(years, dtype=np.int64) * 12).astype("m8[M]")
    # 29 Feb + n years in a common year: day 28 after 1 Feb is 1 Mar, never 28 Feb (the full
    # period must have elapsed).
    return shifted.astype("M8[D]") + day_of_month.astype("m8[D]")


@calculator(
    record_kind=Choice(RecordKind),
    created=Date(),
    profile=RETENTION_PROFILE,
    example={
        "record_kind": "export",
        "created": np.array(["2010-06-30", "2000-02-29"], dtype="M8[D]"),
    },
)
def retention_until(
    record_kind: RecordKind | str,
    created: dt.date | str | Sequence[dt.date] | np.ndarray,
    *,
    profile: str | RetentionProfile = "ITI",
) -> Any:
    """The last day a firearm record must be kept.

    Parameters
    ----------
    record_kind : RecordKind or str
        ``"manufacture"``, ``"import"``, ``"export"``, ``"transfer"``, ``"holding"`` or
        ``"other"``.
    created : date, ISO string, or array or Series of them
        When the record was made (or the event it records took place).
    profile : str or RetentionProfile
        ``"ITI"`` (default) or ``"UN Firearms Protocol"``; both unverified presets.

    Returns
    -------
    datetime.date, ndarray of datetime64[D], or Series
        ``created`` plus the profile's period for the kind [years]; the record may be destroyed
        from the day after. A Series in gives a Series with its index.

    Raises
    ------
    InputError
        Unknown kind or profile (CIFTA has no number of years), a number or text that is not
        a date, a date and time, missing dates (NaT, None).

    Notes
    -----
    ITI para 12: 30 years for manufacturing records, 20 for all others; UN Firearms Protocol
    Art. 7: at least 10 years. Both are SECONDARY in the project reference (``arms.md`` §9).

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.arms.firearms import retention_until
    >>> retention_until("export", dt.date(2010, 6, 30))
    datetime.date(2030, 6, 30)
    >>> retention_until("manufacture", ["1999-01-01", "2000-02-29"])
    array(['2029-01-01', '2030-03-01'], dtype='datetime64[D]')
    """
    chosen: RetentionProfile = profile  # type: ignore[assignment]  # parsed by the specs
    return add_years(created, chosen.years[record_kind])  # type: ignore[index]


@example_by("records_to_keep")
@attrs.frozen(eq=False)
class RetentionCheck(ResultMixin):
    """Records that may not be destroyed yet on a given day.

    Attributes
    ----------
    on : datetime.date
        The day of the check.
    profile : str
    record_ids : tuple of str
        The records that must still be kept.
    kinds : tuple of str
    keep_until : tuple of datetime.date
        The last day each must be kept.
    checked : int
        How many records were checked.
    verified : bool
        False when the periods come from an unverified preset.
    """

    on: dt.date
    profile: str
    record_ids: tuple[str, ...]
    kinds: tuple[str, ...]
    keep_until: tuple[dt.date, ...]
    checked: int
    verified: bool

    @property
    def may_destroy(self) -> int:
        """How many of the checked records may be destroyed."""
        return self.checked - len(self.record_ids)

    def _columns(self) -> dict[str, Any]:
        return {
            "record_id": list(self.record_ids),
            "kind": list(self.kinds),
            "keep_until": [d.isoformat() for d in self.keep_until],
        }


@calculator(
    record_ids=TextLabels(),
    record_kinds=TextLabels(),
    created=Date(),
    on=Date(ndim=(0,), aligned=False),
    profile=RETENTION_PROFILE,
    elementwise=False,
    example={
        "record_ids": ["M-1", "I-7", "I-8"],
        "record_kinds": ["manufacture", "import", "import"],
        "created": np.array(["1995-03-01", "2005-02-28", "2005-03-02"], dtype="M8[D]"),
        "on": "2025-03-01",
    },
)
def records_to_keep(
    record_ids: Sequence[str],
    record_kinds: Sequence[RecordKind | str],
    created: Sequence[dt.date | str] | np.ndarray,
    on: dt.date | str,
    *,
    profile: str | RetentionProfile = "ITI",
) -> RetentionCheck:
    """List the records of a register that may not be destroyed on a given day.

    Parameters
    ----------
    record_ids : sequence of str
        Identifiers of the records (a register number, a serial and an event).
    record_kinds : sequence of RecordKind or str
        Kind of each record.
    created : sequence of dates
        When each record was made.
    on : date
        The day destruction is planned.
    profile : str or RetentionProfile

    Returns
    -------
    RetentionCheck
        The records whose :func:`retention_until` is on or after ``on``, in input order.

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.arms.firearms import records_to_keep
    >>> check = records_to_keep(["M-1", "I-7", "I-8"], ["manufacture", "import", "import"],
    ...                         ["1995-03-01", "2005-02-28", "2005-03-02"], "2025-03-01")
    >>> check.record_ids, check.may_destroy
    (('M-1', 'I-8'), 1)
    """
    chosen: RetentionProfile = profile  # type: ignore[assignment]  # parsed by the specs
    # one label or date stands for every record (the decorator checked the lengths)
    id_arr, kind_arr, dates = np.broadcast_arrays(
        *(np.atleast_1d(np.asarray(v)) for v in (record_ids, record_kinds, created))
    )
    ids = [str(i) for i in id_arr.tolist()]
    kinds = [parse_choice(str(k), RecordKind, f"record_kinds[{i}]") for i, k in enumerate(kind_arr)]
    day = np.asarray(on)
    years = np.array([chosen.years[k] for k in kinds], dtype=np.int64)
    until = add_years(dates, years)
    keep = np.flatnonzero(until >= day)
    return RetentionCheck(
        on=day.item(),
        profile=chosen.name,
        record_ids=tuple(ids[i] for i in keep),
        kinds=tuple(kinds[i].value for i in keep),
        keep_until=tuple(until[i].astype(dt.date) for i in keep),
        checked=len(ids),
        verified=chosen.verified,
    )
