"""The design of a sample survey (model layer): weights, strata, PSUs, fpc, lonely PSUs.

:class:`SurveyDesign` holds what a victimisation or violence-against-women survey's microdata
say about how respondents were drawn, in the convention of R's ``survey`` package
(``svydesign``): sampling weights, strata, primary sampling units (clusters), the finite
population correction and the rule for strata with a single PSU; or, instead of strata and
PSUs, replicate weights (jackknife, BRR, bootstrap). The estimators of
:mod:`dpssec.prevention.survey_estimators` read it; the model holds no formula of its own
beyond the layout the variance kernels need (which PSU each row is in, PSUs per stratum,
scale factors).

* PSUs are nested in strata (R's ``nest=TRUE``): the same PSU code in two strata names two PSUs.
* ``fpc`` follows R: per row, the number of PSUs in the population of the row's stratum, or,
  when every value is <= 1, the sampling fraction.
* ``lonely_psu`` follows R's ``options(survey.lonely.psu=)``: ``"fail"`` (the default),
  ``"certainty"`` (the stratum adds nothing to the variance) or ``"centre"`` (R's
  ``"adjust"``: the single PSU is centred at the average PSU total of the whole sample).
* Variances are first-stage (ultimate cluster) linearisation variances, as R computes them when
  only first-stage information is given.

:class:`SurveyValues` and :class:`SurveyAnswers` are the input specifications of survey
variables: unlike other specs they let NaN (an item non-response: "don't know", refused)
reach the estimator, which then applies its explicit, documented treatment; a row is never
dropped from the design.

For example:

>>> from dpssec.prevention import SurveyDesign
>>> design = SurveyDesign([10, 10, 20, 20], strata=["a", "a", "b", "b"], fpc=[40, 40, 60, 60])
>>> design.n_rows, design.n_psus, design.n_strata, design.degrees_of_freedom
(4, 4, 2, 2)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    SPEC_METADATA_KEY,
    Choice,
    Flag,
    Indicator,
    Number,
    Scale,
    example,
    example_by,
    parse_choice,
    register_aliases,
    short_repr,
)
from dpssec.boundary.arrays import Prepared, is_lazy, is_pandas
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "R_SURVEY",
    "DesignLayout",
    "LonelyPsu",
    "ReplicateMethod",
    "SurveyAnswers",
    "SurveyDesign",
    "SurveyValues",
    "check_aligned",
    "refuse_misaligned",
]

R_SURVEY = Reference(
    "Lumley T. survey: analysis of complex survey samples (R package)",
    "version 4.1-1",
    "svydesign, svymean, svytotal, svyratio, svyciprop; options(survey.lonely.psu)",
    url="https://cran.r-project.org/package=survey",
)
"""The reference implementation whose conventions and numbers the survey estimators follow."""


class LonelyPsu(enum.StrEnum):
    """What a stratum with a single PSU contributes to a variance (R's ``survey.lonely.psu``).


    Examples
    --------
    >>> from dpssec.boundary import parse_choice
    >>> from dpssec.prevention import LonelyPsu
    >>> parse_choice("adjust", LonelyPsu, "lonely_psu")
    <LonelyPsu.CENTRE: 'centre'>
    """

    FAIL = "fail"
    CERTAINTY = "certainty"
    CENTRE = "centre"


register_aliases(LonelyPsu, {"adjust": LonelyPsu.CENTRE, "center": LonelyPsu.CENTRE})


class ReplicateMethod(enum.Enum):
    """How replicate weights were built, which fixes the variance scale ``c`` (R's ``scale``).

    Examples
    --------
    >>> from dpssec.prevention import ReplicateMethod
    >>> ReplicateMethod("jk1").value
    'jk1'
    """

    JK1 = "jk1"
    BRR = "brr"
    BOOTSTRAP = "bootstrap"
    CUSTOM = "custom"


register_aliases(ReplicateMethod, {"jackknife": ReplicateMethod.JK1})


# -- input specifications of survey variables --------------------------------------------


@attrs.frozen(kw_only=True)
class SurveyValues(Number):
    """A survey variable, one number per respondent; NaN marks an item non-response.

    The missing values reach the estimator, whose explicit argument (``nan_policy`` or
    ``dont_know``) says what they mean; rows are never dropped, so the design is kept.

    Examples
    --------
    >>> from dpssec.prevention import SurveyValues
    >>> SurveyValues().convert([1.5, float("nan")], "values").tolist()
    [1.5, nan]
    """

    kind: ClassVar[str] = "survey values (numbers; NaN for no answer)"

    def prepare(
        self,
        value: Any,
        name: str,
        *,
        missing_ok: bool = False,
        integers: bool = False,
        index: Any = None,
    ) -> Prepared | None:
        """Convert and check ``value``, letting NaN through (see the class).

        Examples
        --------
        >>> from dpssec.prevention import SurveyAnswers
        >>> SurveyAnswers().prepare([1, float("nan")], "values").missing is None
        True
        """
        prepared = super().prepare(value, name, missing_ok=True, integers=integers, index=index)
        if prepared is not None:
            prepared.missing = None
        return prepared


@attrs.frozen(kw_only=True)
class SurveyAnswers(Indicator):
    """A yes/no survey answer (1/0 or booleans) per respondent; NaN marks "don't know"/refused.

    As :class:`SurveyValues`, missing answers reach the estimator, which treats them as its
    explicit argument says.

    Examples
    --------
    >>> from dpssec.prevention import SurveyAnswers
    >>> SurveyAnswers().convert([True, 0, float("nan")], "values").tolist()
    [1.0, 0.0, nan]
    """

    kind: ClassVar[str] = "answers (0/1 or booleans; NaN for don't know)"

    def prepare(
        self,
        value: Any,
        name: str,
        *,
        missing_ok: bool = False,
        integers: bool = False,
        index: Any = None,
    ) -> Prepared | None:
        """Convert and check ``value``, letting NaN through (see the class).

        Examples
        --------
        >>> from dpssec.prevention import SurveyAnswers
        >>> SurveyAnswers().prepare([1, float("nan")], "values").missing is None
        True
        """
        prepared = super().prepare(value, name, missing_ok=True, integers=integers, index=index)
        if prepared is not None:
            prepared.missing = None
        return prepared


def _label(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def refuse_misaligned(function: str, first: str, a: Any, second: str, b: Any) -> None:
    """Refuse two pandas indexes that differ, naming the labels only in each (or the order).

    Survey columns are matched to the design's rows by label or not at all: matching them
    by position would pair one respondent's answer with another's weight.

    Parameters
    ----------
    function : str
        The caller, for the message.
    first, second : str
        The names of the two arguments.
    a, b : pandas.Index
        Their indexes (assumed to differ).

    Raises
    ------
    InputError
        Always: the labels only in each (at most 5 each), or that the order differs.

    Examples
    --------
    >>> import pandas as pd
    >>> from dpssec.prevention.survey_design import refuse_misaligned
    >>> refuse_misaligned("f", "a", pd.Index([1, 2]), "b", pd.Index([2, 1]))
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: f: the pandas indexes of 'a' and 'b' differ: the same labels in a different order (or repeated); sort both with .sort_index() or reorder 'b' with .reindex()
    """
    in_b, in_a = set(b), set(a)
    only_a = [x for x in a if x not in in_b][:5]
    only_b = [x for x in b if x not in in_a][:5]
    if not only_a and not only_b:
        detail = (
            "the same labels in a different order (or repeated); sort both with .sort_index() "
            f"or reorder {second!r} with .reindex()"
        )
    else:
        detail = (
            f"labels only in {first!r}: {only_a}; labels only in {second!r}: {only_b}; align "
            "them first (keep the rows the design describes)"
        )
    raise InputError(f"{function}: the pandas indexes of {first!r} and {second!r} differ: {detail}")


def check_aligned(design: SurveyDesign, function: str, **columns: Any) -> None:
    """Refuse pandas ``columns`` whose index is not the design's index (when it has one).

    ``by`` may be a mapping of columns; plain sequences and arrays are matched by position.

    Parameters
    ----------
    design : SurveyDesign
    function : str
        The caller, for the message.
    **columns
        The arguments to check, by name.

    Raises
    ------
    InputError
        A pandas column whose labels or their order differ from the design's.

    Examples
    --------
    >>> import pandas as pd
    >>> from dpssec.prevention.survey_design import SurveyDesign, check_aligned
    >>> d = SurveyDesign(pd.Series([1.0, 2.0], index=["r1", "r2"]))
    >>> check_aligned(d, "survey_mean", values=pd.Series([3.0, 4.0], index=["r1", "r3"]))
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: survey_mean: the pandas indexes of 'design' and 'values' differ: labels only in 'design': ['r2']; labels only in 'values': ['r3']; align them first (keep the rows the design describes)
    """
    index = design.index
    if index is None:
        return
    for name, value in columns.items():
        items = value.items() if isinstance(value, Mapping) else [(name, value)]
        for label, column in items:
            if not is_pandas(column) or getattr(column, "ndim", 1) == 0:
                continue
            if not (column.index is index or column.index.equals(index)):
                shown = label if label == name else f"{name}[{label!r}]"
                refuse_misaligned(function, "design", index, shown, column.index)


def _plain(value: Any) -> Any:
    if is_pandas(value):
        return value.to_numpy()
    if is_lazy(value):
        return np.asarray(value)
    return value


def _missing_labels(arr: np.ndarray) -> np.ndarray:
    if arr.dtype.kind == "f":
        return np.asarray(np.isnan(arr))
    if arr.dtype.kind in "iub":
        return np.zeros(arr.shape, dtype=bool)
    if arr.dtype.kind in "US":
        return np.asarray(np.char.strip(arr.astype(str)) == "")
    flat = arr.tolist()
    return np.fromiter(
        (
            item is None
            or (isinstance(item, float) and item != item)
            or (isinstance(item, str) and not item.strip())
            or type(item).__name__ in ("NAType", "NaTType")
            for item in flat
        ),
        dtype=bool,
        count=len(flat),
    )


def factorize(labels: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (0, 1, ...) and the sorted distinct labels of a column of labels.

    Parameters
    ----------
    labels : array-like
        One label per row: text, integers, or a pandas Series / Categorical.
    name : str
        Parameter name for messages.

    Returns
    -------
    (codes, uniques) : (ndarray of intp, ndarray)
        ``uniques[codes]`` gives the labels back.

    Raises
    ------
    InputError
        A missing label (None, NaN, empty text), naming the row; a 2-D input.

    Examples
    --------
    >>> from dpssec.prevention.survey_design import factorize
    >>> codes, uniques = factorize(["m", "f", "m"], "sex")
    >>> codes.tolist(), uniques.tolist()
    ([1, 0, 1], ['f', 'm'])
    """
    index = getattr(labels, "index", None) if is_pandas(labels) else None
    plain = _plain(labels)
    arr = np.asarray(plain, dtype=object) if isinstance(plain, list | tuple) else np.asarray(plain)
    if arr.ndim != 1:
        raise InputError(f"parameter {name!r} takes one label per row; got shape {arr.shape}")
    missing = _missing_labels(arr)
    if missing.any():
        first = int(np.argmax(missing))
        where = f"index {first}" + (f", label {index[first]!r}" if index is not None else "")
        raise InputError(
            f"parameter {name!r}: {int(missing.sum())} of {arr.size} rows have no label (first "
            f"at {where}); every row needs one"
        )
    if arr.dtype.kind in "iu" and arr.size and arr.min() >= 0 and arr.max() < 4 * arr.size + 1024:
        # small non-negative integer codes (PSU and stratum numbers): O(n), no sort
        present = np.bincount(arr) > 0
        codes = (np.cumsum(present) - 1)[arr]
        return codes.astype(np.intp), np.flatnonzero(present).astype(arr.dtype)
    try:
        uniques, codes = np.unique(arr, return_inverse=True)
    except TypeError:  # mixed types (1 and "1"): compare their text
        uniques, codes = np.unique(arr.astype(str), return_inverse=True)
    return codes.astype(np.intp).reshape(-1), uniques


# -- the layout the variance kernels read ------------------------------------------------


_LAYOUT_EQ = attrs.cmp_using(eq=np.array_equal)


@example_by(lambda: SurveyDesign([10, 10, 20, 20], strata=["a", "a", "b", "b"]).layout)
@attrs.frozen
class DesignLayout:
    """Where each row sits in the design, precomputed once (read by the variance kernels).

    Attributes
    ----------
    psu : ndarray of intp
        PSU number (0 .. ``n_psus - 1``) of each row; PSUs are nested in strata.
    stratum_of_psu : ndarray of intp
        Stratum number of each PSU.
    psus_per_stratum : ndarray of intp
        Number of sampled PSUs in each stratum.
    scale : ndarray of float
        Per stratum, the factor of its sum of squares: ``f_h n_h / (n_h - 1)`` with
        ``f_h = 1 - n_h / N_h`` (1 without fpc); for a single-PSU stratum ``f_h`` under
        ``"centre"`` and 0 under ``"certainty"`` or when the stratum is a census (``f_h = 0``).
    lonely : ndarray of bool
        Strata with a single sampled PSU that are not censuses.
    rows_are_psus : bool
        No clusters were given (each row is its own PSU).

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign
    >>> layout = SurveyDesign([1.0] * 4, clusters=["a", "a", "b", "c"]).layout
    >>> layout.psu.tolist(), layout.n_psus
    ([0, 0, 1, 2], 3)
    """

    psu: np.ndarray = attrs.field(eq=_LAYOUT_EQ)
    stratum_of_psu: np.ndarray = attrs.field(eq=_LAYOUT_EQ)
    psus_per_stratum: np.ndarray = attrs.field(eq=_LAYOUT_EQ)
    scale: np.ndarray = attrs.field(eq=_LAYOUT_EQ)
    lonely: np.ndarray = attrs.field(eq=_LAYOUT_EQ)
    rows_are_psus: bool

    @property
    def n_psus(self) -> int:
        return int(self.stratum_of_psu.size)

    @property
    def n_strata(self) -> int:
        return int(self.psus_per_stratum.size)


# -- the model ------------------------------------------------------------------------------

_WEIGHTS = Number(lower=0.0)
_FPC = Number(positive=True)


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr = np.array(arr)
    arr.setflags(write=False)
    return arr


def _weights(value: Any, _self: Any, field: attrs.Attribute[Any]) -> np.ndarray:
    converted = _WEIGHTS.convert(_plain(value), field.name)
    if np.ndim(converted) != 1:
        raise InputError(f"parameter {field.name!r} takes one weight per respondent (a 1-D list)")
    return _readonly(np.asarray(converted, dtype=float))


def _labels(value: Any, _self: Any, field: attrs.Attribute[Any]) -> Any:
    if value is None:
        return None
    plain = _plain(value)
    arr = np.asarray(plain, dtype=object) if isinstance(plain, list | tuple) else np.asarray(plain)
    if arr.ndim != 1:
        raise InputError(f"parameter {field.name!r} takes one label per row; got shape {arr.shape}")
    missing = _missing_labels(arr)
    if missing.any():
        factorize(arr, field.name)  # raises, naming the row
    return _readonly(arr)


def _fpc(value: Any, _self: Any, field: attrs.Attribute[Any]) -> Any:
    if value is None:
        return None
    converted = _FPC.convert(_plain(value), field.name)
    return _readonly(np.atleast_1d(np.asarray(converted, dtype=float)))


def _replicates(value: Any, _self: Any, field: attrs.Attribute[Any]) -> Any:
    if value is None:
        return None
    arr = np.asarray(_plain(value), dtype=object if np.ndim(value) == 0 else None)
    spec = Number(lower=0.0, ndim=(2,))
    converted = np.asarray(spec.convert(arr, field.name), dtype=float)
    return _readonly(converted)


def _refuse_shared_psus(
    cluster_of_psu: np.ndarray,
    cluster: np.ndarray,
    stratum: np.ndarray,
    *,
    names: tuple[np.ndarray, np.ndarray],
) -> None:
    """Refuse a PSU label used in two strata unless ``nest=True`` (R's svydesign check)."""
    shared = np.bincount(cluster_of_psu) > 1
    if not shared.any():
        return
    cluster_names, stratum_names = names
    c = int(np.argmax(shared))
    rows = np.flatnonzero(cluster == c)
    strata = list(dict.fromkeys(_label(stratum_names[h]) for h in stratum[rows].tolist()))
    first: dict[Any, int] = {}
    for row in rows.tolist():
        first.setdefault(_label(stratum_names[stratum[row]]), row)
    where = ", ".join(f"{h!r} (row {first[h]})" for h in strata[:3])
    raise InputError(
        f"SurveyDesign: PSU {_label(cluster_names[c])!r} appears in {len(strata)} strata "
        f"({where}); {int(shared.sum())} PSU label(s) are reused across strata. Clusters are "
        "not nested in strata: if PSU labels restart in each stratum, pass nest=True (R's "
        "svydesign(..., nest=TRUE)); otherwise the strata or PSU codes are wrong"
    )


def _converted(convert: Any, **kwargs: Any) -> Any:
    """An attrs field whose converter receives the field (for messages naming it)."""
    return attrs.field(
        converter=attrs.Converter(convert, takes_self=True, takes_field=True), **kwargs
    )


def _array_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return a.shape == b.shape and bool(np.array_equal(a, b))


_EQ = attrs.cmp_using(eq=_array_eq)


@example([10, 10, 20, 20], strata=["a", "a", "b", "b"], fpc=[40, 40, 60, 60])
@attrs.frozen
class SurveyDesign:
    """A survey's sampling design, as R ``survey::svydesign`` (or ``svrepdesign``) describes it.

    Parameters
    ----------
    weights : array-like
        Sampling (expansion) weight of each respondent, >= 0 [persons represented].
    strata : array-like, optional
        Stratum label of each respondent (text or integers); one stratum when omitted.
    clusters : array-like, optional
        Primary sampling unit (PSU) label of each respondent, nested in strata; each respondent
        is its own PSU when omitted.
    fpc : array-like, optional
        Finite population correction as in R: per row, the number of PSUs in the population of
        the row's stratum; when every value is <= 1, the sampling fraction of the stratum.
        Omitted: sampling with replacement (no correction).
    nest : bool
        PSU labels restart in each stratum (R's ``nest=TRUE``): a PSU is the pair (stratum,
        label). By default a PSU label found in two strata is refused, as R does, since it
        usually means wrong codes.
    lonely_psu : {"fail", "certainty", "centre"}
        Rule for a stratum with a single PSU: refuse the design (default), let it add nothing
        to the variance, or centre it at the average PSU total of the sample (R's
        ``"adjust"``, accepted as a synonym).
    replicate_weights : 2-D array-like, optional
        One column of weights per replicate (rows x replicates), instead of strata and
        clusters: variances then come from the replicates.
    replicate_method : {"jk1", "brr", "bootstrap", "custom"}
        How the replicates were made; fixes the scale ``c`` of
        ``v = c sum_r (theta_r - theta_bar)^2``: ``(R - 1)/R`` for jk1, ``1/R`` for brr and
        bootstrap. ``"custom"`` needs ``replicate_scale``.
    replicate_scale : float, optional
        The scale ``c`` itself (overrides the method's), e.g. R's ``as.svrepdesign`` JK1 scale
        with a finite population correction, ``(R - 1)/R (1 - f)``.
    replicate_mse : bool
        Centre the replicate estimates on the full-sample estimate (R's ``mse=TRUE``) instead
        of their mean (R's default).

    Raises
    ------
    InputError
        Negative or missing weights, all weights 0, a stratum or PSU label missing (naming the
        row), a PSU label in two strata without ``nest=True`` (naming both), lengths that
        differ, an fpc that varies within a stratum or is below the
        number of sampled PSUs (as R, fpc values are fractions only when all are <= 1), a single-PSU stratum under
        ``lonely_psu="fail"`` (naming the stratum and its row), replicate weights together
        with strata or clusters, or of the wrong shape.

    Notes
    -----
    Taylor-linearisation variance of an estimator with linearised values ``u_i`` (already
    multiplied by the weight): PSU totals ``z_hi``, then
    ``v = sum_h f_h n_h / (n_h - 1) sum_i (z_hi - zbar_h)^2`` with ``f_h = 1 - n_h / N_h``
    (Wolter 2007, ch. 6; R ``survey:::onestrat``). Design degrees of freedom: PSUs - strata
    (replicates - 1 for replicate designs).

    References
    ----------
    Lumley T. Analysis of complex survey samples. J Stat Softw 2004;9(8). R package
    ``survey`` 4.1-1, ``svydesign`` and ``surveyoptions``.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign
    >>> d = SurveyDesign([44.21] * 4, strata=["E", "E", "H", "H"], fpc=[4421, 4421, 755, 755])
    >>> d.layout.psus_per_stratum.tolist(), round(float(d.layout.scale[0]), 6)
    ([2, 2], 1.999095)
    >>> SurveyDesign([1, 1, 1], strata=["a", "a", "b"])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: lonely_psu='fail': stratum 'b' has a single PSU (row 2 of 'strata'); choose lonely_psu='certainty' or 'centre' (R's 'adjust'), or merge the stratum with a neighbour
    """

    weights: Any = _converted(
        _weights,
        eq=_EQ,
        metadata={SPEC_METADATA_KEY: _WEIGHTS},
    )
    strata: Any = _converted(
        _labels,
        default=None,
        kw_only=True,
        eq=_EQ,
    )
    clusters: Any = _converted(
        _labels,
        default=None,
        kw_only=True,
        eq=_EQ,
    )
    fpc: Any = _converted(
        _fpc,
        default=None,
        kw_only=True,
        eq=_EQ,
        metadata={SPEC_METADATA_KEY: _FPC},
    )
    lonely_psu: LonelyPsu = Choice(LonelyPsu).field(default="fail", kw_only=True)
    nest: bool = Flag().field(default=False, kw_only=True)
    replicate_weights: Any = _converted(
        _replicates,
        default=None,
        kw_only=True,
        eq=_EQ,
    )
    replicate_method: ReplicateMethod = Choice(ReplicateMethod).field(default="jk1", kw_only=True)
    replicate_scale: float | None = Scale(optional=True).field(default=None, kw_only=True)
    replicate_mse: bool = Flag().field(default=False, kw_only=True)
    layout: DesignLayout = attrs.field(init=False, eq=False, repr=False)
    index: Any = attrs.field(init=False, eq=False, repr=False)
    """The pandas index of the rows when the design was given pandas columns, else None:
    the estimators refuse pandas values whose index differs (labels are not matched by
    position)."""

    def __attrs_pre_init__(self, weights: Any, **options: Any) -> None:
        given = {"weights": weights, **options}
        index: Any = None
        first = ""
        for name in ("weights", "strata", "clusters", "fpc", "replicate_weights"):
            value: Any = given.get(name)
            if not is_pandas(value) or getattr(value, "ndim", 1) == 0:
                continue
            if index is None:
                index, first = value.index, name
            elif not (value.index is index or value.index.equals(index)):
                refuse_misaligned("SurveyDesign", first, index, name, value.index)
        object.__setattr__(self, "index", index)

    def __attrs_post_init__(self) -> None:
        n = self.weights.size
        if n == 0:
            raise InputError("parameter 'weights' is empty; a design needs at least one row")
        for name in ("strata", "clusters"):
            value = getattr(self, name)
            if value is not None and value.size != n:
                raise InputError(
                    f"SurveyDesign: lengths differ: weights has {n} values, {name} {value.size}"
                )
        if not np.any(self.weights > 0):
            raise InputError("parameter 'weights': every weight is 0; nothing is represented")
        if self.replicate_weights is not None:
            self._check_replicates(n)
        object.__setattr__(self, "layout", self._layout(n))

    def _check_replicates(self, n: int) -> None:
        if self.strata is not None or self.clusters is not None or self.fpc is not None:
            raise InputError(
                "SurveyDesign: give replicate_weights or strata/clusters/fpc, not both (the "
                "replicates already carry the design)"
            )
        shape = self.replicate_weights.shape
        if shape[0] != n or shape[1] < 2:
            raise InputError(
                f"parameter 'replicate_weights' must have one row per respondent ({n}) and at "
                f"least 2 replicate columns; got shape {shape}"
            )
        if self.replicate_method is ReplicateMethod.CUSTOM and self.replicate_scale is None:
            raise InputError("replicate_method='custom' needs replicate_scale")

    def _layout(self, n: int) -> DesignLayout:
        if self.strata is None:
            stratum = np.zeros(n, dtype=np.intp)
            stratum_names = np.asarray(["(all)"], dtype=object)
        else:
            stratum, stratum_names = factorize(self.strata, "strata")
        n_strata = stratum_names.size
        rows_are_psus = self.clusters is None
        if rows_are_psus:
            psu = np.arange(n, dtype=np.intp)
            stratum_of_psu = stratum.copy()
        else:
            cluster, cluster_names = factorize(self.clusters, "clusters")
            # PSUs nested in strata: the pair (stratum, cluster) names a PSU
            pair = stratum.astype(np.int64) * cluster_names.size + cluster
            uniques, psu = np.unique(pair, return_inverse=True)
            psu = psu.astype(np.intp).reshape(-1)
            stratum_of_psu = (uniques // cluster_names.size).astype(np.intp)
            if not self.nest and self.strata is not None:
                _refuse_shared_psus(
                    uniques % cluster_names.size,
                    cluster,
                    stratum,
                    names=(cluster_names, stratum_names),
                )
        per_stratum = np.bincount(stratum_of_psu, minlength=n_strata).astype(np.intp)
        correction = self._finite_correction(stratum, n_strata, per_stratum, stratum_names)
        lonely = (per_stratum == 1) & (correction > 1e-7)
        if lonely.any() and self.replicate_weights is None and self.lonely_psu is LonelyPsu.FAIL:
            h = int(np.argmax(lonely))
            row = int(np.argmax(stratum == h))
            raise InputError(
                f"lonely_psu='fail': stratum {short_repr(_label(stratum_names[h]))} has a single "
                f"PSU (row {row} of 'strata'); choose lonely_psu='certainty' or 'centre' (R's "
                "'adjust'), or merge the stratum with a neighbour"
            )
        many = per_stratum > 1
        denominator = np.where(many, per_stratum - 1, 1)
        scale = np.where(many, correction * per_stratum / denominator, correction)
        if self.lonely_psu is not LonelyPsu.CENTRE:
            scale = np.where(lonely, 0.0, scale)
        scale = np.where(correction < 1e-7, 0.0, scale)  # a census stratum has no sampling error
        return DesignLayout(
            psu=_readonly(psu),
            stratum_of_psu=_readonly(stratum_of_psu),
            psus_per_stratum=_readonly(per_stratum),
            scale=_readonly(scale.astype(float)),
            lonely=_readonly(lonely),
            rows_are_psus=rows_are_psus,
        )

    def _finite_correction(
        self, stratum: np.ndarray, n_strata: int, per_stratum: np.ndarray, names: np.ndarray
    ) -> np.ndarray:
        """Per stratum ``f_h = 1 - n_h / N_h`` (1 without fpc)."""
        if self.fpc is None:
            return np.ones(n_strata)
        fpc = self.fpc
        if fpc.size == 1:
            fpc = np.full(stratum.size, float(fpc[0]))
        if fpc.size != stratum.size:
            raise InputError(
                f"SurveyDesign: lengths differ: weights has {stratum.size} values, fpc {fpc.size}"
            )
        low = np.bincount(stratum, weights=fpc, minlength=n_strata) / np.bincount(
            stratum, minlength=n_strata
        )
        varies = np.abs(fpc - low[stratum]) > 1e-9 * np.maximum(1.0, np.abs(fpc))
        if varies.any():
            row = int(np.argmax(varies))
            raise InputError(
                f"parameter 'fpc' varies within stratum {short_repr(_label(names[stratum[row]]))} "
                f"(first at row {row}: {fpc[row]:g}); give one population size (or fraction) per "
                "stratum ('strata')"
            )
        fractions = fpc <= 1  # as R: all <= 1 are sampling fractions, else population sizes
        if fractions.all():
            return 1.0 - low
        short = low < per_stratum
        if short.any():
            h = int(np.argmax(short))
            raise InputError(
                f"parameter 'fpc': stratum {_label(names[h])!r} has {per_stratum[h]} sampled PSUs but a "
                f"population of {low[h]:g}; fpc is the number of PSUs in the population of the "
                "stratum (or the sampling fraction)"
            )
        return 1.0 - per_stratum / low

    # -- named constructors and properties --------------------------------------------------

    @classmethod
    def from_columns(
        cls,
        table: Mapping[str, Any] | Any,
        *,
        weights: str,
        strata: str | None = None,
        clusters: str | None = None,
        fpc: str | None = None,
        lonely_psu: str = "fail",
        nest: bool = False,
    ) -> SurveyDesign:
        """The design of a table of microdata given its column names (dict or DataFrame).

        Raises
        ------
        InputError
            A column that is not in the table, and every error of :class:`SurveyDesign`.

        Examples
        --------
        >>> from dpssec.prevention import SurveyDesign
        >>> table = {"w": [2.0, 2.0, 3.0], "psu": [1, 2, 3]}
        >>> SurveyDesign.from_columns(table, weights="w", clusters="psu").n_psus
        3
        """

        def column(name: str | None) -> Any:
            if name is None:
                return None
            try:
                return table[name]
            except (KeyError, IndexError):
                raise InputError(f"the table has no column {name!r}") from None

        return cls(
            column(weights),
            strata=column(strata),
            clusters=column(clusters),
            fpc=column(fpc),
            lonely_psu=parse_choice(lonely_psu, LonelyPsu, "lonely_psu"),
            nest=nest,
        )

    @property
    def n_rows(self) -> int:
        """Respondents (rows) in the design."""
        return int(self.weights.size)

    @property
    def n_psus(self) -> int:
        """Sampled primary sampling units."""
        return self.layout.n_psus

    @property
    def n_strata(self) -> int:
        """Strata."""
        return self.layout.n_strata

    @property
    def n_replicates(self) -> int:
        """Replicate weight columns (0 for a linearisation design)."""
        return 0 if self.replicate_weights is None else int(self.replicate_weights.shape[1])

    @property
    def degrees_of_freedom(self) -> int:
        """Design degrees of freedom: PSUs - strata, or replicates - 1."""
        if self.replicate_weights is not None:
            return self.n_replicates - 1
        return self.n_psus - self.n_strata

    @property
    def variance_scale(self) -> float:
        """The replicate variance scale ``c`` in use (NaN for a linearisation design)."""
        if self.replicate_weights is None:
            return float("nan")
        if self.replicate_scale is not None:
            return float(self.replicate_scale)
        r = self.n_replicates
        if self.replicate_method is ReplicateMethod.JK1:
            return (r - 1) / r
        return 1.0 / r

    def describe(self) -> str:
        """One line saying what the design is (for reports and the demo).

        Examples
        --------
        >>> from dpssec.prevention import SurveyDesign
        >>> SurveyDesign([1.0, 2.0], clusters=["a", "b"]).describe()
        '2 respondents, 2 PSUs in 1 stratum, with replacement (no fpc), lonely PSUs: fail'
        """
        if self.replicate_weights is not None:
            return (
                f"{self.n_rows} respondents, {self.n_replicates} {self.replicate_method.value} "
                f"replicate weights (scale {self.variance_scale:.6g})"
            )
        strata = f"{self.n_strata} stratum" if self.n_strata == 1 else f"{self.n_strata} strata"
        fpc = "with fpc" if self.fpc is not None else "with replacement (no fpc)"
        return (
            f"{self.n_rows} respondents, {self.n_psus} PSUs in {strata}, {fpc}, lonely PSUs: "
            f"{self.lonely_psu.value}"
        )
