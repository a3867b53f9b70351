/** What the fake AWS answers (AMI lookups only for the images core/images.ts names). */
import { AWS_AMIS } from "../../core/images";
import { type CloudFakes, str } from "./types";

const KNOWN_AMIS = Object.values(AWS_AMIS).flatMap((ami) => (["amd64", "arm64"] as const).map((arch) => `${ami.owner} ${ami.name(arch)}`));

const ACCOUNT = "123456789012";

export const awsFakes: CloudFakes = {
  outputs: {
    "aws:s3/bucket:Bucket": (i, a, ctx) => {
      const bucket = str(i.bucket, a.name);
      const region = ctx.regionOf(a.provider ?? "");
      return { bucket, arn: `arn:aws:s3:::${bucket}`, region, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com` };
    },
    "aws:ec2/instance:Instance": (i, a) => ({ privateIp: `10.0.128.${10 + Number(/-(\d+)$/.exec(a.name)?.[1] ?? 0)}`, publicIp: i.associatePublicIpAddress === true ? "203.0.113.10" : "" }),
    "aws:ec2/keyPair:KeyPair": (i, a) => ({ keyName: str(i.keyName, a.name) }),
    "aws:rds/instance:Instance": (i, a, ctx) => {
      const region = ctx.regionOf(a.provider ?? "");
      const id = str(i.identifier, a.name);
      return { address: `${id}.c1a2b3.${region}.rds.amazonaws.com`, port: 5432, arn: `arn:aws:rds:${region}:${ACCOUNT}:db:${id}` };
    },
    "aws:rds/subnetGroup:SubnetGroup": (i, a) => ({ name: str(i.name, a.name) }),
    "aws:rds/parameterGroup:ParameterGroup": (i, a) => ({ name: str(i.name, a.name) }),
    "aws:eks/cluster:Cluster": (i, a, ctx) => ({ name: str(i.name, a.name), endpoint: `https://0A1B2C3D.gr7.${ctx.regionOf(a.provider ?? "")}.eks.amazonaws.com`, certificateAuthority: { data: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" } }),
    "aws:iam/role:Role": (_i, a) => ({ name: a.name, arn: `arn:aws:iam::${ACCOUNT}:role/${a.name}` }),
    "aws:kms/key:Key": (_i, a, ctx) => ({ keyId: `key-${a.name}`, arn: `arn:aws:kms:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:key/key-${a.name}` }),
    "aws:secretsmanager/secret:Secret": (i, a, ctx) => ({ arn: `arn:aws:secretsmanager:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:secret:${str(i.name, a.name)}-AbCdEf` }),
    "aws:cloudwatch/logGroup:LogGroup": (i, a, ctx) => ({ arn: `arn:aws:logs:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:log-group:${str(i.name, a.name)}` }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (i, a, ctx) => ({ arn: `arn:aws:cloudwatch:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:alarm:${str(i.name, a.name)}` }),
    "aws:sns/topic:Topic": (i, a, ctx) => ({ arn: `arn:aws:sns:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:${str(i.name, a.name)}` }),
    "aws:cloudtrail/trail:Trail": (i, a, ctx) => ({ arn: `arn:aws:cloudtrail:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:trail/${str(i.name, a.name)}` }),
    "aws:lambda/function:Function": (i, a, ctx) => ({ arn: `arn:aws:lambda:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:function:${str(i.name, a.name)}` }),
    "aws:lambda/functionUrl:FunctionUrl": (_i, a, ctx) => ({ functionUrl: `https://${a.name}abcdefghij.lambda-url.${ctx.regionOf(a.provider ?? "")}.on.aws/`, urlId: `${a.name}abcdefghij` }),
    "aws:lb/loadBalancer:LoadBalancer": (i, a, ctx) => {
      const region = ctx.regionOf(a.provider ?? "");
      const name = str(i.name, a.name);
      // ALB DNS names and the per-region hosted zone of ALBs (eu-west-1: Z32O12XQLNTSW2).
      return { arn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/${name}/50dc6c495c0c9188`, dnsName: `${name}-1234567890.${region}.elb.amazonaws.com`, zoneId: "Z32O12XQLNTSW2" };
    },
    "aws:lb/targetGroup:TargetGroup": (i, a, ctx) => ({ arn: `arn:aws:elasticloadbalancing:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:targetgroup/${str(i.name, a.name)}/73e2d6bc24d8a067` }),
    "aws:lb/listener:Listener": (_i, a, ctx) => ({ arn: `arn:aws:elasticloadbalancing:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:listener/app/${a.name}` }),
    "aws:acm/certificate:Certificate": (i, a, ctx) => ({
      arn: `arn:aws:acm:${ctx.regionOf(a.provider ?? "")}:${ACCOUNT}:certificate/${a.name}`,
      domainValidationOptions: [{ domainName: i.domainName, resourceRecordName: `_3f8a.${str(i.domainName, "example.com")}.`, resourceRecordType: "CNAME", resourceRecordValue: "_9c1d.acm-validations.aws." }],
    }),
    "aws:route53/record:Record": (i) => ({ fqdn: i.name }),
    "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1 }),
    "aws:autoscaling/group:Group": (i, a) => ({ name: str(i.name, a.name), arn: `arn:aws:autoscaling:${ACCOUNT}:autoScalingGroup:${str(i.name, a.name)}` }),
  },
  ids: {
    // An S3 bucket's id is its name; companions reference it.
    "aws:s3/bucket:Bucket": (i, a) => str(i.bucket, a.name),
  },
  invokes: {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/tessera`, userId: "AIDAEXAMPLE", id: ACCOUNT }),
    "aws:ec2/getAmi:getAmi": (i) => {
      const filters = (i.filters ?? []) as Array<{ name: string; values: string[] }>;
      const arch = filters.find((f) => f.name === "architecture")?.values[0] ?? "x86_64";
      const name = filters.find((f) => f.name === "name")?.values[0] ?? "";
      const owners = (i.owners ?? []) as string[];
      if (!owners.some((o) => KNOWN_AMIS.includes(`${o} ${name}`))) throw new Error(`no AMI named ${name} owned by ${owners.join(", ")}: the lookup is not one of core/images.ts`);
      return { id: arch === "arm64" ? "ami-0a1b2c3d4e5f6a7b8" : "ami-0123456789abcdef0", rootDeviceName: "/dev/sda1", architecture: arch, name: filters.find((f) => f.name === "name")?.values[0] ?? "" };
    },
  },
};
