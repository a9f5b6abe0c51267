"""Evaluates recipes with the Python ports: reads a JSON array of {"problem", "params"} on stdin, prints the JSON
array of their [cost, 1 - quality] values. Used by test/benchmarks-problems/optuna-port.test.ts."""

import json
import sys

from problems import PROBLEMS

requests = json.load(sys.stdin)
print(json.dumps([PROBLEMS[request["problem"]][1](request["params"]) for request in requests]))
