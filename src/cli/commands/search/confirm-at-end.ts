import { confirmFront } from '../../../search/confirm-front.js';
import type { SearchControl, SearchListener } from '../../../search/events.js';
import type { TrainerEvaluator } from '../../../search/trainer-evaluator.js';
import type { SearchContext } from './context.js';

/** Confirms the study's front on the test part, reporting to the search's own listener; stops when asked to. */
export async function confirmAtEnd(context: SearchContext, confirmer: TrainerEvaluator, listener: SearchListener, control: SearchControl): Promise<void> {
  const { storage, settings } = context;
  const study = await storage.getStudy(settings.studyName);
  if (!study) return;
  await confirmFront({ storage, study, confirm: confirmer.confirm, repeats: settings.confirmRepeats, listener, shouldStop: () => control.stopRequested });
}
