/**
 * What the API server's validation enforces and the OpenAPI v2 definitions do not say: enums of string
 * fields, minimums, percentages, file modes, fields that exclude each other, a pod template's `spec`, and
 * a workload selector that must select its own template. From the validation of the Kubernetes API server
 * (the `validation` packages under `pkg/apis`), written in our own terms; each check names the field it is about.
 */
import { eachMapping, isPlainObject, joinPointer, podViewOf, selectorMatches, type PodView, type Resource } from '@kubelore/core';
import type { Schema } from './data.js';
import type { ReadAs, SchemaProblem } from './validate.js';

/** Enums of string fields, by definition name and field; an enum on a list applies to its items. */
export const SERVER_ENUMS: Record<string, Record<string, string[]>> = {
  'io.k8s.api.core.v1.Container': { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'io.k8s.api.core.v1.EphemeralContainer': { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'io.k8s.api.core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'io.k8s.api.core.v1.ContainerPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServicePort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    sessionAffinity: ['ClientIP', 'None'],
    ipFamilyPolicy: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
  },
  'io.k8s.api.core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'], volumeMode: ['Filesystem', 'Block'] },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: ['IfHealthyBudget', 'AlwaysAllow'] },
};

/** A definition with the server's enums added to fields that declare none. */
export function withServerEnums(name: string, schema: Schema): Schema {
  const enums = SERVER_ENUMS[name];
  if (!enums || !schema.properties) return schema;
  const properties = { ...schema.properties };
  for (const [field, values] of Object.entries(enums)) {
    const declared = properties[field];
    if (!declared) continue;
    if (declared.type === 'array' && declared.items && !declared.items.enum) properties[field] = { ...declared, items: { ...declared.items, enum: values } };
    else if (declared.type === 'string' && !declared.enum) properties[field] = { ...declared, enum: values };
  }
  return { ...schema, properties };
}

// Kinds whose selector must select their own template (apps/v1 validation: "selector does not match template labels").
const SELECTING_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** `"150%"` → 150; integers and other strings → undefined. */
function percentOf(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

function fieldAt(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

/** The largest file mode the API server accepts: 0777 (validation's fileModeErrorMsg). */
const MAX_FILE_MODE = 0o777;

// Volume sources whose files take a mode, with the definitions that name their fields in messages.
const MODE_SOURCES = [
  ['secret', { owner: 'SecretVolumeSource', item: 'KeyToPath' }],
  ['configMap', { owner: 'ConfigMapVolumeSource', item: 'KeyToPath' }],
  ['downwardAPI', { owner: 'DownwardAPIVolumeSource', item: 'DownwardAPIVolumeFile' }],
] as const;

/**
 * Volume file modes out of range (`defaultMode`, items' `mode`, projected sources' items), judged as
 * kubectl sends them: `defaultMode: 0644` is 420 and valid; `defaultMode: 644` is 644, over 0777.
 */
function fileModeProblems(pod: PodView, readAs: ReadAs | undefined): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const check = (value: unknown, pointer: string, owner: string) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return;
    const reading = readAs?.(pointer, value);
    const sent = reading ? reading.value : value;
    if (typeof sent !== 'number' || (sent >= 0 && sent <= MAX_FILE_MODE)) return;
    const written = reading?.text ?? String(value);
    // `644` written for rw-r--r--: the digits are octal, the leading zero is missing.
    const meant = /^[0-7]{3,4}$/.test(written) && parseInt(written, 8) <= MAX_FILE_MODE ? parseInt(written, 8) : undefined;
    const hint = meant === undefined ? '' : ` Mode bits are octal: write \`0${written}\` (with the leading zero) or its decimal value \`${meant}\`.`;
    const field = pointer.slice(pointer.lastIndexOf('/') + 1);
    problems.push({ kind: 'fileMode', pointer, at: 'value', data: { field, owner, value: reading ? `\`${written}\` (${sent} for kubectl)` : written, hint } });
  };
  const items = (source: Record<string, unknown>, pointer: string, owner: string) =>
    eachMapping<Record<string, unknown>>(source.items, (item, k) => check(item.mode, joinPointer(pointer, 'items', k, 'mode'), owner));
  eachMapping<Record<string, unknown>>(pod.spec.volumes, (volume, i) => {
    const at = joinPointer(pod.pointer, 'volumes', i);
    for (const [name, { owner, item }] of MODE_SOURCES) {
      const source = volume[name];
      if (!isPlainObject(source)) continue;
      check(source.defaultMode, joinPointer(at, name, 'defaultMode'), owner);
      items(source, joinPointer(at, name), item);
    }
    const projected = volume.projected;
    if (!isPlainObject(projected)) return;
    check(projected.defaultMode, joinPointer(at, 'projected', 'defaultMode'), 'ProjectedVolumeSource');
    eachMapping<Record<string, unknown>>(projected.sources, (projection, j) => {
      for (const [name, { item }] of MODE_SOURCES) {
        const source = projection[name];
        if (isPlainObject(source)) items(source, joinPointer(at, 'projected', 'sources', j, name), item);
      }
    });
  });
  return problems;
}

