"""PyTorch reference for `npm run bench -- trainer`: times training steps of the same model on the same batches.

Run by benchmarks/trainer-throughput.ts as a long-lived worker, so that PyTorch and the TensorFlow.js backends
take turns in short rounds and share whatever load the machine has:

    /usr/bin/python3 benchmarks/pytorch/trainer_step.py SPEC.json
    stdin  {"op": "info"}               stdout {"torch": "1.13.1", "threads": 1, "blas": "openblas (/usr/lib/...)",
                                                "initialLoss": l0}
    stdin  {"op": "run", "steps": N}    stdout {"steps": N, "tokens": T, "wallSeconds": w, "cpuSeconds": c, "loss": l}

SPEC.json (written by the TypeScript side) holds the model, the encoded task, the initial weights and the order:
    {"model": {ModelShape + TrainingConfig fields, "model": "slot" | "transformer"}, "optimizer": {"name",
     "learningRate", "learningRateHalfLife", "warmupTokens", "weightDecay"}, "threads": intra-op threads,
     "initialWeights": [{"shape", "values"} per variable, in the TypeScript model.variables order],
     "inputs": [n·inputWidth ids], "targets": [n·targetWidth ids], "order": [example indices],
     "batchTokens": [tokens of each batch], "lossReadEvery": 10}

The model computes what the trainer's model of that name computes (src/trainer/models/: slot.ts is `RoutedMlp`
in routed_mlp.py, transformer.ts is `PrefixLmTransformer` in prefix_lm_transformer.py), from the same initial
weights, and a step is training-step.ts's (gather, forward, slot cross-entropy over the slots the model counts,
backward, AdamW at the schedule's learning rate) with train-run.ts's loss reads. The TypeScript side builds the spec
from the trainer's own hyperparameters, encoding and token counts, so the architecture, the batches and the tokens
of every step are identical on both sides (tokens: input and target characters, padding excluded). `initialLoss`
(first batch, initial weights, dropout off) lets the benchmark check that both sides compute the same function.
"""
import ctypes
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

from prefix_lm_transformer import PrefixLmTransformer
from routed_mlp import RoutedMlp

MODELS = {"slot": RoutedMlp, "transformer": PrefixLmTransformer}

# Adam's moment decay rates and epsilon, as src/trainer/optimizer.ts (Kingma & Ba 2015, section 2 defaults).
ADAM_BETAS = (0.9, 0.999)
ADAM_EPSILON = 1e-8
SGD_MOMENTUM = 0.9
RMSPROP_DECAY, RMSPROP_EPSILON = 0.9, 1e-7


def make_optimizer(model, spec):
    """The trainer's optimizers (src/trainer/optimizer.ts) with its constants, weight decay on the model's
    `decayed` weights only: decoupled for adamw (w <- w·(1 − lr·wd) − update, Loshchilov & Hutter 2019, which is what
    torch.optim.AdamW does), an L2 gradient term wd·w for the others. Epsilon sits where PyTorch puts it: Adam's
    is added to sqrt(v̂) rather than to sqrt(v) with the bias correction folded into the step (optimizer.ts), and
    RMSProp's to sqrt(v) rather than inside the root — a difference below 1e-8 relative once v is not tiny."""
    name = spec["name"]
    rate = spec["learningRate"]
    decay = spec.get("weightDecay", 0.0)
    decayed_ids = {id(p) for p in model.decayed()}
    groups = [
        {"params": [p for p in model.parameters() if id(p) in decayed_ids], "weight_decay": decay},
        {"params": [p for p in model.parameters() if id(p) not in decayed_ids], "weight_decay": 0.0},
    ]
    if name == "adam":
        return torch.optim.Adam(groups, rate, betas=ADAM_BETAS, eps=ADAM_EPSILON)
    if name == "adamw":
        return torch.optim.AdamW(groups, rate, betas=ADAM_BETAS, eps=ADAM_EPSILON)
    if name == "sgd-momentum":
        return torch.optim.SGD(groups, rate, momentum=SGD_MOMENTUM)
    if name == "rmsprop":
        return torch.optim.RMSprop(groups, rate, alpha=RMSPROP_DECAY, eps=RMSPROP_EPSILON)
    raise ValueError(f"unknown optimizer {name}")


def learning_rate_at(spec, tokens):
    """training-config.ts `learningRateAt`: lr · min(1, tokens / warmupTokens) · 2^(−tokens / halfLife), without
    the warm-up factor when warmupTokens is 0 and without the decay when halfLife is 0."""
    warmup_tokens = spec.get("warmupTokens", 0)
    half_life = spec.get("learningRateHalfLife", 0)
    warmup = min(1.0, tokens / warmup_tokens) if warmup_tokens > 0 else 1.0
    return spec["learningRate"] * warmup * (2 ** (-tokens / half_life) if half_life > 0 else 1.0)


