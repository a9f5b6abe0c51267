import type { TrialRow } from '../export/front-report.js';
import type { ReplaySettings } from '../space/types.js';
import type { SearchCost } from './search-cost.js';
import type { FoldResult, StudyRecord, TrialRecord } from '../storage/records.js';
import type { CurvePoint } from '../stopping/types.js';

/** What a search session tells its observers (line output, JSON lines, the terminal UI). */
export type SearchEvent =
  | {
      type: 'opened';
      study: StudyRecord;
      /** The study's complete trials stored when the session opened (what a resumed study already found). */
      trials: TrialRecord[];
      resumed: boolean;
      complete: number;
      target: number;
      backend: string;
      backendNotes: string[];
      /** How the task's data was split: distinct lines, duplicates removed, test part (see TrainerEvaluator). */
      dataNotes: string[];
      storageUrl: string;
      budgetTokens: number;
      folds: number;
      task: string;
      seed: number;
      workerId: string;
      /** The search's replay settings (the space's block), or null when it trains every recipe it asks. */
      replay?: ReplaySettings | null;
      /** Milliseconds after which no trial starts (`--time-limit`), or null. */
      timeLimitMs?: number | null;
    }
  | { type: 'stale'; trials: TrialRecord[] }
  | { type: 'trial-started'; trial: TrialRecord }
  | { type: 'evaluation'; trialId: number; fold: number; point: CurvePoint; budgetTokens: number }
  | { type: 'fold-finished'; trialId: number; fold: FoldResult }
  /** `complete`: the study's trained trials (complete and not replayed, or pruned) toward `target`. */
  | { type: 'trial-finished'; trial: TrialRecord; complete: number; target: number }
  /** A trial stopped by fold racing after some of its folds (in its result); `skippedFolds` were never trained. */
  | { type: 'trial-pruned'; trial: TrialRecord; reason: string; skippedFolds: number; complete: number; target: number }
  /** Trials scored on `trial`'s recorded curves (none when no other rule of the space stops within them). */
  | { type: 'trial-replayed'; trial: TrialRecord; replayed: TrialRecord[] }
  | { type: 'replay-failed'; trial: TrialRecord; error: string }
  | { type: 'trial-failed'; trial: TrialRecord; error: string }
  | { type: 'waiting'; running: number }
  /** `cost`: what the study's search spent on training so far (absent where the end is told without it). */
  | { type: 'done'; complete: number; target: number; interrupted: boolean; timeLimitReached?: boolean; cost?: SearchCost }
  /** Confirmation of the front on the test part (after a search, or `stopwise confirm`). */
  | { type: 'confirm-started'; pending: number; front: number; repeats: number }
  | { type: 'confirming'; trial: TrialRecord; index: number; total: number }
  | { type: 'confirmed'; trial: TrialRecord; index: number; total: number }
  | { type: 'confirm-done'; front: TrialRow[]; interrupted: boolean };

export type SearchListener = (event: SearchEvent) => void;

/** Switches an observer can flip while a search runs (the TUI's `q` and `p`, SIGINT). */
export interface SearchControl {
  /** Ask no new trials; finish (or abandon, see `abort`) the running one, then end. */
  stopRequested: boolean;
  /** Ask no new trials until cleared. */
  paused: boolean;
}
