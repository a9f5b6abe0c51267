"""PyTorch reference for `npm run bench -- trainer`: times training steps of the same model on the same batches.

Run by benchmarks/trainer-throughput.ts as a long-lived worker, so that PyTorch and the TensorFlow.js backends
take turns in short rounds and share whatever load the machine has:

    /usr/bin/python3 benchmarks/pytorch/trainer_step.py SPEC.json
    stdin  {"op": "info"}               stdout {"torch": "1.13.1", "threads": 1, "blas": "openblas (/usr/lib/...)",
                                                "initialLoss": l0}
    stdin  {"op": "run", "steps": N}    stdout {"steps": N, "tokens": T, "wallSeconds": w, "cpuSeconds": c, "loss": l}

SPEC.json (written by the TypeScript side) holds the model, the encoded task, the initial weights and the order:
    {"model": {ModelShape + TrainingConfig fields}, "optimizer": {"name", "learningRate", "learningRateHalfLife",
     "weightDecay"}, "initialWeights": [{"shape", "values"} per model.ts variable, in model.variables order],
     "inputs": [n·inputWidth ids], "targets": [n·targetWidth ids], "order": [example indices],
     "batchTokens": [tokens of each batch], "lossReadEvery": 10}

The model computes what src/trainer/model.ts computes (see `RoutedMlp`), from the same initial weights, and a
step is training-step.ts's (gather, forward, mean slot cross-entropy, backward, AdamW at the schedule's learning
rate) with train-run.ts's loss reads. The TypeScript side builds the spec from the trainer's own hyperparameters,
encoding and token counts, so the architecture, the batches and the tokens of every step are identical on both
sides (tokens: input and target characters, padding excluded). `initialLoss` (first batch, initial weights) lets
the benchmark check that both sides compute the same function.
"""
import ctypes
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)  # one thread: faster than OpenMP's two on this 2-core VM

# Adam's moment decay rates and epsilon, as src/trainer/optimizer.ts (Kingma & Ba 2015, section 2 defaults).
ADAM_BETAS = (0.9, 0.999)
ADAM_EPSILON = 1e-8
SGD_MOMENTUM = 0.9
RMSPROP_DECAY, RMSPROP_EPSILON = 0.9, 1e-7


