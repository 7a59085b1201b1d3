"""One security and caching policy, written out for every kind of host.

`HOST_POLICY` in the settings is the single source of truth. From it this plugin renders:

- `_headers` and `_redirects` into the output (Netlify and Cloudflare Pages read them);
- the Content-Security-Policy `<meta>` tag of every page (for hosts that cannot send headers,
  such as GitHub Pages, and for the preview), as the template global `content_security_policy`,
  from `CONTENT_SECURITY_POLICY`;
- the nginx server block `deploy/nginx.conf` (by `invoke nginx-config`).

`HOST_POLICY["admin"]`, when present, is the CMS's admin folder and the headers it gets instead
(holistic_oriental_medicine/cms writes its `<meta>` tag); `HOST_POLICY["pictures"]`, the pictures' folder
and the CSP of its files (an SVG opened on its own is a document of the site's origin); every
other path keeps the site's policy.
"""

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from holistic_oriental_medicine.model.site_paths import MAP_BUCKET_BYTES, decoded_path, encoded_path

# A <meta> policy cannot carry these (CSP Level 3, section 3.3): only a header can.
HEADER_ONLY_DIRECTIVES = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
# Written beside `_redirects`: the old addresses of articles as an nginx map, which the server
# block includes (at start and reload) from the published site.
REDIRECT_MAP = "_redirects.map"
GENERATED_NOTICE = "Generated from HOST_POLICY in publishconf.py: change the policy there, not here."


# CSP Level 3: a fetch directive a policy leaves out falls back to `default-src`.
FETCH_DIRECTIVES = {
    "child-src", "connect-src", "font-src", "frame-src", "img-src", "manifest-src", "media-src",
    "object-src", "script-src", "style-src", "worker-src",
}
# Sources another one allows already: 'unsafe-eval' lets WebAssembly compile too.
IMPLIED_SOURCES = {"'unsafe-eval'": {"'wasm-unsafe-eval'"}}


def widened_policy(directives, added):
    """The CSP `directives` allowing `added` sources too ({directive: sources}): a directive it
    leaves out starts from `default-src` (as browsers read it) and comes after the one added
    before it; a source an added one implies is dropped."""
    widened = dict(directives)
    place = None
    for directive, sources in added.items():
        base = directives.get(directive, directives["default-src"] if directive in FETCH_DIRECTIVES else [])
        implied = set().union(*(IMPLIED_SOURCES.get(source, set()) for source in sources))
        merged = [source for source in base if source not in implied]
        merged += [source for source in sources if source not in merged]
        if directive not in widened and place is not None:
            items = list(widened.items())
            index = [name for name, _ in items].index(place) + 1
            widened = dict([*items[:index], (directive, merged), *items[index:]])
        else:
            widened[directive] = merged
        place = directive
    return widened


def content_security_policy(policy, for_meta=False):
    """The policy's CSP as one header value; `for_meta` leaves out what a <meta> tag ignores."""
    return "; ".join(
        " ".join([directive, *sources])
        for directive, sources in policy["content_security_policy"].items()
        if not (for_meta and directive in HEADER_ONLY_DIRECTIVES)
    )


def response_headers(policy):
    """Every header the policy sends with every response, the CSP first."""
    return {"Content-Security-Policy": content_security_policy(policy), **policy["headers"]}


def folder_headers(policy, folder):
    """The headers of `policy[folder]` (the admin's, the pictures') that differ from every page's."""
    own = policy[folder]
    return {"Content-Security-Policy": content_security_policy(own), **own.get("headers", {})}


def admin_headers(policy):
    """The headers of the CMS's admin pages that differ from every page's."""
    return folder_headers(policy, "admin")


def netlify_headers(policy, base=""):
    """The `_headers` file, its paths below `base` (the site's path, "" at the root of its
    domain). Rules for narrower paths come after `/*` and replace its
    Cache-Control: Netlify lets a later rule's value win; Cloudflare Pages would join both
    values, so `! Cache-Control` first detaches the inherited one there (Netlify skips it)."""
    lines = [f"# {GENERATED_NOTICE}", f"{base}/*"]
    lines += [f"  {name}: {value}" for name, value in response_headers(policy).items()]
    lines.append(f"  Cache-Control: {policy['cache_control']['/']}")
    for prefix, value in policy["cache_control"].items():
        if prefix != "/":
            lines += ["", f"{base}{prefix}*", "  ! Cache-Control", f"  Cache-Control: {value}"]
    for folder in ("pictures", "admin"):
        if folder in policy:
            lines += ["", f"{base}{policy[folder]['path']}*"]
            for name, value in folder_headers(policy, folder).items():
                lines += [f"  ! {name}", f"  {name}: {value}"]
    return "\n".join(lines) + "\n"


