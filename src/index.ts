// mc's public API. Specs import defineSpec from here; tools embed the checker through check().
// Everything not listed here is internal.

export { defineSpec, ids } from "./spec/define-spec.js";
export { eventually, leadsTo, infinitelyOften, eventuallyAlways } from "./spec/properties.js";
export type { Property, StatePredicate } from "./spec/properties.js";
export type {
  Action,
  ActionProperties,
  ActionProperty,
  Actions,
  ConstDecl,
  ConstDecls,
  ConstValue,
  ConstValues,
  Fairness,
  FairnessKind,
  Invariant,
  Invariants,
  Next,
  Properties,
  RefEvent,
  RefKind,
  Spec,
  SpecDef,
  SpecLog,
  SpecView,
  State,
  OwnedSet,
  Symmetry,
} from "./spec/types.js";
export { McError, ERROR_CODES, type ErrorCode } from "./result/errors.js";
export { check } from "./explore/check.js";
export type { CheckOptions, Strategy } from "./explore/options.js";
export { checkSpec } from "./api/check-spec.js";
export { simulate } from "./explore/simulate.js";
export type { SimulateOptions, SimulationInfo, SimulationResult } from "./explore/simulate.js";
export { renderHtmlReport } from "./report/html.js";
export type { CheckListener, CheckResult, Coverage, FairnessNote, Progress, TraceStep, Verdict, Violation } from "./result/result.js";
export type { Ledger, LedgerAnomaly, LedgerRow } from "./result/result.js";
