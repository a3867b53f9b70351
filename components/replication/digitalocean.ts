/**
 * BucketReplication to DigitalOcean: none. Spaces has no bucket replication and DigitalOcean no
 * transfer service; placement never pairs a standby there for a stack with buckets, and the
 * component's validation names the reason before this is reached.
 */
import type { Impl } from "../registry";
import type { BucketReplicationArgs, BucketReplicationOutputs } from "./contract";
import { invalid } from "../validation";

export const digitalocean: Impl<"digitalocean", BucketReplicationArgs, BucketReplicationOutputs> = () =>
  invalid("target", "DigitalOcean Spaces has no bucket replication and DigitalOcean has no managed transfer service; allowed destination clouds: aws, azure, gcp, oci");
