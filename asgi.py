"""The app as it is served: `app.py` in Streamlit's own ASGI server, with middleware that names the server
in each page (`components.base_url_hint`: a page opened from a link starts a round trip sooner) and that lets
only the accounts whose area they are of fetch the map's data files (`components.map_files`), and that sends
the icon font cut to the app's icons (`components.icon_font`).

`cli.py serve`, `make run` and the province's app processes run `streamlit run asgi.py`; Streamlit sees the
`st.App` below and serves it with its usual options (port, address, upload limit, XSRF, cookie secret).
`make dev` runs `app.py` directly, with the file watcher. The export buttons' module and its PDF library are
loaded as the server starts, not in the first page run that offers a PDF (about 0.3 s of a first visitor's wait).
"""

import streamlit as st
from starlette.middleware import Middleware

import components.exports  # noqa: F401 - loads the PDF library at start, not in the first page run that offers a PDF
from components.base_url_hint import BaseUrlHint
from components.icon_font import IconFont
from components.map_files import MapFileGuard
from components.stcore_guard import StcoreGuard  # uploads, clear_cache, session binding, headers

app = st.App(
    "app.py",
    middleware=[Middleware(BaseUrlHint), Middleware(MapFileGuard), Middleware(StcoreGuard), Middleware(IconFont)],
)
