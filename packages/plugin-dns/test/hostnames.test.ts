import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configNames, dotsIn, endpointNames, hostnamesIn, isInternalOrQualified, namesEndpoint } from '../src/hostnames.js';

/** Each name with the text it covers, so offsets are checked too. */
const located = (text: string, found: Array<{ name: string; start: number; end: number }>) => found.map((n) => [n.name, text.slice(n.start, n.end)]);

test('hosts of URLs, with credentials, ports and paths, at their offsets', () => {
  const url = 'https://elastic.spain.adevinta.com:9200/_search';
  assert.equal(located(url, endpointNames(url)), [['elastic.spain.adevinta.com', 'elastic.spain.adevinta.com']]);
  const withUser = 'postgres://app:pw@db.internal.acme.io/app';
  assert.equal(endpointNames(withUser).map((n) => withUser.slice(n.start, n.end)), ['db.internal.acme.io']);
  // Cluster names end in the cluster domain, not a public suffix: never external.
  assert.equal(hostnamesIn('amqp://rabbitmq.messaging.svc.cluster.local:5672'), []);
});

test('JDBC URLs, git remotes in scp form, lists and --flag= values', () => {
  assert.equal(hostnamesIn('jdbc:postgresql://db.prod.acme.io:5432/app?ssl=true'), ['db.prod.acme.io']);
  assert.equal(hostnamesIn('jdbc:mysql://mysql.eu-west-1.rds.amazonaws.com/orders'), ['mysql.eu-west-1.rds.amazonaws.com']);
  assert.equal(hostnamesIn('git@github.com:acme/deploy.git'), ['github.com']);
  assert.equal(hostnamesIn('kafka-1.acme.io:9092,kafka-2.acme.io:9092'), ['kafka-1.acme.io', 'kafka-2.acme.io']);
  const flag = '--api=https://api.stripe.com/v1';
  assert.equal(located(flag, endpointNames(flag)), [['api.stripe.com', 'api.stripe.com']]);
  assert.equal(hostnamesIn('-Dlog.level=info -Dupstream.url=https://api.stripe.com'), ['api.stripe.com']);
});

test('a bare name counts only under a key that names an endpoint', () => {
  assert.equal(hostnamesIn('dynamodb.eu-west-1.amazonaws.com', 'DYNAMODB_ENDPOINT'), ['dynamodb.eu-west-1.amazonaws.com']);
  assert.equal(hostnamesIn('--endpoint=sqs.us-east-1.amazonaws.com'), ['sqs.us-east-1.amazonaws.com']);
  assert.equal(hostnamesIn('smtp.sendgrid.net', 'SMTP_HOST'), ['smtp.sendgrid.net']);
  // A metric prefix, an attribute, a domain of identities: dotted, not resolved.
  assert.equal(hostnamesIn('--stackdriver-prefix=custom.googleapis.com'), []);
  assert.equal(hostnamesIn('service.instance.id', 'OTEL_RESOURCE_KEY'), []);
  assert.equal(hostnamesIn('acme.io', 'TRUST_DOMAIN'), []);
  assert.equal(hostnamesIn('dynamodb.eu-west-1.amazonaws.com', 'TABLE'), []);
});

test('not addresses: scripts, e-mail, identities, documentation names, addresses others resolve', () => {
  const cases: Array<[string, string?]> = [
    ['curl -fsSL https://nvidia.github.io/libnvidia-container/gpgkey | apt-key add -'],
    ['cd /home && git clone https://github.com/ijason/NodeJS-Sample-App.git demo'],
    ['alerts@acme.io', 'ALERT_EMAIL'],
    ['spiffe://acme.io/ns/default/sa/api', 'SPIFFE_ID'],
    ['https://api.example.com/v1', 'API_URL'],
    ['https://git.example.com/,https://gitlab.example.com/'],
    ['https://app.acme.io/oauth/callback', 'OAUTH_REDIRECT_URL'],
    ['https://grafana.acme.io', 'GF_SERVER_ROOT_URL'],
    ['https://docs.acme.io/runbooks/api', 'RUNBOOK_URL'],
    ['"10.0.0.12:9200 /etc/app/config.yaml"'],
    ['http://[::1]:80/'],
    ['http://127.0.0.1:8080/healthz'],
    ['redis://redis.cache:6379'],
    ['com.example.Main'],
  ];
  for (const [value, key] of cases) assert.equal(hostnamesIn(value, key), [], `${value} under ${key ?? '(no key)'}`);
});

