import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildFrontReport, buildProductionConfig, parsePolicy } from '../../export/index.js';
import { formatEm, formatRecipe, formatTokens } from '../../search/format.js';
import { write, type CommandIo } from '../io.js';
import type { ParsedCommandLine } from '../parse-args.js';
import { openNamedStudy } from '../open-study.js';

/** `stopwise seed`: a production config with the recipe the policy picks from the front. */
export async function seedCommand(parsed: ParsedCommandLine, io: CommandIo): Promise<number> {
  const policy = parsePolicy(String(parsed.options.policy ?? 'knee'));
  const { storage, study, trials } = await openNamedStudy(parsed, io);
  try {
    const config = buildProductionConfig(buildFrontReport(study, trials), policy, { task: study.meta.task });
    const text = `${JSON.stringify(config, null, 2)}\n`;
    const output = parsed.options.output as string | undefined;
    if (output) {
      await writeFile(resolve(io.cwd, output), text);
      await write(
        io.stderr,
        `wrote production config to ${output}: trial ${config.provenance.trialId}, tokens ${formatTokens(config.expected.tokens.mean)} ± ${formatTokens(config.expected.tokens.se)}, EM ${formatEm(config.expected.em.mean)} ± ${formatEm(config.expected.em.se)} (${config.policy}) — ${formatRecipe(config.recipe.params)}\n`,
      );
    } else {
      await write(io.stdout, text);
    }
    return 0;
  } finally {
    await storage.close();
  }
}
