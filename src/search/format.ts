import { recipeText } from '../export/recipe-text.js';
import type { Params } from '../space/types.js';

/** Compact human formats shared by the line output, `show` and the terminal UI. */

/**
 * Text as it may be written to a terminal: each control character (the ESC that starts an ANSI sequence, CR, BEL,
 * line breaks, DEL and the C1 range) shown as a `\u001b`-style escape, so that a stored study name or recipe value
 * cannot clear the screen or move the cursor. Cost: O(length).
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatTokens(tokens: number): string {
  if (!Number.isFinite(tokens)) return String(tokens);
  const abs = Math.abs(tokens);
  if (abs >= 1e9) return `${(tokens / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(tokens / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(tokens / 1e3).toFixed(1)}k`;
  return tokens.toFixed(0);
}

export function formatEm(em: number): string {
  return Number.isFinite(em) ? em.toFixed(3) : String(em);
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** A recipe in one line as the terminal shows it (recipeText, escaped), cut to `maxLength` characters. */
export function formatRecipe(params: Params | null, maxLength = 100): string {
  if (!params) return '(recipe pending)';
  const text = terminalText(recipeText(params));
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** An estimate as `mean ± SE` in a formatter's units. */
export function formatEstimate(estimate: { mean: number; se: number }, format: (value: number) => string): string {
  return `${format(estimate.mean)} ± ${Number.isFinite(estimate.se) ? format(estimate.se) : '?'}`;
}
