/**
 * Alerts on all five clouds: the log destination, the notification target (email and webhook),
 * one rule per watched signal with its exact metric, threshold and scope, tags, providers,
 * outputs, and the cells a cloud cannot watch failing with the field named.
 */
import { suite } from "../suite";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Alerts } from "../../components/monitoring";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, propertyError, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("alerts");

const WEBHOOK: Record<Cloud, string> = {
  aws: "https://hooks.example.com/alerts",
  azure: "https://hooks.example.com/alerts",
  gcp: "https://hooks.example.com/alerts",
  digitalocean: "https://hooks.slack.com/services/T000/B000/XXXX",
  oci: "https://hooks.example.com/alerts",
};
const DB_ID: Record<Cloud, string> = { aws: "dev-db", azure: "/subscriptions/s/resourceGroups/g/providers/Microsoft.DBforPostgreSQL/flexibleServers/dev-db", gcp: "acme-test-123:dev-db", digitalocean: "db-cluster-uuid", oci: "" };
const FN_ID: Record<Cloud, string> = { aws: "dev-api", azure: "/subscriptions/s/resourceGroups/g/providers/Microsoft.App/containerApps/dev-api", gcp: "projects/acme-test-123/locations/europe-west1/services/dev-api", digitalocean: "", oci: "" };
/** What selects a web tier's machines on each cloud (WebTier.memberSelector). */
const GROUP: Record<Cloud, string> = {
  aws: "dev-web-aws-6y7oiu",
  azure: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachineScaleSets/dev-web",
  gcp: "dev-web-gcp-d7uxh8",
  digitalocean: "dev-web-digitalocean-6cgpb2",
  oci: "ocid1.instancepool.oc1..web",
};
let h: Harness;
const built = {} as Record<Cloud, Alerts>;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) {
      built[cloud] = new Alerts(`ops-${cloud}`, {
        target: t[cloud],
        notify: { email: "oncall@example.com", webhookUrl: WEBHOOK[cloud] },
        instances: { web: { instanceIds: [`${cloud}-vm-0`, `${cloud}-vm-1`], count: 2 } },
        ...(cloud !== "oci" ? { databases: { db: { resourceId: DB_ID[cloud], storageGb: 100 } } } : {}),
        ...(cloud !== "oci" && cloud !== "digitalocean" ? { functions: { api: { resourceId: FN_ID[cloud] } } } : {}),
        cpuPercent: 90,
      });
    }
    new Alerts("quiet-aws", { target: t.aws, notify: { email: "oncall@example.com" } });
    for (const cloud of CLOUDS) new Alerts(`group-${cloud}`, { target: t[cloud], notify: { email: "oncall@example.com" }, groups: { web: { selector: GROUP[cloud] } }, cpuPercent: 70 });
    attempt("notify", () => new Alerts("bad-notify", { target: t.aws, notify: {} }));
    attempt("email", () => new Alerts("bad-email", { target: t.aws, notify: { email: "oncall" } }));
    attempt("do-webhook", () => new Alerts("bad-do", { target: t.digitalocean, notify: { webhookUrl: "https://hooks.example.com/x" } }));
    attempt("oci-db", () => new Alerts("bad-oci-db", { target: t.oci, notify: { email: "a@b.co" }, databases: { db: { resourceId: "ocid1.postgresqldbsystem.oc1..x", storageGb: 100 } } }));
    attempt("oci-fn", () => new Alerts("bad-oci-fn", { target: t.oci, notify: { email: "a@b.co" }, functions: { api: { resourceId: "ocid1.fnfunc.oc1..x" } } }));
    attempt("do-fn", () => new Alerts("bad-do-fn", { target: t.digitalocean, notify: { email: "a@b.co" }, functions: { api: { resourceId: "app" } } }));
    attempt("cpu", () => new Alerts("bad-cpu", { target: t.gcp, notify: { email: "a@b.co" }, cpuPercent: 120 }));
    attempt("key", () => new Alerts("bad-key", { target: t.gcp, notify: { email: "a@b.co" }, instances: { Web: { instanceIds: [], count: 0 } } }));
  });
});

const component = (name: string) => find(h, "tessera:monitoring:Alerts", name);

