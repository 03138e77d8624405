"""One catalogue, two complete languages, Vietnamese number and date forms."""

from datetime import date

from core.i18n import catalogue, fmt_date, fmt_int, fmt_pct, t


def test_every_key_has_non_empty_vietnamese_and_english():
    for key, texts in catalogue().items():
        assert set(texts) == {"vi", "en"}, key
        assert texts["vi"].strip() and texts["en"].strip(), key


def test_placeholders_agree_between_languages():
    import string

    for key, texts in catalogue().items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in ("vi", "en")]
        assert fields[0] == fields[1], key


def test_vietnamese_numbers_and_percentages():
    assert fmt_int(1459, "vi") == "1.459"
    assert fmt_int(1459, "en") == "1,459"
    assert fmt_pct(0.286, "vi") == "28,6\u00a0%" or fmt_pct(0.286, "vi") == "28,6 %"
    assert fmt_pct(0.286, "en") == "28.6%"


def test_dates_are_day_month_year():
    assert fmt_date(date(2025, 3, 31), "vi") == "31/03/2025"
    assert fmt_date(date(2025, 3, 31), "en") == "31/03/2025"


def test_unknown_language_falls_back_to_vietnamese():
    assert t("page_overview", "fr") == "Tổng quan"
