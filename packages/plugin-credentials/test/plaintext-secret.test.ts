import { RuleTester, workload } from '@kubelore/rule-tester';
import * as assert from 'uvu/assert';
import { Linter } from '@kubelore/core';
import { test } from 'uvu';
import rule from '../src/rules/plaintext-secret.js';
import { detectSecret, exampleSecrets, looksSecretName, mayHoldCredential } from '../src/detectors.js';

const env = (name: string, value: string) => `- name: app\n  image: x\n  env:\n    - name: ${name}\n      value: ${JSON.stringify(value)}\n`;
const configMap = (key: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  ${key}: ${JSON.stringify(value)}\n`;
const [awsId, awsSecret, pem, github, , , jwt, urlPassword, , random] = exampleSecrets();
const AWS_DOCS_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const configFile = (file: string, lines: string[]) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  ${file}: |\n${lines.map((line) => `    ${line}`).join('\n')}\n`;
const secretFile = (file: string, lines: string[]) => configFile(file, lines).replace('kind: ConfigMap', 'kind: Secret').replace('\ndata:', '\nstringData:');
const stringData = (entries: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n${entries}`;
// Built from parts so this file holds no key a scanner would flag.
const SSH2_KEY = ['---- BEGIN SSH2 ENCRYPTED', 'PRIVATE KEY ----'].join(' ') + '\n' + 'AAAAB3NzaC1yc2EAAAADAQABAAABAQC7'.repeat(3) + '\n---- END SSH2 ENCRYPTED PRIVATE KEY ----';
const PEM_FRAME = ['-----BEGIN OPENSSH', 'PRIVATE KEY-----'].join(' ') + '\n...\n-----END OPENSSH PRIVATE KEY-----';

// env value: line 17 column 22 in a Deployment/StatefulSet/DaemonSet.
new RuleTester().run('credentials/plaintext-secret', rule, {
  valid: [
    { name: 'a reference to a variable', code: workload('Deployment', env('DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)')) },
    { name: 'a placeholder', code: workload('Deployment', env('API_TOKEN', '<token>')) },
    { name: 'a low-entropy value under a secret name is secret-env-literal\'s finding', code: workload('Pod', env('DB_PASSWORD', 'hunter2')) },
    { name: 'a URL without a password', code: workload('CronJob', env('DATABASE_URL', 'postgres://app@db.example.com/app')) },
    { name: 'a 40-character hash under an ordinary name', code: configMap('commit', 'a3f1c2d4e5b6a7980a1b2c3d4e5f6a7b8c9d0e1f') },
    { name: 'a path to a key file under a credentials name', code: workload('Deployment', env('GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json')) },
    { name: 'configuration in stringData (a repository URL)', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: repo}\nstringData:\n  url: https://github.com/acme/deploy\n  type: git\n' },
    { name: 'an image digest', code: workload('Deployment', env('IMAGE_DIGEST', 'sha256:' + 'a3f1c2d4e5b6a7980a1b2c3d4e5f6a7b'.repeat(2))) },
    {
      name: "a volume's name under a token name is where the token is mounted (Kuma's annotation on Kong)",
      code: workload('Deployment', env('LOG_LEVEL', 'info')).replace('metadata:\n', 'metadata:\n  annotations: {kuma.io/service-account-token-volume: kong-serviceaccount-token}\n'),
    },
    { name: 'a UUID under an id name', code: workload('Deployment', env('SESSION_TOKEN_ID', '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b')) },
    { name: 'base64 of ordinary config in a Secret', code: `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  settings: ${btoa('LOG_LEVEL=debug\nWORKERS=4\n')}\n` },
    { name: 'a valueFrom reference', code: workload('Deployment', '- name: app\n  image: x\n  env:\n    - name: API_TOKEN\n      valueFrom: {secretKeyRef: {name: api, key: token}}\n') },
    { name: 'a Secret without stringData', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n' },
    {
      name: 'ConfigMap switches, user names, URLs, patterns and references are not credentials',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  ENABLE_SECRET_ENV_FILTERING: "true"\n  MYSQL_ALLOW_EMPTY_PASSWORD: "1"\n  DB_USER: admin\n  tokenURL: https://auth.acme.io/token\n  OIDC_TOKEN_ENDPOINT: https://auth.acme.io/token\n  passwordPattern: "^.{8,32}$"\n  DB_PASSWORD_FILE: /run/secrets/db\n  API_TOKEN: ${API_TOKEN}\n',
    },
    {
      name: 'a flag that names a Secret as namespace/name is a reference, whatever its letters look like',
      code: workload('Deployment', '- name: app\n  image: x\n  args: [-basic-auth-secret=monitoring-system/connector-basic-auth, --tls-secret, ingress/wildcard-tls]\n'),
    },
    {
      name: 'names of Secrets and namespaces under secret-looking keys, substitution markers and env references in config files',
      code:
        configFile('tracing.yaml', ['credentialsSecret: "tracing-creds"', 'existing-secret: db-auth', 'api-token-secret-namespace: "default"', 'imagePullSecret: registry.acme.io']) +
        '---\n' +
        configFile('cni.json', ['{"type": "calico", "k8s_auth_token": "__SERVICEACCOUNT_TOKEN__", "etcd_key": "@ETCD_KEY@"}']) +
        '---\n' +
        configFile('output.conf', ['output {', '  elasticsearch {', '    user => "elastic"', '    password => "${ES_PASSWORD}"', '  }', '}']),
    },
    {
      name: 'placeholders in stringData: instructions, slot names, references, a key frame without key material',
      code: stringData(`  password: my-password\n  bearerToken: YOUR_API_TOKEN\n  rootPassword: CHANGE_ME\n  token: <token>\n  dbPassword: \${DB_PASSWORD}\n  HF_TOKEN: HF_TOKEN\n  sshPrivateKey: |\n    ${PEM_FRAME.split('\n').join('\n    ')}\n`),
    },
    {
      name: 'a configuration file: comments, references, paths, code and label keys hold no credential',
      code: configFile('app.yaml', ['# password: hunter2-example', 'database:', '  user: app', '  password: ${DB_PASSWORD}', '  password_file: /run/secrets/db', 'selector:', '  - key: kubernetes.io/metadata.name', 'sort_key: created_at']),
    },
    { name: 'source code reads its token from the environment', code: configFile('model.py', ['token=os.environ["HF_TOKEN"]', 'tokenizer=AutoTokenizer.from_pretrained(model_id, token=token)']) },
    { name: 'an access key beside its secret key is the user name', code: secretFile('objstore.yml', ['type: s3', 'config:', '  access_key: thanos', '  secret_key: ${S3_SECRET_KEY}']) },
  ],
  invalid: [
    {
      name: 'Deployment: an AWS access key id in env',
      code: workload('Deployment', env('AWS_ACCESS_KEY_ID', awsId!.value)),
      errors: [
        {
          messageId: 'found',
          message:
            'An AWS access key id in env "AWS_ACCESS_KEY_ID" of container "app". Move it to a Secret kept out of git (External Secrets, Sealed Secrets, SOPS) and rotate it; the value is not shown here.',
          line: 17,
          column: 22,
        },
      ],
    },
    {
      name: "AWS's documentation key is still reported, with a note",
      code: workload('StatefulSet', env('AWS_ACCESS_KEY_ID', AWS_DOCS_ID)),
      errors: [
        {
          messageId: 'found',
          message:
            'An AWS access key id in env "AWS_ACCESS_KEY_ID" of container "app" (AWS\'s documentation example key: replace it anyway, example keys teach people to paste real ones). Move it to a Secret kept out of git (External Secrets, Sealed Secrets, SOPS) and rotate it; the value is not shown here.',
          line: 17,
          column: 22,
        },
      ],
    },
    {
      name: 'DaemonSet: a secret access key in args, named by the flag before it',
      code: workload('DaemonSet', `- name: app\n  image: x\n  args: [--aws-secret-key, ${JSON.stringify(awsSecret!.value)}]\n`),
      errors: [{ messageId: 'found', data: { kind: 'An AWS secret access key', where: 'args[1] of container "app"', note: '' }, line: 15, column: 36 }],
    },
    {
      name: 'CronJob: a password in a URL in command',
      code: workload('CronJob', `- name: app\n  image: x\n  command: [psql, ${JSON.stringify(urlPassword!.value)}]\n`),
      errors: [{ messageId: 'found', data: { kind: 'A password inside a URL', where: 'command[1] of container "app"', note: '' }, line: 16, column: 31 }],
    },
    {
      name: 'a private key in a ConfigMap',
      code: configMap('tls.key', pem!.value),
      errors: [{ messageId: 'found', data: { kind: 'A private key', where: 'ConfigMap data "tls.key"', note: '' }, line: 6, column: 12 }],
    },
    {
      name: 'a GitHub token in an annotation',
      code: `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    ci/token: ${github!.value}\nspec: {ports: [{port: 80}]}\n`,
      errors: [{ messageId: 'found', data: { kind: 'A GitHub token', where: 'annotation "ci/token"', note: '' }, line: 6, column: 15 }],
    },
    {
      name: 'a JWT in base64 Secret data, and stringData in clear',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: session\ndata:\n  jwt: ${btoa(jwt!.value)}\nstringData:\n  password: ${random!.value}\n`,
      errors: [
        { messageId: 'found', data: { kind: 'A JSON Web Token', where: 'Secret data "jwt" (base64 is an encoding, not encryption)', note: '' }, line: 6, column: 8 },
        {
          messageId: 'stringData',
          message:
            'Secret "session" holds "password" in clear in `stringData`: anyone who can read the repository can read it. Keep Secrets out of git (Sealed Secrets, External Secrets, SOPS); the value is not shown here.',
          line: 8,
          column: 13,
        },
      ],
    },
    {
      name: 'a password in a YAML file of a ConfigMap, at its line inside the block scalar',
      code: configFile('app.yaml', ['# the database', 'database:', '  user: app', '  password: Tr0ub4dor-3 # rotate me']),
      errors: [{ messageId: 'found', data: { kind: 'A password', where: '"password" of ConfigMap data "app.yaml"', note: '' }, line: 10, column: 17, endLine: 10, endColumn: 28 }],
    },
    {
      name: 'a Logstash `=>` pair with a literal password; a secret value under a name that is not a Secret object',
      code:
        configFile('output.conf', ['output {', '  elasticsearch {', '    password => "Tr0ub4dor-3"', '  }', '}']) +
        '---\n' +
        configFile('oidc.yaml', ['clientSecret: password', 'credentialsSecret: Qx7vLp2mZr9TkW4bNs8d']) +
        '---\n' +
        workload('Deployment', '- name: app\n  image: x\n  args: [-auth-secret=Zr9Tk/W4bNs8dQx7vLp2mZr9TkW4bNs8d]\n'),
      errors: [
        { messageId: 'found', data: { kind: 'A password', where: '"password" of ConfigMap data "output.conf"', note: '' }, line: 9, column: 22, endLine: 9, endColumn: 33 },
        { messageId: 'found', data: { kind: 'A well-known default password', where: '"clientSecret" of ConfigMap data "oidc.yaml"', note: '' }, line: 19, column: 19 },
        { messageId: 'found', data: { kind: 'A random-looking secret', where: '"credentialsSecret" of ConfigMap data "oidc.yaml"', note: '' }, line: 20, column: 24 },
        { messageId: 'found', data: { kind: 'A random-looking secret', where: 'args[0] of container "app"', note: '' }, line: 36, column: 18 },
      ],
    },
    {
      name: 'INI, TOML, properties and JSON files; a bearer token in a header',
      code:
        configFile('client.ini', ['[oauth]', 'client_secret = 9f8e7d6c5b4a', 'client_id = app']) +
        '---\n' +
        configFile('prometheus.toml', ['bearer_token = "p4ss-w0rd-t0ken"']) +
        '---\n' +
        configFile('application.properties', ['spring.datasource.password=Kw9-xyzzy']) +
        '---\n' +
        configFile('auth.json', ['{"user": "app", "apiToken": "tok-4f2a9c"}']) +
        '---\n' +
        configFile('headers.txt', ['Authorization: Bearer a8f3k2m9q7w1x5z4']),
      errors: [
        { messageId: 'found', data: { kind: 'A secret', where: '"client_secret" of ConfigMap data "client.ini"', note: '' }, line: 8, column: 21, endColumn: 33 },
        { messageId: 'found', data: { kind: 'A token', where: '"bearer_token" of ConfigMap data "prometheus.toml"', note: '' }, line: 17, column: 21, endColumn: 36 },
        { messageId: 'found', data: { kind: 'A password', where: '"spring.datasource.password" of ConfigMap data "application.properties"', note: '' }, line: 25, column: 32, endColumn: 41 },
        { messageId: 'found', data: { kind: 'A token', where: '"apiToken" of ConfigMap data "auth.json"', note: '' }, line: 33, column: 34, endColumn: 44 },
        { messageId: 'found', data: { kind: 'A random-looking secret', where: '"Authorization: Bearer" of ConfigMap data "headers.txt"', note: '' }, line: 41, column: 27, endColumn: 43 },
      ],
    },
    {
      name: 'weak real passwords: a default in env, in a one-line ConfigMap value, in stringData and in a file in stringData',
      code:
        workload('Deployment', env('DB_PASSWORD', 'admin')) +
        '---\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  RABBITMQ_PASSWORD: guest\n' +
        '---\n' +
        stringData('  password: changeme\n') +
        '---\n' +
        secretFile('alertmanager.yml', ['global:', '  smtp_auth_password: password']),
      errors: [
        { messageId: 'found', data: { kind: 'A well-known default password', where: 'env "DB_PASSWORD" of container "app"', note: '' }, line: 17, column: 22 },
        { messageId: 'found', data: { kind: 'A well-known default password', where: 'ConfigMap data "RABBITMQ_PASSWORD"', note: '' }, line: 23, column: 22 },
        { messageId: 'stringData', data: { name: 'db', key: 'password' }, line: 29, column: 13 },
        { messageId: 'found', data: { kind: 'A well-known default password', where: '"smtp_auth_password" of Secret stringData "alertmanager.yml"', note: '' }, line: 38, column: 27 },
      ],
    },
    {
      name: 'a private key whose header has another run of dashes',
      code: configMap('id_ssh2', SSH2_KEY),
      errors: [{ messageId: 'found', data: { kind: 'A private key', where: 'ConfigMap data "id_ssh2"', note: '' }, line: 6, column: 12 }],
    },
    {
      name: 'the same random-looking value under a token name that does not end in a reference word',
      code: `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    mesh.example.com/service-account-token: ${random!.value}\nspec: {ports: [{port: 80}]}\n`,
      errors: [{ messageId: 'found', data: { kind: 'A random-looking secret', where: 'annotation "mesh.example.com/service-account-token"', note: '' }, line: 6, column: 45 }],
    },
    {
      name: 'Pod: a random-looking value under a secret name',
      code: workload('Pod', env('API_TOKEN', random!.value)),
      errors: [{ messageId: 'found', data: { kind: 'A random-looking secret', where: 'env "API_TOKEN" of container "app"', note: '' }, line: 12, column: 18 }],
    },
  ],
});

