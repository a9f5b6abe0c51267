import { describe, expect, it } from 'vitest';
import { checkSamplerSettings } from '../../src/space/sampler-settings.js';
import { inputErrorOf } from './errors.js';

describe('checkSamplerSettings', () => {
  it('returns the EHVI tempering, or nothing when it is left out', () => {
    expect(checkSamplerSettings({ ehviSdScale: 0.25 }, 'f.json', '$.samplerOptions')).toEqual({ ehviSdScale: 0.25 });
    expect(checkSamplerSettings({}, 'f.json', '$.samplerOptions')).toEqual({});
  });

  it('names the path of a value that is not a positive number, of an unknown key, and of a non-object', () => {
    for (const bad of [0, -1, '0.5', Number.POSITIVE_INFINITY, null]) {
      expect(inputErrorOf(() => checkSamplerSettings({ ehviSdScale: bad }, 'f.json', '$.samplerOptions')).message).toMatch(
        /^f\.json: \$\.samplerOptions\.ehviSdScale: must be a positive number \(1 is plain EHVI\), not /,
      );
    }
    expect(inputErrorOf(() => checkSamplerSettings({ ehviSdscale: 1 }, 'f.json', '$.samplerOptions')).message).toMatch(
      /^f\.json: \$\.samplerOptions\.ehviSdscale: unknown key/,
    );
    expect(inputErrorOf(() => checkSamplerSettings(0.5, 'create', '$.samplerOptions')).message).toMatch(
      /^create: \$\.samplerOptions: must be an object such as \{"ehviSdScale": 0\.5\}, not /,
    );
  });
});
