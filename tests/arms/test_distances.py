"""required_distance / permissible_neq / explain_distance: matrix cases, inverse, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dpssec.arms.storage import (
    AASTP1_2006,
    IATG_02_20_2021,
    DistanceExplanation,
    ExposedSiteKind,
    Orientation,
    PESKind,
    ProtectionLevel,
    explain_distance,
    permissible_neq,
    required_distance,
)
from dpssec.errors import DataQualityWarning, InputError, UnitError
from dpssec.units import Q_
from tests.conftest import compute

ES = ExposedSiteKind
ECM = PESKind.EARTH_COVERED_MAGAZINE


def rd(*args: object, **kwargs: object) -> float:
    return float(required_distance(*args, **kwargs).magnitude)  # type: ignore[arg-type]


def pn(*args: object, **kwargs: object) -> float:
    return float(permissible_neq(*args, **kwargs).magnitude)  # type: ignore[arg-type]


class TestMatrix:
    def test_ibd_default_set_is_iatg(self) -> None:
        e = explain_distance(10_000, "1.1", ES.INHABITED_BUILDING)
        assert e.criteria == "IATG_02_20_2021"
        assert e.d_code == "D13"
        assert e.branch == "22.2·Q^1/3"
        assert e.distance == pytest.approx(22.2 * 10_000 ** (1 / 3))

    def test_ibd_floor_400_for_every_iatg_column(self) -> None:
        # Table D.1: IBD = D13 (> 400 m) from every PES column
        for pes in (PESKind.HEAVY_WALLED_BUILDING, PESKind.BARRICADED_STACK):
            assert rd(1_000, "1.1", "inhabited_building", pes=pes) == 400.0

    def test_aastp_ibd_open_stack_270(self) -> None:
        assert rd(1_000, "1.1", "inhabited_building", criteria=AASTP1_2006) == 270.0
        assert (
            rd(
                1_000,
                "1.1",
                "inhabited_building",
                pes="heavy_walled_building",
                criteria=AASTP1_2006,
            )
            == 400.0
        )

    def test_ptr_density_classes_iatg(self) -> None:
        q = 100_000.0
        ibd = rd(q, "1.1", ES.PUBLIC_TRAFFIC_ROUTE_HIGH)
        medium = rd(q, "1.1", ES.PUBLIC_TRAFFIC_ROUTE_MEDIUM)
        low = rd(q, "1.1", ES.PUBLIC_TRAFFIC_ROUTE_LOW)
        assert ibd == pytest.approx(rd(q, "1.1", ES.INHABITED_BUILDING))
        assert medium / ibd == pytest.approx(14.8 / 22.2)  # 67 %
        assert low / ibd == pytest.approx(0.5)  # 50 %: 11.1·Q^1/3, the "blue line"

    def test_vulnerable_building(self) -> None:
        q = 50_000.0
        assert rd(q, "1.1", ES.VULNERABLE_BUILDING) == pytest.approx(44.4 * q ** (1 / 3))
        # AASTP-1 (2006): 2 x the IBD cell, minima included
        assert rd(1_000, "1.1", ES.VULNERABLE_BUILDING, criteria=AASTP1_2006) == 540.0

    def test_standard_ecm_keeps_d13_and_d11_under_aastp1(self) -> None:
        # §1.3.6.7 b, note n: D14-D17 only for a large ECM (> 500 m³); a standard igloo at
        # 20,000 kg needs D13 = 22.2·Q^1/3 = 602.7 m from its rear and side (audit finding 2)
        kw = {"pes": ECM, "criteria": AASTP1_2006}
        d13 = 22.2 * 20_000 ** (1 / 3)
        for face in ("rear", "side", "front"):
            assert rd(20_000, "1.1", "inhabited_building", orientation=face, **kw) == pytest.approx(
                d13
            )
        assert rd(10_000, "1.1", "public_traffic_route_medium", orientation="side", **kw) == (
            pytest.approx(14.8 * 10_000 ** (1 / 3))
        )
        e = explain_distance(20_000, "1.1", "inhabited_building", orientation="rear", **kw)
        assert e.d_code == "D13" and "large ECM" in e.notes
        # the large-ECM reduction does not exist under IATG 02.20:2021 (standard ECM)
        iatg = {"pes": ECM, "orientation": "rear"}
        assert rd(20_000, "1.1", "inhabited_building", **iatg) == rd(
            20_000, "1.1", "inhabited_building", large_ecm=True, **iatg
        )
        with pytest.raises(InputError, match="large_ecm"):
            rd(1_000, "1.1", "inhabited_building", large_ecm=True)
        with pytest.raises(InputError, match="large_ecm"):
            rd(1_000, "1.1", "inhabited_building", pes=ECM, orientation="rear", large_ecm=1)

    def test_reduced_ecm_distances_up_to_45000_kg(self) -> None:
        kw = {"pes": ECM, "criteria": AASTP1_2006, "large_ecm": True}
        assert rd(30_000, "1.1", "inhabited_building", orientation="rear", **kw) == pytest.approx(
            max(14.0 * 30_000 ** (1 / 3), 400)
        )
        assert rd(30_000, "1.1", "inhabited_building", orientation="side", **kw) == pytest.approx(
            18.0 * 30_000 ** (1 / 3)
        )
        # above 45,000 kg the full D13 applies
        assert rd(50_000, "1.1", "inhabited_building", orientation="rear", **kw) == pytest.approx(
            22.2 * 50_000 ** (1 / 3)
        )
        assert rd(30_000, "1.1", "inhabited_building", orientation="front", **kw) == pytest.approx(
            22.2 * 30_000 ** (1 / 3)
        )
        # PTRD from the side: D17 with its 270 m minimum
        assert rd(10_000, "1.1", "public_traffic_route_medium", orientation="side", **kw) == 270

    def test_row20_column_b_uses_d15(self) -> None:
        e = explain_distance(
            30_000,
            "1.1",
            "inhabited_building",
            pes=ECM,
            orientation="side",
            criteria=AASTP1_2006,
            large_ecm=True,
        )
        assert e.d_code == "D15"
        assert "printed D14" in e.notes
        cell = AASTP1_2006.cells[("1.1", ES.INHABITED_BUILDING, "ecm_side_large")]
        assert "printed D14" in cell.alternatives[0].notes
        assert "large" in cell.column

    def test_ecm_needs_orientation(self) -> None:
        with pytest.raises(InputError, match="orientation is required"):
            required_distance(1_000, "1.1", "inhabited_building", pes=ECM)

    def test_inter_magazine_protection_levels(self) -> None:
        # Table 1 row 14 (barricaded stack ES), column d: D1/D2 (modular bombs), D4, or D7
        kw = {"pes": PESKind.BARRICADED_STACK, "criteria": AASTP1_2006}
        q = 8_000.0
        assert rd(q, "1.1", ES.BARRICADED_STACK, **kw) == pytest.approx(2.4 * q ** (1 / 3))
        assert rd(q, "1.1", ES.BARRICADED_STACK, protection_level="high", **kw) == pytest.approx(
            2.4 * q ** (1 / 3)
        )
        with pytest.raises(InputError, match="not offered"):
            required_distance(q, "1.1", ES.BARRICADED_STACK, protection_level="limited", **kw)
        # row 15 column c: D9 (limited) or D12
        kw = {"pes": PESKind.HEAVY_WALLED_BUILDING, "criteria": AASTP1_2006}
        assert rd(q, "1.1", ES.UNBARRICADED_STACK, **kw) == pytest.approx(22.2 * q ** (1 / 3))
        assert rd(
            q, "1.1", ES.UNBARRICADED_STACK, protection_level=ProtectionLevel.LIMITED, **kw
        ) == pytest.approx(4.8 * q ** (1 / 3))

    def test_pictograph_rows_unverified(self) -> None:
        e = explain_distance(
            5_000, "1.1", ES.OTHER_ECM_HEAVY_DOOR, pes=ECM, orientation="rear", criteria=AASTP1_2006
        )
        assert e.verified is False
        assert "[unverified]" in str(e.reference)
        e = explain_distance(
            5_000, "1.1", ES.IGLOO_7BAR_FRONT, pes=ECM, orientation="rear", criteria=AASTP1_2006
        )
        assert e.verified is True
        assert e.d_code == "D5"  # "D4agh or D5ag": D5 needs no condition h

    def test_annex_ib_permissible_quantities(self) -> None:
        """AASTP-1 (2006) Annex I-B: igloo PES, front towards each exposed site."""
        kw = {"pes": ECM, "orientation": "front", "criteria": AASTP1_2006}
        # barricaded open stack at 65 m: D7
        assert pn(65, "1.1", ES.BARRICADED_STACK, **kw) == np.floor((65 / 2.4) ** 3)
        # light workshop at 260 m: D10 (>= 270 m) -> nothing may be stored
        assert pn(260, "1.1", ES.WORKSHOP_LIGHT_BARRICADED, **kw) == 0.0
        # light-traffic road at 485 m: D11 (>= 270 m)
        assert pn(485, "1.1", ES.PUBLIC_TRAFFIC_ROUTE_MEDIUM, **kw) == np.floor((485 / 14.8) ** 3)
        # curtain-wall office at 900 m: half the distance, then D13 (>= 400 m)
        assert pn(900, "1.1", ES.VULNERABLE_BUILDING, **kw) == np.floor((450 / 22.2) ** 3)

    def test_hd15_is_hd11(self) -> None:
        assert rd(7_000, "1.5", "inhabited_building") == rd(7_000, "1.1", "inhabited_building")

    def test_hd12(self) -> None:
        assert rd(10_000, "1.2.1", "inhabited_building", rounding="table") == 370
        assert rd(10_000, "1.2.2", "inhabited_building", rounding="table") == 145
        # sheltered PES (ECM not facing): fixed 60 m / 30 m (IATG F.1 / G.1)
        kw = {"pes": ECM, "orientation": "rear"}
        assert rd(10_000, "1.2.1", "inhabited_building", **kw) == 60
        assert rd(10_000, "1.2.2", "inhabited_building", **kw) == 30
        assert rd(10_000, "1.2.1", "public_traffic_route_low", **kw) == 0
        # low-density route from an open stack: half the printed D2 column, never negative
        with pytest.warns(DataQualityWarning):
            low = required_distance([0.5, 5, 20], "1.2.1", "public_traffic_route_low").magnitude
        assert low.tolist() == [30.0, 30.0, 30.0]
        assert IATG_02_20_2021.hd12_item_neq_split == 0.136
        assert AASTP1_2006.hd12_item_neq_split == 0.71

    def test_hd13(self) -> None:
        assert rd(100_000, "1.3", "inhabited_building", rounding="table") == 300
        assert rd(100_000, "1.3", "public_traffic_route_medium", rounding="table") == 200
        assert rd(100_000, "1.3", "public_traffic_route_low", rounding="table") == 150

    def test_hd14_fixed(self) -> None:
        values = required_distance([1, 1_000, 1e6], "1.4", "igloo_7bar_front").magnitude
        assert np.all(values == 10.0)
        assert pn(9.0, "1.4", "igloo_7bar_front") == 0.0
        assert pn(10.0, "1.4", "igloo_7bar_front") == np.inf

    def test_hd16(self) -> None:
        """AASTP-1 (2006) Annex I-A Table 4, 1.6N with 1,000 kg munitions: IBD >= 174 m."""
        d = rd(20_000, "1.6", "inhabited_building", item_neq=1_000, criteria=AASTP1_2006)
        assert d == pytest.approx(5.5 * 1_000**0.5)
        assert np.ceil(d) == 174
        d = rd(200_000, "1.6", "inhabited_building", item_neq=1_000, criteria=AASTP1_2006)
        assert d == pytest.approx(6.4 * 200_000 ** (1 / 3))
        e = explain_distance(
            20_000, "1.6", "inhabited_building", item_neq=1_000, criteria=AASTP1_2006
        )
        assert e.d_code == "D13"
        with pytest.raises(InputError, match="item_neq"):
            required_distance(20_000, "1.6", "inhabited_building")
        kw = {"item_neq": 1_000, "criteria": AASTP1_2006}
        assert pn(170, "1.6", "inhabited_building", **kw) == 0.0
        assert pn(300, "1.6", "inhabited_building", **kw) == np.floor((300 / 6.4) ** 3)

    def test_zero_neq_needs_no_distance(self) -> None:
        assert rd(0, "1.1", "inhabited_building") == 0.0
        assert rd(0, "1.4", "inhabited_building") == 0.0


class TestInverse:
    def test_explosives_limit_vector(self) -> None:
        """arms.md §14.12: available IBD 500 m -> floor((500/22.2)^3) = 11,424 kg."""
        assert pn(500, "1.1", "inhabited_building") == 11_424.0
        assert pn(500, "1.1", "inhabited_building", rounding="none") == pytest.approx(
            (500 / 22.2) ** 3
        )

    def test_floor_above_distance_gives_zero(self) -> None:
        assert pn(399.9, "1.1", "inhabited_building") == 0.0
        assert pn(400, "1.1", "inhabited_building") == pytest.approx(np.floor((400 / 22.2) ** 3))

    def test_branches(self) -> None:
        # IATG D11 from a barricaded stack (>= 180 m): 182 m lies on the Q^2/3 branch
        q = pn(182, "1.1", "public_traffic_route_medium", pes="barricaded_stack", rounding="none")
        assert q == pytest.approx(182**1.5)
        # 185 m is above the Q^2/3 end value (184.2 m at 2,500 kg): on the held Q^1/2 branch
        q = pn(185, "1.1", "public_traffic_route_medium", pes="barricaded_stack", rounding="none")
        assert q == pytest.approx((185 / 3.6) ** 2)
        # 240 m on the Q^1/2 branch (2,500-4,500 kg)
        q = pn(240, "1.1", "public_traffic_route_medium", pes="barricaded_stack", rounding="none")
        assert q == pytest.approx((240 / 3.6) ** 2)
        # HD 1.2.1 log-polynomial D2
        q = pn(370, "1.2.1", "inhabited_building", rounding="none")
        assert rd(q, "1.2.1", "inhabited_building") == pytest.approx(370)

    def test_held_branch_plateau(self) -> None:
        # D13 Q^1/2 branch starts at 275.0 m below the Q^2/3 end value 276.3 m: held, so the
        # distance never falls and 276.3 m admits up to (276.3/5.5)^2 kg
        end = 1.5 * 2500 ** (2 / 3)
        assert rd(2_501, "1.1", "public_traffic_route_high", pes="barricaded_stack") == (
            pytest.approx(end)
        )
        e = explain_distance(2_501, "1.1", "public_traffic_route_high", pes="barricaded_stack")
        assert "held" in e.branch
        q = pn(
            end + 0.01, "1.1", "public_traffic_route_high", pes="barricaded_stack", rounding="none"
        )
        assert q == pytest.approx(((end + 0.01) / 5.5) ** 2)

    def test_units(self) -> None:
        assert pn(Q_(500 / 0.3048, "ft"), "1.1", "inhabited_building") == 11_424.0
        assert permissible_neq(500, "1.1", "inhabited_building").units == Q_(1, "kg").units
        with pytest.raises(UnitError, match="distance"):
            permissible_neq(Q_(500, "kg"), "1.1", "inhabited_building")


class TestBoundary:
    def test_scalar_and_array(self) -> None:
        scalar = required_distance(1_000, "1.1", "inhabited_building").magnitude
        assert type(scalar) is float
        array = required_distance([1_000, 2_000], "1.1", "inhabited_building").magnitude
        assert isinstance(array, np.ndarray) and array.shape == (2,)
        assert type(permissible_neq(500, "1.1", "inhabited_building").magnitude) is float

    def test_array_types(self, array_type: object) -> None:
        values = [600.0, 5_000.0, 60_000.0]
        given = array_type(values)  # type: ignore[operator]
        result = required_distance(given, "1.1", "inhabited_building")
        expected = required_distance(np.array(values), "1.1", "inhabited_building")
        if type(given).__name__ == "Series":  # Series in, Series of metres with its index out
            assert result.index.equals(given.index) and result.attrs["units"] == "m"
            np.testing.assert_allclose(result.to_numpy(), expected.magnitude)
            return
        np.testing.assert_allclose(compute(result.magnitude), expected.magnitude)

    def test_series_labels_in_messages(self) -> None:
        pd = pytest.importorskip("pandas")
        neq = pd.Series([1_000.0, -5.0], index=["D1", "D2"])
        with pytest.raises(InputError, match="label 'D2'"):
            required_distance(neq, "1.1", "inhabited_building")

    def test_text_with_units_and_enum_names(self) -> None:
        # "1100 lb" is read as a mass; enum names work as well as values (issue 11)
        text = required_distance("11000 lb", "HD 1.1", "INHABITED_BUILDING", pes="BARRICADED_STACK")
        number = required_distance(
            11000 * 0.45359237, "1.1", "inhabited_building", pes="barricaded_stack"
        )
        assert text.magnitude == pytest.approx(number.magnitude)
        assert permissible_neq("1640.42 ft", "1.1", "inhabited_building").magnitude == 11_424.0

    def test_missing_neq_can_propagate(self) -> None:
        with pytest.warns(DataQualityWarning, match="1 of 2 rows"):
            result = required_distance(
                [1_000.0, np.nan], "1.1", "inhabited_building", nan_policy="propagate"
            )
        assert result.magnitude[0] == 400.0 and np.isnan(result.magnitude[1])

    def test_an_neq_beyond_floats_is_refused(self) -> None:
        # issue 12: 1e308 m used to give an infinite NEQ silently
        with pytest.raises(InputError, match="too large for 64-bit floats"):
            permissible_neq(1e308, "1.1", "inhabited_building")
        # where the distance stops growing with the NEQ, "no limit" is a true answer
        assert (
            permissible_neq(
                300, "1.2.1", "workshop_protected_barricaded", pes="barricaded"
            ).magnitude
            == np.inf
        )

    def test_dask_stays_lazy(self, raise_if_dask_computes: object) -> None:
        da = pytest.importorskip("dask.array")
        q = da.from_array(np.array([600.0, 5_000.0, 60_000.0]), chunks=2)
        with raise_if_dask_computes:  # type: ignore[attr-defined]
            result = required_distance(q, "1.1", "inhabited_building", rounding="table")
            limit = permissible_neq(q, "1.1", "inhabited_building")
        np.testing.assert_allclose(compute(result.magnitude), [400, 400, 870])
        assert compute(limit.magnitude).shape == (3,)

    def test_pounds(self) -> None:
        kg = rd(10_000, "1.1", "inhabited_building")
        assert rd(Q_(10_000 / 0.45359237, "lb"), "1.1", "inhabited_building") == pytest.approx(kg)

    @pytest.mark.parametrize(
        ("neq", "message"),
        [
            ([1_000, -5, 3], "1 of 3 values are negative \\(first at index 1"),
            ([1_000, np.nan], "missing \\(NaN\\).* \\(first at index 1"),
            ([1_000, np.inf], "infinite \\(first at index 1"),
            (["1 t", "five"], "cannot read 'five'"),
            ([1_000, True], "boolean"),
        ],
    )
    def test_bad_neq(self, neq: object, message: str) -> None:
        with pytest.raises(InputError, match=message):
            required_distance(neq, "1.1", "inhabited_building")

    def test_bad_selectors(self) -> None:
        with pytest.raises(InputError, match=r"'division': '1\.7' is not one of"):
            required_distance(1_000, "1.7", "inhabited_building")
        with pytest.raises(
            InputError, match=r"'1\.2' is not one of .* give '1\.2\.1' or '1\.2\.2'"
        ):
            required_distance(1_000, "1.2", "inhabited_building")
        with pytest.raises(InputError, match="'exposed_site': 'school' is not one of"):
            required_distance(1_000, "1.1", "school")
        with pytest.raises(InputError, match="'pes': 'bunker' is not one of"):
            required_distance(1_000, "1.1", "inhabited_building", pes="bunker")
        with pytest.raises(InputError, match="'rounding': 'up' is not one of"):
            required_distance(1_000, "1.1", "inhabited_building", rounding="up")
        with pytest.raises(InputError, match="'criteria': 'DESR' is not one of"):
            required_distance(1_000, "1.1", "inhabited_building", criteria="DESR")
        with pytest.raises(InputError, match="'large_ecm' must be True or False"):
            required_distance(1_000, "1.1", "inhabited_building", large_ecm="yes")
        with pytest.raises(UnitError, match="neq"):
            required_distance(Q_(100, "m"), "1.1", "inhabited_building")
        with pytest.raises(InputError, match="'neq' takes one value"):
            explain_distance([1, 2], "1.1", "inhabited_building")

    def test_small_neq_warns(self) -> None:
        with pytest.warns(DataQualityWarning, match="extreme caution"):
            required_distance([100, 1_000], "1.1", "inhabited_building")
        with pytest.warns(DataQualityWarning, match="special consideration"):
            required_distance(100, "1.1", "inhabited_building", criteria=AASTP1_2006)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            required_distance([0, 600], "1.1", "inhabited_building")
        assert "extreme caution" in explain_distance(100, "1.1", "inhabited_building").caution

    def test_explanation_renders(self) -> None:
        e = explain_distance(10_000, "1.1", "inhabited_building", rounding="table")
        assert isinstance(e, DistanceExplanation)
        assert e.distance == 480.0 and e.raw_distance == pytest.approx(478.28, abs=0.01)
        assert e.table == "Annex D Table D.1"
        assert "IATG 02.20" in str(e)
        assert e.to_dict()["criteria"] == "IATG_02_20_2021"
        e = explain_distance(1_000, "1.1", "inhabited_building", criteria="AASTP1_2006")
        assert e.floor == "table minimum 270 m"
        assert e.orientation == ""
        e = explain_distance(
            1_000, "1.1", "igloo_3bar_front", pes=ECM, orientation=Orientation.FRONT
        )
        assert "IATG" in str(e.reference) and e.verified is True
        assert e.d_code == "D8"


def test_explanations_of_other_divisions() -> None:
    e = explain_distance(5_000, "1.4", "inhabited_building")
    assert (e.d_code, e.distance, e.branch) == ("fixed", 10.0, "fixed distance")
    assert e.verified is False  # 10 m between stores applied to an exterior site
    e = explain_distance(10_000, "1.2.1", "inhabited_building", rounding="table")
    assert e.d_code == "D2" and e.distance == 370.0 and e.table == "Annex F Table F.1"
    with pytest.warns(DataQualityWarning):
        d = required_distance(90, "1.1", "public_traffic_route_medium", pes="barricaded_stack")
    assert d.magnitude == 180.0  # cell minimum (> 180 m) above the 160 m table step
    e = explain_distance(90, "1.1", "public_traffic_route_medium", pes="barricaded_stack")
    assert e.floor == "cell minimum 180 m" and "extreme caution" in e.caution
    e = explain_distance(90, "1.1", "public_traffic_route_low")
    assert e.d_code == "0.5 x D12" and e.floor == ""
    e = explain_distance(0, "1.1", "inhabited_building")
    assert e.distance == 0.0 and e.branch == "no explosives: no distance"


class TestTableRangeWarnings:
    """Audit findings 3, 4, 21: both directions warn outside the printed tables."""

    def test_permissible_neq_in_the_extrapolated_rows_warns(self) -> None:
        # IATG D13 at 232 m lies in the rows below 500 kg (extrapolated from DoDM 6055.09)
        with pytest.warns(DataQualityWarning, match="extreme caution"):
            q = permissible_neq(232, "1.1", "workshop_unbarricaded", pes="heavy_walled_building")
        assert 0 < q.magnitude < 500

    def test_above_the_highest_row_warns_both_ways(self) -> None:
        with pytest.warns(DataQualityWarning, match="above 250000 kg.*Table E.1"):
            required_distance(1e7, "1.1", "inhabited_building")
        with pytest.warns(DataQualityWarning, match="above 500000 kg.*Table H.1"):
            required_distance(6e5, "1.2.1", "inhabited_building")
        with pytest.warns(DataQualityWarning, match="above 250000 kg.*Table 2"):
            required_distance(3e5, "1.2.1", "inhabited_building", criteria=AASTP1_2006)
        with pytest.warns(DataQualityWarning, match="above 250000 kg"):
            permissible_neq(3000, "1.1", "inhabited_building")
        # within the table: no warning (pytest turns a DpssecWarning into an error)
        required_distance(250_000, "1.1", "inhabited_building")
        required_distance(5e5, "1.2.1", "inhabited_building")
        permissible_neq(1000, "1.1", "inhabited_building")

    def test_below_the_lowest_row_warns(self) -> None:
        with pytest.warns(DataQualityWarning, match="below 50 kg, the lowest row"):
            required_distance(10, "1.1", "inhabited_building")
        with pytest.warns(DataQualityWarning, match="below 10 kg: IATG 02.20:2021 Table H.1"):
            required_distance(5, "1.2.2", "inhabited_building")
        # 0 kg is no explosives: 0 m, no warning
        assert required_distance(0, "1.2.2", "inhabited_building").magnitude == 0.0
        assert required_distance(0, "1.1", "inhabited_building").magnitude == 0.0


def test_caution_is_not_repeated_when_the_lowest_row_is_the_threshold() -> None:
    # AASTP-1 HD 1.1: the tables start at 500 kg, which is also the caution threshold
    with pytest.warns(DataQualityWarning) as caught:
        required_distance(100, "1.1", "inhabited_building", criteria=AASTP1_2006)
    (message,) = [str(w.message) for w in caught]
    assert "special consideration" in message and "lowest row" not in message
    # IATG HD 1.1: 10 kg is below both the 500 kg caution and the 50 kg lowest row
    with pytest.warns(DataQualityWarning) as caught:
        required_distance(10, "1.1", "inhabited_building")
    (message,) = [str(w.message) for w in caught]
    assert "extreme caution" in message and "lowest row of IATG 02.20:2021 Table E.1" in message
