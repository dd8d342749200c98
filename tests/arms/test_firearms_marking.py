"""Marking checks: every rule of every profile, with the mark present, missing and malformed.

The profiles' content follows ``arms.md`` §9 of the project reference; none of it is VERIFIED
there, so every finding must carry ``verified=False``.
"""

from __future__ import annotations

import attrs
import pytest

from dpssec.arms.firearms import (
    MARKING_PROFILES,
    FirearmPart,
    FirearmRecord,
    Mark,
    MarkingProfile,
    MarkKind,
    check_marking,
    marking_profile,
    marking_report,
)
from dpssec.errors import InputError
from dpssec.findings import Severity

K = MarkKind
FRAME, BARREL = FirearmPart.FRAME_OR_RECEIVER, FirearmPart.BARREL

COMPLETE_MARKS = (
    Mark(K.MANUFACTURER, "TAURUS"),
    Mark(K.COUNTRY_OF_MANUFACTURE, "BR"),
    Mark(K.PLACE_OF_MANUFACTURE, "Sao Leopoldo"),
    Mark(K.SERIAL_NUMBER, "PT123456"),
    Mark(K.SERIAL_NUMBER, "PT 123456", BARREL),
    Mark(K.YEAR_OF_MANUFACTURE, "19"),
    Mark(K.MODEL, "PT92"),
    Mark(K.CALIBRE, "9x19"),
    Mark(K.IMPORT_COUNTRY, "JM"),
    Mark(K.IMPORT_YEAR, "2021"),
    Mark(K.IMPORTER, "Kingston Arms Ltd"),
)


def complete(**changes: object) -> FirearmRecord:
    base = FirearmRecord(
        "PT123456",
        "Taurus",
        "PT92",
        calibre="9x19",
        country_of_manufacture="BRA",
        year_of_manufacture=2019,
        import_country="JAM",
        import_year=2021,
        marks=COMPLETE_MARKS,
    )
    return attrs.evolve(base, **changes)


def with_marks(record: FirearmRecord, marks: list[Mark]) -> FirearmRecord:
    return attrs.evolve(record, marks=tuple(marks))


ALL_RULES = [
    pytest.param(profile, rule, id=f"{profile.name}:{rule.code}")
    for profile in MARKING_PROFILES.values()
    for rule in profile.rules
]


@pytest.mark.parametrize("profile", list(MARKING_PROFILES))
def test_complete_marks_satisfy_every_profile(profile: str) -> None:
    assert check_marking(complete(), profile) == []


@pytest.mark.parametrize(("profile", "rule"), ALL_RULES)
def test_missing_mark_is_reported_with_the_rule_severity(profile, rule) -> None:
    record = complete()
    kept = [m for m in record.marks if m.kind not in rule.accepted_kinds]
    if rule.kind is K.YEAR_OF_MANUFACTURE:  # the EU exception needs the year in the serial
        assert "2019" not in record.serial_number
    findings = check_marking(with_marks(record, kept), profile)
    mine = [f for f in findings if f.details.get("rule") == rule.code]
    assert len(mine) == 1
    assert mine[0].code == "mark-missing"
    assert mine[0].severity is rule.requirement.severity
    assert mine[0].reference == rule.reference
    assert mine[0].subject == "PT123456"


@pytest.mark.parametrize(("profile", "rule"), ALL_RULES)
def test_illegible_mark_is_malformed(profile, rule) -> None:
    record = complete()
    marks = [
        attrs.evolve(m, text="  ") if m.kind in rule.accepted_kinds else m for m in record.marks
    ]
    findings = check_marking(with_marks(record, marks), profile)
    mine = [f for f in findings if f.details.get("rule") == rule.code]
    assert [f.code for f in mine] == ["mark-malformed"]
    assert mine[0].severity is rule.requirement.severity


@pytest.mark.parametrize(("profile", "rule"), ALL_RULES)
def test_mark_present_satisfies_its_rule(profile, rule) -> None:
    findings = check_marking(complete(), profile)
    assert not [f for f in findings if f.details.get("rule") == rule.code]


