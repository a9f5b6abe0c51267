"""Benchmark problems evaluated by their TypeScript code, for those a Python port would duplicate too much.

CurveReplay (benchmarks/problems/curve-replay.ts) scores a recipe by replaying the curve bank with the library's
replay (src/replay); porting that would be a second copy of the stopping rules. Instead, one Node process runs
benchmarks/optuna/evaluate-stdio.ts for the whole Python process and answers one JSON line per recipe, so Optuna
optimizes exactly the TypeScript function. Standard library only; needs `node` on the PATH.
"""

import atexit
import json
import os
import subprocess

REPOSITORY = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


class NodeEvaluator:
    """A persistent `evaluate-stdio.ts` process, started on first use."""

    def __init__(self):
        self.process = None

    def evaluate(self, problem, params):
        if self.process is None:
            self.process = subprocess.Popen(
                ["node", "bin/run-ts.js", "benchmarks/optuna/evaluate-stdio.ts"],
                cwd=REPOSITORY,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            atexit.register(self.close)
        self.process.stdin.write(json.dumps({"problem": problem, "params": params}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("evaluate-stdio.ts ended without answering")
        answer = json.loads(line)
        if isinstance(answer, dict):
            raise ValueError(f"{problem} {params}: {answer['error']}")
        return answer

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()
            self.process = None


EVALUATOR = NodeEvaluator()

CURVE_REPLAY_RULES = ["none", "patience", "threshold", "plateau", "median", "extrapolate"]


def curve_replay(params):
    return EVALUATOR.evaluate("CurveReplay", params)


def suggest_curve_replay(trial):
    params = {
        "learningRateIndex": trial.suggest_int("learningRateIndex", 0, 7),
        "width": trial.suggest_categorical("width", [64, 128]),
        "stopping.rule": trial.suggest_categorical("stopping.rule", CURVE_REPLAY_RULES),
        "stopping.evalEvery": trial.suggest_categorical("stopping.evalEvery", [25000, 50000, 100000, 200000]),
    }
    rule = params["stopping.rule"]
    if rule != "none":
        params["stopping.warmup"] = trial.suggest_int("stopping.warmup", 0, 1000000)
    if rule == "patience":
        params["stopping.patience"] = trial.suggest_int("stopping.patience", 1, 8)
    if rule == "threshold":
        params["stopping.target"] = trial.suggest_float("stopping.target", 0.85, 0.98)
    if rule == "plateau":
        params["stopping.window"] = trial.suggest_int("stopping.window", 3, 8)
        params["stopping.tolerance"] = trial.suggest_float("stopping.tolerance", 0.005, 0.2, log=True)
    if rule == "median":
        params["stopping.minPeers"] = trial.suggest_int("stopping.minPeers", 2, 5)
    if rule == "extrapolate":
        params["stopping.margin"] = trial.suggest_float("stopping.margin", 0.001, 0.05, log=True)
    return params
