import json
import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))

SENTENCES = [
    "违反本条例规定的，由县级以上人民政府市场监督管理部门责令改正，处以罚款。",
    "当事人对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "行政机关应当建立健全行政裁量权基准制度，规范行使行政裁量权。",
    "本条例自公布之日起施行。",
    "县级以上地方人民政府应当加强对安全生产工作的领导。",
    "国家鼓励和支持科学技术研究，推广先进适用技术。",
    "公民、法人和其他组织的合法权益受法律保护。",
    "生产经营单位的主要负责人对本单位的安全生产工作全面负责。",
    "ＡＢＣ公司依照《中华人民共和国公司法》第十二条办理登记。",
    "人民法院审理行政案件，以法律和行政法规、地方性法规为依据。",
    "任何单位和个人不得侵占、破坏公共设施。",
    "对举报有功人员给予奖励，并为举报人保密。",
]
STATUSES = ["有效", "有效", "有效", "已修改", "已废止", "unknown"]


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory) -> Path:
    """60 synthetic documents built from a few sentences, seeded."""
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("corpus") / "tiny.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(60):
            body = "\n\n".join(f"第{j + 1}条 " + rng.choice(SENTENCES) for j in range(rng.randint(3, 9)))
            year = 1990 + i % 35
            # The last six are second versions of the six before them, which they supersede.
            second = i >= 54
            first = 48 <= i < 54
            rec = {"key": f"T/{i}", "work": f"w{i - 6 if second else i}", "version": 2 if second else 1,
                   "title": f"测试条例{i - 6 if second else i}",
                   "kind": "地方性法规", "issuer": "测试", "doc_number": None,
                   "issued": f"{year}-03-01", "effective": None if i % 3 else f"{year}-06-01",
                   "status": "已修改" if first else "有效" if second else STATUSES[i % len(STATUSES)],
                   "history": [], "body": body}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
