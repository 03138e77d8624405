"""The time zone every shown time is in."""

STRINGS = {
    "time_zone_label": {"vi": "giờ Việt Nam, UTC+7", "en": "Vietnam time, UTC+7"},
}
