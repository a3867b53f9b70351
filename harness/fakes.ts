/**
 * What the fake cloud answers: provider-computed outputs per resource type (an `update` returns
 * them; a `preview` leaves them unknown, as the engine does) and canned invoke results. An invoke
 * with no entry here fails the run, so a new lookup cannot slip into the program untested.
 */
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

/** Lets fakes read the region of the explicit provider a resource was registered with. */
export interface FakeContext {
  /** Region (or Azure location) of the provider behind a `urn::id` reference; "" if none. */
  regionOf(providerRef: string): string;
}

type Props = Record<string, unknown>;
type OutputFaker = (inputs: Props, args: MockResourceArgs, ctx: FakeContext) => Props;
type InvokeFaker = (inputs: Props, args: MockCallArgs, ctx: FakeContext) => Props;

const str = (v: unknown, fallback: string): string => (typeof v === "string" && v !== "" ? v : fallback);

/** Provider-computed outputs, keyed by type token. Inputs are echoed first; these are added. */
export const FAKE_OUTPUTS: Record<string, OutputFaker> = {
  "aws:s3/bucket:Bucket": (i, a, ctx) => {
    const bucket = str(i.bucket, a.name);
    const region = ctx.regionOf(a.provider ?? "");
    return { bucket, arn: `arn:aws:s3:::${bucket}`, region, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com` };
  },
  "azure-native:storage:StorageAccount": (i, a) => {
    const name = str(i.accountName, a.name);
    return { name, primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/`, dfs: `https://${name}.dfs.core.windows.net/` } };
  },
  "azure-native:storage:BlobContainer": (i, a) => ({ name: str(i.containerName, a.name) }),
  "azure-native:storage:BlobServiceProperties": () => ({ name: "default" }),
  "azure-native:storage:ManagementPolicy": () => ({ name: "default" }),
  "azure-native:resources:ResourceGroup": (i, a) => ({ name: str(i.resourceGroupName, a.name) }),
  "gcp:storage/bucket:Bucket": (i, a) => {
    const name = str(i.name, a.name);
    return { name, url: `gs://${name}`, selfLink: `https://www.googleapis.com/storage/v1/b/${name}` };
  },
  "digitalocean:index/spacesBucket:SpacesBucket": (i, a) => {
    const name = str(i.name, a.name);
    const region = str(i.region, "nyc3");
    return { name, bucketDomainName: `${name}.${region}.digitaloceanspaces.com`, endpoint: `${region}.digitaloceanspaces.com`, urn: `do:space:${name}` };
  },
  "oci:ObjectStorage/bucket:Bucket": (i, a) => ({ name: str(i.name, a.name), bucketId: `ocid1.bucket.oc1..${a.name}` }),
};

/**
 * Provider ids where the real id is meaningful to other resources (an S3 bucket's id is its
 * name; companions reference it). Other resources get `<name>-id`.
 */
export const FAKE_IDS: Record<string, (inputs: Props, args: MockResourceArgs) => string> = {
  "aws:s3/bucket:Bucket": (i, a) => str(i.bucket, a.name),
  "gcp:storage/bucket:Bucket": (i, a) => str(i.name, a.name),
  "digitalocean:index/spacesBucket:SpacesBucket": (i, a) => str(i.name, a.name),
};

/** Canned invoke results, keyed by function token. */
export const FAKE_INVOKES: Record<string, InvokeFaker> = {
  "oci:ObjectStorage/getNamespace:getNamespace": (i) => ({ namespace: "tesseratenancy", compartmentId: i.compartmentId, id: "tesseratenancy" }),
};
