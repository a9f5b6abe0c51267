import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parsePolicy } from '../../export/policy.js';
import { productionConfigToJson, studyProductionConfig } from '../../export/production-config.js';
import { formatEm, formatEstimate, formatRecipe, formatTokens } from '../../search/format.js';
import { write, type CommandIo } from '../io.js';
import type { CommandInvocation } from '../command-table.js';
import { openNamedStudy } from '../open-study.js';

/** `stopwise seed`: a production config with the recipe the policy picks from the front. */
export async function seedCommand({ options }: CommandInvocation<'seed'>, io: CommandIo): Promise<number> {
  const policy = parsePolicy(options.policy);
  const { storage, study, trials } = await openNamedStudy(options, io);
  try {
    const config = studyProductionConfig(study, trials, policy);
    const text = productionConfigToJson(config);
    const { output } = options;
    if (output) {
      await writeFile(resolve(io.cwd, output), text);
      await write(
        io.stderr,
        `wrote production config to ${output}: trial #${config.provenance.trialNumber}, cross-validated tokens ${formatEstimate(config.expected.tokens, formatTokens)}, EM ${formatEstimate(config.expected.em, formatEm)}` +
          (config.confirmed ? `; confirmed tokens ${formatEstimate(config.confirmed.tokens, formatTokens)}, test EM ${formatEstimate(config.confirmed.em, formatEm)}` : '; not confirmed (run `stopwise confirm`)') +
          ` (${config.policy}, by ${config.selectedBy} figures) — ${formatRecipe(config.recipe.params)}\n`,
      );
    } else {
      await write(io.stdout, text);
    }
    return 0;
  } finally {
    await storage.close();
  }
}
