"""A local news site for the follow tests: feeds, pages good and bad, robots.txt.

Everything is served from 127.0.0.1 on a free port by ``http.server`` in a
thread; every request is logged (arrival time, path, headers, status) so tests
can check what the follower asked for and when.  The articles are written for
these tests; the outlets and people in them are fictional or public facts.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SLOW_SECONDS = 1.0  # longer than the client timeout the tests use
STEADY = "/news/steady.html"  # a good page that takes STEADY_SECONDS, counted in flight
STEADY_SECONDS = 0.2  # shorter than the client timeout the tests use
HUGE_BYTES = 2_000_000  # bigger than the --max-bytes the tests use
FEED_ETAG = '"world-v1"'
ATOM_LAST_MODIFIED = "Mon, 24 Jan 2022 18:00:00 GMT"


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None  # stated in the page, or not
    canonical: str | None = None  # path of <link rel="canonical">


STORIES: dict[str, Story] = {
    "/news/geneva-talks.html": Story(
        "Envoys Leave Geneva Without a Deal",
        (
            "American and Russian envoys ended a long day of talks in Geneva on Monday "
            "without agreeing on anything beyond meeting again.",
            "The Russian side repeated its demand for written guarantees that the alliance "
            "will stop growing eastward, a demand Washington has called a non-starter.",
            "Both delegations described the exchange as frank and said their capitals would "
            "study the proposals before the next round.",
        ),
        date="2022-01-10",
        canonical="/news/geneva-talks.html",
    ),
    "/news/baltic-patrols.html": Story(
        "Allied Jets Add Patrols Over the Baltic",
        (
            "Four additional fighter jets arrived in Lithuania to reinforce air patrols "
            "along the alliance's eastern flank, officials said.",
            "Defence ministers in the region welcomed the deployment and asked for more "
            "ground troops to follow in the coming weeks.",
        ),
    ),
    "/news/sanctions-warning.html": Story(
        "Brussels Readies a Sanctions Package",
        (
            "European Union foreign ministers warned Moscow that any new military move "
            "against Ukraine would be met with sweeping economic sanctions.",
            "Diplomats said the package could target banks and exports of technology, "
            "though several governments still want to keep energy out of it.",
        ),
        date="2022-01-24",
    ),
    "/news/osce-monitors.html": Story(
        "Monitors Report More Ceasefire Violations",
        (
            "International monitors in eastern Ukraine recorded a sharp rise in ceasefire "
            "violations along the line of contact over the weekend.",
            "The mission said shelling damaged a water station and asked both sides to "
            "allow repair crews through safely.",
        ),
        date="2022-02-19",
    ),
    "/news/reserves.html": Story(
        "Kyiv Calls Up Reservists for Training",
        (
            "Ukraine's government announced that reservists between eighteen and sixty "
            "would be called up for training drills this month.",
            "The defence ministry said the step was a precaution and urged citizens to "
            "stay calm and follow official guidance.",
        ),
        date="2022-02-22",
    ),
    "/flaky/embassy.html": Story(
        "Embassy Tells Families to Leave",
        (
            "The State Department ordered the families of embassy staff in Kyiv to leave "
            "the country, citing the threat of military action.",
            "Officials stressed that the embassy itself would stay open and keep working "
            "with the Ukrainian government.",
        ),
        date="2022-01-23",
    ),
}

# Windows-1252 bytes: curly quotes (0x93/0x94) and accented letters are not valid UTF-8.
CP1252_TITLE = "Talks in Zürich Stall"
CP1252_TEXT = (
    "Negotiators met again in Zürich on Thursday but made no progress, officials said.",
    "“We are still far apart,” one diplomat told the café crowd of reporters afterwards.",
)
PAYWALL_PAGE = (
    "<html><head><title>Subscribers only</title></head><body><nav>Home</nav>"
    "<div class='paywall'>Subscribe</div></body></html>"
)
ROBOTS = "User-agent: *\nDisallow: /private/\n"
DISALLOWED = "/private/leak.html"


def page_html(story: Story, base: str, charset: str | None = "utf-8") -> str:
    head = [f"<title>{story.title}</title>"]
    if charset:
        head.insert(0, f'<meta charset="{charset}">')
    if story.date:
        head.append(f'<meta property="article:published_time" content="{story.date}T09:00:00Z">')
    if story.canonical:
        head.append(f'<link rel="canonical" href="{base}{story.canonical}">')
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{story.title}</h1>{body}</article>"
        "<footer>Example Ledger. All rights reserved.</footer></body></html>"
    )


def rss(base: str) -> str:
    items = [
        ("Envoys leave Geneva", "/news/geneva-talks.html", "Mon, 10 Jan 2022 17:00:00 +0100"),
        ("Jets over the Baltic", "/news/baltic-patrols.html", "Mon, 24 Jan 2022 08:00:00 +0000"),
        ("Embassy families", "/flaky/embassy.html", "Sun, 23 Jan 2022 20:00:00 -0500"),
        ("Subscribers only", "/news/paywalled.html", "Tue, 25 Jan 2022 10:00:00 +0000"),
        ("Leaked memo", DISALLOWED, "Tue, 25 Jan 2022 11:00:00 +0000"),
        ("Slow page", "/news/slow.html", "Tue, 25 Jan 2022 12:00:00 +0000"),
    ]
    body = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>"
        for t, p, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Example Ledger: World</title><link>{base}/</link>{body}</channel></rss>"
    )


def atom(base: str) -> str:
    entries = [
        ("Sanctions package", "/news/sanctions-warning.html", "2022-01-24T12:00:00Z"),
        ("Reservists", "/go/reserves", "2022-02-22T07:00:00Z"),
        ("Loop", "/loop/a", "2022-02-23T07:00:00Z"),
        ("Huge", "/news/huge.html", "2022-02-23T08:00:00Z"),
    ]
    body = "".join(
        f"<entry><title>{t}</title><link rel='alternate' href='{p}'/><id>{p}</id>"
        f"<updated>{d}</updated></entry>"
        for t, p, d in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f"xml:base='{base}/'><title>Example Courier: Europe</title>{body}</feed>"
    )


def sitemap(base: str) -> str:
    urls = [
        ("/news/osce-monitors.html", "2022-02-19"),
        ("/news/cp1252-declared.html", "2022-02-10"),
        ("/news/geneva-talks.html?from=sitemap", "2022-01-10"),  # same page as in the RSS
    ]
    body = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication_date>{d}"
        f"</news:publication_date><news:title>t</news:title></news:news></url>"
        for p, d in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>'
    )


def opml(base: str) -> str:
    return (
        '<?xml version="1.0"?><opml version="2.0"><head><title>Test outlets</title></head><body>'
        f'<outline text="Wires"><outline text="Ledger" type="rss" xmlUrl="{base}/feeds/world.rss"/>'
        f'<outline text="Courier" type="rss" xmlUrl="{base}/feeds/europe.atom"/></outline>'
        f'<outline text="Sitemap" xmlUrl="{base}/sitemaps/news.xml"/></body></opml>'
    )


@dataclass
class Logged:
    at: float  # time.monotonic() when the request arrived
    host: str
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class InFlight:
    """Requests being answered right now (across servers sharing it), and the peak."""

    active: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def one(self) -> Iterator[None]:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            yield
        finally:
            with self.lock:
                self.active -= 1


@dataclass
class FeedServer:
    """Handle on the running server: its base url and its request log."""

    base: str = ""
    log: list[Logged] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: InFlight = field(default_factory=InFlight)  # of STEADY requests

    def paths(self) -> list[str]:
        with self.lock:
            return [entry.path for entry in self.log]

    def entries(self, path: str) -> list[Logged]:
        with self.lock:
            return [entry for entry in self.log if entry.path == path]


Body = bytes | Callable[[Any], None]  # bytes, or a writer that streams the body itself
Reply = tuple[int, dict[str, str], Body]


def _route(server: FeedServer, path: str, headers: dict[str, str]) -> Reply:
    base = server.base
    html = {"Content-Type": "text/html; charset=utf-8"}
    if path == "/robots.txt":
        return 200, {"Content-Type": "text/plain"}, ROBOTS.encode()
    if path == "/feeds/world.rss":
        if headers.get("if-none-match") == FEED_ETAG:
            return 304, {"ETag": FEED_ETAG}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": FEED_ETAG}, rss(base).encode()
    if path == "/feeds/europe.atom":
        if headers.get("if-modified-since") == ATOM_LAST_MODIFIED:
            return 304, {}, b""
        kind = {"Content-Type": "application/atom+xml", "Last-Modified": ATOM_LAST_MODIFIED}
        return 200, kind, atom(base).encode()
    if path == "/sitemaps/news.xml":
        if headers.get("if-none-match") == '"map-1"':
            return 304, {"ETag": '"map-1"'}, b""
        return 200, {"Content-Type": "application/xml", "ETag": '"map-1"'}, sitemap(base).encode()
    if path == "/outlets.opml":
        return 200, {"Content-Type": "text/x-opml"}, opml(base).encode()
    if path == "/flaky/embassy.html" and server.hits.get(path, 0) == 1:
        return 503, {"Retry-After": "1"}, b"busy"
    page = path.split("?")[0]
    if page == STEADY:
        page = "/news/osce-monitors.html"
    if page in STORIES:
        return 200, html, page_html(STORIES[page], base).encode()
    if path == "/go/reserves":
        return 301, {"Location": "/news/reserves.html"}, b""
    if path in ("/loop/a", "/loop/b"):
        return 302, {"Location": "/loop/b" if path == "/loop/a" else "/loop/a"}, b""
    if path == "/news/paywalled.html":
        return 200, html, PAYWALL_PAGE.encode()
    if path == "/news/cp1252-declared.html":
        story = Story(CP1252_TITLE, CP1252_TEXT, date="2022-02-10")
        return 200, html, page_html(story, base).encode("cp1252")
    if path == "/news/cp1252-plain.html":
        story = Story("Café Owners in Kyiv Stock Up", CP1252_TEXT[1:] + CP1252_TEXT[:1])
        return 200, {"Content-Type": "text/html"}, page_html(story, base, None).encode("cp1252")
    if path == "/news/busy.html":
        return 429, {"Retry-After": "120"}, b"slow down"
    if path == "/news/slow.html":
        return 200, html, _slow
    if path == "/news/huge.html":
        return 200, {"Content-Type": "text/html"}, _huge
    return 404, {"Content-Type": "text/plain"}, b"not found"


def _slow(handler: Any) -> None:
    time.sleep(SLOW_SECONDS)
    handler.wfile.write(b"<html><body><p>Too late to matter.</p></body></html>")


def _huge(handler: Any) -> None:
    """No Content-Length: the client must count the bytes itself and stop."""
    chunk = b"<p>" + b"filler words " * 5000 + b"</p>"
    sent = 0
    while sent < HUGE_BYTES:
        handler.wfile.write(chunk)
        sent += len(chunk)


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            entry = Logged(time.monotonic(), headers.get("host", ""), self.path, headers)
            with server.lock:
                server.log.append(entry)
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
            if self.path == STEADY:
                with server.in_flight.one():
                    time.sleep(STEADY_SECONDS)
                    self._answer(entry, headers)
            else:
                self._answer(entry, headers)

        def _answer(self, entry: Logged, headers: dict[str, str]) -> None:
            status, extra, body = _route(server, self.path, headers)
            entry.status = status
            # The client may stop reading (size limit, timeout): that is expected.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._reply(status, extra, body)

        def _reply(self, status: int, extra: dict[str, str], body: Body) -> None:
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            if isinstance(body, bytes):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if isinstance(body, bytes):
                self.wfile.write(body)
            else:
                body(self)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serve(in_flight: InFlight | None = None) -> Iterator[FeedServer]:
    """Run the site in a thread until the block ends (``in_flight`` may be shared)."""
    state = FeedServer(in_flight=in_flight or InFlight())
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