// Tables of the checks below, made once rather than per object.
const ROLLING_UPDATE_OWNERS: ReadonlyMap<string, string> = new Map([
  ['Deployment', 'RollingUpdateDeployment'],
  ['DaemonSet', 'RollingUpdateDaemonSet'],
  ['StatefulSet', 'RollingUpdateStatefulSetStrategy'],
]);
const TEMPLATE_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['ReplicaSet', ['spec', 'template']],
  ['ReplicationController', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
]);

/**
 * The server-side checks for one object, as schema problems at the fields they are about; `pod` is the
 * object's pod view when the caller has it (the index's), else it is made here.
 */
export function serverProblems(resource: Resource, readAs?: ReadAs, pod: PodView | undefined = podViewOf(resource)): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const object = resource.object;
  const spec = isPlainObject(object.spec) ? object.spec : undefined;
  const base = resource.pointer;
  const notOver100 = (value: unknown, pointer: string, owner: string) => {
    const percent = percentOf(value);
    if (percent !== undefined && percent > 100) problems.push({ kind: 'percent', pointer, at: 'value', data: { field: fieldAt(pointer), owner, value: String(value) } });
  };

  if (resource.group === 'policy' && resource.kind === 'PodDisruptionBudget' && spec) {
    if (spec.minAvailable !== undefined && spec.minAvailable !== null && spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
      problems.push({ kind: 'exclusive', pointer: joinPointer(base, 'spec', 'maxUnavailable'), at: 'key', data: { owner: 'PodDisruptionBudget', field: 'minAvailable', other: 'maxUnavailable' } });
    }
    notOver100(spec.minAvailable, joinPointer(base, 'spec', 'minAvailable'), 'PodDisruptionBudgetSpec');
    notOver100(spec.maxUnavailable, joinPointer(base, 'spec', 'maxUnavailable'), 'PodDisruptionBudgetSpec');
  }

  if (resource.group === 'apps' && spec) {
    const strategyField = resource.kind === 'Deployment' ? 'strategy' : resource.kind === 'DaemonSet' || resource.kind === 'StatefulSet' ? 'updateStrategy' : undefined;
    const strategy = strategyField && isPlainObject(spec[strategyField]) ? (spec[strategyField] as Record<string, unknown>) : undefined;
    const rolling = strategy && isPlainObject(strategy.rollingUpdate) ? strategy.rollingUpdate : undefined;
    const owner = ROLLING_UPDATE_OWNERS.get(resource.kind);
    if (rolling && owner) notOver100(rolling.maxUnavailable, joinPointer(base, 'spec', strategyField!, 'rollingUpdate', 'maxUnavailable'), owner);

    if (SELECTING_KINDS.has(resource.kind) && resource.apiVersion === 'apps/v1') {
      const template = isPlainObject(spec.template) ? spec.template : undefined;
      const metadata = template && isPlainObject(template.metadata) ? template.metadata : undefined;
      const labels = metadata && isPlainObject(metadata.labels) ? (metadata.labels as Record<string, string>) : {};
      const selector = spec.selector;
      if (isPlainObject(selector) && template) {
        const empty = (!isPlainObject(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0) && (!Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0);
        if (empty) problems.push({ kind: 'emptySelector', pointer: joinPointer(base, 'spec', 'selector'), at: 'key', data: { kind: resource.kind } });
        else if (!selectorMatches(selector as never, labels)) problems.push({ kind: 'selectorMismatch', pointer: joinPointer(base, 'spec', 'selector'), at: 'key', data: { kind: resource.kind } });
      }
    }
  }

  // A pod template must say what to run: the API server requires its `spec` (and the containers in it).
  const templatePointer = TEMPLATE_PATHS.get(resource.kind);
  if (templatePointer) {
    let template: unknown = object;
    for (const segment of templatePointer) template = isPlainObject(template) ? template[segment] : undefined;
    if (isPlainObject(template) && (template.spec === undefined || template.spec === null)) {
      problems.push({ kind: 'required', pointer: joinPointer(base, ...templatePointer), at: 'key', data: { owner: 'PodTemplateSpec', field: 'spec' } });
    }
  }

  if (pod) problems.push(...fileModeProblems(pod, readAs));
  const constraints = pod?.spec.topologySpreadConstraints;
  if (pod && Array.isArray(constraints)) {
    constraints.forEach((constraint, i) => {
      if (!isPlainObject(constraint)) return;
      const at = joinPointer(pod.pointer, 'topologySpreadConstraints', i);
      for (const field of ['maxSkew', 'minDomains'] as const) {
        const value = constraint[field];
        if (typeof value === 'number' && Number.isInteger(value) && value < 1) {
          problems.push({ kind: 'minimum', pointer: joinPointer(at, field), at: 'value', data: { field, owner: 'TopologySpreadConstraint', minimum: '1', value: String(value) } });
        }
      }
      if (constraint.minDomains !== undefined && constraint.minDomains !== null && constraint.whenUnsatisfiable !== undefined && constraint.whenUnsatisfiable !== 'DoNotSchedule') {
        problems.push({ kind: 'onlyWith', pointer: joinPointer(at, 'minDomains'), at: 'key', data: { field: 'minDomains', owner: 'TopologySpreadConstraint', other: 'whenUnsatisfiable', value: '`DoNotSchedule`' } });
      }
    });
  }
  return problems;
}
