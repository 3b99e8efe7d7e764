// Types for importing the lint configuration from tests (test/lint-rules.test.ts).
declare const config: import('eslint').Linter.Config[];
export default config;
