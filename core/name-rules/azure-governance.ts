/**
 * Azure physical-name rules of the governance resources: the activity-log export, diagnostic
 * settings, budgets, flow logs and disk encryption sets (checked 2026-11-30).
 */
import { ALNUM, AZURE_NAME_RULES_SOURCE as RULES, AZURERM_SOURCE as AZURERM, type NameRule } from "./rule";

export const AZURE_GOVERNANCE_NAME_RULES = {
  subscriptionDiagnosticSetting: {
    resource: "subscription diagnostic setting name",
    minLength: 1,
    maxLength: 260,
    charset: `${ALNUM}._-`,
    first: ALNUM,
    last: ALNUM,
    separator: "-",
    scope: "subscription",
    source: `${RULES}#microsoftinsights (diagnosticSettings: 1-260, not *<>%:&\\?+/ or a trailing space; at most 5 per subscription)`,
  },
  diagnosticSetting: {
    resource: "diagnostic setting name",
    minLength: 1,
    maxLength: 260,
    charset: `${ALNUM}._-`,
    first: ALNUM,
    last: ALNUM,
    separator: "-",
    scope: "parent",
    source: `${RULES}#microsoftinsights (diagnosticSettings: 1-260, not *<>%:&\\?+/ or a trailing space; at most 5 per resource)`,
  },
  consumptionBudget: {
    resource: "Consumption budget name",
    minLength: 1,
    maxLength: 63,
    charset: `${ALNUM}_-`,
    first: `${ALNUM}_-`,
    last: `${ALNUM}_-`,
    separator: "-",
    scope: "subscription",
    source: `${RULES}#microsoftconsumption; ${AZURERM}/internal/services/consumption/validate/name.go (^[-_a-zA-Z0-9]{1,63}$); Azure/azure-rest-api-specs#45803 (the service accepts more; 1-63 is the documented contract)`,
  },
  flowLog: {
    resource: "Network Watcher flow log name",
    minLength: 1,
    maxLength: 80,
    charset: `${ALNUM}._-`,
    first: ALNUM,
    last: `${ALNUM}_`,
    separator: "-",
    scope: "parent",
    source: `${RULES}#microsoftnetwork (networkWatchers/flowLogs)`,
  },
  diskEncryptionSet: {
    resource: "disk encryption set name",
    minLength: 1,
    maxLength: 80,
    charset: `${ALNUM}_`,
    first: `${ALNUM}_`,
    last: `${ALNUM}_`,
    separator: "_",
    scope: "resource-group",
    source: "https://learn.microsoft.com/rest/api/compute/disk-encryption-sets/create-or-update (\"Supported characters for the name are a-z, A-Z, 0-9, _ and -. The maximum name length is 80 characters\"; older API versions: a-z, A-Z, 0-9 and _)",
  },
} as const satisfies Record<string, NameRule>;
