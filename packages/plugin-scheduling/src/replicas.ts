// How many pods a workload runs lives in plugin-references, beside the apply units it reads, so that
// termination's rules can ask it too.
export { maximumReplicas, minimumReplicas, replicaRange, type ReplicaRange } from '@kubelore/plugin-references';
export { describeLabels } from '@kubelore/core';
