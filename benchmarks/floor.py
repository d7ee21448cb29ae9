"""The least a Python comparison of two stored captures can cost: the floor `bench_diff.py
--process` puts beside `tracker diff`.

It does only what any differ of this store must do and nothing of what makes tracker's report
(no normalisation, alignment, word diff, dates, numbers or contacts): read the two capture
files, check their sha256, decode them, cut them into paragraphs, list the paragraphs each
lacks, write that list as indented JSON.

    python benchmarks/floor.py OLD NEW > out.json
"""

import hashlib
import json
import sys


def main(old_path: str, new_path: str) -> None:
    texts = []
    for path in (old_path, new_path):
        with open(path, "rb") as f:
            data = f.read()
        hashlib.sha256(data).hexdigest()
        texts.append(data.decode("utf-8"))
    old, new = (t.split("\n\n") for t in texts)
    in_old, in_new = set(old), set(new)
    changes = [{"kind": "removed", "old": p} for p in old if p not in in_new]
    changes += [{"kind": "added", "new": p} for p in new if p not in in_old]
    sys.stdout.write(json.dumps(changes, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:3])