test("children on every cloud: log destination, notification target, one rule per watched signal", (t) => {
  const expected: Record<Cloud, Array<[string, string]>> = {
    aws: [
      ["aws:cloudwatch/logGroup:LogGroup", "ops-aws"],
      ["aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-api-5xx"],
      ["aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-db-storage"],
      ["aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-web-cpu-0"],
      ["aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-web-cpu-1"],
      ["aws:sns/topic:Topic", "ops-aws"],
      ["aws:sns/topicSubscription:TopicSubscription", "ops-aws-email"],
      ["aws:sns/topicSubscription:TopicSubscription", "ops-aws-webhook"],
    ],
    azure: [
      ["azure-native:monitor:ActionGroup", "ops-azure"],
      ["azure-native:monitor:MetricAlert", "ops-azure-api-5xx"],
      ["azure-native:monitor:MetricAlert", "ops-azure-db-storage"],
      ["azure-native:monitor:MetricAlert", "ops-azure-web-cpu"],
      ["azure-native:operationalinsights:Workspace", "ops-azure"],
      ["random:index/randomString:RandomString", "ops-azure-name"],
    ],
    gcp: [
      ["gcp:logging/projectBucketConfig:ProjectBucketConfig", "ops-gcp"],
      ["gcp:monitoring/alertPolicy:AlertPolicy", "ops-gcp-api-5xx"],
      ["gcp:monitoring/alertPolicy:AlertPolicy", "ops-gcp-db-storage"],
      ["gcp:monitoring/alertPolicy:AlertPolicy", "ops-gcp-web-cpu"],
      ["gcp:monitoring/notificationChannel:NotificationChannel", "ops-gcp-email"],
      ["gcp:monitoring/notificationChannel:NotificationChannel", "ops-gcp-webhook"],
      ["random:index/randomString:RandomString", "ops-gcp-name"],
    ],
    digitalocean: [
      ["digitalocean:index/monitorAlert:MonitorAlert", "ops-digitalocean-db-storage"],
      ["digitalocean:index/monitorAlert:MonitorAlert", "ops-digitalocean-web-cpu"],
    ],
    oci: [
      ["oci:Logging/logGroup:LogGroup", "ops-oci"],
      ["oci:Monitoring/alarm:Alarm", "ops-oci-web-cpu"],
      ["oci:Ons/notificationTopic:NotificationTopic", "ops-oci"],
      ["oci:Ons/subscription:Subscription", "ops-oci-email"],
      ["oci:Ons/subscription:Subscription", "ops-oci-webhook"],
    ],
  };
  for (const cloud of CLOUDS) t.deepEqual(children(h, component(`ops-${cloud}`)), expected[cloud], cloud);
  t.deepEqual(children(h, component("quiet-aws")), [
    ["aws:cloudwatch/logGroup:LogGroup", "quiet-aws"],
    ["aws:sns/topic:Topic", "quiet-aws"],
    ["aws:sns/topicSubscription:TopicSubscription", "quiet-aws-email"],
  ]);
});

test("aws: log group with retention, SSE topic, email + HTTPS subscriptions, alarms on CPU per instance, free storage and URL 5xx", (t) => {
  const topic = "arn:aws:sns:eu-west-1:123456789012:dev-ops-aws-25qsbz";
  const tagsAws = stampsFor("aws", "ops-aws");
  t.deepEqual(inputs(find(h, "aws:cloudwatch/logGroup:LogGroup", "ops-aws")), { name: "/tessera/dev-ops-aws-25qsbz", retentionInDays: 30, tags: tagsAws });
  t.deepEqual(inputs(find(h, "aws:sns/topic:Topic", "ops-aws")), { kmsMasterKeyId: "alias/aws/sns", name: "dev-ops-aws-25qsbz", tags: tagsAws });
  t.deepEqual(inputs(find(h, "aws:sns/topicSubscription:TopicSubscription", "ops-aws-webhook")), { endpoint: WEBHOOK.aws, protocol: "https", topic });
  const common = { alarmActions: [topic], evaluationPeriods: 1, okActions: [topic], period: 300, tags: tagsAws, treatMissingData: "notBreaching" };
  t.deepEqual(inputs(find(h, "aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-web-cpu-1")), {
    ...common,
    alarmDescription: "web: CPU above 90%",
    comparisonOperator: "GreaterThanThreshold",
    dimensions: { InstanceId: "aws-vm-1" },
    metricName: "CPUUtilization",
    name: "dev-ops-aws-web-cpu-1-49evyl",
    namespace: "AWS/EC2",
    statistic: "Average",
    threshold: 90,
  });
  t.deepEqual(inputs(find(h, "aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-db-storage")), {
    ...common,
    alarmDescription: "db: storage above 80% used",
    comparisonOperator: "LessThanThreshold",
    dimensions: { DBInstanceIdentifier: "dev-db" },
    metricName: "FreeStorageSpace",
    name: "dev-ops-aws-db-storage-mjcokb",
    namespace: "AWS/RDS",
    statistic: "Minimum",
    // 20% of 100 GiB left, in bytes.
    threshold: 21474836480,
  });
  t.deepEqual(inputs(find(h, "aws:cloudwatch/metricAlarm:MetricAlarm", "ops-aws-api-5xx")), {
    ...common,
    alarmDescription: "api: 5+ 5xx responses in 5 minutes",
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    dimensions: { FunctionName: "dev-api" },
    metricName: "Url5xxCount",
    name: "dev-ops-aws-api-5xx-431okz",
    namespace: "AWS/Lambda",
    statistic: "Sum",
    threshold: 5,
  });
});