test('keys that name an endpoint', () => {
  for (const key of ['DB_HOST', 'bootstrap.servers', 'oauth.token.endpoint.uri', 'apiServerAddress', 'upstream', 'targets', 'proxy_pass']) assert.ok(namesEndpoint(key), key);
  for (const key of ['trust_domain', 'email', 'redirect_uri', 'ssh_known_hosts', 'externalUrl', 'name', 'LOG_LEVEL']) assert.not.ok(namesEndpoint(key), key);
});

test('configuration files: only values under endpoint keys, never comments, at their offsets', () => {
  const yaml = [
    '# See https://docs.acme.io/config for every option',
    'exporters:',
    '  otlp:',
    '    endpoint: otel.eu.acme.io:4317 # the collector',
    'processors:',
    '  resource:',
    '    attributes:',
    '      - key: k8s.pod.ip',
    '      - key: service.instance.id',
    'trust_domain: acme.io',
    'admin_email: ops@acme.io',
    'brokers:',
    '  - kafka-1.acme.io:9092',
    '  - "kafka-2.acme.io:9092"',
    'targets: [node-1.acme.io:9100, node-2.acme.io:9100]',
    '',
  ].join('\n');
  assert.equal(located(yaml, configNames(yaml)), [
    ['otel.eu.acme.io', 'otel.eu.acme.io'],
    ['kafka-1.acme.io', 'kafka-1.acme.io'],
    ['kafka-2.acme.io', 'kafka-2.acme.io'],
    ['node-1.acme.io', 'node-1.acme.io'],
    ['node-2.acme.io', 'node-2.acme.io'],
  ]);
  const ini = '; https://docs.acme.io\n[client]\nhost = "db.prod.acme.io"\nuser = app\n';
  assert.equal(located(ini, configNames(ini)), [['db.prod.acme.io', 'db.prod.acme.io']]);
  const properties = 'security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required oauth.token.endpoint.uri="https://oauth2.googleapis.com/token";\n';
  assert.equal(configNames(properties).map((n) => n.name), ['oauth2.googleapis.com']);
  const json = '{\n  "apiUrl": "https://api.stripe.com",\n  "docs": "https://stripe.com/docs"\n}\n';
  assert.equal(located(json, configNames(json)), [['api.stripe.com', 'api.stripe.com']]);
  const nginx = 'upstream api {\n  server api-1.acme.io:8080;\n}\nlocation / {\n  proxy_pass https://api-2.acme.io;\n}\n';
  assert.equal(configNames(nginx).map((n) => n.name), ['api-1.acme.io', 'api-2.acme.io']);
  const knownHosts = 'bitbucket.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63\n[ssh.github.com]:443 ssh-rsa AAAAB3\n';
  assert.equal(configNames(knownHosts), []);
});

test('configuration text read only where a name can be: lines with a dot, and the keys that lines ending in `:` open', () => {
  // No line ends in `:`: no key is ever open, and the lines without a dot are not read (a dashboard's colours are not comments).
  const dashboard = '{\n  "color": "#7EB26D",\n  "targets": [\n    { "url": "https://prom.acme.io/api" }\n  ],\n  "server": "db.acme.io"\n}';
  assert.equal(located(dashboard, configNames(dashboard)), [['prom.acme.io', 'prom.acme.io'], ['db.acme.io', 'db.acme.io']]);
  // A key ending its line (after its comment) opens a block, through lines without a dot.
  const yaml = 'kafka: # the brokers\n  bootstrap:\n    servers:\n      - kafka-1.acme.io:9092\n  other: x\n- b.acme.io\n';
  assert.equal(located(yaml, configNames(yaml)), [['kafka-1.acme.io', 'kafka-1.acme.io']]);
  assert.equal(configNames('host: db # acme.io\n'), []);
  assert.equal(configNames(''), []);
});

test('dots and internal names', () => {
  assert.is(dotsIn('api.acme.io'), 2);
  assert.is(dotsIn('api.acme.io.'), 2);
  assert.ok(isInternalOrQualified('api.acme.io.', 'cluster.local', []));
  assert.ok(isInternalOrQualified('redis.cache.svc', 'cluster.local', []));
  assert.ok(isInternalOrQualified('redis.cache.svc.cluster.local', 'cluster.local', []));
  assert.ok(isInternalOrQualified('redis.cache.svc.k8s.acme', 'k8s.acme', []));
  assert.ok(isInternalOrQualified('vault.corp.acme.com', 'cluster.local', ['corp.acme.com']));
  assert.not.ok(isInternalOrQualified('api.acme.io', 'cluster.local', []));
});

test.run();
