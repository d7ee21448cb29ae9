"""docs/scheduled-workflow.yml, run for real: its own `run:` steps, in two clones taking turns.

One test (issue #8, part 4). A bare repository is the "remote"; each run is one job of the
workflow in a clone: the `run:` steps in order, with GitHub's `if:` rules, `$GITHUB_OUTPUT` and
`$GITHUB_STEP_SUMMARY` files, `bash -eo pipefail`, and `${{ … }}` expressions substituted. The
page is a local HTTP server, the webhook a local receiver that fails the first time. `uses:`
steps (checkout, setup-python, cache) and the install step are what the test itself provides:
the clones, and `tracker` on PATH. To play two machines capturing the same second, `tracker`
on PATH can be given the instant it receives the page (TEST_RECEIVED_AT).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_capture_url import PAGE
from test_notify import Hook

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "docs" / "scheduled-workflow.yml"
SOURCE = "rusemb.org.uk"  # the workflow's own SOURCE

WRAPPER = """#!{python}
import os, sys
at = os.environ.get("TEST_RECEIVED_AT")
if at:
    import datetime as _dt
    import tracker.capture.fetch as _fetch

    class _At(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime.fromisoformat(at)

    _fetch.datetime = _At
from tracker.cli import main
main()
"""


# -- the YAML subset a workflow uses: maps, lists, scalars, `|` blocks, comments -------------


def parse_yaml(text: str):
    return _Yaml(text.splitlines()).block(0)


class _Yaml:
    def __init__(self, lines: list[str]):
        self.lines, self.i = lines, 0

    def peek(self):
        while self.i < len(self.lines):
            s = self.lines[self.i]
            if s.strip() and not s.lstrip().startswith("#"):
                return len(s) - len(s.lstrip()), s.strip()
            self.i += 1
        return None

    def block(self, indent: int):
        nxt = self.peek()
        if nxt is None or nxt[0] < indent:
            return None
        return self.seq(nxt[0]) if nxt[1].startswith("- ") else self.map(nxt[0])

    def map(self, indent: int) -> dict:
        out: dict = {}
        while (nxt := self.peek()) is not None and nxt[0] == indent:
            if nxt[1].startswith("- "):
                break
            key, colon, rest = nxt[1].partition(":")
            assert colon, f"not a mapping line: {nxt[1]!r}"
            self.i += 1
            rest = _uncomment(rest).strip()
            if rest == "|":
                out[key] = self.literal(indent)
            elif rest == "":
                out[key] = self.block(indent + 1)
            else:
                out[key] = _scalar(rest)
        return out

    def seq(self, indent: int) -> list:
        out = []
        while (nxt := self.peek()) is not None and nxt[0] == indent and nxt[1].startswith("- "):
            item = nxt[1][2:]
            if re.match(r"^[\w-]+:( |$)", item):
                self.lines[self.i] = " " * (indent + 2) + item
                out.append(self.map(indent + 2))
            else:
                self.i += 1
                out.append(_scalar(_uncomment(item).strip()))
        return out

    def literal(self, indent: int) -> str:
        body, inner = [], None
        while self.i < len(self.lines):
            s = self.lines[self.i]
            if s.strip():
                here = len(s) - len(s.lstrip())
                if here <= indent:
                    break
                inner = here if inner is None else inner
                body.append(s[inner:])
            else:
                body.append("")
            self.i += 1
        return "\n".join(body).rstrip("\n") + "\n"


def _uncomment(s: str) -> str:
    quote = None
    for i, ch in enumerate(s):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or s[i - 1] == " "):
            return s[:i]
    return s


def _scalar(s: str):
    if s == "{}":
        return {}
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    return s


# -- running a job's `run:` steps as GitHub's runner would -------------------------------------


class Job:
    def __init__(self, workflow: dict, tmp: Path, env: dict, secrets: dict):
        self.workflow, self.tmp, self.secrets = workflow, tmp, secrets
        self.env = {**env, **{k: str(v) for k, v in (workflow.get("env") or {}).items()}}
        self.runs = 0

    def run(self, clone: Path, **overrides: str) -> dict:
        """Run the job's steps in `clone`; {step name: (exit code | None if skipped, stdout)}."""
        self.runs += 1
        (job,) = self.workflow["jobs"].values()
        outputs: dict[str, dict[str, str]] = {}
        failed = False
        results: dict[str, tuple[int | None, str]] = {}
        for n, step in enumerate(job["steps"]):
            if "run" not in step or step.get("name") == "Install tracker":
                continue
            name = step["name"]
            if not self._if(step.get("if", "success()"), outputs, failed):
                results[name] = (None, "")
                continue
            out = self.tmp / f"output-{self.runs}-{n}"
            out.write_text("")
            env = {**self.env, **overrides, "GITHUB_OUTPUT": str(out)}
            for key, value in (step.get("env") or {}).items():
                env[key] = self._expand(str(value), outputs)
            script = self.tmp / f"step-{self.runs}-{n}.sh"
            script.write_text(self._expand(step["run"], outputs))
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=clone, env=env, capture_output=True, text=True, timeout=300,
            )
            assert "Traceback" not in done.stderr, done.stderr
            outputs[step.get("id", f"step{n}")] = dict(
                line.split("=", 1) for line in out.read_text().splitlines() if "=" in line
            )
            failed = failed or done.returncode != 0
            results[name] = (done.returncode, done.stdout + done.stderr)
        return results

    def _expand(self, text: str, outputs: dict) -> str:
        def value(m: re.Match) -> str:
            expr = m.group(1).strip()
            if expr.startswith("secrets."):
                return self.secrets.get(expr[len("secrets.") :], "")
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
            if step:
                return outputs.get(step.group(1), {}).get(step.group(2), "")
            if expr == "github.run_id":
                return str(self.runs)
            raise AssertionError(f"the test does not know the expression {expr!r}")

        return re.sub(r"\$\{\{(.*?)\}\}", value, text)

    def _if(self, cond: str, outputs: dict, failed: bool) -> bool:
        cond = cond.strip()
        if cond.startswith("${{") and cond.endswith("}}"):
            cond = cond[3:-2].strip()
        if cond == "always()":
            return True
        if cond == "success()":
            return not failed
        if cond == "failure()":
            return failed
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+) (==|!=) '([^']*)'", cond)
        if m:
            got = outputs.get(m.group(1), {}).get(m.group(2), "")
            return not failed and ((got == m.group(4)) == (m.group(3) == "=="))
        raise AssertionError(f"the test does not know the condition {cond!r}")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def page(news: str) -> dict:
    return {
        "status": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "body": PAGE.format(news=news).encode(),
    }


