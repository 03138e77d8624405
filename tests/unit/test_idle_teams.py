"""Which teams are idle: by default in the last full month of data, else in the chosen period."""

from __future__ import annotations

from datetime import date

from core.analysis import indicators as ind
from core.analysis.idle_teams import idle_answer, idle_sentence
from core.model.filters import Filter


def test_without_a_period_the_idle_teams_are_those_of_the_last_full_month(demo_dataset):
    answer = idle_answer(Filter(), demo_dataset)
    june = Filter(date_from=date(2025, 6, 1), date_to=date(2025, 6, 30)).apply(demo_dataset)
    teams = ind.team_productivity(june)
    expected = set(teams.loc[~teams["active"], "team_id"])
    assert answer.is_default and (answer.start, answer.end) == (date(2025, 6, 1), date(2025, 6, 30))
    assert len(expected) > 0 and set(answer.teams["team_id"]) == expected
    assert answer.total == len(demo_dataset.teams)


def test_idle_teams_keep_their_last_activity_of_the_whole_campaign(demo_dataset):
    answer = idle_answer(Filter(), demo_dataset)
    assert answer.teams["last_activity"].notna().any()
    assert (answer.teams["last_activity"].dropna() < "2025-06-01").all()


def test_the_sentence_names_the_month_and_the_counts(demo_dataset):
    answer = idle_answer(Filter(), demo_dataset)
    expected = f"Trong tháng 06/2025: {len(answer.teams)} trong 287 tổ, đội không có hoạt động nào."
    assert idle_sentence(answer, "vi") == expected


def test_a_chosen_period_is_named_by_its_dates(demo_dataset):
    answer = idle_answer(Filter(date_from=date(2025, 4, 1), date_to=date(2025, 4, 15)), demo_dataset)
    assert not answer.is_default
    assert idle_sentence(answer, "en").startswith("In 01/04/2025 – 15/04/2025: ")
