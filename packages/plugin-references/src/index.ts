import { definePlugin } from '@kubelore/core';
import duplicate from './rules/duplicate.js';
import serviceAccount from './rules/service-account.js';
import serviceSelector from './rules/service-selector.js';
import statefulsetService from './rules/statefulset-service.js';

const plugin = definePlugin({
  name: 'references',
  docsDir: new URL('../docs/rules/', import.meta.url),
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-references/docs/rules',
  version: '0.1.0',
  rules: {
    'service-selector': serviceSelector,
    'statefulset-service': statefulsetService,
    'service-account': serviceAccount,
    duplicate,
  },
});

export default plugin;
export { isOneShotJob, maximumReplicas, minimumReplicas, replicaRange, type ReplicaRange } from './replicas.js';
export { applyScopeOf, applyUnits, isKustomization, normalizePath, ApplyUnits, type ApplyScope } from './scope.js';