@pytest.mark.slow
def test_workflow_two_clones_taking_turns(server, tmp_path, monkeypatch):
    base, routes = server
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "tracker").write_text(WRAPPER.format(python=sys.executable))
    (bindir / "tracker").chmod(0o755)
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("GIT_", "GITHUB_", "TRACKER_")) and k != "NO_COLOR"
    }
    env.update(
        PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1",
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
        PYTHONPATH=os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(ROOT)) if p),
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(remote), str(seed))
    (seed / "README.md").write_text("pages we watch\n")
    git(seed, "add", "README.md")
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    git(seed, "push", "-q", "origin", "main")
    clone_a, clone_b = tmp_path / "a", tmp_path / "b"
    for clone in (clone_a, clone_b):
        git(tmp_path, "clone", "-q", str(remote), str(clone))

    with Hook("500") as hook:  # the first notification fails, every later one arrives
        job = Job(parse_yaml(WORKFLOW.read_text(encoding="utf-8")), tmp_path, env,
                  {"WEBHOOK": hook.url})
        overrides = {"PAGE_URL": base + "/", "PUSH_RETRY_DELAY": "0"}

        # 1. A: the first capture; nothing to compare yet, and the check is recorded
        routes["/"] = page("Ambassador meets the press")
        r = job.run(clone_a, TEST_RECEIVED_AT="2026-03-01T09:17:05.100+00:00", **overrides)
        assert [code for code, _ in r.values()] == [0, 0, 0, 0, 0], r
        first = git(remote, "ls-tree", "-r", "--name-only", "main", f"snapshots/{SOURCE}")
        (first,) = {Path(n).stem for n in first.split()}

        # 2. B, whose clone is behind, captures the same second with other bytes (an email
        # added): its rebase onto A's push must not conflict. The check alerts; the webhook
        # fails, so nothing is recorded and the job fails (exit 2).
        routes["/"] = page("Ambassador meets the press. Write to press@embassy.example")
        r = job.run(clone_b, TEST_RECEIVED_AT="2026-03-01T09:17:05.600+00:00", **overrides)
        assert r["Push the capture"][0] == 0, r["Push the capture"][1]
        assert r["Check for changes that matter"][0] == 0
        assert "email added: press@embassy.example" in r["Check for changes that matter"][1]
        assert r["Verdict"][0] == 2 and hook.attempts == 3
        names = git(remote, "ls-tree", "-r", "--name-only", "main", f"snapshots/{SOURCE}")
        stems = sorted({Path(n).stem for n in names.split()})
        assert len(stems) == 2 and {s[:14] for s in stems} == {"20260301091705"}, stems

        # 3. A again, behind too: the page changed once more. The check starts from the last
        # capture a check reported, so the email (whose notification failed) is notified now.
        hook.mode = "ok"
        routes["/"] = page(
            "Ambassador meets the press. Write to press@embassy.example or consul@embassy.example"
        )
        r = job.run(clone_a, **overrides)
        assert r["Push the capture"][0] == 0 and r["Push the check state"][0] == 0
        assert r["Verdict"][0] == 1, r
        assert hook.attempts == 4
        body = hook.bodies[-1]
        assert body["from"]["id"] == first and body["alert"] is True
        assert "press@embassy.example" in json.dumps(body["alerts"])  # from the failed run
        assert "consul@embassy.example" in json.dumps(body["alerts"])

        # 4. A runner's fresh clone: the check state came with git, so nothing is re-sent
        fresh = tmp_path / "fresh"
        git(tmp_path, "clone", "-q", str(remote), str(fresh))
        r = job.run(fresh, **overrides)
        assert [code for code, _ in r.values()] == [0, 0, 0, 0, 0], r
        assert "no new capture since the last check" in r["Check for changes that matter"][1]
        assert hook.attempts == 4
        assert git(fresh, "status", "--porcelain") == ""

        # 5. B is behind and someone edited README on both sides: the rebase conflicts. The
        # push step gives up cleanly: the rebase aborted, B's own commits kept.
        (fresh / "README.md").write_text("pages we watch, and why\n")
        git(fresh, "commit", "-qam", "readme")
        git(fresh, "push", "-q", "origin", "main")
        (clone_b / "README.md").write_text("pages we watch: one\n")
        git(clone_b, "commit", "-qam", "readme too")
        mine = git(clone_b, "rev-parse", "HEAD")
        routes["/"] = page("Ambassador meets the press. Visa centre closed")
        r = job.run(clone_b, **overrides)
        assert r["Push the capture"][0] == 1
        assert not (clone_b / ".git" / "rebase-merge").exists()
        assert not (clone_b / ".git" / "rebase-apply").exists()
        assert git(clone_b, "merge-base", "--is-ancestor", mine, "HEAD") == ""
        assert "Visa centre" in git(clone_b, "log", "-1", "-p", "--format=")
