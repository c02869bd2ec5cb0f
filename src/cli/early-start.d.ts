// Types of early-start.js (plain JavaScript: bin/mc.js runs it before tsx is loaded).
export function plainCheck(argv: readonly string[]): { readonly spec: string; readonly rest: readonly string[] } | undefined;
export function startEarlyWorkers(argv: readonly string[]): void;
