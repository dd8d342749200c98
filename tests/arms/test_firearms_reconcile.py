"""Inventory reconciliation: every category, the properties, and a pandas-merge oracle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.arms.firearms import (
    FirearmRecord,
    FirearmRegister,
    FirearmStatus,
    InventoryReconciliation,
    identity_kernels,
    read_register,
    reconcile_inventory,
)
from dpssec.errors import DataQualityWarning, InputError, SchemaError
from dpssec.findings import Severity

DATA = Path(__file__).parents[1] / "data" / "arms"


@pytest.fixture
def example() -> InventoryReconciliation:
    register = read_register(DATA / "firearms_register.csv")
    counted = read_register(DATA / "firearms_count.csv")
    return reconcile_inventory(register, counted)


def test_example_files_every_category(example: InventoryReconciliation) -> None:
    # see tests/data/arms/firearms_README.md for what each row holds
    assert example.missing_rows == (3, 4)
    assert [r.serial_number for r in example.missing] == ["BRT-BO771", "TRS-55120"]
    assert example.unregistered_rows == (3, 7)
    assert [r.serial_number for r in example.unregistered] == ["BRT-B0771", "RUG-77001"]
    (conflict,) = example.status_conflicts
    assert (conflict.register_row, conflict.counted_row) == (5, 4)
    assert conflict.reason == "recorded destroyed but counted"
    assert conflict.record.status is FirearmStatus.DESTROYED
    (near,) = example.near_matches
    assert (near.register_row, near.counted_row) == (3, 3)
    assert "O/0" in near.reason
    (dup,) = example.duplicates
    assert (dup.source, dup.serial_number, dup.manufacturer, dup.rows) == (
        "register",
        "CZA0042",
        "CZ",
        (6, 7),
    )
    assert example.matched == 4
    assert (example.register_size, example.counted_size) == (8, 7)
    assert not example.ok


def test_summary_report_and_rendering(example: InventoryReconciliation) -> None:
    assert example.summary()["missing"] == 2
    report = example.report()
    codes = [f.code for f in report.findings]
    assert codes.count("weapon-missing") == 2 and codes.count("weapon-unregistered") == 2
    assert {"status-conflict", "duplicate-serial", "near-match"} <= set(codes)
    near = next(f for f in report.findings if f.code == "near-match")
    assert near.severity is Severity.INFO
    assert all(f.verified is False for f in report.findings)
    text = str(example)
    assert "near matches (review)" in text and "missing" in text
    frame = example.to_frame()  # one row per record, keyed by table and row
    assert list(frame.index.names) == ["source", "row"]
    assert (frame["category"] == "unregistered").sum() == 2
    assert (frame["category"] == "matched").sum() == example.matched
    assert len(frame) == example.matched + 2 * 2 + len(example.status_conflicts)
    conflict = frame[frame["category"] == "status conflict"].iloc[0]
    assert conflict["matched_row"] == example.status_conflicts[0].counted_row
    assert any("near match" in note for note in frame["note"])


def test_depot_count_flags_issued_weapons(example: InventoryReconciliation) -> None:
    register = read_register(DATA / "firearms_register.csv")
    counted = read_register(DATA / "firearms_count.csv")
    depot = reconcile_inventory(register, counted, expected_statuses=["in stock"])
    reasons = sorted(c.reason for c in depot.status_conflicts)
    assert reasons == ["recorded destroyed but counted", "recorded issued but counted"]
    assert depot.matched == example.matched - 1
    assert depot.expected_statuses == ("in stock",)
    with pytest.raises(InputError, match=r"'expected_statuses\[0\]': 'kept' is not one of"):
        reconcile_inventory(register, counted, expected_statuses=["kept"])
    one = reconcile_inventory(register, counted, expected_statuses="in stock")
    assert one.expected_statuses == ("in stock",)


def rec(serial: str, maker: str = "Glock", model: str = "17", **kw: object) -> FirearmRecord:
    return FirearmRecord(serial, maker, model, **kw)  # type: ignore[arg-type]


def test_normalised_identity() -> None:
    register = [rec("ab-12/34"), rec("X 1", "Smith & Wesson", "M&P 9")]
    counted = [rec("AB1234", "GLOCK"), rec("x-1", "smith&wesson", "m&p9")]
    result = reconcile_inventory(register, counted)
    assert result.ok and result.matched == 2
    other_model = reconcile_inventory([rec("A1", model="17")], [rec("A1", model="19")])
    assert len(other_model.missing) == len(other_model.unregistered) == 1


def test_same_serial_and_maker_with_another_model_is_a_near_match() -> None:
    # A model typo must not leave the analyst chasing a "missing" weapon standing in the rack.
    result = reconcile_inventory(
        [rec("A1", model="17"), rec("CZ-7", "CZ", "75 B")],
        [rec("a-1", model="19"), rec("CZ7", "CZ", "75")],
    )
    assert len(result.missing) == len(result.unregistered) == 2  # still listed: a person decides
    assert [(n.register_row, n.counted_row, n.reason) for n in result.near_matches] == [
        (1, 1, "same serial and maker, model differs: '17' vs '19'"),
        (2, 2, "same serial and maker, model differs: '75 B' vs '75'"),
    ]
    near = [f.message for f in result.report().findings if f.code == "near-match"]
    assert len(near) == 2 and all("model differs" in m for m in near)


def test_near_matches_need_a_close_serial_or_the_same_model() -> None:
    # Serial confusable and model different at once: too far apart to suggest.
    result = reconcile_inventory([rec("AB0123", model="17")], [rec("ABO123", model="19")])
    assert result.near_matches == ()
    other_maker = reconcile_inventory([rec("A1", model="17")], [rec("A1", "Beretta", "19")])
    assert other_maker.near_matches == ()


def test_identical_rows_are_refused_but_copies_are_matched_one_to_one() -> None:
    with pytest.raises(SchemaError, match="row 2 repeats row 1"):
        reconcile_inventory([rec("A1")], [rec("A1"), rec("a-1")])
    register = [rec("A1", location="x"), rec("A1", location="y"), rec("B2")]
    result = reconcile_inventory(register, [rec("A1"), rec("B2")])
    assert result.missing_rows == (2,)
    assert [d.rows for d in result.duplicates] == [(1, 2)]
    counted_twice = reconcile_inventory([rec("A1")], [rec("A1"), rec("a-1", location="b")])
    assert counted_twice.unregistered_rows == (2,)
    assert [(d.source, d.rows) for d in counted_twice.duplicates] == [("count", (1, 2))]


def test_conflicts_prefer_an_expected_copy() -> None:
    register = [rec("A1", status="destroyed"), rec("A1", status="in stock", location="b")]
    result = reconcile_inventory(register, [rec("A1")])
    assert result.status_conflicts == () and result.missing == ()
    both = reconcile_inventory(register, [rec("A1"), rec("A1", location="b")])
    assert [c.register_row for c in both.status_conflicts] == [1]


@pytest.mark.parametrize(
    "status", [FirearmStatus.DESTROYED, FirearmStatus.TRANSFERRED, FirearmStatus.LOST_OR_STOLEN]
)
def test_every_unexpected_status_is_a_conflict_and_never_missing(status: FirearmStatus) -> None:
    counted = reconcile_inventory([rec("A1", status=status)], [rec("A1")])
    assert [c.reason for c in counted.status_conflicts] == [f"recorded {status.value} but counted"]
    assert counted.unregistered == ()
    absent = reconcile_inventory([rec("A1", status=status), rec("B1")], [rec("B1")])
    assert absent.ok


@pytest.mark.parametrize(
    ("registered", "counted", "near"),
    [("AB0123", "ABO123", True), ("1I1O", "I110", True), ("S-OI", "s 01", True),
     ("AB0123", "AB0124", False), ("AB0123", "AB8123", False), ("AB0123", "ABQ123", False)],
)  # fmt: skip
def test_near_matches_only_for_o0_and_i1(registered: str, counted: str, near: bool) -> None:
    result = reconcile_inventory([rec(registered)], [rec(counted)])
    assert len(result.missing) == len(result.unregistered) == 1
    assert bool(result.near_matches) is near


def test_near_matches_need_the_same_maker_and_model() -> None:
    result = reconcile_inventory([rec("AB0123")], [rec("ABO123", "Beretta")])
    assert result.near_matches == ()


def test_empty_tables_are_reconciled_with_a_warning() -> None:
    with pytest.warns(DataQualityWarning, match="has no records") as caught:
        assert reconcile_inventory([], []).ok
    assert sorted(str(w.message).split(" has")[0] for w in caught) == ["count", "register"]
    with pytest.warns(DataQualityWarning, match="count has no records.*reported missing"):
        result = reconcile_inventory([rec("A1")], [])
    assert result.missing_rows == (1,)
    with pytest.warns(DataQualityWarning, match="register has no records.*unregistered"):
        assert reconcile_inventory([], [rec("A1")]).unregistered_rows == (1,)


def test_dataframe_with_gaps() -> None:
    frame = pd.DataFrame(
        {
            "serial_number": ["A1", "B2"],
            "manufacturer": ["G", "G"],
            "import_country": ["JM", np.nan],
            "year_of_manufacture": [2001.0, np.nan],
        }
    )
    register = FirearmRegister.from_columns(**{c: frame[c].to_numpy() for c in frame})
    assert register.record(0).import_country == "JAM"
    assert register.record(1) == FirearmRecord("B2", "G", "")
    with pytest.raises(
        SchemaError, match=r"row 1, year_of_manufacture: 2001\.5 is not a whole year"
    ):
        FirearmRegister.from_columns(
            serial_number=["A"], manufacturer=["G"], year_of_manufacture=np.array([2001.5])
        )
    objects = FirearmRegister.from_columns(
        serial_number=["A"], manufacturer=["G"], year_of_manufacture=[2001.0]
    )
    assert objects.record(0).year_of_manufacture == 2001


def test_dataframe_input_and_bad_types() -> None:
    frame = pd.DataFrame(
        {"serial_number": ["A1", "B2"], "manufacturer": ["G", "G"], "model": ["1", "1"]}
    )
    result = reconcile_inventory(frame, frame.iloc[:1])
    assert result.missing_rows == (2,)
    with pytest.raises(InputError, match="unexpected columns"):
        reconcile_inventory(frame.rename(columns={"model": "modelo"}), frame)
    with pytest.raises(InputError, match="must be a FirearmRegister"):
        reconcile_inventory(42, frame)


def test_hash_collisions_fall_back_to_exact_grouping(monkeypatch: pytest.MonkeyPatch) -> None:
    register = read_register(DATA / "firearms_register.csv")
    counted = read_register(DATA / "firearms_count.csv")
    expected = reconcile_inventory(register, counted)
    monkeypatch.setattr(identity_kernels, "hash_text", lambda v: np.zeros(len(v), dtype=np.uint64))
    # fresh registers: the cached identities were computed with the real hash
    register = read_register(DATA / "firearms_register.csv")
    counted = read_register(DATA / "firearms_count.csv")
    assert reconcile_inventory(register, counted) == expected


# -- properties -------------------------------------------------------------------------------

makers = st.sampled_from(["Glock", "Beretta", "CZ", "Taurus"])
serials = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789-", min_size=1, max_size=8).filter(
    lambda s: s.strip("-")
)
statuses = st.sampled_from(list(FirearmStatus))


@st.composite
def registers(draw: st.DrawFn) -> list[FirearmRecord]:
    entries = draw(st.lists(st.tuples(serials, makers, statuses), max_size=30))
    seen: set[tuple[str, str]] = set()
    records = []
    for serial, maker, status in entries:
        key = (serial.replace("-", ""), maker)
        if key in seen:
            continue
        seen.add(key)
        records.append(rec(serial, maker, "M", status=status))
    return records


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")  # empty tables
@settings(max_examples=40)
@given(registers())
def test_register_against_itself_finds_nothing(register: list[FirearmRecord]) -> None:
    expected = [r for r in register if r.status in (FirearmStatus.IN_STOCK, FirearmStatus.ISSUED)]
    result = reconcile_inventory(register, expected)
    assert result.ok
    assert result.near_matches == ()
    assert result.matched == len(expected)


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")  # empty tables
@settings(max_examples=40)
@given(registers(), st.data())
def test_removing_k_records_finds_exactly_k_missing(register, data) -> None:
    register = [r for r in register if r.status is FirearmStatus.IN_STOCK]
    removed = data.draw(st.sets(st.integers(0, max(len(register) - 1, 0)), max_size=len(register)))
    removed = {i for i in removed if i < len(register)}
    counted = [r for i, r in enumerate(register) if i not in removed]
    result = reconcile_inventory(register, counted)
    assert len(result.missing) == len(removed)
    assert set(result.missing_rows) == {i + 1 for i in removed}
    assert result.unregistered == () and result.status_conflicts == ()


def _pandas_oracle(register: pd.DataFrame, counted: pd.DataFrame) -> tuple[set[str], set[str]]:
    def key(frame: pd.DataFrame) -> pd.Series:
        norm = {
            c: frame[c].str.upper().str.replace(r"[\s\-/._:,;\\|]", "", regex=True)
            for c in ("serial_number", "manufacturer", "model")
        }
        return norm["serial_number"] + "|" + norm["manufacturer"] + "|" + norm["model"]

    r = register.assign(key=key(register))
    c = counted.assign(key=key(counted))
    merged = r.merge(c[["key"]], on="key", how="outer", indicator=True)
    missing = set(merged.loc[merged["_merge"] == "left_only", "serial_number"])
    unregistered = set(c.loc[~c["key"].isin(r["key"]), "serial_number"])
    return missing, unregistered


def test_agrees_with_a_pandas_merge() -> None:
    rng = np.random.default_rng(7)
    n = 3000
    serials = np.array(
        [
            f"{a}-{b:05d}"
            for a, b in zip(rng.choice(list("ABCDEFGH"), n), rng.permutation(n), strict=True)
        ]
    )
    register = pd.DataFrame({
        "serial_number": serials,
        "manufacturer": rng.choice(["Glock", "CZ", "Smith & Wesson"], n),
        "model": rng.choice(["17", "75 B", "M&P9"], n),
    })  # fmt: skip
    keep = rng.random(n) > 0.05
    counted = register[keep].copy()
    counted["serial_number"] = counted["serial_number"].str.lower().str.replace("-", " ")
    extra = pd.DataFrame(
        {"serial_number": ["Z-1", "Z-2"], "manufacturer": ["Glock"] * 2, "model": ["17"] * 2}
    )
    counted = pd.concat([counted, extra], ignore_index=True)
    result = reconcile_inventory(register, counted)
    missing, unregistered = _pandas_oracle(register, counted)
    assert {r.serial_number for r in result.missing} == missing
    assert {r.serial_number for r in result.unregistered} == unregistered
    assert len(result.missing) == int((~keep).sum())


def test_register_built_from_columns_and_records_agree() -> None:
    records = [rec("A1"), rec("B2", status="issued"), rec("C3", "CZ", "75")]
    columns = FirearmRegister.from_columns(
        serial_number=["A1", "B2", "C3"],
        manufacturer=["Glock", "Glock", "CZ"],
        model=["17", "17", "75"],
        status=["in stock", "issued", "in stock"],
    )
    assert reconcile_inventory(records, columns).ok
    assert [columns.record(i) for i in range(3)] == records


def test_results_and_profiles_round_trip_through_json(example: InventoryReconciliation) -> None:
    from dpssec.arms.firearms import (
        MARKING_PROFILES,
        MarkingProfile,
        RetentionCheck,
        records_to_keep,
    )
    from dpssec.serialization import from_json, to_json

    assert from_json(to_json(example), InventoryReconciliation) == example
    check = records_to_keep(
        ["a", "b"], ["import", "manufacture"], ["2020-01-01", "1990-05-05"], "2021-01-01"
    )
    assert from_json(to_json(check), RetentionCheck) == check
    for profile in MARKING_PROFILES.values():
        assert from_json(to_json(profile), MarkingProfile) == profile


def test_dataframe_with_source_column_and_enum_statuses() -> None:
    frame = pd.DataFrame(
        {
            "serial_number": ["A1", "B2"],
            "manufacturer": ["G", "G"],
            "status": [FirearmStatus.IN_STOCK, FirearmStatus.DESTROYED],
            "source": ["synthetic", "synthetic"],
        }
    )
    result = reconcile_inventory(frame, frame)
    assert [c.counted_row for c in result.status_conflicts] == [2]


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")  # empty tables
@settings(max_examples=30)
@given(registers(), st.data())
def test_case_and_separators_in_the_count_do_not_matter(register, data) -> None:
    def scramble(serial: str) -> str:
        upper = data.draw(st.booleans())
        sep = data.draw(st.sampled_from(["", " ", "/", "."]))
        text = serial.upper() if upper else serial.lower()
        return text.replace("-", sep)

    expected = [r for r in register if r.status in (FirearmStatus.IN_STOCK, FirearmStatus.ISSUED)]
    counted = [rec(scramble(r.serial_number), r.manufacturer.lower(), r.model) for r in expected]
    result = reconcile_inventory(register, counted)
    assert result.ok
    assert result.matched == len(expected)


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")  # empty tables
@settings(max_examples=30)
@given(registers())
def test_register_reconciled_with_itself_when_every_status_is_expected(register) -> None:
    result = reconcile_inventory(register, register, expected_statuses=list(FirearmStatus))
    assert result.ok and result.near_matches == ()
    assert result.matched == len(register)
    default = reconcile_inventory(register, register)
    gone = [r for r in register if r.status not in (FirearmStatus.IN_STOCK, FirearmStatus.ISSUED)]
    assert len(default.status_conflicts) == len(gone)
    assert default.missing == () and default.unregistered == ()
