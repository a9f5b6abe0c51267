"""The Transformer of src/trainer/models/transformer.ts in PyTorch, for benchmarks/pytorch/trainer_step.py."""
import math

import torch
import torch.nn.functional as F

# transformer.ts' constants: the score added to a masked key, and LayerNorm's epsilon (PyTorch's default too).
MASKED_SCORE = -1e9
NORM_EPSILON = 1e-5
PAD_ID = 0


class PrefixLmTransformer(torch.nn.Module):
    """The function of src/trainer/models/transformer.ts `createTransformerModel`: a decoder-only pre-LayerNorm
    Transformer over `input ⟂ target` as a prefix LM, written as a PyTorch user would write it. Spec fields carry the
    TypeScript names (ModelShape + TrainingConfig). Both sides keep row-major activations [rows, features] and store
    matrices [in, out], so the weights are copied as they are:

      TypeScript (transformer.ts)          here
      tokenEmbedding   (V + 1) x E          self.token (row V is BOS), looked up with F.embedding (= one-hot @ table)
      inputPositions   inputWidth x E       self.input_positions
      targetPositions  targetWidth x E      self.target_positions
      per block: attentionNorm scale/shift, queryKeyValue E x 3E (queries | keys | values, head h owning channels
      h·E/heads … (h+1)·E/heads − 1 of each), attentionOut E x E, feedForwardNorm scale/shift, hidden E x F + bias,
      out F x E + bias                      self.blocks[i], same names
      finalNorm scale/shift, readout E x V + bias

    Attention scores are offset by MASKED_SCORE rather than set to −inf, as transformer.ts does: input PAD keys are
    hidden from every query, target keys after a query's own position from that query, target keys from input
    queries. Dropout sits where transformer.ts puts it (embeddings, each sub-layer's output); its masks differ from
    tfjs' (drawn from its seeds), which the default (dropout 0) never uses.
    """

    def __init__(self, spec):
        super().__init__()
        self.input_width = spec["inputWidth"]
        self.target_width = spec["targetWidth"]
        self.vocab = spec["vocabularySize"]
        self.embedding = spec["embedding"]
        self.heads = spec["heads"]
        self.dropout = spec.get("dropout", 0.0)
        e, feed_forward = self.embedding, spec["feedForward"]
        zeros = lambda *shape: torch.nn.Parameter(torch.zeros(*shape))
        self.token = zeros(self.vocab + 1, e)
        self.input_positions = zeros(self.input_width, e)
        self.target_positions = zeros(self.target_width, e)
        self.blocks = torch.nn.ModuleList()
        for _ in range(spec["depth"]):
            block = torch.nn.Module()
            block.attention_norm_scale, block.attention_norm_shift = zeros(e), zeros(e)
            block.query_key_value = zeros(e, 3 * e)
            block.attention_out = zeros(e, e)
            block.feed_forward_norm_scale, block.feed_forward_norm_shift = zeros(e), zeros(e)
            block.hidden_weights, block.hidden_bias = zeros(e, feed_forward), zeros(feed_forward)
            block.out_weights, block.out_bias = zeros(feed_forward, e), zeros(e)
            self.blocks.append(block)
        self.final_norm_scale, self.final_norm_shift = zeros(e), zeros(e)
        self.readout_weights, self.readout_bias = zeros(e, self.vocab), zeros(self.vocab)
        # The prefix-LM structure: input queries see input keys; target queries see the input and the target up to
        # their own position.
        length = self.input_width + self.target_width
        query = torch.arange(length).reshape(-1, 1)
        key = torch.arange(length).reshape(1, -1)
        visible = (key < self.input_width) | ((query >= self.input_width) & (key <= query))
        self.register_buffer("structure_bias", torch.where(visible, 0.0, MASKED_SCORE))

    def ordered_parameters(self):
        """The parameters in transformer.ts' model.variables order."""
        per_block = [[b.attention_norm_scale, b.attention_norm_shift, b.query_key_value, b.attention_out,
                      b.feed_forward_norm_scale, b.feed_forward_norm_shift, b.hidden_weights, b.hidden_bias,
                      b.out_weights, b.out_bias] for b in self.blocks]
        return [self.token, self.input_positions, self.target_positions, *[p for ps in per_block for p in ps],
                self.final_norm_scale, self.final_norm_shift, self.readout_weights, self.readout_bias]

    def load_weights(self, variables):
        """Copies transformer.ts' variables (model.variables order, [in, out] matrices as stored there)."""
        parameters = self.ordered_parameters()
        if len(parameters) != len(variables):
            raise ValueError(f"expected {len(parameters)} variables from transformer.ts, got {len(variables)}")
        with torch.no_grad():
            for parameter, variable in zip(parameters, variables):
                parameter.copy_(torch.tensor(variable["values"], dtype=torch.float32).reshape(variable["shape"]))

    def decayed(self):
        """The parameters transformer.ts lists in `decayed`: the token embedding and the weight matrices."""
        return [self.token, *[p for b in self.blocks for p in (b.query_key_value, b.attention_out, b.hidden_weights,
                                                              b.out_weights)], self.readout_weights]

    def loss_weights(self, targets):
        """transformer.ts `lossWeights`: slot t counts when t ≤ (index of the last character) + 1 — the characters
        and the end-of-sequence PAD after them. B x targetWidth float32."""
        width = targets.shape[1]
        slot_numbers = torch.arange(1, width + 1)
        last_character_number = ((targets != PAD_ID).long() * slot_numbers).max(dim=1, keepdim=True).values
        return (torch.arange(width) <= last_character_number).float()

    def forward(self, inputs, targets):
        """Teacher-forced logits B x targetWidth x V: position t of [BOS, y0 … y_{W−2}] predicts y_t."""
        batch = inputs.shape[0]
        e, heads = self.embedding, self.heads
        head_size = e // heads
        begin = torch.full((batch, 1), self.vocab, dtype=torch.long)
        decoder_ids = torch.cat([begin, targets[:, :-1]], dim=1)
        x = torch.cat([F.embedding(inputs, self.token) + self.input_positions,
                       F.embedding(decoder_ids, self.token) + self.target_positions], dim=1)
        x = F.dropout(x, self.dropout, self.training)
        length = x.shape[1]
        key_bias = torch.cat([(inputs == PAD_ID).float() * MASKED_SCORE,
                              torch.zeros(batch, self.target_width)], dim=1)
        bias = (key_bias.reshape(batch, 1, 1, length) + self.structure_bias).detach()
        scale = 1 / math.sqrt(head_size)
        for b in self.blocks:
            h = F.layer_norm(x, (e,), b.attention_norm_scale, b.attention_norm_shift, NORM_EPSILON)
            queries, keys, values = (h @ b.query_key_value).split(e, dim=-1)
            split = lambda t: t.reshape(batch, length, heads, head_size).transpose(1, 2)
            scores = split(queries) @ split(keys).transpose(-2, -1) * scale + bias
            mixed = (torch.softmax(scores, dim=-1) @ split(values)).transpose(1, 2).reshape(batch, length, e)
            x = x + F.dropout(mixed @ b.attention_out, self.dropout, self.training)
            h = F.layer_norm(x, (e,), b.feed_forward_norm_scale, b.feed_forward_norm_shift, NORM_EPSILON)
            out = torch.relu(h @ b.hidden_weights + b.hidden_bias) @ b.out_weights + b.out_bias
            x = x + F.dropout(out, self.dropout, self.training)
        target = F.layer_norm(x[:, self.input_width:], (e,), self.final_norm_scale, self.final_norm_shift,
                              NORM_EPSILON)
        return target @ self.readout_weights + self.readout_bias
