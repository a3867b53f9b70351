/**
 * OCI physical-name rules (checked 2026-11-30). Most OCI names are display names: labels, not
 * identities (the OCID is the identity), so two stacks may share one; the few unique ones are
 * marked with their scope.
 */
import { ALNUM, type NameRule } from "./rule";

const DOCS = "https://docs.oracle.com/iaas/Content";
const TF = "https://docs.oracle.com/iaas/tools/terraform-provider-oci/latest/docs/r";

/** A display name: tessera keeps them to letters, digits, `.`, `_` and `-`. */
const display = (resource: string, source: string, scope: NameRule["scope"] = "none"): NameRule => ({
  resource,
  minLength: 1,
  maxLength: 255,
  charset: `${ALNUM}._-`,
  first: ALNUM,
  last: ALNUM,
  separator: "-",
  scope,
  source,
});

export const OCI_NAME_RULES = {
  bucket: {
    resource: "Object Storage bucket name",
    minLength: 1,
    maxLength: 256,
    charset: `${ALNUM}._-`,
    first: `${ALNUM}._-`,
    last: `${ALNUM}._-`,
    separator: "-",
    scope: "tenancy-region",
    source: `${DOCS}/Object/Tasks/managingbuckets.htm (unique in the tenancy's namespace)`,
  },
  vcnDnsLabel: {
    resource: "VCN DNS label",
    minLength: 1,
    maxLength: 15,
    charset: ALNUM,
    first: "a-zA-Z",
    last: ALNUM,
    separator: "",
    scope: "none",
    source: `${DOCS}/Network/Concepts/dns.htm`,
  },
  displayName: display("display name", `${DOCS}/General/Concepts/identifiers.htm`),
  notificationTopic: {
    resource: "Notifications topic name",
    minLength: 1,
    maxLength: 256,
    charset: `${ALNUM}_-`,
    first: `${ALNUM}_-`,
    last: `${ALNUM}_-`,
    separator: "-",
    scope: "tenancy",
    source: `${DOCS}/Notification/Tasks/create-topic.htm (unique across the tenancy, case-sensitive)`,
  },
  logGroup: display("Logging log group name", `${DOCS}/Logging/Task/managinglogs.htm`, "compartment"),
  functionsApplication: display("Functions application name", `${TF}/functions_application.html`, "compartment"),
  function: display("function name", `${TF}/functions_function.html`, "parent"),
  okeCluster: display("OKE cluster name", `${TF}/containerengine_cluster.html`),
  okeNodePool: display("OKE node pool name", `${TF}/containerengine_node_pool.html`),
  autonomousDatabase: {
    resource: "Autonomous Database name (db_name)",
    minLength: 1,
    maxLength: 30,
    charset: ALNUM,
    first: "a-zA-Z",
    last: ALNUM,
    separator: "",
    scope: "tenancy-region",
    source: "https://docs.oracle.com/en/cloud/paas/autonomous-database/adbsa/autonomous-provision.html; oracle-quickstart/oci-arch-adw-oac#20 (\"must be unique among all Autonomous Databases in your tenancy in the same region\")",
  },
  privateEndpointLabel: {
    resource: "Autonomous Database private endpoint host name prefix",
    minLength: 1,
    maxLength: 63,
    charset: "a-z0-9-",
    first: "a-z",
    last: "a-z0-9",
    separator: "-",
    scope: "parent",
    source: `${TF}/database_autonomous_database.html (private_endpoint_label)`,
  },
  iamPolicy: {
    resource: "IAM policy name",
    minLength: 1,
    maxLength: 100,
    charset: `${ALNUM}._-`,
    first: ALNUM,
    last: ALNUM,
    separator: "-",
    scope: "tenancy",
    source: `${TF}/identity_policy.html ("must be unique across all policies in your tenancy and cannot be changed")`,
  },
  vaultSecret: {
    resource: "Vault secret name",
    minLength: 1,
    maxLength: 255,
    charset: `${ALNUM}._-`,
    first: ALNUM,
    last: ALNUM,
    separator: "-",
    scope: "parent",
    kept: "a deleted secret is pending deletion (1-30 days) and keeps its name in the vault",
    source: "oracle/terraform-provider-oci#1765; external-secrets/external-secrets#6771",
  },
  log: display("Logging log name", `${TF}/logging_log.html (unique in its log group)`, "parent"),
  budget: display("Budgets budget name", `${TF}/budget_budget.html; ${DOCS}/Billing/Concepts/budgetsoverview.htm`, "compartment"),
  budgetRule: display("Budgets alert rule name", `${TF}/budget_alert_rule.html`, "parent"),
} as const satisfies Record<string, NameRule>;
