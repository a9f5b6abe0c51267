"""Recipes Optuna samples through the define-by-run ports (RandomSampler), with their values: a JSON array of
{"problem", "params", "values"} on stdout. test/benchmarks-problems/optuna-port.test.ts checks each recipe against
the TypeScript space (same names, types, ranges and conditions) and its values against the TypeScript function.

  /work/venv-optuna/bin/python benchmarks/optuna/sample_recipes.py [TRIALS_PER_PROBLEM]
"""

import json
import sys

import optuna

from problems import PROBLEMS

optuna.logging.set_verbosity(optuna.logging.WARNING)
count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
recipes = []
for name, (suggest, evaluate, _) in PROBLEMS.items():
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=optuna.samplers.RandomSampler(seed=3))
    for _ in range(count):
        trial = study.ask()
        params = suggest(trial)
        values = evaluate(params)
        study.tell(trial, values)
        recipes.append({"problem": name, "params": trial.params, "values": values})
print(json.dumps(recipes))
