/**
 * ObjectStorage on all five clouds under the engine-faithful harness (update semantics): exact
 * children, security inputs, providers, tags, protection and outputs.
 */
import { suite } from "../suite";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { ObjectStorage } from "../../components/storage";
import { type Harness, installHarness } from "../../harness";
import { children, find, inputs, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("storage");

let h: Harness;
const built = {} as Record<Cloud, ObjectStorage>;

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) built[cloud] = new ObjectStorage(`docs-${cloud}`, { target: t[cloud], retentionDays: 30, labels: { team: "data" } });
  });
});

const component = (cloud: Cloud) => find(h, "tessera:storage:ObjectStorage", `docs-${cloud}`);

test("component URNs are engine-shaped and parented to the root stack", (t) => {
  t.is(component("aws").urn, "urn:pulumi:dev::tessera::tessera:storage:ObjectStorage::docs-aws");
  t.is(component("aws").parent, "urn:pulumi:dev::tessera::pulumi:pulumi:Stack::tessera-dev");
  t.is(
    find(h, "aws:s3/bucket:Bucket", "docs-aws").urn,
    "urn:pulumi:dev::tessera::tessera:storage:ObjectStorage$aws:s3/bucket:Bucket::docs-aws",
  );
});

test("aws: S3 bucket, public access block, ownership, SSE-KMS, versioning, lifecycle", (t) => {
  t.deepEqual(children(h, component("aws")), [
    ["aws:s3/bucket:Bucket", "docs-aws"],
    ["aws:s3/bucket:Bucket", "docs-aws-access-logs"],
    ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "docs-aws-access-logs-lifecycle"],
    ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "docs-aws-lifecycle"],
    ["aws:s3/bucketLogging:BucketLogging", "docs-aws-logging"],
    ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "docs-aws-access-logs-ownership"],
    ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "docs-aws-ownership"],
    ["aws:s3/bucketPolicy:BucketPolicy", "docs-aws-access-logs-policy"],
    ["aws:s3/bucketPolicy:BucketPolicy", "docs-aws-policy"],
    ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "docs-aws-access-logs-public-access"],
    ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "docs-aws-public-access"],
    ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "docs-aws-access-logs-encryption"],
    ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "docs-aws-encryption"],
    ["aws:s3/bucketVersioning:BucketVersioning", "docs-aws-access-logs-versioning"],
    ["aws:s3/bucketVersioning:BucketVersioning", "docs-aws-versioning"],
    ["random:index/randomString:RandomString", "docs-aws-access-logs-name"],
    ["random:index/randomString:RandomString", "docs-aws-name"],
  ]);
  // The bucket name's suffix: random, kept in state, new when the region changes.
  t.deepEqual(inputs(find(h, "random:index/randomString:RandomString", "docs-aws-name")), { keepers: { region: "eu-west-1" }, length: 6, lower: true, numeric: true, special: false, upper: false });
  const bucket = "dev-docs-aws-tr7vpl";
  t.deepEqual(inputs(find(h, "aws:s3/bucket:Bucket", "docs-aws")), { bucket, forceDestroy: false, tags: { team: "data", ...stampsFor("aws", "docs-aws") } });
  t.deepEqual(inputs(find(h, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "docs-aws-public-access")), {
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  t.deepEqual(inputs(find(h, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "docs-aws-ownership")), { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
  t.deepEqual(inputs(find(h, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "docs-aws-encryption")), {
    bucket,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
  });
  t.deepEqual(inputs(find(h, "aws:s3/bucketVersioning:BucketVersioning", "docs-aws-versioning")), { bucket, versioningConfiguration: { status: "Enabled" } });
  t.deepEqual(inputs(find(h, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "docs-aws-lifecycle")), {
    bucket,
    rules: [{ filter: {}, id: "expire-previous-versions", noncurrentVersionExpiration: { noncurrentDays: 30 }, status: "Enabled" }],
  });
});

test("aws: plain HTTP refused; server access logs to a private, SSE-S3, TLS-only log bucket only S3 logging of this account may write", (t) => {
  const bucket = "dev-docs-aws-tr7vpl";
  const logs = "dev-docs-aws-access-logs-eqjlh9";
  const deny = (b: string) => ({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
  const policy = (n: string) => {
    const i = inputs(find(h, "aws:s3/bucketPolicy:BucketPolicy", n));
    return { ...i, policy: JSON.parse(i.policy as string) };
  };
  t.deepEqual(policy("docs-aws-policy"), { bucket, policy: { Version: "2012-10-17", Statement: [deny(bucket)] } });
  t.deepEqual(policy("docs-aws-access-logs-policy"), {
    bucket: logs,
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "S3ServerAccessLogsPolicy",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${logs}/*`,
          Condition: { ArnLike: { "aws:SourceArn": [`arn:aws:s3:::${bucket}`] }, StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
        deny(logs),
      ],
    },
  });
  t.deepEqual(inputs(find(h, "aws:s3/bucketLogging:BucketLogging", "docs-aws-logging")), { bucket, targetBucket: logs, targetPrefix: "docs-aws/" });
  t.deepEqual(inputs(find(h, "aws:s3/bucket:Bucket", "docs-aws-access-logs")), { bucket: logs, forceDestroy: false, tags: { team: "data", "tessera-logs": "access", ...stampsFor("aws", "docs-aws") } });
  t.deepEqual(inputs(find(h, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "docs-aws-access-logs-public-access")), { bucket: logs, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  t.deepEqual(inputs(find(h, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "docs-aws-access-logs-ownership")), { bucket: logs, rule: { objectOwnership: "BucketOwnerEnforced" } });
  // S3 delivers server access logs only to SSE-S3 buckets.
  t.deepEqual(inputs(find(h, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "docs-aws-access-logs-encryption")), { bucket: logs, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
  t.deepEqual(inputs(find(h, "aws:s3/bucketVersioning:BucketVersioning", "docs-aws-access-logs-versioning")), { bucket: logs, versioningConfiguration: { status: "Enabled" } });
  t.deepEqual(inputs(find(h, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "docs-aws-access-logs-lifecycle")), {
    bucket: logs,
    rules: [{ expiration: { days: 365 }, filter: {}, id: "expire-logs", noncurrentVersionExpiration: { noncurrentDays: 30 }, status: "Enabled" }],
  });
});

test("azure: storage account locked down, versioned blob service, private container, lifecycle", (t) => {
  t.deepEqual(children(h, component("azure")), [
    ["azure-native:monitor:DiagnosticSetting", "docs-azure-access-logs"],
    ["azure-native:operationalinsights:Workspace", "docs-azure-access-logs"],
    ["azure-native:storage:BlobContainer", "docs-azure-container"],
    ["azure-native:storage:BlobServiceProperties", "docs-azure-blob"],
    ["azure-native:storage:ManagementPolicy", "docs-azure-lifecycle"],
    ["azure-native:storage:StorageAccount", "docs-azure"],
    ["random:index/randomString:RandomString", "docs-azure-access-logs-name"],
    ["random:index/randomString:RandomString", "docs-azure-name"],
  ]);
  const common = { accountName: "devdocsazurezzfa52", resourceGroupName: "tessera-dev-westeurope-3gizrm" };
  t.deepEqual(inputs(find(h, "azure-native:storage:StorageAccount", "docs-azure")), {
    ...common,
    location: "westeurope",
    kind: "StorageV2",
    sku: { name: "Standard_ZRS" },
    allowBlobPublicAccess: false,
    allowSharedKeyAccess: false,
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: "TLS1_2",
    encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true, services: { blob: { enabled: true, keyType: "Account" } } },
    tags: { team: "data", ...stampsFor("azure", "docs-azure") },
  });
  t.deepEqual(inputs(find(h, "azure-native:storage:BlobServiceProperties", "docs-azure-blob")), {
    ...common,
    blobServicesName: "default",
    isVersioningEnabled: true,
    deleteRetentionPolicy: { days: 7, enabled: true },
    containerDeleteRetentionPolicy: { days: 7, enabled: true },
  });
  t.deepEqual(inputs(find(h, "azure-native:storage:BlobContainer", "docs-azure-container")), { ...common, containerName: "docs-azure-1f9zsp", publicAccess: "None" });
  t.deepEqual(inputs(find(h, "azure-native:storage:ManagementPolicy", "docs-azure-lifecycle")), {
    ...common,
    managementPolicyName: "default",
    policy: {
      rules: [
        {
          name: "expire-previous-versions",
          enabled: true,
          type: "Lifecycle",
          definition: { actions: { version: { delete: { daysAfterCreationGreaterThan: 30 } } }, filters: { blobTypes: ["blockBlob"] } },
        },
      ],
    },
  });
});

test("azure: HTTPS only; blob reads, writes and deletes logged to a Log Analytics workspace", (t) => {
  t.is(inputs(find(h, "azure-native:storage:StorageAccount", "docs-azure")).enableHttpsTrafficOnly, true);
  t.deepEqual(inputs(find(h, "azure-native:operationalinsights:Workspace", "docs-azure-access-logs")), {
    location: "westeurope",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    retentionInDays: 365,
    sku: { name: "PerGB2018" },
    tags: { team: "data", "tessera-logs": "access", ...stampsFor("azure", "docs-azure") },
    workspaceName: "dev-docs-azure-access-logs-u8zeea",
  });
  t.deepEqual(inputs(find(h, "azure-native:monitor:DiagnosticSetting", "docs-azure-access-logs")), {
    name: "tessera-access-logs",
    resourceUri: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Storage/storageAccounts/devdocsazurezzfa52/blobServices/default",
    workspaceId: "docs-azure-access-logs-id",
    logs: [
      { category: "StorageRead", enabled: true },
      { category: "StorageWrite", enabled: true },
      { category: "StorageDelete", enabled: true },
    ],
  });
});

test("gcp: one bucket with uniform access, public access prevention, versioning and lifecycle", (t) => {
  t.deepEqual(children(h, component("gcp")), [["gcp:storage/bucket:Bucket", "docs-gcp"], ["random:index/randomString:RandomString", "docs-gcp-name"]]);
  t.deepEqual(inputs(find(h, "gcp:storage/bucket:Bucket", "docs-gcp")), {
    name: "dev-docs-gcp-ax55ru",
    project: "acme-test-123",
    location: "EUROPE-WEST1",
    storageClass: "STANDARD",
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    versioning: { enabled: true },
    forceDestroy: false,
    lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 30, withState: "ARCHIVED" } }],
    labels: { team: "data", ...stampsFor("gcp", "docs-gcp") },
  });
});

test("digitalocean: private, versioned Spaces bucket (Spaces has no tags)", (t) => {
  t.deepEqual(children(h, component("digitalocean")), [
    ["digitalocean:index/spacesBucket:SpacesBucket", "docs-digitalocean"],
    ["digitalocean:index/spacesBucket:SpacesBucket", "docs-digitalocean-access-logs"],
    ["digitalocean:index/spacesBucketLogging:SpacesBucketLogging", "docs-digitalocean-logging"],
    ["random:index/randomString:RandomString", "docs-digitalocean-access-logs-name"],
    ["random:index/randomString:RandomString", "docs-digitalocean-name"],
  ]);
  t.deepEqual(inputs(find(h, "digitalocean:index/spacesBucket:SpacesBucket", "docs-digitalocean-access-logs")), {
    name: "dev-docs-digitalocean-access-logs-ire9o7",
    region: "ams3",
    acl: "private",
    versioning: { enabled: true },
    forceDestroy: false,
    lifecycleRules: [{ enabled: true, expiration: { days: 365 }, id: "expire-logs", noncurrentVersionExpiration: { days: 30 } }],
  });
  t.deepEqual(inputs(find(h, "digitalocean:index/spacesBucketLogging:SpacesBucketLogging", "docs-digitalocean-logging")), {
    bucket: "dev-docs-digitalocean-xawxvl",
    region: "ams3",
    targetBucket: "dev-docs-digitalocean-access-logs-ire9o7",
    targetPrefix: "dev-docs-digitalocean-xawxvl/",
  });
  t.deepEqual(inputs(find(h, "digitalocean:index/spacesBucket:SpacesBucket", "docs-digitalocean")), {
    name: "dev-docs-digitalocean-xawxvl",
    region: "ams3",
    acl: "private",
    versioning: { enabled: true },
    forceDestroy: false,
    lifecycleRules: [{ enabled: true, id: "expire-previous-versions", noncurrentVersionExpiration: { days: 30 } }],
  });
});

test("oci: NoPublicAccess versioned bucket in the tenancy namespace, lifecycle policy run by the regional Object Storage service, which a policy allows first", (t) => {
  t.deepEqual(children(h, component("oci")), [
    ["oci:Identity/policy:Policy", "docs-oci-service"],
    ["oci:Logging/log:Log", "docs-oci-read-logs"],
    ["oci:Logging/log:Log", "docs-oci-write-logs"],
    ["oci:Logging/logGroup:LogGroup", "docs-oci-access-logs"],
    ["oci:ObjectStorage/bucket:Bucket", "docs-oci"],
    ["oci:ObjectStorage/objectLifecyclePolicy:ObjectLifecyclePolicy", "docs-oci-lifecycle"],
  ]);
  const logTags = { team: "data", "tessera-logs": "access", ...stampsFor("oci", "docs-oci") };
  t.deepEqual(inputs(find(h, "oci:Logging/logGroup:LogGroup", "docs-oci-access-logs")), {
    compartmentId: "ocid1.compartment.oc1..test",
    description: "tessera dev docs-oci: bucket access logs",
    displayName: "dev-docs-oci-access-logs-i6345k",
    freeformTags: logTags,
  });
  for (const category of ["read", "write"]) {
    t.deepEqual(inputs(find(h, "oci:Logging/log:Log", `docs-oci-${category}-logs`)), {
      configuration: { compartmentId: "ocid1.compartment.oc1..test", source: { category, resource: "dev-docs-oci-pib1k2", service: "objectstorage", sourceType: "OCISERVICE" } },
      displayName: { read: "docs-oci-read-ila750", write: "docs-oci-write-mfpaxe" }[category],
      freeformTags: logTags,
      isEnabled: true,
      logGroupId: "docs-oci-access-logs-id",
      logType: "SERVICE",
      // 365 days asked; OCI Logging keeps 180 at most.
      retentionDuration: 180,
    });
  }
  const policy = find(h, "oci:Identity/policy:Policy", "docs-oci-service");
  t.deepEqual(inputs(policy), {
    compartmentId: "ocid1.compartment.oc1..test",
    name: "dev-docs-oci-service-jky6q0",
    description: "tessera dev docs-oci: Object Storage may run the bucket's lifecycle rules",
    statements: ["Allow service objectstorage-eu-frankfurt-1 to manage object-family in compartment id ocid1.compartment.oc1..test where target.bucket.name = 'dev-docs-oci-pib1k2'"],
    freeformTags: { team: "data", ...stampsFor("oci", "docs-oci") },
  });
  t.true(find(h, "oci:ObjectStorage/objectLifecyclePolicy:ObjectLifecyclePolicy", "docs-oci-lifecycle").dependencies.includes(policy.urn));
  t.deepEqual(inputs(find(h, "oci:ObjectStorage/bucket:Bucket", "docs-oci")), {
    compartmentId: "ocid1.compartment.oc1..test",
    namespace: "tesseratenancy",
    name: "dev-docs-oci-pib1k2",
    accessType: "NoPublicAccess",
    versioning: "Enabled",
    storageTier: "Standard",
    freeformTags: { team: "data", ...stampsFor("oci", "docs-oci") },
  });
  t.deepEqual(
    h.invokes.filter((i) => i.token.startsWith("oci:")),
    [{ token: "oci:ObjectStorage/getNamespace:getNamespace", inputs: { compartmentId: "ocid1.compartment.oc1..test" } }],
  );
});

test("every child is on its cloud's explicit provider; only the data-holding children are protected", (t) => {
  const protectedChildren: string[] = [];
  for (const cloud of CLOUDS) {
    // Random suffixes are computed locally and live nowhere.
    for (const r of h.registrations.filter((x) => x.parent === component(cloud).urn && !x.type.startsWith("random:"))) {
      t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      if (r.protect) protectedChildren.push(`${r.type}::${r.name}`);
    }
  }
  t.deepEqual(protectedChildren.sort(), [
    "aws:s3/bucket:Bucket::docs-aws",
    "aws:s3/bucket:Bucket::docs-aws-access-logs",
    "azure-native:storage:BlobContainer::docs-azure-container",
    "azure-native:storage:StorageAccount::docs-azure",
    "digitalocean:index/spacesBucket:SpacesBucket::docs-digitalocean",
    "digitalocean:index/spacesBucket:SpacesBucket::docs-digitalocean-access-logs",
    "gcp:storage/bucket:Bucket::docs-gcp",
    "oci:ObjectStorage/bucket:Bucket::docs-oci",
  ]);
});

test("outputs resolve to each cloud's bucket name, HTTPS endpoint, region and cloud", async (t) => {
  const expected: Record<Cloud, [string, string]> = {
    aws: ["dev-docs-aws-tr7vpl", "https://dev-docs-aws-tr7vpl.s3.eu-west-1.amazonaws.com"],
    azure: ["docs-azure-1f9zsp", "https://devdocsazurezzfa52.blob.core.windows.net/docs-azure-1f9zsp"],
    gcp: ["dev-docs-gcp-ax55ru", "https://storage.googleapis.com/dev-docs-gcp-ax55ru"],
    digitalocean: ["dev-docs-digitalocean-xawxvl", "https://dev-docs-digitalocean-xawxvl.ams3.digitaloceanspaces.com"],
    oci: ["dev-docs-oci-pib1k2", "https://objectstorage.eu-frankfurt-1.oraclecloud.com/n/tesseratenancy/b/dev-docs-oci-pib1k2"],
  };
  for (const cloud of CLOUDS) {
    const s = built[cloud];
    t.deepEqual(
      [await valueOf(s.bucketName), await valueOf(s.endpoint), await valueOf(s.region), await valueOf(s.cloud)],
      [...expected[cloud], REGIONS[cloud], cloud],
      cloud,
    );
  }
});
