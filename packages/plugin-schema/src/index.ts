import { definePlugin } from '@kubelore/core';
import deprecatedApi from './rules/deprecated-api.js';
import unknownKind from './rules/unknown-kind.js';
import valid from './rules/valid.js';

const plugin = definePlugin({
  name: 'schema',
  docsDir: new URL('../docs/rules/', import.meta.url),
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-schema/docs/rules',
  version: '0.1.0',
  rules: {
    valid,
    'deprecated-api': deprecatedApi,
    'unknown-kind': unknownKind,
  },
});

export default plugin;
export { didYouMean, validate, type SchemaProblem } from './validate.js';
export { compareVersions, kindsData } from './data.js';
