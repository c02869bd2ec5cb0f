// Entry point of the type-check process (background-typecheck.ts starts it): registers the tsx
// loader so that mc's TypeScript sources load, then runs the check.
import { register } from "tsx/esm/api";

register();
await import("./typecheck-child.ts");
