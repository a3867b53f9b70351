/**
 * Encryption in transit: TLS 1.2 or newer wherever a service lets the minimum be chosen, and no
 * plaintext endpoint — no HTTP listeners or webhooks, no database accepting unencrypted
 * connections.
 */
import {
  Distribution, AlbListener as Listener, ParameterGroup, TopicSubscription, ContainerApp, AzurePgConfiguration, ActionGroup, StorageAccount, SSLPolicy,
  NotificationChannel, DatabaseInstance, OnsSubscription,
} from "../types";
import { CONTROLS } from "../frameworks";
import { extractor, type ResourceRule, typeOf } from "../rule";

/** Transport weaknesses of a resource; empty when it only speaks TLS 1.2+. */
type Transport = readonly string[];

const plainUrl = (url: string | undefined) => url !== undefined && /^http:\/\//i.test(url);
/** Old TLS names across clouds: TLS1_0, TLS_1_1, TLSv1, TLSv1.1_2016, ELBSecurityPolicy-2016-08, TLS-1-0… */
const OLD_TLS = /TLS_?v?1(_|\.|-)?[01]\b|TLSv1(_2016|_2019)?$|TLS1_[01]|2016-08|2015-05|TLS-1-[01]|SSLv3/i;

export const tlsInTransit: ResourceRule<Transport> = {
  kind: "resource",
  id: "tls-in-transit",
  description: "Traffic must be encrypted in transit: TLS 1.2 or newer, no plaintext HTTP endpoints or database connections.",
  severity: "high",
  frameworks: CONTROLS.transitEncryption,
  remediation: "Require TLS (tessera's components do): HTTPS-only endpoints and webhooks, minimum TLS 1.2, databases that refuse unencrypted connections.",
  defaults: {},
  extractors: [
    extractor(StorageAccount, "azure", (p) => [
      ...(p.enableHttpsTrafficOnly === false ? ["enableHttpsTrafficOnly is false"] : []),
      ...(p.minimumTlsVersion === undefined || OLD_TLS.test(p.minimumTlsVersion) ? [`minimumTlsVersion is ${p.minimumTlsVersion ?? "not set"}, not TLS1_2`] : []),
    ]),
    extractor(AzurePgConfiguration, "azure", (p) => {
      const name = p.configurationName?.toLowerCase();
      if (name === "require_secure_transport" && p.value?.toUpperCase() === "OFF") return ["require_secure_transport is OFF"];
      if (name === "ssl_min_protocol_version" && p.value !== undefined && OLD_TLS.test(p.value)) return [`ssl_min_protocol_version is ${p.value}`];
      return [];
    }),
    extractor(ContainerApp, "azure", (p) => (p.configuration?.ingress?.allowInsecure === true ? ["ingress allowInsecure is true (plain HTTP accepted)"] : [])),
    extractor(ActionGroup, "azure", (p) => (p.webhookReceivers ?? []).filter((w) => plainUrl(w.serviceUri)).map((w) => `webhook ${w.name} is plain HTTP`)),
    extractor(ParameterGroup, "aws", (p) => {
      const params = new Map((p.parameters ?? []).map((x) => [x.name, x.value]));
      if (p.family.startsWith("postgres") && params.get("rds.force_ssl") !== "1") return ["rds.force_ssl is not 1 (unencrypted connections accepted)"];
      if (/^mysql|^mariadb/.test(p.family) && !["1", "ON"].includes((params.get("require_secure_transport") ?? "").toUpperCase())) return ["require_secure_transport is not ON"];
      return [];
    }),
    extractor(TopicSubscription, "aws", (p) => (p.protocol === "http" ? ["subscription protocol is http"] : [])),
    extractor(Listener, "aws", (p) => {
      if (p.protocol === "HTTP" && !(p.defaultActions ?? []).every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS")) return ["listener serves plain HTTP (not only a redirect to HTTPS)"];
      return p.sslPolicy !== undefined && OLD_TLS.test(p.sslPolicy) ? [`sslPolicy ${p.sslPolicy} allows TLS older than 1.2`] : [];
    }),
    extractor(Distribution, "aws", (p) => [
      ...[p.defaultCacheBehavior, ...(p.orderedCacheBehaviors ?? [])].filter((b) => b.viewerProtocolPolicy === "allow-all").map(() => "a cache behavior allows plain HTTP (viewerProtocolPolicy allow-all)"),
      ...(p.viewerCertificate.minimumProtocolVersion !== undefined && !/^TLSv1\.[23]/.test(p.viewerCertificate.minimumProtocolVersion) ? [`minimumProtocolVersion ${p.viewerCertificate.minimumProtocolVersion} is older than TLSv1.2`] : []),
    ]),
    extractor(DatabaseInstance, "gcp", (p) => {
      const ip = p.settings?.ipConfiguration;
      return ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(ip?.sslMode ?? "") ? [] : [`sslMode is ${ip?.sslMode ?? "not set (unencrypted connections accepted)"}`];
    }),
    extractor(SSLPolicy, "gcp", (p) => (p.minTlsVersion === undefined || OLD_TLS.test(p.minTlsVersion) ? [`minTlsVersion is ${p.minTlsVersion ?? "not set (TLS_1_0)"}`] : [])),
    extractor(NotificationChannel, "gcp", (p) => (plainUrl(p.labels?.url) ? ["webhook URL is plain HTTP"] : [])),
    extractor(OnsSubscription, "oci", (p) => (plainUrl(p.endpoint) ? ["subscription endpoint is plain HTTP"] : [])),
  ],
  check: (weaknesses) => weaknesses.map((w) => `not encrypted in transit: ${w}`),
  remediate: {
    [typeOf(StorageAccount)]: (p) => ({ ...p, enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2" }),
  },
};
