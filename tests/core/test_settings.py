import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "oudersteunpunt.example",
    "CSRF_TRUSTED_ORIGINS": "https://oudersteunpunt.example",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "DEBUG": "false",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in {**PRODUCTION, **env} and k != "SESSION_COOKIE_SECURE"}
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    clean.pop("CSRF_COOKIE_SECURE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_refuses_to_start_without_required_setting(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def readme_deploy_variables():
    """The variables the README's deploy steps export, the secret key filled in."""
    readme = (ROOT / "README.md").read_text()
    deploy = readme[readme.index("## Deploying") :]
    statement = re.search(r"^export (.+?[^\\])$", deploy, re.MULTILINE | re.DOTALL).group(1)
    variables = dict(word.split("=", 1) for word in shlex.split(statement.replace("\\\n", " ")))
    assert variables["SECRET_KEY"] == "…"
    return {**variables, "SECRET_KEY": PRODUCTION["SECRET_KEY"]}


def test_deploy_check_passes_with_the_readme_variables():
    env = readme_deploy_variables()
    assert {"ALLOWED_HOSTS", "SECURE_HSTS_SECONDS", "TRUSTED_PROXY_COUNT"} <= env.keys()
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_warns_without_https_settings():
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("SECURE_")}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
