"""Reading files people send: bytes that are not text, parts too large or too complex to read; an empty store."""

STRINGS = {
    "summary_store_empty": {
        "vi": "Kho {store} chưa có dữ liệu (chưa nhập phiên bản nào): không có số liệu để tổng hợp.",
        "en": "The store {store} holds no data yet (no version imported): there are no figures to summarise.",
    },
}