@pytest.mark.parametrize("profile", list(MARKING_PROFILES.values()), ids=lambda p: p.name)
def test_every_builtin_profile_is_flagged_unverified(profile: MarkingProfile) -> None:
    assert profile.verified is False
    assert profile.source_status in {"secondary", "unverified"}
    findings = check_marking(FirearmRecord("A1", "X", "Y"), profile)
    assert findings
    assert all(f.verified is False for f in findings)
    assert all("[unverified]" in str(f.reference) for f in findings)


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        (K.COUNTRY_OF_MANUFACTURE, "ZZ", "mark-malformed"),
        (K.COUNTRY_OF_MANUFACTURE, "US", "mark-mismatch"),
        (K.YEAR_OF_MANUFACTURE, "20x9", "mark-malformed"),
        (K.YEAR_OF_MANUFACTURE, "201", "mark-malformed"),
        (K.YEAR_OF_MANUFACTURE, "1066", "mark-malformed"),
        (K.YEAR_OF_MANUFACTURE, "18", "mark-mismatch"),
        (K.YEAR_OF_MANUFACTURE, "2018", "mark-mismatch"),
        (K.SERIAL_NUMBER, "PT123465", "mark-mismatch"),
        (K.IMPORT_COUNTRY, "Atlantis", "mark-malformed"),
        (K.IMPORT_COUNTRY, "TT", "mark-mismatch"),
        (K.IMPORT_YEAR, "2020", "mark-mismatch"),
    ],
)
def test_malformed_and_contradicting_marks(kind: MarkKind, text: str, code: str) -> None:
    record = complete()
    marks = [attrs.evolve(m, text=text) if m.kind is kind else m for m in record.marks]
    findings = check_marking(with_marks(record, marks), "ITI")
    codes = {f.code for f in findings if f.details["mark"] == kind.value}
    assert code in codes
    if code == "mark-mismatch":
        assert all(f.severity is Severity.VIOLATION for f in findings if f.code == code)


def test_year_written_in_two_or_four_digits_is_accepted() -> None:
    for text in ("19", "2019"):
        marks = [
            attrs.evolve(m, text=text) if m.kind is K.YEAR_OF_MANUFACTURE else m
            for m in COMPLETE_MARKS
        ]
        assert check_marking(with_marks(complete(), marks), "EU") == []


def test_serial_and_country_marks_compare_after_normalisation() -> None:
    marks = [
        Mark(K.MANUFACTURER, "Taurus"),
        Mark(K.COUNTRY_OF_MANUFACTURE, "Brasil"),
        Mark(K.SERIAL_NUMBER, "pt-123 456"),
    ]
    record = with_marks(complete(import_country=None, import_year=None), marks)
    assert [f for f in check_marking(record, "ITI") if f.severity is Severity.VIOLATION] == []


def test_import_rules_apply_only_to_imported_weapons() -> None:
    domestic = complete(import_country=None, import_year=None)
    bare = with_marks(domestic, [m for m in COMPLETE_MARKS if m.kind is not K.IMPORT_COUNTRY])
    for profile in MARKING_PROFILES:
        assert not [f for f in check_marking(bare, profile) if "import" in f.details["rule"]]
    imported = with_marks(complete(), [m for m in COMPLETE_MARKS if m.kind is not K.IMPORTER])
    (cifta,) = check_marking(imported, "CIFTA")
    assert cifta.details["rule"] == "cifta-6-1b-importer"
    assert cifta.severity is Severity.VIOLATION


def test_isacs_wants_the_frame_and_pressure_bearing_parts() -> None:
    on_barrel_only = [m for m in COMPLETE_MARKS if m.kind is not K.SERIAL_NUMBER]
    on_barrel_only.append(Mark(K.SERIAL_NUMBER, "PT123456", BARREL))
    findings = check_marking(with_marks(complete(), on_barrel_only), "ISACS 05.30")
    (misplaced,) = [f for f in findings if f.code == "mark-misplaced"]
    assert misplaced.details["rule"] == "isacs-serial-frame"
    assert misplaced.severity is Severity.VIOLATION
    assert "barrel" in misplaced.message
    frame_only = [m for m in COMPLETE_MARKS if m.part is FRAME]
    (info,) = check_marking(with_marks(complete(), frame_only), "ISACS 05.30")
    assert (info.details["rule"], info.severity) == ("isacs-serial-pressure-parts", Severity.INFO)


def test_isacs_recommends_the_alpha2_country_code() -> None:
    marks = [
        attrs.evolve(m, text="BRA") if m.kind is K.COUNTRY_OF_MANUFACTURE else m
        for m in COMPLETE_MARKS
    ]
    (finding,) = check_marking(with_marks(complete(), marks), "ISACS 05.30")
    assert (finding.code, finding.severity) == ("mark-format", Severity.WARNING)
    assert "'BR'" in finding.message
    assert check_marking(with_marks(complete(), marks), "ITI") == []


