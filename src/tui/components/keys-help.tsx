import { Box, Text } from 'ink';

export const KEYS: ReadonlyArray<readonly [string, string]> = [
  ['q', 'stop after the running trials finish (everything is saved; run again to resume)'],
  ['p', 'pause / resume asking new trials'],
  ['e', 'export the front (HTML and CSV in the working directory)'],
  ['s', 'seed a production config with the knee policy'],
  ['?', 'show / hide this help'],
];

export function KeysLine() {
  return <Text dimColor>keys: q stop · p pause · e export · s seed · ? help</Text>;
}

export function KeysHelp() {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      {KEYS.map(([key, text]) => (
        <Text key={key} wrap="truncate-end">
          <Text bold>{key}</Text> {text}
        </Text>
      ))}
    </Box>
  );
}
