import { RuleTester } from '@kubelore/rule-tester';
import * as assert from 'uvu/assert';
import rule from '../src/rules/prestop-delay.js';

const deployment = (container: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
${container}${extra}`;

const withPort = `        - name: web
          image: ghcr.io/acme/api:1.0
          ports:
            - containerPort: 8080
`;

const service = `---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
    - port: 80
      targetPort: 8080
`;

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports: [{containerPort: 5432, name: pg}]
`;
const barePod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: ghcr.io/acme/migrate:1.0
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 80}]
    - name: log-shipper
      image: fluent/fluent-bit:3
`;
const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0
---
apiVersion: v1
kind: Service
metadata:
  name: report
spec:
  selector: {app: report}
  ports: [{port: 80}]
`;

const twoContainers = deployment(`        - name: web
          image: ghcr.io/acme/api:1.0
          ports: [{name: http, containerPort: 8080}]
        - name: log-shipper
          image: fluent/fluent-bit:3
          ports: [{name: forward, containerPort: 24224}]
`);
const namedService = `---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
    - port: 80
      targetPort: http
`;
const sidecarPod = deployment(`        - name: web
          image: ghcr.io/acme/api:1.0
          ports: [{containerPort: 8080}]
          lifecycle: {preStop: {sleep: {seconds: 5}}}
      initContainers:
        - name: tls
          image: ghcr.io/acme/tls:1.0
          restartPolicy: Always
          ports: [{containerPort: 8443}]
`);

const serviceWith = (name: string, ports: string, labels = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}${labels}
spec:
  selector: {app: api}
  ports:
${ports}`;
const twoPorts = deployment(`        - name: web
          image: ghcr.io/acme/api:1.0
          ports:
            - {name: http, containerPort: 8080}
            - {name: metrics, containerPort: 9100}
`);
const webhookConfig = `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: api
webhooks:
  - name: validate.acme.dev
    clientConfig:
      service: {name: api-webhook, namespace: default, path: /validate}
    admissionReviewVersions: [v1]
    sideEffects: None
`;
const serviceMonitor = `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
spec:
  selector:
    matchLabels: {team: api}
  endpoints:
    - port: web
`;
const selectedPod =
  barePod.replace('name: web\nspec:', 'name: web\n  labels: {app: web}\nspec:') + serviceWith('web', '    - {port: 80}\n').replace('selector: {app: api}', 'selector: {app: web}');
const twoPortsLast = '            - {name: metrics, containerPort: 9100}\n';
const mixedService = twoPorts + serviceWith('api', '    - {name: metrics, port: 9100, targetPort: metrics}\n    - {name: web, port: 80, targetPort: http}\n');
const scrapedElsewhere =
  twoPorts + serviceWith('api', '    - {name: web, port: 8080, targetPort: http}\n    - {name: scrape, port: 9100, targetPort: metrics}\n', '\n  labels: {team: api}') + serviceMonitor.replace('port: web', 'port: scrape');
// Argo CD's ApplicationSet controller: a port named webhook that takes Git hosts' webhooks on 7000.
const gitWebhooks =
  deployment(`        - name: web
          image: ghcr.io/acme/api:1.0
          ports: [{name: webhook, containerPort: 7000}]
`) + serviceWith('api', '    - {name: webhook, port: 7000, targetPort: webhook}\n');
// Knative's default-domain: a Job whose pod a Service selects, so that it can call itself.
const selfCheckJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: default-domain
spec:
  template:
    metadata:
      labels: {app: default-domain}
    spec:
      restartPolicy: OnFailure
      containers:
        - name: check
          image: ghcr.io/acme/check:1.0
          ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: default-domain
spec:
  selector: {app: default-domain}
  ports: [{port: 80, targetPort: 8080}]
`;
const single = (strategy: string) => deployment(withPort).replace('  replicas: 2\n', `  replicas: 1\n${strategy}`);
const singleStatefulSet = deployment(withPort).replace('kind: Deployment', 'kind: StatefulSet').replace('  replicas: 2\n', '  replicas: 1\n  serviceName: api\n');
const scaledStatefulSet = `${singleStatefulSet}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: api}
  minReplicas: 1
  maxReplicas: 3
`;
const otherWebhook = twoPorts + serviceWith('api', '    - {port: 443, targetPort: 8080}\n') + webhookConfig;
const telemetryIngest =
  deployment(`        - name: web
          image: ghcr.io/acme/reducer:1.0
          ports: [{name: telemetry, containerPort: 7000}]
`) + serviceWith('api', '    - {name: telemetry, port: 7000, targetPort: telemetry}\n');
const drainingGrace = (comment: string) =>
  deployment(withPort, `      # ${comment}
      terminationGracePeriodSeconds: 120
`);