test("azure: Log Analytics workspace, action group with common-schema receivers, metric alerts scoped to the resources", (t) => {
  const tagsAz = stampsFor("azure", "ops-azure");
  t.deepEqual(inputs(find(h, "azure-native:operationalinsights:Workspace", "ops-azure")), {
    location: "westeurope",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    retentionInDays: 30,
    sku: { name: "PerGB2018" },
    tags: tagsAz,
    workspaceName: "dev-ops-azure-fh9y8u",
  });
  t.deepEqual(inputs(find(h, "azure-native:monitor:ActionGroup", "ops-azure")), {
    actionGroupName: "dev-ops-azure-61fthj",
    emailReceivers: [{ emailAddress: "oncall@example.com", name: "email", useCommonAlertSchema: true }],
    enabled: true,
    groupShortName: "ops-azure",
    location: "global",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    tags: tagsAz,
    webhookReceivers: [{ name: "webhook", serviceUri: WEBHOOK.azure, useCommonAlertSchema: true }],
  });
  const alert = (suffix: string) => inputs(find(h, "azure-native:monitor:MetricAlert", `ops-azure-${suffix}`));
  t.deepEqual(alert("web-cpu"), {
    actions: [{ actionGroupId: "ops-azure-id" }],
    criteria: {
      allOf: [{ criterionType: "StaticThresholdCriterion", metricName: "Percentage CPU", metricNamespace: "Microsoft.Compute/virtualMachines", name: "percentage-cpu", operator: "GreaterThan", threshold: 90, timeAggregation: "Average" }],
      odataType: "Microsoft.Azure.Monitor.MultipleResourceMultipleMetricCriteria",
    },
    enabled: true,
    evaluationFrequency: "PT1M",
    location: "global",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    ruleName: "dev-ops-azure-web-cpu-22wqhp",
    scopes: ["azure-vm-0", "azure-vm-1"],
    severity: 2,
    tags: tagsAz,
    targetResourceRegion: "westeurope",
    targetResourceType: "Microsoft.Compute/virtualMachines",
    windowSize: "PT5M",
  });
  t.like(alert("db-storage"), { scopes: [DB_ID.azure], targetResourceType: "Microsoft.DBforPostgreSQL/flexibleServers", criteria: { allOf: [{ metricName: "storage_percent", threshold: 80 }] } });
  t.like(alert("api-5xx"), {
    scopes: [FN_ID.azure],
    targetResourceType: "Microsoft.App/containerApps",
    criteria: { allOf: [{ metricName: "Requests", operator: "GreaterThanOrEqual", threshold: 5, timeAggregation: "Total", dimensions: [{ name: "statusCodeCategory", operator: "Include", values: ["5xx"] }] }] },
  });
});

