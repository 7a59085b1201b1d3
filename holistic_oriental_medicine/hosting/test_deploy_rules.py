"""Each host's rule about the site's address, checked before anything is built or copied."""

import pytest

from holistic_oriental_medicine.hosting.deploy import (
    DeployRefused,
    github_pages_domain,
    refuse_a_sub_path_for_nginx,
    rsync_destination,
)


def test_github_pages_gets_a_cname_for_a_custom_domain_only():
    assert github_pages_domain("https://www.your-clinic.com") == "www.your-clinic.com"
    assert github_pages_domain("https://clinic.github.io/site") is None


def test_github_pages_refuses_a_custom_domain_below_its_root():
    with pytest.raises(DeployRefused, match=r"GitHub Pages serves www.your-clinic.com at its root, not at /blog"):
        github_pages_domain("https://www.your-clinic.com/blog")


def test_nginx_refuses_a_site_below_the_root_of_its_domain():
    refuse_a_sub_path_for_nginx({"SITEURL": "https://www.your-clinic.com"})
    with pytest.raises(DeployRefused, match=r'^publishconf.py: SITEURL: "https://www.your-clinic.com/clinic" is below'):
        refuse_a_sub_path_for_nginx({"SITEURL": "https://www.your-clinic.com/clinic"})


def test_rsync_refuses_a_login_that_could_be_an_option():
    settings = {"SITEURL": "https://www.your-clinic.com", "DEPLOY_HOST": "-oProxyCommand=touch x",
                "DEPLOY_PATH": "/var/www/clinic"}
    with pytest.raises(DeployRefused, match=r"^publishconf.py: DEPLOY_HOST: "):
        rsync_destination(settings)
    assert rsync_destination({**settings, "DEPLOY_HOST": "deploy@clinic.org"}) == "deploy@clinic.org:/var/www/clinic/"
