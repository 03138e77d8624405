"""Strings of staying signed in: the note under the sign-in form and what the command line says it ended."""

STRINGS = {
    "remember_note": {
        "vi": "Trình duyệt này giữ đăng nhập đến khi bạn đăng xuất, hoặc sau {duration} không dùng. "
        "Trên máy dùng chung, hãy đăng xuất khi xong việc.",
        "en": "This browser stays signed in until you sign out, or after {duration} without use. "
        "On a shared computer, sign out when you are done.",
    },
    "remember_hours": {"vi": "{n} giờ", "en": "{n} h"},
    "remember_minutes": {"vi": "{n} phút", "en": "{n} min"},
    "remember_cli_ended": {
        "vi": "Đã kết thúc {n} phiên đăng nhập được ghi nhớ của tài khoản này.",
        "en": "{n} remembered sign-in(s) of this account ended.",
    },
}
