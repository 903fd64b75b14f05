import { isPlainObject, selectorMatches, type Resource, type ResourceIndex } from '@kubelore/core';
import type { ApplyUnits } from '@kubelore/plugin-references';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';

/**
 * What the callers of a Service port are, when the input says so: the API server calling an admission
 * or conversion webhook, or Prometheus scraping a port a ServiceMonitor names.
 */

const WEBHOOK_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);
const ADMISSION_GROUP = 'admissionregistration.k8s.io';
const MONITORING_GROUP = 'monitoring.coreos.com';

/** `namespace/name:port` of every Service a webhook of the input names (port 443 when unset). */
function webhookTargets(index: ResourceIndex): Set<string> {
  return index.memo('termination/serving:webhook-targets', () => {
    const targets = new Set<string>();
    const add = (clientConfig: unknown) => {
      if (!isPlainObject(clientConfig) || !isPlainObject(clientConfig.service)) return;
      const { name, namespace, port } = clientConfig.service as Record<string, unknown>;
      if (typeof name !== 'string' || typeof namespace !== 'string') return;
      targets.add(`${namespace}/${name}:${typeof port === 'number' ? port : 443}`);
    };
    for (const resource of index.resources) {
      if (resource.group === ADMISSION_GROUP && WEBHOOK_KINDS.has(resource.kind)) {
        const webhooks = resource.object.webhooks;
        if (Array.isArray(webhooks)) for (const webhook of webhooks) if (isPlainObject(webhook)) add(webhook.clientConfig);
      } else if (resource.kind === 'CustomResourceDefinition') {
        const spec = resource.object.spec;
        const conversion = isPlainObject(spec) && isPlainObject(spec.conversion) ? spec.conversion : undefined;
        if (conversion && isPlainObject(conversion.webhook)) add(conversion.webhook.clientConfig);
        // apiextensions v1beta1 kept the client config beside the strategy.
        if (conversion) add(conversion.webhookClientConfig);
      }
    }
    return targets;
  });
}

/** Whether a webhook configuration or CRD conversion of the input sends the API server's calls to this port. */
export function isWebhookTarget(service: Resource<Service>, port: ServicePort, index: ResourceIndex): boolean {
  if (service.namespace === undefined || service.name === undefined) return false;
  return webhookTargets(index).has(`${service.namespace}/${service.name}:${Number(port.port)}`);
}

interface Scrape {
  monitor: Resource;
  selector: LabelSelector;
  namespaces: 'any' | Set<string>;
  ports: Set<string>;
  targetPorts: Set<string>;
}

function scrapesOf(index: ResourceIndex): Scrape[] {
  return index.memo('termination/serving:scrapes', () => {
    const scrapes: Scrape[] = [];
    for (const monitor of index.ofKind('ServiceMonitor')) {
      if (monitor.group !== MONITORING_GROUP || !isPlainObject(monitor.object.spec)) continue;
      const spec = monitor.object.spec;
      if (!isPlainObject(spec.selector)) continue;
      const scope = isPlainObject(spec.namespaceSelector) ? spec.namespaceSelector : {};
      const namespaces: Scrape['namespaces'] =
        scope.any === true ? 'any' : new Set(Array.isArray(scope.matchNames) && scope.matchNames.length > 0 ? scope.matchNames.map(String) : [monitor.namespace ?? '']);
      const ports = new Set<string>();
      const targetPorts = new Set<string>();
      for (const endpoint of Array.isArray(spec.endpoints) ? spec.endpoints : []) {
        if (!isPlainObject(endpoint)) continue;
        if (typeof endpoint.port === 'string') ports.add(endpoint.port);
        if (typeof endpoint.targetPort === 'string' || typeof endpoint.targetPort === 'number') targetPorts.add(String(endpoint.targetPort));
      }
      scrapes.push({ monitor, selector: spec.selector as LabelSelector, namespaces, ports, targetPorts });
    }
    return scrapes;
  });
}

/** The scrapes of ServiceMonitors that look into a namespace, in input order; once per run and namespace. */
function scrapesIn(index: ResourceIndex, namespace: string): Scrape[] {
  const cache = index.memo('termination/serving:scrapes-by-namespace', () => new Map<string, Scrape[]>());
  let scrapes = cache.get(namespace);
  if (!scrapes) cache.set(namespace, (scrapes = scrapesOf(index).filter((scrape) => scrape.namespaces === 'any' || scrape.namespaces.has(namespace))));
  return scrapes;
}

/**
 * The ServiceMonitors applied with a Service that select it, in input order. Per run (an index memo),
 * units and Service: asked for every port of every Service of every pod it selects, matching each
 * ServiceMonitor's selector again was most of the time of the rules that ask why a container serves.
 */
function scrapesOfService(service: Resource<Service>, index: ResourceIndex, units: ApplyUnits): readonly Scrape[] {
  const cache = index.memo('termination/serving:scrapes-by-service', () => new WeakMap<ApplyUnits, WeakMap<Resource<Service>, Scrape[]>>());
  let byService = cache.get(units);
  if (!byService) cache.set(units, (byService = new WeakMap()));
  let scrapes = byService.get(service);
  if (!scrapes) {
    const labels = isPlainObject(service.object.metadata?.labels) ? (service.object.metadata!.labels as Record<string, string>) : {};
    scrapes = scrapesIn(index, service.namespace ?? '').filter((scrape) => selectorMatches(scrape.selector, labels) && units.together(scrape.monitor, service));
    byService.set(service, scrapes);
  }
  return scrapes;
}

/** Whether a ServiceMonitor applied with the Service selects it and scrapes this port (by port name or target port). */
export function isScrapedPort(service: Resource<Service>, port: ServicePort, index: ResourceIndex, units: ApplyUnits): boolean {
  for (const scrape of scrapesOfService(service, index, units)) {
    if (typeof port.name === 'string' && scrape.ports.has(port.name)) return true;
    if (port.targetPort !== undefined && scrape.targetPorts.has(String(port.targetPort))) return true;
  }
  return false;
}
