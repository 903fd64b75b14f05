import { RuleTester, workload } from '@kubelore/rule-tester';
import * as assert from 'uvu/assert';
import { Linter } from '@kubelore/core';
import { test } from 'uvu';
import rule from '../src/rules/plaintext-secret.js';
import { exampleSecrets } from '../src/detectors.js';

const env = (name: string, value: string) => `- name: app\n  image: x\n  env:\n    - name: ${name}\n      value: ${JSON.stringify(value)}\n`;
const configMap = (key: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  ${key}: ${JSON.stringify(value)}\n`;
const [awsId, awsSecret, pem, github, , , jwt, urlPassword, random] = exampleSecrets();
const AWS_DOCS_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');

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
    { name: 'a UUID under an id name', code: workload('Deployment', env('SESSION_TOKEN_ID', '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b')) },
    { name: 'base64 of ordinary config in a Secret', code: `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  settings: ${btoa('LOG_LEVEL=debug\nWORKERS=4\n')}\n` },
    { name: 'a valueFrom reference', code: workload('Deployment', '- name: app\n  image: x\n  env:\n    - name: API_TOKEN\n      valueFrom: {secretKeyRef: {name: api, key: token}}\n') },
    { name: 'a Secret without stringData', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n' },
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

test.run();
