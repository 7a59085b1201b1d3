"""Reading a Wix site: over HTTP with timeouts, retries and back-off, or from a saved folder."""

import logging
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from . import ImportFailed

# Seconds to connect, and to wait for each part of an answer.
TIMEOUT = (5, 30)
# Failed requests are tried again this many times, waiting 0.5 s, 1 s, 2 s... between tries
# (or as long as the server's Retry-After asks).
RETRIES = Retry(
    total=3,
    backoff_factor=0.5,
    status_forcelist=(429, 500, 502, 503, 504),
    allowed_methods=("GET",),
    respect_retry_after_header=True,
)
# At most this many requests at a time: enough to be quick, few enough to be polite.
CONCURRENT_REQUESTS = 4
# urllib3 logs every retry as a warning; the import says itself whether the site could be read.
logging.getLogger("urllib3").setLevel(logging.ERROR)
USER_AGENT = "holistic-oriental-medicine-site wix-import (+https://getpelican.com)"


class NotFound(Exception):
    """The site has no file at this address (a 404), as opposed to a site that cannot be read."""


class WebSite:
    """A live Wix site at `base` (its address)."""

    def __init__(self, base):
        self.base = base.rstrip("/") + "/"
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
        try:
            response = self.session.get(url, timeout=TIMEOUT)
        except requests.RequestException as error:
            raise ImportFailed(f"{url}: cannot be reached ({short_reason(error)}). Check the "
                               "address and your connection, then run the import again.") from None
        if response.status_code == 404:
            raise NotFound(url)
        if response.status_code != 200:
            raise ImportFailed(f"{url}: the server answered {response.status_code}. Try again later.")
        return response.content


class SavedSite:
    """A Wix site saved in a folder, each address's file at its path (`post/<slug>` as
    `post/<slug>`, `post/<slug>.html` or `post/<slug>/index.html`; pictures under `media/`)."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def url(self, path):
        return path

    def get(self, address):
        relative = unquote(urlsplit(address).path).strip("/")
        for candidate in (relative, f"{relative}.html", f"{relative}/index.html"):
            path = self.folder / candidate
            if candidate and path.is_file() and path.resolve().is_relative_to(self.folder.resolve()):
                return path.read_bytes()
        raise NotFound(str(self.folder / relative))


def short_reason(error):
    reason = error.__class__.__name__
    if isinstance(error, requests.ConnectionError):
        reason = "no connection"
    elif isinstance(error, requests.Timeout):
        reason = "no answer in time"
    return reason


def open_site(site):
    """The site at an address, or saved in a folder."""
    if Path(site).is_dir():
        return SavedSite(site)
    if urlsplit(site).scheme not in ("http", "https"):
        raise ImportFailed(f'"{site}" is neither a web address (https://...) nor a folder. '
                           "Give the Wix site's address, e.g. https://www.example.com.")
    return WebSite(site)
