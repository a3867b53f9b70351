/**
 * The policy rules through @pulumi/policy's own RPC handlers with engine-shaped requests, in one
 * process over one capture of every component and every non-compliant fixture (see suite.ts).
 */
import "./policy/coverage";
import "./policy/data";
import "./policy/network";
import "./policy/preview";
import "./policy/replication";
import "./policy/webtier";
import "./policy/governance";
import "./policy/types";
