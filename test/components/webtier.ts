/**
 * WebTier on all five clouds: exact children; the load balancer, its HTTPS listener (TLS 1.2+
 * policy, certificate) and HTTP redirect; the health check; the autoscaling group and its policy;
 * ingress that admits the listener ports from anywhere and the backend port from the load
 * balancer only; machines without public IPs; providers, tags, outputs; variants (no Route 53
 * zone, a fixed size, no redirect) and validation.
 */
import { suite } from "../suite";
import { UnsupportedServiceError } from "../../core/capabilities";
import { CLOUDS, type Cloud } from "../../core/cloud";
import { Network } from "../../components/network";
import { WebTier, type CertificateSource } from "../../components/webtier";
import { type Harness, installHarness } from "../../harness";
import { children, errorCatcher, find, inputs, propertyError, providerOf, REGIONS, stampsFor, targets, valueOf } from "../helpers";

const test = suite("webtier");

const SIZE: Record<Cloud, string> = { aws: "t3.medium", azure: "Standard_B2s", gcp: "e2-standard-2", digitalocean: "s-2vcpu-4gb", oci: "VM.Standard.E4.Flex$_2_8" };
const VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/certs/providers/Microsoft.KeyVault/vaults/acme-certs";
const CERT: CertificateSource = {
  awsZoneId: "Z0123456789ABC",
  azureKeyVault: { keyVaultId: VAULT, secretName: "www-example-com" },
  digitaloceanDomain: "example.com",
  ociCertificateId: "ocid1.certificate.oc1.eu-frankfurt-1.example",
};
const USER_DATA = "#!/bin/sh\necho hi";
const B64 = Buffer.from(USER_DATA).toString("base64");
let h: Harness;
const built = {} as Record<Cloud, WebTier>;
let noZone: WebTier;
const { errors, attempt } = errorCatcher();

