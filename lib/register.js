// Registers the tsx loader once per thread (as lib/index.js and bin/mc.js do), so that an
// installed mc's TypeScript sources load; the subpath shims import it before their sources.
import { register } from "tsx/esm/api";

const REGISTERED = Symbol.for("mc.tsx-registered");
if (!globalThis[REGISTERED]) {
  register();
  globalThis[REGISTERED] = true;
}
