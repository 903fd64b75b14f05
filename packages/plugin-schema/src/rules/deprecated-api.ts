import { defineRule, editorFor, groupOf, joinPointer, type Resource } from '@kubelore/core';
import { apiVersionsServing, clampedRelease, isKnown, isPrerelease, removedIn } from '../api-versions.js';
import { ByApiVersionAndKind } from '../by-kind.js';

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

/** What the rule reports of an `apiVersion/kind` at a release, whatever the object says besides. */
interface Verdict {
  messageId: 'removed' | 'removedNoReplacement' | 'deprecated';
  removedIn: string | undefined;
  replacement: string | undefined;
  /** Changing apiVersion alone is the fix. */
  rename: boolean;
}

function verdictOf(key: string, apiVersion: string, kind: string, release: string): Verdict | undefined {
  if (!isKnown(apiVersion, kind)) return undefined;
  const gone = removedIn(key, release);
  if (!gone && !isPrerelease(apiVersion)) return undefined;
  const replacement = apiVersionsServing(kind, release, groupOf(apiVersion)).find((candidate) => candidate !== apiVersion);
  const rename = replacement !== undefined && PURE_RENAMES.has(key);
  if (gone) return { messageId: replacement ? 'removed' : 'removedNoReplacement', removedIn: gone, replacement, rename };
  if (replacement && !isPrerelease(replacement)) return { messageId: 'deprecated', removedIn: undefined, replacement, rename };
  return undefined;
}

// Asked for every object of every file: the verdict depends only on the apiVersion, kind and release.
const verdictsByRelease = new Map<string, ByApiVersionAndKind<Verdict | undefined>>();

function verdictsAt(release: string): ByApiVersionAndKind<Verdict | undefined> {
  let verdicts = verdictsByRelease.get(release);
  if (!verdicts) verdictsByRelease.set(release, (verdicts = new ByApiVersionAndKind((key, apiVersion, kind) => verdictOf(key, apiVersion, kind, release))));
  return verdicts;
}

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
    visits: ['*'],
  },
  create(context) {
    const version = context.settings.kubernetesVersion;
    const verdicts = verdictsAt(clampedRelease(version));
    return {
      '*'(resource: Resource) {
        const verdict = verdicts.get(resource.apiVersion, resource.kind);
        if (!verdict) return;
        const { apiVersion, kind } = resource;
        const pointer = joinPointer(resource.pointer, 'apiVersion');
        const fix = verdict.rename ? editorFor(resource).setScalar(pointer, verdict.replacement!) : null;
        if (verdict.messageId === 'deprecated') {
          context.report({ node: resource, pointer, messageId: 'deprecated', data: { apiVersion, kind, replacement: verdict.replacement!, version }, fix });
          return;
        }
        const changes = CHANGES[`${apiVersion}/${kind}`] ?? '';
        context.report({ node: resource, pointer, messageId: verdict.messageId, data: { apiVersion, kind, removedIn: verdict.removedIn!, version, replacement: verdict.replacement ?? '', changes }, fix });
      },
    };
  },
});