def test_alternative_unique_mark_stands_in_under_iti_and_protocol_only() -> None:
    marks = [
        m
        for m in COMPLETE_MARKS
        if m.kind not in (K.MANUFACTURER, K.COUNTRY_OF_MANUFACTURE, K.SERIAL_NUMBER)
        and m.kind is not K.PLACE_OF_MANUFACTURE
    ]
    marks.append(Mark(K.ALTERNATIVE_UNIQUE_MARK, "triangle-BR-7731"))
    record = with_marks(complete(), marks)
    for profile in ("ITI", "UN Firearms Protocol"):
        findings = check_marking(record, profile)
        assert [f.code for f in findings] == ["mark-alternative"]
        assert findings[0].severity is Severity.INFO
    eu = check_marking(record, "EU")
    assert {f.details["rule"] for f in eu if f.severity is Severity.VIOLATION} == {
        "eu-manufacturer",
        "eu-country",
        "eu-serial",
    }


def test_eu_accepts_the_year_inside_the_serial_number() -> None:
    record = FirearmRecord(
        "BR2019-0042",
        "Taurus",
        "PT92",
        year_of_manufacture=2019,
        marks=[
            Mark(K.MANUFACTURER, "TAURUS"),
            Mark(K.COUNTRY_OF_MANUFACTURE, "BR"),
            Mark(K.SERIAL_NUMBER, "BR2019-0042"),
        ],
    )
    assert check_marking(record, "EU") == []
    assert [f.details["rule"] for f in check_marking(attrs.evolve(record, year_of_manufacture=2018), "EU")] == ["eu-year"]  # fmt: skip


def test_eu_is_stricter_than_iti_on_the_year() -> None:
    marks = [m for m in COMPLETE_MARKS if m.kind is not K.YEAR_OF_MANUFACTURE]
    record = with_marks(complete(), marks)
    iti = check_marking(record, "ITI")
    eu = check_marking(record, "EU")
    assert [f.severity for f in iti] == [Severity.INFO]
    assert [f.severity for f in eu] == [Severity.VIOLATION]


def test_profiles_by_alias_and_custom_profiles() -> None:
    assert marking_profile("protocol") is MARKING_PROFILES["UN Firearms Protocol"]
    assert marking_profile("mosaic 05.30").name == "ISACS 05.30"
    custom = MarkingProfile(
        "national",
        "A national rule",
        (MARKING_PROFILES["EU"].rules[3],),
        source_status="verified",
    )
    record = with_marks(complete(), [])
    assert [f.details["rule"] for f in check_marking(record, custom)] == ["eu-year"]
    with pytest.raises(InputError, match="'profile': 'ATT' is not one of 'ITI'"):
        check_marking(record, "ATT")
    with pytest.raises(InputError, match="must be a FirearmRecord"):
        check_marking({"serial_number": "A1"}, "ITI")  # type: ignore[arg-type]


def test_marking_report_collects_findings_and_names_the_criteria() -> None:
    report = marking_report([complete(), FirearmRecord("A1", "CZ", "75", marks=())], "CIFTA")
    assert len(report.violations) == 3
    assert {f.subject for f in report.findings} == {"A1"}
    assert "unverified" in report.criteria
    assert not report.ok


def test_record_content_per_isacs() -> None:
    from dpssec.arms.firearms import check_record_content

    assert check_record_content(complete()) == []
    bare = FirearmRecord("A1", "CZ", "")
    findings = check_record_content(bare)
    assert [f.details["field"] for f in findings] == [
        "country_of_manufacture",
        "year_of_manufacture",
        "model",
        "calibre",
        "marks",
    ]
    assert all(f.severity is Severity.WARNING and not f.verified for f in findings)
    with pytest.raises(InputError, match="must be a FirearmRecord"):
        check_record_content("A1")  # type: ignore[arg-type]


@pytest.mark.parametrize("profile", list(MARKING_PROFILES))
def test_marks_not_recorded_are_not_marks_missing(profile: str) -> None:
    not_inspected = FirearmRecord("A1", "CZ", "75", import_country="JM")
    (finding,) = check_marking(not_inspected, profile)
    assert finding.code == "marks-not-recorded" and finding.severity is Severity.INFO
    assert "marks not recorded" in finding.message and "nothing checked" in finding.message
    assert finding.subject == "A1" and finding.details["profile"] == MARKING_PROFILES[profile].name
    assert not_inspected.marks is None and not not_inspected.marks_recorded
    assert not_inspected.marks_of(K.SERIAL_NUMBER) == ()
    inspected_bare = attrs.evolve(not_inspected, marks=())
    assert inspected_bare.marks_recorded
    codes = {f.code for f in check_marking(inspected_bare, profile)}
    assert "mark-missing" in codes and "marks-not-recorded" not in codes
    report = marking_report([not_inspected, not_inspected], profile)
    assert report.ok and len(report.findings) == 2


# -- former country codes (ISO 3166-3) -----------------------------------------------------


