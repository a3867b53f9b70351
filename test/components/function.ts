/**
 * Function on all five clouds, public and private: exact children, the security-relevant inputs
 * (authentication, ingress, identity, image source), tags, providers, outputs (URL and identity)
 * and validation.
 */
import fc from "fast-check";
import { suite } from "../suite";
import { imageProblem } from "../../core/registries";
import { validateFunctionArgs } from "../../components/serverless/contract";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Network } from "../../components/network";
import { Function as Fn } from "../../components/serverless";
import type { Target } from "../../components/target";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, propertyError, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("function");

const IMAGE: Record<Cloud, string> = {
  aws: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4",
  azure: "ghcr.io/acme/api:1.4",
  gcp: "europe-docker.pkg.dev/acme/api/api:1.4",
  digitalocean: "ghcr.io/acme/api:1.4",
  oci: "fra.ocir.io/acme/api:1.4",
};
let h: Harness;
let awsTarget: Target;
const pub = {} as Record<Cloud, Fn>;
const priv = {} as Record<Cloud, Fn>;
const { errors, attempt } = errorCatcher();
const KEY = "projects/acme-test-123/locations/europe-west1/keyRings/ring/cryptoKeys/data";

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    awsTarget = t.aws;
    for (const cloud of CLOUDS) {
      const network = cloud === "oci" ? new Network("net-oci", { target: t.oci }) : undefined;
      pub[cloud] = new Fn(`api-${cloud}`, { target: t[cloud], image: IMAGE[cloud], public: true, environment: { MODE: "prod" }, ...(network ? { network } : {}) });
      priv[cloud] = new Fn(`int-${cloud}`, { target: t[cloud], image: IMAGE[cloud], memoryMb: 1024, timeoutSeconds: 60, port: 9000, ...(network ? { network } : {}) });
    }
    // Secret-looking variables: Container Apps secrets on Azure, encrypted SECRET variables on DigitalOcean.
    new Fn("sec-azure", { target: t.azure, image: IMAGE.azure, environment: { DB_PASSWORD: "hunter2", MODE: "prod" } });
    new Fn("sec-digitalocean", { target: t.digitalocean, image: IMAGE.digitalocean, environment: { DB_PASSWORD: "hunter2", MODE: "prod" } });
    // Cloud Run: a Secret Manager secret per secret variable (a secret-looking name, or one marked secret), read by reference.
    new Fn("sec-gcp", { target: t.gcp, image: IMAGE.gcp, environment: { DB_PASSWORD: "hunter2", SIGNING: "s3cr3t", MODE: "prod" }, secretEnvironment: ["SIGNING"] });
    // With the stack's Cloud KMS key (confidential data): each replica encrypted with it, after the Secret Manager agent's grant.
    new Fn("cmek-gcp", { target: t.gcp, image: IMAGE.gcp, environment: { DB_PASSWORD: "hunter2", MODE: "prod" }, customerManagedKey: KEY });
    // A key and nothing secret: no agent, no grant.
    new Fn("cmek-plain-gcp", { target: t.gcp, image: IMAGE.gcp, environment: { MODE: "prod" }, customerManagedKey: KEY });
    attempt("key-region", () => new Fn("bad-key-region", { target: t.gcp, image: IMAGE.gcp, environment: { DB_PASSWORD: "p" }, customerManagedKey: KEY.replace("europe-west1", "us-central1") }));
    attempt("key-name", () => new Fn("bad-key-name", { target: t.gcp, image: IMAGE.gcp, environment: { DB_PASSWORD: "p" }, customerManagedKey: "tessera-key" }));
    attempt("key-azure", () => new Fn("bad-key-azure", { target: t.azure, image: IMAGE.azure, environment: { DB_PASSWORD: "p" }, customerManagedKey: "https://vault.vault.azure.net/keys/data" }));
    // Lambda and OCI Functions have no secret reference: refused, as placement refuses those clouds.
    attempt("aws-secret", () => new Fn("bad-aws-secret", { target: t.aws, image: IMAGE.aws, environment: { API_TOKEN: "t", MODE: "prod" } }));
    attempt("oci-secret", () => new Fn("bad-oci-secret", { target: t.oci, image: IMAGE.oci, environment: { SIGNING: "s", DB_PASSWORD: "p" }, secretEnvironment: ["SIGNING"], network: new Network("net-oci-secret", { target: t.oci }) }));
    attempt("aws-image", () => new Fn("bad-aws", { target: t.aws, image: "ghcr.io/acme/api:1.4" }));
    attempt("aws-region", () => new Fn("bad-aws-region", { target: t.aws, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4" }));
    attempt("oci-region", () => new Fn("bad-oci-region", { target: t.oci, image: "iad.ocir.io/acme/api:1.4", network: new Network("net-oci-bad", { target: t.oci }) }));
    attempt("oci-network", () => new Fn("bad-oci", { target: t.oci, image: IMAGE.oci }));
    attempt("do-registry", () => new Fn("bad-do", { target: t.digitalocean, image: "quay.io/acme/api:1.4" }));
    attempt("env", () => new Fn("bad-env", { target: t.gcp, image: IMAGE.gcp, environment: { "1BAD": "x" } }));
    attempt("memory", () => new Fn("bad-memory", { target: t.gcp, image: IMAGE.gcp, memoryMb: 8192 }));
    attempt("network", () => new Fn("bad-network", { target: t.oci, image: IMAGE.oci, network: new Network("net-aws", { target: t.aws }) }));
  });
});

