// kubelore as a library: lint rendered manifests from memory (a deploy bot, a Helm post-renderer) and
// print them with a formatter. Run from the repository root after building:
//   node examples/library/lint.mjs
import { Kubelore } from '../../packages/cli/dist/index.js';

const rendered = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  replicas: 3
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:5.2.0
          ports: [{containerPort: 8080}]
`;

const kubelore = new Kubelore({ preset: 'recommended', configLookup: false, overrideConfig: { settings: { kubernetesVersion: '1.33' } } });
const results = await kubelore.lintText(rendered, { filePath: 'rendered/checkout.yaml' });
const formatter = await kubelore.loadFormatter('stylish');
process.stdout.write(formatter.format(results));

const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
console.log(`\n${errors} error(s); first finding: ${results[0]?.messages[0]?.ruleId ?? 'none'}`);
process.exitCode = errors > 0 ? 1 : 0;