// The suggestion adds the hook after the container's last line, indented like the container's keys.
const withSleep = (code: string, lastLine: string, indent: number) => {
  const pad = (extra: number) => ' '.repeat(indent + extra);
  assert.ok(code.includes(lastLine), `test setup: ${lastLine} not in the code`);
  return code.replace(lastLine, `${lastLine}${pad(0)}lifecycle:\n${pad(2)}preStop:\n${pad(4)}sleep:\n${pad(6)}seconds: 5\n`);
};
const suggestion = (code: string, lastLine: string, indent: number) => [{ desc: 'Add a preStop sleep of 5s', output: withSleep(code, lastLine, indent) }];

new RuleTester().run('termination/prestop-delay', rule, {
  valid: [
    {
      name: 'Deployment with a native sleep action',
      code: deployment(`${withPort}          lifecycle:
            preStop:
              sleep: {seconds: 10}
`),
    },
    {
      name: 'Deployment with an exec sleep',
      code: deployment(`${withPort}          lifecycle:
            preStop:
              exec: {command: ["/bin/sh", "-c", "sleep 15"]}
`),
    },
    {
      name: 'an HTTP preStop hook is trusted to drain',
      code: deployment(`${withPort}          lifecycle:
            preStop:
              httpGet: {path: /drain, port: 8080}
`),
    },
    {
      name: 'a worker without ports and no Service is not served',
      code: deployment(`        - name: worker
          image: ghcr.io/acme/worker:1.0
`),
    },
    {
      name: 'a CronJob with a metrics port and no Service is not served',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: ghcr.io/acme/report:1.0
              ports: [{containerPort: 9090}]
`,
    },
    {
      name: 'a Service in another namespace does not serve the pod',
      code: deployment(`        - name: worker
          image: ghcr.io/acme/worker:1.0
`) + service.replace('name: api\nspec', 'name: api\n  namespace: other\nspec'),
    },
    {
      name: 'only metrics, health and admin ports, no Service: not served',
      code: deployment(`        - name: exporter
          image: ghcr.io/acme/exporter:1.0
          ports:
            - {name: http-metrics, containerPort: 8080}
            - {name: healthz, containerPort: 8086}
            - {containerPort: 9090}
            - {containerPort: 6060}
            - {containerPort: 10258}
`),
    },
    {
      name: 'a native sidecar with a port that no Service targets is not served',
      code: deployment(`        - name: worker
          image: ghcr.io/acme/worker:1.0
      initContainers:
        - name: proxy
          image: ghcr.io/acme/proxy:1.0
          restartPolicy: Always
          ports: [{containerPort: 15001}]
`),
    },
    {
      name: 'a Service whose ports are named for metrics does not serve the pod (by port name or by the declared name of the number)',
      code: twoPorts + serviceWith('api', '    - {name: http-metrics, port: 9100, targetPort: 8080}\n    - {port: 9100}\n'),
    },
    {
      name: 'a Service named for metrics carries only scrapes, whatever its port is called',
      code: twoPorts + serviceWith('api-metrics', '    - {name: http, port: 8080, targetPort: http}\n'),
    },
    {
      name: 'a port that a ServiceMonitor applied with the Service scrapes is a metrics port',
      code: twoPorts + serviceWith('api', '    - {name: web, port: 8080, targetPort: http}\n', '\n  labels: {team: api}') + serviceMonitor,
    },
    {
      name: 'a Service that an admission webhook names: the API server calls it, and needs no preStop delay',
      code: twoPorts + serviceWith('api-webhook', '    - {port: 443, targetPort: 8080}\n') + webhookConfig,
    },
    {
      name: 'a target port named for a webhook is called by the API server',
      code: deployment(`        - name: web
          image: ghcr.io/acme/api:1.0
          ports: [{name: webhook-server, containerPort: 9443}]
`) + serviceWith('api', '    - {port: 443, targetPort: webhook-server}\n'),
    },
    {
      name: 'a Service named for a webhook on 443, registered by the controller at run time (no configuration in the input)',
      code: twoPorts + serviceWith('api-webhook', '    - {port: 443, targetPort: 8080}\n'),
    },
    { name: 'a database: its clients hold connections, which a delay does not drain (postgres, port pg)', code: statefulSet.replace('  serviceName: db\n', '  replicas: 3\n  serviceName: db\n') },
    {
      name: 'a cache behind a Service: redis on 6379, by its unnamed number',
      code: deployment('        - name: cache\n          image: redis:7\n          ports: [{containerPort: 6379}]\n') + serviceWith('cache', '    - {port: 6379}\n'),
    },
    { name: 'a StatefulSet of one: its pod stops before the new one starts, so no other endpoint can take the traffic', code: singleStatefulSet },
    {
      name: 'a one-shot Job selected by a Service (a self-check): nothing else of it can take the traffic',
      code: selfCheckJob,
    },
    { name: 'a Deployment of one that recreates', code: single('  strategy: {type: Recreate}\n') },
    { name: 'a Deployment of one whose rolling update allows no surge', code: single('  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}\n') },
    {
      name: 'a bare Pod that no Service selects is not served, whatever it declares',
      code: barePod,
    },
    {
      name: 'Services applied with the pod select other pods: this one declares a port but is not served',
      code: deployment(withPort) + serviceWith('other', '    - {port: 80}\n').replace('selector: {app: api}', 'selector: {app: other}'),
    },
    {
      name: 'a grace period whose comment says the process drains itself (lame duck)',
      code: drainingGrace('the server lame-ducks: it fails readiness and drains requests before exiting'),
    },
    {
      name: 'the same with CRLF line ends, the drain word two comment lines up',
      code: drainingGrace('the server lame-ducks: it fails readiness\n      # (see the runbook)').replace(/\n/g, '\r\n'),
    },
    {
      name: 'the minimum is an option',
      code: deployment(`${withPort}          lifecycle:
            preStop:
              sleep: {seconds: 2}
`),
      options: { minDelaySeconds: 2 },
    },
  ],
  invalid: [
    {
      name: 'Deployment serving a port without preStop',
      code: deployment(withPort),
      errors: [
        {
          messageId: 'missing',
          message:
            'Container "web" receives traffic (declares port 8080) but has no preStop delay: SIGTERM arrives while load balancers still route to it. Add a preStop sleep of at least 5s.',
          line: 14,
          column: 11,
          path: '/spec/template/spec/containers/0/lifecycle/preStop',
          suggestions: suggestion(deployment(withPort), '            - containerPort: 8080\n', 10),
        },
      ],
    },
    {
      name: 'a Service selecting a portless worker makes it served',
      code: deployment(`        - name: worker
          image: ghcr.io/acme/worker:1.0
`) + service,
      errors: [
        {
          messageId: 'missing',
          data: { name: 'worker', reason: 'selected by Service api, whose port 8080 no container declares', min: 5 },
          line: 14,
          column: 11,
          suggestions: suggestion(deployment(`        - name: worker\n          image: ghcr.io/acme/worker:1.0\n`) + service, '          image: ghcr.io/acme/worker:1.0\n', 10),
        },
      ],
    },
    {
      name: 'a sleep under the minimum',
      code: deployment(`${withPort}          lifecycle:
            preStop:
              exec:
                command: [sleep, "2"]
`),
      errors: [
        {
          messageId: 'tooShort',
          message: 'Container "web" receives traffic (declares port 8080) but waits only 2s in preStop, under the 5s load balancers need to stop routing to it.',
          line: 19,
          column: 13,
        },
      ],
    },
    {
      name: 'StatefulSet of three with a port',
      code: statefulSet.replace('  serviceName: db\n', '  replicas: 3\n  serviceName: db\n').replace('postgres:16', 'ghcr.io/acme/search:3.1').replace('{containerPort: 5432, name: pg}', '{containerPort: 9200, name: http}'),
      errors: [
        {
          messageId: 'missing',
          data: { name: 'db', reason: 'declares port http/9200', min: 5 },
          line: 15,
          column: 11,
          suggestions: suggestion(statefulSet.replace('  serviceName: db\n', '  replicas: 3\n  serviceName: db\n').replace('postgres:16', 'ghcr.io/acme/search:3.1').replace('{containerPort: 5432, name: pg}', '{containerPort: 9200, name: http}'), '          ports: [{containerPort: 9200, name: http}]\n', 10),
        },
      ],
    },
    {
      name: 'bare Pod selected by a Service; only the serving container is reported',
      code: selectedPod,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service web on port 80', min: 5 }, line: 11, column: 7, suggestions: suggestion(selectedPod, '      ports: [{containerPort: 80}]\n', 6) }],
    },
    {
      name: 'a Service with a metrics port and a client port: the reason names the client port',
      code: mixedService,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port http', min: 5 }, line: 14, column: 11, suggestions: suggestion(mixedService, twoPortsLast, 10) }],
    },
    {
      name: 'a ServiceMonitor that scrapes another port leaves the client port served',
      code: scrapedElsewhere,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port http', min: 5 }, line: 14, column: 11, suggestions: suggestion(scrapedElsewhere, twoPortsLast, 10) }],
    },
    {
      name: 'a Service port named telemetry is an ingest port (a collector receives on it), not a scrape',
      code: telemetryIngest,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port telemetry', min: 5 }, line: 14, column: 11, suggestions: suggestion(telemetryIngest, '          ports: [{name: telemetry, containerPort: 7000}]\n', 10) }],
    },
    {
      name: 'a port named webhook off 443 is not taken for an admission webhook: Git hosts call it through an ingress',
      code: gitWebhooks,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port webhook', min: 5 }, line: 14, column: 11, suggestions: suggestion(gitWebhooks, '          ports: [{name: webhook, containerPort: 7000}]\n', 10) }],
    },
    {
      name: 'a Deployment of one with the default surge: the new pod is ready before the old one stops',
      code: single(''),
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'declares port 8080', min: 5 }, line: 14, column: 11, suggestions: suggestion(single(''), '            - containerPort: 8080\n', 10) }],
    },
    {
      name: 'a StatefulSet of one that an autoscaler can scale out: other pods may serve while it stops',
      code: scaledStatefulSet,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'declares port 8080', min: 5 }, line: 15, column: 11, suggestions: suggestion(scaledStatefulSet, '            - containerPort: 8080\n', 10) }],
    },
    {
      name: 'a webhook configuration names another Service: this one takes client traffic',
      code: otherWebhook,
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'selected by Service api on port 8080', min: 5 }, line: 14, column: 11, suggestions: suggestion(otherWebhook, twoPortsLast, 10) }],
    },
    {
      name: 'a grace period commented for another reason does not excuse the missing delay',
      code: drainingGrace('batch uploads can take two minutes'),
      errors: [{ messageId: 'missing', data: { name: 'web', reason: 'declares port 8080', min: 5 }, line: 14, column: 11, suggestions: suggestion(drainingGrace('batch uploads can take two minutes'), '            - containerPort: 8080\n', 10) }],
    },
    {
      name: 'a CronJob selected by a Service is served',
      code: cronJob,
      errors: [{ messageId: 'missing', data: { name: 'report', reason: 'selected by Service report, whose port 80 no container declares', min: 5 }, line: 15, column: 15, suggestions: suggestion(cronJob, '              image: ghcr.io/acme/report:1.0\n', 14) }],
    },
    {
      name: 'a Service targets one container by port name: only that one serves, whatever the others declare',
      code: twoContainers + namedService,
      errors: [
        {
          messageId: 'missing',
          data: { name: 'web', reason: 'selected by Service api on port http', min: 5 },
          line: 14,
          column: 11,
          suggestions: suggestion(twoContainers + namedService, '          ports: [{name: http, containerPort: 8080}]\n', 10),
        },
      ],
    },
    {
      name: 'a native sidecar that the Service targets serves',
      code: sidecarPod + namedService.replace('targetPort: http', 'targetPort: 8443'),
      errors: [
        {
          messageId: 'missing',
          data: { name: 'tls', reason: 'selected by Service api on port 8443', min: 5 },
          line: 19,
          column: 11,
          suggestions: suggestion(sidecarPod + namedService.replace('targetPort: http', 'targetPort: 8443'), '          ports: [{containerPort: 8443}]\n', 10),
        },
      ],
    },
    {
      name: 'an existing lifecycle gets the preStop beside its postStart; before 1.30 the suggestion is an exec sleep',
      code: deployment(`${withPort}          lifecycle:
            postStart: {exec: {command: [warm-up]}}
`),
      settings: { kubernetesVersion: '1.29' },
      errors: [
        {
          messageId: 'missing',
          line: 18,
          column: 11,
          suggestions: [
            {
              desc: 'Add a preStop sleep of 5s',
              output: deployment(`${withPort}          lifecycle:
            postStart: {exec: {command: [warm-up]}}
            preStop:
              exec:
                command:
                  - sleep
                  - "5"
`),
            },
          ],
        },
      ],
    },
  ],
});
