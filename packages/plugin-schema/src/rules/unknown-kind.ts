import { defineRule, editDistance, joinPointer, type Resource, type ResourceIndex } from '@kubelore/core';
import { apiVersionsServing, clampedRelease, isKnown } from '../api-versions.js';
import { customKinds, generatedKinds, isBuiltInGroup, isComponentConfigGroup, isToolConfig } from '../crds.js';
import { compareVersions, kindsData } from '../data.js';
import { didYouMean } from '../validate.js';

// Projects whose CRDs clusters install with the project itself (operators, meshes, GitOps): trusted by
// default, so their custom resources are not reported for lacking a CRD in the linted files.
const TRUSTED_GROUPS = [
  'monitoring.coreos.com',
  'cert-manager.io',
  'acme.cert-manager.io',
  'argoproj.io',
  'networking.istio.io',
  'security.istio.io',
  'gateway.networking.k8s.io',
  'keda.sh',
  'external-secrets.io',
  'bitnami.com',
  'traefik.io',
  'velero.io',
  'snapshot.storage.k8s.io',
  'autoscaling.k8s.io',
  'policy.linkerd.io',
  'kustomize.toolkit.fluxcd.io',
  'helm.toolkit.fluxcd.io',
  'source.toolkit.fluxcd.io',
  // Built-in APIs of distributions: OpenShift, GKE, k3s and RKE2 serve these without a CRD to apply.
  '*.openshift.io',
  '*.gke.io',
  'cloud.google.com',
  'monitoring.googleapis.com',
  'helm.cattle.io',
  'k3s.cattle.io',
];

// Groups under Kubernetes' domains are many projects; the families that ship together are listed.
const K8S_IO_FAMILIES = [
  ['snapshot.storage.k8s.io', 'groupsnapshot.storage.k8s.io'],
  ['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'],
];

/**
 * The groups a trusted entry covers: itself, `*.suffix` patterns, and the sibling groups of the same
 * project (`security.istio.io` with `networking.istio.io`: a project installs its CRDs together). The
 * project is the group without its first label, or the group itself when that leaves two labels.
 */
export function trusts(entry: string, group: string): boolean {
  if (entry === group) return true;
  if (entry.startsWith('*.')) return group.endsWith(entry.slice(1));
  if (/(^|\.)(x-)?k8s\.io$/.test(entry)) return K8S_IO_FAMILIES.some((family) => family.includes(entry) && family.includes(group));
  const labels = entry.split('.');
  const project = labels.length > 2 ? labels.slice(1).join('.') : entry;
  return group === project || group.endsWith(`.${project}`);
}

// Groups their projects retired for another: the name a resource has today.
const RETIRED_GROUPS: Record<string, string> = {
  'certmanager.k8s.io': 'cert-manager moved its resources to `cert-manager.io` in v0.11 (2019): use `cert-manager.io/v1`',
  'networking.x-k8s.io': 'the Gateway API left this alpha group in v0.4 (2021): use `gateway.networking.k8s.io/v1`',
  'traefik.containo.us': 'Traefik deprecated this group in 2.10 and removed it in v3: use `traefik.io/v1alpha1`',
  'authentication.istio.io': 'Istio removed it in 1.6: PeerAuthentication and RequestAuthentication (`security.istio.io/v1`) replace `Policy`',
  'rbac.istio.io': 'Istio removed it in 1.6: AuthorizationPolicy (`security.istio.io/v1`) replaces it',
  'config.istio.io': 'Istio removed Mixer and its adapters in 1.8: use Telemetry (`telemetry.istio.io`) and WasmPlugin (`extensions.istio.io`)',
  'kubernetes-client.io': 'kubernetes-external-secrets is archived: External Secrets Operator serves `ExternalSecret` as `external-secrets.io/v1`',
};

// What replaced a kind Kubernetes no longer serves in any version, and kinds retired before 1.14 (the
// oldest release of the data).
const RETIRED_KINDS: Record<string, string> = {
  PodSecurityPolicy: 'Pod Security Admission (the `pod-security.kubernetes.io/*` namespace labels) replaced it',
  PodPreset: 'nothing in Kubernetes replaced it: a mutating admission webhook can inject the same fields',
  AuditSink: 'dynamic audit was dropped: configure audit webhooks with the API server\'s `--audit-webhook-*` flags',
  InitializerConfiguration: 'the alpha Initializers were removed in Kubernetes 1.14: mutating admission webhooks replaced them',
  ClusterCIDR: 'the alpha MultiCIDRRangeAllocator was dropped: nodes get pod CIDRs from `--cluster-cidr` again',
};

// `apiVersion: v1, kind: Policy`: kube-scheduler's legacy policy file, not an API object.
const SCHEDULER_POLICY = 'is kube-scheduler\'s legacy policy file, not an API object; kube-scheduler 1.23 dropped it for `KubeSchedulerConfiguration` (`kubescheduler.config.k8s.io/v1`) profiles';

/**
 * The candidate a name is a typo of: one edit away, two for names of 8 letters or more (`Deploymnet`),
 * letter case aside. Tighter than the field suggestions: `Widget` and `Gadget` are two kinds, not a typo.
 */
