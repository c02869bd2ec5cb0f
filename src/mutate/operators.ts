// The mutation operators: where in a spec's source a mutant can be made and what it becomes,
// found with the TypeScript compiler API (the parser and type checker mc already depends on).
// A mutant is one text edit; a site is the node it edits, shared by the mutants made there.

import ts from "typescript";
import { LOOP_BUDGET } from "./protocol.js";

export type Operator = "arithmetic" | "comparison" | "boolean" | "removed-call" | "literal";

/** One mutant: replace [start, end) of `file` with `text`. */
export interface Mutant {
  readonly id: number;
  readonly file: string;
  readonly site: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly operator: Operator;
  /** 1-based line and column of the edit. */
  readonly line: number;
  readonly column: number;
  /** The edit as `before → after`, one line each side. */
  readonly diff: string;
}

/**
 * A loop statement of a mutable file: a mutant gets an iteration counter in each loop of the file
 * it edits, so that a loop it made endless stops at a deterministic budget (withLoopFuel).
 */
export interface Loop {
  readonly file: string;
  /** The statement to wrap (a labelled loop's label included), and its body. */
  readonly start: number;
  readonly end: number;
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly bodyIsBlock: boolean;
}


/** A node that one or more mutants edit: the probe that tells whether it ever ran wraps it. */
export interface Site {
  readonly id: number;
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

const SWAP: { readonly [k: number]: ts.SyntaxKind } = {
  [ts.SyntaxKind.PlusToken]: ts.SyntaxKind.MinusToken,
  [ts.SyntaxKind.MinusToken]: ts.SyntaxKind.PlusToken,
  [ts.SyntaxKind.PlusEqualsToken]: ts.SyntaxKind.MinusEqualsToken,
  [ts.SyntaxKind.MinusEqualsToken]: ts.SyntaxKind.PlusEqualsToken,
  [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanToken,
  [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.LessThanEqualsToken,
  [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.LessThanToken,
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ts.SyntaxKind.ExclamationEqualsEqualsToken,
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: ts.SyntaxKind.EqualsEqualsEqualsToken,
  [ts.SyntaxKind.EqualsEqualsToken]: ts.SyntaxKind.ExclamationEqualsToken,
  [ts.SyntaxKind.ExclamationEqualsToken]: ts.SyntaxKind.EqualsEqualsToken,
  [ts.SyntaxKind.AmpersandAmpersandToken]: ts.SyntaxKind.BarBarToken,
  [ts.SyntaxKind.BarBarToken]: ts.SyntaxKind.AmpersandAmpersandToken,
};
const ARITH = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken]);
const LOGIC = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken]);
/** Object keys whose literal values declare constants or documentation, not protocol. */
const DECLARATIVE_KEYS = new Set(["values", "default", "doc", "min", "max"]);

/**
 * Every mutant of `files` (absolute paths; `program` must contain them). Mutants and sites are
 * numbered from `firstId` in file order, then source order, so the numbering is stable.
 */
export function findMutants(program: ts.Program, files: readonly string[]): { mutants: Mutant[]; sites: Site[]; loops: Loop[] } {
  const checker = program.getTypeChecker();
  const mutants: Mutant[] = [];
  const sites: Site[] = [];
  const loops: Loop[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const text = sf.text;
    const siteOf = (n: ts.Node): number => {
      const start = n.getStart(sf);
      const found = sites.find((s) => s.file === file && s.start === start && s.end === n.end);
      if (found) return found.id;
      sites.push({ id: sites.length, file, start, end: n.end });
      return sites.length - 1;
    };
    const add = (site: ts.Node, start: number, end: number, replacement: string, operator: Operator): void => {
      const { line, character } = sf.getLineAndCharacterOfPosition(start);
      const before = text.slice(site.getStart(sf), site.end);
      const after = text.slice(site.getStart(sf), start) + replacement + text.slice(end, site.end);
      mutants.push({ id: mutants.length, file, site: siteOf(site), start, end, text: replacement, operator, line: line + 1, column: character + 1, diff: `${oneLine(before)} → ${oneLine(after)}` });
    };
    const visit = (n: ts.Node): void => {
      if (ts.isTypeNode(n) || ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return;
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && DECLARATIVE_KEYS.has(n.name.text)) return;
      if (ts.isIterationStatement(n, false)) {
        const stmt = ts.isLabeledStatement(n.parent) ? n.parent : n;
        loops.push({ file, start: stmt.getStart(sf), end: stmt.end, bodyStart: n.statement.getStart(sf), bodyEnd: n.statement.end, bodyIsBlock: ts.isBlock(n.statement) });
      }
      if (ts.isBinaryExpression(n)) {
        const op = n.operatorToken.kind;
        const to = SWAP[op];
        if (to !== undefined) add(n, n.operatorToken.getStart(sf), n.operatorToken.end, ts.tokenToString(to)!, ARITH.has(op) ? "arithmetic" : LOGIC.has(op) ? "boolean" : "comparison");
        // a dropped guard: one operand of a conjunction forced true, of a disjunction forced false
        if (LOGIC.has(op)) {
          const forced = op === ts.SyntaxKind.AmpersandAmpersandToken ? "true" : "false";
          for (const side of [n.left, n.right]) if (!isLogic(side)) add(side, side.getStart(sf), side.end, forced, "boolean");
        }
      } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
        const at = ts.isPrefixUnaryExpression(n) ? n.getStart(sf) : n.operand.end;
        add(n, at, at + 2, n.operator === ts.SyntaxKind.PlusPlusToken ? "--" : "++", "arithmetic");
      } else if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken) {
        add(n, n.getStart(sf), n.operand.getStart(sf), "", "boolean");
      } else if (ts.isNumericLiteral(n) && !isKey(n) && Number.isInteger(Number(n.text))) {
        const v = Number(n.text);
        add(n, n.getStart(sf), n.end, String(v + 1), "literal");
        if (v > 0) add(n, n.getStart(sf), n.end, String(v - 1), "literal");
      } else if (n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword) {
        add(n, n.getStart(sf), n.end, n.kind === ts.SyntaxKind.TrueKeyword ? "false" : "true", "literal");
      } else if (ts.isCallExpression(n)) {
        removedCall(n);
      }
      const c = ts.isIfStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition : undefined;
      if (c !== undefined && !isLogic(c)) {
        for (const forced of ["true", "false"]) add(c, c.getStart(sf), c.end, forced, "boolean");
      }
      ts.forEachChild(n, visit);
    };
    /** `f(x, …)` → `x`, `x.m(…)` → `x` when the result has x's type: a dropped get, put, wake or field update. */
    const removedCall = (n: ts.CallExpression): void => {
      if (ts.isExpressionStatement(n.parent)) {
        add(n, n.getStart(sf), n.end, "undefined", "removed-call");
        return;
      }
      const callType = checker.getTypeAtLocation(n);
      const candidates: ts.Expression[] = [];
      if (ts.isPropertyAccessExpression(n.expression)) candidates.push(n.expression.expression);
      if (n.arguments[0]) candidates.push(n.arguments[0]);
      for (const x of candidates) {
        if (ts.isSpreadElement(x)) continue;
        const xt = checker.getTypeAtLocation(x);
        if (callType.flags & ts.TypeFlags.Any || xt.flags & ts.TypeFlags.Any) continue;
        if (checker.isTypeAssignableTo(xt, callType)) {
          add(n, n.getStart(sf), n.end, `(${text.slice(x.getStart(sf), x.end)})`, "removed-call");
          return;
        }
      }
    };
    ts.forEachChild(sf, visit);
  }
  return { mutants, sites, loops };
}

