import { isKustomizationFile } from './kustomize.js';
import { rangeOfOffsets } from './position.js';
import { createResource, flattenLists, isPlainObject, type Resource } from './resource.js';
import type { InputProblem, SourceFile } from './source.js';

/** What modelling one file gives: its objects, and the documents that are not objects. */
export interface ModelledFile {
  resources: Resource[];
  problems: InputProblem[];
}

const IMPLIED_KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };

/**
 * Documents to resources: every mapping with `apiVersion` and `kind` (the items of `kind: List` and
 * `*List` flattened, pointer `/items/N`) becomes a Resource. Documents that are not objects are returned
 * as `kubelore/not-a-resource` problems, so the caller decides how they are reported.
 */
export function modelResources(source: SourceFile, defaultNamespace: string): ModelledFile {
  const resources: Resource[] = [];
  const problems: InputProblem[] = [];
  for (const document of source.documents) {
    if (!document.lintable) continue;
    const value = document.value;
    if (value === null || value === undefined) continue; // an empty document: `---` at the end of a file
    if (!isPlainObject(value)) {
      const start = document.contentsStart;
      const shape = Array.isArray(value) ? 'a sequence' : `a ${typeof value}`;
      problems.push({
        ruleId: 'kubelore/not-a-resource',
        message: `Document is ${shape}, not a Kubernetes object; skipped.`,
        range: rangeOfOffsets(source.lineCounter, start, start),
        documentIndex: document.index,
      });
      continue;
    }
    // kustomize reads a kustomization file without `apiVersion` and `kind` as a Kustomization (kubebuilder
    // scaffolds them so): kustomize's own configuration, which says what is applied together.
    if (isKustomizationFile(source.path) && document.index === 0 && (value.apiVersion === undefined || value.kind === undefined)) {
      resources.push(createResource({ value, pointer: '' }, source, document.index, defaultNamespace, IMPLIED_KUSTOMIZATION));
      continue;
    }
    for (const candidate of flattenLists(value)) {
      const missing = ['apiVersion', 'kind'].filter((key) => typeof candidate.value[key] !== 'string' || candidate.value[key] === '');
      if (missing.length > 0) {
        problems.push({
          ruleId: 'kubelore/not-a-resource',
          message: `Not a Kubernetes object: no ${missing.map((key) => `\`${key}\``).join(' and ')}; skipped.`,
          range: source.locate(document.index, candidate.pointer),
          documentIndex: document.index,
        });
        continue;
      }
      resources.push(createResource(candidate, source, document.index, defaultNamespace));
    }
  }
  return { resources, problems };
}
