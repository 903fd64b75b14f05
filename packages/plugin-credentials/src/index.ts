import { definePlugin } from '@kubelore/core';
import automountToken from './rules/automount-token.js';
import hostNetwork from './rules/host-network.js';
import plaintextSecret from './rules/plaintext-secret.js';
import secretEnvLiteral from './rules/secret-env-literal.js';
import secretFromEnv from './rules/secret-from-env.js';
import serviceAccount from './rules/service-account.js';
import sessionTtl from './rules/session-ttl.js';

const plugin = definePlugin({
  name: 'credentials',
  docsDir: new URL('../docs/rules/', import.meta.url),
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-credentials/docs/rules',
  version: '0.1.0',
  rules: {
    'plaintext-secret': plaintextSecret,
    'secret-env-literal': secretEnvLiteral,
    'secret-from-env': secretFromEnv,
    'session-ttl': sessionTtl,
    'host-network': hostNetwork,
    'automount-token': automountToken,
    'service-account': serviceAccount,
  },
});

export default plugin;
export { DETECTORS, detectSecret, exampleSecrets, looksSecretName, type SecretDetector, type SecretMatch } from './detectors.js';
