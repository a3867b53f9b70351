/**
 * Compliance frameworks tessera's rules map to, and the vocabulary of rule metadata.
 *
 * Control references:
 * - GDPR: articles of Regulation (EU) 2016/679.
 * - CCPA: sections of Cal. Civ. Code §1798 (as amended by CPRA).
 * - SOX: not a control catalog; auditors test IT general controls (ITGC) and rely on the
 *   provider's SOC 1 report. Rules name the ITGC domain they support.
 * - SOC 2: 2017 Trust Services Criteria (CC = common criteria, A = availability, C = confidentiality).
 * - PCI DSS: v4.0 requirements.
 * - HIPAA: Security Rule sections of 45 CFR §164.
 * - ISO 27001: ISO/IEC 27001:2022 Annex A controls.
 */

/** Frameworks users select rules by. */
export const FRAMEWORKS = ["gdpr", "ccpa", "sox", "soc2", "pci-dss", "hipaa", "iso27001"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Display names. */
export const FRAMEWORK_NAMES = {
  gdpr: "GDPR",
  ccpa: "CCPA/CPRA",
  sox: "SOX (via SOC 1 / ITGC)",
  soc2: "SOC 2",
  "pci-dss": "PCI DSS 4.0",
  hipaa: "HIPAA Security Rule",
  iso27001: "ISO/IEC 27001:2022",
} as const satisfies Record<Framework, string>;

/** Severities, lowest first (the order `minSeverity` compares in). */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The controls a rule serves, per framework. */
export type Controls = Partial<Record<Framework, readonly string[]>>;

/** Reusable control sets, so the same intent maps the same way in every rule. */
export const CONTROLS = {
  encryptionAtRest: {
    gdpr: ["Art. 32(1)(a)"],
    ccpa: ["§1798.150(a)(1)"],
    sox: ["ITGC: logical access"],
    soc2: ["CC6.1", "C1.1"],
    "pci-dss": ["3.5.1"],
    hipaa: ["§164.312(a)(2)(iv)"],
    iso27001: ["A.8.24"],
  },
  customerManagedKeys: {
    gdpr: ["Art. 32(1)(a)"],
    soc2: ["CC6.1"],
    "pci-dss": ["3.6.1", "3.7.1"],
    hipaa: ["§164.312(a)(2)(iv)"],
    iso27001: ["A.8.24"],
  },
  noPublicData: {
    gdpr: ["Art. 25(2)", "Art. 32(1)(b)"],
    ccpa: ["§1798.150(a)(1)"],
    sox: ["ITGC: logical access"],
    soc2: ["CC6.1", "CC6.6"],
    "pci-dss": ["1.4.4", "7.2.1"],
    hipaa: ["§164.312(a)(1)"],
    iso27001: ["A.8.3", "A.5.15"],
  },
  transitEncryption: {
    gdpr: ["Art. 32(1)(a)"],
    ccpa: ["§1798.150(a)(1)"],
    soc2: ["CC6.7"],
    "pci-dss": ["4.2.1"],
    hipaa: ["§164.312(e)(1)", "§164.312(e)(2)(ii)"],
    iso27001: ["A.8.24", "A.8.20"],
  },
  networkExposure: {
    gdpr: ["Art. 32(1)(b)"],
    sox: ["ITGC: logical access"],
    soc2: ["CC6.6"],
    "pci-dss": ["1.3.1", "1.4.1"],
    hipaa: ["§164.312(a)(1)"],
    iso27001: ["A.8.20", "A.8.22"],
  },
  recovery: {
    gdpr: ["Art. 32(1)(c)"],
    sox: ["ITGC: computer operations (backup and recovery)"],
    soc2: ["A1.2", "CC7.5"],
    "pci-dss": ["12.10.1"],
    hipaa: ["§164.308(a)(7)(ii)(A)", "§164.312(c)(1)"],
    iso27001: ["A.8.13", "A.8.14"],
  },
  changeProtection: {
    sox: ["ITGC: change management"],
    soc2: ["CC8.1"],
    "pci-dss": ["6.5.1"],
    hipaa: ["§164.312(c)(1)"],
    iso27001: ["A.8.32"],
  },
  inventory: {
    gdpr: ["Art. 30"],
    sox: ["ITGC: computer operations"],
    soc2: ["CC3.2", "CC7.1"],
    "pci-dss": ["12.5.1"],
    hipaa: ["§164.310(d)(1)"],
    iso27001: ["A.5.9"],
  },
  residency: {
    gdpr: ["Art. 44", "Art. 46"],
    ccpa: ["§1798.100(d)"],
    iso27001: ["A.5.34", "A.5.23"],
  },
  cost: {
    sox: ["ITGC: computer operations"],
    soc2: ["CC5.2"],
    iso27001: ["A.5.23"],
  },
  auditLogging: {
    gdpr: ["Art. 5(2)"],
    sox: ["ITGC: logical access (audit trail)"],
    soc2: ["CC7.2", "CC7.3"],
    "pci-dss": ["10.2.1", "10.3.3", "10.3.4", "10.5.1"],
    hipaa: ["§164.312(b)"],
    iso27001: ["A.8.15"],
  },
  dataAccessLogging: {
    gdpr: ["Art. 5(2)"],
    sox: ["ITGC: logical access (audit trail)"],
    soc2: ["CC7.2"],
    "pci-dss": ["10.2.1", "10.2.1.1"],
    hipaa: ["§164.312(b)"],
    iso27001: ["A.8.15"],
  },
  networkMonitoring: {
    sox: ["ITGC: computer operations (monitoring)"],
    soc2: ["CC7.2"],
    "pci-dss": ["10.2.1"],
    hipaa: ["§164.312(b)"],
    iso27001: ["A.8.16", "A.8.20"],
  },
  costMonitoring: {
    sox: ["ITGC: computer operations"],
    soc2: ["CC5.2", "CC7.2"],
    iso27001: ["A.5.23", "A.8.16"],
  },
  secretHandling: {
    gdpr: ["Art. 32(1)(b)"],
    ccpa: ["§1798.150(a)(1)"],
    sox: ["ITGC: logical access"],
    soc2: ["CC6.1", "CC6.7"],
    "pci-dss": ["8.3.2", "8.6.2"],
    hipaa: ["§164.312(a)(1)", "§164.312(d)"],
    iso27001: ["A.5.17", "A.8.5"],
  },
} as const satisfies Record<string, Controls>;
