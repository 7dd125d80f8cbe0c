"""The lock files install what requirements*.txt name, at the versions named there (`make lock`)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def pins(name):
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        if match := PIN.match(line.strip()):
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found


def test_every_direct_dependency_is_pinned_and_locked_at_that_version():
    for direct, lock in [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")]:
        named, locked = pins(direct), pins(lock)
        assert named, direct
        stale = {name: (version, locked.get(name)) for name, version in named.items() if locked.get(name) != version}
        assert not stale, f"{lock} differs from {direct} (run `make lock`): {stale}"


def test_the_dev_lock_installs_the_sites_versions():
    site, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert site.items() <= dev.items()


def test_the_locks_pin_with_hashes():
    for lock in ["requirements.lock", "requirements-dev.lock"]:
        text = (ROOT / lock).read_text()
        assert text.count("--hash=sha256:") >= len(pins(lock)), lock
