import { RuleTester, workload } from '@kubelore/rule-tester';
import { Linter } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import rule from '../src/rules/ndots.js';

const withEnv = (value: string) => `- name: app
  image: ghcr.io/acme/app:1.0
  env:
    - name: UPSTREAM
      value: ${value}
`;

// The suggestion adds dnsConfig after the pod spec's last line, at the pod spec's indentation.
const withNdots = (code: string, value: number, indent: number) => {
  const pad = ' '.repeat(indent);
  return `${code}${pad}dnsConfig:\n${pad}  options:\n${pad}    - name: ndots\n${pad}      value: "${value}"\n`;
};
const suggestion = (code: string, value: number, indent = 6) => [{ desc: `Set dnsConfig option ndots to "${value}"`, output: withNdots(code, value, indent) }];

const configMap = (name: string, data: string, namespace = '') => `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}data:
${data}
`;

const es = withEnv('https://elastic.spain.adevinta.com:9200');
const daemonSet = workload('DaemonSet', '- name: app\n  image: x\n  envFrom:\n    - configMapRef: {name: backends}\n');
const cronJob = workload('CronJob', '- name: app\n  image: x\n  env:\n    - name: DB\n      valueFrom: {configMapKeyRef: {name: backends, key: DB_HOST}}\n');
const mounted = (podFields = '') => workload('Pod', '- name: app\n  image: x\n', `volumes:\n  - name: conf\n    configMap: {name: app-conf}\n${podFields}`);
const collector = `  collector.yaml: |
    # Exporters: https://opentelemetry.io/docs/collector/configuration/
    receivers:
      otlp: {}
    processors:
      resource:
        attributes:
          - key: k8s.pod.ip
          - key: service.instance.id
    extensions:
      spiffe:
        trust_domain: acme.io
        admin: ops@acme.io
    exporters:
      otlp:
        endpoint: otel.eu.acme.io:4317`;

