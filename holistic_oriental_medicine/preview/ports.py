"""The preview's address, and the check that its port is free before anything starts."""

import socket

HOST = "127.0.0.1"
PORT = 8000


class PortBusy(SystemExit):
    """Another program listens at the preview's address: exit status 1 and this message."""


def preview_url(host=None, port=None):
    return f"http://{host or HOST}:{port or PORT}/"


def refuse_busy_port(host, port, task_name):
    """Stop with a clear message when another program already listens at host:port; the fix
    names the task."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortBusy(
                f"Cannot serve the preview at {preview_url(host, port)}: {error.strerror}. "
                "Another preview or program is using that port: stop it, or choose another "
                f"port, e.g. invoke {task_name} --port {port + 1}"
            ) from None
