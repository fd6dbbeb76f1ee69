import type { CodegenConfig } from '@graphql-codegen/cli';

// Every operation lives beside the component that uses it in a `*.graphql.ts` file and is
// checked against the server's schema; `npm run lint` runs `codegen --check`, so a document
// that no longer matches the schema, or a stale generated file, fails CI.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.graphql.ts'],
  ignoreNoDocuments: false,
  generates: {
    './src/lib/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