class RoutedMlp(torch.nn.Module):
    """The function of src/trainer/model.ts `createSlotModel` (the "routed MLP"); spec fields carry the TypeScript
    names (ModelShape + TrainingConfig). model.ts stores matrices [out, in] and runs column-major activations
    [features, rows] (a choice made for tfjs' wasm backend); this module keeps PyTorch's natural row-major
    activations [rows, features] with each matrix transposed, the same products the other way round:

      TypeScript (model.ts)                            here
      characterEmbedding  E x vocabularySize           self.character     V x E: one_hot(inputs) @ character
      inputSlots          E x 1 x inputWidth           self.input_slots   inputWidth x E, added to every example
      routing             heads x inputWidth x out     self.routing       same: per-head bmm over channels E/heads
      outputSlots         E x 1 x targetWidth          self.output_slots  targetWidth x E, added after routing
      hidden[i].weights   width x fanIn, bias width x 1  hidden_weights[i] fanIn x width, hidden_biases[i] width:
                                                                          relu(h @ W + b), dropout in training
      readout             V x fanIn, bias V x 1        readout_weights    fanIn x V, readout_bias V:
                                                                          logits B x targetWidth x V

    Head k owns channels k·E/heads ... (k+1)·E/heads − 1 on both sides. `load_model_ts_weights` copies model.ts'
    initial weights in, transposed; dropout masks differ (tfjs draws them from its seed), which the default
    (dropout 0) never uses.
    """

    def __init__(self, spec):
        super().__init__()
        self.input_width = spec["inputWidth"]
        self.target_width = spec["targetWidth"]
        self.vocab = spec["vocabularySize"]
        self.embedding = spec["embedding"]
        self.heads = spec["heads"]
        self.dropout = spec.get("dropout", 0.0)
        e, n_in, n_out = self.embedding, self.input_width, self.target_width
        zeros = lambda *shape: torch.nn.Parameter(torch.zeros(*shape))
        self.character = zeros(self.vocab, e)
        self.input_slots = zeros(n_in, e)
        self.routing = zeros(self.heads, n_in, n_out)
        self.output_slots = zeros(n_out, e)
        self.hidden_weights = torch.nn.ParameterList()
        self.hidden_biases = torch.nn.ParameterList()
        fan_in = e
        for _ in range(spec["depth"]):
            self.hidden_weights.append(zeros(fan_in, spec["width"]))
            self.hidden_biases.append(zeros(spec["width"]))
            fan_in = spec["width"]
        self.readout_weights = zeros(fan_in, self.vocab)
        self.readout_bias = zeros(self.vocab)

    def load_model_ts_weights(self, variables):
        """Copies model.ts' variables (model.variables order: characterEmbedding, inputSlots, routing, outputSlots,
        then weights and bias of each hidden layer, readout weights and bias) into this module's orientation."""
        tensors = [torch.tensor(v["values"], dtype=torch.float32).reshape(v["shape"]) for v in variables]
        character, input_slots, routing, output_slots, *rest = tensors
        e = self.embedding
        with torch.no_grad():
            self.character.copy_(character.t())
            self.input_slots.copy_(input_slots.reshape(e, -1).t())
            self.routing.copy_(routing)
            self.output_slots.copy_(output_slots.reshape(e, -1).t())
            for i, (weights, bias) in enumerate(zip(self.hidden_weights, self.hidden_biases)):
                weights.copy_(rest[2 * i].t())
                bias.copy_(rest[2 * i + 1].reshape(-1))
            self.readout_weights.copy_(rest[-2].t())
            self.readout_bias.copy_(rest[-1].reshape(-1))

    def decayed(self):
        """The parameters model.ts lists in `decayed` (weight matrices; not biases or slot embeddings)."""
        return [self.character, self.routing, *self.hidden_weights, self.readout_weights]

    def forward(self, inputs):
        batch = inputs.shape[0]
        e, n_in, n_out, heads = self.embedding, self.input_width, self.target_width, self.heads
        channels = e // heads
        one_hot = F.one_hot(inputs.reshape(-1), self.vocab).float()
        embedded = (one_hot @ self.character).reshape(batch, n_in, e) + self.input_slots
        by_head = embedded.reshape(batch, n_in, heads, channels).permute(2, 0, 3, 1).reshape(heads, batch * channels, n_in)
        routed = torch.bmm(by_head, self.routing)
        slots = routed.reshape(heads, batch, channels, n_out).permute(1, 3, 0, 2).reshape(batch, n_out, e)
        h = (slots + self.output_slots).reshape(batch * n_out, e)
        for weights, bias in zip(self.hidden_weights, self.hidden_biases):
            h = torch.relu(h @ weights + bias)
            if self.dropout > 0:
                h = F.dropout(h, self.dropout, self.training)
        return (h @ self.readout_weights + self.readout_bias).reshape(batch, n_out, self.vocab)


def make_optimizer(model, spec):
    """The trainer's optimizers (src/trainer/optimizer.ts) with its constants, weight decay on model.ts' `decayed`
    weights only: decoupled for adamw (w <- w·(1 − lr·wd) − update, Loshchilov & Hutter 2019, which is what
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
    """training-config.ts `learningRateAt`: lr · 2^(−tokens / halfLife), constant when halfLife is 0."""
    half_life = spec.get("learningRateHalfLife", 0)
    return spec["learningRate"] * (2 ** (-tokens / half_life) if half_life > 0 else 1.0)


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
    model_spec = spec["model"]
    model = RoutedMlp(model_spec)
    model.load_model_ts_weights(spec["initialWeights"])
    model.train()
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
        """Mean over examples and output slots of −log softmax(logits)[target] (cross-entropy.ts, training-step.ts)."""
        logits = model(inputs[rows])
        return F.cross_entropy(logits.reshape(-1, vocab), targets[rows].reshape(-1))

    with torch.no_grad():
        initial_loss = float(batch_loss(order[:batch_size]))

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
