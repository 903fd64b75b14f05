import { containersOf, isPlainObject, mappingsOf, type ContainerView, type PodView, type Resource, type ResourceIndex, type Settings } from '@kubelore/core';
import { applyScopeOf, applyUnits, isOneShotJob, replicaRange, type ApplyUnits } from '@kubelore/plugin-references';
import type { ContainerPort, Service } from 'kubernetes-types/core/v1.js';
import { carriesConnections, isDataPort, isScrapeName, isWebhookName, servedPortsTable, WEBHOOK_SUFFIX, WORD_SEPARATOR, type ServedPort } from './service-ports.js';

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
  return AUXILIARY_IN_NAME.test(lower) || lower.split(WORD_SEPARATOR).some((word) => AUXILIARY_WORDS.has(word));
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

const hasPorts = (service: Resource<Service>) => Array.isArray(service.object.spec?.ports) && service.object.spec!.ports!.length > 0;
const receivesTraffic = (view: ContainerView) => view.role === 'container' || view.sidecar;
const keyOf = (view: ContainerView) => `${view.role}:${view.index}`;

function give(reasons: Reasons, key: string, reason: string, callers: Callers): void {
  const map = callers === 'api-server' ? reasons.apiServer : callers === 'connections' ? reasons.connections : reasons.clients;
  if (!map.has(key)) map.set(key, reason);
}

function callersOf(port: ServedPort, declared?: ContainerPort): Callers {
  return port.webhook ? 'api-server' : carriesConnections(port, declared) ? 'connections' : 'clients';
}

function declaredByName(ports: readonly ContainerPort[], name: string, protocol: string): ContainerPort | undefined {
  for (const port of ports) if (port.name === name && (port.protocol ?? 'TCP') === protocol) return port;
  return undefined;
}

function declaredByNumber(ports: readonly ContainerPort[], number: number): ContainerPort | undefined {
  for (const port of ports) if (Number(port.containerPort) === number) return port;
  return undefined;
}

/**
 * Why each container of a pod receives traffic, by `role:index`; containers that do not are absent.
 * Asked for every pod, each matched against every port of every Service selecting it: plain loops over
 * what is read once (each container's key and declared ports, each Service's served ports).
 */
function reasonsFor(pod: PodView, index: ResourceIndex, units: ApplyUnits): Reasons {
  const reasons: Reasons = { clients: new Map(), connections: new Map(), apiServer: new Map() };
  const views = containersOf(pod).filter(receivesTraffic);
  const keys = views.map(keyOf);
  const declared = views.map(portsOf);
  const servedPortsOf = servedPortsTable(index, units);
  let selected = false;
  for (const service of index.servicesSelecting(pod)) {
    if (!hasPorts(service) || !units.together(service, pod.resource)) continue;
    selected = true;
    for (const port of servedPortsOf(service)) {
      if (port.name !== undefined) {
        // A named port resolves to the container that declares it (name and protocol).
        for (let at = 0; at < views.length; at++) {
          const found = declaredByName(declared[at]!, port.name, port.protocol);
          if (found) give(reasons, keys[at]!, port.reason, callersOf(port, found));
        }
        continue;
      }
      let owned = false;
      for (let at = 0; at < views.length; at++) {
        const found = declaredByNumber(declared[at]!, port.number);
        if (!found) continue;
        owned = true;
        const declaredName = typeof found.name === 'string' ? found.name : '';
        if (declaredName !== '' && isScrapeName(declaredName)) continue;
        const called = port.webhook || (port.on443 && isWebhookName(declaredName));
        give(reasons, keys[at]!, called ? port.onPort + WEBHOOK_SUFFIX : port.onPort, called ? 'api-server' : callersOf(port, found));
      }
      if (owned) continue;
      // Nobody declares the number: it is one of the containers that declare nothing, or the main one.
      let silent = false;
      for (let at = 0; at < views.length; at++) {
        if (views[at]!.role !== 'container' || declared[at]!.length > 0) continue;
        silent = true;
        give(reasons, keys[at]!, port.undeclared, callersOf(port));
      }
      if (silent) continue;
      const main = defaultContainer(pod, views);
      if (main) give(reasons, keys[views.indexOf(main)]!, port.undeclared, callersOf(port));
    }
  }
  if (selected) return reasons;
  // No Service applied with the pod picks a port. Jobs and bare Pods are reached only through one.
  if (BATCH_KINDS.has(pod.resource.kind) || pod.resource.kind === 'Pod') return reasons;
  // Where the pod's folder or Kustomization writes Services for its own pods, one that none selects is not served.
  if (withUnitServices(index, units, pod.resource.namespace)(pod.resource)) return reasons;
  // Otherwise its declared ports say whether it serves.
  for (let at = 0; at < views.length; at++) {
    if (views[at]!.role !== 'container') continue; // a sidecar's ports serve only when a Service targets them
    const serving = declared[at]!.find((port) => !isAuxiliaryPort(port) && !isWebhookName(port.name));
    if (serving) give(reasons, keys[at]!, `declares port ${describePort(serving)}`, isDataPort(serving) ? 'connections' : 'clients');
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
    const services = index.ofKind<Service>('Service', namespace).filter((service) => isPlainObject(service.object.spec?.selector) && hasPorts(service));
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
  if (!receivesTraffic(view)) return undefined;
  const reasons = cachedReasons(view.pod, index, applyUnits(index, applyScopeOf(settings)));
  const key = keyOf(view);
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
