"""The optimizer benchmark's mixed problems and DTLZ2 in Python, for running Optuna on them.

A line-by-line port of benchmarks/problems/early-stopping.ts, early-stopping-6.ts, token-budget.ts and dtlz2.ts:
the same parameters, the same conditional structure where there is one (as Optuna's define-by-run `suggest_*`
calls) and the same function.
CurveReplay has its define-by-run space here and its function evaluated by the TypeScript code (node_problems.py).
test/benchmarks-problems/optuna-port.test.ts checks that both sides give the same values on fixed recipes.
Uses the standard library only.
"""

import math

from node_problems import curve_replay, suggest_curve_replay

# EarlyStopping (benchmarks/problems/early-stopping.ts) ---------------------------------------------------------

EARLY_STOPPING_MAX_EPOCHS = 60
EARLY_STOPPING_FOLDS = [
    {"rate": 0.65, "ceiling": -0.015, "phase": 0.0},
    {"rate": 1.0, "ceiling": 0.0, "phase": 1.3},
    {"rate": 1.5, "ceiling": 0.01, "phase": 2.6},
]


def early_stopping_curve(batch_size, learning_rate, width):
    best_rate = 2e-3 * math.sqrt(batch_size / 32)
    z = math.log10(learning_rate / best_rate)
    unstable = 0.4 * (z - 0.5) ** 2 if z > 0.5 else 0.0
    ceiling = max(
        0.1,
        0.96 - 0.14 * math.exp(-width / 48) - 0.01 * math.log2(batch_size / 16) - 0.05 * z * z - unstable,
    )
    return {
        "ceiling": ceiling,
        "rate": 0.15 * 10 ** (0.6 * min(z, 0.5)) * math.sqrt(32 / batch_size),
        "overfitFrom": 8 + 25 * math.sqrt(32 / width),
        "overfitRate": 0.0012 * math.sqrt(width / 64),
        "phase": 0.37 * width,
    }


def on_fold(curve, fold):
    return {
        "ceiling": curve["ceiling"] + fold["ceiling"],
        "rate": curve["rate"] * fold["rate"],
        "overfitFrom": curve["overfitFrom"] / fold["rate"],
        "overfitRate": curve["overfitRate"],
        "phase": curve["phase"] + fold["phase"],
    }


def validation_accuracy(curve, t):
    return (
        curve["ceiling"] * (1 - math.exp(-curve["rate"] * t))
        - curve["overfitRate"] * max(0.0, t - curve["overfitFrom"])
        + 0.004 * math.sin(2.7 * t + curve["phase"])
    )


def early_stopping_epoch(params, accuracy):
    last = EARLY_STOPPING_MAX_EPOCHS
    rule = params["rule"]
    if rule == "fixed":
        return params["epochs"]
    if rule == "patience":
        best = -math.inf
        since = 0
        for t in range(1, last + 1):
            value = accuracy(t)
            if value > best:
                best = value
                since = 0
            else:
                since += 1
                if since >= params["patience"]:
                    return t
        return last
    if rule == "threshold":
        for t in range(1, last + 1):
            if accuracy(t) >= params["target"]:
                return t
        return last
    if rule == "plateau":
        for t in range(4, last + 1):
            if accuracy(t) - accuracy(t - 3) < params["minDelta"]:
                return t
        return last
    raise ValueError(f"EarlyStopping: unknown rule {rule}")


def early_stopping_objectives(params, stop_epoch):
    """[cost, 1 - kept accuracy] over the folds, the run on each ended by stop_epoch(params, accuracy)."""
    batch_size = params["batchSize"]
    width = params["width"]
    curve = early_stopping_curve(batch_size, params["learningRate"], width)
    epochs = 0
    accuracy = 0.0
    for fold in EARLY_STOPPING_FOLDS:
        fold_curve = on_fold(curve, fold)
        values = [validation_accuracy(fold_curve, t) for t in range(0, EARLY_STOPPING_MAX_EPOCHS + 1)]
        stop = stop_epoch(params, lambda t: values[t])
        epochs += stop
        accuracy += max(values[1 : stop + 1]) / len(EARLY_STOPPING_FOLDS)
    return [epochs * (width / 64) * (0.25 + 24 / batch_size), 1 - accuracy]


