import { definePlugin } from '@kubelore/core';
import ephemeralStorage from './rules/ephemeral-storage.js';
import kubeletApiQps from './rules/kubelet-api-qps.js';
import nodePinning from './rules/node-pinning.js';
import pdbAllowsEviction from './rules/pdb-allows-eviction.js';
import pdbUnhealthyEviction from './rules/pdb-unhealthy-eviction.js';
import podDisruptionBudget from './rules/pod-disruption-budget.js';
import resourceLimits from './rules/resource-limits.js';
import resourceRequests from './rules/resource-requests.js';
import spreadReplicas from './rules/spread-replicas.js';
import spreadSelector from './rules/spread-selector.js';

const plugin = definePlugin({
  name: 'scheduling',
  docsDir: new URL('../docs/rules/', import.meta.url),
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-scheduling/docs/rules',
  version: '0.1.0',
  rules: {
    'spread-replicas': spreadReplicas,
    'spread-selector': spreadSelector,
    'resource-requests': resourceRequests,
    'resource-limits': resourceLimits,
    'ephemeral-storage': ephemeralStorage,
    'pod-disruption-budget': podDisruptionBudget,
    'pdb-allows-eviction': pdbAllowsEviction,
    'pdb-unhealthy-eviction': pdbUnhealthyEviction,
    'kubelet-api-qps': kubeletApiQps,
    'node-pinning': nodePinning,
  },
});

export default plugin;
export { maximumReplicas, minimumReplicas, replicaRange, type ReplicaRange } from './replicas.js';
