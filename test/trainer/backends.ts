import { availableBackends, type BackendName } from '../../src/trainer/backend.js';

/**
 * Backends the training tests run on: every available one except the pure-JavaScript cpu backend, which is only
 * a last resort (too slow to train even the small test tasks quickly); cpu alone when nothing else works.
 */
export async function trainingBackends(): Promise<BackendName[]> {
  const available = await availableBackends();
  const fast = available.filter((name) => name !== 'cpu');
  return fast.length > 0 ? fast : available;
}
