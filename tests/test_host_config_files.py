"""The nginx server block in the repository is the host policy of publishconf.py."""

from pelican.settings import read_settings
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.hosting.host_config import nginx_server_block

NGINX_CONFIG = PROJECT_ROOT / "deploy/nginx.conf"


def test_the_committed_nginx_config_is_written_from_the_current_policy():
    settings = read_settings(str(PROJECT_ROOT / "publishconf.py"))
    assert NGINX_CONFIG.read_text(encoding="utf-8") == nginx_server_block(settings), (
        "deploy/nginx.conf is out of date: run `invoke nginx-config` and commit it"
    )
