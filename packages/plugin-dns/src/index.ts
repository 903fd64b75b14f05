import { definePlugin } from '@kubelore/core';
import configValid from './rules/config-valid.js';
import hostNetworkPolicy from './rules/host-network-policy.js';
import ndots from './rules/ndots.js';

const plugin = definePlugin({
  name: 'dns',
  docsDir: new URL('../docs/rules/', import.meta.url),
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-dns/docs/rules',
  version: '0.1.0',
  rules: {
    ndots,
    'host-network-policy': hostNetworkPolicy,
    'config-valid': configValid,
  },
});

export default plugin;
export { dotsIn, hostnamesIn, isInternalOrQualified } from './hostnames.js';
