"""Optuna's GPSampler on the optimizer benchmark's mixed problems and DTLZ2, as a baseline for gp-ehvi.

Runs one study of `--trials` sequential trials per problem and seed (seeds outermost, so that a run cut short has
the same seeds for every problem) and appends one JSON line per finished run to `--out`:
{"problem", "seed", "sampler", "optuna", "values": [[f1, f2], ...] in trial order, "seconds"}.
The hypervolumes are computed in TypeScript from these values, with the reference points and the hypervolume code
of the TypeScript benchmark: `node bin/run-ts.js benchmarks/optuna/score.ts FILE`.

  /work/venv-optuna/bin/python benchmarks/optuna/run_gp.py --seed-from 100 --seeds 10 --out optuna-gp.jsonl

Conditional parameters: GPSampler models the parameters every trial has (Optuna's intersection search space) and
samples the conditional ones with its independent sampler (random), as Optuna does for any define-by-run space.
"""

import argparse
import json
import time

import optuna
import torch

from problems import PROBLEMS


def run(problem_name, seed, trials, sampler_name):
    suggest, evaluate, _ = PROBLEMS[problem_name]
    if sampler_name == "gp":
        sampler = optuna.samplers.GPSampler(seed=seed)
    elif sampler_name == "tpe":
        sampler = optuna.samplers.TPESampler(seed=seed)
    else:
        sampler = optuna.samplers.RandomSampler(seed=seed)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    values = []

    def objective(trial):
        result = evaluate(suggest(trial))
        values.append(result)
        return tuple(result)

    study.optimize(objective, n_trials=trials)
    return values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="EarlyStopping,TokenBudget,EarlyStopping6,CurveReplay,DTLZ2")
    parser.add_argument("--seed-from", type=int, default=100)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--sampler", default="gp", choices=["gp", "tpe", "random"])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    torch.set_num_threads(1)
    for seed in range(args.seed_from, args.seed_from + args.seeds):
        for name in args.problems.split(","):
            started = time.time()
            values = run(name, seed, args.trials, args.sampler)
            line = {
                "problem": name,
                "seed": seed,
                "sampler": args.sampler,
                "optuna": optuna.__version__,
                "values": values,
                "seconds": round(time.time() - started, 1),
            }
            with open(args.out, "a") as out:
                out.write(json.dumps(line) + "\n")
            print(f"{name} seed {seed}: {line['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
