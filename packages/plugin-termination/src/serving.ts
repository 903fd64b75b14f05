import { containersOf, isPlainObject, mappingsOf, type ContainerView, type PodView, type Resource, type ResourceIndex, type Settings } from '@kubelore/core';
import { applyScopeOf, applyUnits, isOneShotJob, replicaRange, type ApplyUnits } from '@kubelore/plugin-references';
import type { ContainerPort, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { isScrapedPort, isWebhookTarget } from './service-roles.js';

const BATCH_KINDS = new Set(['Job', 'CronJob']);

/**
 * Port names that say the port is for the platform, not for clients: metrics, health, admin, profiling
 * and debug endpoints. Matched anywhere in the name (`http-metrics`, `healthz`, `admin-ui`), except the
 * short words, which must stand alone between dashes (`prom`, `live`, `ready`, `probe`).
 */
const AUXILIARY_IN_NAME = /metric|health|admin|pprof|debug|profil|monitor|mgmt|management|prometheus|telemetry/;
const AUXILIARY_WORDS = new Set(['prom', 'live', 'liveness', 'ready', 'readiness', 'probe', 'probes', 'stats']);

/**
 * Unnamed port numbers conventionally used for the same: 6060 (Go's pprof), 8081 (controller-runtime's
 * health probes), 9090 (Prometheus, and the metrics port of many services), 9100-9187 (the common
 * exporters: node, statsd, mysqld, nginx, redis, CoreDNS metrics, postgres), 9901 and 19000 (Envoy
 * admin), 10254 (ingress-nginx metrics), 10257, 10258 and 10259 (the secure health and metrics ports of
 * kube-controller-manager, cloud-controller-manager and the descheduler, kube-scheduler), 15000, 15020
 * and 15090 (Istio's admin and metrics).
 */
export const AUXILIARY_PORTS: ReadonlySet<number> = new Set([6060, 8081, 9090, 9100, 9102, 9104, 9113, 9121, 9153, 9187, 9901, 10254, 10257, 10258, 10259, 15000, 15020, 15090, 19000]);

/** Whether a declared port is, by its name or (unnamed) its number, a metrics, health or admin port. */
export function isAuxiliaryPort(port: ContainerPort): boolean {
  if (typeof port.name === 'string' && port.name !== '') return isAuxiliaryName(port.name);
  return AUXILIARY_PORTS.has(Number(port.containerPort));
}

/** The ports a container declares, skipping malformed items. */
export const portsOf = (view: ContainerView): ContainerPort[] => mappingsOf<ContainerPort>(view.container.ports);

function describePort(port: ContainerPort): string {
  return typeof port.name === 'string' && port.name !== '' ? `${port.name}/${port.containerPort}` : String(port.containerPort);
}

/** The container `kubectl` picks by default: the annotated one, else the first regular container. */
function defaultContainer(pod: PodView, views: ContainerView[]): ContainerView | undefined {
  const annotated = pod.annotations['kubectl.kubernetes.io/default-container'];
  const regular = views.filter((view) => view.role === 'container');
  return regular.find((view) => view.name === annotated) ?? regular[0];
}

/** Whether a port name says the port is for the platform (metrics, health, admin, profiling). */
export function isAuxiliaryName(name: string): boolean {
  const lower = name.toLowerCase();
  return AUXILIARY_IN_NAME.test(lower) || lower.split(/[-_.]/).some((word) => AUXILIARY_WORDS.has(word));
}

/**
 * The narrower test for a port a Service targets: only names that say "scraped or probed" (metrics,
 * Prometheus, profiling, health, debug, probes). `telemetry`, `stats`, `monitor` and `admin` stay
 * served there: a telemetry collector's ingest port, a stats server, a management UI take real traffic.
 */
function isScrapeName(name: string): boolean {
  const lower = name.toLowerCase();
  return /metric|prometheus|pprof|profil|health|debug/.test(lower) || lower.split(/[-_.]/).some((word) => SCRAPE_WORDS.has(word));
}
const SCRAPE_WORDS = new Set(['prom', 'live', 'liveness', 'ready', 'readiness', 'probe', 'probes']);

function isWebhookName(name: unknown): boolean {
  return typeof name === 'string' && /webhook/i.test(name);
}

/** A Service named for metrics (`kube-state-metrics`, `controller-monitor-service`) carries only scrapes. */
function isMetricsService(name: string | undefined): boolean {
  return typeof name === 'string' && name.toLowerCase().split(/[-_.]/).some((word) => word === 'metrics' || word === 'metric' || word === 'monitor');
}

/**
 * Who calls a container: clients sending requests through load balancers, clients holding connections
 * to a database, cache or broker, or only the API server (webhooks).
 */
export type Callers = 'clients' | 'connections' | 'api-server';

interface Reasons {
  clients: Map<string, string>;
  connections: Map<string, string>;
  apiServer: Map<string, string>;
}

/**
 * The ports of databases, caches and brokers, by name (a word of it) or by their well-known number when
 * the port has no name: their clients hold connections open, which kube-proxy keeps on the old pod until
 * they close, so how long the pod waits before SIGTERM does not change what those clients see.
 */
const DATA_PORT_WORDS = new Set(['redis', 'sentinel', 'memcache', 'memcached', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mongo', 'mongodb', 'kafka', 'amqp', 'amqps', 'nats', 'zookeeper', 'zk', 'etcd', 'cassandra', 'cql']);
const DATA_PORT_NUMBERS = new Set([6379, 26379, 11211, 5432, 3306, 27017, 9092, 5672, 4222, 2181, 2379, 9042]);

function isDataPort(names: readonly unknown[], number: number | undefined): boolean {
  const named = names.filter((name): name is string => typeof name === 'string' && name !== '' && !/^\d+$/.test(name));
  if (named.length > 0) return named.some((name) => name.toLowerCase().split(/[-_.]/).some((word) => DATA_PORT_WORDS.has(word)));
  return number !== undefined && DATA_PORT_NUMBERS.has(number);
}

/** Why each container of a pod receives traffic, by `role:index`; containers that do not are absent. */
function reasonsFor(pod: PodView, index: ResourceIndex, units: ApplyUnits): Reasons {
  const reasons: Reasons = { clients: new Map(), connections: new Map(), apiServer: new Map() };
  const views = containersOf(pod).filter((view) => view.role === 'container' || view.sidecar);
  const key = (view: ContainerView) => `${view.role}:${view.index}`;
  const give = (view: ContainerView, reason: string, callers: Callers) => {
    const map = callers === 'api-server' ? reasons.apiServer : callers === 'connections' ? reasons.connections : reasons.clients;
    if (!map.has(key(view))) map.set(key(view), reason);
  };
  const services = index.servicesSelecting(pod).filter((service) => units.together(service, pod.resource));
  const withPorts = services.filter((service) => Array.isArray(service.object.spec?.ports) && service.object.spec!.ports!.length > 0);
  if (withPorts.length > 0) {
    for (const service of withPorts) {
      const serviceName = service.name ?? '(unnamed)';
      if (isMetricsService(service.name)) continue;
      for (const port of service.object.spec!.ports! as ServicePort[]) {
        if (!isPlainObject(port)) continue;
        const explicit = port.targetPort !== undefined && port.targetPort !== null && port.targetPort !== 0 && port.targetPort !== '0';
        const target = explicit ? port.targetPort! : port.port;
        const protocol = port.protocol ?? 'TCP';
        const named = typeof target === 'string' && !/^\d+$/.test(target);
        // Names decide what a targeted port is for; numbers do not (9090 is a metrics port or Prometheus' UI).
        if ((typeof port.name === 'string' && isScrapeName(port.name)) || (named && isScrapeName(target as string)) || isScrapedPort(service, port, index, units)) continue;
        // By name alone (the port's, its target's or the Service's: VPA's `vpa-webhook`, registered at run
        // time) only on 443, where the API server calls a webhook Service unless told otherwise; a `webhook`
        // port elsewhere (Argo CD's 7000) takes webhooks from Git hosts, through an ingress.
        const on443 = Number(port.port) === 443;
        const webhook = isWebhookTarget(service, port, index) || (on443 && (isWebhookName(port.name) || isWebhookName(service.name) || (named && isWebhookName(target))));
        const suffix = webhook ? ', an admission webhook the API server calls' : '';
        const callersOf = (declared?: ContainerPort): Callers =>
          webhook ? 'api-server' : isDataPort([port.name, target, declared?.name], Number(declared?.containerPort ?? target)) ? 'connections' : 'clients';
        if (named) {
          // A named port resolves to the container that declares it (name and protocol).
          for (const view of views) {
            const declared = portsOf(view).find((candidate) => candidate.name === target && (candidate.protocol ?? 'TCP') === protocol);
            if (declared) give(view, `selected by Service ${serviceName} on port ${target}${suffix}`, callersOf(declared));
          }
          continue;
        }
        const number = Number(target);
        const owners = views.filter((view) => portsOf(view).some((declared) => Number(declared.containerPort) === number));
        for (const view of owners) {
          const declared = portsOf(view).find((candidate) => Number(candidate.containerPort) === number)!;
          const declaredName = typeof declared.name === 'string' ? declared.name : '';
          if (declaredName !== '' && isScrapeName(declaredName)) continue;
          const called = webhook || (on443 && isWebhookName(declaredName));
          give(view, `selected by Service ${serviceName} on port ${number}${called ? ', an admission webhook the API server calls' : ''}`, called ? 'api-server' : callersOf(declared));
        }
        if (owners.length > 0) continue;
        // Nobody declares the number: it is one of the containers that declare nothing, or the main one.
        const silent = views.filter((view) => view.role === 'container' && portsOf(view).length === 0);
        const reason = `selected by Service ${serviceName}, whose port ${number} no container declares${suffix}`;
        if (silent.length > 0) for (const view of silent) give(view, reason, callersOf());
        else {
          const main = defaultContainer(pod, views);
          if (main) give(main, reason, callersOf());
        }
      }
    }
    return reasons;
  }
  // No Service applied with the pod picks a port. Jobs and bare Pods are reached only through one.
  if (BATCH_KINDS.has(pod.resource.kind) || pod.resource.kind === 'Pod') return reasons;
  // Where the pod's folder or Kustomization writes Services for its own pods, one that none selects is not served.
  if (withUnitServices(index, units, pod.resource.namespace)(pod.resource)) return reasons;
  // Otherwise its declared ports say whether it serves.
  for (const view of views) {
    if (view.role !== 'container') continue; // a sidecar's ports serve only when a Service targets them
    const serving = portsOf(view).find((port) => !isAuxiliaryPort(port) && !isWebhookName(port.name));
    if (serving) give(view, `declares port ${describePort(serving)}`, isDataPort([serving.name], Number(serving.containerPort)) ? 'connections' : 'clients');
  }
  return reasons;
}

/**
 * Whether a Service with a selector and ports is applied with an object, among the Services of
 * `namespace` (as `ofKind` takes it). Built once per run, units and namespace: asked per pod, a scan of
 * the namespace's Services was most of the time of the rules that ask why a container serves.
 */
function withUnitServices(index: ResourceIndex, units: ApplyUnits, namespace: string | undefined): (resource: Resource) => boolean {
  const cache = index.memo('termination/serving:unit-services', () => new WeakMap<ApplyUnits, Map<string | undefined, (resource: Resource) => boolean>>());
  let byNamespace = cache.get(units);
  if (!byNamespace) cache.set(units, (byNamespace = new Map()));
  let test = byNamespace.get(namespace);
  if (!test) {
    const services = index
      .ofKind<Service>('Service', namespace)
      .filter((service) => isPlainObject(service.object.spec?.selector) && Array.isArray(service.object.spec?.ports) && service.object.spec!.ports!.length > 0);
    byNamespace.set(namespace, (test = units.togetherWithAny(services)));
  }
  return test;
}

function cachedReasons(pod: PodView, index: ResourceIndex, units: ApplyUnits): Reasons {
  // Per run (a memo), not per units: an editor keeps the units while the Services around a pod change.
  const cache = index.memo('termination/serving:reasons', () => new WeakMap<ApplyUnits, WeakMap<PodView, Reasons>>());
  let byPod = cache.get(units);
  if (!byPod) cache.set(units, (byPod = new WeakMap()));
  let reasons = byPod.get(pod);
  if (!reasons) byPod.set(pod, (reasons = reasonsFor(pod, index, units)));
  return reasons;
}

/**
 * Why a container receives traffic, or undefined when it does not. A Service applied with its pod
 * targets one of its ports (by number or name; a number nobody declares goes to the containers that
 * declare no ports, else to the main container), unless the port is for the platform: named for
 * metrics, health or profiling, scraped by a ServiceMonitor, or on a Service named for metrics.
 * Without such a Service, a long-running workload's regular container that declares a port that is
 * not a platform port serves, unless Services applied with it select other pods. Sidecars serve only
 * when a Service targets them; Jobs, CronJobs and bare Pods only through a Service.
 * `callers: 'clients'` keeps only load-balanced requests: it leaves out the ports only the API server
 * calls (admission and conversion webhooks) and those of databases, caches and brokers.
 */
export function servingReason(view: ContainerView, index: ResourceIndex, settings: Settings, callers: Callers | 'any' = 'any'): string | undefined {
  if (view.role !== 'container' && !view.sidecar) return undefined;
  const reasons = cachedReasons(view.pod, index, applyUnits(index, applyScopeOf(settings)));
  const key = `${view.role}:${view.index}`;
  if (callers !== 'any') return reasons[callers === 'api-server' ? 'apiServer' : callers].get(key);
  return reasons.clients.get(key) ?? reasons.connections.get(key) ?? reasons.apiServer.get(key);
}

/** Whether any container of the pod receives traffic. */
export function isServed(pod: PodView, index: ResourceIndex, settings: Settings): boolean {
  const reasons = cachedReasons(pod, index, applyUnits(index, applyScopeOf(settings)));
  return reasons.clients.size > 0 || reasons.connections.size > 0 || reasons.apiServer.size > 0;
}

export function isServingContainer(view: ContainerView, index: ResourceIndex, settings: Settings): boolean {
  return servingReason(view, index, settings) !== undefined;
}

/**
 * Whether the pod is the only one of its workload and is stopped before its replacement starts: a
 * one-shot Job's, a StatefulSet of one, or a Deployment of one that recreates (`Recreate`, or a rolling update with no
 * surge), with no autoscaler that can run more. While it stops, and until its replacement is ready, no
 * other endpoint exists: a preStop delay or a readiness probe changes which error clients get, not whether.
 */
export function stopsBeforeReplacement(pod: PodView, index: ResourceIndex, settings: Settings): boolean {
  const { kind } = pod.resource;
  // A one-shot Job's pod is never replaced while it runs: nothing else of the Job serves.
  if (isOneShotJob(pod.resource)) return true;
  if (kind !== 'StatefulSet' && kind !== 'Deployment') return false;
  if (replicaRange(pod, index, settings)?.max !== 1) return false;
  if (kind === 'StatefulSet') return true;
  const spec = pod.resource.object.spec;
  const strategy = isPlainObject(spec) ? spec.strategy : undefined;
  if (!isPlainObject(strategy)) return false;
  if (strategy.type === 'Recreate') return true;
  const surge = isPlainObject(strategy.rollingUpdate) ? strategy.rollingUpdate.maxSurge : undefined;
  return surge === 0 || surge === '0' || surge === '0%';
}
