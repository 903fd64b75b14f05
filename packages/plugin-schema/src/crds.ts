import type { Resource, ResourceIndex } from '@kubelore/core';
import { kindsData, type Schema } from './data.js';

/** What a CustomResourceDefinition in the input declares: its group, kind and each version's schema. */
export interface CustomKind {
  crd: Resource;
  versions: Map<string, Schema | undefined>;
}

/** CRDs of the whole input by `group/Kind`, as the index read them once per run. */
export function customKinds(index: ResourceIndex): ReadonlyMap<string, CustomKind> {
  return index.customKinds() as ReadonlyMap<string, CustomKind>;
}

// Files that components read from disk (kubelet, kubeadm, audit policy, credential plugins): Kubernetes
// groups whose kinds the API server never serves.
const COMPONENT_CONFIG_GROUPS = new Set(['kubeadm.k8s.io', 'audit.k8s.io', 'client.authentication.k8s.io', 'credentialprovider.kubelet.k8s.io', 'apiserver.k8s.io']);

export function isComponentConfigGroup(group: string): boolean {
  return group.endsWith('.config.k8s.io') || COMPONENT_CONFIG_GROUPS.has(group);
}

// Configuration files of tools that create or drive clusters, read by the tool and never applied: kind's
// `Cluster`, k3d, ctlptl, eksctl, skaffold, kpt. Like component configs they only look like API objects.
const TOOL_CONFIG_GROUPS = new Set(['kind.x-k8s.io', 'k3d.io', 'ctlptl.dev', 'eksctl.io', 'skaffold', 'kpt.dev', 'config.kubernetes.io', 'fn.kpt.dev']);

/** A file a tool reads (kind's cluster config, a kubeconfig), not an object for the API server. */
export function isToolConfig(group: string, kind: string): boolean {
  return TOOL_CONFIG_GROUPS.has(group) || (group === '' && kind === 'Config');
}

let builtInGroups: Set<string> | undefined;

/**
 * `apps` and `networking.k8s.io` are groups some Kubernetes release serves; `gateway.networking.k8s.io`
 * and `cert-manager.io` are CRDs, whatever their suffix. Groups without a dot are taken as Kubernetes'.
 */
export function isBuiltInGroup(group: string): boolean {
  builtInGroups ??= new Set(Object.keys(kindsData().kinds).map((key) => (key.split('/').length === 3 ? key.split('/')[0]! : '')));
  return !group.includes('.') || builtInGroups.has(group);
}