test("gcp: regional log bucket, email and webhook channels, alert policies with exact filters", (t) => {
  t.deepEqual(inputs(find(h, "gcp:logging/projectBucketConfig:ProjectBucketConfig", "ops-gcp")), { bucketId: "dev-ops-gcp-7jsxxt", location: "europe-west1", project: "acme-test-123", retentionDays: 30 });
  t.deepEqual(inputs(find(h, "gcp:monitoring/notificationChannel:NotificationChannel", "ops-gcp-webhook")), {
    displayName: "tessera ops-gcp webhook",
    labels: { url: WEBHOOK.gcp },
    project: "acme-test-123",
    type: "webhook_tokenauth",
    userLabels: stampsFor("gcp", "ops-gcp"),
  });
  const policy = (suffix: string) => inputs(find(h, "gcp:monitoring/alertPolicy:AlertPolicy", `ops-gcp-${suffix}`));
  const channels = (policy("web-cpu").notificationChannels as string[]).length;
  t.is(channels, 2);
  t.deepEqual(policy("web-cpu").conditions, [
    {
      conditionThreshold: {
        aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN" }],
        comparison: "COMPARISON_GT",
        duration: "300s",
        filter: 'metric.type="compute.googleapis.com/instance/cpu/utilization" AND resource.type="gce_instance" AND resource.label.instance_id=one_of("gcp-vm-0","gcp-vm-1")',
        thresholdValue: 0.9,
      },
      displayName: "web: CPU above 90%",
    },
  ]);
  t.like(policy("db-storage"), {
    conditions: [{ conditionThreshold: { filter: 'metric.type="cloudsql.googleapis.com/database/disk/utilization" AND resource.type="cloudsql_database" AND resource.label.database_id="acme-test-123:dev-db"', thresholdValue: 0.8 } }],
  });
  t.like(policy("api-5xx"), {
    conditions: [
      {
        conditionThreshold: {
          filter: 'metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision" AND metric.label.response_code_class="5xx" AND resource.label.service_name="dev-api"',
          thresholdValue: 5,
          aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_SUM" }],
        },
      },
    ],
  });
});

test("digitalocean: monitor alert policies scoped by id (no tags: they would widen the scope), email + Slack", (t) => {
  const alerts = { emails: ["oncall@example.com"], slacks: [{ channel: "#alerts", url: WEBHOOK.digitalocean }] };
  t.deepEqual(inputs(find(h, "digitalocean:index/monitorAlert:MonitorAlert", "ops-digitalocean-web-cpu")), {
    alerts,
    compare: "GreaterThan",
    description: "dev ops-digitalocean: web CPU above 90%",
    enabled: true,
    entities: ["digitalocean-vm-0", "digitalocean-vm-1"],
    type: "v1/insights/droplet/cpu",
    value: 90,
    window: "5m",
  });
  t.deepEqual(inputs(find(h, "digitalocean:index/monitorAlert:MonitorAlert", "ops-digitalocean-db-storage")), {
    alerts,
    compare: "GreaterThan",
    description: "dev ops-digitalocean: db storage above 80% used",
    enabled: true,
    entities: ["db-cluster-uuid"],
    type: "v1/dbaas/alerts/disk_utilization_alerts",
    value: 80,
    window: "5m",
  });
});

test("oci: log group, notification topic with email and HTTPS subscriptions, a CPU alarm over the instances", (t) => {
  const tagsOci = stampsFor("oci", "ops-oci");
  t.deepEqual(inputs(find(h, "oci:Ons/subscription:Subscription", "ops-oci-webhook")), {
    compartmentId: "ocid1.compartment.oc1..test",
    endpoint: WEBHOOK.oci,
    freeformTags: tagsOci,
    protocol: "HTTPS",
    topicId: "ocid1.onstopic.oc1..ops-oci",
  });
  t.deepEqual(inputs(find(h, "oci:Monitoring/alarm:Alarm", "ops-oci-web-cpu")), {
    body: "web: CPU above 90%",
    compartmentId: "ocid1.compartment.oc1..test",
    destinations: ["ocid1.onstopic.oc1..ops-oci"],
    displayName: "dev-ops-oci-web-cpu",
    freeformTags: tagsOci,
    isEnabled: true,
    metricCompartmentId: "ocid1.compartment.oc1..test",
    namespace: "oci_computeagent",
    pendingDuration: "PT5M",
    query: 'CpuUtilization[5m]{resourceId =~ "oci-vm-0|oci-vm-1"}.mean() > 90',
    severity: "CRITICAL",
  });
});

