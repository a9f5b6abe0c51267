import { buildFrontReport, type TrialRow } from '../export/front-report.js';
import { studyCurves } from '../export/production-config.js';
import type { Storage } from '../storage/index.js';
import type { StudyRecord, TrialRecord } from '../storage/records.js';
import type { SearchListener } from './events.js';
import type { RecipeConfirmer } from './trainer-evaluator.js';

export interface ConfirmFrontOptions {
  storage: Storage;
  study: StudyRecord;
  confirm: RecipeConfirmer;
  /** Runs (seeds) per recipe. */
  repeats: number;
  listener?: SearchListener;
  /** Checked between recipes: when set, confirmation ends after the running recipe (what is done stays stored). */
  shouldStop?: () => boolean;
}

export interface ConfirmFrontOutcome {
  /** Front recipes confirmed by this call. */
  confirmed: number;
  /** Front recipes that already had a confirmation with at least `repeats` runs. */
  alreadyConfirmed: number;
  /** The front after confirmation, each row with its confirmed figures when it has them. */
  front: TrialRow[];
  interrupted: boolean;
}

/**
 * Confirms the study's front (DESIGN.md, Methodology): each front recipe without a confirmation of at least
 * `repeats` runs is retrained on the search part and measured on the test part, and stored as it finishes (a
 * killed confirmation keeps the recipes it finished). `median` recipes compare against the study's recorded dev
 * curves, the same peers a production config carries. Cost: `repeats` training runs per unconfirmed front recipe.
 */
export async function confirmFront(options: ConfirmFrontOptions): Promise<ConfirmFrontOutcome> {
  const { storage, study, repeats } = options;
  const emit: SearchListener = options.listener ?? (() => {});
  const trials = await storage.getTrials(study.id);
  const front = buildFrontReport(study, trials).front;
  const byId = new Map(trials.map((trial) => [trial.id, trial]));
  const pending = front.filter((row) => !isConfirmed(byId.get(row.id)!, repeats));
  const peers = studyCurves(trials);
  emit({ type: 'confirm-started', pending: pending.length, front: front.length, repeats });
  let confirmed = 0;
  let interrupted = false;
  for (const [index, row] of pending.entries()) {
    if (options.shouldStop?.()) {
      interrupted = true;
      break;
    }
    const trial = byId.get(row.id)!;
    emit({ type: 'confirming', trial, index, total: pending.length });
    const confirmation = await options.confirm({ params: trial.params!, repeats, peers });
    await storage.saveConfirmation(trial.id, confirmation);
    confirmed++;
    emit({ type: 'confirmed', trial: { ...trial, confirmation }, index, total: pending.length });
  }
  const after = buildFrontReport(study, await storage.getTrials(study.id)).front;
  emit({ type: 'confirm-done', front: after, interrupted });
  return { confirmed, alreadyConfirmed: front.length - pending.length, front: after, interrupted };
}

function isConfirmed(trial: TrialRecord, repeats: number): boolean {
  return (trial.confirmation?.runs.length ?? 0) >= repeats;
}

/**
 * How well the cross-validated estimates held on the test part: among front rows with a confirmation, those whose
 * confirmed EM lies within 2 standard errors of the cross-validated EM, the SE of the difference taken as
 * √(SE_cv² + SE_confirmed²) (independent estimates). A NaN SE (one run) counts as 0.
 */
export function confirmationAgreement(front: readonly TrialRow[]): { confirmed: number; within2Se: number; meanDifference: number } {
  let confirmed = 0;
  let within2Se = 0;
  let differenceSum = 0;
  for (const row of front) {
    if (!row.confirmed || !row.em) continue;
    confirmed++;
    const difference = row.confirmed.em.mean - row.em.mean;
    differenceSum += difference;
    const se = Math.hypot(finiteOrZero(row.em.se), finiteOrZero(row.confirmed.em.se));
    if (Math.abs(difference) <= 2 * se + 1e-12) within2Se++;
  }
  return { confirmed, within2Se, meanDifference: confirmed > 0 ? differenceSum / confirmed : NaN };
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
