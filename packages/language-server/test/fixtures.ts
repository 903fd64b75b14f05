// Manifests the server tests open and edit.

/** A Deployment whose container declares no port: only a Service selecting it says it receives traffic. */
export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 16Mi}}
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

/**
 * A host-network pod that resolves a cluster Service: dns/host-network-policy fixes it by adding
 * dnsPolicy (a host-network pod that names no cluster Service is left alone).
 */
export const HOST_POD = `apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: shop
spec:
  hostNetwork: true
  containers:
    - name: agent
      image: busybox:1.36
      args: ["--api=http://api.shop.svc:80"]
      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 16Mi}}
`;

/** One line of JSON with an emoji and CJK before the finding (the removed policy/v1beta1 API). */
export const UNICODE_PDB =
  '{"kind": "PodDisruptionBudget", "metadata": {"name": "web", "namespace": "shop", "labels": {"note": "🚀漢字"}}, "apiVersion": "policy/v1beta1", "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "web"}}}}\n';
