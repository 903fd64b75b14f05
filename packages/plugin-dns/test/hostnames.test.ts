import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dotsIn, hostnamesIn, isInternalOrQualified } from '../src/hostnames.js';

test('hosts of URLs, with credentials, ports and paths', () => {
  assert.equal(hostnamesIn('https://elastic.spain.adevinta.com:9200/_search'), ['elastic.spain.adevinta.com']);
  assert.equal(hostnamesIn('postgres://app:pw@db.internal.example.org/app'), ['db.internal.example.org']);
  // Cluster names end in the cluster domain, not a public suffix: never external.
  assert.equal(hostnamesIn('amqp://rabbitmq.messaging.svc.cluster.local:5672'), []);
});

test('JDBC URLs, user@host and git remotes', () => {
  assert.equal(hostnamesIn('jdbc:postgresql://db.prod.example.org:5432/app?ssl=true'), ['db.prod.example.org']);
  assert.equal(hostnamesIn('jdbc:mysql://mysql.eu-west-1.rds.amazonaws.com/orders'), ['mysql.eu-west-1.rds.amazonaws.com']);
  assert.equal(hostnamesIn('git@github.com:acme/deploy.git'), ['github.com']);
  assert.equal(hostnamesIn('ssh deploy@bastion.example.com'), ['bastion.example.com']);
});

test('host:port pairs and whole-value names, also after --flag=', () => {
  assert.equal(hostnamesIn('metrics.eu-west-1.example.net:8125'), ['metrics.eu-west-1.example.net']);
  assert.equal(hostnamesIn('dynamodb.eu-west-1.amazonaws.com'), ['dynamodb.eu-west-1.amazonaws.com']);
  assert.equal(hostnamesIn('--endpoint=sqs.us-east-1.amazonaws.com'), ['sqs.us-east-1.amazonaws.com']);
  assert.equal(hostnamesIn('a.example.com,b.example.com'), ['a.example.com', 'b.example.com']);
});

test('not hosts: IPs, files, Java classes, label keys, versions, single labels', () => {
  for (const text of ['10.0.0.12:8080', 'config.yaml', 'run.sh', 'com.example.Main', 'app.kubernetes.io/name', '1.2.3', 'redis', 'http://[::1]:80/', 'http://[2001:db8::1]:8080/', '2001:db8::1', 'log4j.properties', 'http://127.0.0.1:8080/healthz', 'redis://redis.cache:6379']) {
    assert.equal(hostnamesIn(text), [], text);
  }
});

test('dots and internal names', () => {
  assert.is(dotsIn('api.example.com'), 2);
  assert.is(dotsIn('api.example.com.'), 2);
  assert.ok(isInternalOrQualified('api.example.com.', 'cluster.local', []));
  assert.ok(isInternalOrQualified('redis.cache.svc', 'cluster.local', []));
  assert.ok(isInternalOrQualified('redis.cache.svc.cluster.local', 'cluster.local', []));
  assert.ok(isInternalOrQualified('redis.cache.svc.k8s.acme', 'k8s.acme', []));
  assert.ok(isInternalOrQualified('vault.corp.acme.com', 'cluster.local', ['corp.acme.com']));
  assert.not.ok(isInternalOrQualified('api.example.com', 'cluster.local', []));
});

test.run();
