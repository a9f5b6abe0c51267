import { failAt, memberPath, show } from './json-path.js';
import { expectObject, rejectUnknownKeys } from './shape.js';
import type { SamplerSettings } from './types.js';

/**
 * Checks the `samplerOptions` object of a search-space file or of `serve`'s `create` (at JSON path `path` of
 * `source`) and returns it as settings: `ehviSdScale`, a positive finite number. Throws InputError
 * `<source>: <path>…: …` for anything else, unknown keys included.
 */
export function checkSamplerSettings(value: unknown, source: string, path: string): SamplerSettings {
  const object = expectObject(value, source, path, 'an object such as {"ehviSdScale": 0.5}');
  rejectUnknownKeys(object, ['ehviSdScale'], source, path);
  const settings: SamplerSettings = {};
  if (object.ehviSdScale !== undefined) {
    const scale = object.ehviSdScale;
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
      failAt(source, memberPath(path, 'ehviSdScale'), `must be a positive number (1 is plain EHVI), not ${show(scale)}`);
    }
    settings.ehviSdScale = scale;
  }
  return settings;
}
