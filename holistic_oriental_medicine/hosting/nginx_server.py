"""Debian's nginx, started on 127.0.0.1 with the repository's server block and stopped after: the
site as a host serves it, for the tests and the benchmarks."""

import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT

from .host_config import nginx_server_block

NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
STARTUP_SECONDS = 10

# The http block around the server block, as Debian's /etc/nginx/nginx.conf has it, with every
# file nginx writes inside a temporary folder.
MAIN_CONFIG = """\
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
load_module {brotli_module};
events {{
    worker_connections 64;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(process, port, error_log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{error_log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on port {port} within {STARTUP_SECONDS} s")


def nginx_command(server_block, work, *options):
    """nginx's command line with `server_block` inside the http block of MAIN_CONFIG, every file
    it reads or writes in the folder `work`."""
    for tool in (NGINX, BROTLI_MODULE):
        if not Path(tool).exists():
            raise FileNotFoundError(f"{tool} is missing: install nginx and libnginx-mod-http-brotli-static")
    work.mkdir(parents=True, exist_ok=True)
    (work / "site.conf").write_text(server_block, encoding="utf-8")
    (work / "nginx.conf").write_text(MAIN_CONFIG.format(work=work, brotli_module=BROTLI_MODULE))
    return [NGINX, *options, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]


@contextmanager
def nginx_running(server_block, port, work):
    """nginx with `server_block`, which listens on 127.0.0.1:`port`, until the block ends."""
    process = subprocess.Popen(
        nginx_command(server_block, work), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_listening(process, port, work / "error.log")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def nginx_serving(site, port, work):
    """Serve `site` on 127.0.0.1:`port` with deploy/nginx.conf's policy until the block ends."""
    settings = read_settings(str(PROJECT_ROOT / "publishconf.py"))
    server_block = nginx_server_block(settings, listen=f"127.0.0.1:{port}", root=str(site))
    with nginx_running(server_block, port, work):
        yield f"http://127.0.0.1:{port}"