def _old(code: str, year: int | None, country: str | None = None) -> FirearmRecord:
    return FirearmRecord(
        "AK-1",
        "Izhmash",
        "AKM",
        country_of_manufacture=country,
        year_of_manufacture=year,
        marks=[
            Mark(K.MANUFACTURER, "IZH"),
            Mark(K.COUNTRY_OF_MANUFACTURE, code),
            Mark(K.SERIAL_NUMBER, "AK1"),
        ],
    )


def _country_findings(record: FirearmRecord, profile: str = "ITI") -> list[tuple[str, str]]:
    return [
        (f.code, f.severity.value)
        for f in check_marking(record, profile)
        if f.details.get("rule", "").endswith("country")
    ]


@pytest.mark.parametrize(
    ("code", "year", "successors"),
    [
        ("SU", 1978, "Russian Federation (RU)"),
        ("SUN", 1985, "Ukraine (UA)"),
        ("YU", 1985, "Serbia (RS)"),
        ("CS", 1980, "Czechia (CZ), Slovakia (SK)"),
        ("CS", 2004, "Montenegro (ME), Serbia (RS)"),
        ("DD", 1989, "Germany (DE)"),
        ("ZR", 1990, "Congo, The Democratic Republic of the (CD)"),
    ],
)
def test_a_former_code_made_before_the_change_is_no_violation(
    code: str, year: int, successors: str
) -> None:
    # issue 13: a 1978 rifle marked SU was a "malformed" mark, a violation
    findings = [f for f in check_marking(_old(code, year)) if f.code == "mark-former-code"]
    assert len(findings) == 1
    (finding,) = findings
    assert finding.severity is Severity.INFO
    assert successors in finding.message and "ISO 3166-3" in finding.message
    assert not [f for f in check_marking(_old(code, year)) if f.severity is Severity.VIOLATION]


def test_a_former_code_after_the_change_suggests_the_current_codes() -> None:
    (finding,) = [f for f in check_marking(_old("DD", 2001)) if f.code == "mark-outdated-code"]
    assert finding.severity is Severity.WARNING
    assert "withdrawn 1990-10-30" in finding.message and "use the current code" in finding.message
    assert "('DE')" in finding.message
    # an alpha-3 mark gets the alpha-3 suggestion
    (alpha3,) = [f for f in check_marking(_old("DDR", 2001)) if f.code == "mark-outdated-code"]
    assert "('DEU')" in alpha3.message
    # the year of the change itself is accepted (the mark may predate it)
    assert _country_findings(_old("DD", 1990)) == [("mark-former-code", "info")]


def test_former_codes_and_the_record() -> None:
    # the record may name the former country or one of its successor states
    assert _country_findings(_old("SU", 1978, "SU")) == [("mark-former-code", "info")]
    assert _country_findings(_old("SU", 1978, "RUS")) == [("mark-former-code", "info")]
    assert _country_findings(_old("RU", 1995, "SUN")) == []
    # but not another country
    assert ("mark-mismatch", "violation") in _country_findings(_old("SU", 1978, "DEU"))
    assert ("mark-mismatch", "violation") in _country_findings(_old("YU", 1980, "SUN"))
    # no year: the mark is accepted and the finding says the year is unknown
    (finding,) = [f for f in check_marking(_old("YU", None)) if f.code == "mark-former-code"]
    assert "no year" in finding.message
    # the record's former country decides between the two meanings of CS
    record = _old("CS", None, "SCG")
    (cs,) = [f for f in check_marking(record) if f.code == "mark-former-code"]
    assert "Serbia and Montenegro" in cs.message.split(";")[0]


def test_import_marks_use_the_year_of_import() -> None:
    record = FirearmRecord(
        "X1",
        "CZ",
        "75",
        import_country="DEU",
        import_year=1986,
        marks=[Mark(K.IMPORT_COUNTRY, "DD"), Mark(K.IMPORT_YEAR, "1986")],
    )
    codes = [
        f.code for f in check_marking(record) if f.details.get("rule") == "iti-8b-import-country"
    ]
    assert codes == ["mark-former-code"]
    later = attrs.evolve(record, import_year=1999, marks=(Mark(K.IMPORT_COUNTRY, "DD"),))
    assert "mark-outdated-code" in [f.code for f in check_marking(later)]


def test_records_accept_former_countries() -> None:
    assert (
        FirearmRecord("A", "B", "C", country_of_manufacture="Yugoslavia").country_of_manufacture
        == "YUG"
    )
    with pytest.raises(InputError, match="'CS' was the code of two countries"):
        FirearmRecord("A", "B", "C", country_of_manufacture="CS")