test.serial.before(async () => {
  h = await installHarness();
  await h.run(() => {
    const t = targets();
    for (const cloud of CLOUDS) {
      const network = new Network(`net-${cloud}`, { target: t[cloud] });
      built[cloud] = new WebTier(`web-${cloud}`, {
        target: t[cloud],
        network,
        size: SIZE[cloud],
        hostname: "www.example.com",
        autoscaling: { min: 2, max: 6, targetCpuPercent: 60 },
        healthCheck: { path: "/healthz" },
        certificate: CERT,
        userData: USER_DATA,
      });
    }
    const awsNet = new Network("net2-aws", { target: t.aws });
    noZone = new WebTier("nozone-aws", { target: t.aws, network: awsNet, size: "t3.medium", hostname: "app.example.com", httpRedirectPort: false, backendPort: 8080, healthCheck: { port: 8081 } });
    new WebTier("fixed-digitalocean", { target: t.digitalocean, network: new Network("net2-digitalocean", { target: t.digitalocean }), size: "s-1vcpu-1gb", hostname: "www.example.com", certificate: CERT, sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAItest t@t" });
    attempt("network", () => new WebTier("bad-network", { target: t.gcp, network: awsNet, size: "e2-standard-2", hostname: "www.example.com" }));
    attempt("range", () => new WebTier("bad-range", { target: t.aws, network: awsNet, size: "t3.medium", hostname: "www.example.com", autoscaling: { min: 4, max: 2 } }));
    attempt("hostname", () => new WebTier("bad-host", { target: t.aws, network: awsNet, size: "t3.medium", hostname: "WWW.example.com" }));
    attempt("same-port", () => new WebTier("bad-port", { target: t.aws, network: awsNet, size: "t3.medium", hostname: "www.example.com", httpRedirectPort: 443 }));
    attempt("azure-cert", () => new WebTier("bad-azure", { target: t.azure, network: new Network("net3-azure", { target: t.azure }), size: "Standard_B2s", hostname: "www.example.com" }));
    attempt("vault-id", () => new WebTier("bad-vault", { target: t.azure, network: new Network("net4-azure", { target: t.azure }), size: "Standard_B2s", hostname: "www.example.com", certificate: { azureKeyVault: { keyVaultId: "acme-certs", secretName: "www" } } }));
    attempt("do-domain", () => new WebTier("bad-do", { target: t.digitalocean, network: new Network("net3-digitalocean", { target: t.digitalocean }), size: "s-1vcpu-1gb", hostname: "www.example.org", certificate: { digitaloceanDomain: "example.com" } }));
    attempt("do-max", () => new WebTier("bad-do-max", { target: t.digitalocean, network: new Network("net4-digitalocean", { target: t.digitalocean }), size: "s-1vcpu-1gb", hostname: "www.example.com", certificate: CERT, autoscaling: { min: 1, max: 60 } }));
    attempt("gcp-port", () => new WebTier("bad-gcp-port", { target: t.gcp, network: new Network("net2-gcp", { target: t.gcp }), size: "e2-standard-2", hostname: "www.example.com", httpsPort: 8443 }));
    attempt("oci-cert", () => new WebTier("bad-oci", { target: t.oci, network: new Network("net2-oci", { target: t.oci }), size: "VM.Standard.E4.Flex$_2_8", hostname: "www.example.com" }));
  });
});

const component = (name: string) => find(h, "tessera:compute:WebTier", name);
const stamps = (cloud: Cloud) => stampsFor(cloud, `web-${cloud}`);

test("children on every cloud", (t) => {
  t.deepEqual(children(h, component("web-aws")), [
    ["aws:acm/certificate:Certificate", "web-aws"],
    ["aws:acm/certificateValidation:CertificateValidation", "web-aws"],
    ["aws:autoscaling/group:Group", "web-aws"],
    ["aws:autoscaling/policy:Policy", "web-aws-cpu"],
    ["aws:ec2/launchTemplate:LaunchTemplate", "web-aws"],
    ["aws:ec2/securityGroup:SecurityGroup", "web-aws-lb"],
    ["aws:ec2/securityGroup:SecurityGroup", "web-aws-machines"],
    ["aws:lb/listener:Listener", "web-aws-http"],
    ["aws:lb/listener:Listener", "web-aws-https"],
    ["aws:lb/loadBalancer:LoadBalancer", "web-aws"],
    ["aws:lb/targetGroup:TargetGroup", "web-aws"],
    ["aws:route53/record:Record", "web-aws-validation"],
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-aws-lb-to-80"],
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-aws-machines-egress"],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-aws-from-lb-80"],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-aws-lb-443"],
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-aws-lb-80"],
  ]);
  t.deepEqual(children(h, component("web-azure")), [
    ["azure-native:authorization:RoleAssignment", "web-azure-key-vault"],
    ["azure-native:compute:VirtualMachineScaleSet", "web-azure"],
    ["azure-native:managedidentity:UserAssignedIdentity", "web-azure"],
    ["azure-native:monitor:AutoscaleSetting", "web-azure"],
    ["azure-native:network:ApplicationGateway", "web-azure"],
    ["azure-native:network:NetworkSecurityGroup", "web-azure-gateway"],
    ["azure-native:network:NetworkSecurityGroup", "web-azure-machines"],
    ["azure-native:network:PublicIPAddress", "web-azure"],
    ["azure-native:network:Subnet", "web-azure-gateway"],
    ["tls:index/privateKey:PrivateKey", "web-azure-ssh"],
  ]);
  t.deepEqual(children(h, component("web-gcp")), [
    ["gcp:compute/backendService:BackendService", "web-gcp"],
    ["gcp:compute/firewall:Firewall", "web-gcp-from-lb"],
    ["gcp:compute/globalAddress:GlobalAddress", "web-gcp"],
    ["gcp:compute/globalForwardingRule:GlobalForwardingRule", "web-gcp-http"],
    ["gcp:compute/globalForwardingRule:GlobalForwardingRule", "web-gcp-https"],
    ["gcp:compute/healthCheck:HealthCheck", "web-gcp"],
    ["gcp:compute/instanceTemplate:InstanceTemplate", "web-gcp"],
    ["gcp:compute/managedSslCertificate:ManagedSslCertificate", "web-gcp"],
    ["gcp:compute/regionAutoscaler:RegionAutoscaler", "web-gcp"],
    ["gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "web-gcp"],
    ["gcp:compute/sSLPolicy:SSLPolicy", "web-gcp"],
    ["gcp:compute/targetHttpProxy:TargetHttpProxy", "web-gcp"],
    ["gcp:compute/targetHttpsProxy:TargetHttpsProxy", "web-gcp"],
    ["gcp:compute/uRLMap:URLMap", "web-gcp"],
    ["gcp:compute/uRLMap:URLMap", "web-gcp-redirect"],
  ]);
  t.deepEqual(children(h, component("web-digitalocean")), [
    ["digitalocean:index/certificate:Certificate", "web-digitalocean"],
    ["digitalocean:index/dropletAutoscale:DropletAutoscale", "web-digitalocean"],
    ["digitalocean:index/firewall:Firewall", "web-digitalocean"],
    ["digitalocean:index/loadBalancer:LoadBalancer", "web-digitalocean"],
    ["digitalocean:index/tag:Tag", "web-digitalocean"],
  ]);
  t.deepEqual(children(h, component("web-oci")), [
    ["oci:Autoscaling/autoScalingConfiguration:AutoScalingConfiguration", "web-oci"],
    ["oci:Core/instanceConfiguration:InstanceConfiguration", "web-oci"],
    ["oci:Core/instancePool:InstancePool", "web-oci"],
    ["oci:Core/networkSecurityGroup:NetworkSecurityGroup", "web-oci-lb"],
    ["oci:Core/networkSecurityGroup:NetworkSecurityGroup", "web-oci-machines"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "web-oci-from-lb-80"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "web-oci-lb-443"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "web-oci-lb-80"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "web-oci-lb-to-80"],
    ["oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", "web-oci-machines-egress"],
    ["oci:LoadBalancer/backendSet:BackendSet", "web-oci"],
    ["oci:LoadBalancer/listener:Listener", "web-oci-http"],
    ["oci:LoadBalancer/listener:Listener", "web-oci-https"],
    ["oci:LoadBalancer/loadBalancer:LoadBalancer", "web-oci"],
    ["oci:LoadBalancer/ruleSet:RuleSet", "web-oci"],
  ]);
});

test("aws: internet-facing ALB in the public subnets, HTTPS with a TLS 1.2/1.3 policy on the validated ACM certificate, HTTP only redirects", (t) => {
  t.deepEqual(inputs(find(h, "aws:lb/loadBalancer:LoadBalancer", "web-aws")), {
    dropInvalidHeaderFields: true,
    internal: false,
    loadBalancerType: "application",
    name: "dev-web-aws-6y7oiu",
    securityGroups: ["web-aws-lb-id"],
    subnets: ["net-aws-public-0-id", "net-aws-public-1-id"],
    tags: stamps("aws"),
  });
  const lb = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dev-web-aws-6y7oiu/50dc6c495c0c9188";
  t.deepEqual(inputs(find(h, "aws:lb/listener:Listener", "web-aws-https")), {
    certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/web-aws",
    defaultActions: [{ targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-web-aws-6y7oiu/73e2d6bc24d8a067", type: "forward" }],
    loadBalancerArn: lb,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    tags: stamps("aws"),
  });
  t.deepEqual(inputs(find(h, "aws:lb/listener:Listener", "web-aws-http")), {
    defaultActions: [{ redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" }, type: "redirect" }],
    loadBalancerArn: lb,
    port: 80,
    protocol: "HTTP",
    tags: stamps("aws"),
  });
  t.deepEqual(inputs(find(h, "aws:acm/certificate:Certificate", "web-aws")), { domainName: "www.example.com", keyAlgorithm: "EC_prime256v1", tags: stamps("aws"), validationMethod: "DNS" });
  t.deepEqual(inputs(find(h, "aws:route53/record:Record", "web-aws-validation")), {
    allowOverwrite: true,
    name: "_3f8a.www.example.com.",
    records: ["_9c1d.acm-validations.aws."],
    ttl: 300,
    type: "CNAME",
    zoneId: "Z0123456789ABC",
  });
  t.deepEqual(inputs(find(h, "aws:acm/certificateValidation:CertificateValidation", "web-aws")), {
    certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/web-aws",
    validationRecordFqdns: ["_3f8a.www.example.com."],
  });
  t.deepEqual(inputs(find(h, "aws:lb/targetGroup:TargetGroup", "web-aws")), {
    deregistrationDelay: 30,
    healthCheck: { enabled: true, healthyThreshold: 2, interval: 30, matcher: "200-399", path: "/healthz", port: "traffic-port", protocol: "HTTP", timeout: 10, unhealthyThreshold: 3 },
    name: "dev-web-aws-6y7oiu",
    port: 80,
    protocol: "HTTP",
    tags: stamps("aws"),
    targetType: "instance",
    vpcId: "net-aws-id",
  });
});

test("aws: launch template without public IPs (IMDSv2, encrypted gp3 on the AMI's root device), Auto Scaling group in the private subnets on ELB health, CPU target tracking", (t) => {
  t.deepEqual(inputs(find(h, "aws:ec2/launchTemplate:LaunchTemplate", "web-aws")), {
    blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { deleteOnTermination: "true", encrypted: "true", volumeSize: 30, volumeType: "gp3" } }],
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.medium",
    metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
    namePrefix: "dev-web-aws-6y7oiu-",
    networkInterfaces: [{ associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: ["web-aws-machines-id"] }],
    tagSpecifications: [
      { resourceType: "instance", tags: { Name: "web-aws", ...stamps("aws") } },
      { resourceType: "volume", tags: stamps("aws") },
    ],
    tags: stamps("aws"),
    updateDefaultVersion: true,
    userData: B64,
  });
  t.deepEqual(inputs(find(h, "aws:autoscaling/group:Group", "web-aws")), {
    healthCheckGracePeriod: 300,
    healthCheckType: "ELB",
    instanceRefresh: { preferences: { minHealthyPercentage: 90 }, strategy: "Rolling" },
    launchTemplate: { id: "web-aws-id", version: "1" },
    maxSize: 6,
    minSize: 2,
    name: "dev-web-aws-6y7oiu",
    tags: Object.entries({ Name: "web-aws", ...stamps("aws") }).map(([key, value]) => ({ key, propagateAtLaunch: false, value })),
    targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dev-web-aws-6y7oiu/73e2d6bc24d8a067"],
    vpcZoneIdentifiers: ["net-aws-private-0-id", "net-aws-private-1-id"],
  });
  t.deepEqual(inputs(find(h, "aws:autoscaling/policy:Policy", "web-aws-cpu")), {
    autoscalingGroupName: "dev-web-aws-6y7oiu",
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 },
  });
});

test("aws: the internet reaches the load balancer on 443 and 80; the machines admit the backend port from the load balancer's group only", (t) => {
  const rule = (name: string) => {
    const { tags, ...rest } = inputs(find(h, name.includes("egress") || name.includes("-to-") ? "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" : "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name));
    t.deepEqual(tags, stamps("aws"), name);
    return rest;
  };
  t.deepEqual(rule("web-aws-lb-443"), { cidrIpv4: "0.0.0.0/0", description: "HTTPS", fromPort: 443, ipProtocol: "tcp", securityGroupId: "web-aws-lb-id", toPort: 443 });
  t.deepEqual(rule("web-aws-lb-80"), { cidrIpv4: "0.0.0.0/0", description: "HTTP (redirected to HTTPS)", fromPort: 80, ipProtocol: "tcp", securityGroupId: "web-aws-lb-id", toPort: 80 });
  t.deepEqual(rule("web-aws-from-lb-80"), { description: "from the load balancer", fromPort: 80, ipProtocol: "tcp", referencedSecurityGroupId: "web-aws-lb-id", securityGroupId: "web-aws-machines-id", toPort: 80 });
  t.deepEqual(rule("web-aws-lb-to-80"), { description: "to the machines", fromPort: 80, ipProtocol: "tcp", referencedSecurityGroupId: "web-aws-machines-id", securityGroupId: "web-aws-lb-id", toPort: 80 });
  t.deepEqual(rule("web-aws-machines-egress"), { cidrIpv4: "0.0.0.0/0", description: "all outbound", ipProtocol: "-1", securityGroupId: "web-aws-machines-id" });
});

test("aws without a Route 53 zone: no validation record (the output says which to create), no HTTP listener when the redirect is off, a separate health-check port", async (t) => {
  t.deepEqual(children(h, component("nozone-aws")).filter(([type]) => type.startsWith("aws:route53") || type.startsWith("aws:lb/listener")), [["aws:lb/listener:Listener", "nozone-aws-https"]]);
  t.deepEqual(inputs(find(h, "aws:acm/certificateValidation:CertificateValidation", "nozone-aws")), { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/nozone-aws" });
  t.is(await valueOf(noZone.certificateValidation), "_3f8a.app.example.com. CNAME _9c1d.acm-validations.aws.");
  t.like(inputs(find(h, "aws:lb/targetGroup:TargetGroup", "nozone-aws")), { port: 8080, healthCheck: { port: "8081" } });
  t.deepEqual(
    h.registrations.filter((r) => r.name.startsWith("nozone-aws-from-lb-")).map((r) => [inputs(r).fromPort, inputs(r).referencedSecurityGroupId]),
    [
      [8080, "nozone-aws-lb-id"],
      [8081, "nozone-aws-lb-id"],
    ],
  );
});

const gw = (part: string) => ({ id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tessera-dev-westeurope-3gizrm/providers/Microsoft.Network/applicationGateways/dev-web-azure-of5rx0/${part}` });

test("azure: Application Gateway v2 with a Key Vault certificate through its own identity, the 2022 TLS policy, a probe and an HTTP→HTTPS redirect", (t) => {
  t.deepEqual(inputs(find(h, "azure-native:network:ApplicationGateway", "web-azure")), {
    applicationGatewayName: "dev-web-azure-of5rx0",
    autoscaleConfiguration: { maxCapacity: 10, minCapacity: 1 },
    backendAddressPools: [{ name: "machines" }],
    backendHttpSettingsCollection: [{ cookieBasedAffinity: "Disabled", name: "machines", port: 80, probe: gw("probes/health"), protocol: "Http", requestTimeout: 30 }],
    frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: "web-azure-id" } }],
    frontendPorts: [
      { name: "port-443", port: 443 },
      { name: "port-80", port: 80 },
    ],
    gatewayIPConfigurations: [{ name: "gateway", subnet: { id: "web-azure-gateway-id" } }],
    httpListeners: [
      { frontendIPConfiguration: gw("frontendIPConfigurations/public"), frontendPort: gw("frontendPorts/port-443"), name: "https", protocol: "Https", sslCertificate: gw("sslCertificates/certificate") },
      { frontendIPConfiguration: gw("frontendIPConfigurations/public"), frontendPort: gw("frontendPorts/port-80"), name: "http", protocol: "Http" },
    ],
    identity: { type: "UserAssigned", userAssignedIdentities: ["web-azure-id"] },
    location: "westeurope",
    probes: [{ host: "127.0.0.1", interval: 30, match: { statusCodes: ["200-399"] }, name: "health", path: "/healthz", port: 80, protocol: "Http", timeout: 30, unhealthyThreshold: 3 }],
    redirectConfigurations: [{ includePath: true, includeQueryString: true, name: "http-to-https", redirectType: "Permanent", targetListener: gw("httpListeners/https") }],
    requestRoutingRules: [
      { backendAddressPool: gw("backendAddressPools/machines"), backendHttpSettings: gw("backendHttpSettingsCollection/machines"), httpListener: gw("httpListeners/https"), name: "https", priority: 100, ruleType: "Basic" },
      { httpListener: gw("httpListeners/http"), name: "http-to-https", priority: 200, redirectConfiguration: gw("redirectConfigurations/http-to-https"), ruleType: "Basic" },
    ],
    resourceGroupName: "tessera-dev-westeurope-3gizrm",
    sku: { name: "Standard_v2", tier: "Standard_v2" },
    sslCertificates: [{ keyVaultSecretId: "https://acme-certs.vault.azure.net/secrets/www-example-com", name: "certificate" }],
    sslPolicy: { policyName: "AppGwSslPolicy20220101", policyType: "Predefined" },
    tags: stamps("azure"),
  });
  t.deepEqual(inputs(find(h, "azure-native:authorization:RoleAssignment", "web-azure-key-vault")), {
    principalId: "66666666-6666-6666-6666-666666666666",
    principalType: "ServicePrincipal",
    roleDefinitionId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
    scope: VAULT,
  });
  // The gateway waits for the grant, the scale set for the gateway's backend pool.
  t.deepEqual(find(h, "azure-native:network:ApplicationGateway", "web-azure").dependencies.filter((d) => d.includes("RoleAssignment")).map((d) => d.split("::").pop()), ["web-azure-key-vault"]);
});

test("azure: a dedicated gateway subnet whose group admits GatewayManager, probes and the listener ports; machines admit the backend port from that subnet only", (t) => {
  const rule = (name: string, priority: number, source: string, ports: string, description: string, access = "Allow", protocol = "Tcp") => ({
    access,
    description,
    destinationAddressPrefix: "*",
    destinationPortRange: ports,
    direction: "Inbound",
    name,
    priority,
    protocol,
    sourceAddressPrefix: source,
    sourcePortRange: "*",
  });
  const deny = rule("deny-all-inbound", 4096, "*", "*", "default deny", "Deny", "*");
  t.deepEqual(inputs(find(h, "azure-native:network:NetworkSecurityGroup", "web-azure-gateway")).securityRules, [
    rule("gateway-manager", 100, "GatewayManager", "65200-65535", "Application Gateway v2 infrastructure"),
    rule("azure-load-balancer", 110, "AzureLoadBalancer", "*", "Azure infrastructure probes", "Allow", "*"),
    rule("listener-443", 200, "Internet", "443", "HTTPS"),
    rule("listener-80", 201, "Internet", "80", "HTTP (redirected to HTTPS)"),
    deny,
  ]);
  t.deepEqual(inputs(find(h, "azure-native:network:NetworkSecurityGroup", "web-azure-machines")).securityRules, [
    rule("from-gateway-80", 100, "10.0.112.0/20", "80", "from the Application Gateway"),
    rule("azure-load-balancer", 150, "AzureLoadBalancer", "*", "Azure infrastructure probes", "Allow", "*"),
    deny,
  ]);
  t.like(inputs(find(h, "azure-native:network:Subnet", "web-azure-gateway")), { addressPrefix: "10.0.112.0/20", networkSecurityGroup: { id: "web-azure-gateway-id" }, subnetName: "web-azure-gateway-xzhb1f" });
});

test("azure: a Flexible scale set in the private subnet, in the gateway's backend pool, no public IPs, with CPU autoscale rules", (t) => {
  const vmss = inputs(find(h, "azure-native:compute:VirtualMachineScaleSet", "web-azure"));
  t.deepEqual(vmss.sku, { capacity: 2, name: "Standard_B2s", tier: "Standard" });
  t.deepEqual([vmss.orchestrationMode, vmss.platformFaultDomainCount, vmss.vmScaleSetName], ["Flexible", 1, "dev-web-azure-of5rx0"]);
  const profile = vmss.virtualMachineProfile as Record<string, Record<string, unknown>>;
  t.deepEqual(profile.networkProfile, {
    networkApiVersion: "2020-11-01",
    networkInterfaceConfigurations: [
      {
        ipConfigurations: [{ applicationGatewayBackendAddressPools: [gw("backendAddressPools/machines")], name: "primary", primary: true, subnet: { id: "net-azure-private-id" } }],
        name: "primary",
        networkSecurityGroup: { id: "web-azure-machines-id" },
        primary: true,
      },
    ],
  });
  t.like(profile.osProfile, { adminUsername: "tessera", customData: B64, linuxConfiguration: { disablePasswordAuthentication: true } });
  t.deepEqual(profile.securityProfile, { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } });
  const autoscale = inputs(find(h, "azure-native:monitor:AutoscaleSetting", "web-azure"));
  const trigger = (operator: string, threshold: number, direction: string) => ({
    metricTrigger: { metricName: "Percentage CPU", metricNamespace: "microsoft.compute/virtualmachinescalesets", metricResourceUri: "web-azure-id", operator, statistic: "Average", threshold, timeAggregation: "Average", timeGrain: "PT1M", timeWindow: "PT5M" },
    scaleAction: { cooldown: "PT5M", direction, type: "ChangeCount", value: "1" },
  });
  t.deepEqual(autoscale.profiles, [{ capacity: { default: "2", maximum: "6", minimum: "2" }, name: "cpu", rules: [trigger("GreaterThan", 60, "Increase"), trigger("LessThan", 40, "Decrease")] }]);
  t.is(autoscale.targetResourceUri, "web-azure-id");
});

test("gcp: global external Application Load Balancer with a Google-managed certificate and a MODERN TLS 1.2 policy; HTTP redirects; a regional group autoscaled on CPU", (t) => {
  const labels = stamps("gcp");
  const project = "acme-test-123";
  t.deepEqual(inputs(find(h, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "web-gcp-https")), {
    ipAddress: "web-gcp-id",
    ipProtocol: "TCP",
    labels,
    loadBalancingScheme: "EXTERNAL_MANAGED",
    name: "dev-web-gcp-https-2otyt1",
    portRange: "443",
    project,
    target: "web-gcp-id",
  });
  t.like(inputs(find(h, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "web-gcp-http")), { portRange: "80", loadBalancingScheme: "EXTERNAL_MANAGED" });
  t.deepEqual(inputs(find(h, "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "web-gcp")), { name: "dev-web-gcp-d7uxh8", project, sslCertificates: ["web-gcp-id"], sslPolicy: "web-gcp-id", urlMap: "web-gcp-id" });
  t.deepEqual(inputs(find(h, "gcp:compute/sSLPolicy:SSLPolicy", "web-gcp")), { minTlsVersion: "TLS_1_2", name: "dev-web-gcp-d7uxh8", profile: "MODERN", project });
  t.deepEqual(inputs(find(h, "gcp:compute/managedSslCertificate:ManagedSslCertificate", "web-gcp")), { managed: { domains: ["www.example.com"] }, name: "dev-web-gcp-d7uxh8", project });
  t.deepEqual(inputs(find(h, "gcp:compute/uRLMap:URLMap", "web-gcp-redirect")), {
    defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
    name: "dev-web-gcp-redirect-p5cvq4",
    project,
  });
  t.deepEqual(inputs(find(h, "gcp:compute/healthCheck:HealthCheck", "web-gcp")), {
    checkIntervalSec: 30,
    healthyThreshold: 2,
    httpHealthCheck: { port: 80, requestPath: "/healthz" },
    name: "dev-web-gcp-d7uxh8",
    project,
    timeoutSec: 10,
    unhealthyThreshold: 3,
  });
  t.deepEqual(inputs(find(h, "gcp:compute/backendService:BackendService", "web-gcp")), {
    backends: [{ balancingMode: "UTILIZATION", capacityScaler: 1, group: `https://www.googleapis.com/compute/v1/projects/${project}/regions/europe-west1/instanceGroups/dev-web-gcp-d7uxh8` }],
    healthChecks: `projects/${project}/global/healthChecks/dev-web-gcp-d7uxh8`,
    loadBalancingScheme: "EXTERNAL_MANAGED",
    name: "dev-web-gcp-d7uxh8",
    portName: "http",
    project,
    protocol: "HTTP",
    timeoutSec: 30,
  });
  t.deepEqual(inputs(find(h, "gcp:compute/instanceTemplate:InstanceTemplate", "web-gcp")), {
    disks: [{ autoDelete: true, boot: true, diskSizeGb: 30, diskType: "pd-balanced", sourceImage: "ubuntu-os-cloud/ubuntu-2404-lts-amd64" }],
    labels,
    machineType: "e2-standard-2",
    metadata: { "block-project-ssh-keys": "true" },
    metadataStartupScript: USER_DATA,
    namePrefix: "dev-web-gcp-d7uxh8-",
    networkInterfaces: [{ subnetwork: `projects/${project}/regions/europe-west1/subnetworks/dev-net-gcp-private-5n8lci` }],
    project,
    shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true, enableVtpm: true },
    tags: ["dev-web-gcp-machines-mpoyac"],
  });
  t.deepEqual(inputs(find(h, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "web-gcp")), {
    autoHealingPolicies: { healthCheck: `projects/${project}/global/healthChecks/dev-web-gcp-d7uxh8`, initialDelaySec: 300 },
    baseInstanceName: "dev-web-gcp-d7uxh8",
    name: "dev-web-gcp-d7uxh8",
    namedPorts: [{ name: "http", port: 80 }],
    project,
    region: "europe-west1",
    updatePolicy: { maxSurgeFixed: 3, maxUnavailableFixed: 0, minimalAction: "REPLACE", type: "PROACTIVE" },
    versions: [{ instanceTemplate: `https://www.googleapis.com/compute/v1/projects/${project}/global/instanceTemplates/dev-web-gcp-d7uxh8-20261130?uniqueId=123`, name: "primary" }],
  });
  t.deepEqual(inputs(find(h, "gcp:compute/regionAutoscaler:RegionAutoscaler", "web-gcp")), {
    autoscalingPolicy: { cooldownPeriod: 90, cpuUtilization: { target: 0.6 }, maxReplicas: 6, minReplicas: 2 },
    name: "dev-web-gcp-d7uxh8",
    project,
    region: "europe-west1",
    target: "web-gcp-id",
  });
  // Only Google's load balancer and health-check ranges reach the machines' tag, on the backend port.
  t.deepEqual(inputs(find(h, "gcp:compute/firewall:Firewall", "web-gcp-from-lb")), {
    allows: [{ ports: ["80"], protocol: "tcp" }],
    description: "tessera web-gcp: the load balancer and its health checks to the machines",
    direction: "INGRESS",
    name: "dev-web-gcp-from-lb-c9wk27",
    network: `projects/${project}/global/networks/dev-net-gcp-qyehv7`,
    priority: 900,
    project,
    sourceRanges: ["130.211.0.0/22", "35.191.0.0/16"],
    targetTags: ["dev-web-gcp-machines-mpoyac"],
  });
});

test("digitalocean: load balancer with Let's Encrypt, STRONG ciphers and the redirect; VPC-only autoscale pool by tag; firewall admits the load balancer only", (t) => {
  t.deepEqual(inputs(find(h, "digitalocean:index/loadBalancer:LoadBalancer", "web-digitalocean")), {
    dropletTag: "dev-web-digitalocean-6cgpb2",
    forwardingRules: [
      { certificateName: "dev-web-digitalocean-6cgpb2", entryPort: 443, entryProtocol: "https", targetPort: 80, targetProtocol: "http" },
      { entryPort: 80, entryProtocol: "http", targetPort: 80, targetProtocol: "http" },
    ],
    healthcheck: { checkIntervalSeconds: 30, healthyThreshold: 2, path: "/healthz", port: 80, protocol: "http", responseTimeoutSeconds: 10, unhealthyThreshold: 3 },
    name: "dev-web-digitalocean-6cgpb2",
    redirectHttpToHttps: true,
    region: "ams3",
    sizeUnit: 1,
    tlsCipherPolicy: "STRONG",
    vpcUuid: "net-digitalocean-id",
  });
  t.deepEqual(inputs(find(h, "digitalocean:index/certificate:Certificate", "web-digitalocean")), { domains: ["www.example.com"], name: "dev-web-digitalocean-6cgpb2", type: "lets_encrypt" });
  t.deepEqual(inputs(find(h, "digitalocean:index/dropletAutoscale:DropletAutoscale", "web-digitalocean")), {
    config: { cooldownMinutes: 5, maxInstances: 6, minInstances: 2, targetCpuUtilization: 0.6 },
    dropletTemplate: {
      image: "ubuntu-24-04-x64",
      publicNetworking: false,
      region: "ams3",
      size: "s-2vcpu-4gb",
      sshKeys: [],
      tags: ["dev-web-digitalocean-6cgpb2", "tessera-stack:dev", "tessera-service:web-digitalocean", "tessera-placement:digitalocean_ams3", "tessera-data-class:confidential", "tessera-residency:eu"],
      userData: USER_DATA,
      vpcUuid: "net-digitalocean-id",
      withDropletAgent: true,
    },
    name: "dev-web-digitalocean-6cgpb2",
  });
  const everywhere = ["0.0.0.0/0", "::/0"];
  t.deepEqual(inputs(find(h, "digitalocean:index/firewall:Firewall", "web-digitalocean")), {
    inboundRules: [{ portRange: "80", protocol: "tcp", sourceLoadBalancerUids: ["web-digitalocean-id"] }],
    name: "dev-web-digitalocean-6cgpb2",
    outboundRules: [
      { destinationAddresses: everywhere, portRange: "1-65535", protocol: "tcp" },
      { destinationAddresses: everywhere, portRange: "1-65535", protocol: "udp" },
      { destinationAddresses: everywhere, protocol: "icmp" },
    ],
    tags: ["dev-web-digitalocean-6cgpb2"],
  });
  // A fixed size is DigitalOcean's static mode.
  t.like(inputs(find(h, "digitalocean:index/dropletAutoscale:DropletAutoscale", "fixed-digitalocean")), {
    config: { targetNumberInstances: 2 },
    dropletTemplate: { sshKeys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"] },
  });
});

test("oci: flexible load balancer with a TLS 1.2/1.3 listener on the OCI certificate, a redirect rule set, a health-checked backend set; a pool across ADs without public IPs", (t) => {
  const common = { compartmentId: "ocid1.compartment.oc1..test", freeformTags: stamps("oci") };
  t.deepEqual(inputs(find(h, "oci:LoadBalancer/loadBalancer:LoadBalancer", "web-oci")), {
    ...common,
    displayName: "dev-web-oci",
    isPrivate: false,
    networkSecurityGroupIds: ["web-oci-lb-id"],
    shape: "flexible",
    shapeDetails: { maximumBandwidthInMbps: 100, minimumBandwidthInMbps: 10 },
    subnetIds: ["ocid1.subnet.oc1..net-oci-public"],
  });
  t.deepEqual(inputs(find(h, "oci:LoadBalancer/listener:Listener", "web-oci-https")), {
    defaultBackendSetName: "machines",
    loadBalancerId: "web-oci-id",
    name: "https",
    port: 443,
    protocol: "HTTP",
    sslConfiguration: {
      certificateIds: ["ocid1.certificate.oc1.eu-frankfurt-1.example"],
      cipherSuiteName: "oci-default-http2-tls-12-13-ssl-cipher-suite-v1",
      protocols: ["TLSv1.2", "TLSv1.3"],
      serverOrderPreference: "ENABLED",
      verifyPeerCertificate: false,
    },
  });
  t.deepEqual(inputs(find(h, "oci:LoadBalancer/listener:Listener", "web-oci-http")), { defaultBackendSetName: "machines", loadBalancerId: "web-oci-id", name: "http", port: 80, protocol: "HTTP", ruleSetNames: ["http_to_https"] });
  t.deepEqual(inputs(find(h, "oci:LoadBalancer/ruleSet:RuleSet", "web-oci")), {
    items: [
      {
        action: "REDIRECT",
        conditions: [{ attributeName: "PATH", attributeValue: "/", operator: "FORCE_LONGEST_PREFIX_MATCH" }],
        redirectUri: { host: "{host}", path: "{path}", port: 443, protocol: "HTTPS", query: "{query}" },
        responseCode: 301,
      },
    ],
    loadBalancerId: "web-oci-id",
    name: "http_to_https",
  });
  t.deepEqual(inputs(find(h, "oci:LoadBalancer/backendSet:BackendSet", "web-oci")), {
    healthChecker: { intervalMs: 30000, port: 80, protocol: "HTTP", retries: 3, returnCode: 200, timeoutInMillis: 10000, urlPath: "/healthz" },
    loadBalancerId: "web-oci-id",
    name: "machines",
    policy: "ROUND_ROBIN",
  });
  t.deepEqual(inputs(find(h, "oci:Core/instanceConfiguration:InstanceConfiguration", "web-oci")), {
    ...common,
    displayName: "dev-web-oci",
    instanceDetails: {
      instanceType: "compute",
      launchDetails: {
        ...common,
        createVnicDetails: { assignPublicIp: false, nsgIds: ["web-oci-machines-id"], subnetId: "ocid1.subnet.oc1..net-oci-private" },
        isPvEncryptionInTransitEnabled: true,
        metadata: { user_data: B64 },
        shape: "VM.Standard.E4.Flex",
        shapeConfig: { memoryInGbs: 8, ocpus: 1 },
        sourceDetails: { bootVolumeSizeInGbs: "50", imageId: "ocid1.image.oc1..canonical-ubuntu-24.04", sourceType: "image" },
      },
    },
  });
  t.deepEqual(inputs(find(h, "oci:Core/instancePool:InstancePool", "web-oci")), {
    ...common,
    displayName: "dev-web-oci",
    instanceConfigurationId: "web-oci-id",
    loadBalancers: [{ backendSetName: "machines", loadBalancerId: "web-oci-id", port: 80, vnicSelection: "PrimaryVnic" }],
    placementConfigurations: [1, 2, 3].map((n) => ({ availabilityDomain: `Uocm:EU-FRANKFURT-1-AD-${n}`, primarySubnetId: "ocid1.subnet.oc1..net-oci-private" })),
    size: 2,
  });
  const rule = (displayName: string, operator: string, value: number, change: number) => ({ action: { type: "CHANGE_COUNT_BY", value: change }, displayName, metric: { metricType: "CPU_UTILIZATION", threshold: { operator, value } } });
  t.deepEqual(inputs(find(h, "oci:Autoscaling/autoScalingConfiguration:AutoScalingConfiguration", "web-oci")), {
    ...common,
    autoScalingResources: { id: "web-oci-id", type: "instancePool" },
    coolDownInSeconds: 300,
    displayName: "dev-web-oci",
    isEnabled: true,
    policies: [{ capacity: { initial: 2, max: 6, min: 2 }, displayName: "cpu", policyType: "threshold", rules: [rule("scale-out", "GT", 60, 1), rule("scale-in", "LT", 40, -1)] }],
  });
  const nsgRule = (name: string) => inputs(find(h, "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule", name));
  const port80 = { tcpOptions: { destinationPortRange: { max: 80, min: 80 } } };
  t.deepEqual(nsgRule("web-oci-lb-443"), { description: "HTTPS", direction: "INGRESS", networkSecurityGroupId: "web-oci-lb-id", protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", stateless: false, tcpOptions: { destinationPortRange: { max: 443, min: 443 } } });
  t.deepEqual(nsgRule("web-oci-from-lb-80"), { description: "from the load balancer", direction: "INGRESS", networkSecurityGroupId: "web-oci-machines-id", protocol: "6", source: "web-oci-lb-id", sourceType: "NETWORK_SECURITY_GROUP", stateless: false, ...port80 });
  t.deepEqual(nsgRule("web-oci-lb-to-80"), { description: "to the machines", destination: "web-oci-machines-id", destinationType: "NETWORK_SECURITY_GROUP", direction: "EGRESS", networkSecurityGroupId: "web-oci-lb-id", protocol: "6", stateless: false, ...port80 });
});

test("providers, no protection (nothing stateful), tags on every taggable child", (t) => {
  for (const cloud of CLOUDS) {
    for (const r of h.registrations.filter((x) => x.parent === component(`web-${cloud}`).urn)) {
      t.is(providerOf(r), r.type.startsWith("tls:") ? "" : `${cloud}-${REGIONS[cloud]}`, `${r.type} ${r.name}`);
      t.false(r.protect, `${r.type} ${r.name}`);
    }
  }
});

test("outputs: the load balancer's address (AWS: its DNS name and alias zone), group, certificate", async (t) => {
  const expected: Record<Cloud, [string, "ip" | "hostname", string, string]> = {
    aws: ["dev-web-aws-6y7oiu-1234567890.eu-west-1.elb.amazonaws.com", "hostname", "Z32O12XQLNTSW2", "arn:aws:acm:eu-west-1:123456789012:certificate/web-aws"],
    azure: ["203.0.113.20", "ip", "", "https://acme-certs.vault.azure.net/secrets/www-example-com"],
    gcp: ["34.120.0.10", "ip", "", "web-gcp-id"],
    digitalocean: ["203.0.113.50", "ip", "", "8d0c5a4e-7b1f-4a39-9d8e-2f6c1b3a5e7d"],
    oci: ["203.0.113.60", "ip", "", "ocid1.certificate.oc1.eu-frankfurt-1.example"],
  };
  for (const cloud of CLOUDS) {
    const web = built[cloud];
    t.deepEqual([await valueOf(web.address), web.addressKind, await valueOf(web.aliasZoneId), await valueOf(web.certificateId)], expected[cloud], cloud);
  }
  t.deepEqual(await valueOf(built.aws.groupId), "dev-web-aws-6y7oiu");
  // What alerting selects the group's machines by (Alerts.groups).
  t.deepEqual(await Promise.all(CLOUDS.map((cloud) => valueOf(built[cloud].memberSelector))), ["dev-web-aws-6y7oiu", "web-azure-id", "dev-web-gcp-d7uxh8", "dev-web-digitalocean-6cgpb2", "web-oci-id"]);
  t.is(await valueOf(built.aws.certificateValidation), "");
});

test("bad arguments: InputPropertyError naming the field and what each cloud needs, before any child", (t) => {
  const check = (key: string, path: string, message: string) => t.deepEqual(propertyError(errors[key]), [path, message], key);
  check("network", "network", "network: is on aws eu-west-1, but this component is placed on gcp europe-west1");
  check("range", "autoscaling.max", "autoscaling.max: 2 is below autoscaling.min (4)");
  check("hostname", "hostname", 'hostname: "WWW.example.com" is not a lowercase DNS name such as www.example.com');
  check("same-port", "httpRedirectPort", "httpRedirectPort: 443 is the HTTPS port; choose another port or false");
  check("azure-cert", "certificate.azureKeyVault", "certificate.azureKeyVault: is required on azure: certificate.azureKeyVault (a Key Vault certificate: Application Gateway issues none)");
  check("vault-id", "certificate.azureKeyVault.keyVaultId", 'certificate.azureKeyVault.keyVaultId: "acme-certs" is not a Key Vault resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/<name>)');
  check("do-domain", "certificate.digitaloceanDomain", 'certificate.digitaloceanDomain: "www.example.org" is not in the domain "example.com"');
  check("do-max", "autoscaling.max", "autoscaling.max: 60 is more than a DigitalOcean autoscale pool holds; allowed values: 1-50");
  check("oci-cert", "certificate.ociCertificateId", "certificate.ociCertificateId: is required on oci and must be a certificate OCID (ocid1.certificate.…): certificate.ociCertificateId (a certificate in OCI Certificates: OCI issues no publicly trusted one)");
  check("gcp-port", "httpsPort", "httpsPort: 8443 is not allowed on gcp; allowed values on gcp: 443");
  t.deepEqual(h.registrations.filter((r) => r.name.startsWith("bad-")), []);
  t.false(errors.network instanceof UnsupportedServiceError);
});
