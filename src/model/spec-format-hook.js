// A module-resolution hook (node:module register): a .ts spec written with import/export, in a
// folder whose package.json has no "type": "module" (what `npm init` writes), is resolved by
// Node as CommonJS and then fails to load with "Cannot require() ES Module ... in a cycle".
// mc's specs are ES modules by contract, so a .ts/.tsx/.mts file outside node_modules loads as one.
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.format === "commonjs" && r.url.startsWith("file:") && /\.m?tsx?$/.test(new URL(r.url).pathname) && !r.url.includes("/node_modules/")) {
    return { ...r, format: "module" };
  }
  return r;
}