function typoOf(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const allowed = name.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** The last apiVersion that served `kind` before `release`, and the release that stopped serving it. */
function lastServed(kind: string, release: string): { apiVersion: string; last: string; removedIn: string | undefined } | undefined {
  const { versions, kinds } = kindsData();
  let best: { apiVersion: string; last: string; removedIn: string | undefined } | undefined;
  for (const [key, releases] of Object.entries(kinds)) {
    if (key.slice(key.lastIndexOf('/') + 1) !== kind) continue;
    const last = releases[releases.length - 1]!;
    if (compareVersions(last, release) >= 0) continue;
    if (!best || compareVersions(last, best.last) > 0) best = { apiVersion: key.slice(0, key.lastIndexOf('/')), last, removedIn: versions[versions.indexOf(last) + 1] };
  }
  return best;
}

/** What the rule asks about a custom resource's group, answered once per group. */
interface GroupVerdicts {
  /** The kinds the input's CRDs define, by group. */
  kindsByGroup: ReadonlyMap<string, string[]>;
  /** Whether `trustedGroups` trusts the group. */
  trusted(group: string): boolean;
  /** A group the input's CRDs or the trusted list name, one or two letters away (typoOf). */
  similar(group: string): string | undefined;
}

/**
 * Per run (an index memo, dropped when an editor's edit updates the index) and per `trustedGroups`
 * option: asked for every custom resource of every file, the trust test and the edit distances to every
 * known group were most of the rule's time, and the table of kinds was built again for each file.
 */
function groupVerdicts(index: ResourceIndex, trustedGroups: readonly string[]): GroupVerdicts {
  const byOption = index.memo('schema/unknown-kind:groups', () => new WeakMap<readonly string[], GroupVerdicts>());
  let verdicts = byOption.get(trustedGroups);
  if (!verdicts) {
    const kindsByGroup = new Map<string, string[]>();
    for (const key of customKinds(index).keys()) {
      const slash = key.lastIndexOf('/');
      const group = key.slice(0, slash);
      const list = kindsByGroup.get(group) ?? [];
      list.push(key.slice(slash + 1));
      kindsByGroup.set(group, list);
    }
    const known = [...kindsByGroup.keys(), ...trustedGroups.filter((entry) => !entry.startsWith('*.'))];
    const trusted = new Map<string, boolean>();
    const similar = new Map<string, string | undefined>();
    verdicts = {
      kindsByGroup,
      trusted(group) {
        let answer = trusted.get(group);
        if (answer === undefined) trusted.set(group, (answer = trustedGroups.some((entry) => trusts(entry, group))));
        return answer;
      },
      similar(group) {
        if (!similar.has(group)) similar.set(group, typoOf(group, known));
        return similar.get(group);
      },
    };
    byOption.set(trustedGroups, verdicts);
  }
  return verdicts;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'an apiVersion/kind that Kubernetes does not serve and no CustomResourceDefinition in the linted files defines',
      story:
        'a typo in `kind` or `apiVersion` (`Deploymnet`, `apps/v1` Ingress) passes YAML checks and fails at apply time, or a custom resource is applied before its CRD and the deploy breaks halfway.',
      recommended: true,
    },
    messages: {
      unknownBuiltIn: 'Kubernetes has no kind `{{kind}}` in `{{apiVersion}}`{{hint}}',
      retiredKind: 'Kubernetes has no kind `{{kind}}` in `{{apiVersion}}` and no longer serves it in any version: {{history}}.',
      retiredGroup: 'Group `{{group}}` is retired: {{replacement}}.',
      notAnObject: '`{{apiVersion}}` `{{kind}}` {{what}}.',
      kindNotInGroup: 'The CustomResourceDefinitions of group `{{group}}` in the linted files define {{kinds}}, not `{{kind}}`{{hint}}',
      groupTypo: 'No CustomResourceDefinition in the linted files defines group `{{group}}`; did you mean `{{similar}}`?',
      noCrd: 'No CustomResourceDefinition in the linted files defines `{{kind}}` in group `{{group}}`: make sure its CRD is installed before this is applied (list the group in `trustedGroups` if it is).',
      crdVersion: 'The CustomResourceDefinition for `{{kind}}` serves {{versions}}, not `{{version}}`.',
    },
    schema: {
      type: 'object',
      properties: {
        customResources: { type: 'boolean' },
        reportMissingCrds: { type: 'boolean' },
        trustedGroups: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    defaultOptions: { customResources: true, reportMissingCrds: false, trustedGroups: TRUSTED_GROUPS as string[] },
    strictOptions: { reportMissingCrds: true },
    // A custom resource without its CRD may well be fine (CRDs installed by another pipeline): a warning.
    severity: 'warn',
    visits: ['*'],
  },
  create(context) {
    const release = clampedRelease(context.settings.kubernetesVersion);
    const { customResources, reportMissingCrds, trustedGroups } = context.options;
    // Only for custom resources: a file of built-in kinds does not read the index.
    let verdicts: GroupVerdicts | undefined;
    const groups = () => (verdicts ??= groupVerdicts(context.index, trustedGroups));
    return {
      '*'(resource: Resource) {
        // Known to some release: deprecated-api judges whether the target serves it.
        if (isKnown(resource.apiVersion, resource.kind) || isComponentConfigGroup(resource.group) || isToolConfig(resource.group, resource.kind, resource.apiVersion)) return;
        const custom = customKinds(context.index).get(`${resource.group}/${resource.kind}`);
        const version = resource.apiVersion.slice(resource.apiVersion.indexOf('/') + 1);
        if (custom) {
          if (!custom.versions.has(version)) {
            const versions = [...custom.versions.keys()].map((v) => `\`${resource.group}/${v}\``).join(', ');
            context.report({ node: resource, pointer: joinPointer(resource.pointer, 'apiVersion'), messageId: 'crdVersion', data: { kind: resource.kind, versions, version: resource.apiVersion } });
          }
          return;
        }
        const apiVersionPointer = joinPointer(resource.pointer, 'apiVersion');
        const retiredGroup = Object.hasOwn(RETIRED_GROUPS, resource.group) ? RETIRED_GROUPS[resource.group] : undefined;
        if (retiredGroup) {
          context.report({ node: resource, pointer: apiVersionPointer, messageId: 'retiredGroup', data: { group: resource.group, replacement: retiredGroup } });
          return;
        }
        if (isBuiltInGroup(resource.group)) {
          if (resource.group === '' && resource.kind === 'Policy') {
            context.report({ node: resource, pointer: joinPointer(resource.pointer, 'kind'), messageId: 'notAnObject', data: { apiVersion: resource.apiVersion, kind: resource.kind, what: SCHEDULER_POLICY } });
            return;
          }
          const elsewhere = apiVersionsServing(resource.kind, release);
          if (elsewhere.length === 0) {
            // A kind Kubernetes once served: say where, until when, and what replaced it.
            const before = lastServed(resource.kind, release);
            const replacement = Object.hasOwn(RETIRED_KINDS, resource.kind) ? RETIRED_KINDS[resource.kind] : undefined;
            if (before || replacement) {
              const served = before ? `${resource.kind} was served as \`${before.apiVersion}\` until Kubernetes ${before.last}${before.removedIn ? ` and removed in ${before.removedIn}` : ''}` : '';
              const history = [served, replacement].filter(Boolean).join('; ');
              context.report({ node: resource, pointer: joinPointer(resource.pointer, 'kind'), messageId: 'retiredKind', data: { kind: resource.kind, apiVersion: resource.apiVersion, history } });
              return;
            }
          }
          const kindsOfVersion = Object.keys(kindsData().kinds)
            .filter((candidate) => candidate.startsWith(`${resource.apiVersion}/`) && candidate.lastIndexOf('/') === resource.apiVersion.length)
            .map((candidate) => candidate.slice(resource.apiVersion.length + 1));
          const similar = didYouMean(resource.kind, kindsOfVersion);
          const hint = elsewhere.length > 0 ? `; ${resource.kind} is served as \`${elsewhere[0]}\`.` : similar ? `; did you mean \`${similar}\`?` : '.';
          const pointer = joinPointer(resource.pointer, elsewhere.length > 0 ? 'apiVersion' : 'kind');
          context.report({ node: resource, pointer, messageId: 'unknownBuiltIn', data: { kind: resource.kind, apiVersion: resource.apiVersion, hint } });
          return;
        }
        // A template of the input makes this kind's CRD when it is applied.
        if (generatedKinds(context.index).has(`${resource.group}/${resource.kind}`)) return;
        if (!customResources || groups().trusted(resource.group)) return;
        const kindPointer = joinPointer(resource.pointer, 'kind');
        // A typo: the input installs this group's CRDs, and the kind is one or two letters from one of them.
        const sameGroup = groups().kindsByGroup.get(resource.group);
        const similar = sameGroup && typoOf(resource.kind, sameGroup);
        if (sameGroup && similar) {
          const kinds = sameGroup.slice(0, 8).map((kind) => `\`${kind}\``).join(', ') + (sameGroup.length > 8 ? ', …' : '');
          context.report({ node: resource, pointer: kindPointer, messageId: 'kindNotInGroup', data: { group: resource.group, kinds, kind: resource.kind, hint: `; did you mean \`${similar}\`?` } });
          return;
        }
        // A group one or two letters from one the input or the trusted list knows is a typo (short groups
        // are too close to one another to tell).
        const similarGroup = !sameGroup && resource.group.length >= 10 ? groups().similar(resource.group) : undefined;
        if (similarGroup && similarGroup !== resource.group) {
          context.report({ node: resource, pointer: apiVersionPointer, messageId: 'groupTypo', data: { group: resource.group, similar: similarGroup } });
          return;
        }
        // Otherwise the CRD is most often installed by another step (a chart, an operator): strict asks.
        if (reportMissingCrds) context.report({ node: resource, pointer: kindPointer, messageId: 'noCrd', data: { kind: resource.kind, group: resource.group } });
      },
    };
  },
});
