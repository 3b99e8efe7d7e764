import { settings, type SettingSpec } from './schema.js';

/** Renders docs/configuration.md from the settings schema. */
export function renderConfigurationDoc(): string {
  const rows = (Object.values(settings) as SettingSpec[]).map((s) => {
    const def = s.default === undefined ? '*(unset)*' : `\`${s.default}\``;
    const values = s.values ? ` One of: ${s.values.map((v) => `\`${v}\``).join(', ')}.` : '';
    const range = s.kind === 'int' && s.min !== undefined ? ` Range ${s.min}–${s.max}.` : '';
    return `| \`${s.env}\` | ${s.kind} | ${def} | ${s.doc}${values}${range} |`;
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated from src/platform/config/schema.ts by `npm run docs:config`. Do not edit by hand; a test checks it. -->',
    '',
    'OneWindow reads every setting from an environment variable. An invalid value stops the',
    'process at boot with a message that names the variable.',
    '',
    '| variable | kind | default | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
