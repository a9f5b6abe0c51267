"""PyTorch reference for `npm run bench -- trainer`: times training steps of the same model on the same batches.

Run by benchmarks/trainer-throughput.ts as a long-lived worker, so that PyTorch and the TensorFlow.js backends
take turns in short rounds and share whatever load the machine has:

    /usr/bin/python3 benchmarks/pytorch/trainer_step.py SPEC.json
    stdin  {"op": "info"}               stdout {"torch": "1.13.1", "threads": 1, "blas": "openblas (/usr/lib/...)"}
    stdin  {"op": "run", "steps": N}    stdout {"steps": N, "tokens": T, "wallSeconds": w, "cpuSeconds": c, "loss": l}

SPEC.json (written by the TypeScript side) holds the model, the encoded task and the training order:
    {"model": {ModelShape + TrainingConfig fields}, "optimizer": {...}, "inputs": [n·inputWidth ids],
     "targets": [n·targetWidth ids], "order": [example indices], "batchTokens": [tokens of each batch],
     "lossReadEvery": 10}

The model mirrors src/trainer's default model op for op (see `RoutedMlp`) and a step mirrors train-run.ts's;
the TypeScript side builds the spec from the trainer's own hyperparameters, encoding and token counts, so the
architecture, the batches and the tokens of every step are identical on both sides (tokens: input and target
characters, padding excluded).
"""
import ctypes
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)  # one thread: faster than OpenMP's two on this 2-core VM (issue 3)


class RoutedMlp(torch.nn.Module):
    """Mirror of src/trainer/model.ts `createSlotModel` (the "routed MLP"), op for op; spec fields carry the
    TypeScript names (ModelShape + TrainingConfig):

      TypeScript (model.ts)                          here
      characterEmbedding  vocabularySize x E         self.character      one_hot(inputs) @ character
      inputSlots          inputWidth x E             self.input_slots    added to every example's embedding
      routing             heads x inputWidth x out   self.routing        per-head batched matmul, same transposes
      outputSlots         targetWidth x E            self.output_slots   added after routing
      hidden[i]           weights fanIn x width,     self.hidden[i]      relu(h @ W + b), dropout in training
                          bias width
      readout             width x vocabularySize     self.readout        logits reshaped B x targetWidth x vocab

    Weights are stored in the TypeScript orientation (in x out) and used with `@`, not nn.Linear, so the matrix
    products have the same shapes and transposes on both sides. Initialization does not affect throughput.
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
        normal = lambda *shape, scale: torch.nn.Parameter(torch.randn(*shape) * scale)
        self.character = normal(self.vocab, e, scale=e ** -0.5)
        self.input_slots = normal(n_in, e, scale=e ** -0.5)
        self.routing = normal(self.heads, n_in, n_out, scale=n_in ** -0.5)
        self.output_slots = normal(n_out, e, scale=e ** -0.5)
        self.hidden_weights = torch.nn.ParameterList()
        self.hidden_biases = torch.nn.ParameterList()
        fan_in = e
        for _ in range(spec["depth"]):
            self.hidden_weights.append(normal(fan_in, spec["width"], scale=(2 / fan_in) ** 0.5))
            self.hidden_biases.append(torch.nn.Parameter(torch.zeros(spec["width"])))
            fan_in = spec["width"]
        self.readout_weights = normal(fan_in, self.vocab, scale=fan_in ** -0.5)
        self.readout_bias = torch.nn.Parameter(torch.zeros(self.vocab))

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


def make_optimizer(parameters, spec):
    """The trainer's optimizers (src/trainer/optimizer.ts) with tfjs's defaults: epsilon 1e-7, sgd-momentum 0.9,
    rmsprop decay 0.9. weightDecay: decoupled for adamw, an L2 term otherwise, as training-config.ts says (the
    trainer exempts biases; PyTorch decays every parameter, which costs the same)."""
    name = spec.get("name", "adam")
    rate = spec["learningRate"]
    decay = spec.get("weightDecay", 0.0)
    epsilon = spec.get("epsilon", 1e-7)
    if name == "adam":
        return torch.optim.Adam(parameters, rate, eps=epsilon, weight_decay=decay)
    if name == "adamw":
        return torch.optim.AdamW(parameters, rate, eps=epsilon, weight_decay=decay)
    if name == "sgd-momentum":
        return torch.optim.SGD(parameters, rate, momentum=0.9, weight_decay=decay)
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, rate, alpha=0.9, eps=epsilon, weight_decay=decay)
    raise ValueError(f"unknown optimizer {name}")


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
    torch.manual_seed(spec.get("seed", 0))
    model_spec = spec["model"]
    model = RoutedMlp(model_spec)
    model.train()
    optimizer = make_optimizer(model.parameters(), spec["optimizer"])
    inputs = torch.tensor(spec["inputs"], dtype=torch.long).reshape(-1, model_spec["inputWidth"])
    targets = torch.tensor(spec["targets"], dtype=torch.long).reshape(-1, model_spec["targetWidth"])
    order = torch.tensor(spec["order"], dtype=torch.long)
    batch_tokens = spec["batchTokens"]
    batch_size = model_spec["batchSize"]
    loss_read_every = spec.get("lossReadEvery", 10)
    vocab = model_spec["vocabularySize"]
    cursor = 0
    pending = []

    def step():
        """One step as train-run.ts takes it: rows gathered by a slice of the epoch order, the loss kept and
        read every `loss_read_every` steps."""
        nonlocal cursor
        index = cursor % len(batch_tokens)
        cursor += 1
        rows = order[index * batch_size:(index + 1) * batch_size]
        optimizer.zero_grad(set_to_none=True)
        logits = model(inputs[rows])
        loss = F.cross_entropy(logits.reshape(-1, vocab), targets[rows].reshape(-1))
        loss.backward()
        optimizer.step()
        pending.append(loss.detach())
        if len(pending) >= loss_read_every:
            torch.stack(pending).tolist()
            pending.clear()
        return batch_tokens[index], loss

    step()  # the first step allocates optimizer state
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "info":
            reply = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_in_use()}
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