new RuleTester().run('dns/ndots', rule, {
  valid: [
    { name: 'a name with five dots', code: workload('Deployment', withEnv('https://a.b.c.d.acme.io')) },
    { name: 'ndots lowered to what the names need', code: workload('Deployment', es, 'dnsConfig:\n  options: [{name: ndots, value: "2"}]') },
    { name: 'cluster names', code: workload('StatefulSet', withEnv('http://search.search.svc.cluster.local:9200')) },
    { name: 'a fully qualified name', code: workload('Pod', withEnv('https://elastic.spain.adevinta.com./')) },
    { name: 'the node resolver', code: workload('DaemonSet', es, 'dnsPolicy: Default') },
    { name: 'ClusterFirst on the host network uses the node resolver', code: workload('DaemonSet', es, 'hostNetwork: true') },
    { name: 'IPs and files', code: workload('Deployment', withEnv('"10.0.0.12:9200 /etc/app/config.yaml"')) },
    { name: 'an internal suffix from the options', code: workload('Deployment', withEnv('https://vault.corp.acme.com')), options: { internalSuffixes: ['corp.acme.com'] } },
    { name: 'fewer names than minNames', code: workload('Deployment', es), options: { minNames: 2 } },
    { name: 'a ConfigMap of another namespace is not read', code: daemonSet + configMap('backends', '  ES: https://elastic.spain.adevinta.com', 'other') },
    { name: 'a shell script in args is not an address', code: workload('DaemonSet', '- name: app\n  image: x\n  command: [bash, -c]\n  args:\n    - |\n      curl -fsSL https://nvidia.github.io/libnvidia-container/gpgkey | apt-key add -\n') },
    { name: 'a metric prefix is a name, not a host', code: workload('Deployment', '- name: app\n  image: x\n  args: [--stackdriver-prefix=custom.googleapis.com]\n') },
    { name: 'documentation names (example.com) and a redirect URL the browser follows', code: workload('Deployment', '- name: app\n  image: x\n  env:\n    - {name: API_URL, value: "https://api.example.com"}\n    - {name: OAUTH_REDIRECT_URL, value: "https://app.acme.io/callback"}\n    - {name: ALERT_EMAIL, value: ops@acme.io}\n') },
    { name: 'a bare dotted value under a key that names no endpoint', code: workload('Deployment', '- name: app\n  image: x\n  env:\n    - {name: TABLE, value: dynamodb.eu-west-1.amazonaws.com}\n') },
    { name: 'comments, attribute names, identity domains and e-mail in a mounted config', code: mounted() + configMap('app-conf', collector.replace('endpoint: otel.eu.acme.io:4317', 'endpoint: otel-collector.observability.svc:4317')) },
    { name: 'a key the volume does not mount', code: workload('Pod', '- name: app\n  image: x\n', 'volumes:\n  - name: conf\n    configMap:\n      name: app-conf\n      items: [{key: other, path: other}]') + configMap('app-conf', '  upstream_url: https://api.stripe.com\n  other: x') },
    { name: "the pod's ignore annotation also silences a name in its ConfigMap", code: mounted().replace('  name: api\n', '  name: api\n  annotations: {kubelore.dev/ignore: dns/ndots}\n') + configMap('app-conf', collector) },
  ],
  invalid: [
    {
      name: 'lists of the wrong shape (a chainsaw-style mapping, a null entry) are skipped; the rest is still read',
      code: workload('Pod', '- name: app\n  image: x\n  envFrom: {configMapRef: {name: backends}}\n  env:\n    - null\n    - name: UPSTREAM\n      value: https://elastic.spain.adevinta.com:9200\n', 'volumes: {(length(@)): 1}\ndnsConfig: {options: {ndots: 2}}'),
      errors: [{ messageId: 'walksSearchDomains', line: 14, column: 26, suggestions: [] }],
    },
    {
      name: 'Deployment: a URL in env, at the name inside the value',
      code: workload('Deployment', es),
      errors: [
        {
          messageId: 'walksSearchDomains',
          message:
            '"elastic.spain.adevinta.com" has 3 dot(s), fewer than ndots 5: each lookup first tries 3 search domains (6 failing queries, A and AAAA). Set the dnsConfig option ndots to "3", or write the name with a trailing dot.',
          line: 17,
          column: 30,
          endLine: 17,
          endColumn: 56,
          suggestions: suggestion(workload('Deployment', es), 3),
        },
      ],
    },
    {
      name: 'StatefulSet: names in args; the message counts the others and extra search domains',
      code: workload('StatefulSet', '- name: app\n  image: x\n  args: ["--s3-endpoint=s3.eu-west-1.amazonaws.com", "--api=https://api.stripe.com/v2"]\n', 'dnsConfig:\n  searches: [corp.acme.io]'),
      errors: [
        {
          messageId: 'walksSearchDomains',
          message:
            '"s3.eu-west-1.amazonaws.com" has 3 dot(s), fewer than ndots 5: each lookup first tries 4 search domains (8 failing queries, A and AAAA); 1 other name(s) too. Set the dnsConfig option ndots to "2", or write the name with a trailing dot.',
          line: 15,
          column: 33,
          suggestions: [
            {
              desc: 'Set dnsConfig option ndots to "2"',
              output: workload('StatefulSet', '- name: app\n  image: x\n  args: ["--s3-endpoint=s3.eu-west-1.amazonaws.com", "--api=https://api.stripe.com/v2"]\n', 'dnsConfig:\n  searches: [corp.acme.io]\n  options:\n    - name: ndots\n      value: "2"'),
            },
          ],
        },
      ],
    },
    {
      name: 'Deployment: a bare host under a key that names one, and a flag before its value',
      code: workload('Deployment', '- name: app\n  image: x\n  args: [--broker, kafka.eu.acme.io]\n  env:\n    - {name: SMTP_HOST, value: smtp.sendgrid.net}\n'),
      errors: [{ messageId: 'walksSearchDomains', data: { name: 'kafka.eu.acme.io', dots: 3, ndots: 5, searches: 3, queries: 6, others: '; 1 other name(s) too', suggested: 2 }, line: 15, column: 28, endColumn: 44, suggestions: suggestion(workload('Deployment', '- name: app\n  image: x\n  args: [--broker, kafka.eu.acme.io]\n  env:\n    - {name: SMTP_HOST, value: smtp.sendgrid.net}\n'), 2) }],
    },
    {
      name: 'DaemonSet: a ConfigMap read through envFrom, reported at its line in the ConfigMap',
      code: daemonSet + configMap('backends', '  ES_URL: https://elastic.spain.adevinta.com:9200\n  MODE: fast'),
      errors: [
        {
          messageId: 'walksSearchDomainsFrom',
          message:
            'DaemonSet default/api resolves "elastic.spain.adevinta.com" from this ConfigMap, with 3 dot(s), fewer than its ndots 5: each lookup first tries 3 search domains (6 failing queries, A and AAAA). Set the dnsConfig option ndots of DaemonSet default/api to "3", or write the name with a trailing dot.',
          line: 23,
          column: 19,
          endColumn: 45,
          path: '/data/ES_URL',
          suggestions: suggestion(daemonSet, 3).map((s) => ({ ...s, output: withNdots(daemonSet, 3, 6) + configMap('backends', '  ES_URL: https://elastic.spain.adevinta.com:9200\n  MODE: fast') })),
        },
      ],
    },
    {
      name: 'CronJob: one key of a ConfigMap through configMapKeyRef',
      code: cronJob + configMap('backends', '  DB_HOST: db.prod.acme.io:5432\n  OTHER: ignored.acme.io:80'),
      errors: [{ messageId: 'walksSearchDomainsFrom', data: { reader: 'CronJob default/api', name: 'db.prod.acme.io', dots: 3, ndots: 5, searches: 3, queries: 6, others: '', suggested: 3 }, line: 26, column: 12, suggestions: [{ desc: 'Set dnsConfig option ndots to "3"', output: cronJob.replace('restartPolicy: OnFailure\n', 'restartPolicy: OnFailure\n          dnsConfig:\n            options:\n              - name: ndots\n                value: "3"\n') + configMap('backends', '  DB_HOST: db.prod.acme.io:5432\n  OTHER: ignored.acme.io:80') }] }],
    },
    {
      name: 'Pod: a mounted properties file; an existing ndots of 3 still misses a 2-dot name, and no suggestion edits existing options',
      code: mounted('dnsConfig:\n  options: [{name: ndots, value: "3"}]') + configMap('app-conf', '  app.properties: |\n    # docs: https://docs.acme.io/app\n    endpoint=https://api.stripe.com/v1'),
      errors: [{ messageId: 'walksSearchDomainsFrom', data: { reader: 'Pod default/api', name: 'api.stripe.com', dots: 2, ndots: 3, searches: 3, queries: 6, others: '', suggested: 2 }, line: 23, column: 22, endColumn: 36 }],
    },
    {
      name: 'Pod: an OpenTelemetry collector config, reported at the endpoint inside the block scalar',
      code: mounted() + configMap('app-conf', collector),
      errors: [{ messageId: 'walksSearchDomainsFrom', data: { reader: 'Pod default/api', name: 'otel.eu.acme.io', dots: 3, ndots: 5, searches: 3, queries: 6, others: '', suggested: 3 }, line: 34, column: 19, endColumn: 34, suggestions: suggestion(mounted(), 3, 2).map((s) => ({ ...s, output: s.output + configMap('app-conf', collector) })) }],
    },
  ],
});

test('a ConfigMap in another file is reported at the pod reference that reads it', () => {
  const plugin = { meta: { name: 'dns' }, rules: { ndots: rule } };
  const [pod, map] = new Linter().lint(
    [
      { filePath: 'pod.yaml', text: mounted() },
      { filePath: 'cm.yaml', text: configMap('app-conf', collector).replace(/^---\n/, '') },
    ],
    [{ plugins: { dns: plugin }, rules: { 'dns/ndots': 'error' } }],
  );
  assert.equal(pod!.messages.map((m) => [m.messageId, m.line, m.column, m.path]), [['walksSearchDomains', 11, 7, '/spec/volumes/0']]);
  assert.equal(map!.messages, []);
});

test.run();