def early_stopping(params):
    return early_stopping_objectives(params, early_stopping_epoch)


def suggest_early_stopping(trial):
    params = {
        "batchSize": trial.suggest_categorical("batchSize", [16, 32, 64, 128]),
        "learningRate": trial.suggest_float("learningRate", 1e-4, 1e-1, log=True),
        "width": trial.suggest_int("width", 16, 256, log=True),
        "rule": trial.suggest_categorical("rule", ["fixed", "patience", "threshold", "plateau"]),
    }
    if params["rule"] == "fixed":
        params["epochs"] = trial.suggest_int("epochs", 5, 60)
    if params["rule"] == "patience":
        params["patience"] = trial.suggest_int("patience", 1, 12)
    if params["rule"] == "threshold":
        params["target"] = trial.suggest_float("target", 0.8, 0.99)
    if params["rule"] == "plateau":
        params["minDelta"] = trial.suggest_float("minDelta", 1e-4, 3e-2, log=True)
    return params


# TokenBudget (benchmarks/problems/token-budget.ts) -------------------------------------------------------------

TOKEN_BUDGET_EVALUATIONS = 20
TOKEN_BUDGET_MODELS = {"small": 60e6, "base": 250e6, "large": 1e9}
TOKEN_BUDGET_TASKS = [
    {"dataScale": 0.75, "uniqueTokens": 1e9, "phase": 0.0},
    {"dataScale": 1.0, "uniqueTokens": 3e9, "phase": 2.1},
    {"dataScale": 1.35, "uniqueTokens": 1e10, "phase": 4.2},
]
E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28


def token_budget_loss(params, task, j):
    size = TOKEN_BUDGET_MODELS[params["model"]]
    z = math.log10(params["learningRate"] / (3e-3 * math.sqrt(6e7 / size)))
    warmup = 0.0 if params["schedule"] == "constant" else params["warmup"]
    fraction = j / TOKEN_BUDGET_EVALUATIONS
    seen = params["tokens"] * fraction
    tokens = seen * (1 - warmup / 2) * math.exp(-0.8 * z * z)
    if params["schedule"] == "linear":
        annealed = 0.1 * fraction
    elif params["schedule"] == "cosine":
        annealed = (0.12 * (1 - math.cos(math.pi * fraction))) / 2
    else:
        annealed = 0.0
    unstable = 0.6 * z * z * math.exp(-warmup / 0.04) if z > 0 else 0.0
    return (
        E
        + A / size**ALPHA
        + (task["dataScale"] * B) / tokens**BETA
        - annealed
        + unstable
        + 0.05 * max(0.0, seen / task["uniqueTokens"] - 1)
        + 0.01 * math.sin(4.7 * j + task["phase"] + size / 1.7e8)
    )


def token_budget_stop(params, loss):
    last = TOKEN_BUDGET_EVALUATIONS
    rule = params["rule"]
    if rule == "budget":
        return last
    if rule == "patience":
        best = math.inf
        since = 0
        for j in range(1, last + 1):
            value = loss(j)
            if value < best:
                best = value
                since = 0
            else:
                since += 1
                if since >= params["patience"]:
                    return j
        return last
    if rule == "slope":
        for j in range(2, last + 1):
            if loss(j - 1) - loss(j) < params["minSlope"]:
                return j
        return last
    raise ValueError(f"TokenBudget: unknown rule {rule}")


