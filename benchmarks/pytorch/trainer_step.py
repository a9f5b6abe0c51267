"""PyTorch reference for `npm run bench -- trainer`: times training steps of the same model on the same batches.

Run by benchmarks/trainer-throughput.ts as a long-lived worker, so that PyTorch and the TensorFlow.js backends
take turns in short rounds and share whatever load the machine has:

    /usr/bin/python3 benchmarks/pytorch/trainer_step.py SPEC.json
    stdin  {"op": "info"}               stdout {"torch": "1.13.1", "threads": 1, "blas": "openblas-pthread"}
    stdin  {"op": "run", "steps": N}    stdout {"steps": N, "tokens": T, "wallSeconds": w, "cpuSeconds": c, "loss": l}

SPEC.json (written by the TypeScript side) holds the model and the batches:
    {"model": {...}, "optimizer": {...}, "batches": [{"inputs": [[...]], "targets": [[...]], "tokens": n}, ...]}

The model mirrors src/trainer's MLP sequence model layer for layer (see `SequenceMlp`); the TypeScript side
builds the spec from the trainer's own hyperparameters, and the batches from the trainer's own encoding, so
the architecture, the batch size and the token count of every step are identical on both sides (tokens are
counted by the TypeScript side: input and target characters, padding excluded).
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)  # one thread: faster than OpenMP's two on this 2-core VM (issue 3)


class SequenceMlp(torch.nn.Module):
    """Characters one-hot per position → [optional embedding + learned position vectors] → flatten →
    `depth` × (linear `width` → relu → dropout) → linear to outputLength × vocabSize logits.

    Correspondence with the TypeScript model (same names as its spec fields):
      embedding E > 0: x = onehot(inputs) @ embedding (vocab × E) + position (inputLength × E), flattened
      embedding 0:     x = onehot(inputs) flattened (inputLength·vocab features) straight into the first layer
      hidden layers:   weight (in × width), bias (width), relu, dropout(p) in training
      output:          weight (width × outputLength·vocab), bias, reshaped to (batch, outputLength, vocab)
      loss:            mean softmax cross-entropy over every target position (padding positions included,
                       they predict the pad character), as tf.losses.softmaxCrossEntropy's default reduction.
    Initialization does not affect throughput and is left at PyTorch's defaults.
    """

    def __init__(self, spec):
        super().__init__()
        self.input_length = spec["inputLength"]
        self.output_length = spec["outputLength"]
        self.vocab = spec["vocabSize"]
        self.embedding_size = spec.get("embedding", 0)
        if self.embedding_size > 0:
            self.embedding = torch.nn.Parameter(torch.randn(self.vocab, self.embedding_size) * 0.5)
            self.position = torch.nn.Parameter(torch.randn(self.input_length, self.embedding_size) * 0.5)
            features = self.input_length * self.embedding_size
        else:
            features = self.input_length * self.vocab
        self.hidden = torch.nn.ModuleList()
        for _ in range(spec["depth"]):
            self.hidden.append(torch.nn.Linear(features, spec["width"]))
            features = spec["width"]
        self.dropout = spec.get("dropout", 0.0)
        self.output = torch.nn.Linear(features, self.output_length * self.vocab)

    def forward(self, inputs):
        one_hot = F.one_hot(inputs, self.vocab).float()  # batch × inputLength × vocab
        if self.embedding_size > 0:
            x = (one_hot @ self.embedding + self.position).reshape(inputs.shape[0], -1)
        else:
            x = one_hot.reshape(inputs.shape[0], -1)
        for layer in self.hidden:
            x = torch.relu(layer(x))
            if self.dropout > 0:
                x = F.dropout(x, self.dropout, self.training)
        return self.output(x).reshape(inputs.shape[0], self.output_length, self.vocab)


def make_optimizer(parameters, spec):
    name = spec.get("name", "adam")
    rate = spec["learningRate"]
    decay = spec.get("weightDecay", 0.0)
    if name == "adam":
        return torch.optim.Adam(parameters, rate, eps=spec.get("epsilon", 1e-7), weight_decay=decay)
    if name == "adamw":
        return torch.optim.AdamW(parameters, rate, eps=spec.get("epsilon", 1e-7), weight_decay=decay)
    if name == "sgd":
        return torch.optim.SGD(parameters, rate, momentum=spec.get("momentum", 0.0), weight_decay=decay)
    raise ValueError(f"unknown optimizer {name}")


def blas_in_use():
    """Which BLAS library this process mapped (Debian switches libblas.so.3 between implementations)."""
    with open("/proc/self/maps") as maps:
        text = maps.read()
    for marker, name in (("openblas-pthread", "openblas-pthread"), ("openblas-openmp", "openblas-openmp"),
                         ("openblas", "openblas"), ("libmkl", "mkl"), ("blis", "blis"), ("atlas", "atlas"),
                         ("/blas/libblas.so", "reference")):
        if marker in text:
            return name
    return "unknown"


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    torch.manual_seed(spec.get("seed", 0))
    model = SequenceMlp(spec["model"])
    model.train()
    optimizer = make_optimizer(model.parameters(), spec["optimizer"])
    batches = [
        (torch.tensor(b["inputs"], dtype=torch.long), torch.tensor(b["targets"], dtype=torch.long), b["tokens"])
        for b in spec["batches"]
    ]
    vocab = spec["model"]["vocabSize"]
    cursor = 0

    def step():
        nonlocal cursor
        inputs, targets, tokens = batches[cursor % len(batches)]
        cursor += 1
        optimizer.zero_grad(set_to_none=True)
        logits = model(inputs)
        loss = F.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1))
        loss.backward()
        optimizer.step()
        return tokens, loss.item()  # .item() syncs, as the TypeScript loop reads its loss every step

    step()  # the first step allocates optimizer state
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "info":
            reply = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_in_use()}
        elif request["op"] == "run":
            tokens, loss = 0, float("nan")
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(request["steps"]):
                used, loss = step()
                tokens += used
            reply = {"steps": request["steps"], "tokens": tokens, "wallSeconds": time.perf_counter() - wall,
                     "cpuSeconds": time.process_time() - cpu, "loss": loss}
        else:
            reply = {"error": f"unknown op {request['op']}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
