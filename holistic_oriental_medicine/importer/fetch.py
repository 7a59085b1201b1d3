"""Reading a Wix site: over HTTP with timeouts, retries and back-off, or from a saved folder.

Only the site the editor named (with or without its `www.`) and Wix's own media hosts are
asked for anything: an address elsewhere, or a redirect to one, is refused by name. Every
answer is read up to MAX_RESPONSE_BYTES, and the whole import up to MAX_IMPORT_SECONDS."""

import logging
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from . import ImportFailed

# Seconds to connect, and to wait for each part of an answer.
TIMEOUT = (5, 30)
# The longest pause a server's Retry-After may ask for before a request is tried again.
MAX_RETRY_AFTER = 30


class BoundedRetry(Retry):
    """Retries that wait as a busy server asks, but never longer than MAX_RETRY_AFTER."""

    def get_retry_after(self, response):
        after = super().get_retry_after(response)
        return None if after is None else min(after, MAX_RETRY_AFTER)


# Failed requests are tried again this many times, waiting 0.5 s, 1 s, 2 s... between tries
# (or as long as the server's Retry-After asks, up to MAX_RETRY_AFTER).
RETRIES = BoundedRetry(
    total=3,
    backoff_factor=0.5,
    status_forcelist=(429, 500, 502, 503, 504),
    allowed_methods=("GET",),
    respect_retry_after_header=True,
)
MAX_REDIRECTS = 5
# Redirects are followed here, one by one, so that each is checked before it is followed.
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# The largest answer read: a Wix page is well under 5 MB and an original picture under 25 MB.
MAX_RESPONSE_BYTES = 50 * 1024 * 1024
# The whole import stops asking after this long; a new run picks up what was not read.
MAX_IMPORT_SECONDS = 30 * 60
# Where Wix keeps a site's pictures and videos, whatever the site's own address.
WIX_MEDIA_HOSTS = ("static.wixstatic.com", "video.wixstatic.com")
# At most this many requests at a time: enough to be quick, few enough to be polite.
CONCURRENT_REQUESTS = 4
# urllib3 logs every retry as a warning; the import says itself whether the site could be read.
logging.getLogger("urllib3").setLevel(logging.ERROR)
USER_AGENT = "holistic-oriental-medicine-site wix-import (+https://getpelican.com)"
CHUNK_BYTES = 64 * 1024


class NotFound(Exception):
    """The site has no file at this address (a 404), as opposed to a site that cannot be read."""


def twin_hosts(host):
    """A host and its twin with or without `www.`: Wix sends one to the other."""
    if not host:
        return set()
    host = host.lower()
    bare = host.removeprefix("www.")
    return {bare, f"www.{bare}"}


