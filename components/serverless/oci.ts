/**
 * Function on OCI: a Functions application in the network's private subnet and the function from
 * an OCIR image. Its invoke endpoint takes signed requests; a public function also gets an API
 * Gateway (public subnet) routing every path to it, behind its own network security group that
 * admits HTTPS from anywhere (the network's security list stays default-deny). OCI Functions
 * may use the VCN and pull from OCIR, and API gateways may call the compartment's functions, only
 * once a policy allows it: the component creates that policy (core/oci-policies.ts) first.
 */
import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "@pulumi/oci/apigateway/deployment";
import { Gateway } from "@pulumi/oci/apigateway/gateway";
import { NetworkSecurityGroup } from "@pulumi/oci/core/networkSecurityGroup";
import { NetworkSecurityGroupSecurityRule } from "@pulumi/oci/core/networkSecurityGroupSecurityRule";
import { Application } from "@pulumi/oci/functions/application";
import { Function as OciFunction } from "@pulumi/oci/functions/function";
import { physicalName } from "../../core/naming";
import { OCI_GRANTS } from "../../core/oci-policies";
import { servicePolicy } from "../oci-policy";
import { childOpts, type Impl } from "../registry";
import { tags } from "../tags";
import { type FunctionArgs, type FunctionOutputs, functionSettings } from "./contract";

export const oci: Impl<"oci", FunctionArgs, FunctionOutputs> = (name, args, parent) => {
  const { target } = args;
  const network = args.network!;
  const s = functionSettings(args);
  const opts = childOpts(parent, target);
  const common = { compartmentId: target.compartmentId, freeformTags: tags(target, name, args.labels) };
  const policy = servicePolicy(
    name,
    target,
    parent,
    s.public ? "OCI Functions may use the VCN and pull from OCIR; API gateways may call functions" : "OCI Functions may use the VCN and pull from OCIR",
    (c) => [OCI_GRANTS.functionsNetwork(c), OCI_GRANTS.functionsRepos(c), ...(s.public ? [OCI_GRANTS.apiGatewayFunctions(c)] : [])],
    args.labels,
  );
  const granted = { ...opts, dependsOn: [policy] };
  const application = new Application(name, { ...common, displayName: physicalName("oci", "functionsApplication", [target.stack, name]), subnetIds: network.privateSubnetIds, shape: "GENERIC_X86" }, granted);
  const fn = new OciFunction(
    name,
    { freeformTags: common.freeformTags, applicationId: application.id, displayName: physicalName("oci", "function", [name]), image: args.image, memoryInMbs: String(s.memoryMb), timeoutInSeconds: s.timeoutSeconds, ...(Object.keys(s.environment).length > 0 ? { config: s.environment } : {}) },
    granted,
  );
  let url = pulumi.interpolate`${fn.invokeEndpoint}/20181201/functions/${fn.id}/actions/invoke`;
  if (s.public) {
    const nsg = new NetworkSecurityGroup(`${name}-gateway`, { ...common, vcnId: network.networkId, displayName: physicalName("oci", "displayName", [target.stack, name, "gateway"]) }, opts);
    new NetworkSecurityGroupSecurityRule(
      `${name}-gateway-https`,
      { networkSecurityGroupId: nsg.id, direction: "INGRESS", protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", stateless: false, tcpOptions: { destinationPortRange: { min: 443, max: 443 } }, description: "HTTPS to the API gateway" },
      opts,
    );
    const gateway = new Gateway(
      name,
      { ...common, displayName: physicalName("oci", "displayName", [target.stack, name]), endpointType: "PUBLIC", subnetId: network.publicSubnetIds.apply((ids) => ids[0]!), networkSecurityGroupIds: [nsg.id] },
      opts,
    );
    new Deployment(
      name,
      { ...common, gatewayId: gateway.id, pathPrefix: "/", specification: { routes: [{ path: "/{path*}", methods: ["ANY"], backend: { type: "ORACLE_FUNCTIONS_BACKEND", functionId: fn.id } }] } },
      granted,
    );
    url = pulumi.interpolate`https://${gateway.hostname}/`;
  }
  return { url, identity: fn.id, resourceId: fn.id };
};
