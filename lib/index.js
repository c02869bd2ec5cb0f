// mc as an installed package (`import ... from "mc"`). mc ships TypeScript sources run through
// tsx, with no build step; Node loads this file itself (vitest does not transform packages in
// node_modules), so it registers tsx once per thread, as bin/mc.js does, and re-exports the
// public API of src/index.ts. Keep the list in step with src/index.ts's value exports.
import "../src/model/register-loader.js";
const mc = await import("../src/index.ts");

export const { defineSpec, ids, eventually, leadsTo, infinitelyOften, eventuallyAlways, McError, ERROR_CODES, check, checkSpec } = mc;
export const { simulate, renderHtmlReport } = mc;
