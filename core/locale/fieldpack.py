"""A team's offline field pack (ZIP): its README, map descriptions, the command and the download buttons."""

_README_VI = """GÓI THỰC ĐỊA — {team}
Địa bàn: {area} · {villages} thôn, bản · Số liệu đến ngày {date} · Tạo lúc {made}

Trong gói:
- phieu-thuc-dia.pdf: phiếu thực địa để in (mã QR mở vị trí thôn trong ứng dụng bản đồ, ô đếm kết quả).
- bieu-mau-bao-cao.xlsx: biểu mẫu báo cáo hoạt động (XLSForm) cho KoboCollect / ODK Collect.
- thon-ban.gpx, thon-ban.kml: vị trí các thôn, bản cho bản đồ trên điện thoại (OsmAnd, Organic Maps).

1. Trước khi đi, khi còn sóng hoặc Wi-Fi
   - KoboToolbox: tạo dự án mới → "Tải lên XLSForm" → chọn bieu-mau-bao-cao.xlsx → Triển khai (Deploy).
     ODK Central: Biểu mẫu → Mới → tải tệp lên → Xuất bản; thêm người dùng ứng dụng, quét mã QR trên điện thoại.
   - Trên điện thoại, mở KoboCollect hoặc ODK Collect → "Tải biểu mẫu trống" (Download form).
   - OsmAnd hoặc Organic Maps: tải bản đồ Việt Nam (hoặc tỉnh) để dùng không cần mạng.
   - Mở thon-ban.gpx bằng OsmAnd (Chia sẻ → OsmAnd, hoặc Menu → Của tôi → Nhập), hoặc thon-ban.kml bằng
     Organic Maps (mở tệp → các thôn hiện trong Dấu trang). Mỗi điểm ghi xã, các thiếu hụt và số người còn
     cần hỗ trợ.
2. Tại thôn không có sóng
   - "Điền biểu mẫu mới" → chọn ngày, tổ, xã, thôn, hình thức, số người và kết quả → lưu, đánh dấu "Hoàn tất".
     Bản ghi nằm trong máy, không cần mạng.
3. Khi có sóng trở lại
   - "Gửi biểu mẫu đã hoàn tất" (Send finalized form). Huyện tải bản xuất từ KoboToolbox hoặc ODK Central và
     nhập một lần trên trang Dữ liệu; mỗi bản ghi có mã riêng nên không bao giờ bị tính hai lần.
"""

_README_EN = """FIELD PACK — {team}
Area: {area} · {villages} villages · Data as of {date} · Made {made}

In this pack:
- phieu-thuc-dia.pdf: printable field sheet (QR codes open each village in a map app, tally boxes).
- bieu-mau-bao-cao.xlsx: the activity report form (XLSForm) for KoboCollect / ODK Collect.
- thon-ban.gpx, thon-ban.kml: the villages for phone maps (OsmAnd, Organic Maps).

1. Before leaving, with signal or Wi-Fi
   - KoboToolbox: new project → "Upload an XLSForm" → bieu-mau-bao-cao.xlsx → Deploy.
     ODK Central: Forms → New → upload → Publish; add an app user and scan its QR code on the phone.
   - On the phone, open KoboCollect or ODK Collect → "Download form".
   - OsmAnd or Organic Maps: download the map of Vietnam (or the province) for offline use.
   - Open thon-ban.gpx with OsmAnd (Share → OsmAnd, or Menu → My places → Import), or thon-ban.kml with Organic
     Maps (open the file → the villages appear in Bookmarks). Each point gives the commune, the gaps and the
     people still to reach.
2. In a village without signal
   - "Fill blank form" → date, team, commune, village, kind, people and results → save, mark "Finalize".
     The record stays on the phone; no network needed.
3. Back in coverage
   - "Send finalized form". The district downloads the KoboToolbox or ODK Central export and imports it once
     on the Data page; each record has its own id, so nothing is ever counted twice.
"""

STRINGS = {
    "exp_fp_readme": {"vi": _README_VI, "en": _README_EN},
    "exp_fp_map_title": {"vi": "Thôn, bản — {team}", "en": "Villages — {team}"},
    "exp_fp_commune": {"vi": "Xã: {commune}", "en": "Commune: {commune}"},
    "exp_fp_gaps": {"vi": "Thiếu hụt: {gaps}", "en": "Gaps: {gaps}"},
    "exp_fp_sheet_line": {
        "vi": "{kind} · {members} thành viên · {villages} thôn, bản phụ trách",
        "en": "{kind} · {members} members · {villages} villages covered",
    },
    # command line
    "exp_fp_cli_written": {
        "vi": "Đã tạo gói thực địa: {path} ({villages} thôn, bản).",
        "en": "Field pack written: {path} ({villages} villages).",
    },
    "exp_fp_cli_no_team": {
        "vi": "Không có tổ, đội {team} trong địa bàn đã chọn.",
        "en": "There is no team {team} in the chosen area.",
    },
    # download buttons
    "exp_fp_download": {"vi": "Tải gói thực địa (ZIP)", "en": "Download field pack (ZIP)"},
    "exp_fp_download_help": {
        "vi": "Phiếu thực địa, biểu mẫu cho KoboCollect/ODK Collect, bản đồ thôn (GPX, KML) và hướng dẫn.",
        "en": "Field sheet, KoboCollect/ODK Collect form, village maps (GPX, KML) and a how-to.",
    },
    "form_download_team": {"vi": "Tải biểu mẫu điện thoại của tổ (XLSForm)", "en": "Download the team's phone form"},
    "form_download_area": {
        "vi": "Tải biểu mẫu báo cáo cho điện thoại (XLSForm, theo địa bàn đang lọc)",
        "en": "Download the phone report form (XLSForm, for the filtered area)",
    },
    "form_download_help": {
        "vi": "Tải lên KoboToolbox hoặc ODK Central, rồi dùng KoboCollect / ODK Collect để báo cáo không cần sóng.",
        "en": "Upload to KoboToolbox or ODK Central, then report offline with KoboCollect / ODK Collect.",
    },
    "form_download_none": {
        "vi": "Địa bàn đang lọc không có thôn nào: chưa tạo được biểu mẫu.",
        "en": "The filtered area has no villages: no form to make.",
    },
}
