"""Regression fitting delegated to statsmodels, behind one small interface.

The evaluation designs build their design matrices (the parametrisation is where the domain
knowledge lies) and hand the fitting to statsmodels, a well-kept library, through
:func:`fit_regression`. statsmodels is imported inside the function so that ``import dpssec``
stays light.

Families (:data:`FAMILIES`):

* ``"poisson"``: GLM, Poisson, log link; the dispersion is fixed at 1;
* ``"quasipoisson"``: the same fit, standard errors multiplied by √φ with φ = Pearson χ²/(n − p)
  (R's ``family=quasipoisson``; statsmodels ``fit(scale="X2")``);
* ``"negative-binomial"``: NB2 (variance μ + αμ²), α and β by maximum likelihood
  (``statsmodels.discrete.discrete_model.NegativeBinomial``; BFGS, then Newton and
  Nelder-Mead when BFGS stops short, as it does on an unscaled time axis); the standard
  errors of β are those of the GLM with α at its estimate (expected information, α
  treated as known), as R's ``MASS::glm.nb`` reports them;
* ``"gaussian"``: ordinary least squares (identity link), Student t intervals.

Covariances: ``"model"`` (the family's own), ``"newey-west"`` (HAC, Bartlett kernel, a stated
number of lags) and ``"cluster"`` (cluster-robust by group).

For example:

>>> import numpy as np
>>> from dpssec.evaluation.regression import fit_regression
>>> x = np.arange(10.0)
>>> exog = np.column_stack([np.ones(10), x])
>>> fit = fit_regression(np.round(20 * np.exp(0.1 * x)), exog, ("intercept", "time"),
...                      family="poisson")
>>> round(float(fit.params[1]), 4), fit.link
(0.1006, 'log')
"""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec.errors import DpssecError, InputError

__all__ = ["FAMILIES", "FittedRegression", "fit_regression", "newey_west_lags"]

_TOL = 1e-12
"""Convergence tolerance of the GLM fits (statsmodels' default 1e-8 leaves standard errors
about 1e-7 from R's converged values)."""

FAMILIES = ("poisson", "quasipoisson", "negative-binomial", "gaussian")
"""Model families accepted by the count and rate designs."""


def newey_west_lags(n: int) -> int:
    """Newey and West's (1994) rule of thumb for the HAC lag: ⌊4 (n/100)^(2/9)⌋ (at least 1)."""
    return max(1, int(np.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))))


