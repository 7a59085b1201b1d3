"""What the preview answers, and with which headers: the defences a page elsewhere must meet.

- Host: the preview answers only requests addressed to it (its own address and port; `localhost`
  too on the loopback; on a wildcard address, any IP address), as webpack-dev-server, Vite and
  Jupyter do. A site that points its own name at 127.0.0.1 (DNS rebinding) sends its name in the
  Host header and gets 403, so its pages can read nothing of the preview, the admin's key
  included.
- Origin: the live-reload WebSocket and the CMS's backend take only requests of the preview's own
  pages (`same_origin`).
- Headers: every response carries the published site's headers (SECURITY_HEADERS and the
  Content-Security-Policy that `_headers` and deploy/nginx.conf are written from), the admin its
  own policy (CMS_POLICY), so that no page can frame /admin/ and SVG and PDF files run under the
  policy as they do when published.
"""

import ipaddress
from urllib.parse import urlsplit

from tornado import web

from holistic_oriental_medicine.hosting.host_config import admin_headers, response_headers


def preview_headers(settings):
    """(headers of every response, the admin's path, headers of the admin's responses)."""
    site = response_headers(
        {"content_security_policy": settings["CONTENT_SECURITY_POLICY"], "headers": settings["SECURITY_HEADERS"]}
    )
    admin = {**site, **admin_headers({"admin": settings["CMS_POLICY"]})}
    return site, f"/{settings['CMS_ADMIN_DIR']}/", admin


def _ip(name):
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def host_allowed(host_header, listening_host, port):
    """Whether a request with this Host header is addressed to the preview at
    listening_host:port."""
    try:
        address = urlsplit("//" + host_header)
        name, given_port = address.hostname, address.port or 80
    except ValueError:
        return False
    if not name or given_port != int(port):
        return False
    listening = _ip(listening_host.strip("[]"))
    if name == listening_host.strip("[]").lower() or (listening and _ip(name) == listening):
        return True
    if listening and listening.is_unspecified:
        return name == "localhost" or _ip(name) is not None
    return name == "localhost" and bool(listening and listening.is_loopback)


def same_origin(handler):
    """Whether the request comes from a page of the preview itself (its Host is checked)."""
    return handler.request.headers.get("Origin") == f"http://{handler.request.host}"


class PolicyHeaders:
    """Mixin for the preview's request handlers: the published site's headers on every response,
    error pages included."""

    def set_default_headers(self):
        headers = self.application.settings.get("policy_headers")
        if headers is None:
            return
        site, admin_path, admin = headers
        chosen = admin if self.request.path.startswith(admin_path) else site
        for name, value in chosen.items():
            self.set_header(name, value)


class ForeignHost(PolicyHeaders, web.RequestHandler):
    """Every request addressed to another host name or port: 403."""

    def initialize(self, address):
        self.address = address

    def prepare(self):
        raise web.HTTPError(403)

    def write_error(self, status_code, **kwargs):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"This preview answers only at {self.address}\n")


class CheckedHostApplication(web.Application):
    """A Tornado application that answers only requests whose Host is the preview's."""

    def __init__(self, handlers, host, port, **settings):
        super().__init__(handlers, **settings)
        self.host, self.port = host, port

    def find_handler(self, request, **kwargs):
        if not host_allowed(request.host, self.host, self.port):
            shown = f"[{self.host}]" if ":" in self.host else self.host
            return self.get_handler_delegate(request, ForeignHost, {"address": f"http://{shown}:{self.port}/"})
        return super().find_handler(request, **kwargs)
