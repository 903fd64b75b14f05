/**
 * Builds the same pod as each workload kind, so a rule is tested on Deployment, StatefulSet, DaemonSet,
 * Job, CronJob and bare Pod without writing five manifests. Containers are written at indent 0 and
 * re-indented; pod-level fields go after the containers so the container lines below stay fixed.
 *
 * First container line/column: Deployment, StatefulSet and DaemonSet 13:11, Job 11:11, CronJob 14:15, Pod 8:7.
 * `WORKLOAD_KINDS` leaves Job out: a CronJob already tests the Job template.
 */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'Pod';

export const WORKLOAD_KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Pod'];

export const FIRST_CONTAINER: Record<WorkloadKind, { line: number; column: number }> = {
  Deployment: { line: 13, column: 11 },
  StatefulSet: { line: 13, column: 11 },
  DaemonSet: { line: 13, column: 11 },
  Job: { line: 11, column: 11 },
  CronJob: { line: 14, column: 15 },
  Pod: { line: 8, column: 7 },
};

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** A Job's spec (its pod template), at indent 0: the Job and the CronJob's jobTemplate hold the same. */
function jobSpec(containers: string, podFields: string): string {
  return `template:
  metadata:
    labels: {app: api}
  spec:
    containers:
${indent(containers, 6)}
${indent(`restartPolicy: OnFailure\n${podFields}`, 4)}`;
}

export function workload(kind: WorkloadKind, containers: string, podFields = ''): string {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
${indent(containers, 8)}
${podFields ? indent(podFields, 6) + '\n' : ''}`;
    case 'Job':
      return `apiVersion: batch/v1
kind: Job
metadata:
  name: api
spec:
${indent(jobSpec(containers, podFields), 2)}
`;
    case 'CronJob':
      return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: api
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
${indent(jobSpec(containers, podFields), 6)}
`;
    case 'Pod':
      return `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels: {app: api}
spec:
  containers:
${indent(containers, 4)}
${podFields ? indent(podFields, 2) + '\n' : ''}`;
  }
}

/** A Service selecting `app: api`, as a second document. */
export const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
    - port: 80
      targetPort: 8080
`;