const component = (name: string) => find(h, "tessera:serverless:Function", name);

test("property: a Lambda accepts an ECR image exactly when it is in the function's region, as placement does", (t) => {
  const regions = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];
  fc.assert(
    fc.property(fc.constantFrom(...regions), fc.constantFrom(...regions), (at, site) => {
      const image = `123456789012.dkr.ecr.${at}.amazonaws.com/api:1.4`;
      let field: string | undefined;
      try {
        // Only the cloud and region matter to the check: no provider registers.
        validateFunctionArgs({ target: { ...awsTarget, region: site }, image });
      } catch (e) {
        field = propertyError(e)[0];
      }
      t.is(field, at === site ? undefined : "image");
      t.is(imageProblem("aws", image, site) === undefined, at === site);
    }),
  );
});

test("children on every cloud, public and private", (t) => {
  const expected: Record<Cloud, [Array<[string, string]>, Array<[string, string]>]> = {
    aws: [
      [
        ["aws:iam/role:Role", "api-aws"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "api-aws"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "api-aws-xray"],
        ["aws:lambda/function:Function", "api-aws"],
        ["aws:lambda/functionUrl:FunctionUrl", "api-aws"],
        ["aws:lambda/permission:Permission", "api-aws-public-invoke"],
        ["aws:lambda/permission:Permission", "api-aws-public-url"],
      ],
      [
        ["aws:iam/role:Role", "int-aws"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "int-aws"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "int-aws-xray"],
        ["aws:lambda/function:Function", "int-aws"],
        ["aws:lambda/functionUrl:FunctionUrl", "int-aws"],
      ],
    ],
    azure: [
      [
        ["azure-native:app:ContainerApp", "api-azure"],
        ["azure-native:app:ManagedEnvironment", "api-azure"],
      ],
      [
        ["azure-native:app:ContainerApp", "int-azure"],
        ["azure-native:app:ManagedEnvironment", "int-azure"],
      ],
    ],
    gcp: [
      [
        ["gcp:cloudrunv2/service:Service", "api-gcp"],
        ["gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "api-gcp-public"],
        ["gcp:serviceaccount/account:Account", "api-gcp"],
      ],
      [
        ["gcp:cloudrunv2/service:Service", "int-gcp"],
        ["gcp:serviceaccount/account:Account", "int-gcp"],
      ],
    ],
    digitalocean: [[["digitalocean:index/app:App", "api-digitalocean"]], [["digitalocean:index/app:App", "int-digitalocean"]]],
    oci: [
      [
        ["oci:ApiGateway/deployment:Deployment", "api-oci"],
        ["oci:ApiGateway/gateway:Gateway", "api-oci"],
        ["oci:Core/networkSecurityGroup:NetworkSecurityGroup", "api-oci-gateway"],
        ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "api-oci-gateway-https"],
        ["oci:Functions/application:Application", "api-oci"],
        ["oci:Functions/function:Function", "api-oci"],
        ["oci:Identity/policy:Policy", "api-oci-service"],
      ],
      [
        ["oci:Functions/application:Application", "int-oci"],
        ["oci:Functions/function:Function", "int-oci"],
        ["oci:Identity/policy:Policy", "int-oci-service"],
      ],
    ],
  };
  for (const cloud of CLOUDS) t.deepEqual([children(h, component(`api-${cloud}`)), children(h, component(`int-${cloud}`))], expected[cloud], cloud);
});

