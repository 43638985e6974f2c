import stylistic from '@stylistic/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The layer rule (STYLE.md §1, docs/architecture.md): core imports no adapter, command, UI or I/O library;
 * adapters import no command, UI or lab module; only `main()` (src/cli.ts) ends the process or sets its exit
 * code, and only it reads `process.argv`.
 */
const ioLibraries = [
  'execa',
  'chalk',
  'ora',
  'cli-table3',
  'commander',
  '@inquirer/prompts',
  'cosmiconfig',
  'pg',
  'proper-lockfile',
  'write-file-atomic',
  'node-forge',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    plugins: { '@stylistic': stylistic },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 120; this keeps comments and anything it cannot wrap readable too.
      '@stylistic/max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands/**', '**/ui/**', '**/lab/**', '**/cli.js'],
              message: 'adapters implement core ports: they import no command, UI or lab module',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/commands/**', '**/lab/**', '**/cli.js'],
              message: 'ui renders what core returns: it imports no adapter, command or lab module',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli.ts', 'src/lab/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name=/^(exit|exitCode|argv)$/]",
          message: 'only main() (src/cli.ts) reads argv, sets the exit code or ends the process',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioLibraries.map((name) => ({ name, message: 'core stays free of I/O libraries (STYLE.md §1)' })),
          patterns: [
            {
              group: ['**/adapters/**', '**/commands/**', '**/ui/**', '**/lab/**'],
              message: 'core imports no adapter, command, UI or lab module',
            },
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:net', 'node:http', 'node:https'],
              message: 'core is free of I/O',
            },
          ],
        },
      ],
    },
  },
);
