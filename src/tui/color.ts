/** Colour unless NO_COLOR is set to a non-empty value (https://no-color.org). */
export function colorEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}
