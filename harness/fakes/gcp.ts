/** What the fake GCP answers. */
import { type CloudFakes, type Props, str } from "./types";

/** The fake project's number (service agents are named after it). */
const PROJECT_NUMBER = "123456789012";

const agent = (i: Props, email: string, field: "email" | "emailAddress"): Props => ({ [field]: email, member: `serviceAccount:${email}`, project: i.project, id: email });

export const gcpFakes: CloudFakes = {
  outputs: {
    "gcp:storage/bucket:Bucket": (i, a) => {
      const name = str(i.name, a.name);
      return { name, url: `gs://${name}`, selfLink: `https://www.googleapis.com/storage/v1/b/${name}` };
    },
    "gcp:compute/instance:Instance": (i, a) => ({
      instanceId: `${Math.abs(hash(a.name))}`,
      networkInterfaces: ((i.networkInterfaces ?? []) as Array<{ accessConfigs?: object[] }>).map((n) => ({
        ...n,
        networkIp: "10.0.128.2",
        accessConfigs: (n.accessConfigs ?? []).map((c) => ({ ...c, natIp: "203.0.113.30" })),
      })),
    }),
    "gcp:sql/databaseInstance:DatabaseInstance": (i, a) => ({ name: str(i.name, a.name), privateIpAddress: "10.20.0.3", connectionName: `p:r:${str(i.name, a.name)}` }),
    "gcp:sql/database:Database": (i, a) => ({ name: str(i.name, a.name) }),
    "gcp:sql/user:User": (i, a) => ({ name: str(i.name, a.name) }),
    "gcp:container/cluster:Cluster": (i, a) => ({ name: str(i.name, a.name), endpoint: "34.118.0.10", masterAuth: { clusterCaCertificate: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" } }),
    "gcp:compute/globalAddress:GlobalAddress": (i, a) => ({ name: str(i.name, a.name), ...(i.addressType === "EXTERNAL" ? { address: "34.120.0.10" } : {}) }),
    "gcp:compute/instanceTemplate:InstanceTemplate": (i, a) => ({ selfLinkUnique: `https://www.googleapis.com/compute/v1/projects/${str(i.project, "p")}/global/instanceTemplates/${str(i.namePrefix, a.name)}20261130?uniqueId=123` }),
    "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": (i, a) => ({
      instanceGroup: `https://www.googleapis.com/compute/v1/projects/${str(i.project, "p")}/regions/${str(i.region, "r")}/instanceGroups/${str(i.name, a.name)}`,
    }),
    "gcp:serviceaccount/account:Account": (i, a) => ({ email: `${str(i.accountId, a.name)}@${str(i.project, "p")}.iam.gserviceaccount.com`, name: `projects/${str(i.project, "p")}/serviceAccounts/${str(i.accountId, a.name)}@${str(i.project, "p")}.iam.gserviceaccount.com` }),
    "gcp:cloudrunv2/service:Service": (i, a) => ({ name: str(i.name, a.name), uri: `https://${str(i.name, a.name)}-abcdefghij-ew.a.run.app` }),
    // Secret Manager numbers a secret's versions from 1.
    "gcp:secretmanager/secretVersion:SecretVersion": (i) => ({ version: "1", name: `${str(i.secret, "secret")}/versions/1` }),
    "gcp:bigquery/dataset:Dataset": (i, a) => ({ selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${str(i.project, "p")}/datasets/${str(i.datasetId, a.name)}` }),
    "gcp:monitoring/notificationChannel:NotificationChannel": (i, a) => ({ name: `projects/${str(i.project, "p")}/notificationChannels/${Math.abs(hash(a.name))}` }),
    "gcp:monitoring/alertPolicy:AlertPolicy": (i, a) => ({ name: `projects/${str(i.project, "p")}/alertPolicies/${Math.abs(hash(a.name))}` }),
    // service-<number>@gcp-sa-<service>.iam.gserviceaccount.com, Google's service agent naming.
    "gcp:projects/serviceIdentity:ServiceIdentity": (i) => {
      // Most agents are gcp-sa-<api>; Cloud SQL's is gcp-sa-cloud-sql.
      const api = str(i.service, "s").split(".")[0]!;
      const email = `service-${PROJECT_NUMBER}@gcp-sa-${api === "sqladmin" ? "cloud-sql" : api}.iam.gserviceaccount.com`;
      return { email, member: `serviceAccount:${email}` };
    },
  },
  ids: {
    "gcp:storage/bucket:Bucket": (i, a) => str(i.name, a.name),
    "gcp:compute/network:Network": (i, a) => `projects/${str(i.project, "p")}/global/networks/${str(i.name, a.name)}`,
    "gcp:compute/subnetwork:Subnetwork": (i, a) => `projects/${str(i.project, "p")}/regions/${str(i.region, "r")}/subnetworks/${str(i.name, a.name)}`,
    "gcp:kms/keyRing:KeyRing": (i, a) => `projects/${str(i.project, "p")}/locations/${str(i.location, "l")}/keyRings/${str(i.name, a.name)}`,
    "gcp:kms/cryptoKey:CryptoKey": (i, a) => `${str(i.keyRing, "ring")}/cryptoKeys/${str(i.name, a.name)}`,
    "gcp:secretmanager/secret:Secret": (i, a) => `projects/${str(i.project, "p")}/secrets/${str(i.secretId, a.name)}`,
    "gcp:cloudrunv2/service:Service": (i, a) => `projects/${str(i.project, "p")}/locations/${str(i.location, "l")}/services/${str(i.name, a.name)}`,
    "gcp:bigquery/dataset:Dataset": (i, a) => `projects/${str(i.project, "p")}/datasets/${str(i.datasetId, a.name)}`,
    "gcp:monitoring/notificationChannel:NotificationChannel": (i, a) => `projects/${str(i.project, "p")}/notificationChannels/${Math.abs(hash(a.name))}`,
    "gcp:logging/projectBucketConfig:ProjectBucketConfig": (i, a) => `projects/${str(i.project, "p")}/locations/${str(i.location, "l")}/buckets/${str(i.bucketId, a.name)}`,
    "gcp:compute/healthCheck:HealthCheck": (i, a) => `projects/${str(i.project, "p")}/global/healthChecks/${str(i.name, a.name)}`,
  },
  invokes: {
    // Google-managed service agents are named after the project number.
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (i) => agent(i, `service-${PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`, "emailAddress"),
    "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": (i) => agent(i, `bq-${PROJECT_NUMBER}@bigquery-encryption.iam.gserviceaccount.com`, "email"),
    "gcp:organizations/getProject:getProject": (i) => ({ projectId: i.projectId, number: PROJECT_NUMBER, name: i.projectId }),
    // The project's Storage Transfer Service agent, with the subject id federation trusts.
    "gcp:storage/getTransferProjectServiceAccount:getTransferProjectServiceAccount": (i) => ({
      project: i.project,
      email: `project-${PROJECT_NUMBER}@storage-transfer-service.iam.gserviceaccount.com`,
      member: `serviceAccount:project-${PROJECT_NUMBER}@storage-transfer-service.iam.gserviceaccount.com`,
      subjectId: "101234567890123456789",
      id: str(i.project, "p"),
    }),
  },
};

/** A small stable hash for fake numeric ids. */
function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
