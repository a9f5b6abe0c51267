/**
 * The `serve --stdio` protocol as `stopwise serve --help` prints it: every operation, field and error. Plain
 * strings only, so that printing help loads nothing of the study. The README's protocol section says the same.
 */
export const PROTOCOL_HELP: readonly string[] = [
  'protocol: one JSON object per line on stdin; exactly one JSON line answers each line, in order (a blank line',
  'too). Success is {"ok":true,…}; any problem is {"ok":false,"error":"…"} and the session goes on unchanged.',
  'The session ends when stdin closes. Studies live in memory only; TensorFlow is never loaded.',
  '',
  'operations:',
  '  {"op":"create","space":{"params":{…}},"objectives":[{"name":N,"direction":"minimize"|"maximize"},…]}',
  '      starts a new study (replacing the session\'s previous one); → {"ok":true}',
  '      space: {"params", "constraints"?, "derived"?} as in a search-space file (search-spaces/README.md)',
  '      optional: "seed" (integer, default 0), "sampler" ("gp-ehvi" default, "random", "sobol"),',
  '                "samplerOptions" (gp-ehvi only): {"ehviSdScale": S}, the EHVI tempering: the acquisition',
  '                sees each posterior standard deviation times S > 0 (default 0.5; 1 is plain EHVI; smaller',
  '                exploits the model more, larger explores more),',
  '                "refPoint" (one number per objective, for the hypervolume; default inferred from the trials)',
  '  {"op":"ask"}                 → {"ok":true,"trial":{"id":I,"params":{…}}}   (ids count 0, 1, 2, … per study)',
  '  {"op":"ask","n":K}           → {"ok":true,"trials":[{"id","params"},…]}     K from 1 to 64, asked as a batch',
  '  {"op":"tell","id":I,"values":[v1,v2,…]}   → {"ok":true}   one finite number per objective, in their order',
  '      optional: "stderr":[s1,s2,…] (standard errors ≥ 0, one per objective)',
  '  {"op":"tell","id":I,"state":"failed"}    → {"ok":true}   the trial failed; it never counts for the front',
  '  {"op":"front"}               → {"ok":true,"front":[{"id","params","values"},…],"hypervolume":H}',
  '      the told trials no other dominates, sorted by the first objective; H is null unless there are two',
  '      objectives and a told trial',
  '',
  'errors ({"ok":false,"error":…}): a line that is blank or not a JSON object; a missing or unknown "op"; ask, tell',
  'or front before create; a bad space (the message names its JSON path, e.g. create: $.space.params.x.low), bad',
  'objectives, seed, sampler, samplerOptions or refPoint; n outside 1…64; an ask that would leave more than 256',
  'trials asked and not yet told; tell with an unknown id, a trial already told, values or stderr of the wrong',
  'length or not finite, or a state other than "complete" or "failed".',
];