test("autoscaling groups: one CPU rule per group that follows it as it scales (ASG dimension, scale set scope, instance name prefix, Droplet tag, instancePoolId)", (t) => {
  const rule = (type: string, name: string) => inputs(find(h, type, name));
  t.like(rule("aws:cloudwatch/metricAlarm:MetricAlarm", "group-aws-web-cpu"), {
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    dimensions: { AutoScalingGroupName: GROUP.aws },
    statistic: "Average",
    threshold: 70,
    comparisonOperator: "GreaterThanThreshold",
    alarmDescription: "web: CPU above 70%",
  });
  t.like(rule("azure-native:monitor:MetricAlert", "group-azure-web-cpu"), {
    scopes: [GROUP.azure],
    targetResourceType: "Microsoft.Compute/virtualMachineScaleSets",
    criteria: { allOf: [{ metricName: "Percentage CPU", metricNamespace: "Microsoft.Compute/virtualMachineScaleSets", operator: "GreaterThan", threshold: 70, timeAggregation: "Average" }] },
  });
  t.like(rule("gcp:monitoring/alertPolicy:AlertPolicy", "group-gcp-web-cpu"), {
    conditions: [{ conditionThreshold: { filter: `metric.type="compute.googleapis.com/instance/cpu/utilization" AND resource.type="gce_instance" AND metric.label.instance_name=starts_with("${GROUP.gcp}-")`, thresholdValue: 0.7 } }],
  });
  const droplet = rule("digitalocean:index/monitorAlert:MonitorAlert", "group-digitalocean-web-cpu");
  t.deepEqual([droplet.type, droplet.tags, droplet.value, droplet.entities], ["v1/insights/droplet/cpu", [GROUP.digitalocean], 70, undefined]);
  t.like(rule("oci:Monitoring/alarm:Alarm", "group-oci-web-cpu"), { namespace: "oci_computeagent", query: `CpuUtilization[5m]{instancePoolId = "${GROUP.oci}"}.mean() > 70` });
});

test("every child on its cloud's provider, none protected; outputs resolve", async (t) => {
  for (const cloud of CLOUDS) {
    for (const r of h.registrations.filter((x) => x.parent === component(`ops-${cloud}`).urn && !x.type.startsWith("random:"))) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect);
    }
  }
  const got = Object.fromEntries(await Promise.all(CLOUDS.map(async (cloud) => [cloud, [await valueOf(built[cloud].logDestination), await valueOf(built[cloud].notificationTarget), (await valueOf(built[cloud].alertIds)).length]])));
  const gcpChannels = await valueOf(built.gcp.notificationTarget);
  t.deepEqual(got, {
    aws: ["arn:aws:logs:eu-west-1:123456789012:log-group:/tessera/dev-ops-aws-25qsbz", "arn:aws:sns:eu-west-1:123456789012:dev-ops-aws-25qsbz", 4],
    azure: ["ops-azure-id", "ops-azure-id", 3],
    gcp: ["projects/acme-test-123/locations/europe-west1/buckets/dev-ops-gcp-7jsxxt", gcpChannels, 3],
    digitalocean: ["", `oncall@example.com,${WEBHOOK.digitalocean}`, 2],
    oci: ["ops-oci-id", "ocid1.onstopic.oc1..ops-oci", 1],
  });
  t.regex(gcpChannels, /^projects\/acme-test-123\/notificationChannels\/\d+,projects\/acme-test-123\/notificationChannels\/\d+$/);
});

test("bad arguments and unwatchable cells: InputPropertyError naming the field, nothing registered", (t) => {
  t.deepEqual(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, propertyError(e)])), {
    notify: ["notify", "notify: needs an email or a webhookUrl"],
    email: ["notify.email", 'notify.email: "oncall" is not an email address'],
    "do-webhook": ["notify.webhookUrl", "notify.webhookUrl: DigitalOcean monitoring notifies by email or Slack only; give a https://hooks.slack.com/ webhook or an email"],
    "oci-db": [
      "databases.db",
      "databases.db: database storage alerts are not available on oci: OCI Database with PostgreSQL storage grows automatically (to 32 TB), so there is no allocated size to alert on; allowed on aws, azure, gcp, digitalocean",
    ],
    "oci-fn": ["functions.api", "functions.api: function 5xx alerts are not available on oci: OCI Functions metrics (oci_faas) count failed invocations, not HTTP 5xx responses; allowed on aws, azure, gcp"],
    "do-fn": ["functions.api", "functions.api: function 5xx alerts are not available on digitalocean: App Platform's monitoring has no HTTP status metric; allowed on aws, azure, gcp"],
    cpu: ["cpuPercent", "cpuPercent: must be an integer from 1 to 100 (got 120)"],
    key: ["instances.Web", "instances.Web: watched services are keyed by service name: lowercase letters, digits and '-', a letter first, at most 30"],
  });
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")).map((r) => r.name), []);
});
