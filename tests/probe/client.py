"""A client that talks to the app the way a probe does: Streamlit's websocket protocol (BackMsg out, ForwardMsg
in), the upload endpoint over plain HTTP, and nothing a browser would add unless asked (cookies, headers)."""

from __future__ import annotations

import asyncio
import http.client
import re
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def page_cookies(url: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    """The cookies a browser gets with the app's first page (`GET /`) and its health check (Streamlit's XSRF
    cookie comes with `/_stcore/health`)."""
    cookies = {}
    for path in ("/", "/_stcore/health"):
        request = urllib.request.Request(url.rstrip("/") + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=30) as response:
            values = response.headers.get_all("Set-Cookie") or []
        for value in values:
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def metric_bytes(url: str, cache_type: str) -> int:
    """The bytes Streamlit's own metrics endpoint reports for caches of `cache_type` (e.g. UploadedFileManager)."""
    text = urllib.request.urlopen(url.rstrip("/") + "/_stcore/metrics", timeout=30).read().decode()
    total = 0
    for line in text.splitlines():
        if line.startswith("cache_memory_bytes") and f'cache_type="{cache_type}"' in line:
            total += int(float(line.rsplit(" ", 1)[1]))
    return total


@dataclass
class Run:
    """What one script run drew: widget ids by kind, the texts of markdown and alerts, how it ended."""

    widgets: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)  # error boxes with a traceback

    def widget(self, kind: str, key_part: str = "") -> str:
        found = [w for w in self.widgets.get(kind, []) if key_part in w]
        assert found, f"no {kind} with {key_part!r} on the page: {self.widgets}"
        return found[0]

    def has(self, kind: str, key_part: str = "") -> bool:
        return any(key_part in w for w in self.widgets.get(kind, []))


@dataclass
class Probe:
    """One websocket session with the app; `cookies` and `headers` are exactly what it sends."""

    url: str
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    timeout: float = 90.0
    session_id: str = ""
    _ws: object = None

    async def connect(self, resume: str | None = None) -> None:
        parts = urlsplit(self.url)
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        protocols = ["streamlit", "xsrf", resume] if resume else ["streamlit"]
        self._ws = await websockets.connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=protocols,
            additional_headers=headers,
            origin=f"http://{parts.netloc}",
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )

    async def send(self, msg: BackMsg) -> None:
        await self._ws.send(msg.SerializeToString())

    async def run(self, page: str = "", query: str = "", widgets: list | None = None) -> Run:
        """Run `page` (with these widget states, as a browser sends them) and collect what it drew."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        for state in widgets or []:
            msg.rerun_script.widget_states.widgets.append(state)
        await self.send(msg)
        return await self.collect()

    async def collect(self) -> Run:
        run = Run()
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, "no script_finished in time"
            forward = ForwardMsg.FromString(await asyncio.wait_for(self._ws.recv(), left))
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
                run = Run()  # a new run starts: what it draws replaces the last one's
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                _note(run, forward.delta.new_element)
            elif kind == "script_finished" and forward.script_finished in _DONE:
                return run

    async def close(self) -> None:
        if self._ws is not None:
            ws, self._ws = self._ws, None
            await ws.close()

    async def sign_in(self, user: str, password: str) -> Run:
        form = await self.run()
        states = [
            _text(form.widget("text_input", "dx_signin_user"), user),
            _text(form.widget("text_input", "dx_signin_password"), password),
            _trigger(form.widget("button", "FormSubmitter:dx_signin")),
        ]
        return await self.run(widgets=states)


def _note(run: Run, element) -> None:
    kind = element.WhichOneof("type")
    inner = getattr(element, kind)
    if hasattr(inner, "id") and isinstance(getattr(inner, "id", None), str) and inner.id:
        run.widgets.setdefault(kind, []).append(inner.id)
    if kind == "metric":
        run.metrics.append(element.metric.body)
    if kind == "exception":
        run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
    for attr in ("body",):
        value = getattr(inner, attr, None)
        if isinstance(value, str):
            run.texts.append(value)


def _text(widget_id: str, value: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.string_value = value
    return state


def choices(widget_id: str, values: list[str]):
    """A multiselect's state as a browser sends it: the chosen values themselves."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(values)
    return state


def _trigger(widget_id: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.trigger_value = True
    return state


def uploaded(widget_id: str, file_id: str, name: str, size: int):
    """The file input's state after the browser uploaded one file (the value the page's script then reads)."""
    from streamlit.proto.Common_pb2 import UploadedFileInfo
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.file_uploader_state_value.uploaded_file_info.append(UploadedFileInfo(name=name, size=size, file_id=file_id))
    return state


def trigger(widget_id: str):
    return _trigger(widget_id)


def signed_in(run: Run) -> bool:
    return not run.has("text_input", "dx_signin_user")


# --- the upload endpoint -----------------------------------------------------------------------------------


def put_upload(
    url: str,
    session_id: str,
    body_bytes: int,
    cookies: dict[str, str] | None = None,
    claimed: int | None = None,
    file_id: str | None = None,
    content: bytes | None = None,
) -> int:
    """PUT a file of `body_bytes` bytes to the session's upload endpoint as the page does (multipart, XSRF
    header from the cookie); with `claimed`, announce that Content-Length and send no body at all (a huge
    upload): the status answered. Refused before the body is read → answered anyway."""
    parts = urlsplit(url)
    boundary = "----dxmapprobe" + uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    payload = head + (content if content is not None else b"a" * body_bytes) + tail
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Host": parts.netloc}
    headers["Content-Length"] = str(claimed if claimed is not None else len(payload))
    cookies = cookies or {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if "_streamlit_xsrf" in cookies:
        headers["X-Xsrftoken"] = cookies["_streamlit_xsrf"]
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{file_id or uuid.uuid4()}", skip_host=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        if claimed is None:
            try:
                connection.send(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before the body was read, and the connection closed: the answer is waiting
        return connection.getresponse().status
    finally:
        connection.close()


def delete_upload(url: str, session_id: str, file_id: str, cookies: dict[str, str] | None = None) -> int:
    parts = urlsplit(url)
    headers = {}
    cookies = cookies or {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if "_streamlit_xsrf" in cookies:
        headers["X-Xsrftoken"] = cookies["_streamlit_xsrf"]
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("DELETE", f"/_stcore/upload_file/{session_id}/{file_id}", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