@attrs.frozen(eq=False)
class FittedRegression:
    """A fitted regression, reduced to what the designs need.

    Attributes
    ----------
    names : tuple of str
        Column names of the design matrix.
    params : ndarray
        Coefficients.
    cov : ndarray
        Their covariance (scaled, robust or HAC as requested).
    dispersion : float
        φ (quasi-Poisson), α (negative binomial), σ² (Gaussian) or 1 (Poisson).
    df_resid : float
        Residual degrees of freedom.
    use_t : bool
        Whether intervals use Student t (Gaussian) rather than the normal.
    fitted : ndarray
        Fitted means on the response scale.
    residuals : ndarray
        Pearson residuals (response residuals for the Gaussian family).
    link : str
        ``"log"`` or ``"identity"``.
    loglike : float
        Log-likelihood (Poisson likelihood for quasi-Poisson).
    covariance : str
        How ``cov`` was computed, in words.
    """

    names: tuple[str, ...]
    params: np.ndarray
    cov: np.ndarray
    dispersion: float
    df_resid: float
    use_t: bool
    fitted: np.ndarray
    residuals: np.ndarray
    link: str
    loglike: float
    covariance: str

    def standard_error(self, name: str) -> float:
        i = self.names.index(name)
        return float(np.sqrt(self.cov[i, i]))

    def coefficient(self, name: str) -> float:
        return float(self.params[self.names.index(name)])

    def predict(self, exog: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
        """Means for a design matrix (the response scale)."""
        eta = np.asarray(exog @ self.params, dtype=float)
        if offset is not None:
            eta = eta + offset
        return np.asarray(np.exp(eta) if self.link == "log" else eta)


def _cov_options(covariance: str, lags: int | None, groups: Any) -> tuple[str, dict[str, Any]]:
    if covariance == "newey-west" and groups is not None:
        # several series stacked: the lags run within each series (panel HAC)
        return "hac-panel", {"maxlags": int(lags or 1), "groups": np.asarray(groups)}
    if covariance == "newey-west":
        return "HAC", {"maxlags": int(lags if lags is not None else 1)}
    if covariance == "cluster":
        return "cluster", {"groups": np.asarray(groups)}
    return "nonrobust", {}


def _converged(result: Any) -> bool:
    return bool(result.mle_retvals.get("converged", True)) and bool(
        np.all(np.isfinite(result.params)) and np.isfinite(result.llf)
    )


def _fit_negative_binomial(model: Any) -> Any:
    """Maximum likelihood of NB2 (β and α), robust to a poorly scaled design (time 1..n).

    BFGS from the Poisson start (statsmodels' default), polished by Newton (BFGS alone stops
    short on an unscaled time axis, or converges loosely); failing that, Nelder-Mead
    (derivative-free, slow but sure on a few terms) polished by Newton. The first fit that
    converges to finite values is kept.
    """
    first = model.fit(disp=0, maxiter=500)
    candidates = [first] if np.all(np.isfinite(first.params)) else []
    for attempt in range(2):
        for start in candidates:
            polished = model.fit(start_params=start.params, method="newton", maxiter=100, disp=0)
            if _converged(polished):
                return polished
        if attempt == 0 and _converged(first):
            return first
        simplex = model.fit(method="nm", maxiter=20_000, disp=0)
        candidates = [simplex] if np.all(np.isfinite(simplex.params)) else []
    raise InputError(
        "the negative binomial model did not converge (BFGS, Newton and Nelder-Mead tried); "
        "try family='quasipoisson'"
    )


def fit_regression(
    y: Any,
    exog: np.ndarray,
    names: tuple[str, ...],
    *,
    family: str,
    offset: np.ndarray | None = None,
    covariance: str = "model",
    lags: int | None = None,
    groups: Any = None,
    response: str = "the outcome",
) -> FittedRegression:
    """Fit ``y`` on the design ``exog`` with statsmodels.

    Parameters
    ----------
    y : array
        Outcome (counts for the count families).
    exog : ndarray, shape (n, p)
        Design matrix (with its intercept column).
    names : tuple of str
        Column names.
    family : {"poisson", "quasipoisson", "negative-binomial", "gaussian"}
    offset : ndarray, optional
        Log offset (log population) of the log-link families.
    covariance : {"model", "newey-west", "cluster"}
    lags : int, optional
        HAC lags for ``"newey-west"``.
    groups : array, optional
        Cluster labels for ``"cluster"``; with ``"newey-west"``, the series each row belongs
        to (rows of a series contiguous and in time order), for a panel HAC.
    response : str
        What ``y`` is in the calculator's words (``"'counts'"``), named when the fit fails.

    Raises
    ------
    InputError
        A design whose columns are collinear (a term that cannot be estimated); data the
        model cannot be fitted to (values too large for 64-bit floats, a degenerate series).
    """
    import statsmodels.api as sm

    y = np.asarray(y, dtype=float)
    rank = np.linalg.matrix_rank(exog)
    if rank < exog.shape[1]:
        raise InputError(
            f"the model cannot be estimated: its {exog.shape[1]} terms ({', '.join(names)}) are "
            f"not independent (rank {rank}); too few points or a term that never varies"
        )
    cov_type, cov_kwds = _cov_options(covariance, lags, groups)
    described = {
        "model": "model-based",
        "newey-west": f"Newey-West (HAC, Bartlett kernel, {cov_kwds.get('maxlags')} lags)",
        "cluster": "cluster-robust",
    }[covariance]
    try:
        return _fit(sm, y, exog, names, family, offset, cov_type, cov_kwds, described)
    except DpssecError:
        raise
    except (ValueError, ArithmeticError, np.linalg.LinAlgError):
        pass  # statsmodels' own messages speak of its internals
    raise InputError(
        f"the {family} model cannot be fitted to {response}: values too large for 64-bit "
        "floats, or a degenerate series; check the values"
    )


def _fit(
    sm: Any,
    y: np.ndarray,
    exog: np.ndarray,
    names: tuple[str, ...],
    family: str,
    offset: np.ndarray | None,
    cov_type: str,
    cov_kwds: dict[str, Any],
    described: str,
) -> FittedRegression:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # statsmodels' convergence chatter; checked below
        if family in ("poisson", "quasipoisson"):
            model = sm.GLM(y, exog, family=sm.families.Poisson(), offset=offset)
            scale = "X2" if family == "quasipoisson" and cov_type == "nonrobust" else None
            result = model.fit(
                scale=scale, cov_type=cov_type, cov_kwds=cov_kwds or None, tol=_TOL, maxiter=100
            )
            pearson = float(np.sum(result.resid_pearson**2) / result.df_resid)
            dispersion = pearson if family == "quasipoisson" else 1.0
            fitted = np.asarray(result.fittedvalues)
            residuals = np.asarray(result.resid_pearson)
            loglike = float(model.family.loglike(y, fitted, scale=1.0))
            params, cov, df_resid = result.params, result.cov_params(), result.df_resid
            link, use_t = "log", False
        elif family == "negative-binomial":
            from statsmodels.discrete.discrete_model import NegativeBinomial

            joint = _fit_negative_binomial(NegativeBinomial(y, exog, offset=offset))
            alpha = float(joint.params[-1])
            # β and its covariance from the GLM at the fitted α: the same β (the joint maximum),
            # and the expected information with α known, as R's MASS::glm.nb reports it
            family_nb = sm.families.NegativeBinomial(alpha=alpha)
            model = sm.GLM(y, exog, family=family_nb, offset=offset)
            result = model.fit(cov_type=cov_type, cov_kwds=cov_kwds or None, tol=_TOL, maxiter=100)
            params, cov = result.params, result.cov_params()
            fitted = np.asarray(result.fittedvalues)
            residuals = (y - fitted) / np.sqrt(fitted + alpha * fitted**2)
            dispersion, df_resid = alpha, float(len(y) - exog.shape[1] - 1)
            loglike, link, use_t = float(joint.llf), "log", False
        elif family == "gaussian":
            if offset is not None:
                raise InputError("the gaussian family takes no offset")
            result = sm.OLS(y, exog).fit(cov_type=cov_type, cov_kwds=cov_kwds or None)
            params, cov, df_resid = result.params, result.cov_params(), result.df_resid
            fitted = np.asarray(result.fittedvalues)
            residuals = y - fitted
            dispersion = float(result.scale)
            loglike, link, use_t = float(result.llf), "identity", True
        else:  # pragma: no cover - guarded by the calculators' Choice specs
            raise InputError(f"unknown family {family!r}")
    if not np.isfinite(np.asarray(params, dtype=float)).all():
        raise ValueError("the estimates are not finite")
    return FittedRegression(
        names=tuple(names),
        params=np.asarray(params, dtype=float),
        cov=np.asarray(cov, dtype=float),
        dispersion=float(dispersion),
        df_resid=float(df_resid),
        use_t=use_t,
        fitted=np.asarray(fitted, dtype=float),
        residuals=np.asarray(residuals, dtype=float),
        link=link,
        loglike=loglike,
        covariance=described,
    )
