/**
 * Names that hold secrets (`DB_PASSWORD`, `STRIPE_API_KEY`, `GITHUB_TOKEN`, …). Pure: components
 * route such environment variables to the cloud's secret mechanism where it has one, and the
 * policy pack flags them where they sit in plain configuration.
 */
const SENSITIVE = /(^|[_\-.])(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|CREDENTIALS?|CONNECTION_?STRING)([_\-.]|$)/i;

/** True when a configuration name looks like it holds a secret. */
export const isSensitiveName = (name: string): boolean => SENSITIVE.test(name);
