"""SDG 16 indicators: homicide (16.1.1), violence (16.1.3), feeling safe (16.1.4), trafficking (16.2.2).

Each helper fixes the definition choices the UN metadata leave to the analyst and records them
in the result (``indicator``), so that two observatories publishing "the same" indicator can see
whether they computed the same thing:

* 16.1.1 victims of intentional homicide (ICCS 0101) per 100,000 resident population;
* 16.2.2 is defined on *all* victims of trafficking, but the published series
  (``VC_HTF_DETVR``) count **detected** victims only; :func:`trafficking_victim_rate` takes
  detected victims and says so. An estimate of undetected victims (Multiple Systems Estimation)
  is a different, separately labelled quantity;
* 16.1.3 is a survey proportion (Wilson interval), optionally with a design effect or an
  effective sample size for complex samples;
* 16.1.4 counts "very safe" + "fairly safe"; whether "don't know" stays in the denominator has
  no official rule (national practice differs), so :func:`feeling_safe_share` requires the
  choice;
* 5.2.1 (intimate-partner violence against ever-partnered women and girls aged 15+) is a
  survey proportion like 16.1.3 (:func:`partner_violence_prevalence`).

From survey microdata with their design (weights, strata, PSUs), the same indicators are
computed design-based by :mod:`dpssec.prevention.survey_indicators`
(``violence_prevalence_survey``, ``feeling_safe_share_survey``,
``partner_violence_prevalence_survey``); the helpers here keep the hand-typed design effect.

For example:

>>> from dpssec.data import population
>>> from dpssec.prevention import homicide_rate
>>> r = homicide_rate(113, population("BLZ", 2022))  # Belize 2022, UN WPP 2022 population
>>> round(r.value, 1), r.indicator
(27.8, 'SDG 16.1.1 victims of intentional homicide (ICCS 0101) per 100,000')
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Number,
    Population,
    Scale,
    broadcast,
    calculator,
    not_above,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import InputError
from dpssec.prevention.rates import RATE_OPTIONS, rate_estimate
from dpssec.prevention.results import IndicatorEstimate
from dpssec.references import Reference
from dpssec.stats.intervals import wilson_limits

__all__ = [
    "DONT_KNOW_TREATMENTS",
    "SDG_16_1_1",
    "SDG_16_1_3",
    "SDG_16_1_4",
    "SDG_16_2_2",
    "SDG_5_2_1",
    "VIOLENCE_FORMS",
    "feeling_safe_share",
    "homicide_rate",
    "partner_violence_prevalence",
    "trafficking_victim_rate",
    "violence_prevalence",
]

_METADATA = "UN SDG indicator metadata"
_EDITION = "update 2023-03-31"
_URL = "https://unstats.un.org/sdgs/metadata/"

SDG_16_1_1 = Reference(
    _METADATA,
    _EDITION,
    "16.1.1: victims of intentional homicide / resident population × 100,000",
    url=_URL,
)
SDG_16_1_3 = Reference(
    _METADATA,
    _EDITION,
    "16.1.3: proportion of the population subjected to physical, psychological or sexual "
    "violence in the previous 12 months (definition read; full computation text not checked)",
    url=_URL,
)
SDG_16_1_4 = Reference(
    _METADATA,
    _EDITION,
    "16.1.4: proportion of adults feeling safe walking alone around their area after dark "
    "(very safe + fairly safe)",
    url=_URL,
)
SDG_16_2_2 = Reference(
    _METADATA,
    _EDITION,
    "16.2.2: victims of trafficking in persons per 100,000; published series VC_HTF_DETVR "
    "counts detected victims only (secondary)",
    verified=False,
    url=_URL,
)
SDG_5_2_1 = Reference(
    _METADATA,
    _EDITION,
    "5.2.1: proportion of ever-partnered women and girls aged 15 and older subjected to "
    "physical, sexual or psychological violence by a current or former intimate partner in the "
    "previous 12 months (definition level; computation text not checked)",
    verified=False,
    url=_URL,
)

VIOLENCE_FORMS = ("physical", "psychological", "sexual")
"""The forms of violence SDG 16.1.3 is disaggregated by ((a), (b), (c)); ``form=`` takes one."""

DONT_KNOW_TREATMENTS = ("exclude", "include_in_denominator")
"""The accepted treatments of "don't know" answers in SDG 16.1.4 (``dont_know=``)."""

_SURVEY_OPTIONS: dict[str, Any] = {
    "confidence": Confidence(),
    "design_effect": Number(positive=True, optional=True),
    "effective_sample_size": Number(positive=True, optional=True),
    "multiplier": Scale(),
}
"""The options the two survey shares (16.1.3, 16.1.4) have in common."""


@calculator(
    victims=Count(whole=False),
    population=Population(),
    group_by="by",
    integers=True,
    example={"victims": [7172, 113], "population": [7_933_628, 441_406]},
    **RATE_OPTIONS,
)
def homicide_rate(
    victims: Any,
    population: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    method: str = "auto",
    min_count: float = 0,
    min_population: float = 0,
    by: Any = None,
    keep_suppressed_values: bool = False,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """SDG 16.1.1: victims of intentional homicide per 100,000 population, with an interval.

    Parameters
    ----------
    victims : array-like
        Victims of intentional homicide (ICCS 0101) [persons].
    population : array-like
        Total resident population [persons] (or the population of a sex or age group, for the
        disaggregations).
    multiplier, confidence, method, min_count, min_population, by, keep_suppressed_values
        As :func:`crime_rate` (same defaults): rate per ``multiplier`` persons, confidence
        level, ``"auto"``/``"exact"``/``"byar"`` interval, suppression rule, group labels,
        and whether suppressed rows keep their values.
    nan_policy : {"raise", "propagate", "omit"}
        As :func:`crime_rate`.

    Returns
    -------
    IndicatorEstimate

    Raises
    ------
    InputError
        As :func:`crime_rate`: negative or missing victims, zero or missing populations,
        lengths that differ, an unknown method, a multiplier or threshold that is not a number.
        Messages name ``victims`` and ``population``.

    Notes
    -----
    Criminal-justice counts and public-health ("assault" deaths) counts are separate series;
    use one per analysis.

    References
    ----------
    UN SDG metadata 16.1.1 (update 2023-03-31).

    Examples
    --------
    >>> from dpssec.prevention import homicide_rate
    >>> r = homicide_rate([7172, 113], [7_933_628, 441_406], by=["HND", "BLZ"])
    >>> r.group.tolist(), r.value.round(1).tolist()
    (['BLZ', 'HND'], [25.6, 90.4])
    """
    return rate_estimate(
        victims,
        population,
        multiplier=multiplier,
        confidence=confidence,
        method=method,
        min_count=min_count,
        min_population=min_population,
        by=by,
        keep_suppressed_values=keep_suppressed_values,
        reference=SDG_16_1_1,
        indicator="SDG 16.1.1 victims of intentional homicide (ICCS 0101) per 100,000",
    )


@calculator(
    detected_victims=Count(whole=False),
    population=Population(),
    group_by="by",
    integers=True,
    example={"detected_victims": [120, 4], "population": [3_000_000, 250_000]},
    **RATE_OPTIONS,
)
def trafficking_victim_rate(
    detected_victims: Any,
    population: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    method: str = "auto",
    min_count: float = 0,
    min_population: float = 0,
    by: Any = None,
    keep_suppressed_values: bool = False,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """SDG 16.2.2 as published: **detected** victims of trafficking per 100,000.

    Parameters
    ----------
    detected_victims : array-like
        Victims detected or identified by the authorities [persons]. Not an estimate of all
        victims.
    population : array-like
        Resident population [persons].
    multiplier, confidence, method, min_count, min_population, by, keep_suppressed_values
        As :func:`crime_rate` (same defaults).
    nan_policy : {"raise", "propagate", "omit"}
        As :func:`crime_rate`.

    Returns
    -------
    IndicatorEstimate
        The detected-victims rate, labelled as such in ``indicator``.

    Raises
    ------
    InputError
        As :func:`crime_rate`; messages name ``detected_victims`` and ``population``.

    Notes
    -----
    The UN definition of 16.2.2 is on all victims (detected + undetected), the undetected part
    to be estimated by Multiple Systems Estimation; the UN SDG database series
    ``VC_HTF_DETVR`` is the detected-victims rate, which is what this computes. Counts of
    detected victims reflect detection effort as much as prevalence.

    Examples
    --------
    >>> from dpssec.prevention import trafficking_victim_rate
    >>> r = trafficking_victim_rate(120, 3_000_000)
    >>> round(r.value, 2), r.indicator
    (4.0, 'SDG 16.2.2 detected_victims_rate: detected victims of trafficking per 100,000 (not all victims)')
    """
    return rate_estimate(
        detected_victims,
        population,
        multiplier=multiplier,
        confidence=confidence,
        method=method,
        min_count=min_count,
        min_population=min_population,
        by=by,
        keep_suppressed_values=keep_suppressed_values,
        reference=SDG_16_2_2,
        indicator=(
            "SDG 16.2.2 detected_victims_rate: detected victims of trafficking per 100,000 "
            "(not all victims)"
        ),
    )


def _survey_share(
    count: Any,
    total: Any,
    *,
    confidence: float,
    design_effect: Any,
    effective_sample_size: Any,
    multiplier: float,
    indicator: str,
    reference: Reference,
) -> IndicatorEstimate:
    """The Wilson share ``count / total`` on checked magnitudes (kernel of both shares)."""
    count, total = broadcast(count, total)
    share = count / total
    if design_effect is not None and effective_sample_size is not None:
        raise InputError("give design_effect or effective_sample_size, not both")
    if design_effect is not None:
        n_eff = total / design_effect
        method = "wilson (effective sample size = n / design effect)"
    elif effective_sample_size is not None:
        _, n_eff = broadcast(share, effective_sample_size)
        method = "wilson (given effective sample size)"
    else:
        n_eff = total
        method = "wilson"
    lower, upper = wilson_limits(share * n_eff, n_eff, confidence)
    return IndicatorEstimate(
        value=share * multiplier,
        lower=lower * multiplier,
        upper=upper * multiplier,
        confidence=confidence,
        method=method,
        numerator=count,
        denominator=total,
        multiplier=multiplier,
        indicator=indicator,
        reference=reference,
    )


@calculator(
    victims=Count(whole=False),
    respondents=Population(),
    relations=[not_above("victims", "respondents")],
    form=Choice(VIOLENCE_FORMS, optional=True),
    integers=True,
    example={"victims": [65, 12], "respondents": [100, 80]},
    **_SURVEY_OPTIONS,
)
def violence_prevalence(
    victims: Any,
    respondents: Any,
    *,
    confidence: float = 0.95,
    design_effect: Any = None,
    effective_sample_size: Any = None,
    multiplier: float = 1,
    form: str | None = None,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """SDG 16.1.3: share of respondents subjected to violence in the last 12 months.

    Parameters
    ----------
    victims : array-like
        Respondents reporting the form of violence [persons] (a weighted total is accepted).
    respondents : array-like
        Respondents asked [persons] (weighted total, same weights).
    confidence : float
        Confidence level (0.95 or 95).
    design_effect : array-like, optional
        Design effect of the survey (> 0); the interval then uses ``n_eff = n / deff``.
    effective_sample_size : array-like, optional
        ``n_eff`` directly, e.g. ``p(1 − p)/v`` from a design-based variance ``v``.
    multiplier : float
        1 for a proportion, 100 for percent.
    form : {"physical", "psychological", "sexual"}, optional
        The form of violence measured (:data:`VIOLENCE_FORMS`, the indicator's (a), (b), (c)),
        for the label; any other word is refused.
    nan_policy : {"raise", "propagate"}
        Missing answers refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    IndicatorEstimate
        ``value`` = victims / respondents × multiplier with a Wilson interval.

    Raises
    ------
    InputError
        Negative counts, zero respondents, victims above respondents, both design arguments,
        a form that is not one of the three.

    Notes
    -----
    Wilson score interval on ``p`` with ``n_eff`` trials (``statistics.md`` §3,
    ``prevention.md`` §8): for a complex survey, weighted ``p``, design variance ``v``,
    ``n_eff = p(1 − p)/v``. Without a design argument the respondents are treated as a simple
    random sample.

    Examples
    --------
    >>> from dpssec.prevention import violence_prevalence
    >>> p = violence_prevalence(65, 100)
    >>> round(p.lower, 6), round(p.upper, 6)
    (0.552544, 0.736358)
    >>> round(violence_prevalence(65, 100, design_effect=2).lower, 4)
    0.5114
    """
    label = "SDG 16.1.3 share subjected to violence in the previous 12 months"
    return _survey_share(
        victims,
        respondents,
        confidence=confidence,
        design_effect=design_effect,
        effective_sample_size=effective_sample_size,
        multiplier=multiplier,
        indicator=f"{label} ({form})" if form else label,
        reference=SDG_16_1_3,
    )


@calculator(
    safe=Count(whole=False),
    unsafe=Count(whole=False),
    unknown=Count(whole=False),
    dont_know=Choice(DONT_KNOW_TREATMENTS),
    integers=True,
    example={
        "safe": [600, 300],
        "unsafe": [300, 150],
        "unknown": [100, 50],
        "dont_know": "exclude",
    },
    **_SURVEY_OPTIONS,
)
def feeling_safe_share(
    safe: Any,
    unsafe: Any,
    unknown: Any,
    *,
    dont_know: str,
    confidence: float = 0.95,
    design_effect: Any = None,
    effective_sample_size: Any = None,
    multiplier: float = 1,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """SDG 16.1.4: share of adults feeling safe walking alone in their area after dark.

    Parameters
    ----------
    safe : array-like
        Answers "very safe" + "fairly safe" [persons].
    unsafe : array-like
        Answers "a bit unsafe" + "very unsafe" [persons].
    unknown : array-like
        Answers "don't know" (and refusals, if the survey records them so) [persons].
    dont_know : {"exclude", "include_in_denominator"}
        Required: drop "don't know" from the denominator (Home Office practice) or keep it
        (Statistics Denmark divides by all persons aged 15+). No official rule is known.
    confidence, design_effect, effective_sample_size, multiplier, nan_policy
        As :func:`violence_prevalence`.

    Returns
    -------
    IndicatorEstimate
        The share with a Wilson interval; the choice is recorded in ``indicator`` and the
        reference is marked unverified.

    Raises
    ------
    InputError
        An unknown ``dont_know``, negative answers, rows whose denominator
        (``safe + unsafe``, plus ``unknown`` when kept) is 0, both design arguments, a
        multiplier that is not a positive number.

    Examples
    --------
    >>> from dpssec.prevention import feeling_safe_share
    >>> a = feeling_safe_share(600, 300, 100, dont_know="exclude")
    >>> b = feeling_safe_share(600, 300, 100, dont_know="include_in_denominator")
    >>> round(a.value, 4), round(b.value, 4)
    (0.6667, 0.6)
    >>> b.indicator
    "SDG 16.1.4 feeling safe after dark ('don't know' kept in the denominator)"
    """
    kept = dont_know == "include_in_denominator"
    total = safe + unsafe + unknown if kept else safe + unsafe
    denominator = "safe + unsafe + unknown" if kept else "safe + unsafe"
    if not is_lazy(total) and np.any(np.asarray(total) <= 0):
        empty = np.atleast_1d(np.asarray(total) <= 0)
        raise InputError(
            f"{denominator} is 0 in {int(empty.sum())} of {empty.size} rows (first at index "
            f"{int(np.argmax(empty))}; dont_know={dont_know!r}): no answers to take a share of"
        )
    choice = (
        "'don't know' kept in the denominator"
        if dont_know == "include_in_denominator"
        else "'don't know' excluded from the denominator"
    )
    return _survey_share(
        safe,
        total,
        confidence=confidence,
        design_effect=design_effect,
        effective_sample_size=effective_sample_size,
        multiplier=multiplier,
        indicator=f"SDG 16.1.4 feeling safe after dark ({choice})",
        reference=SDG_16_1_4.at(
            f"{SDG_16_1_4.clause}; treatment of don't know: {dont_know} (no official rule)",
            verified=False,
        ),
    )


@calculator(
    victims=Count(whole=False),
    respondents=Population(),
    relations=[not_above("victims", "respondents")],
    integers=True,
    example={"victims": [65, 12], "respondents": [100, 80]},
    **_SURVEY_OPTIONS,
)
def partner_violence_prevalence(
    victims: Any,
    respondents: Any,
    *,
    confidence: float = 0.95,
    design_effect: Any = None,
    effective_sample_size: Any = None,
    multiplier: float = 1,
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """SDG 5.2.1: share of ever-partnered women and girls (15+) subjected to partner violence.

    Parameters
    ----------
    victims : array-like
        Ever-partnered women and girls aged 15+ reporting physical, sexual or psychological
        violence by a current or former intimate partner in the previous 12 months [persons].
    respondents : array-like
        Ever-partnered women and girls aged 15+ asked [persons].
    confidence, design_effect, effective_sample_size, multiplier
        As :func:`violence_prevalence` (Wilson interval; hand-typed design effect).

    Returns
    -------
    IndicatorEstimate
        Labelled SDG 5.2.1, with its (unverified) reference.

    Raises
    ------
    InputError
        As :func:`violence_prevalence`.

    Examples
    --------
    >>> from dpssec.prevention import partner_violence_prevalence
    >>> r = partner_violence_prevalence(65, 100)
    >>> round(r.lower, 6), r.indicator[:9]
    (0.552544, 'SDG 5.2.1')
    """
    result: IndicatorEstimate = violence_prevalence.kernel(  # type: ignore[attr-defined]
        victims,
        respondents,
        confidence=confidence,
        design_effect=design_effect,
        effective_sample_size=effective_sample_size,
        multiplier=multiplier,
    )
    return attrs.evolve(
        result,
        indicator="SDG 5.2.1 share of ever-partnered women and girls (15+) subjected to "
        "intimate-partner violence in the previous 12 months",
        reference=SDG_5_2_1,
    )
