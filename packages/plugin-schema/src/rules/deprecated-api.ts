import { defineRule, editorFor, joinPointer, type Resource } from '@kubelore/core';
import { apiVersionsServing, clampedRelease, isKnown, isPrerelease, removedIn } from '../api-versions.js';

// Moves whose schemas are identical, so changing apiVersion alone is a safe fix (Kubernetes migration
// guide). Others (extensions/v1beta1 Deployment → apps/v1 needs a selector) are reported, not fixed.
const PURE_RENAMES = new Set([
  'rbac.authorization.k8s.io/v1beta1/Role',
  'rbac.authorization.k8s.io/v1beta1/RoleBinding',
  'rbac.authorization.k8s.io/v1beta1/ClusterRole',
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding',
  'batch/v1beta1/CronJob',
  'autoscaling/v2beta2/HorizontalPodAutoscaler',
  'scheduling.k8s.io/v1beta1/PriorityClass',
  'coordination.k8s.io/v1beta1/Lease',
  'storage.k8s.io/v1beta1/StorageClass',
  'networking.k8s.io/v1beta1/IngressClass',
]);

// What else changes when the move is not a rename (Kubernetes deprecation guide), by old apiVersion/kind.
const WORKLOAD_MOVE = ' In apps/v1 `spec.selector` is required and must match the template labels.';
const CHANGES: Record<string, string> = {
  'extensions/v1beta1/Deployment': WORKLOAD_MOVE,
  'apps/v1beta1/Deployment': WORKLOAD_MOVE,
  'apps/v1beta2/Deployment': WORKLOAD_MOVE,
  'extensions/v1beta1/DaemonSet': WORKLOAD_MOVE,
  'apps/v1beta2/DaemonSet': WORKLOAD_MOVE,
  'extensions/v1beta1/ReplicaSet': WORKLOAD_MOVE,
  'apps/v1beta2/ReplicaSet': WORKLOAD_MOVE,
  'apps/v1beta1/StatefulSet': WORKLOAD_MOVE,
  'apps/v1beta2/StatefulSet': WORKLOAD_MOVE,
  'extensions/v1beta1/Ingress':
    ' In networking.k8s.io/v1 `serviceName`/`servicePort` become `service.name`/`service.port`, `backend` becomes `defaultBackend`, and every path needs a `pathType`.',
  'networking.k8s.io/v1beta1/Ingress':
    ' In networking.k8s.io/v1 `serviceName`/`servicePort` become `service.name`/`service.port`, `backend` becomes `defaultBackend`, and every path needs a `pathType`.',
  'policy/v1beta1/PodDisruptionBudget': ' In policy/v1 an empty `selector` selects every pod of the namespace instead of none.',
  'policy/v1beta1/PodSecurityPolicy': ' Use Pod Security Admission (namespace labels) instead.',
  'extensions/v1beta1/PodSecurityPolicy': ' Since 1.25 no version is: use Pod Security Admission (namespace labels) instead.',
};

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'an apiVersion removed at the target Kubernetes version, or a beta/alpha one that a stable version replaces, with the replacement',
      story:
        'the cluster upgrade goes fine, then the next deploy fails: the API server no longer serves `extensions/v1beta1` Ingress or `policy/v1beta1` PodDisruptionBudget, and the pipeline is red during an incident.',
      recommended: true,
    },
    messages: {
      removed: '`{{apiVersion}}` {{kind}} was removed in Kubernetes {{removedIn}} (target {{version}}): use `{{replacement}}`.{{changes}}',
      removedNoReplacement: '`{{apiVersion}}` {{kind}} was removed in Kubernetes {{removedIn}} (target {{version}}) and no version of it is served any more.{{changes}}',
      deprecated: '`{{apiVersion}}` {{kind}} is a pre-release API that `{{replacement}}` replaces in Kubernetes {{version}}: move before it is removed.',
    },
    fixable: 'code',
  },
  create(context) {
    const version = context.settings.kubernetesVersion;
    const release = clampedRelease(version);
    return {
      '*'(resource: Resource) {
        const key = `${resource.apiVersion}/${resource.kind}`;
        if (!isKnown(key)) return;
        const gone = removedIn(key, release);
        if (!gone && !isPrerelease(resource.apiVersion)) return;
        const pointer = joinPointer(resource.pointer, 'apiVersion');
        const replacement = apiVersionsServing(resource.kind, release, resource.group).find((candidate) => candidate !== resource.apiVersion);
        const fix = replacement && PURE_RENAMES.has(key) ? editorFor(resource).setScalar(pointer, replacement) : null;
        if (gone) {
          const messageId = replacement ? 'removed' : 'removedNoReplacement';
          context.report({ node: resource, pointer, messageId, data: { apiVersion: resource.apiVersion, kind: resource.kind, removedIn: gone, version, replacement: replacement ?? '', changes: CHANGES[key] ?? '' }, fix });
          return;
        }
        if (isPrerelease(resource.apiVersion) && replacement && !isPrerelease(replacement)) {
          context.report({ node: resource, pointer, messageId: 'deprecated', data: { apiVersion: resource.apiVersion, kind: resource.kind, replacement, version }, fix });
        }
      },
    };
  },
});