def token_budget(params):
    size = TOKEN_BUDGET_MODELS[params["model"]]
    evaluations = 0
    quality = 0.0
    for task in TOKEN_BUDGET_TASKS:
        losses = [math.nan] + [token_budget_loss(params, task, j) for j in range(1, TOKEN_BUDGET_EVALUATIONS + 1)]
        stop = token_budget_stop(params, lambda j: losses[j])
        evaluations += stop
        quality += math.exp(E - min(losses[1 : stop + 1])) / len(TOKEN_BUDGET_TASKS)
    tokens_seen = params["tokens"] * evaluations / TOKEN_BUDGET_EVALUATIONS
    return [math.log10(6 * size * tokens_seen / 1e15), 1 - quality]


def suggest_token_budget(trial):
    params = {
        "model": trial.suggest_categorical("model", ["small", "base", "large"]),
        "learningRate": trial.suggest_float("learningRate", 1e-5, 1e-2, log=True),
        "schedule": trial.suggest_categorical("schedule", ["constant", "linear", "cosine"]),
    }
    if params["schedule"] != "constant":
        params["warmup"] = trial.suggest_float("warmup", 0.0, 0.2)
    params["tokens"] = trial.suggest_float("tokens", 1e8, 1e10, log=True)
    params["rule"] = trial.suggest_categorical("rule", ["budget", "patience", "slope"])
    if params["rule"] == "patience":
        params["patience"] = trial.suggest_int("patience", 1, 6)
    if params["rule"] == "slope":
        params["minSlope"] = trial.suggest_float("minSlope", 1e-3, 1e-1, log=True)
    return params


# EarlyStopping6 (benchmarks/problems/early-stopping-6.ts) ------------------------------------------------------


def early_stopping_6_epoch(params, accuracy):
    last = EARLY_STOPPING_MAX_EPOCHS
    window = params["patience"]
    min_delta = params["minDelta"]
    rule = params["rule"]
    if rule == "patience":
        best = -math.inf
        since = 0
        for t in range(1, last + 1):
            value = accuracy(t)
            if value > best + min_delta:
                best = value
                since = 0
            else:
                since += 1
                if since >= window:
                    return t
        return last
    if rule == "plateau":
        for t in range(window + 1, last + 1):
            if accuracy(t) - accuracy(t - window) < min_delta:
                return t
        return last
    raise ValueError(f"EarlyStopping6: unknown rule {rule}")


def early_stopping_6(params):
    return early_stopping_objectives(params, early_stopping_6_epoch)


def suggest_early_stopping_6(trial):
    return {
        "batchSize": trial.suggest_categorical("batchSize", [16, 32, 64, 128]),
        "learningRate": trial.suggest_float("learningRate", 1e-4, 1e-1, log=True),
        "width": trial.suggest_int("width", 16, 256, log=True),
        "rule": trial.suggest_categorical("rule", ["patience", "plateau"]),
        "patience": trial.suggest_int("patience", 1, 12),
        "minDelta": trial.suggest_float("minDelta", 0.0, 0.02),
    }


# DTLZ2 (benchmarks/problems/dtlz2.ts) --------------------------------------------------------------------------


def dtlz2(params):
    x = [params[f"x{i}"] for i in range(6)]
    g = sum((value - 0.5) ** 2 for value in x[1:])
    angle = x[0] * math.pi / 2
    return [(1 + g) * math.cos(angle), (1 + g) * math.sin(angle)]


def suggest_dtlz2(trial):
    return {f"x{i}": trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(6)}


# name -> (suggest, evaluate, reference point); the names are the TypeScript problems' names.
PROBLEMS = {
    "EarlyStopping": (suggest_early_stopping, early_stopping, [100, 0.25]),
    "TokenBudget": (suggest_token_budget, token_budget, [5.5, 0.95]),
    "DTLZ2": (suggest_dtlz2, dtlz2, [1.1, 1.1]),
    "EarlyStopping6": (suggest_early_stopping_6, early_stopping_6, [100, 0.25]),
    "CurveReplay": (suggest_curve_replay, curve_replay, [1.1, 1]),
}