test('no detector lets the value reach a message', () => {
  const plugin = { meta: { name: 'credentials' }, rules: { 'plaintext-secret': rule } };
  for (const secret of exampleSecrets()) {
    const code = workload('Deployment', env(secret.name, secret.value)) + '---\n' + configMap(secret.name, secret.value);
    const result = new Linter().lintText(code, [{ plugins: { credentials: plugin }, rules: { 'credentials/plaintext-secret': 'error' } }]);
    assert.is(result.messages.length, 2, `${secret.detector} is found in env and in the ConfigMap: ${JSON.stringify(result.messages.map((m) => m.message))}`);
    const output = JSON.stringify(result);
    for (const line of secret.value.split('\n')) assert.not.ok(output.includes(line), `${secret.detector}: value in the output`);
  }
});

test('a configuration text is read for credentials unless it holds nothing a detector or a secret name can match', () => {
  const plugin = { meta: { name: 'credentials' }, rules: { 'plaintext-secret': rule } };
  const lint = (code: string) => new Linter().lintText(code, [{ plugins: { credentials: plugin }, rules: { 'credentials/plaintext-secret': 'error' } }]).messages;
  for (const secret of exampleSecrets()) {
    // Under the detector's own name, and under keys that name nothing (where only some values tell).
    for (const key of [secret.name, 'value', 'x']) {
      const lines = ['settings:', `  ${key}: ${JSON.stringify(secret.value)}`];
      const found = lint(configFile('app.yaml', lines)).length;
      if (key === secret.name) assert.is(found, 1, secret.detector);
      if (found > 0) assert.ok(mayHoldCredential(lines.join('\n')), `${secret.detector} under ${key}`);
    }
  }
  // What checkConfig reports needs a detector's match or a secret-looking key: the text then passes.
  const names = ['value', 'x', 'DB_PASSWORD', 'client_secret', 'apiKey', 'auth-token', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'key', 'user_key', 'Credentials'];
  const values = [...exampleSecrets().map((secret) => secret.value), 'changeme', 'hunter2-Xq9', 'q8Zr2LmW9vXk4TnB7pYsQ', 'plain'];
  for (const name of names) {
    for (const value of values) {
      if (detectSecret(value, name) || looksSecretName(name, true)) assert.ok(mayHoldCredential(`${name}: ${value}`), `${name}: ${value}`);
    }
  }
  assert.ok(mayHoldCredential('Authorization: Bearer abcdef'));
  assert.ok(mayHoldCredential('db = postgres://app:pw@db'));
  const dashboard = ['{', '  "panels": [{ "color": "#7EB26D", "expr": "sum(rate(http_requests_total[5m]))" }],', '  "title": "Requests"', '}'];
  assert.not.ok(mayHoldCredential(dashboard.join('\n')));
  assert.is(lint(configFile('dashboard.json', dashboard)).length, 0);
  assert.is(lint(configFile('dashboard.json', [...dashboard.slice(0, 3), '  ,"password": "hunter2-Xq9"', '}'])).length, 1);
});

test.run();