class WebSite:
    """A live Wix site at `base` (its address)."""

    def __init__(self, base, media_base=None):
        self.base = base.rstrip("/") + "/"
        self.allowed_hosts = {*twin_hosts(urlsplit(self.base).hostname), *WIX_MEDIA_HOSTS}
        if media_base and "://" in media_base:
            self.allowed_hosts.add(urlsplit(media_base).hostname.lower())
        self.deadline = time.monotonic() + MAX_IMPORT_SECONDS
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=RETRIES, pool_maxsize=CONCURRENT_REQUESTS)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT

    def url(self, path):
        return urljoin(self.base, path.lstrip("/"))

    def get(self, address):
        """The bytes at `address` (a path of the site, or a full URL)."""
        url = address if "://" in address else self.url(address)
        for _ in range(MAX_REDIRECTS + 1):
            self.refuse_unless_allowed(url)
            response = self.request(url)
            if response.status_code not in REDIRECT_STATUSES:
                break
            target = urljoin(url, response.headers.get("Location", ""))
            response.close()
            if target == url:
                break
            if urlsplit(target).hostname not in self.allowed_hosts:
                raise ImportFailed(f"{url}: refused: it redirects to {target}, which is not on the "
                                   f"Wix site {self.site_name()} or Wix's media hosts.")
            url = target
        else:
            raise ImportFailed(f"{url}: refused: more than {MAX_REDIRECTS} redirects in a row.")
        with response:
            if response.status_code == 404:
                raise NotFound(url)
            if response.status_code != 200:
                raise ImportFailed(f"{url}: the server answered {response.status_code}. Try again later.")
            return self.bounded_body(url, response)

    def reads_from(self, url):
        """Whether `url` is on the Wix site or one of Wix's media hosts."""
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "").lower() in self.allowed_hosts

    def refuse_unless_allowed(self, url):
        if not self.reads_from(url):
            raise ImportFailed(f"{url}: refused: it is not on the Wix site {self.site_name()} or "
                               f"Wix's media hosts ({', '.join(WIX_MEDIA_HOSTS)}), the only places "
                               "the import reads from.")

    def site_name(self):
        return urlsplit(self.base).hostname

    def remaining(self, url):
        """Seconds left of the import's time; ImportFailed once there are none."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            limit = (f"{MAX_IMPORT_SECONDS // 60} minutes" if MAX_IMPORT_SECONDS >= 60
                     else f"{MAX_IMPORT_SECONDS} seconds")
            raise ImportFailed(f"{url}: not read: the import's time limit of {limit} ran out. "
                               "Run the import again to read the rest.")
        return left

    def request(self, url):
        left = self.remaining(url)
        try:
            return self.session.get(url, timeout=(min(TIMEOUT[0], left), min(TIMEOUT[1], left)),
                                    stream=True, allow_redirects=False)
        except requests.RequestException as error:
            raise ImportFailed(f"{url}: cannot be reached ({short_reason(error)}). Check the "
                               "address and your connection, then run the import again.") from None

    def bounded_body(self, url, response):
        """The answer's bytes, read as they come, refused once larger than MAX_RESPONSE_BYTES or
        once the import's time is up."""
        too_large = (f"{url}: refused: larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB, the "
                     "most the import reads of one address.")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
            raise ImportFailed(too_large)
        chunks, size = [], 0
        try:
            while chunk := response.raw.read1(CHUNK_BYTES, decode_content=True):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ImportFailed(too_large)
                chunks.append(chunk)
                self.remaining(url)
        except (urllib3.exceptions.HTTPError, OSError) as error:
            raise ImportFailed(f"{url}: cannot be read to the end ({short_reason(error)}). "
                               "Run the import again.") from None
        return b"".join(chunks)


class SavedSite:
    """A Wix site saved in a folder, each address's file at its path (`post/<slug>` as
    `post/<slug>`, `post/<slug>.html` or `post/<slug>/index.html`; pictures under `media/`;
    `blog-posts-sitemap.xml?page=2` with its query)."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def url(self, path):
        return path

    def reads_from(self, url):
        return True  # every address is a file of the folder

    def get(self, address):
        parts = urlsplit(address)
        relative = unquote(parts.path).strip("/")
        # A saved page of a split sitemap keeps its query in its name, as wget saves it.
        with_query = [f"{relative}?{parts.query}"] if parts.query else []
        for candidate in (*with_query, relative, f"{relative}.html", f"{relative}/index.html"):
            path = self.folder / candidate
            if candidate and path.is_file() and path.resolve().is_relative_to(self.folder.resolve()):
                return path.read_bytes()
        raise NotFound(str(self.folder / relative))


def short_reason(error):
    reason = error.__class__.__name__
    if isinstance(error, requests.ConnectionError):
        reason = "no connection"
    elif isinstance(error, (requests.Timeout, urllib3.exceptions.TimeoutError)):
        reason = "no answer in time"
    return reason


def open_site(site, media_base=None):
    """The site at an address, or saved in a folder."""
    if Path(site).is_dir():
        return SavedSite(site)
    if urlsplit(site).scheme not in ("http", "https"):
        raise ImportFailed(f'"{site}" is neither a web address (https://...) nor a folder. '
                           "Give the Wix site's address, e.g. https://www.example.com.")
    return WebSite(site, media_base)
