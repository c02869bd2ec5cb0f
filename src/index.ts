// mc's public API. Specs import defineSpec from here; tools embed the checker through check().
// Everything not listed here is internal.

export { defineSpec } from "./spec/define-spec.js";
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
  Spec,
  SpecDef,
  SpecView,
  State,
} from "./spec/types.js";
export { McError, ERROR_CODES, type ErrorCode } from "./result/errors.js";
export { check } from "./explore/check.js";
export type { CheckOptions, Strategy } from "./explore/options.js";
export type { CheckListener, CheckResult, FairnessNote, Progress, TraceStep, Verdict, Violation } from "./result/result.js";
