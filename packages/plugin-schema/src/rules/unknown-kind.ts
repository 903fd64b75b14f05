import { defineRule, joinPointer, type Resource } from '@kubelore/core';
import { apiVersionsServing, clampedRelease, isKnown } from '../api-versions.js';
import { customKinds, isBuiltInGroup, isComponentConfigGroup } from '../crds.js';
import { kindsData } from '../data.js';
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
];

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
      noCrd: 'No CustomResourceDefinition in the linted files defines `{{kind}}` in group `{{group}}`: make sure its CRD is installed before this is applied (list the group in `trustedGroups` if it is).',
      crdVersion: 'The CustomResourceDefinition for `{{kind}}` serves {{versions}}, not `{{version}}`.',
    },
    schema: {
      type: 'object',
      properties: {
        customResources: { type: 'boolean' },
        trustedGroups: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    defaultOptions: { customResources: true, trustedGroups: TRUSTED_GROUPS as string[] },
    // A custom resource without its CRD may well be fine (CRDs installed by another pipeline): a warning.
    severity: 'warn',
  },
  create(context) {
    const release = clampedRelease(context.settings.kubernetesVersion);
    const { customResources, trustedGroups } = context.options;
    return {
      '*'(resource: Resource) {
        const key = `${resource.apiVersion}/${resource.kind}`;
        // Known to some release: deprecated-api judges whether the target serves it.
        if (isKnown(key) || isComponentConfigGroup(resource.group)) return;
        const custom = customKinds(context.index).get(`${resource.group}/${resource.kind}`);
        const version = resource.apiVersion.slice(resource.apiVersion.indexOf('/') + 1);
        if (custom) {
          if (!custom.versions.has(version)) {
            const versions = [...custom.versions.keys()].map((v) => `\`${resource.group}/${v}\``).join(', ');
            context.report({ node: resource, pointer: joinPointer(resource.pointer, 'apiVersion'), messageId: 'crdVersion', data: { kind: resource.kind, versions, version: resource.apiVersion } });
          }
          return;
        }
        if (isBuiltInGroup(resource.group)) {
          const elsewhere = apiVersionsServing(resource.kind, release);
          const kindsOfVersion = Object.keys(kindsData().kinds)
            .filter((candidate) => candidate.startsWith(`${resource.apiVersion}/`) && candidate.lastIndexOf('/') === resource.apiVersion.length)
            .map((candidate) => candidate.slice(resource.apiVersion.length + 1));
          const similar = didYouMean(resource.kind, kindsOfVersion);
          const hint = elsewhere.length > 0 ? `; ${resource.kind} is served as \`${elsewhere[0]}\`.` : similar ? `; did you mean \`${similar}\`?` : '.';
          const pointer = joinPointer(resource.pointer, elsewhere.length > 0 ? 'apiVersion' : 'kind');
          context.report({ node: resource, pointer, messageId: 'unknownBuiltIn', data: { kind: resource.kind, apiVersion: resource.apiVersion, hint } });
          return;
        }
        if (customResources && !trustedGroups.includes(resource.group)) {
          context.report({ node: resource, pointer: joinPointer(resource.pointer, 'kind'), messageId: 'noCrd', data: { kind: resource.kind, group: resource.group } });
        }
      },
    };
  },
});