def netlify_redirects(policy, moved=None, base=""):
    """The `_redirects` file: permanent redirects from old or guessed addresses, and from the
    `moved` old addresses of articles (decoded; written percent-encoded, as browsers send them),
    all below `base`, the site's path."""
    lines = [f"# {GENERATED_NOTICE}"]
    lines += [f"{base}{source} {base}{target} 301" for source, target in policy["redirects"].items()]
    lines += [f"{encoded_path(base + source)} {base}{target} 301" for source, target in safe_moves(moved)]
    return "\n".join(lines) + "\n"


def safe_moves(moved):
    """(old, new) address pairs, each checked again as a safe site path: they are written into
    host configuration, where a stray quote or semicolon would be syntax."""
    pairs = sorted((moved or {}).items())
    for source, target in pairs:
        if decoded_path(source) != source or (target != "/" and decoded_path(target) != target):
            raise ValueError(f"{source} -> {target}: not a decoded, safe path of the site")
    return pairs


def nginx_redirect_map(moved, base=""):
    """The `_redirects.map` entries: nginx compares decoded addresses, so the keys are decoded."""
    lines = ["# Written by `invoke publish` from the articles' redirect_from and content/redirects.toml."]
    lines += [f'"{base}{source}" "{base}{target}";' for source, target in safe_moves(moved)]
    return "\n".join(lines) + "\n"


def host_variable(server_name, purpose):
    """An nginx variable of one site: short (nginx caps the length of variable names), and
    named for the host, so that the server blocks of several sites can share one nginx."""
    return f"${purpose}_{hashlib.sha256(server_name.lower().encode()).hexdigest()[:8]}"


# What nginx may be given as the server's name and its folder: a host name, an absolute path of
# plain characters. Anything else (a `;`, a quote, a line break) could end the directive and add
# others of its own.
NGINX_SERVER_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
NGINX_ROOT = re.compile(r"/[A-Za-z0-9._/-]*")


class UnsafeHostValue(ValueError):
    """A setting that cannot be written into a host's configuration as it is."""


def checked(pattern, value, setting, example):
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise UnsafeHostValue(
            f"publishconf.py: {setting}: {value!r} cannot be written into a host's configuration "
            f"or command. Use {example}."
        )
    return value


DEPLOY_LOGIN = re.compile(r"(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?" + NGINX_SERVER_NAME.pattern)


def deploy_destination(settings):
    """rsync's destination, `DEPLOY_HOST:DEPLOY_PATH/` (or the folder alone for this machine),
    from values checked to be a login and a path, never an option or a command."""
    path = checked(NGINX_ROOT, settings["DEPLOY_PATH"], "DEPLOY_PATH", "an absolute path, e.g. /var/www/clinic")
    destination = path.rstrip("/") + "/"
    if settings["DEPLOY_HOST"]:
        login = checked(DEPLOY_LOGIN, settings["DEPLOY_HOST"], "DEPLOY_HOST", "a login, e.g. deploy@example.org")
        destination = f"{login}:{destination}"
    return destination


def folder_location(policy, folder, cache_variable, inner=()):
    """The nginx location block of a folder with headers of its own (`admin`, `pictures`), or no
    lines when the policy has no such folder. nginx drops the server's add_header lines in a
    location with its own: the block repeats them all."""
    if folder not in policy:
        return []
    response = {**response_headers(policy), **folder_headers(policy, folder)}
    return [
        f"    location {policy[folder]['path']} {{",
        *[f'        add_header {name} "{value}" always;' for name, value in response.items()],
        f"        add_header Cache-Control {cache_variable} always;",
        *([""] if inner else []),
        *inner,
        "    }",
        "",
    ]


