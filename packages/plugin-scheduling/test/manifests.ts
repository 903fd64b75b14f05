import { workload, type WorkloadKind } from '@kubelore/rule-tester';

export const APP = '- name: app\n  image: ghcr.io/acme/app:1.0\n';
export const SIZED = `${APP}  resources:\n    requests: {cpu: 100m, memory: 128Mi}\n    limits: {memory: 128Mi}\n`;

/** The workload builder's manifest with `replicas` added under spec: every line below moves down one. */
export function replicated(kind: WorkloadKind, replicas: number, podFields = '', containers = APP): string {
  return workload(kind, containers, podFields).replace('\nspec:\n  selector:', `\nspec:\n  replicas: ${replicas}\n  selector:`);
}

export const hpa = (target: string, minReplicas: number, kind = 'Deployment', maxReplicas = 10) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${target}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${target}}
  minReplicas: ${minReplicas}
  maxReplicas: ${maxReplicas}
`;

/** A KEDA ScaledObject; its target kind is left to the default (Deployment). */
export const scaledObject = (target: string, counts = '') => `---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${target}
spec:
  scaleTargetRef: {name: ${target}}
${counts}  triggers: [{type: cpu, metricType: Utilization, metadata: {value: "60"}}]
`;

export const pdb = (spec: string, name = 'api') => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: api}
${spec}
`;
