"""Benchmark: check_depot (k-d tree) vs a chunked all-pairs numpy check of the same depot.

A SYNTHETIC national network: 2,000 explosives buildings in 50 depots scattered over a
400 km x 400 km grid, and 200,000 exposed sites (houses, schools, roads, workshops), most
spread over the whole area and some in villages near the depots.

* dpssec: ``check_depot(depot)`` finds the pairs within reach with a k-d tree.
* all pairs: the same check with the pairs found the way a numpy user would without a spatial
  index: for each chunk of buildings, every exposed site's distance, bearing, ECM face and
  required distance (from the same per-building distance table), the per-pair verdict, and
  the pairs within reach.

Both runs must give identical reports, and the all-pairs verdicts (distance < required) must
be exactly the violations of the report. Prints the times and the ratio (target >= 20x).

Run: PYTHONPATH=src /work/venv/bin/python benchmarks/bench_check_depot.py
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from dpssec.arms.storage import (
    AmmunitionStock,
    Depot,
    ExplosivesBuilding,
    ExposedSite,
    HazardDivision,
)
from dpssec.arms.storage.depot_check import check_depot, check_depot_with
from dpssec.arms.storage.models import sector_codes
from dpssec.findings import Severity

N_DEPOTS = 50
BUILDINGS_PER_DEPOT = 40
N_SITES = 200_000
VILLAGE_SITES = 2_000
AREA_M = 400_000.0
CHUNK = 16  # buildings per all-pairs chunk: 16 x 200,000 pairs at a time
REPEATS = 3
HD12_CODES = [list(HazardDivision).index(HazardDivision(v)) for v in ("1.2.1", "1.2.2")]


def build_depot(seed: int = 20210301) -> Depot:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(5_000, AREA_M - 5_000, (N_DEPOTS, 2))
    kinds = ["earth_covered_magazine"] * 10 + ["heavy_walled_building"] * 4
    kinds += ["barricaded_stack"] * 3 + ["unbarricaded_stack"] * 3
    buildings = []
    for d, (cx, cy) in enumerate(centres):
        for j in range(BUILDINGS_PER_DEPOT):
            x = cx + 120.0 * (j % 8) + rng.uniform(-10, 10)
            y = cy + 150.0 * (j // 8) + rng.uniform(-10, 10)
            kind = kinds[int(rng.integers(len(kinds)))]
            mix = rng.uniform()
            neq = float(rng.uniform(1_000, 40_000))
            if mix < 0.70:
                stocks = [AmmunitionStock("HE projectiles", "1.1", "D", neq)]
            elif mix < 0.85:
                stocks = [
                    AmmunitionStock("mortar bombs", "1.2.1", "E", neq / 2, item_neq=0.9),
                    AmmunitionStock("propellant", "1.3", "C", neq / 2),
                ]
            elif mix < 0.95:
                stocks = [AmmunitionStock("propellant", "1.3", "C", neq)]
            else:
                stocks = [
                    AmmunitionStock("HE projectiles", "1.1", "D", neq),
                    AmmunitionStock("cartridges", "1.4", "S", 500.0),
                ]
            azimuth = float(rng.choice([0.0, 90.0, 180.0, 270.0]))
            door = azimuth if kind == "earth_covered_magazine" else None
            buildings.append(
                ExplosivesBuilding(f"D{d}-B{j}", kind, x, y, stocks, door_azimuth=door)
            )
    site_kinds = ["inhabited_building"] * 12 + ["vulnerable_building"]
    site_kinds += ["public_traffic_route_low", "public_traffic_route_medium"] * 2
    site_kinds += ["public_traffic_route_high", "workshop_unbarricaded"]
    xy = rng.uniform(0, AREA_M, (N_SITES, 2))
    near = centres[rng.integers(N_DEPOTS, size=VILLAGE_SITES)]
    angle = rng.uniform(0, 2 * np.pi, VILLAGE_SITES)
    radius = rng.uniform(300, 2_000, VILLAGE_SITES)
    xy[:VILLAGE_SITES] = near + np.c_[radius * np.cos(angle), radius * np.sin(angle)]
    which = rng.integers(len(site_kinds), size=N_SITES)
    sites = [
        ExposedSite(f"E{i}", site_kinds[int(k)], float(x), float(y))
        for i, (k, (x, y)) in enumerate(zip(which, xy, strict=True))
    ]
    return Depot("SYNTHETIC benchmark network", buildings, sites)


class AllPairs:
    """Chunked all-pairs check: the verdict of every building x target pair, by broadcasting.

    For each chunk of buildings: the distance to every target, the bearing and ECM face where
    the building is oriented, the required distance of each assessed division from the same
    per-building table check_depot uses, the verdict (distance < required) and the pairs
    within reach. Building-to-building pairs (2,000 x 2,000) use the package's pair code.
    """

    def __init__(self) -> None:
        self.violations: set[tuple[str, int, int]] = set()

    def __call__(self, geometry: Any, buildings: bool) -> tuple[np.ndarray, np.ndarray]:
        if buildings:
            return self._buildings(geometry)
        sources, targets = geometry.xy, geometry.targets(False)
        reach, kind = geometry.reach(False), geometry.site_kind
        table = geometry._required
        found_source, found_target = [], []
        for start in range(0, len(sources), CHUNK):
            chunk = np.arange(start, min(start + CHUNK, len(sources)), dtype=np.intp)
            dx = targets[None, :, 0] - sources[chunk, 0, None]
            dy = targets[None, :, 1] - sources[chunk, 1, None]
            distance = np.hypot(dx, dy)
            oriented = geometry.oriented[chunk]
            toward = np.mod(np.degrees(np.arctan2(dx[oriented], dy[oriented])), 360.0)
            need = np.full(distance.shape, -np.inf)
            for slot in range(3):
                used = geometry.slot_code[chunk, slot] >= 0
                if not used.any():
                    continue
                codes = np.full(distance.shape, 3, dtype=np.intp)
                if oriented.any():
                    hd12 = np.isin(geometry.slot_code[chunk[oriented], slot], HD12_CODES)
                    front = np.where(hd12, 10.0, 60.0)[:, None]
                    codes[oriented] = sector_codes(
                        geometry.azimuth[chunk[oriented], None], toward, front
                    )
                value = table[chunk[:, None], slot, kind[None, :], codes]
                need = np.where(used[:, None], np.maximum(need, value), need)
            rows, cols = np.nonzero(distance < need)
            self.violations.update(
                ("es", int(s), int(t)) for s, t in zip(chunk[rows], cols, strict=True)
            )
            rows, cols = np.nonzero(distance <= reach[chunk, None])
            found_source.append(chunk[rows])
            found_target.append(cols)
        return np.concatenate(found_source), np.concatenate(found_target)

    def _buildings(self, geometry: Any) -> tuple[np.ndarray, np.ndarray]:
        n = len(geometry.xy)
        reach = geometry.reach(True)
        found_source, found_target = [], []
        for start in range(0, n, 200):
            chunk = np.arange(start, min(start + 200, n), dtype=np.intp)
            source = np.repeat(chunk, n)
            target = np.tile(np.arange(n, dtype=np.intp), len(chunk))
            distance, _, required, _ = geometry.pair_required(source, target, True)
            bad = (distance < required.max(axis=1)) & (source != target)
            self.violations.update(
                ("pes", int(s), int(t)) for s, t in zip(source[bad], target[bad], strict=True)
            )
            within = distance <= reach[source]
            found_source.append(source[within])
            found_target.append(target[within])
        return np.concatenate(found_source), np.concatenate(found_target)


def best_of(func: Any, repeats: int) -> tuple[float, Any]:
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    start = time.perf_counter()
    depot = build_depot()
    print(
        f"built {len(depot.buildings):,} buildings and {len(depot.exposed_sites):,} exposed "
        f"sites in {time.perf_counter() - start:.1f} s"
    )
    fast_time, fast = best_of(lambda: check_depot(depot), REPEATS)
    finder = AllPairs()
    slow_time, slow = best_of(lambda: check_depot_with(depot, finder, "none"), 1)
    if fast != slow:
        raise SystemExit("the two checks disagree")
    index = {b.id: i for i, b in enumerate(depot.buildings)}
    site_index = {s.id: i for i, s in enumerate(depot.exposed_sites)}
    reported = set()
    for f in fast.findings:
        if f.severity is Severity.VIOLATION and f.code.startswith("qd"):
            pes, target = f.details["pes"], f.details["exposed_site"]
            tag = "pes" if f.code == "qd-imd" else "es"
            reported.add((tag, index[pes], index[target] if tag == "pes" else site_index[target]))
    if reported != finder.violations:
        raise SystemExit("the all-pairs verdicts differ from the report's violations")
    pairs = sum("->" in f.subject for f in fast.findings)
    print(
        f"identical reports: {len(fast.findings):,} findings, {pairs:,} pairs within reach, "
        f"{len(fast.violations):,} violations (all-pairs verdicts agree)"
    )
    print(f"check_depot (k-d tree), best of {REPEATS}: {fast_time:8.2f} s")
    print(f"chunked all-pairs numpy check, 1 run:  {slow_time:8.2f} s")
    print(f"ratio: {slow_time / fast_time:.1f}x (target >= 20x)")


if __name__ == "__main__":
    main()
