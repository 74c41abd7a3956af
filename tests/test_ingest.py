from pathlib import Path

import pytest

from policybot.errors import IngestError
from policybot.ingest import parse_policy, split_name_purpose

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "source" / "zendesk-cookie-policy-2019-01-25.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_policy(SEED.read_text(encoding="utf-8"))


def row(seed, number):
    return seed.cookies[number - 1]


def test_seed_has_53_rows_in_source_order(seed):
    assert len(seed.cookies) == 53
    assert [c.row for c in seed.cookies] == list(range(1, 54))
    assert seed.cookies[0].name == "Google Analytics" and seed.cookies[-1].name == "Cloudflare"
