/**
 * Every component on every cloud, in one process (see components/suite.ts): exact children,
 * security-relevant inputs, providers, tags, outputs and validation.
 */
import "./components/storage";
import "./components/storage-validation";
import "./components/network";
import "./components/instances";
import "./components/gpu";
import "./components/postgres";
import "./components/cluster";
import "./components/secrets";
import "./components/function";
import "./components/alerts";
import "./components/warehouse";
import "./components/failover";
import "./components/replication";
import "./components/webtier";
import "./components/names";
import "./components/prerequisites";
