import { defineRule, isPlainObject, joinPointer, versionAtLeast, type PodView } from '@kubelore/core';

// Limits the API server enforces on pod DNS config. Search paths went from 6 (256 characters) to 32
// (2048 characters) with ExpandedDNSConfig, on by default since 1.26 and GA in 1.28.
const MAX_NAMESERVERS = 3;
const EXPANDED_SINCE = '1.28';
const POLICIES = new Set(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']);
// resolv.conf options whose value must be a number.
const NUMERIC_OPTIONS = new Set(['ndots', 'timeout', 'attempts']);

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod DNS configuration the API server rejects or the resolver cannot use',
      story:
        '`dnsPolicy: None` without nameservers, too many nameservers or search domains, or a malformed option: the pod is rejected at apply time or starts with a resolver that answers nothing.',
      recommended: true,
    },
    messages: {
      unknownPolicy: 'Unknown dnsPolicy "{{policy}}": use ClusterFirst, ClusterFirstWithHostNet, Default or None.',
      noneWithoutNameservers: '`dnsPolicy: None` without `dnsConfig.nameservers`: the pod has no resolver and the API server rejects it.',
      tooManyNameservers: '{{count}} nameservers, over the limit of {{max}}: the API server rejects the pod (the resolver would use only the first 3 anyway).',
      tooManySearches: '{{count}} search domains, over the limit of {{max}} on Kubernetes {{version}}: the API server rejects the pod.',
      searchesTooLong: 'The search domains take {{length}} characters, over the limit of {{max}} on Kubernetes {{version}}: the API server rejects the pod.',
      optionWithoutName: 'A dnsConfig option without a name: the API server rejects the pod.',
      optionNotNumeric: 'dnsConfig option "{{name}}" needs a whole number, not "{{value}}": the resolver ignores it.',
    },
    visits: ['PodSpec'],
  },
  create(context) {
    const expanded = versionAtLeast(context.settings.kubernetesVersion, EXPANDED_SINCE);
    const maxSearches = expanded ? 32 : 6;
    const maxSearchChars = expanded ? 2048 : 256;
    const version = context.settings.kubernetesVersion;

    function checkConfig(pod: PodView, config: Record<string, unknown>, pointer: string): void {
      const nameservers = Array.isArray(config.nameservers) ? config.nameservers : [];
      if (nameservers.length > MAX_NAMESERVERS) {
        context.report({ node: pod, pointer: joinPointer(pointer, 'nameservers'), messageId: 'tooManyNameservers', data: { count: nameservers.length, max: MAX_NAMESERVERS } });
      }
      const searches = Array.isArray(config.searches) ? config.searches.map(String) : [];
      if (searches.length > maxSearches) {
        context.report({ node: pod, pointer: joinPointer(pointer, 'searches'), messageId: 'tooManySearches', data: { count: searches.length, max: maxSearches, version } });
      } else {
        const length = searches.join(' ').length;
        if (length > maxSearchChars) {
          context.report({ node: pod, pointer: joinPointer(pointer, 'searches'), messageId: 'searchesTooLong', data: { length, max: maxSearchChars, version } });
        }
      }
      const options = Array.isArray(config.options) ? config.options : [];
      options.forEach((option, index) => {
        const at = joinPointer(pointer, 'options', index);
        if (!isPlainObject(option) || typeof option.name !== 'string' || option.name === '') {
          context.report({ node: pod, pointer: at, messageId: 'optionWithoutName' });
          return;
        }
        if (NUMERIC_OPTIONS.has(option.name) && option.value !== undefined && !/^\d+$/.test(String(option.value))) {
          context.report({ node: pod, pointer: joinPointer(at, 'value'), messageId: 'optionNotNumeric', data: { name: option.name, value: String(option.value) } });
        }
      });
    }

    return {
      PodSpec(pod) {
        const policy = pod.spec.dnsPolicy;
        if (policy !== undefined && !POLICIES.has(String(policy))) {
          context.report({ node: pod, pointer: joinPointer(pod.pointer, 'dnsPolicy'), messageId: 'unknownPolicy', data: { policy: String(policy) } });
        }
        const config = pod.spec.dnsConfig as unknown;
        const configPointer = joinPointer(pod.pointer, 'dnsConfig');
        if (policy === 'None') {
          const nameservers = isPlainObject(config) && Array.isArray(config.nameservers) ? config.nameservers : [];
          if (nameservers.length === 0) {
            const pointer = isPlainObject(config) ? configPointer : joinPointer(pod.pointer, 'dnsPolicy');
            context.report({ node: pod, pointer, messageId: 'noneWithoutNameservers' });
          }
        }
        if (isPlainObject(config)) checkConfig(pod, config, configPointer);
      },
    };
  },
});