function isKey(n: ts.Node): boolean {
  const p = n.parent;
  return (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === n;
}

function isLogic(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isBinaryExpression(e) && LOGIC.has(e.operatorToken.kind);
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 90 ? `${t.slice(0, 87)}...` : t;
}

/** `text` with one mutant applied. */
export function applyMutant(text: string, m: Mutant): string {
  return text.slice(0, m.start) + m.text + text.slice(m.end);
}

/**
 * `text` with mutant `m` applied and every loop of its file counting its iterations: the loop is
 * wrapped in a block that declares its counter, and its body first calls
 * globalThis.__mcMutateLoop() once the counter passes LOOP_BUDGET. A loop inside the edited
 * range (a removed call's callback) is left as the edit leaves it.
 */
export function withLoopFuel(text: string, m: Mutant, loops: readonly Loop[]): string {
  const inserts: { at: number; s: string; order: number }[] = [];
  loops.forEach((l, k) => {
    if (l.file !== m.file || [l.start, l.end, l.bodyStart, l.bodyEnd].some((at) => at > m.start && at < m.end)) return;
    const v = `__mcLoop${k}`;
    const guard = `if (++${v} > ${LOOP_BUDGET}) globalThis.__mcMutateLoop();`;
    inserts.push({ at: l.start, s: `{ let ${v} = 0; `, order: 0 }, { at: l.end, s: " }", order: 3 });
    if (l.bodyIsBlock) inserts.push({ at: l.bodyStart + 1, s: ` ${guard}`, order: 1 });
    else inserts.push({ at: l.bodyStart, s: `{ ${guard} `, order: 1 }, { at: l.bodyEnd, s: " }", order: 2 });
  });
  // one pass by position; at the mutant's own start the inserts go first, at its end after it
  inserts.sort((a, b) => a.at - b.at || b.order - a.order);
  let out = "";
  let from = 0;
  const edit = { done: false };
  for (const i of inserts) {
    if (!edit.done && i.at > m.start) {
      out += text.slice(from, m.start) + m.text;
      from = m.end;
      edit.done = true;
    }
    out += text.slice(from, i.at) + i.s;
    from = i.at;
  }
  if (!edit.done) {
    out += text.slice(from, m.start) + m.text;
    from = m.end;
  }
  return out + text.slice(from);
}

/**
 * `text` with every site of `file` wrapped in a probe, `(globalThis.__mcMutateHit(id), node)`:
 * same value, same evaluation order, and a record that the node was evaluated. Nested sites nest.
 */
export function instrument(text: string, file: string, sites: readonly Site[]): string {
  const inserts: { at: number; s: string; order: number }[] = [];
  for (const s of sites) {
    if (s.file !== file) continue;
    inserts.push({ at: s.start, s: `(globalThis.__mcMutateHit(${s.id}), `, order: -(s.end - s.start) });
    inserts.push({ at: s.end, s: ")", order: 0 });
  }
  // by position; at one position, closers before openers, and the wider opener first
  inserts.sort((a, b) => a.at - b.at || (a.s === ")" ? -1 : 0) - (b.s === ")" ? -1 : 0) || a.order - b.order);
  let out = "";
  let from = 0;
  for (const i of inserts) {
    out += text.slice(from, i.at) + i.s;
    from = i.at;
  }
  return out + text.slice(from);
}
