import { isPlainObject, type Resource, type ResourceIndex } from '@kubelore/core';

/**
 * Custom resources whose operators create pods from a spec the index cannot read as a pod template:
 * databases, brokers, monitoring stacks, batch and ML jobs. A Service beside one may select those pods.
 * Kinds that create no pods (ServiceMonitors, policies, certificates, routes) are not here.
 */
const POD_CREATING_KINDS: Record<string, readonly string[]> = {
  'elasticsearch.k8s.elastic.co': ['Elasticsearch'],
  'kibana.k8s.elastic.co': ['Kibana'],
  'apm.k8s.elastic.co': ['ApmServer'],
  'enterprisesearch.k8s.elastic.co': ['EnterpriseSearch'],
  'beat.k8s.elastic.co': ['Beat'],
  'agent.k8s.elastic.co': ['Agent'],
  'maps.k8s.elastic.co': ['ElasticMapsServer'],
  'logstash.k8s.elastic.co': ['Logstash'],
  'monitoring.coreos.com': ['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler'],
  'postgresql.cnpg.io': ['Cluster', 'Pooler'],
  'acid.zalan.do': ['postgresql'],
  'pgv2.percona.com': ['PerconaPGCluster'],
  'pxc.percona.com': ['PerconaXtraDBCluster'],
  'psmdb.percona.com': ['PerconaServerMongoDB'],
  'mysql.oracle.com': ['InnoDBCluster'],
  'mongodbcommunity.mongodb.com': ['MongoDBCommunity'],
  'mongodb.com': ['MongoDB', 'MongoDBOpsManager'],
  'kafka.strimzi.io': ['Kafka', 'KafkaNodePool', 'KafkaConnect', 'KafkaMirrorMaker', 'KafkaMirrorMaker2', 'KafkaBridge'],
  'rabbitmq.com': ['RabbitmqCluster'],
  'redis.redis.opstreelabs.in': ['Redis', 'RedisCluster', 'RedisReplication', 'RedisSentinel'],
  'databases.spotahome.com': ['RedisFailover'],
  'minio.min.io': ['Tenant'],
  'clickhouse.altinity.com': ['ClickHouseInstallation'],
  'cassandra.datastax.com': ['CassandraDatacenter'],
  'pingcap.com': ['TidbCluster'],
  'ceph.rook.io': ['CephCluster', 'CephObjectStore', 'CephFilesystem', 'CephNFS'],
  'opentelemetry.io': ['OpenTelemetryCollector'],
  'jaegertracing.io': ['Jaeger'],
  'grafana.integreatly.org': ['Grafana'],
  'k8s.keycloak.org': ['Keycloak'],
  'jobset.x-k8s.io': ['JobSet'],
  'leaderworkerset.x-k8s.io': ['LeaderWorkerSet'],
  'kubeflow.org': ['TFJob', 'PyTorchJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob', 'Notebook'],
  'trainer.kubeflow.org': ['TrainJob'],
  'ray.io': ['RayCluster', 'RayJob', 'RayService'],
  'argoproj.io': ['Workflow', 'CronWorkflow', 'Rollout', 'Sensor', 'EventSource'],
  'sparkoperator.k8s.io': ['SparkApplication', 'ScheduledSparkApplication'],
  'flink.apache.org': ['FlinkDeployment'],
  'tekton.dev': ['TaskRun', 'PipelineRun'],
  'kubevirt.io': ['VirtualMachine', 'VirtualMachineInstance'],
  'camel.apache.org': ['Integration'],
};

/** Whether some object under `value` looks like a pod spec: a `containers` list of objects with an image. */
function embedsPodSpec(value: unknown, depth: number): boolean {
  if (depth > 10) return false;
  if (Array.isArray(value)) return value.some((item) => embedsPodSpec(item, depth + 1));
  if (!isPlainObject(value)) return false;
  const containers = value.containers;
  if (Array.isArray(containers) && containers.some((container) => isPlainObject(container) && typeof container.image === 'string')) return true;
  return Object.values(value).some((child) => embedsPodSpec(child, depth + 1));
}

/**
 * Whether an object makes pods that the index does not see: a known operator kind, a kind the user
 * names (`Kind` or `group/Kind`), or a custom resource that embeds a pod spec (CloneSets, Knative
 * Services, ScaledJobs). Workload kinds the index reads itself are not (its pod view, made once per
 * object: asked of every object, making one again was most of the time of this test).
 */
export function createsUnseenPods(resource: Resource, index: ResourceIndex, extraKinds: readonly string[] = []): boolean {
  if (resource.group === '' || index.podViewOf(resource)) return false;
  if (Object.hasOwn(POD_CREATING_KINDS, resource.group) && POD_CREATING_KINDS[resource.group]!.includes(resource.kind)) return true;
  if (extraKinds.includes(resource.kind) || extraKinds.includes(`${resource.group}/${resource.kind}`)) return true;
  const builtIn = !resource.group.includes('.') || resource.group.endsWith('.k8s.io');
  return !builtIn && embedsPodSpec(resource.object.spec, 0);
}
