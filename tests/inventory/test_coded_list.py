"""「、」 inside an MOJ code's name never splits it; separate entries still split."""

from __future__ import annotations

from shouhu.core.importing.fields import coded_list

NAMES = {
    "039": "行政裁罰、行政調查",
    "040": "行銷",
    "C065": "工作、差勤紀錄",
    "C011": "個人描述",
}


def test_a_name_with_enumeration_commas_stays_one_entry():
    assert coded_list("039 行政裁罰、行政調查、040 行銷", NAMES) == ["039 行政裁罰、行政調查", "040 行銷"]


def test_a_custom_entry_after_a_coded_one_is_kept_apart():
    assert coded_list("040 行銷、會員經營", NAMES) == ["040 行銷", "會員經營"]


def test_codes_without_names_split_on_every_separator():
    assert coded_list("039、040，C011", NAMES) == ["039", "040", "C011"]


def test_a_piece_that_is_not_part_of_the_name_starts_a_new_entry():
    assert coded_list("039 行政裁罰、會員經營", NAMES) == ["039 行政裁罰", "會員經營"]


def test_an_official_name_without_its_code_is_one_entry_with_its_code():
    assert coded_list("行政裁罰、行政調查；工作、差勤紀錄", NAMES) == [
        "039 行政裁罰、行政調查",
        "C065 工作、差勤紀錄",
    ]


def test_the_longest_official_name_wins_and_the_rest_stays_apart():
    assert coded_list("工作、差勤紀錄、行銷、會員經營", NAMES) == [
        "C065 工作、差勤紀錄",
        "040 行銷",
        "會員經營",
    ]


def test_part_of_an_official_name_alone_is_not_taken_for_it():
    assert coded_list("行政裁罰", NAMES) == ["行政裁罰"]
