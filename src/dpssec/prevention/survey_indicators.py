"""SDG 16.1.3, 16.1.4 and 5.2.1 from survey microdata with their design (calculators).

The microdata path of the helpers in :mod:`dpssec.prevention.sdg16`: the same indicators,
estimated design-based by :func:`~dpssec.prevention.survey_proportion` (weights, strata, PSUs,
finite population correction; domains without dropping rows; by groups in one call) instead
of from counts with a hand-typed design effect. The definition choices of the SDG metadata
stay explicit and are recorded in ``result.indicator``:

* :func:`violence_prevalence_survey`: 16.1.3, share subjected to physical, psychological or
  sexual violence in the previous 12 months;
* :func:`feeling_safe_share_survey`: 16.1.4, share of adults feeling safe walking alone after
  dark; ``dont_know`` is required (no official rule says whether "don't know" stays in the
  denominator);
* :func:`partner_violence_prevalence_survey`: 5.2.1, among ever-partnered women and girls aged
  15+, share subjected to violence by a current or former intimate partner.

For example:

>>> from dpssec.prevention import SurveyDesign, feeling_safe_share_survey
>>> design = SurveyDesign([1.0] * 5)
>>> r = feeling_safe_share_survey([1, 1, 0, float("nan"), 1], design, dont_know="exclude")
>>> r.value, r.indicator
(0.75, "SDG 16.1.4 feeling safe after dark ('don't know' excluded from the denominator)")
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Choice, Confidence, Scale, calculator
from dpssec.errors import InputError
from dpssec.prevention.sdg16 import SDG_5_2_1, SDG_16_1_3, SDG_16_1_4, VIOLENCE_FORMS
from dpssec.prevention.survey_design import SurveyAnswers, SurveyDesign
from dpssec.prevention.survey_estimators import (
    DONT_KNOW_RULES,
    PROPORTION_METHODS,
    aligned_to_design,
    survey_proportion,
)
from dpssec.prevention.survey_results import SurveyEstimate

__all__ = [
    "feeling_safe_share_survey",
    "partner_violence_prevalence_survey",
    "violence_prevalence_survey",
]

_EXAMPLE_DESIGN = SurveyDesign([120.0, 80.0, 100.0, 90.0, 110.0, 95.0], strata=[1, 1, 1, 2, 2, 2])
_SPECS: dict[str, Any] = {
    "domain": SurveyAnswers(optional=True),
    "method": Choice(PROPORTION_METHODS),
    "confidence": Confidence(),
    "multiplier": Scale(),
    "elementwise": False,
}


def _proportion(name: str, values: Any, design: SurveyDesign, **options: Any) -> SurveyEstimate:
    """:func:`survey_proportion` of the answers given as parameter ``name`` (named in errors)."""
    try:
        result: SurveyEstimate = survey_proportion(values, design, **options)
    except InputError as exc:
        raise InputError(str(exc).replace("parameter 'values'", f"parameter {name!r}")) from None
    return result


@aligned_to_design("victims", "domain", "by")
@calculator(
    victims=SurveyAnswers(),
    form=Choice(VIOLENCE_FORMS, optional=True),
    dont_know=Choice(DONT_KNOW_RULES, optional=True),
    example={"victims": [1, 0, 0, 1, 0, 0], "design": _EXAMPLE_DESIGN},
    **_SPECS,
)
def violence_prevalence_survey(
    victims: Any,
    design: SurveyDesign,
    *,
    form: str | None = None,
    domain: Any = None,
    by: Any = None,
    method: str = "logit",
    confidence: float = 0.95,
    dont_know: str | None = None,
    multiplier: float = 1,
) -> SurveyEstimate:
    """SDG 16.1.3 from microdata: share subjected to violence in the previous 12 months.

    Parameters
    ----------
    victims : array-like
        Per respondent, 1 if subjected to the form of violence in the previous 12 months, 0
        if not, NaN for no answer.
    design : SurveyDesign
    form : {"physical", "psychological", "sexual"}, optional
        The form of violence measured
        (:data:`~dpssec.prevention.sdg16.VIOLENCE_FORMS`), for the label; another word is
        refused.
    domain, by, method, confidence, dont_know, multiplier
        As :func:`~dpssec.prevention.survey_proportion`.

    Returns
    -------
    SurveyEstimate
        Labelled SDG 16.1.3, with the method and treatment of missing answers.

    Raises
    ------
    InputError
        As :func:`~dpssec.prevention.survey_proportion`; a form that is not one of the three.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, violence_prevalence_survey
    >>> d = SurveyDesign([1.0] * 6, strata=[1, 1, 1, 2, 2, 2])
    >>> r = violence_prevalence_survey([1, 0, 0, 1, 0, 0], d, form="physical")
    >>> round(r.value, 4), r.indicator
    (0.3333, 'SDG 16.1.3 share subjected to violence in the previous 12 months (physical)')
    """
    result = _proportion(
        "victims",
        victims,
        design,
        domain=domain,
        by=by,
        method=method,
        confidence=confidence,
        dont_know=dont_know,
        multiplier=multiplier,
    )
    label = "SDG 16.1.3 share subjected to violence in the previous 12 months"
    return attrs.evolve(
        result, indicator=f"{label} ({form})" if form else label, reference=SDG_16_1_3
    )


@aligned_to_design("safe", "domain", "by")
@calculator(
    safe=SurveyAnswers(),
    dont_know=Choice(DONT_KNOW_RULES),
    example={"safe": [1, 0, 1, 1, 0, 1], "design": _EXAMPLE_DESIGN, "dont_know": "exclude"},
    **_SPECS,
)
def feeling_safe_share_survey(
    safe: Any,
    design: SurveyDesign,
    *,
    dont_know: str,
    domain: Any = None,
    by: Any = None,
    method: str = "logit",
    confidence: float = 0.95,
    multiplier: float = 1,
) -> SurveyEstimate:
    """SDG 16.1.4 from microdata: share of adults feeling safe walking alone after dark.

    Parameters
    ----------
    safe : array-like
        Per respondent, 1 for "very safe" or "fairly safe", 0 for "a bit unsafe" or "very
        unsafe", NaN for "don't know" / refused.
    design : SurveyDesign
    dont_know : {"exclude", "include_in_denominator"}
        Required, as :func:`~dpssec.prevention.feeling_safe_share`: no official rule is known
        (Home Office tables exclude "don't know"; Statistics Denmark keeps all persons 15+).
    domain : array-like, optional
        Usually the adults (the indicator is on the adult population).
    by, method, confidence, multiplier
        As :func:`~dpssec.prevention.survey_proportion`.

    Returns
    -------
    SurveyEstimate
        The choice recorded in ``indicator``; the reference marked unverified.

    Raises
    ------
    InputError
        As :func:`~dpssec.prevention.survey_proportion`; a missing ``dont_know``.

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, feeling_safe_share_survey
    >>> d = SurveyDesign([1.0] * 5)
    >>> nan = float("nan")
    >>> feeling_safe_share_survey([1, 1, 0, nan, 1], d, dont_know="include_in_denominator").value
    0.6
    """
    result = _proportion(
        "safe",
        safe,
        design,
        domain=domain,
        by=by,
        method=method,
        confidence=confidence,
        dont_know=dont_know,
        multiplier=multiplier,
    )
    choice = (
        "'don't know' kept in the denominator"
        if dont_know == "include_in_denominator"
        else "'don't know' excluded from the denominator"
    )
    return attrs.evolve(
        result,
        indicator=f"SDG 16.1.4 feeling safe after dark ({choice})",
        reference=SDG_16_1_4.at(
            f"{SDG_16_1_4.clause}; treatment of don't know: {dont_know} (no official rule)",
            verified=False,
        ),
    )


@aligned_to_design("victims", "ever_partnered", "domain", "by")
@calculator(
    victims=SurveyAnswers(),
    ever_partnered=SurveyAnswers(),
    dont_know=Choice(DONT_KNOW_RULES, optional=True),
    example={
        "victims": [1, 0, 0, 1, 0, 0],
        "ever_partnered": [1, 1, 0, 1, 1, 1],
        "design": _EXAMPLE_DESIGN,
    },
    **_SPECS,
)
def partner_violence_prevalence_survey(
    victims: Any,
    ever_partnered: Any,
    design: SurveyDesign,
    *,
    domain: Any = None,
    by: Any = None,
    method: str = "logit",
    confidence: float = 0.95,
    dont_know: str | None = None,
    multiplier: float = 1,
) -> SurveyEstimate:
    """SDG 5.2.1 from microdata: intimate-partner violence among ever-partnered women (15+).

    Parameters
    ----------
    victims : array-like
        Per respondent, 1 if subjected to physical, sexual or psychological violence by a
        current or former intimate partner in the previous 12 months, 0 if not, NaN for no
        answer.
    ever_partnered : array-like
        1 for the ever-partnered women and girls aged 15+ (the indicator's population), 0 for
        other respondents; the others stay in the design (a domain).
    design : SurveyDesign
    domain : array-like, optional
        A further restriction (e.g. a region), combined with ``ever_partnered``.
    by, method, confidence, dont_know, multiplier
        As :func:`~dpssec.prevention.survey_proportion`.

    Returns
    -------
    SurveyEstimate
        Labelled SDG 5.2.1 (reference unverified at computation level).

    Raises
    ------
    InputError
        As :func:`~dpssec.prevention.survey_proportion`; a missing ``ever_partnered`` value; a
        respondent reporting partner violence who is not ever-partnered (naming the row: the
        two columns contradict each other, and dropping the victim would bias the share down).

    Examples
    --------
    >>> from dpssec.prevention import SurveyDesign, partner_violence_prevalence_survey
    >>> d = SurveyDesign([1.0] * 6)
    >>> r = partner_violence_prevalence_survey([1, 0, 0, 1, 0, 0], [1, 1, 0, 1, 1, 0], d)
    >>> r.value, r.sample_size
    (0.5, 4.0)
    >>> partner_violence_prevalence_survey([1, 0, 1, 1, 0, 0], [1, 1, 0, 1, 1, 0], d)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'victims': 1 of 6 respondents report intimate-partner violence but are not ever-partnered (first at index 2); a victim of a partner is ever-partnered: check the two columns
    """
    partnered = np.asarray(ever_partnered, dtype=float)
    if np.isnan(partnered).any():
        raise InputError(
            "parameter 'ever_partnered' has missing values (first at index "
            f"{int(np.argmax(np.isnan(partnered)))}); it defines the indicator's population"
        )
    scope = partnered > 0
    with np.errstate(invalid="ignore"):
        outside = (np.asarray(victims, dtype=float) > 0) & ~scope
    if outside.any():
        raise InputError(
            f"parameter 'victims': {int(outside.sum())} of {outside.size} respondents report "
            "intimate-partner violence but are not ever-partnered (first at index "
            f"{int(np.argmax(outside))}); a victim of a partner is ever-partnered: check the "
            "two columns"
        )
    if not scope.any():
        raise InputError(
            "parameter 'ever_partnered': no respondent has ever had a partner; the indicator's "
            "population is empty"
        )
    if domain is not None:
        extra = np.asarray(domain, dtype=float)
        if np.isnan(extra).any():
            raise InputError("parameter 'domain' has missing values")
        scope = scope & (extra > 0)
    result = _proportion(
        "victims",
        victims,
        design,
        domain=scope.astype(float),
        by=by,
        method=method,
        confidence=confidence,
        dont_know=dont_know,
        multiplier=multiplier,
    )
    return attrs.evolve(
        result,
        indicator="SDG 5.2.1 share of ever-partnered women and girls (15+) subjected to "
        "intimate-partner violence in the previous 12 months",
        reference=SDG_5_2_1,
    )
