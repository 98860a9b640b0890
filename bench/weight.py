"""What a phone downloads to show a page.

The page is fetched as a browser would (``Accept-Encoding: gzip, deflate,
br``) and every same-origin stylesheet, script, font, preload and manifest it
references is fetched the same way, following ``@import`` and ``url()`` in
stylesheets. Bytes are counted as they cross the wire: status line, headers
and the body as served (compressed where the server compresses). Images,
audio, video and embedded frames are media: counted and listed, not added to
the total (the target excludes them).
"""

from __future__ import annotations

import gzip
import http.client
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

ACCEPT_ENCODING = "gzip, deflate, br"
FONT_EXT = (".woff2", ".woff", ".ttf", ".otf", ".eot")
MEDIA_EXT = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".svg",
    ".ico",
    ".mp3",
    ".mp4",
    ".webm",
    ".ogg",
)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Resource:
    url: str
    kind: str  # html, css, js, font, other
    status: int
    encoding: str
    wire_bytes: int  # status line + headers + body as served
    body_bytes: int  # body as served
    raw_bytes: int  # body decoded


@dataclass
class Weight:
    resources: list[Resource] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    html_served_compressed: bool = True
    html_gzip_bytes: int = 0  # the HTML body gzipped at level 6, when the app sent it raw

    @property
    def requests(self) -> int:
        return len(self.resources)

    @property
    def wire_bytes(self) -> int:
        return sum(r.wire_bytes for r in self.resources)

    @property
    def compressed_bytes(self) -> int:
        """Bytes on the wire with the HTML compressed as the proxy in front
        (nginx's ``gzip on``) sends it when the app did not compress it."""
        total = self.wire_bytes
        if not self.html_served_compressed:
            html = self.resources[0]
            total += self.html_gzip_bytes - html.body_bytes
        return total


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[tuple[str, str]] = []
        self.media: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "link":
            rel = set(a.get("rel", "").lower().split())
            href = a.get("href")
            if not href:
                return
            if "stylesheet" in rel:
                self.assets.append(("css", href))
            elif rel & {"preload", "modulepreload", "prefetch"}:
                kind = {"style": "css", "script": "js", "font": "font"}.get(
                    a.get("as", ""), "other"
                )
                if kind == "other" and a.get("as") == "image":
                    self.media.append(href)
                else:
                    self.assets.append((kind, href))
            elif rel & {"icon", "apple-touch-icon"}:
                self.media.append(href)
            elif "manifest" in rel:
                self.assets.append(("other", href))
        elif tag == "script" and a.get("src"):
            self.assets.append(("js", a["src"]))
        elif tag in {"img", "source", "video", "audio", "iframe", "embed", "track"}:
            for name in ("src", "poster"):
                if a.get(name):
                    self.media.append(a[name])
            for candidate in a.get("srcset", "").split(","):
                if candidate.strip():
                    self.media.append(candidate.split()[0])


def _fetch(base: str, url: str, *, encoding: str, cookie: str | None) -> tuple[int, dict, bytes]:
    parsed = urlparse(urljoin(base, url))
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    headers = {"Accept-Encoding": encoding, "Accept": "text/html,*/*;q=0.8"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(
            len(f"{k}: {v}\r\n") for k, v in response.getheaders()
        )
        return response.status, {"_bytes": header_bytes, **dict(response.getheaders())}, body
    finally:
        conn.close()


def _resource(base: str, url: str, kind: str, cookie: str | None) -> tuple[Resource, bytes]:
    status, headers, body = _fetch(base, url, encoding=ACCEPT_ENCODING, cookie=cookie)
    encoding = headers.get("Content-Encoding", "identity")
    raw = body
    if encoding != "identity":
        _, _, raw = _fetch(base, url, encoding="identity", cookie=cookie)
    resource = Resource(
        url=url,
        kind=kind,
        status=status,
        encoding=encoding,
        wire_bytes=headers["_bytes"] + 2 + len(body),
        body_bytes=len(body),
        raw_bytes=len(raw),
    )
    return resource, raw


def _same_origin(base: str, url: str) -> bool:
    return urlparse(urljoin(base, url)).netloc == urlparse(base).netloc


def measure(base: str, path: str, *, cookie: str | None = None) -> Weight:
    weight = Weight()
    html, raw_html = _resource(base, path, "html", cookie)
    if html.status != 200:
        raise RuntimeError(f"{path} answered {html.status}")
    weight.resources.append(html)
    weight.html_served_compressed = html.encoding != "identity"
    weight.html_gzip_bytes = len(gzip.compress(raw_html, compresslevel=6, mtime=0))

    parser = _Links()
    parser.feed(raw_html.decode("utf-8", "replace"))
    weight.media.extend(urljoin(path, m) for m in parser.media)
    queue = [(kind, urljoin(path, href)) for kind, href in parser.assets]
    seen = {path}
    while queue:
        kind, url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if not _same_origin(base, url):
            # A third-party asset is still a request the phone makes, but we
            # cannot weigh it honestly from here; flag it as "other" with 0 bytes.
            weight.resources.append(Resource(url, kind, 0, "third-party", 0, 0, 0))
            continue
        resource, raw = _resource(base, url, kind, cookie)
        weight.resources.append(resource)
        if kind == "css":
            for match in CSS_URL.finditer(raw.decode("utf-8", "replace")):
                ref = match.group(1) or match.group(2)
                if ref.startswith("data:"):
                    continue
                target = urljoin(url, ref)
                lowered = urlparse(target).path.lower()
                if match.group(2) or lowered.endswith(".css"):
                    queue.append(("css", target))
                elif lowered.endswith(FONT_EXT):
                    queue.append(("font", target))
                elif lowered.endswith(MEDIA_EXT):
                    weight.media.append(target)
    return weight