test("aws: Lambda from the ECR image with its own role (basic logging and trace writes) and X-Ray; IAM-authenticated URL unless public", (t) => {
  t.deepEqual(inputs(find(h, "aws:lambda/function:Function", "api-aws")), {
    environment: { variables: { MODE: "prod" } },
    imageUri: IMAGE.aws,
    memorySize: 512,
    name: "dev-api-aws-y4stqq",
    packageType: "Image",
    role: "arn:aws:iam::123456789012:role/api-aws",
    tags: stampsFor("aws", "api-aws"),
    timeout: 30,
    tracingConfig: { mode: "Active" },
  });
  t.deepEqual(JSON.parse(inputs(find(h, "aws:iam/role:Role", "api-aws")).assumeRolePolicy as string), {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
  t.deepEqual(inputs(find(h, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "api-aws")), { policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", role: "api-aws" });
  t.deepEqual(inputs(find(h, "aws:lambda/functionUrl:FunctionUrl", "api-aws")), { authorizationType: "NONE", functionName: "dev-api-aws-y4stqq" });
  t.deepEqual(inputs(find(h, "aws:lambda/permission:Permission", "api-aws-public-url")), { action: "lambda:InvokeFunctionUrl", function: "dev-api-aws-y4stqq", functionUrlAuthType: "NONE", principal: "*" });
  // Since October 2025 a public URL answers 403 without the second statement.
  t.deepEqual(inputs(find(h, "aws:lambda/permission:Permission", "api-aws-public-invoke")), { action: "lambda:InvokeFunction", function: "dev-api-aws-y4stqq", invokedViaFunctionUrl: true, principal: "*" });
  // Active tracing: CreateFunction is refused unless the role may write traces, so the function waits for it.
  const xray = find(h, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "api-aws-xray");
  t.deepEqual(inputs(xray), { policyArn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess", role: "api-aws" });
  t.true(find(h, "aws:lambda/function:Function", "api-aws").dependencies.includes(xray.urn));
  t.deepEqual(inputs(find(h, "aws:lambda/functionUrl:FunctionUrl", "int-aws")), { authorizationType: "AWS_IAM", functionName: "dev-int-aws-87y5lp" });
  t.like(inputs(find(h, "aws:lambda/function:Function", "int-aws")), { memorySize: 1024, timeout: 60 });
});

test("azure: Container App with a system identity, HTTPS-only ingress (external only when public), scale to zero", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:app:ManagedEnvironment", "api-azure")), {
    environmentName: "dev-api-azure-25t4ih",
    location: "westeurope",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    tags: stampsFor("azure", "api-azure"),
  });
  t.deepEqual(inputs(find(h, "azure-native:app:ContainerApp", "api-azure")), {
    configuration: { activeRevisionsMode: "Single", ingress: { allowInsecure: false, external: true, targetPort: 8080, transport: "auto" } },
    containerAppName: "dev-api-azure-25t4ih",
    identity: { type: "SystemAssigned" },
    location: "westeurope",
    managedEnvironmentId: "api-azure-id",
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    tags: stampsFor("azure", "api-azure"),
    template: {
      containers: [{ env: [{ name: "MODE", value: "prod" }], image: IMAGE.azure, name: "main", resources: { cpu: 0.25, memory: "0.5Gi" } }],
      scale: { maxReplicas: 10, minReplicas: 0 },
    },
  });
  const internal = inputs(find(h, "azure-native:app:ContainerApp", "int-azure"));
  t.deepEqual(internal.configuration, { activeRevisionsMode: "Single", ingress: { allowInsecure: false, external: false, targetPort: 9000, transport: "auto" } });
  t.deepEqual((internal.template as { containers: Array<{ resources: unknown }> }).containers[0]!.resources, { cpu: 0.5, memory: "1Gi" });
});

test("gcp: Cloud Run with its own service account, internal ingress unless public (then allUsers may invoke), scale to zero", (t) => {
  t.deepEqual(inputs(find(h, "gcp:serviceaccount/account:Account", "api-gcp")), { accountId: "dev-api-gcp-exsj5f", displayName: "tessera dev api-gcp", project: "acme-test-123" });
  t.deepEqual(inputs(find(h, "gcp:cloudrunv2/service:Service", "api-gcp")), {
    deletionProtection: false,
    ingress: "INGRESS_TRAFFIC_ALL",
    labels: stampsFor("gcp", "api-gcp"),
    location: "europe-west1",
    name: "dev-api-gcp-exsj5f",
    project: "acme-test-123",
    template: {
      containers: [{ envs: [{ name: "MODE", value: "prod" }], image: IMAGE.gcp, ports: { containerPort: 8080 }, resources: { limits: { cpu: "1", memory: "512Mi" } } }],
      scaling: { maxInstanceCount: 10, minInstanceCount: 0 },
      serviceAccount: "dev-api-gcp-exsj5f@acme-test-123.iam.gserviceaccount.com",
      timeout: "30s",
    },
  });
  t.deepEqual(inputs(find(h, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "api-gcp-public")), { location: "europe-west1", member: "allUsers", name: "dev-api-gcp-exsj5f", project: "acme-test-123", role: "roles/run.invoker" });
  t.like(inputs(find(h, "gcp:cloudrunv2/service:Service", "int-gcp")), { ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY", template: { timeout: "60s" } });
});

test("digitalocean: App Platform service from GHCR in the region; HTTP port only when public", (t) => {
  t.deepEqual(inputs(find(h, "digitalocean:index/app:App", "api-digitalocean")), {
    spec: {
      name: "dev-api-digitalocean-s0qln3",
      region: "ams",
      services: [
        {
          envs: [{ key: "MODE", scope: "RUN_TIME", type: "GENERAL", value: "prod" }],
          httpPort: 8080,
          image: { registry: "acme", registryType: "GHCR", repository: "api", tag: "1.4" },
          instanceCount: 1,
          instanceSizeSlug: "apps-s-1vcpu-0.5gb",
          name: "main",
        },
      ],
    },
  });
  t.deepEqual((inputs(find(h, "digitalocean:index/app:App", "int-digitalocean")).spec as { services: unknown[] }).services, [
    { envs: [], image: { registry: "acme", registryType: "GHCR", repository: "api", tag: "1.4" }, instanceCount: 1, instanceSizeSlug: "apps-s-1vcpu-1gb", internalPorts: [9000], name: "main" },
  ]);
});

test("oci: application in the private subnet, the OCIR function; a public one behind an API gateway with its own HTTPS-only NSG", (t) => {
  const tagsOci = stampsFor("oci", "api-oci");
  // OCI Functions and API Gateway act only where a policy allows them: created first.
  const policy = find(h, "oci:Identity/policy:Policy", "api-oci-service");
  t.deepEqual(inputs(policy).statements, [
    "Allow service faas to use virtual-network-family in compartment id ocid1.compartment.oc1..test",
    "Allow service faas to read repos in compartment id ocid1.compartment.oc1..test",
    "Allow any-user to use functions-family in compartment id ocid1.compartment.oc1..test where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = 'ocid1.compartment.oc1..test'}",
  ]);
  t.deepEqual(inputs(find(h, "oci:Identity/policy:Policy", "int-oci-service")).statements, [
    "Allow service faas to use virtual-network-family in compartment id ocid1.compartment.oc1..test",
    "Allow service faas to read repos in compartment id ocid1.compartment.oc1..test",
  ]);
  for (const [type, name] of [["oci:Functions/application:Application", "api-oci"], ["oci:Functions/function:Function", "api-oci"], ["oci:ApiGateway/deployment:Deployment", "api-oci"]] as const) {
    t.true(find(h, type, name).dependencies.includes(policy.urn), `${type} ${name}`);
  }
  t.deepEqual(inputs(find(h, "oci:Functions/application:Application", "api-oci")), {
    compartmentId: "ocid1.compartment.oc1..test",
    displayName: "dev-api-oci-7lak18",
    freeformTags: tagsOci,
    shape: "GENERIC_X86",
    subnetIds: ["ocid1.subnet.oc1..net-oci-private"],
  });
  t.deepEqual(inputs(find(h, "oci:Functions/function:Function", "api-oci")), {
    applicationId: "api-oci-id",
    config: { MODE: "prod" },
    displayName: "api-oci-d63nnt",
    freeformTags: tagsOci,
    image: IMAGE.oci,
    memoryInMbs: "512",
    timeoutInSeconds: 30,
  });
  t.deepEqual(inputs(find(h, "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "api-oci-gateway-https")), {
    description: "HTTPS to the API gateway",
    direction: "INGRESS",
    networkSecurityGroupId: "api-oci-gateway-id",
    protocol: "6",
    source: "0.0.0.0/0",
    sourceType: "CIDR_BLOCK",
    stateless: false,
    tcpOptions: { destinationPortRange: { max: 443, min: 443 } },
  });
  t.deepEqual(inputs(find(h, "oci:ApiGateway/gateway:Gateway", "api-oci")), {
    compartmentId: "ocid1.compartment.oc1..test",
    displayName: "dev-api-oci",
    endpointType: "PUBLIC",
    freeformTags: tagsOci,
    networkSecurityGroupIds: ["api-oci-gateway-id"],
    subnetId: "ocid1.subnet.oc1..net-oci-public",
  });
  t.deepEqual(inputs(find(h, "oci:ApiGateway/deployment:Deployment", "api-oci")).specification, {
    routes: [{ backend: { functionId: "ocid1.fnfunc.oc1..api-oci", type: "ORACLE_FUNCTIONS_BACKEND" }, methods: ["ANY"], path: "/{path*}" }],
  });
});

test("secret-looking environment variables: Container Apps secrets by reference (Azure), SECRET variables (DigitalOcean)", (t) => {
  const app = inputs(find(h, "azure-native:app:ContainerApp", "sec-azure"));
  t.deepEqual((app.configuration as { secrets: unknown }).secrets, [{ name: "db-password", value: "hunter2" }]);
  t.deepEqual((app.template as { containers: Array<{ env: unknown }> }).containers[0]!.env, [
    { name: "DB_PASSWORD", secretRef: "db-password" },
    { name: "MODE", value: "prod" },
  ]);
  t.deepEqual((inputs(find(h, "digitalocean:index/app:App", "sec-digitalocean")).spec as { services: Array<{ envs: unknown }> }).services[0]!.envs, [
    { key: "DB_PASSWORD", scope: "RUN_TIME", type: "SECRET", value: "hunter2" },
    { key: "MODE", scope: "RUN_TIME", type: "GENERAL", value: "prod" },
  ]);
});

test("gcp: secret variables are Secret Manager secrets in the function's region, readable by its own service account only, referenced by version", (t) => {
  const fn = component("sec-gcp");
  t.deepEqual(children(h, fn), [
    ["gcp:cloudrunv2/service:Service", "sec-gcp"],
    ["gcp:secretmanager/secret:Secret", "sec-gcp-db-password"],
    ["gcp:secretmanager/secret:Secret", "sec-gcp-signing"],
    ["gcp:secretmanager/secretIamMember:SecretIamMember", "sec-gcp-db-password"],
    ["gcp:secretmanager/secretIamMember:SecretIamMember", "sec-gcp-signing"],
    ["gcp:secretmanager/secretVersion:SecretVersion", "sec-gcp-db-password"],
    ["gcp:secretmanager/secretVersion:SecretVersion", "sec-gcp-signing"],
    ["gcp:serviceaccount/account:Account", "sec-gcp"],
  ]);
  const secret = find(h, "gcp:secretmanager/secret:Secret", "sec-gcp-db-password");
  t.deepEqual(inputs(secret), { labels: stampsFor("gcp", "sec-gcp"), project: "acme-test-123", replication: { userManaged: { replicas: [{ location: "europe-west1" }] } }, secretId: inputs(secret).secretId });
  t.regex(inputs(secret).secretId as string, /^dev-sec-gcp-db-password-[a-z0-9]+$/);
  const signing = inputs(find(h, "gcp:secretmanager/secret:Secret", "sec-gcp-signing")).secretId as string;
  t.deepEqual(inputs(find(h, "gcp:secretmanager/secretVersion:SecretVersion", "sec-gcp-db-password")), { secret: `projects/acme-test-123/secrets/${inputs(secret).secretId}`, secretData: { secret: "hunter2" } });
  t.deepEqual(inputs(find(h, "gcp:secretmanager/secretIamMember:SecretIamMember", "sec-gcp-signing")), {
    member: `serviceAccount:${inputs(find(h, "gcp:serviceaccount/account:Account", "sec-gcp")).accountId}@acme-test-123.iam.gserviceaccount.com`,
    project: "acme-test-123",
    role: "roles/secretmanager.secretAccessor",
    secretId: signing,
  });
  const service = find(h, "gcp:cloudrunv2/service:Service", "sec-gcp");
  t.deepEqual((inputs(service).template as { containers: Array<{ envs: unknown }> }).containers[0]!.envs, [
    { name: "DB_PASSWORD", valueSource: { secretKeyRef: { secret: inputs(secret).secretId, version: "1" } } },
    { name: "SIGNING", valueSource: { secretKeyRef: { secret: signing, version: "1" } } },
    { name: "MODE", value: "prod" },
  ]);
  // The revision is created only once its account may read both secrets.
  t.deepEqual(service.dependencies.filter((d) => d.includes("SecretIamMember")).map((d) => d.split("::").pop()), ["sec-gcp-db-password", "sec-gcp-signing"]);
});

test("gcp: with a customer key, the Secret Manager agent is created, granted the key, and each secret's replica is encrypted with it after the grant", (t) => {
  t.deepEqual(children(h, component("cmek-gcp")), [
    ["gcp:cloudrunv2/service:Service", "cmek-gcp"],
    ["gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "cmek-gcp-secretmanager-cmek"],
    ["gcp:projects/serviceIdentity:ServiceIdentity", "cmek-gcp-secretmanager"],
    ["gcp:secretmanager/secret:Secret", "cmek-gcp-db-password"],
    ["gcp:secretmanager/secretIamMember:SecretIamMember", "cmek-gcp-db-password"],
    ["gcp:secretmanager/secretVersion:SecretVersion", "cmek-gcp-db-password"],
    ["gcp:serviceaccount/account:Account", "cmek-gcp"],
  ]);
  const identity = find(h, "gcp:projects/serviceIdentity:ServiceIdentity", "cmek-gcp-secretmanager");
  t.deepEqual(inputs(identity), { project: "acme-test-123", service: "secretmanager.googleapis.com" });
  const grant = find(h, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "cmek-gcp-secretmanager-cmek");
  t.deepEqual(inputs(grant), { cryptoKeyId: KEY, member: "serviceAccount:service-123456789012@gcp-sa-secretmanager.iam.gserviceaccount.com", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter" });
  t.deepEqual(grant.propertyDependencies.member, [identity.urn]);
  const secret = find(h, "gcp:secretmanager/secret:Secret", "cmek-gcp-db-password");
  t.deepEqual(inputs(secret), {
    labels: stampsFor("gcp", "cmek-gcp"),
    project: "acme-test-123",
    replication: { userManaged: { replicas: [{ customerManagedEncryption: { kmsKeyName: KEY }, location: "europe-west1" }] } },
    secretId: inputs(secret).secretId,
  });
  t.true(secret.dependencies.includes(grant.urn));
  t.true(secret.dependencies.includes(find(h, "gcp:projects/service:Service", "gcp-api-secretmanager").urn));
  // Nothing secret, nothing to encrypt: the key is not used.
  t.deepEqual(children(h, component("cmek-plain-gcp")), [
    ["gcp:cloudrunv2/service:Service", "cmek-plain-gcp"],
    ["gcp:serviceaccount/account:Account", "cmek-plain-gcp"],
  ]);
});

test("every child on its cloud's provider, none protected (functions hold no data)", (t) => {
  for (const cloud of CLOUDS) {
    for (const name of [`api-${cloud}`, `int-${cloud}`]) {
      for (const r of h.registrations.filter((x) => x.parent === component(name).urn)) {
        t.is(providerOf(r), `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
        t.false(r.protect);
      }
    }
  }
});

test("parity: URL, identity and resource id on every cloud (private URLs are authenticated or internal)", async (t) => {
  const expected: Record<Cloud, [string[], string[]]> = {
    aws: [
      ["https://api-awsabcdefghij.lambda-url.eu-west-1.on.aws/", "arn:aws:iam::123456789012:role/api-aws", "dev-api-aws-y4stqq"],
      ["https://int-awsabcdefghij.lambda-url.eu-west-1.on.aws/", "arn:aws:iam::123456789012:role/int-aws", "dev-int-aws-87y5lp"],
    ],
    azure: [
      ["https://dev-api-azure-25t4ih.happy-sky-0a1b2c3d.westeurope.azurecontainerapps.io", "44444444-4444-4444-4444-444444444444", "api-azure-id"],
      ["https://dev-int-azure-2a3ddl.internal.happy-sky-0a1b2c3d.westeurope.azurecontainerapps.io", "44444444-4444-4444-4444-444444444444", "int-azure-id"],
    ],
    gcp: [
      ["https://dev-api-gcp-exsj5f-abcdefghij-ew.a.run.app", "dev-api-gcp-exsj5f@acme-test-123.iam.gserviceaccount.com", "projects/acme-test-123/locations/europe-west1/services/dev-api-gcp-exsj5f"],
      ["https://dev-int-gcp-4gdcp8-abcdefghij-ew.a.run.app", "dev-int-gcp-4gdcp8@acme-test-123.iam.gserviceaccount.com", "projects/acme-test-123/locations/europe-west1/services/dev-int-gcp-4gdcp8"],
    ],
    digitalocean: [
      ["https://dev-api-digitalocean-s0qln3-a1b2c.ondigitalocean.app", "", "api-digitalocean-id"],
      ["", "", "int-digitalocean-id"],
    ],
    oci: [
      ["https://api-ociabcdefgh.apigateway.eu-frankfurt-1.oci.customer-oci.com/", "ocid1.fnfunc.oc1..api-oci", "ocid1.fnfunc.oc1..api-oci"],
      ["https://a1b2c3d4e5f.eu-frankfurt-1.functions.oci.oraclecloud.com/20181201/functions/ocid1.fnfunc.oc1..int-oci/actions/invoke", "ocid1.fnfunc.oc1..int-oci", "ocid1.fnfunc.oc1..int-oci"],
    ],
  };
  for (const cloud of CLOUDS) {
    const got = await Promise.all([pub[cloud], priv[cloud]].map(async (f) => [await valueOf(f.url), await valueOf(f.identity), await valueOf(f.resourceId)]));
    t.deepEqual(got, expected[cloud], cloud);
  }
  t.is(await valueOf(priv.gcp.identity), "dev-int-gcp-4gdcp8@acme-test-123.iam.gserviceaccount.com");
});

test("bad arguments: InputPropertyError naming the field and the allowed values, nothing registered", (t) => {
  t.deepEqual(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, propertyError(e)])), {
    "aws-image": ["image", 'image: "ghcr.io/acme/api:1.4" cannot run on aws; it needs an Amazon ECR image (<account>.dkr.ecr.<region>.amazonaws.com/...)'],
    "aws-region": ["image", 'image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4" is in Amazon ECR us-east-1; Lambda in eu-west-1 pulls only from its own region (https://docs.aws.amazon.com/lambda/latest/dg/images-create.html); push or replicate the image to eu-west-1'],
    "oci-region": ["image", 'image: "iad.ocir.io/acme/api:1.4" is in OCI Container Registry us-ashburn-1; OCI Functions in eu-frankfurt-1 pulls only from its own region (https://docs.oracle.com/en-us/iaas/Content/Functions/Tasks/functionscreatingfunction-task.htm); push or replicate the image to eu-frankfurt-1'],
    "oci-network": ["network", "network: is required on oci: OCI Functions run in a subnet"],
    "do-registry": ["image", 'image: "quay.io/acme/api:1.4" cannot run on digitalocean; it needs a Docker Hub, DOCR (registry.digitalocean.com/...) or GHCR (ghcr.io/...) image'],
    env: ["environment.1BAD", "environment.1BAD: environment variable names are letters, digits and _, not starting with a digit"],
    memory: ["memoryMb", "memoryMb: must be an integer from 128 to 3072 (got 8192)"],
    network: ["network", "network: is on aws eu-west-1, but this component is placed on oci eu-frankfurt-1"],
    "key-region": ["customerManagedKey", "customerManagedKey: the key is in us-central1, and Secret Manager needs each replica's key in the replica's location: europe-west1"],
    "key-name": ["customerManagedKey", 'customerManagedKey: "tessera-key" is not a Cloud KMS key name (projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>)'],
    "key-azure": ["customerManagedKey", "customerManagedKey: encrypts secret environment values in Secret Manager (Cloud Run); azure keeps them with provider-managed keys; allowed on gcp"],
    "aws-secret": [
      "environment",
      "environment: secret environment variable API_TOKEN cannot stay secret on aws: Lambda environment variables are plain function configuration with no secret reference (AWS recommends Secrets Manager read by the function's code instead); allowed on azure, gcp, digitalocean",
    ],
    "oci-secret": ["environment", "environment: secret environment variables DB_PASSWORD, SIGNING cannot stay secret on oci: OCI Functions configuration parameters are plain key-value pairs with no Vault reference; allowed on azure, gcp, digitalocean"],
  });
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")).map((r) => r.name), []);
});
