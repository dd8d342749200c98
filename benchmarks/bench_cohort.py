"""Release-cohort recidivism at 1, 3 and 5 years: dpssec against lifelines, same data, one run.

A SYNTHETIC cohort of 2,000,000 releases (numpy datetime64 dates over 2010-2019, 65 % with a
first reincarceration after an exponential time, follow-up to 2020-12-31). Each side builds
the follow-up durations and censoring from the dates and estimates 1 − S(t) with its 95 %
log-log interval at 365, 1095 and 1825 days:

* dpssec: ``ReleaseCohort(...)`` (checks and durations) and ``recidivism_rate``;
* lifelines: ``lifelines.utils.datetimes_to_durations`` (events after the fill date are
  censored, as in dpssec) and ``KaplanMeierFitter`` read at the same times.

Both answers are checked to agree before any ratio is printed. Run with
``PYTHONPATH=src python benchmarks/bench_cohort.py``.
"""

from __future__ import annotations

import platform
from typing import Any

import numpy as np
from _timing import best_of

N = 2_000_000
WINDOWS = np.array([365.0, 3 * 365.0, 5 * 365.0])
END = np.datetime64("2020-12-31")


def make_cohort(n: int, seed: int = 2024) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    release = np.datetime64("2010-01-01") + rng.integers(0, 3650, n).astype("timedelta64[D]")
    gap = np.ceil(rng.exponential(1200.0, n)).astype(np.int64).astype("timedelta64[D]")
    event = np.where(rng.random(n) < 0.65, release + gap, np.datetime64("NaT", "D"))
    return release, event.astype("datetime64[D]")


def run_dpssec(release: np.ndarray, event: np.ndarray) -> tuple[np.ndarray, np.ndarray, Any]:
    from dpssec.justice import ReleaseCohort, recidivism_rate

    cohort = ReleaseCohort(release, event, END)
    durations, events = cohort.durations_and_events()
    return durations, events, recidivism_rate(durations, events, follow_up=WINDOWS)


def run_lifelines(release: np.ndarray, event: np.ndarray) -> tuple[np.ndarray, np.ndarray, Any]:
    from lifelines import KaplanMeierFitter
    from lifelines.utils import datetimes_to_durations

    durations, events = datetimes_to_durations(release, event, fill_date=str(END), freq="D")
    kmf = KaplanMeierFitter().fit(durations, events)
    index = np.searchsorted(kmf.timeline, WINDOWS, side="right") - 1
    survival = kmf.survival_function_.iloc[:, 0].to_numpy()[index]
    band = kmf.confidence_interval_survival_function_
    lower = band.iloc[:, 0].to_numpy()[index]
    upper = band.iloc[:, 1].to_numpy()[index]
    return durations, events, (1 - survival, 1 - upper, 1 - lower)


def run_dpssec_km_only(durations: np.ndarray, events: np.ndarray) -> Any:
    from dpssec.justice import recidivism_rate

    return recidivism_rate(durations, events, follow_up=WINDOWS)


def run_lifelines_km_only(durations: np.ndarray, events: np.ndarray) -> Any:
    from lifelines import KaplanMeierFitter

    return KaplanMeierFitter().fit(durations, events)


def main() -> None:
    release, event = make_cohort(N)
    run_dpssec(release[:1000], event[:1000])  # import and warm up both sides
    run_lifelines(release[:1000], event[:1000])

    t_dpssec, (d_ours, e_ours, ours) = best_of(lambda: run_dpssec(release, event), 3)
    t_peer, (d_peer, e_peer, (value, lower, upper)) = best_of(
        lambda: run_lifelines(release, event), 2
    )

    np.testing.assert_array_equal(d_ours, np.asarray(d_peer, dtype=float))
    np.testing.assert_array_equal(e_ours, np.asarray(e_peer, dtype=float))
    np.testing.assert_allclose(ours.value, value, atol=1e-12)
    np.testing.assert_allclose(ours.lower, lower, atol=1e-9)
    np.testing.assert_allclose(ours.upper, upper, atol=1e-9)

    t_km, _ = best_of(lambda: run_dpssec_km_only(d_ours, e_ours), 3)
    t_km_peer, _ = best_of(lambda: run_lifelines_km_only(d_ours, e_ours), 2)

    print(f"release cohort of {N:,} persons, windows {WINDOWS.astype(int).tolist()} days")
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    for label, v, lo, hi in zip(
        ("1 year", "3 years", "5 years"), ours.value, ours.lower, ours.upper, strict=True
    ):
        print(
            f"  recidivism within {label}: {100 * v:.3f} % (95 % CI {100 * lo:.3f} to {100 * hi:.3f})"
        )
    print("dates -> durations -> recidivism at 3 windows (agree to 1e-12):")
    print(f"  dpssec    {t_dpssec:8.3f} s")
    print(f"  lifelines {t_peer:8.3f} s")
    print(f"  ratio     {t_peer / t_dpssec:8.1f}x")
    print("Kaplan-Meier from the same durations only:")
    print(f"  dpssec    {t_km:8.3f} s")
    print(f"  lifelines {t_km_peer:8.3f} s")
    print(f"  ratio     {t_km_peer / t_km:8.1f}x")


if __name__ == "__main__":
    main()
