"""CaseflowPeriod and CaseflowReturn: NA and NAP kept apart, checks, JSON and the reader."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec._data import data_file
from dpssec.errors import DataQualityWarning, InputError, SchemaError
from dpssec.findings import Severity
from dpssec.justice import (
    CaseflowPeriod,
    CaseflowReturn,
    MissingCode,
    read_caseflow,
)
from dpssec.serialization import from_json, to_dict, to_json

NA, NAP = MissingCode.NA, MissingCode.NAP


def period(**changes: Any) -> CaseflowPeriod:
    values: dict[str, Any] = {
        "court": "Juzgado Penal 1",
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
        "pending_start": 900,
        "incoming": 1200,
        "resolved": 1100,
        "pending_end": 1000,
    }
    values.update(changes)
    return CaseflowPeriod(**values)


def test_indicators_forward_to_the_calculators_with_the_period_from_the_dates() -> None:
    p = period()
    assert p.period_days == 365 and p.complete
    assert round(p.clearance_rate, 2) == 91.67 and p.case_turnover_ratio == 1.1
    assert round(p.disposition_time, 1) == 331.8
    leap = period(start="2024-01-01", end="2024-12-31")
    assert leap.period_days == 366
    assert leap.disposition_time == pytest.approx(366 * 1000 / 1100)
    quarter = period(start="2023-01-01", end="2023-03-31", pending_end=1000)
    assert quarter.disposition_time == pytest.approx(90 * 1000 / 1100)


def test_na_and_nap_differ_from_zero_and_from_each_other() -> None:
    na = period(incoming="NA", pending_end=NA)
    nap = period(incoming="not applicable", pending_end="NAP", pending_start=NAP)
    zero = period(pending_start=0, incoming=1100, resolved=1100, pending_end=0)
    assert na.incoming is NA and nap.incoming is NAP and zero.pending_start == 0
    assert NA != NAP and NA != 0 and NAP != 0
    assert na.clearance_rate is NA and nap.clearance_rate is NAP
    # NAP wins over NA: an indicator that needs a non-applicable count does not apply
    assert period(resolved="NA", pending_end="NAP").disposition_time is NAP
    assert na.backlog_change is NA and not na.complete
    assert period(staff=None).efficiency_rate is None
    assert period(staff="NA").efficiency_rate is NA
    assert period(staff=4.4).efficiency_rate == pytest.approx(250.0)


def test_impossible_returns_are_refused() -> None:
    with pytest.raises(InputError, match=r"resolved \(2200\) exceeds pending at start"):
        period(resolved=2200, pending_end=0)
    with pytest.raises(InputError, match=r"ends .* before it starts"):
        period(start="2023-12-31", end="2023-01-01")
    with pytest.raises(InputError, match="negative"):
        period(incoming=-5)
    with pytest.raises(InputError, match="'n/a' is ambiguous"):
        period(incoming="n/a")
    with pytest.raises(InputError, match="got text '1200'"):
        period(incoming="1200")
    with pytest.raises(InputError, match="must be numbers"):
        period(incoming=True)
    with pytest.raises(InputError, match="staff must be > 0"):
        period(staff=0.0)


def test_stock_identity_break_is_a_finding_with_the_gap() -> None:
    p = period(pending_end=1037)
    assert p.stock_gap == 37.0
    (finding,) = p.findings()
    assert finding.code == "stock-identity-break" and finding.severity is Severity.WARNING
    assert finding.details["gap"] == 37.0 and finding.details["expected_pending_end"] == 1000.0
    assert "+37" in finding.message
    assert period().findings() == []
    infos = period(pending_start="NA").findings()
    assert [f.code for f in infos] == ["caseflow-na"]
    assert infos[0].reference is not None and infos[0].reference.verified


counts = st.one_of(st.integers(0, 10**6), st.sampled_from([NA, NAP]))


@st.composite
def periods(draw: st.DrawFn) -> CaseflowPeriod:
    start = draw(st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 800)))
    ps, inc = draw(counts), draw(counts)
    res = draw(counts)
    if isinstance(ps, int) and isinstance(inc, int) and isinstance(res, int):
        res = min(res, ps + inc)
    staff = draw(st.one_of(st.none(), st.sampled_from([NA, NAP]), st.floats(0.5, 500.0)))
    return CaseflowPeriod(
        draw(st.text("abcdefgh ", min_size=1, max_size=12).filter(str.strip)),
        start,
        end,
        pending_start=ps,
        incoming=inc,
        resolved=res,
        pending_end=draw(counts),
        category=draw(st.sampled_from(["criminal", "civil litigious", "all"])),
        staff=staff,
    )


@given(periods())
def test_json_round_trip_keeps_na_and_nap(p: CaseflowPeriod) -> None:
    text = to_json(p)
    back = from_json(text, CaseflowPeriod)
    assert back == p
    for name in ("pending_start", "incoming", "resolved", "pending_end"):
        value = getattr(p, name)
        if isinstance(value, MissingCode):
            assert to_dict(p)[name] == value.value


def test_json_refuses_what_the_model_refuses() -> None:
    good = to_dict(period(incoming=NA))
    assert good["incoming"] == "NA"
    for bad, message in ((5.5, "not a valid MissingCode"), ("n/a", "n/a"), (-1, "negative")):
        with pytest.raises(SchemaError, match=message):
            from_json(to_json({**good, "incoming": bad}), CaseflowPeriod)
    ret = CaseflowReturn([period(), period(incoming=NAP)], source="x.csv")
    assert from_json(to_json(ret), CaseflowReturn) == ret


def test_return_refuses_other_objects() -> None:
    with pytest.raises(InputError, match="not a CaseflowPeriod"):
        CaseflowReturn([period(), {"court": "x"}])  # type: ignore[list-item]


# -- reader -------------------------------------------------------------------------------

CSV = """# a comment
court,category,start,end,pending_start,incoming,resolved,pending_end,staff
Penal 1,criminal,2023-01-01,2023-12-31,900,1200,1100,1000,4.5
Penal 1,administrative,2023-01-01,2023-12-31,NAP,NAP,NAP,NAP,
Penal 1,civil,2023-01-01,2023-12-31,,310,290,NA,NA
"""


def test_reader_keeps_na_nap_and_reads_blanks_as_na() -> None:
    r = read_caseflow(CSV)
    assert len(r) == 3 and r.source == "CSV text"
    assert r.periods[0].staff == 4.5 and r.periods[0].incoming == 1200
    assert r.periods[1].incoming is NAP and r.periods[1].staff is None
    assert r.periods[2].pending_start is NA and r.periods[2].pending_end is NA
    assert r.periods[2].staff is NA


def test_reader_on_a_dataframe_where_pandas_read_na_as_missing() -> None:
    pd = pytest.importorskip("pandas")
    import io

    frame = pd.read_csv(io.StringIO(CSV), comment="#")
    r = read_caseflow(frame)
    assert r.periods[1].pending_end is NAP and r.periods[2].pending_end is NA
    assert r.periods[0].start == dt.date(2023, 1, 1)


def test_reader_errors_name_line_and_column() -> None:
    text = CSV.replace(
        "Penal 1,civil,2023-01-01,2023-12-31,,310", "Penal 1,civil,2023-01-01,2023-12-31,,31x"
    )
    with pytest.raises(SchemaError, match=r"line 5, column 'incoming': '31x' is not a count"):
        read_caseflow(text)
    with pytest.raises(SchemaError, match=r"line 3: .*resolved \(2200\) exceeds"):
        read_caseflow(CSV.replace("900,1200,1100,1000", "900,1200,2200,0"))
    with pytest.raises(SchemaError, match="missing column"):
        read_caseflow("court,start,end\nA,2023-01-01,2023-12-31\n")
    with pytest.raises(SchemaError, match=r"line 3, column 'court': is empty"):
        read_caseflow(CSV.replace("Penal 1,criminal", ",criminal"))
    with pytest.raises(SchemaError, match="n/a"):
        read_caseflow(CSV.replace("NAP,NAP,NAP,NAP", "n/a,NAP,NAP,NAP"))
    with pytest.raises(InputError, match=r"no_such_file\.csv: no such file"):
        read_caseflow("no_such_file.csv")


def test_return_table_and_findings() -> None:
    r = read_caseflow(CSV)
    t = r.table(by=("court", "category"))
    by_category = dict(zip(t.category, t.status, strict=True))
    assert by_category == {"administrative": "NAP", "civil": "partial", "criminal": "complete"}
    assert t.not_applicable.tolist() == [1, 0, 0] and t.not_available.tolist() == [0, 1, 0]
    assert t.efficiency_rate[2] == pytest.approx(1100 / 4.5)
    report = r.findings()
    assert {f.code for f in report.findings} == {"caseflow-na", "caseflow-nap"}


def test_bundled_synthetic_return_is_consistent_with_the_bundled_cases() -> None:
    """The unaltered rows of the SYNTHETIC return follow from the SYNTHETIC cases."""
    import csv
    import io

    import numpy as np

    r = read_caseflow(data_file("justice_caseflow_synthetic.csv"))
    assert r.source == "justice_caseflow_synthetic.csv"
    text = data_file("justice_cases_synthetic.csv").read_text(encoding="utf-8")
    assert text.startswith("# SYNTHETIC")
    rows = list(
        csv.DictReader(
            io.StringIO("\n".join(x for x in text.splitlines() if not x.startswith("#")))
        )
    )
    filed = np.array([x["filed"] for x in rows], dtype="datetime64[D]")
    disposed = np.array([x["disposed"] or "NaT" for x in rows], dtype="datetime64[D]")
    end_open = np.where(np.isnat(disposed), np.datetime64("9999-12-31"), disposed)
    for p in r.periods:
        if p.court != "Juzgado Penal 1" or p.category != "criminal":
            continue
        start, end = np.datetime64(p.start), np.datetime64(p.end)
        assert p.pending_start == int(((filed < start) & (end_open >= start)).sum())
        assert p.incoming == int(((filed >= start) & (filed <= end)).sum())
        assert p.resolved == int(((end_open >= start) & (end_open <= end)).sum())
        assert p.pending_end == int(((filed <= end) & (end_open > end)).sum())
    report = r.findings()
    codes = sorted(f.code for f in report.findings)
    assert codes.count("overlapping-periods") == 4 and codes.count("stock-identity-break") == 1


def test_one_unknown_count_does_not_blank_the_known_indicators() -> None:
    a = CaseflowPeriod(
        "A", "2023-01-01", "2023-12-31", pending_start=100, incoming=200, resolved=150,
        pending_end=150,
    )  # fmt: skip
    b = CaseflowPeriod(
        "B", "2023-01-01", "2023-12-31", pending_start=100, incoming=200, resolved=150,
        pending_end="NA",
    )  # fmt: skip
    by_court = CaseflowReturn([a, b]).table(by=("court", "year"))
    assert by_court.status == ("complete", "partial")
    assert by_court.incoming[1] == 200 and by_court.resolved[1] == 150
    assert by_court.clearance_rate[1] == pytest.approx(b.clearance_rate)  # 75 %
    assert np.isnan(by_court.pending_end[1]) and np.isnan(by_court.disposition_time[1])
    assert by_court.pending_start[1] == 100 and np.isnan(by_court.backlog_change[1])
    together = CaseflowReturn([a, b]).table(by="year")
    assert together.incoming.tolist() == [400.0] and together.clearance_rate[0] == 75.0
    assert np.isnan(together.pending_end[0])  # B's end stock is not known: nor is the total
    assert together.disposition_time[0] == pytest.approx(365.0)  # from A, whose inputs are known
    assert together.not_available.tolist() == [1] and together.rows.tolist() == [2]
    # an unknown flow: the total is unknown, the clearance rate comes from the rows known
    c = attrs.evolve(b, incoming="NA", pending_end=150)
    flows = CaseflowReturn([a, c]).table(by="year")
    assert np.isnan(flows.incoming[0]) and flows.resolved[0] == 300
    assert flows.clearance_rate[0] == pytest.approx(75.0)
    # NAP cells are not part of the group: the totals stand
    d = CaseflowPeriod(
        "D", "2023-01-01", "2023-12-31", pending_start="NAP", incoming=0, resolved=0,
        pending_end="NAP",
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        nap = CaseflowReturn([a, d]).table(by="year")
    assert nap.pending_end.tolist() == [150.0] and nap.incoming.tolist() == [200.0]
    zero = CaseflowReturn([d]).table(by="court")
    assert zero.status == ("partial",) and np.isnan(zero.clearance_rate[0])
