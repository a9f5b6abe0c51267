/**
 * When a search should give up on failing trials. A trial that fails the same way several times in a row fails
 * for a reason no new recipe changes (a broken task file, a missing native library, a full disk); one that fails
 * every time, for whatever reasons, is not a search either. Either way looping on would only pile up failed trials.
 */
export interface FailureStreak {
  /** Records a failed trial; returns the one-line reason to stop, or undefined to go on. */
  failed(message: string): string | undefined;
  /** Records a complete trial: the streak starts over. */
  succeeded(): void;
}

/** Identical failures in a row (numbers aside) after which a search stops. */
export const SAME_FAILURE_LIMIT = 3;
/** Failures in a row, whatever their reasons, after which a search stops. */
export const ANY_FAILURE_LIMIT = 10;

export function createFailureStreak(sameLimit = SAME_FAILURE_LIMIT, anyLimit = ANY_FAILURE_LIMIT): FailureStreak {
  let last: string | undefined;
  let same = 0;
  let any = 0;
  return {
    failed(message) {
      // Numbers (step counts, sizes, ids) differ between otherwise identical failures.
      const shape = message.replace(/\d+(\.\d+)?/g, '#');
      same = shape === last ? same + 1 : 1;
      last = shape;
      any++;
      if (same >= sameLimit) return `${same} trials in a row failed the same way, so the search stopped: ${message}`;
      if (any >= anyLimit) return `${any} trials in a row failed, so the search stopped; the last one: ${message}`;
      return undefined;
    },
    succeeded() {
      last = undefined;
      same = 0;
      any = 0;
    },
  };
}
