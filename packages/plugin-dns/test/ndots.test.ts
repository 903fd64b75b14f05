import { RuleTester, workload } from '@kubelore/rule-tester';
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

new RuleTester().run('dns/ndots', rule, {
  valid: [
    { name: 'a name with five dots', code: workload('Deployment', withEnv('https://a.b.c.d.example.com')) },
    { name: 'ndots lowered to what the names need', code: workload('Deployment', es, 'dnsConfig:\n  options: [{name: ndots, value: "2"}]') },
    { name: 'cluster names', code: workload('StatefulSet', withEnv('http://search.search.svc.cluster.local:9200')) },
    { name: 'a fully qualified name', code: workload('Pod', withEnv('elastic.spain.adevinta.com.')) },
    { name: 'the node resolver', code: workload('DaemonSet', es, 'dnsPolicy: Default') },
    { name: 'ClusterFirst on the host network uses the node resolver', code: workload('DaemonSet', es, 'hostNetwork: true') },
    { name: 'IPs and files', code: workload('Deployment', withEnv('"10.0.0.12:9200 /etc/app/config.yaml"')) },
    { name: 'an internal suffix from the options', code: workload('Deployment', withEnv('vault.corp.acme.com')), options: { internalSuffixes: ['corp.acme.com'] } },
    { name: 'fewer names than minNames', code: workload('Deployment', es), options: { minNames: 2 } },
    { name: 'a ConfigMap of another namespace is not read', code: daemonSet + configMap('backends', '  ES: https://elastic.spain.adevinta.com', 'other') },
  ],
  invalid: [
    {
      name: 'Deployment: a URL in env',
      code: workload('Deployment', es),
      errors: [
        {
          messageId: 'walksSearchDomains',
          message:
            '"elastic.spain.adevinta.com" has 3 dot(s), fewer than ndots 5: each lookup first tries 3 search domains (6 failing queries, A and AAAA). Set the dnsConfig option ndots to "3", or write the name with a trailing dot.',
          line: 17,
          column: 22,
          suggestions: suggestion(workload('Deployment', es), 3),
        },
      ],
    },
    {
      name: 'StatefulSet: names in args; the message counts the others and extra search domains',
      code: workload('StatefulSet', '- name: app\n  image: x\n  args: ["--s3=s3.eu-west-1.amazonaws.com", "--api=https://api.example.com/v2"]\n', 'dnsConfig:\n  searches: [corp.example.com]'),
      errors: [
        {
          messageId: 'walksSearchDomains',
          message:
            '"s3.eu-west-1.amazonaws.com" has 3 dot(s), fewer than ndots 5: each lookup first tries 4 search domains (8 failing queries, A and AAAA); 1 other name(s) too. Set the dnsConfig option ndots to "2", or write the name with a trailing dot.',
          line: 15,
          column: 18,
          suggestions: [
            {
              desc: 'Set dnsConfig option ndots to "2"',
              output: workload('StatefulSet', '- name: app\n  image: x\n  args: ["--s3=s3.eu-west-1.amazonaws.com", "--api=https://api.example.com/v2"]\n', 'dnsConfig:\n  searches: [corp.example.com]\n  options:\n    - name: ndots\n      value: "2"'),
            },
          ],
        },
      ],
    },
    {
      name: 'DaemonSet: a ConfigMap read through envFrom, reported at the envFrom entry',
      code: daemonSet + configMap('backends', '  ES_URL: https://elastic.spain.adevinta.com:9200\n  MODE: fast'),
      errors: [{ messageId: 'walksSearchDomains', data: { name: 'elastic.spain.adevinta.com', dots: 3, ndots: 5, searches: 3, queries: 6, others: '', suggested: 3 }, line: 16, column: 15, suggestions: suggestion(daemonSet, 3).map((s) => ({ ...s, output: withNdots(daemonSet, 3, 6) + configMap('backends', '  ES_URL: https://elastic.spain.adevinta.com:9200\n  MODE: fast') })) }],
    },
    {
      name: 'CronJob: one key of a ConfigMap through configMapKeyRef',
      code: cronJob + configMap('backends', '  DB_HOST: db.prod.example.org:5432\n  OTHER: ignored.example.com'),
      errors: [{ messageId: 'walksSearchDomains', data: { name: 'db.prod.example.org', dots: 3, ndots: 5, searches: 3, queries: 6, others: '', suggested: 3 }, line: 18, column: 19, suggestions: [{ desc: 'Set dnsConfig option ndots to "3"', output: cronJob.replace('restartPolicy: OnFailure\n', 'restartPolicy: OnFailure\n          dnsConfig:\n            options:\n              - name: ndots\n                value: "3"\n') + configMap('backends', '  DB_HOST: db.prod.example.org:5432\n  OTHER: ignored.example.com') }] }],
    },
    {
      name: 'Pod: a mounted ConfigMap; an existing ndots of 3 still misses a 2-dot name, and no suggestion edits existing options',
      code: workload('Pod', '- name: app\n  image: x\n', 'volumes:\n  - name: conf\n    configMap: {name: app-conf}\ndnsConfig:\n  options: [{name: ndots, value: "3"}]') + configMap('app-conf', '  app.properties: |\n    endpoint=https://api.example.com/v1'),
      errors: [{ messageId: 'walksSearchDomains', data: { name: 'api.example.com', dots: 2, ndots: 3, searches: 3, queries: 6, others: '', suggested: 2 }, line: 11, column: 7 }],
    },
  ],
});
