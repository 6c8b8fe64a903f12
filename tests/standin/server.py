"""A stand-in Discord on 127.0.0.1: REST routes plus a JSON websocket gateway.

The real discord.py client talks to it unchanged once ``Route.BASE`` and
``DiscordWebSocket.DEFAULT_GATEWAY`` point here (see ``fixtures.standin``).
Tests inject gateway events with :meth:`StandInDiscord.dispatch` and assert on
the recorded REST traffic.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import json
import logging
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar
from urllib.parse import quote

from aiohttp import WSMsgType, web

from tests.standin import payloads
from tests.standin.payloads import Payload

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
# discord.py asks for zlib-stream (or zstd-stream when zstandard is installed) but
# decodes plain TEXT frames without decompressing, so the stand-in never compresses.
_COMPRESS_MODES = (None, "zlib-stream", "zstd-stream")
_EPHEMERAL = 1 << 6
_LOADING = 1 << 7
_EMPTY_ON_NULL: dict[str, Any] = {"content": "", "embeds": [], "components": [], "flags": 0}
_CHANNEL_MESSAGES = re.compile(r"/channels/\d+/messages")
_CALLBACK = re.compile(r"/interactions/\d+/[^/]+/callback")
_WEBHOOK = re.compile(r"/webhooks/\d+/[^/]+")

_log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class RecordedFile:
    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    """One HTTP request the stand-in answered; ``path`` excludes the /api/v10 prefix."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    time: float  # time.monotonic() on arrival
    status: int = 0
    response: Any = None  # the JSON body the stand-in answered with, if any

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


@dataclass
class _Fault:
    method: str
    path: re.Pattern[str]
    status: int
    retry_after: float
    remaining: int
    code: int


class _Download(NamedTuple):
    data: bytes
    content_type: str


# (status, body): body is JSON-able, a _Download, or None for an empty reply.
Reply = tuple[int, Any]
_Route = Callable[[web.Request, RecordedRequest], Awaitable[Reply]]


class _Log(Generic[T]):
    """An append-only log; each waiter claims the first unclaimed matching entry.

    Claiming makes ``wait_for_*`` mean "the next one": entries that arrived before
    the call still count, so a fast bot cannot race the test.
    """

    def __init__(self, describe: Callable[[T], str]) -> None:
        self.items: list[T] = []
        self._claimed: set[int] = set()
        self._changed = asyncio.Event()
        self._describe = describe

    def append(self, item: T) -> None:
        self.items.append(item)
        self._changed.set()
        self._changed = asyncio.Event()

    async def claim(self, predicate: Callable[[T], bool]) -> T:
        while True:
            for index, item in enumerate(self.items):
                if index not in self._claimed and predicate(item):
                    self._claimed.add(index)
                    return item
            await self._changed.wait()

    def timeout_error(self, wanted: str, timeout: float) -> TimeoutError:
        seen = ", ".join(self._describe(i) for i in self.items[-15:]) or "nothing"
        return TimeoutError(f"no {wanted} within {timeout}s; last seen: {seen}")


def _json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    if body is None:
        return web.Response(status=status, headers=headers)
    if isinstance(body, _Download):
        return web.Response(status=status, body=body.data, content_type=body.content_type, headers=headers)
    # discord.py parses a body only if Content-Type is exactly application/json (no charset).
    return web.Response(status=status, body=json.dumps(body).encode(), content_type="application/json", headers=headers)


def _error(status: int, code: int, message: str) -> Reply:
    return status, {"message": message, "code": code}


