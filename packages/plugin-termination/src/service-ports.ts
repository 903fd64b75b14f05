import { isPlainObject, type Resource, type ResourceIndex } from '@kubelore/core';
import type { ApplyUnits } from '@kubelore/plugin-references';
import type { ContainerPort, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { isScrapedPort, isWebhookTarget } from './service-roles.js';

/**
 * The ports through which a Service sends traffic to the pods it selects, and what their names say
 * about them (scraped, a webhook, a database's), read once per Service and run.
 */

/**
 * The narrower test for a port a Service targets: only names that say "scraped or probed" (metrics,
 * Prometheus, profiling, health, debug, probes). `telemetry`, `stats`, `monitor` and `admin` stay
 * served there: a telemetry collector's ingest port, a stats server, a management UI take real traffic.
 */
export function isScrapeName(name: string): boolean {
  const lower = name.toLowerCase();
  return SCRAPE_IN_NAME.test(lower) || lower.split(WORD_SEPARATOR).some((word) => SCRAPE_WORDS.has(word));
}
const SCRAPE_IN_NAME = /metric|prometheus|pprof|profil|health|debug/;
const SCRAPE_WORDS = new Set(['prom', 'live', 'liveness', 'ready', 'readiness', 'probe', 'probes']);

/** What splits a port or Service name into words. */
export const WORD_SEPARATOR = /[-_.]/;

export function isWebhookName(name: unknown): boolean {
  return typeof name === 'string' && /webhook/i.test(name);
}

/** A Service named for metrics (`kube-state-metrics`, `controller-monitor-service`) carries only scrapes. */
function isMetricsService(name: string | undefined): boolean {
  return typeof name === 'string' && name.toLowerCase().split(WORD_SEPARATOR).some((word) => word === 'metrics' || word === 'metric' || word === 'monitor');
}

/**
 * The ports of databases, caches and brokers, by name (a word of it) or by their well-known number when
 * the port has no name: their clients hold connections open, which kube-proxy keeps on the old pod until
 * they close, so how long the pod waits before SIGTERM does not change what those clients see.
 */
const DATA_PORT_WORDS = new Set(['redis', 'sentinel', 'memcache', 'memcached', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mongo', 'mongodb', 'kafka', 'amqp', 'amqps', 'nats', 'zookeeper', 'zk', 'etcd', 'cassandra', 'cql']);
const DATA_PORT_NUMBERS = new Set([6379, 26379, 11211, 5432, 3306, 27017, 9092, 5672, 4222, 2181, 2379, 9042]);

/** A port name that names (not empty, not a number written as text). */
function isPortName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && !/^\d+$/.test(name);
}

function isDataName(name: string): boolean {
  return name.toLowerCase().split(WORD_SEPARATOR).some((word) => DATA_PORT_WORDS.has(word));
}

/** Whether a container's own port is a database's, cache's or broker's (by its name, else its number). */
export function isDataPort(port: ContainerPort): boolean {
  return isPortName(port.name) ? isDataName(port.name) : DATA_PORT_NUMBERS.has(Number(port.containerPort));
}

export const WEBHOOK_SUFFIX = ', an admission webhook the API server calls';

/** A port of a Service that carries traffic (not a scrape) to the pods it selects. */
export interface ServedPort {
  /** A named target, resolved in each pod by name and protocol; undefined for a number. */
  name: string | undefined;
  /** The target's number (NaN for a named target). */
  number: number;
  protocol: string;
  /** Whether the API server calls it (an admission or conversion webhook). */
  webhook: boolean;
  /** Whether the Service port is 443, where a container port named for a webhook is one. */
  on443: boolean;
  /**
   * What the Service's own names of the port (its name, a named target) say: whether one is a database's,
   * cache's or broker's; undefined when neither names it (the container port's name or number decides).
   */
  dataByName: boolean | undefined;
  /** The target as written (or the port): what the number of a declared port without one falls back on. */
  target: unknown;
  /** `selected by Service api on port 8080`: the reason given to a container that declares the target. */
  onPort: string;
  /** The same with the webhook note when the API server calls it. */
  reason: string;
  /** The reason given when no container declares the target number. */
  undeclared: string;
}

/** Whether a container reached through this port holds connections open (a database, cache or broker). */
export function carriesConnections(port: ServedPort, declared?: ContainerPort): boolean {
  const declaredName = isPortName(declared?.name) ? declared!.name : undefined;
  if (port.dataByName !== undefined || declaredName !== undefined) return port.dataByName === true || (declaredName !== undefined && isDataName(declaredName));
  return DATA_PORT_NUMBERS.has(Number(declared?.containerPort ?? port.target));
}

/**
 * Every port of a Service that carries traffic, in its order: not on a Service named for metrics, and
 * not a port named for scrapes or probes (its name or named target) or that a ServiceMonitor applied
 * with the Service scrapes. Per run (a memo), units and Service: a Service is asked about for every pod
 * it selects, and reading its ports again for each was most of the time of `servingReason`. The lookup
 * is returned for one run and units, so that a pod finds the table once for all its Services.
 */
export function servedPortsTable(index: ResourceIndex, units: ApplyUnits): (service: Resource<Service>) => readonly ServedPort[] {
  const cache = index.memo('termination/serving:served-ports', () => new WeakMap<ApplyUnits, (service: Resource<Service>) => readonly ServedPort[]>());
  let lookup = cache.get(units);
  if (!lookup) {
    const byService = new WeakMap<Resource<Service>, ServedPort[]>();
    lookup = (service) => {
      let ports = byService.get(service);
      if (!ports) byService.set(service, (ports = readServedPorts(service, index, units)));
      return ports;
    };
    cache.set(units, lookup);
  }
  return lookup;
}

function readServedPorts(service: Resource<Service>, index: ResourceIndex, units: ApplyUnits): ServedPort[] {
  const declared = service.object.spec?.ports;
  if (!Array.isArray(declared) || isMetricsService(service.name)) return [];
  const serviceName = service.name ?? '(unnamed)';
  const served: ServedPort[] = [];
  for (const port of declared as ServicePort[]) {
    if (!isPlainObject(port)) continue;
    // An absent targetPort, or 0, means the same number as `port`.
    const explicit = port.targetPort !== undefined && port.targetPort !== null && port.targetPort !== 0 && port.targetPort !== '0';
    const target = explicit ? port.targetPort! : port.port;
    const named = typeof target === 'string' && !/^\d+$/.test(target);
    // Names decide what a targeted port is for; numbers do not (9090 is a metrics port or Prometheus' UI).
    if ((typeof port.name === 'string' && isScrapeName(port.name)) || (named && isScrapeName(target as string)) || isScrapedPort(service, port, index, units)) continue;
    // By name alone (the port's, its target's or the Service's: VPA's `vpa-webhook`, registered at run
    // time) only on 443, where the API server calls a webhook Service unless told otherwise; a `webhook`
    // port elsewhere (Argo CD's 7000) takes webhooks from Git hosts, through an ingress.
    const on443 = Number(port.port) === 443;
    const webhook = isWebhookTarget(service, port, index) || (on443 && (isWebhookName(port.name) || isWebhookName(service.name) || (named && isWebhookName(target))));
    const suffix = webhook ? WEBHOOK_SUFFIX : '';
    const number = named ? NaN : Number(target);
    const ownNames = [port.name, target].filter(isPortName);
    const onPort = `selected by Service ${serviceName} on port ${named ? target : number}`;
    served.push({
      name: named ? (target as string) : undefined,
      number,
      protocol: port.protocol ?? 'TCP',
      webhook,
      on443,
      dataByName: ownNames.length > 0 ? ownNames.some(isDataName) : undefined,
      target,
      onPort,
      reason: onPort + suffix,
      undeclared: `selected by Service ${serviceName}, whose port ${number} no container declares${suffix}`,
    });
  }
  return served;
}