def blas_in_use():
    """Which library PyTorch's matrix products call: Debian's torch uses the generic libblas.so.3, which the
    alternatives system (or LD_LIBRARY_PATH) points at the reference BLAS, OpenBLAS, BLIS...; dladdr on its
    sgemm_ names the file that defines it."""
    class DlInfo(ctypes.Structure):
        _fields_ = [("fname", ctypes.c_char_p), ("fbase", ctypes.c_void_p),
                    ("sname", ctypes.c_char_p), ("saddr", ctypes.c_void_p)]
    try:
        # torch loaded libblas.so.3 privately (RTLD_LOCAL); opening the same soname returns that copy.
        address = ctypes.cast(ctypes.CDLL("libblas.so.3").sgemm_, ctypes.c_void_p)
        info = DlInfo()
        ctypes.CDLL("libdl.so.2").dladdr(address, ctypes.byref(info))
        path = os.path.realpath(info.fname.decode())
    except (AttributeError, OSError):
        return "unknown"
    for marker, name in (("openblas", "openblas"), ("mkl", "mkl"), ("blis", "blis"), ("atlas", "atlas"),
                         ("/blas/libblas", "reference")):
        if marker in path:
            return f"{name} ({path})"
    return path


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    # As many intra-op threads as the TypeScript side gave TensorFlow (its fold processes' setting, one by default).
    torch.set_num_threads(spec.get("threads", 1))
    model_spec = spec["model"]
    model = MODELS[model_spec["model"]](model_spec)
    model.load_weights(spec["initialWeights"])
    optimizer_spec = spec["optimizer"]
    optimizer = make_optimizer(model, optimizer_spec)
    inputs = torch.tensor(spec["inputs"], dtype=torch.long).reshape(-1, model_spec["inputWidth"])
    targets = torch.tensor(spec["targets"], dtype=torch.long).reshape(-1, model_spec["targetWidth"])
    order = torch.tensor(spec["order"], dtype=torch.long)
    batch_tokens = spec["batchTokens"]
    batch_size = model_spec["batchSize"]
    loss_read_every = spec.get("lossReadEvery", 10)
    vocab = model_spec["vocabularySize"]
    cursor = 0
    training_tokens = 0
    pending = []

    def batch_loss(rows):
        """training-step.ts `batchLoss`: −log softmax(logits)[target] per output slot (cross-entropy.ts), averaged
        over the slots the model counts (its loss_weights; every slot when it returns None)."""
        x, y = inputs[rows], targets[rows]
        per_slot = F.cross_entropy(model(x, y).reshape(-1, vocab), y.reshape(-1), reduction="none")
        weights = model.loss_weights(y)
        if weights is None:
            return per_slot.mean()
        return (per_slot * weights.reshape(-1)).sum() / weights.sum()

    # The mirror check: the first batch at the initial weights, dropout off (tfjs computes it without a seed).
    model.eval()
    with torch.no_grad():
        initial_loss = float(batch_loss(order[:batch_size]))
    model.train()

    def step():
        """One step as training-step.ts takes it and train-run.ts schedules it: rows gathered by a slice of the
        epoch order, the learning rate at the training tokens seen so far, the loss kept and read every
        `loss_read_every` steps."""
        nonlocal cursor, training_tokens
        index = cursor % len(batch_tokens)
        cursor += 1
        rows = order[index * batch_size:(index + 1) * batch_size]
        for group in optimizer.param_groups:
            group["lr"] = learning_rate_at(optimizer_spec, training_tokens)
        optimizer.zero_grad(set_to_none=True)
        loss = batch_loss(rows)
        loss.backward()
        optimizer.step()
        training_tokens += batch_tokens[index]
        pending.append(loss.detach())
        if len(pending) >= loss_read_every:
            torch.stack(pending).tolist()
            pending.clear()
        return batch_tokens[index], loss

    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "info":
            reply = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_in_use(),
                     "initialLoss": initial_loss}
        elif request["op"] == "run":
            tokens, loss = 0, None
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(request["steps"]):
                used, loss = step()
                tokens += used
            reply = {"steps": request["steps"], "tokens": tokens, "wallSeconds": time.perf_counter() - wall,
                     "cpuSeconds": time.process_time() - cpu, "loss": float(loss)}
        else:
            reply = {"error": f"unknown op {request['op']}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