class StandInDiscord:
    """Fake Discord API + gateway for one bot; see the module docstring."""

    def __init__(
        self,
        *,
        guilds: list[Payload] | None = None,
        bot_user: Payload | None = None,
        application_id: int = payloads.APP_ID,
        token: str = "stand-in-token",
        heartbeat_interval_ms: int = 41_250,
    ) -> None:
        # World state; tests may edit these before the bot connects.
        self.guilds: list[Payload] = guilds if guilds is not None else [payloads.guild()]
        self.bot_user: Payload = bot_user or payloads.bot_user()
        self.application_id = application_id
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        # Close code to answer IDENTIFY with, e.g. 4014 (disallowed intents).
        self.identify_close_code: int | None = None

        self.commands: dict[int | None, list[Payload]] = {}  # guild id (None = global) -> commands
        self.messages: dict[int, Payload] = {}
        self.dm_channels: dict[int, Payload] = {}  # recipient id -> DM channel
        self.unhandled: list[RecordedRequest] = []
        self.errors: list[BaseException] = []  # bugs in the stand-in itself; the fixture fails on them

        self._requests: _Log[RecordedRequest] = _Log(str)
        self._frames: _Log[Payload] = _Log(lambda f: f"op {f.get('op')}")
        self._faults: list[_Fault] = []
        self._downloads: dict[str, _Download] = {}
        self._interactions: dict[str, Payload] = {}  # token -> INTERACTION_CREATE body
        self._responded: set[str] = set()
        self._originals: dict[str, Payload] = {}  # token -> original response message

        self._sockets: set[web.WebSocketResponse] = set()
        self._live: web.WebSocketResponse | None = None  # identified/resumed connection
        self._session_id: str | None = None
        self._seq = 0
        self._backlog: list[Payload] = []  # this session's dispatches, replayed on RESUME
        self._send_lock = asyncio.Lock()
        self._session_started = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- lifecycle -----------------------------------------------------------------

    async def start(self) -> None:
        self._runner = web.AppRunner(self._build_app(), shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"stand-in shutting down")
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return self.url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return self.url.replace("http://", "ws://") + GATEWAY_PATH

    # -- test controls -------------------------------------------------------------

    async def dispatch(self, event: str, data: Payload, *, timeout: float = 5.0) -> int:  # noqa: ASYNC109
        """Send a DISPATCH and return its sequence number.

        Waits (up to ``timeout``) for the bot's first IDENTIFY. While the bot is
        reconnecting the event stays in the backlog and is replayed on RESUME, as
        Discord does. MESSAGE_CREATE and INTERACTION_CREATE bodies are remembered
        so replies, fetches and interaction callbacks can refer to them.
        """
        try:
            await asyncio.wait_for(self._session_started.wait(), timeout)
        except TimeoutError:
            raise TimeoutError("the bot never identified on the stand-in gateway") from None
        data = copy.deepcopy(data)
        if event == "MESSAGE_CREATE":
            self.messages[int(data["id"])] = data
            if "guild_id" not in data:
                author = data["author"]
                self.dm_channels.setdefault(int(author["id"]), payloads.dm_channel(author, id=int(data["channel_id"])))
        elif event == "INTERACTION_CREATE":
            self._interactions[data["token"]] = data
        async with self._send_lock:
            return await self._send_dispatch(self._live, event, data)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the bot's gateway socket with a resumable code; discord.py reconnects and RESUMEs."""
        async with self._send_lock:
            ws, self._live = self._live, None
        if ws is None:
            raise RuntimeError("no live gateway connection to drop")
        await ws.close(code=code, message=b"dropped by the test")

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        retry_after: float | None = None,
        times: int = 1,
        *,
        code: int = 0,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` instead of handling them.

        ``path_regex`` must match the whole path (without /api/v10). A 429 carries
        ``retry_after`` (default 0.05 s) in its body and X-RateLimit-* headers, so
        discord.py sleeps and retries. Note discord.py also retries 500/502/504
        itself (sleeping 1 s, 3 s, ...); use 503 or a 4xx for an immediate error.
        """
        self._faults.append(_Fault(method.upper(), re.compile(path_regex), status, retry_after or 0.05, times, code))

    def register_attachment(self, filename: str, data: bytes, *, content_type: str = "text/plain") -> Payload:
        """Serve ``data`` from the stand-in and return an attachment payload whose url points at it."""
        attachment_id = payloads.new_id()
        self._downloads[str(attachment_id)] = _Download(data, content_type)
        url = f"{self.url}/attachments/{attachment_id}/{quote(filename)}"
        return payloads.attachment(filename, url=url, size=len(data), content_type=content_type, id=attachment_id)

    # The public waits take a timeout (ASYNC109) on purpose: a test should never hang on a missing call.
    async def wait_for_request(self, method: str, path_regex: str, timeout: float = 5.0) -> RecordedRequest:  # noqa: ASYNC109
        """Return the first not-yet-claimed request matching ``method`` and the whole ``path_regex``."""
        pattern = re.compile(path_regex)
        wanted = f"{method.upper()} {path_regex}"
        try:
            async with asyncio.timeout(timeout):
                return await self._requests.claim(
                    lambda r: r.method == method.upper() and pattern.fullmatch(r.path) is not None
                )
        except TimeoutError:
            raise self._requests.timeout_error(wanted, timeout) from None

    async def wait_for_frame(self, op: int, timeout: float = 5.0) -> Payload:  # noqa: ASYNC109
        """Return the first not-yet-claimed gateway frame the bot sent with opcode ``op``."""
        try:
            async with asyncio.timeout(timeout):
                return await self._frames.claim(lambda f: f.get("op") == op)
        except TimeoutError:
            raise self._frames.timeout_error(f"gateway op {op}", timeout) from None

    @property
    def requests(self) -> list[RecordedRequest]:
        return self._requests.items

    @property
    def gateway_frames(self) -> list[Payload]:
        """Every frame the bot sent (IDENTIFY, RESUME, heartbeats, presence, member requests)."""
        return self._frames.items

    @property
    def sent_messages(self) -> list[RecordedRequest]:
        """Successful POST /channels/{id}/messages; ``.json`` is the body, ``.response`` the message."""
        return [
            r for r in self.requests if r.method == "POST" and _CHANNEL_MESSAGES.fullmatch(r.path) and r.status == 200
        ]

    @property
    def interaction_responses(self) -> list[RecordedRequest]:
        """Successful interaction callbacks; ``.json`` is ``{"type": ..., "data": ...}``."""
        return [r for r in self.requests if _CALLBACK.fullmatch(r.path) and r.status == 200]

    @property
    def followups(self) -> list[RecordedRequest]:
        """Successful follow-up messages (POST /webhooks/{app_id}/{token})."""
        return [r for r in self.requests if r.method == "POST" and _WEBHOOK.fullmatch(r.path) and r.status < 300]

    # -- HTTP plumbing -------------------------------------------------------------

    def _build_app(self) -> web.Application:
        app = web.Application()
        api: list[tuple[str, str, _Route]] = [
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway),
            ("GET", "/users/@me", self._get_me),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/applications/@me", self._get_application),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("POST", "/channels/{channel_id}/typing", self._typing),
            ("POST", "/channels/{channel_id}/messages", self._create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message),
            ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user}", self._reaction),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user}", self._reaction),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback),
            ("POST", "/webhooks/{app_id}/{token}", self._create_followup),
            ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", self._get_webhook_message),
            ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", self._edit_webhook_message),
            ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", self._delete_webhook_message),
        ]
        for method, path, route in api:
            app.router.add_route(method, API_PREFIX + path, self._handler(route))
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handler(self._unknown_route))
        app.router.add_get("/attachments/{attachment_id}/{filename}", self._handler(self._download))
        app.router.add_get(GATEWAY_PATH, self._gateway)
        return app

    def _handler(self, route: _Route) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handle(request: web.Request) -> web.StreamResponse:
            record = await self._record(request)
            headers: dict[str, str] | None = None
            fault = self._take_fault(record)
            try:
                if fault is not None:
                    (status, body), headers = self._fault_reply(fault)
                elif not self._authorized(request, record):
                    status, body = _error(401, 0, "401: Unauthorized")
                else:
                    status, body = await route(request, record)
            except Exception as exc:
                # A bug here must not look like a Discord 5xx, which discord.py would retry for seconds.
                _log.exception("stand-in failed on %s", record)
                self.errors.append(exc)
                status, body = _error(400, 0, f"stand-in error: {exc!r}")
            record.status = 204 if body is None and status == 200 else status
            record.response = None if isinstance(body, _Download) else body
            self._requests.append(record)
            return _json_response(record.status, body, headers)

        return handle

    async def _record(self, request: web.Request) -> RecordedRequest:
        body: Any = None
        files: list[RecordedFile] = []
        if request.content_type == "multipart/form-data":
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files.append(RecordedFile(name, value.filename, value.content_type, value.file.read()))
                elif name == "payload_json":
                    body = json.loads(value)
        elif request.content_type == "application/json" and request.can_read_body:
            body = await request.json()
        path = request.path.removeprefix(API_PREFIX)
        return RecordedRequest(
            request.method, path, dict(request.query), body, files, dict(request.headers), time.monotonic()
        )

    def _authorized(self, request: web.Request, record: RecordedRequest) -> bool:
        # Interaction callbacks and webhooks authenticate by their token in the path.
        if record.path.startswith(("/interactions/", "/webhooks/", "/attachments/")):
            return True
        return request.headers.get("Authorization") == f"Bot {self.token}"

    def _take_fault(self, record: RecordedRequest) -> _Fault | None:
        for fault in self._faults:
            if fault.remaining > 0 and fault.method == record.method and fault.path.fullmatch(record.path):
                fault.remaining -= 1
                return fault
        return None

    def _fault_reply(self, fault: _Fault) -> tuple[Reply, dict[str, str] | None]:
        if fault.status != 429:
            return _error(fault.status, fault.code, f"{fault.status}: injected by the stand-in"), None
        bucket = hashlib.sha1(f"{fault.method} {fault.path.pattern}".encode()).hexdigest()[:16]
        headers = {
            "Retry-After": str(math.ceil(fault.retry_after)),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + fault.retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{fault.retry_after:.3f}",
            "X-RateLimit-Bucket": bucket,
            "X-RateLimit-Scope": "user",
            # discord.py treats a 429 without Via as a Cloudflare ban and raises instead of retrying.
            "Via": "1.1 google",
        }
        body = {"message": "You are being rate limited.", "retry_after": fault.retry_after, "global": False}
        return (429, body), headers

    async def _unknown_route(self, request: web.Request, record: RecordedRequest) -> Reply:
        self.unhandled.append(record)
        return _error(404, 0, f"404: stand-in has no route for {record.method} {record.path}")

    async def _download(self, request: web.Request, record: RecordedRequest) -> Reply:
        download = self._downloads.get(request.match_info["attachment_id"])
        if download is None:
            return _error(404, 0, "404: Not Found")
        return 200, download

    # -- lookups -------------------------------------------------------------------

    def _guild(self, guild_id: int) -> Payload | None:
        return next((g for g in self.guilds if int(g["id"]) == guild_id), None)

    def _channel(self, channel_id: int) -> Payload | None:
        channels: list[Payload] = [c for g in self.guilds for c in g["channels"]]
        channels += self.dm_channels.values()
        return next((c for c in channels if int(c["id"]) == channel_id), None)

    def _user(self, user_id: int) -> Payload | None:
        if int(self.bot_user["id"]) == user_id:
            return self.bot_user
        members = (m["user"] for g in self.guilds for m in g["members"])
        return next((u for u in members if int(u["id"]) == user_id), None)

    def _message_in(self, request: web.Request) -> Payload | None:
        message = self.messages.get(int(request.match_info["message_id"]))
        if message is None or message["channel_id"] != request.match_info["channel_id"]:
            return None
        return message

    # -- REST: session and application ---------------------------------------------

    async def _get_gateway(self, request: web.Request, record: RecordedRequest) -> Reply:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}

    async def _get_me(self, request: web.Request, record: RecordedRequest) -> Reply:
        return 200, self.bot_user

    async def _get_user(self, request: web.Request, record: RecordedRequest) -> Reply:
        found = self._user(int(request.match_info["user_id"]))
        return (200, found) if found else _error(404, 10013, "Unknown User")

    async def _get_application(self, request: web.Request, record: RecordedRequest) -> Reply:
        return 200, {
            "id": str(self.application_id),
            "name": self.bot_user["username"],
            "icon": None,
            "description": "",
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": payloads.user(payloads.OWNER_ID, "owner"),
            "verify_key": "0" * 64,
            "flags": 0,
            "bot": self.bot_user,
        }

    def _commands_key(self, request: web.Request) -> tuple[int | None, Reply | None]:
        """Return the command store key, or an error if the app or guild is not ours."""
        guild_id = request.match_info.get("guild_id")
        if int(request.match_info["app_id"]) != self.application_id:
            return None, _error(403, 50001, "Missing Access")
        if guild_id is None:
            return None, None
        if self._guild(int(guild_id)) is None:
            return None, _error(403, 50001, "Missing Access")
        return int(guild_id), None

    async def _get_commands(self, request: web.Request, record: RecordedRequest) -> Reply:
        key, error = self._commands_key(request)
        return error or (200, self.commands.get(key, []))

    async def _put_commands(self, request: web.Request, record: RecordedRequest) -> Reply:
        key, error = self._commands_key(request)
        if error:
            return error
        known = {(c["name"], c.get("type", 1)): c["id"] for c in self.commands.get(key, [])}
        echoed = []
        for command in record.json:
            stored = {
                **command,
                # Overwriting keeps the id of a command with the same name and type, like Discord.
                "id": known.get((command["name"], command.get("type", 1))) or str(payloads.new_id()),
                "application_id": str(self.application_id),
                "version": str(payloads.new_id()),
            }
            if key is not None:
                stored["guild_id"] = str(key)
            echoed.append(stored)
        self.commands[key] = echoed
        return 200, echoed

    # -- REST: channels and messages -----------------------------------------------

    async def _get_channel(self, request: web.Request, record: RecordedRequest) -> Reply:
        channel = self._channel(int(request.match_info["channel_id"]))
        return (200, channel) if channel else _error(404, 10003, "Unknown Channel")

    async def _create_dm(self, request: web.Request, record: RecordedRequest) -> Reply:
        recipient_id = int(record.json["recipient_id"])
        recipient = self._user(recipient_id)
        if recipient is None:
            return _error(400, 50007, "Cannot send messages to this user")
        channel = self.dm_channels.setdefault(recipient_id, payloads.dm_channel(recipient, id=payloads.new_id()))
        return 200, channel

    async def _typing(self, request: web.Request, record: RecordedRequest) -> Reply:
        if self._channel(int(request.match_info["channel_id"])) is None:
            return _error(404, 10003, "Unknown Channel")
        return 200, None

    async def _create_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        channel_id = int(request.match_info["channel_id"])
        if self._channel(channel_id) is None:
            return _error(404, 10003, "Unknown Channel")
        return self._new_message(channel_id, record.json or {}, record.files)

    def _new_message(self, channel_id: int, body: Payload, files: list[RecordedFile]) -> Reply:
        reference = body.get("message_reference")
        referenced = None
        if reference and reference.get("message_id"):
            referenced = self.messages.get(int(reference["message_id"]))
            if referenced is None and reference.get("fail_if_not_exists", True):
                return 400, {
                    "message": "Invalid Form Body",
                    "code": 50035,
                    "errors": {"message_reference": {"_errors": [{"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE"}]}},
                }
            if referenced is None:
                reference = None
        message = payloads.message(
            body.get("content") or "",
            author=self.bot_user,
            channel_id=channel_id,
            embeds=body.get("embeds") or [],
            components=body.get("components") or [],
            attachments=self._attachments(body, files, []),
            flags=body.get("flags") or 0,
            message_reference=reference,
            referenced_message=referenced,
        )
        message["tts"] = bool(body.get("tts"))
        self.messages[int(message["id"])] = message
        return 200, message

    def _attachments(self, body: Payload, files: list[RecordedFile], existing: list[Payload]) -> list[Payload]:
        """Turn a body's ``attachments`` into payloads: new uploads get stand-in URLs, kept ones stay."""
        uploads = {f.field: f for f in files}
        result: list[Payload] = []
        for entry in body.get("attachments") or []:
            upload = uploads.get(f"files[{entry['id']}]")
            if upload is not None:
                name = entry.get("filename") or upload.filename
                result.append(self.register_attachment(name, upload.data, content_type=upload.content_type))
            else:
                result.extend(a for a in existing if a["id"] == str(entry["id"]))
        return result

    def _edit(self, message: Payload, body: Payload, files: list[RecordedFile]) -> Payload:
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                message[key] = _EMPTY_ON_NULL[key] if body[key] is None else body[key]
        if "attachments" in body:
            message["attachments"] = self._attachments(body, files, message["attachments"])
        message["edited_timestamp"] = payloads.timestamp()
        return message

    async def _get_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        message = self._message_in(request)
        return (200, message) if message else _error(404, 10008, "Unknown Message")

    async def _edit_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        message = self._message_in(request)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        return 200, self._edit(message, record.json or {}, record.files)

    async def _delete_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        message = self._message_in(request)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        del self.messages[int(message["id"])]
        return 200, None

    async def _reaction(self, request: web.Request, record: RecordedRequest) -> Reply:
        if self._message_in(request) is None:
            return _error(404, 10008, "Unknown Message")
        return 200, None

    # -- REST: interactions and follow-ups ---------------------------------------

    async def _interaction_callback(self, request: web.Request, record: RecordedRequest) -> Reply:
        interaction_id, token = request.match_info["interaction_id"], request.match_info["token"]
        interaction = self._interactions.get(token)
        if interaction is None or interaction["id"] != interaction_id:
            return _error(404, 10062, "Unknown interaction")
        self._responded.add(interaction_id)

        response_type = record.json["type"]
        data = record.json.get("data") or {}
        message: Payload | None = None
        if response_type in (4, 5):  # (deferred) channel message with source
            body = data if response_type == 4 else {"flags": data.get("flags", 0) | _LOADING}
            status, created = self._new_message(int(interaction["channel_id"]), body, record.files)
            if status != 200:
                return status, created
            message = created
            message |= {
                "type": 20 if interaction["type"] == 2 else 0,
                "webhook_id": str(self.application_id),
                "application_id": str(self.application_id),
            }
        elif response_type in (6, 7) and "message" in interaction:  # (deferred) update of the clicked message
            message = self.messages.setdefault(int(interaction["message"]["id"]), interaction["message"])
            if response_type == 7:
                self._edit(message, data, record.files)
        if message is not None:
            self._originals[token] = message

        result: Payload = {
            "interaction": {
                "id": interaction_id,
                "type": interaction["type"],
                "response_message_loading": response_type == 5,
                "response_message_ephemeral": bool(data.get("flags", 0) & _EPHEMERAL),
            }
        }
        if message is not None:
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"] = {"type": response_type, "message": message}
        return 200, result

    def _webhook_interaction(self, request: web.Request) -> Payload | None:
        """The interaction behind a follow-up webhook, once it has been responded to."""
        interaction = self._interactions.get(request.match_info["token"])
        if interaction is None or interaction["id"] not in self._responded:
            return None  # Discord rejects follow-ups before the initial response.
        if int(request.match_info["app_id"]) != self.application_id:
            return None
        return interaction

    def _webhook_message(self, request: web.Request) -> Payload | None:
        if self._webhook_interaction(request) is None:
            return None
        message_id = request.match_info["message_id"]
        if message_id == "@original":
            return self._originals.get(request.match_info["token"])
        return self.messages.get(int(message_id))

    async def _create_followup(self, request: web.Request, record: RecordedRequest) -> Reply:
        interaction = self._webhook_interaction(request)
        if interaction is None:
            return _error(404, 10015, "Unknown Webhook")
        status, message = self._new_message(int(interaction["channel_id"]), record.json or {}, record.files)
        if status != 200:
            return status, message
        message |= {"webhook_id": str(self.application_id), "application_id": str(self.application_id)}
        return (200, message) if record.query.get("wait") in ("1", "true", "True") else (200, None)

    async def _get_webhook_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        message = self._webhook_message(request)
        return (200, message) if message else _error(404, 10008, "Unknown Message")

    async def _edit_webhook_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        message = self._webhook_message(request)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        message["flags"] = message.get("flags", 0) & ~_LOADING  # editing a deferred reply resolves it
        return 200, self._edit(message, record.json or {}, record.files)

    async def _delete_webhook_message(self, request: web.Request, record: RecordedRequest) -> Reply:
        message = self._webhook_message(request)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        self.messages.pop(int(message["id"]), None)
        if request.match_info["message_id"] == "@original":
            del self._originals[request.match_info["token"]]
        return 200, None

    # -- gateway -------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        query = request.query
        if query.get("v") != "10" or query.get("encoding") != "json" or query.get("compress") not in _COMPRESS_MODES:
            return web.Response(status=400, text=f"stand-in gateway cannot serve {request.query_string!r}")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.add(ws)
        try:
            await ws.send_json({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    frame = json.loads(msg.data)
                    self._frames.append(frame)
                    await self._on_frame(ws, frame)
        finally:
            self._sockets.discard(ws)
            if self._live is ws:
                self._live = None
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, frame: Payload) -> None:
        op, data = frame.get("op"), frame.get("d") or {}
        if op == 1:  # HEARTBEAT
            await ws.send_json({"op": 11})
        elif op == 2:  # IDENTIFY
            await self._identify(ws, data)
        elif op == 6:  # RESUME
            await self._resume(ws, data)
        elif op == 8:  # REQUEST_GUILD_MEMBERS
            await self._member_chunk(ws, data)

    async def _identify(self, ws: web.WebSocketResponse, data: Payload) -> None:
        if self.identify_close_code is not None:
            await ws.close(code=self.identify_close_code, message=b"refused by the stand-in")
            return
        async with self._send_lock:
            self._session_id = uuid.uuid4().hex
            self._seq = 0
            self._backlog = []
            ready: Payload = {
                "v": 10,
                "user": self.bot_user,
                "guilds": [{"id": g["id"], "unavailable": True} for g in self.guilds],
                "session_id": self._session_id,
                "resume_gateway_url": self.gateway_url,
                "application": {"id": str(self.application_id), "flags": 0},
                "private_channels": [],
            }
            if "shard" in data:
                ready["shard"] = data["shard"]
            await self._send_dispatch(ws, "READY", ready)
            for g in self.guilds:
                await self._send_dispatch(ws, "GUILD_CREATE", g)
            self._live = ws
        self._session_started.set()

    async def _resume(self, ws: web.WebSocketResponse, data: Payload) -> None:
        if data.get("session_id") != self._session_id:
            await ws.send_json({"op": 9, "d": False})  # INVALID_SESSION, not resumable
            return
        async with self._send_lock:
            for frame in self._backlog:
                if frame["s"] > (data.get("seq") or 0):
                    await ws.send_json(frame)
            await self._send_dispatch(ws, "RESUMED", {})
            self._live = ws

    async def _member_chunk(self, ws: web.WebSocketResponse, data: Payload) -> None:
        found = self._guild(int(data["guild_id"]))
        members = list(found["members"]) if found else []
        if data.get("user_ids"):
            wanted = {str(i) for i in data["user_ids"]}
            members = [m for m in members if m["user"]["id"] in wanted]
        elif data.get("query"):
            members = [m for m in members if m["user"]["username"].startswith(data["query"])]
        chunk: Payload = {
            "guild_id": data["guild_id"],
            "members": members[: data.get("limit") or None],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if "nonce" in data:
            chunk["nonce"] = data["nonce"]
        async with self._send_lock:
            await self._send_dispatch(ws, "GUILD_MEMBERS_CHUNK", chunk)

    async def _send_dispatch(self, ws: web.WebSocketResponse | None, event: str, data: Payload) -> int:
        """Number, log and (if connected) send a dispatch; callers hold ``_send_lock``."""
        self._seq += 1
        frame = {"op": 0, "t": event, "s": self._seq, "d": data}
        self._backlog.append(frame)
        if ws is not None:
            try:
                await ws.send_json(frame)
            except ConnectionResetError:
                # The bot went away mid-send; the frame waits in the backlog for its RESUME.
                if self._live is ws:
                    self._live = None
        return self._seq
