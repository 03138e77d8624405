"""Synonyms kept by `cli.py import --accept-suggestions`, and their entry in the audit log."""

STRINGS = {
    "syn_cli_saved": {
        "vi": "Đã lưu {n} từ đồng nghĩa cho tỉnh (người xác nhận: {who}); lần nhập sau nhận ngay các giá trị này, "
        "không cần --accept-suggestions:",
        "en": "Synonyms saved for the province: {n} (confirmed by {who}); the next import recognises these values "
        "without --accept-suggestions:",
    },
    "syn_cli_would_save": {
        "vi": "Khi nhập thật (không có --dry-run) sẽ lưu {n} từ đồng nghĩa cho tỉnh (người xác nhận: {who}):",
        "en": "The import without --dry-run would save synonyms for the province: {n} (confirmed by {who}):",
    },
    "syn_cli_line": {"vi": "  {field} “{value}” → {target}", "en": "  {field} “{value}” → {target}"},
    "syn_cli_not_saved": {
        "vi": "Dữ liệu đã được nhập nhưng chưa lưu được từ đồng nghĩa: {reason} Chạy lại lệnh với "
        "--accept-suggestions để lưu.",
        "en": "The data was imported but the synonyms could not be saved: {reason} Run the command again with "
        "--accept-suggestions to save them.",
    },
    "audit_action_synonyms_confirmed": {"vi": "Xác nhận từ đồng nghĩa", "en": "Synonyms confirmed"},
}