def nginx_server_block(settings, listen="80", root=None):
    """The nginx server block serving the published output with the policy's headers."""
    policy = settings["HOST_POLICY"]
    server_name = checked(
        NGINX_SERVER_NAME, urlsplit(settings["SITEURL"]).hostname, "SITEURL",
        "the site's https:// address, e.g. https://www.example.org",
    )
    root = checked(
        NGINX_ROOT, root or settings["DEPLOY_PATH"], "DEPLOY_PATH",
        "an absolute path of letters, digits, '.', '_', '-' and '/', e.g. /var/www/clinic",
    )
    cache_variable = host_variable(server_name, "cache_control")
    moved_variable = host_variable(server_name, "moved_to")
    cache_map = [f'    default "{policy["cache_control"]["/"]}";']
    cache_map += [
        f'    "~^{re.escape(prefix)}" "{value}";'
        for prefix, value in policy["cache_control"].items()
        if prefix != "/"
    ]
    headers = [f'    add_header {name} "{value}" always;' for name, value in response_headers(policy).items()]
    # The admin's `config.yml` is YAML, which nginx's MIME types do not name.
    admin_config = [
        f"        location = {policy['admin']['path']}config.yml {{",
        "            default_type text/yaml;",
        "        }",
    ] if "admin" in policy else []
    admin = folder_location(policy, "admin", cache_variable, admin_config)
    pictures = folder_location(policy, "pictures", cache_variable)
    redirects = [
        f"    location = {source} {{\n        return 301 {target};\n    }}"
        for source, target in policy["redirects"].items()
    ]
    return "\n".join(
        [
            f"# nginx server block for {server_name}: serves the output of `invoke publish`.",
            f"# {GENERATED_NOTICE}",
            "# Run `invoke nginx-config` to write it again. Include it in nginx's `http` block (Debian:",
            "# /etc/nginx/sites-enabled/); it needs the brotli_static module (Debian package",
            "# libnginx-mod-http-brotli-static). Browsers honour HSTS only over HTTPS: terminate TLS in",
            "# front of this server, or add `listen 443 ssl` and the certificate lines (certbot --nginx).",
            "",
            "# Old addresses of articles are long (up to 400 bytes), more than nginx's map buckets",
            "# hold by default; this must come before the first map.",
            f"map_hash_bucket_size {MAP_BUCKET_BYTES};",
            "",
            f"map $uri {cache_variable} {{",
            *cache_map,
            "}",
            "",
            "# Old addresses (articles' redirect_from, content/redirects.toml), which `invoke publish`",
            f"# writes into {REDIRECT_MAP} beside the pages: reload nginx after copying a new site. The pattern",
            "# matches that one file, and lets nginx start before the first site is copied.",
            f"map $uri {moved_variable} {{",
            f'    include "{root}/{REDIRECT_MAP[:-1]}[{REDIRECT_MAP[-1]}]";',
            "}",
            "",
            "server {",
            f"    listen {listen};",
            f"    server_name {server_name};",
            f'    root "{root}";',
            "    index index.html;",
            "    charset utf-8;",
            "",
            "    # Send the .br or .gz file written beside each text file by `invoke publish`.",
            "    gzip_static on;",
            "    brotli_static on;",
            "    gzip_vary on;",
            "",
            f"    error_page 404 /{policy['not_found']};",
            "",
            f"    if ({moved_variable}) {{",
            f"        return 301 {moved_variable};",
            "    }",
            "",
            *headers,
            f"    add_header Cache-Control {cache_variable} always;",
            "",
            "    location / {",
            "        try_files $uri $uri/ =404;",
            "    }",
            "",
            *admin,
            *pictures,
            "    # Configuration for other hosts, not pages.",
            "    location ~ ^/_(headers|redirects|redirects\\.map)$ {",
            "        return 404;",
            "    }",
            "",
            *redirects,
            "}",
            "",
        ]
    )


def add_template_global(generator):
    directives = generator.settings.get("CONTENT_SECURITY_POLICY")
    if directives:
        generator.env.globals["content_security_policy"] = content_security_policy(
            {"content_security_policy": directives}, for_meta=True
        )


def site_path(site_url):
    """The path of the site below the root of its domain, "" at the root: `/repo` for
    https://user.github.io/repo. Every address in the host files is below it."""
    path = urlsplit(site_url or "").path.rstrip("/")
    return decoded_path(path) if path else ""


class SubPathOnARootHost(SystemExit):
    """The build runs on a host that serves sites only at the root of a domain: it ends here,
    with exit status 1 and one line, before any work."""


def refuse_a_sub_path_on_a_root_host(pelican):
    """Netlify and Cloudflare Pages serve a site at the root of its domain, and read `_headers`
    and `_redirects` there: a site published for a sub-path would have every address wrong."""
    host, site_url = pelican.settings.get("ROOT_ONLY_HOST"), pelican.settings.get("SITEURL") or ""
    address = urlsplit(site_url)
    if host and address.path.strip("/"):
        raise SubPathOnARootHost(
            f'publishconf.py: SITEURL: "{site_url}" is below the root of its domain, but {host} '
            f"serves a site at the root of its domain (its _headers and _redirects too). Fix: set "
            f"SITEURL without the path, e.g. {address.scheme}://{address.netloc}, or to the "
            "clinic's own domain."
        )


def write_host_files(pelican):
    policy = pelican.settings.get("HOST_POLICY")
    if not policy:
        return
    output = Path(pelican.output_path)
    base = site_path(pelican.settings["SITEURL"])
    (output / "_headers").write_text(netlify_headers(policy, base), encoding="utf-8")
    moved = pelican.settings.get("MOVED_ADDRESSES")
    (output / "_redirects").write_text(netlify_redirects(policy, moved, base), encoding="utf-8")
    (output / REDIRECT_MAP).write_text(nginx_redirect_map(moved, base), encoding="utf-8")


def register():
    signals.initialized.connect(refuse_a_sub_path_on_a_root_host)
    signals.generator_init.connect(add_template_global)
    signals.finalized.connect(write_host_files)
