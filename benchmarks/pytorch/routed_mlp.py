"""The slot model ("routed MLP") of src/trainer/models/slot.ts in PyTorch, for benchmarks/pytorch/trainer_step.py."""
import torch
import torch.nn.functional as F


class RoutedMlp(torch.nn.Module):
    """The function of src/trainer/models/slot.ts `createSlotModel` (the "routed MLP"); spec fields carry the TypeScript
    names (ModelShape + TrainingConfig). slot.ts stores matrices [out, in] and runs column-major activations
    [features, rows] (a choice made for tfjs' wasm backend); this module keeps PyTorch's natural row-major
    activations [rows, features] with each matrix transposed, the same products the other way round:

      TypeScript (slot.ts)                             here
      characterEmbedding  E x vocabularySize           self.character     V x E: one_hot(inputs) @ character
      inputSlots          E x 1 x inputWidth           self.input_slots   inputWidth x E, added to every example
      routing             heads x inputWidth x out     self.routing       same: per-head bmm over channels E/heads
      outputSlots         E x 1 x targetWidth          self.output_slots  targetWidth x E, added after routing
      hidden[i].weights   width x fanIn, bias width x 1  hidden_weights[i] fanIn x width, hidden_biases[i] width:
                                                                          relu(h @ W + b), dropout in training
      readout             V x fanIn, bias V x 1        readout_weights    fanIn x V, readout_bias V:
                                                                          logits B x targetWidth x V

    Head k owns channels k·E/heads ... (k+1)·E/heads − 1 on both sides. `load_weights` copies slot.ts'
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

    def load_weights(self, variables):
        """Copies slot.ts' variables (model.variables order: characterEmbedding, inputSlots, routing, outputSlots,
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
        """The parameters slot.ts lists in `decayed` (weight matrices; not biases or slot embeddings)."""
        return [self.character, self.routing, *self.hidden_weights, self.readout_weights]

    def loss_weights(self, targets):
        """slot.ts `lossWeights`: none, every output slot counts."""
        return None

    def forward(self, inputs, targets):
        """Logits B x targetWidth x vocabulary; the slot model never reads the targets."""
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
